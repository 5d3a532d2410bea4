"""The Surat Pengantar: A4 or F4 portrait, the numbered list of what is sent continuing on
further pages, the closing block (receipt and the sender's signature) after the last row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from jogoroto_desktop.geometry import Rect
from jogoroto_desktop.kop import Kop
from printing.forms.blocks import (
    PageSpec,
    Penandatangan,
    page_spec,
    qr_with_label,
    signature_block,
    signature_height,
    tanggal_text,
)
from printing.forms.fitting import (
    ASCENT,
    DESCENT,
    LEADING,
    clean_text,
    text_height,
    text_width,
    wrap_lines,
)
from printing.forms.layout import FormLayout
from printing.forms.painter import THIN, Painter, Target, qr_quiet_side, with_binary_streams
from printing.forms.tables import (
    PageNumbers,
    column_edges,
    continuation_head,
    finish_with_continued,
    grid,
    table_header,
)


@dataclass(frozen=True)
class ItemPengantar:
    """One row of a surat pengantar: what is sent, how many, and a remark."""

    jenis: str
    banyaknya: str = ""
    keterangan: str = ""


@dataclass(frozen=True)
class SuratPengantarData:
    """What a Surat Pengantar prints; items become the numbered table."""

    nomor: str
    tanggal: dt.date | None
    kepada: str  # after "Yth.", may span lines
    items: tuple[ItemPengantar, ...]
    pengirim: Penandatangan
    di: str = ""  # "di -" place line of the address, empty to leave it out
    tempat: str = ""  # the place before the date; the kop's tempat when empty
    qr_payload: str = ""
    kop: Kop = field(default_factory=Kop)
    dibatalkan: bool = False  # voided: printed with the DIBATALKAN mark


PENGANTAR_TITLES = ("No.", "Jenis yang dikirim", "Banyaknya", "Keterangan")
PENGANTAR_SHARES = (0.08, 0.44, 0.16, 0.32)
#: Beside the QR code on page 1 (the nomor stands once, under the title).
QR_NOTE = "Pindai kode ini untuk\nmemeriksa keaslian"


def _item_height(item: ItemPengantar, xs: Sequence[float], size: float) -> float:
    """The row height an item needs at `size`, every value whole."""
    lines = 1
    for c, text in ((1, item.jenis), (2, item.banyaknya), (3, item.keterangan)):
        width = xs[c + 1] - xs[c] - 6
        lines = max(lines, len(wrap_lines(clean_text(text), width, size, "regular")))
    return (lines - 1) * size * LEADING + (ASCENT + DESCENT) * size + 7


def _tempat_tanggal(data: SuratPengantarData) -> str:
    tempat = data.tempat.strip() or data.kop.tempat
    return f"{tempat}, {tanggal_text(data.tanggal) or '.' * 24}"


def _closing_height(data: SuratPengantarData, spec: PageSpec) -> float:
    """The receipt and the signature block (with place and date above it), every line whole."""
    box = spec.content
    sign = signature_height(data.pengirim, box.w * 0.48, spec.base, spec.base * 4.5,
                            _tempat_tanggal(data))
    return max(spec.base * (1.3 * 5 + 1.0) + spec.base * 4.5, sign) + spec.base * 1.5


def _pengantar_pages(data: SuratPengantarData, spec: PageSpec, first_top: float,
                     cont_top: float) -> list[list[tuple[int, float]]]:
    """Rows (index, height) per page; the closing block must fit after the last row."""
    box = spec.content
    xs = column_edges(box, PENGANTAR_SHARES)
    head_h = spec.base * 2.0
    closing = _closing_height(data, spec)
    items = data.items or (ItemPengantar(""),)
    cap = box.bottom - cont_top - head_h - closing
    heights = [min(_item_height(item, xs, spec.base), cap) for item in items]
    pages: list[list[tuple[int, float]]] = [[]]
    y = first_top + head_h
    for i, h in enumerate(heights):
        need = h + (closing if i == len(heights) - 1 else 0)
        if y + need > box.bottom and pages[-1]:
            pages.append([])
            y = cont_top + head_h
        pages[-1].append((i, h))
        y += h
    if first_top + head_h + sum(h for _i, h in pages[0]) + (
            closing if len(pages) == 1 else 0) > box.bottom + 1e-6:
        # Even the first row does not fit under the address block: start the table on page 2.
        pages.insert(0, [])
    return pages


@with_binary_streams
def build_surat_pengantar(data: SuratPengantarData, target: Target, paper: str = "A4", *,
                          layout: FormLayout | None = None) -> int:
    """Write the Surat Pengantar (A4 or F4 portrait); return the page count. A long list of
    items continues on further pages; the closing block follows the last row."""
    spec = page_spec(paper, ("A4", "F4"))
    box = spec.content
    base, floor = spec.base, spec.floor
    p = Painter.on_new_document(target, (spec.width, spec.height),
                                f"Surat Pengantar {data.nomor}", data.kepada[:200], layout)
    xs = column_edges(box, PENGANTAR_SHARES)
    head_h = base * 2.0
    label = f"Nomor\n{data.nomor}"

    # Page 1 up to the table: the QR code at the left, the address at the right (the place
    # and date stand above the signature, as in naskah dinas).
    p.start_page(spec.width, spec.height)
    y = p.kop(data.kop, box.x, box.right, box.y, spec.kop_scale) + base * 1.2
    addr_x = box.x + box.w * 0.55
    addr_w = box.right - addr_x
    step = base * 1.35
    p.text("Kepada", Rect(addr_x, y, addr_w, step), base, pad=0, pad_y=0.5)
    yth_w = text_width("Yth. ", "regular", base) + 2
    p.text("Yth.", Rect(addr_x - yth_w, y + step, yth_w, step), base, pad=0, pad_y=0.5)
    kepada_h = min(box.h / 4, max(step * 4, text_height(data.kepada, addr_w, base) + 2))
    fitted = p.text(data.kepada, Rect(addr_x, y + step, addr_w, kepada_h), base,
                    floor=floor, pad=0, pad_y=0.5, label="Kepada")
    addr_bottom = y + step + (len(fitted.lines) or 1) * fitted.size * LEADING + 2
    if data.di.strip():
        di_h = min(box.h / 8, max(step, text_height(data.di, addr_w - base * 2, base,
                                                   "bold") + 2))
        p.text("di -", Rect(addr_x, addr_bottom, addr_w, step), base, pad=0, pad_y=0.5)
        p.text(data.di, Rect(addr_x + base * 2, addr_bottom + step, addr_w - base * 2, di_h),
               base, floor=floor, style="bold", pad=0, pad_y=0.5, underline=True, label="di")
        addr_bottom += step + di_h
    total = qr_quiet_side(data.qr_payload, spec.code)
    qr_with_label(p, data.qr_payload, QR_NOTE, Rect(box.x, y, total + base * 11, total),
                   spec.code, base, floor, label_side="right", void=data.dibatalkan)
    y = max(addr_bottom, y + total) + base * 1.5
    p.text("SURAT PENGANTAR", Rect(box.x, y, box.w, spec.title * 1.5), spec.title,
           style="bold", align="center", valign="middle", pad=0, underline=True)
    y += spec.title * 1.5
    nomor_h = max(base * 1.5, min(box.h / 8, text_height(f"Nomor: {data.nomor}", box.w,
                                                         base) + 2))
    p.text(f"Nomor: {data.nomor}", Rect(box.x, y, box.w, nomor_h), base, floor=floor,
           align="center", valign="middle", pad=0, label="Nomor")
    first_top = y + nomor_h + base

    cont_top = box.y + qr_quiet_side(data.qr_payload, spec.code) + base
    pages = _pengantar_pages(data, spec, first_top, cont_top)
    items = data.items or (ItemPengantar(""),)
    numbers = PageNumbers(p, spec)
    for number, rows in enumerate(pages, start=1):
        if number > 1:
            p.start_page(spec.width, spec.height)
            top = continuation_head(p, spec, "SURAT PENGANTAR (lanjutan)", "",
                                     data.qr_payload, label, void=data.dibatalkan)
        else:
            top = first_top
        y = top
        if rows:
            table_header(p, PENGANTAR_TITLES, xs, y, head_h, base, floor)
            ys = [y, y + head_h]
            y += head_h
            for i, h in rows:
                item = items[i]
                values = (f"{i + 1}." if data.items else "", item.jenis, item.banyaknya,
                          item.keterangan)
                for c, value in enumerate(values):
                    p.text(value, Rect(xs[c], y, xs[c + 1] - xs[c], h), base, floor=floor,
                           align="center" if c in (0, 2) else "left", pad=3, pad_y=3,
                           label=f"{PENGANTAR_TITLES[c]} (baris {i + 1})")
                y += h
                ys.append(y)
            grid(p, xs, ys, THIN)
            p.rect(Rect(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0]))
        if number == len(pages):
            _pengantar_closing(p, data, spec, y + base * 1.5)
        numbers.mark()
        p.finish_page()
    count = finish_with_continued(p, spec, numbers, "SURAT PENGANTAR (lanjutan)", "",
                                  data.qr_payload, label, void=data.dibatalkan)
    p.save()
    return count


def _pengantar_closing(p: Painter, data: SuratPengantarData, spec: PageSpec, y: float) -> None:
    """"Diterima tanggal ... Penerima" at the left, the sender's signature at the right."""
    box = spec.content
    base, floor = spec.base, spec.floor
    step = base * 1.3
    left = Rect(box.x, y, box.w * 0.45, _closing_height(data, spec) - base * 1.5)
    right = Rect(box.x + box.w * 0.52, y, box.w * 0.48, left.h)
    p.text("Diterima tanggal " + "." * 26, Rect(left.x, y, left.w, step), base, floor=floor,
           max_lines=1, pad=0, pad_y=0.5)
    p.text("Penerima,", Rect(left.x, y + step, left.w, step), base, pad=0, pad_y=0.5)
    tail_y = y + 2 * step + base * 4.5
    p.text("( " + "." * 40 + " )", Rect(left.x, tail_y, left.w, step), base, floor=floor,
           max_lines=1, pad=0, pad_y=0.5)
    p.text("NIP. " + "." * 34, Rect(left.x, tail_y + step, left.w, step), base, floor=floor,
           max_lines=1, pad=0, pad_y=0.5)
    signature_block(p, data.pengirim, right, base, floor, base * 4.5, _tempat_tanggal(data))
