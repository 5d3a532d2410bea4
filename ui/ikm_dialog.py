"""Isi Survei Kepuasan: the nine questions of one collected request, each answered 1-4 with
labelled radio buttons (Tidak baik / Kurang baik / Baik / Sangat baik; the keys 1-4 answer the
question in focus and move to the next), the optional respondent profile and comment. Used at
the Buku Pengambilan (source "loket") and to type in a printed slip (source "slip"); the
domain refuses a second response for the request. Also "Cetak Lembar Survei": the slip to
take away."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop.ikm_kuesioner import NILAI_LABELS, PROFIL, SUMBER_LOKET, UNSUR
from jogoroto_desktop.registers import ikm
from jogoroto_desktop.registers import layanan as ly
from models import Permohonan
from ui.registers.forms import FormDialog, make_buttons

_SCORE_KEYS = {Qt.Key.Key_1: 1, Qt.Key.Key_2: 2, Qt.Key.Key_3: 3, Qt.Key.Key_4: 4}


class _ScoreKeys(QObject):
    """1-4 on a question's radio button answers that question and moves to the next one."""

    def __init__(self, dialog: SurveiDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        score = _SCORE_KEYS.get(Qt.Key(event.key()))
        if score is None:
            return False
        for index, group in enumerate(self.dialog.groups):
            if watched in group.buttons():
                self.dialog.answer(index, score)
                return True
        return False


class SurveiDialog(FormDialog):
    """The survey of one collected request; `respons_id` holds the new response's id once
    saved."""

    def __init__(self, permohonan: Permohonan, parent: QWidget | None = None, *,
                 sumber: str = SUMBER_LOKET) -> None:
        super().__init__(parent, title="Survei Kepuasan Masyarakat", name="surveiDialog",
                         min_width=1000)
        self.permohonan = permohonan
        self.sumber = sumber
        self.respons_id: int | None = None
        self.slip_requested = False
        sop = ly.get_sop(permohonan.sop_id)
        intro = QLabel(
            f"<b>{html.escape(sop.name)}</b> {ly.nomor_register(permohonan)} \u2014 pemohon "
            f"{html.escape(permohonan.pemohon_nama)}<br>Tanyakan kepada pemohon, atau ketik "
            "dari lembar survei. Tombol 1\u20134 menjawab pertanyaan yang sedang dipilih.")
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        for column, (score, label) in enumerate(NILAI_LABELS.items(), 2):
            head = QLabel(f"<b>{score}</b><br>{label}")
            head.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(head, 0, column)
        self.groups: list[QButtonGroup] = []
        keys = _ScoreKeys(self)
        for row, unsur in enumerate(UNSUR, 1):
            code = QLabel(f"<b>{unsur.kode}</b>")
            question = QLabel(f"<b>{html.escape(unsur.nama)}</b><br>"
                              f"<span style='color:#4a5560'>{html.escape(unsur.pertanyaan)}"
                              "</span>")
            question.setWordWrap(True)
            question.setMinimumWidth(420)
            # the name and a question of up to two lines, whole (a grid would squeeze it)
            question.setMinimumHeight(question.fontMetrics().lineSpacing() * 3 + 2)
            grid.addWidget(code, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(question, row, 1)
            group = QButtonGroup(self)
            for column, (score, label) in enumerate(NILAI_LABELS.items(), 2):
                button = QRadioButton(str(score))
                button.setObjectName(f"nilai_{unsur.kode}_{score}")
                button.setToolTip(f"{unsur.kode} {unsur.nama}: {label} (tombol {score})")
                button.setAccessibleName(f"{unsur.kode} {label}")
                button.installEventFilter(keys)
                group.addButton(button, score)
                grid.addWidget(button, row, column, Qt.AlignmentFlag.AlignCenter)
            self.groups.append(group)
        grid.setColumnStretch(1, 1)
        layout.addWidget(self.messages.field("nilai", _wrap(grid)))

        profile = QHBoxLayout()
        self.profil: dict[str, QComboBox] = {}
        for name, (label, options) in PROFIL.items():
            combo = QComboBox()
            combo.setObjectName(f"profil_{name}")
            combo.addItem(ikm.TIDAK_DIISI, "")
            for code, text in options.items():
                combo.addItem(text, code)
            self.profil[name] = combo
            caption = QLabel(f"{label}:")
            caption.setBuddy(combo)
            profile.addWidget(caption)
            profile.addWidget(self.messages.field(name, combo), 1)
        layout.addLayout(profile)
        self.komentar = QPlainTextEdit()
        self.komentar.setObjectName("komentar")
        self.komentar.setPlaceholderText("Komentar, saran dan masukan (boleh kosong)")
        self.komentar.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.komentar.setTabChangesFocus(True)
        layout.addWidget(self.messages.field("komentar", self.komentar))
        layout.addWidget(self.messages.general)
        self.slip_button = QPushButton("Cetak &Lembar Survei")
        self.slip_button.setObjectName("cetakSlip")
        self.slip_button.setToolTip("Cetak lembar survei untuk diisi pemohon; ketik jawabannya "
                                    "kemudian di halaman Survei Kepuasan (IKM)")
        self.slip_button.clicked.connect(self.request_slip)
        layout.addLayout(make_buttons(self, "&Simpan Jawaban", self.save,
                                      lead=self.slip_button, cancel_text="&Nanti Saja"))
        self.groups[0].button(1).setFocus()

    def answer(self, index: int, score: int) -> None:
        """Answer question `index` (0-8) with `score` and move the focus to the next."""
        self.groups[index].button(score).setChecked(True)
        following = self.groups[min(index + 1, len(self.groups) - 1)]
        target = following.checkedButton() or following.button(1)
        if index + 1 < len(self.groups):
            target.setFocus()
        else:
            self.profil["jenis_kelamin"].setFocus()

    def nilai(self) -> list[int]:
        """The chosen scores; a question left open counts as 0 (refused by the domain)."""
        return [max(group.checkedId(), 0) for group in self.groups]

    def is_dirty(self) -> bool:
        return any(group.checkedId() > 0 for group in self.groups) or bool(
            self.komentar.toPlainText().strip())

    def save(self) -> None:
        scores = self.nilai()
        missing = [u.kode for u, s in zip(UNSUR, scores, strict=True) if not s]
        if missing:
            self.show_problems({"nilai": "Pilih satu jawaban untuk setiap pertanyaan; belum "
                                         f"dijawab: {', '.join(missing)}."})
            return
        with self.messages.showing_problems():
            self.respons_id = ikm.tambah_respons(
                self.permohonan.id, scores, komentar=self.komentar.toPlainText(),
                sumber=self.sumber,
                **{name: combo.currentData() for name, combo in self.profil.items()})
            self.accept()

    def request_slip(self) -> None:
        """Close without an answer; the caller prints the slip (`slip_requested`)."""
        self.slip_requested = True
        super().reject()


def _wrap(layout: QGridLayout) -> QWidget:
    box = QWidget()
    box.setLayout(layout)
    return box


def open_slip_preview(parent: QWidget, permohonan: Permohonan) -> QWidget | None:
    """Preview (and print) the survey slip of a collected request."""
    from jogoroto_desktop import documents
    from printing.forms.survei_ikm import PAPERS, build_survei_ikm
    from ui.pdf_preview import FormJob, open_form_preview

    return open_form_preview(parent, FormJob(
        "survei_ikm", f"Lembar Survei {ly.nomor_register(permohonan)}", PAPERS,
        lambda path, paper: build_survei_ikm(documents.survei_ikm_data(permohonan), path,
                                             paper),
        (permohonan,), "Lembar Survei Kepuasan"))
