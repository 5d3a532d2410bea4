"""Backup and restore of the office's database.

A backup is always a self-contained Jogoroto SQLite file (journal mode DELETE, no -wal beside it):
- of an SQLite database, made with SQLite's online backup API, so it is consistent even while
  other PCs write;
- of a PostgreSQL database, a portable export of every table into a fresh SQLite file of the same
  schema (:mod:`jogoroto_desktop.storage.datacopy`), which a restore imports back.

A restore first verifies the file (SQLite header, integrity_check, schema version not newer than
the program, the required tables, the audit trail's triggers and hash chain, and that the chain
extends every chain head this PC recorded earlier for the same office), then keeps a safety copy
of the current database, and only then replaces the content: an SQLite database by an atomic
file swap, a PostgreSQL database in one transaction.  A file that fails the checks leaves the
current database byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

import models
from jogoroto_desktop import audit, session
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.storage import datacopy, dbconfig
from jogoroto_desktop.storage.paths import data_dir, private_file, private_folder
from models.audit_chain import ChainReport
from models.database import PostgresTarget, parse_postgres_url

log = logging.getLogger(__name__)

BACKUP_FOLDER_NAME = "cadangan"
AUTO_PREFIX = "otomatis"
SAFETY_PREFIX = "sebelum-pulih"
BACKUP_SUFFIX = ".db"
PAGES_PER_STEP = 256  # online backup: pages copied between two progress reports
LOCK_TIMEOUT_S = 5

#: (done, total) in any unit; the GUI turns it into a percentage.
Progress = Callable[[int, int], None]


class BackupError(Exception):
    """A backup or restore could not be done; the message is for people, in Indonesian."""


@dataclass(frozen=True)
class ChainHead:
    """Where a database's audit chain stood: its last row and the chain's first row (which
    tells one office's chain from another's)."""

    audit_id: int
    hash: str
    first_hash: str


@dataclass
class BackupInfo:
    """What a verified backup file holds."""

    path: Path
    schema_version: int
    size: int
    counts: dict[str, int] = field(default_factory=dict)
    modified: dt.datetime | None = None
    chain: ChainHead | None = None  # the audit chain's head (schema 7 on)

    def summary(self) -> list[str]:
        """Lines for the confirmation dialog and the CLI."""
        lines = [f"Berkas: {self.path}"]
        if self.modified is not None:
            lines.append(f"Dibuat: {format_waktu(self.modified)}")
        lines.append(f"Versi skema: {self.schema_version} (program ini: {models.SCHEMA_VERSION})")
        for table, label in (("surat_masuk", "Surat masuk"), ("surat_keluar", "Surat keluar"),
                             ("permohonan", "Permohonan layanan"), ("pegawai", "Pegawai")):
            if table in self.counts:
                lines.append(f"{label}: {self.counts[table]}")
        if self.chain is not None:
            lines.append(f"Jejak audit: rantai utuh, {self.chain.audit_id} baris "
                         f"(kepala {self.chain.hash[:12]})")
        return lines


@dataclass
class BackupResult:
    path: Path
    size: int
    engine: str


@dataclass
class RestoreResult:
    info: BackupInfo
    safety_copy: Path
    engine: str


def format_waktu(moment: dt.datetime) -> str:
    """``4 Januari 2022 10.15`` (the office's way of writing a time)."""
    return f"{format_tanggal(moment.date())} {moment:%H.%M}"


def backup_folder() -> Path:
    """Where automatic backups and safety copies live (the per-PC data folder)."""
    return private_folder(data_dir() / BACKUP_FOLDER_NAME)


def _stamp(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")


def default_backup_name(now: dt.datetime | None = None) -> str:
    """File name offered for a manual backup, e.g. ``jogoroto-cadangan-20260104-101500.db``."""
    return f"jogoroto-cadangan-{_stamp(now)}{BACKUP_SUFFIX}"


def unique_path(path: Path) -> Path:
    candidate, n = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def _classify(target: str) -> Path | PostgresTarget:
    text = os.fsdecode(target)
    if text.lower().startswith(("postgresql://", "postgres://")):
        return parse_postgres_url(text)
    return Path(text).expanduser().absolute()


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        fh.flush()
        os.fsync(fh.fileno())


# --- making a backup ---------------------------------------------------------------------------


def _sqlite_online_copy(source: Path, destination: Path, progress: Progress | None) -> None:
    """Copy ``source`` into the new file ``destination`` with the online backup API."""
    src = sqlite3.connect(source, timeout=LOCK_TIMEOUT_S * 2)
    try:
        dst = sqlite3.connect(destination)
        try:
            def report(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            src.backup(dst, pages=PAGES_PER_STEP, progress=report)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise BackupError(f"Salinan {destination} tidak lolos pemeriksaan ({result}).")
        finally:
            dst.close()
    finally:
        src.close()


def _export_postgres(target: str, destination: Path,
                     progress: Progress | None) -> None:
    """Write every table of the server into a fresh Jogoroto SQLite file."""
    models.upgrade_database(destination)  # creates the schema (and its seeded rows)
    source = models.open_separate(target, migrate=False).database
    file_db = peewee.SqliteDatabase(str(destination), pragmas=[("journal_mode", "delete")])
    try:
        # One snapshot of the whole server: every table read in the same transaction.
        with source.atomic():
            source.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            datacopy.copy_content(source, file_db, progress=(
                (lambda _t, done, total: progress(done, total)) if progress else None))
    except datacopy.CopyError as exc:
        raise BackupError(str(exc)) from exc
    finally:
        file_db.close()
        source.close()


def make_backup(target: str, destination: Path, progress: Progress | None = None, *,
                overwrite: bool = False) -> BackupResult:
    """A backup someone asked for (CLI ``backup``, Berkas > Cadangkan Sekarang…): admin only,
    since the file holds every record; the GUI and the CLI share this check.  See
    :func:`_write_backup` for how it is written."""
    session.require("cadangan.buat")
    return _write_backup(target, destination, progress, overwrite=overwrite)


def _write_backup(target: str, destination: Path, progress: Progress | None = None, *,
                  record: bool = True, overwrite: bool = False) -> BackupResult:
    """Back up the database ``target`` (SQLite path or PostgreSQL URL) into ``destination``.

    No permission check: callers are the admin-only :func:`make_backup` and the program's own
    system actions (the automatic backup at start/exit, the safety copy before a restore).

    ``record`` notes it as this PC's latest backup (not for the safety copy of a restore).
    An existing ``destination`` is refused (before anything is written) unless ``overwrite``.

    Written to a temporary file beside ``destination`` (owner-only on POSIX: it holds every
    record), verified as a restore would verify it, and renamed only then, so a failed or
    interrupted backup never leaves a half or unchecked file under the final name.
    """
    where = _classify(target)
    destination = Path(destination).expanduser().absolute()
    if isinstance(where, Path):
        if not where.is_file():
            raise BackupError(f"Basis data {where} tidak ada; tidak ada yang dicadangkan.")
        if where == destination:
            raise BackupError("Berkas cadangan tidak boleh sama dengan berkas basis data.")
    if not overwrite and destination.exists():
        raise _already_exists(destination)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"Folder {destination.parent} tidak dapat dibuat "
                          f"({exc.strerror or exc}).") from exc
    fd, temp_name = tempfile.mkstemp(prefix=".jogoroto-", suffix=".tmp", dir=destination.parent)
    os.close(fd)
    temp = Path(temp_name)
    temp.unlink()  # sqlite3 creates it
    try:
        if isinstance(where, Path):
            _sqlite_online_copy(where, temp, progress)
            engine = "sqlite"
        else:
            _export_postgres(target, temp, progress)
            engine = "postgresql"
        _fsync_file(temp)
        private_file(temp)
        try:
            verify_backup_file(temp)
        except BackupError as exc:
            raise BackupError(f"Cadangan tidak lolos pemeriksaan setelah ditulis; tidak ada "
                              f"berkas cadangan yang dibuat. {exc}") from exc
        _move_into_place(temp, destination, overwrite)
    except sqlite3.Error as exc:
        raise BackupError(f"Cadangan tidak dapat dibuat ({exc}).") from exc
    except OSError as exc:
        raise BackupError(f"Berkas cadangan {destination} tidak dapat ditulis "
                          f"({exc.strerror or exc}). Periksa ruang kosong disk/USB.") from exc
    except models.DatabaseOpenError as exc:
        raise BackupError(str(exc)) from exc
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            leftover.unlink(missing_ok=True)
    size = destination.stat().st_size
    if record:
        dbconfig.record_backup(destination, dt.datetime.now())
        remember_chain_head(destination)
    log.info("Cadangan dibuat: %s (%d bita)", destination, size)
    return BackupResult(path=destination, size=size, engine=engine)


def _already_exists(destination: Path) -> BackupError:
    return BackupError(f"Berkas {destination} sudah ada; cadangan tidak menimpanya. Pilih nama "
                       "berkas lain (di baris perintah: tambahkan --timpa untuk menimpanya).")


def _move_into_place(temp: Path, destination: Path, overwrite: bool) -> None:
    """Rename the verified ``temp`` to ``destination``; without ``overwrite`` never replace a
    file that appeared meanwhile (a hard link fails on an existing name, atomically; where a
    file system has no hard links, e.g. a FAT USB disk, the name is checked just before)."""
    if overwrite:
        os.replace(temp, destination)
        return
    try:
        os.link(temp, destination)
    except FileExistsError:
        raise _already_exists(destination) from None
    except OSError:
        if destination.exists():
            raise _already_exists(destination) from None
        os.replace(temp, destination)
        return
    temp.unlink()


# --- automatic backups and rotation ----------------------------------------------------------


def _backups_with_prefix(folder: Path, prefix: str) -> list[Path]:
    """Backups named ``jogoroto-{prefix}-*.db`` in ``folder``, oldest first."""
    return sorted(folder.glob(f"jogoroto-{prefix}-*{BACKUP_SUFFIX}"))


def rotate(folder: Path, prefix: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups of one kind; return the deleted files."""
    keep = max(1, keep)
    files = _backups_with_prefix(folder, prefix)
    removed = files[:-keep] if len(files) > keep else []
    for old in removed:
        try:
            old.unlink()
        except OSError as exc:  # e.g. opened by an antivirus scanner: try again next time
            log.warning("Cadangan lama %s tidak dapat dihapus: %s", old, exc)
    return removed


def newest_automatic_backup(folder: Path | None = None) -> Path | None:
    files = _backups_with_prefix(folder or backup_folder(), AUTO_PREFIX)
    return files[-1] if files else None


def automatic_backup_due(now: dt.datetime | None = None, folder: Path | None = None) -> bool:
    """True when today has no automatic backup yet (one a day, plus one at every exit)."""
    now = now or dt.datetime.now()
    newest = newest_automatic_backup(folder)
    if newest is None:
        return True
    return dt.datetime.fromtimestamp(newest.stat().st_mtime).date() < now.date()


def automatic_backup(target: str, reason: str = "harian",
                     now: dt.datetime | None = None) -> BackupResult | None:
    """Back up an SQLite ``target`` into the backup folder and rotate (keep N, per-PC setting).

    Returns None for a PostgreSQL target (the server is backed up by its own administrator or
    with a manual backup) and when the SQLite file does not exist yet.
    """
    where = _classify(target)
    if not isinstance(where, Path) or not where.is_file():
        return None
    folder = backup_folder()
    destination = unique_path(folder / f"jogoroto-{AUTO_PREFIX}-{_stamp(now)}{BACKUP_SUFFIX}")
    # A system action, not a user's: it runs for whoever is signed in (or nobody, at exit),
    # so it deliberately skips the admin-only check of make_backup.
    result = _write_backup(str(where), destination)
    rotate(folder, AUTO_PREFIX, dbconfig.load_config().keep_backups)
    log.info("Cadangan otomatis (%s): %s", reason, destination)
    return result


# --- verifying a backup file -------------------------------------------------------------------


def verify_backup_file(path: Path) -> BackupInfo:
    """Check a backup file without writing to it; raise BackupError saying what is wrong."""
    path = Path(path).expanduser().absolute()
    if not path.is_file():
        raise BackupError(f"Berkas cadangan {path} tidak ditemukan.")
    if path.stat().st_size == 0:
        raise BackupError(f"Berkas cadangan {path} kosong (0 bita); bukan cadangan Jogoroto.")
    report = models.check_database(path)
    if report.schema_version is None or report.integrity != "ok":
        raise BackupError(
            f"Berkas {path} bukan cadangan Jogoroto yang utuh: {report.integrity}. "
            "Berkas ini tidak dipakai; basis data sekarang tidak diubah.")
    version = report.schema_version
    if version > models.SCHEMA_VERSION:
        raise BackupError(
            f"Cadangan {path} dibuat oleh versi program yang lebih baru (skema versi {version}, "
            f"program ini versi {models.SCHEMA_VERSION}). Perbarui program Jogoroto Desktop "
            "dulu; basis data sekarang tidak diubah.")
    if version < 1:
        raise BackupError(f"Berkas {path} tidak berisi skema Jogoroto; bukan cadangan.")
    counts: dict[str, int] = {}
    conn = sqlite3.connect(models.database.readonly_uri(path), uri=True)
    try:
        tables = {row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        for model in models.ALL_MODELS:
            name = model._meta.table_name
            if name in tables:
                counts[name] = conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
    except sqlite3.Error as exc:
        raise BackupError(f"Berkas {path} tidak dapat dibaca ({exc}).") from exc
    finally:
        conn.close()
    modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
    chain = report.chain
    head = None if chain is None or not chain.first_hash else ChainHead(
        chain.head_id, chain.head_hash, chain.first_hash)
    return BackupInfo(path=path, schema_version=version, size=path.stat().st_size,
                      counts=counts, modified=modified, chain=head)


# --- the chain heads this PC has seen in backups ---------------------------------------------

KNOWN_HEADS_FILE = "kepala-rantai-audit.json"
KNOWN_HEADS_KEPT = 200


def _known_heads_path() -> Path:
    return data_dir() / KNOWN_HEADS_FILE


def known_chain_heads() -> list[dict[str, Any]]:
    """The heads recorded by this PC's backups and restores, oldest first."""
    try:
        entries = json.loads(_known_heads_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict)
            and {"awal", "id", "hash"} <= set(e)] if isinstance(entries, list) else []


def _save_known_heads(entries: list[dict[str, Any]]) -> None:
    path = _known_heads_path()
    partial = path.with_name(path.name + ".part")
    partial.write_text(json.dumps(entries[-KNOWN_HEADS_KEPT:], indent=1), encoding="utf-8")
    partial.replace(path)


def remember_chain_head(backup_file: Path) -> ChainHead | None:
    """Record the audit chain head of a backup just made (the backup's metadata on this PC),
    so a later restore can tell whether a file extends it."""
    conn = sqlite3.connect(models.database.readonly_uri(backup_file), uri=True)
    try:
        row = conn.execute(
            "SELECT k.audit_id, k.hash, (SELECT hash_baris FROM audit ORDER BY id LIMIT 1) "
            "FROM audit_kepala k WHERE k.id = 1").fetchone()
    except sqlite3.Error as exc:  # a database older than the chain
        log.info("Kepala rantai audit cadangan %s tidak dicatat: %s", backup_file, exc)
        return None
    finally:
        conn.close()
    head = ChainHead(int(row[0]), row[1], row[2]) if row and row[2] else None
    if head is not None:
        entries = known_chain_heads()
        entries.append({"awal": head.first_hash, "id": head.audit_id, "hash": head.hash,
                        "berkas": backup_file.name,
                        "pada": dt.datetime.now().isoformat(timespec="seconds")})
        _save_known_heads(entries)
    return head


def _hashes_at(path: Path, ids: list[int]) -> dict[int, str]:
    conn = sqlite3.connect(models.database.readonly_uri(path), uri=True)
    try:
        marks = ", ".join("?" * len(ids))
        return dict(conn.execute(
            f"SELECT id, hash_baris FROM audit WHERE id IN ({marks})", ids).fetchall())
    finally:
        conn.close()


def _first_unextended_head(first_hash: str, head_id: int,
                           hashes_at: Callable[[list[int]], dict[int, str]], *,
                           older_allowed: bool) -> dict[str, Any] | None:
    """The first head this PC recorded for the chain starting with ``first_hash`` that a
    chain ending at ``head_id`` (its hashes read through ``hashes_at``) does not extend, or
    None.  ``older_allowed``: a head beyond ``head_id`` passes (a backup older than it)."""
    same = [e for e in known_chain_heads() if e["awal"] == first_hash]
    ids = sorted({int(e["id"]) for e in same if int(e["id"]) <= head_id})
    found = hashes_at(ids) if ids else {}
    for entry in same:
        if int(entry["id"]) > head_id:
            if not older_allowed:
                return entry
        elif found.get(int(entry["id"])) != entry["hash"]:
            return entry
    return None


def _head_label(entry: dict[str, Any]) -> str:
    return (f"{entry.get('berkas', '')} (baris id {entry['id']}, hash "
            f"{str(entry['hash'])[:12]}, {entry.get('pada', '')})")


def check_extends_known_heads(info: BackupInfo) -> None:
    """Refuse a file whose audit chain does not extend a head this PC recorded earlier for
    the same chain (same first row).  A file older than a recorded head cannot be told from
    a cut one and passes: restoring an older backup is allowed."""
    if info.chain is None:
        return
    entry = _first_unextended_head(info.chain.first_hash, info.chain.audit_id,
                                   lambda ids: _hashes_at(info.path, ids), older_allowed=True)
    if entry is not None:
        raise BackupError(
            f"Jejak audit berkas {info.path} tidak melanjutkan rantai cadangan "
            f"{_head_label(entry)}: riwayat audit di berkas ini telah diubah. Berkas ini tidak "
            "dipakai; basis data sekarang tidak diubah.")


def _live_hashes(target: str, ids: list[int]) -> dict[int, str]:
    where = _classify(target)
    if isinstance(where, Path):
        return _hashes_at(where, ids)
    opened = models.open_separate(target, migrate=False)  # read only: nothing to migrate
    try:
        marks = ", ".join([opened.database.param] * len(ids))
        return dict(opened.database.execute_sql(
            f"SELECT id, hash_baris FROM audit WHERE id IN ({marks})", ids).fetchall())
    finally:
        opened.database.close()


def live_chain_against_known_heads(target: str, chain: ChainReport) -> str | None:
    """``db check``: the live database's chain must extend every head this PC recorded at its
    backups (and restores) for the same chain.  A changed row at a recorded head, or a chain
    now shorter than one, means the history was rewritten, even when the chain was rehashed
    so that it verifies by itself.  Returns the problem, naming the head, or None."""
    if not chain.first_hash:
        return None
    entry = _first_unextended_head(chain.first_hash, chain.head_id,
                                   lambda ids: _live_hashes(target, ids), older_allowed=False)
    if entry is None:
        return None
    return (f"Riwayat jejak audit telah ditulis ulang: rantai basis data ini tidak melanjutkan "
            f"kepala rantai yang dicatat PC ini pada cadangan {_head_label(entry)}.")


def _adopt_restored_head(info: BackupInfo) -> None:
    """After a restore the restored chain is the office's: heads of the same chain beyond it
    (a history the restore undid) are forgotten, and its own head is recorded."""
    if info.chain is None:
        return
    head = info.chain
    entries = [e for e in known_chain_heads()
               if not (e["awal"] == head.first_hash and int(e["id"]) > head.audit_id)]
    entries.append({"awal": head.first_hash, "id": head.audit_id, "hash": head.hash,
                    "berkas": info.path.name,
                    "pada": dt.datetime.now().isoformat(timespec="seconds")})
    _save_known_heads(entries)


# --- restoring ---------------------------------------------------------------------------------


def _release_sqlite(path: Path) -> None:
    """Fold the WAL into the file and leave WAL mode, which needs every other connection closed.

    A -wal file left beside the file being replaced would be replayed into the restored file.
    """
    try:
        conn = sqlite3.connect(path, timeout=LOCK_TIMEOUT_S)
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(
            f"Basis data {path} sedang dipakai program lain ({exc}). Tutup Jogoroto Desktop di "
            "PC lain yang memakai berkas ini, lalu coba lagi; tidak ada yang diubah.") from exc
    if str(mode).lower() != "delete" or Path(f"{path}-wal").exists():
        raise BackupError(
            f"Basis data {path} sedang dipakai program lain. Tutup Jogoroto Desktop di PC lain "
            "yang memakai berkas ini, lalu coba lagi; tidak ada yang diubah.")


def _restore_sqlite(info: BackupInfo, path: Path, safety: Path) -> None:
    if path.exists():
        _write_backup(str(path), safety, record=False)
        _release_sqlite(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".jogoroto-pulih-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        shutil.copyfile(info.path, temp)
        _fsync_file(temp)
        if verify_backup_file(temp).schema_version != info.schema_version:
            raise BackupError(f"Salinan berkas {info.path} berubah saat disalin; coba lagi.")
        Path(f"{path}-shm").unlink(missing_ok=True)
        os.replace(temp, path)  # atomic: the old or the new database, never a mix
    finally:
        temp.unlink(missing_ok=True)


def upgraded_copy(info: BackupInfo, folder: Path) -> Path:
    """The backup file itself when current, else an upgraded temporary copy of it."""
    if info.schema_version == models.SCHEMA_VERSION:
        return info.path
    copy = folder / "cadangan-diperbarui.db"
    shutil.copyfile(info.path, copy)
    models.upgrade_database(copy)
    for leftover in copy.parent.glob(copy.name + ".bak-*"):
        leftover.unlink()
    return copy


def _restore_postgres(info: BackupInfo, target: str, safety: Path) -> None:
    _write_backup(target, safety, record=False)
    with tempfile.TemporaryDirectory(prefix="jogoroto-pulih-") as folder:
        source_path = upgraded_copy(info, Path(folder))
        source = peewee.SqliteDatabase(models.database.readonly_uri(source_path), uri=True)
        server = models.open_separate(target).database
        try:
            datacopy.copy_content(source, server)
        except datacopy.CopyError as exc:
            raise BackupError(str(exc)) from exc
        except peewee.PeeweeException as exc:
            raise BackupError(
                f"Pemulihan ke server gagal dan dibatalkan seluruhnya; isi server tidak berubah "
                f"({getattr(exc, 'orig', None) or exc}).") from exc
        finally:
            server.close()
            source.close()


def restore_backup(backup_file: Path, target: str) -> RestoreResult:
    """Replace the database ``target`` with the content of ``backup_file`` (admin only).

    Order: permission, verification of the file, safety copy of the current database, swap.
    Afterwards ``target`` is ``models.db`` (opened, migrated if the backup was older) and holds
    an audit row "pulihkan".  The caller must have closed ``models.db`` before (this program's
    own connection would otherwise keep the SQLite file in use); only the calling thread's
    connection stays open.
    """
    session.require("cadangan.pulihkan")
    info = verify_backup_file(backup_file)
    check_extends_known_heads(info)
    where = _classify(target)
    safety = unique_path(backup_folder() / f"jogoroto-{SAFETY_PREFIX}-{_stamp()}{BACKUP_SUFFIX}")
    try:
        if isinstance(where, Path):
            if where == info.path:
                raise BackupError("Berkas cadangan adalah basis data yang sedang dipakai.")
            _restore_sqlite(info, where, safety)
            engine = "sqlite"
        else:
            _restore_postgres(info, target, safety)
            engine = "postgresql"
    except OSError as exc:
        raise BackupError(f"Pemulihan gagal ({exc.strerror or exc}); basis data sekarang "
                          "tidak diubah.") from exc
    except models.DatabaseOpenError as exc:
        raise BackupError(str(exc)) from exc
    rotate(backup_folder(), SAFETY_PREFIX, dbconfig.load_config().keep_backups)
    _adopt_restored_head(info)
    models.open_database(target)
    with models.db.atomic():
        audit.catat("pulihkan", "basis_data", None,
                    f"Dipulihkan dari {info.path.name}; salinan pengaman {safety.name}",
                    {"berkas": [None, str(info.path)], "pengaman": [None, str(safety)]})
    log.info("Basis data %s dipulihkan dari %s (salinan pengaman %s)",
             models.mask_url(target), info.path, safety)
    return RestoreResult(info=info, safety_copy=safety, engine=engine)


def migrate_from_sqlite(sqlite_file: str | os.PathLike[str], target: str,
                        progress: datacopy.Progress | None = None) -> datacopy.CopyReport:
    """Copy an office's SQLite database into an empty PostgreSQL server (schema created or
    upgraded first), verified table by table; a server already holding records is refused."""
    if not target.lower().startswith(("postgresql://", "postgres://")):
        raise datacopy.CopyError(
            f"Tujuan {models.mask_url(target)} bukan server PostgreSQL; sebutkan "
            "URL postgresql://pengguna:katasandi@server:5432/nama lewat --db.")
    try:
        info = verify_backup_file(Path(sqlite_file))
    except BackupError as exc:
        raise datacopy.CopyError(str(exc)) from exc
    server = models.open_separate(target).database
    try:
        filled = datacopy.user_tables_with_rows(server)
        if filled:
            raise datacopy.CopyError(
                f"Basis data tujuan {models.mask_url(target)} sudah berisi data (tabel "
                f"{', '.join(filled)}). Pindahan hanya ke basis data kosong, agar tidak ada "
                "catatan yang tertimpa; tidak ada yang diubah.")
        with tempfile.TemporaryDirectory(prefix="jogoroto-pindah-") as folder:
            source_path = upgraded_copy(info, Path(folder))
            source = peewee.SqliteDatabase(models.database.readonly_uri(source_path), uri=True)
            try:
                return datacopy.copy_content(source, server, progress)
            finally:
                source.close()
    finally:
        server.close()
