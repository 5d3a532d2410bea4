"""Verifikasi Dokumen: scan or type the QR code of a printed form and see whether it is genuine
and which record it names."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.qr import PayloadError
from jogoroto_desktop.verification import VerifiedRecord, verify_document

GENUINE_STYLE = "background:#e3f6e5; border:1px solid #58a55c; padding:10px;"
REFUSED_STYLE = "background:#fde8e8; border:1px solid #c84141; padding:10px;"


class VerifyDialog(QDialog):
    """A keyboard-wedge scanner types the code and Enter into the field; so can a person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verifikasi Dokumen")
        self.setObjectName("verifyDialog")
        self.resize(560, 320)
        self.record: VerifiedRecord | None = None
        intro = QLabel("Pindai kode QR pada dokumen, atau ketik isinya, lalu tekan Enter.")
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("kodeDokumen")
        self.code.setPlaceholderText("JGR1:SM:2026:12:…")
        self.code.returnPressed.connect(self.check)
        check = QPushButton("&Periksa")
        check.clicked.connect(self.check)
        row = QHBoxLayout()
        label = QLabel("&Kode:")
        label.setBuddy(self.code)
        row.addWidget(label)
        row.addWidget(self.code, 1)
        row.addWidget(check)
        self.result = QLabel()
        self.result.setObjectName("hasilVerifikasi")
        self.result.setWordWrap(True)
        self.result.hide()
        close = QPushButton("&Tutup")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.result, 1)
        layout.addWidget(close)
        self.code.setFocus()

    def check(self) -> bool:
        """Show the verdict; True for a genuine document."""
        text = self.code.text()
        try:
            self.record = verify_document(text)
        except PayloadError as exc:
            self.record = None
            self.result.setStyleSheet(REFUSED_STYLE)
            self.result.setText(f"<b>TIDAK SAH</b><br>{html.escape(str(exc))}")
        else:
            lines = "<br>".join(html.escape(line) for line in self.record.lines)
            self.result.setStyleSheet(GENUINE_STYLE)
            self.result.setText(f"<b>{html.escape(self.record.title)}</b><br>{lines}")
        self.result.show()
        self.code.selectAll()  # the next scan replaces this one
        return self.record is not None
