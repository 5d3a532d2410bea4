"""The main window: five seksi tabs, SOP detail, search, models, state and the error hook."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from jogoroto_desktop.errors import make_excepthook, setup_logging
from jogoroto_desktop.sop.catalog import SEKSI, default_catalog
from ui.app import create_main_window
from ui.item_models import SopListModel, StepTableModel
from ui.main_window import MainWindow
from ui.seksi_tab import SeksiTab


@pytest.fixture
def window(qtbot) -> MainWindow:
    win = create_main_window(default_catalog(), "SQLite: /tmp/uji.db")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_five_seksi_tabs_in_the_books_order(window: MainWindow) -> None:
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == [s.name for s in SEKSI]
    counts = [tab.list_model.rowCount() for tab in window.seksi_tabs]
    assert counts == [17, 5, 3, 6, 3]


def test_status_bar_names_the_database(window: MainWindow) -> None:
    assert "SQLite: /tmp/uji.db" in window.database_status.text()


def test_selecting_an_sop_shows_its_identitas_and_steps(qtbot, window: MainWindow) -> None:
    tab: SeksiTab = window.seksi_tabs[0]
    row = tab.list_model.row_of("legalisir")
    tab.list_view.setCurrentIndex(tab.list_model.index(row, 0))
    sop = default_catalog().get("legalisir")
    detail = tab.detail
    assert detail.sop is sop
    assert detail.title.text() == sop.name
    assert detail.steps_model.rowCount() == len(sop.steps)
    kegiatan = detail.steps_model.index(0, StepTableModel.COL_KEGIATAN).data()
    assert kegiatan == sop.steps[0].kegiatan
    assert detail.uraian.currentWidget() is detail.steps_view
    html = detail.identitas.toPlainText()
    assert "065/04.SOP.SEK/415.67/2022" in html
    assert "4 Januari 2022" in html
    assert "19690814 199703 2 003" in html


def test_a_draft_shows_belum_dirinci_instead_of_an_empty_table(window: MainWindow) -> None:
    tab = window.seksi_tabs[1]  # Tata Pemerintahan: all drafts
    window.tabs.setCurrentWidget(tab)
    tab.select_sop("ktp")
    assert tab.detail.sop.id == "ktp"
    assert tab.detail.uraian.currentWidget() is tab.detail.draft_notice
    assert "belum dirinci" in tab.detail.draft_notice.text()
    assert tab.detail.steps_model.rowCount() == 0
    label = tab.list_model.index(tab.list_model.row_of("ktp"), 0).data()
    assert "belum dirinci" in label


def test_search_finds_an_sop_by_a_word_of_a_kegiatan(qtbot, window: MainWindow) -> None:
    window.tabs.setCurrentIndex(3)  # start on Trantib: it has no match, so the window switches
    qtbot.keyClicks(window.search_box, "Bappeda")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    sekretariat = window.seksi_tabs[0]
    assert window.tabs.currentWidget() is sekretariat
    ids = [sekretariat.list_model.sop_at(r).id for r in range(sekretariat.list_model.rowCount())]
    assert "renja" in ids
    assert window.tabs.tabText(0).startswith("Sekretariat (")
    assert window.tabs.tabText(1) == "Tata Pemerintahan (0)"
    window.search_box.clear()
    window.run_search()
    assert window.tabs.tabText(0) == "Sekretariat"
    assert sekretariat.list_model.rowCount() == 17


def test_search_with_no_match_says_so(qtbot, window: MainWindow) -> None:
    window.search_box.setText("zzzz-tidak-ada")
    window.run_search()
    assert "Tidak ada SOP" in window.statusBar().currentMessage()
    assert all(tab.list_model.rowCount() == 0 for tab in window.seksi_tabs)
    assert window.seksi_tabs[0].detail.sop is None


def test_item_models_pass_qtmodeltester(qtmodeltester) -> None:
    catalog = default_catalog()
    qtmodeltester.check(SopListModel(catalog.by_seksi("sekretariat")))
    qtmodeltester.check(SopListModel([]))
    steps = StepTableModel()
    steps.set_steps(catalog.get("renja").steps)
    qtmodeltester.check(steps)
    qtmodeltester.check(StepTableModel())


def test_geometry_and_last_tab_are_remembered(qtbot) -> None:
    first = create_main_window(default_catalog(), "uji")
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)
    first.tabs.setCurrentIndex(4)
    first.close()
    second = create_main_window(default_catalog(), "uji")
    qtbot.addWidget(second)
    assert second.tabs.currentIndex() == 4
    assert (second.width(), second.height()) == (760, 560)


def test_excepthook_logs_and_shows_an_indonesian_message(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path)
    shown: list[str] = []
    hook = make_excepthook(shown.append, log_file)
    try:
        raise ValueError("contoh kesalahan")
    except ValueError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert shown and "kesalahan yang tidak terduga" in shown[0]
    assert str(log_file) in shown[0]
    assert "contoh kesalahan" in log_file.read_text(encoding="utf-8")


def test_diagram_tab_draws_the_selected_sop_and_syncs_with_the_table(window: MainWindow) -> None:
    tab = window.seksi_tabs[0]
    tab.select_sop("legalisir")
    detail = tab.detail
    assert detail.flowchart is None  # built only when first opened
    panel = detail.show_flowchart()
    assert panel.sop is detail.sop and not panel.is_empty_state()
    panel.step_selected.emit(4)
    assert detail.steps_view.currentIndex().row() == 3
    detail.steps_view.selectRow(1)
    assert "Petugas loket" in panel.details_text()
    tab.select_sop("renja")
    assert panel.sop.id == "renja" and panel.page_count() == 2
    window.tabs.setCurrentIndex(1)
    window.seksi_tabs[1].detail.show_flowchart()
    assert window.seksi_tabs[1].detail.flowchart.is_empty_state()  # drafts: belum dirinci


def test_pyside_build_does_not_lose_references_to_none() -> None:
    """PySide6 6.12.0 dropped a reference to None on every void call and aborted the program
    after a few thousand calls; pyproject excludes it and this guards the installed build."""
    import sys

    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(500):
        probe.setObjectName("uji")
    assert sys.getrefcount(None) >= before - 5


def test_every_seksi_desk_has_its_registers(qtbot, tmp_path: Path) -> None:
    import models

    models.open_database(tmp_path / "meja.db")
    try:
        win = create_main_window(default_catalog(), "uji")
        qtbot.addWidget(win)
        win.show()
        sekretariat = win.seksi_tabs[0]
        labels = [sekretariat.sections.tabText(i) for i in range(sekretariat.sections.count())]
        assert labels == ["Ringkasan", "Kotak Masuk Disposisi", "Agenda Surat Masuk",
                          "Agenda Surat Keluar", "Buku Ekspedisi", "Surat Pengantar", "Layanan",
                          "Survei Kepuasan (IKM)", "Data Pegawai", "Buku Penjagaan", "Buku Cuti",
                          "Pelacakan Perencanaan dan Keuangan", "Monitoring & Evaluasi",
                          "Grafik", "Katalog SOP", "Pengesahan SOP"]
        assert sekretariat.sections.currentIndex() == 0  # each desk opens on its overview
        for index in range(len(labels)):
            if labels[index] == "Katalog SOP":  # built with the tab
                continue
            page = sekretariat.open_section(index)
            assert page.objectName() or page.__class__.__name__  # built, not a placeholder
            assert sekretariat.section(index) is page  # built once
        trackers = {"pmd": "Pelacakan Musrenbang dan ADD", "sosbud": "Pelacakan Raskin"}
        for tab in win.seksi_tabs[1:]:
            extra = [trackers[tab.seksi.id]] if tab.seksi.id in trackers else []
            services = ["Layanan"] if tab.seksi.id != "pmd" else []  # PMD has no loket services
            assert [tab.sections.tabText(i) for i in range(tab.sections.count())] == [
                "Ringkasan", "Kotak Masuk Disposisi", *services, *extra,
                "Monitoring & Evaluasi", "Katalog SOP"]
        assert win.settings_action.text().startswith("&Pengaturan")
        win.close()
        qtbot.wait(20)  # let the pages finish their pending show events on this database
    finally:
        models.close_database()


def test_the_whole_sop_prints_with_the_office_kop(qtbot, window: MainWindow,
                                                 tmp_path: Path) -> None:
    import dataclasses

    import pypdfium2 as pdfium

    import models
    from jogoroto_desktop.kop_settings import load_kop_input, simpan_kop

    models.open_database(tmp_path / "kop.db")
    try:
        simpan_kop(dataclasses.replace(load_kop_input(), alamat="Jl. Uji Kop No. 7"))
        tab = window.seksi_tabs[0]
        assert tab.select_sop("legalisir")
        detail = tab.detail
        assert detail.print_button.isEnabled()
        preview = detail.print_sop()
        assert preview is not None
        qtbot.waitUntil(preview.is_ready, timeout=20000)
        assert preview.document.pageCount() >= 2  # the identitas page, then the flowchart
        saved = preview.save_copy(str(tmp_path / "legalisir.pdf"))
        preview.close()
    finally:
        models.close_database()
    assert saved is not None
    first_page = pdfium.PdfDocument(str(saved))[0].get_textpage().get_text_range()
    assert "Jl. Uji Kop No. 7" in first_page and "LEGALISIR" in first_page.upper()


def test_the_window_shows_the_catalog_in_force_in_the_database(qtbot, window: MainWindow,
                                                               tmp_path: Path) -> None:
    import datetime as dt

    import models
    from jogoroto_desktop.session import Actor
    from jogoroto_desktop.sop import versions
    from tests.helpers import IMB, imb_detailed

    tab = window.seksi_tabs[3]  # Ketentraman dan Ketertiban Umum
    window.tabs.setCurrentWidget(tab)
    tab.select_sop(IMB)
    assert tab.detail.sop.is_draft
    models.open_database(tmp_path / "jogoroto.db")
    try:
        window.set_catalog(default_catalog())  # as after opening: the same SOPs, nothing new
        versions.simpan_draf(imb_detailed(), Actor("trantib", "Kasi Trantib", "kasi_trantib"))
        versions.ajukan(IMB, Actor("trantib", "Kasi Trantib", "kasi_trantib"))
        versions.sahkan(IMB, Actor("camat", "Camat", "camat"), dt.date.today())
        window.set_catalog(default_catalog())
        assert tab.detail.sop.id == IMB and not tab.detail.sop.is_draft
        assert tab.detail.steps_model.rowCount() == len(imb_detailed().steps)
        label = tab.list_model.index(tab.list_model.row_of(IMB), 0).data()
        assert "belum dirinci" not in label
    finally:
        models.close_database()
