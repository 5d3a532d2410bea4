"""Buku Ekspedisi: what may be sent, and the receipt recorded once."""

from __future__ import annotations

import datetime as dt

import pytest

import models
from jogoroto_desktop.registers.ekspedisi import kirim_ekspedisi, terima_ekspedisi
from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, register_surat_keluar
from jogoroto_desktop.validation import ValidationError
from tests.test_surat_masuk import NOW

pytestmark = pytest.mark.usefixtures("database")


def test_only_numbered_letters_go_out_and_a_receipt_is_recorded_once() -> None:
    konsep = register_surat_keluar(SuratKeluarInput(
        klasifikasi="005", kepada="Kepala Desa Ngumpul", perihal="Undangan"), now=NOW)
    with pytest.raises(ValidationError):
        kirim_ekspedisi("Undangan", "Kepala Desa Ngumpul", surat_keluar=konsep,
                        dikirim_pada=NOW)
    sent = dt.datetime.now() - dt.timedelta(days=1)
    entry = kirim_ekspedisi("Berkas SPJ", "BPKAD Kab. Jombang", dikirim_pada=sent)
    with pytest.raises(ValidationError):
        terima_ekspedisi(entry, "")
    with pytest.raises(ValidationError):
        terima_ekspedisi(entry, "Siti Aminah", dt.datetime.now() + dt.timedelta(days=1))
    terima_ekspedisi(entry, "Siti Aminah", sent + dt.timedelta(hours=2))
    with pytest.raises(ValidationError) as info:
        terima_ekspedisi(entry, "Orang lain", sent + dt.timedelta(hours=3))
    assert "sudah dicatat" in info.value.problems["diterima_oleh"]
    assert models.Ekspedisi.get_by_id(entry.id).diterima_oleh == "Siti Aminah"
