"""The whole program on the office's 1366x768 screen (the offscreen platform's screen is that
size, tests/conftest.py): every page of every desk, and the dialogs of the main jobs, open, fit
the screen and show every label and button whole (tests/screen_check.py). Pages and dialogs are
found, not listed: a desk page another branch registers in ui/desk.py is walked too, and so is
every dialog its "…" buttons open. At 125% and 150% Windows scaling (a 1093x614 or 911x512
screen in logical pixels) no page scrolls sideways and the status bar keeps the DEMO notice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QPushButton,
    QTabWidget,
    QWidget,
    QWizard,
)
from shiboken6 import isValid

import models
from jogoroto_desktop import setup
from jogoroto_desktop.demo import buat_database_demo
from jogoroto_desktop.gui import mark_demo_window
from jogoroto_desktop.sop.catalog import default_catalog
from tests.screen_check import (
    SCREEN,
    clipped_widgets,
    dialog_buttons,
    fits_screen,
    form_label_problems,
    open_dialogs,
    select_first_row,
    settle,
    sideways_scrolling,
)
from tests.screen_check import every_page as walk_pages
from ui.app import create_main_window
from ui.main_window import MainWindow, fitted_geometry
from ui.next_steps import attach_next_steps

#: The available room of a 1366x768 screen (less a 40-pixel taskbar) at each Windows scaling.
SCALED_SCREENS = {"125%": QRect(0, 0, 1093, 582), "150%": QRect(0, 0, 911, 485)}


class DialogInspector:
    """Checks every dialog that appears and closes it (also from inside a blocking `exec()`,
    a file dialog say, through a timer): `problems` names what did not fit or was cut."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.problems: list[str] = []
        self.seen: list[str] = []
        self.where = ""  # what opened the dialogs now inspected
        self._busy = False
        self.timer = QTimer()
        self.timer.setInterval(40)
        self.timer.timeout.connect(self.inspect)
        self.timer.start()

    def opening(self, where: str) -> None:
        """The next dialogs come from `where`."""
        self.where = where

    def inspect(self) -> None:
        if self._busy:  # the timer, from inside a dialog's own event loop
            return
        self._busy = True
        try:
            while dialogs := open_dialogs(self.owner):
                dialog = dialogs[0]
                title = f"{self.where}: {dialog.windowTitle() or type(dialog).__name__}"
                self.seen.append(title)
                self.problems += [f"{title}: {problem}" for problem in fits_screen(dialog)
                                  + clipped_widgets(dialog) + form_label_problems(dialog)]
                dialog.reject()  # a blocking exec() returns once its loop runs again
                if isValid(dialog) and dialog.isVisible():
                    dialog.hide()
                QApplication.processEvents()
        finally:
            self._busy = False

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def demo_window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    """The main window over the demo database, as the office's screen shows it at first."""
    path = tmp_path / "demo.db"
    buat_database_demo(path)
    models.open_database(path)
    window = create_main_window(default_catalog(), models.describe_target(str(path)))
    qtbot.addWidget(window)
    mark_demo_window(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        yield window
    finally:
        for dialog in open_dialogs(window):
            dialog.reject()
        window.close()
        qtbot.wait(10)
        models.close_database()


def every_page(window: MainWindow) -> Iterator[tuple[str, QWidget]]:
    """Open each page of each desk in turn; yields its name and the page."""
    for desk, title, page in walk_pages(window):
        yield f"{desk} / {title}", page


def test_the_screen_is_the_office_screen(qapp) -> None:
    assert QApplication.primaryScreen().size() == SCREEN


def test_every_page_of_every_desk_fits_and_shows_everything_whole(demo_window) -> None:
    window = demo_window
    problems: list[str] = []
    pages = 0
    for name, page in every_page(window):
        pages += 1
        select_first_row(page)  # with its detail pane filled
        settle()
        problems += [f"{name}: {p}" for p in fits_screen(window)]
        problems += [f"{name}: {p}" for p in clipped_widgets(window)]
        problems += [f"{name}: {p}" for p in form_label_problems(window)]
        problems += [f"{name}: scrolls sideways ({p})" for p in sideways_scrolling(window)]
    assert pages >= 29, pages  # five desks; every page a desk gains is walked too
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scaling", sorted(SCALED_SCREENS))
def test_at_windows_scaling_no_page_scrolls_sideways_and_the_demo_notice_is_whole(
        demo_window, scaling: str) -> None:
    window = demo_window
    models.set_setting(setup.SETUP_SETTING, "2026-12-06 09:00:00")
    assert attach_next_steps(window) is not None  # the panel after the setup, above the desks
    room = fitted_geometry(SCALED_SCREENS[scaling])
    window.setGeometry(room)
    problems: list[str] = []
    for name, _page in every_page(window):
        if window.width() > room.width() or window.height() > room.height():
            problems.append(f"{name}: window {window.width()}x{window.height()} in "
                            f"{room.width()}x{room.height()}")
        problems += [f"{name}: scrolls sideways ({p})" for p in sideways_scrolling(window)]
        problems += [f"{name}: {p}" for p in clipped_widgets(window.statusBar())]
        problems += [f"{name}: {p}" for p in clipped_widgets(window.next_steps)]
    notice = window.findChild(QWidget, "demoWarning")
    assert notice is not None and notice.isVisible()
    assert not problems, "\n".join(problems)


def test_every_dialog_a_page_opens_fits_and_shows_everything_whole(demo_window, qtbot) -> None:
    """Each "…" button of each page, with the page's first record selected: add, edit, void,
    disposisi, print previews, batch printing, file choosers."""
    window = demo_window
    inspector = DialogInspector(window)
    try:
        for name, page in every_page(window):
            select_first_row(page)
            settle()
            for button in dialog_buttons(page):
                if not button.isEnabled():  # an earlier dialog changed the selection
                    continue
                inspector.opening(f"{name} / {button.text().replace('&', '')}")
                button.click()
                qtbot.wait(60)  # a preview builds its PDF on the helper thread
                inspector.inspect()
    finally:
        inspector.stop()
    assert len(inspector.seen) >= 20, inspector.seen
    assert not inspector.problems, "\n".join(inspector.problems)


def _main_dialogs(window: MainWindow, tmp_path: Path) -> dict[str, Callable[[], QDialog]]:
    """The dialogs of the main jobs that no page button opens."""
    from ui.database_dialog import DatabaseDialog
    from ui.import_agenda import ImportAgendaDialog
    from ui.login_dialog import LoginDialog
    from ui.password_dialog import ChangePasswordDialog, FirstAdminDialog
    from ui.pdf_preview import PdfPreviewDialog
    from ui.settings_dialog import PengaturanDialog
    from ui.users_dialog import UsersDialog
    from ui.verify_dialog import VerifyDialog

    pdf = tmp_path / "contoh.pdf"
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "Contoh")
    canvas.save()
    return {
        "Masuk": lambda: LoginDialog("SQLite: demo.db", window),
        "Admin pertama": lambda: FirstAdminDialog(window),
        "Ganti Sandi": lambda: ChangePasswordDialog("admin", parent=window),
        "Pengaturan": lambda: PengaturanDialog(window),
        "Kelola Pengguna": lambda: UsersDialog(window),
        "Verifikasi Dokumen": lambda: VerifyDialog(window),
        "Basis Data": lambda: DatabaseDialog("SQLite: demo.db", window),
        "Impor Agenda Lama": lambda: ImportAgendaDialog(window),
        "Pratinjau PDF": lambda: PdfPreviewDialog(pdf, "Lembar Disposisi", window,
                                                  papers=("A4", "F4"), paper="A4"),
    }


def test_the_dialogs_of_the_main_jobs_fit_and_show_everything_whole(demo_window, qtbot,
                                                                    tmp_path: Path) -> None:
    window = demo_window
    problems: list[str] = []
    for name, make in _main_dialogs(window, tmp_path).items():
        dialog = make()
        dialog.show()
        qtbot.waitExposed(dialog)
        problems += [f"{name}: {p}" for p in fits_screen(dialog) + clipped_widgets(dialog)
                     + form_label_problems(dialog)]
        for tabs in dialog.findChildren(QTabWidget):  # every tab of Pengaturan
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                settle()
                problems += [f"{name} / {tabs.tabText(index)}: {p}"
                             for p in clipped_widgets(dialog)]
        dialog.reject()
        dialog.deleteLater()
    # The menus' jobs: the manual backup asks for a file, the rekap and the audit trail.
    inspector = DialogInspector(window)
    try:
        from ui.backup_dialog import attach_backup

        attach_backup(window, window.database_label.split(": ", 1)[-1], window.settings,
                      automatic=False)
        for where, job in (("Rekap", window.desk.open_rekap),
                           ("Jejak Audit", window.open_audit_dialog),
                           ("Cadangkan", window.backup_action.trigger)):
            inspector.opening(where)
            job()
            qtbot.wait(60)
            inspector.inspect()
    finally:
        inspector.stop()
    problems += inspector.problems
    assert {"Rekap", "Jejak Audit", "Cadangkan"} <= {seen.split(":")[0]
                                                     for seen in inspector.seen}
    assert not problems, "\n".join(problems)


def test_every_page_of_the_first_run_wizard_fits(qtbot, database) -> None:
    from ui.first_run_wizard import FirstRunWizard

    wizard = FirstRunWizard(None, "SQLite: baru.db")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    problems: list[str] = []
    seen: list[str] = []
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        page.validatePage = lambda: True  # walk on without filling every field
    while True:
        page = wizard.currentPage()
        seen.append(page.title())
        QApplication.processEvents()
        problems += [f"{page.title()}: {p}" for p in fits_screen(wizard)
                     + clipped_widgets(wizard)]
        if wizard.nextId() == -1:
            break
        wizard.next()
    assert len(seen) == len(wizard.pageIds()), seen
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert not problems, "\n".join(problems)
    wizard.reject()


def test_clipped_widgets_finds_a_cut_label_and_button(qtbot) -> None:
    """The check itself: a label and a button squeezed below their text are named; marked
    as eliding on purpose they are not."""
    from PySide6.QtWidgets import QHBoxLayout, QLabel

    window = QWidget()
    qtbot.addWidget(window)
    layout = QHBoxLayout(window)
    label = QLabel("Nomor agenda surat masuk tahun ini")
    button = QPushButton("Cetak Lembar Disposisi…")
    layout.addWidget(label)
    layout.addWidget(button)
    window.show()
    qtbot.waitExposed(window)
    assert clipped_widgets(window) == []
    label.setFixedWidth(40)
    button.setFixedWidth(40)
    QApplication.processEvents()
    found = clipped_widgets(window)
    assert len(found) == 2 and "Nomor agenda" in found[0] and "Cetak" in found[1], found
    label.setProperty("elides", True)
    assert len(clipped_widgets(window)) == 1
    window.resize(2000, 900)
    assert fits_screen(window) != []
