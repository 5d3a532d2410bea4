"""Input hygiene at the domain boundary (issue 17): a control character (terminal escape, NUL,
DEL, C1) or a bidi override typed into any register's text field is refused with the field
named and nothing written; non-ASCII digits in NIK, NIP, numbers and QR payloads are refused
with the reason, never a traceback."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import models
from jogoroto_desktop import accounts, pengaturan
from jogoroto_desktop.nik import NikError, periksa_nik
from jogoroto_desktop.nip import NipError, parse_nip
from jogoroto_desktop.qr import PayloadError, parse_payload
from jogoroto_desktop.registers import kepegawaian as kp
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.registers import pelacakan as pl
from jogoroto_desktop.registers import pengantar as pg
from jogoroto_desktop.registers.disposisi import selesaikan_disposisi, tulis_disposisi
from jogoroto_desktop.registers.ekspedisi import kirim_ekspedisi
from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, register_surat_keluar
from jogoroto_desktop.registers.surat_masuk import (
    register_surat_masuk,
    update_surat_masuk,
    void_surat_masuk,
)
from jogoroto_desktop.validation import Checker, ValidationError
from tests.helpers import letter

REPO_ROOT = Path(__file__).resolve().parent.parent
NIK = "3517125408900002"
NIP = "19850312 201001 1 002"
NOW = dt.datetime(2026, 3, 2, 9, 0)

#: What an attacker or a careless paste brings: a terminal escape (ESC, C0), NUL, DEL, a C1
#: control (NEL, which str.split() would quietly turn into a space), and bidi controls.
BAD = {"ESC": "\x1b[2J", "NUL": "\x00", "DEL": "\x7f", "NEL": "\x85", "RLO": "\u202e",
       "LRE": "\u202a", "FSI": "\u2068", "PDI": "\u2069"}


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)
    models.open_database(tmp_path / "bersih.db")
    yield
    models.close_database()


def official(jabatan: str) -> models.Pejabat:
    return models.Pejabat.get(models.Pejabat.jabatan == jabatan)


def outgoing(**changes: object) -> SuratKeluarInput:
    values: dict = {"klasifikasi": "005", "kepada": "Bupati Jombang", "perihal": "Laporan"}
    values.update(changes)
    return SuratKeluarInput(**values)


def pengantar(**changes: object) -> pg.SuratPengantarInput:
    values: dict = {"kepada": "Kepala BKPSDM", "tanggal": None,
                    "items": [pg.ItemInput("Usulan kenaikan pangkat", "1 berkas")]}
    values.update(changes)
    return pg.SuratPengantarInput(**values)


def permohonan(**changes: object) -> ly.PermohonanInput:
    values: dict = {"sop_id": "legalisir", "nama": "Siti Aminah", "nik": NIK,
                    "alamat": "Dusun Janti RT 01 RW 02"}
    values.update(changes)
    return ly.PermohonanInput(**values)


def budi() -> models.Pegawai:
    return kp.tambah_pegawai(kp.PegawaiInput(nip=NIP, nama="Budi", pangkat="III/a",
                                             jabatan="Staf"), now=NOW)


Attempt = Callable[[str], object]


def _edit_masuk() -> Attempt:
    surat = register_surat_masuk(letter())
    return lambda bad: update_surat_masuk(surat, letter(perihal=bad + "Rapat"))


def _disposisi(catatan: bool) -> Attempt:
    surat = register_surat_masuk(letter())

    def attempt(bad: str) -> object:
        instruksi = [] if catatan else [f"Proses {bad}"]
        return tulis_disposisi(surat, official("Camat"), [official("Sekretaris Camat")],
                                 instruksi, catatan=f"Hadiri{bad}" if catatan else "")
    return attempt


def _void() -> Attempt:
    surat = register_surat_masuk(letter())
    return lambda bad: void_surat_masuk(surat, f"salah {bad}catat")


def _follow_up() -> Attempt:
    surat = register_surat_masuk(letter())
    disposisi = tulis_disposisi(surat, official("Camat"), [official("Sekretaris Camat")],
                                  ["Proses lebih lanjut"])
    return lambda bad: selesaikan_disposisi(disposisi, f"Sudah {bad}dihadiri", "Sekcam")


def _cuti() -> Attempt:
    pegawai = budi()
    return lambda bad: kp.ajukan_cuti(kp.CutiInput(
        pegawai, "tahunan", "2026-03-23", "2026-03-24", f"Keluarga{bad}"), now=NOW)


#: register field -> (problem key, prepare() -> the attempt with a text in that field).
FIELDS: dict[str, tuple[str, Callable[[], Attempt]]] = {
    "surat masuk: perihal": ("perihal", lambda: lambda bad: register_surat_masuk(
        letter(perihal=f"Undangan {bad}rapat"))),
    "surat masuk: dari": ("dari", lambda: lambda bad: register_surat_masuk(
        letter(dari=f"Bupati{bad}"))),
    "ubah surat masuk: perihal": ("perihal", _edit_masuk),
    "surat keluar: kepada": ("kepada", lambda: lambda bad: register_surat_keluar(
        outgoing(kepada=f"Bupati {bad}"))),
    "surat keluar: perihal": ("perihal", lambda: lambda bad: register_surat_keluar(
        outgoing(perihal=f"{bad}Laporan"), langsung_diagendakan=True)),
    "disposisi: catatan": ("catatan", lambda: _disposisi(catatan=True)),
    "disposisi: instruksi": ("instruksi", lambda: _disposisi(catatan=False)),
    "batalkan surat: alasan": ("alasan", _void),
    "surat pengantar: kepada": ("kepada", lambda: lambda bad: pg.buat_surat_pengantar(
        pengantar(kepada=f"Kepala {bad}BKPSDM"))),
    "surat pengantar: jenis barang": ("items", lambda: lambda bad: pg.buat_surat_pengantar(
        pengantar(items=[pg.ItemInput(f"Usulan{bad}", "1 berkas")]))),
    "layanan: nama pemohon": ("nama", lambda: lambda bad: ly.daftar(
        permohonan(nama=f"Siti {bad}Aminah"))),
    "layanan: alamat": ("alamat", lambda: lambda bad: ly.daftar(
        permohonan(alamat=f"Janti{bad}"))),
    "layanan: syarat": ("syarat", lambda: lambda bad: ly.daftar(
        permohonan(syarat_ada=[f"Fotokopi KTP{bad}"]))),
    "pegawai: nama": ("nama", lambda: lambda bad: kp.tambah_pegawai(kp.PegawaiInput(
        nip=NIP, nama=f"Budi{bad}", pangkat="III/a", jabatan="Staf"), now=NOW)),
    "cuti: alasan": ("alasan", _cuti),
    "hari libur: nama": ("libur", lambda: lambda bad: kp.simpan_hari_libur(
        {**kp.hari_libur(), dt.date(2026, 12, 24): f"Cuti bersama{bad}"})),
    "ekspedisi: uraian": ("uraian", lambda: lambda bad: kirim_ekspedisi(
        f"Surat undangan{bad}", "Kasi Trantib")),
    "tindak lanjut disposisi": ("tindak_lanjut", _follow_up),
    "pelacakan: nama": ("nama", lambda: lambda bad: pl.buat_pelacakan(
        "renja", f"Renja {bad}2027", now=NOW)),
    "pejabat: nama": ("nama", lambda: lambda bad: pengaturan.simpan_pejabat(
        {"nama": f"Dra. {bad}Contoh"}, official("Camat"))),
    "pengguna: nama lengkap": ("nama", lambda: lambda bad: accounts.buat_pengguna(
        "siti", f"Siti{bad}", "agendaris", "Awal2026xy")),
}


def row_counts() -> dict[str, int]:
    return {m._meta.table_name: m.select().count() for m in models.ALL_MODELS}


@pytest.mark.parametrize("bad", list(BAD.values()), ids=list(BAD))
@pytest.mark.parametrize("field", list(FIELDS))
def test_control_character_refused_with_the_field_named(field: str, bad: str) -> None:
    key, prepare = FIELDS[field]
    attempt = prepare()
    before = row_counts()
    with pytest.raises(ValidationError) as refused:
        attempt(bad)
    message = refused.value.problems.get(key, "")
    assert f"U+{ord(bad[0]):04X}" in message and "tidak boleh disimpan" in message, (
        refused.value.problems)
    assert row_counts() == before, "a refused input wrote something"


def test_the_same_fields_accept_clean_text_with_tabs_and_line_breaks() -> None:
    """The fields of the table really work with good text (so a refusal above is about the
    character): one letter with a pasted line break is stored on one line."""
    surat = register_surat_masuk(letter(perihal="Undangan\trapat\r\nkoordinasi \u2013 \u00e9"))
    assert surat.perihal == "Undangan rapat koordinasi \u2013 \u00e9"


def test_checker_names_the_kind_of_character() -> None:
    check = Checker()
    assert check.text("perihal", "Perihal", "abc\u202edcba", 100) == ""
    assert check.problems["perihal"].startswith("Perihal berisi karakter pengatur arah teks")
    check.text("dari", "Dari", "\x1b[31mmerah", 100)
    assert check.problems["dari"].startswith("Dari berisi karakter kendali tak terlihat (U+001B)")


# --- non-ASCII digits -----------------------------------------------------------------------

ARABIC_INDIC = "\u0663\u0665\u0661\u0667"  # ٣٥١٧
FULL_WIDTH = "\uff13\uff15\uff11\uff17"  # ３５１７


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULL_WIDTH], ids=["arab", "lebar"])
def test_nik_nip_and_payload_with_non_ascii_digits_give_the_reason(digits: str) -> None:
    with pytest.raises(NikError, match="bukan angka 0-9"):
        periksa_nik(digits + NIK[4:])
    with pytest.raises(NipError, match="bukan angka 0-9"):
        parse_nip(digits + NIP.replace(" ", "")[4:])
    with pytest.raises(PayloadError, match="bukan angka 0-9"):
        parse_payload(f"JGR1:SM:{digits}:12:ABCDEFGH")
    with pytest.raises(ValidationError, match="bukan angka 0-9"):
        ly.daftar(permohonan(nik=digits + NIK[4:]))
    with pytest.raises(ValidationError, match="bukan angka 0-9"):
        ly.cari_permohonan(f"legalisir/{digits}")
    with pytest.raises(ValidationError, match="bukan angka 0-9"):
        pg.find_surat_pengantar(digits)
    assert models.Permohonan.select().count() == 0


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jogoroto_desktop", *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=120, encoding="utf-8")


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULL_WIDTH], ids=["arab", "lebar"])
def test_verify_with_non_ascii_digits_is_a_message_and_an_exit_code(
        digits: str, tmp_path: Path) -> None:
    """A real process: the reason on stderr, exit code 1, no traceback (issue 17)."""
    db = ["--db", str(tmp_path / "verify.db")]
    tried = {"tahun": f"JGR1:SM:{digits}:12:ABCDEFGH", "nomor": f"JGR1:SM:2026:{digits}:ABCDEFGH",
             "semua": f"JGR1:SM:{digits}:{digits[:2]}:ABCDEFGH"}
    for payload in tried.values():
        result = run_cli(*db, "verify", payload)
        assert result.returncode == 1, result.stderr
        assert result.stderr.startswith("TIDAK SAH: ") and "bukan angka 0-9" in result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
    result = run_cli(*db, "surat-masuk", "list", "--year", digits)
    assert result.returncode == 2 and "bukan angka 0-9" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_cli(*db, "print", "disposisi", digits, "-o", str(tmp_path / "d.pdf"))
    assert result.returncode == 1 and "bukan angka 0-9" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "d.pdf").exists()
