"""The Monitoring & Evaluasi SOP page, the evaluation dialog and the Grafik page: they open on
real figures (computed in the background), the assessment and the evaluation are saved from
the page, "Perlu revisi" asks for a draft revision, the Camat may look but not assess."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

import models
from jogoroto_desktop import monitoring as mon
from jogoroto_desktop import session
from tests.test_monitoring import known_set, sekcam

TODAY = dt.date(2026, 12, 6)
WAIT_MS = 10000


@pytest.fixture
def filled(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "monitoring-ui.db")
    known_set()
    yield
    models.close_database()


def open_page(qtbot, actor: session.Actor):
    from ui.monitoring_page import MonitoringPage

    session.set_actor(actor)
    page = MonitoringPage("sekretariat", today=TODAY)
    qtbot.addWidget(page)
    page.resize(1140, 640)
    page.sop.setCurrentIndex(page.sop.findData("legalisir"))
    page.period.setCurrentIndex(page.period.findText("Semester I 2026"))
    page.show()
    qtbot.waitUntil(lambda: page.result is not None and page.operation is None
                    and page.result.sop_id == "legalisir"
                    and page.result.periode == mon.semester(2026, 1), timeout=WAIT_MS)
    return page


def test_the_page_shows_the_figures_and_saves_the_assessment(qtbot, filled) -> None:
    page = open_page(qtbot, sekcam())
    try:
        assert page.table.rowCount() == 6
        assert page.table.item(1, 3).text() == "3 menit 30 detik\n1 hari 16 jam"
        assert page.table.item(1, 5).text() == "75%"
        assert "1 dari 2 permohonan" in page.summary.text()
        combo = page.table.cellWidget(1, 7)
        assert isinstance(combo, QComboBox) and combo.currentData() == mon.TIDAK_BAIK
        combo.setCurrentIndex(combo.findData(mon.BAIK))  # the assessor overrules
        page.table.item(1, 8).setText("Antrean pagi")
        page.catatan.setText("Secara umum lancar")
        assert page.save_button.isEnabled()
        page.save_button.click()
        qtbot.waitUntil(lambda: page.saved is not None and page.operation is None,
                        timeout=WAIT_MS)
        stored = mon.monitoring_terakhir("legalisir")
        rows = mon.langkah_of(stored)
        assert (rows[1].penilaian, rows[1].usulan, rows[1].catatan) == (
            mon.BAIK, mon.TIDAK_BAIK, "Antrean pagi")
        assert stored.catatan == "Secara umum lancar"
        assert "Penilaian tersimpan" in page.summary.text()
        with qtbot.waitSignal(page.revisi_diminta, timeout=1000) as signal:
            page.revisi_button.click()
        assert signal.args == ["legalisir"]
    finally:
        session.set_actor(None)


def test_a_step_that_ran_without_a_penilaian_is_refused_on_the_page(qtbot, filled) -> None:
    page = open_page(qtbot, sekcam())
    try:
        combo = page.table.cellWidget(5, 7)
        combo.setCurrentIndex(combo.findData(""))
        page.save_button.click()
        assert page.banner.isVisible() and "Penilaian harus" in page.banner.text()
        assert models.PenilaianMonitoring.select().count() == 0
    finally:
        session.set_actor(None)


def test_the_camat_looks_but_does_not_assess(qtbot, filled) -> None:
    page = open_page(qtbot, session.Actor("camat", "Camat", "camat"))
    try:
        assert not page.save_button.isEnabled() and page.print_button.isEnabled()
    finally:
        session.set_actor(None)


def test_the_evaluation_dialog_saves_seven_answers_and_asks_for_a_revision(qtbot,
                                                                            filled) -> None:
    page = open_page(qtbot, sekcam())
    try:
        page.evaluasi_button.click()
        dialog = page.dialog
        assert dialog is not None and dialog.year.value() == 2026
        assert "1 dari 2 permohonan" in dialog.figures.text()
        for no, (_group, yes, note) in enumerate(dialog.answers, start=1):
            if no == 3:
                dialog.findChild(type(yes), "tidak_3").setChecked(True)
                note.setText("Langkah verifikasi membingungkan")
            else:
                yes.setChecked(True)
        dialog.revisi.setChecked(True)
        with qtbot.waitSignal(page.revisi_diminta, timeout=1000) as signal:
            dialog.save()
        assert signal.args == ["legalisir"]
        stored = mon.evaluasi_terakhir("legalisir", 2026)
        assert stored.perlu_revisi
        assert [k.ya for k in mon.kriteria_of(stored)] == [True, True, False, True, True, True,
                                                           True]
    finally:
        session.set_actor(None)


def test_an_unanswered_criterion_is_refused_in_the_dialog(qtbot, filled) -> None:
    from ui.monitoring_page import EvaluasiDialog

    session.set_actor(sekcam())
    try:
        dialog = EvaluasiDialog("legalisir", "Pelayanan Legalisir", 2026)
        qtbot.addWidget(dialog)
        dialog.answers[0][1].setChecked(True)
        dialog.save()
        assert "tujuh kriteria" in dialog.message.text()
        assert models.EvaluasiSop.select().count() == 0
    finally:
        session.set_actor(None)


def test_the_grafik_page_draws_its_charts(qtbot, filled) -> None:
    from ui.grafik_page import GrafikPage

    page = GrafikPage(today=TODAY)
    qtbot.addWidget(page)
    page.resize(1140, 640)
    page.period.setCurrentIndex(page.period.findText("Tahun 2026"))
    page.show()
    qtbot.waitUntil(lambda: page.data is not None and page.operation is None
                    and page.data.periode.dari == dt.date(2026, 1, 1), timeout=WAIT_MS)
    assert set(page.views) == {"permohonan", "tepat_layanan", "tepat_seksi", "lambat",
                               "ikm_unsur", "ikm_bulan"}
    assert page.data.permohonan[0] == 3 and page.data.permohonan[6] == 1  # Jan, Jul
    assert page.data.tepat_layanan[0].nilai[0] == pytest.approx(50.0)
    slowest = page.data.lambat[0]
    assert (slowest.sop_nama, slowest.no) == ("Pelayanan Legalisir", 4)  # 4 of 3 minutes
    assert "4 permohonan" in page.summary.text()
    bars = page.views["permohonan"].chart().series()[0].barSets()[0]
    assert [bars.at(i) for i in range(bars.count())][:7] == [3, 0, 0, 0, 0, 0, 1]


def test_the_threshold_is_set_in_pengaturan(qtbot, tmp_path: Path) -> None:
    from jogoroto_desktop import pengaturan
    from ui.settings_dialog import PengaturanDialog

    models.open_database(tmp_path / "ambang.db")
    session.set_actor(session.Actor("admin", "Admin", "admin"))
    try:
        dialog = PengaturanDialog()
        qtbot.addWidget(dialog)
        assert dialog.penomoran_tab.ambang.value() == 80
        dialog.penomoran_tab.ambang.setValue(75)
        dialog.save()
        assert dialog.saved and pengaturan.ambang_monitoring() == 75
    finally:
        session.set_actor(None)
        models.close_database()


def test_perlu_revisi_opens_the_sop_editor_for_the_owning_unit_only(qtbot, filled,
                                                                     monkeypatch) -> None:
    from tests.test_sop_editor_ui import answer
    from ui.sop_editor import SopEditor

    page = open_page(qtbot, sekcam())
    try:
        page.revisi_button.click()  # the Sekcam reviews SOPs but does not write them
        assert page.editor is None
        assert page.banner.isVisible() and "Kasi/Kasubag" in page.banner.text()
        session.set_actor(session.Actor("kasubag", "Kasubag Umum", "kasubag_umum"))
        page.revisi_button.click()
        assert isinstance(page.editor, SopEditor) and page.editor.isVisible()
        assert page.editor.sop.id == "legalisir"
        answer(monkeypatch, "Buang perubahan")  # a new revision is not stored until saved
        page.editor.reject()
        assert not page.editor.isVisible()
    finally:
        session.set_actor(None)
