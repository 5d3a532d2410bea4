"""Buku Ekspedisi: every delivery with who received it and when.

This module also holds the small pieces the register pages share (the Agenda Surat Keluar and
the inbox import them): a table model that loads a query lazily page by page, the year filter
and the register table's look. The form helpers are in `ui.form_helpers`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

import peewee
from PySide6.QtCore import (
    QDate,
    QDateTime,
    QItemSelection,
    QLocale,
    QModelIndex,
    QObject,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.correspondence import kirim_ekspedisi, terima_ekspedisi
from models import Ekspedisi, SuratKeluar, SuratMasuk, distinct_values
from ui.form_helpers import EnterMovesOn, FieldMessages, make_buttons, set_tab_order
from ui.item_models import HeaderTableModel, ModelIndex, format_waktu, italic_font

SEARCH_DELAY_MS = 300
MUTED_COLOR = QColor("#6b6b6b")
INDONESIA = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
ALL_YEARS = "Semua tahun"


# --- shared: formatting --------------------------------------------------------------------

def to_qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(QDate(moment.year, moment.month, moment.day),
                     QTime(moment.hour, moment.minute, moment.second))


def from_qdatetime(value: QDateTime) -> dt.datetime:
    day, time = value.date(), value.time()
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(),
                       time.second())


# --- shared: lazily loaded table model -----------------------------------------------------

class LazyQueryModel(HeaderTableModel):
    """A read-only table over a peewee query: COUNT once, then pages of `PAGE_SIZE` rows
    (LIMIT/OFFSET, plain tuples) fetched when the view asks for them; only the most recently
    used `MAX_PAGES` pages are kept. Scales to hundreds of thousands of rows.

    Subclasses set HEADERS and SORT_KEYS and implement `base_query` (selecting the id first, in
    the order of SORT_KEYS, filters applied) and `cell`.
    """

    PAGE_SIZE = 200
    MAX_PAGES = 30
    #: (field, descending) pairs that order the rows; the last must make the order unique.
    SORT_KEYS: tuple[tuple[peewee.Field, bool], ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self._query: peewee.SelectQuery | None = None
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self.pages_fetched = 0  # how many page queries ran (to check the laziness)

    # Abstract hooks every register model defines (a Qt base class cannot also be an ABC;
    # tests/test_register_bases.py checks each concrete subclass overrides them).
    def base_query(self) -> peewee.SelectQuery:
        raise NotImplementedError(f"{type(self).__name__} must define base_query()")

    def cell(self, row: tuple, column: int, role: int) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must define cell()")

    # loading
    def refresh(self) -> None:
        """Run the query again (after a change or a new filter)."""
        self.beginResetModel()
        self._pages.clear()
        self._query = self.base_query()
        self._count = self._query.order_by().count()
        self.endResetModel()

    @property
    def loaded_pages(self) -> int:
        return len(self._pages)

    def row_tuple(self, row: int) -> tuple | None:
        if not 0 <= row < self._count or self._query is None:
            return None
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = list(self._query.limit(self.PAGE_SIZE)
                        .offset(number * self.PAGE_SIZE).tuples())
            self.pages_fetched += 1
            self._pages[number] = page
            while len(self._pages) > self.MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    def row_id(self, row: int) -> int | None:
        values = self.row_tuple(row)
        return None if values is None else values[0]

    def position_of(self, row_id: int) -> int | None:
        """The row showing record `row_id` under the current filters, or None."""
        for number, page in self._pages.items():
            for offset, values in enumerate(page):
                if values[0] == row_id:
                    return number * self.PAGE_SIZE + offset
        if self._query is None or not self.SORT_KEYS:
            return None
        id_field = self.SORT_KEYS[-1][0].model.id
        fields = [field for field, _desc in self.SORT_KEYS]
        found = list(self._query.where(id_field == row_id).select(*fields).limit(1).tuples())
        if not found:
            return None
        before: peewee.Expression | None = None
        equal: peewee.Expression | None = None
        for (field, descending), value in zip(self.SORT_KEYS, found[0], strict=True):
            ahead = field > value if descending else field < value
            term = ahead if equal is None else (equal & ahead)
            before = term if before is None else (before | term)
            same = field == value
            equal = same if equal is None else (equal & same)
        assert before is not None
        return self._query.where(before).order_by().count()

    # Qt API
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self.HEADERS):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole,
                        Qt.ItemDataRole.BackgroundRole):
            return None
        values = self.row_tuple(index.row())
        if values is None:
            return None
        return self.cell(values, index.column(), role)


def year_choices(field: peewee.Field) -> list[int]:
    """The years present in a register, newest first, always with the current year."""
    years = set(distinct_values(field))  # tahun leads each long register's number index
    years.add(dt.date.today().year)
    return sorted(years, reverse=True)


def fill_year_combo(combo: QComboBox, years: Iterable[int]) -> None:
    """Fill a Tahun filter ("Semua tahun" first), keeping the current choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(ALL_YEARS, None)
    for year in years:
        combo.addItem(str(year), year)
    found = combo.findData(current)
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)


def setup_register_view(view: QTableView, widths: dict[int, int], stretch: int) -> None:
    """Row selection, fixed row heights (nothing measures all rows) and column widths."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    vertical = view.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in widths.items():
        view.setColumnWidth(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


# --- shared: pages -------------------------------------------------------------------------

class LazyPage(QWidget):
    """A page that reads its data when it is first shown (`refresh`, which sets `_loaded`) and
    opens its dialogs window-modal without blocking (tests drive the open one: `dialog`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialog: QDialog | None = None
        self._loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define refresh()")

    def _open(self, dialog: QDialog) -> None:
        """Window-modal and not blocking (tests drive the open dialog through `self.dialog`)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()


class RegisterPage(LazyPage):
    """A register page: a `LazyQueryModel` in `table`, a Tahun filter, a search box (applied
    after a short pause) and a count ("12 `COUNT_NOUN`"). Subclasses set `RECORD` (the model
    class, with `tahun`) and implement `_set_filters()` (the filter widgets into the model)
    and `_selection_changed()`."""

    RECORD: type[peewee.Model]
    COUNT_NOUN = "catatan"

    def _build_register(self, model: LazyQueryModel, *, table_name: str, search_name: str,
                        search_hint: str, count_name: str, widths: dict[int, int],
                        stretch: int) -> None:
        """Make `year_filter`, `search`, `count_label`, `model` and `table`."""
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("tahunFilter")
        self.year_filter.addItem(ALL_YEARS, None)
        self.year_filter.currentIndexChanged.connect(self._apply_filters)
        self.search = QLineEdit()
        self.search.setObjectName(search_name)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(search_hint)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filters)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName(count_name)
        self.model = model
        self.table = QTableView()
        self.table.setObjectName(table_name)
        self.table.setModel(model)
        setup_register_view(self.table, widths, stretch)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

    def refresh(self) -> None:
        """Reload the years and the rows, keeping the selected record."""
        self._loaded = True
        fill_year_combo(self.year_filter, year_choices(self.RECORD.tahun))
        self._reload(self.current_id())

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def current_record(self) -> Any:
        """The selected record as it is in the database now."""
        row_id = self.current_id()
        record = self.RECORD
        return record.get_or_none(record.id == row_id) if row_id is not None else None

    def select_id(self, row_id: int | None) -> bool:
        row = self.model.position_of(row_id) if row_id is not None else None
        if row is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            self._selection_changed()
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self._selection_changed()
        return True

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        self._reload(self.current_id())

    def _reload(self, keep: int | None) -> None:
        """Read the rows again with the current filters and select record `keep`."""
        self._set_filters()
        self.model.refresh()
        self.count_label.setText(f"{self.model.rowCount():,} {self.COUNT_NOUN}".replace(",", "."))
        self.select_id(keep)

    def _set_filters(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define _set_filters()")

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._selection_changed()

    def _selection_changed(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define _selection_changed()")


# --- shared: forms -------------------------------------------------------------------------

def datetime_edit(moment: dt.datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(to_qdatetime(moment))
    edit.setLocale(INDONESIA)
    edit.setDisplayFormat("d MMMM yyyy  HH.mm")
    edit.setCalendarPopup(True)
    return edit


# --- Buku Ekspedisi ------------------------------------------------------------------------

_E, _SM, _SK = Ekspedisi, SuratMasuk, SuratKeluar
_NUMBER = re.compile(r"(\d+)(?:/(\d{4}))?")


class EkspedisiModel(LazyQueryModel):
    """The Buku Ekspedisi, newest first."""

    COL_NO, COL_DIKIRIM, COL_URAIAN, COL_KEPADA, COL_SURAT, COL_OLEH, COL_PADA = range(7)
    HEADERS = ("No.", "Dikirim", "Uraian", "Kepada", "Surat", "Diterima oleh", "Diterima pada")
    SORT_KEYS = ((_E.tahun, True), (_E.nomor, True), (_E.id, True))
    # tuple positions
    _ID, _TAHUN, _NOMOR, _DIKIRIM, _URAIAN, _KEPADA, _AGENDA, _AGENDA_TAHUN, _NOMOR_KELUAR, \
        _OLEH, _PADA = range(11)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tahun: int | None = None
        self.teks = ""
        self.belum_diterima = False

    def base_query(self) -> peewee.SelectQuery:
        query = (_E.select(_E.id, _E.tahun, _E.nomor, _E.dikirim_pada, _E.uraian, _E.kepada,
                           _SM.nomor_agenda, _SM.tahun, _SK.nomor, _E.diterima_oleh,
                           _E.diterima_pada)
                 .join(_SM, peewee.JOIN.LEFT_OUTER, on=(_E.surat_masuk == _SM.id))
                 .switch(_E)
                 .join(_SK, peewee.JOIN.LEFT_OUTER, on=(_E.surat_keluar == _SK.id)))
        if self.tahun:
            query = query.where(_E.tahun == self.tahun)
        if self.belum_diterima:
            query = query.where(_E.diterima_pada.is_null())
        for word in self.teks.split():
            condition = (_E.uraian.contains(word) | _E.kepada.contains(word)
                         | _E.diterima_oleh.contains(word) | _SK.nomor.contains(word))
            number = _NUMBER.fullmatch(word)
            if number:
                nomor = int(number.group(1))
                own = _E.nomor == nomor
                agenda = _SM.nomor_agenda == nomor
                if number.group(2):
                    own &= _E.tahun == int(number.group(2))
                    agenda &= _SM.tahun == int(number.group(2))
                condition |= own | agenda
            query = query.where(condition)
        return query.order_by(*[f.desc() if d else f.asc() for f, d in self.SORT_KEYS])

    def cell(self, row: tuple, column: int, role: int) -> Any:
        received = row[self._PADA] is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_OLEH and not received:
                return "Tanda terima belum dicatat."
            return self._text(row, column) or None
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_OLEH and not received:
            return MUTED_COLOR
        if role == Qt.ItemDataRole.FontRole and column == self.COL_OLEH and not received:
            return italic_font()
        return None

    def _text(self, row: tuple, column: int) -> str:
        if column == self.COL_NO:
            return f"{row[self._NOMOR]}/{row[self._TAHUN]}"
        if column == self.COL_DIKIRIM:
            return format_waktu(row[self._DIKIRIM])
        if column == self.COL_URAIAN:
            return row[self._URAIAN]
        if column == self.COL_KEPADA:
            return row[self._KEPADA]
        if column == self.COL_SURAT:
            if row[self._NOMOR_KELUAR]:
                return row[self._NOMOR_KELUAR]
            if row[self._AGENDA] is not None:
                return f"Agenda {row[self._AGENDA]}/{row[self._AGENDA_TAHUN]}"
            return ""
        if column == self.COL_OLEH:
            return row[self._OLEH] or "belum diterima"
        return format_waktu(row[self._PADA])

    def is_received(self, row: int) -> bool:
        values = self.row_tuple(row)
        return values is not None and values[self._PADA] is not None


class KirimEkspedisiDialog(QDialog):
    """Write a delivery into the Buku Ekspedisi: for a numbered surat keluar (prefilled), or
    on its own ("Kirim Baru…"). After accept(), `entry` is the new record."""

    def __init__(self, surat_keluar: SuratKeluar | None = None, oleh: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.surat_keluar = surat_keluar
        self.oleh = oleh
        self.entry: Ekspedisi | None = None
        self.setWindowTitle("Kirim dengan Ekspedisi" if surat_keluar else "Kirim Baru (Ekspedisi)")
        self.setObjectName("kirimEkspedisiDialog")
        self.setMinimumWidth(640)

        self.uraian = QLineEdit()
        self.uraian.setObjectName("uraian")
        self.uraian.setPlaceholderText("mis. Surat undangan rapat koordinasi (1 berkas)")
        self.kepada = QLineEdit()
        self.kepada.setObjectName("kepada")
        self.kepada.setPlaceholderText("mis. Kepala Desa Sumbermulyo")
        self.dikirim = datetime_edit(dt.datetime.now().replace(second=0, microsecond=0))
        self.dikirim.setObjectName("dikirimPada")
        if surat_keluar is not None:
            self.uraian.setText(f"Surat nomor {surat_keluar.nomor or '-'} perihal "
                                f"{surat_keluar.perihal}")
            self.kepada.setText(surat_keluar.kepada)
            for edit in (self.uraian, self.kepada):
                edit.setCursorPosition(0)

        self.messages = FieldMessages()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row(form, "&Uraian yang dikirim:", "uraian", self.uraian)
        self._row(form, "&Kepada:", "kepada", self.kepada)
        self._row(form, "&Dikirim pada:", "dikirim_pada", self.dikirim)

        layout = QVBoxLayout(self)
        if surat_keluar is not None:
            intro = QLabel("Setelah dicatat, status surat menjadi <b>Dikirim</b>. Penerimanya "
                           "dicatat nanti di Buku Ekspedisi (Catat Penerimaan).")
            intro.setWordWrap(True)
            layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.messages.general)
        layout.addLayout(make_buttons(self, "&Catat Pengiriman", self.save))
        self.enter = EnterMovesOn(self)
        self.enter.watch(self.uraian, self.kepada, self.dikirim)
        set_tab_order([self.uraian, self.kepada, self.dikirim, self.ok_button,
                       self.cancel_button])
        (self.kepada if surat_keluar is not None else self.uraian).setFocus()

    def _row(self, form: QFormLayout, text: str, name: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        form.addRow(label, self.messages.field(name, widget))

    def save(self) -> None:
        with self.messages.showing_problems():
            self.entry = kirim_ekspedisi(self.uraian.text(), self.kepada.text(),
                                         surat_keluar=self.surat_keluar, oleh=self.oleh,
                                         dikirim_pada=from_qdatetime(self.dikirim.dateTime()))
            self.accept()


class TerimaEkspedisiDialog(QDialog):
    """Record who received a delivery and when (the signature column of the paper book)."""

    def __init__(self, entry: Ekspedisi, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setWindowTitle("Catat Penerimaan Ekspedisi")
        self.setObjectName("terimaEkspedisiDialog")
        self.setMinimumWidth(480)
        about = QLabel(f"<b>Ekspedisi {entry.nomor}/{entry.tahun}</b><br>"
                       f"{_escape(entry.uraian)}<br>Kepada: {_escape(entry.kepada)}<br>"
                       f"Dikirim: {format_waktu(entry.dikirim_pada)}")
        about.setWordWrap(True)
        self.penerima = QLineEdit(entry.diterima_oleh)
        self.penerima.setObjectName("penerima")
        self.penerima.setPlaceholderText("Nama orang yang menerima dan menandatangani")
        self.pada = datetime_edit(entry.diterima_pada
                                  or dt.datetime.now().replace(second=0, microsecond=0))
        self.pada.setObjectName("diterimaPada")
        self.messages = FieldMessages()
        form = self.messages.form((("Diterima &oleh:", "diterima_oleh", self.penerima),
                                   ("Diterima &pada:", "diterima_pada", self.pada)))
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.messages.general)
        layout.addLayout(make_buttons(self, "&Simpan", self.save))
        self.enter = EnterMovesOn(self)
        self.enter.watch(self.penerima, self.pada)
        set_tab_order([self.penerima, self.pada, self.ok_button, self.cancel_button])
        self.penerima.setFocus()

    def save(self) -> None:
        with self.messages.showing_problems():
            terima_ekspedisi(self.entry, self.penerima.text(), from_qdatetime(self.pada.dateTime()))
            self.accept()


def _escape(text: str) -> str:
    return html.escape(text or "")


class BukuEkspedisiPage(RegisterPage):
    """The Buku Ekspedisi page. `changed` is emitted after a delivery or a receipt is recorded
    (the other registers show the state of their letters)."""

    changed = Signal()
    status_message = Signal(str)

    RECORD = Ekspedisi
    _WIDTHS = {0: 80, 1: 170, 3: 220, 4: 190, 5: 170, 6: 170}

    def __init__(self, parent: QWidget | None = None, pengguna: str = "Agendaris") -> None:
        super().__init__(parent)
        self.setObjectName("bukuEkspedisiPage")
        self.pengguna = pengguna

        self.new_button = QPushButton("&Kirim Baru…")
        self.new_button.setObjectName("kirimBaruButton")
        self.new_button.setToolTip("Catat pengiriman yang tidak terkait surat keluar bernomor")
        self.new_button.clicked.connect(self.kirim_baru)
        self.receive_button = QPushButton("Catat &Penerimaan…")
        self.receive_button.setObjectName("catatPenerimaanButton")
        self.receive_button.clicked.connect(self.catat_penerimaan)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.receive_button)
        buttons.addStretch(1)

        self._build_register(EkspedisiModel(self), table_name="ekspedisiTable",
                             search_name="cariEkspedisi",
                             search_hint="Uraian, tujuan, penerima, nomor (mis. 3/2026)",
                             count_name="jumlahEkspedisi", widths=self._WIDTHS,
                             stretch=EkspedisiModel.COL_URAIAN)
        self.table.doubleClicked.connect(lambda _index: self.catat_penerimaan())
        self.pending_filter = QCheckBox("Hanya yang &belum diterima")
        self.pending_filter.setObjectName("belumDiterimaFilter")
        self.pending_filter.toggled.connect(self._apply_filters)
        filters = QHBoxLayout()
        year_label = QLabel("&Tahun:")
        year_label.setBuddy(self.year_filter)
        search_label = QLabel("&Cari:")
        search_label.setBuddy(self.search)
        filters.addWidget(year_label)
        filters.addWidget(self.year_filter)
        filters.addSpacing(12)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.pending_filter)
        filters.addSpacing(12)
        filters.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        set_tab_order([self.new_button, self.receive_button, self.year_filter, self.search,
                       self.pending_filter, self.table])
        self._update_buttons()

    def current_entry(self) -> Ekspedisi | None:
        return self.current_record()

    def _set_filters(self) -> None:
        self.model.tahun = self.year_filter.currentData()
        self.model.teks = self.search.text()
        self.model.belum_diterima = self.pending_filter.isChecked()

    def _selection_changed(self) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        index = self.table.currentIndex()
        selected = index.isValid() and self.table.selectionModel().isSelected(index)
        self.receive_button.setEnabled(selected and not self.model.is_received(index.row()))

    def kirim_baru(self) -> None:
        dialog = KirimEkspedisiDialog(None, self.pengguna, self)
        dialog.accepted.connect(lambda: self._sent(dialog))
        self._open(dialog)

    def _sent(self, dialog: KirimEkspedisiDialog) -> None:
        entry = dialog.entry
        if entry is None:
            return
        self.refresh()
        self.select_id(entry.id)
        self.status_message.emit(f"Ekspedisi {entry.nomor}/{entry.tahun} dicatat.")
        self.changed.emit()

    def catat_penerimaan(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.diterima_pada is not None:
            return
        dialog = TerimaEkspedisiDialog(entry, self)
        dialog.accepted.connect(lambda: self._received(dialog))
        self._open(dialog)

    def _received(self, dialog: TerimaEkspedisiDialog) -> None:
        entry = dialog.entry
        self._reload(entry.id)
        self.status_message.emit(f"Ekspedisi {entry.nomor}/{entry.tahun} diterima oleh "
                                 f"{entry.diterima_oleh}.")
        self.changed.emit()
