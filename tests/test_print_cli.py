"""`print disposisi` and `print kartu-kendali` from the registers, with their QR codes."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

import models
from jogoroto_desktop import correspondence as c
from jogoroto_desktop.cli import main
from jogoroto_desktop.qr import installation_secret, verify_payload


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "cetak.db"
    models.open_database(path)
    surat = c.register_surat_masuk(c.SuratMasukInput(
        dari="Dinas Kependudukan dan Pencatatan Sipil Kab. Jombang",
        nomor_surat="470/1120/415.17/2026", tanggal_surat="2026-11-20",
        perihal="Undangan Rapat Koordinasi Administrasi Kependudukan", sifat="segera",
        klasifikasi="470", tanggal_diterima="2026-11-21"))
    c.tulis_disposisi(surat, c.pejabat_by_jabatan("Camat"),
                      [c.pejabat_by_jabatan("Sekretaris Camat")], ["Proses lebih lanjut"])
    c.buat_surat_keluar(c.SuratKeluarInput(klasifikasi="005", kepada="Kepala Desa Jogoroto",
                                           perihal="Undangan Musrenbang", tanggal="2026-11-21"),
                        langsung_diagendakan=True)
    models.close_database()
    return path


def _text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    return " ".join(page.get_textpage().get_text_range() for page in document)


def test_print_disposisi_holds_the_letter_and_a_genuine_code(register: Path,
                                                             tmp_path: Path) -> None:
    target = tmp_path / "disposisi.pdf"
    assert main(["--db", str(register), "print", "disposisi", "1/2026", "-o", str(target)]) == 0
    text = _text(target)
    for expected in ("LEMBAR DISPOSISI", "470/1120/415.17/2026", "1/2026", "Sekretaris Camat"):
        assert expected in text
    zxingcpp = pytest.importorskip("zxingcpp")
    image = pdfium.PdfDocument(str(target))[0].render(scale=4).to_pil()
    codes = [result.text for result in zxingcpp.read_barcodes(image)]
    assert len(codes) == 1
    models.open_database(register)
    try:
        assert verify_payload(codes[0], installation_secret()).number == 1
    finally:
        models.close_database()


def test_print_kartu_kendali_both_kinds(register: Path, tmp_path: Path) -> None:
    masuk = tmp_path / "km.pdf"
    keluar = tmp_path / "kk.pdf"
    assert main(["--db", str(register), "print", "kartu-kendali", "masuk", "1", "--year",
                 "2026", "-o", str(masuk)]) == 0
    assert main(["--db", str(register), "print", "kartu-kendali", "keluar",
                 "005/1/415.67/2026", "--paper", "A4", "-o", str(keluar)]) == 0
    assert len(pdfium.PdfDocument(str(masuk))) == 3  # three cards
    assert "005/1/415.67/2026" in _text(keluar)


def test_print_of_an_unknown_record_fails_clearly(register: Path, tmp_path: Path,
                                                  capsys) -> None:
    assert main(["--db", str(register), "print", "disposisi", "99/2026", "-o",
                 str(tmp_path / "x.pdf")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
