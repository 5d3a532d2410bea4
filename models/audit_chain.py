"""The hash chain of the audit trail, and the checks of the chain and of its triggers.

Each audit row holds ``hash_sebelum`` (the hash of the row before it, :data:`GENESIS` for the
first) and ``hash_baris``: SHA-256 over a canonical JSON of its id, its columns and
``hash_sebelum``.  The one-row table ``audit_kepala`` holds the chain head (the last row's id and
hash); appending locks that row, so two PCs on one server append one after the other and the
chain never forks, and the next id is the head's id + 1 (an id is never skipped).

Anyone who can write the database can still change it, so the point is that a change shows:
an edited row no longer matches its hash, a deleted row leaves the next row pointing at a hash
that is not there, and a row added by hand (a back-dated one in someone else's name, say) has
no hash, or is beyond the head, or is not what the next row points at.  (The dates themselves
are not checked: services may record an explicit moment.)  Backups remember the head, so a
rewritten chain is caught against a head recorded earlier (:mod:`jogoroto_desktop.storage.backup`).

Works on a peewee database or on a plain ``sqlite3`` connection (the read-only checks of a
file): :func:`_runner` hides the difference.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee

#: ``hash_sebelum`` of the first row.
GENESIS = "0" * 64
#: Rows read by the start-up check (the chain's tail).
EKOR_BARIS = 8
_BATCH = 2000

#: The columns hashed, in order (``id`` first, ``hash_sebelum`` appended).
KOLOM = ("id", "pada", "oleh", "aksi", "tabel", "rekaman_id", "ringkasan", "perubahan")
_SELECT = ", ".join(KOLOM) + ", hash_sebelum, hash_baris"

Query = Callable[[str, Sequence[Any]], Any]


def _runner(conn: peewee.Database | sqlite3.Connection) -> tuple[Query, str, bool]:
    """(execute, parameter mark, is PostgreSQL) for a peewee database or an sqlite3 one."""
    if isinstance(conn, peewee.Database):
        return conn.execute_sql, conn.param, isinstance(conn, peewee.PostgresqlDatabase)
    return conn.execute, "?", False


def _moment(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def _canonical_time(value: Any) -> str:
    """``pada`` as both engines give it back (SQLite: text, PostgreSQL: a datetime)."""
    moment = _moment(value)
    return moment.isoformat(sep=" ") if moment is not None else str(value)


def row_hash(row: Sequence[Any], previous: str) -> str:
    """The hash of one row given as the values of :data:`KOLOM`, chained to ``previous``."""
    row_id, pada, oleh, aksi, tabel, rekaman_id, ringkasan, perubahan = row
    payload = json.dumps(
        [int(row_id), _canonical_time(pada), oleh, aksi, tabel,
         None if rekaman_id is None else int(rekaman_id), ringkasan, perubahan, previous],
        ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# --- appending -----------------------------------------------------------------------------------


def append(database: peewee.Database, values: dict[str, Any]) -> tuple[int, str, str]:
    """Insert one audit row (``values`` without id and hashes) at the head of the chain, in the
    caller's transaction; returns (id, hash_sebelum, hash_baris).

    Two statements (on PostgreSQL two round trips): the head row is updated first (which locks
    it until the transaction ends, so other PCs wait here) and gives the new id and the previous
    hash; then the row is inserted, and the head's hash set by the same statement (PostgreSQL: a
    data-modifying WITH) or by a trigger (SQLite, which has no such WITH).
    """
    run, p, postgres = _runner(database)
    claim = "UPDATE audit_kepala SET audit_id = audit_id + 1 WHERE id = 1"
    if postgres or sqlite3.sqlite_version_info >= (3, 35, 0):
        head = run(claim + " RETURNING audit_id, hash", ()).fetchall()
    else:
        run(claim, ())
        head = run("SELECT audit_id, hash FROM audit_kepala WHERE id = 1", ()).fetchall()
    if not head:
        raise RuntimeError("tabel audit_kepala kosong: skema jejak audit tidak lengkap")
    new_id, previous = int(head[0][0]), head[0][1]
    row = [new_id] + [values[name] for name in KOLOM[1:]]
    digest = row_hash(row, previous)
    marks = ", ".join([p] * (len(KOLOM) + 2))
    insert = f"INSERT INTO audit ({', '.join(KOLOM)}, hash_sebelum, hash_baris) VALUES ({marks})"
    params = [*row, previous, digest]
    if postgres:
        run(f"WITH baru AS ({insert}) UPDATE audit_kepala SET hash = %s WHERE id = 1",
            [*params, digest])
    else:
        run(insert, params)  # the trigger audit_kepala_maju moves the head's hash
    return new_id, previous, digest


def chain_existing_rows(database: peewee.Database) -> tuple[int, str]:
    """Fill the hashes of every row in id order and set the head (migration 7); returns it."""
    run, p, postgres = _runner(database)
    previous, last_id, after = GENESIS, 0, -1
    while True:
        rows = run(f"SELECT {', '.join(KOLOM)} FROM audit WHERE id > {p} ORDER BY id LIMIT "
                   f"{_BATCH}", (after,)).fetchall()
        if not rows:
            break
        updates = []
        for row in rows:
            digest = row_hash(row, previous)
            updates.append((previous, digest, row[0]))
            previous, last_id = digest, row[0]
        if postgres:
            values = ", ".join(["(%s, %s, %s)"] * len(updates))
            run("UPDATE audit AS a SET hash_sebelum = v.s, hash_baris = v.h "
                f"FROM (VALUES {values}) AS v(s, h, i) WHERE a.id = v.i",
                [v for item in updates for v in item])
        else:
            database.cursor().executemany(
                "UPDATE audit SET hash_sebelum = ?, hash_baris = ? WHERE id = ?", updates)
        after = rows[-1][0]
    run(f"UPDATE audit_kepala SET audit_id = {p}, hash = {p} WHERE id = 1", (last_id, previous))
    return last_id, previous


# --- checking ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainBreak:
    """The first place the chain (or its guard) does not verify."""

    kind: str  # "diubah", "dihapus", "disisipkan", "kepala", "pemicu"
    audit_id: int | None
    message: str


@dataclass
class ChainReport:
    rows: int = 0  # rows walked
    head_id: int = 0
    head_hash: str = GENESIS
    first_hash: str = ""  # hash of the first row: tells one office's chain from another's
    breaks: list[ChainBreak] = field(default_factory=list)
    full: bool = True  # the whole chain was walked (not only its tail)

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def first_break(self) -> ChainBreak | None:
        return self.breaks[0] if self.breaks else None

    def summary(self) -> str:
        if self.breaks:
            return self.breaks[0].message
        what = "utuh" if self.full else f"ujung {self.rows} baris utuh"
        return f"rantai jejak audit {what} (kepala: id {self.head_id})"


def _read_head(run: Query) -> tuple[int, str] | None:
    rows = run("SELECT audit_id, hash FROM audit_kepala WHERE id = 1", ()).fetchall()
    return (int(rows[0][0]), rows[0][1]) if rows else None


class _Walker:
    """Follows the rows in id order and records the first break."""

    def __init__(self, report: ChainReport, head_id: int,
                 previous: tuple[Any, ...] | None) -> None:
        self.report = report
        self.head_id = head_id
        self.previous = previous  # (id, pada, hash_sebelum, hash_baris) of the row before
        self.before_previous_hash: str | None = None

    def _fail(self, kind: str, audit_id: int | None, message: str) -> bool:
        self.report.breaks.append(ChainBreak(kind, audit_id, message))
        return False

    def feed(self, row: Sequence[Any]) -> bool:
        """Check one row; False at the first break."""
        row_id, pada = int(row[0]), row[1]
        stored_previous, stored_hash = row[-2], row[-1]
        self.report.rows += 1
        if not self.report.first_hash and self.previous is None:
            self.report.first_hash = stored_hash or ""
        if row_id > self.head_id:
            return self._fail("disisipkan", row_id, (
                f"baris audit id {row_id} ditambahkan di luar program (sesudah kepala rantai, "
                f"id {self.head_id})"))
        if not stored_hash or not stored_previous:
            return self._fail("disisipkan", row_id,
                              f"baris audit id {row_id} tidak punya hash: ditambahkan di luar "
                              "program")
        expected_previous = GENESIS if self.previous is None else self.previous[3]
        if stored_previous != expected_previous and self.previous is not None:
            if stored_previous == self.before_previous_hash:
                return self._fail("disisipkan", int(self.previous[0]), (
                    f"baris audit id {self.previous[0]} disisipkan di luar urutan (baris id "
                    f"{row_id} menunjuk baris sebelumnya)"))
            return self._fail("dihapus", row_id, (
                f"rantai jejak audit putus sebelum baris id {row_id}: baris sesudah id "
                f"{self.previous[0]} dihapus atau diubah"))
        if stored_previous != expected_previous:
            return self._fail("dihapus", row_id,
                              f"baris audit sebelum id {row_id} (awal rantai) dihapus")
        if row_hash(row[:len(KOLOM)], stored_previous) != stored_hash:
            return self._fail("diubah", row_id,
                              f"baris audit id {row_id} diubah sesudah dicatat (hash tidak cocok)")
        self.before_previous_hash = None if self.previous is None else self.previous[3]
        self.previous = (row_id, pada, stored_previous, stored_hash)
        return True

    def finish(self, head_hash: str) -> None:
        if self.report.breaks:
            return
        last_id = 0 if self.previous is None else int(self.previous[0])
        last_hash = GENESIS if self.previous is None else self.previous[3]
        if last_id < self.head_id:
            self._fail("dihapus", last_id or None, (
                f"baris audit sesudah id {last_id} sampai id {self.head_id} (kepala rantai) "
                "dihapus"))
        elif last_hash != head_hash:
            self._fail("kepala", last_id, (
                f"kepala rantai jejak audit tidak cocok dengan baris terakhir (id {last_id})"))


def verify_chain(conn: peewee.Database | sqlite3.Connection, *,
                 tail: int | None = None) -> ChainReport:
    """Walk the whole chain (or only its last ``tail`` rows) and report the first break."""
    run, p, _postgres = _runner(conn)
    report = ChainReport(full=tail is None)
    head = _read_head(run)
    if head is None:
        report.breaks.append(ChainBreak("kepala", None, "kepala rantai jejak audit hilang"))
        return report
    report.head_id, report.head_hash = head
    if tail is not None:
        rows = run(f"SELECT {_SELECT} FROM audit ORDER BY id DESC LIMIT {int(tail) + 1}",
                   ()).fetchall()[::-1]
        # The oldest row read only anchors the link of the next one.
        anchor = rows.pop(0) if len(rows) > tail else None
        walker = _Walker(report, report.head_id,
                         None if anchor is None else (anchor[0], anchor[1], anchor[-2], anchor[-1]))
        _walk(walker, rows)
    else:
        walker = _Walker(report, report.head_id, None)
        after = None
        while True:
            where = "" if after is None else f" WHERE id > {p}"
            rows = run(f"SELECT {_SELECT} FROM audit{where} ORDER BY id LIMIT {_BATCH}",
                       () if after is None else (after,)).fetchall()
            if not rows or not _walk(walker, rows):
                break
            after = rows[-1][0]
    walker.finish(report.head_hash)
    return report


def _walk(walker: _Walker, rows: Iterable[Sequence[Any]]) -> bool:
    return all(walker.feed(row) for row in rows)


# --- the append-only triggers --------------------------------------------------------------------

#: Message of the triggers that keep the audit trail append-only.
AUDIT_APPEND_ONLY = "jejak audit hanya boleh ditambah, tidak boleh diubah atau dihapus"
_PG_FUNCTION = "audit_tolak_perubahan"
_PG_TRIGGERS = {"audit_tolak_ubah": "BEFORE UPDATE OR DELETE ON audit FOR EACH ROW",
                "audit_tolak_kosongkan": "BEFORE TRUNCATE ON audit FOR EACH STATEMENT"}


def sqlite_trigger_sql(event: str) -> str:
    """The SQLite trigger refusing ``event`` ("UPDATE" or "DELETE") on the audit table."""
    return (f"CREATE TRIGGER audit_tolak_{event.lower()} BEFORE {event} ON audit "
            f"BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY}'); END")


#: SQLite: the head follows every appended row (PostgreSQL does it in the INSERT's statement).
SQLITE_HEAD_TRIGGER = (
    "CREATE TRIGGER audit_kepala_maju AFTER INSERT ON audit BEGIN "
    "UPDATE audit_kepala SET hash = NEW.hash_baris WHERE id = 1; END")


def _sqlite_expected(run: Query) -> tuple[dict[str, str], dict[str, str]]:
    """(expected, found) SQLite triggers on the audit table, name -> SQL; the head trigger is
    expected once the chain exists (schema 7)."""
    objects = run("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN "
                  "('audit', 'audit_kepala')", ()).fetchall()
    expected = {f"audit_tolak_{event.lower()}": sqlite_trigger_sql(event)
                for event in ("UPDATE", "DELETE")}
    if any(kind == "table" and name == "audit_kepala" for kind, name, _sql in objects):
        expected["audit_kepala_maju"] = SQLITE_HEAD_TRIGGER
    found = {name: sql for kind, name, sql in objects if kind == "trigger"}
    return expected, found


def install_triggers(database: peewee.Database, *, only_missing: bool = False) -> list[str]:
    """Create the append-only triggers (and the PostgreSQL function); returns their names.
    ``only_missing``: leave those that verify alone (PostgreSQL: a disabled one is enabled)."""
    run, _p, postgres = _runner(database)
    problems = trigger_problems(database) if only_missing else None

    def wanted(name: str) -> bool:
        return problems is None or any(f" {name} " in text for text in problems)

    names = []
    if not postgres:
        expected, _found = _sqlite_expected(run)
        for name, sql in expected.items():
            if wanted(name):
                run(f"DROP TRIGGER IF EXISTS {name}", ())
                run(sql, ())
                names.append(name)
        return names
    run(f"CREATE OR REPLACE FUNCTION {_PG_FUNCTION}() RETURNS trigger "
        "LANGUAGE plpgsql AS $$ BEGIN "
        f"RAISE EXCEPTION '{AUDIT_APPEND_ONLY}' USING ERRCODE = 'insufficient_privilege'; "
        "END $$", ())
    for name, when in _PG_TRIGGERS.items():
        if wanted(name):
            run(f"DROP TRIGGER IF EXISTS {name} ON audit", ())
            run(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {_PG_FUNCTION}()", ())
            names.append(name)
    return names


def _normal(sql: str) -> str:
    return " ".join(sql.split())


def trigger_problems(conn: peewee.Database | sqlite3.Connection) -> list[str]:
    """What is wrong with the append-only triggers (empty when they are all in place)."""
    run, _p, postgres = _runner(conn)
    problems = []
    if not postgres:
        expected, found = _sqlite_expected(run)
        for name, sql in expected.items():
            if name not in found:
                problems.append(f"pemicu {name} pada tabel audit hilang")
            elif _normal(found[name]) != _normal(sql):
                problems.append(f"pemicu {name} pada tabel audit diubah")
        return problems
    row = run(
        "SELECT (SELECT string_agg(tgname::text || '=' || tgenabled::text, ',') FROM pg_trigger "
        "WHERE tgrelid = to_regclass('audit') AND NOT tgisinternal), "
        f"(SELECT prosrc FROM pg_proc WHERE proname = '{_PG_FUNCTION}' LIMIT 1)", ()).fetchone()
    states = dict(item.split("=", 1) for item in (row[0] or "").split(",") if "=" in item)
    for name in _PG_TRIGGERS:
        if name not in states:
            problems.append(f"pemicu {name} pada tabel audit hilang")
        elif states[name] not in ("O", "A"):
            problems.append(f"pemicu {name} pada tabel audit dinonaktifkan")
    if not row[1] or AUDIT_APPEND_ONLY not in row[1] or "RAISE EXCEPTION" not in row[1]:
        problems.append(f"fungsi {_PG_FUNCTION} pemicu audit hilang atau diubah")
    return problems


def verify(conn: peewee.Database | sqlite3.Connection, *,
           tail: int | None = None) -> ChainReport:
    """The triggers, then the chain: the first problem of either is the report's first break."""
    report = verify_chain(conn, tail=tail)
    problems = trigger_problems(conn)
    report.breaks[:0] = [ChainBreak("pemicu", None, text) for text in problems]
    return report
