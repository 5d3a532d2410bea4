"""Indonesian dates as the office writes them: "4 Januari 2022"."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def format_tanggal(day: dt.date | None, with_weekday: bool = False, empty: str = "-") -> str:
    """`4 Januari 2022` (or `Selasa, 4 Januari 2022`); `empty` for None."""
    if day is None:
        return empty
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]}, {text}" if with_weekday else text


def format_waktu_tanggal(moment: dt.datetime) -> str:
    """`4 Januari 2022 pukul 09.05` (Indonesian time notation uses a dot)."""
    return f"{format_tanggal(moment.date())} pukul {moment:%H.%M}"
