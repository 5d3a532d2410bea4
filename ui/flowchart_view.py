"""The SOP flowchart tab: a zoomable view of the layout's pages, with export and printing.

`FlowchartView` shows one FlowchartScene (one page); `FlowchartPanel` adds the toolbar, the page
switcher, the details of the clicked step and the empty state of a draft SOP. The PNG is painted
by the same scene code as the screen (ui.flowchart_scene.paint_page); "Cetak" and "Ekspor PDF"
make the printed SOP of "Cetak SOP" (ui.sop_print, one reportlab document). Every export runs
through a BackgroundOp.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QPoint,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeySequence,
    QPainter,
    QResizeEvent,
    QTextDocument,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.sop.catalog import Sop, Step
from jogoroto_desktop.sop.flowchart import UNREADABLE, FlowchartLayout, LayoutError, layout_sop
from ui.flowchart_scene import FlowchartScene, page_image
from ui.operations import BackgroundOp, Operation, failure_text, run_in_background

PAPER_CHOICES = (("A4", "A4"), ("F4", "F4 (215 × 330 mm)"))
PNG_SCALES = (1.0, 2.0, 3.0, 4.0)
DRAFT_TITLE = "SOP ini belum dirinci"
DRAFT_BODY = (
    "Buku SOP Kecamatan Jogoroto hanya mencantumkan nama SOP ini tanpa uraian langkahnya, "
    "jadi diagram alirnya belum dapat digambar."
)
NO_SOP_TITLE = "Belum ada SOP dipilih"
NO_SOP_BODY = "Pilih SOP di daftar untuk melihat diagram alirnya."
DETAILS_HINT = "Klik salah satu langkah pada diagram untuk melihat rinciannya di sini."
EXPORT_ERRORS: tuple[type[Exception], ...] = (OSError, LayoutError)


def _centred(widget: QWidget) -> QHBoxLayout:
    """A row holding `widget` in its middle."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row


class FlowchartView(QGraphicsView):
    """Zoom (Ctrl+wheel, buttons, fit to width) and pan (drag, scrollbars) over one page.

    Zoom 1.0 ("100%") is the paper's real size on the screen. Nothing is cached as a pixmap,
    so lines and text are drawn afresh, sharp, at every zoom."""

    zoom_changed = Signal(float)

    MIN_ZOOM = 0.25
    MAX_ZOOM = 4.0
    ZOOM_STEP = 1.25

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flowchartView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setBackgroundBrush(QColor("#8c9196"))
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Always there, so fitting the width never makes it appear and change the width again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setMouseTracking(True)  # hover highlight without a button held
        self._zoom = 1.0
        self._fit_width = True

    # -- zoom -------------------------------------------------------------------------------

    def pixels_per_point(self) -> float:
        return self.viewport().logicalDpiX() / 72.0

    def zoom(self) -> float:
        """1.0 is the paper's real size."""
        return self._zoom

    def is_fit_width(self) -> bool:
        return self._fit_width

    def set_zoom(self, zoom: float, under_mouse: bool = False) -> None:
        """Zoom to `zoom` (clamped), keeping the view centre (or the point under the mouse)."""
        self._fit_width = False
        self._apply_zoom(zoom, under_mouse)

    def _apply_zoom(self, zoom: float, under_mouse: bool = False) -> None:
        zoom = min(max(zoom, self.MIN_ZOOM), self.MAX_ZOOM)
        self.setTransformationAnchor(
            QGraphicsView.ViewportAnchor.AnchorUnderMouse if under_mouse
            else QGraphicsView.ViewportAnchor.AnchorViewCenter
        )
        factor = zoom * self.pixels_per_point()
        self.setTransform(QTransform.fromScale(factor, factor))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        if zoom != self._zoom:
            self._zoom = zoom
            self.zoom_changed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom * self.ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom / self.ZOOM_STEP)

    def zoom_actual(self) -> None:
        self.set_zoom(1.0)

    def fit_width(self) -> None:
        """Make the page exactly as wide as the view; kept when the view is resized."""
        self._fit_width = True
        self._refit()

    def _refit(self) -> None:
        scene = self.scene()
        if scene is None or scene.sceneRect().width() <= 0:
            return
        available = max(self.viewport().width() - 1, 1)
        self._apply_zoom(available / scene.sceneRect().width() / self.pixels_per_point())

    def page_width_pixels(self) -> float:
        """The page's width on the screen now, in viewport pixels."""
        scene = self.scene()
        return 0.0 if scene is None else self.transform().m11() * scene.sceneRect().width()

    # -- events -----------------------------------------------------------------------------

    def setScene(self, scene: FlowchartScene | None) -> None:
        """Show `scene` at the current zoom, from the top of the page."""
        super().setScene(scene)
        if self._fit_width:
            self._refit()
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fit_width:
            self._refit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y() or event.pixelDelta().y()
            if delta:
                self._fit_width = False
                self._apply_zoom(self._zoom * self.ZOOM_STEP ** (delta / 120), under_mouse=True)
            event.accept()
            return
        super().wheelEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        scene = self.scene()
        if isinstance(scene, FlowchartScene):
            scene.set_hovered_step(None)
        super().leaveEvent(event)


def _field(step: Step, key: str) -> str:
    if key in step.unreadable:
        return f'<i style="color:#6b6b6b">{html.escape(UNREADABLE)}</i>'
    value = getattr(step, key)
    return html.escape(value) if value else "-"


class FlowchartPanel(QWidget):
    """The flowchart of one SOP: toolbar, page switcher, the view and the clicked step's
    details; a draft SOP gets a short explanation instead."""

    step_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sop: Sop | None = None
        self.layout_result: FlowchartLayout | None = None
        self.paper = "A4"
        self.page_index = 0
        self.selected_step: int | None = None
        self.scene: FlowchartScene | None = None
        self.preview: QWidget | None = None  # the print preview "Cetak..." opened last

        self.view = FlowchartView()
        self.view.zoom_changed.connect(self._show_zoom)

        def action(text: str, slot: Callable[[], object], tip: str,
                   keys: tuple[QKeySequence | str, ...] = ()) -> QAction:
            act = QAction(text, self)
            act.triggered.connect(slot)
            if keys:
                act.setShortcuts([QKeySequence(k) for k in keys])
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                native = QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)
                tip = f"{tip} ({native})"
            act.setToolTip(tip)
            self.addAction(act)
            return act

        self.zoom_out_action = action("Perkecil", self.view.zoom_out, "Perkecil tampilan",
                                      ("Ctrl+-",))
        self.zoom_in_action = action("Perbesar", self.view.zoom_in, "Perbesar tampilan",
                                     ("Ctrl+=", "Ctrl++"))
        self.fit_action = action("Sesuaikan lebar", self.view.fit_width,
                                 "Lebar halaman sama dengan lebar jendela")
        self.actual_action = action("100%", self.view.zoom_actual, "Ukuran kertas sebenarnya",
                                    ("Ctrl+0",))
        self.prev_action = action("◀ Sebelumnya", self.previous_page, "Halaman sebelumnya",
                                  ("PgUp",))
        self.next_action = action("Berikutnya ▶", self.next_page, "Halaman berikutnya",
                                  ("PgDown",))
        self.export_png_action = action("Ekspor PNG...", self._export_png_dialog,
                                        "Simpan halaman ini sebagai gambar PNG")
        self.export_pdf_action = action("Ekspor PDF...", self._export_pdf_dialog,
                                        "Simpan SOP ini (identitas dan diagram alir, seperti "
                                        "Cetak SOP) sebagai PDF")
        self.print_action = action("Cetak...", self.print_preview,
                                   "Pratinjau lalu cetak SOP ini (identitas dan diagram alir, "
                                   "seperti Cetak SOP)")

        self.zoom_label = QLabel("100%")
        self.zoom_label.setMinimumWidth(44)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label = QLabel()
        self.paper_combo = QComboBox()
        self.paper_combo.setToolTip("Ukuran kertas diagram (mendatar)")
        for key, label in PAPER_CHOICES:
            self.paper_combo.addItem(label, key)
        self.paper_combo.currentIndexChanged.connect(self._paper_chosen)

        self.toolbar = QToolBar("Diagram alir")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.zoom_out_action)
        self.toolbar.addWidget(self.zoom_label)
        self.toolbar.addAction(self.zoom_in_action)
        self.toolbar.addAction(self.fit_action)
        self.toolbar.addAction(self.actual_action)
        self._page_separator = self.toolbar.addSeparator()
        self.toolbar.addAction(self.prev_action)
        self._page_label_action = self.toolbar.addWidget(self.page_label)
        self.toolbar.addAction(self.next_action)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(QLabel(" Kertas: "))
        self.toolbar.addWidget(self.paper_combo)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.export_png_action)
        self.toolbar.addAction(self.export_pdf_action)
        self.toolbar.addAction(self.print_action)

        self.details = QLabel(DETAILS_HINT)
        self.details.setObjectName("flowchartStepDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setMargin(6)
        details_area = QScrollArea()
        details_area.setWidgetResizable(True)
        details_area.setWidget(self.details)
        details_area.setFrameShape(QFrame.Shape.NoFrame)
        details_area.setMinimumHeight(60)
        self.details_area = details_area

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(details_area)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([600, 120])

        canvas = QWidget()
        canvas_layout = QVBoxLayout(canvas)
        canvas_layout.setContentsMargins(0, 0, 0, 0)
        canvas_layout.setSpacing(0)
        canvas_layout.addWidget(self.toolbar)
        canvas_layout.addWidget(self.splitter, 1)
        self.canvas = canvas

        self.empty_title = QLabel()
        self.empty_title.setObjectName("flowchartEmptyTitle")
        title_font = self.empty_title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.4)
        title_font.setBold(True)
        self.empty_title.setFont(title_font)
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_body = QLabel()
        self.empty_body.setObjectName("flowchartEmptyBody")
        self.empty_body.setWordWrap(True)
        self.empty_body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_body.setMinimumWidth(420)
        self.empty_body.setMaximumWidth(560)
        self.empty_body.setSizePolicy(QSizePolicy.Policy.Preferred,
                                      QSizePolicy.Policy.Minimum)
        self.other_paper_button = QPushButton()
        self.other_paper_button.clicked.connect(self._use_other_paper)
        self.other_paper_button.setVisible(False)
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addLayout(_centred(self.empty_body))
        empty_layout.addLayout(_centred(self.other_paper_button))
        empty_layout.addStretch(1)
        self.empty_state = empty

        self.stack = QStackedWidget()
        self.stack.addWidget(canvas)
        self.stack.addWidget(empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._show_empty(NO_SOP_TITLE, NO_SOP_BODY)

    # -- showing an SOP ---------------------------------------------------------------------

    def show_sop(self, sop: Sop | None) -> None:
        """Show `sop`'s flowchart from its first page (a draft or None: the empty state)."""
        self.sop = sop
        self.selected_step = None
        self.page_index = 0
        self._show_details(None)
        if sop is None:
            self._set_layout(None)
            self._show_empty(NO_SOP_TITLE, NO_SOP_BODY)
            return
        if sop.is_draft or not sop.steps:
            self._set_layout(None)
            self._show_empty(DRAFT_TITLE, DRAFT_BODY)
            return
        self._relayout()

    def update_sop(self, sop: Sop | None) -> None:
        """Show an edited version of the SOP shown (the editor's live flowchart): laid out
        again, keeping the page of the selected step, or the page shown."""
        if sop is None or sop.is_draft or not sop.steps or self.sop is None:
            self.show_sop(sop)
            return
        self.sop = sop
        if self.selected_step is not None and self.selected_step > len(sop.steps):
            self.selected_step = None
        self._relayout()
        self._show_details(self.selected_step)

    def show_unavailable(self, sop: Sop, title: str, body: str) -> None:
        """`sop` cannot be drawn as it is (an edit half done): say why, keeping it shown."""
        self.sop = sop
        self._set_layout(None)
        self._show_empty(title, body)

    def set_paper(self, paper: str) -> None:
        """Lay the SOP out again on `paper` ("A4" or "F4"), keeping the selected step."""
        index = self.paper_combo.findData(paper)
        if index < 0:
            raise ValueError(f"Ukuran kertas {paper!r} tidak dikenal (pilih A4 atau F4).")
        if self.paper_combo.currentIndex() != index:
            self.paper_combo.setCurrentIndex(index)  # calls back into _paper_chosen
            return
        if paper == self.paper:
            return
        self.paper = paper
        if self.sop is not None and not self.sop.is_draft:
            self._relayout()

    def _paper_chosen(self, index: int) -> None:
        paper = self.paper_combo.itemData(index)
        if paper and paper != self.paper:
            self.set_paper(paper)

    def _relayout(self) -> None:
        assert self.sop is not None
        try:
            result = layout_sop(self.sop, self.paper)
        except LayoutError as error:
            self._set_layout(None)
            self._show_empty("Diagram alir tidak dapat digambar", str(error),
                             offer_other_paper=True)
            return
        self._set_layout(result)
        if self.selected_step is not None and result.pages:
            try:
                self.page_index = result.pages.index(result.page_of(self.selected_step))
            except StopIteration:
                self.page_index = 0
        self.page_index = min(self.page_index, len(result.pages) - 1)
        self.stack.setCurrentWidget(self.canvas)
        self._show_page()

    def _set_layout(self, result: FlowchartLayout | None) -> None:
        self.layout_result = result
        if result is None and self.scene is not None:
            self.view.setScene(None)
            self.scene.deleteLater()
            self.scene = None

    def _show_empty(self, title: str, body: str, offer_other_paper: bool = False) -> None:
        self.empty_title.setText(title)
        self.empty_body.setText(body)
        other = "F4" if self.paper == "A4" else "A4"
        self.other_paper_button.setText(f"Gunakan kertas {other}")
        self.other_paper_button.setVisible(offer_other_paper)
        self.stack.setCurrentWidget(self.empty_state)

    def _use_other_paper(self) -> None:
        self.set_paper("F4" if self.paper == "A4" else "A4")

    def is_empty_state(self) -> bool:
        return self.stack.currentWidget() is self.empty_state

    # -- pages ------------------------------------------------------------------------------

    def page_count(self) -> int:
        return len(self.layout_result.pages) if self.layout_result else 0

    @property
    def current_page(self) -> int:
        """The page shown, counted from 1."""
        return self.page_index + 1

    def set_page(self, number: int) -> None:
        """Show page `number` (from 1) of the layout."""
        if self.layout_result is None:
            return
        index = min(max(number - 1, 0), self.page_count() - 1)
        if index != self.page_index or self.scene is None:
            self.page_index = index
            self._show_page()

    def next_page(self) -> None:
        self.set_page(self.current_page + 1)

    def previous_page(self) -> None:
        self.set_page(self.current_page - 1)

    def page_switcher_visible(self) -> bool:
        return self._page_label_action.isVisible()

    def _show_page(self) -> None:
        assert self.layout_result is not None
        page = self.layout_result.pages[self.page_index]
        scene = FlowchartScene(page, self)
        scene.step_clicked.connect(self._step_clicked)
        scene.select_step(self.selected_step)
        old, self.scene = self.scene, scene
        self.view.setScene(scene)
        if old is not None:
            old.deleteLater()
        count = self.page_count()
        several = count > 1
        for item in (self._page_separator, self.prev_action, self._page_label_action,
                     self.next_action):
            item.setVisible(several)
        self.prev_action.setEnabled(several and self.page_index > 0)
        self.next_action.setEnabled(several and self.page_index < count - 1)
        self.page_label.setText(f" Halaman {self.current_page} dari {count} ")

    # -- selection and details --------------------------------------------------------------

    def select_step(self, step_no: int | None) -> None:
        """Select `step_no` (turning to its page) and show its details."""
        self.selected_step = step_no
        if step_no is not None and self.layout_result is not None:
            page = self.layout_result.page_of(step_no)
            index = self.layout_result.pages.index(page)
            if index != self.page_index:
                self.page_index = index
                self._show_page()
        if self.scene is not None:
            self.scene.select_step(step_no)
        self._show_details(step_no)

    def _step_clicked(self, step_no: int) -> None:
        self.selected_step = step_no
        self._show_details(step_no)
        self.step_selected.emit(step_no)

    def _show_details(self, step_no: int | None) -> None:
        if step_no is None or self.sop is None:
            self.details.setText(html.escape(DETAILS_HINT))
            return
        step = self.sop.step(step_no)

        def pair(label: str, value: str, span: int = 1) -> str:
            return (f'<td style="padding-right:8px"><b>{label}</b></td>'
                    f'<td colspan="{span}" style="padding-right:18px">{value}</td>')

        rows = [
            pair("No", str(step.no)) + pair("Pelaksana", _field(step, "pelaksana")),
            pair("Kegiatan", _field(step, "kegiatan"), 3),
            pair("Kelengkapan", _field(step, "kelengkapan"))
            + pair("Waktu", _field(step, "waktu")),
            pair("Output", _field(step, "output")) + pair("Keterangan", _field(step, "keterangan")),
        ]
        if step.symbol == "decision":
            rows.append(pair("Keputusan",
                             f"Ya: ke langkah {step.ya} / Tidak: ke langkah {step.tidak}", 3))
        cells = "".join(f"<tr>{row}</tr>" for row in rows)
        self.details.setText(f'<table cellspacing="0" cellpadding="1">{cells}</table>')

    def details_text(self) -> str:
        """The details strip as plain text (for tests and copying)."""
        document = QTextDocument()
        document.setHtml(self.details.text())
        return document.toPlainText()

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{zoom * 100:.0f}%")

    # -- export and print -------------------------------------------------------------------

    def _title(self) -> str:
        return f"Diagram alir SOP {self.sop.name}" if self.sop else "Diagram alir SOP"

    def export_png(self, path: str | Path, scale: float = 2.0) -> BackgroundOp:
        """Write the current page to `path` as a PNG at `scale` pixels per point, off the GUI
        thread; the started operation's `result` is the image size."""
        if self.layout_result is None:
            raise LayoutError("Tidak ada diagram alir untuk diekspor.")
        page = self.layout_result.pages[self.page_index]

        def work(_op: Operation) -> QSize:
            image = page_image(page, scale)  # a QImage: may be painted on any thread
            if not image.save(str(path), "PNG"):
                raise OSError(f"Gambar tidak dapat disimpan ke {path}.")
            return image.size()

        return self._run_export(work, path)

    def export_pdf(self, path: str | Path) -> BackgroundOp:
        """Write the printed SOP (as "Cetak SOP" makes it) on the panel's paper to `path`, off
        the GUI thread; the started operation's `result` is the page count."""
        if self.layout_result is None or self.sop is None:
            raise LayoutError("Tidak ada diagram alir untuk diekspor.")
        from ui.sop_print import write_sop_pdf

        sop, paper = self.sop, self.paper
        return self._run_export(lambda _op: write_sop_pdf(sop, path, paper), path)

    def print_preview(self) -> QWidget | None:
        """"Cetak...": the print preview of the printed SOP, on the panel's paper (remembered
        for "Cetak SOP" too)."""
        if self.sop is None or self.layout_result is None:
            return None
        from ui.pdf_preview import open_form_preview
        from ui.sop_print import sop_form_job

        self.preview = open_form_preview(self, sop_form_job(self.sop), paper=self.paper)
        return self.preview

    def _default_path(self, suffix: str) -> str:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"diagram-alir-{self.sop.id if self.sop else 'sop'}"
        if suffix == "png" and self.page_count() > 1:
            name += f"-halaman-{self.current_page}"
        return str(Path(folder) / f"{name}.{suffix}")

    def _export_png_dialog(self) -> None:
        if self.layout_result is None:
            return
        labels = [f"{scale:g}× ({scale * 72:.0f} dpi)" for scale in PNG_SCALES]
        choice, ok = QInputDialog.getItem(self, "Ekspor PNG", "Skala gambar:", labels,
                                          PNG_SCALES.index(2.0), False)
        if not ok:
            return
        scale = PNG_SCALES[labels.index(choice)]
        path, _filter = QFileDialog.getSaveFileName(
            self, "Ekspor PNG", self._default_path("png"), "Gambar PNG (*.png)")
        if path:
            if not path.lower().endswith(".png"):
                path += ".png"
            self.export_png(path, scale)

    def _export_pdf_dialog(self) -> None:
        if self.layout_result is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, "Ekspor PDF", self._default_path("pdf"), "Dokumen PDF (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.export_pdf(path)

    def _run_export(self, work: Callable[[Operation], object], path: str | Path
                    ) -> BackgroundOp:
        def failed(error: Exception) -> None:
            QMessageBox.warning(self, "Ekspor gagal", f"Berkas {path} tidak dapat dibuat.\n\n"
                                f"{failure_text(error, EXPORT_ERRORS)}")

        return run_in_background(self, work, title="Ekspor", progress=f"Menyimpan {path}\u2026",
                                 expected=EXPORT_ERRORS, failure=failed)

    # -- for tests --------------------------------------------------------------------------

    def symbol_view_pos(self, step_no: int) -> QPoint:
        """Where the centre of `step_no`'s symbol is in viewport coordinates."""
        assert self.scene is not None
        rect, _polygon = self.scene.symbol_geometry(step_no)
        return self.view.mapFromScene(rect.center())
