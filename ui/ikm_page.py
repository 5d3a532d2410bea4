"""Survei Kepuasan (IKM): the Sekretariat's page of the citizens' satisfaction survey. A period
(the semester by default) and a service filter; the rekap on screen (IKM, grade, respondents,
the nine elements, per service, the respondent profile and comments); export to PDF or Excel;
the responses of the period (void one with a reason); a box that takes the scanned QR code of
a survey slip (or a register number) and opens that request's survey to type in; and the
kiosk window for a second screen."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.ikm_kuesioner import SUMBER_LABELS, SUMBER_SLIP
from jogoroto_desktop.registers import ikm
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.registers.kernel import DIBATALKAN
from jogoroto_desktop.validation import ValidationError
from models import IkmRespons
from ui.item_models import format_waktu
from ui.operations import BackgroundOp
from ui.registers.dates import date_edit, to_date
from ui.registers.page import LazyPage, action_button, filter_bar
from ui.registers.table import pick_table
from ui.registers.void import AlasanDialog

ALL_SERVICES = "Semua layanan"
#: The list shows the newest responses of the period up to this many (the rekap counts all).
LIST_LIMIT = 1000
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
GRADE_COLORS = {"A": "#15803d", "B": "#1d4ed8", "C": "#c2410c", "D": "#b91c1c"}


def _table(name: str, headers: tuple[str, ...]) -> QTableWidget:
    table = pick_table(name, headers)
    table.setAlternatingRowColors(True)
    return table


def _fill(table: QTableWidget, rows: list[list[object]], numeric: set[int]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if c in numeric:
                item.setTextAlignment(_RIGHT)
            table.setItem(r, c, item)


class IkmPage(LazyPage):
    """The IKM page; `rekap` holds what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ikmPage")
        self.rekap: ikm.RekapIkm | None = None
        # The rekap of a period runs in the background (a year of answers reads for a while);
        # a change made while it runs asks for one more run when it ends.
        self.operation: BackgroundOp | None = None
        self._refresh_again = False
        self.kiosk: QWidget | None = None
        self.respons_ids: list[int] = []
        start, end = ikm.semester_ini()
        self.dari = date_edit(start)
        self.dari.setObjectName("ikmDari")
        self.sampai = date_edit(end)
        self.sampai.setObjectName("ikmSampai")
        self.layanan = QComboBox()
        self.layanan.setObjectName("ikmLayanan")
        self.layanan.addItem(ALL_SERVICES, None)
        for sop in ly.layanan_sops():
            self.layanan.addItem(sop.name.removeprefix("Pelayanan "), sop.id)
        for widget in (self.dari, self.sampai):
            widget.dateChanged.connect(self.refresh)
        self.layanan.currentIndexChanged.connect(self.refresh)
        self.pdf_button = action_button("Ekspor &PDF…", "ikmPdf", lambda: self.ekspor_dialog(
            ".pdf"), "Laporan survei kepuasan untuk dicetak dan diumumkan")
        self.excel_button = action_button("Ekspor &Excel…", "ikmExcel",
                                          lambda: self.ekspor_dialog(".xlsx"))
        self.kiosk_button = action_button("Buka &Kios Survei", "ikmKios", self.buka_kios,
                                          "Jendela layar penuh untuk layar kedua: warga "
                                          "menjawab sendiri")
        self.message = QLabel()
        self.message.setObjectName("ikmPesan")
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        self.message.hide()

        filters = filter_bar((("&Dari", self.dari), ("&Sampai", self.sampai),
                              ("La&yanan", self.layanan)), self.pdf_button, self.excel_button)

        self.kunci = QLineEdit()
        self.kunci.setObjectName("ikmKunci")
        self.kunci.setPlaceholderText("Pindai kode QR lembar survei, atau ketik nomor register "
                                      "(mis. legalisir/12/2026), lalu Enter")
        self.kunci.setClearButtonEnabled(True)
        self.kunci.returnPressed.connect(self.buka_dari_kunci)
        open_button = action_button("&Isi Survei…", "ikmIsi", self.buka_dari_kunci)
        entry = filter_bar((("&Ketik jawaban lembar survei", self.kunci),), open_button,
                           self.kiosk_button, stretch=self.kunci)

        # Left: the result and the nine elements; right: tabs.
        self.summary = QLabel()
        self.summary.setObjectName("ikmRingkasan")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setFrameShape(QFrame.Shape.StyledPanel)
        self.summary.setMargin(8)
        self.summary.setWordWrap(True)
        self.unsur_table = _table("ikmUnsur", ("Unsur", "Unsur pelayanan", "NRR", "IKM", "Mutu"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.unsur_table, 1)

        self.layanan_table = _table("ikmPerLayanan", ("Layanan", "Responden", "IKM", "Mutu",
                                                      "Kinerja"))
        self.seksi_table = _table("ikmPerSeksi", ("Seksi", "Responden", "IKM", "Mutu",
                                                  "Kinerja"))
        parts = QWidget()
        parts_layout = QVBoxLayout(parts)
        parts_layout.addWidget(self.layanan_table, 3)
        parts_layout.addWidget(self.seksi_table, 2)
        self.profil_table = _table("ikmProfil", ("Karakteristik", "Kategori", "Jumlah", "%"))
        self.komentar_table = _table("ikmKomentar", ("Tanggal", "No. Register", "Komentar"))
        self.respons_table = _table("ikmRespons", (
            "Diisi", "No. Register", "Layanan", "Nilai U1-U9", "IKM", "Sumber", "Profil",
            "Komentar", "Status"))
        self.void_button = action_button("Batal&kan Jawaban…", "ikmBatal", self.batalkan,
                                         "Jawaban salah ketik: batalkan dengan alasan, lalu "
                                         "isi lagi")
        self.list_note = QLabel()
        self.list_note.setObjectName("ikmCatatanDaftar")
        responses = QWidget()
        responses_layout = QVBoxLayout(responses)
        responses_layout.addWidget(self.respons_table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.list_note, 1)
        bottom.addWidget(self.void_button)
        responses_layout.addLayout(bottom)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ikmTabs")
        self.tabs.addTab(responses, "Jawaban")
        self.tabs.addTab(parts, "Per layanan dan seksi")
        self.tabs.addTab(self.profil_table, "Profil responden")
        self.tabs.addTab(self.komentar_table, "Komentar")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setSizes([470, 680])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.respons_table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- reading ---------------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        return to_date(self.dari.date()), to_date(self.sampai.date())

    def refresh(self) -> None:
        self._loaded = True
        if self.operation is not None:
            self._refresh_again = True
            return
        dari, sampai = self.period()
        layanan = self.layanan.currentData()

        def work(_op: object) -> tuple[ikm.RekapIkm, list[IkmRespons]]:
            rekap = ikm.rekap_ikm(dari, sampai, layanan=layanan)
            rows = list(ikm.query_respons(dari, sampai, layanan=layanan).limit(LIST_LIMIT))
            return rekap, rows

        self.operation = BackgroundOp(self, work, title="Rekap IKM", expected=(ValidationError,),
                                      success=self._loaded_rekap, failure=self._refused)
        self.operation.start()

    def _finished(self) -> bool:
        """The run ended; True when it is to be shown (no newer request is waiting)."""
        self.operation = None
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()
            return False
        return True

    def _loaded_rekap(self, outcome: tuple[ikm.RekapIkm, list[IkmRespons]]) -> None:
        if self._finished():
            self.rekap, rows = outcome
            self._show_message("")
            self._show(self.rekap, rows)

    def _refused(self, error: Exception) -> None:
        if self._finished():
            self.rekap = None
            problems = getattr(error, "problems", None)
            self._show_message(" ".join(problems.values()) if problems else str(error))
            self._show(None, [])

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show(self, rekap: ikm.RekapIkm | None, rows: list[IkmRespons]) -> None:
        self.pdf_button.setEnabled(rekap is not None)
        self.excel_button.setEnabled(rekap is not None)
        if rekap is None or not rekap.responden:
            text = "Belum ada jawaban survei pada periode ini." if rekap else ""
            self.summary.setText(f"<span style='font-size:13pt'>{text}</span>")
        else:
            color = GRADE_COLORS.get(rekap.mutu, "#111")
            self.summary.setText(
                f"<div style='font-size:10pt'>{html.escape(rekap.cakupan)}, "
                f"{html.escape(rekap.judul)}</div>"
                f"<div><span style='font-size:24pt; font-weight:bold'>IKM "
                f"{ikm.format_ikm(rekap.ikm)}</span>&nbsp;&nbsp;"
                f"<span style='font-size:20pt; font-weight:bold; color:{color}'>"
                f"Mutu {rekap.mutu}</span></div>"
                f"<div style='font-size:12pt'>Kinerja unit pelayanan: <b>{rekap.kinerja}</b>"
                f" \u2014 {rekap.responden} responden</div>")
        unsur = rekap.unsur if rekap and rekap.responden else ()
        _fill(self.unsur_table, [[u.kode, u.nama, ikm.format_ikm(u.rata_rata, 3),
                                  ikm.format_ikm(u.ikm), u.mutu] for u in unsur], {2, 3})
        parts = [] if rekap is None else [
            [b.nama, b.responden, ikm.format_ikm(b.ikm), b.mutu, b.kinerja]
            for b in rekap.per_layanan]
        _fill(self.layanan_table, parts, {1, 2})
        _fill(self.seksi_table, [] if rekap is None else [
            [b.nama, b.responden, ikm.format_ikm(b.ikm), b.mutu, b.kinerja]
            for b in rekap.per_seksi], {1, 2})
        profile: list[list[object]] = []
        if rekap is not None and rekap.responden:
            for name, counts in rekap.profil.items():
                for index, (label, count) in enumerate(counts.items()):
                    share = ikm.format_ikm(100 * count / rekap.responden, 1)
                    profile.append([ikm.PROFIL[name][0] if index == 0 else "", label, count,
                                    share])
        _fill(self.profil_table, profile, {2, 3})
        _fill(self.komentar_table, [] if rekap is None else [
            [format_tanggal(k.diisi_pada.date()), k.nomor_register, k.komentar]
            for k in rekap.komentar],
            set())
        self.respons_ids = [row.id for row in rows]
        _fill(self.respons_table, [[
            format_waktu(row.diisi_pada), ly.nomor_register(row.permohonan),
            ly.get_sop(row.sop_id).name.removeprefix("Pelayanan ")
            if row.sop_id in ly.LAYANAN_SOPS else row.sop_id,
            " ".join(map(str, ikm.nilai_of(row))),
            ikm.format_ikm(ikm.bulatkan(ikm.hitung_ikm(ikm.nilai_of(row), 1))),
            SUMBER_LABELS.get(row.sumber, row.sumber), ikm.profil_teks(row), row.komentar,
            "Dibatalkan" if row.status == DIBATALKAN else "Sah"] for row in rows], {4})
        self.list_note.setText(
            f"{len(rows)} jawaban terbaru ditampilkan (rekap menghitung semuanya)."
            if len(rows) >= LIST_LIMIT else f"{len(rows)} jawaban pada periode ini.")
        for table in (self.unsur_table, self.layanan_table, self.seksi_table,
                      self.profil_table, self.komentar_table, self.respons_table):
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setStretchLastSection(True)
        self.unsur_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.unsur_table.horizontalHeader().setStretchLastSection(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.respons_table.currentRow()
        status = self.respons_table.item(row, 8).text() if row >= 0 and \
            self.respons_table.item(row, 8) else ""
        self.void_button.setEnabled(status == "Sah")

    # --- actions ---------------------------------------------------------------------------

    def buka_dari_kunci(self) -> None:
        """Open the survey of the request the typed or scanned text names."""
        from ui.ikm_dialog import SurveiDialog

        text = self.kunci.text().strip()
        if not text:
            return
        try:
            permohonan = ikm.cari_permohonan_survei(text)
        except ValidationError as exc:
            self._show_message(" ".join(exc.problems.values()))
            return
        if permohonan is None:
            self._show_message(f"Permohonan \u201c{text}\u201d tidak ditemukan.")
            return
        refused = ikm.alasan_tidak_bisa(permohonan)
        if refused:
            self._show_message(refused)
            return
        self._show_message("")
        dialog = SurveiDialog(permohonan, self, sumber=SUMBER_SLIP)
        dialog.slip_button.hide()  # typing in a slip: it is already printed
        self._open(dialog, lambda: self._saved(permohonan))

    def _saved(self, permohonan: object) -> None:
        self.kunci.clear()
        self.refresh()
        self.changed.emit()
        self.status_message.emit(
            f"{ly.nomor_register(permohonan)}: jawaban survei kepuasan dicatat.")
        self.kunci.setFocus()

    def batalkan(self) -> None:
        row = self.respons_table.currentRow()
        if not 0 <= row < len(self.respons_ids):
            return
        respons = IkmRespons.get_by_id(self.respons_ids[row])
        dialog = AlasanDialog(
            "Batalkan Jawaban Survei", "Jawaban ini tidak dihitung lagi dan tetap tercatat; "
            "permohonannya boleh diisi lagi.", "Batal&kan Jawaban",
            lambda text: ikm.batalkan_respons(respons, text), self,
            "mis. salah ketik nilai dari lembar survei")
        self._open(dialog, lambda: (self.refresh(), self.changed.emit()))

    def ekspor_dialog(self, suffix: str) -> None:
        kind = "PDF (*.pdf)" if suffix == ".pdf" else "Excel (*.xlsx)"
        dari, sampai = self.period()
        suggested = str(Path.home() / f"Survei-Kepuasan-{dari:%Y%m%d}-{sampai:%Y%m%d}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, "Simpan laporan survei kepuasan", suggested,
                                              kind)
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.ekspor(path)

    def ekspor(self, path: str | Path) -> Path | None:
        """Write the shown rekap to ``path`` (.pdf on the office's paper, or .xlsx)."""
        from jogoroto_desktop import documents
        from jogoroto_desktop.kop_settings import kop_from_settings
        from jogoroto_desktop.rekap import RekapError
        from jogoroto_desktop.setup import default_paper

        if self.rekap is None:
            return None
        try:
            written = documents.ekspor_ikm(self.rekap, path, kop=kop_from_settings(),
                                           paper=default_paper())
        except RekapError as exc:
            QMessageBox.warning(self, "Laporan tidak tersimpan", str(exc))
            return None
        self.status_message.emit(f"Laporan survei kepuasan disimpan: {written}")
        return written

    def buka_kios(self) -> QWidget:
        from ui.ikm_kiosk import open_kiosk

        self.kiosk = open_kiosk(self.window())
        self.kiosk.answered.connect(lambda _id: (self.refresh(), self.changed.emit()))
        return self.kiosk
