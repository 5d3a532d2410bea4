"""The shared runner of the CLI's database commands: what each kind of error prints, and that
the database is closed whatever happens."""

from __future__ import annotations

import argparse
from pathlib import Path

import peewee
import pytest

import models
from jogoroto_desktop.cli.common import EXIT_ERROR, EXIT_OK, Command, cut, run_with_database
from jogoroto_desktop.session import PermissionDenied
from jogoroto_desktop.validation import ValidationError


def _is_open() -> bool:
    return models.db.obj is not None and not models.db.is_closed()


def _args(tmp_path: Path) -> argparse.Namespace:
    return argparse.Namespace(db=str(tmp_path / "runner.sqlite3"))


def _raising(exc: Exception) -> Command:
    """A command that raises `exc` while the database is open."""
    def command(_args: argparse.Namespace) -> int:
        assert _is_open()
        raise exc
    return command


def test_a_command_runs_on_the_open_database_which_is_closed_after(tmp_path: Path) -> None:
    seen = []

    def command(_args: argparse.Namespace) -> int:
        seen.append(_is_open())
        return EXIT_OK

    assert run_with_database(_args(tmp_path), command) == EXIT_OK
    assert seen == [True] and not _is_open()


def test_validation_problems_name_the_option_typed(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    error = ValidationError({"nama": "Nama wajib diisi.", "lain": "Ada yang salah."})
    code = run_with_database(_args(tmp_path), _raising(error), options={"nama": "--nama"})
    assert code == EXIT_ERROR and not _is_open()
    assert capsys.readouterr().err.splitlines() == [
        "--nama: Nama wajib diisi.", "Ada yang salah.", "Tidak ada yang dicatat."]


def test_a_refusal_prints_its_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    refusal = PermissionDenied("Peran Anda tidak berwenang.")
    assert run_with_database(_args(tmp_path), _raising(refusal)) == EXIT_ERROR
    assert capsys.readouterr().err.splitlines() == [
        "Peran Anda tidak berwenang.", "Tidak ada yang dicatat."]
    run_with_database(_args(tmp_path), _raising(refusal), denial_on_one_line=True)
    assert capsys.readouterr().err == "Peran Anda tidak berwenang. Tidak ada yang dicatat.\n"
    run_with_database(_args(tmp_path), _raising(refusal), nothing_written=False)
    assert capsys.readouterr().err == "Peran Anda tidak berwenang.\n"


def test_reported_and_database_errors_print_one_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run_with_database(_args(tmp_path), _raising(LookupError("Tidak ditemukan.")),
                             reported=(LookupError,))
    assert code == EXIT_ERROR and capsys.readouterr().err == "Tidak ditemukan.\n"
    broken = peewee.IntegrityError("UNIQUE constraint failed:\n  pegawai.nip")
    assert run_with_database(_args(tmp_path), _raising(broken)) == EXIT_ERROR
    assert capsys.readouterr().err == (
        "Galat basis data: UNIQUE constraint failed: pegawai.nip\n")
    with pytest.raises(LookupError):  # an error type not reported is not swallowed
        run_with_database(_args(tmp_path), _raising(LookupError("x")))
    assert not _is_open()


def test_a_database_that_cannot_be_opened_is_reported(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    not_a_database = tmp_path / "bukan.sqlite3"
    not_a_database.write_bytes(b"ini bukan basis data SQLite" * 100)
    args = argparse.Namespace(db=str(not_a_database))
    assert run_with_database(args, _raising(AssertionError("not run"))) == EXIT_ERROR
    assert capsys.readouterr().err.strip()


def test_cut_pads_or_shortens_to_the_width() -> None:
    assert cut("Dinas  Pendidikan\n", 10) == "Dinas Pen\u2026"
    assert cut("Camat", 8) == "Camat   "
