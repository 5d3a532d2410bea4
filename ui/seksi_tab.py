"""One tab per seksi: its SOP list on the left, the selected SOP on the right."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.sop.catalog import Catalog, Seksi, Sop
from ui.icons import icon
from ui.item_models import SopListModel
from ui.section_nav import SectionNav

if TYPE_CHECKING:
    from ui.sop_detail import SopDetail


class SeksiTab(QWidget):
    """The SOP detail pane is built the first time the tab is shown (or asked for), so start-up
    only pays for the tab the user sees."""

    sop_selected = Signal(str)
    # An SOP version was saved or moved through its approval (a status text).
    versions_changed = Signal(str)

    def __init__(self, seksi: Seksi, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.seksi = seksi
        self.catalog = catalog
        self.all_sops: list[Sop] = catalog.by_seksi(seksi.id)
        self.setObjectName(f"seksi-{seksi.id}")
        # The first SOP is the one shown, as the list will select it once it is built.
        self.current_sop: Sop | None = self.all_sops[0] if self.all_sops else None
        self._detail: SopDetail | None = None
        self._detail_wanted = False  # shown, pane not built yet: build after the first paint
        self.book_preview: QWidget | None = None

        # The seksi's desk: the SOP catalog, then the registers the window adds with
        # add_section (built the first time they are opened), in a side list by group. Each
        # desk opens on its overview, so the catalog's own widgets (the SOP list, the splitter)
        # are built the first time the catalog is shown or asked for: start-up does not pay for
        # five lists nobody sees yet.
        self._catalog_holder = QWidget()
        catalog_layout = QVBoxLayout(self._catalog_holder)
        catalog_layout.setContentsMargins(0, 0, 0, 0)
        self._catalog_built = False
        self.sections = SectionNav()
        self.sections.setObjectName("seksiSections")
        self.sections.addTab(self._catalog_holder, "Katalog SOP", "SOP")
        # Keyed by the section's holder widget, so inserting a section does not shift them.
        self._section_factories: dict[QWidget, Callable[[], QWidget]] = {}
        self._section_widgets: dict[QWidget, QWidget] = {}
        self.sections.currentChanged.connect(self._section_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sections)

    def _build_catalog(self) -> None:
        """The SOP list (left) and the splitter the detail pane joins (right)."""
        self._catalog_built = True
        self._list_label = QLabel()
        self._list_label.setObjectName("sopListLabel")
        self._list_model = SopListModel(self.all_sops, self)
        self._list_view = QListView()
        self._list_view.setObjectName("sopList")
        self._list_view.setModel(self._list_model)
        self._list_view.setWordWrap(True)
        self._list_view.setUniformItemSizes(False)
        self._list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._list_view.selectionModel().selectionChanged.connect(self._on_selection)
        self._list_label.setBuddy(self._list_view)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._list_label)
        left_layout.addWidget(self._list_view, 1)
        # The whole book (every seksi), as one PDF: previewed before it is printed or saved.
        self._book_button = QPushButton("Cetak B&uku SOP\u2026")
        self._book_button.setObjectName("cetakBukuSop")
        self._book_button.setIcon(icon("book"))
        self._book_button.setToolTip("Sampul, Keputusan Camat, daftar isi dan semua SOP dalam "
                                     "satu PDF; pratinjau dulu sebelum dicetak atau disimpan")
        self._book_button.clicked.connect(self.print_book)
        left_layout.addWidget(self._book_button)

        splitter = QSplitter()  # horizontal; no Qt enum before the first paint (item_models)
        splitter.addWidget(left)
        splitter.setStretchFactor(0, 0)
        self._splitter = splitter
        layout = self._catalog_holder.layout()
        assert layout is not None
        layout.addWidget(splitter)
        self.apply_filter("")

    def _catalog_part(self, name: str) -> QWidget:
        if not self._catalog_built:
            self._build_catalog()
        return getattr(self, name)

    @property
    def list_view(self) -> QListView:
        return self._catalog_part("_list_view")

    @property
    def list_model(self) -> SopListModel:
        return self._catalog_part("_list_model")

    @property
    def list_label(self) -> QLabel:
        return self._catalog_part("_list_label")

    @property
    def book_button(self) -> QPushButton:
        return self._catalog_part("_book_button")

    @property
    def splitter(self) -> QSplitter:
        return self._catalog_part("_splitter")

    def add_section(self, label: str, factory: Callable[[], QWidget],
                    first: bool = False, group: str = "") -> int:
        """Add a page to this seksi's desk under `group` (ui.section_nav.GROUPS); `factory`
        builds it when it is first opened. A `first` section goes before the others and is the
        one the tab opens on."""
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        self._section_factories[holder] = factory
        if not first:
            return self.sections.addTab(holder, label, group)
        self.sections.blockSignals(True)  # built when the tab is shown, not now
        self.sections.insertTab(0, holder, label)
        self.sections.setCurrentIndex(0)
        self.sections.blockSignals(False)
        return 0

    def section(self, index: int) -> QWidget:
        """The page of section `index`, built now if it was not yet."""
        holder = self.sections.widget(index)
        if holder is self._catalog_holder:
            return self.splitter
        if holder not in self._section_widgets and holder in self._section_factories:
            widget = self._section_factories[holder]()
            layout = holder.layout()
            assert layout is not None
            layout.addWidget(widget)
            self._section_widgets[holder] = widget
        return self._section_widgets.get(holder, holder)

    def open_section(self, index: int) -> QWidget:
        self.sections.setCurrentIndex(index)
        return self.section(index)

    def open_section_by_key(self, open_key: str) -> QWidget | None:
        """Open the section labelled as in `open_key` ("Label" or "Label|argument", see
        jogoroto_desktop.overview); the argument goes to the page's apply_overview_filter."""
        label, _, argument = open_key.partition("|")
        for index in range(self.sections.count()):
            if label in (self.sections.tabText(index),
                         self.sections.tabText(index).replace("&", "")):
                page = self.open_section(index)
                apply = getattr(page, "apply_overview_filter", None)
                if apply is not None:
                    apply(argument)
                return page
        return None

    def _section_changed(self, index: int) -> None:
        page = self.sections.widget(index)
        if page is self._catalog_holder and not self._catalog_built:
            self._build_catalog()
        elif page in self._section_factories:
            self.section(index)

    def print_book(self) -> QWidget | None:
        """Open the print preview of the whole SOP book (every SOP of the catalog, in the
        book's order), built in the background with a progress dialog."""
        from jogoroto_desktop.documents import sop_book_entries
        from ui.pdf_preview import open_form_preview
        from ui.sop_print import sop_book_job

        self.book_preview = open_form_preview(self, sop_book_job(sop_book_entries(self.catalog)))
        return self.book_preview

    @property
    def title(self) -> str:
        return self.seksi.name

    @property
    def detail(self) -> SopDetail:
        if self._detail is None:
            from ui.sop_detail import SopDetail  # its widget classes load with the first pane

            self._detail = SopDetail()
            self._detail.versions_changed.connect(self.versions_changed)
            self.splitter.addWidget(self._detail)
            self.splitter.setStretchFactor(1, 1)
            self.splitter.setSizes([320, 900])
            self._detail.show_sop(self.current_sop)
        return self._detail

    def showEvent(self, event: QShowEvent) -> None:
        self._detail_wanted = self._detail is None
        self._section_changed(self.sections.currentIndex())  # a first section opens here
        super().showEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """The first time the tab is painted, its detail pane is built on the next event-loop
        turn: at start-up the window paints its menus, tabs and SOP list first and the pane
        follows ~20 ms later, before any click can arrive (the start-up benchmark reports
        both moments)."""
        super().paintEvent(event)
        if self._detail_wanted:
            self._detail_wanted = False
            QTimer.singleShot(0, self, self._build_detail)

    def _build_detail(self) -> None:
        self.detail  # noqa: B018 - builds the pane

    def set_catalog(self, catalog: Catalog) -> None:
        """Show the SOPs of ``catalog`` (the caller filters again); the SOP shown stays, in
        its version of the new catalog."""
        self.catalog = catalog
        self.all_sops = catalog.by_seksi(self.seksi.id)
        if self.current_sop is not None:
            self._show(catalog.get(self.current_sop.id))

    def apply_filter(self, query: str) -> int:
        """Show the SOPs matching `query` (all when empty); keep the selection when it still
        matches. Returns the number of matches."""
        current = self.current_sop.id if self.current_sop else None
        sops = self.catalog.search(query, self.seksi.id) if query.strip() else self.all_sops
        self.list_model.set_sops(sops)
        total = len(self.all_sops)
        if query.strip():
            self.list_label.setText(f"&Daftar SOP: {len(sops)} dari {total} cocok dengan pencarian")
        else:
            self.list_label.setText(f"&Daftar SOP ({total})")
        row = self.list_model.row_of(current) if current else -1
        self.select_row(row if row >= 0 else 0)
        return len(sops)

    def refresh_actions(self) -> None:
        """The signed-in user changed: the acts shown on the SOP may too."""
        if self._detail is not None:
            self._detail.update_actions()

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.list_model.rowCount():
            self.list_view.clearSelection()
            self._show(None)
            return
        index = self.list_model.index(row, 0)
        self.list_view.setCurrentIndex(index)
        if self.isVisible():  # scrolling lays out every item; a hidden tab does not need it
            self.list_view.scrollTo(index)

    def select_sop(self, sop_id: str) -> bool:
        row = self.list_model.row_of(sop_id)
        if row >= 0:
            self.select_row(row)
        return row >= 0

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        sop = self.list_model.sop_at(indexes[0].row())
        self._show(sop)
        self.sop_selected.emit(sop.id)

    def _show(self, sop: Sop | None) -> None:
        self.current_sop = sop
        if self._detail is not None:
            self._detail.show_sop(sop)
