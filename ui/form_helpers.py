"""Pieces the dialogs and forms share: red messages next to the fields they belong to, "Enter
moves to the next field", the [Simpan] [Batal] row with Ctrl+S, tab order, completers, and the
read-only field rows of the register pages' detail panes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.validation import ValidationError

ERROR_COLOR = QColor("#b3261e")


class FieldMessages:
    """Red messages under form fields, keyed by the domain's field names."""

    def __init__(self, general: QLabel | None = None) -> None:
        if general is None:  # the label for problems that belong to no field; hidden until used
            general = QLabel()
            general.setObjectName("pesanUmum")
            general.hide()
        self.general = general
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        style_error_label(general)

    def form(self, rows: Sequence[tuple[str, str, QWidget]],
             align_right: bool = False) -> QFormLayout:
        """A form of (label text with its &mnemonic, field name, widget) rows, each widget
        wrapped with its message label and the buddy of its label."""
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        if align_right:
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for text, name, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, self.field(name, widget))
        return form

    def field(self, name: str, widget: QWidget) -> QWidget:
        """Wrap `widget` with its (hidden) message label; returns the widget to put in a form."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel()
        label.setObjectName(f"error_{name}")
        style_error_label(label)
        label.hide()
        layout.addWidget(label)
        self.labels[name] = label
        self.widgets[name] = widget
        return box

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.hide()
        self.general.clear()
        self.general.hide()

    def show(self, problems: dict[str, str]) -> None:
        """Show each problem next to its field (others in the general label); focus the first
        field with a problem."""
        self.clear()
        others = [text for name, text in problems.items() if name not in self.labels]
        first: QWidget | None = None
        for name, label in self.labels.items():  # in the order of the form
            if name not in problems:
                continue
            label.setText(problems[name])
            label.show()
            if first is None:
                first = self.widgets[name]
        summary = "Periksa isian yang diberi keterangan merah." if first is not None else ""
        self.general.setText("\n".join([*others, summary] if summary else others))
        self.general.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    @contextmanager
    def showing_problems(self) -> Iterator[None]:
        """Run the block (a dialog's save: the service call, then ``accept()``); when it raises
        a ValidationError, show its problems instead and leave the dialog open. A refusal
        (PermissionDenied) is a ValidationError too, shown under the problem ``izin``."""
        try:
            yield
        except ValidationError as exc:
            self.show(exc.problems)

    def message(self, name: str) -> str:
        label = self.labels.get(name)
        return label.text() if label is not None and not label.isHidden() else ""


def style_error_label(label: QLabel) -> None:
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR)
    label.setPalette(palette)


class EnterMovesOn(QObject):
    """Event filter: Enter/Return in a field moves to the next field instead of closing the
    dialog (people used to paper forms press Enter after each entry)."""

    def __init__(self, dialog: QWidget) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)
            if isinstance(widget, QComboBox) and widget.isEditable():
                line = widget.lineEdit()
                line.installEventFilter(self)
                # With the completer's popup open, Enter reaches the line edit without passing
                # event filters; it still emits returnPressed.
                line.returnPressed.connect(self.move_on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.move_on()
            return True
        return super().eventFilter(watched, event)

    def move_on(self) -> None:
        """Focus the next field, as Tab does."""
        self.dialog.focusNextChild()


def no_auto_default(*buttons: QPushButton) -> None:
    """Enter on a field never presses these buttons by accident."""
    for button in buttons:
        button.setAutoDefault(False)
        button.setDefault(False)


def button_row(*buttons: QWidget, lead: QWidget | None = None) -> QHBoxLayout:
    """The bottom row of a dialog: `lead` (a hint) on the left, `buttons` right-aligned."""
    row = QHBoxLayout()
    if lead is not None:
        row.addWidget(lead)
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def make_buttons(dialog: QDialog, ok_text: str, save: Callable[[], Any], *,
                 cancel_text: str = "Batal", ok_tip: str = "Simpan (Ctrl+S)",
                 extra: Sequence[QPushButton] = (), lead: QWidget | None = None,
                 auto_default: bool = True) -> QHBoxLayout:
    """The bottom row of a form: [`extra`…] [ok_text (Ctrl+S)] [Batal (Esc)], right-aligned.
    The buttons become `dialog.ok_button` and `dialog.cancel_button`; `auto_default=False`
    keeps Enter from pressing any of them unless it has the focus."""
    ok = QPushButton(ok_text)
    ok.setObjectName("saveButton")
    ok.setToolTip(ok_tip)
    ok.clicked.connect(save)
    cancel = QPushButton(cancel_text)
    cancel.setObjectName("cancelButton")
    cancel.setToolTip("Tutup tanpa menyimpan (Esc)")
    cancel.clicked.connect(dialog.reject)
    if not auto_default:
        no_auto_default(*extra, ok, cancel)
    shortcut = QShortcut(QKeySequence.StandardKey.Save, dialog)
    shortcut.activated.connect(save)
    dialog.ok_button = ok  # type: ignore[attr-defined]
    dialog.cancel_button = cancel  # type: ignore[attr-defined]
    return button_row(*extra, ok, cancel, lead=lead)


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


def contains_completer(model: Any, parent: QObject | None = None, *,
                       popup: bool = False) -> QCompleter:
    """A case-insensitive completer matching anywhere in the text (a list or an item model);
    `popup` shows every match in a popup list."""
    completer = QCompleter(model, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    if popup:
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completer


def page_shortcut(page: QWidget, text: str, key: QKeySequence.StandardKey,
                  slot: Callable[[], Any]) -> QAction:
    """An action on `page` that runs `slot` on `key` (e.g. Ctrl+N) while the focus is anywhere
    on the page, so the same key can mean "new" on each register page of a tab."""
    action = QAction(text, page)
    action.setShortcut(key)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    page.addAction(action)
    return action


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


class AlasanDialog(QDialog):
    """Asks for a reason and runs ``action(reason)``; problems are shown under the field.
    The ok button names the act; the other says "Tutup" (not "Batal", which would read as
    the act itself next to e.g. "Batalkan Surat")."""

    def __init__(self, title: str, about: str, ok_text: str,
                 action: Callable[[str], None], parent: QWidget | None = None,
                 hint: str = "", *, label: str = "&Alasan (wajib):",
                 min_width: int = 480) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("alasanDialog")
        self.setMinimumWidth(min_width)
        self._action = action
        text = QLabel(about)
        text.setWordWrap(True)
        self.alasan = QPlainTextEdit()
        self.alasan.setObjectName("alasan")
        self.alasan.setPlaceholderText(hint)
        self.alasan.setTabChangesFocus(True)
        self.alasan.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.messages = FieldMessages()
        label_widget = QLabel(label)
        label_widget.setBuddy(self.alasan)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(label_widget)
        layout.addWidget(self.messages.field("alasan", self.alasan))
        layout.addWidget(self.messages.general)
        layout.addStretch(1)
        layout.addLayout(make_buttons(self, ok_text, self.save, cancel_text="&Tutup"))
        set_tab_order([self.alasan, self.ok_button, self.cancel_button])
        self.alasan.setFocus()

    def save(self) -> None:
        with self.messages.showing_problems():
            self._action(self.alasan.toPlainText())
            self.accept()


def hint_or_body(owner: QWidget, hint: str, body: QWidget) -> QLabel:
    """Lay out a register's detail pane: a centred hint while nothing is selected, otherwise
    `body` (the caller shows one or the other). Returns the hint label."""
    empty = QLabel(hint)
    empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(empty)
    layout.addWidget(body)
    return empty


def fields_beside(fields: QWidget, right: QWidget, sizes: tuple[int, int]) -> QSplitter:
    """The record's fields on the left, growing `right` (its SOP progress) beside them."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(fields)
    splitter.addWidget(right)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes(list(sizes))
    return splitter
