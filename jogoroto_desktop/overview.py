"""The overview each seksi tab opens on: what is on the desk right now.

For the citizens' services of a seksi, four numbers come from ONE aggregate query over
``permohonan``: new today, in progress (not yet ready, including requests waiting for the
citizen to complete them), late against the time standard, and ready to collect. The groups are
the same conditions the register list filters with (:func:`layanan.kondisi_kelompok`), so a
number and the list behind it always agree.

Other registers add their own numbers to a seksi's overview through a small registry::

    from jogoroto_desktop import overview

    def pensiun_segera(now: datetime.datetime) -> int:
        return ...  # a quick COUNT query; called on the GUI thread when the overview refreshes

    overview.register_counter("sekretariat", "Pensiun 6 bulan lagi", pensiun_segera,
                              "Buku Penjagaan|pensiun")

``register_counter(seksi_id, label, count_fn, open_key)``:

- ``seksi_id``: a :data:`catalog.SEKSI` id;
- ``label``: the words under the number;
- ``count_fn(now) -> int``: counts with the database open; keep it to one indexed query;
- ``open_key``: what a click opens: the label of the desk section (as given to
  ``SeksiTab.add_section``), optionally followed by ``|`` and an argument the page receives in
  its ``apply_overview_filter(argument)`` method, if it has one.

Registering the same (seksi, label) again replaces the earlier counter, so a module may
register at import time without caring how often it is imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import peewee

from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.sections import (
    SECTION_CUTI,
    SECTION_DISPOSISI,
    SECTION_LAYANAN,
    SECTION_PELACAKAN,
    SECTION_PENJAGAAN,
)
from models import Permohonan

#: Desk section label of the service register (the Layanan page).


@dataclass(frozen=True)
class Penghitung:
    """A registered counter of another register."""

    seksi_id: str
    label: str
    count_fn: Callable[[dt.datetime], int]
    open_key: str
    penting: bool = False


@dataclass(frozen=True)
class Angka:
    """One number of the overview and what a click on it opens."""

    label: str
    jumlah: int
    open_key: str
    penting: bool = False  # drawn as a warning when not zero (late requests)


@dataclass(frozen=True)
class Ringkasan:
    seksi_id: str
    punya_layanan: bool
    baru: int = 0
    proses: int = 0
    terlambat: int = 0
    siap: int = 0
    lainnya: tuple[Angka, ...] = field(default_factory=tuple)

    def angka_layanan(self) -> list[Angka]:
        """The four service numbers, in the order the overview shows them."""
        return [
            Angka(ly.KELOMPOK_LABELS[ly.KELOMPOK_BARU], self.baru,
                  f"{SECTION_LAYANAN}|{ly.KELOMPOK_BARU}"),
            Angka(ly.KELOMPOK_LABELS[ly.KELOMPOK_PROSES], self.proses,
                  f"{SECTION_LAYANAN}|{ly.KELOMPOK_PROSES}"),
            Angka(ly.KELOMPOK_LABELS[ly.KELOMPOK_TERLAMBAT], self.terlambat,
                  f"{SECTION_LAYANAN}|{ly.KELOMPOK_TERLAMBAT}", penting=True),
            Angka(ly.KELOMPOK_LABELS[ly.KELOMPOK_SIAP], self.siap,
                  f"{SECTION_LAYANAN}|{ly.KELOMPOK_SIAP}"),
        ]


_registry: dict[tuple[str, str], Penghitung] = {}


def register_counter(seksi_id: str, label: str, count_fn: Callable[[dt.datetime], int],
                     open_key: str, penting: bool = False) -> None:
    """Add (or replace) a number on a seksi's overview; see the module docstring."""
    from jogoroto_desktop.sop.catalog import SEKSI_BY_ID

    if seksi_id not in SEKSI_BY_ID:
        raise ValueError(f"seksi tidak dikenal: {seksi_id}")
    if not label.strip() or not open_key.strip():
        raise ValueError("label dan open_key wajib diisi")
    _registry[(seksi_id, label)] = Penghitung(seksi_id, label, count_fn, open_key, penting)


def unregister_counter(seksi_id: str, label: str) -> None:
    _registry.pop((seksi_id, label), None)


def counters_for(seksi_id: str) -> list[Penghitung]:
    """The registered counters of a seksi, in the order they were first registered."""
    return [c for (sid, _), c in _registry.items() if sid == seksi_id]


def hitung_layanan(sop_ids: tuple[str, ...] | list[str],
                   now: dt.datetime | None = None) -> tuple[int, int, int, int]:
    """(new today, in progress, late, ready) over the given services, in one query.

    Only the open requests and today's are read: the WHERE clause lets the database use the
    (sop_id, status) and diterima_pada indexes, so closed history does not slow it down.
    """
    if not sop_ids:
        return 0, 0, 0, 0
    now = now or dt.datetime.now()
    today = dt.datetime.combine(now.date(), dt.time())

    def count_if(condition: peewee.Expression) -> peewee.Node:
        return peewee.fn.COALESCE(
            peewee.fn.SUM(peewee.Case(None, [(condition, 1)], 0)), 0)

    # Two index-friendly parts: the open requests through the (sop_id, status) index, and
    # today's closed ones through the diterima_pada index. ``sop_id || ''`` keeps SQLite from
    # choosing the sop_id index for the second part, which would walk the services' history.
    columns = (Permohonan.status, Permohonan.diterima_pada, Permohonan.target_selesai)
    open_part = Permohonan.select(*columns).where(
        Permohonan.sop_id.in_(list(sop_ids)) & Permohonan.status.in_(ly.TERBUKA))
    today_part = Permohonan.select(*columns).where(
        (Permohonan.diterima_pada >= today) & Permohonan.status.not_in(ly.TERBUKA)
        & Permohonan.sop_id.concat("").in_(list(sop_ids)))
    rows = open_part.union_all(today_part).alias("t")
    counts = [count_if(ly.kondisi_kelompok(kelompok, now, rows.c))
              for kelompok in (ly.KELOMPOK_BARU, ly.KELOMPOK_PROSES, ly.KELOMPOK_TERLAMBAT,
                               ly.KELOMPOK_SIAP)]
    row = peewee.Select([rows], counts).bind(Permohonan._meta.database).tuples().get()
    return int(row[0]), int(row[1]), int(row[2]), int(row[3])


def ringkasan(seksi_id: str, now: dt.datetime | None = None) -> Ringkasan:
    """The overview numbers of a seksi: its services' four numbers and registered counters."""
    now = now or dt.datetime.now()
    sop_ids = [sop.id for sop in ly.layanan_seksi(seksi_id)]
    baru, proses, late, siap = hitung_layanan(sop_ids, now)
    others = tuple(Angka(c.label, int(c.count_fn(now)), c.open_key, c.penting)
                   for c in counters_for(seksi_id))
    return Ringkasan(seksi_id, bool(sop_ids), baru, proses, late, siap, others)


def split_open_key(open_key: str) -> tuple[str, str]:
    """("Section label", "argument") of an open key ("" when it has no argument)."""
    section, _, argument = open_key.partition("|")
    return section, argument


# --- the numbers of the personnel registers and the trackers -----------------------------


def _berkas_kepegawaian_terlambat(now: dt.datetime) -> int:
    from jogoroto_desktop.registers import kepegawaian

    return sum(entry.terlambat for entry in kepegawaian.pengingat(now.date()))


def _cuti_menunggu(_now: dt.datetime) -> int:
    from jogoroto_desktop.registers import kepegawaian
    from models import Cuti

    return Cuti.select().where(Cuti.status == kepegawaian.CUTI_DIAJUKAN).count()


def _disposisi_menunggu(seksi_id: str) -> Callable[[dt.datetime], int]:
    def count(_now: dt.datetime) -> int:
        from jogoroto_desktop.registers import disposisi

        return disposisi.jumlah_menunggu(seksi_id)

    return count


def _pelacakan_counter(sop_ids: tuple[str, ...], late: bool) -> Callable[[dt.datetime], int]:
    def count(now: dt.datetime) -> int:
        from jogoroto_desktop.registers import pelacakan

        running, overdue = pelacakan.ringkasan(sop_ids, now)
        return overdue if late else running

    return count


def _register_desk_counters() -> None:
    # Imported lazily by the counters: the trackers' module reads the catalog.
    from jogoroto_desktop.registers.pelacakan import SOP_PELACAKAN
    from jogoroto_desktop.sop.catalog import SEKSI

    for seksi in SEKSI:  # every desk has its inbox; its number comes first
        register_counter(seksi.id, "Disposisi menunggu", _disposisi_menunggu(seksi.id),
                         SECTION_DISPOSISI)
    register_counter("sekretariat", "Berkas kepegawaian terlambat", _berkas_kepegawaian_terlambat,
                     SECTION_PENJAGAAN, penting=True)
    register_counter("sekretariat", "Cuti menunggu keputusan", _cuti_menunggu, SECTION_CUTI)
    for seksi_id, sop_ids in SOP_PELACAKAN.items():
        section = SECTION_PELACAKAN[seksi_id]
        register_counter(seksi_id, "Pelacakan berjalan", _pelacakan_counter(sop_ids, False),
                         section)
        register_counter(seksi_id, "Pelacakan terlambat", _pelacakan_counter(sop_ids, True),
                         section, penting=True)


_register_desk_counters()
