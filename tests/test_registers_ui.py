"""The register pages: Agenda Surat Keluar, Buku Ekspedisi, the seksi inbox and Pengaturan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

import models
from jogoroto_desktop import session
from jogoroto_desktop.pengaturan import simpan_kertas_bawaan
from jogoroto_desktop.registers.disposisi import inbox, tulis_disposisi
from jogoroto_desktop.registers.ekspedisi import kirim_ekspedisi
from jogoroto_desktop.registers.surat import DIBATALKAN, JENIS_KELUAR, progress
from jogoroto_desktop.registers.surat_keluar import (
    DEFAULT_TEMPLATE,
    TEMPLATE_SETTING,
    SuratKeluarInput,
    majukan_surat_keluar,
    register_surat_keluar,
    void_surat_keluar,
)
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
from jogoroto_desktop.validation import ValidationError
from models import Counter, Disposisi, Ekspedisi, Langkah, Pejabat, SuratKeluar, db
from ui.ekspedisi_page import (
    BukuEkspedisiPage,
    EkspedisiModel,
    KirimEkspedisiDialog,
    TerimaEkspedisiDialog,
)
from ui.inbox_page import InboxModel, InboxPage, TindakLanjutDialog
from ui.keluar_page import (
    AgendaSuratKeluarPage,
    BatalkanKeluarDialog,
    ProgressModel,
    SuratKeluarDialog,
    SuratKeluarModel,
)
from ui.progress_model import format_lama
from ui.registers.letters import parse_klasifikasi
from ui.settings_dialog import PengaturanDialog
from ui.words import BELUM

YEAR = dt.date.today().year
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "t.db")
    yield
    models.close_database()


class Boxes:
    """Records QMessageBox calls instead of showing blocking dialogs; questions get Yes."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes

    def make(self, kind: str):  # noqa: ANN201 - a stand-in for a static method
        def box(_parent, title, text, *_args, **_kwargs):  # noqa: ANN001, ANN202
            self.calls.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok
        return box

    def texts(self, kind: str) -> list[str]:
        return [text for k, _title, text in self.calls if k == kind]


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    recorder = Boxes()
    for kind in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, recorder.make(kind))
    return recorder


def plain(text: str) -> str:
    """A button text without its mnemonic marks."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def konsep(perihal: str = "Undangan rapat koordinasi", kode: str = "005") -> SuratKeluar:
    return register_surat_keluar(SuratKeluarInput(kode, "Kepala Desa Sumbermulyo", perihal,
                                                  pengolah="pmd", lampiran="1 berkas"))


def show(qtbot, widget, width: int = 1280, height: int = 760):  # noqa: ANN001, ANN201
    qtbot.addWidget(widget)
    widget.resize(width, height)
    with qtbot.waitExposed(widget):
        widget.show()
    activate(qtbot, widget)
    return widget


def activate(qtbot, widget) -> None:  # noqa: ANN001
    """Make `widget`'s window the active one (keyboard shortcuts work only there)."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())


def insert_letters(count: int) -> None:
    """`count` outgoing letters in one transaction (numbered ones and konsep)."""
    now = dt.datetime(YEAR, 1, 2, 8, 0)
    rows = []
    for i in range(count):
        numbered = i % 3 != 0
        rows.append(dict(
            tahun=YEAR, urut=i + 1 if numbered else None,
            nomor=f"005/{i + 1}/415.67/{YEAR}" if numbered else None, klasifikasi="005",
            tanggal=dt.date(YEAR, 1, 2), kepada=f"Kepala Desa nomor {i}",
            perihal=f"Perihal uji {i:05d}", sifat="biasa", pengolah="sekretariat", lampiran="",
            status="diagendakan" if numbered else "konsep", dibuat_oleh="Uji", dibuat_pada=now,
            diubah_pada=now, versi=1))
    with db.atomic():
        for start in range(0, count, 500):
            SuratKeluar.insert_many(rows[start:start + 500]).execute()


# --- item models -------------------------------------------------------------------------

def test_item_models_pass_the_model_tester(qtmodeltester, database) -> None:
    keluar, ekspedisi, steps, inbox_model = (SuratKeluarModel(), EkspedisiModel(),
                                             ProgressModel(), InboxModel())
    keluar.refresh()
    ekspedisi.refresh()
    inbox_model.set_rows([])
    for model in (keluar, ekspedisi, steps, inbox_model):
        qtmodeltester.check(model)

    surat = konsep()
    majukan_surat_keluar(surat, "Sekretaris Camat")
    void_surat_keluar(konsep("Surat yang dibatalkan"), "Salah ketik tujuan")
    for _ in range(2):
        majukan_surat_keluar(surat, "Camat")
    kirim_ekspedisi("Surat undangan", "Kepala Desa Sumbermulyo", surat_keluar=surat)
    kirim_ekspedisi("Berkas SPJ", "Kantor Kecamatan Diwek")
    masuk = register_surat_masuk(SuratMasukInput(
        "Polres Jombang", "B/12/XI/2026", dt.date.today(), "Pengamanan malam tahun baru"))
    camat = Pejabat.get(Pejabat.jabatan == "Camat")
    kasi = Pejabat.get(Pejabat.jabatan == "Kasi Ketentraman dan Ketertiban Umum")
    tulis_disposisi(masuk, camat, [kasi], ["Proses lebih lanjut"], "Siapkan Linmas",
                    batas_waktu=dt.date.today())
    keluar.refresh()
    ekspedisi.refresh()
    steps.set_steps(progress(JENIS_KELUAR, surat.id))
    inbox_model.set_rows(inbox("trantib"))
    assert (keluar.rowCount(), ekspedisi.rowCount(), steps.rowCount(),
            inbox_model.rowCount()) == (2, 2, 6, 1)
    for model in (keluar, ekspedisi, steps, inbox_model):
        qtmodeltester.check(model)


def test_lazy_loading_fetches_only_the_pages_shown(qtbot, qtmodeltester, database) -> None:
    insert_letters(5000)
    page = show(qtbot, AgendaSuratKeluarPage())
    model = page.model
    assert model.rowCount() == 5000
    assert page.count_label.text() == "5.000 surat"
    qtbot.waitUntil(lambda: model.pages_fetched >= 1)  # the view painted its first rows
    qtbot.wait(20)
    assert model.pages_fetched == 1 and model.loaded_pages == 1
    # newest first; the last row is the oldest letter, fetched as one more page
    assert model.index(0, SuratKeluarModel.COL_PERIHAL).data() == "Perihal uji 04999"
    assert model.index(4999, SuratKeluarModel.COL_PERIHAL).data() == "Perihal uji 00000"
    assert model.index(4999, SuratKeluarModel.COL_NOMOR).data() == ""  # a konsep
    assert model.index(4998, SuratKeluarModel.COL_NOMOR).data() == f"005/2/415.67/{YEAR}"
    assert model.pages_fetched == 2
    page.table.scrollToBottom()
    qtbot.wait(10)
    assert model.loaded_pages <= 4
    qtmodeltester.check(model)
    # jumping to a letter far down finds its row without loading the pages in between
    oldest = SuratKeluar.get(SuratKeluar.perihal == "Perihal uji 00100").id
    model.refresh()
    assert page.select_id(oldest)
    assert page.table.currentIndex().row() == 4899
    assert model.loaded_pages <= 2


def test_free_text_filter_waits_for_the_typing_to_stop(qtbot, database) -> None:
    insert_letters(600)
    page = show(qtbot, AgendaSuratKeluarPage())
    qtbot.keyClicks(page.search, "uji 0042")
    assert page.model.rowCount() == 600  # not yet: debounced
    matching = [42, *range(420, 430)]  # "Perihal uji 00042", "... 00420" to "... 00429"
    qtbot.waitUntil(lambda: page.model.rowCount() == len(matching), timeout=2000)
    page.status_filter.setCurrentIndex(page.status_filter.findData("konsep"))
    assert page.model.rowCount() == len([i for i in matching if i % 3 == 0])


def test_ekspedisi_model_is_lazy_too(qtbot, database) -> None:
    sent = dt.datetime(YEAR, 2, 1, 9, 0)
    with db.atomic():
        Ekspedisi.insert_many([dict(tahun=YEAR, nomor=i + 1, uraian=f"Berkas {i}",
                                    kepada="Desa Ngudirejo", dikirim_pada=sent,
                                    diterima_oleh="", diterima_pada=None)
                               for i in range(5000)]).execute()
    page = show(qtbot, BukuEkspedisiPage())
    assert page.model.rowCount() == 5000
    assert page.model.loaded_pages <= 2
    assert page.model.index(0, EkspedisiModel.COL_NO).data() == f"5000/{YEAR}"
    assert page.model.index(0, EkspedisiModel.COL_OLEH).data() == "belum diterima"


# --- Agenda Surat Keluar -----------------------------------------------------------------

# Typing into the Klasifikasi field opens its completer popup, which the offscreen platform
# can neither raise nor give the keyboard to.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")
def test_new_letter_through_the_dialog_with_the_keyboard(qtbot, boxes, database) -> None:
    page = show(qtbot, AgendaSuratKeluarPage())
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    dialog = page.dialog
    assert isinstance(dialog, SuratKeluarDialog) and dialog.isVisible()
    activate(qtbot, dialog)

    def typed(text: str, expected) -> None:  # noqa: ANN001
        focus = QApplication.focusWidget()
        assert focus is expected or focus is getattr(expected, "lineEdit", lambda: None)()
        if text:
            qtbot.keyClicks(focus, text)
        qtbot.keyClick(focus, Qt.Key.Key_Return)

    typed("005", dialog.klasifikasi)
    typed("Kepala Desa Sumbermulyo", dialog.kepada)
    typed("Undangan rapat koordinasi Musrenbang", dialog.perihal)
    typed("", dialog.sifat)
    typed("", dialog.pengolah)
    typed("1 berkas", dialog.lampiran)
    typed("", dialog.tanggal)
    assert QApplication.focusWidget() is dialog.langsung
    assert dialog.isVisible()  # Enter never saved on its own
    qtbot.keyClick(dialog.langsung, Qt.Key.Key_S, CTRL)

    assert dialog.result() == QDialog.DialogCode.Accepted
    surat = SuratKeluar.get()
    assert (surat.klasifikasi, surat.kepada, surat.perihal, surat.lampiran, surat.status,
            surat.nomor, surat.tanggal) == ("005", "Kepala Desa Sumbermulyo",
                                            "Undangan rapat koordinasi Musrenbang", "1 berkas",
                                            "konsep", None, dt.date.today())
    assert page.model.rowCount() == 1
    assert page.current_id() == surat.id
    assert page.model.index(0, SuratKeluarModel.COL_NOMOR).data() == ""
    assert page.model.index(0, SuratKeluarModel.COL_STATUS).data() == "Konsep"
    assert page.model.index(0, SuratKeluarModel.COL_PENGOLAH).data() == "Sekretariat"
    assert plain(page.next_button.text()).endswith("Paraf Sekcam")
    assert not boxes.texts("information")  # a konsep has no number to announce


def test_escape_closes_the_dialog_without_writing(qtbot, database) -> None:
    page = show(qtbot, AgendaSuratKeluarPage())
    page.surat_baru()
    dialog = page.dialog
    qtbot.keyClicks(dialog.perihal, "Tidak jadi")
    qtbot.keyClick(dialog.perihal, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert SuratKeluar.select().count() == 0


def test_signed_letter_is_numbered_at_once(qtbot, boxes, database) -> None:
    page = show(qtbot, AgendaSuratKeluarPage())
    page.surat_baru()
    dialog = page.dialog
    dialog.klasifikasi.setEditText("470 \u2014 Kependudukan")
    dialog.kepada.setText("Kepala Dispendukcapil Kabupaten Jombang")
    dialog.perihal.setText("Laporan perekaman KTP-el")
    dialog.langsung.setChecked(True)
    dialog.ok_button.click()
    assert SuratKeluar.get().nomor == f"470/1/415.67/{YEAR}"
    assert any(f"470/1/415.67/{YEAR}" in text for text in boxes.texts("information"))


def test_moving_a_letter_along_its_sop_numbers_it(qtbot, boxes, database) -> None:
    page = show(qtbot, AgendaSuratKeluarPage())
    surat = konsep()
    page.refresh()
    assert page.select_id(surat.id)
    labels = []
    for expected in ("paraf_sekcam", "ttd_camat", "diagendakan"):
        labels.append(plain(page.next_button.text()))
        assert page.next_button.isEnabled()
        page.next_button.click()
        assert SuratKeluar.get_by_id(surat.id).status == expected
    assert labels == ["Maju ke langkah berikutnya: Paraf Sekcam",
                      "Maju ke langkah berikutnya: Tanda tangan Camat",
                      "Maju ke langkah berikutnya: Agendakan & beri nomor"]
    nomor = f"005/1/415.67/{YEAR}"
    assert SuratKeluar.get_by_id(surat.id).nomor == nomor
    assert any(nomor in text for text in boxes.texts("information"))
    assert len(boxes.texts("question")) == 3
    assert page.model.index(0, SuratKeluarModel.COL_NOMOR).data() == nomor
    assert page.model.index(0, SuratKeluarModel.COL_STATUS).data() == "Diagendakan (bernomor)"
    assert not page.next_button.isEnabled() and page.send_button.isEnabled()

    recorded = [(s.langkah, s.oleh) for s in Langkah.select().where(
        (Langkah.jenis == JENIS_KELUAR) & (Langkah.rekaman_id == surat.id))
        .order_by(Langkah.id)]
    assert [step for step, _oleh in recorded] == [1, 2, 3, 4, 5]
    assert recorded[1][1] == "Sekretaris Camat" and recorded[4][1] == "Agendaris"
    progress = page.detail.progress_model
    assert progress.rowCount() == 6
    assert progress.index(1, ProgressModel.COL_OLEH).data() == "Sekretaris Camat"
    assert progress.index(5, ProgressModel.COL_WAKTU).data() == BELUM
    assert page.detail.values["Nomor"].text() == nomor

    # the next letter takes the next number
    second = konsep("Undangan kedua")
    page.refresh()
    page.select_id(second.id)
    for _ in range(3):
        page.next_button.click()
    assert SuratKeluar.get_by_id(second.id).nomor == f"005/2/415.67/{YEAR}"


def test_answering_no_changes_nothing(qtbot, boxes, database) -> None:
    page = show(qtbot, AgendaSuratKeluarPage())
    surat = konsep()
    page.refresh()
    page.select_id(surat.id)
    boxes.answer = QMessageBox.StandardButton.No
    page.next_button.click()
    assert SuratKeluar.get_by_id(surat.id).status == "konsep"


@pytest.mark.parametrize(
    ("field", "klasifikasi", "perihal", "expected"),
    [
        ("klasifikasi", "", "Undangan rapat", "wajib diisi"),
        ("klasifikasi", "999", "Undangan rapat", "\u201c999\u201d tidak ada"),
        ("perihal", "005", "p" * 600, "600 karakter"),
    ],
)
def test_bad_input_shows_messages_and_writes_nothing(
        qtbot, database, field: str, klasifikasi: str, perihal: str, expected: str) -> None:
    page = show(qtbot, AgendaSuratKeluarPage())
    page.surat_baru()
    dialog = page.dialog
    dialog.klasifikasi.setEditText(klasifikasi)
    dialog.kepada.setText("Kepala Desa Mojotengah")
    dialog.perihal.setText(perihal)
    dialog.langsung.setChecked(True)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.kepada, Qt.Key.Key_S, CTRL)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert expected in dialog.messages.message(field)
    assert dialog.messages.labels[field].isVisibleTo(dialog)
    assert not dialog.messages.message("kepada")
    assert "Periksa isian" in dialog.messages.general.text()
    assert SuratKeluar.select().count() == 0
    assert Langkah.select().count() == 0
    assert Counter.select().count() == 0


def test_every_problem_is_shown_at_once(qtbot, database) -> None:
    dialog = SuratKeluarDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()
    assert dialog.messages.message("klasifikasi")
    assert dialog.messages.message("kepada")
    assert dialog.messages.message("perihal")


def test_klasifikasi_is_read_from_what_was_typed() -> None:
    assert parse_klasifikasi("005 \u2014 Undangan") == "005"
    assert parse_klasifikasi(" 005 ") == "005"
    assert parse_klasifikasi("undangan") == "005"
    assert parse_klasifikasi("999") == "999"
    assert parse_klasifikasi("") == ""
    assert format_lama(dt.timedelta(seconds=20)) == "kurang dari 1 menit"
    assert format_lama(dt.timedelta(hours=3, minutes=5)) == "3 jam 5 menit"
    assert format_lama(dt.timedelta(days=2, hours=1, minutes=9)) == "2 hari 1 jam"


def test_late_steps_are_marked(qtbot, database) -> None:
    start = dt.datetime.now() - dt.timedelta(days=3)
    surat = register_surat_keluar(SuratKeluarInput("005", "Camat Diwek", "Undangan"), now=start)
    majukan_surat_keluar(surat, "Sekretaris Camat", now=start + dt.timedelta(hours=1))
    majukan_surat_keluar(surat, "Camat", now=start + dt.timedelta(hours=2))
    majukan_surat_keluar(surat, "Agendaris", now=start + dt.timedelta(hours=5))
    model = ProgressModel()
    model.set_steps(progress(JENIS_KELUAR, surat.id))
    lama = model.index(4, ProgressModel.COL_LAMA)
    assert lama.data() == "3 jam \u2014 Terlambat"  # the standard is 15 minutes
    assert lama.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, ProgressModel.COL_LAMA).data(Qt.ItemDataRole.BackgroundRole) is None


def test_cancelling_needs_a_reason_and_keeps_the_number(qtbot, boxes, database) -> None:
    surat = register_surat_keluar(SuratKeluarInput("005", "Kepala Desa Jogoroto", "Undangan"),
                                  langsung_diagendakan=True)
    page = show(qtbot, AgendaSuratKeluarPage())
    page.select_id(surat.id)
    page.cancel_button.click()
    dialog = page.dialog
    assert isinstance(dialog, BatalkanKeluarDialog)
    dialog.ok_button.click()
    assert "wajib" in dialog.messages.message("alasan")
    assert SuratKeluar.get_by_id(surat.id).status == "diagendakan"
    qtbot.keyClicks(dialog.alasan, "Acara ditunda sampai bulan depan")
    dialog.ok_button.click()
    stored = SuratKeluar.get_by_id(surat.id)
    assert (stored.status, stored.nomor, stored.batal_alasan) == (
        DIBATALKAN, f"005/1/415.67/{YEAR}", "Acara ditunda sampai bulan depan")
    assert page.model.index(0, SuratKeluarModel.COL_STATUS).data() == "Dibatalkan"
    assert not page.cancel_button.isEnabled() and not page.next_button.isEnabled()
    # the number is not issued again
    assert register_surat_keluar(SuratKeluarInput("005", "X", "Y"),
                                 langsung_diagendakan=True).nomor == f"005/2/415.67/{YEAR}"


def test_sending_a_numbered_letter_goes_through_the_ekspedisi(qtbot, boxes, database) -> None:
    surat = register_surat_keluar(SuratKeluarInput("005", "Kepala Desa Jogoroto", "Undangan"),
                                  langsung_diagendakan=True)
    page = show(qtbot, AgendaSuratKeluarPage())
    changed = []
    page.changed.connect(lambda: changed.append(True))
    page.select_id(surat.id)
    page.send_button.click()
    dialog = page.dialog
    assert isinstance(dialog, KirimEkspedisiDialog)
    assert dialog.kepada.text() == "Kepala Desa Jogoroto"
    assert f"005/1/415.67/{YEAR}" in dialog.uraian.text()
    dialog.ok_button.click()
    entry = Ekspedisi.get()
    assert entry.surat_keluar_id == surat.id and entry.nomor == 1
    assert SuratKeluar.get_by_id(surat.id).status == "dikirim"
    assert changed and "1/" in page.detail.values["Ekspedisi"].text()


# --- Buku Ekspedisi ----------------------------------------------------------------------

def test_receiving_a_delivery_requires_the_receivers_name(qtbot, database) -> None:
    sent = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=2)
    entry = kirim_ekspedisi("Undangan Musrenbang", "Kepala Desa Sumbermulyo",
                            dikirim_pada=sent)
    page = show(qtbot, BukuEkspedisiPage(), 1200, 500)
    assert page.model.index(0, EkspedisiModel.COL_NO).data() == f"1/{sent.year}"
    assert not page.receive_button.isEnabled()
    page.select_id(entry.id)
    assert page.receive_button.isEnabled()
    page.receive_button.click()
    dialog = page.dialog
    assert isinstance(dialog, TerimaEkspedisiDialog)
    dialog.ok_button.click()
    assert "wajib" in dialog.messages.message("diterima_oleh")
    assert Ekspedisi.get_by_id(entry.id).diterima_pada is None

    qtbot.keyClicks(dialog.penerima, "Sulastri")
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.penerima, Qt.Key.Key_S, CTRL)
    stored = Ekspedisi.get_by_id(entry.id)
    assert stored.diterima_oleh == "Sulastri" and stored.diterima_pada >= sent
    assert page.model.index(0, EkspedisiModel.COL_OLEH).data() == "Sulastri"
    assert not page.receive_button.isEnabled()


def test_receipt_before_sending_is_refused(qtbot, database) -> None:
    entry = kirim_ekspedisi("Berkas", "Desa Sukosari")
    dialog = TerimaEkspedisiDialog(entry)
    qtbot.addWidget(dialog)
    dialog.penerima.setText("Pak Kasun")
    dialog.pada.setDateTime(dialog.pada.dateTime().addDays(-2))
    dialog.save()
    assert "sebelum waktu dikirim" in dialog.messages.message("diterima_pada")


def test_delivery_without_a_letter(qtbot, database) -> None:
    page = show(qtbot, BukuEkspedisiPage(), 1200, 500)
    page.new_button.click()
    dialog = page.dialog
    assert isinstance(dialog, KirimEkspedisiDialog)
    dialog.ok_button.click()
    assert dialog.messages.message("uraian") and dialog.messages.message("kepada")
    assert Ekspedisi.select().count() == 0
    dialog.uraian.setText("Berkas SPJ bulan Oktober")
    dialog.kepada.setText("BPKAD Kabupaten Jombang")
    dialog.ok_button.click()
    assert page.model.rowCount() == 1
    assert page.model.index(0, EkspedisiModel.COL_SURAT).data() == ""
    page.search.setText("SPJ")
    qtbot.waitUntil(lambda: page.count_label.text() == "1 catatan", timeout=2000)
    page.search.setText("Musrenbang")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=2000)


# --- inbox -------------------------------------------------------------------------------

def test_inbox_shows_a_disposisi_until_it_is_followed_up(qtbot, database) -> None:
    masuk = register_surat_masuk(SuratMasukInput(
        "Polres Jombang", "B/1203/XI/2026", dt.date.today(), "Pengamanan malam tahun baru",
        sifat="segera"))
    camat = Pejabat.get(Pejabat.jabatan == "Camat")
    kasi = Pejabat.get(Pejabat.jabatan == "Kasi Ketentraman dan Ketertiban Umum")
    disposisi = tulis_disposisi(masuk, camat, [kasi], ["Proses lebih lanjut"],
                                "Siapkan personel Linmas", batas_waktu=dt.date.today())
    other = InboxPage("sosbud")
    qtbot.addWidget(other)
    other.refresh()
    assert other.model.rowCount() == 0 and other.count_open() == 0

    page = InboxPage("trantib")
    counts: list[int] = []
    page.open_count_changed.connect(counts.append)
    show(qtbot, page, 1280, 480)
    assert page.count_open() == 1 and counts[-1] == 1
    model = page.model
    assert model.rowCount() == 1
    row = {model.HEADERS[col]: model.index(0, col).data() for col in range(model.columnCount())}
    assert row["No. Agenda"] == f"1/{YEAR}"
    assert row["Dari (surat)"] == "Polres Jombang"
    assert row["Dari (pejabat)"] == "Camat"
    assert "Proses lebih lanjut" in row["Instruksi"] and "Linmas" in row["Instruksi"]
    assert row["Status"] == "Belum ditindaklanjuti"

    assert page.select_disposisi(disposisi.id)
    page.follow_button.click()
    dialog = page.dialog
    assert isinstance(dialog, TindakLanjutDialog)
    dialog.ok_button.click()
    assert "wajib" in dialog.messages.message("tindak_lanjut")
    assert not Disposisi.get_by_id(disposisi.id).selesai
    qtbot.keyClicks(dialog.teks, "Linmas disiagakan di 11 desa")
    dialog.ok_button.click()
    stored = Disposisi.get_by_id(disposisi.id)
    assert stored.selesai and stored.tindak_lanjut == "Linmas disiagakan di 11 desa"
    assert model.rowCount() == 0 and page.count_open() == 0 and counts[-1] == 0

    page.show_done.setChecked(True)
    assert model.rowCount() == 1
    assert model.index(0, InboxModel.COL_STATUS).data().startswith("Selesai")
    assert counts[-1] == 0


def test_overdue_disposisi_is_red(qtbot, database) -> None:
    past = dt.datetime.now() - dt.timedelta(days=5)
    masuk = register_surat_masuk(SuratMasukInput(
        "Dinas PMD", "140/5/2026", past.date(), "Monitoring dana desa"), now=past)
    camat = Pejabat.get(Pejabat.jabatan == "Camat")
    kasi = Pejabat.get(Pejabat.jabatan == "Kasi Pemberdayaan Masyarakat dan Desa")
    tulis_disposisi(masuk, camat, [kasi], ["Untuk dihadiri"],
                    batas_waktu=(past + dt.timedelta(days=1)).date(), now=past)
    page = InboxPage("pmd")
    qtbot.addWidget(page)
    page.refresh()
    batas = page.model.index(0, InboxModel.COL_BATAS)
    assert batas.data().endswith("(lewat)")
    assert batas.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "1 lewat batas waktu" in page.count_label.text()


# --- Pengaturan --------------------------------------------------------------------------

def test_settings_refuse_a_17_digit_nip(qtbot, database) -> None:
    dialog = show(qtbot, PengaturanDialog(), 1100, 580)
    tab = dialog.pejabat_tab
    row = next(i for i, d in enumerate(tab.drafts) if d.jabatan == "Sekretaris Camat")
    tab.select(row)
    qtbot.keyClicks(tab.nama, "Siti Rohmah, S.Sos.")
    qtbot.keyClicks(tab.nip, "19780312 200501 2 01")
    dialog.ok_button.click()
    assert not dialog.saved and dialog.isVisible()
    assert "18 angka" in tab.messages.message("nip")
    assert "17 angka" in tab.messages.message("nip")
    assert Pejabat.get(Pejabat.jabatan == "Sekretaris Camat").nama == ""

    tab.nip.clear()
    qtbot.keyClicks(tab.nip, "197803122005012014")
    qtbot.keyClick(tab.nip, Qt.Key.Key_Tab)
    assert tab.nip.text() == "19780312 200501 2 014"
    assert not tab.messages.message("nip")
    dialog.ok_button.click()
    assert dialog.saved
    stored = Pejabat.get(Pejabat.jabatan == "Sekretaris Camat")
    assert (stored.nama, stored.nip) == ("Siti Rohmah, S.Sos.", "19780312 200501 2 014")


def test_officials_are_deactivated_never_deleted(qtbot, database) -> None:
    dialog = PengaturanDialog()
    qtbot.addWidget(dialog)
    tab = dialog.pejabat_tab
    count = len(tab.drafts)
    tab.add()
    tab.jabatan.setText("Kasi Sosial Budaya")  # duplicate
    tab._store()
    dialog.save()
    assert "sudah ada" in tab.messages.message("jabatan")
    assert Pejabat.select().count() == count
    tab.jabatan.setText("Kasi Pelayanan")
    tab._store()
    tab.seksi.setCurrentIndex(tab.seksi.findData("sosbud"))
    tab.select(0)
    tab.aktif.setChecked(False)
    dialog.save()
    assert dialog.saved
    assert Pejabat.select().count() == count + 1
    assert not Pejabat.get(Pejabat.jabatan == "Camat").aktif
    assert Pejabat.get(Pejabat.jabatan == "Kasi Pelayanan").seksi == "sosbud"
    assert not any("hapus" in b.text().lower() for b in dialog.findChildren(type(tab.add_button)))


def test_settings_save_a_valid_numbering_template(qtbot, database) -> None:
    dialog = show(qtbot, PengaturanDialog(), 1100, 580)
    tab = dialog.penomoran_tab
    assert tab.template.text() == DEFAULT_TEMPLATE
    assert tab.preview.text() == f"005/1/415.67/{YEAR}"
    tab.template.setText("{kode}/415.67/{tahun}")
    assert "{urut}" in tab.messages.message("template")
    dialog.ok_button.click()
    assert not dialog.saved and dialog.tabs.currentWidget() is tab
    tab.template.setText("{kode}/{urut}/415.67")
    assert "{tahun}" in tab.messages.message("template")
    tab.template.setText("{kode}/{urut}/415.67/{tahun")
    assert tab.messages.message("template")
    tab.template.setText("{kode}/{urut}/415.67/{bulan}/{tahun}")
    month = dt.date.today().month
    assert tab.preview.text() == f"005/1/415.67/{month}/{YEAR}"
    assert not tab.messages.message("template")
    qtbot.keyClick(tab.template, Qt.Key.Key_S, CTRL)
    assert dialog.saved
    assert models.get_setting(TEMPLATE_SETTING) == "{kode}/{urut}/415.67/{bulan}/{tahun}"
    surat = register_surat_keluar(SuratKeluarInput("800", "BKPSDM", "Usul kenaikan pangkat"),
                                  langsung_diagendakan=True)
    assert surat.nomor == f"800/1/415.67/{month}/{YEAR}"


def test_settings_change_the_office_paper_that_forms_start_on(qtbot, database) -> None:
    from jogoroto_desktop import setup
    from ui.pdf_preview import office_paper

    assert office_paper(("A4", "F4")) == "A4"
    dialog = show(qtbot, PengaturanDialog(), 1100, 580)
    paper = dialog.penomoran_tab.kertas
    paper.setCurrentIndex(paper.findData("F4"))
    dialog.ok_button.click()
    assert dialog.saved and setup.default_paper() == "F4"
    row = models.Audit.get(models.Audit.ringkasan == "Kertas bawaan diubah")
    assert "F4" in row.perubahan
    # A form that comes on F4 starts there; one that does not keeps its own first paper.
    assert office_paper(("A4", "F4")) == "F4"
    assert office_paper(("HALF_FOLIO", "A4")) == "HALF_FOLIO"  # the disposisi keeps its own
    loket = session.Actor("loket", "Rina", "petugas_loket")
    with session.acting_as(loket), pytest.raises(session.PermissionDenied):
        simpan_kertas_bawaan("A4")
    with pytest.raises(ValidationError):
        simpan_kertas_bawaan("Letter")
    assert setup.default_paper() == "F4"
