"""The printed SOP (identitas, then the flowchart pages, with the office's kop): one reportlab
document for "Cetak SOP" and for the flowchart panel's "Cetak" and "Ekspor PDF"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jogoroto_desktop.sop.catalog import Sop

if TYPE_CHECKING:
    from ui.pdf_preview import FormJob

SOP_FORM = "sop"  # the remembered paper's key
SOP_PAPERS = ("A4", "F4")


def write_sop_pdf(sop: Sop, path: str | Path, paper: str) -> int:
    """Build the printed SOP into `path` (on a BackgroundOp's worker thread); returns pages."""
    import models
    from jogoroto_desktop.kop_settings import kop_from_settings
    from printing.sop_document import build_sop_pdf

    kop = kop_from_settings() if models.db.obj is not None else None
    return build_sop_pdf(sop, path, paper=paper, kop=kop)


def sop_form_job(sop: Sop) -> FormJob:
    """The print preview's job for `sop` (QtPdf loads only when printing is asked for)."""
    from ui.pdf_preview import FormJob

    return FormJob(form=SOP_FORM, title=f"SOP {sop.name}", papers=SOP_PAPERS,
                   build=lambda path, paper: write_sop_pdf(sop, path, paper))
