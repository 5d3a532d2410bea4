"""CLI: ``backup``, ``restore``, ``db migrate-from-sqlite`` and ``db server`` / ``db lokal``
(which database this PC works on)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import replace
from pathlib import Path

from jogoroto_desktop import session
from jogoroto_desktop.cli.common import whole_number
from jogoroto_desktop.storage import dbconfig
from jogoroto_desktop.storage.dbconfig import resolve_database_target

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
PASSWORD_ENV_VAR = "JOGOROTO_DB_PASSWORD"


def add_backup_commands(commands: argparse._SubParsersAction,
                        db_commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help="cadangkan basis data ke satu berkas (SQLite atau ekspor server)")
    backup.add_argument("-o", "--output", metavar="FILE",
                        help="berkas cadangan (bawaan: folder cadangan di folder data)")
    backup.add_argument("--timpa", action="store_true",
                        help="timpa FILE bila sudah ada (tanpa ini, berkas yang ada ditolak)")
    restore = commands.add_parser(
        "restore", help="pulihkan basis data dari berkas cadangan (hanya admin)")
    restore.add_argument("file", metavar="FILE", help="berkas cadangan")
    restore.add_argument("--yes", action="store_true",
                         help="benar-benar ganti isi basis data sekarang dengan isi cadangan")

    migrate = db_commands.add_parser(
        "migrate-from-sqlite",
        help="salin basis data SQLite kantor ke server PostgreSQL kosong (--db URL server)")
    migrate.add_argument("file", metavar="FILE", help="berkas SQLite Jogoroto")
    server = db_commands.add_parser(
        "server", help="PC ini memakai server kantor (PostgreSQL); disimpan di komputer.ini")
    server.add_argument("--host", required=True, help="nama atau alamat server")
    server.add_argument("--port", type=whole_number, default=dbconfig.DEFAULT_PORT)
    server.add_argument("--nama", default="jogoroto", help="nama basis data")
    server.add_argument("--pengguna", default="jogoroto", help="pengguna PostgreSQL")
    server.add_argument("--simpan-sandi", action="store_true",
                        help=f"tanyakan kata sandi (atau ambil dari {PASSWORD_ENV_VAR}) dan "
                        "simpan di penyimpanan kata sandi sistem")
    db_commands.add_parser("lokal", help="PC ini memakai berkas SQLite di folder data")
    db_commands.add_parser("status", help="basis data mana yang dipakai PC ini")


def run_backup_command(args: argparse.Namespace) -> int:
    from jogoroto_desktop.storage import backup

    dbconfig.default_prompt = dbconfig.terminal_prompt
    try:
        if args.command == "backup":
            return _backup(args)
        if args.command == "restore":
            return _restore(args)
        return _db(args)
    except (backup.BackupError, session.PermissionDenied) as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR


def _backup(args: argparse.Namespace) -> int:
    import models
    from jogoroto_desktop.storage import backup

    target = resolve_database_target(args.db)
    session.require("cadangan.buat")  # before any file is read (run_backup_command reports it)
    output = Path(args.output) if args.output else backup.unique_path(
        backup.backup_folder() / backup.default_backup_name())

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty() and total:
            print(f"\r{100 * done // total:3d}%", end="", file=sys.stderr, flush=True)

    result = backup.make_backup(target, output, progress, overwrite=args.timpa)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    info = backup.verify_backup_file(result.path)
    print(f"Cadangan {models.describe_target(target)} dibuat: {result.path} "
          f"({result.size / 1024:.0f} KB)")
    for line in info.summary()[1:]:
        print(f"  {line}")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    import models
    from jogoroto_desktop.storage import backup

    target = resolve_database_target(args.db)
    session.require("cadangan.pulihkan")  # before any file is read (run_backup_command reports it)
    info = backup.verify_backup_file(Path(args.file))
    if not args.yes:
        print("Pemulihan mengganti SELURUH isi basis data sekarang dengan isi cadangan ini:",
              file=sys.stderr)
        for line in info.summary():
            print(f"  {line}", file=sys.stderr)
        print(f"Basis data yang akan diganti: {models.describe_target(target)}\n"
              "Salinan pengaman basis data sekarang dibuat lebih dulu. Jika yakin, ulangi "
              "perintah dengan --yes. Tidak ada yang diubah.", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = backup.restore_backup(Path(args.file), target)
    finally:
        models.close_database()
    print(f"Basis data {models.describe_target(target)} dipulihkan dari {result.info.path}.")
    print(f"Salinan pengaman basis data sebelumnya: {result.safety_copy}")
    return EXIT_OK


def _db(args: argparse.Namespace) -> int:
    if args.db_command == "migrate-from-sqlite":
        return _migrate(args)
    config = dbconfig.load_config()
    if args.db_command == "lokal":
        dbconfig.save_config(replace(config, mode=dbconfig.MODE_LOCAL))
        print("PC ini memakai basis data SQLite di folder data.")
        return EXIT_OK
    if args.db_command == "status":
        return _status(config, args.db)
    return _server(args, config)


def _status(config: dbconfig.PcConfig, cli_value: str | None) -> int:
    import models
    from jogoroto_desktop.storage.backup import format_waktu

    print(f"Mode: {dbconfig.MODES[config.mode]}")
    if config.mode == dbconfig.MODE_SERVER:
        print(f"Server: {config.server.label()}")
        stored = dbconfig.stored_password(config.server) is not None
        print("Kata sandi: " + ("tersimpan di penyimpanan sistem" if stored else
                                dbconfig.credential_store_status()[1]))
    target = cli_value or os.environ.get("JOGOROTO_DB") or (
        config.server.url() if config.mode == dbconfig.MODE_SERVER else None) or (
        resolve_database_target(None))
    print(f"Dipakai: {models.describe_target(target)}")
    last = format_waktu(config.last_backup) if config.last_backup else "belum pernah"
    print(f"Cadangan terakhir: {last}; cadangan otomatis disimpan {config.keep_backups}")
    return EXIT_OK


def _server(args: argparse.Namespace, config: dbconfig.PcConfig) -> int:
    server = dbconfig.ServerConfig(host=args.host.strip(), port=args.port,
                                   database=args.nama.strip(), user=args.pengguna.strip())
    if not server.complete:
        print("Host, port (1-65535), nama basis data dan pengguna harus diisi.", file=sys.stderr)
        return EXIT_USAGE
    if args.simpan_sandi:
        password = os.environ.get(PASSWORD_ENV_VAR)
        if password is None and sys.stdin and sys.stdin.isatty():
            password = getpass.getpass(f"Kata sandi {server.label()}: ")
        if not password:
            print(f"Kata sandi tidak diberikan (ketik saat ditanya atau lewat {PASSWORD_ENV_VAR}).",
                  file=sys.stderr)
            return EXIT_USAGE
        try:
            dbconfig.store_password(server, password)
        except dbconfig.CredentialStoreError as exc:
            print(exc, file=sys.stderr)
            return EXIT_ERROR
    dbconfig.save_config(replace(config, mode=dbconfig.MODE_SERVER, server=server))
    print(f"PC ini memakai server {server.label()}.")
    if not args.simpan_sandi:
        print(dbconfig.credential_store_status()[1])
    return EXIT_OK


def _migrate(args: argparse.Namespace) -> int:
    import models
    from jogoroto_desktop.storage import backup, datacopy

    target = resolve_database_target(args.db)
    try:
        report = backup.migrate_from_sqlite(args.file, target)
    except (datacopy.CopyError, models.DatabaseOpenError) as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
    for line in report.lines():
        print(line)
    print(f"{report.total_rows} baris dari {args.file} disalin ke "
          f"{models.describe_target(target)}; jumlah baris dan isi setiap tabel sama.")
    return EXIT_OK
