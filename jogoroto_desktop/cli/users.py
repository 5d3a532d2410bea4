"""The CLI's accounts: signing in with ``--user`` and the ``user`` subcommands.

A database without accounts is worked as the setup administrator (as before accounts existed);
once it has accounts, every command that reads, changes or prints records needs ``--user NAME``
and the password, from ``JOGOROTO_PASSWORD`` or a prompt (the registers hold citizens' NIK and
the office's letters).  Only the commands in ``cli.NO_USER_COMMANDS`` (the SOP catalog, the QR
check, the database's own settings) run without one.  Headless: nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from jogoroto_desktop.cli.common import EXIT_ERROR, EXIT_OK, run_with_database

PASSWORD_ENV = "JOGOROTO_PASSWORD"
NEW_PASSWORD_ENV = "JOGOROTO_NEW_PASSWORD"


def add_user_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user", metavar="NAMA",
        help=f"bertindak sebagai pengguna ini (sandi dari variabel {PASSWORD_ENV} atau "
             "ditanyakan); wajib untuk setiap perintah yang membaca, mengubah atau mencetak "
             "data bila basis data sudah memakai akun (kecuali sop, verify dan db)")


def add_user_commands(subparsers: Any) -> None:
    from jogoroto_desktop.session import ROLES

    users = subparsers.add_parser("user", help="akun pengguna (admin)")
    commands = users.add_subparsers(dest="user_command", metavar="SUBPERINTAH", required=True)
    commands.add_parser(
        "init", help="basis data tanpa akun: buat akun admin dengan sandi sementara (dicetak "
                     "sekali; wajib diganti saat pertama masuk)")
    add = commands.add_parser("add", help="buat akun; sandi sementara dicetak sekali")
    add.add_argument("nama_pengguna", metavar="NAMA_PENGGUNA", help="mis. siti.agendaris")
    add.add_argument("--nama", required=True, help="nama lengkap")
    add.add_argument("--peran", required=True, choices=sorted(ROLES), metavar="PERAN",
                     help="salah satu dari: " + ", ".join(sorted(ROLES)))
    add.add_argument("--jabatan", default="",
                     help="jabatan pejabat yang diwakili akun (untuk menulis disposisi), "
                          "mis. \"Camat\"")
    commands.add_parser("list", help="daftar akun")
    passwd = commands.add_parser(
        "passwd", help=f"tanpa NAMA: ganti sandi sendiri (sandi baru dari {NEW_PASSWORD_ENV} "
                       "atau ditanyakan); dengan NAMA (admin): setel sandi sementara baru")
    passwd.add_argument("nama_pengguna", nargs="?", metavar="NAMA_PENGGUNA")
    lock = commands.add_parser("lock", help="nonaktifkan akun (tidak bisa masuk); --buka untuk "
                                            "mengaktifkan lagi dan membuka kunci")
    lock.add_argument("nama_pengguna", metavar="NAMA_PENGGUNA")
    lock.add_argument("--buka", action="store_true", help="aktifkan lagi dan buka kunci")


def _password(prompt: str, env: str) -> str | None:
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt)


def sign_in(args: argparse.Namespace) -> str | None:
    """Make the acting user the one ``--user`` names (database already open).  Returns the
    message to print when the command may not run, None when it may."""
    from jogoroto_desktop import accounts, session

    session.set_actor(None)
    if not accounts.ada_pengguna():
        if args.user:
            return ("Basis data ini belum punya akun pengguna. Buat akun admin dulu dengan "
                    "`jogoroto-cli user init`, atau jalankan tanpa --user.")
        session.set_actor(session.SETUP_ADMIN)
        return None
    if not args.user:  # reading records needs a login as much as changing them
        return ("Basis data ini memakai akun pengguna: masuk dulu dengan --user NAMA (sandi "
                f"dari variabel {PASSWORD_ENV} atau ditanyakan). Tidak ada data yang "
                "ditampilkan.")
    password = _password(f"Sandi untuk {args.user}: ", PASSWORD_ENV)
    if password is None:
        return f"Sandi tidak diberikan: isi variabel {PASSWORD_ENV} atau jalankan di terminal."
    try:
        login = accounts.masuk(args.user, password, lewat="CLI")
    except accounts.LoginError as exc:
        return str(exc)
    own_change = args.command == "user" and args.user_command == "passwd" \
        and not args.nama_pengguna
    if login.harus_ganti_sandi and not own_change:
        return (f"Sandi akun {login.actor.nama_pengguna} harus diganti dulu: "
                f"jogoroto-cli --user {login.actor.nama_pengguna} user passwd")
    session.set_actor(login.actor)
    args.login_password = password  # `user passwd` needs the old password once, not twice
    return None


def sign_in_for_command(args: argparse.Namespace) -> str | None:
    """Sign in before a command runs: open its database just for that (the command opens it
    again itself).  A database that cannot be opened is left to the command to report."""
    import models
    from jogoroto_desktop.storage.dbconfig import resolve_database_target

    try:
        models.open_database(resolve_database_target(args.db))
    except models.DatabaseOpenError:
        return None
    try:
        return sign_in(args)
    finally:
        models.close_database()


def sign_in_to_read_audit(args: argparse.Namespace, target: str) -> str | None:
    """Sign in for ``db check`` (which shows the audit trail's rows): nobody needed while the
    database has no accounts; otherwise ``--user`` with the audit-viewing permission.  The
    database is opened without migrating (the check changes nothing); one that cannot be
    opened so (outdated schema, damaged) is left to the check to report."""
    import models
    from jogoroto_desktop import session

    try:
        models.open_database(target, migrate=False)
    except models.DatabaseOpenError:
        return None
    try:
        problem = sign_in(args)
        if problem is None:
            session.require("audit.lihat")
        return problem
    except session.PermissionDenied as exc:
        return str(exc)
    finally:
        models.close_database()


def run_user_command(args: argparse.Namespace) -> int:
    """Open the database, sign in, run one ``user`` subcommand; the exit code."""
    from jogoroto_desktop import accounts

    def signed_in_command(args: argparse.Namespace) -> int:
        if args.user_command == "init":
            return _init()
        problem = sign_in(args)
        if problem:
            print(problem, file=sys.stderr)
            return EXIT_ERROR
        handler = {"add": _add, "list": _list, "passwd": _passwd, "lock": _lock}
        return handler[args.user_command](args)

    # Account problems are printed as they are: no option names, no "nothing written" line.
    return run_with_database(args, signed_in_command, reported=(accounts.LoginError,),
                             nothing_written=False)


def _init() -> int:
    from jogoroto_desktop import accounts

    password = accounts.buat_admin_awal()
    print("Akun admin dibuat. Sandi sementara (wajib diganti saat pertama masuk):")
    print(password)
    return EXIT_OK


def _add(args: argparse.Namespace) -> int:
    from jogoroto_desktop import accounts
    from jogoroto_desktop.validation import ValidationError
    from models import Pejabat

    pejabat_id = None
    if args.jabatan.strip():
        pejabat = Pejabat.get_or_none(Pejabat.jabatan == args.jabatan.strip())
        if pejabat is None:
            raise ValidationError({"jabatan": f"Jabatan \u201c{args.jabatan}\u201d tidak ada; "
                                              "lihat daftar di Pengaturan."})
        pejabat_id = pejabat.id
    password = accounts.sandi_awal_acak()
    user = accounts.buat_pengguna(args.nama_pengguna, args.nama, args.peran, password,
                                  pejabat_id=pejabat_id)
    print(f"Akun {user.nama_pengguna} ({user.nama}) dibuat. Sandi sementara (wajib diganti "
          "saat pertama masuk):")
    print(password)
    return EXIT_OK


def _list(_args: argparse.Namespace) -> int:
    from jogoroto_desktop import accounts, session
    from jogoroto_desktop.session import ROLES

    session.require("pengguna.kelola")
    print(f"{'Nama pengguna':<20} {'Nama':<28} {'Peran':<30} Keadaan")
    for user in accounts.daftar_pengguna():
        state = "aktif" if user.aktif else "nonaktif"
        if user.terkunci_sampai is not None and user.aktif:
            state += f", terkunci s.d. {user.terkunci_sampai:%d-%m-%Y %H.%M}"
        if user.harus_ganti_sandi:
            state += ", harus ganti sandi"
        print(f"{user.nama_pengguna:<20} {user.nama[:28]:<28} "
              f"{ROLES.get(user.peran, user.peran)[:30]:<30} {state}")
    return EXIT_OK


def _passwd(args: argparse.Namespace) -> int:
    from jogoroto_desktop import accounts, session
    from jogoroto_desktop.validation import ValidationError

    if args.nama_pengguna:
        session.require("pengguna.kelola")
        user = accounts.get_pengguna(args.nama_pengguna)
        password = accounts.sandi_awal_acak()
        accounts.reset_sandi(user, password)
        print(f"Sandi {user.nama_pengguna} disetel ulang. Sandi sementara (wajib diganti saat "
              "masuk):")
        print(password)
        return EXIT_OK
    actor = session.current_actor()
    if actor is None or actor is session.SETUP_ADMIN:
        raise ValidationError({"user": "Sebutkan --user NAMA untuk mengganti sandi sendiri."})
    new = _password("Sandi baru: ", NEW_PASSWORD_ENV)
    if new is None:
        raise ValidationError({"sandi_baru": f"Sandi baru tidak diberikan: isi variabel "
                                             f"{NEW_PASSWORD_ENV} atau jalankan di terminal."})
    if NEW_PASSWORD_ENV not in os.environ and getpass.getpass("Ulangi sandi baru: ") != new:
        raise ValidationError({"sandi_baru": "Kedua sandi baru tidak sama."})
    old = getattr(args, "login_password", None) or getpass.getpass("Sandi lama: ")
    accounts.ganti_sandi(actor.nama_pengguna, old, new)
    print(f"Sandi {actor.nama_pengguna} diganti.")
    return EXIT_OK


def _lock(args: argparse.Namespace) -> int:
    from jogoroto_desktop import accounts

    user = accounts.get_pengguna(args.nama_pengguna)
    accounts.set_aktif(user, args.buka)
    print(f"Akun {user.nama_pengguna} {'diaktifkan lagi' if args.buka else 'dinonaktifkan'}.")
    return EXIT_OK
