"""What changed between two versions of an SOP, for the Camat's approval view.

`bandingkan(lama, baru)` returns plain data grouped as the book is: the identitas fields, the
identitas lists, the pelaksana columns and the uraian prosedur. Steps are matched by what they
say, not by their number: inserting a step at the top does not make every later step "changed".
The matching is an order-keeping alignment on the similarity of the Kegiatan (difflib); steps
left over on both sides that still read alike are reported as moved. Every change carries its
Indonesian description (`uraian`), ready to show.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from jogoroto_desktop.sop.catalog import (
    IDENTITAS_LABELS,
    IDENTITAS_LIST_FIELDS,
    STATUS_LABELS,
    SYMBOL_LABELS,
    Sop,
    Step,
    normalize_text,
)

STEP_FIELD_LABELS = {
    "kegiatan": "Kegiatan",
    "pelaksana": "Pelaksana",
    "symbol": "Simbol",
    "ya": "Jika Ya ke langkah",
    "tidak": "Jika Tidak ke langkah",
    "kelengkapan": "Kelengkapan",
    "waktu": "Waktu",
    "output": "Output",
    "keterangan": "Keterangan",
}
UNREADABLE_TEXT = "(tidak terbaca)"
# Two steps are "the same step" when their Kegiatan read at least this much alike (0..1).
MATCH_THRESHOLD = 0.5
# Left-over steps this alike are reported as moved rather than as removed and added.
MOVE_THRESHOLD = 0.8
_QUOTE_LIMIT = 120


def kutip(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """`text` in quotes, shortened with "…" past `limit` characters; "(kosong)" when empty."""
    text = " ".join(text.split())
    if not text:
        return "(kosong)"
    if text == UNREADABLE_TEXT:
        return text
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return f"“{text}”"


@dataclass(frozen=True)
class PerubahanKolom:
    """One field's old and new value (as text)."""

    kolom: str
    label: str
    lama: str
    baru: str

    @property
    def uraian(self) -> str:
        return f"{self.label}: {kutip(self.lama)} → {kutip(self.baru)}"


@dataclass(frozen=True)
class PerubahanDaftar:
    """An identitas list (Dasar Hukum, Peralatan, ...): the items added and removed, and
    whether the items kept were put in another order."""

    kolom: str
    label: str
    ditambah: tuple[str, ...]
    dihapus: tuple[str, ...]
    urutan_berubah: bool

    @property
    def uraian(self) -> list[str]:
        lines = [f"{self.label}: ditambah {kutip(item)}" for item in self.ditambah]
        lines += [f"{self.label}: dihapus {kutip(item)}" for item in self.dihapus]
        if self.urutan_berubah:
            lines.append(f"{self.label}: urutan diubah")
        return lines


@dataclass(frozen=True)
class PerubahanPelaksana:
    """The pelaksana columns: added, removed, renamed (old, new) and whether they were
    reordered."""

    ditambah: tuple[str, ...] = ()
    dihapus: tuple[str, ...] = ()
    diganti_nama: tuple[tuple[str, str], ...] = ()
    urutan_berubah: bool = False

    @property
    def kosong(self) -> bool:
        return not (self.ditambah or self.dihapus or self.diganti_nama or self.urutan_berubah)

    @property
    def uraian(self) -> list[str]:
        lines = [f"Pelaksana ditambah: {kutip(name)}" for name in self.ditambah]
        lines += [f"Pelaksana dihapus: {kutip(name)}" for name in self.dihapus]
        lines += [f"Pelaksana diganti nama: {kutip(old)} → {kutip(new)}"
                  for old, new in self.diganti_nama]
        if self.urutan_berubah:
            lines.append("Urutan kolom pelaksana diubah")
        return lines


LANGKAH_TAMBAH, LANGKAH_HAPUS, LANGKAH_UBAH, LANGKAH_PINDAH = "tambah", "hapus", "ubah", "pindah"


@dataclass(frozen=True)
class PerubahanLangkah:
    """One step added, removed, changed or moved. `no_lama`/`no_baru` are its numbers in each
    version (None where it does not exist); `kolom` the fields that differ."""

    jenis: str
    no_lama: int | None
    no_baru: int | None
    kegiatan: str
    kolom: tuple[PerubahanKolom, ...] = ()

    @property
    def judul(self) -> str:
        if self.jenis == LANGKAH_TAMBAH:
            return f"Langkah {self.no_baru} ditambahkan: {kutip(self.kegiatan, 80)}"
        if self.jenis == LANGKAH_HAPUS:
            return f"Langkah {self.no_lama} (versi lama) dihapus: {kutip(self.kegiatan, 80)}"
        if self.jenis == LANGKAH_PINDAH:
            return (f"Langkah {self.no_lama} dipindah menjadi langkah {self.no_baru}: "
                    f"{kutip(self.kegiatan, 80)}")
        number = f"Langkah {self.no_baru}"
        if self.no_lama != self.no_baru:
            number += f" (dulu langkah {self.no_lama})"
        return f"{number} diubah"

    @property
    def uraian(self) -> list[str]:
        return [self.judul, *(f"  {change.uraian}" for change in self.kolom)]


@dataclass(frozen=True)
class PerbandinganSop:
    """Everything that differs between two versions, grouped."""

    identitas: tuple[PerubahanKolom, ...]
    daftar: tuple[PerubahanDaftar, ...]
    pelaksana: PerubahanPelaksana
    langkah: tuple[PerubahanLangkah, ...]

    @property
    def kosong(self) -> bool:
        return not (self.identitas or self.daftar or self.langkah) and self.pelaksana.kosong

    def kelompok(self) -> Iterator[tuple[str, list[str]]]:
        """(group heading, its lines) for each group that has changes, in the book's order."""
        if self.identitas or self.daftar:
            lines = [change.uraian for change in self.identitas]
            for changed in self.daftar:
                lines.extend(changed.uraian)
            yield "Identitas", lines
        if not self.pelaksana.kosong:
            yield "Pelaksana", self.pelaksana.uraian
        if self.langkah:
            lines = []
            for step in self.langkah:
                lines.extend(step.uraian)
            yield "Uraian Prosedur", lines

    def ringkasan(self) -> str:
        """A one-line count, e.g. "2 perubahan identitas, 3 langkah ditambahkan"."""
        parts: list[str] = []
        identitas = len(self.identitas) + sum(len(d.uraian) for d in self.daftar)
        if identitas:
            parts.append(f"{identitas} perubahan identitas")
        if not self.pelaksana.kosong:
            parts.append(f"{len(self.pelaksana.uraian)} perubahan pelaksana")
        for jenis, word in ((LANGKAH_TAMBAH, "ditambahkan"), (LANGKAH_HAPUS, "dihapus"),
                            (LANGKAH_UBAH, "diubah"), (LANGKAH_PINDAH, "dipindah")):
            count = sum(1 for step in self.langkah if step.jenis == jenis)
            if count:
                parts.append(f"{count} langkah {word}")
        return ", ".join(parts) if parts else "Tidak ada perubahan"


def bandingkan(lama: Sop, baru: Sop) -> PerbandinganSop:
    """The changes from `lama` (the version in force) to `baru` (the proposed version)."""
    identitas = tuple(_identitas_changes(lama, baru))
    daftar = tuple(
        changed for name in IDENTITAS_LIST_FIELDS
        if (changed := _list_change(name, _list_value(lama, name), _list_value(baru, name)))
    )
    pairs, moved = _match_steps(lama.steps, baru.steps)
    renamed = _renamed_actors(lama, baru, pairs)
    pelaksana = _actor_changes(lama, baru, renamed)
    langkah = tuple(_step_changes(lama.steps, baru.steps, pairs, moved, dict(renamed)))
    return PerbandinganSop(identitas, daftar, pelaksana, langkah)


# -- identitas -------------------------------------------------------------------------------

def _identitas_changes(lama: Sop, baru: Sop) -> Iterator[PerubahanKolom]:
    if lama.name != baru.name:
        yield PerubahanKolom("name", "Nama SOP", lama.name, baru.name)
    if lama.status != baru.status:
        yield PerubahanKolom("status", "Status", STATUS_LABELS.get(lama.status, lama.status),
                             STATUS_LABELS.get(baru.status, baru.status))
    old_nomor = UNREADABLE_TEXT if "nomor" in lama.unreadable else lama.nomor or ""
    new_nomor = UNREADABLE_TEXT if "nomor" in baru.unreadable else baru.nomor or ""
    if old_nomor != new_nomor:
        yield PerubahanKolom("nomor", IDENTITAS_LABELS["nomor"], old_nomor, new_nomor)


def _list_value(sop: Sop, name: str) -> tuple[str, ...]:
    items = getattr(sop, name)
    return (UNREADABLE_TEXT,) if name in sop.unreadable and not items else items


def _list_change(name: str, old: tuple[str, ...], new: tuple[str, ...]) -> PerubahanDaftar | None:
    if old == new:
        return None
    old_keys = [_key(item) for item in old]
    new_keys = [_key(item) for item in new]
    added = tuple(item for item, key in zip(new, new_keys, strict=True) if key not in old_keys)
    removed = tuple(item for item, key in zip(old, old_keys, strict=True) if key not in new_keys)
    kept_old = [key for key in old_keys if key in new_keys]
    kept_new = [key for key in new_keys if key in old_keys]
    reordered = kept_old != kept_new
    if not (added or removed or reordered):
        return None  # only spacing or letter case differs
    return PerubahanDaftar(name, IDENTITAS_LABELS[name], added, removed, reordered)


def _key(text: str) -> str:
    return " ".join(normalize_text(text).split())


# -- steps -----------------------------------------------------------------------------------

def similarity(a: str, b: str) -> float:
    """How alike two Kegiatan read, 0..1 (case, accents and spacing ignored)."""
    a, b = _key(a), _key(b)
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _match_steps(old: tuple[Step, ...], new: tuple[Step, ...]
                 ) -> tuple[dict[int, int], set[int]]:
    """(old step no -> new step no, the old numbers of moved steps): the order-keeping
    alignment with the greatest total similarity among pairs at least MATCH_THRESHOLD alike
    (a small dynamic programme; an SOP has tens of steps), then left-over pairs at least
    MOVE_THRESHOLD alike (moved steps)."""
    n, m = len(old), len(new)
    score = [[similarity(a.kegiatan, b.kegiatan) for b in new] for a in old]
    # best[i][j]: the best total for old[i:] and new[j:].
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if score[i][j] >= MATCH_THRESHOLD:
                # A tiny bonus for keeping the same position breaks ties between equal texts.
                options.append(best[i + 1][j + 1] + score[i][j] + (1e-6 if i == j else 0.0))
            best[i][j] = max(options)
    pairs: dict[int, int] = {}
    i = j = 0
    while i < n and j < m:
        if (score[i][j] >= MATCH_THRESHOLD
                and best[i][j] == best[i + 1][j + 1] + score[i][j] + (1e-6 if i == j else 0.0)):
            pairs[old[i].no] = new[j].no
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    # Moved steps: the remaining most-alike pairs first.
    left_old = [a for a in old if a.no not in pairs]
    taken = set(pairs.values())
    candidates = sorted(
        ((score[a.no - 1][b.no - 1], a.no, b.no) for a in left_old for b in new
         if b.no not in taken and score[a.no - 1][b.no - 1] >= MOVE_THRESHOLD),
        reverse=True,
    )
    moved: set[int] = set()
    for _score, old_no, new_no in candidates:
        if old_no not in pairs and new_no not in taken:
            pairs[old_no] = new_no
            taken.add(new_no)
            moved.add(old_no)
    return pairs, moved


def _renamed_actors(lama: Sop, baru: Sop, pairs: dict[int, int]) -> list[tuple[str, str]]:
    """(old, new) actor names taken as one column renamed: a removed actor and an added one
    whose matched steps moved from the first to the second (or, with no steps to tell, the
    one at the same column position)."""
    removed = [a for a in lama.actors if a not in baru.actors]
    added = [a for a in baru.actors if a not in lama.actors]
    renamed: list[tuple[str, str]] = []
    for old_name in removed:
        votes: dict[str, int] = {}
        for step in lama.steps:
            new_no = pairs.get(step.no)
            if step.pelaksana == old_name and new_no is not None:
                target = baru.step(new_no).pelaksana
                if target in added:
                    votes[target] = votes.get(target, 0) + 1
        if votes:
            new_name = max(votes, key=lambda name: votes[name])
        else:
            position = lama.actors.index(old_name)
            at_same = baru.actors[position] if position < len(baru.actors) else None
            if at_same not in added or any(at_same == new for _old, new in renamed):
                continue
            new_name = at_same
        if any(new_name == new for _old, new in renamed):
            continue
        renamed.append((old_name, new_name))
    return renamed


def _actor_changes(lama: Sop, baru: Sop, renamed: list[tuple[str, str]]) -> PerubahanPelaksana:
    rename = dict(renamed)
    new_names = {new for _old, new in renamed}
    added = tuple(a for a in baru.actors if a not in lama.actors and a not in new_names)
    removed = tuple(a for a in lama.actors if a not in baru.actors and a not in rename)
    kept_old = [rename.get(a, a) for a in lama.actors if rename.get(a, a) in baru.actors]
    kept_new = [a for a in baru.actors if a in kept_old]
    return PerubahanPelaksana(added, removed, tuple(renamed), kept_old != kept_new)


def _step_value(step: Step, name: str, rename: dict[str, str] | None = None) -> str:
    if name in step.unreadable:
        return UNREADABLE_TEXT
    value = getattr(step, name)
    if name == "symbol":
        return SYMBOL_LABELS.get(value, value)
    if name in ("ya", "tidak"):
        return "" if value is None else str(value)
    if name == "pelaksana" and rename:
        return rename.get(value, value)
    return value


def _step_changes(old: tuple[Step, ...], new: tuple[Step, ...], pairs: dict[int, int],
                  moved: set[int], rename: dict[str, str]) -> Iterator[PerubahanLangkah]:
    """Removed steps first (in the old order), then the new version's steps in its order."""
    for step in old:
        if step.no not in pairs:
            yield PerubahanLangkah(LANGKAH_HAPUS, step.no, None, step.kegiatan)
    back = {new_no: old_no for old_no, new_no in pairs.items()}
    for step in new:
        old_no = back.get(step.no)
        if old_no is None:
            yield PerubahanLangkah(LANGKAH_TAMBAH, None, step.no, step.kegiatan)
            continue
        before = old[old_no - 1]
        fields: list[PerubahanKolom] = []
        for name, label in STEP_FIELD_LABELS.items():
            if name in ("ya", "tidak"):
                old_target = getattr(before, name)
                # The old target as renumbered in the new version: renumbering is no change.
                mapped = pairs.get(old_target) if old_target is not None else None
                if mapped == getattr(step, name) and (old_target is None) == (mapped is None):
                    continue
                old_text = _step_value(before, name)
                if mapped is not None and mapped != old_target:
                    old_text += f" (kini langkah {mapped})"
                new_text = _step_value(step, name)
                if old_text != new_text:
                    fields.append(PerubahanKolom(name, label, old_text, new_text))
                continue
            old_text = _step_value(before, name, rename)
            new_text = _step_value(step, name)
            if old_text != new_text:
                fields.append(PerubahanKolom(name, label, _step_value(before, name), new_text))
        if fields or old_no in moved:
            kind = LANGKAH_PINDAH if old_no in moved else LANGKAH_UBAH
            yield PerubahanLangkah(kind, old_no, step.no, step.kegiatan, tuple(fields))
