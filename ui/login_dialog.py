"""Masuk: the login dialog, and the sign-in flow the window runs after the database opened
(first-run admin, login, forced password change) and again after "Keluar Akun"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from jogoroto_desktop import APP_NAME, accounts, session
from ui.password_dialog import ChangePasswordDialog, FirstAdminDialog, password_edit
from ui.registers.forms import form_layout, make_buttons, style_error_label


class LoginDialog(QDialog):
    """User name and password; ``login`` holds the result once accepted."""

    def __init__(self, database_label: str = "", parent: QWidget | None = None,
                 nama_pengguna: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Masuk \u2013 {APP_NAME}")
        self.setObjectName("loginDialog")
        self.setMinimumWidth(420)
        self.login: accounts.HasilMasuk | None = None
        self.password = ""
        heading = QLabel("<b>Kecamatan Jogoroto</b><br>Masuk dengan akun Anda.")
        heading.setTextFormat(Qt.TextFormat.RichText)
        self.nama = QLineEdit(nama_pengguna)
        self.nama.setObjectName("namaPengguna")
        self.nama.setPlaceholderText("mis. siti.agendaris")
        self.sandi = password_edit("sandi")
        self.error = QLabel()
        self.error.setObjectName("loginError")
        style_error_label(self.error)
        self.error.hide()
        form = form_layout()
        name_label = QLabel("&Nama pengguna:")
        name_label.setBuddy(self.nama)
        password_label = QLabel("&Sandi:")
        password_label.setBuddy(self.sandi)
        form.addRow(name_label, self.nama)
        form.addRow(password_label, self.sandi)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        if database_label:
            where = QLabel(f"Basis data: {database_label}")
            where.setObjectName("loginDatabase")
            where.setEnabled(False)
            layout.addWidget(where)
        layout.addLayout(make_buttons(self, "&Masuk", self.try_login,
                                      cancel_text="Tutup Program", ok_tip="Masuk (Enter)"))
        self.ok_button.setDefault(True)  # type: ignore[attr-defined]
        self.nama.returnPressed.connect(self.sandi.setFocus)
        (self.sandi if nama_pengguna else self.nama).setFocus()

    def try_login(self) -> bool:
        try:
            login = accounts.masuk(self.nama.text(), self.sandi.text())
        except accounts.LoginError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.sandi.clear()
            self.sandi.setFocus()
            return False
        self.login = login
        self.password = self.sandi.text()
        self.accept()
        return True


#: How the flow shows a dialog and learns whether it was accepted (tests replace it).
DialogRunner = Callable[[QDialog], bool]


def exec_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def sign_in(parent: QWidget | None, database_label: str = "",
            run: DialogRunner = exec_dialog) -> session.Actor | None:
    """Make someone the acting user: on a database without accounts the first-run dialog
    creates ``admin`` first; then the login (repeated until it succeeds or is closed), then
    the forced password change when the account needs one.  Returns the actor, or None when
    the person closed the dialogs (the program then ends)."""
    session.set_actor(None)
    if not accounts.ada_pengguna():
        first = FirstAdminDialog(parent)
        if not run(first):
            return None
        result = accounts.masuk(accounts.ADMIN, first.password)
        session.set_actor(result.actor)
        return result.actor
    name = ""
    while True:
        dialog = LoginDialog(database_label, parent, name)
        if not run(dialog) or dialog.login is None:
            return None
        login = dialog.login
        session.set_actor(login.actor)
        if not login.harus_ganti_sandi:
            return login.actor
        change = ChangePasswordDialog(login.actor.nama_pengguna, forced=True,
                                      sandi_lama=dialog.password, parent=parent)
        if run(change):
            return login.actor
        accounts.keluar()  # closed without a new password: back to the login
        name = login.actor.nama_pengguna
