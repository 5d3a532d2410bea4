"""Edits of an SOP as the editor makes them: each returns a new (frozen) Sop.

Steps are numbered from 1 without gaps, so inserting, deleting or moving a step renumbers the
steps after it and every decision's Ya/Tidak target follows the step it pointed to (a target
whose step was deleted is cleared, and the checks then ask for a new one). Renaming a pelaksana
renames it in every step. A field filled in is no longer "tidak terbaca". An SOP with steps or
pelaksana is a detailed one (status "rinci"); one emptied of both is "belum dirinci" again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from jogoroto_desktop.sop.catalog import (
    IDENTITAS_LIST_FIELDS,
    STATUS_DRAF,
    STATUS_RINCI,
    Sop,
    Step,
)

#: The step columns the editor changes, in the table's order.
STEP_FIELDS = ("kegiatan", "pelaksana", "symbol", "ya", "tidak", "kelengkapan", "waktu",
               "output", "keterangan")
_TEXT_STEP_FIELDS = ("kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan")


def _with_status(sop: Sop) -> Sop:
    status = STATUS_RINCI if sop.steps or sop.actors else STATUS_DRAF
    return sop if status == sop.status else dataclasses.replace(sop, status=status)


def _renumbered(steps: list[Step], old_to_new: Callable[[int], int | None]) -> tuple[Step, ...]:
    """Steps numbered 1.. in list order, with the decision targets mapped by `old_to_new`
    (an old number -> its new number, None when that step is gone)."""
    return _numbered([
        dataclasses.replace(
            step,
            ya=old_to_new(step.ya) if step.ya is not None else None,
            tidak=old_to_new(step.tidak) if step.tidak is not None else None,
        )
        for step in steps
    ])


def _numbered(steps: list[Step]) -> tuple[Step, ...]:
    return tuple(dataclasses.replace(step, no=index + 1) for index, step in enumerate(steps))


def set_nomor(sop: Sop, nomor: str) -> Sop:
    nomor = nomor.strip()
    unreadable = tuple(n for n in sop.unreadable if n != "nomor") if nomor else sop.unreadable
    return dataclasses.replace(sop, nomor=nomor or None, unreadable=unreadable)


def set_list(sop: Sop, name: str, items: list[str] | tuple[str, ...]) -> Sop:
    """Replace identitas list `name` (e.g. "dasar_hukum") with `items`."""
    if name not in IDENTITAS_LIST_FIELDS:
        raise ValueError(f"{name!r} bukan daftar identitas")
    items = tuple(items)
    unreadable = sop.unreadable
    if items:
        unreadable = tuple(n for n in unreadable if n != name)
    return dataclasses.replace(sop, **{name: items}, unreadable=unreadable)


# -- pelaksana -------------------------------------------------------------------------------

def set_actors(sop: Sop, actors: list[str] | tuple[str, ...],
               renamed: dict[str, str] | None = None) -> Sop:
    """The pelaksana columns become `actors`; `renamed` (old -> new) is applied to the steps,
    so renaming a column keeps its steps in it."""
    steps = sop.steps
    if renamed:
        steps = tuple(
            dataclasses.replace(step, pelaksana=renamed[step.pelaksana])
            if step.pelaksana in renamed else step
            for step in steps
        )
    return _with_status(dataclasses.replace(sop, actors=tuple(actors), steps=steps))


def rename_actor(sop: Sop, old: str, new: str) -> Sop:
    actors = [new if actor == old else actor for actor in sop.actors]
    return set_actors(sop, actors, {old: new})


# -- steps -----------------------------------------------------------------------------------

def new_step(sop: Sop, pelaksana: str = "") -> Step:
    """An empty process step in `pelaksana`'s column (the first pelaksana by default)."""
    return Step(no=0, kegiatan="", pelaksana=pelaksana or (sop.actors[0] if sop.actors else ""),
                symbol="process")


def insert_step(sop: Sop, index: int, step: Step | None = None) -> Sop:
    """Insert `step` (an empty one by default) so that it becomes step number `index + 1`."""
    index = max(0, min(index, len(sop.steps)))
    step = step or new_step(sop, sop.steps[index - 1].pelaksana if index else "")

    def shift(old: int) -> int:
        return old + 1 if old > index else old

    # The steps already there keep their targets; the inserted step's own targets are taken
    # as already in the new numbering.
    steps = list(_renumbered(list(sop.steps), shift))
    steps.insert(index, step)
    return _with_status(dataclasses.replace(sop, steps=_numbered(steps)))


def delete_step(sop: Sop, no: int) -> Sop:
    """Delete step `no` (from 1); targets pointing at it are cleared."""
    steps = [s for s in sop.steps if s.no != no]

    def shift(old: int) -> int | None:
        if old == no:
            return None
        return old - 1 if old > no else old

    return _with_status(dataclasses.replace(sop, steps=_renumbered(steps, shift)))


def move_step(sop: Sop, no: int, delta: int) -> Sop:
    """Move step `no` up (delta -1) or down (+1); targets follow their steps."""
    target = no + delta
    if not 1 <= no <= len(sop.steps) or not 1 <= target <= len(sop.steps):
        return sop
    steps = list(sop.steps)
    steps[no - 1], steps[target - 1] = steps[target - 1], steps[no - 1]

    def swap(old: int) -> int:
        return target if old == no else no if old == target else old

    return dataclasses.replace(sop, steps=_renumbered(steps, swap))


def set_step_field(sop: Sop, no: int, name: str, value: str | int | None) -> Sop:
    """Set one column of step `no`: a text, the symbol, or a Ya/Tidak target (None clears).
    A step that stops being a decision loses its targets."""
    if name not in STEP_FIELDS:
        raise ValueError(f"{name!r} bukan kolom langkah")
    step = sop.step(no)
    changes: dict[str, object] = {name: value}
    if name in _TEXT_STEP_FIELDS:
        text = str(value or "").strip()
        changes[name] = text
        if text:
            changes["unreadable"] = tuple(n for n in step.unreadable if n != name)
    if name == "symbol" and value != "decision":
        changes.update(ya=None, tidak=None)
    steps = list(sop.steps)
    steps[no - 1] = dataclasses.replace(step, **changes)
    return dataclasses.replace(sop, steps=tuple(steps))


def drawing_problem(sop: Sop) -> str | None:
    """Why the flowchart of `sop` cannot be drawn yet (an SOP being edited may be half done),
    in Indonesian; None when it can. The checks name the same faults field by field."""
    if not sop.steps:
        return "Belum ada langkah. Tambahkan langkah pada tab Uraian Prosedur."
    if not sop.actors:
        return "Belum ada pelaksana. Tambahkan kolom pelaksana pada tab Pelaksana."
    count = len(sop.steps)
    for step in sop.steps:
        if step.symbol == "decision" and not all(
                target is not None and 1 <= target <= count for target in (step.ya, step.tidak)):
            return (f"Langkah {step.no} adalah keputusan: pilih langkah tujuan Ya dan Tidak "
                    "yang ada, lalu diagram alirnya digambar lagi.")
    return None
