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
    DESCENT,
    ELLIPSIS,
    LEADING,
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
    """A signature block: jabatan, room for the signature, nama, pangkat, NIP."""

    jabatan: str
    nama: str = ""
    pangkat: str = ""
    nip: str = ""


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
        return PageSpec(width, height, 12 * MM, 10 * MM, 7 * MM, 8 * MM, 0.66, 8.5, 5.5, 11.0)
    return PageSpec(width, height, 20 * MM, 15 * MM, 12 * MM, 12 * MM, 1.0, 10.0, 6.0, 13.0)


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
           size, floor=floor, style=value_style, valign=valign, pad=pad, pad_y=pad_y)


def checklist(p: Painter, items: Sequence[Centang], area: Rect, size: float, floor: float,
               *, max_columns: int = 3, row_h: float | None = None, columns: int | None = None,
               natural: bool = False) -> None:
    """Checkbox lines filling `area` column by column (more columns, then shorter rows, when
    the list is long; a long label gets a second line when there is room); ticked labels are
    bold."""
    n = len(items)
    if not n or area.w <= 0 or area.h <= 0:
        return
    row_h = row_h or size * 1.55
    rows_fit = max(1, int(area.h / row_h + 1e-9))
    cols = columns or min(max_columns, math.ceil(n / rows_fit))
    rows = math.ceil(n / cols)
    hidden = 0
    if rows > rows_fit:
        row_h = area.h / rows
        if row_h < floor * 1.35:  # too many even on short rows: the rest is counted
            rows = max(1, int(area.h / (floor * 1.35) + 1e-9))
            row_h = area.h / rows
            hidden = n - (rows * cols - 1)
            items = items[: rows * cols - 1]
            n = len(items)
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
    x = area.x
    for col in range(cols):
        members = range(col * rows, min(n, (col + 1) * rows))
        text_w = widths[col] - side - gap - 1
        heights = [row_h] * len(members)
        extra = size * LEADING
        slots = len(members) + (1 if hidden and col == cols - 1 else 0)
        spare_h = area.h - row_h * slots
        for k, i in enumerate(members):  # second lines, first come first served
            style = "bold" if items[i].checked else "regular"
            label = clean_text(items[i].label, style)
            if spare_h >= extra and len(wrap_lines(label, text_w - 2, size, style)) > 1:
                heights[k] += extra
                spare_h -= extra
        y = area.y
        for k, i in enumerate(members):
            item, h = items[i], heights[k]
            p.checkbox(x + 1, y + (min(h, row_h) - side) / 2, side, item.checked)
            p.text(item.label, Rect(x + 1 + side + gap, y, text_w, h), size, floor=floor,
                   style="bold" if item.checked else "regular",
                   valign="middle" if h == row_h else "top",
                   pad=1.0, pad_y=0.5 if h == row_h else (row_h - size * 1.117) / 2)
            y += h
        if hidden and col == cols - 1:
            p.text(f"{ELLIPSIS} dan {hidden} lainnya", Rect(x + 1, y, widths[col] - 1, row_h),
                   size, floor=floor, style="italic", valign="middle", pad=1.0, pad_y=0.5,
                   mark_truncated=True)
        x += widths[col]


def signature_block(p: Painter, who: Penandatangan, area: Rect, size: float, floor: float,
               space: float) -> None:
    """Centred signature block: jabatan, room to sign, nama (underlined), pangkat, NIP; the
    room to sign shrinks with the area."""
    step = size * 1.3
    y = area.y
    jabatan_h = 2 * size * LEADING + (ASCENT + DESCENT - LEADING) * size + 1
    p.text(who.jabatan, Rect(area.x, y, area.w, jabatan_h), size, floor=floor, style="bold",
           align="center", valign="bottom", pad=1, pad_y=0.5)
    y += jabatan_h
    tail = 3 * step
    space = max(0.0, min(space, area.bottom - y - tail))
    y += space
    nama = who.nama or "( " + "." * 40 + " )"
    p.text(nama, Rect(area.x, y, area.w, step), size, floor=floor,
           style="bold" if who.nama else "regular", align="center", pad=1, pad_y=0.5,
           max_lines=1, underline=bool(who.nama))
    y += step
    p.text(who.pangkat, Rect(area.x, y, area.w, step), size, floor=floor, align="center",
           pad=1, pad_y=0.5, max_lines=1)
    y += step
    p.text(f"NIP. {who.nip}" if who.nip else "NIP. " + "." * 30,
           Rect(area.x, y, area.w, step), size, floor=floor, align="center", pad=1,
           pad_y=0.5, max_lines=1)


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
