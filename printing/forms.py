"""The office's printed forms: Lembar Disposisi, Kartu Kendali, Surat Pengantar, Tanda Terima.

Every form is built from plain data (the frozen dataclasses below; no database, no Qt) onto a
reportlab canvas with the embedded Liberation Sans faces. Each form has the kop (drawn by
`printing.sop_document.draw_kop`, scaled on half folio; a card carries a compact two-line kop
from the same `Kop`), Indonesian dates, and the record's signed QR code drawn as
vector squares from `jogoroto_desktop.qr.qr_matrix` (one filled rectangle per run of dark
modules, inside a white quiet zone of four modules) with the record number printed beside it.

Every text goes through `fit_text`: it is wrapped at its box's width, shrunk step by step down to
a floor, and only then cut with "…" (the result says so). Pass a `FormLayout` to a builder to get,
per page, every text's box and drawn extent (page coordinates in points, origin top-left, y
down), every QR code's rectangle, and the texts that had to be cut.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, wraps
from pathlib import Path
from typing import Any, BinaryIO, TypeVar, cast

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.flowchart import MM, Rect
from jogoroto_desktop.qr import qr_matrix
from jogoroto_desktop.textmetrics import wrap_text
from printing.fonts import font_name
from printing.sop_document import AUTHOR, CREATOR, Kop, draw_kop

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

SIFAT_PILIHAN = ("Sangat Segera", "Segera", "Rahasia", "Biasa")
ELLIPSIS = "…"
# Vertical extent of a line of Liberation Sans per unit of size (hhea ascender/descender).
ASCENT = 0.905
DESCENT = 0.212
LEADING = 1.18
QUIET_MODULES = 4
PAGE_QR = 22 * MM  # side of the code (modules only) on full pages: >= 20 mm
CARD_QR = 18 * MM  # on cards: >= 16 mm even when three copies are scaled onto A4
LINE = 0.6
THIN = 0.4
DOTS = "." * 36
CARD_COPIES: tuple[tuple[str, colors.Color], ...] = (
    ("Lembar 1 (putih)", colors.white),
    ("Lembar 2 (kuning)", colors.Color(1.0, 0.90, 0.35)),
    ("Lembar 3 (merah muda)", colors.Color(1.0, 0.72, 0.80)),
)


class FormError(ValueError):
    """A form cannot be built as asked (unknown paper, ...): an Indonesian message."""


class PencetakanDibatalkan(Exception):  # noqa: N818 - the office's word for it
    """The user cancelled a batch; nothing was written to the target."""


# --------------------------------------------------------------------------------------------
# Plain data


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


@dataclass(frozen=True)
class RiwayatDisposisi:
    """One row of the disposisi history table."""

    dari: str
    kepada: str
    isi: str
    tanggal: dt.date | None = None
    paraf: str = ""
    tanggal_selesai: dt.date | None = None


@dataclass(frozen=True)
class LembarDisposisiData:
    """What a Lembar Disposisi prints (dates as dates; the builder writes them out)."""

    surat_dari: str
    nomor_surat: str
    tanggal_surat: dt.date | None
    diterima_tanggal: dt.date | None
    nomor_agenda: str  # as printed, e.g. "12/2026"
    sifat: str  # one of SIFAT_PILIHAN (any case), or "" when none is chosen
    perihal: str
    tujuan: tuple[Centang, ...]  # "Diteruskan kepada Sdr.:"
    instruksi: tuple[Centang, ...]  # "Dengan hormat harap:"
    catatan: str
    penandatangan: Penandatangan
    riwayat: tuple[RiwayatDisposisi, ...] = ()
    qr_payload: str = ""
    kop: Kop = field(default_factory=Kop)


@dataclass(frozen=True)
class KartuKendaliData:
    """What a Kartu Kendali prints; the same on all three copies."""

    indeks: str
    kode: str  # kode klasifikasi
    nomor_urut: str  # as printed, e.g. "12/2026"
    masuk_keluar: str  # "M" (surat masuk) or "K" (surat keluar)
    tanggal: dt.date | None
    isi_ringkas: str
    lampiran: str
    dari: str
    kepada: str
    tanggal_surat: dt.date | None
    nomor_surat: str
    pengolah: str
    paraf: str = ""
    catatan: str = ""
    qr_payload: str = ""
    kop: Kop = field(default_factory=Kop)


@dataclass(frozen=True)
class ItemPengantar:
    """One row of a surat pengantar: what is sent, how many, and a remark."""

    jenis: str
    banyaknya: str = ""
    keterangan: str = ""


@dataclass(frozen=True)
class SuratPengantarData:
    """What a Surat Pengantar prints; items become the numbered table."""

    nomor: str
    tanggal: dt.date | None
    kepada: str  # after "Yth.", may span lines
    items: tuple[ItemPengantar, ...]
    pengirim: Penandatangan
    di: str = ""  # "di -" place line of the address, empty to leave it out
    tempat: str = ""  # the place before the date; the kop's tempat when empty
    qr_payload: str = ""
    kop: Kop = field(default_factory=Kop)


@dataclass(frozen=True)
class TandaTerimaData:
    """What the tanda terima of a citizen's application prints."""

    nomor_register: str  # as printed, e.g. "TT-12/2026"
    layanan: str
    pemohon_nama: str
    pemohon_nik: str
    pemohon_alamat: str
    tanggal: dt.date | None
    persyaratan: tuple[Centang, ...]
    perkiraan_selesai: dt.date | None
    petugas: str
    qr_payload: str = ""
    kop: Kop = field(default_factory=Kop)
    nomor_tanda_terima: str = ""  # the number in the QR code, e.g. "TT-27/2026"; "" = none


def centang(labels: Iterable[str], checked: Iterable[str]) -> tuple[Centang, ...]:
    """Checklist items in the order of `labels`, ticked when in `checked` (case-insensitive);
    ticked labels missing from `labels` are appended, ticked."""
    chosen = {c.strip().casefold(): c.strip() for c in checked if c and c.strip()}
    items = [Centang(label, label.strip().casefold() in chosen) for label in labels]
    known = {label.strip().casefold() for label in labels}
    items += [Centang(text, True) for key, text in chosen.items() if key not in known]
    return tuple(items)


# --------------------------------------------------------------------------------------------
# Fitting text into a box


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


def _width(text: str, style: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font_name(style), size)


def _wrap(text: str, width: float, size: float, style: str) -> list[str]:
    """wrap_text at `width`, checked against the embedded font's real widths (the layout metrics
    cover the common characters only): narrowed until every line fits."""
    target = width
    lines: list[str] = []
    for _attempt in range(6):
        lines = wrap_text(text, target, size, style)
        widest = max((_width(line, style, size) for line in lines), default=0.0)
        if widest <= width + 1e-6:
            return lines
        target = max(1.0, target * width / widest - 0.05)
    # Last resort (never needed with the shipped fonts): cut each line by characters.
    fixed: list[str] = []
    for line in lines:
        while line and _width(line, style, size) > width:
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
    while line and _width(line + ELLIPSIS, style, size) > width:
        line = line[:-1].rstrip()
    return line + ELLIPSIS if _width(line + ELLIPSIS, style, size) <= width else ""


def fit_text(text: str, box: Rect, size: float, *, floor: float | None = None,
             style: str = "regular", align: str = "left", valign: str = "top",
             pad: float = 2.0, pad_y: float | None = None, leading: float = LEADING,
             max_lines: int | None = None) -> FittedText:
    """Fit `text` inside `box` less its padding: wrap at the width, shrink by 0.5 pt (0.25 pt
    below 7 pt) down to `floor`, then cut the last line with "…" (`truncated` is then True).
    Nothing of the result lies outside the box."""
    pad_y = pad if pad_y is None else pad_y
    inner = Rect(box.x + pad, box.y + pad_y, box.w - 2 * pad, box.h - 2 * pad_y)
    cleaned = clean_text(text, style)
    empty = FittedText(box, (), size, style, (), (), bool(cleaned.strip()))
    if not cleaned.strip():
        return replace(empty, truncated=False)
    if inner.w <= 1 or inner.h <= 0:
        return empty
    lowest = min(size, floor if floor is not None else size)
    current = size
    truncated = False
    while True:
        lines = _wrap(cleaned, inner.w, current, style)
        room = _capacity(inner.h, current, leading)
        if max_lines is not None:
            room = min(room, max_lines)
        if len(lines) <= room:
            break
        if current <= lowest + 1e-9:
            truncated = True
            if room <= 0:
                return empty
            lines = lines[:room]
            lines[-1] = _with_ellipsis(lines[-1], inner.w, current, style)
            if not lines[-1]:
                lines.pop()
            break
        current = max(lowest, current - (0.5 if current > 7 else 0.25))
    if not lines:
        return empty
    step = current * leading
    block = (len(lines) - 1) * step + (ASCENT + DESCENT) * current
    if valign == "middle":
        top = inner.y + (inner.h - block) / 2
    elif valign == "bottom":
        top = inner.bottom - block
    else:
        top = inner.y
    widths = tuple(_width(line, style, current) for line in lines)
    origins = []
    for index, width in enumerate(widths):
        if align == "center":
            x = inner.x + (inner.w - width) / 2
        elif align == "right":
            x = inner.right - width
        else:
            x = inner.x
        origins.append((x, top + ASCENT * current + index * step))
    return FittedText(box, tuple(lines), current, style, tuple(origins), widths, truncated)


# --------------------------------------------------------------------------------------------
# What was drawn where (for tests and for warnings)


@dataclass(frozen=True)
class TextPlacement:
    """One fitted text on a page: its box and what was drawn (page points, y down)."""

    box: Rect
    extent: Rect | None
    lines: tuple[str, ...]
    size: float
    style: str
    origins: tuple[tuple[float, float], ...]
    truncated: bool


@dataclass(frozen=True)
class QrPlacement:
    """One QR code on a page (page points, y down)."""

    payload: str
    code: Rect  # the modules
    quiet: Rect  # with the quiet zone


@dataclass
class PageLog:
    """Everything fitted on one page: its texts and QR codes."""

    width: float
    height: float
    texts: list[TextPlacement] = field(default_factory=list)
    qr_codes: list[QrPlacement] = field(default_factory=list)


@dataclass
class FormLayout:
    """Filled by a builder: one PageLog per page written."""

    pages: list[PageLog] = field(default_factory=list)

    @property
    def truncated(self) -> list[TextPlacement]:
        """The texts cut with "…" because they did not fit even at the smallest size."""
        return [t for page in self.pages for t in page.texts if t.truncated]


@dataclass(frozen=True)
class _Transform:
    """Local (form) coordinates to page coordinates, both y down."""

    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0

    def rect(self, r: Rect) -> Rect:
        s = self.scale
        return Rect(self.dx + s * r.x, self.dy + s * r.y, s * r.w, s * r.h)

    def text(self, t: TextPlacement) -> TextPlacement:
        s = self.scale
        return replace(
            t, box=self.rect(t.box), extent=None if t.extent is None else self.rect(t.extent),
            size=t.size * s,
            origins=tuple((self.dx + s * x, self.dy + s * y) for x, y in t.origins),
        )

    def qr(self, q: QrPlacement) -> QrPlacement:
        return replace(q, code=self.rect(q.code), quiet=self.rect(q.quiet))


@dataclass
class _Recording:
    """What a form XObject draws (its own coordinates), replayed into each page it is on."""

    height: float = 0.0
    texts: list[TextPlacement] = field(default_factory=list)
    qr_codes: list[QrPlacement] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# The painter: y-down drawing on a reportlab canvas, logging every text


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


class _Painter:
    """Draws in page (or form) coordinates with y down, recording every text and QR code."""

    def __init__(self, canvas: Canvas, log: FormLayout | None) -> None:
        self.canvas = canvas
        self.log = log
        self.height = 0.0  # of the page or form being drawn (for the y flip)
        self.record = _Recording()
        self._font: tuple[str, float] | None = None
        self._saved: tuple[float, _Recording, tuple[str, float] | None] | None = None

    # pages and forms ------------------------------------------------------------------------

    def start_page(self, width: float, height: float) -> None:
        self.canvas.setPageSize((width, height))
        self.height = height
        self.record = _Recording()
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

    def begin_form(self, name: str, width: float, height: float) -> _Recording:
        """Draw into a reusable form XObject of `width` x `height`; returns what is recorded."""
        self._saved = (self.height, self.record, self._font)
        self.canvas.beginForm(name, 0, 0, width, height)
        self.height = height
        self.record = _Recording(height)
        self._font = None
        return self.record

    def end_form(self) -> None:
        self.canvas.endForm()
        assert self._saved is not None
        self.height, self.record, self._font = self._saved
        self._saved = None

    def place_form(self, name: str, recording: _Recording, at: _Transform) -> None:
        """Draw a form at `at` (its top-left on the page, and its scale)."""
        c = self.canvas
        if at.dx or at.dy or at.scale != 1.0:
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
             underline: bool = False, mark_truncated: bool = False) -> FittedText:
        """Fit, draw and record a text; `mark_truncated` records it as cut even if it fits
        (a list that was shortened)."""
        fitted = fit_text(text, box, size, floor=floor, style=style, align=align,
                          valign=valign, pad=pad, pad_y=pad_y, max_lines=max_lines)
        if mark_truncated:
            fitted = replace(fitted, truncated=True)
        self.draw(fitted, underline=underline)
        return fitted

    def draw(self, fitted: FittedText, underline: bool = False) -> None:
        """Draw a fitted text and record it."""
        self.record.texts.append(TextPlacement(
            fitted.box, fitted.extent, fitted.lines, fitted.size, fitted.style,
            fitted.origins, fitted.truncated))
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

    def kop(self, kop: Kop, left: float, right: float, top: float, scale: float) -> float:
        """The kop (draw_kop of the printed SOP), scaled; returns the y below its rule."""
        c = self.canvas
        width = (right - left) / scale
        c.saveState()
        c.translate(left, self.height - top)
        c.scale(scale, scale)
        bottom = draw_kop(c, kop, 0.0, width, 0.0, 0.0)
        c.restoreState()
        self._font = None
        lines = kop.lines()
        widest = max((min(_width(t, s, z), width) for t, s, z in lines), default=0.0) * scale
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


def _binary(build: F) -> F:
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


def _paper(paper: str, allowed: Sequence[str]) -> tuple[float, float]:
    if paper not in allowed:
        raise FormError(f"Ukuran kertas {paper!r} tidak tersedia untuk formulir ini "
                        f"(pilih {' atau '.join(allowed)}).")
    return PAPER_SIZES[paper]


def _tanggal(day: dt.date | None, with_weekday: bool = False) -> str:
    return format_tanggal(day, with_weekday=with_weekday, empty="")


# --------------------------------------------------------------------------------------------
# Shared pieces of the full-page forms


@dataclass(frozen=True)
class _Spec:
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


def _spec(paper: str, allowed: Sequence[str]) -> _Spec:
    width, height = _paper(paper, allowed)
    if paper == "HALF_FOLIO":
        return _Spec(width, height, 12 * MM, 10 * MM, 7 * MM, 8 * MM, 0.66, 8.5, 5.5, 11.0)
    return _Spec(width, height, 20 * MM, 15 * MM, 12 * MM, 12 * MM, 1.0, 10.0, 6.0, 13.0)


def _label_value(p: _Painter, label: str, value: str, cell: Rect, label_w: float,
                 size: float, floor: float, *, value_style: str = "regular",
                 valign: str = "middle", pad: float = 3.0, pad_y: float | None = None) -> None:
    """"Label : value" inside a cell: the label (and its colon) in a fixed column."""
    colon_w = _width(" : ", "regular", size)
    pad_y = pad if pad_y is None else pad_y
    p.text(label, Rect(cell.x, cell.y, label_w, cell.h), size, floor=floor, valign=valign,
           pad=pad, pad_y=pad_y, max_lines=1)
    p.text(":", Rect(cell.x + label_w, cell.y, colon_w, cell.h), size, valign=valign, pad=0,
           pad_y=pad_y)
    p.text(value, Rect(cell.x + label_w + colon_w, cell.y,
                       cell.w - label_w - colon_w, cell.h),
           size, floor=floor, style=value_style, valign=valign, pad=pad, pad_y=pad_y)


def _checklist(p: _Painter, items: Sequence[Centang], area: Rect, size: float, floor: float,
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
            need.append(side + gap + max(_width(t, "bold", size) for t in labels) + 6)
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
            if spare_h >= extra and len(_wrap(label, text_w - 2, size, style)) > 1:
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


def _signature(p: _Painter, who: Penandatangan, area: Rect, size: float, floor: float,
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


def _qr_with_label(p: _Painter, payload: str, label: str, cell: Rect, code: float,
                   size: float, floor: float, *, label_side: str = "left") -> None:
    """The QR code against one side of `cell`, vertically centred, its number beside it."""
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


def _footer(p: _Painter, spec: _Spec, index: int, total: int) -> None:
    if total > 1:
        box = Rect(spec.left, spec.height - spec.bottom + 1,
                   spec.width - spec.left - spec.right, spec.bottom * 0.6)
        p.text(f"Halaman {index} dari {total}", box, 7.0, align="right", pad=0, pad_y=0.5)


def _table_header(p: _Painter, titles: Sequence[str], xs: Sequence[float], y: float,
                  h: float, size: float, floor: float) -> None:
    fill = colors.Color(0.88, 0.88, 0.88)
    p.rect(Rect(xs[0], y, xs[-1] - xs[0], h), fill=fill, stroke=False)
    for i, title in enumerate(titles):
        p.text(title, Rect(xs[i], y, xs[i + 1] - xs[i], h), size, floor=floor, style="bold",
               align="center", valign="middle", pad=2)


def _grid(p: _Painter, xs: Sequence[float], ys: Sequence[float], width: float = LINE) -> None:
    """Lines of a full table: columns at `xs`, rows at `ys`."""
    for x in xs:
        p.line(x, ys[0], x, ys[-1], width)
    for y in ys:
        p.line(xs[0], y, xs[-1], y, width)


# --------------------------------------------------------------------------------------------
# Lembar Disposisi


HISTORY_TITLES = ("Dari", "Diteruskan kepada", "Isi disposisi", "Tanggal dan paraf",
                  "Tgl. penyelesaian")
HISTORY_SHARES = (0.17, 0.21, 0.34, 0.14, 0.14)


def _history_geometry(spec: _Spec) -> tuple[float, float]:
    """(header height, row height) of the history table."""
    return spec.base * 2.7, spec.base * 2.4


def _wide(spec: _Spec) -> bool:
    """Half folio (landscape): the QR cell sits in the particulars grid and the checklists,
    catatan and signature stand side by side; on A4 the QR code sits in the catatan cell."""
    return spec.width > spec.height


def _disposisi_top(p: _Painter, data: LembarDisposisiData, spec: _Spec) -> float:
    """Kop, title, the letter's particulars (with the QR cell on half folio) and perihal;
    returns the y below."""
    box = spec.content
    L, R, W = box.x, box.right, box.w
    base, floor = spec.base, spec.floor
    y = p.kop(data.kop, L, R, box.y, spec.kop_scale) + base * 0.5
    title_h = spec.title * 1.6
    p.text("LEMBAR DISPOSISI", Rect(L, y, W, title_h), spec.title, style="bold",
           align="center", valign="middle", pad=0)
    y += title_h

    total = qr_quiet_side(data.qr_payload, spec.code)
    q_w = total + base * 6.6 + 2 if _wide(spec) else 0.0
    row_h = base * 2.6
    info_h = 3 * row_h
    peri_h = max(base * 3.8, total + 4 - info_h if q_w else 0.0)
    grid_h = info_h + peri_h
    q_x = R - q_w
    left_w = (q_x - L) * 0.5
    mid_x = L + left_w
    right_w = q_x - mid_x
    left_label = max(_width(t, "regular", base) for t in ("Surat dari", "No. Surat",
                                                         "Tgl. Surat")) + 6
    right_label = max(_width(t, "regular", base) for t in ("Diterima Tgl.", "No. Agenda",
                                                          "Sifat")) + 6
    rows_left = (("Surat dari", data.surat_dari), ("No. Surat", data.nomor_surat),
                 ("Tgl. Surat", _tanggal(data.tanggal_surat)))
    for i, (label, value) in enumerate(rows_left):
        _label_value(p, label, value, Rect(L, y + i * row_h, left_w, row_h), left_label,
                     base, floor, pad_y=1.5)
    _label_value(p, "Diterima Tgl.", _tanggal(data.diterima_tanggal),
                 Rect(mid_x, y, right_w, row_h), right_label, base, floor, pad_y=1.5)
    _label_value(p, "No. Agenda", data.nomor_agenda, Rect(mid_x, y + row_h, right_w, row_h),
                 right_label, base, floor, value_style="bold", pad_y=1.5)
    sifat_y = y + 2 * row_h
    colon = _width(" : ", "regular", base)
    p.text("Sifat", Rect(mid_x, sifat_y, right_label, row_h), base, floor=floor,
           valign="middle", pad=3)
    p.text(":", Rect(mid_x + right_label, sifat_y, colon, row_h), base, valign="middle",
           pad=0, pad_y=3)
    chosen = data.sifat.strip().casefold()
    sifat = [Centang(s, s.casefold() == chosen) for s in SIFAT_PILIHAN]
    _checklist(p, [sifat[0], sifat[2], sifat[1], sifat[3]],
               Rect(mid_x + right_label + colon, sifat_y + 1,
                    right_w - right_label - colon - 2, row_h - 2),
               base * 0.95, floor, columns=2, row_h=(row_h - 2) / 2, natural=True)
    peri_y = y + info_h
    _label_value(p, "Perihal", data.perihal, Rect(L, peri_y, q_x - L, peri_h), left_label,
                 base, floor, value_style="bold", valign="top", pad=3)
    if q_w:
        _qr_with_label(p, data.qr_payload, f"No. Agenda\n{data.nomor_agenda}",
                       Rect(q_x, y, q_w, grid_h), spec.code, base, floor)
        p.line(q_x, y, q_x, y + grid_h)
    p.rect(Rect(L, y, W, grid_h))
    p.line(mid_x, y, mid_x, peri_y, THIN)
    for i in (1, 2):
        p.line(L, y + i * row_h, q_x, y + i * row_h, THIN)
    p.line(L, peri_y, q_x, peri_y, THIN)
    return y + grid_h


def _disposisi_heights(data: LembarDisposisiData, spec: _Spec, y: float,
                       history_min: float) -> tuple[float, float]:
    """(checklists height, catatan/signature height below them; 0 on half folio)."""
    box = spec.content
    base = spec.base
    room = box.bottom - y - history_min
    lists = max(len(data.tujuan), len(data.instruksi), 4)
    head_h = base * 1.7
    rows = lists * base * 1.55 + 2 * base * 1.2  # room for two labels on two lines
    if _wide(spec):
        wanted = max(head_h + rows + 4, base * 16)
        return max(min(wanted, room), min(base * 16, box.bottom - y - head_h)), 0.0
    lower = max(qr_quiet_side(data.qr_payload, spec.code) + head_h + base * 3.5, base * 13)
    lists_h = max(min(head_h + rows + 4, room - lower), head_h + base * 4)
    return lists_h, lower


def _disposisi_middle(p: _Painter, data: LembarDisposisiData, spec: _Spec, y: float,
                      lists_h: float, lower_h: float) -> float:
    """The two checklists, catatan (with the QR code on A4) and the signature block; returns
    the y below."""
    box = spec.content
    L, W = box.x, box.w
    base, floor = spec.base, spec.floor
    head_h = base * 1.7
    wide = _wide(spec)
    widths = (W * 0.34, W * 0.30) if wide else (W * 0.5, W * 0.5)
    height = lists_h + lower_h
    p.rect(Rect(L, y, W, height))
    x_instr = L + widths[0]
    for x, w, title, items in ((L, widths[0], "Diteruskan kepada Sdr.:", data.tujuan),
                               (x_instr, widths[1], "Dengan hormat harap:", data.instruksi)):
        p.text(title, Rect(x, y, w, head_h), base, floor=floor, style="bold",
               valign="middle", pad=3)
        _checklist(p, items, Rect(x + 3, y + head_h, w - 6, lists_h - head_h - 2), base,
                   floor, max_columns=2 if wide else 3)
    p.line(x_instr, y, x_instr, y + lists_h, THIN)
    if wide:
        cx = x_instr + widths[1]
        cw = W - widths[0] - widths[1]
        p.line(cx, y, cx, y + height, THIN)
        cat = Rect(cx, y, cw, height * 0.36)
        note = Rect(cat.x, cat.y + head_h, cat.w, cat.h - head_h)
        sign = Rect(cx + 4, cat.bottom + 2, cw - 8, y + height - cat.bottom - 4)
        space = base * 3.2
    else:
        top = y + lists_h
        p.line(L, top, L + W, top, THIN)
        cw = W * 0.55
        p.line(L + cw, top, L + cw, y + height, THIN)
        cat = Rect(L, top, cw, lower_h)
        total = qr_quiet_side(data.qr_payload, spec.code)
        note = Rect(cat.x, cat.y + head_h, cat.w, cat.h - head_h - total - 2)
        _qr_with_label(p, data.qr_payload, f"No. Agenda {data.nomor_agenda}",
                       Rect(cat.x + 2, cat.bottom - total - 1, cat.w - 4, total), spec.code,
                       base, floor, label_side="right")
        sign = Rect(L + cw + 4, top + base * 0.6, W - cw - 8, lower_h - base * 0.8)
        space = base * 4.2
    p.text("Catatan:", Rect(cat.x, cat.y, cat.w, head_h), base, floor=floor, style="bold",
           valign="middle", pad=3)
    p.text(data.catatan, note, base, floor=floor, pad=3)
    _signature(p, data.penandatangan, sign, base, floor, space)
    return y + height


def _history_table(p: _Painter, rows: Sequence[RiwayatDisposisi], spec: _Spec, y: float,
                   bottom: float) -> None:
    """The history table from `y`, filled with `rows` then blank rows down to `bottom`."""
    box = spec.content
    head_h, row_h = _history_geometry(spec)
    base, floor = spec.base, spec.floor
    xs = [box.x]
    for share in HISTORY_SHARES:
        xs.append(xs[-1] + box.w * share)
    xs[-1] = box.right
    count = max(len(rows), int((bottom - y - head_h) / row_h + 1e-9))
    _table_header(p, HISTORY_TITLES, xs, y, head_h, base * 0.95, floor)
    size = base * 0.95
    for i, row in enumerate(rows):
        top = y + head_h + i * row_h
        tanggal = " ".join(t for t in (_tanggal(row.tanggal), row.paraf) if t)
        values = (row.dari, row.kepada, row.isi, tanggal, _tanggal(row.tanggal_selesai))
        for c, value in enumerate(values):
            p.text(value, Rect(xs[c], top, xs[c + 1] - xs[c], row_h), size, floor=floor,
                   pad=2.5, pad_y=1.5)
    ys = [y, y + head_h] + [y + head_h + (i + 1) * row_h for i in range(count)]
    _grid(p, xs, ys, THIN)
    p.rect(Rect(xs[0], y, xs[-1] - xs[0], ys[-1] - y))


@_binary
def build_lembar_disposisi(data: LembarDisposisiData, target: Target,
                           paper: str = "HALF_FOLIO", *,
                           layout: FormLayout | None = None) -> int:
    """Write the Lembar Disposisi (HALF_FOLIO 215 x 165 mm landscape, or A4 portrait); return
    the page count. History rows beyond the first page go on continuation pages."""
    spec = _spec(paper, ("HALF_FOLIO", "A4"))
    box = spec.content
    head_h, row_h = _history_geometry(spec)
    base = spec.base
    # Fixed part of page 1: everything above the history table is laid out from the top.
    canvas = _new_canvas(target, (spec.width, spec.height),
                         f"Lembar Disposisi {data.nomor_agenda}", data.perihal[:200])
    p = _Painter(canvas, layout)
    p.start_page(spec.width, spec.height)
    y = _disposisi_top(p, data, spec) + base * 0.6
    lists_h, lower_h = _disposisi_heights(data, spec, y, head_h + 3 * row_h + base * 0.6)
    y = _disposisi_middle(p, data, spec, y, lists_h, lower_h)
    hist_y = y + base * 0.6
    first_cap = max(0, int((box.bottom - hist_y - head_h) / row_h + 1e-9))
    cont_top = box.y + qr_quiet_side(data.qr_payload, spec.code) + base
    cont_cap = max(1, int((box.bottom - cont_top - head_h) / row_h + 1e-9))
    rest = list(data.riwayat[first_cap:])
    pages = 1 + math.ceil(len(rest) / cont_cap)
    _history_table(p, data.riwayat[:first_cap], spec, hist_y, box.bottom)
    _footer(p, spec, 1, pages)
    p.finish_page()
    for index in range(2, pages + 1):
        p.start_page(spec.width, spec.height)
        chunk, rest = rest[:cont_cap], rest[cont_cap:]
        _continuation_head(p, spec, "LEMBAR DISPOSISI (lanjutan riwayat)",
                           f"No. Agenda {data.nomor_agenda}\nPerihal: {data.perihal}",
                           data.qr_payload, f"No. Agenda\n{data.nomor_agenda}")
        _history_table(p, chunk, spec, cont_top, box.bottom)
        _footer(p, spec, index, pages)
        p.finish_page()
    canvas.save()
    return pages


# --------------------------------------------------------------------------------------------
# Kartu Kendali


CARD_W, CARD_H = PAPER_SIZES["CARD"]
_C = MM  # card geometry is written in millimetres
CARD_BASE = 8.0
CARD_LABEL = 5.8
CARD_FLOOR = 4.5


def _card_cells() -> dict[str, Rect]:
    """The cells of the card (local points, y down), by field."""
    x0, x1 = 4 * _C, 146 * _C

    def row(y: float, h: float, parts: Sequence[tuple[str, float]]) -> dict[str, Rect]:
        cells, x = {}, x0
        for name, w in parts:
            cells[name] = Rect(x, y * _C, w * _C, h * _C)
            x += w * _C
        return cells

    cells: dict[str, Rect] = {
        "header_kop": Rect(x0, 4 * _C, 52 * _C, 8 * _C),
        "header_title": Rect(56 * _C, 4 * _C, 46 * _C, 8 * _C),
        "band": Rect(104 * _C, 5.2 * _C, 42 * _C, 5.6 * _C),
    }
    cells |= row(12.5, 10, (("indeks", 34), ("kode", 22), ("tanggal", 30),
                            ("nomor_urut", 30), ("mk", 26)))
    cells |= row(22.5, 24, (("isi_ringkas", 100),))
    cells["qr"] = Rect(104 * _C, 22.5 * _C, 42 * _C, 32 * _C)
    cells |= row(46.5, 8, (("lampiran", 100),))
    cells |= row(54.5, 10, (("dari", 71), ("kepada", 71)))
    cells |= row(64.5, 10, (("tanggal_surat", 30), ("nomor_surat", 50), ("pengolah", 38),
                            ("paraf", 24)))
    cells |= row(74.5, 21.5, (("catatan", 142),))
    assert cells["paraf"].right <= x1 + 1e-6
    return cells


CARD_CELLS = _card_cells()
CARD_LABELS = {
    "indeks": "Indeks", "kode": "Kode", "tanggal": "Tanggal", "nomor_urut": "No. Urut",
    "mk": "M/K", "isi_ringkas": "Isi Ringkas", "dari": "Dari", "kepada": "Kepada",
    "tanggal_surat": "Tgl. Surat", "nomor_surat": "No. Surat", "pengolah": "Pengolah",
    "paraf": "Paraf", "catatan": "Catatan",
}
_LABEL_H = CARD_LABEL * 1.45


def _card_value_box(name: str) -> Rect:
    cell = CARD_CELLS[name]
    return Rect(cell.x, cell.y + _LABEL_H, cell.w, cell.h - _LABEL_H)


def _draw_card_frame(p: _Painter, kop: Kop) -> None:
    """What every card shares: kop line, title, grid and field labels."""
    cells = CARD_CELLS
    kop_lines = "\n".join(t for t in (kop.pemerintah, kop.instansi) if t.strip())
    p.text(kop_lines, cells["header_kop"], 6.5, floor=CARD_FLOOR, style="bold",
           valign="middle", pad=0, pad_y=0.5)
    p.text("KARTU KENDALI", cells["header_title"], 12.0, floor=CARD_FLOOR, style="bold",
           align="center", valign="middle", pad=0, pad_y=0.5)
    grid = Rect(4 * _C, 12.5 * _C, 142 * _C, 83.5 * _C)
    for name, label in CARD_LABELS.items():
        cell = cells[name]
        p.text(label, Rect(cell.x, cell.y, cell.w, _LABEL_H + 1), CARD_LABEL,
               floor=CARD_FLOOR, pad=2, pad_y=1)
    lamp = cells["lampiran"]
    p.text("Lampiran :", Rect(lamp.x, lamp.y, 17 * _C, lamp.h), CARD_BASE * 0.9,
           floor=CARD_FLOOR, valign="middle", pad=2)
    p.rect(grid, LINE)
    for name in (*CARD_LABELS, "lampiran", "qr"):
        c = cells[name]
        if c.bottom < grid.bottom - 1:
            p.line(c.x, c.bottom, c.right, c.bottom, THIN)
        if c.right < grid.right - 1:
            p.line(c.right, c.y, c.right, c.bottom, THIN)


def _draw_card_band(p: _Painter, copy: int) -> None:
    label, fill = CARD_COPIES[copy]
    band = CARD_CELLS["band"]
    p.rect(band, THIN, fill=fill)
    p.text(label, band, 7.5, floor=CARD_FLOOR, style="bold", align="center",
           valign="middle", pad=2, pad_y=0.5)


def _draw_card_content(p: _Painter, data: KartuKendaliData) -> None:
    """One card's own entries and QR code."""
    cells = CARD_CELLS
    values = {
        "indeks": data.indeks, "kode": data.kode, "tanggal": _tanggal(data.tanggal),
        "nomor_urut": data.nomor_urut, "isi_ringkas": data.isi_ringkas, "dari": data.dari,
        "kepada": data.kepada, "tanggal_surat": _tanggal(data.tanggal_surat),
        "nomor_surat": data.nomor_surat, "pengolah": data.pengolah, "paraf": data.paraf,
        "catatan": data.catatan,
    }
    bold = {"nomor_urut", "kode", "indeks"}
    for name, value in values.items():
        p.text(value, _card_value_box(name), CARD_BASE, floor=CARD_FLOOR,
               style="bold" if name in bold else "regular",
               valign="top" if name in ("isi_ringkas", "catatan") else "middle",
               pad=2.2, pad_y=1.2)
    lamp = cells["lampiran"]
    p.text(data.lampiran, Rect(lamp.x + 17 * _C, lamp.y, lamp.w - 17 * _C, lamp.h),
           CARD_BASE, floor=CARD_FLOOR, valign="middle", pad=2, pad_y=1)
    mk = _card_value_box("mk")
    chosen = data.masuk_keluar.strip().upper()[:1]
    side = 7.0
    for i, letter in enumerate("MK"):
        x = mk.x + 3 + i * mk.w / 2
        y = mk.y + (mk.h - side) / 2
        p.checkbox(x, y, side, chosen == letter)
        p.text(letter, Rect(x + side + 1, mk.y, mk.w / 2 - side - 4, mk.h), CARD_BASE,
               floor=CARD_FLOOR, style="bold" if chosen == letter else "regular",
               valign="middle", pad=1, pad_y=0.5)
    _qr_with_label(p, data.qr_payload, f"No. Urut\n{data.nomor_urut}", cells["qr"], CARD_QR,
                   7.0, CARD_FLOOR)


def _sheet_positions(paper: str) -> tuple[_Transform, ...]:
    """Where the three copies go on an A4/F4 sheet: stacked, centred, scaled down only as
    far as the printer's margins (6 mm) need."""
    width, height = PAPER_SIZES[paper]
    margin = 6 * MM
    scale = min(1.0, (height - 2 * margin) / (3 * CARD_H), (width - 2 * margin) / CARD_W)
    w, h = CARD_W * scale, CARD_H * scale
    x = (width - w) / 2
    y0 = (height - 3 * h) / 2
    return tuple(_Transform(x, y0 + i * h, scale) for i in range(3))


def _cut_marks(p: _Painter, places: Sequence[_Transform]) -> None:
    """Crop marks in the margins at every cut line of the stacked cards."""
    first, last = places[0], places[-1]
    w, h = CARD_W * first.scale, CARD_H * first.scale
    left, right = first.dx, first.dx + w
    top, bottom = first.dy, last.dy + h
    gap, length = 1.5 * MM, 4 * MM
    for y in [pl.dy for pl in places] + [bottom]:
        p.line(left - gap - length, y, left - gap, y, 0.3)
        p.line(right + gap, y, right + gap + length, y, 0.3)
    for x in (left, right):
        p.line(x, top - gap - length, x, top - gap, 0.3)
        p.line(x, bottom + gap, x, bottom + gap + length, 0.3)


def build_kartu_kendali(data: KartuKendaliData, target: Target, paper: str = "CARD", *,
                        layout: FormLayout | None = None) -> int:
    """Write one Kartu Kendali: CARD = three 10 x 15 cm pages (Lembar 1 putih, 2 kuning,
    3 merah muda); A4/F4 = the three copies on one sheet with cut marks. Returns pages."""
    return build_kartu_kendali_batch([data], target, paper, layout=layout)


@_binary
def build_kartu_kendali_batch(
    cards: Sequence[KartuKendaliData], target: Target, paper: str = "CARD", *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    by_copy: bool = False,
    layout: FormLayout | None = None,
) -> int:
    """Many cards in one PDF (a day's cards). CARD: three pages per card, or with `by_copy`
    every Lembar 1 first, then every Lembar 2, then every Lembar 3 (one colour of card stock
    at a time); A4/F4: one sheet per card. `progress(done, total)` is called after each card;
    when `cancelled()` turns true the build stops with PencetakanDibatalkan and nothing is
    written. Returns the page count."""
    size = _paper(paper, ("CARD", "A4", "F4"))
    if not cards:
        raise FormError("Tidak ada kartu kendali untuk dicetak.")
    total = len(cards)
    first = cards[0]
    canvas = _new_canvas(target, size, "Kartu Kendali" if total > 1 else
                         f"Kartu Kendali {first.nomor_urut}", f"{total} kartu")
    p = _Painter(canvas, layout)

    def make_form(name: str, draw: Callable[[], None]) -> _Recording:
        recording = p.begin_form(name, CARD_W, CARD_H)
        draw()
        p.end_form()
        return recording

    frames: dict[Kop, tuple[str, _Recording]] = {}
    bands = [make_form(f"kkband{i}", lambda i=i: _draw_card_band(p, i)) for i in range(3)]

    def frame_for(kop: Kop) -> tuple[str, _Recording]:
        if kop not in frames:
            name = f"kkframe{len(frames)}"
            frames[kop] = (name, make_form(name, lambda: _draw_card_frame(p, kop)))
        return frames[kop]

    places = _sheet_positions(paper) if paper != "CARD" else ()
    contents: list[tuple[str, _Recording, tuple[str, _Recording]]] = []
    pages = 0

    def emit(card: tuple[str, _Recording, tuple[str, _Recording]], copies: Sequence[int]) -> int:
        name, recording, (frame_name, frame) = card
        if paper == "CARD":
            for copy in copies:
                p.start_page(*size)
                for form, rec in ((frame_name, frame), (name, recording),
                                  (f"kkband{copy}", bands[copy])):
                    p.place_form(form, rec, _Transform())
                p.finish_page()
            return len(copies)
        p.start_page(*size)
        for copy, at in zip(copies, places, strict=True):
            for form, rec in ((frame_name, frame), (name, recording),
                              (f"kkband{copy}", bands[copy])):
                p.place_form(form, rec, at)
        _cut_marks(p, places)
        p.finish_page()
        return 1

    for index, data in enumerate(cards):
        if cancelled is not None and cancelled():
            raise PencetakanDibatalkan("Pencetakan kartu kendali dibatalkan.")
        name = f"kk{index}"
        card = (name, make_form(name, lambda data=data: _draw_card_content(p, data)),
                frame_for(data.kop))
        if by_copy and paper == "CARD":
            contents.append(card)
        else:
            pages += emit(card, (0, 1, 2))
        if progress is not None:
            progress(index + 1, total)
    for copy in range(3) if contents else ():
        for card in contents:
            pages += emit(card, (copy,))
    if cancelled is not None and cancelled():
        raise PencetakanDibatalkan("Pencetakan kartu kendali dibatalkan.")
    canvas.save()
    return pages


# --------------------------------------------------------------------------------------------
# Surat Pengantar


PENGANTAR_TITLES = ("No.", "Jenis yang dikirim", "Banyaknya", "Keterangan")
PENGANTAR_SHARES = (0.08, 0.44, 0.16, 0.32)
MAX_ITEM_LINES = 12


def _pengantar_columns(box: Rect) -> list[float]:
    xs = [box.x]
    for share in PENGANTAR_SHARES:
        xs.append(xs[-1] + box.w * share)
    xs[-1] = box.right
    return xs


def _item_height(item: ItemPengantar, xs: Sequence[float], size: float) -> float:
    """The row height an item needs at `size` (at most MAX_ITEM_LINES lines; more shrinks)."""
    lines = 1
    for c, text in ((1, item.jenis), (2, item.banyaknya), (3, item.keterangan)):
        width = xs[c + 1] - xs[c] - 6
        lines = max(lines, len(_wrap(clean_text(text), width, size, "regular")))
    lines = min(lines, MAX_ITEM_LINES)
    return (lines - 1) * size * LEADING + (ASCENT + DESCENT) * size + 7


def _closing_height(spec: _Spec) -> float:
    return spec.base * (1.3 * 7 + 1.0) + spec.base * 4.5


def _pengantar_pages(data: SuratPengantarData, spec: _Spec, first_top: float,
                     cont_top: float) -> list[list[tuple[int, float]]]:
    """Rows (index, height) per page; the closing block must fit after the last row."""
    box = spec.content
    xs = _pengantar_columns(box)
    head_h = spec.base * 2.0
    closing = _closing_height(spec)
    items = data.items or (ItemPengantar(""),)
    cap = box.bottom - cont_top - head_h - closing
    heights = [min(_item_height(item, xs, spec.base), cap) for item in items]
    pages: list[list[tuple[int, float]]] = [[]]
    y = first_top + head_h
    for i, h in enumerate(heights):
        need = h + (closing if i == len(heights) - 1 else 0)
        if y + need > box.bottom and pages[-1]:
            pages.append([])
            y = cont_top + head_h
        pages[-1].append((i, h))
        y += h
    if first_top + head_h + sum(h for _i, h in pages[0]) + (
            closing if len(pages) == 1 else 0) > box.bottom + 1e-6:
        # Even the first row does not fit under the address block: start the table on page 2.
        pages.insert(0, [])
    return pages


def _continuation_head(p: _Painter, spec: _Spec, title: str, detail: str, payload: str,
                       label: str) -> float:
    """Heading of a continuation page with the QR code; returns the y below it."""
    box = spec.content
    total = qr_quiet_side(payload, spec.code)
    label_w = spec.base * 12
    text_w = box.w - total - label_w
    p.text(title, Rect(box.x, box.y, text_w, spec.title * 1.6), spec.title, floor=spec.floor,
           style="bold", valign="middle", pad=0)
    p.text(detail, Rect(box.x, box.y + spec.title * 1.6, text_w, total - spec.title * 1.6),
           spec.base, floor=spec.floor, pad=0, max_lines=4)
    _qr_with_label(p, payload, label, Rect(box.right - total - label_w, box.y,
                                           total + label_w, total), spec.code, spec.base,
                   spec.floor)
    return box.y + total + spec.base


@_binary
def build_surat_pengantar(data: SuratPengantarData, target: Target, paper: str = "A4", *,
                          layout: FormLayout | None = None) -> int:
    """Write the Surat Pengantar (A4 or F4 portrait); return the page count. A long list of
    items continues on further pages; the closing block follows the last row."""
    spec = _spec(paper, ("A4", "F4"))
    box = spec.content
    base, floor = spec.base, spec.floor
    canvas = _new_canvas(target, (spec.width, spec.height), f"Surat Pengantar {data.nomor}",
                         data.kepada[:200])
    p = _Painter(canvas, layout)
    xs = _pengantar_columns(box)
    head_h = base * 2.0
    label = f"Nomor\n{data.nomor}"

    # Page 1 up to the table.
    p.start_page(spec.width, spec.height)
    y = p.kop(data.kop, box.x, box.right, box.y, spec.kop_scale) + base * 1.2
    addr_x = box.x + box.w * 0.55
    addr_w = box.right - addr_x
    step = base * 1.35
    tempat = data.tempat.strip() or data.kop.tempat
    tanggal = _tanggal(data.tanggal) or "." * 24
    p.text(f"{tempat}, {tanggal}", Rect(addr_x, y, addr_w, step), base, floor=floor,
           max_lines=1, pad=0, pad_y=0.5)
    p.text("Kepada", Rect(addr_x, y + 2 * step, addr_w, step), base, pad=0, pad_y=0.5)
    yth_w = _width("Yth. ", "regular", base) + 2
    p.text("Yth.", Rect(addr_x - yth_w, y + 3 * step, yth_w, step), base, pad=0, pad_y=0.5)
    kepada_h = step * 4
    fitted = p.text(data.kepada, Rect(addr_x, y + 3 * step, addr_w, kepada_h), base,
                    floor=floor, pad=0, pad_y=0.5)
    addr_bottom = y + 3 * step + (len(fitted.lines) or 1) * fitted.size * LEADING + 2
    if data.di.strip():
        p.text("di -", Rect(addr_x, addr_bottom, addr_w, step), base, pad=0, pad_y=0.5)
        p.text(data.di, Rect(addr_x + base * 2, addr_bottom + step, addr_w - base * 2, step),
               base, floor=floor, style="bold", max_lines=1, pad=0, pad_y=0.5,
               underline=True)
        addr_bottom += 2 * step
    total = qr_quiet_side(data.qr_payload, spec.code)
    _qr_with_label(p, data.qr_payload, label,
                   Rect(box.x, y, total + base * 11, total), spec.code, base, floor,
                   label_side="right")
    y = max(addr_bottom, y + total) + base * 1.5
    p.text("SURAT PENGANTAR", Rect(box.x, y, box.w, spec.title * 1.5), spec.title,
           style="bold", align="center", valign="middle", pad=0, underline=True)
    y += spec.title * 1.5
    p.text(f"Nomor: {data.nomor}", Rect(box.x, y, box.w, base * 1.5), base, floor=floor,
           align="center", valign="middle", max_lines=1, pad=0)
    first_top = y + base * 2.5

    cont_top = box.y + qr_quiet_side(data.qr_payload, spec.code) + base
    pages = _pengantar_pages(data, spec, first_top, cont_top)
    items = data.items or (ItemPengantar(""),)
    for number, rows in enumerate(pages, start=1):
        if number > 1:
            p.start_page(spec.width, spec.height)
            top = _continuation_head(p, spec, "SURAT PENGANTAR (lanjutan)",
                                     f"Nomor: {data.nomor}", data.qr_payload, label)
        else:
            top = first_top
        y = top
        if rows:
            _table_header(p, PENGANTAR_TITLES, xs, y, head_h, base, floor)
            ys = [y, y + head_h]
            y += head_h
            for i, h in rows:
                item = items[i]
                values = (f"{i + 1}." if data.items else "", item.jenis, item.banyaknya,
                          item.keterangan)
                for c, value in enumerate(values):
                    p.text(value, Rect(xs[c], y, xs[c + 1] - xs[c], h), base, floor=floor,
                           align="center" if c in (0, 2) else "left", pad=3, pad_y=3)
                y += h
                ys.append(y)
            _grid(p, xs, ys, THIN)
            p.rect(Rect(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0]))
        if number == len(pages):
            _pengantar_closing(p, data, spec, y + base * 1.5)
        _footer(p, spec, number, len(pages))
        p.finish_page()
    canvas.save()
    return len(pages)


def _pengantar_closing(p: _Painter, data: SuratPengantarData, spec: _Spec, y: float) -> None:
    """"Diterima tanggal ... Penerima" at the left, the sender's signature at the right."""
    box = spec.content
    base, floor = spec.base, spec.floor
    step = base * 1.3
    left = Rect(box.x, y, box.w * 0.45, _closing_height(spec) - base * 1.5)
    right = Rect(box.x + box.w * 0.52, y, box.w * 0.48, left.h)
    p.text("Diterima tanggal " + "." * 26, Rect(left.x, y, left.w, step), base, floor=floor,
           max_lines=1, pad=0, pad_y=0.5)
    p.text("Penerima,", Rect(left.x, y + step, left.w, step), base, pad=0, pad_y=0.5)
    tail_y = y + 2 * step + base * 4.5
    p.text("( " + "." * 40 + " )", Rect(left.x, tail_y, left.w, step), base, floor=floor,
           max_lines=1, pad=0, pad_y=0.5)
    p.text("NIP. " + "." * 34, Rect(left.x, tail_y + step, left.w, step), base, floor=floor,
           max_lines=1, pad=0, pad_y=0.5)
    _signature(p, data.pengirim, right, base, floor, base * 4.5)


# --------------------------------------------------------------------------------------------
# Tanda Terima


TANDA_TERIMA_NOTE = ("Simpan tanda terima ini dan tunjukkan ketika mengambil hasil layanan. "
                     "Hasil layanan hanya diserahkan kepada pemohon atau kuasanya.")


@_binary
def build_tanda_terima(data: TandaTerimaData, target: Target, paper: str = "A4", *,
                       layout: FormLayout | None = None) -> int:
    """Write the tanda terima of a citizen's application (A4 portrait or HALF_FOLIO
    landscape), with a bukti pengambilan strip at the foot; return the page count (1)."""
    spec = _spec(paper, ("A4", "HALF_FOLIO"))
    box = spec.content
    base, floor = spec.base, spec.floor
    canvas = _new_canvas(target, (spec.width, spec.height),
                         f"Tanda Terima {data.nomor_register}", data.layanan[:200])
    p = _Painter(canvas, layout)
    p.start_page(spec.width, spec.height)
    L, W = box.x, box.w
    y = p.kop(data.kop, L, box.right, box.y, spec.kop_scale) + base * 0.5
    p.text("TANDA TERIMA BERKAS PERMOHONAN LAYANAN", Rect(L, y, W, spec.title * 1.6),
           spec.title, floor=floor, style="bold", align="center", valign="middle", pad=0,
           max_lines=1)
    y += spec.title * 1.6

    total = qr_quiet_side(data.qr_payload, spec.code)
    q_w = total + base * 8
    fields_w = W - q_w
    rows = ((("No. Tanda Terima", data.nomor_tanda_terima, "bold", 1.0),)
            if data.nomor_tanda_terima.strip() else ()) + (
            ("No. Register", data.nomor_register, "bold", 1.0),
            ("Jenis layanan", data.layanan, "bold", 1.0),
            ("Nama pemohon", data.pemohon_nama, "regular", 1.0),
            ("NIK", data.pemohon_nik, "regular", 1.0),
            ("Alamat", data.pemohon_alamat, "regular", 1.6 if _wide(spec) else 2.0),
            ("Tanggal diterima", _tanggal(data.tanggal, with_weekday=True), "regular", 1.0))
    unit = max(base * 1.9, (total + 4) / sum(r[3] for r in rows))
    label_w = max(_width(r[0], "regular", base) for r in rows) + 8
    fy = y
    for label, value, style, weight in rows:
        h = unit * weight
        _label_value(p, label, value, Rect(L, fy, fields_w, h), label_w, base, floor,
                     value_style=style, valign="top" if weight > 1 else "middle", pad=3)
        fy += h
    qr_label = (f"Tanda Terima\n{data.nomor_tanda_terima}" if data.nomor_tanda_terima.strip()
                else f"No. Register\n{data.nomor_register}")
    _qr_with_label(p, data.qr_payload, qr_label,
                   Rect(L + fields_w, y, q_w, fy - y), spec.code, base, floor)
    p.rect(Rect(L, y, W, fy - y))
    p.line(L + fields_w, y, L + fields_w, fy)
    y = fy + base * 0.9

    # Bottom-up: the fixed blocks under the checklist, so the checklist gets what is left.
    strip_h = base * 5.2
    sign_h = base * (1.3 * 5 + 4.5)
    note_h = base * 2.8
    est_h = base * 1.6
    foot = box.bottom - strip_h - base * 0.8 - sign_h - note_h - est_h
    head_h = base * 1.6
    p.text("Persyaratan yang diterima (dicentang):", Rect(L, y, W, head_h), base,
           floor=floor, style="bold", valign="middle", pad=3, pad_y=1, max_lines=1)
    wanted = len(data.persyaratan) * base * 1.6
    two = spec.kop_scale < 1 or wanted > foot - y - head_h
    list_h = max(base * 1.6, min(foot - y - head_h - base * 0.5,
                                 math.ceil(len(data.persyaratan) / (2 if two else 1))
                                 * base * 1.6))
    if data.persyaratan:
        _checklist(p, data.persyaratan, Rect(L + 3, y + head_h, W - 6, list_h), base, floor,
                   max_columns=3, columns=2 if two and len(data.persyaratan) > 1 else None)
    else:
        p.text("-", Rect(L, y + head_h, W, list_h), base, pad=3)
    p.rect(Rect(L, y, W, head_h + list_h + 2), THIN)
    y += head_h + list_h + 2 + base * 0.6
    est_label = _width("Perkiraan selesai", "regular", base) + 8
    _label_value(p, "Perkiraan selesai", _tanggal(data.perkiraan_selesai, with_weekday=True)
                 or "-", Rect(L, y, W, est_h), est_label, base, floor, value_style="bold",
                 pad=0)
    y += est_h
    p.text(TANDA_TERIMA_NOTE, Rect(L, y, W, note_h), base * 0.9, floor=floor,
           style="italic", pad=0, pad_y=1)
    y += note_h
    half = W / 2
    tempat = f"{data.kop.tempat}, {_tanggal(data.tanggal) or '.' * 24}"
    p.text(tempat, Rect(L + half, y, half, base * 1.3), base, floor=floor, align="center",
           max_lines=1, pad=0, pad_y=0.5)
    sign_y = y + base * 1.3
    for x, heading, nama in ((L, "Pemohon,", data.pemohon_nama),
                             (L + half, "Petugas,", data.petugas)):
        p.text(heading, Rect(x, sign_y, half, base * 1.3), base, align="center", pad=0,
               pad_y=0.5)
        p.text(nama or "( " + "." * 36 + " )",
               Rect(x + base, sign_y + base * 1.3 + base * 4.5, half - 2 * base, base * 1.4),
               base, floor=floor, style="bold" if nama else "regular", align="center",
               max_lines=1, pad=0, pad_y=0.5, underline=bool(nama))
    strip_y = box.bottom - strip_h
    p.line(L, strip_y - base * 0.4, box.right, strip_y - base * 0.4, 0.5, dash=(3, 2))
    p.text("BUKTI PENGAMBILAN", Rect(L, strip_y, W * 0.5, base * 1.5), base, style="bold",
           valign="middle", pad=0)
    strip_number = (f"No. Tanda Terima {data.nomor_tanda_terima}"
                    if data.nomor_tanda_terima.strip() else f"No. Register {data.nomor_register}")
    p.text(strip_number,
           Rect(L + W * 0.5, strip_y, W * 0.5, base * 1.5), base, floor=floor, align="right",
           valign="middle", max_lines=1, pad=0)
    line_y = strip_y + base * 1.6
    thirds = W / 3
    for i, text in enumerate(("Diambil tanggal: " + "." * 20, "Nama pengambil: " + "." * 22,
                              "Tanda tangan: " + "." * 22)):
        p.text(text, Rect(L + i * thirds, line_y, thirds, strip_h - base * 1.6), base * 0.9,
               floor=floor, valign="bottom", pad=2, pad_y=1, max_lines=1)
    p.finish_page()
    canvas.save()
    return 1


__all__ = [
    "CARD_COPIES",
    "PAPER_SIZES",
    "SIFAT_PILIHAN",
    "Centang",
    "FittedText",
    "FormError",
    "FormLayout",
    "ItemPengantar",
    "KartuKendaliData",
    "Kop",
    "LembarDisposisiData",
    "PageLog",
    "Penandatangan",
    "PencetakanDibatalkan",
    "QrPlacement",
    "RiwayatDisposisi",
    "SuratPengantarData",
    "TandaTerimaData",
    "TextPlacement",
    "build_kartu_kendali",
    "build_kartu_kendali_batch",
    "build_lembar_disposisi",
    "build_surat_pengantar",
    "build_tanda_terima",
    "centang",
    "clean_text",
    "fit_text",
    "qr_quiet_side",
]
