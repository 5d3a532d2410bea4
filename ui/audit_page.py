"""Jejak Audit (admin, Camat, Sekcam): every logged change, read-only, with filters (date
range, user, action, table, words), a lazily loaded table and an Excel export that runs off
the GUI thread."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import peewee
from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import audit, session
from jogoroto_desktop.audit import AKSI, TABEL_LABELS, AuditFilter
from models import Audit
from ui.item_models import format_waktu
from ui.operations import BackgroundOp
from ui.registers.dates import date_edit, to_date
from ui.registers.forms import button_row, name_window, named_line
from ui.registers.page import choice_combo, delayed_search, filter_bar
from ui.registers.table import LazyQueryModel, register_table

ALL = "Semua"
FILTER_DELAY_MS = 250
EARLIEST = QDate(2000, 1, 1)


class AuditModel(LazyQueryModel):
    """Waktu | Oleh | Aksi | Tabel | ID | Ringkasan | Perubahan, newest first."""

    HEADERS = ("Waktu", "Oleh", "Aksi", "Data", "ID", "Ringkasan", "Perubahan")
    SORT_KEYS = ((Audit.pada, True), (Audit.id, True))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.filters = AuditFilter()

    def base_query(self) -> peewee.SelectQuery:
        return audit.query_audit(self.filters).select(
            Audit.id, Audit.pada, Audit.oleh, Audit.aksi, Audit.tabel, Audit.rekaman_id,
            Audit.ringkasan, Audit.perubahan)

    def cell(self, row: tuple, column: int, role: int) -> Any:
        _id, pada, oleh, aksi, tabel, rekaman_id, ringkasan, changes = row
        if role == Qt.ItemDataRole.DisplayRole:
            texts = (format_waktu(pada), oleh, AKSI.get(aksi, aksi),
                     TABEL_LABELS.get(tabel, tabel), "" if rekaman_id is None else str(rekaman_id),
                     ringkasan, audit.uraian_perubahan(changes))
            return texts[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 6:
            return _changes_tooltip(changes)
        return None


def _changes_tooltip(text: str) -> str | None:
    try:
        changes = json.loads(text or "{}")
    except ValueError:
        return text
    return "\n".join(f"{name}: {pair[0]} \u2192 {pair[1]}" for name, pair in changes.items()
                     if isinstance(pair, list) and len(pair) == 2) or None


class AuditDialog(QDialog):
    """Read-only: there is no button or menu that changes the trail."""

    exported = Signal(int, str)  # rows written, path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        session.require("audit.lihat")
        name_window(self, "Jejak Audit", "jejakAuditDialog", (1200, 640))
        self.export_op: BackgroundOp | None = None

        today = QDate.currentDate()
        self.dari = self._date_edit("dari", today.addDays(-30))
        self.sampai = self._date_edit("sampai", today)
        self.oleh = choice_combo("filterOleh", ALL, ((name, name) for name in audit.pelaku()))
        self.aksi = choice_combo("filterAksi", ALL, ((label, key) for key, label in AKSI.items()))
        self.tabel = choice_combo("filterTabel", ALL,
                                  ((TABEL_LABELS.get(name, name), name)
                                   for name in audit.tabel_tercatat()))
        self.teks = named_line("filterTeks", "kata di ringkasan/perubahan, atau ID")
        self.teks.setClearButtonEnabled(True)
        filters = filter_bar((("&Dari:", self.dari), ("S&ampai:", self.sampai),
                              ("&Oleh:", self.oleh), ("A&ksi:", self.aksi),
                              ("Da&ta:", self.tabel), ("&Cari:", self.teks)),
                             stretch=self.teks)

        self.model = AuditModel(self)
        self.view = register_table("auditTable", self.model,
                                   {0: 190, 1: 140, 2: 90, 3: 110, 4: 50, 5: 330}, 6)
        self.count = QLabel()
        self.count.setObjectName("jumlahAudit")
        self.progress = QProgressBar()
        self.progress.setObjectName("eksporProgress")
        self.progress.hide()
        self.export_button = QPushButton("&Ekspor Excel\u2026")
        self.export_button.setObjectName("eksporAudit")
        self.export_button.clicked.connect(self.choose_export)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(button_row(self.progress, self.export_button, close,
                                    lead=self.count))

        delayed_search(self, self.teks, self.apply_filters, FILTER_DELAY_MS)
        for combo in (self.oleh, self.aksi, self.tabel):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for edit in (self.dari, self.sampai):
            edit.dateChanged.connect(lambda _d: self.apply_filters())
        self.apply_filters()

    @staticmethod
    def _date_edit(name: str, value: QDate) -> QDateEdit:
        edit = date_edit(value)
        edit.setObjectName(name)
        edit.setMinimumDate(EARLIEST)
        edit.setSpecialValueText("semua")  # the earliest date means "no limit"
        return edit

    @staticmethod
    def _day(edit: QDateEdit) -> dt.date | None:
        value = edit.date()
        return None if value == EARLIEST else to_date(value)

    def current_filter(self) -> AuditFilter:
        return AuditFilter(dari=self._day(self.dari), sampai=self._day(self.sampai),
                           oleh=self.oleh.currentData() or "", aksi=self.aksi.currentData() or "",
                           tabel=self.tabel.currentData() or "", teks=self.teks.text().strip())

    def apply_filters(self) -> None:
        self._search_timer.stop()
        self.model.filters = self.current_filter()
        self.model.refresh()
        self.count.setText(f"{self.model.rowCount()} catatan")

    # export
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Ekspor Jejak Audit",
                                              f"jejak-audit-{dt.date.today():%Y-%m-%d}.xlsx",
                                              "Buku kerja Excel (*.xlsx)")
        if path:
            self.start_export(Path(path if path.lower().endswith(".xlsx") else path + ".xlsx"))

    def start_export(self, path: Path) -> None:
        """Write the filtered rows to ``path`` through a BackgroundOp; the dialog stays usable."""
        filters = self.current_filter()
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.export_op = BackgroundOp(
            self, lambda op: audit.ekspor_audit(filters, path, op.progress),
            success=lambda done: self._export_finished(done, str(path)),
            failure=lambda exc: self._export_failed(str(exc) or type(exc).__name__))
        self.export_op.progressed.connect(self._export_progress)
        self.export_op.start()

    def _export_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _export_finished(self, done: int, path: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.count.setText(f"{done} catatan diekspor ke {path}")
        self.exported.emit(done, path)

    def _export_failed(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.count.setText(f"Ekspor gagal: {message}")
