"""The SOP catalog: one TOML file per SOP under resources/sops, validated at load.

The files are a faithful transcription of the office's SOP book (see docs/sop-format.md).
Every problem found is reported with the file and the field it is in, so whoever edits the data
knows exactly what to fix. The data classes live in :mod:`model` (re-exported here), the rules
in :mod:`checks`, the reading of a file in :mod:`exchange`.

Once a database is open, the catalog in force is the database's (:mod:`versions`, the SOPs the
office approved); :func:`default_catalog` gives that one then, the shipped files otherwise.
"""

from __future__ import annotations

from pathlib import Path

from jogoroto_desktop.sop.cache import read_cache, write_cache
from jogoroto_desktop.sop.checks import periksa_sop
from jogoroto_desktop.sop.exchange import read_sop_data
from jogoroto_desktop.sop.model import (  # noqa: F401  (re-exported: the catalog's vocabulary)
    DATE_FIELDS,
    IDENTITAS_LABELS,
    IDENTITAS_LIST_FIELDS,
    SEKSI,
    SEKSI_BY_ID,
    STATUS_DRAF,
    STATUS_LABELS,
    STATUS_RINCI,
    STEP_TEXT_FIELDS,
    SYMBOL_LABELS,
    SYMBOLS,
    Catalog,
    CatalogError,
    Official,
    Problem,
    Seksi,
    Sop,
    Step,
    normalize_text,
)
from jogoroto_desktop.storage.paths import data_dir, resource_path


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
        sop, file_problems = load_sop_file_data(data, path)
        problems.extend(file_problems)
        if sop is not None and not file_problems:
            sops.append(sop)
    _check_unique(sops, problems)
    if problems:
        raise CatalogError(problems)
    return Catalog(sops)


def load_sop_file_data(data: dict, path: Path) -> tuple[Sop | None, list[Problem]]:
    """One shipped file's SOP (parsed TOML ``data``) and its problems: the structure, the rules
    of :func:`periksa_sop`, and its id, which must be the file's name."""
    sop, problems = read_sop_data(data, path.name, path)
    if sop is None:
        return None, problems
    problems = periksa_sop(sop)
    if sop.id != path.stem:
        problems.append(Problem(path.name, "id",
                                f"{sop.id!r} harus sama dengan nama berkas {path.stem!r}"))
    return sop, problems


_cached: Catalog | None = None
CACHE_FILE_NAME = "katalog-sop.cache"


def default_catalog() -> Catalog:
    """The catalog in force: the open database's (the SOP versions in force today,
    :func:`versions.katalog_berlaku`), or the shipped one while no database is open (loaded
    once per process, through the start-up cache)."""
    if database_open():
        from jogoroto_desktop.sop.versions import katalog_berlaku

        return katalog_berlaku()
    return shipped_catalog()


def shipped_catalog() -> Catalog:
    """The SOP book as shipped (resources/sops), what a new database takes as version 1."""
    global _cached
    if _cached is None:
        _cached = load_catalog_cached(sops_dir(), data_dir() / "cache")
    return _cached


def database_open() -> bool:
    """True when a database is open. Looked up without importing the database layer: the
    window is painted before the database is opened, and peewee is not needed for that."""
    import sys

    models = sys.modules.get("models")
    return models is not None and models.db.obj is not None


def catalog_fingerprint(folder: Path) -> str:
    """Changes whenever a catalog file is added, removed or edited (the cache adds the
    program's version).

    Kept as plain text (about 2 KB in the cache file), not hashed: importing hashlib loads
    OpenSSL, a few milliseconds of start-up for nothing."""
    parts = []
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
    catalog = read_cache(cache_file, fingerprint)
    if isinstance(catalog, Catalog):
        return catalog
    catalog = load_catalog(folder)
    write_cache(cache_file, fingerprint, catalog)
    return catalog


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
