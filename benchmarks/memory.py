"""Peak memory (resident set) of the program with 100,000 letters open in the Agenda Surat Masuk
page, against a bare PySide6 QMainWindow shown the same way, in the same run. Goal <= 300 MB.

The program side is built as `jogoroto_desktop.gui.run_gui` builds it (catalog, main window,
database opened after the first paint); then the Sekretariat's Agenda Surat Masuk page is
opened, switched to "Semua tahun" (every letter) and scrolled from the first letter to the last
(the model keeps at most MAX_PAGES pages of rows); a letter is selected so its detail pane fills,
and a free-text filter is applied and cleared.
Each side runs in a process of its own and reports its own peak RSS (VmHWM), so nothing
of the letter generation counts.

    python benchmarks/memory.py [--letters N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import (  # noqa: E402
    PYTHON,
    REPO_ROOT,
    Figure,
    open_database_at,
    print_table,
    quiet_env,
    scratch_data_dir,
)

GOAL_MB = 300.0
PEAK_PREFIX = "peak_rss_kb="
SCROLL_STEPS = 120


def peak_rss_kb() -> int:
    """This process' peak resident set in KiB. On Linux VmHWM of /proc/self/status: ru_maxrss
    there keeps the high-water mark of the parent that spawned us (it survives fork and exec)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    import resource  # elsewhere ru_maxrss is of this process: KiB, but bytes on macOS

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def probe_program(database: Path) -> int:
    """The program's window with the agenda page open over `database`; returns peak RSS (KiB)."""
    from PySide6.QtWidgets import QTableView

    import models
    from jogoroto_desktop import session
    from jogoroto_desktop.sop.catalog import default_catalog
    from ui.app import create_main_window, ensure_application

    app = ensure_application([sys.argv[0]])
    window = create_main_window(default_catalog(), "sedang dibuka...")
    window.show()
    app.processEvents()
    models.open_database(database)
    session.set_actor(session.SETUP_ADMIN)
    window.set_database_label(models.describe_target(str(database)))

    sekretariat = next(tab for tab in window.seksi_tabs if tab.seksi.id == "sekretariat")
    window.tabs.setCurrentWidget(sekretariat)
    labels = [sekretariat.sections.tabText(i) for i in range(sekretariat.sections.count())]
    page = sekretariat.open_section(labels.index("Agenda Surat Masuk"))
    page.select_year(None)  # "Semua tahun": every letter of every year
    app.processEvents()
    table = page.findChild(QTableView, "agendaTable")
    assert table is not None, "Agenda Surat Masuk page has no agendaTable"
    total = table.model().rowCount()
    assert total >= 100_000 or "--small" in sys.argv, f"only {total} letters shown"
    bar = table.verticalScrollBar()
    step = max(bar.maximum() // SCROLL_STEPS, 1)
    for position in [*range(0, bar.maximum(), step), bar.maximum()]:
        bar.setValue(position)
        app.processEvents()
    table.selectRow(total - 1)
    app.processEvents()
    for text in ("rapat", ""):  # a search applied with Enter, then cleared the same way
        page.search.setText(text)
        page.search.returnPressed.emit()
        app.processEvents()
    peak = peak_rss_kb()
    window.close()
    models.close_database()
    return peak


def probe_bare() -> int:
    """A bare QMainWindow shown and painted; returns peak RSS (KiB)."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    window.repaint()
    app.processEvents()
    peak = peak_rss_kb()
    window.close()
    return peak


def _run_probe(arguments: list[str], env: dict[str, str]) -> float:
    """Peak RSS in MiB reported by a probe process."""
    result = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), *arguments], env=env, cwd=REPO_ROOT,
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"memory probe {arguments} failed:\n{result.stderr}")
    lines = [line for line in result.stdout.splitlines() if line.startswith(PEAK_PREFIX)]
    if not lines:
        raise RuntimeError(f"memory probe {arguments} printed no {PEAK_PREFIX}:\n{result.stdout}")
    return int(lines[-1].removeprefix(PEAK_PREFIX)) / 1024


def figures(letters: int = 100_000) -> list[Figure]:
    """For benchmarks/run.py."""
    from benchmarks.agenda import fill, generate

    with scratch_data_dir() as folder:
        with open_database_at(folder / "agenda.db") as database:
            fill(generate(letters, dt.date.today()))
        env = quiet_env(folder)
        extra = ["--small"] if letters < 100_000 else []
        ours = _run_probe(["--probe-program", str(database), *extra], env)
        bare = _run_probe(["--probe-bare"], env)
    return [
        Figure(f"peak memory, {letters:_} letters open in the agenda page".replace("_", "."),
               ours, "bare QMainWindow", bare, goal_ms=GOAL_MB, unit="MB"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--probe-program", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument("--probe-bare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--small", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe_program:
        print(f"{PEAK_PREFIX}{probe_program(Path(args.probe_program))}", flush=True)
        return
    if args.probe_bare:
        print(f"{PEAK_PREFIX}{probe_bare()}", flush=True)
        return
    print_table(figures(args.letters))


if __name__ == "__main__":
    main()
