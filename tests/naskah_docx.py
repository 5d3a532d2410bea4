"""Letters built with python-docx for the naskah PDF tests: the shapes a naskah dinas template
has (kop with logo and double line, the Nomor/Sifat/Lampiran/Hal block on tab stops or in a
borderless table, body, signature block, tembusan), filled with known values."""

from __future__ import annotations

import io

import qrcode
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

VALUES = {
    "nomor": "300.1.4/27/415.67/2026",
    "hal": "Rekomendasi Surat Keterangan Catatan Kepolisian",
    "kepada": "Kapolsek Jogoroto",
    "nama": "SITI AMINAH",
    "nik": "3517014506900002",
    "alamat": "Dusun Krajan RT 002 RW 001, Desa Mayangan",
    "keperluan": "Melamar pekerjaan",
    "tanggal": "6 Desember 2026",
    "camat": "Drs. BAMBANG SUTRISNO, M.Si.",
    "pangkat": "Pembina Tingkat I",
    "nip": "19700101 199003 1 005",
}


def png(size: int = 60, color: str = "black") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buffer, "PNG")
    return buffer.getvalue()


def qr_png(text: str = "JGR:naskah:27") -> bytes:
    buffer = io.BytesIO()
    qrcode.make(text).save(buffer)
    return buffer.getvalue()


def _borderless(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def _bottom_border(paragraph, kind: str = "thickThinSmallGap", size: int = 24) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), kind)
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    border.append(bottom)
    ppr.append(border)


def letter(*, paper: str = "F4", body_paragraphs: int = 3, body_size: float = 12,
           font: str = "Arial", nomor_in_table: bool = False, signature_table: bool = False,
           values: dict[str, str] | None = None) -> bytes:
    """A filled letter as .docx bytes; `body_paragraphs` long paragraphs push the signature
    block towards the page end."""
    v = {**VALUES, **(values or {})}
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = ((Mm(215), Mm(330)) if paper == "F4"
                                               else (Mm(210), Mm(297)))
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(body_size)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    kop = document.add_table(rows=1, cols=2)
    _borderless(kop)
    kop.columns[0].width = Mm(25)
    kop.rows[0].cells[0].width = Mm(25)
    kop.rows[0].cells[1].width = Mm(145)
    kop.rows[0].cells[0].paragraphs[0].add_run().add_picture(io.BytesIO(png(80, "green")),
                                                             width=Mm(20))
    cell = kop.rows[0].cells[1]
    lines = [("PEMERINTAH KABUPATEN JOMBANG", 14, True), ("KECAMATAN JOGOROTO", 16, True),
             ("Jalan Raya Jogoroto No. 1, Jogoroto, Jombang 61485", 9, False)]
    for index, (text, size, bold) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.size = bold, Pt(size)
    line = document.add_paragraph()
    _bottom_border(line)

    date = document.add_paragraph(f"Jogoroto, {v['tanggal']}")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    block = [("Nomor", v["nomor"]), ("Sifat", "Biasa"), ("Lampiran", "-"), ("Hal", v["hal"])]
    if nomor_in_table:
        table = document.add_table(rows=len(block), cols=3)
        _borderless(table)
        for row, (label, value) in zip(table.rows, block, strict=True):
            for cell, text, width in zip(row.cells, (label, ":", value),
                                         (Mm(25), Mm(5), Mm(80)), strict=True):
                cell.text, cell.width = text, width
    else:
        for label, value in block:
            paragraph = document.add_paragraph(f"{label}\t:\t{value}")
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(25))
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(30))
            paragraph.paragraph_format.left_indent = Mm(30)
            paragraph.paragraph_format.first_line_indent = -Mm(30)
    document.add_paragraph()
    document.add_paragraph("Yth.")
    document.add_paragraph(v["kepada"]).paragraph_format.left_indent = Mm(10)
    document.add_paragraph("di -").paragraph_format.left_indent = Mm(10)
    document.add_paragraph("JOGOROTO").paragraph_format.left_indent = Mm(20)
    document.add_paragraph()
    intro = document.add_paragraph("\tYang bertanda tangan di bawah ini menerangkan bahwa:")
    intro.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for label, key in (("Nama", "nama"), ("NIK", "nik"), ("Alamat", "alamat"),
                       ("Keperluan", "keperluan")):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Mm(45)
        paragraph.paragraph_format.first_line_indent = -Mm(35)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(40))
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(45))
        paragraph.add_run(f"{label}\t:\t")
        paragraph.add_run(v[key]).bold = key == "nama"
    for index in range(body_paragraphs):
        paragraph = document.add_paragraph(
            f"\tParagraf isi ke-{index + 1}: berdasarkan surat pengantar dari Kepala Desa "
            "Mayangan, yang bersangkutan adalah benar penduduk Kecamatan Jogoroto dan sepanjang "
            "pengetahuan kami berkelakuan baik serta tidak pernah terlibat perkara pidana. "
            "Demikian rekomendasi ini dibuat untuk dipergunakan sebagaimana mestinya.")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.space_after = Pt(6)
    paragraph = document.add_paragraph("Demikian untuk menjadi maklum.")
    paragraph.paragraph_format.first_line_indent = Mm(12.7)

    signature = [f"Jogoroto, {v['tanggal']}", "CAMAT JOGOROTO,", "", "", "", v["camat"],
                 v["pangkat"], f"NIP. {v['nip']}"]
    if signature_table:
        table = document.add_table(rows=1, cols=2)
        _borderless(table)
        cell = table.rows[0].cells[1]
        table.rows[0].cells[0].paragraphs[0].add_run().add_picture(io.BytesIO(qr_png()),
                                                                   width=Mm(25))
        for index, text in enumerate(signature):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.bold = run.underline = text == v["camat"]
    else:
        document.add_paragraph()
        for text in signature:
            paragraph = document.add_paragraph(text)
            paragraph.paragraph_format.left_indent = Mm(95)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if text == v["camat"]:
                paragraph.runs[0].bold = paragraph.runs[0].underline = True
        qr = document.add_paragraph()
        qr.add_run().add_picture(io.BytesIO(qr_png()), width=Mm(22))
    document.add_paragraph()
    document.add_paragraph("Tembusan:")
    for item in ("Bupati Jombang (sebagai laporan);", "Arsip."):
        document.add_paragraph(item, style="List Number")
    document.tables[0].alignment = WD_TABLE_ALIGNMENT.CENTER
    _ = WD_TAB_ALIGNMENT  # right tab stops are added by tests that need them
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
