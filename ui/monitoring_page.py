"""Monitoring & Evaluasi (SOP): choose an SOP and a period (semester shortcuts or any dates), see
each step's figures from the registers against its Mutu Baku, the program's proposal, and fill
and save the assessment (Sekcam or a Kasi); print preview, Excel; the yearly evaluation.

The figures come from :mod:`jogoroto_desktop.monitoring`, computed in a BackgroundOp; this page
only shows them and collects the assessor's choices. "Perlu revisi" emits
:attr:`MonitoringPage.revisi_diminta` with the SOP id: the SOP editor opens a draft revision
on it (wired where both are built).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import monitoring as mon
from jogoroto_desktop import session
from jogoroto_desktop.validation import ValidationError
from ui.operations import BackgroundOp
from ui.registers.dates import date_edit, from_date, to_date
from ui.registers.forms import form_layout, with_colon
from ui.registers.page import (
    LazyPage,
    MessageBanner,
    action_button,
    button_bar,
    filter_bar,
)

RENTANG = "rentang"
COLUMNS = ("No", "Prosedur", "Kali", "Median /\nterlama", "Mutu\nBaku", "Tepat\nwaktu",
           "Usulan program", "Penilaian", "Catatan", "Tindakan yang\nharus diambil")
COL_USULAN, COL_PENILAIAN, COL_CATATAN, COL_TINDAKAN = 6, 7, 8, 9
_CHOICES = (("", "\u2014"), (mon.BAIK, mon.PENILAIAN_LABELS[mon.BAIK]),
            (mon.TIDAK_BAIK, mon.PENILAIAN_LABELS[mon.TIDAK_BAIK]))


def monitored_sops(seksi_id: str | None) -> list[tuple[str, str]]:
    """(id, name) of the SOPs with steps in the book: the seksi's, or all for the
    Sekretariat (the Sekcam monitors the whole kecamatan)."""
    from jogoroto_desktop.sop.catalog import default_catalog

    return [(sop.id, sop.name) for sop in default_catalog().sops
            if sop.steps and (seksi_id in (None, "sekretariat") or sop.seksi == seksi_id)]


def penilaian_combo(selected: str = "") -> QComboBox:
    combo = QComboBox()
    for value, label in _CHOICES:
        combo.addItem(label, value)
    combo.setCurrentIndex(max(combo.findData(selected), 0))
    return combo


class MonitoringPage(LazyPage):
    """The page; `result` holds the figures shown, `saved` the assessment of that period."""

    revisi_diminta = Signal(str)  # sop id: open a draft revision in the SOP editor

    def __init__(self, seksi_id: str | None = None, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.revisi_diminta.connect(self.open_revision)
        self.editor: QWidget | None = None
        self.today = today or dt.date.today()
        self.result: mon.MonitoringSop | None = None
        self.saved: Any = None
        self.operation: BackgroundOp | None = None
        self.sop = QComboBox()
        self.sop.setObjectName("sop")
        for sop_id, name in monitored_sops(seksi_id):
            self.sop.addItem(name, sop_id)
        self.sop.setMinimumContentsLength(28)
        self.sop.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.period = QComboBox()
        self.period.setObjectName("periode")
        year = self.today.year
        for tahun, ke in ((year, 2), (year, 1), (year - 1, 2), (year - 1, 1)):
            chosen = mon.semester(tahun, ke)
            if chosen.dari <= self.today:
                self.period.addItem(chosen.label, chosen)
        self.period.addItem("Rentang tanggal\u2026", RENTANG)
        self.period.setCurrentIndex(max(self.period.findText(
            mon.semester_terakhir(self.today).label), 0))
        last = mon.semester_terakhir(self.today)
        self.dari = date_edit(last.dari)
        self.sampai = date_edit(last.sampai)
        self.dari.setObjectName("dari")
        self.sampai.setObjectName("sampai")
        self.hitung_button = action_button("&Hitung", "hitung", self.compute)
        top = filter_bar((("S&OP", self.sop), ("&Periode", self.period), ("&Dari", self.dari),
                          ("S&ampai", self.sampai)), self.hitung_button)
        self.banner = MessageBanner("pesan")
        self.summary = QLabel()
        self.summary.setObjectName("ringkasan")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("langkah")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((28, 236, 40, 112, 62, 52, 118, 188, 130)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        self.overall = penilaian_combo()
        # a choice of three, not a line of text: its own width, not the form's
        self.overall.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.overall.setObjectName("penilaian")
        self.catatan = QLineEdit()
        self.catatan.setObjectName("catatan")
        self.catatan.setMaxLength(mon.MAX_CATATAN)
        self.tindakan = QLineEdit()
        self.tindakan.setObjectName("tindakan")
        self.tindakan.setMaxLength(mon.MAX_CATATAN)
        form = form_layout()
        for text, field in (("Pe&nilaian SOP", self.overall),
                            ("Ca&tatan hasil penilaian", self.catatan),
                            ("T&indakan yang harus diambil", self.tindakan)):
            label = QLabel(with_colon(text))
            label.setBuddy(field)
            form.addRow(label, field)
        self.save_button = action_button("&Simpan Penilaian", "simpan", self.save)
        self.print_button = action_button("&Cetak Formulir", "cetak", self.preview)
        self.excel_button = action_button("&Ekspor Excel", "ekspor", self.export_excel)
        self.void_button = action_button("&Batalkan Penilaian", "batalkan", self.void)
        self.evaluasi_button = action_button("E&valuasi Tahunan\u2026", "evaluasi",
                                             self.open_evaluasi)
        self.revisi_button = action_button("Perlu &Revisi", "revisi", self.request_revision,
                                           "Buka draf revisi SOP ini di penyunting SOP")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(button_bar(self.save_button, self.print_button, self.excel_button,
                                    self.void_button, self.evaluasi_button,
                                    self.revisi_button))
        if not self.sop.count():  # say why the page stays empty
            self.hitung_button.setEnabled(False)
            self.banner.show_text(
                "Belum ada SOP seksi ini yang diuraikan langkahnya, jadi belum ada yang dapat "
                "dimonitor. Langkah SOP ditulis di Katalog SOP (Buat revisi\u2026).")
        self.period.currentIndexChanged.connect(self._period_chosen)
        self.sop.currentIndexChanged.connect(lambda _i: self.compute())
        self._period_chosen()
        self._update_buttons()

    # --- reading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._loaded = True
        self.compute()

    def _period_chosen(self, *_args: object) -> None:
        chosen = self.period.currentData()
        custom = chosen == RENTANG
        self.dari.setEnabled(custom)
        self.sampai.setEnabled(custom)
        if not custom and chosen is not None:
            self.dari.setDate(from_date(chosen.dari))
            self.sampai.setDate(from_date(chosen.sampai))
            if self._loaded:
                self.compute()

    def compute(self) -> None:
        """Compute the figures of the chosen SOP and period in the background."""
        sop_id = self.sop.currentData()
        if sop_id is None:
            return
        dari, sampai = to_date(self.dari.date()), to_date(self.sampai.date())

        def work(_op: Any) -> tuple[mon.MonitoringSop, Any]:
            result = mon.hitung_monitoring(sop_id, dari, sampai)
            saved = mon.monitoring_terakhir(sop_id, result.periode)
            return result, saved

        self.hitung_button.setEnabled(False)
        self.operation = BackgroundOp(self, work, title="Monitoring SOP",
                                      expected=(ValidationError,), success=self._show,
                                      failure=self._failed)
        self.operation.start()

    def _failed(self, error: Exception) -> None:
        self.operation = None
        self.hitung_button.setEnabled(True)
        problems = getattr(error, "problems", None)
        self.banner.show_text(" ".join(problems.values()) if problems else str(error), True)

    def _show(self, outcome: tuple[mon.MonitoringSop, Any]) -> None:
        self.operation = None
        self.hitung_button.setEnabled(True)
        self.banner.hide()
        result, saved = outcome
        self.result, self.saved = result, saved
        rows = {row.no: row for row in mon.langkah_of(saved)} if saved is not None else {}
        self.table.setRowCount(len(result.langkah))
        for row, step in enumerate(result.langkah):
            usulan = step.usulan(result.ambang)
            texts = (str(step.no), step.kegiatan, str(step.jumlah),
                     f"{mon.format_waktu(step.median_detik, step.jenis_standar)}\n"
                     f"{mon.format_waktu(step.terlama_detik, step.jenis_standar)}",
                     step.waktu or "-", mon.format_persen(step.persen_tepat),
                     mon.PENILAIAN_LABELS.get(usulan, mon.BELUM_ADA))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(f"{step.kegiatan}\nPelaksana: {step.pelaksana}"
                                if column == 1 else text)
                if column == COL_USULAN and usulan == mon.TIDAK_BAIK:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
            kept = rows.get(step.no)
            self.table.setCellWidget(row, COL_PENILAIAN, penilaian_combo(
                kept.penilaian if kept is not None else usulan))
            self.table.setItem(row, COL_CATATAN, QTableWidgetItem(kept.catatan if kept else ""))
            self.table.setItem(row, COL_TINDAKAN,
                               QTableWidgetItem(kept.tindakan if kept else ""))
        self.table.resizeRowsToContents()
        proposal = mon.PENILAIAN_LABELS.get(result.usulan, mon.BELUM_ADA)
        text = f"<b>{result.sop_nama}</b>, {result.periode.label}. {result.keterangan} " \
               f"Usulan program: <b>{proposal}</b>."
        if saved is not None:
            text += (f"<br>Penilaian tersimpan: <b>{mon.PENILAIAN_LABELS[saved.penilaian]}"
                     f"</b> oleh {saved.penilai_nama} ({saved.penilai_jabatan}); menyimpan "
                     "lagi membuat penilaian baru (yang lama tetap tercatat).")
        self.summary.setText(text)
        self.overall.setCurrentIndex(max(self.overall.findData(
            saved.penilaian if saved is not None else result.usulan), 0))
        self.catatan.setText(saved.catatan if saved is not None else "")
        self.tindakan.setText(saved.tindakan if saved is not None else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        actor = session.current_actor()
        may = actor is not None and actor.may("monitoring.nilai")
        ready = self.result is not None
        self.save_button.setEnabled(may and ready)
        self.void_button.setEnabled(may and self.saved is not None)
        self.evaluasi_button.setEnabled(ready)
        self.print_button.setEnabled(ready)
        self.excel_button.setEnabled(ready)
        self.revisi_button.setEnabled(may and ready)
        if not may:
            self.save_button.setToolTip("Penilaian diisi Sekretaris Camat atau Kasi.")

    # --- writing -------------------------------------------------------------------------------

    def rows(self) -> list[mon.PenilaianLangkah]:
        """The assessor's rows as typed."""
        assert self.result is not None
        result = []
        for row, step in enumerate(self.result.langkah):
            combo = self.table.cellWidget(row, COL_PENILAIAN)
            note = self.table.item(row, COL_CATATAN)
            action = self.table.item(row, COL_TINDAKAN)
            result.append(mon.PenilaianLangkah(
                step.no, combo.currentData() if isinstance(combo, QComboBox) else "",
                note.text() if note else "", action.text() if action else ""))
        return result

    def save(self) -> None:
        if self.result is None:
            return
        try:
            record = mon.simpan_monitoring(self.result, self.overall.currentData(),
                                           self.rows(), self.catatan.text(),
                                           self.tindakan.text())
        except ValidationError as exc:
            self.banner.show_text(" ".join(exc.problems.values()), error=True)
            return
        self.saved = record
        self.status_message.emit(f"Penilaian monitoring {self.result.sop_nama} "
                                 f"{self.result.periode.label} disimpan.")
        self.changed.emit()
        self.compute()

    def void(self) -> None:
        if self.saved is None:
            return
        from ui.registers.void import AlasanDialog

        record = self.saved
        dialog = AlasanDialog(
            "Batalkan penilaian monitoring", "Penilaian yang dibatalkan tetap tercatat dan "
            "tercetak dengan tanda DIBATALKAN.", "&Batalkan Penilaian",
            lambda alasan: mon.batalkan_penilaian(record, alasan), self)
        dialog.acted.connect(lambda: (self.changed.emit(), self.compute()))
        self._open(dialog)

    def request_revision(self) -> None:
        if self.result is not None:
            self.revisi_diminta.emit(self.result.sop_id)

    def open_revision(self, sop_id: str) -> QWidget | None:
        """The SOP editor on a draft revision of the assessed SOP (or its open draft), for
        whoever may write that seksi's SOPs; others are told who revises it."""
        from jogoroto_desktop.sop import versions
        from jogoroto_desktop.sop.catalog import default_catalog
        from ui.sop_versions_ui import open_editor

        sop = default_catalog().get(sop_id)
        if sop is None:
            return None
        if not versions.boleh_menulis(session.current_actor(), sop.seksi):
            self.banner.show_text(
                f"Revisi SOP {sop.name} ditulis oleh Kasi/Kasubag pemilik SOP (seksi "
                f"{sop.seksi_name}) atau admin. Sampaikan hasil evaluasi ini kepada mereka.")
            return None
        self.editor = open_editor(self, sop_id, self.status_message.emit)
        return self.editor

    # --- paper ---------------------------------------------------------------------------------

    def _lembar(self) -> Any:
        from jogoroto_desktop import documents

        assert self.result is not None
        shown = mon.angka_tersimpan(self.saved) if self.saved is not None else self.result
        return documents.lembar_monitoring(shown, self.saved)

    def preview(self) -> None:
        if self.result is None:
            return
        import dataclasses

        from jogoroto_desktop import documents
        from ui.pdf_preview import FormJob, open_form_preview

        lembar = self._lembar()

        def build(path: Path, paper: str) -> int:
            documents.ekspor_monitoring(dataclasses.replace(lembar, kertas=paper),
                                        path.with_suffix(".pdf"))
            return 1

        open_form_preview(self, FormJob(
            "monitoring", f"Form Monitoring Pelaksanaan SOP {self.result.sop_nama}",
            ("A4", "F4"), build))

    def export_excel(self, target: str | None = None) -> Path | None:
        if self.result is None:
            return None
        from jogoroto_desktop import documents

        if target is None:
            name = f"monitoring-{self.result.sop_id}-{self.result.periode.dari:%Y-%m}.xlsx"
            target, _filter = QFileDialog.getSaveFileName(
                self, "Simpan monitoring", str(Path.home() / name), "Excel (*.xlsx)")
            if not target:
                return None
        path = Path(target).with_suffix(".xlsx")
        lembar = self._lembar()
        BackgroundOp(self, lambda _op: documents.ekspor_monitoring(lembar, path),
                     title="Ekspor monitoring", expected=(mon.MonitoringError,),
                     success=lambda written: self.status_message.emit(
                         f"Monitoring disimpan: {written}")).start()
        return path

    # --- the yearly evaluation -----------------------------------------------------------------

    def open_evaluasi(self) -> None:
        if self.result is None:
            return
        dialog = EvaluasiDialog(self.result.sop_id, self.result.sop_nama,
                                self.result.periode.sampai.year, self)
        dialog.saved.connect(self._evaluated)
        self._open(dialog)

    def _evaluated(self, sop_id: str, perlu_revisi: bool) -> None:
        self.status_message.emit("Evaluasi penerapan SOP disimpan.")
        self.changed.emit()
        if perlu_revisi:
            self.revisi_diminta.emit(sop_id)


class EvaluasiDialog(QDialog):
    """Form Evaluasi Penerapan SOP: the seven criteria Ya/Tidak with a note, the year's
    figures beside them, "Perlu revisi", a note; saved signed and audited."""

    saved = Signal(str, bool)  # sop id, perlu revisi

    def __init__(self, sop_id: str, sop_nama: str, tahun: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sop_id = sop_id
        self.setWindowTitle(f"Evaluasi Penerapan SOP {sop_nama}")
        self.year = QSpinBox()
        self.year.setObjectName("tahun")
        self.year.setRange(2000, dt.date.today().year)
        self.year.setValue(min(tahun, dt.date.today().year))
        self.figures = QLabel()
        self.figures.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(QLabel("<b>Kriteria</b>"), 0, 0)
        centre = Qt.AlignmentFlag.AlignHCenter  # the Ya/Tidak buttons under their headings
        grid.addWidget(QLabel("<b>Ya</b>"), 0, 1, centre)
        grid.addWidget(QLabel("<b>Tidak</b>"), 0, 2, centre)
        grid.addWidget(QLabel("<b>Catatan</b>"), 0, 3)
        self.answers: list[tuple[QButtonGroup, QRadioButton, QLineEdit]] = []
        for no, text in enumerate(mon.KRITERIA, start=1):
            label = QLabel(f"{no}. {text}")
            label.setWordWrap(True)
            yes, no_button = QRadioButton(), QRadioButton()
            yes.setObjectName(f"ya_{no}")
            no_button.setObjectName(f"tidak_{no}")
            group = QButtonGroup(self)
            group.addButton(yes)
            group.addButton(no_button)
            note = QLineEdit()
            note.setObjectName(f"catatan_{no}")
            note.setMaxLength(mon.MAX_CATATAN)
            grid.addWidget(label, no, 0)
            grid.addWidget(yes, no, 1, centre)
            grid.addWidget(no_button, no, 2, centre)
            grid.addWidget(note, no, 3)
            self.answers.append((group, yes, note))
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(3, 2)
        self.revisi = QCheckBox("Perlu revisi (buka draf revisi SOP ini setelah disimpan)")
        self.revisi.setObjectName("perlu_revisi")
        self.catatan = QLineEdit()
        self.catatan.setObjectName("catatan")
        self.message = MessageBanner("pesan")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Simpan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Batal")
        self.print_button = action_button("Cetak Evaluasi Tersimpan", "cetak", self.preview)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{sop_nama}</b> \u2014 Tahun"))
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addLayout(grid)
        layout.addWidget(self.revisi)
        row = form_layout()
        note_label = QLabel(with_colon("&Catatan"))
        note_label.setBuddy(self.catatan)
        row.addRow(note_label, self.catatan)
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(900, self.sizeHint().height())  # no empty half under the form
        self.year.valueChanged.connect(self._load)
        self._load()

    def _load(self, *_args: object) -> None:
        tahun = self.year.value()
        figures = mon.hitung_monitoring(self.sop_id, dt.date(tahun, 1, 1), dt.date(tahun, 12, 31))
        self.figures.setText(f"Angka {tahun} dari register: {figures.keterangan}")
        self.existing = mon.evaluasi_terakhir(self.sop_id, tahun)
        self.print_button.setEnabled(self.existing is not None)
        answers = {k.no: k for k in mon.kriteria_of(self.existing)} if self.existing else {}
        for no, (group, yes, note) in enumerate(self.answers, start=1):
            kept = answers.get(no)
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
            if kept is not None:
                (yes if kept.ya else group.buttons()[1]).setChecked(True)
            note.setText(kept.catatan if kept else "")
            note.setCursorPosition(0)  # a long note shows its beginning, not its end
        self.revisi.setChecked(bool(self.existing and self.existing.perlu_revisi))
        self.catatan.setText(self.existing.catatan if self.existing else "")

    def kriteria(self) -> list[mon.Kriteria]:
        return [mon.Kriteria(no, yes.isChecked(), note.text())
                for no, (group, yes, note) in enumerate(self.answers, start=1)
                if group.checkedButton() is not None]

    def save(self) -> None:
        try:
            mon.simpan_evaluasi(self.sop_id, self.year.value(), self.kriteria(),
                                self.revisi.isChecked(), self.catatan.text())
        except ValidationError as exc:
            self.message.show_text(" ".join(exc.problems.values()), error=True)
            return
        self.saved.emit(self.sop_id, self.revisi.isChecked())
        self.accept()

    def preview(self) -> None:
        if self.existing is None:
            return
        import dataclasses

        from jogoroto_desktop import documents
        from printing.monitoring_forms import build_evaluasi_pdf
        from ui.pdf_preview import FormJob, open_form_preview

        lembar = documents.lembar_evaluasi(self.existing)

        def build(path: Path, paper: str) -> int:
            build_evaluasi_pdf(dataclasses.replace(lembar, kertas=paper), path)
            return 1

        open_form_preview(self, FormJob("evaluasi", self.windowTitle(), ("A4", "F4"), build))
