"""The printed SOP (printing/sop_document.py), checked as a person would check the paper:
page sizes measured, text extracted and compared, fonts inspected, text kept on the page.

Every SOP of the shipped catalog is built once per paper (module cache) and the built PDF is
then examined by several tests.
"""

from __future__ import annotations

import ctypes
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.geometry import MM
from jogoroto_desktop.sop.catalog import IDENTITAS_LIST_FIELDS, Sop, default_catalog, load_catalog
from jogoroto_desktop.sop.flowchart import UNREADABLE, LayoutError, layout_sop
from printing.sop_document import (
    AUTHOR,
    DRAFT_NOTICE,
    UNREADABLE_FIELD,
    Kop,
    build_all_sop_pdfs,
    build_sop_pdf,
)

# Loaded without the start-up cache, so collection writes nothing into any data folder.
SOP_IDS = [sop.id for sop in load_catalog()]
PAPER_SIZES = {"A4": (595.28, 841.89), "F4": (609.45, 935.43)}
SIZE_TOLERANCE = 0.5
PAGE_EDGE = 9 * MM  # no text may come nearer the paper's edge than this


@dataclass
class BuiltPdf:
    sop: Sop
    paper: str
    path: Path
    page_count: int  # as returned by build_sop_pdf
    sizes: list[tuple[float, float]]
    texts: list[str]  # extracted text of each page
    text_rects: list[list[tuple[float, float, float, float]]]  # per page: left, bottom, right, top


def squash(text: str) -> str:
    """Text without any whitespace: the layout breaks lines (and over-long words) anywhere.
    pdfium reports a hyphen that ends a line as U+FFFE: it is the printed "-"."""
    return re.sub(r"\s+", "", text).replace("\ufffe", "-")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _extract(path: Path) -> tuple[list[tuple[float, float]], list[str], list[list[tuple]]]:
    pdf = pdfium.PdfDocument(path)
    try:
        sizes, texts, rects = [], [], []
        for index in range(len(pdf)):
            page = pdf[index]
            sizes.append(page.get_size())
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            rects.append([textpage.get_rect(i) for i in range(textpage.count_rects())])
        return sizes, texts, rects
    finally:
        pdf.close()


@pytest.fixture(scope="module")
def pdf_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sop-pdf")


_BUILT: dict[str, dict[str, tuple[Path, int]]] = {}


def build_paper(folder: Path, paper: str) -> dict[str, tuple[Path, int]]:
    """Every SOP of the shipped catalog on `paper`, built once per test module; with the page
    count each build_sop_pdf call returned."""
    if paper not in _BUILT:
        (folder / paper).mkdir()
        _BUILT[paper] = {}
        for sop in default_catalog():
            path = folder / paper / f"{sop.id}.pdf"
            _BUILT[paper][sop.id] = (path, build_sop_pdf(sop, path, paper))
    return _BUILT[paper]


@pytest.mark.parametrize("paper", sorted(PAPER_SIZES))
@pytest.mark.parametrize("sop_id", SOP_IDS)
def test_printed_sop(sop_id: str, paper: str, pdf_folder: Path) -> None:
    """Build, then check sizes, text, footers, fonts, metadata and margins of one SOP."""
    sop = default_catalog().get(sop_id)
    assert sop is not None
    path, count = build_paper(pdf_folder, paper)[sop_id]
    built = BuiltPdf(sop, paper, path, count, *_extract(path))
    check_page_count_and_sizes(built)
    check_identitas_page(built)
    check_page_footers(built)
    check_text_stays_on_the_paper(built)
    check_fonts_embedded(built)
    check_metadata(built)
    if not sop.is_draft:
        check_every_kegiatan_printed(built)
        check_every_layout_line_printed(built)


def check_page_count_and_sizes(built: BuiltPdf) -> None:
    sop = built.sop
    expected = 1 if sop.is_draft else 1 + len(layout_sop(sop, built.paper).pages)
    assert built.page_count == expected == len(built.sizes)
    portrait = PAPER_SIZES[built.paper]
    landscape = (portrait[1], portrait[0])
    for index, (width, height) in enumerate(built.sizes):
        want = portrait if index == 0 else landscape
        assert width == pytest.approx(want[0], abs=SIZE_TOLERANCE), f"halaman {index + 1}"
        assert height == pytest.approx(want[1], abs=SIZE_TOLERANCE), f"halaman {index + 1}"


def check_every_kegiatan_printed(built: BuiltPdf) -> None:
    uraian = squash("".join(built.texts[1:]))
    for step in built.sop.steps:
        expected = UNREADABLE if "kegiatan" in step.unreadable else step.kegiatan
        assert squash(expected) in uraian, f"langkah {step.no}: {expected!r}"


def check_every_layout_line_printed(built: BuiltPdf) -> None:
    """Each line the layout decided (title, headers, cells, footer) is on its page, unchanged."""
    layout = layout_sop(built.sop, built.paper, first_page_number=2)
    for page, text in zip(layout.pages, built.texts[1:], strict=True):
        printed = squash(text)
        for cell in (*page.title, *page.header_cells, *page.cells, page.footer):
            assert cell is not None
            for line in cell.text.lines:
                assert squash(line.text) in printed, (page.number, line.text)


def check_identitas_page(built: BuiltPdf) -> None:
    sop = built.sop
    first = built.texts[0]
    flat = squash(first)
    for line in Kop().lines():
        assert squash(line[0]) in flat
    assert squash(sop.name.upper()) in flat
    assert f"Halaman 1 dari {built.page_count}" in collapse(first)
    if sop.is_draft:
        assert squash(DRAFT_NOTICE) in flat
        return
    assert squash(DRAFT_NOTICE) not in flat
    if "nomor" in sop.unreadable:
        assert squash(UNREADABLE_FIELD) in flat
    else:
        assert sop.nomor and squash(sop.nomor) in flat
    assert sop.tanggal_pembuatan is not None
    assert format_tanggal(sop.tanggal_pembuatan) == "4 Januari 2022"
    assert "Tgl. Pembuatan 4 Januari 2022" in collapse(first)
    assert "Tgl. Efektif 4 Januari 2022" in collapse(first)
    assert "Jogoroto, 4 Januari 2022" in collapse(first)  # the pengesahan
    assert sop.disahkan_oleh is not None
    assert squash(sop.disahkan_oleh.nip) in flat
    assert "CAMAT JOGOROTO" in collapse(first)
    for label in ("DASAR HUKUM", "KUALIFIKASI PELAKSANA", "KETERKAITAN",
                  "PERALATAN/PERLENGKAPAN", "PERINGATAN", "PENCATATAN DAN PENDATAAN"):
        assert label in collapse(first)
    for name in IDENTITAS_LIST_FIELDS:
        for item in getattr(sop, name):
            assert squash(item) in flat, f"{name}: {item!r}"


def check_page_footers(built: BuiltPdf) -> None:
    total = built.page_count
    for index, text in enumerate(built.texts, start=1):
        assert f"Halaman {index} dari {total}" in collapse(text)


def check_text_stays_on_the_paper(built: BuiltPdf) -> None:
    for index, ((width, height), rects) in enumerate(
            zip(built.sizes, built.text_rects, strict=True), start=1):
        assert rects, f"halaman {index} kosong"
        for left, bottom, right, top in rects:
            assert left >= PAGE_EDGE and right <= width - PAGE_EDGE, (index, left, right)
            assert bottom >= PAGE_EDGE and top <= height - PAGE_EDGE, (index, bottom, top)


def check_fonts_embedded(built: BuiltPdf) -> None:
    data = built.path.read_bytes()
    assert b"Helvetica" not in data and b"/Type1" not in data  # no base-14 font at all
    font_dicts = len(re.findall(rb"/Type /Font(?!Descriptor)", data))
    assert font_dicts > 0 and data.count(b"/FontFile2") == font_dicts
    pdf = pdfium.PdfDocument(built.path)
    try:
        for index in range(len(pdf)):
            for obj in pdf[index].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
                font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
                assert pdfium_c.FPDFFont_GetIsEmbedded(font) == 1
                length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
                buffer = ctypes.create_string_buffer(length)
                pdfium_c.FPDFFont_GetBaseFontName(font, buffer, length)
                assert buffer.value.startswith(b"LiberationSans")
    finally:
        pdf.close()


def check_metadata(built: BuiltPdf) -> None:
    pdf = pdfium.PdfDocument(built.path)
    try:
        meta = pdf.get_metadata_dict()
    finally:
        pdf.close()
    assert meta["Title"] == built.sop.name
    assert meta["Author"] == AUTHOR == "Kecamatan Jogoroto"
    assert meta["Subject"] == (built.sop.nomor or "")


def test_draft_is_one_identitas_page(tmp_path: Path) -> None:
    drafts = [sop for sop in default_catalog() if sop.is_draft]
    assert drafts
    path = tmp_path / "draf.pdf"
    assert build_sop_pdf(drafts[0], path, "F4") == 1
    _sizes, texts, _rects = _extract(path)
    assert len(texts) == 1
    assert DRAFT_NOTICE in collapse(texts[0])
    assert "Halaman 1 dari 1" in collapse(texts[0])


def test_unreadable_identitas_field_is_marked(tmp_path: Path) -> None:
    sop = next(s for s in default_catalog() if "nomor" in s.unreadable)
    path = tmp_path / "tak-terbaca.pdf"
    build_sop_pdf(sop, path)
    pdf = pdfium.PdfDocument(path)
    try:
        textpage = pdf[0].get_textpage()
        text = textpage.get_text_range()
        start = text.index(UNREADABLE_FIELD)
        fonts = set()
        for offset in range(len(UNREADABLE_FIELD)):
            buffer = ctypes.create_string_buffer(128)
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, start + offset, buffer, 128, None)
            fonts.add(buffer.value)
    finally:
        pdf.close()
    assert fonts == {b"LiberationSans-Italic"}


def test_file_object_target() -> None:
    sop = default_catalog().get("surat-masuk")
    assert sop is not None
    buffer = io.BytesIO()
    count = build_sop_pdf(sop, buffer, "A4")
    data = buffer.getvalue()
    assert data.startswith(b"%PDF") and count >= 2
    pdf = pdfium.PdfDocument(data)
    try:
        assert len(pdf) == count
    finally:
        pdf.close()


def test_custom_kop_with_logo(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 50), (0, 120, 0)).save(logo)
    kop = Kop(pemerintah="PEMERINTAH KABUPATEN UJI", instansi="KECAMATAN UJI",
              alamat="Jln. Uji No. 9", telepon="Telp. 0000", tempat="Uji", logo=logo)
    sop = default_catalog().get("legalisir")
    assert sop is not None
    path = tmp_path / "kop.pdf"
    build_sop_pdf(sop, path, "A4", kop=kop)
    pdf = pdfium.PdfDocument(path)
    try:
        text = collapse(pdf[0].get_textpage().get_text_range())
        images = list(pdf[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
    finally:
        pdf.close()
    for expected in ("PEMERINTAH KABUPATEN UJI", "KECAMATAN UJI", "Jln. Uji No. 9",
                     "Telp. 0000", "Uji, 4 Januari 2022"):
        assert expected in text
    assert "JOMBANG" not in text
    assert len(images) == 1


def test_unknown_paper_is_refused(tmp_path: Path) -> None:
    sop = default_catalog().get("surat-masuk")
    assert sop is not None
    with pytest.raises(LayoutError):
        build_sop_pdf(sop, tmp_path / "x.pdf", "Letter")


def test_build_all_sop_pdfs_names_every_sop(tmp_path: Path) -> None:
    catalog = default_catalog()
    drafts = [sop for sop in catalog if sop.is_draft][:2]
    paths = build_all_sop_pdfs(drafts, tmp_path / "baru" / "sop")
    assert [p.name for p in paths] == [f"{sop.id}.pdf" for sop in drafts]
    assert all(p.read_bytes().startswith(b"%PDF") for p in paths)
    assert len(catalog) == 34


@pytest.mark.parametrize("items", [30, 150])
def test_long_identitas_still_fits_one_page(items: int, tmp_path: Path) -> None:
    """More law and more warnings than any SOP of the book: the type shrinks (and, past the
    smallest size, the whole table) so that page 1 still holds everything, on the paper."""
    sop = default_catalog().get("kenaikan-pangkat")
    assert sop is not None
    long_text = "Peraturan Menteri Pendayagunaan Aparatur Negara nomor {} tentang hal yang panjang"
    sop = replace(sop, dasar_hukum=tuple(long_text.format(i) for i in range(items)),
                  peringatan=tuple(f"Peringatan nomor {i} yang cukup panjang" for i in range(20)))
    path = tmp_path / "panjang.pdf"
    count = build_sop_pdf(sop, path, "A4")
    sizes, texts, rects = _extract(path)
    built = BuiltPdf(sop, "A4", path, count, sizes, texts, rects)
    check_page_count_and_sizes(built)
    check_text_stays_on_the_paper(built)
    flat = squash(texts[0])
    assert squash(long_text.format(items - 1)) in flat
    assert "NIP.196908141997032003" in flat
