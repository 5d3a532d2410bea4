"""Agenda Surat Keluar: numbering from the template, moving along the SOP, input checks."""

from __future__ import annotations

import datetime as dt

import pytest

import models
from jogoroto_desktop.registers.ekspedisi import kirim_ekspedisi
from jogoroto_desktop.registers.surat import DIBATALKAN, JENIS_KELUAR, progress
from jogoroto_desktop.registers.surat_keluar import (
    TEMPLATE_SETTING,
    SuratKeluarInput,
    majukan_surat_keluar,
    register_surat_keluar,
    validate_template,
    void_surat_keluar,
)
from jogoroto_desktop.validation import ValidationError
from tests.test_surat_masuk import NOW

pytestmark = pytest.mark.usefixtures("database")


def test_outgoing_letters_are_numbered_when_agendakan_from_the_template() -> None:
    konsep = register_surat_keluar(SuratKeluarInput(
        klasifikasi="005", kepada="Kepala Desa se-Kecamatan Jogoroto",
        perihal="Undangan Musrenbang Kecamatan", pengolah="pmd", tanggal="2026-11-24"),
        now=NOW)
    assert konsep.nomor is None and konsep.status == "konsep"
    assert majukan_surat_keluar(konsep, "Sekcam", now=NOW) == "paraf_sekcam"
    assert majukan_surat_keluar(konsep, "Camat", now=NOW) == "ttd_camat"
    signed = register_surat_keluar(SuratKeluarInput(
        klasifikasi="800", kepada="Kepala BKPSDM Kab. Jombang",
        perihal="Usulan kenaikan pangkat", tanggal="2026-11-24"),
        langsung_diagendakan=True, now=NOW)
    assert signed.nomor == "800/1/415.67/2026"
    assert majukan_surat_keluar(konsep, "Agendaris", now=NOW) == "diagendakan"
    assert konsep.nomor == "005/2/415.67/2026"
    with pytest.raises(ValidationError):
        majukan_surat_keluar(konsep, "Agendaris", now=NOW)  # sending goes through ekspedisi
    kirim_ekspedisi("Undangan Musrenbang", "Kepala Desa", surat_keluar=konsep,
                    dikirim_pada=NOW)
    assert models.SuratKeluar.get_by_id(konsep.id).status == "dikirim"
    done = [s.no for s in progress(JENIS_KELUAR, konsep.id) if s.oleh]
    assert done == [1, 2, 3, 4, 5, 6]


def test_a_letter_saved_as_already_signed_shows_the_steps_before_it_done() -> None:
    signed = register_surat_keluar(SuratKeluarInput(
        klasifikasi="800", kepada="Kepala BKPSDM Kab. Jombang", perihal="Usulan"),
        langsung_diagendakan=True, now=NOW)
    steps = progress(JENIS_KELUAR, signed.id)
    assert [s.no for s in steps if s.oleh] == [1, 2, 3, 4, 5]
    assert "di atas kertas" in steps[2].catatan and "di atas kertas" not in steps[4].catatan


def test_template_is_configurable_and_checked() -> None:
    models.set_setting(TEMPLATE_SETTING, "{kode}/{urut}/415.67/{bulan}/{tahun}")
    signed = register_surat_keluar(SuratKeluarInput(
        klasifikasi="005", kepada="Camat Diwek", perihal="Undangan", tanggal="2026-03-02"),
        langsung_diagendakan=True, now=NOW)
    assert signed.nomor == "005/1/415.67/3/2026"
    for bad in ("{kode}/415.67/{tahun}", "{kode}/{urut}/{unit}"):
        with pytest.raises(ValidationError):
            validate_template(bad)


def test_outgoing_letter_input_is_checked() -> None:
    with pytest.raises(ValidationError) as info:
        register_surat_keluar(SuratKeluarInput(klasifikasi="", kepada="", perihal="x",
                                               pengolah="dinas-lain"), now=NOW)
    assert set(info.value.problems) == {"klasifikasi", "kepada", "pengolah"}
    assert models.SuratKeluar.select().count() == 0


def test_moving_a_letter_another_pc_voided_is_refused_and_nothing_changes() -> None:
    konsep = register_surat_keluar(SuratKeluarInput(
        klasifikasi="005", kepada="Kepala Desa Sumbermulyo", perihal="Undangan"), now=NOW)
    stale = models.SuratKeluar.get_by_id(konsep.id)
    void_surat_keluar(konsep, "Acara ditunda", now=NOW)
    with pytest.raises(ValidationError) as info:
        majukan_surat_keluar(stale, "Sekcam", now=NOW)
    assert "komputer lain" in info.value.problems["versi"]
    assert stale.status == "konsep"  # the object is unchanged too
    fresh = models.SuratKeluar.get_by_id(konsep.id)
    assert fresh.status == DIBATALKAN and fresh.batal_alasan == "Acara ditunda"


def test_numbering_dates_the_letter_when_it_is_numbered_and_credits_the_sekcam() -> None:
    konsep = register_surat_keluar(SuratKeluarInput(
        klasifikasi="005", kepada="Kepala Desa Jogoroto", perihal="Undangan",
        tanggal="2025-12-30"), now=dt.datetime(2025, 12, 30, 10, 0))
    january = dt.datetime(2026, 1, 5, 9, 0)
    for _ in range(3):
        majukan_surat_keluar(konsep, "Camat", now=january)
    assert konsep.nomor == "005/1/415.67/2026" and konsep.tanggal == january.date()
    step4 = progress(JENIS_KELUAR, konsep.id)[3]
    assert step4.oleh == "Sekretaris Camat"


@pytest.mark.parametrize("template", ["{kode}/{urut}/{tahun", "{kode}/{urut}/415.67",
                                      "{kode}/{}/{tahun}"])
def test_templates_numbering_cannot_use_are_refused(template: str) -> None:
    with pytest.raises(ValidationError):
        validate_template(template)
