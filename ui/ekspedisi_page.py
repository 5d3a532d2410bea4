"""Buku Ekspedisi: every delivery with who received it and when."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import peewee
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from jogoroto_desktop.registers.ekspedisi import kirim_ekspedisi, query_ekspedisi, terima_ekspedisi
from models import Ekspedisi, SuratKeluar
from ui.item_models import format_waktu
from ui.registers.dates import datetime_edit, to_datetime
from ui.registers.forms import FormDialog, named_line, set_tab_order
from ui.registers.page import RegisterPage, action_button, button_bar, stack
from ui.registers.table import LazyQueryModel, muted_look

# --- Buku Ekspedisi ------------------------------------------------------------------------

_E = Ekspedisi


class EkspedisiModel(LazyQueryModel):
    """The Buku Ekspedisi, newest first."""

    COL_NO, COL_DIKIRIM, COL_URAIAN, COL_KEPADA, COL_SURAT, COL_OLEH, COL_PADA = range(7)
    HEADERS = ("No.", "Dikirim", "Uraian", "Kepada", "Surat", "Diterima oleh", "Diterima pada")
    SORT_KEYS = ((_E.tahun, True), (_E.nomor, True), (_E.id, True))
    # tuple positions
    _ID, _TAHUN, _NOMOR, _DIKIRIM, _URAIAN, _KEPADA, _AGENDA, _AGENDA_TAHUN, _NOMOR_KELUAR, \
        _OLEH, _PADA = range(11)

    FORMATS = {COL_DIKIRIM: (_DIKIRIM, format_waktu), COL_URAIAN: (_URAIAN, None),
               COL_KEPADA: (_KEPADA, None), COL_PADA: (_PADA, format_waktu)}
    belum_diterima = False

    def base_query(self) -> peewee.SelectQuery:
        return query_ekspedisi(self.tahun, self.teks, self.belum_diterima)

    def cell(self, row: tuple, column: int, role: int) -> Any:
        received = row[self._PADA] is not None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_OLEH and not received:
                return "Tanda terima belum dicatat."
            return self._text(row, column) or None
        return muted_look(role, column == self.COL_OLEH and not received)

    def _text(self, row: tuple, column: int) -> str:
        if column == self.COL_NO:
            return f"{row[self._NOMOR]}/{row[self._TAHUN]}"
        if column == self.COL_SURAT:
            if row[self._NOMOR_KELUAR]:
                return row[self._NOMOR_KELUAR]
            if row[self._AGENDA] is not None:
                return f"Agenda {row[self._AGENDA]}/{row[self._AGENDA_TAHUN]}"
            return ""
        if column == self.COL_OLEH:
            return row[self._OLEH] or "belum diterima"
        return self.text(row, column)

    def is_received(self, row: int) -> bool:
        values = self.row_tuple(row)
        return values is not None and values[self._PADA] is not None


class KirimEkspedisiDialog(FormDialog):
    """Write a delivery into the Buku Ekspedisi: for a numbered surat keluar (prefilled), or
    on its own ("Kirim Baru…"). After accept(), `entry` is the new record."""

    def __init__(self, surat_keluar: SuratKeluar | None = None, oleh: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, name="kirimEkspedisiDialog", min_width=640,
                         title="Kirim dengan Ekspedisi" if surat_keluar
                         else "Kirim Baru (Ekspedisi)")
        self.surat_keluar = surat_keluar
        self.oleh = oleh
        self.entry: Ekspedisi | None = None
        self.uraian = named_line("uraian", "mis. Surat undangan rapat koordinasi (1 berkas)")
        self.kepada = named_line("kepada", "mis. Kepala Desa Sumbermulyo")
        self.dikirim = datetime_edit(dt.datetime.now().replace(second=0, microsecond=0))
        self.dikirim.setObjectName("dikirimPada")
        intro = None
        if surat_keluar is not None:
            self.uraian.setText(f"Surat nomor {surat_keluar.nomor or '-'} perihal "
                                f"{surat_keluar.perihal}")
            self.kepada.setText(surat_keluar.kepada)
            for edit in (self.uraian, self.kepada):
                edit.setCursorPosition(0)
            intro = QLabel("Setelah dicatat, status surat menjadi <b>Dikirim</b>. Penerimanya "
                           "dicatat nanti di Buku Ekspedisi (Catat Penerimaan).")
            intro.setWordWrap(True)
        self.lay_out((("&Uraian yang dikirim:", "uraian", self.uraian),
                      ("&Kepada:", "kepada", self.kepada),
                      ("&Dikirim pada:", "dikirim_pada", self.dikirim)), "&Catat Pengiriman",
                     self.save, intro=intro,
                     focus=self.kepada if surat_keluar is not None else self.uraian)

    def save(self) -> None:
        with self.messages.showing_problems():
            self.entry = kirim_ekspedisi(self.uraian.text(), self.kepada.text(),
                                         surat_keluar=self.surat_keluar, oleh=self.oleh,
                                         dikirim_pada=to_datetime(self.dikirim.dateTime()))
            self.accept()


class TerimaEkspedisiDialog(FormDialog):
    """Record who received a delivery and when (the signature column of the paper book)."""

    def __init__(self, entry: Ekspedisi, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Catat Penerimaan Ekspedisi",
                         name="terimaEkspedisiDialog", min_width=480)
        self.entry = entry
        about = QLabel(f"<b>Ekspedisi {entry.nomor}/{entry.tahun}</b><br>"
                       f"{_escape(entry.uraian)}<br>Kepada: {_escape(entry.kepada)}<br>"
                       f"Dikirim: {format_waktu(entry.dikirim_pada)}")
        about.setWordWrap(True)
        self.penerima = named_line("penerima", "Nama orang yang menerima dan menandatangani",
                                   entry.diterima_oleh)
        self.pada = datetime_edit(entry.diterima_pada
                                  or dt.datetime.now().replace(second=0, microsecond=0))
        self.pada.setObjectName("diterimaPada")
        self.lay_out((("Diterima &oleh:", "diterima_oleh", self.penerima),
                      ("Diterima &pada:", "diterima_pada", self.pada)), "&Simpan", self.save,
                     intro=about)

    def save(self) -> None:
        with self.messages.showing_problems():
            terima_ekspedisi(self.entry, self.penerima.text(), to_datetime(self.pada.dateTime()))
            self.accept()


def _escape(text: str) -> str:
    return html.escape(text or "")


class BukuEkspedisiPage(RegisterPage):
    """The Buku Ekspedisi page. `changed` is emitted after a delivery or a receipt is recorded
    (the other registers show the state of their letters)."""


    RECORD = Ekspedisi
    _WIDTHS = {0: 80, 1: 170, 3: 220, 4: 190, 5: 170, 6: 170}

    def __init__(self, parent: QWidget | None = None, pengguna: str = "Agendaris") -> None:
        super().__init__(parent)
        self.setObjectName("bukuEkspedisiPage")
        self.pengguna = pengguna

        self.new_button = action_button(
            "&Kirim Baru…", "kirimBaruButton", self.kirim_baru,
            "Catat pengiriman yang tidak terkait surat keluar bernomor")
        self.receive_button = action_button("Catat &Penerimaan…", "catatPenerimaanButton",
                                            self.catat_penerimaan)
        buttons = button_bar(self.new_button, self.receive_button)

        self._build_register(EkspedisiModel(self), table_name="ekspedisiTable",
                             search_name="cariEkspedisi",
                             search_hint="Uraian, tujuan, penerima, nomor (mis. 3/2026)",
                             count_name="jumlahEkspedisi", widths=self._WIDTHS,
                             stretch=EkspedisiModel.COL_URAIAN)
        self.table.doubleClicked.connect(lambda _index: self.catat_penerimaan())
        self.pending_filter = self._check_filter("Hanya yang &belum diterima",
                                                 "belumDiterimaFilter", "belum_diterima")
        stack(self, buttons, self._filter_row(self.pending_filter), self.table, grow=self.table)
        set_tab_order([self.new_button, self.receive_button, self.year_filter, self.search,
                       self.pending_filter, self.table])
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected_row()
        self.receive_button.setEnabled(row is not None and not self.model.is_received(row))

    def kirim_baru(self) -> None:
        dialog = KirimEkspedisiDialog(None, self.pengguna, self)
        self._open(dialog, lambda: self._sent(dialog))

    def _sent(self, dialog: KirimEkspedisiDialog) -> None:
        entry = dialog.entry
        if entry is not None:
            self._after_write(entry, f"Ekspedisi {entry.nomor}/{entry.tahun} dicatat.")

    def catat_penerimaan(self) -> None:
        self._open_on_selected(lambda entry: TerimaEkspedisiDialog(entry, self), self._received,
                               lambda entry: entry.diterima_pada is None)

    def _received(self, dialog: TerimaEkspedisiDialog) -> None:
        entry = dialog.entry
        self._reload(entry.id)
        self.status_message.emit(f"Ekspedisi {entry.nomor}/{entry.tahun} diterima oleh "
                                 f"{entry.diterima_oleh}.")
        self.changed.emit()
