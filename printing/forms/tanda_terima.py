"""The tanda terima of a citizen's application (permohonan layanan): A4 portrait or HALF_FOLIO
landscape, with a bukti pengambilan strip at the foot."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jogoroto_desktop.geometry import Rect
from jogoroto_desktop.kop import Kop
from printing.forms.blocks import (
    Centang,
    checklist,
    checklist_height,
    grow_within,
    label_value,
    page_spec,
    qr_with_label,
    tanggal_text,
)
from printing.forms.fitting import text_height, text_width
from printing.forms.layout import FormLayout
from printing.forms.painter import THIN, Painter, Target, qr_quiet_side, with_binary_streams
from printing.forms.tables import PageNumbers, finish_with_continued


@dataclass(frozen=True)
class TandaTerimaData:
    """What the tanda terima of a citizen's application prints."""

    nomor_register: str  # as printed, e.g. "TT-12/2026"
    layanan: str
    pemohon_nama: str
    pemohon_nik: str
    pemohon_alamat: str
    tanggal: dt.date | None
    persyaratan: tuple[Centang, ...]
    perkiraan_selesai: dt.date | None
    petugas: str
    qr_payload: str = ""
    kop: Kop = field(default_factory=Kop)
    dibatalkan: bool = False  # voided: printed with the DIBATALKAN mark
    nomor_tanda_terima: str = ""  # the number in the QR code, e.g. "TT-27/2026"; "" = none


TANDA_TERIMA_NOTE = ("Simpan tanda terima ini dan tunjukkan ketika mengambil hasil layanan. "
                     "Hasil layanan hanya diserahkan kepada pemohon atau kuasanya.")


@with_binary_streams
def build_tanda_terima(data: TandaTerimaData, target: Target, paper: str = "A4", *,
                       layout: FormLayout | None = None) -> int:
    """Write the tanda terima of a citizen's application (A4 portrait or HALF_FOLIO
    landscape), with a bukti pengambilan strip at the foot; return the page count (a value too
    long for its box goes on in full on a continuation page)."""
    spec = page_spec(paper, ("A4", "HALF_FOLIO"))
    box = spec.content
    base, floor = spec.base, spec.floor
    p = Painter.on_new_document(target, (spec.width, spec.height),
                                f"Tanda Terima {data.nomor_register}", data.layanan[:200],
                                layout)
    p.start_page(spec.width, spec.height)
    L, W = box.x, box.w
    y = p.kop(data.kop, L, box.right, box.y, spec.kop_scale) + base * 0.5
    p.text("TANDA TERIMA BERKAS PERMOHONAN LAYANAN", Rect(L, y, W, spec.title * 1.6),
           spec.title, floor=floor, style="bold", align="center", valign="middle", pad=0,
           max_lines=1)
    y += spec.title * 1.6

    total = qr_quiet_side(data.qr_payload, spec.code)
    q_w = total + base * 8
    fields_w = W - q_w
    rows = ((("No. Tanda Terima", data.nomor_tanda_terima, "bold", 1.0),)
            if data.nomor_tanda_terima.strip() else ()) + (
            ("No. Register", data.nomor_register, "bold", 1.0),
            ("Jenis layanan", data.layanan, "bold", 1.0),
            ("Nama pemohon", data.pemohon_nama, "regular", 1.0),
            ("NIK", data.pemohon_nik, "regular", 1.0),
            ("Alamat", data.pemohon_alamat, "regular", 1.6 if spec.wide else 2.0),
            ("Tanggal diterima", tanggal_text(data.tanggal, with_weekday=True), "regular", 1.0))
    unit = max(base * 1.9, (total + 4) / sum(r[3] for r in rows))
    label_w = max(text_width(r[0], "regular", base) for r in rows) + 8
    value_w = fields_w - label_w - text_width(" : ", "regular", base) - 6
    # Each row grows to its value's need, as far as the blocks below leave room (the rest of
    # a longer value goes on in full on the continuation page).
    # The fixed blocks under the checklist (half folio: less room to sign, the note on one
    # line), so the fields and the checklist share what is left.
    strip_h = base * 5.2
    sign_space = base * (3.0 if spec.wide else 4.5)
    sign_h = base * 1.3 * 5 + sign_space
    note_h = base * (1.6 if spec.wide else 2.8)
    est_h = base * 1.6
    head_h = base * 1.6
    below = strip_h + base * 0.8 + sign_h + note_h + est_h + head_h + base * 4.8 + base * 1.5
    heights = grow_within([unit * r[3] for r in rows],
                          [text_height(r[1], value_w, base, r[2]) + 7 for r in rows],
                          box.bottom - below - y)
    fy = y
    for (label, value, style, _weight), h in zip(rows, heights, strict=True):
        label_value(p, label, value, Rect(L, fy, fields_w, h), label_w, base, floor,
                     value_style=style, valign="top" if h > unit + 0.01 else "middle", pad=3)
        fy += h
    qr_label = (f"Tanda Terima\n{data.nomor_tanda_terima}" if data.nomor_tanda_terima.strip()
                else f"No. Register\n{data.nomor_register}")
    qr_with_label(p, data.qr_payload, qr_label,
                   Rect(L + fields_w, y, q_w, fy - y), spec.code, base, floor,
                   void=data.dibatalkan)
    p.rect(Rect(L, y, W, fy - y))
    p.line(L + fields_w, y, L + fields_w, fy)
    y = fy + base * 0.9

    # Bottom-up: the checklist gets what the blocks under it leave.
    foot = box.bottom - strip_h - base * 0.8 - sign_h - note_h - est_h
    p.text("Persyaratan yang diterima (dicentang):", Rect(L, y, W, head_h), base,
           floor=floor, style="bold", valign="middle", pad=3, pad_y=1, max_lines=1)
    area = Rect(L + 3, y + head_h, W - 6, foot - y - head_h - base * 0.5)
    one = checklist_height(data.persyaratan, area, base, max_columns=3, row_h=base * 1.6,
                           columns=1)
    two = len(data.persyaratan) > 1 and (spec.kop_scale < 1 or one > area.h)
    columns = 2 if two else 1
    list_h = max(base * 1.6, min(area.h, checklist_height(
        data.persyaratan, area, base, max_columns=3, row_h=base * 1.6, columns=columns)))
    if data.persyaratan:
        checklist(p, data.persyaratan, Rect(L + 3, y + head_h, W - 6, list_h), base, floor,
                   row_h=base * 1.6, columns=columns, title="Persyaratan yang diterima")
    else:
        p.text("-", Rect(L, y + head_h, W, list_h), base, pad=3)
    p.rect(Rect(L, y, W, head_h + list_h + 2), THIN)
    y += head_h + list_h + 2 + base * 0.6
    est_label = text_width("Perkiraan selesai", "regular", base) + 8
    label_value(p, "Perkiraan selesai", tanggal_text(data.perkiraan_selesai, with_weekday=True)
                 or "-", Rect(L, y, W, est_h), est_label, base, floor, value_style="bold",
                 pad=0)
    y += est_h
    p.text(TANDA_TERIMA_NOTE, Rect(L, y, W, note_h), base * 0.9, floor=floor,
           style="italic", pad=0, pad_y=1)
    y += note_h
    half = W / 2
    tempat = f"{data.kop.tempat}, {tanggal_text(data.tanggal) or '.' * 24}"
    p.text(tempat, Rect(L + half, y, half, base * 1.3), base, floor=floor, align="center",
           max_lines=1, pad=0, pad_y=0.5)
    sign_y = y + base * 1.3
    for x, heading, nama in ((L, "Pemohon,", data.pemohon_nama),
                             (L + half, "Petugas,", data.petugas)):
        p.text(heading, Rect(x, sign_y, half, base * 1.3), base, align="center", pad=0,
               pad_y=0.5)
        p.text(nama or "( " + "." * 36 + " )",
               Rect(x + base, sign_y + base * 1.3 + sign_space, half - 2 * base, base * 2.6),
               base, floor=floor, style="bold" if nama else "regular", align="center",
               pad=0, pad_y=0.5, underline=bool(nama), label=heading.rstrip(","))
    strip_y = box.bottom - strip_h
    p.line(L, strip_y - base * 0.4, box.right, strip_y - base * 0.4, 0.5, dash=(3, 2))
    p.text("BUKTI PENGAMBILAN", Rect(L, strip_y, W * 0.5, base * 1.5), base, style="bold",
           valign="middle", pad=0)
    strip_number = (f"No. Tanda Terima {data.nomor_tanda_terima}"
                    if data.nomor_tanda_terima.strip() else f"No. Register {data.nomor_register}")
    p.text(strip_number,
           Rect(L + W * 0.5, strip_y, W * 0.5, base * 1.5), base, floor=floor, align="right",
           valign="middle", max_lines=1, pad=0)
    line_y = strip_y + base * 1.6
    thirds = W / 3
    for i, text in enumerate(("Diambil tanggal: " + "." * 20, "Nama pengambil: " + "." * 22,
                              "Tanda tangan: " + "." * 22)):
        p.text(text, Rect(L + i * thirds, line_y, thirds, strip_h - base * 1.6), base * 0.9,
               floor=floor, valign="bottom", pad=2, pad_y=1, max_lines=1)
    numbers = PageNumbers(p, spec)
    numbers.mark()
    p.finish_page()
    pages = finish_with_continued(p, spec, numbers, "TANDA TERIMA (lanjutan)",
                                  qr_label.replace("\n", " "), data.qr_payload, qr_label,
                                  void=data.dibatalkan)
    p.save()
    return pages
