"""The SOP progress of one letter (surat masuk or surat keluar) as a table: each step, who did
it and when, how long it took against the SOP's time standard, late steps highlighted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.registers.kernel import StepProgress
from ui.item_models import ListTableModel, ModelIndex, bold_font, format_waktu
from ui.registers.detail import detail_table
from ui.words import BELUM

LATE_ROLE = Qt.ItemDataRole.UserRole + 2

MUTED = QColor("#8a8a8a")
URGENT = QColor("#9c1c1c")
LATE_BACKGROUND = QColor("#f8d7d7")
LATE_TEXT = "Terlambat"

_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN_TOP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
_ALIGN_TOP_CENTER = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)


def format_lama(span: dt.timedelta | None) -> str:
    """A duration in words: ``kurang dari 1 menit``, ``2 jam 5 menit``, ``3 hari 4 jam``."""
    if span is None:
        return ""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return "kurang dari 1 menit"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} hari {hours} jam" if hours else f"{days} hari"
    if hours:
        return f"{hours} jam {minutes} menit" if minutes else f"{hours} jam"
    return f"{minutes} menit"


class ProgressTableModel(ListTableModel):
    """The SOP steps of a letter: who did each and when, against the time standard.

    A late step has a red background and "Terlambat" in red bold: in the Keterangan column,
    or after the duration in Lama when a subclass leaves Keterangan out of `HEADERS`.
    `NOT_YET` is shown as the time of a step not done yet.
    """

    COL_NO, COL_KEGIATAN, COL_PELAKSANA, COL_OLEH, COL_WAKTU, COL_STANDAR, COL_LAMA, \
        COL_KET = range(8)
    HEADERS: tuple[str, ...] = ("No", "Kegiatan", "Pelaksana", "Oleh", "Waktu", "Standar",
                                "Lama", "Keterangan")
    NOT_YET = BELUM

    def set_steps(self, steps: list[StepProgress]) -> None:
        self.set_items(steps)

    @property
    def late_column(self) -> int:
        """The column that says "Terlambat"."""
        return self.COL_KET if len(self.HEADERS) > self.COL_KET else self.COL_LAMA

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        step: StepProgress = self.rows[index.row()]
        column = index.column()
        marks_late = step.late and column == self.late_column
        if role == _DISPLAY:
            return self._display(step, column)
        if role == Qt.ItemDataRole.BackgroundRole and step.late:
            return LATE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if marks_late:
                return URGENT
            return MUTED if step.pada is None else None
        if role == Qt.ItemDataRole.FontRole and marks_late:
            return bold_font()
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_KEGIATAN:
                return step.kegiatan + (f"\n\nCatatan: {step.catatan}" if step.catatan else "")
            return step.catatan or None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_TOP_CENTER if column == self.COL_NO else _ALIGN_TOP
        if role == LATE_ROLE:
            return step.late
        return None

    def _display(self, step: StepProgress, column: int) -> str:
        if column == self.COL_NO:
            return str(step.no)
        if column == self.COL_KEGIATAN:
            return step.kegiatan
        if column == self.COL_PELAKSANA:
            return step.pelaksana
        if column == self.COL_OLEH:
            return step.oleh or ""
        if column == self.COL_WAKTU:
            return format_waktu(step.pada, empty=self.NOT_YET)
        if column == self.COL_STANDAR:
            return step.waktu or "-"
        if column == self.COL_LAMA:
            lama = format_lama(step.actual)
            return f"{lama} \u2014 {LATE_TEXT}" if step.late and self.late_column == column \
                else lama
        return LATE_TEXT if step.late else ""


def progress_table_view(model: ProgressTableModel, widths: dict[int, int]) -> QTableView:
    """The progress table of a detail pane (`detail_table`), the Kegiatan column taking the
    room left by `widths`."""
    return detail_table("progressTable", model, widths, model.COL_KEGIATAN)


def progress_pane(title: QLabel, view: QTableView) -> QWidget:
    """`title` (made bold) above the progress `view`, without margins."""
    title.setObjectName("progressTitle")
    font = title.font()
    font.setBold(True)
    title.setFont(font)
    title.setWordWrap(True)  # beside the fields on a narrow (scaled) screen
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(title)
    layout.addWidget(view, 1)
    return pane
