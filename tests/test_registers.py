"""The register kernel: versioned update with the register's conflict message, void with a
reason, SOP step records, the audit rows they write and the permission check; every register's
"batalkan" goes through it and leaves the same audit row."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import peewee
import pytest

import models
from jogoroto_desktop import accounts, session
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers.edits import EditConflict
from jogoroto_desktop.validation import ValidationError

NOW = dt.datetime(2026, 3, 2, 9, 0)
LATER = NOW + dt.timedelta(hours=2)
STALE = registers.stale_message("Pelacakan ini")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "kernel.sqlite3")
    yield
    models.close_database()


def new_run(nama: str = "Renja 2027") -> models.Pelacakan:
    return registers.register(
        models.Pelacakan, f"Pelacakan {nama} dimulai", NOW, sop_id="renja", nama=nama,
        tahun=2027, langkah_sekarang=1, pemegang="Kasubag", batas_waktu=None, catatan="",
        selesai_pada=None, status="berjalan")


def audit_rows(aksi: str) -> list[models.Audit]:
    return list(models.Audit.select().where(models.Audit.aksi == aksi)
                .order_by(models.Audit.id))


def test_register_fills_the_bookkeeping_and_audits_every_value(db: None) -> None:
    with session.acting_as(session.Actor("siti", "Siti Aminah", "admin")):
        run = new_run()
    stored = models.Pelacakan.get_by_id(run.id)
    assert (stored.versi, stored.dibuat_oleh) == (1, "Siti Aminah")
    assert stored.dibuat_pada == stored.diubah_pada == NOW
    [row] = audit_rows("buat")
    assert (row.tabel, row.rekaman_id, row.oleh, row.pada) == ("pelacakan", run.id,
                                                               "Siti Aminah", NOW)
    assert json.loads(row.perubahan)["nama"] == [None, "Renja 2027"]


def test_update_bumps_the_version_and_audits_only_what_changed(db: None) -> None:
    run = new_run()
    registers.update(run, {"catatan": "Draf ke Sekcam", "pemegang": "Kasubag"},
                     "Pelacakan diubah", stale=STALE, now=LATER)
    stored = models.Pelacakan.get_by_id(run.id)
    assert (stored.versi, stored.diubah_pada, stored.catatan) == (2, LATER, "Draf ke Sekcam")
    assert (run.versi, run.diubah_pada, run.catatan) == (2, LATER, "Draf ke Sekcam")
    [row] = audit_rows("ubah")
    assert (row.ringkasan, row.pada) == ("Pelacakan diubah", LATER)
    # unchanged fields and the kernel's own bookkeeping are not changes people read
    assert json.loads(row.perubahan) == {"catatan": ["", "Draf ke Sekcam"]}


def test_a_stale_copy_is_refused_with_the_registers_message_and_nothing_is_written(
        db: None) -> None:
    run = new_run()
    pc_a = models.Pelacakan.get_by_id(run.id)
    pc_b = models.Pelacakan.get_by_id(run.id)
    registers.update(pc_a, {"catatan": "A"}, "A", stale=STALE, now=LATER)
    with pytest.raises(ValidationError) as info:
        registers.update(pc_b, {"catatan": "B"}, "B", stale=STALE, now=LATER)
    assert info.value.problems == {"versi": STALE}
    assert STALE == "Pelacakan ini baru saja diubah di komputer lain; buka lagi lalu ulangi."
    assert (pc_b.versi, pc_b.catatan) == (1, "")  # the object did not move either
    assert models.Pelacakan.get_by_id(run.id).catatan == "A"
    assert [r.ringkasan for r in audit_rows("ubah")] == ["A"]


def test_the_conflict_message_may_be_made_when_needed_under_another_problem(db: None) -> None:
    run = new_run()
    stale_copy = models.Pelacakan.get_by_id(run.id)
    registers.update(run, {"catatan": "A"}, "A", stale=STALE, now=LATER)
    with pytest.raises(ValidationError) as info:
        registers.update(stale_copy, {"catatan": "B"}, "B", now=LATER, problem="catatan",
                         stale=lambda: f"sekarang versi {run.versi}")
    assert info.value.problems == {"catatan": "sekarang versi 2"}


def test_a_conflict_maker_may_raise_a_richer_error_and_nothing_moves(db: None) -> None:
    """What edits.save_versioned relies on when another PC writes between its read and its
    update: the richer EditConflict reaches the form, and the object stays as read."""
    run = new_run()
    stale_copy = models.Pelacakan.get_by_id(run.id)
    registers.update(run, {"catatan": "A"}, "A", stale=STALE, now=LATER)

    def conflict() -> str:
        raise EditConflict("Pelacakan Renja 2027", [], "Siti", LATER)

    with pytest.raises(EditConflict, match="oleh Siti pukul 11.00"):
        registers.update(stale_copy, {"catatan": "B"}, "B", stale=conflict, now=LATER)
    assert (stale_copy.versi, stale_copy.catatan) == (1, "")
    assert [r.ringkasan for r in audit_rows("ubah")] == ["A"]


def test_a_rolled_back_transaction_puts_the_object_back(db: None) -> None:
    run = new_run()
    with pytest.raises(RuntimeError), registers.transaction(run):
        registers.update(run, {"catatan": "sementara"}, "x", stale=STALE, now=LATER)
        registers.record_step("pelacakan", run.id, "renja", 1, "Budi", LATER)
        raise RuntimeError("langkah berikutnya gagal")
    assert (run.versi, run.catatan, run.diubah_pada) == (1, "", NOW)
    stored = models.Pelacakan.get_by_id(run.id)
    assert (stored.versi, stored.catatan) == (1, "")
    assert not audit_rows("ubah") and models.Langkah.select().count() == 0


def test_void_keeps_the_record_and_audits_status_reason_and_time(db: None) -> None:
    run = new_run()
    reason = registers.void(run, "  Salah   input ", "Pelacakan Renja 2027",
                            permission="pelacakan.kelola", stale=STALE, now=LATER)
    assert reason == "Salah input"
    stored = models.Pelacakan.get_by_id(run.id)
    assert (stored.status, stored.batal_alasan, stored.batal_pada, stored.versi) == (
        registers.DIBATALKAN, "Salah input", LATER, 2)
    assert stored.nama == "Renja 2027"  # still in the register with its name and number
    [row] = audit_rows("batal")
    assert row.ringkasan == "Pelacakan Renja 2027 dibatalkan: Salah input"
    assert json.loads(row.perubahan) == {
        "status": ["berjalan", "dibatalkan"], "batal_alasan": [None, "Salah input"],
        "batal_pada": [None, "2026-03-02 11:00:00"]}


def test_void_reports_the_refusal_with_the_reason_and_writes_nothing(db: None) -> None:
    run = new_run()
    with pytest.raises(ValidationError) as info:
        registers.void(run, " ", "x", permission="pelacakan.kelola", stale=STALE,
                       refusal="Pelacakan ini sudah selesai.")
    assert info.value.problems == {"alasan": "Alasan pembatalan wajib diisi.",
                                   "status": "Pelacakan ini sudah selesai."}
    with pytest.raises(ValidationError, match="paling banyak 5"):
        registers.void(run, "terlalu panjang", "x", permission="pelacakan.kelola",
                       stale=STALE, max_alasan=5)
    assert models.Pelacakan.get_by_id(run.id).versi == 1 and not audit_rows("batal")


def test_void_checks_the_permission_before_anything_else(db: None) -> None:
    run = new_run()
    loket = session.Actor("loket", "Loket", "petugas_loket")
    with session.acting_as(loket), pytest.raises(session.PermissionDenied, match="membatalkan"):
        registers.void(run, "", "x", permission="agenda.batal", stale=STALE)
    with session.acting_as(None), pytest.raises(session.PermissionDenied, match="login"):
        registers.void(run, "Salah", "x", permission="pelacakan.kelola", stale=STALE)
    assert models.Pelacakan.get_by_id(run.id).status == "berjalan" and not audit_rows("batal")


def test_steps_are_read_back_in_the_order_they_were_done(db: None) -> None:
    run, other = new_run(), new_run("Renja 2028")
    registers.record_step("pelacakan", run.id, "renja", 2, "Sekcam", LATER, "diparaf")
    registers.record_step("pelacakan", run.id, "renja", 1, "Kasubag", NOW)
    registers.record_step("pelacakan", other.id, "renja", 1, "Kasubag", NOW)
    registers.record_step("cuti", run.id, "cuti-pegawai", 1, "Budi", NOW)
    steps = [(s.sop_id, s.langkah, s.oleh, s.pada, s.catatan)
             for s in registers.steps_of("pelacakan", run.id)]
    assert steps == [("renja", 1, "Kasubag", NOW, ""), ("renja", 2, "Sekcam", LATER, "diparaf")]


def test_audited_fields_keep_secrets_out_of_the_trail(db: None) -> None:
    password = accounts.buat_admin_awal("Sandi-rahasia-1", now=NOW)
    admin = models.Pengguna.get(models.Pengguna.nama_pengguna == accounts.ADMIN)
    registers.update(admin, {"sandi_hash": "x", "nama": "Admin Kantor"}, "ubah", stale=STALE,
                     now=LATER, audited=("nama", "aktif"))
    rows = list(models.Audit.select().where(models.Audit.tabel == "pengguna"))
    assert all("sandi_hash" not in row.perubahan and password not in row.perubahan
               for row in rows)
    assert json.loads(rows[-1].perubahan) == {"nama": ["Admin", "Admin Kantor"]}


# --- every register voids the same way ---------------------------------------------------

def _surat_masuk() -> Callable[[str], peewee.Model]:
    from jogoroto_desktop.registers.surat_masuk import (
        SuratMasukInput,
        register_surat_masuk,
        void_surat_masuk,
    )

    surat = register_surat_masuk(SuratMasukInput(
        dari="Bupati Jombang", nomor_surat="005/1/2026", tanggal_surat=NOW.date(),
        tanggal_diterima=NOW.date(), perihal="Undangan", klasifikasi="005"), now=NOW)
    return lambda alasan: (void_surat_masuk(surat, alasan, now=LATER), surat)[1]


def _surat_keluar() -> Callable[[str], peewee.Model]:
    from jogoroto_desktop.registers.surat_keluar import (
        SuratKeluarInput,
        register_surat_keluar,
        void_surat_keluar,
    )

    surat = register_surat_keluar(SuratKeluarInput(
        klasifikasi="005", kepada="Kepala Desa", perihal="Undangan", tanggal=NOW.date()),
        now=NOW)
    return lambda alasan: (void_surat_keluar(surat, alasan, now=LATER), surat)[1]


def _pengantar() -> Callable[[str], peewee.Model]:
    from jogoroto_desktop.registers import pengantar as p

    sp = p.buat_surat_pengantar(p.SuratPengantarInput(
        kepada="Kepala BKPSDM", tanggal=NOW.date(), items=(p.ItemInput("Usulan", "1 berkas"),),
        di="Jombang", klasifikasi="800"), today=NOW.date())
    return lambda alasan: p.batalkan_surat_pengantar(sp, alasan)


def _layanan() -> Callable[[str], peewee.Model]:
    from jogoroto_desktop.registers import layanan as ly

    permohonan = ly.daftar(ly.PermohonanInput(
        sop_id="legalisir", nama="Siti Aminah", nik="3517125408900002",
        alamat="Dusun Sumbermulyo", desa="Sumbermulyo"), now=NOW)
    return lambda alasan: (ly.batalkan(permohonan, alasan, now=LATER), permohonan)[1]


def _cuti() -> Callable[[str], peewee.Model]:
    from jogoroto_desktop.registers import kepegawaian as kp

    budi = kp.tambah_pegawai(kp.PegawaiInput(
        nip="19850312 201001 1 002", nama="Budi", pangkat="III/a", jabatan="Staf"), now=NOW)
    cuti = kp.ajukan_cuti(kp.CutiInput(budi, "sakit", "2026-03-03", "2026-03-04"), now=NOW)
    return lambda alasan: kp.batalkan_cuti(cuti, alasan, now=LATER)


def _pelacakan() -> Callable[[str], peewee.Model]:
    from jogoroto_desktop.registers import pelacakan as pl

    run = pl.buat_pelacakan("renja", "Renja 2027", now=NOW)
    return lambda alasan: (pl.batalkan(run, alasan, now=LATER), run)[1]


@pytest.mark.parametrize("make", [_surat_masuk, _surat_keluar, _pengantar, _layanan, _cuti,
                                  _pelacakan], ids=lambda f: f.__name__.strip("_"))
def test_every_register_voids_the_same_way(db: None,
                                           make: Callable[[], Callable[[str], peewee.Model]]
                                           ) -> None:
    void = make()
    record = void("Dobel input")
    stored = type(record).get_by_id(record.id)
    assert (stored.status, stored.batal_alasan, stored.versi) == ("dibatalkan", "Dobel input",
                                                                  record.versi)
    assert stored.batal_pada is not None and stored.versi >= 2
    [row] = audit_rows("batal")
    assert row.rekaman_id == record.id and row.ringkasan.endswith(" dibatalkan: Dobel input")
    assert sorted(json.loads(row.perubahan)) == ["batal_alasan", "batal_pada", "status"]
    with pytest.raises(ValidationError) as again:
        void("Lagi")
    assert "status" in again.value.problems  # already voided: refused, number kept
    assert audit_rows("batal") == [row]


@pytest.mark.postgres
def test_kernel_on_postgresql(pg_url: str) -> None:
    """The version check, the void and the rollback of the object on PostgreSQL."""
    models.open_database(pg_url)
    try:
        run = new_run()
        stale_copy = models.Pelacakan.get_by_id(run.id)
        registers.update(run, {"catatan": "A"}, "A", stale=STALE, now=LATER)
        with pytest.raises(ValidationError, match="komputer lain"):
            registers.update(stale_copy, {"catatan": "B"}, "B", stale=STALE, now=LATER)
        with pytest.raises(ValidationError, match="komputer lain"):
            registers.void(stale_copy, "Salah", "x", permission="pelacakan.kelola",
                           stale=STALE)
        registers.void(run, "Salah", "Pelacakan", permission="pelacakan.kelola", stale=STALE,
                       now=LATER)
        stored = models.Pelacakan.get_by_id(run.id)
        assert (stored.status, stored.versi, stored.catatan) == ("dibatalkan", 3, "A")
        assert [r.aksi for r in models.Audit.select().order_by(models.Audit.id)] == [
            "buat", "ubah", "batal"]
    finally:
        models.close_database()
