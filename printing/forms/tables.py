"""Tables that run over pages: column edges, the header row, the grid, and what a continuation
page carries (its heading with the QR code, "Halaman n dari m" at the foot, and the values too
long for their boxes, printed whole)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors

from jogoroto_desktop.geometry import Rect
from printing.forms.blocks import PageSpec, qr_with_label
from printing.forms.fitting import ASCENT, DESCENT, LEADING, MIN_SIZE, clean_text, wrap_lines
from printing.forms.painter import LINE, Painter, qr_quiet_side


def page_footer(p: Painter, spec: PageSpec, index: int, total: int) -> None:
    """"Halaman n dari m" under the content, on forms of more than one page only."""
    if total > 1:
        box = Rect(spec.left, spec.height - spec.bottom + 1,
                   spec.width - spec.left - spec.right, spec.bottom * 0.6)
        p.text(f"Halaman {index} dari {total}", box, 8.0, align="right", pad=0, pad_y=0.5)


def column_edges(box: Rect, shares: Sequence[float]) -> list[float]:
    """The x of every column edge of a table across `box`, columns sized by `shares` (the last
    edge is the box's right side exactly)."""
    xs = [box.x]
    for share in shares:
        xs.append(xs[-1] + box.w * share)
    xs[-1] = box.right
    return xs


def table_header(p: Painter, titles: Sequence[str], xs: Sequence[float], y: float,
                  h: float, size: float, floor: float) -> None:
    """The shaded header row of a table, its titles bold and centred in their columns."""
    fill = colors.Color(0.88, 0.88, 0.88)
    p.rect(Rect(xs[0], y, xs[-1] - xs[0], h), fill=fill, stroke=False)
    for i, title in enumerate(titles):
        p.text(title, Rect(xs[i], y, xs[i + 1] - xs[i], h), size, floor=floor, style="bold",
               align="center", valign="middle", pad=2)


def grid(p: Painter, xs: Sequence[float], ys: Sequence[float], width: float = LINE) -> None:
    """Lines of a full table: columns at `xs`, rows at `ys`."""
    for x in xs:
        p.line(x, ys[0], x, ys[-1], width)
    for y in ys:
        p.line(xs[0], y, xs[-1], y, width)


def continuation_head(p: Painter, spec: PageSpec, title: str, detail: str, payload: str,
                       label: str, void: bool = False) -> float:
    """Heading of a continuation page with the QR code; returns the y below it."""
    box = spec.content
    total = qr_quiet_side(payload, spec.code)
    label_w = spec.base * 12
    text_w = box.w - total - label_w
    p.text(title, Rect(box.x, box.y, text_w, spec.title * 1.6), spec.title, floor=spec.floor,
           style="bold", valign="middle", pad=0)
    p.text(detail, Rect(box.x, box.y + spec.title * 1.6, text_w, total - spec.title * 1.6),
           spec.base, floor=spec.floor, pad=0, max_lines=4)
    qr_with_label(p, payload, label, Rect(box.right - total - label_w, box.y,
                                           total + label_w, total), spec.code, spec.base,
                   spec.floor, void=void)
    return box.y + total + spec.base


#: One piece of a continuation page: (label or "" for a body piece, lines of the value).
Piece = tuple[str, tuple[str, ...]]


def continued_pages(spec: PageSpec, overflow: Sequence[tuple[str, str]],
                    top: float) -> list[list[Piece]]:
    """The values that did not fit their boxes, each whole under its label, flowed over as
    many continuation pages as they need (their content starting at `top`)."""
    box = spec.content
    size = max(spec.base, MIN_SIZE)
    step = size * LEADING
    room = int((box.bottom - top - (ASCENT + DESCENT - LEADING) * size) / step)
    pages: list[list[Piece]] = []
    used = room  # start a new page for the first piece
    for label, text in overflow:
        lines = wrap_lines(clean_text(text), box.w - 6, size, "regular")
        heading = 2 if label else 0  # the label's line and a gap before it
        if used + heading + 1 > room:
            pages.append([])
            used = 0
        if label:
            pages[-1].append((label, ()))
            used += heading
        while lines:
            if used >= room:
                pages.append([])
                used = 0
            chunk, lines = lines[:room - used], lines[room - used:]
            pages[-1].append(("", tuple(chunk)))
            used += len(chunk)
    return pages


def draw_continued(p: Painter, spec: PageSpec, pieces: Sequence[Piece], top: float) -> None:
    """One continuation page's pieces from `top`: labels bold, values at body size."""
    box = spec.content
    size = max(spec.base, MIN_SIZE)
    step = size * LEADING
    y = top
    for label, lines in pieces:
        if label:
            y += step
            p.text(f"{label} (selengkapnya):", Rect(box.x, y - 1, box.w, step + 2), size,
                   style="bold", pad=3, pad_y=1, max_lines=1)
            y += step
            continue
        h = (len(lines) - 1) * step + (ASCENT + DESCENT) * size + 2
        p.text("\n".join(lines), Rect(box.x, y - 1, box.w, h + 1), size, pad=3, pad_y=1)
        y += len(lines) * step


class PageNumbers:
    """"Halaman n dari m" on every page of a form whose page count is known only at its end
    (values may go on to continuation pages): each page refers to a small form written when
    the document closes (PDF allows the reference before the definition)."""

    def __init__(self, p: Painter, spec: PageSpec) -> None:
        self.p, self.spec = p, spec
        self.logged: list[int] = []  # index of each numbered page in the layout log

    def mark(self) -> None:
        """Number the page being drawn."""
        self.p.canvas.doForm(f"halaman{len(self.logged) + 1}")
        self.logged.append(len(self.p.log.pages) - 1 if self.p.log is not None else -1)

    def close(self) -> int:
        """Write the numbers (none on a one-page form); returns the page count."""
        p, total = self.p, len(self.logged)
        for index, logged in enumerate(self.logged, start=1):
            recording = p.begin_form(f"halaman{index}", self.spec.width, self.spec.height)
            page_footer(p, self.spec, index, total)
            p.end_form()
            if p.log is not None:
                p.log.pages[logged].texts.extend(recording.texts)
        return total


def finish_with_continued(p: Painter, spec: PageSpec, numbers: PageNumbers, title: str,
                          detail: str, payload: str, label: str, void: bool = False) -> int:
    """After the form's own pages: the values too long for their boxes, whole, on
    continuation pages under the repeated heading; then the page numbers. Returns the page
    count."""
    top = spec.content.y + qr_quiet_side(payload, spec.code) + spec.base
    for pieces in continued_pages(spec, p.overflow, top):
        p.start_page(spec.width, spec.height)
        continuation_head(p, spec, title, detail, payload, label, void)
        draw_continued(p, spec, pieces, top)
        numbers.mark()
        p.finish_page()
    p.overflow.clear()
    return numbers.close()
