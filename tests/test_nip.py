"""NIP checks: generated valid NIPs pass and give back what they encode; each way of being
wrong is refused with its own reason."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jogoroto_desktop.nip import (
    NipError,
    check_nip,
    format_nip,
    nip_digits,
    normalize_nip,
    parse_nip,
)

TODAY = dt.date(2026, 5, 20)


def make_nip(born: dt.date, tmt: dt.date, sex: str, serial: int) -> str:
    return f"{born:%Y%m%d}{tmt:%Y%m}{sex}{serial:03d}"


@st.composite
def valid_parts(draw: st.DrawFn) -> tuple[dt.date, dt.date, str, int]:
    born = draw(st.dates(min_value=dt.date(1940, 1, 1), max_value=dt.date(2007, 4, 1)))
    # TMT: a month from the one after the 18th birthday up to this month, age <= 65.
    first = dt.date(born.year + 18, born.month, 1)
    first = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    last = min(dt.date(born.year + 65, born.month, 1), dt.date(TODAY.year, TODAY.month, 1))
    tmt = draw(st.dates(min_value=first, max_value=last)).replace(day=1)
    sex = draw(st.sampled_from("12"))
    serial = draw(st.integers(1, 999))
    return born, tmt, sex, serial


@given(valid_parts())
def test_valid_generated_nips_pass_and_decode(parts: tuple[dt.date, dt.date, str, int]) -> None:
    born, tmt, sex, serial = parts
    digits = make_nip(born, tmt, sex, serial)
    spaced = format_nip(digits)
    assert spaced == f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    nip = parse_nip(spaced, today=TODAY)
    assert nip.digits == digits
    assert nip.tanggal_lahir == born
    assert nip.tmt_cpns == tmt
    assert nip.jenis_kelamin == ("L" if sex == "1" else "P")
    assert nip.nomor_urut == serial
    assert nip.formatted == spaced
    assert check_nip(digits, today=TODAY) is None


@given(valid_parts(), st.integers(0, 17))
def test_any_digit_removed_is_refused_by_length(parts: tuple[dt.date, dt.date, str, int],
                                                index: int) -> None:
    digits = make_nip(*parts)
    shorter = digits[:index] + digits[index + 1:]
    with pytest.raises(NipError, match="harus 18 angka, yang diketik 17"):
        parse_nip(shorter, today=TODAY)


@given(valid_parts(), st.sampled_from("03456789"))
def test_sex_digit_other_than_1_or_2_is_refused(parts: tuple[dt.date, dt.date, str, int],
                                                wrong: str) -> None:
    born, tmt, _sex, serial = parts
    digits = make_nip(born, tmt, wrong, serial)
    with pytest.raises(NipError, match="ke-15"):
        parse_nip(digits, today=TODAY)


@given(valid_parts())
def test_serial_000_is_refused(parts: tuple[dt.date, dt.date, str, int]) -> None:
    born, tmt, sex, _serial = parts
    with pytest.raises(NipError, match="000"):
        parse_nip(make_nip(born, tmt, sex, 0), today=TODAY)


@given(valid_parts(), st.sampled_from(["00", "13", "19", "99"]))
def test_tmt_month_that_does_not_exist_is_refused(parts: tuple[dt.date, dt.date, str, int],
                                                  month: str) -> None:
    born, tmt, sex, serial = parts
    digits = make_nip(born, tmt, sex, serial)
    digits = digits[:12] + month + digits[14:]
    with pytest.raises(NipError, match="bulan TMT CPNS"):
        parse_nip(digits, today=TODAY)


@given(valid_parts(), st.sampled_from(["0230", "0431", "1301", "0000", "0132"]))
def test_birth_date_that_does_not_exist_is_refused(parts: tuple[dt.date, dt.date, str, int],
                                                   month_day: str) -> None:
    digits = make_nip(*parts)
    digits = digits[:4] + month_day + digits[8:]
    with pytest.raises(NipError, match="tanggal lahir yang ada"):
        parse_nip(digits, today=TODAY)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2000, 1, 1)),
       st.integers(0, 17 * 12))
def test_tmt_before_the_18th_birthday_is_refused(born: dt.date, months_after: int) -> None:
    index = born.year * 12 + born.month - 1 + months_after
    tmt = dt.date(index // 12, index % 12 + 1, 1)
    if tmt >= dt.date(born.year + 18, born.month, min(born.day, 28)):
        return
    with pytest.raises(NipError, match="sebelum pegawai berumur 18"):
        parse_nip(make_nip(born, tmt, "1", 1), today=TODAY)


@given(valid_parts(), st.integers(1, 120))
def test_tmt_in_the_future_is_refused(parts: tuple[dt.date, dt.date, str, int],
                                      months_ahead: int) -> None:
    born, _tmt, sex, serial = parts
    index = TODAY.year * 12 + TODAY.month - 1 + months_ahead
    tmt = dt.date(index // 12, index % 12 + 1, 1)
    with pytest.raises(NipError, match="masa depan"):
        parse_nip(make_nip(born, tmt, sex, serial), today=TODAY)


@given(st.text(alphabet="0123456789abcXYZ/_", min_size=18, max_size=18)
       .filter(lambda t: not t.isdigit()))
def test_letters_are_refused(text: str) -> None:
    with pytest.raises(NipError, match="hanya boleh berisi angka"):
        parse_nip(text, today=TODAY)


def test_age_over_65_at_tmt_is_refused() -> None:
    with pytest.raises(NipError, match="lebih dari 65"):
        parse_nip("19400101 200601 1 001", today=TODAY)


def test_the_camats_nip_from_the_sop_book() -> None:
    nip = parse_nip("19690814 199703 2 003", today=TODAY)
    assert nip.tanggal_lahir == dt.date(1969, 8, 14)
    assert nip.tmt_cpns == dt.date(1997, 3, 1)
    assert nip.jenis_kelamin == "P"
    assert nip.nomor_urut == 3
    assert str(nip) == "19690814 199703 2 003"


def test_separators_and_empty_input() -> None:
    assert nip_digits("19690814.199703-2 003") == "196908141997032003"
    assert check_nip("", today=TODAY) == "NIP wajib diisi."
    assert format_nip(" 1234 ") == "1234"  # not a NIP: shown as typed


def test_nip_is_checked_like_the_pegawai_master() -> None:
    assert normalize_nip("196908141997032003") == "19690814 199703 2 003"
    assert normalize_nip(" 19690814 199703 2 003 ") == "19690814 199703 2 003"
    assert normalize_nip("19690814-199703-2-003") == "19690814 199703 2 003"
    assert normalize_nip("") == ""
    with pytest.raises(NipError, match="NIP wajib diisi"):  # the first-run wizard needs one
        normalize_nip(" ", required=True)
    with pytest.raises(ValueError, match="17 angka"):
        normalize_nip("19690814 199703 2 00")
    with pytest.raises(ValueError, match="angka"):
        normalize_nip("19690814 19970x 2 003")
    with pytest.raises(ValueError):  # 31 February is no birth date
        normalize_nip("19690231 199703 2 003")
