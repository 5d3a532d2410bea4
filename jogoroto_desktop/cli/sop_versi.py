"""The command line of the SOP versions (jogoroto_desktop.sop.versions):

- ``sop export ID [--versi N] -o FILE.toml`` and ``sop versi ID [--json]`` read;
- ``sop import FILE.toml`` writes the file as a draft version of the SOP it names (checked like
  the editor; an open Draf of that SOP is replaced, a new version made otherwise) and prints
  the version number as its last line;
- ``sop ajukan|teruskan ID``, ``sop kembalikan ID --alasan A``, ``sop sahkan ID --efektif
  YYYY-MM-DD`` move the open version along the approval flow.

The writing commands act as ``--user`` (the SOP catalog's reading commands need no login).
A refusal (role, problems, status, bad file) prints its Indonesian reason on stderr, exits 1
and writes nothing. Headless and cheap to import.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jogoroto_desktop.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    NOTHING_WRITTEN,
    print_json,
    report,
    run_with_database,
    whole_number,
)

#: The ``sop`` subcommands of this module; those that write act as ``--user``.
SOP_VERSION_COMMANDS = frozenset({"export", "import", "ajukan", "teruskan", "kembalikan",
                                  "sahkan", "versi"})
_WRITES = frozenset({"import", "ajukan", "teruskan", "kembalikan", "sahkan"})


def _version_number(text: str) -> int:
    value = whole_number(text, "nomor versi {text} bukan bilangan bulat")
    if value < 1:
        raise argparse.ArgumentTypeError("nomor versi mulai dari 1")
    return value


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"tanggal {text!r} harus ditulis YYYY-MM-DD, mis. 2027-01-02") from None


def add_sop_version_commands(sop_commands: Any,
                             readers: Iterable[argparse.ArgumentParser]) -> None:
    """Add the version subcommands to ``sop``, and ``--versi`` to its reading ``readers``
    (show, pdf, png)."""
    versi_help = "nomor versi (bawaan: versi yang berlaku hari ini)"
    for parser in readers:
        parser.add_argument("--versi", type=_version_number, metavar="N", help=versi_help)
    export = sop_commands.add_parser(
        "export", help="tulis satu versi SOP ke berkas TOML (format docs/sop-format.md)")
    export.add_argument("sop_id", metavar="ID", help="id SOP")
    export.add_argument("--versi", type=_version_number, metavar="N", help=versi_help)
    export.add_argument("-o", "--output", required=True, metavar="FILE.toml")
    imported = sop_commands.add_parser(
        "import", help="baca berkas TOML sebagai draf SOP yang disebut di berkas (diperiksa "
                       "seperti di editor); baris terakhir: nomor versinya")
    imported.add_argument("file", metavar="FILE.toml")
    for name, summary in (("ajukan", "ajukan draf SOP untuk disahkan (Kasi/Kasubag, admin)"),
                          ("teruskan", "teruskan SOP yang diajukan ke Camat (Sekretaris Camat)")):
        sop_commands.add_parser(name, help=summary).add_argument("sop_id", metavar="ID")
    back = sop_commands.add_parser(
        "kembalikan", help="kembalikan SOP yang diajukan menjadi draf, dengan catatan "
                           "(Sekretaris Camat)")
    back.add_argument("sop_id", metavar="ID")
    back.add_argument("--alasan", required=True, help="apa yang harus diperbaiki")
    approve = sop_commands.add_parser("sahkan", help="sahkan SOP yang diajukan (Camat)")
    approve.add_argument("sop_id", metavar="ID")
    approve.add_argument("--efektif", required=True, type=_iso_date, metavar="YYYY-MM-DD",
                         help="Tgl. Efektif: mulai berlaku (hari ini atau sesudahnya)")
    listing = sop_commands.add_parser("versi", help="daftar versi satu SOP: nomor, status, "
                                                    "tanggal, siapa")
    listing.add_argument("sop_id", metavar="ID")
    listing.add_argument("--json", action="store_true", help="keluaran JSON")


def run_sop_version_command(args: argparse.Namespace) -> int:
    """Run one version subcommand (signing in first for those that write); the exit code."""
    from jogoroto_desktop.cli.users import sign_in_for_command
    from jogoroto_desktop.sop.catalog import CatalogError

    if args.sop_command in _WRITES:
        problem = sign_in_for_command(args)
        if problem:
            print(problem, file=sys.stderr)
            return EXIT_ERROR
    handler = {"export": _export, "import": _import, "ajukan": _ajukan,
               "teruskan": _teruskan, "kembalikan": _kembalikan, "sahkan": _sahkan,
               "versi": _versi}[args.sop_command]
    return run_with_database(args, handler, reported=(CatalogError,),
                             options={"alasan": "--alasan", "efektif": "--efektif"},
                             nothing_written=args.sop_command in _WRITES)


def sop_of_version(key: str, versi: int | None) -> Any:
    """The SOP ``key`` (id or Nomor SOP) in version ``versi`` (None: in force); None when no
    SOP has that key. ValidationError (field ``versi``) for a version it does not have."""
    from jogoroto_desktop.sop import versions
    from jogoroto_desktop.sop.catalog import default_catalog

    sop = default_catalog().get(key)
    if sop is None or versi is None:
        return sop
    return versions.ambil_versi(sop.id, versi).sop


def _sop_id(key: str) -> str:
    """The id of the SOP ``key`` names (its id or its Nomor SOP); the key itself when unknown
    (the domain then says it is not in the catalog)."""
    from jogoroto_desktop.sop.catalog import default_catalog

    sop = default_catalog().get(key)
    return sop.id if sop is not None else key


def _actor() -> Any:
    from jogoroto_desktop import session

    return session.current_actor()


def _export(args: argparse.Namespace) -> int:
    from jogoroto_desktop.sop import versions
    from jogoroto_desktop.sop.exchange import sop_to_toml

    sop_id = _sop_id(args.sop_id)
    chosen = (versions.ambil_versi(sop_id, args.versi) if args.versi
              else versions.versi_berlaku(sop_id))
    if chosen is None:
        print(f"SOP {args.sop_id!r} tidak ada di katalog.", file=sys.stderr)
        return EXIT_ERROR
    header = (f"{chosen.sop.name}: versi {chosen.versi} ({chosen.status_label}), diekspor dari "
              f"Jogoroto Desktop pada {dt.date.today().isoformat()}.\n"
              "Format: docs/sop-format.md. Impor: jogoroto-cli --user NAMA sop import BERKAS")
    output = Path(args.output)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(sop_to_toml(chosen.sop, header), encoding="utf-8")
    except OSError as exc:
        print(f"Berkas tidak dapat ditulis: {exc}", file=sys.stderr)
        return EXIT_ERROR
    print(f"{output} (SOP {chosen.sop_id} versi {chosen.versi}, {chosen.status_label})")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from jogoroto_desktop.sop import versions
    from jogoroto_desktop.sop.catalog import CatalogError
    from jogoroto_desktop.sop.exchange import sop_from_toml

    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Berkas {path} tidak dapat dibaca sebagai teks UTF-8: {exc}. {NOTHING_WRITTEN}",
              file=sys.stderr)
        return EXIT_ERROR
    try:
        sop = sop_from_toml(text, path.name)
    except CatalogError as exc:
        print(f"Berkas {path.name} tidak diterima ({len(exc.problems)} masalah):",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        print(NOTHING_WRITTEN, file=sys.stderr)
        return EXIT_ERROR
    open_version = versions.draf_terbuka(sop.id)
    replaces = open_version if open_version and open_version.status == versions.DRAF else None
    saved = versions.simpan_draf(sop, _actor(), dibaca=replaces)
    what = "menggantikan isi draf" if replaces else "disimpan sebagai draf baru"
    return report(f"{sop.name}: {what}, versi {saved.versi}.", str(saved.versi))


def _done(item: Any, what: str) -> int:
    print(f"{item.sop.name}: versi {item.versi} {what} ({item.status_label}).")
    return EXIT_OK


def _ajukan(args: argparse.Namespace) -> int:
    from jogoroto_desktop.sop import versions

    return _done(versions.ajukan(_sop_id(args.sop_id), _actor()), "diajukan")


def _teruskan(args: argparse.Namespace) -> int:
    from jogoroto_desktop.sop import versions

    return _done(versions.teruskan(_sop_id(args.sop_id), _actor()), "diteruskan ke Camat")


def _kembalikan(args: argparse.Namespace) -> int:
    from jogoroto_desktop.sop import versions

    item = versions.kembalikan(_sop_id(args.sop_id), _actor(), args.alasan)
    return _done(item, "dikembalikan")


def _sahkan(args: argparse.Namespace) -> int:
    from jogoroto_desktop.dates import format_tanggal
    from jogoroto_desktop.sop import versions

    item = versions.sahkan(_sop_id(args.sop_id), _actor(), args.efektif)
    return _done(item, f"disahkan, berlaku {format_tanggal(args.efektif)}")


def _versi(args: argparse.Namespace) -> int:
    from jogoroto_desktop.dates import format_tanggal
    from jogoroto_desktop.sop import versions

    items = versions.daftar_versi(_sop_id(args.sop_id))
    if not items:
        print(f"SOP {args.sop_id!r} tidak ada di katalog. Lihat daftar id dengan: "
              "jogoroto-cli sop list", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        print_json([item.to_dict() for item in items])
        return EXIT_OK

    def who(name: str | None, when: dt.datetime | None) -> str:
        return f"{name}, {format_tanggal(when.date())}" if name and when else "-"

    print(items[-1].sop.name)
    for item in items:
        efektif = format_tanggal(item.tanggal_efektif) if item.tanggal_efektif else "-"
        parts = [f"Versi {item.versi}: {item.status_label}", f"Tgl. Efektif {efektif}",
                 f"dibuat {who(item.dibuat_oleh, item.dibuat_pada)}"]
        for label, name, when in (
                ("diajukan", item.diajukan_oleh, item.diajukan_pada),
                ("diteruskan", item.diteruskan_oleh, item.diteruskan_pada),
                ("disahkan", item.disahkan_oleh, item.disahkan_pada)):
            if name and when:
                parts.append(f"{label} {who(name, when)}")
        print("; ".join(parts))
        if item.catatan and item.terbuka:
            print(f"    catatan Sekretaris Camat: {item.catatan}")
    return EXIT_OK
