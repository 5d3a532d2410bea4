"""The date and time fields of the register forms and the QDate/QDateTime <-> datetime
conversions (one set for every page)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit

INDONESIA = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
LONG_DATE_FORMAT = "d MMMM yyyy"
LONG_DATETIME_FORMAT = "d MMMM yyyy  HH.mm"
TYPED_DATE_FORMAT = "dd/MM/yyyy"
TYPED_DATETIME_FORMAT = "dd/MM/yyyy HH.mm"
SEPARATOR_KEYS = "/-.: "
EARLIEST = QDate(1945, 1, 1)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def from_date(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_datetime(value: QDateTime) -> dt.datetime:
    day, time = value.date(), value.time()
    return dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(),
                       time.second())


def from_datetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(from_date(moment.date()), QTime(moment.hour, moment.minute, moment.second))


class _TypedSections:
    """Typing a separator (/ - . : space) moves to the next part of a date, as people write
    "4/1/2026"; a separator right after a part Qt already left by itself is skipped. (Plain
    QDateEdit jumps one part too far and silently keeps the old month.)"""

    _auto_advanced = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        edit: QDateTimeEdit = self  # type: ignore[assignment]
        text = event.text()
        if text and text in SEPARATOR_KEYS:
            if self._auto_advanced:
                self._auto_advanced = False
            else:
                index = edit.currentSectionIndex()
                if index + 1 < edit.sectionCount():
                    edit.setSelectedSection(edit.sectionAt(index + 1))
            event.accept()
            return
        before = edit.currentSectionIndex()
        super().keyPressEvent(event)  # type: ignore[misc]
        self._auto_advanced = text.isdigit() and edit.currentSectionIndex() != before


class TypedDateEdit(_TypedSections, QDateEdit):
    """A QDateEdit that understands "4/1/2026" typed with separators."""


class TypedDateTimeEdit(_TypedSections, QDateTimeEdit):
    """A QDateTimeEdit that understands "4/1/2026 09.30" typed with separators."""


def _indonesian(edit: QDateTimeEdit, display_format: str) -> None:
    edit.setDisplayFormat(display_format)
    edit.setCalendarPopup(True)
    edit.setLocale(INDONESIA)
    edit.calendarWidget().setLocale(INDONESIA)


def date_edit(value: dt.date | QDate | None = None,
              display_format: str = LONG_DATE_FORMAT) -> QDateEdit:
    """A date field (today when `value` is None) with an Indonesian calendar popup."""
    if isinstance(value, dt.date):
        value = from_date(value)
    edit = TypedDateEdit(value or QDate.currentDate())
    _indonesian(edit, display_format)
    edit.setMinimumDate(EARLIEST)
    return edit


def datetime_edit(moment: dt.datetime,
                  display_format: str = LONG_DATETIME_FORMAT) -> QDateTimeEdit:
    """A date-and-time field with an Indonesian calendar popup."""
    edit = TypedDateTimeEdit(from_datetime(moment))
    _indonesian(edit, display_format)
    return edit
