"""Table definitions (the current schema) and small helpers that work on them.

The models describe the schema *after* the last migration; the migrations in
:mod:`models.migrations` create it with explicit SQL, so old migrations never change when a model
does.
"""

from __future__ import annotations

import sqlite3

import peewee

from .base import BaseModel, db


class Setting(BaseModel):
    """A program setting stored in the database (shared by every PC using it)."""

    key = peewee.TextField(primary_key=True)
    value = peewee.TextField(null=True)

    class Meta:
        table_name = "setting"


class Counter(BaseModel):
    """The last number issued for a sequence (``name``) in a ``year``."""

    name = peewee.TextField()
    year = peewee.IntegerField()
    value = peewee.IntegerField()

    class Meta:
        table_name = "counter"
        indexes = ((("name", "year"), True),)


#: Every table of the current schema (used by the schema check).
ALL_MODELS: tuple[type[BaseModel], ...] = (Setting, Counter)

_SQLITE_HAS_RETURNING = sqlite3.sqlite_version_info >= (3, 35, 0)


def next_number(name: str, year: int) -> int:
    """Issue the next number of sequence ``name`` in ``year`` (1, 2, 3, ... per year).

    Runs inside the caller's transaction when there is one (as a savepoint), so the number is
    only used up if the caller's insert commits too.
    """
    if not name:
        raise ValueError("nama penghitung tidak boleh kosong")
    year = int(year)
    database = db.obj
    if database is None:
        raise RuntimeError("basis data belum dibuka (panggil open_database dulu)")
    p = database.param
    with db.atomic():
        if isinstance(database, peewee.PostgresqlDatabase) or _SQLITE_HAS_RETURNING:
            cursor = database.execute_sql(
                f"INSERT INTO counter (name, year, value) VALUES ({p}, {p}, 1) "
                "ON CONFLICT (name, year) DO UPDATE SET value = counter.value + 1 "
                "RETURNING value",
                (name, year),
            )
            rows = cursor.fetchall()
        else:  # SQLite older than 3.35: same effect in three statements, same transaction.
            database.execute_sql(
                f"INSERT OR IGNORE INTO counter (name, year, value) VALUES ({p}, {p}, 0)",
                (name, year),
            )
            database.execute_sql(
                f"UPDATE counter SET value = value + 1 WHERE name = {p} AND year = {p}",
                (name, year),
            )
            rows = database.execute_sql(
                f"SELECT value FROM counter WHERE name = {p} AND year = {p}", (name, year)
            ).fetchall()
    return int(rows[0][0])


def get_setting(key: str, default: str | None = None) -> str | None:
    """Return the stored value of setting ``key``, or ``default`` when it is not stored."""
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def set_setting(key: str, value: str | None) -> None:
    """Store setting ``key`` (insert or replace)."""
    (Setting.insert(key=key, value=value)
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: value})
     .execute())
