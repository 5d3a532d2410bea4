"""Citizens' service requests (permohonan layanan) at the loket, following each service's SOP.

A request is registered with the pemohon (NIK checked by :mod:`jogoroto_desktop.nik`), the
requirements checklist (the SOP's Kelengkapan of the steps before its verification) and two
numbers issued in the insert's transaction: the register number per service per year
(counter ``layanan:{sop_id}``) and the tanda terima number per year (counter ``tanda_terima``).

Every SOP step done is a ``langkah`` row (``jenis="permohonan"``: who, when, note) and the
request's status follows from where it stands in its SOP:

==================  =====================================================================
``diterima``        registered; the verification (the SOP's first decision) is next
``kurang_lengkap``  the verification said "Tidak": back to the pemohon (reason kept)
``diverifikasi``    the verification said "Ya"; processing
``menunggu_ttd``    the next step is the Camat's signature
``ditandatangani``  signed; the loket registers, archives and prepares the handing over
``siap_diambil``    only the SOP's last step (the pemohon collects) remains
``diambil``         collected: the buku pengambilan row (who, when)
``ditolak``         refused with a reason (final)
``dibatalkan``      voided with a reason (final; never deleted, the numbers stay used)
==================  =====================================================================

A draft SOP (the book lists its name only) has no steps yet; its requests use the minimal flow
``diterima -> diproses -> selesai -> diambil`` until the office details the SOP.

The time standard of a service is the sum of its steps' Waktu durations (the book's deadlines
relative to an event, and unreadable cells, add nothing). ``target_selesai`` is the moment the
request should be ready; it is set at registration and again when a kurang-lengkap request is
completed (the citizen's time away is not the office's delay). A request is late when it is
still being processed after its target, or was made ready after it.

Every change checks the ``versi`` it read (another PC may have changed the request meanwhile),
calls ``session.require`` first and writes its audit row in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee

from jogoroto_desktop import session
from jogoroto_desktop.dates import format_waktu_tanggal
from jogoroto_desktop.nik import NikError, periksa_nik
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers.kernel import StepProgress
from jogoroto_desktop.sop import versions
from jogoroto_desktop.sop.catalog import Sop, default_catalog
from jogoroto_desktop.sop.layanan_katalog import LAYANAN_SOPS
from jogoroto_desktop.sop.waktu import Duration, WaktuError
from jogoroto_desktop.validation import Checker, ValidationError, refuse_non_ascii_digits
from models import Langkah, Permohonan, PermohonanSyarat, db, next_number

JENIS_LANGKAH = "permohonan"
COUNTER_TANDA_TERIMA = "tanda_terima"

DITERIMA = "diterima"
KURANG_LENGKAP = "kurang_lengkap"
DIVERIFIKASI = "diverifikasi"
MENUNGGU_TTD = "menunggu_ttd"
DITANDATANGANI = "ditandatangani"
SIAP_DIAMBIL = "siap_diambil"
DIAMBIL = "diambil"
DITOLAK = "ditolak"
DIBATALKAN = registers.DIBATALKAN
DIPROSES = "diproses"  # minimal flow of a draft SOP
SELESAI = "selesai"  # minimal flow of a draft SOP

STATUS_LABELS: dict[str, str] = {
    DITERIMA: "Diterima",
    KURANG_LENGKAP: "Kurang lengkap",
    DIVERIFIKASI: "Diverifikasi",
    MENUNGGU_TTD: "Menunggu tanda tangan",
    DITANDATANGANI: "Ditandatangani",
    DIPROSES: "Diproses",
    SIAP_DIAMBIL: "Siap diambil",
    SELESAI: "Selesai",
    DIAMBIL: "Diambil",
    DITOLAK: "Ditolak",
    DIBATALKAN: "Dibatalkan",
}

#: The office is working on these: they can be late against the time standard.
DIPROSES_KANTOR: tuple[str, ...] = (DITERIMA, DIVERIFIKASI, MENUNGGU_TTD, DITANDATANGANI,
                                    DIPROSES)
#: Open, not yet ready: the office's statuses plus the ones waiting for the citizen.
DALAM_PROSES: tuple[str, ...] = (*DIPROSES_KANTOR, KURANG_LENGKAP)
SIAP: tuple[str, ...] = (SIAP_DIAMBIL, SELESAI)
TERBUKA: tuple[str, ...] = (*DALAM_PROSES, *SIAP)

#: Which status may follow which (a step that keeps the status, e.g. a second loket step
#: after the verification, is always allowed).
TRANSITIONS: dict[str, frozenset[str]] = {
    DITERIMA: frozenset({DIVERIFIKASI, MENUNGGU_TTD, SIAP_DIAMBIL, KURANG_LENGKAP, DIPROSES,
                         DITOLAK, DIBATALKAN}),
    KURANG_LENGKAP: frozenset({DITERIMA, DITOLAK, DIBATALKAN}),
    DIVERIFIKASI: frozenset({MENUNGGU_TTD, DITANDATANGANI, SIAP_DIAMBIL, DITOLAK, DIBATALKAN}),
    MENUNGGU_TTD: frozenset({DITANDATANGANI, SIAP_DIAMBIL, DITOLAK, DIBATALKAN}),
    DITANDATANGANI: frozenset({SIAP_DIAMBIL, DIBATALKAN}),
    DIPROSES: frozenset({SELESAI, DITOLAK, DIBATALKAN}),
    SIAP_DIAMBIL: frozenset({DIAMBIL, DIBATALKAN}),
    SELESAI: frozenset({DIAMBIL, DIBATALKAN}),
    DIAMBIL: frozenset({DIBATALKAN}),
    DITOLAK: frozenset({DIBATALKAN}),
    DIBATALKAN: frozenset(),
}
assert set(TRANSITIONS) == set(STATUS_LABELS)

#: The minimal flow of a draft SOP, as numbered pseudo-steps.
ALUR_DRAF: tuple[tuple[str, str], ...] = (
    ("Pemohon mengajukan permohonan; petugas loket menerima dan mencatat", "Petugas Loket"),
    ("Permohonan diproses", "Petugas Loket"),
    ("Hasil layanan selesai", "Petugas Loket"),
    ("Pemohon mengambil hasil dengan tanda tangan pada buku pengambilan", "Pemohon"),
)

MAX_NAMA = 200
MAX_ALAMAT = 300
MAX_TEKS = 500
PETUGAS_LOKET = "Petugas Loket"
CAMAT = "Camat"


# --- the services and their SOPs ---------------------------------------------------------

def layanan_sops() -> list[Sop]:
    """The service SOPs of the catalog, in the book's order."""
    catalog = default_catalog()
    return [sop for sop_id in LAYANAN_SOPS if (sop := catalog.get(sop_id)) is not None]


def layanan_seksi(seksi_id: str) -> list[Sop]:
    """The services a seksi runs (empty for a seksi without citizens' services)."""
    return [sop for sop in layanan_sops() if sop.seksi == seksi_id]


def get_sop(sop_id: str) -> Sop:
    """The service's SOP in force today (what a new request follows)."""
    _refuse_non_service(sop_id)
    sop = default_catalog().get(sop_id)
    if sop is None:
        raise ValidationError({"sop_id": f"SOP {sop_id} tidak ada di katalog."})
    return sop


def _refuse_non_service(sop_id: str) -> None:
    if sop_id not in LAYANAN_SOPS:
        raise ValidationError({"sop_id": f"\u201c{sop_id}\u201d bukan SOP layanan. Pilih salah "
                                         f"satu: {', '.join(LAYANAN_SOPS)}."})


def versi_layanan(sop_id: str, pada: dt.date | None = None) -> tuple[int, Sop]:
    """(number, SOP) of the version of the service's SOP in force on ``pada`` (default
    today): the one a request registered that day follows."""
    _refuse_non_service(sop_id)
    number = versions.nomor_berlaku(sop_id, pada)
    if number is None:
        raise ValidationError({"sop_id": f"SOP {sop_id} tidak ada di katalog."})
    return number, versions.isi_versi(sop_id, number)


def sop_permohonan(permohonan: Permohonan) -> Sop:
    """The SOP version the request was registered under: its steps, requirements and time
    standard stay the request's even after a later version comes into force."""
    return versions.isi_versi(permohonan.sop_id, permohonan.sop_versi)


def nama_layanan(permohonan: Permohonan) -> str:
    """The service's name in the request's SOP version (its id when the SOP is unknown, e.g.
    a request of a service the office no longer has): what forms and code checks print."""
    try:
        return sop_permohonan(permohonan).name
    except ValidationError:
        return permohonan.sop_id


def standar_waktu(sop: Sop | str) -> dt.timedelta | None:
    """The time standard of an SOP version (an id: the version in force): the sum of its
    steps' durations; None when it has none."""
    if isinstance(sop, str):
        sop = default_catalog().get(sop)
    total = dt.timedelta(0)
    found = False
    for step in sop.steps if sop else ():
        try:
            standard = step.waktu_standard
        except WaktuError:  # a draft being typed; the checks name the step
            continue
        if isinstance(standard, Duration):
            total += standard.as_timedelta()
            found = True
    return total if found else None


def syarat_sop(sop: Sop) -> list[str]:
    """The requirements checklist: the Kelengkapan of the steps before the verification (the
    SOP's first decision), split at commas, without repeats. A draft SOP has none yet."""
    items: list[str] = []
    seen: set[str] = set()
    for step in sop.steps:
        if step.symbol == "decision":
            break
        for part in step.kelengkapan.split(","):
            item = " ".join(part.split())
            if item and item.casefold() not in seen:
                seen.add(item.casefold())
                items.append(item)
    return items


def _first_decision(sop: Sop) -> int | None:
    return next((s.no for s in sop.steps if s.symbol == "decision"), None)


def _registration_steps(sop: Sop) -> list[int]:
    """Steps registering a request is: the pemohon's submission and the loket's own recording
    steps right after it, up to the verification."""
    if sop.is_draft:
        return [1]
    done = [1]
    for step in sop.steps[1:]:
        if step.symbol == "decision" or step.pelaksana != PETUGAS_LOKET:
            break
        done.append(step.no)
    return done


def _status_before(sop: Sop, next_no: int) -> str:
    """The status of a request whose next step to do is ``next_no`` (detailed SOP)."""
    steps = sop.steps
    if next_no >= len(steps):
        return SIAP_DIAMBIL
    done = steps[:next_no - 1]
    if steps[next_no - 1].pelaksana == CAMAT:
        return MENUNGGU_TTD
    if any(s.pelaksana == CAMAT for s in done):
        return DITANDATANGANI
    if any(s.symbol == "decision" for s in done):
        return DIVERIFIKASI
    return DITERIMA


def jumlah_langkah(sop: Sop) -> int:
    return len(ALUR_DRAF) if sop.is_draft else len(sop.steps)


def nama_langkah(sop: Sop, no: int) -> str:
    if sop.is_draft:
        return ALUR_DRAF[no - 1][0]
    return sop.step(no).kegiatan or "(kegiatan tidak terbaca pada naskah)"


# --- numbers and lookup ------------------------------------------------------------------

def nomor_register(permohonan: Permohonan) -> str:
    """The register number as shown, printed, written and typed: ``legalisir/12/2026``."""
    return format_nomor_register(permohonan.sop_id, permohonan.nomor, permohonan.tahun)


def format_nomor_register(sop_id: str, nomor: int, tahun: int) -> str:
    """The one form of a register number everywhere (screen, print, search): the counter runs
    per service and year, so the number alone ("12/2026") is ambiguous without its service."""
    return f"{sop_id}/{nomor}/{tahun}"


def nomor_tanda_terima(permohonan: Permohonan) -> str:
    """The tanda terima number (one sequence per year over all services; the one in its QR
    code), as printed on the tanda terima: ``TT-27/2026``."""
    return f"TT-{permohonan.nomor_tanda_terima}/{permohonan.tahun}"


_KODE = re.compile(r"([a-z0-9-]+)/([0-9]{1,9})(?:/([0-9]{4}))?")


def cari_permohonan(kunci: str, today: dt.date | None = None) -> Permohonan | None:
    """A request by its register number (``legalisir/12/2026``, ``legalisir/12`` for this
    year) or its database id (digits only, as ``layanan list`` shows it)."""
    refuse_non_ascii_digits("id", "Nomor permohonan", kunci)
    text = kunci.strip().lower()
    if text.isascii() and text.isdigit():
        return Permohonan.get_or_none(Permohonan.id == int(text))
    match = _KODE.fullmatch(text)
    if not match:
        return None
    year = int(match.group(3) or (today or dt.date.today()).year)
    return Permohonan.get_or_none((Permohonan.sop_id == match.group(1))
                                  & (Permohonan.tahun == year)
                                  & (Permohonan.nomor == int(match.group(2))))


def syarat_of(permohonan: Permohonan) -> list[PermohonanSyarat]:
    return list(PermohonanSyarat.select()
                .where(PermohonanSyarat.permohonan == permohonan.id)
                .order_by(PermohonanSyarat.urutan))


def syarat_kurang(permohonan: Permohonan) -> list[str]:
    return [row.syarat for row in syarat_of(permohonan) if not row.ada]


# --- registering -------------------------------------------------------------------------

@dataclass(frozen=True)
class PermohonanInput:
    sop_id: str
    nama: str
    nik: str
    alamat: str
    desa: str = ""
    telepon: str = ""
    keperluan: str = ""
    #: Requirements the pemohon brought: items of the SOP's checklist (matched ignoring case),
    #: and any further item, which is added to this request's checklist as brought.
    syarat_ada: Sequence[str] = field(default_factory=tuple)
    #: Every item of the SOP's checklist was brought.
    semua_syarat_ada: bool = False


def validate_input(data: PermohonanInput, today: dt.date | None = None) -> dict:
    """The cleaned fields of a new request, or ValidationError naming every problem."""
    check = Checker()
    try:
        sop = versi_layanan(data.sop_id, today)[1]
    except ValidationError as exc:
        check.problems.update(exc.problems)
        sop = None
    values = {
        "pemohon_nama": check.text("nama", "Nama pemohon", data.nama, MAX_NAMA),
        "pemohon_alamat": check.text("alamat", "Alamat pemohon", data.alamat, MAX_ALAMAT),
        "pemohon_desa": check.text("desa", "Desa/kelurahan", data.desa, MAX_NAMA,
                                   required=False),
        "telepon": check.text("telepon", "Telepon", data.telepon, 30, required=False),
        "keperluan": check.text("keperluan", "Keperluan", data.keperluan, MAX_TEKS,
                                required=False),
    }
    if values["telepon"] and not re.fullmatch(r"[0-9+() -]{6,30}", values["telepon"]):
        check.fail("telepon", "Nomor telepon hanya boleh angka, spasi, +, - dan tanda kurung.")
    try:
        values["pemohon_nik"] = periksa_nik(data.nik, today).nik
    except NikError as exc:
        check.fail("nik", str(exc))
    checklist: list[tuple[str, bool]] = []
    for item in data.syarat_ada:  # before " ".join(split()), which drops U+0085
        if not check.plain("syarat", "Syarat", item):
            break
    if sop is not None:
        brought = [" ".join(s.split()) for s in data.syarat_ada if s and s.strip()]
        wanted = {s.casefold() for s in brought}
        for item in syarat_sop(sop):
            checklist.append((item, data.semua_syarat_ada or item.casefold() in wanted))
        known = {item.casefold() for item, _ in checklist}
        for item in brought:
            if len(item) > MAX_TEKS:
                check.fail("syarat", f"Syarat terlalu panjang ({len(item)} karakter).")
            elif item.casefold() not in known:
                known.add(item.casefold())
                checklist.append((item, True))
    check.raise_if_any()
    values["sop_id"] = data.sop_id
    values["syarat"] = checklist
    return values


def daftar(data: PermohonanInput, now: dt.datetime | None = None) -> Permohonan:
    """Register a request: numbers, checklist, the registration steps, audit; one transaction."""
    actor = session.require("layanan.daftar")
    now = registers.now_seconds(now)
    values = validate_input(data, now.date())
    checklist = values.pop("syarat")
    number, sop = versi_layanan(values["sop_id"], now.date())
    standard = standar_waktu(sop)
    steps = _registration_steps(sop)
    with db.atomic():
        nomor = next_number(f"layanan:{sop.id}", now.year)
        tanda_terima = next_number(COUNTER_TANDA_TERIMA, now.year)
        permohonan = registers.register(
            Permohonan, f"Permohonan {sop.name} {format_nomor_register(sop.id, nomor, now.year)} "
                        f"atas nama {values['pemohon_nama']}", now,
            tahun=now.year, nomor=nomor, nomor_tanda_terima=tanda_terima,
            diterima_pada=now, langkah_sekarang=steps[-1] + 1, status=DITERIMA,
            status_alasan="", target_selesai=now + standard if standard else None,
            selesai_pada=None, diambil_oleh="", diambil_pada=None, petugas=actor.label,
            dibuat_oleh=actor.label, sop_versi=number, **values,
        )
        if checklist:  # one INSERT for the whole checklist: one round trip, not one per item
            PermohonanSyarat.insert_many([
                {"permohonan": permohonan, "urutan": urutan, "syarat": item, "ada": ada}
                for urutan, (item, ada) in enumerate(checklist, 1)]).execute()
        for no in steps:
            _catat_langkah(permohonan, no, actor.label, now,
                           "Permohonan diterima dan dicatat di buku register" if no == steps[-1]
                           else "Berkas permohonan diserahkan")
    return permohonan


# --- moving along the SOP ----------------------------------------------------------------

def _catat_langkah(permohonan: Permohonan, no: int, oleh: str, pada: dt.datetime,
                   catatan: str) -> None:
    registers.record_step(JENIS_LANGKAH, permohonan.id, permohonan.sop_id, no, oleh, pada,
                          catatan)


def _conflict_message(permohonan: Permohonan) -> str:
    fresh = Permohonan.get_or_none(Permohonan.id == permohonan.id)
    if fresh is None:
        return "Permohonan ini tidak ada lagi di basis data."
    return (f"Permohonan {nomor_register(fresh)} baru saja diubah di komputer lain "
            f"(sekarang: {STATUS_LABELS.get(fresh.status, fresh.status)}, "
            f"{format_waktu_tanggal(fresh.diubah_pada)}). Tidak ada yang ditimpa; buka lagi "
            "lalu ulangi.")


def _transition_refused(permohonan: Permohonan, new_status: str) -> str | None:
    """Why the request cannot move to ``new_status`` (None when it may)."""
    if new_status == permohonan.status or new_status in TRANSITIONS[permohonan.status]:
        return None
    return (f"Permohonan berstatus {STATUS_LABELS[permohonan.status]} tidak bisa menjadi "
            f"{STATUS_LABELS[new_status]}.")


def _ubah(permohonan: Permohonan, changes: dict, ringkasan: str,
          langkah: Iterable[tuple[int, str]] = (), oleh: str = "",
          now: dt.datetime | None = None) -> None:
    """Apply ``changes`` if the request is still at the version read (and the new status may
    follow the old one); record the steps and the audit row in the same transaction. The
    object is only updated once the database is."""
    now = registers.now_seconds(now)
    refused = _transition_refused(permohonan, changes.get("status", permohonan.status))
    if refused:
        raise ValidationError({"status": refused})
    with registers.transaction(permohonan):
        registers.update(permohonan, changes, ringkasan, now=now,
                         stale=lambda: _conflict_message(permohonan))
        for no, catatan in langkah:
            _catat_langkah(permohonan, no, oleh, now, catatan)


def _refuse_closed(permohonan: Permohonan, action: str) -> None:
    if permohonan.status in (DIBATALKAN, DITOLAK, DIAMBIL):
        raise ValidationError({"status": (
            f"Permohonan berstatus {STATUS_LABELS[permohonan.status]}; tidak bisa {action}.")})


def langkah_berikutnya(permohonan: Permohonan) -> tuple[int, str] | None:
    """The next step to do (number, kegiatan), or None when nothing is left."""
    sop = sop_permohonan(permohonan)
    no = permohonan.langkah_sekarang
    if no > jumlah_langkah(sop):
        return None
    return no, nama_langkah(sop, no)


def lanjut(permohonan: Permohonan, catatan: str = "", now: dt.datetime | None = None) -> str:
    """Record the next SOP step as done and return the new status. At the verification step
    this is its "Ya": every requirement must be ticked. The SOP's last step (the pemohon
    collects) goes through :func:`ambil`, which asks who collected."""
    actor = session.require("layanan.proses")
    now = registers.now_seconds(now)
    check = Checker()
    note = check.text("catatan", "Catatan", catatan, MAX_TEKS, required=False)
    check.raise_if_any()
    _refuse_closed(permohonan, "diproses lagi")
    if permohonan.status == KURANG_LENGKAP:
        raise ValidationError({"status": "Berkas permohonan kurang lengkap: catat dulu bahwa "
                                         "pemohon sudah melengkapinya."})
    if permohonan.status in SIAP:
        raise ValidationError({"status": "Hasil layanan sudah siap: catat pengambilannya di "
                                         "Buku Pengambilan (nama pengambil)."})
    sop = sop_permohonan(permohonan)
    no = permohonan.langkah_sekarang
    if sop.is_draft:
        status = DIPROSES if permohonan.status == DITERIMA else SELESAI
        changes: dict = {"status": status, "langkah_sekarang": no + 1}
        if status == SELESAI:
            changes["selesai_pada"] = now
        text = note or nama_langkah(sop, no)
        _ubah(permohonan, changes, f"{nomor_register(permohonan)}: {STATUS_LABELS[status]}",
              langkah=[(no, text)], oleh=actor.label, now=now)
        return status
    step = sop.step(no)
    if step.symbol == "decision":
        missing = syarat_kurang(permohonan)
        if missing:
            raise ValidationError({"syarat": (
                "Syarat belum lengkap: " + "; ".join(missing) + ". Centang syarat yang sudah "
                "dibawa, atau catat permohonan ini kurang lengkap.")})
        next_no = step.ya or no + 1
        text = f"Ya: berkas lengkap{'; ' + note if note else ''}"
    else:
        next_no = no + 1
        text = note or ("Ditandatangani Camat" if step.pelaksana == CAMAT else "Selesai")
    status = _status_before(sop, next_no)
    changes = {"status": status, "langkah_sekarang": next_no}
    if status == SIAP_DIAMBIL:
        changes["selesai_pada"] = now
    _ubah(permohonan, changes,
          f"{nomor_register(permohonan)}: langkah {no} selesai ({STATUS_LABELS[status]})",
          langkah=[(no, text)], oleh=actor.label, now=now)
    return status


def siapkan(permohonan: Permohonan, catatan: str = "", now: dt.datetime | None = None) -> str:
    """"Siap diambil": record every remaining step before the pemohon collects, at once (the
    result is on the loket's desk). Only after the verification passed."""
    session.require("layanan.proses")
    _refuse_closed(permohonan, "disiapkan")
    if permohonan.status in SIAP:
        raise ValidationError({"status": "Hasil layanan ini sudah siap diambil."})
    if permohonan.status in (DITERIMA, KURANG_LENGKAP):
        raise ValidationError({"status": "Berkas belum diverifikasi; verifikasi dulu "
                                         "kelengkapannya."})
    status = permohonan.status
    with registers.transaction(permohonan):  # every remaining step, or none of them
        while status not in SIAP:
            status = lanjut(permohonan, catatan, now)
    return status


def kurang_lengkap(permohonan: Permohonan, alasan: str,
                   now: dt.datetime | None = None) -> None:
    """The verification says "Tidak": the request goes back to the pemohon, with the reason."""
    actor = session.require("layanan.proses")
    now = registers.now_seconds(now)
    check = Checker()
    reason = check.text("alasan", "Alasan kurang lengkap", alasan, MAX_TEKS)
    check.raise_if_any()
    _refuse_closed(permohonan, "dicatat kurang lengkap")
    if permohonan.status != DITERIMA:
        raise ValidationError({"status": (
            "Hanya permohonan yang belum diverifikasi yang bisa dicatat kurang lengkap (status "
            f"sekarang: {STATUS_LABELS[permohonan.status]}).")})
    sop = sop_permohonan(permohonan)
    # The verification step says "Tidak" and leads back (to the pemohon, step 1, in the book);
    # a draft SOP has no verification step yet, so its first step carries the note.
    step_no, back_to = 1, 1
    decision = None if sop.is_draft else _first_decision(sop)
    if decision is not None:
        step_no, back_to = decision, sop.step(decision).tidak or 1
    _ubah(permohonan, {"status": KURANG_LENGKAP, "status_alasan": reason,
                       "langkah_sekarang": back_to},
          f"{nomor_register(permohonan)}: kurang lengkap: {reason}",
          langkah=[(step_no, f"Tidak: kurang lengkap: {reason}")], oleh=actor.label, now=now)


def lengkapi(permohonan: Permohonan, syarat_ada: Iterable[str] = (), semua: bool = False,
             now: dt.datetime | None = None) -> None:
    """The pemohon brought what was missing: tick those requirements and receive the request
    again. The time standard starts again from now."""
    actor = session.require("layanan.proses")
    now = registers.now_seconds(now)
    if permohonan.status != KURANG_LENGKAP:
        raise ValidationError({"status": "Permohonan ini tidak berstatus kurang lengkap."})
    sop = sop_permohonan(permohonan)
    standard = standar_waktu(sop)
    steps = _registration_steps(sop)
    with db.atomic():
        _centang(permohonan, syarat_ada, semua)
        _ubah(permohonan, {"status": DITERIMA, "status_alasan": "",
                           "langkah_sekarang": steps[-1] + 1,
                           "target_selesai": now + standard if standard else None},
              f"{nomor_register(permohonan)}: berkas dilengkapi",
              langkah=[(no, "Berkas dilengkapi pemohon") for no in steps],
              oleh=actor.label, now=now)


def centang_syarat(permohonan: Permohonan, ada: Mapping[str, bool],
                   now: dt.datetime | None = None) -> None:
    """Tick or untick requirements of the checklist (by their text), checking the version."""
    session.require("layanan.proses")
    _refuse_closed(permohonan, "diubah syaratnya")
    rows = {row.syarat.casefold(): row for row in syarat_of(permohonan)}
    unknown = [name for name in ada if name.casefold() not in rows]
    if unknown:
        raise ValidationError({"syarat": "Syarat tidak ada di daftar: " + "; ".join(unknown)})
    changed = {name: value for name, value in ada.items()
               if rows[name.casefold()].ada != bool(value)}
    if not changed:
        return
    text = ", ".join(f"{name} {'ada' if value else 'tidak ada'}"
                     for name, value in changed.items())
    with db.atomic():
        for name, value in changed.items():
            row = rows[name.casefold()]
            PermohonanSyarat.update(ada=bool(value)).where(
                PermohonanSyarat.id == row.id).execute()
        _ubah(permohonan, {}, f"{nomor_register(permohonan)}: syarat {text}", now=now)


def _centang(permohonan: Permohonan, syarat_ada: Iterable[str], semua: bool) -> None:
    wanted = {" ".join(s.split()).casefold() for s in syarat_ada if s and s.strip()}
    rows = syarat_of(permohonan)
    known = {row.syarat.casefold() for row in rows}
    unknown = wanted - known
    if unknown:
        raise ValidationError({"syarat": "Syarat tidak ada di daftar: "
                                         + "; ".join(sorted(unknown))})
    for row in rows:
        if semua or row.syarat.casefold() in wanted:
            PermohonanSyarat.update(ada=True).where(PermohonanSyarat.id == row.id).execute()


def tolak(permohonan: Permohonan, alasan: str, now: dt.datetime | None = None) -> None:
    """Refuse the request with a reason (e.g. the Camat does not sign); final."""
    actor = session.require("layanan.proses")
    check = Checker()
    reason = check.text("alasan", "Alasan penolakan", alasan, MAX_TEKS)
    check.raise_if_any()
    _refuse_closed(permohonan, "ditolak")
    if permohonan.status in SIAP:
        raise ValidationError({"status": "Hasil layanan sudah siap; batalkan saja bila "
                                         "memang salah."})
    now = registers.now_seconds(now)
    _ubah(permohonan, {"status": DITOLAK, "status_alasan": reason},
          f"{nomor_register(permohonan)}: ditolak: {reason}",
          langkah=[(permohonan.langkah_sekarang, f"Ditolak: {reason}")],
          oleh=actor.label, now=now)


def ambil(permohonan: Permohonan, oleh: str, pada: dt.datetime | None = None,
          now: dt.datetime | None = None) -> None:
    """Buku pengambilan: the result was collected by ``oleh`` (the pemohon or whoever they
    sent) at ``pada`` (default now); the SOP's last step is done."""
    actor = session.require("layanan.proses")
    now = registers.now_seconds(now)
    check = Checker()
    name = check.text("diambil_oleh", "Nama pengambil", oleh, MAX_NAMA)
    when = (pada or now).replace(microsecond=0)
    ready = permohonan.selesai_pada
    if ready and when < ready < when + dt.timedelta(minutes=1):
        when = ready  # a time typed to the minute, in the minute the result became ready
    if permohonan.status == DIAMBIL:
        check.fail("status", f"Sudah diambil oleh {permohonan.diambil_oleh} "
                             f"({format_waktu_tanggal(permohonan.diambil_pada)}).")
    elif permohonan.status not in SIAP:
        check.fail("status", "Hasil layanan belum siap diambil (status "
                             f"{STATUS_LABELS[permohonan.status]}).")
    elif permohonan.selesai_pada and when < permohonan.selesai_pada:
        check.fail("diambil_pada", "Waktu pengambilan tidak boleh sebelum hasilnya siap.")
    if when > now + dt.timedelta(minutes=5):
        check.fail("diambil_pada", "Waktu pengambilan tidak boleh di masa depan.")
    check.raise_if_any()
    sop = sop_permohonan(permohonan)
    last = jumlah_langkah(sop)
    _ubah(permohonan, {"status": DIAMBIL, "diambil_oleh": name, "diambil_pada": when,
                       "langkah_sekarang": last + 1},
          f"{nomor_register(permohonan)}: diambil oleh {name}",
          langkah=[(last, f"Diambil oleh {name}")], oleh=actor.label, now=when)


def batalkan(permohonan: Permohonan, alasan: str, now: dt.datetime | None = None) -> None:
    """Void a request with a reason; it keeps its numbers and stays in the register."""
    refusal = ("Permohonan ini sudah dibatalkan." if permohonan.status == DIBATALKAN
               else _transition_refused(permohonan, DIBATALKAN))
    registers.void(permohonan, alasan, nomor_register(permohonan), permission="layanan.batal",
                   stale=lambda: _conflict_message(permohonan), refusal=refusal,
                   max_alasan=MAX_TEKS, now=now)


# --- time against the standard -----------------------------------------------------------

def terlambat(permohonan: Permohonan, now: dt.datetime | None = None) -> bool:
    """Late against the time standard: still with the office after its target, or made ready
    after it."""
    target = permohonan.target_selesai
    if target is None:
        return False
    if permohonan.selesai_pada is not None:
        return permohonan.selesai_pada > target
    if permohonan.status in DIPROSES_KANTOR:
        return (now or dt.datetime.now()) > target
    return False


def waktu_proses(permohonan: Permohonan, now: dt.datetime | None = None) -> dt.timedelta:
    """From registration until ready (or until now while still open)."""
    end = permohonan.selesai_pada
    if end is None:
        end = (now or dt.datetime.now()) if permohonan.status in DALAM_PROSES else \
            permohonan.diubah_pada
    return max(end - permohonan.diterima_pada, dt.timedelta(0))


def format_durasi(delta: dt.timedelta | None) -> str:
    """"2 hari 3 jam", "1 jam 5 menit", "8 menit"; "-" for None."""
    if delta is None:
        return "-"
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} hari")
    if hours:
        parts.append(f"{hours} jam")
    if mins or not parts:
        parts.append(f"{mins} menit")
    return " ".join(parts[:2])


def kemajuan(permohonan: Permohonan) -> list[StepProgress]:
    """The SOP's steps (or the minimal flow of a draft) with who did each and when (the latest
    time, when a step was done again after kurang lengkap) and the time taken against the
    step's standard."""
    sop = sop_permohonan(permohonan)
    rows = list(registers.steps_of(JENIS_LANGKAH, permohonan.id))
    latest: dict[int, Langkah] = {}
    previous_of: dict[int, dt.datetime | None] = {}
    previous: dt.datetime | None = None
    for row in rows:
        latest[row.langkah] = row
        previous_of[row.langkah] = previous
        previous = row.pada
    result = []
    for no in range(1, jumlah_langkah(sop) + 1):
        if sop.is_draft:
            kegiatan, pelaksana = ALUR_DRAF[no - 1]
            waktu = ""
            standard = None
        else:
            step = sop.step(no)
            kegiatan = step.kegiatan or "(tidak terbaca)"
            pelaksana = step.pelaksana or "(tidak terbaca)"
            waktu = step.waktu
            standard = step.waktu_standard
        row = latest.get(no)
        actual = None
        late = False
        if row is not None and previous_of.get(no) is not None:
            actual = max(row.pada - previous_of[no], dt.timedelta(0))
            late = isinstance(standard, Duration) and actual > standard.as_timedelta()
        result.append(StepProgress(no, kegiatan, pelaksana, waktu,
                                   row.oleh if row else None, row.pada if row else None,
                                   actual, late, row.catatan if row else ""))
    return result


# --- lists -------------------------------------------------------------------------------

#: The overview's groups, also a filter of the register list.
KELOMPOK_BARU = "baru"
KELOMPOK_PROSES = "proses"
KELOMPOK_TERLAMBAT = "terlambat"
KELOMPOK_SIAP = "siap"
KELOMPOK_LABELS = {
    KELOMPOK_BARU: "Baru hari ini",
    KELOMPOK_PROSES: "Dalam proses",
    KELOMPOK_TERLAMBAT: "Terlambat",
    KELOMPOK_SIAP: "Siap diambil",
}


def kondisi_kelompok(kelompok: str, now: dt.datetime,
                     columns: Any = Permohonan) -> peewee.Expression:
    """The WHERE condition of an overview group (the same the overview counts with).
    ``columns`` is where ``status``, ``diterima_pada`` and ``target_selesai`` come from: the
    table, or a subquery's ``.c``."""
    if kelompok == KELOMPOK_BARU:
        start = dt.datetime.combine(now.date(), dt.time())
        return columns.diterima_pada >= start
    if kelompok == KELOMPOK_PROSES:
        return columns.status.in_(DALAM_PROSES)
    if kelompok == KELOMPOK_TERLAMBAT:
        return columns.status.in_(DIPROSES_KANTOR) & (columns.target_selesai < now)
    if kelompok == KELOMPOK_SIAP:
        return columns.status.in_(SIAP)
    raise ValueError(f"kelompok tidak dikenal: {kelompok}")


@dataclass(frozen=True)
class LayananFilter:
    sop_ids: tuple[str, ...] = ()  # empty: every service
    status: str | None = None
    kelompok: str | None = None
    tahun: int | None = None
    teks: str = ""


def query_permohonan(filters: LayananFilter = LayananFilter(),  # noqa: B008
                     now: dt.datetime | None = None) -> peewee.ModelSelect:
    """Requests matching the filters, newest first. Free text searches nama, NIK, alamat, desa
    and the register number ("12", "12/2026" or "legalisir/12/2026")."""
    query = Permohonan.select()
    if filters.sop_ids:
        query = query.where(Permohonan.sop_id.in_(filters.sop_ids))
    if filters.status:
        query = query.where(Permohonan.status == filters.status)
    if filters.kelompok:
        query = query.where(kondisi_kelompok(filters.kelompok, now or dt.datetime.now()))
    if filters.tahun:
        query = query.where(Permohonan.tahun == filters.tahun)
    for word in filters.teks.split():
        condition = (Permohonan.pemohon_nama.contains(word)
                     | Permohonan.pemohon_nik.contains(word)
                     | Permohonan.pemohon_alamat.contains(word)
                     | Permohonan.pemohon_desa.contains(word))
        number = registers.number_condition(word, Permohonan.nomor, Permohonan.tahun,
                                            kind=Permohonan.sop_id)
        query = query.where(condition if number is None else condition | number)
    return query.order_by(Permohonan.diterima_pada.desc(), Permohonan.id.desc())


def to_dict(permohonan: Permohonan, now: dt.datetime | None = None) -> dict:
    """A request as the JSON of ``layanan list --json``."""
    def iso(value: dt.datetime | None) -> str | None:
        return value.isoformat(sep=" ", timespec="seconds") if value else None

    return {
        "id": permohonan.id,
        "nomor_register": nomor_register(permohonan),
        "nomor_tanda_terima": nomor_tanda_terima(permohonan),
        "sop_id": permohonan.sop_id,
        "sop_versi": permohonan.sop_versi,
        "pemohon_nama": permohonan.pemohon_nama,
        "pemohon_nik": permohonan.pemohon_nik,
        "pemohon_alamat": permohonan.pemohon_alamat,
        "pemohon_desa": permohonan.pemohon_desa,
        "status": permohonan.status,
        "status_alasan": permohonan.status_alasan,
        "langkah_sekarang": permohonan.langkah_sekarang,
        "diterima_pada": iso(permohonan.diterima_pada),
        "target_selesai": iso(permohonan.target_selesai),
        "selesai_pada": iso(permohonan.selesai_pada),
        "diambil_oleh": permohonan.diambil_oleh,
        "diambil_pada": iso(permohonan.diambil_pada),
        "terlambat": terlambat(permohonan, now),
        "batal_alasan": permohonan.batal_alasan,
    }
