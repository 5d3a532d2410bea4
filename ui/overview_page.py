"""The overview a seksi tab opens on: big numbers (baru hari ini, dalam proses, terlambat, siap
diambil, and whatever other registers add through ``jogoroto_desktop.overview``), each a button
that opens the list behind it. Counts are read when the page is shown (one query) and after
the desk changed something."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.sop.catalog import SEKSI_BY_ID
from ui.icons import icon
from ui.item_models import bold_font
from ui.registers.flow import FlowLayout

if TYPE_CHECKING:
    from jogoroto_desktop import overview

WAIT_FOR_DATABASE_MS = 250
#: While the overview is on screen it counts again this often, so what the other PCs of the
#: office wrote shows up without pressing Segarkan.
AUTO_REFRESH_MS = 60_000
LATE_COLOR = "#9c1c1c"


def _database_open() -> bool:
    """Without importing the database layer: the window is built (and this page shown) before
    the database opens, and importing peewee then would slow the start-up down."""
    models = sys.modules.get("models")
    if models is None:
        return False
    database = models.db.obj
    return database is not None and not database.is_closed()


class AngkaButton(QPushButton):
    """A big number with its label under it; a click (or Enter/Space) opens its list."""

    def __init__(self, angka: overview.Angka, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Imported here, not with the module: this page is built before the first paint and
        # reading PySide6's Qt namespace costs ~35 ms (tests/test_startup_path.py).
        from PySide6.QtCore import Qt

        self.setObjectName(f"angka_{angka.label}")
        self.setMinimumSize(200, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.number = QLabel()
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = bold_font()
        font.setPointSizeF(max(font.pointSizeF(), 9) * 3.2)
        self.number.setFont(font)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)  # "Berkas kepegawaian terlambat" on a narrow tile
        caption_font = self.caption.font()
        caption_font.setPointSizeF(max(caption_font.pointSizeF(), 9) * 1.25)
        self.caption.setFont(caption_font)
        for label in (self.number, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self.angka = angka
        self.show_angka(angka)

    def show_angka(self, angka: overview.Angka) -> None:
        self.angka = angka
        self.number.setText(f"{angka.jumlah:,}".replace(",", "."))
        self.caption.setText(angka.label)
        alarm = angka.penting and angka.jumlah > 0
        color = f"color: {LATE_COLOR};" if alarm else ""
        self.number.setStyleSheet(color)
        self.caption.setStyleSheet(color)
        self.setAccessibleName(f"{angka.label}: {angka.jumlah}")
        self.setToolTip(f"Buka daftar: {angka.label}")


class OverviewPage(QWidget):
    """The numbers of one seksi's desk. ``open_requested(open_key)`` asks the tab to open the
    list behind a number; ``rekap_requested`` the service recap."""

    open_requested = Signal(str)
    rekap_requested = Signal()

    def __init__(self, seksi_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.seksi_id = seksi_id
        self.buttons: dict[str, AngkaButton] = {}
        self.summary: overview.Ringkasan | None = None
        title = QLabel(f"Meja {SEKSI_BY_ID[seksi_id].name}")
        title_font = bold_font()
        title_font.setPointSizeF(max(title_font.pointSizeF(), 9) * 1.5)
        title.setFont(title_font)
        self.updated = QLabel()
        self.updated.setObjectName("diperbarui")
        self.note = QLabel()
        self.note.setObjectName("catatanRingkasan")
        self.note.setWordWrap(True)
        self.refresh_button = QPushButton("&Segarkan")
        self.refresh_button.setObjectName("segarkanButton")
        self.refresh_button.clicked.connect(self.refresh)
        self.rekap_button = QPushButton("&Rekap Layanan…")
        self.rekap_button.setObjectName("rekapButton")
        self.rekap_button.clicked.connect(self.rekap_requested.emit)
        self.refresh_button.setIcon(icon("refresh"))
        self.rekap_button.setIcon(icon("report-analytics"))
        header = FlowLayout(spacing=8)  # the long seksi names wrap the buttons under them
        for part in (title, self.updated, self.refresh_button, self.rekap_button):
            header.addWidget(part)
        # Four tiles a line where there is room, fewer on a narrow (scaled) screen.
        self.grid = FlowLayout(spacing=14, columns=4)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addSpacing(8)
        layout.addLayout(self.grid)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(WAIT_FOR_DATABASE_MS)
        self._retry.timeout.connect(self.refresh)
        self.auto_refresh = QTimer(self)
        self.auto_refresh.setInterval(AUTO_REFRESH_MS)
        self.auto_refresh.timeout.connect(self.refresh)

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        self.auto_refresh.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.auto_refresh.stop()  # a hidden overview costs the database nothing
        super().hideEvent(event)

    def refresh(self, now: dt.datetime | None = None) -> None:
        """Count again; while the database is still opening, try again shortly."""
        if not _database_open():
            self.updated.setText("Menunggu basis data dibuka…")
            self._retry.start()
            return
        from jogoroto_desktop import overview

        summary = overview.ringkasan(self.seksi_id, now)
        self.summary = summary
        numbers = [*(summary.angka_layanan() if summary.punya_layanan else []),
                   *summary.lainnya]
        keep = {angka.label for angka in numbers}
        for label in [label for label in self.buttons if label not in keep]:
            self.buttons.pop(label).deleteLater()
        for angka in numbers:
            button = self.buttons.get(angka.label)
            if button is None:
                button = AngkaButton(angka, self)
                button.clicked.connect(lambda _=False, b=button: self.open_requested.emit(
                    b.angka.open_key))
                self.buttons[angka.label] = button
            else:
                button.show_angka(angka)
        while self.grid.count():  # the tiles again in the order counted
            self.grid.takeAt(0)
        for angka in numbers:
            self.grid.addWidget(self.buttons[angka.label])
        self.rekap_button.setVisible(summary.punya_layanan)
        if not summary.punya_layanan and not numbers:
            self.note.setText("Seksi ini tidak melayani permohonan warga di loket; "
                              "SOP-nya ada di Katalog SOP.")
        elif summary.punya_layanan:
            self.note.setText("Terlambat: masih diproses melewati standar waktu SOP. Klik "
                              "sebuah angka untuk membuka daftarnya.")
        else:
            self.note.setText("Klik sebuah angka untuk membuka daftarnya.")
        moment = now or dt.datetime.now()
        self.updated.setText(f"Diperbarui pukul {moment:%H.%M}")
