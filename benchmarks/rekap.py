"""Recap figures with a year's data: 200,000 requests over the 16 services in one year, in a
fresh SQLite file (generated as in benchmarks/overview.py; not timed).

- the monthly recap (``rekap.buat_rekap`` of the busiest month: ~17,000 requests) against the
  baseline ``SELECT sop_id, COUNT(*) ... WHERE diterima_pada in the month GROUP BY sop_id``
  through raw sqlite3: the least any recap must do (find the month's rows through the same
  index and group them by service), so the ratio is what the averages, the late check, the
  time arithmetic and the row assembly cost on top (goal <= 2 s);
- every monthly recap of the year (12 calls) against 12 runs of the same baseline;
- the monthly recap written to Excel and to PDF, against the recap alone.

    python benchmarks/rekap.py [--requests N] [--repeats N]
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure, scratch_database  # noqa: E402
from benchmarks.overview import best_of, fill, generate, requests_parser  # noqa: E402

GOAL_MS = 2000.0
YEAR = 2025


def main(argv: Sequence[str] | None = None) -> int:
    args = requests_parser(__doc__, repeats=7).parse_args(argv)
    with scratch_database("rekap.sqlite3") as path:
        from jogoroto_desktop import documents, rekap
        from jogoroto_desktop.registers import layanan as ly

        end_of_year = dt.datetime(YEAR, 12, 31, 16, 0)
        started = time.perf_counter()
        fill(generate(args.requests, list(ly.LAYANAN_SOPS), end_of_year, days=364))
        print(f"{args.requests} permohonan tahun {YEAR} dibuat dalam "
              f"{time.perf_counter() - started:.1f} s")
        raw = sqlite3.connect(path)
        sql = ("SELECT sop_id, COUNT(*) FROM permohonan WHERE diterima_pada >= ? "
               "AND diterima_pada < ? GROUP BY sop_id")

        def months() -> list[rekap.Periode]:
            return [rekap.periode_bulan(YEAR, month) for month in range(1, 13)]

        def baseline(periode: rekap.Periode) -> int:
            rows = raw.execute(sql, (str(periode.mulai), str(periode.akhir))).fetchall()
            return sum(count for _sop, count in rows)

        sizes = {p.mulai.month: baseline(p) for p in months()}
        busiest = rekap.periode_bulan(YEAR, max(sizes, key=sizes.__getitem__))
        now = dt.datetime(YEAR + 1, 1, 5, 9, 0)
        month_ms, result = best_of(lambda: rekap.buat_rekap(busiest, now), args.repeats)
        base_ms, counted = best_of(lambda: baseline(busiest), args.repeats)
        assert result.total.masuk == counted, (result.total.masuk, counted)
        year_ms, _ = best_of(lambda: [rekap.buat_rekap(p, now) for p in months()],
                             max(3, args.repeats // 2))
        year_base_ms, _ = best_of(lambda: [baseline(p) for p in months()],
                                  max(3, args.repeats // 2))
        xlsx_ms, _ = best_of(lambda: documents.ekspor_rekap(rekap.buat_rekap(busiest, now),
                                                            path.parent / "r.xlsx"), 3)
        pdf_ms, _ = best_of(lambda: documents.ekspor_rekap(rekap.buat_rekap(busiest, now),
                                                           path.parent / "r.pdf"), 3)
        raw.close()
        print(f"bulan tersibuk: {busiest.label}, {counted} permohonan; setahun "
              f"{sum(sizes.values())}")
        print(TABLE_HEADER)  # benchmarks/run.py finds table scripts by TABLE_HEADER and .row()
        rows = [
            Figure(f"rekap bulanan ({counted:,} permohonan, data setahun {args.requests:,})",
                   month_ms, "GROUP BY sop_id bulan itu (sqlite3)", base_ms, goal_ms=GOAL_MS),
            Figure("12 rekap bulanan setahun", year_ms, "12x GROUP BY sop_id (sqlite3)",
                   year_base_ms),
            Figure("rekap bulanan + ekspor Excel", xlsx_ms, "rekap bulanan saja", month_ms),
            Figure("rekap bulanan + ekspor PDF", pdf_ms, "rekap bulanan saja", month_ms),
        ]
        for figure in rows:
            print(figure.row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
