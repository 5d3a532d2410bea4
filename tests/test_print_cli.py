"""`print disposisi` and `print kartu-kendali` from the registers, with their QR codes."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import models
from jogoroto_desktop.cli.main import main
from jogoroto_desktop.qr import verify_payload
from jogoroto_desktop.qr_keys import office_public_keys
from jogoroto_desktop.registers.disposisi import tulis_disposisi
from jogoroto_desktop.registers.surat import pejabat_by_jabatan
from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, register_surat_keluar
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk


@pytest.fixture
def register(tmp_path: Path) -> Path:
    path = tmp_path / "cetak.db"
    models.open_database(path)
    surat = register_surat_masuk(SuratMasukInput(
        dari="Dinas Kependudukan dan Pencatatan Sipil Kab. Jombang",
        nomor_surat="470/1120/415.17/2026", tanggal_surat="2026-11-20",
        perihal="Undangan Rapat Koordinasi Administrasi Kependudukan", sifat="segera",
        klasifikasi="470", tanggal_diterima="2026-11-21"))
    tulis_disposisi(surat, pejabat_by_jabatan("Camat"),
                    [pejabat_by_jabatan("Sekretaris Camat")], ["Proses lebih lanjut"])
    register_surat_keluar(SuratKeluarInput(klasifikasi="005", kepada="Kepala Desa Jogoroto",
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
        assert verify_payload(codes[0], office_public_keys()).number == 1
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


# --- surat pengantar and tanda terima -----------------------------------------------------

def _codes(path: Path) -> list[str]:
    zxingcpp = pytest.importorskip("zxingcpp")
    image = pdfium.PdfDocument(str(path))[0].render(scale=3).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def _audit_rows(database: Path, aksi: str) -> list[tuple[str, str]]:
    models.open_database(database)
    try:
        return [(row.tabel, row.ringkasan) for row in models.Audit.select()
                .where(models.Audit.aksi == aksi).order_by(models.Audit.id)]
    finally:
        models.close_database()


def test_surat_pengantar_add_list_and_print(register: Path, tmp_path: Path, capsys) -> None:
    db = ["--db", str(register)]
    assert main([*db, "surat-pengantar", "add", "--kepada", "Kepala BKPSDM Kab. Jombang",
                 "--di", "Jombang", "--klasifikasi", "800", "--tanggal", "2026-11-22",
                 "--item", "Usulan kenaikan pangkat|1 berkas|Untuk diproses",
                 "--item", "Fotokopi SK terakhir|2 lembar"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    # the register fixture numbered one surat keluar in 2026: the pengantar takes number 2
    assert lines[-1] == "800/2/415.67/2026"
    assert main([*db, "surat-pengantar", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["nomor"] == "800/2/415.67/2026"
    assert [i["jenis"] for i in listed[0]["items"]] == ["Usulan kenaikan pangkat",
                                                        "Fotokopi SK terakhir"]
    assert listed[0]["penandatangan"] == "Camat"
    assert main([*db, "surat-pengantar", "list", "--cari", "BKPSDM"]) == 0
    assert "1 surat pengantar" in capsys.readouterr().out

    a4, f4 = tmp_path / "sp.pdf", tmp_path / "sp-f4.pdf"
    assert main([*db, "print", "surat-pengantar", "800/2/415.67/2026", "-o", str(a4)]) == 0
    assert main([*db, "print", "surat-pengantar", "2", "--year", "2026", "--paper", "F4",
                 "-o", str(f4)]) == 0
    assert "Usulan kenaikan pangkat" in _text(a4) and "800/2/415.67/2026" in _text(f4)
    width, height = pdfium.PdfDocument(str(f4)).get_page_size(0)
    assert abs(width / 72 * 25.4 - 215) < 0.5 and abs(height / 72 * 25.4 - 330) < 0.5
    codes = _codes(a4)
    assert main([*db, "verify", codes[0]]) == 0
    assert "Surat Pengantar 2/2026" in capsys.readouterr().out
    printed = _audit_rows(register, "cetak")
    assert printed == [("surat_pengantar", "Cetak Surat Pengantar (A4)"),
                       ("surat_pengantar", "Cetak Surat Pengantar (F4)")]


def test_surat_pengantar_add_refuses_bad_input(register: Path, capsys) -> None:
    db = ["--db", str(register)]
    assert main([*db, "surat-pengantar", "add", "--kepada", " ", "--item", "Berkas|",
                 "--penandatangan", "Bupati"]) == 1
    err = capsys.readouterr().err
    assert "--kepada: Kepada (tujuan) wajib diisi." in err
    assert "--item: Baris 1: Banyaknya wajib diisi." in err
    assert "--penandatangan: Jabatan \u201cBupati\u201d tidak ada" in err
    assert "Tidak ada yang dicatat." in err
    with pytest.raises(SystemExit):
        main([*db, "surat-pengantar", "add", "--kepada", "X", "--item", "tanpa pemisah"])
    assert main([*db, "surat-pengantar", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_print_tanda_terima_by_its_number(register: Path, tmp_path: Path, capsys) -> None:
    import datetime as dt

    models.open_database(register)
    now = dt.datetime(2026, 11, 23, 9, 30)
    permohonan = models.Permohonan.create(
        sop_id="rekomendasi-skck", tahun=2026, nomor=3, nomor_tanda_terima=41,
        pemohon_nama="Siti Nurhaliza", pemohon_nik="3517084506010002",
        pemohon_alamat="Jl. Melati 5", pemohon_desa="Jogoroto", telepon="", keperluan="Kerja",
        diterima_pada=now, langkah_sekarang=1, status="diterima", status_alasan="",
        target_selesai=None, selesai_pada=None, diambil_oleh="", diambil_pada=None,
        petugas="Dewi", dibuat_oleh="Dewi", dibuat_pada=now, diubah_pada=now, versi=1)
    models.PermohonanSyarat.create(permohonan=permohonan, urutan=1,
                                   syarat="Surat pengantar desa", ada=True)
    models.close_database()
    target = tmp_path / "tt.pdf"
    for key in ("TT-41/2026", "41/2026"):
        assert main(["--db", str(register), "print", "tanda-terima", key, "-o",
                     str(target)]) == 0
    text = _text(target)
    for expected in ("TT-41/2026", "3/2026", "Siti Nurhaliza", "Surat pengantar desa"):
        assert expected in text
    assert main(["--db", str(register), "verify", _codes(target)[0]]) == 0
    assert "Siti Nurhaliza" in capsys.readouterr().out
    assert main(["--db", str(register), "print", "tanda-terima", "42/2026", "-o",
                 str(tmp_path / "no.pdf")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert not (tmp_path / "no.pdf").exists()
    assert _audit_rows(register, "cetak") == [("permohonan", "Cetak Tanda Terima (A4)")] * 2


def test_printing_is_audited_and_needs_a_session(register: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys) -> None:
    target = tmp_path / "d.pdf"
    assert main(["--db", str(register), "print", "disposisi", "1/2026", "-o",
                 str(target)]) == 0
    assert _audit_rows(register, "cetak") == [("surat_masuk", "Cetak Lembar Disposisi "
                                                              "(HALF_FOLIO)")]
    from jogoroto_desktop import session

    # Whoever the CLI acts as must hold "cetak"; every role does, nobody logged out does.
    monkeypatch.setattr(session, "SETUP_ADMIN", None)
    assert main(["--db", str(register), "print", "disposisi", "1/2026", "-o",
                 str(tmp_path / "e.pdf")]) == 1
    assert "login" in capsys.readouterr().err
    assert len(_audit_rows(register, "cetak")) == 1


def test_sop_pdf_uses_the_kop_from_the_settings(tmp_path: Path) -> None:
    from jogoroto_desktop.kop_settings import KopInput, simpan_kop

    database = tmp_path / "kop.db"
    models.open_database(database)
    simpan_kop(KopInput("PEMERINTAH KABUPATEN JOMBANG", "KECAMATAN JOGOROTO",
                        "Jl. Raya Jogoroto No. 12, Jombang 61485",
                        "Surel: kec.jogoroto@jombang.go.id", "Jogoroto"))
    models.close_database()
    target = tmp_path / "sop.pdf"
    assert main(["--db", str(database), "sop", "pdf", "legalisir", "-o", str(target)]) == 0
    assert "kec.jogoroto@jombang.go.id" in _text(target)


def test_prints_default_to_the_office_paper(register: Path, tmp_path: Path, capsys) -> None:
    """Without --paper a full-page form comes on the office's default paper (Pengaturan), as
    in the print preview; forms with their own paper (half-folio disposisi) keep it."""
    from jogoroto_desktop.setup import PAPER_SETTING

    db = ["--db", str(register)]
    assert main([*db, "surat-pengantar", "add", "--kepada", "Kepala BKPSDM Kab. Jombang",
                 "--klasifikasi", "800", "--tanggal", "2026-11-22",
                 "--item", "Usulan kenaikan pangkat|1 berkas"]) == 0
    nomor = capsys.readouterr().out.strip().splitlines()[-1]
    models.open_database(register)
    try:
        models.set_setting(PAPER_SETTING, "F4")
    finally:
        models.close_database()
    pengantar, disposisi = tmp_path / "sp.pdf", tmp_path / "ld.pdf"
    assert main([*db, "print", "surat-pengantar", nomor, "-o", str(pengantar)]) == 0
    assert main([*db, "print", "disposisi", "1/2026", "-o", str(disposisi)]) == 0
    for path, (want_w, want_h) in ((pengantar, (215, 330)), (disposisi, (215, 165))):
        width, height = pdfium.PdfDocument(str(path)).get_page_size(0)
        assert abs(width / 72 * 25.4 - want_w) < 0.5 and abs(height / 72 * 25.4 - want_h) < 0.5
    assert ("surat_pengantar", "Cetak Surat Pengantar (F4)") in _audit_rows(register, "cetak")
