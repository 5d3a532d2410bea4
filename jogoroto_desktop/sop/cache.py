"""A pickled catalog in the data folder's cache, trusted only while its key matches: the
shipped catalog keyed by its files (catalog.py), the database's catalog in force keyed by the
database, its approved versions and the day (versions.py). Loading a pickle is several times
quicker than reading and checking 34 TOML documents."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

from jogoroto_desktop import __version__

#: Bump when the pickled classes change shape.
CACHE_FORMAT = 2


def read_cache(path: Path, key: Any) -> Any | None:
    """The value stored at ``path`` under ``key`` (and this program version); None when the
    file is missing, stale or unreadable."""
    try:
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError,
            pickle.UnpicklingError):
        return None
    return value if stored_key == (__version__, CACHE_FORMAT, key) else None


def write_cache(path: Path, key: Any, value: Any) -> None:
    """Store ``value`` under ``key``, atomically; a read-only data folder only costs the
    speed-up."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(((__version__, CACHE_FORMAT, key), value), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except OSError:
        pass
