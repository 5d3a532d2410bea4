"""Print preview: shows a generated PDF, prints it page by page at its size, saves a copy."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter

from jogoroto_desktop.sop.catalog import default_catalog
from printing.sop_document import build_sop_pdf
from ui.pdf_preview import PdfPreviewDialog, print_pdf, remember_paper, remembered_paper


def test_preview_prints_every_page_at_its_size_and_saves(qtbot, tmp_path: Path) -> None:
    source = tmp_path / "renja.pdf"
    pages = build_sop_pdf(default_catalog().get("renja"), source, paper="A4")
    dialog = PdfPreviewDialog(source, "SOP Renja", papers=("A4", "F4"), paper="F4")
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == pages
    assert dialog.paper.currentData() == "F4"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed_path = tmp_path / "tercetak.pdf"
    printer.setOutputFileName(str(printed_path))
    assert print_pdf(dialog.document, printer) == pages
    printed = pdfium.PdfDocument(str(printed_path))
    original = pdfium.PdfDocument(str(source))
    assert len(printed) == pages
    for index in range(pages):
        for got, want in zip(printed[index].get_size(), original[index].get_size(), strict=True):
            assert abs(got - want) < 1.5  # Qt rounds page sizes to whole points
    copy = dialog.save_copy(str(tmp_path / "salinan"))
    assert copy is not None and copy.read_bytes() == source.read_bytes()


def test_paper_choice_is_remembered_per_form(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "x.ini"), QSettings.Format.IniFormat)
    assert remembered_paper(settings, "disposisi", "A4") == "A4"
    remember_paper(settings, "disposisi", "HALF_FOLIO")
    assert remembered_paper(settings, "disposisi", "A4") == "HALF_FOLIO"
    assert remembered_paper(settings, "kartu", "CARD") == "CARD"
