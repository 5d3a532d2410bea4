"""The Lembar Survei Kepuasan Masyarakat: one page the citizen fills in after collecting a
service result (A4 or F4): the kop, the request's register number and service with its signed
QR code (scanning it at the IKM page opens the right request), the respondent profile as tick
boxes, the nine questions of PermenPAN-RB 14/2017 with four boxes each, and room for a
comment. Typed in later on the IKM page; one response per request."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jogoroto_desktop.geometry import Rect
from jogoroto_desktop.ikm_kuesioner import NILAI_LABELS, PROFIL, UNSUR
from jogoroto_desktop.kop import Kop
from printing.forms.blocks import label_value, page_spec, qr_with_label, tanggal_text
from printing.forms.fitting import text_height, text_width
from printing.forms.layout import FormLayout
from printing.forms.painter import THIN, Painter, Target, qr_quiet_side, with_binary_streams

PAPERS = ("A4", "F4")
PETUNJUK = ("Terima kasih telah menggunakan layanan kami. Berilah tanda centang pada "
            "satu kotak untuk setiap pertanyaan sesuai pendapat Saudara, lalu serahkan lembar "
            "ini ke loket. Jawaban Saudara bersifat rahasia dan dipakai untuk memperbaiki "
            "pelayanan.")


@dataclass(frozen=True)
class SurveiIkmData:
    """What the survey slip of one request prints."""

    nomor_register: str  # e.g. "legalisir/12/2026"
    layanan: str
    tanggal_diambil: dt.date | None
    qr_payload: str = ""
    nomor_tanda_terima: str = ""  # the number in the QR code, e.g. "TT-27/2026"
    kop: Kop = field(default_factory=Kop)


@with_binary_streams
def build_survei_ikm(data: SurveiIkmData, target: Target, paper: str = "A4", *,
                     layout: FormLayout | None = None) -> int:
    """Write the survey slip on ``paper`` (A4 or F4); returns the page count (always 1)."""
    spec = page_spec(paper, PAPERS)
    box = spec.content
    base, floor = spec.base * 0.95, spec.floor
    p = Painter.on_new_document(target, (spec.width, spec.height),
                                f"Lembar Survei Kepuasan {data.nomor_register}",
                                data.layanan[:200], layout)
    p.start_page(spec.width, spec.height)
    L, W = box.x, box.w
    y = p.kop(data.kop, L, box.right, box.y, spec.kop_scale) + base * 0.4
    p.text("LEMBAR SURVEI KEPUASAN MASYARAKAT", Rect(L, y, W, spec.title * 1.5), spec.title,
           floor=floor, style="bold", align="center", valign="middle", pad=0, max_lines=1)
    y += spec.title * 1.5

    # The request and its code.
    total = qr_quiet_side(data.qr_payload, spec.code)
    q_w = total + base * 9
    fields_w = W - q_w
    rows = (("No. Register", data.nomor_register, "bold"), ("Jenis layanan", data.layanan, "bold"),
            ("Tanggal diambil", tanggal_text(data.tanggal_diambil) or "-", "regular"))
    label_w = max(text_width(r[0], "regular", base) for r in rows) + 8
    row_h = max(base * 2.0, (total + 4) / len(rows))
    for index, (label, value, style) in enumerate(rows):
        label_value(p, label, value, Rect(L, y + index * row_h, fields_w, row_h), label_w, base,
                    floor, value_style=style, pad=3)
    head_h = row_h * len(rows)
    qr_label = (f"Tanda Terima\n{data.nomor_tanda_terima}" if data.nomor_tanda_terima.strip()
                else f"No. Register\n{data.nomor_register}")
    qr_with_label(p, data.qr_payload, qr_label, Rect(L + fields_w, y, q_w, head_h), spec.code,
                  base, floor)
    p.rect(Rect(L, y, W, head_h))
    p.line(L + fields_w, y, L + fields_w, y + head_h)
    y += head_h + base * 0.6
    fitted = p.text(PETUNJUK, Rect(L, y, W, base * 4.2), base * 0.9, floor=floor,
                    style="italic", pad=0, pad_y=1)
    y += fitted.extent.h + base * 0.7

    # The respondent profile: a line of tick boxes per field.
    p.text("Profil responden (boleh tidak diisi)", Rect(L, y, W, base * 1.5), base,
           style="bold", valign="middle", pad=0, max_lines=1)
    y += base * 1.6
    side = base * 0.95
    profil_label_w = max(text_width(label, "regular", base) for label, _ in PROFIL.values()) + 10
    for label, options in PROFIL.values():
        line_h = base * 1.55
        p.text(label, Rect(L, y, profil_label_w, line_h), base, valign="middle", pad=0,
               max_lines=1)
        x = L + profil_label_w
        for option in options.values():
            width = side + 4 + text_width(option, "regular", base * 0.92) + base * 1.8
            if x + width > L + W:  # wrap onto a second line
                x = L + profil_label_w
                y += line_h
            p.checkbox(x, y + (line_h - side) / 2, side, False)
            p.text(option, Rect(x + side + 3, y, width - side - 3, line_h), base * 0.92,
                   floor=floor, valign="middle", pad=0, max_lines=1)
            x += width
        y += line_h
    y += base * 0.6

    # The nine questions: No | Pertanyaan | four answer boxes.
    answer_w = max(text_width(t, "bold", base * 0.85) for t in NILAI_LABELS.values()) + 8
    no_w = base * 2.6
    question_w = W - no_w - 4 * answer_w
    header_h = base * 2.4
    p.rect(Rect(L, y, W, header_h), THIN)
    p.text("No", Rect(L, y, no_w, header_h), base * 0.9, style="bold", align="center",
           valign="middle", pad=1)
    p.text("Unsur dan pertanyaan", Rect(L + no_w, y, question_w, header_h), base * 0.9,
           style="bold", valign="middle", pad=3)
    for index, (score, text) in enumerate(NILAI_LABELS.items()):
        x = L + no_w + question_w + index * answer_w
        p.text(f"{score}\n{text}", Rect(x, y, answer_w, header_h), base * 0.85, floor=floor,
               style="bold", align="center", valign="middle", pad=1)
    y += header_h
    comment_h = base * 6.5
    room = box.bottom - y - comment_h - base * 2.2
    texts = [f"{unsur.nama}\n{unsur.pertanyaan}" for unsur in UNSUR]
    need = [text_height(text, question_w - 6, base * 0.9, "regular") + 8 for text in texts]
    # Every row its need, the room left over shared equally (the boxes stay easy to tick).
    spare = max(0.0, room - sum(need)) / len(UNSUR)
    heights = [n + spare for n in need]
    top_of_table = y - header_h
    for unsur, text, per_question in zip(UNSUR, texts, heights, strict=True):
        top = y
        p.text(unsur.kode, Rect(L, top, no_w, per_question), base * 0.9, style="bold",
               align="center", valign="middle", pad=1)
        p.text(text, Rect(L + no_w, top, question_w, per_question), base * 0.9, floor=floor,
               valign="middle", pad=3, label=unsur.kode)
        for index in range(len(NILAI_LABELS)):
            x = L + no_w + question_w + index * answer_w
            p.checkbox(x + (answer_w - side * 1.3) / 2, top + (per_question - side * 1.3) / 2,
                       side * 1.3, False)
        p.rect(Rect(L, top, W, per_question), THIN)
        y += per_question
    for x in (L + no_w, *(L + no_w + question_w + i * answer_w for i in range(4))):
        p.line(x, top_of_table, x, y, THIN)
    y += base * 0.8
    p.text("Komentar, saran dan masukan:", Rect(L, y, W, base * 1.5), base, style="bold",
           valign="middle", pad=0, max_lines=1)
    y += base * 1.5
    comment_box = max(comment_h - base * 1.5, box.bottom - y)  # down to the margin
    lines = max(3, int(comment_box // (base * 1.9)))
    p.rect(Rect(L, y, W, comment_box), THIN)
    for n in range(1, lines):
        line_y = y + n * comment_box / lines
        p.line(L + 4, line_y, L + W - 4, line_y, 0.3, dash=(1, 2))
    p.finish_page()
    p.save()
    return 1
