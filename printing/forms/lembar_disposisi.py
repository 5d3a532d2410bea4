"""The Lembar Disposisi of a surat masuk: HALF_FOLIO landscape or A4 portrait, with the
disposisi history table continuing on further pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from jogoroto_desktop.geometry import Rect
from jogoroto_desktop.kop import Kop
from printing.forms import tables
from printing.forms.blocks import (
    Centang,
    PageSpec,
    Penandatangan,
    checklist,
    checklist_height,
    grow_within,
    label_value,
    page_spec,
    qr_with_label,
    signature_block,
    signature_height,
    tanggal_text,
)
from printing.forms.fitting import text_height, text_width
from printing.forms.layout import FormLayout
from printing.forms.painter import THIN, Painter, Target, qr_quiet_side, with_binary_streams

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
    q_x = R - q_w
    left_w = (q_x - L) * 0.5
    mid_x = L + left_w
    right_w = q_x - mid_x
    left_label = max(text_width(t, "regular", base) for t in ("Surat dari", "No. Surat",
                                                         "Tgl. Surat")) + 6
    right_label = max(text_width(t, "regular", base) for t in ("Diterima Tgl.", "No. Agenda",
                                                          "Sifat")) + 6
    colon = text_width(" : ", "regular", base)
    rows_left = (("Surat dari", data.surat_dari), ("No. Surat", data.nomor_surat),
                 ("Tgl. Surat", tanggal_text(data.tanggal_surat)))
    rows_right = (("Diterima Tgl.", tanggal_text(data.diterima_tanggal), "regular"),
                  ("No. Agenda", data.nomor_agenda, "bold"))
    # A row is as tall as its longer value needs, as far as the page leaves room above the
    # smallest middle part (the rest of a very long value goes on the continuation page).
    need = [base * 2.6] * 3
    for i, (_label, value) in enumerate(rows_left):
        need[i] = max(need[i], text_height(value, left_w - left_label - colon - 6, base) + 4)
    for i, (_label, value, style) in enumerate(rows_right):
        need[i] = max(need[i], text_height(value, right_w - right_label - colon - 6, base,
                                           style) + 4)
    peri_usual = max(base * 3.8, total + 4 - 3 * base * 2.6 if q_w else 0.0)
    need.append(text_height(data.perihal, q_x - L - left_label - colon - 6, base, "bold") + 7)
    smallest_middle = base * 17 if spec.wide else total + base * 19.2
    *row_hs, peri_h = grow_within([base * 2.6] * 3 + [peri_usual], need,
                                  box.bottom - y - smallest_middle)
    row_ys = [y, y + row_hs[0], y + row_hs[0] + row_hs[1]]
    info_h = sum(row_hs)
    grid_h = info_h + peri_h
    for i, (label, value) in enumerate(rows_left):
        label_value(p, label, value, Rect(L, row_ys[i], left_w, row_hs[i]), left_label,
                     base, floor, pad_y=1.5)
    for i, (label, value, style) in enumerate(rows_right):
        label_value(p, label, value, Rect(mid_x, row_ys[i], right_w, row_hs[i]), right_label,
                     base, floor, value_style=style, pad_y=1.5)
    sifat_y = row_ys[2]
    row_h = row_hs[2]
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
    for row_y in row_ys[1:]:
        p.line(L, row_y, q_x, row_y, THIN)
    p.line(L, peri_y, q_x, peri_y, THIN)
    return y + grid_h


@dataclass(frozen=True)
class _Middle:
    """Heights of the middle part: the checklists, and below them (A4) or beside them (half
    folio) the catatan and the signature block."""

    lists: float
    lower: float  # the catatan/signature row under the checklists; 0 on half folio
    catatan: float  # the catatan cell (with its heading; on A4 with the QR code)


def _disposisi_heights(data: LembarDisposisiData, spec: PageSpec, y: float) -> _Middle:
    """Every part as tall as its content needs (each checklist item and the catatan whole),
    at least the usual proportions; at most what the page has left below `y` (what still does
    not fit goes on the continuation page)."""
    box = spec.content
    base = spec.base
    head_h = base * 1.7
    wide = spec.wide
    W = box.w
    widths = (W * 0.34, W * 0.30) if wide else (W * 0.5, W * 0.5)
    lists_need = head_h + 4 + max(
        checklist_height(items, Rect(0, 0, w - 6, base * 12), base,
                         max_columns=2 if wide else 3)
        for items, w in ((data.tujuan, widths[0]), (data.instruksi, widths[1])))
    room = box.bottom - y
    total = qr_quiet_side(data.qr_payload, spec.code)
    if wide:
        cw = W - widths[0] - widths[1]
        sign_need = signature_height(data.penandatangan, cw - 8, base, base * 3.2) + 6
        cat_need = head_h + text_height(data.catatan, cw - 6, base) + 8
        height = min(room, max(base * 16, lists_need, cat_need + sign_need))
        catatan = max(height * 0.36, min(cat_need, height - sign_need))
        return _Middle(height, 0.0, catatan)
    cw = W * 0.55
    sign_need = signature_height(data.penandatangan, W - cw - 8, base, base * 4.2) + base
    cat_need = head_h + text_height(data.catatan, cw - 6, base) + 8 + total + 2
    lower = max(total + head_h + base * 3.5, base * 13, cat_need, sign_need)
    lists = max(lists_need, head_h + base * 4)
    if lists + lower > room:
        lower = max(room - lists, total + head_h + base * 3.5, sign_need)
        lists = room - lower
    return _Middle(lists, lower, lower)


def _disposisi_middle(p: Painter, data: LembarDisposisiData, spec: PageSpec, y: float,
                      heights: _Middle) -> float:
    """The two checklists, catatan (with the QR code on A4) and the signature block; returns
    the y below."""
    box = spec.content
    L, W = box.x, box.w
    base, floor = spec.base, spec.floor
    head_h = base * 1.7
    wide = spec.wide
    widths = (W * 0.34, W * 0.30) if wide else (W * 0.5, W * 0.5)
    lists_h, lower_h = heights.lists, heights.lower
    height = lists_h + lower_h
    p.rect(Rect(L, y, W, height))
    x_instr = L + widths[0]
    for x, w, title, items in ((L, widths[0], "Diteruskan kepada Sdr.:", data.tujuan),
                               (x_instr, widths[1], "Dengan hormat harap:", data.instruksi)):
        p.text(title, Rect(x, y, w, head_h), base, floor=floor, style="bold",
               valign="middle", pad=3, pad_y=1)
        checklist(p, items, Rect(x + 3, y + head_h, w - 6, lists_h - head_h - 2), base,
                   floor, max_columns=2 if wide else 3, title=title.rstrip(":"))
    p.line(x_instr, y, x_instr, y + lists_h, THIN)
    if wide:
        cx = x_instr + widths[1]
        cw = W - widths[0] - widths[1]
        p.line(cx, y, cx, y + height, THIN)
        cat = Rect(cx, y, cw, heights.catatan)
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
           valign="middle", pad=3, pad_y=1)
    p.text(data.catatan, note, base, floor=floor, pad=3, label="Catatan")
    signature_block(p, data.penandatangan, sign, base, floor, space)
    return y + height


def _history_values(row: RiwayatDisposisi) -> tuple[str, ...]:
    tanggal = " ".join(t for t in (tanggal_text(row.tanggal), row.paraf) if t)
    return (row.dari, row.kepada, row.isi, tanggal, tanggal_text(row.tanggal_selesai))


def _history_row_height(row: RiwayatDisposisi, xs: Sequence[float], spec: PageSpec,
                        most: float) -> float:
    """A history row as tall as its longest cell needs (every value whole), at most `most`."""
    size = spec.base * 0.95
    need = max(text_height(value, xs[c + 1] - xs[c] - 5, size) + 4
               for c, value in enumerate(_history_values(row)))
    return min(most, max(_history_geometry(spec)[1], need))


def _history_table(p: Painter, rows: Sequence[tuple[RiwayatDisposisi, float]], spec: PageSpec,
                   y: float, bottom: float) -> None:
    """The history table from `y`: `rows` (each with its height), then blank rows down to
    `bottom`."""
    box = spec.content
    head_h, row_h = _history_geometry(spec)
    floor = spec.floor
    xs = tables.column_edges(box, HISTORY_SHARES)
    size = spec.base * 0.95
    tables.table_header(p, HISTORY_TITLES, xs, y, head_h, size, floor)
    ys = [y, y + head_h]
    for row, h in rows:
        top = ys[-1]
        for c, value in enumerate(_history_values(row)):
            p.text(value, Rect(xs[c], top, xs[c + 1] - xs[c], h), size, floor=floor,
                   pad=2.5, pad_y=1.5, label=HISTORY_TITLES[c])
        ys.append(top + h)
    while ys[-1] + row_h <= bottom + 1e-9:
        ys.append(ys[-1] + row_h)
    tables.grid(p, xs, ys, THIN)
    p.rect(Rect(xs[0], y, xs[-1] - xs[0], ys[-1] - y))


def _history_pages(data: LembarDisposisiData, spec: PageSpec, first_top: float,
                   cont_top: float) -> list[list[tuple[RiwayatDisposisi, float]]]:
    """The history rows (with their heights) per page: those that fit under the page 1 form,
    the rest on continuation pages. An empty first list when not even the header fits."""
    box = spec.content
    head_h, row_h = _history_geometry(spec)
    xs = tables.column_edges(box, HISTORY_SHARES)
    most = box.bottom - cont_top - head_h
    pages: list[list[tuple[RiwayatDisposisi, float]]] = [[]]
    y = first_top + head_h
    for row in data.riwayat:
        h = _history_row_height(row, xs, spec, most)
        if y + h > box.bottom + 1e-9:
            pages.append([])
            y = cont_top + head_h
        pages[-1].append((row, h))
        y += h
    return pages


@with_binary_streams
def build_lembar_disposisi(data: LembarDisposisiData, target: Target,
                           paper: str = "HALF_FOLIO", *,
                           layout: FormLayout | None = None) -> int:
    """Write the Lembar Disposisi (HALF_FOLIO 215 x 165 mm landscape, or A4 portrait); return
    the page count. History rows beyond the first page, and any value too long for its box,
    go on continuation pages under the repeated heading."""
    spec = page_spec(paper, ("HALF_FOLIO", "A4"))
    box = spec.content
    head_h, row_h = _history_geometry(spec)
    base = spec.base
    p = Painter.on_new_document(target, (spec.width, spec.height),
                                f"Lembar Disposisi {data.nomor_agenda}", data.perihal[:200],
                                layout)
    p.start_page(spec.width, spec.height)
    y = _disposisi_top(p, data, spec) + base * 0.6
    y = _disposisi_middle(p, data, spec, y, _disposisi_heights(data, spec, y))
    hist_y = y + base * 0.6
    cont_top = box.y + qr_quiet_side(data.qr_payload, spec.code) + base
    history = _history_pages(data, spec, hist_y, cont_top)
    first_fits = hist_y + head_h + row_h <= box.bottom + 1e-9
    if not first_fits and not history[0]:
        history.pop(0)
    elif not first_fits:
        history.insert(0, [])
    if first_fits:
        _history_table(p, history.pop(0), spec, hist_y, box.bottom)
    numbers = tables.PageNumbers(p, spec)
    numbers.mark()
    p.finish_page()
    heading = ("LEMBAR DISPOSISI (lanjutan)", f"No. Agenda {data.nomor_agenda}",
               data.qr_payload, f"No. Agenda\n{data.nomor_agenda}")
    for rows in history:
        p.start_page(spec.width, spec.height)
        tables.continuation_head(p, spec, *heading, void=data.dibatalkan)
        _history_table(p, rows, spec, cont_top, box.bottom)
        numbers.mark()
        p.finish_page()
    pages = tables.finish_with_continued(p, spec, numbers, *heading, void=data.dibatalkan)
    p.save()
    return pages
