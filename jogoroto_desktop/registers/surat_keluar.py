"""Agenda Surat Keluar: outgoing letters from konsep to sent, and their numbering template.

A letter moves along the SOP Pengelolaan Surat Keluar (konsep, paraf Sekcam, ttd Camat,
diagendakan, dikirim), each move recorded as a `Langkah`. It gets its number when it is
diagendakan: the year's next serial from the counter (in the same transaction), written out
by the numbering template of Pengaturan > Penomoran. It is sent through the Buku Ekspedisi
(:mod:`ekspedisi`).
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

import peewee

from jogoroto_desktop import session
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers.surat import (
    DIBATALKAN,
    JENIS_KELUAR,
    MAX_DARI,
    STALE_MESSAGE,
    check_letter_fields,
    check_not_future,
    record_surat_step,
    save_correction,
    surat_label,
)
from jogoroto_desktop.validation import Checker, ValidationError
from models import SuratKeluar, db, get_setting, next_number

# The letter moves along its SOP in this order.
KELUAR_FLOW = ("konsep", "paraf_sekcam", "ttd_camat", "diagendakan", "dikirim")
KELUAR_STATUS_LABELS = {
    "konsep": "Konsep",
    "paraf_sekcam": "Diparaf Sekcam",
    "ttd_camat": "Ditandatangani Camat",
    "diagendakan": "Diagendakan (bernomor)",
    "dikirim": "Dikirim",
    DIBATALKAN: "Dibatalkan",
}
# The SOP step (Pengelolaan Surat Keluar) that brings a letter to each status.
KELUAR_STEP = {"konsep": 1, "paraf_sekcam": 2, "ttd_camat": 3, "diagendakan": 5, "dikirim": 6}

DEFAULT_TEMPLATE = "{kode}/{urut}/415.67/{tahun}"
TEMPLATE_SETTING = "template_nomor_surat_keluar"
TEMPLATE_FIELDS = {"kode", "urut", "tahun", "bulan"}
COUNTER_KELUAR = "surat_keluar"

#: Fields of a surat keluar that may be corrected; the classification and date only while
#: the letter has no number yet (both are part of it).
KELUAR_EDITABLE = {
    "kepada": "Tujuan (kepada)", "perihal": "Perihal", "sifat": "Sifat",
    "pengolah": "Seksi pengolah", "lampiran": "Lampiran", "klasifikasi": "Klasifikasi",
    "tanggal": "Tanggal surat",
}


# --- the numbering template --------------------------------------------------------------

def nomor_template() -> str:
    return get_setting(TEMPLATE_SETTING, DEFAULT_TEMPLATE) or DEFAULT_TEMPLATE


def validate_template(template: str) -> str:
    """A numbering template must name {urut} and {tahun} (numbers restart every year, so
    without the year next January's numbers would repeat this year's), and nothing unknown."""
    try:
        fields = {name for _text, name, _spec, _conv in string.Formatter().parse(template)
                  if name is not None}
    except ValueError:
        raise ValidationError({"template": "Kurung kurawal { } pada template tidak "
                                           "berpasangan."}) from None
    problems = {}
    if fields - TEMPLATE_FIELDS:
        unknown = ", ".join(sorted(f or "{}" for f in fields - TEMPLATE_FIELDS))
        problems["template"] = f"Bagian template tidak dikenal: {unknown}."
    elif not {"urut", "tahun"} <= fields:
        problems["template"] = "Template nomor harus memuat {urut} dan {tahun}."
    if problems:
        raise ValidationError(problems)
    return template


def format_nomor(template: str, kode: str, urut: int, tanggal: dt.date) -> str:
    return validate_template(template).format(kode=kode, urut=urut, tahun=tanggal.year,
                                              bulan=tanggal.month)


def next_nomor_keluar(klasifikasi: str, tanggal: dt.date,
                      template: str | None = None) -> tuple[int, str]:
    """The next serial of the outgoing-letter sequence in the year of ``tanggal`` and the
    number the numbering template (default: as stored) writes with it. Surat keluar, surat
    pengantar and letters made from a template share the sequence; the caller holds the
    transaction."""
    urut = next_number(COUNTER_KELUAR, tanggal.year)
    try:
        return urut, format_nomor(template or nomor_template(), klasifikasi, urut, tanggal)
    except ValidationError as exc:
        raise ValidationError({"nomor": "Template nomor surat di Pengaturan tidak sah: "
                                        + exc.problems["template"]}) from None


# --- the letter --------------------------------------------------------------------------

@dataclass(frozen=True)
class SuratKeluarInput:
    klasifikasi: str
    kepada: str
    perihal: str
    sifat: str | None = "biasa"
    pengolah: str = "sekretariat"
    lampiran: str | None = ""
    tanggal: dt.date | str | None = None  # default: today


def validate_surat_keluar(data: SuratKeluarInput, today: dt.date | None = None) -> dict:
    from jogoroto_desktop.sop.catalog import SEKSI_BY_ID

    today = today or dt.date.today()
    check = Checker()
    values = {
        "kepada": check.text("kepada", "Tujuan (kepada)", data.kepada, MAX_DARI),
        **check_letter_fields(check, data.perihal, data.lampiran, data.sifat,
                              data.klasifikasi, klasifikasi_required=True),
    }
    if data.pengolah not in SEKSI_BY_ID:
        check.fail("pengolah", f"Seksi pengolah \u201c{data.pengolah}\u201d tidak dikenal.")
    values["pengolah"] = data.pengolah
    tanggal = check.date("tanggal", "Tanggal surat", data.tanggal or today)
    check_not_future(check, "tanggal", "Tanggal surat", tanggal, today)
    check.raise_if_any()
    values["tanggal"] = tanggal
    return values


def register_surat_keluar(data: SuratKeluarInput, oleh: str | None = None,
                          langsung_diagendakan: bool = False,
                          now: dt.datetime | None = None) -> SuratKeluar:
    """Register an outgoing letter. A konsep starts the SOP at step 1; with
    `langsung_diagendakan` (a letter already signed on paper) it is numbered at once, which
    only the agendaris and admin may do."""
    actor = session.require("surat_keluar.proses")
    oleh = oleh or actor.label
    if langsung_diagendakan:
        session.require("agenda.nomor")
    now = now or dt.datetime.now()
    values = validate_surat_keluar(data, today=now.date())
    with db.atomic():
        surat = registers.register(SuratKeluar, f"Surat keluar kepada {values['kepada']} dicatat",
                                   now, tahun=values["tanggal"].year, urut=None, nomor=None,
                                   status="konsep", dibuat_oleh=oleh, **values)
        if langsung_diagendakan:
            advance_keluar(surat, "diagendakan", oleh, now)
        else:
            record_surat_step(JENIS_KELUAR, surat.id, 1, oleh, now, "Konsep disusun")
    return surat


def majukan_surat_keluar(surat: SuratKeluar, oleh: str | None = None,
                         now: dt.datetime | None = None) -> str:
    """Move an outgoing letter to the next status of its SOP; returns the new status.
    Reaching "diagendakan" issues its number (dated the day it is numbered). "dikirim" goes
    through the Buku Ekspedisi."""
    actor = session.require("surat_keluar.proses")
    oleh = oleh or actor.label
    if surat.status == DIBATALKAN:
        raise ValidationError({"status": "Surat yang dibatalkan tidak bisa diproses lagi."})
    index = KELUAR_FLOW.index(surat.status)
    if index + 1 >= len(KELUAR_FLOW):
        raise ValidationError({"status": "Surat ini sudah dikirim."})
    target = KELUAR_FLOW[index + 1]
    if target == "dikirim":
        raise ValidationError({"status": "Kirim surat lewat Buku Ekspedisi agar penerimanya "
                                         "tercatat."})
    if target == "diagendakan":
        session.require("agenda.nomor")
    now = now or dt.datetime.now()
    with db.atomic():
        advance_keluar(surat, target, oleh, now, redate=True)
    return target


def update_surat_keluar(surat: SuratKeluar, data: SuratKeluarInput,
                        now: dt.datetime | None = None) -> SuratKeluar:
    """Correct an outgoing letter's fields (`surat` as the editor read it); EditConflict when
    another PC changed the same fields meanwhile. Returns the letter as stored."""
    session.require("surat_keluar.proses")
    now = now or dt.datetime.now()
    values = validate_surat_keluar(data, today=now.date())
    return save_correction(surat, values, KELUAR_EDITABLE,
                           f"Surat keluar kepada {surat.kepada}", now, vet=_vet_correction)


def _vet_correction(current: SuratKeluar, changes: dict) -> None:
    """A numbered letter keeps the parts of its number; a new date moves it to its year."""
    if current.nomor and {"klasifikasi", "tanggal"} & set(changes):
        raise ValidationError({"klasifikasi": f"Surat sudah bernomor {current.nomor}; kode "
                                              "klasifikasi dan tanggalnya tidak bisa diubah."})
    if "tanggal" in changes:
        changes["tahun"] = changes["tanggal"].year


def void_surat_keluar(surat: SuratKeluar, alasan: str, now: dt.datetime | None = None) -> None:
    """Void a letter with a reason; a number it has stays used and it stays in the register."""
    registers.void(surat, alasan, surat_label(surat), permission="agenda.batal",
                   stale=STALE_MESSAGE, now=now,
                   refusal="Surat ini sudah dibatalkan." if surat.status == DIBATALKAN else None)


def advance_keluar(surat: SuratKeluar, target: str, oleh: str, now: dt.datetime,
                   redate: bool = False) -> None:
    """Move the letter to `target` if nobody changed it meanwhile (version check), numbering it
    on "diagendakan" and recording the SOP step; the object is only updated once the database
    is. The caller checks the permission and holds the transaction."""
    changes: dict = {"status": target}
    nomor = surat.nomor
    if target == "diagendakan" and surat.urut is None:
        tanggal = now.date() if redate else surat.tanggal
        urut, nomor = next_nomor_keluar(surat.klasifikasi, tanggal)
        changes.update(urut=urut, nomor=nomor, tanggal=tanggal, tahun=tanggal.year)
    try:
        registers.update(surat, changes,
                         f"Surat keluar kepada {surat.kepada}: {KELUAR_STATUS_LABELS[target]}"
                         + (f", nomor {nomor}" if target == "diagendakan" else ""),
                         stale=STALE_MESSAGE, now=now)
    except peewee.IntegrityError:
        raise ValidationError({"nomor": f"Nomor {nomor} sudah dipakai surat lain; periksa "
                                        "template nomor."}) from None
    _record_steps_up_to(surat, target, oleh, now, nomor)


def _record_steps_up_to(surat: SuratKeluar, target: str, oleh: str, now: dt.datetime,
                        nomor: str | None) -> None:
    """Record the SOP step that brings the letter to `target` and every earlier step not yet
    recorded: a letter saved as already signed went through steps 1-4 on paper, and its
    progress must say so rather than show them "belum"."""
    notes = {
        1: "Konsep disusun",
        2: "Konsep diparaf Sekretaris Camat",
        3: "Ditandatangani Camat",
        4: "Disampaikan Sekcam kepada agendaris",
        5: f"Diagendakan dengan nomor {nomor}",
        6: "Dikirim dengan ekspedisi",
    }
    last = KELUAR_STEP[target] + (1 if target == "ttd_camat" else 0)  # 4 follows 3 at once
    recorded = {row.langkah for row in registers.steps_of(JENIS_KELUAR, surat.id)}
    for step in range(1, last + 1):
        if step in recorded:
            continue
        on_paper = step < KELUAR_STEP[target]
        who = "Sekretaris Camat" if step == 4 and not on_paper else oleh
        record_surat_step(JENIS_KELUAR, surat.id, step, who, now,
                          notes[step] + (" (di atas kertas, dicatat kemudian)" if on_paper
                                         else ""))


def query_surat_keluar(tahun: int | None = None, status: str | None = None,
                       teks: str = "") -> peewee.ModelSelect:
    query = SuratKeluar.select()
    if tahun:
        query = query.where(SuratKeluar.tahun == tahun)
    if status:
        query = query.where(SuratKeluar.status == status)
    for word in teks.split():
        query = query.where(SuratKeluar.kepada.contains(word)
                            | SuratKeluar.perihal.contains(word)
                            | SuratKeluar.nomor.contains(word))
    return query.order_by(SuratKeluar.tahun.desc(), SuratKeluar.id.desc())
