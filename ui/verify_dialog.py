"""Verifikasi Dokumen: scan or type the QR code of a printed form and see whether it is genuine
and which record it names. On a PC whose database is not the office's, "Pakai berkas kunci…"
checks the codes against the office's exported public key instead (the signature only)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.qr import PayloadError, load_public_keys, looks_like_payload
from jogoroto_desktop.verification import VerifiedRecord, verify_document, verify_with_keys
from ui.qr_widget import QrWidget

GENUINE_STYLE = "background:#e3f6e5; border:1px solid #58a55c; padding:10px;"
REFUSED_STYLE = "background:#fde8e8; border:1px solid #c84141; padding:10px;"
#: A genuine code of a voided record: red, as a refusal, with the reason and date first.
VOIDED_STYLE = "background:#fde8e8; border:2px solid #b71c1c; color:#b71c1c; padding:10px;"


@dataclass(frozen=True)
class ScanOutcome:
    """What a register page does with text typed into its search box: `record_id` to open
    (None: nothing), the message for the user, and whether it is a refusal."""

    record_id: int | None
    message: str
    error: bool


def scanned_code(text: str, kind: str) -> ScanOutcome | None:
    """A keyboard-wedge scanner typed `text` + Enter into the search box of the register of
    `kind` ("SM", "SK", "SP", "TT"). None when the text is not a code (an ordinary search);
    otherwise only a genuine code of this register gives a record to open."""
    if not looks_like_payload(text):
        return None
    try:
        record = verify_document(text)
    except PayloadError as exc:
        return ScanOutcome(None, f"Kode tidak sah: {exc}", True)
    if record.ref.kind != kind:
        return ScanOutcome(None, f"Kode asli untuk {record.ref.label}; bukalah di registernya.",
                           False)
    if record.dibatalkan:
        return ScanOutcome(record.record_id, f"{record.title}; dibuka.", True)
    return ScanOutcome(record.record_id, f"Kode asli: {record.ref.label} dibuka.", False)


class ScanToOpen(QObject):
    """Scan-to-open for a register page built on `RegisterPage` (a search box that filters
    as one types): Enter with a `JGR1:` code in the box verifies it; a genuine code of the
    page's register opens its record, anything else is refused with the reason, and the
    record shown before stays selected. Enter with ordinary text filters as before."""

    def __init__(self, page: Any, kind: str, show_message: Callable[[str, bool], None]) -> None:
        super().__init__(page)
        self.page = page
        self.kind = kind
        self.show_message = show_message
        self.last_id: int | None = None
        page.search.returnPressed.disconnect(page._apply_filters)
        page.search.returnPressed.connect(self.entered)
        page.table.selectionModel().currentRowChanged.connect(self._remember)

    def _remember(self, *_args: object) -> None:
        current = self.page.current_id()
        if current is not None:
            self.last_id = current

    def entered(self) -> None:
        page = self.page
        outcome = scanned_code(page.search.text(), self.kind)
        if outcome is None:
            page._apply_filters()
            return
        page._search_timer.stop()
        blocked = page.search.blockSignals(True)
        page.search.clear()
        page.search.blockSignals(blocked)
        wanted = outcome.record_id if outcome.record_id is not None else self.last_id
        page._reload(wanted)
        if outcome.record_id is not None and page.current_id() != outcome.record_id:
            page.year_filter.setCurrentIndex(0)  # hidden by the filters: show every year
            page._reload(outcome.record_id)
        if outcome.record_id is not None:
            page.table.setFocus()
        self.show_message(outcome.message, outcome.error)


class VerifyDialog(QDialog):
    """A keyboard-wedge scanner types the code and Enter into the field; so can a person."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Verifikasi Dokumen")
        self.setObjectName("verifyDialog")
        self.resize(560, 320)
        self.record: VerifiedRecord | None = None
        self.keys: list[Ed25519PublicKey] | None = None  # from a key file: no database
        intro = QLabel("Pindai kode QR pada dokumen, atau ketik isinya, lalu tekan Enter.")
        intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setObjectName("kodeDokumen")
        self.code.setPlaceholderText("JGR1:SM:2026:12:…")
        self.code.returnPressed.connect(self.check)
        check = QPushButton("&Periksa")
        check.clicked.connect(self.check)
        self.key_button = QPushButton("Pakai &berkas kunci…")
        self.key_button.setToolTip("Untuk PC yang tidak memakai basis data kantor: periksa "
                                   "dengan kunci publik kantor (dari Pengaturan > Kunci QR).")
        self.key_button.clicked.connect(self.use_key_file)
        self.key_label = QLabel()
        self.key_label.setObjectName("berkasKunci")
        self.key_label.setWordWrap(True)
        self.key_label.hide()
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
        self.qr = QrWidget()
        self.qr.setObjectName("qrDokumen")
        result_row = QHBoxLayout()
        result_row.addWidget(self.result, 1)
        result_row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_label, 1)
        key_row.addWidget(self.key_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(key_row)
        layout.addLayout(result_row, 1)
        layout.addWidget(close)
        self.code.setFocus()

    def choose_key_file(self) -> Path | None:
        """Ask for the office's exported public key (tests replace this)."""
        from PySide6.QtWidgets import QFileDialog

        chosen = QFileDialog.getOpenFileName(self, "Pilih berkas kunci publik kantor", "",
                                             "Teks (*.txt);;Semua berkas (*)")[0]
        return Path(chosen) if chosen else None

    def use_key_file(self) -> bool:
        """Check from now on against the key file chosen (not the database)."""
        if (path := self.choose_key_file()) is None:
            return False
        try:
            self.keys = load_public_keys(path)
        except (OSError, PayloadError) as exc:
            self.keys = None  # back to the database
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            self.key_label.setText(f"Berkas kunci {path.name} tidak dapat dipakai: {reason}")
        else:
            self.key_label.setText(f"Memeriksa dengan berkas kunci {path.name} "
                                   f"({len(self.keys)} kunci), tanpa basis data kantor.")
        self.key_label.show()
        return self.keys is not None

    def check(self) -> bool:
        """Show the verdict; True for a genuine code (a voided record's too, shown in red)."""
        text = self.code.text()
        try:
            self.record = (verify_with_keys(text, self.keys) if self.keys is not None
                           else verify_document(text))
        except PayloadError as exc:
            self.record = None
            self.result.setStyleSheet(REFUSED_STYLE)
            self.result.setText(f"<b>TIDAK SAH</b><br>{html.escape(str(exc))}")
            self.qr.set_payload("")
        else:
            lines = "<br>".join(html.escape(line) for line in self.record.lines)
            self.result.setStyleSheet(VOIDED_STYLE if self.record.dibatalkan
                                      else GENUINE_STYLE)
            self.result.setText(f"<b>{html.escape(self.record.title)}</b><br>{lines}")
            # The genuine code again, as the program makes it: scan it to compare.
            self.qr.set_payload(text.strip().upper())
        self.result.show()
        self.code.selectAll()  # the next scan replaces this one
        return self.record is not None
