"""Shared pieces of the benchmark scripts: timing whole processes and printing a result row.

Every figure is reported against a baseline measured in the same run, because these machines
are noisy: the ratio is what we compare with the goal, not the absolute time.

How a script joins the suite (`benchmarks/run.py` finds it without being edited): a module in
this folder that defines a top-level function `figures() -> list[Figure]` is a benchmark. The
function takes no required argument (defaults are the figures the issues name, e.g. 100,000
letters), prepares whatever it needs in a temporary folder, and returns its figures. run.py
calls it in a fresh process of its own (`python -m benchmarks.run --one NAME`), so a script may
set environment variables, open the database or create a QApplication freely. Keep the
script's own `main()` for running it alone with other options.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Figure:
    """One measured figure against its same-run baseline, with an absolute goal, a ratio goal,
    both, or none. Times are in milliseconds; a figure of another kind (peak memory) names its
    `unit`, and then `value_ms`, `baseline_ms` and `goal_ms` are in that unit (the names stay
    for the scripts written when every figure was a time)."""

    name: str
    value_ms: float
    baseline_name: str
    baseline_ms: float
    goal_ratio: float | None = None
    goal_ms: float | None = None
    unit: str = "ms"

    @property
    def ratio(self) -> float:
        return self.value_ms / self.baseline_ms if self.baseline_ms else float("inf")

    @property
    def met(self) -> str:
        goals = []
        if self.goal_ratio is not None:
            goals.append(self.ratio <= self.goal_ratio)
        if self.goal_ms is not None:
            goals.append(self.value_ms <= self.goal_ms)
        if not goals:
            return "-"
        return "ya" if all(goals) else "TIDAK"

    @property
    def goal(self) -> str:
        goals = []
        if self.goal_ms is not None:
            goals.append(f"<= {self.goal_ms:g} {self.unit}")
        if self.goal_ratio is not None:
            goals.append(f"<= {self.goal_ratio:g}x")
        return ", ".join(goals) or "-"

    def row(self) -> str:
        return (
            f"| {self.name} | {self.value_ms:.1f} {self.unit} | {self.baseline_name}: "
            f"{self.baseline_ms:.1f} {self.unit} | {self.ratio:.2f}x | {self.goal} | {self.met} |"
        )


TABLE_HEADER = (
    "| figure | value | baseline (same run) | ratio | goal | met |\n"
    "|---|---|---|---|---|---|"
)


def print_table(figures: Iterable[Figure]) -> None:
    """The figures as the Markdown table README shows."""
    print(TABLE_HEADER)
    for figure in figures:
        print(figure.row())


def repeats_option(description: str | None, default: int) -> int:
    """A script run alone takes one option, `--repeats N`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeats", type=int, default=default)
    return parser.parse_args().repeats


@contextlib.contextmanager
def scratch_data_dir() -> Iterator[Path]:
    """A temporary per-user data folder (JOGOROTO_DATA_DIR), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="jogoroto-bench-") as folder:
        os.environ["JOGOROTO_DATA_DIR"] = folder
        yield Path(folder)


@contextlib.contextmanager
def open_database_at(path: Path) -> Iterator[Path]:
    """The Jogoroto database at `path`, open for the block and closed after it."""
    import models  # here, so scripts that open no database do not import it

    models.open_database(path)
    try:
        yield path
    finally:
        models.close_database()


@contextlib.contextmanager
def scratch_database(file_name: str) -> Iterator[Path]:
    """A fresh database `file_name` in a scratch data folder, open for the block."""
    with scratch_data_dir() as folder, open_database_at(folder / file_name) as path:
        yield path


def quiet_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    env["JOGOROTO_DATA_DIR"] = str(data_dir)
    env.pop("JOGOROTO_DB", None)
    # An installed program runs from cached bytecode; measure that, not recompiling every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    return env


def time_process(command: Sequence[str], env: dict[str, str]) -> tuple[float, str]:
    """Wall-clock milliseconds of one run of `command`, and its stdout."""
    started = time.perf_counter()
    result = subprocess.run(
        command, env=env, cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    elapsed = (time.perf_counter() - started) * 1000
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr}")
    return elapsed, result.stdout


def time_until_line(command: Sequence[str], env: dict[str, str], prefix: str) -> float:
    """Milliseconds from spawning `command` until it prints a line starting with `prefix`
    (e.g. the moment the window is shown); the process is then left to finish on its own."""
    return run_until_line(command, env, prefix)[0]


def run_until_line(command: Sequence[str], env: dict[str, str],
                   prefix: str) -> tuple[float, str]:
    """time_until_line, and everything printed up to and including that line."""
    arrivals, printed = run_timing_lines(command, env, (prefix,))
    return arrivals[prefix], printed


def run_timing_lines(command: Sequence[str], env: dict[str, str],
                     prefixes: Sequence[str]) -> tuple[dict[str, float], str]:
    """Milliseconds from spawning `command` until it printed a line starting with each of
    `prefixes` (the first such line each), and everything it printed."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    arrivals: dict[str, float] = {}
    printed: list[str] = []
    for line in process.stdout:
        printed.append(line)
        for prefix in prefixes:
            if line.startswith(prefix) and prefix not in arrivals:
                arrivals[prefix] = (time.perf_counter() - started) * 1000
    missing = [prefix for prefix in prefixes if prefix not in arrivals]
    if process.wait() != 0 or missing:
        raise SystemExit(f"{' '.join(command)} failed or never printed {missing}")
    return arrivals, "".join(printed)


def compare_until_line(
    candidate: Sequence[str], baseline: Sequence[str], prefix: str, repeats: int
) -> tuple[list[float], list[float]]:
    """Like compare_processes, timing each run until it prints `prefix`."""
    with tempfile.TemporaryDirectory(prefix="jogoroto-bench-") as folder:
        env = quiet_env(Path(folder))
        time_until_line(candidate, env, prefix)
        time_until_line(baseline, env, prefix)
        ours: list[float] = []
        base: list[float] = []
        for _ in range(repeats):
            ours.append(time_until_line(candidate, env, prefix))
            base.append(time_until_line(baseline, env, prefix))
    return ours, base


def compare_processes(
    candidate: Sequence[str], baseline: Sequence[str], repeats: int
) -> tuple[list[float], list[float]]:
    """Run both commands `repeats` times, interleaved, after one untimed warm-up each."""
    with tempfile.TemporaryDirectory(prefix="jogoroto-bench-") as folder:
        env = quiet_env(Path(folder))
        time_process(candidate, env)
        time_process(baseline, env)
        ours: list[float] = []
        base: list[float] = []
        for _ in range(repeats):
            ours.append(time_process(candidate, env)[0])
            base.append(time_process(baseline, env)[0])
    return ours, base


def median(values: list[float]) -> float:
    return statistics.median(values)


PYTHON = sys.executable
