"""Copying the whole content of a Jogoroto database into another one, on either engine.

Used three ways, all from :mod:`jogoroto_desktop.storage.backup` (this module knows nothing of it):
``db migrate-from-sqlite`` (an office's SQLite file into an empty server), the portable backup
of a PostgreSQL database (server -> a Jogoroto SQLite file) and its restore (SQLite file ->
server).  Both sides must be at the program's schema version; the copy runs in
one transaction of the target, is verified there (row counts and a content checksum per table)
and only then committed.

Values are compared in one engine-neutral form (dates as ISO text, booleans as 0/1), so an SQLite
file and a PostgreSQL database holding the same records give the same checksums.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

import models
from models.migrations import read_schema_version

#: Rows sent to the target per INSERT statement.
BATCH_ROWS = 500

Progress = Callable[[str, int, int], None]  # (table, tables done, tables in all)


class CopyError(Exception):
    """The copy cannot be made or did not verify; nothing was committed.  Message in Indonesian."""


@dataclass(frozen=True)
class TableSpec:
    """One table as the copy sees it: its columns, which are booleans, which is the serial id."""

    name: str
    columns: tuple[str, ...]
    boolean_columns: frozenset[str]
    serial_id: bool  # an auto-numbered ``id`` (its PostgreSQL sequence is fixed after a copy)


@dataclass
class TableResult:
    """Counts and checksums of one table on both sides after a copy."""

    name: str
    source_rows: int
    target_rows: int
    source_checksum: str
    target_checksum: str

    @property
    def ok(self) -> bool:
        return (self.source_rows == self.target_rows
                and self.source_checksum == self.target_checksum)


@dataclass
class CopyReport:
    """What :func:`copy_content` copied, table by table."""

    tables: list[TableResult] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(t.target_rows for t in self.tables)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    def lines(self) -> list[str]:
        """A table of counts for the terminal, one line per table and a total."""
        width = max([len(t.name) for t in self.tables] + [5])
        lines = [f"{'Tabel':<{width}}  {'Sumber':>8}  {'Tujuan':>8}  Isi"]
        for t in self.tables:
            same = "sama" if t.source_checksum == t.target_checksum else "BERBEDA"
            lines.append(f"{t.name:<{width}}  {t.source_rows:>8}  {t.target_rows:>8}  {same}")
        total_source = sum(t.source_rows for t in self.tables)
        lines.append(f"{'Jumlah':<{width}}  {total_source:>8}  {self.total_rows:>8}")
        return lines


def _dependencies(model: type[peewee.Model]) -> set[type[peewee.Model]]:
    return {f.rel_model for f in model._meta.sorted_fields
            if isinstance(f, peewee.ForeignKeyField) and f.rel_model is not model}


def ordered_models() -> list[type[peewee.Model]]:
    """Every table, each after the tables it refers to (so inserts never break a reference)."""
    remaining = list(models.ALL_MODELS)
    ordered: list[type[peewee.Model]] = []
    while remaining:
        ready = [m for m in remaining if _dependencies(m) <= set(ordered)]
        if not ready:
            raise RuntimeError("referensi antartabel melingkar: " +
                               ", ".join(m._meta.table_name for m in remaining))
        ordered.extend(ready)
        remaining = [m for m in remaining if m not in ready]
    return ordered


def table_specs() -> list[TableSpec]:
    """The tables of the program's schema in insert order."""
    specs = []
    for model in ordered_models():
        fields = model._meta.sorted_fields
        specs.append(TableSpec(
            name=model._meta.table_name,
            columns=tuple(f.column_name for f in fields),
            boolean_columns=frozenset(f.column_name for f in fields
                                      if isinstance(f, peewee.BooleanField)),
            serial_id=isinstance(model._meta.primary_key, peewee.AutoField),
        ))
    return specs


def _is_postgres(database: peewee.Database) -> bool:
    return isinstance(database, peewee.PostgresqlDatabase)


def neutral(value: Any) -> Any:
    """A value in the form both engines agree on (for checksums and for writing to SQLite)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return value


def read_rows(database: peewee.Database, spec: TableSpec) -> list[tuple[Any, ...]]:
    """All rows of a table in engine-neutral form, ordered by id where there is one."""
    columns = ", ".join(f'"{c}"' for c in spec.columns)
    order = ' ORDER BY "id"' if spec.serial_id else ""
    cursor = database.execute_sql(f'SELECT {columns} FROM "{spec.name}"{order}')
    return [tuple(neutral(v) for v in row) for row in cursor.fetchall()]


def checksum(rows: Iterable[Sequence[Any]]) -> str:
    """SHA-256 over the rows in a canonical order (independent of the engine's sort order)."""
    encoded = sorted(json.dumps(list(row), ensure_ascii=False, default=str) for row in rows)
    digest = hashlib.sha256()
    for line in encoded:
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def content_checksums(database: peewee.Database) -> dict[str, tuple[int, str]]:
    """``{table: (row count, checksum)}`` of every table of the schema."""
    result = {}
    for spec in table_specs():
        rows = read_rows(database, spec)
        result[spec.name] = (len(rows), checksum(rows))
    return result


def _for_target(row: Sequence[Any], spec: TableSpec, postgres: bool) -> tuple[Any, ...]:
    if not postgres:
        return tuple(row)
    # SQLite keeps booleans as 0/1; PostgreSQL's BOOLEAN refuses an integer parameter.
    return tuple(bool(v) if c in spec.boolean_columns and v is not None else v
                 for c, v in zip(spec.columns, row, strict=True))


def _insert(database: peewee.Database, spec: TableSpec, rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    postgres = _is_postgres(database)
    p = database.param
    columns = ", ".join(f'"{c}"' for c in spec.columns)
    one = "(" + ", ".join([p] * len(spec.columns)) + ")"
    for start in range(0, len(rows), BATCH_ROWS):
        batch = rows[start:start + BATCH_ROWS]
        values = ", ".join([one] * len(batch))
        params = [v for row in batch for v in _for_target(row, spec, postgres)]
        database.execute_sql(f'INSERT INTO "{spec.name}" ({columns}) VALUES {values}', params)


def _fix_sequences(database: peewee.Database, specs: Sequence[TableSpec]) -> None:
    """Make the next SERIAL id of every table follow its largest copied id (PostgreSQL)."""
    if not _is_postgres(database):
        return  # SQLite's INTEGER PRIMARY KEY continues from the largest id by itself
    for spec in specs:
        if spec.serial_id:
            database.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('{spec.name}', 'id'), "
                f'COALESCE((SELECT MAX("id") FROM "{spec.name}"), 0) + 1, false)')


def _check_versions(source: peewee.Database, target: peewee.Database) -> None:
    source_version = read_schema_version(source)
    target_version = read_schema_version(target)
    if source_version != models.SCHEMA_VERSION or target_version != models.SCHEMA_VERSION:
        raise CopyError(
            f"Versi skema sumber ({source_version}) dan tujuan ({target_version}) harus sama "
            f"dengan versi program ({models.SCHEMA_VERSION}); perbarui keduanya dengan "
            "'db upgrade' lebih dulu.")


def copy_content(source: peewee.Database, target: peewee.Database,
                 progress: Progress | None = None) -> CopyReport:
    """Replace every row of ``target`` with the rows of ``source``, in one transaction.

    The copy is verified inside the transaction (row count and checksum per table, compared
    with the source); on any difference it is rolled back and :class:`CopyError` raised.
    ``schema_version`` is not copied: both sides are checked to be at the program's version.
    """
    _check_versions(source, target)
    specs = table_specs()
    source_rows = {spec.name: read_rows(source, spec) for spec in specs}
    report = CopyReport()
    with target.atomic():
        # Replacing the whole record replaces its audit trail too: the one place the
        # append-only guard is lifted, inside this transaction only.
        with models.audit_replaceable(target):
            if _is_postgres(target):
                # One statement empties every table; no reference can be broken in between.
                names = ", ".join(f'"{spec.name}"' for spec in specs)
                target.execute_sql(f"TRUNCATE {names}")
            else:
                for spec in reversed(specs):
                    target.execute_sql(f'DELETE FROM "{spec.name}"')
        for done, spec in enumerate(specs):
            if progress is not None:
                progress(spec.name, done, len(specs))
            _insert(target, spec, source_rows[spec.name])
        _fix_sequences(target, specs)
        for spec in specs:
            copied = read_rows(target, spec)
            rows = source_rows[spec.name]
            report.tables.append(TableResult(
                name=spec.name, source_rows=len(rows), target_rows=len(copied),
                source_checksum=checksum(rows), target_checksum=checksum(copied)))
        if not report.ok:
            bad = ", ".join(t.name for t in report.tables if not t.ok)
            raise CopyError(f"Hasil salinan berbeda dari sumber pada tabel {bad}; "
                            "salinan dibatalkan seluruhnya, tujuan tidak diubah.")
    if progress is not None:
        progress("", len(specs), len(specs))
    return report


def fresh_checksums() -> dict[str, tuple[int, str]]:
    """Counts and checksums of a database that migrations just created (their seeded rows)."""
    with tempfile.TemporaryDirectory(prefix="jogoroto-kosong-") as folder:
        path = Path(folder) / "kosong.db"
        models.upgrade_database(path)
        database = peewee.SqliteDatabase(str(path))
        try:
            return content_checksums(database)
        finally:
            database.close()


def user_tables_with_rows(database: peewee.Database) -> list[str]:
    """Tables of ``database`` whose content differs from what a fresh schema holds."""
    fresh = fresh_checksums()
    present = content_checksums(database)
    return [name for name, value in present.items() if value != fresh.get(name)]
