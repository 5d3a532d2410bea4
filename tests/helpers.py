"""Builders that several test modules share, so a sample record is written once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jogoroto_desktop.cli.main import main
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput


def cli(db_path: Path, *args: str) -> int:
    """Run the command line on the database at `db_path`; the exit code."""
    return main(["--db", str(db_path), *args])


def letter(**changes: object) -> SuratMasukInput:
    """A valid incoming letter dated today; `changes` override single fields."""
    values: dict = {"dari": "Bupati Jombang", "nomor_surat": "005/1/415.10/2026",
                    "tanggal_surat": dt.date.today(), "perihal": "Undangan rapat",
                    "klasifikasi": "005"}
    values.update(changes)
    return SuratMasukInput(**values)
