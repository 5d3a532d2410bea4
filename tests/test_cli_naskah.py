"""The `naskah` commands: a letter for an SKCK request walked to the Camat's signature (the
number as the last line, the file written), template list/add/ganti/unduh/pulihkan, and every
refusal: exit 1 with the reason, no file written, no number taken."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import models
from jogoroto_desktop.naskah.isi import teks_docx
from tests.helpers import cli, refused, run
from tests.naskah_helpers import docx_with, isi_pejabat

YEAR = dt.date.today().year
PEMOHON = ["--nama", "Ahmad Fauzi", "--nik", "3517121508950003", "--alamat",
           "Dusun Kedungpari RT 002 RW 001", "--desa", "Sumbermulyo", "--keperluan",
           "melamar pekerjaan", "--syarat", "Copy KK", "--syarat", "Copy KTP", "--syarat",
           "Berkas ..."]
SKCK_ISIAN = ["--isian", "tempat_lahir=Jombang", "--isian", "agama=Islam", "--isian",
              "pekerjaan=Karyawan Swasta"]


def surat_keluar_count(db_path: Path) -> tuple[int, int]:
    """(letters in the Agenda Surat Keluar, the counter's value this year)."""
    models.open_database(db_path)
    try:
        counter = models.Counter.get_or_none(models.Counter.name == "surat_keluar")
        return models.SuratKeluar.select().count(), counter.value if counter else 0
    finally:
        models.close_database()


@pytest.fixture
def skck(db_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """An SKCK request at the Camat's signature, officials filled in; its register number."""
    number = run(db_path, capsys, "layanan", "add", "rekomendasi-skck", *PEMOHON)[-1]
    assert run(db_path, capsys, "layanan", "step", number)[-1] == "diverifikasi"
    assert run(db_path, capsys, "layanan", "step", number)[-1] == "menunggu_ttd"
    models.open_database(db_path)
    isi_pejabat()
    models.close_database()
    return number


def test_buat_writes_the_letter_and_prints_its_number_last(db_path: Path, tmp_path: Path,
                                                           capsys, skck: str) -> None:
    target = tmp_path / "skck.docx"
    out = run(db_path, capsys, "naskah", "buat", "--templat", "rekomendasi-skck", "--layanan",
              skck, *SKCK_ISIAN, "--tembusan", "Kepala Desa Sumbermulyo", "-o", str(target))
    assert out[-1] == f"331/1/415.67/{YEAR}"
    text = teks_docx(target.read_bytes())
    assert "Ahmad Fauzi" in text and f"331/1/415.67/{YEAR}" in text and "{{" not in text
    listing = json.loads("\n".join(run(db_path, capsys, "surat-keluar", "list", "--json")))
    assert [item["nomor"] for item in listing] == [out[-1]]
    assert listing[0]["kepada"] == "Kepala Kepolisian Sektor Jogoroto"
    again = tmp_path / "lagi.docx"
    assert run(db_path, capsys, "naskah", "ulang", out[-1], "-o", str(again))[-1] == out[-1]
    assert teks_docx(again.read_bytes()) == text  # the same letter, no new number
    assert surat_keluar_count(db_path) == (1, 1)
    assert "tidak ada" in refused(db_path, capsys, "naskah", "ulang", "999/9/415.67/2026",
                                  "-o", str(tmp_path / "x.docx"))


@pytest.mark.parametrize("case", ["voided", "signer", "unknown-template", "missing-isian",
                                  "bad-isian", "bad-suffix"])
def test_refusals_write_nothing_and_take_no_number(db_path: Path, tmp_path: Path, capsys,
                                                   skck: str, case: str) -> None:
    target = tmp_path / ("letter.txt" if case == "bad-suffix" else "letter.docx")
    args = ["naskah", "buat", "--templat", "rekomendasi-skck", "--layanan", skck, *SKCK_ISIAN,
            "-o", str(target)]
    expected = {"voided": "Dibatalkan", "signer": "Pengaturan > Pejabat",
                "unknown-template": "tidak ada", "missing-isian": "pekerjaan",
                "bad-isian": "NAMA=NILAI", "bad-suffix": ".docx atau .pdf"}[case]
    if case == "voided":
        run(db_path, capsys, "layanan", "batal", skck, "--alasan", "Pemohon membatalkan")
    elif case == "signer":
        models.open_database(db_path)
        models.Pejabat.update(nip="").where(models.Pejabat.jabatan == "Camat").execute()
        models.close_database()
    elif case == "unknown-template":
        args[3] = "rekomendasi-polisi"
    elif case == "missing-isian":
        at = args.index("pekerjaan=Karyawan Swasta")
        del args[at - 1:at + 1]
    elif case == "bad-isian":
        args += ["--isian", "pekerjaan"]
    if case == "bad-isian":
        with pytest.raises(SystemExit):
            cli(db_path, *args)
        assert expected in capsys.readouterr().err
    else:
        assert expected in refused(db_path, capsys, *args)
    assert not target.exists()
    assert surat_keluar_count(db_path) == (0, 0)


def test_templates_are_listed_added_replaced_downloaded_and_restored(
        db_path: Path, tmp_path: Path, capsys) -> None:
    listed = json.loads("\n".join(run(db_path, capsys, "naskah", "templat", "list", "--json")))
    assert "rekomendasi-skck" in [t["nama"] for t in listed]
    good = tmp_path / "domisili.docx"
    good.write_bytes(docx_with("Nomor {{ nomor }}", "Yth. {{ kepada }}", "{{ qr }}"))
    assert run(db_path, capsys, "naskah", "templat", "add", str(good), "--nama",
               "surat-domisili", "--klasifikasi", "470")[-1] == "1"
    assert run(db_path, capsys, "naskah", "templat", "ganti", str(good), "--nama",
               "surat-domisili")[-1] == "2"
    history = json.loads("\n".join(run(db_path, capsys, "naskah", "templat", "riwayat",
                                       "--nama", "surat-domisili", "--json")))
    assert [t["versi"] for t in history] == [2, 1]
    saved = tmp_path / "unduh.docx"
    run(db_path, capsys, "naskah", "templat", "unduh", "--nama", "undangan", "-o", str(saved))
    assert saved.read_bytes().startswith(b"PK")
    run(db_path, capsys, "naskah", "templat", "ganti", str(good), "--nama", "undangan")
    assert run(db_path, capsys, "naskah", "templat", "pulihkan", "--nama", "undangan")[-1] == "2"
    fields = run(db_path, capsys, "naskah", "isian", "--templat", "rekomendasi-skck")
    assert any(line.startswith("{{ pekerjaan }}") for line in fields)


@pytest.mark.parametrize("content, expected", [
    (b"bukan docx", "bukan dokumen Word"),
    (docx_with("Yth. {{ nama_kapolsek }}"), "{{ nama_kapolsek }}"),
    (docx_with("Yth. {{ kepada }"), "tidak ditutup"),
])
def test_a_bad_template_file_is_refused(db_path: Path, tmp_path: Path, capsys,
                                        content: bytes, expected: str) -> None:
    path = tmp_path / "templat.docx"
    path.write_bytes(content)
    err = refused(db_path, capsys, "naskah", "templat", "add", str(path), "--nama", "uji")
    assert expected in err and "Tidak ada yang dicatat." in err
    listed = json.loads("\n".join(run(db_path, capsys, "naskah", "templat", "list", "--json")))
    assert "uji" not in [t["nama"] for t in listed]


def test_a_missing_file_is_reported(db_path: Path, tmp_path: Path, capsys) -> None:
    err = refused(db_path, capsys, "naskah", "templat", "add", str(tmp_path / "tidak-ada.docx"),
                  "--nama", "uji")
    assert "tidak-ada.docx" in err


def test_with_accounts_buat_needs_a_user_allowed_to_make_letters(
        db_path: Path, tmp_path: Path, capsys, skck: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from jogoroto_desktop import accounts

    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)
    models.open_database(db_path)
    accounts.buat_admin_awal("Kantor-Baru77")
    models.close_database()
    target = tmp_path / "skck.docx"
    args = ["naskah", "buat", "--templat", "rekomendasi-skck", "--layanan", skck, *SKCK_ISIAN,
            "-o", str(target)]
    assert "--user" in refused(db_path, capsys, *args)
    monkeypatch.setenv("JOGOROTO_PASSWORD", "Kantor-Baru77")
    assert run(db_path, capsys, "--user", "admin", *args)[-1] == f"331/1/415.67/{YEAR}"
    assert target.is_file()
