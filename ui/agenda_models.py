"""Item models of the Agenda Surat Masuk page.

`SuratMasukTableModel` is the register kernel's lazy model (`ui.registers.table`) over
`query_surat_masuk`, sortable by any column in the database; like every register model it reads
nothing until `refresh()` (or `set_filter()`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import peewee
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.registers.disposisi import disposisi_chain, disposisi_targets
from jogoroto_desktop.registers.surat import DIBATALKAN, SIFAT, SIFAT_LABELS
from jogoroto_desktop.registers.surat_masuk import (
    MASUK_STATUS_LABELS,
    AgendaFilter,
    query_surat_masuk,
)
from models import SuratMasuk
from ui.item_models import ListTableModel, ModelIndex, format_waktu
from ui.progress_model import MUTED, URGENT
from ui.registers.table import LazyQueryModel, SortKeys, label_of

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_TOP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

# Order used when sorting by sifat (most urgent first) and by status (the SOP's order).
_SIFAT_RANK = {value: rank for rank, value in enumerate(SIFAT)}
_STATUS_RANK = {value: rank for rank, value in enumerate(MASUK_STATUS_LABELS)}
_SM = SuratMasuk


def format_agenda(nomor: int, tahun: int) -> str:
    """The nomor agenda as the office writes it: ``12/2026``."""
    return f"{nomor}/{tahun}"


def _rank(field: peewee.Field, ranks: dict[str, int]) -> peewee.Node:
    return peewee.Case(field, list(ranks.items()), len(ranks))


class SuratMasukTableModel(LazyQueryModel):
    """The Agenda Surat Masuk, read page by page and sorted in the database."""

    (COL_AGENDA, COL_DITERIMA, COL_DARI, COL_NOMOR, COL_TGL_SURAT, COL_PERIHAL, COL_SIFAT,
     COL_STATUS) = range(8)
    HEADERS = ("No. Agenda", "Diterima", "Dari", "No. Surat", "Tgl. Surat", "Perihal", "Sifat",
               "Status")
    MAX_PAGES = 64

    # Positions inside a fetched tuple.
    _ID, _TAHUN, _NOMOR_AGENDA, _DITERIMA, _DARI, _NOMOR, _TGL_SURAT, _PERIHAL, _SIFAT, \
        _STATUS = range(10)
    _FIELDS = (_SM.id, _SM.tahun, _SM.nomor_agenda, _SM.tanggal_diterima, _SM.dari,
               _SM.nomor_surat, _SM.tanggal_surat, _SM.perihal, _SM.sifat, _SM.status)
    # What each column sorts by (the agenda number then breaks ties).
    _COLUMN_KEYS: dict[int, peewee.Node] = {
        COL_DITERIMA: _SM.tanggal_diterima, COL_DARI: peewee.fn.LOWER(_SM.dari),
        COL_NOMOR: peewee.fn.LOWER(_SM.nomor_surat), COL_TGL_SURAT: _SM.tanggal_surat,
        COL_PERIHAL: peewee.fn.LOWER(_SM.perihal), COL_SIFAT: _rank(_SM.sifat, _SIFAT_RANK),
        COL_STATUS: _rank(_SM.status, _STATUS_RANK),
    }

    FORMATS = {COL_DITERIMA: (_DITERIMA, format_tanggal), COL_DARI: (_DARI, None),
               COL_NOMOR: (_NOMOR, None), COL_TGL_SURAT: (_TGL_SURAT, format_tanggal),
               COL_PERIHAL: (_PERIHAL, None), COL_SIFAT: (_SIFAT, label_of(SIFAT_LABELS)),
               COL_STATUS: (_STATUS, label_of(MASUK_STATUS_LABELS))}

    # The page's own filters (`tahun` and `teks` are every register's); the month only counts
    # with a year.
    bulan: int | None = None
    sifat: str | None = None
    status: str | None = None

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.sort_column = self.COL_AGENDA
        self.sort_order = Qt.SortOrder.DescendingOrder

    @property
    def filters(self) -> AgendaFilter:
        return AgendaFilter(tahun=self.tahun, bulan=self.bulan if self.tahun else None,
                            sifat=self.sifat, status=self.status, teks=self.teks.strip())

    def base_query(self) -> peewee.SelectQuery:
        return query_surat_masuk(self.filters).select(*self._FIELDS)

    def sort_keys(self) -> SortKeys:
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        column_key = self._COLUMN_KEYS.get(self.sort_column)
        keys = ([] if column_key is None else [column_key]) + [_SM.tahun, _SM.nomor_agenda,
                                                                _SM.id]
        return [(key, descending) for key in keys]

    def set_filter(self, filters: AgendaFilter) -> None:
        """Read the letters matching `filters`."""
        self.tahun, self.bulan, self.teks = filters.tahun, filters.bulan, filters.teks
        self.sifat, self.status = filters.sifat, filters.status
        self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in the database (ORDER BY the column, then the agenda number); no new COUNT."""
        if not 0 <= column < len(self.HEADERS):
            return
        if (column, order) == (self.sort_column, self.sort_order):
            return
        self.sort_column, self.sort_order = column, order
        self.reorder()

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if role == RECORD_ID_ROLE and index.isValid():
            return self.row_id(index.row())
        return super().data(index, role)

    def cell(self, row: tuple, column: int, role: int) -> Any:
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
        return None

    def _display(self, row: tuple, column: int) -> str:
        if column == self.COL_AGENDA:
            return format_agenda(row[self._NOMOR_AGENDA], row[self._TAHUN])
        return self.text(row, column)


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
