"""The GUI entry point: the only place outside `ui` that imports `ui`."""

from __future__ import annotations

import sys
import time

from jogoroto_desktop.errors import log, make_excepthook, setup_logging

STARTUP_TIMEOUT_MS = 60_000


def run_gui(database_target: str, check_startup: bool = False, started: float | None = None) -> int:
    """Open the database and the main window; with `check_startup`, exit once it is shown."""
    started = time.perf_counter() if started is None else started
    log_file = setup_logging()

    from PySide6.QtCore import QEvent, QObject, QTimer

    import models
    from jogoroto_desktop.catalog import CatalogError, default_catalog
    from ui.app import create_main_window, ensure_application, show_error

    app = ensure_application(sys.argv[:1])

    def fail(message: str) -> int:
        log.error("%s", message)
        if check_startup:
            print(message, file=sys.stderr)
        else:
            show_error(message)
        return 1

    try:
        catalog = default_catalog()
    except CatalogError as exc:
        return fail(f"Katalog SOP yang terpasang rusak; pasang ulang program.\n\n{exc}")
    try:
        models.open_database(database_target)
    except models.DatabaseOpenError as exc:
        return fail(str(exc))

    if not check_startup:
        sys.excepthook = make_excepthook(show_error, log_file)

    window = create_main_window(catalog, models.describe_target(database_target), log_file)

    if check_startup:
        class ShownWatcher(QObject):
            """Quits once the window has been exposed and painted for the first time."""

            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
                if event.type() in (QEvent.Type.Paint, QEvent.Type.Expose) and window.isVisible():
                    elapsed_ms = round((time.perf_counter() - started) * 1000)
                    if sys.stdout is not None:  # gui-scripts on Windows have no console
                        print(f"startup_ms={elapsed_ms}", flush=True)
                    window.removeEventFilter(self)
                    QTimer.singleShot(0, window.close)
                    QTimer.singleShot(0, app.quit)
                return False

        watcher = ShownWatcher(window)
        window.installEventFilter(watcher)

        def too_slow() -> None:
            print("Jendela utama tidak tampil dalam 60 detik.", file=sys.stderr)
            app.exit(1)

        QTimer.singleShot(STARTUP_TIMEOUT_MS, too_slow)

    window.show()
    try:
        return app.exec()
    finally:
        models.close_database()
