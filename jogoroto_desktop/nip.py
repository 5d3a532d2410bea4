"""NIP (Nomor Induk Pegawai) of a civil servant: 18 digits that encode who the person is.

Layout (BKN): ``YYYYMMDD YYYYMM S NNN``
- digits 1-8: date of birth,
- digits 9-14: TMT CPNS (year and month the person became a candidate civil servant),
- digit 15: sex (1 = laki-laki, 2 = perempuan),
- digits 16-18: serial number, never 000.

People type it with spaces ("19690814 199703 2 003"), sometimes with dots or dashes; every
check here says in Indonesian what is wrong. No database, no widgets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.validation import non_ascii_digit, non_ascii_digit_message, reason_invalid

NIP_LENGTH = 18
#: A CPNS is at least 18 when appointed; the upper bound only rejects typing errors.
MIN_AGE_AT_CPNS = 18
MAX_AGE_AT_CPNS = 65
JENIS_KELAMIN = {"1": "L", "2": "P"}
JENIS_KELAMIN_LABELS = {"L": "Laki-laki", "P": "Perempuan"}

_SEPARATORS = re.compile(r"[\s.\-]+")


class NipError(ValueError):
    """The text is not a valid NIP; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Nip:
    """A checked NIP and what it encodes."""

    digits: str
    tanggal_lahir: dt.date
    tmt_cpns: dt.date  # the first day of the TMT CPNS month
    jenis_kelamin: str  # "L" or "P"
    nomor_urut: int

    @property
    def formatted(self) -> str:
        return format_nip(self.digits)

    def __str__(self) -> str:
        return self.formatted


def nip_digits(text: str | None) -> str:
    """The NIP with spaces, dots and dashes removed (not yet checked)."""
    return _SEPARATORS.sub("", text or "")


def normalize_nip(text: str | None, required: bool = False) -> str:
    """The one NIP normaliser: a checked NIP as stored and shown, "19690814 199703 2 003".
    Empty text gives "" unless ``required``; a wrong NIP raises :class:`NipError` (a
    ValueError) with the reason, checked by the same rules as the pegawai master."""
    if not nip_digits(text) and not required:
        return ""
    return parse_nip(text or "").formatted


def format_nip(text: str) -> str:
    """``196908141997032003`` -> ``19690814 199703 2 003``; other text is returned as typed."""
    digits = nip_digits(text)
    if len(digits) != NIP_LENGTH or not digits.isascii() or not digits.isdigit():
        return (text or "").strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def _age_on(born: dt.date, day: dt.date) -> int:
    """Completed years of age on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _birthday(born: dt.date, years: int) -> dt.date:
    """The date ``born`` turns ``years`` old (29 February -> 1 March in common years)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)


def parse_nip(text: str, today: dt.date | None = None) -> Nip:
    """Check ``text`` and return what it encodes, or raise :class:`NipError` with the reason."""
    today = today or dt.date.today()
    digits = nip_digits(text)
    if not digits:
        raise NipError("NIP wajib diisi.")
    digit = non_ascii_digit(digits)
    if digit is not None:
        raise NipError(non_ascii_digit_message("NIP", digit))
    if not digits.isascii() or not digits.isdigit():
        raise NipError("NIP hanya boleh berisi angka (spasi boleh sebagai pemisah).")
    if len(digits) != NIP_LENGTH:
        raise NipError(f"NIP harus {NIP_LENGTH} angka, yang diketik {len(digits)} angka.")

    try:
        born = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise NipError(f"Angka 1-8 NIP ({digits[0:8]}) bukan tanggal lahir yang ada "
                       "(format TahunBulanTanggal).") from None
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12 or year < 1:
        raise NipError(f"Angka 9-14 NIP ({digits[8:14]}) bukan bulan TMT CPNS yang ada "
                       "(format TahunBulan).")
    tmt = dt.date(year, month, 1)
    if (tmt.year, tmt.month) > (today.year, today.month):
        raise NipError(f"TMT CPNS pada NIP ({_bulan(tmt)}) masih di masa depan.")
    if born > today:
        raise NipError(f"Tanggal lahir pada NIP ({format_tanggal(born)}) masih di masa depan.")
    # TMT CPNS counts from the first day of its month, which must not precede the 18th birthday.
    if tmt < _birthday(born, MIN_AGE_AT_CPNS):
        raise NipError(f"TMT CPNS pada NIP ({_bulan(tmt)}) sebelum pegawai berumur "
                       f"{MIN_AGE_AT_CPNS} tahun (lahir {format_tanggal(born)}).")
    if _age_on(born, tmt) > MAX_AGE_AT_CPNS:
        raise NipError(f"Umur pada TMT CPNS ({_bulan(tmt)}) lebih dari {MAX_AGE_AT_CPNS} "
                       f"tahun (lahir {format_tanggal(born)}); periksa NIP.")
    sex = JENIS_KELAMIN.get(digits[14])
    if sex is None:
        raise NipError(f"Angka ke-15 NIP ({digits[14]}) harus 1 (laki-laki) atau "
                       "2 (perempuan).")
    serial = int(digits[15:18])
    if serial == 0:
        raise NipError("Nomor urut NIP (angka 16-18) tidak boleh 000.")
    return Nip(digits, born, tmt, sex, serial)


def check_nip(text: str, today: dt.date | None = None) -> str | None:
    """The reason ``text`` is not a valid NIP, or None when it is."""
    return reason_invalid(lambda: parse_nip(text, today), NipError)


def _bulan(day: dt.date) -> str:
    return format_tanggal(day).split(" ", 1)[1]
