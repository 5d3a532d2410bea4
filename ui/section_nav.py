"""A desk's navigation: one column of buttons with icons under group headings, beside the open
page. Every register of the busiest desk (the Sekretariat's twelve) shows at 1366x768 without
scrolling, where a row of tabs needed scroll arrows.

It answers to the few QTabWidget calls the desk used (addTab, count, widget, tabText,
currentIndex, setCurrentIndex, currentWidget, currentChanged), so the desk and its callers
stay as they were. No Qt enums here: they would load PySide6's Qt namespace before the first
paint (tests/test_startup_path.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.icons import section_icon

#: The groups of a desk, top to bottom; "" holds the daily pages (overview, inbox), no heading.
GROUPS = ("", "Surat", "Pelayanan", "Kepegawaian", "Pelacakan", "Evaluasi", "SOP")

SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff, without the Qt namespace

NAV_STYLE = """
QWidget#sectionNav { background: #eef2f6; border-right: 1px solid #d3dbe3; }
QLabel[navHeading="true"] { color: #5b6b7b; font-weight: bold; padding: 8px 6px 1px 8px; }
QPushButton[navItem="true"] { text-align: left; border: none; border-radius: 4px;
    padding: 4px 8px; margin: 0 4px; color: #1f2d3a; }
QPushButton[navItem="true"]:hover { background: #dde5ee; }
QPushButton[navItem="true"]:checked { background: #c9d8e8; color: #0f2a44; font-weight: bold; }
QPushButton[navItem="true"]:focus { outline: none; border: 1px solid #6b8db5; }
"""


class _PageStack(QStackedWidget):
    """The desk's pages, as large as the page shown needs (a plain stack asks for the room of
    its largest page, so one wide page would make every page scroll sideways)."""

    def sizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """The least height the page shown needs at `width` (its rows wrapped): the desk's
        scroll area asks this of pages with wrapping rows, and the preferred height it would
        get otherwise makes a page scroll where it fits its room."""
        page = self.currentWidget()
        layout = page.layout() if page is not None else None
        if layout is None or not layout.hasHeightForWidth():
            return -1
        return layout.totalMinimumSize().height() if width <= 0 else max(
            layout.minimumHeightForWidth(width), page.minimumHeight())


class _ListScroller(QScrollArea):
    """The side list's scroll area: as wide as the list, with room for its scroll bar, so no
    entry is cut when the bar shows."""

    def _width(self) -> int:
        inner = self.widget()
        inner_width = inner.sizeHint().width() if inner is not None else 0
        return inner_width + self.verticalScrollBar().sizeHint().width()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._width(), super().minimumSizeHint().height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # The list's buttons are styled when first shown: the width is known only then.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)


@dataclass
class _Section:
    label: str
    group: str
    page: QWidget
    button: QPushButton | None = None  # made when the desk is first shown


class SectionNav(QWidget):
    """The side list of a desk's sections and the stack of their pages."""

    currentChanged = Signal(int)  # noqa: N815 - the QTabWidget signal's name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nav = QWidget()
        self.nav.setObjectName("sectionNav")
        self._styled = False
        self.nav_layout = QVBoxLayout(self.nav)
        self.nav_layout.setContentsMargins(0, 2, 0, 4)
        self.nav_layout.setSpacing(1)
        self.stack = _PageStack()
        self.stack.currentChanged.connect(lambda _i: self.stack.updateGeometry())
        # A page wider or taller than the room left (a 1366x768 screen at 125% scaling) scrolls
        # inside the desk, so the window never grows past the screen and its status bar.
        self.scroller = QScrollArea()
        self.scroller.setObjectName("sectionScroller")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self.stack)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        self._sections: list[_Section] = []  # in display order
        self._headings: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # At 150% scaling a 1366x768 screen is 512 pixels high: the Sekretariat's list then
        # scrolls down rather than pushing the window past the screen.
        self.nav_scroller = _ListScroller()
        self.nav_scroller.setObjectName("navScroller")
        self.nav_scroller.setWidgetResizable(True)
        self.nav_scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.nav_scroller.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        self.nav_scroller.setWidget(self.nav)
        layout.addWidget(self.nav_scroller)
        layout.addWidget(self.scroller, 1)

    # --- the QTabWidget calls the desk uses -------------------------------------------------

    def addTab(self, page: QWidget, label: str, group: str = "") -> int:  # noqa: N802
        """Add `page` at the end of its `group` (one of GROUPS); returns its index."""
        rank = GROUPS.index(group)
        position = sum(1 for s in self._sections if GROUPS.index(s.group) <= rank)
        self._sections.insert(position, _Section(label, group, page))
        self.stack.addWidget(page)
        self._relayout()
        if len(self._sections) == 1:
            self.setCurrentIndex(0)
        return position

    def insertTab(self, index: int, page: QWidget, label: str) -> int:  # noqa: N802
        """Only index 0 (a desk's first page, in the ungrouped top)."""
        assert index == 0, "SectionNav inserts at the top only"
        position = self.addTab(page, label)
        section = self._sections.pop(position)
        self._sections.insert(0, section)
        self._relayout()
        return 0

    def count(self) -> int:
        return len(self._sections)

    def widget(self, index: int) -> QWidget | None:
        return self._sections[index].page if 0 <= index < len(self._sections) else None

    def indexOf(self, page: QWidget) -> int:  # noqa: N802
        return next((i for i, s in enumerate(self._sections) if s.page is page), -1)

    def tabText(self, index: int) -> str:  # noqa: N802
        return self._sections[index].label

    def groupOf(self, index: int) -> str:  # noqa: N802
        return self._sections[index].group

    def button(self, index: int) -> QPushButton:
        self._make_buttons()
        button = self._sections[index].button
        assert button is not None
        return button

    def currentIndex(self) -> int:  # noqa: N802
        current = self.stack.currentWidget()
        return self.indexOf(current) if current is not None else -1

    def currentWidget(self) -> QWidget | None:  # noqa: N802
        return self.stack.currentWidget()

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802
        self.setCurrentIndex(self.indexOf(page))

    def setCurrentIndex(self, index: int) -> None:  # noqa: N802
        if not 0 <= index < len(self._sections):
            return
        section = self._sections[index]
        if section.button is not None:
            section.button.setChecked(True)
        if self.stack.currentWidget() is not section.page:
            self.stack.setCurrentWidget(section.page)
            self.currentChanged.emit(index)

    # --- layout ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self._make_buttons()
        super().showEvent(event)

    def _make_buttons(self) -> None:
        """The list's buttons, made (and styled) when the desk is first shown: at start-up
        only the open desk pays for its list."""
        if self._styled or not self._sections:
            return
        self._styled = True
        self.nav.setStyleSheet(NAV_STYLE)
        current = self.currentWidget()
        for section in self._sections:
            # Under its heading a tracker reads "Perencanaan dan Keuangan", not "Pelacakan …".
            label, group = section.label, section.group
            shown = label.removeprefix(f"{group} ") if group == "Pelacakan" else label
            # "&" is a letter here ("Monitoring & Evaluasi SOP"), not a mnemonic mark.
            button = QPushButton(shown.replace("&", "&&"))
            button.setProperty("navItem", True)
            button.setCheckable(True)
            button.setAccessibleName(label)
            button.clicked.connect(lambda _c=False, p=section.page: self.setCurrentWidget(p))
            button.setChecked(section.page is current)
            self.buttons.addButton(button)
            section.button = button
        self._relayout()
        # The icons follow on the next event-loop turn, after the first paint: rendering a
        # desk's sixteen SVG icons is a visible part of start-up, and a name reads without one.
        QTimer.singleShot(0, self, self._set_icons)

    def _set_icons(self) -> None:
        for section in self._sections:
            if section.button is not None and section.button.icon().isNull():
                section.button.setIcon(section_icon(section.label))

    def _relayout(self) -> None:
        """Headings and buttons in display order (a heading for each group that has pages)."""
        if not self._styled:
            return
        while self.nav_layout.count():
            self.nav_layout.takeAt(0)
        shown_group: str | None = None
        for section in self._sections:
            if section.group != shown_group:
                shown_group = section.group
                if section.group:
                    self.nav_layout.addWidget(self._heading(section.group))
            if section.button is not None:
                self.nav_layout.addWidget(section.button)
        self.nav_layout.addStretch(1)

    def _heading(self, group: str) -> QLabel:
        heading = self._headings.get(group)
        if heading is None:
            heading = QLabel(group.upper())
            heading.setProperty("navHeading", True)
            self._headings[group] = heading
        return heading
