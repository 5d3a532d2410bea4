"""What the letter registers share: Agenda Surat Masuk (:mod:`surat_masuk`, with its
:mod:`disposisi` and :mod:`ekspedisi`), Agenda Surat Keluar (:mod:`surat_keluar`) and the
surat pengantar.

Reference data (sifat, the klasifikasi table, the officials), the checks every letter form
makes with it, how a letter is named in the audit trail, the SOP steps a letter goes through
(Pengelolaan Surat Masuk / Surat Keluar) and the correction of a registered letter.

Letters are voided ("dibatalkan") with a reason, never deleted, and keep their number.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from functools import cache

from jogoroto_desktop import audit
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers.edits import save_versioned
from jogoroto_desktop.sop.catalog import default_catalog
from jogoroto_desktop.sop.waktu import Duration
from jogoroto_desktop.storage.paths import resource_path
from jogoroto_desktop.validation import Checker, ValidationError
from models import Langkah, Pejabat, SuratKeluar, SuratMasuk

SOP_SURAT_MASUK = "surat-masuk"
SOP_SURAT_KELUAR = "surat-keluar"
JENIS_MASUK = "surat_masuk"
JENIS_KELUAR = "surat_keluar"

SIFAT = ("sangat segera", "segera", "rahasia", "biasa")
SIFAT_LABELS = {s: s.title() for s in SIFAT}

DIBATALKAN = registers.DIBATALKAN
STALE_MESSAGE = registers.stale_message("Surat ini")

MAX_DARI = 200
MAX_PERIHAL = 500
MAX_LAMPIRAN = 100
EARLIEST_YEAR = 1945


# --- reference data ----------------------------------------------------------------------

@cache
def klasifikasi_table() -> dict[str, str]:
    """The archive classification codes shipped in resources/klasifikasi.csv (code -> name)."""
    with resource_path("klasifikasi.csv").open(encoding="utf-8", newline="") as handle:
        return {row["kode"].strip(): row["nama"].strip() for row in csv.DictReader(handle)}


def normalize_sifat(value: str | None) -> str | None:
    cleaned = " ".join((value or "").lower().replace("_", " ").replace("-", " ").split())
    return cleaned if cleaned in SIFAT else None


def pejabat_aktif() -> list[Pejabat]:
    return list(Pejabat.select().where(Pejabat.aktif == True).order_by(Pejabat.urutan))  # noqa: E712


def pejabat_by_jabatan(jabatan: str) -> Pejabat | None:
    return Pejabat.get_or_none(Pejabat.jabatan == jabatan)


def pejabat_by_id() -> dict[int, Pejabat]:
    """Every pejabat (active or not) by id: the writers shown in the inbox."""
    return {p.id: p for p in Pejabat.select()}


# --- checks of a letter form -------------------------------------------------------------

def check_sifat(check: Checker, value: str | None) -> str:
    sifat = normalize_sifat(value or "biasa")
    if sifat is None:
        check.fail("sifat", f"Sifat \u201c{value}\u201d tidak dikenal; pilih Sangat Segera, "
                            "Segera, Rahasia atau Biasa.")
        return "biasa"
    return sifat


def check_klasifikasi(check: Checker, value: str | None, required: bool) -> str:
    code = (value or "").strip()
    if not code:
        if required:
            check.fail("klasifikasi", "Kode klasifikasi wajib diisi (mis. 005 Undangan).")
        return ""
    if code not in klasifikasi_table():
        check.fail("klasifikasi", f"Kode klasifikasi \u201c{code}\u201d tidak ada di tabel "
                                  "klasifikasi arsip.")
    return code



def check_letter_fields(check: Checker, perihal: str, lampiran: str | None, sifat: str | None,
                        klasifikasi: str | None, klasifikasi_required: bool) -> dict:
    """The fields every letter register checks alike: perihal, lampiran, sifat, klasifikasi."""
    return {
        "perihal": check.text("perihal", "Perihal", perihal, MAX_PERIHAL),
        "lampiran": check.text("lampiran", "Lampiran", lampiran, MAX_LAMPIRAN, required=False),
        "sifat": check_sifat(check, sifat),
        "klasifikasi": check_klasifikasi(check, klasifikasi, required=klasifikasi_required),
    }

def check_not_future(check: Checker, name: str, label: str, day: dt.date | None,
                     today: dt.date) -> None:
    if day is None:
        return
    if day > today:
        check.fail(name, f"{label} tidak boleh sesudah hari ini.")
    elif day.year < EARLIEST_YEAR:
        check.fail(name, f"{label} tahun {day.year} tidak masuk akal.")


# --- the registered letter ---------------------------------------------------------------

def surat_label(surat: SuratMasuk | SuratKeluar) -> str:
    """How a letter is named in audit summaries."""
    if isinstance(surat, SuratMasuk):
        return f"surat masuk {surat.nomor_agenda}/{surat.tahun}"
    return f"surat keluar {surat.nomor or f'(konsep #{surat.id})'}"


def save_correction(surat: SuratMasuk | SuratKeluar, values: dict, editable: dict[str, str],
                    what: str, now: dt.datetime,
                    vet: Callable[[SuratMasuk | SuratKeluar, dict], None] | None = None,
                    ) -> SuratMasuk | SuratKeluar:
    """Write the ``editable`` fields the editor changed (``surat`` as they read it; see
    :func:`edits.save_versioned`). A voided letter is not corrected; ``vet(current, changes)``
    is the register's own say on the changes (it may refuse them or add to them). Returns the
    letter as stored."""
    current = type(surat).get_by_id(surat.id)
    if current.status == DIBATALKAN:
        raise ValidationError({"status": "Surat yang dibatalkan tidak bisa diubah."})
    changes = {name: values[name] for name in editable
               if audit.plain(values[name]) != audit.plain(getattr(surat, name))}
    if vet is not None:
        vet(current, changes)
    if not changes:
        return current
    return save_versioned(surat, changes, editable, what,
                          f"Data {surat_label(surat)} diperbaiki", now)


# --- SOP progress ------------------------------------------------------------------------

def _sop_of(jenis: str) -> str:
    return SOP_SURAT_MASUK if jenis == JENIS_MASUK else SOP_SURAT_KELUAR


def record_surat_step(jenis: str, rekaman_id: int, langkah: int, oleh: str, pada: dt.datetime,
                      catatan: str = "") -> None:
    """Record a step of the letter's SOP (the SOP follows from the register)."""
    registers.record_step(jenis, rekaman_id, _sop_of(jenis), langkah, oleh, pada, catatan)


def progress(jenis: str, rekaman_id: int) -> list[registers.StepProgress]:
    """The SOP's steps with who did each and when, and the time taken against the standard."""
    sop = default_catalog().get(_sop_of(jenis))
    assert sop is not None
    done: dict[int, Langkah] = {}
    for row in registers.steps_of(jenis, rekaman_id):
        done.setdefault(row.langkah, row)
    result = []
    previous: dt.datetime | None = None
    for step in sop.steps:
        row = done.get(step.no)
        actual = None
        late = False
        if row is not None:
            if previous is not None:
                actual = max(row.pada - previous, dt.timedelta(0))
                standard = step.waktu_standard
                late = isinstance(standard, Duration) and actual > standard.as_timedelta()
            previous = row.pada
        result.append(registers.StepProgress(step.no, step.kegiatan, step.pelaksana, step.waktu,
                                             row.oleh if row else None,
                                             row.pada if row else None,
                                             actual, late, row.catatan if row else ""))
    return result
