"""The kecamatan's desa list: shipped as data, edited in Pengaturan (audited, admin only),
offered in the layanan request form, which still takes any other place as typed."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

import models
from jogoroto_desktop import pengaturan, session
from jogoroto_desktop.desa import DESA_SETTING, daftar_desa, desa_bawaan
from jogoroto_desktop.kop_settings import load_kop_input
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.registers.surat_keluar import nomor_template
from jogoroto_desktop.setup import default_paper

ELEVEN = ["Alang-Alang Caruban", "Janti", "Jarak Kulon", "Jogoroto", "Mayangan", "Ngumpul",
          "Sambirejo", "Sawiji", "Sukosari", "Sumbermulyo", "Tambar"]


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "desa.db")
    yield
    models.close_database()


def saved_with(desa: list[str]) -> pengaturan.PengaturanProblems:
    read = pengaturan.daftar_pejabat()
    return pengaturan.simpan_pengaturan(pengaturan.PengaturanInput(
        pejabat=read, pejabat_dibaca=read, template=nomor_template(), kertas=default_paper(),
        kop=load_kop_input(), desa=desa))


def test_the_eleven_desa_of_jogoroto_are_the_default(database) -> None:
    assert desa_bawaan() == ELEVEN
    assert daftar_desa() == ELEVEN


def test_the_list_is_edited_in_pengaturan_audited_and_checked(database) -> None:
    audits = models.Audit.select().count()
    assert not saved_with([*ELEVEN, "  Banjardowo "])
    assert daftar_desa() == [*ELEVEN, "Banjardowo"]
    assert models.Audit.select().count() == audits + 1
    problems = saved_with(["Janti", "janti"])
    assert "dua kali" in problems.desa["desa"]
    assert "kosong" in saved_with(["", " "]).desa["desa"]
    assert daftar_desa() == [*ELEVEN, "Banjardowo"]  # nothing written with a problem
    with session.acting_as(session.Actor("loket", "Rina", "petugas_loket")):
        assert saved_with(["Janti"]).izin
    assert models.Setting.get(models.Setting.key == DESA_SETTING).value.startswith("Alang")


def test_the_list_is_edited_in_the_pengaturan_dialog(qtbot, database) -> None:
    from ui.settings_dialog import PengaturanDialog

    settings = PengaturanDialog()
    qtbot.addWidget(settings)
    tab = settings.desa_tab
    assert tab.values() == ELEVEN
    tab.add()
    tab.names.item(tab.names.count() - 1).setText("Banjardowo")
    settings.ok_button.click()
    assert settings.saved and daftar_desa()[-1] == "Banjardowo"


def test_the_form_offers_the_list_and_keeps_a_place_outside_the_kecamatan(qtbot,
                                                                          database) -> None:
    from ui.layanan_forms import PermohonanDialog

    assert not saved_with([*ELEVEN, "Banjardowo"])
    dialog = PermohonanDialog(ly.layanan_seksi("sekretariat"))
    qtbot.addWidget(dialog)
    offered = [dialog.desa.itemText(i) for i in range(dialog.desa.count())]
    assert offered == [*ELEVEN, "Banjardowo"]
    dialog.desa.setEditText("Kepuhkembeng, Kec. Peterongan")  # out of the kecamatan
    assert dialog.values().desa == "Kepuhkembeng, Kec. Peterongan"
    dialog.desa.setCurrentIndex(dialog.desa.findText("Sawiji"))
    assert dataclasses.asdict(dialog.values())["desa"] == "Sawiji"
