"""The fields (isian) a letter template may use: one registry (resources/templat/isian.toml),
with the Indonesian description the template management window and `jogoroto-cli naskah isian`
show.

A field is written in the template as ``{{ nama }}``. Most come from the records (the request's
pemohon, the office's kop and officials, the letter's number and date); a few are typed in at
"Buat Surat" (``diisi``: the things the program does not record, such as the pemohon's
pekerjaan or the place of a wedding). A template naming a field not in this registry is
refused when it is added, naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass

TEKS = "teks"  # one line of text
TANGGAL = "tanggal"  # typed as a date, written in words with the weekday
DAFTAR = "daftar"  # lines: loop with {%p for x in ... %}
PARAGRAF = "paragraf"  # paragraphs typed with blank lines between them: loop like DAFTAR
GAMBAR = "gambar"  # an image (the QR code, the kop logo)

KELOMPOK: dict[str, str] = {
    "pemohon": "Pemohon (dari permohonan layanan)",
    "permohonan": "Permohonan layanan",
    "kantor": "Kantor (Pengaturan)",
    "surat": "Surat",
    "penandatangan": "Penanda tangan",
    "diisi": "Diisi saat membuat surat",
}


@dataclass(frozen=True)
class Isian:
    nama: str  # as written in the template: {{ nama }}
    label: str  # what it is, in Indonesian
    kelompok: str  # key of KELOMPOK
    jenis: str = TEKS
    #: Typed in at "Buat Surat" (the program does not record it).
    diisi: bool = False
    #: An empty value refuses the letter (naming the field) when the template uses it.
    wajib: bool = True
    contoh: str = ""

    @property
    def tag(self) -> str:
        return "{{ " + self.nama + " }}"


JENIS = (TEKS, TANGGAL, DAFTAR, PARAGRAF, GAMBAR)
FILE = ("templat", "isian.toml")  # under resources/


def _load() -> dict[str, Isian]:
    """The registry as written in resources/templat/isian.toml (checked: a known kelompok
    and jenis, each name once)."""
    import tomllib

    from jogoroto_desktop.storage.paths import resource_path

    with resource_path(*FILE).open("rb") as handle:
        rows = tomllib.load(handle)["isian"]
    registry: dict[str, Isian] = {}
    for row in rows:
        isian = Isian(**row)
        if isian.kelompok not in KELOMPOK or isian.jenis not in JENIS \
                or not isian.nama.isidentifier() or isian.nama in registry:
            raise ValueError(f"isian.toml: isian {isian.nama!r} tidak sah")
        registry[isian.nama] = isian
    return registry


#: Every field a template may use, by name, in the file's order.
ISIAN: dict[str, Isian] = _load()


def isian_dikenal(nama: str) -> Isian | None:
    return ISIAN.get(nama)
