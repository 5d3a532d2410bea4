"""Draw the program's emblem with Qt and write resources/icons/jogoroto.png (256 px), one PNG per
size, and jogoroto.ico (16 to 256 px, for the Windows executable and the installer).

The emblem: a green rounded tile (the office's SOP book cover is green) with a white page whose
corner is folded, three text lines, and a gold seal with a check mark: "a procedure, approved".
Small sizes are drawn with fewer details so they stay legible in the taskbar.

    python tools/make_icon.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
GREEN = QColor("#1f6f43")
GREEN_DARK = QColor("#14502f")
PAGE = QColor("#ffffff")
FOLD = QColor("#d5e4da")
LINES = QColor("#7a9a86")
GOLD = QColor("#e0a526")
GOLD_DARK = QColor("#a8760f")


def draw_emblem(size: int) -> QImage:
    """The emblem at `size` x `size` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)  # drawn on a 256-unit grid
    detailed = size >= 32

    tile = QRectF(8, 8, 240, 240)
    painter.setPen(QPen(GREEN_DARK, 6) if detailed else Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(GREEN))
    painter.drawRoundedRect(tile, 44, 44)

    # The page with its folded top-right corner.
    left, top, right, bottom, fold = 62.0, 40.0, 180.0, 206.0, 38.0
    page = QPainterPath(QPointF(left, top))
    page.lineTo(right - fold, top)
    page.lineTo(right, top + fold)
    page.lineTo(right, bottom)
    page.lineTo(left, bottom)
    page.closeSubpath()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(PAGE))
    painter.drawPath(page)
    painter.setBrush(QBrush(FOLD))
    painter.drawPolygon(QPolygonF([QPointF(right - fold, top), QPointF(right, top + fold),
                                   QPointF(right - fold, top + fold)]))

    line_pen = QPen(LINES, 12 if detailed else 18, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(line_pen)
    rows = (88.0, 118.0, 148.0) if detailed else (96.0, 140.0)
    for row in rows:
        painter.drawLine(QPointF(left + 20, row), QPointF(right - (44 if row < 100 else 20), row))

    # The seal with a check mark, overlapping the page's lower right corner.
    seal = QRectF(132, 132, 100, 100)
    painter.setPen(QPen(GOLD_DARK, 6))
    painter.setBrush(QBrush(GOLD))
    painter.drawEllipse(seal)
    check = QPen(PAGE, 16 if detailed else 22, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                 Qt.PenJoinStyle.RoundJoin)
    painter.setPen(check)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline(QPolygonF([QPointF(156, 184), QPointF(175, 203), QPointF(209, 162)]))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file whose images are PNG-compressed (read by Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries = b""
    images = b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        images += data
    return header + entries + images


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    pngs = {size: png_bytes(draw_emblem(size)) for size in SIZES}
    (ICON_DIR / "jogoroto.png").write_bytes(pngs[256])
    for size in (16, 32, 48):  # window icon sizes Qt picks from on a normal-DPI screen
        (ICON_DIR / f"jogoroto-{size}.png").write_bytes(pngs[size])
    (ICON_DIR / "jogoroto.ico").write_bytes(ico_bytes(pngs))
    print(f"ikon ditulis ke {ICON_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
