"""One filled letter (.docx) to PDF with the program's own layout (printing/naskah_pdf.py),
against python-docx writing the same text into a blank document, in the same run. Goal: one
letter to PDF <= 200 ms (issue 16). The first letter in a process (fonts read and registered)
is reported too; LibreOffice, when installed, is timed for comparison (no goal: it starts a
program).

    python benchmarks/naskah_pdf.py [--repeats N] [--libreoffice]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure, median, scratch_database  # noqa: E402

GOAL_MS = 200.0


def sample_letter() -> tuple[str, bytes]:
    """(what it is, the .docx): the shipped Rekomendasi SKCK filled by "Buat Surat" for a
    request at the Camat's signature (kop, nomor block, body, signature block, QR, tembusan),
    made in a scratch database."""
    with scratch_database("naskah_pdf.sqlite3"):
        from jogoroto_desktop import session
        from jogoroto_desktop.naskah.buat import buat_naskah
        from tests.naskah_helpers import SKCK_ISIAN, isi_pejabat, permohonan

        session.set_actor(session.SETUP_ADMIN)
        isi_pejabat()
        hasil = buat_naskah("rekomendasi-skck", layanan_id=permohonan().id, isian=SKCK_ISIAN,
                            tembusan=["Kepala Desa Sumbermulyo"])
    return "Rekomendasi SKCK (kop, nomor, isi, tanda tangan, QR)", hasil.docx


def _time(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _baseline(lines: list[str]) -> None:
    """python-docx: a blank document, the letter's lines as paragraphs, saved."""
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(io.BytesIO())


def measure(repeats: int, libreoffice: bool = False) -> tuple[list[Figure], float]:
    from printing.naskah_pdf import docx_text, layout_docx_pdf

    name, docx = sample_letter()
    lines = docx_text(docx).splitlines()
    cold_ms = _time(lambda: layout_docx_pdf(docx, io.BytesIO()))
    _baseline(lines)  # warm-up
    ours, base = [], []
    for _ in range(repeats):
        ours.append(_time(lambda: layout_docx_pdf(docx, io.BytesIO())))
        base.append(_time(lambda: _baseline(lines)))
    figures = [Figure(f"naskah to PDF, own layout: {name}", median(ours),
                      "python-docx, same text into a blank .docx", median(base),
                      goal_ms=GOAL_MS)]
    if libreoffice:
        from jogoroto_desktop.naskah_convert import convert_to_pdf, find_soffice

        if find_soffice() is not None:
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / "surat.pdf"
                office = [_time(lambda: convert_to_pdf(docx, target)) for _ in range(2)]
            figures.append(Figure(f"naskah to PDF, LibreOffice headless: {name}", median(office),
                                  "python-docx, same text into a blank .docx", median(base)))
    return figures, cold_ms


def figures() -> list[Figure]:
    """For benchmarks/run.py."""
    return measure(20)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--libreoffice", action="store_true",
                        help="also time LibreOffice headless, when installed")
    args = parser.parse_args()
    figures, cold_ms = measure(args.repeats, args.libreoffice)
    print(TABLE_HEADER)
    for figure in figures:
        print(figure.row())
    met = "ya" if cold_ms <= GOAL_MS else "TIDAK"
    print(f"\nfirst letter in the process (fonts registered): {cold_ms:.0f} ms, "
          f"goal <= {GOAL_MS:.0f} ms: {met}")


if __name__ == "__main__":
    main()
