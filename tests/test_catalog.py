"""The SOP catalog: the 34 SOPs of the book, validated, and errors that name file and field."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from jogoroto_desktop.sop.catalog import (
    CACHE_FILE_NAME,
    SEKSI,
    CatalogError,
    default_catalog,
    load_catalog,
    load_catalog_cached,
    sops_dir,
)
from jogoroto_desktop.sop.waktu import parse_waktu

DETAILED = {
    "surat-masuk", "surat-keluar", "dispensasi-nikah", "legalisir", "rekomendasi-skck",
    "kenaikan-pangkat", "cuti-pegawai", "pensiun-pegawai", "renja", "tapkin", "lakip",
    "pencairan-up", "pemberian-informasi", "pencarian-informasi",
}


def test_34_sops_in_the_books_groups() -> None:
    catalog = default_catalog()
    assert len(catalog) == 34
    counts = Counter(sop.seksi for sop in catalog)
    assert [counts[s.id] for s in SEKSI] == [17, 5, 3, 6, 3]


def test_the_14_detailed_sops_are_rinci_and_the_rest_draf() -> None:
    catalog = default_catalog()
    assert {sop.id for sop in catalog if sop.status == "rinci"} == DETAILED
    for sop in catalog:
        if sop.is_draft:
            assert sop.steps == () and sop.actors == ()


def test_book_order_and_list_letters() -> None:
    catalog = default_catalog()
    sekretariat = catalog.by_seksi("sekretariat")
    assert [s.urutan for s in sekretariat] == list("abcdefghijklmnopq")
    assert sekretariat[0].name == "Pengelolaan Surat Masuk"
    assert sekretariat[8].name.startswith("Penyusunan Rencana Kerja")


def test_known_numbers_follow_the_list_order() -> None:
    catalog = default_catalog()
    for number, sop_id in enumerate(
        ["surat-masuk", "surat-keluar", "dispensasi-nikah", "legalisir", "rekomendasi-skck",
         "kenaikan-pangkat", "cuti-pegawai", "pensiun-pegawai", "renja"], start=1
    ):
        sop = catalog.get(sop_id)
        assert sop is not None
        assert sop.nomor == f"065/{number:02d}.SOP.SEK/415.67/2022"
        assert catalog.get(sop.nomor) is sop
    assert catalog.get("065/02.sop.sek/415.67/2022").id == "surat-keluar"
    assert catalog.get("tidak-ada") is None


@pytest.mark.parametrize("sop_id", sorted(DETAILED))
def test_every_detailed_sop_validates(sop_id: str) -> None:
    sop = default_catalog().get(sop_id)
    assert sop is not None and not sop.is_draft
    steps = sop.steps
    assert steps[0].symbol == "terminator" and steps[-1].symbol == "terminator"
    assert [s.no for s in steps] == list(range(1, len(steps) + 1))
    for step in steps:
        if "pelaksana" not in step.unreadable:
            assert step.pelaksana in sop.actors
        if step.symbol == "decision":
            assert step.ya is not None and 1 <= step.ya <= len(steps)
            assert step.tidak is not None and 1 <= step.tidak <= len(steps)
        parse_waktu(step.waktu)
    assert sop.tanggal_efektif is not None
    assert sop.disahkan_oleh is not None and sop.disahkan_oleh.nip == "19690814 199703 2 003"


def test_every_step_is_reachable_from_the_first() -> None:
    for sop in default_catalog():
        if sop.is_draft:
            continue
        seen, todo = set(), [1]
        while todo:
            no = todo.pop()
            if no not in seen:
                seen.add(no)
                todo.extend(sop.successors(sop.step(no)))
        assert seen == set(range(1, len(sop.steps) + 1)), sop.id


def test_search_finds_by_any_word_of_a_kegiatan() -> None:
    catalog = default_catalog()
    assert [s.id for s in catalog.search("legalisir")][0] == "legalisir"
    hits = {s.id for s in catalog.search("BAPPEDA")}
    assert "renja" in hits
    assert {s.id for s in catalog.search("cuti sisa")} == {"cuti-pegawai"}
    assert catalog.search("kata-yang-tidak-ada") == []
    assert len(catalog.search("")) == 34


def test_to_dict_has_the_documented_keys() -> None:
    data = default_catalog().get("surat-masuk").to_dict()
    for key in ("id", "nomor", "name", "seksi", "status", "actors", "steps", "dasar_hukum",
                "kualifikasi_pelaksana", "keterkaitan", "peralatan_perlengkapan", "peringatan",
                "pencatatan_pendataan", "tanggal_pembuatan", "tanggal_revisi",
                "tanggal_efektif", "disahkan_oleh"):
        assert key in data
    step = data["steps"][0]
    assert set(step) >= {"no", "kegiatan", "pelaksana", "symbol", "kelengkapan", "waktu",
                         "output", "keterangan", "ya", "tidak"}


def _copy_catalog(tmp_path: Path) -> Path:
    folder = tmp_path / "sops"
    shutil.copytree(sops_dir(), folder, ignore=shutil.ignore_patterns("__*"))
    return folder


def _break(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append_steps(path: Path, actors: list[str] | None, *steps: dict[str, object]) -> None:
    """Add `actors` (when given) and the `steps` as [[steps]] tables to the SOP file at `path`."""
    tables = [f"actors = {json.dumps(actors)}"] if actors is not None else []
    tables += ["[[steps]]\n" + "\n".join(f"{key} = {json.dumps(value)}"
                                         for key, value in step.items()) for step in steps]
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "\n\n".join(tables) + "\n",
                    encoding="utf-8")


def _problem_fields(exc: CatalogError) -> set[tuple[str, str]]:
    return {(p.file, p.field) for p in exc.problems}


def test_a_copy_of_the_shipped_catalog_loads(tmp_path: Path) -> None:
    assert len(load_catalog(_copy_catalog(tmp_path))) == 34


def test_unknown_pelaksana_names_file_and_field(tmp_path: Path) -> None:
    folder = _copy_catalog(tmp_path)
    first_actor = default_catalog().get("legalisir").steps[1].pelaksana
    _break(folder, "legalisir.toml", f'pelaksana = "{first_actor}"', 'pelaksana = "Lurah"')
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    assert ("legalisir.toml", "langkah 2: pelaksana") in _problem_fields(info.value)
    assert "legalisir.toml: langkah 2: pelaksana" in str(info.value)


def test_bad_waktu_and_bad_symbol_are_reported(tmp_path: Path) -> None:
    folder = _copy_catalog(tmp_path)
    _break(folder, "surat-keluar.toml", 'symbol = "process"', 'symbol = "kotak"')
    path = folder / "renja.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('waktu = "', 'waktu = "segera ', 1), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    fields = _problem_fields(info.value)
    assert any(f == "surat-keluar.toml" and p.endswith(": symbol") for f, p in fields)
    assert any(f == "renja.toml" and p.endswith(": waktu") for f, p in fields)


def test_missing_name_and_unknown_key(tmp_path: Path) -> None:
    folder = _copy_catalog(tmp_path)
    _break(folder, "ktp.toml", "name =", "nama_salah =")
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    fields = _problem_fields(info.value)
    assert ("ktp.toml", "name") in fields
    assert ("ktp.toml", "nama_salah") in fields


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    folder = _copy_catalog(tmp_path)
    (folder / "skm.toml").write_text('id = "skm\nname = ', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    assert any(p.file == "skm.toml" for p in info.value.problems)


def test_decision_target_must_exist(tmp_path: Path) -> None:
    folder = _copy_catalog(tmp_path)
    path = folder / "tower.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('status = "draf"', 'status = "rinci"'),
        encoding="utf-8",
    )
    _append_steps(path, ["Pemohon", "Camat"],
                  {"no": 1, "kegiatan": "Mulai", "pelaksana": "Pemohon", "symbol": "terminator"},
                  {"no": 2, "kegiatan": "Periksa", "pelaksana": "Camat", "symbol": "decision",
                   "ya": 3, "tidak": 9},
                  {"no": 3, "kegiatan": "Selesai", "pelaksana": "Camat", "symbol": "process"})
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    fields = _problem_fields(info.value)
    assert ("tower.toml", "langkah 2: tidak") in fields
    assert ("tower.toml", "langkah 3: symbol") in fields  # the last step must be a terminator


def test_draft_must_not_carry_steps(tmp_path: Path) -> None:
    folder = _copy_catalog(tmp_path)
    path = folder / "raskin.toml"
    _append_steps(path, None, {"no": 1, "kegiatan": "Langkah karangan", "pelaksana": "Camat",
                               "symbol": "terminator"})
    with pytest.raises(CatalogError) as info:
        load_catalog(folder)
    assert ("raskin.toml", "steps") in _problem_fields(info.value)


def test_start_up_cache_is_used_and_never_hides_an_edit(tmp_path: Path) -> None:
    folder = _copy_catalog(tmp_path)
    cache_dir = tmp_path / "cache"
    first = load_catalog_cached(folder, cache_dir)
    assert (cache_dir / CACHE_FILE_NAME).exists()
    second = load_catalog_cached(folder, cache_dir)
    assert [s.to_dict() for s in second] == [s.to_dict() for s in first]
    assert second.search("legalisir")[0].id == "legalisir"
    # an edit that breaks a file is caught even though a cache exists
    _break(folder, "legalisir.toml", 'symbol = "process"', 'symbol = "kotak"')
    with pytest.raises(CatalogError):
        load_catalog_cached(folder, cache_dir)


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    folder = _copy_catalog(tmp_path)
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / CACHE_FILE_NAME).write_bytes(b"\x80\x04 rusak")
    assert len(load_catalog_cached(folder, cache_dir)) == 34
