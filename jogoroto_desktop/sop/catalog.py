"""The SOP catalog: one TOML file per SOP under resources/sops, validated at load.

The files are a faithful transcription of the office's SOP book (see docs/sop-format.md).
Every problem found is reported with the file and the field it is in, so whoever edits the data
knows exactly what to fix.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jogoroto_desktop import __version__
from jogoroto_desktop.sop.waktu import Deadline, Waktu, WaktuError, parse_waktu
from jogoroto_desktop.storage.paths import data_dir, resource_path


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
_TOP_KEYS = {
    "id", "name", "seksi", "urutan", "status", "nomor", "disahkan_oleh", "actors",
    "unreadable", "steps", *DATE_FIELDS, *IDENTITAS_LIST_FIELDS,
}
_STEP_KEYS = {
    "no", "kegiatan", "pelaksana", "symbol", "ya", "tidak", "unreadable", *STEP_TEXT_FIELDS,
}
_OFFICIAL_KEYS = ("jabatan", "nama", "pangkat", "nip")
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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
    source: Path
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
                k: getattr(official, k) for k in _OFFICIAL_KEYS
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


def sops_dir() -> Path:
    return resource_path("sops")


def load_catalog(directory: Path | None = None) -> Catalog:
    """Load and validate every SOP file; raise CatalogError listing every problem found."""
    import tomllib  # only needed when the files are read, not when the cache is used

    folder = directory or sops_dir()
    problems: list[Problem] = []
    sops: list[Sop] = []
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise CatalogError([Problem(str(folder), "-", "tidak ada berkas SOP (*.toml)")])
    for path in files:
        try:
            with path.open("rb") as handle:
                data = tomllib.load(handle)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(Problem(path.name, "-", f"bukan TOML yang valid: {exc}"))
            continue
        file_problems: list[Problem] = []
        sop = _build_sop(path, data, file_problems)
        problems.extend(file_problems)
        if sop is not None and not file_problems:
            sops.append(sop)
    _check_unique(sops, problems)
    if problems:
        raise CatalogError(problems)
    return Catalog(sops)


_cached: Catalog | None = None
CACHE_FILE_NAME = "katalog-sop.cache"
CACHE_FORMAT = 1  # bump when the pickled classes change shape


def default_catalog() -> Catalog:
    """The shipped catalog, loaded once per process (through the start-up cache)."""
    global _cached
    if _cached is None:
        _cached = load_catalog_cached(sops_dir(), data_dir() / "cache")
    return _cached


def catalog_fingerprint(folder: Path) -> str:
    """Changes whenever a catalog file is added, removed or edited, or the program changes.

    Kept as plain text (about 2 KB in the cache file), not hashed: importing hashlib loads
    OpenSSL, a few milliseconds of start-up for nothing."""
    parts = [f"{__version__}|{CACHE_FORMAT}"]
    for path in sorted(folder.glob("*.toml")):
        stat = path.stat()
        parts.append(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}")
    return "\n".join(parts)



def load_catalog_cached(folder: Path, cache_dir: Path) -> Catalog:
    """Load the validated catalog from a cache written after a successful validation, or
    validate the files and write the cache. Reading 34 TOML files and validating them is a
    noticeable part of start-up; the cache is only trusted while the fingerprint matches."""
    fingerprint = catalog_fingerprint(folder)
    cache_file = cache_dir / CACHE_FILE_NAME
    try:
        with cache_file.open("rb") as handle:
            stored_fingerprint, catalog = pickle.load(handle)
        if stored_fingerprint == fingerprint and isinstance(catalog, Catalog):
            return catalog
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError,
            pickle.UnpicklingError):
        pass  # missing, stale or unreadable cache: rebuild it below
    catalog = load_catalog(folder)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump((fingerprint, catalog), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, cache_file)
    except OSError:
        pass  # a read-only data folder only costs the speed-up
    return catalog


class _Reader:
    """Typed access to one file's fields, recording problems instead of raising."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.file = path.name
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
        if required and not value.strip():
            self.fail(where, "tidak boleh kosong")
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


def _build_sop(path: Path, data: dict[str, Any], problems: list[Problem]) -> Sop | None:
    read = _Reader(path, problems)
    for key in sorted(set(data) - _TOP_KEYS):
        read.fail(key, "kolom tidak dikenal")

    sop_id = read.text(data, "id", "id", required=True)
    if sop_id and not _ID_PATTERN.match(sop_id):
        read.fail("id", f"{sop_id!r} hanya boleh huruf kecil, angka dan '-'")
    if sop_id and sop_id != path.stem:
        read.fail("id", f"{sop_id!r} harus sama dengan nama berkas {path.stem!r}")
    name = read.text(data, "name", "name", required=True)
    seksi = read.text(data, "seksi", "seksi", required=True)
    if seksi and seksi not in SEKSI_BY_ID:
        read.fail("seksi", f"{seksi!r} bukan salah satu dari {', '.join(SEKSI_BY_ID)}")
    urutan = read.text(data, "urutan", "urutan", required=True)
    if urutan and not re.fullmatch(r"[a-z]", urutan):
        read.fail("urutan", f"{urutan!r} harus satu huruf kecil (a, b, c, ...)")
    status = read.text(data, "status", "status", required=True)
    if status and status not in (STATUS_RINCI, STATUS_DRAF):
        read.fail("status", f"{status!r} harus 'rinci' atau 'draf'")
    nomor = read.text(data, "nomor", "nomor", required=False) or None

    official = None
    raw_official = data.get("disahkan_oleh")
    if raw_official is not None:
        if not isinstance(raw_official, dict):
            read.fail("disahkan_oleh", "harus berupa tabel (jabatan, nama, pangkat, nip)")
        else:
            for key in sorted(set(raw_official) - set(_OFFICIAL_KEYS)):
                read.fail(f"disahkan_oleh.{key}", "kolom tidak dikenal")
            official = Official(**{
                k: read.text(raw_official, k, f"disahkan_oleh.{k}", required=False)
                for k in _OFFICIAL_KEYS
            })

    lists = {name: read.text_list(data, name, name) for name in IDENTITAS_LIST_FIELDS}
    dates = {name: read.date(data, name) for name in DATE_FIELDS}
    unreadable = read.text_list(data, "unreadable", "unreadable")
    for name_ in unreadable:
        if name_ not in IDENTITAS_LABELS:
            read.fail("unreadable", f"{name_!r} bukan kolom identitas")
    actors = read.text_list(data, "actors", "actors")
    if len(set(actors)) != len(actors):
        read.fail("actors", "pelaksana ganda")
    if any(not a for a in actors):
        read.fail("actors", "nama pelaksana kosong")

    raw_steps = data.get("steps", [])
    if not isinstance(raw_steps, list) or not all(isinstance(s, dict) for s in raw_steps):
        read.fail("steps", "harus berupa daftar [[steps]]")
        raw_steps = []
    steps = [_build_step(read, i, raw, actors) for i, raw in enumerate(raw_steps)]

    if status == STATUS_DRAF:
        if raw_steps:
            read.fail("steps", "SOP draf belum boleh berisi langkah")
        if actors:
            read.fail("actors", "SOP draf belum boleh berisi pelaksana")
    elif status == STATUS_RINCI:
        if not actors:
            read.fail("actors", "SOP rinci wajib punya daftar pelaksana")
        if not steps:
            read.fail("steps", "SOP rinci wajib punya langkah")
        _check_flow(read, steps)

    if problems:
        return None
    sop = Sop(
        id=sop_id, name=name, seksi=seksi, urutan=urutan, status=status, source=path,
        nomor=nomor, disahkan_oleh=official, actors=actors, steps=tuple(steps),
        unreadable=unreadable, **dates, **lists,
    )
    return _with_search_text(sop)


def _build_step(read: _Reader, index: int, raw: dict[str, Any], actors: tuple[str, ...]) -> Step:
    where = f"steps[{index}]"
    for key in sorted(set(raw) - _STEP_KEYS):
        read.fail(f"{where}.{key}", "kolom tidak dikenal")
    unreadable = read.text_list(raw, "unreadable", f"{where}.unreadable")
    for name in unreadable:
        if name not in _STEP_KEYS - {"no", "unreadable", "symbol", "ya", "tidak"}:
            read.fail(f"{where}.unreadable", f"{name!r} bukan kolom langkah yang bisa hilang")
    no = read.integer(raw, "no", f"{where}.no")
    if no is None:
        read.fail(f"{where}.no", "wajib diisi")
    elif no != index + 1:
        read.fail(f"{where}.no", f"nomor {no} seharusnya {index + 1} (urut tanpa loncatan)")
    kegiatan = read.text(raw, "kegiatan", f"{where}.kegiatan", "kegiatan" not in unreadable)
    pelaksana = read.text(raw, "pelaksana", f"{where}.pelaksana", "pelaksana" not in unreadable)
    if pelaksana and pelaksana not in actors:
        read.fail(f"{where}.pelaksana", f"{pelaksana!r} tidak ada di daftar actors")
    symbol = read.text(raw, "symbol", f"{where}.symbol", required=True)
    if symbol and symbol not in SYMBOLS:
        read.fail(f"{where}.symbol", f"{symbol!r} harus salah satu dari {', '.join(SYMBOLS)}")
    texts = {k: read.text(raw, k, f"{where}.{k}", required=False) for k in STEP_TEXT_FIELDS}
    for name in unreadable:
        if name in texts and texts[name] or name in ("kegiatan", "pelaksana") and raw.get(name):
            read.fail(f"{where}.{name}", "ditandai tidak terbaca, jadi isinya harus kosong")
    try:
        parse_waktu(texts["waktu"])
    except WaktuError as exc:
        read.fail(f"{where}.waktu", str(exc))
    ya = read.integer(raw, "ya", f"{where}.ya")
    tidak = read.integer(raw, "tidak", f"{where}.tidak")
    return Step(
        no=no or index + 1, kegiatan=kegiatan, pelaksana=pelaksana, symbol=symbol,
        ya=ya, tidak=tidak, unreadable=unreadable, **texts,
    )


def _check_flow(read: _Reader, steps: list[Step]) -> None:
    count = len(steps)
    for index, step in enumerate(steps):
        where = f"steps[{index}]"
        at_end = index in (0, count - 1)
        if at_end and step.symbol != "terminator":
            read.fail(f"{where}.symbol", "langkah pertama dan terakhir harus 'terminator'")
        if not at_end and step.symbol == "terminator":
            read.fail(f"{where}.symbol", "'terminator' hanya untuk langkah pertama dan terakhir")
        if step.symbol == "decision":
            for branch in ("ya", "tidak"):
                target = getattr(step, branch)
                if target is None:
                    read.fail(f"{where}.{branch}", "keputusan wajib punya tujuan Ya dan Tidak")
                elif not 1 <= target <= count:
                    read.fail(f"{where}.{branch}", f"langkah tujuan {target} tidak ada")
                elif target == step.no:
                    read.fail(f"{where}.{branch}", "tidak boleh menuju dirinya sendiri")
        else:
            for branch in ("ya", "tidak"):
                if getattr(step, branch) is not None:
                    read.fail(f"{where}.{branch}", "hanya langkah 'decision' yang punya cabang")


def _check_unique(sops: list[Sop], problems: list[Problem]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for sop in sops:
        for key in (("id", sop.id), ("nomor", sop.nomor or ""), (sop.seksi, sop.urutan)):
            if not key[1]:
                continue
            if key in seen:
                field_name = key[0] if key[0] in ("id", "nomor") else "urutan"
                problems.append(Problem(
                    sop.source.name, field_name, f"{key[1]!r} sudah dipakai oleh {seen[key]}"
                ))
            else:
                seen[key] = sop.source.name


def _with_search_text(sop: Sop) -> Sop:
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
