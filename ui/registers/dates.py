"""The date and time fields of the register forms and the QDate/QDateTime <-> datetime
conversions (one set for every page)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
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
    QDateEdit jumps one part too far and silently keeps the old month.) The month, shown as
    its name ("4 Januari 2026"), is typed as its number too."""

    _auto_advanced = False
    _month_digits = ""
    _wanted_day = 0  # the day typed, kept while the month and year are typed

    def keyPressEvent(self, event: QKeyEvent) -> None:
        edit: QDateTimeEdit = self  # type: ignore[assignment]
        text = event.text()
        if text.isdigit() and _month_by_name(edit):
            self._type_month_digit(edit, text)
            event.accept()
            return
        self._month_digits = ""
        if edit.currentSection() == QDateTimeEdit.Section.DaySection:
            self._wanted_day = 0
        if text and text in SEPARATOR_KEYS:
            if self._auto_advanced:
                self._auto_advanced = False
            else:
                _next_section(edit)
            event.accept()
            return
        before = edit.currentSectionIndex()
        super().keyPressEvent(event)  # type: ignore[misc]
        self._auto_advanced = text.isdigit() and edit.currentSectionIndex() != before
        if self._wanted_day and edit.currentSection() == QDateTimeEdit.Section.YearSection:
            # 29 Februari: the day typed before the month, kept once the year allows it
            day = edit.date()
            wanted = min(self._wanted_day, day.daysInMonth())
            if wanted != day.day():
                edit.setDate(QDate(day.year(), day.month(), wanted))
                edit.setCurrentSection(QDateTimeEdit.Section.YearSection)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._wanted_day = 0  # a new entry: the popup or the mouse may have changed the day
        super().focusInEvent(event)  # type: ignore[misc]

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._wanted_day = 0
        super().mousePressEvent(event)  # type: ignore[misc]

    def _type_month_digit(self, edit: QDateTimeEdit, digit: str) -> None:
        """"1" waits for a second digit ("12"), "2".."9" and two digits set the month and move
        on to the year, as Qt does for a month shown as a number."""
        typed = self._month_digits + digit
        if not 0 <= int(typed) <= 12:
            typed = digit
        self._month_digits = typed
        month = int(typed)
        if month:
            day = edit.date()
            if not self._wanted_day:
                self._wanted_day = day.day()
            last = QDate(day.year(), month, 1).daysInMonth()
            edit.setDate(QDate(day.year(), month, min(self._wanted_day, last)))
            edit.setCurrentSection(QDateTimeEdit.Section.MonthSection)  # setDate left it
        if len(typed) == 2 or month >= 2:
            self._month_digits = ""
            _next_section(edit)
            self._auto_advanced = True


def _month_by_name(edit: QDateTimeEdit) -> bool:
    """The cursor is in the month, shown as a name ("Januari", "Jan")."""
    return (edit.currentSection() == QDateTimeEdit.Section.MonthSection
            and "MMM" in edit.displayFormat())


def _next_section(edit: QDateTimeEdit) -> None:
    index = edit.currentSectionIndex()
    if index + 1 < edit.sectionCount():
        edit.setSelectedSection(edit.sectionAt(index + 1))


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
