"""Builders that several test modules share, so a sample record is written once."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from jogoroto_desktop.cli.main import main
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput
from jogoroto_desktop.sop.catalog import Sop, Step, shipped_catalog
from models import Permohonan

IMB = "rekomendasi-imb"


def run(db_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    """Run the command line, which must succeed; its output lines."""
    code = cli(db_path, *args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out.strip().splitlines()


def refused(db_path: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run the command line, which must refuse (exit 1); what it said on stderr."""
    assert cli(db_path, *args) == 1
    return capsys.readouterr().err


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


def collected_request(sop_id: str = "legalisir", when: dt.datetime | None = None,
                      nama: str = "Siti Aminah") -> Permohonan:
    """A service request registered at ``when`` (default: an hour ago), walked through every
    SOP step and collected at the Buku Pengambilan ten minutes later."""
    from jogoroto_desktop.registers import layanan as ly

    when = when or (dt.datetime.now() - dt.timedelta(hours=1)).replace(microsecond=0)
    p = ly.daftar(ly.PermohonanInput(sop_id=sop_id, nama=nama, nik="3517125408900002",
                                     alamat="Dusun Sumbermulyo RT 02 RW 01",
                                     desa="Sumbermulyo", semua_syarat_ada=True), now=when)
    step = 0
    while p.status not in ly.SIAP:
        step += 1
        ly.lanjut(p, now=when + dt.timedelta(minutes=step))
    ly.ambil(p, nama, now=when + dt.timedelta(minutes=10))
    return p


def count_rows(db_path: Path, model: type) -> int:
    """How many rows ``model`` holds in the database at ``db_path`` (opened and closed)."""
    import models

    models.open_database(db_path)
    try:
        return model.select().count()
    finally:
        models.close_database()


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
