"""The pieces of the SOP editor (ui.sop_editor): an editable text list (identitas lists, the
pelaksana columns), the editable steps model and its delegate (combos for the pelaksana, the
symbol and a decision's targets). They show an SOP and report edits; the editor applies the
edits (jogoroto_desktop.sop.editing) and gives the new SOP back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from jogoroto_desktop.sop.catalog import SYMBOL_LABELS, SYMBOLS, Sop, Step
from jogoroto_desktop.sop.editing import STEP_FIELDS

ModelIndex = QModelIndex | QPersistentModelIndex
PROBLEM_FILL = QColor("#f9d6d3")  # a field with a problem
PROBLEM_ROW_FILL = QColor("#fdeceb")  # the rest of its row
UNREADABLE_TEXT = "(tidak terbaca)"
# The window frame and title bar around a window's content (as the main window allows for).
WINDOW_FRAME = QSize(16, 48)
_OLD_TEXT_ROLE = Qt.ItemDataRole.UserRole + 1


def fit_window(window: QWidget, size: tuple[int, int]) -> None:
    """Give `window` `size`, or all the room of its screen when that is smaller (a 1366x768
    screen at 125% scaling has 1093x614 logical pixels)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    wanted = QSize(*size)
    if screen is not None:
        available = screen.availableGeometry()
        wanted = wanted.boundedTo(QSize(available.width() - WINDOW_FRAME.width(),
                                        available.height() - WINDOW_FRAME.height()))
    window.resize(wanted)


def shortcut_action(widget: QWidget, text: str, keys: str, slot: Callable[[], Any]) -> QAction:
    """An action on `widget` run by `keys` while the focus is in it, with the keys in its
    tooltip (what the editor's buttons show)."""
    action = QAction(text, widget)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{text} ({native})")
    action.triggered.connect(slot)
    widget.addAction(action)
    return action


def named_button(text: str, name: str, slot: Callable[[], Any], tip: str = "") -> QPushButton:
    """A push button with its object name (tests find it by that) and tooltip, running `slot`;
    never pressed by Enter by accident (ui.registers.forms.no_auto_default)."""
    button = QPushButton(text)
    button.setObjectName(name)
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(slot)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


def tool_button(action: QAction, name: str) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setObjectName(name)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab walks the fields; keys do the rest
    return button


class _TypingDelegate(QStyledItemDelegate):
    """A list item's line, reporting each keystroke as `typing(row, text)`."""

    typing = Signal(int, str)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: ModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            row = index.row()
            editor.textEdited.connect(lambda text, r=row: self.typing.emit(r, text))
        return editor


class TextListEditor(QWidget):
    """An editable list of one-line texts: type in place (F2, or just start typing), Ins adds
    an item below, Ctrl+Del removes one, Alt+Up/Alt+Down move it. `edited(items, renamed)`
    reports the whole list after each change, `renamed` mapping a changed item's old text to
    its new one (the pelaksana columns rename their steps with it)."""

    edited = Signal(list, dict)
    # The items as they would be with the item being typed in (None: the typing ended).
    typing = Signal(object)

    def __init__(self, name: str, rows: int = 4, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.list = QListWidget()
        self.list.setObjectName(f"{name}List")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row_height = self.list.fontMetrics().height() + 6
        self.list.setMinimumHeight(row_height * min(rows, 2) + 8)
        self.list.setMaximumHeight(row_height * rows + 8)
        self.list.itemChanged.connect(self._item_changed)
        delegate = _TypingDelegate(self.list)
        delegate.typing.connect(self._typing)
        delegate.closeEditor.connect(lambda *_args: self.typing.emit(None))
        self.list.setItemDelegate(delegate)
        self.add_action = shortcut_action(self.list, "Tambah", "Ins", self.add_item)
        self.remove_action = shortcut_action(self.list, "Hapus", "Ctrl+Del", self.remove_item)
        self.up_action = shortcut_action(self.list, "Naik", "Alt+Up", lambda: self.move_item(-1))
        self.down_action = shortcut_action(self.list, "Turun", "Alt+Down",
                                           lambda: self.move_item(+1))
        # Small buttons two by two beside the list (the keys are in their tooltips).
        buttons = QGridLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(2)
        for position, (action, glyph, suffix) in enumerate((
            (self.add_action, "+", "Tambah"), (self.remove_action, "\u2715", "Hapus"),
            (self.up_action, "\u2191", "Naik"), (self.down_action, "\u2193", "Turun"),
        )):
            button = tool_button(action, f"{name}{suffix}")
            button.setText(glyph)
            button.setFixedWidth(button.sizeHint().height() + 4)
            buttons.addWidget(button, position // 2, position % 2)
        buttons.setRowStretch(2, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)

    def items(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def set_items(self, items: tuple[str, ...] | list[str]) -> None:
        """Show `items` without reporting an edit; the current row stays where it can."""
        if list(items) == self.items():
            return
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for text in items:
            self.list.addItem(self._new_item(text))
        self.list.blockSignals(False)
        if self.list.count():  # current for the keys, not selected (no blue bar in every list)
            self.list.setCurrentRow(min(max(row, 0), self.list.count() - 1),
                                    QItemSelectionModel.SelectionFlag.NoUpdate)

    @staticmethod
    def _new_item(text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setData(_OLD_TEXT_ROLE, text)
        return item

    def set_problems(self, problems: dict[int, str]) -> None:
        """Mark the items (by row) that have a problem, with the reason as their tooltip."""
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            message = problems.get(row)
            item.setBackground(QBrush(PROBLEM_FILL) if message else QBrush())
            item.setToolTip(message or "")
        self.list.blockSignals(False)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _typing(self, row: int, text: str) -> None:
        items = self.items()
        if 0 <= row < len(items):
            items[row] = text.strip()
            self.typing.emit(items)

    def _item_changed(self, item: QListWidgetItem) -> None:
        old = item.data(_OLD_TEXT_ROLE)
        new = item.text().strip()
        if new != item.text():
            self.list.blockSignals(True)
            item.setText(new)
            self.list.blockSignals(False)
        item.setData(_OLD_TEXT_ROLE, new)
        renamed = {old: new} if old and new and old != new else {}
        self.edited.emit(self.items(), renamed)

    def add_item(self) -> None:
        """A new empty item below the current one, open for typing."""
        row = self.list.currentRow() + 1 if self.list.count() else 0
        item = self._new_item("")
        self.list.blockSignals(True)
        self.list.insertItem(row, item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(row)
        self.edited.emit(self.items(), {})
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.list.editItem(item)

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.blockSignals(True)
        self.list.takeItem(row)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.edited.emit(self.items(), {})

    def move_item(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.blockSignals(False)
        self.list.setCurrentRow(target)
        self.edited.emit(self.items(), {})


class StepEditModel(QAbstractTableModel):
    """The steps of the SOP being edited, one row each; edits are reported by `step_edited`
    (step no, field, value) and come back through `set_sop`. Rows with problems are tinted,
    the field at fault more strongly, with the reasons as the tooltip."""

    step_edited = Signal(int, str, object)

    # The step number is the vertical header: it stays in view when the table scrolls sideways.
    COLUMNS = STEP_FIELDS
    HEADERS = ("Kegiatan", "Pelaksana", "Simbol", "Ya", "Tidak", "Kelengkapan", "Waktu",
               "Output", "Keterangan")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sop: Sop | None = None
        self.steps: tuple[Step, ...] = ()
        # row -> field (None: the step as a whole) -> messages
        self.problems: dict[int, dict[str | None, list[str]]] = {}

    def column_of(self, name: str) -> int:
        return self.COLUMNS.index(name) if name in self.COLUMNS else 0

    def set_sop(self, sop: Sop) -> None:
        old_count = len(self.steps)
        self.sop = sop
        self.steps = sop.steps
        if len(self.steps) == old_count:
            if old_count:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(old_count - 1, len(self.COLUMNS) - 1))
        else:
            self.beginResetModel()
            self.endResetModel()

    def set_problems(self, problems: dict[int, dict[str | None, list[str]]]) -> None:
        self.problems = problems
        if self.steps:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.steps) - 1, len(self.COLUMNS) - 1))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.steps)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section] if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self.steps):
            return None
        row_problems = self.problems.get(section, {})
        if role == Qt.ItemDataRole.DisplayRole:
            return f"\u26a0 {section + 1}" if row_problems else str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and row_problems:
            lines: list[str] = []
            for messages in row_problems.values():
                lines.extend(m for m in messages if m not in lines)
            return "\n".join(lines)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        name = self.COLUMNS[index.column()]
        step = self.steps[index.row()]
        if name in ("ya", "tidak") and step.symbol != "decision":
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = self.steps[index.row()]
        name = self.COLUMNS[index.column()]
        row_problems = self.problems.get(index.row(), {})
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(step, name)
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(step, name)
            return "" if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [*row_problems.get(None, []), *row_problems.get(name, [])]
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.BackgroundRole and row_problems:
            at_fault = name in row_problems or (name == "kegiatan" and None in row_problems)
            return QBrush(PROBLEM_FILL if at_fault else PROBLEM_ROW_FILL)
        if role == Qt.ItemDataRole.ForegroundRole and name in step.unreadable:
            return QBrush(QColor("#6b6b6b"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (Qt.AlignmentFlag.AlignHCenter if name in ("ya", "tidak")
                          else Qt.AlignmentFlag.AlignLeft)
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(step: Step, name: str) -> str:
        if name == "symbol":
            return SYMBOL_LABELS.get(step.symbol, step.symbol)
        if name in ("ya", "tidak"):
            value = getattr(step, name)
            return "" if value is None else str(value)
        if name in step.unreadable:
            return UNREADABLE_TEXT
        return getattr(step, name)

    def setData(self, index: ModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        name = self.COLUMNS[index.column()]
        step = self.steps[index.row()]
        if name in ("ya", "tidak"):
            value = int(value) if str(value).strip().isdigit() else None
        elif name != "symbol":
            value = str(value).strip()
        if value == getattr(step, name):
            return False
        self.step_edited.emit(step.no, name, value)
        return True


class StepDelegate(QStyledItemDelegate):
    """Combos for the pelaksana (the SOP's columns), the symbol and a decision's Ya/Tidak
    target (the other steps, by number and kegiatan); a line for the texts, whose every
    keystroke is reported by `typing` (row, field, text) so the checks can follow it. A combo's
    choice is committed at once."""

    typing = Signal(int, str, str)

    def __init__(self, model: StepEditModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: ModelIndex) -> QWidget:
        name = StepEditModel.COLUMNS[index.column()]
        sop = self.model.sop
        if name not in ("pelaksana", "symbol", "ya", "tidak") or sop is None:
            editor = super().createEditor(parent, option, index)
            if isinstance(editor, QLineEdit):
                editor.setObjectName(f"line_{name}")
                row = index.row()
                editor.textEdited.connect(
                    lambda text, r=row, n=name: self.typing.emit(r, n, text))
            return editor
        combo = QComboBox(parent)
        combo.setObjectName(f"combo_{name}")
        if name == "pelaksana":
            for actor in sop.actors:
                combo.addItem(actor, actor)
        elif name == "symbol":
            for symbol in SYMBOLS:
                combo.addItem(SYMBOL_LABELS[symbol], symbol)
        else:
            combo.addItem("(belum dipilih)", "")
            own = index.row() + 1
            for step in sop.steps:
                if step.no != own:
                    combo.addItem(f"{step.no}. {_short(step.kegiatan)}", step.no)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split()) or "(kegiatan kosong)"
    return text if len(text) <= limit else text[: limit - 1] + "…"
