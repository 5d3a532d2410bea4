"""The whole SOP book as one PDF: a cover, the Keputusan Camat that enacts the book, a table of
contents with the real page numbers, then every SOP (identitas and uraian prosedur pages) in the
book's order, every page but the cover saying "Halaman x dari y" of the whole book.

The page count of every part is known before anything is drawn (each SOP's layout gives its
pages; the decree and the contents are flowed once onto a scratch canvas), so the contents and
the footers are right in one drawing pass.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.geometry import MM
from jogoroto_desktop.kop import Kop
from jogoroto_desktop.sop.catalog import Sop
from jogoroto_desktop.sop.flowchart import PAPERS, LayoutError
from jogoroto_desktop.sop.keputusan import Keputusan, load_keputusan
from printing.fonts import FAMILY, font_name
from printing.sop_document import (
    AUTHOR,
    CELL_LINE,
    CREATOR,
    HEADER_FILL,
    PORTRAIT_MARGIN_LEFT,
    PORTRAIT_MARGIN_RIGHT,
    check_paper,
    draw_footer,
    draw_sop_pages,
    portrait_footer_rect,
    read_logo,
    sop_layout,
    sop_page_count,
)

BOOK_TITLE = "STANDAR OPERASIONAL PROSEDUR"
TOC_TITLE = "DAFTAR ISI"
TOC_HEADERS = ("No", "Nomor SOP", "Nama SOP", "Hal.")
SEKSI_FILL = colors.Color(0.94, 0.94, 0.94)
BODY_SIZE = 11.0  # the decree (naskah dinas practice: 11-12 pt)
TOC_SIZE = 9.0
TOP_MARGIN = 20 * MM
FRAME_GAP = 6.0  # between the flowing text and the footer
COVER_LOGO = 48 * MM

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BookSop:
    """One SOP of the book, with its version when the caller knows it ("Versi 2 · Berlaku"
    on its identitas page and in its footers)."""

    sop: Sop
    versi: int | None = None
    status_label: str | None = None


@dataclass(frozen=True)
class TocEntry:
    sop_id: str
    nomor: str
    name: str
    seksi: str
    page: int  # the SOP's identitas page in the book


@dataclass(frozen=True)
class SopBook:
    """What was printed: the page count, where the decree and the contents begin, and each
    SOP's entry in the contents."""

    pages: int
    decree_page: int
    toc_page: int
    entries: tuple[TocEntry, ...]


def build_sop_book_pdf(sops: Iterable[Sop | BookSop], target: str | Path | BinaryIO,
                       paper: str = "F4", *, kop: Kop | None = None,
                       keputusan: Keputusan | None = None, tahun: int | None = None,
                       progress: Progress | None = None) -> SopBook:
    """Write the book of `sops` (in the order given: pass the catalog, which is in the book's
    order) to `target`. `keputusan` defaults to the shipped decree, `tahun` (the cover's year)
    to the latest of the decree's year and the SOPs' revision years. `progress(done, total)`
    is called after each SOP is laid out and after each is drawn."""
    check_paper(paper)
    kop = kop or Kop()
    keputusan = keputusan or load_keputusan()
    items = [item if isinstance(item, BookSop) else BookSop(item) for item in sops]
    if not items:
        raise LayoutError("Buku SOP tanpa SOP: tidak ada yang dicetak.")
    steps = 2 * len(items)
    done = 0

    def advance() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps)

    layouts = []
    for item in items:
        layouts.append(sop_layout(item.sop, paper))
        advance()
    sop_pages = [sop_page_count(layout) for layout in layouts]
    decree_pages = _count_pages(paper, lambda: _decree_story(keputusan, paper))
    toc_page = 2 + decree_pages
    placeholder = [TocEntry(i.sop.id, i.sop.nomor or "-", i.sop.name, i.sop.seksi_name, 999)
                   for i in items]
    toc_pages = _count_pages(paper, lambda: _toc_story(placeholder, keputusan, 2, paper))
    first = toc_page + toc_pages
    entries: list[TocEntry] = []
    for item, count in zip(items, sop_pages, strict=True):
        entries.append(TocEntry(item.sop.id, item.sop.nomor or "-", item.sop.name,
                                item.sop.seksi_name, first))
        first += count
    total = first - 1
    year = tahun or max([keputusan.tanggal.year,
                         *(i.sop.tanggal_revisi.year for i in items if i.sop.tanggal_revisi)])

    canvas = Canvas(str(target) if isinstance(target, (str, Path)) else target,
                    pagesize=PAPERS[paper].portrait, initialFontName=font_name("regular"),
                    lang="id-ID")
    canvas.setTitle(f"Standar Operasional Prosedur {kop.instansi.title()} {year}")
    canvas.setAuthor(AUTHOR)
    canvas.setSubject(f"Keputusan Camat Nomor {keputusan.nomor}")
    canvas.setCreator(CREATOR)

    draw_cover(canvas, paper, kop, year)
    canvas.showPage()
    drawn = _flow(canvas, paper, _decree_story(keputusan, paper), 2, total)
    drawn += _flow(canvas, paper, _toc_story(entries, keputusan, 2, paper), toc_page, total)
    if drawn != decree_pages + toc_pages:  # the counting pass and the drawing pass differ
        raise LayoutError("Penomoran halaman buku SOP tidak cocok; buku tidak dicetak.")
    for item, layout, entry in zip(items, layouts, entries, strict=True):
        draw_sop_pages(canvas, item.sop, paper, kop, layout, first_page=entry.page,
                       total_pages=total, versi=item.versi, status_label=item.status_label)
        advance()
    canvas.save()
    return SopBook(pages=total, decree_page=2, toc_page=toc_page, entries=tuple(entries))


# --------------------------------------------------------------------------------------------
# Cover


def draw_cover(canvas: Canvas, paper: str, kop: Kop, year: int) -> None:
    """Page 1: the government, the logo (when the kop has one), the book's title, the
    kecamatan, the year, the address; inside a double border. No page number."""
    width, height = PAPERS[paper].portrait
    left, right = PORTRAIT_MARGIN_LEFT, width - PORTRAIT_MARGIN_RIGHT
    inset = 12 * MM
    canvas.saveState()
    canvas.setLineWidth(2.0)
    canvas.rect(left, inset, right - left, height - 2 * inset)
    canvas.setLineWidth(0.6)
    canvas.rect(left + 4, inset + 4, right - left - 8, height - 2 * inset - 8)
    canvas.restoreState()
    centre = (left + right) / 2
    room = right - left - 24 * MM

    def line(text: str, style: str, size: float, y_from_top: float) -> None:
        fitted = min(size, size * room / max(stringWidth(text, font_name(style), size), 1.0))
        canvas.setFont(font_name(style), fitted)
        canvas.drawCentredString(centre, height - y_from_top, text)

    kabupaten = kop.pemerintah.removeprefix("PEMERINTAH ").strip()
    line(kop.pemerintah, "bold", 16, height * 0.14)
    if kop.logo is not None:
        image = read_logo(kop.logo)
        image_w, image_h = image.getSize()
        scale = min(COVER_LOGO / image_w, COVER_LOGO / image_h)
        logo_w, logo_h = image_w * scale, image_h * scale
        canvas.drawImage(image, centre - logo_w / 2, height - height * 0.19 - logo_h,
                         logo_w, logo_h, mask="auto")
    top = 0.44 if kop.logo is not None else 0.34  # without a logo the title moves up
    line(BOOK_TITLE, "bold", 24, height * top)
    line("(SOP)", "bold", 20, height * (top + 0.04))
    canvas.saveState()
    canvas.setLineWidth(1.2)
    rule_y = height - height * (top + 0.07)
    canvas.line(centre - 40 * MM, rule_y, centre + 40 * MM, rule_y)
    canvas.restoreState()
    line(kop.instansi, "bold", 22, height * (top + 0.13))
    if kabupaten and kabupaten != kop.pemerintah:
        line(kabupaten, "bold", 16, height * (top + 0.17))
    line(str(year), "bold", 20, height * 0.74)
    line(kop.alamat, "regular", 11, height * 0.86)
    line(kop.telepon, "regular", 11, height * 0.86 + 15)


# --------------------------------------------------------------------------------------------
# Flowing pages (the decree, the contents)


def _frame(paper: str) -> Frame:
    width, height = PAPERS[paper].portrait
    footer = portrait_footer_rect(paper)
    bottom = height - footer.y + FRAME_GAP  # reportlab's y is up
    return Frame(PORTRAIT_MARGIN_LEFT, bottom, width - PORTRAIT_MARGIN_LEFT - PORTRAIT_MARGIN_RIGHT,
                 height - TOP_MARGIN - bottom, leftPadding=0, rightPadding=0, topPadding=0,
                 bottomPadding=0, showBoundary=0)


def _fill(frame: Frame, story: list[Flowable], canvas: Canvas) -> None:
    """Put as much of `story` in `frame` as fits, splitting a flowable (a table by rows, a
    paragraph by lines) at the frame's end; what is left stays in `story`."""
    while story:
        head = story[0]
        if frame.add(head, canvas, trySplit=1):
            story.pop(0)
            continue
        parts = frame.split(head, canvas)
        if not parts:
            if frame._atTop:  # nothing at all fits on an empty page
                raise LayoutError("Isi buku SOP terlalu besar untuk satu halaman.")
            return
        story[0:1] = parts
        if not frame.add(story[0], canvas, trySplit=1):
            return
        story.pop(0)


def _flow(canvas: Canvas, paper: str, story: list[Flowable], first_page: int,
          total: int | None) -> int:
    """Flow `story` onto as many pages as it needs, each ended with its footer (when `total`
    is known); returns the number of pages."""
    height = PAPERS[paper].portrait[1]
    footer = portrait_footer_rect(paper)
    pages = 0
    while story:
        canvas.setPageSize(PAPERS[paper].portrait)
        _fill(_frame(paper), story, canvas)
        if total is not None:
            draw_footer(canvas, footer, height, first_page + pages, total)
        canvas.showPage()
        pages += 1
    return pages


def _count_pages(paper: str, story: Callable[[], list[Flowable]]) -> int:
    return _flow(Canvas(io.BytesIO(), pagesize=PAPERS[paper].portrait,
                        initialFontName=font_name("regular")), paper, story(), 1, None)


def _style(name: str, size: float = BODY_SIZE, bold: bool = False,
           align: int = TA_LEFT, after: float = 0.0) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font_name("bold" if bold else "regular"),
                          fontSize=size, leading=size * 1.3, alignment=align, spaceAfter=after)


def _grid(rows: list[list[object]], widths: list[float], extra: list[tuple] = ()) -> Table:
    table = Table(rows, colWidths=widths, splitByRow=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),  # empty string cells: no Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ]))
    return table


def _decree_story(keputusan: Keputusan, paper: str) -> list[Flowable]:
    """The decree as the book prints it: heading, Menimbang, Mengingat, MEMUTUSKAN with its
    dictums, and the Camat's signature block at the right."""
    width = PAPERS[paper].portrait[0] - PORTRAIT_MARGIN_LEFT - PORTRAIT_MARGIN_RIGHT
    centre = _style("centre", align=TA_CENTER)
    body = _style("body", align=TA_JUSTIFY)
    label_w, colon_w, mark_w = 28 * MM, 4 * MM, 8 * MM
    story: list[Flowable] = [
        Paragraph(escape(keputusan.pemerintah), _style("pemerintah", 13, True, TA_CENTER)),
        Paragraph(escape(keputusan.judul), _style("judul", 14, True, TA_CENTER)),
        Paragraph(f"Nomor: {escape(keputusan.nomor)}", _style("nomor", align=TA_CENTER,
                                                               after=8)),
        Paragraph("Tentang", centre),
        Paragraph(escape(keputusan.tentang), _style("tentang", bold=True, align=TA_CENTER,
                                                    after=10)),
        Paragraph(escape(keputusan.pejabat) + ",", _style("pejabat", bold=True,
                                                          align=TA_CENTER, after=8)),
    ]
    rows: list[list[object]] = []
    for label, items, marks in (
            ("Menimbang", keputusan.menimbang, "abcdefghijklmnopqrstuvwxyz"),
            ("Mengingat", keputusan.mengingat, None)):
        for index, text in enumerate(items):
            mark = f"{marks[index]}." if marks else f"{index + 1}."
            rows.append([label if index == 0 else "", ":" if index == 0 else "", mark,
                         Paragraph(escape(text), body)])
        rows.append(["", "", "", Spacer(1, 4)])
    story.append(_grid(rows, [label_w, colon_w, mark_w, width - label_w - colon_w - mark_w],
                       [("FONTSIZE", (0, 0), (-1, -1), BODY_SIZE),
                        ("FONTNAME", (0, 0), (0, -1), font_name("regular"))]))
    story += [CondPageBreak(4 * BODY_SIZE * 1.3),
              Paragraph("MEMUTUSKAN:", _style("memutuskan", bold=True, align=TA_CENTER,
                                               after=6))]
    diktum_rows = [[Paragraph(escape(d.label), _style("diktum", bold=True)), ":",
                    Paragraph(escape(d.isi), body)] for d in keputusan.diktum]
    story.append(_grid(diktum_rows, [label_w, colon_w, width - label_w - colon_w],
                       [("FONTSIZE", (0, 0), (-1, -1), BODY_SIZE),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story.append(Spacer(1, 10))
    story.append(KeepTogether(_signature(keputusan, width)))
    return story


def _signature(keputusan: Keputusan, width: float) -> list[Flowable]:
    official = keputusan.penandatangan
    sign_w = min(width * 0.5, 250.0)
    left = _style("sign_left")
    centre = _style("sign", align=TA_CENTER)
    nama = (f"<u>{escape(official.nama)}</u>" if official.nama else "( " + "." * 48 + " )")
    place = _grid([["Ditetapkan di", ":", Paragraph(escape(keputusan.tempat), left)],
                   ["Pada tanggal", ":", Paragraph(escape(format_tanggal(keputusan.tanggal)),
                                                   left)]],
                  [30 * MM, 4 * MM, sign_w - 34 * MM],
                  [("FONTSIZE", (0, 0), (-1, -1), BODY_SIZE),
                   ("LINEBELOW", (0, -1), (-1, -1), CELL_LINE, colors.black)])
    block = [
        place,
        Spacer(1, 6),
        Paragraph(escape(official.jabatan.upper()), _style("jabatan", bold=True,
                                                           align=TA_CENTER)),
        Spacer(1, 52),
        Paragraph(nama, _style("nama", bold=bool(official.nama), align=TA_CENTER)),
        Paragraph(escape(official.pangkat) or "&nbsp;", centre),
        Paragraph(f"NIP. {escape(official.nip)}" if official.nip else "&nbsp;", centre),
    ]
    holder = Table([[item] for item in block], colWidths=[sign_w], hAlign="RIGHT")
    holder.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return [holder]


def _toc_story(entries: list[TocEntry], keputusan: Keputusan, decree_page: int,
               paper: str) -> list[Flowable]:
    """DAFTAR ISI: the decree, then the SOPs under a row naming their seksi (no, nomor, name,
    page), the header row repeated on every page of the contents."""
    width = PAPERS[paper].portrait[0] - PORTRAIT_MARGIN_LEFT - PORTRAIT_MARGIN_RIGHT
    cell = _style("toc", TOC_SIZE)
    bold = _style("toc_bold", TOC_SIZE, bold=True)
    right = _style("toc_page", TOC_SIZE, align=TA_RIGHT)
    header = _style("toc_head", TOC_SIZE, bold=True, align=TA_CENTER)
    nomor_w = max([stringWidth(e.nomor, font_name("regular"), TOC_SIZE) for e in entries]
                  + [60.0]) + 10  # cell padding and a little room: a nomor never wraps
    no_w, page_w = 24.0, 30.0
    name_w = width - no_w - nomor_w - page_w
    rows: list[list[object]] = [[Paragraph(text, header) for text in TOC_HEADERS]]
    rows.append(["", "", Paragraph(f"Keputusan Camat Nomor {escape(keputusan.nomor)} tentang "
                                   "Standar Operasional Prosedur", bold),
                 Paragraph(str(decree_page), right)])
    commands: list[tuple] = []
    seksi = None
    for index, entry in enumerate(entries, start=1):
        if entry.seksi != seksi:
            seksi = entry.seksi
            row = len(rows)
            rows.append([Paragraph(escape(seksi.upper()), bold), "", "", ""])
            commands += [("SPAN", (0, row), (-1, row)),
                         ("BACKGROUND", (0, row), (-1, row), SEKSI_FILL)]
        rows.append([Paragraph(f"{index}.", right), Paragraph(escape(entry.nomor), cell),
                     Paragraph(escape(entry.name), cell), Paragraph(str(entry.page), right)])
    table = Table(rows, colWidths=[no_w, nomor_w, name_w, page_w], repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("GRID", (0, 0), (-1, -1), CELL_LINE, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *commands,
    ]))
    return [Paragraph(TOC_TITLE, _style("toc_title", 14, True, TA_CENTER, after=12)), table]


__all__ = ["BookSop", "SopBook", "TocEntry", "build_sop_book_pdf", "draw_cover"]
