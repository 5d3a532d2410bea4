"""Impor Agenda Lama: the old agenda book (Excel or CSV) into the Agenda Surat Masuk, checked
first (nothing written), then imported whole or not at all (registers.agenda_io, the same
as `jogoroto-cli import agenda FILE [--dry-run]`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.registers.agenda_io import AgendaFileError, ImportReport, import_agenda
from jogoroto_desktop.validation import ValidationError
from ui.icons import icon
from ui.operations import BackgroundOp
from ui.registers.forms import form_layout, make_buttons, name_window, named_line, widget_row

INTRO = ("Pilih berkas buku agenda lama (.xlsx atau .csv) dengan satu baris judul kolom: "
         "tanggal terima, asal surat, nomor surat, tanggal surat, perihal (nomor agenda "
         "boleh ada). Berkas diperiksa dulu tanpa menulis apa pun; bila ada baris yang salah, "
         "tidak ada yang diimpor.")


class ImportAgendaDialog(QDialog):
    """Choose a file, "Periksa" (a dry run), then "Impor" (enabled only after a clean check
    of the same file). `imported` after rows were written."""

    imported = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_window(self, "Impor Agenda Lama", "imporAgendaDialog", (760, 480))
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.path = named_line("berkasAgenda", "belum dipilih")
        self.path.setReadOnly(True)
        choose = QPushButton(icon("file-import"), "&Pilih Berkas\u2026")
        choose.setObjectName("pilihBerkas")
        choose.clicked.connect(self.choose_file)
        self.check_button = QPushButton(icon("clipboard-check"), "P&eriksa")
        self.check_button.setObjectName("periksaAgenda")
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.check_button.setEnabled(False)
        form = form_layout()
        form.addRow("&Berkas:", widget_row(self.path, choose, self.check_button))
        self.report = QPlainTextEdit()
        self.report.setObjectName("laporanImpor")
        self.report.setReadOnly(True)
        self.report.setPlaceholderText("Hasil pemeriksaan tampil di sini.")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addLayout(make_buttons(self, "&Impor", lambda: self.run(dry_run=False),
                                      cancel_text="Tutup", ok_tip="Impor semua baris"))
        self.ok_button.setEnabled(False)
        self.checked: Path | None = None  # the file whose dry run found nothing wrong
        self.task: BackgroundOp | None = None

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Pilih buku agenda lama", "", "Buku agenda (*.xlsx *.csv)")
        if name:
            self.set_file(Path(name))

    def set_file(self, path: Path) -> None:
        self.path.setText(str(path))
        self.checked = None
        self.ok_button.setEnabled(False)
        self.check_button.setEnabled(True)
        self.report.clear()

    def run(self, dry_run: bool) -> BackgroundOp | None:
        """Check (`dry_run`) or import the chosen file on the helper thread."""
        path = Path(self.path.text()) if self.path.text() else None
        if path is None or (not dry_run and self.checked != path):
            return None
        for button in (self.check_button, self.ok_button):
            button.setEnabled(False)
        self.report.setPlainText("Memeriksa\u2026" if dry_run else "Mengimpor\u2026")
        self.task = BackgroundOp(
            self, lambda _op: import_agenda(path, dry_run=dry_run, oleh="Impor"),
            expected=(AgendaFileError, ValidationError, OSError),
            success=lambda report: self._show(report, path),
            failure=lambda error: self._failed(str(error)))
        return self.task.start()

    def _show(self, report: ImportReport, path: Path) -> None:
        self.report.setPlainText("\n".join([*report.lines(), *report.problem_lines()]))
        self.check_button.setEnabled(True)
        if report.dry_run:
            self.checked = path if report.ok else None
            self.ok_button.setEnabled(report.ok and report.rows_valid > 0)
        elif report.created:
            self.checked = None
            self.imported.emit()

    def _failed(self, message: str) -> None:
        self.report.setPlainText(message)
        self.check_button.setEnabled(True)
