"""The `ikm` commands: add a response by register number (last line: its id), refusals that
exit 1 with the reason and write nothing, the rekap as text, JSON, PDF and Excel."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

import models
from tests.helpers import cli, count_rows, refused, run

NIK = "3517125408900002"
PEMOHON = ["--nama", "Siti Aminah", "--nik", NIK, "--alamat", "Dusun Janti RT 01 RW 02",
           "--lengkap"]


def collected(db_path: Path, capsys, sop_id: str = "legalisir") -> str:
    number = run(db_path, capsys, "layanan", "add", sop_id, *PEMOHON)[-1]
    run(db_path, capsys, "layanan", "step", number)
    run(db_path, capsys, "layanan", "step", number, "--status", "siap-diambil")
    run(db_path, capsys, "layanan", "ambil", number, "--oleh", "Siti Aminah")
    return number


def responses(db_path: Path) -> int:
    return count_rows(db_path, models.IkmRespons)


def test_add_and_rekap(db_path: Path, capsys, tmp_path: Path) -> None:
    first = collected(db_path, capsys)
    second = collected(db_path, capsys, "rekomendasi-skck")
    out = run(db_path, capsys, "ikm", "add", first, "--nilai", "4,3,4,4,3,4,4,3,4",
              "--komentar", "Pelayanan cepat", "--jenis-kelamin", "P")
    assert out[-1].isdigit()
    assert "IKM jawaban ini 91,67" in out[0]
    run(db_path, capsys, "ikm", "add", second, "--nilai", "2, 3, 3, 4, 3, 3, 4, 2, 3")

    today = dt.date.today().isoformat()
    data = json.loads("\n".join(run(db_path, capsys, "ikm", "rekap", "--dari", today,
                                    "--sampai", today, "--json")))
    # sums 6,6,7,8,6,7,8,5,7 = 60 over 2: 60/2/9*25 = 83.33
    assert (data["ikm"], data["mutu"], data["responden"]) == (83.33, "B", 2)
    assert data["unsur"]["U1"] == 3.0 and data["unsur"]["U8"] == 2.5
    assert len(data["unsur"]) == 9
    assert [k["komentar"] for k in data["komentar"]] == ["Pelayanan cepat"]
    assert data["profil"]["jenis_kelamin"]["Perempuan"] == 1
    only = json.loads("\n".join(run(db_path, capsys, "ikm", "rekap", "--dari", today,
                                    "--sampai", today, "--layanan", "legalisir", "--json")))
    assert (only["ikm"], only["responden"]) == (91.67, 1)
    text = run(db_path, capsys, "ikm", "rekap", "--dari", today, "--sampai", today)
    assert any("IKM: 83,33 \u2014 mutu B (Baik)" in line for line in text)

    pdf, xlsx = tmp_path / "ikm.pdf", tmp_path / "ikm.xlsx"
    assert run(db_path, capsys, "ikm", "rekap", "--dari", today, "--sampai", today,
               "-o", str(pdf))[-1] == str(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    run(db_path, capsys, "ikm", "rekap", "--dari", today, "--sampai", today, "-o", str(xlsx))
    sheet = openpyxl.load_workbook(xlsx)["Rekap IKM"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [2, 83.33, "B", "Baik"] in [row[:4] for row in values]
    element = next(row for row in values if row[0] == "U8")
    assert element[1] == "Penanganan pengaduan, saran dan masukan"
    assert element[2] == 5 and element[3] == 2.5 and isinstance(element[4], float)


def test_refusals_exit_1_with_the_reason_and_write_nothing(db_path: Path, capsys) -> None:
    number = collected(db_path, capsys)
    err = refused(db_path, capsys, "ikm", "add", number, "--nilai", "4,3,4,4,3,4,4,3")
    assert "--nilai: Nilai survei harus tepat 9" in err and "Tidak ada yang dicatat" in err
    err = refused(db_path, capsys, "ikm", "add", number, "--nilai", "4,3,4,4,3,4,4,3,5")
    assert "--nilai: Nilai U9 (Sarana dan prasarana) harus 1, 2, 3 atau 4" in err
    err = refused(db_path, capsys, "ikm", "add", "legalisir/99", "--nilai", "4,4,4,4,4,4,4,4,4")
    assert "tidak ditemukan" in err
    waiting = run(db_path, capsys, "layanan", "add", "legalisir", *PEMOHON)[-1]
    err = refused(db_path, capsys, "ikm", "add", waiting, "--nilai", "4,4,4,4,4,4,4,4,4")
    assert "belum diambil" in err
    assert responses(db_path) == 0
    run(db_path, capsys, "ikm", "add", number, "--nilai", "4,4,4,4,4,4,4,4,4")
    err = refused(db_path, capsys, "ikm", "add", number, "--nilai", "3,3,3,3,3,3,3,3,3")
    assert "satu permohonan satu jawaban" in err
    assert responses(db_path) == 1
    err = refused(db_path, capsys, "ikm", "rekap", "--dari", "2026-06-30", "--sampai",
                  "2026-01-01")
    assert "--sampai: Akhir periode" in err and "tidak boleh sebelum" in err
    err = refused(db_path, capsys, "ikm", "rekap", "--dari", "2026-01-01", "--sampai",
                  "2026-06-30", "-o", "laporan.docx")
    assert "--output: Format" in err


def test_the_kiosk_is_not_a_command_line_source(db_path: Path, capsys) -> None:
    number = collected(db_path, capsys)
    with pytest.raises(SystemExit) as info:
        cli(db_path, "ikm", "add", number, "--nilai", "4,4,4,4,4,4,4,4,4", "--sumber", "kiosk")
    assert info.value.code == 2
    assert "--sumber" in capsys.readouterr().err
    assert responses(db_path) == 0


def test_once_there_are_accounts_adding_needs_a_user(db_path: Path, capsys,
                                                     monkeypatch) -> None:
    from jogoroto_desktop import accounts

    number = collected(db_path, capsys)
    models.open_database(db_path)
    try:
        accounts.buat_admin_awal("Kantor-Baru77")
    finally:
        models.close_database()
    monkeypatch.delenv("JOGOROTO_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    assert cli(db_path, "ikm", "add", number, "--nilai", "4,4,4,4,4,4,4,4,4") == 1
    assert "--user" in capsys.readouterr().err
    assert responses(db_path) == 0
    monkeypatch.setenv("JOGOROTO_PASSWORD", "Kantor-Baru77")
    out = run(db_path, capsys, "--user", "admin", "ikm", "add", number, "--nilai",
              "4,4,4,4,4,4,4,4,4")
    assert out[-1].isdigit() and responses(db_path) == 1
