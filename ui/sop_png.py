"""Headless PNG of an SOP's flowchart, for the CLI (`sop png ID -o FILE [--scale N]`).

Paints with the same scene code as the screen (ui.flowchart_scene); needs no display: when no
QApplication exists one is created on the offscreen platform.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication

from jogoroto_desktop.sop.catalog import Sop
from jogoroto_desktop.sop.flowchart import LayoutError, layout_sop
from ui.flowchart_scene import PAGE_FILL, blank_image, image_size, paint_page

PAGE_GAP = 16.0  # points between stacked pages
GAP_FILL = QColor("#c8c8c8")

_application: QApplication | None = None  # kept alive for the whole process


def ensure_application() -> QApplication:
    """The running QApplication, or a new one on the offscreen platform (no window needed)."""
    global _application
    app = QCoreApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _application = QApplication(["jogoroto-cli"])
        return _application
    if not isinstance(app, QApplication):
        raise RuntimeError("Menggambar diagram alir memerlukan QApplication.")
    return app


def render_sop_png(sop: Sop, path: str | Path, scale: float = 2.0, paper: str = "A4",
                   page: int | None = None) -> tuple[int, int]:
    """Write `sop`'s flowchart on `paper` to `path` as a PNG at `scale` pixels per point.

    With `page` (from 1) only that page is drawn; otherwise every page, stacked top to bottom
    with a grey gap between them. Returns the image's (width, height) in pixels. Raises
    LayoutError for a draft SOP, an unknown paper or a page number out of range, and OSError
    when the file cannot be written."""
    if scale <= 0:
        raise ValueError("Skala harus lebih dari 0.")
    ensure_application()
    layout = layout_sop(sop, paper)
    if page is None:
        pages = layout.pages
    elif 1 <= page <= len(layout.pages):
        pages = [layout.pages[page - 1]]
    else:
        raise LayoutError(f"Halaman {page} tidak ada: diagram ini {len(layout.pages)} halaman.")
    width, height = image_size(pages[0], scale)
    gap = round(PAGE_GAP * scale)
    total = height * len(pages) + gap * (len(pages) - 1)
    image = blank_image(width, total, scale, GAP_FILL)
    painter = QPainter(image)
    try:
        for index, one in enumerate(pages):
            target = QRectF(0, index * (height + gap), width, height)
            painter.fillRect(target, PAGE_FILL)
            paint_page(painter, one, target)
    finally:
        painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"Gambar tidak dapat disimpan ke {path}.")
    return width, total
