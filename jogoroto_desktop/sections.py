"""Labels of the sections on each seksi's desk, shared by the GUI (which adds them) and the
overview (whose numbers open them). Plain strings: importing this costs nothing at start-up."""

from __future__ import annotations

SECTION_RINGKASAN = "Ringkasan"
SECTION_LAYANAN = "Layanan"
SECTION_PENJAGAAN = "Buku Penjagaan"
SECTION_CUTI = "Buku Cuti"
SECTION_DISPOSISI = "Kotak Masuk Disposisi"
SECTION_MONITORING = "Monitoring & Evaluasi"
SECTION_GRAFIK = "Grafik"
SECTION_IKM = "Survei Kepuasan (IKM)"
#: The trackers' section of each seksi that runs planning/finance SOPs.
SECTION_PELACAKAN: dict[str, str] = {
    "sekretariat": "Pelacakan Perencanaan dan Keuangan",
    "pmd": "Pelacakan Musrenbang dan ADD",
    "sosbud": "Pelacakan Raskin",
}
