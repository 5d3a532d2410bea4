"""An SOP as TOML text (docs/sop-format.md): the shipped files, the versions stored in the
database and the files kecamatan exchange are all this one format.

:func:`read_sop_data` reads the structure of a parsed file (types, unknown fields) and builds
the :class:`Sop`; the rules of an SOP are :func:`checks.periksa_sop`'s, applied by the callers
(:func:`sop_from_toml` here, the shipped catalog's loader). Field names in problems follow
:mod:`checks` (``"langkah 3: pelaksana"``, ``"dasar_hukum 2"``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from jogoroto_desktop.sop.checks import periksa_sop, step_field
from jogoroto_desktop.sop.model import (
    DATE_FIELDS,
    IDENTITAS_LIST_FIELDS,
    OFFICIAL_KEYS,
    STEP_KEYS,
    STEP_TEXT_FIELDS,
    TOP_KEYS,
    CatalogError,
    Official,
    Problem,
    Sop,
    Step,
    with_search_text,
)

#: A file is taken for an SOP when it has at least one of these.
_SOP_MARKERS = ("id", "name", "seksi", "steps")


def sop_from_toml(text: str, file_name: str) -> Sop:
    """The SOP in ``text`` (a file called ``file_name``, named in every problem), checked by
    every rule of :func:`periksa_sop`; CatalogError listing every problem otherwise."""
    import tomllib  # only when a file is read (not at start-up)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError([Problem(file_name, "-", f"bukan TOML yang valid: {exc}")]) from exc
    if not any(key in data for key in _SOP_MARKERS):
        raise CatalogError([Problem(file_name, "-", (
            "bukan berkas SOP: tidak ada kolom id, name, seksi maupun [[steps]] "
            "(lihat docs/sop-format.md)"))])
    sop, problems = read_sop_data(data, file_name, Path(file_name))
    if sop is not None:
        problems.extend(periksa_sop(sop))
    if problems:
        raise CatalogError(problems)
    assert sop is not None
    return sop


def sop_to_toml(sop: Sop, header: str = "") -> str:
    """``sop`` in the exchange format, tables written out (``[disahkan_oleh]``, ``[[steps]]``)
    as the shipped files are; ``header`` (any lines) goes on top as TOML comments."""
    import tomli_w  # only when a file is written

    top: dict[str, Any] = {"id": sop.id, "name": sop.name, "seksi": sop.seksi,
                           "urutan": sop.urutan, "status": sop.status}
    if sop.nomor:
        top["nomor"] = sop.nomor
    for name in DATE_FIELDS:
        if getattr(sop, name) is not None:
            top[name] = getattr(sop, name)
    for name in IDENTITAS_LIST_FIELDS:
        top[name] = list(getattr(sop, name))
    if sop.unreadable:
        top["unreadable"] = list(sop.unreadable)
    top["actors"] = list(sop.actors)
    parts = ["".join(f"# {line}\n" for line in header.splitlines()), tomli_w.dumps(top)]
    if sop.disahkan_oleh is not None:
        official = {key: getattr(sop.disahkan_oleh, key) for key in OFFICIAL_KEYS}
        parts.append("\n[disahkan_oleh]\n" + tomli_w.dumps(official))
    for step in sop.steps:
        row: dict[str, Any] = {"no": step.no, "kegiatan": step.kegiatan,
                               "pelaksana": step.pelaksana, "symbol": step.symbol}
        for branch in ("ya", "tidak"):
            if getattr(step, branch) is not None:
                row[branch] = getattr(step, branch)
        row.update({name: getattr(step, name) for name in STEP_TEXT_FIELDS})
        if step.unreadable:
            row["unreadable"] = list(step.unreadable)
        parts.append("\n[[steps]]\n" + tomli_w.dumps(row))
    return "".join(parts)


class _Reader:
    """Typed access to one file's fields, recording problems instead of raising."""

    def __init__(self, file_name: str, problems: list[Problem]) -> None:
        self.file = file_name
        self.problems = problems

    def fail(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.file, field_name, message))

    def text(self, data: dict[str, Any], key: str, where: str, required: bool) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(where, "wajib diisi")
            return ""
        if not isinstance(value, str):
            self.fail(where, f"harus berupa teks, bukan {type(value).__name__}")
            return ""
        return value.strip()

    def text_list(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, "harus berupa daftar teks")
            return ()
        return tuple(v.strip() for v in value)

    def date(self, data: dict[str, Any], key: str) -> dt.date | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.fail(key, "harus berupa tanggal TOML (YYYY-MM-DD)")
            return None
        return value

    def integer(self, data: dict[str, Any], key: str, where: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, "harus berupa bilangan bulat")
            return None
        return value


def read_sop_data(data: dict[str, Any], file_name: str,
                  source: Path) -> tuple[Sop | None, list[Problem]]:
    """The SOP a parsed TOML document describes, and the problems of its structure (missing
    or unknown fields, wrong types); the SOP is None when there are any. The rules of an SOP
    (flow, pelaksana, lengths, ...) are left to :func:`periksa_sop`."""
    problems: list[Problem] = []
    read = _Reader(file_name, problems)
    for key in sorted(set(data) - TOP_KEYS):
        read.fail(key, "kolom tidak dikenal")
    top = {key: read.text(data, key, key, required=True)
           for key in ("id", "name", "seksi", "urutan", "status")}
    nomor = read.text(data, "nomor", "nomor", required=False) or None

    official = None
    raw_official = data.get("disahkan_oleh")
    if raw_official is not None:
        if not isinstance(raw_official, dict):
            read.fail("disahkan_oleh", "harus berupa tabel (jabatan, nama, pangkat, nip)")
        else:
            for key in sorted(set(raw_official) - set(OFFICIAL_KEYS)):
                read.fail(f"disahkan_oleh.{key}", "kolom tidak dikenal")
            official = Official(**{
                k: read.text(raw_official, k, f"disahkan_oleh.{k}", required=False)
                for k in OFFICIAL_KEYS
            })

    lists = {name: read.text_list(data, name, name) for name in IDENTITAS_LIST_FIELDS}
    dates = {name: read.date(data, name) for name in DATE_FIELDS}
    unreadable = read.text_list(data, "unreadable", "unreadable")
    actors = read.text_list(data, "actors", "actors")

    raw_steps = data.get("steps", [])
    if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
        read.fail("steps", "harus berupa daftar [[steps]]")
        raw_steps = []
    steps = tuple(_read_step(read, index, raw) for index, raw in enumerate(raw_steps))
    if problems:
        return None, problems
    sop = Sop(**top, source=source, nomor=nomor, disahkan_oleh=official, actors=actors,
              steps=steps, unreadable=unreadable, **dates, **lists)
    return with_search_text(sop), problems


def _read_step(read: _Reader, index: int, raw: dict[str, Any]) -> Step:
    no = index + 1
    for key in sorted(set(raw) - STEP_KEYS):
        read.fail(step_field(no, key), "kolom tidak dikenal")
    unreadable = read.text_list(raw, "unreadable", step_field(no, "unreadable"))
    number = read.integer(raw, "no", step_field(no, "no"))
    if number is None:
        read.fail(step_field(no, "no"), "wajib diisi")
    texts = {k: read.text(raw, k, step_field(no, k), required=False)
             for k in ("kegiatan", "pelaksana", *STEP_TEXT_FIELDS)}
    symbol = read.text(raw, "symbol", step_field(no, "symbol"), required=True)
    return Step(no=number or no, symbol=symbol, unreadable=unreadable,
                ya=read.integer(raw, "ya", step_field(no, "ya")),
                tidak=read.integer(raw, "tidak", step_field(no, "tidak")), **texts)
