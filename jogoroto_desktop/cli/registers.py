"""The register subcommands of the CLI: surat-masuk, surat-keluar, import and export.

Headless: nothing here imports Qt or `ui`. The database and the domain modules are imported
only when a command runs, so `jogoroto-cli --help` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from jogoroto_desktop.cli import common as cli_common
from jogoroto_desktop.cli.common import EXIT_ERROR, EXIT_OK, cut, run_with_database

REGISTER_COMMANDS = ("surat-masuk", "surat-keluar", "import", "export")

# The option a user typed for each field a ValidationError can name.
_MASUK_OPTIONS = {
    "dari": "--dari", "nomor_surat": "--nomor-surat", "tanggal_surat": "--tanggal-surat",
    "perihal": "--perihal", "sifat": "--sifat", "klasifikasi": "--klasifikasi",
    "tanggal_diterima": "--diterima", "lampiran": "--lampiran",
}
_KELUAR_OPTIONS = {
    "klasifikasi": "--klasifikasi", "kepada": "--kepada", "perihal": "--perihal",
    "sifat": "--sifat", "pengolah": "--pengolah", "tanggal": "--tanggal",
    "lampiran": "--lampiran",
}


_year = cli_common.bounded_int(1900, 9999, "tahun {text} bukan angka",
                               "tahun {value} tidak masuk akal")


def _add_sifat_option(add: argparse.ArgumentParser) -> None:
    """--sifat, the same for incoming and outgoing letters."""
    add.add_argument("--sifat", default="biasa",
                     help="sangat segera, segera, rahasia atau biasa (bawaan: biasa)")


def add_register_commands(subparsers: Any) -> None:
    """Add the surat-masuk, surat-keluar, import and export commands to the CLI parser."""
    masuk_commands, add = cli_common.add_register_group(
        subparsers, "surat-masuk", "Agenda Surat Masuk", "masuk_command",
        "catat surat masuk; baris terakhir keluaran adalah nomor agenda (mis. 12/2026)")
    cli_common.add_required_texts(add, {"--dari": "asal surat (instansi/pengirim)",
                                        "--nomor-surat": "nomor surat dari pengirim"})
    add.add_argument("--tanggal-surat", required=True, metavar="YYYY-MM-DD",
                     help="tanggal surat (juga 04/01/2026 atau \"4 Januari 2026\")")
    add.add_argument("--perihal", required=True, help="perihal / isi ringkas")
    _add_sifat_option(add)
    add.add_argument("--klasifikasi", default="", help="kode klasifikasi arsip, mis. 005")
    add.add_argument("--diterima", metavar="YYYY-MM-DD",
                     help="tanggal diterima (bawaan: hari ini); menentukan tahun nomor agenda")
    add.add_argument("--lampiran", default="", help="lampiran, mis. \"1 berkas\"")
    cli_common.add_list_command(
        masuk_commands, "daftar surat masuk, terbaru dulu", year=_year,
        cari="cari di asal, nomor surat, perihal atau nomor agenda")

    keluar_commands, kadd = cli_common.add_register_group(
        subparsers, "surat-keluar", "Agenda Surat Keluar", "keluar_command",
        "catat surat keluar yang sudah ditandatangani dan beri nomor; baris terakhir keluaran "
        "adalah nomor surat")
    cli_common.add_required_texts(kadd, {"--klasifikasi": "kode klasifikasi arsip, mis. 005",
                                         "--kepada": "tujuan surat", "--perihal": "perihal"})
    _add_sifat_option(kadd)
    kadd.add_argument("--pengolah", default="sekretariat", metavar="SEKSI_ID",
                      help="seksi pengolah: sekretariat, tata-pemerintahan, pmd, trantib, "
                           "sosbud (bawaan: sekretariat)")
    kadd.add_argument("--tanggal", metavar="YYYY-MM-DD",
                      help="tanggal surat (bawaan: hari ini); menentukan tahun nomor")
    kadd.add_argument("--lampiran", default="", help="lampiran")
    cli_common.add_list_command(
        keluar_commands, "daftar surat keluar, terbaru dulu", year=_year,
        cari="cari di tujuan, perihal atau nomor surat")

    import_commands = cli_common.add_command_group(
        subparsers, "import", "impor data dari berkas", "import_command")
    agenda_in = import_commands.add_parser(
        "agenda", help="impor buku Agenda Surat Masuk dari .xlsx atau .csv (semua baris atau "
                       "tidak sama sekali)")
    agenda_in.add_argument("file", metavar="FILE", help="berkas .xlsx atau .csv")
    agenda_in.add_argument("--dry-run", action="store_true",
                           help="hanya periksa semua baris; tidak ada yang ditulis")

    export_commands = cli_common.add_command_group(
        subparsers, "export", "ekspor data ke berkas", "export_command")
    agenda_out = export_commands.add_parser("agenda",
                                            help="ekspor Agenda Surat Masuk satu tahun ke .xlsx")
    agenda_out.add_argument("--year", type=_year, required=True, metavar="TAHUN", help="tahun")
    agenda_out.add_argument("-o", "--output", required=True, metavar="FILE.xlsx",
                            help="berkas Excel tujuan")


def run_register_command(args: argparse.Namespace) -> int:
    """Open the database, run one register command, close the database; the exit code."""
    from jogoroto_desktop.registers.agenda_io import AgendaFileError

    handler, options = _handler(args)
    return run_with_database(args, handler, options=options, reported=(AgendaFileError,),
                             denial_on_one_line=True)


def _handler(args: argparse.Namespace) -> tuple[Callable[[argparse.Namespace], int],
                                                 dict[str, str]]:
    if args.command == "surat-masuk":
        return (_masuk_add if args.masuk_command == "add" else _masuk_list), _MASUK_OPTIONS
    if args.command == "surat-keluar":
        return (_keluar_add if args.keluar_command == "add" else _keluar_list), _KELUAR_OPTIONS
    if args.command == "import":
        return _import_agenda, {}
    return _export_agenda, {}


# --- surat masuk -------------------------------------------------------------------------

def _masuk_add(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk

    surat = register_surat_masuk(SuratMasukInput(
        dari=args.dari, nomor_surat=args.nomor_surat, tanggal_surat=args.tanggal_surat,
        perihal=args.perihal, sifat=args.sifat, klasifikasi=_kode(args.klasifikasi),
        lampiran=args.lampiran, tanggal_diterima=args.diterima,
    ))
    print(f"Surat masuk dari {surat.dari} dicatat di Agenda Surat Masuk, nomor agenda:")
    print(f"{surat.nomor_agenda}/{surat.tahun}")
    return EXIT_OK


def masuk_to_dict(surat: Any) -> dict[str, Any]:
    """A SuratMasuk as the JSON of `surat-masuk list --json`."""
    return {
        "nomor_agenda": surat.nomor_agenda,
        "tahun": surat.tahun,
        "tanggal_diterima": surat.tanggal_diterima.isoformat(),
        "dari": surat.dari,
        "nomor_surat": surat.nomor_surat,
        "tanggal_surat": surat.tanggal_surat.isoformat(),
        "perihal": surat.perihal,
        "sifat": surat.sifat,
        "klasifikasi": surat.klasifikasi,
        "lampiran": surat.lampiran,
        **cli_common.register_state(surat),
    }


def _masuk_list(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.surat_masuk import (
        MASUK_STATUS_LABELS,
        AgendaFilter,
        query_surat_masuk,
    )

    return cli_common.print_listing(
        query_surat_masuk(AgendaFilter(tahun=args.year, teks=args.cari)).iterator(),
        args.json, masuk_to_dict,
        f"{'No. Agenda':<11} {'Diterima':<10} {'Dari':<30} {'Nomor Surat':<24} "
        f"{'Perihal':<40} Status",
        lambda surat: (f"{f'{surat.nomor_agenda}/{surat.tahun}':<11} "
                       f"{surat.tanggal_diterima:%d-%m-%Y} {cut(surat.dari, 30)} "
                       f"{cut(surat.nomor_surat, 24)} {cut(surat.perihal, 40)} "
                       f"{MASUK_STATUS_LABELS.get(surat.status, surat.status)}"),
        "surat masuk")


# --- surat keluar ------------------------------------------------------------------------

def _keluar_add(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, register_surat_keluar

    surat = register_surat_keluar(SuratKeluarInput(
        klasifikasi=_kode(args.klasifikasi), kepada=args.kepada, perihal=args.perihal,
        sifat=args.sifat, pengolah=args.pengolah, lampiran=args.lampiran, tanggal=args.tanggal,
    ), langsung_diagendakan=True)
    return cli_common.report(
        f"Surat keluar kepada {surat.kepada} diagendakan dengan nomor:", surat.nomor)


def keluar_to_dict(surat: Any) -> dict[str, Any]:
    """A SuratKeluar as the JSON of `surat-keluar list --json`."""
    return {
        "nomor": surat.nomor,
        "urut": surat.urut,
        "tahun": surat.tahun,
        "tanggal": surat.tanggal.isoformat(),
        "klasifikasi": surat.klasifikasi,
        "kepada": surat.kepada,
        "perihal": surat.perihal,
        "sifat": surat.sifat,
        "pengolah": surat.pengolah,
        "lampiran": surat.lampiran,
        **cli_common.register_state(surat),
    }


def _keluar_list(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.surat_keluar import KELUAR_STATUS_LABELS, query_surat_keluar

    return cli_common.print_listing(
        query_surat_keluar(tahun=args.year, teks=args.cari).iterator(), args.json,
        keluar_to_dict, f"{'Nomor':<24} {'Tanggal':<10} {'Kepada':<30} {'Perihal':<40} Status",
        lambda surat: (f"{cut(surat.nomor or '(belum bernomor)', 24)} "
                       f"{surat.tanggal:%d-%m-%Y} {cut(surat.kepada, 30)} "
                       f"{cut(surat.perihal, 40)} "
                       f"{KELUAR_STATUS_LABELS.get(surat.status, surat.status)}"),
        "surat keluar")


# --- import and export -------------------------------------------------------------------

def _import_agenda(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.agenda_io import import_agenda

    report = import_agenda(args.file, dry_run=args.dry_run, oleh="Impor CLI")
    for line in report.lines():
        print(line)
    if report.ok:
        return EXIT_OK
    for line in report.problem_lines():
        print(line, file=sys.stderr)
    return EXIT_ERROR


def _export_agenda(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.agenda_io import export_agenda

    count = export_agenda(args.year, args.output)
    print(f"{count} surat masuk tahun {args.year} diekspor ke {args.output}")
    return EXIT_OK


def _kode(text: str) -> str:
    """A classification code as typed; "5" means 005 (the table's codes have three digits)."""
    text = text.strip()
    return text.zfill(3) if text.isdigit() and len(text) < 3 else text
