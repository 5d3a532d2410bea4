"""Agenda Surat Masuk: register, correct, void and find incoming letters.

It follows the SOP Pengelolaan Surat Masuk: receiving and registering a letter are its steps 1
and 2 (recorded as `Langkah`, who and when); the disposisi (:mod:`disposisi`) and the delivery
to the pengolah (:mod:`ekspedisi`) move the letter on through the statuses defined here.

Agenda numbers are issued by `models.next_number` inside the same transaction as the insert,
with a UNIQUE index as the backstop, so two PCs never get the same number and a failed insert
gives its number back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import peewee

from jogoroto_desktop import session
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers.surat import (
    DIBATALKAN,
    JENIS_MASUK,
    MAX_DARI,
    STALE_MESSAGE,
    check_letter_fields,
    check_not_future,
    record_surat_step,
    save_correction,
    surat_label,
)
from jogoroto_desktop.validation import Checker, ValidationError
from models import Counter, SuratMasuk, db, next_number

# Status after each act, and the SOP step the act is.
MASUK_DITERIMA = "diterima"
MASUK_DIDISPOSISI = "didisposisi"
MASUK_DIKIRIM = "disampaikan"
MASUK_SELESAI = "ditindaklanjuti"
MASUK_STATUS_LABELS = {
    MASUK_DITERIMA: "Diterima",
    MASUK_DIDISPOSISI: "Didisposisi",
    MASUK_DIKIRIM: "Disampaikan ke pengolah",
    MASUK_SELESAI: "Ditindaklanjuti",
    DIBATALKAN: "Dibatalkan",
}

COUNTER_AGENDA = "agenda_surat_masuk"
MAX_NOMOR_SURAT = 100

#: The fields of a surat masuk that may be corrected after it was registered (not its agenda
#: number, nor the date received, which decides the number's year), with their labels.
MASUK_EDITABLE = {
    "dari": "Asal surat (dari)", "nomor_surat": "Nomor surat", "tanggal_surat": "Tanggal surat",
    "perihal": "Perihal", "sifat": "Sifat", "klasifikasi": "Klasifikasi",
    "lampiran": "Lampiran",
}


@dataclass(frozen=True)
class SuratMasukInput:
    dari: str
    nomor_surat: str
    tanggal_surat: dt.date | str | None
    perihal: str
    sifat: str | None = "biasa"
    klasifikasi: str | None = ""
    lampiran: str | None = ""
    tanggal_diterima: dt.date | str | None = None  # default: today


def validate_surat_masuk(data: SuratMasukInput, today: dt.date | None = None) -> dict:
    """The cleaned fields of a new surat masuk, or ValidationError listing every problem."""
    today = today or dt.date.today()
    check = Checker()
    values = {
        "dari": check.text("dari", "Asal surat (dari)", data.dari, MAX_DARI),
        "nomor_surat": check.text("nomor_surat", "Nomor surat", data.nomor_surat,
                                  MAX_NOMOR_SURAT),
        **check_letter_fields(check, data.perihal, data.lampiran, data.sifat,
                              data.klasifikasi, klasifikasi_required=False),
    }
    tanggal_surat = check.date("tanggal_surat", "Tanggal surat", data.tanggal_surat)
    diterima = check.date("tanggal_diterima", "Tanggal diterima",
                          data.tanggal_diterima or today)
    check_not_future(check, "tanggal_surat", "Tanggal surat", tanggal_surat, today)
    check_not_future(check, "tanggal_diterima", "Tanggal diterima", diterima, today)
    if tanggal_surat and diterima and tanggal_surat > diterima:
        check.fail("tanggal_surat", "Tanggal surat tidak boleh sesudah tanggal diterima.")
    check.raise_if_any()
    values.update(tanggal_surat=tanggal_surat, tanggal_diterima=diterima)
    return values


def register_surat_masuk(data: SuratMasukInput, oleh: str | None = None,
                         nomor_agenda: int | None = None,
                         now: dt.datetime | None = None) -> SuratMasuk:
    """Write a letter into the Agenda Surat Masuk with the next number of its year (the year it
    was received, so back-dated letters take their own year's sequence).

    `nomor_agenda` is only for importing an existing agenda book: the number must be free, and
    the year's counter moves past it.  Only the agendaris and admin issue agenda numbers;
    `oleh` (the name in the register) defaults to the acting user.
    """
    actor = session.require("agenda.nomor")
    oleh = oleh or actor.label
    now = now or dt.datetime.now()
    values = validate_surat_masuk(data, today=now.date())
    if nomor_agenda is not None and (isinstance(nomor_agenda, bool)
                                     or not isinstance(nomor_agenda, int)):
        raise ValidationError({"nomor_agenda": "Nomor agenda harus bilangan bulat."})
    tahun = values["tanggal_diterima"].year
    with db.atomic():
        if nomor_agenda is None:
            nomor = next_number(COUNTER_AGENDA, tahun)
        else:
            nomor = nomor_agenda
            _raise_counter_to(COUNTER_AGENDA, tahun, nomor)
        # No savepoint of its own (two more round trips): after a clash nothing more runs in
        # this transaction; the ValidationError leaves the block above, which rolls it back.
        try:
            surat = registers.register(
                SuratMasuk, f"Surat masuk {nomor}/{tahun} dari {values['dari']} dicatat",
                now, tahun=tahun, nomor_agenda=nomor, status=MASUK_DITERIMA,
                dibuat_oleh=oleh, **values)
        except peewee.IntegrityError:
            raise ValidationError({"nomor_agenda": f"Nomor agenda {nomor}/{tahun} sudah "
                                                   "dipakai surat lain."}) from None
        received = dt.datetime.combine(values["tanggal_diterima"], now.time())
        record_surat_step(JENIS_MASUK, surat.id, 1, oleh, received,
                          "Surat diterima agendaris")
        record_surat_step(JENIS_MASUK, surat.id, 2, oleh, now,
                          f"Dicatat di agenda nomor {nomor}/{tahun}; lembar disposisi "
                          "dilampirkan")
    return surat


def _raise_counter_to(name: str, year: int, value: int) -> None:
    """Make sure the counter of `name`/`year` is at least `value` (imports keep old numbers)."""
    if value < 1:
        raise ValidationError({"nomor_agenda": "Nomor agenda harus 1 atau lebih."})
    (Counter.insert(name=name, year=year, value=value)
     .on_conflict(conflict_target=[Counter.name, Counter.year],
                  update={Counter.value: peewee.fn.MAX(Counter.value, value)}
                  if not _is_postgres() else
                  {Counter.value: peewee.fn.GREATEST(Counter.value, value)})
     .execute())


def _is_postgres() -> bool:
    return isinstance(db.obj, peewee.PostgresqlDatabase)


def update_surat_masuk(surat: SuratMasuk, data: SuratMasukInput,
                       now: dt.datetime | None = None) -> SuratMasuk:
    """Correct the fields of a registered letter. `surat` is the letter as the editor read it:
    when another PC changed one of these fields since, EditConflict lists them and nothing is
    written. Returns the letter as stored."""
    session.require("agenda.nomor")
    now = now or dt.datetime.now()
    values = validate_surat_masuk(
        replace(data, tanggal_diterima=surat.tanggal_diterima), today=now.date())
    return save_correction(surat, values, MASUK_EDITABLE,
                           f"Surat masuk {surat.nomor_agenda}/{surat.tahun}", now)


def void_surat_masuk(surat: SuratMasuk, alasan: str, now: dt.datetime | None = None) -> None:
    """Void a letter with a reason; it keeps its agenda number and stays in the register."""
    registers.void(surat, alasan, surat_label(surat), permission="agenda.batal",
                   stale=STALE_MESSAGE, now=now,
                   refusal="Surat ini sudah dibatalkan." if surat.status == DIBATALKAN else None)


def set_masuk_status(surat: SuratMasuk, status: str, now: dt.datetime) -> None:
    """Move the letter on to `status` (a disposisi, a delivery, the follow-up) unless someone
    voided it meanwhile (never un-voids)."""
    updated = (SuratMasuk.update(status=status, diubah_pada=now, versi=SuratMasuk.versi + 1)
               .where((SuratMasuk.id == surat.id) & (SuratMasuk.status != DIBATALKAN))
               .execute())
    if updated != 1:
        raise ValidationError({"status": "Surat ini sudah dibatalkan di komputer lain."})
    fresh = SuratMasuk.get_by_id(surat.id)
    surat.status, surat.diubah_pada, surat.versi = fresh.status, fresh.diubah_pada, fresh.versi


def stored_surat_masuk(surat: SuratMasuk) -> SuratMasuk:
    """The letter as stored now (another PC may have changed it since it was read)."""
    return SuratMasuk.get_by_id(surat.id)


# --- finding letters ---------------------------------------------------------------------

@dataclass(frozen=True)
class AgendaFilter:
    tahun: int | None = None
    bulan: int | None = None
    sifat: str | None = None
    status: str | None = None
    teks: str = ""


def query_surat_masuk(filters: AgendaFilter = AgendaFilter()) -> peewee.ModelSelect:  # noqa: B008
    """Surat masuk matching the filters, newest first. Free text searches dari, nomor surat,
    perihal and the nomor agenda (also written as "12/2026")."""
    query = SuratMasuk.select()
    if filters.tahun:
        query = query.where(SuratMasuk.tahun == filters.tahun)
    if filters.bulan:
        year = filters.tahun or dt.date.today().year
        start = dt.date(year, filters.bulan, 1)
        end = dt.date(year + (filters.bulan == 12), filters.bulan % 12 + 1, 1)
        query = query.where((SuratMasuk.tanggal_diterima >= start)
                            & (SuratMasuk.tanggal_diterima < end))
    if filters.sifat:
        query = query.where(SuratMasuk.sifat == filters.sifat)
    if filters.status:
        query = query.where(SuratMasuk.status == filters.status)
    for word in filters.teks.split():
        query = query.where(_masuk_text_condition(word))
    return query.order_by(SuratMasuk.tahun.desc(), SuratMasuk.nomor_agenda.desc())


def _masuk_text_condition(word: str) -> peewee.Expression:
    # .contains() escapes % and _ and is case-insensitive on both engines (ILIKE on PostgreSQL)
    condition = (SuratMasuk.dari.contains(word) | SuratMasuk.nomor_surat.contains(word)
                 | SuratMasuk.perihal.contains(word))
    number = registers.number_condition(word, SuratMasuk.nomor_agenda, SuratMasuk.tahun)
    return condition if number is None else condition | number


def get_surat_masuk(tahun: int, nomor_agenda: int) -> SuratMasuk | None:
    return SuratMasuk.get_or_none((SuratMasuk.tahun == tahun)
                                  & (SuratMasuk.nomor_agenda == nomor_agenda))


def recent_senders(limit: int = 3000) -> list[str]:
    """The senders (dari) of the latest `limit` surat masuk, sorted, each once."""
    latest = SuratMasuk.select(SuratMasuk.dari).order_by(SuratMasuk.id.desc()).limit(limit)
    return [dari for (dari,) in SuratMasuk.select(latest.c.dari).from_(latest).distinct()
            .order_by(latest.c.dari).tuples()]
