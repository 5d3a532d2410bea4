"""The survey in the GUI: offered after the Buku Pengambilan, answered with radio buttons and
the keys 1-4; the printed slip and its QR typed in on the IKM page; the kiosk that needs no
login to answer and a staff login to leave; the IKM page's rekap and exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent

import models
from jogoroto_desktop import accounts, documents, session
from jogoroto_desktop.registers import ikm
from jogoroto_desktop.registers import layanan as ly
from tests.helpers import collected_request
from ui.ikm_dialog import SurveiDialog
from ui.ikm_kiosk import KiosSurvei
from ui.ikm_page import IkmPage
from ui.layanan_page import LayananPage


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "ikm.db")
    yield
    models.close_database()


pytestmark = pytest.mark.usefixtures("database")


def settled(qtbot, page: IkmPage) -> None:  # noqa: ANN001
    """Wait for the page's background rekap (and any run asked for meanwhile) to be shown."""
    qtbot.waitUntil(lambda: page.operation is None)


def test_collecting_offers_the_survey_answered_with_the_keys(qtbot) -> None:  # noqa: ANN001
    p = ly.daftar(ly.PermohonanInput(sop_id="legalisir", nama="Siti Aminah",
                                     nik="3517125408900002", alamat="Janti",
                                     semua_syarat_ada=True))
    ly.lanjut(p)
    ly.siapkan(p)
    page = LayananPage("sekretariat")
    qtbot.addWidget(page)
    page.refresh()
    assert page.select_id(p.id)
    page.collect_button.click()
    collect = page.dialog
    assert collect.survei.isChecked()  # offered by default
    collect.save()
    survey = page.dialog
    assert isinstance(survey, SurveiDialog)
    survey.save()  # nothing chosen: refused, naming the questions
    assert "U1" in survey.messages.message("nilai") and "U9" in survey.messages.message("nilai")
    assert models.IkmRespons.select().count() == 0
    first = survey.groups[0].button(1)
    first.setFocus()
    for key in (Qt.Key.Key_4, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_4, Qt.Key.Key_3,
                Qt.Key.Key_4, Qt.Key.Key_4, Qt.Key.Key_2, Qt.Key.Key_3):
        qtbot.keyClick(survey.focusWidget(), key)
    assert survey.nilai() == [4, 3, 4, 4, 3, 4, 4, 2, 3]
    assert survey.groups[7].button(2).text() == "2"
    survey.profil["jenis_kelamin"].setCurrentIndex(survey.profil["jenis_kelamin"].findData("P"))
    survey.komentar.setPlainText("Cepat")
    survey.save()
    row = ikm.respons_aktif(p.id)
    assert ikm.nilai_of(row) == (4, 3, 4, 4, 3, 4, 4, 2, 3)
    assert (row.sumber, row.jenis_kelamin, row.komentar) == ("loket", "P", "Cepat")


def test_slip_qr_opens_the_right_request_once(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    from printing.forms.layout import FormLayout
    from printing.forms.survei_ikm import build_survei_ikm

    p = collected_request()
    other = collected_request(nama="Budi Santoso")
    log = FormLayout()
    build_survei_ikm(documents.survei_ikm_data(p), tmp_path / "slip.pdf", "A4", layout=log)
    page_log = log.pages[0]
    assert len(log.pages) == 1 and len(page_log.qr_codes) == 1
    assert all(t.size >= 8 for t in page_log.texts)
    assert not any(t.truncated or t.continued for t in page_log.texts)
    printed = " ".join(" ".join(t.lines) for t in page_log.texts)
    assert ly.nomor_register(p) in printed and "Sarana dan prasarana" in printed
    scanned = page_log.qr_codes[0].payload

    page = IkmPage()
    qtbot.addWidget(page)
    page.refresh()
    settled(qtbot, page)
    page.kunci.setText(scanned)
    page.buka_dari_kunci()
    dialog = page.dialog
    assert isinstance(dialog, SurveiDialog) and dialog.permohonan.id == p.id
    assert dialog.permohonan.id != other.id and dialog.sumber == "slip"
    for index in range(9):
        dialog.answer(index, 3)
    dialog.save()
    settled(qtbot, page)
    assert ikm.respons_aktif(p.id).sumber == "slip"
    assert page.rekap.responden == 1 and page.respons_table.rowCount() == 1
    page.kunci.setText(ly.nomor_register(p))  # the same request again: refused
    page.buka_dari_kunci()
    assert "satu permohonan satu jawaban" in page.message.text()
    page.kunci.setText("JGR2:TT:2026:1:AAAA")
    page.buka_dari_kunci()
    assert page.message.text()  # a malformed or forged code: the reason, nothing opened
    assert models.IkmRespons.select().count() == 1


def test_ikm_page_rekap_filters_exports_and_voids(qtbot, tmp_path: Path) -> None:  # noqa: ANN001
    today = dt.datetime.now().replace(microsecond=0)
    for sop_id, nilai in (("legalisir", [4, 3, 3, 4, 3, 4, 4, 2, 4]),
                          ("rekomendasi-skck", [2, 3, 3, 4, 3, 3, 4, 2, 3])):
        p = collected_request(sop_id, today - dt.timedelta(hours=2))
        ikm.tambah_respons(p.id, nilai)
    page = IkmPage()
    qtbot.addWidget(page)
    page.refresh()
    settled(qtbot, page)
    assert page.rekap.responden == 2
    assert "IKM 80,56" in page.summary.text() and "Mutu B" in page.summary.text()
    assert page.unsur_table.rowCount() == 9
    assert page.unsur_table.item(7, 2).text() == "2,000"
    assert page.layanan_table.rowCount() == 2
    page.layanan.setCurrentIndex(page.layanan.findData("legalisir"))
    settled(qtbot, page)
    assert page.rekap.responden == 1 and page.rekap.ikm == 86.11
    page.layanan.setCurrentIndex(0)
    settled(qtbot, page)
    pdf = page.ekspor(tmp_path / "ikm.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    xlsx = page.ekspor(tmp_path / "ikm.xlsx")
    sheet = openpyxl.load_workbook(xlsx)["Rekap IKM"]
    assert any(row[1].value == 80.56 for row in sheet.iter_rows() if len(row) > 1)
    # a period ending before it starts: refused on the page, nothing shown
    page.sampai.setDate(page.dari.date().addDays(-1))
    settled(qtbot, page)
    assert "tidak boleh sebelum" in page.message.text() and page.rekap is None
    assert not page.pdf_button.isEnabled()
    page.sampai.setDate(page.dari.date().addDays(400))
    settled(qtbot, page)
    page.respons_table.selectRow(0)
    assert page.void_button.isEnabled()
    page.batalkan()
    page.dialog.alasan.setPlainText("Salah ketik")
    page.dialog.save()
    settled(qtbot, page)
    assert page.rekap.responden == 1
    assert models.IkmRespons.select().where(models.IkmRespons.status == "dibatalkan").count() \
        == 1


def test_kiosk_answers_without_login_and_leaves_only_with_one(qtbot) -> None:  # noqa: ANN001
    accounts.buat_admin_awal("Rahasia-Kios-2026")
    p = collected_request()
    kiosk = KiosSurvei()
    qtbot.addWidget(kiosk)
    kiosk.show()
    with session.acting_as(None):  # nobody logged in at the kiosk
        kiosk.kunci.setText("legalisir/99/2026")
        kiosk.pilih_dari_kunci()
        assert "tidak ditemukan" in kiosk.idle_message.text()
        kiosk.kunci.setText(ly.nomor_register(p))
        kiosk.pilih_dari_kunci()
        assert kiosk.stack.currentWidget() is kiosk.question_page
        assert kiosk.question.text() == ikm.UNSUR[0].pertanyaan
        kiosk.faces[3].click()  # U1 Sangat baik
        kiosk.kembali()  # changed their mind
        assert kiosk.nilai == []
        for key in (Qt.Key.Key_4, Qt.Key.Key_3, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_3,
                    Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_2, Qt.Key.Key_2):
            qtbot.keyClick(kiosk, key)
        assert kiosk.stack.currentWidget() is kiosk.comment_page
        kiosk.komentar.setPlainText("Kursi tunggu kurang")
        with qtbot.waitSignal(kiosk.answered):
            kiosk.kirim()
    assert kiosk.stack.currentWidget() is kiosk.thanks_page
    row = ikm.respons_aktif(p.id)
    assert (row.sumber, row.dibuat_oleh, row.komentar) == ("kiosk", ikm.OLEH_KIOS,
                                                         "Kursi tunggu kurang")
    kiosk.reset()
    kiosk.mulai(p)  # answered already: stays waiting, says why
    assert kiosk.stack.currentWidget() is kiosk.idle_page
    assert "satu permohonan satu jawaban" in kiosk.idle_message.text()
    # Escape and Alt+F4 do not close it
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    event = QCloseEvent()
    kiosk.closeEvent(event)
    assert not event.isAccepted() and kiosk.isVisible()
    assert kiosk.windowFlags() & Qt.WindowType.FramelessWindowHint
    # a wrong staff password keeps it open; the right one closes it
    kiosk.minta_keluar()
    login = kiosk.login_dialog
    login.nama.setText("admin")
    login.sandi.setText("salah")
    assert not login.try_login() and kiosk.isVisible()
    login.sandi.setText("Rahasia-Kios-2026")
    assert login.try_login()
    qtbot.waitUntil(lambda: not kiosk.isVisible())
