"""The printable service recap: A4 landscape, the office's kop, a table per service and per
seksi, the notes, and the page number. Built from a :class:`jogoroto_desktop.rekap.Rekap`
(plain data); no Qt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
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
# Widths (mm) of: layanan, seksi, 7 counts, 3 durations: 273 mm, the printable width.
COLUMN_MM = (72, 48, 15, 15, 15, 15, 15, 15, 15, 16, 16, 16)
HEADERS = ("Layanan", "Seksi", "Masuk", "Dalam proses", "Siap diambil", "Diambil", "Ditolak",
           "Batal", "Terlambat", "Standar waktu", "Rata-rata proses", "Proses terlama")


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("cell", fontName=FAMILY, fontSize=8, leading=9.6)
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=font_name("bold"),
                               fontSize=7.5, leading=9, alignment=TA_CENTER),
        "bold": ParagraphStyle("bold", parent=base, fontName=font_name("bold")),
        "title": ParagraphStyle("title", parent=base, fontName=font_name("bold"), fontSize=13,
                                leading=16, alignment=TA_CENTER),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10, leading=13, alignment=TA_CENTER),
        "section": ParagraphStyle("section", parent=base, fontName=font_name("bold"),
                                  fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10,
                               textColor=colors.Color(0.3, 0.3, 0.3)),
    }


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(rows: tuple[BarisRekap, ...], styles: dict[str, ParagraphStyle],
           total_last: bool) -> Table:
    from jogoroto_desktop.rekap import baris_teks

    data: list[list[object]] = [[Paragraph(h, styles["head"]) for h in HEADERS]]
    for index, row in enumerate(rows):
        style = styles["bold"] if total_last and index == len(rows) - 1 else styles["cell"]
        values = baris_teks(row)
        data.append([Paragraph(_esc(str(values[0])), style),
                     Paragraph(_esc(str(values[1])), style), *values[2:]])
    table = Table(data, colWidths=[w * mm for w in COLUMN_MM], repeatRows=1)
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.45, 0.45, 0.45)),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for index, row in enumerate(rows, 1):
        if row.terlambat:  # the late count stands out, as on the screen
            commands.append(("TEXTCOLOR", (8, index), (8, index), LATE))
            commands.append(("FONTNAME", (8, index), (8, index), font_name("bold")))
    if total_last:
        commands.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), TOTAL_FILL))
        commands.append(("FONTNAME", (2, len(rows)), (-1, len(rows)), font_name("bold")))
    table.setStyle(TableStyle(commands))
    return table


def build_rekap_pdf(rekap: Rekap, target: str | Path | BinaryIO, kop: Kop | None = None) -> int:
    """Write the recap as a PDF; returns the number of pages."""
    from jogoroto_desktop.dates import format_waktu_tanggal

    kop = kop or Kop()
    styles = _styles()
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
        _table(rekap.layanan, styles, total_last=False),
        KeepTogether([  # the seksi table, its heading and the notes stay on one page
            Paragraph("Per seksi", styles["section"]),
            _table((*rekap.seksi, rekap.total), styles, total_last=True),
            Spacer(1, 3 * mm),
            *[Paragraph(_esc(note), styles["note"]) for note in rekap.keterangan],
        ]),
    ]
    document.build(story)
    return pages[0]
