"""Buku Cuti: working days, the sisa-cuti decision step, approval/refusal, versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import models
from jogoroto_desktop import session
from jogoroto_desktop.registers import kepegawaian as kp
from jogoroto_desktop.validation import ValidationError

NOW = dt.datetime(2026, 3, 2, 9, 0)  # a Monday
CAMAT = session.Actor("camat", "Pak Camat", "camat")


@pytest.fixture
def budi(database: Path) -> models.Pegawai:
    return kp.tambah_pegawai(kp.PegawaiInput(
        nip="19850312 201001 1 002", nama="Budi", pangkat="III/a", jabatan="Staf"),
        now=NOW)


def ajukan(pegawai: models.Pegawai, mulai: str, selesai: str, jenis: str = "tahunan",
           now: dt.datetime = NOW, alasan: str = "") -> models.Cuti:
    return kp.ajukan_cuti(kp.CutiInput(pegawai, jenis, mulai, selesai, alasan), now=now)


def approved(pegawai: models.Pegawai, mulai: str, selesai: str) -> models.Cuti:
    cuti = ajukan(pegawai, mulai, selesai, now=dt.datetime.fromisoformat(mulai) - dt.timedelta(30))
    with session.acting_as(CAMAT):
        return kp.putuskan_cuti(cuti, True)


def test_working_days_skip_weekends_and_holidays(database: Path) -> None:
    assert kp.hari_kerja(dt.date(2026, 3, 2), dt.date(2026, 3, 6)) == 5
    assert kp.hari_kerja(dt.date(2026, 3, 6), dt.date(2026, 3, 9)) == 2  # Fri + Mon
    assert kp.hari_kerja(dt.date(2026, 3, 7), dt.date(2026, 3, 8)) == 0
    # 17 Agustus 2026 is a Monday: a fixed national holiday.
    assert kp.hari_kerja(dt.date(2026, 8, 17), dt.date(2026, 8, 21)) == 4
    kp.simpan_hari_libur({dt.date(2026, 3, 19): "Hari Suci Nyepi"})
    assert kp.hari_libur() == {dt.date(2026, 3, 19): "Hari Suci Nyepi"}
    assert kp.hari_kerja(dt.date(2026, 3, 16), dt.date(2026, 3, 20)) == 4
    assert models.Audit.get(models.Audit.tabel == "setting").ringkasan.startswith("Daftar")


def test_sisa_cuti_counts_approved_and_pending_leave(budi: models.Pegawai) -> None:
    assert kp.sisa_cuti(budi, 2026).sisa == 24  # nothing taken in 2024 and 2025
    approved(budi, "2025-06-02", "2025-06-04")  # 3 days in 2025
    sisa = kp.sisa_cuti(budi, 2026)
    assert (sisa.jatah, sisa.bawaan, sisa.hak) == (12, 6, 18)  # carry-over capped at 6
    ajukan(budi, "2026-04-06", "2026-04-10")  # 5 days pending
    sisa = kp.sisa_cuti(budi, 2026)
    assert (sisa.terpakai, sisa.diajukan, sisa.sisa) == (0, 5, 13)
    assert "menunggu keputusan 5" in sisa.describe()


def test_carry_over_is_what_is_left_of_last_year(budi: models.Pegawai) -> None:
    approved(budi, "2025-06-02", "2025-06-13")  # 10 days
    assert kp.sisa_cuti(budi, 2026).hak == 14


def test_first_year_of_service_has_no_annual_leave(database: Path) -> None:
    baru = kp.tambah_pegawai(kp.PegawaiInput(
        nip="19980101 202507 2 001", nama="Rina", pangkat="II/a", jabatan="Staf"), now=NOW)
    assert kp.sisa_cuti(baru, 2025).hak == 0
    with pytest.raises(ValidationError) as info:
        ajukan(baru, "2026-03-23", "2026-03-24")
    assert "setelah 1 tahun bekerja" in info.value.problems["jenis"]


def test_a_request_beyond_the_sisa_is_refused_and_nothing_written(
        budi: models.Pegawai) -> None:
    approved(budi, "2025-06-02", "2025-06-13")  # hak 2026: 14
    with pytest.raises(ValidationError) as info:
        ajukan(budi, "2026-04-01", "2026-04-21")  # 15 working days
    assert "Sisa cuti tidak cukup: diminta 15 hari kerja" in info.value.problems["hari"]
    assert "sisa cuti tahunan 2026: 14 hari" in info.value.problems["hari"]
    assert models.Cuti.select().where(models.Cuti.tahun == 2026).count() == 0
    assert ajukan(budi, "2026-04-01", "2026-04-20").hari == 14  # exactly the sisa
    with pytest.raises(ValidationError, match="diminta 1 hari kerja"):
        ajukan(budi, "2026-05-04", "2026-05-04")


def test_approval_and_refusal_by_the_camat(budi: models.Pegawai) -> None:
    cuti = ajukan(budi, "2026-03-23", "2026-03-27")
    steps = models.Langkah.select().where((models.Langkah.jenis == "cuti")
                                          & (models.Langkah.rekaman_id == cuti.id))
    assert [s.langkah for s in steps.order_by(models.Langkah.id)] == [1, 2]
    kasubag = session.Actor("umum", "Kasubag", "kasubag_umum")
    with session.acting_as(kasubag), pytest.raises(session.PermissionDenied, match="menyetujui"):
        kp.putuskan_cuti(cuti, True)
    with session.acting_as(CAMAT):
        with pytest.raises(ValidationError, match="Alasan penolakan wajib diisi"):
            kp.putuskan_cuti(cuti, False)
        kp.putuskan_cuti(cuti, False, "Bertepatan dengan Musrenbang")
        with pytest.raises(ValidationError, match="sudah ditolak"):
            kp.putuskan_cuti(cuti, True)
    stored = models.Cuti.get_by_id(cuti.id)
    assert (stored.status, stored.status_alasan) == ("ditolak", "Bertepatan dengan Musrenbang")
    assert kp.sisa_cuti(budi, 2026).sisa == 24
    audit_row = models.Audit.select().where(models.Audit.tabel == "cuti").order_by(
        models.Audit.id.desc()).get()
    assert "ditolak: Bertepatan" in audit_row.ringkasan and audit_row.oleh == "Pak Camat"


def test_approval_checks_the_sisa_again(budi: models.Pegawai) -> None:
    cuti = ajukan(budi, "2026-04-06", "2026-04-17")  # 10 days of 24
    kp.ubah_pegawai(budi, kp.PegawaiInput(nip=budi.nip, nama="Budi", pangkat="III/a",
                                          jabatan="Staf", jatah_cuti=4), now=NOW)
    with session.acting_as(CAMAT), pytest.raises(ValidationError, match="tidak cukup"):
        kp.putuskan_cuti(models.Cuti.get_by_id(cuti.id), True)
    assert models.Cuti.get_by_id(cuti.id).status == "diajukan"


def test_a_decision_on_a_stale_copy_is_refused(budi: models.Pegawai) -> None:
    cuti = ajukan(budi, "2026-03-23", "2026-03-24")
    stale = models.Cuti.get_by_id(cuti.id)
    with session.acting_as(CAMAT):
        kp.putuskan_cuti(cuti, True)
        with pytest.raises(ValidationError):
            kp.putuskan_cuti(stale, False, "terlambat")
    assert models.Cuti.get_by_id(cuti.id).status == "disetujui"


def test_overlap_and_wrong_dates_are_refused(budi: models.Pegawai) -> None:
    ajukan(budi, "2026-03-23", "2026-03-27")
    with pytest.raises(ValidationError, match="Bertumpuk"):
        ajukan(budi, "2026-03-27", "2026-03-30")
    with pytest.raises(ValidationError, match="sebelum tanggal mulai"):
        ajukan(budi, "2026-05-05", "2026-05-04")
    with pytest.raises(ValidationError, match="tidak memuat satu hari kerja"):
        ajukan(budi, "2026-05-09", "2026-05-10")
    with pytest.raises(ValidationError, match="pergantian tahun"):
        ajukan(budi, "2026-12-28", "2027-01-05")
    with pytest.raises(ValidationError, match="perempuan"):
        ajukan(budi, "2026-06-01", "2026-08-01", jenis="melahirkan")
    with pytest.raises(ValidationError, match="Alasan cuti wajib"):
        ajukan(budi, "2026-06-01", "2026-06-02", jenis="alasan_penting")
    sakit = ajukan(budi, "2026-06-08", "2026-06-12", jenis="sakit")
    assert sakit.hari == 5  # sick leave is not counted against the sisa
    assert kp.sisa_cuti(budi, 2026).diajukan == 5


def test_late_request_is_flagged_against_the_two_weeks(budi: models.Pegawai) -> None:
    on_time = ajukan(budi, "2026-03-16", "2026-03-16")  # exactly 2 weeks ahead
    late = ajukan(budi, "2026-03-10", "2026-03-11")
    assert not kp.diajukan_terlambat(on_time)
    assert kp.diajukan_terlambat(late)


def test_voiding_returns_the_days(budi: models.Pegawai) -> None:
    cuti = approved(budi, "2026-04-06", "2026-04-10")
    assert kp.sisa_cuti(budi, 2026).sisa == 19
    with pytest.raises(ValidationError, match="Alasan pembatalan"):
        kp.batalkan_cuti(cuti, "")
    kp.batalkan_cuti(cuti, "Pegawai membatalkan")
    assert kp.sisa_cuti(budi, 2026).sisa == 24
    assert models.Cuti.get_by_id(cuti.id).batal_alasan == "Pegawai membatalkan"
    assert [c.id for c in kp.query_cuti(tahun=2026, teks="budi")] == [cuti.id]


def test_pengantar_for_an_approved_leave(budi: models.Pegawai) -> None:
    cuti = approved(budi, "2026-04-06", "2026-04-10")
    data = kp.pengantar_bkd(budi, kp.CUTI, cuti=cuti)
    assert data["sumber"] == f"pegawai:{budi.id}:cuti-{cuti.id}"
    assert "6 April 2026 s.d. 10 April 2026 (5 hari kerja)" in data["items"][0]["jenis"]
    assert data["items"][1]["jenis"] == "Formulir Cuti"
