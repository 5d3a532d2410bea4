"""The SOP editor: one draft version of an SOP, every identitas field, the pelaksana columns and
the steps, with the live flowchart beside them drawn by the catalog's own layout and scene.

Every edit goes through jogoroto_desktop.sop.editing (a new frozen Sop each time); shortly
after, the checks (jogoroto_desktop.sop.checks.periksa_sop) run and the flowchart is laid out
again. Each problem is shown next to its field (the steps table tints the row and the field at
fault, with the reason as the tooltip) and in the list of problems below, which jumps to the
field. "Simpan draf" saves whatever is there; "Ajukan" is only possible without problems.
Closing with unsaved changes asks first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.sop import editing
from jogoroto_desktop.sop.catalog import IDENTITAS_LABELS, IDENTITAS_LIST_FIELDS, Problem, Sop
from jogoroto_desktop.sop.layanan_katalog import LAYANAN_SOPS
from jogoroto_desktop.validation import ValidationError
from ui.flowchart_view import FlowchartPanel
from ui.registers.forms import FormDialog, name_window, style_error_label
from ui.sop_edit_widgets import (
    StepDelegate,
    StepEditModel,
    TextListEditor,
    fit_window,
    named_button,
    shortcut_action,
    tool_button,
)

CHECK_DELAY_MS = 150  # checks and the flowchart follow typing this much later
STEP_LABELS = dict(zip(StepEditModel.COLUMNS, StepEditModel.HEADERS, strict=True))
TAB_IDENTITAS, TAB_PELAKSANA, TAB_LANGKAH = 0, 1, 2
_STEP_FIELD = re.compile(r"^langkah (\d+)(?:: (\w+))?$")
_ITEM_FIELD = re.compile(r"^(\w+) (\d+)$")
_COLUMN_WIDTHS = {"kegiatan": 230, "pelaksana": 125, "symbol": 95, "ya": 34, "tidak": 42,
                  "kelengkapan": 110, "waktu": 75, "output": 110, "keterangan": 110}


@dataclass(frozen=True)
class Place:
    """Where a problem's field is in the editor: its tab, the field name of its widget, and the
    row (item or step, from 0) and step column when it is one of those."""

    tab: int
    widget: str
    row: int | None = None
    column: str | None = None


def place_of(field: str) -> Place | None:
    """The editor's place for a checks field name ("langkah 3: pelaksana", "dasar_hukum 2",
    "actors", "nomor"); None for a field the editor does not show (it goes in the list only)."""
    if found := _STEP_FIELD.match(field):
        return Place(TAB_LANGKAH, "steps", int(found.group(1)) - 1, found.group(2))
    name, row = field, None
    if found := _ITEM_FIELD.match(field):
        name, row = found.group(1), int(found.group(2)) - 1
    if name == "nomor":
        return Place(TAB_IDENTITAS, "nomor")
    if name in IDENTITAS_LIST_FIELDS:
        return Place(TAB_IDENTITAS, name, row)
    if name == "actors":
        return Place(TAB_PELAKSANA, "actors", row)
    if name == "steps":
        return Place(TAB_LANGKAH, "steps")
    return None


def field_label(field: str) -> str:
    """How a problem's field is named in the list: "Langkah 3, Pelaksana", "Dasar Hukum,
    butir 2", "Pelaksana"."""
    if found := _STEP_FIELD.match(field):
        column = found.group(2)
        label = f"Langkah {found.group(1)}"
        return f"{label}, {STEP_LABELS.get(column, column)}" if column else label
    name, item = field, ""
    if found := _ITEM_FIELD.match(field):
        name, item = found.group(1), f", butir {found.group(2)}"
    labels = {**IDENTITAS_LABELS, "actors": "Pelaksana", "steps": "Uraian Prosedur",
              "name": "Nama SOP"}
    return labels.get(name, name) + item


class SopEditor(FormDialog):
    """Edits `sop` (the draft's content). `save` stores it as the open draft and returns a
    status text; `submit` sends the stored draft for review. Both come from the caller (the
    catalog), which knows the SOP's versions; a refusal (ValidationError) is shown in the
    editor and nothing is lost."""

    saved = Signal()
    submitted = Signal()

    def __init__(self, sop: Sop, subtitle: str, *,
                 save: Callable[[Sop], str], submit: Callable[[], str],
                 check: Callable[[Sop], list[Problem]] | None = None,
                 stored: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        name_window(self, f"Ubah SOP: {sop.name}", "sopEditor", (1340, 720))
        fit_window(self, (1340, 720))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.sop = sop
        # The content as stored; a new draft (`stored=False`) is unsaved from the start.
        self.saved_sop: Sop | None = sop if stored else None
        self._save = save
        self._submit = submit
        if check is None:
            from jogoroto_desktop.sop.checks import periksa_sop
            check = periksa_sop
        self._check = check
        self.problems: list[Problem] = []
        # The SOP as it would be with the cell being typed in (checked and drawn while typing;
        # it becomes `sop` when the cell is committed).
        self.typing: Sop | None = None
        self.is_service = sop.id in LAYANAN_SOPS

        self.title = QLabel(sop.name)
        self.title.setObjectName("editorTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("editorSubtitle")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("editorTabs")
        self.tabs.addTab(self._identitas_page(), "&Identitas")
        self.tabs.addTab(self._pelaksana_page(), "&Pelaksana")
        self.tabs.addTab(self._steps_page(), "&Uraian Prosedur")

        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemHeading")
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problemList")
        self.problem_list.setMaximumHeight(self.fontMetrics().height() * 5 + 12)
        self.problem_list.setWordWrap(True)
        self.problem_list.itemActivated.connect(self._problem_activated)
        self.problem_label.setBuddy(self.problem_list)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tabs, 1)
        left_layout.addWidget(self.problem_label)
        left_layout.addWidget(self.problem_list)

        self.flowchart = FlowchartPanel()
        self.flowchart.setObjectName("editorFlowchart")
        self.flowchart.step_selected.connect(self._flowchart_step_selected)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.flowchart)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([780, 540])

        self.save_button = named_button(
            "&Simpan draf", "simpanDraf", self.save_draft,
            "Simpan draf ini, juga bila masih ada masalah (Ctrl+S)")
        self.submit_button = named_button("&Ajukan", "ajukan", self.submit)
        self.close_button = named_button(
            "&Tutup", "tutup", self.reject,
            "Tutup editor (Esc); perubahan yang belum disimpan ditanyakan")
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_draft)
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)

        header = QVBoxLayout()
        header.setSpacing(0)
        header.addWidget(self.title)
        header.addWidget(self.subtitle)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.messages.general)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.refresh_now)
        self._show_fields()
        self.refresh_now()
        self.nomor.setFocus()

    # -- building ---------------------------------------------------------------------------

    def _identitas_page(self) -> QWidget:
        self.nomor = QLineEdit(self.sop.nomor or "")
        self.nomor.setObjectName("nomor")
        self.nomor.setPlaceholderText("mis. 065/09.SOP.SEK/415.67/2022")
        self.nomor.textEdited.connect(
            lambda text: self.apply_edit(editing.set_nomor(self.sop, text), refresh_fields=False))
        self.list_editors: dict[str, TextListEditor] = {}
        rows: list[tuple[str, str, QWidget]] = [("&Nomor SOP:", "nomor", self.nomor)]
        for name in IDENTITAS_LIST_FIELDS:
            editor = TextListEditor(name, rows=3)
            editor.edited.connect(lambda items, _renamed, n=name: self.apply_edit(
                editing.set_list(self.sop, n, items)))
            editor.typing.connect(lambda items, n=name: self._show_typing(
                None if items is None else editing.set_list(self.sop, n, items)))
            self.list_editors[name] = editor
            rows.append((f"{IDENTITAS_LABELS[name]}:", name, editor))
        hint = QLabel("Satu butir per baris daftar: ketik untuk mengubah, Ins menambah, "
                      "Ctrl+Del menghapus, Alt+\u2191/\u2193 memindah.")
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        form = self.messages.form(rows)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.addWidget(hint)
        page_layout.addLayout(form)
        page_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _pelaksana_page(self) -> QWidget:
        self.actors = TextListEditor("actors", rows=12)
        self.actors.edited.connect(
            lambda items, renamed: self.apply_edit(editing.set_actors(self.sop, items, renamed)))
        about = QLabel("Kolom pelaksana pada diagram alir, dari kiri ke kanan. Mengganti nama "
                       "pelaksana juga mengganti pelaksana langkah-langkahnya. Ins menambah, "
                       "Ctrl+Del menghapus, Alt+\u2191/\u2193 memindah.")
        about.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        label = QLabel("Daftar &pelaksana:")
        label.setBuddy(self.actors)
        layout.addWidget(about)
        layout.addWidget(label)
        layout.addWidget(self.messages.field("actors", self.actors))
        layout.addStretch(1)
        return page

    def _steps_page(self) -> QWidget:
        self.steps_model = StepEditModel(self)
        self.steps_model.step_edited.connect(self._step_edited)
        table = QTableView()
        table.setObjectName("stepsEditor")
        table.setModel(self.steps_model)
        delegate = StepDelegate(self.steps_model, table)
        delegate.typing.connect(self._cell_typing)
        delegate.closeEditor.connect(self._cell_closed)
        table.setItemDelegate(delegate)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setWordWrap(False)
        rows = table.verticalHeader()  # the step numbers, marked \u26a0 when a step has problems
        rows.setDefaultSectionSize(table.fontMetrics().height() + 10)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumWidth(table.fontMetrics().horizontalAdvance("\u26a0 000") + 8)
        header = table.horizontalHeader()
        header.setMinimumSectionSize(36)
        for name, width in _COLUMN_WIDTHS.items():
            header.resizeSection(StepEditModel.COLUMNS.index(name), width)
        table.selectionModel().currentRowChanged.connect(self._step_row_changed)
        self.steps_table = table

        def act(text: str, keys: str, slot: Callable[[], None], name: str) -> QToolButton:
            return tool_button(shortcut_action(table, text, keys, slot), name)

        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        for text, keys, slot, name in (
            ("Sisipkan di bawah", "Ins", lambda: self.insert_step(below=True), "sisipBawah"),
            ("Sisipkan di atas", "Shift+Ins", lambda: self.insert_step(below=False),
             "sisipAtas"),
            ("Hapus langkah", "Ctrl+Del", self.delete_step, "hapusLangkah"),
            ("Naik", "Alt+Up", lambda: self.move_step(-1), "langkahNaik"),
            ("Turun", "Alt+Down", lambda: self.move_step(+1), "langkahTurun"),
        ):
            tools.addWidget(act(text, keys, slot, name))
        hint = QLabel("Ketik atau F2: ubah sel; Enter: simpan sel.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)  # the window may be narrow (125% scaling): wrap, not widen
        tools.addWidget(hint, 1)

        self.syarat = QLabel()
        self.syarat.setObjectName("syaratLayanan")
        self.syarat.setWordWrap(True)
        self.syarat.setVisible(self.is_service)
        self.syarat.setToolTip("Persyaratan: Kelengkapan langkah-langkah sebelum verifikasi "
                               "(keputusan pertama). Standar waktu: jumlah Waktu semua langkah.")

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(tools)
        layout.addWidget(self.messages.field("steps", table), 1)
        layout.addWidget(self.syarat)
        return page

    # -- showing ----------------------------------------------------------------------------

    def _show_fields(self) -> None:
        """Put the SOP's values into the widgets (after a structural edit or a load)."""
        sop = self.sop
        if self.nomor.text() != (sop.nomor or ""):
            self.nomor.setText(sop.nomor or "")
        for name, editor in self.list_editors.items():
            editor.set_items(getattr(sop, name))
        self.actors.set_items(sop.actors)
        self.steps_model.set_sop(sop)

    def apply_edit(self, sop: Sop, refresh_fields: bool = True) -> None:
        """An edit made: keep `sop`, show it, and check and draw it a moment later."""
        self.typing = None
        if sop == self.sop:
            return
        self.sop = sop
        if refresh_fields:
            self._show_fields()
        self._timer.start()
        self._show_status()

    def refresh_now(self) -> None:
        """Run the checks and lay out and draw the flowchart for the SOP as it is now."""
        self._timer.stop()
        shown = self.typing or self.sop
        self.problems = self._check(shown)
        self._show_problems()
        self._show_flowchart(shown)
        self._show_syarat(shown)
        self._show_status()

    def _show_flowchart(self, sop: Sop) -> None:
        reason = editing.drawing_problem(sop)
        if reason is None:
            self.flowchart.update_sop(sop)
        else:
            self.flowchart.show_unavailable(sop, "Diagram alir belum dapat digambar", reason)

    def _show_syarat(self, sop: Sop) -> None:
        if not self.is_service:
            return
        from jogoroto_desktop.registers.layanan import (
            format_durasi,
            standar_waktu,
            syarat_sop,
        )

        syarat = syarat_sop(sop)
        listed = "; ".join(syarat) if syarat else "-"
        self.syarat.setText(f"<b>Persyaratan layanan:</b> {escape(listed)}<br>"
                            f"<b>Standar waktu:</b> {format_durasi(standar_waktu(sop))}")

    def _show_problems(self) -> None:
        by_widget: dict[str, list[str]] = {}
        item_rows: dict[str, dict[int, str]] = {}
        step_rows: dict[int, dict[str | None, list[str]]] = {}
        self.problem_list.clear()
        for problem in self.problems:
            place = place_of(problem.field)
            item = QListWidgetItem(f"{field_label(problem.field)}: {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, problem.field)
            self.problem_list.addItem(item)
            if place is None:
                continue
            if place.widget == "steps" and place.row is not None:
                step_rows.setdefault(place.row, {}).setdefault(place.column, []).append(
                    problem.message)
                continue
            if place.row is not None:
                item_rows.setdefault(place.widget, {})[place.row] = problem.message
                text = f"Butir {place.row + 1}: {problem.message}"
            else:
                text = problem.message
            by_widget.setdefault(place.widget, []).append(text)
        if step_rows:
            count = len(step_rows)
            by_widget.setdefault("steps", []).append(
                f"{count} langkah bermasalah (nomornya ditandai \u26a0; arahkan tetikus ke sel "
                "untuk alasannya)")
        for name, label in self.messages.labels.items():
            texts = by_widget.get(name, [])
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
        for name, editor in [*self.list_editors.items(), ("actors", self.actors)]:
            editor.set_problems(item_rows.get(name, {}))
        self.steps_model.set_problems(step_rows)
        count = len(self.problems)
        if count:
            self.problem_label.setText(
                f"&Masalah ({count}): perbaiki sebelum diajukan; Enter pada masalah membawa ke "
                "isiannya")
        else:
            self.problem_label.setText("&Masalah: tidak ada; SOP ini dapat diajukan")
        if count:
            style_error_label(self.problem_label)
        else:
            self.problem_label.setPalette(self.palette())
        self.problem_list.setVisible(bool(count))
        self.submit_button.setEnabled(not count)
        self.submit_button.setToolTip(
            "Kirim ke Sekretaris Camat untuk diperiksa" if not count
            else "Belum dapat diajukan: masih ada masalah (lihat daftar masalah)")

    def _show_status(self) -> None:
        if self.is_dirty():
            self.status.setText("Ada perubahan yang belum disimpan.")
        elif self.status.text() == "Ada perubahan yang belum disimpan.":
            self.status.clear()

    # -- going to a problem -----------------------------------------------------------------

    def _problem_activated(self, item: QListWidgetItem) -> None:
        self.go_to(item.data(Qt.ItemDataRole.UserRole))

    def go_to(self, field: str) -> None:
        """Show and focus the widget of problem field `field` (the row or cell too)."""
        place = place_of(field)
        if place is None:
            return
        self.tabs.setCurrentIndex(place.tab)
        if place.widget == "steps":
            if place.row is None or place.row >= self.steps_model.rowCount():
                self.steps_table.setFocus()
                return
            column = self.steps_model.column_of(place.column or "kegiatan")
            index = self.steps_model.index(place.row, column)
            self.steps_table.setCurrentIndex(index)
            self.steps_table.scrollTo(index)
            self.steps_table.setFocus()
            return
        editor = self.actors if place.widget == "actors" else self.list_editors.get(place.widget)
        if editor is not None:
            editor.select_row(place.row if place.row is not None else 0)
        elif place.widget == "nomor":
            self.nomor.setFocus()
            self.nomor.selectAll()

    # -- steps ------------------------------------------------------------------------------

    def current_step_row(self) -> int:
        index = self.steps_table.currentIndex()
        return index.row() if index.isValid() else -1

    def _select_step(self, row: int, column: int | None = None) -> None:
        if not 0 <= row < self.steps_model.rowCount():
            return
        if column is None:
            current = self.steps_table.currentIndex()
            column = current.column() if current.isValid() else 0
        self.steps_table.setCurrentIndex(self.steps_model.index(row, column))

    def _show_typing(self, typing: Sop | None) -> None:
        """A keystroke in a cell or list item (`typing`: the SOP as it would be), or its
        editor closed (None): check and draw a moment later. A commit arrives as an edit; a
        cancelled typing (Esc) is forgotten."""
        if typing is None and self.typing is None:
            return
        self.typing = typing
        self._timer.start()

    def _cell_typing(self, row: int, name: str, text: str) -> None:
        if row < len(self.sop.steps):
            self._show_typing(editing.set_step_field(self.sop, row + 1, name, text))

    def _cell_closed(self) -> None:
        self._show_typing(None)

    def _step_edited(self, no: int, name: str, value: object) -> None:
        # Applied after the view has finished with its editor (a reset now would pull the
        # model from under the delegate).
        QTimer.singleShot(0, self, lambda: self._apply_step_edit(no, name, value))

    def _apply_step_edit(self, no: int, name: str, value: object) -> None:
        if no > len(self.sop.steps):
            return
        self.apply_edit(editing.set_step_field(self.sop, no, name, value))  # type: ignore[arg-type]

    def insert_step(self, below: bool = True) -> None:
        row = self.current_step_row()
        index = row + 1 if below and row >= 0 else max(row, 0)
        if not self.sop.steps:
            index = 0
        self.apply_edit(editing.insert_step(self.sop, index))
        self._select_step(index, self.steps_model.column_of("kegiatan"))
        self.steps_table.setFocus()

    def delete_step(self) -> None:
        row = self.current_step_row()
        if row < 0:
            return
        column = self.steps_table.currentIndex().column()
        self.apply_edit(editing.delete_step(self.sop, row + 1))
        self._select_step(min(row, len(self.sop.steps) - 1), column)

    def move_step(self, delta: int) -> None:
        row = self.current_step_row()
        if row < 0:
            return
        column = self.steps_table.currentIndex().column()
        moved = editing.move_step(self.sop, row + 1, delta)
        if moved is self.sop:
            return
        self.apply_edit(moved)
        self._select_step(row + delta, column)

    def _step_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and self.flowchart.layout_result is not None:
            self.flowchart.select_step(current.row() + 1)

    def _flowchart_step_selected(self, step_no: int) -> None:
        self.tabs.setCurrentIndex(TAB_LANGKAH)
        self._select_step(step_no - 1)

    # -- saving -----------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self.sop != self.saved_sop

    def save_draft(self) -> bool:
        """Store the draft as it is (problems and all); False when the domain refused."""
        self._commit_open_editor()
        try:
            message = self._save(self.sop)
        except ValidationError as exc:
            self.messages.general.setText("\n".join(exc.problems.values()))
            self.messages.general.show()
            return False
        self.messages.general.hide()
        self.saved_sop = self.sop
        self.status.setText(message)
        self.saved.emit()
        return True

    def submit(self) -> bool:
        """Save, then send the draft to the Sekretaris Camat (only without problems)."""
        self._commit_open_editor()
        self.refresh_now()
        if self.problems:
            return False
        if self.is_dirty() and not self.save_draft():
            return False
        try:
            message = self._submit()
        except ValidationError as exc:
            self.messages.general.setText("\n".join(exc.problems.values()))
            self.messages.general.show()
            return False
        self.status.setText(message)
        self.submitted.emit()
        self.accept()
        return True

    def _commit_open_editor(self) -> None:
        """A cell or list item still being typed in counts: moving the focus to its view makes
        the delegate commit it, and the edit reaches the SOP on the next event-loop turn."""
        focused = QApplication.focusWidget()
        views = [self.steps_table, self.actors.list,
                 *(editor.list for editor in self.list_editors.values())]
        for view in views:
            if focused is not None and view.viewport().isAncestorOf(focused):
                view.setFocus()
        QApplication.processEvents()

    def reject(self) -> None:
        if self.is_dirty():
            box = QMessageBox(QMessageBox.Icon.Question, "Simpan perubahan?",
                              "Perubahan SOP ini belum disimpan.\nSimpan sebagai draf sebelum "
                              "menutup?", QMessageBox.StandardButton.NoButton, self)
            save = box.addButton("Simpan draf", QMessageBox.ButtonRole.AcceptRole)
            discard = box.addButton("Buang perubahan", QMessageBox.ButtonRole.DestructiveRole)
            keep = box.addButton("Lanjut mengubah", QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(save)
            box.setEscapeButton(keep)
            box.exec()
            clicked = box.clickedButton()
            if clicked is keep or clicked is None:
                return
            if clicked is save and not self.save_draft():
                return
            if clicked is discard:
                self.saved_sop = self.sop  # nothing left to ask about
        QDialog.reject(self)  # past FormDialog's own "Buang isian?" question

    def closeEvent(self, event: QCloseEvent) -> None:
        """The window's close button asks like Tutup does."""
        if self.is_dirty():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

