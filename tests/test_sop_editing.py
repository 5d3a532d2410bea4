"""The editor's edits of an SOP (jogoroto_desktop.sop.editing): numbering, targets, renames."""

from __future__ import annotations

import pytest

from jogoroto_desktop.sop import editing
from jogoroto_desktop.sop.catalog import STATUS_DRAF, STATUS_RINCI, Sop, default_catalog


@pytest.fixture(scope="module")
def legalisir() -> Sop:
    sop = default_catalog().get("legalisir")
    assert sop is not None
    return sop


def numbers(sop: Sop) -> list[int]:
    return [step.no for step in sop.steps]


def test_insert_step_renumbers_and_keeps_targets(legalisir: Sop) -> None:
    decision = legalisir.step(2)
    assert (decision.ya, decision.tidak) == (3, 1)
    edited = editing.insert_step(legalisir, 2)  # becomes step 3, right after the decision
    assert numbers(edited) == list(range(1, len(legalisir.steps) + 2))
    assert edited.step(3).kegiatan == "" and edited.step(3).symbol == "process"
    assert edited.step(3).pelaksana == decision.pelaksana  # the column of the step above
    assert (edited.step(2).ya, edited.step(2).tidak) == (4, 1)  # Ya follows its step
    assert edited.step(4).kegiatan == legalisir.step(3).kegiatan


def test_delete_step_clears_targets_to_it(legalisir: Sop) -> None:
    edited = editing.delete_step(legalisir, 3)
    assert numbers(edited) == list(range(1, len(legalisir.steps)))
    assert (edited.step(2).ya, edited.step(2).tidak) == (None, 1)
    assert edited.step(3).kegiatan == legalisir.step(4).kegiatan


def test_move_step_targets_follow(legalisir: Sop) -> None:
    down = editing.move_step(legalisir, 2, +1)
    assert down.step(3).symbol == "decision"
    assert (down.step(3).ya, down.step(3).tidak) == (2, 1)
    assert editing.move_step(legalisir, 1, -1) is legalisir  # nothing above the first step
    assert editing.move_step(down, 3, -1).steps == legalisir.steps


def test_rename_actor_renames_steps(legalisir: Sop) -> None:
    edited = editing.rename_actor(legalisir, "Petugas Loket", "Petugas Pelayanan")
    assert edited.actors == ("Pemohon", "Petugas Pelayanan", "Camat")
    assert "Petugas Loket" not in {s.pelaksana for s in edited.steps}
    assert edited.step(2).pelaksana == "Petugas Pelayanan"


def test_set_step_field(legalisir: Sop) -> None:
    edited = editing.set_step_field(legalisir, 3, "waktu", " 10 menit ")
    assert edited.step(3).waktu == "10 menit"
    assert "waktu" not in edited.step(3).unreadable  # filled in: no longer unreadable
    process = editing.set_step_field(legalisir, 2, "symbol", "process")
    assert (process.step(2).ya, process.step(2).tidak) == (None, None)
    with pytest.raises(ValueError):
        editing.set_step_field(legalisir, 2, "no", 5)


def test_identitas_edits(legalisir: Sop) -> None:
    edited = editing.set_list(legalisir, "dasar_hukum", ["A", "B"])
    assert edited.dasar_hukum == ("A", "B")
    assert editing.set_nomor(legalisir, "  ").nomor is None
    with pytest.raises(ValueError):
        editing.set_list(legalisir, "actors", ["x"])


def test_status_follows_content() -> None:
    draft = default_catalog().get("rekomendasi-imb")
    assert draft is not None and draft.status == STATUS_DRAF
    detailed = editing.insert_step(editing.set_actors(draft, ["Pemohon"]), 0)
    assert detailed.status == STATUS_RINCI
    assert detailed.step(1).pelaksana == "Pemohon"
    emptied = editing.set_actors(editing.delete_step(detailed, 1), [])
    assert emptied.status == STATUS_DRAF


def test_drawing_problem(legalisir: Sop) -> None:
    assert editing.drawing_problem(legalisir) is None
    undecided = editing.set_step_field(legalisir, 2, "ya", None)
    assert "Langkah 2 adalah keputusan" in (editing.drawing_problem(undecided) or "")
    assert "Belum ada pelaksana" in (editing.drawing_problem(
        editing.set_actors(legalisir, [])) or "")
    draft = default_catalog().get("rekomendasi-imb")
    assert draft is not None
    assert "Belum ada langkah" in (editing.drawing_problem(draft) or "")
