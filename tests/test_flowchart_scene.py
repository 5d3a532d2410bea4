"""The on-screen SOP flowchart: the scene paints exactly the layout, and the panel around it
(click, hover, pages, empty state, zoom, PNG export, and the printed SOP for PDF and Cetak)."""

from __future__ import annotations

import math
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPolygonF, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsPolygonItem

from jogoroto_desktop.sop.catalog import default_catalog
from jogoroto_desktop.sop.flowchart import LABEL_SIZE, LayoutError, Page, layout_sop
from jogoroto_desktop.textmetrics import face_metrics
from ui.flowchart_scene import (
    HOVER_INK,
    HOVER_WIDTH,
    INK,
    SELECTED_INK,
    SELECTED_WIDTH,
    SYMBOL_WIDTH,
    FlowchartScene,
    text_font,
)
from ui.flowchart_view import FlowchartPanel
from ui.sop_png import render_sop_png

CATALOG = default_catalog()
DETAILED = [sop for sop in CATALOG if not sop.is_draft]
DRAFT = next(sop for sop in CATALOG if sop.is_draft)
A4_LANDSCAPE = (841.89, 595.28)


@pytest.fixture
def panel(qtbot) -> FlowchartPanel:
    widget = FlowchartPanel()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _close(a: float, b: float, tolerance: float = 0.01) -> bool:
    return abs(a - b) <= tolerance


def _distance_to_polygon(x: float, y: float, polygon: QPolygonF) -> float:
    best = math.inf
    points = [polygon.at(i) for i in range(polygon.count())]
    for a, b in zip(points, points[1:] + points[:1], strict=True):
        dx, dy = b.x() - a.x(), b.y() - a.y()
        length2 = dx * dx + dy * dy or 1e-12
        t = min(max(((x - a.x()) * dx + (y - a.y()) * dy) / length2, 0.0), 1.0)
        best = min(best, math.hypot(a.x() + t * dx - x, a.y() + t * dy - y))
    return best


def _layout_texts(page: Page) -> list[str]:
    cells = [*page.title, *page.header_cells, *page.cells]
    if page.footer is not None:
        cells.append(page.footer)
    texts = [line.text for cell in cells for line in cell.text.lines]
    texts += [str(c.number) for c in page.connectors]
    texts += [a.label for a in page.arrows if a.label]
    return texts


@pytest.mark.parametrize(("style", "size"), [("regular", 8.0), ("bold", 8.0), ("italic", 8.0),
                                             ("bold", 11.0), ("regular", 7.5),
                                             ("regular", LABEL_SIZE)])
def test_text_is_drawn_at_the_layouts_size_and_widths(qtbot, style: str, size: float) -> None:
    font, scale, ascent = text_font(style, size)
    assert _close(font.pixelSize() * scale, size, 1e-9)
    metrics = QFontMetricsF(font)
    assert _close(metrics.ascent() * scale, ascent, 1e-9)
    widths = face_metrics(style)
    for text in ("Kasubag Umum dan Kepegawaian", "Sekretaris Camat", "(tidak terbaca)",
                 "Menerima surat masuk dari instansi lain", "Ya", "Tidak", "12"):
        expected = widths.text_width(text, size)
        drawn = metrics.horizontalAdvance(text) * scale
        assert abs(drawn - expected) <= 0.02 * expected, (text, drawn, expected)


@pytest.mark.parametrize("sop", DETAILED, ids=[sop.id for sop in DETAILED])
def test_scene_paints_exactly_the_layout(qtbot, sop) -> None:
    page = layout_sop(sop, "A4").pages[0]
    scene = FlowchartScene(page)
    try:
        assert len(scene.symbol_items) == len(page.symbols)
        assert len(scene.connector_items) == len(page.connectors)
        assert len(scene.arrow_items) == len(page.arrows)
        assert len(scene.arrow_head_items) == len(page.arrows)
        assert scene.item_count() == len(scene.items())
        for symbol in page.symbols:
            rect, polygon = scene.symbol_geometry(symbol.step_no)
            r = symbol.rect
            assert _close(rect.x(), r.x) and _close(rect.y(), r.y), symbol
            assert _close(rect.width(), r.w) and _close(rect.height(), r.h), symbol
            item = scene.symbol_items[symbol.step_no]
            if isinstance(item, QGraphicsPolygonItem):
                assert polygon.count() == len(symbol.outline)
                for i, point in enumerate(symbol.outline):
                    assert _close(polygon.at(i).x(), point.x), symbol
                    assert _close(polygon.at(i).y(), point.y), symbol
            else:  # the capsule is drawn with true arcs through the outline's points
                assert symbol.kind == "terminator"
                for point in symbol.outline:
                    assert _distance_to_polygon(point.x, point.y, polygon) < 0.05, symbol
            dashed = item.pen().style() == Qt.PenStyle.CustomDashLine
            assert dashed == symbol.uncertain
        for item, arrow in zip(scene.arrow_items, page.arrows, strict=True):
            path = item.path()
            start = path.elementAt(0)
            assert _close(start.x, arrow.points[0].x) and _close(start.y, arrow.points[0].y)
        for head, arrow in zip(scene.arrow_head_items, page.arrows, strict=True):
            tip = head.polygon().at(0)
            assert _close(tip.x(), arrow.points[-1].x) and _close(tip.y(), arrow.points[-1].y)
        for item, connector in zip(scene.connector_items, page.connectors, strict=True):
            outline = item.polygon()
            for i, point in enumerate(connector.outline):
                assert _close(outline.at(i).x(), point.x) and _close(outline.at(i).y(), point.y)
        boxes = [arrow.label_box for arrow in page.arrows if arrow.label_box is not None]
        assert len(scene.label_box_items) == len(boxes)
        for item, box in zip(scene.label_box_items, boxes, strict=True):
            assert _close(item.rect().x(), box.x) and _close(item.rect().bottom(), box.bottom)
        drawn = sorted(item.text() for item in scene.text_items)
        assert drawn == sorted(_layout_texts(page))
    finally:
        scene.deleteLater()


def test_text_lines_sit_on_the_layouts_baselines(qtbot) -> None:
    page = layout_sop(CATALOG.get("surat-masuk"), "A4").pages[0]
    scene = FlowchartScene(page)
    cells = [*page.title, *page.header_cells, *page.cells]
    assert page.footer is not None
    cells.append(page.footer)
    placed = [(line, cell.text) for cell in cells for line in cell.text.lines]
    items = scene.text_items[:len(placed)]  # the labels come after the table's text
    assert len(items) == len(placed)
    for item, (line, block) in zip(items, placed, strict=True):
        font, _scale, ascent = text_font(block.style, block.size)
        assert item.text() == line.text
        assert item.font() == font
        origin = item.scenePos()
        assert _close(origin.x(), line.x)
        assert _close(origin.y() + ascent, line.baseline)
        muted = item.brush().color().name() != "#000000"
        assert muted == block.muted
    scene.deleteLater()


def test_clicking_a_symbol_selects_its_step(qtbot, panel: FlowchartPanel) -> None:
    sop = CATALOG.get("surat-masuk")
    panel.show_sop(sop)
    assert panel.scene is not None
    for step_no in (3, 6):
        with qtbot.waitSignal(panel.scene.step_clicked, timeout=2000) as blocker:
            qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                             pos=panel.symbol_view_pos(step_no))
        assert blocker.args == [step_no]
        assert panel.selected_step == step_no
        assert panel.scene.selected_step == step_no
        details = panel.details_text()
        assert sop.step(step_no).kegiatan in details
        for label in ("No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output",
                      "Keterangan"):
            assert label in details
        band = panel.scene.selection_band_rect()
        row = panel.scene.page.row(step_no)
        assert band is not None and row is not None
        assert _close(band.y(), row.rect.y) and _close(band.height(), row.rect.h)
        pen = panel.scene.symbol_pen(step_no)
        assert pen.color() == SELECTED_INK and pen.widthF() == SELECTED_WIDTH
    assert panel.scene.symbol_pen(3).widthF() == SYMBOL_WIDTH  # the earlier one let go
    assert "(tidak terbaca)" in panel.details_text()  # step 6's Waktu is unreadable


def test_clicking_a_decision_shows_its_branches(qtbot, panel: FlowchartPanel) -> None:
    sop = CATALOG.get("cuti-pegawai")
    decision = next(step for step in sop.steps if step.symbol == "decision")
    panel.show_sop(sop)
    with qtbot.waitSignal(panel.step_selected, timeout=2000) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.symbol_view_pos(decision.no))
    assert blocker.args == [decision.no]
    assert (f"Ya: ke langkah {decision.ya} / Tidak: ke langkah {decision.tidak}"
            in panel.details_text())


def test_a_drag_pans_instead_of_selecting(qtbot, panel: FlowchartPanel) -> None:
    panel.show_sop(CATALOG.get("surat-masuk"))
    panel.view.set_zoom(3.0)
    start = panel.symbol_view_pos(2)
    clicked: list[int] = []
    assert panel.scene is not None
    panel.scene.step_clicked.connect(clicked.append)
    viewport = panel.view.viewport()
    bar = panel.view.horizontalScrollBar()
    before = bar.value()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, start + QPoint(-20 * step, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(-100, 0))
    assert clicked == []
    assert bar.value() != before


def test_hover_highlights_the_row_and_symbol(qtbot, panel: FlowchartPanel) -> None:
    panel.show_sop(CATALOG.get("surat-masuk"))
    scene = panel.scene
    assert scene is not None
    viewport = panel.view.viewport()
    qtbot.mouseMove(viewport, panel.symbol_view_pos(2))
    qtbot.waitUntil(lambda: scene.hovered_step == 2, timeout=2000)
    band = scene.hover_band_rect()
    row = scene.page.row(2)
    assert band is not None and row is not None
    assert _close(band.y(), row.rect.y) and _close(band.height(), row.rect.h)
    pen = scene.symbol_pen(2)
    assert pen.color() == HOVER_INK and pen.widthF() == HOVER_WIDTH
    # Anywhere in a row counts: the Keterangan cell of step 4.
    row4 = scene.page.row(4)
    assert row4 is not None
    point = panel.view.mapFromScene(QPointF(row4.rect.right - 5, row4.rect.cy))
    qtbot.mouseMove(viewport, point)
    qtbot.waitUntil(lambda: scene.hovered_step == 4, timeout=2000)
    assert scene.symbol_pen(2).color() == INK and scene.symbol_pen(2).widthF() == SYMBOL_WIDTH
    assert scene.symbol_pen(4).color() == HOVER_INK
    # Outside the rows (the title): nothing is highlighted.
    qtbot.mouseMove(viewport, panel.view.mapFromScene(QPointF(page_x := 60.0, 35.0)))
    assert page_x
    qtbot.waitUntil(lambda: scene.hovered_step is None, timeout=2000)
    assert scene.hover_band_rect() is None
    assert scene.symbol_pen(4).color() == INK


def test_page_switcher_only_for_the_sop_that_spans_pages(qtbot, panel: FlowchartPanel) -> None:
    for sop in DETAILED:
        panel.show_sop(sop)
        pages = len(layout_sop(sop, "A4").pages)
        assert panel.page_count() == pages
        assert panel.page_switcher_visible() == (sop.id == "renja"), sop.id
        qtbot.waitUntil(lambda: panel.page_label.isVisibleTo(panel) == (pages > 1),  # noqa: B023
                        timeout=2000)
    renja = CATALOG.get("renja")
    panel.show_sop(renja)
    layout = layout_sop(renja, "A4")
    assert panel.page_label.text().strip() == "Halaman 1 dari 2"
    assert panel.prev_action.isVisible() and not panel.prev_action.isEnabled()
    assert panel.scene is not None
    first_scene = panel.scene
    assert set(first_scene.symbol_items) == {s.step_no for s in layout.pages[0].symbols}
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_PageDown)
    assert panel.current_page == 2
    assert panel.scene is not first_scene
    assert set(panel.scene.symbol_items) == {s.step_no for s in layout.pages[1].symbols}
    assert len(panel.scene.connector_items) == len(layout.pages[1].connectors)
    assert panel.page_label.text().strip() == "Halaman 2 dari 2"
    assert not panel.next_action.isEnabled()
    qtbot.keyClick(panel.view, Qt.Key.Key_PageUp)
    assert panel.current_page == 1
    # Selecting a step on the other page turns to it.
    panel.select_step(14)
    assert panel.current_page == 2
    assert panel.scene.selected_step == 14


def test_draft_sop_shows_the_empty_state(qtbot, panel: FlowchartPanel) -> None:
    panel.show_sop(DRAFT)
    assert panel.is_empty_state()
    assert panel.stack.currentWidget() is panel.empty_state
    assert panel.empty_title.text() == "SOP ini belum dirinci"
    assert "hanya mencantumkan nama" in panel.empty_body.text()
    assert panel.scene is None
    panel.show_sop(CATALOG.get("legalisir"))
    assert not panel.is_empty_state()
    assert panel.scene is not None


def test_paper_choice_lays_out_again(qtbot, panel: FlowchartPanel) -> None:
    panel.show_sop(CATALOG.get("renja"))
    panel.paper_combo.setCurrentIndex(panel.paper_combo.findData("F4"))
    assert panel.paper == "F4"
    assert panel.layout_result is not None and panel.layout_result.paper == "F4"
    assert panel.scene is not None
    assert _close(panel.scene.sceneRect().width(), 330 * 72 / 25.4)


def test_fit_width_and_zoom(qtbot, panel: FlowchartPanel) -> None:
    panel.show_sop(CATALOG.get("surat-masuk"))
    view = panel.view
    view.zoom_in()
    assert not view.is_fit_width()
    panel.fit_action.trigger()
    assert view.is_fit_width()
    assert abs(view.page_width_pixels() - view.viewport().width()) <= 3
    assert view.horizontalScrollBar().maximum() == 0
    panel.resize(900, 700)
    qtbot.waitUntil(lambda: abs(view.page_width_pixels() - view.viewport().width()) <= 3,
                    timeout=2000)
    fitted = view.zoom()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(fitted * view.ZOOM_STEP)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == pytest.approx(fitted)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom() == 1.0
    assert view.transform().m11() == pytest.approx(view.pixels_per_point())
    assert panel.zoom_label.text() == "100%"
    centre = QPointF(view.viewport().rect().center())
    wheel = QWheelEvent(centre, view.viewport().mapToGlobal(centre), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() == pytest.approx(view.ZOOM_STEP)
    view.set_zoom(100.0)
    assert view.zoom() == view.MAX_ZOOM


def _finished(qtbot, op):  # noqa: ANN001, ANN202
    """The export's result, once its BackgroundOp delivered it on the GUI thread."""
    qtbot.waitUntil(lambda: not op.is_running(), timeout=20000)
    assert op.error is None
    return op.result


def test_export_png_writes_the_page_at_the_scale(qtbot, panel: FlowchartPanel,
                                                 tmp_path: Path) -> None:
    panel.show_sop(CATALOG.get("surat-masuk"))
    path = tmp_path / "surat-masuk.png"
    size = _finished(qtbot, panel.export_png(path))
    image = QImage(str(path))
    expected = (round(A4_LANDSCAPE[0] * 2), round(A4_LANDSCAPE[1] * 2))
    assert (image.width(), image.height()) == expected == (size.width(), size.height())
    assert image.pixelColor(2, 2).name() == "#ffffff"
    dark = sum(1 for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
               if image.pixelColor(x, y).lightness() < 100)
    assert dark > 200  # lines and text were painted
    small = _finished(qtbot, panel.export_png(tmp_path / "kecil.png", 1.0))
    assert (small.width(), small.height()) == (842, 595)


def test_export_pdf_is_the_printed_sop(qtbot, panel: FlowchartPanel, tmp_path: Path) -> None:
    """"Ekspor PDF" writes the document of "Cetak SOP": identitas, then the diagram pages in
    landscape, on the panel's paper."""
    renja = CATALOG.get("renja")
    panel.show_sop(renja)
    path = tmp_path / "renja.pdf"
    op = panel.export_pdf(path)
    assert op.is_running()  # built off the GUI thread
    diagram_pages = len(layout_sop(renja, "A4", first_page_number=2).pages)
    assert _finished(qtbot, op) == 1 + diagram_pages
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert len(pdf) == 1 + diagram_pages
        width, height = pdf[0].get_size()
        assert abs(width - A4_LANDSCAPE[1]) < 0.5 and abs(height - A4_LANDSCAPE[0]) < 0.5
        assert "Halaman 1 dari 3" in pdf[0].get_textpage().get_text_range()
        for index in range(1, len(pdf)):
            width, height = pdf[index].get_size()
            assert abs(width - A4_LANDSCAPE[0]) < 0.5 and abs(height - A4_LANDSCAPE[1]) < 0.5
        text = pdf[1].get_textpage().get_text_range()
        assert "URAIAN PROSEDUR PENYUSUNAN RENCANA KERJA" in text
        assert "Halaman 2 dari 3" in text
    finally:
        pdf.close()
    panel.set_paper("F4")
    f4_path = tmp_path / "renja-f4.pdf"
    _finished(qtbot, panel.export_pdf(f4_path))
    pdf = pdfium.PdfDocument(str(f4_path))
    try:
        width, height = pdf[1].get_size()
        assert abs(width - 330 * 72 / 25.4) < 0.6 and abs(height - 215 * 72 / 25.4) < 0.6
    finally:
        pdf.close()


def test_print_shows_the_printed_sop_in_the_preview(qtbot, panel: FlowchartPanel,
                                                    monkeypatch, tmp_path: Path) -> None:
    """"Cetak" opens the PDF preview of the same document, on the panel's paper."""
    from PySide6.QtCore import QSettings

    import ui.app

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(ui.app, "ui_settings", lambda: settings)
    renja = CATALOG.get("renja")
    panel.show_sop(renja)
    panel.set_paper("F4")
    preview = panel.print_preview()
    assert preview is not None and preview.paper.currentData() == "F4"
    qtbot.waitUntil(preview.is_ready, timeout=20000)
    assert preview.document.pageCount() == 1 + len(layout_sop(renja, "F4").pages)
    assert renja.name in preview.windowTitle()
    preview.close()


def test_render_sop_png_stacks_the_pages(qtbot, tmp_path: Path) -> None:
    renja = CATALOG.get("renja")
    size = render_sop_png(renja, tmp_path / "renja.png")
    page_w, page_h = round(A4_LANDSCAPE[0] * 2), round(A4_LANDSCAPE[1] * 2)
    assert size == (page_w, 2 * page_h + 32)
    image = QImage(str(tmp_path / "renja.png"))
    assert (image.width(), image.height()) == size
    assert render_sop_png(renja, tmp_path / "p2.png", scale=1.0, page=2) == (842, 595)
    with pytest.raises(LayoutError):
        render_sop_png(DRAFT, tmp_path / "draft.png")
    with pytest.raises(LayoutError):
        render_sop_png(renja, tmp_path / "p3.png", page=3)
