"""Data Pegawai: the personnel master of the Subbag Umum dan Kepegawaian, with a form that checks
the NIP while it is typed (and shows what it encodes: birth date, TMT CPNS, sex)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import peewee
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.nip import JENIS_KELAMIN_LABELS, NipError, parse_nip
from jogoroto_desktop.registers import kepegawaian as kp
from jogoroto_desktop.session import PermissionDenied
from jogoroto_desktop.validation import ValidationError
from models import Pegawai
from ui.registers.forms import CheckedHint, FormDialog, live_check, named_line, set_tab_order
from ui.registers.page import RegisterPage, action_button, button_bar, stack
from ui.registers.table import LazyQueryModel, muted_look
from ui.registers.void import AlasanDialog

_P = Pegawai


def reminder_banner(object_name: str = "pengingatBanner") -> QLabel:
    """The Buku Penjagaan reminder line shown on top of the Sekretariat's personnel pages."""
    label = QLabel()
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def update_banner(label: QLabel, today: dt.date | None = None) -> None:
    entries = kp.pengingat(today)
    label.setText(kp.ringkasan_pengingat(entries))
    late = any(e.terlambat for e in entries)
    colour = ("#f8d7d7", "#9c1c1c") if late else (("#fff3cd", "#6b4e00") if entries
                                                  else ("#e3f1e6", "#1e6b2e"))
    label.setStyleSheet(f"QLabel {{ background: {colour[0]}; color: {colour[1]}; "
                        "padding: 6px; border-radius: 3px; font-weight: bold; }")


class PersonnelPage(RegisterPage):
    """A personnel register (Data Pegawai, Buku Cuti) under the Buku Penjagaan reminder
    (`banner`), which it reads again with its rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = reminder_banner()

    def refresh(self) -> None:
        super().refresh()
        update_banner(self.banner)


class PegawaiModel(LazyQueryModel):
    """The pegawai master, by name."""

    COL_NIP, COL_NAMA, COL_PANGKAT, COL_JABATAN, COL_TMT, COL_PENSIUN, COL_STATUS = range(7)
    HEADERS = ("NIP", "Nama", "Pangkat/Gol.", "Jabatan", "TMT Pangkat", "TMT Pensiun", "Status")
    SORT_KEYS = ((_P.nama, False), (_P.id, False))
    _ID, _NIP, _NAMA, _PANGKAT, _GOL, _JABATAN, _TMT, _LAHIR, _BUP, _AKTIF = range(10)
    FORMATS = {COL_NIP: (_NIP, None), COL_NAMA: (_NAMA, None), COL_JABATAN: (_JABATAN, None),
               COL_TMT: (_TMT, format_tanggal)}
    termasuk_nonaktif = False

    def base_query(self) -> peewee.SelectQuery:
        query = kp.query_pegawai(self.teks, self.termasuk_nonaktif)
        return query.select(_P.id, _P.nip, _P.nama, _P.pangkat, _P.golongan, _P.jabatan,
                            _P.tmt_pangkat, _P.tanggal_lahir, _P.bup, _P.aktif)

    def cell(self, row: tuple, column: int, role: int) -> Any:
        inactive = not row[self._AKTIF]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        return muted_look(role, inactive)

    def _text(self, row: tuple, column: int) -> str:
        if column == self.COL_PANGKAT:
            return f"{row[self._PANGKAT]}, {row[self._GOL]}"
        if column in self.FORMATS:
            return self.text(row, column)
        if column == self.COL_PENSIUN:
            return format_tanggal(kp.tmt_pensiun(row[self._LAHIR], row[self._BUP]))
        return "Aktif" if row[self._AKTIF] else "Nonaktif"


# (valid, what the NIP says or why it is wrong) for the live check under the field.
describe_nip = live_check(
    parse_nip, NipError, "Ketik 18 angka NIP; spasi boleh.",
    lambda nip: (f"\u2713 Lahir {format_tanggal(nip.tanggal_lahir)}, TMT CPNS "
                 f"{format_tanggal(nip.tmt_cpns).split(' ', 1)[1]}, "
                 f"{JENIS_KELAMIN_LABELS[nip.jenis_kelamin]}"))


class PegawaiDialog(FormDialog):
    """Add or change a pegawai. After accept(), `pegawai` is the saved record."""

    def __init__(self, pegawai: Pegawai | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Ubah Data Pegawai" if pegawai else "Tambah Pegawai",
                         name="pegawaiDialog", min_width=620)
        self.original = pegawai
        self.pegawai: Pegawai | None = None

        self.nip = named_line("nip", "mis. 19690814 199703 2 003")
        self.nip_info = CheckedHint(self.nip, describe_nip, "nipInfo")
        self.nama = named_line("nama")
        self.pangkat = QComboBox()
        self.pangkat.setObjectName("pangkat")
        for golongan, name in kp.PANGKAT:
            self.pangkat.addItem(f"{name}, {golongan}", golongan)
        self.pangkat.setCurrentIndex(kp.GOLONGAN.index("III/a"))
        self.jabatan = named_line("jabatan")
        self.tmt_pangkat = named_line("tmtPangkat", "mis. 1 April 2023 (kosongkan bila belum tahu)")
        self.jenis_jabatan = QComboBox()
        self.jenis_jabatan.setObjectName("jenisJabatan")
        for key, (label, bup) in kp.JENIS_JABATAN.items():
            self.jenis_jabatan.addItem(f"{label} (BUP {bup})", key)
        self.bup = QSpinBox()
        self.bup.setObjectName("bup")
        self.bup.setRange(kp.BUP_MIN, kp.BUP_MAX)
        self.bup.setSuffix(" tahun")
        self.bup.setValue(58)
        self.jenis_jabatan.currentIndexChanged.connect(self._default_bup)
        self.jatah = QSpinBox()
        self.jatah.setObjectName("jatahCuti")
        self.jatah.setRange(0, 24)
        self.jatah.setSuffix(" hari kerja")
        self.jatah.setValue(kp.JATAH_CUTI_BAWAAN)
        if pegawai is not None:
            self.nip.setText(pegawai.nip)
            self.nama.setText(pegawai.nama)
            self.pangkat.setCurrentIndex(kp.GOLONGAN.index(pegawai.golongan))
            self.jabatan.setText(pegawai.jabatan)
            self.tmt_pangkat.setText(format_tanggal(pegawai.tmt_pangkat, empty=""))
            self.bup.setValue(pegawai.bup)
            self.jatah.setValue(pegawai.jatah_cuti)

        note = QLabel("Tanggal lahir dan jenis kelamin diambil dari NIP.")
        note.setWordWrap(True)
        self.lay_out((("&NIP:", "nip", self.nip), ("Na&ma:", "nama", self.nama),
                      ("&Pangkat/golongan:", "pangkat", self.pangkat),
                      ("&Jabatan:", "jabatan", self.jabatan),
                      ("&TMT pangkat:", "tmt_pangkat", self.tmt_pangkat),
                      ("Jenis j&abatan:", "jenis_jabatan", self.jenis_jabatan),
                      ("&Batas usia pensiun:", "bup", self.bup),
                      ("Jatah &cuti tahunan:", "jatah_cuti", self.jatah)),
                     "&Simpan", self.save, below=note, hints={"nip": self.nip_info},
                     focus=self.nama if pegawai else self.nip)

    def _default_bup(self) -> None:
        self.bup.setValue(kp.JENIS_JABATAN[self.jenis_jabatan.currentData()][1])

    def data(self) -> kp.PegawaiInput:
        return kp.PegawaiInput(
            nip=self.nip.text(), nama=self.nama.text(), pangkat=self.pangkat.currentData(),
            jabatan=self.jabatan.text(), tmt_pangkat=self.tmt_pangkat.text() or None,
            jenis_jabatan=self.jenis_jabatan.currentData(), bup=self.bup.value(),
            jatah_cuti=self.jatah.value())

    def save(self) -> None:
        with self.messages.showing_problems():
            if self.original is None:
                self.pegawai = kp.tambah_pegawai(self.data())
            else:
                self.pegawai = kp.ubah_pegawai(self.original, self.data())
            self.accept()


class PegawaiPage(PersonnelPage):
    """The Data Pegawai page: the master list, add/change/deactivate, the reminder banner."""


    RECORD = Pegawai
    COUNT_NOUN = "pegawai"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pegawaiPage")
        self.add_button = action_button("&Tambah Pegawai…", "tambahPegawaiButton", self.tambah)
        self.edit_button = action_button("&Ubah…", "ubahPegawaiButton", self.ubah)
        self.active_button = action_button("&Nonaktifkan…", "aktifButton", self.toggle_aktif)
        buttons = button_bar(self.add_button, self.edit_button, self.active_button)
        self._build_register(PegawaiModel(self), table_name="pegawaiTable",
                             search_name="cariPegawai",
                             search_hint="Nama, NIP (boleh tanpa spasi) atau jabatan",
                             count_name="jumlahPegawai",
                             widths={0: 180, 1: 220, 2: 210, 4: 130, 5: 130, 6: 80},
                             stretch=PegawaiModel.COL_JABATAN, years=False)
        self.table.doubleClicked.connect(lambda _i: self.ubah())
        self.inactive = self._check_filter("Tampilkan yang &nonaktif", "nonaktifFilter",
                                           "termasuk_nonaktif")
        filters = self._filter_row(self.inactive, fields=(("&Cari:", self.search),))
        stack(self, self.banner, buttons, filters, self.table, grow=self.table)
        set_tab_order([self.add_button, self.edit_button, self.active_button, self.search,
                       self.inactive, self.table])
        self._update_buttons()

    def _update_buttons(self) -> None:
        pegawai = self.current_record()
        self.edit_button.setEnabled(pegawai is not None)
        self.active_button.setEnabled(pegawai is not None)
        self.active_button.setText("Akti&fkan Kembali" if pegawai is not None
                                   and not pegawai.aktif else "&Nonaktifkan…")

    def tambah(self) -> None:
        dialog = PegawaiDialog(None, self)
        self._open(dialog, lambda: self._saved(dialog, "ditambahkan"))

    def ubah(self) -> None:
        self._open_on_selected(lambda pegawai: PegawaiDialog(pegawai, self),
                               lambda dialog: self._saved(dialog, "diubah"))

    def _saved(self, dialog: PegawaiDialog, what: str) -> None:
        pegawai = dialog.pegawai
        if pegawai is not None:
            self._after_write(pegawai, f"Data {pegawai.nama} {what}.")

    def toggle_aktif(self, alasan: str | None = None) -> None:
        """Deactivate with a reason (asked when not given), or reactivate."""
        pegawai = self.current_record()
        if pegawai is None:
            return
        if pegawai.aktif and alasan is None:
            dialog = AlasanDialog(
                "Nonaktifkan Pegawai", f"{pegawai.nama} tidak lagi tampil di antara pegawai "
                "aktif; datanya tetap tersimpan dan dapat diaktifkan kembali.",
                "&Nonaktifkan", lambda text: kp.set_aktif(pegawai, False, text), self,
                hint="mis. pensiun, pindah tugas")
            self._open(dialog, lambda: self._activity_changed(pegawai))
            return
        try:
            kp.set_aktif(pegawai, not pegawai.aktif, alasan or "")
        except (ValidationError, PermissionDenied) as exc:
            QMessageBox.warning(self, "Tidak dapat disimpan", str(exc).split(": ", 1)[-1])
            return
        self._activity_changed(pegawai)

    def _activity_changed(self, pegawai: Pegawai) -> None:
        self.refresh()
        self.status_message.emit(f"{pegawai.nama} " + ("diaktifkan kembali." if pegawai.aktif
                                                      else "dinonaktifkan."))
        self.changed.emit()
