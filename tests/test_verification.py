"""Verifying a document's QR code against the database, in the domain and on the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

import models
from jogoroto_desktop.cli.main import main
from jogoroto_desktop.qr import PayloadError, RecordRef, new_signing_key, sign_payload
from jogoroto_desktop.qr_keys import signing_key
from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, register_surat_keluar
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
from jogoroto_desktop.verification import verify_document


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "verif.db"
    models.open_database(path)
    register_surat_masuk(SuratMasukInput(
        dari="Bagian Pemerintahan Setda Kab. Jombang", nomor_surat="100/77/415.12/2026",
        tanggal_surat="2026-11-02", perihal="Permintaan data batas desa",
        tanggal_diterima="2026-11-03"))
    register_surat_keluar(SuratKeluarInput(klasifikasi="100", kepada="Bagian Pemerintahan",
                                           perihal="Data batas desa", tanggal="2026-11-05"),
                          langsung_diagendakan=True)
    return path


def test_genuine_codes_show_their_record(database: Path) -> None:
    secret = signing_key()
    masuk = verify_document(sign_payload(RecordRef("SM", 2026, 1), secret))
    assert masuk.ref == RecordRef("SM", 2026, 1)
    assert any("Permintaan data batas desa" in line for line in masuk.lines)
    keluar = verify_document(sign_payload(RecordRef("SK", 2026, 1), secret))
    assert any("100/1/415.67/2026" in line for line in keluar.lines)
    models.close_database()


def test_unknown_altered_and_foreign_codes_are_refused(database: Path) -> None:
    secret = signing_key()
    with pytest.raises(PayloadError, match="tidak ada di basis data"):
        verify_document(sign_payload(RecordRef("SM", 2026, 99), secret))
    genuine = sign_payload(RecordRef("SM", 2026, 1), secret)
    with pytest.raises(PayloadError):
        verify_document(genuine.replace(":1:", ":2:"))
    with pytest.raises(PayloadError, match="instalasi lain"):
        verify_document(sign_payload(RecordRef("SM", 2026, 1), new_signing_key()))
    models.close_database()


def test_cli_verify_exit_codes(database: Path, capsys) -> None:
    secret = signing_key()
    genuine = sign_payload(RecordRef("SM", 2026, 1), secret)
    models.close_database()
    assert main(["--db", str(database), "verify", genuine]) == 0
    out = capsys.readouterr().out
    assert "Dokumen asli" in out and "1/2026" in out
    altered = genuine[:-1] + ("B" if genuine.endswith("A") else "A")
    assert main(["--db", str(database), "verify", altered]) == 1
    assert "TIDAK SAH" in capsys.readouterr().err
    assert main(["--db", str(database), "verify", "bukan-kode"]) == 1


def test_verify_dialog_says_genuine_or_not(qtbot, database: Path) -> None:
    from PySide6.QtCore import Qt

    from ui.verify_dialog import VerifyDialog

    dialog = VerifyDialog()
    qtbot.addWidget(dialog)
    genuine = sign_payload(RecordRef("SM", 2026, 1), signing_key())
    qtbot.keyClicks(dialog.code, genuine)  # what a keyboard-wedge scanner does
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    assert dialog.record is not None and "Dokumen asli" in dialog.result.text()
    dialog.code.setText(genuine[:-2])
    assert not dialog.check()
    assert "TIDAK SAH" in dialog.result.text()
    models.close_database()


def test_a_scanned_code_in_the_agenda_search_box_opens_the_letter(qtbot,
                                                                  database: Path) -> None:
    from PySide6.QtCore import Qt

    from ui.agenda_page import AgendaSuratMasukPage

    page = AgendaSuratMasukPage(tahun=2026)
    qtbot.addWidget(page)
    page.show()
    genuine = sign_payload(RecordRef("SM", 2026, 1), signing_key())
    opened: list[int] = []
    page.letter_opened.connect(opened.append)
    qtbot.keyClicks(page.search, genuine)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    surat = models.SuratMasuk.get(models.SuratMasuk.nomor_agenda == 1)
    assert opened and opened[-1] == surat.id
    assert page.search.text() == ""
    forged = genuine[:-1] + ("B" if genuine.endswith("A") else "A")
    opened.clear()
    qtbot.keyClicks(page.search, forged)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert not opened
    page.close()
    qtbot.wait(10)
    models.close_database()
