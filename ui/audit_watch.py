"""The audit trail's watch: its tail checked at start, the whole chain walked in the background
once a day, and a red warning in the main window's status bar while it is broken (shown to
admin, Camat and Sekcam, who may read the trail).  The checks are the domain's
(:func:`jogoroto_desktop.audit.periksa_rantai`); this module only schedules and shows them."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow

from jogoroto_desktop import audit
from ui.operations import BackgroundOp, run_in_background

DAY_MS = 24 * 60 * 60 * 1000


class AuditWatch(QObject):
    """Runs the checks for ``window`` on the database known as ``database_key``."""

    def __init__(self, window: QMainWindow, database_key: str) -> None:
        super().__init__(window)
        self.window = window
        self.database_key = database_key
        self.operation: BackgroundOp | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(DAY_MS)
        self.timer.timeout.connect(lambda: self.check(full=True))

    def start(self) -> None:
        """The tail now; the whole chain too when it was not walked on this PC today."""
        self.check(full=audit.pemeriksaan_penuh_perlu(self.database_key))
        self.timer.start()

    def check(self, full: bool) -> None:
        self.operation = run_in_background(
            self, lambda _op: audit.periksa_rantai(full),
            success=self._checked, failure=self._failed)

    def _checked(self, status: audit.StatusRantai) -> None:
        if status.penuh:
            audit.catat_pemeriksaan_penuh(self.database_key)
        self.window.show_audit_state(status)  # type: ignore[attr-defined]
        if not status.ok and not status.penuh:
            # The tail is broken (or was unguarded): walk the rest now to name the first break.
            self.check(full=True)

    def _failed(self, error: Exception) -> None:
        self.window.show_audit_state(audit.StatusRantai(  # type: ignore[attr-defined]
            False, f"Jejak audit tidak dapat diperiksa ({error}).", False))


def attach_audit_watch(window: QMainWindow, database_key: str) -> AuditWatch:
    watch = AuditWatch(window, database_key)
    window.audit_watch = watch  # type: ignore[attr-defined]
    watch.start()
    return watch
