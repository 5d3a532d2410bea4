"""The Layanan page of a seksi: the register of its citizens' service requests (lazy, filtered
by service, status or overview group and text; late ones in red), the selected request with
its requirements checklist and its SOP steps (who, when, time against the standard), and the
buttons that move it along: next step, kurang lengkap, tolak, siap diambil, Buku Pengambilan.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import peewee
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from jogoroto_desktop.nik import JENIS_KELAMIN_LABELS, NikError, periksa_nik
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.session import PermissionDenied
from jogoroto_desktop.sop.catalog import Sop
from jogoroto_desktop.validation import ValidationError
from models import Permohonan
from ui.item_models import bold_font, format_waktu
from ui.layanan_forms import ChecklistWidget, PengambilanDialog, PermohonanDialog
from ui.progress_model import (
    LATE_BACKGROUND,
    MUTED,
    URGENT,
    ProgressTableModel,
    progress_pane,
    progress_table_view,
)
from ui.registers.detail import DetailPane
from ui.registers.forms import page_shortcut
from ui.registers.page import RegisterPage, action_button, button_bar
from ui.registers.table import LazyQueryModel
from ui.registers.void import AlasanDialog

_P = Permohonan
ALL_SERVICES = "Semua layanan"
ALL_STATUSES = "Semua status"


class PermohonanModel(LazyQueryModel):
    """The requests of some services, newest first; late ones in red."""

    COL_NOMOR, COL_DITERIMA, COL_LAYANAN, COL_PEMOHON, COL_NIK, COL_DESA, COL_STATUS, \
        COL_TARGET = range(8)
    HEADERS = ("No. Register", "Diterima", "Layanan", "Pemohon", "NIK", "Desa", "Status",
               "Target selesai")
    SORT_KEYS = ((_P.diterima_pada, True), (_P.id, True))
    _ID, _SOP, _NOMOR, _TAHUN, _DITERIMA, _NAMA, _NIK, _DESA, _STATUS, _TARGET, _SELESAI = \
        range(11)
    FORMATS = {COL_PEMOHON: (_NAMA, None), COL_NIK: (_NIK, None), COL_DESA: (_DESA, None)}

    def __init__(self, sop_ids: tuple[str, ...], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sop_ids = sop_ids
        self.filters = ly.LayananFilter(sop_ids=sop_ids)
        self.now = dt.datetime.now()
        self._names = {sop.id: sop.name.removeprefix("Pelayanan ") for sop in ly.layanan_sops()}

    def base_query(self) -> peewee.SelectQuery:
        self.now = dt.datetime.now()
        return (ly.query_permohonan(self.filters, self.now)
                .select(_P.id, _P.sop_id, _P.nomor, _P.tahun, _P.diterima_pada,
                        _P.pemohon_nama, _P.pemohon_nik, _P.pemohon_desa, _P.status,
                        _P.target_selesai, _P.selesai_pada))

    def late(self, row: tuple) -> bool:
        target = row[self._TARGET]
        if target is None:
            return False
        if row[self._SELESAI] is not None:
            return row[self._SELESAI] > target
        return row[self._STATUS] in ly.DIPROSES_KANTOR and self.now > target

    def late_at(self, row: int) -> bool:
        values = self.row_tuple(row)
        return values is not None and self.late(values)

    def cell(self, row: tuple, column: int, role: int) -> Any:
        late = self.late(row)
        closed = row[self._STATUS] in (ly.DIBATALKAN, ly.DITOLAK)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column, late)
        if role == Qt.ItemDataRole.ToolTipRole:
            if late:
                return "Terlambat: melewati standar waktu SOP"
            return self._text(row, column, late) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if late:
                return URGENT
            return MUTED if closed else None
        if role == Qt.ItemDataRole.BackgroundRole and late:
            return LATE_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and late and column == self.COL_STATUS:
            return bold_font()
        return None

    def _text(self, row: tuple, column: int, late: bool) -> str:
        if column == self.COL_NOMOR:
            return ly.format_nomor_register(row[self._SOP], row[self._NOMOR], row[self._TAHUN])
        if column == self.COL_DITERIMA:
            return format_waktu(row[self._DITERIMA])
        if column == self.COL_LAYANAN:
            return self._names.get(row[self._SOP], row[self._SOP])
        if column in self.FORMATS:
            return self.text(row, column)
        if column == self.COL_STATUS:
            status = ly.STATUS_LABELS.get(row[self._STATUS], row[self._STATUS])
            return f"{status} \u2014 Terlambat" if late else status
        return format_waktu(row[self._TARGET], empty="-")


class PermohonanDetail(DetailPane):
    """The selected request: pemohon, status, time against the standard, the requirements
    checklist (ticking saves at once) and the SOP steps."""

    syarat_changed = Signal(str, bool)

    FIELDS = ("Nomor register", "Tanda terima", "Layanan", "Pemohon", "NIK", "Alamat",
              "Status", "Diterima", "Waktu", "Pengambilan")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("permohonanDetail", parent)
        form = self.value_form(grow=True)
        self.checklist = ChecklistWidget()
        self.checklist.itemChanged.connect(self._ticked)
        self._filling = False
        form.addRow("Syarat:", self.checklist)
        self.progress_model = ProgressTableModel(self)
        self.progress_view = progress_table_view(
            self.progress_model, {0: 36, 2: 110, 3: 110, 4: 165, 5: 70, 6: 110, 7: 190})
        self.progress_title = QLabel()
        right = progress_pane(self.progress_title, self.progress_view)
        self.set_body_beside_progress(
            "Pilih permohonan di tabel untuk melihat rincian dan langkahnya.", form, 320, right,
            (380, 900))
        self.show_record(None)

    def show_record(self, p: Permohonan | None) -> None:
        self.show_empty(p is None)
        self._filling = True
        try:
            if p is None:
                self.progress_model.set_steps([])
                self.checklist.set_items([])
                return
            self._fill(p)
        finally:
            self._filling = False

    def _fill(self, p: Permohonan) -> None:
        sop = ly.sop_permohonan(p)
        now = dt.datetime.now()
        late = ly.terlambat(p, now)
        status = ly.STATUS_LABELS[p.status]
        reason = p.batal_alasan if p.status == ly.DIBATALKAN else p.status_alasan
        status_html = html.escape(status + (f": {reason}" if reason else ""))
        if late:
            status_html += (f" <b style='color:{URGENT.name()}'>\u2014 TERLAMBAT</b>")
        try:
            info = periksa_nik(p.pemohon_nik)
            nik = (f"{p.pemohon_nik} ({JENIS_KELAMIN_LABELS[info.jenis_kelamin].lower()}, "
                   f"lahir {info.tanggal_lahir:%d-%m-%Y})")
        except NikError:
            nik = p.pemohon_nik
        standard = ly.standar_waktu(sop)
        actual = ly.waktu_proses(p, now)
        waktu = (f"standar {ly.format_durasi(standard)}, " if standard else
                 "standar tidak tercantum di SOP, ") + (
            f"{'selesai dalam' if p.selesai_pada else 'sudah berjalan'} "
            f"{ly.format_durasi(actual)}")
        if p.target_selesai and not p.selesai_pada:
            waktu += f"; target {format_waktu(p.target_selesai)}"
        texts = {
            "Nomor register": ly.nomor_register(p),
            "Tanda terima": ly.nomor_tanda_terima(p),
            "Layanan": sop.name + (" (SOP belum dirinci)" if sop.is_draft else ""),
            "Pemohon": p.pemohon_nama + (f", telp. {p.telepon}" if p.telepon else ""),
            "NIK": nik,
            "Alamat": p.pemohon_alamat + (f", Desa {p.pemohon_desa}" if p.pemohon_desa
                                          else ""),
            "Diterima": f"{format_waktu(p.diterima_pada)} oleh {p.petugas}",
            "Waktu": waktu,
            "Pengambilan": (f"{p.diambil_oleh}, {format_waktu(p.diambil_pada)}"
                            if p.diambil_oleh else "-"),
        }
        self.set_values(texts)
        self.values["Status"].setText(status_html)
        self.checklist.set_items([(row.syarat, row.ada) for row in ly.syarat_of(p)])
        editable = p.status not in (ly.DIAMBIL, ly.DITOLAK, ly.DIBATALKAN)
        for index in range(self.checklist.count()):
            item: QListWidgetItem = self.checklist.item(index)
            if not editable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        self.progress_title.setText(
            "Alur minimal (SOP belum dirinci)" if sop.is_draft else f"Langkah menurut {sop.name}")
        self.progress_model.set_steps(ly.kemajuan(p))

    def _ticked(self, item: QListWidgetItem) -> None:
        if not self._filling:
            self.syarat_changed.emit(item.text(), item.checkState() == Qt.CheckState.Checked)


class LayananPage(RegisterPage):
    """The Layanan page of one seksi (its services only).

    Signals: ``changed`` after anything was written, ``status_message(str)`` for the status bar.
    """


    RECORD = Permohonan
    COUNT_NOUN = "permohonan"
    # No. Register holds the service: "rekomendasi-skck/12/2026" must show whole
    _WIDTHS = {0: 190, 1: 175, 2: 170, 4: 140, 5: 110, 6: 200, 7: 175}

    def __init__(self, seksi_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layananPage")
        self.seksi_id = seksi_id
        self.services: list[Sop] = ly.layanan_seksi(seksi_id)
        self._current: Permohonan | None = None

        self.new_button = action_button("Permohonan &Baru", "permohonanBaruButton",
                                        self.permohonan_baru,
                                        "Daftarkan permohonan layanan (Ctrl+N)")
        self.new_action = page_shortcut(
            self, "Permohonan Baru", QKeySequence.StandardKey.New, self.permohonan_baru)
        self.next_button = action_button("&Langkah berikutnya", "lanjutButton", self.lanjut)
        self.incomplete_button = action_button("&Kurang lengkap…", "kurangLengkapButton",
                                               self.kurang_lengkap)
        self.refuse_button = action_button("T&olak…", "tolakButton", self.tolak)
        self.ready_button = action_button("Siap &diambil", "siapButton", self.siapkan,
                                          "Catat semua langkah sisa sampai hasil siap diambil")
        self.collect_button = action_button("Buku &Pengambilan…", "ambilButton", self.ambil)
        self.print_button = action_button(
            "Cetak &Tanda Terima…", "cetakTandaTerimaButton", self.cetak_tanda_terima,
            "Pratinjau dan cetak tanda terima dengan kode QR (Ctrl+P)")
        self.print_action = page_shortcut(
            self, "Cetak Tanda Terima", QKeySequence.StandardKey.Print, self.cetak_tanda_terima)
        self.preview: QWidget | None = None
        self.cancel_button = action_button(
            "Bata&lkan…", "batalkanButton", self.batalkan,
            "Batalkan permohonan dengan alasan; nomornya tetap tercatat")
        buttons = button_bar(self.new_button, self.next_button, self.incomplete_button,
                             self.refuse_button, self.ready_button, self.collect_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.cancel_button)

        sop_ids = tuple(sop.id for sop in self.services)
        self._build_register(PermohonanModel(sop_ids, self), table_name="permohonanTable",
                             search_name="cariPermohonan",
                             search_hint="Nama, NIK, alamat, desa atau nomor register",
                             count_name="jumlahPermohonan", widths=self._WIDTHS,
                             stretch=PermohonanModel.COL_PEMOHON)
        self.service_filter = self._choice_filter(
            "layananFilter", ALL_SERVICES,
            ((sop.name.removeprefix("Pelayanan "), sop.id) for sop in self.services))
        self.status_filter = self._choice_filter(
            "statusFilter", ALL_STATUSES,
            ((label, f"kelompok:{kelompok}") for kelompok, label in ly.KELOMPOK_LABELS.items()))
        self.status_filter.blockSignals(True)
        self.status_filter.insertSeparator(self.status_filter.count())
        for status, label in ly.STATUS_LABELS.items():
            self.status_filter.addItem(label, status)
        self.status_filter.blockSignals(False)
        filters = self._filter_row(fields=(("&Tahun:", self.year_filter),
                                           ("La&yanan:", self.service_filter),
                                           ("&Status:", self.status_filter),
                                           ("&Cari:", self.search)), spacing=10)
        self._lay_out_over_detail(buttons, filters, detail=PermohonanDetail(), sizes=(300, 400))
        self.detail.syarat_changed.connect(self._syarat_changed)
        set_order = [self.new_button, self.next_button, self.incomplete_button,
                     self.refuse_button, self.ready_button, self.collect_button,
                     self.print_button, self.cancel_button, self.year_filter, self.service_filter,
                     self.status_filter, self.search, self.table]
        for first, second in zip(set_order, set_order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._update_buttons()

    # --- filters and selection -------------------------------------------------------------

    def _set_filters(self) -> None:
        chosen = self.service_filter.currentData()
        status = self.status_filter.currentData() or ""
        kelompok = status.removeprefix("kelompok:") if status.startswith("kelompok:") else None
        self.model.filters = ly.LayananFilter(
            sop_ids=(chosen,) if chosen else self.model.sop_ids,
            status=None if kelompok or not status else status, kelompok=kelompok,
            tahun=self.year_filter.currentData(), teks=self.search.text())

    def apply_overview_filter(self, kelompok: str) -> None:
        """Show the list behind an overview number: that group, every service, every year."""
        self._clear_filters()
        index = self.status_filter.findData(f"kelompok:{kelompok}") if kelompok else 0
        self.status_filter.blockSignals(True)
        self.status_filter.setCurrentIndex(max(index, 0))
        self.status_filter.blockSignals(False)
        if self._loaded:
            self._apply_filters()
        else:
            self.refresh()

    def _update_buttons(self) -> None:
        p = self._current
        status = p.status if p is not None else None
        processing = status in ly.DIPROSES_KANTOR
        following = ly.langkah_berikutnya(p) if p is not None and processing else None
        if status == ly.KURANG_LENGKAP:
            self.next_button.setText("Berkas &dilengkapi")
            self.next_button.setToolTip("Pemohon membawa syarat yang kurang: centang di daftar "
                                        "syarat, lalu tekan ini")
        elif following is not None:
            self.next_button.setText(f"&Langkah {following[0]} selesai")
            self.next_button.setToolTip(following[1])
        else:
            self.next_button.setText("&Langkah berikutnya")
            self.next_button.setToolTip("Pilih permohonan yang masih diproses.")
        self.next_button.setEnabled(processing or status == ly.KURANG_LENGKAP)
        self.incomplete_button.setEnabled(status == ly.DITERIMA)
        self.refuse_button.setEnabled(status in (*ly.DIPROSES_KANTOR, ly.KURANG_LENGKAP)
                                      and status != ly.DITANDATANGANI)
        self.ready_button.setEnabled(status in (ly.DIVERIFIKASI, ly.MENUNGGU_TTD,
                                                ly.DITANDATANGANI, ly.DIPROSES))
        self.collect_button.setEnabled(status in ly.SIAP)
        self.print_button.setEnabled(p is not None and status != ly.DIBATALKAN)
        self.cancel_button.setEnabled(p is not None and status != ly.DIBATALKAN)

    # --- actions ---------------------------------------------------------------------------

    def permohonan_baru(self) -> None:
        if not self.services:
            return
        dialog = PermohonanDialog(self.services, self, sop_id=self.service_filter.currentData())
        self._open(dialog, lambda: self._created(dialog))

    def _created(self, dialog: PermohonanDialog) -> None:
        p = dialog.permohonan
        if not self._after_write(p, reveal=True):
            return
        self.status_message.emit(f"Permohonan {p.pemohon_nama} terdaftar dengan nomor register "
                                 f"{ly.nomor_register(p)}, tanda terima "
                                 f"{ly.nomor_tanda_terima(p)}.")
        self.cetak_tanda_terima()  # the pemohon takes the tanda terima home at once

    def _run(self, action: Any, done: str) -> bool:
        """Run a service call on the selected request; reload and report either way."""
        p = self._current
        if p is None:
            return False
        try:
            action(p)
        except (ValidationError, PermissionDenied) as exc:
            self._reload(p.id)
            problems = exc.problems.values() if isinstance(exc, ValidationError) else [str(exc)]
            QMessageBox.warning(self, "Tidak bisa dicatat", "\n".join(problems))
            return False
        self._reload(p.id)
        self.changed.emit()
        self.status_message.emit(f"{ly.nomor_register(p)}: {done} "
                                 f"({ly.STATUS_LABELS[p.status]}).")
        return True

    def lanjut(self) -> None:
        p = self._current
        if p is None:
            return
        if p.status == ly.KURANG_LENGKAP:
            self._run(lambda q: ly.lengkapi(q, self.detail.checklist.ticked()),
                      "berkas dilengkapi")
        else:
            following = ly.langkah_berikutnya(p)
            self._run(ly.lanjut, f"langkah {following[0] if following else ''} selesai")

    def cetak_tanda_terima(self) -> QWidget | None:
        """Preview (and print) the selected request's tanda terima with its signed QR code."""
        from jogoroto_desktop import documents
        from printing.forms.tanda_terima import build_tanda_terima
        from ui.pdf_preview import FormJob, open_form_preview

        p = self.current_record()
        if p is None or p.status == ly.DIBATALKAN:
            return None
        self.preview = open_form_preview(self, FormJob(
            "tanda_terima", f"Tanda Terima {ly.nomor_tanda_terima(p)}", ("A4", "HALF_FOLIO"),
            lambda path, paper: build_tanda_terima(documents.tanda_terima_data(p), path, paper),
            (p,), "Tanda Terima"))
        return self.preview

    def siapkan(self) -> None:
        self._run(ly.siapkan, "hasil siap diambil")

    def _syarat_changed(self, syarat: str, ada: bool) -> None:
        # Saved after the checkbox's own signal returns: saving refills the checklist.
        QTimer.singleShot(0, lambda: self._run(
            lambda q: ly.centang_syarat(q, {syarat: ada}),
            f"syarat \u201c{syarat}\u201d {'ada' if ada else 'tidak ada'}"))

    def _ask_reason(self, title: str, about: str, ok_text: str, action: Any, hint: str,
                    done: str) -> None:
        p = self._current
        if p is None:
            return
        dialog = AlasanDialog(title, about, ok_text, lambda text: action(p, text), self, hint)
        self._open(dialog, lambda: self._after(p, done))

    def _after(self, p: Permohonan, done: str) -> None:
        self._reload(p.id)
        self.changed.emit()
        self.status_message.emit(f"{ly.nomor_register(p)}: {done}.")

    def kurang_lengkap(self) -> None:
        missing = ly.syarat_kurang(self._current) if self._current else []
        self._ask_reason("Berkas Kurang Lengkap",
                         "Permohonan dikembalikan kepada pemohon untuk dilengkapi (langkah "
                         "verifikasi: Tidak).", "&Catat Kurang Lengkap", ly.kurang_lengkap,
                         "; ".join(missing) + " belum dibawa" if missing else
                         "mis. fotokopi KK tidak terbaca", "kurang lengkap")

    def tolak(self) -> None:
        self._ask_reason("Tolak Permohonan", "Permohonan ditolak dan tidak diproses lagi.",
                         "&Tolak Permohonan", ly.tolak, "mis. dokumen asli tidak dapat "
                         "ditunjukkan", "ditolak")

    def batalkan(self) -> None:
        self._ask_reason("Batalkan Permohonan", "Permohonan dibatalkan; nomor register dan "
                         "tanda terimanya tetap tercatat dan tidak dipakai lagi.",
                         "Batal&kan Permohonan", ly.batalkan, "mis. salah input, didaftar "
                         "dua kali", "dibatalkan")

    def ambil(self) -> None:
        p = self._current
        if p is None or p.status not in ly.SIAP:
            return
        dialog = PengambilanDialog(p, self)
        self._open(dialog, lambda: self._after(p, f"diambil oleh {p.diambil_oleh}"))
