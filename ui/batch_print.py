"""Cetak Kartu Kendali Hari Ini: every kartu kendali of one day in one PDF, built off the GUI
thread (a BackgroundOp) with a progress dialog whose Batal really stops the build; then the
preview opens. Printing or saving it audits one row per letter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import documents, session
from jogoroto_desktop.dates import format_tanggal
from printing.forms.kartu_kendali import build_kartu_kendali_batch
from printing.forms.painter import FormError
from ui.operations import BackgroundOp, Operation, failure_text
from ui.pdf_preview import (
    PAPER_LABELS,
    PdfPreviewDialog,
    remember_paper,
    remembered_paper,
    temp_pdf,
)
from ui.registers.dates import date_edit
from ui.registers.forms import form_layout, make_buttons

FORM_KEY = "kartu_kendali_hari"
PAPERS = ("CARD", "A4", "F4")
JENIS_LABELS = {"masuk": "surat masuk", "keluar": "surat keluar"}


class KartuBatchDialog(QDialog):
    """Choose the day, masuk or keluar, and the paper."""

    def __init__(self, parent: QWidget | None = None, jenis: str = "masuk",
                 paper: str = "CARD") -> None:
        super().__init__(parent)
        self.setWindowTitle("Cetak Kartu Kendali Hari Ini")
        self.setObjectName("kartuBatchDialog")
        self.tanggal = date_edit()
        self.tanggal.setObjectName("tanggal")
        self.masuk = QRadioButton("Surat &masuk (diterima tanggal itu)")
        self.keluar = QRadioButton("Surat &keluar (bernomor tanggal itu)")
        (self.masuk if jenis == "masuk" else self.keluar).setChecked(True)
        self.paper = QComboBox()
        self.paper.setObjectName("paperChoice")
        for name in PAPERS:
            self.paper.addItem(PAPER_LABELS[name], name)
        self.paper.setCurrentIndex(max(self.paper.findData(paper), 0))
        form = form_layout()
        label = QLabel("&Tanggal:")
        label.setBuddy(self.tanggal)
        form.addRow(label, self.tanggal)
        form.addRow("Jenis:", self.masuk)
        form.addRow("", self.keluar)
        paper_label = QLabel("&Kertas:")
        paper_label.setBuddy(self.paper)
        form.addRow(paper_label, self.paper)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(make_buttons(self, "&Buat PDF", self.accept, ok_tip="Buat PDF kartu "
                                                                              "kendali"))

    def choice(self) -> tuple[str, dt.date, str]:
        day = self.tanggal.date()
        return ("masuk" if self.masuk.isChecked() else "keluar",
                dt.date(day.year(), day.month(), day.day()), self.paper.currentData())


class KartuBatchRun(QObject):
    """One batch: read the day's letters and build their cards through a BackgroundOp (with
    a progress dialog whose Batal stops it), then the preview."""

    done = Signal(object)  # the preview dialog, or None (cancelled, failed, nothing to print)

    def __init__(self, parent: QWidget, jenis: str, tanggal: dt.date, paper: str) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.jenis, self.tanggal, self.paper = jenis, tanggal, paper
        self.target = temp_pdf(FORM_KEY)
        self.records: list = []
        self.preview: PdfPreviewDialog | None = None
        self.message = ""
        self.op = BackgroundOp(
            self, self._build, title="Cetak Kartu Kendali", cancellable=True,
            progress=f"Membuat kartu kendali {JENIS_LABELS[jenis]} {format_tanggal(tanggal)}\u2026",
            progress_delay_ms=0, expected=(FormError, ValueError),
            success=self._finished, failure=self._failed, cancelled=self._cancelled)

    def _build(self, op: Operation) -> list:
        """On the worker thread: reading the letters, then one step per card."""
        records, cards = documents.kartu_kendali_hari(self.jenis, self.tanggal,
                                                      cancelled=op.cancelled)
        op.check()
        op.progress(0, len(cards))
        build_kartu_kendali_batch(
            cards, self.target, self.paper, cancelled=op.cancelled,
            progress=lambda done, total: op.progress(done, total,
                                                     f"Kartu {done} dari {total}\u2026"))
        return records

    def start(self) -> None:
        self.op.start()

    def cancel(self) -> None:
        """Stop the build (the Batal button of the progress dialog does this too)."""
        self.op.cancel()

    def _finished(self, records: list) -> None:
        self.records = records
        path = self.target
        jenis = JENIS_LABELS[self.jenis]
        title = f"Kartu Kendali {jenis} {format_tanggal(self.tanggal)} ({len(records)} surat)"
        preview = PdfPreviewDialog(path, title, self.parent_widget)
        preview.output_made.connect(
            lambda _paper: documents.catat_cetak_banyak(records, "Kartu Kendali", self.paper))
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(lambda _r: (preview.document.close(),
                                             path.unlink(missing_ok=True)))
        preview.open()
        self.preview = preview
        self.done.emit(preview)

    def _failed(self, error: Exception) -> None:
        self.target.unlink(missing_ok=True)
        self.message = failure_text(error, self.op.expected)
        QMessageBox.information(self.parent_widget, "Cetak Kartu Kendali", self.message)
        self.done.emit(None)

    def _cancelled(self) -> None:
        self.target.unlink(missing_ok=True)
        self.message = "Pembuatan kartu kendali dibatalkan; tidak ada yang dicetak."
        self.done.emit(None)


def start_kartu_batch(parent: QWidget, jenis: str, tanggal: dt.date,
                      paper: str) -> KartuBatchRun | None:
    """Start building the day's cards; None (with a message) when the user may not print."""
    try:
        session.require("cetak")
    except session.PermissionDenied as exc:
        QMessageBox.warning(parent, "Cetak Kartu Kendali", str(exc))
        return None
    run = KartuBatchRun(parent, jenis, tanggal, paper)
    run.start()
    return run


def ask_kartu_batch(parent: QWidget, jenis: str) -> KartuBatchDialog:
    """Open the day/kind/paper dialog (window-modal); accepting it starts the batch, whose run
    is kept on the dialog's parent as `kartu_batch`."""
    from ui.settings import ui_settings

    settings = ui_settings()
    dialog = KartuBatchDialog(parent, jenis, remembered_paper(settings, FORM_KEY, "CARD"))

    def accepted() -> None:
        chosen_jenis, tanggal, paper = dialog.choice()
        remember_paper(settings, FORM_KEY, paper)
        parent.kartu_batch = start_kartu_batch(  # type: ignore[attr-defined]
            parent, chosen_jenis, tanggal, paper)

    dialog.accepted.connect(accepted)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
