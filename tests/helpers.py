"""Builders that several test modules share, so a sample record is written once."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from jogoroto_desktop.cli.main import main
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput
from jogoroto_desktop.sop.catalog import Sop, Step, shipped_catalog

IMB = "rekomendasi-imb"


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


def imb_detailed() -> Sop:
    """Pelayanan Rekomendasi IMB detailed (from nothing) by the Kasi Trantib."""
    actors = ("Pemohon", "Petugas Loket", "Kasi Trantib", "Camat")
    steps = (
        Step(1, "Pemohon mengajukan permohonan rekomendasi IMB", "Pemohon", "terminator",
             kelengkapan="Formulir permohonan, Fotokopi KTP, Fotokopi sertifikat tanah"),
        Step(2, "Petugas loket memverifikasi berkas", "Petugas Loket", "decision",
             waktu="10 menit", ya=3, tidak=1),
        Step(3, "Kasi Trantib meninjau lokasi dan membuat konsep rekomendasi", "Kasi Trantib",
             "process", waktu="2 hari", output="Konsep rekomendasi"),
        Step(4, "Camat menandatangani rekomendasi", "Camat", "process", waktu="1 hari"),
        Step(5, "Pemohon menerima rekomendasi IMB", "Pemohon", "terminator"),
    )
    base = shipped_catalog().get(IMB)
    return replace(base, status="rinci", actors=actors, steps=steps,
                   dasar_hukum=("Peraturan Daerah Kabupaten Jombang tentang Bangunan Gedung",))
