"""Reading records needs a login (issue 17): once the database has accounts, every CLI command
that reads records is refused without --user, with an Indonesian message, exit code 1, nothing
on stdout and no file written; the SOP catalog, `verify` and `db` still run without one, and
`backup` needs the admin. On POSIX the data folder and its files are owner-only."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jogoroto_desktop import accounts
from jogoroto_desktop.cli.main import NO_USER_COMMANDS, build_parser, main
from jogoroto_desktop.storage.paths import secure_data_folders

REPO_ROOT = Path(__file__).resolve().parent.parent
NIK = "3517125408900002"
PASSWORD = "Kantor-Baru77"
YEAR = dt.date.today().year

#: The commands that write records (each tested elsewhere to need --user); every other command
#: of the parser outside NO_USER_COMMANDS reads records and must be in READ_COMMANDS below.
WRITE_COMMANDS = {
    "surat-masuk add", "surat-keluar add", "pegawai add", "cuti add", "pelacakan add",
    "pelacakan step", "surat-pengantar add", "layanan add", "layanan step", "layanan ambil",
    "layanan batal", "restore", "import agenda", "user init", "user add", "user passwd",
    "user lock", "kunci ganti", "naskah buat", "naskah templat add", "naskah templat ganti",
    "naskah templat pulihkan",
}


def read_commands(out: Path) -> dict[str, list[str]]:
    """Each reading command (its name as in the parser -> a command line that would print or
    write records)."""
    return {
        "surat-masuk list": ["surat-masuk", "list"],
        "surat-keluar list": ["surat-keluar", "list", "--json"],
        "pegawai list": ["pegawai", "list"],
        "penjagaan": ["penjagaan"],
        "cuti list": ["cuti", "list"],
        "cuti libur": ["cuti", "libur"],
        "pelacakan list": ["pelacakan", "list"],
        "surat-pengantar list": ["surat-pengantar", "list"],
        "layanan list": ["layanan", "list", "--cari", NIK],
        "layanan show": ["layanan", "show", "1"],
        "rekap": ["rekap", "--month", f"{YEAR}-01", "-o", str(out / "rekap.xlsx")],
        "export agenda": ["export", "agenda", "--year", str(YEAR), "-o", str(out / "a.xlsx")],
        "backup": ["backup", "-o", str(out / "cadangan.db")],
        "print disposisi": ["print", "disposisi", "1", "-o", str(out / "d.pdf")],
        "print kartu-kendali": ["print", "kartu-kendali", "masuk", "1", "-o",
                                str(out / "k.pdf")],
        "print surat-pengantar": ["print", "surat-pengantar", "1", "-o", str(out / "p.pdf")],
        "print tanda-terima": ["print", "tanda-terima", "1", "-o", str(out / "t.pdf")],
        "user list": ["user", "list"],
        # The QR key's commands act as a user too (the key is made at its first need).
        "kunci info": ["kunci", "info"],
        "kunci ekspor": ["kunci", "ekspor", "-o", str(out / "kunci.txt")],
        # Letter templates and their fields (the office's own documents).
        "naskah templat list": ["naskah", "templat", "list"],
        "naskah templat riwayat": ["naskah", "templat", "riwayat", "--nama", "undangan"],
        "naskah templat unduh": ["naskah", "templat", "unduh", "--nama", "undangan", "-o",
                                 str(out / "undangan.docx")],
        "naskah isian": ["naskah", "isian"],
        "naskah ulang": ["naskah", "ulang", "000/1/415.67/2026", "-o", str(out / "u.docx")],
    }


def leaf_commands(parser: argparse.ArgumentParser, prefix: str = "") -> Iterator[str]:
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subparsers:
        yield prefix
        return
    for name, child in subparsers[0].choices.items():
        yield from leaf_commands(child, f"{prefix} {name}".strip())


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "SCRYPT_N", 2**10)
    monkeypatch.delenv("JOGOROTO_PASSWORD", raising=False)


@pytest.fixture
def office(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database with a letter, a citizen's request (with NIK) and then accounts."""
    db = ["--db", str(db_path)]
    assert main([*db, "surat-masuk", "add", "--dari", "Desa Janti", "--nomor-surat",
                 "470/1/2026", "--tanggal-surat", f"{YEAR}-01-02", "--perihal",
                 "Data penduduk rahasia", "--klasifikasi", "470",
                 "--diterima", f"{YEAR}-01-03"]) == 0
    assert main([*db, "layanan", "add", "legalisir", "--nama", "Siti Aminah", "--nik", NIK,
                 "--alamat", "Dusun Janti RT 01 RW 02"]) == 0
    import models

    models.open_database(db_path)
    try:
        accounts.buat_admin_awal(PASSWORD)
    finally:
        models.close_database()
    capsys.readouterr()
    return db_path


def test_every_command_is_either_exempt_writing_or_tried_here(tmp_path: Path) -> None:
    exempt = {name for name in leaf_commands(build_parser())
              if name.split()[0] in NO_USER_COMMANDS - {"user"}}
    assert {name.split()[0] for name in exempt} == {"sop", "verify", "db"}
    others = set(leaf_commands(build_parser())) - exempt - WRITE_COMMANDS
    assert others == set(read_commands(tmp_path))


def test_unauthenticated_reads_are_refused(office: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "keluaran"
    out.mkdir()
    tried = refused = 0
    for name, command in read_commands(out).items():
        tried += 1
        code = main(["--db", str(office), *command])
        stdout, stderr = capsys.readouterr()
        assert code == 1, (name, stdout, stderr)
        assert stdout == "", name
        assert "masuk dulu dengan --user NAMA" in stderr and NIK not in stderr, name
        refused += 1
    assert list(out.iterdir()) == []  # no export, form, rekap or backup written
    # the figure for the note (18 + kunci info, ekspor), and the 5 naskah readers
    assert (tried, refused) == (25, 25)


def test_signed_in_reads_work_and_backup_needs_the_admin(
        office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOGOROTO_PASSWORD", PASSWORD)
    db = ["--db", str(office), "--user", "admin"]
    assert main([*db, "layanan", "list", "--cari", NIK]) == 0
    assert "Siti Aminah" in capsys.readouterr().out
    assert main([*db, "backup", "-o", str(tmp_path / "cadangan.db")]) == 0
    assert (tmp_path / "cadangan.db").is_file()


def test_catalog_verify_and_db_status_run_without_a_user(
        office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(office)]
    assert main([*db, "sop", "list"]) == 0
    assert main([*db, "sop", "show", "legalisir"]) == 0
    assert main([*db, "db", "status"]) == 0  # this PC's settings: no record shown
    assert main([*db, "verify", "JGR1:SM:2026:1:AAAAAAAA"]) == 1
    stdout, stderr = capsys.readouterr()
    assert "TIDAK SAH" in stderr and "--user" not in stderr


def test_db_check_needs_a_user_who_may_read_the_audit_trail(
        office: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Its report names audit rows: without --user, or as a clerk, nothing is shown."""
    import models
    from jogoroto_desktop import session

    models.open_database(office)
    try:
        with session.acting_as(session.SETUP_ADMIN):
            accounts.buat_pengguna("loket", "Budi", "petugas_loket", PASSWORD)
        models.Pengguna.update(harus_ganti_sandi=False).execute()
    finally:
        models.close_database()
    capsys.readouterr()
    monkeypatch.setenv("JOGOROTO_PASSWORD", PASSWORD)
    tried = refused = 0
    for who, problem in (([], "masuk dulu dengan --user NAMA"),
                         (["--user", "loket"], "tidak berwenang melihat jejak audit")):
        tried += 1
        assert main(["--db", str(office), *who, "db", "check"]) == 1, who
        stdout, stderr = capsys.readouterr()
        assert stdout == "" and problem in stderr, (who, stderr)
        refused += 1
    assert (tried, refused) == (2, 2)
    assert main(["--db", str(office), "--user", "admin", "db", "check"]) == 0
    assert "Jejak audit" in capsys.readouterr().out


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_data_folder_and_its_files_are_owner_only(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder left by an older version (0755, files 0644) is fixed at start; what a command
    creates (the database, its -wal, a backup) is owner-only from the start."""
    folder = tmp_path / "data"
    (folder / "cadangan").mkdir(parents=True)
    old_db = folder / "lama.db"
    old_db.write_bytes(b"")
    (folder / "cadangan" / "jogoroto-otomatis-1.db").write_bytes(b"x")
    for path, mode in ((folder, 0o755), (folder / "cadangan", 0o755), (old_db, 0o644),
                       (folder / "cadangan" / "jogoroto-otomatis-1.db", 0o644)):
        os.chmod(path, mode)
    monkeypatch.setenv("JOGOROTO_DATA_DIR", str(folder))
    previous = os.umask(0o022)
    try:
        changed = secure_data_folders()
        assert os.umask(0o077) == 0o077  # the program creates files owner-only from now on
    finally:
        os.umask(previous)
    assert len(changed) == 4
    for path in (folder, folder / "cadangan"):
        assert path.stat().st_mode & 0o777 == 0o700
    for path in (old_db, folder / "cadangan" / "jogoroto-otomatis-1.db"):
        assert path.stat().st_mode & 0o777 == 0o600
    # a real process started with the usual umask: the database it creates (signing in opens
    # it) and the backup it makes are owner-only
    env = dict(os.environ, JOGOROTO_DATA_DIR=str(folder), PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.umask(0o022); "
         "from jogoroto_desktop.cli.main import main; sys.exit(main(sys.argv[1:]))",
         "--db", str(folder / "jogoroto.db"), "backup"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    created = [folder / "jogoroto.db", *(folder / "cadangan").glob("jogoroto-cadangan-*.db")]
    assert len(created) == 2
    for path in created:
        assert path.stat().st_mode & 0o777 == 0o600, path
