"""Start-up: our main window shown (`--check-startup`) against a bare PySide6 QMainWindow,
both started as new processes the same way, interleaved in the same run, each timed from the
spawn until it reports the window shown (its `startup_ms=` line). Goal: ratio <= 1.5.

The program paints its menus, tabs and SOP list first and builds the SOP detail pane one
event-loop turn later; a second figure is the moment the window is complete (`complete_ms=`,
printed after the pane is built and the window painted again), against the same bare window.

Since issue 14 the SOPs come from the database (the versions in force): the window paints the
shipped catalog first, opens the database after the first paint and then shows the database's
catalog (`catalog_ms=`, from the data folder's cache of the catalog in force, or built from the
database when a version was approved since). A fourth figure is that moment, against the same
bare window: start-up until the catalog in force is on screen.

A third compares the CPU time each process had used at its first paint (the `cpu_ms=` line
both print): on a machine busy with other work the wall-clock ratio swings by 0.3x from run to
run, the CPU-time ratio much less, so it shows what our start-up itself costs.

    python benchmarks/startup.py [--repeats N]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    PYTHON,
    REPO_ROOT,
    Figure,
    median,
    print_table,
    quiet_env,
    repeats_option,
    run_timing_lines,
    run_until_line,
)

STARTUP_GOAL = 1.5
PREFIX = "startup_ms="
COMPLETE = "complete_ms="
CATALOG = "catalog_ms="


def cpu_ms(printed: str) -> float:
    """The N of the `cpu_ms=N` line printed with `startup_ms=`."""
    lines = [line for line in printed.splitlines() if line.startswith("cpu_ms=")]
    if not lines:
        raise SystemExit(f"no cpu_ms= line with startup_ms=:\n{printed}")
    return float(lines[-1].removeprefix("cpu_ms="))


def figures(repeats: int = 11) -> list[Figure]:
    """The figures; benchmarks/run.py calls it with the default."""
    ours_cmd = [PYTHON, "-m", "jogoroto_desktop", "--check-startup"]
    bare_cmd = [PYTHON, str(REPO_ROOT / "benchmarks" / "bare_window.py")]
    wall: dict[str, list[float]] = {"ours": [], "bare": []}
    complete: list[float] = []
    catalog: list[float] = []
    cpu: dict[str, list[float]] = {"ours": [], "bare": []}
    with tempfile.TemporaryDirectory(prefix="jogoroto-bench-") as folder:
        env = quiet_env(Path(folder))
        run_until_line(ours_cmd, env, PREFIX)  # warm-up: bytecode, catalog cache, database
        run_until_line(bare_cmd, env, PREFIX)
        for _ in range(repeats):  # interleaved, so both see the same machine load
            arrivals, printed = run_timing_lines(ours_cmd, env, (PREFIX, COMPLETE, CATALOG))
            wall["ours"].append(arrivals[PREFIX])
            complete.append(arrivals[COMPLETE])
            catalog.append(arrivals[CATALOG])
            cpu["ours"].append(cpu_ms(printed))
            elapsed, printed = run_until_line(bare_cmd, env, PREFIX)
            wall["bare"].append(elapsed)
            cpu["bare"].append(cpu_ms(printed))
    return [
        Figure("start-up, main window shown", median(wall["ours"]), "bare QMainWindow",
               median(wall["bare"]), STARTUP_GOAL),
        Figure("start-up, window complete (SOP detail pane built, painted again)", median(complete),
               "bare QMainWindow", median(wall["bare"])),
        Figure("start-up until the SOP catalog in force (from the database) is shown",
               median(catalog), "bare QMainWindow", median(wall["bare"])),
        Figure("start-up, CPU time until the window is shown", median(cpu["ours"]),
               "bare QMainWindow", median(cpu["bare"])),
    ]


def main() -> None:
    print_table(figures(repeats_option(__doc__, 11)))


if __name__ == "__main__":
    main()
