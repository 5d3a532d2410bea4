"""The service recap: a day or a month, the table per service and per seksi, Export Excel/CSV
and the print preview. The numbers are read on the GUI thread (one query, well under a second
even with a year of 200,000 requests); writing the file (openpyxl, reportlab) runs through a
BackgroundOp with a progress dialog."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import documents, rekap
from jogoroto_desktop.dates import MONTHS
from jogoroto_desktop.registers import layanan as ly
from ui.item_models import ListTableModel, ModelIndex, bold_font
from ui.operations import BackgroundOp, Operation
from ui.progress_model import URGENT
from ui.registers.dates import date_edit

_DISPLAY = Qt.ItemDataRole.DisplayRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class RekapTableModel(ListTableModel):
    """Service rows, then seksi rows and the total (bold); late counts in red."""

    # The exports' headers, the three durations shortened to fit the screen.
    HEADERS = (*rekap.HEADERS[:9], "Standar", "Rata-rata", "Terlama")
    COL_TERLAMBAT = 8

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.first_summary_row = 0

    def set_rekap(self, result: rekap.Rekap | None) -> None:
        rows = [] if result is None else [*result.layanan, *result.seksi, result.total]
        self.first_summary_row = 0 if result is None else len(result.layanan)
        self.set_items(rows)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        if not self._valid(index):
            return None
        row: rekap.BarisRekap = self.rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            text = str(rekap.baris_teks(row)[column])
            return text.removeprefix("Pelayanan ") if column == 0 else text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if column < 2 else _RIGHT
        if role == Qt.ItemDataRole.FontRole and (index.row() >= self.first_summary_row
                                                 or (column == self.COL_TERLAMBAT
                                                     and row.terlambat)):
            return bold_font()
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COL_TERLAMBAT \
                and row.terlambat:
            return URGENT
        if role == Qt.ItemDataRole.ToolTipRole and column < 2:
            return str(rekap.baris_teks(row)[column]) or None
        if role == Qt.ItemDataRole.ToolTipRole and column >= 9:
            return "Standar: jumlah waktu langkah SOP. Waktu proses: pendaftaran sampai siap."
        return None


class RekapDialog(QDialog):
    """Rekap Layanan: choose a day or a month, see the table, export or print it."""

    exported = Signal(str)

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rekap Layanan")
        self.setObjectName("rekapDialog")
        self.resize(1340, 660)
        today = today or dt.date.today()
        self.result: rekap.Rekap | None = None
        self.operation: BackgroundOp | None = None
        self.last_error = ""

        self.monthly = QRadioButton("&Bulanan")
        self.monthly.setChecked(True)
        self.daily = QRadioButton("&Harian")
        self.month = QComboBox()
        self.month.setObjectName("bulan")
        for number, name in enumerate(MONTHS, 1):
            self.month.addItem(name, number)
        self.month.setCurrentIndex(today.month - 1)
        self.year = QSpinBox()
        self.year.setObjectName("tahun")
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.day = date_edit(today)
        self.day.setObjectName("tanggal")
        for widget in (self.monthly, self.daily):
            widget.toggled.connect(self._period_kind_changed)
        for signal in (self.month.currentIndexChanged, self.year.valueChanged,
                       self.day.dateChanged):
            signal.connect(self.show_rekap)

        self.title = QLabel()
        self.title.setObjectName("judulRekap")
        self.title.setFont(bold_font())
        self.model = RekapTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("rekapTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 190)
        for column in range(2, len(rekap.HEADERS)):
            self.table.setColumnWidth(column, 84 if column < 9 else 104)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("keteranganRekap")

        self.excel_button = QPushButton("Ekspor &Excel…")
        self.excel_button.setObjectName("eksporExcel")
        self.excel_button.clicked.connect(lambda: self.export(".xlsx"))
        self.csv_button = QPushButton("Ekspor &CSV…")
        self.csv_button.setObjectName("eksporCsv")
        self.csv_button.clicked.connect(lambda: self.export(".csv"))
        self.print_button = QPushButton("&Pratinjau Cetak…")
        self.print_button.setObjectName("pratinjauRekap")
        self.print_button.clicked.connect(self.preview)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.reject)

        period = QHBoxLayout()
        for widget in (self.monthly, self.month, self.year, self.daily, self.day):
            period.addWidget(widget)
        period.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.excel_button)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        self._period_kind_changed()

    def periode(self) -> rekap.Periode:
        if self.daily.isChecked():
            day = self.day.date()
            return rekap.periode_hari(dt.date(day.year(), day.month(), day.day()))
        return rekap.periode_bulan(self.year.value(), self.month.currentData())

    def _period_kind_changed(self) -> None:
        monthly = self.monthly.isChecked()
        self.month.setEnabled(monthly)
        self.year.setEnabled(monthly)
        self.day.setEnabled(not monthly)
        self.show_rekap()

    def show_rekap(self, *_args: object, now: dt.datetime | None = None) -> None:
        self.result = rekap.buat_rekap(self.periode(), now)
        self.model.set_rekap(self.result)
        total = self.result.total
        self.title.setText(f"{self.result.periode.judul}: {total.masuk} permohonan, "
                           f"{total.terlambat} terlambat, rata-rata waktu proses "
                           f"{ly.format_durasi(total.rata_rata)}")
        self.notes.setText("\n".join(self.result.keterangan))

    # --- export and print ------------------------------------------------------------------

    def default_name(self, suffix: str) -> str:
        assert self.result is not None
        periode = self.result.periode
        stamp = (periode.mulai.strftime("%Y-%m-%d") if periode.jenis == rekap.HARI
                 else periode.mulai.strftime("%Y-%m"))
        return f"rekap-layanan-{stamp}{suffix}"

    def export(self, suffix: str, target: str | None = None) -> None:
        if self.result is None:
            return
        if target is None:
            from ui.settings import ui_settings

            settings = ui_settings()
            folder = str(settings.value("rekap/folder", str(Path.home())))
            kinds = {".xlsx": "Excel (*.xlsx)", ".csv": "CSV (*.csv)"}
            target, _filter = QFileDialog.getSaveFileName(
                self, "Simpan rekap", str(Path(folder) / self.default_name(suffix)),
                kinds[suffix])
            if not target:
                return
            settings.setValue("rekap/folder", str(Path(target).parent))
        path = Path(target)
        if path.suffix.lower() != suffix:
            path = path.with_suffix(suffix)
        self._start(path, self._exported)

    def _start(self, path: Path, done: Callable[[Path, str], None]) -> None:
        """Write ``path`` through a BackgroundOp with a progress dialog; ``done(path, error)``."""
        assert self.result is not None
        result = self.result

        def work(op: Operation) -> Path:
            kop = None
            if path.suffix.lower() == ".pdf":
                from jogoroto_desktop.kop_settings import kop_from_settings

                kop = kop_from_settings()
            return documents.ekspor_rekap(
                result, path, progress=lambda percent: op.progress(percent, 100), kop=kop)

        def finish(written: Path, error: str) -> None:
            self.operation = None
            for button in (self.excel_button, self.csv_button, self.print_button):
                button.setEnabled(True)
            self.last_error = error
            done(written, error)

        def failed(error: Exception) -> None:
            text = (str(error) if isinstance(error, rekap.RekapError)
                    else f"Berkas tidak dapat dibuat: {error}")
            finish(path, text)

        for button in (self.excel_button, self.csv_button, self.print_button):
            button.setEnabled(False)
        self.operation = BackgroundOp(
            self, work, title="Rekap Layanan", progress="Menulis rekap…",
            expected=(rekap.RekapError, OSError), failure=failed,
            success=lambda written: finish(Path(written), ""))
        self.operation.start()

    def busy(self) -> bool:
        return self.operation is not None

    def _exported(self, path: Path, error: str) -> None:
        if error:
            QMessageBox.warning(self, "Ekspor rekap", error)
            return
        self.exported.emit(str(path))

    def preview(self) -> None:
        if self.result is None:
            return
        folder = Path(tempfile.mkdtemp(prefix="jogoroto-rekap-"))
        self._start(folder / self.default_name(".pdf"), self._show_preview)

    def _show_preview(self, path: Path, error: str) -> None:
        if error:
            QMessageBox.warning(self, "Pratinjau rekap", error)
            return
        from ui.pdf_preview import PdfPreviewDialog

        dialog = PdfPreviewDialog(path, self.result.periode.judul if self.result else "Rekap",
                                  self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview_dialog = dialog
        dialog.open()
