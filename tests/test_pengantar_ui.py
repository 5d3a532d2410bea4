"""The Surat Pengantar page: register model, the keyboard-driven entry form with its items
table, voiding, printing through the preview (audited) and scan-to-open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import models
from jogoroto_desktop import session
from jogoroto_desktop.qr import RecordRef, sign_payload
from jogoroto_desktop.qr_keys import signing_key
from jogoroto_desktop.registers.pengantar import (
    ItemInput,
    SuratPengantarInput,
    buat_surat_pengantar,
)
from jogoroto_desktop.registers.surat import DIBATALKAN
from ui.pengantar_page import (
    BatalkanPengantarDialog,
    SuratPengantarDialog,
    SuratPengantarModel,
    SuratPengantarPage,
)

TODAY = dt.date.today()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "p.db")
    yield
    models.close_database()


def _make(kepada: str = "Kepala BKPSDM Kabupaten Jombang", jenis: str = "Usulan pensiun"
          ) -> models.SuratPengantar:
    return buat_surat_pengantar(SuratPengantarInput(kepada, TODAY, [ItemInput(jenis,
                                                                              "1 berkas")]))


def _activate(qtbot, widget) -> None:  # noqa: ANN001
    """Make `widget`'s window the active one (keyboard shortcuts work only there)."""
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window())


def _page(qtbot) -> SuratPengantarPage:
    page = SuratPengantarPage()
    qtbot.addWidget(page)
    page.resize(1100, 700)
    with qtbot.waitExposed(page):
        page.show()
    _activate(qtbot, page)
    return page


def test_register_model_passes_the_model_tester(qtmodeltester, database) -> None:
    for name in ("Jogoroto", "Ngumpul", "Sumbermulyo", "Mayangan", "Tambakrejo"):
        _make(f"Kepala Desa {name}")
    model = SuratPengantarModel()
    model.refresh()
    assert model.rowCount() == 5
    assert model.index(0, SuratPengantarModel.COL_KEPADA).data() == "Kepala Desa Tambakrejo"
    assert model.index(0, SuratPengantarModel.COL_TTD).data() == "Camat"
    qtmodeltester.check(model)
    model.teks = "desa ngumpul"
    model.refresh()
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_new_surat_pengantar_typed_with_the_keyboard(qtbot, database) -> None:
    page = _page(qtbot)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.dialog
    assert isinstance(dialog, SuratPengantarDialog)
    _activate(qtbot, dialog)
    qtbot.keyClicks(dialog.kepada, "Kepala BKPSDM Kabupaten Jombang")
    qtbot.keyClick(dialog.kepada, Qt.Key.Key_Return)  # Enter moves on
    assert dialog.di.hasFocus()
    qtbot.keyClicks(dialog.di, "Jombang")
    dialog.items.setFocus()
    dialog.items.setCurrentCell(0, 0)
    table = dialog.items
    # Type cell after cell: Enter commits and moves on; after the last cell a row is added.

    def key(key: Qt.Key | str) -> None:  # each keystroke to whatever has the focus, as a person
        qtbot.keyClick(QApplication.focusWidget(), key)
        QApplication.processEvents()

    for text in ("Usulan kenaikan pangkat", "1 berkas", "Untuk diproses",
                 "Fotokopi SK pangkat", "2 lembar"):
        for char in text:
            key(char)
        key(Qt.Key.Key_Return)
    assert table.rowCount() == 2
    assert [i.jenis for i in table.items()] == ["Usulan kenaikan pangkat", "Fotokopi SK pangkat"]
    # The last row is complete enough; Tab in its last (empty) cell starts a third row.
    key(Qt.Key.Key_Tab)
    assert table.rowCount() == 3
    # The empty third row: Enter through it leaves the table without adding more.
    for _ in range(3):
        key(Qt.Key.Key_Return)
    assert table.rowCount() == 3
    assert QApplication.focusWidget() is dialog.add_row_button
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    sp = dialog.surat
    assert sp is not None and sp.di == "Jombang"
    assert sp.nomor == f"000/1/415.67/{TODAY.year}"
    assert [(i.jenis, i.banyaknya, i.keterangan) for i in sp.items.order_by(
        models.SuratPengantarItem.urutan)] == [
        ("Usulan kenaikan pangkat", "1 berkas", "Untuk diproses"),
        ("Fotokopi SK pangkat", "2 lembar", "")]
    qtbot.waitUntil(lambda: page.detail.values["Nomor"].text() == sp.nomor)
    assert sp.nomor in page.banner.text()
    assert page.detail.qr.payload == sign_payload(RecordRef("SP", TODAY.year, 1),
                                                  signing_key())


def test_problems_show_next_to_the_fields_and_nothing_is_written(qtbot, database) -> None:
    dialog = SuratPengantarDialog()
    qtbot.addWidget(dialog)
    dialog.items.item(0, 0).setText("Berkas tanpa jumlah")
    dialog.penandatangan.setCurrentIndex(dialog.penandatangan.findData("Sekretaris Camat"))
    dialog.save()
    assert dialog.surat is None and dialog.isVisible() is False or dialog.surat is None
    assert dialog.messages.message("kepada") == "Kepada (tujuan) wajib diisi."
    assert dialog.messages.message("items") == "Baris 1: Banyaknya wajib diisi."
    assert models.SuratPengantar.select().count() == 0
    dialog.kepada.setText("Kepala Dinas Sosial")
    dialog.items.item(0, 1).setText("1 berkas")
    dialog.items.remove_current_row() if dialog.items.rowCount() > 1 else None
    dialog.save()
    assert dialog.surat is not None
    assert dialog.surat.penandatangan.jabatan == "Sekretaris Camat"


def test_void_print_and_scan(qtbot, database, monkeypatch) -> None:
    first = _make("Kepala Dinas Sosial", "Proposal bantuan")
    second = _make()
    page = _page(qtbot)
    assert page.model.rowCount() == 2
    # Scanning the genuine code of the first one opens it; a forged one is refused.
    genuine = sign_payload(RecordRef("SP", first.tahun, first.urut), signing_key())
    page.search.setText("tidak ada")
    qtbot.wait(350)
    assert page.model.rowCount() == 0
    page.search.clear()
    qtbot.keyClicks(page.search, genuine)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.current_id() == first.id and page.search.text() == ""
    assert "Kode asli" in page.banner.text()
    forged = genuine[:-1] + ("B" if genuine.endswith("A") else "A")
    qtbot.keyClicks(page.search, forged)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "Kode tidak sah" in page.banner.text()
    assert page.current_id() == first.id
    masuk = sign_payload(RecordRef("SM", 2026, 1), signing_key())
    qtbot.keyClicks(page.search, masuk)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "tidak ada di basis data" in page.banner.text()

    # Print: preview of the selected one; saving a copy is audited.
    preview = page.cetak()
    assert preview is not None
    qtbot.waitUntil(preview.is_ready, timeout=20000)
    assert preview.document.pageCount() == 1
    assert preview.paper.currentData() == "A4"
    preview.paper.setCurrentIndex(preview.paper.findData("F4"))
    qtbot.waitUntil(preview.is_ready, timeout=20000)
    saved = preview.save_copy(str(Path(models.db.database).parent / "salinan.pdf"))
    assert saved is not None and saved.exists()
    row = models.Audit.get(models.Audit.aksi == "cetak")
    assert (row.tabel, row.rekaman_id, row.ringkasan) == (
        "surat_pengantar", first.id, "Cetak Surat Pengantar (F4)")
    preview.close()
    # the paper is remembered for the next print
    again = page.cetak()
    assert again is not None and again.paper.currentData() == "F4"
    again.close()

    # Voiding needs a reason, keeps the number.
    page.select_id(second.id)
    page.batalkan()
    dialog = page.dialog
    assert isinstance(dialog, BatalkanPengantarDialog)
    dialog.save()
    assert dialog.messages.message("alasan") == "Alasan pembatalan wajib diisi."
    dialog.alasan.setPlainText("Salah tujuan")
    dialog.save()
    fresh = models.SuratPengantar.get_by_id(second.id)
    assert fresh.status == DIBATALKAN and fresh.nomor == second.nomor
    assert "dibatalkan" in page.banner.text()
    assert not page.cancel_button.isEnabled()


def test_a_role_without_numbering_rights_is_told_so(qtbot, database) -> None:
    dialog = SuratPengantarDialog()
    qtbot.addWidget(dialog)
    dialog.kepada.setText("Kepala Dinas Sosial")
    dialog.items.item(0, 0).setText("Data")
    dialog.items.item(0, 1).setText("1 berkas")
    with session.acting_as(session.Actor("loket", "Loket", "petugas_loket")):
        dialog.save()
    assert dialog.surat is None
    assert "tidak berwenang" in dialog.messages.general.text()
