"""Numbering throughput from four processes (four PCs) on one SQLite file, with the program's
``synchronous = FULL`` against the same run with ``synchronous = NORMAL`` (the setting before
issue 17): what the fsync at every commit costs.

Each process registers surat masuk (a number, the letter, its steps and its audit rows in one
transaction, as at the agenda desk) as fast as it can; the figure is milliseconds per number
over all four, so the goal of at least 200 numbers per second is at most 5 ms per number.

    python benchmarks/numbering.py [--letters N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure  # noqa: E402

WORKERS = 4
LETTERS_EACH = 150
GOAL_NUMBERS_PER_S = 200.0
YEAR = 2025
TIMEOUT_S = 300


def _worker(target: str, worker: int, count: int, synchronous: str, barrier: Any,
            results: Any) -> None:
    """One PC: open the database with `synchronous`, wait for the others, register `count`."""
    try:
        import models
        from jogoroto_desktop import session
        from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
        from models import database

        database.SQLITE_PRAGMAS = tuple(
            (name, synchronous if name == "synchronous" else value)
            for name, value in database.SQLITE_PRAGMAS)
        session.set_actor(session.Actor(f"pc{worker}", f"PC-{worker}", "agendaris"))
        models.open_database(target)
        barrier.wait(timeout=60)
        for index in range(count):
            register_surat_masuk(SuratMasukInput(
                dari=f"Desa Uji {worker}", nomor_surat=f"470/{index}/415.67.{worker}/{YEAR}",
                tanggal_surat=dt.date(YEAR, 3, 1), perihal=f"Surat uji {worker}-{index}",
                klasifikasi="470", tanggal_diterima=dt.date(YEAR, 3, 3)), oleh=f"PC-{worker}")
        models.close_database()
        results.put((worker, None))
    except BaseException as exc:  # reported by the parent
        results.put((worker, repr(exc)))


def numbers_per_second(folder: Path, synchronous: str, letters_each: int = LETTERS_EACH) -> float:
    """Numbers issued per second by WORKERS processes on a fresh file in `folder`."""
    import models

    path = folder / f"nomor-{synchronous}.db"
    models.open_database(path)
    models.close_database()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS + 1)
    results = context.Queue()
    processes = [context.Process(target=_worker, args=(
        str(path), n, letters_each, synchronous, barrier, results)) for n in range(WORKERS)]
    for process in processes:
        process.start()
    try:
        barrier.wait(timeout=120)  # every PC has opened the database: start the clock
        started = time.perf_counter()
        errors = [error for _, error in (results.get(timeout=TIMEOUT_S) for _ in processes)
                  if error]
        seconds = time.perf_counter() - started
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
    if errors:
        raise RuntimeError("; ".join(errors))
    return WORKERS * letters_each / seconds


def figures(letters_each: int = LETTERS_EACH) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="jogoroto-bench-nomor-") as folder:
        normal = numbers_per_second(Path(folder), "normal", letters_each)
        full = numbers_per_second(Path(folder), "full", letters_each)
    print(f"synchronous=NORMAL: {normal:.0f} nomor/detik; synchronous=FULL: {full:.0f} "
          f"nomor/detik ({WORKERS} proses)", file=sys.stderr)
    return [Figure(
        f"numbering, {WORKERS} processes, synchronous=FULL: {full:.0f} numbers/s "
        f"(goal >= {GOAL_NUMBERS_PER_S:g}/s)",
        1000 / full, f"synchronous=NORMAL ({normal:.0f} numbers/s)", 1000 / normal,
        goal_ms=1000 / GOAL_NUMBERS_PER_S, unit="ms/number")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=LETTERS_EACH,
                        help="surat per proses")
    args = parser.parse_args()
    print(TABLE_HEADER)
    for figure in figures(args.letters):
        print(figure.row())


if __name__ == "__main__":
    main()
