"""Personnel registers of the Subbag Umum dan Kepegawaian: pegawai master, Buku Penjagaan
(coming kenaikan pangkat and pensiun) and Buku Cuti.

They follow the SOPs Pengusulan Kenaikan Pangkat, Pengusulan Pensiun Pegawai and Permohonan
Cuti Pegawai: the lead times ("6 bulan sebelum TMT", "2 minggu sebelum cuti") are read from the
catalog, the sisa-cuti check is the cuti SOP's decision step. Every change checks permission
first and writes its audit row in the same transaction. No widgets.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import peewee

from jogoroto_desktop import audit, session
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.nip import JENIS_KELAMIN_LABELS, NipError, format_nip, parse_nip
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.sop.catalog import default_catalog
from jogoroto_desktop.sop.waktu import Deadline
from jogoroto_desktop.validation import (
    Checker,
    ValidationError,
    non_ascii_digit,
    non_ascii_digit_message,
)
from models import Cuti, Pegawai, SuratPengantar, db, get_setting, set_setting

SOP_KENAIKAN_PANGKAT = "kenaikan-pangkat"
SOP_PENSIUN = "pensiun-pegawai"
SOP_CUTI = "cuti-pegawai"
JENIS_LANGKAH_CUTI = "cuti"

# --- pangkat/golongan --------------------------------------------------------------------

#: The PNS ranks in order (PP 99/2000): golongan/ruang and pangkat.
PANGKAT: tuple[tuple[str, str], ...] = (
    ("I/a", "Juru Muda"), ("I/b", "Juru Muda Tingkat I"), ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"), ("II/b", "Pengatur Muda Tingkat I"), ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"), ("III/b", "Penata Muda Tingkat I"), ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"), ("IV/b", "Pembina Tingkat I"), ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"), ("IV/e", "Pembina Utama"),
)
GOLONGAN = tuple(g for g, _p in PANGKAT)
PANGKAT_BY_GOLONGAN = dict(PANGKAT)
_GOLONGAN_BY_PANGKAT = {p.lower(): g for g, p in PANGKAT}
_GOLONGAN_PATTERN = re.compile(r"\b(IV|III|II|I)\s*(?:[/-]\s*)?([a-e])\b", re.IGNORECASE)

#: Regular kenaikan pangkat: every 4 years, in the April or October period.
MASA_KENAIKAN_PANGKAT_TAHUN = 4
PERIODE_KENAIKAN_PANGKAT = (4, 10)

#: Batas usia pensiun by kind of jabatan (UU 5/2014 Pasal 90): the default, editable per pegawai.
JENIS_JABATAN: dict[str, tuple[str, int]] = {
    "administrasi": ("Jabatan administrasi (administrator, pengawas, pelaksana)", 58),
    "fungsional_madya": ("Jabatan fungsional ahli madya", 60),
    "pimpinan_tinggi": ("Jabatan pimpinan tinggi", 60),
}
BUP_MIN, BUP_MAX = 56, 70
JATAH_CUTI_BAWAAN = 12

MAX_NAMA = 120
MAX_JABATAN = 200


def golongan_label(golongan: str) -> str:
    """``III/a`` -> ``Penata Muda, III/a``."""
    pangkat = PANGKAT_BY_GOLONGAN.get(golongan)
    return f"{pangkat}, {golongan}" if pangkat else golongan


def parse_pangkat(text: str) -> tuple[str, str]:
    """(golongan, pangkat) from "III/a", "Penata Muda", "Penata Muda Tk. I, III/b", ...;
    ValueError (Indonesian) when unknown or when name and golongan disagree."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise ValueError("Pangkat/golongan wajib diisi (mis. Penata Muda, III/a).")
    golongan = None
    match = _GOLONGAN_PATTERN.search(cleaned)
    if match:
        golongan = f"{match.group(1).upper()}/{match.group(2).lower()}"
        if golongan not in PANGKAT_BY_GOLONGAN:
            raise ValueError(f"Golongan {golongan} tidak ada (I/a sampai IV/e; golongan I-III "
                             "sampai ruang d).")
        cleaned = (cleaned[:match.start()] + cleaned[match.end():])
    name = re.sub(r"\btk\b\.?", "tingkat", cleaned.lower())
    name = " ".join(re.sub(r"[(),.;]", " ", name).split())
    from_name = _GOLONGAN_BY_PANGKAT.get(name) if name else None
    if name and from_name is None:
        raise ValueError(f"Pangkat \u201c{cleaned.strip(' ,()')}\u201d tidak dikenal; tulis "
                         "misalnya Penata Muda atau III/a.")
    if golongan and from_name and golongan != from_name:
        raise ValueError(f"Pangkat {PANGKAT_BY_GOLONGAN[from_name]} adalah golongan "
                         f"{from_name}, bukan {golongan}.")
    final = golongan or from_name
    assert final is not None
    return final, PANGKAT_BY_GOLONGAN[final]


def golongan_berikut(golongan: str) -> str | None:
    """The next golongan up (III/d -> IV/a), None at IV/e."""
    index = GOLONGAN.index(golongan)
    return GOLONGAN[index + 1] if index + 1 < len(GOLONGAN) else None


# --- date helpers ------------------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _ulang_tahun(born: dt.date, years: int) -> dt.date:
    """The day ``born`` turns ``years`` (29 February -> 1 March in common years)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)


def _awal_bulan_berikut(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def tmt_pensiun(tanggal_lahir: dt.date, bup: int) -> dt.date:
    """First day of the month after the pegawai reaches the batas usia pensiun."""
    return _awal_bulan_berikut(_ulang_tahun(tanggal_lahir, bup))


def tmt_kenaikan_pangkat(tmt_pangkat: dt.date) -> dt.date:
    """The first regular period (1 April or 1 Oktober) once 4 years in the rank are served."""
    earliest = _ulang_tahun(tmt_pangkat, MASA_KENAIKAN_PANGKAT_TAHUN)
    for year in (earliest.year, earliest.year + 1):
        for month in PERIODE_KENAIKAN_PANGKAT:
            candidate = dt.date(year, month, 1)
            if candidate >= earliest:
                return candidate
    raise AssertionError("unreachable: October of the next year always qualifies")


def sop_deadline(sop_id: str) -> Deadline:
    """The deadline relative to an event that the SOP's steps carry ("6 bulan sebelum TMT")."""
    sop = default_catalog().get(sop_id)
    if sop is not None:
        for step in sop.steps:
            if step.deadline is not None:
                return step.deadline
    raise LookupError(f"SOP {sop_id} di katalog tidak mencantumkan tenggat (mis. "
                      "\u201c6 bulan sebelum TMT\u201d).")


# --- pegawai master ----------------------------------------------------------------------

@dataclass(frozen=True)
class PegawaiInput:
    nip: str
    nama: str
    pangkat: str  # "Penata Muda, III/a", "III/a" or "Penata Muda"
    jabatan: str
    tmt_pangkat: dt.date | str | None = None
    # Empty: taken from the NIP. When typed, it must agree with the NIP (refused otherwise,
    # because one of the two is a typing error and the program cannot know which).
    tanggal_lahir: dt.date | str | None = None
    jenis_kelamin: str | None = None  # "L" / "P"
    jenis_jabatan: str = "administrasi"
    bup: int | str | None = None  # empty: by jenis_jabatan
    jatah_cuti: int | str | None = None  # empty: 12 days


def _integer(check: Checker, name: str, label: str, value: int | str | None, default: int,
             low: int, high: int) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    digit = non_ascii_digit(value) if isinstance(value, str) else None
    if digit is not None:
        check.fail(name, non_ascii_digit_message(label, digit))
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        check.fail(name, f"{label} harus bilangan bulat.")
        return default
    if not low <= number <= high:
        check.fail(name, f"{label} harus antara {low} dan {high}.")
    return number


def _jenis_kelamin(value: str | None) -> str | None:
    cleaned = (value or "").strip().upper()
    if not cleaned:
        return None
    if cleaned in ("L", "LAKI-LAKI", "LAKI LAKI", "1"):
        return "L"
    if cleaned in ("P", "PEREMPUAN", "WANITA", "2"):
        return "P"
    return "?"


def validate_pegawai(data: PegawaiInput, today: dt.date | None = None) -> dict:
    """The cleaned columns of a pegawai, or ValidationError listing every problem."""
    today = today or dt.date.today()
    check = Checker()
    values: dict = {
        "nama": check.text("nama", "Nama", data.nama, MAX_NAMA),
        "jabatan": check.text("jabatan", "Jabatan", data.jabatan, MAX_JABATAN),
    }
    nip = None
    try:
        nip = parse_nip(data.nip, today)
        values["nip"] = nip.formatted
    except NipError as exc:
        check.fail("nip", str(exc))
    try:
        values["golongan"], values["pangkat"] = parse_pangkat(data.pangkat)
    except ValueError as exc:
        check.fail("pangkat", str(exc))
    lahir = check.date("tanggal_lahir", "Tanggal lahir", data.tanggal_lahir, required=False)
    sex = _jenis_kelamin(data.jenis_kelamin)
    if sex == "?":
        check.fail("jenis_kelamin", "Jenis kelamin harus L (laki-laki) atau P (perempuan).")
    if nip is not None:
        if lahir is not None and lahir != nip.tanggal_lahir:
            check.fail("tanggal_lahir",
                       f"Tanggal lahir {format_tanggal(lahir)} tidak cocok dengan NIP "
                       f"(NIP menyebut {format_tanggal(nip.tanggal_lahir)}); periksa "
                       "keduanya.")
        if sex in ("L", "P") and sex != nip.jenis_kelamin:
            check.fail("jenis_kelamin",
                       f"Jenis kelamin {JENIS_KELAMIN_LABELS[sex]} tidak cocok dengan NIP "
                       f"(angka ke-15 menyebut {JENIS_KELAMIN_LABELS[nip.jenis_kelamin]}).")
        values["tanggal_lahir"] = nip.tanggal_lahir
        values["jenis_kelamin"] = nip.jenis_kelamin
        values["tmt_cpns"] = nip.tmt_cpns
    tmt_pangkat = check.date("tmt_pangkat", "TMT pangkat", data.tmt_pangkat, required=False)
    if tmt_pangkat is not None:
        if nip is not None and tmt_pangkat < nip.tmt_cpns:
            check.fail("tmt_pangkat", "TMT pangkat tidak boleh sebelum TMT CPNS "
                                      f"({format_tanggal(nip.tmt_cpns)}).")
        elif tmt_pangkat > add_months(today, 12):
            check.fail("tmt_pangkat", "TMT pangkat lebih dari setahun di depan; periksa "
                                      "tanggalnya.")
    values["tmt_pangkat"] = tmt_pangkat
    if data.jenis_jabatan not in JENIS_JABATAN:
        check.fail("jenis_jabatan", f"Jenis jabatan \u201c{data.jenis_jabatan}\u201d tidak "
                                    "dikenal.")
        default_bup = 58
    else:
        default_bup = JENIS_JABATAN[data.jenis_jabatan][1]
    values["bup"] = _integer(check, "bup", "Batas usia pensiun", data.bup, default_bup,
                             BUP_MIN, BUP_MAX)
    values["jatah_cuti"] = _integer(check, "jatah_cuti", "Jatah cuti tahunan", data.jatah_cuti,
                                    JATAH_CUTI_BAWAAN, 0, 24)
    check.raise_if_any()
    return values


def _nip_taken(nip: str, except_id: int | None = None) -> bool:
    query = Pegawai.select().where(Pegawai.nip == nip)
    if except_id is not None:
        query = query.where(Pegawai.id != except_id)
    return query.exists()


def tambah_pegawai(data: PegawaiInput, now: dt.datetime | None = None) -> Pegawai:
    """Add a pegawai to the master; the NIP is stored spaced ("19690814 199703 2 003")."""
    session.require("kepegawaian.kelola")
    now = registers.now_seconds(now)
    values = validate_pegawai(data, today=now.date())
    duplicate = ValidationError({"nip": f"NIP {values['nip']} sudah terdaftar."})
    if _nip_taken(values["nip"]):
        raise duplicate
    try:
        with db.atomic():
            pegawai = registers.register(
                Pegawai, f"Pegawai {values['nama']} (NIP {values['nip']}) ditambahkan", now,
                aktif=True, **values)
    except peewee.IntegrityError:  # another PC added the same NIP meanwhile
        raise duplicate from None
    return pegawai


_STALE = registers.stale_message("Data pegawai ini")
_STALE_CUTI = registers.stale_message("Permohonan cuti ini")


def ubah_pegawai(pegawai: Pegawai, data: PegawaiInput,
                 now: dt.datetime | None = None) -> Pegawai:
    """Change a pegawai's data; refused when another PC changed it since ``pegawai`` was read."""
    session.require("kepegawaian.kelola")
    now = registers.now_seconds(now)
    values = validate_pegawai(data, today=now.date())
    if _nip_taken(values["nip"], except_id=pegawai.id):
        raise ValidationError({"nip": f"NIP {values['nip']} sudah dipakai pegawai lain."})
    registers.update(pegawai, values, f"Data pegawai {pegawai.nama} diubah", stale=_STALE,
                     now=now)
    return pegawai


def set_aktif(pegawai: Pegawai, aktif: bool, alasan: str = "",
              now: dt.datetime | None = None) -> None:
    """Deactivate (pensiun, pindah, meninggal: with the reason) or reactivate a pegawai. A
    pegawai is never deleted: the Buku Cuti and the pengantar keep pointing at the record."""
    session.require("kepegawaian.kelola")
    check = Checker()
    reason = check.text("alasan", "Alasan", alasan, 300, required=not aktif)
    if pegawai.aktif == aktif:
        check.fail("aktif", "Pegawai ini memang sudah " + ("aktif." if aktif else "nonaktif."))
    check.raise_if_any()
    now = registers.now_seconds(now)
    text = (f"Pegawai {pegawai.nama} diaktifkan kembali" if aktif
            else f"Pegawai {pegawai.nama} dinonaktifkan: {reason}")
    registers.update(pegawai, {"aktif": aktif}, text, stale=_STALE, now=now)


def cari_pegawai(nip_or_id: str | int) -> Pegawai | None:
    """A pegawai by database id or NIP (spaces optional)."""
    if isinstance(nip_or_id, int) or (isinstance(nip_or_id, str) and nip_or_id.isdigit()
                                      and len(nip_or_id) < 10):
        return Pegawai.get_or_none(Pegawai.id == int(nip_or_id))
    return Pegawai.get_or_none(Pegawai.nip == format_nip(str(nip_or_id)))


def query_pegawai(teks: str = "", termasuk_nonaktif: bool = False) -> peewee.ModelSelect:
    """Pegawai by name; free text searches nama, jabatan and NIP (spaces ignored)."""
    query = Pegawai.select()
    if not termasuk_nonaktif:
        query = query.where(Pegawai.aktif == True)  # noqa: E712
    for word in teks.split():
        digits = re.sub(r"\D", "", word)
        condition = Pegawai.nama.contains(word) | Pegawai.jabatan.contains(word)
        if digits:
            condition |= peewee.fn.REPLACE(Pegawai.nip, " ", "").contains(digits)
        query = query.where(condition)
    return query.order_by(Pegawai.nama, Pegawai.id)


# --- Buku Penjagaan ----------------------------------------------------------------------

KENAIKAN_PANGKAT = "kenaikan-pangkat"
PENSIUN = "pensiun"
CUTI = "cuti"
KEPERLUAN_LABELS = {KENAIKAN_PANGKAT: "Kenaikan pangkat", PENSIUN: "Pensiun", CUTI: "Cuti"}

#: How long before the berkas deadline the reminder starts: the SOP's steps 2-3 (the Sekcam
#: tells the pegawai, who then collects the berkas) need time before step 6 sends them.
PERSIAPAN_BULAN = 3

STATUS_TERLAMBAT = "terlambat"
STATUS_SEGERA = "segera"
STATUS_TERJADWAL = "terjadwal"
STATUS_TERKIRIM = "terkirim"
PENJAGAAN_STATUS_LABELS = {
    STATUS_TERLAMBAT: "Terlambat",
    STATUS_SEGERA: "Segera siapkan berkas",
    STATUS_TERJADWAL: "Terjadwal",
    STATUS_TERKIRIM: "Berkas terkirim",
}


@dataclass(frozen=True)
class Penjagaan:
    """One coming event of the Buku Penjagaan."""

    pegawai_id: int
    nama: str
    nip: str
    jenis: str  # KENAIKAN_PANGKAT or PENSIUN
    tmt: dt.date
    batas_berkas: dt.date  # the SOP's "6 bulan sebelum TMT"
    keterangan: str
    status: str

    @property
    def jenis_label(self) -> str:
        return KEPERLUAN_LABELS[self.jenis]

    @property
    def terlambat(self) -> bool:
        return self.status == STATUS_TERLAMBAT


def _pengantar_terkirim() -> dict[tuple[int, str], dt.date]:
    """(pegawai id, keperluan) -> date of the latest surat pengantar sent for it."""
    sent: dict[tuple[int, str], dt.date] = {}
    query = (SuratPengantar.select(SuratPengantar.sumber, SuratPengantar.tanggal)
             .where(SuratPengantar.sumber.startswith("pegawai:")
                    & (SuratPengantar.status != "dibatalkan")))
    for row in query.iterator():
        parts = row.sumber.split(":")
        if len(parts) == 3 and parts[1].isdigit():
            key = (int(parts[1]), parts[2])
            if key not in sent or row.tanggal > sent[key]:
                sent[key] = row.tanggal
    return sent


def _status(batas: dt.date, tmt: dt.date, sent_on: dt.date | None, today: dt.date) -> str:
    # A pengantar counts for this event when written within the year before its deadline
    # (the one for the previous kenaikan pangkat, four years earlier, does not).
    if sent_on is not None and sent_on >= add_months(batas, -12):
        return STATUS_TERKIRIM
    if today > batas:
        return STATUS_TERLAMBAT
    if batas <= add_months(today, PERSIAPAN_BULAN):
        return STATUS_SEGERA
    return STATUS_TERJADWAL


def buku_penjagaan(today: dt.date | None = None, bulan: int = 12,
                   pegawai: Iterable[Pegawai] | None = None) -> list[Penjagaan]:
    """Coming kenaikan pangkat and pensiun of active pegawai whose berkas are due within
    ``bulan`` months (and every overdue one), overdue first, then by berkas deadline.

    An event counts as done once a surat pengantar for it (sumber ``pegawai:ID:keperluan``)
    exists; it leaves the book when its TMT has passed. A kenaikan pangkat whose TMT passed
    without a pengantar stays, overdue, until the master's pangkat is updated.
    """
    today = today or dt.date.today()
    horizon = add_months(today, bulan)
    lead_kp = sop_deadline(SOP_KENAIKAN_PANGKAT)
    lead_pensiun = sop_deadline(SOP_PENSIUN)
    sent = _pengantar_terkirim()
    rows = pegawai if pegawai is not None else (
        Pegawai.select().where(Pegawai.aktif == True).iterator())  # noqa: E712
    entries: list[Penjagaan] = []
    for p in rows:
        pensiun = tmt_pensiun(p.tanggal_lahir, p.bup)
        events: list[tuple[str, dt.date, Deadline, str]] = [
            (PENSIUN, pensiun, lead_pensiun,
             f"BUP {p.bup} tahun, lahir {format_tanggal(p.tanggal_lahir)}")]
        naik = golongan_berikut(p.golongan)
        if p.tmt_pangkat is not None and naik is not None:
            tmt_kp = tmt_kenaikan_pangkat(p.tmt_pangkat)
            if tmt_kp < pensiun:
                events.append((KENAIKAN_PANGKAT, tmt_kp, lead_kp,
                               f"{golongan_label(p.golongan)} \u2192 {golongan_label(naik)}"))
        for jenis, tmt, lead, keterangan in events:
            batas = lead.due_date(tmt)
            status = _status(batas, tmt, sent.get((p.id, jenis)), today)
            if status == STATUS_TERKIRIM and tmt < today:
                continue
            if status != STATUS_TERLAMBAT and batas > horizon:
                continue
            if jenis == PENSIUN and tmt <= today and status == STATUS_TERLAMBAT:
                keterangan += "; TMT pensiun sudah lewat"
            entries.append(Penjagaan(p.id, p.nama, p.nip, jenis, tmt, batas, keterangan,
                                     status))
    entries.sort(key=lambda e: (not e.terlambat, e.batas_berkas, e.nama))
    return entries


def pengingat(today: dt.date | None = None) -> list[Penjagaan]:
    """What needs action now: overdue berkas first, then those due within the preparation
    window (:data:`PERSIAPAN_BULAN`)."""
    return [e for e in buku_penjagaan(today, bulan=PERSIAPAN_BULAN)
            if e.status in (STATUS_TERLAMBAT, STATUS_SEGERA)]


def ringkasan_pengingat(entries: list[Penjagaan]) -> str:
    """One line for the Sekretariat desk: "2 berkas terlambat, 1 harus disiapkan"."""
    late = sum(e.status == STATUS_TERLAMBAT for e in entries)
    soon = sum(e.status == STATUS_SEGERA for e in entries)
    if not late and not soon:
        return "Buku Penjagaan: tidak ada berkas kenaikan pangkat/pensiun yang jatuh tempo."
    parts = []
    if late:
        parts.append(f"{late} berkas terlambat dikirim ke BKD")
    if soon:
        parts.append(f"{soon} berkas harus disiapkan dalam {PERSIAPAN_BULAN} bulan")
    return "Buku Penjagaan: " + ", ".join(parts) + "."


# --- surat pengantar to BKD --------------------------------------------------------------

BKD = "Kepala Badan Kepegawaian Daerah Kabupaten Jombang"
KLASIFIKASI_KEPERLUAN = {KENAIKAN_PANGKAT: "823", PENSIUN: "882", CUTI: "851"}

#: The berkas persyaratan as the SOP book lists them (step 2 of each SOP); a test checks that
#: every item still appears in the catalog's text.
BERKAS_KEPERLUAN: dict[str, tuple[str, ...]] = {
    KENAIKAN_PANGKAT: (
        "Copy Karpeg", "Copy SK PNS", "Copy SK CPNS", "Copy Ijazah Terakhir",
        "Copy DP3 2 tahun terakhir", "Daftar Riwayat Hidup", "Copy SK Kenaikan Pangkat terakhir",
    ),
    PENSIUN: (
        "Blangko Permohonan", "Copy Karpeg", "Copy SK PNS", "Copy SK CPNS", "Copy KTP",
        "Copy KK", "Surat Keterangan tidak pernah dijatuhi hukuman",
        "DPCP (Data Penerima Calon Pensiun)", "Kartu Taspen", "Pas photo",
    ),
    CUTI: ("Formulir Cuti",),
}


def pengantar_bkd(pegawai: Pegawai, keperluan: str, cuti: Cuti | None = None,
                  today: dt.date | None = None) -> dict:
    """The surat pengantar to BKD for a pegawai's kenaikan pangkat, pensiun or cuti, as plain
    data with the fields of ``pengantar.SuratPengantarInput`` (items as dicts)."""
    if keperluan not in BERKAS_KEPERLUAN:
        raise ValueError(f"keperluan tidak dikenal: {keperluan}")
    today = today or dt.date.today()
    who = f"a.n. {pegawai.nama}, NIP {pegawai.nip}"
    if keperluan == KENAIKAN_PANGKAT:
        naik = golongan_berikut(pegawai.golongan)
        tmt = tmt_kenaikan_pangkat(pegawai.tmt_pangkat) if pegawai.tmt_pangkat else None
        pokok = (f"Usul kenaikan pangkat {who}, dari {golongan_label(pegawai.golongan)} ke "
                 f"{golongan_label(naik) if naik else '-'}, TMT {format_tanggal(tmt)}")
    elif keperluan == PENSIUN:
        pokok = (f"Usul pensiun {who}, BUP {pegawai.bup} tahun, TMT "
                 f"{format_tanggal(tmt_pensiun(pegawai.tanggal_lahir, pegawai.bup))}")
    else:
        if cuti is None:
            raise ValueError("pengantar cuti memerlukan data cuti")
        pokok = (f"Permohonan {JENIS_CUTI[cuti.jenis].lower()} {who}, "
                 f"{format_tanggal(cuti.mulai)} s.d. {format_tanggal(cuti.selesai)} "
                 f"({cuti.hari} hari kerja)")
    items = [{"jenis": pokok, "banyaknya": "1 berkas",
              "keterangan": "Dikirim dengan hormat untuk diproses lebih lanjut"}]
    items += [{"jenis": berkas, "banyaknya": "1 lembar", "keterangan": ""}
              for berkas in BERKAS_KEPERLUAN[keperluan]]
    sumber = f"pegawai:{pegawai.id}:{keperluan}"
    if cuti is not None and keperluan == CUTI:
        sumber += f"-{cuti.id}"
    return {
        "kepada": BKD, "di": "Jombang", "tanggal": today,
        "klasifikasi": KLASIFIKASI_KEPERLUAN[keperluan], "penandatangan_jabatan": "Camat",
        "sumber": sumber, "items": items,
    }


# --- Buku Cuti ---------------------------------------------------------------------------

#: Kinds of leave of PP 11/2017 with the longest each may run (calendar days; None: by sisa).
JENIS_CUTI: dict[str, str] = {
    "tahunan": "Cuti tahunan",
    "besar": "Cuti besar",
    "sakit": "Cuti sakit",
    "melahirkan": "Cuti melahirkan",
    "alasan_penting": "Cuti karena alasan penting",
    "luar_tanggungan": "Cuti di luar tanggungan negara",
}
_MAX_HARI_KALENDER = {"besar": 92, "sakit": 366, "melahirkan": 92, "alasan_penting": 31,
                      "luar_tanggungan": 3 * 366}
#: Years of service before the kind may be taken (PP 11/2017).
_MASA_KERJA_TAHUN = {"tahunan": 1, "besar": 5, "luar_tanggungan": 5}

CUTI_DIAJUKAN = "diajukan"
CUTI_DISETUJUI = "disetujui"
CUTI_DITOLAK = "ditolak"
CUTI_DIBATALKAN = registers.DIBATALKAN
CUTI_STATUS_LABELS = {
    CUTI_DIAJUKAN: "Diajukan",
    CUTI_DISETUJUI: "Disetujui",
    CUTI_DITOLAK: "Ditolak",
    CUTI_DIBATALKAN: "Dibatalkan",
}
_CUTI_AKTIF = (CUTI_DIAJUKAN, CUTI_DISETUJUI)

#: Holidays on a fixed date every year; the moving ones (Idul Fitri, Nyepi, ...) are entered
#: each year from the SKB 3 Menteri into the editable list.
LIBUR_TETAP = ((1, 1, "Tahun Baru Masehi"), (5, 1, "Hari Buruh"), (6, 1, "Hari Lahir Pancasila"),
               (8, 17, "Hari Kemerdekaan RI"), (12, 25, "Hari Natal"))
SETTING_HARI_LIBUR = "hari_libur_nasional"


def hari_libur() -> dict[dt.date, str]:
    """The editable list of national holidays (date -> name) stored in the settings."""
    raw = get_setting(SETTING_HARI_LIBUR, "{}") or "{}"
    try:
        stored = json.loads(raw)
    except ValueError:
        return {}
    result = {}
    for key, name in stored.items():
        try:
            result[dt.date.fromisoformat(key)] = str(name)
        except ValueError:
            continue
    return result


def simpan_hari_libur(libur: dict[dt.date, str]) -> None:
    """Replace the editable holiday list (audited)."""
    session.require("kepegawaian.kelola")
    check = Checker()
    for name in libur.values():
        if not check.plain("libur", "Nama hari libur", name):
            break
    check.raise_if_any()
    lama = {d.isoformat(): n for d, n in hari_libur().items()}
    baru = {d.isoformat(): " ".join(n.split()) or "Libur nasional"
            for d, n in sorted(libur.items())}
    with db.atomic():
        set_setting(SETTING_HARI_LIBUR, json.dumps(baru, ensure_ascii=False))
        audit.catat("ubah", "setting", None, "Daftar hari libur nasional diubah",
                    audit.perubahan(lama, baru))


def _libur_set(start: dt.date, end: dt.date, libur: dict[dt.date, str] | None) -> set[dt.date]:
    days = set(libur if libur is not None else hari_libur())
    for year in range(start.year, end.year + 1):
        days.update(dt.date(year, month, day) for month, day, _name in LIBUR_TETAP)
    return days


def hari_kerja(mulai: dt.date, selesai: dt.date,
               libur: dict[dt.date, str] | None = None) -> int:
    """Working days from ``mulai`` to ``selesai`` inclusive: Monday to Friday, not a holiday."""
    if selesai < mulai:
        return 0
    holidays = _libur_set(mulai, selesai, libur)
    count = 0
    day = mulai
    while day <= selesai:
        if day.weekday() < 5 and day not in holidays:
            count += 1
        day += dt.timedelta(days=1)
    return count


@dataclass(frozen=True)
class SisaCuti:
    """Annual leave of one year: what the pegawai is entitled to and what is used."""

    tahun: int
    jatah: int
    bawaan: int  # carried over from earlier years
    terpakai: int  # approved
    diajukan: int  # requested, not yet decided

    @property
    def hak(self) -> int:
        return self.jatah + self.bawaan

    @property
    def sisa(self) -> int:
        return self.hak - self.terpakai - self.diajukan

    def describe(self) -> str:
        text = f"Sisa cuti tahunan {self.tahun}: {self.sisa} hari (hak {self.hak}"
        if self.bawaan:
            text += f", termasuk {self.bawaan} hari dari tahun sebelumnya"
        text += f"; terpakai {self.terpakai}"
        if self.diajukan:
            text += f", menunggu keputusan {self.diajukan}"
        return text + ")"


def _berhak_tahunan(pegawai: Pegawai, tahun: int) -> bool:
    """Annual leave needs a year of service; count the year in which that year completes."""
    return _ulang_tahun(pegawai.tmt_cpns, _MASA_KERJA_TAHUN["tahunan"]) <= dt.date(tahun, 12, 31)


def _tahunan_per_tahun(pegawai: Pegawai, exclude_id: int | None) -> dict[tuple[int, str], int]:
    query = (Cuti.select(Cuti.tahun, Cuti.status, peewee.fn.SUM(Cuti.hari).alias("jumlah"))
             .where((Cuti.pegawai == pegawai.id) & (Cuti.jenis == "tahunan")
                    & Cuti.status.in_(_CUTI_AKTIF))
             .group_by(Cuti.tahun, Cuti.status))
    if exclude_id is not None:
        query = query.where(Cuti.id != exclude_id)
    return {(row.tahun, row.status): int(row.jumlah or 0) for row in query}


def sisa_cuti(pegawai: Pegawai, tahun: int, exclude_id: int | None = None) -> SisaCuti:
    """Annual leave left in ``tahun``. PP 11/2017 simplified:

    - the entitlement is the pegawai's jatah (12 working days) once a year of service is done;
    - leave not taken in the previous year carries over, at most half the jatah (6 days), so at
      most 18 days in all;
    - when no annual leave at all was taken in the two previous years, the year's entitlement is
      twice the jatah (24 days);
    - cuti bersama, and the loss of annual leave in a year with cuti besar, are not modelled.
    """
    used = _tahunan_per_tahun(pegawai, exclude_id)
    jatah = pegawai.jatah_cuti if _berhak_tahunan(pegawai, tahun) else 0

    def taken(year: int) -> int:
        return used.get((year, CUTI_DISETUJUI), 0)

    bawaan = 0
    if jatah and _berhak_tahunan(pegawai, tahun - 1):
        if (_berhak_tahunan(pegawai, tahun - 2) and taken(tahun - 1) == 0
                and taken(tahun - 2) == 0):
            bawaan = pegawai.jatah_cuti
        else:
            bawaan = min(max(pegawai.jatah_cuti - taken(tahun - 1), 0), pegawai.jatah_cuti // 2)
    return SisaCuti(tahun, jatah, bawaan, taken(tahun), used.get((tahun, CUTI_DIAJUKAN), 0))


@dataclass(frozen=True)
class CutiInput:
    pegawai: Pegawai
    jenis: str
    mulai: dt.date | str | None
    selesai: dt.date | str | None
    alasan: str = ""


def tenggat_pengajuan(mulai: dt.date) -> dt.date:
    """The last day to hand in the request: the cuti SOP's "2 minggu sebelum cuti"."""
    return sop_deadline(SOP_CUTI).due_date(mulai)


def diajukan_terlambat(cuti: Cuti) -> bool:
    """True when the request came in later than the SOP's lead time before the leave."""
    return cuti.dibuat_pada.date() > tenggat_pengajuan(cuti.mulai)


def _validate_cuti(data: CutiInput, today: dt.date, exclude_id: int | None = None) -> dict:
    check = Checker()
    pegawai = data.pegawai
    if not pegawai.aktif:
        check.fail("pegawai", f"{pegawai.nama} sudah tidak aktif.")
    if data.jenis not in JENIS_CUTI:
        check.fail("jenis", f"Jenis cuti \u201c{data.jenis}\u201d tidak dikenal; pilih "
                            + ", ".join(JENIS_CUTI) + ".")
    mulai = check.date("mulai", "Tanggal mulai", data.mulai)
    selesai = check.date("selesai", "Tanggal selesai", data.selesai)
    alasan = check.text("alasan", "Alasan cuti", data.alasan, 500,
                        required=data.jenis in ("alasan_penting", "luar_tanggungan"))
    hari = 0
    if mulai and selesai:
        if selesai < mulai:
            check.fail("selesai", "Tanggal selesai tidak boleh sebelum tanggal mulai.")
        else:
            hari = hari_kerja(mulai, selesai)
            if hari == 0:
                check.fail("selesai", "Rentang tanggal itu tidak memuat satu hari kerja pun.")
            limit = _MAX_HARI_KALENDER.get(data.jenis)
            if limit and (selesai - mulai).days + 1 > limit:
                check.fail("selesai", f"{JENIS_CUTI[data.jenis]} paling lama {limit} hari "
                                      "kalender.")
            if data.jenis == "tahunan" and selesai.year != mulai.year:
                check.fail("selesai", "Cuti tahunan tidak boleh melewati pergantian tahun; "
                                      "ajukan dua permohonan, satu per tahun.")
            if data.jenis == "melahirkan" and pegawai.jenis_kelamin != "P":
                check.fail("jenis", "Cuti melahirkan untuk pegawai perempuan; suami memakai "
                                    "cuti karena alasan penting.")
            years = _MASA_KERJA_TAHUN.get(data.jenis)
            if years and _ulang_tahun(pegawai.tmt_cpns, years) > mulai:
                check.fail("jenis", f"{JENIS_CUTI[data.jenis]} baru boleh setelah {years} "
                                    f"tahun bekerja (TMT CPNS {format_tanggal(pegawai.tmt_cpns)}).")
            overlap = (Cuti.select().where(
                (Cuti.pegawai == pegawai.id) & Cuti.status.in_(_CUTI_AKTIF)
                & (Cuti.mulai <= selesai) & (Cuti.selesai >= mulai)))
            if exclude_id is not None:
                overlap = overlap.where(Cuti.id != exclude_id)
            other = overlap.first()
            if other is not None:
                check.fail("mulai", f"Bertumpuk dengan {JENIS_CUTI[other.jenis].lower()} "
                                    f"{format_tanggal(other.mulai)} s.d. "
                                    f"{format_tanggal(other.selesai)}.")
    check.raise_if_any()
    assert mulai is not None and selesai is not None
    if data.jenis == "tahunan":
        _check_sisa(pegawai, mulai.year, hari, exclude_id)
    return {"jenis": data.jenis, "mulai": mulai, "selesai": selesai, "hari": hari,
            "alasan": alasan, "tahun": mulai.year}


def _check_sisa(pegawai: Pegawai, tahun: int, hari: int, exclude_id: int | None) -> SisaCuti:
    """The decision step of the cuti SOP: is there enough annual leave left?"""
    sisa = sisa_cuti(pegawai, tahun, exclude_id=exclude_id)
    if hari > sisa.sisa:
        raise ValidationError({"hari": f"Sisa cuti tidak cukup: diminta {hari} hari kerja, "
                                       f"{sisa.describe().lower()}."})
    return sisa


def _langkah(cuti: Cuti, no: int, oleh: str, pada: dt.datetime, catatan: str) -> None:
    registers.record_step(JENIS_LANGKAH_CUTI, cuti.id, SOP_CUTI, no, oleh, pada, catatan)


def ajukan_cuti(data: CutiInput, now: dt.datetime | None = None) -> Cuti:
    """Record a leave request in the Buku Cuti (SOP steps 1 and 2: the request, then the
    Kasubag's check of the sisa cuti); a request the sisa does not cover is refused."""
    actor = session.require("cuti.ajukan")
    now = registers.now_seconds(now)
    values = _validate_cuti(data, now.date())
    with db.atomic():
        cuti = registers.register(
            Cuti, f"Cuti {data.pegawai.nama} diajukan ({values['hari']} hari kerja)", now,
            pegawai=data.pegawai, status=CUTI_DIAJUKAN, status_alasan="",
            dibuat_oleh=actor.label, **values)
        _langkah(cuti, 1, data.pegawai.nama, now,
                 f"{JENIS_CUTI[cuti.jenis]} {format_tanggal(cuti.mulai)} s.d. "
                 f"{format_tanggal(cuti.selesai)} ({cuti.hari} hari kerja)")
        if cuti.jenis == "tahunan":
            sisa = sisa_cuti(data.pegawai, cuti.tahun, exclude_id=cuti.id)
            _langkah(cuti, 2, actor.label, now, f"{sisa.describe()}: cukup")
    return cuti


def putuskan_cuti(cuti: Cuti, setuju: bool, alasan: str = "",
                  now: dt.datetime | None = None) -> Cuti:
    """Approve or refuse (with the reason) a leave request. Approval checks the sisa again:
    another request may have been approved since this one was handed in."""
    actor = session.require("cuti.putuskan")
    now = registers.now_seconds(now)
    check = Checker()
    reason = check.text("alasan", "Alasan penolakan", alasan, 500, required=not setuju)
    if cuti.status != CUTI_DIAJUKAN:
        check.fail("status", f"Cuti ini sudah {CUTI_STATUS_LABELS[cuti.status].lower()}.")
    check.raise_if_any()
    if setuju and cuti.jenis == "tahunan":
        _check_sisa(cuti.pegawai, cuti.tahun, cuti.hari, exclude_id=cuti.id)
    status = CUTI_DISETUJUI if setuju else CUTI_DITOLAK
    with db.atomic():
        registers.update(cuti, {"status": status, "status_alasan": reason},
                         f"Cuti {cuti.pegawai.nama} "
                         + ("disetujui" if setuju else f"ditolak: {reason}"),
                         stale=_STALE_CUTI, now=now)
        _langkah(cuti, 5, actor.label, now,
                 "Disetujui" if setuju else f"Ditolak: {reason}")
    return cuti


def batalkan_cuti(cuti: Cuti, alasan: str, now: dt.datetime | None = None) -> Cuti:
    """Void a leave record (never deleted); its days return to the sisa."""
    closed = cuti.status in (CUTI_DIBATALKAN, CUTI_DITOLAK)
    registers.void(cuti, alasan, f"Cuti {cuti.pegawai.nama}", permission="cuti.ajukan",
                   stale=_STALE_CUTI, now=now,
                   refusal=(f"Cuti ini sudah {CUTI_STATUS_LABELS[cuti.status].lower()}."
                            if closed else None))
    return cuti


def query_cuti(tahun: int | None = None, pegawai: Pegawai | None = None,
               status: str | None = None, teks: str = "") -> peewee.ModelSelect:
    """Buku Cuti rows with their pegawai, newest leave first."""
    query = Cuti.select(Cuti, Pegawai).join(Pegawai)
    if tahun:
        query = query.where(Cuti.tahun == tahun)
    if pegawai is not None:
        query = query.where(Cuti.pegawai == pegawai.id)
    if status:
        query = query.where(Cuti.status == status)
    for word in teks.split():
        query = query.where(Pegawai.nama.contains(word) | Pegawai.nip.contains(word))
    return query.order_by(Cuti.mulai.desc(), Cuti.id.desc())
