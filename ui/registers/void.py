"""The one dialog that asks for a reason before an act on a record: voiding (the record and its
number stay in the register), rejecting or returning a request."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ui.registers.forms import FormDialog, make_buttons, set_tab_order


class AlasanDialog(FormDialog):
    """Asks for a reason and runs ``action(reason)``; problems are shown under the field and
    `done` is emitted after the act. The ok button names the act; the other says "Tutup" (not
    "Batal", which would read as the act itself next to e.g. "Batalkan Surat"). `header` (the
    record the act is on) goes above the explanation `about`; `ask_before_closing` makes Esc
    ask before a typed reason is thrown away. `field` is the domain's name of the text (for
    its message), `field_object` the text box's object name."""

    acted = Signal()

    def __init__(self, title: str, about: str, ok_text: str,
                 action: Callable[[str], object], parent: QWidget | None = None,
                 hint: str = "", *, label: str = "&Alasan (wajib):", min_width: int = 480,
                 cancel_text: str = "&Tutup", header: QWidget | None = None,
                 object_name: str = "alasanDialog", ask_before_closing: bool = False,
                 field: str = "alasan", field_object: str = "alasan", lines: int = 4) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(object_name)
        self.setMinimumWidth(min_width)
        self._action = action
        self._ask_before_closing = ask_before_closing
        text = QLabel(about)
        text.setWordWrap(True)
        self.alasan = QPlainTextEdit()
        self.alasan.setObjectName(field_object)
        self.alasan.setPlaceholderText(hint)
        self.alasan.setTabChangesFocus(True)
        self.alasan.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 12)
        label_widget = QLabel(label)
        label_widget.setBuddy(self.alasan)
        layout = QVBoxLayout(self)
        if header is not None:
            layout.addWidget(header)
        layout.addWidget(text)
        layout.addWidget(label_widget)
        layout.addWidget(self.field(field, self.alasan))
        layout.addWidget(self.messages.general)
        layout.addStretch(1)
        layout.addLayout(make_buttons(self, ok_text, self.save, cancel_text=cancel_text,
                                      ok_tip="Ctrl+S", auto_default=False))
        set_tab_order([self.alasan, self.ok_button, self.cancel_button])
        self.alasan.setFocus()

    def is_dirty(self) -> bool:
        return self._ask_before_closing and bool(self.alasan.toPlainText().strip())

    def save(self) -> bool:
        with self.messages.showing_problems():
            self._action(self.alasan.toPlainText())
            self.clear_problems()
            self.acted.emit()
            self.accept()
            return True
        return False
