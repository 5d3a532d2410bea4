"""Reliability of agenda numbering: four processes (four PCs) registering letters into one
database at the same moment get every number exactly once, 1..1000, and no errors."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
import time
import traceback
from pathlib import Path
from typing import Any

import pytest

import models

WORKERS = 4
LETTERS_EACH = 250
TOTAL = WORKERS * LETTERS_EACH
YEAR = 2025
TIMEOUT_S = 240
PAUSE_S = 0.001  # between two letters of one PC, so the PCs take turns at the lock


def _worker(target: str, worker: int, count: int, barrier: Any, results: Any) -> None:
    """One PC: open the database, wait for the others, then register `count` letters."""
    numbers: list[int] = []
    try:
        import models as child_models
        from jogoroto_desktop import session
        from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk

        # a spawned process starts with nobody acting: each PC is an agendaris
        session.set_actor(session.Actor(f"pc{worker}", f"PC-{worker}", "agendaris"))
        child_models.open_database(target)
        barrier.wait(timeout=60)
        for index in range(count):
            surat = register_surat_masuk(SuratMasukInput(
                dari=f"Desa Uji {worker}", nomor_surat=f"470/{index}/415.67.{worker}/{YEAR}",
                tanggal_surat=dt.date(YEAR, 3, 1), perihal=f"Surat uji {worker}-{index}",
                klasifikasi="470", tanggal_diterima=dt.date(YEAR, 3, 3),
            ), oleh=f"PC-{worker}")
            numbers.append(surat.nomor_agenda)
            time.sleep(PAUSE_S)
        child_models.close_database()
        results.put((worker, numbers, None))
    except BaseException:
        results.put((worker, numbers, traceback.format_exc()))


def register_from_processes(target: str) -> dict[int, list[int]]:
    """Run the workers against `target` (schema already created); numbers by worker."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    processes = [context.Process(target=_worker, args=(target, n, LETTERS_EACH, barrier, results))
                 for n in range(WORKERS)]
    for process in processes:
        process.start()
    collected: dict[int, list[int]] = {}
    errors: list[str] = []
    try:
        for _ in processes:
            worker, numbers, error = results.get(timeout=TIMEOUT_S)
            collected[worker] = numbers
            if error:
                errors.append(f"PC-{worker} setelah {len(numbers)} surat:\n{error}")
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
    assert not errors, "\n".join(errors)
    assert [p.exitcode for p in processes] == [0] * WORKERS
    return collected


def check_register(collected: dict[int, list[int]]) -> None:
    """Every number 1..TOTAL exactly once, each PC's numbers rising, counter at TOTAL."""
    assert sorted(collected) == list(range(WORKERS))
    for numbers in collected.values():
        assert len(numbers) == LETTERS_EACH
        assert numbers == sorted(numbers) and len(set(numbers)) == LETTERS_EACH
    # The PCs really took turns (not one after another): numbers of different PCs interleave.
    runs = sum(1 + sum(b != a + 1 for a, b in zip(numbers, numbers[1:], strict=False))
               for numbers in collected.values())
    assert runs > 2 * WORKERS, runs
    issued = sorted(n for numbers in collected.values() for n in numbers)
    assert issued == list(range(1, TOTAL + 1))
    stored = [s.nomor_agenda for s in models.SuratMasuk.select()
              .where(models.SuratMasuk.tahun == YEAR).order_by(models.SuratMasuk.nomor_agenda)]
    assert stored == list(range(1, TOTAL + 1))
    counter = models.Counter.get((models.Counter.name == "agenda_surat_masuk")
                                 & (models.Counter.year == YEAR))
    assert counter.value == TOTAL
    assert models.Langkah.select().count() == 2 * TOTAL
    by_pc = {w: models.SuratMasuk.select().where(models.SuratMasuk.dibuat_oleh == f"PC-{w}")
             .count() for w in range(WORKERS)}
    assert by_pc == dict.fromkeys(range(WORKERS), LETTERS_EACH)


def test_four_processes_share_one_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "bersama.db"
    models.open_database(path)  # the office's database exists before the PCs start
    models.close_database()
    collected = register_from_processes(str(path))
    models.open_database(path)
    try:
        check_register(collected)
    finally:
        models.close_database()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


# --- PostgreSQL ----------------------------------------------------------------------------------

# pg_url: see tests/conftest.py


@pytest.mark.postgres
def test_four_processes_share_one_postgresql_database(pg_url: str) -> None:
    models.open_database(pg_url)
    models.close_database()
    collected = register_from_processes(pg_url)
    models.open_database(pg_url)
    try:
        check_register(collected)
    finally:
        models.close_database()
