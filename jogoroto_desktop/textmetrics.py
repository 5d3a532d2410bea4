"""Text widths and line wrapping in the shipped font, without Qt or reportlab.

The flowchart layout decides every line break itself, so the screen and the PDF show the same
lines; both painters draw with the same font files (resources/fonts) these widths come from.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from jogoroto_desktop.storage.paths import resource_path

FONT_FILES = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
}
FONT_FAMILY = "Liberation Sans"


@dataclass(frozen=True)
class FaceMetrics:
    widths: dict[int, float]  # advance width per 1000 units of font size
    default_width: float
    ascent: float
    descent: float

    def text_width(self, text: str, size: float) -> float:
        get = self.widths.get
        default = self.default_width
        return sum(get(ord(c), default) for c in text) * size / 1000.0


@cache
def face_metrics(style: str = "regular") -> FaceMetrics:
    data = json.loads(resource_path("fonts", "metrics.json").read_text(encoding="utf-8"))
    face = data[style]
    return FaceMetrics(
        widths={int(k): float(v) for k, v in face["widths"].items()},
        default_width=float(face["default_width"]),
        ascent=float(face["ascent"]),
        descent=float(face["descent"]),
    )


def font_path(style: str = "regular") -> str:
    return str(resource_path("fonts", FONT_FILES[style]))


def wrap_text(text: str, width: float, size: float, style: str = "regular",
              hyphenate: bool = False) -> list[str]:
    """Greedy word wrap to `width` points; a word longer than a line is broken by characters
    (with `hyphenate`, between two letters with a hyphen, at least two letters on each side,
    where the line has room). Explicit newlines start new lines. An empty text gives no
    lines."""
    metrics = face_metrics(style)
    measure = metrics.text_width
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if measure(candidate, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            while measure(word, size) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut], size) > width:
                    cut -= 1
                if hyphenate:
                    at, mark = _hyphen_cut(word, cut, width, size, measure)
                    if at:
                        lines.append(word[:at] + mark)
                        word = word[at:]
                        continue
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        if current:
            lines.append(current)
    return lines


def _hyphen_cut(word: str, cut: int, width: float, size: float,
                measure: Callable[[str, float], float]) -> tuple[int, str]:
    """Where to break `word` (at most `cut` characters fit), and what ends the line: after a
    "/" or "-" inside it as it stands; else between two letters, two or more on each side,
    with a hyphen that fits `width`. (0, "") when nowhere."""
    for at in range(cut, 1, -1):
        if word[at - 1] in "/-" and at < len(word):
            return at, ""
    for at in range(min(cut, len(word) - 2), 1, -1):
        if (word[at - 1].isalpha() and word[at].isalpha()
                and measure(word[:at] + "-", size) <= width):
            return at, "-"
    return 0, ""
