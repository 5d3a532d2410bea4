"""What an SOP is, as plain data: the book's seksi, an SOP with its identitas and steps, and the
catalog of all SOPs. Read and written by :mod:`catalog` (the shipped files), :mod:`exchange` (TOML)
and :mod:`versions` (the database); checked by :mod:`checks`. No I/O here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jogoroto_desktop.sop.waktu import Deadline, Waktu, WaktuError, parse_waktu


@dataclass(frozen=True)
class Seksi:
    id: str
    name: str


SEKSI: tuple[Seksi, ...] = (
    Seksi("sekretariat", "Sekretariat"),
    Seksi("tata-pemerintahan", "Tata Pemerintahan"),
    Seksi("pmd", "Pemberdayaan Masyarakat dan Desa"),
    Seksi("trantib", "Ketentraman dan Ketertiban Umum"),
    Seksi("sosbud", "Sosial Budaya"),
)
SEKSI_BY_ID: dict[str, Seksi] = {s.id: s for s in SEKSI}

STATUS_RINCI = "rinci"
STATUS_DRAF = "draf"
STATUS_LABELS = {STATUS_RINCI: "Rinci", STATUS_DRAF: "Belum dirinci"}
SYMBOLS = ("terminator", "process", "decision")
SYMBOL_LABELS = {"terminator": "Mulai/selesai", "process": "Proses", "decision": "Keputusan"}

IDENTITAS_LIST_FIELDS = (
    "dasar_hukum",
    "kualifikasi_pelaksana",
    "keterkaitan",
    "peralatan_perlengkapan",
    "peringatan",
    "pencatatan_pendataan",
)
IDENTITAS_LABELS = {
    "nomor": "Nomor SOP",
    "tanggal_pembuatan": "Tgl. Pembuatan",
    "tanggal_revisi": "Tgl. Revisi",
    "tanggal_efektif": "Tgl. Efektif",
    "disahkan_oleh": "Disahkan oleh",
    "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan_perlengkapan": "Peralatan/Perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan_pendataan": "Pencatatan dan Pendataan",
}
DATE_FIELDS = ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif")
STEP_TEXT_FIELDS = ("kelengkapan", "waktu", "output", "keterangan")
TOP_KEYS = {
    "id", "name", "seksi", "urutan", "status", "nomor", "disahkan_oleh", "actors",
    "unreadable", "steps", *DATE_FIELDS, *IDENTITAS_LIST_FIELDS,
}
STEP_KEYS = {
    "no", "kegiatan", "pelaksana", "symbol", "ya", "tidak", "unreadable", *STEP_TEXT_FIELDS,
}
OFFICIAL_KEYS = ("jabatan", "nama", "pangkat", "nip")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Official:
    jabatan: str = ""
    nama: str = ""
    pangkat: str = ""
    nip: str = ""

    def describe(self) -> str:
        parts = [self.jabatan, self.nama or "(nama tidak terbaca)", self.pangkat]
        text = ", ".join(p for p in parts if p)
        return f"{text}, NIP {self.nip}" if self.nip else text


@dataclass(frozen=True)
class Step:
    no: int
    kegiatan: str
    pelaksana: str
    symbol: str
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    keterangan: str = ""
    ya: int | None = None
    tidak: int | None = None
    unreadable: tuple[str, ...] = ()

    @property
    def waktu_standard(self) -> Waktu | None:
        return parse_waktu(self.waktu)

    @property
    def deadline(self) -> Deadline | None:
        """The deadline relative to an event ("6 bulan sebelum TMT"), from the Waktu column or,
        where the book writes it there, from the Keterangan column."""
        for text in (self.waktu, self.keterangan):
            try:
                parsed = parse_waktu(text)
            except WaktuError:
                continue
            if isinstance(parsed, Deadline):
                return parsed
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "no": self.no,
            "kegiatan": self.kegiatan,
            "pelaksana": self.pelaksana,
            "symbol": self.symbol,
            "kelengkapan": self.kelengkapan,
            "waktu": self.waktu,
            "output": self.output,
            "keterangan": self.keterangan,
            "ya": self.ya,
            "tidak": self.tidak,
            "tenggat": self.deadline.describe() if self.deadline else None,
            "unreadable": list(self.unreadable),
        }


@dataclass(frozen=True)
class Sop:
    id: str
    name: str
    seksi: str
    urutan: str
    status: str
    source: Path = field(compare=False)
    nomor: str | None = None
    tanggal_pembuatan: dt.date | None = None
    tanggal_revisi: dt.date | None = None
    tanggal_efektif: dt.date | None = None
    disahkan_oleh: Official | None = None
    dasar_hukum: tuple[str, ...] = ()
    kualifikasi_pelaksana: tuple[str, ...] = ()
    keterkaitan: tuple[str, ...] = ()
    peralatan_perlengkapan: tuple[str, ...] = ()
    peringatan: tuple[str, ...] = ()
    pencatatan_pendataan: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    unreadable: tuple[str, ...] = ()
    search_text: str = field(default="", repr=False, compare=False)

    @property
    def is_draft(self) -> bool:
        return self.status == STATUS_DRAF

    @property
    def seksi_name(self) -> str:
        return SEKSI_BY_ID[self.seksi].name

    def step(self, no: int) -> Step:
        return self.steps[no - 1]

    def successors(self, step: Step) -> list[int]:
        """Step numbers an arrow leads to from `step` (Ya first for a decision)."""
        if step.symbol == "decision":
            return [n for n in (step.ya, step.tidak) if n is not None]
        return [step.no + 1] if step.no < len(self.steps) else []

    def to_dict(self) -> dict[str, Any]:
        official = self.disahkan_oleh
        return {
            "id": self.id,
            "nomor": self.nomor,
            "name": self.name,
            "seksi": self.seksi,
            "seksi_name": self.seksi_name,
            "urutan": self.urutan,
            "status": self.status,
            "tanggal_pembuatan": _iso(self.tanggal_pembuatan),
            "tanggal_revisi": _iso(self.tanggal_revisi),
            "tanggal_efektif": _iso(self.tanggal_efektif),
            "disahkan_oleh": None if official is None else {
                k: getattr(official, k) for k in OFFICIAL_KEYS
            },
            **{name: list(getattr(self, name)) for name in IDENTITAS_LIST_FIELDS},
            "unreadable": list(self.unreadable),
            "actors": list(self.actors),
            "steps": [s.to_dict() for s in self.steps],
        }


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class CatalogError(Exception):
    """One or more catalog files are malformed; each problem names its file and field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Katalog SOP tidak valid ({len(problems)} masalah):\n{lines}")


class Catalog:
    """All SOPs in the book's order (seksi, then the list letter)."""

    def __init__(self, sops: Iterable[Sop]) -> None:
        seksi_order = {s.id: i for i, s in enumerate(SEKSI)}
        self.sops: list[Sop] = sorted(sops, key=lambda s: (seksi_order[s.seksi], s.urutan))
        self._by_id = {s.id: s for s in self.sops}
        self._by_nomor = {s.nomor: s for s in self.sops if s.nomor}

    def __len__(self) -> int:
        return len(self.sops)

    def __iter__(self) -> Iterator[Sop]:
        return iter(self.sops)

    def get(self, key: str) -> Sop | None:
        """Find an SOP by its id or its Nomor SOP (case-insensitive, spaces ignored)."""
        if key in self._by_id:
            return self._by_id[key]
        wanted = re.sub(r"\s+", "", key).upper()
        for nomor, sop in self._by_nomor.items():
            if re.sub(r"\s+", "", nomor).upper() == wanted:
                return sop
        return None

    def by_seksi(self, seksi_id: str) -> list[Sop]:
        return [s for s in self.sops if s.seksi == seksi_id]

    def search(self, query: str, seksi_id: str | None = None) -> list[Sop]:
        """SOPs containing every word of `query` anywhere in their text."""
        words = normalize_text(query).split()
        pool = self.by_seksi(seksi_id) if seksi_id else self.sops
        return [s for s in pool if all(w in s.search_text for w in words)]


def normalize_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))



def with_search_text(sop: Sop) -> Sop:
    parts: list[str] = [sop.id, sop.name, sop.nomor or "", sop.seksi_name, *sop.actors]
    for name in IDENTITAS_LIST_FIELDS:
        parts.extend(getattr(sop, name))
    for step in sop.steps:
        parts.extend((step.kegiatan, step.pelaksana, step.kelengkapan, step.output,
                      step.keterangan, step.waktu))
    object.__setattr__(sop, "search_text", normalize_text(" ".join(parts)))
    return sop


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
