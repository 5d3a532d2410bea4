"""The Surat Pengantar register page (Sekretariat): the list, a form with an editable items
table, voiding with a reason, printing through the preview, and scan-to-open."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import peewee
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import documents
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.registers.kernel import known_values, read_record
from jogoroto_desktop.registers.pengantar import (
    DEFAULT_KLASIFIKASI,
    STATUS_LABELS,
    ItemInput,
    SuratPengantarInput,
    batalkan_surat_pengantar,
    buat_surat_pengantar,
    items_of,
    query_pengantar_rows,
)
from jogoroto_desktop.registers.surat import DIBATALKAN, pejabat_aktif
from models import Pejabat, SuratPengantar
from printing.forms.surat_pengantar import build_surat_pengantar
from ui.item_models import format_waktu
from ui.pdf_preview import FormJob, PdfPreviewDialog, open_form_preview
from ui.qr_widget import QrWidget
from ui.registers.dates import from_date, to_date
from ui.registers.detail import DetailPane
from ui.registers.forms import (
    EnterMovesOn,
    FormDialog,
    make_buttons,
    named_line,
    page_shortcut,
    set_tab_order,
    widget_row,
)
from ui.registers.letters import kepada_line, klasifikasi_combo, letter_date_edit, parse_klasifikasi
from ui.registers.page import MessageBanner, RegisterPage, action_button, button_bar, not_voided
from ui.registers.table import LazyQueryModel, label_of, muted_look
from ui.registers.void import AlasanDialog
from ui.verify_dialog import ScanToOpen

_SP = SuratPengantar
PAPERS = ("A4", "F4")


def pengantar_job(sp: SuratPengantar) -> FormJob:
    """The Surat Pengantar of `sp` to preview and print (paper remembered as "pengantar")."""
    return FormJob("pengantar", f"Surat Pengantar {sp.nomor}", PAPERS,
                   lambda path, paper: build_surat_pengantar(
                       documents.surat_pengantar_data(sp), path, paper),
                   (sp,), "Surat Pengantar")


# --- the register model --------------------------------------------------------------------

class SuratPengantarModel(LazyQueryModel):
    """The register, newest first; filters `tahun` and `teks`."""

    COL_NOMOR, COL_TANGGAL, COL_KEPADA, COL_DI, COL_TTD, COL_STATUS = range(6)
    HEADERS = ("Nomor", "Tanggal", "Kepada", "Di", "Penandatangan", "Status")
    SORT_KEYS = ((_SP.tahun, True), (_SP.urut, True), (_SP.id, True))
    _ID, _NOMOR, _TANGGAL, _KEPADA, _DI, _TTD, _STATUS = range(7)
    FORMATS = {COL_NOMOR: (_NOMOR, None), COL_TANGGAL: (_TANGGAL, format_tanggal),
               COL_KEPADA: (_KEPADA, None), COL_DI: (_DI, None), COL_TTD: (_TTD, None),
               COL_STATUS: (_STATUS, label_of(STATUS_LABELS))}

    def base_query(self) -> peewee.SelectQuery:
        return query_pengantar_rows(self.tahun, self.teks)

    def cell(self, row: tuple, column: int, role: int) -> Any:
        voided = row[self._STATUS] == DIBATALKAN
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, column) or None
        return muted_look(role, voided, voided and column == self.COL_STATUS)


# --- the items table -----------------------------------------------------------------------

class ItemsTable(QTableWidget):
    """Jenis | Banyaknya | Keterangan, typed like a paper form: Enter or Tab moves to the next
    cell; past the last cell a new row starts, unless the last row is still empty (then the
    focus leaves the table)."""

    HEADERS = ("Jenis yang dikirim", "Banyaknya", "Keterangan")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.setObjectName("itemsTable")
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        self.setTabKeyNavigation(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(1, 130)
        self.setColumnWidth(2, 220)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.add_row()

    def add_row(self) -> int:
        row = self.rowCount()
        self.insertRow(row)
        for column in range(self.columnCount()):
            self.setItem(row, column, QTableWidgetItem(""))
        return row

    def remove_current_row(self) -> None:
        row = self.currentRow()
        if row < 0:
            return
        self.removeRow(row)
        if self.rowCount() == 0:
            self.add_row()
        self.setCurrentCell(min(row, self.rowCount() - 1), 0)

    def row_blank(self, row: int) -> bool:
        return all(not (self.item(row, c) and self.item(row, c).text().strip())
                   for c in range(self.columnCount()))

    def items(self) -> list[ItemInput]:
        def text(row: int, column: int) -> str:
            item = self.item(row, column)
            return item.text() if item is not None else ""

        return [ItemInput(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.rowCount())]

    def set_items(self, items: list[ItemInput]) -> None:
        self.setRowCount(0)
        for item in items or [ItemInput("", "")]:
            row = self.add_row()
            for column, value in enumerate((item.jenis, item.banyaknya, item.keterangan)):
                self.item(row, column).setText(value)

    def commit_editor(self) -> None:
        """Write an open cell editor's text into the table (moving the current cell away and
        back commits it, as clicking elsewhere does)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        current = self.currentIndex()
        self.setCurrentIndex(QModelIndex())
        self.setCurrentIndex(current)

    def _at_last_cell(self) -> bool:
        current = self.currentIndex()
        return (current.row() == self.rowCount() - 1
                and current.column() == self.columnCount() - 1)

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        if action == QAbstractItemView.CursorAction.MoveNext and self._at_last_cell():
            last = self.rowCount() - 1
            if self.row_blank(last):
                # Done: on to the buttons. QWidget's own focus move, not the view's (which
                # would send Tab back to this table).
                QWidget.focusNextPrevChild(self, True)
                return self.currentIndex()
            return self.model().index(self.add_row(), 0)
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # Enter in a cell
            hint = QAbstractItemDelegate.EndEditHint.EditNextItem
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.state() != QAbstractItemView.State.EditingState):
            target = self.moveCursor(QAbstractItemView.CursorAction.MoveNext,
                                     Qt.KeyboardModifier.NoModifier)
            if self.hasFocus() and target.isValid():
                self.setCurrentIndex(target)
                self.edit(target)
            return
        super().keyPressEvent(event)


# --- dialogs -------------------------------------------------------------------------------

class SuratPengantarDialog(FormDialog):
    """A new surat pengantar. Problems appear next to their fields; nothing is written until
    every field is right. After accept(), `surat` is the new record."""

    def __init__(self, parent: QWidget | None = None,
                 kepada_choices: list[str] | None = None) -> None:
        super().__init__(parent, title="Surat Pengantar Baru", name="suratPengantarDialog")
        self.surat: SuratPengantar | None = None
        self.sumber = ""  # the register entry a prepared pengantar comes from
        self.resize(760, 560)

        self.kepada = kepada_line("mis. Kepala BKPSDM Kabupaten Jombang", kepada_choices, self)
        self.di = named_line("di", "mis. Jombang (boleh kosong)")
        self.tanggal = letter_date_edit()
        self.klasifikasi = klasifikasi_combo("Ketik kode atau nama, mis. 005 Undangan",
                                             DEFAULT_KLASIFIKASI)
        self.penandatangan = QComboBox()
        self.penandatangan.setObjectName("penandatangan")
        for pejabat in pejabat_aktif():
            label = pejabat.jabatan + (f" \u2014 {pejabat.nama}" if pejabat.nama else "")
            self.penandatangan.addItem(label, pejabat.jabatan)
        self.penandatangan.setCurrentIndex(max(self.penandatangan.findData("Camat"), 0))

        self.items = ItemsTable()
        self.add_row_button = action_button("&Tambah baris", "tambahBaris", self._add_row)
        self.remove_row_button = action_button("&Hapus baris", "hapusBaris",
                                               self.items.remove_current_row)
        for button in (self.add_row_button, self.remove_row_button):
            button.setAutoDefault(False)
        hint = QLabel("Enter/Tab pindah ke kolom berikutnya; sesudah kolom terakhir baris baru "
                      "dibuat.")
        hint.setStyleSheet("color: #555;")
        row_buttons = widget_row(hint, self.add_row_button, self.remove_row_button)
        form = self.messages.form((
            ("&Kepada Yth.:", "kepada", self.kepada),
            ("&Di:", "di", self.di),
            ("Tan&ggal surat:", "tanggal", self.tanggal),
            ("K&lasifikasi:", "klasifikasi", self.klasifikasi),
            ("&Penandatangan:", "penandatangan", self.penandatangan),
            ("&Barang dikirim:", "items", self.items),
        ), hints={"items": row_buttons})

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.messages.general)
        layout.addLayout(make_buttons(self, "&Simpan dan Beri Nomor", self.save,
                                      auto_default=False))
        self.enter = EnterMovesOn(self)
        self.enter.watch(self.kepada, self.di, self.tanggal, self.klasifikasi,
                         self.penandatangan)
        set_tab_order([self.kepada, self.di, self.tanggal, self.klasifikasi, self.penandatangan,
                       self.items, self.add_row_button, self.remove_row_button,
                       self.ok_button, self.cancel_button])
        self.kepada.setFocus()

    def _add_row(self) -> None:
        row = self.items.add_row()
        self.items.setFocus()
        self.items.setCurrentCell(row, 0)
        self.items.editItem(self.items.item(row, 0))

    def prefill(self, data: dict) -> None:
        """Fill the form with a prepared pengantar (e.g. `kepegawaian.pengantar_bkd`) for the
        clerk to check before it is numbered."""
        self.kepada.setText(data.get("kepada", ""))
        self.di.setText(data.get("di", ""))
        day = data.get("tanggal")
        if isinstance(day, dt.date):
            self.tanggal.setDate(from_date(day))
        kode = data.get("klasifikasi")
        if kode and self.klasifikasi.findData(kode) >= 0:
            self.klasifikasi.setCurrentIndex(self.klasifikasi.findData(kode))
        signer = self.penandatangan.findData(data.get("penandatangan_jabatan", ""))
        if signer >= 0:
            self.penandatangan.setCurrentIndex(signer)
        self.items.set_items([ItemInput(**item) for item in data.get("items", [])])
        self.sumber = data.get("sumber", "")

    def values(self) -> SuratPengantarInput:
        day = self.tanggal.date()
        return SuratPengantarInput(
            kepada=self.kepada.text(),
            tanggal=to_date(day),
            items=self.items.items(),
            di=self.di.text(),
            klasifikasi=parse_klasifikasi(self.klasifikasi.currentText()),
            penandatangan_jabatan=self.penandatangan.currentData() or "",
            sumber=self.sumber,
        )

    def save(self) -> None:
        self.items.commit_editor()  # Ctrl+S while typing in a cell keeps what was typed
        with self.messages.showing_problems():
            self.surat = buat_surat_pengantar(self.values())
            self.accept()


class BatalkanPengantarDialog(AlasanDialog):
    """Void a surat pengantar with a reason; its nomor stays in the register."""

    def __init__(self, surat: SuratPengantar, parent: QWidget | None = None) -> None:
        super().__init__(
            "Batalkan Surat Pengantar",
            f"Surat pengantar <b>{html.escape(surat.nomor)}</b> kepada "
            f"{html.escape(surat.kepada)} dibatalkan. Nomornya tetap tercatat dan tidak dipakai "
            "lagi.", "Batal&kan Surat",
            lambda alasan: batalkan_surat_pengantar(surat, alasan), parent,
            hint="mis. Salah tujuan; dibuat ulang dengan nomor baru", label="&Alasan:",
            object_name="batalkanPengantarDialog")
        self.surat = surat


# --- the page ------------------------------------------------------------------------------

class PengantarDetail(DetailPane):
    """The selected surat pengantar: fields, items and its QR code."""

    FIELDS = ("Nomor", "Tanggal", "Kepada", "Penandatangan", "Status", "Dicatat")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("pengantarDetail", parent)
        form = self.value_form()
        self.items = QLabel()
        self.items.setObjectName("detail_items")
        self.items.setWordWrap(True)
        self.items.setTextFormat(Qt.TextFormat.RichText)
        self.items.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.qr = QrWidget()
        self.qr_label = QLabel()
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.qr_label.setObjectName("detail_qr_label")
        qr_box = QVBoxLayout()
        qr_box.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        qr_box.addWidget(self.qr_label)
        qr_box.addStretch(1)
        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form, 2)
        body.addWidget(self.items, 3)
        body.addLayout(qr_box)
        self.set_body("Pilih surat pengantar di tabel untuk melihat rinciannya.", self.body)
        self.show_record(None)

    def show_record(self, sp: SuratPengantar | None) -> None:
        self.show_empty(sp is None)
        if sp is None:
            self.qr.set_payload("")
            return
        status = STATUS_LABELS.get(sp.status, sp.status)
        if sp.status == DIBATALKAN and sp.batal_pada:
            status += f" pada {format_tanggal(sp.batal_pada.date())}: {sp.batal_alasan}"
        kepada = sp.kepada + (f", di {sp.di}" if sp.di else "")
        signer = read_record(Pejabat, sp.penandatangan_id)
        texts = {
            "Nomor": sp.nomor,
            "Tanggal": format_tanggal(sp.tanggal),
            "Kepada": kepada,
            "Penandatangan": signer.jabatan + (f" ({signer.nama})" if signer.nama else ""),
            "Status": status,
            "Dicatat": f"{sp.dibuat_oleh}, {format_waktu(sp.dibuat_pada)}",
        }
        self.set_values(texts)
        rows = "".join(
            f"<tr><td>{i.urutan}.</td><td>{html.escape(i.jenis)}</td>"
            f"<td>{html.escape(i.banyaknya)}</td><td>{html.escape(i.keterangan)}</td></tr>"
            for i in items_of(sp))
        self.items.setText(
            "<table cellspacing='0' cellpadding='3' border='1' width='100%'>"
            "<tr><th>No.</th><th>Jenis yang dikirim</th><th>Banyaknya</th>"
            f"<th>Keterangan</th></tr>{rows}</table>")
        self.qr.set_payload(documents.payload_for("SP", sp.tahun, sp.urut))
        self.qr_label.setText(f"SP {sp.urut}/{sp.tahun}")


class SuratPengantarPage(RegisterPage):
    """The Surat Pengantar register. Signals: `changed` after anything was written,
    `status_message(str)` for the window's status bar."""


    RECORD = SuratPengantar
    COUNT_NOUN = "surat pengantar"
    _WIDTHS = {0: 190, 1: 140, 3: 120, 4: 170, 5: 110}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suratPengantarPage")
        self.preview: PdfPreviewDialog | None = None
        self.new_button = action_button("Surat Pengantar &Baru", "pengantarBaruButton",
                                        self.surat_baru, "Buat surat pengantar baru (Ctrl+N)")
        self.new_action = page_shortcut(
            self, "Surat Pengantar Baru", QKeySequence.StandardKey.New, self.surat_baru)
        self.print_button = action_button(
            "&Cetak Surat Pengantar\u2026", "cetakPengantarButton", self.cetak,
            "Pratinjau dan cetak surat pengantar terpilih (Ctrl+P)")
        self.print_action = page_shortcut(self, "Cetak", QKeySequence.StandardKey.Print, self.cetak)
        self.cancel_button = action_button("Bata&lkan\u2026", "batalkanButton", self.batalkan,
                                           "Batalkan dengan alasan; nomornya tetap tercatat")
        buttons = button_bar(self.new_button, self.print_button)
        buttons.addWidget(self.cancel_button)

        self._build_register(SuratPengantarModel(self), table_name="pengantarTable",
                             search_name="cariPengantar",
                             search_hint="Kepada, nomor atau jenis barang; atau pindai kode QR",
                             count_name="jumlahPengantar", widths=self._WIDTHS,
                             stretch=SuratPengantarModel.COL_KEPADA)
        self.scan = ScanToOpen(self, "SP", self.show_message)
        filters = self._filter_row(fields=(("&Tahun:", self.year_filter), ("Ca&ri:", self.search)))
        self.banner = MessageBanner("pengantarBanner")
        self._lay_out_over_detail(buttons, filters, self.banner, detail=PengantarDetail())
        set_tab_order([self.new_button, self.print_button, self.cancel_button,
                       self.year_filter, self.search, self.table])
        self._current: SuratPengantar | None = None
        self._update_buttons()

    # loading and selection

    def _update_buttons(self) -> None:
        sp = self._current
        self.print_button.setEnabled(sp is not None)
        self.cancel_button.setEnabled(sp is not None and sp.status != DIBATALKAN)

    def show_message(self, text: str, error: bool = False) -> None:
        self.banner.show_text(text, error)
        self.status_message.emit(text)

    # actions
    def surat_baru(self) -> None:
        dialog = SuratPengantarDialog(self,
                                      kepada_choices=known_values(SuratPengantar.kepada))
        self._open(dialog, lambda: self._created(dialog))

    def _created(self, dialog: SuratPengantarDialog) -> None:
        sp = dialog.surat
        if not self._after_write(sp, reveal=True):
            return
        self.show_message(f"Surat pengantar kepada {sp.kepada} dicatat dengan nomor "
                          f"{sp.nomor}. Cetak dengan tombol Cetak Surat Pengantar.")

    def cetak(self) -> PdfPreviewDialog | None:
        sp = self.current_record()
        if sp is None:
            return None
        self.preview = open_form_preview(self, pengantar_job(sp))
        return self.preview

    def batalkan(self) -> None:
        self._open_on_selected(lambda sp: BatalkanPengantarDialog(sp, self), self._voided,
                               not_voided)

    def _voided(self, dialog: BatalkanPengantarDialog) -> None:
        self._reload(dialog.surat.id)
        self.changed.emit()
        self.show_message(f"Surat pengantar {dialog.surat.nomor} dibatalkan; nomornya tetap "
                          "tercatat.")


def prepared_pengantar_dialog(parent: QWidget, data: dict) -> SuratPengantarDialog:
    """A new surat pengantar filled from `data` (e.g. `kepegawaian.pengantar_bkd`) for the clerk
    to check; once saved (and numbered) its print preview opens."""
    dialog = SuratPengantarDialog(parent)
    dialog.setWindowTitle("Surat Pengantar dari Register Kepegawaian")
    dialog.prefill(data)

    def saved() -> None:
        if dialog.surat is not None:
            dialog.preview = open_form_preview(parent, pengantar_job(dialog.surat))

    dialog.accepted.connect(saved)
    return dialog
