"""The letterhead (kop surat) printed on the official forms, the SOP book and the recap: plain
data, set in Pengaturan > Kop Surat (`kop_settings`). A leaf module, so the domain can hold a kop
without knowing `printing`, which draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Kop:
    """The letterhead on the identitas page (configurable in the settings later)."""

    pemerintah: str = "PEMERINTAH KABUPATEN JOMBANG"
    instansi: str = "KECAMATAN JOGOROTO"
    alamat: str = "Jln. Raya Jogoroto No. 01"
    telepon: str = "Telp. 0321-864403"
    tempat: str = "Jogoroto"  # the place in "Jogoroto, 4 Januari 2022"
    logo: str | Path | None = None  # an image drawn at the left of the kop

    def lines(self) -> list[tuple[str, str, float]]:
        """(text, style, size) of each kop line, top to bottom; empty lines are left out."""
        spec = [
            (self.pemerintah, "bold", 13.0),
            (self.instansi, "bold", 16.0),
            (self.alamat, "regular", 10.0),
            (self.telepon, "regular", 10.0),
        ]
        return [(text, style, size) for text, style, size in spec if text.strip()]
