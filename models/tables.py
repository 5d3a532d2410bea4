"""Table definitions (the current schema) and small helpers that work on them.

The models describe the schema *after* the last migration; the migrations in
:mod:`models.migrations` create it with explicit SQL, so old migrations never change when a model
does.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import peewee

from .base import BaseModel, db


class Setting(BaseModel):
    """A program setting stored in the database (shared by every PC using it)."""

    key = peewee.TextField(primary_key=True)
    value = peewee.TextField(null=True)

    class Meta:
        table_name = "setting"


class Counter(BaseModel):
    """The last number issued for a sequence (``name``) in a ``year``."""

    name = peewee.TextField()
    year = peewee.IntegerField()
    value = peewee.IntegerField()

    class Meta:
        table_name = "counter"
        indexes = ((("name", "year"), True),)


class Pejabat(BaseModel):
    """An official: disposisi writer and target, signature block of forms."""

    jabatan = peewee.TextField(unique=True)
    nama = peewee.TextField()
    pangkat = peewee.TextField()
    nip = peewee.TextField()
    seksi = peewee.TextField()  # seksi id whose inbox receives this official's disposisi
    urutan = peewee.IntegerField()
    aktif = peewee.BooleanField()
    versi = peewee.IntegerField(default=1)  # migration 5: detects concurrent edits

    class Meta:
        table_name = "pejabat"


class _Versioned(BaseModel):
    """When a record was made and last changed, and the version that detects concurrent
    edits (see :mod:`jogoroto_desktop.registers.kernel`)."""

    dibuat_pada = peewee.DateTimeField()
    diubah_pada = peewee.DateTimeField()
    versi = peewee.IntegerField()


class _Register(_Versioned):
    """Columns every official register shares: status, voiding and who made the record."""

    status = peewee.TextField()
    batal_alasan = peewee.TextField(null=True)
    batal_pada = peewee.DateTimeField(null=True)
    dibuat_oleh = peewee.TextField()


class SuratMasuk(_Register):
    tahun = peewee.IntegerField()
    nomor_agenda = peewee.IntegerField()
    tanggal_diterima = peewee.DateField()
    dari = peewee.TextField()
    nomor_surat = peewee.TextField()
    tanggal_surat = peewee.DateField()
    perihal = peewee.TextField()
    sifat = peewee.TextField()
    klasifikasi = peewee.TextField()
    lampiran = peewee.TextField()

    class Meta:
        table_name = "surat_masuk"
        indexes = ((("tahun", "nomor_agenda"), True),)


class SuratKeluar(_Register):
    tahun = peewee.IntegerField()
    urut = peewee.IntegerField(null=True)  # issued when the letter is agendakan
    nomor = peewee.TextField(null=True, unique=True)
    klasifikasi = peewee.TextField()
    tanggal = peewee.DateField()
    kepada = peewee.TextField()
    perihal = peewee.TextField()
    sifat = peewee.TextField()
    pengolah = peewee.TextField()  # seksi id
    lampiran = peewee.TextField()

    class Meta:
        table_name = "surat_keluar"
        indexes = ((("tahun", "urut"), True),)


class Berkas(BaseModel):
    """A scanned letter or a draft file, copied into the data folder and identified by hash."""

    surat_masuk = peewee.ForeignKeyField(SuratMasuk, null=True, backref="berkas")
    surat_keluar = peewee.ForeignKeyField(SuratKeluar, null=True, backref="berkas")
    permohonan = peewee.DeferredForeignKey("Permohonan", null=True, backref="berkas")
    pelacakan = peewee.DeferredForeignKey("Pelacakan", null=True, backref="berkas")
    jenis = peewee.TextField()  # "pindaian" (scan) or "draf"
    nama_asli = peewee.TextField()
    path = peewee.TextField()  # relative to the data folder
    sha256 = peewee.TextField()
    ukuran = peewee.IntegerField()
    ditambahkan_pada = peewee.DateTimeField()

    class Meta:
        table_name = "berkas"


class Disposisi(BaseModel):
    surat_masuk = peewee.ForeignKeyField(SuratMasuk, backref="disposisi")
    induk = peewee.ForeignKeyField("self", null=True, backref="turunan")
    dari_pejabat = peewee.ForeignKeyField(Pejabat)
    tanggal = peewee.DateTimeField()
    batas_waktu = peewee.DateField(null=True)
    instruksi = peewee.TextField()  # one instruction per line
    catatan = peewee.TextField()
    selesai = peewee.BooleanField()
    selesai_pada = peewee.DateTimeField(null=True)
    tindak_lanjut = peewee.TextField()

    class Meta:
        table_name = "disposisi"


class DisposisiTujuan(BaseModel):
    """One addressee of a disposisi; each follows it up on their own."""

    disposisi = peewee.ForeignKeyField(Disposisi, backref="tujuan")
    pejabat = peewee.ForeignKeyField(Pejabat)
    selesai = peewee.BooleanField()
    selesai_pada = peewee.DateTimeField(null=True)
    tindak_lanjut = peewee.TextField()

    class Meta:
        table_name = "disposisi_tujuan"
        indexes = ((("disposisi", "pejabat"), True),)


class Ekspedisi(BaseModel):
    tahun = peewee.IntegerField()
    nomor = peewee.IntegerField()
    surat_masuk = peewee.ForeignKeyField(SuratMasuk, null=True, backref="ekspedisi")
    surat_keluar = peewee.ForeignKeyField(SuratKeluar, null=True, backref="ekspedisi")
    uraian = peewee.TextField()
    kepada = peewee.TextField()
    dikirim_pada = peewee.DateTimeField()
    diterima_oleh = peewee.TextField()
    diterima_pada = peewee.DateTimeField(null=True)

    class Meta:
        table_name = "ekspedisi"
        indexes = ((("tahun", "nomor"), True),)


class Langkah(BaseModel):
    """One SOP step done on a record: who did it and when."""

    jenis = peewee.TextField()  # "surat_masuk" or "surat_keluar"
    rekaman_id = peewee.IntegerField()
    sop_id = peewee.TextField()
    langkah = peewee.IntegerField()
    oleh = peewee.TextField()
    pada = peewee.DateTimeField()
    catatan = peewee.TextField()

    class Meta:
        table_name = "langkah"


class SuratPengantar(_Register):
    tahun = peewee.IntegerField()
    urut = peewee.IntegerField()
    nomor = peewee.TextField(unique=True)
    klasifikasi = peewee.TextField()
    tanggal = peewee.DateField()
    kepada = peewee.TextField()
    di = peewee.TextField()
    penandatangan = peewee.ForeignKeyField(Pejabat)
    sumber = peewee.TextField()  # e.g. "pegawai:12:pensiun"; "" when written by hand

    class Meta:
        table_name = "surat_pengantar"
        indexes = ((("tahun", "urut"), True),)


class SuratPengantarItem(BaseModel):
    surat_pengantar = peewee.ForeignKeyField(SuratPengantar, backref="items")
    urutan = peewee.IntegerField()
    jenis = peewee.TextField()
    banyaknya = peewee.TextField()
    keterangan = peewee.TextField()

    class Meta:
        table_name = "surat_pengantar_item"
        indexes = ((("surat_pengantar", "urutan"), True),)


class Permohonan(_Register):
    """A citizen's service request (permohonan layanan) at the loket."""

    sop_id = peewee.TextField()
    tahun = peewee.IntegerField()
    nomor = peewee.IntegerField()  # register number per service per year
    nomor_tanda_terima = peewee.IntegerField()  # per year over all services; in the QR
    pemohon_nama = peewee.TextField()
    pemohon_nik = peewee.TextField()
    pemohon_alamat = peewee.TextField()
    pemohon_desa = peewee.TextField()
    telepon = peewee.TextField()
    keperluan = peewee.TextField()
    diterima_pada = peewee.DateTimeField()
    langkah_sekarang = peewee.IntegerField()
    status_alasan = peewee.TextField()
    target_selesai = peewee.DateTimeField(null=True)
    selesai_pada = peewee.DateTimeField(null=True)
    diambil_oleh = peewee.TextField()
    diambil_pada = peewee.DateTimeField(null=True)
    petugas = peewee.TextField()
    sop_versi = peewee.IntegerField(default=1)  # the SOP version it was registered under

    class Meta:
        table_name = "permohonan"
        indexes = ((("sop_id", "tahun", "nomor"), True), (("tahun", "nomor_tanda_terima"), True))


class PermohonanSyarat(BaseModel):
    permohonan = peewee.ForeignKeyField(Permohonan, backref="syarat")
    urutan = peewee.IntegerField()
    syarat = peewee.TextField()
    ada = peewee.BooleanField()

    class Meta:
        table_name = "permohonan_syarat"
        indexes = ((("permohonan", "urutan"), True),)


class Pegawai(_Versioned):
    nip = peewee.TextField(unique=True)
    nama = peewee.TextField()
    jenis_kelamin = peewee.TextField()  # "L" or "P"
    tanggal_lahir = peewee.DateField()
    tmt_cpns = peewee.DateField()
    pangkat = peewee.TextField()
    golongan = peewee.TextField()
    jabatan = peewee.TextField()
    tmt_pangkat = peewee.DateField(null=True)
    bup = peewee.IntegerField()  # batas usia pensiun, years
    jatah_cuti = peewee.IntegerField()  # days of annual leave per year
    aktif = peewee.BooleanField()

    class Meta:
        table_name = "pegawai"


class Cuti(_Register):
    pegawai = peewee.ForeignKeyField(Pegawai, backref="cuti")
    tahun = peewee.IntegerField()
    jenis = peewee.TextField()
    mulai = peewee.DateField()
    selesai = peewee.DateField()
    hari = peewee.IntegerField()
    alasan = peewee.TextField()
    status_alasan = peewee.TextField()

    class Meta:
        table_name = "cuti"


class Pelacakan(_Register):
    """One run of a planning or finance SOP, e.g. "Renja 2027"."""

    sop_id = peewee.TextField()
    nama = peewee.TextField()
    tahun = peewee.IntegerField()
    langkah_sekarang = peewee.IntegerField()
    pemegang = peewee.TextField()
    batas_waktu = peewee.DateField(null=True)
    catatan = peewee.TextField()
    selesai_pada = peewee.DateTimeField(null=True)
    sop_versi = peewee.IntegerField(default=1)  # the SOP version it was started under

    class Meta:
        table_name = "pelacakan"
        indexes = ((("sop_id", "nama"), True),)


class Pengguna(_Versioned):
    """A user account; ``peran`` is one of the roles of the SOP actors."""

    nama_pengguna = peewee.TextField(unique=True)
    nama = peewee.TextField()
    peran = peewee.TextField()
    pejabat = peewee.ForeignKeyField(Pejabat, null=True)
    sandi_hash = peewee.TextField()
    harus_ganti_sandi = peewee.BooleanField()
    gagal_masuk = peewee.IntegerField()
    terkunci_sampai = peewee.DateTimeField(null=True)
    aktif = peewee.BooleanField()

    class Meta:
        table_name = "pengguna"


class Audit(BaseModel):
    """Append-only trail of every change to an official record."""

    pada = peewee.DateTimeField()
    oleh = peewee.TextField()
    aksi = peewee.TextField()  # "buat", "ubah", "batal", "cetak", ...
    tabel = peewee.TextField()
    rekaman_id = peewee.IntegerField(null=True)
    ringkasan = peewee.TextField()
    perubahan = peewee.TextField()  # JSON {field: [old, new]}
    hash_sebelum = peewee.TextField(null=True)  # the previous row's hash_baris (models.audit_chain)
    hash_baris = peewee.TextField(null=True)  # SHA-256 of this row and hash_sebelum

    class Meta:
        table_name = "audit"


class AuditKepala(BaseModel):
    """The head of the audit chain: one row (id 1), locked by every append."""

    id = peewee.IntegerField(primary_key=True)
    audit_id = peewee.IntegerField()  # the last row's id (0: no row yet)
    hash = peewee.TextField()  # the last row's hash_baris

    class Meta:
        table_name = "audit_kepala"


class VersiSop(BaseModel):
    """One version of an SOP (jogoroto_desktop.sop.versions): its document as TOML text and
    where it stands in the approval flow. Versions are added, never deleted; an approved one is
    never changed again."""

    sop_id = peewee.TextField()
    nomor_versi = peewee.IntegerField()  # 1, 2, 3, ... per SOP
    status = peewee.TextField()  # "draf", "diajukan" or "disahkan"
    nama = peewee.TextField()  # the SOP's name in this version (lists without parsing)
    dokumen = peewee.TextField()  # the SOP in the exchange format (docs/sop-format.md)
    sidik = peewee.TextField()  # SHA-256 of dokumen, so the audit trail shows every change
    dibuat_oleh = peewee.TextField()
    dibuat_pada = peewee.DateTimeField()
    diajukan_oleh = peewee.TextField(null=True)
    diajukan_pada = peewee.DateTimeField(null=True)
    diteruskan_oleh = peewee.TextField(null=True)
    diteruskan_pada = peewee.DateTimeField(null=True)
    disahkan_oleh = peewee.TextField(null=True)
    disahkan_pada = peewee.DateTimeField(null=True)
    tanggal_efektif = peewee.DateField(null=True)  # None: in force since the book
    catatan = peewee.TextField()  # the Sekcam's note when returning a draft
    diubah_pada = peewee.DateTimeField()
    versi = peewee.IntegerField()  # the kernel's concurrent-edit check, not the SOP version

    class Meta:
        table_name = "sop_versi"
        indexes = ((("sop_id", "nomor_versi"), True),)


#: Every table of the current schema (used by the schema check).
ALL_MODELS: tuple[type[BaseModel], ...] = (
    Setting, Counter, Pejabat, SuratMasuk, SuratKeluar, Berkas, Disposisi, DisposisiTujuan,
    Ekspedisi, Langkah, SuratPengantar, SuratPengantarItem, Permohonan, PermohonanSyarat,
    Pegawai, Cuti, Pelacakan, Pengguna, Audit, AuditKepala, VersiSop,
)

_SQLITE_HAS_RETURNING = sqlite3.sqlite_version_info >= (3, 35, 0)


def next_number(name: str, year: int) -> int:
    """Issue the next number of sequence ``name`` in ``year`` (1, 2, 3, ... per year).

    Runs inside the caller's transaction when there is one, so the number is only used up if
    the caller's insert commits too. One statement, so one round trip to a server: no
    savepoint of its own (a savepoint costs two more), since a single statement is atomic.
    """
    if not name:
        raise ValueError("nama penghitung tidak boleh kosong")
    year = int(year)
    database = db.obj
    if database is None:
        raise RuntimeError("basis data belum dibuka (panggil open_database dulu)")
    p = database.param
    if isinstance(database, peewee.PostgresqlDatabase) or _SQLITE_HAS_RETURNING:
        cursor = database.execute_sql(
            f"INSERT INTO counter (name, year, value) VALUES ({p}, {p}, 1) "
            "ON CONFLICT (name, year) DO UPDATE SET value = counter.value + 1 "
            "RETURNING value",
            (name, year),
        )
        return int(cursor.fetchall()[0][0])
    with db.atomic():  # SQLite older than 3.35: same effect in three statements
        database.execute_sql(
            f"INSERT OR IGNORE INTO counter (name, year, value) VALUES ({p}, {p}, 0)",
            (name, year),
        )
        database.execute_sql(
            f"UPDATE counter SET value = value + 1 WHERE name = {p} AND year = {p}",
            (name, year),
        )
        rows = database.execute_sql(
            f"SELECT value FROM counter WHERE name = {p} AND year = {p}", (name, year)
        ).fetchall()
    return int(rows[0][0])


def distinct_values(field: peewee.Field) -> list:
    """The distinct non-NULL values of `field`, ascending, read by a loose index scan: one
    index probe per value (a recursive ``MIN(...) WHERE x > previous``) instead of reading
    every row as ``SELECT DISTINCT`` does, so a year filter stays cheap however long the
    register grows. For a column that leads an index (otherwise each probe reads the table)."""
    table = field.model._meta.table_name
    column = field.column_name
    cursor = db.execute_sql(
        f'WITH RECURSIVE v(x) AS (SELECT MIN("{column}") FROM "{table}" UNION ALL '
        f'SELECT (SELECT MIN("{column}") FROM "{table}" WHERE "{column}" > v.x) FROM v '
        "WHERE v.x IS NOT NULL) SELECT x FROM v WHERE x IS NOT NULL ORDER BY x")
    return [field.python_value(value) for (value,) in cursor.fetchall()]


def get_setting(key: str, default: str | None = None) -> str | None:
    """Return the stored value of setting ``key``, or ``default`` when it is not stored."""
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def set_setting(key: str, value: str | None) -> None:
    """Store setting ``key`` (insert or replace)."""
    (Setting.insert(key=key, value=value)
     .on_conflict(conflict_target=[Setting.key], update={Setting.value: value})
     .execute())


@contextmanager
def audit_replaceable(database: peewee.Database) -> Iterator[None]:
    """Let a whole-database restore or migration empty the audit table, inside the caller's
    transaction only: the append-only guard (migration 5) is lifted at the start of the block
    and put back at its end, so a rollback leaves it untouched and a commit leaves it in
    place.  This is the one sanctioned exception: restoring a backup replaces the whole
    record, its audit trail included.  On PostgreSQL it needs the table owner's rights (a
    program role that does not own the tables cannot do it, which is the point)."""
    if not database.in_transaction():
        raise RuntimeError("audit_replaceable hanya di dalam transaksi")
    from .audit_chain import sqlite_trigger_sql
    from .migrations import is_postgres

    if is_postgres(database):
        database.execute_sql("GRANT DELETE, TRUNCATE ON audit TO CURRENT_USER")
        database.execute_sql("ALTER TABLE audit DISABLE TRIGGER audit_tolak_ubah")
        database.execute_sql("ALTER TABLE audit DISABLE TRIGGER audit_tolak_kosongkan")
        yield
        database.execute_sql("ALTER TABLE audit ENABLE TRIGGER audit_tolak_ubah")
        database.execute_sql("ALTER TABLE audit ENABLE TRIGGER audit_tolak_kosongkan")
        database.execute_sql("REVOKE DELETE, TRUNCATE ON audit FROM CURRENT_USER")
        return
    database.execute_sql("DROP TRIGGER IF EXISTS audit_tolak_delete")
    yield
    database.execute_sql(sqlite_trigger_sql("DELETE"))
