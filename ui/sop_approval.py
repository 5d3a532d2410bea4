"""The approval view of a submitted SOP version: what changed against the version in force
(jogoroto_desktop.sop.diff, grouped as the book is), the flowcharts of both side by side, and
the act of whoever's turn it is: the Sekretaris Camat forwards it to the Camat or returns it
with a note; the Camat approves it with its Tgl. Efektif. Every act is the domain's
(jogoroto_desktop.sop.versions), which checks the role; a refusal is shown here in Indonesian.
The same window shows any version read-only (its flowchart and what it changed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.dates import format_tanggal, format_waktu_tanggal
from jogoroto_desktop.session import Actor
from jogoroto_desktop.sop import versions
from jogoroto_desktop.sop.diff import PerbandinganSop, bandingkan
from jogoroto_desktop.sop.editing import drawing_problem
from jogoroto_desktop.sop.versions import SopVersi
from jogoroto_desktop.validation import ValidationError
from ui.flowchart_view import FlowchartPanel
from ui.registers.dates import date_edit, to_date
from ui.registers.forms import FormDialog, name_window, style_error_label
from ui.registers.void import AlasanDialog
from ui.sop_edit_widgets import fit_window, named_button


def versi_facts(item: SopVersi) -> str:
    """Who did what to a version, and when: "dibuat oleh …, diajukan oleh … pada …"."""
    parts = [f"Versi {item.versi} · {item.status_label}"]
    if item.diajukan_oleh and item.diajukan_pada:
        parts.append(f"diajukan oleh {item.diajukan_oleh}, "
                     f"{format_waktu_tanggal(item.diajukan_pada)}")
    if item.diteruskan_oleh and item.diteruskan_pada:
        parts.append(f"diteruskan ke Camat oleh {item.diteruskan_oleh}, "
                     f"{format_waktu_tanggal(item.diteruskan_pada)}")
    if item.disahkan_oleh and item.disahkan_pada:
        parts.append(f"disahkan oleh {item.disahkan_oleh}, "
                     f"{format_waktu_tanggal(item.disahkan_pada)}")
    if item.tanggal_efektif:
        parts.append(f"Tgl. Efektif {format_tanggal(item.tanggal_efektif)}")
    return " · ".join(parts)


def perbandingan_html(result: PerbandinganSop, against: str) -> str:
    """The changes as a readable page: a heading per group, one line per change."""
    if result.kosong:
        return f"<p><b>Tidak ada perubahan</b> terhadap {escape(against)}.</p>"
    body = [f"<p><b>Perubahan terhadap {escape(against)}:</b> {escape(result.ringkasan())}.</p>"]
    for heading, lines in result.kelompok():
        body.append(f"<h3 style='margin-bottom:2px'>{escape(heading)}</h3><ul>")
        for line in lines:
            if line.startswith("  "):  # a changed step's field, under its step
                body.append(f"<li style='list-style:none; margin-left:16px'>"
                            f"{escape(line.strip())}</li>")
            else:
                body.append(f"<li>{escape(line)}</li>")
        body.append("</ul>")
    return "".join(body)


def print_versi(parent: QWidget, item: SopVersi) -> QWidget:
    """The print preview of one version (ui.sop_print, the catalog's "Cetak SOP" document);
    the one place the version list and the approval view print through."""
    from ui.pdf_preview import open_form_preview
    from ui.sop_print import sop_form_job

    return open_form_preview(parent, sop_form_job(
        item.sop, versi=item.versi, status_label=item.status_label, draf=item.terbuka))


class _Side(QWidget):
    """One version's flowchart under its caption, without the step details."""

    def __init__(self, caption: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.caption = QLabel(f"<b>{escape(caption)}</b>")
        self.panel = FlowchartPanel()
        self.panel.details_area.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.panel, 1)

    def show_versi(self, item: SopVersi | None) -> None:
        if item is None:
            self.panel.show_sop(None)
            return
        reason = drawing_problem(item.sop)
        if reason is None or item.sop.is_draft:
            self.panel.show_sop(item.sop)
        else:
            self.panel.show_unavailable(item.sop, "Diagram alir belum dapat digambar", reason)


class PengesahanDialog(FormDialog):
    """One version (`versi`) against the version in force (`berlaku`), with the acts `actor`
    may do on it now. `acted` is emitted after an act went through."""

    acted = Signal()

    def __init__(self, versi: SopVersi, berlaku: SopVersi | None, actor: Actor | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        sop = versi.sop
        name_window(self, f"Pengesahan SOP: {sop.name}", "sopPengesahan", (1340, 720))
        fit_window(self, (1340, 720))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.versi = versi
        self.berlaku = berlaku
        self.actor = actor
        self.done_text = ""  # what the act did, for the status bar

        title = QLabel(f"{sop.name} — versi {versi.versi}")
        title.setObjectName("pengesahanTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        self.facts = QLabel(versi_facts(versi))
        self.facts.setObjectName("pengesahanFacts")
        self.facts.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("catatanPengembalian")
        self.note.setWordWrap(True)
        if versi.catatan:
            self.note.setText(f"Catatan pengembalian: {versi.catatan}")
        self.note.setVisible(bool(versi.catatan))

        compare_to = berlaku if berlaku is not None and berlaku.versi != versi.versi else None
        against = (f"versi {compare_to.versi} yang berlaku" if compare_to is not None
                   else "versi sebelumnya")
        self.comparison = bandingkan(compare_to.sop, sop) if compare_to is not None else None
        self.changes = QTextBrowser()
        self.changes.setObjectName("perubahan")
        self.changes.setOpenLinks(False)
        if self.comparison is not None:
            self.changes.setHtml(perbandingan_html(self.comparison, against))
        else:
            self.changes.setHtml("<p>Belum ada versi yang berlaku untuk dibandingkan: ini versi "
                                 "pertama SOP ini.</p>")

        self.old_side = _Side(f"Versi {compare_to.versi} (berlaku)" if compare_to else
                              "Belum ada versi berlaku", "sisiLama")
        self.new_side = _Side(f"Versi {versi.versi} ({versi.status_label.lower()})", "sisiBaru")
        self.old_side.show_versi(compare_to)
        self.new_side.show_versi(versi)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.old_side)
        charts.addWidget(self.new_side)
        charts.setChildrenCollapsible(False)
        self.charts = charts

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(self.changes)
        body.addWidget(charts)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 3)
        body.setSizes([190, 440])
        body.setChildrenCollapsible(False)

        self.forward_button = named_button("&Teruskan ke Camat", "teruskan", self.forward,
                                           "Teruskan versi ini kepada Camat untuk disahkan")
        self.return_button = named_button("&Kembalikan\u2026", "kembalikan", self.ask_return,
                                          "Kembalikan ke penyusun sebagai draf, dengan catatan")
        self.effective = date_edit(dt.date.today())
        self.effective.setObjectName("tanggalEfektif")
        self.effective_label = QLabel("Tgl. &Efektif:")
        self.effective_label.setBuddy(self.effective)
        self.approve_button = named_button("&Sahkan", "sahkan", self.approve,
                                           "Sahkan versi ini; berlaku mulai Tgl. Efektif")
        self.print_button = named_button("&Cetak SOP\u2026", "cetakVersi", self.print_version,
                                         "Pratinjau lalu cetak versi ini")
        close = named_button("&Tutup", "tutup", self.reject, "Tutup (Esc)")
        self.turn = QLabel()
        self.turn.setObjectName("giliran")
        self.turn.setWordWrap(True)
        style_error_label(self.messages.general)

        row = QHBoxLayout()
        row.addWidget(self.turn, 1)
        for widget in (self.forward_button, self.return_button, self.effective_label,
                       self.effective, self.approve_button, self.print_button, close):
            row.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.facts)
        layout.addWidget(self.note)
        layout.addWidget(body, 1)
        layout.addWidget(self.messages.general)
        layout.addLayout(row)
        self._show_turn()

    # -- whose turn -------------------------------------------------------------------------

    def _show_turn(self) -> None:
        """Show the acts of the actor's role on a submitted version (the domain decides)."""
        item = self.versi
        submitted = item.status == versions.DIAJUKAN
        forwarded = item.diteruskan_pada is not None
        reviewer = self.actor is not None and self.actor.may("sop.tinjau")
        approver = self.actor is not None and self.actor.may("sop.sahkan")
        self.forward_button.setVisible(submitted and reviewer and not forwarded)
        self.return_button.setVisible(submitted and reviewer)
        for widget in (self.effective_label, self.effective, self.approve_button):
            widget.setVisible(submitted and approver)
        if not submitted:
            self.turn.setText(f"Versi ini berstatus {item.status_label}: hanya dilihat.")
        elif approver:
            self.turn.setText("Periksa perubahannya, lalu sahkan dengan Tgl. Efektifnya.")
        elif reviewer:
            self.turn.setText("Sudah diteruskan ke Camat; masih bisa dikembalikan." if forwarded
                              else "Teruskan ke Camat, atau kembalikan dengan catatan.")
        else:
            self.turn.setText("Menunggu tinjauan Sekretaris Camat dan pengesahan Camat.")

    # -- acts -------------------------------------------------------------------------------

    def _act(self, act: Callable[[], SopVersi], done: str) -> bool:
        """Run a domain act; a refusal stays shown here, a success closes the window."""
        try:
            self.versi = act()
        except ValidationError as exc:
            self.messages.general.setText("\n".join(exc.problems.values()))
            self.messages.general.show()
            return False
        self.done_text = done
        self.acted.emit()
        self.accept()
        return True

    def forward(self) -> bool:
        item = self.versi
        return self._act(lambda: versions.teruskan(item.sop_id, self.actor, dibaca=item),
                         f"Versi {item.versi} diteruskan ke Camat.")

    def ask_return(self) -> AlasanDialog:
        """The note asked in the one reason dialog; the return is made when it is given."""
        item = self.versi

        def act(alasan: str) -> None:
            # Raised refusals (an empty note) stay in the note dialog, under its field.
            self.versi = versions.kembalikan(item.sop_id, self.actor, alasan, dibaca=item)

        dialog = AlasanDialog(
            "Kembalikan draf SOP", f"{item.sop.name}, versi {item.versi}, dikembalikan ke "
            "penyusun sebagai draf. Tulis apa yang harus diperbaiki.", "&Kembalikan", act, self,
            label="&Catatan (wajib):", field_object="catatan", ask_before_closing=True)
        dialog.acted.connect(self._returned)
        dialog.open()
        self.return_dialog = dialog
        return dialog

    def _returned(self) -> None:
        self.done_text = f"Versi {self.versi.versi} dikembalikan kepada penyusun."
        self.acted.emit()
        self.accept()

    def approve(self) -> bool:
        item = self.versi
        efektif = to_date(self.effective.date())
        return self._act(lambda: versions.sahkan(item.sop_id, self.actor, efektif, dibaca=item),
                         f"Versi {item.versi} disahkan, berlaku {format_tanggal(efektif)}.")

    def print_version(self) -> QWidget:
        self.preview = print_versi(self, self.versi)
        return self.preview
