"""Every shipped template, filled through the naskah API, printed with the program's own
layout: every value is in the PDF, no text below 11 pt under the kop, the signature block on the
page of the last body paragraph, the template's paper."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from jogoroto_desktop.naskah.bawaan import BAWAAN
from jogoroto_desktop.naskah.buat import buat_naskah, isian_diperlukan
from jogoroto_desktop.naskah.isian import GAMBAR, TANGGAL
from printing.naskah_pdf import PAPERS, layout_docx_pdf
from tests.naskah_helpers import NOW, isi_pejabat, permohonan

pytestmark = pytest.mark.usefixtures("database")

TYPED = {TANGGAL: "20 Desember 2026"}


def _fill(info) -> object:
    isian = {i.nama: TYPED.get(i.jenis, f"isian {i.nama} diketik") for i in
             isian_diperlukan(info.nama)}
    extra = {} if info.kepada or info.jenis == "layanan" else {"kepada": "Kepala Desa Tambar"}
    if not info.perihal:
        extra["perihal"] = "Rapat koordinasi"
    if info.sop_id:
        extra["layanan_id"] = permohonan(info.sop_id).id
    return buat_naskah(info.nama, isian=isian, tembusan=["Kepala Desa Sumbermulyo"], now=NOW,
                       **extra)


def _words(value: object) -> list[str]:
    """The text pieces a field's value shows as on paper."""
    if isinstance(value, list | tuple):
        return [piece for item in value for piece in _words(item)]
    text = " ".join(str(value).split())
    return [text] if text and text != "(gambar)" else []


@pytest.mark.parametrize("info", BAWAAN, ids=[info.nama for info in BAWAAN])
def test_shipped_template_prints_with_the_own_layout(info) -> None:
    isi_pejabat()
    hasil = _fill(info)
    out = io.BytesIO()
    log = layout_docx_pdf(hasil.docx, out)
    pdf = pdfium.PdfDocument(out.getvalue())
    pages = [pdf[i].get_textpage() for i in range(len(pdf))]
    texts = [" ".join(page.get_text_range().split()) for page in pages]
    whole = " ".join(texts)
    from jogoroto_desktop.naskah.isian import ISIAN

    for name, value in hasil.nilai.items():
        if ISIAN[name].jenis == GAMBAR:
            continue
        for piece in _words(value):
            assert piece in whole, (name, piece)
    assert "{{" not in whole and "{%" not in whole
    # the template's paper
    width, height = pdf[0].get_size()
    assert (width, height) == pytest.approx(PAPERS[info.kertas], abs=2)
    # nothing below 11 pt (the shipped kops are 11 pt and more too)
    for page in pages:
        for char in range(page.count_chars()):
            if page.get_text_range(char, 1).strip():
                assert pdfium_c.FPDFText_GetFontSize(page.raw, char) >= 11 - 0.01
    assert log.min_body_size >= 11
    # the signature block on one page, with the last body paragraph
    nip_pages = [i + 1 for i, text in enumerate(texts) if "NIP. " in text]
    assert nip_pages and log.marks["ttd"] == nip_pages[-1] == log.marks["isi"]


def test_a_long_surat_biasa_keeps_its_signature_block_with_the_last_paragraph() -> None:
    isi_pejabat()
    paragraph = "Sehubungan laporan desa."
    pushed = 0
    for count in range(20, 64, 2):
        isian = {i.nama: "\n\n".join([f"{n}. {paragraph}" for n in range(1, count + 1)])
                 if i.nama == "isi" else f"isian {i.nama}" for i in isian_diperlukan("surat-biasa")}
        hasil = buat_naskah("surat-biasa", kepada="Kepala Desa Tambar", perihal="Laporan",
                            isian=isian, now=NOW)
        out = io.BytesIO()
        log = layout_docx_pdf(hasil.docx, out)
        pdf = pdfium.PdfDocument(out.getvalue())
        texts = [" ".join(pdf[i].get_textpage().get_text_range().split())
                 for i in range(len(pdf))]
        last = max(i + 1 for i, text in enumerate(texts) if f"{count}. Sehubungan" in text)
        nip = [i + 1 for i, text in enumerate(texts) if "NIP. " in text]
        assert nip == [last] == [log.marks["ttd"]], count
        pushed += last > 1 and f"{count}. Sehubungan" not in texts[last - 2]
    assert pushed  # some lengths did carry the last paragraph over with the block
