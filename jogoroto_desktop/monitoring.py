"""Monitoring and evaluation of the SOPs (PermenPAN-RB 35/2012) from the recorded steps.

**Form Monitoring Pelaksanaan SOP** (:func:`hitung_monitoring`, :func:`simpan_monitoring`):
one SOP over a period (a semester or any date range, both ends included). What is measured:

- A *run* of a step is one ``langkah`` row of the SOP (``sop_id``) whose ``pada`` lies in the
  period: who did which step of which record, when (registers/kernel.record_step).
- The *actual time* of a run is the time since the previous recorded step of the same record
  (same ``jenis`` and ``rekaman_id``, ordered by ``pada`` then ``id``, the order
  ``steps_of`` reads them in), whether or not that previous step lies in the period. The
  record's first recorded step has no actual time (it starts the record). Steps recorded in
  the same moment (a registration that records steps 1-3 at once) take zero time. This is the
  "since the previous recorded step" of the registers' progress view
  (``layanan.kemajuan``), so the monitoring and a record's own progress agree.
- Per step: the runs, the runs with an actual time, their *median* (the middle value; the
  mean of the two middle values for an even count) and *longest* time, and how many were
  within the step's Mutu Baku waktu when that is a duration ("15 menit"): actual <= standard.
- A step whose Waktu is a deadline relative to an event ("2 minggu sebelum cuti", "6 bulan
  sebelum TMT") is measured against that event instead: the time is how long before (negative)
  or after (positive) the deadline the step was done, on time when not after it. The events:
  the leave's first day for the cuti SOP (its recorded step), and the pegawai's TMT for
  kenaikan pangkat and pensiun, whose step is the surat pengantar that sends the berkas
  (``sumber`` ``pegawai:ID:keperluan``, dated in the period, not voided).
- Per SOP, the records *finished* in the period and the share finished within the standard:
  for the loket's services the requests made ready in the period (``selesai_pada``; voided
  ones left out) against their own target (``target_selesai``, which leaves out the
  citizen's time away after "kurang lengkap"); for the other SOPs the records whose SOP's
  last step was recorded in the period, from their first to that last recorded step, against
  the sum of the steps' duration standards.
- The proposal: a step with a duration or deadline standard "Berjalan dengan baik" when its
  on-time share reaches the office's threshold (Pengaturan; :func:`ambang_monitoring`),
  otherwise "Tidak berjalan dengan baik"; a step without a time standard that ran is proposed
  "Berjalan dengan baik" (nothing measured against it); a step without runs has no proposal
  ("belum ada pelaksanaan tercatat"). The SOP as a whole follows its finished-within-standard
  share when it has one, else its steps (all proposed well: well).

The aggregation is SQL (window functions LAG and ROW_NUMBER, GROUP BY) that runs on SQLite
and PostgreSQL alike: one statement per SOP for the steps, one for the finished records,
whatever the number of rows. Only the deadline steps (a few per pegawai per year) are
measured in Python, because their due dates are calendar months before the event.

The assessor (Sekcam or a Kasi, permission ``monitoring.nilai``) confirms or changes each
proposal and writes Catatan and Tindakan; :func:`simpan_monitoring` saves it signed with the
name, NIP and jabatan of the official their account belongs to, with the figures it was made
beside (JSON), audited. An assessment is never deleted: a correction is a new one, and a wrong
one is voided with a reason (:func:`batalkan_penilaian`).

**Form Evaluasi Penerapan SOP** (:func:`simpan_evaluasi`): one SOP per year, the seven
criteria each Ya/Tidak with a note, the year's monitoring figures beside them, and whether
the SOP needs a revision ("Perlu revisi"; the SOP editor opens the draft revision).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import peewee

from jogoroto_desktop import session
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.pengaturan import ambang_monitoring
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.sop.catalog import Sop, Step, default_catalog
from jogoroto_desktop.sop.layanan_katalog import LAYANAN_SOPS
from jogoroto_desktop.sop.waktu import Deadline, Duration, WaktuError
from jogoroto_desktop.validation import Checker, ValidationError
from models import (
    EvaluasiKriteria,
    EvaluasiSop,
    MonitoringLangkah,
    Pejabat,
    Pengguna,
    PenilaianMonitoring,
    db,
)

BAIK = "baik"
TIDAK_BAIK = "tidak_baik"
PENILAIAN_LABELS = {BAIK: "Berjalan dengan baik", TIDAK_BAIK: "Tidak berjalan dengan baik"}
BELUM_ADA = "Belum ada pelaksanaan tercatat"
BERLAKU = "berlaku"  # the status of a saved assessment until it is voided

#: The seven criteria of the Form Evaluasi Penerapan SOP (PermenPAN-RB 35/2012).
KRITERIA: tuple[str, ...] = (
    "Mampu mendorong peningkatan kinerja",
    "Mudah dipahami",
    "Mudah dilaksanakan",
    "Semua orang dapat menjalankan perannya masing-masing",
    "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "Sinergi satu dengan lainnya",
)

MAX_CATATAN = 1000
DURASI = "durasi"
TENGGAT = "tenggat"
_SEMESTER_LABELS = {1: "Semester I", 2: "Semester II"}


# --- periods ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Periode:
    """A monitoring period, both days included."""

    dari: dt.date
    sampai: dt.date

    @property
    def label(self) -> str:
        for ke in (1, 2):
            if self == semester(self.dari.year, ke):
                return f"{_SEMESTER_LABELS[ke]} {self.dari.year}"
        return f"{format_tanggal(self.dari)} s.d. {format_tanggal(self.sampai)}"

    @property
    def mulai(self) -> dt.datetime:
        return dt.datetime.combine(self.dari, dt.time())

    @property
    def akhir(self) -> dt.datetime:
        """The first moment after the period (exclusive end)."""
        return dt.datetime.combine(self.sampai + dt.timedelta(days=1), dt.time())


def periode(dari: dt.date | str | None, sampai: dt.date | str | None) -> Periode:
    """A period from two dates (or ISO texts); refused (ValidationError naming the field) when
    a date is missing or unreadable or the end is before the start."""
    check = Checker()
    start = check.date("dari", "Tanggal dari", dari)
    end = check.date("sampai", "Tanggal sampai", sampai)
    if start and end and end < start:
        check.fail("sampai", f"Tanggal sampai ({format_tanggal(end)}) tidak boleh sebelum "
                             f"tanggal dari ({format_tanggal(start)}).")
    check.raise_if_any()
    assert start is not None and end is not None
    return Periode(start, end)


def semester(tahun: int, ke: int) -> Periode:
    """Semester I (January-June) or II (July-December) of ``tahun``."""
    if ke not in (1, 2):
        raise ValidationError({"semester": "Semester hanya 1 atau 2."})
    if ke == 1:
        return Periode(dt.date(tahun, 1, 1), dt.date(tahun, 6, 30))
    return Periode(dt.date(tahun, 7, 1), dt.date(tahun, 12, 31))


def semester_terakhir(today: dt.date | None = None) -> Periode:
    """The semester that ended last before ``today`` (the one due for monitoring)."""
    today = today or dt.date.today()
    return semester(today.year - 1, 2) if today.month <= 6 else semester(today.year, 1)


# --- the figures -----------------------------------------------------------------------------

@dataclass(frozen=True)
class AngkaLangkah:
    """One step's figures over the period. Times in seconds (for a deadline step: after the
    deadline, negative when before it)."""

    no: int
    kegiatan: str
    pelaksana: str
    waktu: str  # the Mutu Baku waktu as the book writes it
    jenis_standar: str | None  # DURASI, TENGGAT or None
    standar_detik: float | None  # a duration standard in seconds
    jumlah: int  # runs in the period
    diukur: int  # runs with an actual time (or a known event)
    median_detik: float | None
    terlama_detik: float | None
    tepat_waktu: int  # measured runs within the standard

    @property
    def persen_tepat(self) -> float | None:
        """The on-time share in percent, None when nothing could be measured against a
        standard."""
        if self.jenis_standar is None or not self.diukur:
            return None
        return 100.0 * self.tepat_waktu / self.diukur

    def usulan(self, ambang: int) -> str:
        """The proposed assessment ("" when the step did not run)."""
        if not self.jumlah:
            return ""
        share = self.persen_tepat
        if share is None:
            return BAIK
        return BAIK if share >= ambang else TIDAK_BAIK

    @property
    def median(self) -> dt.timedelta | None:
        return None if self.median_detik is None else dt.timedelta(seconds=self.median_detik)

    @property
    def terlama(self) -> dt.timedelta | None:
        return None if self.terlama_detik is None else dt.timedelta(seconds=self.terlama_detik)


@dataclass(frozen=True)
class Penyelesaian:
    """The SOP's records finished in the period and how many within the standard."""

    satuan: str  # what a record is: "permohonan", "surat", "pelacakan", "cuti"
    selesai: int
    tepat_waktu: int
    standar_detik: float | None

    @property
    def persen_tepat(self) -> float | None:
        return 100.0 * self.tepat_waktu / self.selesai if self.selesai else None


@dataclass(frozen=True)
class MonitoringSop:
    """The figures of one SOP over one period, and the program's proposal."""

    sop_id: str
    sop_nama: str
    seksi: str
    periode: Periode
    ambang: int
    langkah: tuple[AngkaLangkah, ...]
    penyelesaian: Penyelesaian | None
    dihitung_pada: dt.datetime = field(default_factory=lambda: dt.datetime.now()
                                       .replace(microsecond=0))

    @property
    def ada_pelaksanaan(self) -> bool:
        return any(step.jumlah for step in self.langkah) or bool(
            self.penyelesaian and self.penyelesaian.selesai)

    @property
    def usulan(self) -> str:
        """The proposal for the SOP as a whole ("" without any recorded run)."""
        if not self.ada_pelaksanaan:
            return ""
        if self.penyelesaian is not None and self.penyelesaian.persen_tepat is not None:
            return BAIK if self.penyelesaian.persen_tepat >= self.ambang else TIDAK_BAIK
        proposals = [step.usulan(self.ambang) for step in self.langkah if step.jumlah]
        return TIDAK_BAIK if TIDAK_BAIK in proposals else BAIK

    @property
    def keterangan(self) -> str:
        """One line for people: what the figures say."""
        if not self.ada_pelaksanaan:
            return f"{BELUM_ADA} pada {self.periode.label}."
        parts = []
        if self.penyelesaian is not None and self.penyelesaian.selesai:
            share = self.penyelesaian.persen_tepat or 0.0
            parts.append(f"{self.penyelesaian.tepat_waktu} dari {self.penyelesaian.selesai} "
                         f"{self.penyelesaian.satuan} selesai dalam standar waktu "
                         f"({format_persen(share)})")
        late = [str(step.no) for step in self.langkah
                if step.usulan(self.ambang) == TIDAK_BAIK]
        if late:
            parts.append("langkah di bawah ambang: " + ", ".join(late))
        parts.append(f"ambang {self.ambang}% tepat waktu")
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."

    def to_dict(self) -> dict[str, Any]:
        """Plain data (JSON): what the CLI prints and an assessment keeps."""
        return {
            "sop_id": self.sop_id, "sop_nama": self.sop_nama, "seksi": self.seksi,
            "dari": self.periode.dari.isoformat(), "sampai": self.periode.sampai.isoformat(),
            "periode": self.periode.label, "ambang": self.ambang,
            "dihitung_pada": self.dihitung_pada.isoformat(sep=" "),
            "usulan": self.usulan, "usulan_label": PENILAIAN_LABELS.get(self.usulan, BELUM_ADA),
            "keterangan": self.keterangan,
            "penyelesaian": None if self.penyelesaian is None else {
                **asdict(self.penyelesaian), "persen_tepat": self.penyelesaian.persen_tepat},
            "langkah": [{**asdict(step), "persen_tepat": step.persen_tepat,
                         "usulan": step.usulan(self.ambang)} for step in self.langkah],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MonitoringSop:
        """The figures as an assessment kept them (see :meth:`to_dict`)."""
        names = {f for f in AngkaLangkah.__dataclass_fields__}
        done = data.get("penyelesaian")
        return cls(
            data["sop_id"], data["sop_nama"], data["seksi"],
            Periode(dt.date.fromisoformat(data["dari"]), dt.date.fromisoformat(data["sampai"])),
            int(data["ambang"]),
            tuple(AngkaLangkah(**{k: v for k, v in step.items() if k in names})
                  for step in data["langkah"]),
            None if done is None else Penyelesaian(done["satuan"], done["selesai"],
                                                   done["tepat_waktu"], done["standar_detik"]),
            dt.datetime.fromisoformat(data["dihitung_pada"]))


def format_persen(value: float | None) -> str:
    """"87,5%"; "-" for None."""
    if value is None:
        return "-"
    text = f"{value:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + "%"


def format_waktu(detik: float | None, jenis_standar: str | None = DURASI) -> str:
    """A measured time in words ("2 hari 3 jam"); for a deadline step how far before or after
    the deadline ("3 hari sebelum batas"); "-" for None."""
    from jogoroto_desktop.registers.layanan import format_durasi

    if detik is None:
        return "-"
    if jenis_standar == TENGGAT:
        if abs(detik) < 60:
            return "tepat pada batas"
        side = "sebelum batas" if detik < 0 else "lewat batas"
        return f"{format_durasi(dt.timedelta(seconds=abs(detik)))} {side}"
    seconds = round(detik)
    if 0 < seconds < 3600 and seconds % 60:  # short loket steps: the seconds matter
        minutes, rest = divmod(seconds, 60)
        return f"{minutes} menit {rest} detik" if minutes else f"{rest} detik"
    return format_durasi(dt.timedelta(seconds=seconds))


def _sop(sop_id: str) -> Sop:
    sop = default_catalog().get(sop_id)
    if sop is None:
        raise ValidationError({"sop_id": f"SOP \u201c{sop_id}\u201d tidak ada di katalog; "
                                         "lihat daftar dengan: jogoroto-cli sop list."})
    return sop


def standard_of(step: Step) -> tuple[str | None, float | None, Deadline | None]:
    """(kind, duration in seconds, deadline) of a step's Mutu Baku waktu."""
    if step.deadline is not None:
        return TENGGAT, None, step.deadline
    try:
        standard = step.waktu_standard
    except WaktuError:
        return None, None, None
    if isinstance(standard, Duration):
        return DURASI, standard.minutes * 60, None
    return None, None, None


def _moment(value: dt.datetime) -> str:
    """A timestamp parameter as both engines compare it with stored times."""
    return value.strftime("%Y-%m-%d %H:%M:%S")


def step_rows(periode: Periode, standards: Mapping[tuple[str, int], float],
              sop_id: str | None = None) -> dict[tuple[str, int], tuple]:
    """(sop id, step) -> (sop id, step, runs, measured, longest, median, on time) of the steps
    recorded in the period, of one SOP or of every SOP; ``standards`` are the duration
    standards in seconds (a step without one is never counted on time).

    One GROUP BY over the period's steps by (SOP, step, actual time): the times are whole
    seconds stored when each step was recorded (``langkah.detik``), so the groups are few and
    the median is exact from their counts."""
    p = db.obj.param
    params = (_moment(periode.mulai), _moment(periode.akhir))
    if sop_id:  # one SOP: the SOP is no group key (a third key costs SQLite's sorter a lot)
        rows = db.execute_sql(
            f"SELECT langkah, detik, COUNT(*) FROM langkah WHERE sop_id = {p} AND pada >= {p} "
            f"AND pada < {p} GROUP BY langkah, detik", (sop_id, *params)).fetchall()
        found = [(sop_id, *row) for row in rows]
    else:
        found = db.execute_sql(
            f"SELECT sop_id, langkah, detik, COUNT(*) FROM langkah WHERE pada >= {p} "
            f"AND pada < {p} GROUP BY sop_id, langkah, detik", params).fetchall()
    counts: dict[tuple[str, int], list[tuple[int | None, int]]] = {}
    for sop, no, detik, n in found:
        counts.setdefault((sop, int(no)), []).append(
            (None if detik is None else int(detik), int(n)))
    result = {}
    for key, groups in counts.items():
        timed = sorted((max(detik, 0), n) for detik, n in groups if detik is not None)
        measured = sum(n for _d, n in timed)
        standard = standards.get(key)
        on_time = sum(n for detik, n in timed if standard is not None and detik <= standard)
        result[key] = (*key, sum(n for _d, n in groups), measured,
                       timed[-1][0] if timed else None, _median_of_counts(timed, measured),
                       on_time)
    return result


def _median_of_counts(timed: Sequence[tuple[int, int]], total: int) -> float | None:
    """The median of values given as ascending (value, how many) pairs."""
    if not total:
        return None
    wanted = {(total + 1) // 2, (total + 2) // 2}  # the middle rank(s), 1-based
    found = []
    seen = 0
    for value, n in timed:
        for rank in sorted(wanted):
            if seen < rank <= seen + n:
                found.append(value)
        seen += n
    return sum(found) / len(found)


def _median(values: Sequence[float]) -> float | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _tenggat_rows(sop: Sop, step: Step, deadline: Deadline,
                  periode: Periode) -> list[tuple[dt.datetime, dt.date]]:
    """(when the step was done, the deadline) of every deadline step done in the period."""
    source = _TENGGAT_SUMBER.get(sop.id)
    if source is None:
        return []
    return [(done, deadline.due_date(event)) for done, event in source(sop, step, periode)]


def _cuti_events(sop: Sop, step: Step, periode: Periode) -> Iterable[tuple[dt.datetime, dt.date]]:
    """The cuti SOP's recorded step against the leave's first day."""
    from models import Cuti, Langkah

    query = (Langkah.select(Langkah.pada, Cuti.mulai)
             .join(Cuti, on=(Cuti.id == Langkah.rekaman_id))
             .where((Langkah.sop_id == sop.id) & (Langkah.langkah == step.no)
                    & (Langkah.pada >= periode.mulai) & (Langkah.pada < periode.akhir)))
    return query.tuples()


def _pengantar_events(keperluan: str) -> Callable[[Sop, Step, Periode],
                                                   Iterable[tuple[dt.datetime, dt.date]]]:
    """Kenaikan pangkat / pensiun: the surat pengantar sending the berkas against the
    pegawai's TMT."""
    def events(sop: Sop, step: Step, periode: Periode) -> Iterable[tuple[dt.datetime, dt.date]]:
        from jogoroto_desktop.registers import kepegawaian as kp
        from models import Pegawai, SuratPengantar

        query = (SuratPengantar.select(SuratPengantar.tanggal, SuratPengantar.sumber)
                 .where(SuratPengantar.sumber.endswith(f":{keperluan}")
                        & SuratPengantar.sumber.startswith("pegawai:")
                        & (SuratPengantar.status != registers.DIBATALKAN)
                        & (SuratPengantar.tanggal >= periode.dari)
                        & (SuratPengantar.tanggal <= periode.sampai)).tuples())
        sent = [(tanggal, sumber.split(":")[1]) for tanggal, sumber in query]
        ids = {int(pid) for _t, pid in sent if pid.isdigit()}
        pegawai = {p.id: p for p in Pegawai.select().where(Pegawai.id.in_(ids))} if ids else {}
        for tanggal, pid in sent:
            person = pegawai.get(int(pid)) if pid.isdigit() else None
            if person is None:
                continue
            if keperluan == kp.PENSIUN:
                tmt = kp.tmt_pensiun(person.tanggal_lahir, person.bup)
            elif person.tmt_pangkat is None:
                continue
            elif person.tmt_pangkat > tanggal:  # the promotion is already in the master
                tmt = person.tmt_pangkat
            else:
                tmt = kp.tmt_kenaikan_pangkat(person.tmt_pangkat)
            yield dt.datetime.combine(tanggal, dt.time()), tmt

    return events


_TENGGAT_SUMBER: dict[str, Callable[[Sop, Step, Periode],
                                    Iterable[tuple[dt.datetime, dt.date]]]] = {
    "cuti-pegawai": _cuti_events,
    "kenaikan-pangkat": _pengantar_events("kenaikan-pangkat"),
    "pensiun-pegawai": _pengantar_events("pensiun"),
}


def _tenggat_angka(sop: Sop, step: Step, deadline: Deadline, periode: Periode,
                   kegiatan: str, pelaksana: str) -> AngkaLangkah:
    times = []
    on_time = 0
    for done, due in _tenggat_rows(sop, step, deadline, periode):
        # Done on the due day counts as on time: the deadline is a day, not a moment.
        end_of_due = dt.datetime.combine(due + dt.timedelta(days=1), dt.time())
        after = (done - dt.datetime.combine(due, dt.time())).total_seconds()
        times.append(after)
        on_time += done < end_of_due
    return AngkaLangkah(step.no, kegiatan, pelaksana, step.waktu or deadline.describe(),
                        TENGGAT, None, len(times), len(times), _median(times),
                        max(times) if times else None, on_time)


_SATUAN = {"surat-masuk": "surat", "surat-keluar": "surat", "cuti-pegawai": "cuti"}


def _penyelesaian(sop: Sop, periode: Periode, standar: float | None) -> Penyelesaian | None:
    """The SOP's records finished in the period, within the standard or not (one query)."""
    p = db.obj.param
    if sop.id in LAYANAN_SOPS:
        sql = ("SELECT COUNT(*), SUM(CASE WHEN target_selesai IS NULL "
               "OR selesai_pada <= target_selesai THEN 1 ELSE 0 END) FROM permohonan "
               f"WHERE sop_id = {p} AND selesai_pada >= {p} AND selesai_pada < {p} "
               f"AND status <> {p}")
        row = db.execute_sql(sql, (sop.id, _moment(periode.mulai), _moment(periode.akhir),
                                   registers.DIBATALKAN)).fetchone()
        from jogoroto_desktop.registers.layanan import standar_waktu

        total = standar_waktu(sop.id)
        return Penyelesaian("permohonan", int(row[0] or 0), int(row[1] or 0),
                            total.total_seconds() if total else None)
    if not sop.steps or standar is None:
        return None
    last = sop.steps[-1].no
    sql = (f"SELECT COUNT(*), SUM(CASE WHEN detik <= {float(standar)!r} THEN 1 ELSE 0 END) "
           f"FROM (SELECT {registers.seconds_sql('MAX(pada)', 'MIN(pada)')} AS detik, "
           f"MAX(CASE WHEN langkah = {int(last)} THEN pada END) AS akhir "
           f"FROM langkah WHERE sop_id = {p} AND pada < {p} GROUP BY jenis, rekaman_id) r "
           f"WHERE akhir >= {p}")
    row = db.execute_sql(sql, (sop.id, _moment(periode.akhir), _moment(periode.mulai))).fetchone()
    from jogoroto_desktop.registers.pelacakan import ALL_SOP_PELACAKAN

    satuan = "pelacakan" if sop.id in ALL_SOP_PELACAKAN else _SATUAN.get(sop.id, "rekaman")
    return Penyelesaian(satuan, int(row[0] or 0), int(row[1] or 0), standar)


def hitung_monitoring(sop_id: str, dari: dt.date | str | None, sampai: dt.date | str | None,
                      ambang: int | None = None) -> MonitoringSop:
    """The monitoring figures of SOP ``sop_id`` from ``dari`` to ``sampai`` (both included).
    Reading only: no permission beyond a signed-in user, nothing written."""
    period = periode(dari, sampai)
    sop = _sop(sop_id)
    threshold = ambang_monitoring() if ambang is None else ambang
    standards: dict[int, tuple[str | None, float | None, Deadline | None]] = {
        step.no: standard_of(step) for step in sop.steps}
    rows = step_rows(period, {(sop.id, no): sec for no, (kind, sec, _d) in standards.items()
                              if kind == DURASI and sec is not None}, sop.id)
    figures = []
    for step in sop.steps:
        kind, seconds, deadline = standards[step.no]
        kegiatan = step.kegiatan or "(kegiatan tidak terbaca pada naskah)"
        pelaksana = step.pelaksana or "-"
        if kind == TENGGAT and deadline is not None and sop.id in _TENGGAT_SUMBER:
            figures.append(_tenggat_angka(sop, step, deadline, period, kegiatan, pelaksana))
            continue
        row = rows.get((sop.id, step.no))
        if kind == TENGGAT:  # a deadline whose event this program does not record
            kind = None
        if row is None:
            figures.append(AngkaLangkah(step.no, kegiatan, pelaksana, step.waktu, kind,
                                        seconds, 0, 0, None, None, 0))
            continue
        _sop_id, _no, runs, measured, longest, median, on_time = row
        figures.append(AngkaLangkah(
            step.no, kegiatan, pelaksana, step.waktu, kind, seconds, int(runs), int(measured),
            None if median is None else max(float(median), 0.0),
            None if longest is None else max(float(longest), 0.0),
            int(on_time or 0) if kind == DURASI else 0))
    total = sum(sec for kind, sec, _d in standards.values() if kind == DURASI and sec)
    return MonitoringSop(sop.id, sop.name, sop.seksi, period, threshold, tuple(figures),
                         _penyelesaian(sop, period, total or None))


# --- who signs -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Penilai:
    nama: str
    nip: str
    jabatan: str


def penilai_sekarang() -> Penilai:
    """The acting assessor's official (name, NIP, jabatan) from their account; refused when
    the role may not assess or the account belongs to no official with a name."""
    actor = session.require("monitoring.nilai")
    pejabat = None
    if actor.pejabat_id is not None:
        pejabat = Pejabat.get_or_none(Pejabat.id == actor.pejabat_id)
    if pejabat is None:
        user = Pengguna.get_or_none(Pengguna.nama_pengguna == actor.nama_pengguna)
        pejabat = user.pejabat if user is not None and user.pejabat_id else None
    if pejabat is None or not pejabat.nama.strip():
        raise ValidationError({"penilai": (
            "Akun Anda tidak terhubung dengan data pejabat yang bernama, jadi penilaian tidak "
            "bisa ditandatangani (nama dan NIP penilai). Minta admin menghubungkan akun ini "
            "dengan jabatan Anda di Pengguna dan mengisi nama serta NIP di Pengaturan.")})
    return Penilai(pejabat.nama, pejabat.nip, pejabat.jabatan)


# --- saving a monitoring ---------------------------------------------------------------------

@dataclass(frozen=True)
class PenilaianLangkah:
    """The assessor's row of the form for one step."""

    no: int
    penilaian: str  # BAIK, TIDAK_BAIK, or "" for a step without runs
    catatan: str = ""
    tindakan: str = ""


def _check_penilaian(check: Checker, name: str, value: str, required: bool) -> str:
    if value in PENILAIAN_LABELS:
        return value
    if value or required:
        check.fail(name, "Penilaian harus \u201cBerjalan dengan baik\u201d atau \u201cTidak "
                         "berjalan dengan baik\u201d.")
    return ""


def simpan_monitoring(angka: MonitoringSop, penilaian: str, langkah: Sequence[PenilaianLangkah],
                      catatan: str = "", tindakan: str = "",
                      now: dt.datetime | None = None) -> PenilaianMonitoring:
    """Save the assessment of ``angka`` (the figures the assessor saw): the SOP's overall
    penilaian, catatan and tindakan, and one row per step. Every step that ran needs a
    penilaian; a step without runs may stay unassessed. Refused with the reason per field
    (nothing written) otherwise. Returns the stored record."""
    penilai = penilai_sekarang()
    now = registers.now_seconds(now)
    check = Checker()
    overall = _check_penilaian(check, "penilaian", penilaian, required=True)
    note = check.text("catatan", "Catatan", catatan, MAX_CATATAN, required=False)
    action = check.text("tindakan", "Tindakan yang harus diambil", tindakan, MAX_CATATAN,
                        required=False)
    by_no = {row.no: row for row in langkah}
    unknown = sorted(set(by_no) - {step.no for step in angka.langkah})
    if unknown:
        check.fail("langkah", f"Langkah {', '.join(map(str, unknown))} tidak ada di SOP ini.")
    rows = []
    for step in angka.langkah:
        given = by_no.get(step.no, PenilaianLangkah(step.no, ""))
        name = f"langkah_{step.no}"
        rows.append({
            "no": step.no, "prosedur": step.kegiatan, "usulan": step.usulan(angka.ambang),
            "penilaian": _check_penilaian(check, name, given.penilaian, step.jumlah > 0),
            "catatan": check.text(name, f"Catatan langkah {step.no}", given.catatan,
                                  MAX_CATATAN, required=False),
            "tindakan": check.text(name, f"Tindakan langkah {step.no}", given.tindakan,
                                   MAX_CATATAN, required=False)})
    check.raise_if_any()
    label = PENILAIAN_LABELS[overall]
    with db.atomic():
        record = registers.register(
            PenilaianMonitoring, f"Monitoring SOP {angka.sop_nama} {angka.periode.label}: {label}, "
                           f"dinilai {penilai.nama}", now,
            sop_id=angka.sop_id, dari=angka.periode.dari, sampai=angka.periode.sampai,
            ambang=angka.ambang, usulan=angka.usulan, penilaian=overall, catatan=note,
            tindakan=action, penilai_nama=penilai.nama, penilai_nip=penilai.nip,
            penilai_jabatan=penilai.jabatan, angka=json.dumps(angka.to_dict()),
            status=BERLAKU, audit_extra={"langkah": rows})
        MonitoringLangkah.insert_many([{**row, "monitoring": record} for row in rows]).execute()
    return record


def riwayat_monitoring(sop_id: str | None = None) -> peewee.ModelSelect:
    """Saved monitoring assessments (voided ones too), newest first."""
    query = PenilaianMonitoring.select()
    if sop_id:
        query = query.where(PenilaianMonitoring.sop_id == sop_id)
    return query.order_by(PenilaianMonitoring.sampai.desc(), PenilaianMonitoring.id.desc())


def monitoring_terakhir(sop_id: str,
                        periode_: Periode | None = None) -> PenilaianMonitoring | None:
    """The newest assessment in force of an SOP (of exactly that period when given)."""
    query = riwayat_monitoring(sop_id).where(PenilaianMonitoring.status == BERLAKU)
    if periode_ is not None:
        query = query.where((PenilaianMonitoring.dari == periode_.dari)
                            & (PenilaianMonitoring.sampai == periode_.sampai))
    return query.first()


def batalkan_penilaian(record: PenilaianMonitoring | EvaluasiSop, alasan: str,
                       now: dt.datetime | None = None) -> str:
    """Void a saved monitoring or evaluation with a reason (it stays, marked DIBATALKAN)."""
    kind = "Monitoring" if isinstance(record, PenilaianMonitoring) else "Evaluasi"
    refusal = f"{kind} ini sudah dibatalkan." if record.status == registers.DIBATALKAN else None
    return registers.void(record, alasan, f"{kind} SOP {record.sop_id} #{record.id}",
                          permission="monitoring.nilai",
                          stale=registers.stale_message(f"{kind} ini"), refusal=refusal,
                          now=now)


def angka_tersimpan(record: PenilaianMonitoring | EvaluasiSop) -> MonitoringSop:
    """The figures an assessment was made beside."""
    return MonitoringSop.from_dict(json.loads(record.angka))


# --- the yearly evaluation -------------------------------------------------------------------

@dataclass(frozen=True)
class Kriteria:
    no: int  # 1..7, as KRITERIA
    ya: bool
    catatan: str = ""


def simpan_evaluasi(sop_id: str, tahun: int, kriteria: Sequence[Kriteria],
                    perlu_revisi: bool, catatan: str = "",
                    now: dt.datetime | None = None) -> EvaluasiSop:
    """Save the Form Evaluasi Penerapan SOP of ``sop_id`` for ``tahun``: all seven criteria
    answered (Ya/Tidak, each with an optional note), whether a revision is needed, a general
    note; with the year's monitoring figures beside it; signed and audited."""
    penilai = penilai_sekarang()
    now = registers.now_seconds(now)
    sop = _sop(sop_id)
    check = Checker()
    if not isinstance(tahun, int) or not 2000 <= tahun <= now.year:
        check.fail("tahun", f"Tahun evaluasi harus antara 2000 dan {now.year}.")
    by_no = {k.no: k for k in kriteria}
    missing = [str(no) for no in range(1, len(KRITERIA) + 1) if no not in by_no]
    if missing or len(by_no) != len(KRITERIA) or len(kriteria) != len(KRITERIA):
        check.fail("kriteria", "Jawab ketujuh kriteria tepat satu kali (Ya atau Tidak)"
                               + (f"; belum: {', '.join(missing)}." if missing else "."))
    rows = []
    for no in range(1, len(KRITERIA) + 1):
        item = by_no.get(no)
        if item is None:
            continue
        rows.append({"no": no, "ya": bool(item.ya),
                     "catatan": check.text(f"kriteria_{no}", f"Catatan kriteria {no}",
                                           item.catatan, MAX_CATATAN, required=False)})
    note = check.text("catatan", "Catatan", catatan, MAX_CATATAN, required=False)
    check.raise_if_any()
    figures = hitung_monitoring(sop.id, dt.date(tahun, 1, 1), dt.date(tahun, 12, 31))
    with db.atomic():
        record = registers.register(
            EvaluasiSop, f"Evaluasi penerapan SOP {sop.name} {tahun}"
                         f"{': perlu revisi' if perlu_revisi else ''}, dinilai {penilai.nama}",
            now, sop_id=sop.id, tahun=tahun, perlu_revisi=bool(perlu_revisi), catatan=note,
            penilai_nama=penilai.nama, penilai_nip=penilai.nip,
            penilai_jabatan=penilai.jabatan, angka=json.dumps(figures.to_dict()),
            status=BERLAKU, audit_extra={"kriteria": rows})
        EvaluasiKriteria.insert_many([{**row, "evaluasi": record} for row in rows]).execute()
    return record


def evaluasi_terakhir(sop_id: str, tahun: int | None = None) -> EvaluasiSop | None:
    query = EvaluasiSop.select().where((EvaluasiSop.sop_id == sop_id)
                                       & (EvaluasiSop.status == BERLAKU))
    if tahun is not None:
        query = query.where(EvaluasiSop.tahun == tahun)
    return query.order_by(EvaluasiSop.tahun.desc(), EvaluasiSop.id.desc()).first()


def kriteria_of(record: EvaluasiSop) -> list[EvaluasiKriteria]:
    return list(EvaluasiKriteria.select().where(EvaluasiKriteria.evaluasi == record.id)
                .order_by(EvaluasiKriteria.no))


def langkah_of(record: PenilaianMonitoring) -> list[MonitoringLangkah]:
    return list(MonitoringLangkah.select().where(MonitoringLangkah.monitoring == record.id)
                .order_by(MonitoringLangkah.no))


# --- Excel ----------------------------------------------------------------------------------

class MonitoringError(ValueError):
    """An output file that cannot be used; the message is for people."""


EXCEL_HEADERS = ("No", "Prosedur", "Pelaksana", "Mutu Baku waktu", "Dilaksanakan",
                 "Median waktu", "Waktu terlama", "Tepat waktu", "Penilaian",
                 "Catatan hasil penilaian", "Tindakan yang harus diambil")


def tulis_excel_monitoring(lembar: Any, path: Path) -> None:
    """The monitoring form as a worksheet: the heading, one row per step (the figures, the
    penilaian, catatan and tindakan), the conclusion and who assessed. ``lembar`` is the
    printing data (``documents.lembar_monitoring``), so paper and sheet say the same."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    book = Workbook()
    sheet = book.active
    sheet.title = "Monitoring SOP"
    sheet.append(["FORMULIR MONITORING PELAKSANAAN SOP"])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, value in (("Unit kerja", lembar.unit), ("Nama SOP", lembar.judul_sop),
                         ("Nomor SOP", lembar.nomor_sop or "-"),
                         ("Periode monitoring", lembar.periode),
                         ("Angka", lembar.ringkasan), ("", lembar.dihitung)):
        sheet.append([label, value])
    if lembar.dibatalkan:
        sheet.append(["Status", f"DIBATALKAN: {lembar.dibatalkan}"])
    sheet.append([])
    sheet.append(list(EXCEL_HEADERS))
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in lembar.baris:
        sheet.append([row.no, row.prosedur, row.pelaksana, row.mutu_baku, row.dilaksanakan,
                      row.median, row.terlama, row.tepat_waktu, row.penilaian, row.catatan,
                      row.tindakan])
        for cell in sheet[sheet.max_row]:
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append([])
    for label, value in (("Penilaian observasi", lembar.penilaian),
                         ("Catatan hasil penilaian", lembar.catatan or "-"),
                         ("Tindakan yang harus diambil", lembar.tindakan or "-")):
        sheet.append([label, value])
    if lembar.penanda is not None:
        sheet.append(["Penilai", f"{lembar.penanda.nama} ({lembar.penanda.jabatan})"])
        sheet.append(["NIP", lembar.penanda.nip or "-"])
        sheet.append(["Tanggal", lembar.penanda.tempat_tanggal])
    for letter, width in zip("ABCDEFGHIJK", (20, 45, 18, 14, 12, 16, 16, 11, 24, 36, 36),
                             strict=True):
        sheet.column_dimensions[letter].width = width
    book.save(path)
