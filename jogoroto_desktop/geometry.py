"""Plain page geometry shared by the flowchart layout and the printed forms: points, rectangles
and the millimetre. A leaf module (it imports nothing of the project), so `printing` can use it
without pulling in the flowchart layout.

Units are PostScript points (1/72 inch); the origin is the top-left corner and y grows downwards.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72.0 / 25.4  # one millimetre in points


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, other: Rect, tolerance: float = 1e-6) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )

    def contains_point(self, point: Point, tolerance: float = 1e-6) -> bool:
        return (
            self.x - tolerance <= point.x <= self.right + tolerance
            and self.y - tolerance <= point.y <= self.bottom + tolerance
        )
