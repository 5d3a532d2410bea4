"""The detail pane under a register's table: a centred hint while nothing is selected,
otherwise the selected record's fields (read-only, selectable labels), often beside its SOP
progress."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedLayout,
    QTableView,
    QWidget,
)

from ui.registers.table import ColumnFitter


def add_value_rows(form: QFormLayout, names: Sequence[str]) -> dict[str, QLabel]:
    """A "Name:" row in `form` for each name, its value a wrapped label the user can select and
    copy from (object name ``detail_<name>``); the value labels by name."""
    values: dict[str, QLabel] = {}
    for name in names:
        value = QLabel()
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setObjectName(f"detail_{name.lower().replace(' ', '_')}")
        values[name] = value
        form.addRow(f"{name}:", value)
    return values


def scrolling_fields(form: QFormLayout, min_width: int) -> QScrollArea:
    """`form` in a frameless area that scrolls down (never sideways) when the pane is short."""
    inner = QWidget()
    inner.setLayout(form)
    fields = QScrollArea()
    fields.setObjectName("detailFields")
    fields.setWidget(inner)
    fields.setWidgetResizable(True)
    fields.setFrameShape(QScrollArea.Shape.NoFrame)
    fields.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    fields.setMinimumWidth(min_width)
    return fields


def detail_table(name: str, model: QAbstractItemModel, widths: Mapping[int, int],
                 stretch: int) -> QTableView:
    """A read-only table of a few rows in a detail pane (object `name`): no selection or
    focus, text wrapped and each row as tall as its text, column `stretch` taking the room
    left by `widths`."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setWordWrap(True)
    view.verticalHeader().hide()
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    header = view.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in widths.items():
        view.setColumnWidth(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Beside the fields the pane is narrow: the other columns give way to the wrapped text.
    view.viewport().installEventFilter(ColumnFitter(view, dict(widths), stretch, share=0.3,
                                                    kept=60))
    return view


def fields_beside(fields: QWidget, right: QWidget, sizes: tuple[int, int]) -> QSplitter:
    """The record's fields on the left, growing `right` (its SOP progress) beside them."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(fields)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    return splitter


class DetailPane(QWidget):
    """Base of the register detail panes. A subclass names its rows in `FIELDS`, builds its
    body (`value_form()` makes the rows and `values`) and hands it to `set_body()`;
    `show_empty()` switches between the hint and the body, `set_values()` fills the rows."""

    FIELDS: tuple[str, ...] = ()

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.values: dict[str, QLabel] = {}

    def value_form(self, *, grow: bool = False) -> QFormLayout:
        """A form with a right-aligned "Name:" row per name in FIELDS (`values`)."""
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        if grow:
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values = add_value_rows(form, self.FIELDS)
        return form

    def set_body(self, hint: str, body: QWidget) -> None:
        """Lay out the pane: the centred `hint` while nothing is selected, otherwise `body`.
        Stacked, so the pane is as large with the hint as with a record (the splitter above
        does not resize it when the first record is shown)."""
        self.body = body
        self.empty = QLabel(hint)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self.empty)
        self._stack.addWidget(body)

    def set_body_beside_progress(self, hint: str, form: QFormLayout, min_width: int,
                                 progress: QWidget, sizes: tuple[int, int]) -> None:
        """The body as the fields (`form`, scrolling) on the left of `progress` (the SOP
        progress pane); the splitter is `splitter`."""
        self.splitter = fields_beside(scrolling_fields(form, min_width), progress, sizes)
        self.set_body(hint, self.splitter)

    def show_empty(self, empty: bool) -> None:
        self._stack.setCurrentWidget(self.empty if empty else self.body)

    def show_record(self, record: Any) -> None:
        """Show `record` (None: the hint)."""
        raise NotImplementedError(f"{type(self).__name__} must define show_record()")

    def set_values(self, texts: Mapping[str, str]) -> None:
        for name, text in texts.items():
            self.values[name].setText(text)
