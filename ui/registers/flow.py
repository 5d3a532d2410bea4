"""A row of widgets that wraps onto the next line when the page is too narrow for it: the
filter bars and button rows of the register pages, so a page needs no sideways scrolling on a
1366x768 screen at 125% or 150% Windows scaling (about 1093 or 911 pixels wide). No `Qt`
enums here: the overview, built before the first paint, uses it (tests/test_startup_path.py)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new line where the next one does not fit; one item
    (`set_stretch`) takes the free width left at the end of its line."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8,
                 columns: int = 0) -> None:
        """With `columns`, a grid of equal tiles: as many a line as fit (at most `columns`),
        sharing the line's width."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._stretch: QLayoutItem | None = None
        self._spacing = spacing
        self._columns = columns
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- QLayout ---------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def addLayout(self, layout: QLayout) -> None:  # noqa: N802
        """Keep `layout` together as one item of the row."""
        holder = QWidget()
        layout.setContentsMargins(0, 0, 0, 0)
        holder.setLayout(layout)
        self.addWidget(holder)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        if item is self._stretch:
            self._stretch = None
        return item

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """All on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown)
        width += self._spacing * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        """As wide as the widest item: everything else wraps."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # --- the row ----------------------------------------------------------------------------

    def set_stretch(self, widget: QWidget) -> None:
        """`widget` (already added) takes the free width at the end of its line."""
        self._stretch = next((item for item in self._items if item.widget() is widget), None)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, place: bool) -> int:
        """Lay the items out in `rect` (only measuring unless `place`); the height used."""
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        if self._columns:
            return self._arrange_tiles(area, place) + margins.top() + margins.bottom()
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            width = min(item.sizeHint().width(), area.width())
            if lines[-1] and used + self._spacing + width > area.width():
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + width
            lines[-1].append(item)
        y = area.top()
        for line in lines:
            if not line:
                continue
            height = max(item.sizeHint().height() for item in line)
            widths = [min(item.sizeHint().width(), area.width()) for item in line]
            free = area.width() - sum(widths) - self._spacing * (len(line) - 1)
            if self._stretch in line and free > 0:
                widths[line.index(self._stretch)] += free
            x = area.left()
            for item, width in zip(line, widths, strict=True):
                if place:
                    item_height = min(height, max(item.sizeHint().height(),
                                                  item.minimumSize().height()))
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, item_height)))
                x += width + self._spacing
            y += height + self._spacing
        return y - self._spacing - area.top() + margins.top() + margins.bottom()

    def _arrange_tiles(self, area: QRect, place: bool) -> int:
        shown = self._shown()
        if not shown:
            return 0
        tile = QSize()
        for item in shown:
            tile = tile.expandedTo(item.sizeHint()).expandedTo(item.minimumSize())
        gap = self._spacing
        per_line = max(1, min(self._columns, (area.width() + gap) // (tile.width() + gap)))
        width = max(tile.width(), (area.width() - gap * (per_line - 1)) // per_line)
        for index, item in enumerate(shown):
            row, column = divmod(index, per_line)
            if place:
                item.setGeometry(QRect(area.left() + column * (width + gap),
                                       area.top() + row * (tile.height() + gap),
                                       width, tile.height()))
        rows = (len(shown) + per_line - 1) // per_line
        return rows * tile.height() + gap * (rows - 1)


def pair(*widgets: QWidget, spacing: int = 4) -> QWidget:
    """`widgets` (a label and its field) kept together on one line of a FlowLayout."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    for widget in widgets:
        row.addWidget(widget, 1 if widget is widgets[-1] else 0)
    return holder


