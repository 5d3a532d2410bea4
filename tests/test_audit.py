"""The audit trail is append-only on both engines (migration 5)."""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest

import models
from jogoroto_desktop import audit


def _refusals(database: peewee.Database) -> None:
    row = audit.catat("buat", "surat_masuk", 1, "Surat masuk 1/2026 dicatat")
    with pytest.raises(peewee.DatabaseError, match="audit|permission"), database.atomic():
        models.Audit.update(ringkasan="dipalsukan").where(models.Audit.id == row.id).execute()
    with pytest.raises(peewee.DatabaseError, match="audit|permission"), database.atomic():
        models.Audit.delete().where(models.Audit.id == row.id).execute()
    with pytest.raises(peewee.DatabaseError, match="audit|permission"), database.atomic():
        row.ringkasan = "lewat save()"
        row.save()
    stored = models.Audit.get_by_id(row.id)
    assert stored.ringkasan == "Surat masuk 1/2026 dicatat"
    # appending still works after the refusals
    audit.catat("ubah", "surat_masuk", 1, "Perihal diperbaiki")
    assert models.Audit.select().count() == 2


def test_sqlite_refuses_update_and_delete_of_audit_rows(tmp_path: Path) -> None:
    opened = models.open_database(tmp_path / "a.sqlite3")
    try:
        _refusals(opened.database)
        with pytest.raises(peewee.DatabaseError, match="hanya boleh ditambah"):
            opened.database.execute_sql("DELETE FROM audit")
        assert models.Pejabat.get(models.Pejabat.jabatan == "Camat").versi == 1
    finally:
        models.close_database()


def test_postgresql_refuses_update_delete_and_truncate(pg_url: str) -> None:
    opened = models.open_database(pg_url)
    database = opened.database
    _refusals(database)
    for statement in ("DELETE FROM audit", "TRUNCATE audit", "UPDATE audit SET oleh = 'x'"):
        with pytest.raises(peewee.DatabaseError), database.atomic():
            database.execute_sql(statement)
    # The trigger binds the owner even after it grants itself the privileges back.
    database.execute_sql("GRANT UPDATE, DELETE, TRUNCATE ON audit TO CURRENT_USER")
    with pytest.raises(peewee.DatabaseError, match="hanya boleh ditambah"), database.atomic():
        database.execute_sql("DELETE FROM audit")
    assert models.Audit.select().count() == 2
