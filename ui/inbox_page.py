"""Kotak masuk disposisi of one seksi: what the Camat, Sekcam or Kasubag asked its officials to
do, with the deadline, and the follow-up ("tindak lanjut") that closes it."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.registers.disposisi import disposisi_targets, inbox, selesaikan_disposisi
from jogoroto_desktop.registers.kernel import read_record
from jogoroto_desktop.registers.surat import pejabat_by_id
from jogoroto_desktop.sop.catalog import SEKSI_BY_ID
from models import Disposisi, Pejabat, SuratMasuk
from ui.item_models import ListTableModel, ModelIndex, bold_font, format_waktu
from ui.registers.forms import ERROR_COLOR, set_tab_order
from ui.registers.page import LazyPage, button_bar, stack, table_over
from ui.registers.table import MUTED_COLOR, register_table
from ui.registers.void import AlasanDialog


def done_here(disposisi: Disposisi) -> bool:
    """Followed up by this seksi's addressees (inbox() marks it), else by everyone."""
    return bool(getattr(disposisi, "selesai_seksi", disposisi.selesai))


def instruksi_text(disposisi: Disposisi, separator: str = "; ") -> str:
    """The ticked instructions and the note, on one line (or with `separator`)."""
    parts = [line for line in disposisi.instruksi.splitlines() if line.strip()]
    if disposisi.catatan:
        parts.append(f"Catatan: {disposisi.catatan}")
    return separator.join(parts)


class InboxModel(ListTableModel):
    """Disposisi addressed to a seksi's officials (a seksi's inbox is small: a plain list)."""

    COL_TANGGAL, COL_AGENDA, COL_DARI_SURAT, COL_PERIHAL, COL_DARI, COL_INSTRUKSI, \
        COL_BATAS, COL_STATUS = range(8)
    HEADERS = ("Tanggal", "No. Agenda", "Dari (surat)", "Perihal", "Dari (pejabat)",
               "Instruksi", "Batas waktu", "Status")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pejabat: dict[int, Pejabat] = {}
        self.today = dt.date.today()

    def set_rows(self, rows: list[Disposisi], today: dt.date | None = None) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._pejabat = pejabat_by_id()
        self.today = today or dt.date.today()
        self.endResetModel()

    def disposisi_at(self, row: int) -> Disposisi | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, disposisi_id: int) -> int:
        return next((i for i, d in enumerate(self.rows) if d.id == disposisi_id), -1)

    def is_overdue(self, disposisi: Disposisi) -> bool:
        return (not done_here(disposisi) and disposisi.batas_waktu is not None
                and disposisi.batas_waktu < self.today)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        disposisi: Disposisi = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(disposisi, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_INSTRUKSI:
                return instruksi_text(disposisi, "\n")
            if column == self.COL_BATAS and self.is_overdue(disposisi):
                return "Sudah lewat batas waktu"
            return self._text(disposisi, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.COL_BATAS and self.is_overdue(disposisi):
                return ERROR_COLOR
            if done_here(disposisi):
                return MUTED_COLOR
            return None
        if role == Qt.ItemDataRole.FontRole and column == self.COL_BATAS \
                and self.is_overdue(disposisi):
            return bold_font()
        return None

    def _text(self, disposisi: Disposisi, column: int) -> str:
        surat: SuratMasuk = disposisi.surat_masuk
        if column == self.COL_TANGGAL:
            return format_tanggal(disposisi.tanggal.date())
        if column == self.COL_AGENDA:
            return f"{surat.nomor_agenda}/{surat.tahun}"
        if column == self.COL_DARI_SURAT:
            return surat.dari
        if column == self.COL_PERIHAL:
            return surat.perihal
        if column == self.COL_DARI:
            writer = self._pejabat.get(disposisi.dari_pejabat_id)
            return writer.jabatan if writer else ""
        if column == self.COL_INSTRUKSI:
            return instruksi_text(disposisi)
        if column == self.COL_BATAS:
            if disposisi.batas_waktu is None:
                return "-"
            text = format_tanggal(disposisi.batas_waktu)
            return f"{text} (lewat)" if self.is_overdue(disposisi) else text
        if done_here(disposisi):
            return f"Selesai {format_tanggal(disposisi.selesai_pada.date())}" \
                if disposisi.selesai_pada else "Selesai"
        return "Belum ditindaklanjuti"


class TindakLanjutDialog(AlasanDialog):
    """Record the follow-up of a disposisi (required text)."""

    def __init__(self, disposisi: Disposisi, oleh: str, parent: QWidget | None = None,
                 seksi_id: str | None = None) -> None:
        surat: SuratMasuk = disposisi.surat_masuk
        super().__init__(
            "Tindak Lanjut Disposisi",
            f"<b>{html.escape(surat.perihal)}</b><br>"
            f"Surat dari {html.escape(surat.dari)}, agenda {surat.nomor_agenda}/{surat.tahun}"
            f"<br>Disposisi: {html.escape(instruksi_text(disposisi))}", "&Simpan",
            lambda teks: selesaikan_disposisi(disposisi, teks, oleh, seksi_id=seksi_id), parent,
            "mis. Sudah dikoordinasikan dengan kepala desa; laporan diserahkan 12 Maret",
            label=f"&Tindak lanjut oleh {html.escape(oleh)} (wajib):", min_width=540,
            cancel_text="Batal", object_name="tindakLanjutDialog", field="tindak_lanjut",
            field_object="tindakLanjut", lines=5)
        self.disposisi = disposisi
        self.oleh = oleh
        self.seksi_id = seksi_id
        self.teks = self.alasan


class InboxPage(LazyPage):
    """The disposisi addressed to the officials of seksi `seksi_id`.

    `open_count_changed(int)` is emitted after every refresh with the number of open disposisi
    (for a badge in the tab title); `changed` after a follow-up was recorded.
    """

    open_count_changed = Signal(int)

    _WIDTHS = {0: 125, 1: 80, 2: 160, 4: 110, 5: 200, 6: 205, 7: 150}

    def __init__(self, seksi_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if seksi_id not in SEKSI_BY_ID:
            raise ValueError(f"seksi tidak dikenal: {seksi_id!r}")
        self.seksi_id = seksi_id
        self.setObjectName(f"inbox-{seksi_id}")

        title = QLabel(f"Disposisi untuk {SEKSI_BY_ID[seksi_id].name}")
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self.count_label = QLabel()
        self.count_label.setObjectName("jumlahDisposisi")
        self.follow_button = QPushButton("&Tindak Lanjut…")
        self.follow_button.setObjectName("tindakLanjutButton")
        self.follow_button.setToolTip("Catat tindak lanjut disposisi yang dipilih")
        self.follow_button.clicked.connect(self.tindak_lanjut)
        self.show_done = QCheckBox("Tampilkan yang sudah &selesai")
        self.show_done.setObjectName("tampilkanSelesai")
        self.show_done.toggled.connect(lambda _on: self.refresh())
        top = button_bar(title, self.count_label, self.show_done, self.follow_button)

        self.model = InboxModel(self)
        self.table = register_table("inboxTable", self.model, self._WIDTHS, InboxModel.COL_PERIHAL)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _index: self.tindak_lanjut())
        self.detail = QTextBrowser()
        self.detail.setObjectName("inboxDetail")
        self.detail.setOpenLinks(False)
        splitter = table_over(self.table, self.detail, stretch=(3, 1))
        stack(self, top, splitter, grow=splitter)
        set_tab_order([self.show_done, self.follow_button, self.table, self.detail])
        self._update()

    def refresh(self) -> None:
        """Reload the inbox, keeping the selected disposisi."""
        self._loaded = True
        keep = self.current_disposisi()
        rows = inbox(self.seksi_id, include_done=self.show_done.isChecked())
        self.model.set_rows(rows)
        open_count = sum(1 for d in rows if not done_here(d)) if self.show_done.isChecked() \
            else len(rows)
        overdue = sum(1 for d in rows if self.model.is_overdue(d))
        text = f"{open_count} belum ditindaklanjuti"
        self.count_label.setText(text + (f", {overdue} lewat batas waktu" if overdue else ""))
        row = self.model.row_of(keep.id) if keep is not None else -1
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._update()
        self.open_count_changed.emit(open_count)

    def count_open(self) -> int:
        """How many disposisi of this seksi are not followed up yet."""
        return len(inbox(self.seksi_id, include_done=False))

    def current_disposisi(self) -> Disposisi | None:
        index = self.table.currentIndex()
        return self.model.disposisi_at(index.row()) if index.isValid() else None

    def select_disposisi(self, disposisi_id: int) -> bool:
        row = self.model.row_of(disposisi_id)
        if row >= 0:
            self.table.setCurrentIndex(self.model.index(row, 0))
        return row >= 0

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update()

    def _update(self) -> None:
        disposisi = self.current_disposisi()
        self.follow_button.setEnabled(disposisi is not None and not done_here(disposisi))
        self.detail.setHtml(self._detail_html(disposisi) if disposisi else "")
        # The table takes the page until a disposisi is chosen, as on the register pages.
        self.detail.setVisible(disposisi is not None)

    def _detail_html(self, disposisi: Disposisi) -> str:
        surat: SuratMasuk = disposisi.surat_masuk
        writer = read_record(Pejabat, disposisi.dari_pejabat_id)
        targets = ", ".join(p.jabatan for p in disposisi_targets(disposisi))
        rows = [
            ("Surat", f"{surat.dari}, nomor {surat.nomor_surat}, "
                      f"tanggal {format_tanggal(surat.tanggal_surat)}"),
            ("Perihal", surat.perihal),
            ("Disposisi", f"{writer.jabatan if writer else ''} kepada {targets}, "
                          f"{format_waktu(disposisi.tanggal)}"),
            ("Instruksi", instruksi_text(disposisi, "; ")),
        ]
        if done_here(disposisi):
            rows.append(("Tindak lanjut", f"{disposisi.tindak_lanjut} "
                                          f"({format_waktu(disposisi.selesai_pada)})"))
        cells = "".join(f"<tr><td style='padding-right:12px'><b>{html.escape(k)}</b></td>"
                        f"<td>{html.escape(v)}</td></tr>" for k, v in rows)
        return f"<table>{cells}</table>"

    def _oleh(self, disposisi: Disposisi) -> str:
        """The addressed official of this seksi (who does the follow-up)."""
        mine = [p for p in disposisi_targets(disposisi) if p.seksi == self.seksi_id]
        return mine[0].jabatan if mine else SEKSI_BY_ID[self.seksi_id].name

    def tindak_lanjut(self) -> None:
        disposisi = self.current_disposisi()
        if disposisi is None or done_here(disposisi):
            return
        dialog = TindakLanjutDialog(disposisi, self._oleh(disposisi), self, self.seksi_id)
        self._open(dialog, self._followed_up)

    def _followed_up(self) -> None:
        self.refresh()
        self.status_message.emit("Tindak lanjut disposisi dicatat.")
        self.changed.emit()
