"""Overview figure: the four numbers of a seksi's overview (baru hari ini, dalam proses,
terlambat, siap diambil) with 200,000 requests of that seksi in a fresh SQLite file (goal
<= 100 ms), against a baseline measured in the same run: a plain ``SELECT COUNT(*)`` of the
seksi's requests (``WHERE sop_id IN (...)``, answered from the (sop_id, status) index), the
cheapest question one can ask of those rows.

The requests are generated like an office's history (not timed): spread over the last three
years in working hours, almost all of them closed (diambil, some ditolak or dibatalkan), the
last few days' still open, and about one in a hundred older ones never collected.

    python benchmarks/overview.py [--requests N] [--repeats N] [--explain]
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure, median, scratch_database  # noqa: E402

GOAL_MS = 100.0
SEKSI = "sekretariat"
NAMES = ("Siti Aminah", "Budi Santoso", "Sri Wahyuni", "Ahmad Fauzi", "Dwi Lestari",
         "Muhammad Rizki", "Nur Hidayah", "Agus Salim", "Rina Marlina", "Eko Prasetyo",
         "Fitri Handayani", "Slamet Riyadi", "Wahyu Hidayat", "Lilik Suryani")
DESA = ("Jogoroto", "Mayangan", "Sumbermulyo", "Tambakrejo", "Ngumpul", "Sukosari", "Janti",
        "Alang-Alang Caruban", "Pandanblole", "Sawiji", "Kebondalem")


def generate(count: int, sop_ids: Sequence[str], now: dt.datetime, days: int,
             seed: int = 2026) -> list[dict[str, Any]]:
    """``count`` requests received over the ``days`` days up to ``now``, numbered per service
    per year and with a tanda terima number per year."""
    from jogoroto_desktop.registers import layanan as ly

    rng = random.Random(seed)
    start = now - dt.timedelta(days=days)
    moments = sorted(start + dt.timedelta(seconds=rng.randint(0, days * 86400))
                     for _ in range(count))
    numbers: dict[tuple[str, int], int] = {}
    tanda_terima: dict[int, int] = {}
    rows = []
    for received in moments:
        if received.hour < 7 or received.hour > 15:  # the loket opens 07.30-15.30
            received = received.replace(hour=8 + received.hour % 7)
        received = min(received, now)
        sop_id = rng.choice(sop_ids)
        standard = ly.standar_waktu(sop_id)
        numbers[(sop_id, received.year)] = numbers.get((sop_id, received.year), 0) + 1
        tanda_terima[received.year] = tanda_terima.get(received.year, 0) + 1
        target = received + standard if standard else None
        age = now - received
        ready = received + dt.timedelta(minutes=rng.choice((6, 8, 10, 15, 30, 90, 240, 1440)))
        status, selesai, diambil, oleh = ly.DIAMBIL, ready, ready, rng.choice(NAMES)
        roll = rng.random()
        if age < dt.timedelta(days=3):
            status = rng.choice((ly.DITERIMA, ly.DIVERIFIKASI, ly.MENUNGGU_TTD,
                                 ly.SIAP_DIAMBIL, ly.DIAMBIL, ly.KURANG_LENGKAP))
        elif roll < 0.01:
            status = ly.SIAP_DIAMBIL  # never collected
        elif roll < 0.03:
            status = ly.DITOLAK
        elif roll < 0.04:
            status = ly.DIBATALKAN
        if status not in (ly.SIAP_DIAMBIL, ly.DIAMBIL):
            selesai = None
        if status != ly.DIAMBIL:
            diambil, oleh = None, ""
        if selesai and selesai > now:
            selesai = now
        if diambil and diambil > now:
            diambil = now
        name = rng.choice(NAMES)
        rows.append({
            "sop_id": sop_id, "tahun": received.year, "nomor": numbers[(sop_id, received.year)],
            "nomor_tanda_terima": tanda_terima[received.year],
            "pemohon_nama": name, "pemohon_nik": f"35171{rng.randint(1, 9)}"
                                                 f"{rng.randint(1, 28):02d}0{rng.randint(1, 9)}"
                                                 f"{rng.randint(60, 99)}{rng.randint(1, 9999):04d}",
            "pemohon_alamat": f"Dusun {rng.choice(DESA)} RT {rng.randint(1, 9):02d}",
            "pemohon_desa": rng.choice(DESA), "telepon": "", "keperluan": "",
            "diterima_pada": received, "langkah_sekarang": 2, "status": status,
            "status_alasan": "Berkas tidak lengkap" if status == ly.DITOLAK else "",
            "target_selesai": target, "selesai_pada": selesai, "diambil_oleh": oleh,
            "diambil_pada": diambil, "petugas": "Petugas Loket",
            "batal_alasan": "Salah input" if status == ly.DIBATALKAN else None,
            "batal_pada": received if status == ly.DIBATALKAN else None,
            "dibuat_oleh": "Petugas Loket", "dibuat_pada": received, "diubah_pada": received,
            "versi": 1,
        })
    return rows


def fill(rows: list[dict[str, Any]]) -> None:
    """Write the rows with one prepared INSERT (executemany) in one transaction (not timed)."""
    from models import Permohonan, db

    columns = list(rows[0])
    fields = [Permohonan._meta.fields[name] for name in columns]
    database = db.obj
    placeholders = ", ".join([database.param] * len(columns))
    sql = f"INSERT INTO permohonan ({', '.join(columns)}) VALUES ({placeholders})"
    values = [tuple(field.db_value(row[name]) for name, field in zip(columns, fields,
                                                                     strict=True))
              for row in rows]
    with db.atomic():
        database.cursor().executemany(sql, values)


def best_of(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """Median milliseconds over ``repeats`` runs after one warm-up, and the last result."""
    result = function()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return median(times), result


def requests_parser(doc: str, repeats: int) -> argparse.ArgumentParser:
    """The options of the layanan benchmarks run alone: how many requests, how many repeats.
    Their log lines (one per generated request) are switched off."""
    logging.disable(logging.WARNING)
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=repeats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = requests_parser(__doc__, repeats=15)
    parser.add_argument("--explain", action="store_true", help="print the query plan")
    args = parser.parse_args(argv)
    with scratch_database("overview.sqlite3") as path:
        import models
        from jogoroto_desktop import overview
        from jogoroto_desktop.registers import layanan as ly

        now = dt.datetime.now().replace(microsecond=0)
        sop_ids = [s.id for s in ly.layanan_seksi(SEKSI)]
        started = time.perf_counter()
        fill(generate(args.requests, sop_ids, now, days=3 * 365))
        print(f"{args.requests} permohonan seksi {SEKSI} dibuat dalam "
              f"{time.perf_counter() - started:.1f} s")

        overview_ms, numbers = best_of(lambda: overview.ringkasan(SEKSI, now), args.repeats)
        marks = ", ".join("?" * len(sop_ids))
        raw = sqlite3.connect(path)
        count_sql = f"SELECT COUNT(*) FROM permohonan WHERE sop_id IN ({marks})"
        baseline_ms, total = best_of(lambda: raw.execute(count_sql, sop_ids).fetchone()[0],
                                     args.repeats)
        if args.explain:
            query = models.Permohonan.select().where(models.Permohonan.sop_id.in_(sop_ids))
            print(query.sql())
        raw.close()
        print(f"baru {numbers.baru}, proses {numbers.proses}, terlambat {numbers.terlambat}, "
              f"siap {numbers.siap} dari {total} permohonan")
        print(TABLE_HEADER)  # benchmarks/run.py finds table scripts by TABLE_HEADER and .row()
        print(Figure(f"overview seksi, {args.requests:,} permohonan", overview_ms,
                     "SELECT COUNT(*) seksi", baseline_ms, goal_ms=GOAL_MS).row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
