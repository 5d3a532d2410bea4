"""The PDF of a filled naskah: the program's own layout (read back with pypdfium2: the text, the
font sizes, where lines are, which page the signature block is on, the page size) and the
LibreOffice path with its fallback."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from jogoroto_desktop import naskah_convert
from printing.naskah_pdf import (
    LIBREOFFICE,
    OWN_LAYOUT,
    NaskahPdfError,
    font_family,
    layout_docx_pdf,
    render_naskah_pdf,
)
from tests.naskah_docx import VALUES, letter

F4 = (609.45, 935.43)
A4 = (595.28, 841.89)
MM = 72 / 25.4


def pages_text(pdf_bytes: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf_bytes)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def own_pdf(docx: bytes, **kwargs: object) -> tuple[bytes, object]:
    out = io.BytesIO()
    log = layout_docx_pdf(docx, out, **kwargs)
    return out.getvalue(), log


def page_of(texts: list[str], needle: str) -> int:
    found = [index + 1 for index, text in enumerate(texts) if needle in " ".join(text.split())]
    assert found, f"{needle!r} is in no page"
    return found[0]


def char_boxes(pdf_bytes: bytes, page: int = 0) -> tuple[str, list[tuple[float, float, float]]]:
    """The page's text and per character (left, bottom, font size)."""
    document = pdfium.PdfDocument(pdf_bytes)
    textpage = document[page].get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count)
    boxes = []
    for index in range(count):
        left, bottom, _right, _top = textpage.get_charbox(index)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
        boxes.append((left, bottom, size))
    return text, boxes


def test_every_value_is_in_the_pdf_on_f4() -> None:
    pdf, log = own_pdf(letter())
    text = " ".join(" ".join(pages_text(pdf)).split())
    for name, value in VALUES.items():
        assert value in text, name
    document = pdfium.PdfDocument(pdf)
    width, height = document[0].get_size()
    assert (width, height) == pytest.approx(F4, abs=0.5)
    assert log.pages == len(document) == 1
    assert "{{" not in text


def test_a4_document_and_paper_override() -> None:
    pdf, _log = own_pdf(letter(paper="A4"))
    assert pdfium.PdfDocument(pdf)[0].get_size() == pytest.approx(A4, abs=0.5)
    pdf, log = own_pdf(letter(paper="F4"), paper="A4")
    assert pdfium.PdfDocument(pdf)[0].get_size() == pytest.approx(A4, abs=0.5)
    assert log.page_size == pytest.approx(A4, abs=0.5)


def test_body_text_is_never_below_11_pt() -> None:
    pdf, log = own_pdf(letter(body_size=9))
    assert log.min_body_size == 11
    assert log.raised_sizes > 0
    text, boxes = char_boxes(pdf)
    start = text.index("Nomor")  # below the kop (whose small address line may stay small)
    sizes = {round(size, 1) for char, (_x, _y, size) in zip(text[start:], boxes[start:],
                                                             strict=True) if char.strip()}
    assert min(sizes) >= 11
    # a template at 12 pt keeps its 12 pt
    _pdf, log = own_pdf(letter(body_size=12))
    assert log.min_body_size == 12 and log.raised_sizes == 0


@pytest.mark.parametrize("signature_table", [False, True])
def test_signature_block_stays_with_the_last_body_paragraph(signature_table: bool) -> None:
    moved = 0
    for body_paragraphs in range(3, 11):
        pdf, log = own_pdf(letter(body_paragraphs=body_paragraphs,
                                  signature_table=signature_table))
        texts = pages_text(pdf)
        last_body = page_of(texts, "Demikian untuk menjadi maklum.")
        block = [page_of(texts, line) for line in (f"Jogoroto, {VALUES['tanggal']} CAMAT",
                                                   VALUES["camat"], VALUES["pangkat"],
                                                   f"NIP. {VALUES['nip']}")]
        assert set(block) == {last_body}, body_paragraphs
        assert log.marks["isi"] == log.marks["ttd"] == last_body
        moved += last_body == 2
    assert moved >= 2  # the lengths tried do push the block to page 2, with its paragraph


def test_tab_stops_align_the_nomor_block() -> None:
    pdf, _log = own_pdf(letter())
    text, boxes = char_boxes(pdf)
    values = [VALUES["nomor"], "Biasa", VALUES["hal"]]
    lefts = [boxes[text.index(value)][0] for value in values]
    margin = 25 * MM
    for left in lefts:  # every value starts at the second tab stop (30 mm)
        assert left == pytest.approx(margin + 30 * MM, abs=1.5)
    colon = boxes[text.index(":", text.index("Nomor"))]
    assert colon[0] == pytest.approx(margin + 25 * MM, abs=1.5)
    assert colon[1] == pytest.approx(boxes[text.index(VALUES["nomor"])][1], abs=0.5)


def test_nomor_block_in_a_borderless_table() -> None:
    pdf, _log = own_pdf(letter(nomor_in_table=True))
    text = " ".join(" ".join(pages_text(pdf)).split())
    assert f"Nomor : {VALUES['nomor']}" in text
    assert f"Hal : {VALUES['hal']}" in text


def _doc(font: str = "Arial") -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    document.styles["Normal"].font.name = font
    document.styles["Normal"].font.size = Pt(12)
    return document


def _bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_page_breaks_headers_and_footers() -> None:
    document = _doc()
    document.sections[0].header.paragraphs[0].text = "KOP DI HEADER"
    document.sections[0].footer.paragraphs[0].text = "Kaki halaman"
    document.add_paragraph("Halaman satu")
    paragraph = document.add_paragraph("Sebelum pemisah")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    paragraph.add_run("Halaman dua")
    pdf, log = own_pdf(_bytes(document))
    texts = pages_text(pdf)
    assert log.pages == 2
    assert "Halaman satu" in texts[0] and "Halaman dua" in texts[1]
    assert all("KOP DI HEADER" in text and "Kaki halaman" in text for text in texts)


def test_merged_cells_and_ruled_table() -> None:
    document = _doc()
    table = document.add_table(rows=3, cols=3)
    table.style = document.styles["Table Grid"]
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Judul gabungan tiga kolom"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Dua baris"
    for row in (1, 2):
        for col in (1, 2):
            table.cell(row, col).text = f"isi {row}.{col}"
    pdf, _log = own_pdf(_bytes(document))
    text = " ".join(pages_text(pdf)[0].split())
    assert "Judul gabungan tiga kolom" in text and "Dua baris" in text
    assert all(f"isi {r}.{c}" in text for r in (1, 2) for c in (1, 2))
    assert text.count("Dua baris") == 1  # a merged cell is drawn once


def test_times_templates_print_in_the_serif_face() -> None:
    assert font_family("Times New Roman") == "serif"
    assert font_family("Bookman Old Style") == "serif"
    assert font_family("Arial") == font_family("Calibri") == "sans"
    document = _doc("Times New Roman")
    document.add_paragraph("Huruf berkait")
    pdf, _log = own_pdf(_bytes(document))
    assert b"LiberationSerif" in pdf
    pdf, _log = own_pdf(letter(font="Arial"))
    assert b"LiberationSerif" not in pdf and b"LiberationSans" in pdf


def test_a_file_that_is_no_docx_is_refused_in_indonesian() -> None:
    with pytest.raises(NaskahPdfError, match="bukan dokumen Word"):
        own_pdf(b"%PDF-1.4 bukan docx")
    with pytest.raises(NaskahPdfError, match="kertas"):
        own_pdf(letter(), paper="Letter")


# -- LibreOffice and the fallback -------------------------------------------------------------
@pytest.fixture
def no_database_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(naskah_convert.OWN_LAYOUT_ENV_VAR, raising=False)
    monkeypatch.setattr(naskah_convert, "libreoffice_wanted",
                        lambda: os.environ.get(naskah_convert.OWN_LAYOUT_ENV_VAR, "") in ("", "0"))


def _fake_soffice(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


def test_forced_own_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                           no_database_setting: None) -> None:
    monkeypatch.setenv(naskah_convert.OWN_LAYOUT_ENV_VAR, "1")
    calls = []
    monkeypatch.setattr(naskah_convert, "convert_to_pdf", lambda *a, **k: calls.append(a))
    target = tmp_path / "surat.pdf"
    assert render_naskah_pdf(letter(), target) == OWN_LAYOUT
    assert not calls
    assert VALUES["nomor"] in " ".join(pages_text(target.read_bytes())[0].split())
    monkeypatch.delenv(naskah_convert.OWN_LAYOUT_ENV_VAR)
    assert render_naskah_pdf(letter(), target, prefer_libreoffice=False) == OWN_LAYOUT
    assert render_naskah_pdf(letter(), target, paper="A4") == OWN_LAYOUT  # another paper
    assert not calls


def test_missing_libreoffice_falls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        no_database_setting: None) -> None:
    monkeypatch.setenv(naskah_convert.SOFFICE_ENV_VAR, str(tmp_path / "tidak-ada"))
    assert naskah_convert.find_soffice() is None
    with pytest.raises(naskah_convert.ConversionFailed, match="tidak terpasang"):
        naskah_convert.convert_to_pdf(letter(), tmp_path / "x.pdf")
    target = tmp_path / "surat.pdf"
    assert render_naskah_pdf(letter(), target) == OWN_LAYOUT
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(sys.platform == "win32", reason="a shell script stands in for soffice")
def test_failing_or_hanging_libreoffice_falls_back(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   no_database_setting: None) -> None:
    failing = _fake_soffice(tmp_path, "echo rusak >&2; exit 3")
    with pytest.raises(naskah_convert.ConversionFailed, match="kode 3"):
        naskah_convert.convert_to_pdf(letter(), tmp_path / "x.pdf", soffice=failing)
    hanging = _fake_soffice(tmp_path, "exec sleep 30")
    with pytest.raises(naskah_convert.ConversionFailed, match="tidak selesai"):
        naskah_convert.convert_to_pdf(letter(), tmp_path / "x.pdf", soffice=hanging,
                                      timeout=0.5)
    silent = _fake_soffice(tmp_path, "exit 0")  # "succeeds" without writing a PDF
    monkeypatch.setenv(naskah_convert.SOFFICE_ENV_VAR, str(silent))
    target = tmp_path / "surat.pdf"
    assert render_naskah_pdf(letter(), target) == OWN_LAYOUT
    assert not (tmp_path / "x.pdf").exists()
    assert VALUES["nama"] in pages_text(target.read_bytes())[0]


@pytest.mark.skipif(naskah_convert.find_soffice() is None, reason="LibreOffice not installed")
def test_libreoffice_conversion(tmp_path: Path, no_database_setting: None) -> None:
    target = tmp_path / "surat.pdf"
    assert render_naskah_pdf(letter(), target) == LIBREOFFICE
    texts = pages_text(target.read_bytes())
    text = " ".join(" ".join(texts).split())
    for name, value in VALUES.items():
        assert value in text, name
    assert pdfium.PdfDocument(target.read_bytes())[0].get_size() == pytest.approx(F4, abs=1.5)


def test_setting_off_in_the_database_forces_the_own_layout(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    import models

    monkeypatch.delenv(naskah_convert.OWN_LAYOUT_ENV_VAR, raising=False)
    monkeypatch.setattr(models, "get_setting", lambda key, default=None:
                        "0" if key == naskah_convert.LIBREOFFICE_SETTING else default)
    assert naskah_convert.libreoffice_wanted() is False
    monkeypatch.setattr(models, "get_setting", lambda key, default=None: default)
    assert naskah_convert.libreoffice_wanted() is True


def test_kop_line_is_drawn_as_a_double_rule() -> None:
    document = _doc()
    paragraph = document.add_paragraph("KECAMATAN JOGOROTO")
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "thickThinSmallGap"), ("w:sz", "24"), ("w:space", "1")):
        bottom.set(qn(key), value)
    border.append(bottom)
    paragraph._p.get_or_add_pPr().append(border)
    pdf, _log = own_pdf(_bytes(document))
    page = pdfium.PdfDocument(pdf)[0]
    lines = [obj for obj in page.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH]
    assert len(lines) == 2  # the thick and the thin line


def test_paper_of_a_docx() -> None:
    from printing.naskah_pdf import docx_paper

    assert docx_paper(letter(paper="F4")) == "F4"
    assert docx_paper(letter(paper="A4")) == "A4"
    document = _doc()
    document.sections[0].page_width, document.sections[0].page_height = Mm(216), Mm(279)
    assert docx_paper(_bytes(document)) is None


def test_signature_block_is_marked_keep_together_for_word_and_libreoffice() -> None:
    from printing.naskah_pdf import keep_signature_together

    for signature_table in (False, True):
        marked = Document(io.BytesIO(keep_signature_together(
            letter(signature_table=signature_table))))
        paragraphs = {p.text: p for p in marked.paragraphs}
        last_body = paragraphs["Demikian untuk menjadi maklum."].paragraph_format
        assert last_body.keep_with_next and last_body.keep_together
        assert not paragraphs["Tembusan:"].paragraph_format.keep_with_next
        if signature_table:
            table = marked.tables[-1]
            assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        else:
            nip = paragraphs[f"NIP. {VALUES['nip']}"].paragraph_format
            assert nip.keep_together and not nip.keep_with_next
            assert paragraphs["CAMAT JOGOROTO,"].paragraph_format.keep_with_next
    plain = _doc()
    plain.add_paragraph("Tanpa tanda tangan")
    content = _bytes(plain)
    assert keep_signature_together(content) == content


@pytest.mark.skipif(naskah_convert.find_soffice() is None, reason="LibreOffice not installed")
def test_libreoffice_keeps_the_signature_block_with_its_paragraph(
        tmp_path: Path, no_database_setting: None) -> None:
    target = tmp_path / "surat.pdf"
    for body_paragraphs in (7, 8):  # LibreOffice alone splits these blocks over two pages
        assert render_naskah_pdf(letter(body_paragraphs=body_paragraphs), target) == LIBREOFFICE
        texts = pages_text(target.read_bytes())
        assert page_of(texts, f"NIP. {VALUES['nip']}") == page_of(texts, "CAMAT JOGOROTO,") \
            == page_of(texts, "Demikian untuk menjadi maklum.") == 2


def _float_picture(document: Document, paragraph_text: str, anchor_xml: str) -> None:
    """A picture added inline, then made floating (wp:anchor) as Word writes a kop logo."""
    from docx.oxml import parse_xml

    from tests.naskah_docx import png

    paragraph = document.add_paragraph(paragraph_text)
    run = paragraph.add_run()
    run.add_picture(io.BytesIO(png(80, "green")), width=Mm(20))
    inline = run._r.find(".//" + qn("wp:inline"))
    ns = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"')
    anchor = parse_xml(f'<wp:anchor {ns} behindDoc="0" simplePos="0" relativeHeight="1" '
                       f'locked="0" layoutInCell="1" allowOverlap="1">'
                       f'<wp:simplePos x="0" y="0"/>{anchor_xml}</wp:anchor>')
    for child in list(inline):
        anchor.append(child)  # extent, docPr, graphic: after the position
    anchor.insert(3, OxmlElement("wp:wrapNone"))
    inline.getparent().replace(inline, anchor)


def test_floating_pictures_are_placed_where_word_puts_them() -> None:
    document = _doc()
    section = document.sections[0]
    section.left_margin, section.right_margin, section.top_margin = Mm(25), Mm(20), Mm(20)
    _float_picture(document, "PEMERINTAH KABUPATEN JOMBANG",
                   '<wp:positionH relativeFrom="page"><wp:posOffset>914400</wp:posOffset>'
                   '</wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>457200'
                   '</wp:posOffset></wp:positionV>')
    _float_picture(document, "Logo di tengah margin",
                   '<wp:positionH relativeFrom="margin"><wp:align>center</wp:align>'
                   '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
                   '</wp:posOffset></wp:positionV>')
    pdf, _log = own_pdf(_bytes(document))
    page = pdfium.PdfDocument(pdf)[0]
    width, height = page.get_size()
    images = sorted((obj.get_bounds() for obj in page.get_objects()
                     if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE), key=lambda box: box[0])
    assert len(images) == 2
    left, bottom, right, top = images[0]  # 1 inch from the page's left, 0.5 inch from its top
    assert (left, top) == pytest.approx((72, height - 36), abs=0.5)
    assert right - left == pytest.approx(20 * MM, abs=0.5)
    left, _bottom, right, top = images[1]  # centred between the margins, at its paragraph
    assert (left + right) / 2 == pytest.approx((25 * MM + width - 20 * MM) / 2, abs=1.5)
    text, boxes = char_boxes(pdf)
    paragraph_top = boxes[text.index("Logo di tengah")][1]
    assert top == pytest.approx(paragraph_top + 12, abs=6)
    assert "PEMERINTAH KABUPATEN JOMBANG" in text  # the text stays where it was
    assert boxes[text.index("PEMERINTAH")][0] == pytest.approx(25 * MM, abs=1)


def test_a_picture_taller_than_the_page_is_shrunk_and_a_row_taller_is_refused() -> None:
    from tests.naskah_docx import png

    document = _doc()
    document.add_paragraph("Lampiran foto")
    document.add_paragraph().add_run().add_picture(io.BytesIO(png(40)), width=Mm(150),
                                                   height=Mm(400))
    pdf, log = own_pdf(_bytes(document))
    document_pdf = pdfium.PdfDocument(pdf)
    bounds = [obj.get_bounds() for index in range(len(document_pdf))
              for obj in document_pdf[index].get_objects()
              if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    assert len(bounds) == 1 and log.pages <= 2
    _left, bottom, _right, top = bounds[0]
    assert top - bottom < document_pdf[0].get_size()[1] - 72
    tall = _doc()
    cell = tall.add_table(rows=1, cols=1).cell(0, 0)
    for number in range(120):  # one row longer than a page cannot be split by rows
        cell.add_paragraph(f"baris {number}")
    with pytest.raises(NaskahPdfError, match="lebih besar dari satu halaman"):
        own_pdf(_bytes(tall))


def _page_field(paragraph, simple: bool) -> None:
    """A PAGE field: w:fldSimple, or begin/instrText/separate/result/end runs as Word writes."""
    if simple:
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), " PAGE ")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)
        return
    for kind, value in (("begin", None), ("instr", " PAGE \\* MERGEFORMAT "), ("separate", None),
                        ("text", "1"), ("end", None)):
        run = paragraph.add_run()._r
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.text = value
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = value
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run.append(element)


@pytest.mark.parametrize("simple", [True, False])
def test_page_numbers_in_the_header_count_the_pages(simple: bool) -> None:
    document = _doc()
    header = document.sections[0].header.paragraphs[0]
    header.add_run("Halaman ")
    _page_field(header, simple)
    for number in range(3):
        paragraph = document.add_paragraph(f"Isi halaman {number + 1}")
        if number < 2:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    pdf, log = own_pdf(_bytes(document))
    texts = [" ".join(text.split()) for text in pages_text(pdf)]
    assert log.pages == 3
    for number, text in enumerate(texts, start=1):
        assert f"Halaman {number}" in text and f"Isi halaman {number}" in text


def test_dot_leaders_fill_the_gap_to_the_tab_stop() -> None:
    from docx.enum.text import WD_TAB_LEADER

    document = _doc()
    paragraph = document.add_paragraph("Nama\t: Ahmad Fauzi")
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(60), leader=WD_TAB_LEADER.DOTS)
    pdf, _log = own_pdf(_bytes(document))
    text, boxes = char_boxes(pdf)
    assert "Nama ...." in text.replace("\r\n", " ") or "Nama...." in text
    colon = text.index(":")
    dots = [boxes[i][0] for i, char in enumerate(text) if char == "."]
    assert len(dots) > 20 and max(dots) < boxes[colon][0]
    margin = document.sections[0].left_margin.pt
    assert boxes[colon][0] == pytest.approx(margin + 60 * MM, abs=1.5)


TEXT_BOX = """<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
 <mc:Choice Requires="wps"><w:drawing><wp:anchor behindDoc="0" simplePos="0" relativeHeight="2"
  locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
  <wp:positionH relativeFrom="page"><wp:posOffset>2743200</wp:posOffset></wp:positionH>
  <wp:positionV relativeFrom="page"><wp:posOffset>914400</wp:posOffset></wp:positionV>
  <wp:extent cx="2743200" cy="457200"/><wp:wrapNone/><wp:docPr id="9" name="Kotak Teks"/>
  <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
  <wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>KOP DI KOTAK TEKS</w:t></w:r></w:p>
  </w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor>
 </w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>KOP DI KOTAK TEKS</w:t>
 </w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>"""


def test_text_boxes_keep_their_text_and_place() -> None:
    from docx.oxml import parse_xml

    document = _doc()
    run = document.add_paragraph("Sebelum").add_run()
    run._r.append(parse_xml(TEXT_BOX))
    old = document.add_paragraph().add_run()._r
    old.append(parse_xml(  # a text box only in the old VML form: its text in the flow
        '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><v:textbox><w:txbxContent><w:p>'
        '<w:r><w:t>Kotak lama</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'))
    pdf, _log = own_pdf(_bytes(document))
    text, boxes = char_boxes(pdf)
    assert text.count("KOP DI KOTAK TEKS") == 1 and "Kotak lama" in text
    left, bottom, _size = boxes[text.index("KOP DI KOTAK TEKS")]
    height = pdfium.PdfDocument(pdf)[0].get_size()[1]
    assert left == pytest.approx(3 * 72 + 7.2, abs=1.5)  # 3 inch from the page's left, inset
    assert height - 72 - 3.6 - 14 < bottom < height - 72  # its first line under the box's top
