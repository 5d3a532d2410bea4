"""Printing SOP versions (the version line, the DRAF mark) and the whole SOP book
(printing/sop_book.py, `jogoroto-cli sop buku`, "Cetak Buku SOP"), checked through the PDFs:
text extracted with pdfium, sizes as drawn, pages counted."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import models
from jogoroto_desktop.cli.main import main
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.sop.catalog import default_catalog
from jogoroto_desktop.sop.flowchart import LayoutError
from jogoroto_desktop.sop.keputusan import KeputusanError, load_keputusan
from jogoroto_desktop.sop.print_marks import DRAFT_NOTE
from printing.sop_book import BookSop, SopBook, build_sop_book_pdf
from printing.sop_document import build_sop_pdf
from tests.test_print_rule import drawn_sizes
from tests.test_sop_document import PAPER_SIZES, SIZE_TOLERANCE, squash

WATERMARK_MIN_SIZE = 60.0  # the DRAF watermark is far larger than any text of the page


def page_texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    try:
        return [pdf[i].get_textpage().get_text_range().replace("\ufffe", "-")
                for i in range(len(pdf))]
    finally:
        pdf.close()


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def watermark_pages(path: Path) -> set[int]:
    """The pages (from 1) carrying a character drawn at watermark size."""
    pdf = pdfium.PdfDocument(path)
    try:
        return {page for page, _char, size in drawn_sizes(pdf) if size >= WATERMARK_MIN_SIZE}
    finally:
        pdf.close()


# --------------------------------------------------------------------------------------------
# One SOP, one version


def test_version_status_and_revision_date_are_printed(tmp_path: Path) -> None:
    sop = dataclasses.replace(default_catalog().get("renja"),
                              tanggal_revisi=dt.date(2026, 12, 6))
    path = tmp_path / "renja-v2.pdf"
    pages = build_sop_pdf(sop, path, "F4", versi=2, status_label="Berlaku")
    texts = [collapse(t) for t in page_texts(path)]
    assert len(texts) == pages >= 3
    assert "Status Versi 2 · Berlaku" in texts[0]  # the identitas row
    assert f"Tgl. Revisi {format_tanggal(dt.date(2026, 12, 6))}" in texts[0]
    for number, text in enumerate(texts, start=1):  # every footer names the version
        assert "Versi 2 · Berlaku" in text and f"Halaman {number} dari {pages}" in text
        assert "DRAF" not in text
    assert watermark_pages(path) == set()


def test_a_draft_version_is_marked_on_every_page(tmp_path: Path) -> None:
    sop = default_catalog().get("renja")
    draft, approved = tmp_path / "draf.pdf", tmp_path / "sah.pdf"
    pages = build_sop_pdf(sop, draft, "A4", versi=3, status_label="Draf", draf=True)
    assert build_sop_pdf(sop, approved, "A4", versi=2, status_label="Berlaku") == pages
    draft_texts = page_texts(draft)
    assert "Versi 3 · Draf" in collapse(draft_texts[0])
    for text in draft_texts:
        assert DRAFT_NOTE in collapse(text)
    assert watermark_pages(draft) == set(range(1, pages + 1))
    pdf = pdfium.PdfDocument(draft)
    try:  # the footer note keeps the 8 pt floor too
        assert min(size for _page, _char, size in drawn_sizes(pdf)) >= 8.0 - 0.01
    finally:
        pdf.close()
    assert all(DRAFT_NOTE not in collapse(text) for text in page_texts(approved))
    assert watermark_pages(approved) == set()
    # the watermark is translucent (fill alpha), so the text under it stays readable
    assert re.search(rb"/ca 0?\.1\d*", draft.read_bytes())


def test_without_a_version_the_page_is_as_before(tmp_path: Path) -> None:
    path = tmp_path / "legalisir.pdf"
    build_sop_pdf(default_catalog().get("legalisir"), path, "A4")
    text = collapse(" ".join(page_texts(path)))
    assert "Versi" not in text and "DRAF" not in text


def test_draft_png_carries_the_mark(tmp_path: Path, qapp) -> None:
    from PySide6.QtGui import QImage

    from ui.sop_png import render_sop_png

    sop = default_catalog().get("legalisir")
    plain, draft = tmp_path / "sah.png", tmp_path / "draf.png"
    size = render_sop_png(sop, plain, scale=1.0)
    assert render_sop_png(sop, draft, scale=1.0, versi=3, status_label="Draf", draf=True) == size

    def reddish(path: Path) -> int:
        image = QImage(str(path))
        count = 0
        for x in range(0, image.width(), 4):
            for y in range(0, image.height(), 4):
                colour = image.pixelColor(x, y)
                count += colour.red() - colour.green() > 15
        return count

    assert reddish(plain) == 0
    assert reddish(draft) > 200  # the watermark spreads over the page


# --------------------------------------------------------------------------------------------
# The whole book


_BOOKS: dict[str, tuple[Path, SopBook, list[str]]] = {}


@pytest.fixture(scope="module")
def book_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("buku-sop")


def built_book(folder: Path, paper: str) -> tuple[Path, SopBook, list[str]]:
    if paper not in _BOOKS:
        path = folder / f"buku-{paper}.pdf"
        book = build_sop_book_pdf(default_catalog(), path, paper)
        _BOOKS[paper] = (path, book, page_texts(path))
    return _BOOKS[paper]


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_book_has_cover_decree_contents_and_every_sop(book_folder: Path, paper: str) -> None:
    path, book, texts = built_book(book_folder, paper)
    catalog = list(default_catalog())
    assert len(texts) == book.pages
    cover = collapse(texts[0])
    assert "STANDAR OPERASIONAL PROSEDUR" in cover and "KECAMATAN JOGOROTO" in cover
    assert "2022" in cover and "Halaman" not in cover

    keputusan = load_keputusan()
    decree = collapse(" ".join(texts[book.decree_page - 1:book.toc_page - 1]))
    assert "SURAT KEPUTUSAN CAMAT" in decree and f"Nomor: {keputusan.nomor}" in decree
    for word in ("Menimbang", "Mengingat", "MEMUTUSKAN", "Ditetapkan di",
                 "NIP. 19690814 199703 2 003"):
        assert word in decree
    for diktum in keputusan.diktum:
        assert diktum.label in decree and squash(diktum.isi) in squash(decree)
    for item in keputusan.mengingat:
        assert squash(item) in squash(decree)

    assert [entry.sop_id for entry in book.entries] == [sop.id for sop in catalog]
    first_sop_page = book.entries[0].page
    contents = squash(" ".join(texts[book.toc_page - 1:first_sop_page - 1]))
    assert "DAFTARISI" in contents
    for entry, sop in zip(book.entries, catalog, strict=True):
        # the contents list it with its page ...
        assert squash(f"{entry.name}{entry.page}") in contents, entry.sop_id
        # ... and that page is the SOP's identitas page, the one before is not
        page = squash(texts[entry.page - 1])
        assert "NamaSOP" + squash(sop.name.upper()) in page, entry.sop_id
        assert "NamaSOP" + squash(sop.name.upper()) not in squash(texts[entry.page - 2])
    for number in range(2, book.pages + 1):
        assert f"Halaman {number} dari {book.pages}" in collapse(texts[number - 1])


@pytest.mark.parametrize("paper", ["A4", "F4"])
def test_book_pages_are_the_paper_and_no_text_below_8_pt(book_folder: Path, paper: str) -> None:
    path, book, texts = built_book(book_folder, paper)
    portrait = PAPER_SIZES[paper]
    pdf = pdfium.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            width, height = sorted(pdf[index].get_size())
            assert width == pytest.approx(portrait[0], abs=SIZE_TOLERANCE)
            assert height == pytest.approx(portrait[1], abs=SIZE_TOLERANCE)
        small = [(page, char, round(size, 2)) for page, char, size in drawn_sizes(pdf)
                 if size < 8.0 - 0.01]
    finally:
        pdf.close()
    assert small == []


def test_book_of_a_given_list_with_versions_and_progress(tmp_path: Path) -> None:
    catalog = default_catalog()
    chosen = [BookSop(catalog.get("legalisir"), versi=2, status_label="Berlaku"),
              catalog.get("ktp"), catalog.get("renja")]
    seen: list[tuple[int, int]] = []
    path = tmp_path / "tiga.pdf"
    book = build_sop_book_pdf(chosen, path, "A4", tahun=2026,
                              progress=lambda done, total: seen.append((done, total)))
    assert [entry.sop_id for entry in book.entries] == ["legalisir", "ktp", "renja"]
    assert seen == [(i, 6) for i in range(1, 7)]
    texts = page_texts(path)
    assert "2026" in texts[0]
    legalisir = collapse(texts[book.entries[0].page - 1])
    assert "Versi 2 · Berlaku" in legalisir
    assert "Versi" not in collapse(texts[book.entries[2].page - 1])
    assert book.pages == len(texts) == book.entries[2].page + 2  # renja: identitas + 2 pages


def test_book_refuses_nothing_to_print_and_a_broken_decree(tmp_path: Path) -> None:
    with pytest.raises(LayoutError, match="tanpa SOP"):
        build_sop_book_pdf([], tmp_path / "kosong.pdf")
    with pytest.raises(LayoutError, match="B5"):
        build_sop_book_pdf(default_catalog(), tmp_path / "b5.pdf", "B5")
    broken = tmp_path / "keputusan.toml"
    text = Path(__file__).parents[1].joinpath("resources", "keputusan_sop.toml").read_text(
        encoding="utf-8")
    broken.write_text(text.replace('nomor = "050/05/415.67/2022"', ""), encoding="utf-8")
    with pytest.raises(KeputusanError, match="'nomor'"):
        load_keputusan(broken)
    broken.write_text(text.replace("tanggal = 2022-01-04", 'tanggal = "kemarin"'),
                      encoding="utf-8")
    with pytest.raises(KeputusanError, match="tanggal"):
        load_keputusan(broken)


# --------------------------------------------------------------------------------------------
# Command line


def test_cli_sop_buku_writes_the_book_on_the_office_paper(tmp_path: Path, capsys) -> None:
    from jogoroto_desktop.setup import PAPER_SETTING

    database = tmp_path / "kantor.db"
    models.open_database(database)
    try:
        models.set_setting(PAPER_SETTING, "F4")
    finally:
        models.close_database()
    target = tmp_path / "keluar" / "buku.pdf"
    assert main(["--db", str(database), "sop", "buku", "-o", str(target)]) == 0
    assert "34 SOP" in capsys.readouterr().out
    width, height = pdfium.PdfDocument(str(target)).get_page_size(0)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (215, 330)
    a4 = tmp_path / "buku-a4.pdf"
    assert main(["--db", str(database), "sop", "buku", "-o", str(a4), "--paper", "A4"]) == 0
    width, height = pdfium.PdfDocument(str(a4)).get_page_size(0)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)


def test_cli_sop_buku_refuses_a_bad_output(tmp_path: Path, capsys) -> None:
    database = ["--db", str(tmp_path / "kantor.db")]
    assert main([*database, "sop", "buku", "-o", str(tmp_path)]) == 1
    assert "adalah folder" in capsys.readouterr().err
    assert main([*database, "sop", "buku", "-o", str(tmp_path / "buku.txt")]) == 1
    assert "harus berakhiran .pdf" in capsys.readouterr().err
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder", encoding="utf-8")
    assert main([*database, "sop", "buku", "-o", str(blocker / "buku.pdf")]) == 1
    assert "tidak dapat ditulis" in capsys.readouterr().err
    assert not (tmp_path / "buku.txt").exists()
    with pytest.raises(SystemExit) as usage:
        main([*database, "sop", "buku", "-o", str(tmp_path / "b.pdf"), "--paper", "B5"])
    assert usage.value.code == 2


# --------------------------------------------------------------------------------------------
# Katalog SOP: Cetak Buku SOP


def test_cetak_buku_sop_previews_the_whole_book(qtbot, tmp_path: Path) -> None:
    from ui.app import create_main_window

    window = create_main_window(default_catalog(), "SQLite: /tmp/uji.db")
    qtbot.addWidget(window)
    tab = window.seksi_tabs[2]  # any seksi: the book holds every SOP
    assert tab.book_button.isEnabled() and "Buku SOP" in tab.book_button.text().replace("&", "")
    preview = tab.print_book()
    assert preview is not None
    qtbot.waitUntil(preview.is_ready, timeout=30000)
    pages = preview.document.pageCount()
    saved = preview.save_copy(str(tmp_path / "buku.pdf"))
    preview.close()
    assert saved is not None
    texts = page_texts(saved)
    assert len(texts) == pages > 34
    assert "DAFTAR ISI" in " ".join(texts[:6])


def test_cover_shows_the_kop_logo(tmp_path: Path) -> None:
    import pypdfium2.raw as pdfium_c

    from jogoroto_desktop.kop import Kop

    logo = Path(__file__).parents[1] / "resources" / "icons" / "jogoroto.png"
    path = tmp_path / "logo.pdf"
    build_sop_book_pdf([default_catalog().get("ktp")], path, "F4", kop=Kop(logo=logo))
    pdf = pdfium.PdfDocument(path)
    try:
        images = list(pdf[0].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        assert len(images) == 1
        left, _bottom, right, _top = images[0].get_bounds()
        width = pdf[0].get_size()[0]
        assert abs((left + right) / 2 - width / 2) < 30  # centred on the cover, not the kop
    finally:
        pdf.close()
    with pytest.raises(ValueError, match="Logo kop tidak bisa dibaca"):
        build_sop_book_pdf([default_catalog().get("ktp")], tmp_path / "x.pdf", "F4",
                           kop=Kop(logo=tmp_path / "tidak-ada.png"))


def test_a_cancelled_book_build_closes_its_preview(qtbot) -> None:
    """Batal in the progress dialog stops the build (the progress callback raises); the
    preview, with nothing to show, closes instead of waiting for a PDF."""
    from PySide6.QtWidgets import QWidget
    from shiboken6 import isValid

    from ui.operations import OperationCancelled
    from ui.pdf_preview import FormJob, open_form_preview

    calls: list[tuple[int, int]] = []

    def build(_path: Path, _paper: str, progress) -> int:
        calls.append((1, 3))
        progress(1, 3)
        raise OperationCancelled()

    parent = QWidget()
    qtbot.addWidget(parent)
    preview = open_form_preview(parent, FormJob("uji-buku", "Buku uji", ("A4",), build,
                                                progress="Menyusun\u2026"))
    assert preview is not None
    qtbot.waitUntil(lambda: not isValid(preview), timeout=10000)  # closed, deleted on close
    assert calls == [(1, 3)]
