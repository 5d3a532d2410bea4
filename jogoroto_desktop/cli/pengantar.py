"""The `surat-pengantar` subcommand of the CLI: `add` (prints the nomor as its last line) and
`list`. Headless; the database and the domain are imported only when a command runs."""

from __future__ import annotations

import argparse
from typing import Any

from jogoroto_desktop.cli import common as cli_common
from jogoroto_desktop.cli.common import cut, run_with_database

# The option a user typed for each field a ValidationError can name.
_OPTIONS = {"kepada": "--kepada", "di": "--di", "klasifikasi": "--klasifikasi",
            "tanggal": "--tanggal", "penandatangan": "--penandatangan", "items": "--item",
            "sumber": "--sumber"}


def _item(text: str) -> Any:
    """ "jenis|banyaknya|keterangan" (keterangan optional) -> ItemInput."""
    from jogoroto_desktop.registers.pengantar import ItemInput

    parts = [part.strip() for part in text.split("|")]
    if len(parts) not in (2, 3):
        raise argparse.ArgumentTypeError(
            f"barang {text!r} harus ditulis \"jenis|banyaknya\" atau "
            "\"jenis|banyaknya|keterangan\"")
    return ItemInput(*parts)


def add_pengantar_commands(subparsers: Any) -> None:
    commands, add = cli_common.add_register_group(
        subparsers, "surat-pengantar", "register Surat Pengantar", "pengantar_command",
        "catat surat pengantar dan beri nomor (dari urutan nomor surat keluar); baris terakhir "
        "keluaran adalah nomornya")
    add.add_argument("--kepada", required=True, help="tujuan, mis. \"Kepala BKPSDM Kab. "
                                                     "Jombang\"")
    add.add_argument("--di", default="", help="tempat tujuan, mis. Jombang")
    add.add_argument("--item", action="append", type=_item, required=True, dest="items",
                     metavar="\"JENIS|BANYAKNYA|KETERANGAN\"",
                     help="barang yang dikirim (ulangi untuk tiap baris); keterangan boleh "
                          "dihilangkan")
    add.add_argument("--tanggal", metavar="YYYY-MM-DD",
                     help="tanggal surat (bawaan: hari ini); menentukan tahun nomor")
    add.add_argument("--klasifikasi", default="",
                     help="kode klasifikasi arsip (bawaan: 000 Umum)")
    add.add_argument("--penandatangan", default="Camat", metavar="JABATAN",
                     help="jabatan penanda tangan dari daftar pejabat (bawaan: Camat)")
    cli_common.add_list_command(
        commands, "daftar surat pengantar, terbaru dulu", year=int,
        cari="cari di tujuan, nomor atau jenis barang")


def run_pengantar_command(args: argparse.Namespace) -> int:
    """Open the database, run one ``surat-pengantar`` command, close it; the exit code."""
    return run_with_database(args, _add if args.pengantar_command == "add" else _list,
                             options=_OPTIONS)


def _add(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.pengantar import SuratPengantarInput, buat_surat_pengantar
    from jogoroto_desktop.validation import Checker

    tanggal = None
    if args.tanggal:
        check = Checker()
        tanggal = check.date("tanggal", "Tanggal surat", args.tanggal)
        check.raise_if_any()
    sp = buat_surat_pengantar(SuratPengantarInput(
        kepada=args.kepada, tanggal=tanggal, items=args.items, di=args.di,
        klasifikasi=args.klasifikasi, penandatangan_jabatan=args.penandatangan))
    return cli_common.report(
        f"Surat pengantar kepada {sp.kepada} ({len(args.items)} baris) dicatat dengan nomor:",
        sp.nomor)


def pengantar_to_dict(sp: Any) -> dict[str, Any]:
    """A SuratPengantar as the JSON of `surat-pengantar list --json`."""
    from jogoroto_desktop.registers.pengantar import items_of

    return {
        "nomor": sp.nomor,
        "urut": sp.urut,
        "tahun": sp.tahun,
        "tanggal": sp.tanggal.isoformat(),
        "klasifikasi": sp.klasifikasi,
        "kepada": sp.kepada,
        "di": sp.di,
        "penandatangan": sp.penandatangan.jabatan,
        "items": [{"jenis": i.jenis, "banyaknya": i.banyaknya, "keterangan": i.keterangan}
                  for i in items_of(sp)],
        **cli_common.register_state(sp),
        "sumber": sp.sumber,
    }


def _list(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.pengantar import STATUS_LABELS, query_surat_pengantar

    return cli_common.print_listing(
        query_surat_pengantar(tahun=args.year, text=args.cari).iterator(), args.json,
        pengantar_to_dict, f"{'Nomor':<24} {'Tanggal':<10} {'Kepada':<40} Status",
        lambda sp: (f"{sp.nomor:<24} {sp.tanggal:%d-%m-%Y} {cut(sp.kepada, 40)} "
                    f"{STATUS_LABELS.get(sp.status, sp.status)}"),
        "surat pengantar")
