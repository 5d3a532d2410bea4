"""The personnel and tracker subcommands of the CLI: pegawai, penjagaan, cuti, pelacakan.

Headless: nothing here imports Qt or `ui`. The domain modules are imported only when a command
runs, so `jogoroto-cli --help` stays quick.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

from jogoroto_desktop.cli import common as cli_common
from jogoroto_desktop.cli.common import EXIT_OK, cut, print_json, run_with_database

PEGAWAI_COMMANDS = ("pegawai", "penjagaan", "cuti", "pelacakan")

_PEGAWAI_OPTIONS = {
    "nip": "--nip", "nama": "--nama", "pangkat": "--pangkat", "jabatan": "--jabatan",
    "tmt_pangkat": "--tmt-pangkat", "tanggal_lahir": "--tanggal-lahir",
    "jenis_kelamin": "--jenis-kelamin", "bup": "--bup", "jenis_jabatan": "--jenis-jabatan",
    "jatah_cuti": "--jatah-cuti",
}
_CUTI_OPTIONS = {"mulai": "--mulai", "selesai": "--selesai", "jenis": "--jenis",
                 "alasan": "--alasan"}
_PELACAKAN_OPTIONS = {"batas_waktu": "--batas", "catatan": "--catatan", "oleh": "--oleh"}


_months = cli_common.bounded_int(0, 120, "{text} bukan jumlah bulan",
                                 "jumlah bulan harus 0 sampai 120")


def add_pegawai_commands(subparsers: Any) -> None:
    """Add the pegawai, penjagaan, cuti and pelacakan commands to the CLI parser."""
    pegawai_commands, add = cli_common.add_register_group(
        subparsers, "pegawai", "data pegawai (kepegawaian)", "pegawai_command",
        "tambah pegawai; NIP diperiksa (tanggal lahir, TMT CPNS, jenis kelamin)")
    cli_common.add_required_texts(add, {
        "--nip": "NIP 18 angka, boleh dengan spasi",
        "--nama": "nama lengkap dengan gelar",
        "--pangkat": "pangkat/golongan, mis. \"Penata Muda, III/a\" atau III/a",
        "--jabatan": "jabatan",
    })
    add.add_argument("--tmt-pangkat", metavar="YYYY-MM-DD", help="TMT pangkat terakhir")
    add.add_argument("--tanggal-lahir", metavar="YYYY-MM-DD",
                     help="bila diisi harus sama dengan NIP (bawaan: dari NIP)")
    add.add_argument("--jenis-kelamin", metavar="L|P",
                     help="bila diisi harus sama dengan NIP (bawaan: dari NIP)")
    add.add_argument("--jenis-jabatan", default="administrasi",
                     help="administrasi (BUP 58), fungsional_madya atau pimpinan_tinggi (60)")
    add.add_argument("--bup", help="batas usia pensiun dalam tahun (bawaan: dari jenis jabatan)")
    add.add_argument("--jatah-cuti", help="jatah cuti tahunan dalam hari kerja (bawaan: 12)")
    plist = cli_common.add_list_command(
        pegawai_commands, "daftar pegawai aktif", cari="cari nama, NIP, jabatan")
    plist.add_argument("--semua", action="store_true", help="termasuk pegawai nonaktif")

    penjagaan = subparsers.add_parser(
        "penjagaan", help="Buku Penjagaan: kenaikan pangkat dan pensiun yang jatuh tempo")
    penjagaan.add_argument("--bulan", type=_months, default=6, metavar="N",
                           help="berkas yang harus dikirim dalam N bulan (bawaan: 6); yang "
                                "terlambat selalu tampil, paling atas")
    penjagaan.add_argument("--json", action="store_true", help="keluaran JSON")

    cuti_commands, cadd = cli_common.add_register_group(
        subparsers, "cuti", "Buku Cuti", "cuti_command",
        "catat permohonan cuti; cuti tahunan diperiksa terhadap sisa cuti")
    cadd.add_argument("nip", metavar="NIP", help="NIP pegawai")
    cadd.add_argument("--mulai", required=True, metavar="YYYY-MM-DD", help="tanggal mulai")
    cadd.add_argument("--selesai", required=True, metavar="YYYY-MM-DD", help="tanggal selesai")
    cadd.add_argument("--jenis", default="tahunan",
                      help="tahunan (bawaan), besar, sakit, melahirkan, alasan_penting, "
                           "luar_tanggungan")
    cadd.add_argument("--alasan", default="", help="alasan cuti")
    clist = cli_common.add_list_command(cuti_commands, "Buku Cuti, cuti terbaru dulu")
    clist.add_argument("--tahun", type=cli_common.whole_number, metavar="TAHUN",
                       help="hanya tahun ini")

    libur = cuti_commands.add_parser(
        "libur", help="daftar hari libur nasional yang tidak dihitung sebagai hari kerja cuti")
    libur.add_argument("--tambah", nargs=2, metavar=("TANGGAL", "NAMA"),
                       help="tambah hari libur, mis. --tambah 2027-03-09 \"Hari Suci Nyepi\"")
    libur.add_argument("--hapus", metavar="TANGGAL", help="hapus hari libur dari daftar")

    lacak_commands, ladd = cli_common.add_register_group(
        subparsers, "pelacakan", "pelacakan SOP perencanaan dan keuangan (Renja, GU, ...)",
        "pelacakan_command", "mulai pelacakan; baris terakhir keluaran adalah ID pelacakan")
    ladd.add_argument("sop_id", metavar="SOP_ID", help="mis. renja, tapkin, pencairan-gu")
    ladd.add_argument("nama", metavar="NAMA", help="mis. \"Renja 2027\"")
    ladd.add_argument("--batas", metavar="YYYY-MM-DD", help="batas waktu selesai")
    ladd.add_argument("--catatan", default="", help="catatan")
    llist = cli_common.add_list_command(lacak_commands, "daftar pelacakan, yang berjalan dulu")
    llist.add_argument("--sop", metavar="SOP_ID", help="hanya SOP ini")
    lstep = lacak_commands.add_parser(
        "step", help="catat langkah sekarang selesai dan lanjut ke langkah berikutnya")
    lstep.add_argument("id", type=cli_common.whole_number, metavar="ID", help="ID pelacakan")
    lstep.add_argument("--oleh", default="", help="yang mengerjakan (bawaan: pengguna)")
    lstep.add_argument("--catatan", default="", help="catatan langkah")
    lstep.add_argument("--cabang", choices=("ya", "tidak"), help="jawaban langkah keputusan")


def run_pegawai_command(args: argparse.Namespace) -> int:
    """Open the database, run one command, close the database; the exit code."""
    handler, options = _handler(args)
    return run_with_database(args, handler, options=options, reported=(LookupError,))


def _handler(args: argparse.Namespace) -> tuple[Callable[[argparse.Namespace], int],
                                                 dict[str, str]]:
    if args.command == "pegawai":
        return (_pegawai_add if args.pegawai_command == "add" else _pegawai_list,
                _PEGAWAI_OPTIONS)
    if args.command == "penjagaan":
        return _penjagaan, {}
    if args.command == "cuti":
        commands = {"add": _cuti_add, "list": _cuti_list, "libur": _cuti_libur}
        return commands[args.cuti_command], _CUTI_OPTIONS
    commands = {"add": _pelacakan_add, "list": _pelacakan_list, "step": _pelacakan_step}
    return commands[args.pelacakan_command], _PELACAKAN_OPTIONS


# --- pegawai -----------------------------------------------------------------------------

def _pegawai_add(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.kepegawaian import PegawaiInput, golongan_label, tambah_pegawai

    pegawai = tambah_pegawai(PegawaiInput(
        nip=args.nip, nama=args.nama, pangkat=args.pangkat, jabatan=args.jabatan,
        tmt_pangkat=args.tmt_pangkat, tanggal_lahir=args.tanggal_lahir,
        jenis_kelamin=args.jenis_kelamin, jenis_jabatan=args.jenis_jabatan, bup=args.bup,
        jatah_cuti=args.jatah_cuti))
    print(f"{pegawai.nama}, {golongan_label(pegawai.golongan)}, {pegawai.jabatan} dicatat; "
          "NIP:")
    print(pegawai.nip)
    return EXIT_OK


def pegawai_to_dict(pegawai: Any) -> dict[str, Any]:
    from jogoroto_desktop.registers.kepegawaian import tmt_pensiun

    return {
        "id": pegawai.id, "nip": pegawai.nip, "nama": pegawai.nama,
        "jenis_kelamin": pegawai.jenis_kelamin,
        "tanggal_lahir": pegawai.tanggal_lahir.isoformat(),
        "tmt_cpns": pegawai.tmt_cpns.isoformat(), "pangkat": pegawai.pangkat,
        "golongan": pegawai.golongan, "jabatan": pegawai.jabatan,
        "tmt_pangkat": pegawai.tmt_pangkat.isoformat() if pegawai.tmt_pangkat else None,
        "bup": pegawai.bup, "tmt_pensiun": tmt_pensiun(pegawai.tanggal_lahir,
                                                       pegawai.bup).isoformat(),
        "jatah_cuti": pegawai.jatah_cuti, "aktif": pegawai.aktif,
    }


def _pegawai_list(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.kepegawaian import query_pegawai

    return cli_common.print_listing(
        query_pegawai(args.cari, termasuk_nonaktif=args.semua).iterator(), args.json,
        pegawai_to_dict, f"{'NIP':<21} {'Nama':<30} {'Gol.':<6} {'Jabatan':<30} Status",
        lambda p: (f"{p.nip:<21} {cut(p.nama, 30)} {p.golongan:<6} {cut(p.jabatan, 30)} "
                   f"{'aktif' if p.aktif else 'nonaktif'}"),
        "pegawai")


def _penjagaan(args: argparse.Namespace) -> int:
    from jogoroto_desktop.dates import format_tanggal
    from jogoroto_desktop.registers.kepegawaian import PENJAGAAN_STATUS_LABELS, buku_penjagaan

    entries = buku_penjagaan(dt.date.today(), bulan=args.bulan)
    if args.json:
        print_json([{
            "pegawai_id": e.pegawai_id, "nip": e.nip, "nama": e.nama, "jenis": e.jenis,
            "tmt": e.tmt.isoformat(), "batas_berkas": e.batas_berkas.isoformat(),
            "status": e.status, "keterangan": e.keterangan} for e in entries])
        return EXIT_OK
    print(f"{'Status':<22} {'Batas berkas':<18} {'Jenis':<17} {'TMT':<18} {'Nama':<26} NIP")
    for e in entries:
        print(f"{PENJAGAAN_STATUS_LABELS[e.status]:<22} {format_tanggal(e.batas_berkas):<18} "
              f"{e.jenis_label:<17} {format_tanggal(e.tmt):<18} {cut(e.nama, 26)} {e.nip}")
    late = sum(e.terlambat for e in entries)
    print(f"{len(entries)} jadwal dalam {args.bulan} bulan, {late} terlambat")
    return EXIT_OK


# --- cuti --------------------------------------------------------------------------------

def _cuti_add(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.kepegawaian import (
        JENIS_CUTI,
        CutiInput,
        ajukan_cuti,
        cari_pegawai,
        sisa_cuti,
    )

    pegawai = cari_pegawai(args.nip)
    if pegawai is None:
        raise LookupError(f"Pegawai dengan NIP {args.nip} tidak ditemukan. Tidak ada yang "
                          "dicatat.")
    cuti = ajukan_cuti(CutiInput(pegawai, args.jenis, args.mulai, args.selesai, args.alasan))
    print(f"{JENIS_CUTI[cuti.jenis]} {pegawai.nama}: {cuti.hari} hari kerja, menunggu "
          "keputusan.")
    if cuti.jenis == "tahunan":
        print(sisa_cuti(pegawai, cuti.tahun).describe())
    print(cuti.id)
    return EXIT_OK


def _cuti_list(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.kepegawaian import CUTI_STATUS_LABELS, JENIS_CUTI, query_cuti

    return cli_common.print_listing(
        query_cuti(tahun=args.tahun), args.json,
        lambda c: {"id": c.id, "nip": c.pegawai.nip, "nama": c.pegawai.nama, "jenis": c.jenis,
                   "mulai": c.mulai.isoformat(), "selesai": c.selesai.isoformat(),
                   "hari": c.hari, "status": c.status, "status_alasan": c.status_alasan},
        None,
        lambda c: (f"{c.id:>5} {c.mulai:%d-%m-%Y} s.d. {c.selesai:%d-%m-%Y} {c.hari:>3} hari  "
                   f"{cut(JENIS_CUTI[c.jenis], 30)} {cut(c.pegawai.nama, 26)} "
                   f"{CUTI_STATUS_LABELS[c.status]}"),
        "cuti")


def _cuti_libur(args: argparse.Namespace) -> int:
    from jogoroto_desktop.dates import format_tanggal
    from jogoroto_desktop.registers.kepegawaian import LIBUR_TETAP, hari_libur, simpan_hari_libur
    from jogoroto_desktop.validation import ValidationError, parse_tanggal

    libur = hari_libur()
    try:
        if args.tambah:
            libur[parse_tanggal(args.tambah[0])] = args.tambah[1]
        if args.hapus:
            day = parse_tanggal(args.hapus)
            if day not in libur:
                raise ValidationError({"hapus": f"{format_tanggal(day)} tidak ada di daftar."})
            del libur[day]
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            raise
        raise ValidationError({"tanggal": str(exc)}) from None
    if args.tambah or args.hapus:
        simpan_hari_libur(libur)
    print("Libur tetap setiap tahun: " + ", ".join(
        f"{day} {format_tanggal(dt.date(2000, month, day)).split()[1]} ({name})"
        for month, day, name in LIBUR_TETAP))
    for day, name in sorted(libur.items()):
        print(f"{format_tanggal(day, with_weekday=True):<28} {name}")
    print(f"{len(libur)} hari libur dalam daftar")
    return EXIT_OK


# --- pelacakan ---------------------------------------------------------------------------

def _pelacakan_add(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.pelacakan import buat_pelacakan, posisi

    run = buat_pelacakan(args.sop_id, args.nama, batas_waktu=args.batas, catatan=args.catatan)
    where = posisi(run)
    print(f"{where.sop_name}: {run.nama} dimulai pada langkah {where.langkah}/"
          f"{where.jumlah_langkah}, dipegang {run.pemegang}. ID:")
    print(run.id)
    return EXIT_OK


def posisi_to_dict(where: Any) -> dict[str, Any]:
    return {
        "id": where.id, "sop_id": where.sop_id, "nama": where.nama, "tahun": where.tahun,
        "status": where.status, "langkah": where.langkah,
        "jumlah_langkah": where.jumlah_langkah, "kegiatan": where.kegiatan,
        "pemegang": where.pemegang,
        "batas_waktu": where.batas_waktu.isoformat() if where.batas_waktu else None,
        "terlambat": where.terlambat, "keterangan": where.keterangan,
    }


def _pelacakan_list(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers.pelacakan import daftar_posisi, query_pelacakan

    rows = daftar_posisi(query_pelacakan((args.sop,) if args.sop else None))
    if args.json:
        print_json([posisi_to_dict(w) for w in rows])
        return EXIT_OK
    print(f"{'ID':>4} {'Nama':<28} {'Langkah':<8} {'Pemegang':<36} Status")
    for w in rows:
        status = w.status_label + (f" - TERLAMBAT ({w.keterangan})" if w.terlambat else "")
        print(f"{w.id:>4} {cut(w.nama, 28)} {f'{w.langkah}/{w.jumlah_langkah}':<8} "
              f"{cut(w.pemegang or '-', 36)} {status}")
    print(f"{len(rows)} pelacakan, {sum(w.terlambat for w in rows)} terlambat")
    return EXIT_OK


def _pelacakan_step(args: argparse.Namespace) -> int:
    import models
    from jogoroto_desktop.registers.pelacakan import majukan

    run = models.Pelacakan.get_or_none(models.Pelacakan.id == args.id)
    if run is None:
        raise LookupError(f"Pelacakan dengan ID {args.id} tidak ditemukan.")
    done = run.langkah_sekarang
    step = majukan(run, oleh=args.oleh, catatan=args.catatan, cabang=args.cabang)
    if step is None:
        print(f"{run.nama}: langkah {done} dicatat; pelacakan selesai.")
    else:
        print(f"{run.nama}: langkah {done} dicatat; sekarang langkah {step.no} "
              f"({step.kegiatan}), dipegang {step.pelaksana}.")
    return EXIT_OK
