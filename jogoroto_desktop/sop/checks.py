"""The rules every SOP must follow: one set, used by the shipped catalog's loader, the TOML
import, the editor (while typing) and the submission of a version for approval.

Each problem names the field it concerns, the way the editor finds its widget:

- top level: ``"id"``, ``"name"``, ``"nomor"``, ``"disahkan_oleh.nama"``, ``"actors"``;
- an item of a list, counted from 1: ``"dasar_hukum 2"``, ``"actors 3"``;
- a step, counted from 1: ``"langkah 3"`` (the step as a whole), ``"langkah 3: pelaksana"``.

Messages are in Indonesian, for the person who fixes the SOP.
"""

from __future__ import annotations

import re

from jogoroto_desktop.sop.model import (
    ID_PATTERN,
    IDENTITAS_LABELS,
    IDENTITAS_LIST_FIELDS,
    OFFICIAL_KEYS,
    SEKSI_BY_ID,
    STATUS_DRAF,
    STATUS_RINCI,
    STEP_TEXT_FIELDS,
    SYMBOLS,
    Problem,
    Sop,
    Step,
)
from jogoroto_desktop.sop.waktu import WaktuError, parse_waktu

#: Lengths and counts an SOP may have (characters; the longest text in the book is about 230).
MAX_NAMA = 200
MAX_NOMOR = 100
MAX_PEJABAT = 200  # each field of disahkan_oleh
MAX_ITEM = 300  # one item of an identitas list
MAX_ITEMS = 50  # items of one identitas list
MAX_PELAKSANA = 100  # one actor's name
MAX_JUMLAH_PELAKSANA = 20
MAX_KEGIATAN = 500
MAX_TEKS_LANGKAH = 300  # kelengkapan, output, keterangan of a step
MAX_WAKTU = 100
MAX_LANGKAH = 200

#: Fields of a step the book's OCR may have lost (listed in the step's ``unreadable``).
STEP_UNREADABLE_FIELDS = ("kegiatan", "pelaksana", *STEP_TEXT_FIELDS)

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def step_field(no: int, name: str | None = None) -> str:
    """The field name of step ``no`` (from 1), or of one of its columns."""
    return f"langkah {no}" if name is None else f"langkah {no}: {name}"


def item_field(list_name: str, no: int) -> str:
    """The field name of item ``no`` (from 1) of a list (``"dasar_hukum 2"``)."""
    return f"{list_name} {no}"


def control_character_problem(text: str) -> str | None:
    """Why ``text`` cannot be stored in an SOP: an invisible control character (line breaks and
    tabs too: every SOP text is one line in the book and on the flowchart); None when fine."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    return (f"berisi karakter kendali tak terlihat (U+{ord(found.group()):04X}); ketik ulang "
            "tanpa karakter itu")


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[Problem] = []

    def add(self, field_name: str, message: str) -> None:
        self.found.append(Problem(self.file, field_name, message))

    def text(self, field_name: str, value: str, limit: int, required: bool = False,
             label: str = "") -> None:
        """Control characters, emptiness and length of one text."""
        problem = control_character_problem(value)
        if problem:
            self.add(field_name, problem)
        elif required and not value.strip():
            self.add(field_name, f"{label or 'isian'} tidak boleh kosong")
        elif len(value) > limit:
            self.add(field_name, f"terlalu panjang ({len(value)} karakter, paling banyak {limit})")


def periksa_sop(sop: Sop) -> list[Problem]:
    """Every problem of ``sop`` (empty when it may be submitted and printed), each naming the
    SOP's file (its ``source`` name) and the field."""
    found = _Problems(sop.source.name)
    _check_identitas(found, sop)
    _check_actors(found, sop)
    for index, step in enumerate(sop.steps):
        _check_step(found, sop, index, step)
    if sop.status == STATUS_DRAF:
        if sop.steps:
            found.add("steps", "SOP berstatus 'draf' (belum dirinci) belum boleh berisi "
                               "langkah; SOP yang sudah dirinci berstatus 'rinci'")
        if sop.actors:
            found.add("actors", "SOP yang belum dirinci belum boleh berisi pelaksana")
    elif sop.status == STATUS_RINCI:
        if not sop.actors:
            found.add("actors", "SOP rinci wajib punya daftar pelaksana")
        if not sop.steps:
            found.add("steps", "SOP rinci wajib punya langkah")
        _check_flow(found, sop)
    return found.found


def _check_identitas(found: _Problems, sop: Sop) -> None:
    if not ID_PATTERN.match(sop.id):
        found.add("id", f"{sop.id!r} hanya boleh huruf kecil, angka dan '-'")
    found.text("name", sop.name, MAX_NAMA, required=True, label="Nama SOP")
    if sop.seksi not in SEKSI_BY_ID:
        found.add("seksi", f"{sop.seksi!r} bukan salah satu dari {', '.join(SEKSI_BY_ID)}")
    if not re.fullmatch(r"[a-z]", sop.urutan):
        found.add("urutan", f"{sop.urutan!r} harus satu huruf kecil (a, b, c, ...)")
    if sop.status not in (STATUS_RINCI, STATUS_DRAF):
        found.add("status", f"{sop.status!r} harus 'rinci' atau 'draf'")
    found.text("nomor", sop.nomor or "", MAX_NOMOR)
    if sop.disahkan_oleh is not None:
        for key in OFFICIAL_KEYS:
            found.text(f"disahkan_oleh.{key}", getattr(sop.disahkan_oleh, key), MAX_PEJABAT)
    for name in IDENTITAS_LIST_FIELDS:
        items = getattr(sop, name)
        if len(items) > MAX_ITEMS:
            found.add(name, f"terlalu banyak butir ({len(items)}, paling banyak {MAX_ITEMS})")
        for no, item in enumerate(items, 1):
            found.text(item_field(name, no), item, MAX_ITEM, required=True, label="Butir")
    for name in sop.unreadable:
        if name not in IDENTITAS_LABELS:
            found.add("unreadable", f"{name!r} bukan kolom identitas")


def _check_actors(found: _Problems, sop: Sop) -> None:
    if len(sop.actors) > MAX_JUMLAH_PELAKSANA:
        found.add("actors", f"terlalu banyak pelaksana ({len(sop.actors)}, paling banyak "
                            f"{MAX_JUMLAH_PELAKSANA})")
    seen: set[str] = set()
    for no, actor in enumerate(sop.actors, 1):
        found.text(item_field("actors", no), actor, MAX_PELAKSANA, required=True,
                   label="Nama pelaksana")
        if actor.strip() and actor in seen:
            found.add(item_field("actors", no), f"pelaksana {actor!r} ganda")
        seen.add(actor)


def _check_step(found: _Problems, sop: Sop, index: int, step: Step) -> None:
    no = index + 1
    if index == MAX_LANGKAH:
        found.add("steps", f"terlalu banyak langkah (paling banyak {MAX_LANGKAH})")
    if step.no != no:
        found.add(step_field(no, "no"), f"nomor {step.no} seharusnya {no} (urut tanpa loncatan)")
    for name in step.unreadable:
        if name not in STEP_UNREADABLE_FIELDS:
            found.add(step_field(no, "unreadable"),
                      f"{name!r} bukan kolom langkah yang bisa tidak terbaca")
        elif getattr(step, name):
            found.add(step_field(no, name), "ditandai tidak terbaca, jadi isinya harus kosong")
    found.text(step_field(no, "kegiatan"), step.kegiatan, MAX_KEGIATAN,
               required="kegiatan" not in step.unreadable, label="Kegiatan")
    found.text(step_field(no, "pelaksana"), step.pelaksana, MAX_PELAKSANA,
               required="pelaksana" not in step.unreadable, label="Pelaksana")
    if step.pelaksana.strip() and step.pelaksana not in sop.actors:
        found.add(step_field(no, "pelaksana"),
                  f"{step.pelaksana!r} bukan salah satu pelaksana SOP ini")
    if step.symbol not in SYMBOLS:
        found.add(step_field(no, "symbol"),
                  f"{step.symbol!r} harus salah satu dari {', '.join(SYMBOLS)}")
    for name in STEP_TEXT_FIELDS:
        limit = MAX_WAKTU if name == "waktu" else MAX_TEKS_LANGKAH
        found.text(step_field(no, name), getattr(step, name), limit)
    if not control_character_problem(step.waktu) and len(step.waktu) <= MAX_WAKTU:
        try:
            parse_waktu(step.waktu)
        except WaktuError as exc:
            found.add(step_field(no, "waktu"), str(exc))


def _check_flow(found: _Problems, sop: Sop) -> None:
    count = len(sop.steps)
    for index, step in enumerate(sop.steps):
        no = index + 1
        at_end = index in (0, count - 1)
        if at_end and step.symbol != "terminator":
            found.add(step_field(no, "symbol"),
                      "langkah pertama dan terakhir harus 'terminator' (mulai/selesai)")
        if not at_end and step.symbol == "terminator":
            found.add(step_field(no, "symbol"),
                      "'terminator' hanya untuk langkah pertama dan terakhir")
        if step.symbol == "decision":
            for branch in ("ya", "tidak"):
                target = getattr(step, branch)
                if target is None:
                    found.add(step_field(no, branch),
                              "keputusan wajib punya langkah tujuan Ya dan Tidak")
                elif not 1 <= target <= count:
                    found.add(step_field(no, branch), f"langkah tujuan {target} tidak ada")
                elif target == no:
                    found.add(step_field(no, branch), "tidak boleh menuju dirinya sendiri")
        else:
            for branch in ("ya", "tidak"):
                if getattr(step, branch) is not None:
                    found.add(step_field(no, branch), "hanya langkah 'decision' yang punya cabang")
