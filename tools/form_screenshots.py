"""Every printed form on every paper, filled with long and unicode values (the worst the
office writes), as PDFs and as PNGs for docs/screenshots/forms/: what the print rule test
checks and what a person looks at.

    python tools/form_screenshots.py [OUTPUT_DIR]     (default docs/screenshots/forms)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from jogoroto_desktop.qr import RecordRef, sign_payload  # noqa: E402
from jogoroto_desktop.rekap import BarisRekap, Rekap, periode_bulan  # noqa: E402
from printing.forms.blocks import Centang, Penandatangan, centang  # noqa: E402
from printing.forms.kartu_kendali import KartuKendaliData, build_kartu_kendali  # noqa: E402
from printing.forms.layout import FormLayout  # noqa: E402
from printing.forms.lembar_disposisi import (  # noqa: E402
    LembarDisposisiData,
    RiwayatDisposisi,
    build_lembar_disposisi,
)
from printing.forms.surat_pengantar import (  # noqa: E402
    ItemPengantar,
    SuratPengantarData,
    build_surat_pengantar,
)
from printing.forms.tanda_terima import TandaTerimaData, build_tanda_terima  # noqa: E402

#: A fixed key, so the pictures only change when the forms do.
SIGNING_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PNG_DPI = 100

OFFICIALS = ("Sekretaris Camat", "Kasubag Umum dan Kepegawaian",
             "Kasubag Keuangan, Penyusunan Program dan Evaluasi", "Kasi Tata Pemerintahan",
             "Kasi Pemberdayaan Masyarakat dan Desa", "Kasi Ketentraman dan Ketertiban Umum",
             "Kasi Sosial Budaya")
INSTRUKSI = ("Tanggapan dan saran", "Proses lebih lanjut", "Koordinasikan/konfirmasikan",
             "Untuk diketahui", "Untuk dihadiri", "Siapkan jawaban", "Arsipkan")
CATATAN = ("Mohon Sdr. Sekretaris Camat bersama Kasi Tata Pemerintahan dan Kasi Pemberdayaan "
           "Masyarakat dan Desa menghadiri rapat koordinasi ini, menyiapkan data pemutakhiran "
           "kependudukan per desa (termasuk Desa Alang-Alang Caruban dan Jarak Kulon), dan "
           "melaporkan hasilnya secara tertulis kepada Camat paling lambat tiga hari kerja "
           "setelah rapat. Tembusan laporan ke Subbag Umum untuk diarsipkan.")
CAMAT = Penandatangan("Camat Jogoroto", "Dra. Sri Wahyuni, M.Si.", "Pembina Tingkat I (IV/b)",
                      "19690814 199703 2 003")
SEKCAM = Penandatangan("Sekretaris Camat", "Drs. Bambang Hariyanto", "Pembina (IV/a)",
                       "19700312 199803 1 006", atas_nama="Camat Jogoroto")


def payload(kind: str, number: int) -> str:
    return sign_payload(RecordRef(kind, 2026, number), SIGNING_KEY)


def long_disposisi() -> LembarDisposisiData:
    return LembarDisposisiData(
        surat_dari=("Dinas Kependudukan dan Pencatatan Sipil Kabupaten Jombang — Bidang "
                    "Pelayanan Pendaftaran Penduduk (Ṣalāḥuddīn, S.Kom.)"),
        nomor_surat="470/1234/415.30/2026", tanggal_surat=dt.date(2026, 1, 2),
        diterima_tanggal=dt.date(2026, 1, 5), nomor_agenda="1234/2026", sifat="Sangat Segera",
        perihal=("Undangan rapat koordinasi pemutakhiran data kependudukan semester I tahun "
                 "2026 bagi kecamatan se-Kabupaten Jombang, bertempat di Pendopo Kabupaten"),
        tujuan=centang(OFFICIALS, ["Sekretaris Camat", "Kasi Tata Pemerintahan",
                                   "Kasi Pemberdayaan Masyarakat dan Desa",
                                   "Kasubag Keuangan, Penyusunan Program dan Evaluasi"]),
        instruksi=centang(INSTRUKSI, ["Proses lebih lanjut", "Untuk dihadiri",
                                      "Koordinasikan/konfirmasikan"]),
        catatan=CATATAN, penandatangan=CAMAT,
        riwayat=(RiwayatDisposisi("Camat", "Sekretaris Camat, Kasi Tata Pemerintahan",
                                  "Proses lebih lanjut; hadiri rapat dan laporkan hasilnya "
                                  "secara tertulis", dt.date(2026, 1, 5)),
                 RiwayatDisposisi("Sekretaris Camat", "Kasi Pemberdayaan Masyarakat dan Desa",
                                  "Siapkan data per desa", dt.date(2026, 1, 6), "BH",
                                  dt.date(2026, 1, 9))),
        qr_payload=payload("SM", 1234),
    )


def long_kartu() -> KartuKendaliData:
    return KartuKendaliData(
        indeks="KEPENDUDUKAN", kode="470", nomor_urut="1234/2026", masuk_keluar="M",
        tanggal=dt.date(2026, 1, 5),
        isi_ringkas=("Undangan rapat koordinasi pemutakhiran data kependudukan semester I "
                     "tahun 2026 bagi kecamatan se-Kabupaten Jombang, bertempat di Pendopo "
                     "Kabupaten, dihadiri Camat atau pejabat yang ditunjuk"),
        lampiran="1 (satu) berkas dan daftar hadir",
        dari="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Jombang (Ṣalāḥuddīn)",
        kepada="Camat Jogoroto", tanggal_surat=dt.date(2026, 1, 2),
        nomor_surat="470/1234/415.30/2026", pengolah="Sekretaris Camat, Kasi Tata Pemerintahan",
        paraf="AF", catatan="Rapat Kamis pukul 09.00; bawa data per desa dan laporan tertulis.",
        qr_payload=payload("SM", 1234),
    )


def long_pengantar() -> SuratPengantarData:
    return SuratPengantarData(
        nomor="800/1234/415.67/2026", tanggal=dt.date(2026, 1, 6),
        kepada=("Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM) "
                "Kabupaten Jombang"), di="JOMBANG",
        items=(ItemPengantar("Usulan kenaikan pangkat periode April 2026 a.n. Siti Aminah, "
                             "S.Sos. dan Muhammad Rizky Ramadhan, S.E.", "2 (dua) berkas",
                             "Untuk diproses lebih lanjut sesuai ketentuan"),
               ItemPengantar("Daftar Penilaian Prestasi Kerja (SKP) tahun 2025 — Ṣalāḥuddīn",
                             "2 (dua) lembar", "Sebagai kelengkapan"),
               ItemPengantar("Fotokopi SK pangkat terakhir yang dilegalisir", "4 (empat) lembar",
                             "")),
        pengirim=SEKCAM, qr_payload=payload("SP", 1234),
    )


def long_tanda_terima() -> TandaTerimaData:
    return TandaTerimaData(
        nomor_register="dispensasi-nikah/1234/2026",
        layanan="Pelayanan Surat Dispensasi Nikah (kurang dari 10 hari kerja)",
        pemohon_nama="Ṣalāḥuddīn Muhammad Rizky Ramadhan Al-Farisi bin Abdurrahman Wahid",
        pemohon_nik="3517081203990004",
        pemohon_alamat=("Dusun Sumbermulyo RT 002 RW 005, Jalan Raya Jogoroto Gang Masjid "
                        "Al-Ikhlas No. 17, Desa Sumbermulyo, Kecamatan Jogoroto"),
        tanggal=dt.date(2026, 1, 5),
        persyaratan=(Centang("Surat pengantar nikah dari Desa (N1, N2, N4)", True),
                     Centang("Fotokopi KTP calon pengantin dan kedua orang tua", True),
                     Centang("Fotokopi Kartu Keluarga", True),
                     Centang("Pas foto 3x4 latar biru (4 lembar)", False),
                     Centang("Surat pernyataan belum pernah menikah bermeterai", True),
                     Centang("Surat penolakan dari KUA", False)),
        perkiraan_selesai=dt.date(2026, 1, 6), petugas="Dewi Lestari Ṣāliḥah, S.AP.",
        qr_payload=payload("TT", 1234), nomor_tanda_terima="TT-1234/2026",
    )


def long_rekap() -> Rekap:
    def row(nama: str, seksi: str, n: int, rata: float, terlama: float, jam: int) -> BarisRekap:
        return BarisRekap(nama, seksi, masuk=n, dalam_proses=n // 4, siap=n // 5,
                          diambil=n // 2, ditolak=1, dibatalkan=1, terlambat=n // 7,
                          selesai=n // 2, total_detik=rata * (n // 2), terlama_detik=terlama,
                          standar=dt.timedelta(hours=jam))
    layanan = (
        row("Pelayanan Surat Dispensasi Nikah (kurang dari 10 hari kerja)", "Pemerintahan",
            1234, 9 * 60 + 9 * 3600 * 24, 15 * 3600 + 16 * 60 + 3 * 86400, 24),
        row("Legalisir dokumen kependudukan — Ṣalāḥ", "Pemerintahan", 87, 540, 55_000, 1),
        row("Rekomendasi izin keramaian dan SKCK", "Ketentraman dan Ketertiban Umum", 45,
            7300, 90_000, 48),
    )
    seksi = (row("Pemerintahan", "", 1321, 8000, 270_000, 24),
             row("Ketentraman dan Ketertiban Umum", "", 45, 7300, 90_000, 48))
    total = dataclasses.replace(seksi[0] + seksi[1], nama="Jumlah")
    return Rekap(periode_bulan(2026, 3), dt.datetime(2026, 4, 1, 8, 30), layanan, seksi,
                 total, ("Waktu dihitung sejak berkas diterima lengkap di loket.",))


#: form name -> (builder(data, target, paper, layout=...), sample, papers)
FORMS: dict[str, tuple[Callable[..., int], Callable[[], Any], tuple[str, ...]]] = {
    "lembar-disposisi": (build_lembar_disposisi, long_disposisi, ("HALF_FOLIO", "A4")),
    "kartu-kendali": (build_kartu_kendali, long_kartu, ("CARD", "A4", "F4")),
    "surat-pengantar": (build_surat_pengantar, long_pengantar, ("A4", "F4")),
    "tanda-terima": (build_tanda_terima, long_tanda_terima, ("A4", "HALF_FOLIO")),
}


def build_all(directory: Path) -> Iterator[tuple[str, Path, FormLayout | None]]:
    """Every form on every paper, the rekap and an SOP on A4 and F4, as PDFs in `directory`;
    yields (name, pdf, layout log or None)."""
    from jogoroto_desktop.sop.catalog import default_catalog
    from printing.rekap import build_rekap_pdf
    from printing.sop_document import build_sop_pdf

    directory.mkdir(parents=True, exist_ok=True)
    for form, (builder, sample, papers) in FORMS.items():
        for paper in papers:
            path = directory / f"{form}-{paper.lower().replace('_', '-')}.pdf"
            layout = FormLayout()
            builder(sample(), path, paper, layout=layout)
            yield f"{form}-{paper}", path, layout
    path = directory / "rekap-a4.pdf"
    build_rekap_pdf(long_rekap(), path)
    yield "rekap", path, None
    sop = default_catalog().get("pencairan-up")
    assert sop is not None
    for paper in ("A4", "F4"):
        path = directory / f"sop-pencairan-up-{paper.lower()}.pdf"
        build_sop_pdf(sop, path, paper)
        yield f"sop-{paper}", path, None


def write_pngs(directory: Path) -> list[Path]:
    """The PNG of every page of every PDF (at PNG_DPI, grey where colour does not matter)."""
    import tempfile

    import pypdfium2 as pdfium

    written = []
    with tempfile.TemporaryDirectory() as scratch:
        for _name, pdf_path, _layout in build_all(Path(scratch)):
            pdf = pdfium.PdfDocument(pdf_path)
            for index in range(len(pdf)):
                suffix = f"-hal{index + 1}" if len(pdf) > 1 else ""
                written.append(_save_page(pdf, index, directory / f"{pdf_path.stem}{suffix}.png"))
            pdf.close()
    return written


def _save_page(pdf: Any, index: int, target: Path) -> Path:
    image = pdf[index].render(scale=PNG_DPI / 72).to_pil()
    image = image.quantize(colors=64)  # a few hundred KB at most
    image.save(target, optimize=True)
    return target


def write_book_pngs(directory: Path) -> list[Path]:
    """The SOP book's front matter (cover, decree, contents) and a draft SOP's DRAF pages, on
    A4 and F4: buku_sop_<part>_<paper>.png."""
    import tempfile

    import pypdfium2 as pdfium

    from jogoroto_desktop.sop.catalog import default_catalog
    from printing.sop_book import build_sop_book_pdf
    from printing.sop_document import build_sop_pdf

    written = []
    renja = default_catalog().get("renja")
    with tempfile.TemporaryDirectory() as scratch:
        for paper in ("A4", "F4"):
            book_path = Path(scratch) / f"buku-{paper}.pdf"
            book = build_sop_book_pdf(default_catalog(), book_path, paper)
            draft_path = Path(scratch) / f"draf-{paper}.pdf"
            build_sop_pdf(renja, draft_path, paper, versi=2, status_label="Draf", draf=True)
            decree = [(book_path, index, f"keputusan{index - book.decree_page + 2}")
                      for index in range(book.decree_page - 1, book.toc_page - 1)]
            parts = [(book_path, 0, "sampul"), *decree,
                     (book_path, book.toc_page - 1, "daftar_isi"),
                     (draft_path, 0, "draf_identitas"), (draft_path, 1, "draf_uraian")]
            for path, index, part in parts:
                pdf = pdfium.PdfDocument(path)
                written.append(_save_page(pdf, index,
                                          directory / f"buku_sop_{part}_{paper.lower()}.png"))
                pdf.close()
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/forms")
    out.mkdir(parents=True, exist_ok=True)
    for png in write_pngs(out) + write_book_pngs(out):
        print(png, f"{png.stat().st_size // 1024} KB")
