"""The service subcommands of the CLI: ``layanan`` (add, list, show, step, ambil, batal) and
``rekap``.

Headless: nothing here imports Qt or ``ui``; the domain modules are imported when a command
runs. A request is named by its register number (``legalisir/12/2026``, or ``legalisir/12``
for this year) or by the id ``layanan list`` shows.
"""

from __future__ import annotations

import argparse
from typing import Any

from jogoroto_desktop.cli import common as cli_common
from jogoroto_desktop.cli.common import EXIT_OK, cut, print_json, run_with_database

# The option a user typed for each field a ValidationError can name.
_OPTIONS = {
    "sop_id": "SOP_ID", "nama": "--nama", "nik": "--nik", "alamat": "--alamat",
    "desa": "--desa", "telepon": "--telepon", "keperluan": "--keperluan", "syarat": "--syarat",
    "catatan": "--catatan", "alasan": "--alasan", "diambil_oleh": "--oleh",
}
STEP_STATUSES = ("kurang-lengkap", "dilengkapi", "ditolak", "siap-diambil")


def add_layanan_commands(subparsers: Any) -> None:
    """Add the ``layanan`` and ``rekap`` commands to the CLI parser."""
    commands, add = cli_common.add_register_group(
        subparsers, "layanan", "permohonan layanan di loket", "layanan_command",
        "daftarkan permohonan; baris terakhir keluaran adalah nomor register "
        "(mis. legalisir/12/2026)")
    add.add_argument("sop_id", metavar="SOP_ID",
                     help="id SOP layanan, mis. legalisir, rekomendasi-skck, ktp")
    add.add_argument("--nama", required=True, help="nama pemohon")
    add.add_argument("--nik", required=True, help="NIK pemohon (16 angka)")
    add.add_argument("--alamat", required=True, help="alamat pemohon")
    add.add_argument("--desa", default="", help="desa/kelurahan")
    add.add_argument("--telepon", default="", help="nomor telepon")
    add.add_argument("--keperluan", default="", help="keperluan")
    add.add_argument("--syarat", action="append", default=[], metavar="SYARAT",
                     help="syarat yang dibawa (boleh berulang); yang tidak ada di daftar SOP "
                          "ditambahkan")
    add.add_argument("--lengkap", action="store_true",
                     help="semua syarat pada daftar SOP dibawa")

    listing = cli_common.add_list_command(
        commands, "daftar permohonan, terbaru dulu", year=int,
        cari="cari di nama, NIK, alamat, desa atau nomor register")
    listing.add_argument("--sop", metavar="SOP_ID", help="hanya layanan ini")
    listing.add_argument("--status", help="hanya status ini (mis. diterima, siap_diambil), "
                                          "atau kelompok: baru, proses, terlambat, siap")

    show = commands.add_parser("show", help="satu permohonan dengan langkah-langkah SOP-nya")
    show.add_argument("id", metavar="ID", help="nomor register atau id")
    show.add_argument("--json", action="store_true", help="keluaran JSON")

    step = commands.add_parser(
        "step", help="catat langkah SOP berikutnya selesai, atau ubah status")
    step.add_argument("id", metavar="ID", help="nomor register atau id")
    step.add_argument("--catatan", default="", help="catatan langkah")
    step.add_argument("--status", choices=STEP_STATUSES,
                      help="kurang-lengkap/ditolak (wajib --alasan), dilengkapi (pemohon "
                           "melengkapi berkas), siap-diambil (semua langkah sisa)")
    step.add_argument("--alasan", default="", help="alasan kurang lengkap atau ditolak")
    step.add_argument("--syarat", action="append", default=[], metavar="SYARAT",
                      help="centang syarat ini sebagai ada sebelum melangkah (boleh berulang)")
    step.add_argument("--lengkap", action="store_true", help="centang semua syarat")

    collect = commands.add_parser("ambil", help="catat pengambilan di Buku Pengambilan")
    collect.add_argument("id", metavar="ID", help="nomor register atau id")
    collect.add_argument("--oleh", required=True, metavar="NAMA", help="nama pengambil")

    void = commands.add_parser("batal", help="batalkan permohonan (tetap di register)")
    void.add_argument("id", metavar="ID", help="nomor register atau id")
    void.add_argument("--alasan", required=True, help="alasan pembatalan")

    recap = subparsers.add_parser("rekap", help="rekap layanan harian atau bulanan")
    period = recap.add_mutually_exclusive_group(required=True)
    period.add_argument("--month", metavar="YYYY-MM", help="rekap bulanan")
    period.add_argument("--day", metavar="YYYY-MM-DD", help="rekap harian")
    recap.add_argument("-o", "--output", required=True, metavar="FILE",
                       help="berkas .xlsx, .csv atau .pdf")


def run_layanan_command(args: argparse.Namespace) -> int:
    """Open the database, run one ``layanan``/``rekap`` command, close it; the exit code."""
    from jogoroto_desktop.rekap import RekapError

    if args.command == "rekap":
        handler = _rekap
    else:
        handler = {"add": _add, "list": _list, "show": _show, "step": _step,
                   "ambil": _ambil, "batal": _batal}[args.layanan_command]
    return run_with_database(args, handler, options=_OPTIONS,
                             reported=(RekapError, _NotFound))


class _NotFound(Exception):
    pass


def _find(key: str) -> Any:
    from jogoroto_desktop.registers.layanan import cari_permohonan

    found = cari_permohonan(key)
    if found is None:
        raise _NotFound(f"Permohonan {key!r} tidak ditemukan. Tulis nomor register (mis. "
                        "legalisir/12/2026) atau id dari `layanan list`.")
    return found


def _add(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers import layanan as ly

    permohonan = ly.daftar(ly.PermohonanInput(
        sop_id=args.sop_id, nama=args.nama, nik=args.nik, alamat=args.alamat, desa=args.desa,
        telepon=args.telepon, keperluan=args.keperluan, syarat_ada=tuple(args.syarat),
        semua_syarat_ada=args.lengkap,
    ))
    missing = ly.syarat_kurang(permohonan)
    print(f"Permohonan {ly.sop_permohonan(permohonan).name} atas nama "
          f"{permohonan.pemohon_nama} terdaftar (id {permohonan.id}, tanda terima nomor "
          f"{ly.nomor_tanda_terima(permohonan)}).")
    if missing:
        print("Syarat belum dibawa: " + "; ".join(missing))
    print("Nomor register:")
    print(ly.nomor_register(permohonan))
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers import layanan as ly

    status = (args.status or "").strip().lower().replace("-", "_") or None
    kelompok = status if status in ly.KELOMPOK_LABELS else None
    if status and not kelompok and status not in ly.STATUS_LABELS:
        raise _NotFound(f"Status {args.status!r} tidak dikenal; pilih salah satu: "
                        f"{', '.join([*ly.STATUS_LABELS, *ly.KELOMPOK_LABELS])}.")
    query = ly.query_permohonan(ly.LayananFilter(
        sop_ids=(args.sop,) if args.sop else (), status=None if kelompok else status,
        kelompok=kelompok, tahun=args.year, teks=args.cari))
    return cli_common.print_listing(
        query.iterator(), args.json, ly.to_dict,
        f"{'Id':>6} {'Nomor register':<28} {'Diterima':<16} {'Pemohon':<26} "
        f"{'Status':<22} Terlambat",
        lambda p: (f"{p.id:>6} {cut(ly.nomor_register(p), 28)} "
                   f"{p.diterima_pada:%d-%m-%Y %H.%M} {cut(p.pemohon_nama, 26)} "
                   f"{cut(ly.STATUS_LABELS[p.status], 22)} "
                   f"{'TERLAMBAT' if ly.terlambat(p) else ''}"),
        "permohonan")


def _show(args: argparse.Namespace) -> int:
    from jogoroto_desktop.dates import format_waktu_tanggal
    from jogoroto_desktop.registers import layanan as ly

    p = _find(args.id)
    steps = ly.kemajuan(p)
    if args.json:
        data = ly.to_dict(p)
        data["syarat"] = [{"syarat": s.syarat, "ada": s.ada} for s in ly.syarat_of(p)]
        data["langkah"] = [{"no": s.no, "kegiatan": s.kegiatan, "pelaksana": s.pelaksana,
                            "waktu": s.waktu, "oleh": s.oleh,
                            "pada": s.pada.isoformat(sep=" ") if s.pada else None,
                            "terlambat": s.late, "catatan": s.catatan} for s in steps]
        print_json(data)
        return EXIT_OK
    sop = ly.sop_permohonan(p)
    print(f"{sop.name}: {ly.nomor_register(p)} (id {p.id})")
    print(f"Pemohon: {p.pemohon_nama}, NIK {p.pemohon_nik}, {p.pemohon_alamat}"
          + (f", Desa {p.pemohon_desa}" if p.pemohon_desa else ""))
    status = ly.STATUS_LABELS[p.status]
    reason = p.status_alasan or (p.batal_alasan if p.status == ly.DIBATALKAN else "")
    print(f"Status: {status}" + (f" ({reason})" if reason else "")
          + (" \u2014 TERLAMBAT" if ly.terlambat(p) else ""))
    print(f"Standar waktu: {ly.format_durasi(ly.standar_waktu(sop))}; "
          f"waktu proses: {ly.format_durasi(ly.waktu_proses(p))}")
    for item in ly.syarat_of(p):
        print(f"  [{'x' if item.ada else ' '}] {item.syarat}")
    for s in steps:
        done = f"{format_waktu_tanggal(s.pada)} oleh {s.oleh}" if s.pada else "belum"
        late = " TERLAMBAT" if s.late else ""
        print(f"{s.no:>3}. {s.kegiatan} [{s.pelaksana}] \u2014 {done}{late}")
        if s.catatan:
            print(f"       {s.catatan}")
    if p.diambil_oleh:
        print(f"Diambil oleh {p.diambil_oleh}, {format_waktu_tanggal(p.diambil_pada)}")
    return EXIT_OK


def _step(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers import layanan as ly

    p = _find(args.id)
    if args.status == "dilengkapi":
        ly.lengkapi(p, args.syarat, semua=args.lengkap)
    else:
        if args.syarat or args.lengkap:
            wanted = {s.casefold() for s in args.syarat}
            ticks = {row.syarat: True for row in ly.syarat_of(p)
                     if args.lengkap or row.syarat.casefold() in wanted}
            unknown = wanted - {name.casefold() for name in ticks}
            if unknown:
                raise ly.ValidationError({"syarat": "Syarat tidak ada di daftar: "
                                                    + "; ".join(sorted(unknown))})
            ly.centang_syarat(p, ticks)
        if args.status == "kurang-lengkap":
            ly.kurang_lengkap(p, args.alasan)
        elif args.status == "ditolak":
            ly.tolak(p, args.alasan)
        elif args.status == "siap-diambil":
            ly.siapkan(p, args.catatan)
        else:
            ly.lanjut(p, args.catatan)
    following = ly.langkah_berikutnya(p)
    print(f"{ly.nomor_register(p)}: {ly.STATUS_LABELS[p.status]}"
          + (" \u2014 TERLAMBAT" if ly.terlambat(p) else ""))
    if following and p.status not in (ly.DITOLAK, ly.DIBATALKAN):
        print(f"Langkah berikutnya: {following[0]}. {following[1]}")
    print(p.status)
    return EXIT_OK


def _ambil(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers import layanan as ly

    p = _find(args.id)
    ly.ambil(p, args.oleh)
    return cli_common.report(
        f"{ly.nomor_register(p)} diambil oleh {p.diambil_oleh} (Buku Pengambilan).", p.status)


def _batal(args: argparse.Namespace) -> int:
    from jogoroto_desktop.registers import layanan as ly

    p = _find(args.id)
    ly.batalkan(p, args.alasan)
    return cli_common.report(
        f"{ly.nomor_register(p)} dibatalkan; nomornya tetap tercatat.", p.status)


def _rekap(args: argparse.Namespace) -> int:
    from jogoroto_desktop import documents, rekap

    periode = rekap.parse_periode(day=args.day, month=args.month)
    from jogoroto_desktop.kop_settings import kop_from_settings

    result = rekap.buat_rekap(periode)
    path = documents.ekspor_rekap(result, args.output, kop=kop_from_settings())
    print(f"{periode.judul}: {result.total.masuk} permohonan, {result.total.terlambat} "
          f"terlambat")
    print(path)
    return EXIT_OK
