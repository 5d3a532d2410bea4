"""Saving an edit of a record that another PC may have changed meanwhile (the ``versi`` column).

The edit is compared with the record *as the editor read it*: when the stored record moved on
and another PC changed a field this editor changed too (to something else), the save is
refused with :class:`EditConflict`, which lists what the other PC changed as "their value vs
yours"; nothing is written.  Only the fields this editor changed are written, so changes the
other PC made to other fields (or its status, after a disposisi) are kept, not overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import peewee

from jogoroto_desktop import audit
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.validation import ValidationError
from models import Audit


@dataclass(frozen=True)
class FieldConflict:
    field: str
    label: str
    theirs: Any  # stored now, written by the other PC
    yours: Any  # what this editor wanted to save (or read, when it did not change the field)
    you_changed: bool = True


def _show(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime):
        from jogoroto_desktop.dates import format_tanggal

        return format_tanggal(value if isinstance(value, dt.date) else value.date())
    text = "" if value is None else str(value)
    return f"\u201c{text}\u201d" if text else "(kosong)"


class EditConflict(ValidationError):
    """Another PC saved the same record first; ``conflicts`` lists what it changed."""

    def __init__(self, what: str, conflicts: list[FieldConflict], by: str | None,
                 at: dt.datetime | None) -> None:
        self.what = what
        self.conflicts = conflicts
        self.by = by
        self.at = at
        who = f" oleh {by}" if by else ""
        when = f" pukul {at:%H.%M}" if at else ""
        lines = [f"{what} sudah diubah di komputer lain{who}{when}; isian Anda belum "
                 "disimpan. Yang mereka ubah:"]
        lines += [f"\u2022 {c.label}: {_show(c.theirs)} (isian Anda: {_show(c.yours)})"
                  if c.you_changed else
                  f"\u2022 {c.label}: {_show(c.theirs)} (tidak Anda ubah)"
                  for c in conflicts]
        lines.append("Muat ulang untuk melihat data terbaru, lalu ulangi perubahan Anda.")
        super().__init__({"versi": "\n".join(lines)})


def last_change(table: str, record_id: int) -> tuple[str | None, dt.datetime | None]:
    """Who changed the record last and when, from the audit trail."""
    row = (Audit.select(Audit.oleh, Audit.pada)
           .where((Audit.tabel == table) & (Audit.rekaman_id == record_id))
           .order_by(Audit.id.desc()).first())
    return (row.oleh, row.pada) if row is not None else (None, None)


def save_versioned(read: peewee.Model, changes: Mapping[str, Any], labels: Mapping[str, str],
                   what: str, ringkasan: str, now: dt.datetime) -> peewee.Model:
    """Write ``changes`` (editable fields -> new values) onto the record ``read`` was read from.

    Runs in its own transaction (a savepoint inside the caller's); audits old -> new.  Raises
    :class:`EditConflict` when another PC changed any of the fields in ``labels`` since
    ``read`` was read.  Returns the stored record after the update.
    """
    model = type(read)
    with model._meta.database.atomic():
        current = model.get_or_none(model.id == read.id)
        if current is None:
            raise ValidationError({"versi": f"{what} tidak ada lagi di basis data."})
        if current.versi != read.versi:
            _refuse_clash(read, current, changes, labels, what)
        # the other PC may have made the same change already: nothing left to write then
        changes = {name: value for name, value in changes.items()
                   if audit.plain(value) != audit.plain(getattr(current, name))}
        if changes:
            registers.update(current, changes, ringkasan, now=now,
                             stale=lambda: _refuse_race(read, changes, labels, what))
    return model.get_by_id(read.id)


def _refuse_race(read: peewee.Model, changes: Mapping[str, Any], labels: Mapping[str, str],
                 what: str) -> str:
    """Another PC wrote between the read and the update: say what it changed."""
    fresh = type(read).get_by_id(read.id)
    _refuse_clash(read, fresh, changes, labels, what)
    raise EditConflict(what, [], *last_change(type(read)._meta.table_name, read.id))


def _refuse_clash(read: peewee.Model, current: peewee.Model, changes: Mapping[str, Any],
                  labels: Mapping[str, str], what: str) -> None:
    """Raise EditConflict when the other PC changed a field this edit changes too."""
    theirs = [name for name in labels
              if audit.plain(getattr(current, name)) != audit.plain(getattr(read, name))]
    clash = [name for name in theirs if name in changes
             and audit.plain(changes[name]) != audit.plain(getattr(current, name))]
    if clash:
        conflicts = [FieldConflict(name, labels[name], getattr(current, name),
                                   changes.get(name, getattr(read, name)), name in changes)
                     for name in theirs]
        raise EditConflict(what, conflicts, *last_change(type(read)._meta.table_name, read.id))
