"""The register kernel: what every official register (surat masuk/keluar, pengantar, layanan,
pegawai, cuti, pelacakan, and the accounts where it fits) does the same way.  The verbs are
the glossary's (docs/glossary.md): register, update, void, record a step.

- :func:`register`: enter a new record (its number, if any, issued by the caller in the same
  transaction) with its bookkeeping columns, and audit it ("buat").
- :func:`update`: a versioned update. It writes only when nobody changed the record since it
  was read (the ``versi`` column), bumps the version and ``diubah_pada``, audits old -> new,
  and only then changes the object; otherwise it raises ``ValidationError({"versi": ...})``
  with the register's own conflict message and writes nothing.
- :func:`void`: "batalkan" with a reason, permission checked.  The record keeps its numbers
  and stays in the register; status, ``batal_alasan`` and ``batal_pada`` change, audited as
  "batal" with those three fields.
- :func:`record_step` / :func:`steps_of`: the SOP steps done on a record (``Langkah`` rows);
  :class:`StepProgress` is one SOP step as a register shows it (who, when, late or not).
- :func:`transaction`: a transaction whose rollback also puts the objects back (several
  updates and steps that go together, e.g. a layanan made ready in one go).
- :func:`number_condition`: a search word that is a register number ("12/2026").
- :func:`register_years`, :func:`known_values`, :func:`read_record`: what every register page
  reads (its Tahun filter, a field's completer, a record as stored now).

Field-level merging of a form edit (the "their value vs yours" conflict) is built on
:func:`update` in :mod:`jogoroto_desktop.registers.edits`.  Callers check permissions with
:func:`jogoroto_desktop.session.require` before validating; :func:`void` does it itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import peewee

from jogoroto_desktop import audit, session
from jogoroto_desktop.validation import Checker, ValidationError
from models import Langkah, db, distinct_values

DIBATALKAN = "dibatalkan"
MAX_ALASAN_BATAL = 500

#: Columns the kernel writes itself on every update; never audited as a change.
BOOKKEEPING = ("diubah_pada", "versi")

Record = TypeVar("Record", bound=peewee.Model)

#: A register number as people type it: "12", or "12/2026" with its year (digits 0-9 only:
#: `\d` would also take Arabic-Indic and full-width digits).
NUMBER_WORD = re.compile(r"([0-9]{1,9})(?:/([0-9]{4}))?")
#: The same after an optional kind, as in a layanan number "legalisir/12/2026".
_KIND_NUMBER_WORD = re.compile(r"(?:([a-z0-9-]*[a-z-][a-z0-9-]*)/)?([0-9]{1,9})(?:/([0-9]{4}))?")


def stale_message(this: str) -> str:
    """The conflict message registers show, e.g. ``stale_message("Surat ini")``."""
    return f"{this} baru saja diubah di komputer lain; buka lagi lalu ulangi."


def now_seconds(now: dt.datetime | None = None) -> dt.datetime:
    """``now`` (default: the clock) to the second, as registers store times."""
    return (now or dt.datetime.now()).replace(microsecond=0)


def register(model: type[Record], ringkasan: str, now: dt.datetime,
           audit_extra: Mapping[str, Any] | None = None,
           audited: tuple[str, ...] | None = None, oleh: str | None = None,
           **values: Any) -> Record:
    """Insert a version-1 record made at ``now`` (by the acting user, for models that record
    who made them) and audit it, by ``oleh`` or the acting user, with its values (only those
    in ``audited`` when given) plus ``audit_extra`` as the new side."""
    fields = model._meta.fields
    if "dibuat_oleh" in fields:
        values.setdefault("dibuat_oleh", session.actor_label())
    values.setdefault("dibuat_pada", now)
    if "diubah_pada" in fields:
        values.setdefault("diubah_pada", now)
    record = model.create(versi=1, **values)
    created = {**audit.snapshot(record, audited), **(audit_extra or {})}
    audit.catat("buat", model._meta.table_name, record.get_id(), ringkasan,
                audit.perubahan({}, created), oleh=oleh, pada=now_seconds(now))
    return record


def update(record: peewee.Model, changes: Mapping[str, Any], ringkasan: str, *,
           stale: str | Callable[[], str], now: dt.datetime, aksi: str = "ubah",
           audited: tuple[str, ...] | None = None, oleh: str | None = None,
           problem: str = "versi") -> None:
    """Write ``changes`` onto ``record`` if it is still at the version it was read at.

    ``stale`` is the conflict message (or makes it; it may raise a richer error itself),
    raised as ``ValidationError({problem: message})`` when another PC wrote first.  The audit
    row (``aksi``, by ``oleh`` or the acting user, at ``now``) holds the changed fields, only
    those in ``audited`` when given (accounts keep the password hash out of the trail).  The
    object changes only once the database did."""
    model = type(record)
    written = dict(changes)
    if "diubah_pada" in model._meta.fields:
        written["diubah_pada"] = now
    written["versi"] = record.versi + 1
    shown = tuple(name for name in (audited or tuple(changes)) if name not in BOOKKEEPING)
    lama = audit.snapshot(record, shown)
    baru = {**lama, **{name: written[name] for name in shown if name in written}}
    with transaction(record):
        updated = (model.update(**written)
                   .where((model.id == record.id) & (model.versi == record.versi))
                   .execute())
        if updated != 1:
            raise ValidationError({problem: stale() if callable(stale) else stale})
        for name, value in written.items():
            setattr(record, name, value)
        audit.catat(aksi, model._meta.table_name, record.get_id(), ringkasan,
                    audit.perubahan(lama, baru), oleh=oleh, pada=now_seconds(now))


@contextmanager
def transaction(*records: peewee.Model) -> Iterator[None]:
    """A transaction (a savepoint inside the caller's) whose rollback also puts the values of
    ``records`` back, so objects a form holds never show what the database does not."""
    saved = [dict(record.__data__) for record in records]
    try:
        with db.atomic():
            yield
    except BaseException:
        for record, data in zip(records, saved, strict=True):
            record.__data__ = data
        raise


def void(record: peewee.Model, alasan: str, label: str, *, permission: str,
         stale: str | Callable[[], str], refusal: str | None = None,
         max_alasan: int = MAX_ALASAN_BATAL, now: dt.datetime | None = None) -> str:
    """Void ("batalkan") ``record`` with a reason; returns the reason as stored.

    ``label`` names the record in the audit summary ("Surat pengantar 1/2026"); ``refusal``,
    when given, is why this record cannot be voided (already voided, refused, ...), shown
    with any problem of the reason.  The record keeps its numbers and stays in the register."""
    session.require(permission)
    check = Checker()
    reason = check.text("alasan", "Alasan pembatalan", alasan, max_alasan)
    if refusal:
        check.fail("status", refusal)
    check.raise_if_any()
    now = now_seconds(now)
    update(record, {"status": DIBATALKAN, "batal_alasan": reason, "batal_pada": now},
           f"{label} dibatalkan: {reason}", stale=stale, now=now, aksi="batal")
    return reason


def number_condition(word: str, number: peewee.Field, year: peewee.Field,
                     kind: peewee.Field | None = None) -> peewee.Expression | None:
    """The search word as a register number ("12", "12/2026"; with a ``kind`` column also
    "legalisir/12/2026", the kind then matched too) on the ``number`` (and ``year``) columns;
    None when it is none."""
    found = (NUMBER_WORD if kind is None else _KIND_NUMBER_WORD).fullmatch(word.lower())
    if found is None:
        return None
    kind_word, number_word, year_word = (None, *found.groups()) if kind is None \
        else found.groups()
    condition = number == int(number_word)
    if year_word:
        condition &= year == int(year_word)
    if kind is not None and kind_word:
        condition &= kind == kind_word
    return condition


def register_years(record: type[peewee.Model]) -> list[int]:
    """The years present in a register (a model with `tahun`), newest first, always with the
    current year (the register pages' Tahun filter)."""
    years = set(distinct_values(record.tahun))  # tahun leads each long register's index
    years.add(dt.date.today().year)
    return sorted(years, reverse=True)


def known_values(field: peewee.Field, limit: int = 2000) -> list[str]:
    """The distinct values of a text column, sorted (what a form's completer offers)."""
    return [value for (value,) in field.model.select(field).distinct().order_by(field)
            .limit(limit).tuples()]


def read_record(record: type[peewee.Model], record_id: int) -> peewee.Model | None:
    """Register record `record_id` as it is in the database now (None when it is gone)."""
    return record.get_or_none(record.id == record_id)


def seconds_sql(later: str, earlier: str) -> str:
    """SQL: whole seconds from ``earlier`` to ``later`` (two timestamp expressions) on the open
    database's engine (NULL when either is NULL)."""
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        return f"CAST(ROUND(EXTRACT(EPOCH FROM ({later} - {earlier}))) AS INTEGER)"
    # julianday is in days as a double: rounded to the second it is exact for our spans.
    return f"CAST(ROUND((julianday({later}) - julianday({earlier})) * 86400.0) AS INTEGER)"


def record_step(jenis: str, rekaman_id: int, sop_id: str, langkah: int, oleh: str,
                pada: dt.datetime, catatan: str = "") -> None:
    """Record that SOP step ``langkah`` was done on a record (who, when, a note), with the
    step's actual time: the seconds since the record's previous recorded step (``detik``;
    NULL for its first), which the SOP monitoring sums up. One statement (INSERT ... SELECT),
    so recording a step costs no extra round trip to a server."""
    p = db.obj.param
    moment = pada.replace(microsecond=0)
    stamp = f"CAST({p} AS TIMESTAMP)"
    if not isinstance(db.obj, peewee.PostgresqlDatabase):
        stamp = p  # SQLite compares and computes on the stored text form
    db.execute_sql(
        "INSERT INTO langkah (jenis, rekaman_id, sop_id, langkah, oleh, pada, catatan, detik) "
        f"SELECT {p}, {p}, {p}, {p}, {p}, {stamp}, {p}, {seconds_sql(stamp, 'MAX(pada)')} "
        f"FROM langkah WHERE jenis = {p} AND rekaman_id = {p} AND pada <= {stamp}",
        (jenis, int(rekaman_id), sop_id, int(langkah), oleh, _stamp(moment), catatan,
         _stamp(moment), jenis, int(rekaman_id), _stamp(moment)))


def _stamp(moment: dt.datetime) -> str:
    """A timestamp parameter in the form peewee stores (so SQLite's text comparison holds)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def steps_of(jenis: str, rekaman_id: int) -> peewee.ModelSelect:
    """The SOP steps recorded on a record, in the order they were done."""
    return (Langkah.select()
            .where((Langkah.jenis == jenis) & (Langkah.rekaman_id == rekaman_id))
            .order_by(Langkah.pada, Langkah.id))


@dataclass(frozen=True)
class StepProgress:
    """One step of a record's SOP: who did it and when, the time taken against the standard."""
    no: int
    kegiatan: str
    pelaksana: str
    waktu: str  # the SOP's standard as written
    oleh: str | None
    pada: dt.datetime | None
    actual: dt.timedelta | None  # since the previous recorded step
    late: bool
    catatan: str = ""
