"""The printable service recap: A4 landscape, the office's kop, a table per service and per
seksi, the notes, and the page number. Built from a :class:`jogoroto_desktop.rekap.Rekap`
(plain data); no Qt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from jogoroto_desktop.kop import Kop
from printing.fonts import FAMILY, font_name, register_fonts
from printing.sop_document import AUTHOR, CREATOR, draw_kop

if TYPE_CHECKING:
    from jogoroto_desktop.rekap import BarisRekap, Rekap

PAGE = landscape(A4)
MARGIN = 12 * mm
KOP_SPACE = 30 * mm  # the kop and its double rule on the first page
HEADER_FILL = colors.Color(0.86, 0.86, 0.86)
TOTAL_FILL = colors.Color(0.94, 0.94, 0.94)
LATE = colors.Color(0.70, 0.05, 0.05)
PRINTABLE_WIDTH = PAGE[0] - 2 * MARGIN
MIN_NAMES = 100 * mm  # the layanan and seksi columns together, before durations wrap
HEADERS = ("Layanan", "Seksi", "Masuk", "Dalam proses", "Siap diambil", "Diambil", "Ditolak",
           "Batal", "Terlambat", "Standar waktu", "Rata-rata proses", "Proses terlama")


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("cell", fontName=FAMILY, fontSize=8, leading=9.6)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=font_name("bold"),
                               fontSize=8, leading=9.4, alignment=TA_CENTER),
        "bold": ParagraphStyle("bold", parent=base, fontName=font_name("bold")),
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
        "late": ParagraphStyle("late", parent=base, fontName=font_name("bold"),
                               alignment=TA_RIGHT, textColor=LATE),
        "number_bold": ParagraphStyle("number_bold", parent=base, fontName=font_name("bold"),
                                      alignment=TA_RIGHT),
        "title": ParagraphStyle("title", parent=base, fontName=font_name("bold"), fontSize=13,
                                leading=16, alignment=TA_CENTER),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10, leading=13, alignment=TA_CENTER),
        "section": ParagraphStyle("section", parent=base, fontName=font_name("bold"),
                                  fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10,
                               textColor=colors.Color(0.3, 0.3, 0.3)),
    }


def _widest(texts: list[str], bold: bool = False, size: float = 8.0) -> float:
    face = font_name("bold" if bold else "regular")
    return max((stringWidth(t, face, size) for t in texts), default=0.0)


def column_widths(texts: list[list[str]]) -> list[float]:
    """Widths (points) of the columns over the printable width, from the measured text: each
    count and duration column as wide as its widest value (and the longest word of its
    heading); when that leaves the names too little room, a duration wraps at its spaces. The
    names (layanan, seksi) share what is left, 3:2."""
    pad = 6 + 1  # the cell's left and right padding, and a hair
    columns = list(zip(*texts, strict=True)) if texts else [()] * len(HEADERS)
    words = [_widest(HEADERS[c].split(), True) + pad for c in range(len(HEADERS))]
    natural = [max(words[c], _widest(list(columns[c]), True) + pad) for c in range(2, 12)]
    narrow = [max(words[c], _widest([w for t in columns[c] for w in t.split()], True) + pad)
              for c in range(2, 12)]
    names = PRINTABLE_WIDTH - sum(natural)
    if names < MIN_NAMES:  # durations wrap ("15 jam" over "16 menit")
        natural = natural[:7] + narrow[7:]
        names = PRINTABLE_WIDTH - sum(natural)
    return [names * 0.6, names * 0.4, *natural]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _texts(rows: tuple[BarisRekap, ...]) -> list[list[str]]:
    from jogoroto_desktop.rekap import baris_teks

    return [[str(v) for v in baris_teks(row)] for row in rows]


def _table(rows: tuple[BarisRekap, ...], styles: dict[str, ParagraphStyle],
           total_last: bool, widths: list[float]) -> Table:
    texts = _texts(rows)
    data: list[list[object]] = [[Paragraph(h, styles["head"]) for h in HEADERS]]
    for index, (row, values) in enumerate(zip(rows, texts, strict=True)):
        bold = total_last and index == len(rows) - 1
        style = styles["bold"] if bold else styles["cell"]
        number = styles["number_bold"] if bold else styles["number"]
        cells = [Paragraph(_esc(v), number) for v in values[2:]]
        if row.terlambat:  # the late count stands out, as on the screen
            cells[6] = Paragraph(_esc(values[8]), styles["late"])
        data.append([Paragraph(_esc(values[0]), style), Paragraph(_esc(values[1]), style),
                     *cells])
    table = Table(data, colWidths=widths, repeatRows=1)
    commands: list[tuple] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.45, 0.45, 0.45)),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if total_last:
        commands.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), TOTAL_FILL))
    table.setStyle(TableStyle(commands))
    return table


def build_rekap_pdf(rekap: Rekap, target: str | Path | BinaryIO, kop: Kop | None = None) -> int:
    """Write the recap as a PDF; returns the number of pages."""
    from jogoroto_desktop.dates import format_waktu_tanggal

    kop = kop or Kop()
    styles = _styles()
    # Both tables share the columns, measured over every row of both.
    widths = column_widths(_texts((*rekap.layanan, *rekap.seksi, rekap.total)))
    made = f"Dibuat {format_waktu_tanggal(rekap.dibuat_pada)}"
    pages = [0]

    def first_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        draw_kop(canvas, kop, MARGIN, PAGE[0] - MARGIN, MARGIN, PAGE[1])
        footer(canvas, doc)

    def footer(canvas: Canvas, doc: BaseDocTemplate) -> None:
        pages[0] = doc.page
        canvas.saveState()
        canvas.setFont(font_name("regular"), 8)
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        canvas.drawString(MARGIN, MARGIN / 2, f"{rekap.periode.judul} \u2014 {made}")
        canvas.drawRightString(PAGE[0] - MARGIN, MARGIN / 2, f"Halaman {doc.page}")
        canvas.restoreState()

    width, height = PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN
    document = BaseDocTemplate(
        target if not isinstance(target, Path) else str(target), pagesize=PAGE,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=rekap.periode.judul, author=AUTHOR, creator=CREATOR,
        pageTemplates=[
            # The kop only on the first page; the pages after it use the full height.
            PageTemplate("pertama", [Frame(MARGIN, MARGIN, width, height - KOP_SPACE,
                                           id="pertama")], onPage=first_page),
            PageTemplate("lanjutan", [Frame(MARGIN, MARGIN, width, height, id="lanjutan")],
                         onPage=footer),
        ],
    )
    story = [
        NextPageTemplate("lanjutan"),
        Paragraph(_esc(rekap.periode.judul.upper()), styles["title"]),
        Paragraph(f"Permohonan yang didaftarkan pada {_esc(rekap.periode.label)}",
                  styles["sub"]),
        Spacer(1, 4 * mm),
        Paragraph("Per layanan", styles["section"]),
        _table(rekap.layanan, styles, total_last=False, widths=widths),
        KeepTogether([  # the seksi table, its heading and the notes stay on one page
            Paragraph("Per seksi", styles["section"]),
            _table((*rekap.seksi, rekap.total), styles, total_last=True, widths=widths),
            Spacer(1, 3 * mm),
            *[Paragraph(_esc(note), styles["note"]) for note in rekap.keterangan],
        ]),
    ]
    document.build(story)
    return pages[0]
