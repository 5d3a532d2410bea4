"""Planning and finance trackers: steps and holders from the catalog, advancing with who and
when, deadlines and late flags, drafts on the minimal flow, documents, versions, permission."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import models
from jogoroto_desktop import session
from jogoroto_desktop.registers import pelacakan as pl
from jogoroto_desktop.sop.catalog import Step, default_catalog
from jogoroto_desktop.storage.paths import data_dir
from jogoroto_desktop.validation import ValidationError

NOW = dt.datetime(2027, 1, 4, 8, 0)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "p.sqlite3")
    yield
    models.close_database()


def test_every_tracked_sop_is_in_the_catalog() -> None:
    catalog = default_catalog()
    for seksi, ids in pl.SOP_PELACAKAN.items():
        for sop_id in ids:
            assert catalog.get(sop_id).seksi == seksi, sop_id


def test_renja_starts_at_step_one_held_by_its_pelaksana(db: None) -> None:
    run = pl.buat_pelacakan("renja", "Renja 2027", batas_waktu="2027-03-31", now=NOW)
    assert (run.tahun, run.langkah_sekarang, run.status) == (2027, 1, "berjalan")
    assert run.pemegang == default_catalog().get("renja").steps[0].pelaksana
    assert models.Audit.get(models.Audit.tabel == "pelacakan").aksi == "buat"
    with pytest.raises(ValidationError, match="sudah ada"):
        pl.buat_pelacakan("renja", "Renja 2027", now=NOW)
    with pytest.raises(ValidationError, match="tidak dilacak"):
        pl.buat_pelacakan("legalisir", "Legalisir 2027", now=NOW)


def test_advancing_records_who_and_when_and_passes_the_step_on(db: None) -> None:
    renja = default_catalog().get("renja")
    run = pl.buat_pelacakan("renja", "Renja 2027", now=NOW)
    nxt = pl.majukan(run, oleh="Kasi Trantib", catatan="Usulan seksi masuk",
                     pada=NOW + dt.timedelta(hours=2), now=NOW + dt.timedelta(hours=3))
    assert nxt == renja.steps[1]
    stored = models.Pelacakan.get_by_id(run.id)
    assert (stored.langkah_sekarang, stored.pemegang, stored.versi) == (
        2, renja.steps[1].pelaksana, 2)
    history = pl.riwayat(stored)
    assert (history[0].oleh, history[0].pada, history[0].catatan) == (
        "Kasi Trantib", NOW + dt.timedelta(hours=2), "Usulan seksi masuk")
    assert history[1].oleh is None
    # Step 2 has "1 hari": two days later the run is late at step 2.
    where = pl.posisi(stored, now=NOW + dt.timedelta(days=2))
    assert where.terlambat and "langkah 2 melebihi standar 1 hari" in where.keterangan
    assert where.tenggat_langkah == NOW + dt.timedelta(hours=2, days=1)
    assert not pl.posisi(stored, now=NOW + dt.timedelta(hours=5)).terlambat
    with pytest.raises(ValidationError, match="sebelum langkah sebelumnya"):
        pl.majukan(stored, pada=NOW + dt.timedelta(hours=1), now=NOW + dt.timedelta(hours=4))
    with pytest.raises(ValidationError, match="masa depan"):
        pl.majukan(stored, pada=NOW + dt.timedelta(days=9), now=NOW + dt.timedelta(hours=4))


def test_a_run_finishes_after_its_last_step_and_the_actual_time_is_compared(db: None) -> None:
    run = pl.buat_pelacakan("lakip", "LAKIP 2026", now=NOW)
    moment = NOW
    for _ in range(9):
        moment += dt.timedelta(minutes=30)
        assert pl.majukan(run, pada=moment, now=moment) is not None
    moment += dt.timedelta(minutes=5)
    assert pl.majukan(run, oleh="Kasubag Keuangan", pada=moment, now=moment) is None
    stored = models.Pelacakan.get_by_id(run.id)
    assert (stored.status, stored.selesai_pada, stored.pemegang) == ("selesai", moment, "")
    history = pl.riwayat(stored)
    assert all(step.pada is not None for step in history)
    # Step 2 of the LAKIP SOP allows 3 menit; it took 30.
    assert history[1].late and not history[3].late  # step 4 allows 3 hari
    assert history[0].oleh == session.SETUP_ADMIN.label
    with pytest.raises(ValidationError, match="sudah selesai"):
        pl.majukan(stored, now=moment)
    assert not pl.posisi(stored, now=moment + dt.timedelta(days=99)).terlambat


def test_draft_sop_uses_the_minimal_flow(db: None) -> None:
    assert default_catalog().get("musrenbang").is_draft
    run = pl.buat_pelacakan("musrenbang", "Musrenbang Kecamatan 2027",
                            batas_waktu="2027-02-15", now=NOW)
    assert run.pemegang == "Kasi Pemberdayaan Masyarakat dan Desa"
    assert [s.kegiatan for s in pl.riwayat(run)] == ["Mulai", "Proses", "Selesai"]
    pl.majukan(run, now=NOW)
    pl.majukan(run, now=NOW)
    where = pl.posisi(run, now=dt.datetime(2027, 2, 16, 8, 0))
    assert (where.langkah, where.jumlah_langkah, where.kegiatan) == (3, 3, "Selesai")
    assert where.terlambat and "lewat batas waktu 15 Februari 2027" in where.keterangan
    assert pl.majukan(run, now=NOW) is None
    assert pl.ringkasan(("musrenbang",)) == (0, 0)


def test_decision_step_needs_a_branch(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    flow = (Step(1, "Mulai", "A", "terminator"), Step(2, "Periksa", "B", "decision", ya=3,
                                                       tidak=1),
            Step(3, "Selesai", "C", "terminator"))
    monkeypatch.setattr(pl, "alur", lambda sop: flow)
    run = pl.buat_pelacakan("tapkin", "Tapkin 2027", now=NOW)
    pl.majukan(run, now=NOW)
    with pytest.raises(ValidationError, match="pilih Ya atau Tidak"):
        pl.majukan(run, now=NOW)
    assert pl.majukan(run, cabang="tidak", catatan="Kurang lengkap", now=NOW).no == 1
    assert run.pemegang == "A"
    row = models.Langkah.select().order_by(models.Langkah.id.desc()).get()
    assert row.catatan == "Tidak: Kurang lengkap"


def test_stale_copy_cannot_advance(db: None) -> None:
    run = pl.buat_pelacakan("pencairan-gu", "GU Januari 2027", now=NOW)
    stale = models.Pelacakan.get_by_id(run.id)
    pl.majukan(run, now=NOW)
    with pytest.raises(ValidationError, match="komputer lain"):
        pl.majukan(stale, now=NOW)
    assert models.Langkah.select().count() == 1


def test_void_edit_and_permission(db: None) -> None:
    run = pl.buat_pelacakan("raskin", "Raskin Januari 2027", now=NOW)
    pl.ubah_pelacakan(run, "2027-01-31", "Desa Sumbermulyo belum lapor", now=NOW)
    assert models.Pelacakan.get_by_id(run.id).batas_waktu == dt.date(2027, 1, 31)
    with pytest.raises(ValidationError, match="Alasan pembatalan"):
        pl.batalkan(run, " ")
    pl.batalkan(run, "Salah input")
    assert models.Pelacakan.get_by_id(run.id).status == "dibatalkan"
    assert [r.id for r in pl.query_pelacakan(("raskin",))] == [run.id]
    loket = session.Actor("loket", "Siti", "petugas_loket")
    with session.acting_as(loket), pytest.raises(session.PermissionDenied, match="pelacakan"):
        pl.buat_pelacakan("renja", "Renja 2028", now=NOW)
    with session.acting_as(session.Actor("b", "Bendahara", "bendahara")):
        assert pl.buat_pelacakan("pencairan-ls", "LS Januari 2027", now=NOW).dibuat_oleh == (
            "Bendahara")


def test_documents_are_stored_once_by_hash(db: None, tmp_path: Path) -> None:
    run = pl.buat_pelacakan("renja", "Renja 2027", now=NOW)
    scan = tmp_path / "draf-renja.pdf"
    scan.write_bytes(b"%PDF-1.4 renja")
    first = pl.lampirkan(run, scan, now=NOW)
    second = pl.lampirkan(run, scan, now=NOW)
    assert first.path == second.path and (data_dir() / first.path).read_bytes() == scan.read_bytes()
    assert [b.nama_asli for b in pl.berkas_pelacakan(run)] == ["draf-renja.pdf"] * 2
    fake = tmp_path / "bukan.pdf"
    fake.write_bytes(b"hello")
    with pytest.raises(ValidationError, match="bukan PDF"):
        pl.lampirkan(run, fake, now=NOW)


def test_open_runs_first_and_summary(db: None) -> None:
    done = pl.buat_pelacakan("musrenbang", "Musrenbang 2026", now=NOW)
    for _ in range(3):
        pl.majukan(done, now=NOW)
    late = pl.buat_pelacakan("perencanaan-add", "ADD 2027", batas_waktu="2027-01-02", now=NOW)
    fine = pl.buat_pelacakan("pertanggungjawaban-add", "SPJ ADD 2026", now=NOW)
    order = [r.id for r in pl.query_pelacakan(pl.SOP_PELACAKAN["pmd"])]
    assert order == [late.id, fine.id, done.id]  # open first, then the newer year
    assert pl.ringkasan(pl.SOP_PELACAKAN["pmd"], now=NOW) == (2, 1)


@pytest.mark.postgres
def test_personnel_and_trackers_on_postgresql(pg_url: str) -> None:
    """The queries that differ between engines (REPLACE in the NIP search, SUM per year in the
    sisa cuti, the open-first CASE ordering, ILIKE prefix on sumber) run on PostgreSQL too."""
    from jogoroto_desktop.registers import kepegawaian as kp

    models.open_database(pg_url)
    try:
        budi = kp.tambah_pegawai(kp.PegawaiInput(
            nip="19850312 201001 1 002", nama="Budi", pangkat="III/a", jabatan="Staf",
            tmt_pangkat="2023-04-01"), now=NOW)
        assert [p.id for p in kp.query_pegawai("198503122010")] == [budi.id]
        cuti = kp.ajukan_cuti(kp.CutiInput(budi, "tahunan", "2027-02-01", "2027-02-05"),
                              now=NOW)
        assert kp.sisa_cuti(budi, 2027).diajukan == 5
        with session.acting_as(session.Actor("c", "Camat", "camat")):
            kp.putuskan_cuti(cuti, True)
        assert kp.sisa_cuti(budi, 2027).terpakai == 5
        assert [e.jenis for e in kp.buku_penjagaan(NOW.date())] == [kp.KENAIKAN_PANGKAT]
        done = pl.buat_pelacakan("musrenbang", "Musrenbang 2026", now=NOW)
        for _ in range(3):
            pl.majukan(done, now=NOW)
        running = pl.buat_pelacakan("renja", "Renja 2027", now=NOW)
        assert [r.id for r in pl.query_pelacakan()] == [running.id, done.id]
    finally:
        models.close_database()
