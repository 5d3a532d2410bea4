"""The right-hand side of a seksi tab: one SOP's identitas and uraian prosedur."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.sop.catalog import (
    IDENTITAS_LABELS,
    IDENTITAS_LIST_FIELDS,
    STATUS_LABELS,
    Sop,
)
from ui.item_models import StepTableModel

if TYPE_CHECKING:
    from ui.flowchart_view import FlowchartPanel
    from ui.sop_versions_ui import VersionsPane

# Qt.TextInteractionFlag.TextSelectableByMouse and Qt.AlignmentFlag.AlignCenter, fixed by Qt.
TEXT_SELECTABLE_BY_MOUSE = 0x1
ALIGN_CENTER = 0x84
DRAFT_MESSAGE = (
    "SOP ini belum dirinci.\n\nBuku SOP Kecamatan Jogoroto (4 Januari 2022) baru mencantumkan "
    "namanya. Uraian prosedurnya akan dilengkapi oleh kantor; sampai saat itu tidak ada langkah "
    "yang ditampilkan."
)
# Kegiatan takes whatever width is left, so the whole table fits the window.
_COLUMN_WIDTHS = {
    StepTableModel.COL_NO: 40,
    StepTableModel.COL_PELAKSANA: 140,
    StepTableModel.COL_KELENGKAPAN: 140,
    StepTableModel.COL_WAKTU: 90,
    StepTableModel.COL_OUTPUT: 140,
    StepTableModel.COL_KET: 140,
}


class SopDetail(QWidget):
    """Shows one SOP. Further views of the same SOP (the flowchart) are added as pages of
    `self.pages` with `add_page`."""

    TAB_IDENTITAS, TAB_URAIAN, TAB_DIAGRAM, TAB_VERSI = 0, 1, 2, 3

    # A version was saved, submitted, forwarded, returned or approved (a status text): the
    # catalog in force may have changed.
    versions_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sop: Sop | None = None
        # Fonts are set directly: a style sheet would slow down start-up and every repaint.
        self.title = QLabel()
        self.title.setObjectName("sopTitle")
        self.title.setFont(scaled_font(self.font(), 1.6, bold=True))
        self.title.setWordWrap(True)
        # Set as properties from ints: the SOP detail is built before the first paint, and
        # touching PySide6's `Qt` namespace there costs ~35 ms (see DISPLAY_ROLE, item_models).
        self.title.setProperty("textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("sopSubtitle")
        self.subtitle.setProperty("textInteractionFlags", TEXT_SELECTABLE_BY_MOUSE)
        self.subtitle.setWordWrap(True)  # seksi, nomor and dates: two lines on a narrow screen

        self.identitas = QTextBrowser()
        self.identitas.setObjectName("identitas")
        self.identitas.setOpenLinks(False)

        self.steps_model = StepTableModel(self)
        self.steps_view = QTableView()
        self.steps_view.setObjectName("stepsTable")
        self._steps_attached = False  # the model is attached when the table is first needed
        self.steps_view.setWordWrap(True)
        self.steps_view.setAlternatingRowColors(True)
        self.steps_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.steps_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps_view.verticalHeader().setVisible(False)
        self.steps_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )

        self.draft_notice = QLabel(DRAFT_MESSAGE)
        self.draft_notice.setObjectName("draftNotice")
        self.draft_notice.setWordWrap(True)
        self.draft_notice.setProperty("alignment", ALIGN_CENTER)
        self.draft_notice.setFont(scaled_font(self.font(), 1.25))
        self.draft_notice.setMargin(32)

        self.uraian = QStackedWidget()
        self.uraian.addWidget(self.steps_view)
        self.uraian.addWidget(self.draft_notice)

        # The flowchart panel is built the first time its tab is opened: start-up and tabs the
        # user never looks at do not pay for a layout and a scene.
        self.flowchart_holder = QWidget()
        self.flowchart_holder.setObjectName("flowchartHolder")
        QVBoxLayout(self.flowchart_holder).setContentsMargins(0, 0, 0, 0)
        self.flowchart: FlowchartPanel | None = None

        self.pages = QTabWidget()
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.identitas, "Identitas")
        self.pages.addTab(self.uraian, "Uraian Prosedur")
        self.pages.addTab(self.flowchart_holder, "Diagram Alir")
        # The versions of the SOP (a database's): built when the tab is first opened.
        self.versions_holder = QWidget()
        self.versions_holder.setObjectName("versionsHolder")
        QVBoxLayout(self.versions_holder).setContentsMargins(0, 0, 0, 0)
        self.versions: VersionsPane | None = None
        self.pages.addTab(self.versions_holder, "Versi")
        self.pages.currentChanged.connect(self._page_changed)

        # The printed SOP as the book has it (identitas, then the flowchart pages) with the
        # office's kop; the flowchart tab's Cetak and Ekspor PDF make the same document.
        self.print_button = QPushButton("&Cetak SOP\u2026")
        self.print_button.setObjectName("cetakSop")
        self.print_button.setToolTip("Identitas dan diagram alir dengan kop surat kantor; "
                                     "pratinjau dulu sebelum dicetak atau disimpan")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_sop)
        self.preview: QWidget | None = None
        # "Ubah SOP" / "Buat revisi" / "Lihat pengajuan": for whoever may write the SOP's
        # drafts, once a database is open (ui.sop_versions_ui.edit_label).
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("ubahSop")
        self.edit_button.setToolTip("Susun perubahan SOP ini sebagai draf versi baru, lalu "
                                    "ajukan untuk disahkan Camat")
        self.edit_button.clicked.connect(self.edit_sop)
        self.edit_button.hide()
        self.editor: QWidget | None = None
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.edit_button)
        header.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.pages, 1)

    def add_page(self, widget: QWidget, label: str) -> int:
        return self.pages.addTab(widget, label)

    def show_flowchart(self) -> FlowchartPanel:
        """Open the Diagram Alir tab (building its panel if needed) and return the panel."""
        self.pages.setCurrentIndex(self.TAB_DIAGRAM)
        return self._ensure_flowchart()

    def _ensure_flowchart(self) -> FlowchartPanel:
        if self.flowchart is None:
            from ui.flowchart_view import FlowchartPanel  # printing support loads on demand

            self.attach_steps_model()  # the diagram and the table select steps together
            self.flowchart = FlowchartPanel()
            self.flowchart.step_selected.connect(self._flowchart_step_selected)
            layout = self.flowchart_holder.layout()
            assert layout is not None
            layout.addWidget(self.flowchart)
            self.flowchart.show_sop(self.sop)
        return self.flowchart

    def attach_steps_model(self) -> None:
        """Give the Uraian Prosedur table its model, the first time it is needed. Not when the
        pane is built (before the first paint): attaching calls headerData, whose Qt.Orientation
        argument makes PySide6 build the whole `Qt` namespace (~35 ms), and the Identitas page
        is the one shown first."""
        if self._steps_attached:
            return
        self._steps_attached = True
        self.steps_view.setModel(self.steps_model)
        header = self.steps_view.horizontalHeader()
        header.setMinimumSectionSize(36)
        for column, width in _COLUMN_WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(StepTableModel.COL_KEGIATAN, QHeaderView.ResizeMode.Stretch)
        self.steps_view.selectionModel().currentRowChanged.connect(self._step_row_changed)

    def _ensure_versions(self) -> VersionsPane:
        if self.versions is None:
            from ui.sop_versions_ui import VersionsPane

            self.versions = VersionsPane()
            self.versions.changed.connect(self.versions_changed)
            layout = self.versions_holder.layout()
            assert layout is not None
            layout.addWidget(self.versions)
        return self.versions

    def show_versions(self) -> VersionsPane:
        """Open the Versi tab (building it if needed) and return it."""
        self.pages.setCurrentIndex(self.TAB_VERSI)
        return self._ensure_versions()

    def update_actions(self) -> None:
        """Show the edit act to whoever may write this SOP's drafts (a database is open)."""
        from jogoroto_desktop.sop.catalog import database_open

        if self.sop is None or not database_open():
            self.edit_button.hide()
            return
        from ui.sop_versions_ui import edit_label, may_write

        allowed = may_write(self.sop.seksi)
        self.edit_button.setVisible(allowed)
        if allowed:
            self.edit_button.setText(edit_label(self.sop.id))

    def edit_sop(self) -> QWidget | None:
        """Open the editor on this SOP's draft (or a new revision, or its submission)."""
        if self.sop is None:
            return None
        from ui.sop_versions_ui import open_editor

        self.editor = open_editor(self, self.sop.id, self._version_acted)
        return self.editor

    def _version_acted(self, text: str) -> None:
        self.update_actions()
        if self.versions is not None and self.sop is not None:
            self.versions.show_sop(self.sop.id)
        self.versions_changed.emit(text)

    def _page_changed(self, index: int) -> None:
        if index == self.TAB_VERSI:
            from jogoroto_desktop.sop.catalog import database_open

            pane = self._ensure_versions()
            if database_open() and pane.sop_id != (self.sop.id if self.sop else None):
                pane.show_sop(self.sop.id if self.sop else None)
        if index == self.TAB_URAIAN:
            self.attach_steps_model()
        if index == self.TAB_DIAGRAM:
            panel = self._ensure_flowchart()
            if panel.sop is not self.sop:
                panel.show_sop(self.sop)

    def _flowchart_step_selected(self, step_no: int) -> None:
        """A click on a symbol also selects that step's row in the Uraian Prosedur table."""
        if self.sop is not None and 1 <= step_no <= self.steps_model.rowCount():
            self.steps_view.selectRow(step_no - 1)

    def _step_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.flowchart is not None and current.isValid():
            self.flowchart.select_step(current.row() + 1)

    def print_sop(self) -> QWidget | None:
        """Open the print preview of the whole SOP on the remembered (or office) paper."""
        if self.sop is None:
            return None
        from ui.pdf_preview import open_form_preview
        from ui.sop_print import sop_form_job

        self.preview = open_form_preview(self, sop_form_job(self.sop))
        return self.preview

    def show_sop(self, sop: Sop | None) -> None:
        self.sop = sop
        self.print_button.setEnabled(sop is not None)
        self.update_actions()
        if self.versions is not None and self.pages.currentIndex() == self.TAB_VERSI:
            self._page_changed(self.TAB_VERSI)
        if sop is None:
            self.title.setText("Pilih SOP di daftar sebelah kiri")
            self.subtitle.clear()
            self.identitas.clear()
            self.steps_model.set_steps(())
            if self.flowchart is not None:
                self.flowchart.show_sop(None)
            return
        if self.flowchart is not None and self.pages.currentIndex() == self.TAB_DIAGRAM:
            self.flowchart.show_sop(sop)
        self.title.setText(sop.name)
        facts = [f"Seksi {sop.seksi_name}", f"Nomor SOP: {sop.nomor or '-'}"]
        facts.append(STATUS_LABELS[sop.status])
        if not sop.is_draft:
            facts.append(f"{len(sop.steps)} langkah, {len(sop.actors)} pelaksana")
        self.subtitle.setText("  ·  ".join(facts))
        self.identitas.setHtml(identitas_html(sop))
        self.steps_model.set_steps(sop.steps)
        # Row heights follow the wrapped text through the header's ResizeToContents mode.
        self.uraian.setCurrentWidget(self.draft_notice if sop.is_draft else self.steps_view)


# html.escape's table, without importing html (and its 2,000 entities) before the first paint.
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                               "'": "&#x27;"})


def escape(text: str) -> str:
    """Text made safe inside HTML, exactly as escape(text) does."""
    return text.translate(_HTML_ESCAPES)


def scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(bold)
    return font


def identitas_html(sop: Sop) -> str:
    """The identitas page as the book lays it out: a label column and a value column."""

    def cell(text: str) -> str:
        return escape(text) if text else "-"

    rows: list[tuple[str, str]] = [("Nama SOP", cell(sop.name)), ("Seksi", cell(sop.seksi_name))]
    if sop.is_draft:
        rows.append(("Status", "Belum dirinci: buku SOP hanya mencantumkan nama SOP ini."))
    else:
        rows.append((IDENTITAS_LABELS["nomor"], cell(sop.nomor or "")))
        for name in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
            rows.append((IDENTITAS_LABELS[name], cell(format_tanggal(getattr(sop, name)))))
        official = sop.disahkan_oleh
        if official:
            parts = [
                escape(official.jabatan),
                escape(official.nama) or "<i>(nama tidak terbaca pada naskah)</i>",
                escape(official.pangkat),
                f"NIP {escape(official.nip)}" if official.nip else "",
            ]
            rows.append((IDENTITAS_LABELS["disahkan_oleh"], "<br>".join(p for p in parts if p)))
        for name in IDENTITAS_LIST_FIELDS:
            items = getattr(sop, name)
            if name in sop.unreadable:
                value = "<i>(tidak terbaca pada naskah)</i>"
            elif not items:
                value = "-"
            elif len(items) == 1:
                value = escape(items[0])
            else:
                value = "<ol style='margin:0'>" + "".join(
                    f"<li>{escape(item)}</li>" for item in items
                ) + "</ol>"
            rows.append((IDENTITAS_LABELS[name], value))
        rows.append(("Pelaksana", cell(", ".join(sop.actors))))
    body = "".join(
        f"<tr><th align='left' valign='top' width='30%'>{escape(label)}</th>"
        f"<td valign='top'>{value}</td></tr>"
        for label, value in rows
    )
    return (
        "<table width='100%' cellspacing='0' cellpadding='6' border='1' "
        f"style='border-collapse:collapse; border-color:#999'>{body}</table>"
    )
