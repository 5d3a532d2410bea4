"""Recap of the citizens' services for a day or a month: per service and per seksi.

The requests of a period are those registered in it. For each service the recap counts them
and splits them by where they stand (dalam proses, siap diambil, diambil, ditolak, dibatalkan:
the five add up to "Masuk"), counts the late ones (made ready after their target, or still
with the office past it), and gives the average and the longest processing time (registration
until ready) of those made ready, beside the service's time standard. Voided requests count
only as dibatalkan.

The numbers come from one GROUP BY query over the period's rows (the diterima_pada index);
seksi rows and the total are summed from the service rows. Exports: Excel (openpyxl) and CSV
here; the printable PDF (``printing.rekap``) through ``documents.ekspor_rekap``, which picks the
format. No widgets, no printing.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import peewee

from jogoroto_desktop.dates import MONTHS, format_tanggal, format_waktu_tanggal
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.sop.catalog import SEKSI
from models import Permohonan, db

HARI = "hari"
BULAN = "bulan"

#: Column headers of the exports, in order.
HEADERS: tuple[str, ...] = (
    "Layanan", "Seksi", "Masuk", "Dalam proses", "Siap diambil", "Diambil", "Ditolak",
    "Dibatalkan", "Terlambat", "Standar waktu", "Rata-rata waktu proses",
    "Waktu proses terlama",
)
# Indonesian Windows uses ";" as its list separator (its decimal sign is ","), so Excel there
# splits a ";"-separated CSV into columns when the file is opened with a double click; with
# "," everything would land in column A. The BOM tells Excel the file is UTF-8.
CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"


class RekapError(ValueError):
    """A period or an output file that cannot be used; the message is for people."""


@dataclass(frozen=True)
class Periode:
    jenis: str  # HARI or BULAN
    mulai: dt.datetime
    akhir: dt.datetime  # exclusive

    @property
    def label(self) -> str:
        if self.jenis == HARI:
            return format_tanggal(self.mulai.date(), with_weekday=True)
        return f"{MONTHS[self.mulai.month - 1]} {self.mulai.year}"

    @property
    def judul(self) -> str:
        kind = "Harian" if self.jenis == HARI else "Bulanan"
        return f"Rekapitulasi {kind} Pelayanan: {self.label}"


def periode_hari(day: dt.date) -> Periode:
    start = dt.datetime.combine(day, dt.time())
    return Periode(HARI, start, start + dt.timedelta(days=1))


def periode_bulan(year: int, month: int) -> Periode:
    if not 1 <= month <= 12:
        raise RekapError(f"Bulan {month} tidak ada; tulis 1 sampai 12.")
    start = dt.datetime(year, month, 1)
    days = calendar.monthrange(year, month)[1]
    return Periode(BULAN, start, start + dt.timedelta(days=days))


def parse_periode(day: str | None = None, month: str | None = None) -> Periode:
    """A period from ``--day YYYY-MM-DD`` or ``--month YYYY-MM`` (exactly one of them)."""
    if bool(day) == bool(month):
        raise RekapError("Pilih satu periode: --day YYYY-MM-DD atau --month YYYY-MM.")
    if month:
        match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", month)
        if not match:
            raise RekapError(f"\u201c{month}\u201d bukan bulan; tulis misalnya 2026-03.")
        return periode_bulan(int(match.group(1)), int(match.group(2)))
    try:
        return periode_hari(dt.date.fromisoformat(str(day).strip()))
    except ValueError:
        raise RekapError(f"\u201c{day}\u201d bukan tanggal; tulis misalnya 2026-03-10.") from None


@dataclass(frozen=True)
class BarisRekap:
    """One row of the recap: a service, a seksi, or the total."""

    nama: str
    seksi: str
    masuk: int = 0
    dalam_proses: int = 0
    siap: int = 0
    diambil: int = 0
    ditolak: int = 0
    dibatalkan: int = 0
    terlambat: int = 0
    selesai: int = 0  # made ready (the average is over these)
    total_detik: float = 0.0
    terlama_detik: float | None = None
    standar: dt.timedelta | None = None

    @property
    def rata_rata(self) -> dt.timedelta | None:
        return dt.timedelta(seconds=self.total_detik / self.selesai) if self.selesai else None

    @property
    def terlama(self) -> dt.timedelta | None:
        return None if self.terlama_detik is None else dt.timedelta(seconds=self.terlama_detik)

    def __add__(self, other: BarisRekap) -> BarisRekap:
        longest = [v for v in (self.terlama_detik, other.terlama_detik) if v is not None]
        return replace(
            self, masuk=self.masuk + other.masuk,
            dalam_proses=self.dalam_proses + other.dalam_proses, siap=self.siap + other.siap,
            diambil=self.diambil + other.diambil, ditolak=self.ditolak + other.ditolak,
            dibatalkan=self.dibatalkan + other.dibatalkan,
            terlambat=self.terlambat + other.terlambat, selesai=self.selesai + other.selesai,
            total_detik=self.total_detik + other.total_detik,
            terlama_detik=max(longest) if longest else None,
        )


@dataclass(frozen=True)
class Rekap:
    periode: Periode
    dibuat_pada: dt.datetime
    layanan: tuple[BarisRekap, ...]
    seksi: tuple[BarisRekap, ...]
    total: BarisRekap
    keterangan: tuple[str, ...] = field(default_factory=tuple)


def _seconds_between(start: peewee.Field, end: peewee.Field) -> peewee.Node:
    """``end - start`` in seconds, in the dialect of the open database."""
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        return peewee.fn.EXTRACT(peewee.NodeList((peewee.SQL("EPOCH FROM"), end - start)))
    return (peewee.fn.julianday(end) - peewee.fn.julianday(start)) * 86400.0


def buat_rekap(periode: Periode, now: dt.datetime | None = None) -> Rekap:
    """The recap of ``periode``: every service (also those without requests), every seksi
    with services, and the total."""
    now = now or dt.datetime.now().replace(microsecond=0)
    status = Permohonan.status

    def count_if(condition: peewee.Expression) -> peewee.Node:
        return peewee.fn.SUM(peewee.Case(None, [(condition, 1)], 0))

    voided = status == ly.DIBATALKAN
    late = (~voided) & (
        ((Permohonan.selesai_pada.is_null(False))
         & (Permohonan.selesai_pada > Permohonan.target_selesai))
        | (status.in_(ly.DIPROSES_KANTOR) & (Permohonan.target_selesai < now)))
    made_ready = (~voided) & Permohonan.selesai_pada.is_null(False)
    duration = peewee.Case(None, [(made_ready, _seconds_between(Permohonan.diterima_pada,
                                                                Permohonan.selesai_pada))],
                           None)
    query = (Permohonan
             .select(Permohonan.sop_id, peewee.fn.COUNT(Permohonan.id),
                     count_if(status.in_(ly.DALAM_PROSES)), count_if(status.in_(ly.SIAP)),
                     count_if(status == ly.DIAMBIL), count_if(status == ly.DITOLAK),
                     count_if(voided), count_if(late), count_if(made_ready),
                     peewee.fn.SUM(duration), peewee.fn.MAX(duration))
             .where((Permohonan.diterima_pada >= periode.mulai)
                    & (Permohonan.diterima_pada < periode.akhir))
             .group_by(Permohonan.sop_id)
             .tuples())
    found = {row[0]: row[1:] for row in query}
    services: list[BarisRekap] = []
    by_seksi: dict[str, BarisRekap] = {}
    for sop in ly.layanan_sops():
        values = found.pop(sop.id, None)
        row = BarisRekap(sop.name, sop.seksi_name, standar=ly.standar_waktu(sop))
        if values is not None:
            (masuk, proses, siap, diambil, ditolak, batal, terlambat, selesai, total,
             longest) = values
            row = replace(row, masuk=int(masuk), dalam_proses=int(proses or 0),
                          siap=int(siap or 0), diambil=int(diambil or 0),
                          ditolak=int(ditolak or 0), dibatalkan=int(batal or 0),
                          terlambat=int(terlambat or 0), selesai=int(selesai or 0),
                          # julianday() arithmetic is floating point: whole seconds
                          total_detik=float(round(total or 0.0)),
                          terlama_detik=None if longest is None else float(round(longest)))
        services.append(row)
        empty = BarisRekap(f"Seksi {sop.seksi_name}" if sop.seksi != "sekretariat"
                           else "Sekretariat", "")
        by_seksi[sop.seksi] = by_seksi.get(sop.seksi, empty) + row
    seksi_rows = tuple(by_seksi[s.id] for s in SEKSI if s.id in by_seksi)
    total = BarisRekap("Jumlah", "")
    for row in seksi_rows:
        total = total + row
    notes = ["Masuk = dalam proses + siap diambil + diambil + ditolak + dibatalkan.",
             "Waktu proses: dari pendaftaran sampai hasil siap diambil; terlambat: siap "
             "sesudah target standar waktu, atau masih diproses melewati target.",
             "Standar waktu: jumlah waktu langkah-langkah SOP; \u201c-\u201d bila SOP belum "
             "mencantumkannya (SOP belum dirinci atau kolom waktu tidak terbaca)."]
    if found:  # requests of services no longer in the catalog: never dropped silently
        notes.append("Permohonan layanan yang tidak ada lagi di katalog: "
                     + ", ".join(f"{k} ({v[0]})" for k, v in sorted(found.items())))
    return Rekap(periode, now, tuple(services), seksi_rows, total, tuple(notes))


# --- exports -----------------------------------------------------------------------------

def format_jam(delta: dt.timedelta | None) -> str:
    """A duration as hours:minutes ("26:05"), the way a spreadsheet shows [h]:mm."""
    if delta is None:
        return "-"
    minutes = round(delta.total_seconds() / 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def baris_teks(row: BarisRekap) -> list[str | int]:
    """A row as the CSV and the PDF write it (durations as text)."""
    return [row.nama, row.seksi, row.masuk, row.dalam_proses, row.siap, row.diambil,
            row.ditolak, row.dibatalkan, row.terlambat, ly.format_durasi(row.standar),
            ly.format_durasi(row.rata_rata), ly.format_durasi(row.terlama)]


def tulis_csv(rekap: Rekap, path: str | Path) -> None:
    """CSV in UTF-8 with BOM and ";" (see CSV_DELIMITER): services, then seksi and total."""
    with Path(path).open("w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle, delimiter=CSV_DELIMITER)
        writer.writerow([rekap.periode.judul])
        writer.writerow(HEADERS)
        for row in rekap.layanan:
            writer.writerow(baris_teks(row))
        for row in (*rekap.seksi, rekap.total):
            writer.writerow(baris_teks(row))


def tulis_excel(rekap: Rekap, path: str | Path, kantor: str = "Kecamatan Jogoroto") -> None:
    """An .xlsx with a title row, bold headers, widths that fit, durations as [h]:mm."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Rekap"
    sheet.append([f"{rekap.periode.judul} \u2014 {kantor}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"Dibuat {format_waktu_tanggal(rekap.dibuat_pada)}"])
    sheet["A2"].font = Font(italic=True, color="555555")
    sheet.append([])
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="DDDDDD")

    def table(title: str, rows: tuple[BarisRekap, ...], bold_last: bool) -> None:
        sheet.append([title])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        sheet.append(list(HEADERS))
        header_row = sheet.max_row
        for cell in sheet[header_row]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for index, row in enumerate(rows):
            sheet.append([row.nama, row.seksi, row.masuk, row.dalam_proses, row.siap,
                          row.diambil, row.ditolak, row.dibatalkan, row.terlambat,
                          row.standar, row.rata_rata, row.terlama])
            for cell in sheet[sheet.max_row]:
                cell.border = border
                if cell.column >= 10:
                    cell.number_format = "[h]:mm"
                    cell.alignment = Alignment(horizontal="right")
                if bold_last and index == len(rows) - 1:
                    cell.font = Font(bold=True)
        sheet.append([])

    table("Per layanan", rekap.layanan, bold_last=False)
    table("Per seksi", (*rekap.seksi, rekap.total), bold_last=True)
    for note in rekap.keterangan:
        sheet.append([note])
        sheet.cell(sheet.max_row, 1).font = Font(italic=True, color="555555")
    widths = [max(len(r.nama) for r in rekap.layanan) + 2, 34, *([9] * 7), 12, 14, 14]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "C5"
    sheet.print_options.gridLines = False
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    book.save(path)


