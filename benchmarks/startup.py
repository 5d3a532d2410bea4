"""Start-up: our main window shown (`--check-startup`) against a bare PySide6 QMainWindow,
both started as new processes the same way, interleaved in the same run, each timed from the
spawn until it reports the window shown (its `startup_ms=` line). Goal: ratio <= 1.5.

    python benchmarks/startup.py [--repeats N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    PYTHON,
    REPO_ROOT,
    TABLE_HEADER,
    Figure,
    compare_until_line,
    median,
)

STARTUP_GOAL = 1.5


def measure(repeats: int) -> list[Figure]:
    ours, bare = compare_until_line(
        [PYTHON, "-m", "jogoroto_desktop", "--check-startup"],
        [PYTHON, str(REPO_ROOT / "benchmarks" / "bare_window.py")],
        "startup_ms=",
        repeats,
    )
    return [
        Figure("start-up, main window shown", median(ours), "bare QMainWindow", median(bare),
               STARTUP_GOAL),
    ]


def figures() -> list[Figure]:
    """For benchmarks/run.py."""
    return measure(7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(TABLE_HEADER)
    for figure in measure(args.repeats):
        print(figure.row())


if __name__ == "__main__":
    main()
