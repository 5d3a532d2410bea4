"""The pegawai, penjagaan, cuti and pelacakan commands of the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import models
from jogoroto_desktop.registers.kepegawaian import add_months
from tests.helpers import cli

STAF_NIP = "19850312 201001 1 002"


def add_staf(db_path: Path, capsys: pytest.CaptureFixture[str], nip: str = STAF_NIP,
             *extra: str) -> str:
    code = cli(db_path, "pegawai", "add", "--nip", nip, "--nama", "Budi Santoso",
               "--pangkat", "Penata Muda, III/a", "--jabatan", "Staf Subbag Umum", *extra)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out.strip().splitlines()[-1]


def test_pegawai_add_and_list_json(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert add_staf(db_path, capsys, STAF_NIP.replace(" ", ""), "--tmt-pangkat",
                    "2022-04-01") == STAF_NIP
    assert cli(db_path, "pegawai", "list", "--json") == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["nip"] == STAF_NIP and item["golongan"] == "III/a"
    assert item["tanggal_lahir"] == "1985-03-12" and item["jenis_kelamin"] == "L"
    assert item["tmt_pensiun"] == "2043-04-01" and item["bup"] == 58
    assert cli(db_path, "pegawai", "list") == 0
    out = capsys.readouterr().out
    assert "Budi Santoso" in out and out.strip().endswith("1 pegawai")


def test_invalid_nip_exits_non_zero_with_the_reason(db_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = cli(db_path, "pegawai", "add", "--nip", "19850312 201001 1 000", "--nama", "X",
               "--pangkat", "III/a", "--jabatan", "Staf")
    err = capsys.readouterr().err
    assert code == 1
    assert "--nip: Nomor urut NIP (angka 16-18) tidak boleh 000." in err
    assert "Tidak ada yang dicatat." in err
    models.open_database(db_path)
    try:
        assert models.Pegawai.select().count() == 0
    finally:
        models.close_database()
    code = cli(db_path, "pegawai", "add", "--nip", STAF_NIP, "--nama", "X", "--pangkat",
               "III/a", "--jabatan", "Staf", "--tanggal-lahir", "1985-03-13")
    assert code == 1 and "tidak cocok dengan NIP" in capsys.readouterr().err


def test_penjagaan_lists_what_is_due(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    today = dt.date.today()
    # Someone whose 58th birthday is four months away: pensiun TMT in five months, so the
    # berkas (6 bulan sebelum TMT) are already late.
    born = add_months(today, 4 - 58 * 12).replace(day=10)
    nip = f"{born:%Y%m%d} {born.year + 25}01 2 001"
    add_staf(db_path, capsys, nip)
    add_staf(db_path, capsys, STAF_NIP)
    assert cli(db_path, "penjagaan", "--json") == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["jenis"] == "pensiun" and entry["status"] == "terlambat"
    assert entry["nip"] == nip
    assert cli(db_path, "penjagaan", "--bulan", "3") == 0
    out = capsys.readouterr().out
    assert "Terlambat" in out and out.strip().endswith("1 jadwal dalam 3 bulan, 1 terlambat")


def test_cuti_add_checks_the_sisa(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_staf(db_path, capsys)
    year = dt.date.today().year + 1
    code = cli(db_path, "cuti", "add", STAF_NIP.replace(" ", ""), "--mulai", f"{year}-02-02",
               "--selesai", f"{year}-02-03")
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "hari kerja, menunggu keputusan" in captured.out
    assert f"Sisa cuti tahunan {year}:" in captured.out
    code = cli(db_path, "cuti", "add", STAF_NIP, "--mulai", f"{year}-03-02",
               "--selesai", f"{year}-06-30")
    err = capsys.readouterr().err
    assert code == 1 and "Sisa cuti tidak cukup" in err
    assert cli(db_path, "cuti", "add", "19990101 202001 1 001", "--mulai", f"{year}-03-02",
               "--selesai", f"{year}-03-03") == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert cli(db_path, "cuti", "list", "--json") == 0
    [item] = json.loads(capsys.readouterr().out)
    assert item["status"] == "diajukan" and item["nip"] == STAF_NIP


def test_pelacakan_add_list_step(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(db_path, "pelacakan", "add", "renja", "Renja 2027", "--batas",
               "2999-03-31") == 0
    run_id = capsys.readouterr().out.strip().splitlines()[-1]
    assert cli(db_path, "pelacakan", "step", run_id, "--oleh", "Kasi PMD") == 0
    assert "sekarang langkah 2" in capsys.readouterr().out
    assert cli(db_path, "pelacakan", "list", "--json") == 0
    [item] = json.loads(capsys.readouterr().out)
    assert (item["langkah"], item["jumlah_langkah"], item["status"]) == (2, 15, "berjalan")
    assert item["pemegang"] == "Kasubag Keuangan, Sungram dan Evaluasi"
    assert cli(db_path, "pelacakan", "add", "pencairan-gaji", "Gaji Januari 2027") == 0
    gaji = capsys.readouterr().out.strip().splitlines()[-1]
    for _ in range(3):
        assert cli(db_path, "pelacakan", "step", gaji) == 0
    assert "pelacakan selesai" in capsys.readouterr().out.splitlines()[-1]
    assert cli(db_path, "pelacakan", "step", gaji) == 1
    assert "sudah selesai" in capsys.readouterr().err
    assert cli(db_path, "pelacakan", "add", "legalisir", "X") == 1
    assert "tidak dilacak" in capsys.readouterr().err
    assert cli(db_path, "pelacakan", "list") == 0
    assert "2 pelacakan, 0 terlambat" in capsys.readouterr().out


def test_holiday_list_is_editable(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(db_path, "cuti", "libur", "--tambah", "2027-03-09", "Hari Suci Nyepi") == 0
    out = capsys.readouterr().out
    assert "Selasa, 9 Maret 2027" in out and "Hari Suci Nyepi" in out
    assert "17 Agustus (Hari Kemerdekaan RI)" in out
    assert cli(db_path, "cuti", "libur", "--tambah", "2027-02-30", "X") == 1
    assert "tidak ada di kalender" in capsys.readouterr().err
    assert cli(db_path, "cuti", "libur", "--hapus", "2027-03-09") == 0
    assert capsys.readouterr().out.strip().endswith("0 hari libur dalam daftar")
    assert cli(db_path, "cuti", "libur", "--hapus", "2027-03-09") == 1
