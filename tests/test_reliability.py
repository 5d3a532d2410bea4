"""Reliability figures with real processes: a writer killed with SIGKILL in the middle of a batch
leaves a database that passes its integrity check with every committed record there (SQLite and
PostgreSQL), and backup -> restore gives identical content table by table (both engines)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import models
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
from jogoroto_desktop.storage import backup
from tests.conftest import REPO_ROOT
from tests.test_backup import NOW, pg_checksums, saved_office, sqlite_checksums

BATCH = 10
PAUSE_AFTER = 5  # letters written inside the batch that is killed
WAIT_S = 120

# One PC registering letters in batches (one transaction each).  It writes "selesai K" to its
# log after batch K committed and, with a pause, "tengah K" halfway through batch K, where it
# waits to be killed.
WRITER = r"""
import datetime as dt, sys, time
import models
from jogoroto_desktop import session
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk

target, log_path, pause_batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
session.set_actor(session.SETUP_ADMIN)
models.open_database(target)
log = open(log_path, "a", buffering=1)
batch = 0
while True:
    with models.db.atomic():
        for i in range(BATCH):
            register_surat_masuk(SuratMasukInput(
                dari="Desa Uji", nomor_surat=f"470/{batch}-{i}/2026", tanggal_surat="2026-11-20",
                perihal=f"Batch {batch} surat {i}", klasifikasi="470",
                tanggal_diterima="2026-11-23"), oleh="PC-uji")
            if batch == pause_batch and i == PAUSE_AFTER - 1:
                log.write(f"tengah {batch}\n")
                time.sleep(60)
    log.write(f"selesai {batch}\n")
    batch += 1
""".replace("BATCH", str(BATCH)).replace("PAUSE_AFTER", str(PAUSE_AFTER))


def committed_batches(log_path: Path) -> list[int]:
    lines = log_path.read_text().splitlines() if log_path.exists() else []
    return [int(line.split()[1]) for line in lines if line.startswith("selesai ")]


def run_and_kill(target: str, log_path: Path, pause_batch: int, after_batches: int) -> int:
    """Start the writer, SIGKILL it mid-batch; return the number of committed batches."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    process = subprocess.Popen([sys.executable, "-c", WRITER, target, str(log_path),
                                str(pause_batch)], cwd=REPO_ROOT, env=env)
    deadline = time.monotonic() + WAIT_S
    try:
        while time.monotonic() < deadline:
            text = log_path.read_text() if log_path.exists() else ""
            if pause_batch >= 0 and f"tengah {pause_batch}\n" in text:
                break
            if pause_batch < 0 and len(committed_batches(log_path)) >= after_batches:
                time.sleep(0.013)  # somewhere inside the next batch
                break
            assert process.poll() is None, "penulis berhenti sendiri"
            time.sleep(0.005)
        else:
            pytest.fail("penulis tidak sampai ke titik pembunuhan")
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    return len(committed_batches(log_path))


def check_committed_records_survived(batches: int, *, killed_while_writing: bool) -> None:
    """Every committed batch is there whole; the killed one left nothing; numbers gapless.

    A writer killed while writing may die after its batch committed but before it logged
    "selesai": then the database rightly holds one whole batch more than the log says."""
    letters = list(models.SuratMasuk.select().where(models.SuratMasuk.dibuat_oleh == "PC-uji")
                   .order_by(models.SuratMasuk.nomor_agenda))
    assert len(letters) % BATCH == 0, "a batch was committed in part"
    if killed_while_writing and len(letters) == (batches + 1) * BATCH:
        batches += 1
    assert len(letters) == batches * BATCH
    assert [s.nomor_agenda for s in letters] == list(range(1, batches * BATCH + 1))
    for batch in range(batches):
        assert sum(1 for s in letters if s.perihal.startswith(f"Batch {batch} ")) == BATCH
    counter = models.Counter.get_or_none(models.Counter.name == "agenda_surat_masuk")
    assert (counter.value if counter else 0) == batches * BATCH
    # The step rows of each letter committed with it (2 per letter), none of the killed batch.
    assert models.Langkah.select().count() == 2 * batches * BATCH


@pytest.mark.parametrize("pause_batch,after", [(3, 0), (-1, 4)],
                         ids=["dibunuh-saat-jeda", "dibunuh-saat-menulis"])
def test_sqlite_writer_killed_mid_batch(tmp_path: Path, pause_batch: int, after: int) -> None:
    path = tmp_path / "kantor.db"
    models.open_database(path)
    models.close_database()
    batches = run_and_kill(str(path), tmp_path / "penulis.log", pause_batch, after)
    assert batches >= (pause_batch if pause_batch >= 0 else after)
    assert Path(f"{path}-wal").exists()  # the kill left the WAL behind, as a crash does
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    assert models.check_database(path).ok
    models.open_database(path)
    try:
        check_committed_records_survived(batches, killed_while_writing=pause_batch < 0)
    finally:
        models.close_database()


@pytest.mark.postgres
@pytest.mark.parametrize("pause_batch,after", [(3, 0), (-1, 4)],
                         ids=["dibunuh-saat-jeda", "dibunuh-saat-menulis"])
def test_postgresql_writer_killed_mid_batch(pg_url: str, tmp_path: Path, pause_batch: int,
                                            after: int) -> None:
    models.upgrade_database(pg_url)
    batches = run_and_kill(pg_url, tmp_path / "penulis.log", pause_batch, after)
    # The server notices the dropped connection and rolls its transaction back.
    deadline = time.monotonic() + 30
    while True:
        opened = models.open_separate(pg_url, migrate=False)
        busy = opened.database.execute_sql(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND application_name = 'Jogoroto Desktop' AND pid <> pg_backend_pid() "
            "AND state LIKE 'idle in transaction%%'").fetchone()[0]
        opened.database.close()
        if busy == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    report = models.check_database(pg_url)
    assert report.ok, report.messages
    models.open_database(pg_url)
    try:
        check_committed_records_survived(batches, killed_while_writing=pause_batch < 0)
        # References hold: every step row and disposisi points at an existing letter.
        orphans = models.db.execute_sql(
            "SELECT COUNT(*) FROM langkah l WHERE l.jenis = 'surat_masuk' AND NOT EXISTS "
            "(SELECT 1 FROM surat_masuk s WHERE s.id = l.rekaman_id)").fetchone()[0]
        assert orphans == 0
        # New work continues right after the last committed number.
        surat = register_surat_masuk(SuratMasukInput(
            dari="Desa Uji", nomor_surat="470/x/2026", tanggal_surat="2026-11-20",
            perihal="Sesudah crash", klasifikasi="470", tanggal_diterima="2026-11-23"), now=NOW)
        assert surat.nomor_agenda == batches * BATCH + 1
    finally:
        models.close_database()


# --- backup -> restore ---------------------------------------------------------------------------


def test_sqlite_backup_restore_identical_table_by_table(tmp_path: Path) -> None:
    path = saved_office(tmp_path / "kantor.db", letters=200)
    original = sqlite_checksums(path)
    saved = backup.make_backup(str(path), tmp_path / "cadangan.db").path
    assert sqlite_checksums(saved) == original
    saved_office(path, letters=5)  # work after the backup, which the restore takes back
    backup.restore_backup(saved, str(path))
    models.close_database()
    restored = sqlite_checksums(path)
    # The "pulihkan" row extends the audit chain, so its head moves too.
    trail = ("audit", "audit_kepala")
    assert {t: v for t, v in restored.items() if t not in trail} == {
        t: v for t, v in original.items() if t not in trail}
    assert restored["audit"][0] == original["audit"][0] + 1  # plus the "pulihkan" row


@pytest.mark.postgres
def test_postgresql_backup_restore_identical_table_by_table(pg_url: str, tmp_path: Path) -> None:
    saved_office(pg_url, letters=200)
    original = pg_checksums(pg_url)
    saved = backup.make_backup(pg_url, tmp_path / "usb" / "server.db").path
    # The portable export is a Jogoroto SQLite file with the very same content.
    assert sqlite_checksums(saved) == original
    assert backup.verify_backup_file(saved).counts["surat_masuk"] == 200
    saved_office(pg_url, letters=5)
    changed = pg_checksums(pg_url)
    result = backup.restore_backup(saved, pg_url)
    try:
        assert result.engine == "postgresql"
        # Sequences follow the restored ids: a new letter gets the next id and number.
        surat = register_surat_masuk(SuratMasukInput(
            dari="Desa Uji", nomor_surat="470/y/2026", tanggal_surat="2026-11-20",
            perihal="Sesudah pemulihan", klasifikasi="470", tanggal_diterima="2026-11-23"),
            now=NOW)
        assert surat.nomor_agenda == 201
    finally:
        models.close_database()
    restored = pg_checksums(pg_url)
    assert restored["surat_masuk"][0] == 201
    for table, value in original.items():
        if table not in ("audit", "audit_kepala", "surat_masuk", "langkah", "counter"):
            assert restored[table] == value, table
    # The safety copy holds the server as it was just before the restore.
    assert sqlite_checksums(result.safety_copy) == changed


@pytest.mark.postgres
def test_postgresql_restore_of_a_damaged_file_leaves_the_server_unchanged(
        pg_url: str, tmp_path: Path) -> None:
    from tests.test_backup import damaged_copy

    saved_office(pg_url, letters=20)
    saved = backup.make_backup(pg_url, tmp_path / "server.db").path
    before = pg_checksums(pg_url)
    with pytest.raises(backup.BackupError, match="tidak diubah"):
        backup.restore_backup(damaged_copy(saved, tmp_path / "rusak.db"), pg_url)
    assert pg_checksums(pg_url) == before
