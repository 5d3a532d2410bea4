"""The printed report of the satisfaction survey (Laporan Survei Kepuasan Masyarakat) in the
form offices publish it: the kop, the period, the nine elements with their averages (NRR per
unsur), weighted averages (NRR tertimbang) and index, the IKM and its grade, a bar chart of the
nine elements, the IKM per service and per seksi, the respondent profile and the comments.
Portrait on the office's paper (A4 or F4); no text below 8 pt. Built from a
:class:`jogoroto_desktop.registers.ikm.RekapIkm` (plain data); no Qt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.doctemplate import BaseDocTemplate, NextPageTemplate, PageTemplate
from reportlab.platypus.flowables import KeepTogether, Spacer
from reportlab.platypus.frames import Frame
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.tables import Table, TableStyle

from jogoroto_desktop.ikm_kuesioner import JUMLAH_UNSUR, PROFIL
from jogoroto_desktop.kop import Kop
from printing.fonts import FAMILY, font_name, register_fonts
from printing.sop_document import AUTHOR, CREATOR, draw_kop

if TYPE_CHECKING:
    from jogoroto_desktop.registers.ikm import BagianIkm, RekapIkm

PAPER_SIZES = {"A4": (210 * mm, 297 * mm), "F4": (215 * mm, 330 * mm)}
MARGIN = 15 * mm
KOP_SPACE = 32 * mm
HEADER_FILL = colors.Color(0.86, 0.86, 0.86)
TOTAL_FILL = colors.Color(0.94, 0.94, 0.94)
BAR = colors.Color(0.18, 0.42, 0.68)
GRID = colors.Color(0.45, 0.45, 0.45)
#: The conversion table of PermenPAN-RB 14/2017 as printed under the result.
KONVERSI = (("A", "88,31 \u2013 100,00", "Sangat Baik"), ("B", "76,61 \u2013 88,30", "Baik"),
            ("C", "65,00 \u2013 76,60", "Kurang Baik"), ("D", "25,00 \u2013 64,99", "Tidak Baik"))


def _num(value: float | None, decimals: int = 2) -> str:
    if value is None:
        return "-"
    return f"{value:.{decimals}f}".replace(".", ",")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("cell", fontName=FAMILY, fontSize=9, leading=11)
    bold = font_name("bold")
    return {
        "cell": base,
        "head": ParagraphStyle("head", parent=base, fontName=bold, alignment=TA_CENTER),
        "bold": ParagraphStyle("bold", parent=base, fontName=bold),
        "number": ParagraphStyle("number", parent=base, alignment=TA_RIGHT),
        "number_bold": ParagraphStyle("nb", parent=base, fontName=bold, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=13, leading=16,
                                alignment=TA_CENTER),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10, leading=13, alignment=TA_CENTER),
        "section": ParagraphStyle("section", parent=base, fontName=bold, fontSize=10.5,
                                  leading=14, spaceBefore=8, spaceAfter=3),
        "big": ParagraphStyle("big", parent=base, fontName=bold, fontSize=20, leading=24,
                              alignment=TA_CENTER),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10,
                               textColor=colors.Color(0.3, 0.3, 0.3)),
    }


def _grid(table: Table, header_rows: int = 1, total_rows: int = 0) -> Table:
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
    ]
    if total_rows:
        commands.append(("BACKGROUND", (0, -total_rows), (-1, -1), TOTAL_FILL))
    table.setStyle(TableStyle(commands))
    return table


def _summary(rekap: RekapIkm, s: dict[str, ParagraphStyle], width: float) -> Table:
    cells = [[Paragraph("Jumlah responden", s["center"]), Paragraph("Nilai IKM", s["center"]),
              Paragraph("Mutu pelayanan", s["center"]),
              Paragraph("Kinerja unit pelayanan", s["center"])],
             [Paragraph(str(rekap.responden), s["big"]), Paragraph(_num(rekap.ikm), s["big"]),
              Paragraph(rekap.mutu or "-", s["big"]),
              Paragraph(_esc(rekap.kinerja or "-"), s["big"])]]
    return _grid(Table(cells, colWidths=[width / 4] * 4))


def _unsur_table(rekap: RekapIkm, s: dict[str, ParagraphStyle], width: float) -> Table:
    head = ["No", "Unsur pelayanan", "Jumlah nilai", "NRR per unsur", "NRR tertimbang",
            "IKM unsur", "Mutu"]
    rows: list[list[object]] = [[Paragraph(h, s["head"]) for h in head]]
    for unsur in rekap.unsur:
        rows.append([Paragraph(f"{unsur.kode}", s["center"]),
                     Paragraph(_esc(unsur.nama), s["cell"]),
                     Paragraph(str(unsur.jumlah), s["number"]),
                     Paragraph(_num(unsur.rata_rata, 3), s["number"]),
                     Paragraph(_num(unsur.nrr_tertimbang, 3), s["number"]),
                     Paragraph(_num(unsur.ikm), s["number"]),
                     Paragraph(unsur.mutu or "-", s["center"])])
    total = sum(u.nrr_tertimbang for u in rekap.unsur)
    rows.append(["", Paragraph("Jumlah NRR tertimbang", s["bold"]), "", "",
                 Paragraph(_num(total, 3), s["number_bold"]), "", ""])
    rows.append(["", Paragraph("IKM = jumlah NRR tertimbang \u00d7 25", s["bold"]), "", "", "",
                 Paragraph(_num(rekap.ikm), s["number_bold"]),
                 Paragraph(rekap.mutu or "-", s["center"])])
    fixed = [12 * mm, 0, 20 * mm, 21 * mm, 23 * mm, 19 * mm, 13 * mm]
    fixed[1] = width - sum(fixed)
    table = _grid(Table(rows, colWidths=fixed, repeatRows=1), total_rows=2)
    table.setStyle(TableStyle([("SPAN", (1, -2), (3, -2)), ("SPAN", (1, -1), (4, -1))]))
    return table


def unsur_chart(rekap: RekapIkm, width: float, height: float = 62 * mm) -> Drawing:
    """A bar chart of the nine elements' averages (scale 1-4), the value above each bar."""
    register_fonts()
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 12 * mm
    chart.width, chart.height = width - 20 * mm, height - 20 * mm
    values = [round(u.rata_rata, 2) for u in rekap.unsur]
    chart.data = [values]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 4, 1
    chart.valueAxis.labels.fontName = FAMILY
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = lambda v: _num(v, 0)
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.categoryAxis.categoryNames = [u.kode for u in rekap.unsur]
    chart.categoryAxis.labels.fontName = FAMILY
    chart.categoryAxis.labels.fontSize = 9
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: _num(v)
    chart.barLabels.fontName = FAMILY
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(2 * mm, height - 5 * mm, "Nilai rata-rata per unsur (skala 1\u20134)",
                       fontName=font_name("bold"), fontSize=9))
    return drawing


def _bagian_table(title: str, rows: tuple[BagianIkm, ...], s: dict[str, ParagraphStyle],
                  width: float) -> Table:
    head = [title, "Responden", "IKM", "Mutu", "Kinerja"]
    data: list[list[object]] = [[Paragraph(h, s["head"]) for h in head]]
    for part in rows:
        data.append([Paragraph(_esc(part.nama), s["cell"]),
                     Paragraph(str(part.responden), s["number"]),
                     Paragraph(_num(part.ikm), s["number"]), Paragraph(part.mutu, s["center"]),
                     Paragraph(_esc(part.kinerja), s["cell"])])
    fixed = [0, 22 * mm, 18 * mm, 13 * mm, 28 * mm]
    fixed[0] = width - sum(fixed)
    return _grid(Table(data, colWidths=fixed, repeatRows=1))


def _profil_table(rekap: RekapIkm, s: dict[str, ParagraphStyle], width: float) -> Table:
    data: list[list[object]] = [[Paragraph(h, s["head"]) for h in (
        "Karakteristik", "Kategori", "Jumlah", "Persentase")]]
    spans = []
    for name, counts in rekap.profil.items():
        first = len(data)
        for index, (label, count) in enumerate(counts.items()):
            share = 100 * count / rekap.responden if rekap.responden else 0.0
            data.append([Paragraph(_esc(PROFIL[name][0]), s["bold"]) if index == 0 else "",
                         Paragraph(_esc(label), s["cell"]), Paragraph(str(count), s["number"]),
                         Paragraph(f"{_num(share, 1)}%", s["number"])])
        spans.append(("SPAN", (0, first), (0, len(data) - 1)))
        spans.append(("VALIGN", (0, first), (0, len(data) - 1), "TOP"))
    fixed = [38 * mm, 0, 20 * mm, 24 * mm]
    fixed[1] = width - sum(fixed)
    table = _grid(Table(data, colWidths=fixed, repeatRows=1))
    table.setStyle(TableStyle(spans))
    return table


def _komentar_table(rekap: RekapIkm, s: dict[str, ParagraphStyle], width: float) -> Table:
    from jogoroto_desktop.dates import format_tanggal

    data: list[list[object]] = [[Paragraph(h, s["head"]) for h in (
        "No", "Tanggal", "Layanan", "Komentar, saran dan masukan")]]
    for index, item in enumerate(rekap.komentar, 1):
        data.append([Paragraph(str(index), s["center"]),
                     Paragraph(format_tanggal(item.diisi_pada.date()), s["cell"]),
                     Paragraph(f"{_esc(item.layanan)}<br/>{_esc(item.nomor_register)}",
                               s["cell"]),
                     Paragraph(_esc(item.komentar), s["cell"])])
    fixed = [10 * mm, 30 * mm, 48 * mm, 0]
    fixed[3] = width - sum(fixed)
    return _grid(Table(data, colWidths=fixed, repeatRows=1))


def _konversi_table(s: dict[str, ParagraphStyle]) -> Table:
    data: list[list[object]] = [[Paragraph(h, s["head"]) for h in (
        "Mutu", "Nilai interval konversi (IKM)", "Kinerja unit pelayanan")]]
    data += [[Paragraph(a, s["center"]), Paragraph(b, s["center"]), Paragraph(c, s["cell"])]
             for a, b, c in KONVERSI]
    return _grid(Table(data, colWidths=[16 * mm, 52 * mm, 42 * mm]))


def build_ikm_pdf(rekap: RekapIkm, target: str | Path | BinaryIO, kop: Kop | None = None,
                  paper: str = "A4") -> int:
    """Write the survey report as a PDF on ``paper`` (A4 or F4); returns the page count."""
    from jogoroto_desktop.dates import format_waktu_tanggal

    kop = kop or Kop()
    page = PAPER_SIZES[paper]
    s = _styles()
    width, height = page[0] - 2 * MARGIN, page[1] - 2 * MARGIN
    made = f"Dibuat {format_waktu_tanggal(rekap.dibuat_pada)}"
    pages = [0]

    def footer(canvas: Canvas, doc: BaseDocTemplate) -> None:
        pages[0] = doc.page
        canvas.saveState()
        canvas.setFont(font_name("regular"), 8)
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        canvas.drawString(MARGIN, MARGIN / 2, f"Survei Kepuasan Masyarakat {rekap.judul} "
                                              f"\u2014 {made}")
        canvas.drawRightString(page[0] - MARGIN, MARGIN / 2, f"Halaman {doc.page}")
        canvas.restoreState()

    def first_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        draw_kop(canvas, kop, MARGIN, page[0] - MARGIN, MARGIN, page[1])
        footer(canvas, doc)

    document = BaseDocTemplate(
        target if not isinstance(target, Path) else str(target), pagesize=page,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=f"Laporan Survei Kepuasan Masyarakat {rekap.judul}", author=AUTHOR,
        creator=CREATOR,
        pageTemplates=[
            PageTemplate("pertama", [Frame(MARGIN, MARGIN, width, height - KOP_SPACE,
                                           id="pertama")], onPage=first_page),
            PageTemplate("lanjutan", [Frame(MARGIN, MARGIN, width, height, id="lanjutan")],
                         onPage=footer),
        ],
    )
    width -= 12  # the frame's own padding
    story: list[object] = [
        NextPageTemplate("lanjutan"),
        Paragraph("LAPORAN SURVEI KEPUASAN MASYARAKAT", s["title"]),
        Paragraph(_esc(f"{rekap.cakupan} \u2014 periode {rekap.judul}"), s["sub"]),
        Paragraph("Indeks Kepuasan Masyarakat (IKM) menurut PermenPAN-RB Nomor 14 Tahun 2017",
                  s["sub"]),
        Spacer(1, 4 * mm),
        _summary(rekap, s, width),
    ]
    if not rekap.responden:
        story.append(Paragraph("Belum ada jawaban survei pada periode ini.", s["section"]))
    else:
        story += [
            Paragraph("Nilai per unsur pelayanan", s["section"]),
            _unsur_table(rekap, s, width),
            Paragraph(f"NRR per unsur = jumlah nilai unsur \u00f7 jumlah responden; NRR "
                      f"tertimbang = NRR per unsur \u00d7 1/{JUMLAH_UNSUR} (0,111); IKM unsur = "
                      "NRR per unsur \u00d7 25.", s["note"]),
            KeepTogether([Spacer(1, 3 * mm), unsur_chart(rekap, width)]),
            KeepTogether([Paragraph("Nilai persepsi, interval, interval konversi dan mutu "
                                    "pelayanan", s["section"]), _konversi_table(s)]),
        ]
        if len(rekap.per_layanan) > 1 or rekap.layanan is None:
            story.append(KeepTogether([Paragraph("IKM per layanan", s["section"]),
                                       _bagian_table("Layanan", rekap.per_layanan, s, width)]))
        if len(rekap.per_seksi) > 1:
            story.append(KeepTogether([Paragraph("IKM per seksi", s["section"]),
                                       _bagian_table("Seksi", rekap.per_seksi, s, width)]))
        story += [Paragraph("Profil responden", s["section"]), _profil_table(rekap, s, width),
                  Paragraph("Komentar, saran dan masukan responden", s["section"])]
        story.append(_komentar_table(rekap, s, width) if rekap.komentar
                     else Paragraph("Tidak ada komentar pada periode ini.", s["cell"]))
    document.build(story)
    return pages[0]
