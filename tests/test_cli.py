"""The command line: headless subcommands, JSON shapes, global options, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jogoroto_desktop.cli.main import main
from jogoroto_desktop.sop.catalog import default_catalog

REPO_ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    paths = [str(REPO_ROOT), full_env.get("PYTHONPATH", "")]
    full_env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return subprocess.run(
        [sys.executable, "-m", "jogoroto_desktop", *args],
        capture_output=True, text=True, env=full_env, cwd=REPO_ROOT, timeout=120, check=False,
    )


def test_sop_list_json_is_a_list_of_34_sop_objects(capsys) -> None:
    assert main(["sop", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) == 34
    assert {"id", "nomor", "name", "seksi", "status", "actors", "steps"} <= set(data[0])


def test_sop_show_by_id_and_by_nomor_agree(capsys) -> None:
    assert main(["sop", "show", "surat-keluar", "--json"]) == 0
    by_id = json.loads(capsys.readouterr().out)
    assert main(["sop", "show", "065/02.SOP.SEK/415.67/2022", "--json"]) == 0
    by_nomor = json.loads(capsys.readouterr().out)
    assert by_id == by_nomor
    assert by_id["name"] == "Pengelolaan Surat Keluar"
    sop = default_catalog().get("surat-keluar")
    assert [s["kegiatan"] for s in by_id["steps"]] == [s.kegiatan for s in sop.steps]
    assert by_id["actors"] == list(sop.actors)


def test_sop_show_text_lists_every_step(capsys) -> None:
    assert main(["sop", "show", "legalisir"]) == 0
    out = capsys.readouterr().out
    sop = default_catalog().get("legalisir")
    assert "065/04.SOP.SEK/415.67/2022" in out
    assert "4 Januari 2022" in out
    for step in sop.steps:
        assert step.kegiatan[:30] in out


def test_sop_show_of_a_draft_says_belum_dirinci(capsys) -> None:
    assert main(["sop", "show", "ktp"]) == 0
    assert "belum dirinci" in capsys.readouterr().out


def test_unknown_sop_is_a_clear_error(capsys) -> None:
    assert main(["sop", "show", "tidak-ada"]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err


def test_usage_errors_exit_2_in_indonesian(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["sop"])
    assert info.value.code == 2
    assert "galat" in capsys.readouterr().err


def test_subcommands_do_not_import_qt_widgets(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from jogoroto_desktop.cli.main import main\n"
        f"assert main(['--db', {str(tmp_path / 'x.db')!r}, 'db', 'upgrade']) == 0\n"
        "assert main(['sop', 'list', '--json']) == 0\n"
        "assert main(['sop', 'show', 'renja']) == 0\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'ui'))]\n"
        "assert not bad, bad\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, cwd=REPO_ROOT, check=False, timeout=120)
    assert result.returncode == 0, result.stderr


def test_db_option_and_environment_variable(tmp_path: Path) -> None:
    by_option = tmp_path / "opsi.db"
    by_env = tmp_path / "env.db"
    assert run_cli("--db", str(by_option), "db", "upgrade").returncode == 0
    assert by_option.exists()
    result = run_cli("db", "check", env={"JOGOROTO_DB": str(by_env)})
    assert result.returncode != 0  # a database that does not exist yet is not "ok"
    assert run_cli("db", "upgrade", env={"JOGOROTO_DB": str(by_env)}).returncode == 0
    assert by_env.exists()
    # --db wins over the environment variable
    check = run_cli("--db", str(by_option), "db", "check", env={"JOGOROTO_DB": str(by_env)})
    assert check.returncode == 0, check.stderr
    assert str(by_option) in check.stdout


def test_default_database_is_in_the_data_folder(isolated_data_dir: Path) -> None:
    result = run_cli("db", "upgrade", env={"JOGOROTO_DATA_DIR": str(isolated_data_dir)})
    assert result.returncode == 0, result.stderr
    assert (isolated_data_dir / "jogoroto.db").exists()


def test_db_check_refuses_a_damaged_file_and_leaves_it(tmp_path: Path) -> None:
    damaged = tmp_path / "rusak.db"
    damaged.write_bytes(b"bukan basis data " * 100)
    before = damaged.read_bytes()
    result = run_cli("--db", str(damaged), "db", "check")
    assert result.returncode == 1
    assert str(damaged) in result.stdout + result.stderr
    assert damaged.read_bytes() == before


def test_check_startup_prints_startup_ms(isolated_data_dir: Path) -> None:
    result = run_cli("--check-startup", env={
        "JOGOROTO_DATA_DIR": str(isolated_data_dir), "QT_QPA_PLATFORM": "offscreen",
    })
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    # startup_ms and cpu_ms at the first paint, complete_ms once the SOP detail pane is there,
    # catalog_ms once the database is open and its SOPs in force are shown.
    assert [line.split("=")[0] for line in lines] == ["startup_ms", "cpu_ms", "complete_ms",
                                                      "catalog_ms"]
    values = [int(line.split("=")[1]) for line in lines]
    assert all(value > 0 for value in values)
    assert values[3] >= values[2] >= values[0]


def test_check_startup_refuses_a_too_new_database(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "baru.db"
    assert run_cli("--db", str(path), "db", "upgrade").returncode == 0
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE schema_version SET version = 99")
    before = path.read_bytes()
    result = run_cli("--db", str(path), "--check-startup", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 1
    assert "versi" in result.stderr
    assert path.read_bytes() == before


def test_sop_pdf_writes_the_document(tmp_path: Path, capsys) -> None:
    target = tmp_path / "keluar" / "legalisir.pdf"
    assert main(["sop", "pdf", "legalisir", "-o", str(target), "--paper", "F4"]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert "halaman" in capsys.readouterr().out


def test_sop_pdf_all_writes_one_file_per_sop(tmp_path: Path) -> None:
    assert main(["sop", "pdf", "--all", "-o", str(tmp_path / "semua")]) == 0
    files = sorted(p.name for p in (tmp_path / "semua").glob("*.pdf"))
    assert len(files) == 34 and "renja.pdf" in files


def test_sop_pdf_needs_exactly_one_of_id_and_all(tmp_path: Path, capsys) -> None:
    assert main(["sop", "pdf", "-o", str(tmp_path / "x.pdf")]) == 2
    assert main(["sop", "pdf", "renja", "--all", "-o", str(tmp_path)]) == 2
    assert main(["sop", "pdf", "tidak-ada", "-o", str(tmp_path / "x.pdf")]) == 1


def test_sop_png_renders_offscreen(tmp_path: Path) -> None:
    target = tmp_path / "renja.png"
    result = run_cli("sop", "png", "renja", "-o", str(target), "--scale", "1.5",
                     env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    draft = run_cli("sop", "png", "ktp", "-o", str(tmp_path / "ktp.png"))
    assert draft.returncode == 1 and "belum dirinci" in draft.stderr
    bad_scale = run_cli("sop", "png", "renja", "-o", str(target), "--scale", "nol")
    assert bad_scale.returncode == 2
