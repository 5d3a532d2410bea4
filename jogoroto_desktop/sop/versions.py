"""SOP versions: the office's SOP book lives in the database as a series of versions per SOP.

Version 1 of every SOP is the book as transcribed (migration 8 seeds it from the shipped TOML).
Every later change is a new version, written as a draft and carried through the approval flow
of PermenPAN-RB 35/2012:

``Draf`` -> ``Diajukan`` (submitted for review; the Sekcam may forward it, or return it to Draf
with a note) -> ``Disahkan`` (approved by the Camat, effective date still ahead) -> ``Berlaku``
(from its Tgl. Efektif) -> ``Diganti`` (a later version is in force).

The table stores the workflow state only (``draf``, ``diajukan``, ``disahkan``); Berlaku and
Diganti follow from the effective dates, so an approved version is never written again and a
new version comes into force at midnight without anyone writing anything. At most one version
per SOP is open (Draf or Diajukan) at a time. A draft may be saved with problems
(:func:`checks.periksa_sop`); it cannot be submitted with them.

Who may do what is checked here (:data:`session.SOP_PENULIS`: the owning unit's Kasi/Kasubag and
the admin write; the Sekcam reviews; only the Camat approves). Every change is audited, in one
transaction with the change, and checks the version it read (the ``versi`` column).

The approved versions of an open database are immutable, so their parsed SOPs are cached on
the database object; :func:`katalog_berlaku` (what :func:`catalog.default_catalog` returns
while a database is open) is rebuilt only when a version was approved or the day changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import peewee

from jogoroto_desktop import session
from jogoroto_desktop.registers import kernel
from jogoroto_desktop.session import Actor, PermissionDenied
from jogoroto_desktop.sop.cache import read_cache, write_cache
from jogoroto_desktop.sop.checks import periksa_sop
from jogoroto_desktop.sop.exchange import read_sop_data, sop_to_toml
from jogoroto_desktop.sop.model import (
    SEKSI_BY_ID,
    STATUS_DRAF,
    STATUS_RINCI,
    Catalog,
    CatalogError,
    Official,
    Problem,
    Sop,
)
from jogoroto_desktop.storage.paths import data_dir
from jogoroto_desktop.validation import Checker, ValidationError
from models import VersiSop, db

DRAF = "draf"
DIAJUKAN = "diajukan"
DISAHKAN = "disahkan"
BERLAKU = "berlaku"
DIGANTI = "diganti"

STATUS_LABELS: dict[str, str] = {
    DRAF: "Draf",
    DIAJUKAN: "Diajukan",
    DISAHKAN: "Disahkan",
    BERLAKU: "Berlaku",
    DIGANTI: "Diganti",
}
#: A version still being worked on: at most one per SOP.
TERBUKA: tuple[str, ...] = (DRAF, DIAJUKAN)

MAX_ALASAN = 500
#: The catalog in force the last run built, in the data folder's cache.
CACHE_FILE_NAME = "katalog-sop-berlaku.cache"
#: The official whose name goes in "Disahkan oleh" (Pengaturan's row, as setup.JABATAN_CAMAT).
JABATAN_CAMAT = "Camat"


@dataclass(frozen=True)
class SopVersi:
    """One version of an SOP as the screens and the command line show it."""

    sop_id: str
    versi: int  # 1, 2, 3, ... per SOP
    status: str  # one of STATUS_LABELS (Berlaku and Diganti as of the day asked about)
    sop: Sop
    dibuat_oleh: str
    dibuat_pada: dt.datetime
    diajukan_oleh: str | None = None
    diajukan_pada: dt.datetime | None = None
    diteruskan_oleh: str | None = None  # the Sekcam's forward (optional)
    diteruskan_pada: dt.datetime | None = None
    disahkan_oleh: str | None = None  # who approved (the Camat's account), as written
    disahkan_pada: dt.datetime | None = None
    tanggal_efektif: dt.date | None = None  # None: in force since the book
    catatan: str = ""  # the Sekcam's note when the draft was returned
    id: int = 0  # the row
    kunci: int = 0  # the row's version for the concurrent-edit check

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def terbuka(self) -> bool:
        return self.status in TERBUKA

    def to_dict(self) -> dict[str, Any]:
        def iso(value: dt.date | None) -> str | None:
            if isinstance(value, dt.datetime):
                return value.isoformat(sep=" ", timespec="seconds")
            return value.isoformat() if value else None

        return {
            "sop_id": self.sop_id, "versi": self.versi, "status": self.status,
            "status_label": self.status_label, "nama": self.sop.name,
            "dibuat_oleh": self.dibuat_oleh, "dibuat_pada": iso(self.dibuat_pada),
            "diajukan_oleh": self.diajukan_oleh, "diajukan_pada": iso(self.diajukan_pada),
            "diteruskan_oleh": self.diteruskan_oleh,
            "diteruskan_pada": iso(self.diteruskan_pada),
            "disahkan_oleh": self.disahkan_oleh, "disahkan_pada": iso(self.disahkan_pada),
            "tanggal_efektif": iso(self.tanggal_efektif),
            "tanggal_revisi": iso(self.sop.tanggal_revisi), "catatan": self.catatan,
        }


# --- reading ---------------------------------------------------------------------------------

def _today(pada: dt.date | None) -> dt.date:
    return pada or dt.date.today()


def _rows(sop_id: str) -> list[VersiSop]:
    return list(VersiSop.select().where(VersiSop.sop_id == sop_id)
                .order_by(VersiSop.nomor_versi))


def _effective(row: VersiSop) -> dt.date:
    return row.tanggal_efektif or dt.date.min


def _in_force(rows: list[VersiSop], pada: dt.date) -> VersiSop | None:
    """The approved version in force on ``pada``: the highest one whose Tgl. Efektif came."""
    approved = [r for r in rows if r.status == DISAHKAN and _effective(r) <= pada]
    return max(approved, key=lambda r: r.nomor_versi, default=None)


def _derived_status(row: VersiSop, in_force: VersiSop | None, pada: dt.date) -> str:
    if row.status != DISAHKAN:
        return row.status
    if in_force is not None and row.id == in_force.id:
        return BERLAKU
    return DISAHKAN if _effective(row) > pada else DIGANTI


def _cache() -> dict[str, Any]:
    """Caches that live as long as the open database (a new one per open, so a test's or a
    restored database never sees another's)."""
    database = db.obj
    store = getattr(database, "_jogoroto_sop_versi", None)
    if store is None:
        # dokumen: row id -> SOP, nomor: (sop id, version) -> SOP, both of approved versions;
        # katalog: (key, catalog, version numbers) of today's catalog in force.
        store = {"dokumen": {}, "nomor": {}, "katalog": None, "diperiksa": 0.0}
        database._jogoroto_sop_versi = store
    return store


def _forget_catalog() -> None:
    store = _cache()
    store["katalog"] = None
    store["diperiksa"] = 0.0


def _parse(row: VersiSop) -> Sop:
    """The SOP a stored version holds (structure read, rules not applied: a draft may have
    problems). Approved versions never change, so they are parsed once per open database."""
    cache = _cache()["dokumen"]
    if row.status == DISAHKAN and row.id in cache:
        return cache[row.id]
    import tomllib

    name = f"{row.sop_id} versi {row.nomor_versi}"
    sop, problems = read_sop_data(tomllib.loads(row.dokumen), name, Path(name))
    if sop is None:  # only someone writing the table by hand gets here
        raise CatalogError(problems)
    if row.status == DISAHKAN:
        cache[row.id] = sop
        _cache()["nomor"][(row.sop_id, row.nomor_versi)] = sop
    return sop


def _to_versi(row: VersiSop, status: str) -> SopVersi:
    return SopVersi(
        sop_id=row.sop_id, versi=row.nomor_versi, status=status, sop=_parse(row),
        dibuat_oleh=row.dibuat_oleh, dibuat_pada=row.dibuat_pada,
        diajukan_oleh=row.diajukan_oleh, diajukan_pada=row.diajukan_pada,
        diteruskan_oleh=row.diteruskan_oleh, diteruskan_pada=row.diteruskan_pada,
        disahkan_oleh=row.disahkan_oleh, disahkan_pada=row.disahkan_pada,
        tanggal_efektif=row.tanggal_efektif, catatan=row.catatan, id=row.id, kunci=row.versi)


def daftar_versi(sop_id: str, pada: dt.date | None = None) -> list[SopVersi]:
    """Every version of the SOP, oldest first, with its status on ``pada`` (default today);
    empty for an SOP the database does not know."""
    rows = _rows(sop_id)
    day = _today(pada)
    in_force = _in_force(rows, day)
    return [_to_versi(row, _derived_status(row, in_force, day)) for row in rows]


def ambil_versi(sop_id: str, versi: int, pada: dt.date | None = None) -> SopVersi:
    """Version ``versi`` of the SOP; ValidationError (field ``versi``) when there is none."""
    for item in daftar_versi(sop_id, pada):
        if item.versi == versi:
            return item
    _require_known(sop_id)
    raise ValidationError({"versi": f"SOP {sop_id} tidak punya versi {versi}."})


def versi_berlaku(sop_id: str, pada: dt.date | None = None) -> SopVersi | None:
    """The version in force on ``pada`` (default today); None for an unknown SOP."""
    rows = _rows(sop_id)
    row = _in_force(rows, _today(pada))
    return None if row is None else _to_versi(row, BERLAKU)


def draf_terbuka(sop_id: str) -> SopVersi | None:
    """The version being worked on (Draf or Diajukan), if any."""
    row = (VersiSop.select().where((VersiSop.sop_id == sop_id)
                                   & VersiSop.status.in_(TERBUKA)).first())
    return None if row is None else _to_versi(row, row.status)


def katalog_berlaku(pada: dt.date | None = None) -> Catalog:
    """Every SOP's version in force on ``pada`` (default today), as a catalog.

    Today's catalog is cached for the open database and rebuilt when another version was
    approved (here or on another PC: looked at once a second at most) or the day changed."""
    if pada is not None:
        return _build_catalog(pada)[0]
    return _today_in_force()[0]


def nomor_berlaku(sop_id: str, pada: dt.date | None = None) -> int | None:
    """The number of the version in force on ``pada`` (default today; then from the cached
    catalog, without a query); None for an unknown SOP."""
    if pada is None or pada == dt.date.today():
        return _today_in_force()[1].get(sop_id)
    row = _in_force(_rows(sop_id), pada)
    return None if row is None else row.nomor_versi


def isi_versi(sop_id: str, versi: int) -> Sop:
    """The SOP as version ``versi`` has it (an approved one from the cache, without a query);
    ValidationError (field ``versi``) when there is no such version."""
    cached = _cache()["nomor"].get((sop_id, versi))
    if cached is not None:
        return cached
    row = VersiSop.get_or_none((VersiSop.sop_id == sop_id) & (VersiSop.nomor_versi == versi))
    if row is None:
        _require_known(sop_id)
        raise ValidationError({"versi": f"SOP {sop_id} tidak punya versi {versi}."})
    return _parse(row)


def _today_in_force() -> tuple[Catalog, dict[str, int]]:
    store = _cache()
    today = dt.date.today()
    cached = store["katalog"]
    if cached is not None and cached[0][1] == today and time.monotonic() - store["diperiksa"] < 1:
        return cached[1], cached[2]
    key = (_approved_marker(), today)
    store["diperiksa"] = time.monotonic()
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    # The same database started again: the catalog the last run built, from the data folder.
    disk_key = (_database_location(), key)
    built = read_cache(_disk_cache_file(), disk_key)
    if not (isinstance(built, tuple) and len(built) == 2 and isinstance(built[0], Catalog)):
        built = _build_catalog(today)
        write_cache(_disk_cache_file(), disk_key, built)
    catalog, numbers = built
    for sop in catalog:
        store["nomor"][(sop.id, numbers[sop.id])] = sop
    store["katalog"] = (key, catalog, numbers)
    return catalog, numbers


def _approved_marker() -> tuple[int, int, str]:
    """Changes whenever a version is approved (approvals are never undone); the highest hash
    tells apart two databases (a restored backup) with as many approvals."""
    count, last, sidik = (VersiSop.select(peewee.fn.COUNT(VersiSop.id),
                                          peewee.fn.MAX(VersiSop.id),
                                          peewee.fn.MAX(VersiSop.sidik))
                          .where(VersiSop.status == DISAHKAN).tuples().get())
    return int(count or 0), int(last or 0), sidik or ""


def _database_location() -> str:
    database = db.obj
    params = getattr(database, "connect_params", {}) or {}
    return f"{type(database).__name__}|{params.get('host', '')}|{database.database}"


def _disk_cache_file() -> Path:
    return data_dir() / "cache" / CACHE_FILE_NAME


def _build_catalog(pada: dt.date) -> tuple[Catalog, dict[str, int]]:
    """The catalog in force on ``pada`` and the version number of each of its SOPs."""
    # Metadata first; the documents only of the chosen rows not parsed yet.
    meta = list(VersiSop.select(VersiSop.id, VersiSop.sop_id, VersiSop.nomor_versi,
                                VersiSop.tanggal_efektif, VersiSop.status)
                .where(VersiSop.status == DISAHKAN))
    chosen: dict[str, VersiSop] = {}
    for row in meta:
        best = chosen.get(row.sop_id)
        if _effective(row) <= pada and (best is None or row.nomor_versi > best.nomor_versi):
            chosen[row.sop_id] = row
    parsed = _cache()["dokumen"]
    missing = [row.id for row in chosen.values() if row.id not in parsed]
    if missing:
        for row in VersiSop.select().where(VersiSop.id.in_(missing)):
            _parse(row)
    catalog = Catalog(parsed[row.id] for row in chosen.values())
    return catalog, {sop_id: row.nomor_versi for sop_id, row in chosen.items()}


def _require_known(sop_id: str) -> list[VersiSop]:
    rows = _rows(sop_id)
    if not rows:
        raise ValidationError({"sop_id": f"SOP {sop_id!r} tidak ada di katalog."})
    return rows


# --- who may ---------------------------------------------------------------------------------

def boleh_menulis(actor: Actor | None, seksi: str) -> bool:
    """True when ``actor`` may write drafts of an SOP of ``seksi``."""
    return actor is not None and actor.may("sop.tulis") and (
        actor.peran == "admin" or actor.peran in session.SOP_PENULIS.get(seksi, ()))


def _require_writer(actor: Actor | None, *seksi: str) -> Actor:
    actor = session.require_of(actor, "sop.tulis")
    for unit in seksi:
        if not boleh_menulis(actor, unit):
            role = session.ROLES.get(actor.peran, actor.peran)
            name = SEKSI_BY_ID[unit].name if unit in SEKSI_BY_ID else unit
            raise PermissionDenied(f"Peran {role} tidak berwenang mengubah SOP seksi {name}; "
                                   "hanya Kasi/Kasubag unit pemilik SOP dan admin.")
    return actor


# --- writing ---------------------------------------------------------------------------------

def _sidik(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stale(sop_id: str) -> str:
    return (f"Versi SOP {sop_id} baru saja diubah di komputer lain. Tidak ada yang ditimpa; "
            "buka lagi lalu ulangi.")


def _label(sop_id: str, versi: int) -> str:
    return f"SOP {sop_id} versi {versi}"


def _normalized(sop: Sop) -> Sop:
    """The SOP as stored: detailed ("rinci") as soon as it has steps, "belum dirinci" (draf)
    while it has none, so the service of a newly detailed SOP leaves the minimal flow once the
    version is approved."""
    status = STATUS_RINCI if sop.steps else STATUS_DRAF
    return sop if sop.status == status else replace(sop, status=status)


def _fresh(item: SopVersi, dibaca: SopVersi | None) -> None:
    """Refuse when the caller acts on another state of the version than the one it read."""
    if dibaca is not None and (dibaca.id != item.id or dibaca.kunci != item.kunci):
        raise ValidationError({"versi": _stale(item.sop_id)})


def simpan_draf(sop: Sop, actor: Actor | None = None,
                dibaca: SopVersi | None = None) -> SopVersi:
    """Save ``sop`` as a draft of its SOP (``sop.id``), problems and all.

    ``dibaca`` is the version the edit started from: the open draft updates that draft (if
    nobody changed it since it was read); another version, or None, makes a new draft
    version, refused while another version of the SOP is open (naming it)."""
    rows = _require_known(sop.id)
    current = _in_force(rows, dt.date.today()) or rows[-1]
    # Moving an SOP to another seksi needs the right to write the SOPs of both.
    actor = _require_writer(actor, *dict.fromkeys((_parse(current).seksi, sop.seksi)))
    sop = _normalized(sop)
    text = sop_to_toml(sop)
    open_row = next((r for r in rows if r.status in TERBUKA), None)
    now = kernel.now_seconds()
    if open_row is not None and dibaca is not None and dibaca.id == open_row.id:
        if open_row.status != DRAF:
            raise ValidationError({"status": (
                f"{_label(sop.id, open_row.nomor_versi)} sedang diajukan; draf bisa diubah "
                "lagi setelah dikembalikan oleh Sekretaris Camat.")})
        if dibaca.kunci != open_row.versi:
            raise ValidationError({"versi": _stale(sop.id)})
        with kernel.transaction(open_row):
            kernel.update(open_row, {"dokumen": text, "sidik": _sidik(text), "nama": sop.name},
                          f"Draf {_label(sop.id, open_row.nomor_versi)} disimpan",
                          stale=_stale(sop.id), now=now, oleh=actor.label,
                          audited=("nama", "sidik"))
        return _to_versi(open_row, DRAF)
    if open_row is not None:
        raise ValidationError({"versi": (
            f"SOP {sop.id} sudah punya versi yang sedang dikerjakan: versi "
            f"{open_row.nomor_versi} ({STATUS_LABELS[open_row.status]}). Buka versi itu.")})
    number = rows[-1].nomor_versi + 1
    try:
        with db.atomic():
            row = kernel.register(
                VersiSop, f"Draf {_label(sop.id, number)} dibuat", now, oleh=actor.label,
                audited=("sop_id", "nomor_versi", "status", "nama", "sidik"),
                sop_id=sop.id, nomor_versi=number, status=DRAF, nama=sop.name, dokumen=text,
                sidik=_sidik(text), dibuat_oleh=actor.label, catatan="")
    except peewee.IntegrityError as exc:  # another PC made version `number` meanwhile
        raise ValidationError({"versi": _stale(sop.id)}) from exc
    return _to_versi(row, DRAF)


def buat_revisi(sop_id: str, actor: Actor | None = None) -> SopVersi:
    """A new draft, a copy of the version in force; refused while a version of the SOP is
    open (the message names it; :func:`draf_terbuka` gives it)."""
    rows = _require_known(sop_id)
    base = _in_force(rows, dt.date.today()) or rows[-1]
    return simpan_draf(_parse(base), actor)


def _open_row(sop_id: str, wanted: str, action: str) -> VersiSop:
    rows = _require_known(sop_id)
    row = next((r for r in rows if r.status in TERBUKA), None)
    if row is None:
        raise ValidationError({"status": f"SOP {sop_id} tidak punya draf; tidak ada yang "
                                         f"bisa {action}."})
    if row.status != wanted:
        raise ValidationError({"status": (
            f"{_label(sop_id, row.nomor_versi)} berstatus {STATUS_LABELS[row.status]}; hanya "
            f"versi berstatus {STATUS_LABELS[wanted]} yang bisa {action}.")})
    return row


def _move(row: VersiSop, changes: dict[str, Any], ringkasan: str, actor: Actor,
          dibaca: SopVersi | None, now: dt.datetime) -> SopVersi:
    """Write a step of the flow onto ``row`` (audited, the document's text by its hash only)."""
    _fresh(_to_versi(row, row.status), dibaca)
    with kernel.transaction(row):
        kernel.update(row, changes, ringkasan, stale=_stale(row.sop_id), now=now,
                      oleh=actor.label, audited=tuple(k for k in changes if k != "dokumen"))
    _forget_catalog()
    return ambil_versi(row.sop_id, row.nomor_versi)


def masalah_pengajuan(sop: Sop) -> list[Problem]:
    """Why ``sop`` cannot be submitted (empty when it can): the rules of
    :func:`periksa_sop`, and a Nomor SOP or list letter another SOP in force already has."""
    problems = periksa_sop(sop)
    for other in katalog_berlaku():
        if other.id == sop.id:
            continue
        if sop.nomor and other.nomor and "".join(sop.nomor.split()).upper() == \
                "".join(other.nomor.split()).upper():
            problems.append(Problem(sop.source.name, "nomor",
                                    f"{sop.nomor!r} sudah dipakai oleh SOP {other.id}"))
        if (other.seksi, other.urutan) == (sop.seksi, sop.urutan):
            problems.append(Problem(sop.source.name, "urutan",
                                    f"huruf {sop.urutan!r} sudah dipakai oleh SOP {other.id} "
                                    "di seksi yang sama"))
    return problems


def ajukan(sop_id: str, actor: Actor | None = None,
           dibaca: SopVersi | None = None) -> SopVersi:
    """Submit the open draft for review; refused, listing every problem, when
    :func:`masalah_pengajuan` finds any."""
    row = _open_row(sop_id, DRAF, "diajukan")
    sop = _parse(row)
    actor = _require_writer(actor, sop.seksi)
    problems = masalah_pengajuan(sop)
    if problems:
        lines = "; ".join(f"{p.field}: {p.message}" for p in problems)
        raise ValidationError({"sop": (
            f"{_label(sop_id, row.nomor_versi)} belum bisa diajukan ({len(problems)} masalah): "
            f"{lines}")})
    now = kernel.now_seconds()
    return _move(row, {"status": DIAJUKAN, "diajukan_oleh": actor.label, "diajukan_pada": now,
                       "diteruskan_oleh": None, "diteruskan_pada": None},
                 f"{_label(sop_id, row.nomor_versi)} diajukan", actor, dibaca, now)


def teruskan(sop_id: str, actor: Actor | None = None,
             dibaca: SopVersi | None = None) -> SopVersi:
    """The Sekcam forwards the submitted version to the Camat (optional before approval)."""
    actor = session.require_of(actor, "sop.tinjau")
    row = _open_row(sop_id, DIAJUKAN, "diteruskan")
    if row.diteruskan_pada is not None:
        raise ValidationError({"status": f"{_label(sop_id, row.nomor_versi)} sudah diteruskan "
                                         f"oleh {row.diteruskan_oleh}."})
    now = kernel.now_seconds()
    return _move(row, {"diteruskan_oleh": actor.label, "diteruskan_pada": now},
                 f"{_label(sop_id, row.nomor_versi)} diteruskan ke Camat", actor, dibaca, now)


def kembalikan(sop_id: str, actor: Actor | None, alasan: str,
               dibaca: SopVersi | None = None) -> SopVersi:
    """The Sekcam returns the submitted version to Draf with a note saying what to fix."""
    actor = session.require_of(actor, "sop.tinjau")
    check = Checker()
    note = check.text("alasan", "Alasan pengembalian", alasan, MAX_ALASAN)
    check.raise_if_any()
    row = _open_row(sop_id, DIAJUKAN, "dikembalikan")
    return _move(row, {"status": DRAF, "catatan": note, "diteruskan_oleh": None,
                       "diteruskan_pada": None},
                 f"{_label(sop_id, row.nomor_versi)} dikembalikan: {note}", actor, dibaca,
                 kernel.now_seconds())


def sahkan(sop_id: str, actor: Actor | None, efektif: dt.date,
           dibaca: SopVersi | None = None) -> SopVersi:
    """The Camat approves the submitted version, in force from ``efektif``.

    The document gets its identitas: Tgl. Efektif; Disahkan oleh, the Camat as in Pengaturan;
    Tgl. Revisi (today) when it revises a detailed approved version, otherwise Tgl. Pembuatan
    (today) when it has none. The version in force so far becomes Diganti on ``efektif``."""
    actor = session.require_of(actor, "sop.sahkan")
    today = dt.date.today()
    if not isinstance(efektif, dt.date) or isinstance(efektif, dt.datetime):
        raise ValidationError({"efektif": "Tgl. Efektif wajib diisi (tanggal)."})
    if efektif < today:
        raise ValidationError({"efektif": "Tgl. Efektif tidak boleh sebelum hari ini."})
    row = _open_row(sop_id, DIAJUKAN, "disahkan")
    sop = _parse(row)
    problems = periksa_sop(sop)
    if problems:
        raise ValidationError({"sop": f"{_label(sop_id, row.nomor_versi)} bermasalah: "
                                      + "; ".join(f"{p.field}: {p.message}" for p in problems)})
    earlier = [r for r in _rows(sop_id) if r.status == DISAHKAN]
    revises = any(_parse(r).steps for r in earlier)
    sop = replace(
        _normalized(sop), tanggal_efektif=efektif, disahkan_oleh=_camat(),
        tanggal_revisi=today if revises else None,
        tanggal_pembuatan=sop.tanggal_pembuatan if revises or sop.tanggal_pembuatan else today)
    text = sop_to_toml(sop)
    now = kernel.now_seconds()
    return _move(row, {"status": DISAHKAN, "disahkan_oleh": actor.label, "disahkan_pada": now,
                       "tanggal_efektif": efektif, "dokumen": text, "sidik": _sidik(text),
                       "nama": sop.name},
                 f"{_label(sop_id, row.nomor_versi)} disahkan, berlaku {efektif.isoformat()}",
                 actor, dibaca, now)


def _camat() -> Official:
    """The Camat as Pengaturan names them, for the "Disahkan oleh" box."""
    from jogoroto_desktop.kop_settings import load_kop_input
    from models import Pejabat

    tempat = load_kop_input().tempat or "Jogoroto"
    row = Pejabat.get_or_none(Pejabat.jabatan == JABATAN_CAMAT)
    if row is None:
        return Official(jabatan=f"{JABATAN_CAMAT} {tempat}")
    return Official(jabatan=f"{JABATAN_CAMAT} {tempat}", nama=row.nama, pangkat=row.pangkat,
                    nip=row.nip)
