"""The office network: several PCs on one PostgreSQL server over a cheap switch or Wi-Fi.

A small TCP proxy on 127.0.0.1 sits in front of the PostgreSQL server and holds every chunk
of bytes for half the round-trip time in each direction (a delay line: chunks keep their
order and do not wait for each other, so only latency is added, not a bandwidth limit). The
program connects through it and every figure is measured at 0 ms (the baseline, through the
same proxy), 2 ms and 10 ms round trips, in the same run.

Round trips are counted AT THE PROXY, from the PostgreSQL frontend protocol: every message the
client sends and then waits for an answer to (a simple ``Query``, an extended-protocol
``Sync``, the start-up and password messages). ``BEGIN``, ``COMMIT`` and ``SAVEPOINT`` are
round trips too, as on the wire.

What is timed, with 100,000 letters in every letter register and 200,000 service requests
in a database of its own (``jogoroto_bench``; bulk-loaded with COPY, not timed):

- opening each register page as the window does: building the page widget (offscreen),
  showing it and processing events until its table shows rows (the model's first fetch);
- saving a new letter, a disposisi and a layanan step (the domain functions the forms call),
  the overview's refresh (Sekretariat) and the login (``ada_pengguna`` + ``masuk``).

Goals (issue 13): every page opens in <= 300 ms at 2 ms RTT and <= 1 s at 10 ms; every
action takes <= 10 round trips (so no query per row).

    python benchmarks/network.py [--quick] [--letters N] [--requests N] [--repeats N]
                                 [--database NAME] [--keep]

``--quick`` uses 1,000 letters and 2,000 requests and one repeat (what the test runs).
The PostgreSQL server is JOGOROTO_TEST_PG_URL (default
postgresql://jogoroto:jogoroto@localhost:5432/jogoroto_test); its role needs CREATEDB.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import logging
import os
import queue
import random
import socket
import statistics
import struct
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.common import Figure  # noqa: E402

DEFAULT_PG_URL = "postgresql://jogoroto:jogoroto@localhost:5432/jogoroto_test"
BENCH_DATABASE = "jogoroto_bench"
RTTS_MS = (0.0, 2.0, 10.0)
PAGE_GOALS_MS = {2.0: 300.0, 10.0: 1000.0}
ROUND_TRIP_GOAL = 10
SEKSI = "sekretariat"
ADMIN_PASSWORD = "Bench-Jaringan-2026"

# --- the proxy ------------------------------------------------------------------------------

_SSL_REQUEST = 80877103
_GSSENC_REQUEST = 80877104
_CANCEL_REQUEST = 80877102
#: Frontend messages after which the client waits for the server: Query, Sync, and the
#: password/SASL answers of the start-up (the start-up message itself is counted apart).
_WAITING_MESSAGES = frozenset(b"QSp")


class FrontendCounter:
    """Counts, in the bytes a PostgreSQL client sends, the messages it then waits on."""

    def __init__(self, on_round_trip: Callable[[], None]) -> None:
        self._buffer = bytearray()
        self._started = False  # after the StartupMessage, every message has a type byte
        self._on_round_trip = on_round_trip

    def feed(self, data: bytes) -> None:
        self._buffer += data
        while True:
            if not self._started:  # untyped: Int32 length, Int32 code
                if len(self._buffer) < 8:
                    return
                length, code = struct.unpack("!ii", self._buffer[:8])
                if len(self._buffer) < length:
                    return
                del self._buffer[:length]
                if code != _CANCEL_REQUEST:
                    self._on_round_trip()
                if code not in (_SSL_REQUEST, _GSSENC_REQUEST, _CANCEL_REQUEST):
                    self._started = True
                continue
            if len(self._buffer) < 5:
                return
            kind = self._buffer[0]
            (length,) = struct.unpack("!i", self._buffer[1:5])
            if len(self._buffer) < 1 + length:
                return
            del self._buffer[:1 + length]
            if kind in _WAITING_MESSAGES:
                self._on_round_trip()


class DelayProxy:
    """A TCP proxy on 127.0.0.1 that adds `rtt_ms` to every round trip and counts them.

    Each direction is a delay line: a reader thread stamps every chunk with the moment it may
    leave (now + rtt/2) and a writer thread sends it then, so a long answer that arrives in
    many chunks costs one delay, not one per chunk. `rtt_ms` may change at any time; it
    applies to chunks read afterwards."""

    def __init__(self, upstream: tuple[str, int], rtt_ms: float = 0.0) -> None:
        self.upstream = upstream
        self.rtt_ms = rtt_ms
        self._count = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._closed = threading.Event()
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, name="proxy-accept", daemon=True).start()

    @property
    def round_trips(self) -> int:
        with self._lock:
            return self._count

    def reset(self) -> None:
        with self._lock:
            self._count = 0

    def _counted(self) -> None:
        with self._lock:
            self._count += 1

    def close(self) -> None:
        self._closed.set()
        with contextlib.suppress(OSError):
            self._listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def __enter__(self) -> DelayProxy:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._sockets += [client, server]
            counter = FrontendCounter(self._counted)
            self._pipe(client, server, counter.feed)
            self._pipe(server, client, None)

    def _pipe(self, source: socket.socket, target: socket.socket,
              inspect: Callable[[bytes], None] | None) -> None:
        line: queue.Queue[tuple[float, bytes]] = queue.Queue()

        def read() -> None:
            while True:
                try:
                    data = source.recv(65536)
                except OSError:
                    data = b""
                if inspect is not None and data:
                    inspect(data)
                line.put((time.perf_counter() + self.rtt_ms / 2000, data))
                if not data:
                    return

        def write() -> None:
            while True:
                due, data = line.get()
                wait = due - time.perf_counter()
                if wait > 0:
                    time.sleep(wait)
                if not data:
                    with contextlib.suppress(OSError):
                        target.shutdown(socket.SHUT_WR)
                    return
                try:
                    target.sendall(data)
                except OSError:
                    return

        threading.Thread(target=read, name="proxy-read", daemon=True).start()
        threading.Thread(target=write, name="proxy-write", daemon=True).start()


# --- the database -----------------------------------------------------------------------------


def server_url() -> str:
    return os.environ.get("JOGOROTO_TEST_PG_URL") or DEFAULT_PG_URL


def with_database(url: str, name: str, host: str | None = None, port: int | None = None,
                  query: str | None = None) -> str:
    """`url` naming database `name` (and, if given, another host/port and query)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if host is not None:
        auth = netloc.rpartition("@")[0]
        netloc = f"{auth}@{host}:{port}" if auth else f"{host}:{port}"
    return urlunsplit((parts.scheme, netloc, f"/{name}",
                       parts.query if query is None else query, ""))


def _on_server(url: str, *statements: str) -> None:
    """Run `statements` outside a transaction (CREATE/DROP DATABASE need that)."""
    import psycopg2

    with contextlib.closing(psycopg2.connect(url)) as conn:
        conn.autocommit = True
        with conn.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def recreate_database(url: str, name: str) -> None:
    """Drop and create database `name` on the server of `url` (role with CREATEDB); WITH
    (FORCE) closes connections another run may have left."""
    _on_server(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')


def drop_database(url: str, name: str) -> None:
    _on_server(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _csv_field(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return '"' + str(value).replace('"', '""') + '"'


def copy_rows(cursor: Any, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Write `rows` (dicts with the same keys) into `table` with one COPY."""
    if not rows:
        return
    columns = list(rows[0])
    buffer = io.StringIO()
    for row in rows:
        buffer.write(",".join(_csv_field(row[c]) for c in columns))
        buffer.write("\n")
    buffer.seek(0)
    cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)",
                       buffer)


def _register_columns(status: str, stamp: dt.datetime) -> dict[str, Any]:
    return {"status": status, "batal_alasan": None, "batal_pada": None,
            "dibuat_oleh": "Agendaris", "dibuat_pada": stamp, "diubah_pada": stamp, "versi": 1}


def table_sizes(letters: int, requests: int) -> dict[str, int]:
    """Rows per register: `letters` in each letter register (a tenth of them for the surat
    pengantar), `requests` service requests, and the smaller registers in proportion."""
    factor = letters / 100_000
    smaller = {"pegawai": 1_000, "cuti": 20_000, "pelacakan": 2_000, "audit": 200_000}
    return {"letters": letters, "requests": requests,
            **{name: max(50, int(rows * factor)) for name, rows in smaller.items()}}


def chained_audit_rows(count: int, letters: int, now: dt.datetime, head_id: int,
                       previous: str) -> tuple[list[dict[str, Any]], str]:
    """`count` audit rows, oldest first, hash-chained as the program writes them after the
    chain head (`head_id`, `previous`), and the new head's hash."""
    from models import audit_chain

    rows = []
    for row_id in range(head_id + 1, head_id + count + 1):
        values = {"id": row_id, "pada": now - dt.timedelta(minutes=head_id + count - row_id),
                  "oleh": "Agendaris", "aksi": "buat", "tabel": "surat_masuk",
                  "rekaman_id": 1 + row_id % max(letters, 1),
                  "ringkasan": f"Surat masuk {row_id} dicatat", "perubahan": "{}"}
        digest = audit_chain.row_hash([values[c] for c in audit_chain.KOLOM], previous)
        rows.append({**values, "hash_sebelum": previous, "hash_baris": digest})
        previous = digest
    return rows, previous


def fill(url: str, sizes: dict[str, int], now: dt.datetime) -> dict[str, int]:
    """Bulk-load every register of the (migrated, empty) database at `url`; not timed.

    Returns how many rows each table got."""
    import psycopg2

    from benchmarks import agenda
    from benchmarks import overview as overview_bench
    from jogoroto_desktop.registers import layanan as ly
    from jogoroto_desktop.registers.ekspedisi import COUNTER_EKSPEDISI
    from jogoroto_desktop.registers.pelacakan import SOP_PELACAKAN
    from jogoroto_desktop.registers.surat_keluar import COUNTER_KELUAR
    from jogoroto_desktop.registers.surat_masuk import COUNTER_AGENDA

    rng = random.Random(2026)
    today = now.date()
    masuk = agenda.generate(sizes["letters"], today)
    counters: dict[tuple[str, int], int] = {}

    def bump(name: str, year: int, value: int) -> None:
        counters[(name, year)] = max(counters.get((name, year), 0), value)

    for row in masuk:
        bump(COUNTER_AGENDA, row["tahun"], row["nomor_agenda"])
    keluar, pengantar, ekspedisi = [], [], []
    for index, letter in enumerate(masuk):
        year = letter["tahun"]
        urut = counters.get((COUNTER_KELUAR, year), 0) + 1
        bump(COUNTER_KELUAR, year, urut)
        stamp = letter["dibuat_pada"]
        keluar.append({
            "tahun": year, "urut": urut,
            "nomor": f"{letter['klasifikasi']}/{urut}/415.67/{year}",
            "klasifikasi": letter["klasifikasi"], "tanggal": letter["tanggal_diterima"],
            "kepada": letter["dari"], "perihal": "Jawaban " + letter["perihal"],
            "sifat": letter["sifat"], "pengolah": SEKSI, "lampiran": "",
            **_register_columns("dikirim", stamp)})
        ekspedisi.append({
            "tahun": year, "nomor": index + 1, "surat_masuk_id": None,
            "surat_keluar_id": index + 1, "uraian": "Surat keluar " + keluar[-1]["nomor"],
            "kepada": letter["dari"], "dikirim_pada": stamp, "diterima_oleh": "Staf",
            "diterima_pada": stamp + dt.timedelta(hours=2)})
        bump(COUNTER_EKSPEDISI, year, index + 1)
    # The newest tenth: the register opens on this year, as every register page does.
    for index, letter in enumerate(reversed(masuk)):
        year = letter["tahun"]
        urut = counters[(COUNTER_KELUAR, year)] + 1
        bump(COUNTER_KELUAR, year, urut)
        pengantar.append({
            "tahun": year, "urut": urut, "nomor": f"000/{urut}/415.67/{year}",
            "klasifikasi": "000", "tanggal": letter["tanggal_diterima"],
            "kepada": letter["dari"], "di": "Jombang", "penandatangan_id": 1, "sumber": "",
            **_register_columns("aktif", letter["dibuat_pada"])})
        if index >= sizes["letters"] // 10:
            break  # an office writes fewer covering letters than letters
    sop_ids = [sop.id for sop in ly.layanan_seksi(SEKSI)]
    permohonan = overview_bench.generate(sizes["requests"], sop_ids, now, days=3 * 365)
    for row in permohonan:
        bump(f"layanan:{row['sop_id']}", row["tahun"], row["nomor"])
        bump(ly.COUNTER_TANDA_TERIMA, row["tahun"], row["nomor_tanda_terima"])

    conn = psycopg2.connect(url)
    try:
        with conn, conn.cursor() as cursor:
            cursor.execute("SELECT id, seksi FROM pejabat ORDER BY urutan")
            officials = cursor.fetchall()
            camat = officials[0][0]
            others = [pid for pid, _ in officials[1:]]
            copy_rows(cursor, "surat_masuk", masuk)
            copy_rows(cursor, "surat_keluar", keluar)
            copy_rows(cursor, "ekspedisi", ekspedisi)
            copy_rows(cursor, "surat_pengantar", pengantar)
            disposisi, tujuan = [], []
            for index, letter in enumerate(masuk):
                done = rng.random() < 0.98 or letter["tahun"] < today.year
                moment = letter["dibuat_pada"] + dt.timedelta(hours=1)
                disposisi.append({
                    "surat_masuk_id": index + 1, "induk_id": None, "dari_pejabat_id": camat,
                    "tanggal": moment, "batas_waktu": None, "instruksi": "Proses lebih lanjut",
                    "catatan": "", "selesai": done,
                    "selesai_pada": moment + dt.timedelta(days=1) if done else None,
                    "tindak_lanjut": "Sudah ditindaklanjuti" if done else ""})
                tujuan.append({
                    "disposisi_id": index + 1, "pejabat_id": others[index % len(others)],
                    "selesai": done,
                    "selesai_pada": moment + dt.timedelta(days=1) if done else None,
                    "tindak_lanjut": "Sudah ditindaklanjuti" if done else ""})
            copy_rows(cursor, "disposisi", disposisi)
            copy_rows(cursor, "disposisi_tujuan", tujuan)
            copy_rows(cursor, "permohonan", permohonan)
            pegawai = [{
                "nip": f"19{70 + i % 30:02d}0{1 + i % 9}1{i % 28 + 10:02d}"
                       f"{2000 + i % 20}0{1 + i % 9}{1 + i % 2}{i % 1000:03d}",
                "nama": f"{overview_bench.NAMES[i % len(overview_bench.NAMES)]} {i}",
                "jenis_kelamin": "LP"[i % 2], "tanggal_lahir": dt.date(1970 + i % 30, 1 + i % 12,
                                                                      1 + i % 28),
                "tmt_cpns": dt.date(2000 + i % 20, 3, 1), "pangkat": "Penata Muda",
                "golongan": "III/a", "jabatan": "Pelaksana", "tmt_pangkat": dt.date(2020, 4, 1),
                "bup": 58, "jatah_cuti": 12, "aktif": True, "dibuat_pada": now,
                "diubah_pada": now, "versi": 1} for i in range(sizes["pegawai"])]
            copy_rows(cursor, "pegawai", pegawai)
            cuti = []
            for i in range(sizes["cuti"]):
                start = today - dt.timedelta(days=rng.randint(0, 3 * 365))
                cuti.append({
                    "pegawai_id": 1 + i % sizes["pegawai"], "tahun": start.year,
                    "jenis": "tahunan", "mulai": start, "selesai": start + dt.timedelta(days=2),
                    "hari": 3, "alasan": "Keperluan keluarga", "status_alasan": "",
                    **_register_columns("disetujui" if i % 50 else "diajukan",
                                        dt.datetime.combine(start, dt.time(9)))})
            copy_rows(cursor, "cuti", cuti)
            runs = SOP_PELACAKAN[SEKSI]
            copy_rows(cursor, "pelacakan", [{
                "sop_id": runs[i % len(runs)], "nama": f"{runs[i % len(runs)]} {i}",
                "tahun": today.year - i % 3, "langkah_sekarang": 1, "pemegang": "Bendahara",
                "batas_waktu": None, "catatan": "", "selesai_pada": None,
                **_register_columns("berjalan" if i % 10 == 0 else "selesai", now)}
                for i in range(sizes["pelacakan"])])
            cursor.execute("SELECT audit_id, hash FROM audit_kepala WHERE id = 1")
            head_id, head = cursor.fetchone()
            audit_rows, head = chained_audit_rows(sizes["audit"], sizes["letters"], now,
                                                  head_id, head)
            copy_rows(cursor, "audit", audit_rows)
            cursor.execute("UPDATE audit_kepala SET audit_id = %s, hash = %s WHERE id = 1",
                           (head_id + sizes["audit"], head))
            copy_rows(cursor, "counter", [{"name": name, "year": year, "value": value}
                                          for (name, year), value in counters.items()])
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    finally:
        conn.close()
    return {"surat_masuk": len(masuk), "surat_keluar": len(keluar),
            "ekspedisi": len(ekspedisi), "surat_pengantar": len(pengantar),
            "disposisi": len(masuk), "permohonan": len(permohonan),
            "pegawai": sizes["pegawai"], "cuti": sizes["cuti"], "pelacakan": sizes["pelacakan"],
            "audit": sizes["audit"]}


# --- what is measured --------------------------------------------------------------------------


@dataclass
class Measured:
    """One action at every round-trip time: milliseconds (median) and round trips."""

    name: str
    is_page: bool
    ms: dict[float, float] = field(default_factory=dict)
    round_trips: int = 0
    statements: list[str] = field(default_factory=list)  # what peewee sent, one run at 0 ms

    def met(self) -> bool:
        ok = self.round_trips <= ROUND_TRIP_GOAL
        if self.is_page:
            ok = ok and all(self.ms[rtt] <= goal for rtt, goal in PAGE_GOALS_MS.items())
        return ok


def _page_factories() -> list[tuple[str, Callable[[], Any]]]:
    """(name, build) of each register page, built as the window's desk builds it."""
    from jogoroto_desktop.registers.pelacakan import SOP_PELACAKAN

    def build(module: str, cls: str, *args: object) -> Callable[[], Any]:
        def make() -> Any:
            import importlib

            return getattr(importlib.import_module(module), cls)(*args)

        return make

    return [
        ("Agenda Surat Masuk", build("ui.agenda_page", "AgendaSuratMasukPage")),
        ("Agenda Surat Keluar", build("ui.keluar_page", "AgendaSuratKeluarPage")),
        ("Buku Ekspedisi", build("ui.ekspedisi_page", "BukuEkspedisiPage")),
        ("Surat Pengantar", build("ui.pengantar_page", "SuratPengantarPage")),
        ("Layanan", build("ui.layanan_page", "LayananPage", SEKSI)),
        ("Data Pegawai", build("ui.pegawai_page", "PegawaiPage")),
        ("Buku Cuti", build("ui.cuti_page", "BukuCutiPage")),
        ("Pelacakan", build("ui.pelacakan_page", "PelacakanPage", SOP_PELACAKAN[SEKSI])),
        ("Kotak Masuk Disposisi", build("ui.inbox_page", "InboxPage", SEKSI)),
        ("Jejak Audit", build("ui.audit_page", "AuditDialog")),
    ]


def _shown_rows(widget: Any) -> int:
    """Rows of the largest table or list the widget shows."""
    from PySide6.QtWidgets import QAbstractItemView

    counts = [view.model().rowCount() for view in widget.findChildren(QAbstractItemView)
              if view.isVisible() and view.model() is not None]
    return max(counts, default=0)


def open_page(app: Any, build: Callable[[], Any], timeout_s: float = 30.0) -> float:
    """Milliseconds from building a page to its table showing rows (events processed)."""
    started = time.perf_counter()
    page = build()
    page.resize(1280, 760)
    page.show()
    app.processEvents()
    while _shown_rows(page) == 0:
        if time.perf_counter() - started > timeout_s:
            raise RuntimeError(f"{type(page).__name__} shows no rows after {timeout_s} s")
        app.processEvents()
        time.sleep(0.001)
    elapsed = (time.perf_counter() - started) * 1000
    page.close()
    page.deleteLater()
    app.processEvents()
    return elapsed


def _actions(now: dt.datetime, url: str) -> list[tuple[str, Callable[[], Callable[[], object]]]]:
    """(name, prepare) of each action: `prepare()` (not timed) returns the timed call. `url`
    is the database through the proxy."""
    import models
    from jogoroto_desktop import accounts, session
    from jogoroto_desktop.registers import layanan as ly
    from jogoroto_desktop.registers.disposisi import tulis_disposisi
    from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
    from models import Pejabat, SuratMasuk

    letter = SuratMasukInput(
        dari="Dinas Pendidikan Kab. Jombang", nomor_surat="005/1432/415.13/2026",
        tanggal_surat=now.date(), perihal="Undangan Rapat Koordinasi Kepala Sekolah",
        sifat="segera", klasifikasi="005", lampiran="1 berkas", tanggal_diterima=now.date())

    def save_letter() -> Callable[[], object]:
        return lambda: register_surat_masuk(letter)

    def disposisi() -> Callable[[], object]:
        surat = SuratMasuk.select().order_by(SuratMasuk.id.desc()).get()
        officials = list(Pejabat.select().order_by(Pejabat.urutan))
        return lambda: tulis_disposisi(surat, officials[0], [officials[1]],
                                       ["Proses lebih lanjut"])

    # The detailed service with the longest checklist: the most rows a registration writes.
    sop = max((s for s in ly.layanan_seksi(SEKSI) if not s.is_draft),
              key=lambda s: len(ly.syarat_sop(s)))
    request = ly.PermohonanInput(
        sop_id=sop.id, nama="Siti Aminah", nik="3517014101900001",
        alamat="Dusun Jogoroto RT 01", desa="Jogoroto", semua_syarat_ada=True)

    def layanan_new() -> Callable[[], object]:
        return lambda: ly.daftar(request)

    def layanan_step() -> Callable[[], object]:
        registered = ly.daftar(request)
        return lambda: ly.lanjut(registered)

    def overview_refresh() -> Callable[[], object]:
        from ui.overview_page import OverviewPage

        page = OverviewPage(SEKSI)
        page.refresh()
        return page.refresh

    def login() -> Callable[[], object]:
        def sign_in() -> object:
            accounts.ada_pengguna()
            result = accounts.masuk(accounts.ADMIN, ADMIN_PASSWORD)
            session.set_actor(result.actor)
            return result

        return sign_in

    def open_database() -> Callable[[], object]:
        return lambda: models.open_database(url)  # a new connection, as at start-up

    return [("buka basis data (mulai program)", open_database),
            ("simpan surat masuk baru", save_letter), ("tulis disposisi", disposisi),
            ("layanan: daftar permohonan baru", layanan_new),
            ("layanan: langkah berikutnya", layanan_step),
            ("segarkan ringkasan (overview)", overview_refresh), ("masuk (login)", login)]


class _Statements(logging.Handler):
    """Collects the SQL peewee logs at DEBUG level (for --show-sql)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if isinstance(record.msg, tuple) and len(record.msg) == 2:
            self.sql.append(str(record.msg[0]))


@contextlib.contextmanager
def logged_statements() -> Iterator[list[str]]:
    """The statements peewee runs inside the block (transactions are not logged)."""
    handler = _Statements()
    logger = logging.getLogger("peewee")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.sql
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def measure(proxy: DelayProxy, url: str, repeats: int, now: dt.datetime) -> list[Measured]:
    """Every page and action at every RTT (round trips counted once, at 0 ms)."""
    from PySide6.QtWidgets import QApplication

    from jogoroto_desktop import session

    app = QApplication.instance() or QApplication([])
    results: list[Measured] = []
    for name, build in _page_factories():
        result = Measured(f"buka {name}", is_page=True)
        proxy.rtt_ms = 0.0
        open_page(app, build)  # warm-up: imports, statement caches, the server's buffers
        with logged_statements() as result.statements:
            open_page(app, build)
        for rtt in RTTS_MS:
            proxy.rtt_ms = rtt
            times = []
            for _ in range(repeats):
                proxy.reset()
                times.append(open_page(app, build))
                result.round_trips = max(result.round_trips, proxy.round_trips)
            result.ms[rtt] = statistics.median(times)
        results.append(result)
    for name, prepare in _actions(now, url):
        result = Measured(name, is_page=False)
        proxy.rtt_ms = 0.0
        prepare()()  # warm-up
        call = prepare()
        with logged_statements() as result.statements:
            call()
        for rtt in RTTS_MS:
            times = []
            for _ in range(repeats):
                proxy.rtt_ms = 0.0
                call = prepare()
                proxy.rtt_ms = rtt
                proxy.reset()
                started = time.perf_counter()
                call()
                times.append((time.perf_counter() - started) * 1000)
                result.round_trips = max(result.round_trips, proxy.round_trips)
                session.set_actor(_bench_actor())
            result.ms[rtt] = statistics.median(times)
        results.append(result)
    proxy.rtt_ms = 0.0
    return results


def _bench_actor() -> Any:
    from jogoroto_desktop import session

    return session.Actor("admin", "Administrator", "admin", None)


def format_table(results: Iterable[Measured]) -> str:
    """action | round trips | 0 ms | 2 ms | 10 ms | goal met (Markdown)."""
    lines = ["| action | round trips | 0 ms RTT | 2 ms RTT | 10 ms RTT | goal met |",
             "|---|---|---|---|---|---|"]
    for r in results:
        times = " | ".join(f"{r.ms[rtt]:.0f} ms" for rtt in RTTS_MS)
        lines.append(f"| {r.name} | {r.round_trips} | {times} | "
                     f"{'ya' if r.met() else 'TIDAK'} |")
    return "\n".join(lines)


def to_figures(results: Iterable[Measured]) -> list[Figure]:
    """The results as run.py's figures: each action at 2 and 10 ms against 0 ms, and its round
    trips against the goal."""
    figures = []
    for r in results:
        for rtt in RTTS_MS[1:]:
            goal = PAGE_GOALS_MS.get(rtt) if r.is_page else None
            figures.append(Figure(f"{r.name}, RTT {rtt:g} ms", r.ms[rtt], "RTT 0 ms",
                                  r.ms[0.0], goal_ms=goal))
        figures.append(Figure(f"{r.name}: round trips", r.round_trips, "goal",
                              ROUND_TRIP_GOAL, goal_ms=ROUND_TRIP_GOAL, unit="RT"))
    return figures


@contextlib.contextmanager
def bench_database(sizes: dict[str, int], name: str, keep: bool = False,
                   log: Callable[[str], None] = lambda _text: None
                   ) -> Iterator[tuple[DelayProxy, str, dt.datetime]]:
    """A fresh database `name` filled to `sizes`, opened as models.db through a DelayProxy
    (with the acting user set); dropped afterwards unless `keep`."""
    import models
    from jogoroto_desktop import accounts, session

    url = server_url()
    direct = with_database(url, name)
    recreate_database(url, name)
    try:
        started = time.perf_counter()
        models.open_database(direct)  # migrations, straight to the server
        session.set_actor(session.SETUP_ADMIN)
        accounts.buat_admin_awal(ADMIN_PASSWORD)
        models.close_database()
        now = dt.datetime.now().replace(microsecond=0)
        counts = fill(direct, sizes, now)
        log(f"database {name} filled in {time.perf_counter() - started:.1f} s: "
            + ", ".join(f"{table} {count:,}" for table, count in counts.items()))
        host = urlsplit(url).hostname or "localhost"
        port = urlsplit(url).port or 5432
        with DelayProxy((host, port)) as proxy:
            # No TLS through the proxy: it reads the protocol to count the round trips.
            proxied = with_database(url, name, "127.0.0.1", proxy.port, query="sslmode=disable")
            models.open_database(proxied)
            session.set_actor(_bench_actor())
            try:
                yield proxy, proxied, now
            finally:
                session.set_actor(None)
                models.close_database()
    finally:
        if not keep:
            drop_database(url, name)


def run(sizes: dict[str, int], repeats: int, name: str, keep: bool = False,
        log: Callable[[str], None] = lambda _text: None) -> list[Measured]:
    with tempfile.TemporaryDirectory(prefix="jogoroto-bench-") as folder:
        os.environ["JOGOROTO_DATA_DIR"] = folder
        with bench_database(sizes, name, keep, log) as (proxy, proxied, now):
            return measure(proxy, proxied, repeats, now)


def figures(letters: int = 100_000, requests: int = 200_000) -> list[Figure]:
    """For benchmarks/run.py: every page and action at 0, 2 and 10 ms round trips."""
    return to_figures(run(table_sizes(letters, requests), 3, BENCH_DATABASE))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="1,000 letters, 2,000 requests, one repeat (for the test)")
    parser.add_argument("--letters", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--database", help=f"database to create (default {BENCH_DATABASE}; "
                                           "--quick: a name of its own per process)")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--show-sql", action="store_true",
                        help="print the statements each action ran (at 0 ms)")
    args = parser.parse_args(argv)
    if args.quick:
        args.letters, args.requests, args.repeats = 1_000, 2_000, 1
    name = args.database or (f"{BENCH_DATABASE}_q{os.getpid()}" if args.quick
                             else BENCH_DATABASE)
    results = run(table_sizes(args.letters, args.requests), args.repeats, name, args.keep,
                  log=lambda text: print(text, file=sys.stderr, flush=True))
    if args.show_sql:
        for result in results:
            print(f"\n{result.name}: {len(result.statements)} statements")
            for statement in result.statements:
                print(f"  {statement[:300]}")
    print(format_table(results))
    missed = [r.name for r in results if not r.met()]
    print(f"\n{len(results) - len(missed)} of {len(results)} goals met"
          + (f"; NOT met: {', '.join(missed)}" if missed else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
