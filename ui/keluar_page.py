"""Agenda Surat Keluar: outgoing letters from konsep to numbered and sent, following the SOP
Pengelolaan Surat Keluar (konsep, paraf Sekcam, tanda tangan Camat, agenda dan nomor, ekspedisi).
"""

from __future__ import annotations

import html
from typing import Any

import peewee
from PySide6.QtCore import (
    Qt,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

from jogoroto_desktop import documents
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.registers.ekspedisi import ekspedisi_of_keluar
from jogoroto_desktop.registers.kernel import known_values, read_record
from jogoroto_desktop.registers.surat import DIBATALKAN, JENIS_KELUAR, SIFAT, SIFAT_LABELS, progress
from jogoroto_desktop.registers.surat_keluar import (
    KELUAR_FLOW,
    KELUAR_STATUS_LABELS,
    SuratKeluarInput,
    majukan_surat_keluar,
    query_surat_keluar,
    register_surat_keluar,
    update_surat_keluar,
    void_surat_keluar,
)
from jogoroto_desktop.sop.catalog import SEKSI, SEKSI_BY_ID
from jogoroto_desktop.validation import ValidationError
from models import SuratKeluar
from printing.forms.kartu_kendali import build_kartu_kendali
from ui.batch_print import ask_kartu_batch
from ui.ekspedisi_page import KirimEkspedisiDialog
from ui.icons import action_icon_name, icon
from ui.item_models import format_waktu
from ui.pdf_preview import FormJob, PdfPreviewDialog, open_form_preview
from ui.progress_model import ProgressTableModel, progress_pane, progress_table_view
from ui.qr_widget import QrWidget
from ui.registers.dates import from_date, to_date
from ui.registers.detail import DetailPane
from ui.registers.forms import FormDialog, named_line, page_shortcut, set_tab_order
from ui.registers.letters import (
    kepada_line,
    klasifikasi_combo,
    klasifikasi_label,
    letter_date_edit,
    parse_klasifikasi,
)
from ui.registers.page import MessageBanner, RegisterPage, action_button, button_bar, not_voided
from ui.registers.table import LazyQueryModel, label_of, muted_look
from ui.registers.void import AlasanDialog
from ui.verify_dialog import ScanToOpen
from ui.words import SEMUA_STATUS

_SK = SuratKeluar

#: For each status: the next step's button label, who does it, and the question asked first.
NEXT_STEP: dict[str, tuple[str, str | None, str]] = {
    "konsep": ("Paraf Sekcam", "Sekretaris Camat",
               "Catat bahwa konsep surat ini sudah diparaf Sekretaris Camat?"),
    "paraf_sekcam": ("Tanda tangan Camat", "Camat",
                     "Catat bahwa surat ini sudah ditandatangani Camat?"),
    "ttd_camat": ("Agendakan & beri nomor", None,
                  "Agendakan surat ini dan beri nomor sekarang?\n\nNomor yang sudah diberikan "
                  "tidak dipakai lagi, juga bila suratnya kelak dibatalkan."),
}
NEXT_BUTTON_TEXT = "&Maju ke langkah berikutnya"


# --- item models ---------------------------------------------------------------------------

class SuratKeluarModel(LazyQueryModel):
    """The Agenda Surat Keluar, newest first; filters: `tahun`, `status`, `teks`."""

    COL_NOMOR, COL_TANGGAL, COL_KEPADA, COL_PERIHAL, COL_SIFAT, COL_PENGOLAH, COL_STATUS = range(7)
    HEADERS = ("Nomor", "Tanggal", "Kepada", "Perihal", "Sifat", "Pengolah", "Status")
    SORT_KEYS = ((_SK.tahun, True), (_SK.id, True))
    _ID, _NOMOR, _TANGGAL, _KEPADA, _PERIHAL, _SIFAT, _PENGOLAH, _STATUS = range(8)
    FORMATS = {COL_NOMOR: (_NOMOR, None), COL_TANGGAL: (_TANGGAL, format_tanggal),
               COL_KEPADA: (_KEPADA, None), COL_PERIHAL: (_PERIHAL, None),
               COL_SIFAT: (_SIFAT, label_of(SIFAT_LABELS)),
               COL_STATUS: (_STATUS, label_of(KELUAR_STATUS_LABELS))}
    status: str | None = None

    def base_query(self) -> peewee.SelectQuery:
        return (query_surat_keluar(self.tahun, self.status, self.teks)
                .select(_SK.id, _SK.nomor, _SK.tanggal, _SK.kepada, _SK.perihal, _SK.sifat,
                        _SK.pengolah, _SK.status))

    def status_at(self, row: int) -> str | None:
        values = self.row_tuple(row)
        return None if values is None else values[self._STATUS]

    def cell(self, row: tuple, column: int, role: int) -> Any:
        voided = row[self._STATUS] == DIBATALKAN
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_NOMOR and not row[self._NOMOR]:
                return "Nomor diberikan saat surat diagendakan."
            return self._text(row, column) or None
        return muted_look(role, voided, voided and column == self.COL_STATUS)

    def _text(self, row: tuple, column: int) -> str:
        if column == self.COL_PENGOLAH:
            seksi = SEKSI_BY_ID.get(row[self._PENGOLAH])
            return seksi.name if seksi else row[self._PENGOLAH]
        return self.text(row, column)


class ProgressModel(ProgressTableModel):
    """The SOP progress of a surat keluar, without the Keterangan column: a late step reads
    "3 jam — Terlambat" in Lama."""

    HEADERS = ProgressTableModel.HEADERS[:ProgressTableModel.COL_KET]


# --- dialogs -------------------------------------------------------------------------------

class SuratKeluarDialog(FormDialog):
    """A new outgoing letter. Problems are shown next to their fields and nothing is written
    until every field is right. After accept(), `surat` is the new letter."""

    def __init__(self, oleh: str | None = None, parent: QWidget | None = None,
                 kepada_choices: list[str] | None = None) -> None:
        super().__init__(parent, title="Surat Keluar Baru", name="suratKeluarDialog",
                         min_width=560)
        self.oleh = oleh
        self.surat: SuratKeluar | None = None

        self.klasifikasi = klasifikasi_combo("Ketik kode atau nama, mis. 005 Undangan")
        self.kepada = kepada_line("mis. Kepala Desa Sumbermulyo", kepada_choices, self)
        self.perihal = named_line("perihal", "mis. Undangan rapat koordinasi")
        self.sifat = QComboBox()
        self.sifat.setObjectName("sifat")
        for sifat in SIFAT:
            self.sifat.addItem(SIFAT_LABELS[sifat], sifat)
        self.sifat.setCurrentIndex(SIFAT.index("biasa"))
        self.pengolah = QComboBox()
        self.pengolah.setObjectName("pengolah")
        for seksi in SEKSI:
            self.pengolah.addItem(seksi.name, seksi.id)
        self.lampiran = named_line("lampiran", "kosongkan bila tidak ada, mis. 1 berkas")
        self.tanggal = letter_date_edit()
        self.langsung = QCheckBox("Sudah &ditandatangani, langsung beri nomor")
        self.langsung.setObjectName("langsungBeriNomor")
        self.langsung.setToolTip("Untuk surat yang sudah ditandatangani Camat di atas kertas: "
                                 "surat langsung diagendakan dan diberi nomor.")

        self.lay_out((
            ("&Klasifikasi:", "klasifikasi", self.klasifikasi),
            ("K&epada:", "kepada", self.kepada),
            ("&Perihal:", "perihal", self.perihal),
            ("&Sifat:", "sifat", self.sifat),
            ("Pen&golah:", "pengolah", self.pengolah),
            ("&Lampiran:", "lampiran", self.lampiran),
            ("&Tanggal surat:", "tanggal", self.tanggal),
            ("", "langsung", self.langsung),
        ), "&Simpan", self.save, stretch=True)

    def values(self) -> SuratKeluarInput:
        day = self.tanggal.date()
        return SuratKeluarInput(
            klasifikasi=parse_klasifikasi(self.klasifikasi.currentText()),
            kepada=self.kepada.text(),
            perihal=self.perihal.text(),
            sifat=self.sifat.currentData(),
            pengolah=self.pengolah.currentData(),
            lampiran=self.lampiran.text(),
            tanggal=to_date(day),
        )

    def save(self) -> None:
        try:
            self.surat = register_surat_keluar(self.values(), oleh=self.oleh,
                                               langsung_diagendakan=self.langsung.isChecked())
        except ValidationError as exc:
            self.messages.show(exc.problems)
            return
        except ValueError as exc:  # a numbering template the domain accepted but cannot use
            self.messages.show({"nomor": f"Nomor surat tidak bisa dibuat: {exc}. Periksa "
                                         "template nomor di Pengaturan."})
            return
        self.accept()


class UbahSuratKeluarDialog(SuratKeluarDialog):
    """Correcting an outgoing letter's fields (classification and date only before it has a
    number). Another PC's change to the same fields is shown, with "Muat Ulang"."""

    def __init__(self, surat: SuratKeluar, parent: QWidget | None = None) -> None:
        super().__init__(None, parent)
        self.setWindowTitle(f"Ubah Data Surat Keluar {surat.nomor or '(konsep)'}")
        self.setObjectName("ubahSuratKeluarDialog")
        self.langsung.hide()
        self.add_reload_button(2, "Ambil data surat yang tersimpan sekarang")
        self.load(surat)

    def load(self, surat: SuratKeluar) -> None:
        self.read = surat
        index = self.klasifikasi.findData(surat.klasifikasi)
        self.klasifikasi.setCurrentIndex(index)
        if index < 0:
            self.klasifikasi.setEditText(surat.klasifikasi)
        self.kepada.setText(surat.kepada)
        self.perihal.setText(surat.perihal)
        self.sifat.setCurrentIndex(max(self.sifat.findData(surat.sifat), 0))
        self.pengolah.setCurrentIndex(max(self.pengolah.findData(surat.pengolah), 0))
        self.lampiran.setText(surat.lampiran)
        self.tanggal.setDate(from_date(surat.tanggal))
        numbered = bool(surat.nomor)
        self.klasifikasi.setEnabled(not numbered)
        self.tanggal.setEnabled(not numbered)

    def load_stored(self) -> None:
        self.load(read_record(SuratKeluar, self.read.id))

    def save(self) -> None:
        with self.showing_conflicts():
            self.surat = update_surat_keluar(self.read, self.values())
            self.accept()


class BatalkanKeluarDialog(AlasanDialog):
    """Void an outgoing letter with a reason; its number stays in the register."""

    def __init__(self, surat: SuratKeluar, parent: QWidget | None = None) -> None:
        nomor = (f"Nomor <b>{html.escape(surat.nomor)}</b> tetap tercatat di agenda dan tidak "
                 "dipakai surat lain." if surat.nomor else
                 "Surat ini belum bernomor; catatannya tetap ada di agenda.")
        super().__init__(
            "Batalkan Surat Keluar",
            f"<b>{html.escape(surat.perihal)}</b><br>Kepada: {html.escape(surat.kepada)}"
            f"<br><br>{nomor}",
            "Batal&kan Surat", lambda alasan: void_surat_keluar(surat, alasan), parent,
            hint="mis. Acara ditunda; surat diganti dengan surat baru",
            label="&Alasan pembatalan (wajib):", min_width=500,
            object_name="batalkanKeluarDialog")
        self.surat = surat


# --- the page ------------------------------------------------------------------------------

def split_button(text: str, name: str, slot: Any, tip: str,
                 entries: tuple[tuple[str, Any], ...]) -> QToolButton:
    """An action button whose click runs `slot` and whose arrow offers `entries` (the page's
    button row has no room for more buttons at 1366x768)."""
    button = QToolButton()
    button.setObjectName(name)
    button.setText(text)
    icon_name = action_icon_name(text)
    if icon_name is not None:
        button.setIcon(icon(icon_name))
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
    button.setMinimumHeight(QPushButton(text).sizeHint().height())
    menu = QMenu(button)
    for entry, entry_slot in entries:
        menu.addAction(entry, entry_slot)
    button.setMenu(menu)
    button.clicked.connect(slot)
    return button


class SuratKeluarDetail(DetailPane):
    """The selected letter's fields and its progress along the SOP."""

    FIELDS = ("Nomor", "Tanggal", "Klasifikasi", "Kepada", "Perihal", "Sifat", "Lampiran",
              "Pengolah", "Status", "Ekspedisi", "Dicatat")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("suratKeluarDetail", parent)
        form = self.value_form(grow=True)
        self.form = form
        self.qr = QrWidget()
        self.qr.setObjectName("keluarQr")
        form.addRow("Kode QR:", self.qr)
        self.progress_model = ProgressModel(self)
        self.progress_view = progress_table_view(
            self.progress_model, {0: 36, 2: 125, 3: 115, 4: 178, 5: 65, 6: 150})
        right = progress_pane(QLabel("Kemajuan menurut SOP Pengelolaan Surat Keluar"),
                              self.progress_view)
        self.set_body_beside_progress("Pilih surat di tabel untuk melihat rinciannya.", form,
                                      280, right, (340, 940))
        self.show_record(None)

    def show_record(self, surat: SuratKeluar | None) -> None:
        self.show_empty(surat is None)
        if surat is None:
            self.progress_model.set_steps([])
            self.qr.set_payload("")
            return
        status = KELUAR_STATUS_LABELS.get(surat.status, surat.status)
        if surat.status == DIBATALKAN:
            status += (f" pada {format_tanggal(surat.batal_pada.date())}: {surat.batal_alasan}"
                       if surat.batal_pada else "")
        seksi = SEKSI_BY_ID.get(surat.pengolah)
        kirim = [f"{e.nomor}/{e.tahun} kepada {e.kepada}"
                 + (f", diterima {e.diterima_oleh}" if e.diterima_oleh else ", belum diterima")
                 for e in ekspedisi_of_keluar(surat)]
        texts = {
            "Nomor": surat.nomor or "(belum bernomor)",
            "Tanggal": format_tanggal(surat.tanggal),
            "Klasifikasi": klasifikasi_label(surat.klasifikasi),
            "Kepada": surat.kepada,
            "Perihal": surat.perihal,
            "Sifat": SIFAT_LABELS.get(surat.sifat, surat.sifat),
            "Lampiran": surat.lampiran or "-",
            "Pengolah": seksi.name if seksi else surat.pengolah,
            "Status": status,
            "Ekspedisi": "; ".join(kirim) or "-",
            "Dicatat": f"{surat.dibuat_oleh}, {format_waktu(surat.dibuat_pada)}",
        }
        self.set_values(texts)
        self.qr.set_payload(documents.payload_for("SK", surat.tahun, surat.urut)
                            if surat.urut is not None else "")
        self.progress_model.set_steps(progress(JENIS_KELUAR, surat.id))


class AgendaSuratKeluarPage(RegisterPage):
    """The Agenda Surat Keluar page.

    Signals: `changed` after anything was written (a letter sent here appears in the Buku
    Ekspedisi), `status_message(str)` with a line for the status bar.
    """


    RECORD = SuratKeluar
    COUNT_NOUN = "surat"
    _WIDTHS = {0: 190, 1: 140, 2: 230, 4: 110, 5: 190, 6: 170}

    def __init__(self, parent: QWidget | None = None, pengguna: str = "Agendaris") -> None:
        super().__init__(parent)
        self.setObjectName("agendaSuratKeluarPage")
        self.pengguna = pengguna
        self._current: SuratKeluar | None = None

        self.new_button = split_button(
            "Surat Keluar &Baru", "suratKeluarBaruButton", self.surat_baru,
            "Catat konsep surat keluar baru (Ctrl+N); panah: naskah dinas baru dari templat "
            "(Ctrl+Shift+N)", (("&Naskah Dinas Baru dari Templat\u2026", self.naskah_baru),))
        self.naskah_action = page_shortcut(self, "Naskah Dinas Baru dari Templat",
                                           QKeySequence("Ctrl+Shift+N"), self.naskah_baru)
        self.new_action = page_shortcut(
            self, "Surat Keluar Baru", QKeySequence.StandardKey.New, self.surat_baru)
        self.next_button = action_button(NEXT_BUTTON_TEXT, "majuButton", self.majukan)
        self.send_button = action_button("&Kirim (Ekspedisi)…", "kirimButton", self.kirim,
                                         "Catat pengiriman surat bernomor di Buku Ekspedisi")
        self.cancel_button = action_button(
            "Bata&lkan…", "batalkanButton", self.batalkan,
            "Batalkan surat dengan alasan; nomornya tetap tercatat")
        self.print_kartu_button = action_button(
            "Cetak Kartu Ken&dali…", "cetakKartuButton", self.print_kartu,
            "Pratinjau dan cetak Kartu Kendali surat bernomor terpilih")
        self.print_batch_button = action_button(
            "Kartu Kendali Hari &Ini…", "kartuHariIniButton", self.print_kartu_hari,
            "Cetak sekaligus kartu kendali semua surat keluar bernomor satu hari")
        self.preview: PdfPreviewDialog | None = None
        self.edit_button = action_button("&Ubah Data…", "ubahSuratKeluarButton", self.ubah,
                                         "Perbaiki data surat terpilih")
        self.again_button = action_button(
            "Buat Ul&ang Naskah\u2026", "naskahUlangButton", self.naskah_ulang,
            "Buat lagi berkas Word dan PDF surat dari templat ini, dengan nomor yang sama "
            "(berkas hilang atau cetakan rusak); tidak mengambil nomor baru")
        self.hasil_dialog: QWidget | None = None
        buttons = button_bar(self.new_button, self.edit_button,
                             self.next_button, self.send_button, self.print_kartu_button,
                             self.print_batch_button)
        buttons.addWidget(self.cancel_button)

        self._build_register(SuratKeluarModel(self), table_name="suratKeluarTable",
                             search_name="cariSuratKeluar",
                             search_hint="Kepada, perihal atau nomor surat",
                             count_name="jumlahSuratKeluar", widths=self._WIDTHS,
                             stretch=SuratKeluarModel.COL_PERIHAL)
        self.status_filter = self._choice_filter(
            "statusFilter", SEMUA_STATUS,
            ((KELUAR_STATUS_LABELS[status], status) for status in (*KELUAR_FLOW, DIBATALKAN)),
            "status")
        filters = self._filter_row(fields=(("&Tahun:", self.year_filter),
                                           ("&Status:", self.status_filter),
                                           ("&Cari:", self.search)))
        self.banner = MessageBanner("keluarBanner")
        self.scan = ScanToOpen(self, "SK", self.show_message)
        self._lay_out_over_detail(buttons, filters, self.banner, detail=SuratKeluarDetail(),
                                  sizes=(300, 380))
        self.detail.form.addRow("Naskah:", self.again_button)
        set_tab_order([self.new_button, self.next_button, self.send_button,
                       self.print_kartu_button, self.print_batch_button, self.cancel_button,
                       self.year_filter, self.status_filter, self.search, self.table])
        self._update_buttons()

    # loading and selection
    def _update_buttons(self) -> None:
        surat = self._current
        status = surat.status if surat is not None else None
        step = NEXT_STEP.get(status or "")
        if step is not None:
            self.next_button.setText(f"&Maju ke langkah berikutnya: {step[0].replace('&', '&&')}")
            self.next_button.setToolTip(step[2].split("\n")[0])
        else:
            self.next_button.setText(NEXT_BUTTON_TEXT)
            self.next_button.setToolTip(
                "Surat bernomor dikirim dengan tombol Kirim (Ekspedisi)…"
                if status == "diagendakan" else "Pilih surat yang masih dalam proses.")
        self.next_button.setEnabled(step is not None)
        self.send_button.setEnabled(status in ("diagendakan", "dikirim"))
        self.print_kartu_button.setEnabled(surat is not None and surat.urut is not None)
        self.cancel_button.setEnabled(surat is not None and status != DIBATALKAN)
        self.edit_button.setEnabled(surat is not None and status != DIBATALKAN)
        self.again_button.setEnabled(surat is not None and status != DIBATALKAN
                                     and bool(surat.templat))

    def show_message(self, text: str, error: bool = False) -> None:
        """A line above the table (red for a refusal), also sent to the status bar."""
        self.banner.show_text(text, error)
        self.status_message.emit(text)

    # actions
    def print_kartu(self) -> PdfPreviewDialog | None:
        surat = self.current_record()
        if surat is None or surat.urut is None:
            return None
        self.preview = open_form_preview(self, FormJob(
            "kartu_kendali", f"Kartu Kendali {surat.nomor}", ("CARD", "A4", "F4"),
            lambda path, paper: build_kartu_kendali(documents.kartu_kendali_keluar(surat),
                                                    path, paper),
            (surat,), "Kartu Kendali"))
        return self.preview

    def print_kartu_hari(self) -> QDialog:
        return ask_kartu_batch(self, "keluar")

    def surat_baru(self) -> None:
        dialog = SuratKeluarDialog(self.pengguna, self,
                                   kepada_choices=known_values(SuratKeluar.kepada))
        self._open(dialog, lambda: self._created(dialog))

    def _created(self, dialog: SuratKeluarDialog) -> None:
        surat = dialog.surat
        if not self._after_write(surat, reveal=True):
            return
        if surat.nomor:
            self._announce_nomor(surat)
        else:
            self.status_message.emit(f"Konsep surat kepada {surat.kepada} dicatat.")

    def naskah_baru(self) -> QWidget | None:
        """"Naskah dinas baru dari templat": numbered here when made."""
        from jogoroto_desktop.naskah.bawaan import DINAS
        from jogoroto_desktop.naskah.templat import daftar_templat
        from ui.naskah_dialogs import open_buat_surat

        templates = [info for info in daftar_templat() if info.jenis == DINAS]
        if not templates:
            self.show_message("Belum ada templat naskah dinas. Admin dapat menambahkannya di "
                              "Pengaturan > Templat Naskah.", error=True)
            return None

        def made(hasil: Any) -> None:
            surat = SuratKeluar.get_or_none(SuratKeluar.id == hasil.surat_keluar_id)
            self._after_write(surat, f"{hasil.templat.judul} dibuat dengan nomor {hasil.nomor}.",
                              reveal=True)

        return open_buat_surat(self, templates, made,
                               title="Naskah Dinas Baru dari Templat")

    def naskah_ulang(self) -> None:
        """The selected letter's .docx made again from its template (same number), shown as a
        letter made; a refusal is said above the table."""
        from jogoroto_desktop.naskah.buat import buat_ulang_naskah
        from ui.naskah_dialogs import show_hasil
        from ui.operations import BackgroundOp

        surat = self.current_record()
        if surat is None or not surat.templat or surat.status == DIBATALKAN:
            return

        def made(hasil: Any) -> None:
            self.status_message.emit(f"{hasil.templat.judul} {hasil.nomor} dibuat ulang.")
            try:
                self.hasil_dialog = show_hasil(self, hasil, again=True)
            except OSError:
                self.hasil_dialog = None

        def refused(error: Exception) -> None:
            problems = error.problems.values() if isinstance(error, ValidationError) else \
                [str(error)]
            self.show_message("\n".join(problems), error=True)

        BackgroundOp(self, lambda _op: buat_ulang_naskah(surat.id), success=made,
                     failure=refused, expected=(ValidationError,)).start()

    def ubah(self) -> None:
        self._open_on_selected(lambda surat: UbahSuratKeluarDialog(surat, self), self._edited,
                               not_voided)

    def _edited(self, dialog: UbahSuratKeluarDialog) -> None:
        if dialog.surat is None:
            return
        self._reload(dialog.surat.id)
        self.status_message.emit(f"Data surat kepada {dialog.surat.kepada} diperbarui.")
        self.changed.emit()

    def majukan(self) -> None:
        surat = self.current_record()
        if surat is None or surat.status not in NEXT_STEP:
            return
        label, oleh, question = NEXT_STEP[surat.status]
        answer = QMessageBox.question(self, label, question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            status = majukan_surat_keluar(surat, oleh or self.pengguna)
        except ValidationError as exc:
            self._reload(surat.id)
            QMessageBox.warning(self, "Tidak bisa maju", "\n".join(exc.problems.values()))
            return
        except ValueError as exc:  # a template the domain accepted but cannot format
            self._reload(surat.id)
            QMessageBox.warning(self, "Nomor tidak bisa dibuat",
                                f"Nomor surat tidak bisa dibuat: {exc}.\nPeriksa template "
                                "nomor di Pengaturan.")
            return
        self._reload(surat.id)
        self.changed.emit()
        if status == "diagendakan":
            self._announce_nomor(surat)
        else:
            self.status_message.emit(f"Surat kepada {surat.kepada}: "
                                     f"{KELUAR_STATUS_LABELS[status]}.")

    def _announce_nomor(self, surat: SuratKeluar) -> None:
        text = f"Surat keluar diagendakan dengan nomor {surat.nomor}"
        self.status_message.emit(text + ".")
        QMessageBox.information(self, "Nomor surat keluar",
                                f"{text}.\n\nTuliskan nomor ini pada surat sebelum dikirim.")

    def kirim(self) -> None:
        self._open_on_selected(lambda surat: KirimEkspedisiDialog(surat, self.pengguna, self),
                               self._sent,
                               lambda surat: surat.status in ("diagendakan", "dikirim"))

    def _sent(self, dialog: KirimEkspedisiDialog) -> None:
        entry = dialog.entry
        if entry is None:
            return
        self._reload(self.current_id())
        self.status_message.emit(f"Dicatat di Buku Ekspedisi nomor {entry.nomor}/{entry.tahun}.")
        self.changed.emit()

    def batalkan(self) -> None:
        self._open_on_selected(lambda surat: BatalkanKeluarDialog(surat, self),
                               self._voided, not_voided)

    def _voided(self, dialog: BatalkanKeluarDialog) -> None:
        self._reload(dialog.surat.id)
        self.status_message.emit("Surat dibatalkan"
                                 + (f"; nomor {dialog.surat.nomor} tetap tercatat."
                                    if dialog.surat.nomor else "."))
        self.changed.emit()
