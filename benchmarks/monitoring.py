"""SOP monitoring over a year of data: 200,000 legalisir requests in one year, each with its six
recorded steps (1.2 million ``langkah`` rows), in a fresh SQLite file (generated, not timed).

- the monitoring of Legalisir over the year (``monitoring.hitung_monitoring``: every run's
  time since the record's previous step, per step the runs, median, longest and on-time share,
  and the requests finished within the standard) against the baseline ``SELECT langkah,
  COUNT(*) FROM langkah WHERE sop_id = ? AND pada in the year GROUP BY langkah`` through raw
  sqlite3: a plain GROUP BY of the same rows, so the ratio is what the window functions
  (LAG, the ranking for the median) and the finished-request count cost on top
  (goal <= 1 s);
- the monitoring of one semester, against the same GROUP BY over the semester.

    python benchmarks/monitoring.py [--requests N] [--repeats N]
"""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure, scratch_database  # noqa: E402
from benchmarks.overview import best_of, fill, generate, requests_parser  # noqa: E402

GOAL_MS = 1000.0
YEAR = 2025
SOP = "legalisir"


def fill_steps(path: Path, seed: int = 35) -> int:
    """Six recorded steps per request, as the loket records them (registration, the
    verification a few minutes later, handing on, the Camat's signature, registering, the
    collection some hours or days later); one executemany, not timed."""
    rng = random.Random(seed)
    raw = sqlite3.connect(path)
    rows = []
    for rekaman_id, received in raw.execute(
            "SELECT id, diterima_pada FROM permohonan ORDER BY id"):
        moment = previous = dt.datetime.fromisoformat(received)
        for no, minutes in enumerate((0, rng.choice((2, 3, 4, 5, 6, 8)), 0,
                                      rng.choice((1, 2, 3, 4, 90)), 1,
                                      rng.choice((30, 240, 1440, 2880))), start=1):
            moment += dt.timedelta(minutes=minutes, seconds=rng.randint(0, 59) if minutes else 0)
            # the step's time as record_step stores it (none for the record's first step)
            detik = None if no == 1 else int((moment - previous).total_seconds())
            previous = moment
            rows.append(("permohonan", rekaman_id, SOP, no, "Petugas",
                         moment.strftime("%Y-%m-%d %H:%M:%S"), "", detik))
    with raw:
        raw.executemany("INSERT INTO langkah (jenis, rekaman_id, sop_id, langkah, oleh, pada, "
                        "catatan, detik) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    raw.close()
    return len(rows)


def measure(requests: int, repeats: int) -> list[Figure]:
    with scratch_database("monitoring.sqlite3") as path:
        from jogoroto_desktop import monitoring

        end_of_year = dt.datetime(YEAR, 12, 31, 15, 0)
        started = time.perf_counter()
        fill(generate(requests, [SOP], end_of_year, days=364))
        steps = fill_steps(path)
        print(f"{requests} permohonan dan {steps} langkah tahun {YEAR} dibuat dalam "
              f"{time.perf_counter() - started:.1f} s")
        raw = sqlite3.connect(path)
        sql = ("SELECT langkah, COUNT(*) FROM langkah WHERE sop_id = ? AND pada >= ? "
               "AND pada < ? GROUP BY langkah")

        def baseline(period: monitoring.Periode) -> int:
            rows = raw.execute(sql, (SOP, str(period.mulai), str(period.akhir))).fetchall()
            return sum(count for _no, count in rows)

        year = monitoring.Periode(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))
        half = monitoring.semester(YEAR, 1)
        year_ms, result = best_of(
            lambda: monitoring.hitung_monitoring(SOP, year.dari, year.sampai), repeats)
        base_ms, counted = best_of(lambda: baseline(year), repeats)
        assert sum(s.jumlah for s in result.langkah) == counted, counted
        half_ms, _ = best_of(
            lambda: monitoring.hitung_monitoring(SOP, half.dari, half.sampai), repeats)
        half_base_ms, _ = best_of(lambda: baseline(half), repeats)
        raw.close()
        print(result.keterangan)
        return [
            Figure(f"monitoring SOP Legalisir setahun ({requests:,} permohonan, "
                   f"{counted:,} langkah)", year_ms, "GROUP BY langkah setahun (sqlite3)",
                   base_ms, goal_ms=GOAL_MS),
            Figure("monitoring SOP Legalisir satu semester", half_ms,
                   "GROUP BY langkah satu semester (sqlite3)", half_base_ms),
        ]


def figures(requests: int = 200_000) -> list[Figure]:
    """For benchmarks/run.py."""
    return measure(requests, 5)


def main(argv: Sequence[str] | None = None) -> int:
    args = requests_parser(__doc__, repeats=5).parse_args(argv)
    rows = measure(args.requests, args.repeats)
    print(TABLE_HEADER)  # benchmarks/run.py finds table scripts by TABLE_HEADER and .row()
    for figure in rows:
        print(figure.row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
