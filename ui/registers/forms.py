"""The one form framework of the program: `FormDialog` (red messages next to the fields they
belong to, Esc asking before typed text is lost, Enter on a focused button pressing it), the
`FieldMessages` it is built on (usable alone in tabs and wizards), "Enter moves to the next
field", the [Simpan] [Batal] row with Ctrl+S, tab order and completers."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.registers.edits import EditConflict
from jogoroto_desktop.validation import ValidationError
from ui.registers.dates import INDONESIA

RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Messages and live checks: red for a problem, green for a valid entry, grey for a hint.
ERROR_COLOR, OK_COLOR, HINT_COLOR = QColor("#b3261e"), QColor("#1e6b2e"), QColor("#6b6b6b")


class FieldMessages:
    """Red messages under form fields, keyed by the domain's field names."""

    def __init__(self, general: QLabel | None = None, reserve_lines: int = 0) -> None:
        """With `reserve_lines`, each field's message label keeps that many lines of space
        while empty, so the fields below never move when a message appears or goes."""
        if general is None:  # the label for problems that belong to no field; hidden until used
            general = QLabel()
            general.setObjectName("pesanUmum")
            general.hide()
        self.general = general
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        self.reserve_lines = reserve_lines
        style_error_label(general)

    def form(self, rows: Sequence[tuple[str, str, QWidget]], spacing: int | None = None,
             hints: Mapping[str, QWidget] | None = None) -> QFormLayout:
        """A `form_layout` of (label text with its &mnemonic, field name, widget) rows, each
        widget wrapped with its message label (and its `hints` line) and the buddy of its
        label."""
        form = form_layout()
        if spacing is not None:
            form.setHorizontalSpacing(spacing)
        for text, name, widget in rows:
            label = QLabel(with_colon(text))
            label.setBuddy(widget)
            box = self.field(name, widget)
            if hints and name in hints:
                box.layout().addWidget(hints[name])
            form.addRow(label, box)
        return form

    def field(self, name: str, widget: QWidget) -> QWidget:
        """Wrap `widget` with its (hidden) message label; returns the widget to put in a form.
        A date keeps its own width; its message may still use the whole row."""
        box = QWidget()
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if not isinstance(widget, QDateTimeEdit):
            layout.addWidget(widget)
        else:
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(widget)
            row.addStretch(1)
            layout.addLayout(row)
        label = QLabel()
        label.setObjectName(f"error_{name}")
        style_error_label(label)
        if self.reserve_lines:
            label.setMinimumHeight(label.fontMetrics().lineSpacing() * self.reserve_lines)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        else:
            label.hide()
        layout.addWidget(label)
        self.labels[name] = label
        self.widgets[name] = widget
        return box

    def clear(self) -> None:
        for label in self.labels.values():
            label.clear()
            label.setHidden(not self.reserve_lines)
        self.general.clear()
        self.general.hide()

    def refresh(self, problems: dict[str, str]) -> None:
        """Keep the messages shown current as the fields change: a message whose field is now
        right goes, one still wrong gets its new text; fields not yet complained about are
        left alone while they are being typed."""
        for name, label in self.labels.items():
            if not label.text():
                continue
            if name in problems:
                label.setText(problems[name])
            else:
                label.clear()
                label.setHidden(not self.reserve_lines)
        if not any(label.text() for label in self.labels.values()):
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
            focus_field(first)

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

    def text(self, name: str) -> str:
        """The message shown for field `name`, or the general one for a name with no field
        ("" when none is shown)."""
        label = self.labels.get(name, self.general)
        return label.text() if not label.isHidden() else ""


def with_colon(text: str) -> str:
    """A field's label as every form and filter bar writes it: "Tahun:" (one colon, no
    space before it)."""
    text = text.rstrip()
    return text if not text or text.endswith(":") else f"{text}:"


def form_layout() -> QFormLayout:
    """The form of every dialog and pane: labels right-aligned against their fields (the
    labels end in a colon: `with_colon`), fields taking the width."""
    form = QFormLayout()
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    # Fields take the width (a wrapped value keeps its lines whole); a date keeps its own
    # width where FieldMessages.field puts it.
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


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


def widget_row(first: QWidget, *rest: QWidget) -> QWidget:
    """Widgets side by side as one form field (no margins); `first` takes the free width."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(first, 1)
    for widget in rest:
        layout.addWidget(widget)
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




def live_check(parse: Callable[[str], Any], error: type[Exception], empty: str,
               tell: Callable[[Any], str]) -> Callable[[str], tuple[bool, str]]:
    """A `CheckedHint` describer: `empty` while nothing is typed, `tell(parse(text))` when the
    domain's `parse` accepts the text, else the `error` it raised."""
    def describe(text: str) -> tuple[bool, str]:
        if not text.strip():
            return False, empty
        try:
            return True, tell(parse(text))
        except error as exc:
            return False, str(exc)
    return describe


class CheckedHint(QLabel):
    """The line under a field checked as it is typed (a NIK, a NIP): `describe(text)` gives
    (valid, what to say); green when valid, red when not, grey while the field is empty."""

    def __init__(self, edit: QLineEdit, describe: Callable[[str], tuple[bool, str]],
                 name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWordWrap(True)
        self._describe = describe
        edit.textChanged.connect(self.check)
        self.check(edit.text())

    def check(self, text: str) -> None:
        valid, message = self._describe(text)
        color = OK_COLOR if valid else (ERROR_COLOR if text.strip() else HINT_COLOR)
        self.setText(message)
        self.setStyleSheet(f"color: {color.name()};")


def focus_field(widget: QWidget) -> None:
    """Focus a field ready for typing over its content."""
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    if isinstance(widget, QDateTimeEdit):
        widget.setSelectedSection(widget.sectionAt(0))
    elif isinstance(widget, QLineEdit):
        widget.selectAll()
    elif isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        widget.lineEdit().selectAll()


class EnterMovesFocus(QObject):
    """Enter in a field moves to the next field of `order` (the last one moves to `last`).
    In a multi-line field Shift+Enter starts a new line."""

    def __init__(self, order: Sequence[QWidget], last: QWidget, parent: QObject) -> None:
        super().__init__(parent)
        self.order = list(order)
        self.last = last
        for widget in self.order:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in RETURN_KEYS:
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if isinstance(watched, QPlainTextEdit) and modifiers == Qt.KeyboardModifier.ShiftModifier:
            watched.insertPlainText("\n")
            return True
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        if isinstance(watched, QComboBox):
            completer = watched.completer()
            if watched.view().isVisible() or (completer and completer.popup().isVisible()):
                return False
        self.move_from(watched)
        return True

    def move_from(self, widget: QObject) -> None:
        index = self.order.index(widget) if widget in self.order else len(self.order) - 1
        target = self.order[index + 1] if index + 1 < len(self.order) else self.last
        focus_field(target)


def confirm(parent: QWidget | None, title: str, text: str, yes: str, no: str) -> bool:
    """Ask a yes/no question with Indonesian button texts; True when `yes` was chosen."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def name_window(window: QWidget, title: str, name: str, size: tuple[int, int]) -> None:
    """A window's title, its object name (tests find it by that) and its first size."""
    window.setWindowTitle(title)
    window.setObjectName(name)
    window.resize(*size)


def named_line(name: str, placeholder: str = "", text: str = "") -> QLineEdit:
    """A one-line field with its object name (tests and the style sheet find it by that)."""
    edit = QLineEdit(text)
    edit.setObjectName(name)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


class FormDialog(QDialog):
    """The base of every register's form: `messages` (red text under each field, keyed by the
    domain's field names, and a general line), Esc asking before typed text is lost
    (`is_dirty`), and Enter on a focused button pressing it. `lay_out` builds the usual
    dialog from its rows."""

    def __init__(self, parent: QWidget | None = None, *, title: str = "", name: str = "",
                 min_width: int = 0) -> None:
        super().__init__(parent)
        self.setLocale(INDONESIA)
        self.messages = FieldMessages()
        if title:
            self.setWindowTitle(title)
        if name:
            self.setObjectName(name)
        if min_width:
            self.setMinimumWidth(min_width)

    def lay_out(self, rows: Sequence[tuple[str, str, QWidget]], ok_text: str,
                save: Callable[[], Any], *, intro: QWidget | None = None,
                below: QWidget | None = None, focus: QWidget | None = None,
                stretch: bool = False,
                hints: Mapping[str, QWidget] | None = None) -> QVBoxLayout:
        """The usual form top-down: `intro`, the labelled `rows` (label, field name, widget)
        with their messages, `below`, the general message, [ok_text] [Batal]. Enter moves
        through the rows; `focus` (default the first row) starts with the focus."""
        layout = QVBoxLayout(self)
        if intro is not None:
            layout.addWidget(intro)
        layout.addLayout(self.messages.form(rows, hints=hints))
        if below is not None:
            layout.addWidget(below)
        layout.addWidget(self.messages.general)
        if stretch:
            layout.addStretch(1)
        layout.addLayout(make_buttons(self, ok_text, save))
        fields = [widget for _text, _name, widget in rows]
        self.enter = EnterMovesOn(self)
        self.enter.watch(*fields)
        set_tab_order([*fields, self.ok_button, self.cancel_button])  # type: ignore[attr-defined]
        (focus or fields[0]).setFocus()
        return layout

    def field(self, name: str, widget: QWidget) -> QWidget:
        """Register `widget` as field `name`; returns it with its message label below."""
        return self.messages.field(name, widget)

    def error_text(self, name: str) -> str:
        """The message shown for field `name` (or the general one); "" when none is shown."""
        return self.messages.text(name)

    def show_problems(self, problems: dict[str, str]) -> None:
        self.messages.show(problems)

    def clear_problems(self) -> None:
        self.messages.clear()

    def is_dirty(self) -> bool:
        """True when the user typed something that would be lost."""
        return False

    # Editing a stored record: another PC may have saved it meanwhile.
    def add_reload_button(self, position: int, tip: str) -> None:
        """ "Muat Ulang" at `position` of the dialog's layout, shown after an edit conflict:
        it loads the record as stored now (`load_stored`)."""
        self.reload_button = QPushButton("&Muat Ulang")
        self.reload_button.setObjectName("muatUlang")
        self.reload_button.setToolTip(tip)
        self.reload_button.clicked.connect(self.reload)
        self.reload_button.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(position, self.reload_button, 0, Qt.AlignmentFlag.AlignLeft)

    def load_stored(self) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define load_stored()")

    def reload(self) -> None:
        self.load_stored()
        self.clear_problems()
        self.reload_button.hide()

    @contextmanager
    def showing_conflicts(self) -> Iterator[None]:
        """Like `FieldMessages.showing_problems`; an edit conflict also offers "Muat Ulang"."""
        try:
            yield
        except EditConflict as exc:
            self.show_problems(exc.problems)
            self.reload_button.show()
        except ValidationError as exc:
            self.show_problems(exc.problems)

    def reject(self) -> None:
        if self.is_dirty() and not confirm(
            self, "Buang isian?",
            "Isian yang sudah diketik belum disimpan.\nTutup jendela ini dan buang isiannya?",
            "Buang isian", "Lanjut mengisi",
        ):
            return
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a focused button presses it (buttons are never default by accident)."""
        focused = self.focusWidget()
        if (event.key() in RETURN_KEYS and isinstance(focused, QAbstractButton)
                and not isinstance(focused, QCheckBox)):
            focused.click()
            return
        super().keyPressEvent(event)
