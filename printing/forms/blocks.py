"""What the forms share, written once: the plain data of a checklist line and of a signature
block, the page geometry per paper, "label : value" cells, checklists, the signature block and
the QR code with its number beside it. (The kop block is `Painter.kop`; tables that run over
pages are in `tables`.)"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.geometry import MM, Rect
from printing.forms.fitting import (
    ASCENT,
    CONTINUED,
    DESCENT,
    LEADING,
    MIN_SIZE,
    clean_text,
    text_width,
    wrap_lines,
)
from printing.forms.painter import PAGE_QR, Painter, paper_size, qr_quiet_side


@dataclass(frozen=True)
class Centang:
    """One line of a checklist: its label and whether it is ticked."""

    label: str
    checked: bool = False


@dataclass(frozen=True)
class Penandatangan:
    """A signature block: jabatan, room for the signature, nama, pangkat, NIP. When the signer
    is not the head of the office, `atas_nama` is the head ("Camat Jogoroto": "a.n. CAMAT
    JOGOROTO" above the jabatan) and `untuk_beliau` the official in between ("u.b.")."""

    jabatan: str
    nama: str = ""
    pangkat: str = ""
    nip: str = ""
    atas_nama: str = ""
    untuk_beliau: str = ""

    @property
    def heading(self) -> str:
        """The lines above the room to sign, as naskah dinas write them."""
        if not self.atas_nama.strip():
            return f"{self.jabatan},"
        lines = [f"a.n. {self.atas_nama.strip().upper()}"]
        if self.untuk_beliau.strip():
            lines += [self.untuk_beliau.strip(), "u.b."]
        return "\n".join([*lines, f"{self.jabatan},"])


def centang(labels: Iterable[str], checked: Iterable[str]) -> tuple[Centang, ...]:
    """Checklist items in the order of `labels`, ticked when in `checked` (case-insensitive);
    ticked labels missing from `labels` are appended, ticked."""
    chosen = {c.strip().casefold(): c.strip() for c in checked if c and c.strip()}
    items = [Centang(label, label.strip().casefold() in chosen) for label in labels]
    known = {label.strip().casefold() for label in labels}
    items += [Centang(text, True) for key, text in chosen.items() if key not in known]
    return tuple(items)


def tanggal_text(day: dt.date | None, with_weekday: bool = False) -> str:
    """A date as the forms print it ("5 Januari 2026"); "" for none."""
    return format_tanggal(day, with_weekday=with_weekday, empty="")


@dataclass(frozen=True)
class PageSpec:
    """Geometry and type of one paper for one form (points)."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    kop_scale: float
    base: float  # body type size
    floor: float  # smallest size a text may shrink to
    title: float
    code: float = PAGE_QR

    @property
    def content(self) -> Rect:
        return Rect(self.left, self.top, self.width - self.left - self.right,
                    self.height - self.top - self.bottom)

    @property
    def wide(self) -> bool:
        """Half folio (landscape): the QR cell sits in the particulars grid and the checklists,
        catatan and signature stand side by side; on A4 the QR code sits in the catatan cell."""
        return self.width > self.height


def page_spec(paper: str, allowed: Sequence[str]) -> PageSpec:
    width, height = paper_size(paper, allowed)
    if paper == "HALF_FOLIO":
        return PageSpec(width, height, 12 * MM, 10 * MM, 7 * MM, 8 * MM, 0.66, 8.5, MIN_SIZE,
                        11.0)
    return PageSpec(width, height, 20 * MM, 15 * MM, 12 * MM, 12 * MM, 1.0, 10.0, MIN_SIZE, 13.0)


def grow_within(usual: Sequence[float], need: Sequence[float], room: float) -> list[float]:
    """Heights of boxes stacked in `room`: each its usual height, grown towards what its
    content needs; when `room` cannot give every box all it needs, each gets the same share of
    what it lacks (the rest of its text goes on the continuation page)."""
    extra = [max(0.0, n - u) for u, n in zip(usual, need, strict=True)]
    spare = max(0.0, room - sum(usual))
    share = min(1.0, spare / sum(extra)) if sum(extra) else 0.0
    return [u + e * share for u, e in zip(usual, extra, strict=True)]


def label_value(p: Painter, label: str, value: str, cell: Rect, label_w: float,
                 size: float, floor: float, *, value_style: str = "regular",
                 valign: str = "middle", pad: float = 3.0, pad_y: float | None = None) -> None:
    """"Label : value" inside a cell: the label (and its colon) in a fixed column."""
    colon_w = text_width(" : ", "regular", size)
    pad_y = pad if pad_y is None else pad_y
    p.text(label, Rect(cell.x, cell.y, label_w, cell.h), size, floor=floor, valign=valign,
           pad=pad, pad_y=pad_y, max_lines=1)
    p.text(":", Rect(cell.x + label_w, cell.y, colon_w, cell.h), size, valign=valign, pad=0,
           pad_y=pad_y)
    p.text(value, Rect(cell.x + label_w + colon_w, cell.y,
                       cell.w - label_w - colon_w, cell.h),
           size, floor=floor, style=value_style, valign=valign, pad=pad, pad_y=pad_y,
           label=label)


def _checklist_plan(items: Sequence[Centang], area: Rect, size: float, max_columns: int,
                    row_h: float, columns: int | None, natural: bool,
                    ) -> tuple[int, int, list[float], list[float]]:
    """(columns, rows per column, column widths, each item's height): every label whole, a
    long one on as many lines as it needs."""
    n = len(items)
    rows_fit = max(1, int(area.h / row_h + 1e-9))
    cols = columns or min(max_columns, math.ceil(n / rows_fit))
    rows = math.ceil(n / cols)
    side = min(size * 0.95, row_h * 0.72)
    gap = size * 0.45
    if natural:  # columns as wide as their longest label (sifat), spare room shared
        need = []
        for col in range(cols):
            labels = [items[i].label for i in range(col * rows, min(n, (col + 1) * rows))]
            need.append(side + gap + max(text_width(t, "bold", size) for t in labels) + 6)
        spare = (area.w - sum(need)) / cols
        widths = [w + spare for w in need] if spare >= 0 else \
            [w * area.w / sum(need) for w in need]
    else:
        widths = [area.w / cols] * cols
    heights = []
    for i, item in enumerate(items):
        style = "bold" if item.checked else "regular"
        text_w = widths[i // rows] - side - gap - 1
        count = len(wrap_lines(clean_text(item.label, style), text_w - 2, size, style))
        heights.append(row_h + max(0, count - 1) * size * LEADING)
    return cols, rows, widths, heights


def checklist_height(items: Sequence[Centang], area: Rect, size: float, *,
                     max_columns: int = 3, row_h: float | None = None,
                     columns: int | None = None) -> float:
    """The height `checklist` needs in `area` to show every item whole."""
    if not items:
        return 0.0
    size = max(size, MIN_SIZE)
    row_h = row_h or size * 1.55
    _cols, rows, _widths, heights = _checklist_plan(items, area, size, max_columns, row_h,
                                                    columns, False)
    return max(sum(heights[c:c + rows]) for c in range(0, len(items), rows))


def checklist(p: Painter, items: Sequence[Centang], area: Rect, size: float, floor: float,
               *, max_columns: int = 3, row_h: float | None = None, columns: int | None = None,
               natural: bool = False, title: str = "") -> None:
    """Checkbox lines filling `area` column by column (more columns when the list is long),
    every label whole (a long one on further lines: size the area with `checklist_height`);
    ticked labels are bold. Items that do not fit the area go, under `title`, on the
    continuation page, and the last line says so."""
    n = len(items)
    if not n or area.w <= 0 or area.h <= 0:
        return
    size = max(size, MIN_SIZE)
    row_h = row_h or size * 1.55
    cols, rows, widths, heights = _checklist_plan(items, area, size, max_columns, row_h,
                                                  columns, natural)
    bottom = area.bottom + 1e-6
    if any(sum(heights[c:c + rows]) > area.h + 1e-6 for c in range(0, n, rows)):
        bottom -= row_h  # room for the note saying where the rest is
    side = min(size * 0.95, row_h * 0.72)
    gap = size * 0.45
    hidden: list[Centang] = []
    x, y = area.x, area.y
    for col in range(cols):
        y = area.y
        for i in range(col * rows, min(n, (col + 1) * rows)):
            item, h = items[i], heights[i]
            if hidden or y + h > bottom:
                hidden.append(item)
                continue
            p.checkbox(x + 1, y + (row_h - side) / 2, side, item.checked)
            p.text(item.label, Rect(x + 1 + side + gap, y, widths[col] - side - gap - 1, h),
                   size, floor=floor, style="bold" if item.checked else "regular",
                   valign="middle" if h == row_h else "top",
                   pad=1.0, pad_y=0.5 if h == row_h else (row_h - size * 1.117) / 2)
            y += h
        x += widths[col]
    if hidden:
        p.overflow.append((title, "\n".join(f"[{'x' if c.checked else ' '}] {c.label}"
                                            for c in hidden)))
        p.text(CONTINUED, Rect(area.x, area.bottom - row_h, area.w, row_h), size,
               style="italic", valign="middle", pad=1.0, pad_y=0.5, max_lines=1)


def signature_height(who: Penandatangan, width: float, size: float, space: float,
                     tempat_tanggal: str = "") -> float:
    """The height `signature_block` needs for every line of `who` whole at `size`."""
    size = max(size, MIN_SIZE)
    parts = [(who.heading, "bold"), (who.nama or "(", "bold"), (who.pangkat or " ", "regular"),
             (f"NIP. {who.nip}", "regular")]
    if tempat_tanggal:
        parts.insert(0, (tempat_tanggal, "regular"))
    return sum(_block_height(text, width - 2, size, style) for text, style in parts) + space


def _block_height(text: str, width: float, size: float, style: str) -> float:
    lines = max(1, len(wrap_lines(clean_text(text, style), width, size, style)))
    return (lines - 1) * size * LEADING + (ASCENT + DESCENT) * size + 1 + size * 0.3


def signature_block(p: Painter, who: Penandatangan, area: Rect, size: float, floor: float,
                    space: float, tempat_tanggal: str = "") -> None:
    """Centred signature block: place and date (when given), the jabatan (with a.n./u.b.),
    room to sign, nama (underlined), pangkat, NIP, each whole on as many lines as it needs;
    the room to sign shrinks with the area."""
    size = max(size, MIN_SIZE)
    y = area.y
    nama = who.nama or "( " + "." * 40 + " )"
    nip = f"NIP. {who.nip}" if who.nip else "NIP. " + "." * 30
    if tempat_tanggal:
        h = _block_height(tempat_tanggal, area.w - 2, size, "regular")
        p.text(tempat_tanggal, Rect(area.x, y, area.w, h), size, floor=floor, align="center",
               pad=1, pad_y=0.5, label="Tempat dan tanggal")
        y += h
    one_line = _block_height("x", area.w, size, "regular")
    tail = [(nama, "bold" if who.nama else "regular", bool(who.nama), "Nama"),
            (who.pangkat, "regular", False, "Pangkat"), (nip, "regular", False, "NIP")]
    heights = [_block_height(t or " ", area.w - 2, size, st) for t, st, _u, _l in tail]
    # Every part at least one line; what a short area cannot hold goes on in full on the
    # continuation page.
    heading_h = max(_block_height(who.heading, area.w - 2, size, "bold"),
                    2 * size * LEADING + (ASCENT + DESCENT - LEADING) * size + 1)
    heading_h = max(one_line, min(heading_h, area.bottom - y - len(tail) * one_line))
    p.text(who.heading, Rect(area.x, y, area.w, heading_h), size, floor=floor, style="bold",
           align="center", valign="bottom", pad=1, pad_y=0.5, label="Jabatan")
    y += heading_h
    y += max(0.0, min(space, area.bottom - y - sum(heights)))
    for k, ((text, style, underline, label), h) in enumerate(zip(tail, heights, strict=True)):
        h = max(one_line, min(h, area.bottom - y - (len(tail) - k - 1) * one_line))
        p.text(text, Rect(area.x, y, area.w, h), size, floor=floor, style=style,
               align="center", pad=1, pad_y=0.5, underline=underline, label=label)
        y += h


def qr_with_label(p: Painter, payload: str, label: str, cell: Rect, code: float,
                   size: float, floor: float, *, label_side: str = "left",
                   void: bool = False) -> None:
    """The QR code against one side of `cell`, vertically centred, its number beside it.
    Every form draws its code here, so here a voided record's form gets its DIBATALKAN mark
    (`void`) across the page or card."""
    if void:
        p.void_mark()
    total = qr_quiet_side(payload, code)
    y = cell.y + (cell.h - total) / 2
    if label_side == "left":
        qx = cell.right - total - 1
        label_box = Rect(cell.x, cell.y, qx - cell.x, cell.h)
        align = "right"
    else:
        qx = cell.x + 1
        label_box = Rect(qx + total, cell.y, cell.right - qx - total, cell.h)
        align = "left"
    p.qr(payload, qx, y, code)
    p.text(label, label_box, size, floor=floor, style="bold", align=align, valign="middle",
           pad=2)
