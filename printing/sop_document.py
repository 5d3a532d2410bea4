"""The printed SOP: an identitas page (portrait) and the uraian prosedur pages (landscape).

The uraian pages paint `jogoroto_desktop.sop.flowchart.layout_sop` exactly as computed (one layout,
two painters): every line of text, symbol, connector and arrow is where the layout put it; this
module only flips y (the layout's origin is top-left, reportlab's bottom-left) and chooses pens.
The identitas page is laid out here with platypus, shrinking its type until it fits one page.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.geometry import MM, Point, Rect
from jogoroto_desktop.kop import Kop
from jogoroto_desktop.sop.catalog import IDENTITAS_LABELS, Catalog, Official, Sop
from jogoroto_desktop.sop.flowchart import (
    FOOTER_HEIGHT,
    FOOTER_SIZE,
    LABEL_SIZE,
    MARGIN,
    PAPERS,
    Arrow,
    Connector,
    FlowchartLayout,
    LayoutError,
    Page,
    Symbol,
    TextBlock,
    layout_sop,
    text_block,
)
from jogoroto_desktop.sop.print_marks import (
    DRAFT_WATERMARK,
    VERSION_ROW_LABEL,
    footer_note,
    version_label,
)
from printing.fonts import FAMILY, font_name

AUTHOR = "Kecamatan Jogoroto"
CREATOR = "Jogoroto Desktop"
DRAFT_NOTICE = "SOP ini belum dirinci: buku SOP hanya mencantumkan namanya."
UNREADABLE_FIELD = "(tidak terbaca pada naskah)"

# Pens of the uraian pages (points).
CELL_LINE = 0.5
SYMBOL_LINE = 0.8
ARROW_LINE = 0.6
ARROW_HEAD_LENGTH = 5.0
ARROW_HEAD_HALF_WIDTH = 2.2
DASH = (2.5, 1.8)
HEADER_FILL = colors.Color(0.86, 0.86, 0.86)
MUTED = colors.Color(0.42, 0.42, 0.42)
DIGIT_HEIGHT = 0.716  # cap/digit height of Liberation Sans, per unit of font size
# The DRAF watermark: as wide as this share of the page diagonal, a light red, mostly clear.
WATERMARK_SHARE = 0.62
WATERMARK_COLOUR = colors.Color(0.80, 0.10, 0.10)
WATERMARK_ALPHA = 0.13

# Identitas page geometry (points).
PORTRAIT_MARGIN_LEFT = 20 * MM  # binding side
PORTRAIT_MARGIN_RIGHT = 15 * MM
PORTRAIT_MARGIN_TOP = 12 * MM
KOP_LOGO_SIZE = 62.0
KOP_GAP = 10.0  # between the double rule and the table
SIGNATURE_SPACE = 48.0
# Type sizes tried in turn until the identitas page fits; below 6.5 pt only for lists far
# longer than any in the book (the whole table is scaled down only past the last size).
IDENTITAS_SIZES = (9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0, 4.5)
UNLIMITED = 1e7


# --------------------------------------------------------------------------------------------
# Public API


def build_sop_pdf(sop: Sop, target: str | Path | BinaryIO, paper: str = "A4",
                  kop: Kop | None = None, *, versi: int | None = None,
                  status_label: str | None = None, draf: bool = False) -> int:
    """Write the printed SOP to `target` (a path or a binary file object); return the page
    count. A draft SOP gets only its identitas page, with a notice instead of the lists.

    `versi` and `status_label` print the version on the identitas page ("Versi 2 · Berlaku")
    and in every footer; `draf` (any version not yet approved) marks every page "DRAF"."""
    check_paper(paper)
    layout = sop_layout(sop, paper)
    total = sop_page_count(layout)
    canvas = Canvas(
        str(target) if isinstance(target, (str, Path)) else target,
        pagesize=PAPERS[paper].portrait,
        initialFontName=font_name("regular"),  # no base-14 Helvetica in the file
        lang="id-ID",
    )
    canvas.setTitle(sop.name)
    canvas.setAuthor(AUTHOR)
    canvas.setSubject(sop.nomor or "")
    canvas.setCreator(CREATOR)
    draw_sop_pages(canvas, sop, paper, kop or Kop(), layout, first_page=1, total_pages=total,
                   versi=versi, status_label=status_label, draf=draf)
    canvas.save()
    return total


def check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise LayoutError(f"Ukuran kertas {paper!r} tidak dikenal (pilih A4 atau F4).")


def sop_layout(sop: Sop, paper: str) -> FlowchartLayout | None:
    """The uraian prosedur pages of `sop` (None for an SOP without steps: identitas only).
    Their footers are painted with the numbers of the document they are printed in."""
    return None if sop.is_draft or not sop.steps else layout_sop(sop, paper)


def sop_page_count(layout: FlowchartLayout | None) -> int:
    """The identitas page and the uraian prosedur pages."""
    return 1 + (len(layout.pages) if layout is not None else 0)


def draw_sop_pages(canvas: Canvas, sop: Sop, paper: str, kop: Kop,
                   layout: FlowchartLayout | None, *, first_page: int, total_pages: int,
                   versi: int | None = None, status_label: str | None = None,
                   draf: bool = False) -> None:
    """Draw (and end) the identitas page and the uraian prosedur pages of `sop` as pages
    `first_page`... of a document of `total_pages` pages (one SOP, or the whole book)."""
    draw_identitas_page(canvas, sop, paper, total_pages, kop, page_number=first_page,
                        versi=versi, status_label=status_label, draf=draf)
    canvas.showPage()
    note = footer_note(versi, status_label, draf)
    for index, page in enumerate(layout.pages if layout is not None else ()):
        canvas.setPageSize((page.width, page.height))
        draw_flowchart_page(canvas, page, number=first_page + 1 + index, total=total_pages,
                            note=note, draf=draf)
        canvas.showPage()


def build_all_sop_pdfs(catalog: Catalog | Iterable[Sop], directory: str | Path,
                       paper: str = "A4", kop: Kop | None = None) -> list[Path]:
    """One "<id>.pdf" per SOP (drafts included: their identitas page) in `directory`."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for sop in catalog:
        path = folder / f"{sop.id}.pdf"
        build_sop_pdf(sop, path, paper, kop)
        written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# Uraian prosedur pages: paint the layout


def draw_flowchart_page(canvas: Canvas, page: Page, *, number: int | None = None,
                        total: int | None = None, note: str = "", draf: bool = False) -> None:
    """Paint one layout page on the current (landscape) canvas page. With `number` and
    `total` the footer says "Halaman number dari total" (the layout's own numbers otherwise);
    `note` goes at the footer's left; `draf` lays the DRAF watermark over the page."""
    height = page.height
    table_cells = [*page.header_cells, *page.cells]

    canvas.saveState()
    canvas.setLineWidth(CELL_LINE)
    canvas.setStrokeColor(colors.black)
    canvas.setFillColor(HEADER_FILL)
    for cell in table_cells:
        r = cell.rect
        canvas.rect(r.x, height - r.bottom, r.w, r.h, stroke=1, fill=1 if cell.header else 0)
    canvas.restoreState()

    for cell in (*page.title, *table_cells):
        _draw_text_block(canvas, cell.text, height)
    if page.footer is not None:
        if number is None or total is None:
            _draw_text_block(canvas, page.footer.text, height)
        else:
            draw_footer(canvas, page.footer.rect, height, number, total)
        if note:
            draw_footer_note(canvas, page.footer.rect, height, note)

    for symbol in page.symbols:
        _draw_symbol(canvas, symbol, height)
    for connector in page.connectors:
        _draw_connector(canvas, connector, height)
    for arrow in page.arrows:
        _draw_arrow(canvas, arrow, height)
    if draf:
        draw_draft_watermark(canvas, page.width, height)


def draw_footer(canvas: Canvas, rect: Rect, height: float, number: int, total: int) -> None:
    """ "Halaman number dari total" at the right of the footer `rect` (layout coordinates)."""
    _draw_text_block(canvas, text_block(f"Halaman {number} dari {total}", rect, FOOTER_SIZE,
                                        align="right", valign="middle"), height)


def draw_footer_note(canvas: Canvas, rect: Rect, height: float, note: str) -> None:
    """`note` (the version, the draft mark) at the left of the footer, in bold; it keeps to
    the left half so the page number beside it stays clear."""
    half = Rect(rect.x, rect.y, rect.w / 2, rect.h)
    _draw_text_block(canvas, text_block(note, half, FOOTER_SIZE, "bold", valign="middle"),
                     height)


def draw_draft_watermark(canvas: Canvas, width: float, height: float) -> None:
    """A large, light, diagonal "DRAF" across the page, drawn over the content but so faint
    (and transparent) that every line under it stays readable."""
    angle = math.degrees(math.atan2(height, width))
    diagonal = math.hypot(width, height)
    font = font_name("bold")
    size = WATERMARK_SHARE * diagonal / (stringWidth(DRAFT_WATERMARK, font, 1.0) or 1.0)
    canvas.saveState()
    canvas.setFillColor(WATERMARK_COLOUR)
    canvas.setFillAlpha(WATERMARK_ALPHA)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(angle)
    canvas.setFont(font, size)
    canvas.drawCentredString(0, -DIGIT_HEIGHT * size / 2, DRAFT_WATERMARK)
    canvas.restoreState()


def _draw_text_block(canvas: Canvas, block: TextBlock, height: float) -> None:
    if not block.lines:
        return
    canvas.setFont(font_name(block.style), block.size)
    canvas.setFillColor(MUTED if block.muted else colors.black)
    for line in block.lines:
        canvas.drawString(line.x, height - line.baseline, line.text)
    canvas.setFillColor(colors.black)


def _polygon(canvas: Canvas, points: Sequence[Point], height: float, *, fill: bool) -> None:
    path = canvas.beginPath()
    path.moveTo(points[0].x, height - points[0].y)
    for point in points[1:]:
        path.lineTo(point.x, height - point.y)
    path.close()
    canvas.drawPath(path, stroke=1, fill=1 if fill else 0)


def _symbol_pen(canvas: Canvas) -> None:
    """Save the canvas state and set the pen every flowchart shape is drawn with: a black
    outline of SYMBOL_LINE, round joins, a white fill. The caller restores the state."""
    canvas.saveState()
    canvas.setLineWidth(SYMBOL_LINE)
    canvas.setStrokeColor(colors.black)
    canvas.setFillColor(colors.white)
    canvas.setLineJoin(1)


def _draw_symbol(canvas: Canvas, symbol: Symbol, height: float) -> None:
    _symbol_pen(canvas)
    if symbol.uncertain:
        canvas.setDash(list(DASH), 0)
    _polygon(canvas, symbol.outline, height, fill=True)
    canvas.restoreState()


def _draw_connector(canvas: Canvas, connector: Connector, height: float) -> None:
    _symbol_pen(canvas)
    _polygon(canvas, connector.outline, height, fill=True)
    label: Rect = connector.label_rect
    size = LABEL_SIZE
    canvas.setFillColor(colors.black)
    canvas.setFont(font_name("regular"), size)
    baseline = label.cy + DIGIT_HEIGHT * size / 2  # digits centred on the label box
    canvas.drawCentredString(label.cx, height - baseline, str(connector.number))
    canvas.restoreState()


def _draw_arrow(canvas: Canvas, arrow: Arrow, height: float) -> None:
    points = arrow.points
    if len(points) < 2:
        return
    canvas.saveState()
    canvas.setLineWidth(ARROW_LINE)
    canvas.setStrokeColor(colors.black)
    canvas.setFillColor(colors.black)
    tip = points[-1]
    direction = _last_direction(points)
    path = canvas.beginPath()
    path.moveTo(points[0].x, height - points[0].y)
    for point in points[1:-1]:
        path.lineTo(point.x, height - point.y)
    if direction is None:
        path.lineTo(tip.x, height - tip.y)
        canvas.drawPath(path, stroke=1, fill=0)
    else:
        ux, uy = direction
        # the shaft stops inside the head, so its square end never pokes past the tip
        base = Point(tip.x - ux * ARROW_HEAD_LENGTH, tip.y - uy * ARROW_HEAD_LENGTH)
        path.lineTo(base.x + ux * 0.5, height - (base.y + uy * 0.5))
        canvas.drawPath(path, stroke=1, fill=0)
        head = (
            tip,
            Point(base.x - uy * ARROW_HEAD_HALF_WIDTH, base.y + ux * ARROW_HEAD_HALF_WIDTH),
            Point(base.x + uy * ARROW_HEAD_HALF_WIDTH, base.y - ux * ARROW_HEAD_HALF_WIDTH),
        )
        canvas.setLineWidth(0.2)
        _polygon(canvas, head, height, fill=True)
    if arrow.label and arrow.label_at is not None:
        if arrow.label_box is not None:  # keeps table lines from cutting through the label
            box = arrow.label_box
            canvas.setFillColor(colors.white)
            canvas.rect(box.x, height - box.bottom, box.w, box.h, stroke=0, fill=1)
            canvas.setFillColor(colors.black)
        canvas.setFont(font_name("regular"), LABEL_SIZE)
        canvas.drawString(arrow.label_at.x, height - arrow.label_at.y, arrow.label)
    canvas.restoreState()


def _last_direction(points: Sequence[Point]) -> tuple[float, float] | None:
    """Unit vector (layout coordinates) of the last non-empty segment."""
    tip = points[-1]
    for point in reversed(points[:-1]):
        dx, dy = tip.x - point.x, tip.y - point.y
        length = math.hypot(dx, dy)
        if length > 1e-6:
            return dx / length, dy / length
    return None


# --------------------------------------------------------------------------------------------
# Identitas page


@dataclass(frozen=True)
class _Styles:
    size: float
    body: ParagraphStyle
    bold: ParagraphStyle
    centre_bold: ParagraphStyle
    centre: ParagraphStyle
    item: ParagraphStyle
    notice: ParagraphStyle

    @classmethod
    def at(cls, size: float) -> _Styles:
        leading = size * 1.25
        base = ParagraphStyle("identitas", fontName=FAMILY, fontSize=size, leading=leading,
                              alignment=TA_LEFT)
        bold = ParagraphStyle("bold", parent=base, fontName=font_name("bold"))
        return cls(
            size=size,
            body=base,
            bold=bold,
            centre_bold=ParagraphStyle("centre_bold", parent=bold, alignment=TA_CENTER),
            centre=ParagraphStyle("centre", parent=base, alignment=TA_CENTER),
            item=ParagraphStyle("item", parent=base, leftIndent=size * 1.7, bulletIndent=0,
                                bulletFontName=FAMILY, bulletFontSize=size, spaceAfter=1.5),
            notice=ParagraphStyle("notice", parent=bold, fontSize=size + 1.5,
                                  leading=(size + 1.5) * 1.3, alignment=TA_CENTER),
        )


def _unreadable_markup() -> str:
    return f'<font color="#555555"><i>{escape(UNREADABLE_FIELD)}</i></font>'


def _value(sop: Sop, key: str, text: str) -> str:
    """Paragraph markup of an identitas value; an unreadable field is marked, not blank."""
    return _unreadable_markup() if key in sop.unreadable else escape(text)


def _official_paragraphs(sop: Sop, official: Official | None,
                         styles: _Styles) -> list[Flowable]:
    if "disahkan_oleh" in sop.unreadable:
        return [Paragraph(_unreadable_markup(), styles.body)]
    if official is None:
        return [Paragraph("-", styles.body)]
    return [
        Paragraph(escape(official.jabatan) or "&nbsp;", styles.body),
        Paragraph(escape(official.nama) or "&nbsp;", styles.body),  # a blank line if unknown
        Paragraph(escape(official.pangkat) or "&nbsp;", styles.body),
        Paragraph(f"NIP. {escape(official.nip)}" if official.nip else "&nbsp;", styles.body),
    ]


def _numbered(sop: Sop, key: str, styles: _Styles) -> list[Flowable]:
    if key in sop.unreadable:
        return [Paragraph(_unreadable_markup(), styles.body)]
    items = [item for item in getattr(sop, key) if item.strip()]
    if not items:
        return [Paragraph("-", styles.body)]
    return [Paragraph(escape(item), styles.item, bulletText=f"{index}.")
            for index, item in enumerate(items, start=1)]


LIST_PAIRS = (
    ("dasar_hukum", "kualifikasi_pelaksana"),
    ("keterkaitan", "peralatan_perlengkapan"),
    ("peringatan", "pencatatan_pendataan"),
)


def _identitas_table(sop: Sop, width: float, styles: _Styles, version: str = "") -> Table:
    """The book's two-column table: the unit cell beside Nomor ... Nama SOP, then the three
    pairs of list fields (or, for a draft, the notice)."""
    half = width / 2
    label_w = half * 0.36
    widths = [half, label_w, half - label_w]
    date_values = {
        key: _value(sop, key, format_tanggal(getattr(sop, key)))
        for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")
    }
    unit = [
        Paragraph("STANDAR OPERASIONAL PROSEDUR", styles.centre_bold),
        Spacer(1, styles.size * 0.4),
        Paragraph(escape(sop.seksi_name.upper()), styles.centre_bold),
    ]
    top: list[tuple[str, list[Flowable] | Paragraph]] = [
        ("nomor", Paragraph(_value(sop, "nomor", sop.nomor or "-"), styles.body)),
        *((key, Paragraph(value, styles.body)) for key, value in date_values.items()),
        *([("versi", Paragraph(escape(version), styles.bold))] if version else []),
        ("disahkan_oleh", _official_paragraphs(sop, sop.disahkan_oleh, styles)),
        ("nama", Paragraph(escape(sop.name.upper()), styles.bold)),
    ]
    data: list[list[object]] = []
    for index, (key, value) in enumerate(top):
        label = {"nama": "Nama SOP", "versi": VERSION_ROW_LABEL}.get(key) or IDENTITAS_LABELS[key]
        data.append([unit if index == 0 else "", Paragraph(escape(label), styles.body), value])
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),  # empty string cells: no Helvetica
        ("GRID", (0, 0), (-1, -1), CELL_LINE, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("SPAN", (0, 0), (0, len(top) - 1)),
        ("VALIGN", (0, 0), (0, len(top) - 1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]
    if sop.is_draft:
        row = len(data)
        data.append([Paragraph(escape(DRAFT_NOTICE), styles.notice), "", ""])
        commands += [("SPAN", (0, row), (-1, row)),
                     ("TOPPADDING", (0, row), (-1, row), 14),
                     ("BOTTOMPADDING", (0, row), (-1, row), 14)]
    else:
        for left, right in LIST_PAIRS:
            row = len(data)
            data.append([Paragraph(escape(IDENTITAS_LABELS[left].upper()), styles.bold),
                         Paragraph(escape(IDENTITAS_LABELS[right].upper()), styles.bold), ""])
            data.append([_numbered(sop, left, styles), _numbered(sop, right, styles), ""])
            commands += [("SPAN", (1, row), (2, row)), ("SPAN", (1, row + 1), (2, row + 1)),
                         ("BACKGROUND", (0, row), (-1, row), HEADER_FILL),
                         ("BOTTOMPADDING", (0, row + 1), (-1, row + 1), 6)]
    table = Table(data, colWidths=widths)
    table.setStyle(TableStyle(commands))
    return table


def _pengesahan(sop: Sop, kop: Kop, styles: _Styles, width: float) -> Table | None:
    """Place and date, jabatan, room for the signature, name, pangkat, NIP."""
    official = sop.disahkan_oleh
    if sop.is_draft or official is None or "disahkan_oleh" in sop.unreadable:
        return None
    day = sop.tanggal_pembuatan or sop.tanggal_efektif
    tanggal = format_tanggal(day, empty="....................")
    nama = (f"<u>{escape(official.nama)}</u>" if official.nama
            else "( " + "." * 48 + " )")
    rows = [
        Paragraph(f"{escape(kop.tempat)}, {escape(tanggal)}", styles.centre),
        Paragraph(escape(official.jabatan.upper()), styles.centre_bold),
        Spacer(1, SIGNATURE_SPACE),
        Paragraph(nama, styles.centre_bold if official.nama else styles.centre),
        Paragraph(escape(official.pangkat) or "&nbsp;", styles.centre),
        Paragraph(f"NIP. {escape(official.nip)}" if official.nip else "&nbsp;", styles.centre),
    ]
    table = Table([[row] for row in rows], colWidths=[width])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def _fit_width(text: str, style: str, size: float, width: float) -> float:
    """The largest size <= `size` at which `text` fits `width`."""
    measured = stringWidth(text, font_name(style), size)
    return size if measured <= width else size * width / measured


def read_logo(logo: str | Path) -> ImageReader:
    """The kop's logo image; ValueError naming the file when it cannot be read."""
    try:
        return ImageReader(str(logo))
    except Exception as exc:  # reportlab reports unreadable images with many types
        raise ValueError(f"Logo kop tidak bisa dibaca: {logo}") from exc


def draw_kop(canvas: Canvas, kop: Kop, left: float, right: float, top: float,
             page_height: float) -> float:
    """Draw the kop (centred lines, the logo at the left, a double rule) from `top` (layout
    coordinates, y down); return the y just below the double rule."""
    lines = kop.lines()
    logo_w = 0.0
    text_h = sum(size * 1.25 for _text, _style, size in lines)
    if kop.logo is not None:
        image = read_logo(kop.logo)
        image_w, image_h = image.getSize()
        box = max(KOP_LOGO_SIZE, text_h)
        scale = min(KOP_LOGO_SIZE / image_w, box / image_h)
        logo_w, logo_h = image_w * scale, image_h * scale
        block_h = max(text_h, logo_h)
        canvas.drawImage(image, left, page_height - (top + (block_h + logo_h) / 2),
                         logo_w, logo_h, mask="auto")
    else:
        block_h = text_h
    centre = (left + right) / 2
    room = right - left - 2 * (logo_w + 6 if logo_w else 0)  # keep clear of the logo
    y = top + (block_h - text_h) / 2
    for text, style, size in lines:
        fitted = _fit_width(text, style, size, room)
        y += size * 1.25
        canvas.setFont(font_name(style), fitted)
        canvas.drawCentredString(centre, page_height - (y - size * 0.25), text)
    rule_y = top + block_h + 4
    canvas.saveState()
    canvas.setLineWidth(1.8)
    canvas.line(left, page_height - rule_y, right, page_height - rule_y)
    canvas.setLineWidth(0.6)
    canvas.line(left, page_height - (rule_y + 2.6), right, page_height - (rule_y + 2.6))
    canvas.restoreState()
    return rule_y + 2.6


def build_kop_pdf(kop: Kop, target: str | Path | BinaryIO, width: float = 210 * MM) -> None:
    """Only the kop, on a strip of paper as wide as A4: the preview in the settings."""
    height = 45 * MM
    canvas = Canvas(str(target) if isinstance(target, (str, Path)) else target,
                    pagesize=(width, height), initialFontName=font_name("regular"))
    draw_kop(canvas, kop, PORTRAIT_MARGIN_LEFT, width - PORTRAIT_MARGIN_RIGHT, 6 * MM, height)
    canvas.showPage()
    canvas.save()


def portrait_footer_rect(paper: str) -> Rect:
    """Where "Halaman x dari y" goes on a portrait page (layout coordinates, y down)."""
    width, height = PAPERS[paper].portrait
    left, right = PORTRAIT_MARGIN_LEFT, width - PORTRAIT_MARGIN_RIGHT
    return Rect(left, height - MARGIN - FOOTER_HEIGHT + 2, right - left, FOOTER_HEIGHT - 2)


def draw_identitas_page(canvas: Canvas, sop: Sop, paper: str, total_pages: int,
                        kop: Kop | None = None, *, page_number: int = 1,
                        versi: int | None = None, status_label: str | None = None,
                        draf: bool = False) -> None:
    """The first page of an SOP (portrait): kop, identitas table (with the version's row when
    `versi` is given), pengesahan and "Halaman page_number dari total_pages"; a `draf` page
    carries the DRAF mark (watermark and footer)."""
    kop = kop or Kop()
    width, height = PAPERS[paper].portrait
    canvas.setPageSize((width, height))
    left, right = PORTRAIT_MARGIN_LEFT, width - PORTRAIT_MARGIN_RIGHT
    content_w = right - left
    footer_rect = portrait_footer_rect(paper)

    table_top = draw_kop(canvas, kop, left, right, PORTRAIT_MARGIN_TOP, height) + KOP_GAP
    available = footer_rect.y - 4 - table_top
    version = version_label(versi, status_label)

    for size in IDENTITAS_SIZES:
        styles = _Styles.at(size)
        table = _identitas_table(sop, content_w, styles, version)
        # Measured with unlimited height: reportlab stops sizing rows past the height given.
        _w, table_h = table.wrapOn(canvas, content_w, UNLIMITED)
        sign_w = min(content_w * 0.48, 240.0)
        sign = _pengesahan(sop, kop, styles, sign_w)
        sign_gap = 2.0 * size
        sign_h = sign.wrapOn(canvas, sign_w, UNLIMITED)[1] + sign_gap if sign else 0.0
        if table_h + sign_h <= available:
            break
    needed = table_h + sign_h
    scale = min(1.0, available / needed) if needed else 1.0  # last resort: never overflow

    canvas.saveState()
    if scale < 1.0:  # shrink about the middle of the table's top edge
        canvas.translate((left + right) / 2, height - table_top)
        canvas.scale(scale, scale)
        canvas.translate(-(left + right) / 2, -(height - table_top))
    table.drawOn(canvas, left, height - table_top - table_h)
    if sign is not None:
        sign.drawOn(canvas, right - sign_w, height - table_top - table_h - sign_h)
    canvas.restoreState()

    draw_footer(canvas, footer_rect, height, page_number, total_pages)
    note = footer_note(versi, status_label, draf)
    if note:
        draw_footer_note(canvas, footer_rect, height, note)
    if draf:
        draw_draft_watermark(canvas, width, height)


__all__ = [
    "DRAFT_NOTICE",
    "UNREADABLE_FIELD",
    "Kop",
    "build_all_sop_pdfs",
    "build_kop_pdf",
    "build_sop_pdf",
    "draw_draft_watermark",
    "draw_flowchart_page",
    "draw_footer",
    "draw_footer_note",
    "draw_identitas_page",
    "draw_kop",
    "draw_sop_pages",
    "portrait_footer_rect",
    "read_logo",
    "sop_layout",
    "sop_page_count",
]
