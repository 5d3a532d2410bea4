"""`jogoroto-cli sop buku -o FILE.pdf [--paper A4|F4]`: the whole SOP book as one PDF (cover,
the Keputusan Camat, daftar isi, every SOP). The paper defaults to the office's (set by the
`sop` command group, as for `sop pdf`); the kop comes from the settings in the database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jogoroto_desktop.sop.catalog import Sop

if TYPE_CHECKING:
    from printing.sop_book import BookSop

BOOK_PAPERS = ("A4", "F4")
EXIT_OK = 0
EXIT_ERROR = 1


def add_sop_buku_command(sop_commands: Any) -> None:
    """The `buku` subcommand of `sop`."""
    buku = sop_commands.add_parser(
        "buku", help="cetak seluruh buku SOP ke satu PDF (sampul, keputusan camat, daftar isi, "
                     "semua SOP)")
    buku.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="berkas PDF")
    buku.add_argument("--paper", choices=BOOK_PAPERS,
                      help="ukuran kertas (bawaan: kertas bawaan kantor di Pengaturan)")


def run_sop_buku(args: argparse.Namespace, sops: Iterable[Sop | BookSop]) -> int:
    """Build the book of `sops` (in force, in the book's order) into args.output; the
    database is open (the kop comes from its settings)."""
    from jogoroto_desktop.kop_settings import kop_from_settings
    from jogoroto_desktop.sop.keputusan import KeputusanError
    from printing.sop_book import build_sop_book_pdf

    output = Path(args.output)
    if output.is_dir():
        print(f"{output} adalah folder: sebutkan nama berkas PDF, mis. {output / 'buku-sop.pdf'}",
              file=sys.stderr)
        return EXIT_ERROR
    if output.suffix.lower() != ".pdf":
        print(f"Berkas keluaran {output} harus berakhiran .pdf.", file=sys.stderr)
        return EXIT_ERROR
    kop = kop_from_settings()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        book = build_sop_book_pdf(sops, output, paper=args.paper, kop=kop)
    except OSError as exc:
        print(f"Berkas tidak dapat ditulis: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (KeputusanError, ValueError) as exc:  # a broken decree file or an unreadable logo
        output.unlink(missing_ok=True)
        print(f"Buku SOP tidak dapat dibuat: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{output} ({book.pages} halaman, {len(book.entries)} SOP)")
    return EXIT_OK
