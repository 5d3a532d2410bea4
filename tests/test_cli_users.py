"""The CLI acts as a named user once the database has accounts: --user, JOGOROTO_PASSWORD, the
user subcommands, refusals with a clear message and exit code 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import models
from jogoroto_desktop import accounts
from jogoroto_desktop.cli.main import main

REPO_ROOT = Path(__file__).resolve().parent.parent
LETTER = ["--dari", "Dinas Pendidikan Kabupaten Jombang", "--nomor-surat", "005/731/415.13/2025",
          "--tanggal-surat", "2025-06-02", "--perihal", "Undangan Rapat Koordinasi PAUD",
          "--klasifikasi", "005", "--diterima", "2025-06-03"]
ADMIN_PASSWORD = "Kantor-Baru77"


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)
    monkeypatch.delenv("JOGOROTO_PASSWORD", raising=False)
    monkeypatch.delenv("JOGOROTO_NEW_PASSWORD", raising=False)


def run(db_path: Path, capsys: pytest.CaptureFixture[str], *args: str,
        password: str | None = None, new_password: str | None = None,
        monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    for name, value in (("JOGOROTO_PASSWORD", password), ("JOGOROTO_NEW_PASSWORD", new_password)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    code = main(["--db", str(db_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def add_user(db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
             login: str, nama: str, peran: str, password: str) -> None:
    """The admin adds `login`, who then replaces the temporary password with `password`."""
    code, out, err = run(db_path, capsys, "--user", "admin", "user", "add", login,
                         "--nama", nama, "--peran", peran,
                         password=ADMIN_PASSWORD, monkeypatch=monkeypatch)
    assert code == 0, err
    temporary = out.strip().splitlines()[-1]
    code, _out, err = run(db_path, capsys, "--user", login, "user", "passwd",
                          password=temporary, new_password=password, monkeypatch=monkeypatch)
    assert code == 0, err


def letters(db_path: Path) -> int:
    models.open_database(db_path)
    try:
        return models.SuratMasuk.select().count()
    finally:
        models.close_database()


@pytest.fixture
def office(db_path: Path, capsys, monkeypatch) -> Path:
    """A database with an admin (own password) and an agendaris "siti" (password changed)."""
    code, out, _err = run(db_path, capsys, "user", "init", monkeypatch=monkeypatch)
    assert code == 0
    temporary = out.strip().splitlines()[-1]
    code, _out, err = run(db_path, capsys, "--user", "admin", "user", "passwd",
                          password=temporary, new_password=ADMIN_PASSWORD,
                          monkeypatch=monkeypatch)
    assert code == 0, err
    add_user(db_path, capsys, monkeypatch, "siti", "Siti Aminah", "agendaris", "Agenda-2026")
    return db_path


def test_database_without_accounts_works_as_setup_admin(db_path: Path, capsys,
                                                         monkeypatch) -> None:
    code, out, _err = run(db_path, capsys, "surat-masuk", "add", *LETTER,
                          monkeypatch=monkeypatch)
    assert code == 0 and out.strip().endswith("1/2025")
    code, _out, err = run(db_path, capsys, "--user", "siti", "surat-masuk", "add", *LETTER,
                          password="x", monkeypatch=monkeypatch)
    assert code == 1 and "belum punya akun" in err
    assert letters(db_path) == 1


def test_first_admin_must_change_the_temporary_password(db_path: Path, capsys,
                                                        monkeypatch) -> None:
    code, out, _err = run(db_path, capsys, "user", "init", monkeypatch=monkeypatch)
    temporary = out.strip().splitlines()[-1]
    assert code == 0 and "wajib diganti" in out
    code, _out, err = run(db_path, capsys, "user", "init", monkeypatch=monkeypatch)
    assert code == 1 and "sudah punya akun" in err
    code, _out, err = run(db_path, capsys, "--user", "admin", "surat-masuk", "add", *LETTER,
                          password=temporary, monkeypatch=monkeypatch)
    assert code == 1 and "harus diganti dulu" in err
    code, _out, err = run(db_path, capsys, "--user", "admin", "user", "passwd",
                          password=temporary, new_password="pendek", monkeypatch=monkeypatch)
    assert code == 1 and "minimal 8" in err
    assert letters(db_path) == 0


def test_commands_that_write_need_a_user(office: Path, capsys, monkeypatch) -> None:
    code, _out, err = run(office, capsys, "surat-masuk", "add", *LETTER,
                          monkeypatch=monkeypatch)
    assert code == 1 and "--user NAMA" in err
    code, _out, err = run(office, capsys, "--user", "siti", "surat-masuk", "add", *LETTER,
                          password="salah-sandi9", monkeypatch=monkeypatch)
    assert code == 1 and "sandi salah" in err
    assert letters(office) == 0
    code, out, err = run(office, capsys, "--user", "siti", "surat-masuk", "add", *LETTER,
                         password="Agenda-2026", monkeypatch=monkeypatch)
    assert code == 0, err
    assert out.strip().endswith("1/2025")
    models.open_database(office)
    try:
        assert models.SuratMasuk.get().dibuat_oleh == "Siti Aminah"
        logins = models.Audit.select().where(models.Audit.aksi == "masuk")
        assert any("lewat CLI" in row.ringkasan for row in logins)
    finally:
        models.close_database()
    # reading needs a user too (issue 17); this PC's database settings do not
    for command in (["surat-masuk", "list"], ["surat-keluar", "list"]):
        code, out, err = run(office, capsys, *command, monkeypatch=monkeypatch)
        assert code == 1 and "--user NAMA" in err and out == "", command
        code, _out, err = run(office, capsys, "--user", "siti", *command,
                              password="Agenda-2026", monkeypatch=monkeypatch)
        assert code == 0, (command, err)
    code, _out, err = run(office, capsys, "db", "status", monkeypatch=monkeypatch)
    assert code == 0, err


def test_role_refusals_exit_non_zero(office: Path, capsys, monkeypatch,
                                     tmp_path: Path) -> None:
    add_user(office, capsys, monkeypatch, "loket", "Budi", "petugas_loket", "Pelayanan-2026")
    code, _out, err = run(office, capsys, "--user", "loket", "surat-masuk", "add", *LETTER,
                          password="Pelayanan-2026", monkeypatch=monkeypatch)
    assert code == 1 and "tidak berwenang memberi nomor agenda" in err
    code, _out, err = run(office, capsys, "--user", "siti", "user", "add", "budi",
                          "--nama", "Budi", "--peran", "camat", password="Agenda-2026",
                          monkeypatch=monkeypatch)
    assert code == 1 and "tidak berwenang mengelola pengguna" in err
    code, _out, err = run(office, capsys, "--user", "siti", "user", "list",
                          password="Agenda-2026", monkeypatch=monkeypatch)
    assert code == 1 and "mengelola pengguna" in err
    assert letters(office) == 0


def test_list_lock_and_reset(office: Path, capsys, monkeypatch) -> None:
    admin = {"password": ADMIN_PASSWORD, "monkeypatch": monkeypatch}
    code, out, _err = run(office, capsys, "--user", "admin", "user", "list", **admin)
    assert code == 0
    assert "siti" in out and "Agendaris" in out and "harus ganti sandi" not in out
    code, _out, _err = run(office, capsys, "--user", "admin", "user", "lock", "siti", **admin)
    assert code == 0
    code, _out, err = run(office, capsys, "--user", "siti", "surat-masuk", "add", *LETTER,
                          password="Agenda-2026", monkeypatch=monkeypatch)
    assert code == 1 and "dinonaktifkan" in err
    run(office, capsys, "--user", "admin", "user", "lock", "siti", "--buka", **admin)
    code, out, _err = run(office, capsys, "--user", "admin", "user", "passwd", "siti", **admin)
    assert code == 0
    temporary = out.strip().splitlines()[-1]
    code, _out, err = run(office, capsys, "--user", "siti", "surat-masuk", "add", *LETTER,
                          password=temporary, monkeypatch=monkeypatch)
    assert code == 1 and "harus diganti" in err


def test_print_needs_a_user_and_is_audited(office: Path, capsys, monkeypatch,
                                           tmp_path: Path) -> None:
    run(office, capsys, "--user", "siti", "surat-masuk", "add", *LETTER,
        password="Agenda-2026", monkeypatch=monkeypatch)
    output = tmp_path / "disposisi.pdf"
    code, _out, err = run(office, capsys, "print", "disposisi", "1/2025", "-o", str(output),
                          monkeypatch=monkeypatch)
    assert code == 1 and "--user" in err and not output.exists()
    code, _out, err = run(office, capsys, "--user", "siti", "print", "disposisi", "1/2025",
                          "-o", str(output), password="Agenda-2026", monkeypatch=monkeypatch)
    assert code == 0, err
    models.open_database(office)
    try:
        row = models.Audit.get(models.Audit.aksi == "cetak")
        assert row.oleh == "Siti Aminah" and "Lembar Disposisi" in row.ringkasan
    finally:
        models.close_database()


def test_password_prompt_without_a_terminal_is_refused_clearly(office: Path) -> None:
    """Run as a real process with stdin not a terminal and no JOGOROTO_PASSWORD."""
    env = {k: v for k, v in os.environ.items() if k != "JOGOROTO_PASSWORD"}
    result = subprocess.run(
        [sys.executable, "-m", "jogoroto_desktop", "--db", str(office), "--user", "siti",
         "surat-masuk", "add", *LETTER],
        cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=120)
    assert result.returncode == 1
    assert "JOGOROTO_PASSWORD" in result.stderr


def test_other_registers_commands_sign_in_too(office: Path, capsys, monkeypatch) -> None:
    """Commands of the other registers (pegawai) act as --user as well."""
    pegawai = ["pegawai", "add", "--nip", "19850312 201001 1 003", "--nama", "Budi Santoso",
               "--pangkat", "Penata Muda, III/a", "--jabatan", "Staf Subbag Umum"]
    code, _out, err = run(office, capsys, *pegawai, monkeypatch=monkeypatch)
    assert code == 1 and "--user NAMA" in err
    code, _out, err = run(office, capsys, "--user", "siti", *pegawai, password="Agenda-2026",
                          monkeypatch=monkeypatch)
    assert code == 1 and "tidak berwenang" in err
    code, _out, err = run(office, capsys, "--user", "admin", *pegawai, password=ADMIN_PASSWORD,
                          monkeypatch=monkeypatch)
    assert code == 0, err
    code, out, err = run(office, capsys, "--user", "siti", "pegawai", "list",
                         password="Agenda-2026", monkeypatch=monkeypatch)
    assert code == 0 and "Budi Santoso" in out


def test_backup_and_restore_need_the_admin(office: Path, capsys, monkeypatch,
                                           tmp_path: Path) -> None:
    copy = tmp_path / "cadangan.db"
    code, out, err = run(office, capsys, "backup", "-o", str(copy), monkeypatch=monkeypatch)
    assert code == 1 and "--user NAMA" in err and out == "" and not copy.exists()
    code, out, err = run(office, capsys, "--user", "siti", "backup", "-o", str(copy),
                         password="Agenda-2026", monkeypatch=monkeypatch)
    assert code == 1 and "tidak berwenang membuat cadangan" in err
    assert out == "" and not copy.exists()
    code, _out, err = run(office, capsys, "--user", "admin", "backup", "-o", str(copy),
                          password=ADMIN_PASSWORD, monkeypatch=monkeypatch)
    assert code == 0, err
    code, _out, err = run(office, capsys, "restore", str(copy), "--yes",
                          monkeypatch=monkeypatch)
    assert code == 1 and "--user NAMA" in err
    code, _out, err = run(office, capsys, "--user", "siti", "restore", str(copy), "--yes",
                          password="Agenda-2026", monkeypatch=monkeypatch)
    assert code == 1 and "tidak berwenang memulihkan" in err
    code, _out, err = run(office, capsys, "--user", "admin", "restore", str(copy), "--yes",
                          password=ADMIN_PASSWORD, monkeypatch=monkeypatch)
    assert code == 0, err
