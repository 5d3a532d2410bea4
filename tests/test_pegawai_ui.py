"""The personnel and tracker pages: models pass qtmodeltester, the NIP is checked as typed,
overdue penjagaan rows are red, the cuti decision and the tracker steps work from the page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

import models
from jogoroto_desktop import session
from jogoroto_desktop.registers import kepegawaian as kp
from jogoroto_desktop.registers import pelacakan as pl
from ui.cuti_page import BukuCutiPage, CutiDialog, CutiModel
from ui.pegawai_page import PegawaiDialog, PegawaiModel, PegawaiPage
from ui.pelacakan_page import LangkahDialog, MulaiPelacakanDialog, PelacakanModel, PelacakanPage
from ui.pengantar_page import SuratPengantarDialog
from ui.penjagaan_page import LATE_BACKGROUND, PenjagaanModel, PenjagaanPage

TODAY = dt.date.today()
CAMAT_NIP = "19690814 199703 2 003"
STAF_NIP = "19850312 201001 1 002"


@pytest.fixture
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "ui.db")
    yield
    models.close_database()


def add(nip: str, nama: str, golongan: str = "III/a",
        tmt_pangkat: str | None = None) -> models.Pegawai:
    return kp.tambah_pegawai(kp.PegawaiInput(nip=nip, nama=nama, pangkat=golongan,
                                             jabatan="Staf", tmt_pangkat=tmt_pangkat))


def show(qtbot, widget, width: int = 1180, height: int = 640):  # noqa: ANN001, ANN201
    qtbot.addWidget(widget)
    widget.resize(width, height)
    with qtbot.waitExposed(widget):
        widget.show()
    return widget


def test_models_pass_qtmodeltester(qtmodeltester, database) -> None:  # noqa: ANN001
    add(CAMAT_NIP, "Camat", "IV/b", "2019-04-01")
    add(STAF_NIP, "Budi")
    pegawai = PegawaiModel()
    pegawai.refresh()
    qtmodeltester.check(pegawai)
    penjagaan = PenjagaanModel()
    penjagaan.set_items(kp.buku_penjagaan(bulan=600))
    assert penjagaan.rowCount() >= 2
    qtmodeltester.check(penjagaan)
    budi = kp.cari_pegawai(STAF_NIP)
    start = TODAY + dt.timedelta(days=30)
    while start.weekday() >= 5:
        start += dt.timedelta(days=1)
    kp.ajukan_cuti(kp.CutiInput(budi, "sakit", start, start))
    cuti = CutiModel()
    cuti.refresh()
    qtmodeltester.check(cuti)
    pl.buat_pelacakan("renja", "Renja 2030")
    runs = PelacakanModel()
    runs.set_items([pl.posisi(r) for r in pl.query_pelacakan()])
    qtmodeltester.check(runs)
    qtmodeltester.check(PegawaiModel())  # empty before refresh


def test_nip_is_checked_as_typed_and_saved(qtbot, database) -> None:  # noqa: ANN001
    page = show(qtbot, PegawaiPage())
    page.tambah()
    dialog = page.dialog
    assert isinstance(dialog, PegawaiDialog)
    qtbot.keyClicks(dialog.nip, "19690814 199703 2 00")
    assert "18 angka" in dialog.nip_info.text()
    qtbot.keyClicks(dialog.nip, "3")
    assert dialog.nip_info.text() == ("\u2713 Lahir 14 Agustus 1969, TMT CPNS Maret 1997, "
                                      "Perempuan")
    dialog.nama.setText("Dra. Contoh")
    dialog.jabatan.setText("Camat Jogoroto")
    dialog.pangkat.setCurrentIndex(kp.GOLONGAN.index("IV/b"))
    dialog.tmt_pangkat.setText("1 April 2019")
    dialog.save()
    assert dialog.result() == PegawaiDialog.DialogCode.Accepted
    stored = kp.cari_pegawai(CAMAT_NIP)
    assert (stored.golongan, stored.tmt_pangkat) == ("IV/b", dt.date(2019, 4, 1))
    assert page.model.rowCount() == 1
    assert page.model.index(0, PegawaiModel.COL_PENSIUN).data() == "1 September 2027"
    # A second one with a bad NIP: refused next to the field, nothing written.
    page.tambah()
    bad = page.dialog
    bad.nip.setText("19690814 199703 3 003")
    assert "ke-15" in bad.nip_info.text()
    bad.nama.setText("X")
    bad.jabatan.setText("Staf")
    bad.save()
    assert "ke-15" in bad.messages.message("nip")
    assert models.Pegawai.select().count() == 1
    bad.reject()


def test_deactivate_from_the_page(qtbot, database) -> None:  # noqa: ANN001
    add(STAF_NIP, "Budi")
    page = show(qtbot, PegawaiPage())
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.toggle_aktif("Pindah tugas")
    assert page.model.rowCount() == 0
    page.inactive.setChecked(True)
    assert page.model.index(0, PegawaiModel.COL_STATUS).data() == "Nonaktif"


def test_penjagaan_page_shows_overdue_in_red_and_prepares_the_pengantar(
        qtbot, database) -> None:  # noqa: ANN001
    add(CAMAT_NIP, "Camat", "IV/b", "2019-04-01")
    page = show(qtbot, PenjagaanPage(today=dt.date(2027, 1, 10)))
    first = page.model.index(0, PenjagaanModel.COL_STATUS)
    assert first.data() == "Terlambat"
    assert first.data(Qt.ItemDataRole.BackgroundRole) == LATE_BACKGROUND
    assert page.banner.text() == ("Buku Penjagaan: 1 berkas terlambat dikirim ke BKD, 1 berkas "
                                  "harus disiapkan dalam 3 bulan.")
    prepared: list[dict] = []
    page.pengantar_prepared.connect(prepared.append)
    data = page.siapkan_pengantar()
    assert prepared == [data] and data["kepada"].startswith("Kepala Badan Kepegawaian")
    dialog = page.dialog
    assert isinstance(dialog, SuratPengantarDialog)
    assert dialog.kepada.text() == data["kepada"] and dialog.sumber == data["sumber"]
    assert dialog.items.items()[0].jenis == data["items"][0]["jenis"]
    dialog.save()  # the clerk checks it and saves: numbered, tied to the entry, preview opens
    sp = dialog.surat
    assert sp is not None and sp.sumber == data["sumber"] and sp.nomor
    assert dialog.preview is not None
    dialog.preview.close()
    page.refresh()
    statuses = [page.model.index(r, PenjagaanModel.COL_STATUS).data()
                for r in range(page.model.rowCount())]
    # The overdue entry's pengantar is sent and its TMT has passed: it leaves the book.
    assert statuses == ["Segera siapkan berkas"]


def test_cuti_page_decision(qtbot, database, monkeypatch) -> None:  # noqa: ANN001
    add(STAF_NIP, "Budi")
    page = show(qtbot, BukuCutiPage())
    page.ajukan()
    dialog = page.dialog
    assert isinstance(dialog, CutiDialog)
    assert "Sisa cuti tahunan" in dialog.info.text()
    start = TODAY + dt.timedelta(days=21)
    while start.weekday() != 0:
        start += dt.timedelta(days=1)
    dialog.mulai.setDate(QDate(start.year, start.month, start.day))
    assert dialog.selesai.date() == dialog.mulai.date()  # the end follows the start
    end = start + dt.timedelta(days=2)
    dialog.selesai.setDate(QDate(end.year, end.month, end.day))
    assert dialog.info.text().startswith(f"{kp.hari_kerja(start, end)} hari kerja")
    dialog.save()
    assert page.model.rowCount() == 1
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.approve_button.isEnabled()
    assert "Budi" in page.sisa_label.text()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text, *a, **k: warnings.append(text))
    with session.acting_as(session.Actor("umum", "Kasubag", "kasubag_umum")):
        page.setujui()
    assert warnings and "tidak berwenang" in warnings[0]
    with session.acting_as(session.Actor("camat", "Camat", "camat")):
        page.tolak("Ada kegiatan kecamatan")
    assert page.model.index(0, CutiModel.COL_STATUS).data() == "Ditolak"
    assert "Ada kegiatan" in page.model.index(0, CutiModel.COL_KET).data()
    assert not page.approve_button.isEnabled()


def test_pelacakan_page_starts_and_advances(qtbot, database, tmp_path) -> None:  # noqa: ANN001
    page = show(qtbot, PelacakanPage(pl.SOP_PELACAKAN["sekretariat"]))
    assert "Belum ada pelacakan" in page.banner.text()
    page.mulai()
    dialog = page.dialog
    assert isinstance(dialog, MulaiPelacakanDialog)
    dialog.nama.setText("Renja 2030")
    dialog.save()
    assert page.model.rowCount() == 1
    assert page.model.index(0, PelacakanModel.COL_LANGKAH).data() == "1 dari 15"
    page.langkah_selesai()
    step = page.dialog
    assert isinstance(step, LangkahDialog)
    step.catatan.setText("Usulan seksi lengkap")
    step.save()
    assert page.model.index(0, PelacakanModel.COL_LANGKAH).data() == "2 dari 15"
    assert page.posisi_label.text().startswith("Renja 2030: langkah 2 dari 15, dipegang Kasubag")
    assert "standar langkah ini sampai" in page.posisi_label.text()
    assert page.steps_model.rowCount() == 15
    assert page.steps_model.index(0, 3).data() == "Seksi / Sekretariat"
    scan = tmp_path / "renja.pdf"
    scan.write_bytes(b"%PDF-1.4 draf")
    page.lampirkan(str(scan))
    assert page.berkas_label.text() == "Berkas: renja.pdf"
    page.batalkan("Salah tahun")
    assert page.model.index(0, PelacakanModel.COL_STATUS).data() == "Dibatalkan"
    assert not page.step_button.isEnabled()
