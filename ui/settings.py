"""Per-PC window settings (a leaf: any ui module may import it without pulling in the window)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from jogoroto_desktop.storage.paths import data_dir


def ui_settings() -> QSettings:
    """Per-PC window state, kept in an INI file in the data folder (not in the shared database,
    which several PCs may use at once)."""
    return QSettings(str(data_dir() / "tampilan.ini"), QSettings.Format.IniFormat)
