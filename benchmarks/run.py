"""Every benchmark figure in one table: figure, value, baseline measured in the same run, ratio,
goal, and whether the goal is met, headed by a description of the machine.

    python benchmarks/run.py                 # every benchmark
    python benchmarks/run.py --only memory   # one script (repeatable; a part of its name)
    python benchmarks/run.py --markdown      # the table for the README
    python benchmarks/run.py --list          # the scripts it found

Scripts are found by convention (see benchmarks/common.py): each module of this folder that
defines a top-level `figures()` is run in a fresh process of its own, with a temporary data
folder and Qt's offscreen platform, so no script disturbs another's timing or memory. A script
without `figures()` that prints its figures as table rows (TABLE_HEADER, then Figure.row()
lines) from its `main()` is run as a script and its rows are read back.
A script that fails is reported in the table and makes the exit code 1; a goal not met does
not (the table says it).
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import PYTHON, REPO_ROOT, TABLE_HEADER, Figure  # noqa: E402

BENCHMARKS_DIR = Path(__file__).resolve().parent
HEADERS = ("figure", "value", "baseline (same run)", "ratio", "goal", "met")


@dataclass
class Outcome:
    """What one script gave: its figures, or the error that stopped it."""

    script: str
    figures: list[Figure]
    error: str = ""
    seconds: float = 0.0


def discover(folder: Path = BENCHMARKS_DIR) -> list[str]:
    """Names of the benchmark modules in `folder`, sorted: those that define a top-level
    `figures` function, and those whose `main` prints Figure rows (see table_scripts).

    Read with `ast`, not imported: importing a script may be slow or start Qt."""
    return sorted(_kinds(folder))


def table_scripts(folder: Path = BENCHMARKS_DIR) -> set[str]:
    """The benchmark modules without `figures()` that print their figures as table rows."""
    return {name for name, kind in _kinds(folder).items() if kind == "table"}


def _kinds(folder: Path) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for path in sorted(folder.glob("*.py")):
        if path.stem.startswith("_") or path.stem == "run":
            continue
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text, filename=str(path))
        functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        if "figures" in functions:
            kinds[path.stem] = "figures"
        elif "main" in functions and "TABLE_HEADER" in text and ".row()" in text:
            kinds[path.stem] = "table"
    return kinds


_ROW = re.compile(
    r"^\| (?P<name>.+?) \| (?P<value>[\d.]+) (?P<unit>\S+) \| (?P<baseline_name>.+): "
    r"(?P<baseline>[\d.]+) \S+ \| [\d.]+x \| (?P<goal>.+?) \| (?:ya|TIDAK|-) \|$"
)


def parse_rows(text: str) -> list[Figure]:
    """The figures of the Figure.row() lines in a script's output (other lines are ignored)."""
    figures = []
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if not match:
            continue
        goal_ms = goal_ratio = None
        for goal in match["goal"].split(", "):
            if goal.endswith("x") and goal.startswith("<= "):
                goal_ratio = float(goal[3:-1])
            elif goal.startswith("<= "):
                goal_ms = float(goal[3:].split()[0])
        figures.append(Figure(match["name"], float(match["value"]), match["baseline_name"],
                              float(match["baseline"]), goal_ratio, goal_ms, match["unit"]))
    return figures


def select(names: Sequence[str], only: Sequence[str]) -> list[str]:
    """The scripts named by --only (an exact name, or else every name containing the text)."""
    if not only:
        return list(names)
    chosen: list[str] = []
    for wanted in only:
        matches = [wanted] if wanted in names else [n for n in names if wanted in n]
        if not matches:
            raise SystemExit(f"--only {wanted}: no benchmark matches; found: {', '.join(names)}")
        chosen.extend(m for m in matches if m not in chosen)
    return chosen


def run_one_here(name: str, output: Path) -> None:
    """Child side: import benchmarks.<name>, call figures(), write them to `output` as JSON."""
    import importlib

    module = importlib.import_module(f"benchmarks.{name}")
    figures = module.figures()
    output.write_text(json.dumps([asdict(figure) for figure in figures]), encoding="utf-8")


def run_script(name: str, as_table: bool = False) -> Outcome:
    """Run one script's figures() in a new process with a temporary data folder (or, with
    `as_table`, the script itself, reading its table rows)."""
    import time

    with tempfile.TemporaryDirectory(prefix="jogoroto-bench-") as folder:
        output = Path(folder) / "figures.json"
        env = dict(os.environ)
        env["JOGOROTO_DATA_DIR"] = str(Path(folder) / "data")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env.pop("JOGOROTO_DB", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure cached bytecode, as installed
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT),
                                                          env.get("PYTHONPATH")]))
        started = time.perf_counter()
        command = ([PYTHON, str(BENCHMARKS_DIR / f"{name}.py")] if as_table else
                   [PYTHON, "-m", "benchmarks.run", "--one", name, "--output", str(output)])
        result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True,
                                text=True, check=False)
        seconds = time.perf_counter() - started
        if as_table and result.returncode == 0:
            figures = parse_rows(result.stdout)
            if figures:
                return Outcome(name, figures, "", seconds)
            return Outcome(name, [], "printed no figure rows", seconds)
        if result.returncode != 0 or not output.exists():
            tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            return Outcome(name, [], f"exit {result.returncode}: {tail[0]}", seconds)
        figures = [Figure(**data) for data in json.loads(output.read_text(encoding="utf-8"))]
    return Outcome(name, figures, "", seconds)


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _ram_gib() -> str:
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):  # not on Windows
        return "?"
    return f"{pages / 1024**3:.1f} GiB"


def machine_description() -> str:
    """CPU, cores, RAM, OS, Python and PySide6: what the figures depend on."""
    try:
        from PySide6 import __version__ as pyside_version
    except ImportError:
        pyside_version = "not installed"
    return (
        f"{_cpu_model()}, {os.cpu_count()} cores, {_ram_gib()} RAM; "
        f"{platform.system()} {platform.release()} ({platform.platform(terse=True)}); "
        f"Python {platform.python_version()}; PySide6 {pyside_version}"
    )


def _cells(outcome: Outcome) -> Iterable[tuple[str, ...]]:
    if outcome.error:
        yield (f"{outcome.script}: GAGAL ({outcome.error})", "-", "-", "-", "-", "TIDAK")
        return
    for f in outcome.figures:
        yield (
            f.name,
            f"{f.value_ms:.1f} {f.unit}",
            f"{f.baseline_name}: {f.baseline_ms:.1f} {f.unit}",
            f"{f.ratio:.2f}x",
            f.goal,
            f.met,
        )


def format_table(outcomes: Sequence[Outcome], machine: str, markdown: bool,
                 when: dt.datetime | None = None) -> str:
    """The one table (Markdown for the README, or aligned plain text), machine first."""
    when = when or dt.datetime.now()
    rows = [cells for outcome in outcomes for cells in _cells(outcome)]
    head = f"Machine: {machine}\nRun: {when:%Y-%m-%d %H:%M}"
    if markdown:
        body = [TABLE_HEADER] + ["| " + " | ".join(cells) + " |" for cells in rows]
        return f"{head}\n\n" + "\n".join(body)
    widths = [max(len(r[i]) for r in [HEADERS, *rows]) for i in range(len(HEADERS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in [HEADERS, tuple("-" * w for w in widths), *rows]]
    return f"{head}\n\n" + "\n".join(lines)


def summary(outcomes: Sequence[Outcome]) -> str:
    figures = [f for o in outcomes for f in o.figures]
    with_goal = [f for f in figures if f.met != "-"]
    missed = [f.name for f in with_goal if f.met != "ya"]
    failed = [o.script for o in outcomes if o.error]
    text = f"{len(with_goal) - len(missed)} of {len(with_goal)} goals met"
    if missed:
        text += "; NOT met: " + "; ".join(missed)
    if failed:
        text += "; scripts failed: " + ", ".join(failed)
    return text + "."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", default=[], metavar="NAME",
                        help="run only this script (repeatable; a part of the name is enough)")
    parser.add_argument("--markdown", action="store_true", help="Markdown table (README)")
    parser.add_argument("--list", action="store_true", help="list the scripts found and stop")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # child process: one script
    parser.add_argument("--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.one:
        run_one_here(args.one, args.output)
        return 0
    names = select(discover(), args.only)
    if args.list:
        print("\n".join(names))
        return 0
    outcomes = []
    tables = table_scripts()
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        outcome = run_script(name, as_table=name in tables)
        state = f"failed: {outcome.error}" if outcome.error else "done"
        print(f"  {name}: {state} in {outcome.seconds:.0f} s", file=sys.stderr, flush=True)
        outcomes.append(outcome)
    print(format_table(outcomes, machine_description(), args.markdown))
    print(f"\n{summary(outcomes)}")
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
