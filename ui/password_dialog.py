"""Ganti Sandi: a user changes their own password (forced after the first login or a reset),
and the first-run dialog that gives the new ``admin`` account its password."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from jogoroto_desktop import accounts
from jogoroto_desktop.validation import ValidationError
from ui.registers.forms import EnterMovesOn, FieldMessages, form_layout, make_buttons

RULES_TEXT = (f"Sandi minimal {accounts.MIN_SANDI} karakter, memuat huruf dan angka, tidak "
              "memuat nama pengguna, dan bukan sandi yang mudah ditebak.")


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(accounts.MAX_SANDI)
    return edit


class _PasswordDialog(QDialog):
    """The frame both password dialogs share: an intro, a form ending in the new password
    (`new`) and its repeat (`repeat`, where Enter saves), red messages under the fields."""

    def __init__(self, parent: QWidget | None, *, title: str, name: str, width: int,
                 intro: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName(name)
        self.setMinimumWidth(width)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.new = password_edit("sandiBaru")
        self.repeat = password_edit("ulangiSandi")
        self.messages = FieldMessages()

    def _lay_out(self, rows: Sequence[tuple[str, str, QWidget]], ok_text: str,
                 cancel_text: str, first: QWidget) -> None:
        """`rows`: (label, field name, widget); a row without a field name shows no message.
        Enter moves on from `first` to the new password, then to its repeat."""
        form = form_layout()
        for text, name, widget in rows:
            form.addRow(text, self.messages.field(name, widget) if name else widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.messages.general)
        layout.addLayout(make_buttons(self, ok_text, self.save, cancel_text=cancel_text))
        self.enter = EnterMovesOn(self)
        self.enter.watch(first, self.new)
        self.repeat.returnPressed.connect(self.save)

    def save(self) -> bool:
        """Each dialog (first admin, change of password) writes the password its own way."""
        raise NotImplementedError(f"{type(self).__name__} must define save()")

    def _save_checked(self, not_repeated: str, write: Callable[[], object]) -> bool:
        """`write()` once the new password was typed the same twice; its problems (or
        `not_repeated`) show under the fields; accepted when written."""
        if self.new.text() != self.repeat.text():
            self.messages.show({"ulangi": not_repeated})
            return False
        try:
            write()
        except ValidationError as exc:
            self.messages.show(exc.problems)
            return False
        self.accept()
        return True


class ChangePasswordDialog(_PasswordDialog):
    """Change the password of ``nama_pengguna``.  ``sandi_lama`` given (right after a login
    that must change it) means the old password is not asked again."""

    def __init__(self, nama_pengguna: str, *, forced: bool = False,
                 sandi_lama: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, title="Ganti Sandi", name="gantiSandiDialog", width=480,
            intro=("Sandi Anda masih sandi sementara dari admin. Buat sandi sendiri sebelum "
                   "mulai bekerja.\n\n" if forced else "") + RULES_TEXT)
        self.nama_pengguna = nama_pengguna
        self.known_old = sandi_lama
        self.old = password_edit("sandiLama")
        old_row = [("Sandi &lama:", "sandi_lama", self.old)] if sandi_lama is None else []
        self._lay_out([*old_row,
                       ("Sandi &baru:", "sandi_baru", self.new),
                       ("&Ulangi sandi baru:", "ulangi", self.repeat)],
                      "&Simpan Sandi", "Keluar Akun" if forced else "Batal", self.old)

    def save(self) -> bool:
        old = self.known_old if self.known_old is not None else self.old.text()
        return self._save_checked(
            "Kedua sandi baru tidak sama.",
            lambda: accounts.ganti_sandi(self.nama_pengguna, old, self.new.text()))


class FirstAdminDialog(_PasswordDialog):
    """First run on a database without accounts: create ``admin`` with the password the person
    types here (twice).  That password is theirs from the start, so it is not forced to change
    again; other accounts get temporary passwords from this admin."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, title="Buat Akun Admin", name="adminAwalDialog", width=520,
            intro=("<b>Basis data ini belum punya akun pengguna.</b><br>Buat sandi untuk akun "
                   "<b>admin</b>. Admin mengelola pengguna dan pengaturan; simpan sandinya "
                   f"baik-baik. <br><br>{RULES_TEXT}"))
        self.password = ""
        self.nama = QLineEdit("Admin")
        self.nama.setObjectName("namaAdmin")
        self._lay_out([("Nama pengguna:", "", QLabel("<b>admin</b>")),
                       ("&Nama lengkap:", "nama", self.nama),
                       ("&Sandi:", "sandi", self.new),
                       ("&Ulangi sandi:", "ulangi", self.repeat)],
                      "&Buat Akun Admin", "Tutup Program", self.nama)
        self.new.setFocus()

    def save(self) -> bool:
        nama = " ".join(self.nama.text().split())
        if not nama:
            self.messages.show({"nama": "Nama lengkap wajib diisi."})
            return False

        def write() -> None:
            accounts.buat_admin_awal(self.new.text(), nama=nama)
            self.password = self.new.text()  # set before `accepted` is emitted

        return self._save_checked("Kedua sandi tidak sama.", write)
