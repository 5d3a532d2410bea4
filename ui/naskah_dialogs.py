"""Letters from templates on screen: "Buat Surat" (for a service request on the Layanan page,
or a naskah dinas from the Agenda Surat Keluar), the letter made (its number, "Buka .docx",
"Pratinjau PDF") and the template management of Pengaturan (admin).

The letter is made in the domain (jogoroto_desktop.naskah) through a BackgroundOp; its PDF is
rendered by printing.naskah_pdf.render_naskah_pdf (LibreOffice where installed, otherwise the
program's own layout) in the preview's own BackgroundOp.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.validation import ValidationError
from ui.pdf_preview import FormJob, PdfPreviewDialog, open_form_preview
from ui.registers.forms import FormDialog, button_row, confirm, name_window

NASKAH_FOLDER = "Naskah Jogoroto"
MULTILINE = ("daftar", "paragraf")  # isian kinds typed as several lines


# --- files ---------------------------------------------------------------------------------
def naskah_folder() -> Path:
    """Where made letters are saved for editing: Documents/Naskah Jogoroto."""
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    folder = Path(documents) / NASKAH_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_letter(docx: bytes, file_name: str, folder: Path | None = None) -> Path:
    """Write the .docx under `file_name` in `folder` (default: naskah_folder()), never over
    an existing file ("... (2).docx")."""
    folder = folder or naskah_folder()
    stem = re.sub(r'[\\/:*?"<>|]+', "-", Path(file_name).stem).strip() or "Naskah"
    target = folder / f"{stem}.docx"
    counter = 2
    while target.exists():
        target = folder / f"{stem} ({counter}).docx"
        counter += 1
    target.write_bytes(docx)
    return target


def open_with_default_program(path: Path) -> bool:
    """Open a file in the PC's program for it (Word or LibreOffice for a .docx)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_naskah_preview(parent: QWidget, docx: bytes, title: str,
                        records: Sequence[Any] = ()) -> PdfPreviewDialog | None:
    """Preview the letter's PDF (render_naskah_pdf in a BackgroundOp) on its own paper or the
    other one; the line above the page says which renderer made it."""
    from printing.naskah_pdf import docx_paper, render_naskah_pdf

    own = docx_paper(docx) or "F4"
    papers = (own, "A4" if own == "F4" else "F4")
    made_with: list[str] = []

    def build(path: Path, paper: str) -> int:
        made_with.append(render_naskah_pdf(docx, path, paper=None if paper == own else paper))
        return 0

    dialog = open_form_preview(parent, FormJob("naskah", title, papers, build, tuple(records),
                                               "Naskah dinas"), paper=own)
    if dialog is not None:
        def say_renderer(pages: int) -> None:
            if made_with:
                dialog.pages_label.setText(f"{pages} halaman \u00b7 PDF dibuat dengan "
                                           f"{made_with[-1]}")
        dialog.ready.connect(say_renderer)
    return dialog


# --- the letter made -----------------------------------------------------------------------
class NaskahHasilDialog(QDialog):
    """The letter just made: its number, where its .docx is, and what to do next."""

    def __init__(self, hasil: Any, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_window(self, "Surat dibuat", "naskahHasilDialog", (620, 260))
        self.hasil, self.path = hasil, path
        self.preview: PdfPreviewDialog | None = None
        registered = ("Tercatat di Agenda Surat Keluar." if hasil.surat_keluar_id
                      else "Nomor ini nomor register permohonan (templat tanpa nomor surat).")
        self.summary = QLabel(
            f"<p><b>{_html(hasil.templat.judul)}</b> dibuat dengan nomor</p>"
            f"<p style='font-size:16pt'><b>{_html(hasil.nomor)}</b></p>"
            f"<p>{registered}<br>Berkas Word disimpan di:<br><tt>{_html(str(path))}</tt></p>"
            "<p>Buka .docx untuk sentuhan terakhir di Word/LibreOffice, atau cetak langsung "
            "dari Pratinjau PDF.</p>")
        self.summary.setObjectName("ringkasanNaskah")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton("&Buka .docx")
        self.open_button.setObjectName("bukaDocx")
        self.open_button.clicked.connect(lambda: open_with_default_program(self.path))
        self.preview_button = QPushButton("&Pratinjau PDF\u2026")
        self.preview_button.setObjectName("pratinjauPdf")
        self.preview_button.clicked.connect(self.show_preview)
        self.folder_button = QPushButton("Buka &Folder")
        self.folder_button.clicked.connect(lambda: open_with_default_program(self.path.parent))
        close = QPushButton("&Tutup")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary, 1)
        layout.addLayout(button_row(self.open_button, self.preview_button, self.folder_button,
                                    close))
        self.preview_button.setFocus()

    def show_preview(self) -> PdfPreviewDialog | None:
        records = []
        if self.hasil.surat_keluar_id:
            from models import SuratKeluar

            surat = SuratKeluar.get_or_none(SuratKeluar.id == self.hasil.surat_keluar_id)
            records = [surat] if surat is not None else []
        self.preview = open_naskah_preview(self, self.hasil.docx,
                                           f"{self.hasil.templat.judul} {self.hasil.nomor}",
                                           records)
        return self.preview


def show_hasil(parent: QWidget, hasil: Any, folder: Path | None = None) -> NaskahHasilDialog:
    """Save the made letter's .docx and show the NaskahHasilDialog (not blocking)."""
    try:
        path = save_letter(hasil.docx, hasil.nama_berkas or f"Naskah {hasil.nomor}.docx", folder)
    except OSError as exc:
        QMessageBox.warning(parent, "Surat dibuat", f"Surat nomor {hasil.nomor} dibuat, tetapi "
                            f"berkasnya tidak dapat disimpan: {exc.strerror}.")
        raise
    dialog = NaskahHasilDialog(hasil, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _html(text: str) -> str:
    import html

    return html.escape(text)


# --- "Buat Surat" --------------------------------------------------------------------------
class BuatSuratDialog(FormDialog):
    """Choose the template (the service's own first), see the fields it fills from the
    records, edit kepada/perihal, type what the program does not record; "Buat Surat" takes
    the number in a BackgroundOp. `hasil` is the NaskahHasil once made."""

    def __init__(self, templates: Sequence[Any], parent: QWidget | None = None, *,
                 permohonan: Any = None, title: str = "Buat Surat") -> None:
        super().__init__(parent, title=title, name="buatSuratDialog", min_width=640)
        self.permohonan = permohonan
        self.hasil: Any = None
        self.op: Any = None
        self.templates = list(templates)
        self.templat = QComboBox()
        self.templat.setObjectName("pilihTemplat")
        for info in self.templates:
            self.templat.addItem(f"{info.judul} ({info.nama}, versi {info.versi})", info.nama)
        self.kepada = QLineEdit()
        self.kepada.setObjectName("kepada")
        self.di = QLineEdit()
        self.di.setObjectName("di")
        self.perihal = QLineEdit()
        self.perihal.setObjectName("perihal")
        self.tembusan = QPlainTextEdit()
        self.tembusan.setObjectName("tembusan")
        self.tembusan.setPlaceholderText("Satu tujuan tembusan per baris (boleh kosong)")
        self.tembusan.setFixedHeight(54)
        self.otomatis = QLabel()
        self.otomatis.setObjectName("isianOtomatis")
        self.otomatis.setWordWrap(True)
        self.isian_box = QWidget()
        self.isian_form = QFormLayout(self.isian_box)
        self.isian_form.setContentsMargins(0, 0, 0, 0)
        self.isian_edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.otomatis)
        below_layout.addWidget(self.isian_box)
        self.lay_out([("&Templat:", "templat", self.templat),
                      ("&Kepada:", "kepada", self.kepada),
                      ("&Di:", "di", self.di),
                      ("&Hal:", "perihal", self.perihal),
                      ("Te&mbusan:", "tembusan", self.tembusan)],
                     "&Buat Surat", self.save, intro=intro, below=below)
        self.ok_button.setObjectName("buatSuratButton")  # type: ignore[attr-defined]
        self.ok_button.setToolTip("Ambil nomor Agenda Surat Keluar dan buat "  # type: ignore
                                  "surat (Ctrl+S)")
        self.templat.currentIndexChanged.connect(self._templat_chosen)
        self._templat_chosen()

    def _intro(self) -> str:
        if self.permohonan is None:
            return ("Naskah dinas dari templat kantor. Nomor diambil dari Agenda Surat Keluar "
                    "saat surat dibuat.")
        from jogoroto_desktop.registers.layanan import nomor_register

        return (f"Surat hasil layanan untuk permohonan {nomor_register(self.permohonan)} "
                f"({self.permohonan.pemohon_nama}). Nomor diambil dari Agenda Surat Keluar "
                "dan dicatat terhubung dengan permohonan ini.")

    def current_info(self) -> Any:
        index = self.templat.currentIndex()
        return self.templates[index] if 0 <= index < len(self.templates) else None

    def _templat_chosen(self) -> None:
        from jogoroto_desktop.naskah.buat import isian_dipakai

        info = self.current_info()
        if info is None:
            return
        default_kepada = info.kepada or (self.permohonan.pemohon_nama
                                         if self.permohonan is not None else "")
        self.kepada.setText(default_kepada)
        self.di.setText(info.di)
        self.perihal.setText(info.perihal or info.judul)
        try:
            used = isian_dipakai(info.nama)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            used = []
        automatic = [isian.label for isian in used if not isian.diisi]
        self.otomatis.setText("<b>Diisi otomatis dari data:</b> " + (
            "; ".join(_html(label) for label in automatic) if automatic else "-"))
        while self.isian_form.rowCount():
            self.isian_form.removeRow(0)
        self.isian_edits = {}
        for isian in used:
            if not isian.diisi:
                continue
            edit: QLineEdit | QPlainTextEdit
            if isian.jenis in MULTILINE:
                edit = QPlainTextEdit()
                edit.setFixedHeight(54)
                edit.setPlaceholderText(isian.contoh or "satu per baris")
            else:
                edit = QLineEdit()
                edit.setPlaceholderText(isian.contoh)
            edit.setObjectName(f"isian_{isian.nama}")
            self.isian_edits[isian.nama] = edit
            self.isian_form.addRow(f"{isian.label}:", self.field(isian.nama, edit))

    def request(self) -> Any:
        from jogoroto_desktop.naskah.buat import PermintaanNaskah

        info = self.current_info()
        isian = {name: (edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text())
                 for name, edit in self.isian_edits.items()}
        return PermintaanNaskah(
            templat=info.nama if info is not None else "",
            layanan=self.permohonan.id if self.permohonan is not None else None,
            kepada=self.kepada.text(), di=self.di.text(), perihal=self.perihal.text(),
            tembusan=tuple(line for line in self.tembusan.toPlainText().splitlines()
                           if line.strip()),
            isian=isian)

    def save(self) -> None:
        """Make the letter in a BackgroundOp; problems show under their fields."""
        from jogoroto_desktop.naskah.buat import buat_dari_permintaan
        from jogoroto_desktop.session import PermissionDenied
        from ui.operations import BackgroundOp

        if self.op is not None or self.current_info() is None:
            return
        self.clear_problems()
        request = self.request()
        self.ok_button.setEnabled(False)  # type: ignore[attr-defined]

        def made(hasil: Any) -> None:
            self.op = None
            self.hasil = hasil
            self.accept()

        def refused(error: Exception) -> None:
            self.op = None
            self.ok_button.setEnabled(True)  # type: ignore[attr-defined]
            if isinstance(error, PermissionDenied):
                self.show_problems({"izin": str(error)})
            elif isinstance(error, ValidationError):
                self.show_problems(error.problems)
            else:
                from ui.operations import failure_text

                self.show_problems({"umum": "Surat tidak dapat dibuat: "
                                            + failure_text(error, ())})

        self.op = BackgroundOp(self, lambda _op: buat_dari_permintaan(request), success=made,
                               failure=refused, progress="Membuat surat\u2026",
                               title="Buat Surat", expected=(ValidationError,))
        self.op.start()

    def is_dirty(self) -> bool:
        return any((e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()).strip()
                   for e in self.isian_edits.values())


def open_buat_surat(page: Any, templates: Sequence[Any], after: Callable[[Any], None], *,
                    permohonan: Any = None, title: str = "Buat Surat") -> BuatSuratDialog:
    """Open BuatSuratDialog from a register page (window-modal, not blocking); once the
    letter is made, its .docx is saved, the result shown and `after(hasil)` called."""
    dialog = BuatSuratDialog(templates, page, permohonan=permohonan, title=title)

    def accepted() -> None:
        hasil = dialog.hasil
        if hasil is None:
            return
        after(hasil)
        try:
            page.hasil_dialog = show_hasil(page, hasil)
        except OSError:
            page.hasil_dialog = None

    page._open(dialog, accepted)
    return dialog


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
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
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
            when = (f"{format_tanggal(info.dibuat_pada.date())} {info.dibuat_pada:%H.%M}"
                    if info.dibuat_pada else "bawaan program")
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
        dialog = TambahTemplatDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
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
        self.nama = QLineEdit()
        self.nama.setObjectName("namaTemplat")
        self.nama.setPlaceholderText("huruf kecil dan tanda hubung, mis. surat-keterangan-domisili")
        self.judul = QLineEdit()
        self.judul.setObjectName("judulTemplat")
        self.jenis = QComboBox()
        self.jenis.setObjectName("jenisTemplat")
        for key, label in JENIS_LABELS.items():
            self.jenis.addItem(label, key)
        self.jenis.setCurrentIndex(max(self.jenis.findData("dinas"), 0))
        self.klasifikasi = QLineEdit("000")
        self.klasifikasi.setObjectName("klasifikasiTemplat")
        self.layanan = QComboBox()
        self.layanan.setObjectName("layananTemplat")
        self.layanan.addItem("(bukan surat hasil layanan)", "")
        for sop_id in LAYANAN_SOPS:
            self.layanan.addItem(sop_id, sop_id)
        self.kepada = QLineEdit()
        self.kepada.setObjectName("kepadaTemplat")
        self.perihal = QLineEdit()
        self.perihal.setObjectName("perihalTemplat")
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
