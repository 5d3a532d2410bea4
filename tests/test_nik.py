"""NIK validation: generated valid NIKs pass with the right birth date and sex; every way a NIK
can be wrong is refused with its own reason."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jogoroto_desktop.nik import PROVINSI, NikError, alasan_nik, periksa_nik

TODAY = dt.date(2026, 5, 20)


def make_nik(prov: str, kab: int, kec: int, born: dt.date, female: bool, serial: int) -> str:
    day = born.day + (40 if female else 0)
    return f"{prov}{kab:02d}{kec:02d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


# Birth dates the two-digit year reads back unambiguously: 20YY up to today, 19YY after YY 26.
births = st.one_of(
    st.dates(dt.date(2000, 1, 1), TODAY),
    st.dates(dt.date(1927, 1, 1), dt.date(1999, 12, 31)),
)


@st.composite
def valid_niks(draw: st.DrawFn) -> tuple[str, dt.date, bool, str]:
    prov = draw(st.sampled_from(sorted(PROVINSI)))
    born = draw(births)
    female = draw(st.booleans())
    nik = make_nik(prov, draw(st.integers(1, 99)), draw(st.integers(1, 99)), born, female,
                   draw(st.integers(1, 9999)))
    return nik, born, female, prov


@given(valid_niks())
def test_valid_nik_gives_birth_date_and_sex(case: tuple[str, dt.date, bool, str]) -> None:
    nik, born, female, prov = case
    info = periksa_nik(nik, TODAY)
    assert info.nik == nik
    assert info.tanggal_lahir == born
    assert info.jenis_kelamin == ("P" if female else "L")
    assert info.provinsi == PROVINSI[prov]
    assert alasan_nik(nik, TODAY) is None


@given(valid_niks())
def test_grouping_characters_are_ignored(case: tuple[str, dt.date, bool, str]) -> None:
    nik = case[0]
    grouped = f" {nik[:6]}.{nik[6:12]}-{nik[12:]} "
    assert periksa_nik(grouped, TODAY).nik == nik


def replace(nik: str, start: int, text: str) -> str:
    return nik[:start] + text + nik[start + len(text):]


@given(valid_niks(), st.integers(0, 30).filter(lambda n: n != 16))
def test_wrong_length_refused(case, length: int) -> None:
    nik = (case[0] * 2)[:length]
    with pytest.raises(NikError, match="16 angka" if length else "wajib"):
        periksa_nik(nik, TODAY)


@given(valid_niks(), st.integers(0, 15), st.sampled_from("aZ/_*xO"))
def test_non_digit_refused(case, position: int, char: str) -> None:
    with pytest.raises(NikError, match="hanya boleh berisi angka"):
        periksa_nik(replace(case[0], position, char), TODAY)


@given(valid_niks(), st.integers(0, 99).map(lambda n: f"{n:02d}").filter(
    lambda code: code not in PROVINSI))
def test_unknown_province_refused(case, code: str) -> None:
    with pytest.raises(NikError, match=f"\\({code}\\) bukan kode provinsi"):
        periksa_nik(replace(case[0], 0, code), TODAY)


@given(valid_niks())
def test_kabupaten_and_kecamatan_not_00(case) -> None:
    with pytest.raises(NikError, match="kabupaten/kota"):
        periksa_nik(replace(case[0], 2, "00"), TODAY)
    with pytest.raises(NikError, match="kecamatan"):
        periksa_nik(replace(case[0], 4, "00"), TODAY)


@given(valid_niks(), st.sampled_from(["00", "13", "20", "99"]))
def test_month_out_of_range_refused(case, month: str) -> None:
    with pytest.raises(NikError, match="bulan lahir"):
        periksa_nik(replace(case[0], 8, month), TODAY)


@given(valid_niks(), st.sampled_from(["00", "40"]).flatmap(lambda d: st.just(d)))
def test_day_zero_refused(case, day: str) -> None:
    with pytest.raises(NikError, match="tanggal lahir|kalender"):
        periksa_nik(replace(case[0], 6, day), TODAY)


@given(valid_niks(), st.sampled_from([
    "3002", "3102", "3104", "3106", "3109", "3111", "3204", "7002", "7104", "7202", "9901",
    "3501", "3901",
]))
def test_impossible_calendar_dates_refused(case, ddmm: str) -> None:
    nik = replace(case[0], 6, ddmm)
    with pytest.raises(NikError, match="kalender"):
        periksa_nik(nik, TODAY)


@given(valid_niks())
def test_29_february_only_in_leap_years(case) -> None:
    leap = replace(replace(case[0], 6, "2902"), 10, "04")
    assert periksa_nik(leap, TODAY).tanggal_lahir == dt.date(2004, 2, 29)
    with pytest.raises(NikError, match="kalender"):
        periksa_nik(replace(leap, 10, "05"), TODAY)
    assert periksa_nik(replace(replace(leap, 6, "69"), 10, "04"), TODAY).jenis_kelamin == "P"


@given(valid_niks(), st.dates(TODAY + dt.timedelta(days=1), dt.date(2026, 12, 31)),
       st.booleans())
def test_birth_date_in_the_future_refused(case, born: dt.date, female: bool) -> None:
    nik = make_nik(case[0][:2], 17, 12, born, female, 1)
    with pytest.raises(NikError, match="belum lewat"):
        periksa_nik(nik, TODAY)


@given(valid_niks())
def test_serial_0000_refused(case) -> None:
    with pytest.raises(NikError, match="0000"):
        periksa_nik(replace(case[0], 12, "0000"), TODAY)


def test_known_example_from_jombang() -> None:
    info = periksa_nik("3517125408900002", TODAY)  # a woman born 14 August 1990
    assert info.kode_wilayah == "35.17.12"
    assert info.provinsi == "Jawa Timur"
    assert info.tanggal_lahir == dt.date(1990, 8, 14)
    assert info.jenis_kelamin == "P"
    assert "16 angka, yang diisi 15" in alasan_nik("351712540890000", TODAY)
