"""What the Camat's and the Sekcam's charts (the "Grafik" page) draw, as plain data: requests
per month, the share of requests made ready within the standard per service and per seksi per
month, the slowest SOP steps against their Mutu Baku, and the IKM per element and per month.

Every figure is one GROUP BY (or the monitoring's window query over all SOPs) on the database;
the widgets only draw. No widgets, no printing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from jogoroto_desktop.monitoring import (
    DURASI,
    Periode,
    format_persen,
    format_waktu,
    periode,
    standard_of,
    step_rows,
)
from jogoroto_desktop.registers import ikm
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.sop.catalog import SEKSI, default_catalog
from models import Permohonan, db

SLOWEST = 8  # steps shown in the "slowest steps" chart


@dataclass(frozen=True)
class Bulan:
    tahun: int
    bulan: int

    @property
    def label(self) -> str:
        from jogoroto_desktop.dates import MONTHS

        return f"{MONTHS[self.bulan - 1][:3]} {self.tahun}"


@dataclass(frozen=True)
class Deret:
    """One line of a chart: a name and one value per month (None: nothing to show), and how
    many records the values stand on."""

    nama: str
    nilai: tuple[float | None, ...]
    jumlah: int = 0


@dataclass(frozen=True)
class LangkahLambat:
    sop_nama: str
    no: int
    kegiatan: str
    median_detik: float
    standar_detik: float
    persen_tepat: float | None

    @property
    def rasio(self) -> float:
        """The median as a multiple of the standard."""
        return self.median_detik / self.standar_detik

    @property
    def label(self) -> str:
        return f"{self.sop_nama}, langkah {self.no}"

    @property
    def keterangan(self) -> str:
        return (f"median {format_waktu(self.median_detik)} (standar "
                f"{format_waktu(self.standar_detik)}), tepat waktu "
                f"{format_persen(self.persen_tepat)}")


@dataclass(frozen=True)
class DataGrafik:
    periode: Periode
    bulan: tuple[Bulan, ...]
    permohonan: tuple[int, ...]  # registered per month
    tepat_layanan: tuple[Deret, ...]  # % made ready within the standard, per service
    tepat_seksi: tuple[Deret, ...]
    lambat: tuple[LangkahLambat, ...]
    ikm_unsur: tuple[tuple[str, str, float], ...]  # (kode, nama, average 1-4)
    ikm_bulan: tuple[float | None, ...]  # IKM per month
    ikm: float | None
    ikm_mutu: str


def _month(column: peewee.Field) -> peewee.Node:
    """``YYYY-MM`` of a timestamp column in the open database's dialect."""
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        return peewee.fn.to_char(column, "YYYY-MM")
    return peewee.fn.strftime("%Y-%m", column)


def months_of(period: Periode) -> tuple[Bulan, ...]:
    months = []
    year, month = period.dari.year, period.dari.month
    while (year, month) <= (period.sampai.year, period.sampai.month):
        months.append(Bulan(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _key(text: str) -> Bulan:
    year, month = (int(part) for part in str(text).split("-"))
    return Bulan(year, month)


def permohonan_per_bulan(period: Periode) -> dict[Bulan, int]:
    month = _month(Permohonan.diterima_pada)
    rows = (Permohonan.select(month, peewee.fn.COUNT(Permohonan.id))
            .where((Permohonan.diterima_pada >= period.mulai)
                   & (Permohonan.diterima_pada < period.akhir))
            .group_by(month).tuples())
    return {_key(key): int(n) for key, n in rows}


def selesai_per_bulan(period: Periode) -> dict[tuple[str, Bulan], tuple[int, int]]:
    """(service, month) -> (made ready, within the standard) of the requests made ready."""
    month = _month(Permohonan.selesai_pada)
    on_time = peewee.fn.SUM(peewee.Case(None, [(
        Permohonan.target_selesai.is_null() | (Permohonan.selesai_pada
                                               <= Permohonan.target_selesai), 1)], 0))
    rows = (Permohonan.select(Permohonan.sop_id, month, peewee.fn.COUNT(Permohonan.id), on_time)
            .where((Permohonan.selesai_pada >= period.mulai)
                   & (Permohonan.selesai_pada < period.akhir)
                   & (Permohonan.status != registers.DIBATALKAN))
            .group_by(Permohonan.sop_id, month).tuples())
    return {(sop_id, _key(key)): (int(n), int(ok or 0)) for sop_id, key, n, ok in rows}


def _share(parts: list[tuple[int, int]]) -> float | None:
    done = sum(n for n, _ok in parts)
    return 100.0 * sum(ok for _n, ok in parts) / done if done else None


def langkah_terlambat(period: Periode, limit: int = SLOWEST) -> tuple[LangkahLambat, ...]:
    """The SOP steps whose median time is furthest over their Mutu Baku (duration standards
    only; at least one measured run), slowest first."""
    catalog = default_catalog()
    standards = {}
    for sop in catalog.sops:
        for step in sop.steps:
            kind, seconds, _deadline = standard_of(step)
            if kind == DURASI and seconds:
                standards[(sop.id, step.no)] = seconds
    found = []
    for (sop_id, no), row in step_rows(period, standards).items():
        seconds = standards.get((sop_id, no))
        measured, median, on_time = row[3], row[5], row[6]
        if seconds is None or not measured or median is None:
            continue
        sop = catalog.get(sop_id)
        found.append(LangkahLambat(sop.name if sop else sop_id, no,
                                   sop.step(no).kegiatan if sop else "", float(median),
                                   seconds, 100.0 * int(on_time or 0) / int(measured)))
    found.sort(key=lambda s: (-s.rasio, s.sop_nama, s.no))
    return tuple(found[:limit])


def data_grafik(dari: dt.date | str | None, sampai: dt.date | str | None) -> DataGrafik:
    """Everything the Grafik page draws for the period (a handful of queries)."""
    period = periode(dari, sampai)
    months = months_of(period)
    per_month = permohonan_per_bulan(period)
    ready = selesai_per_bulan(period)
    services = [sop for sop in ly.layanan_sops()
                if any((sop.id, m) in ready for m in months)]
    tepat_layanan = tuple(
        Deret(sop.name, tuple(_share([ready[(sop.id, m)]] if (sop.id, m) in ready else [])
                              for m in months),
              sum(ready[(sop.id, m)][0] for m in months if (sop.id, m) in ready))
        for sop in services)
    tepat_seksi = []
    for seksi in SEKSI:
        ids = [sop.id for sop in services if sop.seksi == seksi.id]
        if ids:
            tepat_seksi.append(Deret(seksi.name, tuple(
                _share([ready[(i, m)] for i in ids if (i, m) in ready]) for m in months)))
    rekap = ikm.rekap_ikm(period.dari, period.sampai)
    ikm_months = {Bulan(b.tahun, b.bulan): b.ikm
                  for b in ikm.ikm_per_bulan(period.dari, period.sampai)}
    return DataGrafik(
        period, months, tuple(per_month.get(m, 0) for m in months), tepat_layanan,
        tuple(tepat_seksi), langkah_terlambat(period),
        tuple((u.kode, u.nama, u.rata_rata) for u in rekap.unsur) if rekap.responden else (),
        tuple(ikm_months.get(m) for m in months), rekap.ikm, rekap.mutu)
