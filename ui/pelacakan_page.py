"""Pelacakan: the runs of a seksi's planning and finance SOPs ("Renja 2027", "GU Maret 2027"):
the step each is at, who holds it, deadlines and late flags; the selected run's steps with who
did each and when; its documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.registers import pelacakan as pl
from jogoroto_desktop.registers.kernel import read_record
from jogoroto_desktop.session import PermissionDenied
from jogoroto_desktop.sop.catalog import default_catalog
from jogoroto_desktop.validation import ValidationError
from models import Pelacakan
from ui.item_models import ListTableModel, ModelIndex, bold_font, format_waktu
from ui.progress_model import LATE_BACKGROUND, MUTED, URGENT, ProgressTableModel
from ui.registers.forms import FormDialog, named_line, set_tab_order
from ui.registers.page import (
    LazyPage,
    action_button,
    button_bar,
    choice_combo,
    filter_bar,
    stack,
)
from ui.registers.table import register_table


class PelacakanModel(ListTableModel):
    """Where each run stands (`pelacakan.Posisi`), open ones first."""

    COL_NAMA, COL_SOP, COL_LANGKAH, COL_KEGIATAN, COL_PEMEGANG, COL_BATAS, COL_STATUS = range(7)
    HEADERS = ("Nama", "SOP", "Langkah", "Kegiatan sekarang", "Dipegang", "Batas waktu",
               "Status")

    def posisi_at(self, row: int) -> pl.Posisi:
        return self.item_at(row)

    def row_of(self, run_id: int) -> int | None:
        return next((i for i, w in enumerate(self.rows) if w.id == run_id), None)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        where: pl.Posisi = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(where, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return where.keterangan or self._text(where, column)
        if role == Qt.ItemDataRole.BackgroundRole and where.terlambat:
            return LATE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole:
            if where.terlambat and column == self.COL_STATUS:
                return URGENT
            if where.status != pl.BERJALAN:
                return MUTED
        if role == Qt.ItemDataRole.FontRole and where.terlambat and column == self.COL_STATUS:
            return bold_font()
        return None

    @staticmethod
    def _text(where: pl.Posisi, column: int) -> str:
        if column == PelacakanModel.COL_NAMA:
            return where.nama
        if column == PelacakanModel.COL_SOP:
            return where.sop_name
        if column == PelacakanModel.COL_LANGKAH:
            return f"{where.langkah} dari {where.jumlah_langkah}"
        if column == PelacakanModel.COL_KEGIATAN:
            return where.kegiatan
        if column == PelacakanModel.COL_PEMEGANG:
            return where.pemegang or "-"
        if column == PelacakanModel.COL_BATAS:
            return format_tanggal(where.batas_waktu, empty="")
        return "Terlambat" if where.terlambat else where.status_label


def describe_posisi(where: pl.Posisi) -> str:
    """One line on where the selected run stands, its deadlines and why it is late."""
    if where.status != pl.BERJALAN:
        return f"{where.nama}: {where.status_label.lower()}."
    text = (f"{where.nama}: langkah {where.langkah} dari {where.jumlah_langkah}, dipegang "
            f"{where.pemegang}, sejak {format_waktu(where.sejak)}")
    if where.tenggat_langkah is not None:
        text += f"; standar langkah ini sampai {format_waktu(where.tenggat_langkah)}"
    if where.batas_waktu is not None:
        text += f"; batas waktu {format_tanggal(where.batas_waktu)}"
    text += "."
    if where.terlambat:
        text += f" TERLAMBAT: {where.keterangan}."
    return text


class MulaiPelacakanDialog(FormDialog):
    """Start a run of one of the page's SOPs. After accept(), `run` is the new record."""

    def __init__(self, sop_ids: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Mulai Pelacakan", name="mulaiPelacakanDialog",
                         min_width=560)
        self.run: Pelacakan | None = None
        catalog = default_catalog()
        self.sop = QComboBox()
        self.sop.setObjectName("sop")
        for sop_id in sop_ids:
            sop = catalog.get(sop_id)
            self.sop.addItem(sop.name + (" (belum dirinci)" if sop.is_draft else ""), sop_id)
        self.nama = named_line("nama", f"mis. Renja {dt.date.today().year + 1} atau GU Maret")
        self.batas = named_line("batasWaktu", "mis. 31 Maret 2027 (boleh kosong)")
        self.catatan = named_line("catatan")
        self.lay_out((("&SOP:", "sop", self.sop), ("&Nama:", "nama", self.nama),
                      ("&Batas waktu:", "batas_waktu", self.batas),
                      ("&Catatan:", "catatan", self.catatan)), "&Mulai", self.save)

    def save(self) -> None:
        with self.messages.showing_problems():
            self.run = pl.buat_pelacakan(self.sop.currentData(), self.nama.text(),
                                         batas_waktu=self.batas.text() or None,
                                         catatan=self.catatan.text())
            self.accept()


class LangkahDialog(FormDialog):
    """Record the run's current step as done: by whom, a note, Ya/Tidak for a decision."""

    def __init__(self, run: Pelacakan, parent: QWidget | None = None) -> None:
        super().__init__(parent, title="Langkah Selesai", name="langkahDialog", min_width=560)
        self.run = run
        self.next_step: Any = None
        where = pl.posisi(run)
        step = pl.alur(pl.sop_pelacakan(run))[run.langkah_sekarang - 1]
        about = QLabel(f"<b>{run.nama}</b><br>Langkah {where.langkah} dari "
                       f"{where.jumlah_langkah}: {step.kegiatan}<br>Pelaksana: {step.pelaksana}")
        about.setWordWrap(True)
        self.oleh = named_line("oleh", text=step.pelaksana)
        self.catatan = named_line("catatan")
        self.cabang = QComboBox()
        self.cabang.setObjectName("cabang")
        self.cabang.addItem("Ya", "ya")
        self.cabang.addItem("Tidak", "tidak")
        rows = [("Dikerjakan &oleh:", "oleh", self.oleh), ("&Catatan:", "catatan", self.catatan)]
        self.is_decision = step.symbol == "decision"
        if self.is_decision:
            rows.append(("&Keputusan:", "cabang", self.cabang))
        self.lay_out(rows, "&Catat", self.save, intro=about, focus=self.catatan)

    def save(self) -> None:
        with self.messages.showing_problems():
            self.next_step = pl.majukan(
                self.run, oleh=self.oleh.text(), catatan=self.catatan.text(),
                cabang=self.cabang.currentData() if self.is_decision else None)
            self.accept()


class PelacakanPage(LazyPage):
    """Trackers of `sop_ids` (the SOPs of one seksi tab)."""


    def __init__(self, sop_ids: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sop_ids = sop_ids
        self.setObjectName("pelacakanPage")
        self.banner = QLabel()
        self.banner.setObjectName("pelacakanBanner")
        self.banner.setWordWrap(True)
        self.start_button = action_button("&Mulai Pelacakan…", "mulaiPelacakanButton",
                                          self.mulai)
        self.step_button = action_button("&Langkah Selesai…", "langkahSelesaiButton",
                                         self.langkah_selesai)
        self.attach_button = action_button("La&mpirkan Berkas…", "lampirkanButton",
                                           lambda: self.lampirkan())
        self.void_button = action_button("&Batalkan…", "batalkanPelacakanButton",
                                         lambda: self.batalkan())
        catalog = default_catalog()
        self.sop_filter = choice_combo("sopFilter", "Semua SOP",
                                       ((catalog.get(sop_id).name, sop_id) for sop_id in sop_ids))
        self.sop_filter.currentIndexChanged.connect(self.refresh)
        buttons = button_bar(self.start_button, self.step_button, self.attach_button,
                             self.void_button)
        buttons.addLayout(filter_bar((("&SOP:", self.sop_filter),)))

        self.model = PelacakanModel(self)
        self.table = register_table("pelacakanTable", self.model,
                                    {0: 170, 1: 230, 2: 90, 4: 220, 5: 150, 6: 100},
                                    PelacakanModel.COL_KEGIATAN)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_selected())
        self.steps_model = ProgressTableModel(self)
        self.steps = register_table("langkahTable", self.steps_model,
                                    {0: 40, 2: 200, 3: 160, 4: 170, 5: 90, 6: 120},
                                    ProgressTableModel.COL_KEGIATAN)
        self.posisi_label = QLabel()
        self.posisi_label.setObjectName("posisiPelacakan")
        self.posisi_label.setWordWrap(True)
        self.berkas_label = QLabel()
        self.berkas_label.setObjectName("berkasPelacakan")
        self.berkas_label.setWordWrap(True)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.posisi_label)
        detail_layout.addWidget(self.steps, 1)
        detail_layout.addWidget(self.berkas_label)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        stack(self, self.banner, buttons, splitter, grow=splitter)
        set_tab_order([self.start_button, self.step_button, self.attach_button,
                       self.void_button, self.sop_filter, self.table, self.steps])
        self._show_selected()

    def refresh(self) -> None:
        self._loaded = True
        keep = self.current_id()
        chosen = self.sop_filter.currentData()
        ids = (chosen,) if chosen else self.sop_ids
        now = dt.datetime.now()
        rows = pl.daftar_posisi(pl.query_pelacakan(ids), now)
        self.model.set_items(rows)
        running = sum(w.status == pl.BERJALAN for w in rows)
        late = sum(w.terlambat for w in rows)
        self.banner.setText(f"{running} pelacakan berjalan, {late} terlambat."
                            if rows else "Belum ada pelacakan. Mulai dengan Mulai Pelacakan.")
        colour = ("#f8d7d7", "#9c1c1c") if late else ("#e3f1e6", "#1e6b2e")
        self.banner.setStyleSheet(f"QLabel {{ background: {colour[0]}; color: {colour[1]}; "
                                  "padding: 6px; border-radius: 3px; font-weight: bold; }")
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None and self.table.currentIndex().row() != row:
            self.table.setCurrentIndex(self.model.index(row, 0))  # currentRowChanged shows it
        else:
            self._show_selected()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.posisi_at(index.row()).id if index.isValid() else None

    def current_run(self) -> Pelacakan | None:
        run_id = self.current_id()
        return read_record(Pelacakan, run_id) if run_id is not None else None

    def _show_selected(self) -> None:
        run = self.current_run()
        running = run is not None and run.status == pl.BERJALAN
        self.step_button.setEnabled(running)
        self.void_button.setEnabled(running)
        self.attach_button.setEnabled(run is not None)
        if run is None:
            self.steps_model.set_steps([])
            self.berkas_label.setText("")
            self.posisi_label.setText("")
            return
        where = pl.posisi(run)
        self.posisi_label.setText(describe_posisi(where))
        self.posisi_label.setStyleSheet("color: #9c1c1c; font-weight: bold;"
                                        if where.terlambat else "")
        self.steps_model.set_steps(pl.riwayat(run))
        files = pl.berkas_pelacakan(run)
        self.berkas_label.setText("Berkas: " + (", ".join(b.nama_asli for b in files)
                                                if files else "belum ada"))

    def _select(self, run_id: int) -> None:
        self.refresh()
        row = self.model.row_of(run_id)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def mulai(self) -> None:
        dialog = MulaiPelacakanDialog(self.sop_ids, self)
        self._open(dialog, lambda: self._after(dialog.run, "dimulai"))

    def langkah_selesai(self) -> None:
        run = self.current_run()
        if run is None or run.status != pl.BERJALAN:
            return
        dialog = LangkahDialog(run, self)
        dialog.accepted.connect(lambda: self._after(run, "selesai" if dialog.next_step is None
                                                    else "maju ke langkah berikutnya"))
        self._open(dialog)

    def _after(self, run: Pelacakan | None, what: str) -> None:
        if run is None:
            return
        self._select(run.id)
        self.status_message.emit(f"Pelacakan {run.nama} {what}.")
        self.changed.emit()

    def lampirkan(self, path: str | None = None) -> None:
        run = self.current_run()
        if run is None:
            return
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, "Lampirkan Berkas", "", "Dokumen (*.pdf *.jpg *.jpeg *.png)")
            if not path:
                return
        try:
            pl.lampirkan(run, Path(path))
        except (ValidationError, PermissionDenied) as exc:
            problems = getattr(exc, "problems", None)
            QMessageBox.warning(self, "Berkas tidak dilampirkan",
                                "\n".join(problems.values()) if problems else str(exc))
            return
        self._after(run, f"mendapat berkas {Path(path).name}")

    def batalkan(self, alasan: str | None = None) -> None:
        run = self.current_run()
        if run is None:
            return
        if alasan is None:
            alasan, ok = QInputDialog.getText(self, "Batalkan Pelacakan", "Alasan pembatalan:")
            if not ok:
                return
        try:
            pl.batalkan(run, alasan)
        except (ValidationError, PermissionDenied) as exc:
            problems = getattr(exc, "problems", None)
            QMessageBox.warning(self, "Tidak dapat dibatalkan",
                                "\n".join(problems.values()) if problems else str(exc))
            return
        self._after(run, "dibatalkan")
