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
    QComboBox,
    QDialog,
    QFormLayout,
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
from ui.registers.forms import (
    FormDialog,
    button_row,
    name_window,
    named_line,
    set_tab_order,
    with_colon,
)

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
    safe = re.sub(r'[\\/:*?"<>|]+', "-", file_name).strip()
    stem = re.sub(r"(?i)\.docx$", "", safe).strip() or "Naskah"
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

    def __init__(self, hasil: Any, path: Path, parent: QWidget | None = None, *,
                 again: bool = False) -> None:
        super().__init__(parent)
        name_window(self, "Surat dibuat", "naskahHasilDialog", (640, 240))
        self.hasil, self.path = hasil, path
        self.preview: PdfPreviewDialog | None = None
        registered = ("Tercatat di Agenda Surat Keluar." if hasil.surat_keluar_id
                      else "Nomor ini nomor register permohonan (templat tanpa nomor surat).")
        if again:
            registered = "Dibuat ulang dengan nomor yang sama; tidak ada nomor baru diambil."
        made = "dibuat ulang, nomor" if again else "dibuat dengan nomor"
        self.summary = QLabel(
            f"<p style='margin-top:0'><b>{_html(hasil.templat.judul)}</b> {made}</p>"
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
        self.summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
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


def show_hasil(parent: QWidget, hasil: Any, folder: Path | None = None, *,
               again: bool = False) -> NaskahHasilDialog:
    """Save the made letter's .docx and show the NaskahHasilDialog (not blocking)."""
    try:
        path = save_letter(hasil.docx, hasil.nama_berkas or f"Naskah {hasil.nomor}.docx", folder)
    except OSError as exc:
        QMessageBox.warning(parent, "Surat dibuat", f"Surat nomor {hasil.nomor} dibuat, tetapi "
                            f"berkasnya tidak dapat disimpan: {exc.strerror}.")
        raise
    dialog = NaskahHasilDialog(hasil, path, parent, again=again)
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
        self.kepada = named_line("kepada")
        self.di = named_line("di")
        self.perihal = named_line("perihal")
        self.tembusan = QPlainTextEdit()
        self.tembusan.setObjectName("tembusan")
        self.tembusan.setPlaceholderText("Satu tujuan tembusan per baris (boleh kosong)")
        self.tembusan.setFixedHeight(54)
        self.otomatis = QTableWidget(0, 2)
        self.otomatis.setObjectName("isianOtomatis")
        self.otomatis.setHorizontalHeaderLabels(("Diisi otomatis dari data", "Nilai"))
        self.otomatis.verticalHeader().hide()
        self.otomatis.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.otomatis.setColumnWidth(0, 250)
        self.otomatis.horizontalHeader().setStretchLastSection(True)
        self.otomatis.setFixedHeight(170)
        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        self.lay_out([("&Templat:", "templat", self.templat),
                      ("&Kepada:", "kepada", self.kepada),
                      ("&Di:", "di", self.di),
                      ("&Hal:", "perihal", self.perihal),
                      ("Te&mbusan:", "tembusan", self.tembusan)],
                     "&Buat Surat", self.save, intro=intro, below=self.otomatis)
        # What the template asks to be typed joins the same form (one label column), under
        # the fixed rows; the fields filled from the records are listed below it.
        self.isian_form = self.findChild(QFormLayout)
        self.fixed_rows = self.isian_form.rowCount()
        self.isian_edits: dict[str, QLineEdit | QPlainTextEdit] = {}
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
        self.perihal.setText(info.perihal)  # a naskah dinas says its own subject
        self.perihal.setPlaceholderText("Hal surat (wajib)")
        try:
            used = isian_dipakai(info.nama)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            used = []
        self._show_automatic(info, used)
        while self.isian_form.rowCount() > self.fixed_rows:
            self.isian_form.removeRow(self.fixed_rows)
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
            self.isian_form.addRow(with_colon(isian.label), self.field(isian.nama, edit))
        set_tab_order([self.tembusan, *self.isian_edits.values(),
                       self.ok_button, self.cancel_button])  # type: ignore[attr-defined]

    def _show_automatic(self, info: Any, used: Sequence[Any]) -> None:
        """The fields filled from the records, with the values they will get (the number and
        the QR are made when the letter is); a signer missing in Pengaturan is said now."""
        import datetime as dt

        from jogoroto_desktop.naskah import buat
        from jogoroto_desktop.naskah.isian import GAMBAR

        today = dt.date.today()
        values: dict[str, Any] = {"tanggal": format_tanggal(today), "tahun": str(today.year),
                                  "judul": info.judul}
        values.update(buat.nilai_kantor())
        if self.permohonan is not None:
            values.update(buat.nilai_pemohon(self.permohonan, today))
        try:
            values.update(buat.nilai_penandatangan(info.penandatangan, values["kecamatan"]))
        except ValidationError as exc:
            self.show_problems(exc.problems)
        at_making = {"nomor": "(nomor berikutnya, diambil saat surat dibuat)",
                     "qr_kode": "(dibuat saat surat dibuat)"}
        shown = {"kepada", "di", "hal", "tembusan", "sifat", "lampiran", "klasifikasi"}
        rows = []
        for isian in used:
            if isian.diisi or isian.jenis == GAMBAR or isian.nama in shown:
                continue
            value = at_making.get(isian.nama, values.get(isian.nama, ""))
            text = " / ".join(value) if isinstance(value, list | tuple) else str(value)
            rows.append((isian.label, text or "(kosong)"))
        self.otomatis.setRowCount(len(rows))
        for row, (label, text) in enumerate(rows):
            self.otomatis.setItem(row, 0, QTableWidgetItem(label))
            self.otomatis.setItem(row, 1, QTableWidgetItem(text))
        self.otomatis.resizeRowsToContents()

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
