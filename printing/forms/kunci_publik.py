"""The one-page printout of the office's public QR key: what another office (the Polsek, the
KUA) or a reinstalled PC needs to check the office's printed forms offline. The key's own QR
code carries the key as text (scan it into a file, or type the line); the fingerprint is what
people compare by eye, e.g. on the phone with the kecamatan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from jogoroto_desktop.geometry import MM, Rect
from jogoroto_desktop.kop import Kop
from printing.forms.blocks import label_value, page_spec, tanggal_text
from printing.forms.layout import FormLayout
from printing.forms.painter import Painter, Target, qr_quiet_side, with_binary_streams

KEY_QR = 45 * MM  # large: a phone reads it from across a desk
PAPERS = ("A4", "F4")


class KunciTercatat(NamedTuple):
    """One public key: its fingerprint and its text line (JGRK1:...)."""

    sidik_jari: str
    teks: str


@dataclass(frozen=True)
class KunciPublikData:
    berlaku: KunciTercatat
    lama: tuple[KunciTercatat, ...] = ()  # other signing PCs' and rotated-out keys: all good
    tanggal: dt.date | None = None
    kop: Kop = field(default_factory=Kop)


INSTRUCTIONS = (
    "Kunci ini untuk MEMERIKSA keaslian kode QR pada dokumen yang dicetak Kecamatan Jogoroto "
    "(Lembar Disposisi, Kartu Kendali, Surat Pengantar, Tanda Terima). Kunci ini tidak "
    "rahasia dan tidak dapat dipakai untuk membuat dokumen.",
    "Cara memeriksa tanpa basis data kantor: simpan baris kunci di bawah (atau hasil pindai "
    "kode QR kunci ini) ke sebuah berkas, lalu jalankan:  jogoroto-cli verify --kunci BERKAS "
    "ISI_KODE_QR_DOKUMEN.",
    "Cocokkan sidik jari dengan yang tampil di Pengaturan program kantor (atau tanyakan ke "
    "kantor kecamatan) sebelum mempercayai kunci ini. Pemeriksaan tanpa basis data tidak "
    "mengetahui pembatalan: tanyakan ke kantor bila ragu.",
)


@with_binary_streams
def build_kunci_publik(data: KunciPublikData, target: Target, paper: str = "A4", *,
                       layout: FormLayout | None = None) -> int:
    """Write the key's page; returns the page count (1)."""
    spec = page_spec(paper, PAPERS)
    box = spec.content
    base, floor = spec.base, spec.floor
    p = Painter.on_new_document(target, (spec.width, spec.height), "Kunci Publik Kode QR",
                                f"Sidik jari {data.berlaku.sidik_jari}", layout)
    p.start_page(spec.width, spec.height)
    L, W = box.x, box.w
    y = p.kop(data.kop, L, box.right, box.y, spec.kop_scale) + base
    p.text("KUNCI PUBLIK KODE QR DOKUMEN", Rect(L, y, W, spec.title * 1.6), spec.title,
           floor=floor, style="bold", align="center", valign="middle", pad=0, max_lines=1)
    y += spec.title * 2.2
    for paragraph in INSTRUCTIONS:
        fitted = p.text(paragraph, Rect(L, y, W, base * 4.2), base, floor=floor, pad=0)
        y += (fitted.extent.h if fitted.extent else base) + base * 0.8
    y += base * 0.5
    label_w = base * 11
    rows = (("Sidik jari", data.berlaku.sidik_jari), ("Dicetak", tanggal_text(data.tanggal)))
    for label, value in rows:
        label_value(p, label, value, Rect(L, y, W, base * 2), label_w, base * 1.2, floor,
                    value_style="bold")
        y += base * 2
    total = qr_quiet_side(data.berlaku.teks, KEY_QR)
    p.qr(data.berlaku.teks, L + (W - total) / 2, y + base * 0.5, KEY_QR)
    y += total + base
    p.text(data.berlaku.teks, Rect(L, y, W, base * 2), base, floor=floor, style="bold",
           align="center", pad=0, max_lines=1)
    y += base * 2.5
    if data.lama:
        p.text("Kunci lain kantor (PC penanda tangan lain dan kunci lama; tetap sah):",
               Rect(L, y, W, base * 1.6), base, floor=floor, pad=0, max_lines=1)
        y += base * 1.6
        for old in data.lama:
            if y + base * 3.2 > box.bottom:
                break
            p.text(f"Sidik jari {old.sidik_jari}\n{old.teks}", Rect(L, y, W, base * 3),
                   base * 0.9, floor=floor, pad=0, max_lines=2)
            y += base * 3.2
    p.finish_page()
    p.save()
    return 1
