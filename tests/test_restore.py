"""Restoring the SQLite database from a backup: identical content, a safety copy first, an audit
row after, admin only, and a refused file leaves the current database byte-identical."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
import pytest

import models
from jogoroto_desktop import session
from jogoroto_desktop.cli import main as cli
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
from jogoroto_desktop.storage import backup
from models.migrations import apply_migrations
from tests.test_backup import (
    NOW,
    damaged_copy,
    file_digest,
    saved_office,
    sqlite_checksums,
    too_new_copy,
)

LOKET = session.Actor("loket", "Petugas Loket", "petugas_loket")


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path]:
    """(database, a backup of it); the database then gets one more letter than the backup."""
    path = saved_office(tmp_path / "kantor.db")
    saved = backup.make_backup(str(path), tmp_path / "usb" / "cadangan.db").path
    models.open_database(path)
    register_surat_masuk(SuratMasukInput(
        dari="Polsek Jogoroto", nomor_surat="B/1/2026", tanggal_surat="2026-11-24",
        perihal="Surat sesudah cadangan", klasifikasi="300", tanggal_diterima="2026-11-24"),
        now=NOW)
    models.close_database()
    return path, saved


def without_audit_of_restore(checksums: dict[str, tuple[int, str]]) -> dict:
    # The restore's own audit row extends the chain, so the chain head moves with it.
    return {k: v for k, v in checksums.items() if k not in ("audit", "audit_kepala")}


def audit_rows(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT aksi, tabel, oleh, ringkasan FROM audit ORDER BY id").fetchall()
    finally:
        conn.close()


def test_restore_gives_identical_content_keeps_a_safety_copy_and_audits(
        office: tuple[Path, Path]) -> None:
    path, saved = office
    before = sqlite_checksums(path)
    backed_up = sqlite_checksums(saved)
    assert before["surat_masuk"][0] == backed_up["surat_masuk"][0] + 1

    result = backup.restore_backup(saved, str(path))
    try:
        assert models.db.obj is not None  # reopened: the program goes on with the restored data
        assert models.SuratMasuk.select().count() == backed_up["surat_masuk"][0]
    finally:
        models.close_database()
    after = sqlite_checksums(path)
    # Table by table identical to the backup; the audit trail gained exactly the restore row.
    assert without_audit_of_restore(after) == without_audit_of_restore(backed_up)
    rows = audit_rows(path)
    assert len(rows) == backed_up["audit"][0] + 1
    aksi, tabel, oleh, ringkasan = rows[-1]
    assert (aksi, tabel, oleh) == ("pulihkan", "basis_data", "Admin")
    assert saved.name in ringkasan and result.safety_copy.name in ringkasan
    # The safety copy holds the database as it was just before the restore.
    assert result.safety_copy.parent == backup.backup_folder()
    assert sqlite_checksums(result.safety_copy) == before
    assert not list(path.parent.glob(".jogoroto-*"))
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_restoring_the_safety_copy_undoes_a_restore(office: tuple[Path, Path]) -> None:
    path, saved = office
    before = sqlite_checksums(path)
    first = backup.restore_backup(saved, str(path))
    models.close_database()
    backup.restore_backup(first.safety_copy, str(path))
    models.close_database()
    assert without_audit_of_restore(sqlite_checksums(path)) == without_audit_of_restore(before)


def test_only_admin_may_restore_and_a_refusal_changes_nothing(office: tuple[Path, Path]) -> None:
    path, saved = office
    digest = file_digest(path)
    with session.acting_as(LOKET), pytest.raises(session.PermissionDenied,
                                                  match="memulihkan cadangan"):
        backup.restore_backup(saved, str(path))
    assert file_digest(path) == digest
    assert not list(backup.backup_folder().glob("jogoroto-sebelum-pulih-*"))


@pytest.mark.parametrize("kind", ["rusak", "terlalu_baru", "bukan_sqlite"])
def test_a_bad_backup_file_leaves_the_database_byte_identical(office: tuple[Path, Path],
                                                              tmp_path: Path, kind: str) -> None:
    path, saved = office
    if kind == "rusak":
        bad = damaged_copy(saved, tmp_path / "rusak.db")
        reason = "bukan cadangan Jogoroto yang utuh"
    elif kind == "terlalu_baru":
        bad = too_new_copy(saved, tmp_path / "baru.db")
        reason = "versi program yang lebih baru"
    else:
        bad = tmp_path / "foto.db"
        bad.write_bytes(b"\x89PNG\r\n" + b"\x00" * 5000)
        reason = "bukan berkas SQLite"
    digest = file_digest(path)
    siblings = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(backup.BackupError, match=reason):
        backup.restore_backup(bad, str(path))
    assert file_digest(path) == digest
    assert sorted(p.name for p in path.parent.iterdir()) == siblings
    assert not list(backup.backup_folder().glob("jogoroto-sebelum-pulih-*"))


def test_restore_is_refused_while_another_program_has_the_database_open(
        office: tuple[Path, Path]) -> None:
    path, saved = office
    other_pc = peewee.SqliteDatabase(str(path), pragmas=[("journal_mode", "wal")])
    other_pc.connect()
    try:
        other_pc.execute_sql("SELECT COUNT(*) FROM surat_masuk").fetchone()
        before = sqlite_checksums(path)
        with pytest.raises(backup.BackupError, match="sedang dipakai program lain"):
            backup.restore_backup(saved, str(path))
        assert sqlite_checksums(path) == before
    finally:
        other_pc.close()


def test_restore_of_an_older_schema_backup_is_upgraded_on_opening(tmp_path: Path) -> None:
    old = tmp_path / "lama.db"
    database = peewee.SqliteDatabase(str(old))
    apply_migrations(database, target_version=3)
    database.execute_sql("INSERT INTO setting (key, value) VALUES ('kop.baris1', 'LAMA')")
    database.close()
    current = tmp_path / "kantor.db"
    models.open_database(current)
    models.close_database()
    backup.restore_backup(old, str(current))
    try:
        assert models.get_setting("kop.baris1") == "LAMA"
        assert models.Audit.select().where(models.Audit.aksi == "pulihkan").count() == 1
    finally:
        models.close_database()
    assert models.check_database(current).schema_version == models.SCHEMA_VERSION


def test_cli_restore_needs_yes_and_explains(office: tuple[Path, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path, saved = office
    digest = file_digest(path)
    assert cli.main(["--db", str(path), "restore", str(saved)]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "--yes" in err and "Surat masuk: 12" in err and "Tidak ada yang diubah" in err
    assert file_digest(path) == digest

    assert cli.main(["--db", str(path), "restore", str(saved), "--yes"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "dipulihkan dari" in out and "Salinan pengaman" in out
    assert sqlite_checksums(path)["surat_masuk"] == sqlite_checksums(saved)["surat_masuk"]


def test_cli_backup_and_refused_restore(office: tuple[Path, Path], tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    path, _saved = office
    output = tmp_path / "flashdisk" / "kantor-cadangan.db"
    assert cli.main(["--db", str(path), "backup", "-o", str(output)]) == cli.EXIT_OK
    assert "Surat masuk: 13" in capsys.readouterr().out
    assert sqlite_checksums(output) == sqlite_checksums(path)
    # Without -o the backup goes to the backup folder in the data folder.
    assert cli.main(["--db", str(path), "backup"]) == cli.EXIT_OK
    assert len(list(backup.backup_folder().glob("jogoroto-cadangan-*.db"))) == 1
    digest = file_digest(path)
    bad = damaged_copy(output, tmp_path / "rusak.db")
    assert cli.main(["--db", str(path), "restore", str(bad), "--yes"]) == cli.EXIT_ERROR
    assert "tidak diubah" in capsys.readouterr().err
    assert file_digest(path) == digest
