"""The kop surat from the settings: stored lines, the logo checked, kept in the database and
copied into the data folder, drawn on every form."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

import models
from jogoroto_desktop import session
from jogoroto_desktop.kop import Kop
from jogoroto_desktop.kop_settings import (
    KopInput,
    check_logo,
    kop_from_settings,
    load_kop_input,
    logo_path,
    simpan_kop,
)
from jogoroto_desktop.validation import ValidationError

RED = (200, 20, 20)
LINES = KopInput("PEMERINTAH KABUPATEN JOMBANG", "KECAMATAN JOGOROTO",
                 "Jl. Raya Jogoroto No. 12, Jombang 61485", "Telp. (0321) 864403", "Jogoroto")


def image_bytes(size: tuple[int, int] = (200, 240), kind: str = "PNG",
                colour: tuple[int, int, int] = RED) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, kind)
    return buffer.getvalue()


def test_defaults_until_the_office_sets_its_own(database: Path) -> None:
    assert kop_from_settings() == Kop()
    simpan_kop(LINES)
    kop = kop_from_settings()
    assert (kop.alamat, kop.telepon, kop.logo) == (LINES.alamat, LINES.telepon, None)
    assert load_kop_input() == LINES
    row = models.Audit.get(models.Audit.tabel == "setting")
    assert json.loads(row.perubahan)["alamat"] == [Kop().alamat, LINES.alamat]


def test_lines_are_checked_and_only_admin_changes_them(database: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        simpan_kop(KopInput("", " ", "x" * 121, "", ""))
    assert set(caught.value.problems) == {"instansi", "alamat", "tempat"}
    with session.acting_as(session.Actor("rina", "Rina", "agendaris")), \
            pytest.raises(session.PermissionDenied):
        simpan_kop(LINES)
    assert kop_from_settings() == Kop()


@pytest.mark.parametrize(("content", "words"), [
    (b"GIF89a" + b"\0" * 100, "bukan gambar PNG atau JPEG"),
    (b"%PDF-1.4 pretending", "bukan gambar PNG atau JPEG"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "rusak"),
    (image_bytes((20, 20)), "terlalu kecil"),
    (image_bytes((600, 100)), "terlalu memanjang"),
    (image_bytes((4100, 4100), "JPEG"), "terlalu besar"),
])
def test_a_logo_must_be_a_readable_png_or_jpeg_that_fits(content: bytes, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_logo(content)
    assert words in caught.value.problems["logo"]


def test_large_file_is_refused_before_reading() -> None:
    with pytest.raises(ValidationError, match="terlalu besar"):
        check_logo(b"\xff\xd8\xff" + b"\0" * (1024 * 1024 + 1))


def test_the_logo_is_kept_in_the_database_and_copied_to_this_pc(database: Path,
                                                                 isolated_data_dir: Path
                                                                 ) -> None:
    assert check_logo(image_bytes(kind="JPEG")) == "jpg"
    logo = image_bytes()
    simpan_kop(LINES, logo=logo)
    path = logo_path()
    assert path is not None and path.parent == isolated_data_dir / "kop"
    assert path.read_bytes() == logo and path.suffix == ".png"
    path.unlink()  # another PC of the office: the file is written from the database
    assert kop_from_settings().logo == path and path.read_bytes() == logo
    simpan_kop(LINES)  # keep the logo
    assert kop_from_settings().logo == path
    simpan_kop(LINES, logo=None)  # remove it
    assert kop_from_settings().logo is None
    with pytest.raises(ValidationError, match="bukan gambar"):
        simpan_kop(LINES, logo=b"not an image")


def _red_pixels_left_of_the_kop(pdf: Path) -> int:
    image = pdfium.PdfDocument(str(pdf))[0].render(scale=1).to_pil().convert("RGB")
    width, height = image.size
    region = image.crop((0, 0, width // 3, height // 6))
    pixels = region.load()
    return sum(1 for x in range(region.width) for y in range(region.height)
               if pixels[x, y][0] > 150 and pixels[x, y][1] < 80 and pixels[x, y][2] < 80)


def test_every_form_draws_the_logo_from_the_settings(database: Path, tmp_path: Path) -> None:
    from jogoroto_desktop import documents
    from jogoroto_desktop.registers.pengantar import (
        ItemInput,
        SuratPengantarInput,
        buat_surat_pengantar,
    )
    from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
    from printing.forms.lembar_disposisi import build_lembar_disposisi
    from printing.forms.surat_pengantar import build_surat_pengantar

    surat = register_surat_masuk(SuratMasukInput(
        dari="Dinas Sosial", nomor_surat="400/1/2026", tanggal_surat="2026-02-02",
        perihal="Data", tanggal_diterima="2026-02-03"))
    sp = buat_surat_pengantar(SuratPengantarInput("Kepala Dinas Sosial", dt.date(2026, 2, 3),
                                                  [ItemInput("Data", "1 berkas")]),
                              today=dt.date(2026, 2, 3))
    before = tmp_path / "before.pdf"
    build_surat_pengantar(documents.surat_pengantar_data(sp), before)
    assert _red_pixels_left_of_the_kop(before) == 0
    simpan_kop(LINES, logo=image_bytes())
    for name, build in (
        ("sp", lambda out: build_surat_pengantar(documents.surat_pengantar_data(sp), out)),
        ("disposisi", lambda out: build_lembar_disposisi(documents.lembar_disposisi_data(surat),
                                                         out, "A4")),
    ):
        target = tmp_path / f"{name}.pdf"
        build(target)
        assert _red_pixels_left_of_the_kop(target) > 500, name
        text = pdfium.PdfDocument(str(target))[0].get_textpage().get_text_range()
        assert LINES.alamat in text


def test_kop_surat_page_in_pengaturan(qtbot, database: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.settings_dialog import PengaturanDialog

    dialog = PengaturanDialog()
    qtbot.addWidget(dialog)
    tab = dialog.kop_tab
    assert tab.edits["instansi"].text() == "KECAMATAN JOGOROTO"
    qtbot.waitUntil(lambda: tab.preview_image is not None, timeout=10000)
    first = tab.preview_image
    tab.edits["alamat"].setText("Jl. Raya Jogoroto No. 12, Jombang 61485")
    # the preview follows the typing (drawn off the GUI thread)
    qtbot.waitUntil(lambda: tab.preview_image != first, timeout=10000)
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"GIF89a not a png")
    monkeypatch.setattr(tab, "choose_logo_file", lambda: bad)
    assert not tab.choose_logo()
    assert "bukan gambar PNG atau JPEG" in tab.messages.message("logo")
    good = tmp_path / "garuda.png"
    good.write_bytes(image_bytes())
    monkeypatch.setattr(tab, "choose_logo_file", lambda: good)
    without_logo = tab.preview_image
    assert tab.choose_logo() and tab.messages.message("logo") == ""
    qtbot.waitUntil(lambda: tab.preview_image != without_logo, timeout=10000)
    red = sum(1 for x in range(0, 200) for y in range(tab.preview_image.height())
              if tab.preview_image.pixelColor(x, y).red() > 150
              and tab.preview_image.pixelColor(x, y).green() < 80)
    assert red > 100  # the logo is drawn at the left of the kop
    tab.edits["instansi"].setText("")
    dialog.save()
    assert not dialog.saved and tab.messages.message("instansi") == "Nama instansi wajib diisi."
    assert kop_from_settings() == Kop()
    tab.edits["instansi"].setText("KECAMATAN JOGOROTO")
    dialog.save()
    assert dialog.saved
    kop = kop_from_settings()
    assert kop.alamat == "Jl. Raya Jogoroto No. 12, Jombang 61485"
    assert kop.logo is not None and kop.logo.read_bytes() == good.read_bytes()
    dialog.grab().save(str(tmp_path / "kop-tab.png"))
