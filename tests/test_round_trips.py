"""Statement budgets found by the office-network benchmark (benchmarks/network.py): on
PostgreSQL over Wi-Fi every statement is a round trip, so these count the statements peewee
sends (on SQLite here; the benchmark measures the same on PostgreSQL through a delay).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import models
from benchmarks.network import logged_statements
from jogoroto_desktop import qr_keys
from jogoroto_desktop.registers import pelacakan as pl
from jogoroto_desktop.registers.disposisi import disposisi_chain, disposisi_targets, tulis_disposisi
from jogoroto_desktop.registers.surat import pejabat_by_jabatan
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk


@pytest.fixture(autouse=True)
def database(tmp_path: Path) -> Iterator[None]:
    """An SQLite database of its own (peewee logs the same statements for both engines)."""
    models.open_database(tmp_path / "jogoroto.db")
    yield
    models.close_database()


NOW = dt.datetime(2026, 11, 24, 9, 0)


def _letter() -> SuratMasukInput:
    return SuratMasukInput(dari="Bupati Jombang", nomor_surat="005/12/415.10/2026",
                           tanggal_surat="2026-11-20", perihal="Undangan Rapat",
                           tanggal_diterima="2026-11-23")


def test_issuing_a_number_inside_a_transaction_needs_no_savepoint() -> None:
    with models.db.atomic(), logged_statements() as sql:
        assert models.next_number("agenda_surat_masuk", 2026) == 1
    assert len(sql) == 1 and "SAVEPOINT" not in sql[0]
    with logged_statements() as sql:
        register_surat_masuk(_letter(), now=NOW)
    # 6: the audit row is chained (the head is locked and moved: one statement more).
    assert len(sql) <= 6 and not any("SAVEPOINT" in line for line in sql), sql


def test_a_disposisi_chain_reads_writers_and_addressees_in_two_queries() -> None:
    surat = register_surat_masuk(_letter(), now=NOW)
    camat, sekcam, kasubag = (pejabat_by_jabatan(j) for j in (
        "Camat", "Sekretaris Camat", "Kasubag Umum dan Kepegawaian"))
    tulis_disposisi(surat, camat, [sekcam, kasubag], ["Proses lebih lanjut"], now=NOW)
    tulis_disposisi(surat, sekcam, [kasubag], ["Arsipkan"], now=NOW)
    with logged_statements() as sql:
        chain = disposisi_chain(surat)
        shown = [(d.dari_pejabat.jabatan, [p.jabatan for p in disposisi_targets(d)])
                 for d in chain]
    assert len(sql) == 2, sql
    assert shown == [("Camat", ["Sekretaris Camat", "Kasubag Umum dan Kepegawaian"]),
                     ("Sekretaris Camat", ["Kasubag Umum dan Kepegawaian"])]
    fresh = models.Disposisi.get_by_id(chain[0].id)  # not from a chain: asks the database
    assert [p.jabatan for p in disposisi_targets(fresh)] == shown[0][1]


def test_where_every_tracker_run_stands_is_two_queries_however_many_runs() -> None:
    runs = [pl.buat_pelacakan("renja", f"Renja {year}", now=NOW) for year in range(2020, 2026)]
    pl.majukan(runs[0], oleh="Kasi Trantib", pada=NOW + dt.timedelta(hours=2),
               now=NOW + dt.timedelta(hours=3))
    later = NOW + dt.timedelta(days=30)
    with logged_statements() as sql:
        listed = pl.daftar_posisi(pl.query_pelacakan(("renja",)).order_by(models.Pelacakan.id),
                                  later)
    assert len(sql) == 2, sql
    assert listed == [pl.posisi(models.Pelacakan.get_by_id(run.id), later) for run in runs]
    assert listed[0].sejak == NOW + dt.timedelta(hours=2) and listed[1].sejak == NOW
    with logged_statements() as sql:
        assert pl.ringkasan(("renja",), later) == (6, sum(w.terlambat for w in listed))
    assert len(sql) == 2, sql


def test_the_qr_signing_key_is_one_read_once_it_exists() -> None:
    first = qr_keys.signing_key().private_bytes_raw()
    with logged_statements() as sql:
        assert qr_keys.signing_key().private_bytes_raw() == first
    assert len(sql) == 1, sql


def test_distinct_values_by_loose_index_scan_match_select_distinct() -> None:
    assert models.distinct_values(models.SuratMasuk.tahun) == []
    for year in (2026, 2024, 2026, 2025):
        register_surat_masuk(replace(_letter(), tanggal_surat=f"{year}-11-20",
                                     tanggal_diterima=f"{year}-11-23"), now=NOW)
    assert models.distinct_values(models.SuratMasuk.tahun) == [2024, 2025, 2026]
    everyone = [name for (name,) in models.Audit.select(models.Audit.oleh).distinct()
                .order_by(models.Audit.oleh).tuples()]
    assert models.distinct_values(models.Audit.oleh) == everyone and everyone


def test_buat_surat_from_a_template_takes_eleven_statements() -> None:
    """Template, request, its earlier letter, settings, officials, the number, the letter,
    the audit head and row, the SOP steps, this PC's published key: one statement each."""
    from jogoroto_desktop.naskah.buat import buat_naskah
    from tests.naskah_helpers import SKCK_ISIAN, isi_pejabat, permohonan

    isi_pejabat()
    first, second = permohonan(), permohonan()
    buat_naskah("rekomendasi-skck", layanan_id=first.id, isian=SKCK_ISIAN)  # the key is made
    with logged_statements() as sql:
        buat_naskah("rekomendasi-skck", layanan_id=second.id, isian=SKCK_ISIAN)
    assert len(sql) <= 11 and not any("SAVEPOINT" in line for line in sql), sql
