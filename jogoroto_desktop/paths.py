"""Where things live: shipped resources (also inside a frozen build) and the user's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

from jogoroto_desktop import APP_ID

DB_ENV_VAR = "JOGOROTO_DB"
DATA_DIR_ENV_VAR = "JOGOROTO_DATA_DIR"
DEFAULT_DB_NAME = "jogoroto.db"


def resources_dir() -> Path:
    """The folder of the `resources` package, in a source tree, an install or a frozen build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    import resources

    return Path(resources.__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir() -> Path:
    """The per-user data folder (overridable for tests and smoke tests by JOGOROTO_DATA_DIR)."""
    override = os.environ.get(DATA_DIR_ENV_VAR)
    path = Path(override) if override else Path(user_data_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV_VAR)
    path = Path(override) / "logs" if override else Path(user_log_dir(APP_ID, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> str:
    return str(data_dir() / DEFAULT_DB_NAME)
