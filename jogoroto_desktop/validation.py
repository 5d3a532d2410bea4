"""Checking what people type, with messages in Indonesian. No widgets, no database."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jogoroto_desktop.dates import MONTHS


class ValidationError(ValueError):
    """One or more fields are wrong; `problems` maps each field to its message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("\n".join(f"{name}: {text}" for name, text in self.problems.items()))


@dataclass
class Checker:
    """Collects problems field by field, then raises them all at once."""

    problems: dict[str, str] = field(default_factory=dict)

    def fail(self, name: str, message: str) -> None:
        self.problems.setdefault(name, message)

    def text(self, name: str, label: str, value: str | None, max_length: int,
             required: bool = True) -> str:
        cleaned = " ".join((value or "").split())
        if required and not cleaned:
            self.fail(name, f"{label} wajib diisi.")
        elif len(cleaned) > max_length:
            self.fail(name, f"{label} terlalu panjang ({len(cleaned)} karakter, paling banyak "
                            f"{max_length}).")
        return cleaned

    def date(self, name: str, label: str, value: dt.date | str | None,
             required: bool = True) -> dt.date | None:
        if value is None or value == "":
            if required:
                self.fail(name, f"{label} wajib diisi.")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return parse_tanggal(value)
        except ValueError as exc:
            self.fail(name, f"{label}: {exc}")
            return None

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


_MONTH_NUMBER = {name.lower(): index for index, name in enumerate(MONTHS, 1)}
_MONTH_NUMBER.update({name.lower()[:3]: index for index, name in enumerate(MONTHS, 1)})
_MONTH_NUMBER["agu"] = 8


def parse_tanggal(text: str) -> dt.date:
    """A date as the office writes it: 2022-01-04, 04-01-2022, 4/1/2022 or 4 Januari 2022."""
    cleaned = text.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", cleaned)
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            match = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", cleaned)
            if not match or match.group(2).lower() not in _MONTH_NUMBER:
                raise ValueError(
                    f"\u201c{text}\u201d bukan tanggal; tulis misalnya 2022-01-04 atau "
                    "4 Januari 2022.")
            day, year = int(match.group(1)), int(match.group(3))
            month = _MONTH_NUMBER[match.group(2).lower()]
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"tanggal \u201c{text}\u201d tidak ada di kalender.") from None


def reason_invalid(check: Callable[[], object], error: type[ValueError]) -> str | None:
    """The message of the `error` that `check` raises, or None when it raises none (for
    checking a field as it is typed)."""
    try:
        check()
    except error as exc:
        return str(exc)
    return None
