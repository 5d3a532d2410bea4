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


def _trail() -> None:
    import datetime as dt

    day = dt.datetime(2026, 3, 2, 9, 0)
    audit.catat("buat", "surat_masuk", 1, "Surat masuk 1/2026 dari Bupati dicatat",
                {"perihal": [None, "Undangan"]}, oleh="Siti", pada=day)
    audit.catat("ubah", "surat_masuk", 1, "Data surat masuk 1/2026 diperbaiki",
                {"perihal": ["Undangan", "Undangan rapat"]}, oleh="Budi",
                pada=day + dt.timedelta(days=1))
    audit.catat("masuk", "pengguna", 3, "Admin masuk", oleh="Admin",
                pada=day + dt.timedelta(days=2))


def test_filters_and_readable_changes(tmp_path: Path) -> None:
    import datetime as dt

    from jogoroto_desktop.audit import AuditFilter, query_audit

    models.open_database(tmp_path / "a.sqlite3")
    try:
        _trail()
        def summaries(**kw: object) -> list[str]:
            return [r.ringkasan for r in query_audit(AuditFilter(**kw))]
        assert summaries()[0] == "Admin masuk"  # newest first
        assert summaries(dari=dt.date(2026, 3, 3), sampai=dt.date(2026, 3, 3)) == [
            "Data surat masuk 1/2026 diperbaiki"]
        assert summaries(oleh="Siti") == ["Surat masuk 1/2026 dari Bupati dicatat"]
        assert summaries(aksi="masuk", tabel="pengguna") == ["Admin masuk"]
        assert summaries(teks="rapat") == ["Data surat masuk 1/2026 diperbaiki"]
        assert summaries(teks="3") == ["Admin masuk"]  # a record id
        assert audit.pelaku() == ["Admin", "Budi", "Siti"]
        row = models.Audit.get(models.Audit.oleh == "Budi")
        assert audit.uraian_perubahan(row.perubahan) == "perihal: Undangan \u2192 Undangan rapat"
    finally:
        models.close_database()


def test_excel_export_of_the_filtered_rows(tmp_path: Path) -> None:
    import openpyxl

    from jogoroto_desktop import session
    from jogoroto_desktop.audit import AuditFilter, ekspor_audit

    models.open_database(tmp_path / "a.sqlite3")
    try:
        _trail()
        target = tmp_path / "jejak.xlsx"
        seen: list[tuple[int, int]] = []
        assert ekspor_audit(AuditFilter(tabel="surat_masuk"), target,
                            lambda done, total: seen.append((done, total))) == 2
        assert seen[-1] == (2, 2)
        rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
        assert rows[0][:3] == ("Waktu", "Oleh", "Aksi")
        assert [r[1] for r in rows[1:]] == ["Budi", "Siti"]
        assert rows[1][2] == "Ubah" and rows[1][6] == "perihal: Undangan \u2192 Undangan rapat"
        with session.acting_as(session.Actor("x", "X", "agendaris")), \
                pytest.raises(session.PermissionDenied, match="jejak audit"):
            ekspor_audit(AuditFilter(), tmp_path / "tidak.xlsx")
        assert not (tmp_path / "tidak.xlsx").exists()
    finally:
        models.close_database()


def _guard_is_back_after_a_replace(database: peewee.Database) -> None:
    audit.catat("buat", "surat_masuk", 1, "sebelum pemulihan")
    with pytest.raises(RuntimeError), models.audit_replaceable(database):
        pass  # only inside a transaction
    with pytest.raises(LookupError), database.atomic(), models.audit_replaceable(database):
        models.Audit.delete().execute()
        raise LookupError("a failed restore rolls back the rows and the lifted guard")
    assert models.Audit.select().count() == 1
    with database.atomic(), models.audit_replaceable(database):
        models.Audit.delete().execute()
        audit.catat("pulihkan", "audit", None, "isi dari cadangan")
    assert [r.ringkasan for r in models.Audit.select()] == ["isi dari cadangan"]
    with pytest.raises(peewee.DatabaseError), database.atomic():
        models.Audit.delete().execute()  # append-only again


def test_only_a_whole_restore_replaces_the_trail_sqlite(tmp_path: Path) -> None:
    opened = models.open_database(tmp_path / "a.sqlite3")
    try:
        _guard_is_back_after_a_replace(opened.database)
    finally:
        models.close_database()


def test_only_a_whole_restore_replaces_the_trail_postgresql(pg_url: str) -> None:
    _guard_is_back_after_a_replace(models.open_database(pg_url).database)
