"""Flowchart figures, in-process, each against a baseline measured in the same run:

- layout + scene build of the largest detailed SOP (goal <= 30 ms), against building a scene of
  the same number of plain rectangle items;
- painting the scene at fit-to-width in a 1280 x 800 view (goal <= 16 ms, smooth panning),
  against painting a scene of the same number of plain rectangles in the same view.

    python benchmarks/flowchart.py [--repeats N]
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import Figure, median, print_table, repeats_option, scratch_data_dir  # noqa: E402

BUILD_GOAL_MS = 30.0
PAINT_GOAL_MS = 16.0


def _best_of(repeats: int, work: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure(repeats: int) -> list[Figure]:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QApplication, QGraphicsScene

    from jogoroto_desktop.sop.catalog import default_catalog
    from jogoroto_desktop.sop.flowchart import layout_sop
    from ui.flowchart_scene import FlowchartScene
    from ui.flowchart_view import FlowchartView

    app = QApplication.instance() or QApplication([])
    detailed = [sop for sop in default_catalog() if not sop.is_draft]
    largest = max(detailed, key=lambda sop: len(sop.steps))
    keep: list[QGraphicsScene] = []

    def ours() -> FlowchartScene:
        scene = FlowchartScene(layout_sop(largest, "A4").pages[0])
        keep.append(scene)
        return scene

    sample = ours()
    item_count = len(sample.items())
    page_rect = sample.sceneRect()

    def plain() -> QGraphicsScene:
        scene = QGraphicsScene()
        scene.setSceneRect(page_rect)
        step = page_rect.width() / 40
        for index in range(item_count):
            scene.addRect(QRectF((index % 40) * step, (index // 40) * 12.0, step - 2, 10))
        keep.append(scene)
        return scene

    build_ours = _best_of(repeats, ours)
    build_plain = _best_of(repeats, plain)
    keep.clear()

    view = FlowchartView()
    view.resize(1280, 800)
    view.show()
    app.processEvents()
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    def paint_with(scene: QGraphicsScene) -> Callable[[], None]:
        view.setScene(scene)
        view.fit_width()
        app.processEvents()

        def paint() -> None:
            painter = QPainter(image)
            view.render(painter)  # the view paints its visible part of the scene, as on screen
            painter.end()

        return paint

    paint_ours = _best_of(repeats, paint_with(ours()))
    paint_plain = _best_of(repeats, paint_with(plain()))
    return [
        Figure(f"layout + scene build, largest SOP ({largest.id}, {item_count} items)",
               median(build_ours), f"scene of {item_count} plain rects", median(build_plain),
               goal_ms=BUILD_GOAL_MS),
        Figure("paint at fit-to-width, 1280x800 view", median(paint_ours),
               f"{item_count} plain rects, same view", median(paint_plain),
               goal_ms=PAINT_GOAL_MS),
    ]


def figures() -> list[Figure]:
    """For benchmarks/run.py (which runs it with a temporary data folder)."""
    return measure(15)


def main() -> None:
    repeats = repeats_option(__doc__, 15)
    with scratch_data_dir():
        figures = measure(repeats)
    print_table(figures)


if __name__ == "__main__":
    main()
