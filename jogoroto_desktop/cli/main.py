"""Command line: global options, the headless subcommands, and the hand-off to the GUI.

Subcommands run headless and never import Qt widgets; only the GUI path imports `ui`
(through jogoroto_desktop.gui).
"""

from __future__ import annotations

import argparse
import gc
import sys
import textwrap
import time
from collections.abc import Sequence
from typing import Any

from jogoroto_desktop import APP_NAME, __version__, session
from jogoroto_desktop.cli.backup import add_backup_commands, run_backup_command
from jogoroto_desktop.cli.common import (
    open_database_or_report,
    print_json,
    run_with_database,
    whole_number,
)
from jogoroto_desktop.cli.ikm import add_ikm_commands, run_ikm_command
from jogoroto_desktop.cli.layanan import add_layanan_commands, run_layanan_command
from jogoroto_desktop.cli.monitoring import add_monitoring_command, run_monitoring_command
from jogoroto_desktop.cli.naskah import add_naskah_commands, run_naskah_command
from jogoroto_desktop.cli.pegawai import (
    PEGAWAI_COMMANDS,
    add_pegawai_commands,
    run_pegawai_command,
)
from jogoroto_desktop.cli.pengantar import add_pengantar_commands, run_pengantar_command
from jogoroto_desktop.cli.registers import add_register_commands, run_register_command
from jogoroto_desktop.cli.sop_buku import add_sop_buku_command, run_sop_buku
from jogoroto_desktop.cli.sop_versi import (
    SOP_VERSION_COMMANDS,
    add_sop_version_commands,
    run_sop_version_command,
    sop_of_version,
    version_marks,
)
from jogoroto_desktop.cli.users import (
    add_user_arguments,
    add_user_commands,
    run_user_command,
    sign_in_for_command,
    sign_in_to_read_audit,
)
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.sop.catalog import (
    IDENTITAS_LABELS,
    IDENTITAS_LIST_FIELDS,
    STATUS_LABELS,
    CatalogError,
    Sop,
    default_catalog,
)
from jogoroto_desktop.storage.dbconfig import resolve_database_target
from jogoroto_desktop.storage.paths import DB_ENV_VAR, secure_data_folders

PAPER_CHOICES = ("A4", "F4")
#: The papers of each printed form, the form's own paper first (see `office_paper_for`).
FORM_PAPERS = {"disposisi": ("HALF_FOLIO", "A4"), "kartu-kendali": ("CARD", "A4", "F4"),
               "surat-pengantar": PAPER_CHOICES, "tanda-terima": ("A4", "HALF_FOLIO")}
OFFICE_PAPER_HELP = " (bawaan: kertas bawaan kantor di Pengaturan bila formulir ini ada " \
    "pada kertas itu)"
#: Commands that never act as a user and read no records (the SOP catalog, the database's own
#: settings and schema, the QR check); `user` signs in by itself, and so does `db check` (its
#: report names audit rows: audit-viewing permission).  The other `db` commands show no
#: records: `status` (this PC's settings), `upgrade` (schema steps), `server`/`lokal`, and
#: `migrate-from-sqlite` (only counts; whoever has the SQLite file can read it anyway, and the
#: first setup of an empty server runs it before any account can sign in there).  Every other
#: command needs --user once the database has accounts (cli_users.sign_in).
NO_USER_COMMANDS = frozenset({"sop", "db", "verify", "user"})
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_VOIDED = 3  # verify: a genuine code of a record voided since (DIBATALKAN)


class IndonesianArgumentParser(argparse.ArgumentParser):
    """argparse with its error line in Indonesian."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: galat: {message}\n")


def _positive_scale(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"skala {text!r} bukan angka") from None
    if not 0.1 <= value <= 8:
        raise argparse.ArgumentTypeError("skala harus antara 0,1 dan 8")
    return value


def _form_options(form: argparse.ArgumentParser, name: str, year_help: str,
                  paper_help: str) -> None:
    """The options every `print` form shares: the record's year, the paper, the output file."""
    form.add_argument("--year", type=whole_number, help=f"{year_help} (bawaan: tahun ini)")
    form.add_argument("--paper", choices=FORM_PAPERS[name], help=paper_help)
    form.add_argument("-o", "--output", required=True, metavar="FILE")


def build_parser() -> argparse.ArgumentParser:
    parser = IndonesianArgumentParser(
        prog="jogoroto",
        description=f"{APP_NAME}: SOP Kecamatan Jogoroto. Tanpa perintah, membuka jendela program.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"berkas SQLite atau URL postgresql:// (juga lewat variabel {DB_ENV_VAR}); "
        "bawaan: jogoroto.db di folder data pengguna",
    )
    add_user_arguments(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="buka basis data contoh sementara (data rekaan, dihapus saat selesai); "
        "basis data dan folder data kantor tidak disentuh",
    )
    parser.add_argument(
        "--check-startup",
        action="store_true",
        help="buka jendela utama, tunggu sampai tampil, cetak startup_ms=N lalu keluar",
    )
    commands = parser.add_subparsers(dest="command", metavar="PERINTAH")

    sop = commands.add_parser("sop", help="katalog SOP")
    sop_commands = sop.add_subparsers(dest="sop_command", metavar="SUBPERINTAH", required=True)
    sop_list = sop_commands.add_parser("list", help="daftar semua SOP")
    sop_list.add_argument("--json", action="store_true", help="keluaran JSON")
    sop_show = sop_commands.add_parser("show", help="identitas dan langkah satu SOP")
    sop_show.add_argument("key", metavar="ID_OR_NOMOR", help="id SOP atau Nomor SOP")
    sop_show.add_argument("--json", action="store_true", help="keluaran JSON")
    sop_pdf = sop_commands.add_parser("pdf", help="cetak SOP ke PDF (identitas dan diagram alir)")
    sop_pdf.add_argument("key", nargs="?", metavar="ID_OR_NOMOR", help="id SOP atau Nomor SOP")
    sop_pdf.add_argument("--all", action="store_true", help="semua SOP, satu berkas per SOP")
    sop_pdf.add_argument("-o", "--output", required=True, metavar="FILE_OR_DIR",
                         help="berkas PDF, atau folder untuk --all")
    sop_pdf.add_argument("--paper", choices=PAPER_CHOICES,
                         help="ukuran kertas (bawaan: kertas bawaan kantor di Pengaturan, A4)")
    sop_png = sop_commands.add_parser("png", help="gambar diagram alir SOP ke PNG")
    sop_png.add_argument("key", metavar="ID_OR_NOMOR", help="id SOP atau Nomor SOP")
    sop_png.add_argument("-o", "--output", required=True, metavar="FILE", help="berkas PNG")
    sop_png.add_argument("--scale", type=_positive_scale, default=2.0,
                         help="skala gambar (1 = 72 titik per inci; bawaan 2)")
    sop_png.add_argument("--paper", choices=PAPER_CHOICES,
                         help="ukuran kertas (bawaan: kertas bawaan kantor di Pengaturan, A4)")
    add_sop_buku_command(sop_commands)
    add_sop_version_commands(sop_commands, (sop_show, sop_pdf, sop_png))

    printing = commands.add_parser("print", help="cetak formulir resmi ke PDF")
    forms = printing.add_subparsers(dest="form", metavar="FORMULIR", required=True)
    disposisi = forms.add_parser("disposisi", help="Lembar Disposisi surat masuk")
    disposisi.add_argument("nomor", metavar="NOMOR_AGENDA", help="mis. 12 atau 12/2026")
    _form_options(disposisi, "disposisi", "tahun agenda",
                  "setengah folio (215 x 165 mm, bawaan) atau A4")
    kartu = forms.add_parser("kartu-kendali", help="Kartu Kendali (tiga lembar)")
    kartu.add_argument("jenis", choices=("masuk", "keluar"))
    kartu.add_argument("nomor", metavar="NOMOR",
                       help="nomor agenda / nomor urut surat keluar, mis. 12 atau 12/2026")
    _form_options(kartu, "kartu-kendali", "tahun",
                  "kartu 10 x 15 cm (bawaan), atau tiga kartu pada selembar A4/F4")
    pengantar = forms.add_parser(
        "surat-pengantar", help="Surat Pengantar dari registernya",
        description="NOMOR adalah nomor surat pengantar seperti tercetak (mis. "
                    "800/12/415.67/2026) atau nomor urutnya (12/2026, atau 12 dengan --year); "
                    "bukan id basis data.")
    pengantar.add_argument("nomor", metavar="NOMOR",
                           help="nomor surat, mis. 800/12/415.67/2026, atau nomor urut 12/2026")
    _form_options(pengantar, "surat-pengantar", "tahun nomor urut",
                  "ukuran kertas" + OFFICE_PAPER_HELP)
    tanda = forms.add_parser("tanda-terima", help="Tanda Terima permohonan layanan")
    tanda.add_argument("nomor", metavar="NOMOR_TANDA_TERIMA",
                       help="nomor tanda terima, mis. 27, 27/2026 atau TT-27/2026")
    _form_options(tanda, "tanda-terima", "tahun",
                  "A4 atau setengah folio (215 x 165 mm)" + OFFICE_PAPER_HELP)

    verify = commands.add_parser(
        "verify", help="periksa keaslian kode QR dokumen (tidak mengubah apa pun)",
        description="Keluar 0: dokumen asli; 1: tidak sah; 3: kode asli tetapi rekamannya "
                    "DIBATALKAN.")
    verify.add_argument("payload", metavar="PAYLOAD", help="isi kode QR, mis. JGR2:SM:2026:12:...")
    verify.add_argument("--kunci", metavar="FILE",
                        help="berkas kunci publik kantor (dari 'kunci ekspor'): periksa tanda "
                             "tangan tanpa basis data")

    kunci = commands.add_parser("kunci", help="kunci tanda tangan kode QR dokumen")
    kunci_commands = kunci.add_subparsers(dest="kunci_command", metavar="SUBPERINTAH",
                                          required=True)
    kunci_commands.add_parser("info", help="sidik jari kunci yang berlaku dan kunci lama")
    ekspor = kunci_commands.add_parser(
        "ekspor", help="tulis kunci publik ke berkas (untuk PC lain, Polsek, KUA)")
    ekspor.add_argument("-o", "--output", required=True, metavar="FILE")
    kunci_commands.add_parser(
        "ganti", help="buat kunci baru (admin); kunci lama tetap dipakai untuk memeriksa")

    db = commands.add_parser("db", help="basis data")
    db_commands = db.add_subparsers(dest="db_command", metavar="SUBPERINTAH", required=True)
    db_commands.add_parser("upgrade", help="buat atau perbarui skema basis data")
    db_commands.add_parser("check", help="periksa basis data tanpa mengubahnya")
    add_backup_commands(commands, db_commands)
    add_register_commands(commands)
    add_pegawai_commands(commands)
    add_pengantar_commands(commands)
    add_layanan_commands(commands)
    add_monitoring_command(commands)
    add_ikm_commands(commands)
    add_naskah_commands(commands)
    add_user_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    parser = build_parser()
    args = parser.parse_args(argv)
    # Collection is off during start-up (jogoroto_desktop.__main__); the window switches it
    # back on at its first paint, a command now.
    if args.command is not None or args.demo:
        gc.enable()
    if args.check_startup and args.command is not None:
        parser.error("--check-startup tidak dapat dipakai bersama perintah")
    if args.demo:
        if args.db:
            parser.error("--demo tidak dapat dipakai bersama --db")
        return _run_demo(args, started)
    return _dispatch(args, started)


def _dispatch(args: argparse.Namespace, started: float, demo: Any = None) -> int:
    secure_data_folders()  # owner-only data on POSIX, also a folder made by an older version
    if args.command is None:
        from jogoroto_desktop.gui import run_gui  # Qt is imported only on this path

        return run_gui(
            database_target=resolve_database_target(args.db),
            check_startup=args.check_startup,
            started=started,
            demo=demo,
        )
    handlers = {"sop": _run_sop, "db": _run_db, "verify": _run_verify, "print": _run_print,
                "kunci": _run_kunci,
                "surat-masuk": run_register_command, "surat-keluar": run_register_command,
                "import": run_register_command, "export": run_register_command,
                "backup": run_backup_command, "restore": run_backup_command,
                "surat-pengantar": run_pengantar_command,
                "layanan": run_layanan_command, "rekap": run_layanan_command,
                "ikm": run_ikm_command, "monitoring": run_monitoring_command,
                "user": run_user_command, "naskah": run_naskah_command}
    handlers.update(dict.fromkeys(PEGAWAI_COMMANDS, run_pegawai_command))
    # Who acts: the setup administrator on a database without accounts, --user otherwise
    # (refused without --user: reading records needs a login too).
    # Whoever acted before is back afterwards (main is also called in-process, e.g. tests).
    with session.acting_as(None):
        if args.command not in NO_USER_COMMANDS:
            problem = sign_in_for_command(args)
            if problem:
                print(problem, file=sys.stderr)
                return EXIT_ERROR
        try:
            return handlers[args.command](args)
        except CatalogError as exc:
            print(exc, file=sys.stderr)
            return EXIT_ERROR
        except BrokenPipeError:  # e.g. `jogoroto-cli sop list | head`
            return EXIT_OK


def _run_demo(args: argparse.Namespace, started: float) -> int:
    """Run the GUI or one command inside a throwaway demo folder, removed afterwards. The GUI
    fills the demo database itself (with a progress bar); a command gets it filled first."""
    from jogoroto_desktop.demo import DEMO_WARNING, DemoEnvironment, buat_database_demo

    environment = DemoEnvironment()
    environment.activate()
    try:
        # The SOP catalog needs only the SOP versions a new database starts with.
        if args.command not in (None, "sop"):
            session.set_actor(session.SETUP_ADMIN)
            buat_database_demo(environment.database)
            print(DEMO_WARNING, file=sys.stderr)
        return _dispatch(args, started, demo=environment)
    finally:
        import models

        models.close_database()
        environment.close()


def _run_sop(args: argparse.Namespace) -> int:
    """The SOP catalog's commands: the SOPs in force in the database (or the version asked
    for with --versi); the version commands in cli/sop_versi.py."""
    if args.sop_command in SOP_VERSION_COMMANDS:
        return run_sop_version_command(args)
    if getattr(args, "paper", "") is None:  # the office's default paper (first-run setup)
        from jogoroto_desktop.setup import default_paper_of

        args.paper = default_paper_of(resolve_database_target(args.db))
    return run_with_database(args, _run_sop_catalog, reported=(CatalogError,),
                             nothing_written=False)


def _run_sop_catalog(args: argparse.Namespace) -> int:
    catalog = default_catalog()
    if args.sop_command == "pdf":
        return _run_sop_pdf(args)
    if args.sop_command == "buku":
        from jogoroto_desktop.documents import sop_book_entries

        return run_sop_buku(args, sop_book_entries(catalog))
    if args.sop_command == "list":
        if args.json:
            print_json([sop.to_dict() for sop in catalog])
        else:
            for sop in catalog:
                nomor = sop.nomor or "-"
                status = STATUS_LABELS[sop.status]
                print(f"{sop.id:<24} {nomor:<28} {status:<14} {sop.seksi_name}: {sop.name}")
        return EXIT_OK
    version = sop_of_version(args.key, args.versi)
    if version is None:
        return _not_found(args.key)
    if args.sop_command == "png":
        return _run_sop_png(version, args)
    sop = version.sop
    if args.json:
        print_json(sop.to_dict())
    else:
        print(describe_sop(sop))
    return EXIT_OK


def _not_found(key: str) -> int:
    print(f"SOP {key!r} tidak ditemukan. Lihat daftar id dengan: jogoroto-cli sop list",
          file=sys.stderr)
    return EXIT_ERROR


def _run_sop_pdf(args: argparse.Namespace) -> int:
    from pathlib import Path

    from printing.sop_document import build_all_sop_pdfs, build_sop_pdf

    catalog = default_catalog()
    output = Path(args.output)
    if args.all == bool(args.key):
        print("Sebutkan satu SOP (ID_OR_NOMOR) atau --all, tidak keduanya.", file=sys.stderr)
        return EXIT_USAGE
    from jogoroto_desktop.kop_settings import kop_from_settings

    kop = kop_from_settings()
    try:
        if args.all:
            output.mkdir(parents=True, exist_ok=True)
            files = build_all_sop_pdfs(catalog, output, paper=args.paper, kop=kop)
            for path in files:
                print(path)
            return EXIT_OK
        version = sop_of_version(args.key, args.versi)
        if version is None:
            return _not_found(args.key)
        output.parent.mkdir(parents=True, exist_ok=True)
        pages = build_sop_pdf(version.sop, output, paper=args.paper, kop=kop,
                              **version_marks(version))
    except OSError as exc:
        print(f"Berkas tidak dapat ditulis: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{output} ({pages} halaman)")
    return EXIT_OK


def _run_sop_png(version: Any, args: argparse.Namespace) -> int:
    """Renders the flowchart scene offscreen: the one subcommand that needs Qt (no window)."""
    import os
    from pathlib import Path

    sop = version.sop

    if sop.is_draft:
        print(f"SOP {sop.name!r} belum dirinci: tidak ada diagram alir untuk digambar.",
              file=sys.stderr)
        return EXIT_ERROR
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from jogoroto_desktop.gui import render_flowchart_png

    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    width, height = render_flowchart_png(sop, output, scale=args.scale, paper=args.paper,
                                         **version_marks(version))
    print(f"{output} ({width} x {height} piksel)")
    return EXIT_OK


def describe_sop(sop: Sop) -> str:
    """A plain-text rendering of an SOP's identitas and uraian prosedur."""
    lines = [sop.name.upper(), f"Seksi: {sop.seksi_name}", f"Status: {STATUS_LABELS[sop.status]}"]
    if sop.is_draft:
        lines.append("SOP ini belum dirinci: buku SOP hanya mencantumkan namanya.")
        return "\n".join(lines)
    lines.append(f"{IDENTITAS_LABELS['nomor']}: {sop.nomor or '-'}")
    for name in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        lines.append(f"{IDENTITAS_LABELS[name]}: {format_tanggal(getattr(sop, name))}")
    if sop.disahkan_oleh:
        lines.append(f"{IDENTITAS_LABELS['disahkan_oleh']}: {sop.disahkan_oleh.describe()}")
    for name in IDENTITAS_LIST_FIELDS:
        items = getattr(sop, name)
        lines.append(f"{IDENTITAS_LABELS[name]}:")
        if name in sop.unreadable:
            lines.append("  (tidak terbaca pada naskah)")
        lines.extend(f"  {i}. {item}" for i, item in enumerate(items, 1))
        if not items and name not in sop.unreadable:
            lines.append("  -")
    lines.append("")
    lines.append(f"Pelaksana: {' | '.join(sop.actors)}")
    lines.append("Uraian prosedur:")
    for step in sop.steps:
        branch = ""
        if step.symbol == "decision":
            branch = f" [Ya -> {step.ya}, Tidak -> {step.tidak}]"
        kegiatan = step.kegiatan or "(tidak terbaca)"
        lines.append(f"{step.no:>3}. {kegiatan}{branch}")
        details = [
            ("Pelaksana", step.pelaksana),
            ("Kelengkapan", step.kelengkapan),
            ("Waktu", step.waktu),
            ("Output", step.output),
            ("Keterangan", step.keterangan),
        ]
        for label, value in details:
            key = label.lower()
            if value or key in step.unreadable:
                text = value or "(tidak terbaca)"
                lines.append(textwrap.fill(
                    f"{label}: {text}", width=96, initial_indent=" " * 5,
                    subsequent_indent=" " * 7,
                ))
    return "\n".join(lines)


def _run_db(args: argparse.Namespace) -> int:
    import models

    if args.db_command not in ("check", "upgrade"):
        return run_backup_command(args)
    target = resolve_database_target(args.db)
    try:
        if args.db_command == "check":
            return _run_db_check(args, target)
        result = models.upgrade_database(target)
        for line in result:
            print(line)
        return EXIT_OK
    except models.DatabaseOpenError as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR


def _run_db_check(args: argparse.Namespace, target: str) -> int:
    """``db check``: read-only.  Its report names audit rows (who did what), so once the
    database has accounts it needs a signed-in user who may read the audit trail."""
    import models
    from jogoroto_desktop.storage import backup

    report = models.check_database(target)  # computed before, shown only after the sign-in
    if report.schema_version:  # a new, empty or unreadable database has no accounts yet
        problem = sign_in_to_read_audit(args, target)
        if problem:
            print(problem, file=sys.stderr)
            return EXIT_ERROR
    messages = list(report.messages)
    rewritten = report.chain is not None and backup.live_chain_against_known_heads(
        target, report.chain)
    if rewritten:  # in place of "Basis data baik…" when the database passed otherwise
        messages[-1:] = [rewritten] if report.ok else [messages[-1], rewritten]
    for message in messages:
        print(message)
    return EXIT_OK if report.ok and not rewritten else EXIT_ERROR


def _record_number(text: str, year: int | None) -> tuple[int, int] | None:
    """(year, number) from "12", "12/2026" or a full outgoing nomor "005/12/415.67/2026"."""
    import datetime as dt
    import re

    match = re.fullmatch(r"([0-9]{1,9})(?:/([0-9]{4}))?", text.strip())
    if match:
        return int(match.group(2) or year or dt.date.today().year), int(match.group(1))
    return None


def _run_print(args: argparse.Namespace) -> int:
    """Build an official form of a register record into a PDF file; the print is audited."""
    from pathlib import Path

    import models
    from jogoroto_desktop import documents
    from jogoroto_desktop.session import PermissionDenied
    from printing.forms.painter import FormError

    if not open_database_or_report(args):
        return EXIT_ERROR
    try:
        if args.paper is None:  # as the print preview chooses it
            from jogoroto_desktop.setup import office_paper_for

            args.paper = office_paper_for(FORM_PAPERS[args.form])
        found = _form_to_print(args)
        if isinstance(found, str):
            print(found, file=sys.stderr)
            return EXIT_ERROR
        record, formulir, build = found
        session.require("cetak")
        output = Path(args.output)
        output.parent.mkdir(parents=True, exist_ok=True)
        pages = build(output)
        documents.catat_cetak(record, formulir, args.paper)
        code = documents.payload_of(record)
    except PermissionDenied as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
    except (FormError, ValueError) as exc:
        print(f"Formulir tidak dapat dibuat: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"Berkas tidak dapat ditulis: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        models.close_database()
    print(f"{output} ({pages} halaman)")
    print(f"Kode QR: {code}")  # what `verify` checks; the form carries it
    return EXIT_OK


def _form_to_print(args: argparse.Namespace) -> tuple[Any, str, Any] | str:
    """(record, form name for the audit, build(path) -> pages) of the form asked for, or the
    message saying which record was not found."""
    import models
    from jogoroto_desktop import documents
    from jogoroto_desktop.registers.pengantar import find_surat_pengantar
    from jogoroto_desktop.validation import non_ascii_digit, non_ascii_digit_message
    from printing.forms.kartu_kendali import build_kartu_kendali
    from printing.forms.lembar_disposisi import build_lembar_disposisi
    from printing.forms.surat_pengantar import build_surat_pengantar
    from printing.forms.tanda_terima import build_tanda_terima

    digit = non_ascii_digit(args.nomor)
    if digit is not None:
        return non_ascii_digit_message("Nomor", digit)
    paper = args.paper
    if args.form == "surat-pengantar":
        sp = find_surat_pengantar(args.nomor, args.year)
        if sp is None:
            return f"Surat pengantar {args.nomor!r} tidak ditemukan."
        return sp, "Surat Pengantar", lambda out: build_surat_pengantar(
            documents.surat_pengantar_data(sp), out, paper)
    if args.form == "tanda-terima":
        key = _record_number(args.nomor.strip().upper().removeprefix("TT-"), args.year)
        P = models.Permohonan  # noqa: N806
        permohonan = None if key is None else P.get_or_none(
            (P.tahun == key[0]) & (P.nomor_tanda_terima == key[1]))
        if permohonan is None:
            return f"Tanda terima {args.nomor!r} tidak ditemukan."
        return permohonan, "Tanda Terima", lambda out: build_tanda_terima(
            documents.tanda_terima_data(permohonan), out, paper)
    key = _record_number(args.nomor, args.year)
    if args.form == "disposisi" or args.jenis == "masuk":
        Masuk = models.SuratMasuk  # noqa: N806
        surat = None if key is None else Masuk.get_or_none(
            (Masuk.tahun == key[0]) & (Masuk.nomor_agenda == key[1]))
        if surat is None:
            return f"Surat masuk dengan nomor agenda {args.nomor!r} tidak ditemukan."
        if args.form == "disposisi":
            return surat, "Lembar Disposisi", lambda out: build_lembar_disposisi(
                documents.lembar_disposisi_data(surat), out, paper)
        return surat, "Kartu Kendali", lambda out: build_kartu_kendali(
            documents.kartu_kendali_masuk(surat), out, paper)
    Keluar = models.SuratKeluar  # noqa: N806
    if key is not None:
        keluar = Keluar.get_or_none((Keluar.tahun == key[0]) & (Keluar.urut == key[1]))
    else:
        keluar = Keluar.get_or_none(Keluar.nomor == args.nomor.strip())
    if keluar is None:
        return f"Surat keluar {args.nomor!r} tidak ditemukan."
    return keluar, "Kartu Kendali", lambda out: build_kartu_kendali(
        documents.kartu_kendali_keluar(keluar), out, paper)


def _run_verify(args: argparse.Namespace) -> int:
    """Exit 0 and show the record for a genuine code; 3 for a genuine code of a voided record
    (DIBATALKAN); 1 with the reason otherwise. Writes nothing: the database is opened without
    migrating (a missing or outdated one is refused untouched), and no key is made."""
    import models
    from jogoroto_desktop.qr import PayloadError, load_public_keys, parse_payload
    from jogoroto_desktop.verification import verify_document, verify_with_keys

    try:
        if args.kunci:
            record = verify_with_keys(args.payload, load_public_keys(args.kunci))
        else:
            parse_payload(args.payload)  # a malformed code needs no database to be refused
            if not open_database_or_report(args, migrate=False):
                return EXIT_ERROR
            try:
                record = verify_document(args.payload)
            finally:
                models.close_database()
    except OSError as exc:
        if not args.kunci:
            raise
        print(f"Berkas kunci {args.kunci} tidak dapat dibaca ({exc.strerror or exc}).",
              file=sys.stderr)
        return EXIT_ERROR
    except PayloadError as exc:
        print(f"TIDAK SAH: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(record.title)
    for line in record.lines:
        print(f"  {line}")
    return EXIT_VOIDED if record.dibatalkan else EXIT_OK


def _run_kunci(args: argparse.Namespace) -> int:
    """`kunci info|ekspor|ganti`: the QR signing key (jogoroto_desktop.qr_keys)."""
    from jogoroto_desktop import qr_keys

    def run(args: argparse.Namespace) -> int:
        if args.kunci_command == "ekspor":
            path = qr_keys.export_public_keys(args.output)
            print(f"Kunci publik ditulis ke {path} (sidik jari "
                  f"{qr_keys.key_info().fingerprint}).")
            return EXIT_OK
        info = (qr_keys.rotate_signing_key() if args.kunci_command == "ganti"
                else qr_keys.key_info())
        if args.kunci_command == "ganti":
            print("Kunci baru dibuat; dokumen yang sudah dicetak tetap dapat diperiksa. "
                  "Ekspor ulang kunci publik untuk PC lain.")
        print(f"Kunci berlaku: {info.fingerprint} (PC ini)")
        for other in info.others:
            print(f"Kunci PC lain: {other}")
        for old in info.retired:
            print(f"Kunci lama:    {old}")
        return EXIT_OK

    return run_with_database(args, run, reported=(OSError,))
