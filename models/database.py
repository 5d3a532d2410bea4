"""Opening, checking and upgrading the Jogoroto database.

A target is either an SQLite file path (the embedded default) or a
``postgresql://user:pass@host:port/dbname`` URL (``postgres://`` is accepted too) for office-network
mode.  An SQLite file is checked through a read-only connection before anything can write to it,
so a damaged or too-new file is left byte-identical.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import peewee

from . import audit_chain
from .base import db
from .errors import (
    DatabaseConnectionError,
    DatabaseDamagedError,
    DatabaseMigrationError,
    DatabaseOpenError,
    DatabaseOutdatedError,
    DatabaseTooNewError,
)
from .migrations import (
    SCHEMA_VERSION,
    SchemaVersionError,
    apply_migrations,
    read_schema_version,
    validate_version_rows,
)
from .tables import ALL_MODELS

log = logging.getLogger(__name__)

Target = str | os.PathLike

SQLITE_HEADER = b"SQLite format 3\x00"

#: Applied to every SQLite connection, in this order (busy_timeout first, so the switch to WAL
#: waits for other PCs' locks instead of failing).
#:
#: ``synchronous = FULL``, not NORMAL. The SQLite documentation of the pragma
#: (https://www.sqlite.org/pragma.html#pragma_synchronous), on NORMAL: "WAL mode is always
#: consistent with synchronous=NORMAL, but WAL mode does lose durability. A transaction
#: committed in WAL mode with synchronous=NORMAL might roll back following a power loss or
#: system crash. Transactions are durable across application crashes regardless of the
#: synchronous setting or journal mode." And https://www.sqlite.org/wal.html (Performance
#: Considerations): "Writers sync the WAL on every transaction commit if PRAGMA synchronous
#: is set to FULL but omit this sync if PRAGMA synchronous is set to NORMAL." So with FULL a
#: commit that returned is on the disk: after a power cut the counter cannot fall back to a
#: number already issued and printed on a letter, which would then be issued a second time.
#: The cost is one fsync per commit (benchmarks/numbering.py: numbers per second from four
#: processes, against NORMAL in the same run).
SQLITE_PRAGMAS: tuple[tuple[str, object], ...] = (
    ("busy_timeout", 10000),
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", "full"),
)

_PG_DEFAULT_PORT = 5432
_PG_CONNECT_TIMEOUT = 10
_URL_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SQLITE_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


# --- targets -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostgresTarget:
    """The parts of a PostgreSQL URL."""

    user: str
    password: str
    host: str
    port: int
    dbname: str
    options: dict[str, str] = field(default_factory=dict)

    @property
    def display_host(self) -> str:
        """Host for messages (``localhost`` when the URL names none)."""
        host = self.host or "localhost"
        return f"[{host}]" if ":" in host else host

    def masked_url(self) -> str:
        """The URL with the password replaced by ``***``."""
        auth = quote(self.user, safe="")
        if self.password:
            auth += ":***"
        netloc = f"{auth}@" if auth else ""
        netloc += f"{self.display_host if self.host else ''}:{self.port}"
        query = f"?{urlencode(self.options)}" if self.options else ""
        return f"postgresql://{netloc}/{quote(self.dbname, safe='')}{query}"

    def label(self) -> str:
        """Short label, e.g. ``PostgreSQL: jogoroto@server:5432/jogoroto``."""
        who = f"{self.user}@" if self.user else ""
        return f"PostgreSQL: {who}{self.display_host}:{self.port}/{self.dbname}"


def _mask_any_url(text: str) -> str:
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", text)


def parse_postgres_url(url: str) -> PostgresTarget:
    """Split a ``postgresql://`` or ``postgres://`` URL; raise DatabaseOpenError if unusable."""
    masked = _mask_any_url(url)
    try:
        parts = urlsplit(url)
        port = parts.port or _PG_DEFAULT_PORT
    except ValueError as exc:
        raise DatabaseOpenError(
            f"URL PostgreSQL {masked} tidak sah ({exc}). Contoh yang benar: "
            "postgresql://pengguna:katasandi@server:5432/jogoroto", location=masked) from exc
    if parts.scheme.lower() not in ("postgresql", "postgres"):
        raise DatabaseOpenError(f"{masked} bukan URL PostgreSQL.", location=masked)
    dbname = unquote(parts.path.lstrip("/"))
    if not dbname:
        raise DatabaseOpenError(
            f"URL PostgreSQL {masked} tidak menyebut nama basis data. Contoh yang benar: "
            "postgresql://pengguna:katasandi@server:5432/jogoroto", location=masked)
    return PostgresTarget(
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        host=parts.hostname or "",
        port=port,
        dbname=dbname,
        options=dict(parse_qsl(parts.query)),
    )


def _classify(target: Target) -> Path | PostgresTarget:
    """Return the absolute SQLite path or the parsed PostgreSQL URL."""
    text = os.fsdecode(os.fspath(target))
    match = _URL_RE.match(text)
    if match:
        if match.group(1).lower() in ("postgresql", "postgres"):
            return parse_postgres_url(text)
        masked = _mask_any_url(text)
        raise DatabaseOpenError(
            f"Alamat basis data {masked} tidak dikenal. Gunakan path berkas SQLite atau URL "
            "postgresql://pengguna:katasandi@server:5432/nama_basis_data.", location=masked)
    if not text.strip():
        raise DatabaseOpenError("Lokasi basis data kosong. Pilih berkas basis data.")
    return Path(text).expanduser().absolute()


def mask_url(target: Target) -> str:
    """The target as text with any password replaced by ``***`` (paths are made absolute)."""
    try:
        where = _classify(target)
    except DatabaseOpenError:
        return _mask_any_url(os.fsdecode(os.fspath(target)))
    return where.masked_url() if isinstance(where, PostgresTarget) else str(where)


def describe_target(target: Target) -> str:
    """Short label for the status bar; never shows a password."""
    try:
        where = _classify(target)
    except DatabaseOpenError:
        return f"Basis data: {mask_url(target)}"
    return where.label() if isinstance(where, PostgresTarget) else f"SQLite: {where}"


# --- results -----------------------------------------------------------------------------------


@dataclass
class OpenedDatabase:
    """What :func:`open_database` opened and did."""

    engine: str  # "sqlite" or "postgresql"
    location: str  # path, or URL with the password masked
    label: str  # :func:`describe_target`
    database: peewee.Database
    schema_version: int
    old_version: int  # version found before migrating (0 = new database)
    applied: list[str] = field(default_factory=list)  # descriptions of migrations run now
    backup_path: Path | None = None  # copy made before migrating (SQLite only)


@dataclass
class UpgradeResult:
    """What :func:`upgrade_database` did; iterating gives :meth:`lines` (for printing)."""

    old_version: int
    new_version: int
    applied: list[str]
    backup_path: Path | None

    def lines(self) -> list[str]:
        """Report for the user, one line per fact, in Bahasa Indonesia."""
        if not self.applied:
            return [f"Skema basis data sudah versi {self.new_version}; tidak ada yang diubah."]
        lines = [f"Cadangan sebelum pembaruan: {self.backup_path}"] if self.backup_path else []
        first = self.new_version - len(self.applied) + 1
        lines += [f"Migrasi {first + i}: {text}" for i, text in enumerate(self.applied)]
        lines.append(f"Skema basis data diperbarui dari versi {self.old_version} "
                     f"ke versi {self.new_version}.")
        return lines

    def __iter__(self) -> Iterator[str]:
        return iter(self.lines())


@dataclass
class CheckReport:
    """Result of :func:`check_database` (read-only)."""

    engine: str
    location: str
    schema_version: int | None  # None when it could not be read
    program_schema_version: int
    integrity: str  # "ok" or the problem
    ok: bool
    messages: list[str] = field(default_factory=list)
    needs_upgrade: bool = False
    chain: audit_chain.ChainReport | None = None  # the walk of the chain (schema 7 on)


# --- SQLite --------------------------------------------------------------------------------------


@dataclass
class _SqliteProbe:
    version: int
    journal_mode: str
    problems: list[str]


def _damaged(location: str, detail: str, *, is_file: bool = True) -> DatabaseDamagedError:
    detail = " ".join(detail.split())
    if len(detail) > 300:
        detail = detail[:297] + "..."
    if is_file:
        message = (f"Berkas basis data {location} rusak atau bukan basis data Jogoroto ({detail}). "
                   "Berkas tidak diubah. Pulihkan dari cadangan atau pilih berkas lain.")
    else:
        message = (f"Basis data {location} rusak atau bukan basis data Jogoroto ({detail}). "
                   "Basis data tidak diubah. Pulihkan dari cadangan atau pilih basis data lain.")
    return DatabaseDamagedError(message, location=location, detail=detail)


def _sqlite_failure(path: Path, exc: BaseException, what: str) -> DatabaseOpenError:
    """Turn an sqlite3 (or peewee-wrapped) error into the right DatabaseOpenError."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig) or type(orig).__name__
    code = getattr(orig, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB) or (
            primary is None and ("malformed" in text or "not a database" in text)):
        return _damaged(str(path), f"{what}: {text}")
    if primary in _SQLITE_BUSY_CODES:
        return DatabaseOpenError(
            f"Berkas basis data {path} sedang dikunci oleh program lain ({text}). Tutup program "
            "lain yang memakai berkas ini, lalu coba lagi.", location=str(path))
    return DatabaseOpenError(f"Berkas basis data {path} tidak dapat dibuka ({text}).",
                             location=str(path))


def readonly_uri(path: Path) -> str:
    """``file:`` URI opening ``path`` read-only (works for POSIX, drive and UNC paths)."""
    text = path.as_posix()
    if not text.startswith("/"):
        text = "/" + text
    return "file://" + quote(text, safe="/:") + "?mode=ro"


def _connect_readonly(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(readonly_uri(path), uri=True, timeout=10)
    except sqlite3.Error as exc:
        raise _sqlite_failure(path, exc, "membuka") from exc


def _sqlite_schema_problems(conn: sqlite3.Connection) -> list[str]:
    problems = []
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        problems.extend(_missing_columns(model, table, columns))
    return problems


def _missing_columns(model: type, table: str, columns: set[str]) -> list[str]:
    if not columns:
        return [f"tabel {table} tidak ada"]
    missing = [f.column_name for f in model._meta.sorted_fields if f.column_name not in columns]
    return [f"tabel {table} tidak punya kolom {', '.join(missing)}"] if missing else []


def _probe_sqlite(path: Path, *, full: bool) -> _SqliteProbe:
    """Check an existing, non-empty SQLite file without writing to it and read its version.

    ``full`` runs ``integrity_check``, ``foreign_key_check`` and a schema comparison instead of
    the quicker ``quick_check``.
    """
    location = str(path)
    try:
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseOpenError(
            f"Berkas basis data {path} tidak dapat dibaca ({exc.strerror or exc}).",
            location=location) from exc
    if header != SQLITE_HEADER:
        raise _damaged(location, "bukan berkas SQLite: kepala berkas tidak dikenal")
    check = "integrity_check" if full else "quick_check"
    conn = _connect_readonly(path)
    try:
        results = [str(row[0]) for row in conn.execute(f"PRAGMA {check}(10)")]
        if results != ["ok"]:
            raise _damaged(location, f"{check}: " + "; ".join(results[:5]))
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        if "schema_version" in tables:
            try:
                version = validate_version_rows(
                    conn.execute("SELECT version FROM schema_version").fetchall())
            except SchemaVersionError as exc:
                raise _damaged(location, str(exc)) from exc
        elif tables:
            raise _damaged(location, "tidak ada tabel schema_version; berisi tabel "
                           + ", ".join(tables[:5]))
        else:
            version = 0
        journal_mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
        problems: list[str] = []
        if full:
            bad_refs = conn.execute("PRAGMA foreign_key_check").fetchall()
            if bad_refs:
                problems.append(f"foreign_key_check: {len(bad_refs)} referensi tidak sah")
            if version == SCHEMA_VERSION:
                problems.extend(_sqlite_schema_problems(conn))
    except sqlite3.Error as exc:
        raise _sqlite_failure(path, exc, check) from exc
    finally:
        conn.close()
    return _SqliteProbe(version=version, journal_mode=journal_mode, problems=problems)


def _backup_sqlite(path: Path, version: int) -> Path:
    """Copy ``path`` next to itself with the online backup API; return the copy's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    base = f"{path.stem}.bak-v{version}-{stamp}"
    backup = path.with_name(base + ".db")
    n = 2
    while backup.exists():
        backup = path.with_name(f"{base}-{n}.db")
        n += 1
    src = _connect_readonly(path)
    try:
        dst = sqlite3.connect(backup)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a self-contained single-file copy
        finally:
            dst.close()
    except (sqlite3.Error, OSError) as exc:
        backup.unlink(missing_ok=True)
        raise DatabaseOpenError(
            f"Cadangan {backup} tidak dapat dibuat sebelum pembaruan skema ({exc}). "
            f"Basis data {path} tidak diubah.", location=str(path)) from exc
    finally:
        src.close()
    log.info("Cadangan sebelum migrasi: %s", backup)
    return backup


def _open_sqlite(path: Path, *, migrate: bool) -> OpenedDatabase:
    location = str(path)
    if path.is_dir():
        raise DatabaseOpenError(
            f"{path} adalah folder, bukan berkas basis data. Pilih berkas basis data (.db).",
            location=location)
    old_version = 0
    if path.exists() and path.stat().st_size > 0:
        old_version = _probe_sqlite(path, full=False).version
    _check_version(old_version, location, migrate=migrate)
    backup = None
    if 1 <= old_version < SCHEMA_VERSION:
        backup = _backup_sqlite(path, old_version)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseOpenError(
            f"Folder {path.parent} untuk basis data tidak dapat dibuat ({exc.strerror or exc}).",
            location=location) from exc
    database = peewee.SqliteDatabase(
        str(path), pragmas=list(SQLITE_PRAGMAS), timeout=10, lock_type="IMMEDIATE")
    try:
        database.connect()
    except peewee.PeeweeException as exc:
        raise _sqlite_failure(path, exc, "membuka") from exc
    try:
        applied = _run_migrations(database, location, backup)
        journal_mode = str(database.execute_sql("PRAGMA journal_mode").fetchone()[0])
        if journal_mode.lower() != "wal":
            log.warning("Mode jurnal %s bukan WAL untuk %s", journal_mode, path)
    except BaseException:
        database.close()
        raise
    return OpenedDatabase(engine="sqlite", location=location, label=f"SQLite: {path}",
                          database=database, schema_version=SCHEMA_VERSION,
                          old_version=old_version, applied=applied, backup_path=backup)


# --- PostgreSQL ----------------------------------------------------------------------------------


def _pg_database(target: PostgresTarget, *, read_only: bool = False) -> peewee.PostgresqlDatabase:
    params: dict[str, object] = {
        "connect_timeout": _PG_CONNECT_TIMEOUT,
        "application_name": "Jogoroto Desktop",
    }
    params.update(target.options)
    if target.user:
        params["user"] = target.user
    if target.password:
        params["password"] = target.password
    if target.host:
        params["host"] = target.host
    params["port"] = target.port
    if read_only:
        params["options"] = (str(params.get("options", "")) +
                             " -c default_transaction_read_only=on").strip()
    return peewee.PostgresqlDatabase(target.dbname, **params)


def _pg_connect(database: peewee.PostgresqlDatabase, target: PostgresTarget) -> None:
    try:
        database.connect()
    except (peewee.PeeweeException, OSError) as exc:
        orig = getattr(exc, "orig", None) or exc
        reason = " ".join(str(orig).split()) or type(orig).__name__
        if isinstance(exc, peewee.ImproperlyConfigured):
            reason = "driver psycopg2 tidak terpasang"
        if target.password:
            reason = reason.replace(target.password, "***")
        who = f", pengguna '{target.user}'" if target.user else ""
        raise DatabaseConnectionError(
            f"Tidak dapat terhubung ke basis data PostgreSQL '{target.dbname}' di server "
            f"{target.display_host}:{target.port}{who} ({reason}). Periksa alamat server, nama "
            "basis data, pengguna dan kata sandi, lalu pastikan server PostgreSQL menyala dan "
            "dapat dijangkau dari PC ini.",
            location=target.masked_url(), reason=reason) from exc


def _pg_read_version(database: peewee.PostgresqlDatabase, target: PostgresTarget) -> int:
    try:
        return read_schema_version(database)
    except SchemaVersionError as exc:
        raise _damaged(target.label(), str(exc), is_file=False) from exc


def _pg_schema_problems(database: peewee.PostgresqlDatabase) -> list[str]:
    problems = []
    for model in ALL_MODELS:
        table = model._meta.table_name
        rows = database.execute_sql(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = %s", (table,)).fetchall()
        problems.extend(_missing_columns(model, table, {row[0] for row in rows}))
    return problems


def _open_postgres(target: PostgresTarget, *, migrate: bool) -> OpenedDatabase:
    location = target.masked_url()
    database = _pg_database(target)
    _pg_connect(database, target)
    try:
        old_version = _pg_read_version(database, target)
        _check_version(old_version, target.label(), migrate=migrate, is_file=False)
        applied = _run_migrations(database, location, None)
    except BaseException:
        database.close()
        raise
    return OpenedDatabase(engine="postgresql", location=location, label=target.label(),
                          database=database, schema_version=SCHEMA_VERSION,
                          old_version=old_version, applied=applied)


# --- shared ------------------------------------------------------------------------------------


def _check_version(version: int, location: str, *, migrate: bool, is_file: bool = True) -> None:
    what = "berkas" if is_file else "basis data"
    if version > SCHEMA_VERSION:
        raise DatabaseTooNewError(
            f"Basis data ini ({location}) dibuat oleh versi program yang lebih baru (skema versi "
            f"{version}, program ini mendukung sampai versi {SCHEMA_VERSION}). Perbarui program "
            "Jogoroto Desktop; basis data tidak diubah.",
            location=location, db_version=version, program_version=SCHEMA_VERSION)
    if version < SCHEMA_VERSION and not migrate:
        raise DatabaseOutdatedError(
            f"Basis data {location} masih memakai skema versi {version}, program ini memakai "
            f"versi {SCHEMA_VERSION}. Perbarui skemanya dengan perintah 'db upgrade' (atau buka "
            f"dengan program); {what} tidak diubah.",
            location=location, db_version=version, program_version=SCHEMA_VERSION)


def _run_migrations(database: peewee.Database, location: str, backup: Path | None) -> list[str]:
    try:
        applied = apply_migrations(database)
    except Exception as exc:
        note = f" Cadangan sebelum pembaruan ada di {backup}." if backup else ""
        raise DatabaseMigrationError(
            f"Pembaruan skema basis data {location} gagal ({exc}). Langkah yang gagal dibatalkan "
            f"seluruhnya.{note}", location=location, backup_path=backup) from exc
    for description in applied:
        log.info("Skema %s diperbarui: %s", location, description)
    return applied


def _open(target: Target, *, migrate: bool) -> OpenedDatabase:
    where = _classify(target)
    if isinstance(where, PostgresTarget):
        return _open_postgres(where, migrate=migrate)
    return _open_sqlite(where, migrate=migrate)


# --- public API ----------------------------------------------------------------------------------


def open_database(target: Target, *, migrate: bool = True) -> OpenedDatabase:
    """Open ``target``, check it, migrate it if needed and make it ``models.db``.

    Raises a :class:`DatabaseOpenError` subclass (with a message for the user) when the database
    is damaged, too new, outdated while ``migrate`` is False, or unreachable.  A database that
    was already open is closed once the new one is ready.
    """
    opened = _open(target, migrate=migrate)
    if db.obj is not None:
        close_database()
    db.initialize(opened.database)
    return opened


def open_separate(target: Target, *, migrate: bool = True) -> OpenedDatabase:
    """Open ``target`` like :func:`open_database` (checks, migrations) without making it
    ``models.db``: for copying between two databases.  The caller closes it."""
    return _open(target, migrate=migrate)


def close_database() -> None:
    """Close this thread's connection and detach ``models.db``."""
    database = db.obj
    if database is None:
        return
    db.initialize(None)
    if not database.is_closed():
        database.close()


def upgrade_database(target: Target) -> UpgradeResult:
    """Migrate ``target`` to the program's schema (backup first for SQLite), then close it.

    Does not touch ``models.db``.
    """
    opened = _open(target, migrate=True)
    opened.database.close()
    return UpgradeResult(old_version=opened.old_version, new_version=opened.schema_version,
                         applied=opened.applied, backup_path=opened.backup_path)


def check_database(target: Target) -> CheckReport:
    """Inspect ``target`` without writing to it: integrity, schema version, schema shape."""
    try:
        where = _classify(target)
    except DatabaseOpenError as exc:
        return CheckReport(engine="unknown", location=mask_url(target), schema_version=None,
                           program_schema_version=SCHEMA_VERSION, integrity=exc.message,
                           ok=False, messages=[exc.message])
    if isinstance(where, PostgresTarget):
        return _finish_report(_check_postgres(where), where.label())
    return _finish_report(_check_sqlite(where), f"SQLite: {where}")


def _check_sqlite(path: Path) -> CheckReport:
    report = CheckReport(engine="sqlite", location=str(path), schema_version=None,
                         program_schema_version=SCHEMA_VERSION, integrity="", ok=False)
    if not path.exists():
        report.integrity = "berkas tidak ditemukan"
        report.messages.append(f"Berkas {path} tidak ada (akan dibuat baru saat program dibuka).")
    elif path.is_dir():
        report.integrity = "bukan berkas"
        report.messages.append(f"{path} adalah folder, bukan berkas basis data.")
    elif path.stat().st_size == 0:
        report.schema_version = 0
        report.integrity = "ok"
        report.messages.append("Berkas kosong: skema akan dibuat saat program membukanya.")
    else:
        try:
            probe = _probe_sqlite(path, full=True)
        except DatabaseDamagedError as exc:
            report.integrity = exc.detail
            report.messages.append(exc.message)
            return report
        except DatabaseOpenError as exc:
            report.integrity = f"tidak dapat diperiksa: {exc.message}"
            report.messages.append(exc.message)
            return report
        report.schema_version = probe.version
        report.integrity = "; ".join(probe.problems) or "ok"
        report.messages.append(f"Mode jurnal: {probe.journal_mode}.")
        if not probe.problems:
            conn = _connect_readonly(path)
            try:
                _check_audit_trail(conn, report)
            except sqlite3.Error as exc:
                raise _sqlite_failure(path, exc, "memeriksa jejak audit") from exc
            finally:
                conn.close()
    return report


def _check_audit_trail(conn: peewee.Database | sqlite3.Connection, report: CheckReport) -> None:
    """The append-only triggers (schema 5 on) and the hash chain (schema 7 on) of the audit
    trail: the first break becomes the report's integrity problem."""
    version = report.schema_version or 0
    if version >= 7:
        chain = audit_chain.verify(conn)
        report.chain = chain
        report.messages.append(f"Jejak audit: {chain.summary()}.")
        if not chain.ok:
            report.integrity = chain.summary()
    elif version >= 5:
        problems = audit_chain.trigger_problems(conn)
        if problems:
            report.integrity = "; ".join(problems)


def _check_postgres(target: PostgresTarget) -> CheckReport:
    report = CheckReport(engine="postgresql", location=target.masked_url(), schema_version=None,
                         program_schema_version=SCHEMA_VERSION, integrity="", ok=False)
    database = _pg_database(target, read_only=True)
    try:
        _pg_connect(database, target)
    except DatabaseConnectionError as exc:
        report.integrity = "tidak dapat terhubung"
        report.messages.append(exc.message)
        return report
    try:
        report.schema_version = _pg_read_version(database, target)
        problems = []
        if report.schema_version == SCHEMA_VERSION:
            problems = _pg_schema_problems(database)
        report.integrity = "; ".join(problems) or "ok"
        if not problems:
            _check_audit_trail(database, report)
        version = database.server_version or 0
        report.messages.append(f"Server PostgreSQL versi {version // 10000}.{version % 10000}.")
    except DatabaseDamagedError as exc:
        report.integrity = exc.detail
        report.messages.append(exc.message)
    except peewee.PeeweeException as exc:
        report.integrity = f"tidak dapat diperiksa: {getattr(exc, 'orig', None) or exc}"
        report.messages.append(report.integrity)
    finally:
        database.close()
    return report


def _finish_report(report: CheckReport, label: str) -> CheckReport:
    version = report.schema_version
    report.messages[:0] = [
        f"Basis data: {label}",
        f"Versi skema: {'tidak diketahui' if version is None else version} "
        f"(program ini: {SCHEMA_VERSION})",
        f"Integritas: {report.integrity}",
    ]
    if version is not None:
        if version > SCHEMA_VERSION:
            report.messages.append(
                f"Skema versi {version} lebih baru daripada yang didukung program ini "
                f"(versi {SCHEMA_VERSION}): perbarui program Jogoroto Desktop.")
        elif version < SCHEMA_VERSION and report.integrity == "ok":
            report.needs_upgrade = True
            backup = " (cadangan berkas dibuat otomatis)" if report.engine == "sqlite" else ""
            report.messages.append(
                f"Skema versi {version}, program memakai versi {SCHEMA_VERSION}: jalankan "
                f"'db upgrade'{backup}.")
    report.ok = report.integrity == "ok" and version == SCHEMA_VERSION
    if report.ok:
        report.messages.append("Basis data baik dan siap dipakai.")
    return report
