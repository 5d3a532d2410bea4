"""The demo: a throwaway database full of realistic sample data, for exploring every screen.

`--demo` (GUI and CLI) runs the program inside a :class:`DemoEnvironment`: a temporary folder
that holds both the database and the data folder (scans, cache, logs, window state), pointed to
by the same environment variables the tests use, so the office's real data folder and database
are never opened, let alone changed. The folder is removed when the program ends.

:func:`isi_demo` fills an open, empty database through the real services (not raw inserts), so
numbers, SOP steps, statuses, versions and the audit trail are exactly what the office would get
by working. Everything is simulated as events in time order over the last few months up to
today, so numbers rise with the dates; events that would lie in the future are simply not done
yet, which leaves letters and requests in progress and some of them late.

The data are deterministic: the same seed and the same `today` give the same database.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import itertools
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jogoroto_desktop import session
from jogoroto_desktop.registers.disposisi import INSTRUKSI, selesaikan_disposisi, tulis_disposisi
from jogoroto_desktop.registers.ekspedisi import kirim_ekspedisi, terima_ekspedisi
from jogoroto_desktop.registers.surat_keluar import (
    KELUAR_FLOW,
    SuratKeluarInput,
    majukan_surat_keluar,
    register_surat_keluar,
    void_surat_keluar,
)
from jogoroto_desktop.registers.surat_masuk import (
    SuratMasukInput,
    register_surat_masuk,
    void_surat_masuk,
)
from jogoroto_desktop.storage.paths import DATA_DIR_ENV_VAR, DB_ENV_VAR

if TYPE_CHECKING:
    from models import Disposisi, Pegawai, Pelacakan, Permohonan, SuratKeluar, SuratMasuk

DEMO_SEED = 20220104  # the day the SOP book was signed
DEMO_DAYS = 91  # three months of work
LAYANAN_DAYS = 42  # the loket's requests cover the last six weeks
DEMO_SETTING = "mode_demo"  # marks a demo database; isi_demo refuses any other non-empty one
DEMO_DB_NAME = "demo-jogoroto.db"
DEMO_TITLE_MARK = "DEMO"
DEMO_WARNING = ("MODE DEMO: semua data di sini contoh rekaan dan dihapus saat program ditutup; "
                "basis data kantor tidak dibuka.")

#: The eleven desa of Kecamatan Jogoroto.
DESA = ("Alang-Alang Caruban", "Janti", "Jarak Kulon", "Jogoroto", "Mayangan", "Ngumpul",
        "Sambirejo", "Sawiji", "Sukosari", "Sumbermulyo", "Tambar")
DUSUN = ("Krajan", "Kedungrejo", "Sumberagung", "Ngrandu", "Gempol", "Tegalrejo", "Sidomulyo",
         "Kauman", "Ngemplak", "Kebonsari")

NAMA_DEPAN_L = ("Ahmad", "Agus", "Bambang", "Budi", "Dwi", "Eko", "Fajar", "Hadi", "Imam",
                "Joko", "Khoirul", "Lukman", "Moch.", "Nur", "Rudi", "Slamet", "Sugeng",
                "Teguh", "Wahyu", "Yusuf", "Zainal", "Arif", "Didik", "Heru", "Mujib")
NAMA_DEPAN_P = ("Siti", "Sri", "Dewi", "Endang", "Fitri", "Indah", "Khusnul", "Lilik",
                "Nanik", "Nur", "Puji", "Rina", "Rahayu", "Umi", "Wahyuni", "Yuli", "Anik",
                "Ika", "Erna", "Mamik")
NAMA_BELAKANG_L = ("Santoso", "Wibowo", "Hidayat", "Susanto", "Prasetyo", "Kurniawan",
                   "Setiawan", "Ma'arif", "Mustofa", "Purnomo", "Cahyono", "Hariyanto",
                   "Syafi'i", "Anwar", "Efendi", "Firmansyah")
NAMA_BELAKANG_P = ("Rahmawati", "Hasanah", "Lestari", "Handayani", "Sholihah", "Fauziah",
                   "Wulandari", "Ningsih", "Zulaikha", "Astuti", "Rahayu", "Kusumawati")

DESA_SENDER = "desa"  # the letter comes from one of the desa
SETDA = "Sekretariat Daerah Kabupaten Jombang"
BKPSDM = "Badan Kepegawaian dan Pengembangan SDM Kab. Jombang"
BAPPEDA = "Badan Perencanaan Pembangunan Daerah Kab. Jombang"
BPKAD = "Badan Pengelolaan Keuangan dan Aset Daerah Kab. Jombang"
DISPENDUK = "Dinas Kependudukan dan Pencatatan Sipil Kab. Jombang"
DPMD = "Dinas Pemberdayaan Masyarakat dan Desa Kab. Jombang"
DINSOS = "Dinas Sosial Kab. Jombang"
DINKES = "Dinas Kesehatan Kab. Jombang"
SATPOL = "Satuan Polisi Pamong Praja Kab. Jombang"
BPBD = "Badan Penanggulangan Bencana Daerah Kab. Jombang"

#: (perihal, klasifikasi, sifat, seksi that follows it up, who sends such letters)
PERIHAL_MASUK: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("Undangan Rapat Koordinasi Camat se-Kabupaten Jombang", "005", "segera", "sekretariat",
     (SETDA,)),
    ("Undangan Musrenbang RKPD Kabupaten Jombang", "005", "segera", "pmd", (BAPPEDA,)),
    ("Penyampaian Jadwal Pelaksanaan Musrenbang Kecamatan", "050", "biasa", "pmd",
     (BAPPEDA,)),
    ("Permohonan Data Penduduk Miskin Ekstrem", "460", "segera", "sosbud", (DINSOS, SETDA)),
    ("Pemberitahuan Jadwal Perekaman KTP-el Keliling", "470", "biasa", "tata-pemerintahan",
     (DISPENDUK,)),
    ("Laporan Monografi Desa Triwulan", "140", "biasa", "tata-pemerintahan", (DESA_SENDER,)),
    ("Permohonan Rekomendasi Penyaluran Bantuan Sosial", "460", "biasa", "sosbud",
     (DESA_SENDER,)),
    ("Pengajuan Pencairan Alokasi Dana Desa Tahap II", "900", "segera", "pmd",
     (DESA_SENDER,)),
    ("Laporan Pertanggungjawaban Penggunaan ADD", "410", "biasa", "pmd", (DESA_SENDER,)),
    ("Pemberitahuan Pelaksanaan Razia Penertiban Reklame", "300", "segera", "trantib",
     (SATPOL,)),
    ("Permohonan Pengamanan Kegiatan Pengajian Umum", "300", "biasa", "trantib",
     (DESA_SENDER,)),
    ("Pemberitahuan Patroli Gabungan Menjelang Hari Raya", "300", "biasa", "trantib",
     ("Polsek Jogoroto", "Koramil 0814/18 Jogoroto")),
    ("Surat Edaran Kewaspadaan Demam Berdarah", "400", "segera", "sosbud",
     (DINKES, "Puskesmas Jogoroto")),
    ("Pemberitahuan Kenaikan Pangkat Periode April", "800", "segera", "sekretariat",
     (BKPSDM,)),
    ("Usulan Pensiun Pegawai Negeri Sipil", "800", "biasa", "sekretariat", (BKPSDM,)),
    ("Permintaan Laporan Kinerja Instansi Pemerintah (LKjIP)", "050", "segera",
     "sekretariat", (SETDA, "Inspektorat Kabupaten Jombang")),
    ("Penyampaian Pagu Indikatif Kecamatan", "910", "biasa", "sekretariat",
     (BAPPEDA, BPKAD)),
    ("Undangan Sosialisasi Pencegahan Stunting", "005", "biasa", "sosbud",
     (DINKES, "Puskesmas Jogoroto")),
    ("Pelaksanaan Pemilihan Badan Permusyawaratan Desa", "140", "biasa",
     "tata-pemerintahan", (DPMD, DESA_SENDER)),
    ("Laporan Kejadian Bencana Angin Kencang", "300", "sangat segera", "trantib",
     (DESA_SENDER, BPBD)),
    ("Permohonan Fasilitasi Penyelesaian Sengketa Batas Desa", "140", "segera",
     "tata-pemerintahan", (DESA_SENDER,)),
    ("Undangan Peringatan Hari Jadi Kabupaten Jombang", "005", "biasa", "sekretariat",
     (SETDA,)),
    ("Surat Edaran Disiplin Pegawai pada Hari Kerja", "800", "biasa", "sekretariat",
     (BKPSDM, SETDA)),
    ("Rekapitulasi Penyaluran BLT Dana Desa", "460", "biasa", "pmd", (DESA_SENDER, DPMD)),
    ("Penyampaian Data Rumah Tidak Layak Huni", "400", "biasa", "sosbud",
     (DESA_SENDER, DINSOS)),
    ("Pemberitahuan Jadwal Nikah Massal", "474", "biasa", "sosbud",
     ("KUA Kecamatan Jogoroto",)),
)

#: (kepada, perihal, klasifikasi, pengolah)
SURAT_KELUAR = (
    ("Bupati Jombang", "Laporan Penyelenggaraan Pemerintahan Kecamatan", "100", "sekretariat"),
    ("Kepala BKPSDM Kab. Jombang", "Usulan Kenaikan Pangkat Pegawai", "800", "sekretariat"),
    ("Kepala Desa se-Kecamatan Jogoroto", "Undangan Rapat Koordinasi Kepala Desa", "005",
     "tata-pemerintahan"),
    ("Kepala Desa se-Kecamatan Jogoroto", "Undangan Musrenbang Kecamatan", "005", "pmd"),
    ("Kepala Dinas Sosial Kab. Jombang", "Rekomendasi Calon Penerima Bantuan Sosial", "460",
     "sosbud"),
    ("Kepala Bappeda Kab. Jombang", "Penyampaian Hasil Musrenbang Kecamatan", "050", "pmd"),
    ("Kepala Satpol PP Kab. Jombang", "Laporan Penertiban Reklame Liar", "300", "trantib"),
    ("Kapolsek Jogoroto", "Permohonan Pengamanan Kegiatan Kecamatan", "300", "trantib"),
    ("Kepala BPKAD Kab. Jombang", "Pengajuan Pencairan Uang Persediaan (UP)", "900",
     "sekretariat"),
    ("Kepala Dispendukcapil Kab. Jombang", "Laporan Pelayanan KTP-el dan KK", "470",
     "tata-pemerintahan"),
    ("Inspektur Kabupaten Jombang", "Tindak Lanjut Hasil Pemeriksaan", "700", "sekretariat"),
    ("Kepala Desa Mayangan", "Pembinaan Administrasi Pemerintahan Desa", "140",
     "tata-pemerintahan"),
)

#: Surat pengantar written by hand: (kepada, di, klasifikasi, items (jenis, banyaknya,
#: keterangan)).
PENGANTAR: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("Kepala Bappeda Kabupaten Jombang", "Jombang", "050",
     (("Dokumen hasil Musrenbang Kecamatan Jogoroto", "2 eksemplar",
       "Dikirim dengan hormat untuk dipergunakan sebagaimana mestinya"),
      ("Daftar hadir dan berita acara Musrenbang", "1 berkas", ""))),
    ("Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Jombang", "Jombang", "470",
     (("Berkas permohonan KTP-el", "14 berkas", "Untuk diproses lebih lanjut"),
      ("Berkas permohonan Kartu Keluarga", "9 berkas", "Untuk diproses lebih lanjut"))),
    ("Kepala BPKAD Kabupaten Jombang", "Jombang", "900",
     (("SPJ Ganti Uang (GU) Kecamatan Jogoroto", "1 bendel", "Mohon diverifikasi"),)),
    ("Inspektur Kabupaten Jombang", "Jombang", "700",
     (("Laporan tindak lanjut hasil pemeriksaan", "1 berkas", ""),
      ("Bukti pendukung tindak lanjut", "1 bendel", "Salinan"))),
)

#: The services citizens ask for most.
LAYANAN_SERING = ("legalisir", "rekomendasi-skck", "ktp", "kk")
KEPERLUAN: dict[str, tuple[str, ...]] = {
    "legalisir": ("Legalisir ijazah untuk melamar kerja", "Legalisir KK untuk pendaftaran "
                  "sekolah", "Legalisir akta untuk BPJS"),
    "rekomendasi-skck": ("Melamar pekerjaan", "Persyaratan pendaftaran perangkat desa"),
    "dispensasi-nikah": ("Pernikahan kurang dari 10 hari kerja",),
    "ktp": ("KTP-el baru (pemula)", "KTP-el rusak", "Perubahan data"),
    "kk": ("Penambahan anggota keluarga", "Pisah KK", "Perubahan data"),
}

TINDAK_LANJUT = (
    "Sudah dihadiri; notulen terlampir di arsip seksi.",
    "Data sudah dikirim lewat surel dinas.",
    "Sudah dikoordinasikan dengan kepala desa terkait.",
    "Sudah dijawab dengan surat keluar.",
    "Sudah dilaksanakan; laporan disampaikan kepada Camat.",
    "Diarsipkan sesuai petunjuk.",
)

#: The officials of the demo office (jabatan -> nama, pangkat, NIP). The Camat's NIP is the
#: one in the SOP book; the others are made up and valid for the NIP rules.
DEMO_PEJABAT: dict[str, tuple[str, str, str]] = {
    "Camat": ("Dra. Sri Wahyuni, M.Si.", "Pembina Tk. I", "19690814 199703 2 003"),
    "Sekretaris Camat": ("Drs. Bambang Hariyanto", "Pembina", "19700312 199803 1 006"),
    "Kasubag Umum dan Kepegawaian": ("Endang Lestari, S.Sos.", "Penata Tk. I",
                                     "19780522 200312 2 004"),
    "Kasubag Keuangan, Penyusunan Program dan Evaluasi": ("Moch. Arif Setiawan, S.E.",
                                                           "Penata Tk. I",
                                                           "19800105 200604 1 011"),
    "Kasi Tata Pemerintahan": ("Heru Cahyono, S.IP.", "Penata Tk. I", "19750918 200212 1 003"),
    "Kasi Pemberdayaan Masyarakat dan Desa": ("Nanik Handayani, S.Sos.", "Penata",
                                              "19820707 200801 2 015"),
    "Kasi Ketentraman dan Ketertiban Umum": ("Slamet Riyadi, S.H.", "Penata Tk. I",
                                             "19740403 200003 1 005"),
    "Kasi Sosial Budaya": ("Umi Kulsum, S.Ag.", "Penata", "19810212 200901 2 007"),
}

#: Who does what in the demo (the acting user in the registers and the audit trail).
AGENDARIS = session.Actor("siti.agendaris", "Siti Aminah", "agendaris")
LOKET = session.Actor("rina.loket", "Rina Astuti", "petugas_loket")
CAMAT = session.Actor("camat", DEMO_PEJABAT["Camat"][0], "camat")
SEKCAM = session.Actor("sekcam", DEMO_PEJABAT["Sekretaris Camat"][0], "sekcam")
_KASI_ROLE = {"sekretariat": "kasubag_umum", "tata-pemerintahan": "kasi_tapem",
              "pmd": "kasi_pmd", "trantib": "kasi_trantib", "sosbud": "kasi_sosbud"}
_SEKSI_PEJABAT = {"sekretariat": "Kasubag Umum dan Kepegawaian",
                  "tata-pemerintahan": "Kasi Tata Pemerintahan",
                  "pmd": "Kasi Pemberdayaan Masyarakat dan Desa",
                  "trantib": "Kasi Ketentraman dan Ketertiban Umum",
                  "sosbud": "Kasi Sosial Budaya"}

Progress = Callable[[int, str], None]


class DemoError(RuntimeError):
    """The demo cannot be filled into this database (it is not an empty or demo database)."""


@dataclass
class DemoSummary:
    """What :func:`isi_demo` wrote, and how long it took."""

    today: dt.date
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + n


# --- the temporary environment -------------------------------------------------------------

class DemoEnvironment:
    """A temporary folder holding the demo database and the demo data folder.

    While active, JOGOROTO_DATA_DIR points to its data folder and JOGOROTO_DB to its database,
    so every part of the program (scans, logs, window state, the CLI handlers) uses them.
    """

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="jogoroto-demo-"))
        self.data_dir = self.root / "data"
        self.data_dir.mkdir()
        self.database = self.root / DEMO_DB_NAME
        self._saved: dict[str, str | None] = {}
        self.active = False

    def activate(self) -> None:
        for name, value in ((DATA_DIR_ENV_VAR, str(self.data_dir)),
                            (DB_ENV_VAR, str(self.database))):
            self._saved[name] = os.environ.get(name)
            os.environ[name] = value
        self.active = True

    def close(self) -> None:
        """Restore the environment and delete the folder (the database must be closed)."""
        if self.active:
            for name, value in self._saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
            self.active = False
        import logging

        # The log file lives in the demo folder; release it so the folder can go (Windows).
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", "").startswith(str(self.root)):
                handler.close()
                logging.getLogger().removeHandler(handler)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> DemoEnvironment:
        self.activate()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def buat_database_demo(path: Path, today: dt.date | None = None,
                       progress: Progress | None = None) -> DemoSummary:
    """Create the demo database at `path` (a new SQLite file), fill it, and close it."""
    import models

    if path.exists():
        raise DemoError(f"{path} sudah ada; basis data demo selalu dibuat baru.")
    models.open_database(path)
    try:
        return isi_demo(today=today, progress=progress)
    finally:
        models.close_database()


# --- filling -------------------------------------------------------------------------------

class _Timeline:
    """Events in time order; an event may schedule later ones. Events after `until` are not
    run: in the demo's world they have not happened yet."""

    def __init__(self, until: dt.datetime) -> None:
        self.until = until
        self._queue: list[tuple[dt.datetime, int, Callable[[dt.datetime], None]]] = []
        self._order = itertools.count()

    def at(self, when: dt.datetime, action: Callable[[dt.datetime], None]) -> None:
        if when <= self.until:
            heapq.heappush(self._queue, (when, next(self._order), action))

    def __len__(self) -> int:
        return len(self._queue)

    def run(self, progress: Callable[[], None]) -> None:
        while self._queue:
            when, _n, action = heapq.heappop(self._queue)
            action(when)
            progress()


def _working_days(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def _next_working(moment: dt.datetime, days: int, rng: random.Random) -> dt.datetime:
    """A time during office hours `days` working days after `moment` (0: later the same day),
    always after `moment`."""
    day = moment.date()
    while days > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    chosen = _at(day, rng.randint(8, 14), rng.choice((0, 10, 20, 30, 40, 50)))
    return max(chosen, moment + dt.timedelta(minutes=rng.randint(10, 90)))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def _next_period(day: dt.date) -> dt.date:
    """The first kenaikan pangkat period (1 April, 1 Oktober) on or after `day`."""
    from jogoroto_desktop.registers.kepegawaian import PERIODE_KENAIKAN_PANGKAT

    return min(dt.date(year, month, 1) for year in (day.year, day.year + 1)
               for month in PERIODE_KENAIKAN_PANGKAT if dt.date(year, month, 1) >= day)


def _add_years(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


@contextmanager
def _as(actor: session.Actor) -> Iterator[None]:
    with session.acting_as(actor):
        yield


class _DemoFiller:
    def __init__(self, today: dt.date, seed: int, summary: DemoSummary) -> None:
        self.today = today
        self.rng = random.Random(seed)
        self.summary = summary
        now = dt.datetime.now()
        # Today's events stop at the current time (the services refuse future times).
        self.until = min(_at(today, 23, 59), now) if today == now.date() else _at(today, 16)
        self.start = today - dt.timedelta(days=DEMO_DAYS)
        self.timeline = _Timeline(self.until)

    # officials ---------------------------------------------------------------------------
    def pejabat(self) -> None:
        """The office as the first-run wizard would set it up, and the other officials."""
        from jogoroto_desktop import setup
        from models import Pejabat

        def person(jabatan: str) -> setup.PejabatInput:
            return setup.PejabatInput(*DEMO_PEJABAT[jabatan])

        setup.save_setup(setup.SetupData(
            kode_unit=setup.DEFAULT_UNIT, camat=person(setup.JABATAN_CAMAT),
            sekcam=person(setup.JABATAN_SEKCAM), kertas="F4"),
            now=_at(self.start, 7))
        for jabatan, (nama, pangkat, nip) in DEMO_PEJABAT.items():
            Pejabat.update(nama=nama, pangkat=pangkat, nip=nip).where(
                Pejabat.jabatan == jabatan).execute()
        self.by_jabatan = {p.jabatan: p for p in Pejabat.select()}
        # A disposisi is written from the writer's own position.
        self.camat = dataclasses.replace(CAMAT, pejabat_id=self.by_jabatan["Camat"].id)
        self.sekcam = dataclasses.replace(
            SEKCAM, pejabat_id=self.by_jabatan["Sekretaris Camat"].id)

    def kasi_actor(self, seksi: str) -> session.Actor:
        jabatan = _SEKSI_PEJABAT[seksi]
        pejabat = self.by_jabatan[jabatan]
        return session.Actor(jabatan.lower().replace(" ", ".")[:20], pejabat.nama,
                             _KASI_ROLE[seksi], pejabat.id)

    # surat masuk -------------------------------------------------------------------------
    def surat_masuk(self) -> None:
        rng = self.rng
        for day in _working_days(self.start, self.today):
            for _ in range(rng.choice((0, 1, 1, 1, 2, 2))):
                received = _at(day, rng.randint(7, 13), rng.choice((5, 15, 25, 35, 45, 55)))
                self.timeline.at(received, self._register_masuk)

    def _register_masuk(self, when: dt.datetime) -> None:
        rng = self.rng
        perihal, kode, sifat, seksi, senders = rng.choice(PERIHAL_MASUK)
        sender = rng.choice(senders)
        if sender == DESA_SENDER:
            desa = rng.choice(DESA)
            dari = f"Pemerintah Desa {desa}"
            nomor = f"{kode}/{rng.randint(10, 199)}/415.67.{DESA.index(desa) + 1:02d}/" \
                    f"{when.year}"
        else:
            dari = sender
            nomor = f"{kode}/{rng.randint(100, 4999)}/415.{rng.randint(10, 40)}/{when.year}"
        tanggal_surat = when.date() - dt.timedelta(days=rng.randint(0, 6))
        lampiran = rng.choice(("", "", "1 berkas", "2 lembar", "1 bendel"))
        with _as(AGENDARIS):
            surat = register_surat_masuk(SuratMasukInput(
                dari=dari, nomor_surat=nomor, tanggal_surat=tanggal_surat, perihal=perihal,
                sifat=sifat, klasifikasi=kode, lampiran=lampiran, tanggal_diterima=when.date(),
            ), oleh=AGENDARIS.label, now=when)
        self.summary.add("surat_masuk")
        if self.summary.counts["surat_masuk"] % 30 == 17:  # registered twice by mistake:
            # voided, and the number stays in the book
            with _as(AGENDARIS):
                void_surat_masuk(surat, "Tercatat dua kali; surat yang sama sudah diagendakan.",
                                 now=when + dt.timedelta(minutes=20))
            self.summary.add("surat_masuk_batal")
            return
        delay = 0 if sifat in ("sangat segera", "segera") else rng.choice((0, 1, 1, 2))
        self.timeline.at(_next_working(when, delay, rng) if delay else
                         when + dt.timedelta(hours=1),
                         lambda t: self._disposisi_camat(t, surat, seksi, sifat))

    def _disposisi_camat(self, when: dt.datetime, surat: SuratMasuk, seksi: str,
                         sifat: str) -> None:
        rng = self.rng
        camat = self.by_jabatan["Camat"]
        sekcam = self.by_jabatan["Sekretaris Camat"]
        kasi = self.by_jabatan[_SEKSI_PEJABAT[seksi]]
        via_sekcam = rng.random() < 0.5
        first = [sekcam] if via_sekcam else [kasi]
        if not via_sekcam and rng.random() < 0.25:
            first.append(sekcam)
        instruksi = rng.sample(INSTRUKSI[:6], rng.choice((1, 1, 2)))
        days = {"sangat segera": 1, "segera": 3}.get(sifat, rng.choice((5, 7, 10)))
        batas = _next_working(when, days, rng).date()
        with _as(self.camat):
            disposisi = tulis_disposisi(
                surat, camat, first, instruksi,
                catatan=rng.choice(("", "", "Mohon dilaporkan hasilnya.",
                                    "Koordinasikan dengan desa.")),
                batas_waktu=batas, now=when)
        self.summary.add("disposisi")
        if via_sekcam:
            self.timeline.at(when + dt.timedelta(hours=rng.randint(1, 20)),
                             lambda t: self._disposisi_sekcam(t, surat, disposisi, seksi,
                                                              batas))
        else:
            self._plan_follow_up(when, disposisi, seksi, batas)
        if rng.random() < 0.35:  # the letter is carried to the seksi with the Buku Ekspedisi
            self.timeline.at(when + dt.timedelta(minutes=rng.randint(30, 180)),
                             lambda t: self._ekspedisi_masuk(t, surat, seksi))

    def _disposisi_sekcam(self, when: dt.datetime, surat: SuratMasuk, induk: Disposisi,
                          seksi: str, batas: dt.date) -> None:
        rng = self.rng
        kasi = self.by_jabatan[_SEKSI_PEJABAT[seksi]]
        sekcam = self.by_jabatan["Sekretaris Camat"]
        with _as(self.sekcam):
            turunan = tulis_disposisi(
                surat, sekcam, [kasi], [rng.choice(("Proses lebih lanjut",
                                                    "Siapkan jawaban",
                                                    "Koordinasikan/konfirmasikan"))],
                batas_waktu=max(batas, when.date()), induk=induk, now=when)
            selesaikan_disposisi(induk,
                                 f"Diteruskan kepada {kasi.jabatan}.", oleh=self.sekcam.label,
                                 seksi_id="sekretariat", now=when)
        self.summary.add("disposisi")
        self._plan_follow_up(when, turunan, seksi, batas)

    def _plan_follow_up(self, when: dt.datetime, disposisi: Disposisi, seksi: str,
                        batas: dt.date) -> None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.12:
            return  # never followed up: late once its deadline passes
        deadline = _at(batas, 15)
        if roll < 0.25:  # followed up, but after the deadline
            done = _next_working(deadline, rng.randint(1, 4), rng)
        else:
            span = max((deadline - when).total_seconds(), 3600)
            done = when + dt.timedelta(seconds=rng.uniform(0.2, 0.95) * span)
        self.timeline.at(done, lambda t: self._selesai(t, disposisi, seksi))

    def _selesai(self, when: dt.datetime, disposisi: Disposisi, seksi: str) -> None:
        actor = self.kasi_actor(seksi)
        with _as(actor):
            selesaikan_disposisi(disposisi, self.rng.choice(TINDAK_LANJUT), oleh=actor.label,
                                 now=when)
        self.summary.add("disposisi_selesai")

    def _ekspedisi_masuk(self, when: dt.datetime, surat: SuratMasuk, seksi: str) -> None:
        kepada = _SEKSI_PEJABAT[seksi]
        with _as(AGENDARIS):
            entry = kirim_ekspedisi(f"Surat {surat.dari}: {surat.perihal}", kepada,
                                    surat_masuk=surat, oleh=AGENDARIS.label,
                                    dikirim_pada=when)
        self.summary.add("ekspedisi")
        received = when + dt.timedelta(minutes=self.rng.randint(5, 90))
        penerima = self.by_jabatan[kepada].nama
        self.timeline.at(received, lambda t: terima_ekspedisi(entry, penerima, t))

    # surat keluar ------------------------------------------------------------------------
    def surat_keluar(self) -> None:
        rng = self.rng
        for day in _working_days(self.start, self.today):
            if rng.random() < 0.45:
                self.timeline.at(_at(day, rng.randint(8, 13), rng.choice((0, 15, 30, 45))),
                                 self._konsep_keluar)

    def _konsep_keluar(self, when: dt.datetime) -> None:
        rng = self.rng
        kepada, perihal, kode, pengolah = rng.choice(SURAT_KELUAR)
        actor = self.kasi_actor(pengolah)
        signed_on_paper = rng.random() < 0.15
        writer = AGENDARIS if signed_on_paper else actor
        with _as(writer):
            surat = register_surat_keluar(SuratKeluarInput(
                klasifikasi=kode, kepada=kepada, perihal=perihal,
                sifat=rng.choice(("biasa", "biasa", "segera")), pengolah=pengolah,
                lampiran=rng.choice(("", "1 berkas", "-")), tanggal=when.date(),
            ), oleh=writer.label, langsung_diagendakan=signed_on_paper, now=when)
        self.summary.add("surat_keluar")
        nth = self.summary.counts["surat_keluar"]
        if nth % 15 == 7:
            self.timeline.at(when + dt.timedelta(hours=2), lambda t: self._batal_keluar(
                t, surat))
            return
        # Most letters go all the way; every few one waits (for a revision, a signature) at
        # a step of its SOP, so each status appears.
        stop = KELUAR_FLOW[nth % 9] if nth % 9 < 4 else "dikirim"
        self.timeline.at(self._later(when), lambda t: self._majukan_keluar(t, surat, stop))

    def _later(self, when: dt.datetime) -> dt.datetime:
        rng = self.rng
        if rng.random() < 0.4:
            return when + dt.timedelta(hours=rng.randint(1, 3))
        return _next_working(when, rng.choice((1, 1, 2, 3)), rng)

    def _batal_keluar(self, when: dt.datetime, surat: SuratKeluar) -> None:
        with _as(AGENDARIS):
            void_surat_keluar(surat, "Konsep diganti dengan surat yang perihalnya diperbaiki.",
                              now=when)
        self.summary.add("surat_keluar_batal")

    def _majukan_keluar(self, when: dt.datetime, surat: SuratKeluar, stop: str) -> None:
        if surat.status == stop:
            return
        if surat.status == "diagendakan":
            with _as(AGENDARIS):
                kirim_ekspedisi(f"{surat.nomor}: {surat.perihal}", surat.kepada,
                                surat_keluar=surat, oleh=AGENDARIS.label, dikirim_pada=when)
            self.summary.add("ekspedisi")
            return
        actor = {"konsep": self.sekcam, "paraf_sekcam": self.camat}.get(surat.status, AGENDARIS)
        with _as(actor):
            majukan_surat_keluar(surat, actor.label, now=when)
        self.timeline.at(self._later(when), lambda t: self._majukan_keluar(t, surat, stop))

    # citizens' services --------------------------------------------------------------------
    def layanan(self) -> None:
        """Requests at the loket for every service, a few a day, each walked through its SOP:
        most collected, some ready, some in progress, a few late, incomplete, refused."""
        from jogoroto_desktop.registers import layanan as ly

        rng = self.rng
        services = [sop.id for sop in ly.layanan_sops()]
        # the loket's daily bread first: legalisir, SKCK, KTP, KK come far more often
        weights = [6 if sop_id in LAYANAN_SERING else 1 for sop_id in services]
        # The loket's last six weeks (enough for every state; more only costs start-up time).
        days = list(_working_days(self.today - dt.timedelta(days=LAYANAN_DAYS), self.today))
        for day in days:
            for _ in range(rng.choice((1, 1, 2, 2, 3))):
                sop_id = rng.choices(services, weights)[0]
                self.timeline.at(_at(day, rng.randint(8, 13), rng.randint(0, 59)),
                                 lambda t, s=sop_id: self._daftar(t, s))
        # every service at least once in the last days, so every desk has something to show,
        # each stopped at a different point of its flow (0: just registered)
        for index, sop_id in enumerate(services):
            day = days[-1 - index % 4]
            self.timeline.at(_at(day, 8, 5 + index),
                             lambda t, s=sop_id, n=index % 5: self._daftar(t, s, stop_after=n))

    def _pemohon(self) -> tuple[str, str, str, str]:
        """A citizen: name, a valid NIK of Kabupaten Jombang, address and desa."""
        rng = self.rng
        female = rng.random() < 0.5
        nama = (f"{rng.choice(NAMA_DEPAN_P if female else NAMA_DEPAN_L)} "
                f"{rng.choice(NAMA_BELAKANG_P if female else NAMA_BELAKANG_L)}")
        born = dt.date(rng.randint(1955, 2007), rng.randint(1, 12), rng.randint(1, 28))
        day = born.day + (40 if female else 0)
        # 35 Jawa Timur, 17 Kabupaten Jombang, then the kecamatan of the KK
        nik = (f"3517{rng.randint(1, 21):02d}{day:02d}{born.month:02d}{born.year % 100:02d}"
               f"{rng.randint(1, 999):04d}")
        desa = rng.choice(DESA)
        alamat = f"Dusun {rng.choice(DUSUN)} RT {rng.randint(1, 9):03d}/RW {rng.randint(1, 5):03d}"
        return nama, nik, alamat, desa

    def _daftar(self, when: dt.datetime, sop_id: str, stop_after: int | None = None) -> None:
        from jogoroto_desktop.registers import layanan as ly

        rng = self.rng
        nama, nik, alamat, desa = self._pemohon()
        # the examples of each step (stop_after) show the normal flow, not the exceptions
        nth = self.summary.counts.get("permohonan", 0) + 1
        complete = nth % 9 != 4 or stop_after is not None
        with _as(LOKET):
            permohonan = ly.daftar(ly.PermohonanInput(
                sop_id=sop_id, nama=nama, nik=nik, alamat=alamat, desa=desa,
                telepon=f"08{rng.randint(11, 59)}{rng.randint(10000000, 99999999)}",
                keperluan=rng.choice(KEPERLUAN.get(sop_id, ("",))),
                semua_syarat_ada=complete), now=when)
        self.summary.add("permohonan")
        roll = rng.random()
        if stop_after is not None:
            if stop_after > 0:
                self.timeline.at(self._step_time(when, permohonan, False),
                                 lambda t: self._lanjut(t, permohonan, False, stop_after - 1))
        elif not complete:
            self.timeline.at(when + dt.timedelta(minutes=10),
                             lambda t: self._kurang_lengkap(t, permohonan))
        elif roll < 0.03:
            self.timeline.at(when + dt.timedelta(hours=2), lambda t: self._tolak(t, permohonan))
        elif roll < 0.05:
            self.timeline.at(when + dt.timedelta(hours=1), lambda t: self._batal(t, permohonan))
        else:
            late = roll > 0.9
            self.timeline.at(self._step_time(when, permohonan, late),
                             lambda t: self._lanjut(t, permohonan, late))

    def _step_time(self, when: dt.datetime, permohonan: Permohonan,
                   late: bool) -> dt.datetime:
        """When the next step is done: a service with a time standard in minutes (legalisir,
        SKCK) goes step after step at the loket; the others take hours or days; a late one
        waits days (for a signature, for an official who is away)."""
        from jogoroto_desktop.registers import layanan as ly

        rng = self.rng
        if late:
            return _next_working(when, rng.randint(1, 4), rng)
        if ly.standar_waktu(ly.sop_permohonan(permohonan)) is not None:
            return when + dt.timedelta(minutes=1, seconds=rng.randint(0, 50))
        if rng.random() < 0.7:
            return when + dt.timedelta(minutes=rng.randint(30, 240))
        return _next_working(when, rng.randint(1, 3), rng)

    def _lanjut(self, when: dt.datetime, permohonan: Permohonan, late: bool,
                left: int | None = None) -> None:
        from jogoroto_desktop.registers import layanan as ly

        sop = ly.sop_permohonan(permohonan)
        signs = not sop.is_draft and sop.step(permohonan.langkah_sekarang).pelaksana == ly.CAMAT
        actor = self.camat if signs else LOKET
        with _as(actor):
            status = ly.lanjut(permohonan, now=when)
        if status in ly.SIAP:
            self.summary.add("permohonan_siap")
            if self.rng.random() < 0.9:  # some results still wait on the loket's desk
                collected = _next_working(when, self.rng.choice((0, 1, 1, 2, 3, 5)), self.rng)
                self.timeline.at(collected, lambda t: self._ambil(t, permohonan))
            return
        if left is not None and left <= 0:
            return  # waits here (for the Camat, for the result) as the demo starts
        self.timeline.at(self._step_time(when, permohonan, late),
                         lambda t: self._lanjut(t, permohonan, late,
                                                None if left is None else left - 1))

    def _ambil(self, when: dt.datetime, permohonan: Permohonan) -> None:
        from jogoroto_desktop.registers import layanan as ly

        who = permohonan.pemohon_nama if self.rng.random() < 0.8 else \
            f"{self.rng.choice(NAMA_DEPAN_L)} (keluarga pemohon)"
        with _as(LOKET):
            ly.ambil(permohonan, who, pada=when)
        self.summary.add("permohonan_diambil")

    def _kurang_lengkap(self, when: dt.datetime, permohonan: Permohonan) -> None:
        from jogoroto_desktop.registers import layanan as ly

        missing = ly.syarat_kurang(permohonan)
        with _as(LOKET):
            ly.kurang_lengkap(permohonan, f"Belum membawa: {'; '.join(missing)}", now=when)
        self.summary.add("permohonan_kurang")
        if self.summary.counts["permohonan_kurang"] % 3:  # two in three come back with the rest
            back = _next_working(when, self.rng.randint(1, 3), self.rng)

            def lengkapi(t: dt.datetime) -> None:
                with _as(LOKET):
                    ly.lengkapi(permohonan, semua=True, now=t)
                self.timeline.at(self._step_time(t, permohonan, False),
                                 lambda t2: self._lanjut(t2, permohonan, False))

            self.timeline.at(back, lengkapi)

    def _tolak(self, when: dt.datetime, permohonan: Permohonan) -> None:
        from jogoroto_desktop.registers import layanan as ly

        with _as(LOKET):
            ly.tolak(permohonan, "Pemohon bukan penduduk Kecamatan Jogoroto; diarahkan ke "
                                 "kecamatan domisili.", now=when)

    def _batal(self, when: dt.datetime, permohonan: Permohonan) -> None:
        from jogoroto_desktop.registers import layanan as ly

        with _as(LOKET):
            ly.batalkan(permohonan, "Pemohon membatalkan permohonan.", now=when)

    # personnel -----------------------------------------------------------------------------
    def pegawai(self) -> None:
        """The officials and the staff in the pegawai master, some with a kenaikan pangkat or a
        pensiun coming (one of them already late for its berkas), and the Buku Cuti."""
        from jogoroto_desktop.registers import kepegawaian as k

        rng = self.rng
        when = _at(self.start, 7, 30)
        people: list[k.PegawaiInput] = []
        for jabatan, (nama, pangkat, nip) in DEMO_PEJABAT.items():
            tmt = _add_months(self.today, -rng.randint(12, 30)).replace(day=1)
            people.append(k.PegawaiInput(nip=nip, nama=nama, pangkat=pangkat,
                                         jabatan=jabatan, tmt_pangkat=tmt))
        # (jabatan, golongan, turns 58 in N months (None: young), months since TMT pangkat).
        # A kenaikan pangkat falls on the first 1 April / 1 Oktober 4 years after the TMT, and
        # its berkas are due 6 months before: a TMT 4 years before the coming period is
        # overdue now ("late"), one a period later is due next ("soon").
        coming = _next_period(self.today + dt.timedelta(days=1))
        late = _add_years(coming, -4)
        soon = _add_months(late, 6)
        staff = (
            ("Bendahara Pengeluaran", "III/b", None, late),
            ("Pengelola Keuangan", "III/a", None, 20),
            ("Pengadministrasi Umum", "II/c", 8, 30),  # pensiun coming, berkas due soon
            ("Pengadministrasi Kepegawaian", "III/c", 4, 20),  # pensiun: berkas overdue
            ("Pengadministrasi Kependudukan", "II/d", None, soon),
            ("Pengelola Data Pemerintahan", "III/a", None, 15),
            ("Analis Pemberdayaan Masyarakat", "III/b", None, 26),
            ("Pengelola Ketenteraman dan Ketertiban", "II/b", None, 33),
            ("Pengadministrasi Kesejahteraan Sosial", "III/a", None, 12),
            ("Pengadministrasi Persuratan", "II/a", None, 8),
            ("Pengemudi", "II/a", 17, 28),
            ("Pengelola Barang Milik Daerah", "III/c", None, 34),
        )
        used = {p.nip.replace(" ", "") for p in people}
        names = {p.nama for p in people}
        for index, (jabatan, golongan, pensiun_in, tmt_ago) in enumerate(staff):
            female = index % 3 == 1
            if pensiun_in is not None:  # turns 58 in `pensiun_in` months
                born = _add_years(_add_months(self.today, pensiun_in), -58).replace(day=12)
            else:
                born = dt.date(rng.randint(1972, 1996), rng.randint(1, 12), rng.randint(1, 28))
            cpns = _add_years(born, rng.randint(22, 30)).replace(day=1)
            cpns = min(cpns, _add_months(self.start, -13).replace(day=1))
            while True:
                nip = (f"{born:%Y%m%d}{cpns:%Y%m}{2 if female else 1}"
                       f"{rng.randint(1, 30):03d}")
                if nip not in used:
                    used.add(nip)
                    break
            while True:
                first = rng.choice(NAMA_DEPAN_P if female else NAMA_DEPAN_L)
                name = f"{first} {rng.choice(NAMA_BELAKANG_P if female else NAMA_BELAKANG_L)}"
                if name not in names:
                    names.add(name)
                    break
            tmt_pangkat = tmt_ago if isinstance(tmt_ago, dt.date) else \
                _add_months(self.today, -tmt_ago).replace(day=1)
            people.append(k.PegawaiInput(nip=nip, nama=name, pangkat=golongan,
                                         jabatan=jabatan, tmt_pangkat=max(tmt_pangkat, cpns)))
        kasubag = self.kasi_actor("sekretariat")
        with _as(kasubag):
            self.pegawai_rows = [k.tambah_pegawai(person, now=when) for person in people]
        self.summary.add("pegawai", len(self.pegawai_rows))
        staff_rows = self.pegawai_rows[len(DEMO_PEJABAT):]
        # The berkas of the coming pensiun went to BKD last week: the Buku Penjagaan shows it
        # as sent (the other pensiun, and one kenaikan pangkat, are still overdue).
        sent = _next_working(_at(self.today - dt.timedelta(days=9), 8), 0, rng)
        self.timeline.at(sent, lambda t, p=staff_rows[2]: self._pengantar_bkd(t, p,
                                                                             k.PENSIUN))
        for days_ago, entry in zip((60, 33, 12, 4), PENGANTAR, strict=True):
            when_sent = _next_working(_at(self.today - dt.timedelta(days=days_ago), 8), 0, rng)
            self.timeline.at(when_sent, lambda t, a=entry: self._pengantar(t, *a))
        for index, row in enumerate(staff_rows[:7]):
            days_before = rng.randint(16, 25)
            mulai = _next_working(_at(self.start, 8), 18 + 7 * index, rng).date()
            if index == 6:  # handed in three days ago, still waiting for the decision
                mulai = _next_working(_at(self.today, 8), 12, rng).date()
                days_before = (mulai - self.today).days + 3
            selesai = _next_working(_at(mulai, 8), rng.randint(0, 3), rng).date()
            selesai = min(selesai, dt.date(mulai.year, 12, 31))  # one year per request
            handed_in = _at(mulai - dt.timedelta(days=days_before), 9, 15)
            jenis = "sakit" if index == 3 else "tahunan"
            alasan = "Rawat jalan sesuai surat keterangan dokter" if jenis == "sakit" else \
                rng.choice(("Keperluan keluarga", "Menghadiri pernikahan saudara",
                            "Mengantar orang tua berobat"))
            self.timeline.at(handed_in, lambda t, r=row, j=jenis, m=mulai, e=selesai, a=alasan,
                             n=index: self._cuti(t, r, j, m, e, a, refuse=n == 4,
                                                 pending=n == 6))

    def _pengantar_bkd(self, when: dt.datetime, pegawai: Pegawai, keperluan: str) -> None:
        from jogoroto_desktop.registers import kepegawaian as k
        from jogoroto_desktop.registers import pengantar as sp

        data = k.pengantar_bkd(pegawai, keperluan, today=when.date())
        data["items"] = [sp.ItemInput(**item) for item in data["items"]]
        with _as(AGENDARIS):
            sp.buat_surat_pengantar(sp.SuratPengantarInput(**data), today=when.date())
        self.summary.add("surat_pengantar")

    def _pengantar(self, when: dt.datetime, kepada: str, di: str, klasifikasi: str,
                   items: tuple[tuple[str, str, str], ...]) -> None:
        from jogoroto_desktop.registers import pengantar as sp

        with _as(AGENDARIS):
            sp.buat_surat_pengantar(sp.SuratPengantarInput(
                kepada=kepada, di=di, tanggal=when.date(), klasifikasi=klasifikasi,
                items=[sp.ItemInput(*item) for item in items],
                penandatangan_jabatan=self.rng.choice(("Camat", "Sekretaris Camat"))),
                today=when.date())
        self.summary.add("surat_pengantar")

    def _cuti(self, when: dt.datetime, pegawai: Pegawai, jenis: str, mulai: dt.date,
              selesai: dt.date, alasan: str, refuse: bool, pending: bool) -> None:
        from jogoroto_desktop.registers import kepegawaian as k

        with _as(self.kasi_actor("sekretariat")):
            cuti = k.ajukan_cuti(k.CutiInput(pegawai, jenis, mulai, selesai, alasan), now=when)
        self.summary.add("cuti")
        if pending:  # on the Camat's desk
            return
        decided = _next_working(when, self.rng.randint(1, 3), self.rng)

        def decide(t: dt.datetime) -> None:
            with _as(self.camat):
                k.putuskan_cuti(cuti, not refuse, "Bertepatan dengan Musrenbang Kecamatan; "
                                                  "mohon diajukan untuk minggu berikutnya."
                                if refuse else "", now=t)

        self.timeline.at(decided, decide)

    def pelacakan(self) -> None:
        """Planning and finance runs: some finished, some under way, one late."""
        from jogoroto_desktop.dates import MONTHS

        last_month = _add_months(self.today, -1)
        this_month = self.today
        year = self.today.year
        runs = (
            # (sop, name, started days ago, steps done, deadline in days from today, actor)
            ("renja", f"Renja {year + 1}", 60, 6, 40, "kasubag_keuangan"),
            ("tapkin", f"Tapkin {year}", 85, 9, None, "kasubag_keuangan"),
            ("lakip", f"LAKIP {year - 1}", 80, 10, None, "kasubag_keuangan"),
            ("pencairan-up", f"UP {year}", 75, 10, None, "bendahara"),
            ("pencairan-gu", f"GU {MONTHS[last_month.month - 1]} {last_month.year}", 30, 3,
             None, "bendahara"),
            ("pencairan-gu", f"GU {MONTHS[this_month.month - 1]} {this_month.year}", 12, 1, -2,
             "bendahara"),
            ("pencairan-gaji", f"Gaji {MONTHS[this_month.month - 1]} {this_month.year}", 8, 2,
             None, "bendahara"),
            ("musrenbang", f"Musrenbang Kecamatan {year + 1}", 40, 1, 25, "kasi_pmd"),
            ("perencanaan-add", f"ADD {year + 1}", 20, 1, 60, "kasi_pmd"),
            ("raskin", f"Raskin {MONTHS[last_month.month - 1]} {last_month.year}", 35, 3,
             None, "kasi_sosbud"),
        )
        for sop_id, nama, ago, steps, deadline, role in runs:
            started = _at(self.today - dt.timedelta(days=ago), 9, 0)
            if started.weekday() >= 5:
                started += dt.timedelta(days=7 - started.weekday())
            batas = self.today + dt.timedelta(days=deadline) if deadline is not None else None
            self.timeline.at(started, lambda t, a=(sop_id, nama, steps, batas, role):
                             self._pelacakan(t, *a))

    def _pelacakan(self, when: dt.datetime, sop_id: str, nama: str, steps: int,
                   batas: dt.date | None, role: str) -> None:
        from jogoroto_desktop.registers import pelacakan as pl

        actor = session.Actor(role, session.ROLES[role], role)
        with _as(actor):
            run = pl.buat_pelacakan(sop_id, nama, batas_waktu=batas, now=when)
        self.summary.add("pelacakan")
        self._langkah_pelacakan(when, run, steps, actor)

    def _langkah_pelacakan(self, when: dt.datetime, run: Pelacakan, left: int,
                           actor: session.Actor) -> None:
        from jogoroto_desktop.registers import pelacakan as pl

        if left <= 0 or run.status != pl.BERJALAN:
            return

        def step(t: dt.datetime) -> None:
            with _as(actor):
                pl.majukan(run, oleh=run.pemegang, cabang="ya", pada=t, now=t)
            self._langkah_pelacakan(t, run, left - 1, actor)

        self.timeline.at(self._later(when), step)

    # ---------------------------------------------------------------------------------------
    def run(self, progress: Progress | None) -> None:
        steps = (("Pejabat", self.pejabat), ("Pegawai", self.pegawai),
                 ("Surat masuk", self.surat_masuk), ("Surat keluar", self.surat_keluar),
                 ("Layanan", self.layanan),
                 ("Pelacakan", self.pelacakan))
        for label, build in steps:
            build()
            if progress:
                progress(2, label)
        total = max(len(self.timeline), 1)
        done = 0
        last = -1

        def tick() -> None:
            nonlocal done, last, total
            done += 1
            total = max(total, done + len(self.timeline))
            percent = 5 + int(90 * done / total)
            if progress and percent != last:
                last = percent
                progress(percent, "Mengisi register")

        self.timeline.run(tick)


def isi_demo(today: dt.date | None = None, seed: int = DEMO_SEED,
             progress: Progress | None = None) -> DemoSummary:
    """Fill the open database (a new one, or one made by the demo before) with sample data
    through the real services. `progress(percent, label)` is called as it goes."""
    import models

    started = time.perf_counter()
    today = today or dt.date.today()
    if models.get_setting(DEMO_SETTING) is None and models.SuratMasuk.select().exists():
        raise DemoError("Basis data ini berisi data kantor; data demo hanya diisikan ke basis "
                        "data demo yang baru.")
    summary = DemoSummary(today)
    filler = _DemoFiller(today, seed, summary)
    # The office's setup is done as the administrator; each register entry is then made by
    # the person the SOP names (agendaris, loket, Camat, ...), who act inside.
    with models.db.atomic(), session.acting_as(session.SETUP_ADMIN):
        models.set_setting(DEMO_SETTING, "1")
        filler.run(progress)
    if progress:
        progress(100, "Selesai")
    summary.seconds = time.perf_counter() - started
    return summary


def is_demo_database() -> bool:
    import models

    return models.get_setting(DEMO_SETTING) == "1"
