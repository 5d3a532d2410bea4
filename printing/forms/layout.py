"""What a builder drew where: per page, every fitted text (box, drawn extent, lines) and every
QR code, in page points with the origin top-left and y down. Filled when a `FormLayout` is
passed to a builder; the tests and the print warnings read it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from jogoroto_desktop.geometry import Rect


@dataclass(frozen=True)
class TextPlacement:
    """One fitted text on a page: its box and what was drawn (page points, y down)."""

    box: Rect
    extent: Rect | None
    lines: tuple[str, ...]
    size: float
    style: str
    origins: tuple[tuple[float, float], ...]
    truncated: bool
    continued: bool = False  # ends with the CONTINUED note; printed whole on a later page


@dataclass(frozen=True)
class QrPlacement:
    """One QR code on a page (page points, y down)."""

    payload: str
    code: Rect  # the modules
    quiet: Rect  # with the quiet zone


@dataclass
class PageLog:
    """Everything fitted on one page: its texts and QR codes."""

    width: float
    height: float
    texts: list[TextPlacement] = field(default_factory=list)
    qr_codes: list[QrPlacement] = field(default_factory=list)


@dataclass
class FormLayout:
    """Filled by a builder: one PageLog per page written."""

    pages: list[PageLog] = field(default_factory=list)

    @property
    def truncated(self) -> list[TextPlacement]:
        """The texts cut with "…" because they did not fit even at the smallest size."""
        return [t for page in self.pages for t in page.texts if t.truncated]

    @property
    def continued(self) -> list[TextPlacement]:
        """The texts that did not fit their box at 8 pt and go on in full on a later page."""
        return [t for page in self.pages for t in page.texts if t.continued]


@dataclass(frozen=True)
class Transform:
    """Local (form) coordinates to page coordinates, both y down; (dx, dy) is where the form's
    box lands top-left. A `turned` form (of height `form_h`) is turned a quarter clockwise:
    its top edge runs down the right side."""

    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    turned: bool = False
    form_h: float = 0.0

    def point(self, x: float, y: float) -> tuple[float, float]:
        s = self.scale
        if self.turned:
            return self.dx + s * (self.form_h - y), self.dy + s * x
        return self.dx + s * x, self.dy + s * y

    def rect(self, r: Rect) -> Rect:
        s = self.scale
        if self.turned:
            return Rect(self.dx + s * (self.form_h - r.bottom), self.dy + s * r.x, s * r.h,
                        s * r.w)
        return Rect(self.dx + s * r.x, self.dy + s * r.y, s * r.w, s * r.h)

    def text(self, t: TextPlacement) -> TextPlacement:
        return replace(
            t, box=self.rect(t.box), extent=None if t.extent is None else self.rect(t.extent),
            size=t.size * self.scale, origins=tuple(self.point(x, y) for x, y in t.origins),
        )

    def qr(self, q: QrPlacement) -> QrPlacement:
        return replace(q, code=self.rect(q.code), quiet=self.rect(q.quiet))


@dataclass
class Recording:
    """What a form XObject draws (its own coordinates), replayed into each page it is on."""

    height: float = 0.0
    texts: list[TextPlacement] = field(default_factory=list)
    qr_codes: list[QrPlacement] = field(default_factory=list)
