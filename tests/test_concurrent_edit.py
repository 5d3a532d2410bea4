"""Two PCs editing the same record: the second save shows what the first changed and writes
nothing; edits of other fields and status changes do not get in the way."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import models
from jogoroto_desktop import pengaturan, session
from jogoroto_desktop.registers.disposisi import tulis_disposisi
from jogoroto_desktop.registers.edits import EditConflict
from jogoroto_desktop.registers.surat_keluar import (
    SuratKeluarInput,
    register_surat_keluar,
    update_surat_keluar,
)
from jogoroto_desktop.registers.surat_masuk import (
    MASUK_DIDISPOSISI,
    get_surat_masuk,
    register_surat_masuk,
    update_surat_masuk,
    void_surat_masuk,
)
from jogoroto_desktop.validation import ValidationError
from tests.helpers import letter

TODAY = dt.date.today()


def test_second_save_of_the_same_field_is_refused_with_both_values(database: Path) -> None:
    surat = register_surat_masuk(letter())
    pc_a = get_surat_masuk(surat.tahun, surat.nomor_agenda)  # both PCs open the letter
    pc_b = get_surat_masuk(surat.tahun, surat.nomor_agenda)
    with session.acting_as(session.Actor("siti", "Siti Aminah", "agendaris")):
        saved = update_surat_masuk(pc_a, letter(perihal="Undangan rapat kerja",
                                                sifat="segera"))
    assert (saved.perihal, saved.versi) == ("Undangan rapat kerja", 2)
    with pytest.raises(EditConflict) as conflict:
        update_surat_masuk(pc_b, letter(perihal="Undangan rapat koordinasi"))
    error = conflict.value
    assert error.by == "Siti Aminah"
    assert [(f.field, f.theirs, f.yours, f.you_changed) for f in error.conflicts] == [
        ("perihal", "Undangan rapat kerja", "Undangan rapat koordinasi", True),
        ("sifat", "segera", "biasa", False),
    ]
    message = error.problems["versi"]
    assert "oleh Siti Aminah" in message
    assert "Perihal: \u201cUndangan rapat kerja\u201d (isian Anda: \u201cUndangan rapat " \
           "koordinasi\u201d)" in message
    assert "Sifat: \u201csegera\u201d (tidak Anda ubah)" in message
    assert "Muat ulang" in message
    stored = models.SuratMasuk.get_by_id(surat.id)
    assert (stored.perihal, stored.sifat, stored.versi) == ("Undangan rapat kerja", "segera", 2)
    # after reloading, the second PC's edit goes through
    update_surat_masuk(stored, letter(perihal="Undangan rapat koordinasi", sifat="segera"))
    assert models.SuratMasuk.get_by_id(surat.id).perihal == "Undangan rapat koordinasi"
    edits = models.Audit.select().where(models.Audit.aksi == "ubah").order_by(models.Audit.id)
    assert [json.loads(e.perubahan)["perihal"][1] for e in edits] == [
        "Undangan rapat kerja", "Undangan rapat koordinasi"]


def test_two_connections_like_two_pcs(database: Path) -> None:
    """The same race through two separate database connections."""
    surat = register_surat_masuk(letter())
    pc_b_read = models.SuratMasuk.get_by_id(surat.id)
    models.close_database()
    models.open_database(database)  # PC A
    update_surat_masuk(models.SuratMasuk.get_by_id(surat.id), letter(lampiran="2 lembar"))
    models.close_database()
    models.open_database(database)  # PC B saves what it read before A's save
    with pytest.raises(EditConflict, match="Lampiran: \u201c2 lembar\u201d"):
        update_surat_masuk(pc_b_read, letter(lampiran="1 berkas"))
    assert models.SuratMasuk.get_by_id(surat.id).lampiran == "2 lembar"


def test_edits_of_different_fields_both_stay(database: Path) -> None:
    surat = register_surat_masuk(letter())
    pc_b = models.SuratMasuk.get_by_id(surat.id)
    update_surat_masuk(surat, letter(lampiran="2 lembar"))
    update_surat_masuk(pc_b, letter(perihal="Undangan rapat kerja"))
    stored = models.SuratMasuk.get_by_id(surat.id)
    assert (stored.lampiran, stored.perihal, stored.versi) == ("2 lembar",
                                                               "Undangan rapat kerja", 3)


def test_status_change_elsewhere_does_not_block_an_edit(database: Path) -> None:
    surat = register_surat_masuk(letter())
    read = models.SuratMasuk.get_by_id(surat.id)
    tulis_disposisi(surat, models.Pejabat.get(models.Pejabat.jabatan == "Camat"),
                    [models.Pejabat.get(models.Pejabat.jabatan == "Sekretaris Camat")],
                    ["Arsipkan"])
    saved = update_surat_masuk(read, letter(perihal="Undangan rapat kerja"))
    assert (saved.perihal, saved.status) == ("Undangan rapat kerja", MASUK_DIDISPOSISI)


def test_edit_checks_the_fields_and_keeps_the_number(database: Path) -> None:
    surat = register_surat_masuk(letter())
    with pytest.raises(ValidationError) as bad:
        update_surat_masuk(surat, letter(perihal=" ", sifat="kilat",
                                         tanggal_surat=TODAY + dt.timedelta(days=1)))
    assert set(bad.value.problems) == {"perihal", "sifat", "tanggal_surat"}
    unchanged = update_surat_masuk(surat, letter())
    assert unchanged.versi == 1  # nothing changed, nothing written
    void_surat_masuk(surat, "dobel")
    with pytest.raises(ValidationError, match="dibatalkan"):
        update_surat_masuk(models.SuratMasuk.get_by_id(surat.id), letter(perihal="X lagi"))


def test_surat_keluar_edit_conflict_and_numbered_fields(database: Path) -> None:
    data = SuratKeluarInput(klasifikasi="005", kepada="Bupati Jombang", perihal="Laporan")
    surat = register_surat_keluar(data)
    other_pc = models.SuratKeluar.get_by_id(surat.id)
    update_surat_keluar(surat, SuratKeluarInput(klasifikasi="005", kepada="Bupati Jombang",
                                                perihal="Laporan bulanan"))
    with pytest.raises(EditConflict, match="Laporan bulanan"):
        update_surat_keluar(other_pc, SuratKeluarInput(
            klasifikasi="005", kepada="Bupati Jombang", perihal="Laporan tahunan"))
    numbered = register_surat_keluar(data, langsung_diagendakan=True)
    with pytest.raises(ValidationError, match="sudah bernomor"):
        update_surat_keluar(numbered, SuratKeluarInput(klasifikasi="470",
                                                       kepada="Bupati Jombang",
                                                       perihal="Laporan"))


def test_pejabat_edit_conflict(database: Path) -> None:
    read_a = models.Pejabat.get(models.Pejabat.jabatan == "Camat")
    read_b = models.Pejabat.get(models.Pejabat.jabatan == "Camat")
    pengaturan.simpan_pejabat({"nama": "Dra. Sri Wahyuni", "nip": read_a.nip}, read_a)
    with pytest.raises(EditConflict, match="Nama: \u201cDra. Sri Wahyuni\u201d"):
        pengaturan.simpan_pejabat({"nama": "Drs. Budi"}, read_b)
    # a different field of the same official is not a conflict
    saved = pengaturan.simpan_pejabat({"pangkat": "Pembina Utama Muda"}, read_b)
    assert (saved.nama, saved.pangkat, saved.versi) == ("Dra. Sri Wahyuni",
                                                        "Pembina Utama Muda", 3)


def test_edit_conflict_on_postgresql(pg_url: str) -> None:
    models.open_database(pg_url)
    surat = register_surat_masuk(letter())
    other_pc = models.SuratMasuk.get_by_id(surat.id)
    update_surat_masuk(surat, letter(perihal="Undangan rapat kerja"))
    with pytest.raises(EditConflict, match="Perihal"):
        update_surat_masuk(other_pc, letter(perihal="Undangan rapat koordinasi"))
    saved = update_surat_masuk(other_pc, letter(lampiran="1 berkas"))
    assert (saved.perihal, saved.lampiran, saved.versi) == ("Undangan rapat kerja", "1 berkas", 3)
