"""The citizens' satisfaction survey (Survei Kepuasan Masyarakat, IKM) of PermenPAN-RB 14/2017.

Every collected service request (taken at the Buku Pengambilan, status ``diambil``) may get one
response: the nine elements U1-U9 scored 1-4, an optional respondent profile and a comment,
entered at the loket, typed in later from a printed slip, or answered by the citizen at the
kiosk. A response is voided with a reason, never deleted; a voided one frees its request for a
new response.

The index (Indeks Kepuasan Masyarakat) of a set of responses::

    IKM = (sum over the nine elements of the element's average score) / 9 x 25

shown with two decimals (rounded half up), graded A 88,31-100 (Sangat Baik), B 76,61-88,30
(Baik), C 65,00-76,60 (Kurang Baik), D 25,00-64,99 (Tidak Baik); the grade is read from the
two-decimal value. Every response has all nine scores, so the sum of the averages equals the
sum of all scores over the number of responses, and the index is computed exactly (fractions)
from the sums the database returns: no float error moves a value across a grade boundary.

Aggregation is done by the database (``GROUP BY`` on the service, the month, each profile
field); Python only combines the few group rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import peewee

from jogoroto_desktop import session
from jogoroto_desktop.dates import format_waktu_tanggal
from jogoroto_desktop.ikm_kuesioner import (
    JUMLAH_UNSUR,
    MAX_KOMENTAR,
    NILAI_LABELS,
    NILAI_MAKS,
    NILAI_MIN,
    OLEH_KIOS,
    PROFIL,
    SUMBER_KIOS,
    SUMBER_LABELS,
    SUMBER_LOKET,
    SUMBER_SLIP,
    TIDAK_DIISI,
    UNSUR,
    Unsur,
)
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.sop.catalog import SEKSI, SEKSI_BY_ID
from jogoroto_desktop.validation import Checker, ValidationError
from models import IkmRespons, Permohonan, db

__all__ = ["JUMLAH_UNSUR", "NILAI_LABELS", "OLEH_KIOS", "PROFIL", "SUMBER_KIOS", "SUMBER_LABELS",
           "SUMBER_LOKET", "SUMBER_SLIP", "TIDAK_DIISI", "UNSUR", "Unsur"]


#: The grades: (lowest two-decimal IKM, mutu, kinerja unit pelayanan).
MUTU: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)
MUTU_LABELS: dict[str, str] = {kode: label for _, kode, label in MUTU}
_DUA_DESIMAL = Decimal("0.01")

_SCORE_FIELDS: tuple[peewee.Field, ...] = tuple(
    getattr(IkmRespons, f"u{n}") for n in range(1, JUMLAH_UNSUR + 1))


# --- the formula -------------------------------------------------------------------------

def bulatkan(value: Fraction | Decimal | float) -> Decimal:
    """A value with two decimals, rounded half up (as the report prints it)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value)).quantize(_DUA_DESIMAL, rounding=ROUND_HALF_UP)


def mutu(ikm: Fraction | Decimal | float) -> tuple[str, str]:
    """(mutu, kinerja) of an IKM value, read from its two-decimal form: 88.31 -> ("A",
    "Sangat Baik"), 88.30 -> ("B", "Baik"). Below 25 (impossible with scores 1-4) is D too."""
    value = bulatkan(ikm)
    for lowest, kode, label in MUTU:
        if value >= lowest:
            return kode, label
    return "D", MUTU_LABELS["D"]


def format_ikm(value: float | Decimal | None, decimals: int = 2) -> str:
    """A value as people read it: "78,70" (decimal comma); "-" for None."""
    if value is None:
        return "-"
    return f"{float(value):.{decimals}f}".replace(".", ",")


def hitung_ikm(jumlah_nilai: Sequence[int], responden: int) -> Fraction | None:
    """IKM from the nine elements' score sums over ``responden`` responses (exact); None for
    no responses."""
    if responden <= 0:
        return None
    averages = [Fraction(int(total), responden) for total in jumlah_nilai]
    return sum(averages, Fraction(0)) / JUMLAH_UNSUR * 25


# --- results -----------------------------------------------------------------------------

@dataclass(frozen=True)
class NilaiUnsur:
    """One element in a rekap: the sum of its scores over ``responden`` responses, its
    average (NRR per unsur), weighted average (NRR x 1/9) and own index (average x 25)."""
    kode: str
    nama: str
    jumlah: int
    responden: int

    @property
    def rata_rata(self) -> float:
        return self.jumlah / self.responden if self.responden else 0.0

    @property
    def nrr_tertimbang(self) -> float:
        return self.rata_rata / JUMLAH_UNSUR

    @property
    def ikm(self) -> float:
        return float(bulatkan(Fraction(self.jumlah * 25, max(self.responden, 1))))

    @property
    def mutu(self) -> str:
        """The element's own grade ("" without responses)."""
        return mutu(self.ikm)[0] if self.responden else ""


@dataclass(frozen=True)
class BagianIkm:
    """The IKM of one service or one seksi."""
    kode: str  # sop id or seksi id
    nama: str
    responden: int
    ikm: float | None
    mutu: str
    kinerja: str
    unsur: tuple[float, ...]  # the nine averages (empty with no responses)


@dataclass(frozen=True)
class KomentarIkm:
    diisi_pada: dt.datetime
    nomor_register: str
    layanan: str
    komentar: str


@dataclass(frozen=True)
class RekapIkm:
    dari: dt.date
    sampai: dt.date
    layanan: str | None  # the filter: a sop id
    seksi: str | None  # the filter: a seksi id
    responden: int
    ikm: float | None  # two decimals; None when nobody answered
    mutu: str  # "A".."D"; "" without responses
    kinerja: str  # "Sangat Baik".."Tidak Baik"; "" without responses
    unsur: tuple[NilaiUnsur, ...]
    profil: dict[str, dict[str, int]]  # field -> {option label: count}, "Tidak diisi" too
    komentar: tuple[KomentarIkm, ...]
    per_layanan: tuple[BagianIkm, ...]
    per_seksi: tuple[BagianIkm, ...]
    dibuat_pada: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(
        microsecond=0))

    @property
    def judul(self) -> str:
        from jogoroto_desktop.dates import format_tanggal
        return f"{format_tanggal(self.dari)} s.d. {format_tanggal(self.sampai)}"

    @property
    def cakupan(self) -> str:
        """What the rekap covers, in words: the service, the seksi, or the kecamatan."""
        if self.layanan:
            sop = ly.get_sop(self.layanan)
            return sop.name
        if self.seksi:
            return _nama_seksi(self.seksi)
        return "Seluruh layanan kecamatan"

    def to_dict(self) -> dict[str, Any]:
        """As ``ikm rekap --json`` writes it."""
        def bagian(rows: Iterable[BagianIkm]) -> list[dict[str, Any]]:
            return [{"kode": b.kode, "nama": b.nama, "responden": b.responden, "ikm": b.ikm,
                     "mutu": b.mutu, "kinerja": b.kinerja, "unsur": list(b.unsur)}
                    for b in rows]

        return {
            "dari": self.dari.isoformat(), "sampai": self.sampai.isoformat(),
            "layanan": self.layanan, "seksi": self.seksi,
            "ikm": self.ikm, "mutu": self.mutu, "kinerja": self.kinerja,
            "responden": self.responden,
            "unsur": {u.kode: round(u.rata_rata, 4) for u in self.unsur},
            "unsur_rinci": [{"kode": u.kode, "nama": u.nama, "rata_rata": round(u.rata_rata, 4),
                             "nrr_tertimbang": round(u.nrr_tertimbang, 4)} for u in self.unsur],
            "profil": self.profil,
            "komentar": [{"diisi_pada": k.diisi_pada.isoformat(sep=" "),
                          "nomor_register": k.nomor_register, "layanan": k.layanan,
                          "komentar": k.komentar} for k in self.komentar],
            "per_layanan": bagian(self.per_layanan),
            "per_seksi": bagian(self.per_seksi),
        }


@dataclass(frozen=True)
class IkmBulan:
    """One month of a chart: IKM and the nine averages."""
    tahun: int
    bulan: int
    responden: int
    ikm: float
    mutu: str
    unsur: tuple[float, ...]


# --- entering ----------------------------------------------------------------------------

def _nama_seksi(seksi_id: str) -> str:
    name = SEKSI_BY_ID[seksi_id].name
    return name if seksi_id == "sekretariat" else f"Seksi {name}"


def periksa_nilai(nilai: Sequence[Any]) -> tuple[int, ...]:
    """The nine scores as integers 1-4, or ValidationError naming ``nilai``."""
    values = list(nilai)
    if len(values) != JUMLAH_UNSUR:
        raise ValidationError({"nilai": f"Nilai survei harus tepat {JUMLAH_UNSUR} (U1-U9), "
                                        f"bukan {len(values)}."})
    scores = []
    for unsur, value in zip(UNSUR, values, strict=True):
        score = value
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            score = int(value.strip())
        if isinstance(score, bool) or not isinstance(score, int) \
                or not NILAI_MIN <= score <= NILAI_MAKS:
            raise ValidationError({"nilai": (
                f"Nilai {unsur.kode} ({unsur.nama}) harus 1, 2, 3 atau 4, bukan "
                f"\u201c{value}\u201d.")})
        scores.append(score)
    return tuple(scores)


def parse_nilai(text: str) -> tuple[int, ...]:
    """"4,3,4,4,3,4,4,3,4" (commas or spaces) -> the nine scores, checked."""
    parts = [p for p in text.replace(",", " ").split()]
    return periksa_nilai(parts)


def respons_aktif(permohonan_id: int) -> IkmRespons | None:
    """The request's valid (not voided) response, if any."""
    return IkmRespons.get_or_none((IkmRespons.permohonan == permohonan_id)
                                  & (IkmRespons.status != registers.DIBATALKAN))


def alasan_tidak_bisa(permohonan: Permohonan) -> str | None:
    """Why this request cannot get a response now (None when it can)."""
    nomor = ly.nomor_register(permohonan)
    if permohonan.status == ly.DIBATALKAN:
        return f"Permohonan {nomor} sudah dibatalkan; survei tidak bisa diisi."
    if permohonan.status != ly.DIAMBIL:
        return (f"Permohonan {nomor} belum diambil (status "
                f"{ly.STATUS_LABELS.get(permohonan.status, permohonan.status)}); survei diisi "
                "sesudah hasil layanan diambil di Buku Pengambilan.")
    existing = respons_aktif(permohonan.id)
    if existing is not None:
        return (f"Permohonan {nomor} sudah punya jawaban survei (diisi "
                f"{format_waktu_tanggal(existing.diisi_pada)}); satu permohonan satu jawaban.")
    return None


def tambah_respons(permohonan_id: int, nilai: Sequence[int], *,
                   jenis_kelamin: str = "", kelompok_umur: str = "", pendidikan: str = "",
                   pekerjaan: str = "", komentar: str = "", sumber: str = SUMBER_LOKET,
                   now: dt.datetime | None = None) -> int:
    """Record a survey response on a collected request; returns its id.

    Staff entering it (``sumber`` loket or slip) need the permission to record layanan steps;
    a kiosk answer (``sumber="kiosk"``) is the citizen's own and needs no login: it is written
    by :data:`OLEH_KIOS`. Refused with ValidationError naming the field, nothing written:
    scores not nine or outside 1-4, an unknown profile option, a request voided, not yet
    collected, or already answered."""
    if sumber not in SUMBER_LABELS:
        raise ValidationError({"sumber": f"Sumber \u201c{sumber}\u201d tidak dikenal; pilih "
                                         f"{', '.join(SUMBER_LABELS)}."})
    oleh = OLEH_KIOS if sumber == SUMBER_KIOS else session.require("layanan.proses").label
    now = registers.now_seconds(now)
    scores = periksa_nilai(nilai)
    check = Checker()
    profil = {"jenis_kelamin": jenis_kelamin, "kelompok_umur": kelompok_umur,
              "pendidikan": pendidikan, "pekerjaan": pekerjaan}
    for name, value in profil.items():
        label, options = PROFIL[name]
        if value and value not in options:
            check.fail(name, f"{label} \u201c{value}\u201d tidak ada di pilihan: "
                             f"{', '.join(options)}.")
    note = check.text("komentar", "Komentar", komentar, MAX_KOMENTAR, required=False)
    check.raise_if_any()
    with db.atomic():
        permohonan = Permohonan.get_or_none(Permohonan.id == permohonan_id)
        if permohonan is None:
            raise ValidationError({"permohonan": f"Permohonan {permohonan_id} tidak ada."})
        refused = alasan_tidak_bisa(permohonan)
        if refused:
            raise ValidationError({"permohonan": refused})
        ikm = bulatkan(hitung_ikm(scores, 1))
        try:
            with db.atomic():  # the partial unique index settles a race between two PCs
                respons = registers.register(
                    IkmRespons, f"Survei kepuasan {ly.nomor_register(permohonan)} "
                                f"(nilai {','.join(map(str, scores))}; IKM {ikm})", now,
                    oleh=oleh, permohonan=permohonan.id, sop_id=permohonan.sop_id,
                    diisi_pada=now, **{f"u{n}": s for n, s in enumerate(scores, 1)},
                    komentar=note, sumber=sumber, status="aktif", dibuat_oleh=oleh, **profil)
        except peewee.IntegrityError:
            raise ValidationError({"permohonan": (
                f"Permohonan {ly.nomor_register(permohonan)} sudah punya jawaban survei; "
                "satu permohonan satu jawaban.")}) from None
    return int(respons.id)


def batalkan_respons(respons: IkmRespons, alasan: str, now: dt.datetime | None = None) -> None:
    """Void a response (mistyped, a test) with a reason; the request may be answered again."""
    refusal = "Jawaban survei ini sudah dibatalkan." \
        if respons.status == registers.DIBATALKAN else None
    permohonan = Permohonan.get_by_id(respons.permohonan_id)
    registers.void(respons, alasan, f"Survei kepuasan {ly.nomor_register(permohonan)}",
                   permission="layanan.batal",
                   stale=registers.stale_message("Jawaban survei ini"), refusal=refusal,
                   now=now)


def cari_permohonan_survei(kunci: str) -> Permohonan | None:
    """The request a survey is for: its register number (``legalisir/12/2026``), its id, or
    the payload scanned from the QR of a survey slip or tanda terima (signature checked)."""
    text = kunci.strip()
    from jogoroto_desktop import qr

    if qr.looks_like_payload(text):
        return _permohonan_dari_qr(text)
    return ly.cari_permohonan(text)


def _permohonan_dari_qr(payload: str) -> Permohonan:
    """The request a scanned code names: the request's own code (kind TT, as on its tanda
    terima and survey slip), signature checked; ValidationError naming ``kunci`` otherwise."""
    from jogoroto_desktop.qr import PayloadError
    from jogoroto_desktop.verification import verify_document

    try:
        found = verify_document(payload)
    except PayloadError as exc:
        raise ValidationError({"kunci": str(exc)}) from None
    if found.ref.kind != "TT" or found.record_id is None:
        raise ValidationError({"kunci": f"Kode ini milik {found.ref.label}, bukan permohonan "
                                        "layanan."})
    return Permohonan.get_by_id(found.record_id)


# --- reading -----------------------------------------------------------------------------

def _periode(dari: dt.date, sampai: dt.date) -> tuple[dt.datetime, dt.datetime]:
    if sampai < dari:
        raise ValidationError({"sampai": (
            f"Akhir periode ({sampai:%d-%m-%Y}) tidak boleh sebelum awalnya "
            f"({dari:%d-%m-%Y}).")})
    return (dt.datetime.combine(dari, dt.time()),
            dt.datetime.combine(sampai + dt.timedelta(days=1), dt.time()))


def _sop_ids(layanan: str | None, seksi: str | None) -> tuple[str, ...] | None:
    """The services a filter keeps (None: all)."""
    if layanan:
        ly.get_sop(layanan)
        return (layanan,)
    if seksi:
        if seksi not in SEKSI_BY_ID:
            raise ValidationError({"seksi": f"Seksi \u201c{seksi}\u201d tidak dikenal; pilih "
                                            f"{', '.join(SEKSI_BY_ID)}."})
        return tuple(sop.id for sop in ly.layanan_seksi(seksi))
    return None


def _kondisi(dari: dt.date, sampai: dt.date, layanan: str | None,
             seksi: str | None) -> peewee.Expression:
    start, end = _periode(dari, sampai)
    condition = ((IkmRespons.diisi_pada >= start) & (IkmRespons.diisi_pada < end)
                 & (IkmRespons.status != registers.DIBATALKAN))
    sop_ids = _sop_ids(layanan, seksi)
    if sop_ids is not None:
        condition &= IkmRespons.sop_id.in_(sop_ids)
    return condition


def _sums() -> list[peewee.Node]:
    return [peewee.fn.COUNT(IkmRespons.id), *(peewee.fn.SUM(f) for f in _SCORE_FIELDS)]


def _bagian(kode: str, nama: str, n: int, sums: Sequence[int]) -> BagianIkm:
    value = hitung_ikm(sums, n)
    if value is None:
        return BagianIkm(kode, nama, 0, None, "", "", ())
    grade, label = mutu(value)
    return BagianIkm(kode, nama, n, float(bulatkan(value)), grade, label,
                     tuple(int(s) / n for s in sums))


def rekap_ikm(dari: dt.date, sampai: dt.date, *, layanan: str | None = None,
              seksi: str | None = None, now: dt.datetime | None = None) -> RekapIkm:
    """The IKM of the responses entered from ``dari`` to ``sampai`` (inclusive), for one
    service, one seksi, or the whole kecamatan: the nine averages, the index and grade, the
    respondent profile, the comments, and the breakdown per service and per seksi."""
    condition = _kondisi(dari, sampai, layanan, seksi)
    # One pass over the period's rows: per service the count, the nine score sums and the
    # count of every profile option (a CASE per option instead of a GROUP BY per field).
    options = [(name, code) for name, (_label, choices) in PROFIL.items() for code in choices]
    counted = [peewee.fn.SUM(peewee.Case(None, [(getattr(IkmRespons, name) == code, 1)], 0))
               for name, code in options]
    per_sop: dict[str, tuple[int, list[int]]] = {}
    option_counts = dict.fromkeys(options, 0)
    for row in (IkmRespons.select(IkmRespons.sop_id, *_sums(), *counted).where(condition)
                .group_by(IkmRespons.sop_id).tuples()):
        per_sop[row[0]] = (int(row[1]), [int(v or 0) for v in row[2:2 + JUMLAH_UNSUR]])
        for key, value in zip(options, row[2 + JUMLAH_UNSUR:], strict=True):
            option_counts[key] += int(value or 0)
    total_n = sum(n for n, _ in per_sop.values())
    totals = [sum(sums[i] for _, sums in per_sop.values()) for i in range(JUMLAH_UNSUR)]
    services: list[BagianIkm] = []
    seksi_sums: dict[str, tuple[int, list[int]]] = {}
    for sop in ly.layanan_sops():
        if sop.id not in per_sop:
            continue
        n, sums = per_sop.pop(sop.id)
        services.append(_bagian(sop.id, sop.name, n, sums))
        before_n, before = seksi_sums.get(sop.seksi, (0, [0] * JUMLAH_UNSUR))
        seksi_sums[sop.seksi] = (before_n + n, [a + b for a, b in zip(before, sums, strict=True)])
    for sop_id, (n, sums) in sorted(per_sop.items()):  # services no longer in the catalog
        services.append(_bagian(sop_id, sop_id, n, sums))
    seksi_rows = tuple(_bagian(s.id, _nama_seksi(s.id), *seksi_sums[s.id])
                       for s in SEKSI if s.id in seksi_sums)
    value = hitung_ikm(totals, total_n)
    grade, label = mutu(value) if value is not None else ("", "")
    unsur = tuple(NilaiUnsur(u.kode, u.nama, totals[i], total_n) for i, u in enumerate(UNSUR))
    return RekapIkm(dari, sampai, layanan, seksi if not layanan else None, total_n,
                    float(bulatkan(value)) if value is not None else None, grade, label, unsur,
                    _profil(option_counts, total_n), _komentar(condition), tuple(services),
                    seksi_rows,
                    registers.now_seconds(now))


def _profil(option_counts: Mapping[tuple[str, str], int],
            responden: int) -> dict[str, dict[str, int]]:
    """Respondents per option of each profile field, and those who left it out."""
    result: dict[str, dict[str, int]] = {}
    for name, (_, choices) in PROFIL.items():
        counts = {label: option_counts[(name, code)] for code, label in choices.items()}
        counts[TIDAK_DIISI] = responden - sum(counts.values())  # "" (and any unknown code)
        result[name] = counts
    return result


def _komentar(condition: peewee.Expression, limit: int = 500) -> tuple[KomentarIkm, ...]:
    rows = (IkmRespons.select(IkmRespons.diisi_pada, IkmRespons.komentar, IkmRespons.sop_id,
                              Permohonan.nomor, Permohonan.tahun)
            .join(Permohonan, on=(IkmRespons.permohonan == Permohonan.id))
            .where(condition & (IkmRespons.komentar != ""))
            .order_by(IkmRespons.diisi_pada, IkmRespons.id).limit(limit).tuples())
    names = {sop.id: sop.name for sop in ly.layanan_sops()}
    return tuple(KomentarIkm(pada, ly.format_nomor_register(sop_id, nomor, tahun),
                             names.get(sop_id, sop_id), text)
                 for pada, text, sop_id, nomor, tahun in rows)


def _bulan_expr() -> peewee.Node:
    """``YYYY-MM`` of ``diisi_pada`` in the open database's dialect."""
    if isinstance(db.obj, peewee.PostgresqlDatabase):
        return peewee.fn.to_char(IkmRespons.diisi_pada, "YYYY-MM")
    return peewee.fn.strftime("%Y-%m", IkmRespons.diisi_pada)


def ikm_per_bulan(dari: dt.date, sampai: dt.date, *, layanan: str | None = None,
                  seksi: str | None = None) -> list[IkmBulan]:
    """The IKM and the nine averages per calendar month of the period (months without
    responses left out), oldest first: what the charts draw."""
    condition = _kondisi(dari, sampai, layanan, seksi)
    month = _bulan_expr()
    rows = (IkmRespons.select(month, *_sums()).where(condition).group_by(month)
            .order_by(month).tuples())
    result = []
    for key, n, *sums in rows:
        year, mon = (int(part) for part in str(key).split("-"))
        part = _bagian(key, key, int(n), [int(s or 0) for s in sums])
        result.append(IkmBulan(year, mon, part.responden, part.ikm or 0.0, part.mutu,
                               part.unsur))
    return result


def query_respons(dari: dt.date, sampai: dt.date, *, layanan: str | None = None,
                  seksi: str | None = None, dengan_batal: bool = True) -> peewee.ModelSelect:
    """The responses of a period (voided ones too unless told), newest first, with their
    request (for the list on the IKM page)."""
    start, end = _periode(dari, sampai)
    condition = (IkmRespons.diisi_pada >= start) & (IkmRespons.diisi_pada < end)
    if not dengan_batal:
        condition &= IkmRespons.status != registers.DIBATALKAN
    sop_ids = _sop_ids(layanan, seksi)
    if sop_ids is not None:
        condition &= IkmRespons.sop_id.in_(sop_ids)
    return (IkmRespons.select(IkmRespons, Permohonan)
            .join(Permohonan, on=(IkmRespons.permohonan == Permohonan.id))
            .where(condition).order_by(IkmRespons.diisi_pada.desc(), IkmRespons.id.desc()))


def nilai_of(respons: IkmRespons) -> tuple[int, ...]:
    return tuple(getattr(respons, f"u{n}") for n in range(1, JUMLAH_UNSUR + 1))


def profil_teks(respons: IkmRespons) -> str:
    """The respondent profile in words ("Perempuan, 30-39 tahun, SMA/sederajat")."""
    parts = [PROFIL[name][1].get(getattr(respons, name), "") for name in PROFIL]
    return ", ".join(p for p in parts if p) or "-"


def semester_ini(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The current semester (Januari-Juni or Juli-Desember): the page's default period."""
    today = today or dt.date.today()
    if today.month <= 6:
        return dt.date(today.year, 1, 1), dt.date(today.year, 6, 30)
    return dt.date(today.year, 7, 1), dt.date(today.year, 12, 31)


def label_profil(name: str, code: str) -> str:
    return PROFIL[name][1].get(code, TIDAK_DIISI)


def opsi_profil() -> Mapping[str, tuple[str, dict[str, str]]]:
    return PROFIL
