"""The Surat Pengantar register: covering letters the office sends with documents (e.g. the
berkas of a kenaikan pangkat to BKD), each with its items table and signer. No widgets.

Numbering decision: a surat pengantar is an outgoing letter, so it takes its nomor urut from the
same counter as the Agenda Surat Keluar (`surat_keluar.COUNTER_KELUAR`) and its nomor from the
same template. No two outgoing papers of the office ever carry the same nomor; a gap in the
surat keluar sequence is a surat pengantar, found in this register by its nomor.

Records are never deleted: a wrong one is voided with a reason and keeps its number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import peewee

from jogoroto_desktop import session
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers.surat import DIBATALKAN, EARLIEST_YEAR, klasifikasi_table
from jogoroto_desktop.registers.surat_keluar import next_nomor_keluar
from jogoroto_desktop.validation import Checker, ValidationError, refuse_non_ascii_digits
from models import Pejabat, SuratPengantar, SuratPengantarItem, db

AKTIF = "aktif"
STATUS_LABELS = {AKTIF: "Aktif", DIBATALKAN: "Dibatalkan"}
#: The classification used when none is given: 000 Umum (the template may contain {kode}).
DEFAULT_KLASIFIKASI = "000"
MAX_KEPADA = 300
MAX_DI = 100
MAX_SUMBER = 100
MAX_JENIS = 300
MAX_BANYAKNYA = 60
MAX_KETERANGAN = 300
MAX_ITEMS = 60
MAX_ALASAN = 500


@dataclass(frozen=True)
class ItemInput:
    """One row of the items table: what is sent, how many, a remark."""

    jenis: str
    banyaknya: str
    keterangan: str = ""

    @property
    def blank(self) -> bool:
        return not any(v.strip() for v in (self.jenis, self.banyaknya, self.keterangan))


@dataclass(frozen=True)
class SuratPengantarInput:
    kepada: str
    tanggal: dt.date | None  # None: today
    items: Sequence[ItemInput]
    di: str = ""
    klasifikasi: str = ""  # empty: DEFAULT_KLASIFIKASI
    penandatangan_jabatan: str = "Camat"
    sumber: str = ""  # the register that made it, e.g. "pegawai:12:pensiun"


def validate_surat_pengantar(data: SuratPengantarInput,
                             today: dt.date | None = None) -> dict:
    """The cleaned fields (with `items` as tuples and `penandatangan` as a Pejabat), or
    ValidationError listing every problem. Rows left entirely empty are ignored."""
    today = today or dt.date.today()
    check = Checker()
    values: dict = {
        "kepada": check.text("kepada", "Kepada (tujuan)", data.kepada, MAX_KEPADA),
        "di": check.text("di", "Tempat tujuan (di)", data.di, MAX_DI, required=False),
        "sumber": check.text("sumber", "Sumber", data.sumber, MAX_SUMBER, required=False),
    }
    kode = (data.klasifikasi or "").strip() or DEFAULT_KLASIFIKASI
    if kode not in klasifikasi_table():
        check.fail("klasifikasi", f"Kode klasifikasi \u201c{kode}\u201d tidak ada di tabel "
                                  "klasifikasi arsip.")
    values["klasifikasi"] = kode

    tanggal = check.date("tanggal", "Tanggal surat", data.tanggal or today)
    if tanggal is not None and tanggal > today:
        check.fail("tanggal", "Tanggal surat tidak boleh sesudah hari ini.")
    elif tanggal is not None and tanggal.year < EARLIEST_YEAR:
        check.fail("tanggal", f"Tanggal surat tahun {tanggal.year} tidak masuk akal.")
    values["tanggal"] = tanggal

    jabatan = " ".join((data.penandatangan_jabatan or "").split())
    signer = Pejabat.get_or_none(Pejabat.jabatan == jabatan) if jabatan else None
    if not jabatan:
        check.fail("penandatangan", "Penandatangan wajib dipilih.")
    elif signer is None:
        check.fail("penandatangan", f"Jabatan \u201c{jabatan}\u201d tidak ada di daftar "
                                    "pejabat (Pengaturan > Pejabat).")
    elif not signer.aktif:
        check.fail("penandatangan", f"Pejabat {jabatan} tidak aktif; pilih pejabat lain.")
    values["penandatangan"] = signer

    rows = [item for item in data.items if not item.blank]
    row_problems: list[str] = []
    items: list[tuple[str, str, str]] = []
    for number, item in enumerate(rows, 1):
        row = Checker()
        jenis = row.text("jenis", "Jenis yang dikirim", item.jenis, MAX_JENIS)
        banyaknya = row.text("banyaknya", "Banyaknya", item.banyaknya, MAX_BANYAKNYA)
        keterangan = row.text("keterangan", "Keterangan", item.keterangan, MAX_KETERANGAN,
                              required=False)
        row_problems += [f"Baris {number}: {text}" for text in row.problems.values()]
        items.append((jenis, banyaknya, keterangan))
    if not rows:
        check.fail("items", "Isi paling sedikit satu barang yang dikirim (jenis dan "
                            "banyaknya).")
    elif len(rows) > MAX_ITEMS:
        check.fail("items", f"Terlalu banyak baris ({len(rows)}); paling banyak {MAX_ITEMS} "
                            "per surat pengantar.")
    elif row_problems:
        check.fail("items", "\n".join(row_problems))
    check.raise_if_any()
    values["items"] = items
    return values


def buat_surat_pengantar(data: SuratPengantarInput,
                         today: dt.date | None = None) -> SuratPengantar:
    """Register a surat pengantar with its items and give it the next outgoing nomor of its
    year (the counter of the Agenda Surat Keluar); audited. Nothing is written when anything
    is wrong."""
    actor = session.require("agenda.nomor")
    now = registers.now_seconds()
    values = validate_surat_pengantar(data, today=today or now.date())
    tanggal: dt.date = values["tanggal"]
    items = values.pop("items")
    with db.atomic():
        urut, nomor = next_nomor_keluar(values["klasifikasi"], tanggal)
        try:
            with db.atomic():
                sp = registers.register(
                    SuratPengantar, f"Surat pengantar {nomor} kepada {values['kepada']}", now,
                    audit_extra={"items": [list(item) for item in items]},
                    tahun=tanggal.year, urut=urut, nomor=nomor, status=AKTIF,
                    dibuat_oleh=actor.label, **values)
        except peewee.IntegrityError:
            raise ValidationError({"nomor": f"Nomor {nomor} sudah dipakai; periksa template "
                                            "nomor di Pengaturan."}) from None
        SuratPengantarItem.insert_many(
            [{"surat_pengantar": sp.id, "urutan": index, "jenis": jenis,
              "banyaknya": banyaknya, "keterangan": keterangan}
             for index, (jenis, banyaknya, keterangan) in enumerate(items, 1)]).execute()
    return sp


def batalkan_surat_pengantar(sp: SuratPengantar, alasan: str) -> SuratPengantar:
    """Void a surat pengantar with a reason; it keeps its nomor and stays in the register.
    Refused when another PC changed it since it was read (version check)."""
    registers.void(sp, alasan, f"Surat pengantar {sp.nomor}", permission="agenda.batal",
                   stale=registers.stale_message("Surat pengantar ini"),
                   refusal=("Surat pengantar ini sudah dibatalkan." if sp.status == DIBATALKAN
                            else None), max_alasan=MAX_ALASAN)
    return sp


def query_surat_pengantar(tahun: int | None = None, text: str = "") -> peewee.ModelSelect:
    """Surat pengantar, newest first. Every word of `text` must match kepada, di, nomor, the
    jenis of an item, or the nomor urut (also written "12/2026")."""
    sp = SuratPengantar
    query = sp.select()
    if tahun:
        query = query.where(sp.tahun == tahun)
    for word in text.split():
        in_items = (SuratPengantarItem.select(SuratPengantarItem.surat_pengantar)
                    .where(SuratPengantarItem.jenis.contains(word)))
        condition = (sp.kepada.contains(word) | sp.di.contains(word) | sp.nomor.contains(word)
                     | sp.id.in_(in_items))
        number = registers.number_condition(word, sp.urut, sp.tahun)
        query = query.where(condition if number is None else condition | number)
    return query.order_by(sp.tahun.desc(), sp.urut.desc(), sp.id.desc())


def query_pengantar_rows(tahun: int | None = None, text: str = "") -> peewee.ModelSelect:
    """`query_surat_pengantar`'s rows as the register table shows them: id, nomor, tanggal,
    kepada, di, the penandatangan's jabatan, status."""
    sp = SuratPengantar
    return (query_surat_pengantar(tahun, text)
            .select(sp.id, sp.nomor, sp.tanggal, sp.kepada, sp.di, Pejabat.jabatan, sp.status)
            .join(Pejabat, on=(sp.penandatangan == Pejabat.id)))


def items_of(sp: SuratPengantar) -> list[SuratPengantarItem]:
    return list(SuratPengantarItem.select()
                .where(SuratPengantarItem.surat_pengantar == sp.id)
                .order_by(SuratPengantarItem.urutan))


def find_surat_pengantar(key: str, year: int | None = None) -> SuratPengantar | None:
    """A surat pengantar by its nomor as printed ("000/12/415.67/2026") or its nomor urut
    ("12/2026", or "12" with `year`, default this year)."""
    refuse_non_ascii_digits("nomor", "Nomor surat pengantar", key)
    text = key.strip()
    urut = registers.NUMBER_WORD.fullmatch(text)
    if urut:
        tahun = int(urut.group(2) or year or dt.date.today().year)
        return SuratPengantar.get_or_none((SuratPengantar.tahun == tahun)
                                          & (SuratPengantar.urut == int(urut.group(1))))
    return SuratPengantar.get_or_none(SuratPengantar.nomor == text)
