"""The office's letter templates: every version in the database (``TemplatNaskah``), the
shipped ones in resources/templat/.

The template in use under a name is its latest version; a name with no version in the database
uses the file shipped with the program (version 0), so a program update improves the shipped
templates the office never touched, and never overwrites one the office changed. Adding,
replacing and restoring the shipped file each write a new version (nothing is deleted) and an
audit row; downloading is audited too. Only the admin manages templates (``naskah.templat``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, replace

from jogoroto_desktop import audit, session
from jogoroto_desktop.naskah.bawaan import (
    BAWAAN,
    BAWAAN_BY_NAMA,
    DINAS,
    FOLDER,
    JENIS_LABELS,
    InfoBawaan,
    nama_berkas,
)
from jogoroto_desktop.naskah.isi import periksa_docx
from jogoroto_desktop.storage.paths import resource_path
from jogoroto_desktop.validation import Checker, ValidationError
from models import TemplatNaskah, db

TABEL = "templat_naskah"
SUMBER_UNGGAHAN = "unggahan"
SUMBER_BAWAAN = "bawaan"
SUMBER_PROGRAM = "program"  # version 0: the file shipped with the program, not in the database
SUMBER_LABELS = {SUMBER_UNGGAHAN: "Diunggah kantor", SUMBER_BAWAAN: "Bawaan dipulihkan",
                 SUMBER_PROGRAM: "Bawaan program"}
_NAMA = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_NAMA = 60
MAX_JUDUL = 120


@dataclass(frozen=True)
class InfoTemplat:
    """A template as listed: what it is for and which version is in use."""

    nama: str
    judul: str
    jenis: str  # "layanan" or "dinas"
    klasifikasi: str
    sop_id: str
    kepada: str
    di: str
    perihal: str
    penandatangan: str
    bernomor: bool
    versi: int  # 0: the file shipped with the program
    sumber: str
    sha256: str
    dibuat_oleh: str = ""
    dibuat_pada: dt.datetime | None = None
    ada_bawaan: bool = False  # a shipped file exists to restore

    @property
    def jenis_label(self) -> str:
        return JENIS_LABELS.get(self.jenis, self.jenis)

    def to_dict(self) -> dict:
        return {
            "nama": self.nama, "judul": self.judul, "jenis": self.jenis,
            "klasifikasi": self.klasifikasi, "sop_id": self.sop_id, "kepada": self.kepada,
            "di": self.di, "perihal": self.perihal, "penandatangan": self.penandatangan,
            "bernomor": self.bernomor, "versi": self.versi, "sumber": self.sumber,
            "sha256": self.sha256, "dibuat_oleh": self.dibuat_oleh,
            "dibuat_pada": self.dibuat_pada.isoformat(sep=" ", timespec="seconds")
            if self.dibuat_pada else None,
            "ada_bawaan": self.ada_bawaan,
        }


# --- reading -------------------------------------------------------------------------------

def _shipped_bytes(nama: str) -> bytes:
    return resource_path(FOLDER, nama_berkas(nama)).read_bytes()


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _info_bawaan(info: InfoBawaan) -> InfoTemplat:
    return InfoTemplat(info.nama, info.judul, info.jenis, info.klasifikasi, info.sop_id,
                       info.kepada, info.di, info.perihal, info.penandatangan, info.bernomor,
                       0, SUMBER_PROGRAM, "", ada_bawaan=True)


def _info_row(row: TemplatNaskah) -> InfoTemplat:
    return InfoTemplat(row.nama, row.judul, row.jenis, row.klasifikasi, row.sop_id, row.kepada,
                       row.di, row.perihal, row.penandatangan, bool(row.bernomor), row.versi,
                       row.sumber, row.sha256, row.dibuat_oleh, row.dibuat_pada,
                       ada_bawaan=row.nama in BAWAAN_BY_NAMA)


def _latest_rows() -> dict[str, TemplatNaskah]:
    """The latest version row of each name in the database (one query, without the bytes)."""
    latest: dict[str, TemplatNaskah] = {}
    columns = [f for name, f in TemplatNaskah._meta.fields.items() if name != "isi"]
    for row in TemplatNaskah.select(*columns).order_by(TemplatNaskah.nama, TemplatNaskah.versi):
        latest[row.nama] = row
    return latest


def daftar_templat() -> list[InfoTemplat]:
    """Every template in use: the shipped ones in their order, then the office's own by name."""
    latest = _latest_rows()
    result = [_info_row(latest.pop(info.nama)) if info.nama in latest else _info_bawaan(info)
              for info in BAWAAN]
    result.extend(_info_row(row) for _name, row in sorted(latest.items()))
    return result


def templat_untuk_layanan(sop_id: str) -> list[InfoTemplat]:
    """The templates that answer requests of this service."""
    return [info for info in daftar_templat() if info.sop_id == sop_id]


def info_templat(nama: str) -> InfoTemplat:
    """The template in use under ``nama``; ValidationError (problem "templat") when unknown."""
    row = (TemplatNaskah.select(*[f for n, f in TemplatNaskah._meta.fields.items() if n != "isi"])
           .where(TemplatNaskah.nama == nama).order_by(TemplatNaskah.versi.desc()).first())
    if row is not None:
        return _info_row(row)
    if nama in BAWAAN_BY_NAMA:
        return _info_bawaan(BAWAAN_BY_NAMA[nama])
    raise ValidationError({"templat": f"Templat \u201c{nama}\u201d tidak ada. Templat yang ada: "
                                      + ", ".join(i.nama for i in daftar_templat()) + "."})


def isi_templat(info: InfoTemplat) -> bytes:
    """The .docx bytes of this version of a template."""
    if info.versi == 0:
        return _shipped_bytes(info.nama)
    row = TemplatNaskah.get((TemplatNaskah.nama == info.nama)
                            & (TemplatNaskah.versi == info.versi))
    return bytes(row.isi)


def info_versi(nama: str, versi: int) -> InfoTemplat:
    """One version of a template (0: the shipped file); ValidationError when it has none."""
    found = [info for info in riwayat_templat(nama) if info.versi == versi]
    if not found:
        raise ValidationError({"versi": f"Templat {nama} tidak punya versi {versi}."})
    return found[0]


def riwayat_templat(nama: str) -> list[InfoTemplat]:
    """Every version of a template, newest first (the shipped file last, as version 0)."""
    info_templat(nama)  # refuses an unknown name
    rows = (TemplatNaskah.select(*[f for n, f in TemplatNaskah._meta.fields.items() if n != "isi"])
            .where(TemplatNaskah.nama == nama).order_by(TemplatNaskah.versi.desc()))
    result = [_info_row(row) for row in rows]
    if nama in BAWAAN_BY_NAMA:
        result.append(_info_bawaan(BAWAAN_BY_NAMA[nama]))
    return result


# --- managing (admin) ------------------------------------------------------------------------

def _check_nama(check: Checker, nama: str) -> str:
    cleaned = (nama or "").strip().lower()
    if not cleaned:
        check.fail("nama", "Nama templat wajib diisi (mis. surat-keterangan-domisili).")
    elif len(cleaned) > MAX_NAMA or not _NAMA.fullmatch(cleaned):
        check.fail("nama", f"Nama templat \u201c{nama}\u201d tidak sah: pakai huruf kecil, angka "
                           f"dan tanda hubung, paling panjang {MAX_NAMA} karakter "
                           "(mis. surat-keterangan-domisili).")
    return cleaned


def _check_meta(check: Checker, info: InfoTemplat) -> InfoTemplat:
    from jogoroto_desktop.registers.surat import check_klasifikasi
    from jogoroto_desktop.sop.layanan_katalog import LAYANAN_SOPS

    judul = check.text("judul", "Judul templat", info.judul, MAX_JUDUL)
    klasifikasi = check_klasifikasi(check, info.klasifikasi, required=info.bernomor)
    if info.sop_id and info.sop_id not in LAYANAN_SOPS:
        check.fail("sop_id", f"\u201c{info.sop_id}\u201d bukan SOP layanan. Pilih salah satu: "
                             f"{', '.join(LAYANAN_SOPS)}.")
    kepada = check.text("kepada", "Tujuan bawaan", info.kepada, 200, required=False)
    di = check.text("di", "Tempat tujuan bawaan", info.di, 100, required=False)
    perihal = check.text("perihal", "Hal bawaan", info.perihal, 500, required=False)
    penandatangan = check.text("penandatangan", "Penanda tangan bawaan", info.penandatangan,
                               200)
    return replace(info, judul=judul, klasifikasi=klasifikasi, kepada=kepada, di=di,
                   perihal=perihal, penandatangan=penandatangan)


def _write_version(info: InfoTemplat, content: bytes, sumber: str, aksi: str,
                   ringkasan: str, now: dt.datetime | None) -> InfoTemplat:
    actor = session.current_actor()
    oleh = actor.label if actor else "Sistem"
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with db.atomic():
        last = (TemplatNaskah.select(TemplatNaskah.versi).where(TemplatNaskah.nama == info.nama)
                .order_by(TemplatNaskah.versi.desc()).first())
        versi = (last.versi if last else 0) + 1
        values = {
            "nama": info.nama, "versi": versi, "judul": info.judul, "jenis": info.jenis,
            "klasifikasi": info.klasifikasi, "sop_id": info.sop_id, "kepada": info.kepada,
            "di": info.di, "perihal": info.perihal, "penandatangan": info.penandatangan,
            "bernomor": info.bernomor, "sha256": _sha(content), "sumber": sumber,
            "dibuat_oleh": oleh, "dibuat_pada": now,
        }
        row = TemplatNaskah.create(isi=content, **values)
        audit.catat(aksi, TABEL, row.id, ringkasan,
                    audit.perubahan({}, {k: audit.plain(v) for k, v in values.items()}),
                    pada=now)
    return _info_row(row)


def tambah_templat(nama: str, content: bytes, *, judul: str | None = None,
                   jenis: str = DINAS, klasifikasi: str = "000", sop_id: str = "",
                   kepada: str = "", di: str = "", perihal: str = "",
                   penandatangan: str = "Camat", bernomor: bool = True,
                   nama_berkas_asal: str | None = None,
                   now: dt.datetime | None = None) -> InfoTemplat:
    """Add a new template (admin). A name already in use is refused: replace it instead."""
    session.require("naskah.templat")
    check = Checker()
    nama = _check_nama(check, nama)
    check.raise_if_any()
    if nama in BAWAAN_BY_NAMA or TemplatNaskah.select().where(TemplatNaskah.nama == nama).exists():
        raise ValidationError({"nama": f"Templat \u201c{nama}\u201d sudah ada; pakai Ganti "
                                       "untuk memasang versi barunya."})
    info = _check_meta(check, InfoTemplat(
        nama, judul if judul is not None else nama.replace("-", " ").title(), jenis,
        klasifikasi, sop_id, kepada, di, perihal, penandatangan, bernomor, 0, SUMBER_UNGGAHAN,
        ""))
    check.raise_if_any()
    periksa_docx(content, nama_berkas_asal or f"{nama}.docx")
    return _write_version(info, content, SUMBER_UNGGAHAN, "buat",
                          f"Templat naskah {nama} ditambahkan", now)


def ganti_templat(nama: str, content: bytes, *, nama_berkas_asal: str | None = None,
                  now: dt.datetime | None = None, **meta: str | bool) -> InfoTemplat:
    """Install a new version of a template (admin); its settings (klasifikasi, kepada, ...)
    stay unless given in ``meta``. The previous versions are kept."""
    session.require("naskah.templat")
    current = info_templat(nama)
    unknown = set(meta) - {"judul", "klasifikasi", "sop_id", "kepada", "di", "perihal",
                           "penandatangan", "bernomor", "jenis"}
    if unknown:
        raise ValueError(f"pengaturan templat tidak dikenal: {sorted(unknown)}")
    check = Checker()
    info = _check_meta(check, replace(current, **meta))  # type: ignore[arg-type]
    check.raise_if_any()
    periksa_docx(content, nama_berkas_asal or f"{nama}.docx")
    return _write_version(info, content, SUMBER_UNGGAHAN, "ubah",
                          f"Templat naskah {nama} diganti (versi baru)", now)


def pulihkan_templat(nama: str, now: dt.datetime | None = None) -> InfoTemplat:
    """Put the shipped template back in use (admin), as a new version: the office's versions
    stay in the history."""
    session.require("naskah.templat")
    if nama not in BAWAAN_BY_NAMA:
        raise ValidationError({"templat": f"Templat \u201c{nama}\u201d bukan templat bawaan "
                                          "program; tidak ada yang bisa dipulihkan."})
    info = _info_bawaan(BAWAAN_BY_NAMA[nama])
    return _write_version(info, _shipped_bytes(nama), SUMBER_BAWAAN, "pulihkan",
                          f"Templat naskah {nama} dipulihkan ke bawaan program", now)


def unduh_templat(nama: str, versi: int | None = None) -> tuple[InfoTemplat, bytes]:
    """The template (the version in use, or ``versi``) and its .docx bytes, to edit in Word or
    LibreOffice (admin; audited)."""
    session.require("naskah.templat")
    info = info_templat(nama) if versi is None else info_versi(nama, versi)
    content = isi_templat(info)
    audit.catat("unduh", TABEL, None, f"Templat naskah {nama} versi {info.versi} diunduh")
    return info, content
