"""Item models of the Agenda Surat Masuk page.

`SuratMasukTableModel` reads the register lazily: one COUNT per filter, then pages of
`PAGE_SIZE` rows fetched with LIMIT/OFFSET when the view asks for a row that is not loaded, so
the page opens quickly with hundreds of thousands of letters. Only the shown columns are read,
as plain tuples.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import peewee
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from jogoroto_desktop.correspondence import (
    DIBATALKAN,
    MASUK_STATUS_LABELS,
    SIFAT,
    SIFAT_LABELS,
    AgendaFilter,
    disposisi_chain,
    disposisi_targets,
    query_surat_masuk,
)
from jogoroto_desktop.dates import format_tanggal
from models import SuratMasuk
from ui.item_models import HeaderTableModel, ListTableModel, ModelIndex, format_waktu
from ui.progress_model import MUTED, URGENT

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_TOP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

# Order used when sorting by sifat (most urgent first) and by status (the SOP's order).
_SIFAT_RANK = {value: rank for rank, value in enumerate(SIFAT)}
_STATUS_RANK = {value: rank for rank, value in enumerate(MASUK_STATUS_LABELS)}


def format_agenda(nomor: int, tahun: int) -> str:
    """The nomor agenda as the office writes it: ``12/2026``."""
    return f"{nomor}/{tahun}"


def format_count(count: int) -> str:
    """A count with the Indonesian thousands separator: ``1.234``."""
    return f"{count:,}".replace(",", ".")


def _rank(field: peewee.Field, ranks: dict[str, int]) -> peewee.Node:
    return peewee.Case(field, list(ranks.items()), len(ranks))


class SuratMasukTableModel(HeaderTableModel):
    """The Agenda Surat Masuk, read page by page. Emits `total_changed(count)` after every
    COUNT (a new filter or a refresh)."""

    (COL_AGENDA, COL_DITERIMA, COL_DARI, COL_NOMOR, COL_TGL_SURAT, COL_PERIHAL, COL_SIFAT,
     COL_STATUS) = range(8)
    HEADERS = ("No. Agenda", "Diterima", "Dari", "No. Surat", "Tgl. Surat", "Perihal", "Sifat",
               "Status")
    PAGE_SIZE = 200
    MAX_PAGES = 64  # pages kept in memory (least recently used ones are dropped)

    # Positions inside a fetched tuple.
    _ID, _TAHUN, _NOMOR_AGENDA, _DITERIMA, _DARI, _NOMOR, _TGL_SURAT, _PERIHAL, _SIFAT, \
        _STATUS = range(10)
    _FIELDS = (SuratMasuk.id, SuratMasuk.tahun, SuratMasuk.nomor_agenda,
               SuratMasuk.tanggal_diterima, SuratMasuk.dari, SuratMasuk.nomor_surat,
               SuratMasuk.tanggal_surat, SuratMasuk.perihal, SuratMasuk.sifat, SuratMasuk.status)

    total_changed = Signal(int)

    def __init__(self, filters: AgendaFilter | None = None, parent: Any = None,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._filter = filters or AgendaFilter()
        self._page_size = max(1, page_size)
        self._sort_column = self.COL_AGENDA
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._total = 0
        #: How many COUNT and page queries ran (to check that loading stays lazy).
        self.count_queries = 0
        self.page_queries = 0
        self._count()

    # --- loading ---------------------------------------------------------------------------

    @property
    def filters(self) -> AgendaFilter:
        return self._filter

    @property
    def total(self) -> int:
        """The number of letters matching the filter (the model's row count)."""
        return self._total

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def loaded_rows(self) -> int:
        """Rows currently held in memory."""
        return sum(len(page) for page in self._pages.values())

    def _base_query(self) -> peewee.ModelSelect:
        return query_surat_masuk(self._filter)

    def _count(self) -> None:
        """Count the matching letters. The first page is read first: when it is not full it
        holds every match, and the COUNT (a second pass over the table) is not needed."""
        self._total = self._page_size  # lets _page(0) read
        first = self._page(0)
        if len(first) < self._page_size:
            self._total = len(first)
        else:
            self._total = self._base_query().order_by().count()
            self.count_queries += 1

    def _sort_keys(self) -> list[peewee.Node]:
        """The ORDER BY expressions of the current sort, ending with unique tie-breakers."""
        column = self._sort_column
        keys: list[peewee.Node]
        if column == self.COL_DITERIMA:
            keys = [SuratMasuk.tanggal_diterima]
        elif column == self.COL_DARI:
            keys = [peewee.fn.LOWER(SuratMasuk.dari)]
        elif column == self.COL_NOMOR:
            keys = [peewee.fn.LOWER(SuratMasuk.nomor_surat)]
        elif column == self.COL_TGL_SURAT:
            keys = [SuratMasuk.tanggal_surat]
        elif column == self.COL_PERIHAL:
            keys = [peewee.fn.LOWER(SuratMasuk.perihal)]
        elif column == self.COL_SIFAT:
            keys = [_rank(SuratMasuk.sifat, _SIFAT_RANK)]
        elif column == self.COL_STATUS:
            keys = [_rank(SuratMasuk.status, _STATUS_RANK)]
        else:
            keys = []
        # The agenda number breaks ties, so every page query sees one stable order.
        return keys + [SuratMasuk.tahun, SuratMasuk.nomor_agenda, SuratMasuk.id]

    def _ordering(self) -> list[peewee.Node]:
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return [key.desc() if descending else key.asc() for key in self._sort_keys()]

    def _page(self, number: int) -> list[tuple]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        query = (self._base_query().select(*self._FIELDS).order_by(*self._ordering())
                 .limit(self._page_size).offset(number * self._page_size).tuples())
        page = list(query)
        self.page_queries += 1
        self._pages[number] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _row(self, row: int) -> tuple | None:
        if not 0 <= row < self._total:
            return None
        page = self._page(row // self._page_size)
        offset = row % self._page_size
        return page[offset] if offset < len(page) else None

    # --- public API ------------------------------------------------------------------------

    def set_filter(self, filters: AgendaFilter) -> None:
        """Show the letters matching `filters` (one COUNT, no rows read yet)."""
        if filters == self._filter:
            return
        self.beginResetModel()
        self._filter = filters
        self._pages.clear()
        self._count()
        self.endResetModel()
        self.total_changed.emit(self._total)

    def refresh(self) -> None:
        """Read again after the register changed (new, voided or forwarded letters)."""
        old_total = self._total
        self._pages.clear()
        self._count()
        if self._total == old_total:
            if self._total:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(self._total - 1, len(self.HEADERS) - 1))
        else:
            self.beginResetModel()
            self.endResetModel()
        self.total_changed.emit(self._total)

    def record_id(self, row: int) -> int | None:
        """The database id of the letter in `row` (None outside the model)."""
        data = self._row(row)
        return data[self._ID] if data else None

    def row_of_id(self, record_id: int) -> int:
        """The row showing letter `record_id` under the current filter and sort, or -1."""
        for number, page in self._pages.items():
            for offset, data in enumerate(page):
                if data[self._ID] == record_id:
                    return number * self._page_size + offset
        if self._total <= self._page_size:
            # Everything fits in the first page, which the view needs anyway.
            page = self._page(0) if self._total else []
            return next((row for row, data in enumerate(page) if data[self._ID] == record_id),
                        -1)
        keys = self._sort_keys()
        values = (self._base_query().select(*keys).where(SuratMasuk.id == record_id)
                  .order_by().tuples().first())
        if values is None:
            return -1
        target = peewee.Tuple(*(peewee.Value(v, converter=False) for v in values))
        before = (peewee.Tuple(*keys) > target
                  if self._sort_order == Qt.SortOrder.DescendingOrder
                  else peewee.Tuple(*keys) < target)
        return self._base_query().where(before).order_by().count()

    # --- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.HEADERS):
            return None
        if role not in (_DISPLAY, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                        Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
                        RECORD_ID_ROLE):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        voided = row[self._STATUS] == DIBATALKAN
        if role == _DISPLAY:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_STATUS and voided:
                return "Surat ini dibatalkan; nomor agendanya tetap tercatat."
            if column in (self.COL_DARI, self.COL_PERIHAL, self.COL_NOMOR):
                return self._display(row, column)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if voided:
                return MUTED
            if column == self.COL_SIFAT and row[self._SIFAT] in ("sangat segera", "segera"):
                return URGENT
            return None
        if role == Qt.ItemDataRole.FontRole:
            if voided:
                font = QFont()
                font.setStrikeOut(True)
                return font
            if column == self.COL_SIFAT and row[self._SIFAT] == "sangat segera":
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if column == self.COL_AGENDA else _ALIGN_LEFT
        return row[self._ID]  # RECORD_ID_ROLE

    def _display(self, row: tuple, column: int) -> str:
        if column == self.COL_AGENDA:
            return format_agenda(row[self._NOMOR_AGENDA], row[self._TAHUN])
        if column == self.COL_DITERIMA:
            return format_tanggal(row[self._DITERIMA])
        if column == self.COL_DARI:
            return row[self._DARI]
        if column == self.COL_NOMOR:
            return row[self._NOMOR]
        if column == self.COL_TGL_SURAT:
            return format_tanggal(row[self._TGL_SURAT])
        if column == self.COL_PERIHAL:
            return row[self._PERIHAL]
        if column == self.COL_SIFAT:
            return SIFAT_LABELS.get(row[self._SIFAT], row[self._SIFAT])
        return MASUK_STATUS_LABELS.get(row[self._STATUS], row[self._STATUS])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database (ORDER BY the column, then the agenda number)."""
        if not 0 <= column < len(self.HEADERS):
            return
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self.beginResetModel()
        self._sort_column, self._sort_order = column, order
        self._pages.clear()
        self.endResetModel()


# --- small models of the detail panel ----------------------------------------------------

@dataclass(frozen=True)
class DisposisiRow:
    """One line of the disposisi history (the table at the foot of the Lembar Disposisi)."""

    dari: str
    kepada: str
    isi: str
    tanggal: dt.datetime
    batas_waktu: dt.date | None
    selesai_pada: dt.datetime | None
    tindak_lanjut: str


def disposisi_rows(surat: SuratMasuk) -> list[DisposisiRow]:
    """The disposisi of a letter as history lines, oldest first."""
    rows = []
    for item in disposisi_chain(surat):
        targets = ", ".join(p.jabatan for p in disposisi_targets(item))
        parts = [line for line in item.instruksi.splitlines() if line.strip()]
        if item.catatan:
            parts.append(f"Catatan: {item.catatan}")
        rows.append(DisposisiRow(item.dari_pejabat.jabatan, targets, "\n".join(parts),
                                 item.tanggal, item.batas_waktu, item.selesai_pada,
                                 item.tindak_lanjut))
    return rows


class DisposisiHistoryModel(ListTableModel):
    """Dari | Diteruskan kepada | Isi disposisi | Tanggal | Tgl. penyelesaian."""

    COL_DARI, COL_KEPADA, COL_ISI, COL_TANGGAL, COL_SELESAI = range(5)
    HEADERS = ("Dari", "Diteruskan kepada", "Isi disposisi", "Tanggal", "Tgl. penyelesaian")

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        item: DisposisiRow = self.rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == self.COL_DARI:
                return item.dari
            if column == self.COL_KEPADA:
                return item.kepada
            if column == self.COL_ISI:
                if item.batas_waktu:
                    return f"{item.isi}\nBatas waktu: {format_tanggal(item.batas_waktu)}"
                return item.isi
            if column == self.COL_TANGGAL:
                return format_waktu(item.tanggal)
            return format_waktu(item.selesai_pada) if item.selesai_pada else "Belum selesai"
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_SELESAI:
            return item.tindak_lanjut or None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_SELESAI:
            return None if item.selesai_pada else MUTED
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_TOP
        return None
