"""Permissions are enforced in the services: every role-restricted action is refused for every
role that does not hold it (nothing written, no audit row) and works for the roles that do
(with an audit row in the same transaction)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import models
from jogoroto_desktop import accounts, audit, pengaturan, session
from jogoroto_desktop.registers import agenda_io
from jogoroto_desktop.registers.berkas import lampirkan_berkas
from jogoroto_desktop.registers.disposisi import selesaikan_disposisi, tulis_disposisi
from jogoroto_desktop.registers.ekspedisi import kirim_ekspedisi, terima_ekspedisi
from jogoroto_desktop.registers.surat_keluar import (
    SuratKeluarInput,
    majukan_surat_keluar,
    register_surat_keluar,
    update_surat_keluar,
)
from jogoroto_desktop.registers.surat_masuk import (
    register_surat_masuk,
    update_surat_masuk,
    void_surat_masuk,
)
from jogoroto_desktop.validation import ValidationError
from tests.helpers import letter

TODAY = dt.date.today()
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)
    models.open_database(tmp_path / "izin.sqlite3")
    yield tmp_path
    models.close_database()


def outgoing(**changes: object) -> SuratKeluarInput:
    values: dict = {"klasifikasi": "005", "kepada": "Bupati Jombang", "perihal": "Laporan"}
    values.update(changes)
    return SuratKeluarInput(**values)


def official(jabatan: str) -> models.Pejabat:
    return models.Pejabat.get(models.Pejabat.jabatan == jabatan)


@dataclass(frozen=True)
class Action:
    """A restricted service call: ``prepare`` runs as admin and returns the call to try."""

    permission: str
    prepare: Callable[[Path], Callable[[], object]]
    pejabat: str | None = None  # the position the actor is linked to, when it matters


def _register(_tmp: Path) -> Callable[[], object]:
    return lambda: register_surat_masuk(letter())


def _void(_tmp: Path) -> Callable[[], object]:
    surat = register_surat_masuk(letter())
    return lambda: void_surat_masuk(surat, "salah catat")


def _edit_masuk(_tmp: Path) -> Callable[[], object]:
    surat = register_surat_masuk(letter())
    return lambda: update_surat_masuk(surat, letter(perihal="Undangan rapat kerja"))


def _disposisi(_tmp: Path) -> Callable[[], object]:
    surat = register_surat_masuk(letter())
    return lambda: tulis_disposisi(surat, official("Camat"),
                                   [official("Sekretaris Camat")], ["Proses lebih lanjut"])


def _follow_up(_tmp: Path) -> Callable[[], object]:
    surat = register_surat_masuk(letter())
    disposisi = tulis_disposisi(surat, official("Camat"), [official("Sekretaris Camat")],
                                ["Proses lebih lanjut"])
    return lambda: selesaikan_disposisi(disposisi, "Sudah dihadiri", "Sekcam")


def _send(_tmp: Path) -> Callable[[], object]:
    surat = register_surat_masuk(letter())
    return lambda: kirim_ekspedisi("Surat undangan", "Kasi Trantib", surat_masuk=surat)


def _receive(_tmp: Path) -> Callable[[], object]:
    entry = kirim_ekspedisi("Surat undangan", "Kasi Trantib")
    return lambda: terima_ekspedisi(entry, "Pak Kasi")


def _draft_keluar(_tmp: Path) -> Callable[[], object]:
    return lambda: register_surat_keluar(outgoing())


def _number_keluar_at_once(_tmp: Path) -> Callable[[], object]:
    return lambda: register_surat_keluar(outgoing(), langsung_diagendakan=True)


def _number_keluar(_tmp: Path) -> Callable[[], object]:
    surat = register_surat_keluar(outgoing())
    for _ in range(2):
        majukan_surat_keluar(surat)
    assert surat.status == "ttd_camat"
    return lambda: majukan_surat_keluar(surat)


def _edit_keluar(_tmp: Path) -> Callable[[], object]:
    surat = register_surat_keluar(outgoing())
    return lambda: update_surat_keluar(surat, outgoing(perihal="Laporan bulanan"))


def _attach(tmp: Path) -> Callable[[], object]:
    surat = register_surat_masuk(letter())
    scan = tmp / "pindaian.png"
    scan.write_bytes(PNG)
    return lambda: lampirkan_berkas(scan, surat_masuk=surat)


def _import(tmp: Path) -> Callable[[], object]:
    path = tmp / "agenda.csv"
    path.write_text("No. Agenda,Tgl Terima,Asal Surat,No. Surat,Tgl Surat,Perihal\n"
                    "7,2022-01-04,Camat Diwek,1/2022,2022-01-03,Undangan\n", encoding="utf-8")

    def run() -> None:
        report = agenda_io.import_agenda(path)
        assert report.ok, report.problems
    return run


def _pejabat(_tmp: Path) -> Callable[[], object]:
    read = official("Camat")
    return lambda: pengaturan.simpan_pejabat({"nama": "Dra. Contoh"}, read)


def _template(_tmp: Path) -> Callable[[], object]:
    return lambda: pengaturan.simpan_template_nomor("{kode}/{urut}/415.67/{bulan}/{tahun}")


def _add_user(_tmp: Path) -> Callable[[], object]:
    return lambda: accounts.buat_pengguna("siti", "Siti", "agendaris", "Awal2026xy")


def _reset_password(_tmp: Path) -> Callable[[], object]:
    user = accounts.buat_pengguna("siti", "Siti", "agendaris", "Awal2026xy")
    return lambda: accounts.reset_sandi(user, "Baru2026xy")


def _deactivate(_tmp: Path) -> Callable[[], object]:
    user = accounts.buat_pengguna("siti", "Siti", "agendaris", "Awal2026xy")
    return lambda: accounts.set_aktif(user, False)


def _change_role(_tmp: Path) -> Callable[[], object]:
    user = accounts.buat_pengguna("siti", "Siti", "agendaris", "Awal2026xy")
    return lambda: accounts.ubah_peran(user, "camat", None)


ACTIONS: dict[str, Action] = {
    "catat surat masuk (nomor agenda)": Action("agenda.nomor", _register),
    "batalkan surat": Action("agenda.batal", _void),
    "ubah data surat masuk": Action("agenda.nomor", _edit_masuk),
    "tulis disposisi": Action("disposisi.tulis", _disposisi, pejabat="Camat"),
    "tindak lanjut disposisi": Action("disposisi.selesai", _follow_up),
    "kirim ekspedisi": Action("agenda.nomor", _send),
    "terima ekspedisi": Action("agenda.nomor", _receive),
    "konsep surat keluar": Action("surat_keluar.proses", _draft_keluar),
    "surat keluar langsung bernomor": Action("agenda.nomor", _number_keluar_at_once),
    "agendakan surat keluar": Action("agenda.nomor", _number_keluar),
    "ubah data surat keluar": Action("surat_keluar.proses", _edit_keluar),
    "lampirkan pindaian": Action("agenda.nomor", _attach),
    "impor buku agenda": Action("agenda.nomor", _import),
    "ubah pejabat": Action("pengaturan.ubah", _pejabat),
    "ubah template nomor": Action("pengaturan.ubah", _template),
    "buat pengguna": Action("pengguna.kelola", _add_user),
    "setel ulang sandi": Action("pengguna.kelola", _reset_password),
    "nonaktifkan pengguna": Action("pengguna.kelola", _deactivate),
    "ubah peran pengguna": Action("pengguna.kelola", _change_role),
}

CASES = [(name, role) for name in ACTIONS for role in session.ROLES]
REFUSALS = [(n, r) for n, r in CASES if r not in session.PERMISSIONS[ACTIONS[n].permission]]


def _actor(action: Action, role: str) -> session.Actor:
    pejabat_id = official(action.pejabat).id if action.pejabat else None
    return session.Actor("uji", "Pengguna Uji", role, pejabat_id)


def _row_counts() -> dict[str, int]:
    return {m._meta.table_name: m.select().count() for m in models.ALL_MODELS}


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_restricted_action_by_role(name: str, role: str, database: Path) -> None:
    action = ACTIONS[name]
    attempt = action.prepare(database)
    before = _row_counts()
    allowed = role in session.PERMISSIONS[action.permission]
    with session.acting_as(_actor(action, role)):
        if not allowed:
            with pytest.raises(session.PermissionDenied, match="tidak berwenang"):
                attempt()
            assert _row_counts() == before, "a refused action wrote something"
            return
        attempt()
    after = _row_counts()
    assert after["audit"] > before["audit"], "an allowed action left no audit row"
    newest = models.Audit.select().order_by(models.Audit.id.desc()).first()
    assert newest.oleh == "Pengguna Uji"


def test_refusal_figure() -> None:
    """The reliability figure of issue 7: how many (action, role) refusals are checked."""
    assert len(ACTIONS) == 19 and len(session.ROLES) == 12
    assert len(REFUSALS) >= 150
    refused_roles = {r for _n, r in REFUSALS}
    assert refused_roles == set(session.ROLES) - {"admin"}


@pytest.mark.parametrize("role", ["camat", "sekcam", "kasubag_umum", "kasi_tapem"])
def test_disposisi_only_from_the_writers_own_position(role: str) -> None:
    surat = register_surat_masuk(letter())
    camat, sekcam = official("Camat"), official("Sekretaris Camat")
    kasi = official("Kasi Tata Pemerintahan")
    own = {"camat": camat, "sekcam": sekcam, "kasubag_umum":
           official("Kasubag Umum dan Kepegawaian"), "kasi_tapem": kasi}[role]
    other = sekcam if own is camat else camat
    with session.acting_as(session.Actor("u", "U", role, own.id)):
        refused = f"jabatan Anda sendiri \\({own.jabatan}"
        with pytest.raises(session.PermissionDenied, match=refused):
            tulis_disposisi(surat, other, [kasi if own is not kasi else sekcam], ["Arsipkan"])
        written = tulis_disposisi(surat, own, [kasi if own is not kasi else sekcam],
                                  ["Arsipkan"])
    assert written.dari_pejabat_id == own.id
    unlinked = session.Actor("u", "U", role, None)
    with session.acting_as(unlinked), pytest.raises(session.PermissionDenied,
                                                    match="belum dihubungkan"):
        tulis_disposisi(surat, own, [sekcam if own is not sekcam else kasi], ["Arsipkan"])


def test_admin_may_enter_a_paper_disposisi_for_any_position() -> None:
    surat = register_surat_masuk(letter())
    with session.acting_as(session.Actor("admin", "Admin Kantor", "admin")):
        tulis_disposisi(surat, official("Camat"), [official("Sekretaris Camat")], ["Arsipkan"])
    row = models.Audit.get(models.Audit.tabel == "disposisi")
    assert row.oleh == "Admin Kantor" and "Disposisi Camat kepada Sekretaris Camat" in row.ringkasan


def test_nobody_logged_in_is_refused_everything() -> None:
    with session.acting_as(None), pytest.raises(session.PermissionDenied, match="login"):
        register_surat_masuk(letter())


def test_audit_rows_name_the_record_and_old_and_new_values() -> None:
    with session.acting_as(session.Actor("siti", "Siti Aminah", "agendaris")):
        surat = register_surat_masuk(letter())
        void_surat_masuk(surat, "dobel")
    created, voided = models.Audit.select().order_by(models.Audit.id)
    assert (created.aksi, created.tabel, created.rekaman_id) == ("buat", "surat_masuk", surat.id)
    assert json.loads(created.perubahan)["perihal"] == [None, "Undangan rapat"]
    assert (voided.aksi, voided.oleh) == ("batal", "Siti Aminah")
    assert json.loads(voided.perubahan)["status"] == ["diterima", "dibatalkan"]
    assert models.SuratMasuk.get_by_id(surat.id).dibuat_oleh == "Siti Aminah"


def test_printing_is_audited_for_every_role() -> None:
    surat = register_surat_masuk(letter())
    for role in session.ROLES:
        with session.acting_as(session.Actor("u", role, role)):
            audit.catat_cetak(surat, "Lembar disposisi dicetak")
    rows = models.Audit.select().where(models.Audit.aksi == "cetak")
    assert rows.count() == len(session.ROLES)


def test_a_failed_action_leaves_no_audit_row() -> None:
    """The audit row shares the change's transaction: a refused number rolls both back."""
    register_surat_masuk(letter(), nomor_agenda=5)
    before = models.Audit.select().count()
    with pytest.raises(ValidationError, match="sudah dipakai"):
        register_surat_masuk(letter(), nomor_agenda=5)
    assert models.Audit.select().count() == before
