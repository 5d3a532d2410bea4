"""The `layanan` and `rekap` commands: register, walk to diambil, refuse bad input, export."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import models
from tests.helpers import cli, run

REPO_ROOT = Path(__file__).resolve().parent.parent
NIK = "3517125408900002"
PEMOHON = ["--nama", "Siti Aminah", "--nik", NIK, "--alamat", "Dusun Janti RT 01 RW 02",
           "--desa", "Janti"]


def test_legalisir_and_skck_walked_to_diambil(db_path: Path, capsys) -> None:
    year = dt.date.today().year
    out = run(db_path, capsys, "layanan", "add", "legalisir", *PEMOHON)
    assert out[-1] == f"legalisir/1/{year}"
    assert any("Syarat belum dibawa: Berkas legalisir" in line for line in out)
    skck = run(db_path, capsys, "layanan", "add", "rekomendasi-skck", *PEMOHON,
               "--syarat", "Copy KK", "--syarat", "copy ktp", "--syarat", "Berkas ...")[-1]
    assert skck == f"rekomendasi-skck/1/{year}"

    # legalisir: the verification refuses until the requirement is ticked
    assert cli(db_path, "layanan", "step", "legalisir/1") == 1
    assert "Syarat belum lengkap" in capsys.readouterr().err
    statuses = [run(db_path, capsys, "layanan", "step", "legalisir/1", "--syarat",
                    "berkas legalisir")[-1]]
    while statuses[-1] != "siap_diambil":
        statuses.append(run(db_path, capsys, "layanan", "step", f"legalisir/1/{year}")[-1])
    assert statuses == ["diverifikasi", "menunggu_ttd", "ditandatangani", "siap_diambil"]
    assert cli(db_path, "layanan", "ambil", "legalisir/1", "--oleh", " ") == 1
    assert "--oleh: Nama pengambil wajib diisi." in capsys.readouterr().err
    assert run(db_path, capsys, "layanan", "ambil", "legalisir/1",
               "--oleh", "Siti Aminah")[-1] == "diambil"

    # SKCK: verified, then everything left at once, then collected by someone sent
    assert run(db_path, capsys, "layanan", "step", skck, "--catatan", "asli ditunjukkan")[-1] \
        == "diverifikasi"
    assert run(db_path, capsys, "layanan", "step", skck, "--status", "siap-diambil")[-1] \
        == "siap_diambil"
    assert run(db_path, capsys, "layanan", "ambil", skck, "--oleh", "Ahmad (suami)")[-1] \
        == "diambil"

    items = json.loads("\n".join(run(db_path, capsys, "layanan", "list", "--json")))
    assert {i["nomor_register"]: i["status"] for i in items} == {
        f"legalisir/1/{year}": "diambil", f"rekomendasi-skck/1/{year}": "diambil"}
    assert {i["diambil_oleh"] for i in items} == {"Siti Aminah", "Ahmad (suami)"}
    shown = json.loads("\n".join(run(db_path, capsys, "layanan", "show", skck, "--json")))
    assert all(step["pada"] for step in shown["langkah"])
    assert shown["langkah"][1]["catatan"] == "Ya: berkas lengkap; asli ditunjukkan"
    text = run(db_path, capsys, "layanan", "show", "legalisir/1")
    assert "Diambil oleh Siti Aminah" in text[-1]


@pytest.mark.parametrize(("nik", "reason"), [
    ("12345", "NIK harus 16 angka, yang diisi 5 angka."),
    ("3517123208900002", "tidak ada di kalender"),
    ("0017125408900002", "bukan kode provinsi"),
])
def test_invalid_nik_exits_non_zero_with_reason_and_writes_nothing(
        db_path: Path, capsys, nik: str, reason: str) -> None:
    assert cli(db_path, "layanan", "add", "legalisir", "--nama", "Siti", "--nik", nik,
               "--alamat", "Janti") == 1
    err = capsys.readouterr().err
    assert reason in err and "--nik:" in err and "Tidak ada yang dicatat." in err
    models.open_database(db_path)
    try:
        assert models.Permohonan.select().count() == 0
        assert models.Counter.select().count() == 0
    finally:
        models.close_database()


def test_subprocess_exit_code_and_stderr(tmp_path: Path) -> None:
    env = dict(os.environ, JOGOROTO_DATA_DIR=str(tmp_path / "data"))
    env["PYTHONPATH"] = str(REPO_ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "jogoroto_desktop", "--db", str(tmp_path / "x.db"), "layanan",
         "add", "legalisir", "--nama", "Siti", "--nik", "3517120000000000", "--alamat", "Janti"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout == ""
    assert "--nik:" in result.stderr


def test_list_filters_status_groups_and_unknown_ids(db_path: Path, capsys) -> None:
    run(db_path, capsys, "layanan", "add", "ktp", *PEMOHON)
    run(db_path, capsys, "layanan", "add", "legalisir", *PEMOHON, "--lengkap")
    out = run(db_path, capsys, "layanan", "list", "--sop", "ktp")
    assert out[-1] == "1 permohonan"
    assert f"ktp/1/{dt.date.today().year}" in "\n".join(out)  # the number with its service
    assert json.loads("\n".join(run(db_path, capsys, "layanan", "list", "--json",
                                    "--status", "baru")))[0]["sop_id"] == "legalisir"
    assert cli(db_path, "layanan", "list", "--status", "hilang") == 1
    assert "tidak dikenal" in capsys.readouterr().err
    assert cli(db_path, "layanan", "step", "legalisir/99") == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert run(db_path, capsys, "layanan", "step", "1")[-1] == "diproses"  # by id, draft flow
    assert cli(db_path, "layanan", "step", "1", "--status", "ditolak") == 1
    assert "Alasan penolakan wajib" in capsys.readouterr().err
    assert run(db_path, capsys, "layanan", "batal", "2", "--alasan", "Dobel input")[-1] \
        == "dibatalkan"


def test_rekap_month_to_excel_csv_pdf(db_path: Path, tmp_path: Path, capsys) -> None:
    run(db_path, capsys, "layanan", "add", "legalisir", *PEMOHON, "--lengkap")
    month = dt.date.today().strftime("%Y-%m")
    out = run(db_path, capsys, "rekap", "--month", month, "-o", str(tmp_path / "r.xlsx"))
    assert out[-1] == str(tmp_path / "r.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    assert sheet.cell(rows["Pelayanan Legalisir"], 3).value == 1
    for suffix in (".csv", ".pdf"):
        run(db_path, capsys, "rekap", "--day", dt.date.today().isoformat(), "-o",
            str(tmp_path / f"r{suffix}"))
        assert (tmp_path / f"r{suffix}").stat().st_size > 100
    assert cli(db_path, "rekap", "--month", "2026-13", "-o", str(tmp_path / "x.xlsx")) == 1
    assert "Bulan 13 tidak ada" in capsys.readouterr().err
    assert cli(db_path, "rekap", "--month", month, "-o", str(tmp_path / "x.txt")) == 1
    assert ".xlsx, .csv atau .pdf" in capsys.readouterr().err


def test_kurang_lengkap_then_dilengkapi(db_path: Path, capsys) -> None:
    number = run(db_path, capsys, "layanan", "add", "rekomendasi-skck", *PEMOHON,
                 "--syarat", "Copy KK")[-1]
    assert cli(db_path, "layanan", "step", number, "--status", "kurang-lengkap") == 1
    assert "--alasan: Alasan kurang lengkap wajib diisi." in capsys.readouterr().err
    assert run(db_path, capsys, "layanan", "step", number, "--status", "kurang-lengkap",
               "--alasan", "Copy KTP belum dibawa")[-1] == "kurang_lengkap"
    assert run(db_path, capsys, "layanan", "step", number, "--status", "dilengkapi",
               "--lengkap")[-1] == "diterima"
    assert run(db_path, capsys, "layanan", "step", number)[-1] == "diverifikasi"
    shown = "\n".join(run(db_path, capsys, "layanan", "show", number))
    assert "[x] Copy KTP" in shown and "Ya: berkas lengkap" in shown
