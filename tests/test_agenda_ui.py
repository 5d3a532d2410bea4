"""The Agenda Surat Masuk page, its lazy table model and its dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QTableView

import models
import ui.registers.forms as register_forms
from jogoroto_desktop.registers.disposisi import inbox, tulis_disposisi
from jogoroto_desktop.registers.surat import DIBATALKAN, JENIS_MASUK, progress
from jogoroto_desktop.registers.surat_masuk import (
    MASUK_DIDISPOSISI,
    MASUK_DIKIRIM,
    AgendaFilter,
    SuratMasukInput,
    register_surat_masuk,
)
from models import Disposisi, Ekspedisi, Pejabat, SuratMasuk, db
from ui.agenda_forms import (
    BatalkanDialog,
    DisposisiDialog,
    EkspedisiDialog,
    SuratMasukDialog,
)
from ui.agenda_models import (
    DisposisiHistoryModel,
    SuratMasukTableModel,
    disposisi_rows,
)
from ui.agenda_page import AgendaSuratMasukPage, parse_agenda_code
from ui.progress_model import LATE_BACKGROUND, LATE_ROLE, ProgressTableModel
from ui.registers.dates import TYPED_DATE_FORMAT, date_edit
from ui.registers.letters import parse_klasifikasi
from ui.registers.table import format_count

NOW = dt.datetime(2026, 3, 10, 9, 0)
TODAY = NOW.date()
DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil Kab. Jombang"
RAPAT = "Undangan Rapat Koordinasi Administrasi Kependudukan"
SENDERS = (DUKCAPIL, "Badan Kepegawaian Daerah Kab. Jombang", "Kepala Desa Sumbermulyo",
           "Bupati Jombang", "Polsek Jogoroto")
SIFATS = ("biasa", "segera", "sangat segera", "rahasia")


@pytest.fixture(autouse=True)
def no_blocking_questions(monkeypatch) -> list[tuple]:
    """Closing a dialog with typed text asks first; tests answer "yes" without a modal box."""
    asked: list[tuple] = []
    monkeypatch.setattr(register_forms, "confirm", lambda *args: asked.append(args) or True)
    return asked


def show_active(qtbot, dialog: QDialog) -> None:
    """Show `dialog` as the active window (the offscreen platform does not activate it)."""
    if not dialog.isVisible():
        dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "t.db")
    yield
    models.close_database()


def letter(dari: str = DUKCAPIL, perihal: str = RAPAT, sifat: str = "biasa",
           received: dt.date = TODAY, nomor: str = "470/112/415.17/2026",
           now: dt.datetime | None = None) -> SuratMasuk:
    when = now or dt.datetime.combine(received, dt.time(9, 0))
    return register_surat_masuk(
        SuratMasukInput(dari, nomor, received - dt.timedelta(days=2), perihal, sifat, "005",
                        "1 berkas", received), now=when)


def insert_letters(count: int, year: int = 2026) -> None:
    """`count` letters straight into the table, in one transaction (fast)."""
    start = dt.date(year, 1, 1)
    rows = []
    for index in range(count):
        day = start + dt.timedelta(days=index * 360 // max(count, 1))
        rows.append({
            "tahun": year, "nomor_agenda": index + 1, "tanggal_diterima": day,
            "dari": f"{SENDERS[index % len(SENDERS)]} {index:05d}",
            "nomor_surat": f"{index + 1}/{index % 97}/415.17/{year}", "tanggal_surat": day,
            "perihal": f"Perihal surat nomor {index:05d}", "sifat": SIFATS[index % 4],
            "klasifikasi": "005", "lampiran": "", "status": "diterima", "dibuat_oleh": "uji",
            "dibuat_pada": NOW, "diubah_pada": NOW, "versi": 1,
        })
    with db.atomic():
        for first in range(0, len(rows), 500):
            SuratMasuk.insert_many(rows[first:first + 500]).execute()


def official(jabatan: str) -> Pejabat:
    return Pejabat.get(Pejabat.jabatan == jabatan)


@pytest.fixture
def page(qtbot, database) -> AgendaSuratMasukPage:
    widget = AgendaSuratMasukPage(tahun=2026)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def column_values(model: SuratMasukTableModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


# --- the table model -----------------------------------------------------------------------

def test_model_passes_qtmodeltester_empty_small_and_large(qtmodeltester, database) -> None:
    qtmodeltester.check(SuratMasukTableModel())
    for _ in range(3):
        letter()
    small = SuratMasukTableModel()
    small.refresh()
    assert small.rowCount() == 3
    qtmodeltester.check(small)
    insert_letters(1000, year=2025)
    large = SuratMasukTableModel()
    large.set_filter(AgendaFilter(tahun=2025))
    assert large.rowCount() == 1000
    qtmodeltester.check(large)
    large.sort(SuratMasukTableModel.COL_DARI, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(large)


def test_detail_models_pass_qtmodeltester(qtmodeltester, database) -> None:
    surat = letter()
    tulis_disposisi(surat, official("Camat"), [official("Sekretaris Camat")],
                    ["Proses lebih lanjut"], now=NOW + dt.timedelta(hours=1))
    history = DisposisiHistoryModel()
    qtmodeltester.check(history)
    history.set_items(disposisi_rows(surat))
    qtmodeltester.check(history)
    steps = ProgressTableModel()
    qtmodeltester.check(steps)
    steps.set_items(progress(JENIS_MASUK, surat.id))
    qtmodeltester.check(steps)


def test_model_columns_show_indonesian_labels_and_void_letters_greyed(database) -> None:
    surat = letter(sifat="sangat segera")
    model = SuratMasukTableModel()
    model.refresh()
    values = [model.index(0, column).data() for column in range(model.columnCount())]
    assert values == ["1/2026", "10 Maret 2026", DUKCAPIL, "470/112/415.17/2026",
                      "8 Maret 2026", RAPAT, "Sangat Segera", "Diterima"]
    from jogoroto_desktop.registers.surat_masuk import void_surat_masuk

    void_surat_masuk(surat, "tercatat dua kali")
    model.refresh()
    index = model.index(0, SuratMasukTableModel.COL_STATUS)
    assert index.data() == "Dibatalkan"
    assert index.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None


def test_loading_is_lazy(qtbot, database) -> None:
    insert_letters(5000)
    model = SuratMasukTableModel()
    model.set_filter(AgendaFilter(tahun=2026))
    assert model.rowCount() == 5000
    assert model.pages_fetched == 1 and model.counts_run == 1  # the first page, one COUNT
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    assert model.pages_fetched <= 2
    assert model.loaded_pages <= 2
    assert model.index(0, 0).data() == "5000/2026"
    view.scrollToBottom()
    qtbot.wait(10)
    assert model.index(4999, 0).data() == "1/2026"
    assert model.pages_fetched <= 4
    assert model.counts_run == 1


def test_sorting_is_done_in_the_database(database) -> None:
    insert_letters(450)
    model = SuratMasukTableModel()
    model.set_filter(AgendaFilter(tahun=2026))
    assert model.index(0, 0).data() == "450/2026"
    model.sort(SuratMasukTableModel.COL_AGENDA, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data() == "1/2026"
    model.sort(SuratMasukTableModel.COL_DARI, Qt.SortOrder.AscendingOrder)
    senders = column_values(model, SuratMasukTableModel.COL_DARI)
    assert senders == sorted(senders, key=str.lower)
    model.sort(SuratMasukTableModel.COL_DARI, Qt.SortOrder.DescendingOrder)
    assert column_values(model, SuratMasukTableModel.COL_DARI) == senders[::-1]
    model.sort(SuratMasukTableModel.COL_SIFAT, Qt.SortOrder.AscendingOrder)
    sifat = column_values(model, SuratMasukTableModel.COL_SIFAT)
    assert sifat[0] == "Sangat Segera" and sifat[-1] == "Biasa"
    assert model.counts_run == 1  # sorting never counts again
    for record_id in (1, 77, 230, 450):  # position_of follows the sort across pages
        assert model.row_id(model.position_of(record_id)) == record_id
    assert model.position_of(99999) is None


def test_each_filter_changes_the_rows(database) -> None:
    letter(received=dt.date(2026, 1, 5), sifat="segera")
    letter(dari="Bupati Jombang", perihal="Undangan Upacara Hari Jadi",
           received=dt.date(2026, 2, 9), sifat="sangat segera")
    voided = letter(dari="Polsek Jogoroto", perihal="Pengamanan Ramadhan",
                    received=dt.date(2026, 3, 2))
    letter(received=dt.date(2025, 12, 30), perihal="Rapat akhir tahun",
           now=dt.datetime(2025, 12, 30, 10, 0))
    from jogoroto_desktop.registers.surat_masuk import void_surat_masuk

    void_surat_masuk(voided, "salah alamat")
    model = SuratMasukTableModel()
    model.refresh()
    assert model.rowCount() == 4
    model.set_filter(AgendaFilter(tahun=2026))
    assert model.rowCount() == 3
    model.set_filter(AgendaFilter(tahun=2026, bulan=2))
    assert column_values(model, SuratMasukTableModel.COL_DARI) == ["Bupati Jombang"]
    model.set_filter(AgendaFilter(sifat="segera"))
    assert column_values(model, SuratMasukTableModel.COL_AGENDA) == ["1/2026"]
    model.set_filter(AgendaFilter(status=DIBATALKAN))
    assert column_values(model, SuratMasukTableModel.COL_DARI) == ["Polsek Jogoroto"]
    model.set_filter(AgendaFilter(teks="kependudukan"))
    assert column_values(model, SuratMasukTableModel.COL_AGENDA) == ["1/2026", "1/2025"]
    model.set_filter(AgendaFilter(teks="1/2025"))
    assert column_values(model, SuratMasukTableModel.COL_AGENDA) == ["1/2025"]
    assert model.counts_run == 0  # each result fits in its first page: no COUNT needed


# --- the page ------------------------------------------------------------------------------

def test_page_filter_bar_drives_the_table(qtbot, page: AgendaSuratMasukPage) -> None:
    insert_letters(1234)
    letter(received=dt.date(2025, 6, 3), now=dt.datetime(2025, 6, 3, 9, 0))
    page.select_year(2026)
    page.refresh()
    assert page.count_label.text() == "1.234 surat"
    assert page.year_filter.currentText() == "2026"
    page.month_filter.setCurrentIndex(2)  # Februari
    assert page.month_filter.currentText() == "Februari"
    assert 0 < page.model.rowCount() < 1234
    page.sifat_filter.setCurrentIndex(page.sifat_filter.findData("rahasia"))
    assert all(v == "Rahasia" for v in column_values(page.model, SuratMasukTableModel.COL_SIFAT))
    page.year_filter.setCurrentIndex(0)  # Semua tahun: the month filter needs a year
    assert not page.month_filter.isEnabled()
    page.sifat_filter.setCurrentIndex(0)
    assert page.model.rowCount() == 1235
    qtbot.keyClicks(page.search, "sumbermulyo 00017")
    assert page.model.rowCount() == 1235  # not yet: the search waits until typing stops
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.count_label.text() == "1 surat"
    assert page.detail.surat is not None and page.detail.surat.nomor_agenda == 18


def test_clicking_a_header_sorts_and_keeps_the_selected_letter(qtbot, page: AgendaSuratMasukPage
                                                               ) -> None:
    insert_letters(600)
    page.refresh()
    page.open_letter(123)
    header = page.table.horizontalHeader()
    position = header.sectionViewportPosition(SuratMasukTableModel.COL_DARI) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(position, header.height() // 2))
    assert page.model.sort_column == SuratMasukTableModel.COL_DARI
    senders = column_values(page.model, SuratMasukTableModel.COL_DARI)
    assert senders in (sorted(senders, key=str.lower), sorted(senders, key=str.lower)[::-1])
    assert page.model.row_id(page.table.currentIndex().row()) == 123
    assert page.selected_letter().id == 123


def test_enter_in_search_opens_the_letter_by_its_number(qtbot, page: AgendaSuratMasukPage
                                                        ) -> None:
    first = letter()
    for index in range(12):
        letter(dari=f"Desa {index}", perihal=f"Laporan {index}")
    page.select_year(2025)  # the letter is not even listed
    assert page.model.rowCount() == 0
    with qtbot.waitSignal(page.letter_opened) as opened:
        qtbot.keyClicks(page.search, "1/2026")
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [first.id]
    assert page.year_filter.currentData() == 2026
    assert page.selected_letter().id == first.id
    current = page.table.currentIndex()
    assert page.model.row_id(current.row()) == first.id
    assert page.detail.title.text() == "Surat Masuk No. Agenda 1/2026"
    assert DUKCAPIL in page.detail.fields.toPlainText()


def test_coming_back_to_the_page_reads_the_agenda_again(qtbot, page: AgendaSuratMasukPage
                                                        ) -> None:
    assert page.count_label.text() == "0 surat"
    page.hide()
    surat = letter()  # as if written on another PC meanwhile
    page.show()
    assert page.count_label.text() == "1 surat"
    assert page.selected_letter().id == surat.id


def test_opening_a_hidden_letter_loosens_only_the_filters_that_hide_it(
        qtbot, page: AgendaSuratMasukPage) -> None:
    first = letter()
    second = letter(dari="Bupati Jombang", perihal="Undangan Upacara", sifat="segera")
    page.select_year(2025)
    qtbot.keyClicks(page.search, "kependudukan")
    qtbot.waitUntil(lambda: page.count_label.text() == "0 surat", timeout=2000)
    assert page.open_letter(first.id)
    assert page.year_filter.currentData() == 2026  # the letter's year, not every year
    assert page.search.text() == "kependudukan"  # still finds it: kept
    page.sifat_filter.setCurrentIndex(page.sifat_filter.findData("biasa"))
    assert page.open_letter(second.id)
    assert page.sifat_filter.currentData() is None and page.search.text() == ""
    assert page.selected_letter().id == second.id


def test_a_scanned_code_opens_its_letter(qtbot, page: AgendaSuratMasukPage) -> None:
    letter()
    second = letter(dari="Bupati Jombang")
    assert parse_agenda_code("SM-2/2026") == (2, 2026)
    assert parse_agenda_code("rapat") is None
    qtbot.keyClicks(page.search, "AGENDA:2/2026")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.selected_letter().id == second.id
    assert page.search.text() == ""  # the code matches no text, so the search is cleared


def test_new_letter_with_the_keyboard_only(qtbot, page: AgendaSuratMasukPage,
                                           monkeypatch) -> None:
    letter()
    letter(dari="Bupati Jombang")
    page.refresh()
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, SuratMasukDialog)
    dialog._now = lambda: NOW  # the test's "today"
    dialog.tanggal_diterima.setDate(QDate(2026, 3, 10))
    show_active(qtbot, dialog)
    assert dialog.focusWidget() is dialog.dari
    qtbot.keyClicks(dialog.dari, "Dinas Kesehatan Kab. Jombang")
    qtbot.keyClick(dialog.dari, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.nomor_surat
    qtbot.keyClicks(dialog.nomor_surat, "440/231/415.17/2026")
    qtbot.keyClick(dialog.nomor_surat, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.tanggal_surat
    qtbot.keyClicks(dialog.tanggal_surat, "4/3/2026")  # as written on paper
    qtbot.keyClick(dialog.tanggal_surat, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.tanggal_diterima
    qtbot.keyClick(dialog.tanggal_diterima, Qt.Key.Key_Enter)
    assert dialog.focusWidget() is dialog.perihal
    qtbot.keyClicks(dialog.perihal, "Undangan Rapat Koordinasi")
    qtbot.keyClick(dialog.perihal, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.focusWidget() is dialog.perihal
    qtbot.keyClicks(dialog.perihal, "Percepatan Vaksinasi")
    assert dialog.perihal.toPlainText() == "Undangan Rapat Koordinasi\nPercepatan Vaksinasi"
    qtbot.keyClick(dialog.perihal, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.sifat
    qtbot.keyClick(dialog.sifat, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.sifat, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.klasifikasi
    qtbot.keyClicks(dialog.klasifikasi, "undangan")
    popup = dialog.klasifikasi.completer().popup()
    assert popup.isVisible()  # "005 — Undangan" offered while typing
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # takes the offer and stays in the field
    assert dialog.klasifikasi.currentText() == "005 \u2014 Undangan"
    assert dialog.focusWidget() is dialog.klasifikasi
    qtbot.keyClick(dialog.klasifikasi, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.lampiran
    qtbot.keyClicks(dialog.lampiran, "1 berkas")
    with qtbot.waitSignal(dialog.saved, timeout=1000) as saved:
        qtbot.keyClick(dialog.lampiran, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[1] == "3/2026"
    assert dialog.result() == QDialog.DialogCode.Accepted
    surat = SuratMasuk.get(SuratMasuk.dari == "Dinas Kesehatan Kab. Jombang")
    assert (surat.tahun, surat.nomor_agenda) == (2026, 3)
    assert surat.tanggal_surat == dt.date(2026, 3, 4)
    assert surat.tanggal_diterima == dt.date(2026, 3, 10)
    assert surat.perihal == "Undangan Rapat Koordinasi Percepatan Vaksinasi"
    assert (surat.sifat, surat.klasifikasi, surat.lampiran) == ("segera", "005", "1 berkas")
    assert "Tersimpan dengan Nomor Agenda <b>3/2026</b>" in page.banner.text()
    assert page.selected_letter().id == surat.id
    assert page.count_label.text() == "3 surat"


def test_simpan_dan_baru_keeps_the_dialog_open_for_the_next_letter(qtbot, database) -> None:
    dialog = SuratMasukDialog(now=lambda: NOW)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.dari.setText(DUKCAPIL)
    dialog.nomor_surat.setText("470/1/2026")
    dialog.perihal.setPlainText(RAPAT)
    dialog.klasifikasi.setEditText("undangan")
    qtbot.keyClick(dialog.dari, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert dialog.isVisible()
    assert dialog.saved_banner.text().startswith("Tersimpan dengan Nomor Agenda <b>1/2026</b>")
    assert dialog.dari.text() == "" and dialog.perihal.toPlainText() == ""
    assert SuratMasuk.get().klasifikasi == "005"
    assert parse_klasifikasi("005 \u2014 Undangan") == "005"


def test_bad_input_shows_every_message_and_writes_nothing(qtbot, database) -> None:
    dialog = SuratMasukDialog(now=lambda: NOW)
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    dialog.nomor_surat.setText("470/1/2026")
    dialog.tanggal_surat.setDate(QDate(2026, 3, 10))
    dialog.tanggal_diterima.setDate(QDate(2026, 3, 8))
    dialog.perihal.setPlainText("x" * 600)
    qtbot.keyClick(dialog.perihal, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert SuratMasuk.select().count() == 0
    assert dialog.isVisible()
    assert dialog.error_text("dari") == "Asal surat (dari) wajib diisi."
    assert dialog.error_text("tanggal_surat") == ("Tanggal surat tidak boleh sesudah tanggal "
                                                  "diterima.")
    assert dialog.error_text("perihal").startswith("Perihal terlalu panjang (600 karakter")
    assert dialog.error_text("nomor_surat") == ""
    assert dialog.focusWidget() is dialog.dari
    assert not dialog.saved_banner.isVisible()
    dialog.dari.setText(DUKCAPIL)
    dialog.tanggal_surat.setDate(QDate(2026, 3, 6))
    dialog.perihal.setPlainText(RAPAT)
    assert dialog.save(close=False) is not None
    assert dialog.error_text("dari") == "" and SuratMasuk.select().count() == 1


def test_escape_asks_before_discarding_typed_text(qtbot, database, monkeypatch) -> None:
    answers: list[bool] = []
    asked: list[str] = []
    monkeypatch.setattr(register_forms, "confirm",
                        lambda _parent, title, *args: asked.append(title) or answers.pop(0))
    dialog = SuratMasukDialog()
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    qtbot.keyClicks(dialog.dari, "Bupati")
    answers.append(False)
    qtbot.keyClick(dialog.dari, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    answers.append(True)
    qtbot.keyClick(dialog.dari, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert asked == ["Buang isian?", "Buang isian?"]
    empty = SuratMasukDialog()
    qtbot.addWidget(empty)
    show_active(qtbot, empty)
    qtbot.keyClick(empty.dari, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not empty.isVisible()
    assert len(asked) == 2


def test_disposisi_dialog_writes_targets_and_instructions(qtbot, page: AgendaSuratMasukPage
                                                         ) -> None:
    surat = letter()
    page.open_letter(surat.id)
    dialog = page.write_disposisi()
    assert isinstance(dialog, DisposisiDialog)
    assert dialog.writer().jabatan == "Camat"
    camat = official("Camat")
    assert dialog.kepada_boxes[camat.id].isHidden()  # nobody writes to himself
    show_active(qtbot, dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.error_text("kepada") == "Pilih sedikitnya satu tujuan disposisi."
    assert dialog.error_text("instruksi").startswith("Centang sedikitnya satu instruksi")
    assert Disposisi.select().count() == 0
    kasi = official("Kasi Tata Pemerintahan")
    sekcam = official("Sekretaris Camat")
    dialog.kepada_boxes[sekcam.id].setChecked(True)
    dialog.kepada_boxes[kasi.id].setChecked(True)
    dialog.instruksi_boxes["Proses lebih lanjut"].setChecked(True)
    dialog.instruksi_boxes["Untuk dihadiri"].setChecked(True)
    dialog.catatan.setPlainText("Mohon dihadiri")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    written = Disposisi.get()
    assert written.dari_pejabat.jabatan == "Camat"
    assert written.instruksi.splitlines() == ["Proses lebih lanjut", "Untuk dihadiri"]
    assert {t.pejabat.jabatan for t in written.tujuan} == {"Sekretaris Camat",
                                                            "Kasi Tata Pemerintahan"}
    assert [d.surat_masuk.id for d in inbox("tata-pemerintahan")] == [surat.id]
    assert SuratMasuk.get_by_id(surat.id).status == MASUK_DIDISPOSISI
    assert page.detail.history_model.rowCount() == 1
    assert page.model.index(page.table.currentIndex().row(),
                            SuratMasukTableModel.COL_STATUS).data() == "Didisposisi"


def test_disposisi_continues_the_latest_one_sent_to_the_writer(qtbot, database) -> None:
    surat = letter()
    sekcam = official("Sekretaris Camat")
    first = tulis_disposisi(surat, official("Camat"), [sekcam], ["Proses lebih lanjut"],
                            now=NOW + dt.timedelta(hours=1))
    dialog = DisposisiDialog(surat, dari=sekcam, now=lambda: NOW + dt.timedelta(hours=2))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.writer().id == sekcam.id
    assert dialog.induk.currentData() == first.id
    dialog.dari.setCurrentIndex(dialog.dari.findData(official("Camat").id))
    assert dialog.induk.currentData() is None
    dialog.dari.setCurrentIndex(dialog.dari.findData(sekcam.id))
    dialog.kepada_boxes[official("Kasi Sosial Budaya").id].setChecked(True)
    dialog.instruksi_boxes["Siapkan jawaban"].setChecked(True)
    dialog.pakai_batas.setChecked(True)
    dialog.batas_waktu.setDate(QDate(2026, 3, 20))
    second = dialog.save()
    assert second is not None and second.induk_id == first.id
    assert second.batas_waktu == dt.date(2026, 3, 20)
    assert [d.id for d in inbox("sosbud")] == [second.id]


def test_batalkan_needs_a_reason_and_keeps_the_number(qtbot, page: AgendaSuratMasukPage
                                                     ) -> None:
    surat = letter()
    page.open_letter(surat.id)
    dialog = page.void_letter()
    assert isinstance(dialog, BatalkanDialog)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.error_text("alasan") == "Alasan pembatalan wajib diisi."
    assert SuratMasuk.get_by_id(surat.id).status != DIBATALKAN
    qtbot.keyClicks(dialog.alasan, "Surat tercatat dua kali")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    voided = SuratMasuk.get_by_id(surat.id)
    assert voided.status == DIBATALKAN and voided.batal_alasan == "Surat tercatat dua kali"
    assert (voided.tahun, voided.nomor_agenda) == (2026, 1)
    assert not page.batalkan_action.isEnabled() and not page.disposisi_action.isEnabled()
    row = page.table.currentIndex().row()
    assert page.model.index(row, 0).data() == "1/2026"
    assert page.model.index(row, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "Nomor agenda tetap tercatat" in page.detail.fields.toPlainText()
    assert letter().nomor_agenda == 2  # the voided number is never reused


def test_ekspedisi_dialog_defaults_and_sends(qtbot, page: AgendaSuratMasukPage) -> None:
    surat = letter()
    tulis_disposisi(surat, official("Camat"), [official("Kasi Tata Pemerintahan")],
                    ["Untuk dihadiri"], now=NOW + dt.timedelta(hours=1))
    page.open_letter(surat.id)
    dialog = page.send_letter()
    assert isinstance(dialog, EkspedisiDialog)
    assert dialog.uraian.text() == RAPAT
    assert dialog.kepada.text() == "Kasi Tata Pemerintahan"
    dialog.kepada.clear()
    dialog.save()
    assert dialog.error_text("kepada") == "Tujuan (kepada) wajib diisi."
    assert Ekspedisi.select().count() == 0
    dialog.kepada.setText("Kasi Tata Pemerintahan")
    dialog.save()
    entry = Ekspedisi.get()
    assert (entry.kepada, entry.surat_masuk_id) == ("Kasi Tata Pemerintahan", surat.id)
    assert SuratMasuk.get_by_id(surat.id).status == MASUK_DIKIRIM
    assert "Buku Ekspedisi nomor" in page.banner.text()


def test_progress_table_marks_a_late_step(qtbot, page: AgendaSuratMasukPage) -> None:
    surat = letter(now=NOW)
    sekcam = official("Sekretaris Camat")
    tulis_disposisi(surat, official("Camat"), [sekcam], ["Proses lebih lanjut"],
                    now=NOW + dt.timedelta(hours=1))
    tulis_disposisi(surat, sekcam, [official("Kasi Tata Pemerintahan")], ["Untuk dihadiri"],
                    now=NOW + dt.timedelta(hours=5))  # the SOP allows 15 minutes
    assert page.open_letter(surat.id)
    model = page.detail.progress_model
    rows = {model.index(r, ProgressTableModel.COL_NO).data(): r for r in range(model.rowCount())}
    late = rows["4"]
    assert model.index(late, ProgressTableModel.COL_KET).data() == "Terlambat"
    assert model.index(late, ProgressTableModel.COL_KEGIATAN).data(LATE_ROLE) is True
    assert model.index(late, 0).data(Qt.ItemDataRole.BackgroundRole) == LATE_BACKGROUND
    assert model.index(late, ProgressTableModel.COL_LAMA).data() == "4 jam"
    assert model.index(late, ProgressTableModel.COL_WAKTU).data() == "10 Maret 2026 14.00"
    assert model.index(rows["3"], ProgressTableModel.COL_KET).data() == ""
    assert model.index(rows["7"], ProgressTableModel.COL_WAKTU).data() == "Belum"
    assert page.detail.tabs.tabText(2) == "Kemajuan SOP (1 terlambat)"
    history = page.detail.history_model
    assert history.index(1, DisposisiHistoryModel.COL_DARI).data() == "Sekretaris Camat"
    assert history.index(1, DisposisiHistoryModel.COL_SELESAI).data() == "Belum selesai"


def test_attach_a_scan_and_open_it(qtbot, page: AgendaSuratMasukPage, tmp_path: Path,
                                   monkeypatch) -> None:
    surat = letter()
    page.open_letter(surat.id)
    assert not page.open_attachment_action.isEnabled()
    scan = tmp_path / "undangan.pdf"
    scan.write_bytes(b"%PDF-1.4\n% pindaian\n")
    monkeypatch.setattr(page, "choose_scan_file", lambda: scan)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    assert page.attach_scan()
    assert page.detail.attachments.count() == 1
    assert page.open_attachment_action.isEnabled()
    assert page.open_selected_attachment()
    assert Path(opened[0]).read_bytes() == scan.read_bytes()
    bad = tmp_path / "bukan.pdf"
    bad.write_bytes(b"hello")
    monkeypatch.setattr(page, "choose_scan_file", lambda: bad)
    assert not page.attach_scan()
    assert "bukan PDF yang sah" in page.banner.text()


def test_helpers_format_indonesian() -> None:
    assert format_count(1234) == "1.234"
    assert format_count(100000) == "100.000"


@pytest.mark.parametrize(("typed", "expected"), [
    ("4/1/2026", QDate(2026, 1, 4)), ("04/01/2026", QDate(2026, 1, 4)),
    ("04012026", QDate(2026, 1, 4)), ("28/2/2026", QDate(2026, 2, 28)),
    ("31-12-2025", QDate(2025, 12, 31)), ("7.8.2025", QDate(2025, 8, 7)),
])
def test_dates_typed_as_written_on_paper(qtbot, typed: str, expected: QDate) -> None:
    edit = date_edit(QDate(2026, 3, 15), TYPED_DATE_FORMAT)
    qtbot.addWidget(edit)
    edit.show()
    register_forms.focus_field(edit)
    qtbot.keyClicks(edit, typed)
    edit.interpretText()
    assert edit.date() == expected
