"""What the program does before its window is first painted (the start-up benchmark's figure).

Not a timing test: these check the things the profile found expensive stay off that path, in a
fresh process (in this one pytest-qt has loaded everything already):
- PySide6's `Qt` namespace: reading any member builds all of its ~90 Python enums (~35 ms);
- the database layer (peewee, the drivers, the integrity check): opened after the first paint;
- the logging machinery (logging.handlers): set up when there is something to write;
- the register pages, the flowchart and the printing code: built when first opened.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent

# Runs the GUI entry point as `jogoroto --check-startup` does; at the first paint (when it prints
# startup_ms=) it records which enums were built and which modules were imported.
PROBE = r"""
import enum, io, json, sys
created = []
original = enum.EnumType._create_
def recording(cls, class_name, names, **kwargs):
    created.append(class_name)
    return original(cls, class_name, names, **kwargs)
enum.EnumType._create_ = recording
report = {}
real_stdout = sys.stdout
class AtFirstPaint(io.TextIOBase):
    def write(self, text):
        if "startup_ms=" in text and not report:
            report["enums"] = list(created)
            report["modules"] = sorted(sys.modules)
        return len(text)
sys.stdout = AtFirstPaint()
from jogoroto_desktop.__main__ import main
sys.argv = ["jogoroto", "--check-startup"]
code = main()
sys.stdout = real_stdout
report["exit"] = code
print(json.dumps(report))
"""

# Enums that only the `Qt` namespace has (QtCore's own classes have none of these names).
QT_NAMESPACE_ENUMS = {"GestureState", "ItemDataRole", "AlignmentFlag", "Key", "WindowType"}


@pytest.fixture(scope="module")
def first_paint(tmp_path_factory: pytest.TempPathFactory) -> dict:
    data = tmp_path_factory.mktemp("startup-data")
    env = dict(os.environ, JOGOROTO_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(REPO_ROOT))
    env.pop("JOGOROTO_DB", None)
    result = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["exit"] == 0 and "modules" in report, report.keys()
    return report


def test_qt_namespace_enums_are_not_built_before_the_first_paint(first_paint: dict) -> None:
    built = QT_NAMESPACE_ENUMS & set(first_paint["enums"])
    assert not built, (
        f"the Qt namespace was read before the first paint ({sorted(built)}): a module on the "
        "start-up path uses `Qt.` at import or while building the window; use the int "
        "constants of ui/item_models.py or import Qt inside the function that needs it")


@pytest.mark.parametrize("module", [
    "peewee", "models", "psycopg2", "logging.handlers", "reportlab", "qrcode", "openpyxl",
    "PySide6.QtPdf", "PySide6.QtPrintSupport", "ui.flowchart_view", "ui.agenda_page",
    "ui.settings_dialog", "jogoroto_desktop.sop.flowchart", "ui.sop_detail",
    "jogoroto_desktop.cli.main", "jogoroto_desktop.cli.backup", "jogoroto_desktop.storage.dbconfig",
    "PySide6.QtCharts", "ui.grafik_page", "ui.monitoring_page", "jogoroto_desktop.monitoring",
])
def test_slow_or_unneeded_modules_wait_until_after_the_first_paint(
    first_paint: dict, module: str
) -> None:
    assert module not in first_paint["modules"]


def test_the_roles_used_before_qt_exists_are_qts_own_values() -> None:
    from PySide6.QtCore import Qt

    from ui import item_models, sop_detail

    pairs = [
        (item_models.DISPLAY_ROLE, Qt.ItemDataRole.DisplayRole),
        (item_models.TOOLTIP_ROLE, Qt.ItemDataRole.ToolTipRole),
        (item_models.FONT_ROLE, Qt.ItemDataRole.FontRole),
        (item_models.TEXT_ALIGNMENT_ROLE, Qt.ItemDataRole.TextAlignmentRole),
        (item_models.FOREGROUND_ROLE, Qt.ItemDataRole.ForegroundRole),
        (item_models.USER_ROLE, Qt.ItemDataRole.UserRole),
        (sop_detail.ALIGN_CENTER, Qt.AlignmentFlag.AlignCenter.value),
        (sop_detail.TEXT_SELECTABLE_BY_MOUSE, Qt.TextInteractionFlag.TextSelectableByMouse.value),
    ]
    for ours, qts in pairs:
        assert ours == qts


def test_sop_detail_properties_set_from_ints_take_effect(qtbot) -> None:
    from PySide6.QtCore import Qt

    from ui.sop_detail import SopDetail

    detail = SopDetail()
    qtbot.addWidget(detail)
    assert detail.title.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert detail.subtitle.textInteractionFlags() == (
        Qt.TextInteractionFlag.TextSelectableByMouse)
    assert detail.draft_notice.alignment() == Qt.AlignmentFlag.AlignCenter


@pytest.mark.parametrize(("arguments", "expected"), [
    ([], (None, False)),
    (["--check-startup"], (None, True)),
    (["--db", "kantor.db"], ("kantor.db", False)),
    (["--db=postgresql://server/db", "--check-startup"], ("postgresql://server/db", True)),
    (["--db", "a.db", "--db", "b.db"], ("b.db", False)),  # the last wins, as in argparse
    (["sop", "list"], None),
    (["--db", "x.db", "sop", "list"], None),
    (["--help"], None),
    (["--version"], None),
    (["--db"], None),  # argparse reports the missing value
    (["--db", "--check-startup"], None),
    (["--check"], None),  # an abbreviation: argparse decides
])
def test_only_window_arguments_skip_the_command_line_parser(
    arguments: list[str], expected: tuple[str | None, bool] | None
) -> None:
    from jogoroto_desktop.gui import gui_launch

    assert gui_launch(arguments) == expected
