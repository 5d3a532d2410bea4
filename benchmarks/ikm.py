"""Satisfaction survey (IKM) figures with a year's answers: 50,000 responses on 50,000 collected
requests over the 16 services in one year (1% voided, a tenth with a comment), in a fresh
SQLite file (generated, not timed); on PostgreSQL too when JOGOROTO_BENCH_PG_URL names an empty
scratch database (its Jogoroto tables are dropped before and after).

- the year's rekap (``ikm.rekap_ikm``: the nine averages, IKM and grade, per service and per
  seksi, the four profile breakdowns and the comments) against the baseline ``SELECT sop_id,
  COUNT(*), SUM(u1) .. SUM(u9) ... WHERE diisi_pada in the year GROUP BY sop_id`` through the
  raw driver: the least an IKM needs, so the ratio is what the profile, the comments and the
  assembly cost on top (goal <= 1 s);
- the year's IKM per month (the chart's data) against the same baseline.

    python benchmarks/ikm.py [--responses N] [--repeats N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure, scratch_database  # noqa: E402
from benchmarks.overview import best_of, generate  # noqa: E402

GOAL_MS = 1000.0
YEAR = 2025
PG_ENV = "JOGOROTO_BENCH_PG_URL"
BASELINE_SQL = ("SELECT sop_id, COUNT(*), " + ", ".join(f"SUM(u{n})" for n in range(1, 10))
                + " FROM ikm_respons WHERE diisi_pada >= {p} AND diisi_pada < {p} "
                "AND status <> 'dibatalkan' GROUP BY sop_id")


def _insert(model: object, rows: list[dict]) -> None:
    from models import db

    with db.atomic():
        for start in range(0, len(rows), 500):  # multi-row INSERTs: fast on both engines
            model.insert_many(rows[start:start + 500]).execute()  # type: ignore[attr-defined]


def fill_year(responses: int, seed: int = 14) -> None:
    """``responses`` collected requests of the year, each with its one survey answer."""
    from jogoroto_desktop.registers import layanan as ly
    from models import IkmRespons, Permohonan

    end = dt.datetime(YEAR, 12, 31, 16, 0)
    requests = generate(responses, list(ly.LAYANAN_SOPS), end, days=364)
    for row in requests:
        row.pop("id", None)
    _insert(Permohonan, requests)
    rng = random.Random(seed)
    ids = [pid for (pid,) in Permohonan.select(Permohonan.id).order_by(Permohonan.id).tuples()]
    rows = []
    for pid, request in zip(ids, requests, strict=True):
        when = request["diterima_pada"] + dt.timedelta(hours=rng.randint(1, 48))
        mood = rng.gauss(0, 0.5)
        rows.append({
            "permohonan": pid, "sop_id": request["sop_id"], "diisi_pada": when,
            **{f"u{n}": min(4, max(1, round(rng.gauss(3.2 + mood, 0.6)))) for n in range(1, 10)},
            "jenis_kelamin": rng.choice(("L", "P", "")), "kelompok_umur": rng.choice(
                ("<20", "20-29", "30-39", "40-49", "50+", "")),
            "pendidikan": rng.choice(("SD", "SMP", "SMA", "D4-S1", "")),
            "pekerjaan": rng.choice(("SWASTA", "WIRAUSAHA", "LAINNYA", "")),
            "komentar": "Ruang tunggu panas." if rng.random() < 0.1 else "",
            "sumber": rng.choice(("loket", "slip", "kiosk")),
            "status": "dibatalkan" if rng.random() < 0.01 else "aktif",
            "dibuat_oleh": "benchmark", "dibuat_pada": when, "diubah_pada": when, "versi": 1})
    _insert(IkmRespons, rows)


def measure(engine: str, responses: int, repeats: int, raw: object) -> list[Figure]:
    """The figures on the open database; ``raw`` is a DB-API connection to the same data."""
    from jogoroto_desktop.registers import ikm

    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
    param = "?" if engine == "SQLite" else "%s"
    sql = BASELINE_SQL.format(p=param)
    bounds = (dt.datetime(YEAR, 1, 1), dt.datetime(YEAR + 1, 1, 1))

    def baseline() -> int:
        cursor = raw.cursor()  # type: ignore[attr-defined]
        cursor.execute(sql, tuple(str(b) for b in bounds) if engine == "SQLite" else bounds)
        return sum(row[1] for row in cursor.fetchall())

    rekap_ms, result = best_of(lambda: ikm.rekap_ikm(start, end), repeats)
    base_ms, counted = best_of(baseline, repeats)
    assert result.responden == counted, (result.responden, counted)
    months_ms, months = best_of(lambda: ikm.ikm_per_bulan(start, end), repeats)
    assert sum(m.responden for m in months) == counted
    print(f"{engine}: {counted} jawaban sah tahun {YEAR}, IKM {result.ikm} ({result.mutu})")
    return [
        Figure(f"rekap IKM setahun ({counted:,} jawaban, {engine})", rekap_ms,
               f"GROUP BY sop_id + SUM(u1..u9) ({engine})", base_ms, goal_ms=GOAL_MS),
        Figure(f"IKM per bulan setahun ({engine})", months_ms,
               f"GROUP BY sop_id + SUM(u1..u9) ({engine})", base_ms),
    ]


def figures(responses: int = 50_000, repeats: int = 7) -> list[Figure]:
    import logging
    import sqlite3

    import models

    logging.disable(logging.WARNING)
    found: list[Figure] = []
    with scratch_database("ikm.sqlite3") as path:
        fill_year(responses)
        raw = sqlite3.connect(path)
        try:
            found += measure("SQLite", responses, repeats, raw)
        finally:
            raw.close()
    url = os.environ.get(PG_ENV, "")
    if url:
        import psycopg2

        from tests.conftest import drop_pg_tables

        drop_pg_tables(url)
        models.open_database(url)
        raw = psycopg2.connect(url)
        try:
            fill_year(responses)
            found += measure("PostgreSQL", responses, repeats, raw)
        finally:
            raw.close()
            models.close_database()
            drop_pg_tables(url)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    rows = figures(args.responses, args.repeats)
    print(TABLE_HEADER)
    for figure in rows:
        print(figure.row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
