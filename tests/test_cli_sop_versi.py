"""The SOP version commands: export, import, ajukan, teruskan, kembalikan, sahkan, versi, and
show/pdf/png with --versi; every refusal exits 1 with its reason and writes nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import models
from jogoroto_desktop import accounts, session
from jogoroto_desktop.cli.main import main
from jogoroto_desktop.sop import versions
from jogoroto_desktop.sop.exchange import sop_from_toml, sop_to_toml
from models import Audit, Pengguna, VersiSop
from tests.helpers import IMB, imb_detailed

PASSWORD = "Sandi-Kantor-2026"
USERS = {"trantib": "kasi_trantib", "tapem": "kasi_tapem", "sekcam": "sekcam",
         "camat": "camat", "loket": "petugas_loket"}


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request: pytest.FixtureRequest, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A database with an admin and one account per role of the SOP flow (same password)."""
    if request.param == "sqlite":
        target = str(tmp_path / "jogoroto.db")
    else:
        target = request.getfixturevalue("pg_url")
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)
    monkeypatch.setenv("JOGOROTO_PASSWORD", PASSWORD)
    models.open_database(target)
    accounts.buat_admin_awal(PASSWORD)
    with session.acting_as(session.SETUP_ADMIN):
        for login, role in USERS.items():
            accounts.buat_pengguna(login, f"Pak {login.title()}", role, PASSWORD)
    Pengguna.update(harus_ganti_sandi=False).execute()
    models.close_database()
    yield target


def run(target: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--db", target, *args])
    out, err = capsys.readouterr()
    return code, out, err


def state(target: str) -> tuple[list, list]:
    """The SOP versions and their audit rows (logins are audited too, so only these)."""
    models.open_database(target)
    try:
        rows = list(VersiSop.select().order_by(VersiSop.id).tuples())
        trail = list(Audit.select(Audit.id).where(Audit.tabel == "sop_versi").tuples())
        return rows, trail
    finally:
        models.close_database()


def write_imb(tmp_path: Path, sop=None) -> Path:
    path = tmp_path / "rekomendasi-imb.toml"
    path.write_text(sop_to_toml(sop or imb_detailed()), encoding="utf-8")
    return path


def test_detail_submit_forward_approve(office: str, tmp_path: Path, capsys) -> None:
    code, out, err = run(office, capsys, "--user", "trantib", "sop", "import",
                         str(write_imb(tmp_path)))
    assert code == 0, err
    assert out.splitlines()[-1] == "2"
    assert run(office, capsys, "--user", "trantib", "sop", "ajukan", IMB)[0] == 0
    code, out, err = run(office, capsys, "--user", "sekcam", "sop", "kembalikan", IMB,
                         "--alasan", "Tambahkan dasar hukum")
    assert code == 0 and "dikembalikan" in out, err
    # The Kasi imports the corrected file: it replaces the open draft (still version 2).
    fixed = replace(imb_detailed(), dasar_hukum=("Perda Kabupaten Jombang tentang IMB",
                                                 "Peraturan Bupati Jombang tentang IMB"))
    code, out, err = run(office, capsys, "--user", "trantib", "sop", "import",
                         str(write_imb(tmp_path, fixed)))
    assert code == 0 and out.splitlines()[-1] == "2", err
    assert run(office, capsys, "--user", "trantib", "sop", "ajukan", IMB)[0] == 0
    assert run(office, capsys, "--user", "sekcam", "sop", "teruskan", IMB)[0] == 0
    today = dt.date.today().isoformat()
    code, out, err = run(office, capsys, "--user", "camat", "sop", "sahkan", IMB,
                         "--efektif", today)
    assert code == 0 and "disahkan" in out, err

    code, out, _ = run(office, capsys, "sop", "versi", IMB, "--json")
    listed = json.loads(out)
    assert [(x["versi"], x["status"]) for x in listed] == [(1, "diganti"), (2, "berlaku")]
    assert listed[1]["diajukan_oleh"] == "Pak Trantib"
    assert listed[1]["diteruskan_oleh"] == "Pak Sekcam"
    assert listed[1]["disahkan_oleh"] == "Pak Camat" and listed[1]["tanggal_efektif"] == today
    code, out, _ = run(office, capsys, "sop", "versi", IMB)
    assert "Versi 2: Berlaku" in out and "disahkan Pak Camat" in out
    code, out, _ = run(office, capsys, "sop", "show", IMB)
    assert "Status: Rinci" in out and "Camat menandatangani rekomendasi" in out
    code, out, _ = run(office, capsys, "sop", "show", IMB, "--versi", "1")
    assert "belum dirinci" in out
    exported = tmp_path / "keluar" / "imb-2.toml"
    code, out, err = run(office, capsys, "sop", "export", IMB, "--versi", "2", "-o",
                         str(exported))
    assert code == 0, err
    again = sop_from_toml(exported.read_text(encoding="utf-8"), "imb-2.toml")
    assert again.steps == imb_detailed().steps and again.tanggal_efektif == dt.date.today()
    assert again.dasar_hukum == fixed.dasar_hukum
    code, out, err = run(office, capsys, "sop", "pdf", IMB, "--versi", "1", "-o",
                         str(tmp_path / "imb-1.pdf"))
    assert code == 0 and (tmp_path / "imb-1.pdf").stat().st_size > 0, err


def test_refusals_exit_1_and_change_nothing(office: str, tmp_path: Path, capsys) -> None:
    imb = write_imb(tmp_path)
    before = state(office)
    # Wrong unit, wrong role, no login.
    code, _out, err = run(office, capsys, "--user", "tapem", "sop", "import", str(imb))
    assert code == 1 and "tidak berwenang mengubah SOP seksi Ketentraman" in err
    code, _out, err = run(office, capsys, "--user", "loket", "sop", "import", str(imb))
    assert code == 1 and "Petugas Loket tidak berwenang" in err
    code, _out, err = run(office, capsys, "sop", "import", str(imb))
    assert code == 1 and "--user" in err
    # A bad file names the file and the field.
    bad = tmp_path / "kiriman.toml"
    bad.write_text(imb.read_text(encoding="utf-8").replace(
        'pelaksana = "Kasi Trantib"', 'pelaksana = "Lurah"'), encoding="utf-8")
    code, _out, err = run(office, capsys, "--user", "trantib", "sop", "import", str(bad))
    assert code == 1 and "kiriman.toml: langkah 3: pelaksana" in err
    bad.write_text('[project]\nname = "bukan sop"\n', encoding="utf-8")
    code, _out, err = run(office, capsys, "--user", "trantib", "sop", "import", str(bad))
    assert code == 1 and "bukan berkas SOP" in err
    code, _out, err = run(office, capsys, "--user", "trantib", "sop", "import",
                          str(tmp_path / "tidak-ada.toml"))
    assert code == 1 and "tidak dapat dibaca" in err
    # Nothing to submit or approve yet.
    code, _out, err = run(office, capsys, "--user", "camat", "sop", "sahkan", IMB,
                          "--efektif", dt.date.today().isoformat())
    assert code == 1 and "tidak punya draf" in err
    assert state(office) == before

    # A draft with problems (saved from the editor) cannot be submitted.
    models.open_database(office)
    trantib = accounts.actor_of(Pengguna.get(Pengguna.nama_pengguna == "trantib"))
    steps = list(imb_detailed().steps)
    steps[1] = replace(steps[1], ya=None)
    versions.simpan_draf(replace(imb_detailed(), steps=tuple(steps)), trantib)
    models.close_database()
    before = state(office)
    code, _out, err = run(office, capsys, "--user", "trantib", "sop", "ajukan", IMB)
    assert code == 1 and "langkah 2: ya" in err and "belum bisa diajukan" in err
    # Approving a draft that was not submitted; the Sekcam approving.
    code, _out, err = run(office, capsys, "--user", "camat", "sop", "sahkan", IMB,
                          "--efektif", dt.date.today().isoformat())
    assert code == 1 and "berstatus Draf" in err
    code, _out, err = run(office, capsys, "--user", "sekcam", "sop", "sahkan", IMB,
                          "--efektif", dt.date.today().isoformat())
    assert code == 1 and "tidak berwenang mengesahkan SOP" in err
    code, _out, err = run(office, capsys, "--user", "sekcam", "sop", "kembalikan", IMB,
                          "--alasan", "x")
    assert code == 1 and "berstatus Draf" in err
    code, _out, err = run(office, capsys, "sop", "show", IMB, "--versi", "9")
    assert code == 1 and "tidak punya versi 9" in err
    assert state(office) == before


def test_bad_arguments_are_usage_errors(office: str, capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--db", office, "--user", "camat", "sop", "sahkan", IMB, "--efektif", "6-12-2026"])
    assert exit_info.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--db", office, "sop", "export", IMB, "--versi", "0", "-o", "x.toml"])
    assert "mulai dari 1" in capsys.readouterr().err
