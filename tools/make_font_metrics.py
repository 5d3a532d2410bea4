"""Regenerate resources/fonts/metrics.json: advance widths of the shipped fonts.

The flowchart layout wraps text without Qt or reportlab, so it needs the widths of the very
font both painters use. Run after changing the shipped fonts:

    python tools/make_font_metrics.py
"""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"
FACES = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
}
# Latin-1 and the punctuation an Indonesian office text uses.
CODEPOINTS = [*range(0x20, 0x7F), *range(0xA0, 0x100), 0x2013, 0x2014, 0x2018, 0x2019,
              0x201C, 0x201D, 0x2022, 0x2026, 0x2192]


def main() -> None:
    metrics: dict[str, dict[str, object]] = {}
    for face, file_name in FACES.items():
        font = TTFont(face, str(FONTS / file_name))
        widths = {str(cp): round(font.stringWidth(chr(cp), 1000), 2) for cp in CODEPOINTS}
        face_info = font.face
        metrics[face] = {
            "file": file_name,
            "ascent": face_info.ascent,
            "descent": face_info.descent,
            "default_width": round(font.stringWidth("n", 1000), 2),
            "widths": widths,
        }
    (FONTS / "metrics.json").write_text(json.dumps(metrics, indent=0, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
