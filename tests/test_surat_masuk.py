"""Agenda Surat Masuk: agenda numbers, voiding, input checks, dates, search."""

from __future__ import annotations

import datetime as dt

import pytest

import models
from jogoroto_desktop.registers.surat import DIBATALKAN, pejabat_by_jabatan
from jogoroto_desktop.registers.surat_masuk import (
    AgendaFilter,
    SuratMasukInput,
    query_surat_masuk,
    register_surat_masuk,
    void_surat_masuk,
)
from jogoroto_desktop.validation import ValidationError, parse_tanggal

NOW = dt.datetime(2026, 11, 24, 9, 0)

pytestmark = pytest.mark.usefixtures("database")


def letter(**changes) -> SuratMasukInput:
    values = dict(dari="Dinas Kependudukan dan Pencatatan Sipil Kab. Jombang",
                  nomor_surat="470/1234/415.15/2026", tanggal_surat="2026-11-20",
                  perihal="Undangan Rapat Koordinasi Administrasi Kependudukan",
                  sifat="segera", klasifikasi="470", tanggal_diterima="2026-11-23")
    values.update(changes)
    return SuratMasukInput(**values)


def official(jabatan: str) -> models.Pejabat:
    found = pejabat_by_jabatan(jabatan)
    assert found is not None
    return found


def test_agenda_numbers_run_per_year_of_receipt() -> None:
    first = register_surat_masuk(letter(), now=NOW)
    second = register_surat_masuk(letter(), now=NOW)
    old = register_surat_masuk(letter(tanggal_surat="2025-12-20",
                                      tanggal_diterima="2025-12-30"), now=NOW)
    third = register_surat_masuk(letter(), now=NOW)
    assert [(s.tahun, s.nomor_agenda) for s in (first, second, old, third)] == [
        (2026, 1), (2026, 2), (2025, 1), (2026, 3)]


def test_a_voided_letter_keeps_its_number_and_the_number_is_never_reused() -> None:
    first = register_surat_masuk(letter(), now=NOW)
    void_surat_masuk(first, "Surat salah alamat, dikembalikan ke pengirim", now=NOW)
    again = models.SuratMasuk.get_by_id(first.id)
    assert again.status == DIBATALKAN and again.nomor_agenda == 1
    assert again.batal_alasan.startswith("Surat salah alamat")
    assert register_surat_masuk(letter(), now=NOW).nomor_agenda == 2
    with pytest.raises(ValidationError) as info:
        void_surat_masuk(again, "lagi", now=NOW)
    assert "sudah dibatalkan" in info.value.problems["status"]
    with pytest.raises(ValidationError):
        void_surat_masuk(register_surat_masuk(letter(), now=NOW), "   ", now=NOW)


def test_voiding_a_record_changed_elsewhere_is_refused() -> None:
    first = register_surat_masuk(letter(), now=NOW)
    stale = models.SuratMasuk.get_by_id(first.id)
    void_surat_masuk(first, "alasan pertama", now=NOW)
    with pytest.raises(ValidationError) as info:
        void_surat_masuk(stale, "alasan kedua", now=NOW)
    assert "komputer lain" in info.value.problems["versi"]


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"dari": ""}, "dari", "wajib"),
    ({"perihal": "x" * 501}, "perihal", "terlalu panjang"),
    ({"tanggal_surat": "2026-02-30"}, "tanggal_surat", "tidak ada di kalender"),
    ({"tanggal_surat": "kemarin"}, "tanggal_surat", "bukan tanggal"),
    ({"tanggal_surat": "2026-11-24"}, "tanggal_surat", "sesudah tanggal diterima"),
    ({"tanggal_diterima": "2026-12-01"}, "tanggal_diterima", "sesudah hari ini"),
    ({"klasifikasi": "999"}, "klasifikasi", "tidak ada"),
    ({"sifat": "kilat"}, "sifat", "tidak dikenal"),
    ({"nomor_surat": "1" * 101}, "nomor_surat", "terlalu panjang"),
])
def test_bad_input_is_refused_in_indonesian_and_writes_nothing(changes, field, words) -> None:
    with pytest.raises(ValidationError) as info:
        register_surat_masuk(letter(**changes), now=NOW)
    assert words in info.value.problems[field]
    assert models.SuratMasuk.select().count() == 0
    assert models.Langkah.select().count() == 0
    # and the failed attempt used up no number
    assert register_surat_masuk(letter(), now=NOW).nomor_agenda == 1


def test_dates_as_the_office_writes_them() -> None:
    assert parse_tanggal("4 Januari 2022") == dt.date(2022, 1, 4)
    assert parse_tanggal("04/01/2022") == dt.date(2022, 1, 4)
    assert parse_tanggal("2022-01-04") == dt.date(2022, 1, 4)
    with pytest.raises(ValueError):
        parse_tanggal("31 Februari 2022")


def test_filters_and_free_text_find_letters() -> None:
    register_surat_masuk(letter(), now=NOW)
    register_surat_masuk(letter(dari="Polsek Jogoroto", perihal="Laporan keamanan",
                                sifat="rahasia", klasifikasi="330"), now=NOW)
    register_surat_masuk(letter(tanggal_surat="2025-06-01", tanggal_diterima="2025-06-02"),
                         now=NOW)
    assert query_surat_masuk(AgendaFilter(tahun=2026)).count() == 2
    assert query_surat_masuk(AgendaFilter(teks="polsek")).count() == 1
    assert query_surat_masuk(AgendaFilter(teks="rapat adminduk")).count() == 0
    assert query_surat_masuk(AgendaFilter(teks="rapat koordinasi")).count() == 2
    assert query_surat_masuk(AgendaFilter(sifat="rahasia")).count() == 1
    assert query_surat_masuk(AgendaFilter(tahun=2025, bulan=6)).count() == 1
    assert query_surat_masuk(AgendaFilter(teks="2/2026")).count() == 1


def test_search_text_is_literal_and_long_numbers_do_not_break_it() -> None:
    register_surat_masuk(letter(perihal="Rapat koordinasi"), now=NOW)
    assert query_surat_masuk(AgendaFilter(teks="ra_at")).count() == 0
    assert query_surat_masuk(AgendaFilter(teks="r%t")).count() == 0
    assert query_surat_masuk(AgendaFilter(teks="1" * 25)).count() == 0
    with pytest.raises(ValidationError):
        register_surat_masuk(letter(), nomor_agenda="12", now=NOW)  # type: ignore[arg-type]
