"""The whole SOP book as one PDF (cover, Keputusan Camat, daftar isi, all 34 SOPs) against
printing the same 34 SOPs as 34 separate PDFs (what `sop pdf --all` does), in the same run; and
a draft version's PDF (DRAF watermark and footer note on every page) against the same SOP
printed plainly. Goals (ours): the book <= 1.5x the separate PDFs (it adds its front matter and
one layout per SOP only), the DRAF mark <= 1.2x.

    python benchmarks/sop_book.py [--repeats N]
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    Figure,
    median,
    print_table,
    repeats_option,
    scratch_data_dir,
)

BOOK_GOAL_RATIO = 1.5
DRAFT_GOAL_RATIO = 1.2


def _median_ms(action: Callable[[], object], repeats: int) -> float:
    action()  # warm-up: fonts registered, caches filled
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return median(times)


def measure(repeats: int, paper: str) -> list[Figure]:
    from jogoroto_desktop.sop.catalog import default_catalog
    from printing.sop_book import build_sop_book_pdf
    from printing.sop_document import build_sop_pdf

    sops = list(default_catalog())
    renja = default_catalog().get("renja")
    assert renja is not None
    pages = build_sop_book_pdf(sops, io.BytesIO(), paper).pages

    def separate() -> None:
        for sop in sops:
            build_sop_pdf(sop, io.BytesIO(), paper)

    book_ms = _median_ms(lambda: build_sop_book_pdf(sops, io.BytesIO(), paper), repeats)
    separate_ms = _median_ms(separate, repeats)
    draft_ms = _median_ms(lambda: build_sop_pdf(renja, io.BytesIO(), paper, versi=2,
                                                status_label="Draf", draf=True), repeats * 4)
    plain_ms = _median_ms(lambda: build_sop_pdf(renja, io.BytesIO(), paper), repeats * 4)
    return [
        Figure(f"Buku SOP, one PDF ({len(sops)} SOPs, {pages} hlm, {paper})", book_ms,
               f"{len(sops)} separate SOP PDFs", separate_ms, goal_ratio=BOOK_GOAL_RATIO),
        Figure(f"draft SOP with the DRAF mark (renja, {paper})", draft_ms,
               "same SOP, no mark", plain_ms, goal_ratio=DRAFT_GOAL_RATIO),
    ]


def figures() -> list[Figure]:
    """For benchmarks/run.py: A4 and F4."""
    return measure(5, "A4") + measure(5, "F4")


def main() -> None:
    repeats = repeats_option(__doc__, 5)
    with scratch_data_dir():  # the catalog cache goes here, not into the user's folder
        print_table(measure(repeats, "A4") + measure(repeats, "F4"))


if __name__ == "__main__":
    main()
