"""Fitting a text into a box: wrapped at the box's width, shrunk step by step down to a floor
that is never below MIN_SIZE (8 pt, the smallest type the office reads on paper). A text that
still does not fit is never cut with "…": it ends with the CONTINUED note and the form prints it
whole on a continuation page (`continued`). Plain geometry; nothing is drawn here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from reportlab.pdfbase import pdfmetrics

from jogoroto_desktop.geometry import Rect
from jogoroto_desktop.textmetrics import wrap_text
from printing.fonts import font_name

ELLIPSIS = "…"
# Vertical extent of a line of Liberation Sans per unit of size (hhea ascender/descender).
ASCENT = 0.905
DESCENT = 0.212
LEADING = 1.18
#: The smallest type size on any printed form.
MIN_SIZE = 8.0
#: The last line of a box whose text goes on in full on a continuation page.
CONTINUED = "(lihat halaman lanjutan)"
@dataclass(frozen=True)
class FittedText:
    """Where the lines of a text go inside its box (points, y down from the box's page top)."""

    box: Rect
    lines: tuple[str, ...]
    size: float
    style: str
    origins: tuple[tuple[float, float], ...]  # (left x, baseline y) of each line
    widths: tuple[float, ...]
    truncated: bool
    continued: bool = False  # ends with CONTINUED; the whole text goes on a continuation page

    @property
    def extent(self) -> Rect | None:
        """The union of the drawn lines' boxes (advance width x ascender..descender)."""
        if not self.lines:
            return None
        left = min(x for x, _y in self.origins)
        right = max(x + w for (x, _y), w in zip(self.origins, self.widths, strict=True))
        top = self.origins[0][1] - ASCENT * self.size
        bottom = self.origins[-1][1] + DESCENT * self.size
        return Rect(left, top, right - left, bottom - top)


@cache
def _charset(style: str) -> frozenset[int]:
    face = pdfmetrics.getFont(font_name(style)).face
    return frozenset(face.charToGlyph)


def clean_text(text: str, style: str = "regular") -> str:
    """Printable text: line breaks normalised, control characters as spaces, characters the
    font lacks as "?" (never an empty box)."""
    chars = _charset(style)
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        code = ord(ch)
        if ch == "\n":
            out.append(ch)
        elif code < 32 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(" ")
        elif code in chars:
            out.append(ch)
        elif ch.isspace():
            out.append(" ")
        else:
            out.append("?")
    return "".join(out)


def text_width(text: str, style: str, size: float) -> float:
    """Advance width in points of `text` in the embedded face `style` at `size`."""
    return pdfmetrics.stringWidth(text, font_name(style), size)


def wrap_lines(text: str, width: float, size: float, style: str) -> list[str]:
    """wrap_text at `width`, checked against the embedded font's real widths (the layout metrics
    cover the common characters only): narrowed until every line fits."""
    target = width
    lines: list[str] = []
    for _attempt in range(6):
        lines = wrap_text(text, target, size, style)
        widest = max((text_width(line, style, size) for line in lines), default=0.0)
        if widest <= width + 1e-6:
            return lines
        target = max(1.0, target * width / widest - 0.05)
    # Last resort (never needed with the shipped fonts): cut each line by characters.
    fixed: list[str] = []
    for line in lines:
        while line and text_width(line, style, size) > width:
            line = line[:-1]
        if line:
            fixed.append(line)
    return fixed


def _capacity(height: float, size: float, leading: float) -> int:
    """How many lines of `size` fit in `height`."""
    room = height / size - (ASCENT + DESCENT)
    return 0 if room < -1e-9 else int(room / leading + 1e-9) + 1


def _with_ellipsis(line: str, width: float, size: float, style: str) -> str:
    line = line.rstrip()
    while line and text_width(line + ELLIPSIS, style, size) > width:
        line = line[:-1].rstrip()
    return line + ELLIPSIS if text_width(line + ELLIPSIS, style, size) <= width else ""


def _aligned_start(start: float, room: float, used: float, how: str) -> float:
    """Where `used` begins inside `start`..`start + room`: at the start ("left"/"top"), centred
    ("center"/"middle") or against the end ("right"/"bottom")."""
    if how in ("center", "middle"):
        return start + (room - used) / 2
    if how in ("right", "bottom"):
        return start + room - used
    return start


def fit_text(text: str, box: Rect, size: float, *, floor: float | None = None,
             style: str = "regular", align: str = "left", valign: str = "top",
             pad: float = 2.0, pad_y: float | None = None, leading: float = LEADING,
             max_lines: int | None = None, continued: bool = False) -> FittedText:
    """Fit `text` inside `box` less its padding: wrap at the width, shrink by 0.5 pt down to
    `floor` (never below MIN_SIZE; a smaller `size` is raised to it). What still does not fit
    is, with `continued`, the lines that fit and the CONTINUED note (`continued` is then True);
    without it, the last line is cut with "…" (`truncated`). Nothing lies outside the box."""
    pad_y = pad if pad_y is None else pad_y
    inner = Rect(box.x + pad, box.y + pad_y, box.w - 2 * pad, box.h - 2 * pad_y)
    cleaned = clean_text(text, style)
    size = max(size, MIN_SIZE)
    empty = FittedText(box, (), size, style, (), (), bool(cleaned.strip()) and not continued,
                       bool(cleaned.strip()) and continued)
    if not cleaned.strip():
        return replace(empty, truncated=False)
    if inner.w <= 1 or inner.h <= 0:
        return empty
    lowest = max(MIN_SIZE, min(size, floor if floor is not None else size))
    current = size
    truncated = going_on = False
    while True:
        lines = wrap_lines(cleaned, inner.w, current, style)
        room = _capacity(inner.h, current, leading)
        if max_lines is not None:
            room = min(room, max_lines)
        if len(lines) <= room:
            break
        if current <= lowest + 1e-9:
            if continued:
                going_on = True
                note = wrap_lines(CONTINUED, inner.w, current, style)
                lines = lines[:max(0, room - len(note))] + note if room >= len(note) else []
                break
            truncated = True
            if room <= 0:
                return empty
            lines = lines[:room]
            lines[-1] = _with_ellipsis(lines[-1], inner.w, current, style)
            if not lines[-1]:
                lines.pop()
            break
        current = max(lowest, current - 0.5)
    if not lines:
        return empty
    step = current * leading
    block = (len(lines) - 1) * step + (ASCENT + DESCENT) * current
    top = _aligned_start(inner.y, inner.h, block, valign)
    widths = tuple(text_width(line, style, current) for line in lines)
    origins = tuple((_aligned_start(inner.x, inner.w, width, align),
                     top + ASCENT * current + index * step)
                    for index, width in enumerate(widths))
    return FittedText(box, tuple(lines), current, style, origins, widths, truncated, going_on)


def text_height(text: str, width: float, size: float, style: str = "regular",
                leading: float = LEADING) -> float:
    """Height of `text` wrapped at `width` (no padding) at `size`: what a box must give it."""
    lines = wrap_lines(clean_text(text, style), width, max(size, MIN_SIZE), style)
    count = max(1, len(lines))
    size = max(size, MIN_SIZE)
    return (count - 1) * size * leading + (ASCENT + DESCENT) * size
