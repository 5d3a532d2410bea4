"""The Surat Pengantar register: numbering shared with the surat keluar, validation with
nothing written, permissions, voiding with the version check, search, audit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import models
from jogoroto_desktop import session
from jogoroto_desktop.registers.pengantar import (
    AKTIF,
    ItemInput,
    SuratPengantarInput,
    batalkan_surat_pengantar,
    buat_surat_pengantar,
    find_surat_pengantar,
    items_of,
    query_surat_pengantar,
)
from jogoroto_desktop.registers.surat import DIBATALKAN
from jogoroto_desktop.registers.surat_keluar import (
    COUNTER_KELUAR,
    SuratKeluarInput,
    register_surat_keluar,
)
from jogoroto_desktop.validation import ValidationError

TODAY = dt.date(2026, 3, 10)
BERKAS = (ItemInput("Usulan kenaikan pangkat a.n. Siti Aminah", "1 (satu) berkas",
                    "Untuk diproses lebih lanjut"),
          ItemInput("Fotokopi SK pangkat terakhir", "2 (dua) lembar"))


def _input(**changes: object) -> SuratPengantarInput:
    values: dict = {"kepada": "Kepala BKPSDM Kabupaten Jombang", "tanggal": TODAY,
                    "items": BERKAS, "di": "Jombang", "klasifikasi": "800"}
    values.update(changes)
    return SuratPengantarInput(**values)


def test_numbers_come_from_the_surat_keluar_counter(database: Path) -> None:
    keluar = register_surat_keluar(SuratKeluarInput(
        klasifikasi="005", kepada="Kepala Desa Jogoroto", perihal="Undangan",
        tanggal="2026-03-09"), langsung_diagendakan=True, now=dt.datetime(2026, 3, 9, 9))
    sp = buat_surat_pengantar(_input(), today=TODAY)
    assert (keluar.urut, sp.urut) == (1, 2)
    assert sp.nomor == "800/2/415.67/2026" and sp.tahun == 2026 and sp.status == AKTIF
    assert [(i.urutan, i.jenis, i.banyaknya, i.keterangan) for i in items_of(sp)] == [
        (1, BERKAS[0].jenis, BERKAS[0].banyaknya, BERKAS[0].keterangan),
        (2, BERKAS[1].jenis, BERKAS[1].banyaknya, "")]
    assert sp.penandatangan.jabatan == "Camat"
    assert sp.dibuat_oleh == session.SETUP_ADMIN.label
    # The next surat keluar does not take the surat pengantar's number.
    later = register_surat_keluar(SuratKeluarInput(
        klasifikasi="005", kepada="Kepala Desa Ngumpul", perihal="Undangan",
        tanggal="2026-03-10"), langsung_diagendakan=True, now=dt.datetime(2026, 3, 10, 9))
    assert later.urut == 3
    row = models.Audit.get((models.Audit.tabel == "surat_pengantar")
                           & (models.Audit.aksi == "buat"))
    assert row.rekaman_id == sp.id and "800/2/415.67/2026" in row.ringkasan
    assert json.loads(row.perubahan)["items"] == [
        None, [[BERKAS[0].jenis, BERKAS[0].banyaknya, BERKAS[0].keterangan],
               [BERKAS[1].jenis, BERKAS[1].banyaknya, ""]]]


def test_defaults_today_camat_and_the_general_code(database: Path) -> None:
    sp = buat_surat_pengantar(SuratPengantarInput(
        kepada="Kepala Dinas Sosial", tanggal=None,
        items=[ItemInput("Data penerima bantuan", "1 berkas"), ItemInput("", "", "")]))
    assert sp.tanggal == dt.date.today() and sp.klasifikasi == "000"
    assert sp.nomor == f"000/1/415.67/{dt.date.today().year}"
    assert len(items_of(sp)) == 1  # the blank row is ignored


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"kepada": "  "}, "kepada", "wajib"),
    ({"kepada": "x" * 301}, "kepada", "terlalu panjang"),
    ({"items": ()}, "items", "paling sedikit satu"),
    ({"items": (ItemInput("", "", "   "),)}, "items", "paling sedikit satu"),
    ({"items": (ItemInput("Berkas", ""), ItemInput("", "2 lembar"))}, "items",
     "Baris 1: Banyaknya wajib diisi.\nBaris 2: Jenis yang dikirim wajib diisi."),
    ({"klasifikasi": "999"}, "klasifikasi", "tidak ada di tabel"),
    ({"tanggal": dt.date(2026, 3, 11)}, "tanggal", "sesudah hari ini"),
    ({"tanggal": dt.date(1900, 1, 1)}, "tanggal", "tidak masuk akal"),
    ({"penandatangan_jabatan": "Bupati"}, "penandatangan", "tidak ada di daftar pejabat"),
    ({"penandatangan_jabatan": ""}, "penandatangan", "wajib dipilih"),
])
def test_bad_input_is_refused_and_nothing_is_written(database: Path, changes: dict,
                                                     field: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        buat_surat_pengantar(_input(**changes), today=TODAY)
    assert words in caught.value.problems[field]
    assert models.SuratPengantar.select().count() == 0
    assert models.SuratPengantarItem.select().count() == 0
    assert models.Counter.select().where(models.Counter.name == COUNTER_KELUAR).count() == 0


def test_an_inactive_signer_is_refused(database: Path) -> None:
    models.Pejabat.update(aktif=False).where(models.Pejabat.jabatan == "Sekretaris Camat") \
        .execute()
    with pytest.raises(ValidationError, match="tidak aktif"):
        buat_surat_pengantar(_input(penandatangan_jabatan="Sekretaris Camat"), today=TODAY)


def test_only_numbering_roles_may_write_or_void(database: Path) -> None:
    sp = buat_surat_pengantar(_input(), today=TODAY)
    loket = session.Actor("loket", "Petugas Loket", "petugas_loket")
    with session.acting_as(loket), pytest.raises(session.PermissionDenied, match="nomor"):
        buat_surat_pengantar(_input(), today=TODAY)
    with session.acting_as(loket), pytest.raises(session.PermissionDenied):
        batalkan_surat_pengantar(sp, "salah tujuan")
    with session.acting_as(session.Actor("agendaris", "Rina", "agendaris")):
        second = buat_surat_pengantar(_input(), today=TODAY)
    assert second.dibuat_oleh == "Rina"
    assert models.SuratPengantar.select().count() == 2


def test_voiding_keeps_the_number_and_checks_the_version(database: Path) -> None:
    sp = buat_surat_pengantar(_input(), today=TODAY)
    stale = models.SuratPengantar.get_by_id(sp.id)
    with pytest.raises(ValidationError, match="Alasan pembatalan wajib"):
        batalkan_surat_pengantar(sp, "  ")
    batalkan_surat_pengantar(sp, "Salah tujuan, dibuat ulang")
    fresh = models.SuratPengantar.get_by_id(sp.id)
    assert (fresh.status, fresh.batal_alasan, fresh.nomor, fresh.versi) == (
        DIBATALKAN, "Salah tujuan, dibuat ulang", "800/1/415.67/2026", 2)
    with pytest.raises(ValidationError, match="sudah dibatalkan"):
        batalkan_surat_pengantar(fresh, "lagi")
    with pytest.raises(ValidationError, match="komputer lain"):
        batalkan_surat_pengantar(stale, "dari PC lain")  # read before the void
    row = models.Audit.get((models.Audit.aksi == "batal")
                           & (models.Audit.tabel == "surat_pengantar"))
    assert json.loads(row.perubahan)["status"] == [AKTIF, DIBATALKAN]
    # the next one gets the next number: a voided number is never reused
    assert buat_surat_pengantar(_input(), today=TODAY).urut == 2


def test_search_by_words_items_and_number(database: Path) -> None:
    first = buat_surat_pengantar(_input(), today=TODAY)
    second = buat_surat_pengantar(_input(kepada="Kepala Dinas Sosial", di="", items=(
        ItemInput("Proposal bantuan Masjid Al-Ikhlas", "1 berkas"),)), today=TODAY)
    old = buat_surat_pengantar(_input(tanggal=dt.date(2025, 12, 30)), today=TODAY)

    def ids(**kwargs: object) -> list[int]:
        return [sp.id for sp in query_surat_pengantar(**kwargs)]

    assert ids() == [second.id, first.id, old.id]
    assert ids(tahun=2025) == [old.id]
    assert ids(text="proposal") == [second.id]
    assert ids(text="bkpsdm pangkat", tahun=2026) == [first.id]
    assert ids(text="2/2026") == [second.id]
    assert ids(text="415.67/2025") == [old.id]
    assert find_surat_pengantar("2/2026") == second
    assert find_surat_pengantar("1", year=2025) == old
    assert find_surat_pengantar(first.nomor) == first
    assert find_surat_pengantar("9/2026") is None
