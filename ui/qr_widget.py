"""A signed QR code painted on screen from the same module matrix the PDF draws
(`jogoroto_desktop.qr.qr_matrix`): one filled square per dark module, with a white quiet zone,
so a phone or a scanner can read it off the monitor."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from jogoroto_desktop.qr import qr_matrix

QUIET_MODULES = 4
MODULE_PIXELS = 4  # preferred size of one module on screen


class QrWidget(QWidget):
    """Shows the QR code of `payload` (nothing while it is empty), scaled to whole pixels per
    module so the code stays crisp."""

    def __init__(self, payload: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrCode")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._payload = ""
        self._matrix: list[list[bool]] = []
        self.set_payload(payload)

    @property
    def payload(self) -> str:
        return self._payload

    def set_payload(self, payload: str) -> None:
        self._payload = payload
        self._matrix = qr_matrix(payload) if payload else []
        self.setToolTip(payload)
        self.setVisible(bool(payload))
        self.updateGeometry()
        self.update()

    def _side_modules(self) -> int:
        return len(self._matrix) + 2 * QUIET_MODULES if self._matrix else 0

    def sizeHint(self) -> QSize:
        side = self._side_modules() * MODULE_PIXELS
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        side = self._side_modules() * 2
        return QSize(side, side)

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self._matrix:
            return
        painter = QPainter(self)
        side = min(self.width(), self.height())
        modules = self._side_modules()
        unit = max(1, side // modules)  # whole pixels: no blurred module edges
        size = unit * modules
        left = (self.width() - size) // 2
        top = (self.height() - size) // 2
        painter.fillRect(QRectF(left, top, size, size), QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        origin_x = left + QUIET_MODULES * unit
        origin_y = top + QUIET_MODULES * unit
        for r, row in enumerate(self._matrix):
            c = 0
            while c < len(row):  # one rectangle per run of dark modules
                if not row[c]:
                    c += 1
                    continue
                start = c
                while c < len(row) and row[c]:
                    c += 1
                painter.drawRect(QRectF(origin_x + start * unit, origin_y + r * unit,
                                        (c - start) * unit, unit))
        painter.end()
