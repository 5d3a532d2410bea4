"""The registers on each seksi's desk: the Sekretariat's agenda books and every seksi's inbox.

Pages are built the first time they are opened (SeksiTab.add_section), after the database has
been opened; they tell each other when they wrote something so the others can refresh.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from jogoroto_desktop.sections import (
    SECTION_CUTI,
    SECTION_DISPOSISI,
    SECTION_GRAFIK,
    SECTION_IKM,
    SECTION_LAYANAN,
    SECTION_MONITORING,
    SECTION_PELACAKAN,
    SECTION_PENJAGAAN,
    SECTION_RINGKASAN,
)
from jogoroto_desktop.sop.layanan_katalog import punya_layanan
from ui.main_window import MainWindow
from ui.seksi_tab import SeksiTab

STATUS_TIMEOUT_MS = 8000

# Each page class is imported only when its page is first opened, so the pages stay off the
# start-up path (tests/test_startup_path.py); the imports are written out (not built from
# strings) so the frozen build and the import-cycle check see them.
PageClass = Callable[[], type[QWidget]]


def _agenda_masuk() -> type[QWidget]:
    from ui.agenda_page import AgendaSuratMasukPage
    return AgendaSuratMasukPage


def _agenda_keluar() -> type[QWidget]:
    from ui.keluar_page import AgendaSuratKeluarPage
    return AgendaSuratKeluarPage


def _ekspedisi() -> type[QWidget]:
    from ui.ekspedisi_page import BukuEkspedisiPage
    return BukuEkspedisiPage


def _pengantar() -> type[QWidget]:
    from ui.pengantar_page import SuratPengantarPage
    return SuratPengantarPage


def _pegawai() -> type[QWidget]:
    from ui.pegawai_page import PegawaiPage
    return PegawaiPage


def _penjagaan() -> type[QWidget]:
    from ui.penjagaan_page import PenjagaanPage
    return PenjagaanPage


def _cuti() -> type[QWidget]:
    from ui.cuti_page import BukuCutiPage
    return BukuCutiPage


def _inbox() -> type[QWidget]:
    from ui.inbox_page import InboxPage
    return InboxPage


def _layanan() -> type[QWidget]:
    from ui.layanan_page import LayananPage
    return LayananPage


def _ikm() -> type[QWidget]:
    from ui.ikm_page import IkmPage
    return IkmPage


def _pelacakan_page() -> type[QWidget]:
    from ui.pelacakan_page import PelacakanPage
    return PelacakanPage


def _monitoring() -> type[QWidget]:
    from ui.monitoring_page import MonitoringPage
    return MonitoringPage


def _grafik() -> type[QWidget]:
    from ui.grafik_page import GrafikPage  # QtCharts comes with it, never at start-up
    return GrafikPage
def _pengesahan_sop() -> type[QWidget]:
    from ui.sop_versions_ui import PengesahanPage
    return PengesahanPage


# The Sekretariat's registers in order: (section title, its group in the desk's side list
# (ui.section_nav.GROUPS), page class loader).
SEKRETARIAT_PAGES: tuple[tuple[str, str, PageClass], ...] = (
    ("Agenda Surat Masuk", "Surat", _agenda_masuk),
    ("Agenda Surat Keluar", "Surat", _agenda_keluar),
    ("Buku Ekspedisi", "Surat", _ekspedisi),
    ("Surat Pengantar", "Surat", _pengantar),
    ("Data Pegawai", "Kepegawaian", _pegawai),
    (SECTION_PENJAGAAN, "Kepegawaian", _penjagaan),
    (SECTION_CUTI, "Kepegawaian", _cuti),
    (SECTION_IKM, "Pelayanan", _ikm),
    # The SOP versions waiting for the Sekretaris Camat and the Camat.
    ("Pengesahan SOP", "SOP", _pengesahan_sop),
)


def _page(page_class: PageClass, *args: object) -> Callable[[], QWidget]:
    """Builds the page `page_class()(*args)` when it is first opened."""
    def build() -> QWidget:
        return page_class()(*args)

    return build


class Desk:
    """Builds the register pages and relays their change and status signals."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.pages: list[QWidget] = []
        for tab in window.seksi_tabs:
            tab.versions_changed.connect(self._versions_changed)
            # Each tab opens on its overview, the inbox under it: the pages of every day.
            tab.add_section(SECTION_RINGKASAN, self._factory(self._overview(tab)), first=True)
            seksi_id = tab.seksi.id
            tab.add_section(SECTION_DISPOSISI,
                            self._factory(_page(_inbox, seksi_id)))
            if punya_layanan([sop.id for sop in tab.all_sops]):
                tab.add_section(SECTION_LAYANAN,
                                self._factory(_page(_layanan, seksi_id)),
                                group="Pelayanan")
            if seksi_id == "sekretariat":
                for title, group, page_class in SEKRETARIAT_PAGES:
                    tab.add_section(title, self._factory(_page(page_class)), group=group)
            if seksi_id in SECTION_PELACAKAN:
                tab.add_section(SECTION_PELACAKAN[seksi_id],
                                self._factory(self._pelacakan(seksi_id)),
                                group="Pelacakan")
            # The Sekcam and the Kasi assess their SOPs; the Camat and the Sekcam see the
            # pictures (the Sekretariat's desk).
            tab.add_section(SECTION_MONITORING, self._factory(_page(_monitoring, seksi_id)),
                            group="Evaluasi")
            if seksi_id == "sekretariat":
                tab.add_section(SECTION_GRAFIK, self._factory(_page(_grafik)), group="Evaluasi")

    def _factory(self, build: Callable[[], QWidget]) -> Callable[[], QWidget]:
        def make() -> QWidget:
            page = build()
            changed = getattr(page, "changed", None)
            if changed is not None:
                changed.connect(lambda source=page: self._changed(source))
            status = getattr(page, "status_message", None)
            if status is not None:
                status.connect(self._status)
            versions_changed = getattr(page, "versions_changed", None)
            if versions_changed is not None:
                versions_changed.connect(self._versions_changed)
            self.pages.append(page)
            return page

        return make

    def _overview(self, tab: SeksiTab) -> Callable[[], QWidget]:
        def build() -> QWidget:
            from ui.overview_page import OverviewPage

            page = OverviewPage(tab.seksi.id)
            page.open_requested.connect(tab.open_section_by_key)
            page.rekap_requested.connect(lambda: self.open_rekap())
            return page

        return build

    @staticmethod
    def _pelacakan(seksi_id: str) -> Callable[[], QWidget]:
        def build() -> QWidget:
            from jogoroto_desktop.registers.pelacakan import SOP_PELACAKAN

            return _page(_pelacakan_page, SOP_PELACAKAN[seksi_id])()

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

    def refresh_all(self) -> None:
        """Read every built page again: the database just opened (or was filled, as the
        demo's is while the window already shows its overview)."""
        for tab in self.window.seksi_tabs:  # "Ubah SOP" needs the database's versions
            tab.refresh_actions()
        for page in self.pages:
            refresh = getattr(page, "refresh", None)
            if refresh is not None:
                refresh()

    def _versions_changed(self, text: str) -> None:
        """An SOP version was saved or moved on: the catalog in force and the pages listing
        versions are read again."""
        from jogoroto_desktop.sop.catalog import default_catalog

        self.window.set_catalog(default_catalog())
        for page in self.pages:
            refresh = getattr(page, "refresh", None)
            if refresh is not None:
                refresh()
        if text:
            self._status(text)

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


def open_import_agenda(window: MainWindow) -> None:
    """Impor Agenda Lama (menu Berkas and the next steps after the setup)."""
    from ui.import_agenda import ImportAgendaDialog

    dialog = ImportAgendaDialog(window)
    if window.desk is not None:
        dialog.imported.connect(window.desk.refresh_all)  # type: ignore[attr-defined]
    dialog.open()
    window.settings_dialog = dialog  # keep it alive while open
