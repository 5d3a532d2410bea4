"""Pegawai master and Buku Penjagaan: NIP agreement, pangkat table, versions, permissions,
coming kenaikan pangkat and pensiun with the SOP's lead time."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import models
from jogoroto_desktop import session
from jogoroto_desktop.registers import kepegawaian as kp
from jogoroto_desktop.sop.catalog import default_catalog, normalize_text
from jogoroto_desktop.sop.waktu import Deadline
from jogoroto_desktop.validation import ValidationError

NOW = dt.datetime(2027, 1, 10, 9, 0)
CAMAT_NIP = "19690814 199703 2 003"  # born 14 Agustus 1969, perempuan
STAF_NIP = "198503122010011002"  # born 12 Maret 1985, laki-laki, TMT CPNS Januari 2010


@pytest.fixture
def db(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "k.sqlite3")
    yield
    models.close_database()


def add(nip: str = STAF_NIP, nama: str = "Budi Santoso", pangkat: str = "III/a",
        **extra: object) -> models.Pegawai:
    data = kp.PegawaiInput(nip=nip, nama=nama, pangkat=pangkat, jabatan="Staf Subbag Umum",
                           **extra)  # type: ignore[arg-type]
    return kp.tambah_pegawai(data, now=NOW)


def test_pegawai_takes_birth_date_and_sex_from_the_nip(db: None) -> None:
    pegawai = add(CAMAT_NIP.replace(" ", ""), "Camat", "Pembina Tk. I",
                  jenis_jabatan="administrasi", tmt_pangkat="2019-04-01")
    stored = models.Pegawai.get_by_id(pegawai.id)
    assert stored.nip == CAMAT_NIP
    assert stored.tanggal_lahir == dt.date(1969, 8, 14)
    assert stored.tmt_cpns == dt.date(1997, 3, 1)
    assert stored.jenis_kelamin == "P"
    assert (stored.golongan, stored.pangkat) == ("IV/b", "Pembina Tingkat I")
    assert stored.bup == 58 and stored.jatah_cuti == 12 and stored.aktif
    row = models.Audit.get((models.Audit.tabel == "pegawai") & (models.Audit.aksi == "buat"))
    assert row.rekaman_id == pegawai.id
    assert json.loads(row.perubahan)["nip"] == [None, CAMAT_NIP]


def test_bup_follows_the_kind_of_jabatan_and_can_be_typed(db: None) -> None:
    assert add(jenis_jabatan="pimpinan_tinggi").bup == 60
    other = add("19900101 201501 2 001", "Siti", "II/c", bup="59")
    assert other.bup == 59
    with pytest.raises(ValidationError) as info:
        add("19900101 201501 2 002", "Rina", "II/c", bup="80")
    assert "antara 56 dan 70" in info.value.problems["bup"]


def test_invalid_nip_writes_nothing(db: None) -> None:
    with pytest.raises(ValidationError) as info:
        add("19850312 201001 3 002")
    assert "ke-15" in info.value.problems["nip"]
    assert models.Pegawai.select().count() == 0
    assert models.Audit.select().count() == 0


def test_a_birth_date_or_sex_that_disagrees_with_the_nip_is_refused(db: None) -> None:
    with pytest.raises(ValidationError) as info:
        add(tanggal_lahir="1985-03-13", jenis_kelamin="P")
    assert "tidak cocok dengan NIP" in info.value.problems["tanggal_lahir"]
    assert "12 Maret 1985" in info.value.problems["tanggal_lahir"]
    assert "Laki-laki" in info.value.problems["jenis_kelamin"]
    assert models.Pegawai.select().count() == 0
    assert add(tanggal_lahir="12 Maret 1985", jenis_kelamin="L").jenis_kelamin == "L"


def test_the_same_nip_twice_is_refused(db: None) -> None:
    add()
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        add(nama="Orang Lain")


@pytest.mark.parametrize(("text", "expected"), [
    ("III/a", ("III/a", "Penata Muda")),
    ("iii a", ("III/a", "Penata Muda")),
    ("Penata Muda Tk. I", ("III/b", "Penata Muda Tingkat I")),
    ("Pembina Utama Madya, IV/d", ("IV/d", "Pembina Utama Madya")),
    ("Juru Muda (I/a)", ("I/a", "Juru Muda")),
    ("pengatur tingkat i", ("II/d", "Pengatur Tingkat I")),
])
def test_pangkat_is_read_from_name_or_golongan(text: str, expected: tuple[str, str]) -> None:
    assert kp.parse_pangkat(text) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("Penata, III/a", "adalah golongan III/c"),
    ("I/e", "tidak ada"),
    ("Letnan", "tidak dikenal"),
    ("", "wajib diisi"),
])
def test_wrong_pangkat_is_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        kp.parse_pangkat(text)


def test_update_refuses_a_stale_version_and_is_audited(db: None) -> None:
    pegawai = add()
    here = models.Pegawai.get_by_id(pegawai.id)
    there = models.Pegawai.get_by_id(pegawai.id)
    data = kp.PegawaiInput(nip=STAF_NIP, nama="Budi Santoso, S.Sos", pangkat="III/b",
                           jabatan="Kasubag Umum", tmt_pangkat="2026-04-01")
    kp.ubah_pegawai(there, data, now=NOW)
    assert there.versi == 2
    with pytest.raises(ValidationError, match="komputer lain"):
        kp.ubah_pegawai(here, data, now=NOW)
    stored = models.Pegawai.get_by_id(pegawai.id)
    assert (stored.golongan, stored.nama, stored.versi) == ("III/b", "Budi Santoso, S.Sos", 2)
    change = models.Audit.get((models.Audit.aksi == "ubah") & (models.Audit.tabel == "pegawai"))
    assert json.loads(change.perubahan)["golongan"] == ["III/a", "III/b"]


def test_deactivate_needs_a_reason_and_keeps_the_record(db: None) -> None:
    pegawai = add()
    with pytest.raises(ValidationError, match="Alasan wajib diisi"):
        kp.set_aktif(pegawai, False)
    kp.set_aktif(pegawai, False, "Pindah ke Kecamatan Diwek")
    assert list(kp.query_pegawai()) == []
    assert [p.id for p in kp.query_pegawai(termasuk_nonaktif=True)] == [pegawai.id]
    assert kp.cari_pegawai(STAF_NIP).aktif is False
    assert "Diwek" in models.Audit.select().order_by(models.Audit.id.desc()).get().ringkasan


def test_search_by_nip_without_spaces(db: None) -> None:
    pegawai = add()
    assert [p.id for p in kp.query_pegawai("201001")] == [pegawai.id]
    assert [p.id for p in kp.query_pegawai("budi")] == [pegawai.id]
    assert kp.cari_pegawai(str(pegawai.id)).id == pegawai.id


def test_only_the_kepegawaian_desk_manages_pegawai(db: None) -> None:
    loket = session.Actor("loket", "Siti", "petugas_loket")
    with session.acting_as(loket), pytest.raises(session.PermissionDenied, match="mengelola"):
        add()
    assert models.Pegawai.select().count() == 0
    with session.acting_as(session.Actor("umum", "Kasubag", "kasubag_umum")):
        assert add().id


@pytest.mark.parametrize(("tmt_pangkat", "expected"), [
    (dt.date(2020, 4, 1), dt.date(2024, 4, 1)),
    (dt.date(2020, 5, 15), dt.date(2024, 10, 1)),
    (dt.date(2020, 10, 2), dt.date(2025, 4, 1)),
    (dt.date(2020, 1, 1), dt.date(2024, 4, 1)),
])
def test_regular_kenaikan_pangkat_periods(tmt_pangkat: dt.date, expected: dt.date) -> None:
    assert kp.tmt_kenaikan_pangkat(tmt_pangkat) == expected


def test_tmt_pensiun_is_the_first_of_the_month_after_the_bup() -> None:
    assert kp.tmt_pensiun(dt.date(1969, 8, 14), 58) == dt.date(2027, 9, 1)
    assert kp.tmt_pensiun(dt.date(1970, 12, 1), 58) == dt.date(2029, 1, 1)
    assert kp.tmt_pensiun(dt.date(1968, 2, 29), 60) == dt.date(2028, 3, 1)


def test_lead_times_come_from_the_catalog() -> None:
    assert kp.sop_deadline(kp.SOP_KENAIKAN_PANGKAT) == Deadline(6, "bulan", "sebelum", "TMT")
    assert kp.sop_deadline(kp.SOP_PENSIUN).due_date(dt.date(2027, 9, 1)) == dt.date(2027, 3, 1)
    assert kp.tenggat_pengajuan(dt.date(2026, 3, 16)) == dt.date(2026, 3, 2)
    with pytest.raises(LookupError):
        kp.sop_deadline("legalisir")


def test_buku_penjagaan_lists_overdue_first_with_the_berkas_deadline(db: None) -> None:
    camat = add(CAMAT_NIP, "Camat", "IV/b", tmt_pangkat="2019-04-01")  # KP 2023 is overdue
    staf = add(STAF_NIP, "Budi", "III/a", tmt_pangkat="2023-04-01")  # KP 1 April 2027
    add("19900101 201501 2 001", "Siti", "II/c", tmt_pangkat="2025-10-01")  # KP in 2029
    entries = kp.buku_penjagaan(today=NOW.date(), bulan=12)
    seen = [(e.nama, e.jenis, e.tmt, e.batas_berkas, e.status) for e in entries]
    assert seen == [
        ("Camat", kp.KENAIKAN_PANGKAT, dt.date(2023, 4, 1), dt.date(2022, 10, 1),
         kp.STATUS_TERLAMBAT),
        ("Budi", kp.KENAIKAN_PANGKAT, dt.date(2027, 4, 1), dt.date(2026, 10, 1),
         kp.STATUS_TERLAMBAT),
        ("Camat", kp.PENSIUN, dt.date(2027, 9, 1), dt.date(2027, 3, 1), kp.STATUS_SEGERA),
    ]
    assert "Pembina Tingkat I, IV/b \u2192 Pembina Utama Muda, IV/c" in entries[0].keterangan
    assert [e.nama for e in kp.pengingat(NOW.date())] == ["Camat", "Budi", "Camat"]
    line = kp.ringkasan_pengingat(kp.pengingat(NOW.date()))
    assert line == ("Buku Penjagaan: 2 berkas terlambat dikirim ke BKD, 1 berkas harus "
                    "disiapkan dalam 3 bulan.")
    # Far ahead: the 2029 kenaikan pangkat of Siti shows only with a longer horizon.
    assert "Siti" not in {e.nama for e in entries}
    assert "Siti" in {e.nama for e in kp.buku_penjagaan(today=NOW.date(), bulan=36)}
    # A deactivated pegawai leaves the book.
    kp.set_aktif(staf, False, "Mutasi")
    assert {e.nama for e in kp.buku_penjagaan(today=NOW.date())} == {"Camat"}
    assert camat.id


def test_a_surat_pengantar_marks_the_berkas_sent(db: None) -> None:
    staf = add(STAF_NIP, "Budi", "III/a", tmt_pangkat="2023-04-01")
    camat = models.Pejabat.get(models.Pejabat.jabatan == "Camat")

    def pengantar(tanggal: dt.date, urut: int, status: str = "dibuat") -> None:
        models.SuratPengantar.create(
            tahun=tanggal.year, urut=urut, nomor=f"823/{urut}/415.67/{tanggal.year}",
            klasifikasi="823", tanggal=tanggal, kepada=kp.BKD, di="Jombang",
            penandatangan=camat, sumber=f"pegawai:{staf.id}:{kp.KENAIKAN_PANGKAT}",
            status=status, dibuat_oleh="t", dibuat_pada=NOW, diubah_pada=NOW, versi=1)

    pengantar(dt.date(2022, 9, 1), 1)  # the previous kenaikan pangkat's: does not count
    pengantar(dt.date(2026, 11, 2), 2, status="dibatalkan")  # voided: does not count
    [entry] = [e for e in kp.buku_penjagaan(NOW.date()) if e.jenis == kp.KENAIKAN_PANGKAT]
    assert entry.status == kp.STATUS_TERLAMBAT
    pengantar(dt.date(2026, 11, 2), 3)
    [entry] = [e for e in kp.buku_penjagaan(NOW.date()) if e.jenis == kp.KENAIKAN_PANGKAT]
    assert entry.status == kp.STATUS_TERKIRIM
    assert kp.pengingat(NOW.date()) == []
    # Once the TMT has passed a sent one leaves the book.
    assert kp.buku_penjagaan(dt.date(2027, 4, 2)) == []


def test_no_kenaikan_pangkat_after_pensiun_or_above_iv_e(db: None) -> None:
    add("19680101 199001 1 001", "Tua", "III/d", tmt_pangkat="2024-04-01")  # pensiun 2026
    add("19800101 200501 1 001", "Puncak", "IV/e", tmt_pangkat="2024-04-01")
    entries = kp.buku_penjagaan(dt.date(2025, 12, 1), bulan=60)
    assert {(e.nama, e.jenis) for e in entries} == {("Tua", kp.PENSIUN)}
    [tua] = entries
    assert tua.tmt == dt.date(2026, 2, 1) and tua.terlambat
    assert "TMT pensiun sudah lewat" not in tua.keterangan
    later = kp.buku_penjagaan(dt.date(2026, 3, 1), bulan=1)
    assert "TMT pensiun sudah lewat" in later[0].keterangan


def test_pengantar_bkd_lists_the_sop_berkas(db: None) -> None:
    staf = add(STAF_NIP, "Budi", "III/a", tmt_pangkat="2023-04-01")
    data = kp.pengantar_bkd(staf, kp.KENAIKAN_PANGKAT, today=NOW.date())
    assert data["kepada"] == "Kepala Badan Kepegawaian Daerah Kabupaten Jombang"
    assert data["di"] == "Jombang" and data["klasifikasi"] == "823"
    assert data["sumber"] == f"pegawai:{staf.id}:kenaikan-pangkat"
    first = data["items"][0]
    assert "Budi" in first["jenis"] and "1 April 2027" in first["jenis"]
    assert "Penata Muda Tingkat I, III/b" in first["jenis"]
    assert [i["jenis"] for i in data["items"][1:]] == list(
        kp.BERKAS_KEPERLUAN[kp.KENAIKAN_PANGKAT])
    pensiun = kp.pengantar_bkd(staf, kp.PENSIUN)
    assert "1 April 2043" in pensiun["items"][0]["jenis"] and pensiun["klasifikasi"] == "882"
    with pytest.raises(ValueError):
        kp.pengantar_bkd(staf, kp.CUTI)


@pytest.mark.parametrize(("keperluan", "sop_id"), [
    (kp.KENAIKAN_PANGKAT, kp.SOP_KENAIKAN_PANGKAT), (kp.PENSIUN, kp.SOP_PENSIUN),
    (kp.CUTI, kp.SOP_CUTI)])
def test_berkas_lists_match_the_sop_book(keperluan: str, sop_id: str) -> None:
    sop = default_catalog().get(sop_id)
    text = normalize_text(" ".join(s.kegiatan + " " + s.kelengkapan for s in sop.steps))
    for item in kp.BERKAS_KEPERLUAN[keperluan]:
        core = normalize_text(item.removeprefix("Copy ").split(" (")[0])
        assert core in text, item
