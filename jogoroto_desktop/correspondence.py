"""Correspondence registers: Agenda Surat Masuk with disposisi and ekspedisi, Agenda Surat Keluar.

The domain layer the window and the CLI share (no widgets). It follows the SOPs Pengelolaan
Surat Masuk and Pengelolaan Surat Keluar: each act that is an SOP step is recorded as a
`Langkah` (who, when) so a letter's progress can be compared with the SOP's time standards.

Numbers are issued by `models.next_number` inside the same transaction as the insert, with a
UNIQUE index as the backstop, so two PCs never get the same number and a failed insert gives
its number back. Letters are voided ("dibatalkan") with a reason, never deleted, and keep
their number.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import shutil
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import peewee

from jogoroto_desktop import audit, registers, session
from jogoroto_desktop.catalog import default_catalog
from jogoroto_desktop.edits import save_versioned
from jogoroto_desktop.paths import data_dir, resource_path
from jogoroto_desktop.validation import Checker, ValidationError
from jogoroto_desktop.waktu import Duration
from models import (
    Berkas,
    Disposisi,
    DisposisiTujuan,
    Ekspedisi,
    Langkah,
    Pejabat,
    SuratKeluar,
    SuratMasuk,
    db,
    distinct_values,
    get_setting,
    next_number,
)

SOP_SURAT_MASUK = "surat-masuk"
SOP_SURAT_KELUAR = "surat-keluar"
JENIS_MASUK = "surat_masuk"
JENIS_KELUAR = "surat_keluar"

SIFAT = ("sangat segera", "segera", "rahasia", "biasa")
SIFAT_LABELS = {s: s.title() for s in SIFAT}

# Surat masuk: status after each act, and the SOP step the act is.
MASUK_DITERIMA = "diterima"
MASUK_DIDISPOSISI = "didisposisi"
MASUK_DIKIRIM = "disampaikan"
MASUK_SELESAI = "ditindaklanjuti"
DIBATALKAN = registers.DIBATALKAN
MASUK_STATUS_LABELS = {
    MASUK_DITERIMA: "Diterima",
    MASUK_DIDISPOSISI: "Didisposisi",
    MASUK_DIKIRIM: "Disampaikan ke pengolah",
    MASUK_SELESAI: "Ditindaklanjuti",
    DIBATALKAN: "Dibatalkan",
}

# Surat keluar moves along its SOP in this order.
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

INSTRUKSI = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan/konfirmasikan",
    "Untuk diketahui",
    "Untuk dihadiri",
    "Siapkan jawaban",
    "Arsipkan",
)

DEFAULT_TEMPLATE = "{kode}/{urut}/415.67/{tahun}"
TEMPLATE_SETTING = "template_nomor_surat_keluar"
TEMPLATE_FIELDS = {"kode", "urut", "tahun", "bulan"}
COUNTER_AGENDA = "agenda_surat_masuk"
COUNTER_KELUAR = "surat_keluar"
COUNTER_EKSPEDISI = "ekspedisi"
_STALE = registers.stale_message("Surat ini")

MAX_DARI = 200
MAX_NOMOR_SURAT = 100
MAX_PERIHAL = 500
MAX_LAMPIRAN = 100
MAX_CATATAN = 1000
ALLOWED_FILES = {".pdf": b"%PDF", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff",
                 ".png": b"\x89PNG\r\n\x1a\n"}
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


# --- validation helpers ------------------------------------------------------------------

def _check_sifat(check: Checker, value: str | None) -> str:
    sifat = normalize_sifat(value or "biasa")
    if sifat is None:
        check.fail("sifat", f"Sifat \u201c{value}\u201d tidak dikenal; pilih Sangat Segera, "
                            "Segera, Rahasia atau Biasa.")
        return "biasa"
    return sifat


def _check_klasifikasi(check: Checker, value: str | None, required: bool) -> str:
    code = (value or "").strip()
    if not code:
        if required:
            check.fail("klasifikasi", "Kode klasifikasi wajib diisi (mis. 005 Undangan).")
        return ""
    if code not in klasifikasi_table():
        check.fail("klasifikasi", f"Kode klasifikasi \u201c{code}\u201d tidak ada di tabel "
                                  "klasifikasi arsip.")
    return code


def _check_not_future(check: Checker, name: str, label: str, day: dt.date | None,
                      today: dt.date) -> None:
    if day is None:
        return
    if day > today:
        check.fail(name, f"{label} tidak boleh sesudah hari ini.")
    elif day.year < EARLIEST_YEAR:
        check.fail(name, f"{label} tahun {day.year} tidak masuk akal.")


# --- surat masuk -------------------------------------------------------------------------

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
        "perihal": check.text("perihal", "Perihal", data.perihal, MAX_PERIHAL),
        "lampiran": check.text("lampiran", "Lampiran", data.lampiran, MAX_LAMPIRAN,
                               required=False),
        "sifat": _check_sifat(check, data.sifat),
        "klasifikasi": _check_klasifikasi(check, data.klasifikasi, required=False),
    }
    tanggal_surat = check.date("tanggal_surat", "Tanggal surat", data.tanggal_surat)
    diterima = check.date("tanggal_diterima", "Tanggal diterima",
                          data.tanggal_diterima or today)
    _check_not_future(check, "tanggal_surat", "Tanggal surat", tanggal_surat, today)
    _check_not_future(check, "tanggal_diterima", "Tanggal diterima", diterima, today)
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
        _record(JENIS_MASUK, surat.id, 1, oleh, received,
                "Surat diterima agendaris")
        _record(JENIS_MASUK, surat.id, 2, oleh, now,
                f"Dicatat di agenda nomor {nomor}/{tahun}; lembar disposisi dilampirkan")
    return surat


def _raise_counter_to(name: str, year: int, value: int) -> None:
    """Make sure the counter of `name`/`year` is at least `value` (imports keep old numbers)."""
    from models import Counter

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


def register_years(record: type[peewee.Model]) -> list[int]:
    """The years present in a register (a model with `tahun`), newest first, always with the
    current year (the register pages' Tahun filter)."""
    years = set(distinct_values(record.tahun))  # tahun leads each long register's index
    years.add(dt.date.today().year)
    return sorted(years, reverse=True)


def known_values(field: peewee.Field, limit: int = 2000) -> list[str]:
    """The distinct values of a text column, sorted (what a form's completer offers)."""
    return [value for (value,) in field.model.select(field).distinct().order_by(field)
            .limit(limit).tuples()]


def pejabat_by_id() -> dict[int, Pejabat]:
    """Every pejabat (active or not) by id: the writers shown in the inbox."""
    return {p.id: p for p in Pejabat.select()}


def ekspedisi_of_keluar(surat: SuratKeluar) -> list[Ekspedisi]:
    """The deliveries of a surat keluar, in the order they were sent."""
    return list(Ekspedisi.select().where(Ekspedisi.surat_keluar == surat.id)
                .order_by(Ekspedisi.id))


def read_record(record: type[peewee.Model], record_id: int) -> peewee.Model | None:
    """Register record `record_id` as it is in the database now (None when it is gone)."""
    return record.get_or_none(record.id == record_id)


def recent_senders(limit: int = 3000) -> list[str]:
    """The senders (dari) of the latest `limit` surat masuk, sorted, each once."""
    latest = SuratMasuk.select(SuratMasuk.dari).order_by(SuratMasuk.id.desc()).limit(limit)
    return [dari for (dari,) in SuratMasuk.select(latest.c.dari).from_(latest).distinct()
            .order_by(latest.c.dari).tuples()]


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


def batalkan(surat: SuratMasuk | SuratKeluar, alasan: str, oleh: str | None = None,
             now: dt.datetime | None = None) -> None:
    """Void a letter with a reason; it keeps its number and stays in the register."""
    registers.void(surat, alasan, _label(surat), permission="agenda.batal", stale=_STALE,
                   refusal="Surat ini sudah dibatalkan." if surat.status == DIBATALKAN else None,
                   now=now)


#: The fields of a surat masuk that may be corrected after it was registered (not its agenda
#: number, nor the date received, which decides the number's year), with their labels.
MASUK_EDITABLE = {
    "dari": "Asal surat (dari)", "nomor_surat": "Nomor surat", "tanggal_surat": "Tanggal surat",
    "perihal": "Perihal", "sifat": "Sifat", "klasifikasi": "Klasifikasi",
    "lampiran": "Lampiran",
}


def ubah_surat_masuk(surat: SuratMasuk, data: SuratMasukInput,
                     now: dt.datetime | None = None) -> SuratMasuk:
    """Correct the fields of a registered letter. `surat` is the letter as the editor read it:
    when another PC changed one of these fields since, EditConflict lists them and nothing is
    written. Returns the letter as stored."""
    session.require("agenda.nomor")
    now = now or dt.datetime.now()
    values = validate_surat_masuk(
        replace(data, tanggal_diterima=surat.tanggal_diterima), today=now.date())
    return _save_correction(surat, values, MASUK_EDITABLE,
                            f"Surat masuk {surat.nomor_agenda}/{surat.tahun}", now)


def _save_correction(surat: SuratMasuk | SuratKeluar, values: dict, editable: dict[str, str],
                     what: str, now: dt.datetime) -> SuratMasuk | SuratKeluar:
    """Write the ``editable`` fields the editor changed (``surat`` as they read it; see
    :func:`edits.save_versioned`). A voided letter is not corrected, nor the parts of a
    surat keluar's number once it has one. Returns the letter as stored."""
    current = type(surat).get_by_id(surat.id)
    if current.status == DIBATALKAN:
        raise ValidationError({"status": "Surat yang dibatalkan tidak bisa diubah."})
    changes = {name: values[name] for name in editable
               if audit.plain(values[name]) != audit.plain(getattr(surat, name))}
    if isinstance(current, SuratKeluar):
        if current.nomor and {"klasifikasi", "tanggal"} & set(changes):
            raise ValidationError({"klasifikasi": f"Surat sudah bernomor {current.nomor}; kode "
                                                  "klasifikasi dan tanggalnya tidak bisa "
                                                  "diubah."})
        if "tanggal" in changes:
            changes["tahun"] = changes["tanggal"].year
    if not changes:
        return current
    return save_versioned(surat, changes, editable, what, f"Data {_label(surat)} diperbaiki",
                          now)


# --- disposisi ---------------------------------------------------------------------------

# The SOP step a disposisi is, by the writer's position (Pengelolaan Surat Masuk).
_DISPOSISI_STEP = {"Camat": 3, "Sekretaris Camat": 4, "Kasubag Umum dan Kepegawaian": 5}


def tulis_disposisi(surat: SuratMasuk, dari: Pejabat, kepada: Sequence[Pejabat],
                    instruksi: Iterable[str], catatan: str = "",
                    batas_waktu: dt.date | str | None = None, induk: Disposisi | None = None,
                    now: dt.datetime | None = None) -> Disposisi:
    """A disposisi from one official to one or more others, optionally continuing `induk`.

    It is written from the writer's own position: the acting user's account must be linked to
    `dari` (admin excepted, who may enter a disposisi written on paper; the audit trail names
    the admin as the one who entered it)."""
    _require_own_position(dari)
    now = now or dt.datetime.now()
    check = Checker()
    targets = {p.id: p for p in kepada}
    if not targets:
        check.fail("kepada", "Pilih sedikitnya satu tujuan disposisi.")
    if dari.id in targets:
        check.fail("kepada", "Disposisi tidak bisa ditujukan kepada penulisnya sendiri.")
    chosen = [i.strip() for i in instruksi if i and i.strip()]
    if not chosen and not (catatan or "").strip():
        check.fail("instruksi", "Centang sedikitnya satu instruksi atau tulis catatan.")
    for item in chosen:
        if len(item) > 100:
            check.fail("instruksi", "Instruksi terlalu panjang (paling banyak 100 karakter).")
    note = check.text("catatan", "Catatan", catatan, MAX_CATATAN, required=False)
    deadline = check.date("batas_waktu", "Batas waktu", batas_waktu, required=False)
    if deadline and deadline < now.date():
        check.fail("batas_waktu", "Batas waktu tidak boleh sebelum hari ini.")
    if _current(surat).status == DIBATALKAN:
        check.fail("surat", "Surat yang dibatalkan tidak bisa didisposisi.")
    check.raise_if_any()
    with db.atomic():
        disposisi = Disposisi.create(
            surat_masuk=surat, induk=induk, dari_pejabat=dari, tanggal=now,
            batas_waktu=deadline, instruksi="\n".join(chosen), catatan=note, selesai=False,
            selesai_pada=None, tindak_lanjut="",
        )
        for pejabat in targets.values():
            DisposisiTujuan.create(disposisi=disposisi, pejabat=pejabat, selesai=False,
                                   selesai_pada=None, tindak_lanjut="")
        step = _DISPOSISI_STEP.get(dari.jabatan)
        if step:
            names = ", ".join(p.jabatan for p in targets.values())
            _record(JENIS_MASUK, surat.id, step, dari.jabatan, now,
                    f"Disposisi kepada {names}")
        if _current(surat).status == MASUK_DITERIMA:
            _set_status(surat, MASUK_DIDISPOSISI, now)
        names = ", ".join(p.jabatan for p in targets.values())
        audit.catat_buat(disposisi, f"Disposisi {dari.jabatan} kepada {names} atas surat "
                                    f"{_label(surat)}")
    return disposisi


def _require_own_position(dari: Pejabat) -> None:
    actor = session.require("disposisi.tulis")
    if actor.peran == "admin" or actor.pejabat_id == dari.id:
        return
    if actor.pejabat_id is None:
        raise session.PermissionDenied(
            "Akun Anda belum dihubungkan dengan jabatan; minta admin mengisi jabatan Anda di "
            "Kelola Pengguna sebelum menulis disposisi.")
    own = Pejabat.get_or_none(Pejabat.id == actor.pejabat_id)
    raise session.PermissionDenied(
        f"Disposisi hanya bisa ditulis atas nama jabatan Anda sendiri "
        f"({own.jabatan if own else 'tidak dikenal'}), bukan {dari.jabatan}.")


def _label(surat: SuratMasuk | SuratKeluar) -> str:
    """How a letter is named in audit summaries."""
    if isinstance(surat, SuratMasuk):
        return f"surat masuk {surat.nomor_agenda}/{surat.tahun}"
    return f"surat keluar {surat.nomor or f'(konsep #{surat.id})'}"


def disposisi_chain(surat: SuratMasuk) -> list[Disposisi]:
    """Every disposisi of a letter in the order written (the history table of the form).

    Two queries however long the chain: the writers come joined (``dari_pejabat``) and the
    addressees of every item in one more query, kept for :func:`disposisi_targets`, so a
    detail pane that shows who wrote to whom sends no query per disposisi."""
    chain = list(Disposisi.select(Disposisi, Pejabat)
                 .join(Pejabat, on=(Disposisi.dari_pejabat == Pejabat.id))
                 .where(Disposisi.surat_masuk == surat)
                 .order_by(Disposisi.tanggal, Disposisi.id))
    targets: dict[int, list[Pejabat]] = {item.id: [] for item in chain}
    if chain:
        for tujuan in (DisposisiTujuan.select(DisposisiTujuan, Pejabat).join(Pejabat)
                       .where(DisposisiTujuan.disposisi.in_(list(targets)))
                       .order_by(Pejabat.urutan, DisposisiTujuan.id)):
            targets[tujuan.disposisi_id].append(tujuan.pejabat)
    for item in chain:
        item.tujuan_pejabat = targets[item.id]
    return chain


def disposisi_targets(disposisi: Disposisi) -> list[Pejabat]:
    """The addressees of a disposisi (read with its chain when it came from one)."""
    known = getattr(disposisi, "tujuan_pejabat", None)
    if known is not None:
        return list(known)
    return list(Pejabat.select().join(DisposisiTujuan)
                .where(DisposisiTujuan.disposisi == disposisi).order_by(Pejabat.urutan))


def inbox(seksi_id: str, include_done: bool = False) -> list[Disposisi]:
    """Disposisi addressed to the officials of a seksi, open ones first, oldest first. A
    disposisi counts as open for the seksi while its own addressees have not followed it up."""
    open_here = (DisposisiTujuan.select(DisposisiTujuan.disposisi).join(Pejabat)
                 .where((Pejabat.seksi == seksi_id)
                        & (DisposisiTujuan.selesai == False)))  # noqa: E712
    addressed_here = (DisposisiTujuan.select(DisposisiTujuan.disposisi).join(Pejabat)
                      .where(Pejabat.seksi == seksi_id))
    query = (Disposisi.select(Disposisi, SuratMasuk).join(SuratMasuk)
             .where(Disposisi.id.in_(open_here if not include_done else addressed_here)
                    & (SuratMasuk.status != DIBATALKAN)))
    rows = list(query.order_by(Disposisi.tanggal, Disposisi.id))
    still_open = {d.disposisi_id for d in open_here} if include_done else None
    for row in rows:  # done for this seksi, whatever the other addressees did
        row.selesai_seksi = still_open is not None and row.id not in still_open
    if include_done:
        rows.sort(key=lambda d: (d.selesai_seksi, d.tanggal, d.id))
    return rows


def selesai_untuk(disposisi: Disposisi, seksi_id: str) -> bool:
    """True when the seksi's addressees of this disposisi have all followed it up."""
    return not (DisposisiTujuan.select().join(Pejabat)
                .where((DisposisiTujuan.disposisi == disposisi) & (Pejabat.seksi == seksi_id)
                       & (DisposisiTujuan.selesai == False))  # noqa: E712
                .exists())


def selesaikan_disposisi(disposisi: Disposisi, tindak_lanjut: str, oleh: str,
                         seksi_id: str | None = None, now: dt.datetime | None = None) -> None:
    """Record the follow-up of a disposisi by the addressees of `seksi_id` (all addressees when
    None). The disposisi is done when every addressee has followed it up, and the letter counts
    as followed up (SOP step 7) once none of its disposisi is open."""
    session.require("disposisi.selesai")
    now = now or dt.datetime.now()
    check = Checker()
    text = check.text("tindak_lanjut", "Tindak lanjut", tindak_lanjut, MAX_CATATAN)
    mine = DisposisiTujuan.select().join(Pejabat).where(
        (DisposisiTujuan.disposisi == disposisi)
        & (DisposisiTujuan.selesai == False))  # noqa: E712
    if seksi_id is not None:
        mine = mine.where(Pejabat.seksi == seksi_id)
    targets = [t.id for t in mine]
    if not targets:
        check.fail("selesai", "Disposisi ini sudah ditindaklanjuti.")
    check.raise_if_any()
    with db.atomic():
        (DisposisiTujuan.update(selesai=True, selesai_pada=now, tindak_lanjut=text)
         .where(DisposisiTujuan.id.in_(targets)).execute())
        audit.catat("ubah", "disposisi", disposisi.id,
                    f"Disposisi #{disposisi.id} ditindaklanjuti oleh {oleh}",
                    {"tindak_lanjut": [None, text],
                     "tujuan_selesai": [None, sorted(targets)]}, pada=now)
        remaining = (DisposisiTujuan.select()
                     .where((DisposisiTujuan.disposisi == disposisi)
                            & (DisposisiTujuan.selesai == False))  # noqa: E712
                     .exists())
        if not remaining:
            disposisi.selesai = True
            disposisi.selesai_pada = now
            disposisi.tindak_lanjut = text
            disposisi.save()
        surat = SuratMasuk.get_by_id(disposisi.surat_masuk_id)
        still_open = (Disposisi.select().where((Disposisi.surat_masuk == surat)
                                               & (Disposisi.selesai == False))  # noqa: E712
                      .exists())
        if not still_open and surat.status != DIBATALKAN:
            _record(JENIS_MASUK, surat.id, 7, oleh, now, text)
            _set_status(surat, MASUK_SELESAI, now)


# --- ekspedisi ---------------------------------------------------------------------------

def kirim_ekspedisi(uraian: str, kepada: str, surat_masuk: SuratMasuk | None = None,
                    surat_keluar: SuratKeluar | None = None, oleh: str | None = None,
                    dikirim_pada: dt.datetime | None = None) -> Ekspedisi:
    """Write a delivery into the Buku Ekspedisi (numbered per year)."""
    actor = session.require("agenda.nomor")
    oleh = oleh or actor.label
    now = dikirim_pada or dt.datetime.now()
    check = Checker()
    what = check.text("uraian", "Uraian yang dikirim", uraian, MAX_PERIHAL)
    to = check.text("kepada", "Tujuan (kepada)", kepada, MAX_DARI)
    if surat_masuk is not None and _current(surat_masuk).status == DIBATALKAN:
        check.fail("surat", "Surat yang dibatalkan tidak dikirim.")
    if surat_keluar is not None and surat_keluar.status not in ("diagendakan", "dikirim"):
        check.fail("surat", "Surat keluar baru bisa dikirim setelah diagendakan (bernomor).")
    check.raise_if_any()
    with db.atomic():
        nomor = next_number(COUNTER_EKSPEDISI, now.year)
        entry = Ekspedisi.create(tahun=now.year, nomor=nomor, surat_masuk=surat_masuk,
                                 surat_keluar=surat_keluar, uraian=what, kepada=to,
                                 dikirim_pada=now, diterima_oleh="", diterima_pada=None)
        audit.catat_buat(entry, f"Ekspedisi {nomor}/{now.year}: {what} kepada {to}")
        if surat_masuk is not None and surat_masuk.status != DIBATALKAN:
            _record(JENIS_MASUK, surat_masuk.id, 6, oleh, now,
                    f"Disampaikan kepada {to} (ekspedisi {nomor}/{now.year})")
            if _current(surat_masuk).status in (MASUK_DITERIMA, MASUK_DIDISPOSISI):
                _set_status(surat_masuk, MASUK_DIKIRIM, now)
        if surat_keluar is not None and surat_keluar.status == "diagendakan":
            _advance_keluar(surat_keluar, "dikirim", oleh, now)
    return entry


def terima_ekspedisi(entry: Ekspedisi, diterima_oleh: str,
                     diterima_pada: dt.datetime | None = None) -> None:
    session.require("agenda.nomor")
    check = Checker()
    name = check.text("diterima_oleh", "Nama penerima", diterima_oleh, MAX_DARI)
    now = dt.datetime.now()
    when = diterima_pada or now
    if entry.diterima_pada is not None:
        check.fail("diterima_oleh", f"Penerimaan sudah dicatat ({entry.diterima_oleh}).")
    if when < entry.dikirim_pada:
        check.fail("diterima_pada", "Waktu diterima tidak boleh sebelum waktu dikirim.")
    elif when > now + dt.timedelta(minutes=5):
        check.fail("diterima_pada", "Waktu diterima tidak boleh di masa depan.")
    check.raise_if_any()
    with db.atomic():
        lama = audit.snapshot(entry, ("diterima_oleh", "diterima_pada"))
        entry.diterima_oleh = name
        entry.diterima_pada = when
        entry.save()
        audit.catat_ubah(entry, lama, f"Ekspedisi {entry.nomor}/{entry.tahun} diterima oleh "
                                      f"{name}")


# --- surat keluar ------------------------------------------------------------------------

@dataclass(frozen=True)
class SuratKeluarInput:
    klasifikasi: str
    kepada: str
    perihal: str
    sifat: str | None = "biasa"
    pengolah: str = "sekretariat"
    lampiran: str | None = ""
    tanggal: dt.date | str | None = None  # default: today


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


def validate_surat_keluar(data: SuratKeluarInput, today: dt.date | None = None) -> dict:
    from jogoroto_desktop.catalog import SEKSI_BY_ID

    today = today or dt.date.today()
    check = Checker()
    values = {
        "kepada": check.text("kepada", "Tujuan (kepada)", data.kepada, MAX_DARI),
        "perihal": check.text("perihal", "Perihal", data.perihal, MAX_PERIHAL),
        "lampiran": check.text("lampiran", "Lampiran", data.lampiran, MAX_LAMPIRAN,
                               required=False),
        "sifat": _check_sifat(check, data.sifat),
        "klasifikasi": _check_klasifikasi(check, data.klasifikasi, required=True),
    }
    if data.pengolah not in SEKSI_BY_ID:
        check.fail("pengolah", f"Seksi pengolah \u201c{data.pengolah}\u201d tidak dikenal.")
    values["pengolah"] = data.pengolah
    tanggal = check.date("tanggal", "Tanggal surat", data.tanggal or today)
    _check_not_future(check, "tanggal", "Tanggal surat", tanggal, today)
    check.raise_if_any()
    values["tanggal"] = tanggal
    return values


def buat_surat_keluar(data: SuratKeluarInput, oleh: str | None = None,
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
            _advance_keluar(surat, "diagendakan", oleh, now)
        else:
            _record(JENIS_KELUAR, surat.id, 1, oleh, now, "Konsep disusun")
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
        _advance_keluar(surat, target, oleh, now, redate=True)
    return target


#: Fields of a surat keluar that may be corrected; the classification and date only while
#: the letter has no number yet (both are part of it).
KELUAR_EDITABLE = {
    "kepada": "Tujuan (kepada)", "perihal": "Perihal", "sifat": "Sifat",
    "pengolah": "Seksi pengolah", "lampiran": "Lampiran", "klasifikasi": "Klasifikasi",
    "tanggal": "Tanggal surat",
}


def ubah_surat_keluar(surat: SuratKeluar, data: SuratKeluarInput,
                      now: dt.datetime | None = None) -> SuratKeluar:
    """Correct an outgoing letter's fields (`surat` as the editor read it); EditConflict when
    another PC changed the same fields meanwhile. Returns the letter as stored."""
    session.require("surat_keluar.proses")
    now = now or dt.datetime.now()
    values = validate_surat_keluar(data, today=now.date())
    return _save_correction(surat, values, KELUAR_EDITABLE, f"Surat keluar kepada {surat.kepada}",
                            now)


def _advance_keluar(surat: SuratKeluar, target: str, oleh: str, now: dt.datetime,
                    redate: bool = False) -> None:
    """Move the letter to `target` if nobody changed it meanwhile (version check); the object
    is only updated once the database is."""
    changes: dict = {"status": target}
    nomor = surat.nomor
    if target == "diagendakan" and surat.urut is None:
        tanggal = now.date() if redate else surat.tanggal
        urut = next_number(COUNTER_KELUAR, tanggal.year)
        try:
            nomor = format_nomor(nomor_template(), surat.klasifikasi, urut, tanggal)
        except ValidationError as exc:
            raise ValidationError({"nomor": "Template nomor surat di Pengaturan tidak sah: "
                                            + exc.problems["template"]}) from None
        changes.update(urut=urut, nomor=nomor, tanggal=tanggal, tahun=tanggal.year)
    try:
        registers.update(surat, changes,
                         f"Surat keluar kepada {surat.kepada}: {KELUAR_STATUS_LABELS[target]}"
                         + (f", nomor {nomor}" if target == "diagendakan" else ""),
                         stale=_STALE, now=now)
    except peewee.IntegrityError:
        raise ValidationError({"nomor": f"Nomor {nomor} sudah dipakai surat lain; periksa "
                                        "template nomor."}) from None
    if target == "ttd_camat":
        _record(JENIS_KELUAR, surat.id, 3, oleh, now, "Ditandatangani Camat")
        _record(JENIS_KELUAR, surat.id, 4, "Sekretaris Camat", now,
                "Disampaikan Sekcam kepada agendaris")
    else:
        notes = {
            "paraf_sekcam": "Konsep diparaf Sekretaris Camat",
            "diagendakan": f"Diagendakan dengan nomor {nomor}",
            "dikirim": "Dikirim dengan ekspedisi",
        }
        _record(JENIS_KELUAR, surat.id, KELUAR_STEP[target], oleh, now, notes[target])


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


def query_ekspedisi(tahun: int | None = None, teks: str = "",
                    belum_diterima: bool = False) -> peewee.ModelSelect:
    """The Buku Ekspedisi's rows as tuples for its table (id, tahun, nomor, dikirim_pada,
    uraian, kepada, agenda number and year of the surat masuk, nomor of the surat keluar,
    diterima_oleh, diterima_pada), not ordered. Free text searches uraian, kepada, penerima,
    the surat keluar's nomor and the ekspedisi or agenda number (also written "3/2026")."""
    e, sm, sk = Ekspedisi, SuratMasuk, SuratKeluar
    query = (e.select(e.id, e.tahun, e.nomor, e.dikirim_pada, e.uraian, e.kepada,
                      sm.nomor_agenda, sm.tahun, sk.nomor, e.diterima_oleh, e.diterima_pada)
             .join(sm, peewee.JOIN.LEFT_OUTER, on=(e.surat_masuk == sm.id))
             .switch(e)
             .join(sk, peewee.JOIN.LEFT_OUTER, on=(e.surat_keluar == sk.id)))
    if tahun:
        query = query.where(e.tahun == tahun)
    if belum_diterima:
        query = query.where(e.diterima_pada.is_null())
    for word in teks.split():
        condition = (e.uraian.contains(word) | e.kepada.contains(word)
                     | e.diterima_oleh.contains(word) | sk.nomor.contains(word))
        for number, year in ((e.nomor, e.tahun), (sm.nomor_agenda, sm.tahun)):
            matched = registers.number_condition(word, number, year)
            if matched is not None:
                condition |= matched
        query = query.where(condition)
    return query


# --- SOP progress ------------------------------------------------------------------------

def _record(jenis: str, rekaman_id: int, langkah: int, oleh: str, pada: dt.datetime,
            catatan: str = "") -> None:
    """Record a step of the letter's SOP (the SOP follows from the register)."""
    sop_id = SOP_SURAT_MASUK if jenis == JENIS_MASUK else SOP_SURAT_KELUAR
    registers.record_step(jenis, rekaman_id, sop_id, langkah, oleh, pada, catatan)


def _set_status(surat: SuratMasuk, status: str, now: dt.datetime) -> None:
    """Change the letter's status unless someone voided it meanwhile (never un-voids)."""
    updated = (SuratMasuk.update(status=status, diubah_pada=now, versi=SuratMasuk.versi + 1)
               .where((SuratMasuk.id == surat.id) & (SuratMasuk.status != DIBATALKAN))
               .execute())
    if updated != 1:
        raise ValidationError({"status": "Surat ini sudah dibatalkan di komputer lain."})
    fresh = SuratMasuk.get_by_id(surat.id)
    surat.status, surat.diubah_pada, surat.versi = fresh.status, fresh.diubah_pada, fresh.versi


def _current(surat: SuratMasuk) -> SuratMasuk:
    """The letter as stored now (another PC may have changed it since it was read)."""
    return SuratMasuk.get_by_id(surat.id)


@dataclass(frozen=True)
class StepProgress:
    no: int
    kegiatan: str
    pelaksana: str
    waktu: str  # the SOP's standard as written
    oleh: str | None
    pada: dt.datetime | None
    actual: dt.timedelta | None  # since the previous recorded step
    late: bool
    catatan: str = ""


def progress(jenis: str, rekaman_id: int) -> list[StepProgress]:
    """The SOP's steps with who did each and when, and the time taken against the standard."""
    sop_id = SOP_SURAT_MASUK if jenis == JENIS_MASUK else SOP_SURAT_KELUAR
    sop = default_catalog().get(sop_id)
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
        result.append(StepProgress(step.no, step.kegiatan, step.pelaksana, step.waktu,
                                   row.oleh if row else None, row.pada if row else None,
                                   actual, late, row.catatan if row else ""))
    return result


# --- scanned files -----------------------------------------------------------------------

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
                                 + (f" pada {_label(owner)}" if owner is not None else ""))
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
