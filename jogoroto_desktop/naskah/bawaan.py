"""The templates shipped with the program (resources/templat/<nama>.docx, built by
tools/make_templates.py) and what each is for (resources/templat/templat.toml).

One per service outcome the loket hands over, and one per common naskah dinas. The
klasifikasi is the archive code the letter's number starts with (resources/klasifikasi.csv);
``kepada`` empty means the letter is addressed to the pemohon (an izin given to them). A
template that is not ``bernomor`` takes no number of the Agenda Surat Keluar: the legalisir
stamp carries the request's register number.
"""

from __future__ import annotations

from dataclasses import dataclass

LAYANAN = "layanan"  # answers a service request (needs one)
DINAS = "dinas"  # a naskah dinas of the office
JENIS_LABELS = {LAYANAN: "Hasil layanan", DINAS: "Naskah dinas"}
CAMAT = "Camat"


@dataclass(frozen=True)
class InfoBawaan:
    nama: str  # the template's key, also the file name
    judul: str
    jenis: str
    klasifikasi: str
    sop_id: str = ""  # the service whose requests it answers
    kepada: str = ""
    di: str = ""
    perihal: str = ""
    penandatangan: str = CAMAT  # jabatan in Pengaturan > Pejabat
    bernomor: bool = True
    kertas: str = "F4"


FOLDER = "templat"  # under resources/
FILE = "templat.toml"


def _load() -> tuple[InfoBawaan, ...]:
    """The shipped templates as resources/templat/templat.toml lists them."""
    import tomllib

    from jogoroto_desktop.storage.paths import resource_path

    with resource_path(FOLDER, FILE).open("rb") as handle:
        rows = tomllib.load(handle)["templat"]
    infos = tuple(InfoBawaan(**row) for row in rows)
    for info in infos:
        if info.jenis not in JENIS_LABELS or info.kertas not in ("A4", "F4"):
            raise ValueError(f"templat.toml: templat {info.nama!r} tidak sah")
    return infos


BAWAAN: tuple[InfoBawaan, ...] = _load()
BAWAAN_BY_NAMA: dict[str, InfoBawaan] = {info.nama: info for info in BAWAAN}


def nama_berkas(nama: str) -> str:
    return f"{nama}.docx"
