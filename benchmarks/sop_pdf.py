"""Printing every detailed SOP to PDF (identitas page + uraian prosedur pages), in-process,
against a plain reportlab canvas that draws the same pages with the same number of rectangles
and text strings (same embedded font), in the same run. Goal: all detailed SOPs <= 5 s.

    python benchmarks/sop_pdf.py [--repeats N] [--paper A4|F4]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure, median  # noqa: E402

GOAL_MS = 5000.0


@dataclass
class PageWork:
    width: float
    height: float
    rects: int
    strings: list[str]


def _page_work(pdf_bytes: bytes) -> list[PageWork]:
    """What one of our PDFs draws per page: path objects (rectangles, symbols, arrows) and
    text objects (with their text), counted with pdfium."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        work = []
        for index in range(len(pdf)):
            page = pdf[index]
            width, height = page.get_size()
            rects = len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH])))
            texts = len(list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT])))
            lines = page.get_textpage().get_text_range().splitlines() or ["-"]
            strings = [lines[i % len(lines)] for i in range(texts)]
            work.append(PageWork(width, height, rects, strings))
        return work
    finally:
        pdf.close()


def _baseline_pdf(pages: list[PageWork], font: str) -> None:
    """A bare reportlab canvas: the same pages, rectangles and strings, no layout."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), initialFontName=font)
    for work in pages:
        canvas.setPageSize((work.width, work.height))
        canvas.setFont(font, 8)
        for i in range(work.rects):
            canvas.rect(20 + (i % 40) * 18, 20 + (i // 40) * 14, 16, 12)
        for i, text in enumerate(work.strings):
            canvas.drawString(24 + (i % 6) * 120, 30 + (i // 6) * 9 % (work.height - 60), text)
        canvas.showPage()
    canvas.save()


def _time(action: Callable[[], None]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def measure(repeats: int, paper: str) -> tuple[list[Figure], float, int]:
    from jogoroto_desktop.sop.catalog import default_catalog
    from printing.fonts import font_name
    from printing.sop_document import build_sop_pdf

    detailed = [sop for sop in default_catalog() if not sop.is_draft]

    def ours() -> None:
        for sop in detailed:
            build_sop_pdf(sop, io.BytesIO(), paper)

    cold_ms = _time(ours)  # first run: font files parsed and registered
    work = []
    for sop in detailed:
        buffer = io.BytesIO()
        build_sop_pdf(sop, buffer, paper)
        work.append(_page_work(buffer.getvalue()))
    font = font_name("regular")

    def baseline() -> None:
        for pages in work:
            _baseline_pdf(pages, font)

    baseline()  # warm-up
    our_ms: list[float] = []
    base_ms: list[float] = []
    for _ in range(repeats):
        our_ms.append(_time(ours))
        base_ms.append(_time(baseline))
    figure = Figure(f"{len(detailed)} detailed SOPs to PDF ({paper})", median(our_ms),
                    "bare canvas, same rects/strings", median(base_ms), goal_ms=GOAL_MS)
    return [figure], cold_ms, len(detailed)


def figures() -> list[Figure]:
    """For benchmarks/run.py (which runs it with a temporary data folder): A4 and F4."""
    return measure(5, "A4")[0] + measure(5, "F4")[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--paper", choices=("A4", "F4"), default="A4")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jogoroto-bench-") as folder:
        os.environ["JOGOROTO_DATA_DIR"] = folder  # the catalog cache goes here, not the user's
        figures, cold_ms, _count = measure(args.repeats, args.paper)
    print(TABLE_HEADER)
    for figure in figures:
        print(figure.row())
    worst = max(cold_ms, *(f.value_ms for f in figures))
    met = "ya" if worst <= GOAL_MS else "TIDAK"
    print(f"\ngoal: all detailed SOPs <= {GOAL_MS:.0f} ms (first run in the process, fonts "
          f"registered: {cold_ms:.0f} ms): {met}")


if __name__ == "__main__":
    main()
