"""Logging to a rotating file in the data folder and the program-wide exception hook.

No widgets here: the GUI passes in the function that shows the message to the user.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from jogoroto_desktop.storage.paths import log_dir

LOG_FILE_NAME = "jogoroto.log"
log = logging.getLogger("jogoroto")


def setup_logging(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Log to <folder>/jogoroto.log, rotated at 1 MB with 5 old files kept."""
    import logging.handlers

    target = default_log_file() if folder is None else folder / LOG_FILE_NAME
    root = logging.getLogger("jogoroto")
    if not any(getattr(h, "baseFilename", None) == str(target) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    return target


def default_log_file() -> Path:
    return log_dir() / LOG_FILE_NAME


def unexpected_error_message(exc: BaseException, log_file: Path) -> str:
    return (
        "Maaf, terjadi kesalahan yang tidak terduga.\n\n"
        f"{type(exc).__name__}: {exc}\n\n"
        "Data yang sudah disimpan tetap aman. Jika kesalahan ini berulang, kirimkan berkas "
        f"catatan berikut kepada petugas TI:\n{log_file}"
    )


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def make_excepthook(show: Callable[[str], None],
                    log_file: Path | Callable[[], Path]) -> ExceptHook:
    """An excepthook that logs the traceback and shows a readable Indonesian message;
    `log_file` may be a function, asked when an error comes (the path needs platformdirs,
    which start-up leaves until after the first paint)."""

    def hook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        target = log_file() if callable(log_file) else log_file
        setup_logging(target.parent)
        log.error("Kesalahan tak tertangani:\n%s", details)
        try:
            show(unexpected_error_message(exc, target))
        except Exception:  # the message box itself failed: the log still has everything
            log.exception("Pesan kesalahan tidak dapat ditampilkan")

    return hook
