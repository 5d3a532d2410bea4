"""Take the screenshots of docs/screenshots/: the demo database in the main window at 1366x768,
as the office sees it. Every desk, every register page, every dialog a page's buttons open,
the dialogs of the main jobs, the first-run wizard page by page and the "Langkah berikutnya"
panel; README shows two of them.

    python tools/readme_screenshots.py            # offscreen, on a 1366x768 screen
    xvfb-run -s "-screen 0 1366x768x24" python tools/readme_screenshots.py --xcb

It builds the demo database in a temporary folder (the office's database is never opened),
shows the main window signed in as the setup administrator, opens each place and grabs it to
``docs/screenshots/NAME.png`` (dialogs: the dialog alone). It prints each file with what the
screen check (tests/screen_check.py) finds wrong in it, if anything.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

#: The README's pictures: (file name, desk title, page title or "" for the desk's first page).
README_SHOTS: tuple[tuple[str, str, str], ...] = (
    ("ringkasan-sekretariat", "Sekretariat", ""),
    ("kotak-masuk-disposisi", "Sekretariat", "Kotak Masuk Disposisi"),
    ("agenda-surat-masuk", "Sekretariat", "Agenda Surat Masuk"),
    ("agenda-surat-keluar", "Sekretariat", "Agenda Surat Keluar"),
    ("layanan", "Tata Pemerintahan", "Layanan"),
    ("katalog-sop", "Tata Pemerintahan", "Katalog SOP"),
)
#: Pages every desk has alike: shot on the Sekretariat's desk only.
SHARED_PAGES = ("Kotak Masuk Disposisi", "Katalog SOP")


def slug(text: str) -> str:
    """`Agenda Surat Masuk` -> `agenda-surat-masuk` (file names)."""
    text = re.sub(r"\d+/\d+(/[\d.]+)*|TT-\d+/\d+", "", text.replace("&", ""))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _tab_index(tabs: Any, title: str) -> int:
    for index in range(tabs.count()):
        if tabs.tabText(index).replace("&", "") == title:
            return index
    raise SystemExit(f"tab {title!r} tidak ditemukan")


class Shooter:
    """Saves grabs under `folder` and reports what the screen check finds in each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.names: set[str] = set()

    def save(self, name: str, widget: Any) -> Path | None:
        from tests.screen_check import clipped_widgets, fits_screen, form_label_problems

        if name in self.names:
            return None
        self.names.add(name)
        target = self.folder / f"{name}.png"
        image = widget.grab().toImage()
        image.save(str(target))
        _shrink(target)
        problems = fits_screen(widget.window()) + clipped_widgets(widget.window())
        problems += form_label_problems(widget.window())
        shown = target.relative_to(REPO) if target.is_relative_to(REPO) else target
        print(shown, ("  ! " + "; ".join(problems)) if problems else "")
        return target


def _shrink(path: Path) -> None:
    """Keep the pictures small in the repository: a 256-colour palette reads the same."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def shoot_pages(window: Any, shooter: Shooter) -> None:
    from tests.screen_check import every_page, select_first_row

    for desk, title, page in every_page(window):
        desk_slug = slug(desk)
        if desk != "Sekretariat" and title in SHARED_PAGES:
            continue
        select_first_row(page)
        _wait_for_figures(page)
        if title == "Ringkasan":
            shooter.save(f"desk-{desk_slug}", window)
        else:
            shooter.save(f"page-{desk_slug}-{slug(title)}", window)


def _wait_for_figures(page: Any, seconds: float = 10.0) -> None:
    """Let a page that computes its figures in a BackgroundOp (its `operation`, as Grafik and
    Monitoring & Evaluasi keep it) show them before it is grabbed."""
    from PySide6.QtTest import QTest

    from tests.screen_check import settle

    for _ in range(int(seconds * 10)):
        if getattr(page, "operation", None) is None:
            break
        QTest.qWait(100)
    settle()


def shoot_page_dialogs(window: Any, shooter: Shooter) -> None:
    """Every dialog a page's "…" and "Baru" buttons open, once per kind of dialog."""
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from shiboken6 import isValid

    from tests.screen_check import dialog_buttons, every_page, open_dialogs, select_first_row

    busy = [False]

    def grab_open() -> None:
        if busy[0]:  # the timer, inside a dialog's own event loop
            return
        busy[0] = True
        try:
            # a preview still building its PDF is left for later (`building` below)
            while dialogs := [d for d in open_dialogs(window)
                              if not (hasattr(d, "is_ready") and not d.is_ready())]:
                dialog = dialogs[0]
                title = dialog.windowTitle() or type(dialog).__name__
                shooter.save(f"dialog-{slug(title)}", dialog)
                dialog.reject()
                if isValid(dialog) and dialog.isVisible():
                    dialog.hide()
                QApplication.processEvents()
        finally:
            busy[0] = False

    timer = QTimer()  # dialogs that block in exec() (file choosers, messages)
    timer.setInterval(120)
    timer.timeout.connect(grab_open)
    timer.start()
    try:
        for desk, title, page in every_page(window):
            if desk != "Sekretariat" and title in SHARED_PAGES:
                continue
            select_first_row(page)
            for button in dialog_buttons(page):
                if not button.isEnabled():
                    continue
                button.click()
                QTest.qWait(100)
                for _ in range(50):  # a preview shows its PDF once built on the helper
                    building = [d for d in open_dialogs(window)
                                if hasattr(d, "is_ready") and not d.is_ready()]
                    if not building:
                        break
                    QTest.qWait(100)
                QTest.qWait(200)  # and paints its pages
                grab_open()
    finally:
        timer.stop()


def shoot_main_dialogs(window: Any, shooter: Shooter, folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.screen_check import settle
    from ui.database_dialog import DatabaseDialog
    from ui.import_agenda import ImportAgendaDialog
    from ui.login_dialog import LoginDialog
    from ui.password_dialog import ChangePasswordDialog, FirstAdminDialog
    from ui.settings_dialog import PengaturanDialog
    from ui.users_dialog import UsersDialog
    from ui.verify_dialog import VerifyDialog

    dialogs = {
        "masuk": lambda: LoginDialog("SQLite: jogoroto.db", window),
        "admin-pertama": lambda: FirstAdminDialog(window),
        "ganti-sandi": lambda: ChangePasswordDialog("admin", parent=window),
        "kelola-pengguna": lambda: UsersDialog(window),
        "verifikasi-dokumen": lambda: VerifyDialog(window),
        "basis-data": lambda: DatabaseDialog("SQLite: jogoroto.db", window),
        "impor-agenda-lama": lambda: ImportAgendaDialog(window),
    }
    for name, make in dialogs.items():
        dialog = make()
        dialog.show()
        settle()
        shooter.save(f"dialog-{name}", dialog)
        dialog.reject()
        dialog.deleteLater()
    settings = PengaturanDialog(window)
    settings.show()
    for index in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(index)
        settle()
        shooter.save(f"dialog-pengaturan-{slug(settings.tabs.tabText(index))}", settings)
    settings.reject()
    window.open_audit_dialog()
    settle()
    shooter.save("dialog-jejak-audit", window.account_dialog)
    window.account_dialog.reject()
    QApplication.processEvents()


def shoot_wizard(shooter: Shooter) -> None:
    from tests.screen_check import settle
    from ui.first_run_wizard import FirstRunWizard

    wizard = FirstRunWizard(None, "SQLite: jogoroto.db")
    wizard.show()
    for page_id in wizard.pageIds():
        wizard.page(page_id).validatePage = lambda: True  # walk on without filling in
    number = 1
    while True:
        settle()
        shooter.save(f"wizard-{number}-{slug(wizard.currentPage().title())}", wizard)
        if wizard.nextId() == -1:
            break
        wizard.next()
        number += 1
    wizard.reject()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--xcb", action="store_true",
                        help="draw on the X display (Xvfb) instead of offscreen")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    if not args.xcb:
        config = REPO / "tests" / "office_screen.json"
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"

    from PySide6.QtWidgets import QApplication

    import models
    from jogoroto_desktop import session, setup
    from jogoroto_desktop.demo import DemoEnvironment, buat_database_demo
    from jogoroto_desktop.gui import mark_demo_window
    from jogoroto_desktop.sop.catalog import default_catalog
    from tests.screen_check import settle
    from ui.app import create_main_window, ensure_application
    from ui.next_steps import attach_next_steps

    demo = DemoEnvironment()
    demo.activate()
    shooter = Shooter(args.output)
    try:
        buat_database_demo(demo.database)
        app = ensure_application(sys.argv[:1])
        models.open_database(str(demo.database))
        window = create_main_window(default_catalog(), models.describe_target(str(demo.database)))
        session.set_actor(session.SETUP_ADMIN)
        window.show_actor(session.SETUP_ADMIN)
        mark_demo_window(window)
        window.show()
        settle()
        for name, seksi, page in README_SHOTS:
            window.tabs.setCurrentIndex(_tab_index(window.tabs, seksi))
            desk_tabs = window.tabs.currentWidget().sections  # the desk's side list
            desk_tabs.setCurrentIndex(_tab_index(desk_tabs, page) if page else 0)
            settle()
            shooter.save(name, window)
        shoot_pages(window, shooter)
        shoot_page_dialogs(window, shooter)
        shoot_main_dialogs(window, shooter, args.output)
        shoot_wizard(shooter)
        # The panel after the first-run setup, above the Sekretariat's overview.
        models.set_setting(setup.SETUP_SETTING, "2026-12-06 09:00:00")
        attach_next_steps(window, {"akun": print, "kop": print, "impor": print})
        window.tabs.setCurrentIndex(0)
        window.seksi_tabs[0].sections.setCurrentIndex(0)
        settle()
        shooter.save("langkah-berikutnya", window)
        window.close()
        QApplication.processEvents()
        models.close_database()
        del app
    finally:
        demo.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
