"""The printed SOP (identitas, then the flowchart pages, with the office's kop): one reportlab
document for "Cetak SOP" and for the flowchart panel's "Cetak" and "Ekspor PDF"; and the whole
book ("Cetak Buku SOP": cover, Keputusan Camat, daftar isi, every SOP) as one PDF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jogoroto_desktop.sop.catalog import Sop

if TYPE_CHECKING:
    from ui.pdf_preview import FormJob

SOP_FORM = "sop"  # the remembered paper's key
SOP_BOOK_FORM = "buku-sop"
SOP_PAPERS = ("A4", "F4")
BOOK_TITLE = "Buku SOP Kecamatan Jogoroto"
BOOK_PROGRESS = "Menyusun Buku SOP\u2026"


def _office_kop() -> Any:
    import models
    from jogoroto_desktop.kop_settings import kop_from_settings

    return kop_from_settings() if models.db.obj is not None else None


def write_sop_pdf(sop: Sop, path: str | Path, paper: str, *, versi: int | None = None,
                  status_label: str | None = None, draf: bool = False) -> int:
    """Build the printed SOP into `path` (on a BackgroundOp's worker thread); returns pages.
    `versi`, `status_label` and `draf` as printing.sop_document.build_sop_pdf has them."""
    from printing.sop_document import build_sop_pdf

    return build_sop_pdf(sop, path, paper=paper, kop=_office_kop(), versi=versi,
                         status_label=status_label, draf=draf)


def sop_form_job(sop: Sop, *, versi: int | None = None, status_label: str | None = None,
                 draf: bool = False) -> FormJob:
    """The print preview's job for `sop` (QtPdf loads only when printing is asked for); a
    version not yet approved (`draf`) prints with the DRAF mark."""
    from ui.pdf_preview import FormJob

    title = f"SOP {sop.name}" + (f" (versi {versi})" if versi is not None else "")
    return FormJob(form=SOP_FORM, title=title, papers=SOP_PAPERS,
                   build=lambda path, paper: write_sop_pdf(
                       sop, path, paper, versi=versi, status_label=status_label, draf=draf))


def write_sop_book_pdf(sops: Sequence[Any], path: str | Path, paper: str,
                       progress: Callable[[int, int], None] | None = None) -> int:
    """Build the whole book of `sops` (Sop or printing.sop_book.BookSop, in the book's order)
    into `path`; returns its pages."""
    from printing.sop_book import build_sop_book_pdf

    return build_sop_book_pdf(sops, path, paper, kop=_office_kop(), progress=progress).pages


def sop_book_job(sops: Sequence[Any]) -> FormJob:
    """The print preview's job for the whole book, built with a progress dialog."""
    from ui.pdf_preview import FormJob

    return FormJob(form=SOP_BOOK_FORM, title=BOOK_TITLE, papers=SOP_PAPERS,
                   build=lambda path, paper, progress=None: write_sop_book_pdf(
                       sops, path, paper, progress),
                   progress=BOOK_PROGRESS)
