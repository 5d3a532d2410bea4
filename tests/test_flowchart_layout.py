"""Invariants of the flowchart layout over every detailed SOP and both papers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from jogoroto_desktop.geometry import Point
from jogoroto_desktop.sop.catalog import default_catalog
from jogoroto_desktop.sop.flowchart import (
    PAPERS,
    Arrow,
    FlowchartLayout,
    LayoutError,
    Page,
    layout_sop,
)
from jogoroto_desktop.textmetrics import face_metrics, wrap_text

DETAILED = [sop for sop in default_catalog() if not sop.is_draft]
CASES = [(sop.id, paper) for sop in DETAILED for paper in PAPERS]
EPS = 0.01


@pytest.fixture(scope="module")
def layouts() -> dict[tuple[str, str], FlowchartLayout]:
    catalog = default_catalog()
    return {(sop_id, paper): layout_sop(catalog.get(sop_id), paper) for sop_id, paper in CASES}


def _inside_polygon(point: Point, polygon: tuple[Point, ...]) -> bool:
    """Strictly inside (ray casting); points on the border count as outside."""
    if _distance_to_outline(point, polygon) < 0.05:
        return False
    inside = False
    n = len(polygon)
    for i in range(n):
        a, b = polygon[i], polygon[(i + 1) % n]
        if (a.y > point.y) != (b.y > point.y):
            x_cross = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y)
            if point.x < x_cross:
                inside = not inside
    return inside


def _distance_to_outline(point: Point, polygon: tuple[Point, ...]) -> float:
    best = float("inf")
    n = len(polygon)
    for i in range(n):
        a, b = polygon[i], polygon[(i + 1) % n]
        dx, dy = b.x - a.x, b.y - a.y
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((point.x - a.x) * dx
                                                         + (point.y - a.y) * dy) / length2))
        px, py = a.x + t * dx, a.y + t * dy
        best = min(best, ((point.x - px) ** 2 + (point.y - py) ** 2) ** 0.5)
    return best


def _samples(arrow: Arrow, step: float = 0.5):
    for a, b in arrow.segments():
        length = abs(b.x - a.x) + abs(b.y - a.y)
        count = max(int(length / step), 1)
        for i in range(count + 1):
            t = i / count
            yield Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)


def _end_shapes(page: Page, arrow: Arrow):
    """The outlines an arrow's first and last points must lie on."""
    if arrow.from_connector is not None:
        start = next(c.outline for c in page.connectors
                     if c.number == arrow.from_connector and c.direction == "in")
    else:
        start = page.symbol(arrow.source_step).outline
    if arrow.to_connector is not None:
        end = next(c.outline for c in page.connectors
                   if c.number == arrow.to_connector and c.direction == "out")
    else:
        end = page.symbol(arrow.target_step).outline
    return start, end


@pytest.mark.parametrize(("sop_id", "paper"), CASES)
def test_symbols_stand_in_their_lane_and_row(layouts, sop_id: str, paper: str) -> None:
    layout = layouts[(sop_id, paper)]
    sop = default_catalog().get(sop_id)
    for page in layout.pages:
        for symbol in page.symbols:
            step = sop.step(symbol.step_no)
            lane = layout.lanes[symbol.lane]
            if "pelaksana" not in step.unreadable:
                assert lane.label == step.pelaksana
            row = page.row(symbol.step_no)
            assert row is not None
            assert lane.x < symbol.rect.x and symbol.rect.right < lane.right
            assert row.rect.y < symbol.rect.y and symbol.rect.bottom < row.rect.bottom
            assert symbol.kind == step.symbol
        for connector in page.connectors:
            row = page.row(connector.source_step if connector.direction == "out"
                           else connector.target_step)
            assert row is not None and row.rect.contains(connector.rect)


@pytest.mark.parametrize(("sop_id", "paper"), CASES)
def test_arrows_cross_no_symbol_and_end_on_borders(layouts, sop_id: str, paper: str) -> None:
    layout = layouts[(sop_id, paper)]
    for page in layout.pages:
        shapes = [s.outline for s in page.symbols] + [c.outline for c in page.connectors]
        for arrow in page.arrows:
            assert len(arrow.points) >= 2
            for a, b in arrow.segments():
                assert abs(a.x - b.x) < EPS or abs(a.y - b.y) < EPS, "segments are orthogonal"
            start_shape, end_shape = _end_shapes(page, arrow)
            assert _distance_to_outline(arrow.points[0], start_shape) < EPS
            assert _distance_to_outline(arrow.points[-1], end_shape) < EPS
            for point in _samples(arrow):
                for shape in shapes:
                    assert not _inside_polygon(point, shape), (
                        f"{sop_id} {paper}: arrow {arrow.source_step}->{arrow.target_step} "
                        f"crosses a symbol at {point}"
                    )


@pytest.mark.parametrize(("sop_id", "paper"), CASES)
def test_every_step_is_reachable_from_the_first(layouts, sop_id: str, paper: str) -> None:
    layout = layouts[(sop_id, paper)]
    sop = default_catalog().get(sop_id)
    successors: dict[int, set[int]] = {}
    via_connector: dict[int, int] = {}
    for page in layout.pages:
        for arrow in page.arrows:
            if arrow.from_connector is not None:
                via_connector[arrow.from_connector] = arrow.target_step
    for page in layout.pages:
        for arrow in page.arrows:
            if arrow.from_connector is not None:
                continue
            if arrow.to_connector is not None:
                target = via_connector[arrow.to_connector]  # continues on its page
            else:
                target = arrow.target_step
            successors.setdefault(arrow.source_step, set()).add(target)
    seen, todo = set(), [1]
    while todo:
        no = todo.pop()
        if no not in seen:
            seen.add(no)
            todo.extend(successors.get(no, ()))
    assert seen == {step.no for step in sop.steps}
    # and the drawn branches are the catalog's
    for step in sop.steps:
        assert successors.get(step.no, set()) == set(sop.successors(step))


@pytest.mark.parametrize(("sop_id", "paper"), CASES)
def test_off_page_connectors_are_paired_and_numbered_alike(layouts, sop_id: str,
                                                          paper: str) -> None:
    layout = layouts[(sop_id, paper)]
    by_number: dict[int, dict[str, int]] = {}
    for page_index, page in enumerate(layout.pages):
        for connector in page.connectors:
            slot = by_number.setdefault(connector.number, {})
            assert connector.direction not in slot, "each number once as out, once as in"
            slot[connector.direction] = page_index
            expected_step = (connector.source_step if connector.direction == "out"
                             else connector.target_step)
            assert page.row(expected_step) is not None
    for number, slot in by_number.items():
        assert set(slot) == {"out", "in"}, number
        assert slot["out"] != slot["in"]
    assert sorted(by_number) == list(range(1, len(by_number) + 1))


@pytest.mark.parametrize(("sop_id", "paper"), CASES)
def test_nothing_outside_the_printable_area(layouts, sop_id: str, paper: str) -> None:
    layout = layouts[(sop_id, paper)]
    width, height = PAPERS[paper].landscape
    assert (layout.page_width, layout.page_height) == (width, height)
    for page in layout.pages:
        area = page.printable
        assert area.x > 0 and area.right < width and area.bottom < height
        cells = [*page.title, *page.header_cells, *page.cells, page.footer]
        for cell in cells:
            assert area.contains(cell.rect), cell
            metrics = face_metrics(cell.text.style)
            for line in cell.text.lines:
                top = line.baseline - metrics.ascent * cell.text.size / 1000
                bottom = line.baseline - metrics.descent * cell.text.size / 1000
                assert cell.rect.x - EPS <= line.x
                assert line.x + line.width <= cell.rect.right + EPS, line
                assert cell.rect.y - EPS <= top and bottom <= cell.rect.bottom + EPS, line
        for symbol in page.symbols:
            assert area.contains(symbol.rect)
        for connector in page.connectors:
            assert area.contains(connector.rect)
        for arrow in page.arrows:
            for point in arrow.points:
                assert area.contains_point(point)
        rows = page.rows
        for above, below in zip(rows, rows[1:], strict=False):
            assert abs(above.rect.bottom - below.rect.y) < EPS


@pytest.mark.parametrize(("sop_id", "paper"), CASES)
def test_header_rows_repeat_on_every_page(layouts, sop_id: str, paper: str) -> None:
    layout = layouts[(sop_id, paper)]
    first = layout.pages[0].header_cells
    labels = {cell.column for cell in first}
    assert {"no", "kegiatan", "pelaksana", "mutu_baku", "keterangan", "kelengkapan",
            "waktu", "output"} <= labels
    assert sum(1 for c in first if c.column.startswith("lane:")) == len(layout.lanes)
    for page in layout.pages[1:]:
        assert page.header_cells == first


def test_every_step_appears_once_in_order(layouts) -> None:
    for (sop_id, _paper), layout in layouts.items():
        numbers = [row.step_no for page in layout.pages for row in page.rows]
        assert numbers == list(range(1, len(default_catalog().get(sop_id).steps) + 1))


def test_kegiatan_text_is_the_catalogs_wrapped(layouts) -> None:
    sop = default_catalog().get("renja")
    layout = layouts[("renja", "A4")]
    for page in layout.pages:
        for cell in page.cells:
            if cell.column == "kegiatan":
                text = " ".join(line.text for line in cell.text.lines)
                assert text == " ".join(sop.step(cell.step_no).kegiatan.split())


def test_renja_spans_two_pages_with_a_connector(layouts) -> None:
    layout = layouts[("renja", "A4")]
    assert len(layout.pages) == 2
    assert layout.pages[0].footer.text.lines[0].text == "Halaman 1 dari 2"
    assert any(c.direction == "out" for c in layout.pages[0].connectors)
    assert any(c.direction == "in" for c in layout.pages[1].connectors)


def test_decision_branches_are_labelled(layouts) -> None:
    layout = layouts[("legalisir", "A4")]
    labels = {a.label for a in layout.pages[0].arrows if a.source_step == 2}
    assert labels == {"Ya", "Tidak"}
    tidak = next(a for a in layout.pages[0].arrows if a.label == "Tidak")
    assert tidak.target_step == 1 and len(tidak.points) == 4  # around, through the channel


def test_document_page_numbers_can_continue_after_an_identitas_page() -> None:
    layout = layout_sop(default_catalog().get("renja"), "A4", first_page_number=2,
                        total_pages=3)
    assert [p.footer.text.lines[0].text for p in layout.pages] == [
        "Halaman 2 dari 3", "Halaman 3 dari 3"]


def test_a_draft_or_unknown_paper_is_refused() -> None:
    catalog = default_catalog()
    with pytest.raises(LayoutError, match="belum dirinci"):
        layout_sop(catalog.get("ktp"))
    with pytest.raises(LayoutError, match="kertas"):
        layout_sop(catalog.get("legalisir"), "Letter")


def test_a_long_sop_breaks_into_pages_and_keeps_its_loops_whole() -> None:
    base = default_catalog().get("legalisir")
    steps = list(base.steps)
    # 40 steps: the legalisir flow repeated, every block looping back to its own start
    long_steps = []
    for _block in range(8):
        for step in steps[:5]:
            no = len(long_steps) + 1
            changes = {"no": no, "symbol": "process", "ya": None, "tidak": None}
            if step.symbol == "decision":
                changes.update(symbol="decision", ya=no + 1, tidak=no - 1)
            long_steps.append(dataclasses.replace(step, **changes))
    long_steps[0] = dataclasses.replace(long_steps[0], symbol="terminator")
    long_steps[-1] = dataclasses.replace(long_steps[-1], symbol="terminator")
    sop = dataclasses.replace(base, id="uji-panjang", steps=tuple(long_steps))
    layout = layout_sop(sop, "A4")
    assert len(layout.pages) >= 3
    for page in layout.pages:
        for arrow in page.arrows:
            if arrow.label == "Tidak":
                assert arrow.to_connector is None, "loops stay on one page"
    numbers = [row.step_no for page in layout.pages for row in page.rows]
    assert numbers == list(range(1, 41))


def test_wrap_text_breaks_long_words_and_keeps_every_character() -> None:
    lines = wrap_text("Surat " + "x" * 200 + " selesai", 100, 8)
    assert all(face_metrics().text_width(line, 8) <= 100 + EPS for line in lines)
    assert "".join(lines).replace(" ", "") == ("Surat" + "x" * 200 + "selesai")
    assert wrap_text("", 100, 8) == []


@pytest.mark.parametrize(("sop_id", "paper"), CASES)
def test_no_arrow_runs_along_a_table_line(layouts, sop_id: str, paper: str) -> None:
    """A segment lying on a row or column border would vanish into the table's lines."""
    layout = layouts[(sop_id, paper)]
    column_edges = {c.x for c in layout.columns} | {c.right for c in layout.columns}
    for page in layout.pages:
        row_edges = {r.rect.y for r in page.rows} | {r.rect.bottom for r in page.rows}
        for arrow in page.arrows:
            for a, b in arrow.segments():
                if abs(a.y - b.y) < EPS:
                    assert all(abs(a.y - edge) > 1.0 for edge in row_edges), (arrow, a.y)
                else:
                    assert all(abs(a.x - edge) > 1.0 for edge in column_edges), (arrow, a.x)


def _labelled_arrows(layouts) -> Iterator[tuple[FlowchartLayout, Page, Arrow]]:
    """Every arrow with a branch label ("Ya"/"Tidak"), with its layout and page."""
    for layout in layouts.values():
        for page in layout.pages:
            for arrow in page.arrows:
                if arrow.label:
                    yield layout, page, arrow


def test_branch_labels_sit_in_white_boxes_off_the_symbols(layouts) -> None:
    for _layout, page, arrow in _labelled_arrows(layouts):
        assert arrow.label_box is not None and arrow.label_at is not None
        for symbol in page.symbols:
            corners = (Point(arrow.label_box.x, arrow.label_box.y),
                       Point(arrow.label_box.right, arrow.label_box.bottom),
                       Point(arrow.label_box.x, arrow.label_box.bottom),
                       Point(arrow.label_box.right, arrow.label_box.y))
            assert not any(_inside_polygon(c, symbol.outline) for c in corners)


def test_branch_labels_stay_inside_their_lane_and_row(layouts) -> None:
    for layout, page, arrow in _labelled_arrows(layouts):
        source = page.symbol(arrow.source_step)
        lane = layout.lanes[source.lane]
        row = page.row(arrow.source_step)
        box = arrow.label_box
        assert lane.x < box.x and box.right < lane.right, (layout.sop_id, arrow.label)
        assert row.rect.y < box.y and box.bottom < row.rect.bottom - 0.5
