"""The ``ikm`` subcommand of the CLI: the citizens' satisfaction survey.

``ikm add REGISTER_ID --nilai 4,3,4,4,3,4,4,3,4`` records one response on a collected request
(the last output line is the response id); ``ikm rekap --dari --sampai`` prints or writes the
IKM of a period (``--json``, or ``-o`` a .pdf/.xlsx report). Headless: the domain is imported
when a command runs.
"""

from __future__ import annotations

import argparse
from typing import Any

from jogoroto_desktop.cli import common as cli_common
from jogoroto_desktop.cli.common import EXIT_OK, print_json, run_with_database

# The option a user typed for each field a ValidationError can name.
_OPTIONS = {"nilai": "--nilai", "komentar": "--komentar", "jenis_kelamin": "--jenis-kelamin",
            "kelompok_umur": "--umur", "pendidikan": "--pendidikan",
            "pekerjaan": "--pekerjaan", "sumber": "--sumber", "permohonan": "REGISTER_ID",
            "kunci": "REGISTER_ID", "id": "REGISTER_ID", "dari": "--dari",
            "sampai": "--sampai", "sop_id": "--layanan", "seksi": "--seksi",
            "output": "--output"}
IKM_FORMATS = (".pdf", ".xlsx")


def add_ikm_commands(subparsers: Any) -> None:
    """Add the ``ikm`` command group (add, rekap) to the CLI parser."""
    from jogoroto_desktop.ikm_kuesioner import PROFIL

    add_help = ("catat jawaban survei satu permohonan yang sudah diambil; baris terakhir "
                "keluaran adalah id jawaban")
    commands, add = cli_common.add_register_group(
        subparsers, "ikm", "survei kepuasan masyarakat (IKM)", "ikm_command", add_help)
    add.add_argument("permohonan", metavar="REGISTER_ID", help=(
        "nomor register (mis. legalisir/12/2026), id, atau isi kode QR lembar survei/tanda "
        "terima"))
    add.add_argument("--nilai", required=True, metavar="U1,...,U9",
                     help="sembilan nilai 1-4 (1 tidak baik, 4 sangat baik), dipisah koma")
    add.add_argument("--komentar", default="", help="komentar/saran responden")
    for option, name in (("--jenis-kelamin", "jenis_kelamin"), ("--umur", "kelompok_umur"),
                         ("--pendidikan", "pendidikan"), ("--pekerjaan", "pekerjaan")):
        label, options = PROFIL[name]
        add.add_argument(option, dest=name, default="", choices=tuple(options),
                         help=f"{label.lower()} responden (boleh dikosongkan)")
    add.add_argument("--sumber", default="slip", choices=("loket", "slip"),
                     help="loket (ditanya saat pengambilan) atau slip (lembar survei yang "
                          "diketik kemudian; bawaan)")

    recap = commands.add_parser("rekap", help="IKM satu periode (per unsur, per layanan, "
                                              "per seksi)")
    recap.add_argument("--dari", required=True, metavar="YYYY-MM-DD", help="awal periode")
    recap.add_argument("--sampai", required=True, metavar="YYYY-MM-DD",
                       help="akhir periode (ikut dihitung)")
    scope = recap.add_mutually_exclusive_group()
    scope.add_argument("--layanan", metavar="SOP_ID", help="hanya layanan ini")
    scope.add_argument("--seksi", metavar="SEKSI_ID", help="hanya layanan seksi ini")
    recap.add_argument("--json", action="store_true", help="keluaran JSON")
    recap.add_argument("-o", "--output", metavar="FILE",
                       help="tulis laporan ke berkas .pdf atau .xlsx")


def run_ikm_command(args: argparse.Namespace) -> int:
    """Open the database, run one ``ikm`` command, close it; the exit code."""
    handler = _add if args.ikm_command == "add" else _rekap
    return run_with_database(args, handler, options=_OPTIONS, reported=(_Refused,))


class _Refused(Exception):
    pass


def _add(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers import ikm
    from jogoroto_desktop.registers.layanan import nomor_register

    permohonan = ikm.cari_permohonan_survei(args.permohonan)
    if permohonan is None:
        raise _Refused(f"Permohonan {args.permohonan!r} tidak ditemukan. Tulis nomor register "
                       "(mis. legalisir/12/2026) atau id dari `layanan list`. Tidak ada yang "
                       "dicatat.")
    nilai = ikm.parse_nilai(args.nilai)
    respons_id = ikm.tambah_respons(
        permohonan.id, nilai, jenis_kelamin=args.jenis_kelamin,
        kelompok_umur=args.kelompok_umur, pendidikan=args.pendidikan,
        pekerjaan=args.pekerjaan, komentar=args.komentar, sumber=args.sumber)
    value = ikm.bulatkan(ikm.hitung_ikm(nilai, 1))
    return cli_common.report(
        f"Jawaban survei {nomor_register(permohonan)} dicatat (nilai "
        f"{','.join(map(str, nilai))}; IKM jawaban ini {str(value).replace('.', ',')}). "
        "Id jawaban:", str(respons_id))


def _rekap(args: argparse.Namespace) -> int:
    from pathlib import Path

    from jogoroto_desktop.registers import ikm
    from jogoroto_desktop.validation import Checker

    check = Checker()
    dari = check.date("dari", "Awal periode", args.dari)
    sampai = check.date("sampai", "Akhir periode", args.sampai)
    if args.output and Path(args.output).suffix.lower() not in IKM_FORMATS:
        check.fail("output", f"Format \u201c{Path(args.output).suffix or args.output}\u201d "
                             "tidak dikenal; pakai .pdf atau .xlsx.")
    check.raise_if_any()
    assert dari is not None and sampai is not None
    rekap = ikm.rekap_ikm(dari, sampai, layanan=args.layanan, seksi=args.seksi)
    if args.output:
        from jogoroto_desktop.documents import ekspor_ikm
        from jogoroto_desktop.kop_settings import kop_from_settings
        from jogoroto_desktop.rekap import RekapError
        from jogoroto_desktop.setup import default_paper

        try:
            path = ekspor_ikm(rekap, args.output, kop=kop_from_settings(), paper=default_paper())
        except RekapError as exc:
            raise _Refused(str(exc)) from None
    if args.json:
        print_json(rekap.to_dict())
    else:
        _print_rekap(rekap)
    if args.output:
        print(path)
    return EXIT_OK


def _print_rekap(rekap: Any) -> None:
    from jogoroto_desktop.registers.ikm import format_ikm

    print(f"Survei Kepuasan Masyarakat \u2014 {rekap.cakupan}, {rekap.judul}")
    if not rekap.responden:
        print("Belum ada jawaban survei pada periode ini.")
        return
    print(f"Responden: {rekap.responden}")
    for unsur in rekap.unsur:
        print(f"  {unsur.kode} {unsur.nama:<42} {format_ikm(unsur.rata_rata, 3):>6}")
    print(f"IKM: {format_ikm(rekap.ikm)} \u2014 mutu {rekap.mutu} ({rekap.kinerja})")
    if len(rekap.per_layanan) > 1:
        print("Per layanan:")
        for part in rekap.per_layanan:
            print(f"  {cli_common.cut(part.nama, 40)} {part.responden:>6} responden  "
                  f"IKM {format_ikm(part.ikm):>6} {part.mutu}")
