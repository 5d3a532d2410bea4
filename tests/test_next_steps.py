"""After the first-run setup: the "Langkah berikutnya" panel (create the accounts, check the
kop, import the old agenda) opens each place, stays until the administrator closes it, and the
old agenda is imported from the window (checked first; all rows or none)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import models
from jogoroto_desktop import session, setup
from jogoroto_desktop.sop.catalog import default_catalog
from ui.app import create_main_window
from ui.import_agenda import ImportAgendaDialog
from ui.next_steps import NextStepsPanel, attach_next_steps
from ui.settings_dialog import PengaturanDialog
from ui.users_dialog import UsersDialog

pytestmark = pytest.mark.usefixtures("database")

AGENDARIS = session.Actor("siti", "Siti Aminah", "agendaris")
HEADER = ["No. Agenda", "Tgl Terima", "Asal Surat", "No. Surat", "Tgl Surat", "Perihal"]


def mark_set_up() -> None:
    models.set_setting(setup.SETUP_SETTING, "2026-12-06 09:00:00")


def write_agenda(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def test_the_next_steps_come_after_the_setup_for_the_administrator_only() -> None:
    admin = session.SETUP_ADMIN
    assert setup.next_steps_for(admin) == ()  # not set up yet
    mark_set_up()
    assert [step.key for step in setup.next_steps_for(admin)] == ["akun", "kop", "impor"]
    assert setup.next_steps_for(AGENDARIS) == ()
    assert setup.next_steps_for(None) == ()


def test_closing_the_panel_is_stored_once_for_the_office_and_audited() -> None:
    mark_set_up()
    with session.acting_as(AGENDARIS), pytest.raises(session.PermissionDenied):
        setup.close_next_steps()
    assert models.get_setting(setup.NEXT_STEPS_SETTING) is None  # nothing written
    setup.close_next_steps()
    assert models.get_setting(setup.NEXT_STEPS_SETTING)
    assert setup.next_steps_for(session.SETUP_ADMIN) == ()
    last = models.Audit.select().order_by(models.Audit.id.desc()).get()
    assert "langkah berikutnya" in last.ringkasan


def test_each_button_of_the_panel_opens_its_place_and_tutup_closes_it(qtbot) -> None:
    mark_set_up()
    window = create_main_window(default_catalog(), "uji")
    qtbot.addWidget(window)
    window.show_actor(session.SETUP_ADMIN)
    window.show()
    tabs = window.tabs
    panel = attach_next_steps(window)
    assert isinstance(panel, NextStepsPanel) and panel.isVisible()
    assert window.centralWidget().isAncestorOf(tabs)  # the desks stay, under the panel
    assert list(panel.buttons) == ["akun", "kop", "impor"]
    assert panel.buttons["akun"].text().replace("&", "") == "1. Buat akun pengguna\u2026"

    panel.buttons["akun"].click()
    assert isinstance(window.account_dialog, UsersDialog) and window.account_dialog.isVisible()
    window.account_dialog.reject()
    panel.buttons["kop"].click()
    settings = window.settings_dialog
    assert isinstance(settings, PengaturanDialog)
    assert settings.tabs.currentWidget() is settings.kop_tab
    settings.reject()
    panel.buttons["impor"].click()
    assert isinstance(window.settings_dialog, ImportAgendaDialog)
    window.settings_dialog.reject()

    panel.close_button.click()
    assert not panel.isVisible()
    assert attach_next_steps(window) is None  # not again, on this PC or another
    window.close()


def test_the_panel_does_not_show_before_the_setup_or_for_others(qtbot) -> None:
    window = create_main_window(default_catalog(), "uji")
    qtbot.addWidget(window)
    assert attach_next_steps(window) is None
    mark_set_up()
    with session.acting_as(AGENDARIS):
        assert attach_next_steps(window) is None


def test_the_old_agenda_is_checked_then_imported(qtbot, tmp_path: Path) -> None:
    dialog = ImportAgendaDialog()
    qtbot.addWidget(dialog)
    bad = write_agenda(tmp_path / "salah.csv", [
        ["1", "2026-01-05", "Bupati Jombang", "005/1/2026", "2026-01-04", "Undangan rapat"],
        ["2", "bukan tanggal", "Dinas Kesehatan", "440/2/2026", "2026-01-04", "Vaksinasi"],
    ])
    dialog.set_file(bad)
    assert not dialog.ok_button.isEnabled()
    task = dialog.run(dry_run=True)
    assert task is not None
    qtbot.waitUntil(lambda: dialog.check_button.isEnabled(), timeout=5000)
    assert "Baris 3" in dialog.report.toPlainText()  # the row in the file, and why
    assert not dialog.ok_button.isEnabled()
    assert dialog.run(dry_run=False) is None  # not without a clean check
    assert models.SuratMasuk.select().count() == 0

    good = write_agenda(tmp_path / "benar.csv", [
        ["1", "2026-01-05", "Bupati Jombang", "005/1/2026", "2026-01-04", "Undangan rapat"],
        ["2", "2026-01-06", "Dinas Kesehatan", "440/2/2026", "2026-01-05", "Vaksinasi"],
    ])
    dialog.set_file(good)
    dialog.run(dry_run=True)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled(), timeout=5000)
    assert models.SuratMasuk.select().count() == 0  # the check writes nothing
    with qtbot.waitSignal(dialog.imported, timeout=5000):
        dialog.ok_button.click()
    assert models.SuratMasuk.select().count() == 2
    assert "Diimpor 2 surat masuk" in dialog.report.toPlainText()
    QApplication.processEvents()
