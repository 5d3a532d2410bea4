"""Print preview of a generated PDF (QtPdf), with Cetak (QPrintDialog: a printer or a PDF) and
Simpan; the paper chosen for each form is remembered on this PC. `open_form_preview` builds an
official form of a record and shows it; printing or saving it is audited."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QSettings, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PRINT_DPI = 300
POINTS_PER_INCH = 72.0


def remembered_paper(settings: QSettings, form: str, default: str) -> str:
    return str(settings.value(f"kertas/{form}", default))


def office_paper(papers: Sequence[str]) -> str:
    """The first choice of a form offered on `papers`: for a full-page form (first paper A4 or
    F4) the office's default paper (Pengaturan) when the form comes on it; a form with its own
    paper (half-folio disposisi, kartu kendali card) keeps it."""
    import models
    from jogoroto_desktop.setup import default_paper

    if models.db.obj is None or papers[0] not in ("A4", "F4"):
        return papers[0]
    office = default_paper()
    return office if office in papers else papers[0]


def remember_paper(settings: QSettings, form: str, paper: str) -> None:
    settings.setValue(f"kertas/{form}", paper)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Send every page of `document` to `printer` at its own size; returns pages printed."""
    painter = QPainter()
    count = document.pageCount()
    printer.setFullPage(True)  # the PDF already has its margins
    for index in range(count):
        size = document.pagePointSize(index)
        landscape = size.width() > size.height()
        portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
        page_size = QPageSize(portrait, QPageSize.Unit.Point, "",
                              QPageSize.SizeMatchPolicy.ExactMatch)
        orientation = (QPageLayout.Orientation.Landscape if landscape
                       else QPageLayout.Orientation.Portrait)
        printer.setPageLayout(QPageLayout(page_size, orientation, QMarginsF()))
        if index == 0:
            if not painter.begin(printer):
                return 0
        else:
            printer.newPage()
        target = painter.viewport()
        pixels = QSize(round(size.width() / POINTS_PER_INCH * PRINT_DPI),
                       round(size.height() / POINTS_PER_INCH * PRINT_DPI))
        image: QImage = document.render(index, pixels)
        scaled = image.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        painter.drawImage(QPointF(0, 0), scaled)
    if count:
        painter.end()
    return count


class PdfPreviewDialog(QDialog):
    """Shows a PDF file the program generated; `on_paper(paper)` lets the caller rebuild it for
    another paper (the choice is remembered per form). `output_made(paper)` is emitted after the
    document was sent to a printer or saved (the caller audits it)."""

    output_made = Signal(str)

    def __init__(self, pdf_path: Path, title: str, parent: QWidget | None = None,
                 papers: tuple[str, ...] = (), paper: str = "",
                 on_paper: object = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Pratinjau: {title}")
        self.setObjectName("pdfPreview")
        self.resize(900, 760)
        self.pdf_path = Path(pdf_path)
        self._on_paper = on_paper
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setDocument(self.document)
        self.pages_label = QLabel()

        self.paper = QComboBox()
        self.paper.setObjectName("paperChoice")
        for name in papers:
            self.paper.addItem(PAPER_LABELS.get(name, name), name)
        if paper:
            self.paper.setCurrentIndex(max(self.paper.findData(paper), 0))
        self.paper.setVisible(bool(papers))
        self.paper.currentIndexChanged.connect(self._paper_chosen)
        self.print_button = QPushButton("&Cetak…")
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton("&Simpan PDF…")
        self.save_button.clicked.connect(self.save_copy)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)

        bar = QHBoxLayout()
        if papers:
            label = QLabel("&Kertas:")
            label.setBuddy(self.paper)
            bar.addWidget(label)
            bar.addWidget(self.paper)
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.load(self.pdf_path)

    def load(self, path: Path) -> None:
        self.pdf_path = Path(path)
        self.document.close()
        self.document.load(str(self.pdf_path))
        count = self.document.pageCount()
        self.pages_label.setText(f"{count} halaman")

    def _paper_chosen(self, _index: int) -> None:
        paper = self.paper.currentData()
        if callable(self._on_paper) and paper:
            new_path = self._on_paper(paper)
            if new_path:
                self.load(Path(new_path))

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Cetak")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        printed = print_pdf(self.document, printer)
        if printed == 0:
            QMessageBox.warning(self, "Cetak", "Pencetak tidak dapat dibuka; tidak ada yang "
                                               "dicetak.")
            return
        self.output_made.emit(self.current_paper())

    def current_paper(self) -> str:
        return str(self.paper.currentData() or "")

    def save_copy(self, target: str | None = None) -> Path | None:
        if not target:
            target, _filter = QFileDialog.getSaveFileName(
                self, "Simpan PDF", str(Path.home() / self.pdf_path.name), "PDF (*.pdf)")
        if not target:
            return None
        destination = Path(target).with_suffix(".pdf")
        try:
            shutil.copyfile(self.pdf_path, destination)
        except OSError as exc:
            QMessageBox.warning(self, "Simpan PDF", f"Berkas tidak dapat disimpan: {exc.strerror}")
            return None
        self.output_made.emit(self.current_paper())
        return destination


PAPER_LABELS = {
    "A4": "A4",
    "F4": "F4 (folio 215 × 330 mm)",
    "HALF_FOLIO": "Setengah folio (215 × 165 mm)",
    "CARD": "Kartu 10 × 15 cm",
}


@dataclass(frozen=True)
class FormJob:
    """An official form of one record (or a batch) to preview and print."""

    form: str  # key of the remembered paper, e.g. "disposisi"
    title: str  # window title, e.g. "Lembar Disposisi 12/2026"
    papers: tuple[str, ...]  # first = default
    build: Callable[[Path, str], int]  # write the PDF for a paper; returns pages
    records: Sequence[Any] = ()  # audited ("cetak") when printed or saved
    formulir: str = ""  # form name in the audit trail


def temp_pdf(form: str) -> Path:
    descriptor, name = tempfile.mkstemp(prefix=f"jogoroto-{form}-", suffix=".pdf")
    os.close(descriptor)
    return Path(name)


def open_form_preview(parent: QWidget, job: FormJob,
                      settings: QSettings | None = None) -> PdfPreviewDialog | None:
    """Build `job` on the remembered paper and open the preview (not blocking). Problems (no
    right to print, a form that cannot be built) are shown to the user; None then."""
    from jogoroto_desktop import documents, session
    from printing.forms import FormError
    from ui.settings import ui_settings

    try:
        session.require("cetak")
    except session.PermissionDenied as exc:
        QMessageBox.warning(parent, job.title, str(exc))
        return None
    store = settings if settings is not None else ui_settings()
    paper = remembered_paper(store, job.form, office_paper(job.papers))
    if paper not in job.papers:
        paper = job.papers[0]
    files: list[Path] = []

    def build(for_paper: str) -> Path | None:
        path = temp_pdf(job.form)
        files.append(path)
        try:
            job.build(path, for_paper)
        except (FormError, ValueError) as exc:
            QMessageBox.warning(parent, job.title, f"Formulir tidak dapat dibuat: {exc}")
            return None
        return path

    first = build(paper)
    if first is None:
        _remove(files)
        return None

    def rebuild(new_paper: str) -> Path | None:
        remember_paper(store, job.form, new_paper)
        return build(new_paper)

    dialog = PdfPreviewDialog(first, job.title, parent, papers=job.papers, paper=paper,
                              on_paper=rebuild)
    if job.records:
        def audit(used_paper: str) -> None:
            documents.catat_cetak_banyak(job.records, job.formulir or job.title,
                                         used_paper or paper)

        dialog.output_made.connect(audit)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: (dialog.document.close(), _remove(files)))
    dialog.open()
    return dialog


def _remove(files: list[Path]) -> None:
    for path in files:
        path.unlink(missing_ok=True)
