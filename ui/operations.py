"""One way to run work off the GUI thread (after Anki's ``QueryOp``): every PDF build, import,
export, backup and batch print goes through :class:`BackgroundOp`.

    BackgroundOp(parent, work=build, success=show, failure=warn,
                 progress="Membuat PDF…", cancellable=True).start()

``work(op)`` runs on a worker thread and may call ``op.progress(done, total)`` and
``op.check()`` (raises :class:`OperationCancelled` once Batal was pressed) or pass
``op.cancelled`` on as a "stop now?" callable.  ``success(result)``, ``failure(exc)`` and
``cancelled()`` run afterwards on the GUI thread, once the worker thread has ended.  peewee
keeps one connection per thread: the worker opens its own on its first query and the helper
closes it when the work ends, so no work function has to.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

import models

log = logging.getLogger(__name__)

Work = Callable[["Operation"], Any]
PROGRESS_DELAY_MS = 300  # quick work finishes before a progress dialog would flash up


class OperationCancelled(Exception):
    """Raised by :meth:`Operation.check` after the person pressed Batal."""


class Operation:
    """What the work sees of its operation: report progress, ask whether to stop."""

    def __init__(self, stop: threading.Event, report: Callable[[int, int, str], None]) -> None:
        self._stop = stop
        self._report = report

    def progress(self, done: int, total: int, label: str = "") -> None:
        """``done`` of ``total`` steps finished; ``label`` replaces the dialog's text."""
        self._report(done, total, label)

    def cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        if self._stop.is_set():
            raise OperationCancelled("dibatalkan")


def close_thread_connection() -> None:
    """Close this thread's peewee connection (there is one per thread), if it opened one."""
    database = models.db.obj
    if database is not None and not database.is_closed():
        database.close()


class _Runner(QThread):
    """The worker thread: runs the work once, keeps its result or its exception."""

    progressed = Signal(int, int, str)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self.operation = Operation(stop, self.progressed.emit)
        self.result: Any = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.result = self._work(self.operation)
        except Exception as exc:  # delivered to the GUI thread, never lost in the thread
            self.error = exc
        finally:
            try:
                close_thread_connection()
            except Exception:  # noqa: BLE001 - the work's outcome matters more
                log.exception("Koneksi basis data pekerjaan latar belakang tidak dapat ditutup")




class BackgroundOp(QObject):
    """Runs ``work`` on a worker thread; delivers the outcome on the GUI thread.

    ``progress``: False (no dialog), True (a dialog titled ``title``) or the dialog's text.
    ``cancellable`` gives that dialog a Batal button that sets the operation's stop flag.
    ``expected``: exception kinds whose message is meant for the person; any other is logged
    with its traceback.  Without ``failure`` a warning box shows :func:`failure_text`.
    """

    progressed = Signal(int, int)  # done, total (on the GUI thread)
    done = Signal()  # after the success, failure or cancelled callback, whatever it was

    def __init__(self, parent: QObject | None, work: Work, *,
                 success: Callable[[Any], object] | None = None,
                 failure: Callable[[Exception], object] | None = None,
                 cancelled: Callable[[], object] | None = None,
                 progress: bool | str = False, cancellable: bool = False, title: str = "",
                 expected: tuple[type[Exception], ...] = (),
                 progress_delay_ms: int = PROGRESS_DELAY_MS) -> None:
        super().__init__(parent)
        self._parent_widget = parent if isinstance(parent, QWidget) else None
        self._success = success
        self._failure = failure
        self._cancelled = cancelled
        self.title = title
        self.expected = expected
        self._stop = threading.Event()
        self._runner = _Runner(work, self._stop)
        self._runner.progressed.connect(self._progressed)
        self._runner.finished.connect(self._deliver)
        self._finished = False
        self.result: Any = None  # what the work returned, once it succeeded
        self.error: Exception | None = None
        self.progress_dialog: QProgressDialog | None = None
        if progress:
            self.progress_dialog = self._make_dialog(
                progress if isinstance(progress, str) else title, cancellable,
                progress_delay_ms)

    def _make_dialog(self, label: str, cancellable: bool, delay_ms: int) -> QProgressDialog:
        dialog = QProgressDialog(label, "&Batal" if cancellable else "", 0, 0,
                                 self._parent_widget)
        dialog.setObjectName("operationProgress")
        dialog.setWindowTitle(self.title or label)
        if cancellable:
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)  # work that must not stop half-way
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)  # closed when the outcome is delivered, not at 100 %
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(delay_ms)
        dialog.setValue(0)
        return dialog

    def start(self) -> BackgroundOp:
        _RUNNING.add(self)
        self._runner.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop; it ends at its next ``check()`` (callable from any thread)."""
        self._stop.set()

    def is_running(self) -> bool:
        """True until the outcome was delivered."""
        return not self._finished

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker thread ended (for closing the program; not on a click)."""
        return self._runner.wait() if msecs < 0 else self._runner.wait(msecs)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, label: str) -> None:
        # First the signal: a modal dialog's setValue below processes events, so later reports
        # (even the outcome, closing the dialog) may be handled inside that call.
        self.progressed.emit(done, total)
        dialog = self.progress_dialog
        if dialog is not None:
            if label:
                dialog.setLabelText(label)
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

    @Slot()
    def _deliver(self) -> None:
        runner = self._runner
        runner.wait()  # `finished` comes from the thread just before it really ends
        _RUNNING.discard(self)
        error = runner.error
        # Decided before the dialog closes: closing a QProgressDialog emits `canceled`.
        was_cancelled = error is not None and (isinstance(error, OperationCancelled)
                                               or self._stop.is_set())
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self._finished = True
        try:
            if error is None:
                self.result = runner.result
                if self._success is not None:
                    self._success(runner.result)
            elif was_cancelled:
                # work that stops on its own exception (e.g. PencetakanDibatalkan) counts too
                if self._cancelled is not None:
                    self._cancelled()
            else:
                self.error = error
                if not isinstance(error, self.expected):
                    log.error("Pekerjaan latar belakang gagal", exc_info=error)
                if self._failure is not None:
                    self._failure(error)
                else:
                    QMessageBox.warning(self._parent_widget, self.title or "Kesalahan",
                                        failure_text(error, self.expected))
        finally:
            self.done.emit()


# Started operations, so that neither an operation nor its QThread is garbage-collected while
# the thread runs (its QThread has no Qt parent, so a closing window cannot destroy it either);
# each is dropped once its outcome was delivered.
_RUNNING: set[BackgroundOp] = set()


def failure_text(error: Exception, expected: tuple[type[Exception], ...] = ()) -> str:
    """The message of an expected error as it is; any other named by its type."""
    if isinstance(error, expected):
        return str(error)
    return f"Terjadi kesalahan tak terduga ({type(error).__name__}: {error})."


def run_in_background(parent: QObject | None, work: Work, **options: Any) -> BackgroundOp:
    """Make and start a :class:`BackgroundOp` (the usual way to use it)."""
    return BackgroundOp(parent, work, **options).start()
