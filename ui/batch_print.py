"""Cetak Kartu Kendali Hari Ini: every kartu kendali of one day in one PDF, built off the GUI
thread (a QThread worker) with a progress dialog whose Batal really stops the build; then the
preview opens. Printing or saving it audits one row per letter."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import documents, session
from printing.forms import FormError, PencetakanDibatalkan, build_kartu_kendali_batch
from ui.pdf_preview import (
    PAPER_LABELS,
    PdfPreviewDialog,
    remember_paper,
    remembered_paper,
    temp_pdf,
)
from ui.registers.dates import INDONESIA
from ui.registers.forms import make_buttons

FORM_KEY = "kartu_kendali_hari"
PAPERS = ("CARD", "A4", "F4")
JENIS_LABELS = {"masuk": "surat masuk", "keluar": "surat keluar"}


class KartuBatchWorker(QObject):
    """Reads the day's letters and builds their cards in its own thread. Signals carry the
    outcome back to the GUI thread; `cancel()` may be called from any thread."""

    progress = Signal(int, int)  # done, total (reading the letters counts as the first half)
    finished = Signal(str, int)  # pdf path, pages
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, jenis: str, tanggal: dt.date, paper: str, target: Path) -> None:
        super().__init__()
        self.jenis, self.tanggal, self.paper, self.target = jenis, tanggal, paper, target
        self.records: list = []
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        import models

        try:
            records, cards = documents.kartu_kendali_hari(self.jenis, self.tanggal,
                                                          cancelled=self._stop.is_set)
            if self._stop.is_set():
                raise PencetakanDibatalkan("dibatalkan")
            total = len(cards)
            self.progress.emit(0, total)
            pages = build_kartu_kendali_batch(
                cards, self.target, self.paper,
                progress=lambda done, count: self.progress.emit(done, count),
                cancelled=self._stop.is_set)
            self.records = records
            self.finished.emit(str(self.target), pages)
        except PencetakanDibatalkan:
            self.target.unlink(missing_ok=True)
            self.cancelled.emit()
        except (FormError, ValueError) as exc:
            self.target.unlink(missing_ok=True)
            self.failed.emit(str(exc))
        finally:
            if not models.db.is_closed():
                models.db.close()  # this thread's own connection


class KartuBatchDialog(QDialog):
    """Choose the day, masuk or keluar, and the paper."""

    def __init__(self, parent: QWidget | None = None, jenis: str = "masuk",
                 paper: str = "CARD") -> None:
        super().__init__(parent)
        self.setWindowTitle("Cetak Kartu Kendali Hari Ini")
        self.setObjectName("kartuBatchDialog")
        self.tanggal = QDateEdit(QDate.currentDate())
        self.tanggal.setObjectName("tanggal")
        self.tanggal.setLocale(INDONESIA)
        self.tanggal.setDisplayFormat("d MMMM yyyy")
        self.tanggal.setCalendarPopup(True)
        self.masuk = QRadioButton("Surat &masuk (diterima tanggal itu)")
        self.keluar = QRadioButton("Surat &keluar (bernomor tanggal itu)")
        (self.masuk if jenis == "masuk" else self.keluar).setChecked(True)
        self.paper = QComboBox()
        self.paper.setObjectName("paperChoice")
        for name in PAPERS:
            self.paper.addItem(PAPER_LABELS[name], name)
        self.paper.setCurrentIndex(max(self.paper.findData(paper), 0))
        form = QFormLayout()
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
    """One batch: the worker thread, the progress dialog, then the preview."""

    done = Signal(object)  # the preview dialog, or None (cancelled, failed, nothing to print)

    def __init__(self, parent: QWidget, jenis: str, tanggal: dt.date, paper: str) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.jenis, self.tanggal, self.paper = jenis, tanggal, paper
        self.preview: PdfPreviewDialog | None = None
        self.message = ""
        self.thread = QThread(self)
        self.worker = KartuBatchWorker(jenis, tanggal, paper, temp_pdf(FORM_KEY))
        self.worker.moveToThread(self.thread)
        self.progress = QProgressDialog(
            f"Membuat kartu kendali {JENIS_LABELS[jenis]} {tanggal:%d-%m-%Y}\u2026", "&Batal",
            0, 0, parent)
        self.progress.setObjectName("kartuBatchProgress")
        self.progress.setWindowTitle("Cetak Kartu Kendali")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.worker.cancel, Qt.ConnectionType.DirectConnection)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)

    def start(self) -> None:
        self.progress.show()
        self.thread.start()

    def cancel(self) -> None:
        """Stop the build (the Batal button of the progress dialog does this too)."""
        self.worker.cancel()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress.setLabelText(f"Kartu {done} dari {total}\u2026")

    def _stop_thread(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.progress.close()

    def _finished(self, path: str, _pages: int) -> None:
        self._stop_thread()
        jenis = JENIS_LABELS[self.jenis]
        title = f"Kartu Kendali {jenis} {self.tanggal:%d-%m-%Y} ({len(self.worker.records)} surat)"
        preview = PdfPreviewDialog(Path(path), title, self.parent_widget)
        records = list(self.worker.records)
        preview.output_made.connect(
            lambda _paper: documents.catat_cetak_banyak(records, "Kartu Kendali", self.paper))
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        preview.finished.connect(lambda _r: (preview.document.close(),
                                             Path(path).unlink(missing_ok=True)))
        preview.open()
        self.preview = preview
        self.done.emit(preview)

    def _failed(self, message: str) -> None:
        self._stop_thread()
        self.message = message
        QMessageBox.information(self.parent_widget, "Cetak Kartu Kendali", message)
        self.done.emit(None)

    def _cancelled(self) -> None:
        self._stop_thread()
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
