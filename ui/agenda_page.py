"""The Agenda Surat Masuk page: filter bar, the register (read lazily), the agendaris'
actions, and the detail of the selected letter (fields, scans, disposisi, SOP progress)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import documents
from jogoroto_desktop.dates import MONTHS, format_tanggal
from jogoroto_desktop.qr import looks_like_payload
from jogoroto_desktop.registers.berkas import berkas_of, berkas_path, lampirkan_berkas
from jogoroto_desktop.registers.kernel import read_record
from jogoroto_desktop.registers.surat import DIBATALKAN, JENIS_MASUK, SIFAT, SIFAT_LABELS, progress
from jogoroto_desktop.registers.surat_masuk import MASUK_STATUS_LABELS, get_surat_masuk
from jogoroto_desktop.validation import ValidationError
from models import Berkas, SuratMasuk
from printing.forms.kartu_kendali import build_kartu_kendali
from printing.forms.lembar_disposisi import build_lembar_disposisi
from ui.agenda_forms import (
    BatalkanDialog,
    DisposisiDialog,
    EkspedisiDialog,
    SuratMasukDialog,
    UbahSuratMasukDialog,
)
from ui.agenda_models import (
    DisposisiHistoryModel,
    SuratMasukTableModel,
    disposisi_rows,
    format_agenda,
)
from ui.batch_print import ask_kartu_batch
from ui.icons import action_icon_name, icon
from ui.item_models import format_waktu
from ui.pdf_preview import FormJob, PdfPreviewDialog, open_form_preview
from ui.progress_model import ProgressTableModel, progress_table_view
from ui.qr_widget import QrWidget
from ui.registers.detail import DetailPane, detail_table
from ui.registers.forms import set_tab_order, with_colon
from ui.registers.letters import klasifikasi_label
from ui.registers.page import (
    MessageBanner,
    RegisterPage,
    button_bar,
    fill_year_combo,
)
from ui.registers.table import format_count
from ui.verify_dialog import scanned_code
from ui.words import SEMUA_BULAN, SEMUA_SIFAT, SEMUA_STATUS

SEARCH_DELAY_MS = 200
SCAN_FILTER = "Pindaian surat (*.pdf *.jpg *.jpeg *.png)"
EMPTY_DETAIL = "Pilih surat di daftar untuk melihat rinciannya."

# "12/2026", "12-2026", "SM 12/2026", "AGENDA:12:2026": a letter's agenda code as typed or
# scanned from a printed Lembar Disposisi / Kartu Kendali.
_AGENDA_CODE = re.compile(r"(?:[A-Za-z]+\s*[:\-/ ]\s*)?(\d{1,6})\s*[/\-.: ]\s*(\d{4})")


def _agenda(surat: SuratMasuk) -> str:
    return format_agenda(surat.nomor_agenda, surat.tahun)


def parse_agenda_code(text: str) -> tuple[int, int] | None:
    """(nomor_agenda, tahun) from a typed or scanned code, or None."""
    match = _AGENDA_CODE.fullmatch(text.strip())
    if not match:
        return None
    return int(match.group(1)), int(match.group(2))


def _format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def letter_fields_html(surat: SuratMasuk) -> str:
    """The letter's fields as a two-column HTML table (what the agenda book holds)."""
    klasifikasi = klasifikasi_label(surat.klasifikasi) if surat.klasifikasi else ""
    status = _html(MASUK_STATUS_LABELS.get(surat.status, surat.status))
    if surat.status == DIBATALKAN:
        status = (f"<span style='color:#9c1c1c; font-weight:bold'>{status}</span> pada "
                  f"{format_waktu(surat.batal_pada)}<br>Alasan: {_html(surat.batal_alasan or '')}"
                  "<br>Nomor agenda tetap tercatat untuk surat ini.")
    left = (("Dari", _html(surat.dari)), ("No. Surat", _html(surat.nomor_surat)),
            ("Tgl. Surat", format_tanggal(surat.tanggal_surat)),
            ("Diterima", format_tanggal(surat.tanggal_diterima)),
            ("Perihal", _html(surat.perihal)))
    right = (("Sifat", SIFAT_LABELS.get(surat.sifat, surat.sifat)),
             ("Klasifikasi", _html(klasifikasi or "-")), ("Lampiran", _html(surat.lampiran or "-")),
             ("Status", status),
             ("Dicatat", f"{_html(surat.dibuat_oleh)}, {format_waktu(surat.dibuat_pada)}"))

    def column(rows: tuple[tuple[str, str], ...]) -> str:
        # "Name:" right-aligned, as in every detail pane (ui.registers.detail)
        cells = "".join(f"<tr><td align='right' style='color:#555; padding:2px 8px 2px 0' "
                        f"nowrap>{with_colon(label)}</td>"
                        f"<td style='padding:2px 0'>{value}</td></tr>" for label, value in rows)
        return f"<table cellspacing='0'>{cells}</table>"

    return (f"<table width='100%' cellspacing='0'><tr><td width='55%' valign='top'>"
            f"{column(left)}</td><td width='45%' valign='top'>{column(right)}</td></tr></table>")


class LetterDetail(DetailPane):
    """The selected letter: its fields, scans, disposisi history and SOP progress."""

    open_attachment = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("letterDetail", parent)
        self.surat: SuratMasuk | None = None
        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)

        self.fields = QTextBrowser()
        self.fields.setObjectName("letterFields")
        self.fields.setOpenLinks(False)
        self.fields.setFrameShape(QFrame.Shape.NoFrame)

        self.history_model = DisposisiHistoryModel(self)
        self.history_view = detail_table(
            "disposisiHistory", self.history_model, {0: 200, 1: 300, 3: 170, 4: 170},
            DisposisiHistoryModel.COL_ISI)
        self.progress_model = ProgressTableModel(self)
        self.progress_view = progress_table_view(
            self.progress_model, {0: 36, 2: 170, 3: 150, 4: 170, 5: 80, 6: 130, 7: 95})

        self.attachments = QListWidget()
        self.attachments.setObjectName("attachments")
        self.attachments.itemActivated.connect(
            lambda item: self.open_attachment.emit(item.data(Qt.ItemDataRole.UserRole)))

        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.tabs.addTab(self.fields, "Rincian Surat")
        self.tabs.addTab(self.history_view, "Riwayat Disposisi")
        self.tabs.addTab(self.progress_view, "Kemajuan SOP")
        self.tabs.addTab(self.attachments, "Lampiran Pindaian")

        self.qr = QrWidget()
        self.qr.setObjectName("letterQr")
        body = QWidget()
        row = QHBoxLayout()
        row.addWidget(self.tabs, 1)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row, 1)
        self.set_body(EMPTY_DETAIL, body)
        self.show_empty(True)

    def show_record(self, surat: SuratMasuk | None) -> None:
        """Show `surat` (None: the hint)."""
        self.surat = surat
        self.show_empty(surat is None)
        self.attachments.clear()
        if surat is None:
            self.qr.set_payload("")
            self.history_model.set_items([])
            self.progress_model.set_steps([])
            return
        self.qr.set_payload(documents.payload_for("SM", surat.tahun, surat.nomor_agenda))
        number = format_agenda(surat.nomor_agenda, surat.tahun)
        voided = surat.status == DIBATALKAN
        self.title.setText(f"Surat Masuk No. Agenda {number}"
                           + ("  — DIBATALKAN" if voided else ""))
        self.fields.setHtml(letter_fields_html(surat))
        self.history_model.set_items(disposisi_rows(surat))
        self.progress_model.set_steps(progress(JENIS_MASUK, surat.id))
        for berkas in berkas_of(surat):
            item = QListWidgetItem(f"{berkas.nama_asli}  ({_format_size(berkas.ukuran)}, "
                                   f"dilampirkan {format_waktu(berkas.ditambahkan_pada)})")
            item.setData(Qt.ItemDataRole.UserRole, berkas.id)
            item.setToolTip(str(berkas_path(berkas)))
            self.attachments.addItem(item)
        if self.attachments.count():
            self.attachments.setCurrentRow(0)
        self._update_tab_titles()

    def _update_tab_titles(self) -> None:
        late = sum(1 for step in self.progress_model.items() if step.late)
        self.tabs.setTabText(1, f"Riwayat Disposisi ({self.history_model.rowCount()})")
        self.tabs.setTabText(2, f"Kemajuan SOP ({late} terlambat)" if late else "Kemajuan SOP")
        self.tabs.setTabText(3, f"Lampiran Pindaian ({self.attachments.count()})")

    def selected_attachment(self) -> int | None:
        item = self.attachments.currentItem() or self.attachments.item(0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class AgendaSuratMasukPage(RegisterPage):
    """The agendaris' daily page, read again each time it is shown (another PC may have
    written). Signals: `letter_opened(id)` when a letter is shown, `changed()` after anything
    was written (other pages may refresh), `status_message(text)` for the window's status bar."""

    letter_opened = Signal(int)

    RECORD = SuratMasuk
    COUNT_NOUN = "surat"
    REREAD_ON_SHOW = True
    SELECT_FIRST_ROW = True
    _WIDTHS = {0: 95, 1: 125, 2: 230, 3: 150, 4: 125, 6: 120, 7: 165}

    def __init__(self, parent: QWidget | None = None, *, oleh: str | None = None,
                 tahun: int | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaSuratMasukPage")
        self.oleh = oleh
        self.preview: PdfPreviewDialog | None = None
        self._current: SuratMasuk | None = None
        self._shown_id: int | None = None
        self._stale = True  # the shown letter is read again at the next selection

        # --- filter bar
        self._build_register(SuratMasukTableModel(self), table_name="agendaTable",
                             search_name="agendaSearch", search_hint="Cari atau pindai kode\u2026",
                             count_name="countLabel", widths=self._WIDTHS,
                             stretch=SuratMasukTableModel.COL_PERIHAL,
                             search_delay_ms=SEARCH_DELAY_MS)
        year = tahun if tahun is not None else dt.date.today().year
        fill_year_combo(self.year_filter, [year], year)  # all the years on the first `refresh`
        self.month_filter = self._choice_filter(
            "bulanFilter", SEMUA_BULAN, ((name, number) for number, name in enumerate(MONTHS, 1)),
            "bulan")
        self.sifat_filter = self._choice_filter(
            "sifatFilter", SEMUA_SIFAT, ((SIFAT_LABELS[value], value) for value in SIFAT),
            "sifat")
        self.status_filter = self._choice_filter(
            "statusFilter", SEMUA_STATUS,
            ((label, value) for value, label in MASUK_STATUS_LABELS.items()), "status")
        self.search.setToolTip("Ketik kata dari asal surat, nomor surat atau perihal, atau "
                               "nomor agenda seperti 12/2026.\nEnter membuka surat itu "
                               "langsung bila hanya satu yang cocok.")
        self.search.setMinimumWidth(260)
        self.search.returnPressed.disconnect(self._apply_filters)
        self.search.returnPressed.connect(self.search_entered)
        filters = self._filter_row(fields=(
            ("Ta&hun", self.year_filter), ("Bula&n", self.month_filter),
            ("S&ifat", self.sifat_filter), ("Stat&us", self.status_filter),
            ("&Cari", self.search)))

        # --- actions
        self.new_action = self._action("Surat &Masuk Baru", "Ctrl+N", self.new_letter,
                                       "Catat surat masuk baru di agenda (Ctrl+N)")
        self.disposisi_action = self._action("&Disposisi\u2026", "Ctrl+D", self.write_disposisi,
                                             "Tulis disposisi untuk surat terpilih (Ctrl+D)")
        self.ekspedisi_action = self._action("Kiri&m (Ekspedisi)\u2026", None, self.send_letter,
                                             "Catat penyampaian surat di Buku Ekspedisi")
        self.edit_action = self._action("&Ubah Data\u2026", "Ctrl+E", self.edit_letter,
                                        "Perbaiki data surat terpilih (nomor agenda tetap)")
        self.batalkan_action = self._action("Bata&lkan\u2026", None, self.void_letter,
                                            "Batalkan surat terpilih (nomornya tetap)")
        self.attach_action = self._action("Lampirkan &Pindaian\u2026", None, self.attach_scan,
                                          "Lampirkan berkas pindaian PDF/JPG/PNG")
        self.open_attachment_action = self._action("Buka Lampi&ran", None,
                                                   self.open_selected_attachment,
                                                   "Buka lampiran pindaian surat terpilih")
        self.print_disposisi_action = self._action(
            "Cetak Lembar Dis&posisi…", "Ctrl+P", self.print_disposisi,
            "Pratinjau dan cetak Lembar Disposisi surat terpilih (Ctrl+P)")
        self.print_kartu_action = self._action(
            "Cetak Kartu Ken&dali…", None, self.print_kartu,
            "Pratinjau dan cetak Kartu Kendali surat terpilih (tiga lembar)")
        self.print_batch_action = self._action(
            "Kartu Kendali Hari &Ini…", None, self.print_kartu_hari,
            "Cetak sekaligus kartu kendali semua surat masuk satu hari")
        # Two rows (the records' work, then the printing), each wrapping when narrow: one row
        # of ten is wider than a 1366-pixel screen beside the desk's side list.
        actions = QVBoxLayout()
        actions.setSpacing(4)
        work_row, print_row = button_bar(), button_bar()
        actions.addLayout(work_row)
        actions.addLayout(print_row)
        self.buttons: dict[str, QPushButton] = {}
        for action in (self.new_action, self.edit_action, self.disposisi_action,
                       self.ekspedisi_action, self.batalkan_action, self.attach_action,
                       self.open_attachment_action, self.print_disposisi_action,
                       self.print_kartu_action, self.print_batch_action):
            row = print_row if action.text().startswith(("Cetak", "Kartu")) else work_row
            button = QPushButton(action.text())
            icon_name = action_icon_name(action.text())
            if icon_name is not None:
                button.setIcon(icon(icon_name))
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
            row.addWidget(button)
            self.buttons[action.text().replace("&", "")] = button

        self.banner = MessageBanner("agendaBanner")

        # --- table (sorted by any column, in the database) over the selected letter
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(lambda *_sort: self.select_id(self._shown_id))
        detail = LetterDetail()
        detail.open_attachment.connect(self.open_attachment)
        self._lay_out_over_detail(actions, filters, self.banner, detail=detail)
        set_tab_order([self.year_filter, self.month_filter, self.sifat_filter,
                       self.status_filter, self.search, self.table])
        self._update_buttons()

    def _action(self, text: str, shortcut: str | None, slot: object, tip: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # --- filters -------------------------------------------------------------------------

    def _set_filters(self) -> None:
        # The month filters only within a year (the model ignores it without one).
        has_year = self.model.tahun is not None
        self.month_filter.setEnabled(has_year)
        self.month_filter.setToolTip("" if has_year else "Pilih tahun dulu untuk menyaring bulan.")

    def select_year(self, year: int | None) -> None:
        """Show the agenda of `year` (None: every year)."""
        self._choose_year(year)
        self._apply_filters()

    def _choose_year(self, year: int | None) -> None:
        """Choose `year` in the Tahun filter (offering it if it has no letters yet) without
        reading the rows."""
        if year is not None and self.year_filter.findData(year) < 0:
            years = [self.year_filter.itemData(i) for i in range(1, self.year_filter.count())]
            fill_year_combo(self.year_filter, sorted([*years, year], reverse=True))
        blocked = self.year_filter.blockSignals(True)
        self.year_filter.setCurrentIndex(max(self.year_filter.findData(year), 0))
        self.year_filter.blockSignals(blocked)

    def search_entered(self) -> None:
        """Enter in the search box: a nomor agenda or a scanned code opens that letter, as does
        a search with exactly one match. A signed QR payload (a keyboard-wedge scanner types it
        and Enter) is verified first: only a genuine code opens its letter."""
        text = self.search.text().strip()
        if looks_like_payload(text):
            self._open_scanned(text)
            return
        self._apply_filters()
        if not text:
            return
        code = parse_agenda_code(text)
        if code is not None:
            surat = get_surat_masuk(code[1], code[0])
            if surat is not None:
                self.open_letter(surat.id)
                return
        if self.model.total == 1:
            record_id = self.model.row_id(0)
            if record_id is not None:
                self.open_letter(record_id)
                return
        if self.model.total == 0:
            self.show_message(f"Tidak ada surat yang cocok dengan \u201c{text}\u201d.", error=True)
        else:
            self.show_message(f"{format_count(self.model.total)} surat cocok dengan "
                              f"\u201c{text}\u201d; pilih salah satu di daftar.")
            self.table.setFocus()

    def _open_scanned(self, text: str) -> None:
        self.search.clear()
        self._apply_filters()
        outcome = scanned_code(text, "SM")
        if outcome is None:
            return
        if outcome.record_id is not None:
            self.open_letter(outcome.record_id)
        self.show_message(outcome.message, error=outcome.error)

    # --- selection -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the years, the rows and the shown letter again (after a change here or on
        another PC)."""
        self._stale = True
        super().refresh()

    def open_letter(self, record_id: int) -> bool:
        """Select and show letter `record_id`, loosening the filters when it is hidden."""
        found = self.open_record(record_id)
        self.table.setFocus()
        return found

    def _reveal(self, record_id: int) -> None:
        """The letter's year with every other filter back to "all"; the search text stays when
        it still finds the letter."""
        surat = read_record(SuratMasuk, record_id)
        if surat is None:
            return
        text = self.search.text()
        self._clear_filters()
        self._choose_year(surat.tahun)
        for search in (text, "") if text else ("",):
            blocked = self.search.blockSignals(True)
            self.search.setText(search)
            self.search.blockSignals(blocked)
            self._reload(record_id)
            if self.current_id() == record_id:
                return

    def _selection_changed(self) -> None:
        """Show the selected letter, unless it is shown already and nothing was written."""
        record_id = self.current_id() if self.selected_row() is not None else None
        if record_id == self._shown_id and not self._stale:
            return
        self._stale = False
        self._show_selected()
        self._shown_id = self._current.id if self._current is not None else None
        if self._current is not None:
            self.letter_opened.emit(self._current.id)

    def selected_letter(self) -> SuratMasuk | None:
        return self.detail.surat

    def _update_buttons(self) -> None:
        surat = self.detail.surat
        open_letter = surat is not None and surat.status != DIBATALKAN
        self.disposisi_action.setEnabled(open_letter)
        self.edit_action.setEnabled(open_letter)
        self.ekspedisi_action.setEnabled(open_letter)
        self.batalkan_action.setEnabled(open_letter)
        self.attach_action.setEnabled(surat is not None)
        self.print_disposisi_action.setEnabled(surat is not None)
        self.print_kartu_action.setEnabled(surat is not None)
        self.open_attachment_action.setEnabled(self.detail.attachments.count() > 0)

    # --- messages ------------------------------------------------------------------------

    def show_message(self, text: str, error: bool = False) -> None:
        """A message above the table (green, or red for a problem), also sent to the window."""
        self.banner.show_text(text, error)
        self.status_message.emit(text.replace("<b>", "").replace("</b>", ""))

    # --- actions -------------------------------------------------------------------------

    def new_letter(self) -> SuratMasukDialog:
        dialog = SuratMasukDialog(self, oleh=self.oleh)
        dialog.saved.connect(self._letter_saved)
        self._open(dialog)
        return dialog

    def _letter_saved(self, record_id: int, number: str) -> None:
        self._after_write(read_record(SuratMasuk, record_id), reveal=True)
        self.table.setFocus()
        self.show_message(f"Tersimpan dengan Nomor Agenda <b>{number}</b>. Tulis nomor ini pada "
                          "surat dan lembar disposisinya.")

    def _letter_for_action(self) -> SuratMasuk | None:
        """The selected letter as it is now (another PC may have changed it)."""
        surat = self.selected_record()
        if surat is None:
            self.show_message("Pilih dulu surat di daftar.", error=True)
        return surat

    def _letter_dialog(self, make: Callable[[SuratMasuk], QDialog], done: str,
                       message: Callable[..., str]) -> QDialog | None:
        """Open `make(letter)` on the selected letter; when it emits `done` (the dialog's
        signal), read the agenda again and show `message(letter, *signal_arguments)`."""
        surat = self._letter_for_action()
        if surat is None:
            return None
        dialog = make(surat)
        getattr(dialog, done).connect(
            lambda *args: self._after_letter(surat, message(surat, *args)))
        self._open(dialog)
        return dialog

    def _after_letter(self, surat: SuratMasuk, message: str) -> None:
        self._after_write(surat)
        self.show_message(message)

    def edit_letter(self) -> QDialog | None:
        return self._letter_dialog(
            lambda surat: UbahSuratMasukDialog(surat, self), "saved",
            lambda _surat, _id, number: f"Data surat {number} diperbarui.")

    def write_disposisi(self) -> QDialog | None:
        return self._letter_dialog(
            lambda surat: DisposisiDialog(surat, self), "saved",
            lambda surat, _id: f"Disposisi surat {_agenda(surat)} tersimpan.")

    def send_letter(self) -> QDialog | None:
        return self._letter_dialog(
            lambda surat: EkspedisiDialog(surat, self, oleh=self.oleh), "saved",
            lambda surat, _id, nomor: (f"Surat {_agenda(surat)} dicatat di Buku Ekspedisi "
                                       f"nomor <b>{nomor}</b>."))

    def void_letter(self) -> QDialog | None:
        return self._letter_dialog(
            lambda surat: BatalkanDialog(surat, self), "acted",
            lambda surat: f"Surat {_agenda(surat)} dibatalkan; nomor agendanya tetap tercatat.")

    def print_disposisi(self) -> PdfPreviewDialog | None:
        return self._print_letter_form(
            "disposisi", "Lembar Disposisi", ("HALF_FOLIO", "A4"),
            lambda surat, path, paper: build_lembar_disposisi(
                documents.lembar_disposisi_data(surat), path, paper))

    def print_kartu(self) -> PdfPreviewDialog | None:
        return self._print_letter_form(
            "kartu_kendali", "Kartu Kendali", ("CARD", "A4", "F4"),
            lambda surat, path, paper: build_kartu_kendali(
                documents.kartu_kendali_masuk(surat), path, paper))

    def _print_letter_form(self, kind: str, title: str, papers: tuple[str, ...],
                           build: Callable[[SuratMasuk, Path, str], int],
                           ) -> PdfPreviewDialog | None:
        """The print preview of form `kind` (`title`, on `papers`) for the letter acted on."""
        surat = self._letter_for_action()
        if surat is None:
            return None
        self.preview = open_form_preview(self, FormJob(
            kind, f"{title} {format_agenda(surat.nomor_agenda, surat.tahun)}", papers,
            lambda path, paper: build(surat, path, paper), (surat,), title))
        return self.preview

    def print_kartu_hari(self) -> QDialog:
        return ask_kartu_batch(self, "masuk")

    def choose_scan_file(self) -> Path | None:
        """Ask for a scan file (tests replace this)."""
        name, _filter = QFileDialog.getOpenFileName(self, "Pilih berkas pindaian surat", "",
                                                    SCAN_FILTER)
        return Path(name) if name else None

    def attach_scan(self) -> bool:
        surat = self._letter_for_action()
        if surat is None:
            return False
        source = self.choose_scan_file()
        if source is None:
            return False
        try:
            berkas = lampirkan_berkas(source, surat_masuk=surat)
        except ValidationError as exc:
            self.show_message(" ".join(exc.problems.values()), error=True)
            return False
        self.detail.show_record(surat)
        self._update_buttons()
        self.detail.tabs.setCurrentWidget(self.detail.attachments)
        self.changed.emit()
        self.show_message(f"Pindaian {berkas.nama_asli} dilampirkan pada surat "
                          f"{format_agenda(surat.nomor_agenda, surat.tahun)}.")
        return True

    def open_selected_attachment(self) -> bool:
        berkas_id = self.detail.selected_attachment()
        if berkas_id is None:
            self.show_message("Surat ini belum punya lampiran pindaian.", error=True)
            return False
        return self.open_attachment(berkas_id)

    def open_attachment(self, berkas_id: int) -> bool:
        berkas = read_record(Berkas, berkas_id)
        if berkas is None:
            return False
        path = berkas_path(berkas)
        if not path.exists():
            self.show_message(f"Berkas {berkas.nama_asli} tidak ditemukan di folder data "
                              f"({path}).", error=True)
            return False
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.show_message(f"Tidak ada program untuk membuka {berkas.nama_asli}.", error=True)
            return False
        return True
