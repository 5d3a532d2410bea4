"""Qt item models over the plain catalog data, and the small bases the register pages' table
models share: `HeaderTableModel` (column titles, numbered rows) and `ListTableModel` (a short
list held in memory)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
)
from PySide6.QtGui import QColor, QFont

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.sop.catalog import STATUS_LABELS, SYMBOL_LABELS, Sop, Step

ModelIndex = QModelIndex | QPersistentModelIndex

# Item-data roles as plain ints: the values of Qt.ItemDataRole, fixed by Qt (ItemDataRole is an
# IntEnum, so both compare equal). The SOP list is painted at start-up, and reading any member
# of PySide6's `Qt` namespace builds all of its ~90 Python enums first (about 35 ms, a sixth of
# a bare window's start-up); tests/test_startup_path.py keeps `Qt` off the first paint.
DISPLAY_ROLE = 0
TOOLTIP_ROLE = 3
FONT_ROLE = 6
TEXT_ALIGNMENT_ROLE = 7
FOREGROUND_ROLE = 9
USER_ROLE = 0x0100
SOP_ID_ROLE = USER_ROLE + 1
STEP_NO_ROLE = USER_ROLE + 2
UNREADABLE_TEXT = "(tidak terbaca)"
_MUTED = QColor("#6b6b6b")
_DISPLAY = DISPLAY_ROLE


def format_waktu(moment: dt.datetime | None, empty: str = "") -> str:
    """``4 Januari 2022 09.05`` (a compact form for table cells); `empty` for None."""
    if moment is None:
        return empty
    return f"{format_tanggal(moment.date())} {moment:%H.%M}"


def italic_font() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


def bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class HeaderTableModel(QAbstractTableModel):
    """A read-only table with the column titles `HEADERS`; rows are numbered 1, 2, 3..."""

    HEADERS: tuple[str, ...] = ()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        if role != _DISPLAY:
            return None
        from PySide6.QtCore import Qt  # `orientation` is a Qt enum: the namespace exists by now

        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
            return str(section + 1)
        return None


class HeldRows:
    """The rows of a Qt list or table model held in memory (`rows`, one item a row); mixed in
    before the Qt model class, whose reset signals it uses."""

    rows: list[Any]

    def set_items(self, items: Iterable[Any]) -> None:
        self.beginResetModel()  # type: ignore[attr-defined]
        self.rows = list(items)
        self.endResetModel()  # type: ignore[attr-defined]

    def item_at(self, row: int) -> Any:
        return self.rows[row]

    def items(self) -> list[Any]:
        return list(self.rows)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)


class ListTableModel(HeldRows, HeaderTableModel):
    """A read-only table over a short list held in memory."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = []

    def _valid(self, index: ModelIndex) -> bool:
        """`index` names a cell of this table."""
        return (index.isValid() and 0 <= index.row() < len(self.rows)
                and 0 <= index.column() < len(self.HEADERS))


class SopListModel(HeldRows, QAbstractListModel):
    """The SOPs of one seksi; drafts are shown greyed and marked "belum dirinci"."""

    def __init__(self, sops: list[Sop] | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows = list(sops or [])

    def set_sops(self, sops: list[Sop]) -> None:
        self.set_items(sops)

    def sop_at(self, row: int) -> Sop:
        return self.item_at(row)

    def row_of(self, sop_id: str) -> int:
        return next((i for i, s in enumerate(self.rows) if s.id == sop_id), -1)

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        sop = self.rows[index.row()]
        if role == DISPLAY_ROLE:
            label = f"{sop.urutan}. {sop.name}"
            return f"{label}  (belum dirinci)" if sop.is_draft else label
        if role == TOOLTIP_ROLE:
            return f"{sop.name}\nNomor: {sop.nomor or '-'}\nStatus: {STATUS_LABELS[sop.status]}"
        if role == FOREGROUND_ROLE and sop.is_draft:
            return _MUTED
        if role == FONT_ROLE and sop.is_draft:
            return italic_font()
        if role == SOP_ID_ROLE:
            return sop.id
        return None


class StepTableModel(ListTableModel):
    """The uraian prosedur of one SOP: No | Kegiatan | Pelaksana | Mutu Baku | Keterangan."""

    COL_NO, COL_KEGIATAN, COL_PELAKSANA, COL_KELENGKAPAN, COL_WAKTU, COL_OUTPUT, COL_KET = range(7)
    HEADERS = ("No", "Kegiatan", "Pelaksana", "Kelengkapan", "Waktu", "Output", "Keterangan")
    _FIELDS = ("no", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan")

    def set_steps(self, steps: tuple[Step, ...]) -> None:
        self.set_items(steps)

    def step_at(self, row: int) -> Step:
        return self.item_at(row)

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not self._valid(index):
            return None
        step: Step = self.rows[index.row()]
        name = self._FIELDS[index.column()]
        lost = name in step.unreadable
        if role == DISPLAY_ROLE:
            if name == "no":
                return str(step.no)
            return UNREADABLE_TEXT if lost else getattr(step, name)
        if role == TOOLTIP_ROLE:
            return self._tooltip(step)
        if role == TEXT_ALIGNMENT_ROLE:
            from PySide6.QtCore import Qt  # the steps table is painted after start-up

            flags = Qt.AlignmentFlag
            horizontal = flags.AlignHCenter if name == "no" else flags.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignTop)
        if role == FOREGROUND_ROLE and lost:
            return _MUTED
        if role == FONT_ROLE and lost:
            return italic_font()
        if role == STEP_NO_ROLE:
            return step.no
        return None

    @staticmethod
    def _tooltip(step: Step) -> str:
        text = f"Langkah {step.no}: {SYMBOL_LABELS[step.symbol]}"
        if step.symbol == "decision":
            text += f"\nYa: ke langkah {step.ya}\nTidak: ke langkah {step.tidak}"
        return text
