"""The questionnaire of the satisfaction survey (PermenPAN-RB 14/2017): the nine elements and
their questions, the four answers, the respondent profile's options, how a response is
entered. Plain data with no imports, so the command line's parser, the printed slip and the
kiosk read it without loading the database layer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unsur:
    kode: str  # "U1" .. "U9"
    nama: str  # the element as PermenPAN-RB 14/2017 names it
    pertanyaan: str  # the questionnaire's question


#: The nine elements of PermenPAN-RB 14/2017, in its order.
UNSUR: tuple[Unsur, ...] = (
    Unsur("U1", "Persyaratan",
          "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis "
          "pelayanannya?"),
    Unsur("U2", "Sistem, mekanisme dan prosedur",
          "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?"),
    Unsur("U3", "Waktu penyelesaian",
          "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?"),
    Unsur("U4", "Biaya/tarif",
          "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?"),
    Unsur("U5", "Produk spesifikasi jenis pelayanan",
          "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang "
          "tercantum dalam standar pelayanan dengan hasil yang diberikan?"),
    Unsur("U6", "Kompetensi pelaksana",
          "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?"),
    Unsur("U7", "Perilaku pelaksana",
          "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
          "kesopanan dan keramahan?"),
    Unsur("U8", "Penanganan pengaduan, saran dan masukan",
          "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran dan masukan "
          "pengguna layanan?"),
    Unsur("U9", "Sarana dan prasarana",
          "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana pelayanan?"),
)
JUMLAH_UNSUR = len(UNSUR)
NILAI_MIN, NILAI_MAKS = 1, 4
#: The four answers, score -> label (the questionnaire's a-d).
NILAI_LABELS: dict[int, str] = {1: "Tidak baik", 2: "Kurang baik", 3: "Baik", 4: "Sangat baik"}

#: How a response was entered.
SUMBER_LOKET = "loket"
SUMBER_SLIP = "slip"
SUMBER_KIOS = "kiosk"
SUMBER_LABELS: dict[str, str] = {SUMBER_LOKET: "Loket (Buku Pengambilan)",
                                 SUMBER_SLIP: "Lembar survei", SUMBER_KIOS: "Kios survei"}
#: Who a kiosk answer is written by: the citizen, not the staff at the PC.
OLEH_KIOS = "Responden (kios survei)"

#: The respondent profile of the Permen's questionnaire: field -> (label, {code: label}).
PROFIL: dict[str, tuple[str, dict[str, str]]] = {
    "jenis_kelamin": ("Jenis kelamin", {"L": "Laki-laki", "P": "Perempuan"}),
    "kelompok_umur": ("Umur", {"<20": "Di bawah 20 tahun", "20-29": "20-29 tahun",
                               "30-39": "30-39 tahun", "40-49": "40-49 tahun",
                               "50+": "50 tahun ke atas"}),
    "pendidikan": ("Pendidikan", {"SD": "SD ke bawah", "SMP": "SMP", "SMA": "SMA/sederajat",
                                  "D1-D3": "D1-D2-D3", "D4-S1": "D4/S1",
                                  "S2+": "S2 ke atas"}),
    "pekerjaan": ("Pekerjaan", {"PNS": "PNS", "TNI": "TNI", "POLRI": "POLRI",
                                "SWASTA": "Swasta", "WIRAUSAHA": "Wirausaha",
                                "LAINNYA": "Lainnya"}),
}
TIDAK_DIISI = "Tidak diisi"
MAX_KOMENTAR = 1000

