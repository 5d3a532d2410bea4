"""The audit trail: every create, update, void and print of an official record, append-only.

Services call :func:`catat` inside the same transaction as the change, so a change and its audit
row commit or roll back together.  Nothing in the program updates or deletes audit rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import peewee

from jogoroto_desktop.session import actor_label
from models import Audit

#: The actions the trail knows, with the words people read in the viewer.
AKSI: dict[str, str] = {
    "buat": "Buat",
    "ubah": "Ubah",
    "batal": "Batal",
    "cetak": "Cetak",
    "masuk": "Masuk",
    "gagal_masuk": "Gagal masuk",
    "keluar": "Keluar",
    "pulihkan": "Pulihkan",
}


def plain(value: Any) -> Any:
    """A JSON-friendly form of a column value (also how values are compared)."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, peewee.Model):
        return value.get_id()
    return value


def snapshot(record: peewee.Model, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Column values of ``record`` (foreign keys as ids), for :func:`perubahan`."""
    names = fields or tuple(record._meta.fields)
    return {name: plain(record.__data__.get(name)) for name in names}


def perubahan(lama: Mapping[str, Any], baru: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [old, new]}`` for every field whose value differs (a new field has old None)."""
    changes: dict[str, list[Any]] = {}
    for name in sorted(set(lama) | set(baru)):
        old, new = plain(lama.get(name)), plain(baru.get(name))
        if old != new:
            changes[name] = [old, new]
    return changes


def catat(aksi: str, tabel: str, rekaman_id: int | None, ringkasan: str,
          changes: Mapping[str, list[Any]] | None = None, oleh: str | None = None,
          pada: dt.datetime | None = None) -> Audit:
    """Append one audit row; ``oleh`` defaults to the acting user."""
    if aksi not in AKSI:
        raise ValueError(f"aksi audit tidak dikenal: {aksi}")
    return Audit.create(
        pada=pada or dt.datetime.now().replace(microsecond=0),
        oleh=oleh or actor_label(),
        aksi=aksi,
        tabel=tabel,
        rekaman_id=rekaman_id,
        ringkasan=ringkasan,
        perubahan=json.dumps(dict(changes or {}), ensure_ascii=False, sort_keys=True),
    )


def catat_buat(record: peewee.Model, ringkasan: str) -> Audit:
    """Audit the creation of ``record`` with all its values as the new side."""
    return catat("buat", record._meta.table_name, record.get_id(), ringkasan,
                 perubahan({}, snapshot(record)))


def catat_ubah(record: peewee.Model, lama: Mapping[str, Any], ringkasan: str,
               aksi: str = "ubah") -> Audit:
    """Audit an update of ``record`` from the values in ``lama`` (a :func:`snapshot`)."""
    return catat(aksi, record._meta.table_name, record.get_id(), ringkasan,
                 perubahan(lama, snapshot(record, tuple(lama))))


def catat_cetak(record: peewee.Model, ringkasan: str) -> Audit:
    """Check that the acting user may print official forms, and audit the print of ``record``
    (call it when the document is built, before it is handed out)."""
    from jogoroto_desktop import session

    session.require("cetak")
    with record._meta.database.atomic():
        return catat("cetak", record._meta.table_name, record.get_id(), ringkasan)
