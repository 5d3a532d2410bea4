"""The program's own PDF of a filled naskah (.docx), for printing straight away on a PC without
LibreOffice: the document read with python-docx and laid out with reportlab platypus on its own
page size and margins.

What a letter uses is followed: paragraphs (alignment, indents, spacing, line spacing, keep with
next, page breaks), runs (bold, italic, underline, size, font, colour, capitals), tab stops with
their leaders (the "Nomor : ..." block), borderless or ruled tables with column widths and merged
cells, inline and floating pictures (the kop logo, the QR code), text boxes, paragraph borders
(the kop's double line), simple numbered lists, the section's header and footer with PAGE fields.
Not followed: text flowing around floating pictures, text box borders and fills, shapes, columns,
footnotes, tracked deletions (left out), more than one section (the last one's page is used).
Fonts map to the shipped Liberation faces (Times-like names to Liberation Serif, every other
name to Liberation Sans, both metric-compatible with the Word fonts). Two rules of the office
are enforced, whatever the template says: text in the body is never below 11 pt, and the
signature block (place and date, a.n./jabatan, room to sign, name,
pangkat, NIP) is kept whole and on the page of the paragraph before it.

`render_naskah_pdf` is the one entry the CLI and the GUI call: LibreOffice when installed (the
most faithful), this layout otherwise or when LibreOffice fails.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from jogoroto_desktop.storage.paths import resource_path
from printing.fonts import FONT_NAMES, register_fonts

MIN_BODY_SIZE = 11.0  # the office's rule: body text never below 11 pt
WORD_DEFAULT_SIZE = 10.0  # what Word uses when no style gives a size
SINGLE_LINE = 1.15  # Word's "single" line of the Liberation/Arial/Times faces, per em
EMU_PER_POINT = 12700
DEFAULT_TAB = 36.0  # Word's default tab stops, every half inch
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TEXT_BOX_INSET = (7.2, 3.6)  # Word's default text box margins: 0.1" left/right, 0.05" top/bottom
MIN_CELL_TEXT = 6.0  # points of text width a narrow column keeps (its margins shrink)
DEFAULT_CELL_PADDING = 5.4  # Word's default left/right cell margin (108 twips)
PAPERS = {"A4": (595.28, 841.89), "F4": (609.45, 935.43)}  # 210x297 mm, 215x330 mm
PAPER_TOLERANCE = 6.0  # points (about 2 mm): Word rounds page sizes to twips
SERIF_NAMES = ("times", "bookman", "cambria", "georgia", "garamond", "serif", "century",
               "palatino", "book antiqua", "constantia", "roman")
SERIF_FILES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
               "italic": "LiberationSerif-Italic.ttf"}
# A line that begins the signature block's lower part, and lines that belong to its upper part.
NIP_LINE = re.compile(r"(^|\n)\s*NIP\.?\s*[:.]?", re.IGNORECASE)
SIGNATURE_HEAD = re.compile(
    r"^\s*(a\.?\s?n\.?\s|u\.?\s?b\.?|an\.|ub\.|camat\b|sekretaris\b|kepala\b|pj\.|plt\.|plh\.|"
    r"pembina\b|penata\b|pengatur\b|\S[\w .'-]*,\s*\d{1,2}\s+\w+\s+\d{4}\s*$)",
    re.IGNORECASE)
KOP_ELEMENTS = 8  # the kop's line is looked for among the body's first elements
SIGNATURE_STYLE_WORDS = ("tanda tangan", "tandatangan", "ttd", "signature")


class NaskahPdfError(ValueError):
    """The .docx cannot be laid out (not a Word document, or damaged)."""


@dataclass
class NaskahLayout:
    """What the layout did, for tests and for the caller's message."""

    pages: int = 0
    page_size: tuple[float, float] = (0.0, 0.0)
    body_sizes: set[float] = field(default_factory=set)  # every font size used in the body
    marks: dict[str, int] = field(default_factory=dict)  # mark name -> page it was drawn on
    raised_sizes: int = 0  # runs the template set below 11 pt, printed at 11 pt

    @property
    def min_body_size(self) -> float:
        return min(self.body_sizes, default=0.0)


@cache
def _register_serif() -> str:
    register_fonts()
    for style, file_name in SERIF_FILES.items():
        pdfmetrics.registerFont(TTFont(_face("serif", style), str(resource_path("fonts",
                                                                               file_name))))
    return "LiberationSerif"


def _face(family: str, style: str) -> str:
    if family == "serif":
        return {"regular": "LiberationSerif", "bold": "LiberationSerif-Bold",
                "italic": "LiberationSerif-Italic"}[style]
    return FONT_NAMES[style]


def font_family(word_font: str) -> str:
    """"serif" or "sans": which shipped face stands in for a Word font name."""
    lowered = word_font.lower()
    return "serif" if any(name in lowered for name in SERIF_NAMES) else "sans"


def _twips(value: str | None) -> float | None:
    return None if value is None else float(value) / 20.0


def _on(element: Any) -> bool:
    """A Word toggle (<w:b/>, <w:b w:val="0"/>)."""
    value = element.get(qn("w:val"))
    return value not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class RunStyle:
    family: str = "sans"
    size: float = WORD_DEFAULT_SIZE
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    caps: bool = False
    color: str = ""
    vert: str = ""  # "superscript" / "subscript"

    @property
    def font(self) -> str:
        style = "bold" if self.bold else "italic" if self.italic else "regular"
        return _face(self.family, style)


@dataclass
class Token:
    kind: str  # text, tab, br, page, img, label
    text: str = ""
    style: RunStyle | None = None
    image: bytes = b""
    width: float = 0.0
    height: float = 0.0
    anchor: Anchor | None = None  # a floating picture's or text box's place
    content: list[Flowable] | None = None  # a text box's paragraphs (kind "box")


@dataclass(frozen=True)
class Anchor:
    """Where Word places a floating picture: relative to what, by an offset or an alignment."""

    h_from: str = "column"
    h_offset: float = 0.0
    h_align: str = ""
    v_from: str = "paragraph"
    v_offset: float = 0.0
    v_align: str = ""
    behind: bool = False


@dataclass(frozen=True)
class TabStop:
    pos: float
    align: str  # left, right, center, decimal
    leader: str = ""  # dot, hyphen, underscore, middleDot: what fills the gap before it


class _Mark(Flowable):
    """Zero-size: records the page it is drawn on (the layout log the tests read)."""

    def __init__(self, log: NaskahLayout, name: str) -> None:
        super().__init__()
        self.log, self.name = log, name
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.log.marks[self.name] = self.canv.getPageNumber()


class _Rule(Flowable):
    """A paragraph border drawn as a line across the paragraph's width: single, double or
    thick-thin (the kop's line)."""

    def __init__(self, kind: str, size: float, space: float, indent: tuple[float, float],
                 color: str) -> None:
        super().__init__()
        self.kind, self.size, self.space, self.indent = kind, size, space, indent
        self.color = colors.HexColor("#" + color) if re.fullmatch(r"[0-9A-Fa-f]{6}", color) \
            else colors.black
        self._lines = self._pattern()
        self.height = space + sum(width for width, _gap in self._lines) + \
            sum(gap for _w, gap in self._lines)

    def _pattern(self) -> list[tuple[float, float]]:
        """(line width, gap after) from top to bottom."""
        base = max(self.size, 0.25)
        if self.kind == "double":
            return [(base, base), (base, 0)]
        if self.kind.startswith("thickThin"):
            return [(max(base, 2.25), 1.0), (0.75, 0)]
        if self.kind.startswith("thinThick"):
            return [(0.75, 1.0), (max(base, 2.25), 0)]
        if self.kind in ("thick",):
            return [(max(base, 1.5), 0)]
        return [(base, 0)]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(self.color)
        y = self.height - self.space
        left, right = self.indent
        for width, gap in self._lines:
            y -= width / 2
            canvas.setLineWidth(width)
            canvas.line(left, y, self.width - right, y)
            y -= width / 2 + gap


class _TabLine(Flowable):
    """A paragraph with tabs: the text after the last left tab is an ordinary paragraph whose
    first line starts at that tab (its next lines at the paragraph's indent, as Word wraps);
    the text before it is drawn on the first line at its tab stops."""

    def __init__(self, main: Paragraph, items: list[tuple[float, float, Paragraph]]) -> None:
        super().__init__()
        self.main, self.items = main, items

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, height = self.main.wrap(avail_width, avail_height)
        for _x, width, para in self.items:
            height = max(height, para.wrap(width, avail_height)[1])
        self.width, self.height = avail_width, height
        return avail_width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.main.split(avail_width, avail_height)
        if len(parts) < 2:
            return []
        return [_TabLine(parts[0], self.items), *parts[1:]]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.main.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.main.getSpaceAfter()

    def draw(self) -> None:
        self.main.drawOn(self.canv, 0, self.height - self.main.height)
        for x, _width, para in self.items:
            para.drawOn(self.canv, x, self.height - para.height)


class _Shift(Flowable):
    """A flowable moved right by `dx` points (left when negative): an indented table or
    picture, also inside a table cell (where platypus' Indenter does not act)."""

    def __init__(self, inner: Flowable, dx: float) -> None:
        super().__init__()
        self.inner, self.dx = inner, dx

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self.inner.wrap(avail_width - self.dx, avail_height)
        # A fixed-width table may reach into the right margin, as in Word.
        self.width, self.height = min(width + self.dx, avail_width), height
        return self.width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [_Shift(part, self.dx)
                for part in self.inner.split(avail_width - self.dx, avail_height)]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.inner.getSpaceAfter()

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self.inner.drawOn(canvas, x + self.dx, y, _sW)


class _Aligned(Flowable):
    """Pictures set as their paragraph says (left, centred, right, between its indents), as
    wide as the frame or the table cell: in a cell platypus places a flowable by the cell's
    alignment, not the flowable's own."""

    def __init__(self, inner: Flowable, align: str, indents: tuple[float, float]) -> None:
        super().__init__()
        self.inner, self.align, self.indents = inner, align, indents

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        left, right = self.indents
        self.inner_width, self.height = self.inner.wrap(
            max(avail_width - left - right, 1.0), avail_height)
        self.width = avail_width
        return avail_width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.inner.getSpaceAfter()

    def draw(self) -> None:
        left, right = self.indents
        room = self.width - left - right - self.inner_width
        x = left + (room / 2 if self.align == "CENTER" else room if self.align == "RIGHT"
                    else 0.0)
        self.inner.drawOn(self.canv, x, 0)


class _WithAnchors(Flowable):
    """A paragraph's first flowable with the paragraph's floating pictures: they are drawn
    where Word places them (relative to the page, the margins or the paragraph), in front of
    the text or behind it; the text does not flow around them."""

    def __init__(self, inner: Flowable, pictures: Sequence[Token], page: _Page) -> None:
        super().__init__()
        self.inner, self.pictures, self.page = inner, list(pictures), page

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail_width = avail_width
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.inner.split(avail_width, avail_height)
        return [_WithAnchors(parts[0], self.pictures, self.page), *parts[1:]] if parts else []

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's name
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.inner.getSpaceAfter()

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        behind = [p for p in self.pictures if p.anchor is not None and p.anchor.behind]
        front = [p for p in self.pictures if p not in behind]
        self._draw_pictures(canvas, behind, x, y + self.height)
        self.inner.drawOn(canvas, x, y, _sW)
        self._draw_pictures(canvas, front, x, y + self.height)

    def _draw_pictures(self, canvas: Any, pictures: Sequence[Token], x: float,
                       top: float) -> None:
        from reportlab.lib.utils import ImageReader

        for picture in pictures:
            left, bottom = anchor_position(picture, self.page, x, top, self.avail_width)
            if picture.kind == "box":
                inset_x, inset_y = TEXT_BOX_INSET
                _draw_stack(canvas, picture.content or [], left + inset_x,
                            bottom + picture.height - inset_y, picture.width - 2 * inset_x)
                continue
            canvas.drawImage(ImageReader(io.BytesIO(picture.image)), left, bottom,
                             picture.width, picture.height, mask="auto")


def anchor_position(picture: Token, page: _Page, column_x: float, paragraph_top: float,
                    column_width: float) -> tuple[float, float]:
    """(left, bottom) in PDF points of a floating picture whose paragraph starts at
    `paragraph_top` in a column starting at `column_x`."""
    anchor = picture.anchor or Anchor()
    horizontal = {"page": (0.0, page.width), "margin": (page.left, page.width - page.right),
                  "leftMargin": (0.0, page.left),
                  "rightMargin": (page.width - page.right, page.width)}
    start, end = horizontal.get(anchor.h_from, (column_x, column_x + column_width))
    if anchor.h_align in ("center", "right", "left", "inside", "outside"):
        room = end - start - picture.width
        left = start + {"center": room / 2, "right": room, "outside": room}.get(
            anchor.h_align, 0.0)
    else:
        left = start + anchor.h_offset
    vertical = {"page": (page.height, 0.0),
                "margin": (page.height - page.top, page.bottom),
                "topMargin": (page.height, page.height - page.top),
                "bottomMargin": (page.bottom, 0.0)}
    area_top, area_bottom = vertical.get(anchor.v_from, (paragraph_top, paragraph_top))
    if anchor.v_align in ("center", "bottom", "top", "inside", "outside") and \
            anchor.v_from in vertical:
        room = area_top - area_bottom - picture.height
        top = area_top - {"center": room / 2, "bottom": room, "outside": room}.get(
            anchor.v_align, 0.0)
    else:
        top = area_top - anchor.v_offset
    return left, top - picture.height


def _anchor(holder: Any) -> Anchor:
    """The place of a floating picture (wp:anchor)."""
    def side(tag: str, default: str) -> tuple[str, float, str]:
        position = holder.find(qn(tag))
        if position is None:
            return default, 0.0, ""
        offset = position.find(qn("wp:posOffset"))
        align = position.find(qn("wp:align"))
        return (position.get("relativeFrom") or default,
                int(offset.text or 0) / EMU_PER_POINT if offset is not None else 0.0,
                (align.text or "").strip() if align is not None else "")

    h_from, h_offset, h_align = side("wp:positionH", "column")
    v_from, v_offset, v_align = side("wp:positionV", "paragraph")
    return Anchor(h_from, h_offset, h_align, v_from, v_offset, v_align,
                  holder.get("behindDoc") in ("1", "true"))


class _Reader:
    """The document's styles, defaults, theme fonts and numbering, resolved as Word does."""

    def __init__(self, document: Any, log: NaskahLayout) -> None:
        self.document = document
        self.log = log
        styles = document.styles.element
        self.styles = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        self.default_para_style = next(
            (s for s in styles.findall(qn("w:style"))
             if s.get(qn("w:type")) == "paragraph" and _on_attr(s.get(qn("w:default")))), None)
        defaults = styles.find(qn("w:docDefaults"))
        self.default_rpr = _path(defaults, "w:rPrDefault", "w:rPr")
        self.default_ppr = _path(defaults, "w:pPrDefault", "w:pPr")
        self.theme = self._theme_fonts()
        self.default_tab = DEFAULT_TAB
        self.numbering = self._numbering()
        self.counters: dict[tuple[str, int], int] = {}
        self.floor = True  # body text: never below 11 pt; header and footer keep their size
        # Word before 2013 (compatibility mode below 15) moves a table left by its cell margin,
        # so the text in the cells lines up with the paragraphs.
        self.table_text_aligned = self._compatibility_mode() < 15

    def _compatibility_mode(self) -> int:
        try:
            settings = self.document.settings.element
        except Exception:  # noqa: BLE001 - no settings part: an old document
            return 12
        for setting in settings.iter(qn("w:compatSetting")):
            if setting.get(qn("w:name")) == "compatibilityMode":
                try:
                    return int(setting.get(qn("w:val")) or 12)
                except ValueError:
                    return 12
        return 12

    # -- styles --------------------------------------------------------------------------
    def _style_chain(self, style_id: str | None) -> list[Any]:
        chain, seen = [], set()
        style = self.styles.get(style_id) if style_id else None
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            chain.append(style)
            based = style.find(qn("w:basedOn"))
            style = self.styles.get(based.get(qn("w:val"))) if based is not None else None
        return chain

    def para_style_chain(self, p: Any) -> list[Any]:
        ppr = p.find(qn("w:pPr"))
        style_el = ppr.find(qn("w:pStyle")) if ppr is not None else None
        if style_el is not None:
            return self._style_chain(style_el.get(qn("w:val")))
        if self.default_para_style is not None:
            return self._style_chain(self.default_para_style.get(qn("w:styleId")))
        return []

    def ppr_chain(self, p: Any) -> list[Any]:
        direct = p.find(qn("w:pPr"))
        styles = [s.find(qn("w:pPr")) for s in self.para_style_chain(p)]
        chain = [direct]
        level = self._number_level([el for el in [direct, *styles] if el is not None])
        if level is not None:  # the list level's indents come between the paragraph and style
            chain.append(level[3].find(qn("w:pPr")))
        chain += styles
        chain.append(self.default_ppr)
        return [el for el in chain if el is not None]

    def rpr_chain(self, run_rpr: Any, p: Any) -> list[Any]:
        chain = [run_rpr]
        if run_rpr is not None:
            style_el = run_rpr.find(qn("w:rStyle"))
            if style_el is not None:
                chain += [s.find(qn("w:rPr")) for s in self._style_chain(style_el.get(qn("w:val")))]
        chain += [s.find(qn("w:rPr")) for s in self.para_style_chain(p)]
        chain.append(self.default_rpr)
        return [el for el in chain if el is not None]

    def run_style(self, rpr_chain: Sequence[Any]) -> RunStyle:
        def first(tag: str) -> Any:
            for rpr in rpr_chain:
                found = rpr.find(qn(tag))
                if found is not None:
                    return found
            return None

        size_el = first("w:sz")
        size = float(size_el.get(qn("w:val"))) / 2 if size_el is not None else WORD_DEFAULT_SIZE
        if self.floor and size < MIN_BODY_SIZE:
            self.log.raised_sizes += 1
            size = MIN_BODY_SIZE
        underline = first("w:u")
        color = first("w:color")
        vert = first("w:vertAlign")
        return RunStyle(
            family=font_family(self._font_name(first("w:rFonts"))),
            size=size,
            bold=_toggle(first("w:b")),
            italic=_toggle(first("w:i")),
            underline=underline is not None and underline.get(qn("w:val")) not in ("none", None),
            strike=_toggle(first("w:strike")),
            caps=_toggle(first("w:caps")),
            color=(color.get(qn("w:val")) or "") if color is not None else "",
            vert=(vert.get(qn("w:val")) or "") if vert is not None else "")

    def _font_name(self, fonts: Any) -> str:
        if fonts is None:
            return self.theme.get("minor", "")
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            if fonts.get(qn(attribute)):
                return fonts.get(qn(attribute))
        theme = fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:hAnsiTheme")) or ""
        return self.theme.get("major" if theme.startswith("major") else "minor", "")

    def _theme_fonts(self) -> dict[str, str]:
        fonts: dict[str, str] = {}
        try:
            for rel in self.document.part.rels.values():
                if rel.reltype.endswith("/theme"):
                    from lxml import etree

                    root = etree.fromstring(rel.target_part.blob)
                    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
                    for kind in ("minor", "major"):
                        latin = root.find(f".//a:{kind}Font/a:latin", ns)
                        if latin is not None:
                            fonts[kind] = latin.get("typeface", "")
        except Exception:  # noqa: BLE001 - a theme we cannot read: Word's sans default
            return {}
        return fonts

    # -- numbering -----------------------------------------------------------------------
    def _numbering(self) -> dict[str, dict[int, tuple[str, str, int, Any]]]:
        """numId -> level -> (format, level text, start, the w:lvl element)."""
        try:
            root = self.document.part.numbering_part.element
        # python-docx raises NotImplementedError for a document without a numbering part (it
        # cannot make one): such a letter simply has no numbered lists.
        except (KeyError, NotImplementedError, AttributeError):
            return {}
        abstract: dict[str, dict[int, tuple[str, str, int, Any]]] = {}
        for definition in root.findall(qn("w:abstractNum")):
            levels = {}
            for level in definition.findall(qn("w:lvl")):
                fmt = _val(level.find(qn("w:numFmt"))) or "decimal"
                text = _val(level.find(qn("w:lvlText"))) or ""
                start = int(_val(level.find(qn("w:start"))) or 1)
                levels[int(level.get(qn("w:ilvl")))] = (fmt, text, start, level)
            abstract[definition.get(qn("w:abstractNumId"))] = levels
        numbers = {}
        for num in root.findall(qn("w:num")):
            numbers[num.get(qn("w:numId"))] = abstract.get(_val(num.find(qn("w:abstractNumId")))
                                                           or "", {})
        return numbers

    def _number_level(self, chain: Sequence[Any]) -> tuple[str, str, int, Any] | None:
        found = self._number_of(chain)
        return None if found is None else self.numbering[found[0]][found[1]]

    def _number_of(self, chain: Sequence[Any]) -> tuple[str, int] | None:
        num_pr = _first(chain, "w:numPr")
        if num_pr is None:
            return None
        num_id = _val(num_pr.find(qn("w:numId"))) or ""
        level = int(_val(num_pr.find(qn("w:ilvl"))) or 0)
        if num_id == "0" or level not in self.numbering.get(num_id, {}):
            return None
        return num_id, level

    def number_label(self, chain: Sequence[Any]) -> str:
        found = self._number_of(chain)
        if found is None:
            return ""
        num_id, level = found
        levels = self.numbering[num_id]
        for key in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[key]  # a higher level restarts the deeper ones
        fmt, text, start, _element = levels[level]
        self.counters[(num_id, level)] = self.counters.get((num_id, level), start - 1) + 1
        if fmt == "bullet":
            return "\u2022"

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            at_fmt, _text, start_at, _el = levels.get(at, ("decimal", "", 1, None))
            return _format_number(self.counters.get((num_id, at), start_at), at_fmt)

        return re.sub(r"%(\d)", number, text)


def _on_attr(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _toggle(element: Any) -> bool:
    return element is not None and _on(element)


def _val(element: Any) -> str | None:
    return None if element is None else element.get(qn("w:val"))


def _path(element: Any, *tags: str) -> Any:
    for tag in tags:
        if element is None:
            return None
        element = element.find(qn(tag))
    return element


def _first(chain: Sequence[Any], tag: str) -> Any:
    for element in chain:
        found = element.find(qn(tag))
        if found is not None:
            return found
    return None


def _attr(chain: Sequence[Any], tag: str, *attributes: str) -> str | None:
    """The first value of one of `attributes` of `tag` along the chain (Word resolves each
    attribute of w:ind and w:spacing on its own)."""
    for element in chain:
        found = element.find(qn(tag))
        if found is None:
            continue
        for attribute in attributes:
            value = found.get(qn(attribute))
            if value is not None:
                return value
    return None


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
        roman = ""
        for amount, numeral in numerals:
            count, value = divmod(value, amount)
            roman += numeral * count
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


@dataclass
class _ParaFormat:
    align: int = TA_LEFT
    left: float = 0.0
    right: float = 0.0
    first_line: float = 0.0
    before: float = 0.0
    after: float = 0.0
    line: float = 1.0  # multiple of a single line, or points when `line_rule` is exact/atLeast
    line_rule: str = "auto"
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    tabs: tuple[TabStop, ...] = ()
    borders: dict[str, tuple[str, float, float, str]] = field(default_factory=dict)
    style_names: tuple[str, ...] = ()


ALIGNMENTS = {"center": TA_CENTER, "right": TA_RIGHT, "end": TA_RIGHT, "both": TA_JUSTIFY,
              "distribute": TA_JUSTIFY, "left": TA_LEFT, "start": TA_LEFT}


class _Builder:
    """Turns the body (or a header) of the document into platypus flowables."""

    def __init__(self, reader: _Reader, part: Any, page: _Page, page_number: int = 0) -> None:
        self.reader = reader
        self.part = part  # the document or header part: pictures are its relations
        self.page = page  # floating pictures are placed on it
        self.page_number = page_number  # a header's or footer's PAGE field shows it (0: not)
        self.count = 0
        self._field = ""  # the instruction of the complex field being read ("" outside one)
        self._in_result = False  # inside that field's shown result

    # -- paragraphs ----------------------------------------------------------------------
    def para_format(self, p: Any) -> _ParaFormat:
        chain = self.reader.ppr_chain(p)
        fmt = _ParaFormat()
        fmt.align = ALIGNMENTS.get(_val(_first(chain, "w:jc")) or "left", TA_LEFT)
        fmt.left = _twips(_attr(chain, "w:ind", "w:left", "w:start")) or 0.0
        fmt.right = _twips(_attr(chain, "w:ind", "w:right", "w:end")) or 0.0
        hanging = _twips(_attr(chain, "w:ind", "w:hanging"))
        fmt.first_line = -hanging if hanging else (_twips(_attr(chain, "w:ind",
                                                                "w:firstLine")) or 0.0)
        fmt.before = _twips(_attr(chain, "w:spacing", "w:before")) or 0.0
        fmt.after = _twips(_attr(chain, "w:spacing", "w:after")) or 0.0
        line = _attr(chain, "w:spacing", "w:line")
        fmt.line_rule = _attr(chain, "w:spacing", "w:lineRule") or "auto"
        if line is not None:
            fmt.line = float(line) / 240 if fmt.line_rule == "auto" else float(line) / 20
        elif fmt.line_rule != "auto":
            fmt.line_rule = "auto"
        fmt.keep_next = _toggle(_first(chain, "w:keepNext"))
        fmt.keep_lines = _toggle(_first(chain, "w:keepLines"))
        fmt.page_break_before = _toggle(_first(chain, "w:pageBreakBefore"))
        fmt.tabs = self._tabs(chain)
        borders = _first(chain, "w:pBdr")
        if borders is not None:
            for side in ("top", "bottom"):
                edge = borders.find(qn(f"w:{side}"))
                kind = _val(edge) if edge is not None else None
                if edge is not None and kind not in (None, "nil", "none"):
                    fmt.borders[side] = (kind or "single", float(edge.get(qn("w:sz")) or 4) / 8,
                                         float(edge.get(qn("w:space")) or 1),
                                         edge.get(qn("w:color")) or "")
        names = []
        for style in self.reader.para_style_chain(p):
            name = style.find(qn("w:name"))
            names.append((_val(name) or "").lower())
        fmt.style_names = tuple(names)
        return fmt

    def _tabs(self, chain: Sequence[Any]) -> tuple[TabStop, ...]:
        stops: dict[float, TabStop] = {}
        for element in reversed(chain):  # the defaults first, the paragraph's own last
            tabs = element.find(qn("w:tabs"))
            if tabs is None:
                continue
            for tab in tabs.findall(qn("w:tab")):
                pos = _twips(tab.get(qn("w:pos"))) or 0.0
                kind = tab.get(qn("w:val")) or "left"
                if kind == "clear":
                    stops.pop(pos, None)
                elif kind != "bar":
                    leader = tab.get(qn("w:leader")) or ""
                    stops[pos] = TabStop(pos, {"start": "left", "end": "right"}.get(kind, kind),
                                         "" if leader == "none" else leader)
        return tuple(sorted(stops.values(), key=lambda stop: stop.pos))

    def tokens(self, p: Any) -> Iterator[Token]:
        yield from self._walk(p, p)

    def _walk(self, container: Any, p: Any) -> Iterator[Token]:
        for child in container:
            tag = child.tag
            if tag == qn("w:r"):
                yield from self._run(child, p)
            elif tag == qn("w:fldSimple") and self._page_field(child.get(qn("w:instr"))):
                runs = child.findall(qn("w:r"))
                style = self.reader.run_style(self.reader.rpr_chain(
                    runs[0].find(qn("w:rPr")) if runs else None, p))
                yield Token("text", str(self.page_number), style)
            elif tag in (qn("w:hyperlink"), qn("w:ins"), qn("w:smartTag"), qn("w:fldSimple"),
                         qn("w:customXml"), qn("w:sdtContent")):
                yield from self._walk(child, p)
            elif tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self._walk(content, p)

    def _run(self, run: Any, p: Any) -> Iterator[Token]:
        style = self.reader.run_style(self.reader.rpr_chain(run.find(qn("w:rPr")), p))
        for child in run:
            tag = child.tag
            if tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    self._field, self._in_result = " ", False
                elif kind == "separate":
                    self._in_result = True
                    if self._page_field(self._field):  # the page number instead of the cached
                        yield Token("text", str(self.page_number), style)
                elif kind == "end":
                    self._field, self._in_result = "", False
            elif tag == qn("w:instrText"):
                self._field += child.text or ""
            elif tag == qn("w:t"):
                if self._in_result and self._page_field(self._field):
                    continue
                yield Token("text", child.text or "", style)
            elif tag == qn("w:tab"):
                yield Token("tab", style=style)
            elif tag in (qn("w:br"), qn("w:cr")):
                kind = child.get(qn("w:type"))
                yield Token("page" if kind == "page" else "br", style=style)
            elif tag == qn("w:noBreakHyphen"):
                yield Token("text", "-", style)
            elif tag == qn("w:drawing"):
                picture = self._picture(child)
                if picture is not None:
                    yield picture
            elif tag == MC + "AlternateContent":  # Word's text box (or shape) with a fallback
                drawing = child.find(f"{MC}Choice/{qn('w:drawing')}")
                picture = self._picture(drawing) if drawing is not None else None
                if picture is None:
                    picture = self._text_box(child.find(f".//{qn('w:txbxContent')}"))
                if picture is not None:
                    yield picture
            elif tag == qn("w:pict"):  # an old (VML) text box: its text, in the flow
                box = self._text_box(child.find(f".//{qn('w:txbxContent')}"))
                if box is not None:
                    yield box
            elif tag == qn("w:lastRenderedPageBreak"):
                continue

    def _text_box(self, content: Any, width: float = 0.0) -> Token | None:
        """A text box's paragraphs as flowables (inside Word's default insets)."""
        if content is None:
            return None
        inner = max((width or self.page.width - self.page.left - self.page.right)
                    - 2 * TEXT_BOX_INSET[0], 12.0)
        return Token("box", width=width or inner, content=self.blocks(content, inner))

    def _page_field(self, instruction: str | None) -> bool:
        """A PAGE field in a header or footer (the body keeps a field's cached text)."""
        words = (instruction or "").split()
        return bool(self.page_number) and bool(words) and words[0].upper() == "PAGE"

    def _picture(self, drawing: Any) -> Token | None:
        holder = drawing.find(qn("wp:inline"))
        if holder is None:
            holder = drawing.find(qn("wp:anchor"))
        if holder is None:
            return None
        extent = holder.find(qn("wp:extent"))
        blip = holder.find(".//" + qn("a:blip"))
        if extent is None:
            return None
        if blip is None:  # a text box: its paragraphs, placed as the picture would be
            width = int(extent.get("cx")) / EMU_PER_POINT
            box = self._text_box(holder.find(f".//{qn('w:txbxContent')}"), width)
            if box is None:
                return None
            box.anchor = _anchor(holder) if holder.tag == qn("wp:anchor") else None
            box.height = int(extent.get("cy")) / EMU_PER_POINT
            return box
        rel_id = blip.get(qn("r:embed"))
        try:
            blob = self.part.related_parts[rel_id].blob
        except KeyError:
            return None
        anchor = _anchor(holder) if holder.tag == qn("wp:anchor") else None
        return Token("anchor" if anchor else "img", image=blob, anchor=anchor,
                     width=int(extent.get("cx")) / EMU_PER_POINT,
                     height=int(extent.get("cy")) / EMU_PER_POINT)

    def paragraph(self, p: Any, width: float) -> list[Flowable]:
        fmt = self.para_format(p)
        tokens = list(self.tokens(p))
        label = self.reader.number_label(self.reader.ppr_chain(p))
        mark_style = self.reader.run_style(self.reader.rpr_chain(
            _path(p, "w:pPr", "w:rPr"), p))
        if label:
            tokens[:0] = [Token("text", label, tokens[0].style if tokens and tokens[0].style
                                else mark_style), Token("tab", style=mark_style)]
        flowables: list[Flowable] = []
        if fmt.page_break_before:
            flowables.append(PageBreak())
        for index, part in enumerate(_split(tokens, "page")):
            if index:
                flowables.append(PageBreak())
                if not part:
                    continue  # a page break at the paragraph's end starts no empty line
            flowables += self._paragraph_part(part, fmt, mark_style, width)
        return flowables

    def _style(self, fmt: _ParaFormat, size: float, mark: RunStyle) -> ParagraphStyle:
        self.count += 1
        single = size * SINGLE_LINE
        if fmt.line_rule == "exact":
            leading = fmt.line
        elif fmt.line_rule == "atLeast":
            leading = max(fmt.line, single)
        else:
            leading = single * fmt.line
        return ParagraphStyle(
            f"p{self.count}", fontName=mark.font, fontSize=size, leading=leading,
            alignment=fmt.align, leftIndent=max(fmt.left, 0), rightIndent=max(fmt.right, 0),
            firstLineIndent=fmt.first_line, spaceBefore=fmt.before, spaceAfter=fmt.after,
            keepWithNext=int(fmt.keep_next), allowWidows=0, allowOrphans=0,
            splitLongWords=1)

    def _paragraph_part(self, tokens: list[Token], fmt: _ParaFormat, mark: RunStyle,
                        width: float) -> list[Flowable]:
        pictures = [t for t in tokens if t.kind == "img"]
        floating = [t for t in tokens if t.kind == "anchor" or
                    (t.kind == "box" and t.anchor is not None)]
        boxes = [t for t in tokens if t.kind == "box" and t.anchor is None]
        texts = [t for t in tokens if t.kind not in ("img", "anchor", "box")]
        sizes = [t.style.size for t in texts if t.style is not None and
                 (t.kind != "text" or t.text.strip())]
        size = max(sizes or [mark.size])
        if self.reader.floor:
            self.reader.log.body_sizes.update(sizes or [mark.size])
        style = self._style(fmt, size, mark)
        flowables: list[Flowable] = []
        has_text = any(t.kind == "text" and t.text.strip() for t in texts)
        if has_text or not pictures:
            if any(t.kind == "tab" for t in texts):
                flowables.append(self._tabbed(texts, fmt, style, width))
            else:
                flowables.append(Paragraph(_markup(texts) or "\u00a0", style))
        if pictures:
            flowables.append(self._pictures(pictures, fmt, width,
                                            style if not has_text else None))
        for box in boxes:  # a text box in the line: its paragraphs after the paragraph
            flowables.append(KeepTogether(box.content or []))
        if floating:  # drawn where Word puts them, from the paragraph's place on the page
            flowables[0] = _WithAnchors(flowables[0], floating, self.page)
        if "top" in fmt.borders:
            flowables.insert(0, self._rule(fmt, "top"))
        if "bottom" in fmt.borders:
            flowables.append(self._rule(fmt, "bottom"))
        return flowables

    @staticmethod
    def _rule(fmt: _ParaFormat, side: str) -> _Rule:
        kind, size, space, color = fmt.borders[side]
        return _Rule(kind, size, space, (max(fmt.left, 0), max(fmt.right, 0)), color)

    def _pictures(self, pictures: list[Token], fmt: _ParaFormat, width: float,
                  style: ParagraphStyle | None) -> Flowable:
        available = max(width - max(fmt.left, 0) - max(fmt.right, 0), 1.0)
        images = []
        for picture in pictures:
            tallest = self.page.height - self.page.top - self.page.bottom - 24  # fits a page
            scale = min(1.0, available / picture.width if picture.width else 1.0,
                        tallest / picture.height if picture.height else 1.0)
            images.append(Image(io.BytesIO(picture.image), width=picture.width * scale,
                                height=picture.height * scale))
        align = {TA_CENTER: "CENTER", TA_RIGHT: "RIGHT"}.get(fmt.align, "LEFT")
        if len(images) == 1:
            flowable: Flowable = images[0]
        else:
            flowable = Table([images], hAlign=align)
            flowable.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                          ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
        if style is not None:  # a paragraph of pictures only keeps its spacing
            flowable.spaceBefore, flowable.spaceAfter = style.spaceBefore, style.spaceAfter
        return _Aligned(flowable, align, (max(fmt.left, 0), max(fmt.right, 0)))

    def _tabbed(self, tokens: list[Token], fmt: _ParaFormat, style: ParagraphStyle,
                width: float) -> Flowable:
        segments = _split(tokens, "tab")
        left = max(fmt.left, 0)
        stops = list(fmt.tabs)
        if fmt.first_line < 0:  # a hanging indent is a tab stop of its own
            stops.append(TabStop(left, "left"))
            stops.sort(key=lambda stop: stop.pos)
        x = left + fmt.first_line
        items: list[tuple[float, float, Paragraph]] = []
        single = ParagraphStyle(f"{style.name}s", parent=style, leftIndent=0, rightIndent=0,
                                firstLineIndent=0, alignment=TA_LEFT, spaceBefore=0,
                                spaceAfter=0)
        main_start: float | None = None
        last = len(segments) - 1
        for index, segment in enumerate(segments):
            seg_width = _width(segment)
            if index == 0:
                start, align = x, "left"
            else:
                stop = next((s for s in stops if s.pos > x + 0.01), None)
                if stop is None:
                    pos = (int(x / self.reader.default_tab) + 1) * self.reader.default_tab
                    stop = TabStop(pos, "left")
                align = stop.align
                if align == "right":
                    start = max(stop.pos - seg_width, x)
                elif align in ("center", "decimal"):
                    start = max(stop.pos - seg_width / 2, x)
                else:
                    start = stop.pos
                if stop.leader and segments[index - 1]:
                    items += self._leader(stop.leader, segments[index - 1][-1], x, start,
                                          single)
            if index == last and align == "left":
                main_start = start
                break
            if segment:
                items.append((start, seg_width + 1, Paragraph(_markup(segment), single)))
            x = start + seg_width
        if main_start is None:
            main = Paragraph("\u00a0", style)
        else:
            main = Paragraph(_markup(segments[-1]) or "\u00a0", ParagraphStyle(
                f"{style.name}m", parent=style, leftIndent=left,
                firstLineIndent=main_start - left))
        return _TabLine(main, items)

    @staticmethod
    def _leader(kind: str, before: Token, start: float, end: float,
                style: ParagraphStyle) -> list[tuple[float, float, Paragraph]]:
        """The dots (or dashes, or line) filling a tab's gap, in the face of the text before
        it: "Nama ........ : Ahmad"."""
        mark = {"dot": ".", "hyphen": "-", "underscore": "_", "middleDot": "\u00b7",
                "heavy": "_"}.get(kind, ".")
        run = before.style or RunStyle()
        gap = end - start - 2
        count = int(gap / max(pdfmetrics.stringWidth(mark, run.font, run.size), 0.1))
        if count < 2:
            return []
        filled = Token("text", mark * count, RunStyle(run.family, run.size))
        return [(start + 1, gap + 1, Paragraph(_markup([filled]), style))]

    # -- tables --------------------------------------------------------------------------
    def table(self, tbl: Any, width: float) -> list[Flowable]:
        tbl_pr = tbl.find(qn("w:tblPr"))
        style_chain = []
        if tbl_pr is not None and tbl_pr.find(qn("w:tblStyle")) is not None:
            style_chain = self.reader._style_chain(_val(tbl_pr.find(qn("w:tblStyle"))))
        pr_chain = [el for el in [tbl_pr, *[s.find(qn("w:tblPr")) for s in style_chain]]
                    if el is not None]
        grid = [(_twips(col.get(qn("w:w"))) or 0.0)
                for col in _path(tbl, "w:tblGrid").findall(qn("w:gridCol"))] \
            if _path(tbl, "w:tblGrid") is not None else []
        rows = tbl.findall(qn("w:tr"))
        columns = max([len(grid)] + [sum(int(_val(_path(tc, "w:tcPr", "w:gridSpan")) or 1)
                                         for tc in tr.findall(qn("w:tc"))) for tr in rows])
        if len(grid) < columns or not all(grid):
            grid = [width / columns] * columns
        indent = _twips(_attr(pr_chain, "w:tblInd", "w:w")) or 0.0
        total = sum(grid)
        layout = _first(pr_chain, "w:tblLayout")
        fixed = layout is not None and layout.get(qn("w:type")) == "fixed"
        if not fixed and total > width - indent and total > 0:
            grid = [w * (width - max(indent, 0)) / total for w in grid]  # autofit: to the page
        pad_left = _twips(_attr(pr_chain, "w:tblCellMar", "w:left", "w:start"))
        pad_right = _twips(_attr(pr_chain, "w:tblCellMar", "w:right", "w:end"))
        pad_top = _twips(_attr(pr_chain, "w:tblCellMar", "w:top")) or 0.0
        pad_bottom = _twips(_attr(pr_chain, "w:tblCellMar", "w:bottom")) or 0.0
        pad_left = DEFAULT_CELL_PADDING if pad_left is None else pad_left
        pad_right = DEFAULT_CELL_PADDING if pad_right is None else pad_right
        table_borders = _first(pr_chain, "w:tblBorders")

        data: list[list[Any]] = [["" for _ in range(columns)] for _ in rows]
        commands: list[tuple[Any, ...]] = [
            ("LEFTPADDING", (0, 0), (-1, -1), pad_left),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad_right),
            *_narrow_column_padding(grid, pad_left, pad_right),
            ("TOPPADDING", (0, 0), (-1, -1), pad_top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad_bottom),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        origin: dict[int, tuple[int, int, int]] = {}  # column -> (row, col, span) merging down
        heights: list[float | None] = []
        repeat = 0
        for r, tr in enumerate(rows):
            tr_pr = tr.find(qn("w:trPr"))
            height = _path(tr_pr, "w:trHeight")
            heights.append(_twips(_val(height)) if height is not None and
                           height.get(qn("w:hRule")) == "exact" else None)
            if height is not None and height.get(qn("w:hRule")) != "exact" and \
                    _twips(height.get(qn("w:val"))):
                heights[-1] = -(_twips(height.get(qn("w:val"))) or 0.0)  # at least
            if tr_pr is not None and _toggle(tr_pr.find(qn("w:tblHeader"))) and repeat == r:
                repeat = r + 1
            c = int(_val(_path(tr_pr, "w:gridBefore")) or 0)
            for tc in tr.findall(qn("w:tc")):
                if c >= columns:
                    break
                tc_pr = tc.find(qn("w:tcPr"))
                span = min(int(_val(_path(tc_pr, "w:gridSpan")) or 1), columns - c)
                merge = _path(tc_pr, "w:vMerge")
                if merge is not None and _val(merge) != "restart" and c in origin:
                    row0, col0, span0 = origin[c]
                    commands.append(("SPAN", (col0, row0), (col0 + span0 - 1, r)))
                    c += span
                    continue
                origin.pop(c, None)
                if merge is not None:
                    origin[c] = (r, c, span)
                if span > 1:
                    commands.append(("SPAN", (c, r), (c + span - 1, r)))
                cell_width = sum(grid[c:c + span])
                inner = max(cell_width - pad_left - pad_right, MIN_CELL_TEXT)
                data[r][c] = self.blocks(tc, inner) or ""
                valign = _val(_path(tc_pr, "w:vAlign"))
                if valign in ("center", "bottom"):
                    commands.append(("VALIGN", (c, r), (c + span - 1, r),
                                     "MIDDLE" if valign == "center" else "BOTTOM"))
                fill = _path(tc_pr, "w:shd")
                if fill is not None and (fill.get(qn("w:fill")) or "auto") not in ("auto", ""):
                    commands.append(("BACKGROUND", (c, r), (c + span - 1, r),
                                     colors.HexColor("#" + fill.get(qn("w:fill")))))
                commands += _cell_borders(table_borders, _path(tc_pr, "w:tcBorders"), r, c,
                                          span, len(rows), columns)
                c += span
        if self.reader.table_text_aligned:
            indent -= pad_left
        row_heights = self._row_heights(data, grid, heights, pad_top + pad_bottom)
        table = Table(data, colWidths=grid, rowHeights=row_heights, repeatRows=repeat,
                      hAlign={"center": "CENTER", "right": "RIGHT"}.get(
                          _val(_first(pr_chain, "w:jc")) or "", "LEFT"))
        table.setStyle(TableStyle(commands))
        if indent and table.hAlign == "LEFT":
            return [_Shift(table, indent)]
        return [table]

    @staticmethod
    def _row_heights(data: list[list[Any]], grid: list[float], heights: list[float | None],
                     padding: float) -> list[float | None] | None:
        """Exact heights as given; "at least" heights (negative here) grown to the content."""
        if not any(heights):
            return None
        result: list[float | None] = []
        for row, height in zip(data, heights, strict=True):
            if height is None or height >= 0:
                result.append(height)
                continue
            needed = 0.0
            for cell, col_width in zip(row, grid, strict=True):
                if isinstance(cell, list):
                    needed = max(needed, sum(f.wrap(col_width, 10_000)[1] +
                                             f.getSpaceBefore() + f.getSpaceAfter()
                                             for f in cell))
            result.append(max(-height, needed + padding))
        return result

    # -- the body ------------------------------------------------------------------------
    def blocks(self, container: Any, width: float) -> list[Flowable]:
        flowables: list[Flowable] = []
        for kind, element in _children(container):
            flowables += (self.paragraph(element, width) if kind == "p"
                          else self.table(element, width))
        return flowables


def _children(container: Any) -> Iterator[tuple[str, Any]]:
    for child in container:
        if child.tag == qn("w:p"):
            yield "p", child
        elif child.tag == qn("w:tbl"):
            yield "tbl", child
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _children(content)


def _narrow_column_padding(grid: Sequence[float], left: float,
                           right: float) -> list[tuple[Any, ...]]:
    """Smaller cell margins for a column narrower than its margins (the ":" column of a
    "Dikeluarkan di : Jogoroto" block), so its text keeps MIN_CELL_TEXT points."""
    commands: list[tuple[Any, ...]] = []
    for column, column_width in enumerate(grid):
        if column_width - left - right < MIN_CELL_TEXT:
            pad = max((column_width - MIN_CELL_TEXT) / 2, 0.0)
            commands += [("LEFTPADDING", (column, 0), (column, -1), pad),
                         ("RIGHTPADDING", (column, 0), (column, -1), pad)]
    return commands


BORDER_SIDES = {"top": "LINEABOVE", "bottom": "LINEBELOW", "left": "LINEBEFORE",
                "right": "LINEAFTER"}


def _border(edge: Any) -> tuple[float, Any] | None | bool:
    """(width, colour) of a border element; False when it says "no border"; None if absent."""
    if edge is None:
        return None
    kind = _val(edge)
    if kind in ("nil", "none"):
        return False
    color = edge.get(qn("w:color")) or ""
    return (max(float(edge.get(qn("w:sz")) or 4) / 8, 0.25),
            colors.HexColor("#" + color) if re.fullmatch(r"[0-9A-Fa-f]{6}", color)
            else colors.black)


def _cell_borders(table_borders: Any, cell_borders: Any, r: int, c: int, span: int,
                  rows: int, columns: int) -> list[tuple[Any, ...]]:
    commands = []
    last_c = c + span - 1
    outer = {"top": r == 0, "bottom": r == rows - 1, "left": c == 0, "right": last_c == columns - 1}
    inner = {"top": "insideH", "bottom": "insideH", "left": "insideV", "right": "insideV"}
    for side, command in BORDER_SIDES.items():
        spec = _border(cell_borders.find(qn(f"w:{side}"))) if cell_borders is not None else None
        if spec is None and cell_borders is not None and side in ("left", "right"):
            spec = _border(cell_borders.find(qn("w:start" if side == "left" else "w:end")))
        if spec is None and table_borders is not None:
            name = side if outer[side] else inner[side]
            spec = _border(table_borders.find(qn(f"w:{name}")))
            if spec is None and side in ("left", "right") and outer[side]:
                spec = _border(table_borders.find(qn("w:start" if side == "left" else "w:end")))
        if spec:
            width, color = spec  # type: ignore[misc]
            commands.append((command, (c, r), (last_c, r), width, color))
    return commands


def _split(tokens: Sequence[Token], kind: str) -> list[list[Token]]:
    """The runs of tokens between the tokens of `kind` (tabs, page breaks)."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind == kind:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _width(tokens: Sequence[Token]) -> float:
    total = 0.0
    for token in tokens:
        if token.kind == "text" and token.style is not None:
            text = token.text.upper() if token.style.caps else token.text
            total += pdfmetrics.stringWidth(text, token.style.font, token.style.size)
    return total


def _markup(tokens: Sequence[Token]) -> str:
    """reportlab paragraph markup of text runs (each run in its own face and size)."""
    pieces = []
    for token in tokens:
        if token.kind == "br":
            pieces.append("<br/>")
            continue
        if token.kind != "text" or not token.text or token.style is None:
            continue
        style = token.style
        text = escape(style.caps and token.text.upper() or token.text)
        text = text.replace("  ", " \u00a0")  # Word keeps runs of spaces
        if style.underline:
            text = f"<u>{text}</u>"
        if style.strike:
            text = f"<strike>{text}</strike>"
        if style.vert == "superscript":
            text = f"<super>{text}</super>"
        elif style.vert == "subscript":
            text = f"<sub>{text}</sub>"
        color = f' color="#{style.color}"' if re.fullmatch(r"[0-9A-Fa-f]{6}", style.color) \
            else ""
        pieces.append(f'<font face="{style.font}" size="{style.size:g}"{color}>{text}</font>')
    return "".join(pieces)


# -- the signature block ----------------------------------------------------------------------
def _block_text(kind: str, element: Any) -> str:
    if kind == "p":
        return "".join(t.text or "" for t in element.iter(qn("w:t")))
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for p in element.iter(qn("w:p")))


def _signature_like(builder: _Builder, kind: str, element: Any, text_width: float) -> bool:
    """A paragraph of the signature block's upper part or its room to sign: empty, marked by
    its style, set in the right half (indent, alignment or leading tabs), or a.n./jabatan/
    place-and-date text."""
    if kind != "p":
        return bool(NIP_LINE.search(_block_text(kind, element)))
    text = _block_text(kind, element)
    if not text.strip():
        return True
    fmt = builder.para_format(element)
    if any(word in name for name in fmt.style_names for word in SIGNATURE_STYLE_WORDS):
        return True
    first_run_tab = element.find(".//" + qn("w:r") + "/" + qn("w:tab")) is not None and \
        not "".join(t.text or "" for t in _leading_text(element)).strip()
    return (fmt.left >= text_width * 0.3 or first_run_tab or
            (fmt.align in (TA_CENTER, TA_RIGHT) and len(text) < 70 and
             bool(SIGNATURE_HEAD.match(text))) or bool(SIGNATURE_HEAD.match(text)))


def _leading_text(p: Any) -> list[Any]:
    """The w:t elements before the paragraph's first tab."""
    found = []
    for element in p.iter(qn("w:t"), qn("w:tab")):
        if element.tag == qn("w:tab"):
            break
        found.append(element)
    return found


def signature_span(builder: _Builder, elements: Sequence[tuple[str, Any]],
                   text_width: float) -> tuple[int, int, int] | None:
    """(last body element, first signature element, last signature element) of the body's
    top-level elements, or None when no NIP line shows a signature block."""
    nip = next((i for i in range(len(elements) - 1, -1, -1)
                if NIP_LINE.search(_block_text(*elements[i]))), None)
    if nip is None:
        return None
    start = nip
    while start > 0 and _signature_like(builder, *elements[start - 1], text_width):
        start -= 1
    while start < nip and elements[start][0] == "p" and \
            not _block_text(*elements[start]).strip():
        start += 1  # empty lines before the block are spacing, not the block
    body = start - 1
    while body >= 0 and elements[body][0] == "p" and not _block_text(*elements[body]).strip():
        body -= 1
    return max(body, 0) if body >= 0 else start, start, nip


# -- the document -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Page:
    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float
    header: float
    footer: float


def _page(section: Any, paper: str | None) -> _Page:
    def points(value: Any, default: float) -> float:
        return value.pt if value is not None else default

    width = points(section.page_width, PAPERS["F4"][0])
    height = points(section.page_height, PAPERS["F4"][1])
    if paper:
        width, height = PAPERS[paper] if width <= height else PAPERS[paper][::-1]
    return _Page(width, height, points(section.top_margin, 72), points(section.bottom_margin, 72),
                 points(section.left_margin, 72), points(section.right_margin, 72),
                 points(section.header_distance, 36), points(section.footer_distance, 36))


def _stack_height(flowables: Sequence[Flowable], width: float) -> float:
    return sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
               for f in flowables)


def _draw_stack(canvas: Any, flowables: Sequence[Flowable], x: float, top: float,
                width: float) -> None:
    y = top
    for index, flowable in enumerate(flowables):
        _w, height = flowable.wrap(width, 10_000)
        if index:
            y -= flowable.getSpaceBefore()
        y -= height
        flowable.drawOn(canvas, x, y)
        y -= flowable.getSpaceAfter()


def open_docx(source: bytes | str | Path | IO[bytes]) -> Any:
    """The python-docx Document of `source`; NaskahPdfError when it is no Word document."""
    stream: Any = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        return Document(stream)
    except Exception as exc:  # python-docx raises several kinds for a file that is no .docx
        raise NaskahPdfError("Berkas bukan dokumen Word (.docx) yang dapat dibaca.") from exc


def layout_docx_pdf(source: bytes | str | Path | IO[bytes], target: str | Path | IO[bytes], *,
                    paper: str | None = None) -> NaskahLayout:
    """Write the program's own PDF of the .docx `source` to `target`; `paper` ("A4"/"F4")
    replaces the document's own page size (margins kept). Returns the layout log."""
    if paper is not None and paper not in PAPERS:
        raise NaskahPdfError(f"Ukuran kertas {paper!r} tidak dikenal (pilih A4 atau F4).")
    document = open_docx(source)
    register_fonts()
    _register_serif()
    log = NaskahLayout()
    reader = _Reader(document, log)
    section = document.sections[-1]
    page = _page(section, paper)
    log.page_size = (page.width, page.height)
    text_width = page.width - page.left - page.right

    builder = _Builder(reader, document.part, page)
    story = _story(builder, document, text_width, log)

    reader.floor = False

    def margins(first: bool, number: int) -> tuple[list[Flowable], list[Flowable]]:
        """The header and footer of a page (built per page: a PAGE field shows its number)."""
        which = 0 if first else 1
        return (_margin_parts(builder, section, "header", text_width, number)[which],
                _margin_parts(builder, section, "footer", text_width, number)[which])

    def frame_for(first: bool) -> Frame:
        header, footer = margins(first, 1)
        top = max(page.top, page.header + _stack_height(header, text_width))
        bottom = max(page.bottom, page.footer + _stack_height(footer, text_width))
        return Frame(page.left, bottom, text_width, page.height - top - bottom,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def painter(first: bool) -> Any:
        def on_page(canvas: Any, _doc: Any) -> None:
            header, footer = margins(first, canvas.getPageNumber())
            _draw_stack(canvas, header, page.left, page.height - page.header, text_width)
            _draw_stack(canvas, footer, page.left,
                        page.footer + _stack_height(footer, text_width), text_width)
        return on_page

    templates = [PageTemplate("first", [frame_for(True)], onPage=painter(True)),
                 PageTemplate("later", [frame_for(False)], onPage=painter(False))]
    output: Any = target if hasattr(target, "write") else str(target)
    core = document.core_properties
    template = BaseDocTemplate(output, pagesize=(page.width, page.height), pageTemplates=templates,
                               title=core.title or "Naskah dinas", author=core.author or "",
                               creator="Jogoroto Desktop", leftMargin=page.left,
                               rightMargin=page.right, topMargin=page.top,
                               bottomMargin=page.bottom)
    try:
        template.build([NextPageTemplate("later"), *story])
    except LayoutError as exc:
        raise NaskahPdfError("Tata letak PDF surat tidak dapat dibuat: ada bagian (tabel atau "
                             "gambar) yang lebih besar dari satu halaman. Buka .docx dan "
                             "cetak dari Word/LibreOffice.") from exc
    log.pages = template.page
    return log


def _margin_parts(builder: _Builder, section: Any, kind: str, width: float,
                  page_number: int) -> tuple[list[Flowable], list[Flowable]]:
    """The flowables of the first page's and the other pages' header (or footer) of page
    `page_number`."""
    def build(part: Any) -> list[Flowable]:
        if part is None or part.is_linked_to_previous:
            return []
        margin_builder = _Builder(builder.reader, part.part, builder.page, page_number)
        return margin_builder.blocks(part._element, width)

    later = build(getattr(section, kind))
    if section.different_first_page_header_footer:
        return build(getattr(section, f"first_page_{kind}")), later
    return later, later


def _story(builder: _Builder, document: Any, width: float, log: NaskahLayout) -> list[Flowable]:
    """The body's flowables, the signature block kept whole together with the paragraph
    before it."""
    elements = list(_children(document.element.body))
    span = signature_span(builder, elements, width)
    kop_end = _kop_end(builder, elements)
    story: list[Flowable] = []
    kept: list[Flowable] = []
    for index, (kind, element) in enumerate(elements):
        builder.reader.floor = index > kop_end  # the kop's small address line may stay small
        flowables = (builder.paragraph(element, width) if kind == "p"
                     else builder.table(element, width))
        builder.reader.floor = True
        if span is None or not span[0] <= index <= span[2]:
            story += flowables
            continue
        if index == span[0]:
            flowables = [*flowables, _Mark(log, "isi")]
        if index == span[2]:
            flowables = [*flowables, _Mark(log, "ttd")]
        kept += flowables
        if index == span[2]:
            story.append(KeepTogether(kept))
    return story


def _kop_end(builder: _Builder, elements: Sequence[tuple[str, Any]]) -> int:
    """The index of the kop's closing line (a paragraph border among the first elements), or
    -1: the letterhead is not body text, so the 11 pt floor does not apply to it."""
    for index, (kind, element) in enumerate(elements[:KOP_ELEMENTS]):
        if kind == "p" and "bottom" in builder.para_format(element).borders:
            return index
    return -1


def keep_signature_together(docx_bytes: bytes) -> bytes:
    """The .docx with its signature block marked as Word and LibreOffice understand it: the
    last body paragraph and every paragraph of the block "keep with next" and "keep lines
    together", the block's table rows unsplittable. So LibreOffice (and Word, when the office
    prints from it) never leaves the block alone on a page either. Unchanged without a
    block."""
    document = open_docx(docx_bytes)
    reader = _Reader(document, NaskahLayout())
    section = document.sections[-1]
    page = _page(section, None)
    builder = _Builder(reader, document.part, page)
    elements = list(_children(document.element.body))
    span = signature_span(builder, elements, page.width - page.left - page.right)
    if span is None:
        return docx_bytes
    first, _start, last = span
    for kind, element in elements[first:last + 1]:
        paragraphs = [element] if kind == "p" else list(element.iter(qn("w:p")))
        for paragraph in paragraphs:
            ppr = paragraph.get_or_add_pPr()
            ppr.keepLines_val = True
            if not (kind == "p" and element is elements[last][1]):
                ppr.keepNext_val = True
        if kind == "tbl":
            for row in element.iter(qn("w:tr")):
                properties = row.get_or_add_trPr()
                if properties.find(qn("w:cantSplit")) is None:
                    properties.append(OxmlElement("w:cantSplit"))
    if elements[last][0] == "tbl":  # the table's last row keeps nothing after it
        for paragraph in elements[last][1].findall(qn("w:tr"))[-1].iter(qn("w:p")):
            paragraph.get_or_add_pPr().keepNext_val = False
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_paper(source: bytes | str | Path | IO[bytes]) -> str | None:
    """"F4" or "A4" when the document's page is that paper (within 2 mm), else None."""
    section = open_docx(source).sections[-1]
    if section.page_width is None or section.page_height is None:
        return None
    size = sorted((section.page_width.pt, section.page_height.pt))
    for name, (width, height) in PAPERS.items():
        if abs(size[0] - width) <= PAPER_TOLERANCE and abs(size[1] - height) <= PAPER_TOLERANCE:
            return name
    return None


def docx_text(source: bytes | str | Path | IO[bytes]) -> str:
    """Every text of the document's body, tables included (for checks and messages)."""
    document = open_docx(source)
    return "\n".join(_block_text(kind, element)
                     for kind, element in _children(document.element.body))


# -- the one entry ----------------------------------------------------------------------------
OWN_LAYOUT = "tata letak program"
LIBREOFFICE = "LibreOffice"


def render_naskah_pdf(docx_bytes: bytes, target: str | Path, *, paper: str | None = None,
                      prefer_libreoffice: bool = True) -> str:
    """Write the PDF of a filled naskah to `target`; returns which renderer made it
    (LIBREOFFICE or OWN_LAYOUT). LibreOffice is used when installed, preferred and not switched
    off (JOGOROTO_PDF_SENDIRI=1 or Pengaturan); any failure of it falls back to the own layout.
    A `paper` other than the document's own always uses the own layout (LibreOffice prints the
    page size the document has)."""
    from jogoroto_desktop import naskah_convert

    if prefer_libreoffice and paper is None and naskah_convert.libreoffice_wanted():
        try:
            naskah_convert.convert_to_pdf(keep_signature_together(docx_bytes), Path(target))
            return LIBREOFFICE
        except naskah_convert.ConversionFailed:
            pass  # logged by convert_to_pdf; the own layout always works
    layout_docx_pdf(docx_bytes, target, paper=paper)
    return OWN_LAYOUT
