"""The SOP versions in the catalog: the Versi tab of an SOP (every version with its status,
dates and who; any version opened read-only or printed), the "Ubah SOP" / "Buat revisi" act
that opens the editor on the right draft, and the "Pengesahan SOP" page listing the versions
waiting for the Sekretaris Camat or the Camat. Loaded when first used (the database layer is
not needed before)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import session
from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.sop import versions
from jogoroto_desktop.sop.pengesahan import giliran, menunggu_pengesahan
from jogoroto_desktop.sop.versions import SopVersi
from ui.item_models import DISPLAY_ROLE, ListTableModel, ModelIndex, bold_font, format_waktu
from ui.sop_approval import PengesahanDialog, print_versi
from ui.sop_edit_widgets import named_button
from ui.sop_editor import SopEditor

FONT_ROLE = Qt.ItemDataRole.FontRole


def _who_when(name: str | None, moment: Any) -> str:
    """ "Kasi Trantib, 6 Desember 2026 10.15" (the book's own version has a date only)."""
    if not name or not moment:
        return ""
    when = format_waktu(moment) if (moment.hour, moment.minute) != (0, 0) else format_tanggal(
        moment.date())
    return f"{name}, {when}"


class VersiTableModel(ListTableModel):
    """Versions of one SOP (or the waiting versions of all SOPs, with `with_name`)."""

    BASE_HEADERS = ("Versi", "Status", "Dibuat", "Diajukan", "Disahkan", "Tgl. Efektif",
                    "Catatan")

    def __init__(self, with_name: bool = False, parent: Any = None) -> None:
        super().__init__(parent)
        self.with_name = with_name
        self.HEADERS = (("SOP", *self.BASE_HEADERS) if with_name else self.BASE_HEADERS)
        self.actor: session.Actor | None = None

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not self._valid(index):
            return None
        item: SopVersi = self.rows[index.row()]
        column = index.column() - (1 if self.with_name else 0)
        if role == FONT_ROLE and (item.status == versions.BERLAKU
                                  or self.with_name and giliran(item, self.actor)):
            return bold_font()
        if role == Qt.ItemDataRole.ToolTipRole and self.with_name and giliran(item, self.actor):
            return "Menunggu tindakan Anda"
        if role != DISPLAY_ROLE:
            return None
        if column < 0:
            return item.sop.name
        return (
            str(item.versi),
            item.status_label + (" (diteruskan)" if item.diteruskan_pada
                                 and item.status == versions.DIAJUKAN else ""),
            _who_when(item.dibuat_oleh, item.dibuat_pada),
            _who_when(item.diajukan_oleh, item.diajukan_pada),
            _who_when(item.disahkan_oleh, item.disahkan_pada),
            format_tanggal(item.tanggal_efektif, empty="sejak buku SOP"
                           if item.status in (versions.BERLAKU, versions.DIGANTI) else ""),
            item.catatan,
        )[column]


def versi_table(model: VersiTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def open_versi(parent: QWidget, item: SopVersi, done: Callable[[str], None]) -> PengesahanDialog:
    """The version in the approval view: read-only, or with the acts of the signed-in user's
    role when it is submitted. `done(text)` runs after an act went through."""
    berlaku = versions.versi_berlaku(item.sop_id)
    dialog = PengesahanDialog(item, berlaku, session.current_actor(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.acted.connect(lambda: done(dialog.done_text))
    dialog.open()
    return dialog


def may_write(seksi: str) -> bool:
    return versions.boleh_menulis(session.current_actor(), seksi)


def edit_label(sop_id: str) -> str:
    """The catalog's act on an SOP: "Ubah SOP" for its open draft, "Lihat pengajuan" while
    it is submitted, "Buat revisi" otherwise."""
    draft = versions.draf_terbuka(sop_id)
    if draft is None:
        return "Buat &revisi\u2026"
    return "&Ubah SOP\u2026" if draft.status == versions.DRAF else "Lihat &pengajuan\u2026"


def open_editor(parent: QWidget, sop_id: str, done: Callable[[str], None]) -> QWidget | None:
    """The editor on the SOP's open draft, or on a new revision of the version in force (not
    stored until "Simpan draf"); a submitted version opens in the approval view instead.
    `done(text)` runs after each save and after the submission."""
    actor = session.current_actor()
    draft = versions.draf_terbuka(sop_id)
    if draft is not None and draft.status != versions.DRAF:
        return open_versi(parent, draft, done)
    if draft is not None:
        base, read = draft.sop, draft
        note = f" · Dikembalikan: {draft.catatan}" if draft.catatan else ""
        subtitle = f"Seksi {base.seksi_name} · Draf versi {draft.versi}{note}"
    else:
        in_force = versions.versi_berlaku(sop_id)
        if in_force is None:
            QMessageBox.warning(parent, "SOP tidak ditemukan",
                                f"SOP {sop_id} tidak ada di basis data.")
            return None
        base, read = in_force.sop, None
        subtitle = (f"Seksi {base.seksi_name} · Revisi baru dari versi {in_force.versi} yang "
                    "berlaku (belum disimpan)")
    state: dict[str, SopVersi | None] = {"read": read}

    def save(sop: Any) -> str:
        item = versions.simpan_draf(sop, actor, dibaca=state["read"])
        state["read"] = item
        editor.subtitle.setText(f"Seksi {sop.seksi_name} · Draf versi {item.versi}")
        text = f"Draf versi {item.versi} disimpan."
        done(text)
        return text

    def submit() -> str:
        item = versions.ajukan(sop_id, actor, dibaca=state["read"])
        text = f"Versi {item.versi} diajukan kepada Sekretaris Camat."
        done(text)
        return text

    # The checks of submission: the rules, and a Nomor SOP no other SOP in force has.
    editor = SopEditor(base, subtitle, save=save, submit=submit, stored=read is not None,
                       check=versions.masalah_pengajuan, parent=parent)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.open()
    return editor


class VersionsPane(QWidget):
    """The Versi tab of the SOP detail: the SOP's versions, newest first."""

    changed = Signal(str)  # a status text after an act on a version

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sop_id: str | None = None
        self.model = VersiTableModel(parent=self)
        self.table = versi_table(self.model, "versiTable")
        self.table.activated.connect(lambda _index: self.open_selected())
        self.open_button = named_button(
            "&Lihat versi\u2026", "lihatVersi", self.open_selected,
            "Buka versi terpilih: diagram alir dan perubahannya (Enter)")
        self.print_button = named_button("Ce&tak versi ini\u2026", "cetakVersi",
                                         self.print_selected, "Pratinjau lalu cetak versi ini")
        about = QLabel("Setiap perubahan SOP adalah versi baru; versi lama tidak pernah diubah "
                       "atau dihapus. Versi yang berlaku dicetak tebal.")
        about.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(about, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def show_sop(self, sop_id: str | None) -> None:
        self.sop_id = sop_id
        items = versions.daftar_versi(sop_id) if sop_id else []
        self.model.set_items(reversed(items))
        if items:
            self.table.selectRow(0)
        for button in (self.open_button, self.print_button):
            button.setEnabled(bool(items))

    def selected(self) -> SopVersi | None:
        index: QModelIndex = self.table.currentIndex()
        return self.model.item_at(index.row()) if index.isValid() else None

    def open_selected(self) -> PengesahanDialog | None:
        item = self.selected()
        if item is None:
            return None
        self.dialog = open_versi(self, item, self._acted)
        return self.dialog

    def print_selected(self) -> QWidget | None:
        item = self.selected()
        if item is None:
            return None
        self.preview = print_versi(self, item)
        return self.preview

    def _acted(self, text: str) -> None:
        self.show_sop(self.sop_id)
        self.changed.emit(text)


class PengesahanPage(QWidget):
    """"Pengesahan SOP": every submitted version, those waiting for the signed-in user's act
    in bold; Enter opens one in the approval view."""

    # A version was forwarded, returned or approved (a status text): the desk reads the
    # catalog in force and the other pages again.
    versions_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pengesahanPage")
        self.model = VersiTableModel(with_name=True, parent=self)
        self.table = versi_table(self.model, "menungguTable")
        self.table.activated.connect(lambda _index: self.open_selected())
        self.heading = QLabel()
        self.heading.setObjectName("pengesahanHeading")
        self.heading.setWordWrap(True)
        self.open_button = named_button(
            "&Buka\u2026", "bukaPengajuan", self.open_selected,
            "Lihat perubahannya lalu teruskan, kembalikan atau sahkan (Enter)")
        refresh = named_button("Se&garkan", "segarkan", self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.open_button)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)  # filled when shown (showEvent)

    def refresh(self) -> None:
        actor = session.current_actor()
        self.model.actor = actor
        items = menunggu_pengesahan()
        self.model.set_items(items)
        mine = sum(1 for item in items if giliran(item, actor))
        if not items:
            self.heading.setText("Tidak ada SOP yang menunggu pengesahan.")
        else:
            self.heading.setText(
                f"{len(items)} versi SOP diajukan; {mine} menunggu tindakan Anda (dicetak "
                "tebal). Sekretaris Camat meneruskan atau mengembalikan; Camat mengesahkan.")
        if items:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(items))

    def showEvent(self, event: Any) -> None:
        self.refresh()  # the signed-in user (whose turn) or another PC may have changed it
        super().showEvent(event)

    def open_selected(self) -> PengesahanDialog | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        self.dialog = open_versi(self, self.model.item_at(index.row()), self._acted)
        return self.dialog

    def _acted(self, text: str) -> None:
        self.refresh()
        self.versions_changed.emit(text)
