"""The kop surat (letterhead) as settings in the database: its lines, the place written before
the date, and an optional logo. No widgets.

The logo's bytes are kept in the database too (base64), so every PC of an office sharing one
PostgreSQL database prints the same kop; each PC copies it once into its data folder
(`kop/<sha256>.png|jpg`), where reportlab reads it.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from jogoroto_desktop.kop import Kop
from jogoroto_desktop.storage.paths import data_dir
from jogoroto_desktop.validation import Checker, ValidationError

#: Kop field -> (setting key, label for messages, longest text).
KOP_FIELDS: dict[str, tuple[str, str, int]] = {
    "pemerintah": ("kop_pemerintah", "Baris pemerintah", 80),
    "instansi": ("kop_instansi", "Nama instansi", 60),
    "alamat": ("kop_alamat", "Alamat", 120),
    "telepon": ("kop_telepon", "Telepon/surel", 120),
    "tempat": ("kop_tempat", "Tempat penandatanganan", 40),
}
LOGO_SETTING = "kop_logo"  # "<sha256>.<ext>"; empty: no logo
LOGO_DATA_SETTING = "kop_logo_data"  # base64 of the file
LOGO_FOLDER = "kop"
MAX_LOGO_BYTES = 1024 * 1024
MIN_LOGO_PIXELS = 48
MAX_LOGO_PIXELS = 4000
MAX_LOGO_RATIO = 2.5  # the kop reserves a square-ish box left of the lines
_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpg"}


@dataclass(frozen=True)
class KopInput:
    pemerintah: str
    instansi: str
    alamat: str
    telepon: str
    tempat: str


def check_logo(content: bytes, name: str = "logo") -> str:
    """The file type ("png" or "jpg") of a logo that really is a readable PNG/JPEG of a size
    that fits the kop; ValidationError (field "logo") with the reason otherwise."""
    kind = next((ext for magic, ext in _MAGIC.items() if content.startswith(magic)), None)
    if kind is None:
        raise ValidationError({"logo": f"{name} bukan gambar PNG atau JPEG."})
    if len(content) > MAX_LOGO_BYTES:
        raise ValidationError({"logo": f"{name} terlalu besar ({len(content) // 1024} KB); "
                                       f"paling besar {MAX_LOGO_BYTES // 1024} KB."})
    from reportlab.lib.utils import ImageReader

    try:
        width, height = ImageReader(io.BytesIO(content)).getSize()
    except Exception:  # reportlab/PIL raise many types for a damaged image
        raise ValidationError({"logo": f"{name} rusak: gambarnya tidak bisa dibaca."}) from None
    if min(width, height) < MIN_LOGO_PIXELS:
        raise ValidationError({"logo": f"{name} terlalu kecil ({width} \u00d7 {height} piksel); "
                                       f"paling kecil {MIN_LOGO_PIXELS} piksel per sisi agar "
                                       "tajam saat dicetak."})
    if max(width, height) > MAX_LOGO_PIXELS:
        raise ValidationError({"logo": f"{name} terlalu besar ({width} \u00d7 {height} piksel); "
                                       f"paling besar {MAX_LOGO_PIXELS} piksel per sisi."})
    if max(width, height) / min(width, height) > MAX_LOGO_RATIO:
        raise ValidationError({"logo": f"{name} terlalu memanjang ({width} \u00d7 {height} "
                                       "piksel); logo kop harus kurang lebih persegi."})
    return kind


def validate_kop(data: KopInput) -> dict[str, str]:
    """The cleaned lines, or ValidationError. The instansi name and the place are required."""
    check = Checker()
    values = {}
    for name, (_key, label, longest) in KOP_FIELDS.items():
        values[name] = check.text(name, label, getattr(data, name), longest,
                                  required=name in ("instansi", "tempat"))
    check.raise_if_any()
    return values


def load_kop_input() -> KopInput:
    """The kop lines as stored (the defaults of `Kop` where nothing is stored)."""
    from models import get_setting

    default = Kop()
    return KopInput(**{name: get_setting(key, getattr(default, name)) or ""
                       for name, (key, _label, _max) in KOP_FIELDS.items()})


def logo_bytes() -> bytes | None:
    from models import get_setting

    data = get_setting(LOGO_DATA_SETTING)
    return base64.b64decode(data) if data else None


def simpan_kop(data: KopInput, logo: bytes | None | bool = False) -> None:
    """Store the kop lines; `logo` is the new logo's bytes, None to remove it, False to keep
    the stored one. Needs the "pengaturan.ubah" permission; audited."""
    from jogoroto_desktop import audit, session
    from models import db, get_setting, set_setting

    session.require("pengaturan.ubah")
    values = validate_kop(data)
    logo_name: str | None = None
    if isinstance(logo, bytes):
        kind = check_logo(logo)
        logo_name = f"{hashlib.sha256(logo).hexdigest()}.{kind}"
    before = {**load_kop_input().__dict__}
    before["logo"] = get_setting(LOGO_SETTING) or ""
    with db.atomic():
        for name, (key, _label, _max) in KOP_FIELDS.items():
            set_setting(key, values[name])
        if logo is None:
            set_setting(LOGO_SETTING, "")
            set_setting(LOGO_DATA_SETTING, "")
        elif isinstance(logo, bytes):
            set_setting(LOGO_SETTING, logo_name)
            set_setting(LOGO_DATA_SETTING, base64.b64encode(logo).decode("ascii"))
        after = {**values, "logo": get_setting(LOGO_SETTING) or ""}
        changes = audit.perubahan(before, after)
        if changes:
            audit.catat("ubah", "setting", None, "Kop surat diubah", changes)


def logo_path() -> Path | None:
    """The stored logo as a file in this PC's data folder (written on first use), or None."""
    from models import get_setting

    name = get_setting(LOGO_SETTING) or ""
    if not name:
        return None
    path = data_dir() / LOGO_FOLDER / Path(name).name
    if not path.exists():
        content = logo_bytes()
        if not content:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(path.suffix + ".part")
        partial.write_bytes(content)
        partial.replace(path)
    return path


def kop_from_settings() -> Kop:
    """The office's kop as stored in the database (the shipped defaults where not set)."""
    lines = load_kop_input()
    return Kop(pemerintah=lines.pemerintah, instansi=lines.instansi, alamat=lines.alamat,
               telepon=lines.telepon, tempat=lines.tempat or Kop().tempat, logo=logo_path())
