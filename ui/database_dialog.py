"""Berkas > Basis Data…: which database this PC works on (its own SQLite file or the office's
PostgreSQL server), "Tes koneksi" off the GUI thread, and how many automatic backups to keep.
Saved in this PC's komputer.ini; the password goes to the OS credential store, never to a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

import models
from jogoroto_desktop import session
from jogoroto_desktop.storage import backup, dbconfig
from jogoroto_desktop.storage.paths import default_database
from ui.operations import BackgroundOp, failure_text
from ui.registers.forms import form_layout

OK_STYLE = "background:#e3f6e5; border:1px solid #58a55c; padding:8px;"
BAD_STYLE = "background:#fde8e8; border:1px solid #c84141; padding:8px;"
NOTE_STYLE = "color:#555;"
# Errors whose message is written for the clerk; anything else is logged and named by its type.
EXPECTED_ERRORS: tuple[type[Exception], ...] = (backup.BackupError, models.DatabaseOpenError,
                                                session.PermissionDenied)


class DatabaseDialog(QDialog):
    def __init__(self, current_label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Basis Data")
        self.setObjectName("databaseDialog")
        self.resize(620, 560)
        self.config = dbconfig.load_config()
        self.task: BackgroundOp | None = None
        self.last_probe: dbconfig.ServerProbe | None = None
        store_ok, store_note = dbconfig.credential_store_status()

        now = QLabel(f"Sedang dipakai: {current_label}" if current_label else "")
        now.setWordWrap(True)
        self.local = QRadioButton(dbconfig.MODES[dbconfig.MODE_LOCAL])
        self.server = QRadioButton(dbconfig.MODES[dbconfig.MODE_SERVER])
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.local)
        self.modes.addButton(self.server)
        local_note = QLabel(f"Berkas: {default_database()}")
        local_note.setStyleSheet(NOTE_STYLE)
        local_note.setWordWrap(True)

        server = self.config.server
        self.host = QLineEdit(server.host)
        self.host.setPlaceholderText("mis. 192.168.1.10 atau server-kecamatan")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(server.port)
        self.database = QLineEdit(server.database)
        self.user = QLineEdit(server.user)
        self.password = QLineEdit(dbconfig.stored_password(server) or "")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox("Simpan kata sandi di penyimpanan kata sandi Windows")
        self.remember.setChecked(store_ok)
        self.remember.setEnabled(store_ok)
        store_label = QLabel(store_note)
        store_label.setObjectName("keyringNote")
        store_label.setWordWrap(True)
        store_label.setStyleSheet(NOTE_STYLE)
        form = form_layout()
        form.addRow("&Server:", self.host)
        form.addRow("&Port:", self.port)
        form.addRow("&Nama basis data:", self.database)
        form.addRow("Pen&gguna:", self.user)
        form.addRow("&Kata sandi:", self.password)
        form.addRow("", self.remember)
        form.addRow("", store_label)
        self.test_button = QPushButton("&Tes koneksi")
        self.test_button.clicked.connect(self.test_connection)
        self.prepare_button = QPushButton("Siapkan &basis data")
        self.prepare_button.setToolTip("Membuat atau memperbarui tabel di server ('db upgrade')")
        self.prepare_button.clicked.connect(self.prepare_server)
        self.prepare_button.hide()
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.test_button)
        buttons_row.addWidget(self.prepare_button)
        buttons_row.addStretch(1)
        self.message_label = QLabel()
        self.message_label.setObjectName("hasilTesKoneksi")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.server_box = QGroupBox("Server kantor")
        server_layout = QVBoxLayout(self.server_box)
        server_layout.addLayout(form)
        server_layout.addLayout(buttons_row)
        server_layout.addWidget(self.message_label)

        self.keep = QSpinBox()
        self.keep.setRange(1, dbconfig.MAX_KEEP_BACKUPS)
        self.keep.setValue(self.config.keep_backups)
        self.keep.setSuffix(" cadangan terakhir")
        backup_box = QGroupBox("Cadangan otomatis (sekali sehari dan saat program ditutup)")
        backup_form = form_layout()
        backup_box.setLayout(backup_form)
        backup_form.addRow("Simpan:", self.keep)
        folder = QLabel(str(backup.backup_folder()))
        folder.setWordWrap(True)
        folder.setStyleSheet(NOTE_STYLE)
        backup_form.addRow("Folder:", folder)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Simpan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Batal")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(now)
        layout.addWidget(self.local)
        layout.addWidget(local_note)
        layout.addWidget(self.server)
        layout.addWidget(self.server_box)
        layout.addWidget(backup_box)
        layout.addStretch(1)
        layout.addWidget(buttons)
        (self.server if self.config.mode == dbconfig.MODE_SERVER else self.local).setChecked(True)
        self.server.toggled.connect(self.server_box.setEnabled)
        self.server_box.setEnabled(self.server.isChecked())

    def server_config(self) -> dbconfig.ServerConfig:
        return dbconfig.ServerConfig(host=self.host.text().strip(), port=self.port.value(),
                                     database=self.database.text().strip(),
                                     user=self.user.text().strip())

    def _show(self, ok: bool, message: str) -> None:
        self.message_label.setText(message)
        self.message_label.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.message_label.show()

    def _run(self, message: str, work: Callable[[], object],
             done: Callable[[object], None]) -> None:
        self.test_button.setEnabled(False)
        self.prepare_button.setEnabled(False)
        self._show(True, message)

        def finish() -> None:
            self.test_button.setEnabled(True)
            self.prepare_button.setEnabled(True)
            self.task = None

        self.task = BackgroundOp(
            self, lambda _op: work(), expected=EXPECTED_ERRORS,
            success=lambda result: (finish(), done(result)),
            failure=lambda error: (finish(), self._show(False,
                                                        failure_text(error, EXPECTED_ERRORS))))
        self.task.start()

    def test_connection(self) -> None:
        """Connect once in the background; say plainly what is wrong, or that all is well."""
        server, password = self.server_config(), self.password.text()
        self._run(f"Menghubungi {server.host or '?'}:{server.port}…",
                  lambda: dbconfig.probe_server(server, password), self._probed)

    def _probed(self, probe: object) -> None:
        assert isinstance(probe, dbconfig.ServerProbe)
        self.last_probe = probe
        self._show(probe.ok, probe.message)
        self.prepare_button.setVisible(probe.ok and probe.needs_upgrade)

    def prepare_server(self) -> None:
        """Create or upgrade the schema on the server ('db upgrade'), admin only."""
        try:
            session.require("pengaturan.ubah")
        except session.PermissionDenied as exc:
            self._show(False, str(exc))
            return
        url = self.server_config().url(self.password.text())
        self._run("Menyiapkan basis data di server…",
                  lambda: models.upgrade_database(url), self._prepared)

    def _prepared(self, result: object) -> None:
        assert isinstance(result, models.UpgradeResult)
        self.prepare_button.hide()
        self._show(True, "\n".join(result.lines()))

    def save(self) -> None:
        try:
            session.require("pengaturan.ubah")
        except session.PermissionDenied as exc:
            QMessageBox.warning(self, "Basis Data", str(exc))
            return
        mode = dbconfig.MODE_SERVER if self.server.isChecked() else dbconfig.MODE_LOCAL
        server = self.server_config()
        if mode == dbconfig.MODE_SERVER:
            if not server.complete:
                self._show(False, "Isi nama server, port, nama basis data dan pengguna.")
                return
            password = self.password.text()
            if self.remember.isChecked() and password:
                try:
                    dbconfig.store_password(server, password)
                except dbconfig.CredentialStoreError as exc:
                    self._show(False, str(exc))
                    return
            elif password:
                dbconfig.remember_for_session(server, password)
        dbconfig.save_config(replace(self.config, mode=mode, server=server,
                                     keep_backups=self.keep.value()))
        QMessageBox.information(
            self, "Basis Data",
            "Pengaturan basis data PC ini disimpan. Perubahan sumber basis data berlaku "
            "setelah program ditutup dan dibuka lagi.")
        self.accept()

    def done(self, code: int) -> None:
        if self.task is not None and self.task.is_running():
            self.task.wait(15000)  # a connect times out after 5 s; never leave it dangling
        super().done(code)


def ask_server_password(server: dbconfig.ServerConfig, note: str,
                        parent: QWidget | None = None) -> str | None:
    """At start, when no password is stored for the configured server: ask (kept in memory)."""
    from PySide6.QtWidgets import QInputDialog

    text = f"Kata sandi untuk {server.label()}:"
    if note:
        text = f"{note}\n\n{text}"
    password, ok = QInputDialog.getText(parent, "Masuk ke server kantor", text,
                                        QLineEdit.EchoMode.Password)
    return password if ok and password else None
