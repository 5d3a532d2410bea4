"""Print preview of a generated PDF (QtPdf), with Cetak (QPrintDialog: a printer or a PDF) and
Simpan; the paper chosen for each form is remembered on this PC. `open_form_preview` opens the
preview at once and builds the official form of a record through a BackgroundOp (the GUI thread
never builds a PDF); printing or saving it is audited."""

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
    from jogoroto_desktop.setup import office_paper_for

    return papers[0] if models.db.obj is None else office_paper_for(papers)


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
    another paper (the choice is remembered per form): it returns the new file, or None when it
    builds in the background and calls `load` later. Without a file yet (`pdf_path` None) the
    dialog says the PDF is being made. `ready(pages)` is emitted whenever a file is shown;
    `output_made(paper)` after the document was sent to a printer or saved (the caller audits
    it)."""

    output_made = Signal(str)
    ready = Signal(int)

    def __init__(self, pdf_path: Path | None, title: str, parent: QWidget | None = None,
                 papers: tuple[str, ...] = (), paper: str = "",
                 on_paper: Callable[[str], Path | None] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Pratinjau: {title}")
        self.setObjectName("pdfPreview")
        self.resize(900, 760)
        self.pdf_path: Path | None = None
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
        if pdf_path is None:
            self.set_building()
        else:
            self.load(Path(pdf_path))

    def set_building(self) -> None:
        """A new file is being made: printing or saving the one shown would be the wrong one."""
        self._building = True
        self.pages_label.setText("Membuat PDF\u2026")
        self.print_button.setEnabled(False)
        self.save_button.setEnabled(False)

    def show_ready(self) -> None:
        """The file shown is the current one (also after a rebuild that failed)."""
        self._building = False
        self.pages_label.setText(f"{self.document.pageCount()} halaman")
        ready = self.pdf_path is not None
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    def is_ready(self) -> bool:
        return not self._building and self.pdf_path is not None

    def load(self, path: Path) -> None:
        self.pdf_path = Path(path)
        self.document.close()
        self.document.load(str(self.pdf_path))
        self.show_ready()
        self.ready.emit(self.document.pageCount())

    def _paper_chosen(self, _index: int) -> None:
        paper = self.paper.currentData()
        if callable(self._on_paper) and paper:
            new_path = self._on_paper(paper)
            if new_path:
                self.load(Path(new_path))

    def print_document(self) -> None:
        if not self.is_ready():
            return
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
        if not self.is_ready() or self.pdf_path is None:
            return None
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
    # write the PDF for a paper; returns pages (called with progress=... when `progress`)
    build: Callable[..., int]
    records: Sequence[Any] = ()  # audited ("cetak") when printed or saved
    formulir: str = ""  # form name in the audit trail
    # A long build (the whole SOP book): the text of a progress dialog with Batal; `build`
    # then gets `progress=callback(done, total)`, which stops the build once Batal is pressed.
    progress: str = ""


def temp_pdf(form: str) -> Path:
    descriptor, name = tempfile.mkstemp(prefix=f"jogoroto-{form}-", suffix=".pdf")
    os.close(descriptor)
    return Path(name)


def open_form_preview(parent: QWidget, job: FormJob, settings: QSettings | None = None,
                      paper: str = "") -> PdfPreviewDialog | None:
    """Open the preview of `job` (not blocking) and build it through a BackgroundOp on `paper`
    (then remembered) or else the remembered paper; the preview shows the PDF when it is ready
    (`ready`). None (with a message) when the user may not print; a form that cannot be built
    is shown as a warning and its preview closes."""
    from jogoroto_desktop import documents, session
    from printing.forms.painter import FormError
    from ui.settings import ui_settings

    try:
        session.require("cetak")
    except session.PermissionDenied as exc:
        QMessageBox.warning(parent, job.title, str(exc))
        return None
    store = settings if settings is not None else ui_settings()
    if paper in job.papers:
        remember_paper(store, job.form, paper)
    else:
        paper = remembered_paper(store, job.form, office_paper(job.papers))
    if paper not in job.papers:
        paper = job.papers[0]
    builds = _FormBuilds(parent, job, (FormError, ValueError))

    def rebuild(new_paper: str) -> None:
        remember_paper(store, job.form, new_paper)
        builds.start(new_paper)

    dialog = PdfPreviewDialog(None, job.title, parent, papers=job.papers, paper=paper,
                              on_paper=rebuild)
    builds.dialog = dialog
    if job.records:
        def audit(used_paper: str) -> None:
            documents.catat_cetak_banyak(job.records, job.formulir or job.title,
                                         used_paper or paper)

        dialog.output_made.connect(audit)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: (dialog.document.close(), builds.close()))
    builds.start(paper)
    dialog.open()
    return dialog


class _FormBuilds:
    """The PDF builds of one preview: only the newest one is shown; files made after the
    preview closed are removed at once, the others when it closes."""

    def __init__(self, parent: QWidget, job: FormJob,
                 expected: tuple[type[Exception], ...]) -> None:
        self.parent = parent
        self.job = job
        self.expected = expected
        self.dialog: PdfPreviewDialog | None = None
        self.files: list[Path] = []
        self.newest = 0
        self.closed = False

    def start(self, paper: str) -> None:
        from ui.operations import BackgroundOp, Operation

        assert self.dialog is not None
        path = temp_pdf(self.job.form)
        self.files.append(path)
        self.newest += 1
        generation = self.newest
        self.dialog.set_building()
        job = self.job

        def work(op: Operation) -> int:
            if not job.progress:
                return job.build(path, paper)

            def report(done: int, total: int) -> None:
                op.progress(done, total)
                op.check()  # Batal stops the build between two SOPs

            return job.build(path, paper, progress=report)

        BackgroundOp(self.parent, work, title=job.title, expected=self.expected,
                     progress=job.progress or False, cancellable=bool(job.progress),
                     success=lambda _pages: self._built(generation, path),
                     failure=lambda error: self._failed(generation, error),
                     cancelled=lambda: self._cancelled(generation)).start()

    def _cancelled(self, generation: int) -> None:
        if self.closed or generation != self.newest or self.dialog is None:
            return
        if self.dialog.pdf_path is None:
            self.dialog.reject()  # nothing to show
        else:
            self.dialog.show_ready()  # the PDF of the paper before stays

    def _built(self, generation: int, path: Path) -> None:
        if self.closed:
            path.unlink(missing_ok=True)
        elif generation == self.newest and self.dialog is not None:
            self.dialog.load(path)

    def _failed(self, generation: int, error: Exception) -> None:
        from ui.operations import failure_text

        if self.closed or generation != self.newest or self.dialog is None:
            return
        text = failure_text(error, self.expected)
        QMessageBox.warning(self.parent, self.job.title, f"Formulir tidak dapat dibuat: {text}")
        if self.dialog.pdf_path is None:
            self.dialog.reject()  # nothing to show
        else:
            self.dialog.show_ready()  # the PDF of the paper before stays

    def close(self) -> None:
        self.closed = True
        self.dialog = None
        _remove(self.files)


def _remove(files: list[Path]) -> None:
    for path in files:
        path.unlink(missing_ok=True)
