"""Service requests at the loket: registering, the SOP steps, statuses, collection, voiding,
versions, permissions and the time standard."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import models
from jogoroto_desktop import session
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.validation import ValidationError

NOW = dt.datetime(2026, 3, 10, 9, 0)
NIK_SITI = "3517125408900002"  # perempuan, lahir 14 Agustus 1990
NIK_BUDI = "3517121503850001"  # laki-laki, lahir 15 Maret 1985


@pytest.fixture(autouse=True)
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "layanan.sqlite3")
    yield
    models.close_database()


def request(sop_id: str = "legalisir", **changes) -> ly.PermohonanInput:
    values = dict(sop_id=sop_id, nama="Siti Aminah", nik=NIK_SITI,
                  alamat="Dusun Sumbermulyo RT 02 RW 01", desa="Sumbermulyo")
    values.update(changes)
    return ly.PermohonanInput(**values)


def later(minutes: int) -> dt.datetime:
    return NOW + dt.timedelta(minutes=minutes)


def test_every_service_of_the_issue_is_in_the_catalog() -> None:
    sops = ly.layanan_sops()
    assert [s.id for s in sops] == list(ly.LAYANAN_SOPS)
    assert {s.seksi for s in sops} == {"sekretariat", "tata-pemerintahan", "trantib", "sosbud"}
    assert ly.layanan_seksi("pmd") == []
    assert [s.id for s in ly.layanan_seksi("sekretariat")] == [
        "dispensasi-nikah", "legalisir", "rekomendasi-skck"]


def test_checklist_and_time_standard_come_from_the_sop() -> None:
    catalog_get = {s.id: s for s in ly.layanan_sops()}
    assert ly.syarat_sop(catalog_get["rekomendasi-skck"]) == [
        "Berkas ...", "Copy KK", "Copy KTP"]
    assert ly.syarat_sop(catalog_get["legalisir"]) == ["Berkas legalisir"]
    assert ly.syarat_sop(catalog_get["ktp"]) == []
    # legalisir: verifikasi 5 menit + tanda tangan 3 menit + register 1 menit
    assert ly.standar_waktu("legalisir") == dt.timedelta(minutes=9)
    assert ly.standar_waktu("rekomendasi-skck") == dt.timedelta(minutes=8)
    assert ly.standar_waktu("dispensasi-nikah") is None  # every Waktu cell unreadable
    assert ly.standar_waktu("ktp") is None  # draft


def test_register_issues_numbers_per_service_and_one_tanda_terima_sequence() -> None:
    first = ly.daftar(request(), now=NOW)
    skck = ly.daftar(request("rekomendasi-skck", nama="Budi Santoso", nik=NIK_BUDI), now=NOW)
    second = ly.daftar(request(), now=NOW)
    next_year = ly.daftar(request(), now=dt.datetime(2027, 1, 2, 8, 0))
    assert [(p.sop_id, p.nomor, p.tahun) for p in (first, skck, second, next_year)] == [
        ("legalisir", 1, 2026), ("rekomendasi-skck", 1, 2026), ("legalisir", 2, 2026),
        ("legalisir", 1, 2027)]
    assert [p.nomor_tanda_terima for p in (first, skck, second, next_year)] == [1, 2, 3, 1]
    assert ly.nomor_register(second) == "legalisir/2/2026"
    assert ly.cari_permohonan("legalisir/2/2026").id == second.id
    assert ly.cari_permohonan("LEGALISIR/1", today=NOW.date()).id == first.id
    assert ly.cari_permohonan(str(skck.id)).sop_id == "rekomendasi-skck"
    assert ly.cari_permohonan("legalisir/9/2026") is None


def test_registration_stores_pemohon_checklist_step_and_audit() -> None:
    p = ly.daftar(request("rekomendasi-skck", syarat_ada=["copy kk", "Surat pengantar desa"],
                          telepon="0812-3456-7890"), now=NOW)
    stored = models.Permohonan.get_by_id(p.id)
    assert stored.pemohon_nik == NIK_SITI and stored.pemohon_desa == "Sumbermulyo"
    assert stored.status == ly.DITERIMA and stored.versi == 1
    assert stored.target_selesai == NOW + dt.timedelta(minutes=8)
    assert stored.petugas == "Admin" and stored.langkah_sekarang == 2
    assert [(s.syarat, s.ada) for s in ly.syarat_of(stored)] == [
        ("Berkas ...", False), ("Copy KK", True), ("Copy KTP", False),
        ("Surat pengantar desa", True)]
    steps = ly.kemajuan(stored)
    assert steps[0].pada == NOW and steps[0].oleh == "Admin"
    assert all(s.pada is None for s in steps[1:])
    row = models.Audit.get((models.Audit.tabel == "permohonan")
                           & (models.Audit.rekaman_id == p.id))
    assert row.aksi == "buat" and "rekomendasi-skck/1/2026" in row.ringkasan
    assert json.loads(row.perubahan)["pemohon_nama"] == [None, "Siti Aminah"]


def test_dispensasi_registration_is_also_the_loket_recording_step() -> None:
    p = ly.daftar(request("dispensasi-nikah"), now=NOW)
    assert p.langkah_sekarang == 3  # the verification (a decision) is next
    assert [s.no for s in ly.kemajuan(p) if s.pada] == [1, 2]
    assert p.target_selesai is None


@pytest.mark.parametrize(("field", "value", "message"), [
    ("nik", "351712540890000", "16 angka"),
    ("nik", "9917125408900002", "kode provinsi"),
    ("nik", "3517127208900002", "kalender"),
    ("nik", "3517125408900000", "0000"),
    ("nama", "  ", "Nama pemohon wajib"),
    ("alamat", "", "Alamat pemohon wajib"),
    ("sop_id", "surat-masuk", "bukan SOP layanan"),
    ("telepon", "hubungi saya", "telepon"),
])
def test_bad_input_is_refused_and_nothing_is_written(field: str, value: str,
                                                     message: str) -> None:
    with pytest.raises(ValidationError) as info:
        ly.daftar(request(**{field: value}), now=NOW)
    assert message in info.value.problems[field]
    assert models.Permohonan.select().count() == 0
    assert models.PermohonanSyarat.select().count() == 0
    assert models.Counter.select().count() == 0  # no number used up
    assert models.Audit.select().count() == 0


def walk_to_ready(p: models.Permohonan) -> list[str]:
    statuses = []
    while p.status not in ly.SIAP:
        statuses.append(ly.lanjut(p, now=later(2 * (len(statuses) + 1))))
    return statuses


def test_legalisir_walks_every_sop_step_to_diambil() -> None:
    p = ly.daftar(request(), now=NOW)
    with pytest.raises(ValidationError) as info:
        ly.lanjut(p, now=later(1))
    assert "Syarat belum lengkap: Berkas legalisir" in info.value.problems["syarat"]
    ly.centang_syarat(p, {"berkas legalisir": True}, now=later(1))
    assert ly.syarat_kurang(p) == []
    assert walk_to_ready(p) == [ly.DIVERIFIKASI, ly.MENUNGGU_TTD, ly.DITANDATANGANI,
                                ly.SIAP_DIAMBIL]
    assert p.selesai_pada == later(8) and p.langkah_sekarang == 6
    with pytest.raises(ValidationError, match="Buku Pengambilan"):
        ly.lanjut(p, now=later(9))
    with pytest.raises(ValidationError) as info:
        ly.ambil(p, "   ", now=later(30))
    assert "Nama pengambil wajib" in info.value.problems["diambil_oleh"]
    ly.ambil(p, "Siti Aminah", now=later(30))
    stored = models.Permohonan.get_by_id(p.id)
    assert (stored.status, stored.diambil_oleh, stored.diambil_pada) == (
        ly.DIAMBIL, "Siti Aminah", later(30))
    assert stored.langkah_sekarang == 7 and ly.langkah_berikutnya(stored) is None
    steps = ly.kemajuan(stored)
    assert [s.pada for s in steps] == [NOW, later(2), later(4), later(6), later(8), later(30)]
    assert steps[1].catatan.startswith("Ya: berkas lengkap")
    assert steps[-1].catatan == "Diambil oleh Siti Aminah"
    assert not ly.terlambat(stored)  # ready after 8 minutes, standard 9
    with pytest.raises(ValidationError, match="Sudah diambil oleh Siti Aminah"):
        ly.ambil(stored, "Orang lain", now=later(31))
    actions = [a.aksi for a in models.Audit.select().where(models.Audit.rekaman_id == p.id)]
    assert actions == ["buat", "ubah", "ubah", "ubah", "ubah", "ubah", "ubah"]


def test_siap_diambil_records_the_remaining_steps_only_after_verification() -> None:
    p = ly.daftar(request("rekomendasi-skck", semua_syarat_ada=True), now=NOW)
    with pytest.raises(ValidationError, match="belum diverifikasi"):
        ly.siapkan(p, now=later(1))
    assert ly.lanjut(p, now=later(3)) == ly.DIVERIFIKASI
    assert ly.siapkan(p, now=later(20)) == ly.SIAP_DIAMBIL
    assert [s.pada for s in ly.kemajuan(p)][2:5] == [later(20)] * 3
    assert ly.terlambat(p)  # ready after 20 minutes against a standard of 8
    assert p.selesai_pada == later(20)


def test_a_late_request_is_flagged_and_listed() -> None:
    late = ly.daftar(request(semua_syarat_ada=True), now=NOW)
    fresh = ly.daftar(request(semua_syarat_ada=True, nama="Budi", nik=NIK_BUDI), now=later(25))
    check_at = later(30)
    assert ly.terlambat(late, check_at) and not ly.terlambat(fresh, check_at)
    listed = ly.query_permohonan(ly.LayananFilter(kelompok=ly.KELOMPOK_TERLAMBAT), check_at)
    assert [p.id for p in listed] == [late.id]
    ly.kurang_lengkap(late, "Fotokopi KK tidak terbaca", now=check_at)
    assert not ly.terlambat(late, later(60))  # the citizen's turn, not the office's delay
    listed = ly.query_permohonan(ly.LayananFilter(kelompok=ly.KELOMPOK_TERLAMBAT), later(60))
    assert [p.id for p in listed] == [fresh.id]  # now the other one is late too


def test_kurang_lengkap_goes_back_to_the_pemohon_and_restarts_the_clock() -> None:
    p = ly.daftar(request("rekomendasi-skck", syarat_ada=["Copy KK"]), now=NOW)
    with pytest.raises(ValidationError) as info:
        ly.kurang_lengkap(p, " ", now=later(2))
    assert "Alasan kurang lengkap wajib" in info.value.problems["alasan"]
    ly.kurang_lengkap(p, "Copy KTP belum dibawa", now=later(2))
    assert (p.status, p.status_alasan, p.langkah_sekarang) == (
        ly.KURANG_LENGKAP, "Copy KTP belum dibawa", 1)
    with pytest.raises(ValidationError, match="melengkapinya"):
        ly.lanjut(p, now=later(3))
    with pytest.raises(ValidationError, match="tidak ada di daftar"):
        ly.lengkapi(p, ["Akta kelahiran"], now=later(3))
    assert p.status == ly.KURANG_LENGKAP  # nothing changed by the refused call
    ly.lengkapi(p, ["copy ktp", "Berkas ..."], now=dt.datetime(2026, 3, 12, 10, 0))
    assert p.status == ly.DITERIMA and p.status_alasan == "" and p.langkah_sekarang == 2
    assert p.target_selesai == dt.datetime(2026, 3, 12, 10, 8)
    assert ly.syarat_kurang(p) == []
    assert ly.lanjut(p, now=dt.datetime(2026, 3, 12, 10, 4)) == ly.DIVERIFIKASI
    assert ly.kemajuan(p)[1].catatan.startswith("Ya")


def test_impossible_transitions_are_refused_clearly() -> None:
    p = ly.daftar(request(semua_syarat_ada=True), now=NOW)
    with pytest.raises(ValidationError, match="belum siap diambil"):
        ly.ambil(p, "Siti", now=later(1))
    ly.lanjut(p, now=later(1))
    with pytest.raises(ValidationError, match="belum diverifikasi"):
        ly.kurang_lengkap(p, "terlambat sadar", now=later(2))
    ly.tolak(p, "Dokumen asli tidak dapat ditunjukkan", now=later(3))
    assert p.status == ly.DITOLAK
    for action in (lambda: ly.lanjut(p, now=later(4)),
                   lambda: ly.tolak(p, "lagi", now=later(4)),
                   lambda: ly.siapkan(p, now=later(4))):
        with pytest.raises(ValidationError, match="Ditolak"):
            action()
    ly.batalkan(p, "Salah input data pemohon", now=later(5))
    assert (p.status, p.batal_alasan) == (ly.DIBATALKAN, "Salah input data pemohon")
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        ly.batalkan(p, "lagi", now=later(6))
    stored = models.Permohonan.get_by_id(p.id)
    assert stored.nomor == 1 and stored.status == ly.DIBATALKAN  # kept, never deleted
    assert ly.daftar(request(), now=later(7)).nomor == 2  # and its number is not reused
    assert models.Audit.select().where(models.Audit.aksi == "batal").count() == 1


def test_ready_requests_cannot_be_refused_only_voided() -> None:
    p = ly.daftar(request("rekomendasi-skck", semua_syarat_ada=True), now=NOW)
    ly.lanjut(p, now=later(1))
    ly.siapkan(p, now=later(2))
    with pytest.raises(ValidationError, match="batalkan"):
        ly.tolak(p, "Camat menolak", now=later(3))


def test_draft_sop_uses_the_minimal_flow() -> None:
    p = ly.daftar(request("ktp", nama="Budi", nik=NIK_BUDI), now=NOW)
    assert ly.syarat_of(p) == [] and p.target_selesai is None
    assert ly.lanjut(p, now=later(60)) == ly.DIPROSES
    assert ly.lanjut(p, catatan="KTP-el dicetak Dispendukcapil", now=later(600)) == ly.SELESAI
    assert p.selesai_pada == later(600)
    ly.ambil(p, "Budi", now=later(700))
    steps = ly.kemajuan(p)
    assert [s.kegiatan for s in steps] == [k for k, _ in ly.ALUR_DRAF]
    assert steps[2].catatan == "KTP-el dicetak Dispendukcapil"
    assert p.status == ly.DIAMBIL and not ly.terlambat(p)


def test_another_pc_changed_it_first_nothing_is_overwritten() -> None:
    p = ly.daftar(request(semua_syarat_ada=True), now=NOW)
    other_pc = models.Permohonan.get_by_id(p.id)
    ly.lanjut(other_pc, now=later(1))
    with pytest.raises(ValidationError) as info:
        ly.tolak(p, "Berkas palsu", now=later(2))
    assert "diubah di komputer lain" in info.value.problems["versi"]
    assert "Diverifikasi" in info.value.problems["versi"]
    stored = models.Permohonan.get_by_id(p.id)
    assert stored.status == ly.DIVERIFIKASI and stored.status_alasan == "" and stored.versi == 2
    assert p.status == ly.DITERIMA and p.versi == 1  # the stale copy was not changed either
    assert models.Langkah.select().where(models.Langkah.catatan.contains("palsu")).count() == 0


def test_permissions_are_enforced_in_the_service() -> None:
    agendaris = session.Actor("ag", "Agendaris", "agendaris")
    with session.acting_as(agendaris), pytest.raises(session.PermissionDenied,
                                                     match="mendaftarkan permohonan"):
        ly.daftar(request(), now=NOW)
    assert models.Permohonan.select().count() == 0
    loket = session.Actor("loket", "Rina Petugas", "petugas_loket")
    with session.acting_as(loket):
        p = ly.daftar(request(semua_syarat_ada=True), now=NOW)
    assert p.petugas == "Rina Petugas"
    with session.acting_as(session.Actor("cmt", "Camat", "camat")):
        assert ly.lanjut(p, now=later(1)) == ly.DIVERIFIKASI
        with pytest.raises(session.PermissionDenied, match="membatalkan permohonan"):
            ly.batalkan(p, "tidak berwenang", now=later(2))
    with session.acting_as(agendaris), pytest.raises(session.PermissionDenied):
        ly.lanjut(p, now=later(2))
    assert models.Permohonan.get_by_id(p.id).status == ly.DIVERIFIKASI
    assert ly.kemajuan(p)[1].oleh == "Camat"


def test_list_filters_and_text_search() -> None:
    a = ly.daftar(request(), now=NOW)
    b = ly.daftar(request("rekomendasi-skck", nama="Budi Santoso", nik=NIK_BUDI,
                          desa="Ngumpul"), now=later(5))
    c = ly.daftar(request("ktp", nama="Sri Wahyuni"), now=later(10))
    ly.lanjut(c, now=later(11))
    ly.lanjut(c, now=later(12))

    def ids(**filters) -> list[int]:
        return [p.id for p in ly.query_permohonan(ly.LayananFilter(**filters), later(20))]

    assert ids() == [c.id, b.id, a.id]
    assert ids(sop_ids=("legalisir", "rekomendasi-skck")) == [b.id, a.id]
    assert ids(teks="budi") == [b.id]
    assert ids(teks="ngumpul") == [b.id]
    assert ids(teks=NIK_BUDI[:8]) == [b.id]
    assert ids(teks="1/2026") == [c.id, b.id, a.id]
    assert ids(teks="legalisir/1", sop_ids=("legalisir",)) == [a.id]
    # the number as shown everywhere finds that service's request only, not every "1/2026"
    assert ids(teks="legalisir/1/2026") == [a.id]
    assert ids(teks="rekomendasi-skck/1") == [b.id]
    assert ids(teks="ktp/2/2026") == []
    assert ids(status=ly.SELESAI) == [c.id]
    assert ids(kelompok=ly.KELOMPOK_SIAP) == [c.id]
    assert ids(kelompok=ly.KELOMPOK_PROSES) == [b.id, a.id]
    data = ly.to_dict(a, later(20))
    assert data["nomor_register"] == "legalisir/1/2026" and data["terlambat"] is True


def test_durations_read_as_people_say_them() -> None:
    assert ly.format_durasi(dt.timedelta(minutes=8)) == "8 menit"
    assert ly.format_durasi(dt.timedelta(hours=1, minutes=5)) == "1 jam 5 menit"
    assert ly.format_durasi(dt.timedelta(days=2, hours=3, minutes=4)) == "2 hari 3 jam"
    assert ly.format_durasi(None) == "-"


def test_collection_typed_to_the_minute_of_readiness_is_accepted() -> None:
    p = ly.daftar(request(semua_syarat_ada=True), now=NOW)
    ly.lanjut(p, now=later(1))
    ready = later(5) + dt.timedelta(seconds=42)
    ly.siapkan(p, now=ready)
    with pytest.raises(ValidationError, match="sebelum hasilnya siap"):
        ly.ambil(p, "Siti", pada=later(4), now=later(10))
    ly.ambil(p, "Siti", pada=later(5), now=later(10))  # 09.05, ready at 09.05.42
    assert p.diambil_pada == ready
