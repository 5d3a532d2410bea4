"""The "Langkah berikutnya" panel above the desks after the first-run setup: create the
accounts, check the kop, import the old agenda; each button opens that place. It stays until
the administrator closes it (jogoroto_desktop.setup.close_next_steps)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from jogoroto_desktop import session, setup
from jogoroto_desktop.validation import ValidationError
from ui.icons import icon
from ui.registers.flow import FlowLayout

PANEL_STYLE = """
QFrame#langkahBerikutnya { background: #eef6ff; border: 1px solid #b6d4f2; border-radius: 6px; }
QFrame#langkahBerikutnya QLabel { background: transparent; border: none; }
"""
#: The icon of each step's button (ui.icons names).
STEP_ICONS = {"akun": "users", "kop": "settings", "impor": "file-import"}


class NextStepsPanel(QFrame):
    """A numbered list of the steps the signed-in person may take, a button each, and
    "Tutup" (`closed` once the closing is stored). `step_requested(key)` asks for a step."""

    step_requested = Signal(str)
    closed = Signal()

    def __init__(self, steps: tuple[setup.NextStep, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("langkahBerikutnya")
        self.setStyleSheet(PANEL_STYLE)
        title = QLabel("<b>Langkah berikutnya</b> \u2014 penyiapan awal selesai. Sebelum "
                       "mulai bekerja:")
        title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(title)
        self.buttons: dict[str, QPushButton] = {}
        row = FlowLayout(spacing=8)
        for number, step in enumerate(steps, 1):
            button = QPushButton(icon(STEP_ICONS.get(step.key, "check")),
                                 f"&{number}. {step.judul}\u2026")
            button.setObjectName(f"langkah_{step.key}")
            button.setToolTip(step.keterangan)
            button.clicked.connect(lambda _c=False, key=step.key: self.step_requested.emit(key))
            self.buttons[step.key] = button
            row.addWidget(button)
        self.close_button = QPushButton("&Tutup panel ini")
        self.close_button.setObjectName("tutupLangkah")
        self.close_button.setToolTip("Langkah-langkah ini tetap bisa dikerjakan kapan saja "
                                     "dari menu Akun \u203a Kelola Pengguna, Berkas \u203a "
                                     "Pengaturan dan Berkas \u203a Impor Agenda Lama.")
        self.close_button.clicked.connect(self.close_for_good)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("pesanLangkah")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

    def close_for_good(self) -> None:
        try:
            setup.close_next_steps()
        except ValidationError as exc:  # PermissionDenied included
            self.message.setText(" ".join(exc.problems.values()))
            self.message.show()
            return
        self.hide()
        self.closed.emit()


def attach_next_steps(window: QWidget, actions: dict[str, Callable[[], object]] | None = None
                      ) -> NextStepsPanel | None:
    """Show the panel above the desks of `window` (a ui.main_window.MainWindow) when the
    signed-in person has next steps; None when there are none."""
    steps = setup.next_steps_for(session.current_actor())
    if not steps:
        return None
    panel = NextStepsPanel(steps)
    actions = actions if actions is not None else default_actions(window)
    panel.step_requested.connect(lambda key: actions[key]())
    tabs = window.takeCentralWidget()  # type: ignore[attr-defined]
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(6, 6, 6, 0)
    layout.setSpacing(6)
    layout.addWidget(panel)
    layout.addWidget(tabs, 1)
    window.setCentralWidget(holder)  # type: ignore[attr-defined]
    tabs.show()  # taken out of the window, it was hidden
    holder.show()
    window.next_steps = panel  # type: ignore[attr-defined]
    return panel


def default_actions(window: QWidget) -> dict[str, Callable[[], object]]:
    """Each step's place: Kelola Pengguna, Pengaturan on its Kop Surat tab, the agenda import."""
    from ui.desk import open_import_agenda, open_settings

    def kop() -> None:
        open_settings(window)  # type: ignore[arg-type]
        dialog = window.settings_dialog  # type: ignore[attr-defined]
        dialog.tabs.setCurrentWidget(dialog.kop_tab)

    return {"akun": window.open_users_dialog,  # type: ignore[attr-defined]
            "kop": kop, "impor": lambda: open_import_agenda(window)}  # type: ignore[arg-type]
