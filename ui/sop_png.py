"""Headless PNG of an SOP's flowchart, for the CLI (`sop png ID -o FILE [--scale N]`).

Paints with the same scene code as the screen (ui.flowchart_scene); needs no display: when no
QApplication exists one is created on the offscreen platform.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QApplication

from jogoroto_desktop.geometry import Rect
from jogoroto_desktop.sop.catalog import Sop
from jogoroto_desktop.sop.flowchart import (
    FOOTER_SIZE,
    LayoutError,
    Page,
    layout_sop,
    text_block,
)
from jogoroto_desktop.sop.print_marks import DRAFT_WATERMARK, footer_note
from ui.flowchart_scene import PAGE_FILL, blank_image, image_size, paint_page, text_font

PAGE_GAP = 16.0  # points between stacked pages
GAP_FILL = QColor("#c8c8c8")
# As the printed PDF (printing.sop_document): a light red "DRAF", mostly clear, along the
# diagonal, as wide as this share of it.
WATERMARK_COLOUR = QColor(204, 26, 26, 33)
WATERMARK_SHARE = 0.62

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
                   page: int | None = None, *, versi: int | None = None,
                   status_label: str | None = None, draf: bool = False) -> tuple[int, int]:
    """Write `sop`'s flowchart on `paper` to `path` as a PNG at `scale` pixels per point.

    With `page` (from 1) only that page is drawn; otherwise every page, stacked top to bottom
    with a grey gap between them. `versi`/`status_label` print the version at the footer's
    left; `draf` (a version not yet approved) adds "DRAF — belum disahkan" there and the DRAF
    watermark on every page, as the printed SOP has them. Returns the image's (width, height)
    in pixels. Raises LayoutError for a draft SOP, an unknown paper or a page number out of
    range, and OSError when the file cannot be written."""
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
            paint_marks(painter, one, target, footer_note(versi, status_label, draf), draf)
    finally:
        painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"Gambar tidak dapat disimpan ke {path}.")
    return width, total


def paint_marks(painter: QPainter, page: Page, target: QRectF, note: str, draf: bool) -> None:
    """The footer's note (version, draft mark) and the DRAF watermark over `page` painted in
    `target`: drawn in page points, scaled as paint_page scales the page."""
    if not note and not draf:
        return
    painter.save()
    painter.translate(target.topLeft())
    painter.scale(target.width() / page.width, target.height() / page.height)
    if note and page.footer is not None:
        font, text_scale, _ascent = text_font("bold", FOOTER_SIZE)
        footer = page.footer.rect  # the left half, as the PDF places it
        block = text_block(note, Rect(footer.x, footer.y, footer.w / 2, footer.h), FOOTER_SIZE,
                           "bold", valign="middle")
        painter.setFont(font)
        painter.setPen(QColor("black"))
        for line in block.lines:
            painter.save()
            painter.translate(line.x, line.baseline)
            painter.scale(text_scale, text_scale)
            painter.drawText(QPointF(0, 0), line.text)
            painter.restore()
    if draf:
        font, text_scale, _ascent = text_font("bold", FOOTER_SIZE)
        metrics = QFontMetricsF(font)
        diagonal = math.hypot(page.width, page.height)
        factor = WATERMARK_SHARE * diagonal / (metrics.horizontalAdvance(DRAFT_WATERMARK)
                                               * text_scale)
        painter.translate(page.width / 2, page.height / 2)
        painter.rotate(-math.degrees(math.atan2(page.height, page.width)))
        painter.scale(text_scale * factor, text_scale * factor)
        painter.setFont(font)
        painter.setPen(WATERMARK_COLOUR)
        painter.drawText(QRectF(-5000, -5000, 10000, 10000), Qt.AlignmentFlag.AlignCenter,
                         DRAFT_WATERMARK)
    painter.restore()
