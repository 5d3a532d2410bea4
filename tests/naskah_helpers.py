"""What the naskah tests share: officials filled in, a request walked to the Camat's
signature, the typed-in fields of the shipped templates, and a small template file."""

from __future__ import annotations

import datetime as dt
import io

import models
from jogoroto_desktop.registers import layanan as ly

NOW = dt.datetime(2026, 12, 6, 9, 30)
CAMAT = ("Drs. H. Mochamad Ridwan, M.Si.", "Pembina Tk. I", "19690814 199703 1 003")
SEKCAM = ("Sri Wahyuni, S.Sos.", "Penata Tk. I", "19750312 200003 2 004")
SKCK_ISIAN = {"tempat_lahir": "Jombang", "agama": "Islam", "pekerjaan": "Karyawan Swasta"}


def isi_pejabat() -> None:
    for jabatan, (nama, pangkat, nip) in (("Camat", CAMAT), ("Sekretaris Camat", SEKCAM)):
        models.Pejabat.update(nama=nama, pangkat=pangkat, nip=nip).where(
            models.Pejabat.jabatan == jabatan).execute()


def permohonan(sop_id: str = "rekomendasi-skck", steps: int = 2,
               now: dt.datetime = NOW) -> models.Permohonan:
    """A request registered at ``now`` with every requirement, moved ``steps`` steps on
    (two brings an SKCK request to the Camat's signature)."""
    request = ly.daftar(ly.PermohonanInput(
        sop_id=sop_id, nama="Ahmad Fauzi", nik="3517121508950003",
        alamat="Dusun Kedungpari RT 002 RW 001", desa="Sumbermulyo",
        keperluan="melamar pekerjaan", semua_syarat_ada=True), now=now)
    for _ in range(steps):
        ly.lanjut(request, now=now)
    return request


def docx_with(*paragraphs: str) -> bytes:
    """A .docx whose body is these paragraphs (template text)."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def counter_value() -> int | None:
    row = models.Counter.get_or_none((models.Counter.name == "surat_keluar")
                                     & (models.Counter.year == NOW.year))
    return row.value if row else None
