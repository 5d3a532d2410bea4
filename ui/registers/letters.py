"""Fields the letter registers share (Agenda Surat Masuk/Keluar, Surat Pengantar): the
klasifikasi chooser, the "kepada" line with its completer and the letter's date."""

from __future__ import annotations

from PySide6.QtCore import QDate, QObject, QStringListModel
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QSizePolicy

from jogoroto_desktop.registers.surat import klasifikasi_table
from ui.registers.dates import date_edit
from ui.registers.forms import contains_completer, named_line

KODE_SEPARATOR = " \u2014 "  # "005 — Undangan"


def klasifikasi_label(kode: str) -> str:
    """``005 — Undangan`` for a known code, the code itself otherwise."""
    name = klasifikasi_table().get(kode)
    return f"{kode}{KODE_SEPARATOR}{name}" if name else kode


def parse_klasifikasi(text: str) -> str:
    """The code in what was typed: "005 — Undangan", "005", "005 Undangan" or just "Undangan";
    anything else is returned as typed, for the domain's check."""
    cleaned = " ".join(text.split())
    if not cleaned:
        return ""
    head = cleaned.split(KODE_SEPARATOR.strip())[0].split()[0]
    if head[0].isdigit():
        return head
    by_name = {name.lower(): kode for kode, name in klasifikasi_table().items()}
    return by_name.get(cleaned.lower(), cleaned)


def klasifikasi_combo(placeholder: str, chosen: str | None = None) -> QComboBox:
    """An editable chooser of the classification table (typing finds a code or a name
    anywhere); `chosen` is preselected, otherwise it starts empty."""
    combo = QComboBox()
    combo.setObjectName("klasifikasi")
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(15)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    for kode in klasifikasi_table():
        combo.addItem(klasifikasi_label(kode), kode)
    combo.setCurrentIndex(combo.findData(chosen) if chosen else -1)
    combo.lineEdit().setPlaceholderText(placeholder)
    combo.setCompleter(contains_completer(combo.model(), combo, popup=True))
    return combo


def show_klasifikasi(combo: QComboBox, kode: str) -> None:
    """Show `kode` in a `klasifikasi_combo` (also a code not in the table)."""
    label = klasifikasi_label(kode)
    combo.setCurrentIndex(combo.findText(label))
    combo.setEditText(label)


def kepada_line(placeholder: str, choices: list[str] | None, owner: QObject) -> QLineEdit:
    """The addressee, completed from the addressees written before (`choices`)."""
    edit = named_line("kepada", placeholder)
    if choices:
        edit.setCompleter(contains_completer(QStringListModel(choices, owner), edit))
    return edit


def letter_date_edit() -> QDateEdit:
    """The date of an outgoing letter: today, never later."""
    edit = date_edit()
    edit.setObjectName("tanggal")
    edit.setMaximumDate(QDate.currentDate())
    return edit
