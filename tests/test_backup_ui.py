"""The Berkas menu's backup and restore, the backup status, and the Basis Data dialog."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QMessageBox

import models
from jogoroto_desktop import session
from jogoroto_desktop.sop.catalog import default_catalog
from jogoroto_desktop.storage import backup, dbconfig
from tests.test_backup import damaged_copy, file_digest, fill_office, sqlite_checksums
from tests.test_registers_ui import Boxes
from ui.app import create_main_window
from ui.backup_dialog import BackupController, attach_backup, exit_backup
from ui.database_dialog import DatabaseDialog
from ui.main_window import MainWindow

WAIT_MS = 30_000


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    recorder = Boxes()
    for kind in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, recorder.make(kind))
    return recorder


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "kantor.db"
    models.open_database(path)
    fill_office()
    yield path
    models.close_database()


@pytest.fixture
def window(qtbot, office: Path) -> MainWindow:
    win = create_main_window(default_catalog(), models.describe_target(office))
    win.show_actor(session.current_actor())  # signed in (the setup admin), as after a login
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def wait_idle(qtbot, controller: BackupController) -> None:
    qtbot.waitUntil(lambda: controller.task is None, timeout=WAIT_MS)


def test_menu_actions_wait_for_the_database_then_back_up(qtbot, window: MainWindow,
                                                         office: Path, tmp_path: Path,
                                                         boxes: Boxes) -> None:
    assert not window.backup_action.isEnabled() and not window.restore_action.isEnabled()
    controller = attach_backup(window, str(office), window.settings, automatic=False)
    assert window.backup_action.isEnabled() and window.restore_action.isEnabled()
    assert controller.status_label.text() == "Cadangan terakhir: belum pernah"
    destination = tmp_path / "usb" / "cadangan-kantor"  # no suffix typed: .db is added
    controller.backup_now(destination)
    wait_idle(qtbot, controller)
    made = destination.with_name("cadangan-kantor.db")
    assert sqlite_checksums(made) == sqlite_checksums(office)
    assert boxes.texts("information") and str(made) in boxes.texts("information")[0]
    assert controller.status_label.text().startswith("Cadangan terakhir: ")
    assert "belum pernah" not in controller.status_label.text()
    window.grab().save(str(tmp_path / "jendela.png"))


def test_daily_automatic_backup_runs_in_the_background(qtbot, window: MainWindow,
                                                       office: Path) -> None:
    controller = attach_backup(window, str(office), window.settings)
    wait_idle(qtbot, controller)
    automatic = list(backup.backup_folder().glob("jogoroto-otomatis-*.db"))
    assert len(automatic) == 1
    assert controller.automatic_backup_if_due() is None  # one a day
    exit_backup(str(office))  # and one at every exit
    assert len(list(backup.backup_folder().glob("jogoroto-otomatis-*.db"))) == 2


def test_restore_from_the_menu_reopens_the_restored_database(qtbot, window: MainWindow,
                                                             office: Path, tmp_path: Path,
                                                             boxes: Boxes) -> None:
    saved = backup.make_backup(str(office), tmp_path / "cadangan.db").path
    fill_office(letters=3)  # work after the backup
    assert models.SuratMasuk.select().count() == 15
    refreshed: list[bool] = []
    controller = attach_backup(window, str(office), window.settings, automatic=False)
    controller.after_restore = lambda: refreshed.append(True)
    confirmed: list[backup.BackupInfo] = []
    controller.restore(saved, confirm=lambda info: confirmed.append(info) or True)
    qtbot.waitUntil(lambda: bool(refreshed), timeout=WAIT_MS)
    wait_idle(qtbot, controller)
    assert confirmed[0].counts["surat_masuk"] == 12
    # The GUI thread goes on with the restored data.
    assert models.SuratMasuk.select().count() == 12
    assert models.Audit.select().where(models.Audit.aksi == "pulihkan").count() == 1
    assert any("Salinan pengaman" in text for text in boxes.texts("information"))


def test_restore_cancelled_or_refused_changes_nothing(qtbot, window: MainWindow, office: Path,
                                                      tmp_path: Path, boxes: Boxes) -> None:
    saved = backup.make_backup(str(office), tmp_path / "cadangan.db").path
    controller = attach_backup(window, str(office), window.settings, automatic=False)
    models.close_database()
    digest = file_digest(office)
    models.open_database(office)
    # Not an admin: refused before any file is chosen.
    with session.acting_as(session.Actor("loket", "Loket", "petugas_loket")):
        assert controller.restore(saved) is None
    assert "tidak berwenang memulihkan" in boxes.texts("warning")[-1]
    # The clerk answers "Batal" in the confirmation.
    controller.restore(saved, confirm=lambda _info: False)
    wait_idle(qtbot, controller)
    # A damaged file: the check fails before anything is touched.
    controller.restore(damaged_copy(saved, tmp_path / "rusak.db"), confirm=lambda _i: True)
    wait_idle(qtbot, controller)
    assert "bukan cadangan Jogoroto yang utuh" in boxes.texts("warning")[-1]
    assert models.SuratMasuk.select().count() == 12  # still open and usable
    models.close_database()
    assert file_digest(office) == digest
    models.open_database(office)


def test_restore_refused_while_another_pc_uses_the_file_reopens_the_database(
        qtbot, window: MainWindow, office: Path, tmp_path: Path, boxes: Boxes) -> None:
    saved = backup.make_backup(str(office), tmp_path / "cadangan.db").path
    controller = attach_backup(window, str(office), window.settings, automatic=False)
    other_pc = sqlite3.connect(office)
    other_pc.execute("SELECT COUNT(*) FROM surat_masuk").fetchone()
    try:
        controller.restore(saved, confirm=lambda _i: True)
        qtbot.waitUntil(lambda: bool(boxes.texts("warning")), timeout=WAIT_MS)
        wait_idle(qtbot, controller)
    finally:
        other_pc.close()
    assert "sedang dipakai program lain" in boxes.texts("warning")[-1]
    assert models.SuratMasuk.select().count() == 12


# --- Basis Data dialog ---------------------------------------------------------------------------


@pytest.fixture
def no_store() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)
    dbconfig._typed_passwords.clear()


def test_database_dialog_says_when_no_credential_store_works_and_tests_off_thread(
        qtbot, no_store: None, tmp_path: Path, boxes: Boxes) -> None:
    dialog = DatabaseDialog("SQLite: /data/jogoroto.db")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.local.isChecked() and not dialog.server_box.isEnabled()
    assert not dialog.remember.isEnabled()
    assert "tidak tersedia" in dialog.findChild(type(dialog.message_label), "keyringNote").text()
    dialog.server.setChecked(True)
    assert dialog.server_box.isEnabled()
    dialog.host.setText("localhost")
    dialog.port.setValue(1)
    dialog.password.setText("rahasia")
    dialog.test_button.click()
    assert not dialog.test_button.isEnabled()  # busy while the connection is tried
    qtbot.waitUntil(lambda: dialog.task is None, timeout=WAIT_MS)
    assert "menolak sambungan di port 1" in dialog.message_label.text()
    dialog.grab().save(str(tmp_path / "basis-data.png"))
    dialog.save()
    config = dbconfig.load_config()
    assert config.mode == dbconfig.MODE_SERVER and config.server.host == "localhost"
    assert "rahasia" not in dbconfig.config_path().read_text(encoding="utf-8")
    # Not stored anywhere, but remembered for this session so the restart does not ask again.
    assert models.parse_postgres_url(dbconfig.configured_target(None)).password == "rahasia"


def test_database_dialog_is_admin_only_to_save(qtbot, boxes: Boxes) -> None:
    dialog = DatabaseDialog()
    qtbot.addWidget(dialog)
    dialog.keep.setValue(3)
    with session.acting_as(session.Actor("kasi", "Kasi", "kasi_tapem")):
        dialog.save()
    assert "tidak berwenang mengubah pengaturan" in boxes.texts("warning")[-1]
    assert dbconfig.load_config().keep_backups == dbconfig.DEFAULT_KEEP_BACKUPS
    dialog.save()
    assert dbconfig.load_config().keep_backups == 3


@pytest.mark.postgres
def test_database_dialog_prepares_an_empty_server(qtbot, pg_url: str, boxes: Boxes) -> None:
    target = models.parse_postgres_url(pg_url)
    dialog = DatabaseDialog()
    qtbot.addWidget(dialog)
    dialog.server.setChecked(True)
    dialog.host.setText(target.host or "localhost")
    dialog.port.setValue(target.port)
    dialog.database.setText(target.dbname)
    dialog.user.setText(target.user)
    dialog.password.setText(target.password)
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=WAIT_MS)
    assert "masih kosong" in dialog.message_label.text() and not dialog.prepare_button.isHidden()
    dialog.prepare_button.click()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=WAIT_MS)
    assert f"ke versi {models.SCHEMA_VERSION}" in dialog.message_label.text()
    assert models.check_database(pg_url).ok


def test_backup_and_restore_are_hidden_and_refused_for_non_admins(
        qtbot, window: MainWindow, office: Path, tmp_path: Path, boxes: Boxes) -> None:
    controller = attach_backup(window, str(office), window.settings, automatic=False)
    clerk = session.Actor("loket", "Loket", "petugas_loket")
    with session.acting_as(clerk):
        window.show_actor(clerk)
        assert not window.backup_action.isVisible() and not window.restore_action.isVisible()
        # Even when reached another way, nothing is asked and nothing written.
        assert controller.backup_now(tmp_path / "loket.db") is None
        assert "tidak berwenang" in boxes.texts("warning")[-1]
        assert not (tmp_path / "loket.db").exists()
    admin = session.Actor("admin", "Admin", "admin")
    with session.acting_as(admin):
        window.show_actor(admin)
        assert window.backup_action.isVisible() and window.restore_action.isVisible()


def test_after_a_restore_the_window_checks_the_audit_chain_at_once(
        qtbot, window: MainWindow, office: Path, tmp_path: Path, boxes: Boxes) -> None:
    from ui.audit_watch import attach_audit_watch

    saved = backup.make_backup(str(office), tmp_path / "cadangan.db").path
    watch = attach_audit_watch(window, str(office))
    try:
        qtbot.waitUntil(lambda: window.audit_state is not None, timeout=WAIT_MS)
        window.audit_state = None  # forget the start's check: the next one is the restore's
        controller = attach_backup(window, str(office), window.settings, automatic=False)
        controller.restore(saved, confirm=lambda _info: True)
        qtbot.waitUntil(lambda: window.audit_state is not None, timeout=WAIT_MS)
        wait_idle(qtbot, controller)
        assert window.audit_state.penuh and window.audit_state.ok
    finally:
        watch.timer.stop()
