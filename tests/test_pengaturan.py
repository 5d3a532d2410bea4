"""The Pengaturan save in the domain: every problem comes back with its message, keyed by the
field and the tab it belongs to, and nothing is written while there is one."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

import models
from jogoroto_desktop import pengaturan, session
from jogoroto_desktop.kop_settings import load_kop_input, logo_bytes
from jogoroto_desktop.registers.surat_keluar import DEFAULT_TEMPLATE, nomor_template
from jogoroto_desktop.setup import default_paper


@pytest.fixture(autouse=True)
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "pengaturan.db")
    yield
    models.close_database()


def as_read(**changes: object) -> pengaturan.PengaturanInput:
    """What the dialog holds right after opening, with `changes`."""
    read = pengaturan.daftar_pejabat()
    values: dict = {"pejabat": pengaturan.daftar_pejabat(), "pejabat_dibaca": read,
                    "template": nomor_template(), "kertas": default_paper(),
                    "kop": load_kop_input()}
    values.update(changes)
    return pengaturan.PengaturanInput(**values)


def edited(row: int, **changes: object) -> list[pengaturan.PejabatDraft]:
    drafts = pengaturan.daftar_pejabat()
    drafts[row] = dataclasses.replace(drafts[row], **changes)
    return drafts


def stored_state() -> str:
    """Everything a save could touch, as one comparable text."""
    rows = {
        "pejabat": list(models.Pejabat.select().order_by(models.Pejabat.id).dicts()),
        "setting": list(models.Setting.select().order_by(models.Setting.key).dicts()),
        "audit": models.Audit.select().count(),
    }
    return json.dumps(rows, default=str, sort_keys=True)


def png(size: tuple[int, int] = (200, 240)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def row_of(jabatan: str) -> int:
    return next(i for i, d in enumerate(pengaturan.daftar_pejabat()) if d.jabatan == jabatan)


def new_official(**changes: object) -> pengaturan.PejabatDraft:
    new = pengaturan.PejabatDraft(None, "Kasi Pelayanan", "", "", "", "", 99, True)
    return dataclasses.replace(new, **changes)


@pytest.mark.parametrize(("change", "tab", "field", "message"), [
    (lambda: {"pejabat": edited(0, jabatan="  ")}, "pejabat", "jabatan",
     "Jabatan wajib diisi."),
    # the first of the two is named (the list is checked top down)
    (lambda: {"pejabat": edited(row_of("Sekretaris Camat"), jabatan=" CAMAT ")},
     "pejabat", "jabatan", "Jabatan \u201cCamat\u201d sudah ada di daftar."),
    (lambda: {"pejabat": edited(0, nama="x" * 201)}, "pejabat", "nama",
     "Nama terlalu panjang (paling banyak 200 karakter)."),
    (lambda: {"pejabat": edited(0, pangkat="x" * 201)}, "pejabat", "pangkat",
     "Pangkat terlalu panjang (paling banyak 200 karakter)."),
    (lambda: {"pejabat": edited(0, nip="19780312 200501 2 01")}, "pejabat", "nip",
     "NIP harus 18 angka, yang diketik 17 angka."),
    (lambda: {"pejabat": edited(0, seksi="tidak-ada")}, "pejabat", "seksi",
     "Seksi tidak dikenal."),
    (lambda: {"template": "{kode}/{urut}/415.67"}, "penomoran", "template",
     "Template nomor harus memuat {urut} dan {tahun}."),
    (lambda: {"kertas": "Letter"}, "penomoran", "kertas",
     "Kertas 'Letter' tidak dikenal; pilih A4 atau F4."),
    (lambda: {"kop": dataclasses.replace(load_kop_input(), instansi=" ")}, "kop", "instansi",
     "Nama instansi wajib diisi."),
    (lambda: {"kop": dataclasses.replace(load_kop_input(), tempat="")}, "kop", "tempat",
     "Tempat penandatanganan wajib diisi."),
    (lambda: {"logo": b"GIF89a not a png"}, "kop", "logo", "logo bukan gambar PNG atau JPEG."),
])
def test_each_problem_comes_back_with_its_message_and_nothing_is_written(
        change, tab: str, field: str, message: str) -> None:
    before = stored_state()
    problems = pengaturan.simpan_pengaturan(as_read(**change()))
    assert problems
    assert getattr(problems, tab) == {field: message}
    assert stored_state() == before


def test_the_template_must_number_the_letters() -> None:
    problems = pengaturan.simpan_pengaturan(as_read(template="{kode}/415.67/{tahun}"))
    assert "{urut}" in problems.penomoran["template"]
    problems = pengaturan.simpan_pengaturan(as_read(template="{kode}/{urut}/415.67/{tahun"))
    assert problems.penomoran["template"]
    assert nomor_template() == DEFAULT_TEMPLATE


def test_the_first_official_with_a_problem_is_named_and_nothing_else_is_written() -> None:
    before = stored_state()
    camat = row_of("Camat")
    drafts = edited(camat, nama="Dra. Sri Wahyuni")  # fine, but not written alone
    drafts.append(new_official(jabatan=""))
    drafts.append(new_official(nip="123"))
    problems = pengaturan.simpan_pengaturan(as_read(pejabat=drafts, kertas="F4"))
    assert problems.pejabat_row == len(drafts) - 2
    assert problems.pejabat == {"jabatan": "Jabatan wajib diisi."}
    assert stored_state() == before


def test_problems_of_every_tab_come_back_together() -> None:
    problems = pengaturan.simpan_pengaturan(as_read(
        pejabat=edited(0, nip="123"), template="{urut}", kertas="B5",
        kop=dataclasses.replace(load_kop_input(), instansi="")))
    assert set(problems.pejabat) == {"nip"}
    assert set(problems.penomoran) == {"template", "kertas"}
    assert set(problems.kop) == {"instansi"}


def test_a_valid_save_writes_every_tab_in_one_go() -> None:
    camat = row_of("Camat")
    drafts = edited(camat, nama=" Dra.  Sri Wahyuni ", nip="196908141997032003")
    drafts.append(new_official())
    logo = png()
    problems = pengaturan.simpan_pengaturan(as_read(
        pejabat=drafts, template="{kode}/{urut}/415.67/{bulan}/{tahun}", kertas="F4",
        kop=dataclasses.replace(load_kop_input(), alamat="Jl. Raya Jogoroto No. 12"),
        logo=logo))
    assert not problems
    stored = models.Pejabat.get(models.Pejabat.jabatan == "Camat")
    assert (stored.nama, stored.nip) == ("Dra. Sri Wahyuni", "19690814 199703 2 003")
    assert drafts[-1].id == models.Pejabat.get(models.Pejabat.jabatan == "Kasi Pelayanan").id
    assert drafts[camat].read.versi == stored.versi  # the next save checks against this one
    assert nomor_template() == "{kode}/{urut}/415.67/{bulan}/{tahun}"
    assert default_paper() == "F4"
    assert load_kop_input().alamat == "Jl. Raya Jogoroto No. 12"
    assert logo_bytes() == logo


def test_another_pcs_edit_is_a_problem_and_rolls_the_whole_save_back() -> None:
    camat = row_of("Camat")
    read = pengaturan.daftar_pejabat()
    pengaturan.simpan_pejabat({"nama": "Dra. Sri Wahyuni"}, read[camat].read)  # the other PC
    before = stored_state()
    drafts = [dataclasses.replace(d) for d in read]
    drafts[camat].nama = "Drs. Budi"
    drafts.append(new_official())
    problems = pengaturan.simpan_pengaturan(as_read(pejabat=drafts, pejabat_dibaca=read,
                                                    kertas="F4"))
    assert problems.pejabat_row is None
    assert problems.pejabat["simpan"].startswith("Tidak tersimpan. Data pejabat Camat sudah "
                                                 "diubah di komputer lain")
    assert "Nama: \u201cDra. Sri Wahyuni\u201d (isian Anda: \u201cDrs. Budi\u201d)" in \
        problems.pejabat["simpan"]
    assert stored_state() == before
    assert drafts[-1].id is None  # still new: the next save creates it


def test_a_jabatan_another_pc_added_meanwhile_is_a_problem() -> None:
    data = as_read(pejabat=[*pengaturan.daftar_pejabat(), new_official()])
    pengaturan.simpan_pejabat({"jabatan": "Kasi Pelayanan", "nama": "", "pangkat": "",
                               "nip": "", "seksi": "", "urutan": 50, "aktif": True})
    before = stored_state()
    problems = pengaturan.simpan_pengaturan(data)
    assert problems.pejabat == {"simpan": "Tidak tersimpan: ada jabatan yang sama dengan "
                                          "jabatan lain. Periksa daftar."}
    assert stored_state() == before


def test_without_the_permission_nothing_is_written() -> None:
    before = stored_state()
    with session.acting_as(session.Actor("loket", "Rina", "petugas_loket")):
        problems = pengaturan.simpan_pengaturan(as_read(kertas="F4"))
    assert "tidak berwenang mengubah pengaturan" in problems.izin
    assert stored_state() == before
