"""The flowchart layout of an SOP's uraian prosedur: plain geometry, no Qt and no reportlab.

One layout, two painters: the screen (ui/flowchart_scene.py) and the printed SOP document
(printing/sop_document.py) both paint exactly what `layout_sop` computes here.

Units are PostScript points (1/72 inch); the origin is the top-left corner of a page and y grows
downwards. A page holds a title, the two header rows of the table (repeated on every page), one
row per step and a footer. Each step's symbol stands in its pelaksana's lane; arrows are
orthogonal polylines that start and end on symbol (or connector) borders. An arrow whose two
ends fall on different pages is cut into two, each ending at a numbered pentagon off-page
connector; both connectors of a cut carry the same number.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from jogoroto_desktop.geometry import MM, Point, Rect
from jogoroto_desktop.sop.catalog import Sop, Step
from jogoroto_desktop.textmetrics import face_metrics, wrap_text


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # portrait width in points
    height: float

    @property
    def landscape(self) -> tuple[float, float]:
        return (max(self.width, self.height), min(self.width, self.height))

    @property
    def portrait(self) -> tuple[float, float]:
        return (min(self.width, self.height), max(self.width, self.height))


PAPERS: dict[str, Paper] = {
    "A4": Paper("A4", 210 * MM, 297 * MM),
    "F4": Paper("F4", 215 * MM, 330 * MM),  # folio; reportlab has no constant for it
}

# Typography and spacing (points).
BODY_SIZE = 8.0
HEADER_SIZE = 8.0
TITLE_SIZE = 11.0
FOOTER_SIZE = 8.0
LABEL_SIZE = 8.0  # "Ya" / "Tidak" beside a decision's branches
LINE_FACTOR = 1.2
CELL_PAD = 3.0
MARGIN = 10 * MM
TITLE_GAP = 6.0
FOOTER_HEIGHT = 14.0

SYMBOL_HEIGHT = 20.0
DECISION_HEIGHT = 30.0
SYMBOL_MAX_WIDTH = 64.0
DECISION_MAX_WIDTH = 48.0
SYMBOL_SIDE_GAP = 8.0  # free band at each side of a lane: arrow channels run here
SYMBOL_VERTICAL_GAP = 10.0  # above and below a symbol inside its row
CONNECTOR_WIDTH = 16.0
CONNECTOR_HEIGHT = 14.0
CONNECTOR_GAP = 8.0
CHANNEL_STEP = 2.5
MIN_LANE_WIDTH = 56.0
MAX_LANE_WIDTH = 110.0

UNREADABLE = "(tidak terbaca)"

# Text columns and their preferred widths; lanes take what is left (within limits), then the
# text columns grow or shrink to fill the printable width exactly.
TEXT_COLUMNS = (
    ("no", "No", 22.0),
    ("kegiatan", "Kegiatan", 165.0),
    ("kelengkapan", "Kelengkapan", 85.0),
    ("waktu", "Waktu", 48.0),
    ("output", "Output", 85.0),
    ("keterangan", "Keterangan", 80.0),
)
STRETCH_WEIGHTS = {"kegiatan": 0.5, "kelengkapan": 0.15, "output": 0.15, "keterangan": 0.2}


class LayoutError(ValueError):
    """The SOP cannot be laid out (a draft, or a page too small for one step)."""


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float  # left end of the line
    baseline: float
    width: float


@dataclass(frozen=True)
class TextBlock:
    lines: tuple[TextLine, ...]
    size: float
    style: str = "regular"  # regular, bold or italic (italic marks unreadable text)
    muted: bool = False


@dataclass(frozen=True)
class Column:
    key: str  # "no", "kegiatan", "lane:<index>", "kelengkapan", ...
    label: str
    x: float
    w: float

    @property
    def right(self) -> float:
        return self.x + self.w


@dataclass(frozen=True)
class Cell:
    rect: Rect
    text: TextBlock
    header: bool = False
    step_no: int | None = None
    column: str = ""


@dataclass(frozen=True)
class Symbol:
    step_no: int
    kind: str  # terminator, process or decision
    rect: Rect
    lane: int
    uncertain: bool = False  # pelaksana unreadable in the book: drawn dashed in the first lane

    @property
    def outline(self) -> tuple[Point, ...]:
        """The polygon of the symbol's border (the capsule's ends as polygons of its arcs)."""
        r = self.rect
        if self.kind == "decision":
            return (Point(r.cx, r.y), Point(r.right, r.cy), Point(r.cx, r.bottom),
                    Point(r.x, r.cy))
        if self.kind == "terminator":
            radius = r.h / 2
            points: list[Point] = []
            for i in range(9):  # right end, top to bottom
                angle = -math.pi / 2 + math.pi * i / 8
                points.append(Point(r.right - radius + radius * math.cos(angle),
                                    r.cy + radius * math.sin(angle)))
            for i in range(9):  # left end, bottom to top
                angle = math.pi / 2 + math.pi * i / 8
                points.append(Point(r.x + radius + radius * math.cos(angle),
                                    r.cy + radius * math.sin(angle)))
            return tuple(points)
        return (Point(r.x, r.y), Point(r.right, r.y), Point(r.right, r.bottom),
                Point(r.x, r.bottom))


@dataclass(frozen=True)
class Connector:
    """A pentagon off-page connector: `direction` "out" at the end of a cut arrow on the page
    it leaves, "in" at the start of its continuation on the page it arrives on."""

    number: int
    direction: str
    rect: Rect
    source_step: int
    target_step: int
    branch: str  # "next", "ya" or "tidak"

    @property
    def outline(self) -> tuple[Point, ...]:
        r = self.rect
        shoulder = r.y + r.h * 0.6
        return (Point(r.x, r.y), Point(r.right, r.y), Point(r.right, shoulder),
                Point(r.cx, r.bottom), Point(r.x, shoulder))

    @property
    def label_rect(self) -> Rect:
        return Rect(self.rect.x, self.rect.y, self.rect.w, self.rect.h * 0.6)


@dataclass(frozen=True)
class Arrow:
    points: tuple[Point, ...]  # orthogonal polyline; the head is at the last point
    source_step: int
    target_step: int
    branch: str  # "next", "ya" or "tidak"
    label: str = ""  # "Ya" / "Tidak" for decision branches
    label_at: Point | None = None  # baseline-left of the label
    label_box: Rect | None = None  # painted white under the label, so lines do not cut it
    from_connector: int | None = None  # connector number when the arrow starts at one
    to_connector: int | None = None

    def segments(self) -> Iterator[tuple[Point, Point]]:
        return zip(self.points, self.points[1:], strict=False)


@dataclass(frozen=True)
class StepRow:
    step_no: int
    rect: Rect  # the whole table row, across every column


@dataclass
class Page:
    number: int
    width: float
    height: float
    printable: Rect
    title: tuple[Cell, ...]
    header_cells: tuple[Cell, ...]
    rows: list[StepRow] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    symbols: list[Symbol] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    footer: Cell | None = None

    def symbol(self, step_no: int) -> Symbol | None:
        return next((s for s in self.symbols if s.step_no == step_no), None)

    def row(self, step_no: int) -> StepRow | None:
        return next((r for r in self.rows if r.step_no == step_no), None)

    @property
    def table_rect(self) -> Rect:
        top = min(c.rect.y for c in self.header_cells)
        bottom = max([c.rect.bottom for c in self.header_cells]
                     + [r.rect.bottom for r in self.rows])
        left = min(c.rect.x for c in self.header_cells)
        right = max(c.rect.right for c in self.header_cells)
        return Rect(left, top, right - left, bottom - top)


@dataclass
class FlowchartLayout:
    sop_id: str
    paper: str
    page_width: float
    page_height: float
    columns: tuple[Column, ...]
    lanes: tuple[Column, ...]
    pages: list[Page]

    def page_of(self, step_no: int) -> Page:
        return next(p for p in self.pages if p.row(step_no) is not None)

    def symbol(self, step_no: int) -> Symbol:
        symbol = self.page_of(step_no).symbol(step_no)
        assert symbol is not None
        return symbol


@dataclass(frozen=True)
class _Edge:
    source: int
    target: int
    branch: str


def line_height(size: float) -> float:
    return size * LINE_FACTOR


def text_block(
    text: str, rect: Rect, size: float, style: str = "regular", align: str = "left",
    valign: str = "top", muted: bool = False,
) -> TextBlock:
    """Wrap `text` into `rect` (inside the cell padding) and place every line."""
    inner_w = max(rect.w - 2 * CELL_PAD, 1.0)
    wrapped = wrap_text(text, inner_w, size, style, hyphenate=True)
    metrics = face_metrics(style)
    ascent = metrics.ascent * size / 1000
    height = len(wrapped) * line_height(size)
    top = rect.y + (rect.h - height) / 2 if valign == "middle" else rect.y + CELL_PAD
    lines = []
    for index, content in enumerate(wrapped):
        width = metrics.text_width(content, size)
        if align == "center":
            x = rect.x + (rect.w - width) / 2
        elif align == "right":
            x = rect.right - CELL_PAD - width
        else:
            x = rect.x + CELL_PAD
        baseline = top + index * line_height(size) + ascent + (line_height(size) - size) / 2
        lines.append(TextLine(content, x, baseline, width))
    return TextBlock(tuple(lines), size, style, muted)


def text_height(text: str, width: float, size: float, style: str = "regular") -> float:
    lines = wrap_text(text, max(width - 2 * CELL_PAD, 1.0), size, style, hyphenate=True)
    return len(lines) * line_height(size) + 2 * CELL_PAD


def _edges(sop: Sop) -> list[_Edge]:
    edges: list[_Edge] = []
    for step in sop.steps:
        if step.symbol == "decision":
            assert step.ya is not None and step.tidak is not None
            edges.append(_Edge(step.no, step.ya, "ya"))
            edges.append(_Edge(step.no, step.tidak, "tidak"))
        elif step.no < len(sop.steps):
            edges.append(_Edge(step.no, step.no + 1, "next"))
    return edges


def _columns(sop: Sop, left: float, width: float) -> tuple[tuple[Column, ...], tuple[Column, ...]]:
    """Text columns and one lane per pelaksana, filling `width` exactly."""
    fixed = {key: w for key, _label, w in TEXT_COLUMNS}
    lane_count = len(sop.actors)
    lane_w = (width - sum(fixed.values())) / lane_count
    lane_w = min(max(lane_w, MIN_LANE_WIDTH), MAX_LANE_WIDTH)
    spare = width - sum(fixed.values()) - lane_w * lane_count
    for key, weight in STRETCH_WEIGHTS.items():
        fixed[key] += spare * weight
    if min(fixed.values()) < 18 or fixed["kegiatan"] < 80:
        raise LayoutError("Kertas terlalu sempit untuk tabel uraian prosedur ini.")
    columns: list[Column] = []
    lanes: list[Column] = []
    x = left
    for key, label, _w in TEXT_COLUMNS:
        if key == "kelengkapan":
            for index, actor in enumerate(sop.actors):
                lane = Column(f"lane:{index}", actor, x, lane_w)
                lanes.append(lane)
                columns.append(lane)
                x += lane_w
        columns.append(Column(key, label, x, fixed[key]))
        x += fixed[key]
    return tuple(columns), tuple(lanes)


def _symbol_size(kind: str, lane_w: float) -> tuple[float, float]:
    if kind == "decision":
        # room on each side for the Tidak branch's turn and its off-page connector
        return min(lane_w - 3 * SYMBOL_SIDE_GAP, DECISION_MAX_WIDTH), DECISION_HEIGHT
    return min(lane_w - 2 * SYMBOL_SIDE_GAP, SYMBOL_MAX_WIDTH), SYMBOL_HEIGHT


def _label_room(step: Step) -> float:
    """Extra height under a decision, so the "Ya" label below it clears the row's border."""
    return LABEL_SIZE if step.symbol == "decision" else 0.0


def _step_text(step: Step, key: str) -> tuple[str, str, bool]:
    """(text, style, muted) of a step's column; unreadable fields are marked, not blank."""
    if key == "no":
        return str(step.no), "regular", False
    if key in step.unreadable:
        return UNREADABLE, "italic", True
    return getattr(step, key), "regular", False


def _row_height(step: Step, columns: tuple[Column, ...], extra_top: float,
                extra_bottom: float, lane_w: float) -> float:
    tallest = 0.0
    for column in columns:
        if column.key.startswith("lane:"):
            continue
        text, style, _muted = _step_text(step, column.key)
        if text:
            tallest = max(tallest, text_height(text, column.w, BODY_SIZE, style))
    _w, symbol_h = _symbol_size(step.symbol, lane_w)
    extra_bottom += _label_room(step)
    needed = extra_top + extra_bottom + symbol_h + 2 * SYMBOL_VERTICAL_GAP
    return max(tallest, needed)


def layout_sop(sop: Sop, paper: str = "A4", first_page_number: int = 1,
               total_pages: int | None = None) -> FlowchartLayout:
    """Lay out the uraian prosedur of a detailed SOP on landscape pages of `paper`.

    `first_page_number` and `total_pages` set the "Halaman x dari y" footer when the pages are
    part of a longer document (the printed SOP starts with its identitas page).
    """
    if sop.is_draft or not sop.steps:
        raise LayoutError(f"SOP {sop.name!r} belum dirinci: tidak ada langkah untuk digambar.")
    if paper not in PAPERS:
        raise LayoutError(f"Ukuran kertas {paper!r} tidak dikenal (pilih A4 atau F4).")
    page_w, page_h = PAPERS[paper].landscape
    printable = Rect(MARGIN, MARGIN, page_w - 2 * MARGIN, page_h - 2 * MARGIN)
    columns, lanes = _columns(sop, printable.x, printable.w)
    lane_w = lanes[0].w
    lane_of = {actor: index for index, actor in enumerate(sop.actors)}

    title_cells, title_bottom = _title(sop, printable)
    header_cells, header_bottom = _header(columns, lanes, title_bottom + TITLE_GAP)
    body_top = header_bottom
    body_bottom = printable.bottom - FOOTER_HEIGHT
    edges = _edges(sop)
    steps = sop.steps

    # Paginate, then give the rows at every cut room for their connectors, and repeat until
    # the pages stop changing (a taller row can move a cut).
    out_rows: set[int] = set()
    in_rows: set[int] = set()
    page_of: dict[int, int] = {}
    heights: dict[int, float] = {}
    for _attempt in range(8):
        heights = {
            step.no: _row_height(
                step, columns,
                CONNECTOR_HEIGHT + CONNECTOR_GAP if step.no in in_rows else 0.0,
                CONNECTOR_HEIGHT + CONNECTOR_GAP if step.no in out_rows else 0.0,
                lane_w,
            )
            for step in steps
        }
        page_of = _paginate(steps, heights, edges, body_bottom - body_top)
        cut = [e for e in edges if page_of[e.source] != page_of[e.target]]
        new_out = {e.source for e in cut}
        new_in = {e.target for e in cut}
        if new_out <= out_rows and new_in <= in_rows:
            break
        out_rows |= new_out
        in_rows |= new_in

    page_count = max(page_of.values()) + 1
    total = total_pages if total_pages is not None else page_count + first_page_number - 1
    pages = [
        Page(first_page_number + i, page_w, page_h, printable, title_cells, header_cells)
        for i in range(page_count)
    ]

    # Rows, cells and symbols.
    y_by_page = [body_top] * page_count
    for step in steps:
        page = pages[page_of[step.no]]
        y = y_by_page[page_of[step.no]]
        height = heights[step.no]
        row_rect = Rect(printable.x, y, printable.w, height)
        y_by_page[page_of[step.no]] = y + height
        page.rows.append(StepRow(step.no, row_rect))
        for column in columns:
            if column.key.startswith("lane:"):
                lane_rect = Rect(column.x, y, column.w, height)
                page.cells.append(Cell(lane_rect, TextBlock((), BODY_SIZE), step_no=step.no,
                                       column=column.key))
                continue
            text, style, muted = _step_text(step, column.key)
            rect = Rect(column.x, y, column.w, height)
            align = "center" if column.key == "no" else "left"
            page.cells.append(Cell(rect, text_block(text, rect, BODY_SIZE, style, align,
                                                    muted=muted),
                                   step_no=step.no, column=column.key))
        lane_index = lane_of.get(step.pelaksana, 0)
        lane = lanes[lane_index]
        symbol_w, symbol_h = _symbol_size(step.symbol, lane.w)
        extra_top = CONNECTOR_HEIGHT + CONNECTOR_GAP if step.no in in_rows else 0.0
        extra_bottom = CONNECTOR_HEIGHT + CONNECTOR_GAP if step.no in out_rows else 0.0
        extra_bottom += _label_room(step)
        region_top = y + extra_top
        region_h = height - extra_top - extra_bottom
        symbol_rect = Rect(lane.x + (lane.w - symbol_w) / 2,
                           region_top + (region_h - symbol_h) / 2, symbol_w, symbol_h)
        page.symbols.append(Symbol(step.no, step.symbol, symbol_rect, lane_index,
                                   uncertain=step.pelaksana not in lane_of))

    _route(pages, page_of, edges, lanes)
    for page in pages:
        page.footer = _footer(printable, page.number, total, sop)
    return FlowchartLayout(sop.id, paper, page_w, page_h, columns, lanes, pages)


def _paginate(steps: tuple[Step, ...], heights: dict[int, float], edges: list[_Edge],
              available: float) -> dict[int, int]:
    """Greedy page filling; a decision and the step its Tidak branch returns to stay on one
    page when they fit, so loops are drawn whole instead of through connectors."""
    spans = [(min(e.source, e.target), max(e.source, e.target)) for e in edges
             if e.branch == "tidak"]
    page_of: dict[int, int] = {}
    page = 0
    used = 0.0
    first_on_page = 1
    index = 0
    while index < len(steps):
        step = steps[index]
        height = heights[step.no]
        if height > available:
            raise LayoutError(
                f"Langkah {step.no} terlalu tinggi untuk satu halaman; pilih kertas F4."
            )
        if used + height > available and used > 0:
            # Break before this step, or earlier if that keeps a Tidak loop together.
            break_at = step.no
            for low, high in spans:
                if low < break_at <= high and low > first_on_page:
                    span_h = sum(heights[n] for n in range(low, high + 1))
                    if span_h <= available:
                        break_at = min(break_at, low)
            for no in range(break_at, step.no):
                del page_of[no]
            page += 1
            used = 0.0
            first_on_page = break_at
            index = break_at - 1
            continue
        page_of[step.no] = page
        used += height
        index += 1
    return page_of


def _title(sop: Sop, printable: Rect) -> tuple[tuple[Cell, ...], float]:
    title_text = f"URAIAN PROSEDUR {sop.name.upper()}"
    nomor = sop.nomor or (UNREADABLE if "nomor" in sop.unreadable else "-")
    nomor_w = 190.0
    title_rect = Rect(printable.x, printable.y, printable.w - nomor_w, 0)
    height = text_height(title_text, title_rect.w, TITLE_SIZE, "bold")
    title_rect = Rect(title_rect.x, title_rect.y, title_rect.w, height)
    nomor_rect = Rect(printable.right - nomor_w, printable.y, nomor_w, height)
    cells = (
        Cell(title_rect, text_block(title_text, title_rect, TITLE_SIZE, "bold"), column="title"),
        Cell(nomor_rect, text_block(f"Nomor SOP: {nomor}", nomor_rect, BODY_SIZE,
                                    align="right", valign="middle"), column="nomor"),
    )
    return cells, title_rect.bottom


def _header(columns: tuple[Column, ...], lanes: tuple[Column, ...],
            top: float) -> tuple[tuple[Cell, ...], float]:
    """Two header rows: No | Kegiatan | Pelaksana (one sub-column per lane) | Mutu Baku
    (Kelengkapan, Waktu, Output) | Keterangan."""
    first_h = line_height(HEADER_SIZE) + 2 * CELL_PAD
    second_h = max(text_height(c.label, c.w, HEADER_SIZE, "bold") for c in columns
                   if c.key.startswith("lane:") or c.key in ("kelengkapan", "waktu", "output"))
    total_h = first_h + second_h
    by_key = {c.key: c for c in columns}
    cells: list[Cell] = []

    def add(label: str, x: float, y: float, w: float, h: float, key: str) -> None:
        rect = Rect(x, y, w, h)
        cells.append(Cell(rect, text_block(label, rect, HEADER_SIZE, "bold", "center",
                                           "middle"), header=True, column=key))

    for key in ("no", "kegiatan"):
        column = by_key[key]
        add(column.label, column.x, top, column.w, total_h, key)
    add("Pelaksana", lanes[0].x, top, lanes[-1].right - lanes[0].x, first_h, "pelaksana")
    mutu_left = by_key["kelengkapan"].x
    add("Mutu Baku", mutu_left, top, by_key["output"].right - mutu_left, first_h, "mutu_baku")
    keterangan = by_key["keterangan"]
    add(keterangan.label, keterangan.x, top, keterangan.w, total_h, "keterangan")
    for column in columns:
        if column.key.startswith("lane:") or column.key in ("kelengkapan", "waktu", "output"):
            add(column.label, column.x, top + first_h, column.w, second_h, column.key)
    return tuple(cells), top + total_h


def _footer(printable: Rect, number: int, total: int, sop: Sop) -> Cell:
    rect = Rect(printable.x, printable.bottom - FOOTER_HEIGHT + 2, printable.w,
                FOOTER_HEIGHT - 2)
    return Cell(rect, text_block(f"Halaman {number} dari {total}", rect, FOOTER_SIZE,
                                 align="right", valign="middle"), column="footer")


def _top_border_y(symbol: Symbol, x: float) -> float:
    r = symbol.rect
    if symbol.kind == "decision":
        return r.y + (r.h / 2) * (abs(x - r.cx) / (r.w / 2))
    if symbol.kind == "terminator":
        radius = r.h / 2
        if x < r.x + radius:
            dx = r.x + radius - x
            return r.cy - math.sqrt(max(radius * radius - dx * dx, 0.0))
        if x > r.right - radius:
            dx = x - (r.right - radius)
            return r.cy - math.sqrt(max(radius * radius - dx * dx, 0.0))
    return r.y


def _route(pages: list[Page], page_of: dict[int, int], edges: list[_Edge],
           lanes: tuple[Column, ...]) -> None:
    lanes_left = lanes[0].x
    lanes_right = lanes[-1].right
    middle_lane = (len(lanes) - 1) / 2
    channels_used: dict[tuple[int, str], int] = {}
    connector_number = 0
    # Which targets get an arrow into their top on the same page (an incoming connector then
    # moves aside so the two do not overlap).
    top_entries = {
        e.target for e in edges
        if page_of[e.source] == page_of[e.target] and e.branch != "tidak"
        and e.target == e.source + 1
    }
    incoming_count: dict[int, int] = {}

    for edge in edges:
        source_page = pages[page_of[edge.source]]
        target_page = pages[page_of[edge.target]]
        source = source_page.symbol(edge.source)
        target = target_page.symbol(edge.target)
        assert source is not None and target is not None
        label = {"ya": "Ya", "tidak": "Tidak"}.get(edge.branch, "")
        side = "left" if source.lane <= middle_lane else "right"
        if edge.branch == "ya":  # a Ya that skips ahead leaves on the side Tidak does not use
            side = "right" if side == "left" else "left"

        if source_page is target_page:
            page_index = page_of[edge.source]
            if edge.target == edge.source + 1 and edge.branch != "tidak":
                points = _down_route(source, target)
            elif (edge.branch == "tidak" and edge.target == edge.source + 1
                  and target.lane != source.lane):
                points = _side_then_down(source, target)
            else:
                key = (page_index, side)
                slot = channels_used.get(key, 0)
                channels_used[key] = slot + 1
                if side == "left":
                    channel_x = lanes_left + SYMBOL_SIDE_GAP / 2 - slot * CHANNEL_STEP
                else:
                    channel_x = lanes_right - SYMBOL_SIDE_GAP / 2 + slot * CHANNEL_STEP
                channel_x = min(max(channel_x, lanes_left + 1), lanes_right - 1)
                points = _channel_route(source, target, channel_x, side)
            source_page.arrows.append(Arrow(points, edge.source, edge.target, edge.branch, label,
                                            *_label_place(points, edge.branch, source,
                                                          lanes[source.lane])))
            continue

        # A cut: the arrow ends at an "out" connector below the source and continues from an
        # "in" connector above the target on its own page.
        connector_number += 1
        rect_out, out_points = _out_connector(source, edge.branch, side)
        source_page.connectors.append(Connector(connector_number, "out", rect_out, edge.source,
                                                edge.target, edge.branch))
        source_page.arrows.append(Arrow(out_points, edge.source, edge.target, edge.branch, label,
                                        *_label_place(out_points, edge.branch, source,
                                                      lanes[source.lane]),
                                        to_connector=connector_number))
        count = incoming_count.get(edge.target, 0)
        incoming_count[edge.target] = count + 1
        shift = 0.0
        if edge.target in top_entries or count:
            shift = -(target.rect.w / 2 - 6) if count % 2 == 0 else (target.rect.w / 2 - 6)
        rect_in, in_points = _in_connector(target, shift)
        target_page.connectors.append(Connector(connector_number, "in", rect_in, edge.source,
                                                edge.target, edge.branch))
        target_page.arrows.append(Arrow(in_points, edge.source, edge.target, edge.branch,
                                        from_connector=connector_number))


def _down_route(source: Symbol, target: Symbol) -> tuple[Point, ...]:
    sx, dx = source.rect.cx, target.rect.cx
    start = Point(sx, source.rect.bottom)
    end = Point(dx, target.rect.y)
    if abs(sx - dx) < 1e-6:
        return (start, end)
    # The sideways leg runs just under the source symbol, inside its row: halfway between the
    # two symbols would be exactly on the row's border line and vanish in it.
    leg_y = source.rect.bottom + SYMBOL_VERTICAL_GAP / 2
    return (start, Point(sx, leg_y), Point(dx, leg_y), end)


def _side_then_down(source: Symbol, target: Symbol) -> tuple[Point, ...]:
    """From a decision's side vertex straight across to above the next step, then down."""
    r = source.rect
    start = Point(r.right, r.cy) if target.rect.cx > r.cx else Point(r.x, r.cy)
    return (start, Point(target.rect.cx, r.cy), Point(target.rect.cx, target.rect.y))


def _channel_route(source: Symbol, target: Symbol, channel_x: float,
                   side: str) -> tuple[Point, ...]:
    """Out of the source's side, along a lane-edge channel (where no symbol stands), into the
    target's side."""
    s, t = source.rect, target.rect
    if side == "left":
        start, end = Point(s.x, s.cy), Point(t.x, t.cy)
    else:
        start, end = Point(s.right, s.cy), Point(t.right, t.cy)
    return (start, Point(channel_x, s.cy), Point(channel_x, t.cy), end)


def _out_connector(source: Symbol, branch: str, side: str) -> tuple[Rect, tuple[Point, ...]]:
    r = source.rect
    top = r.bottom + CONNECTOR_GAP
    if branch == "tidak":
        # beside the diamond's lower half, reached from its side vertex
        turn_x = r.x - SYMBOL_SIDE_GAP / 2 if side == "left" else r.right + SYMBOL_SIDE_GAP / 2
        rect = Rect(turn_x - CONNECTOR_WIDTH / 2, top, CONNECTOR_WIDTH, CONNECTOR_HEIGHT)
        start = Point(r.x, r.cy) if side == "left" else Point(r.right, r.cy)
        return rect, (start, Point(turn_x, r.cy), Point(turn_x, top))
    rect = Rect(r.cx - CONNECTOR_WIDTH / 2, top, CONNECTOR_WIDTH, CONNECTOR_HEIGHT)
    return rect, (Point(r.cx, r.bottom), Point(r.cx, top))


def _in_connector(target: Symbol, shift: float) -> tuple[Rect, tuple[Point, ...]]:
    x = target.rect.cx + shift
    top = target.rect.y - CONNECTOR_GAP - CONNECTOR_HEIGHT
    rect = Rect(x - CONNECTOR_WIDTH / 2, top, CONNECTOR_WIDTH, CONNECTOR_HEIGHT)
    return rect, (Point(x, rect.bottom), Point(x, _top_border_y(target, x)))


def _label_place(points: tuple[Point, ...], branch: str, source: Symbol,
                 lane: Column) -> tuple[Point | None, Rect | None]:
    """Where a decision branch's label goes (baseline-left) and the white box under it.

    The label stays inside the decision's own lane (a lane line through "Tidak" reads badly):
    when the space beside the diamond is too narrow, it moves up into the corner between the
    diamond's slanted edge and the lane border until it clears the diamond.
    """
    if branch not in ("ya", "tidak"):
        return None, None
    text = "Tidak" if branch == "tidak" else "Ya"
    metrics = face_metrics("regular")
    width = metrics.text_width(text, LABEL_SIZE)
    ascent = metrics.ascent * LABEL_SIZE / 1000
    descent = -metrics.descent * LABEL_SIZE / 1000
    first, second = points[0], points[1]
    r = source.rect
    if abs(first.x - second.x) < 1e-6:  # leaves downwards: label right of the line, below
        at = Point(first.x + 3, first.y + ascent + 1)
    else:
        leftwards = second.x < first.x
        x = first.x - 3 - width if leftwards else first.x + 3
        x = max(x, lane.x + 1.5) if leftwards else min(x, lane.right - 1.5 - width)
        # the box corner nearest the diamond must lie outside it (above its slanted edge)
        near_x = x + width + 1 if leftwards else x - 1
        across = min(abs(near_x - r.cx) / (r.w / 2), 1.0)
        lift = max(3.0, (r.h / 2) * (1 - across) + descent + 1.0)
        at = Point(x, first.y - lift)
    box = Rect(at.x - 1, at.y - ascent - 0.5, width + 2, ascent + descent + 1)
    return at, box
