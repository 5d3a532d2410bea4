"""Agenda Surat Masuk figures with 100,000 letters in a fresh SQLite file, each against a
baseline measured in the same run:

- a free-text filter ("rapat" over dari / nomor surat / perihal: COUNT plus the first page of
  200 rows) through query_surat_masuk, against the same SQL run through raw sqlite3
  (goals <= 100 ms and <= 1.5x); and the same for a word no letter contains (the worst case:
  the page query then walks the whole index too);
- issuing a number (register_surat_masuk of one letter, median of 200) against a bare INSERT of
  the same row through sqlite3 (goal <= 5 ms).

The letters are generated (one prepared INSERT, one transaction) before anything is
timed.

    python benchmarks/agenda.py [--letters N] [--repeats N] [--explain]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Figure, median, print_table, scratch_database  # noqa: E402

FILTER_GOAL_MS = 100.0
FILTER_GOAL_RATIO = 1.5
ISSUE_GOAL_MS = 5.0
PAGE = 200
WORD = "rapat"  # in about one letter in seven
ABSENT_WORD = "sengketa"  # in none: both queries read every row (the worst case)

SENDERS = (
    "Bupati Jombang", "Sekretariat Daerah Kabupaten Jombang", "Dinas Pendidikan Kab. Jombang",
    "Dinas Kesehatan Kab. Jombang", "Dinas Kependudukan dan Pencatatan Sipil Kab. Jombang",
    "Dinas Sosial Kab. Jombang", "Dinas Pemberdayaan Masyarakat dan Desa Kab. Jombang",
    "Bappeda Kab. Jombang", "BPKAD Kab. Jombang", "Inspektorat Kab. Jombang",
    "Badan Kepegawaian dan Pengembangan SDM Kab. Jombang", "Satpol PP Kab. Jombang",
    "BPBD Kab. Jombang", "Polsek Jogoroto", "Koramil 0814/15 Jogoroto",
    "Puskesmas Jogoroto", "KUA Kecamatan Jogoroto", "Korwil Pendidikan Kecamatan Jogoroto",
    "Kantor Pos Jombang", "PLN ULP Jombang", "BPS Kabupaten Jombang",
    "Bawaslu Kabupaten Jombang", "KPU Kabupaten Jombang", "Forum Rapat Kerja Camat",
    *(f"Pemerintah Desa {desa}" for desa in (
        "Jogoroto", "Mayangan", "Sumbermulyo", "Tambakrejo", "Ngumpul", "Sukosari",
        "Janti", "Alang-Alang Caruban", "Pandanblole", "Sawiji", "Kebondalem")),
)
SUBJECTS = (
    ("Undangan Rapat Koordinasi {topik}", 6), ("Undangan {topik}", 10),
    ("Notulen Rapat {topik}", 2), ("Permohonan Data {topik}", 8),
    ("Pemberitahuan {topik}", 10), ("Laporan {topik}", 8), ("Permohonan Rekomendasi {topik}", 4),
    ("Surat Edaran tentang {topik}", 6), ("Penyampaian {topik}", 6),
    ("Permohonan Fasilitasi {topik}", 3), ("Pengantar {topik}", 5),
)
TOPICS = (
    "Musrenbang Kecamatan", "Pelaksanaan Posyandu", "Penyaluran BLT Dana Desa",
    "Administrasi Kependudukan", "Pajak Bumi dan Bangunan", "Penanggulangan Bencana",
    "Pemilihan Kepala Desa", "Bulan Bakti Gotong Royong", "Pencegahan Stunting",
    "Ketertiban Umum dan Ketenteraman", "Peringatan HUT RI", "Evaluasi APBDes",
    "Program Keluarga Harapan", "Vaksinasi Anak Sekolah", "Kegiatan Pramuka",
    "Pengawasan Pemilu", "Data Rumah Tidak Layak Huni", "Pembinaan PKK",
)
CODES = ("005", "045", "050", "090", "140", "141", "300", "400", "410", "440", "460", "470",
         "900", "970")
SIFAT_WEIGHTS = (("biasa", 70), ("segera", 20), ("sangat segera", 6), ("rahasia", 4))
UNITS = ("415.10", "415.13", "415.17", "415.20", "415.34", "415.67.1", "415.67.5")


def generate(letters: int, today: dt.date, seed: int = 2026) -> list[dict[str, Any]]:
    """`letters` realistic rows over the three years up to `today`, numbered per year."""
    rng = random.Random(seed)
    years = (today.year - 2, today.year - 1, today.year)
    subjects = [s for s, weight in SUBJECTS for _ in range(weight)]
    sifats = [s for s, weight in SIFAT_WEIGHTS for _ in range(weight)]
    rows: list[dict[str, Any]] = []
    per_year = letters // len(years)
    for index, year in enumerate(years):
        count = per_year if index < len(years) - 1 else letters - per_year * (len(years) - 1)
        last = today if year == today.year else dt.date(year, 12, 31)
        span = (last - dt.date(year, 1, 1)).days
        days = sorted(rng.randint(0, span) for _ in range(count))
        for nomor, offset in enumerate(days, 1):
            received = dt.date(year, 1, 1) + dt.timedelta(days=offset)
            written = received - dt.timedelta(days=rng.randint(0, 6))
            code = rng.choice(CODES)
            stamp = dt.datetime.combine(received, dt.time(8 + rng.randint(0, 7),
                                                          rng.randint(0, 59)))
            rows.append({
                "tahun": year, "nomor_agenda": nomor, "tanggal_diterima": received,
                "dari": rng.choice(SENDERS),
                "nomor_surat": f"{code}/{rng.randint(1, 2500)}/{rng.choice(UNITS)}/{written.year}",
                "tanggal_surat": written,
                "perihal": rng.choice(subjects).format(topik=rng.choice(TOPICS)),
                "sifat": rng.choice(sifats), "klasifikasi": code,
                "lampiran": rng.choice(("", "", "", "1 berkas", "2 lembar")),
                "status": "diterima", "batal_alasan": None, "batal_pada": None,
                "dibuat_oleh": "Agendaris", "dibuat_pada": stamp, "diubah_pada": stamp,
                "versi": 1,
            })
    return rows


def fill(rows: list[dict[str, Any]]) -> None:
    """Write the rows and the year counters in one transaction (not timed).

    The INSERT is the one peewee's insert_many builds for a row, run with executemany: peewee
    rendering 100,000 rows into SQL takes ~12 s here, executemany well under a second.
    """
    from jogoroto_desktop.registers.surat_masuk import COUNTER_AGENDA
    from models import Counter, SuratMasuk, db

    def plain(value: object) -> object:
        if isinstance(value, dt.datetime):
            return value.isoformat(" ")
        return value.isoformat() if isinstance(value, dt.date) else value

    sql, _ = SuratMasuk.insert_many(rows[:1]).sql()
    # the INSERT names the columns in the model's field order, not the rows' key order
    columns = [f.name for f in SuratMasuk._meta.sorted_fields if f.name in rows[0]]
    last: dict[int, int] = {}
    with db.atomic():
        db.cursor().executemany(sql, [tuple(plain(row[name]) for name in columns)
                                      for row in rows])
        for row in rows:
            last[row["tahun"]] = max(last.get(row["tahun"], 0), row["nomor_agenda"])
        Counter.insert_many([{"name": COUNTER_AGENDA, "year": year, "value": value}
                             for year, value in last.items()]).execute()
    db.execute_sql("ANALYZE")


class _Capture(logging.Handler):
    """Collects the (sql, params) peewee logs at DEBUG level."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.queries: list[tuple[str, tuple]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            sql, params = record.msg
            self.queries.append((sql, tuple(params or ())))


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def measure_filter(path: Path, repeats: int, word: str) -> tuple[Figure, dict[str, Any]]:
    from jogoroto_desktop.registers.surat_masuk import AgendaFilter, query_surat_masuk

    def capture_both() -> tuple[int, list]:
        query = query_surat_masuk(AgendaFilter(teks=word))
        return query.count(), list(query.limit(PAGE))

    def ours() -> tuple[int, list]:
        # What the agenda page's model does: the first page first; a page that is not full
        # holds every match, so the COUNT pass is only needed when it is full.
        query = query_surat_masuk(AgendaFilter(teks=word))
        page = list(query.limit(PAGE))
        return (query.count() if len(page) == PAGE else len(page)), page

    capture = _Capture()
    logger = logging.getLogger("peewee")
    logger.addHandler(capture)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        total, page = capture_both()
    finally:
        logger.removeHandler(capture)
        logger.setLevel(old_level)
    assert len(capture.queries) == 2, capture.queries
    (count_sql, count_params), (page_sql, page_params) = capture.queries

    raw = sqlite3.connect(path)

    def baseline() -> tuple[int, list]:
        rows = raw.execute(page_sql, page_params).fetchall()
        if len(rows) < PAGE:
            return len(rows), rows
        return raw.execute(count_sql, count_params).fetchone()[0], rows

    raw_total, raw_page = baseline()
    assert (raw_total, len(raw_page)) == (total, len(page)), "baseline differs"
    ours_ms: list[float] = []
    base_ms: list[float] = []
    for _ in range(repeats):  # interleaved, after the warm-up above
        ours_ms.append(_timed(ours))
        base_ms.append(_timed(baseline))
    plan = {
        "count_sql": count_sql, "page_sql": page_sql, "matches": total,
        "count_plan": [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {count_sql}",
                                                     count_params)],
        "page_plan": [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {page_sql}",
                                                    page_params)],
    }
    raw.close()
    figure = Figure(f"filter \u201c{word}\u201d ({total} found): first {PAGE} rows + count",
                    median(ours_ms), "same SQL, raw sqlite3", median(base_ms),
                    goal_ratio=FILTER_GOAL_RATIO, goal_ms=FILTER_GOAL_MS)
    return figure, plan


def measure_issue(path: Path, repeats: int) -> Figure:
    from jogoroto_desktop import session
    from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
    from models import SuratMasuk

    # Registering checks the permission and writes an audit row in the same transaction:
    # both are part of what is measured.
    session.set_actor(session.Actor("agendaris", "Agendaris", "agendaris"))
    today = dt.date.today()
    letter = SuratMasukInput(
        dari="Dinas Pendidikan Kab. Jombang", nomor_surat="005/1432/415.13/2026",
        tanggal_surat=today, perihal="Undangan Rapat Koordinasi Kepala Sekolah",
        sifat="segera", klasifikasi="005", lampiran="1 berkas", tanggal_diterima=today)
    first = register_surat_masuk(letter)  # warm-up (caches, statement preparation)
    row = {field.column_name: getattr(first, field.name)
           for field in SuratMasuk._meta.sorted_fields if field.name != "id"}
    columns = ", ".join(row)
    insert_sql = (f"INSERT INTO surat_masuk ({columns}) "
                  f"VALUES ({', '.join('?' for _ in row)})")
    raw = sqlite3.connect(path, isolation_level=None, timeout=10)
    raw.execute("PRAGMA synchronous = FULL")  # as every program connection (models.database)
    raw.execute("PRAGMA busy_timeout = 10000")
    next_raw = iter(range(10_000_000, 20_000_000))

    def bare() -> None:
        values = dict(row, nomor_agenda=next(next_raw))
        raw.execute(insert_sql, tuple(values.values()))  # autocommit: one committed insert

    bare()
    ours_ms: list[float] = []
    base_ms: list[float] = []
    for _ in range(repeats):
        ours_ms.append(_timed(lambda: register_surat_masuk(letter)))
        base_ms.append(_timed(bare))
    raw.close()
    return Figure("issue a nomor agenda (register_surat_masuk)", median(ours_ms),
                  "bare INSERT, raw sqlite3", median(base_ms), goal_ms=ISSUE_GOAL_MS)


@contextlib.contextmanager
def filled_agenda(letters: int) -> Iterator[Path]:
    """A fresh SQLite file in a scratch data folder holding `letters` letters, open for the
    block; the time to fill it is not measured."""
    with scratch_database("agenda.db") as path:
        fill(generate(letters, dt.date.today()))
        yield path


def figures(letters: int = 100_000) -> list[Figure]:
    """For benchmarks/run.py: the filter (a common word and an absent one) and numbering, with
    `letters` letters in a fresh SQLite file."""
    with filled_agenda(letters) as path:
        return [measure_filter(path, 30, WORD)[0], measure_filter(path, 30, ABSENT_WORD)[0],
                measure_issue(path, 200)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=30, help="repeats of the filter")
    parser.add_argument("--issues", type=int, default=200, help="letters registered")
    parser.add_argument("--explain", action="store_true", help="print the SQL and query plans")
    args = parser.parse_args()
    started = time.perf_counter()
    with filled_agenda(args.letters) as path:
        print(f"{args.letters} surat dibuat dalam {time.perf_counter() - started:.1f} s "
              "(tidak dihitung)", file=sys.stderr)
        filter_figure, plan = measure_filter(path, args.repeats, WORD)
        absent_figure, _ = measure_filter(path, args.repeats, ABSENT_WORD)
        issue_figure = measure_issue(path, args.issues)
    print_table((filter_figure, absent_figure, issue_figure))
    if args.explain:
        print(f"\nmatches of \u201c{WORD}\u201d: {plan['matches']}")
        for name in ("count", "page"):
            print(f"\n{name} SQL: {plan[f'{name}_sql']}")
            for line in plan[f"{name}_plan"]:
                print(f"  plan: {line}")


if __name__ == "__main__":
    main()
