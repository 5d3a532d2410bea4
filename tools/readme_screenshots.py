"""Take the README's screenshots: the demo database in the main window, as the office sees it.

Run it on a 1366x768 screen (the office's usual one), e.g. a virtual X screen:

    xvfb-run -s "-screen 0 1366x768x24" python tools/readme_screenshots.py

It builds the demo database in a temporary folder (the office's database is never opened), shows
the main window signed in as the setup administrator, opens a few pages and grabs each one to
``docs/screenshots/NAME.png``. The pictures show the window as it is, at the size it opens with.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

#: (file name, seksi tab title, sub-tab title or "" for the desk's first page)
SHOTS: tuple[tuple[str, str, str], ...] = (
    ("ringkasan-sekretariat", "Sekretariat", ""),
    ("kotak-masuk-disposisi", "Sekretariat", "Kotak Masuk Disposisi"),
    ("agenda-surat-masuk", "Sekretariat", "Agenda Surat Masuk"),
    ("agenda-surat-keluar", "Sekretariat", "Agenda Surat Keluar"),
    ("layanan", "Tata Pemerintahan", "Layanan"),
    ("katalog-sop", "Tata Pemerintahan", "Katalog SOP"),
)


def _tab_index(tabs: object, title: str) -> int:
    for index in range(tabs.count()):  # type: ignore[attr-defined]
        if tabs.tabText(index).replace("&", "") == title:  # type: ignore[attr-defined]
            return index
    raise SystemExit(f"tab {title!r} tidak ditemukan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    import models
    from jogoroto_desktop import session
    from jogoroto_desktop.demo import DemoEnvironment, buat_database_demo
    from jogoroto_desktop.gui import mark_demo_window
    from jogoroto_desktop.sop.catalog import default_catalog
    from ui.app import create_main_window, ensure_application

    demo = DemoEnvironment()
    demo.activate()
    try:
        buat_database_demo(demo.database)
        app = ensure_application(sys.argv[:1])
        models.open_database(str(demo.database))
        window = create_main_window(default_catalog(), models.describe_target(str(demo.database)))
        session.set_actor(session.SETUP_ADMIN)
        window.show_actor(session.SETUP_ADMIN)
        mark_demo_window(window)
        window.show()
        for _ in range(20):
            app.processEvents()
        for name, seksi, page in SHOTS:
            window.tabs.setCurrentIndex(_tab_index(window.tabs, seksi))
            desk_tabs = window.tabs.currentWidget().sections  # the desk's side list
            if page:
                desk_tabs.setCurrentIndex(_tab_index(desk_tabs, page))
            for _ in range(30):
                app.processEvents()
            target = args.output / f"{name}.png"
            window.grab().save(str(target))
            print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
        window.close()
        QApplication.processEvents()
        models.close_database()
    finally:
        demo.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
