"""Trackers of the planning and finance SOPs: one per run ("Renja 2027", "GU Maret 2027").

A tracker stands at one step of its SOP, held by that step's pelaksana from the catalog. Moving
it on records who did the step and when (a `Langkah` with jenis "pelacakan"), so the time taken
can be held against the SOP's time standard. A draft SOP (no steps in the book yet) uses the
minimal flow mulai -> proses -> selesai. Documents are kept like the letters' scans. No widgets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import peewee

from jogoroto_desktop import audit, session
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers.berkas import simpan_berkas
from jogoroto_desktop.registers.kernel import StepProgress
from jogoroto_desktop.sop import versions
from jogoroto_desktop.sop.catalog import Sop, Step, default_catalog
from jogoroto_desktop.sop.waktu import Duration, WaktuError
from jogoroto_desktop.validation import Checker, ValidationError
from models import Berkas, Langkah, Pelacakan, db

JENIS_LANGKAH = "pelacakan"

#: The SOPs followed with a tracker, by the seksi whose tab shows them.
SOP_PELACAKAN: dict[str, tuple[str, ...]] = {
    "sekretariat": ("renja", "tapkin", "lakip", "pencairan-up", "pencairan-gu", "pencairan-ls",
                    "pencairan-gaji"),
    "pmd": ("musrenbang", "perencanaan-add", "pertanggungjawaban-add"),
    "sosbud": ("raskin",),
}
ALL_SOP_PELACAKAN = tuple(s for ids in SOP_PELACAKAN.values() for s in ids)

#: Who holds a draft SOP's run until the office details the SOP.
_PELAKSANA_DRAF = {
    "sekretariat": "Bendahara Pengeluaran",
    "pmd": session.ROLES["kasi_pmd"],
    "sosbud": session.ROLES["kasi_sosbud"],
}

BERJALAN = "berjalan"
SELESAI = "selesai"
DIBATALKAN = registers.DIBATALKAN
STATUS_LABELS = {BERJALAN: "Berjalan", SELESAI: "Selesai", DIBATALKAN: "Dibatalkan"}

MAX_NAMA = 120
MAX_CATATAN = 1000
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_STALE = registers.stale_message("Pelacakan ini")


def alur(sop: Sop) -> tuple[Step, ...]:
    """The steps a run of ``sop`` goes through: the book's, or the minimal flow of a draft."""
    if sop.steps:
        return sop.steps
    holder = _PELAKSANA_DRAF.get(sop.seksi, "Pelaksana")
    return (
        Step(1, "Mulai", holder, "terminator"),
        Step(2, "Proses", holder, "process"),
        Step(3, "Selesai", holder, "terminator"),
    )


def sop_pelacakan(run: Pelacakan) -> Sop:
    """The SOP version the run was started under (its steps stay the run's when a later
    version comes into force)."""
    return versions.isi_versi(run.sop_id, run.sop_versi)


def _sop(sop_id: str) -> Sop:
    sop = default_catalog().get(sop_id)
    if sop is None or sop.id not in ALL_SOP_PELACAKAN:
        names = ", ".join(ALL_SOP_PELACAKAN)
        raise ValidationError({"sop": f"SOP \u201c{sop_id}\u201d tidak dilacak di sini; pilih "
                                      f"salah satu dari: {names}."})
    return sop


def buat_pelacakan(sop_id: str, nama: str, batas_waktu: dt.date | str | None = None,
                   tahun: int | None = None, catatan: str = "",
                   now: dt.datetime | None = None) -> Pelacakan:
    """Start a run of a planning/finance SOP at its first step."""
    actor = session.require("pelacakan.kelola")
    now = registers.now_seconds(now)
    sop = _sop(sop_id)
    check = Checker()
    name = check.text("nama", "Nama pelacakan", nama, MAX_NAMA)
    note = check.text("catatan", "Catatan", catatan, MAX_CATATAN, required=False)
    batas = check.date("batas_waktu", "Batas waktu", batas_waktu, required=False)
    if batas is not None and batas < now.date() - dt.timedelta(days=366):
        check.fail("batas_waktu", "Batas waktu lebih dari setahun yang lalu; periksa tanggalnya.")
    found = _YEAR.search(name)
    year = tahun or (int(found.group(1)) if found else now.year)
    check.raise_if_any()
    duplicate = ValidationError({"nama": f"{sop.name} \u201c{name}\u201d sudah ada; beri nama "
                                         "lain (mis. dengan bulan atau tahun)."})
    if Pelacakan.select().where((Pelacakan.sop_id == sop.id)
                                & (Pelacakan.nama == name)).exists():
        raise duplicate
    first = alur(sop)[0]
    try:
        with db.atomic():
            run = registers.register(
                Pelacakan, f"Pelacakan {sop.name}: {name} dimulai", now, sop_id=sop.id,
                nama=name, tahun=year, langkah_sekarang=first.no, pemegang=first.pelaksana,
                batas_waktu=batas, catatan=note, selesai_pada=None, status=BERJALAN,
                dibuat_oleh=actor.label, sop_versi=versions.nomor_berlaku(sop.id) or 1)
    except peewee.IntegrityError:
        raise duplicate from None
    return run


def _entered_current_step(run: Pelacakan) -> dt.datetime:
    """When the run arrived at its current step: the last step recorded, or its start."""
    last = (registers.steps_of(JENIS_LANGKAH, run.id)
            .order_by(Langkah.pada.desc(), Langkah.id.desc()).first())
    return last.pada if last is not None else run.dibuat_pada


def majukan(run: Pelacakan, oleh: str = "", catatan: str = "", cabang: str | None = None,
            pada: dt.datetime | None = None, now: dt.datetime | None = None) -> Step | None:
    """Record the current step as done (by ``oleh``, at ``pada``) and move to the next one;
    a decision step needs ``cabang`` "ya" or "tidak". Returns the new step, None when the run
    is finished."""
    actor = session.require("pelacakan.kelola")
    now = registers.now_seconds(now)
    when = (pada or now).replace(microsecond=0)
    sop = sop_pelacakan(run)
    steps = alur(sop)
    check = Checker()
    who = check.text("oleh", "Dikerjakan oleh", oleh, 200, required=False) or actor.label
    note = check.text("catatan", "Catatan", catatan, MAX_CATATAN, required=False)
    if run.status != BERJALAN:
        check.fail("status", f"Pelacakan ini sudah {STATUS_LABELS[run.status].lower()}.")
    if when > now + dt.timedelta(minutes=5):
        check.fail("pada", "Waktu pengerjaan tidak boleh di masa depan.")
    elif when < _entered_current_step(run):
        check.fail("pada", "Waktu pengerjaan tidak boleh sebelum langkah sebelumnya.")
    step = steps[run.langkah_sekarang - 1]
    target: int | None
    if step.symbol == "decision":
        if cabang not in ("ya", "tidak"):
            check.fail("cabang", f"Langkah {step.no} adalah keputusan: pilih Ya atau Tidak.")
        target = step.ya if cabang == "ya" else step.tidak
    else:
        target = step.no + 1 if step.no < len(steps) else None
    check.raise_if_any()
    if target is None:
        changes = {"status": SELESAI, "selesai_pada": when, "pemegang": ""}
    else:
        changes = {"langkah_sekarang": target, "pemegang": steps[target - 1].pelaksana}
    text = note or step.kegiatan
    if step.symbol == "decision":
        text = f"{'Ya' if cabang == 'ya' else 'Tidak'}: {text}"
    with db.atomic():
        registers.update(run, changes, f"Pelacakan {run.nama}: langkah {step.no} selesai oleh "
                                       f"{who}", stale=_STALE, now=now)
        registers.record_step(JENIS_LANGKAH, run.id, run.sop_id, step.no, who, when, text)
    return None if target is None else steps[target - 1]


def ubah_pelacakan(run: Pelacakan, batas_waktu: dt.date | str | None, catatan: str,
                   now: dt.datetime | None = None) -> None:
    """Change the deadline and the note of a run (version-checked, audited)."""
    session.require("pelacakan.kelola")
    now = registers.now_seconds(now)
    check = Checker()
    note = check.text("catatan", "Catatan", catatan, MAX_CATATAN, required=False)
    batas = check.date("batas_waktu", "Batas waktu", batas_waktu, required=False)
    check.raise_if_any()
    registers.update(run, {"batas_waktu": batas, "catatan": note},
                     f"Pelacakan {run.nama} diubah", stale=_STALE, now=now)


def batalkan(run: Pelacakan, alasan: str, now: dt.datetime | None = None) -> None:
    """Void a run with the reason; it stays in the list."""
    registers.void(run, alasan, f"Pelacakan {run.nama}", permission="pelacakan.kelola",
                   stale=_STALE, now=now,
                   refusal="Pelacakan ini sudah dibatalkan." if run.status == DIBATALKAN else None)


def lampirkan(run: Pelacakan, source: Path, now: dt.datetime | None = None) -> Berkas:
    """Attach a document (PDF/JPG/PNG) to a run, stored like the letters' scans."""
    session.require("pelacakan.kelola")
    now = registers.now_seconds(now)
    fields = simpan_berkas(Path(source), now)
    with db.atomic():
        berkas = Berkas.create(pelacakan=run.id, jenis="dokumen", **fields)
        audit.catat("ubah", "pelacakan", run.id,
                    f"Berkas {fields['nama_asli']} dilampirkan pada {run.nama}")
    return berkas


def berkas_pelacakan(run: Pelacakan) -> list[Berkas]:
    return list(Berkas.select().where(Berkas.pelacakan == run.id).order_by(Berkas.id))


# --- where a run stands ------------------------------------------------------------------

@dataclass(frozen=True)
class Posisi:
    """Where a run stands now, for lists and the CLI."""

    id: int
    sop_id: str
    sop_name: str
    nama: str
    tahun: int
    status: str
    langkah: int
    jumlah_langkah: int
    kegiatan: str
    pemegang: str
    sejak: dt.datetime  # when the run arrived at its current step
    tenggat_langkah: dt.datetime | None  # from the step's time standard
    batas_waktu: dt.date | None
    terlambat: bool
    keterangan: str  # why it is late, in words

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def _duration(step: Step) -> Duration | None:
    try:
        standard = step.waktu_standard
    except WaktuError:
        return None
    return standard if isinstance(standard, Duration) else None


def posisi(run: Pelacakan, now: dt.datetime | None = None,
           since: dt.datetime | None = None) -> Posisi:
    """Where `run` stands; `since` (when it entered its step) is read when not given."""
    now = now or dt.datetime.now()
    sop = sop_pelacakan(run)
    steps = alur(sop)
    step = steps[run.langkah_sekarang - 1]
    since = since or _entered_current_step(run)
    standard = _duration(step) if run.status == BERJALAN else None
    step_due = since + standard.as_timedelta() if standard else None
    reasons = []
    if run.status == BERJALAN:
        if run.batas_waktu is not None and now.date() > run.batas_waktu:
            reasons.append(f"lewat batas waktu {run.batas_waktu:%d-%m-%Y}")
        if step_due is not None and now > step_due:
            reasons.append(f"langkah {step.no} melebihi standar {standard.describe()}")
    return Posisi(run.id, sop.id, sop.name, run.nama, run.tahun, run.status, step.no,
                  len(steps), step.kegiatan if run.status == BERJALAN else "", run.pemegang,
                  since, step_due, run.batas_waktu, bool(reasons), "; ".join(reasons))


def daftar_posisi(runs: peewee.ModelSelect, now: dt.datetime | None = None) -> list[Posisi]:
    """:func:`posisi` of every run of the query `runs` (e.g. :func:`query_pelacakan`), in two
    queries however many runs: the runs, and when each entered its step (not one each)."""
    ids = runs.select(Pelacakan.id).order_by()
    last = dict(Langkah.select(Langkah.rekaman_id, peewee.fn.MAX(Langkah.pada))
                .where((Langkah.jenis == JENIS_LANGKAH) & Langkah.rekaman_id.in_(ids))
                .group_by(Langkah.rekaman_id).tuples())
    return [posisi(run, now, last.get(run.id, run.dibuat_pada)) for run in runs]


def riwayat(run: Pelacakan) -> list[StepProgress]:
    """Every step of the run's flow with who did it and when, against its time standard."""
    steps = alur(sop_pelacakan(run))
    done: dict[int, Langkah] = {}
    for row in registers.steps_of(JENIS_LANGKAH, run.id):
        done[row.langkah] = row  # a step done again after a "Tidak" shows its last time
    result = []
    previous = run.dibuat_pada
    for step in steps:
        row = done.get(step.no)
        actual = None
        late = False
        if row is not None:
            actual = max(row.pada - previous, dt.timedelta(0))
            standard = _duration(step)
            late = standard is not None and actual > standard.as_timedelta()
            previous = row.pada
        result.append(StepProgress(step.no, step.kegiatan, step.pelaksana, step.waktu,
                                   row.oleh if row else None, row.pada if row else None,
                                   actual, late, row.catatan if row else ""))
    return result


def query_pelacakan(sop_ids: tuple[str, ...] | None = None, status: str | None = None,
                    tahun: int | None = None, teks: str = "") -> peewee.ModelSelect:
    """Runs of the given SOPs, open ones first, newest first."""
    query = Pelacakan.select()
    if sop_ids:
        query = query.where(Pelacakan.sop_id.in_(sop_ids))
    if status:
        query = query.where(Pelacakan.status == status)
    if tahun:
        query = query.where(Pelacakan.tahun == tahun)
    for word in teks.split():
        query = query.where(Pelacakan.nama.contains(word) | Pelacakan.pemegang.contains(word))
    open_first = peewee.Case(None, [(Pelacakan.status == BERJALAN, 0)], 1)
    return query.order_by(open_first, Pelacakan.tahun.desc(), Pelacakan.id.desc())


def ringkasan(sop_ids: tuple[str, ...] | None = None,
              now: dt.datetime | None = None) -> tuple[int, int]:
    """(running, late) runs of the given SOPs, for the desk's reminder line."""
    runs = daftar_posisi(query_pelacakan(sop_ids, status=BERJALAN), now)
    return len(runs), sum(where.terlambat for where in runs)
