"""The Kartu Kendali of a surat masuk or keluar: three coloured copies, on 10 x 15 cm card stock
or stacked on one A4/F4 sheet with cut marks; a day's cards in one batch. The frame, the copy
bands and each card are reusable PDF forms, so a batch of a thousand cards stays small."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from reportlab.lib import colors

from jogoroto_desktop.geometry import MM, Rect
from jogoroto_desktop.kop import Kop
from printing.forms.blocks import PageSpec, page_spec, qr_with_label, tanggal_text
from printing.forms.fitting import MIN_SIZE
from printing.forms.layout import FormLayout, Recording, Transform
from printing.forms.painter import (
    CARD_QR,
    LINE,
    PAPER_SIZES,
    THIN,
    FormError,
    Painter,
    Target,
    paper_size,
    qr_quiet_side,
    with_binary_streams,
)
from printing.forms.tables import continuation_head, continued_pages, draw_continued

CARD_COPIES: tuple[tuple[str, colors.Color], ...] = (
    ("Lembar 1 (putih)", colors.white),
    ("Lembar 2 (kuning)", colors.Color(1.0, 0.90, 0.35)),
    ("Lembar 3 (merah muda)", colors.Color(1.0, 0.72, 0.80)),
)


class PencetakanDibatalkan(Exception):  # noqa: N818 - the office's word for it
    """The user cancelled a batch; nothing was written to the target."""


@dataclass(frozen=True)
class KartuKendaliData:
    """What a Kartu Kendali prints; the same on all three copies."""

    indeks: str
    kode: str  # kode klasifikasi
    nomor_urut: str  # as printed, e.g. "12/2026"
    masuk_keluar: str  # "M" (surat masuk) or "K" (surat keluar)
    tanggal: dt.date | None
    isi_ringkas: str
    lampiran: str
    dari: str
    kepada: str
    tanggal_surat: dt.date | None
    nomor_surat: str
    pengolah: str
    paraf: str = ""
    catatan: str = ""
    qr_payload: str = ""
    kop: Kop = field(default_factory=Kop)
    dibatalkan: bool = False  # voided: printed with the DIBATALKAN mark


CARD_W, CARD_H = PAPER_SIZES["CARD"]
_C = MM  # card geometry is written in millimetres
CARD_BASE = 8.5
CARD_LABEL = MIN_SIZE  # the field labels: the smallest type of any form
CARD_FLOOR = MIN_SIZE


def _card_cells() -> dict[str, Rect]:
    """The cells of the card (local points, y down), by field."""
    x0, x1 = 4 * _C, 146 * _C

    def row(y: float, h: float, parts: Sequence[tuple[str, float]]) -> dict[str, Rect]:
        cells, x = {}, x0
        for name, w in parts:
            cells[name] = Rect(x, y * _C, w * _C, h * _C)
            x += w * _C
        return cells

    cells: dict[str, Rect] = {
        "header_kop": Rect(x0, 4 * _C, 58 * _C, 8 * _C),
        "header_title": Rect(62 * _C, 4 * _C, 40 * _C, 8 * _C),
        "band": Rect(104 * _C, 5.2 * _C, 42 * _C, 5.6 * _C),
    }
    cells |= row(12.5, 10, (("indeks", 34), ("kode", 22), ("tanggal", 30),
                            ("nomor_urut", 30), ("mk", 26)))
    # Rows tall enough for two lines of 8 pt under each label (dari, kepada, nomor surat).
    cells |= row(22.5, 22, (("isi_ringkas", 100),))
    cells["qr"] = Rect(104 * _C, 22.5 * _C, 42 * _C, 29.5 * _C)
    cells |= row(44.5, 7.5, (("lampiran", 100),))
    cells |= row(52, 14, (("dari", 71), ("kepada", 71)))
    cells |= row(66, 12, (("tanggal_surat", 30), ("nomor_surat", 50), ("pengolah", 38),
                          ("paraf", 24)))
    cells |= row(78, 18, (("catatan", 142),))
    assert cells["paraf"].right <= x1 + 1e-6
    return cells


CARD_CELLS = _card_cells()
CARD_LABELS = {
    "indeks": "Indeks", "kode": "Kode", "tanggal": "Tanggal", "nomor_urut": "No. Urut",
    "mk": "M/K", "isi_ringkas": "Isi Ringkas", "dari": "Dari", "kepada": "Kepada",
    "tanggal_surat": "Tgl. Surat", "nomor_surat": "No. Surat", "pengolah": "Pengolah",
    "paraf": "Paraf", "catatan": "Catatan",
}
_LABEL_H = CARD_LABEL * 1.35


def _card_value_box(name: str) -> Rect:
    cell = CARD_CELLS[name]
    return Rect(cell.x, cell.y + _LABEL_H, cell.w, cell.h - _LABEL_H)


def _draw_card_frame(p: Painter, kop: Kop) -> None:
    """What every card shares: kop line, title, grid and field labels."""
    cells = CARD_CELLS
    kop_lines = "\n".join(t for t in (kop.pemerintah, kop.instansi) if t.strip())
    p.text(kop_lines, cells["header_kop"], MIN_SIZE, floor=CARD_FLOOR, style="bold",
           valign="middle", pad=0, pad_y=0.5)
    p.text("KARTU KENDALI", cells["header_title"], 12.0, floor=CARD_FLOOR, style="bold",
           align="center", valign="middle", pad=0, pad_y=0.5)
    grid = Rect(4 * _C, 12.5 * _C, 142 * _C, 83.5 * _C)
    for name, label in CARD_LABELS.items():
        cell = cells[name]
        p.text(label, Rect(cell.x, cell.y, cell.w, _LABEL_H + 1), CARD_LABEL,
               floor=CARD_FLOOR, pad=2, pad_y=1)
    lamp = cells["lampiran"]
    p.text("Lampiran :", Rect(lamp.x, lamp.y, 17 * _C, lamp.h), CARD_LABEL,
           floor=CARD_FLOOR, valign="middle", pad=2)
    p.rect(grid, LINE)
    for name in (*CARD_LABELS, "lampiran", "qr"):
        c = cells[name]
        if c.bottom < grid.bottom - 1:
            p.line(c.x, c.bottom, c.right, c.bottom, THIN)
        if c.right < grid.right - 1:
            p.line(c.right, c.y, c.right, c.bottom, THIN)


def _draw_card_band(p: Painter, copy: int) -> None:
    label, fill = CARD_COPIES[copy]
    band = CARD_CELLS["band"]
    p.rect(band, THIN, fill=fill)
    p.text(label, band, MIN_SIZE, floor=CARD_FLOOR, style="bold", align="center",
           valign="middle", pad=2, pad_y=0.5)


def _draw_card_content(p: Painter, data: KartuKendaliData) -> None:
    """One card's own entries and QR code."""
    cells = CARD_CELLS
    values = {
        "indeks": data.indeks, "kode": data.kode, "tanggal": tanggal_text(data.tanggal),
        "nomor_urut": data.nomor_urut, "isi_ringkas": data.isi_ringkas, "dari": data.dari,
        "kepada": data.kepada, "tanggal_surat": tanggal_text(data.tanggal_surat),
        "nomor_surat": data.nomor_surat, "pengolah": data.pengolah, "paraf": data.paraf,
        "catatan": data.catatan,
    }
    bold = {"nomor_urut", "kode", "indeks"}
    for name, value in values.items():
        p.text(value, _card_value_box(name), CARD_BASE, floor=CARD_FLOOR,
               style="bold" if name in bold else "regular",
               valign="top" if name in ("isi_ringkas", "catatan") else "middle",
               pad=2.2, pad_y=1.2, label=CARD_LABELS[name])
    lamp = cells["lampiran"]
    p.text(data.lampiran, Rect(lamp.x + 17 * _C, lamp.y, lamp.w - 17 * _C, lamp.h),
           CARD_BASE, floor=CARD_FLOOR, valign="middle", pad=2, pad_y=1, label="Lampiran")
    mk = _card_value_box("mk")
    chosen = data.masuk_keluar.strip().upper()[:1]
    side = 7.0
    for i, letter in enumerate("MK"):
        x = mk.x + 3 + i * mk.w / 2
        y = mk.y + (mk.h - side) / 2
        p.checkbox(x, y, side, chosen == letter)
        p.text(letter, Rect(x + side + 1, mk.y, mk.w / 2 - side - 4, mk.h), CARD_BASE,
               floor=CARD_FLOOR, style="bold" if chosen == letter else "regular",
               valign="middle", pad=1, pad_y=0.5)
    qr_with_label(p, data.qr_payload, f"No. Urut\n{data.nomor_urut}", cells["qr"], CARD_QR,
                   MIN_SIZE, CARD_FLOOR, void=data.dibatalkan)


def _sheet_positions(paper: str) -> tuple[Transform, ...]:
    """Where the three copies go on an A4/F4 sheet, at their true 150 x 100 mm: stacked and
    centred on F4; on A4 (too short for three stacked) the first two stand turned side by
    side and the third lies under them."""
    width, height = PAPER_SIZES[paper]
    if height - 12 * MM >= 3 * CARD_H:
        x = (width - CARD_W) / 2
        y0 = (height - 3 * CARD_H) / 2
        return tuple(Transform(x, y0 + i * CARD_H) for i in range(3))
    top = (height - CARD_W - CARD_H) / 2
    left = (width - 2 * CARD_H) / 2
    return (Transform(left, top, turned=True, form_h=CARD_H),
            Transform(left + CARD_H, top, turned=True, form_h=CARD_H),
            Transform((width - CARD_W) / 2, top + CARD_W))


def _cut_marks(p: Painter, places: Sequence[Transform]) -> None:
    """Crop marks in the margins at every corner of the cards, pointing away from them (none
    where a mark would fall on a card)."""
    cards = [place.rect(Rect(0, 0, CARD_W, CARD_H)) for place in places]
    gap, length = 1 * MM, 3 * MM

    def clear(x1: float, y1: float, x2: float, y2: float) -> bool:
        mark = Rect(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))
        return not any(mark.x < c.right - 0.1 and c.x < mark.right - 0.1
                       and mark.y < c.bottom - 0.1 and c.y < mark.bottom - 0.1
                       for c in cards)

    for card in cards:
        for x, y, sx, sy in ((card.x, card.y, -1, -1), (card.right, card.y, 1, -1),
                             (card.x, card.bottom, -1, 1), (card.right, card.bottom, 1, 1)):
            for x1, y1, x2, y2 in ((x + sx * gap, y, x + sx * (gap + length), y),
                                   (x, y + sy * gap, x, y + sy * (gap + length))):
                if clear(x1, y1, x2, y2):
                    p.line(x1, y1, x2, y2, 0.3)


def _card_spec(paper: str) -> PageSpec:
    """The geometry of a continuation page of a card (a card, or an A4/F4 sheet)."""
    if paper == "CARD":
        return PageSpec(CARD_W, CARD_H, 6 * MM, 6 * MM, 5 * MM, 6 * MM, 1.0, CARD_BASE,
                        CARD_FLOOR, 10.0, CARD_QR)
    return page_spec(paper, ("A4", "F4"))


def build_kartu_kendali(data: KartuKendaliData, target: Target, paper: str = "CARD", *,
                        layout: FormLayout | None = None) -> int:
    """Write one Kartu Kendali: CARD = three 10 x 15 cm pages (Lembar 1 putih, 2 kuning,
    3 merah muda); A4/F4 = the three copies on one sheet with cut marks. Returns pages."""
    return build_kartu_kendali_batch([data], target, paper, layout=layout)


@with_binary_streams
def build_kartu_kendali_batch(
    cards: Sequence[KartuKendaliData], target: Target, paper: str = "CARD", *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    by_copy: bool = False,
    layout: FormLayout | None = None,
) -> int:
    """Many cards in one PDF (a day's cards). CARD: three pages per card, or with `by_copy`
    every Lembar 1 first, then every Lembar 2, then every Lembar 3 (one colour of card stock
    at a time); A4/F4: one sheet per card. `progress(done, total)` is called after each card;
    when `cancelled()` turns true the build stops with PencetakanDibatalkan and nothing is
    written. Returns the page count."""
    size = paper_size(paper, ("CARD", "A4", "F4"))
    if not cards:
        raise FormError("Tidak ada kartu kendali untuk dicetak.")
    total = len(cards)
    first = cards[0]
    title = "Kartu Kendali" if total > 1 else f"Kartu Kendali {first.nomor_urut}"
    p = Painter.on_new_document(target, size, title, f"{total} kartu", layout)

    def make_form(name: str, draw: Callable[[], None]) -> Recording:
        recording = p.begin_form(name, CARD_W, CARD_H)
        draw()
        p.end_form()
        return recording

    frames: dict[Kop, tuple[str, Recording]] = {}
    bands = [make_form(f"kkband{i}", lambda i=i: _draw_card_band(p, i)) for i in range(3)]

    def frame_for(kop: Kop) -> tuple[str, Recording]:
        if kop not in frames:
            name = f"kkframe{len(frames)}"
            frames[kop] = (name, make_form(name, lambda: _draw_card_frame(p, kop)))
        return frames[kop]

    places = _sheet_positions(paper) if paper != "CARD" else ()
    contents: list[tuple[str, Recording, tuple[str, Recording]]] = []
    pages = 0

    def emit(card: tuple[str, Recording, tuple[str, Recording]], copies: Sequence[int]) -> int:
        name, recording, (frame_name, frame) = card
        if paper == "CARD":
            for copy in copies:
                p.start_page(*size)
                for form, rec in ((frame_name, frame), (name, recording),
                                  (f"kkband{copy}", bands[copy])):
                    p.place_form(form, rec, Transform())
                p.finish_page()
            return len(copies)
        p.start_page(*size)
        for copy, at in zip(copies, places, strict=True):
            for form, rec in ((frame_name, frame), (name, recording),
                              (f"kkband{copy}", bands[copy])):
                p.place_form(form, rec, at)
        _cut_marks(p, places)
        p.finish_page()
        return 1

    spec = _card_spec(paper)
    later: list[tuple[KartuKendaliData, list[tuple[str, str]]]] = []

    def emit_continued(data: KartuKendaliData, overflow: Sequence[tuple[str, str]]) -> int:
        """The values too long for the card, whole, on continuation pages (white stock)."""
        top = spec.content.y + qr_quiet_side(data.qr_payload, spec.code) + spec.base
        chunks = continued_pages(spec, overflow, top)
        for pieces in chunks:
            p.start_page(*size)
            continuation_head(p, spec, "KARTU KENDALI (lanjutan)", f"No. Urut {data.nomor_urut}",
                              data.qr_payload, f"No. Urut\n{data.nomor_urut}", data.dibatalkan)
            draw_continued(p, spec, pieces, top)
            p.finish_page()
        p.overflow.clear()
        return len(chunks)

    for index, data in enumerate(cards):
        if cancelled is not None and cancelled():
            raise PencetakanDibatalkan("Pencetakan kartu kendali dibatalkan.")
        name = f"kk{index}"
        card = (name, make_form(name, lambda data=data: _draw_card_content(p, data)),
                frame_for(data.kop))
        overflow = list(p.overflow)
        p.overflow.clear()
        if by_copy and paper == "CARD":
            contents.append(card)
            if overflow:
                later.append((data, overflow))
        else:
            pages += emit(card, (0, 1, 2))
            if overflow:
                pages += emit_continued(data, overflow)
        if progress is not None:
            progress(index + 1, total)
    for copy in range(3) if contents else ():
        for card in contents:
            pages += emit(card, (copy,))
    for data, overflow in later:
        pages += emit_continued(data, overflow)
    if cancelled is not None and cancelled():
        raise PencetakanDibatalkan("Pencetakan kartu kendali dibatalkan.")
    p.save()
    return pages
