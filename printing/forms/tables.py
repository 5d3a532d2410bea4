"""Tables that run over pages: column edges, the header row, the grid, and what a continuation
page carries (its heading with the QR code, and "Halaman n dari m" at the foot)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors

from jogoroto_desktop.geometry import Rect
from printing.forms.blocks import PageSpec, qr_with_label
from printing.forms.painter import LINE, Painter, qr_quiet_side


def page_footer(p: Painter, spec: PageSpec, index: int, total: int) -> None:
    """"Halaman n dari m" under the content, on forms of more than one page only."""
    if total > 1:
        box = Rect(spec.left, spec.height - spec.bottom + 1,
                   spec.width - spec.left - spec.right, spec.bottom * 0.6)
        p.text(f"Halaman {index} dari {total}", box, 7.0, align="right", pad=0, pad_y=0.5)


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
