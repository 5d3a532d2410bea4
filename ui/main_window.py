"""The main window: menu bar, a search box, one tab per seksi, and the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QWidget,
)

from jogoroto_desktop import APP_NAME, __version__, session
from jogoroto_desktop.sop.catalog import SEKSI, Catalog
from jogoroto_desktop.storage.paths import data_dir
from ui.icons import icon
from ui.seksi_tab import SeksiTab

if TYPE_CHECKING:  # not at import: the domain's audit module loads the database layer
    from jogoroto_desktop import audit

SEARCH_DELAY_MS = 150
#: The longest text of the status bar's database label (the full text is its tooltip).
STATUS_TEXT_LIMIT = 36
#: The first window's size when the screen has room for it (Xvfb and most office PCs: not).
PREFERRED_SIZE = QSize(1280, 800)
#: Room for the title bar and borders the window manager adds around the window (Windows 10/11
#: at 100-150%: about 8 px a side and a 31-45 px title bar), unknown before the first show.
FRAME_ALLOWANCE = QSize(16, 48)


def fitted_geometry(available: QRect, current: QRect | None = None,
                    frame: QSize = FRAME_ALLOWANCE) -> QRect:
    """The window's geometry (without its frame) inside the screen's `available` geometry
    (the screen less the taskbar): `current` (a restored geometry) moved and shrunk as little
    as needed; when there is none, the preferred size centred, or all the room on a screen
    too small for it."""
    room = QSize(max(available.width() - frame.width(), 1),
                 max(available.height() - frame.height(), 1))
    if current is not None and current.isValid():
        size = current.size().boundedTo(room)
    elif PREFERRED_SIZE.boundedTo(room) == PREFERRED_SIZE:
        size = PREFERRED_SIZE
    else:  # a small screen (1366x768): all of it
        size = room
    inner = QRect(available.topLeft() + QPoint(frame.width() // 2, frame.height() - 8), room)
    if current is not None and current.isValid():
        top_left = current.topLeft()
    else:
        top_left = inner.topLeft() + QPoint((room.width() - size.width()) // 2,
                                             (room.height() - size.height()) // 2)
    x = min(max(top_left.x(), inner.left()), inner.left() + room.width() - size.width())
    y = min(max(top_left.y(), inner.top()), inner.top() + room.height() - size.height())
    return QRect(QPoint(x, y), size)


class MainWindow(QMainWindow):
    def __init__(
        self,
        catalog: Catalog,
        database_label: str,
        settings: QSettings,
        log_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.settings = settings
        self.database_label = database_label
        self.log_file = log_file
        self.desk: object | None = None  # the register pages (ui.desk.Desk), set by ui.app
        self.settings_dialog: QWidget | None = None
        self.setWindowTitle(f"{APP_NAME}: SOP Kecamatan Jogoroto")
        self.setObjectName("mainWindow")
        self.fit_to_screen()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("seksiTabs")
        self.seksi_tabs: list[SeksiTab] = []
        for seksi in SEKSI:
            tab = SeksiTab(seksi, catalog)
            self.seksi_tabs.append(tab)
            self.tabs.addTab(tab, seksi.name)
        self.setCentralWidget(self.tabs)

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText("Ketik kata apa saja, mis. legalisir, cuti, BKD")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(420)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.run_search)

        toolbar = QToolBar("Pencarian")
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        search_label = QLabel("  &Cari: ")
        search_label.setBuddy(self.search_box)
        toolbar.addWidget(search_label)
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)

        self.user_status = QLabel()
        self.user_status.setObjectName("userStatus")
        self.statusBar().addPermanentWidget(self.user_status)
        self.database_status = QLabel()
        self.database_status.setObjectName("databaseStatus")
        self.set_database_label(database_label)
        self.statusBar().addPermanentWidget(self.database_status)
        # Red while the audit trail does not verify, for those who may read the trail.
        self.audit_status = QLabel()
        self.audit_status.setObjectName("auditStatus")
        self.audit_status.setStyleSheet("color: #c00000; font-weight: bold;")
        self.audit_status.setVisible(False)
        self.statusBar().addPermanentWidget(self.audit_status)
        self.audit_state: audit.StatusRantai | None = None
        self.account_dialog: QWidget | None = None
        self._build_menus()
        self._build_account_menu()
        self.show_actor(None)
        self._restore_state()

    def _build_menus(self) -> None:
        # setShortcuts([...]), not setShortcut(...): the latter's overloads make PySide6 build
        # the whole `Qt` namespace (~35 ms) before the first paint (tests/test_startup_path.py).
        menu_file = self.menuBar().addMenu("&Berkas")
        open_data = QAction("Buka &folder data", self)
        open_data.triggered.connect(lambda: open_folder(data_dir()))
        menu_file.addAction(open_data)
        self.verify_action = QAction("&Verifikasi Dokumen…", self)
        self.verify_action.setShortcuts([QKeySequence("Ctrl+K")])
        menu_file.addAction(self.verify_action)
        # Backup, restore and the database connection (ui.backup_dialog, ui.database_dialog);
        # enabled once the database is open.
        self.backup_action = QAction("Cadangkan &Sekarang…", self)
        self.restore_action = QAction("P&ulihkan dari Cadangan…", self)
        self.database_action = QAction("&Basis Data…", self)
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(False)
            menu_file.addAction(action)
        menu_file.addAction(self.database_action)
        self.backup_controller: object | None = None
        self.import_action = QAction("&Impor Agenda Lama\u2026", self)
        menu_file.addAction(self.import_action)
        self.settings_action = QAction("&Pengaturan…", self)
        self.settings_action.setShortcuts([QKeySequence("Ctrl+,")])
        menu_file.addAction(self.settings_action)
        for action, name in ((open_data, "file-export"), (self.verify_action, "shield-check"),
                             (self.backup_action, "database-export"),
                             (self.import_action, "file-import"),
                             (self.settings_action, "settings")):
            action.setIcon(icon(name))  # read from the file when the menu is first shown
        menu_file.addSeparator()
        quit_action = QAction("&Keluar", self)
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        menu_file.addAction(quit_action)

        menu_view = self.menuBar().addMenu("&Tampilan")
        find_action = QAction("&Cari SOP", self)
        find_action.setShortcuts(QKeySequence.StandardKey.Find)
        find_action.triggered.connect(self.focus_search)
        menu_view.addAction(find_action)
        menu_view.addSeparator()
        for number, tab in enumerate(self.seksi_tabs, 1):
            action = QAction(f"&{number} {tab.title}", self)
            action.setShortcuts([QKeySequence(f"Alt+{number}")])
            action.triggered.connect(lambda _checked=False, t=tab: self.tabs.setCurrentWidget(t))
            menu_view.addAction(action)

        menu_help = self.menuBar().addMenu("B&antuan")
        about = QAction("&Tentang Jogoroto Desktop", self)
        about.triggered.connect(self.show_about)
        menu_help.addAction(about)
        if self.log_file is not None:
            log_action = QAction("Buka folder &catatan (log)", self)
            folder = self.log_file.parent
            log_action.triggered.connect(lambda: open_folder(folder))
            menu_help.addAction(log_action)

    def _build_account_menu(self) -> None:
        """Akun: the items each role may use; the services check the permissions again."""
        menu = self.menuBar().addMenu("A&kun")
        menu.setObjectName("menuAkun")
        self.password_action = QAction("&Ganti Sandi…", self)
        self.password_action.triggered.connect(self.open_password_dialog)
        self.users_action = QAction("Kelola &Pengguna…", self)
        self.users_action.triggered.connect(self.open_users_dialog)
        self.audit_action = QAction("&Jejak Audit…", self)
        self.audit_action.triggered.connect(self.open_audit_dialog)
        self.logout_action = QAction("&Keluar Akun", self)
        self.logout_action.setShortcuts([QKeySequence("Ctrl+Shift+L")])  # see _build_menus
        self.logout_action.triggered.connect(self.logout)
        for action in (self.password_action, self.users_action, self.audit_action):
            menu.addAction(action)
        for action, name in ((self.password_action, "shield-check"),
                             (self.users_action, "users"), (self.audit_action, "list-details"),
                             (self.logout_action, "logout")):
            action.setIcon(icon(name))
        menu.addSeparator()
        menu.addAction(self.logout_action)
        # Only the menu bar's own menus, in the order built (Berkas, Tampilan, Bantuan, Akun):
        # move Akun before Bantuan.
        actions = self.menuBar().actions()
        self.menuBar().insertAction(actions[-2], menu.menuAction())

    def show_actor(self, actor: session.Actor | None) -> None:
        """The person in the status bar, and the menu items their role may use."""
        real = actor is not None and actor is not session.SETUP_ADMIN
        if actor is None:
            self.user_status.setText("Belum masuk")
        else:
            role = session.ROLES.get(actor.peran, actor.peran)
            self.user_status.setText(f"{actor.label} ({role})")
        self.password_action.setVisible(real)
        self.logout_action.setVisible(real)
        self.users_action.setVisible(real and actor.may("pengguna.kelola"))
        self.audit_action.setVisible(actor is not None and actor.may("audit.lihat"))
        self.settings_action.setVisible(actor is not None and actor.may("pengaturan.ubah"))
        self.import_action.setVisible(actor is not None and actor.may("agenda.nomor"))
        # Manual backup and restore are admin-only (the domain refuses them too).
        self.backup_action.setVisible(actor is not None and actor.may("cadangan.buat"))
        self.restore_action.setVisible(actor is not None and actor.may("cadangan.pulihkan"))
        self._show_audit_warning(actor)
        for tab in self.seksi_tabs:
            tab.refresh_actions()

    def show_audit_state(self, state: audit.StatusRantai) -> None:
        """The latest check of the audit trail (ui.audit_watch)."""
        self.audit_state = state
        self._show_audit_warning(session.current_actor())

    def _show_audit_warning(self, actor: session.Actor | None) -> None:
        state = self.audit_state
        broken = state is not None and not state.ok
        shown = broken and actor is not None and actor.may("audit.lihat")
        self.audit_status.setText("\u26a0 Jejak audit tidak utuh" if shown else "")
        self.audit_status.setToolTip(state.pesan if shown and state else "")
        self.audit_status.setVisible(shown)

    def sign_in(self) -> bool:
        """Ask who is working (first-run admin, login, forced password change); False when
        the person closed the dialogs."""
        from ui.login_dialog import sign_in

        actor = sign_in(self, self.database_label)
        self.show_actor(actor)
        return actor is not None

    def logout(self) -> None:
        from jogoroto_desktop import accounts

        accounts.keluar()
        self.show_actor(None)
        if not self.sign_in():
            self.close()

    def _open_account_dialog(self, dialog: QWidget) -> None:
        from PySide6.QtCore import Qt  # not at import: see DISPLAY_ROLE in ui/item_models.py

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.account_dialog = dialog
        dialog.open()  # type: ignore[attr-defined]

    def open_password_dialog(self) -> None:
        from ui.password_dialog import ChangePasswordDialog

        actor = session.current_actor()
        if actor is not None:
            self._open_account_dialog(ChangePasswordDialog(actor.nama_pengguna, parent=self))

    def open_users_dialog(self) -> None:
        from ui.users_dialog import UsersDialog

        self._open_account_dialog(UsersDialog(self))

    def open_audit_dialog(self) -> None:
        from ui.audit_page import AuditDialog

        self._open_account_dialog(AuditDialog(self))

    def set_catalog(self, catalog: Catalog) -> None:
        """Show ``catalog`` (the database's SOPs in force, once it is open, or after a version
        was approved); nothing happens when it holds the SOPs already shown."""
        if list(catalog) == list(self.catalog):
            return
        self.catalog = catalog
        for tab in self.seksi_tabs:
            tab.set_catalog(catalog)
        self.run_search()

    def set_database_label(self, label: str) -> None:
        self.database_label = label
        self.database_status.setText(f"Basis data: {short_status(label)}")
        self.database_status.setToolTip(f"Basis data: {label}")

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt  # not at import: see DISPLAY_ROLE in ui/item_models.py

        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def run_search(self) -> None:
        """Filter every seksi tab; tab titles show their match counts, and when the current
        tab has none the first tab that has some is brought forward."""
        self._search_timer.stop()
        query = self.search_box.text().strip()
        counts = [tab.apply_filter(query) for tab in self.seksi_tabs]
        for index, (tab, count) in enumerate(zip(self.seksi_tabs, counts, strict=True)):
            self.tabs.setTabText(index, f"{tab.title} ({count})" if query else tab.title)
        if not query:
            self.statusBar().clearMessage()
            return
        total = sum(counts)
        if total == 0:
            self.statusBar().showMessage(f"Tidak ada SOP yang memuat \u201c{query}\u201d.")
            return
        self.statusBar().showMessage(f"{total} SOP memuat \u201c{query}\u201d.")
        if counts[self.tabs.currentIndex()] == 0:
            self.tabs.setCurrentIndex(next(i for i, c in enumerate(counts) if c))

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # not at start-up: its enums cost ~2 ms

        QMessageBox.about(self, "Tentang Jogoroto Desktop", about_text(
            self.catalog, self.database_label, self.log_file
        ))

    def fit_to_screen(self, restored: bool = False) -> None:
        """Fit the window (frame included) into its screen's available geometry; a `restored`
        geometry (from the settings, maybe saved on a larger screen) is kept where it fits."""
        if self.isMaximized() or self.isFullScreen():
            return
        available = self.screen().availableGeometry()
        self.setGeometry(fitted_geometry(available, self.geometry() if restored else None))

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
            self.fit_to_screen(restored=True)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(QByteArray(state))
        try:
            last_tab = int(self.settings.value("window/tab", 0))
        except (TypeError, ValueError):
            last_tab = 0
        if 0 <= last_tab < self.tabs.count():
            self.tabs.setCurrentIndex(last_tab)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)


class FittingLabel(QLabel):
    """A label with a long and a short wording: the long one where it fits whole, else the
    short one (never cut, never wrapped: a status bar keeps one line)."""

    def __init__(self, text: str, short: str, parent: QWidget | None = None) -> None:
        super().__init__(short, parent)
        self.long_text, self.short_text = text, short

    def _needed(self, text: str) -> int:
        margins = self.contentsMargins()
        return (self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right()
                + 2 * self.margin() + 16)  # the style sheet's padding

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._needed(self.short_text), super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._needed(self.long_text), super().sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        fits = event.size().width() >= self._needed(self.long_text)
        wanted = self.long_text if fits else self.short_text
        if self.text() != wanted:
            self.setText(wanted)
        super().resizeEvent(event)


def short_status(text: str, limit: int = STATUS_TEXT_LIMIT) -> str:
    """`text` shortened in its middle to `limit` characters (a database's long folder path),
    so the status bar keeps room for the DEMO notice on a scaled 1366x768 screen; the start
    and the file name stay."""
    if len(text) <= limit:
        return text
    tail = limit * 2 // 3
    return f"{text[:limit - tail - 1]}\u2026{text[-tail:]}"


def open_folder(folder: Path) -> None:
    """Open `folder` in the file manager (Explorer on the office PCs)."""
    from PySide6.QtCore import QUrl  # imported when used: keeps start-up short
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def about_text(catalog: Catalog, database_label: str, log_file: Path | None) -> str:
    detailed = sum(1 for sop in catalog if not sop.is_draft)
    lines = [
        f"<h3>{APP_NAME} {__version__}</h3>",
        "<p>Standar Operasional Prosedur (SOP) Kecamatan Jogoroto, Kabupaten Jombang, "
        "dalam satu program: katalog SOP per seksi, register surat dan layanan, "
        "serta formulir resmi.</p>",
        f"<p>Katalog: {len(catalog)} SOP ({detailed} rinci, {len(catalog) - detailed} "
        "belum dirinci), dari buku SOP tanggal 4 Januari 2022.</p>",
        f"<p>Basis data: {database_label}<br>Folder data: {data_dir()}</p>",
    ]
    if log_file is not None:
        lines.append(f"<p>Berkas catatan: {log_file}</p>")
    return "".join(lines)
