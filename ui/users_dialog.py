"""Kelola Pengguna (admin): the accounts, a form for the selected one, a new account with a
temporary password, password reset, deactivation (accounts are never deleted)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import accounts, session
from jogoroto_desktop.pengaturan import daftar_pejabat
from jogoroto_desktop.session import ROLES, PermissionDenied
from jogoroto_desktop.validation import ValidationError
from models import Pengguna
from ui.item_models import format_waktu
from ui.registers.forms import FieldMessages, button_row, form_layout, name_window
from ui.registers.page import action_button
from ui.registers.table import pick_table

NO_PEJABAT = "(tidak mewakili jabatan)"


def state_text(user: Pengguna) -> str:
    if not user.aktif:
        return "Nonaktif"
    parts = ["Aktif"]
    if user.terkunci_sampai is not None:
        parts.append(f"terkunci s.d. {format_waktu(user.terkunci_sampai)}")
    if user.harus_ganti_sandi:
        parts.append("harus ganti sandi")
    return ", ".join(parts)


class UsersDialog(QDialog):
    """The list on the left, the selected account on the right.  Every change goes through
    :mod:`jogoroto_desktop.accounts`, which checks the admin permission again."""

    COLUMNS = ("Nama pengguna", "Nama", "Peran", "Keadaan")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        session.require("pengguna.kelola")
        name_window(self, "Kelola Pengguna", "kelolaPenggunaDialog", (1000, 520))
        self.users: list[Pengguna] = []
        self.shown_password = ""  # the last temporary password shown (for tests)

        self.table = pick_table("penggunaTable", self.COLUMNS)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 120)
        self.table.setColumnWidth(2, 150)
        self.table.setColumnWidth(3, 130)
        self.table.currentCellChanged.connect(lambda row, *_: self._load(row))

        self.nama_pengguna = QLineEdit()
        self.nama_pengguna.setObjectName("namaPengguna")
        self.nama_pengguna.setPlaceholderText("mis. siti.agendaris")
        self.nama = QLineEdit()
        self.nama.setObjectName("nama")
        self.peran = QComboBox()
        self.peran.setObjectName("peran")
        for role, label in ROLES.items():
            self.peran.addItem(label, role)
        self.pejabat = QComboBox()
        self.pejabat.setObjectName("pejabat")
        self.pejabat.setToolTip("Disposisi hanya bisa ditulis atas nama jabatan ini")
        self.pejabat.addItem(NO_PEJABAT, None)
        for official in daftar_pejabat():
            self.pejabat.addItem(official.jabatan, official.id)
        self.state = QLabel()
        self.state.setObjectName("keadaan")
        general = QLabel()
        general.hide()
        self.messages = FieldMessages(general)
        form = form_layout()
        form.addRow("Nama &pengguna:", self.messages.field("nama_pengguna", self.nama_pengguna))
        form.addRow("&Nama lengkap:", self.messages.field("nama", self.nama))
        form.addRow("P&eran:", self.messages.field("peran", self.peran))
        form.addRow("&Jabatan:", self.messages.field("pejabat", self.pejabat))
        form.addRow("Keadaan:", self.state)

        self.new_button = action_button("Akun &Baru", "akunBaru", self.start_new)
        self.save_button = action_button("&Simpan", "simpanPengguna", self.save)
        self.reset_button = action_button("Setel &Ulang Sandi\u2026", "setelUlangSandi",
                                          self.reset_password)
        self.active_button = action_button("Non&aktifkan", "nonaktifkanPengguna",
                                           self.toggle_active)
        close = QPushButton("&Tutup")
        close.clicked.connect(self.accept)

        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(general)
        right.addStretch(1)
        right.addLayout(button_row(self.reset_button, self.active_button, self.save_button))
        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addLayout(button_row(self.new_button, lead=QLabel(
            "Akun tidak pernah dihapus; nonaktifkan bila orangnya pindah.")))
        top.addLayout(left, 3)
        top.addSpacing(8)
        top.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(button_row(close))
        self.refresh()

    # list
    def refresh(self, select: str | None = None) -> None:
        self.users = accounts.daftar_pengguna()
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            for column, text in enumerate((user.nama_pengguna, user.nama,
                                           ROLES.get(user.peran, user.peran),
                                           state_text(user))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not user.aktif:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
        index = next((i for i, u in enumerate(self.users) if u.nama_pengguna == select), 0)
        self.table.setCurrentCell(index if self.users else -1, 0)
        self._load(self.table.currentRow())

    def current(self) -> Pengguna | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def _load(self, row: int) -> None:
        user = self.users[row] if 0 <= row < len(self.users) else None
        self.messages.clear()
        self.nama_pengguna.setReadOnly(True)
        self.nama_pengguna.setText(user.nama_pengguna if user else "")
        self.nama.setText(user.nama if user else "")
        self.peran.setCurrentIndex(max(self.peran.findData(user.peran if user else ""), 0))
        self.pejabat.setCurrentIndex(max(self.pejabat.findData(user.pejabat_id if user else None),
                                         0))
        self.state.setText(state_text(user) if user else "")
        for button in (self.reset_button, self.active_button, self.save_button):
            button.setEnabled(user is not None)
        self.active_button.setText("Non&aktifkan" if user is None or user.aktif else "&Aktifkan")

    # actions
    def start_new(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentCell(-1, 0)
        self.messages.clear()
        self.nama_pengguna.setReadOnly(False)
        self.nama_pengguna.clear()
        self.nama.clear()
        self.peran.setCurrentIndex(max(self.peran.findData("agendaris"), 0))
        self.pejabat.setCurrentIndex(0)
        self.state.setText("Akun baru (sandi sementara dibuat saat disimpan)")
        self.save_button.setEnabled(True)
        self.nama_pengguna.setFocus()

    def _show_password(self, user: str, password: str) -> None:
        self.shown_password = password
        box = QMessageBox(QMessageBox.Icon.Information, "Sandi Sementara",
                          f"Sandi sementara akun <b>{user}</b>:<br><br>"
                          f"<span style='font-size:16pt; font-family:monospace'>{password}</span>"
                          "<br><br>Berikan kepada pemilik akun. Ia wajib menggantinya saat "
                          "pertama masuk. Sandi ini tidak ditampilkan lagi.", parent=self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setObjectName("sandiSementara")
        box.open()
        self.password_box = box

    def save(self) -> bool:
        user = self.current()
        try:
            if user is None:
                password = accounts.sandi_awal_acak()
                created = accounts.buat_pengguna(self.nama_pengguna.text(), self.nama.text(),
                                                 self.peran.currentData(), password,
                                                 self.pejabat.currentData())
                self.refresh(created.nama_pengguna)
                self._show_password(created.nama_pengguna, password)
            else:
                accounts.ubah_peran(user, self.peran.currentData(), self.pejabat.currentData(),
                                    nama=self.nama.text())
                self.refresh(user.nama_pengguna)
        except (ValidationError, PermissionDenied) as exc:
            self.messages.show(exc.problems if isinstance(exc, ValidationError)
                               else {"umum": str(exc)})
            return False
        return True

    def reset_password(self) -> bool:
        user = self.current()
        if user is None:
            return False
        password = accounts.sandi_awal_acak()
        try:
            accounts.reset_sandi(user, password)
        except (ValidationError, PermissionDenied) as exc:
            self.messages.show(exc.problems if isinstance(exc, ValidationError)
                               else {"umum": str(exc)})
            return False
        self.refresh(user.nama_pengguna)
        self._show_password(user.nama_pengguna, password)
        return True

    def toggle_active(self) -> bool:
        user = self.current()
        if user is None:
            return False
        try:
            accounts.set_aktif(user, not user.aktif)
        except (ValidationError, PermissionDenied) as exc:
            self.messages.show(exc.problems if isinstance(exc, ValidationError)
                               else {"umum": str(exc)})
            return False
        self.refresh(user.nama_pengguna)
        return True
