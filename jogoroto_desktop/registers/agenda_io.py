"""Import and export of the Agenda Surat Masuk: Excel (.xlsx) and CSV files. No widgets.

An import is all or nothing: every row is checked first, and only a file without a single bad
row is written, in one transaction. The book's own nomor agenda are kept when the file has that
column (the year's counter moves past them); otherwise new numbers are issued. A letter whose
Status says "Dibatalkan" is imported voided, with the reason from the "Alasan Batal" column, so
an exported year re-imports as the same register.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jogoroto_desktop.validation import ValidationError

#: Canonical field -> the header names the office writes (compared case/space/punctuation-blind).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "nomor_agenda": ("No Agenda", "No. Agenda", "Nomor Agenda", "No", "No. Urut", "Nomor Urut"),
    "tanggal_diterima": ("Tanggal Diterima", "Tgl Terima", "Diterima", "Tanggal Terima",
                         "Tgl Diterima"),
    "dari": ("Dari", "Asal", "Asal Surat", "Pengirim"),
    "nomor_surat": ("Nomor Surat", "No Surat", "No. Surat"),
    "tanggal_surat": ("Tanggal Surat", "Tgl Surat"),
    "perihal": ("Perihal", "Hal", "Isi Ringkas"),
    "sifat": ("Sifat", "Sifat Surat"),
    "klasifikasi": ("Klasifikasi", "Kode", "Kode Klasifikasi"),
    "lampiran": ("Lampiran", "Lamp"),
    "status": ("Status",),
    "batal_alasan": ("Alasan Batal", "Alasan Pembatalan"),
}
#: How each field is named in messages and in an exported file.
COLUMN_TITLES: dict[str, str] = {
    "nomor_agenda": "No. Agenda",
    "tanggal_diterima": "Tanggal Diterima",
    "dari": "Dari",
    "nomor_surat": "Nomor Surat",
    "tanggal_surat": "Tanggal Surat",
    "perihal": "Perihal",
    "sifat": "Sifat",
    "klasifikasi": "Klasifikasi",
    "lampiran": "Lampiran",
    "status": "Status",
    "batal_alasan": "Alasan Batal",
}
REQUIRED_COLUMNS = ("tanggal_diterima", "dari", "nomor_surat", "tanggal_surat", "perihal")
ROW_KEY = "_baris"  # the row number as in the file, in every dict of read_agenda_file
EXPORT_WIDTHS = (11, 15, 38, 28, 14, 60, 14, 12, 16, 14, 40)
DATE_FORMAT = "dd/mm/yyyy"
DEFAULT_BATAL_ALASAN = "Dibatalkan menurut buku agenda yang diimpor"
_HEADER_SEARCH_ROWS = 10
_DELIMITERS = (",", ";", "\t")
_TEXT_DATE_TIME = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?")


class AgendaFileError(Exception):
    """The file cannot be read as an agenda (missing, corrupt, wrong type, no header).

    ``str(error)`` is the message for the user, in Indonesian.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _norm(text: object) -> str:
    return re.sub(r"[^0-9a-z]", "", str(text).casefold())


_ALIAS_TO_FIELD = {_norm(alias): name for name, aliases in COLUMN_ALIASES.items()
                   for alias in aliases}


# --- reading -----------------------------------------------------------------------------

@dataclass
class AgendaTable:
    """What was read from a file: the header found and the data rows (raw cell values)."""

    path: Path
    header_row: int  # row number of the header in the file
    columns: dict[str, str]  # canonical field -> the header as written in the file
    rows: list[dict[str, Any]]  # field -> raw value, plus ROW_KEY

    def column_label(self, name: str) -> str:
        return self.columns.get(name, COLUMN_TITLES.get(name, name))


def read_agenda_file(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The data rows of an agenda file (.xlsx or .csv), each a dict of canonical field names
    (see COLUMN_ALIASES) to raw cell values, plus ROW_KEY (the row number as in the file).

    Raises AgendaFileError with an Indonesian message for a missing, corrupt or unsuitable file.
    """
    return read_agenda_table(path).rows


def read_agenda_table(path: str | os.PathLike[str]) -> AgendaTable:
    """Like read_agenda_file, also telling which header was found for each column."""
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        hint = " Simpan ulang dari Excel sebagai .xlsx." if suffix in (".xls", ".ods") else ""
        raise AgendaFileError(f"Berkas {source.name} tidak didukung: pilih berkas Excel (.xlsx) "
                              f"atau CSV (.csv).{hint}")
    try:
        content = source.read_bytes()
    except FileNotFoundError:
        raise AgendaFileError(f"Berkas {source} tidak ditemukan.") from None
    except IsADirectoryError:
        raise AgendaFileError(f"{source} adalah folder, bukan berkas.") from None
    except OSError as exc:
        raise AgendaFileError(f"Berkas {source} tidak dapat dibaca "
                              f"({exc.strerror or exc}).") from None
    if not content.strip().removeprefix(b"\xef\xbb\xbf").strip():
        raise AgendaFileError(f"Berkas {source.name} kosong.")
    records = _xlsx_records(source, content) if suffix == ".xlsx" else _csv_records(source,
                                                                                   content)
    return _table_from_records(source, records)


def _xlsx_records(source: Path, content: bytes) -> list[tuple[int, list[Any]]]:
    import openpyxl

    if not content.startswith(b"PK"):
        raise AgendaFileError(f"Berkas {source.name} bukan berkas Excel .xlsx yang sah (isinya "
                              "bukan buku kerja Excel). Buka di Excel lalu simpan sebagai .xlsx.")
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors of every kind
        raise AgendaFileError(f"Berkas Excel {source.name} rusak dan tidak dapat dibaca "
                              f"({_short(exc)}).") from None
    try:
        if not book.worksheets:
            raise AgendaFileError(f"Berkas Excel {source.name} tidak berisi lembar kerja.")
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some programs write wrong dimensions; read what is there
        # Read-only sheets yield every row from 1 (empty ones too), so the index is the row.
        return [(number, list(values))
                for number, values in enumerate(sheet.iter_rows(values_only=True), 1)]
    except AgendaFileError:
        raise
    except Exception as exc:
        raise AgendaFileError(f"Berkas Excel {source.name} rusak dan tidak dapat dibaca "
                              f"({_short(exc)}).") from None
    finally:
        book.close()


def _csv_records(source: Path, content: bytes) -> list[tuple[int, list[Any]]]:
    if content.startswith(b"PK\x03\x04"):
        raise AgendaFileError(f"Berkas {source.name} adalah berkas Excel, bukan CSV: ganti "
                              "akhiran namanya menjadi .xlsx.")
    if b"\x00" in content:
        raise AgendaFileError(f"Berkas {source.name} bukan berkas CSV (berisi data biner).")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AgendaFileError(f"Berkas {source.name} bukan teks UTF-8. Di Excel, simpan dengan "
                              "jenis \u201cCSV UTF-8 (Comma delimited)\u201d.") from None
    best: list[tuple[int, list[Any]]] | None = None
    best_score = (-1, -1)
    for delimiter in _DELIMITERS:
        try:
            records = [(number, list(values)) for number, values
                       in enumerate(csv.reader(io.StringIO(text, newline=""),
                                               delimiter=delimiter), 1)]
        except csv.Error as exc:
            raise AgendaFileError(f"Berkas CSV {source.name} tidak dapat dibaca "
                                  f"({exc}).") from None
        head = records[:_HEADER_SEARCH_ROWS]
        matched = max((len(_match_header(values)) for _, values in head), default=0)
        width = max((len(values) for _, values in head), default=0)
        if (matched, width) > best_score:
            best, best_score = records, (matched, width)
    assert best is not None
    return best


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, zipfile.BadZipFile):
        text = "arsip zip rusak"
    return text if len(text) <= 120 else text[:117] + "..."


def _match_header(values: Sequence[Any]) -> dict[str, tuple[int, str]]:
    """Canonical field -> (column index, header text) for the cells that name a known column."""
    found: dict[str, tuple[int, str]] = {}
    for index, value in enumerate(values):
        if value is None:
            continue
        name = _ALIAS_TO_FIELD.get(_norm(value))
        if name and name not in found:
            found[name] = (index, " ".join(str(value).split()))
    return found


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table_from_records(source: Path, records: list[tuple[int, list[Any]]]) -> AgendaTable:
    candidates = [(number, values) for number, values in records
                  if not all(_is_blank(v) for v in values)][:_HEADER_SEARCH_ROWS]
    if not candidates:
        raise AgendaFileError(f"Berkas {source.name} tidak berisi data.")
    header_row, header_values = max(candidates, key=lambda item: len(_match_header(item[1])))
    matched = _match_header(header_values)
    if len(matched) < 2:
        header_row, header_values = candidates[0]
    _check_duplicate_columns(source, header_values)
    missing = [COLUMN_TITLES[name] for name in REQUIRED_COLUMNS if name not in matched]
    if missing:
        written = ", ".join(f"\u201c{' '.join(str(v).split())}\u201d" for v in header_values
                            if not _is_blank(v)) or "(kosong)"
        raise AgendaFileError(
            f"Kolom wajib tidak ditemukan di berkas {source.name}: {', '.join(missing)}. "
            f"Baris judul (baris {header_row}) berisi: {written}.")
    rows = []
    for number, values in records:
        if number <= header_row:
            continue
        row = {name: values[index] if index < len(values) else None
               for name, (index, _) in matched.items()}
        if all(_is_blank(v) for v in row.values()):
            continue
        row[ROW_KEY] = number
        rows.append(row)
    columns = {name: text for name, (_, text) in matched.items()}
    return AgendaTable(path=source, header_row=header_row, columns=columns, rows=rows)


def _check_duplicate_columns(source: Path, header_values: Sequence[Any]) -> None:
    seen: dict[str, str] = {}
    for value in header_values:
        if value is None:
            continue
        name = _ALIAS_TO_FIELD.get(_norm(value))
        text = " ".join(str(value).split())
        if name in seen:
            raise AgendaFileError(
                f"Berkas {source.name} punya dua kolom untuk {COLUMN_TITLES[name]} "
                f"(\u201c{seen[name]}\u201d dan \u201c{text}\u201d); hapus salah satunya.")
        if name:
            seen[name] = text


# --- cell values -------------------------------------------------------------------------

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _date(value: Any) -> dt.date | str | None:
    """A date cell as a date (Excel date or serial number) or as text for parse_tanggal."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2_958_466:  # an Excel serial day number without a date format
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        return str(value)
    text = str(value).strip()
    match = _TEXT_DATE_TIME.fullmatch(text)
    return match.group(1) if match else text


def _klasifikasi(value: Any) -> str:
    """Excel drops the leading zeros of a code typed as a number (005 -> 5): put them back."""
    text = _text(value).strip()
    return text.zfill(3) if text.isdigit() and len(text) < 3 else text


def _nomor_agenda(value: Any, year: int | None) -> tuple[int | None, str | None]:
    """(number, None), (None, None) for an empty cell, or (None, problem)."""
    if _is_blank(value):
        return None, None
    if isinstance(value, bool):
        return None, f"\u201c{value}\u201d bukan nomor agenda"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        number, written_year = value, None
    else:
        text = str(value).strip()
        match = re.fullmatch(r"([0-9]{1,9})(?:\s*/\s*([0-9]{4}))?", text)
        if not match:
            return None, f"nomor agenda \u201c{text}\u201d bukan bilangan bulat"
        number = int(match.group(1))
        written_year = int(match.group(2)) if match.group(2) else None
    if number < 1:
        return None, f"nomor agenda {number} harus 1 atau lebih"
    if number > 999_999_999:
        return None, f"nomor agenda {number} terlalu besar"
    if written_year is not None and year is not None and written_year != year:
        return None, (f"nomor agenda {value} tidak cocok dengan tahun tanggal diterima "
                      f"({year})")
    return number, None


# --- import ------------------------------------------------------------------------------

@dataclass
class ImportReport:
    """The outcome of import_agenda. Nothing was written unless ``created`` is non-empty."""

    path: Path
    dry_run: bool = False
    rows_read: int = 0
    rows_valid: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row in the file, message)
    created: list[str] = field(default_factory=list)  # nomor agenda issued, e.g. "12/2026"

    @property
    def ok(self) -> bool:
        """True when every row is valid (and, unless a dry run, all were written)."""
        return not self.problems

    @property
    def bad_rows(self) -> list[int]:
        return sorted({row for row, _ in self.problems})

    def problem_lines(self) -> list[str]:
        return [f"Baris {row}, {message}" for row, message in self.problems]

    def lines(self) -> list[str]:
        """The summary for the user (problems are in problem_lines)."""
        lines = [f"Berkas: {self.path}", f"Baris dibaca: {self.rows_read}",
                 f"Baris sah: {self.rows_valid}"]
        if self.problems:
            lines.append(f"Tidak ada yang diimpor: {len(self.bad_rows)} baris bermasalah "
                         f"({len(self.problems)} masalah). Perbaiki berkasnya lalu ulangi.")
        elif self.dry_run:
            lines.append(f"Uji coba: semua {self.rows_valid} baris sah dan siap diimpor; "
                         "tidak ada yang ditulis.")
        else:
            lines.append(f"Diimpor {len(self.created)} surat masuk, nomor agenda: "
                         f"{describe_numbers(self.created)}.")
        return lines


def describe_numbers(numbers: Iterable[str]) -> str:
    """ "1/2026 s.d. 120/2026, 3/2025" for a list of "N/YYYY" numbers (runs joined)."""
    by_year: dict[int, list[int]] = {}
    for item in numbers:
        nomor, tahun = item.split("/")
        by_year.setdefault(int(tahun), []).append(int(nomor))
    parts = []
    for tahun in sorted(by_year):
        values = sorted(by_year[tahun])
        start = previous = values[0]
        for value in [*values[1:], None]:
            if value is not None and value == previous + 1:
                previous = value
                continue
            parts.append(f"{start}/{tahun}" if start == previous
                         else f"{start}/{tahun} s.d. {previous}/{tahun}")
            if value is not None:
                start = previous = value
    return ", ".join(parts) or "-"


@dataclass
class _Row:
    number: int  # row in the file
    data: Any  # SuratMasukInput
    tahun: int | None
    nomor: int | None
    batal_alasan: str | None  # not None: import voided


class _Abort(Exception):
    def __init__(self, row: int, problems: dict[str, str]) -> None:
        super().__init__(row)
        self.row = row
        self.problems = problems


def import_agenda(path: str | os.PathLike[str], dry_run: bool = False,
                  oleh: str | None = "Impor") -> ImportReport:
    """Check every row of an agenda file, then write all of them in one transaction, or none.

    Raises AgendaFileError when the file itself cannot be read; bad rows are in the report.
    Needs an open database (models.open_database), also for a dry run.
    """
    from jogoroto_desktop import session
    from jogoroto_desktop.registers.surat import DIBATALKAN
    from jogoroto_desktop.registers.surat_masuk import (
        SuratMasukInput,
        register_surat_masuk,
        validate_surat_masuk,
        void_surat_masuk,
    )
    from models import SuratMasuk, db

    if not dry_run:  # checking a file is harmless; writing it issues agenda numbers
        session.require("agenda.nomor")
    table = read_agenda_table(path)
    report = ImportReport(path=table.path, dry_run=dry_run, rows_read=len(table.rows))
    if not table.rows:
        raise AgendaFileError(f"Berkas {table.path.name} tidak berisi baris data di bawah baris "
                              f"judul (baris {table.header_row}).")
    today = dt.date.today()
    checked: list[_Row] = []
    seen: dict[tuple[int, int], int] = {}
    for raw in table.rows:
        row_problems: dict[str, str] = {}
        data = SuratMasukInput(
            dari=_text(raw.get("dari")), nomor_surat=_text(raw.get("nomor_surat")),
            tanggal_surat=_date(raw.get("tanggal_surat")), perihal=_text(raw.get("perihal")),
            sifat=_text(raw.get("sifat")) or "biasa",
            klasifikasi=_klasifikasi(raw.get("klasifikasi")),
            lampiran=_text(raw.get("lampiran")),
            tanggal_diterima=_date(raw.get("tanggal_diterima")) or "",
        )
        tahun = None
        if _is_blank(raw.get("tanggal_diterima")):  # validation alone would take today
            row_problems["tanggal_diterima"] = "Tanggal diterima wajib diisi."
        try:
            tahun = validate_surat_masuk(data, today=today)["tanggal_diterima"].year
        except ValidationError as exc:
            row_problems.update(exc.problems)
            if "tanggal_diterima" not in exc.problems:
                tahun = _date_year(data.tanggal_diterima)
        if "tanggal_diterima" in row_problems:
            tahun = None
        nomor, problem = _nomor_agenda(raw.get("nomor_agenda"), tahun)
        if problem:
            row_problems["nomor_agenda"] = problem[0].upper() + problem[1:] + "."
        elif nomor is not None and tahun is not None:
            first = seen.setdefault((tahun, nomor), raw[ROW_KEY])
            if first != raw[ROW_KEY]:
                row_problems["nomor_agenda"] = (f"Nomor agenda {nomor}/{tahun} sudah dipakai "
                                                f"baris {first} di berkas ini.")
        batal = _batal_alasan(raw, row_problems, DIBATALKAN)
        for name, message in row_problems.items():
            report.problems.append((raw[ROW_KEY], _column_message(table, name, message)))
        if not row_problems:
            checked.append(_Row(raw[ROW_KEY], data, tahun, nomor, batal))
    _check_numbers_free(table, checked, report, SuratMasuk)
    report.problems.sort(key=lambda item: item[0])
    report.rows_valid = report.rows_read - len(report.bad_rows)
    if report.problems or dry_run:
        return report

    now = dt.datetime.now()
    issued: dict[int, str] = {}
    # Rows with a book number first, so the counter is past them before new numbers are issued.
    ordered = [r for r in checked if r.nomor is not None] + [r for r in checked if r.nomor is None]
    try:
        with db.atomic():
            for row in ordered:
                try:
                    surat = register_surat_masuk(row.data, oleh=oleh, nomor_agenda=row.nomor,
                                                 now=now)
                    if row.batal_alasan is not None:
                        void_surat_masuk(surat, row.batal_alasan, now=now)
                except ValidationError as exc:  # e.g. another PC took the number meanwhile
                    raise _Abort(row.number, exc.problems) from None
                issued[row.number] = f"{surat.nomor_agenda}/{surat.tahun}"
    except _Abort as abort:
        report.problems = [(abort.row, _column_message(table, name, message))
                           for name, message in abort.problems.items()]
        report.rows_valid = report.rows_read - 1
        return report
    report.created = [issued[r.number] for r in checked]
    return report


def _date_year(value: Any) -> int | None:
    if isinstance(value, dt.date):
        return value.year
    from jogoroto_desktop.validation import parse_tanggal

    try:
        return parse_tanggal(str(value)).year
    except ValueError:
        return None


def _batal_alasan(raw: dict[str, Any], problems: dict[str, str], dibatalkan: str) -> str | None:
    status = _norm(_text(raw.get("status")))
    if not status.startswith(_norm(dibatalkan)):
        return None
    reason = " ".join(_text(raw.get("batal_alasan")).split()) or DEFAULT_BATAL_ALASAN
    if len(reason) > 500:
        problems["batal_alasan"] = (f"Alasan pembatalan terlalu panjang ({len(reason)} karakter, "
                                    "paling banyak 500).")
    return reason


def _column_message(table: AgendaTable, name: str, message: str) -> str:
    if name in table.columns or name in COLUMN_TITLES:
        return f"kolom \u201c{table.column_label(name)}\u201d: {message}"
    return message


def _check_numbers_free(table: AgendaTable, rows: list[_Row], report: ImportReport,
                        model: Any) -> None:
    """Flag rows whose book number is already in the database."""
    wanted: dict[int, dict[int, int]] = {}
    for row in rows:
        if row.nomor is not None and row.tahun is not None:
            wanted.setdefault(row.tahun, {})[row.nomor] = row.number
    for tahun, numbers in wanted.items():
        values = sorted(numbers)
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            query = (model.select(model.nomor_agenda)
                     .where((model.tahun == tahun) & model.nomor_agenda.in_(chunk)))
            for (used,) in query.tuples():
                message = f"Nomor agenda {used}/{tahun} sudah dipakai surat lain di basis data."
                report.problems.append((numbers[used], _column_message(table, "nomor_agenda",
                                                                       message)))


# --- export ------------------------------------------------------------------------------

def export_agenda(year: int, path: str | os.PathLike[str]) -> int:
    """Write the Agenda Surat Masuk of `year` to an .xlsx file; returns the number of letters.

    The file is written next to its destination first and then moved into place, so a failed
    export never leaves half a file. Needs an open database.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from jogoroto_desktop.registers.surat import DIBATALKAN, SIFAT_LABELS
    from jogoroto_desktop.registers.surat_masuk import MASUK_STATUS_LABELS
    from models import SuratMasuk

    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise AgendaFileError(f"Nama berkas ekspor {target.name} harus berakhiran .xlsx.")
    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"Agenda Surat Masuk {year}")
    for index, width in enumerate(EXPORT_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True

    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    void_font = Font(color="B00020", bold=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    header = []
    for title in COLUMN_TITLES.values():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font, cell.fill = bold, header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        header.append(cell)
    sheet.append(header)

    def date_cell(day: dt.date) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=day)
        cell.number_format = DATE_FORMAT
        return cell

    count = 0
    query = (SuratMasuk.select().where(SuratMasuk.tahun == int(year))
             .order_by(SuratMasuk.nomor_agenda))
    for surat in query.iterator():
        perihal = WriteOnlyCell(sheet, value=surat.perihal)
        perihal.alignment = wrap
        status = WriteOnlyCell(sheet, value=MASUK_STATUS_LABELS.get(surat.status, surat.status))
        if surat.status == DIBATALKAN:
            status.font = void_font
        sheet.append([
            surat.nomor_agenda, date_cell(surat.tanggal_diterima), surat.dari, surat.nomor_surat,
            date_cell(surat.tanggal_surat), perihal, SIFAT_LABELS.get(surat.sifat, surat.sifat),
            surat.klasifikasi, surat.lampiran, status, surat.batal_alasan or "",
        ])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMN_TITLES))}{count + 1}"
    _save_atomically(book, target)
    return count


def _save_atomically(book: Any, target: Path) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        book.save(temporary)
        os.replace(temporary, target)
    except OSError as exc:
        raise AgendaFileError(f"Berkas {target} tidak dapat ditulis "
                              f"({exc.strerror or exc}).") from None
    finally:
        temporary.unlink(missing_ok=True)
