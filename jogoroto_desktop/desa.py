"""The desa of the kecamatan, offered wherever an address is typed (the layanan request form):
kept as data, the shipped list (resources/desa.txt) until the office edits it in Pengaturan.
A citizen from outside the kecamatan is still written as typed: the list offers, it does not
restrict."""

from __future__ import annotations

from jogoroto_desktop.storage.paths import resource_path
from jogoroto_desktop.validation import Checker
from models import get_setting

DESA_SETTING = "daftar_desa"
MAX_DESA = 100  # characters of one name
MAX_JUMLAH = 200  # names in the list


def desa_bawaan() -> list[str]:
    """The shipped list: one name a line, "#" lines are notes."""
    text = resource_path("desa.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def daftar_desa() -> list[str]:
    """The office's list as stored in Pengaturan, else the shipped one."""
    stored = get_setting(DESA_SETTING)
    if stored is None:
        return desa_bawaan()
    return [line for line in stored.splitlines() if line]


def periksa_desa(names: list[str]) -> tuple[list[str], dict[str, str]]:
    """The list tidied (spaces, empty rows dropped) and its problems (field "desa")."""
    check = Checker()
    tidy: list[str] = []
    for index, name in enumerate(names, start=1):
        cleaned = check.text("desa", f"Desa baris {index}", " ".join(name.split()), MAX_DESA,
                             required=False)
        if cleaned and cleaned.casefold() in {t.casefold() for t in tidy}:
            check.fail("desa", f"Desa \u201c{cleaned}\u201d tertulis dua kali.")
        elif cleaned:
            tidy.append(cleaned)
    if not tidy:
        check.fail("desa", "Daftar desa kosong; isi paling sedikit satu desa.")
    if len(tidy) > MAX_JUMLAH:
        check.fail("desa", f"Daftar desa paling banyak {MAX_JUMLAH} nama.")
    return tidy, dict(check.problems)

