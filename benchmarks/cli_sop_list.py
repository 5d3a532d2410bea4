"""`jogoroto-cli sop list` as a whole process against `python -c pass` in the same run: what the
catalog load and the CLI cost on top of the interpreter itself.

    python benchmarks/cli_sop_list.py [--repeats N]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import PYTHON, Figure, compare_processes, median, print_table, repeats_option  # noqa: E402


def figures(repeats: int = 10) -> list[Figure]:
    """The figures; benchmarks/run.py calls it with the default."""
    ours, bare = compare_processes(
        [PYTHON, "-m", "jogoroto_desktop", "sop", "list"], [PYTHON, "-c", "pass"], repeats
    )
    return [Figure("sop list (CLI)", median(ours), "python -c pass", median(bare))]


def main() -> None:
    print_table(figures(repeats_option(__doc__, 10)))


if __name__ == "__main__":
    main()
