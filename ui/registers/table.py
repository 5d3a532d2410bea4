"""The register table: a model that reads a query lazily page by page, and the view's look."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import peewee
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget

from ui.item_models import HeaderTableModel, ModelIndex, italic_font

MUTED_COLOR = QColor("#6b6b6b")

SortKeys = Sequence[tuple[peewee.Node, bool]]
#: How a column shows one stored value: its position in the row tuple and a formatter
#: (None: the text as stored).
ColumnFormat = tuple[int, Callable[[Any], str] | None]


def muted_look(role: int, muted: bool, italic: bool | None = None) -> Any:
    """How a greyed-out cell (a voided or inactive record) looks in `role`: grey text when
    `muted`, italic where `italic` (default: where muted); None for every other role."""
    if role == Qt.ItemDataRole.ForegroundRole and muted:
        return MUTED_COLOR
    if role == Qt.ItemDataRole.FontRole and (muted if italic is None else italic):
        return italic_font()
    return None


def label_of(labels: Mapping[str, str]) -> Callable[[Any], str]:
    """A formatter showing a stored code by its label (the code itself when unknown)."""
    return lambda value: labels.get(value, value)


def format_count(count: int) -> str:
    """A count with the Indonesian thousands separator: ``1.234``."""
    return f"{count:,}".replace(",", ".")


class LazyQueryModel(HeaderTableModel):
    """A read-only table over a peewee query: the first page of `PAGE_SIZE` rows, a COUNT only
    when that page is full, then further pages (LIMIT/OFFSET, plain tuples) fetched when the
    view asks for them; only the most recently used `MAX_PAGES` pages are kept. Scales to
    hundreds of thousands of rows. Emits `total_changed(count)` after every `refresh()`.

    Subclasses set HEADERS and SORT_KEYS (or override `sort_keys()` to sort by column) and
    implement `base_query` (selecting the id first, filters applied, not ordered) and `cell`.
    """

    PAGE_SIZE = 200
    MAX_PAGES = 30
    #: (expression, descending) pairs that order the rows; the last is the id (unique).
    SORT_KEYS: SortKeys = ()
    #: Columns that show one stored value (see `text`); the others are the model's own.
    FORMATS: Mapping[int, ColumnFormat] = {}
    # The filters every register has (a page sets them before `refresh`).
    tahun: int | None = None
    teks = ""

    total_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._count = 0
        self._query: peewee.SelectQuery | None = None
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self.pages_fetched = 0  # how many page queries ran (to check the laziness)
        self.counts_run = 0  # how many COUNT queries ran

    # Abstract hooks every register model defines (a Qt base class cannot also be an ABC;
    # tests/test_register_bases.py checks each concrete subclass overrides them).
    def base_query(self) -> peewee.SelectQuery:
        raise NotImplementedError(f"{type(self).__name__} must define base_query()")

    def cell(self, row: tuple, column: int, role: int) -> Any:
        raise NotImplementedError(f"{type(self).__name__} must define cell()")

    def text(self, row: tuple, column: int) -> str:
        """The text of a column listed in FORMATS."""
        position, formatter = self.FORMATS[column]
        value = row[position]
        return (formatter(value) if formatter is not None else value) or ""

    def sort_keys(self) -> SortKeys:
        """The order of the rows now (SORT_KEYS unless the model sorts by column)."""
        return self.SORT_KEYS

    # loading
    def refresh(self) -> None:
        """Run the query again (after a change or a new filter)."""
        self.beginResetModel()
        self._load()
        self.endResetModel()
        self.total_changed.emit(self._count)

    def reorder(self) -> None:
        """Apply a new `sort_keys()` (the count stays; nothing is read until asked for)."""
        self.beginResetModel()
        self._pages.clear()
        self._query = self._ordered_query()
        self.endResetModel()

    def _ordered_query(self) -> peewee.SelectQuery:
        return self.base_query().order_by(
            *[key.desc() if descending else key.asc() for key, descending in self.sort_keys()])

    def _load(self) -> None:
        """Read the first page; COUNT only when it is full (otherwise it holds every match)."""
        self._pages.clear()
        self._query = self._ordered_query()
        self._count = self.PAGE_SIZE  # lets the first page be read
        first = self._page(0)
        if len(first) < self.PAGE_SIZE:
            self._count = len(first)
        else:
            self._count = self._query.order_by().count()
            self.counts_run += 1

    @property
    def total(self) -> int:
        """The number of records matching the filters (the model's row count)."""
        return self._count

    @property
    def loaded_pages(self) -> int:
        return len(self._pages)

    def _page(self, number: int) -> list[tuple]:
        assert self._query is not None
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = list(self._query.limit(self.PAGE_SIZE).offset(number * self.PAGE_SIZE).tuples())
        self.pages_fetched += 1
        self._pages[number] = page
        while len(self._pages) > self.MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def row_tuple(self, row: int) -> tuple | None:
        if not 0 <= row < self._count or self._query is None:
            return None
        number, offset = divmod(row, self.PAGE_SIZE)
        page = self._page(number)
        return page[offset] if offset < len(page) else None

    def row_id(self, row: int) -> int | None:
        values = self.row_tuple(row)
        return None if values is None else values[0]

    def position_of(self, row_id: int) -> int | None:
        """The row showing record `row_id` under the current filters and order, or None."""
        for number, page in self._pages.items():
            for offset, values in enumerate(page):
                if values[0] == row_id:
                    return number * self.PAGE_SIZE + offset
        keys = self.sort_keys()
        if self._query is None or not keys or (self._count <= self.PAGE_SIZE and 0 in self._pages):
            return None  # everything is in the first page, looked through above
        id_field = keys[-1][0]
        found = list(self._query.where(id_field == row_id).select(*[key for key, _ in keys])
                     .order_by().limit(1).tuples())
        if not found:
            return None
        before: peewee.Expression | None = None
        equal: peewee.Expression | None = None
        for (key, descending), value in zip(keys, found[0], strict=True):
            ahead = key > value if descending else key < value
            term = ahead if equal is None else (equal & ahead)
            before = term if before is None else (before | term)
            same = key == value
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
                        Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.TextAlignmentRole):
            return None
        values = self.row_tuple(index.row())
        if values is None:
            return None
        return self.cell(values, index.column(), role)


def register_table(name: str, model: QAbstractItemModel, widths: dict[int, int],
                   stretch: int, keep: Sequence[int] = (0,)) -> QTableView:
    """A register's table view (object `name`) over `model`, with the register look; the
    columns `keep` never give their width to the stretching one (ColumnFitter)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    setup_register_view(view, widths, stretch, keep)
    return view


def setup_register_view(view: QTableView, widths: dict[int, int], stretch: int,
                        keep: Sequence[int] = (0,)) -> None:
    """Row selection, fixed row heights (nothing measures all rows) and column widths (the
    columns `keep` at theirs, the record's number first among them)."""
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
    kept = {column: width for column, width in widths.items() if column not in keep}
    view.viewport().installEventFilter(ColumnFitter(view, kept, stretch))


#: The share of a register table's width its stretching column (Perihal, Pemohon) keeps: the
#: column one reads a row by is never squeezed to "Undang…" by the others.
STRETCH_SHARE = 0.18
#: Columns this narrow (numbers, dates in words, sifat) keep their width; the wide text
#: columns (Dari, No. Surat) give up room, their full text in the detail and the tooltip.
KEPT_COLUMN = 135
NARROWEST_COLUMN = 80


class ColumnFitter(QObject):
    """Keeps a register table's columns inside its width: when the given `widths` leave the
    stretching column less than STRETCH_SHARE of the table (a 1366-pixel screen beside the
    side list, or a scaled one), the wide text columns shrink in proportion, rather than the
    row's main text being cut or the table scrolling sideways. Watches the viewport."""

    def __init__(self, view: QTableView, widths: dict[int, int], stretch: int,
                 share: float = STRETCH_SHARE, kept: int = KEPT_COLUMN) -> None:
        super().__init__(view)
        self.view = view
        self.widths = {column: width for column, width in widths.items() if column != stretch}
        self.stretch = stretch
        self.share = share
        self.kept = kept

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit(self.view.viewport().width())
        return False

    def fit(self, room: int) -> None:
        shown = {column: width for column, width in self.widths.items()
                 if not self.view.isColumnHidden(column) and width > self.kept}
        fixed = sum(shown.values())
        others = sum(self.view.columnWidth(column)
                     for column in range(self.view.model().columnCount())
                     if column != self.stretch and column not in shown
                     and not self.view.isColumnHidden(column))
        spare = room - others - int(room * self.share)
        scale = max(0.0, min(1.0, spare / fixed)) if fixed else 1.0
        for column, width in shown.items():
            self.view.setColumnWidth(
                column, max(min(width, NARROWEST_COLUMN), int(width * scale)))


def pick_table(name: str, columns: Sequence[str]) -> QTableWidget:
    """A small read-only table to pick one row from (a list beside its edit form)."""
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table
