"""Schema migrations.

Each migration is ``Migration(version, description, function)``; ``function(database)`` receives
the open peewee database and changes the schema with explicit SQL that works on SQLite and
PostgreSQL (use :func:`is_postgres` and :func:`auto_id` where the two differ).  Each migration runs
in its own transaction together with the update of ``schema_version``.  To change the schema,
append a migration with the next version number and update :mod:`models.tables` to match; never
edit a migration that has been released.

Notes for authors: SQLite cannot change ``PRAGMA foreign_keys`` inside a transaction, so a table
rebuild must keep references valid by itself (``PRAGMA defer_foreign_keys = ON`` helps).
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import NamedTuple

import peewee

from .audit_chain import (
    GENESIS,
    SQLITE_HEAD_TRIGGER,
    chain_existing_rows,
    install_triggers,
    sqlite_trigger_sql,
)

log = logging.getLogger(__name__)

#: Key of the PostgreSQL advisory lock that serialises migrations between PCs ("Jogoroto").
_PG_LOCK_KEY = 0x4A6F676F726F746F


class Migration(NamedTuple):
    """One step of the schema history."""

    version: int
    description: str
    function: Callable[[peewee.Database], None]


class SchemaVersionError(Exception):
    """The ``schema_version`` table exists but does not hold exactly one integer."""


def is_postgres(database: peewee.Database) -> bool:
    """True when ``database`` is a PostgreSQL database."""
    return isinstance(database, peewee.PostgresqlDatabase)


def auto_id(database: peewee.Database) -> str:
    """Column definition of an auto-numbered integer primary key named ``id``."""
    if is_postgres(database):
        return "id SERIAL PRIMARY KEY"
    return "id INTEGER PRIMARY KEY NOT NULL"


def _register_columns(ts: str) -> str:
    """The columns every official register shares (status, voiding, who made it, when,
    version), for a CREATE TABLE; ``ts`` is the engine's timestamp type."""
    return (
        "status TEXT NOT NULL, batal_alasan TEXT, batal_pada " + ts + ", "
        "dibuat_oleh TEXT NOT NULL, dibuat_pada " + ts + " NOT NULL, "
        "diubah_pada " + ts + " NOT NULL, versi INTEGER NOT NULL"
    )


def _migration_1(database: peewee.Database) -> None:
    """Settings table and the schema version table."""
    database.execute_sql("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    database.execute_sql("CREATE TABLE setting (key TEXT PRIMARY KEY NOT NULL, value TEXT)")


def _migration_2(database: peewee.Database) -> None:
    """Atomic number counters (agenda and letter numbers)."""
    database.execute_sql(
        f"CREATE TABLE counter ({auto_id(database)}, name TEXT NOT NULL, "
        "year INTEGER NOT NULL, value INTEGER NOT NULL, "
        "CONSTRAINT counter_name_year UNIQUE (name, year))"
    )


def _types(database: peewee.Database) -> tuple[str, str]:
    """(timestamp, boolean) column types for the engine."""
    return ("TIMESTAMP", "BOOLEAN") if is_postgres(database) else ("DATETIME", "INTEGER")


# The office's officials as the SOP book names them; names, ranks and NIPs are filled in
# Pengaturan (the book shows only the Camat's NIP).
_DEFAULT_OFFICIALS = (
    ("Camat", "", "Pembina Tk. I", "19690814 199703 2 003", "", 1),
    ("Sekretaris Camat", "", "", "", "sekretariat", 2),
    ("Kasubag Umum dan Kepegawaian", "", "", "", "sekretariat", 3),
    ("Kasubag Keuangan, Penyusunan Program dan Evaluasi", "", "", "", "sekretariat", 4),
    ("Kasi Tata Pemerintahan", "", "", "", "tata-pemerintahan", 5),
    ("Kasi Pemberdayaan Masyarakat dan Desa", "", "", "", "pmd", 6),
    ("Kasi Ketentraman dan Ketertiban Umum", "", "", "", "trantib", 7),
    ("Kasi Sosial Budaya", "", "", "", "sosbud", 8),
)


def _migration_3(database: peewee.Database) -> None:
    """Correspondence registers: officials, surat masuk and keluar, disposisi, ekspedisi,
    scanned files and the SOP steps recorded on each letter."""
    ts, boolean = _types(database)
    pk = auto_id(database)
    database.execute_sql(
        f"CREATE TABLE pejabat ({pk}, jabatan TEXT NOT NULL UNIQUE, nama TEXT NOT NULL, "
        "pangkat TEXT NOT NULL, nip TEXT NOT NULL, seksi TEXT NOT NULL, "
        f"urutan INTEGER NOT NULL, aktif {boolean} NOT NULL)"
    )
    p = database.param
    true = True if is_postgres(database) else 1
    for jabatan, nama, pangkat, nip, seksi, urutan in _DEFAULT_OFFICIALS:
        database.execute_sql(
            "INSERT INTO pejabat (jabatan, nama, pangkat, nip, seksi, urutan, aktif) "
            f"VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})",
            (jabatan, nama, pangkat, nip, seksi, urutan, true),
        )
    common = _register_columns(ts)
    database.execute_sql(
        f"CREATE TABLE surat_masuk ({pk}, tahun INTEGER NOT NULL, nomor_agenda INTEGER NOT NULL, "
        "tanggal_diterima DATE NOT NULL, dari TEXT NOT NULL, nomor_surat TEXT NOT NULL, "
        "tanggal_surat DATE NOT NULL, perihal TEXT NOT NULL, sifat TEXT NOT NULL, "
        f"klasifikasi TEXT NOT NULL, lampiran TEXT NOT NULL, {common}, "
        "CONSTRAINT surat_masuk_nomor UNIQUE (tahun, nomor_agenda))"
    )
    database.execute_sql("CREATE INDEX surat_masuk_diterima ON surat_masuk (tanggal_diterima)")
    database.execute_sql(
        f"CREATE TABLE surat_keluar ({pk}, tahun INTEGER NOT NULL, urut INTEGER, nomor TEXT, "
        "klasifikasi TEXT NOT NULL, tanggal DATE NOT NULL, kepada TEXT NOT NULL, "
        "perihal TEXT NOT NULL, sifat TEXT NOT NULL, pengolah TEXT NOT NULL, "
        f"lampiran TEXT NOT NULL, {common}, "
        "CONSTRAINT surat_keluar_urut UNIQUE (tahun, urut), "
        "CONSTRAINT surat_keluar_nomor UNIQUE (nomor))"
    )
    database.execute_sql("CREATE INDEX surat_keluar_tanggal ON surat_keluar (tanggal)")
    database.execute_sql(
        f"CREATE TABLE berkas ({pk}, surat_masuk_id INTEGER REFERENCES surat_masuk (id), "
        "surat_keluar_id INTEGER REFERENCES surat_keluar (id), jenis TEXT NOT NULL, "
        "nama_asli TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL, "
        f"ukuran INTEGER NOT NULL, ditambahkan_pada {ts} NOT NULL)"
    )
    database.execute_sql(
        f"CREATE TABLE disposisi ({pk}, "
        "surat_masuk_id INTEGER NOT NULL REFERENCES surat_masuk (id), "
        "induk_id INTEGER REFERENCES disposisi (id), "
        "dari_pejabat_id INTEGER NOT NULL REFERENCES pejabat (id), "
        f"tanggal {ts} NOT NULL, batas_waktu DATE, instruksi TEXT NOT NULL, "
        f"catatan TEXT NOT NULL, selesai {boolean} NOT NULL, selesai_pada {ts}, "
        "tindak_lanjut TEXT NOT NULL)"
    )
    database.execute_sql("CREATE INDEX disposisi_surat ON disposisi (surat_masuk_id)")
    database.execute_sql(
        f"CREATE TABLE disposisi_tujuan ({pk}, "
        "disposisi_id INTEGER NOT NULL REFERENCES disposisi (id), "
        "pejabat_id INTEGER NOT NULL REFERENCES pejabat (id), "
        f"selesai {boolean} NOT NULL, selesai_pada {ts}, tindak_lanjut TEXT NOT NULL, "
        "CONSTRAINT disposisi_tujuan_unik UNIQUE (disposisi_id, pejabat_id))"
    )
    database.execute_sql(
        f"CREATE TABLE ekspedisi ({pk}, tahun INTEGER NOT NULL, nomor INTEGER NOT NULL, "
        "surat_masuk_id INTEGER REFERENCES surat_masuk (id), "
        "surat_keluar_id INTEGER REFERENCES surat_keluar (id), uraian TEXT NOT NULL, "
        f"kepada TEXT NOT NULL, dikirim_pada {ts} NOT NULL, diterima_oleh TEXT NOT NULL, "
        f"diterima_pada {ts}, CONSTRAINT ekspedisi_nomor UNIQUE (tahun, nomor))"
    )
    database.execute_sql(
        f"CREATE TABLE langkah ({pk}, jenis TEXT NOT NULL, rekaman_id INTEGER NOT NULL, "
        f"sop_id TEXT NOT NULL, langkah INTEGER NOT NULL, oleh TEXT NOT NULL, pada {ts} NOT NULL, "
        "catatan TEXT NOT NULL)"
    )
    database.execute_sql("CREATE INDEX langkah_rekaman ON langkah (jenis, rekaman_id)")


def _migration_4(database: peewee.Database) -> None:
    """Surat pengantar; citizens' service requests; personnel, leave and planning trackers;
    user accounts and the audit trail."""
    ts, boolean = _types(database)
    pk = auto_id(database)
    common = _register_columns(ts)
    # Surat pengantar: own register, numbered like surat keluar; items in their own table.
    database.execute_sql(
        f"CREATE TABLE surat_pengantar ({pk}, tahun INTEGER NOT NULL, urut INTEGER NOT NULL, "
        "nomor TEXT NOT NULL, klasifikasi TEXT NOT NULL, tanggal DATE NOT NULL, "
        "kepada TEXT NOT NULL, di TEXT NOT NULL, "
        "penandatangan_id INTEGER NOT NULL REFERENCES pejabat (id), "
        f"sumber TEXT NOT NULL, {common}, "
        "CONSTRAINT surat_pengantar_urut UNIQUE (tahun, urut), "
        "CONSTRAINT surat_pengantar_nomor UNIQUE (nomor))"
    )
    database.execute_sql(
        f"CREATE TABLE surat_pengantar_item ({pk}, "
        "surat_pengantar_id INTEGER NOT NULL REFERENCES surat_pengantar (id), "
        "urutan INTEGER NOT NULL, jenis TEXT NOT NULL, banyaknya TEXT NOT NULL, "
        "keterangan TEXT NOT NULL, "
        "CONSTRAINT surat_pengantar_item_urutan UNIQUE (surat_pengantar_id, urutan))"
    )
    # Citizens' service requests: a register number per service per year, and a tanda terima
    # number per year (the QR payload names the tanda terima).
    database.execute_sql(
        f"CREATE TABLE permohonan ({pk}, sop_id TEXT NOT NULL, tahun INTEGER NOT NULL, "
        "nomor INTEGER NOT NULL, nomor_tanda_terima INTEGER NOT NULL, "
        "pemohon_nama TEXT NOT NULL, pemohon_nik TEXT NOT NULL, pemohon_alamat TEXT NOT NULL, "
        "pemohon_desa TEXT NOT NULL, telepon TEXT NOT NULL, keperluan TEXT NOT NULL, "
        f"diterima_pada {ts} NOT NULL, langkah_sekarang INTEGER NOT NULL, "
        f"status_alasan TEXT NOT NULL, target_selesai {ts}, selesai_pada {ts}, "
        f"diambil_oleh TEXT NOT NULL, diambil_pada {ts}, petugas TEXT NOT NULL, {common}, "
        "CONSTRAINT permohonan_nomor UNIQUE (sop_id, tahun, nomor), "
        "CONSTRAINT permohonan_tanda_terima UNIQUE (tahun, nomor_tanda_terima))"
    )
    database.execute_sql("CREATE INDEX permohonan_diterima ON permohonan (diterima_pada)")
    database.execute_sql("CREATE INDEX permohonan_sop_status ON permohonan (sop_id, status)")
    database.execute_sql(
        f"CREATE TABLE permohonan_syarat ({pk}, "
        "permohonan_id INTEGER NOT NULL REFERENCES permohonan (id), urutan INTEGER NOT NULL, "
        f"syarat TEXT NOT NULL, ada {boolean} NOT NULL, "
        "CONSTRAINT permohonan_syarat_urutan UNIQUE (permohonan_id, urutan))"
    )
    # Personnel master, leave book and the runs of planning/finance SOPs.
    database.execute_sql(
        f"CREATE TABLE pegawai ({pk}, nip TEXT NOT NULL UNIQUE, nama TEXT NOT NULL, "
        "jenis_kelamin TEXT NOT NULL, tanggal_lahir DATE NOT NULL, tmt_cpns DATE NOT NULL, "
        "pangkat TEXT NOT NULL, golongan TEXT NOT NULL, jabatan TEXT NOT NULL, "
        "tmt_pangkat DATE, bup INTEGER NOT NULL, jatah_cuti INTEGER NOT NULL, "
        f"aktif {boolean} NOT NULL, dibuat_pada {ts} NOT NULL, diubah_pada {ts} NOT NULL, "
        "versi INTEGER NOT NULL)"
    )
    database.execute_sql(
        f"CREATE TABLE cuti ({pk}, pegawai_id INTEGER NOT NULL REFERENCES pegawai (id), "
        "tahun INTEGER NOT NULL, jenis TEXT NOT NULL, mulai DATE NOT NULL, "
        "selesai DATE NOT NULL, hari INTEGER NOT NULL, alasan TEXT NOT NULL, "
        f"status_alasan TEXT NOT NULL, {common})"
    )
    database.execute_sql("CREATE INDEX cuti_pegawai ON cuti (pegawai_id, tahun)")
    database.execute_sql(
        f"CREATE TABLE pelacakan ({pk}, sop_id TEXT NOT NULL, nama TEXT NOT NULL, "
        "tahun INTEGER NOT NULL, langkah_sekarang INTEGER NOT NULL, pemegang TEXT NOT NULL, "
        f"batas_waktu DATE, catatan TEXT NOT NULL, selesai_pada {ts}, {common}, "
        "CONSTRAINT pelacakan_nama UNIQUE (sop_id, nama))"
    )
    # Scans and documents may also belong to a service request or a tracker run.
    database.execute_sql(
        "ALTER TABLE berkas ADD COLUMN permohonan_id INTEGER REFERENCES permohonan (id)")
    database.execute_sql(
        "ALTER TABLE berkas ADD COLUMN pelacakan_id INTEGER REFERENCES pelacakan (id)")
    # Accounts and the append-only audit trail.
    database.execute_sql(
        f"CREATE TABLE pengguna ({pk}, nama_pengguna TEXT NOT NULL UNIQUE, "
        "nama TEXT NOT NULL, peran TEXT NOT NULL, "
        "pejabat_id INTEGER REFERENCES pejabat (id), sandi_hash TEXT NOT NULL, "
        f"harus_ganti_sandi {boolean} NOT NULL, gagal_masuk INTEGER NOT NULL, "
        f"terkunci_sampai {ts}, aktif {boolean} NOT NULL, dibuat_pada {ts} NOT NULL, "
        f"diubah_pada {ts} NOT NULL, versi INTEGER NOT NULL)"
    )
    database.execute_sql(
        f"CREATE TABLE audit ({pk}, pada {ts} NOT NULL, oleh TEXT NOT NULL, "
        "aksi TEXT NOT NULL, tabel TEXT NOT NULL, rekaman_id INTEGER, "
        "ringkasan TEXT NOT NULL, perubahan TEXT NOT NULL)"
    )
    database.execute_sql("CREATE INDEX audit_rekaman ON audit (tabel, rekaman_id)")
    database.execute_sql("CREATE INDEX audit_pada ON audit (pada)")


def _migration_5(database: peewee.Database) -> None:
    """Append-only audit trail (triggers on both engines, revoked privileges on PostgreSQL) and
    a version column on officials so two PCs editing Pengaturan cannot overwrite each other."""
    database.execute_sql("ALTER TABLE pejabat ADD COLUMN versi INTEGER NOT NULL DEFAULT 1")
    database.execute_sql("CREATE INDEX audit_oleh ON audit (oleh, pada)")
    # The trigger binds every role, the table owner too (only dropping the trigger, which needs
    # ownership, lifts it); the REVOKE makes the program's own role fail even earlier, with
    # "permission denied".  The owner could GRANT the privileges back: see the README for running
    # the program under a role that does not own the tables.
    install_triggers(database)
    if is_postgres(database):
        database.execute_sql("REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM PUBLIC")
        database.execute_sql("REVOKE UPDATE, DELETE, TRUNCATE ON audit FROM CURRENT_USER")


def _migration_6(database: peewee.Database) -> None:
    """An index for the open disposisi of a seksi's inbox. Without it every inbox (one per
    seksi tab, read again after every change) reads every addressee of every disposisi ever
    written, a history that only grows; with it, only the few still open."""
    database.execute_sql(
        "CREATE INDEX disposisi_tujuan_terbuka ON disposisi_tujuan (selesai, pejabat_id)")


def _migration_7(database: peewee.Database) -> None:
    """Hash-chained audit trail: the hashes on every row, the chain head in a one-row table
    (its row lock serialises appends between PCs), and the rows so far chained in id order.
    The append-only guard is lifted for the chaining only, inside this transaction."""
    database.execute_sql("ALTER TABLE audit ADD COLUMN hash_sebelum TEXT")
    database.execute_sql("ALTER TABLE audit ADD COLUMN hash_baris TEXT")
    database.execute_sql(
        "CREATE TABLE audit_kepala (id INTEGER PRIMARY KEY NOT NULL, "
        "audit_id INTEGER NOT NULL, hash TEXT NOT NULL)")
    database.execute_sql(
        f"INSERT INTO audit_kepala (id, audit_id, hash) VALUES (1, 0, '{GENESIS}')")
    if is_postgres(database):
        database.execute_sql("GRANT UPDATE ON audit TO CURRENT_USER")
        database.execute_sql("ALTER TABLE audit DISABLE TRIGGER audit_tolak_ubah")
        chain_existing_rows(database)
        database.execute_sql("ALTER TABLE audit ENABLE TRIGGER audit_tolak_ubah")
        database.execute_sql("REVOKE UPDATE ON audit FROM CURRENT_USER")
        return
    database.execute_sql("DROP TRIGGER audit_tolak_update")
    chain_existing_rows(database)
    database.execute_sql(sqlite_trigger_sql("UPDATE"))
    database.execute_sql(SQLITE_HEAD_TRIGGER)


def _migration_8(database: peewee.Database) -> None:
    """The citizens' satisfaction survey (IKM, PermenPAN-RB 14/2017): one response per
    service request, the nine element scores 1-4 checked by the database too, the optional
    respondent profile and comment, how it was entered and by whom. Responses are voided,
    never deleted; only a response still valid counts as the request's one response, so a
    voided (mistyped) one can be entered again."""
    ts, _boolean = _types(database)
    scores = ", ".join(f"u{n} INTEGER NOT NULL CHECK (u{n} BETWEEN 1 AND 4)" for n in range(1, 10))
    database.execute_sql(
        f"CREATE TABLE ikm_respons ({auto_id(database)}, "
        "permohonan_id INTEGER NOT NULL REFERENCES permohonan (id), sop_id TEXT NOT NULL, "
        f"diisi_pada {ts} NOT NULL, {scores}, jenis_kelamin TEXT NOT NULL, "
        "kelompok_umur TEXT NOT NULL, pendidikan TEXT NOT NULL, pekerjaan TEXT NOT NULL, "
        "komentar TEXT NOT NULL, sumber TEXT NOT NULL, "
        f"status TEXT NOT NULL, batal_alasan TEXT, batal_pada {ts}, "
        f"dibuat_oleh TEXT NOT NULL, dibuat_pada {ts} NOT NULL, diubah_pada {ts} NOT NULL, "
        "versi INTEGER NOT NULL)"
    )
    database.execute_sql(
        "CREATE UNIQUE INDEX ikm_respons_permohonan ON ikm_respons (permohonan_id) "
        "WHERE status <> 'dibatalkan'")
    # The rekap reads a period (and a service): the period leads.
    database.execute_sql("CREATE INDEX ikm_respons_diisi ON ikm_respons (diisi_pada, sop_id)")


def _migration_9(database: peewee.Database) -> None:
    """SOP monitoring and evaluation (PermenPAN-RB 35/2012): the saved assessments with their
    per-step rows and the seven criteria of an evaluation, and an index that lets the
    monitoring read one SOP's recorded steps of a period without reading every step."""
    ts, boolean = _types(database)
    pk = auto_id(database)
    common = _register_columns(ts)
    signer = ("penilai_nama TEXT NOT NULL, penilai_nip TEXT NOT NULL, "
              "penilai_jabatan TEXT NOT NULL, angka TEXT NOT NULL")
    database.execute_sql(
        f"CREATE TABLE monitoring_sop ({pk}, sop_id TEXT NOT NULL, dari DATE NOT NULL, "
        "sampai DATE NOT NULL, ambang INTEGER NOT NULL, usulan TEXT NOT NULL, "
        "penilaian TEXT NOT NULL, catatan TEXT NOT NULL, tindakan TEXT NOT NULL, "
        f"{signer}, {common})")
    database.execute_sql("CREATE INDEX monitoring_sop_sop ON monitoring_sop (sop_id, sampai)")
    database.execute_sql(
        f"CREATE TABLE monitoring_langkah ({pk}, "
        "monitoring_id INTEGER NOT NULL REFERENCES monitoring_sop (id), no INTEGER NOT NULL, "
        "prosedur TEXT NOT NULL, usulan TEXT NOT NULL, penilaian TEXT NOT NULL, "
        "catatan TEXT NOT NULL, tindakan TEXT NOT NULL, "
        "CONSTRAINT monitoring_langkah_no UNIQUE (monitoring_id, no))")
    database.execute_sql(
        f"CREATE TABLE evaluasi_sop ({pk}, sop_id TEXT NOT NULL, tahun INTEGER NOT NULL, "
        f"perlu_revisi {boolean} NOT NULL, catatan TEXT NOT NULL, {signer}, {common})")
    database.execute_sql("CREATE INDEX evaluasi_sop_sop ON evaluasi_sop (sop_id, tahun)")
    database.execute_sql(
        f"CREATE TABLE evaluasi_kriteria ({pk}, "
        "evaluasi_id INTEGER NOT NULL REFERENCES evaluasi_sop (id), no INTEGER NOT NULL, "
        f"ya {boolean} NOT NULL, catatan TEXT NOT NULL, "
        "CONSTRAINT evaluasi_kriteria_no UNIQUE (evaluasi_id, no))")
    # Each recorded step keeps its actual time (seconds since the record's previous step), so
    # the monitoring sums a period's steps in one GROUP BY instead of pairing every step with
    # the one before it; the steps recorded so far get theirs here.
    database.execute_sql("ALTER TABLE langkah ADD COLUMN detik INTEGER")
    fill_step_times(database)
    # The monitoring reads one SOP's steps of a period from this index alone.
    database.execute_sql(
        "CREATE INDEX langkah_sop_pada ON langkah (sop_id, pada, langkah, detik)")
    database.execute_sql(
        "CREATE INDEX permohonan_sop_selesai ON permohonan (sop_id, selesai_pada)")


def fill_step_times(database: peewee.Database) -> None:
    """Give every recorded step its actual time: the seconds since the previous recorded step
    of the same record (by time, then id); NULL for a record's first step."""
    if is_postgres(database):
        seconds = ("CAST(ROUND(EXTRACT(EPOCH FROM (langkah.pada - MAX(sebelum.pada)))) "
                   "AS INTEGER)")
    else:
        seconds = ("CAST(ROUND((julianday(langkah.pada) - julianday(MAX(sebelum.pada))) "
                   "* 86400.0) AS INTEGER)")
    database.execute_sql(
        f"UPDATE langkah SET detik = (SELECT {seconds} FROM langkah sebelum "
        "WHERE sebelum.jenis = langkah.jenis AND sebelum.rekaman_id = langkah.rekaman_id "
        "AND (sebelum.pada < langkah.pada "
        "OR (sebelum.pada = langkah.pada AND sebelum.id < langkah.id)))")
def _shipped_sop_files() -> list[Path]:
    """The SOP book as shipped (resources/sops/*.toml), in a source tree or a frozen build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        folder = Path(frozen_root) / "resources" / "sops"
    else:
        import resources

        folder = Path(resources.__file__).resolve().parent / "sops"
    return sorted(folder.glob("*.toml"))


def _migration_10(database: peewee.Database) -> None:
    """SOP versions: every SOP of the book becomes version 1, as transcribed (the shipped TOML
    text itself), in force with the book's dates and signer; service requests and trackers
    remember the version they were registered under (existing ones: version 1)."""
    import hashlib  # not at start-up: it loads OpenSSL
    import tomllib

    ts, _ = _types(database)
    database.execute_sql(
        f"CREATE TABLE sop_versi ({auto_id(database)}, sop_id TEXT NOT NULL, "
        "nomor_versi INTEGER NOT NULL, status TEXT NOT NULL, nama TEXT NOT NULL, "
        f"dokumen TEXT NOT NULL, sidik TEXT NOT NULL, dibuat_oleh TEXT NOT NULL, "
        f"dibuat_pada {ts} NOT NULL, diajukan_oleh TEXT, diajukan_pada {ts}, "
        f"diteruskan_oleh TEXT, diteruskan_pada {ts}, disahkan_oleh TEXT, disahkan_pada {ts}, "
        f"tanggal_efektif DATE, catatan TEXT NOT NULL, diubah_pada {ts} NOT NULL, "
        "versi INTEGER NOT NULL, CONSTRAINT sop_versi_nomor UNIQUE (sop_id, nomor_versi))")
    for table in ("permohonan", "pelacakan"):
        database.execute_sql(
            f"ALTER TABLE {table} ADD COLUMN sop_versi INTEGER NOT NULL DEFAULT 1")
    p = database.param
    # The book's date, not the moment of the migration: a fresh schema must hold exactly the
    # same seeded rows on every PC and every run (db migrate-from-sqlite compares them).
    book_date = dt.datetime(2022, 1, 4)
    for path in _shipped_sop_files():
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        made = data.get("tanggal_pembuatan")
        effective = data.get("tanggal_efektif")
        signed = effective or made
        official = data.get("disahkan_oleh") or {}
        signer = ", ".join(part for part in (
            official.get("jabatan", ""), official.get("nama", ""),
            f"NIP {official['nip']}" if official.get("nip") else "") if part)
        database.execute_sql(
            "INSERT INTO sop_versi (sop_id, nomor_versi, status, nama, dokumen, sidik, "
            "dibuat_oleh, dibuat_pada, disahkan_oleh, disahkan_pada, tanggal_efektif, catatan, "
            f"diubah_pada, versi) VALUES ({p}, 1, 'disahkan', {p}, {p}, {p}, {p}, {p}, {p}, {p}, "
            f"{p}, '', {p}, 1)",
            (data["id"], data["name"], text, hashlib.sha256(text.encode("utf-8")).hexdigest(),
             "Buku SOP Kecamatan Jogoroto",
             dt.datetime.combine(made, dt.time()) if made else book_date,
             signer or "Buku SOP Kecamatan Jogoroto",
             dt.datetime.combine(signed, dt.time()) if signed else None,
             effective, book_date))


def _migration_11(database: peewee.Database) -> None:
    """Letter templates (naskah): every version of every template the office added or restored,
    the .docx bytes kept (never deleted); an outgoing letter made from a template links to the
    service request it answers and names the template version it was made from."""
    ts, boolean = _types(database)
    blob = "BYTEA" if is_postgres(database) else "BLOB"
    database.execute_sql(
        f"CREATE TABLE templat_naskah ({auto_id(database)}, nama TEXT NOT NULL, "
        "versi INTEGER NOT NULL, judul TEXT NOT NULL, jenis TEXT NOT NULL, "
        "klasifikasi TEXT NOT NULL, sop_id TEXT NOT NULL, kepada TEXT NOT NULL, "
        "di TEXT NOT NULL, perihal TEXT NOT NULL, penandatangan TEXT NOT NULL, "
        f"bernomor {boolean} NOT NULL, isi {blob} NOT NULL, sha256 TEXT NOT NULL, "
        f"sumber TEXT NOT NULL, dibuat_oleh TEXT NOT NULL, dibuat_pada {ts} NOT NULL, "
        "CONSTRAINT templat_naskah_versi UNIQUE (nama, versi))"
    )
    database.execute_sql(
        "ALTER TABLE surat_keluar ADD COLUMN permohonan_id INTEGER REFERENCES permohonan (id)")
    database.execute_sql("ALTER TABLE surat_keluar ADD COLUMN templat TEXT")
    database.execute_sql("ALTER TABLE surat_keluar ADD COLUMN templat_versi INTEGER")
    database.execute_sql("ALTER TABLE surat_keluar ADD COLUMN naskah_isian TEXT")
    database.execute_sql("CREATE INDEX surat_keluar_permohonan ON surat_keluar (permohonan_id)")


MIGRATIONS: list[Migration] = [
    Migration(1, "Tabel pengaturan dan versi skema", _migration_1),
    Migration(2, "Tabel penghitung nomor (agenda dan surat)", _migration_2),
    Migration(3, "Register surat masuk/keluar, disposisi, ekspedisi dan pejabat", _migration_3),
    Migration(4, "Surat pengantar, layanan, kepegawaian, pelacakan, pengguna dan jejak audit",
              _migration_4),
    Migration(5, "Jejak audit hanya-tambah dan versi data pejabat", _migration_5),
    Migration(6, "Indeks disposisi yang belum ditindaklanjuti (kotak masuk)", _migration_6),
    Migration(7, "Rantai hash jejak audit", _migration_7),
    Migration(8, "Survei kepuasan masyarakat (IKM)", _migration_8),
    Migration(9, "Monitoring dan evaluasi SOP", _migration_9),
    Migration(10, "Versi SOP (versi 1 dari buku SOP) dan versi SOP tiap permohonan/pelacakan",
              _migration_10),
    Migration(11, "Templat naskah dan tautan surat keluar ke permohonan layanan", _migration_11),
]

#: The schema version this program writes: the highest migration.
SCHEMA_VERSION: int = MIGRATIONS[-1].version

assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1)), \
    "migrations must be numbered 1, 2, 3, ... without gaps"


def table_exists(database: peewee.Database, name: str) -> bool:
    """True when table ``name`` exists (PostgreSQL: on the search path)."""
    if is_postgres(database):
        row = database.execute_sql("SELECT to_regclass(%s)", (name,)).fetchone()
        return row[0] is not None
    row = database.execute_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def read_schema_version(database: peewee.Database) -> int:
    """Schema version stored in ``database``; 0 when there is no ``schema_version`` table."""
    if not table_exists(database, "schema_version"):
        return 0
    rows = database.execute_sql("SELECT version FROM schema_version").fetchall()
    return validate_version_rows(rows)


def validate_version_rows(rows: list[tuple]) -> int:
    """Check the rows of ``SELECT version FROM schema_version`` and return the version."""
    if len(rows) != 1:
        raise SchemaVersionError(
            f"tabel schema_version berisi {len(rows)} baris, seharusnya tepat 1")
    value = rows[0][0]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SchemaVersionError(f"nilai versi skema tidak sah: {value!r}")
    return value


def write_schema_version(database: peewee.Database, version: int) -> None:
    """Store ``version`` as the single row of ``schema_version``."""
    p = database.param
    cursor = database.execute_sql(f"UPDATE schema_version SET version = {p}", (version,))
    if cursor.rowcount == 0:
        database.execute_sql(f"INSERT INTO schema_version (version) VALUES ({p})", (version,))


def _write_transaction(database: peewee.Database) -> AbstractContextManager[object]:
    """A transaction that takes the write lock at once (SQLite ``BEGIN IMMEDIATE``)."""
    if isinstance(database, peewee.SqliteDatabase):
        return database.atomic("IMMEDIATE")
    return database.atomic()


def apply_migrations(database: peewee.Database, target_version: int | None = None) -> list[str]:
    """Run the pending migrations up to ``target_version`` (default: all).

    Each migration runs in its own transaction, re-reads the version under a lock and skips
    itself if another program applied it meanwhile.  Returns the descriptions applied here.
    """
    target = SCHEMA_VERSION if target_version is None else target_version
    if not 0 <= target <= SCHEMA_VERSION:
        raise ValueError(f"versi target {target} di luar 0..{SCHEMA_VERSION}")
    if read_schema_version(database) >= target:
        # The usual start: nothing to do. Two statements instead of five per migration (a
        # transaction, a lock and the version each), which a PC on Wi-Fi feels at start-up.
        return []
    applied: list[str] = []
    for migration in MIGRATIONS:
        if migration.version > target:
            break
        with _write_transaction(database):
            if is_postgres(database):
                database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (_PG_LOCK_KEY,))
            current = read_schema_version(database)
            if current >= migration.version:
                continue
            if current != migration.version - 1:
                raise SchemaVersionError(
                    f"versi skema {current} tidak dapat dinaikkan ke {migration.version}")
            log.info("Migrasi skema %d: %s", migration.version, migration.description)
            migration.function(database)
            write_schema_version(database, migration.version)
        applied.append(migration.description)
    return applied
