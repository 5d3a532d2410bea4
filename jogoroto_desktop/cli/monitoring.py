"""The ``monitoring`` command: the Form Monitoring Pelaksanaan SOP of one SOP over a period,
from the recorded steps, as text, JSON, PDF or Excel.

Headless: nothing here imports Qt or ``ui``; the domain is imported when the command runs.
When the period has a saved assessment, the files carry it (and the figures it was made
beside); otherwise the program's proposals, marked as such.
"""

from __future__ import annotations

import argparse
from typing import Any

from jogoroto_desktop.cli.common import EXIT_OK, cut, print_json, run_with_database

_OPTIONS = {"sop_id": "SOP_ID", "dari": "--dari", "sampai": "--sampai"}


def add_monitoring_command(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "monitoring", help="monitoring pelaksanaan satu SOP dari langkah yang tercatat")
    parser.add_argument("sop_id", metavar="SOP_ID", help="id SOP, mis. legalisir")
    parser.add_argument("--dari", required=True, metavar="YYYY-MM-DD", help="awal periode")
    parser.add_argument("--sampai", required=True, metavar="YYYY-MM-DD",
                        help="akhir periode (ikut dihitung)")
    parser.add_argument("--json", action="store_true", help="keluaran JSON")
    parser.add_argument("-o", "--output", metavar="FILE.pdf|.xlsx",
                        help="simpan formulir monitoring ke PDF atau Excel")


def run_monitoring_command(args: argparse.Namespace) -> int:
    from jogoroto_desktop.monitoring import MonitoringError

    return run_with_database(args, _monitoring, options=_OPTIONS, reported=(MonitoringError,),
                             nothing_written=False)


def _monitoring(args: argparse.Namespace) -> int:
    from jogoroto_desktop import documents
    from jogoroto_desktop import monitoring as mon

    angka = mon.hitung_monitoring(args.sop_id, args.dari, args.sampai)
    saved = mon.monitoring_terakhir(angka.sop_id, angka.periode)
    shown = mon.angka_tersimpan(saved) if saved is not None else angka
    if args.output:
        # Checked before any output so a wrong suffix is refused alone.
        lembar = documents.lembar_monitoring(shown, saved)
        path = documents.ekspor_monitoring(lembar, args.output)
    if args.json:
        data = angka.to_dict()
        data["penilaian"] = None if saved is None else {
            "id": saved.id, "penilaian": saved.penilaian, "catatan": saved.catatan,
            "tindakan": saved.tindakan, "penilai": saved.penilai_nama,
            "nip": saved.penilai_nip, "dinilai_pada": saved.dibuat_pada.isoformat(sep=" ")}
        print_json(data)
    else:
        _print_text(angka, saved)
    if args.output:
        print(path)
    return EXIT_OK


def _print_text(angka: Any, saved: Any) -> None:
    from jogoroto_desktop import monitoring as mon

    print(f"Monitoring SOP {angka.sop_nama} ({angka.sop_id}), {angka.periode.label}")
    print(angka.keterangan)
    print(f"{'No':>2}  {'Prosedur':<38} {'Kali':>5} {'Median':<16} {'Terlama':<16} "
          f"{'Mutu Baku':<12} {'Tepat':>6}  Usulan")
    for step in angka.langkah:
        usulan = mon.PENILAIAN_LABELS.get(step.usulan(angka.ambang), mon.BELUM_ADA)
        print(f"{step.no:>2}  {cut(step.kegiatan, 38):<38} {step.jumlah:>5} "
              f"{cut(mon.format_waktu(step.median_detik, step.jenis_standar), 16):<16} "
              f"{cut(mon.format_waktu(step.terlama_detik, step.jenis_standar), 16):<16} "
              f"{cut(step.waktu or '-', 12):<12} {mon.format_persen(step.persen_tepat):>6}  "
              f"{usulan}")
    proposal = mon.PENILAIAN_LABELS.get(angka.usulan, mon.BELUM_ADA)
    print(f"Usulan penilaian: {proposal}")
    if saved is not None:
        print(f"Penilaian tersimpan: {mon.PENILAIAN_LABELS[saved.penilaian]} oleh "
              f"{saved.penilai_nama} (NIP {saved.penilai_nip or '-'})")
