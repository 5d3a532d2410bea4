"""Buku Ekspedisi: what was delivered to whom (numbered per year), and who signed for it.

A delivery may carry a surat masuk to its pengolah (SOP Pengelolaan Surat Masuk step 6: the
letter becomes "disampaikan") or send a numbered surat keluar (its step 6: "dikirim").
"""

from __future__ import annotations

import datetime as dt

import peewee

from jogoroto_desktop import audit, session
from jogoroto_desktop.registers import kernel as registers
from jogoroto_desktop.registers.surat import (
    DIBATALKAN,
    JENIS_MASUK,
    MAX_DARI,
    MAX_PERIHAL,
    record_surat_step,
)
from jogoroto_desktop.registers.surat_keluar import advance_keluar
from jogoroto_desktop.registers.surat_masuk import (
    MASUK_DIDISPOSISI,
    MASUK_DIKIRIM,
    MASUK_DITERIMA,
    set_masuk_status,
    stored_surat_masuk,
)
from jogoroto_desktop.validation import Checker
from models import Ekspedisi, SuratKeluar, SuratMasuk, db, next_number

COUNTER_EKSPEDISI = "ekspedisi"


def kirim_ekspedisi(uraian: str, kepada: str, surat_masuk: SuratMasuk | None = None,
                    surat_keluar: SuratKeluar | None = None, oleh: str | None = None,
                    dikirim_pada: dt.datetime | None = None) -> Ekspedisi:
    """Write a delivery into the Buku Ekspedisi (numbered per year)."""
    actor = session.require("agenda.nomor")
    oleh = oleh or actor.label
    now = dikirim_pada or dt.datetime.now()
    check = Checker()
    what = check.text("uraian", "Uraian yang dikirim", uraian, MAX_PERIHAL)
    to = check.text("kepada", "Tujuan (kepada)", kepada, MAX_DARI)
    if surat_masuk is not None and stored_surat_masuk(surat_masuk).status == DIBATALKAN:
        check.fail("surat", "Surat yang dibatalkan tidak dikirim.")
    if surat_keluar is not None and surat_keluar.status not in ("diagendakan", "dikirim"):
        check.fail("surat", "Surat keluar baru bisa dikirim setelah diagendakan (bernomor).")
    check.raise_if_any()
    with db.atomic():
        nomor = next_number(COUNTER_EKSPEDISI, now.year)
        entry = Ekspedisi.create(tahun=now.year, nomor=nomor, surat_masuk=surat_masuk,
                                 surat_keluar=surat_keluar, uraian=what, kepada=to,
                                 dikirim_pada=now, diterima_oleh="", diterima_pada=None)
        audit.catat_buat(entry, f"Ekspedisi {nomor}/{now.year}: {what} kepada {to}")
        if surat_masuk is not None and surat_masuk.status != DIBATALKAN:
            record_surat_step(JENIS_MASUK, surat_masuk.id, 6, oleh, now,
                              f"Disampaikan kepada {to} (ekspedisi {nomor}/{now.year})")
            if stored_surat_masuk(surat_masuk).status in (MASUK_DITERIMA, MASUK_DIDISPOSISI):
                set_masuk_status(surat_masuk, MASUK_DIKIRIM, now)
        if surat_keluar is not None and surat_keluar.status == "diagendakan":
            advance_keluar(surat_keluar, "dikirim", oleh, now)
    return entry


def terima_ekspedisi(entry: Ekspedisi, diterima_oleh: str,
                     diterima_pada: dt.datetime | None = None) -> None:
    session.require("agenda.nomor")
    check = Checker()
    name = check.text("diterima_oleh", "Nama penerima", diterima_oleh, MAX_DARI)
    now = dt.datetime.now()
    when = diterima_pada or now
    if entry.diterima_pada is not None:
        check.fail("diterima_oleh", f"Penerimaan sudah dicatat ({entry.diterima_oleh}).")
    if when < entry.dikirim_pada:
        check.fail("diterima_pada", "Waktu diterima tidak boleh sebelum waktu dikirim.")
    elif when > now + dt.timedelta(minutes=5):
        check.fail("diterima_pada", "Waktu diterima tidak boleh di masa depan.")
    check.raise_if_any()
    with db.atomic():
        lama = audit.snapshot(entry, ("diterima_oleh", "diterima_pada"))
        entry.diterima_oleh = name
        entry.diterima_pada = when
        entry.save()
        audit.catat_ubah(entry, lama, f"Ekspedisi {entry.nomor}/{entry.tahun} diterima oleh "
                                      f"{name}")


def ekspedisi_of_keluar(surat: SuratKeluar) -> list[Ekspedisi]:
    """The deliveries of a surat keluar, in the order they were sent."""
    return list(Ekspedisi.select().where(Ekspedisi.surat_keluar == surat.id)
                .order_by(Ekspedisi.id))


def query_ekspedisi(tahun: int | None = None, teks: str = "",
                    belum_diterima: bool = False) -> peewee.ModelSelect:
    """The Buku Ekspedisi's rows as tuples for its table (id, tahun, nomor, dikirim_pada,
    uraian, kepada, agenda number and year of the surat masuk, nomor of the surat keluar,
    diterima_oleh, diterima_pada), not ordered. Free text searches uraian, kepada, penerima,
    the surat keluar's nomor and the ekspedisi or agenda number (also written "3/2026")."""
    e, sm, sk = Ekspedisi, SuratMasuk, SuratKeluar
    query = (e.select(e.id, e.tahun, e.nomor, e.dikirim_pada, e.uraian, e.kepada,
                      sm.nomor_agenda, sm.tahun, sk.nomor, e.diterima_oleh, e.diterima_pada)
             .join(sm, peewee.JOIN.LEFT_OUTER, on=(e.surat_masuk == sm.id))
             .switch(e)
             .join(sk, peewee.JOIN.LEFT_OUTER, on=(e.surat_keluar == sk.id)))
    if tahun:
        query = query.where(e.tahun == tahun)
    if belum_diterima:
        query = query.where(e.diterima_pada.is_null())
    for word in teks.split():
        condition = (e.uraian.contains(word) | e.kepada.contains(word)
                     | e.diterima_oleh.contains(word) | sk.nomor.contains(word))
        for number, year in ((e.nomor, e.tahun), (sm.nomor_agenda, sm.tahun)):
            matched = registers.number_condition(word, number, year)
            if matched is not None:
                condition |= matched
        query = query.where(condition)
    return query
