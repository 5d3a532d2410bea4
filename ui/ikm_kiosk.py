"""Kios Survei Kepuasan: a full-screen window for a second screen that a citizen answers the
survey on. Staff choose the request first (its register number, or the QR code of its slip
or tanda terima scanned into the field), then hand over: one question at a time in big type,
four large faces (Tidak baik .. Sangat baik; the keys 1-4 too), an optional comment, a thank
you, and back to waiting. Answering needs no login (the answer is the citizen's own, source
"kiosk"); the window shows nothing else, has no frame or menu, ignores Escape and Alt+F4, and
closes only after a staff login (the program's login dialog and account check)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jogoroto_desktop import accounts
from jogoroto_desktop.ikm_kuesioner import NILAI_LABELS, SUMBER_KIOS, UNSUR
from jogoroto_desktop.registers import ikm
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.validation import ValidationError
from models import Permohonan

THANKS_MS = 4000
#: Idle for this long in the middle of a survey: the citizen walked away; start over.
ABANDON_MS = 180_000
FACE_COLORS = {1: "#dc2626", 2: "#f97316", 3: "#65a30d", 4: "#15803d"}
BACKGROUND = "#f4f7fb"


class FaceButton(QPushButton):
    """A big answer button: a face (its mouth from frown to smile by score) over the label."""

    def __init__(self, score: int, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = score
        self.label = label
        self.setObjectName(f"wajah_{score}")
        self.setAccessibleName(f"{score} {label}")
        self.setMinimumSize(200, 220)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        del event
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = QColor(FACE_COLORS[self.score])
        area = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        fill = QColor(color)
        fill.setAlpha(60 if self.isDown() else 28)
        painter.setPen(QPen(color, 5 if self.hasFocus() else 2))
        painter.setBrush(fill)
        painter.drawRoundedRect(area, 22, 22)
        label_h = area.height() * 0.24
        side = min(area.width() * 0.7, area.height() - label_h - 24)
        face = QRectF(area.center().x() - side / 2, area.top() + 14, side, side)
        painter.setBrush(QColor("#ffffff"))
        painter.setPen(QPen(color, max(3.0, side * 0.05)))
        painter.drawEllipse(face)
        painter.setBrush(color)
        eye = side * 0.09
        for dx in (-0.18, 0.18):
            painter.drawEllipse(QPointF(face.center().x() + dx * side,
                                        face.top() + side * 0.38), eye / 2, eye / 2)
        # The mouth: a frown (1) through a flat line to a broad smile (4).
        curve = (self.score - 2.5) / 1.5  # -1 .. 1
        mouth_w = side * 0.44
        mouth_y = face.top() + side * (0.68 - 0.04 * curve)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        left = QPointF(face.center().x() - mouth_w / 2, mouth_y)
        right = QPointF(face.center().x() + mouth_w / 2, mouth_y)
        control = QPointF(face.center().x(), mouth_y + curve * side * 0.22)
        path = QPainterPath(left)
        path.quadTo(control, right)
        painter.drawPath(path)
        font = QFont(self.font())
        font.setPointSizeF(max(14.0, side * 0.13))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#1f2937"))
        painter.drawText(QRectF(area.left(), face.bottom() + 4, area.width(), label_h),
                         Qt.AlignmentFlag.AlignCenter, f"{self.label}")
        painter.end()


def _big_label(text: str, size: float, name: str = "", bold: bool = False) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(size)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if name:
        label.setObjectName(name)
    return label


class KiosSurvei(QWidget):
    """The kiosk window. `mulai(permohonan)` hands it to a citizen; `answered(id)` is emitted
    after each saved answer."""

    answered = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("kiosSurvei")
        self.setWindowTitle("Survei Kepuasan Masyarakat")
        self.setStyleSheet(f"QWidget#kiosSurvei {{ background: {BACKGROUND}; }}")
        self.permohonan: Permohonan | None = None
        self.nilai: list[int] = []
        self._may_close = False
        self.login_dialog: QWidget | None = None
        self.stack = QStackedWidget()
        self.idle_page = self._build_idle()
        self.question_page = self._build_question()
        self.comment_page = self._build_comment()
        self.thanks_page = self._build_thanks()
        for page in (self.idle_page, self.question_page, self.comment_page, self.thanks_page):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 20)
        layout.addWidget(self.stack, 1)
        self.exit_button = QPushButton("Keluar kios (petugas)")
        self.exit_button.setObjectName("keluarKios")
        self.exit_button.setFlat(True)
        self.exit_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.exit_button.setStyleSheet("color: #9aa5b1;")
        self.exit_button.clicked.connect(self.minta_keluar)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.exit_button)
        layout.addLayout(footer)
        self.reset_timer = QTimer(self)
        self.reset_timer.setSingleShot(True)
        self.reset_timer.timeout.connect(self.reset)
        self.reset()

    # --- pages -----------------------------------------------------------------------------

    def _build_idle(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        layout.addWidget(_big_label("Survei Kepuasan Masyarakat", 34, bold=True))
        from jogoroto_desktop.kop_settings import kop_from_settings

        layout.addWidget(_big_label(kop_from_settings().instansi.title(), 22))
        layout.addSpacing(30)
        layout.addWidget(_big_label("Mohon tunggu, petugas akan menyiapkan survei untuk "
                                    "Saudara.", 20, "kiosMenunggu"))
        layout.addStretch(3)
        staff = QHBoxLayout()
        caption = QLabel("Petugas: pindai kode QR lembar survei/tanda terima, atau ketik nomor "
                         "register lalu Enter:")
        self.kunci = QLineEdit()
        self.kunci.setObjectName("kiosKunci")
        self.kunci.setPlaceholderText("mis. legalisir/12/2026")
        self.kunci.setMinimumWidth(320)
        self.kunci.returnPressed.connect(self.pilih_dari_kunci)
        staff.addStretch(1)
        staff.addWidget(caption)
        staff.addWidget(self.kunci)
        staff.addStretch(1)
        layout.addLayout(staff)
        self.idle_message = QLabel()
        self.idle_message.setObjectName("kiosPesan")
        self.idle_message.setStyleSheet("color: #b91c1c;")
        self.idle_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_message.setWordWrap(True)
        layout.addWidget(self.idle_message)
        return page

    def _build_question(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.progress = _big_label("", 16, "kiosKemajuan")
        self.element = _big_label("", 22, "kiosUnsur", bold=True)
        self.question = _big_label("", 28, "kiosPertanyaan")
        layout.addWidget(self.progress)
        layout.addSpacing(8)
        layout.addWidget(self.element)
        layout.addWidget(self.question)
        layout.addStretch(1)
        faces = QHBoxLayout()
        faces.setSpacing(24)
        self.faces = []
        for score, label in NILAI_LABELS.items():
            button = FaceButton(score, label)
            button.clicked.connect(lambda _checked=False, s=score: self.jawab(s))
            faces.addWidget(button, 1)
            self.faces.append(button)
        layout.addLayout(faces, 3)
        layout.addStretch(1)
        back = QHBoxLayout()
        self.back_button = QPushButton("\u2190 Pertanyaan sebelumnya")
        self.back_button.setObjectName("kiosKembali")
        self.back_button.setMinimumHeight(56)
        back_font = self.back_button.font()
        back_font.setPointSizeF(14)
        self.back_button.setFont(back_font)
        self.back_button.clicked.connect(self.kembali)
        back.addWidget(self.back_button)
        back.addStretch(1)
        layout.addLayout(back)
        return page

    def _build_comment(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(_big_label("Ada komentar, saran atau masukan? (boleh dilewati)", 26,
                                    bold=True))
        self.komentar = QPlainTextEdit()
        self.komentar.setObjectName("kiosKomentar")
        font = self.komentar.font()
        font.setPointSizeF(18)
        self.komentar.setFont(font)
        self.komentar.setMaximumHeight(200)
        layout.addWidget(self.komentar)
        self.comment_message = QLabel()
        self.comment_message.setStyleSheet("color: #b91c1c;")
        layout.addWidget(self.comment_message)
        buttons = QHBoxLayout()
        for text, name, slot in (("Lewati", "kiosLewati", self.lewati),
                                 ("Kirim penilaian", "kiosKirim", self.kirim)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setMinimumSize(260, 72)
            bigger = button.font()
            bigger.setPointSizeF(18)
            bigger.setBold(name == "kiosKirim")
            button.setFont(bigger)
            button.clicked.connect(slot)
            buttons.addStretch(1)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    def _build_thanks(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(_big_label("Terima kasih!", 48, "kiosTerimaKasih", bold=True))
        layout.addWidget(_big_label("Penilaian Saudara sudah kami terima dan akan dipakai untuk "
                                    "memperbaiki pelayanan.", 22))
        layout.addStretch(1)
        return page

    # --- the flow --------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to waiting for staff to choose the next request."""
        self.reset_timer.stop()
        self.permohonan = None
        self.nilai = []
        self.komentar.clear()
        self.kunci.clear()
        self.idle_message.clear()
        self.stack.setCurrentWidget(self.idle_page)
        self.kunci.setFocus()

    def pilih_dari_kunci(self) -> None:
        try:
            found = ikm.cari_permohonan_survei(self.kunci.text())
        except ValidationError as exc:
            self.idle_message.setText(" ".join(exc.problems.values()))
            return
        if found is None:
            self.idle_message.setText(f"Permohonan \u201c{self.kunci.text().strip()}\u201d "
                                      "tidak ditemukan.")
            return
        self.mulai(found)

    def mulai(self, permohonan: Permohonan) -> bool:
        """Hand the kiosk over for ``permohonan``; False (the reason shown) when it cannot
        be answered (not collected, voided, already answered)."""
        refused = ikm.alasan_tidak_bisa(permohonan)
        if refused:
            self.idle_message.setText(refused)
            self.stack.setCurrentWidget(self.idle_page)
            return False
        self.permohonan = permohonan
        self.nilai = []
        self._show_question()
        return True

    def _show_question(self) -> None:
        index = len(self.nilai)
        unsur = UNSUR[index]
        sop = ly.get_sop(self.permohonan.sop_id) if self.permohonan else None
        self.progress.setText(f"{sop.name if sop else ''} \u2014 pertanyaan {index + 1} dari "
                              f"{len(UNSUR)}")
        self.element.setText(unsur.nama)
        self.question.setText(unsur.pertanyaan)
        self.back_button.setVisible(index > 0)
        self.stack.setCurrentWidget(self.question_page)
        self.faces[0].setFocus()
        self.reset_timer.start(ABANDON_MS)

    def jawab(self, score: int) -> None:
        if self.permohonan is None or self.stack.currentWidget() is not self.question_page:
            return
        self.nilai.append(score)
        if len(self.nilai) < len(UNSUR):
            self._show_question()
        else:
            self.comment_message.clear()
            self.stack.setCurrentWidget(self.comment_page)
            self.komentar.setFocus()
            self.reset_timer.start(ABANDON_MS)

    def kembali(self) -> None:
        if self.nilai:
            self.nilai.pop()
            self._show_question()

    def lewati(self) -> None:
        self.komentar.clear()
        self.kirim()

    def kirim(self) -> None:
        if self.permohonan is None or len(self.nilai) != len(UNSUR):
            return
        try:
            respons_id = ikm.tambah_respons(self.permohonan.id, self.nilai,
                                            komentar=self.komentar.toPlainText(),
                                            sumber=SUMBER_KIOS)
        except ValidationError as exc:
            self.comment_message.setText(" ".join(exc.problems.values()))
            return
        self.stack.setCurrentWidget(self.thanks_page)
        self.reset_timer.start(THANKS_MS)
        self.answered.emit(respons_id)

    # --- keys and closing ------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if self.stack.currentWidget() is self.question_page and \
                Qt.Key.Key_1 <= key <= Qt.Key.Key_4:
            self.jawab(key - Qt.Key.Key_0)
            return
        if key == Qt.Key.Key_Escape:
            return  # no way out for the citizen
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Alt+F4 and the like: refused unless a staff login let it close."""
        if self._may_close:
            self.reset_timer.stop()
            event.accept()
        else:
            event.ignore()

    def minta_keluar(self) -> None:
        """The staff login; the window closes once it is accepted (the acting user of the
        program does not change)."""
        if not accounts.ada_pengguna():  # a database before its first-run setup
            self._leave()
            return
        from ui.login_dialog import LoginDialog

        dialog = LoginDialog("", self)
        dialog.setWindowTitle("Keluar dari kios survei")
        dialog.cancel_button.setText("Batal")  # type: ignore[attr-defined]
        dialog.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        dialog.accepted.connect(self._leave)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.login_dialog = dialog
        dialog.open()

    def _leave(self) -> None:
        self._may_close = True
        self.close()


def open_kiosk(parent: QWidget | None = None, permohonan: Permohonan | None = None,
               full_screen: bool = True) -> KiosSurvei:
    """Open the kiosk on the second screen when there is one (else this one), full screen;
    with ``permohonan`` it starts on its first question."""
    kiosk = KiosSurvei(parent)
    screens = QGuiApplication.screens()
    if len(screens) > 1:
        kiosk.setScreen(screens[1])
        kiosk.move(screens[1].geometry().topLeft())
    kiosk.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if full_screen:
        kiosk.showFullScreen()
    else:
        kiosk.show()
    if permohonan is not None:
        kiosk.mulai(permohonan)
    return kiosk
