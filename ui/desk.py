"""The registers on each seksi's desk: the Sekretariat's agenda books and every seksi's inbox.

Pages are built the first time they are opened (SeksiTab.add_section), after the database has
been opened; they tell each other when they wrote something so the others can refresh.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from jogoroto_desktop.layanan_katalog import punya_layanan
from jogoroto_desktop.sections import (
    SECTION_CUTI,
    SECTION_LAYANAN,
    SECTION_PELACAKAN,
    SECTION_PENJAGAAN,
    SECTION_RINGKASAN,
)
from ui.main_window import MainWindow
from ui.seksi_tab import SeksiTab

STATUS_TIMEOUT_MS = 8000


class Desk:
    """Builds the register pages and relays their change and status signals."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.pages: list[QWidget] = []
        for tab in window.seksi_tabs:
            # Each tab opens on its overview; the services' register follows the catalog.
            tab.add_section(SECTION_RINGKASAN, self._factory(self._overview(tab)), first=True)
            if punya_layanan([sop.id for sop in tab.all_sops]):
                tab.add_section(SECTION_LAYANAN, self._factory(self._layanan(tab)))
            if tab.seksi.id == "sekretariat":
                tab.add_section("Agenda Surat Masuk", self._factory(self._surat_masuk))
                tab.add_section("Agenda Surat Keluar", self._factory(self._surat_keluar))
                tab.add_section("Buku Ekspedisi", self._factory(self._ekspedisi))
                tab.add_section("Surat Pengantar", self._factory(self._pengantar))
                tab.add_section("Data Pegawai", self._factory(self._pegawai))
                tab.add_section(SECTION_PENJAGAAN, self._factory(self._penjagaan))
                tab.add_section(SECTION_CUTI, self._factory(self._cuti))
            if tab.seksi.id in SECTION_PELACAKAN:
                tab.add_section(SECTION_PELACAKAN[tab.seksi.id],
                                self._factory(self._pelacakan(tab.seksi.id)))
            tab.add_section("Kotak Masuk Disposisi", self._factory(self._inbox(tab)))

    def _factory(self, build: Callable[[], QWidget]) -> Callable[[], QWidget]:
        def make() -> QWidget:
            page = build()
            for signal_name in ("register_changed", "changed"):
                signal = getattr(page, signal_name, None)
                if signal is not None:
                    signal.connect(lambda source=page: self._changed(source))
            status = getattr(page, "status_message", None)
            if status is not None:
                status.connect(self._status)
            self.pages.append(page)
            return page

        return make

    @staticmethod
    def _surat_masuk() -> QWidget:
        from ui.agenda_page import AgendaSuratMasukPage

        return AgendaSuratMasukPage()

    @staticmethod
    def _surat_keluar() -> QWidget:
        from ui.keluar_page import AgendaSuratKeluarPage

        return AgendaSuratKeluarPage()

    @staticmethod
    def _ekspedisi() -> QWidget:
        from ui.ekspedisi_page import BukuEkspedisiPage

        return BukuEkspedisiPage()

    def _overview(self, tab: SeksiTab) -> Callable[[], QWidget]:
        def build() -> QWidget:
            from ui.overview_page import OverviewPage

            page = OverviewPage(tab.seksi.id)
            page.open_requested.connect(tab.open_section_by_key)
            page.rekap_requested.connect(lambda: self.open_rekap())
            return page

        return build

    @staticmethod
    def _layanan(tab: SeksiTab) -> Callable[[], QWidget]:
        def build() -> QWidget:
            from ui.layanan_page import LayananPage

            return LayananPage(tab.seksi.id)

        return build

    def open_rekap(self) -> QWidget:
        from PySide6.QtCore import Qt  # not at import: see tests/test_startup_path.py

        from ui.rekap_page import RekapDialog

        dialog = RekapDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda path: self._status(f"Rekap disimpan: {path}"))
        dialog.open()
        self.window.rekap_dialog = dialog  # keep it alive while open
        return dialog

    @staticmethod
    def _pegawai() -> QWidget:
        from ui.pegawai_page import PegawaiPage

        return PegawaiPage()

    @staticmethod
    def _penjagaan() -> QWidget:
        from ui.penjagaan_page import PenjagaanPage

        return PenjagaanPage()

    @staticmethod
    def _cuti() -> QWidget:
        from ui.cuti_page import BukuCutiPage

        return BukuCutiPage()

    @staticmethod
    def _pelacakan(seksi_id: str) -> Callable[[], QWidget]:
        def build() -> QWidget:
            from jogoroto_desktop.pelacakan import SOP_PELACAKAN
            from ui.pelacakan_page import PelacakanPage

            return PelacakanPage(SOP_PELACAKAN[seksi_id])

        return build

    @staticmethod
    def _pengantar() -> QWidget:
        from ui.pengantar_page import SuratPengantarPage

        return SuratPengantarPage()

    @staticmethod
    def _inbox(tab: SeksiTab) -> Callable[[], QWidget]:
        def build() -> QWidget:
            from ui.inbox_page import InboxPage

            return InboxPage(tab.seksi.id)

        return build

    def _changed(self, source: QWidget) -> None:
        for page in self.pages:
            refresh = getattr(page, "refresh", None)
            if page is not source and refresh is not None:
                refresh()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_TIMEOUT_MS)


def open_settings(window: MainWindow) -> None:
    from ui.settings_dialog import PengaturanDialog

    dialog = PengaturanDialog(window)
    dialog.open()
    window.settings_dialog = dialog  # keep it alive while open


def open_verification(window: MainWindow) -> None:
    from ui.verify_dialog import VerifyDialog

    dialog = VerifyDialog(window)
    dialog.open()
    window.settings_dialog = dialog  # keep it alive while open
