"""Database layer: opening, refusing damaged or too-new files, migrations, counters."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import peewee
import pytest

import models
from benchmarks.network import logged_statements
from models import (
    MIGRATIONS,
    SCHEMA_VERSION,
    DatabaseConnectionError,
    DatabaseDamagedError,
    DatabaseOpenError,
    DatabaseOutdatedError,
    DatabaseTooNewError,
    apply_migrations,
    check_database,
    close_database,
    db,
    describe_target,
    get_setting,
    mask_url,
    next_number,
    open_database,
    set_setting,
    upgrade_database,
)

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _closed_afterwards() -> Iterator[None]:
    yield
    close_database()


def snapshot(path: Path) -> tuple[bytes, int]:
    """Bytes and modification time, to prove a file was not touched."""
    return path.read_bytes(), path.stat().st_mtime_ns


def backups_in(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bak-v*"))


def make_v1(path: Path, settings: dict[str, str]) -> None:
    """An SQLite file at schema version 1 (as an older program left it), holding settings."""
    database = peewee.SqliteDatabase(str(path), pragmas={"journal_mode": "wal"})
    database.connect()
    assert apply_migrations(database, target_version=1) == [MIGRATIONS[0].description]
    for key, value in settings.items():
        database.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (key, value))
    database.close()


def raw_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT version FROM schema_version").fetchone()[0]
    finally:
        conn.close()


def pragma(name: str) -> object:
    return db.execute_sql(f"PRAGMA {name}").fetchone()[0]


# --- fresh databases -----------------------------------------------------------------------------


def test_fresh_file_gets_all_migrations_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "new folder" / "jogoroto.db"
    opened = open_database(path)
    assert opened.engine == "sqlite"
    assert opened.old_version == 0
    assert opened.schema_version == SCHEMA_VERSION
    assert opened.applied == [m.description for m in MIGRATIONS]
    assert opened.backup_path is None
    assert db.obj is opened.database
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 10000
    assert pragma("synchronous") == 2  # FULL (power-cut durability, models.database)
    assert db.execute_sql("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    for model in models.ALL_MODELS:
        columns = {c.name for c in db.get_columns(model._meta.table_name)}
        assert columns == {f.column_name for f in model._meta.sorted_fields}
    close_database()
    assert backups_in(path.parent) == []
    assert raw_version(path) == SCHEMA_VERSION


def test_path_with_special_characters(tmp_path: Path) -> None:
    folder = tmp_path / "Data #1 50% ?a=b Jogorotó"
    path = folder / "jogoroto.db"
    folder.mkdir()
    make_v1(path, {"a": "b"})
    opened = open_database(path)
    assert opened.old_version == 1 and opened.backup_path is not None
    assert opened.backup_path.parent == folder
    close_database()
    assert check_database(path).ok
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == [folder.name]


def test_empty_file_counts_as_new(tmp_path: Path) -> None:
    path = tmp_path / "kosong.db"
    path.write_bytes(b"")
    opened = open_database(path)
    assert opened.old_version == 0
    assert len(opened.applied) == SCHEMA_VERSION
    assert backups_in(tmp_path) == []


def test_reopening_a_current_database_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "jogoroto.db"
    open_database(path)
    set_setting("kop.baris1", "PEMERINTAH KABUPATEN JOMBANG")
    close_database()
    again = open_database(path)
    assert again.old_version == SCHEMA_VERSION
    assert again.applied == []
    assert again.backup_path is None
    assert get_setting("kop.baris1") == "PEMERINTAH KABUPATEN JOMBANG"
    assert get_setting("tidak.ada", "bawaan") == "bawaan"
    assert backups_in(tmp_path) == []


# --- migration from an older schema --------------------------------------------------------------


def test_migration_from_v1_keeps_data_and_makes_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "jogoroto.db"
    make_v1(path, {"kantor.nama": "Kecamatan Jogoroto"})
    assert raw_version(path) == 1

    opened = open_database(path)
    assert opened.old_version == 1
    assert opened.schema_version == SCHEMA_VERSION
    assert opened.applied == [m.description for m in MIGRATIONS[1:]]
    assert get_setting("kantor.nama") == "Kecamatan Jogoroto"
    assert [next_number("agenda_masuk", 2024) for _ in range(2)] == [1, 2]
    close_database()
    assert raw_version(path) == SCHEMA_VERSION

    backup = opened.backup_path
    assert backup is not None and backup.exists()
    assert backup.parent == tmp_path
    assert re.fullmatch(r"jogoroto\.bak-v1-\d{8}-\d{6}\.db", backup.name), backup.name
    assert backups_in(tmp_path) == [backup]
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
        assert conn.execute("SELECT key, value FROM setting").fetchall() == [
            ("kantor.nama", "Kecamatan Jogoroto")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "counter" not in tables
    finally:
        conn.close()
    report = check_database(backup)
    assert (report.schema_version, report.integrity, report.ok) == (1, "ok", False)
    assert report.needs_upgrade


INBOX_OPEN_QUERY = ("SELECT t.disposisi_id FROM disposisi_tujuan t JOIN pejabat p "
                    "ON t.pejabat_id = p.id WHERE t.selesai = ? AND p.seksi = ?")


def test_migration_6_indexes_the_open_disposisi_of_an_inbox(tmp_path: Path) -> None:
    path = tmp_path / "jogoroto.db"
    database = peewee.SqliteDatabase(str(path), pragmas={"journal_mode": "wal"})
    database.connect()
    apply_migrations(database, target_version=5)
    database.execute_sql(
        "INSERT INTO surat_masuk (tahun, nomor_agenda, tanggal_diterima, dari, nomor_surat, "
        "tanggal_surat, perihal, sifat, klasifikasi, lampiran, status, dibuat_oleh, "
        "dibuat_pada, diubah_pada, versi) VALUES (2026, 1, '2026-01-05', 'Bupati', '1/2026', "
        "'2026-01-02', 'Undangan', 'biasa', '005', '', 'didisposisi', 'Agendaris', "
        "'2026-01-05 08:00:00', '2026-01-05 08:00:00', 1)")
    database.execute_sql(
        "INSERT INTO disposisi (surat_masuk_id, dari_pejabat_id, tanggal, instruksi, catatan, "
        "selesai, tindak_lanjut) VALUES (1, 1, '2026-01-05 09:00:00', 'Arsipkan', '', 0, '')")
    database.execute_sql("INSERT INTO disposisi_tujuan (disposisi_id, pejabat_id, selesai, "
                         "tindak_lanjut) VALUES (1, 2, 0, '')")
    database.close()

    opened = open_database(path)
    assert opened.old_version == 5 and opened.applied == [m.description for m in MIGRATIONS[5:]]
    indexes = {row[1] for row in db.execute_sql("PRAGMA index_list(disposisi_tujuan)")}
    assert "disposisi_tujuan_terbuka" in indexes
    plan = " ".join(row[3] for row in db.execute_sql(f"EXPLAIN QUERY PLAN {INBOX_OPEN_QUERY}",
                                                      (0, "sekretariat")))
    assert "disposisi_tujuan_terbuka" in plan, plan
    assert db.execute_sql(INBOX_OPEN_QUERY, (0, models.Pejabat.get_by_id(2).seksi)
                          ).fetchall() == [(1,)]


def test_outdated_schema_refused_when_migrating_is_not_allowed(tmp_path: Path) -> None:
    path = tmp_path / "jogoroto.db"
    make_v1(path, {"a": "b"})
    before = snapshot(path)
    with pytest.raises(DatabaseOutdatedError) as info:
        open_database(path, migrate=False)
    assert (info.value.db_version, info.value.program_version) == (1, SCHEMA_VERSION)
    assert "db upgrade" in str(info.value)
    assert snapshot(path) == before
    assert backups_in(tmp_path) == []
    assert db.obj is None


def test_upgrade_database_migrates_and_leaves_models_db_alone(tmp_path: Path) -> None:
    path = tmp_path / "jogoroto.db"
    make_v1(path, {"a": "b"})
    result = upgrade_database(path)
    assert (result.old_version, result.new_version) == (1, SCHEMA_VERSION)
    assert result.applied == [m.description for m in MIGRATIONS[1:]]
    assert result.backup_path is not None and result.backup_path.exists()
    assert db.obj is None
    assert raw_version(path) == SCHEMA_VERSION
    lines = list(result)
    assert lines[0] == f"Cadangan sebelum pembaruan: {result.backup_path}"
    assert lines[1] == f"Migrasi 2: {MIGRATIONS[1].description}"
    assert f"dari versi 1 ke versi {SCHEMA_VERSION}" in lines[-1]
    again = upgrade_database(path)
    assert again.applied == [] and again.backup_path is None
    assert list(again) == [f"Skema basis data sudah versi {SCHEMA_VERSION}; tidak ada yang diubah."]


# --- refusals: the file stays byte-identical -----------------------------------------------------


def test_newer_schema_refused_and_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "jogoroto.db"
    open_database(path)
    set_setting("x", "y")
    close_database()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    before = snapshot(path)

    for migrate in (True, False):
        with pytest.raises(DatabaseTooNewError) as info:
            open_database(path, migrate=migrate)
        message = str(info.value)
        assert "versi 99" in message and f"sampai versi {SCHEMA_VERSION}" in message
        assert "Perbarui program Jogoroto Desktop" in message
        assert (info.value.db_version, info.value.program_version) == (99, SCHEMA_VERSION)
        assert snapshot(path) == before
    assert backups_in(tmp_path) == []
    assert db.obj is None
    with pytest.raises(DatabaseTooNewError):
        upgrade_database(path)
    report = check_database(path)
    assert report.schema_version == 99 and not report.ok and not report.needs_upgrade
    assert snapshot(path) == before


def test_text_file_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    path.write_text("Ini catatan biasa, bukan basis data.\n" * 20, encoding="utf-8")
    before = snapshot(path)
    with pytest.raises(DatabaseDamagedError) as info:
        open_database(path)
    message = str(info.value)
    assert str(path) in message
    assert "rusak atau bukan basis data Jogoroto" in message
    assert "Berkas tidak diubah" in message
    assert isinstance(info.value, DatabaseOpenError)
    assert snapshot(path) == before
    assert sorted(p.name for p in tmp_path.glob("x.db*")) == ["x.db"]  # no -wal, no -shm
    report = check_database(path)
    assert not report.ok and report.integrity != "ok" and report.schema_version is None
    assert snapshot(path) == before


def test_file_with_only_an_sqlite_header_refused(tmp_path: Path) -> None:
    path = tmp_path / "terpotong.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
    before = snapshot(path)
    with pytest.raises(DatabaseDamagedError):
        open_database(path)
    assert snapshot(path) == before


def corrupt_database(path: Path) -> None:
    """An SQLite file with many rows whose middle pages are then overwritten."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (2)")
    conn.execute("CREATE TABLE surat (id INTEGER PRIMARY KEY, perihal TEXT)")
    conn.execute("CREATE INDEX surat_perihal ON surat (perihal)")
    conn.executemany("INSERT INTO surat (perihal) VALUES (?)",
                     [(f"Undangan rapat koordinasi nomor {i:05d} " * 3,) for i in range(5000)])
    conn.commit()
    conn.close()
    size = path.stat().st_size
    pages = size // 4096
    assert pages > 40
    with open(path, "r+b") as fh:
        for page in (pages // 3, pages // 2, 2 * pages // 3):
            fh.seek(page * 4096)
            fh.write(bytes((i * 37 + 11) % 256 for i in range(4096)))


def test_corrupted_pages_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "jogoroto.db"
    corrupt_database(path)
    before = snapshot(path)
    with pytest.raises(DatabaseDamagedError) as info:
        open_database(path)
    assert str(path) in str(info.value)
    assert snapshot(path) == before
    assert backups_in(tmp_path) == []
    report = check_database(path)
    assert not report.ok and report.integrity != "ok"
    assert report.integrity.startswith("integrity_check")
    assert snapshot(path) == before


def test_foreign_sqlite_database_refused(tmp_path: Path) -> None:
    path = tmp_path / "lain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE pelanggan (id INTEGER PRIMARY KEY, nama TEXT)")
    conn.commit()
    conn.close()
    before = snapshot(path)
    with pytest.raises(DatabaseDamagedError) as info:
        open_database(path)
    assert "schema_version" in str(info.value)
    assert snapshot(path) == before


def test_folder_and_unknown_url_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError) as info:
        open_database(tmp_path)
    assert "folder" in str(info.value)
    with pytest.raises(DatabaseOpenError) as info:
        open_database("mysql://root:rahasia@server/jogoroto")
    assert "rahasia" not in str(info.value)
    with pytest.raises(DatabaseOpenError):
        open_database("postgresql://jogoroto:rahasia@server:5432/")


# --- counters -------------------------------------------------------------------------------------


def test_next_number_counts_per_name_and_year(tmp_path: Path) -> None:
    open_database(tmp_path / "jogoroto.db")
    assert [next_number("agenda_masuk", 2024) for _ in range(3)] == [1, 2, 3]
    assert [next_number("agenda_keluar", 2024) for _ in range(2)] == [1, 2]
    assert [next_number("agenda_masuk", 2025) for _ in range(2)] == [1, 2]
    assert next_number("agenda_masuk", 2024) == 4
    with pytest.raises(ValueError):
        next_number("", 2024)


def test_next_number_belongs_to_the_callers_transaction(tmp_path: Path) -> None:
    open_database(tmp_path / "jogoroto.db")
    assert next_number("surat_keluar", 2024) == 1
    with pytest.raises(RuntimeError), db.atomic():
        assert next_number("surat_keluar", 2024) == 2
        raise RuntimeError("penyimpanan surat gagal")
    assert next_number("surat_keluar", 2024) == 2  # the rolled-back number is issued again
    with db.atomic():
        assert next_number("surat_keluar", 2024) == 3
    assert models.Counter.get(name="surat_keluar", year=2024).value == 3


def run_in_threads(count: int, per_thread: int, name: str) -> list[int]:
    numbers: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            for _ in range(per_thread):
                with db.atomic():
                    number = next_number(name, 2024)
                with lock:
                    numbers.append(number)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=work) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return numbers


def test_next_number_never_repeats_across_connections(tmp_path: Path) -> None:
    open_database(tmp_path / "jogoroto.db")
    numbers = run_in_threads(4, 25, "agenda_masuk")
    assert sorted(numbers) == list(range(1, 101))


# --- check_database and labels ------------------------------------------------------------------


def test_check_database_reports_without_writing(tmp_path: Path) -> None:
    path = tmp_path / "jogoroto.db"
    open_database(path)
    next_number("agenda_masuk", 2024)
    close_database()
    before = snapshot(path)
    report = check_database(path)
    assert report.engine == "sqlite"
    assert report.location == str(path)
    assert (report.schema_version, report.program_schema_version) == (SCHEMA_VERSION,) * 2
    assert report.integrity == "ok" and report.ok and not report.needs_upgrade
    assert snapshot(path) == before
    assert db.obj is None

    missing = tmp_path / "tidak-ada" / "jogoroto.db"
    report = check_database(missing)
    assert not report.ok and report.schema_version is None
    assert not missing.parent.exists()


def test_describe_target_and_mask_url_hide_the_password(tmp_path: Path) -> None:
    path = tmp_path / "jogoroto.db"
    assert describe_target(path) == f"SQLite: {path}"
    url = "postgresql://jogoroto:s3cr%40t@db.kantor.lan:5433/jogoroto?sslmode=require"
    label = describe_target(url)
    assert label == "PostgreSQL: jogoroto@db.kantor.lan:5433/jogoroto"
    masked = mask_url(url)
    assert masked == "postgresql://jogoroto:***@db.kantor.lan:5433/jogoroto?sslmode=require"
    short = describe_target("postgres://u:pw@localhost/kantor")
    assert short == "PostgreSQL: u@localhost:5432/kantor"
    for text in (label, masked, short):
        assert "s3cr" not in text and ":pw@" not in text


def test_migration_list_is_consistent() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    assert all(m.description for m in MIGRATIONS)


def test_models_package_imports_neither_qt_nor_reportlab() -> None:
    code = ("import sys, models; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'reportlab')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# --- PostgreSQL ----------------------------------------------------------------------------------

# pg_url: see tests/conftest.py


@pytest.mark.postgres
def test_pg_open_migrate_and_next_number(pg_url: str) -> None:
    opened = open_database(pg_url)
    assert opened.engine == "postgresql"
    assert opened.old_version == 0 and opened.schema_version == SCHEMA_VERSION
    assert opened.applied == [m.description for m in MIGRATIONS]
    assert opened.backup_path is None
    assert opened.label.startswith("PostgreSQL: ")
    assert [next_number("agenda_masuk", 2024) for _ in range(3)] == [1, 2, 3]
    assert next_number("agenda_masuk", 2025) == 1
    assert next_number("agenda_keluar", 2024) == 1
    set_setting("kantor.nama", "Kecamatan Jogoroto")
    set_setting("kantor.nama", "Kecamatan Jogoroto, Jombang")
    assert get_setting("kantor.nama") == "Kecamatan Jogoroto, Jombang"
    close_database()

    again = open_database(pg_url)
    assert again.applied == [] and again.old_version == SCHEMA_VERSION
    assert next_number("agenda_masuk", 2024) == 4
    report = check_database(pg_url)
    assert report.engine == "postgresql" and report.ok, report
    assert report.schema_version == SCHEMA_VERSION


@pytest.mark.postgres
def test_pg_reopening_reads_the_version_without_a_migration_transaction(pg_url: str) -> None:
    """The usual start on the office network: the schema is current, so opening reads the
    version and takes no lock (migration 6 is there, too)."""
    open_database(pg_url)
    indexes = {row[0] for row in db.execute_sql(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'disposisi_tujuan'")}
    assert "disposisi_tujuan_terbuka" in indexes
    close_database()
    with logged_statements() as sql:
        assert open_database(pg_url).applied == []
    assert not any("pg_advisory_xact_lock" in statement for statement in sql), sql
    assert len(sql) <= 4, sql


@pytest.mark.postgres
def test_pg_next_number_never_repeats_across_connections(pg_url: str) -> None:
    open_database(pg_url)
    numbers = run_in_threads(4, 25, "agenda_masuk")
    assert sorted(numbers) == list(range(1, 101))


@pytest.mark.postgres
def test_pg_migration_from_v1_and_too_new(pg_url: str) -> None:
    target = models.parse_postgres_url(pg_url)
    database = peewee.PostgresqlDatabase(target.dbname, user=target.user,
                                         password=target.password, host=target.host,
                                         port=target.port)
    database.connect()
    apply_migrations(database, target_version=1)
    database.execute_sql("INSERT INTO setting (key, value) VALUES (%s, %s)", ("a", "b"))
    assert check_database(pg_url).needs_upgrade
    with pytest.raises(DatabaseOutdatedError):
        open_database(pg_url, migrate=False)

    opened = open_database(pg_url)
    assert opened.old_version == 1 and opened.applied == [m.description for m in MIGRATIONS[1:]]
    assert get_setting("a") == "b"
    assert next_number("n", 2024) == 1
    close_database()

    database.execute_sql("UPDATE schema_version SET version = 99")
    with pytest.raises(DatabaseTooNewError) as info:
        open_database(pg_url)
    assert "versi 99" in str(info.value)
    assert database.execute_sql("SELECT version FROM schema_version").fetchall() == [(99,)]
    report = check_database(pg_url)
    assert report.schema_version == 99 and not report.ok
    database.close()


@pytest.mark.postgres
def test_pg_connection_failure_is_clear_and_hides_the_password(pg_url: str) -> None:
    target = models.parse_postgres_url(pg_url)
    host = target.host or "localhost"
    bad = f"postgresql://{target.user}:sandi-salah-123@{host}:{target.port}/{target.dbname}"
    with pytest.raises(DatabaseConnectionError) as info:
        open_database(bad)
    message = str(info.value)
    assert target.dbname in message and host in message
    assert "sandi-salah-123" not in message
    closed_port = f"postgresql://{target.user}:sandi-salah-123@127.0.0.1:1/{target.dbname}"
    with pytest.raises(DatabaseConnectionError) as info:
        open_database(closed_port)
    assert "127.0.0.1:1" in str(info.value) and "sandi-salah-123" not in str(info.value)
    report = check_database(bad)
    assert not report.ok and "sandi-salah-123" not in repr(report)


def test_every_sqlite_connection_is_synchronous_full(tmp_path: Path) -> None:
    """Power-cut durability (issue 17): every connection the program makes syncs the WAL at
    each commit (synchronous = FULL, see the SQLite quotes at models.database.SQLITE_PRAGMAS):
    the main one, a worker thread's own connection, and a separate one (open_separate)."""
    path = tmp_path / "durable.db"
    open_database(path)
    try:
        assert pragma("synchronous") == 2
        in_thread: list[object] = []

        def worker() -> None:
            in_thread.append(db.execute_sql("PRAGMA synchronous").fetchone()[0])
            db.close()

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert in_thread == [2]
        separate = models.open_separate(path).database
        try:
            assert separate.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
        finally:
            separate.close()
    finally:
        close_database()
