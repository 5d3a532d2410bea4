"""The `naskah` subcommand of the CLI: letters from templates and their management.

    naskah buat --templat NAMA [--layanan ID] [--kepada K] [--perihal P] ... -o FILE.docx|.pdf
    naskah ulang NOMOR_SURAT -o FILE.docx|.pdf
    naskah templat list|riwayat|add|ganti|unduh|pulihkan
    naskah isian [--templat NAMA] [--json]

`buat` prints the letter's number as its last line. Headless; the database and the domain are
imported only when a command runs. Every refusal exits 1 with the reason; nothing is written
(no file, no number).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from jogoroto_desktop.cli import common as cli_common
from jogoroto_desktop.cli.common import EXIT_ERROR, EXIT_OK, cut, run_with_database

#: The module of the PDF renderer of a filled letter (printing, built alongside this command).

# The option a user typed for each field a ValidationError can name.
_OPTIONS = {"templat": "--templat", "layanan": "--layanan", "kepada": "--kepada",
            "perihal": "--perihal", "di": "--di", "sifat": "--sifat", "lampiran": "--lampiran",
            "klasifikasi": "--klasifikasi", "pengolah": "--pengolah",
            "penandatangan": "--penandatangan", "tembusan": "--tembusan", "kertas": "--kertas",
            "nama": "--nama", "judul": "--judul", "sop_id": "--layanan-sop", "versi": "--versi"}


def _isian(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"isian {text!r} harus ditulis NAMA=NILAI "
                                         "(mis. pekerjaan=Petani)")
    return name.strip(), value.replace("\\n", "\n")


def add_naskah_commands(subparsers: Any) -> None:
    naskah = subparsers.add_parser("naskah", help="surat dari templat (naskah dinas dan hasil "
                                                  "layanan)")
    commands = naskah.add_subparsers(dest="naskah_command", metavar="SUBPERINTAH",
                                     required=True)
    buat = commands.add_parser(
        "buat", help="buat surat dari templat: nomor berikutnya Agenda Surat Keluar dan kode "
                     "QR; baris terakhir keluaran adalah nomornya")
    buat.add_argument("--templat", required=True, metavar="NAMA",
                      help="nama templat (lihat: naskah templat list)")
    buat.add_argument("--layanan", metavar="REGISTER_ID",
                      help="permohonan yang dijawab: id atau nomor register "
                           "(mis. rekomendasi-skck/12/2026)")
    buat.add_argument("--kepada", help="tujuan surat (bawaan: tujuan templat)")
    buat.add_argument("--di", help="tempat tujuan (bawaan: dari templat)")
    buat.add_argument("--perihal", help="hal surat (bawaan: dari templat)")
    buat.add_argument("--sifat", help="Sangat Segera, Segera, Rahasia atau Biasa (bawaan)")
    buat.add_argument("--lampiran", help="lampiran (bawaan: -)")
    buat.add_argument("--klasifikasi", help="kode klasifikasi (bawaan: dari templat)")
    buat.add_argument("--pengolah", metavar="SEKSI", help="seksi pengolah (bawaan: seksi "
                                                          "layanan, atau sekretariat)")
    buat.add_argument("--penandatangan", metavar="JABATAN",
                      help="jabatan penanda tangan dari daftar pejabat (bawaan: dari templat, "
                           "biasanya Camat)")
    buat.add_argument("--tembusan", action="append", default=[], metavar="TUJUAN",
                      help="tembusan (ulangi untuk tiap baris)")
    buat.add_argument("--isian", action="append", default=[], type=_isian,
                      metavar="NAMA=NILAI",
                      help="isian yang diisi saat membuat surat, mis. pekerjaan=Petani "
                           "(ulangi; \\n untuk baris baru; lihat: naskah isian --templat NAMA)")
    buat.add_argument("--kertas", choices=("A4", "F4"), help="ukuran kertas (bawaan: kertas "
                                                             "templat)")
    buat.add_argument("-o", "--output", required=True, metavar="FILE.docx|.pdf")

    again = commands.add_parser(
        "ulang", help="buat lagi surat dari templat dengan nomor dan kode QR-nya (tanpa nomor "
                      "baru); baris terakhir keluaran adalah nomornya")
    again.add_argument("surat", metavar="NOMOR_SURAT", help="nomor surat keluar "
                                                            "(mis. 331/12/415.67/2026)")
    again.add_argument("--kertas", choices=("A4", "F4"), help="ukuran kertas (bawaan: seperti "
                                                              "saat dibuat)")
    again.add_argument("-o", "--output", required=True, metavar="FILE.docx|.pdf")

    templat = commands.add_parser("templat", help="templat naskah (kelola: admin)")
    tcommands = templat.add_subparsers(dest="templat_command", metavar="SUBPERINTAH",
                                       required=True)
    listing = tcommands.add_parser("list", help="templat yang dipakai")
    listing.add_argument("--json", action="store_true", help="keluaran JSON")
    history = tcommands.add_parser("riwayat", help="semua versi satu templat")
    history.add_argument("--nama", required=True)
    history.add_argument("--json", action="store_true", help="keluaran JSON")
    add = tcommands.add_parser("add", help="tambah templat baru dari berkas .docx (admin)")
    add.add_argument("file", metavar="FILE.docx")
    add.add_argument("--nama", required=True, help="nama templat: huruf kecil, angka, tanda "
                                                   "hubung (mis. surat-keterangan-domisili)")
    add.add_argument("--judul", help="judul templat (bawaan: dari nama)")
    add.add_argument("--klasifikasi", default="000", help="kode klasifikasi (bawaan: 000)")
    add.add_argument("--layanan-sop", default="", metavar="SOP_ID",
                     help="layanan yang permohonannya dijawab templat ini")
    add.add_argument("--kepada", default="", help="tujuan bawaan")
    add.add_argument("--di", default="", help="tempat tujuan bawaan")
    add.add_argument("--perihal", default="", help="hal bawaan")
    add.add_argument("--penandatangan", default="Camat", metavar="JABATAN",
                     help="penanda tangan bawaan (bawaan: Camat)")
    add.add_argument("--tanpa-nomor", action="store_true",
                     help="tidak mengambil nomor Agenda Surat Keluar (mis. cap legalisir)")
    replace = tcommands.add_parser("ganti", help="pasang versi baru templat (admin); versi "
                                                 "lama tetap tersimpan")
    replace.add_argument("file", metavar="FILE.docx")
    replace.add_argument("--nama", required=True)
    download = tcommands.add_parser("unduh", help="simpan templat ke berkas .docx untuk diubah "
                                                  "di Word/LibreOffice (admin)")
    download.add_argument("--nama", required=True)
    download.add_argument("--versi", type=cli_common.whole_number,
                          help="versi tertentu (bawaan: yang dipakai)")
    download.add_argument("-o", "--output", required=True, metavar="FILE.docx")
    restore = tcommands.add_parser("pulihkan", help="pakai lagi templat bawaan program "
                                                    "(admin; versi kantor tetap tersimpan)")
    restore.add_argument("--nama", required=True)

    fields = commands.add_parser("isian", help="daftar isian yang dikenal templat")
    fields.add_argument("--templat", metavar="NAMA", help="hanya isian yang dipakai templat ini")
    fields.add_argument("--json", action="store_true", help="keluaran JSON")


def run_naskah_command(args: argparse.Namespace) -> int:
    """Open the database, run one ``naskah`` command, close it; the exit code."""
    if args.naskah_command == "buat":
        command = _buat
    elif args.naskah_command == "ulang":
        command = _ulang
    elif args.naskah_command == "isian":
        command = _isian_list
    else:
        command = _TEMPLAT[args.templat_command]
    return run_with_database(args, command, options=_OPTIONS, reported=(OSError,))


def _output_kind(path: str) -> str | None:
    suffix = Path(path).suffix.lower()
    return suffix if suffix in (".docx", ".pdf") else None


def _refused_output(path: str) -> str | None:
    """Why the letter cannot be written to ``path`` (checked before any number is taken)."""
    kind = _output_kind(path)
    if kind is None:
        return "-o: berkas keluaran harus berakhiran .docx atau .pdf."
    if not Path(path).parent.is_dir():
        return f"-o: folder {Path(path).parent} tidak ada."
    return None


def _write(hasil: Any, path: str) -> str:
    """Write the letter; for a PDF returns ", PDF dibuat dengan <renderer>" (else "")."""
    output = Path(path)
    if _output_kind(path) == ".pdf":
        from printing.naskah_pdf import render_naskah_pdf

        return f", PDF dibuat dengan {render_naskah_pdf(hasil.docx, output)}"
    output.write_bytes(hasil.docx)
    return ""


def _buat(args: argparse.Namespace) -> int:
    from jogoroto_desktop.naskah.buat import buat_naskah

    refusal = _refused_output(args.output)
    if refusal:
        print(f"{refusal} Tidak ada nomor yang diambil.", file=sys.stderr)
        return EXIT_ERROR
    hasil = buat_naskah(
        args.templat, layanan_id=args.layanan, kepada=args.kepada, perihal=args.perihal,
        di=args.di, sifat=args.sifat, lampiran=args.lampiran, klasifikasi=args.klasifikasi,
        pengolah=args.pengolah, penandatangan=args.penandatangan, tembusan=args.tembusan,
        isian=dict(args.isian), kertas=args.kertas)
    made_with = _write(hasil, args.output)
    where = "Agenda Surat Keluar" if hasil.surat_keluar_id else "register permohonan"
    return cli_common.report(f"{hasil.templat.judul} ditulis ke {args.output} ({where}"
                             f"{made_with}); nomor:", hasil.nomor)


def _ulang(args: argparse.Namespace) -> int:
    from jogoroto_desktop.naskah.buat import buat_ulang_naskah
    from models import SuratKeluar

    refusal = _refused_output(args.output)
    if refusal:
        print(refusal, file=sys.stderr)
        return EXIT_ERROR
    surat = SuratKeluar.get_or_none(SuratKeluar.nomor == args.surat.strip())
    if surat is None:
        print(f"Surat keluar bernomor {args.surat!r} tidak ada.", file=sys.stderr)
        return EXIT_ERROR
    hasil = buat_ulang_naskah(surat.id, kertas=args.kertas)
    made_with = _write(hasil, args.output)
    return cli_common.report(f"{hasil.templat.judul} dibuat ulang ke {args.output}"
                             f"{made_with}; nomor:",
                             hasil.nomor)


def _read_docx(path: str) -> bytes:
    return Path(path).read_bytes()


def _templat_list(args: argparse.Namespace) -> int:
    from jogoroto_desktop.naskah.templat import daftar_templat

    return _print_templates(daftar_templat(), args.json)


def _riwayat(args: argparse.Namespace) -> int:
    from jogoroto_desktop.naskah.templat import riwayat_templat

    return _print_templates(riwayat_templat(args.nama), args.json)


def _print_templates(rows: list, as_json: bool) -> int:
    from jogoroto_desktop.naskah.templat import SUMBER_LABELS

    return cli_common.print_listing(
        rows, as_json, lambda info: info.to_dict(),
        f"{'Nama':<24} {'Versi':>5}  {'Klas.':<6} {'Jenis':<14} {'Asal':<18} Judul",
        lambda info: (f"{cut(info.nama, 24)} {info.versi:>5}  {info.klasifikasi or '-':<6} "
                      f"{info.jenis_label:<14} {SUMBER_LABELS[info.sumber]:<18} {info.judul}"),
        "templat")


def _add(args: argparse.Namespace) -> int:
    from jogoroto_desktop.naskah.bawaan import DINAS, LAYANAN
    from jogoroto_desktop.naskah.templat import tambah_templat

    info = tambah_templat(
        args.nama, _read_docx(args.file), judul=args.judul, klasifikasi=args.klasifikasi,
        sop_id=args.layanan_sop, jenis=LAYANAN if args.layanan_sop else DINAS,
        kepada=args.kepada, di=args.di, perihal=args.perihal, penandatangan=args.penandatangan,
        bernomor=not args.tanpa_nomor, nama_berkas_asal=Path(args.file).name)
    return cli_common.report(f"Templat {info.judul} ditambahkan, versi:", str(info.versi))


def _ganti(args: argparse.Namespace) -> int:
    from jogoroto_desktop.naskah.templat import ganti_templat

    info = ganti_templat(args.nama, _read_docx(args.file), nama_berkas_asal=Path(args.file).name)
    return cli_common.report(f"Templat {info.judul} diganti; versi lama tetap tersimpan. "
                             "Versi baru:", str(info.versi))


def _unduh(args: argparse.Namespace) -> int:
    from jogoroto_desktop.naskah.templat import unduh_templat

    info, content = unduh_templat(args.nama, args.versi)
    Path(args.output).write_bytes(content)
    return cli_common.report(f"Templat {info.judul} versi {info.versi} disimpan ke "
                             f"{args.output}.", args.output)


def _pulihkan(args: argparse.Namespace) -> int:
    from jogoroto_desktop.naskah.templat import pulihkan_templat

    info = pulihkan_templat(args.nama)
    return cli_common.report(f"Templat {info.judul} kembali ke bawaan program, versi:",
                             str(info.versi))


def _isian_list(args: argparse.Namespace) -> int:
    from jogoroto_desktop.naskah.buat import isian_dipakai
    from jogoroto_desktop.naskah.isian import ISIAN, KELOMPOK

    fields = isian_dipakai(args.templat) if args.templat else list(ISIAN.values())
    if args.json:
        cli_common.print_json([{"nama": i.nama, "label": i.label, "kelompok": i.kelompok,
                                "jenis": i.jenis, "diisi": i.diisi, "wajib": i.wajib}
                               for i in fields])
        return EXIT_OK
    for isian in fields:
        mark = " (diisi saat membuat surat)" if isian.diisi else ""
        print(f"{cut(isian.tag, 26)} {KELOMPOK[isian.kelompok]:<36} {isian.label}{mark}")
    print(f"{len(fields)} isian")
    return EXIT_OK


_TEMPLAT = {"list": _templat_list, "riwayat": _riwayat, "add": _add, "ganti": _ganti,
            "unduh": _unduh, "pulihkan": _pulihkan}
