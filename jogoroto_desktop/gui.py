"""The GUI entry point: the only place outside `ui` that imports `ui`."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jogoroto_desktop.errors import default_log_file, log, make_excepthook, setup_logging
from jogoroto_desktop.storage.paths import secure_data_folders

if TYPE_CHECKING:
    from jogoroto_desktop.sop.catalog import Sop

STARTUP_TIMEOUT_MS = 60_000
OPENING_LABEL = "sedang dibuka..."


def run_gui(database_target: str | Callable[[], str], check_startup: bool = False,
            started: float | None = None, demo: Any = None) -> int:
    """Show the main window, then open the database.

    The window comes first because the database layer (peewee, the driver, the integrity check)
    is the slowest part of start-up and nothing on the first screen needs it; `database_target`
    may be a function that finds the target (this PC's settings), called after the first
    paint for the same reason. A database that
    cannot be opened is reported and the program ends with exit code 1. With `check_startup`
    the program prints startup_ms=N once the window is shown and exits after the database check.
    With `demo` (a jogoroto_desktop.demo.DemoEnvironment) the database is the demo's, filled
    first with a progress bar, and the window says DEMO in its title and status bar.
    """
    started = time.perf_counter() if started is None else started

    from PySide6.QtCore import QEvent, QObject, QTimer, QtMsgType, qInstallMessageHandler

    from jogoroto_desktop.sop.catalog import Catalog, CatalogError, default_catalog
    from ui.app import create_main_window, ensure_application, show_error

    # Qt's informational messages before the first paint wait here: opening the log file
    # (logging.handlers, the rotating handler) is left until after the window is shown.
    early_messages: list[str] | None = []

    def qt_message(kind: QtMsgType, _context: object, message: str) -> None:
        """Qt's own messages go to the log file; only critical ones also reach stderr (the
        offscreen platform, for one, warns about window-manager features it lacks)."""
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            setup_logging()
            log.error("Qt: %s", message)
            print(f"Qt: {message}", file=sys.stderr)
        elif early_messages is None:
            log.info("Qt: %s", message)
        else:
            early_messages.append(message)

    def start_logging() -> None:
        nonlocal early_messages
        setup_logging()
        for message in early_messages or ():
            log.info("Qt: %s", message)
        early_messages = None

    qInstallMessageHandler(qt_message)
    app = ensure_application(sys.argv[:1])
    exit_code = 0

    def report(message: str) -> None:
        setup_logging()
        log.error("%s", message)
        if check_startup:
            print(message, file=sys.stderr)
        else:
            show_error(message)

    if not check_startup:
        sys.excepthook = make_excepthook(show_error, default_log_file)

    # The first screen (each desk's overview) shows no SOP: the catalog, read through its cache
    # in the data folder, and the log file's path (both need platformdirs) follow the first
    # paint, in load_catalog below.
    window = create_main_window(Catalog([]), OPENING_LABEL, None)
    if demo is not None:
        mark_demo_window(window)

    def load_catalog() -> bool:
        """The shipped SOP book, until the database's catalog in force replaces it."""
        nonlocal exit_code
        # Owner-only data on POSIX (also a folder made by an older version), before anything is
        # written there: the catalog's cache now, the log and the database next.
        secure_data_folders()
        window.log_file = default_log_file()
        try:
            window.set_catalog(default_catalog())
        except CatalogError as exc:
            report(f"Katalog SOP yang terpasang rusak; pasang ulang program.\n\n{exc}")
            exit_code = 1
            window.close()
            app.exit(1)
            return False
        return True

    def window_complete() -> None:
        """Runs once the SOP detail pane, built one event-loop turn after the first paint
        (ui.seksi_tab), is there. With `check_startup` the window is painted again and that
        moment reported too, so the benchmark shows when the window is complete."""
        if check_startup and sys.stdout is not None:
            window.repaint()
            complete_ms = round((time.perf_counter() - started) * 1000)
            print(f"complete_ms={complete_ms}", flush=True)
        open_database()

    def open_database() -> None:
        nonlocal exit_code, database_target
        if callable(database_target):
            database_target = database_target()
        start_logging()
        import models
        from jogoroto_desktop.storage import dbconfig

        if dbconfig.lacks_password(database_target) and not check_startup:
            from ui.database_dialog import ask_server_password

            database_target = dbconfig.configured_target(
                lambda server, note: ask_server_password(server, note, window)) or (
                database_target)
        try:
            if demo is not None:
                fill_demo_database(window, demo.database)
            models.open_database(database_target)
        except models.DatabaseOpenError as exc:
            report(str(exc))
            exit_code = 1
            window.close()
            app.exit(1)
            return
        window.set_database_label(models.describe_target(database_target))
        window.set_catalog(default_catalog())  # the SOP versions in force in this database
        if check_startup and sys.stdout is not None:
            catalog_ms = round((time.perf_counter() - started) * 1000)
            print(f"catalog_ms={catalog_ms}", flush=True)
        # The overview shown meanwhile may have counted a half-built (demo) database.
        refresh_all = getattr(window.desk, "refresh_all", None)
        if refresh_all is not None:
            refresh_all()
        from ui.backup_dialog import attach_backup

        # The demo's database is thrown away at exit: nothing to back up.
        attach_backup(window, database_target, window.settings,
                      automatic=not check_startup and demo is None)
        if not check_startup:
            from jogoroto_desktop import qr_keys
            from ui.audit_watch import attach_audit_watch

            try:  # a private QR key an older version kept in the database moves to this PC
                qr_keys.migrate_legacy_key()
            except OSError as exc:
                log.warning("Kunci QR lama tidak dapat dipindahkan ke PC ini: %s", exc)

            attach_audit_watch(window, models.describe_target(database_target))
        if check_startup:
            window.close()
            if not svg_icons_load():  # a frozen build without Qt's SVG plugins
                print("Ikon SVG tidak dapat dimuat (plugin SVG Qt tidak ada).", file=sys.stderr)
                exit_code = 1
                app.exit(1)
                return
            app.quit()
            return
        if demo is not None:
            # The demo's throwaway database has no accounts: explore it as the administrator.
            from jogoroto_desktop import session

            session.set_actor(session.SETUP_ADMIN)
            window.show_actor(session.SETUP_ADMIN)
            return
        # Who is working: on a database without accounts the first-run dialog creates the
        # admin (password typed twice); then the login and a forced password change.
        if not window.sign_in():
            window.close()
            app.quit()
            return
        # Then, once, the first-run setup (office identity, officials, paper, database), as
        # the administrator who may change settings.
        if offer_first_run_setup(window, models.describe_target(database_target)) == RESTART:
            window.close()
            app.quit()
            return
        from ui.next_steps import attach_next_steps

        attach_next_steps(window)  # after the setup, until the administrator closes it

    class FirstPaintWatcher(QObject):
        """Reacts once, when the window has been exposed and painted for the first time."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() in (QEvent.Type.Paint, QEvent.Type.Expose) and window.isVisible():
                window.removeEventFilter(self)
                resume_garbage_collection()
                if check_startup and sys.stdout is not None:  # gui-scripts have no console
                    elapsed_ms = round((time.perf_counter() - started) * 1000)
                    # Also the CPU time of the process so far: what start-up costs when the PC
                    # is busy with other work too (the benchmark reports both).
                    cpu_ms = round(time.process_time() * 1000)
                    print(f"startup_ms={elapsed_ms}\ncpu_ms={cpu_ms}", flush=True)
                if not load_catalog():
                    return False
                # Two turns: the pane's build is queued during this paint, after this timer.
                QTimer.singleShot(0, lambda: QTimer.singleShot(0, window_complete))
            return False

    watcher = FirstPaintWatcher(window)
    window.installEventFilter(watcher)
    if check_startup:

        def too_slow() -> None:
            print("Jendela utama tidak tampil dalam 60 detik.", file=sys.stderr)
            app.exit(1)

        QTimer.singleShot(STARTUP_TIMEOUT_MS, too_slow)

    window.show()
    try:
        result = app.exec()
    finally:
        import models

        if early_messages:  # ended before the first paint
            start_logging()
        models.close_database()
        if (exit_code == 0 and not check_startup and demo is None
                and isinstance(database_target, str)):
            from ui.backup_dialog import exit_backup

            exit_backup(database_target)  # the automatic backup at every exit (SQLite only)
    return exit_code or result


RESTART = "buka ulang"


def offer_first_run_setup(window: Any, database_label: str) -> str:
    """Run the first-run wizard on a database nobody has set up. Returns "" when nothing
    was asked, "selesai" or "batal", or RESTART when this PC was pointed at the office server
    (the program then closes; the next start opens the server). Cancelled, the wizard comes
    back at the next start (nothing is stored)."""
    from jogoroto_desktop import session, setup

    actor = session.current_actor()
    if actor is None or not actor.may("pengaturan.ubah") or not setup.needs_setup():
        return ""
    import peewee
    from PySide6.QtWidgets import QDialog, QMessageBox

    import models
    from ui.first_run_wizard import FirstRunWizard

    on_server = isinstance(models.db.obj, peewee.PostgresqlDatabase)
    wizard = FirstRunWizard(window, database_label, open_is_server=on_server)
    if wizard.exec() != QDialog.DialogCode.Accepted:
        return "batal"
    if wizard.restart_needed:
        QMessageBox.information(window, "Penyiapan Awal",
                                "PC ini sekarang memakai server kantor. Program ditutup; buka "
                                "lagi untuk melanjutkan di server.")
        return RESTART
    return "selesai"


def svg_icons_load() -> bool:
    """Whether Qt draws the program's SVG icons (its svg icon engine and image plugins are
    there): `--check-startup` checks it, so the packaging smoke test does."""
    from ui.icons import icon

    return not icon("inbox").pixmap(16, 16).isNull()


def mark_demo_window(window: Any) -> None:
    """DEMO in the title and a warning in the status bar that the data are made up (the
    shorter wording where the bar is narrow, never cut)."""
    from jogoroto_desktop.demo import DEMO_TITLE_MARK, DEMO_WARNING, DEMO_WARNING_SHORT
    from ui.main_window import FittingLabel

    window.setWindowTitle(f"{DEMO_TITLE_MARK} \u2014 {window.windowTitle()}")
    warning = FittingLabel(DEMO_WARNING, DEMO_WARNING_SHORT)
    warning.setObjectName("demoWarning")
    warning.setToolTip(DEMO_WARNING)
    warning.setStyleSheet("QLabel { color: white; background: #b3261e; font-weight: bold; "
                          "padding: 2px 8px; }")
    window.statusBar().insertPermanentWidget(0, warning, 1)


def fill_demo_database(window: Any, path: Path) -> None:
    """Build the demo database with a progress dialog (it takes a second or two); the window
    takes no input meanwhile."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QProgressDialog

    from jogoroto_desktop import session
    from jogoroto_desktop.demo import buat_database_demo

    dialog = QProgressDialog("Menyiapkan data contoh\u2026", "", 0, 100, window)
    dialog.setWindowTitle("Mode demo")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    window.setEnabled(False)

    def progress(percent: int, label: str) -> None:
        dialog.setLabelText(f"Menyiapkan data contoh: {label}\u2026")
        dialog.setValue(percent)  # processes events once the dialog is shown

    try:
        with session.acting_as(session.SETUP_ADMIN):
            buat_database_demo(path, progress=progress)
    finally:
        dialog.reset()
        dialog.deleteLater()
        window.setEnabled(True)


def gui_launch(arguments: Sequence[str]) -> tuple[str | None, bool] | None:
    """(--db, --check-startup) when `arguments` only start the window, else None.

    Starting the window is the common case: it then skips the command line module, its
    subcommand modules and argparse (jogoroto_desktop.__main__), together 20-40 ms of
    start-up. Anything else (a command, --help, an abbreviation) goes to the full parser."""
    database: str | None = None
    check_startup = False
    rest = list(arguments)
    while rest:
        token = rest.pop(0)
        if token == "--check-startup":
            check_startup = True
        elif token == "--db" and rest and not rest[0].startswith("-"):
            database = rest.pop(0)
        elif token.startswith("--db=") and len(token) > len("--db="):
            database = token.removeprefix("--db=")
        else:
            return None
    return database, check_startup


def launch_window(arguments: Sequence[str], started: float) -> int | None:
    """Show the window when `arguments` only ask for that (see gui_launch) and return the exit
    code; None when they name a command for the command line."""
    launch = gui_launch(arguments)
    if launch is None:
        return None
    database, check_startup = launch

    def database_target() -> str:
        # Found after the first paint: it may read this PC's server settings (dbconfig).
        from jogoroto_desktop.storage.dbconfig import resolve_database_target

        return resolve_database_target(database)

    return run_gui(database_target, check_startup, started)


def resume_garbage_collection() -> None:
    """Switch cyclic garbage collection back on once the window is shown (jogoroto_desktop.
    __main__ switches it off for start-up). What start-up built lives as long as the program,
    so it is frozen first: later full collections skip it, which keeps them short while the
    user scrolls."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def render_flowchart_png(sop: Sop, path: Path, scale: float, paper: str, *,
                         versi: int | None = None, status_label: str | None = None,
                         draf: bool = False) -> tuple[int, int]:
    """The flowchart scene rendered offscreen to PNG (CLI `sop png`); returns its pixel size.
    `versi`, `status_label` and `draf` mark the version as the printed SOP does."""
    from ui.sop_png import render_sop_png

    return render_sop_png(sop, path, scale=scale, paper=paper, versi=versi,
                          status_label=status_label, draf=draf)
