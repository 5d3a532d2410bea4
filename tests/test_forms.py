"""The printed forms, checked as the office would: every page rasterized (pypdfium2) and its QR
code read back by an independent decoder (zxing-cpp), the text extracted and compared with the
record, page sizes measured, every text inside its box, fonts embedded."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import zxingcpp
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jogoroto_desktop.geometry import MM, Rect
from jogoroto_desktop.kop import Kop
from jogoroto_desktop.qr import RecordRef, qr_matrix, sign_payload
from printing.forms.blocks import Centang, Penandatangan, centang
from printing.forms.fitting import CONTINUED, MIN_SIZE, clean_text, fit_text
from printing.forms.kartu_kendali import (
    CARD_COPIES,
    KartuKendaliData,
    PencetakanDibatalkan,
    build_kartu_kendali,
    build_kartu_kendali_batch,
)
from printing.forms.layout import FormLayout, PageLog
from printing.forms.lembar_disposisi import (
    SIFAT_PILIHAN,
    LembarDisposisiData,
    RiwayatDisposisi,
    build_lembar_disposisi,
)
from printing.forms.painter import QUIET_MODULES, FormError
from printing.forms.surat_pengantar import ItemPengantar, SuratPengantarData, build_surat_pengantar
from printing.forms.tanda_terima import TandaTerimaData, build_tanda_terima

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PAGE_MM = {"HALF_FOLIO": (215, 165), "CARD": (150, 100), "A4": (210, 297), "F4": (215, 330)}
OFFICIALS = (
    "Sekretaris Camat", "Kasubag Umum dan Kepegawaian",
    "Kasubag Keuangan, Penyusunan Program dan Evaluasi", "Kasi Tata Pemerintahan",
    "Kasi Pemberdayaan Masyarakat dan Desa", "Kasi Ketentraman dan Ketertiban Umum",
    "Kasi Sosial Budaya",
)
INSTRUKSI = ("Tanggapan dan saran", "Proses lebih lanjut", "Koordinasikan/konfirmasikan",
             "Untuk diketahui", "Untuk dihadiri", "Siapkan jawaban", "Arsipkan")
CAMAT = Penandatangan("Camat Jogoroto", "Drs. H. Ahmad Fauzi, M.Si", "Pembina Tingkat I",
                      "19700512 199503 1 002")


def payload(kind: str, number: int) -> str:
    return sign_payload(RecordRef(kind, 2026, number), KEY)


def disposisi(**changes: Any) -> LembarDisposisiData:
    data = LembarDisposisiData(
        surat_dari="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Jombang",
        nomor_surat="470/1234/415.30/2026", tanggal_surat=dt.date(2026, 1, 2),
        diterima_tanggal=dt.date(2026, 1, 5), nomor_agenda="12/2026", sifat="segera",
        perihal="Undangan rapat koordinasi pemutakhiran data kependudukan",
        tujuan=centang(OFFICIALS, ["Sekretaris Camat", "Kasi Tata Pemerintahan"]),
        instruksi=centang(INSTRUKSI, ["Proses lebih lanjut", "Untuk dihadiri"]),
        catatan="Mohon dihadiri dan dilaporkan hasilnya.",
        penandatangan=CAMAT,
        riwayat=(RiwayatDisposisi("Camat", "Sekretaris Camat", "Proses lebih lanjut",
                                  dt.date(2026, 1, 5)),
                 RiwayatDisposisi("Sekretaris Camat", "Kasi Tata Pemerintahan",
                                  "Hadiri dan laporkan", dt.date(2026, 1, 6), "",
                                  dt.date(2026, 1, 9))),
        qr_payload=payload("SM", 12),
    )
    return dataclasses.replace(data, **changes)


def kartu(**changes: Any) -> KartuKendaliData:
    data = KartuKendaliData(
        indeks="KEPENDUDUKAN", kode="470", nomor_urut="12/2026", masuk_keluar="M",
        tanggal=dt.date(2026, 1, 5),
        isi_ringkas="Undangan rapat koordinasi pemutakhiran data kependudukan",
        lampiran="1 (satu) berkas", dari="Dispendukcapil Kabupaten Jombang",
        kepada="Camat Jogoroto", tanggal_surat=dt.date(2026, 1, 2),
        nomor_surat="470/1234/415.30/2026", pengolah="Seksi Tata Pemerintahan", paraf="AF",
        catatan="Rapat Kamis pukul 09.00", qr_payload=payload("SM", 12),
    )
    return dataclasses.replace(data, **changes)


def pengantar(**changes: Any) -> SuratPengantarData:
    data = SuratPengantarData(
        nomor="800/15/415.67/2026", tanggal=dt.date(2026, 1, 6),
        kepada="Kepala BKPSDM Kabupaten Jombang", di="JOMBANG",
        items=(ItemPengantar("Usulan kenaikan pangkat periode April 2026", "1 (satu) berkas",
                             "Untuk diproses lebih lanjut"),
               ItemPengantar("Daftar Penilaian Prestasi Kerja", "2 (dua) lembar",
                             "Sebagai kelengkapan")),
        pengirim=CAMAT, qr_payload=payload("SP", 15),
    )
    return dataclasses.replace(data, **changes)


def tanda_terima(**changes: Any) -> TandaTerimaData:
    data = TandaTerimaData(
        nomor_register="TT-27/2026", layanan="Pelayanan Surat Dispensasi Nikah",
        pemohon_nama="Muhammad Rizky Ramadhan", pemohon_nik="3517081203990004",
        pemohon_alamat="Dusun Sumbermulyo RT 002 RW 005, Desa Sumbermulyo",
        tanggal=dt.date(2026, 1, 5),
        persyaratan=centang(["Surat pengantar dari Desa", "Fotokopi KTP", "Fotokopi KK",
                             "Pas foto 3x4"], ["Surat pengantar dari Desa", "Fotokopi KTP"]),
        perkiraan_selesai=dt.date(2026, 1, 6), petugas="Dewi Lestari",
        qr_payload=payload("TT", 27),
    )
    return dataclasses.replace(data, **changes)


Builder = Callable[..., int]
FORMS: dict[str, tuple[Builder, Callable[..., Any], tuple[str, ...]]] = {
    "disposisi": (build_lembar_disposisi, disposisi, ("HALF_FOLIO", "A4")),
    "kartu": (build_kartu_kendali, kartu, ("CARD", "A4", "F4")),
    "pengantar": (build_surat_pengantar, pengantar, ("A4", "F4")),
    "tanda_terima": (build_tanda_terima, tanda_terima, ("A4", "HALF_FOLIO")),
}
CASES = [(form, paper) for form, (_b, _d, papers) in FORMS.items() for paper in papers]


def expected_texts(form: str, data: Any) -> list[str]:
    """What a reader must find on the form (the first page holds all of it)."""
    if form == "disposisi":
        return [data.surat_dari, data.nomor_surat, "2 Januari 2026", "5 Januari 2026",
                data.nomor_agenda, *SIFAT_PILIHAN, data.perihal, *OFFICIALS, *INSTRUKSI,
                data.catatan, CAMAT.jabatan, CAMAT.nama, CAMAT.pangkat, CAMAT.nip,
                "LEMBAR DISPOSISI", "Diteruskan kepada Sdr.:", "Dengan hormat harap:",
                "Hadiri dan laporkan", "9 Januari 2026", "Tgl. penyelesaian",
                f"No. Agenda {data.nomor_agenda}"]
    if form == "kartu":
        return [data.indeks, data.kode, data.nomor_urut, "5 Januari 2026", data.isi_ringkas,
                data.lampiran, data.dari, data.kepada, "2 Januari 2026", data.nomor_surat,
                data.pengolah, data.paraf, data.catatan, "KARTU KENDALI", "M/K",
                f"No. Urut {data.nomor_urut}", "KECAMATAN JOGOROTO"]
    if form == "pengantar":
        return ["SURAT PENGANTAR", f"Nomor: {data.nomor}", "Jogoroto, 6 Januari 2026",
                data.kepada, data.di, "Jenis yang dikirim", "Banyaknya",
                *(t for item in data.items for t in (item.jenis, item.banyaknya,
                                                     item.keterangan)),
                "Diterima tanggal", "Penerima", CAMAT.jabatan, CAMAT.nama, CAMAT.nip]
    return [data.nomor_register, data.layanan, data.pemohon_nama, data.pemohon_nik,
            data.pemohon_alamat, "Senin, 5 Januari 2026", "Selasa, 6 Januari 2026",
            *(item.label for item in data.persyaratan), data.petugas, "BUKTI PENGAMBILAN",
            f"No. Register {data.nomor_register}"]


# --------------------------------------------------------------------------------------------
# Checks shared by the tests


def normalized(text: str) -> str:
    return " ".join(text.split())


def page_texts(pdf: pdfium.PdfDocument) -> list[str]:
    return [normalized(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]


def decode(pdf: pdfium.PdfDocument, index: int) -> list[str]:
    image = pdf[index].render(scale=4).to_pil()
    # QR only: the lines of a long history table can pass for a 1D barcode.
    return sorted(result.text for result in zxingcpp.read_barcodes(
        image, formats=zxingcpp.BarcodeFormat.QRCode))


def assert_page_mm(pdf: pdfium.PdfDocument, paper: str) -> None:
    for index in range(len(pdf)):
        width, height = pdf[index].get_size()
        want_w, want_h = PAGE_MM[paper]
        assert abs(width / MM - want_w) <= 0.5 and abs(height / MM - want_h) <= 0.5, (
            f"halaman {index + 1}: {width / MM:.1f} x {height / MM:.1f} mm")


def assert_inside(layout: FormLayout) -> None:
    """Every drawn text inside its box, every box on its page, no text in a QR quiet zone."""
    for number, page in enumerate(layout.pages, start=1):
        sheet = Rect(0, 0, page.width, page.height)
        for placed in page.texts:
            assert sheet.contains(placed.box, 0.01), (number, placed.box)
            if placed.extent is not None:
                assert placed.box.contains(placed.extent, 0.01), (number, placed)
        drawn = [t for t in page.texts if t.extent is not None]
        for i, first in enumerate(drawn):  # no text drawn over another
            for second in drawn[i + 1:]:
                assert not overlaps(first.extent, second.extent, 0.05), (
                    number, first.lines[:1], second.lines[:1])
        for qr in page.qr_codes:
            assert sheet.contains(qr.quiet, 0.01)
            for placed in page.texts:
                if placed.extent is not None:
                    assert not overlaps(placed.extent, qr.quiet), (number, placed.lines)


def overlaps(a: Rect | None, b: Rect | None, tolerance: float = 0.0) -> bool:
    assert a is not None and b is not None
    return (a.x < b.right - tolerance and b.x < a.right - tolerance
            and a.y < b.bottom - tolerance and b.y < a.bottom - tolerance)


def assert_glyphs_in_boxes(pdf: pdfium.PdfDocument, layout: FormLayout) -> None:
    """Independent of the layout's own bookkeeping: every glyph pdfium finds on a page lies
    inside one of the logged text boxes."""
    for index, log in enumerate(layout.pages):
        textpage = pdf[index].get_textpage()
        height = log.height
        boxes = [t.box for t in log.texts]
        for i in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(i)
            if right - left <= 0 or top - bottom <= 0:
                continue  # a space or a line break pdfium added
            glyph = Rect(left, height - top, right - left, top - bottom)
            assert any(box.contains(glyph, 0.3) for box in boxes), (
                index + 1, textpage.get_text_range(i, 1), glyph)


def in_order(words: Sequence[str], text: Sequence[str]) -> bool:
    """Whether `words` appear in `text` (a list of words) in their order."""
    remaining = iter(text)
    return all(any(word == seen for seen in remaining) for word in words)


def assert_whole_on_continuation(texts: Sequence[str], value: str) -> None:
    """A value too long for its box is printed whole, word for word in order, on the
    continuation pages (after the first "(selengkapnya):" heading)."""
    joined = " ".join(texts)
    start = joined.find("(selengkapnya):")
    assert start >= 0, "tidak ada halaman lanjutan"
    assert in_order(clean_text(value).split(), joined[start:].split())


def assert_fonts_embedded(raw: bytes) -> None:
    assert b"Helvetica" not in raw and b"Times-Roman" not in raw and b"Courier" not in raw
    assert b"/FontFile2" in raw and b"LiberationSans" in raw


def assert_qr_sizes(layout: FormLayout, minimum_mm: float) -> None:
    for page in layout.pages:
        assert page.qr_codes
        for qr in page.qr_codes:
            n = len(qr_matrix(qr.payload))
            assert qr.code.w / MM >= minimum_mm - 1e-6
            assert qr.quiet.w == pytest.approx(qr.code.w * (n + 2 * QUIET_MODULES) / n)
            assert qr.code.x - qr.quiet.x == pytest.approx(QUIET_MODULES * qr.code.w / n)


def assert_number_beside_qr(page: PageLog, number_text: str) -> None:
    """The record number is printed right next to each QR code (same height, within 6 mm; or,
    on a card turned on the sheet, in line above or below it)."""
    for qr in page.qr_codes:
        q = qr.quiet
        near = [t for t in page.texts if t.extent is not None
                and number_text in " ".join(t.lines)
                and ((t.extent.y < q.bottom and q.y < t.extent.bottom
                      and min(abs(t.extent.right - q.x), abs(t.extent.x - q.right)) <= 6 * MM)
                     or (t.extent.x < q.right and q.x < t.extent.right
                         and min(abs(t.extent.bottom - q.y), abs(t.extent.y - q.bottom))
                         <= 6 * MM))]
        assert near, f"{number_text!r} tidak di samping kode QR"


def build(form: str, data: Any, paper: str, target: Any) -> tuple[int, FormLayout]:
    layout = FormLayout()
    pages = FORMS[form][0](data, target, paper, layout=layout)
    return pages, layout


# --------------------------------------------------------------------------------------------
# Every form on every paper


@pytest.mark.parametrize(("form", "paper"), CASES)
def test_form_prints_its_record(tmp_path: Path, form: str, paper: str) -> None:
    data = FORMS[form][1]()
    path = tmp_path / f"{form}-{paper}.pdf"
    pages, layout = build(form, data, paper, path)
    raw = path.read_bytes()
    pdf = pdfium.PdfDocument(path)
    try:
        assert len(pdf) == pages == len(layout.pages)
        assert_page_mm(pdf, paper)
        copies = 3 if form == "kartu" and paper != "CARD" else 1
        for index in range(len(pdf)):
            assert decode(pdf, index) == [data.qr_payload] * copies
        texts = page_texts(pdf)
        for wanted in expected_texts(form, data):
            assert normalized(wanted) in texts[0], wanted
        for line in Kop().lines():
            assert line[0] in texts[0] or form == "kartu"
        assert_inside(layout)
        assert_glyphs_in_boxes(pdf, layout)
        assert not layout.truncated
    finally:
        pdf.close()
    assert_fonts_embedded(raw)
    assert_qr_sizes(layout, 16.0 if form == "kartu" else 20.0)
    number = {"disposisi": data.nomor_agenda if form == "disposisi" else "",
              "kartu": getattr(data, "nomor_urut", ""),
              "pengantar": getattr(data, "nomor", ""),
              "tanda_terima": getattr(data, "nomor_register", "")}[form]
    if form == "pengantar":  # the nomor once, under the title; the QR code says what it is
        assert texts[0].count(data.nomor) == 1
        number = "memeriksa keaslian"
    for page in layout.pages:
        assert_number_beside_qr(page, number)
    assert min(t.size for page in layout.pages for t in page.texts) >= MIN_SIZE


def test_kartu_kendali_cards_are_three_coloured_copies(tmp_path: Path) -> None:
    path = tmp_path / "kartu.pdf"
    pages, layout = build("kartu", kartu(), "CARD", path)
    assert pages == 3
    pdf = pdfium.PdfDocument(path)
    texts = page_texts(pdf)
    pdf.close()
    for (label, _colour), text in zip(CARD_COPIES, texts, strict=True):
        assert label in text
        assert all(other in (label,) or other not in text for other, _c in CARD_COPIES)
    # On a sheet the three copies are stacked with every copy's band.
    sheet = tmp_path / "sheet.pdf"
    build("kartu", kartu(), "A4", sheet)
    pdf = pdfium.PdfDocument(sheet)
    text = page_texts(pdf)[0]
    pdf.close()
    assert all(label in text for label, _c in CARD_COPIES)


def test_checked_choices_are_marked(tmp_path: Path) -> None:
    """Ticked sifat, officials and instructions are printed bold beside a ticked box."""
    _pages, layout = build("disposisi", disposisi(), "A4", io.BytesIO())
    styles: dict[str, set[str]] = {}
    for placed in layout.pages[0].texts:
        styles.setdefault(" ".join(placed.lines), set()).add(placed.style)
    assert styles["Segera"] == {"bold"} and styles["Biasa"] == {"regular"}
    assert styles["Sangat Segera"] == {"regular"}
    assert "bold" in styles["Sekretaris Camat"]  # (regular in the history table)
    assert styles["Kasi Sosial Budaya"] == {"regular"}
    assert "bold" in styles["Proses lebih lanjut"] and styles["Arsipkan"] == {"regular"}


def test_long_history_continues_on_further_pages(tmp_path: Path) -> None:
    rows = tuple(RiwayatDisposisi("Camat", "Sekretaris Camat", f"Instruksi nomor {i}",
                                  dt.date(2026, 1, 5)) for i in range(1, 41))
    for paper in ("HALF_FOLIO", "A4"):
        path = tmp_path / f"riwayat-{paper}.pdf"
        pages, layout = build("disposisi", disposisi(riwayat=rows), paper, path)
        assert pages >= 2
        pdf = pdfium.PdfDocument(path)
        texts = page_texts(pdf)
        joined = " ".join(texts)
        for i in range(1, 41):
            assert f"Instruksi nomor {i} " in joined + " "
        for index in range(pages):
            assert decode(pdf, index) == [payload("SM", 12)]
            assert f"Halaman {index + 1} dari {pages}" in texts[index]
        assert_glyphs_in_boxes(pdf, layout)
        pdf.close()
        assert_inside(layout)


def test_many_items_continue_and_the_closing_follows_the_last(tmp_path: Path) -> None:
    items = tuple(ItemPengantar(f"Berkas usulan nomor {i} " + "lengkap " * (i % 9), "1 berkas",
                                "Untuk diproses") for i in range(1, 46))
    path = tmp_path / "pengantar.pdf"
    pages, layout = build("pengantar", pengantar(items=items), "A4", path)
    assert pages >= 2
    pdf = pdfium.PdfDocument(path)
    texts = page_texts(pdf)
    for index in range(pages):
        assert decode(pdf, index) == [payload("SP", 15)]
    assert_glyphs_in_boxes(pdf, layout)
    pdf.close()
    joined = " ".join(texts)
    for i in range(1, 46):
        assert f"{i}. Berkas usulan nomor {i} " in joined
    assert "Penerima" in texts[-1] and all("Penerima" not in t for t in texts[:-1])
    assert_inside(layout)


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(FormError, match="Ukuran kertas"):
        build_lembar_disposisi(disposisi(), io.BytesIO(), "F4")
    with pytest.raises(FormError):
        build_kartu_kendali(kartu(), io.BytesIO(), "HALF_FOLIO")
    with pytest.raises(FormError):
        build_surat_pengantar(pengantar(), io.BytesIO(), "CARD")
    with pytest.raises(FormError):
        build_tanda_terima(tanda_terima(), io.BytesIO(), "F4")


# --------------------------------------------------------------------------------------------
# Batches of kartu kendali


def test_batch_puts_every_card_in_one_pdf(tmp_path: Path) -> None:
    cards = [kartu(nomor_urut=f"{n}/2026", qr_payload=payload("SM", n)) for n in range(1, 6)]
    seen: list[tuple[int, int]] = []
    path = tmp_path / "hari-ini.pdf"
    pages = build_kartu_kendali_batch(cards, path, "CARD",
                                      progress=lambda done, total: seen.append((done, total)))
    assert pages == 15
    assert seen == [(n, 5) for n in range(1, 6)]
    pdf = pdfium.PdfDocument(path)
    assert_page_mm(pdf, "CARD")
    for index in (0, 4, 14):
        assert decode(pdf, index) == [payload("SM", index // 3 + 1)]
    pdf.close()

    sheet = tmp_path / "lembar.pdf"
    layout = FormLayout()
    assert build_kartu_kendali_batch(cards, sheet, "F4", layout=layout) == 5
    pdf = pdfium.PdfDocument(sheet)
    assert_page_mm(pdf, "F4")
    assert decode(pdf, 2) == [payload("SM", 3)] * 3
    pdf.close()
    assert_inside(layout)
    assert_qr_sizes(layout, 16.0)


def test_batch_by_copy_groups_the_colours(tmp_path: Path) -> None:
    cards = [kartu(nomor_urut=f"{n}/2026", qr_payload=payload("SM", n)) for n in range(1, 5)]
    path = tmp_path / "per-warna.pdf"
    assert build_kartu_kendali_batch(cards, path, "CARD", by_copy=True) == 12
    pdf = pdfium.PdfDocument(path)
    texts = page_texts(pdf)
    assert decode(pdf, 5) == [payload("SM", 2)]
    pdf.close()
    for index, text in enumerate(texts):
        assert CARD_COPIES[index // 4][0] in text
        assert f"No. Urut {index % 4 + 1}/2026" in text


def test_cancelled_batch_writes_nothing(tmp_path: Path) -> None:
    cards = [kartu(nomor_urut=f"{n}/2026") for n in range(1, 30)]
    done: list[int] = []
    path = tmp_path / "batal.pdf"
    with pytest.raises(PencetakanDibatalkan):
        build_kartu_kendali_batch(cards, path, "A4", progress=lambda d, _t: done.append(d),
                                  cancelled=lambda: len(done) >= 3)
    assert done == [1, 2, 3]
    assert not path.exists()


def test_empty_batch_is_refused() -> None:
    with pytest.raises(FormError, match="Tidak ada kartu"):
        build_kartu_kendali_batch([], io.BytesIO())


# --------------------------------------------------------------------------------------------
# Fitting text


def test_fit_text_keeps_short_text_whole() -> None:
    box = Rect(10, 10, 200, 30)
    fitted = fit_text("Undangan rapat", box, 10)
    assert fitted.lines == ("Undangan rapat",) and fitted.size == 10 and not fitted.truncated
    assert fitted.extent is not None and box.contains(fitted.extent)


def test_fit_text_wraps_then_shrinks_to_8_pt_then_continues() -> None:
    """Never below 8 pt (whatever floor is asked), never "…": what does not fit ends with the
    note that the text goes on in full on a continuation page."""
    box = Rect(0, 0, 120, 40)
    wrapped = fit_text("kata " * 8, box, 10)
    assert len(wrapped.lines) == 2 and wrapped.size == 10
    shrunk = fit_text("kata " * 16, box, 10, floor=5)
    assert MIN_SIZE <= shrunk.size < 10 and not shrunk.truncated and len(shrunk.lines) >= 3
    going_on = fit_text("kata " * 500, box, 10, floor=6, continued=True)
    assert going_on.continued and not going_on.truncated and going_on.size == MIN_SIZE
    assert " ".join(going_on.lines).endswith(CONTINUED) and "…" not in "".join(going_on.lines)
    assert fit_text("kecil", box, 5).size == MIN_SIZE
    for fitted in (wrapped, shrunk, going_on):
        assert fitted.extent is not None and box.contains(fitted.extent)


def test_fit_text_handles_odd_characters() -> None:
    assert clean_text("Ṣalāḥ café — ok") == "Ṣalāḥ café — ok"
    assert clean_text("a\tb\x00c漢😀") == "a b c??"
    assert clean_text("baris\r\nbaru") == "baris\nbaru"
    empty = fit_text("   ", Rect(0, 0, 50, 20), 9)
    assert empty.lines == () and not empty.truncated and empty.extent is None
    tiny = fit_text("tidak muat", Rect(0, 0, 50, 3), 9, floor=6, continued=True)
    assert tiny.lines == () and tiny.continued and not tiny.truncated


def test_centang_keeps_order_and_adds_unknown_checked() -> None:
    items = centang(["A", "B", "C"], ["c", "Lainnya"])
    assert items == (Centang("A"), Centang("B"), Centang("C", True), Centang("Lainnya", True))


# --------------------------------------------------------------------------------------------
# Random contents: every form still builds with every text inside its box


ODD = "ṢṣéÉèçñüÄ—–…“”‘’°±×÷€©®ĀāĪīŪūḤḥṬṭẒẓ"
TEXT_CHARS = st.one_of(
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                         "      .,;:/-()'\"\n" + ODD)),
    st.characters(min_codepoint=0x20, max_codepoint=0x33FF, exclude_categories=("Cs",)),
)


def texts(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), st.text(TEXT_CHARS, max_size=max_size),
                     st.text(TEXT_CHARS, min_size=max_size // 2, max_size=max_size))


DATES = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2099, 12, 31)))
CHECKS = st.lists(st.builds(Centang, texts(120), st.booleans()), max_size=14).map(tuple)
SIGNERS = st.builds(Penandatangan, texts(120), texts(80), texts(60), texts(40))
PAYLOADS = st.builds(lambda kind, n: payload(kind, n), st.sampled_from(["SM", "SK", "SP", "TT"]),
                     st.integers(1, 999_999_999))
SETTINGS = settings(max_examples=12, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_random(form: str, data: Any) -> None:
    for paper in FORMS[form][2]:
        buffer = io.BytesIO()
        pages, layout = build(form, data, paper, buffer)
        assert pages == len(layout.pages) >= 1
        assert buffer.getvalue().startswith(b"%PDF")
        assert_inside(layout)
        assert_qr_sizes(layout, 16.0 if form == "kartu" else 20.0)


@SETTINGS
@given(surat_dari=texts(300), nomor=texts(120), perihal=texts(2000), agenda=texts(30),
       sifat=st.sampled_from(["", *SIFAT_PILIHAN, "lain"]), tujuan=CHECKS, instruksi=CHECKS,
       catatan=texts(1000), signer=SIGNERS, tanggal=DATES, qr=PAYLOADS,
       riwayat=st.lists(st.builds(RiwayatDisposisi, texts(100), texts(100), texts(400), DATES,
                                  texts(20), DATES), max_size=30).map(tuple))
def test_random_lembar_disposisi(surat_dari: str, nomor: str, perihal: str, agenda: str,
                                 sifat: str, tujuan: tuple[Centang, ...],
                                 instruksi: tuple[Centang, ...], catatan: str,
                                 signer: Penandatangan, tanggal: dt.date | None, qr: str,
                                 riwayat: tuple[RiwayatDisposisi, ...]) -> None:
    check_random("disposisi", LembarDisposisiData(
        surat_dari, nomor, tanggal, tanggal, agenda, sifat, perihal, tujuan, instruksi, catatan,
        signer, riwayat, qr))


@SETTINGS
@given(fields=st.lists(texts(300), min_size=10, max_size=10), isi=texts(2000),
       mk=st.sampled_from(["M", "K", "", "x"]), tanggal=DATES, qr=PAYLOADS)
def test_random_kartu_kendali(fields: list[str], isi: str, mk: str, tanggal: dt.date | None,
                              qr: str) -> None:
    indeks, kode, urut, lampiran, dari, kepada, nomor, pengolah, paraf, catatan = fields
    check_random("kartu", KartuKendaliData(indeks, kode, urut, mk, tanggal, isi, lampiran, dari,
                                           kepada, tanggal, nomor, pengolah, paraf,
                                           catatan * 3, qr))


@SETTINGS
@given(nomor=texts(120), kepada=texts(600), di=texts(100), signer=SIGNERS, tanggal=DATES,
       qr=PAYLOADS, tempat=texts(60),
       items=st.lists(st.builds(ItemPengantar, texts(2000), texts(60), texts(400)),
                      max_size=25).map(tuple))
def test_random_surat_pengantar(nomor: str, kepada: str, di: str, signer: Penandatangan,
                                tanggal: dt.date | None, qr: str, tempat: str,
                                items: tuple[ItemPengantar, ...]) -> None:
    check_random("pengantar", SuratPengantarData(nomor, tanggal, kepada, items, signer, di,
                                                 tempat, qr))


@SETTINGS
@given(fields=st.lists(texts(300), min_size=5, max_size=5), alamat=texts(2000),
       syarat=CHECKS, tanggal=DATES, selesai=DATES, qr=PAYLOADS)
def test_random_tanda_terima(fields: list[str], alamat: str, syarat: tuple[Centang, ...],
                             tanggal: dt.date | None, selesai: dt.date | None, qr: str) -> None:
    nomor, layanan, nama, nik, petugas = fields
    check_random("tanda_terima", TandaTerimaData(nomor, layanan, nama, nik, alamat, tanggal,
                                                 syarat, selesai, petugas, qr))


def test_very_long_contents_still_read_back(tmp_path: Path) -> None:
    """The worst case of the property tests, rasterized: nothing cut (what does not fit goes on
    in full on continuation pages), QR still decodes, every glyph inside a box."""
    long = ("Permohonan fasilitasi Ṣalāḥ café — " * 80)[:2000]
    cases: Sequence[tuple[str, Any]] = (
        ("disposisi", disposisi(perihal=long, surat_dari=long[:300], catatan=long,
                                nomor_surat="9" * 120)),
        ("kartu", kartu(isi_ringkas=long, dari=long, kepada=long, catatan=long)),
        ("pengantar", pengantar(kepada=long[:600], items=(ItemPengantar(long, "1", long),))),
        ("tanda_terima", tanda_terima(pemohon_alamat=long, layanan=long[:300])),
    )
    for form, data in cases:
        for paper in FORMS[form][2]:
            path = tmp_path / f"{form}-{paper}.pdf"
            pages, layout = build(form, data, paper, path)
            assert not layout.truncated  # nothing cut
            pdf = pdfium.PdfDocument(path)
            if layout.continued:
                assert_whole_on_continuation(page_texts(pdf), long)
            else:  # it all fits the growing boxes and the form's own further pages
                assert in_order(clean_text(long).split(), " ".join(page_texts(pdf)).split())
            for index in range(pages):
                copies = 3 if form == "kartu" and paper != "CARD" and index == 0 else 1
                assert decode(pdf, index) == [data.qr_payload] * copies
            assert_glyphs_in_boxes(pdf, layout)
            pdf.close()
            assert_inside(layout)
