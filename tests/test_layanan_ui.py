"""The Layanan page, the seksi overview and the Rekap dialog, driven as the loket clerk would:
register a legalisir and a rekomendasi SKCK, walk each to "diambil", see a late one in red,
open the lists behind the overview numbers, export the month's recap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

import models
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.sop.catalog import default_catalog
from ui.app import create_main_window
from ui.layanan_forms import PengambilanDialog, PermohonanDialog, describe_nik
from ui.layanan_page import LayananPage, PermohonanModel
from ui.overview_page import OverviewPage
from ui.progress_model import URGENT
from ui.registers.void import AlasanDialog
from ui.rekap_page import RekapDialog, RekapTableModel

NIK_SITI = "3517125408900002"
NIK_BUDI = "3517121503850001"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "loket.db")
    yield
    models.close_database()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warning(_parent, _title, text, *_args, **_kwargs):  # noqa: ANN001, ANN202
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def register(sop_id: str, nama: str, nik: str, minutes_ago: int = 0,
             **changes) -> models.Permohonan:
    when = dt.datetime.now().replace(microsecond=0) - dt.timedelta(minutes=minutes_ago)
    return ly.daftar(ly.PermohonanInput(sop_id=sop_id, nama=nama, nik=nik,
                                        alamat="Dusun Janti RT 01", desa="Janti", **changes),
                     now=when)


def make_page(qtbot, seksi: str = "sekretariat") -> LayananPage:  # noqa: ANN001
    page = LayananPage(seksi)
    qtbot.addWidget(page)
    page.resize(1300, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_models_pass_the_model_tester(qtbot, qtmodeltester, database) -> None:  # noqa: ANN001
    register("legalisir", "Siti Aminah", NIK_SITI, minutes_ago=60, semua_syarat_ada=True)
    register("rekomendasi-skck", "Budi Santoso", NIK_BUDI)
    model = PermohonanModel(tuple(ly.LAYANAN_SOPS))
    model.refresh()
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    # both are number 1 of their service: the service is part of the number shown
    year = dt.date.today().year
    assert {model.index(row, PermohonanModel.COL_NOMOR).data() for row in range(2)} == {
        f"legalisir/1/{year}", f"rekomendasi-skck/1/{year}"}
    recap = RekapTableModel()
    from jogoroto_desktop import rekap

    today = dt.date.today()
    recap.set_rekap(rekap.buat_rekap(rekap.periode_bulan(today.year, today.month)))
    qtmodeltester.check(recap)
    assert recap.rowCount() == 16 + 4 + 1


def test_nik_is_checked_as_it_is_typed(qtbot, database) -> None:  # noqa: ANN001
    dialog = PermohonanDialog(ly.layanan_seksi("sekretariat"))
    qtbot.addWidget(dialog)
    dialog.nik.setText("3517 1254 0890 0002")
    assert "NIK sah: perempuan, lahir 14 Agustus 1990, Jawa Timur" in dialog.nik_info.text()
    dialog.nik.setText("3517125408900000")
    assert "0000" in dialog.nik_info.text()
    assert describe_nik("")[0] is False
    dialog.nama.setText("Siti Aminah")
    dialog.alamat.setText("Dusun Janti")
    dialog.save()
    assert dialog.permohonan is None
    assert "0000" in dialog.messages.message("nik")
    assert models.Permohonan.select().count() == 0


def test_registration_form_with_checklist_and_extra_item(qtbot, database) -> None:  # noqa: ANN001
    dialog = PermohonanDialog(ly.layanan_seksi("sekretariat"), sop_id="rekomendasi-skck")
    qtbot.addWidget(dialog)
    assert list(dialog.checklist.states()) == ["Berkas ...", "Copy KK", "Copy KTP"]
    assert "8 menit" in dialog.standard.text()
    dialog.checklist.item(1).setCheckState(Qt.CheckState.Checked)
    dialog.extra.setText("Surat pengantar desa")
    dialog.add_extra_button.click()
    dialog.nama.setText("Budi Santoso")
    dialog.nik.setText(NIK_BUDI)
    dialog.alamat.setText("Dusun Ngumpul RT 03")
    assert dialog.desa.currentText() == ""  # no desa assumed
    assert [dialog.desa.itemText(i) for i in range(dialog.desa.count())][:3] == [
        "Alang-Alang Caruban", "Janti", "Jarak Kulon"]  # the kecamatan's desa offered
    dialog.desa.setCurrentIndex(dialog.desa.findText("Ngumpul"))
    dialog.save()
    assert dialog.permohonan is not None
    assert [(s.syarat, s.ada) for s in ly.syarat_of(dialog.permohonan)] == [
        ("Berkas ...", False), ("Copy KK", True), ("Copy KTP", False),
        ("Surat pengantar desa", True)]
    dialog.service.setCurrentIndex(dialog.service.findData("dispensasi-nikah"))
    assert "tidak tercantum" in dialog.standard.text()


def test_legalisir_walked_to_diambil_with_the_buttons(qtbot, database, warnings) -> None:  # noqa: ANN001
    page = make_page(qtbot)
    page.permohonan_baru()
    form = page.dialog
    assert isinstance(form, PermohonanDialog)
    form.service.setCurrentIndex(form.service.findData("legalisir"))
    form.nama.setText("Siti Aminah")
    form.nik.setText(NIK_SITI)
    form.alamat.setText("Dusun Janti RT 01")
    form.save()
    qtbot.waitUntil(lambda: page.count_label.text() == "1 permohonan")
    p = form.permohonan
    assert page.current_id() == p.id
    preview = page.preview  # the tanda terima opens at once, with its QR code
    assert preview is not None
    qtbot.waitUntil(preview.is_ready, timeout=20000)
    assert preview.document.pageCount() == 1
    assert "TT-1/" in preview.windowTitle()
    preview.close()
    assert page.print_button.isEnabled()
    assert page.next_button.text().replace("&", "") == "Langkah 2 selesai"
    page.next_button.click()  # the requirement is not ticked yet: refused, nothing written
    assert warnings and "Syarat belum lengkap" in warnings[-1]
    assert models.Permohonan.get_by_id(p.id).status == ly.DITERIMA
    page.detail.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: ly.syarat_kurang(models.Permohonan.get_by_id(p.id)) == [])
    for expected in (ly.DIVERIFIKASI, ly.MENUNGGU_TTD, ly.DITANDATANGANI, ly.SIAP_DIAMBIL):
        page.next_button.click()
        assert models.Permohonan.get_by_id(p.id).status == expected
    assert not page.next_button.isEnabled() and page.collect_button.isEnabled()
    page.collect_button.click()
    collect = page.dialog
    assert isinstance(collect, PengambilanDialog)
    collect.oleh.setText("  ")
    collect.save()
    assert "Nama pengambil wajib" in collect.messages.message("diambil_oleh")
    assert models.Permohonan.get_by_id(p.id).status == ly.SIAP_DIAMBIL
    collect.oleh.setText("Ahmad (suami pemohon)")
    collect.save()
    stored = models.Permohonan.get_by_id(p.id)
    assert stored.status == ly.DIAMBIL and stored.diambil_oleh == "Ahmad (suami pemohon)"
    assert "Ahmad (suami pemohon)" in page.detail.values["Pengambilan"].text()
    steps = page.detail.progress_model
    assert all(steps.item_at(row).pada for row in range(steps.rowCount()))
    assert page.cancel_button.isEnabled()  # a collected one can still be voided


def test_skck_kurang_lengkap_then_completed_and_collected(qtbot, database) -> None:  # noqa: ANN001
    p = register("rekomendasi-skck", "Budi Santoso", NIK_BUDI, syarat_ada=["Copy KK"])
    page = make_page(qtbot)
    assert page.select_id(p.id)
    page.incomplete_button.click()
    reason = page.dialog
    assert isinstance(reason, AlasanDialog)
    assert reason.alasan.placeholderText() == "Berkas ...; Copy KTP belum dibawa"
    reason.save()
    assert reason.messages.message("alasan") == "Alasan kurang lengkap wajib diisi."
    assert models.Permohonan.get_by_id(p.id).status == ly.DITERIMA
    reason.alasan.setPlainText("Copy KTP belum dibawa")
    reason.save()
    assert models.Permohonan.get_by_id(p.id).status == ly.KURANG_LENGKAP
    assert page.next_button.text().replace("&", "") == "Berkas dilengkapi"
    for row in range(page.detail.checklist.count()):
        page.detail.checklist.item(row).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: not ly.syarat_kurang(models.Permohonan.get_by_id(p.id)))
    page.next_button.click()
    assert models.Permohonan.get_by_id(p.id).status == ly.DITERIMA
    page.next_button.click()
    assert models.Permohonan.get_by_id(p.id).status == ly.DIVERIFIKASI
    page.ready_button.click()
    assert models.Permohonan.get_by_id(p.id).status == ly.SIAP_DIAMBIL
    page.collect_button.click()
    page.dialog.save()  # the pemohon's own name is offered
    assert models.Permohonan.get_by_id(p.id).diambil_oleh == "Budi Santoso"


def test_a_late_request_is_red_and_the_overview_opens_its_list(qtbot, database) -> None:  # noqa: ANN001
    late = register("legalisir", "Siti Aminah", NIK_SITI, minutes_ago=90)
    register("rekomendasi-skck", "Budi Santoso", NIK_BUDI)
    window = create_main_window(default_catalog(), "uji")
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    tab = window.seksi_tabs[0]
    labels = [tab.sections.tabText(i) for i in range(tab.sections.count())]
    assert labels[:2] == ["Ringkasan", "Kotak Masuk Disposisi"] and "Layanan" in labels
    assert tab.sections.currentIndex() == 0
    overview = tab.section(0)
    assert isinstance(overview, OverviewPage)
    qtbot.waitUntil(lambda: overview.summary is not None)
    numbers = {label: b.angka.jumlah for label, b in overview.buttons.items()}
    assert numbers == {"Baru hari ini": 2, "Dalam proses": 2, "Terlambat": 1,
                       "Siap diambil": 0, "Berkas kepegawaian terlambat": 0,
                       "Cuti menunggu keputusan": 0, "Pelacakan berjalan": 0,
                       "Pelacakan terlambat": 0, "Disposisi menunggu": 0}
    assert "9c1c1c" in overview.buttons["Terlambat"].number.styleSheet()
    overview.buttons["Terlambat"].click()
    page = tab.sections.currentWidget().layout().itemAt(0).widget()
    assert isinstance(page, LayananPage)
    assert page.status_filter.currentText() == "Terlambat"
    assert page.model.rowCount() == 1 and page.model.row_id(0) == late.id
    status = page.model.index(0, PermohonanModel.COL_STATUS)
    assert status.data().endswith("Terlambat")
    assert status.data(Qt.ItemDataRole.ForegroundRole) == URGENT
    overview.buttons["Baru hari ini"].click()
    assert page.model.rowCount() == 2
    others = [window.seksi_tabs[i] for i in (1, 2)]
    pmd = [others[1].sections.tabText(i) for i in range(others[1].sections.count())]
    # PMD has no loket services
    assert pmd[:2] == ["Ringkasan", "Kotak Masuk Disposisi"] and "Layanan" not in pmd
    assert "Layanan" in [others[0].sections.tabText(i) for i in range(others[0].sections.count())]
    window.close()
    qtbot.wait(20)


def test_overview_waits_for_the_database(qtbot) -> None:  # noqa: ANN001
    page = OverviewPage("sosbud")
    qtbot.addWidget(page)
    page.show()
    assert "Menunggu basis data" in page.updated.text()
    assert page.summary is None
    page._retry.stop()


def test_rekap_dialog_exports_off_the_gui_thread(qtbot, database, tmp_path: Path) -> None:  # noqa: ANN001
    p = register("legalisir", "Siti Aminah", NIK_SITI, minutes_ago=30, semua_syarat_ada=True)
    ly.lanjut(p)
    ly.siapkan(p)
    dialog = RekapDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert "1 permohonan, 1 terlambat" in dialog.title.text()
    legalisir = dialog.model.rows[1]
    assert legalisir.nama == "Pelayanan Legalisir" and legalisir.siap == 1
    dialog.export(".xlsx", str(tmp_path / "rekap"))
    assert dialog.busy()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20000)
    assert dialog.last_error == ""
    sheet = openpyxl.load_workbook(tmp_path / "rekap.xlsx").active
    assert sheet["A1"].value.startswith("Rekapitulasi Bulanan Pelayanan")
    dialog.export(".csv", str(tmp_path / "tidak-ada" / "x" / "rekap.csv"))
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20000)
    assert (tmp_path / "tidak-ada" / "x" / "rekap.csv").exists()
    dialog.daily.setChecked(True)
    assert dialog.periode().jenis == "hari"
    assert "Harian" in dialog.title.text()
    dialog.preview()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=20000)
    preview = dialog.preview_dialog
    assert preview.document.pageCount() >= 1
    preview.close()


def test_overview_counts_again_while_shown_so_other_pcs_appear(qtbot, database) -> None:  # noqa: ANN001
    page = OverviewPage("sekretariat")
    qtbot.addWidget(page)
    page.auto_refresh.setInterval(50)
    page.show()
    qtbot.waitExposed(page)
    assert page.buttons["Baru hari ini"].angka.jumlah == 0
    assert page.auto_refresh.isActive()
    register("legalisir", "Budi Santoso", NIK_BUDI)  # written by the loket's PC
    qtbot.waitUntil(lambda: page.buttons["Baru hari ini"].angka.jumlah == 1, timeout=3000)
    page.hide()
    assert not page.auto_refresh.isActive()
