"""Berkas > "Cadangkan Sekarang…" and "Pulihkan dari Cadangan…", the backup status in the status
bar, and the daily automatic backup.  The work runs off the GUI thread (a
:class:`~ui.operations.BackgroundOp`) with a progress dialog; the window stays responsive."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
)

import models
from jogoroto_desktop import session
from jogoroto_desktop.storage import backup, dbconfig
from ui.operations import BackgroundOp, Operation, failure_text

log = logging.getLogger(__name__)

LAST_FOLDER_KEY = "cadangan/folder_terakhir"
# Errors whose message is written for the clerk; anything else is logged and named by its type.
BACKUP_ERRORS: tuple[type[Exception], ...] = (backup.BackupError, models.DatabaseOpenError,
                                              session.PermissionDenied)


def backup_status_text(config: dbconfig.PcConfig | None = None) -> str:
    config = config or dbconfig.load_config()
    if config.last_backup is None:
        return "Cadangan terakhir: belum pernah"
    return f"Cadangan terakhir: {backup.format_waktu(config.last_backup)}"


class BackupController:
    """Connects the Berkas menu's backup actions of ``window`` to the database ``target``."""

    def __init__(self, window: QMainWindow, target: str, settings: QSettings,
                 after_restore: Callable[[], None] | None = None) -> None:
        self.window = window
        self.target = target
        self.settings = settings
        self.after_restore = after_restore
        self.task: BackgroundOp | None = None
        self.status_label = QLabel(backup_status_text())
        self.status_label.setObjectName("backupStatus")
        self.status_label.setToolTip("Cadangan otomatis dibuat sekali sehari dan saat program "
                                     f"ditutup, di {backup.backup_folder()}")
        window.statusBar().addPermanentWidget(self.status_label)

    # --- shared ------------------------------------------------------------------------------

    def refresh_status(self) -> None:
        self.status_label.setText(backup_status_text())

    def busy(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _start(self, title: str, work: Callable[[Operation], Any],
               done: Callable[[Any], None], show_progress: bool = True) -> BackgroundOp:
        # No Batal: a half backup is worthless, and it is quick anyway.
        def finish() -> None:
            self.task = None

        task = BackgroundOp(
            self.window, work, title=title, progress=show_progress, expected=BACKUP_ERRORS,
            success=lambda result: (finish(), done(result)),
            failure=lambda error: (finish(), self._error(title,
                                                         failure_text(error, BACKUP_ERRORS))))
        self.task = task
        return task.start()

    def _error(self, title: str, message: str) -> None:
        self.window.statusBar().showMessage(f"{title} gagal.", 8000)
        QMessageBox.warning(self.window, title, message)

    # --- backup --------------------------------------------------------------------------------

    def choose_backup_file(self) -> Path | None:
        folder = str(self.settings.value(LAST_FOLDER_KEY, "") or Path.home())
        name, _filter = QFileDialog.getSaveFileName(
            self.window, "Simpan cadangan ke…", str(Path(folder) / backup.default_backup_name()),
            "Cadangan Jogoroto (*.db)")
        return Path(name) if name else None

    def backup_now(self, destination: Path | None = None) -> BackgroundOp | None:
        """Berkas > Cadangkan Sekarang…: ask where (e.g. a USB disk), then back up."""
        if self.busy():
            return None
        try:  # asked before the file dialog; make_backup refuses a non-admin anyway
            session.require("cadangan.buat")
        except session.PermissionDenied as exc:
            QMessageBox.warning(self.window, "Cadangkan sekarang", str(exc))
            return None
        destination = destination or self.choose_backup_file()
        if destination is None:
            return None
        # The save dialog asked before replacing the file it returned; not a name changed here.
        overwrite = destination.suffix.lower() == ".db"
        if not overwrite:
            destination = destination.with_name(destination.name + ".db")
        self.settings.setValue(LAST_FOLDER_KEY, str(destination.parent))
        target = self.target

        def work(op: Operation) -> backup.BackupResult:
            return backup.make_backup(target, destination, op.progress, overwrite=overwrite)

        def done(result: backup.BackupResult) -> None:
            self.refresh_status()
            size = f"{result.size / 1024 / 1024:.1f} MB"
            self.window.statusBar().showMessage(f"Cadangan disimpan: {result.path}", 8000)
            QMessageBox.information(self.window, "Cadangan selesai",
                                    f"Cadangan tersimpan di\n{result.path}\n({size}).")

        return self._start("Mencadangkan basis data", work, done)

    def automatic_backup_if_due(self) -> BackgroundOp | None:
        """Once a day, in the background and without any dialog (SQLite only)."""
        if self.busy() or not backup.automatic_backup_due():
            return None
        target = self.target

        def work(_op: Operation) -> object:
            return backup.automatic_backup(target, "harian")

        return self._start("Cadangan otomatis", work, lambda _r: self.refresh_status(),
                           show_progress=False)

    # --- restore -------------------------------------------------------------------------------

    def choose_restore_file(self) -> Path | None:
        folder = str(self.settings.value(LAST_FOLDER_KEY, "") or backup.backup_folder())
        name, _filter = QFileDialog.getOpenFileName(
            self.window, "Pulihkan dari cadangan", folder,
            "Cadangan Jogoroto (*.db);;Semua berkas (*)")
        return Path(name) if name else None

    def confirm_restore(self, info: backup.BackupInfo) -> bool:
        details = "\n".join(info.summary())
        answer = QMessageBox.warning(
            self.window, "Pulihkan dari cadangan",
            "Seluruh isi basis data sekarang akan DIGANTI dengan isi cadangan ini:\n\n"
            f"{details}\n\nBasis data: {models.describe_target(self.target)}\n\n"
            "Salinan pengaman basis data sekarang disimpan lebih dulu di folder cadangan. "
            "Catatan yang dibuat sesudah cadangan ini tidak ada lagi setelah pemulihan.\n\n"
            "Lanjutkan pemulihan?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def restore(self, source: Path | None = None,
                confirm: Callable[[backup.BackupInfo], bool] | None = None
                ) -> BackgroundOp | None:
        """Berkas > Pulihkan dari Cadangan…: admin only; verify, confirm, restore, reopen."""
        if self.busy():
            return None
        try:
            session.require("cadangan.pulihkan")
        except session.PermissionDenied as exc:
            QMessageBox.warning(self.window, "Pulihkan dari cadangan", str(exc))
            return None
        source = source or self.choose_restore_file()
        if source is None:
            return None
        confirm = confirm or self.confirm_restore

        def verified(info: backup.BackupInfo) -> None:
            if not confirm(info):
                return
            target = self.target
            models.close_database()  # the GUI thread's connection must not hold the file

            def work(_op: Operation) -> backup.RestoreResult:
                try:
                    return backup.restore_backup(info.path, target)
                except BaseException:
                    if models.db.obj is None:  # refused before the swap: go on as before
                        models.open_database(target)
                    raise

            self._start("Memulihkan basis data", work, self._restored)

        return self._start("Memeriksa berkas cadangan",
                           lambda _op: backup.verify_backup_file(source), verified)

    def _restored(self, result: backup.RestoreResult) -> None:
        self.refresh_status()
        if self.after_restore is not None:
            self.after_restore()
        self.window.statusBar().showMessage(
            f"Basis data dipulihkan dari {result.info.path.name}.", 8000)
        QMessageBox.information(
            self.window, "Pemulihan selesai",
            f"Basis data dipulihkan dari\n{result.info.path}\n\nSalinan pengaman basis data "
            f"sebelumnya:\n{result.safety_copy}")


def exit_backup(target: str, now: dt.datetime | None = None) -> None:
    """The automatic backup when the program closes (SQLite only); never stops the exit."""
    try:
        backup.automatic_backup(target, "keluar", now=now)
    except (backup.BackupError, OSError, models.DatabaseOpenError) as exc:
        log.warning("Cadangan saat keluar gagal: %s", exc)


def refresh_pages(window: QMainWindow) -> None:
    """After a restore every open register page reloads from the restored database."""
    desk = getattr(window, "desk", None)
    for page in getattr(desk, "pages", []):
        refresh = getattr(page, "refresh", None)
        if refresh is not None:
            refresh()


def after_restore(window: QMainWindow) -> None:
    """The pages reload, and the audit watch (ui.audit_watch) walks the restored database's
    whole chain at once rather than at tomorrow's daily check."""
    refresh_pages(window)
    watch = getattr(window, "audit_watch", None)
    if watch is not None:
        watch.check(full=True)


def attach_backup(window: QMainWindow, target: str, settings: QSettings,
                  automatic: bool = True) -> BackupController:
    """Wire the Berkas menu's backup, restore and database actions once the database is open,
    and start today's automatic backup if there is none yet."""
    controller = BackupController(window, target, settings,
                                  after_restore=lambda: after_restore(window))
    window.backup_action.triggered.connect(lambda: controller.backup_now())
    window.restore_action.triggered.connect(lambda: controller.restore())
    window.backup_action.setEnabled(True)
    window.restore_action.setEnabled(True)
    window.database_action.triggered.connect(lambda: open_database_dialog(window))
    window.backup_controller = controller
    if automatic:
        controller.automatic_backup_if_due()
    return controller


def open_database_dialog(window: QMainWindow) -> QDialog:
    from ui.database_dialog import DatabaseDialog

    dialog = DatabaseDialog(getattr(window, "database_label", ""), window)
    dialog.open()
    window.database_dialog = dialog  # keep it alive while open
    return dialog
