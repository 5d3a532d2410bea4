"""What every database subcommand of the CLI does around its own work: open the database, run,
turn the expected errors into a message on stderr and exit code 1, close the database; and the
small printing helpers the listings share.

Headless and cheap to import (only the standard library at the top): the database layer and
the domain modules are imported when a command runs, so `jogoroto-cli --help` stays quick.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

EXIT_OK = 0
EXIT_ERROR = 1
NOTHING_WRITTEN = "Tidak ada yang dicatat."

Command = Callable[[argparse.Namespace], int]
Row = TypeVar("Row")


def open_database_or_report(args: argparse.Namespace, *, migrate: bool = True) -> bool:
    """Open the --db / JOGOROTO_DB database; on failure print why and return False. Without
    `migrate` a database that is missing or needs its schema upgraded is refused untouched."""
    import models
    from jogoroto_desktop.storage.dbconfig import resolve_database_target

    try:
        models.open_database(resolve_database_target(args.db), migrate=migrate)
    except models.DatabaseOpenError as exc:
        print(exc, file=sys.stderr)
        return False
    return True


def run_with_database(
    args: argparse.Namespace,
    command: Command,
    *,
    options: Mapping[str, str] | None = None,
    reported: tuple[type[Exception], ...] = (),
    nothing_written: bool = True,
    denial_on_one_line: bool = False,
) -> int:
    """Open the database, run `command(args)`, close the database; the exit code.

    A ValidationError prints one line per problem, prefixed with the option the user typed
    for that field (`options` maps field name -> option), then "Tidak ada yang dicatat."
    unless `nothing_written` is off. A PermissionDenied is a ValidationError (problem
    ``izin``) and prints the same way, or as "<reason> Tidak ada yang dicatat." on one line
    with `denial_on_one_line`. The `reported` error types print their message; a database
    error prints its detail on one line.
    """
    import peewee

    import models
    from jogoroto_desktop.session import PermissionDenied
    from jogoroto_desktop.validation import ValidationError

    if not open_database_or_report(args):
        return EXIT_ERROR
    try:
        return command(args)
    except ValidationError as exc:
        if denial_on_one_line and isinstance(exc, PermissionDenied):
            print(f"{exc} {NOTHING_WRITTEN}", file=sys.stderr)
            return EXIT_ERROR
        for name, message in exc.problems.items():
            option = (options or {}).get(name)
            print(f"{option}: {message}" if option else message, file=sys.stderr)
        if nothing_written:
            print(NOTHING_WRITTEN, file=sys.stderr)
        return EXIT_ERROR
    except reported as exc:
        print(exc, file=sys.stderr)
        return EXIT_ERROR
    except peewee.PeeweeException as exc:
        # A driver's message can span lines (PostgreSQL's DETAIL/HINT): keep it to one.
        detail = " ".join(str(getattr(exc, "orig", None) or exc).split())
        print(f"Galat basis data: {detail or type(exc).__name__}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        models.close_database()

def add_command_group(subparsers: Any, name: str, summary: str, dest: str) -> Any:
    """A command with subcommands of its own (``surat-masuk add|list``); returns the action
    to add them to (the one chosen lands in ``dest``)."""
    parser = subparsers.add_parser(name, help=summary)
    return parser.add_subparsers(dest=dest, metavar="SUBPERINTAH", required=True)


def add_register_group(subparsers: Any, name: str, summary: str, dest: str,
                       add_summary: str) -> tuple[Any, argparse.ArgumentParser]:
    """A register's command group (add_command_group) with its ``add`` subcommand already in
    it: (the group, to add ``list`` and others to; the ``add`` parser, for its options)."""
    commands = add_command_group(subparsers, name, summary, dest)
    return commands, commands.add_parser("add", help=add_summary)


def add_required_texts(parser: argparse.ArgumentParser, options: dict[str, str]) -> None:
    """Free-text options that must be given, in this order: option -> its help."""
    for option, help_text in options.items():
        parser.add_argument(option, required=True, help=help_text)


def bounded_int(low: int, high: int, not_a_number: str,
                out_of_range: str) -> Callable[[str], int]:
    """An argparse type reading a whole number from ``low`` to ``high``; the messages may name
    ``{text}`` (what was typed) and ``{value}`` (the number read)."""
    def read(text: str) -> int:
        value = whole_number(text, not_a_number)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(out_of_range.format(value=value))
        return value

    return read


def whole_number(text: str, not_a_number: str = "{text} bukan bilangan bulat") -> int:
    """An argparse type: a whole number written with the digits 0-9 (int() alone would also
    read Arabic-Indic and full-width digits); the message may name ``{text}``."""
    from jogoroto_desktop.validation import non_ascii_digit, non_ascii_digit_message

    digit = non_ascii_digit(text)
    if digit is not None:
        raise argparse.ArgumentTypeError(non_ascii_digit_message(repr(text), digit))
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(not_a_number.format(text=repr(text))) from None


def report(message: str, last_line: str) -> int:
    """Say what was done, then the one value scripts read (the new number, the new status)
    alone as the last line; the exit code."""
    print(message)
    print(last_line)
    return EXIT_OK


def add_list_command(commands: Any, summary: str, cari: str | None = None,
                     year: Callable[[str], int] | None = None) -> argparse.ArgumentParser:
    """A register's ``list`` subcommand: ``--year`` (read by ``year``) and ``--cari``
    (searching what ``cari`` says) when given, and ``--json``; returned for its own options."""
    listing = commands.add_parser("list", help=summary)
    if year is not None:
        listing.add_argument("--year", type=year, metavar="TAHUN", help="hanya tahun ini")
    if cari is not None:
        listing.add_argument("--cari", default="", metavar="TEKS", help=cari)
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    return listing


def cut(text: str, width: int) -> str:
    """`text` on one line in exactly `width` columns: padded, or cut with an ellipsis."""
    text = " ".join(text.split())
    return f"{text:<{width}}" if len(text) <= width else text[:width - 1] + "\u2026"


def print_json(data: Any) -> None:
    """`data` as indented JSON on stdout, non-ASCII letters kept as they are."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def register_state(record: Any) -> dict[str, Any]:
    """The JSON keys every letter register's record ends with: its status and, when voided,
    why."""
    return {"status": record.status, "batal_alasan": record.batal_alasan}


def print_listing(rows: Iterable[Row], as_json: bool, to_dict: Callable[[Row], Any],
                  header: str | None, line: Callable[[Row], str], noun: str) -> int:
    """A register's ``list`` command: the rows as JSON, or a table (``header``, one ``line``
    a row) closed by how many there were ("12 surat keluar")."""
    if as_json:
        print_json([to_dict(row) for row in rows])
        return EXIT_OK
    if header is not None:
        print(header)
    count = 0
    for row in rows:
        print(line(row))
        count += 1
    print(f"{count} {noun}")
    return EXIT_OK
