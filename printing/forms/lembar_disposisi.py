"""The Lembar Disposisi of a surat masuk: HALF_FOLIO landscape or A4 portrait, with the
disposisi history table continuing on further pages."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from jogoroto_desktop.geometry import Rect
from jogoroto_desktop.kop import Kop
from printing.forms.blocks import (
    Centang,
    PageSpec,
    Penandatangan,
    checklist,
    label_value,
    page_spec,
    qr_with_label,
    signature_block,
    tanggal_text,
)
from printing.forms.fitting import text_width
from printing.forms.layout import FormLayout
from printing.forms.painter import THIN, Painter, Target, qr_quiet_side, with_binary_streams
from printing.forms.tables import column_edges, continuation_head, grid, page_footer, table_header

SIFAT_PILIHAN = ("Sangat Segera", "Segera", "Rahasia", "Biasa")


@dataclass(frozen=True)
class RiwayatDisposisi:
    """One row of the disposisi history table."""

    dari: str
    kepada: str
    isi: str
    tanggal: dt.date | None = None
    paraf: str = ""
    tanggal_selesai: dt.date | None = None


@dataclass(frozen=True)
class LembarDisposisiData:
    """What a Lembar Disposisi prints (dates as dates; the builder writes them out)."""

    surat_dari: str
    nomor_surat: str
    tanggal_surat: dt.date | None
    diterima_tanggal: dt.date | None
    nomor_agenda: str  # as printed, e.g. "12/2026"
    sifat: str  # one of SIFAT_PILIHAN (any case), or "" when none is chosen
    perihal: str
    tujuan: tuple[Centang, ...]  # "Diteruskan kepada Sdr.:"
    instruksi: tuple[Centang, ...]  # "Dengan hormat harap:"
    catatan: str
    penandatangan: Penandatangan
    riwayat: tuple[RiwayatDisposisi, ...] = ()
    qr_payload: str = ""
    kop: Kop = field(default_factory=Kop)
    dibatalkan: bool = False  # voided: printed with the DIBATALKAN mark


HISTORY_TITLES = ("Dari", "Diteruskan kepada", "Isi disposisi", "Tanggal dan paraf",
                  "Tgl. penyelesaian")
HISTORY_SHARES = (0.17, 0.21, 0.34, 0.14, 0.14)


def _history_geometry(spec: PageSpec) -> tuple[float, float]:
    """(header height, row height) of the history table."""
    return spec.base * 2.7, spec.base * 2.4


def _disposisi_top(p: Painter, data: LembarDisposisiData, spec: PageSpec) -> float:
    """Kop, title, the letter's particulars (with the QR cell on half folio) and perihal;
    returns the y below."""
    box = spec.content
    L, R, W = box.x, box.right, box.w
    base, floor = spec.base, spec.floor
    y = p.kop(data.kop, L, R, box.y, spec.kop_scale) + base * 0.5
    title_h = spec.title * 1.6
    p.text("LEMBAR DISPOSISI", Rect(L, y, W, title_h), spec.title, style="bold",
           align="center", valign="middle", pad=0)
    y += title_h

    total = qr_quiet_side(data.qr_payload, spec.code)
    q_w = total + base * 6.6 + 2 if spec.wide else 0.0
    row_h = base * 2.6
    info_h = 3 * row_h
    peri_h = max(base * 3.8, total + 4 - info_h if q_w else 0.0)
    grid_h = info_h + peri_h
    q_x = R - q_w
    left_w = (q_x - L) * 0.5
    mid_x = L + left_w
    right_w = q_x - mid_x
    left_label = max(text_width(t, "regular", base) for t in ("Surat dari", "No. Surat",
                                                         "Tgl. Surat")) + 6
    right_label = max(text_width(t, "regular", base) for t in ("Diterima Tgl.", "No. Agenda",
                                                          "Sifat")) + 6
    rows_left = (("Surat dari", data.surat_dari), ("No. Surat", data.nomor_surat),
                 ("Tgl. Surat", tanggal_text(data.tanggal_surat)))
    for i, (label, value) in enumerate(rows_left):
        label_value(p, label, value, Rect(L, y + i * row_h, left_w, row_h), left_label,
                     base, floor, pad_y=1.5)
    label_value(p, "Diterima Tgl.", tanggal_text(data.diterima_tanggal),
                 Rect(mid_x, y, right_w, row_h), right_label, base, floor, pad_y=1.5)
    label_value(p, "No. Agenda", data.nomor_agenda, Rect(mid_x, y + row_h, right_w, row_h),
                 right_label, base, floor, value_style="bold", pad_y=1.5)
    sifat_y = y + 2 * row_h
    colon = text_width(" : ", "regular", base)
    p.text("Sifat", Rect(mid_x, sifat_y, right_label, row_h), base, floor=floor,
           valign="middle", pad=3)
    p.text(":", Rect(mid_x + right_label, sifat_y, colon, row_h), base, valign="middle",
           pad=0, pad_y=3)
    chosen = data.sifat.strip().casefold()
    sifat = [Centang(s, s.casefold() == chosen) for s in SIFAT_PILIHAN]
    checklist(p, [sifat[0], sifat[2], sifat[1], sifat[3]],
               Rect(mid_x + right_label + colon, sifat_y + 1,
                    right_w - right_label - colon - 2, row_h - 2),
               base * 0.95, floor, columns=2, row_h=(row_h - 2) / 2, natural=True)
    peri_y = y + info_h
    label_value(p, "Perihal", data.perihal, Rect(L, peri_y, q_x - L, peri_h), left_label,
                 base, floor, value_style="bold", valign="top", pad=3)
    if q_w:
        qr_with_label(p, data.qr_payload, f"No. Agenda\n{data.nomor_agenda}",
                       Rect(q_x, y, q_w, grid_h), spec.code, base, floor,
                       void=data.dibatalkan)
        p.line(q_x, y, q_x, y + grid_h)
    p.rect(Rect(L, y, W, grid_h))
    p.line(mid_x, y, mid_x, peri_y, THIN)
    for i in (1, 2):
        p.line(L, y + i * row_h, q_x, y + i * row_h, THIN)
    p.line(L, peri_y, q_x, peri_y, THIN)
    return y + grid_h


def _disposisi_heights(data: LembarDisposisiData, spec: PageSpec, y: float,
                       history_min: float) -> tuple[float, float]:
    """(checklists height, catatan/signature height below them; 0 on half folio)."""
    box = spec.content
    base = spec.base
    room = box.bottom - y - history_min
    lists = max(len(data.tujuan), len(data.instruksi), 4)
    head_h = base * 1.7
    rows = lists * base * 1.55 + 2 * base * 1.2  # room for two labels on two lines
    if spec.wide:
        wanted = max(head_h + rows + 4, base * 16)
        return max(min(wanted, room), min(base * 16, box.bottom - y - head_h)), 0.0
    lower = max(qr_quiet_side(data.qr_payload, spec.code) + head_h + base * 3.5, base * 13)
    lists_h = max(min(head_h + rows + 4, room - lower), head_h + base * 4)
    return lists_h, lower


def _disposisi_middle(p: Painter, data: LembarDisposisiData, spec: PageSpec, y: float,
                      lists_h: float, lower_h: float) -> float:
    """The two checklists, catatan (with the QR code on A4) and the signature block; returns
    the y below."""
    box = spec.content
    L, W = box.x, box.w
    base, floor = spec.base, spec.floor
    head_h = base * 1.7
    wide = spec.wide
    widths = (W * 0.34, W * 0.30) if wide else (W * 0.5, W * 0.5)
    height = lists_h + lower_h
    p.rect(Rect(L, y, W, height))
    x_instr = L + widths[0]
    for x, w, title, items in ((L, widths[0], "Diteruskan kepada Sdr.:", data.tujuan),
                               (x_instr, widths[1], "Dengan hormat harap:", data.instruksi)):
        p.text(title, Rect(x, y, w, head_h), base, floor=floor, style="bold",
               valign="middle", pad=3)
        checklist(p, items, Rect(x + 3, y + head_h, w - 6, lists_h - head_h - 2), base,
                   floor, max_columns=2 if wide else 3)
    p.line(x_instr, y, x_instr, y + lists_h, THIN)
    if wide:
        cx = x_instr + widths[1]
        cw = W - widths[0] - widths[1]
        p.line(cx, y, cx, y + height, THIN)
        cat = Rect(cx, y, cw, height * 0.36)
        note = Rect(cat.x, cat.y + head_h, cat.w, cat.h - head_h)
        sign = Rect(cx + 4, cat.bottom + 2, cw - 8, y + height - cat.bottom - 4)
        space = base * 3.2
    else:
        top = y + lists_h
        p.line(L, top, L + W, top, THIN)
        cw = W * 0.55
        p.line(L + cw, top, L + cw, y + height, THIN)
        cat = Rect(L, top, cw, lower_h)
        total = qr_quiet_side(data.qr_payload, spec.code)
        note = Rect(cat.x, cat.y + head_h, cat.w, cat.h - head_h - total - 2)
        qr_with_label(p, data.qr_payload, f"No. Agenda {data.nomor_agenda}",
                       Rect(cat.x + 2, cat.bottom - total - 1, cat.w - 4, total), spec.code,
                       base, floor, label_side="right", void=data.dibatalkan)
        sign = Rect(L + cw + 4, top + base * 0.6, W - cw - 8, lower_h - base * 0.8)
        space = base * 4.2
    p.text("Catatan:", Rect(cat.x, cat.y, cat.w, head_h), base, floor=floor, style="bold",
           valign="middle", pad=3)
    p.text(data.catatan, note, base, floor=floor, pad=3)
    signature_block(p, data.penandatangan, sign, base, floor, space)
    return y + height


def _history_table(p: Painter, rows: Sequence[RiwayatDisposisi], spec: PageSpec, y: float,
                   bottom: float) -> None:
    """The history table from `y`, filled with `rows` then blank rows down to `bottom`."""
    box = spec.content
    head_h, row_h = _history_geometry(spec)
    base, floor = spec.base, spec.floor
    xs = column_edges(box, HISTORY_SHARES)
    count = max(len(rows), int((bottom - y - head_h) / row_h + 1e-9))
    table_header(p, HISTORY_TITLES, xs, y, head_h, base * 0.95, floor)
    size = base * 0.95
    for i, row in enumerate(rows):
        top = y + head_h + i * row_h
        tanggal = " ".join(t for t in (tanggal_text(row.tanggal), row.paraf) if t)
        values = (row.dari, row.kepada, row.isi, tanggal, tanggal_text(row.tanggal_selesai))
        for c, value in enumerate(values):
            p.text(value, Rect(xs[c], top, xs[c + 1] - xs[c], row_h), size, floor=floor,
                   pad=2.5, pad_y=1.5)
    ys = [y, y + head_h] + [y + head_h + (i + 1) * row_h for i in range(count)]
    grid(p, xs, ys, THIN)
    p.rect(Rect(xs[0], y, xs[-1] - xs[0], ys[-1] - y))


@with_binary_streams
def build_lembar_disposisi(data: LembarDisposisiData, target: Target,
                           paper: str = "HALF_FOLIO", *,
                           layout: FormLayout | None = None) -> int:
    """Write the Lembar Disposisi (HALF_FOLIO 215 x 165 mm landscape, or A4 portrait); return
    the page count. History rows beyond the first page go on continuation pages."""
    spec = page_spec(paper, ("HALF_FOLIO", "A4"))
    box = spec.content
    head_h, row_h = _history_geometry(spec)
    base = spec.base
    # Fixed part of page 1: everything above the history table is laid out from the top.
    p = Painter.on_new_document(target, (spec.width, spec.height),
                                f"Lembar Disposisi {data.nomor_agenda}", data.perihal[:200],
                                layout)
    p.start_page(spec.width, spec.height)
    y = _disposisi_top(p, data, spec) + base * 0.6
    lists_h, lower_h = _disposisi_heights(data, spec, y, head_h + 3 * row_h + base * 0.6)
    y = _disposisi_middle(p, data, spec, y, lists_h, lower_h)
    hist_y = y + base * 0.6
    first_cap = max(0, int((box.bottom - hist_y - head_h) / row_h + 1e-9))
    cont_top = box.y + qr_quiet_side(data.qr_payload, spec.code) + base
    cont_cap = max(1, int((box.bottom - cont_top - head_h) / row_h + 1e-9))
    rest = list(data.riwayat[first_cap:])
    pages = 1 + math.ceil(len(rest) / cont_cap)
    _history_table(p, data.riwayat[:first_cap], spec, hist_y, box.bottom)
    page_footer(p, spec, 1, pages)
    p.finish_page()
    for index in range(2, pages + 1):
        p.start_page(spec.width, spec.height)
        chunk, rest = rest[:cont_cap], rest[cont_cap:]
        continuation_head(p, spec, "LEMBAR DISPOSISI (lanjutan riwayat)",
                           f"No. Agenda {data.nomor_agenda}\nPerihal: {data.perihal}",
                           data.qr_payload, f"No. Agenda\n{data.nomor_agenda}",
                           void=data.dibatalkan)
        _history_table(p, chunk, spec, cont_top, box.bottom)
        page_footer(p, spec, index, pages)
        p.finish_page()
    p.save()
    return pages
