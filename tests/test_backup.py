"""Backups of the SQLite database: consistent while in use, verified, rotated, daily/automatic,
and the checks a backup file must pass before anything is restored from it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import threading
from pathlib import Path
from typing import TypeVar

import peewee
import pytest

import models
from jogoroto_desktop import audit
from jogoroto_desktop.registers.disposisi import selesaikan_disposisi, tulis_disposisi
from jogoroto_desktop.registers.ekspedisi import kirim_ekspedisi
from jogoroto_desktop.registers.surat import pejabat_by_jabatan
from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, register_surat_keluar
from jogoroto_desktop.registers.surat_masuk import (
    SuratMasukInput,
    register_surat_masuk,
    void_surat_masuk,
)
from jogoroto_desktop.storage import backup, datacopy, dbconfig

NOW = dt.datetime(2026, 11, 24, 9, 0)

PathOrUrl = TypeVar("PathOrUrl", Path, str)


def fill_office(letters: int = 12) -> None:
    """Records of every kind the registers hold: letters (one voided), a disposisi chain
    (booleans, self reference), outgoing letters, ekspedisi, a setting, the audit rows."""
    camat = pejabat_by_jabatan("Camat")
    kasi = pejabat_by_jabatan("Kasi Tata Pemerintahan")
    assert camat is not None and kasi is not None
    for i in range(letters):
        surat = register_surat_masuk(SuratMasukInput(
            dari=f"Pemerintah Desa Sumbermulyo {i} \u2013 \u00e9", nomor_surat=f"470/{i}/2026",
            tanggal_surat="2026-11-20", perihal=f"Permohonan data penduduk ke-{i}",
            sifat="segera", klasifikasi="470", tanggal_diterima="2026-11-23"), now=NOW)
        if i == 0:
            void_surat_masuk(surat, "Salah alamat, dikembalikan", now=NOW)
        elif i % 3 == 1:
            first = tulis_disposisi(surat, camat, [kasi], ["Proses lebih lanjut"], now=NOW)
            selesaikan_disposisi(first, "Sudah ditindaklanjuti", oleh="Kasi", now=NOW)
    for i in range(3):
        keluar = register_surat_keluar(SuratKeluarInput(
            klasifikasi="005", kepada=f"Kepala Desa {i}", perihal="Undangan rapat",
            tanggal="2026-11-23"), langsung_diagendakan=True, now=NOW)
        kirim_ekspedisi("Undangan", f"Kepala Desa {i}", surat_keluar=keluar,
                          dikirim_pada=NOW)
    models.set_setting("kop.baris1", "PEMERINTAH KABUPATEN JOMBANG")
    audit.catat("cetak", "surat_masuk", 2, "Lembar disposisi dicetak", {"kertas": [None, "F4"]})


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sqlite_checksums(path: Path) -> dict[str, tuple[int, str]]:
    database = peewee.SqliteDatabase(str(path))
    try:
        return datacopy.content_checksums(database)
    finally:
        database.close()


def pg_checksums(url: str) -> dict[str, tuple[int, str]]:
    opened = models.open_separate(url, migrate=False)
    try:
        return datacopy.content_checksums(opened.database)
    finally:
        opened.database.close()


def saved_office(target: PathOrUrl, letters: int = 12) -> PathOrUrl:
    """Fill the office database at `target` (a file or a server URL) and close it again."""
    models.open_database(target)
    fill_office(letters=letters)
    models.close_database()
    return target


@pytest.fixture
def office_db(tmp_path: Path) -> Path:
    return saved_office(tmp_path / "kantor.db")


def test_backup_is_one_self_contained_file_with_identical_content(office_db: Path,
                                                                   tmp_path: Path) -> None:
    destination = tmp_path / "usb" / "cadangan.db"
    seen: list[tuple[int, int]] = []
    result = backup.make_backup(str(office_db), destination, lambda d, t: seen.append((d, t)))
    assert result.path == destination and result.size == destination.stat().st_size
    assert destination.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not Path(f"{destination}-wal").exists()
    assert seen and seen[-1][0] == seen[-1][1] > 0  # progress reached 100 %
    assert sqlite_checksums(destination) == sqlite_checksums(office_db)
    assert sqlite_checksums(destination)["surat_masuk"][0] == 12
    assert not list(destination.parent.glob(".jogoroto-*"))  # no temporary file left
    config = dbconfig.load_config()
    assert config.last_backup is not None and config.last_backup_file == str(destination)
    info = backup.verify_backup_file(destination)
    assert info.schema_version == models.SCHEMA_VERSION
    assert info.counts["surat_masuk"] == 12 and info.counts["surat_keluar"] == 3
    assert "Surat masuk: 12" in info.summary()


def test_backup_while_another_connection_writes_is_consistent(office_db: Path,
                                                               tmp_path: Path) -> None:
    """The online backup copies a consistent state although letters keep arriving."""
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        conn = sqlite3.connect(office_db, timeout=10)
        try:
            n = 0
            while not stop.is_set():
                with conn:
                    conn.execute("INSERT INTO setting (key, value) VALUES (?, ?)",
                                 (f"uji.{n}", "x" * 500))
                n += 1
                written.append(n)
        finally:
            conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        for i in range(3):
            destination = tmp_path / f"sibuk-{i}.db"
            backup.make_backup(str(office_db), destination)
            conn = sqlite3.connect(destination)
            try:
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                keys = [r[0] for r in conn.execute(
                    "SELECT key FROM setting WHERE key LIKE 'uji.%'")]
            finally:
                conn.close()
            numbers = sorted(int(k.split(".")[1]) for k in keys)
            assert numbers == list(range(len(numbers)))  # a prefix of the writes, no hole
    finally:
        stop.set()
        thread.join()
    assert written


def test_backup_of_a_missing_database_or_onto_itself_is_refused(tmp_path: Path,
                                                                 office_db: Path) -> None:
    with pytest.raises(backup.BackupError, match="tidak ada"):
        backup.make_backup(str(tmp_path / "tidak-ada.db"), tmp_path / "x.db")
    with pytest.raises(backup.BackupError, match="tidak boleh sama"):
        backup.make_backup(str(office_db), office_db)


def test_manual_backup_is_admin_only_but_the_automatic_one_is_a_system_action(
        office_db: Path, tmp_path: Path) -> None:
    """The domain refuses a manual backup to anyone but the admin (GUI and CLI share the
    check); the automatic backup at start/exit runs for whoever is signed in, or nobody."""
    from jogoroto_desktop import session

    tried = refused = 0
    for actor in (None, *(session.Actor(p, p, p) for p in sorted(session.ROLES) if p != "admin")):
        destination = tmp_path / f"manual-{actor.peran if actor else 'anon'}.db"
        with session.acting_as(actor):
            tried += 1
            with pytest.raises(session.PermissionDenied):
                backup.make_backup(str(office_db), destination)
            refused += 1
            assert not destination.exists()
            assert backup.automatic_backup(str(office_db), "keluar") is not None
    assert (tried, refused) == (len(session.ROLES), len(session.ROLES))
    assert len(list(backup.backup_folder().glob("jogoroto-otomatis-*.db"))) == tried
    with session.acting_as(session.Actor("admin", "Admin", "admin")):
        assert backup.make_backup(str(office_db), tmp_path / "admin.db").path.exists()


def test_automatic_backup_once_a_day_and_rotation_keeps_n(office_db: Path) -> None:
    config = dbconfig.load_config()
    config.keep_backups = 3
    dbconfig.save_config(config)
    folder = backup.backup_folder()
    assert backup.automatic_backup_due(NOW)
    made = []
    for day in range(5):
        moment = NOW + dt.timedelta(days=day)
        result = backup.automatic_backup(str(office_db), now=moment)
        assert result is not None
        os.utime(result.path, (moment.timestamp(), moment.timestamp()))
        made.append(result.path)
    kept = sorted(folder.glob("jogoroto-otomatis-*.db"))
    assert kept == made[-3:]  # the three newest
    last_day = NOW + dt.timedelta(days=4)
    assert not backup.automatic_backup_due(last_day + dt.timedelta(hours=3))
    assert backup.automatic_backup_due(last_day + dt.timedelta(days=1))
    # A PostgreSQL target or a database not created yet: nothing to do.
    assert backup.automatic_backup("postgresql://u:p@server/jogoroto") is None
    assert backup.automatic_backup(str(office_db.with_name("belum.db"))) is None


def test_rotation_never_touches_other_files(tmp_path: Path) -> None:
    tmp_path = tmp_path / "cadangan"
    tmp_path.mkdir()
    for name in ("jogoroto-otomatis-20260101-000000.db", "jogoroto-otomatis-20260102-000000.db",
                 "jogoroto-sebelum-pulih-20260101-000000.db", "catatan.txt"):
        (tmp_path / name).write_text("x")
    removed = backup.rotate(tmp_path, backup.AUTO_PREFIX, 1)
    assert [p.name for p in removed] == ["jogoroto-otomatis-20260101-000000.db"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "catatan.txt", "jogoroto-otomatis-20260102-000000.db",
        "jogoroto-sebelum-pulih-20260101-000000.db"]


# --- what verify_backup_file refuses -----------------------------------------------------------


def test_verify_refuses_files_that_are_not_jogoroto_backups(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.db"
    empty.write_bytes(b"")
    text = tmp_path / "surat.db"
    text.write_text("ini bukan basis data")
    other = tmp_path / "lain.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE foto (id INTEGER)")
    conn.commit()
    conn.close()
    cases = [(tmp_path / "hilang.db", "tidak ditemukan"), (empty, "kosong"),
             (text, "bukan berkas SQLite"), (other, "schema_version")]
    for path, reason in cases:
        with pytest.raises(backup.BackupError, match=reason):
            backup.verify_backup_file(path)


def damaged_copy(source: Path, destination: Path) -> Path:
    """A copy with garbage written over an interior page (header intact)."""
    data = bytearray(source.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    start = page_size * 3
    data[start:start + page_size] = bytes([0x5A]) * page_size
    destination.write_bytes(bytes(data))
    return destination


def too_new_copy(source: Path, destination: Path) -> Path:
    destination.write_bytes(source.read_bytes())
    conn = sqlite3.connect(destination)
    conn.execute("UPDATE schema_version SET version = ?", (models.SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    return destination


def test_verify_refuses_damaged_and_too_new_files_and_missing_tables(office_db: Path,
                                                                     tmp_path: Path) -> None:
    good = backup.make_backup(str(office_db), tmp_path / "baik.db").path
    with pytest.raises(backup.BackupError, match="bukan cadangan Jogoroto yang utuh"):
        backup.verify_backup_file(damaged_copy(good, tmp_path / "rusak.db"))
    with pytest.raises(backup.BackupError, match="versi program yang lebih baru") as info:
        backup.verify_backup_file(too_new_copy(good, tmp_path / "baru.db"))
    assert f"skema versi {models.SCHEMA_VERSION + 1}" in str(info.value)
    missing = tmp_path / "kurang.db"
    missing.write_bytes(good.read_bytes())
    conn = sqlite3.connect(missing)
    conn.execute("DROP TABLE ekspedisi")
    conn.commit()
    conn.close()
    with pytest.raises(backup.BackupError, match="tabel ekspedisi tidak ada"):
        backup.verify_backup_file(missing)


# --- writing a backup file: verified before it gets its name, never over an existing file --------


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_backup_refuses_an_existing_file_unless_asked(office_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    existing = folder / "cadangan.db"
    existing.write_bytes(b"cadangan minggu lalu")
    with pytest.raises(backup.BackupError, match="sudah ada; cadangan tidak menimpanya"):
        backup.make_backup(str(office_db), existing)
    assert existing.read_bytes() == b"cadangan minggu lalu"
    assert files_in(folder) == ["cadangan.db"]  # no temporary file left either
    result = backup.make_backup(str(office_db), existing, overwrite=True)
    assert backup.verify_backup_file(result.path).counts["surat_masuk"] == 12
    assert files_in(folder) == ["cadangan.db"]


def test_file_appearing_during_the_backup_is_not_overwritten(
        office_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    destination = tmp_path / "usb" / "cadangan.db"
    destination.parent.mkdir()
    verify = backup.verify_backup_file

    def someone_writes_meanwhile(path: Path) -> backup.BackupInfo:
        destination.write_bytes(b"berkas lain")
        return verify(path)

    monkeypatch.setattr(backup, "verify_backup_file", someone_writes_meanwhile)
    with pytest.raises(backup.BackupError, match="sudah ada"):
        backup.make_backup(str(office_db), destination)
    assert destination.read_bytes() == b"berkas lain"
    assert files_in(destination.parent) == ["cadangan.db"]


@pytest.mark.parametrize("failure", ["copy", "verify"])
def test_failed_backup_leaves_no_file(office_db: Path, tmp_path: Path, failure: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A backup that fails while copying (disk full) or whose copy does not verify leaves
    neither the final name nor a half-written temporary file."""
    folder = tmp_path / "usb"
    folder.mkdir()
    if failure == "copy":
        def disk_full(_source: Path, destination: Path, _progress: object) -> None:
            destination.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)  # half written
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(backup, "_sqlite_online_copy", disk_full)
        expected = "tidak dapat ditulis"
    else:
        def damaged(path: Path) -> backup.BackupInfo:
            raise backup.BackupError(f"Berkas {path} bukan cadangan Jogoroto yang utuh.")

        monkeypatch.setattr(backup, "verify_backup_file", damaged)
        expected = "tidak lolos pemeriksaan setelah ditulis"
    with pytest.raises(backup.BackupError, match=expected):
        backup.make_backup(str(office_db), folder / "cadangan.db")
    assert files_in(folder) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_backup_file_and_backup_folder_are_owner_only(office_db: Path) -> None:
    result = backup.automatic_backup(str(office_db), now=NOW)
    assert result is not None
    assert result.path.stat().st_mode & 0o777 == 0o600
    assert result.path.parent.stat().st_mode & 0o777 == 0o700


def test_backup_onto_a_disk_without_hard_links(office_db: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A FAT USB disk has no hard links: the name is checked just before the rename."""
    def no_links(_source: object, _target: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    destination = tmp_path / "usb" / "cadangan.db"
    assert backup.make_backup(str(office_db), destination).path == destination
    with pytest.raises(backup.BackupError, match="sudah ada"):
        backup.make_backup(str(office_db), destination)
    assert files_in(destination.parent) == ["cadangan.db"]
