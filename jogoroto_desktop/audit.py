"""The audit trail: every create, update, void and print of an official record, append-only.

Services call :func:`catat` inside the same transaction as the change, so a change and its audit
row commit or roll back together.  Nothing in the program updates or deletes audit rows.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from jogoroto_desktop.session import actor_label
from models import Audit, audit_chain, db, distinct_values

log = logging.getLogger(__name__)

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
    "pemicu": "Pasang ulang pemicu",
    "unduh": "Unduh",
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
    """Append one audit row at the head of the hash chain; ``oleh`` defaults to the acting
    user.  The only writer of the trail (so every row is chained)."""
    if aksi not in AKSI:
        raise ValueError(f"aksi audit tidak dikenal: {aksi}")
    values: dict[str, Any] = {
        "pada": pada or dt.datetime.now().replace(microsecond=0),
        "oleh": oleh or actor_label(),
        "aksi": aksi,
        "tabel": tabel,
        "rekaman_id": None if rekaman_id is None else int(rekaman_id),
        "ringkasan": ringkasan,
        "perubahan": json.dumps(dict(changes or {}), ensure_ascii=False, sort_keys=True),
    }
    database = db.obj
    # The head and the row commit together: in the caller's transaction (no savepoint: two more
    # round trips to a server), or in one of their own.
    with nullcontext() if database.in_transaction() else database.atomic():
        row_id, previous, digest = audit_chain.append(database, values)
    return Audit(id=row_id, hash_sebelum=previous, hash_baris=digest, **values)


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


# --- reading the trail (viewer and export) -----------------------------------------------

#: The tables the trail names, with the words people read in the viewer.
TABEL_LABELS: dict[str, str] = {
    "surat_masuk": "Surat masuk", "surat_keluar": "Surat keluar", "disposisi": "Disposisi",
    "ekspedisi": "Ekspedisi", "berkas": "Berkas", "pejabat": "Pejabat", "setting": "Pengaturan",
    "pengguna": "Pengguna", "surat_pengantar": "Surat pengantar", "permohonan": "Permohonan",
    "pegawai": "Pegawai", "cuti": "Cuti", "pelacakan": "Pelacakan",
    "templat_naskah": "Templat naskah",
}


@dataclass(frozen=True)
class AuditFilter:
    dari: dt.date | None = None  # first day shown
    sampai: dt.date | None = None  # last day shown (inclusive)
    oleh: str = ""
    aksi: str = ""
    tabel: str = ""
    teks: str = ""  # words searched in the summary and the changes


def query_audit(filters: AuditFilter = AuditFilter()) -> peewee.ModelSelect:  # noqa: B008
    """Audit rows matching ``filters``, newest first (the viewer's and the export's query)."""
    query = Audit.select()
    if filters.dari:
        query = query.where(Audit.pada >= dt.datetime.combine(filters.dari, dt.time()))
    if filters.sampai:
        end = dt.datetime.combine(filters.sampai + dt.timedelta(days=1), dt.time())
        query = query.where(Audit.pada < end)
    if filters.oleh:
        query = query.where(Audit.oleh == filters.oleh)
    if filters.aksi:
        query = query.where(Audit.aksi == filters.aksi)
    if filters.tabel:
        query = query.where(Audit.tabel == filters.tabel)
    for word in filters.teks.split():
        condition = Audit.ringkasan.contains(word) | Audit.perubahan.contains(word)
        if word.isdigit():
            condition |= Audit.rekaman_id == int(word)
        query = query.where(condition)
    return query.order_by(Audit.pada.desc(), Audit.id.desc())


def pelaku() -> list[str]:
    """Everyone named in the trail (the viewer's user filter)."""
    return distinct_values(Audit.oleh)  # the (oleh, pada) index


def tabel_tercatat() -> list[str]:
    return distinct_values(Audit.tabel)  # the (tabel, rekaman_id) index


def uraian_perubahan(text: str) -> str:
    """The JSON changes as people read them: ``perihal: "A" -> "B"; sifat: ...``."""
    try:
        changes = json.loads(text or "{}")
    except ValueError:
        return text
    parts = []
    for name, pair in changes.items():
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        shown = [("-" if v in (None, "") else str(v)) for v in (old, new)]
        parts.append(f"{name}: {shown[0]} \u2192 {shown[1]}")
    return "; ".join(parts)


def ekspor_audit(filters: AuditFilter, path: str | Path,
                 progress: Callable[[int, int], None] | None = None) -> int:
    """Write the matching rows to an Excel file (written beside the target, then moved in
    place); returns the number of rows.  ``progress(done, total)`` is called now and then."""
    from openpyxl import Workbook

    from jogoroto_desktop import session

    session.require("audit.lihat")
    target = Path(path)
    query = query_audit(filters)
    total = query.count()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Jejak Audit")
    sheet.append(["Waktu", "Oleh", "Aksi", "Tabel", "ID", "Ringkasan", "Perubahan"])
    done = 0
    for pada, oleh, aksi, tabel, rekaman_id, ringkasan, changes in (
            query.select(Audit.pada, Audit.oleh, Audit.aksi, Audit.tabel, Audit.rekaman_id,
                         Audit.ringkasan, Audit.perubahan).tuples().iterator()):
        sheet.append([pada, oleh, AKSI.get(aksi, aksi), TABEL_LABELS.get(tabel, tabel),
                      rekaman_id, ringkasan, uraian_perubahan(changes)])
        done += 1
        if progress is not None and done % 500 == 0:
            progress(done, total)
    partial = target.with_name(target.name + ".part")
    book.save(partial)
    partial.replace(target)
    if progress is not None:
        progress(done, total)
    return done


# --- verifying the chain (db check, start-up and the daily walk) --------------------------------

#: This PC remembers the day of the last whole walk here (per database).
PEMERIKSAAN_FILE = "pemeriksaan-jejak-audit.json"


@dataclass(frozen=True)
class StatusRantai:
    """What the window shows about the audit trail."""

    ok: bool
    pesan: str  # for people, in Indonesian
    penuh: bool  # the whole chain was walked (else only its tail)
    pemicu_dipasang: tuple[str, ...] = ()  # triggers reinstalled now (and audited)


def pasang_ulang_pemicu() -> tuple[str, ...]:
    """Reinstall the missing or altered append-only triggers, with an audit row saying which
    and why, in one transaction (never one without the other).  Returns their names."""
    database = db.obj
    with database.atomic():
        problems = audit_chain.trigger_problems(database)
        if not problems:
            return ()
        names = tuple(audit_chain.install_triggers(database, only_missing=True))
        catat("pemicu", "audit", None,
              f"Pemicu jejak audit dipasang ulang: {', '.join(names)}",
              {"masalah": [None, "; ".join(problems)]}, oleh="Program")
    log.warning("Pemicu jejak audit dipasang ulang: %s (%s)", names, problems)
    return names


def periksa_rantai(penuh: bool = False, *, pasang_pemicu: bool = True) -> StatusRantai:
    """Verify the audit trail: the triggers and the chain's tail (``penuh``: the whole chain,
    a walk over every row).  Missing triggers are put back (and audited) when
    ``pasang_pemicu``; the report still names them, since the trail was unguarded."""
    database = db.obj
    report = audit_chain.verify(database, tail=None if penuh else audit_chain.EKOR_BARIS)
    installed: tuple[str, ...] = ()
    missing = [b for b in report.breaks if b.kind == "pemicu"]
    if missing and pasang_pemicu:
        try:
            installed = pasang_ulang_pemicu()
        except peewee.PeeweeException as exc:  # e.g. a role that does not own the tables
            log.error("Pemicu jejak audit tidak dapat dipasang ulang: %s", exc)
    if report.ok:
        return StatusRantai(True, report.summary().capitalize() + ".", penuh)
    pesan = f"Jejak audit tidak utuh: {report.summary()}"
    if installed:
        pesan += " (pemicu dipasang ulang dan dicatat di jejak audit)"
    return StatusRantai(False, pesan + ".", penuh, installed)


def _pemeriksaan_path() -> Path:
    from jogoroto_desktop.storage.paths import data_dir

    return data_dir() / PEMERIKSAAN_FILE


def pemeriksaan_penuh_perlu(basis_data: str, hari_ini: dt.date | None = None) -> bool:
    """True when the whole chain of ``basis_data`` was not walked on this PC today."""
    try:
        done = json.loads(_pemeriksaan_path().read_text(encoding="utf-8"))
        last = dt.date.fromisoformat(done[basis_data])
    except (OSError, ValueError, KeyError, TypeError):
        return True
    return last < (hari_ini or dt.date.today())


def catat_pemeriksaan_penuh(basis_data: str, hari_ini: dt.date | None = None) -> None:
    """Remember that the whole chain of ``basis_data`` was walked today (on this PC)."""
    path = _pemeriksaan_path()
    try:
        done = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(done, dict):
            done = {}
    except (OSError, ValueError):
        done = {}
    done[basis_data] = (hari_ini or dt.date.today()).isoformat()
    path.write_text(json.dumps(done), encoding="utf-8")
