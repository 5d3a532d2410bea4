"""Printing from the register pages: print buttons through the preview (paper remembered,
audited when printed or saved), the day's kartu kendali built off the GUI thread with a Cancel
that really stops it, scan-to-open on the Agenda Surat Keluar, and the QR code on screen read
back by zxing-cpp."""

from __future__ import annotations

import datetime as dt
import time

import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QPushButton

import models
from jogoroto_desktop import documents
from jogoroto_desktop.qr import RecordRef, sign_payload
from jogoroto_desktop.qr_keys import signing_key
from jogoroto_desktop.registers.surat_keluar import SuratKeluarInput, register_surat_keluar
from jogoroto_desktop.registers.surat_masuk import (
    SuratMasukInput,
    register_surat_masuk,
    void_surat_masuk,
)

DAY = dt.date.today() - dt.timedelta(days=1)



def _masuk(count: int, day: dt.date = DAY) -> list[models.SuratMasuk]:
    return [register_surat_masuk(SuratMasukInput(
        dari=f"Kepala Desa {index}", nomor_surat=f"140/{index}/2026", tanggal_surat=day,
        perihal=f"Laporan bulanan desa {index}", tanggal_diterima=day))
        for index in range(1, count + 1)]


def _keluar(day: dt.date = DAY) -> models.SuratKeluar:
    return register_surat_keluar(SuratKeluarInput(
        klasifikasi="005", kepada="Kepala Desa Jogoroto", perihal="Undangan Musrenbang",
        tanggal=day), langsung_diagendakan=True)


def _built(qtbot, preview):  # noqa: ANN001, ANN202
    """The preview once its PDF (built in the background) is shown."""
    qtbot.waitUntil(preview.is_ready, timeout=20000)
    return preview


def _decode(image: QImage) -> list[str]:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = bytes(image.constBits())[: image.bytesPerLine() * image.height()]
    pil = Image.frombuffer("RGB", (image.width(), image.height()), data, "raw", "RGB",
                           image.bytesPerLine(), 1)
    return [result.text for result in zxingcpp.read_barcodes(pil)]


def test_the_painted_qr_code_decodes_to_its_payload(qtbot, database) -> None:
    from ui.qr_widget import QrWidget

    payload = sign_payload(RecordRef("SP", 2026, 123), signing_key())
    widget = QrWidget(payload)
    qtbot.addWidget(widget)
    widget.resize(widget.sizeHint())
    widget.show()
    assert _decode(widget.grab().toImage()) == [payload]
    widget.resize(90, 90)  # smaller than preferred: whole pixels per module, still readable
    assert _decode(widget.grab().toImage()) == [payload]
    widget.set_payload("")
    assert not widget.isVisible()


def test_verify_dialog_shows_the_code_it_checked(qtbot, database) -> None:
    from ui.verify_dialog import VerifyDialog

    surat = _masuk(1)[0]
    payload = documents.payload_for("SM", surat.tahun, surat.nomor_agenda)
    dialog = VerifyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setText(payload.lower())  # scanners may lower-case it
    assert dialog.check()
    assert _decode(dialog.qr.grab().toImage()) == [payload]
    dialog.code.setText(payload[:-1] + ("B" if payload.endswith("A") else "A"))
    assert not dialog.check()
    assert not dialog.qr.isVisible()


def test_agenda_masuk_prints_disposisi_and_kartu(qtbot, database, tmp_path) -> None:
    from ui.agenda_page import AgendaSuratMasukPage

    surat = _masuk(1)[0]
    page = AgendaSuratMasukPage(tahun=DAY.year)
    qtbot.addWidget(page)
    page.show()
    page.open_letter(surat.id)
    assert _decode(page.detail.qr.grab().toImage()) == [
        documents.payload_for("SM", surat.tahun, surat.nomor_agenda)]
    assert page.buttons["Cetak Lembar Disposisi\u2026"].isEnabled()
    preview = page.print_disposisi()
    assert preview is not None and preview.paper.currentData() == "HALF_FOLIO"
    assert not preview.is_ready()  # built off the GUI thread, shown when ready
    assert _built(qtbot, preview).document.pageCount() == 1
    half_folio = preview.pdf_path
    preview.paper.setCurrentIndex(preview.paper.findData("A4"))
    assert not preview.is_ready() and not preview.save_button.isEnabled()
    assert _built(qtbot, preview).document.pageCount() == 1
    assert preview.pdf_path != half_folio
    assert not models.Audit.select().where(models.Audit.aksi == "cetak").exists()  # only seen
    preview.save_copy(str(tmp_path / "disposisi.pdf"))
    row = models.Audit.get(models.Audit.aksi == "cetak")
    assert (row.tabel, row.rekaman_id, row.ringkasan) == ("surat_masuk", surat.id,
                                                          "Cetak Lembar Disposisi (A4)")
    preview.close()
    again = page.print_disposisi()
    assert again is not None and again.paper.currentData() == "A4"  # remembered
    again.close()
    kartu = page.print_kartu()
    assert kartu is not None and kartu.paper.currentData() == "CARD"
    assert _built(qtbot, kartu).document.pageCount() == 3  # three copies
    kartu.close()


def test_agenda_keluar_prints_kartu_and_opens_scanned_codes(qtbot, database) -> None:
    from ui.keluar_page import AgendaSuratKeluarPage

    numbered = _keluar()
    konsep = register_surat_keluar(SuratKeluarInput(klasifikasi="005", kepada="Camat Diwek",
                                                    perihal="Konsep", tanggal=DAY))
    page = AgendaSuratKeluarPage()
    qtbot.addWidget(page)
    page.show()
    page.select_id(konsep.id)
    assert not page.print_kartu_button.isEnabled()  # no number yet, no card
    assert not page.detail.qr.isVisible()
    payload = documents.payload_for("SK", numbered.tahun, numbered.urut)
    qtbot.keyClicks(page.search, payload)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.current_id() == numbered.id and page.search.text() == ""
    assert "Kode asli" in page.banner.text()
    assert _decode(page.detail.qr.grab().toImage()) == [payload]
    forged = payload[:-1] + ("B" if payload.endswith("A") else "A")
    qtbot.keyClicks(page.search, forged)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert "Kode tidak sah" in page.banner.text() and page.current_id() == numbered.id
    assert page.print_kartu_button.isEnabled()
    preview = page.print_kartu()
    assert preview is not None and _built(qtbot, preview).document.pageCount() == 3
    preview.close()


def test_batch_of_the_day_builds_off_the_gui_thread(qtbot, database) -> None:
    from ui.batch_print import start_kartu_batch

    letters = _masuk(4)
    _masuk(1, DAY - dt.timedelta(days=1))  # another day: not printed
    void_surat_masuk(letters[1], "Salah catat")  # voided: not printed
    run = start_kartu_batch(_parent(qtbot), "masuk", DAY, "A4")
    assert run is not None
    with qtbot.waitSignal(run.done, timeout=20000) as blocker:
        pass
    preview = blocker.args[0]
    assert preview is not None and preview.document.pageCount() == 3  # one A4 sheet per card
    assert [r.id for r in run.records] == [letters[0].id, letters[2].id, letters[3].id]
    preview.print_button.setEnabled(True)
    preview.output_made.emit("A4")  # as after a successful print
    assert models.Audit.select().where(models.Audit.aksi == "cetak").count() == 3
    preview.close()


def _parent(qtbot):  # noqa: ANN202
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return parent


def test_cancel_really_stops_and_the_gui_stays_responsive(qtbot, database,
                                                          monkeypatch) -> None:
    from ui import batch_print

    _masuk(40)
    slow_card = documents.kartu_kendali_masuk
    built: list[int] = []

    def slow(surat: models.SuratMasuk, kop=None):  # noqa: ANN001, ANN202
        time.sleep(0.05)  # 40 letters: 2 s if it ran to the end
        built.append(surat.id)
        return slow_card(surat, kop)

    monkeypatch.setattr(documents, "kartu_kendali_masuk", slow)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    started = time.perf_counter()
    run = batch_print.start_kartu_batch(_parent(qtbot), "masuk", DAY, "CARD")
    assert run is not None
    target = run.target
    qtbot.waitUntil(lambda: len(built) >= 3, timeout=5000)
    assert len(ticks) >= 3  # the GUI thread kept running its timer meanwhile
    progress = run.op.progress_dialog
    assert progress is not None and progress.isVisible()
    batal = progress.findChild(QPushButton)
    assert batal is not None and batal.text() == "&Batal"
    with qtbot.waitSignal(run.done, timeout=5000) as blocker:
        qtbot.mouseClick(batal, Qt.MouseButton.LeftButton)
    elapsed = time.perf_counter() - started
    timer.stop()
    assert blocker.args == [None]
    assert run.preview is None and "dibatalkan" in run.message
    assert len(built) < 40 and elapsed < 1.8
    assert not target.exists()
    assert not run.op.is_running()
    assert not models.Audit.select().where(models.Audit.aksi == "cetak").exists()


def test_a_day_without_letters_says_so(qtbot, database, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui import batch_print

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, _title, text, *args: shown.append(text))
    run = batch_print.start_kartu_batch(_parent(qtbot), "keluar", DAY, "CARD")
    assert run is not None
    with qtbot.waitSignal(run.done, timeout=5000):
        pass
    assert shown == ["Tidak ada kartu kendali untuk dicetak."]
