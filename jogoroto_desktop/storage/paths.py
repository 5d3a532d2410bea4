"""Where things live: shipped resources (also inside a frozen build) and the user's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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


#: POSIX modes of the data folder (and every folder in it, and the log folder) and of its
#: files: the database, its backups, attachments and logs hold citizens' data, so only the
#: user who runs the program may read them. On Windows the per-user folder (AppData) keeps the
#: ACL it inherits, which already admits only that user and the administrators (README).
PRIVATE_FOLDER_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
#: The umask the program runs with on POSIX: whatever it creates (SQLite's -wal/-shm, log
#: files, attachments, settings) is owner-only from the start.
PRIVATE_UMASK = 0o077


def private_folder(path: Path) -> Path:
    """Create ``path`` (and its parents) owner-only on POSIX; an existing one is left as is
    (secure_data_folders fixes the data folder's at start)."""
    path.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    return path


def private_file(path: Path) -> None:
    """Make the file ``path`` owner-only (0600) on POSIX; nothing on Windows."""
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE_MODE)


# platformdirs is imported when a folder is first asked for, not with this module: on Linux it
# brings tempfile, shutil and the compression modules, ~7 ms the first paint does not need.

def _data_dir_path() -> Path:
    override = os.environ.get(DATA_DIR_ENV_VAR)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False))


def _log_dir_path() -> Path:
    override = os.environ.get(DATA_DIR_ENV_VAR)
    if override:
        return Path(override) / "logs"
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_ID, appauthor=False))


def data_dir() -> Path:
    """The per-user data folder (overridable for tests and smoke tests by JOGOROTO_DATA_DIR)."""
    return private_folder(_data_dir_path())


def log_dir() -> Path:
    return private_folder(_log_dir_path())


def secure_data_folders() -> list[Path]:
    """At start, on POSIX: from now on create files owner-only (umask 077), and make the data
    and log folders, every folder in them 0700 and every file 0600 (a folder made by an older
    version was 0755 with 0644 files). Creates no folder. Returns what was changed; nothing
    on Windows."""
    if os.name != "posix":
        return []
    os.umask(PRIVATE_UMASK)
    changed: list[Path] = []
    for top in {_data_dir_path(), _log_dir_path()}:
        for folder, _folders, files in os.walk(top):
            entries = [(Path(folder), PRIVATE_FOLDER_MODE)]
            entries += [(Path(folder) / name, PRIVATE_FILE_MODE) for name in files]
            for path, mode in entries:
                try:
                    info = path.lstat()
                    if not path.is_symlink() and info.st_mode & 0o777 != mode:
                        os.chmod(path, mode)
                        changed.append(path)
                except OSError:  # gone meanwhile, or not ours: leave it
                    continue
    return changed


def default_database() -> str:
    return str(data_dir() / DEFAULT_DB_NAME)
