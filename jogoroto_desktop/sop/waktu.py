"""The SOP book's time standards ("Waktu" column): durations and deadlines relative to an event.

"5 menit", "15 Menit", "1 hari", "3 jam" are durations: how long a step may take.
"2 minggu sebelum cuti", "6 bulan sebelum TMT" are deadlines: a point in time relative to an
event (the start of the leave, the TMT of the promotion), not a length of work.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

UNITS: dict[str, str] = {
    "menit": "menit",
    "mnt": "menit",
    "jam": "jam",
    "hari": "hari",
    "minggu": "minggu",
    "pekan": "minggu",
    "bulan": "bulan",
    "tahun": "tahun",
}

# Lengths used to compare an actual processing time against a duration standard.
# Months and years are only ever deadlines in the book, but keep them usable as durations too.
_UNIT_MINUTES: dict[str, int] = {
    "menit": 1,
    "jam": 60,
    "hari": 24 * 60,
    "minggu": 7 * 24 * 60,
    "bulan": 30 * 24 * 60,
    "tahun": 365 * 24 * 60,
}

_PATTERN = re.compile(
    r"^\s*(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>[A-Za-z]+)"
    r"(?:\s+(?P<relation>sebelum|setelah|sesudah)\s+(?P<event>\S.*?))?\s*\.?\s*$",
    re.IGNORECASE,
)


class WaktuError(ValueError):
    """A Waktu text that is neither a duration nor a deadline."""


@dataclass(frozen=True)
class Duration:
    amount: float
    unit: str

    @property
    def minutes(self) -> float:
        return self.amount * _UNIT_MINUTES[self.unit]

    def as_timedelta(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.minutes)

    def describe(self) -> str:
        return f"{_format_amount(self.amount)} {self.unit}"


@dataclass(frozen=True)
class Deadline:
    amount: float
    unit: str
    relation: str  # "sebelum" or "setelah"
    event: str

    def due_date(self, event_date: dt.date) -> dt.date:
        """The date by which the step must be done, for an event on `event_date`."""
        sign = -1 if self.relation == "sebelum" else 1
        amount = int(self.amount)
        if self.unit in ("bulan", "tahun"):
            months = amount * (12 if self.unit == "tahun" else 1)
            return _add_months(event_date, sign * months)
        return event_date + sign * dt.timedelta(minutes=self.amount * _UNIT_MINUTES[self.unit])

    def describe(self) -> str:
        return f"{_format_amount(self.amount)} {self.unit} {self.relation} {self.event}"


Waktu = Duration | Deadline


def parse_waktu(text: str) -> Waktu | None:
    """Parse a Waktu cell; "" or "-" (no standard) gives None."""
    cleaned = (text or "").strip()
    if cleaned in ("", "-"):
        return None
    match = _PATTERN.match(cleaned)
    if not match:
        raise WaktuError(
            f"Waktu {text!r} tidak dikenali: tulis jumlah dan satuan (menit, jam, hari, minggu, "
            "bulan, tahun), boleh diikuti 'sebelum ...' atau 'setelah ...'."
        )
    unit = UNITS.get(match["unit"].lower())
    if unit is None:
        raise WaktuError(f"Satuan waktu {match['unit']!r} dalam {text!r} tidak dikenali.")
    amount = float(match["amount"].replace(",", "."))
    if amount <= 0:
        raise WaktuError(f"Waktu {text!r} harus lebih dari nol.")
    relation = match["relation"]
    if relation:
        relation = "setelah" if relation.lower() in ("setelah", "sesudah") else "sebelum"
        return Deadline(amount, unit, relation, match["event"].strip())
    return Duration(amount, unit)


def _format_amount(amount: float) -> str:
    return str(int(amount)) if float(amount).is_integer() else str(amount).replace(".", ",")


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    import calendar  # rarely needed; not imported at start-up (calendar loads locale)

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
