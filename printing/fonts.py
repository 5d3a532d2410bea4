"""The shipped Liberation Sans faces, registered once with reportlab.

The flowchart layout measures and wraps text with these same font files
(jogoroto_desktop.textmetrics), so the PDF shows exactly the lines the layout decided. reportlab
embeds TrueType fonts as subsets (/FontFile2): the PDF prints the same on any PC.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from jogoroto_desktop.textmetrics import FONT_FILES, font_path

FAMILY = "LiberationSans"
FONT_NAMES: dict[str, str] = {
    "regular": FAMILY,
    "bold": f"{FAMILY}-Bold",
    "italic": f"{FAMILY}-Italic",
}


@cache
def register_fonts() -> str:
    """Register the three faces (and the family, for <b>/<i> in Paragraphs); returns the
    family name. Safe to call often: the work is done once per process."""
    for style, name in FONT_NAMES.items():
        pdfmetrics.registerFont(TTFont(name, font_path(style)))
    regular, bold, italic = FONT_NAMES["regular"], FONT_NAMES["bold"], FONT_NAMES["italic"]
    # No bold-italic face is shipped: bold stands in for it.
    addMapping(FAMILY, 0, 0, regular)
    addMapping(FAMILY, 1, 0, bold)
    addMapping(FAMILY, 0, 1, italic)
    addMapping(FAMILY, 1, 1, bold)
    return FAMILY


def font_name(style: str = "regular") -> str:
    """The registered reportlab font name of a layout style ("regular", "bold", "italic")."""
    if style not in FONT_FILES:
        raise ValueError(f"gaya huruf {style!r} tidak dikenal")
    register_fonts()
    return FONT_NAMES[style]
