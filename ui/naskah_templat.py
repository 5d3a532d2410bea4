"""Pengaturan > Templat Naskah (admin): the letter templates in use, with add, replace,
download and restore the shipped one (each a new version, audited), and the office-wide switch
between LibreOffice and the program's own layout for naskah PDFs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.validation import ValidationError
from ui.item_models import format_waktu
from ui.registers.forms import FormDialog, confirm, named_line


# --- template management (admin) -------------------------------------------------------------
class TemplatNaskahTab(QWidget):
    """Pengaturan > Templat Naskah: the templates in use (name, version, date, who), add,
    replace, download the current one, restore the shipped one; each action is saved at once
    as a new version (audited). Also whether PDFs use LibreOffice where installed."""

    COLUMNS = ("Nama", "Judul", "Jenis", "Versi", "Sumber", "Tanggal", "Oleh")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatNaskahTab")
        self.infos: list[Any] = []
        self.last_message = ""
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setObjectName("templatTable")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        for column, width in ((0, 190), (2, 105), (3, 50), (4, 130), (5, 165), (6, 110)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton("&Tambah Templat\u2026")
        self.add_button.clicked.connect(self.tambah)
        self.replace_button = QPushButton("&Ganti dengan Berkas\u2026")
        self.replace_button.clicked.connect(self.ganti)
        self.download_button = QPushButton("&Unduh .docx\u2026")
        self.download_button.clicked.connect(self.unduh)
        self.restore_button = QPushButton("&Pulihkan Bawaan")
        self.restore_button.clicked.connect(self.pulihkan)
        self.message = QLabel()
        self.message.setObjectName("pesanTemplat")
        self.message.setWordWrap(True)
        self.libreoffice = QCheckBox("Buat PDF naskah dengan &LibreOffice bila terpasang di PC "
                                     "(bila tidak: tata letak program sendiri)")
        self.libreoffice.setObjectName("pakaiLibreOffice")
        self.libreoffice.setChecked(_libreoffice_setting())
        self.libreoffice.toggled.connect(self._libreoffice_toggled)
        intro = QLabel("Templat surat berupa berkas Word (.docx) dengan isian seperti "
                       "<tt>{{ nama }}</tt>. Ubah di Word atau LibreOffice: unduh, sunting, lalu "
                       "ganti. Setiap perubahan disimpan sebagai versi baru dan tercatat di jejak "
                       "audit; versi lama tidak dihapus.")
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.replace_button, self.download_button,
                       self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.libreoffice)
        self.reload()

    def reload(self, select: str = "") -> None:
        from jogoroto_desktop.naskah.templat import SUMBER_LABELS, daftar_templat

        self.infos = daftar_templat()
        self.table.setRowCount(len(self.infos))
        for row, info in enumerate(self.infos):
            when = format_waktu(info.dibuat_pada, empty="bawaan program")
            values = (info.nama, info.judul, info.jenis_label, str(info.versi),
                      SUMBER_LABELS.get(info.sumber, info.sumber), when, info.dibuat_oleh or "-")
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
            if info.nama == select:
                self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.infos[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected()
        for button in (self.replace_button, self.download_button):
            button.setEnabled(info is not None)
        self.restore_button.setEnabled(info is not None and info.ada_bawaan and info.versi > 0)

    def say(self, text: str, error: bool = False) -> None:
        self.last_message = text
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")

    def _refused(self, title: str, error: ValidationError) -> None:
        text = "\n".join(error.problems.values())
        self.say(text, error=True)
        QMessageBox.warning(self, title, f"{text}\n\nTidak ada yang diubah.")

    def _choose_docx(self, title: str) -> tuple[Path, bytes] | None:
        name, _filter = QFileDialog.getOpenFileName(self, title, str(Path.home()),
                                                    "Dokumen Word (*.docx)")
        if not name:
            return None
        try:
            return Path(name), Path(name).read_bytes()
        except OSError as exc:
            QMessageBox.warning(self, title, f"Berkas tidak dapat dibaca: {exc.strerror}")
            return None

    def ganti(self, chosen: tuple[Path, bytes] | None = None) -> None:
        from jogoroto_desktop.naskah.templat import ganti_templat

        info = self.selected()
        if info is None:
            return
        chosen = chosen or self._choose_docx(f"Ganti templat {info.judul}")
        if chosen is None:
            return
        path, content = chosen
        try:
            new = ganti_templat(info.nama, content, nama_berkas_asal=path.name)
        except ValidationError as exc:
            self._refused("Templat ditolak", exc)
            return
        self.reload(select=new.nama)
        self.say(f"Templat {new.judul} diganti: versi {new.versi} dipakai mulai sekarang.")

    def unduh(self, target: str = "") -> Path | None:
        from jogoroto_desktop.naskah.templat import unduh_templat

        info = self.selected()
        if info is None:
            return None
        if not target:
            target, _filter = QFileDialog.getSaveFileName(
                self, "Unduh templat", str(Path.home() / f"{info.nama}.docx"),
                "Dokumen Word (*.docx)")
        if not target:
            return None
        try:
            found, content = unduh_templat(info.nama)
            destination = Path(target).with_suffix(".docx")
            destination.write_bytes(content)
        except ValidationError as exc:
            self._refused("Unduh templat", exc)
            return None
        except OSError as exc:
            QMessageBox.warning(self, "Unduh templat", f"Berkas tidak dapat disimpan: "
                                                       f"{exc.strerror}")
            return None
        self.say(f"Templat {found.judul} versi {found.versi} disimpan di {destination}.")
        return destination

    def pulihkan(self, ask: bool = True) -> None:
        from jogoroto_desktop.naskah.templat import pulihkan_templat

        info = self.selected()
        if info is None:
            return
        if ask and not confirm(self, "Pulihkan templat bawaan",
                               f"Pakai lagi templat bawaan program untuk {info.judul}?\n"
                               "Versi kantor tetap tersimpan di riwayat.",
                               "Pulihkan", "Batal"):
            return
        try:
            new = pulihkan_templat(info.nama)
        except ValidationError as exc:
            self._refused("Pulihkan templat", exc)
            return
        self.reload(select=new.nama)
        self.say(f"Templat bawaan {new.judul} dipakai lagi (versi {new.versi}).")

    def tambah(self) -> TambahTemplatDialog:
        if isinstance(getattr(self, "dialog", None), TambahTemplatDialog):
            self.dialog.deleteLater()  # the one before, closed by now
        dialog = TambahTemplatDialog(self)
        dialog.accepted.connect(lambda: self._added(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _added(self, dialog: TambahTemplatDialog) -> None:
        if dialog.info is None:
            return
        self.reload(select=dialog.info.nama)
        self.say(f"Templat {dialog.info.judul} ditambahkan (versi {dialog.info.versi}).")

    def _libreoffice_toggled(self, checked: bool) -> None:
        from jogoroto_desktop.naskah_convert import find_soffice, simpan_pakai_libreoffice
        from jogoroto_desktop.session import PermissionDenied

        try:
            simpan_pakai_libreoffice(checked)
        except PermissionDenied as exc:
            self.libreoffice.blockSignals(True)
            self.libreoffice.setChecked(not checked)
            self.libreoffice.blockSignals(False)
            self.say(str(exc), error=True)
            return
        where = ("LibreOffice terpasang di PC ini" if find_soffice() is not None
                 else "LibreOffice tidak terpasang di PC ini: tata letak program dipakai")
        self.say(f"PDF naskah dibuat dengan LibreOffice bila terpasang ({where})." if checked
                 else "PDF naskah selalu dibuat dengan tata letak program.")


def _libreoffice_setting() -> bool:
    from jogoroto_desktop.naskah_convert import LIBREOFFICE_SETTING
    from models import get_setting

    return get_setting(LIBREOFFICE_SETTING, "1") != "0"


class TambahTemplatDialog(FormDialog):
    """A new template from a .docx: its name, title, kind, klasifikasi, the service it answers
    and its default addressee; refused (naming the unknown field) when the file has fields the
    program does not know."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Tambah Templat Naskah", name="tambahTemplatDialog",
                         min_width=600)
        from jogoroto_desktop.naskah.bawaan import JENIS_LABELS
        from jogoroto_desktop.sop.layanan_katalog import LAYANAN_SOPS

        self.info: Any = None
        self.content: bytes | None = None
        self.file_name = ""
        self.berkas = QLineEdit()
        self.berkas.setObjectName("berkasTemplat")
        self.berkas.setReadOnly(True)
        self.berkas.setPlaceholderText("Pilih berkas .docx")
        choose = QPushButton("&Pilih\u2026")
        choose.clicked.connect(self.choose)
        berkas_row = QWidget()
        row_layout = QHBoxLayout(berkas_row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.berkas, 1)
        row_layout.addWidget(choose)
        self.nama = named_line("namaTemplat", "huruf kecil dan tanda hubung, mis. "
                                              "surat-keterangan-domisili")
        self.judul = named_line("judulTemplat")
        self.jenis = QComboBox()
        self.jenis.setObjectName("jenisTemplat")
        for key, label in JENIS_LABELS.items():
            self.jenis.addItem(label, key)
        self.jenis.setCurrentIndex(max(self.jenis.findData("dinas"), 0))
        self.klasifikasi = named_line("klasifikasiTemplat", text="000")
        self.layanan = QComboBox()
        self.layanan.setObjectName("layananTemplat")
        self.layanan.addItem("(bukan surat hasil layanan)", "")
        for sop_id in LAYANAN_SOPS:
            self.layanan.addItem(sop_id, sop_id)
        self.kepada = named_line("kepadaTemplat")
        self.perihal = named_line("perihalTemplat")
        self.lay_out([("&Berkas:", "templat", berkas_row), ("&Nama:", "nama", self.nama),
                      ("&Judul:", "judul", self.judul), ("&Jenis:", "jenis", self.jenis),
                      ("&Klasifikasi:", "klasifikasi", self.klasifikasi),
                      ("&Layanan:", "sop_id", self.layanan), ("Ke&pada:", "kepada", self.kepada),
                      ("&Hal:", "perihal", self.perihal)], "&Tambah Templat", self.save,
                     focus=choose)

    def choose(self, path: str = "") -> None:
        if not path:
            path, _filter = QFileDialog.getOpenFileName(self, "Pilih templat", str(Path.home()),
                                                        "Dokumen Word (*.docx)")
        if not path:
            return
        try:
            self.content = Path(path).read_bytes()
        except OSError as exc:
            self.show_problems({"templat": f"Berkas tidak dapat dibaca: {exc.strerror}"})
            return
        self.file_name = Path(path).name
        self.berkas.setText(path)
        if not self.nama.text().strip():
            self.nama.setText(re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-"))

    def save(self) -> None:
        from jogoroto_desktop.naskah.templat import tambah_templat

        self.clear_problems()
        if self.content is None:
            self.show_problems({"templat": "Pilih berkas .docx templatnya dulu."})
            return
        try:
            self.info = tambah_templat(
                self.nama.text(), self.content, judul=self.judul.text().strip() or None,
                jenis=str(self.jenis.currentData()), klasifikasi=self.klasifikasi.text().strip(),
                sop_id=str(self.layanan.currentData()), kepada=self.kepada.text().strip(),
                perihal=self.perihal.text().strip(), nama_berkas_asal=self.file_name)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.accept()

    def is_dirty(self) -> bool:
        return self.content is not None
