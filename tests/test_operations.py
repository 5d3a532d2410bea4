"""The one background helper (ui.operations.BackgroundOp): the work runs on a worker thread, its
outcome (success, failure, cancelled) and its progress arrive on the GUI thread, Batal really
stops it, the worker's own database connection is closed, and the GUI keeps running."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

import models
from ui.operations import BackgroundOp, Operation, OperationCancelled, run_in_background

WAIT_MS = 10000


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _on_gui_thread() -> bool:
    return QThread.currentThread() is QApplication.instance().thread()


def test_success_is_delivered_on_the_gui_thread(qtbot, parent) -> None:
    seen: dict[str, object] = {}

    def work(_op: Operation) -> int:
        seen["work on gui thread"] = _on_gui_thread()
        return 42

    def success(result: int) -> None:
        seen["result"] = result
        seen["success on gui thread"] = _on_gui_thread()

    op = BackgroundOp(parent, work, success=success)
    with qtbot.waitSignal(op.done, timeout=WAIT_MS):
        op.start()
        assert op.is_running()
    assert seen == {"work on gui thread": False, "result": 42, "success on gui thread": True}
    assert op.result == 42 and op.error is None and not op.is_running()


def test_failure_is_delivered_on_the_gui_thread_and_unexpected_ones_are_logged(
        qtbot, parent, caplog) -> None:
    failures: list[tuple[Exception, bool]] = []

    def fail(_op: Operation) -> None:
        raise ValueError("Nomor surat sudah dipakai")

    def failure(error: Exception) -> None:
        failures.append((error, _on_gui_thread()))

    with caplog.at_level(logging.ERROR, logger="ui.operations"):
        expected = run_in_background(parent, fail, failure=failure, expected=(ValueError,))
        qtbot.waitUntil(lambda: not expected.is_running(), timeout=WAIT_MS)
        assert not caplog.records  # the clerk's message, not a program fault
        unexpected = run_in_background(parent, lambda _op: 1 / 0, failure=failure)
        qtbot.waitUntil(lambda: not unexpected.is_running(), timeout=WAIT_MS)
    assert [(str(error), on_gui) for error, on_gui in failures] == [
        ("Nomor surat sudah dipakai", True), ("division by zero", True)]
    assert isinstance(unexpected.error, ZeroDivisionError)
    assert [record.exc_info[0] for record in caplog.records] == [ZeroDivisionError]


def test_without_a_failure_callback_the_person_is_told(qtbot, parent, monkeypatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text, *args: shown.append((title, text)))

    def fail(_op: Operation) -> None:
        raise OSError("disk penuh")

    op = run_in_background(parent, fail, title="Ekspor")
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT_MS)
    assert shown == [("Ekspor", "Terjadi kesalahan tak terduga (OSError: disk penuh).")]
    assert not op.is_running()


def test_cancel_really_stops_the_work(qtbot, parent) -> None:
    started = threading.Event()
    never = threading.Event()
    steps: list[int] = []
    outcome: list[str] = []

    def work(op: Operation) -> None:
        for step in range(10_000):
            op.check()
            steps.append(step)
            started.set()
            never.wait(0.005)  # some work per step; the loop would take 50 s in all

    op = BackgroundOp(parent, work, success=lambda _r: outcome.append("selesai"),
                      failure=lambda _e: outcome.append("gagal"),
                      cancelled=lambda: outcome.append("dibatalkan")).start()
    assert started.wait(WAIT_MS / 1000)
    with qtbot.waitSignal(op.done, timeout=WAIT_MS):
        op.cancel()
    assert outcome == ["dibatalkan"] and len(steps) < 10_000
    assert op.error is None and not op.is_running()


def test_work_that_stops_with_its_own_exception_counts_as_cancelled(qtbot, parent) -> None:
    outcome: list[str] = []
    go = threading.Event()

    class Stopped(Exception):
        pass

    def work(op: Operation) -> None:
        go.wait(WAIT_MS / 1000)
        if op.cancelled():  # as build_kartu_kendali_batch does with PencetakanDibatalkan
            raise Stopped
        raise OperationCancelled  # never reached in this test

    op = BackgroundOp(parent, work, failure=lambda _e: outcome.append("gagal"),
                      cancelled=lambda: outcome.append("dibatalkan")).start()
    op.cancel()
    with qtbot.waitSignal(op.done, timeout=WAIT_MS):
        go.set()
    assert outcome == ["dibatalkan"]


def test_batal_in_the_progress_dialog_stops_the_work(qtbot, parent) -> None:
    stop_seen = threading.Event()
    outcome: list[str] = []

    def work(op: Operation) -> None:
        op.progress(0, 10, "Langkah pertama\u2026")
        while not op.cancelled():
            stop_seen.wait(0.005)
        stop_seen.set()
        op.check()

    op = BackgroundOp(parent, work, progress="Membuat\u2026", cancellable=True,
                      progress_delay_ms=0, cancelled=lambda: outcome.append("dibatalkan"))
    op.start()
    dialog = op.progress_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.labelText() == "Langkah pertama\u2026", timeout=WAIT_MS)
    assert dialog.isVisible()
    batal = dialog.findChild(QPushButton)
    assert batal is not None and batal.text() == "&Batal"
    with qtbot.waitSignal(op.done, timeout=WAIT_MS):
        batal.click()
    assert stop_seen.is_set() and outcome == ["dibatalkan"]
    assert op.progress_dialog is None  # closed with the outcome


def test_progress_is_reported_on_the_gui_thread(qtbot, parent) -> None:
    reported: list[tuple[int, int, bool]] = []

    def work(op: Operation) -> str:
        for done in range(1, 4):
            op.progress(done, 3)
        return "ok"

    op = BackgroundOp(parent, work, progress=True, title="Menulis", progress_delay_ms=0)
    op.progressed.connect(lambda done, total: reported.append((done, total, _on_gui_thread())))
    dialog = op.progress_dialog
    assert dialog is not None and dialog.findChild(QPushButton) is None  # no Batal asked for
    with qtbot.waitSignal(op.done, timeout=WAIT_MS):
        op.start()
    assert reported == [(1, 3, True), (2, 3, True), (3, 3, True)]
    assert op.result == "ok"


def test_the_workers_database_connection_is_opened_and_closed(qtbot, parent,
                                                              tmp_path: Path) -> None:
    models.open_database(tmp_path / "operasi.db")
    try:
        _check_worker_connection(qtbot, parent)
    finally:
        models.close_database()


def _check_worker_connection(qtbot, parent) -> None:  # noqa: ANN001
    connections: list[sqlite3.Connection] = []

    def work(_op: Operation) -> int:
        count = models.Audit.select().count()  # opens this thread's own connection
        connections.append(models.db.obj.connection())
        return count

    gui_connection = models.db.obj.connection()
    op = run_in_background(parent, work)
    qtbot.waitUntil(lambda: not op.is_running(), timeout=WAIT_MS)
    assert op.error is None and op.result == 0
    assert connections and connections[0] is not gui_connection
    with pytest.raises(sqlite3.ProgrammingError):  # closed when the work ended
        connections[0].execute("select 1")
    assert gui_connection.execute("select 1").fetchone() == (1,)  # the GUI's own is untouched


def test_the_gui_stays_responsive_while_the_work_runs(qtbot, parent) -> None:
    release = threading.Event()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    op = run_in_background(parent, lambda _op: release.wait(WAIT_MS / 1000))
    try:
        qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=WAIT_MS)
        assert op.is_running()  # the timer ran while the work was still busy
    finally:
        release.set()
        timer.stop()
    qtbot.waitUntil(lambda: not op.is_running(), timeout=WAIT_MS)
    assert op.result is True
