"""Building the QApplication and the main window (used by jogoroto_desktop.gui and tests)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from jogoroto_desktop import APP_ID, APP_NAME, ORG_NAME, __version__
from jogoroto_desktop.sop.catalog import Catalog
from jogoroto_desktop.storage.paths import resource_path
from ui.main_window import MainWindow
from ui.settings import ui_settings


def ensure_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [APP_NAME])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The emblem (tools/make_icon.py) in the sizes a title bar and a taskbar pick from; the
    files are only read when a size is painted."""
    icon = QIcon()
    for name in ("jogoroto-16.png", "jogoroto-32.png", "jogoroto-48.png", "jogoroto.png"):
        icon.addFile(str(resource_path("icons", name)))
    return icon


def create_main_window(
    catalog: Catalog, database_label: str, log_file: Path | None = None
) -> MainWindow:
    from ui.desk import Desk, open_import_agenda, open_settings, open_verification

    window = MainWindow(catalog, database_label, ui_settings(), log_file)
    window.desk = Desk(window)
    window.settings_action.triggered.connect(lambda: open_settings(window))
    window.verify_action.triggered.connect(lambda: open_verification(window))
    window.import_action.triggered.connect(lambda: open_import_agenda(window))
    return window


def show_error(message: str, parent: QWidget | None = None, title: str = APP_NAME) -> None:
    from PySide6.QtWidgets import QMessageBox  # not at start-up: its enums cost ~2 ms

    QMessageBox.critical(parent, title, message)
