"""One look for every register page and form (issue 18, item 2), from the UI kernel: dates in
words also while typed, every register opening on this year, the buttons above the filter bar,
the detail pane only once a record is chosen, field labels as "Name:" and one wording list.
(Label side and colons of every dialog: tests/test_screens.py, form_label_problems.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

import models
from jogoroto_desktop.demo import buat_database_demo
from jogoroto_desktop.sop.catalog import default_catalog
from tests.screen_check import every_page, settle
from ui import words
from ui.app import create_main_window
from ui.progress_model import ProgressTableModel
from ui.registers.dates import date_edit, datetime_edit
from ui.registers.forms import with_colon
from ui.registers.page import RegisterPage


@pytest.mark.parametrize(("typed", "shown"), [
    ("4/1/2025", "4 Januari 2025"),
    ("04/12/2025", "4 Desember 2025"),
    ("31102025", "31 Oktober 2025"),
    ("29/2/2024", "29 Februari 2024"),  # the day kept until the year allows it
    ("5 3 2026", "5 Maret 2026"),
])
def test_a_date_shows_the_month_in_words_and_is_typed_with_its_number(qtbot, typed: str,
                                                                     shown: str) -> None:
    edit = date_edit(QDate(2026, 12, 6))
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    edit.setSelectedSection(edit.sectionAt(0))
    QTest.keyClicks(edit, typed)
    assert edit.text() == shown


def test_a_date_and_time_shows_the_month_in_words(qtbot) -> None:
    edit = datetime_edit(dt.datetime(2026, 12, 6, 9, 5))
    qtbot.addWidget(edit)
    assert edit.text() == "6 Desember 2026  09.05"


def test_a_label_is_written_with_one_colon() -> None:
    assert with_colon("&Tahun") == "&Tahun:"
    assert with_colon("&Tahun:") == "&Tahun:"
    assert with_colon("Kepada Yth.: ") == "Kepada Yth.:"


def test_a_step_not_done_reads_the_same_in_every_progress_table() -> None:
    from ui.keluar_page import ProgressModel

    assert ProgressTableModel.NOT_YET == ProgressModel.NOT_YET == words.BELUM


@pytest.fixture
def window(qtbot, tmp_path: Path):
    path = tmp_path / "demo.db"
    buat_database_demo(path)
    models.open_database(path)
    window = create_main_window(default_catalog(), "uji")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    qtbot.wait(10)
    models.close_database()


def register_pages(window) -> Iterator[tuple[str, RegisterPage]]:
    """Open each register page of each desk in turn (shown while the caller looks at it)."""
    for desk, title, page in every_page(window):
        if isinstance(page, RegisterPage):
            yield f"{desk} / {title}", page


def test_every_register_page_opens_on_this_year_with_its_buttons_above_the_filters(
        window) -> None:
    this_year = dt.date.today().year
    count = 0
    for name, page in register_pages(window):
        count += 1
        if page.year_filter.isVisibleTo(page):
            assert page.year_filter.currentData() == this_year, name
            assert page.year_filter.itemText(0) == words.SEMUA_TAHUN, name
        search_top = page.search.mapTo(page, QPoint(0, 0)).y()
        buttons = [b for b in page.findChildren(QPushButton)
                   if b.isVisibleTo(page) and b.text() and page.isAncestorOf(b)
                   and not (page.detail is not None and page.detail.isAncestorOf(b))]
        assert buttons, name
        assert all(b.mapTo(page, QPoint(0, 0)).y() < search_top for b in buttons), name
    assert count >= 10


def test_the_detail_pane_takes_room_only_once_a_record_is_chosen(window) -> None:
    for name, page in register_pages(window):
        if page.detail is None or page.SELECT_FIRST_ROW or not page.model.rowCount():
            continue
        page.select_id(None)
        settle()
        assert not page.detail.isVisible(), name
        table_alone = page.table.height()
        page.select_id(page.model.row_id(0))
        settle()
        assert page.detail.isVisible(), name
        assert page.table.height() < table_alone, name


def test_a_reason_is_asked_in_the_one_reason_dialog_everywhere(window) -> None:
    """Voiding a tracker or a leave and deactivating an employee ask in the kernel's
    AlasanDialog (Indonesian buttons, the message under the field), not a bare input box."""
    from ui.registers.void import AlasanDialog

    asked = []
    for _desk, title, page in every_page(window):
        action = {"Buku Cuti": "batalkan", "Data Pegawai": "toggle_aktif",
                  "Perencanaan dan Keuangan": "batalkan"}.get(title.removeprefix("Pelacakan "))
        if action is None:
            continue
        page.table.selectRow(0)
        settle()
        getattr(page, action)()
        dialog = page.dialog
        assert isinstance(dialog, AlasanDialog), title
        assert not dialog.save()  # no reason: refused under the field, nothing written
        assert dialog.messages.text("alasan") or dialog.messages.text("izin"), title
        dialog.alasan.setPlainText("Salah input")
        assert dialog.save(), title
        asked.append(title)
    assert len(asked) == 3, asked


def test_a_page_button_calls_its_action_without_the_checked_flag(qtbot) -> None:
    """Clicking "Nonaktifkan…" asked for no reason and was refused: Qt handed the button's
    `checked` (False) to the slot's optional reason."""
    from ui.registers.page import action_button

    calls: list[object] = []

    def act(alasan: object = None) -> None:
        calls.append(alasan)

    button = action_button("&Nonaktifkan…", "aktifButton", act)
    qtbot.addWidget(button)
    button.click()
    assert calls == [None]
