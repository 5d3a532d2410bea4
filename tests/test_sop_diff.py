"""The difference between two SOP versions (jogoroto_desktop.sop.diff), as the Camat reads it."""

from __future__ import annotations

import dataclasses

import pytest

from jogoroto_desktop.sop.catalog import Sop, Step, default_catalog
from jogoroto_desktop.sop.diff import (
    LANGKAH_HAPUS,
    LANGKAH_PINDAH,
    LANGKAH_TAMBAH,
    LANGKAH_UBAH,
    bandingkan,
    kutip,
    similarity,
)


@pytest.fixture(scope="module")
def legalisir() -> Sop:
    sop = default_catalog().get("legalisir")
    assert sop is not None
    return sop


def renumbered(steps: list[Step]) -> tuple[Step, ...]:
    return tuple(dataclasses.replace(step, no=index + 1) for index, step in enumerate(steps))


def test_same_version_has_no_changes(legalisir: Sop) -> None:
    result = bandingkan(legalisir, legalisir)
    assert result.kosong
    assert list(result.kelompok()) == []
    assert result.ringkasan() == "Tidak ada perubahan"


def test_identitas_field_and_list_changes(legalisir: Sop) -> None:
    new = dataclasses.replace(
        legalisir, nomor="065/99.SOP.SEK/415.67/2027",
        dasar_hukum=(*legalisir.dasar_hukum, "Peraturan Bupati Jombang Nomor 1 Tahun 2027"),
        peralatan_perlengkapan=legalisir.peralatan_perlengkapan[1:],
    )
    result = bandingkan(legalisir, new)
    assert [(c.kolom, c.lama, c.baru) for c in result.identitas] == [
        ("nomor", legalisir.nomor, "065/99.SOP.SEK/415.67/2027")]
    by_field = {d.kolom: d for d in result.daftar}
    assert by_field["dasar_hukum"].ditambah == ("Peraturan Bupati Jombang Nomor 1 Tahun 2027",)
    assert by_field["peralatan_perlengkapan"].dihapus == legalisir.peralatan_perlengkapan[:1]
    groups = dict(result.kelompok())
    assert "Dasar Hukum: ditambah “Peraturan Bupati Jombang Nomor 1 Tahun 2027”" in \
        groups["Identitas"]
    assert result.langkah == ()
    assert result.pelaksana.kosong


def test_list_reorder_and_spacing(legalisir: Sop) -> None:
    items = ("Satu", "Dua", "Tiga")
    old = dataclasses.replace(legalisir, peringatan=items)
    assert bandingkan(old, dataclasses.replace(old, peringatan=("satu ", "Dua", "Tiga"))).kosong
    reordered = bandingkan(old, dataclasses.replace(old, peringatan=("Dua", "Satu", "Tiga")))
    assert reordered.daftar[0].urutan_berubah
    assert reordered.daftar[0].uraian == ["Peringatan: urutan diubah"]


def test_inserted_step_is_not_every_step_changed(legalisir: Sop) -> None:
    steps = list(legalisir.steps)
    steps.insert(2, Step(0, "Petugas memeriksa keaslian dokumen dengan arsip", "Petugas Loket",
                         "process", waktu="10 menit"))
    # The decision's Ya target moves with the renumbering: 3 becomes 4.
    steps[1] = dataclasses.replace(steps[1], ya=4)
    new = dataclasses.replace(legalisir, steps=renumbered(steps))
    result = bandingkan(legalisir, new)
    assert [(c.jenis, c.no_lama, c.no_baru) for c in result.langkah] == [
        (LANGKAH_TAMBAH, None, 3)]
    assert result.langkah[0].judul.startswith("Langkah 3 ditambahkan: “Petugas memeriksa")


def test_removed_and_changed_steps_field_by_field(legalisir: Sop) -> None:
    steps = list(legalisir.steps)
    del steps[3]  # the Camat's step goes
    steps[2] = dataclasses.replace(steps[2], waktu="20 menit", output="Salinan dilegalisir",
                                   unreadable=())
    new = dataclasses.replace(legalisir, steps=renumbered(steps))
    result = bandingkan(legalisir, new)
    kinds = [(c.jenis, c.no_lama, c.no_baru) for c in result.langkah]
    assert kinds == [(LANGKAH_HAPUS, 4, None), (LANGKAH_UBAH, 3, 3)]
    changed = result.langkah[1]
    assert {c.kolom: c.baru for c in changed.kolom} == {
        "waktu": "20 menit", "output": "Salinan dilegalisir"}
    assert changed.kolom[0].lama == "(tidak terbaca)"
    assert result.ringkasan() == "1 langkah dihapus, 1 langkah diubah"


def test_decision_target_change_is_reported(legalisir: Sop) -> None:
    steps = list(legalisir.steps)
    steps[1] = dataclasses.replace(steps[1], tidak=6)
    result = bandingkan(legalisir, dataclasses.replace(legalisir, steps=tuple(steps)))
    (change,) = result.langkah
    assert change.jenis == LANGKAH_UBAH
    assert [(c.kolom, c.lama, c.baru) for c in change.kolom] == [("tidak", "1", "6")]


def test_moved_step(legalisir: Sop) -> None:
    steps = list(legalisir.steps)
    steps[3], steps[4] = steps[4], steps[3]
    result = bandingkan(legalisir, dataclasses.replace(legalisir, steps=renumbered(steps)))
    moved = [c for c in result.langkah if c.jenis == LANGKAH_PINDAH]
    assert len(moved) == 1
    assert "dipindah menjadi langkah" in moved[0].judul
    assert all(c.jenis in (LANGKAH_PINDAH, LANGKAH_UBAH) for c in result.langkah)


def test_actor_renamed_added_removed_reordered(legalisir: Sop) -> None:
    rename = {"Petugas Loket": "Petugas Pelayanan"}
    steps = tuple(dataclasses.replace(s, pelaksana=rename.get(s.pelaksana, s.pelaksana))
                  for s in legalisir.steps)
    new = dataclasses.replace(legalisir, steps=steps,
                              actors=("Camat", "Pemohon", "Petugas Pelayanan", "Sekretaris Camat"))
    result = bandingkan(legalisir, new)
    assert result.pelaksana.diganti_nama == (("Petugas Loket", "Petugas Pelayanan"),)
    assert result.pelaksana.ditambah == ("Sekretaris Camat",)
    assert result.pelaksana.dihapus == ()
    assert result.pelaksana.urutan_berubah
    # The renamed column is no change of each of its steps.
    assert result.langkah == ()
    assert "Pelaksana diganti nama: “Petugas Loket” → “Petugas Pelayanan”" in \
        result.pelaksana.uraian


def test_from_nothing_every_step_is_added(legalisir: Sop) -> None:
    draft = default_catalog().get("rekomendasi-imb")
    assert draft is not None and not draft.steps
    detailed = dataclasses.replace(draft, status="rinci", actors=legalisir.actors,
                                   steps=legalisir.steps)
    result = bandingkan(draft, detailed)
    assert [c.jenis for c in result.langkah] == [LANGKAH_TAMBAH] * len(legalisir.steps)
    assert result.pelaksana.ditambah == legalisir.actors
    assert ("status", "Belum dirinci", "Rinci") in [
        (c.kolom, c.lama, c.baru) for c in result.identitas]


def test_unreadable_fields_are_named(legalisir: Sop) -> None:
    old = dataclasses.replace(legalisir, unreadable=("keterkaitan",), keterkaitan=())
    new = dataclasses.replace(legalisir, keterkaitan=("SOP Pelayanan Legalisir",))
    (changed,) = bandingkan(old, new).daftar
    assert changed.dihapus == ("(tidak terbaca)",)
    assert changed.ditambah == ("SOP Pelayanan Legalisir",)


def test_helpers() -> None:
    assert similarity("Petugas  MENERIMA berkas", "petugas menerima berkas") == 1.0
    assert similarity("", "apa saja") == 0.0
    assert kutip("") == "(kosong)"
    assert kutip("a" * 200).endswith("…”")
    assert len(kutip("a" * 200)) == 122
