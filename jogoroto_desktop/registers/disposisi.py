"""Disposisi: an official's written routing of a surat masuk, its addressees' inbox and their
follow-up (SOP Pengelolaan Surat Masuk steps 3-5 and 7).

A disposisi is *tulis* (written) from the writer's own position to one or more officials,
possibly continuing an earlier one (the chain the Lembar Disposisi prints), and *selesaikan*
(followed up) by each addressee's seksi. The letter is "didisposisi" once the first is written
and "ditindaklanjuti" once none is open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from jogoroto_desktop import audit, session
from jogoroto_desktop.registers.surat import DIBATALKAN, JENIS_MASUK, record_surat_step, surat_label
from jogoroto_desktop.registers.surat_masuk import (
    MASUK_DIDISPOSISI,
    MASUK_DITERIMA,
    MASUK_SELESAI,
    set_masuk_status,
    stored_surat_masuk,
)
from jogoroto_desktop.validation import Checker
from models import Disposisi, DisposisiTujuan, Pejabat, SuratMasuk, db

INSTRUKSI = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan/konfirmasikan",
    "Untuk diketahui",
    "Untuk dihadiri",
    "Siapkan jawaban",
    "Arsipkan",
)

MAX_CATATAN = 1000

# The SOP step a disposisi is, by the writer's position (Pengelolaan Surat Masuk).
_DISPOSISI_STEP = {"Camat": 3, "Sekretaris Camat": 4, "Kasubag Umum dan Kepegawaian": 5}


def tulis_disposisi(surat: SuratMasuk, dari: Pejabat, kepada: Sequence[Pejabat],
                    instruksi: Iterable[str], catatan: str = "",
                    batas_waktu: dt.date | str | None = None, induk: Disposisi | None = None,
                    now: dt.datetime | None = None) -> Disposisi:
    """A disposisi from one official to one or more others, optionally continuing `induk`.

    It is written from the writer's own position: the acting user's account must be linked to
    `dari` (admin excepted, who may enter a disposisi written on paper; the audit trail names
    the admin as the one who entered it)."""
    _require_own_position(dari)
    now = now or dt.datetime.now()
    check = Checker()
    targets = {p.id: p for p in kepada}
    if not targets:
        check.fail("kepada", "Pilih sedikitnya satu tujuan disposisi.")
    if dari.id in targets:
        check.fail("kepada", "Disposisi tidak bisa ditujukan kepada penulisnya sendiri.")
    for item in instruksi:  # before stripping, which would drop a trailing control (U+0085)
        if not check.plain("instruksi", "Instruksi", item):
            break
    chosen = [i.strip() for i in instruksi if i and i.strip()]
    if not chosen and not (catatan or "").strip():
        check.fail("instruksi", "Centang sedikitnya satu instruksi atau tulis catatan.")
    for item in chosen:
        if len(item) > 100:
            check.fail("instruksi", "Instruksi terlalu panjang (paling banyak 100 karakter).")
    note = check.text("catatan", "Catatan", catatan, MAX_CATATAN, required=False)
    deadline = check.date("batas_waktu", "Batas waktu", batas_waktu, required=False)
    if deadline and deadline < now.date():
        check.fail("batas_waktu", "Batas waktu tidak boleh sebelum hari ini.")
    if stored_surat_masuk(surat).status == DIBATALKAN:
        check.fail("surat", "Surat yang dibatalkan tidak bisa didisposisi.")
    check.raise_if_any()
    with db.atomic():
        disposisi = Disposisi.create(
            surat_masuk=surat, induk=induk, dari_pejabat=dari, tanggal=now,
            batas_waktu=deadline, instruksi="\n".join(chosen), catatan=note, selesai=False,
            selesai_pada=None, tindak_lanjut="",
        )
        for pejabat in targets.values():
            DisposisiTujuan.create(disposisi=disposisi, pejabat=pejabat, selesai=False,
                                   selesai_pada=None, tindak_lanjut="")
        step = _DISPOSISI_STEP.get(dari.jabatan)
        if step:
            names = ", ".join(p.jabatan for p in targets.values())
            record_surat_step(JENIS_MASUK, surat.id, step, dari.jabatan, now,
                              f"Disposisi kepada {names}")
        if stored_surat_masuk(surat).status == MASUK_DITERIMA:
            set_masuk_status(surat, MASUK_DIDISPOSISI, now)
        names = ", ".join(p.jabatan for p in targets.values())
        audit.catat_buat(disposisi, f"Disposisi {dari.jabatan} kepada {names} atas surat "
                                    f"{surat_label(surat)}")
    return disposisi


def _require_own_position(dari: Pejabat) -> None:
    actor = session.require("disposisi.tulis")
    if actor.peran == "admin" or actor.pejabat_id == dari.id:
        return
    if actor.pejabat_id is None:
        raise session.PermissionDenied(
            "Akun Anda belum dihubungkan dengan jabatan; minta admin mengisi jabatan Anda di "
            "Kelola Pengguna sebelum menulis disposisi.")
    own = Pejabat.get_or_none(Pejabat.id == actor.pejabat_id)
    raise session.PermissionDenied(
        f"Disposisi hanya bisa ditulis atas nama jabatan Anda sendiri "
        f"({own.jabatan if own else 'tidak dikenal'}), bukan {dari.jabatan}.")


def disposisi_chain(surat: SuratMasuk) -> list[Disposisi]:
    """Every disposisi of a letter in the order written (the history table of the form).

    Two queries however long the chain: the writers come joined (``dari_pejabat``) and the
    addressees of every item in one more query, kept for :func:`disposisi_targets`, so a
    detail pane that shows who wrote to whom sends no query per disposisi."""
    chain = list(Disposisi.select(Disposisi, Pejabat)
                 .join(Pejabat, on=(Disposisi.dari_pejabat == Pejabat.id))
                 .where(Disposisi.surat_masuk == surat)
                 .order_by(Disposisi.tanggal, Disposisi.id))
    targets: dict[int, list[Pejabat]] = {item.id: [] for item in chain}
    if chain:
        for tujuan in (DisposisiTujuan.select(DisposisiTujuan, Pejabat).join(Pejabat)
                       .where(DisposisiTujuan.disposisi.in_(list(targets)))
                       .order_by(Pejabat.urutan, DisposisiTujuan.id)):
            targets[tujuan.disposisi_id].append(tujuan.pejabat)
    for item in chain:
        item.tujuan_pejabat = targets[item.id]
    return chain


def disposisi_targets(disposisi: Disposisi) -> list[Pejabat]:
    """The addressees of a disposisi (read with its chain when it came from one)."""
    known = getattr(disposisi, "tujuan_pejabat", None)
    if known is not None:
        return list(known)
    return list(Pejabat.select().join(DisposisiTujuan)
                .where(DisposisiTujuan.disposisi == disposisi).order_by(Pejabat.urutan))


def inbox(seksi_id: str, include_done: bool = False) -> list[Disposisi]:
    """Disposisi addressed to the officials of a seksi, open ones first, oldest first. A
    disposisi counts as open for the seksi while its own addressees have not followed it up."""
    open_here = (DisposisiTujuan.select(DisposisiTujuan.disposisi).join(Pejabat)
                 .where((Pejabat.seksi == seksi_id)
                        & (DisposisiTujuan.selesai == False)))  # noqa: E712
    addressed_here = (DisposisiTujuan.select(DisposisiTujuan.disposisi).join(Pejabat)
                      .where(Pejabat.seksi == seksi_id))
    query = (Disposisi.select(Disposisi, SuratMasuk).join(SuratMasuk)
             .where(Disposisi.id.in_(open_here if not include_done else addressed_here)
                    & (SuratMasuk.status != DIBATALKAN)))
    rows = list(query.order_by(Disposisi.tanggal, Disposisi.id))
    still_open = {d.disposisi_id for d in open_here} if include_done else None
    for row in rows:  # done for this seksi, whatever the other addressees did
        row.selesai_seksi = still_open is not None and row.id not in still_open
    if include_done:
        rows.sort(key=lambda d: (d.selesai_seksi, d.tanggal, d.id))
    return rows


def jumlah_menunggu(seksi_id: str) -> int:
    """How many disposisi wait for the seksi's follow-up (the open part of its inbox)."""
    return len(inbox(seksi_id))


def selesai_untuk(disposisi: Disposisi, seksi_id: str) -> bool:
    """True when the seksi's addressees of this disposisi have all followed it up."""
    return not (DisposisiTujuan.select().join(Pejabat)
                .where((DisposisiTujuan.disposisi == disposisi) & (Pejabat.seksi == seksi_id)
                       & (DisposisiTujuan.selesai == False))  # noqa: E712
                .exists())


def selesaikan_disposisi(disposisi: Disposisi, tindak_lanjut: str, oleh: str,
                         seksi_id: str | None = None, now: dt.datetime | None = None) -> None:
    """Record the follow-up of a disposisi by the addressees of `seksi_id` (all addressees when
    None). The disposisi is done when every addressee has followed it up, and the letter counts
    as followed up (SOP step 7) once none of its disposisi is open."""
    session.require("disposisi.selesai")
    now = now or dt.datetime.now()
    check = Checker()
    text = check.text("tindak_lanjut", "Tindak lanjut", tindak_lanjut, MAX_CATATAN)
    mine = DisposisiTujuan.select().join(Pejabat).where(
        (DisposisiTujuan.disposisi == disposisi)
        & (DisposisiTujuan.selesai == False))  # noqa: E712
    if seksi_id is not None:
        mine = mine.where(Pejabat.seksi == seksi_id)
    targets = [t.id for t in mine]
    if not targets:
        check.fail("selesai", "Disposisi ini sudah ditindaklanjuti.")
    check.raise_if_any()
    with db.atomic():
        (DisposisiTujuan.update(selesai=True, selesai_pada=now, tindak_lanjut=text)
         .where(DisposisiTujuan.id.in_(targets)).execute())
        audit.catat("ubah", "disposisi", disposisi.id,
                    f"Disposisi #{disposisi.id} ditindaklanjuti oleh {oleh}",
                    {"tindak_lanjut": [None, text],
                     "tujuan_selesai": [None, sorted(targets)]}, pada=now)
        remaining = (DisposisiTujuan.select()
                     .where((DisposisiTujuan.disposisi == disposisi)
                            & (DisposisiTujuan.selesai == False))  # noqa: E712
                     .exists())
        if not remaining:
            disposisi.selesai = True
            disposisi.selesai_pada = now
            disposisi.tindak_lanjut = text
            disposisi.save()
        surat = SuratMasuk.get_by_id(disposisi.surat_masuk_id)
        still_open = (Disposisi.select().where((Disposisi.surat_masuk == surat)
                                               & (Disposisi.selesai == False))  # noqa: E712
                      .exists())
        if not still_open and surat.status != DIBATALKAN:
            record_surat_step(JENIS_MASUK, surat.id, 7, oleh, now, text)
            set_masuk_status(surat, MASUK_SELESAI, now)
