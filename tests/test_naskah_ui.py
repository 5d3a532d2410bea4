"""Letters from templates on screen, as the loket and the agendaris would use them: "Buat Surat"
on an SKCK request at the Camat's signature (number, .docx saved and opened, PDF preview with
the renderer named), the refusals (not yet verified, no signer), "Naskah dari Templat" in the
Agenda Surat Keluar, and Pengaturan > Templat Naskah (replace refused naming the unknown field,
replace, download, restore, the LibreOffice switch)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

import models
from jogoroto_desktop import naskah_convert
from jogoroto_desktop.naskah import templat as tp
from jogoroto_desktop.registers import layanan as ly
from tests.naskah_helpers import SKCK_ISIAN, docx_with, isi_pejabat, permohonan
from ui import naskah_dialogs
from ui.keluar_page import AgendaSuratKeluarPage
from ui.layanan_page import LayananPage
from ui.naskah_dialogs import BuatSuratDialog, NaskahHasilDialog
from ui.naskah_templat import TemplatNaskahTab

pytestmark = pytest.mark.usefixtures("database")


@pytest.fixture(autouse=True)
def quiet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, list]:
    """Letters saved under tmp_path, the default program and message boxes recorded."""
    seen: dict[str, list] = {"opened": [], "warnings": []}
    folder = tmp_path / "Naskah Jogoroto"
    folder.mkdir()
    monkeypatch.setattr(naskah_dialogs, "naskah_folder", lambda: folder)
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: seen["opened"].append(url.toLocalFile()) or True)

    def warning(_parent, _title, text, *_args, **_kwargs):  # noqa: ANN001, ANN202
        seen["warnings"].append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setenv(naskah_convert.OWN_LAYOUT_ENV_VAR, "1")  # same PDF on every PC
    seen["folder"] = [folder]
    return seen


def layanan_page(qtbot, request: models.Permohonan) -> LayananPage:  # noqa: ANN001
    page = LayananPage("sekretariat")
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    assert page.select_id(request.id)
    return page


def fill_and_make(qtbot, dialog: BuatSuratDialog, isian: dict[str, str]) -> None:  # noqa: ANN001
    for name, value in isian.items():
        dialog.isian_edits[name].setText(value)
    dialog.ok_button.click()


def test_buat_surat_for_an_skck_request_at_the_camat_signature(qtbot, quiet) -> None:  # noqa: ANN001
    isi_pejabat()
    request = permohonan("rekomendasi-skck")
    assert request.status == ly.MENUNGGU_TTD
    page = layanan_page(qtbot, request)
    assert page.letter_button.isEnabled() and page.letter_button.isVisible()
    assert page.detail.letters.text() == "Belum ada surat dari templat."
    dialog = page.buat_surat()
    assert isinstance(dialog, BuatSuratDialog)
    assert dialog.current_info().nama == "rekomendasi-skck"  # the service's own template
    assert dialog.kepada.text() == "Kepala Kepolisian Sektor Jogoroto"
    automatic = {dialog.otomatis.item(row, 0).text(): dialog.otomatis.item(row, 1).text()
                 for row in range(dialog.otomatis.rowCount())}
    assert automatic["Nama pemohon"] == "Ahmad Fauzi"
    assert automatic["NIK pemohon (16 angka)"] == "3517121508950003"
    assert automatic["Nama penanda tangan"] == "Drs. H. Mochamad Ridwan, M.Si."
    assert "diambil saat surat dibuat" in automatic["Nomor surat (dari Agenda Surat Keluar)"]
    assert set(dialog.isian_edits) == set(SKCK_ISIAN)  # what the program does not record
    dialog.perihal.setText("Rekomendasi SKCK untuk melamar pekerjaan")
    fill_and_make(qtbot, dialog, SKCK_ISIAN)
    qtbot.waitUntil(lambda: dialog.hasil is not None, timeout=10_000)
    hasil = dialog.hasil
    qtbot.waitUntil(lambda: isinstance(getattr(page, "hasil_dialog", None), NaskahHasilDialog))
    shown: NaskahHasilDialog = page.hasil_dialog
    assert hasil.nomor in shown.summary.text()
    assert shown.path.parent == quiet["folder"][0] and shown.path.read_bytes() == hasil.docx
    surat = models.SuratKeluar.get_by_id(hasil.surat_keluar_id)
    assert surat.permohonan_id == request.id and surat.nomor == hasil.nomor
    assert surat.perihal == "Rekomendasi SKCK untuk melamar pekerjaan"
    qtbot.waitUntil(lambda: hasil.nomor in page.detail.letters.text())  # the request's pane
    shown.open_button.click()
    assert quiet["opened"] == [str(shown.path)]
    preview = shown.show_preview()
    assert preview is not None
    qtbot.waitUntil(lambda: preview.is_ready(), timeout=15_000)
    assert "tata letak program" in preview.pages_label.text()
    assert preview.document.pageCount() == 1
    saved = preview.save_copy(str(quiet["folder"][0] / "surat.pdf"))
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    printed = models.Audit.select().where((models.Audit.aksi == "cetak")
                                          & (models.Audit.tabel == "surat_keluar")
                                          & (models.Audit.rekaman_id == surat.id))
    assert "Naskah dinas (F4)" in printed.get().ringkasan  # saving the PDF is audited
    preview.reject()
    # a second letter of the same template for the same request is refused, no number taken
    count = models.SuratKeluar.select().count()
    again = page.buat_surat()
    fill_and_make(qtbot, again, SKCK_ISIAN)
    qtbot.waitUntil(lambda: again.ok_button.isEnabled(), timeout=10_000)
    assert hasil.nomor in again.messages.general.text()
    assert again.hasil is None and models.SuratKeluar.select().count() == count


def test_buat_surat_is_refused_before_verification(qtbot, quiet) -> None:  # noqa: ANN001
    isi_pejabat()
    request = permohonan("rekomendasi-skck", steps=0)
    page = layanan_page(qtbot, request)
    assert not page.letter_button.isEnabled()
    assert page.buat_surat() is None
    assert "belum diverifikasi" in quiet["warnings"][-1]
    assert models.SuratKeluar.select().count() == 0


def test_missing_signer_is_named_and_takes_no_number(qtbot, quiet) -> None:  # noqa: ANN001
    request = permohonan("rekomendasi-skck")  # Pengaturan > Pejabat not filled in
    page = layanan_page(qtbot, request)
    dialog = page.buat_surat()
    assert "Penanda tangan Camat" in dialog.messages.general.text()  # said before making
    fill_and_make(qtbot, dialog, SKCK_ISIAN)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=10_000)
    assert "Penanda tangan Camat" in dialog.messages.general.text()
    assert dialog.hasil is None and models.SuratKeluar.select().count() == 0
    assert not list(quiet["folder"][0].iterdir())


def test_naskah_dinas_from_a_template_in_the_agenda_surat_keluar(qtbot, quiet) -> None:  # noqa: ANN001
    isi_pejabat()
    page = AgendaSuratKeluarPage()
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.refresh()
    entries = [action.text() for action in page.new_button.menu().actions()]
    assert entries == ["&Naskah Dinas Baru dari Templat\u2026"]
    dialog = page.naskah_baru()
    names = [info.nama for info in dialog.templates]
    assert "surat-biasa" in names and "rekomendasi-skck" not in names
    dialog.templat.setCurrentIndex(names.index("surat-biasa"))
    dialog.kepada.setText("Kepala Desa Tambar")
    assert dialog.perihal.text() == ""  # the subject is the writer's, never the template's title
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=10_000)
    assert "Perihal wajib diisi" in dialog.error_text("perihal")
    assert models.SuratKeluar.select().count() == 0
    dialog.perihal.setText("Rapat koordinasi Musrenbang")
    dialog.tembusan.setPlainText("Arsip")
    for name, edit in dialog.isian_edits.items():
        text = "Dengan hormat, kami sampaikan undangan rapat koordinasi." if name == "isi" \
            else f"isian {name}"
        edit.setPlainText(text) if hasattr(edit, "setPlainText") else edit.setText(text)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.hasil is not None, timeout=10_000)
    surat = models.SuratKeluar.get_by_id(dialog.hasil.surat_keluar_id)
    assert surat.kepada == "Kepala Desa Tambar" and surat.templat == "surat-biasa"
    qtbot.waitUntil(lambda: page.current_id() == surat.id)
    assert page.hasil_dialog.hasil.nomor == surat.nomor
    first = page.hasil_dialog
    first.accept()
    # the file lost: made again with the same number, no number taken
    assert page.again_button.isEnabled()
    count = models.SuratKeluar.select().count()
    page.naskah_ulang()
    qtbot.waitUntil(lambda: page.hasil_dialog is not first and page.hasil_dialog is not None,
                    timeout=10_000)
    again = page.hasil_dialog
    assert again.hasil.nomor == surat.nomor and "dibuat ulang" in again.summary.text()
    assert again.path != first.path and models.SuratKeluar.select().count() == count
    assert page.again_button.isVisible()  # in the selected letter's pane


def test_templat_tab_replace_download_restore(qtbot, quiet, tmp_path: Path) -> None:  # noqa: ANN001
    tab = TemplatNaskahTab()
    qtbot.addWidget(tab)
    assert tab.table.rowCount() == len(tp.daftar_templat())
    row = [info.nama for info in tab.infos].index("surat-keterangan")
    tab.table.selectRow(row)
    assert tab.replace_button.isEnabled() and not tab.restore_button.isEnabled()
    bad = docx_with("Yth. {{ kepada }}", "{{ nama_kucing }}")
    tab.ganti((tmp_path / "salah.docx", bad))
    assert "nama_kucing" in quiet["warnings"][-1] and "nama_kucing" in tab.last_message
    assert tp.info_templat("surat-keterangan").versi == 0  # nothing changed
    good = tp.isi_templat(tp.info_templat("surat-keterangan"))
    tab.ganti((tmp_path / "baru.docx", good))
    assert tp.info_templat("surat-keterangan").versi == 1
    assert "versi 1" in tab.last_message
    tab.table.selectRow([info.nama for info in tab.infos].index("surat-keterangan"))
    assert tab.table.item(tab.table.currentRow(), 3).text() == "1"
    saved = tab.unduh(str(tmp_path / "unduhan"))
    assert saved == tmp_path / "unduhan.docx" and saved.read_bytes() == good
    assert tab.restore_button.isEnabled()
    tab.pulihkan(ask=False)
    current = tp.info_templat("surat-keterangan")
    assert current.versi == 2 and current.sumber == tp.SUMBER_BAWAAN


def test_tambah_templat_and_the_libreoffice_switch(qtbot, quiet, tmp_path: Path) -> None:  # noqa: ANN001
    from jogoroto_desktop.naskah_convert import LIBREOFFICE_SETTING

    tab = TemplatNaskahTab()
    qtbot.addWidget(tab)
    dialog = tab.tambah()
    dialog.save()
    assert "Pilih berkas" in dialog.error_text("templat")
    source = tmp_path / "Surat Domisili.docx"
    source.write_bytes(docx_with("Yth. {{ kepada }}", "{{ nama_kucing }}"))
    dialog.choose(str(source))
    assert dialog.nama.text() == "surat-domisili"
    dialog.save()
    assert "nama_kucing" in dialog.error_text("templat")
    assert dialog.info is None
    source.write_bytes(tp.isi_templat(tp.info_templat("surat-keterangan")))
    dialog.choose(str(source))
    dialog.judul.setText("Surat Keterangan Domisili")
    dialog.klasifikasi.setText("470")
    dialog.save()
    assert dialog.info is not None and dialog.info.versi == 1
    assert "surat-domisili" in [info.nama for info in tab.infos]
    # the office-wide LibreOffice switch is stored and audited
    assert tab.libreoffice.isChecked()
    tab.libreoffice.setChecked(False)
    assert models.get_setting(LIBREOFFICE_SETTING) == "0"
    assert not naskah_convert.libreoffice_wanted()
    assert models.Audit.select().where(models.Audit.ringkasan.contains("PDF naskah")).exists()


def test_save_letter_never_overwrites(tmp_path: Path) -> None:
    first = naskah_dialogs.save_letter(b"satu", "Rekomendasi SKCK 331/1.docx", tmp_path)
    second = naskah_dialogs.save_letter(b"dua", "Rekomendasi SKCK 331/1.docx", tmp_path)
    assert first.name == "Rekomendasi SKCK 331-1.docx"
    assert second.name == "Rekomendasi SKCK 331-1 (2).docx"
    assert first.read_bytes() == b"satu" and second.read_bytes() == b"dua"
    assert io.BytesIO(second.read_bytes()).read() == b"dua"
