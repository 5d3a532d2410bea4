"""The printing rule, checked through the PDFs themselves: every form on every paper, the rekap
and an SOP, filled with long and unicode values (tools/form_screenshots.py), set no text below
8 pt (pdfium's font size times the text's matrix: scaled forms and kops count as drawn), end no
text with "…", and print every value whole, word for word in order."""

from __future__ import annotations

import ctypes
import dataclasses
import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from printing.forms.fitting import MIN_SIZE, clean_text
from printing.forms.layout import FormLayout
from tools.form_screenshots import (
    CATATAN,
    FORMS,
    build_all,
    long_disposisi,
    long_kartu,
    long_pengantar,
    long_rekap,
    long_tanda_terima,
)

SAMPLES = {"lembar-disposisi": long_disposisi, "kartu-kendali": long_kartu,
           "surat-pengantar": long_pengantar, "tanda-terima": long_tanda_terima}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path, FormLayout | None]]:
    return list(build_all(tmp_path_factory.mktemp("cetak")))


def drawn_sizes(pdf: pdfium.PdfDocument) -> Iterator[tuple[int, str, float]]:
    """(page, character, size as drawn in points) of every visible character."""
    matrix = pdfium_c.FS_MATRIX()
    for index in range(len(pdf)):
        textpage = pdf[index].get_textpage()
        for i in range(textpage.count_chars()):
            char = textpage.get_text_range(i, 1)
            if not char.strip():
                continue
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, i)
            if pdfium_c.FPDFText_GetMatrix(textpage.raw, i, ctypes.byref(matrix)):
                size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            yield index + 1, char, size


def words(pdf: pdfium.PdfDocument) -> list[str]:
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return text.replace("\ufffe", "-").split()


def in_order(wanted: list[str], seen: list[str]) -> bool:
    """Whether every word of `wanted` is printed, in order (a printed word may carry the
    punctuation or the capitals the form adds, as "a.n. CAMAT JOGOROTO")."""
    remaining = iter(seen)
    return all(any(word.casefold() in s.casefold() for s in remaining) for word in wanted)


def record_values(name: str) -> list[str]:
    """The record's own values a form prints (texts, not dates or choices)."""
    form = name.rsplit("-", 1)[0]
    data = SAMPLES[form]()
    values = [v for f in dataclasses.fields(data)
              if isinstance(v := getattr(data, f.name), str) and f.name != "qr_payload"]
    for f in dataclasses.fields(data):
        value = getattr(data, f.name)
        if isinstance(value, tuple):
            for item in value:
                if dataclasses.is_dataclass(item):
                    values += [v for v in vars(item).values() if isinstance(v, str)]
        elif dataclasses.is_dataclass(value) and f.name != "kop":
            values += [v for v in vars(value).values() if isinstance(v, str)]
    if form == "kartu-kendali":
        values.remove(data.masuk_keluar)  # a ticked box, not a text
    return [v for v in values if v.strip()]


def test_samples_are_long_and_unicode() -> None:
    assert len(CATATAN) >= 330
    assert any(not v.isascii() for v in record_values("tanda-terima-A4"))


def test_no_text_below_8_pt(built: list[tuple[str, Path, FormLayout | None]]) -> None:
    for name, path, layout in built:
        pdf = pdfium.PdfDocument(path)
        small = [(page, char, round(size, 2)) for page, char, size in drawn_sizes(pdf)
                 if size < MIN_SIZE - 0.01]
        pdf.close()
        assert not small, (name, small[:10])
        if layout is not None:  # and the builder's own record agrees
            assert all(t.size >= MIN_SIZE for page in layout.pages for t in page.texts
                       if t.lines), name


def test_every_value_printed_whole(built: list[tuple[str, Path, FormLayout | None]]) -> None:
    for name, path, layout in built:
        pdf = pdfium.PdfDocument(path)
        seen = words(pdf)
        pdf.close()
        assert "…" not in " ".join(seen), name
        if layout is None:
            continue
        assert not layout.truncated and not layout.continued, name  # all fit, no note needed
        for value in record_values(name):
            assert in_order(clean_text(value).split(), seen), (name, value)


def test_rekap_prints_every_row_and_duration(
        built: list[tuple[str, Path, FormLayout | None]]) -> None:
    from jogoroto_desktop.rekap import baris_teks

    path = next(p for name, p, _l in built if name == "rekap")
    pdf = pdfium.PdfDocument(path)
    seen = words(pdf)
    pdf.close()
    rekap = long_rekap()
    for row in (*rekap.layanan, *rekap.seksi, rekap.total):
        assert in_order(" ".join(str(v) for v in baris_teks(row)).split(), seen), row.nama


def test_a_value_longer_than_any_box_goes_on_whole(tmp_path: Path) -> None:
    """Beyond what a box can grow to: the box ends with the note and the value is printed
    whole on a continuation page; still nothing below 8 pt."""
    huge = " ".join(f"kata{i}" for i in range(900))
    for form, (builder, sample, papers) in FORMS.items():
        data = sample()
        field = {"lembar-disposisi": "catatan", "kartu-kendali": "isi_ringkas",
                 "surat-pengantar": "kepada", "tanda-terima": "pemohon_alamat"}[form]
        data = dataclasses.replace(data, **{field: huge})
        for paper in papers:
            path = tmp_path / f"{form}-{paper}.pdf"
            layout = FormLayout()
            pages = builder(data, path, paper, layout=layout)
            assert pages >= 2 and layout.continued and not layout.truncated, (form, paper)
            pdf = pdfium.PdfDocument(path)
            assert in_order(huge.split(), words(pdf)), (form, paper)
            assert all(size >= MIN_SIZE - 0.01 for _p, _c, size in drawn_sizes(pdf))
            pdf.close()


def test_dates_are_in_words(built: list[tuple[str, Path, FormLayout | None]]) -> None:
    path = next(p for name, p, _l in built if name == "surat-pengantar-A4")
    pdf = pdfium.PdfDocument(path)
    text = " ".join(words(pdf))
    pdf.close()
    assert "Jogoroto, 6 Januari 2026" in text and dt.date(2026, 1, 6).isoformat() not in text
    assert "a.n. CAMAT JOGOROTO" in text and text.count("800/1234/415.67/2026") == 1
    assert text.index("Jogoroto, 6 Januari 2026") > text.index("Diterima tanggal") - 40
