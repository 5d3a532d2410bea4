"""SOP rules, the TOML exchange format and the SOP versions with their approval flow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import models
from jogoroto_desktop import audit, session
from jogoroto_desktop.session import Actor, PermissionDenied
from jogoroto_desktop.sop import versions as v
from jogoroto_desktop.sop.catalog import CatalogError, default_catalog, shipped_catalog
from jogoroto_desktop.sop.checks import MAX_KEGIATAN, periksa_sop
from jogoroto_desktop.sop.exchange import sop_from_toml, sop_to_toml
from jogoroto_desktop.sop.model import Sop
from jogoroto_desktop.validation import ValidationError
from models import VersiSop
from tests.helpers import IMB, imb_detailed

KASI_TRANTIB = Actor("trantib", "Kasi Trantib", "kasi_trantib")
KASI_TAPEM = Actor("tapem", "Kasi Tapem", "kasi_tapem")
SEKCAM = Actor("sekcam", "Sekretaris Camat", "sekcam")
CAMAT = Actor("camat", "Camat Jogoroto", "camat")
LOKET = Actor("loket", "Petugas Loket", "petugas_loket")


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        target = str(tmp_path / "jogoroto.db")
    else:
        target = request.getfixturevalue("pg_url")
    models.open_database(target)
    yield target
    models.close_database()


# --- checks ----------------------------------------------------------------------------------

def _fields(sop: Sop) -> dict[str, str]:
    return {p.field: p.message for p in periksa_sop(sop)}


def test_the_shipped_book_has_no_problems() -> None:
    assert all(periksa_sop(sop) == [] for sop in shipped_catalog())


def test_every_rule_names_its_field() -> None:
    sop = imb_detailed()
    steps = list(sop.steps)
    steps[0] = replace(steps[0], symbol="process")  # first step must be a terminator
    steps[1] = replace(steps[1], ya=9, tidak=2)  # target missing; itself
    steps[2] = replace(steps[2], pelaksana="Lurah", waktu="segera")
    steps[3] = replace(steps[3], kegiatan="", output="x" * 301)
    broken = replace(sop, steps=tuple(steps), nomor="065/\x07", name="",
                     actors=(*sop.actors, "Camat", ""),
                     dasar_hukum=("a" * 301, "Perda\u202eX"))
    fields = _fields(broken)
    assert "terminator" in fields["langkah 1: symbol"]
    assert fields["langkah 2: ya"] == "langkah tujuan 9 tidak ada"
    assert fields["langkah 2: tidak"] == "tidak boleh menuju dirinya sendiri"
    assert "bukan salah satu pelaksana" in fields["langkah 3: pelaksana"]
    assert "tidak dikenali" in fields["langkah 3: waktu"]
    assert "tidak boleh kosong" in fields["langkah 4: kegiatan"]
    assert "paling banyak 300" in fields["langkah 4: output"]
    assert "U+0007" in fields["nomor"]
    assert "tidak boleh kosong" in fields["name"]
    assert "ganda" in fields["actors 5"] and "kosong" in fields["actors 6"]
    assert "paling banyak 300" in fields["dasar_hukum 1"]
    assert "U+202E" in fields["dasar_hukum 2"]
    assert all(p.file == "rekomendasi-imb.toml" for p in periksa_sop(broken))


def test_a_decision_without_targets_and_a_long_kegiatan() -> None:
    sop = imb_detailed()
    steps = list(sop.steps)
    steps[1] = replace(steps[1], ya=None, tidak=None)
    steps[2] = replace(steps[2], kegiatan="k" * (MAX_KEGIATAN + 1))
    fields = _fields(replace(sop, steps=tuple(steps)))
    assert "Ya dan Tidak" in fields["langkah 2: ya"]
    assert "501 karakter" in fields["langkah 3: kegiatan"]


# --- exchange --------------------------------------------------------------------------------

@pytest.mark.parametrize("sop", list(shipped_catalog()), ids=lambda s: s.id)
def test_every_shipped_sop_round_trips(sop: Sop) -> None:
    text = sop_to_toml(sop)
    again = sop_from_toml(text, f"{sop.id}.toml")
    assert again == sop
    assert sop_to_toml(again) == text


def _refused(text: str) -> set[tuple[str, str]]:
    with pytest.raises(CatalogError) as info:
        sop_from_toml(text, "kiriman.toml")
    return {(p.file, p.field) for p in info.value.problems}


def test_bad_files_are_refused_naming_file_and_field() -> None:
    good = sop_to_toml(shipped_catalog().get("legalisir"))
    assert _refused('[tool.ruff]\nline-length = 100\n') == {("kiriman.toml", "-")}
    assert _refused("id = \n") == {("kiriman.toml", "-")}
    assert ("kiriman.toml", "warna") in _refused('warna = "merah"\n' + good)
    assert ("kiriman.toml", "langkah 2: pelaksana") in _refused(
        good.replace('pelaksana = "Petugas Loket"', 'pelaksana = "Lurah"', 1))
    no_targets = good.replace("ya = 3\ntidak = 1\n", "")
    assert ("kiriman.toml", "langkah 2: ya") in _refused(no_targets)
    long = good.replace('kegiatan = "Camat memberikan tandatangan"',
                        f'kegiatan = "{"a" * 10_000}"')
    assert ("kiriman.toml", "langkah 4: kegiatan") in _refused(long)
    control = good.replace('kegiatan = "Camat memberikan',
                           'kegiatan = "Camat\\u001b[31m memberikan')
    assert ("kiriman.toml", "langkah 4: kegiatan") in _refused(control)
    assert ("kiriman.toml", "langkah 1: warna") in _refused(
        good.replace("[[steps]]\nno = 1\n", '[[steps]]\nno = 1\nwarna = "x"\n', 1))


# --- versions --------------------------------------------------------------------------------

def test_version_1_is_the_book_in_force(database: str) -> None:
    shipped = shipped_catalog()
    for sop in shipped:
        versions = v.daftar_versi(sop.id)
        assert [(x.versi, x.status) for x in versions] == [(1, v.BERLAKU)]
        assert versions[0].sop == sop
        assert versions[0].tanggal_efektif == sop.tanggal_efektif
    legalisir = v.versi_berlaku("legalisir")
    assert legalisir.disahkan_oleh == "Camat Jogoroto, NIP 19690814 199703 2 003"
    assert legalisir.disahkan_pada == dt.datetime(2022, 1, 4)
    assert list(default_catalog()) == list(shipped)


def test_the_whole_flow_as_the_kasi_trantib_would(database: str) -> None:
    assert default_catalog().get(IMB).is_draft
    draft = v.simpan_draf(imb_detailed(), KASI_TRANTIB)
    assert (draft.versi, draft.status, draft.dibuat_oleh) == (2, v.DRAF, "Kasi Trantib")
    assert v.draf_terbuka(IMB) == draft
    # Saving again updates the same draft (checked against the version read).
    changed = replace(draft.sop, peringatan=("Rekomendasi terlambat bila berkas kurang",))
    saved = v.simpan_draf(changed, KASI_TRANTIB, dibaca=draft)
    assert saved.versi == 2 and saved.kunci == draft.kunci + 1
    with pytest.raises(ValidationError) as stale:
        v.simpan_draf(changed, KASI_TRANTIB, dibaca=draft)
    assert "komputer lain" in stale.value.problems["versi"]
    submitted = v.ajukan(IMB, KASI_TRANTIB)
    assert (submitted.status, submitted.diajukan_oleh) == (v.DIAJUKAN, "Kasi Trantib")
    returned = v.kembalikan(IMB, SEKCAM, "Lengkapi dasar hukum")
    assert (returned.status, returned.catatan) == (v.DRAF, "Lengkapi dasar hukum")
    v.ajukan(IMB, KASI_TRANTIB)
    forwarded = v.teruskan(IMB, SEKCAM)
    assert forwarded.diteruskan_oleh == "Sekretaris Camat"
    approved = v.sahkan(IMB, CAMAT, dt.date.today())
    assert (approved.status, approved.disahkan_oleh) == (v.BERLAKU, "Camat Jogoroto")
    assert approved.sop.tanggal_efektif == dt.date.today()
    assert approved.sop.tanggal_pembuatan == dt.date.today()
    assert approved.sop.tanggal_revisi is None  # the first detailed version is no revision
    assert approved.sop.disahkan_oleh.jabatan == "Camat Jogoroto"
    assert approved.sop.disahkan_oleh.nip == "19690814 199703 2 003"
    assert [(x.versi, x.status) for x in v.daftar_versi(IMB)] == [(1, v.DIGANTI),
                                                                  (2, v.BERLAKU)]
    in_force = default_catalog().get(IMB)
    assert not in_force.is_draft and len(in_force.steps) == 5
    assert v.versi_berlaku(IMB, dt.date.today() - dt.timedelta(days=1)).versi == 1
    # A revision of a detailed version gets its Tgl. Revisi, in force from a later day.
    revision = v.buat_revisi(IMB, KASI_TRANTIB)
    assert revision.versi == 3 and revision.sop == replace(in_force, status="rinci")
    v.ajukan(IMB, KASI_TRANTIB)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    third = v.sahkan(IMB, CAMAT, tomorrow)
    assert third.status == v.DISAHKAN and third.sop.tanggal_revisi == dt.date.today()
    assert v.versi_berlaku(IMB).versi == 2
    assert v.versi_berlaku(IMB, tomorrow).versi == 3
    assert [x.status for x in v.daftar_versi(IMB, tomorrow)] == [v.DIGANTI, v.DIGANTI,
                                                                 v.BERLAKU]
    summaries = [row.ringkasan for row in audit.query_audit().where(
        models.Audit.tabel == "sop_versi")]
    assert len(summaries) == 10
    assert any("dikembalikan: Lengkapi dasar hukum" in s for s in summaries)


def _state() -> list[tuple]:
    return list(VersiSop.select().order_by(VersiSop.id).tuples())


def test_refusals_change_nothing(database: str) -> None:
    before = _state()
    # Wrong unit, wrong role.
    with pytest.raises(PermissionDenied, match="seksi Ketentraman"):
        v.simpan_draf(imb_detailed(), KASI_TAPEM)
    with pytest.raises(PermissionDenied, match="Petugas Loket"):
        v.buat_revisi(IMB, LOKET)
    assert _state() == before
    draft = v.simpan_draf(replace(imb_detailed(), name=""), KASI_TRANTIB)  # saved with problems
    assert draft.status == v.DRAF
    before = _state()
    with pytest.raises(ValidationError) as problems:
        v.ajukan(IMB, KASI_TRANTIB)
    assert "name: Nama SOP tidak boleh kosong" in problems.value.problems["sop"]
    with pytest.raises(ValidationError, match="Draf"):
        v.sahkan(IMB, CAMAT, dt.date.today())  # not submitted
    # The list letter and the Nomor SOP of another SOP in force are taken.
    taken = replace(imb_detailed(), urutan="b", nomor="065/04.SOP.SEK/415.67/2022")
    assert {(p.field, p.message.split(" sudah")[0]) for p in v.masalah_pengajuan(taken)} == {
        ("urutan", "huruf 'b'"), ("nomor", "'065/04.SOP.SEK/415.67/2022'")}
    with pytest.raises(ValidationError, match="sudah punya versi"):
        v.buat_revisi(IMB, KASI_TRANTIB)
    v.simpan_draf(imb_detailed(), KASI_TRANTIB, dibaca=draft)
    v.ajukan(IMB, KASI_TRANTIB)
    before = _state()
    for actor in (KASI_TRANTIB, SEKCAM, session.SETUP_ADMIN):
        with pytest.raises(PermissionDenied):
            v.sahkan(IMB, actor, dt.date.today())
    with pytest.raises(PermissionDenied):
        v.kembalikan(IMB, KASI_TRANTIB, "tidak")
    with pytest.raises(ValidationError) as reason:
        v.kembalikan(IMB, SEKCAM, " ")
    assert "wajib" in reason.value.problems["alasan"]
    with pytest.raises(ValidationError) as early:
        v.sahkan(IMB, CAMAT, dt.date.today() - dt.timedelta(days=1))
    assert "sebelum hari ini" in early.value.problems["efektif"]
    with pytest.raises(ValidationError, match="sedang diajukan"):
        v.simpan_draf(imb_detailed(), KASI_TRANTIB, dibaca=v.draf_terbuka(IMB))
    with pytest.raises(ValidationError, match="tidak ada di katalog"):
        v.buat_revisi("tidak-ada", KASI_TRANTIB)
    assert _state() == before


def test_an_approved_version_is_never_written_again(database: str) -> None:
    v.simpan_draf(imb_detailed(), KASI_TRANTIB)
    v.ajukan(IMB, KASI_TRANTIB)
    v.sahkan(IMB, CAMAT, dt.date.today())
    approved = list(VersiSop.select().where(VersiSop.status == v.DISAHKAN)
                    .order_by(VersiSop.id).tuples())
    v.buat_revisi(IMB, KASI_TRANTIB)
    v.ajukan(IMB, KASI_TRANTIB)
    v.sahkan(IMB, CAMAT, dt.date.today())
    after = list(VersiSop.select().where(VersiSop.status == v.DISAHKAN)
                 .order_by(VersiSop.id).tuples())
    assert after[:len(approved)] == approved and len(after) == len(approved) + 1


# --- service requests keep their version -----------------------------------------------------

def _imb_request(nama: str, nik: str) -> models.Permohonan:
    from jogoroto_desktop.registers import layanan as ly

    with session.acting_as(LOKET):
        return ly.daftar(ly.PermohonanInput(
            sop_id=IMB, nama=nama, nik=nik, alamat="Jl. Raya 1", desa="Sumbermulyo",
            semua_syarat_ada=True))


def test_a_request_keeps_the_version_it_was_registered_under(database: str) -> None:
    from jogoroto_desktop import documents
    from jogoroto_desktop.registers import layanan as ly

    older = _imb_request("Siti Aminah", "3517125408900002")
    assert older.sop_versi == 1 and older.target_selesai is None
    assert [s.kegiatan for s in ly.kemajuan(older)] == [k for k, _ in ly.ALUR_DRAF]
    v.simpan_draf(imb_detailed(), KASI_TRANTIB)
    v.ajukan(IMB, KASI_TRANTIB)
    v.teruskan(IMB, SEKCAM)
    v.sahkan(IMB, CAMAT, dt.date.today())

    newer = _imb_request("Budi Santoso", "3517121503850001")
    assert newer.sop_versi == 2
    assert [s.kegiatan for s in ly.kemajuan(newer)] == [s.kegiatan
                                                         for s in imb_detailed().steps]
    assert [row.syarat for row in ly.syarat_of(newer)] == [
        "Formulir permohonan", "Fotokopi KTP", "Fotokopi sertifikat tanah"]
    standard = ly.standar_waktu(ly.sop_permohonan(newer))
    assert standard == dt.timedelta(days=3, minutes=10)
    assert newer.target_selesai == newer.diterima_pada + standard
    receipt = documents.tanda_terima_data(newer)
    assert len(receipt.persyaratan) == 3 and receipt.perkiraan_selesai is not None
    # The older request still follows the minimal flow of version 1, read back from the table.
    older = models.Permohonan.get_by_id(older.id)
    assert ly.sop_permohonan(older).is_draft
    assert [s.kegiatan for s in ly.kemajuan(older)] == [k for k, _ in ly.ALUR_DRAF]
    assert ly.syarat_of(older) == [] and documents.tanda_terima_data(older).persyaratan == ()
    with session.acting_as(LOKET):
        assert ly.lanjut(older) == ly.DIPROSES  # minimal flow
        assert ly.lanjut(newer) == ly.DIVERIFIKASI  # the new SOP's verification


def test_migrating_an_existing_database_points_old_requests_at_version_1(tmp_path: Path) -> None:
    import peewee

    from models.migrations import MIGRATIONS, apply_migrations

    ours = next(m.version for m in MIGRATIONS if m.description.startswith("Versi SOP"))
    path = tmp_path / "lama.db"
    database = peewee.SqliteDatabase(str(path))
    apply_migrations(database, target_version=ours - 1)
    database.execute_sql(
        "INSERT INTO permohonan (sop_id, tahun, nomor, nomor_tanda_terima, pemohon_nama, "
        "pemohon_nik, pemohon_alamat, pemohon_desa, telepon, keperluan, diterima_pada, "
        "langkah_sekarang, status_alasan, diambil_oleh, petugas, status, dibuat_oleh, "
        "dibuat_pada, diubah_pada, versi) VALUES ('legalisir', 2026, 1, 1, 'Siti', "
        "'3517125408900002', 'Jl. 1', '', '', '', '2026-01-05 08:00:00', 2, '', '', 'Loket', "
        "'diterima', 'Loket', '2026-01-05 08:00:00', '2026-01-05 08:00:00', 1)")
    database.close()
    models.open_database(path)
    try:
        assert models.Permohonan.get().sop_versi == 1
        assert VersiSop.select().count() == len(shipped_catalog()) == 34
        assert {row.sop_id for row in VersiSop.select()} == {s.id for s in shipped_catalog()}
    finally:
        models.close_database()


def test_a_tracker_keeps_the_version_it_was_started_under(database: str) -> None:
    from jogoroto_desktop.registers import pelacakan as pl

    older = pl.buat_pelacakan("renja", "Renja 2027")
    renja = v.versi_berlaku("renja").sop
    steps = list(renja.steps)
    steps[1] = replace(steps[1], kegiatan="Kasubag Program menyusun rancangan Renja baru")
    v.simpan_draf(replace(renja, steps=tuple(steps)), session.SETUP_ADMIN)
    v.ajukan("renja", session.SETUP_ADMIN)
    v.sahkan("renja", CAMAT, dt.date.today())
    newer = pl.buat_pelacakan("renja", "Renja 2028")
    assert (older.sop_versi, newer.sop_versi) == (1, 2)
    older = models.Pelacakan.get_by_id(older.id)
    assert pl.riwayat(older)[1].kegiatan == renja.steps[1].kegiatan
    assert pl.riwayat(newer)[1].kegiatan == "Kasubag Program menyusun rancangan Renja baru"
