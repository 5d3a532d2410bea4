"""The printed Form Monitoring Pelaksanaan SOP and Form Evaluasi Penerapan SOP
(PermenPAN-RB 35/2012), on the office's paper (A4 or F4), from plain data; no Qt.

The monitoring form is landscape: the kop, the heading (unit, SOP, period, assessor, date), the
SOP's figures with a bar chart of each step's on-time share against the office's threshold
(reportlab.graphics), the table No | Prosedur | Mutu Baku | the step's figures | Penilaian |
Catatan | Tindakan yang harus diambil | Paraf, the overall assessment and the assessor's
signature block. The evaluation form is portrait: the seven criteria Ya/Tidak with notes, the
year's figures beside them, "Perlu revisi" and the signature. Every text is at least 8 pt; long
texts wrap in their cells, a table that runs over a page continues on the next with its header
row repeated, and every page carries the form's name and "Halaman n".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
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
from printing.forms.painter import PAPER_SIZES
from printing.sop_document import AUTHOR, CREATOR, draw_kop

MARGIN = 12 * mm
KOP_SPACE = 30 * mm
BODY = 9.0
SMALL = 8.0  # the floor of every printed text
GRID = colors.Color(0.45, 0.45, 0.45)
HEADER_FILL = colors.Color(0.88, 0.88, 0.88)
BAD = colors.Color(0.70, 0.05, 0.05)
GOOD = colors.Color(0.16, 0.45, 0.25)
VOID = colors.Color(0.75, 0.1, 0.1)


@dataclass(frozen=True)
class Penanda:
    """Who assessed: the signature block."""

    jabatan: str
    nama: str
    nip: str
    tempat_tanggal: str  # "Jogoroto, 15 Juli 2026"


@dataclass(frozen=True)
class BarisMonitoring:
    no: int
    prosedur: str
    pelaksana: str
    mutu_baku: str
    dilaksanakan: str  # "12x"
    median: str
    terlama: str
    tepat_waktu: str  # "75%" or "-"
    persen: float | None  # for the chart
    penilaian: str  # "Berjalan dengan baik", ... or the proposal marked "(usulan)"
    baik: bool | None
    catatan: str
    tindakan: str


@dataclass(frozen=True)
class LembarMonitoring:
    judul_sop: str
    nomor_sop: str
    unit: str  # "Kecamatan Jogoroto / Sekretariat"
    periode: str
    ringkasan: str  # the SOP's figures in one sentence
    ambang: int
    baris: tuple[BarisMonitoring, ...]
    penilaian: str  # overall
    catatan: str
    tindakan: str
    penanda: Penanda | None  # None: not assessed yet (the proposal only)
    dihitung: str  # "Angka dihitung 15 Juli 2026 pukul 09.00"
    kertas: str = "A4"
    dibatalkan: str = ""  # the reason, when the assessment was voided
    kop: Kop = field(default_factory=Kop)


@dataclass(frozen=True)
class BarisKriteria:
    no: int
    kriteria: str
    ya: bool | None
    catatan: str


@dataclass(frozen=True)
class LembarEvaluasi:
    judul_sop: str
    nomor_sop: str
    unit: str
    tahun: int
    kriteria: tuple[BarisKriteria, ...]
    angka: tuple[tuple[str, str, str, str, str], ...]  # No, Kegiatan, Dilaksanakan, Median,
    # Tepat waktu
    ringkasan: str
    perlu_revisi: bool | None
    catatan: str
    penanda: Penanda | None
    kertas: str = "A4"
    dibatalkan: str = ""
    kop: Kop = field(default_factory=Kop)


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("cell", fontName=FAMILY, fontSize=BODY, leading=BODY * 1.22)
    bold = font_name("bold")
    return {
        "cell": base,
        "small": ParagraphStyle("small", parent=base, fontSize=SMALL, leading=SMALL * 1.22),
        "head": ParagraphStyle("head", parent=base, fontName=bold, fontSize=SMALL,
                               leading=SMALL * 1.2, alignment=TA_CENTER),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "bold": ParagraphStyle("bold", parent=base, fontName=bold),
        "good": ParagraphStyle("good", parent=base, fontName=bold, textColor=GOOD),
        "bad": ParagraphStyle("bad", parent=base, fontName=bold, textColor=BAD),
        "title": ParagraphStyle("title", parent=base, fontName=bold, fontSize=13, leading=16,
                                alignment=TA_CENTER),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10, leading=13, alignment=TA_CENTER),
        "section": ParagraphStyle("section", parent=base, fontName=bold, fontSize=10,
                                  leading=13, spaceBefore=5, spaceAfter=3),
    }


def _esc(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(_esc(text) if text else "-", style)


def _identity(rows: list[tuple[str, str]], styles: dict[str, ParagraphStyle],
              width: float) -> Table:
    data = [[_p(label, styles["bold"]), _p(":", styles["cell"]), _p(value, styles["cell"])]
            for label, value in rows]
    table = Table(data, colWidths=[38 * mm, 4 * mm, width - 42 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _grid_style(extra: list[tuple] | None = None) -> TableStyle:
    return TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *(extra or []),
    ])


def _signature(penanda: Penanda | None, styles: dict[str, ParagraphStyle],
               width: float) -> Flowable:
    if penanda is None:
        return _p("Belum dinilai: penilaian di atas adalah usulan program dari angka yang "
                  "tercatat, belum dikonfirmasi penilai.", styles["bold"])
    block = [_p(penanda.tempat_tanggal, styles["cell"]), _p("Penilai,", styles["cell"]),
             _p(penanda.jabatan, styles["cell"]), Spacer(1, 16 * mm),
             Paragraph(f"<u>{_esc(penanda.nama)}</u>", styles["bold"]),
             _p(f"NIP. {penanda.nip}" if penanda.nip else "NIP. -", styles["cell"])]
    table = Table([["", block]], colWidths=[width - 80 * mm, 80 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Spacer(1, 4 * mm), table])


def grafik_tepat_waktu(baris: tuple[BarisMonitoring, ...], ambang: int,
                       width: float) -> Drawing:
    """Each step's on-time share as a bar, the threshold as a dashed line (steps without a
    time standard or without runs have no bar)."""
    measured = [b for b in baris if b.persen is not None]
    row_h = 14.0
    height = max(len(measured), 1) * row_h + 30
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    label_w = 70.0
    chart.x, chart.y = label_w, 20
    chart.width, chart.height = width - label_w - 20, height - 30
    values = [b.persen for b in reversed(measured)] or [0.0]
    chart.data = [values]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName = FAMILY
    chart.valueAxis.labels.fontSize = SMALL
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.categoryAxis.categoryNames = [f"Langkah {b.no}" for b in reversed(measured)] or [""]
    chart.categoryAxis.labels.fontName = FAMILY
    chart.categoryAxis.labels.fontSize = SMALL
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.bars.strokeColor = None
    for index, item in enumerate(reversed(measured)):
        chart.bars[(0, index)].fillColor = GOOD if (item.persen or 0) >= ambang else BAD
    chart.barWidth = 8
    drawing.add(chart)
    x = chart.x + chart.width * ambang / 100
    drawing.add(Line(x, chart.y - 2, x, chart.y + chart.height + 2, strokeColor=colors.black,
                     strokeDashArray=[3, 2], strokeWidth=0.8))
    drawing.add(String(x + 3, chart.y + chart.height + 1, f"ambang {ambang}%",
                       fontName=FAMILY, fontSize=SMALL))
    if not measured:
        drawing.add(String(label_w, height / 2, "Tidak ada langkah berstandar waktu yang "
                           "terukur pada periode ini.", fontName=FAMILY, fontSize=SMALL))
    return drawing


def _document(target: str | Path | BinaryIO, page: tuple[float, float], title: str, kop: Kop,
              footer_text: str, void: str) -> BaseDocTemplate:
    width, height = page[0] - 2 * MARGIN, page[1] - 2 * MARGIN

    def footer(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font_name("regular"), SMALL)
        canvas.setFillColor(colors.Color(0.35, 0.35, 0.35))
        canvas.drawString(MARGIN, MARGIN / 2, footer_text)
        canvas.drawRightString(page[0] - MARGIN, MARGIN / 2, f"Halaman {doc.page}")
        if void:  # a voided assessment says so on every page
            canvas.setFillColor(VOID)
            canvas.setFont(font_name("bold"), 11)
            canvas.drawRightString(page[0] - MARGIN, page[1] - MARGIN / 2 - 4,
                                   "DIBATALKAN")
        canvas.restoreState()

    def first_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        draw_kop(canvas, kop, MARGIN, page[0] - MARGIN, MARGIN, page[1])
        footer(canvas, doc)

    return BaseDocTemplate(
        target if not isinstance(target, Path) else str(target), pagesize=page,
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=title, author=AUTHOR, creator=CREATOR,
        pageTemplates=[
            PageTemplate("pertama", [Frame(MARGIN, MARGIN, width, height - KOP_SPACE,
                                           id="pertama")], onPage=first_page),
            PageTemplate("lanjutan", [Frame(MARGIN, MARGIN, width, height, id="lanjutan")],
                         onPage=footer),
        ])


def _heading(title: str, identity: list[tuple[str, str]], void: str,
             styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """The start of both forms: the title and the identity rows (with the void mark)."""
    if void:
        identity = [*identity, ("Status", f"DIBATALKAN: {void}")]
    return [NextPageTemplate("lanjutan"), Paragraph(title, styles["title"]),
            Spacer(1, 3 * mm), _identity(identity, styles, width)]


def _penilaian_style(baik: bool | None, styles: dict[str, ParagraphStyle]) -> ParagraphStyle:
    return styles["cell"] if baik is None else styles["good" if baik else "bad"]


def build_monitoring_pdf(data: LembarMonitoring, target: str | Path | BinaryIO) -> None:
    """Write the Form Monitoring Pelaksanaan SOP."""
    styles = _styles()
    page = landscape(PAPER_SIZES[data.kertas])
    width = page[0] - 2 * MARGIN
    title = f"Form Monitoring Pelaksanaan SOP {data.judul_sop} {data.periode}"
    doc = _document(target, page, title, data.kop, f"{title} \u2014 {data.dihitung}",
                    data.dibatalkan)
    heads = ["No", "Prosedur", "Pelaksana", "Mutu Baku waktu", "Dilak\u00adsanakan",
             "Median waktu", "Waktu terlama", "Tepat waktu", "Penilaian", "Catatan hasil "
             "penilaian", "Tindakan yang harus diambil", "Paraf"]
    shares = [0.035, 0.17, 0.08, 0.07, 0.06, 0.07, 0.07, 0.055, 0.09, 0.12, 0.12, 0.06]
    widths = [width * s for s in shares]
    rows: list[list[object]] = [[Paragraph(h, styles["head"]) for h in heads]]
    for item in data.baris:
        rows.append([_p(str(item.no), styles["center"]), _p(item.prosedur, styles["cell"]),
                     _p(item.pelaksana, styles["small"]), _p(item.mutu_baku, styles["cell"]),
                     _p(item.dilaksanakan, styles["center"]), _p(item.median, styles["cell"]),
                     _p(item.terlama, styles["cell"]), _p(item.tepat_waktu, styles["center"]),
                     _p(item.penilaian, _penilaian_style(item.baik, styles)),
                     _p(item.catatan, styles["cell"]), _p(item.tindakan, styles["cell"]), ""])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(_grid_style())
    identity = [("Unit kerja", data.unit), ("Nama SOP", data.judul_sop),
                ("Nomor SOP", data.nomor_sop or "-"), ("Periode monitoring", data.periode)]
    if data.penanda is not None:
        identity += [("Penilai", f"{data.penanda.nama} ({data.penanda.jabatan})"),
                     ("Tanggal penilaian", data.penanda.tempat_tanggal.split(", ", 1)[-1])]
    story: list[Flowable] = [
        *_heading("FORMULIR MONITORING PELAKSANAAN SOP", identity, data.dibatalkan, styles,
                  width),
        Paragraph("Angka pelaksanaan dari register", styles["section"]),
        _p(data.ringkasan, styles["cell"]),
        Spacer(1, 2 * mm),
        grafik_tepat_waktu(data.baris, data.ambang, width * 0.6),
        Paragraph("Penilaian per langkah", styles["section"]),
        table,
        Spacer(1, 3 * mm),
        KeepTogether([
            Paragraph("Kesimpulan", styles["section"]),
            _identity([("Penilaian observasi", data.penilaian),
                       ("Catatan hasil penilaian", data.catatan or "-"),
                       ("Tindakan yang harus diambil", data.tindakan or "-")], styles, width)]),
        _signature(data.penanda, styles, width),
        Spacer(1, 2 * mm),
        _p("Waktu nyata sebuah langkah: selisih dari langkah sebelumnya yang tercatat pada "
           "rekaman yang sama; median dan terlama dari pelaksanaan dalam periode. Langkah "
           "bertenggat (mis. \u201c6 bulan sebelum TMT\u201d) diukur terhadap peristiwanya. "
           f"Usulan penilaian: tepat waktu sekurang-kurangnya {data.ambang}%.",
           styles["small"]),
    ]
    doc.build(story)


def build_evaluasi_pdf(data: LembarEvaluasi, target: str | Path | BinaryIO) -> None:
    """Write the Form Evaluasi Penerapan SOP."""
    styles = _styles()
    page = PAPER_SIZES[data.kertas]
    width = page[0] - 2 * MARGIN
    title = f"Form Evaluasi Penerapan SOP {data.judul_sop} {data.tahun}"
    doc = _document(target, page, title, data.kop, title, data.dibatalkan)
    rows: list[list[object]] = [[Paragraph(h, styles["head"]) for h in
                                 ("No", "Kriteria penilaian", "Ya", "Tidak", "Catatan")]]
    for item in data.kriteria:
        rows.append([_p(str(item.no), styles["center"]), _p(item.kriteria, styles["cell"]),
                     Paragraph("\u221a" if item.ya is True else "", styles["center"]),
                     Paragraph("\u221a" if item.ya is False else "", styles["center"]),
                     _p(item.catatan, styles["cell"])])
    criteria = Table(rows, colWidths=[w * width for w in (0.06, 0.44, 0.07, 0.07, 0.36)],
                     repeatRows=1)
    criteria.setStyle(_grid_style())
    figures: list[list[object]] = [[Paragraph(h, styles["head"]) for h in
                                    ("No", "Kegiatan", "Dilaksanakan", "Median waktu",
                                     "Tepat waktu")]]
    figures += [[_p(text, styles["cell"]) for text in row] for row in data.angka]
    angka = Table(figures, colWidths=[w * width for w in (0.06, 0.52, 0.12, 0.16, 0.14)],
                  repeatRows=1)
    angka.setStyle(_grid_style())
    revisi = ("-" if data.perlu_revisi is None else
              "Ya, SOP perlu direvisi" if data.perlu_revisi else "Tidak")
    identity = [("Unit kerja", data.unit), ("Nama SOP", data.judul_sop),
                ("Nomor SOP", data.nomor_sop or "-"), ("Tahun evaluasi", str(data.tahun))]
    story: list[Flowable] = [
        *_heading("FORMULIR EVALUASI PENERAPAN SOP", identity, data.dibatalkan, styles, width),
        Paragraph("Penilaian penerapan", styles["section"]),
        criteria,
        Paragraph("Angka pelaksanaan tahun ini (dari register)", styles["section"]),
        _p(data.ringkasan, styles["cell"]),
        Spacer(1, 2 * mm),
        angka,
        Spacer(1, 3 * mm),
        KeepTogether([_identity([("Perlu revisi", revisi), ("Catatan", data.catatan or "-")],
                                styles, width)]),
        _signature(data.penanda, styles, width),
    ]
    doc.build(story)
