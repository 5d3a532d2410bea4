"""Dialogs of the Agenda Surat Masuk: new letter, disposisi, pembatalan and ekspedisi.

Every dialog writes through the domain layer (`jogoroto_desktop.registers.surat_masuk`, `disposisi`,
`ekspedisi`). A `ValidationError` is shown next to its field in red and nothing is written.
The dialogs are driven from the keyboard: Enter moves to the next field, Ctrl+S saves, Esc
cancels (asking first when something was typed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import session
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.registers.disposisi import (
    INSTRUKSI,
    disposisi_chain,
    disposisi_targets,
    tulis_disposisi,
)
from jogoroto_desktop.registers.ekspedisi import kirim_ekspedisi
from jogoroto_desktop.registers.kernel import read_record
from jogoroto_desktop.registers.surat import MAX_PERIHAL, SIFAT_LABELS, pejabat_aktif
from jogoroto_desktop.registers.surat_masuk import (
    SuratMasukInput,
    recent_senders,
    register_surat_masuk,
    update_surat_masuk,
    void_surat_masuk,
)
from jogoroto_desktop.validation import ValidationError
from models import Disposisi, Ekspedisi, Pejabat, SuratMasuk
from ui.agenda_models import format_agenda
from ui.item_models import format_waktu
from ui.registers.dates import (
    date_edit,
    datetime_edit,
    from_date,
    to_date,
    to_datetime,
)
from ui.registers.forms import (
    EnterMovesFocus,
    FormDialog,
    contains_completer,
    focus_field,
    form_layout,
    make_buttons,
    set_tab_order,
    with_colon,
)
from ui.registers.letters import klasifikasi_combo, parse_klasifikasi, show_klasifikasi
from ui.registers.page import OK_STYLE
from ui.registers.void import AlasanDialog

CAMAT = "Camat"
# Biasa first (most letters are), then by urgency; the arrow keys step through them.
SIFAT_ENTRY_ORDER = ("biasa", "segera", "sangat segera", "rahasia")


class _LetterDialog(FormDialog):
    """A dialog on one letter: its header, the general message, the form and the buttons."""

    def _letter_layout(self, surat: SuratMasuk, form: QFormLayout,
                       buttons: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(_header_label(surat))
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)


# --- surat masuk ---------------------------------------------------------------------------

class SuratMasukDialog(FormDialog):
    """Entering a letter into the Agenda Surat Masuk.

    Emits `saved(id, nomor_agenda_text)` for every letter written. "Simpan" (Ctrl+S) closes the
    dialog, "Simpan & Baru" (Ctrl+Shift+S) clears it for the next letter of the pile.
    """

    saved = Signal(int, str)

    FIELD_ORDER = ("dari", "nomor_surat", "tanggal_surat", "tanggal_diterima", "perihal",
                   "sifat", "klasifikasi", "lampiran")

    def __init__(self, parent: QWidget | None = None, *, oleh: str | None = None,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(parent)
        self.oleh = oleh
        self._now = now or dt.datetime.now
        self.last_saved: SuratMasuk | None = None
        self.setWindowTitle("Surat Masuk Baru")
        self.setObjectName("suratMasukDialog")

        self.dari = QLineEdit()
        self.dari.setPlaceholderText("mis. Dinas Kependudukan dan Pencatatan Sipil Kab. Jombang")
        self.dari.setCompleter(self._sender_completer())
        self.nomor_surat = QLineEdit()
        self.nomor_surat.setPlaceholderText("nomor yang tertulis di surat")
        today = from_date(self._now().date())
        # No maximum date: Qt would refuse digits whose intermediate date lies in the future;
        # the check says "tidak boleh sesudah hari ini" instead.
        self.tanggal_surat = date_edit(today)
        self.tanggal_diterima = date_edit(today)
        self.perihal = QPlainTextEdit()
        self.perihal.setTabChangesFocus(True)
        self.perihal.setPlaceholderText("isi ringkas surat (Shift+Enter untuk baris baru)")
        self.perihal.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.sifat = QComboBox()
        for value in SIFAT_ENTRY_ORDER:
            self.sifat.addItem(SIFAT_LABELS[value], value)
        self.klasifikasi = klasifikasi_combo("ketik kode atau nama, mis. 005 atau undangan")
        self.lampiran = QLineEdit()
        self.lampiran.setPlaceholderText("mis. 1 berkas (boleh kosong)")

        self.saved_banner = QLabel()
        self.saved_banner.setObjectName("savedBanner")
        self.saved_banner.setStyleSheet(OK_STYLE)
        self.saved_banner.setVisible(False)
        self.saved_banner.setWordWrap(True)

        form = form_layout()
        form.setHorizontalSpacing(12)
        rows = (("&Dari", "dari", self.dari), ("No&mor surat", "nomor_surat", self.nomor_surat),
                ("&Tanggal surat", "tanggal_surat", self.tanggal_surat),
                ("Tanggal di&terima", "tanggal_diterima", self.tanggal_diterima),
                ("&Perihal", "perihal", self.perihal), ("S&ifat", "sifat", self.sifat),
                ("&Klasifikasi", "klasifikasi", self.klasifikasi),
                ("&Lampiran", "lampiran", self.lampiran))
        for text, name, widget in rows:
            label = QLabel(with_colon(text))
            label.setBuddy(widget)
            form.addRow(label, self.field(name, widget))

        self.save_new_button = QPushButton("Simpan && &Baru")
        self.save_new_button.setToolTip("Simpan lalu kosongkan isian untuk surat berikutnya "
                                        "(Ctrl+Shift+S)")
        self.save_new_button.clicked.connect(lambda: self.save(close=False))
        hint = QLabel("Enter: isian berikutnya \u00b7 Ctrl+S: simpan \u00b7 Esc: batal")
        hint.setStyleSheet("color: #555;")
        buttons = make_buttons(self, "&Simpan", lambda: self.save(close=True),
                               ok_tip="Simpan lalu tutup (Ctrl+S)", extra=[self.save_new_button],
                               lead=hint, auto_default=False)
        self.save_button: QPushButton = self.ok_button

        layout = QVBoxLayout(self)
        layout.addWidget(self.saved_banner)
        layout.addWidget(self.messages.general)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)

        order = [self.messages.widgets[name] for name in self.FIELD_ORDER]
        set_tab_order([*order, self.save_new_button, self.save_button, self.cancel_button])
        self._enter = EnterMovesFocus(order, self.save_button, self)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, lambda: self.save(close=False))
        self.setMinimumWidth(620)
        self.dari.setFocus()

    @staticmethod
    def _sender_completer() -> QCompleter:
        """Senders of recent letters, so a regular sender is typed in a few keys."""
        return contains_completer(recent_senders())

    def input(self) -> SuratMasukInput:
        """What the form holds, as the domain layer's input."""
        return SuratMasukInput(
            dari=self.dari.text(), nomor_surat=self.nomor_surat.text(),
            tanggal_surat=to_date(self.tanggal_surat.date()),
            tanggal_diterima=to_date(self.tanggal_diterima.date()),
            perihal=self.perihal.toPlainText(), sifat=self.sifat.currentData(),
            klasifikasi=parse_klasifikasi(self.klasifikasi.currentText()),
            lampiran=self.lampiran.text(),
        )

    def is_dirty(self) -> bool:
        texts = (self.dari.text(), self.nomor_surat.text(), self.perihal.toPlainText(),
                 self.klasifikasi.currentText(), self.lampiran.text())
        return any(text.strip() for text in texts)

    def save(self, close: bool = True) -> SuratMasuk | None:
        """Write the letter; on success show its number (and close, or clear for the next)."""
        perihal = " ".join(self.perihal.toPlainText().split())
        try:
            surat = register_surat_masuk(self.input(), oleh=self.oleh, now=self._now())
        except ValidationError as exc:
            self.saved_banner.setVisible(False)
            problems = dict(exc.problems)
            if "perihal" in problems and len(perihal) > MAX_PERIHAL:
                problems["perihal"] += " Ringkas perihalnya."
            self.show_problems(problems)
            return None
        self.clear_problems()
        self.last_saved = surat
        number = format_agenda(surat.nomor_agenda, surat.tahun)
        self.saved_banner.setText(f"Tersimpan dengan Nomor Agenda <b>{number}</b>"
                                  + ("" if close else ". Silakan catat surat berikutnya."))
        self.saved_banner.setVisible(True)
        self.saved.emit(surat.id, number)
        if close:
            self.accept()
        else:
            self.clear_for_next()
        return surat

    def clear_for_next(self) -> None:
        """Empty the form for the next letter; the date received stays (same pile)."""
        for edit in (self.dari, self.nomor_surat, self.lampiran):
            edit.clear()
        self.perihal.clear()
        self.klasifikasi.setCurrentIndex(-1)
        self.klasifikasi.setEditText("")
        self.sifat.setCurrentIndex(0)
        self.tanggal_surat.setDate(self.tanggal_diterima.date())
        focus_field(self.dari)


class UbahSuratMasukDialog(SuratMasukDialog):
    """Correcting a registered letter's fields (not its agenda number or date received).

    Saving compares with the letter as it was loaded: when another PC changed the same fields
    meanwhile, the message lists their values next to these and "Muat Ulang" loads the letter
    as stored now. Emits `saved(id, nomor_agenda_text)`.
    """

    def __init__(self, surat: SuratMasuk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        number = format_agenda(surat.nomor_agenda, surat.tahun)
        self.setWindowTitle(f"Ubah Data Surat Masuk {number}")
        self.setObjectName("ubahSuratMasukDialog")
        self.save_new_button.hide()
        self.tanggal_diterima.setEnabled(False)
        self.tanggal_diterima.setToolTip("Tanggal diterima menentukan tahun nomor agenda dan "
                                         "tidak bisa diubah.")
        self.add_reload_button(2, "Ambil data surat yang tersimpan sekarang")
        self.surat = surat
        self.load(surat)

    def load(self, surat: SuratMasuk) -> None:
        self.surat = surat
        self.dari.setText(surat.dari)
        self.nomor_surat.setText(surat.nomor_surat)
        self.tanggal_surat.setDate(from_date(surat.tanggal_surat))
        self.tanggal_diterima.setDate(from_date(surat.tanggal_diterima))
        self.perihal.setPlainText(surat.perihal)
        self.sifat.setCurrentIndex(max(self.sifat.findData(surat.sifat), 0))
        show_klasifikasi(self.klasifikasi, surat.klasifikasi)
        self.lampiran.setText(surat.lampiran)
        self._loaded_input = self.input()

    def load_stored(self) -> None:
        self.load(read_record(SuratMasuk, self.surat.id))

    def is_dirty(self) -> bool:
        return self.input() != self._loaded_input

    def save(self, close: bool = True) -> SuratMasuk | None:
        with self.showing_conflicts():
            surat = update_surat_masuk(self.surat, self.input(), now=self._now())
            self.clear_problems()
            self.last_saved = surat
            self.saved.emit(surat.id, format_agenda(surat.nomor_agenda, surat.tahun))
            self.accept()
            return surat
        return None
        return surat


# --- disposisi -----------------------------------------------------------------------------

def letter_header(surat: SuratMasuk) -> str:
    """Rich-text header naming the letter a dialog works on."""
    number = format_agenda(surat.nomor_agenda, surat.tahun)
    return (f"<b>No. Agenda {number}</b> \u00b7 diterima {format_tanggal(surat.tanggal_diterima)}"
            f"<br>Dari: {_escape(surat.dari)}<br>No. Surat: {_escape(surat.nomor_surat)}, "
            f"tanggal {format_tanggal(surat.tanggal_surat)}<br>Perihal: {_escape(surat.perihal)}")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _header_label(surat: SuratMasuk) -> QLabel:
    label = QLabel(letter_header(surat))
    label.setObjectName("letterHeader")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setStyleSheet("background: #f3f4f6; border: 1px solid #d1d5db; border-radius: 4px; "
                        "padding: 6px;")
    return label


class DisposisiDialog(_LetterDialog):
    """Writing a disposisi on a letter, as on the Lembar Disposisi. Emits `saved(id)`."""

    saved = Signal(int)

    def __init__(self, surat: SuratMasuk, parent: QWidget | None = None, *,
                 dari: Pejabat | None = None,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(parent)
        self.surat = surat
        self._now = now or dt.datetime.now
        self.last_saved: Disposisi | None = None
        self.officials = pejabat_aktif()
        self.existing = disposisi_chain(surat)
        self._targets = {item.id: disposisi_targets(item) for item in self.existing}
        self.setWindowTitle(f"Disposisi Surat {format_agenda(surat.nomor_agenda, surat.tahun)}")
        self.setObjectName("disposisiDialog")

        self.dari = QComboBox()
        self.dari.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for official in self.officials:
            self.dari.addItem(_official_label(official), official.id)
        self.induk = QComboBox()
        self.induk.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.induk.addItem("(disposisi pertama pada surat ini)", None)
        for item in reversed(self.existing):
            targets = ", ".join(p.jabatan for p in self._targets[item.id])
            self.induk.addItem(f"{item.dari_pejabat.jabatan} \u2192 {targets}, "
                               f"{format_waktu(item.tanggal)}", item.id)
        induk_label = QLabel("&Lanjutan dari:")
        induk_label.setBuddy(self.induk)
        induk_row = QWidget()
        induk_layout = QHBoxLayout(induk_row)
        induk_layout.setContentsMargins(0, 0, 0, 0)
        induk_layout.addWidget(self.induk, 1)
        induk_row.setVisible(bool(self.existing))
        induk_label.setVisible(bool(self.existing))

        self.kepada_boxes: dict[int, QCheckBox] = {}
        kepada_group = QGroupBox("Diteruskan kepada Sdr.:")
        kepada_group.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        kepada_layout = QVBoxLayout(kepada_group)
        for official in self.officials:
            box = QCheckBox(official.jabatan)
            box.setToolTip(_official_label(official))
            self.kepada_boxes[official.id] = box
            kepada_layout.addWidget(box)
        kepada_layout.addStretch(1)
        self.instruksi_boxes: dict[str, QCheckBox] = {}
        instruksi_group = QGroupBox("Dengan hormat harap:")
        instruksi_group.setSizePolicy(QSizePolicy.Policy.Expanding,
                                      QSizePolicy.Policy.Preferred)
        instruksi_layout = QVBoxLayout(instruksi_group)
        for text in INSTRUKSI:
            box = QCheckBox(text)
            self.instruksi_boxes[text] = box
            instruksi_layout.addWidget(box)
        instruksi_layout.addStretch(1)
        self.catatan = QPlainTextEdit()
        self.catatan.setTabChangesFocus(True)
        self.catatan.setPlaceholderText("catatan Camat/Sekcam (boleh kosong)")
        self.catatan.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.pakai_batas = QCheckBox("&Batas waktu")
        self.batas_waktu = date_edit(from_date(self._now().date()).addDays(7))
        self.batas_waktu.setMinimumDate(from_date(self._now().date()))
        self.batas_waktu.setEnabled(False)
        self.pakai_batas.toggled.connect(self.batas_waktu.setEnabled)
        batas_row = QWidget()
        batas_layout = QHBoxLayout(batas_row)
        batas_layout.setContentsMargins(0, 0, 0, 0)
        batas_layout.addWidget(self.pakai_batas)
        batas_layout.addWidget(self.batas_waktu)
        batas_layout.addStretch(1)

        groups = QWidget()
        groups_layout = QHBoxLayout(groups)
        groups_layout.setContentsMargins(0, 0, 0, 0)
        groups_layout.addWidget(self.field("kepada", kepada_group), 1)
        groups_layout.addWidget(self.field("instruksi", instruksi_group), 1)

        buttons = make_buttons(self, "&Simpan Disposisi", self.save, ok_tip="Ctrl+S",
                               auto_default=False)
        self.save_button: QPushButton = self.ok_button

        form = form_layout()
        form.setHorizontalSpacing(12)
        dari_label = QLabel("&Dari:")
        dari_label.setBuddy(self.dari)
        form.addRow(dari_label, self.dari)
        form.addRow(induk_label, induk_row)
        form.addRow(groups)
        catatan_label = QLabel("&Catatan:")
        catatan_label.setBuddy(self.catatan)
        form.addRow(catatan_label, self.field("catatan", self.catatan))
        form.addRow("", self.field("batas_waktu", batas_row))
        self.messages.widgets["batas_waktu"] = self.batas_waktu

        self._letter_layout(surat, form, buttons)
        self.setMinimumWidth(640)

        self.dari.currentIndexChanged.connect(self._writer_changed)
        writer = dari or next((p for p in self.officials if p.jabatan == CAMAT), None)
        actor = session.current_actor()
        own = actor.pejabat_id if actor is not None else None
        if dari is None and own is not None:
            writer = next((p for p in self.officials if p.id == own), writer)
        start = self.dari.findData(writer.id) if writer else 0
        self.dari.setCurrentIndex(max(start, 0))
        # A disposisi is written from one's own position (admin may enter a paper one).
        self.dari.setEnabled(not (actor is not None and actor.peran != "admin"
                                  and own is not None))
        self._writer_changed()

    def writer(self) -> Pejabat | None:
        official_id = self.dari.currentData()
        return next((p for p in self.officials if p.id == official_id), None)

    def _writer_changed(self, _index: int = 0) -> None:
        """The writer cannot address himself; continue the latest disposisi sent to him."""
        writer = self.writer()
        for official_id, box in self.kepada_boxes.items():
            own = writer is not None and official_id == writer.id
            if own:
                box.setChecked(False)
            box.setVisible(not own)
        latest = None
        if writer is not None:
            latest = next((item for item in reversed(self.existing)
                           if any(p.id == writer.id for p in self._targets[item.id])), None)
        self.induk.setCurrentIndex(max(self.induk.findData(latest.id if latest else None), 0))

    def chosen_targets(self) -> list[Pejabat]:
        boxes = self.kepada_boxes
        return [p for p in self.officials
                if boxes[p.id].isChecked() and not boxes[p.id].isHidden()]

    def chosen_instructions(self) -> list[str]:
        return [text for text, box in self.instruksi_boxes.items() if box.isChecked()]

    def is_dirty(self) -> bool:
        return bool(self.chosen_targets() or self.chosen_instructions()
                    or self.catatan.toPlainText().strip())

    def save(self) -> Disposisi | None:
        writer = self.writer()
        if writer is None:
            self.show_problems({"dari": "Pilih pejabat yang menulis disposisi."})
            return None
        induk_id = self.induk.currentData()
        induk = next((item for item in self.existing if item.id == induk_id), None)
        batas = to_date(self.batas_waktu.date()) if self.pakai_batas.isChecked() else None
        try:
            disposisi = tulis_disposisi(self.surat, writer, self.chosen_targets(),
                                        self.chosen_instructions(), self.catatan.toPlainText(),
                                        batas, induk=induk, now=self._now())
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return None
        self.clear_problems()
        self.last_saved = disposisi
        self.saved.emit(disposisi.id)
        self.accept()
        return disposisi


def _official_label(official: Pejabat) -> str:
    return f"{official.jabatan} ({official.nama})" if official.nama else official.jabatan


# --- pembatalan ----------------------------------------------------------------------------

class BatalkanDialog(AlasanDialog):
    """Voiding a letter with a reason; its number stays in the agenda. Emits `acted`."""

    def __init__(self, surat: SuratMasuk, parent: QWidget | None = None) -> None:
        number = format_agenda(surat.nomor_agenda, surat.tahun)
        super().__init__(
            f"Batalkan Surat {number}",
            f"Surat nomor agenda <b>{number}</b> akan ditandai <b>DIBATALKAN</b>. Surat tidak "
            "dihapus: tetap tampil di agenda (dicoret), dan nomor agenda "
            f"{number} tetap tercatat untuk surat ini, tidak dipakai untuk surat lain.",
            "Batalkan &Surat Ini", lambda alasan: void_surat_masuk(surat, alasan), parent,
            "mis. surat tercatat dua kali; salah alamat", label="&Alasan pembatalan (wajib)",
            min_width=520, cancel_text="&Kembali", header=_header_label(surat),
            object_name="batalkanDialog", ask_before_closing=True)
        self.surat = surat
        self.confirm_button: QPushButton = self.ok_button
        self.back_button: QPushButton = self.cancel_button


# --- ekspedisi -----------------------------------------------------------------------------

def default_kepada(surat: SuratMasuk) -> str:
    """The jabatan the latest disposisi of `surat` was addressed to ("" without disposisi)."""
    chain = disposisi_chain(surat)
    if not chain:
        return ""
    return ", ".join(p.jabatan for p in disposisi_targets(chain[-1]))


class EkspedisiDialog(_LetterDialog):
    """Sending a letter on with the Buku Ekspedisi. Emits `saved(id, nomor_text)`."""

    saved = Signal(int, str)

    def __init__(self, surat: SuratMasuk, parent: QWidget | None = None, *,
                 oleh: str | None = None,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(parent)
        self.surat = surat
        self.oleh = oleh
        self.last_saved: Ekspedisi | None = None
        moment = (now or dt.datetime.now)()
        self.setWindowTitle(f"Kirim Surat {format_agenda(surat.nomor_agenda, surat.tahun)} "
                            "(Buku Ekspedisi)")
        self.setObjectName("ekspedisiDialog")
        self.uraian = QLineEdit(surat.perihal)
        self.kepada = QLineEdit(default_kepada(surat))
        self.kepada.setPlaceholderText("mis. Kasi Tata Pemerintahan")
        self.dikirim_pada = datetime_edit(moment.replace(second=0, microsecond=0))
        form = form_layout()
        form.setHorizontalSpacing(12)
        for text, name, widget in (("&Uraian yang dikirim", "uraian", self.uraian),
                                   ("&Kepada", "kepada", self.kepada),
                                   ("Dikirim &pada", "dikirim_pada", self.dikirim_pada)):
            label = QLabel(with_colon(text))
            label.setBuddy(widget)
            form.addRow(label, self.field(name, widget))
        buttons = make_buttons(self, "&Simpan ke Buku Ekspedisi", self.save, ok_tip="Ctrl+S",
                               auto_default=False)
        self.save_button: QPushButton = self.ok_button
        self._letter_layout(surat, form, buttons)
        self._enter = EnterMovesFocus([self.uraian, self.kepada, self.dikirim_pada],
                                      self.save_button, self)
        self.setMinimumWidth(560)
        focus_field(self.kepada if not self.kepada.text() else self.uraian)

    def save(self) -> Ekspedisi | None:
        try:
            entry = kirim_ekspedisi(self.uraian.text(), self.kepada.text(),
                                    surat_masuk=self.surat, oleh=self.oleh,
                                    dikirim_pada=to_datetime(self.dikirim_pada.dateTime()))
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return None
        self.clear_problems()
        self.last_saved = entry
        self.saved.emit(entry.id, f"{entry.nomor}/{entry.tahun}")
        self.accept()
        return entry
