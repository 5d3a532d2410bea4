"""Checks of a window as laid out on the office's 1366x768 screen, for any widget tree: it
fits the screen, and no visible label or button is cut (narrower or shorter than the text it
shows needs). Used by tests/test_screens.py over every desk page and dialog, and by
tools/readme_screenshots.py, so a page another branch adds is checked once it is in the desk."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabBar,
    QWidget,
)
from shiboken6 import isValid

from ui.registers.page import RegisterPage

#: The office's screen; the window manager's title bar and borders come on top of a window.
SCREEN = QSize(1366, 768)
#: Pixels a widget may be short of its hint before it counts as cut (rounding in layouts).
TOLERANCE = 1
#: A label or button with this dynamic property set to True elides on purpose.
ELIDES = "elides"


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0


def _meant_to_elide(widget: QWidget) -> bool:
    node: QWidget | None = widget
    while node is not None:
        if node.property(ELIDES):
            return True
        node = node.parentWidget()
    return False


def _label_problem(label: QLabel) -> str:
    if not label.text().strip() or label.pixmap() is not None and not label.pixmap().isNull():
        return ""
    hint = label.minimumSizeHint()
    if label.wordWrap():
        # A wrapped label may be as narrow as its longest word but must be tall enough for
        # its text at the width it has.
        needed = label.heightForWidth(label.width())
        if needed > label.height() + TOLERANCE:
            return f"{label.height()} px tall, needs {needed}"
        return ""
    if label.width() + TOLERANCE < hint.width():
        return f"{label.width()} px wide, needs {hint.width()}"
    if label.height() + TOLERANCE < hint.height():
        return f"{label.height()} px tall, needs {hint.height()}"
    return ""


def _button_problem(button: QAbstractButton) -> str:
    if not button.text().strip():
        return ""
    hint = button.sizeHint()
    if button.width() + TOLERANCE < hint.width():
        return f"{button.width()} px wide, needs {hint.width()}"
    if button.height() + TOLERANCE < min(hint.height(), button.minimumSizeHint().height()
                                         or hint.height()):
        return f"{button.height()} px tall, needs {hint.height()}"
    return ""


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    name = widget.objectName() or type(widget).__name__
    return f"{name} {text[:50]!r}"


def _scrolled_away(widget: QWidget, root: QWidget) -> bool:
    """Inside a scroll area (below the fold of a long form, say): reachable by scrolling."""
    node = widget.parentWidget()
    while node is not None and node is not root:
        if isinstance(node, QAbstractScrollArea):
            return True
        node = node.parentWidget()
    return False


def clipped_widgets(root: QWidget) -> list[str]:
    """Every visible label and button under `root` (itself included) that is cut: narrower or
    shorter than its text needs, or reaching past the edge of `root`. Empty when all is whole.
    Widgets marked `ELIDES` and the scroll arrows of tab bars are left out."""
    problems: list[str] = []
    bounds = root.rect()
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not _shown(widget, root) or _meant_to_elide(widget):
            continue
        if isinstance(widget.parentWidget(), QTabBar):
            continue  # the tab bar's own scroll buttons
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        else:
            continue
        if not problem and widget is not root and not _scrolled_away(widget, root):
            place = QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())
            if not bounds.contains(place):
                problem = f"reaches past the window ({place.getRect()} in {bounds.getRect()})"
        if problem:
            problems.append(f"{_describe(widget)}: {problem}")
    return problems


def form_label_problems(root: QWidget) -> list[str]:
    """The form rows under `root` whose label breaks the one convention of every form and
    detail pane (ui.registers.forms.form_layout): right-aligned, ending in one colon."""
    problems = []
    for form in root.findChildren(QFormLayout):
        right = bool(form.labelAlignment() & Qt.AlignmentFlag.AlignRight)
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if not isinstance(label, QLabel) or not label.isVisibleTo(root):
                continue
            text = label.text().replace("&", "").strip()
            if not text:  # a check box's row, under the labelled ones
                continue
            if not text.endswith(":") or text.endswith("::") or text.endswith(" :"):
                problems.append(f"label {text!r}: not 'Name:'")
            if not right:
                problems.append(f"label {text!r}: not right-aligned")
    return problems


def sideways_scrolling(root: QWidget) -> list[str]:
    """The scroll areas under `root` that show a horizontal scroll bar (a page too wide)."""
    return [area.objectName() or type(area).__name__
            for area in root.findChildren(QScrollArea)
            if area.isVisibleTo(root) and area.horizontalScrollBar().isVisibleTo(root)]


def fits_screen(window: QWidget, screen: QSize = SCREEN) -> list[str]:
    """Why `window` (a top-level window, frame not included) does not fit `screen`, and
    whether its layout is squeezed below its minimum; empty when it fits."""
    problems = []
    frame = window.frameGeometry().size()
    size = frame if frame.isValid() and frame.width() >= window.width() else window.size()
    if size.width() > screen.width() or size.height() > screen.height():
        problems.append(f"{type(window).__name__} is {size.width()}x{size.height()}, "
                        f"larger than {screen.width()}x{screen.height()}")
    minimum = window.minimumSizeHint()
    if minimum.isValid() and (minimum.width() > screen.width()
                              or minimum.height() > screen.height()):
        problems.append(f"{type(window).__name__} needs at least "
                        f"{minimum.width()}x{minimum.height()}")
    return problems


# --- walking the program ----------------------------------------------------------------------

def settle() -> None:
    """Let the layouts follow what was just shown or filled (they run on posted events)."""
    for _ in range(3):
        QApplication.processEvents()


def every_page(window: Any) -> Iterator[tuple[str, str, QWidget]]:
    """Open each page of each desk of `window` (a ui.main_window.MainWindow) in turn, as the
    desks list them (ui/desk.py): yields the desk's title, the page's and the page."""
    for tab_index, desk in enumerate(window.seksi_tabs):
        window.tabs.setCurrentIndex(tab_index)
        for index in range(desk.sections.count()):
            page = desk.open_section(index)
            settle()
            yield desk.title, desk.sections.tabText(index), page


def select_first_row(page: QWidget) -> None:
    """Select the page's first record, so its detail shows and the buttons acting on one are
    enabled."""
    if isinstance(page, RegisterPage):
        if page.model.rowCount():
            page.select_id(page.model.row_id(0))
    else:
        table = getattr(page, "table", None)
        if isinstance(table, QAbstractItemView) and table.model().rowCount():
            table.selectRow(0)
    settle()


def dialog_buttons(page: QWidget) -> list[QPushButton]:
    """The page's enabled buttons that open a dialog: their text ends in "…", or makes a new
    record ("Surat Masuk Baru")."""
    buttons = []
    for button in page.findChildren(QPushButton):
        text = button.text().replace("&", "").rstrip()
        if (button.isVisibleTo(page) and button.isEnabled()
                and (text.endswith("\u2026") or text.endswith(" Baru"))):
            buttons.append(button)
    return buttons


def open_dialogs(owner: QWidget) -> list[QDialog]:
    """The dialogs shown over `owner` (its children, found down the tree: asking Qt for every
    top-level widget while dialogs are being deleted crashes PySide) and a modal one."""
    found = [dialog for dialog in owner.findChildren(QDialog)
             if isValid(dialog) and dialog.isVisible()]
    modal = QApplication.activeModalWidget()
    if isinstance(modal, QDialog) and modal not in found and modal.isVisible():
        found.append(modal)
    return found
