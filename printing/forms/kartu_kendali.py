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
from printing.forms.blocks import qr_with_label, tanggal_text
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
    with_binary_streams,
)

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
CARD_BASE = 8.0
CARD_LABEL = 5.8
CARD_FLOOR = 4.5


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
        "header_kop": Rect(x0, 4 * _C, 52 * _C, 8 * _C),
        "header_title": Rect(56 * _C, 4 * _C, 46 * _C, 8 * _C),
        "band": Rect(104 * _C, 5.2 * _C, 42 * _C, 5.6 * _C),
    }
    cells |= row(12.5, 10, (("indeks", 34), ("kode", 22), ("tanggal", 30),
                            ("nomor_urut", 30), ("mk", 26)))
    cells |= row(22.5, 24, (("isi_ringkas", 100),))
    cells["qr"] = Rect(104 * _C, 22.5 * _C, 42 * _C, 32 * _C)
    cells |= row(46.5, 8, (("lampiran", 100),))
    cells |= row(54.5, 10, (("dari", 71), ("kepada", 71)))
    cells |= row(64.5, 10, (("tanggal_surat", 30), ("nomor_surat", 50), ("pengolah", 38),
                            ("paraf", 24)))
    cells |= row(74.5, 21.5, (("catatan", 142),))
    assert cells["paraf"].right <= x1 + 1e-6
    return cells


CARD_CELLS = _card_cells()
CARD_LABELS = {
    "indeks": "Indeks", "kode": "Kode", "tanggal": "Tanggal", "nomor_urut": "No. Urut",
    "mk": "M/K", "isi_ringkas": "Isi Ringkas", "dari": "Dari", "kepada": "Kepada",
    "tanggal_surat": "Tgl. Surat", "nomor_surat": "No. Surat", "pengolah": "Pengolah",
    "paraf": "Paraf", "catatan": "Catatan",
}
_LABEL_H = CARD_LABEL * 1.45


def _card_value_box(name: str) -> Rect:
    cell = CARD_CELLS[name]
    return Rect(cell.x, cell.y + _LABEL_H, cell.w, cell.h - _LABEL_H)


def _draw_card_frame(p: Painter, kop: Kop) -> None:
    """What every card shares: kop line, title, grid and field labels."""
    cells = CARD_CELLS
    kop_lines = "\n".join(t for t in (kop.pemerintah, kop.instansi) if t.strip())
    p.text(kop_lines, cells["header_kop"], 6.5, floor=CARD_FLOOR, style="bold",
           valign="middle", pad=0, pad_y=0.5)
    p.text("KARTU KENDALI", cells["header_title"], 12.0, floor=CARD_FLOOR, style="bold",
           align="center", valign="middle", pad=0, pad_y=0.5)
    grid = Rect(4 * _C, 12.5 * _C, 142 * _C, 83.5 * _C)
    for name, label in CARD_LABELS.items():
        cell = cells[name]
        p.text(label, Rect(cell.x, cell.y, cell.w, _LABEL_H + 1), CARD_LABEL,
               floor=CARD_FLOOR, pad=2, pad_y=1)
    lamp = cells["lampiran"]
    p.text("Lampiran :", Rect(lamp.x, lamp.y, 17 * _C, lamp.h), CARD_BASE * 0.9,
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
    p.text(label, band, 7.5, floor=CARD_FLOOR, style="bold", align="center",
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
               pad=2.2, pad_y=1.2)
    lamp = cells["lampiran"]
    p.text(data.lampiran, Rect(lamp.x + 17 * _C, lamp.y, lamp.w - 17 * _C, lamp.h),
           CARD_BASE, floor=CARD_FLOOR, valign="middle", pad=2, pad_y=1)
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
                   7.0, CARD_FLOOR, void=data.dibatalkan)


def _sheet_positions(paper: str) -> tuple[Transform, ...]:
    """Where the three copies go on an A4/F4 sheet: stacked, centred, scaled down only as
    far as the printer's margins (6 mm) need."""
    width, height = PAPER_SIZES[paper]
    margin = 6 * MM
    scale = min(1.0, (height - 2 * margin) / (3 * CARD_H), (width - 2 * margin) / CARD_W)
    w, h = CARD_W * scale, CARD_H * scale
    x = (width - w) / 2
    y0 = (height - 3 * h) / 2
    return tuple(Transform(x, y0 + i * h, scale) for i in range(3))


def _cut_marks(p: Painter, places: Sequence[Transform]) -> None:
    """Crop marks in the margins at every cut line of the stacked cards."""
    first, last = places[0], places[-1]
    w, h = CARD_W * first.scale, CARD_H * first.scale
    left, right = first.dx, first.dx + w
    top, bottom = first.dy, last.dy + h
    gap, length = 1.5 * MM, 4 * MM
    for y in [pl.dy for pl in places] + [bottom]:
        p.line(left - gap - length, y, left - gap, y, 0.3)
        p.line(right + gap, y, right + gap + length, y, 0.3)
    for x in (left, right):
        p.line(x, top - gap - length, x, top - gap, 0.3)
        p.line(x, bottom + gap, x, bottom + gap + length, 0.3)


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

    for index, data in enumerate(cards):
        if cancelled is not None and cancelled():
            raise PencetakanDibatalkan("Pencetakan kartu kendali dibatalkan.")
        name = f"kk{index}"
        card = (name, make_form(name, lambda data=data: _draw_card_content(p, data)),
                frame_for(data.kop))
        if by_copy and paper == "CARD":
            contents.append(card)
        else:
            pages += emit(card, (0, 1, 2))
        if progress is not None:
            progress(index + 1, total)
    for copy in range(3) if contents else ():
        for card in contents:
            pages += emit(card, (copy,))
    if cancelled is not None and cancelled():
        raise PencetakanDibatalkan("Pencetakan kartu kendali dibatalkan.")
    p.save()
    return pages
