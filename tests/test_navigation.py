"""The window on the office's 1366x768 screens (DESIGN.md section 7): it fits the screen's
available geometry, every register of a desk is one click away in the side list without
scrolling, each list entry has its icon, and the overview is counted at start."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

import models
from jogoroto_desktop.sop.catalog import default_catalog
from ui.app import create_main_window
from ui.icons import ACTION_ICONS, SECTION_ICONS, action_icon_name, icon
from ui.main_window import FRAME_ALLOWANCE, PREFERRED_SIZE, fitted_geometry
from ui.overview_page import OverviewPage

#: A 1366x768 screen less a 40-pixel taskbar at the bottom (Windows' default).
OFFICE_SCREEN = QRect(0, 0, 1366, 728)


def frame_of(geometry: QRect) -> QRect:
    """The window with the frame the window manager adds (FRAME_ALLOWANCE) around it."""
    return geometry.adjusted(-FRAME_ALLOWANCE.width() // 2, -(FRAME_ALLOWANCE.height() - 8),
                             FRAME_ALLOWANCE.width() // 2, 8)


def test_the_first_window_fits_the_available_screen() -> None:
    geometry = fitted_geometry(OFFICE_SCREEN)
    assert OFFICE_SCREEN.contains(frame_of(geometry))
    assert geometry.size() == QSize(1350, 680)  # all the room the frame leaves
    big = QRect(0, 0, 1920, 1040)
    roomy = fitted_geometry(big)
    assert roomy.size() == PREFERRED_SIZE and big.contains(frame_of(roomy))
    assert abs(roomy.center().x() - big.center().x()) <= 8  # centred


@pytest.mark.parametrize("saved", [
    QRect(100, 80, 1800, 1000),  # saved on a larger screen
    QRect(-400, 600, 900, 500),  # half off the screen
    QRect(2000, 900, 800, 600),  # on a second screen that is gone
])
def test_a_restored_window_is_clamped_to_the_screen(saved: QRect) -> None:
    geometry = fitted_geometry(OFFICE_SCREEN, saved)
    assert OFFICE_SCREEN.contains(frame_of(geometry))
    assert geometry.width() == min(saved.width(), 1366 - FRAME_ALLOWANCE.width())


def test_a_restored_window_that_fits_stays_where_it_was() -> None:
    saved = QRect(50, 60, 1000, 600)
    assert fitted_geometry(OFFICE_SCREEN, saved) == saved


def test_the_window_opens_inside_its_screen(qtbot) -> None:
    window = create_main_window(default_catalog(), "uji")
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert available.contains(frame_of(window.geometry()))
    assert window.statusBar().isVisibleTo(window)


def test_every_register_of_the_sekretariat_shows_without_scrolling(qtbot,
                                                                   tmp_path: Path) -> None:
    models.open_database(tmp_path / "navigasi.db")
    try:
        window = create_main_window(default_catalog(), "uji")
        qtbot.addWidget(window)
        window.setGeometry(fitted_geometry(OFFICE_SCREEN))
        window.show()
        qtbot.waitExposed(window)
        room = fitted_geometry(OFFICE_SCREEN).size()
        desk = window.seksi_tabs[0]
        nav = desk.sections
        assert nav.count() == 16  # with IKM, Monitoring & Evaluasi, Grafik, Pengesahan SOP
        window.resize(room)
        for index in range(nav.count()):
            page = desk.open_section(index)
            qtbot.wait(5)
            assert nav.currentWidget() in (page, page.parentWidget())
            # Every page fits the room whole: the desk's scroll area (for 125% scaling) shows
            # no scroll bar at 100%.
            assert window.size() == room, nav.tabText(index)
            for bar in (nav.scroller.horizontalScrollBar(), nav.scroller.verticalScrollBar()):
                assert not bar.isVisible(), (nav.tabText(index), page.minimumSizeHint())
        # ...and every entry of the side list is on screen, whole, at its natural height.
        for index in range(nav.count()):
            button = nav.button(index)
            assert button.isVisible(), nav.tabText(index)
            top_left = button.mapTo(window, QPoint(0, 0))
            assert QRect(top_left, button.size()).bottom() < window.statusBar().y()
            assert window.rect().contains(QRect(top_left, button.size()))
            assert button.height() >= button.sizeHint().height()
            assert button.width() >= button.sizeHint().width(), nav.tabText(index)
        assert window.statusBar().geometry().bottom() <= window.height()
        window.close()
        qtbot.wait(20)
    finally:
        models.close_database()


def test_every_navigation_entry_and_action_has_an_icon(qtbot) -> None:
    window = create_main_window(default_catalog(), "uji")
    qtbot.addWidget(window)
    for desk in window.seksi_tabs:
        buttons = [desk.sections.button(index) for index in range(desk.sections.count())]
        # The icons follow the buttons on the next event-loop turn (after the first paint).
        qtbot.waitUntil(lambda b=buttons: not any(button.icon().isNull() for button in b))
        for index, button in enumerate(buttons):
            assert not button.icon().isNull(), desk.sections.tabText(index)
            assert not button.icon().pixmap(QSize(24, 24)).isNull(), desk.sections.tabText(index)
    for name in {*SECTION_ICONS.values(), *(name for _word, name in ACTION_ICONS)}:
        assert not icon(name).pixmap(QSize(20, 20)).isNull(), name
    assert action_icon_name("Cetak &Lembar Disposisi…") == "printer"
    assert action_icon_name("Permohonan &Baru") == "plus"
    assert action_icon_name("Bata&lkan…") == "ban"


def test_the_overview_is_counted_at_start_and_after_the_database_is_filled(
        qtbot, tmp_path: Path) -> None:
    from jogoroto_desktop.registers import layanan as ly

    models.open_database(tmp_path / "hitung.db")
    try:
        window = create_main_window(default_catalog(), "uji")
        qtbot.addWidget(window)
        window.show()
        overview = window.seksi_tabs[0].section(0)  # the Sekretariat's: legalisir is its
        assert isinstance(overview, OverviewPage)
        qtbot.waitUntil(lambda: overview.summary is not None)  # counted when first shown
        assert overview.buttons["Baru hari ini"].angka.jumlah == 0
        # The demo fills its database while the window already shows the overview.
        ly.daftar(ly.PermohonanInput(sop_id="legalisir", nama="Siti Aminah",
                                     nik="3517125408900002", alamat="Dusun Janti RT 01",
                                     semua_syarat_ada=True), now=dt.datetime.now())
        window.desk.refresh_all()  # as jogoroto_desktop.gui does once the database is open
        assert overview.buttons["Baru hari ini"].angka.jumlah == 1
        assert "Disposisi menunggu" in overview.buttons
        window.close()
        qtbot.wait(20)
    finally:
        models.close_database()
