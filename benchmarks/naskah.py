"""One letter from a template to .docx (issue 16): "Buat Surat" for an SKCK request at the
Camat's signature, everything it does (the values from the records, the next number of the
Agenda Surat Keluar and its register row, the signed QR, docxtpl filling the shipped template
and the check that no field is left), against python-docx writing the same text (the filled
letter's paragraphs) into a blank document, in the same run. Goal: <= 150 ms. The PDF figure
is benchmarks/naskah_pdf.py's.

    python benchmarks/naskah.py [--repeats N]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure, scratch_database  # noqa: E402
from benchmarks.overview import best_of  # noqa: E402

GOAL_MS = 150.0
ISIAN = {"tempat_lahir": "Jombang", "agama": "Islam", "pekerjaan": "Karyawan Swasta"}


def figures(repeats: int = 15) -> list[Figure]:
    with scratch_database("naskah.sqlite3"):
        from jogoroto_desktop import session
        from jogoroto_desktop.naskah.buat import buat_naskah
        from jogoroto_desktop.naskah.isi import teks_docx
        from tests.naskah_helpers import docx_with, isi_pejabat, permohonan

        session.set_actor(session.SETUP_ADMIN)
        isi_pejabat()
        requests = iter([permohonan().id for _ in range(repeats + 1)])  # one letter each

        def letter() -> bytes:
            return buat_naskah("rekomendasi-skck", layanan_id=next(requests),
                               isian=ISIAN, tembusan=["Kepala Desa Sumbermulyo"]).docx

        letter_ms, docx = best_of(letter, repeats)
        lines = teks_docx(docx).splitlines()

        base_ms, _ = best_of(lambda: docx_with(*lines), repeats)  # python-docx, blank
    return [
        Figure("surat dari templat ke .docx (Rekomendasi SKCK: nomor, register, QR, isi)",
               letter_ms, "python-docx menulis teks yang sama ke dokumen kosong", base_ms,
               goal_ms=GOAL_MS),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    print(TABLE_HEADER)  # benchmarks/run.py finds table scripts by TABLE_HEADER and .row()
    for figure in figures(args.repeats):
        print(figure.row())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
