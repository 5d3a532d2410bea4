"""Baseline for the start-up benchmark: a bare PySide6 QMainWindow started the same way as ours
(import, create, show, wait for the first paint, print startup_ms, quit)."""

from __future__ import annotations

import sys
import time

started = time.perf_counter()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() in (QEvent.Type.Paint, QEvent.Type.Expose) and window.isVisible():
                elapsed_ms = round((time.perf_counter() - started) * 1000)
                cpu_ms = round(time.process_time() * 1000)
                print(f"startup_ms={elapsed_ms}\ncpu_ms={cpu_ms}", flush=True)
                window.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
            return False

    watcher = Watcher(window)
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
