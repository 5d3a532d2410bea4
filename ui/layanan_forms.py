"""Dialogs of the Layanan page: registering a request (NIK checked as it is typed, the
requirements checklist of the chosen service), a reason (kurang lengkap, tolak, batal) and the
Buku Pengambilan (who collected, when)."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.desa import daftar_desa
from jogoroto_desktop.nik import JENIS_KELAMIN_LABELS, NikError, periksa_nik
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.sop.catalog import Sop
from models import Permohonan
from ui.registers.dates import datetime_edit, to_datetime
from ui.registers.forms import (
    CheckedHint,
    EnterMovesOn,
    FormDialog,
    contains_completer,
    live_check,
    make_buttons,
    named_line,
    set_tab_order,
    widget_row,
)


def desa_field() -> QComboBox:
    """The kecamatan's desa to choose from (Pengaturan > Desa), typed with completion; any
    other place may still be typed for a citizen from outside the kecamatan."""
    combo = QComboBox()
    combo.setObjectName("desa")
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    names = daftar_desa()
    combo.addItems(names)
    combo.setCurrentIndex(-1)
    combo.lineEdit().setPlaceholderText("pilih atau ketik; desa luar kecamatan boleh diketik")
    combo.setCompleter(contains_completer(names, combo, popup=True))
    combo.setMaxVisibleItems(len(names) or 1)
    return combo


# (valid, the line shown under the NIK field): what the NIK tells, or why it is wrong.
describe_nik = live_check(
    periksa_nik, NikError, "16 angka, seperti tertulis di KTP atau KK.",
    lambda info: (f"NIK sah: {JENIS_KELAMIN_LABELS[info.jenis_kelamin].lower()}, lahir "
                  f"{format_tanggal(info.tanggal_lahir)}, {info.provinsi}."))


class ChecklistWidget(QListWidget):
    """The requirements checklist: one checkable line per requirement (Space ticks it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syaratList")
        self.setMaximumHeight(140)

    def set_items(self, items: list[tuple[str, bool]]) -> None:
        self.clear()
        for text, ticked in items:
            item = QListWidgetItem(text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.addItem(item)
        if self.count():
            self.setCurrentRow(0)

    def states(self) -> dict[str, bool]:
        return {self.item(i).text(): self.item(i).checkState() == Qt.CheckState.Checked
                for i in range(self.count())}

    def ticked(self) -> list[str]:
        return [text for text, ticked in self.states().items() if ticked]


class PermohonanDialog(FormDialog):
    """Register a request at the loket. Problems appear next to their fields and nothing is
    written until all are right. After accept(), ``permohonan`` is the new request."""

    def __init__(self, services: list[Sop], parent: QWidget | None = None,
                 sop_id: str | None = None) -> None:
        super().__init__(parent, title="Permohonan Layanan Baru", name="permohonanDialog",
                         min_width=600)
        self.permohonan: Permohonan | None = None

        self.service = QComboBox()
        self.service.setObjectName("layanan")
        for sop in services:
            self.service.addItem(sop.name + ("  (SOP belum dirinci)" if sop.is_draft else ""),
                                 sop.id)
        if sop_id:
            self.service.setCurrentIndex(max(self.service.findData(sop_id), 0))
        self.nama = named_line("nama", "nama sesuai KTP")
        self.nik = named_line("nik")
        self.nik.setMaxLength(24)  # 16 digits, with the spaces or dots people group them by
        self.nik.setPlaceholderText("16 angka")
        self.nik_info = CheckedHint(self.nik, describe_nik, "nikInfo")
        self.alamat = named_line("alamat", "mis. Dusun Janti RT 01 RW 02")
        self.desa = desa_field()
        self.telepon = named_line("telepon", "boleh kosong")
        self.keperluan = named_line("keperluan", "boleh kosong, mis. melamar pekerjaan")
        self.checklist = ChecklistWidget()
        self.extra = named_line("syaratTambahan", "syarat lain yang dibawa, lalu Tambah")
        self.extra.returnPressed.connect(self._add_extra)
        self.add_extra_button = QPushButton("T&ambah")
        self.add_extra_button.setAutoDefault(False)
        self.add_extra_button.clicked.connect(self._add_extra)
        self.standard = QLabel()
        self.standard.setObjectName("standarWaktu")
        self.standard.setWordWrap(True)
        self.service.currentIndexChanged.connect(self._service_changed)

        extra_row = widget_row(self.extra, self.add_extra_button)
        form = self.messages.form((
            ("&Layanan:", "sop_id", self.service),
            ("&Nama pemohon:", "nama", self.nama),
            ("NI&K:", "nik", self.nik),
            ("Ala&mat:", "alamat", self.alamat),
            ("&Desa/kelurahan:", "desa", self.desa),
            ("&Telepon:", "telepon", self.telepon),
            ("Kep&erluan:", "keperluan", self.keperluan),
            ("S&yarat dibawa:", "syarat", self.checklist),
        ), align_right=True, hints={"nik": self.nik_info, "syarat": extra_row})
        form.addRow("", self.standard)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.messages.general)
        layout.addStretch(1)
        layout.addLayout(make_buttons(self, "&Daftarkan", self.save,
                                      ok_tip="Daftarkan dan beri nomor register (Ctrl+S)",
                                      auto_default=False))
        self.enter = EnterMovesOn(self)
        fields = [self.service, self.nama, self.nik, self.alamat, self.desa, self.telepon,
                  self.keperluan]
        self.enter.watch(*fields)
        set_tab_order([*fields, self.checklist, self.extra, self.add_extra_button,
                       self.ok_button, self.cancel_button])
        self._service_changed()
        self.nama.setFocus()

    def current_sop(self) -> Sop:
        return ly.get_sop(self.service.currentData())

    def _service_changed(self) -> None:
        sop = self.current_sop()
        self.checklist.set_items([(item, False) for item in ly.syarat_sop(sop)])
        standard = ly.standar_waktu(sop)
        if sop.is_draft:
            text = ("SOP layanan ini belum dirinci di buku SOP: alurnya diterima, diproses, "
                    "selesai, diambil; belum ada standar waktu.")
        elif standard is None:
            text = "Standar waktu: tidak tercantum (kolom waktu SOP tidak terbaca)."
        else:
            text = f"Standar waktu SOP: {ly.format_durasi(standard)}."
        self.standard.setText(text)

    def _add_extra(self) -> None:
        text = " ".join(self.extra.text().split())
        if not text:
            return
        if text.casefold() not in {t.casefold() for t in self.checklist.states()}:
            items = [*self.checklist.states().items(), (text, True)]
            self.checklist.set_items(items)
        self.extra.clear()

    def values(self) -> ly.PermohonanInput:
        return ly.PermohonanInput(
            sop_id=self.service.currentData(), nama=self.nama.text(), nik=self.nik.text(),
            alamat=self.alamat.text(), desa=self.desa.currentText(), telepon=self.telepon.text(),
            keperluan=self.keperluan.text(), syarat_ada=tuple(self.checklist.ticked()),
        )

    def save(self) -> None:
        with self.messages.showing_problems():
            self.permohonan = ly.daftar(self.values())
            self.accept()


class PengambilanDialog(FormDialog):
    """Buku Pengambilan: who collected the result and when (the name is required)."""

    def __init__(self, permohonan: Permohonan, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Buku Pengambilan", name="pengambilanDialog",
                         min_width=480)
        self.permohonan = permohonan
        sop = ly.sop_permohonan(permohonan)
        about = QLabel(f"<b>{html.escape(sop.name)}</b> {ly.nomor_register(permohonan)}<br>"
                       f"Pemohon: {html.escape(permohonan.pemohon_nama)}<br><br>Pengambil "
                       "menandatangani buku pengambilan; tulis namanya seperti tanda tangannya.")
        about.setWordWrap(True)
        self.oleh = named_line("diambilOleh", text=permohonan.pemohon_nama)
        self.oleh.selectAll()
        self.pada = datetime_edit(dt.datetime.now().replace(microsecond=0), "d MMMM yyyy HH.mm")
        self.pada.setObjectName("diambilPada")
        self.pada.setMaximumDateTime(QDateTime.currentDateTime().addSecs(300))
        self.lay_out((("&Nama pengambil:", "diambil_oleh", self.oleh),
                      ("&Waktu diambil:", "diambil_pada", self.pada)), "&Catat Pengambilan",
                     self.save, intro=about, stretch=True)

    def save(self) -> None:
        with self.messages.showing_problems():
            ly.ambil(self.permohonan, self.oleh.text(), pada=to_datetime(self.pada.dateTime()))
            self.accept()
