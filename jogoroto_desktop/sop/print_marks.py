"""What a printed SOP version says about itself: its version line ("Versi 2 · Berlaku") and the
mark of a version not yet approved ("DRAF"). Plain text, shared by the PDF (printing) and the
PNG (ui) painters so both say the same."""

from __future__ import annotations

DRAFT_WATERMARK = "DRAF"
DRAFT_NOTE = "DRAF \u2014 belum disahkan"
VERSION_LABEL = "Versi"
VERSION_ROW_LABEL = "Status"  # the identitas row that holds "Versi 2 · Berlaku"


def version_label(versi: int | None, status_label: str | None = None) -> str:
    """"Versi 2 · Berlaku" (or "Versi 2" without a status); "" without a version number."""
    if versi is None:
        return ""
    text = f"{VERSION_LABEL} {versi}"
    return f"{text} \u00b7 {status_label}" if status_label else text


def footer_note(versi: int | None = None, status_label: str | None = None,
                draf: bool = False) -> str:
    """The left part of every page's footer: the draft mark first, then the version."""
    parts = [DRAFT_NOTE] if draf else []
    label = version_label(versi, status_label)
    if label:
        parts.append(label)
    return "   |   ".join(parts)
