"""Which SOPs of the catalog are citizens' services (the loket's permohonan layanan).

Kept apart from :mod:`jogoroto_desktop.registers.layanan` so the window can lay out each seksi's
desk at start-up without importing the database layer.
"""

from __future__ import annotations

#: Every service SOP of the book, in the book's order (Sekretariat, Tata Pemerintahan,
#: Ketentraman dan Ketertiban Umum, Sosial Budaya).
LAYANAN_SOPS: tuple[str, ...] = (
    "dispensasi-nikah", "legalisir", "rekomendasi-skck",
    "ktp", "kk", "pindah-antar-kabupaten", "pindah-antar-kecamatan", "pindah-antar-desa",
    "rekomendasi-imb", "rekomendasi-ho", "ijin-keramaian", "reklame-insidentil",
    "penebangan-pohon", "tower",
    "skm", "proposal-bantuan",
)


def punya_layanan(sop_ids: list[str] | tuple[str, ...]) -> bool:
    """True when any of these SOPs (e.g. a seksi's) is a service."""
    return any(sop_id in LAYANAN_SOPS for sop_id in sop_ids)
