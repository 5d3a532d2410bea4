"""SOP editor figures, in-process, each against a baseline measured in the same run:

- editing one field of the largest SOP (Renja): the edit applied, the checks run, the live
  flowchart laid out again and its view repainted (goal <= 30 ms), against the catalog's own
  scene build of the same SOP (layout_sop + FlowchartScene, as the Diagram Alir tab does);
- opening the editor on a new revision of Renja from a database, shown and painted (goal
  <= 300 ms), against opening the catalog's Diagram Alir panel on the same SOP.

    python benchmarks/sop_editor.py [--repeats N]
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import (  # noqa: E402
    Figure,
    median,
    print_table,
    repeats_option,
    scratch_database,
)

EDIT_GOAL_MS = 30.0
OPEN_GOAL_MS = 300.0
SOP_ID = "renja"  # the largest SOP of the book (15 steps, 5 pelaksana)


def _times(repeats: int, work: Callable[[int], object]) -> list[float]:
    times = []
    for attempt in range(repeats):
        started = time.perf_counter()
        work(attempt)
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(repeats: int) -> list[Figure]:
    from PySide6.QtWidgets import QApplication, QWidget

    from jogoroto_desktop import session
    from jogoroto_desktop.sop import editing
    from jogoroto_desktop.sop.catalog import default_catalog
    from jogoroto_desktop.sop.flowchart import layout_sop
    from ui.flowchart_scene import FlowchartScene
    from ui.flowchart_view import FlowchartPanel
    from ui.sop_editor import SopEditor
    from ui.sop_versions_ui import open_editor

    app = QApplication.instance() or QApplication([])
    session.set_actor(session.SETUP_ADMIN)
    sop = default_catalog().get(SOP_ID)
    assert sop is not None
    host = QWidget()
    keep: list[object] = []

    def catalog_scene(_attempt: int) -> None:
        keep.append(FlowchartScene(layout_sop(sop, "A4").pages[0]))

    def open_catalog_panel(_attempt: int) -> None:
        panel = FlowchartPanel()
        panel.resize(1366, 700)
        panel.show()
        panel.show_sop(sop)
        panel.repaint()
        app.processEvents()
        keep.append(panel)

    editors: list[SopEditor] = []

    def open_the_editor(_attempt: int) -> None:
        editor = open_editor(host, SOP_ID, lambda _text: None)
        assert isinstance(editor, SopEditor)
        editor.resize(1366, 768)
        editor.repaint()
        app.processEvents()
        editors.append(editor)

    catalog_scene(0)  # warm the fonts and the text metrics for every figure
    open_catalog_panel(0)
    open_the_editor(0)
    open_times = _times(repeats, open_the_editor)
    panel_times = _times(repeats, open_catalog_panel)
    for editor in editors[1:]:
        editor.saved_sop = editor.sop  # nothing to ask when closing
        editor.close()
    editor = editors[0]
    keep.clear()

    def edit_one_field(attempt: int) -> None:
        text = f"Seksi menyusun rencana kerja, putaran {attempt}"
        editor.apply_edit(editing.set_step_field(editor.sop, 1, "kegiatan", text))
        editor.refresh_now()  # checks, layout, scene (what the typing timer runs)
        editor.flowchart.view.viewport().repaint()

    edit_times = _times(repeats, edit_one_field)
    scene_times = _times(repeats, catalog_scene)
    items = editor.flowchart.scene.item_count() if editor.flowchart.scene else 0
    return [
        Figure(f"SOP editor: edit one field of {SOP_ID}, checks + live flowchart re-laid and "
               f"repainted ({items} items)", median(edit_times),
               "catalog's layout + scene build, same SOP", median(scene_times),
               goal_ms=EDIT_GOAL_MS),
        Figure(f"open the SOP editor ({SOP_ID}, new revision from the database)",
               median(open_times), "catalog's Diagram Alir panel, same SOP",
               median(panel_times), goal_ms=OPEN_GOAL_MS),
    ]


def figures() -> list[Figure]:
    """For benchmarks/run.py (which runs it with a temporary data folder)."""
    with scratch_database("sop-editor.db"):
        return measure(15)


def main() -> None:
    repeats = repeats_option(__doc__, 15)
    with scratch_database("sop-editor.db"):
        result = measure(repeats)
    print_table(result)


if __name__ == "__main__":
    main()
