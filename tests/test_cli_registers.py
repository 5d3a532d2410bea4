"""The register commands of the CLI: surat-masuk, surat-keluar, import and export agenda."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

import models
from jogoroto_desktop.registers.surat_masuk import get_surat_masuk, void_surat_masuk
from tests.helpers import cli

REPO_ROOT = Path(__file__).resolve().parent.parent
THIS_YEAR = dt.date.today().year

LETTER = ["--dari", "Dinas Pendidikan Kabupaten Jombang", "--nomor-surat", "005/731/415.13/2025",
          "--tanggal-surat", "2025-06-02", "--perihal", "Undangan Rapat Koordinasi PAUD",
          "--sifat", "segera", "--klasifikasi", "005", "--diterima", "2025-06-03",
          "--lampiran", "1 berkas"]


def add_masuk(db_path: Path, capsys: pytest.CaptureFixture[str], *changes: str) -> str:
    """Run `surat-masuk add` with LETTER overridden by `changes`; return the last line."""
    options = dict(zip(LETTER[::2], LETTER[1::2], strict=True))
    options.update(zip(changes[::2], changes[1::2], strict=True))
    argv = [item for pair in options.items() for item in pair]
    assert cli(db_path, "surat-masuk", "add", *argv) == 0, capsys.readouterr().err
    return capsys.readouterr().out.strip().splitlines()[-1]


def list_json(db_path: Path, capsys: pytest.CaptureFixture[str], kind: str = "surat-masuk",
              *extra: str) -> list[dict]:
    assert cli(db_path, kind, "list", "--json", *extra) == 0
    return json.loads(capsys.readouterr().out)


def test_add_then_list_json_round_trip(db_path: Path, capsys) -> None:
    assert add_masuk(db_path, capsys) == "1/2025"
    assert add_masuk(db_path, capsys, "--dari", "Polsek Jogoroto",
                     "--perihal", "Pemberitahuan Patroli", "--sifat", "Sangat Segera") == "2/2025"
    items = list_json(db_path, capsys)
    assert [i["nomor_agenda"] for i in items] == [2, 1]  # newest first
    first = items[1]
    assert first == {
        "nomor_agenda": 1, "tahun": 2025, "tanggal_diterima": "2025-06-03",
        "dari": "Dinas Pendidikan Kabupaten Jombang", "nomor_surat": "005/731/415.13/2025",
        "tanggal_surat": "2025-06-02", "perihal": "Undangan Rapat Koordinasi PAUD",
        "sifat": "segera", "klasifikasi": "005", "lampiran": "1 berkas", "status": "diterima",
        "batal_alasan": None,
    }
    assert items[0]["sifat"] == "sangat segera"
    assert isinstance(items[0]["nomor_agenda"], int)
    assert list_json(db_path, capsys, "surat-masuk", "--year", "2024") == []
    assert [i["dari"] for i in list_json(db_path, capsys, "surat-masuk", "--cari", "patroli")] \
        == ["Polsek Jogoroto"]
    assert cli(db_path, "surat-masuk", "list") == 0
    text = capsys.readouterr().out
    assert "1/2025" in text and "Polsek Jogoroto" in text and "2 surat masuk" in text


def test_received_today_by_default(db_path: Path, capsys) -> None:
    today = dt.date.today()
    assert add_masuk(db_path, capsys, "--diterima", "", "--tanggal-surat",
                     today.isoformat()) == f"1/{today.year}"
    assert list_json(db_path, capsys)[0]["tanggal_diterima"] == today.isoformat()


def test_back_dated_letter_takes_its_own_years_sequence(db_path: Path, capsys) -> None:
    today = dt.date.today().isoformat()
    this_year = ["--tanggal-surat", today, "--diterima", today]
    assert add_masuk(db_path, capsys, *this_year) == f"1/{THIS_YEAR}"
    assert add_masuk(db_path, capsys, *this_year) == f"2/{THIS_YEAR}"
    back = ["--tanggal-surat", "2025-12-29", "--diterima", "2025-12-30"]
    assert add_masuk(db_path, capsys, *back) == "1/2025"
    assert add_masuk(db_path, capsys, *this_year) == f"3/{THIS_YEAR}"
    old = list_json(db_path, capsys, "surat-masuk", "--year", "2025")
    assert [(i["nomor_agenda"], i["tanggal_diterima"]) for i in old] == [(1, "2025-12-30")]


def test_voided_letter_keeps_its_number_and_the_next_gets_the_next(db_path: Path,
                                                                    capsys) -> None:
    assert add_masuk(db_path, capsys) == "1/2025"
    assert add_masuk(db_path, capsys) == "2/2025"
    models.open_database(db_path)
    try:
        void_surat_masuk(get_surat_masuk(2025, 2), "Salah alamat, dikembalikan ke pengirim")
    finally:
        models.close_database()
    assert add_masuk(db_path, capsys) == "3/2025"
    items = {i["nomor_agenda"]: i for i in list_json(db_path, capsys)}
    assert sorted(items) == [1, 2, 3]
    assert items[2]["status"] == "dibatalkan"
    assert items[2]["batal_alasan"].startswith("Salah alamat")
    assert cli(db_path, "surat-masuk", "list") == 0
    assert "Dibatalkan" in capsys.readouterr().out


@pytest.mark.parametrize(("changes", "words"), [
    (("--tanggal-surat", "2026-02-30"), ("--tanggal-surat", "tidak ada di kalender")),
    (("--dari", "   "), ("--dari", "wajib diisi")),
    (("--perihal", "Undangan " * 60), ("--perihal", "terlalu panjang")),
    (("--klasifikasi", "999"), ("--klasifikasi", "999", "tidak ada di tabel")),
    (("--diterima", "2025-13-01"), ("--diterima", "tidak ada di kalender")),
    (("--sifat", "kilat"), ("--sifat", "tidak dikenal")),
    (("--diterima", f"{THIS_YEAR + 1}-01-01"), ("--diterima", "sesudah hari ini")),
])
def test_bad_input_is_refused_in_indonesian_and_writes_nothing(db_path: Path, capsys, changes,
                                                                words) -> None:
    options = dict(zip(LETTER[::2], LETTER[1::2], strict=True))
    options.update(zip(changes[::2], changes[1::2], strict=True))
    argv = [item for pair in options.items() for item in pair]
    assert cli(db_path, "surat-masuk", "add", *argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    for word in words:
        assert word in captured.err
    assert "Traceback" not in captured.err
    assert list_json(db_path, capsys) == []
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT COUNT(*) FROM counter").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM langkah").fetchone()[0] == 0
    finally:
        conn.close()
    assert add_masuk(db_path, capsys) == "1/2025"  # no number was used up


def test_missing_required_option_is_a_usage_error(db_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        cli(db_path, "surat-masuk", "add", "--dari", "Polsek Jogoroto")
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "galat" in err and "--nomor-surat" in err and "--perihal" in err
    with pytest.raises(SystemExit) as info:
        cli(db_path, "export", "agenda", "-o", "x.xlsx")
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        cli(db_path, "surat-masuk", "list", "--year", "dua ribu")
    assert info.value.code == 2
    assert not db_path.exists()


def test_surat_keluar_add_numbers_at_once_and_lists(db_path: Path, capsys) -> None:
    args = ["surat-keluar", "add", "--klasifikasi", "005", "--kepada",
            "Kepala Desa se-Kecamatan Jogoroto", "--perihal", "Undangan Musrenbang Kecamatan",
            "--tanggal", "2025-02-10"]
    assert cli(db_path, *args) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "005/1/415.67/2025"
    assert cli(db_path, *args[:-1], "2025-02-11", "--klasifikasi", "470",
               "--pengolah", "tata-pemerintahan", "--sifat", "penting") == 1
    assert "--sifat" in capsys.readouterr().err
    assert cli(db_path, *args[:-1], "2025-02-11", "--klasifikasi", "470",
               "--pengolah", "tata-pemerintahan") == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "470/2/415.67/2025"
    items = list_json(db_path, capsys, "surat-keluar", "--year", "2025")
    assert [(i["nomor"], i["urut"], i["status"], i["pengolah"]) for i in items] == [
        ("470/2/415.67/2025", 2, "diagendakan", "tata-pemerintahan"),
        ("005/1/415.67/2025", 1, "diagendakan", "sekretariat")]
    assert items[1]["tanggal"] == "2025-02-10" and items[1]["kepada"].startswith("Kepala Desa")
    assert cli(db_path, "surat-keluar", "list") == 0
    assert "2 surat keluar" in capsys.readouterr().out


@pytest.mark.parametrize(("changes", "words"), [
    (("--pengolah", "gudang"), ("--pengolah", "gudang", "tidak dikenal")),
    (("--klasifikasi", "  "), ("--klasifikasi", "wajib diisi")),
    (("--tanggal", "2025-02-29"), ("--tanggal", "tidak ada di kalender")),
    (("--kepada", ""), ("--kepada", "wajib diisi")),
])
def test_bad_surat_keluar_writes_nothing(db_path: Path, capsys, changes, words) -> None:
    options = {"--klasifikasi": "005", "--kepada": "Camat", "--perihal": "Laporan"}
    options.update(zip(changes[::2], changes[1::2], strict=True))
    argv = [item for pair in options.items() for item in pair]
    assert cli(db_path, "surat-keluar", "add", *argv) == 1
    err = capsys.readouterr().err
    for word in words:
        assert word in err
    assert list_json(db_path, capsys, "surat-keluar") == []


def test_database_errors_are_messages_not_tracebacks(tmp_path: Path, capsys) -> None:
    garbage = tmp_path / "rusak.db"
    garbage.write_bytes(b"ini bukan basis data " * 100)
    assert cli(garbage, "surat-masuk", "list") == 1
    err = capsys.readouterr().err
    assert "rusak" in err and "Traceback" not in err
    assert garbage.read_bytes() == b"ini bukan basis data " * 100

    broken = tmp_path / "tanpa-tabel.db"
    models.open_database(broken)
    models.close_database()
    conn = sqlite3.connect(broken)
    conn.execute("DROP TABLE langkah")
    conn.close()
    assert cli(broken, "surat-masuk", "add", *LETTER) == 1
    err = capsys.readouterr().err
    assert "Galat basis data" in err and "langkah" in err
    conn = sqlite3.connect(broken)
    try:  # the failed step rolled back the letter and its number
        assert conn.execute("SELECT COUNT(*) FROM surat_masuk").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM counter").fetchone()[0] == 0
    finally:
        conn.close()


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


HEADER = ["No. Agenda", "Tgl Terima", "Asal Surat", "No. Surat", "Tgl Surat", "Perihal", "Kode"]


def test_import_export_agenda_commands(db_path: Path, tmp_path: Path, capsys) -> None:
    good = write_xlsx(tmp_path / "agenda.xlsx", [
        HEADER,
        [7, dt.datetime(2024, 3, 4), "Bappeda Kab. Jombang", "050/12/415.10/2024",
         dt.datetime(2024, 3, 1), "Undangan Rapat Musrenbang", "050"],
        [8, "05/03/2024", "Desa Sumbermulyo", "140/3/415.67.10/2024", "4 Maret 2024",
         "Laporan Kegiatan Posyandu", 400],
    ])
    assert cli(db_path, "import", "agenda", str(good), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Uji coba" in out and "Baris sah: 2" in out
    assert list_json(db_path, capsys) == []

    assert cli(db_path, "import", "agenda", str(good)) == 0
    out = capsys.readouterr().out
    assert "Diimpor 2 surat masuk" in out and "7/2024 s.d. 8/2024" in out
    assert [i["nomor_agenda"] for i in list_json(db_path, capsys)] == [8, 7]

    bad = write_xlsx(tmp_path / "salah.xlsx", [
        HEADER,
        [1, "2024-03-04", "", "1/2024", "2024-03-01", "Undangan", "005"],
        [2, "2024-03-04", "Camat", "2/2024", "2024-03-01", "Undangan", "005"],
        [3, "2024-02-30", "Camat", "3/2024", "2024-03-01", "Undangan", "005"],
    ])
    assert cli(db_path, "import", "agenda", str(bad)) == 1
    captured = capsys.readouterr()
    assert "Tidak ada yang diimpor" in captured.out
    assert "Baris 2, kolom \u201cAsal Surat\u201d" in captured.err
    assert "Baris 4, kolom \u201cTgl Terima\u201d" in captured.err
    assert "Baris 3" not in captured.err
    assert len(list_json(db_path, capsys)) == 2

    corrupt = tmp_path / "rusak.xlsx"
    corrupt.write_bytes(b"PK\x03\x04" + os.urandom(300))
    assert cli(db_path, "import", "agenda", str(corrupt)) == 1
    err = capsys.readouterr().err
    assert "rusak" in err and "Traceback" not in err

    target = tmp_path / "keluar" / "agenda-2024.xlsx"
    assert cli(db_path, "export", "agenda", "--year", "2024", "-o", str(target)) == 0
    assert "2 surat masuk tahun 2024" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(target).active
    assert [sheet.cell(row, 1).value for row in (2, 3)] == [7, 8]
    assert cli(db_path, "export", "agenda", "--year", "2024", "-o",
               str(tmp_path / "agenda.csv")) == 1
    assert ".xlsx" in capsys.readouterr().err


def test_register_commands_stay_headless(tmp_path: Path) -> None:
    db_file = tmp_path / "headless.db"
    code = (
        "import sys\n"
        "from jogoroto_desktop.cli.main import main\n"
        f"db = {str(db_file)!r}\n"
        "args = ['--dari', 'Camat', '--nomor-surat', '1/2025', '--tanggal-surat', '2025-01-02',"
        " '--perihal', 'Rapat', '--diterima', '2025-01-03']\n"
        "assert main(['--db', db, 'surat-masuk', 'add', *args]) == 0\n"
        "assert main(['--db', db, 'surat-masuk', 'list', '--json']) == 0\n"
        "assert main(['--db', db, 'surat-keluar', 'add', '--klasifikasi', '005', '--kepada',"
        " 'Camat', '--perihal', 'Laporan']) == 0\n"
        f"assert main(['--db', db, 'export', 'agenda', '--year', '2025', '-o', "
        f"{str(tmp_path / 'a.xlsx')!r}]) == 0\n"
        f"assert main(['--db', {str(tmp_path / 'b.db')!r}, 'import', 'agenda', "
        f"{str(tmp_path / 'a.xlsx')!r}]) == 0\n"
        "roots = ('PySide6', 'ui', 'shiboken6')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in roots)\n"
        "print('QT', bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "QT []" in result.stdout


def test_python_m_prints_the_number_as_the_last_line(db_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p)}
    result = subprocess.run(
        [sys.executable, "-m", "jogoroto_desktop", "--db", str(db_path), "surat-masuk", "add",
         *LETTER], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
        check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "1/2025"
