"""The SOP flowchart on screen: a QGraphicsScene that paints one page of the layout.

DESIGN.md section 4, "one layout, two painters": every coordinate, line break and text position
comes from `jogoroto_desktop.sop.flowchart.layout_sop`; this module only draws it. One scene unit is
one point of the paper. Text is never re-wrapped or re-measured: each TextLine is drawn at its
(x, baseline) in the shipped Liberation Sans faces, at exactly TextBlock.size scene units.

The same scene (built with `interactive=False`, so without hover or selection marks) paints the
PNG export, the PDF export and the printout, see `paint_page`.

Cost: a page is a few hundred plain Qt items (shape items and QGraphicsSimpleTextItems), all
painted by Qt itself; no item has a Python paint() or is cached as a pixmap (NoCache, the
default), so text and lines are drawn sharp at every zoom and in every export.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractGraphicsShapeItem,
    QApplication,
    QGraphicsItem,
    QGraphicsItemGroup,
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QWidget,
)

from jogoroto_desktop.geometry import Point, Rect
from jogoroto_desktop.sop.flowchart import LABEL_SIZE, Arrow, Page, TextBlock
from jogoroto_desktop.textmetrics import FONT_FAMILY, FONT_FILES, face_metrics, font_path

# Line widths in points (scene units), so they scale with the page like ink on paper.
GRID_WIDTH = 0.5
SYMBOL_WIDTH = 1.0
ARROW_WIDTH = 0.8
HOVER_WIDTH = 1.8
SELECTED_WIDTH = 2.2
# Arrowheads, dashes, fills and the digit height match the printed SOP (printing/sop_document.py).
ARROW_HEAD_LENGTH = 5.0
ARROW_HEAD_HALF_WIDTH = 2.2
DASH = (2.5, 1.8)  # dash and gap of an uncertain symbol's outline, in points

INK = QColor("#000000")
MUTED_INK = QColor("#6b6b6b")
HEADER_FILL = QColor("#dbdbdb")
PAGE_FILL = QColor("#ffffff")
HOVER_FILL = QColor(255, 241, 168, 190)  # light yellow band behind the hovered row
SELECTED_FILL = QColor("#d6e6ff")  # light blue band behind the selected row
HOVER_INK = QColor("#1f6fd6")
SELECTED_INK = QColor("#0b3d91")

# Stacking order (z values).
Z_PAGE, Z_SELECTED_BAND, Z_HOVER_BAND, Z_HEADER_FILL, Z_GRID = -10, -6, -5, -4, -3
Z_TEXT, Z_SYMBOL, Z_CONNECTOR, Z_ARROW, Z_LABEL_BOX, Z_LABEL = 0, 1, 1, 2, 3, 4

# QFont pixel sizes are integers and point sizes depend on the paint device's dpi; text is drawn
# with a pixel-sized font this many times larger than its size, in a text layer item scaled back
# down, so a glyph of size 8 is exactly 8 scene units tall on the screen, an image or a printer.
_FONT_OVERSIZE = 20
_DIGIT_HEIGHT = 0.716  # digit height per unit of font size (as the printed SOP)


@cache
def font_family() -> str:
    """Register the shipped faces with Qt (once per process) and return their family name.

    Needs a QGuiApplication."""
    family = FONT_FAMILY
    for style in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(font_path(style))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            family = families[0]
    return family


@cache
def text_font(style: str, size: float) -> tuple[QFont, float, float]:
    """(font, scale, ascent): the QFont for `style`, the item scale that makes it exactly `size`
    scene units tall, and its ascent in scene units (baseline below the item's top).

    Kerning is off and hinting is off so advances are the font's design widths: the same
    widths jogoroto_desktop.textmetrics wrapped the lines with."""
    pixel = max(1, round(size * _FONT_OVERSIZE))
    font = QFont(font_family())
    font.setPixelSize(pixel)
    font.setBold(style == "bold")
    font.setItalic(style == "italic")
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    scale = size / pixel
    return font, scale, QFontMetricsF(font).ascent() * scale


def qrect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


def qpolygon(points: Iterable[Point]) -> QPolygonF:
    return QPolygonF([QPointF(p.x, p.y) for p in points])


def page_rect(page: Page) -> QRectF:
    return QRectF(0.0, 0.0, page.width, page.height)


class _TextPlacer:
    """Places text lines as QGraphicsSimpleTextItems, painted by Qt itself (no Python runs on a
    repaint). The lines are children of one unpainted layer item per (scale, z), and a line
    costs only its font, text and position (at its baseline)."""

    def __init__(self, scene: FlowchartScene) -> None:
        self.scene = scene
        self._layers: dict[tuple[float, float], QGraphicsItemGroup] = {}
        self._muted = QBrush(MUTED_INK)

    def _layer(self, scale: float, z: float) -> QGraphicsItemGroup:
        layer = self._layers.get((scale, z))
        if layer is None:
            layer = QGraphicsItemGroup()
            layer.setScale(scale)
            self.scene._add(layer, z)
            self._layers[(scale, z)] = layer
        return layer

    def add(self, style: str, size: float, muted: bool,
            lines: Iterable[tuple[float, float, str]], z: float = Z_TEXT,
            step_no: int | None = None) -> None:
        """Add (x, baseline, text) lines drawn in one font."""
        font, scale, ascent = text_font(style, size)
        layer = self._layer(scale, z)
        items = self.scene.text_items
        for x, baseline, text in lines:
            item = QGraphicsSimpleTextItem(layer)
            item.setFont(font)  # before the text: the line is laid out once
            item.setText(text)
            if muted:
                item.setBrush(self._muted)
            item.setPos(x / scale, (baseline - ascent) / scale)
            items.append(item)
            if step_no is not None:
                self.scene.step_items.setdefault(step_no, []).append(item)

    def add_block(self, block: TextBlock, step_no: int | None = None) -> None:
        self.add(block.style, block.size, block.muted,
                 ((line.x, line.baseline, line.text) for line in block.lines), Z_TEXT, step_no)


def _pen(color: QColor, width: float, dashed: bool = False) -> QPen:
    pen = QPen(color, width)
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    if dashed:
        pen.setDashPattern([DASH[0] / width, DASH[1] / width])
    return pen


def arrow_paths(arrow: Arrow) -> tuple[QPainterPath, QPolygonF]:
    """The arrow's line (ending under its head) and its head, a triangle whose tip is the
    arrow's last point."""
    points = arrow.points
    tip, before = points[-1], points[-2]
    dx, dy = tip.x - before.x, tip.y - before.y
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    ux, uy = dx / length, dy / length
    base_x, base_y = tip.x - ux * ARROW_HEAD_LENGTH, tip.y - uy * ARROW_HEAD_LENGTH
    head = QPolygonF([
        QPointF(tip.x, tip.y),
        QPointF(base_x - uy * ARROW_HEAD_HALF_WIDTH, base_y + ux * ARROW_HEAD_HALF_WIDTH),
        QPointF(base_x + uy * ARROW_HEAD_HALF_WIDTH, base_y - ux * ARROW_HEAD_HALF_WIDTH),
    ])
    path = QPainterPath(QPointF(points[0].x, points[0].y))
    for point in points[1:-1]:
        path.lineTo(point.x, point.y)
    # Stop the line inside the head so its end never shows past the tip.
    shorten = min(ARROW_HEAD_LENGTH * 0.6, length)
    path.lineTo(tip.x - ux * shorten, tip.y - uy * shorten)
    return path, head


class FlowchartScene(QGraphicsScene):
    """One page of an SOP flowchart layout.

    Interactive scenes highlight the row and symbol under the mouse and select a step on click
    (`step_clicked`); a drag is left to the view (it pans)."""

    step_clicked = Signal(int)

    def __init__(self, page: Page, parent: QWidget | None = None,
                 interactive: bool = True) -> None:
        super().__init__(parent)
        self.page = page
        self.interactive = interactive
        # A few hundred static items; the highlight bands move on every hover. A linear scan
        # is cheaper than keeping a BSP tree up to date, and hit tests use the layout rows.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setSceneRect(page_rect(page))
        self.symbol_items: dict[int, QAbstractGraphicsShapeItem] = {}
        self.connector_items: list[QGraphicsPolygonItem] = []
        self.arrow_items: list[QGraphicsPathItem] = []
        self.arrow_head_items: list[QGraphicsPolygonItem] = []
        self.label_box_items: list[QGraphicsRectItem] = []
        self.step_items: dict[int, list[QGraphicsItem]] = {}
        self.text_items: list[QGraphicsSimpleTextItem] = []
        self._uncertain: dict[int, bool] = {}
        self._rows = [(row.rect.y, row.rect.bottom, row.step_no) for row in page.rows]
        self._row_rects = {row.step_no: qrect(row.rect) for row in page.rows}
        self._hovered: int | None = None
        self._selected: int | None = None
        self._press_pos: QPoint | None = None
        self._build()
        self._label_boxes_by_step: dict[int, list[QGraphicsRectItem]] = {}
        for box in self.label_box_items:
            row_step = self.step_at(box.rect().center())
            if row_step is not None:
                self._label_boxes_by_step.setdefault(row_step, []).append(box)

    # -- building ---------------------------------------------------------------------------

    def _add(self, item: QGraphicsItem, z: float, step_no: int | None = None) -> None:
        item.setZValue(z)
        self.addItem(item)
        if step_no is not None:
            self.step_items.setdefault(step_no, []).append(item)

    def _build(self) -> None:
        page = self.page
        no_pen = QPen(Qt.PenStyle.NoPen)
        background = QGraphicsRectItem(page_rect(page))
        background.setPen(no_pen)
        background.setBrush(PAGE_FILL)
        self._add(background, Z_PAGE)

        if self.interactive:
            self._selected_band = QGraphicsRectItem()
            self._hover_band = QGraphicsRectItem()
            for band, fill, z in ((self._selected_band, SELECTED_FILL, Z_SELECTED_BAND),
                                  (self._hover_band, HOVER_FILL, Z_HOVER_BAND)):
                band.setPen(no_pen)
                band.setBrush(fill)
                band.setVisible(False)
                self._add(band, z)

        # Header fill, then every table border as one path.
        header_fill = QPainterPath()
        grid = QPainterPath()
        for cell in page.header_cells:
            header_fill.addRect(qrect(cell.rect))
            grid.addRect(qrect(cell.rect))
        for cell in page.cells:
            grid.addRect(qrect(cell.rect))
        fill_item = QGraphicsPathItem(header_fill)
        fill_item.setPen(no_pen)
        fill_item.setBrush(HEADER_FILL)
        self._add(fill_item, Z_HEADER_FILL)
        grid_item = QGraphicsPathItem(grid)
        grid_item.setPen(_pen(INK, GRID_WIDTH))
        grid_item.setBrush(Qt.BrushStyle.NoBrush)
        self._add(grid_item, Z_GRID)

        text = _TextPlacer(self)
        for cell in (*page.title, *page.header_cells, *page.cells):
            if cell.text.lines:
                text.add_block(cell.text, cell.step_no)
        if page.footer is not None:
            text.add_block(page.footer.text)

        white = QBrush(PAGE_FILL)
        for symbol in page.symbols:
            self._uncertain[symbol.step_no] = symbol.uncertain
            item: QAbstractGraphicsShapeItem
            if symbol.kind == "terminator":
                path = QPainterPath()
                radius = symbol.rect.h / 2
                path.addRoundedRect(qrect(symbol.rect), radius, radius)
                item = QGraphicsPathItem(path)
            else:
                item = QGraphicsPolygonItem(qpolygon(symbol.outline))
            item.setPen(_pen(INK, SYMBOL_WIDTH, symbol.uncertain))
            item.setBrush(white)
            self.symbol_items[symbol.step_no] = item
            self._add(item, Z_SYMBOL, symbol.step_no)

        label_metrics = face_metrics("regular")
        for connector in page.connectors:
            item = QGraphicsPolygonItem(qpolygon(connector.outline))
            item.setPen(_pen(INK, SYMBOL_WIDTH))
            item.setBrush(white)
            self.connector_items.append(item)
            self._add(item, Z_CONNECTOR, connector.source_step if connector.direction == "out"
                      else connector.target_step)
            number = str(connector.number)
            width = label_metrics.text_width(number, LABEL_SIZE)
            box = connector.label_rect
            text.add("regular", LABEL_SIZE, False,
                     [(box.cx - width / 2, box.cy + LABEL_SIZE * _DIGIT_HEIGHT / 2, number)],
                     Z_LABEL)

        arrow_pen = _pen(INK, ARROW_WIDTH)
        arrow_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        black = QBrush(INK)
        for arrow in page.arrows:
            path, head = arrow_paths(arrow)
            line_item = QGraphicsPathItem(path)
            line_item.setPen(arrow_pen)
            line_item.setBrush(Qt.BrushStyle.NoBrush)
            head_item = QGraphicsPolygonItem(head)
            head_item.setPen(no_pen)
            head_item.setBrush(black)
            self.arrow_items.append(line_item)
            self.arrow_head_items.append(head_item)
            self._add(line_item, Z_ARROW, arrow.source_step)
            self._add(head_item, Z_ARROW)
            if arrow.label and arrow.label_at is not None:
                if arrow.label_box is not None:  # white under the label: no line cuts it
                    box = QGraphicsRectItem(qrect(arrow.label_box))
                    box.setPen(no_pen)
                    box.setBrush(white)
                    self.label_box_items.append(box)
                    self._add(box, Z_LABEL_BOX)
                text.add("regular", LABEL_SIZE, False,
                         [(arrow.label_at.x, arrow.label_at.y, arrow.label)], Z_LABEL)

    # -- inspection -------------------------------------------------------------------------

    def item_count(self) -> int:
        return len(self.items())

    def symbol_geometry(self, step_no: int) -> tuple[QRectF, QPolygonF]:
        """The symbol item's bounding rect (without the pen) and outline, in scene coordinates.
        A terminator's outline is its rounded path flattened to a polygon."""
        item = self.symbol_items[step_no]
        if isinstance(item, QGraphicsPolygonItem):
            polygon = item.mapToScene(item.polygon())
        else:
            assert isinstance(item, QGraphicsPathItem)
            polygon = item.mapToScene(item.path().toFillPolygon())
        return polygon.boundingRect(), polygon

    def step_at(self, pos: QPointF) -> int | None:
        """The step whose table row (or symbol) is at scene position `pos`."""
        x, y = pos.x(), pos.y()
        printable = self.page.printable
        if not printable.x <= x <= printable.right:
            return None
        for top, bottom, step_no in self._rows:
            if top <= y < bottom:
                return step_no
        return None

    @property
    def hovered_step(self) -> int | None:
        return self._hovered

    @property
    def selected_step(self) -> int | None:
        return self._selected

    def hover_band_rect(self) -> QRectF | None:
        """Where the hover band is shown, None when hidden."""
        if not self.interactive or not self._hover_band.isVisible():
            return None
        return self._hover_band.rect()

    def selection_band_rect(self) -> QRectF | None:
        if not self.interactive or not self._selected_band.isVisible():
            return None
        return self._selected_band.rect()

    def symbol_pen(self, step_no: int) -> QPen:
        return self.symbol_items[step_no].pen()

    # -- highlight and selection ------------------------------------------------------------

    def _band_color(self, step_no: int) -> QColor:
        """The opaque colour a highlighted row shows (what its label boxes must match)."""
        color = QColor(SELECTED_FILL if step_no == self._selected else PAGE_FILL)
        if step_no == self._hovered:
            alpha = HOVER_FILL.alphaF()
            color = QColor.fromRgbF(*(
                top * alpha + bottom * (1 - alpha)
                for top, bottom in ((HOVER_FILL.redF(), color.redF()),
                                    (HOVER_FILL.greenF(), color.greenF()),
                                    (HOVER_FILL.blueF(), color.blueF()))
            ))
        return color

    def _restyle(self, step_no: int | None) -> None:
        if step_no is None:
            return
        for box in self._label_boxes_by_step.get(step_no, ()):
            box.setBrush(self._band_color(step_no))
        item = self.symbol_items.get(step_no)
        if item is None:
            return
        if step_no == self._selected:
            pen = _pen(SELECTED_INK, SELECTED_WIDTH, self._uncertain[step_no])
        elif step_no == self._hovered:
            pen = _pen(HOVER_INK, HOVER_WIDTH, self._uncertain[step_no])
        else:
            pen = _pen(INK, SYMBOL_WIDTH, self._uncertain[step_no])
        item.setPen(pen)

    def set_hovered_step(self, step_no: int | None) -> None:
        if not self.interactive or step_no == self._hovered:
            return
        step_no = step_no if step_no in self._row_rects else None
        previous, self._hovered = self._hovered, step_no
        self._move_band(self._hover_band, previous, step_no)

    def select_step(self, step_no: int | None) -> None:
        """Mark `step_no` as selected (None or a step not on this page clears it)."""
        if not self.interactive:
            return
        step_no = step_no if step_no in self._row_rects else None
        if step_no == self._selected:
            return
        previous, self._selected = self._selected, step_no
        self._move_band(self._selected_band, previous, step_no)

    def _move_band(self, band: QGraphicsRectItem, previous: int | None,
                   step_no: int | None) -> None:
        """Restyle the step `band` left (`previous`) and the one it marks now (`step_no`, None:
        no step, the band hides) and put `band` behind that step's row."""
        self._restyle(previous)
        self._restyle(step_no)
        if step_no is not None:
            band.setRect(self._row_rects[step_no])
        band.setVisible(step_no is not None)

    # -- mouse ------------------------------------------------------------------------------

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interactive:
            self.set_hovered_step(self.step_at(event.scenePos()))

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        # Left unaccepted, so the view starts a hand drag; a release close by is a click.
        self._press_pos = (event.screenPos() if event.button() == Qt.MouseButton.LeftButton
                           else None)
        event.ignore()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        press, self._press_pos = self._press_pos, None
        if (self.interactive and press is not None
                and event.button() == Qt.MouseButton.LeftButton
                and (event.screenPos() - press).manhattanLength()
                < QApplication.startDragDistance()):
            step_no = self.step_at(event.scenePos())
            if step_no is not None:
                self.select_step(step_no)
                self.step_clicked.emit(step_no)
        event.ignore()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.mousePressEvent(event)


def paint_page(painter: QPainter, page: Page, target: QRectF) -> None:
    """Paint `page` of the layout into `target` of any paint device (image, PDF, printer),
    through the same scene the screen shows, without hover or selection marks."""
    scene = FlowchartScene(page, interactive=False)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    scene.render(painter, target, page_rect(page), Qt.AspectRatioMode.KeepAspectRatio)


def image_size(page: Page, scale: float) -> tuple[int, int]:
    """Pixel size of `page` rendered at `scale` pixels per point."""
    return max(1, round(page.width * scale)), max(1, round(page.height * scale))


def blank_image(width: int, height: int, scale: float, fill: QColor) -> QImage:
    """An image filled with `fill` whose resolution says `scale` pixels per point (72 * scale
    dpi), so a saved PNG prints at the page's size."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_meter = round(72 * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(fill)
    return image


def page_image(page: Page, scale: float = 2.0) -> QImage:
    """`page` on a white image at `scale` pixels per point (72 * scale dpi)."""
    width, height = image_size(page, scale)
    image = blank_image(width, height, scale, PAGE_FILL)
    painter = QPainter(image)
    try:
        paint_page(painter, page, QRectF(0, 0, width, height))
    finally:
        painter.end()
    return image
