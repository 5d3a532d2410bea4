"""The register page: a lazily read table under a filter bar (Tahun, a search box applied after
a short pause, the count), and the way its dialogs are opened."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import peewee
from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.registers.kernel import DIBATALKAN, read_record, register_years
from ui.icons import action_icon_name, icon
from ui.registers.flow import FlowLayout, pair
from ui.registers.forms import with_colon
from ui.registers.table import LazyQueryModel, format_count, register_table
from ui.words import LABEL_CARI, LABEL_TAHUN, SEMUA_TAHUN

SEARCH_DELAY_MS = 300
#: The gap between the buttons of a page's button row (twice that between filters).
BAR_SPACING = 6
#: The narrowest a register's search box gets before the filter bar wraps.
SEARCH_MIN_WIDTH = 180
ALL_YEARS = SEMUA_TAHUN
OK_STYLE = ("color: #14532d; background: #dcfce7; border: 1px solid #86efac; "
            "border-radius: 4px; padding: 6px;")
ERROR_STYLE = ("color: #7f1d1d; background: #fee2e2; border: 1px solid #fca5a5; "
               "border-radius: 4px; padding: 6px;")


def choice_combo(name: str, all_text: str, choices: Iterable[tuple[str, Any]]) -> QComboBox:
    """A filter combo: `all_text` (no filter, data None) first, then (label, value) `choices`."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.addItem(all_text, None)
    for label, value in choices:
        combo.addItem(label, value)
    return combo


def action_button(text: str, name: str, slot: Callable[..., Any],
                  tip: str = "") -> QPushButton:
    """A page's button: `text` with its &mnemonic, object `name`, running `slot` on click."""
    button = QPushButton(text)
    button.setObjectName(name)
    icon_name = action_icon_name(text)
    if icon_name is not None:  # the icon of the action's kind (ui.icons.ACTION_ICONS)
        button.setIcon(icon(icon_name))
    if tip:
        button.setToolTip(tip)
    # Not `connect(slot)`: Qt would pass the button's `checked` flag to a slot's first
    # optional parameter (toggle_aktif(alasan=False) refused "Alasan wajib diisi").
    button.clicked.connect(lambda _checked=False: slot())
    return button


def button_bar(*buttons: QWidget) -> FlowLayout:
    """The row of a page's action buttons, left-aligned, wrapping when the page is narrow."""
    row = FlowLayout(spacing=BAR_SPACING)
    for button in buttons:
        row.addWidget(button)
    return row


def stack(owner: QWidget, *parts: QWidget | QLayout, grow: QWidget) -> QVBoxLayout:
    """Lay `owner` out top-down: `parts` in order, `grow` (one of them) taking the height."""
    layout = QVBoxLayout(owner)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part, 1 if part is grow else 0)
    return layout


def table_over(table: QWidget, detail: QWidget, sizes: tuple[int, int] | None = None,
               stretch: tuple[int, int] = (3, 2)) -> QSplitter:
    """The register's table above the selected record's detail (`stretch` when resized)."""
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(table)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setChildrenCollapsible(False)
    if sizes is not None:
        splitter.setSizes(list(sizes))
    return splitter


class MessageBanner(QLabel):
    """A line above a register's table: green for what was done, red for a refusal; hidden
    until the first message."""

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setWordWrap(True)
        self.hide()

    def show_text(self, text: str, error: bool = False) -> None:
        self.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.setText(text)
        self.show()


def fill_year_combo(combo: QComboBox, years: Iterable[int], selected: Any = None) -> None:
    """Fill a Tahun filter ("Semua tahun" first), choosing `selected` (default: keeping the
    current choice) without emitting a change."""
    current = combo.currentData() if selected is None else selected
    blocked = combo.blockSignals(True)
    combo.clear()
    combo.addItem(ALL_YEARS, None)
    for year in years:
        combo.addItem(str(year), year)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(blocked)


def delayed_search(owner: QWidget, search: QLineEdit, apply: Callable[[], Any],
                   delay_ms: int = SEARCH_DELAY_MS) -> None:
    """Run `apply` once typing in `search` pauses for `delay_ms`; the timer is
    `owner._search_timer` (stop it when applying for another reason)."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(apply)
    owner._search_timer = timer  # type: ignore[attr-defined]
    search.textChanged.connect(lambda _text: owner._search_timer.start())


def filter_bar(fields: Sequence[tuple[str, QWidget]], *extra: QWidget,
               stretch: QWidget | None = None) -> FlowLayout:
    """A row of "&Label: field" pairs (the label the buddy of its field; the colon added where
    the text lacks it), then `extra` widgets; `stretch` is the field that takes the free width.
    The row wraps when the page is narrow, each label staying with its field."""
    row = FlowLayout(spacing=BAR_SPACING * 2)
    for text, widget in fields:
        label = QLabel(with_colon(text))
        label.setBuddy(widget)
        holder = pair(label, widget)
        row.addWidget(holder)
        if widget is stretch:
            holder.setMinimumWidth(label.sizeHint().width() + SEARCH_MIN_WIDTH)
            row.set_stretch(holder)
    for widget in extra:
        row.addWidget(widget)
    return row


def not_voided(record: Any) -> bool:
    """`record` is not voided (an `_open_on_selected` guard for edit and void actions)."""
    return record.status != DIBATALKAN


class LazyPage(QWidget):
    """A page that reads its data when it is first shown (`refresh`, which sets `_loaded`) and
    opens its dialogs window-modal without blocking (tests drive the open one: `dialog`).
    Signals: `changed` after it wrote something (other pages show the state it changed),
    `status_message(text)` for the window's status bar."""

    changed = Signal()
    status_message = Signal(str)
    #: Read again every time the page is shown, not only the first time: a page one comes
    #: back to all day (the agenda) shows what another PC wrote meanwhile.
    REREAD_ON_SHOW = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dialog: QDialog | None = None
        self._loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        if self.REREAD_ON_SHOW or not self._loaded:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define refresh()")

    def _open(self, dialog: QDialog, accepted: Callable[[], Any] | None = None) -> None:
        """Window-modal and not blocking (tests drive the open dialog through `self.dialog`);
        `accepted` runs when the dialog is accepted."""
        if accepted is not None:
            dialog.accepted.connect(accepted)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()


class RegisterPage(LazyPage):
    """A register page: a `LazyQueryModel` in `table`, a Tahun filter, a search box (applied
    after a short pause) and a count ("12 `COUNT_NOUN`"). Subclasses set `RECORD` (the model
    class, with `tahun`), define `_set_filters()` where a filter is more than one model field
    and, where the selection means more than the detail pane and the buttons,
    `_selection_changed()`."""

    RECORD: type[peewee.Model]
    detail: QWidget | None = None  # the pane under the table (`_lay_out_over_detail`)
    COUNT_NOUN = "catatan"
    #: Keep a row selected whenever there are rows: the first when the wanted record is not
    #: listed (a page whose detail pane is its working area).
    SELECT_FIRST_ROW = False
    _years = True

    def _build_register(self, model: LazyQueryModel, *, table_name: str, search_name: str,
                        search_hint: str, count_name: str, widths: dict[int, int],
                        stretch: int, years: bool = True,
                        search_delay_ms: int = SEARCH_DELAY_MS,
                        keep: Sequence[int] = (0,)) -> None:
        """Make `year_filter` (hidden for a register without years), `search`, `count_label`,
        `model` and `table` (its columns `keep` keep their widths on a narrow screen)."""
        self._years = years
        self._choices: list[QComboBox] = []
        # (model attribute, how to read its filter widget) for `_reload`
        self._bound_filters: list[tuple[str, Callable[[], Any]]] = []
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("tahunFilter")
        # Every register opens on this year (the rest of the years come with `refresh`).
        this_year = dt.date.today().year
        fill_year_combo(self.year_filter, [this_year], this_year)
        self.year_filter.currentIndexChanged.connect(self._apply_filters)
        self.search = QLineEdit()
        self.search.setObjectName(search_name)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(search_hint)
        delayed_search(self, self.search, self._apply_filters, search_delay_ms)
        self.search.returnPressed.connect(self._apply_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName(count_name)
        self.model = model
        self.table = register_table(table_name, model, widths, stretch, keep)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

    def _choice_filter(self, name: str, all_text: str, choices: Iterable[tuple[str, Any]],
                       model_field: str = "") -> QComboBox:
        """A `choice_combo` that filters the register (and that `_clear_filters` resets); its
        chosen value goes into the model's `model_field` (none: `_set_filters` reads it)."""
        combo = choice_combo(name, all_text, choices)
        combo.currentIndexChanged.connect(self._apply_filters)
        self._choices.append(combo)
        if model_field:
            self._bound_filters.append((model_field, combo.currentData))
        return combo

    def _check_filter(self, text: str, name: str, model_field: str) -> QCheckBox:
        """A check box that filters the register (e.g. "only the pending ones"): whether it is
        checked goes into the model's `model_field`."""
        box = QCheckBox(text)
        box.setObjectName(name)
        box.toggled.connect(self._apply_filters)
        self._bound_filters.append((model_field, box.isChecked))
        return box

    def _clear_filters(self) -> None:
        """Every filter back to "all" (without reading the rows yet)."""
        for widget in (self.year_filter, *self._choices, self.search):
            widget.blockSignals(True)
        for combo in (self.year_filter, *self._choices):
            combo.setCurrentIndex(0)
        self.search.clear()
        for widget in (self.year_filter, *self._choices, self.search):
            widget.blockSignals(False)

    def _after_write(self, record: Any, message: str = "", *, reveal: bool = False) -> bool:
        """After `record` was written (None: nothing was): read the register again with it
        selected (`reveal`: clearing filters that hide it), report `message` and tell the
        other pages (`changed`)."""
        if record is None:
            return False
        if reveal:
            self.open_record(record.id)
        else:
            self.refresh()
            self.select_id(record.id)
        if message:
            self.status_message.emit(message)
        self.changed.emit()
        return True

    def open_record(self, record_id: int) -> bool:
        """Read the register again and select `record_id`, clearing the filters when they hide
        it (a record just written, or opened from elsewhere)."""
        self.refresh()
        if self.select_id(record_id):
            return True
        self._reveal(record_id)
        return self.current_id() == record_id

    def _reveal(self, record_id: int) -> None:
        """Loosen the filters hiding `record_id` (by default: every filter back to "all") and
        read the rows again with it selected."""
        self._clear_filters()
        self._reload(record_id)

    def _open_on_selected(self, make: Callable[[Any], QDialog], done: Callable[[Any], Any],
                          allowed: Callable[[Any], bool] | None = None) -> None:
        """Open the dialog `make(record)` for the selected record as it is now (nothing selected,
        or `allowed(record)` false: nothing); `done(dialog)` runs when it is accepted."""
        record = self.current_record()
        if record is None or (allowed is not None and not allowed(record)):
            return
        dialog = make(record)
        self._open(dialog, lambda: done(dialog))

    def _filter_row(self, *extra: QWidget,
                    fields: Sequence[tuple[str, QWidget]] | None = None) -> FlowLayout:
        """The filter bar: `fields` (default Tahun and Cari), `extra` widgets, the count; the
        search box takes the free width."""
        if fields is None:
            fields = ((LABEL_TAHUN, self.year_filter), (LABEL_CARI, self.search))
        return filter_bar(fields, *extra, self.count_label, stretch=self.search)

    def _lay_out_over_detail(self, *top: QWidget | QLayout, detail: QWidget,
                             sizes: tuple[int, int] | None = None) -> None:
        """The page top-down: `top` rows, then the table over `detail` (`splitter`)."""
        self.detail = detail
        self.splitter = table_over(self.table, detail, sizes)
        stack(self, *top, self.splitter, grow=self.splitter)

    def refresh(self) -> None:
        """Reload the years and the rows, keeping the selected record."""
        self._loaded = True
        if self._years:
            years = register_years(self.RECORD)
            chosen = self.year_filter.currentData()
            if chosen is not None and chosen not in years:  # a year chosen before it has rows
                years = sorted([*years, chosen], reverse=True)
            fill_year_combo(self.year_filter, years)
        self._reload(self.current_id())

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_id(index.row()) if index.isValid() else None

    def selected_row(self) -> int | None:
        """The selected row (None: the current row, if any, is not selected)."""
        index = self.table.currentIndex()
        selected = index.isValid() and self.table.selectionModel().isSelected(index)
        return index.row() if selected else None

    def selected_record(self) -> Any:
        """The record of the selected row as it is in the database now (None: no selection)."""
        return self.current_record() if self.selected_row() is not None else None

    def _show_selected(self) -> None:
        """Read the selected record into `_current`, show it in the page's `detail` pane and
        update the buttons (`_update_buttons`)."""
        self._current = self.selected_record()
        self.detail.show_record(self._current)
        # The table takes the whole page until a record is chosen (no half-page hint).
        self.detail.setVisible(self._current is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Enable the page's actions for the selected record (pages with actions define it)."""

    def current_record(self) -> Any:
        """The selected record as it is in the database now."""
        row_id = self.current_id()
        return read_record(self.RECORD, row_id) if row_id is not None else None

    def select_id(self, row_id: int | None) -> bool:
        """Select record `row_id` (None or not listed: no row, or the first with
        `SELECT_FIRST_ROW`); whether it is listed."""
        row = self.model.position_of(row_id) if row_id is not None else None
        found = row is not None
        if row is None and self.SELECT_FIRST_ROW and self.model.rowCount():
            row = 0
        if row is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
            self._selection_changed()
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self._selection_changed()
        return found

    def _apply_filters(self) -> None:
        self._search_timer.stop()
        self._reload(self.current_id())

    def _reload(self, keep: int | None) -> None:
        """Read the rows again with the current filters and select record `keep`."""
        self.model.tahun = self.year_filter.currentData() if self._years else None
        self.model.teks = self.search.text()
        for model_field, value in self._bound_filters:
            setattr(self.model, model_field, value())
        self._set_filters()
        self.model.refresh()
        self.count_label.setText(f"{format_count(self.model.rowCount())} {self.COUNT_NOUN}")
        self.select_id(keep)

    def _set_filters(self) -> None:
        """Put the filters not bound to a model field into the model (a page with such filters
        defines it; Tahun, Cari and the bound ones are set already)."""

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._selection_changed()

    def _selection_changed(self) -> None:
        """Follow the selection: the `detail` pane (pages laid out over one) and the buttons."""
        if self.detail is not None:
            self._show_selected()
        else:
            self._update_buttons()
