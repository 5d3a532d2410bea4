"""Ganti Sandi: a user changes their own password (forced after the first login or a reset),
and the first-run dialog that gives the new ``admin`` account its password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from jogoroto_desktop import accounts
from jogoroto_desktop.validation import ValidationError
from ui.registers.forms import EnterMovesOn, FieldMessages, make_buttons

RULES_TEXT = (f"Sandi minimal {accounts.MIN_SANDI} karakter, memuat huruf dan angka, tidak "
              "memuat nama pengguna, dan bukan sandi yang mudah ditebak.")


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(accounts.MAX_SANDI)
    return edit


class ChangePasswordDialog(QDialog):
    """Change the password of ``nama_pengguna``.  ``sandi_lama`` given (right after a login
    that must change it) means the old password is not asked again."""

    def __init__(self, nama_pengguna: str, *, forced: bool = False,
                 sandi_lama: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nama_pengguna = nama_pengguna
        self.known_old = sandi_lama
        self.setWindowTitle("Ganti Sandi")
        self.setObjectName("gantiSandiDialog")
        self.setMinimumWidth(480)
        intro = QLabel(
            ("Sandi Anda masih sandi sementara dari admin. Buat sandi sendiri sebelum mulai "
             "bekerja.\n\n" if forced else "") + RULES_TEXT)
        intro.setWordWrap(True)
        self.old = password_edit("sandiLama")
        self.new = password_edit("sandiBaru")
        self.repeat = password_edit("ulangiSandi")
        general = QLabel()
        general.hide()
        self.messages = FieldMessages(general)
        form = QFormLayout()
        if sandi_lama is None:
            form.addRow("Sandi &lama:", self.messages.field("sandi_lama", self.old))
        form.addRow("Sandi &baru:", self.messages.field("sandi_baru", self.new))
        form.addRow("&Ulangi sandi baru:", self.messages.field("ulangi", self.repeat))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addLayout(make_buttons(self, "&Simpan Sandi", self.save,
                                      cancel_text="Keluar Akun" if forced else "Batal"))
        self.enter = EnterMovesOn(self)
        self.enter.watch(self.old, self.new)
        self.repeat.returnPressed.connect(self.save)

    def save(self) -> bool:
        if self.new.text() != self.repeat.text():
            self.messages.show({"ulangi": "Kedua sandi baru tidak sama."})
            return False
        old = self.known_old if self.known_old is not None else self.old.text()
        try:
            accounts.ganti_sandi(self.nama_pengguna, old, self.new.text())
        except ValidationError as exc:
            self.messages.show(exc.problems)
            return False
        self.accept()
        return True


class FirstAdminDialog(QDialog):
    """First run on a database without accounts: create ``admin`` with the password the person
    types here (twice).  That password is theirs from the start, so it is not forced to change
    again; other accounts get temporary passwords from this admin."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Buat Akun Admin")
        self.setObjectName("adminAwalDialog")
        self.setMinimumWidth(520)
        self.password = ""
        intro = QLabel(
            "<b>Basis data ini belum punya akun pengguna.</b><br>Buat sandi untuk akun "
            "<b>admin</b>. Admin mengelola pengguna dan pengaturan; simpan sandinya baik-baik. "
            f"<br><br>{RULES_TEXT}")
        intro.setWordWrap(True)
        self.nama = QLineEdit("Admin")
        self.nama.setObjectName("namaAdmin")
        self.new = password_edit("sandiBaru")
        self.repeat = password_edit("ulangiSandi")
        general = QLabel()
        general.hide()
        self.messages = FieldMessages(general)
        form = QFormLayout()
        form.addRow("Nama pengguna:", QLabel("<b>admin</b>"))
        form.addRow("&Nama lengkap:", self.messages.field("nama", self.nama))
        form.addRow("&Sandi:", self.messages.field("sandi", self.new))
        form.addRow("&Ulangi sandi:", self.messages.field("ulangi", self.repeat))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addLayout(make_buttons(self, "&Buat Akun Admin", self.save,
                                      cancel_text="Tutup Program"))
        self.enter = EnterMovesOn(self)
        self.enter.watch(self.nama, self.new)
        self.repeat.returnPressed.connect(self.save)
        self.new.setFocus()

    def save(self) -> bool:
        if not " ".join(self.nama.text().split()):
            self.messages.show({"nama": "Nama lengkap wajib diisi."})
            return False
        if self.new.text() != self.repeat.text():
            self.messages.show({"ulangi": "Kedua sandi tidak sama."})
            return False
        try:
            accounts.buat_admin_awal(self.new.text(), nama=" ".join(self.nama.text().split()))
        except ValidationError as exc:
            self.messages.show(exc.problems)
            return False
        self.password = self.new.text()
        self.accept()
        return True
