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


#: Bidirectional embedding, override and isolate controls: they make stored text display in
#: another order than it was typed (U+202E turns "fdp.exe" around), so a printed register or
#: form would not show what is stored.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Whitespace controls a person can type or paste: every text field accepts them, and the
#: one-line fields (Checker.text) turn them into one space, as before.
ALLOWED_CONTROLS = frozenset("\t\n\r")


def forbidden_character(value: str) -> str | None:
    """The first character no text field may store: a C0 control (tab and line breaks
    excepted), DEL, a C1 control (terminal escapes, U+0085) or a bidi control; None if none."""
    for char in value:
        code = ord(char)
        if char in BIDI_CONTROLS or (
                (code < 0x20 or 0x7F <= code <= 0x9F) and char not in ALLOWED_CONTROLS):
            return char
    return None


def forbidden_character_message(label: str, char: str) -> str:
    kind = "pengatur arah teks" if char in BIDI_CONTROLS else "kendali"
    return (f"{label} berisi karakter {kind} tak terlihat (U+{ord(char):04X}) yang tidak boleh "
            "disimpan; ketik ulang teksnya tanpa karakter itu.")


def non_ascii_digit(text: str) -> str | None:
    """The first digit in ``text`` that is not 0-9 (Arabic-Indic, full-width, ...), which
    Python's int() and regular expressions would take as a digit; None if none."""
    return next((char for char in text if char.isdigit() and not char.isascii()), None)


def non_ascii_digit_message(label: str, char: str) -> str:
    return (f"{label} berisi angka \u201c{char}\u201d (U+{ord(char):04X}) yang bukan angka "
            "0-9; ketik dengan angka 0-9 biasa.")


def ascii_whole_number(text: str, label: str = "Angka") -> int:
    """``int(text)`` for ASCII digits only; a ValueError with the reason otherwise (Python's
    int() would also read Arabic-Indic and full-width digits)."""
    char = non_ascii_digit(text)
    if char is not None:
        raise ValueError(non_ascii_digit_message(label, char))
    return int(text)


def refuse_non_ascii_digits(name: str, label: str, text: str) -> None:
    """Raise a ValidationError naming field ``name`` when ``text`` has a non-ASCII digit (a
    number, NIK or NIP typed with Arabic-Indic or full-width digits)."""
    char = non_ascii_digit(text)
    if char is not None:
        raise ValidationError({name: non_ascii_digit_message(label, char)})


@dataclass
class Checker:
    """Collects problems field by field, then raises them all at once."""

    problems: dict[str, str] = field(default_factory=dict)

    def fail(self, name: str, message: str) -> None:
        self.problems.setdefault(name, message)

    def plain(self, name: str, label: str, value: str | None) -> bool:
        """False (and the field's problem noted) when ``value`` holds a character no text field
        may store (forbidden_character); every text a register stores passes here."""
        char = forbidden_character(value or "")
        if char is not None:
            self.fail(name, forbidden_character_message(label, char))
        return char is None

    def text(self, name: str, label: str, value: str | None, max_length: int,
             required: bool = True) -> str:
        if not self.plain(name, label, value):
            return ""
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
