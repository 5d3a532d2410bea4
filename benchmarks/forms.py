"""Printing the office's forms, in-process, against a bare reportlab canvas that draws the same
text strings (same embedded fonts, sizes and positions, taken from the form's own layout log)
and the same QR squares (one rectangle per dark run, in one path) in the same run.

Goals: one form (Lembar Disposisi, Surat Pengantar, Tanda Terima; A4) <= 30 ms and <= 2x the
bare canvas; 1000 Kartu Kendali (batch, CARD: 3000 pages) <= 20 s.

    python benchmarks/forms.py [--repeats N] [--cards N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from printing.forms.kartu_kendali import KartuKendaliData
    from printing.forms.layout import PageLog
    from printing.forms.lembar_disposisi import LembarDisposisiData
    from printing.forms.surat_pengantar import SuratPengantarData
    from printing.forms.tanda_terima import TandaTerimaData

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import TABLE_HEADER, Figure, median  # noqa: E402

FORM_GOAL_MS = 30.0
FORM_GOAL_RATIO = 2.0
CARDS_GOAL_MS = 20_000.0


def _key() -> Any:
    """A fixed Ed25519 key: the forms carry signed codes of the real length."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def _time(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _disposisi() -> LembarDisposisiData:
    from jogoroto_desktop.qr import RecordRef, sign_payload
    from printing.forms.blocks import Penandatangan, centang
    from printing.forms.lembar_disposisi import LembarDisposisiData, RiwayatDisposisi

    officials = ("Sekretaris Camat", "Kasubag Umum dan Kepegawaian",
                 "Kasubag Keuangan, Penyusunan Program dan Evaluasi", "Kasi Tata Pemerintahan",
                 "Kasi Pemberdayaan Masyarakat dan Desa",
                 "Kasi Ketentraman dan Ketertiban Umum", "Kasi Sosial Budaya")
    instruksi = ("Tanggapan dan saran", "Proses lebih lanjut", "Koordinasikan/konfirmasikan",
                 "Untuk diketahui", "Untuk dihadiri", "Siapkan jawaban", "Arsipkan")
    return LembarDisposisiData(
        surat_dari="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Jombang",
        nomor_surat="470/1234/415.30/2026", tanggal_surat=dt.date(2026, 1, 2),
        diterima_tanggal=dt.date(2026, 1, 5), nomor_agenda="12/2026", sifat="segera",
        perihal="Undangan rapat koordinasi pemutakhiran data kependudukan semester I 2026",
        tujuan=centang(officials, ["Sekretaris Camat", "Kasi Tata Pemerintahan"]),
        instruksi=centang(instruksi, ["Proses lebih lanjut", "Untuk dihadiri"]),
        catatan="Mohon dihadiri dan dilaporkan hasilnya.",
        penandatangan=Penandatangan("Camat Jogoroto", "Drs. H. Ahmad Fauzi, M.Si",
                                    "Pembina Tingkat I", "19700512 199503 1 002"),
        riwayat=(RiwayatDisposisi("Camat", "Sekretaris Camat", "Proses lebih lanjut",
                                  dt.date(2026, 1, 5)),),
        qr_payload=sign_payload(RecordRef("SM", 2026, 12), _key()),
    )


def _pengantar() -> SuratPengantarData:
    from jogoroto_desktop.qr import RecordRef, sign_payload
    from printing.forms.blocks import Penandatangan
    from printing.forms.surat_pengantar import ItemPengantar, SuratPengantarData

    return SuratPengantarData(
        nomor="800/15/415.67/2026", tanggal=dt.date(2026, 1, 6),
        kepada="Kepala BKPSDM Kabupaten Jombang", di="JOMBANG",
        items=(ItemPengantar("Usulan kenaikan pangkat periode April 2026 a.n. Siti Aminah",
                             "1 (satu) berkas", "Untuk diproses lebih lanjut"),
               ItemPengantar("Daftar Penilaian Prestasi Kerja", "2 (dua) lembar",
                             "Sebagai kelengkapan"),
               ItemPengantar("Fotokopi SK pangkat terakhir (legalisir)", "1 (satu) lembar")),
        pengirim=Penandatangan("Camat Jogoroto", "Drs. H. Ahmad Fauzi, M.Si",
                               "Pembina Tingkat I", "19700512 199503 1 002"),
        qr_payload=sign_payload(RecordRef("SP", 2026, 15), _key()),
    )


def _tanda_terima() -> TandaTerimaData:
    from jogoroto_desktop.qr import RecordRef, sign_payload
    from printing.forms.blocks import centang
    from printing.forms.tanda_terima import TandaTerimaData

    return TandaTerimaData(
        nomor_register="7/2026", nomor_tanda_terima="TT-27/2026",
        layanan="Pelayanan Surat Dispensasi Nikah", pemohon_nama="Muhammad Rizky Ramadhan",
        pemohon_nik="3517081203990004",
        pemohon_alamat="Dusun Sumbermulyo RT 002 RW 005, Desa Sumbermulyo",
        tanggal=dt.date(2026, 1, 5),
        persyaratan=centang(["Surat pengantar dari Desa", "Fotokopi KTP", "Fotokopi KK",
                             "Pas foto 3x4"], ["Surat pengantar dari Desa", "Fotokopi KTP"]),
        perkiraan_selesai=dt.date(2026, 1, 6), petugas="Dewi Lestari",
        qr_payload=sign_payload(RecordRef("TT", 2026, 27), _key()),
    )


def _cards(count: int, first: int = 1) -> list[KartuKendaliData]:
    from jogoroto_desktop.qr import RecordRef, sign_payload
    from printing.forms.kartu_kendali import KartuKendaliData

    return [KartuKendaliData(
        indeks="KEPENDUDUKAN", kode="470", nomor_urut=f"{n}/2026", masuk_keluar="M",
        tanggal=dt.date(2026, 1, 5),
        isi_ringkas=f"Undangan rapat koordinasi nomor {n} pemutakhiran data kependudukan",
        lampiran="1 (satu) berkas", dari="Dinas Kependudukan dan Pencatatan Sipil Kabupaten",
        kepada="Camat Jogoroto", tanggal_surat=dt.date(2026, 1, 2),
        nomor_surat=f"470/{n}/415.30/2026", pengolah="Seksi Tata Pemerintahan",
        catatan="Segera ditindaklanjuti", qr_payload=sign_payload(RecordRef("SM", 2026, n),
                                                                  _key()),
    ) for n in range(first, first + count)]


def _bare_canvas(pages: Sequence[PageLog], runs: dict[str, tuple[int, list[tuple[int, int, int]]]]
                 ) -> None:
    """The baseline: a plain canvas drawing each page's strings where the form drew them and
    its QR squares, nothing else (no fitting, no table lines, no checkboxes)."""
    from reportlab.pdfgen.canvas import Canvas

    from printing.fonts import font_name

    regular = font_name("regular")
    canvas = Canvas(io.BytesIO(), initialFontName=regular)
    for page in pages:
        height = page.height
        canvas.setPageSize((page.width, height))
        for placed in page.texts:
            if placed.style == "kop":  # the kop's lines, centred in its box
                canvas.setFont(font_name("bold"), 12)
                for i, line in enumerate(placed.lines):
                    canvas.drawCentredString(placed.box.cx, height - placed.box.y - 14 * (i + 1),
                                             line)
                continue
            canvas.setFont(font_name(placed.style), placed.size)
            for (x, y), line in zip(placed.origins, placed.lines, strict=True):
                canvas.drawString(x, height - y, line)
        for qr in page.qr_codes:
            n, dark = runs[qr.payload]
            module = qr.code.w / n
            path = canvas.beginPath()
            for row, col, length in dark:
                path.rect(qr.code.x + col * module, height - qr.code.y - (row + 1) * module,
                          length * module, module)
            canvas.drawPath(path, stroke=0, fill=1)
        canvas.showPage()
    canvas.save()


def _runs_of(pages: Sequence[PageLog]) -> dict[str, tuple[int, list[tuple[int, int, int]]]]:
    from jogoroto_desktop.qr import qr_matrix

    runs: dict[str, tuple[int, list[tuple[int, int, int]]]] = {}
    for page in pages:
        for qr in page.qr_codes:
            if qr.payload in runs:
                continue
            matrix = qr_matrix(qr.payload)
            dark = []
            for r, row in enumerate(matrix):
                c = 0
                while c < len(row):
                    if row[c]:
                        start = c
                        while c < len(row) and row[c]:
                            c += 1
                        dark.append((r, start, c - start))
                    else:
                        c += 1
            runs[qr.payload] = (len(matrix), dark)
    return runs


def _one_form(name: str, build: Callable[..., int], data: object, paper: str,
              repeats: int) -> Figure:
    """One form against the bare canvas drawing what it drew, medians of `repeats` runs."""
    from printing.forms.layout import FormLayout

    layout = FormLayout()
    build(data, io.BytesIO(), paper, layout=layout)
    runs = _runs_of(layout.pages)
    _bare_canvas(layout.pages, runs)  # warm-up
    ours: list[float] = []
    base: list[float] = []
    for _ in range(repeats):
        ours.append(_time(lambda: build(data, io.BytesIO(), paper)))
        base.append(_time(lambda: _bare_canvas(layout.pages, runs)))
    return Figure(name, median(ours), "bare canvas, same strings + QR squares", median(base),
                  goal_ratio=FORM_GOAL_RATIO, goal_ms=FORM_GOAL_MS)


def measure(repeats: int, card_count: int) -> tuple[list[Figure], float]:
    from printing.forms.kartu_kendali import build_kartu_kendali_batch
    from printing.forms.layout import FormLayout
    from printing.forms.lembar_disposisi import build_lembar_disposisi
    from printing.forms.surat_pengantar import build_surat_pengantar
    from printing.forms.tanda_terima import build_tanda_terima

    data = _disposisi()
    cold_ms = _time(lambda: build_lembar_disposisi(data, io.BytesIO(), "A4"))
    figures = [
        _one_form("Lembar Disposisi A4 (1 halaman)", build_lembar_disposisi, data, "A4",
                  repeats),
        _one_form("Surat Pengantar A4 (3 barang)", build_surat_pengantar, _pengantar(), "A4",
                  repeats),
        _one_form("Tanda Terima A4", build_tanda_terima, _tanda_terima(), "A4", repeats),
    ]

    cards = _cards(card_count)
    card_layout = FormLayout()
    # Warm-up with other numbers: the timed run makes every QR code afresh.
    build_kartu_kendali_batch(_cards(50, card_count + 1), io.BytesIO(), "CARD")
    cards_ms = _time(lambda: build_kartu_kendali_batch(cards, io.BytesIO(), "CARD"))
    build_kartu_kendali_batch(cards, io.BytesIO(), "CARD", layout=card_layout)
    card_runs = _runs_of(card_layout.pages)
    base_ms = _time(lambda: _bare_canvas(card_layout.pages, card_runs))
    figures.append(Figure(f"{card_count} Kartu Kendali, batch CARD ({3 * card_count} hlm)",
                          cards_ms, "bare canvas, same strings + QR squares (matrices ready)",
                          base_ms, goal_ms=CARDS_GOAL_MS * card_count / 1000))
    return figures, cold_ms


def figures() -> list[Figure]:
    """For benchmarks/run.py."""
    return measure(30, 1000)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--cards", type=int, default=1000)
    args = parser.parse_args()
    figures, cold_ms = measure(args.repeats, args.cards)
    print(TABLE_HEADER)
    for figure in figures:
        print(figure.row())
    print(f"\nfirst Lembar Disposisi in the process (fonts registered, modules imported): "
          f"{cold_ms:.0f} ms")


if __name__ == "__main__":
    main()
