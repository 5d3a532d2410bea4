"""Buku Penjagaan: coming kenaikan pangkat and pensiun with the SOP's berkas deadline (6 bulan
sebelum TMT); overdue rows in red, on top. "Siapkan Surat Pengantar" prepares the letter to BKD
as data (`pengantar_prepared` carries it; printing it is wired to the surat pengantar register
when that lands)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.registers import kepegawaian as kp
from jogoroto_desktop.registers.kernel import read_record
from models import Pegawai
from ui.item_models import ListTableModel, ModelIndex, bold_font
from ui.pegawai_page import reminder_banner, update_banner
from ui.pengantar_page import prepared_pengantar_dialog
from ui.registers.forms import set_tab_order
from ui.registers.page import LazyPage, button_bar, filter_bar
from ui.registers.table import register_table

LATE_BACKGROUND = QColor("#f8d7d7")
LATE_TEXT = QColor("#9c1c1c")
SOON_BACKGROUND = QColor("#fff3cd")
DONE_TEXT = QColor("#6b6b6b")
HORIZONS = ((6, "6 bulan"), (12, "12 bulan"), (24, "24 bulan"), (60, "5 tahun"))


class PenjagaanModel(ListTableModel):
    """The entries of the Buku Penjagaan (a short list: one or two per pegawai at most)."""

    COL_STATUS, COL_BATAS, COL_JENIS, COL_TMT, COL_NAMA, COL_NIP, COL_KET = range(7)
    HEADERS = ("Status", "Batas kirim berkas", "Jenis", "TMT", "Nama", "NIP", "Keterangan")

    def entry_at(self, row: int) -> kp.Penjagaan:
        return self.item_at(row)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        entry: kp.Penjagaan = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(entry, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry.status == kp.STATUS_TERLAMBAT:
                return LATE_BACKGROUND
            if entry.status == kp.STATUS_SEGERA:
                return SOON_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if entry.status == kp.STATUS_TERLAMBAT:
                return LATE_TEXT
            if entry.status == kp.STATUS_TERKIRIM:
                return DONE_TEXT
        if (role == Qt.ItemDataRole.FontRole and entry.status == kp.STATUS_TERLAMBAT
                and column in (self.COL_STATUS, self.COL_BATAS)):
            return bold_font()
        return None

    def _text(self, entry: kp.Penjagaan, column: int) -> str:
        return (kp.PENJAGAAN_STATUS_LABELS[entry.status], format_tanggal(entry.batas_berkas),
                entry.jenis_label, format_tanggal(entry.tmt), entry.nama, entry.nip,
                entry.keterangan)[column]


class PenjagaanPage(LazyPage):
    """The Buku Penjagaan page with its reminder banner and horizon filter."""

    #: The prepared surat pengantar (dict of `kepegawaian.pengantar_bkd`).
    pengantar_prepared = Signal(dict)

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("penjagaanPage")
        self.today = today
        self.banner = reminder_banner()
        self.horizon = QComboBox()
        self.horizon.setObjectName("cakrawalaFilter")
        for months, label in HORIZONS:
            self.horizon.addItem(label, months)
        self.horizon.setCurrentIndex(1)
        self.horizon.currentIndexChanged.connect(self.refresh)
        self.pengantar_button = QPushButton("Siapkan &Surat Pengantar ke BKD…")
        self.pengantar_button.setObjectName("pengantarButton")
        self.pengantar_button.clicked.connect(self.siapkan_pengantar)
        self.count_label = QLabel()
        self.count_label.setObjectName("jumlahPenjagaan")
        top = button_bar(self.pengantar_button)
        top.addLayout(filter_bar((("&Berkas jatuh tempo dalam:", self.horizon),),
                                 self.count_label))
        self.model = PenjagaanModel(self)
        self.table = register_table("penjagaanTable", self.model,
                                    {0: 170, 1: 150, 2: 130, 3: 130, 4: 200, 5: 170},
                                    PenjagaanModel.COL_KET)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.siapkan_pengantar())
        legend = QLabel("Batas kirim berkas = TMT dikurangi tenggat SOP (\u201c6 bulan sebelum "
                        "TMT\u201d). Merah: terlambat; kuning: siapkan berkas dalam "
                        f"{kp.PERSIAPAN_BULAN} bulan; abu-abu: surat pengantar sudah dibuat.")
        legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(legend)
        set_tab_order([self.pengantar_button, self.horizon, self.table])
        self._update_buttons()

    def refresh(self) -> None:
        self._loaded = True
        entries = kp.buku_penjagaan(self.today, bulan=self.horizon.currentData())
        self.model.set_items(entries)
        late = sum(e.terlambat for e in entries)
        self.count_label.setText(f"{len(entries)} jadwal, {late} terlambat")
        update_banner(self.banner, self.today)
        if entries:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.pengantar_button.setEnabled(self.table.currentIndex().isValid())

    def siapkan_pengantar(self) -> dict | None:
        """Prepare the surat pengantar for the selected entry and show it."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        entry = self.model.entry_at(index.row())
        pegawai = read_record(Pegawai, entry.pegawai_id)
        data = kp.pengantar_bkd(pegawai, entry.jenis, today=self.today)
        self.pengantar_prepared.emit(data)
        self._open(prepared_pengantar_dialog(self, data))
        self.status_message.emit(f"Surat pengantar {entry.jenis_label.lower()} {entry.nama} "
                                 "disiapkan.")
        return data
