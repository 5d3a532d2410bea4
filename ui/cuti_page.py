"""Buku Cuti: leave requests with the sisa cuti of the selected pegawai, the Camat's/Sekcam's
decision (approve, or refuse with the reason) and voiding. A request handed in later than the
SOP's "2 minggu sebelum cuti" is marked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import peewee
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.registers import kepegawaian as kp
from jogoroto_desktop.registers.kernel import read_record
from jogoroto_desktop.session import PermissionDenied
from jogoroto_desktop.validation import ValidationError
from models import Cuti, Pegawai
from ui.item_models import italic_font
from ui.pegawai_page import PersonnelPage
from ui.pengantar_page import prepared_pengantar_dialog
from ui.penjagaan_page import LATE_TEXT
from ui.registers.dates import date_edit, to_date
from ui.registers.forms import FormDialog, named_line, set_tab_order
from ui.registers.page import action_button, button_bar, stack
from ui.registers.table import MUTED_COLOR, LazyQueryModel, label_of
from ui.registers.void import AlasanDialog
from ui.words import SEMUA_STATUS

_C, _P = Cuti, Pegawai
PENDING_TEXT = "#6b4e00"


class CutiModel(LazyQueryModel):
    """The Buku Cuti, latest leave first."""

    COL_MULAI, COL_SELESAI, COL_HARI, COL_NAMA, COL_JENIS, COL_STATUS, COL_KET = range(7)
    HEADERS = ("Mulai", "Selesai", "Hari kerja", "Pegawai", "Jenis cuti", "Status", "Keterangan")
    SORT_KEYS = ((_C.mulai, True), (_C.id, True))
    _ID, _MULAI, _SELESAI, _HARI, _NAMA, _JENIS, _STATUS, _ALASAN, _STATUS_ALASAN, \
        _BATAL, _DIBUAT = range(11)
    FORMATS = {COL_MULAI: (_MULAI, format_tanggal), COL_SELESAI: (_SELESAI, format_tanggal),
               COL_HARI: (_HARI, str), COL_NAMA: (_NAMA, None),
               COL_JENIS: (_JENIS, label_of(kp.JENIS_CUTI)),
               COL_STATUS: (_STATUS, label_of(kp.CUTI_STATUS_LABELS))}
    status: str | None = None

    def base_query(self) -> peewee.SelectQuery:
        return (kp.query_cuti(tahun=self.tahun, status=self.status, teks=self.teks)
                .select(_C.id, _C.mulai, _C.selesai, _C.hari, _P.nama, _C.jenis, _C.status,
                        _C.alasan, _C.status_alasan, _C.batal_alasan, _C.dibuat_pada))

    def cell(self, row: tuple, column: int, role: int) -> Any:
        status = row[self._STATUS]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if status in (kp.CUTI_DITOLAK, kp.CUTI_DIBATALKAN):
                return MUTED_COLOR
            if column == self.COL_KET and self._late(row):
                return LATE_TEXT
            if status == kp.CUTI_DIAJUKAN and column == self.COL_STATUS:
                return PENDING_TEXT
        if role == Qt.ItemDataRole.FontRole and status == kp.CUTI_DIBATALKAN:
            return italic_font()
        return None

    @staticmethod
    def _late(row: tuple) -> bool:
        return row[CutiModel._DIBUAT].date() > kp.tenggat_pengajuan(row[CutiModel._MULAI])

    def _text(self, row: tuple, column: int) -> str:
        if column in self.FORMATS:
            return self.text(row, column)
        notes = []
        if row[self._STATUS] == kp.CUTI_DITOLAK:
            notes.append(f"Ditolak: {row[self._STATUS_ALASAN]}")
        elif row[self._STATUS] == kp.CUTI_DIBATALKAN:
            notes.append(f"Dibatalkan: {row[self._BATAL]}")
        elif self._late(row):
            notes.append("Diajukan kurang dari 2 minggu sebelum cuti")
        if row[self._ALASAN]:
            notes.append(row[self._ALASAN])
        return "; ".join(notes)


class CutiDialog(FormDialog):
    """Record a leave request; shows the working days and the sisa cuti as the dates change."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent, title="Ajukan Cuti", name="cutiDialog", min_width=560)
        self.cuti: Cuti | None = None
        today = today or dt.date.today()
        self.pegawai = QComboBox()
        self.pegawai.setObjectName("pegawai")
        for p in kp.query_pegawai():
            self.pegawai.addItem(f"{p.nama} ({p.nip})", p.id)
        self.jenis = QComboBox()
        self.jenis.setObjectName("jenisCuti")
        for key, label in kp.JENIS_CUTI.items():
            self.jenis.addItem(label, key)
        start = today + dt.timedelta(days=14)
        self.mulai = date_edit(start)
        self.mulai.setObjectName("mulai")
        self.selesai = date_edit(start)
        self.selesai.setObjectName("selesai")
        self.alasan = named_line("alasan")
        self.info = QLabel()
        self.info.setObjectName("infoCuti")
        self.info.setWordWrap(True)
        self.mulai.dateChanged.connect(self._keep_order)
        for signal in (self.pegawai.currentIndexChanged, self.jenis.currentIndexChanged,
                       self.mulai.dateChanged, self.selesai.dateChanged):
            signal.connect(self._update_info)
        self.lay_out((("&Pegawai:", "pegawai", self.pegawai),
                      ("&Jenis cuti:", "jenis", self.jenis), ("&Mulai:", "mulai", self.mulai),
                      ("&Selesai:", "selesai", self.selesai), ("&Alasan:", "alasan", self.alasan)),
                     "&Catat Permohonan", self.save, below=self.info)
        self._update_info()

    def _keep_order(self) -> None:
        """Moving the start past the end moves the end along (a one-day leave by default)."""
        if self.selesai.date() < self.mulai.date():
            self.selesai.setDate(self.mulai.date())

    def selected_pegawai(self) -> Pegawai | None:
        row_id = self.pegawai.currentData()
        return read_record(Pegawai, row_id) if row_id is not None else None

    def _update_info(self) -> None:
        pegawai = self.selected_pegawai()
        mulai, selesai = to_date(self.mulai.date()), to_date(self.selesai.date())
        lines = [f"{kp.hari_kerja(mulai, selesai)} hari kerja (Sabtu, Minggu dan hari libur "
                 "tidak dihitung)."]
        if pegawai is not None and self.jenis.currentData() == "tahunan":
            lines.append(kp.sisa_cuti(pegawai, mulai.year).describe() + ".")
        if dt.date.today() > kp.tenggat_pengajuan(mulai):
            lines.append("Perhatian: SOP meminta pengajuan 2 minggu sebelum cuti.")
        self.info.setText("\n".join(lines))

    def save(self) -> None:
        pegawai = self.selected_pegawai()
        if pegawai is None:
            self.messages.show({"pegawai": "Belum ada pegawai aktif; isi Data Pegawai dulu."})
            return
        with self.messages.showing_problems():
            self.cuti = kp.ajukan_cuti(kp.CutiInput(
                pegawai, self.jenis.currentData(), to_date(self.mulai.date()),
                to_date(self.selesai.date()), self.alasan.text()))
            self.accept()


class BukuCutiPage(PersonnelPage):
    """The Buku Cuti page."""

    pengantar_prepared = Signal(dict)

    RECORD = Cuti
    COUNT_NOUN = "cuti"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bukuCutiPage")
        self.add_button = action_button("&Ajukan Cuti…", "ajukanCutiButton", self.ajukan)
        self.approve_button = action_button("&Setujui", "setujuiButton", self.setujui)
        self.refuse_button = action_button("&Tolak…", "tolakButton", lambda: self.tolak())
        self.void_button = action_button("&Batalkan…", "batalkanCutiButton",
                                         lambda: self.batalkan())
        self.pengantar_button = action_button("Surat &Pengantar…", "pengantarCutiButton",
                                              self.siapkan_pengantar)
        buttons = button_bar(self.add_button, self.approve_button, self.refuse_button,
                             self.void_button, self.pengantar_button)
        self._build_register(CutiModel(self), table_name="cutiTable", search_name="cariCuti",
                             search_hint="Nama atau NIP pegawai", count_name="jumlahCuti",
                             widths={0: 140, 1: 140, 2: 80, 3: 200, 4: 190, 5: 100},
                             stretch=CutiModel.COL_KET)
        self.status_filter = self._choice_filter(
            "statusCutiFilter", SEMUA_STATUS,
            ((label, key) for key, label in kp.CUTI_STATUS_LABELS.items()), "status")
        filters = self._filter_row(fields=(("T&ahun:", self.year_filter),
                                           ("Stat&us:", self.status_filter),
                                           ("&Cari:", self.search)))
        self.sisa_label = QLabel()
        self.sisa_label.setObjectName("sisaCuti")
        self.sisa_label.setWordWrap(True)
        self.sisa_label.setStyleSheet("QLabel { font-weight: bold; padding: 4px; }")
        stack(self, self.banner, buttons, filters, self.table, self.sisa_label, grow=self.table)
        set_tab_order([self.add_button, self.approve_button, self.refuse_button,
                       self.void_button, self.pengantar_button, self.year_filter,
                       self.status_filter, self.search, self.table])
        self._selection_changed()

    def _selection_changed(self) -> None:
        cuti = self.current_record()
        pending = cuti is not None and cuti.status == kp.CUTI_DIAJUKAN
        self.approve_button.setEnabled(pending)
        self.refuse_button.setEnabled(pending)
        self.void_button.setEnabled(cuti is not None and cuti.status in
                                    (kp.CUTI_DIAJUKAN, kp.CUTI_DISETUJUI))
        self.pengantar_button.setEnabled(cuti is not None
                                         and cuti.status == kp.CUTI_DISETUJUI)
        if cuti is None:
            self.sisa_label.setText("Pilih satu baris untuk melihat sisa cuti pegawainya.")
        else:
            sisa = kp.sisa_cuti(cuti.pegawai, cuti.tahun)
            self.sisa_label.setText(f"{cuti.pegawai.nama}: {sisa.describe()}.")

    def ajukan(self) -> None:
        dialog = CutiDialog(self)
        self._open(dialog, lambda: self._done(dialog.cuti, "dicatat, menunggu keputusan"))

    def _done(self, cuti: Cuti | None, what: str) -> None:
        if cuti is not None:
            self._after_write(cuti, f"Cuti {cuti.pegawai.nama} {what}.")

    def _act(self, action: Any, what: str) -> None:
        cuti = self.current_record()
        if cuti is None:
            return
        try:
            action(cuti)
        except (ValidationError, PermissionDenied) as exc:
            problems = getattr(exc, "problems", None)
            QMessageBox.warning(self, "Tidak dapat disimpan",
                                "\n".join(problems.values()) if problems else str(exc))
            return
        self._done(cuti, what)

    def setujui(self) -> None:
        self._act(lambda c: kp.putuskan_cuti(c, True), "disetujui")

    def _ask_reason(self, title: str, about: str, ok_text: str,
                    act: Callable[[Cuti, str], object], what: str) -> None:
        """The kernel's reason dialog for the selected leave; `act(cuti, reason)` on "ok"."""
        cuti = self.current_record()
        if cuti is None:
            return
        dialog = AlasanDialog(title, about, ok_text, lambda text: act(cuti, text), self)
        self._open(dialog, lambda: self._done(cuti, what))

    def tolak(self, alasan: str | None = None) -> None:
        if alasan is None:
            self._ask_reason("Tolak Cuti", "Permohonan cuti ditolak; alasannya dicatat dan "
                             "dapat dibaca pegawai.", "&Tolak Cuti",
                             lambda c, text: kp.putuskan_cuti(c, False, text), "ditolak")
            return
        self._act(lambda c: kp.putuskan_cuti(c, False, alasan), "ditolak")

    def batalkan(self, alasan: str | None = None) -> None:
        if alasan is None:
            self._ask_reason("Batalkan Cuti", "Cuti dibatalkan; catatannya tetap ada di Buku "
                             "Cuti dengan alasannya.", "&Batalkan Cuti",
                             lambda c, text: kp.batalkan_cuti(c, text), "dibatalkan")
            return
        self._act(lambda c: kp.batalkan_cuti(c, alasan), "dibatalkan")

    def siapkan_pengantar(self) -> dict | None:
        cuti = self.current_record()
        if cuti is None or cuti.status != kp.CUTI_DISETUJUI:
            return None
        data = kp.pengantar_bkd(cuti.pegawai, kp.CUTI, cuti=cuti)
        self.pengantar_prepared.emit(data)
        self._open(prepared_pengantar_dialog(self, data))
        return data
