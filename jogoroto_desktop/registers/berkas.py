"""Attached files (`Berkas`): scans and drafts of letters, and the documents other registers
keep (a pelacakan's files). Each file is checked to really be a PDF/JPG/PNG and copied once into
the data folder under its hash, however often it is attached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

from jogoroto_desktop import audit, session
from jogoroto_desktop.registers.surat import surat_label
from jogoroto_desktop.storage.paths import data_dir
from jogoroto_desktop.validation import ValidationError
from models import Berkas, SuratKeluar, SuratMasuk, db

ALLOWED_FILES = {".pdf": b"%PDF", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff",
                 ".png": b"\x89PNG\r\n\x1a\n"}


def lampirkan_berkas(source: Path, surat_masuk: SuratMasuk | None = None,
                     surat_keluar: SuratKeluar | None = None, jenis: str = "pindaian",
                     now: dt.datetime | None = None) -> Berkas:
    """Copy a scan (PDF/JPG/PNG) into the data folder under its hash and link it."""
    session.require("agenda.nomor" if surat_masuk is not None else "surat_keluar.proses")
    now = now or dt.datetime.now()
    with db.atomic():
        berkas = Berkas.create(surat_masuk=surat_masuk, surat_keluar=surat_keluar, jenis=jenis,
                               **simpan_berkas(source, now))
        owner = surat_masuk if surat_masuk is not None else surat_keluar
        audit.catat_buat(berkas, f"Berkas {source.name} dilampirkan"
                                 + (f" pada {surat_label(owner)}" if owner is not None else ""))
    return berkas


def simpan_berkas(source: Path, now: dt.datetime) -> dict:
    """Check that `source` really is a PDF/JPG/PNG, copy it into the data folder under its
    hash (once, however often it is attached) and return the `Berkas` columns describing it;
    every register that keeps documents links its own row with these."""
    suffix = source.suffix.lower()
    if suffix not in ALLOWED_FILES:
        raise ValidationError({"berkas": "Hanya berkas PDF, JPG atau PNG yang bisa dilampirkan."})
    try:
        content = source.read_bytes()
    except OSError as exc:
        raise ValidationError({"berkas": f"Berkas tidak bisa dibaca: {exc.strerror}"}) from None
    if not content.startswith(ALLOWED_FILES[suffix]):
        raise ValidationError({"berkas": f"Isi berkas {source.name} bukan {suffix[1:].upper()} "
                                         "yang sah (rusak atau salah nama)."})
    digest = hashlib.sha256(content).hexdigest()
    relative = Path("berkas") / str(now.year) / f"{digest}{suffix}"
    target = data_dir() / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(suffix + ".part")
        shutil.copyfile(source, partial)
        partial.replace(target)
    return {"nama_asli": source.name, "path": relative.as_posix(), "sha256": digest,
            "ukuran": len(content), "ditambahkan_pada": now}


def berkas_of(surat: SuratMasuk) -> list[Berkas]:
    """The scans attached to a letter, in the order they were attached."""
    return list(Berkas.select().where(Berkas.surat_masuk == surat)
                .order_by(Berkas.ditambahkan_pada, Berkas.id))


def berkas_path(berkas: Berkas) -> Path:
    return data_dir() / berkas.path
