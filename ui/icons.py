"""The program's icons: Tabler SVGs shipped in resources/icons (README.txt there names the set,
version and licence). SVG, so they are drawn sharp at 100, 125 and 150% scaling.

A QIcon made from a file reads it only when first painted: building icons costs nothing at
start-up (tests/test_startup_path.py)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from jogoroto_desktop.storage.paths import resource_path

#: The icon of each section of a desk (ui.desk), by its label.
SECTION_ICONS: dict[str, str] = {
    "Ringkasan": "layout-dashboard",
    "Kotak Masuk Disposisi": "inbox",
    "Katalog SOP": "book",
    "Pengesahan SOP": "shield-check",
    "Layanan": "clipboard-check",
    "Agenda Surat Masuk": "mail-down",
    "Agenda Surat Keluar": "mail-up",
    "Buku Ekspedisi": "truck-delivery",
    "Surat Pengantar": "file-text",
    "Data Pegawai": "users",
    "Buku Penjagaan": "calendar-time",
    "Buku Cuti": "beach",
    "Monitoring & Evaluasi": "list-details",
    "Grafik": "report-analytics",
    "Survei Kepuasan (IKM)": "report-analytics",
}
#: Sections not named above (the trackers) take this one.
DEFAULT_SECTION_ICON = "route"

#: The icon of a page's action button by the first of these words its text holds (mnemonic
#: "&" removed, case ignored): one place for every register page (ui.registers.page).
ACTION_ICONS: tuple[tuple[str, str], ...] = (
    ("cetak", "printer"),
    ("kartu kendali", "printer"),
    ("lampirkan", "file-import"),
    ("buka lampiran", "eye"),
    ("ekspor", "file-export"),
    ("impor", "file-import"),
    ("ubah", "pencil"),
    ("batalkan", "ban"),
    ("nonaktifkan", "ban"),
    ("tolak", "x"),
    ("hapus", "x"),
    ("kurang lengkap", "arrow-back-up"),
    ("kirim", "send"),
    ("setujui", "check"),
    ("siap", "check"),
    ("selesai", "check"),
    ("simpan", "device-floppy"),
    ("segarkan", "refresh"),
    ("pengambilan", "list-details"),
    ("disposisi", "send"),
    ("baru", "plus"),
    ("tambah", "plus"),
    ("ajukan", "plus"),
    ("catat", "plus"),
    ("langkah berikutnya", "check"),
    ("rekap", "report-analytics"),
    ("sandi", "shield-check"),
)


@cache
def icon(name: str) -> QIcon:
    """The Tabler icon `name` (a file resources/icons/`name`.svg)."""
    return QIcon(str(resource_path("icons", f"{name}.svg")))


def section_icon(label: str) -> QIcon:
    return icon(SECTION_ICONS.get(label, DEFAULT_SECTION_ICON))


def action_icon_name(text: str) -> str | None:
    """The icon for an action button's `text`, or None when no word of ACTION_ICONS is in it."""
    plain = text.replace("&", "").lower()
    return next((name for word, name in ACTION_ICONS if word in plain), None)
