"""The painter: y-down drawing on a reportlab canvas that records every text and QR code, and
the canvas every form is written on (paper sizes, document info, embedded fonts).

A QR code is drawn as vector squares from `jogoroto_desktop.qr.qr_matrix`: one filled
rectangle per run of dark modules, inside a white quiet zone of four modules."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from jogoroto_desktop.geometry import MM, Rect
from jogoroto_desktop.kop import Kop
from jogoroto_desktop.qr import qr_matrix
from printing.fonts import font_name
from printing.forms.fitting import MIN_SIZE, FittedText, fit_text, text_width
from printing.forms.layout import (
    FormLayout,
    PageLog,
    QrPlacement,
    Recording,
    TextPlacement,
    Transform,
)
from printing.sop_document import AUTHOR, CREATOR, draw_kop

Target = str | Path | BinaryIO
F = TypeVar("F", bound=Callable[..., Any])

#: Page sizes in points (width, height). F4 is folio; HALF_FOLIO is folio cut across (landscape);
#: CARD is the 10 x 15 cm kartu kendali, lying on its long side as in the card box.
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "A4": (210 * MM, 297 * MM),
    "F4": (215 * MM, 330 * MM),
    "HALF_FOLIO": (215 * MM, 165 * MM),
    "CARD": (150 * MM, 100 * MM),
}

QUIET_MODULES = 4
PAGE_QR = 22 * MM  # side of the code (modules only) on full pages: >= 20 mm
CARD_QR = 18 * MM  # on cards: >= 16 mm even when three copies are scaled onto A4
LINE = 0.6
VOID_TEXT = "DIBATALKAN"  # across the form of a voided record
THIN = 0.4


class FormError(ValueError):
    """A form cannot be built as asked (unknown paper, ...): an Indonesian message."""


@lru_cache(maxsize=64)
def _qr_code(payload: str) -> tuple[int, int, str]:
    """(modules per side, number of dark runs, PDF path operators of the runs) of a payload:
    one `col row length 1 re` rectangle per run of dark modules, in module units."""
    matrix = qr_matrix(payload)
    ops: list[str] = []
    for r, row in enumerate(matrix):
        c, n = 0, len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                ops.append(f"{start} {r} {c - start} 1 re")
            else:
                c += 1
    return len(matrix), len(ops), "\n".join(ops)


def qr_quiet_side(payload: str, code: float) -> float:
    """Side of the QR code with its quiet zone, for a code (modules) of side `code`."""
    n = _qr_code(payload)[0] if payload else 25
    return code * (n + 2 * QUIET_MODULES) / n


class Painter:
    """Draws in page (or form) coordinates with y down, recording every text and QR code."""

    def __init__(self, canvas: Canvas, log: FormLayout | None) -> None:
        self.canvas = canvas
        self.log = log
        self.height = 0.0  # of the page or form being drawn (for the y flip)
        self.width = 0.0
        self._void_marked = False  # the DIBATALKAN mark is on the page or form being drawn
        self.record = Recording()
        self._font: tuple[str, float] | None = None
        self._saved: tuple[float, float, bool, Recording, tuple[str, float] | None] | None = None
        #: (label, whole text) of every text that did not fit its box: the builder prints
        #: them on continuation pages (`tables.finish_with_continued`).
        self.overflow: list[tuple[str, str]] = []

    @classmethod
    def on_new_document(cls, target: Target, size: tuple[float, float], title: str,
                        subject: str, log: FormLayout | None) -> Painter:
        """A painter on a new PDF document (embedded fonts only, Indonesian, the program as
        author and creator); `save` writes it to `target`."""
        return cls(_new_canvas(target, size, title, subject), log)

    def save(self) -> None:
        self.canvas.save()

    # pages and forms ------------------------------------------------------------------------

    def start_page(self, width: float, height: float) -> None:
        self.canvas.setPageSize((width, height))
        self.height, self.width = height, width
        self._void_marked = False
        self.record = Recording()
        self._font = None
        if self.log is not None:
            self.log.pages.append(PageLog(width, height))

    def finish_page(self) -> None:
        if self.log is not None:
            page = self.log.pages[-1]
            page.texts.extend(self.record.texts)
            page.qr_codes.extend(self.record.qr_codes)
        self.canvas.showPage()
        self._font = None

    def begin_form(self, name: str, width: float, height: float) -> Recording:
        """Draw into a reusable form XObject of `width` x `height`; returns what is recorded."""
        self._saved = (self.height, self.width, self._void_marked, self.record, self._font)
        self.canvas.beginForm(name, 0, 0, width, height)
        self.height, self.width = height, width
        self._void_marked = False
        self.record = Recording(height)
        self._font = None
        return self.record

    def end_form(self) -> None:
        self.canvas.endForm()
        assert self._saved is not None
        self.height, self.width, self._void_marked, self.record, self._font = self._saved
        self._saved = None

    def place_form(self, name: str, recording: Recording, at: Transform) -> None:
        """Draw a form at `at` (its top-left on the page, and its scale)."""
        c = self.canvas
        if at.turned:  # a quarter clockwise: the form's x runs down the page
            c.saveState()
            c.transform(0, -at.scale, at.scale, 0, at.dx, self.height - at.dy)
            c.doForm(name)
            c.restoreState()
        elif at.dx or at.dy or at.scale != 1.0:
            c.saveState()
            c.translate(at.dx, self.height - at.dy)
            c.scale(at.scale, at.scale)
            c.translate(0, -recording.height)
            c.doForm(name)
            c.restoreState()
        else:
            c.doForm(name)
        if self.log is not None:
            self.record.texts.extend(at.text(t) for t in recording.texts)
            self.record.qr_codes.extend(at.qr(q) for q in recording.qr_codes)

    # primitives ----------------------------------------------------------------------------

    def rect(self, r: Rect, width: float = LINE, fill: colors.Color | None = None,
             stroke: bool = True) -> None:
        c = self.canvas
        c.setLineWidth(width)
        if fill is not None:
            c.setFillColor(fill)
        c.rect(r.x, self.height - r.bottom, r.w, r.h, stroke=1 if stroke else 0,
               fill=0 if fill is None else 1)
        if fill is not None:
            c.setFillColor(colors.black)

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float = LINE,
             dash: Sequence[float] | None = None) -> None:
        c = self.canvas
        c.setLineWidth(width)
        if dash:
            c.setDash(list(dash), 0)
        c.line(x1, self.height - y1, x2, self.height - y2)
        if dash:
            c.setDash([], 0)

    def text(self, text: str, box: Rect, size: float, *, floor: float | None = None,
             style: str = "regular", align: str = "left", valign: str = "top",
             pad: float = 2.0, pad_y: float | None = None, max_lines: int | None = None,
             underline: bool = False, label: str = "") -> FittedText:
        """Fit, draw and record a text. A text too long for its box ends with the CONTINUED
        note and is kept, under `label`, in `overflow` for the continuation page."""
        fitted = fit_text(text, box, size, floor=floor, style=style, align=align,
                          valign=valign, pad=pad, pad_y=pad_y, max_lines=max_lines,
                          continued=True)
        if fitted.continued:
            self.overflow.append((label, text))
        self.draw(fitted, underline=underline)
        return fitted

    def draw(self, fitted: FittedText, underline: bool = False) -> None:
        """Draw a fitted text and record it."""
        self.record.texts.append(TextPlacement(
            fitted.box, fitted.extent, fitted.lines, fitted.size, fitted.style,
            fitted.origins, fitted.truncated, fitted.continued))
        if not fitted.lines:
            return
        c = self.canvas
        font = (font_name(fitted.style), fitted.size)
        if font != self._font:
            c.setFont(*font)
            self._font = font
        for (x, y), line in zip(fitted.origins, fitted.lines, strict=True):
            c.drawString(x, self.height - y, line)
        if underline:
            c.setLineWidth(max(0.4, fitted.size * 0.06))
            for (x, y), w in zip(fitted.origins, fitted.widths, strict=True):
                under = y + fitted.size * 0.12
                c.line(x, self.height - under, x + w, self.height - under)

    def checkbox(self, x: float, y: float, side: float, checked: bool) -> None:
        """A square box with its top-left at (x, y); ticked with a bold check mark."""
        c = self.canvas
        c.setLineWidth(max(0.45, side * 0.07))
        c.rect(x, self.height - y - side, side, side, stroke=1, fill=0)
        if checked:
            h = self.height
            path = c.beginPath()
            path.moveTo(x + 0.18 * side, h - (y + 0.52 * side))
            path.lineTo(x + 0.42 * side, h - (y + 0.78 * side))
            path.lineTo(x + 0.86 * side, h - (y + 0.20 * side))
            c.saveState()
            c.setLineWidth(side * 0.17)
            c.setLineCap(1)
            c.setLineJoin(1)
            c.drawPath(path, stroke=1, fill=0)
            c.restoreState()

    def qr(self, payload: str, x: float, y: float, code: float) -> Rect:
        """The QR code of `payload` with its quiet zone (white), top-left at (x, y); `code` is
        the side of the modules. One filled rectangle per run of dark modules, all in one path
        (filled as a union: no hairline seams between rows)."""
        total = qr_quiet_side(payload, code)
        quiet = Rect(x, y, total, total)
        if not payload:
            return quiet
        n, _runs, ops = _qr_code(payload)
        module = code / n
        left, top = x + QUIET_MODULES * module, y + QUIET_MODULES * module
        c = self.canvas
        c.setFillColor(colors.white)
        c.rect(x, self.height - quiet.bottom, total, total, stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.saveState()
        # Module grid: x = column, y = row downwards, one unit per module.
        c.transform(module, 0, 0, -module, left, self.height - top)
        c.addLiteral(ops + "\nf")  # one path: the runs' union is filled without seams
        c.restoreState()
        self.record.qr_codes.append(QrPlacement(payload, Rect(left, top, code, code), quiet))
        return quiet

    def void_mark(self) -> None:
        """"DIBATALKAN" across the page or form being drawn, corner to corner, in red outline
        letters (hollow, no transparency needed: what the form says stays readable under it,
        also inside the cards' form XObjects). Once per page or form, however often asked."""
        if self._void_marked:
            return
        self._void_marked = True
        c = self.canvas
        diagonal = math.hypot(self.width, self.height)
        unit_width = max(text_width(VOID_TEXT, "bold", 1.0), 1e-6)
        size = diagonal * 0.7 / unit_width
        c.saveState()
        c.setStrokeColor(colors.Color(0.8, 0.1, 0.1))
        c.setLineWidth(max(0.5, size * 0.025))
        c.translate(self.width / 2, self.height / 2)
        c.rotate(math.degrees(math.atan2(self.height, self.width)))
        text = c.beginText(-unit_width * size / 2, -size * 0.35)
        text.setFont(font_name("bold"), size)
        text.setTextRenderMode(1)  # stroke only
        text.textOut(VOID_TEXT)
        c.drawText(text)
        c.restoreState()
        self._font = None

    def kop(self, kop: Kop, left: float, right: float, top: float, scale: float) -> float:
        """The kop (draw_kop of the printed SOP), scaled, but never so far that a line falls
        below MIN_SIZE; returns the y below its rule."""
        smallest = min((z for _t, _s, z in kop.lines()), default=MIN_SIZE)
        scale = max(scale, min(1.0, MIN_SIZE / smallest))
        c = self.canvas
        width = (right - left) / scale
        c.saveState()
        c.translate(left, self.height - top)
        c.scale(scale, scale)
        bottom = draw_kop(c, kop, 0.0, width, 0.0, 0.0)
        c.restoreState()
        self._font = None
        lines = kop.lines()
        widest = max((min(text_width(t, s, z), width) for t, s, z in lines), default=0.0) * scale
        text_h = sum(z * 1.25 for _t, _s, z in lines) * scale
        box = Rect(left, top, right - left, bottom * scale)
        extent = Rect((left + right - widest) / 2, top, widest, min(text_h, box.h))
        self.record.texts.append(TextPlacement(
            box, extent if lines else None, tuple(t for t, _s, _z in lines),
            max((z for _t, _s, z in lines), default=0.0) * scale, "kop", (), False))
        return top + bottom * scale


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Page and form streams compressed without the ASCII85 layer while a form is built (a
    quarter of the time of a big batch and smaller files; any PDF reader takes them)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def with_binary_streams(build: F) -> F:
    """Run a builder inside `_binary_streams`."""

    @wraps(build)
    def run(*args: Any, **kwargs: Any) -> Any:
        with _binary_streams():
            return build(*args, **kwargs)

    return cast(F, run)


def _new_canvas(target: Target, size: tuple[float, float], title: str,
                subject: str) -> Canvas:
    canvas = Canvas(
        str(target) if isinstance(target, (str, Path)) else target,
        pagesize=size,
        initialFontName=font_name("regular"),  # no base-14 Helvetica in the file
        lang="id-ID",
    )
    canvas.setTitle(title)
    canvas.setAuthor(AUTHOR)
    canvas.setSubject(subject)
    canvas.setCreator(CREATOR)
    return canvas


def paper_size(paper: str, allowed: Sequence[str]) -> tuple[float, float]:
    """(width, height) of `paper`; FormError when the form is not printed on it."""
    if paper not in allowed:
        raise FormError(f"Ukuran kertas {paper!r} tidak tersedia untuk formulir ini "
                        f"(pilih {' atau '.join(allowed)}).")
    return PAPER_SIZES[paper]
