"""The templates shipped with the program (resources/templat/<nama>.docx, built by
tools/make_templates.py) and what each is for.

One per service outcome the loket hands over, and one per common naskah dinas. The
klasifikasi is the archive code the letter's number starts with (resources/klasifikasi.csv);
``kepada`` empty means the letter is addressed to the pemohon (an izin given to them). A
template that is not ``bernomor`` takes no number of the Agenda Surat Keluar: the legalisir
stamp carries the request's register number.
"""

from __future__ import annotations

from dataclasses import dataclass

LAYANAN = "layanan"  # answers a service request (needs one)
DINAS = "dinas"  # a naskah dinas of the office
JENIS_LABELS = {LAYANAN: "Hasil layanan", DINAS: "Naskah dinas"}
CAMAT = "Camat"


@dataclass(frozen=True)
class InfoBawaan:
    nama: str  # the template's key, also the file name
    judul: str
    jenis: str
    klasifikasi: str
    sop_id: str = ""  # the service whose requests it answers
    kepada: str = ""
    di: str = ""
    perihal: str = ""
    penandatangan: str = CAMAT  # jabatan in Pengaturan > Pejabat
    bernomor: bool = True
    kertas: str = "F4"


_DPMPTSP = "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Jombang"

BAWAAN: tuple[InfoBawaan, ...] = (
    InfoBawaan("rekomendasi-skck", "Rekomendasi SKCK", LAYANAN, "331", "rekomendasi-skck",
               "Kepala Kepolisian Sektor Jogoroto", "Jogoroto",
               "Rekomendasi Penerbitan Surat Keterangan Catatan Kepolisian (SKCK)"),
    InfoBawaan("dispensasi-nikah", "Surat Dispensasi Nikah", LAYANAN, "474.2",
               "dispensasi-nikah", "Kepala Kantor Urusan Agama Kecamatan Jogoroto", "Jogoroto",
               "Dispensasi Nikah"),
    InfoBawaan("rekomendasi-imb", "Rekomendasi IMB", LAYANAN, "640", "rekomendasi-imb",
               _DPMPTSP, "Jombang", "Rekomendasi Izin Mendirikan Bangunan (IMB)"),
    InfoBawaan("rekomendasi-ho", "Rekomendasi HO", LAYANAN, "503", "rekomendasi-ho",
               _DPMPTSP, "Jombang", "Rekomendasi Izin Gangguan (HO)"),
    InfoBawaan("rekomendasi-keramaian", "Rekomendasi Izin Keramaian", LAYANAN, "331",
               "ijin-keramaian", "Kepala Kepolisian Sektor Jogoroto", "Jogoroto",
               "Rekomendasi Izin Keramaian"),
    InfoBawaan("rekomendasi-tower", "Rekomendasi Tower", LAYANAN, "503", "tower", _DPMPTSP,
               "Jombang", "Rekomendasi Pendirian Menara Telekomunikasi"),
    InfoBawaan("izin-reklame-insidentil", "Izin Reklame Insidentil", LAYANAN, "503",
               "reklame-insidentil", perihal="Izin Reklame Insidentil"),
    InfoBawaan("izin-penebangan-pohon", "Izin Penebangan Pohon", LAYANAN, "503",
               "penebangan-pohon", perihal="Izin Penebangan Pohon"),
    InfoBawaan("rekomendasi-skm", "Rekomendasi SKM", LAYANAN, "460", "skm",
               "Kepala Dinas Sosial Kabupaten Jombang", "Jombang",
               "Rekomendasi Surat Keterangan Miskin (SKM)"),
    InfoBawaan("rekomendasi-proposal", "Rekomendasi Proposal Bantuan", LAYANAN, "460",
               "proposal-bantuan", "Bupati Jombang", "Jombang",
               "Rekomendasi Proposal Bantuan"),
    InfoBawaan("legalisir", "Cap Legalisir", LAYANAN, "", "legalisir",
               perihal="Legalisir", bernomor=False),
    InfoBawaan("surat-biasa", "Surat Dinas", DINAS, "000"),
    InfoBawaan("undangan", "Surat Undangan", DINAS, "005", perihal="Undangan"),
    InfoBawaan("surat-tugas", "Surat Tugas", DINAS, "090", kepada="Yang ditugaskan",
               perihal="Surat Tugas"),
    InfoBawaan("nota-dinas", "Nota Dinas", DINAS, "000"),
    InfoBawaan("surat-keterangan", "Surat Keterangan", DINAS, "470", kepada="Yang berkepentingan",
               perihal="Surat Keterangan"),
)

BAWAAN_BY_NAMA: dict[str, InfoBawaan] = {info.nama: info for info in BAWAAN}
FOLDER = "templat"  # under resources/


def nama_berkas(nama: str) -> str:
    return f"{nama}.docx"
