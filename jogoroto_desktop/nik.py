"""Checking a Nomor Induk Kependudukan (NIK) as the loket does, with the reason in Indonesian.

A NIK has 16 digits (UU 24/2013 and Permendagri on the KTP-el):

- digits 1-2: the province (the Kemendagri code; the list below is every province, including
  the four Papua provinces of 2022), digits 3-4 the kabupaten/kota, digits 5-6 the kecamatan
  (neither may be 00);
- digits 7-12: the date of birth as DDMMYY, with 40 added to the day for women;
- digits 13-16: a serial number, never 0000.

Two-digit years are read as 20YY when YY is not after this year's YY, otherwise 19YY, so a birth
date later this year is "in the future" and refused. (The rare holder aged a hundred or more with
YY at or below this year's is read as a child: the NIK itself cannot tell them apart.)
No database, no widgets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jogoroto_desktop.validation import non_ascii_digit, non_ascii_digit_message, reason_invalid

NIK_LENGTH = 16

#: Province codes (Kemendagri) -> name.
PROVINSI: dict[str, str] = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

LAKI_LAKI = "L"
PEREMPUAN = "P"
JENIS_KELAMIN_LABELS = {LAKI_LAKI: "Laki-laki", PEREMPUAN: "Perempuan"}


class NikError(ValueError):
    """The NIK is wrong; the message (Indonesian) says why."""


@dataclass(frozen=True)
class NikInfo:
    """What a valid NIK tells: region codes, date of birth and sex."""

    nik: str
    provinsi: str  # the province's name
    kode_wilayah: str  # "35.17.12": province.kabupaten.kecamatan
    tanggal_lahir: dt.date
    jenis_kelamin: str  # "L" or "P"


def bersihkan_nik(text: str) -> str:
    """The NIK without the spaces, dots and dashes people type to group its digits."""
    return "".join(ch for ch in (text or "") if ch not in " .-\t")


def periksa_nik(text: str, today: dt.date | None = None) -> NikInfo:
    """Return what the NIK tells, or raise :class:`NikError` with the first thing wrong."""
    today = today or dt.date.today()
    nik = bersihkan_nik(text)
    if not nik:
        raise NikError("NIK wajib diisi.")
    digit = non_ascii_digit(nik)
    if digit is not None:
        raise NikError(non_ascii_digit_message("NIK", digit))
    if not nik.isascii() or not nik.isdigit():
        raise NikError("NIK hanya boleh berisi angka.")
    if len(nik) != NIK_LENGTH:
        raise NikError(f"NIK harus 16 angka, yang diisi {len(nik)} angka.")
    provinsi = PROVINSI.get(nik[0:2])
    if provinsi is None:
        raise NikError(f"Dua angka pertama NIK ({nik[0:2]}) bukan kode provinsi di Indonesia.")
    if nik[2:4] == "00":
        raise NikError("Angka ke-3 dan ke-4 NIK (kode kabupaten/kota) tidak boleh 00.")
    if nik[4:6] == "00":
        raise NikError("Angka ke-5 dan ke-6 NIK (kode kecamatan) tidak boleh 00.")
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = LAKI_LAKI
    if day > 40:
        day -= 40
        sex = PEREMPUAN
    if not 1 <= month <= 12:
        raise NikError(f"Angka ke-9 dan ke-10 NIK ({nik[8:10]}) harus bulan lahir 01 sampai 12.")
    if day < 1:
        raise NikError(f"Angka ke-7 dan ke-8 NIK ({nik[6:8]}) bukan tanggal lahir (laki-laki "
                       "01-31, perempuan 41-71).")
    year = 2000 + year2 if year2 <= today.year % 100 else 1900 + year2
    try:
        born = dt.date(year, month, day)
    except ValueError:
        raise NikError(f"Tanggal lahir pada NIK ({day:02d}-{month:02d}-{year}) tidak ada di "
                       "kalender.") from None
    if born > today:
        raise NikError(f"Tanggal lahir pada NIK ({day:02d}-{month:02d}-{year}) belum lewat.")
    if nik[12:16] == "0000":
        raise NikError("Empat angka terakhir NIK (nomor urut) tidak boleh 0000.")
    return NikInfo(nik=nik, provinsi=provinsi, kode_wilayah=f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}",
                   tanggal_lahir=born, jenis_kelamin=sex)


def alasan_nik(text: str, today: dt.date | None = None) -> str | None:
    """None when the NIK is valid, otherwise why not (for checking as it is typed)."""
    return reason_invalid(lambda: periksa_nik(text, today), NikError)
