"""The Keputusan Camat that enacts the SOP book: plain data read from
resources/keputusan_sop.toml (transcribed from the book), printed after the book's cover."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jogoroto_desktop.sop.catalog import Official
from jogoroto_desktop.storage.paths import resource_path

KEPUTUSAN_FILE = "keputusan_sop.toml"


class KeputusanError(ValueError):
    """The decree file is missing a field or has one of the wrong kind."""


@dataclass(frozen=True)
class Diktum:
    label: str  # "PERTAMA", "KEDUA", ...
    isi: str


@dataclass(frozen=True)
class Keputusan:
    pemerintah: str
    judul: str
    nomor: str
    tentang: str
    pejabat: str  # "CAMAT JOGOROTO KABUPATEN JOMBANG" (who decides, before Menimbang)
    menimbang: tuple[str, ...]
    mengingat: tuple[str, ...]
    diktum: tuple[Diktum, ...]
    tempat: str
    tanggal: dt.date
    penandatangan: Official


def load_keputusan(path: Path | None = None) -> Keputusan:
    """Read the decree; KeputusanError names the file and the field when it is not complete."""
    import tomllib

    source = path or resource_path(KEPUTUSAN_FILE)
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KeputusanError(f"{source}: tidak dapat dibaca ({exc})") from exc

    def text(table: dict[str, Any], key: str, where: str = "", blank: bool = False) -> str:
        value = table.get(key)
        if not isinstance(value, str) or (not blank and not value.strip()):
            raise KeputusanError(f"{source}: isian {where}{key!r} harus berupa teks")
        return value.strip()

    def texts(key: str) -> tuple[str, ...]:
        value = data.get(key)
        if not isinstance(value, list) or not value or not all(
                isinstance(item, str) and item.strip() for item in value):
            raise KeputusanError(f"{source}: isian {key!r} harus daftar teks yang tidak kosong")
        return tuple(item.strip() for item in value)

    def table(key: str) -> dict[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise KeputusanError(f"{source}: bagian [{key}] tidak ada")
        return value

    raw_diktum = data.get("diktum")
    if not isinstance(raw_diktum, list) or not raw_diktum:
        raise KeputusanError(f"{source}: isian 'diktum' harus daftar [[diktum]]")
    diktum = tuple(Diktum(text(item, "label", "diktum "), text(item, "isi", "diktum "))
                   for item in raw_diktum)
    penetapan, signer = table("penetapan"), table("penandatangan")
    tanggal = penetapan.get("tanggal")
    if not isinstance(tanggal, dt.date):
        raise KeputusanError(f"{source}: isian penetapan 'tanggal' harus tanggal (YYYY-MM-DD)")
    return Keputusan(
        pemerintah=text(data, "pemerintah"), judul=text(data, "judul"),
        nomor=text(data, "nomor"), tentang=text(data, "tentang"),
        pejabat=text(data, "pejabat"),
        menimbang=texts("menimbang"), mengingat=texts("mengingat"), diktum=diktum,
        tempat=text(penetapan, "tempat", "penetapan "), tanggal=tanggal,
        penandatangan=Official(
            jabatan=text(signer, "jabatan", "penandatangan "),
            nama=text(signer, "nama", "penandatangan ", blank=True),
            pangkat=text(signer, "pangkat", "penandatangan ", blank=True),
            nip=text(signer, "nip", "penandatangan ", blank=True)),
    )
