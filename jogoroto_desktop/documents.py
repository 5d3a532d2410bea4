"""From the registers to the printed forms: the plain data `printing.forms` builds documents
from, with the signed QR payload of each record, and the recap written in the format asked for.
The one domain module that knows `printing` (the entry points aside). No widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import peewee

from jogoroto_desktop import audit, session
from jogoroto_desktop.kop import Kop
from jogoroto_desktop.kop_settings import kop_from_settings
from jogoroto_desktop.qr import RecordRef, fingerprint, public_key_text, sign_payload
from jogoroto_desktop.qr_keys import key_info, office_public_keys, signing_key
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.registers.disposisi import INSTRUKSI, disposisi_chain, disposisi_targets
from jogoroto_desktop.registers.surat import (
    DIBATALKAN,
    klasifikasi_table,
    pejabat_aktif,
    pejabat_by_jabatan,
)
from jogoroto_desktop.rekap import Rekap, RekapError, tulis_csv, tulis_excel
from jogoroto_desktop.setup import JABATAN_CAMAT, JABATAN_SEKCAM
from jogoroto_desktop.sop.catalog import SEKSI_BY_ID
from models import (
    Pejabat,
    Permohonan,
    PermohonanSyarat,
    SuratKeluar,
    SuratMasuk,
    SuratPengantar,
    SuratPengantarItem,
    db,
)
from printing.forms.blocks import Centang, Penandatangan, centang
from printing.forms.kartu_kendali import KartuKendaliData
from printing.forms.kunci_publik import KunciPublikData, KunciTercatat
from printing.forms.lembar_disposisi import LembarDisposisiData, RiwayatDisposisi
from printing.forms.surat_pengantar import ItemPengantar, SuratPengantarData
from printing.forms.tanda_terima import TandaTerimaData
from printing.rekap import build_rekap_pdf

__all__ = [
    "catat_cetak",
    "catat_cetak_banyak",
    "ekspor_rekap",
    "kartu_kendali_hari",
    "kartu_kendali_keluar",
    "kartu_kendali_masuk",
    "kop_from_settings",
    "kunci_publik_data",
    "lembar_disposisi_data",
    "payload_for",
    "payload_of",
    "surat_pengantar_data",
    "tanda_terima_data",
]


def payload_for(kind: str, year: int, number: int) -> str:
    """The signed QR payload of a record (the office's key is made at its first need)."""
    return sign_payload(RecordRef(kind, year, number), signing_key())


def payload_of(record: SuratMasuk | SuratKeluar | SuratPengantar | Permohonan) -> str:
    """The signed code printed on the forms of a record."""
    if isinstance(record, SuratMasuk):
        return payload_for("SM", record.tahun, record.nomor_agenda)
    if isinstance(record, SuratKeluar):
        return payload_for("SK", record.tahun, record.urut)
    if isinstance(record, SuratPengantar):
        return payload_for("SP", record.tahun, record.urut)
    return payload_for("TT", record.tahun, record.nomor_tanda_terima)


def kunci_publik_data(today: dt.date | None = None) -> KunciPublikData:
    """The printout of the office's public QR keys: this PC's (made at its first need) with
    its QR code, then the other signing PCs' keys and the rotated-out ones."""
    key_info()  # the key exists from here on
    current, *retired = (KunciTercatat(fingerprint(k), public_key_text(k))
                         for k in office_public_keys())
    return KunciPublikData(current, tuple(retired), today or dt.date.today(),
                           kop_from_settings())


def penandatangan(pejabat: Pejabat | None, jabatan: str) -> Penandatangan:
    if pejabat is None:
        return Penandatangan(jabatan)
    return Penandatangan(pejabat.jabatan, pejabat.nama, pejabat.pangkat, pejabat.nip)


def penandatangan_naskah(signer: Pejabat, kop: Kop) -> Penandatangan:
    """The signature block of an outgoing document as naskah dinas write it: the Camat signs
    as "Camat Jogoroto"; the Sekretaris Camat "a.n. CAMAT JOGOROTO"; anyone else a.n. the
    Camat, u.b. the Sekretaris Camat."""
    camat = f"{JABATAN_CAMAT} {kop.tempat}"
    if signer.jabatan == JABATAN_CAMAT:
        return Penandatangan(camat, signer.nama, signer.pangkat, signer.nip)
    ub = "" if signer.jabatan == JABATAN_SEKCAM else JABATAN_SEKCAM
    return Penandatangan(signer.jabatan, signer.nama, signer.pangkat, signer.nip,
                         atas_nama=camat, untuk_beliau=ub)


def lembar_disposisi_data(surat: SuratMasuk, signer_jabatan: str = "Camat") -> LembarDisposisiData:
    """The Lembar Disposisi of an incoming letter: the first disposisi of the signer (the Camat
    by default) fills the checkboxes; the whole chain fills the history table."""
    chain = disposisi_chain(surat)
    signer = pejabat_by_jabatan(signer_jabatan)
    own = next((d for d in chain if signer is not None and d.dari_pejabat_id == signer.id), None)
    officials = [p.jabatan for p in pejabat_aktif() if p.jabatan != signer_jabatan]
    chosen_targets = [p.jabatan for p in disposisi_targets(own)] if own else []
    chosen_instructions = own.instruksi.splitlines() if own else []
    history = tuple(
        RiwayatDisposisi(
            dari=Pejabat.get_by_id(d.dari_pejabat_id).jabatan,
            kepada=", ".join(p.jabatan for p in disposisi_targets(d)),
            isi="; ".join(filter(None, [*d.instruksi.splitlines(), d.catatan])),
            tanggal=d.tanggal.date(),
            tanggal_selesai=d.selesai_pada.date() if d.selesai_pada else None,
        )
        for d in chain
    )
    return LembarDisposisiData(
        surat_dari=surat.dari,
        nomor_surat=surat.nomor_surat,
        tanggal_surat=surat.tanggal_surat,
        diterima_tanggal=surat.tanggal_diterima,
        nomor_agenda=f"{surat.nomor_agenda}/{surat.tahun}",
        sifat=surat.sifat,
        perihal=surat.perihal,
        tujuan=centang(officials, chosen_targets),
        instruksi=centang(INSTRUKSI, chosen_instructions),
        catatan=own.catatan if own else "",
        penandatangan=penandatangan(signer, signer_jabatan),
        riwayat=history,
        qr_payload=payload_for("SM", surat.tahun, surat.nomor_agenda),
        kop=kop_from_settings(),
        dibatalkan=surat.status == DIBATALKAN,
    )


def kartu_kendali_masuk(surat: SuratMasuk, kop: Kop | None = None) -> KartuKendaliData:
    """The card of an incoming letter as registered: addressed to the Camat (the office), its
    pengolah the officials of the first disposisi; later disposisi do not change the card
    (they are on the Lembar Disposisi)."""
    kop = kop or kop_from_settings()
    chain = disposisi_chain(surat)
    first = [p.jabatan for p in disposisi_targets(chain[0])] if chain else []
    return _kartu_kendali(
        surat, "SM", surat.nomor_agenda, kop,
        tanggal=surat.tanggal_diterima,
        dari=surat.dari,
        kepada=f"Camat {kop.tempat}",
        tanggal_surat=surat.tanggal_surat,
        nomor_surat=surat.nomor_surat,
        pengolah=", ".join(first),
    )


def kartu_kendali_keluar(surat: SuratKeluar, kop: Kop | None = None) -> KartuKendaliData:
    if surat.urut is None:
        raise ValueError("Surat keluar ini belum bernomor; agendakan dulu sebelum dicetak.")
    seksi = SEKSI_BY_ID.get(surat.pengolah)
    return _kartu_kendali(
        surat, "SK", surat.urut, kop,
        tanggal=surat.tanggal,
        dari="Camat Jogoroto",
        kepada=surat.kepada,
        tanggal_surat=surat.tanggal,
        nomor_surat=surat.nomor or "",
        pengolah=f"Seksi {seksi.name}" if seksi else surat.pengolah,
    )


def _kartu_kendali(surat: SuratMasuk | SuratKeluar, kind: str, number: int, kop: Kop | None,
                   **fields: Any) -> KartuKendaliData:
    """The card fields both letter registers fill alike (classification, number, summary,
    attachment, the void note, the signed code of `kind`, the kop); `fields` are the rest."""
    return KartuKendaliData(
        indeks=klasifikasi_table().get(surat.klasifikasi, ""),
        kode=surat.klasifikasi,
        nomor_urut=f"{number}/{surat.tahun}",
        masuk_keluar="M" if kind == "SM" else "K",
        isi_ringkas=surat.perihal,
        lampiran=surat.lampiran,
        catatan="Dibatalkan: " + (surat.batal_alasan or "") if surat.status == DIBATALKAN
        else "",
        qr_payload=payload_for(kind, surat.tahun, number),
        kop=kop or kop_from_settings(),
        dibatalkan=surat.status == DIBATALKAN,
        **fields,
    )


def surat_pengantar_data(sp: SuratPengantar) -> SuratPengantarData:
    """The Surat Pengantar of a register entry: its items, the chosen official's signature
    block, the kop from the settings and the signed code (kind SP, year, nomor urut)."""
    items = (SuratPengantarItem.select()
             .where(SuratPengantarItem.surat_pengantar == sp.id)
             .order_by(SuratPengantarItem.urutan))
    signer = Pejabat.get_by_id(sp.penandatangan_id)
    kop = kop_from_settings()
    return SuratPengantarData(
        nomor=sp.nomor,
        tanggal=sp.tanggal,
        kepada=sp.kepada,
        items=tuple(ItemPengantar(i.jenis, i.banyaknya, i.keterangan) for i in items),
        pengirim=penandatangan_naskah(signer, kop),
        di=sp.di,
        qr_payload=payload_for("SP", sp.tahun, sp.urut),
        kop=kop,
        dibatalkan=sp.status == DIBATALKAN,
    )


def tanda_terima_data(permohonan: Permohonan) -> TandaTerimaData:
    """The tanda terima of a citizen's service request: the service's name from the SOP
    catalog, the requirements checklist as checked at the loket, the expected completion and
    the signed code (kind TT, year, tanda terima number)."""
    syarat = (PermohonanSyarat.select()
              .where(PermohonanSyarat.permohonan == permohonan.id)
              .order_by(PermohonanSyarat.urutan))
    alamat = permohonan.pemohon_alamat.strip()
    desa = f"Desa {permohonan.pemohon_desa.strip()}" if permohonan.pemohon_desa.strip() else ""
    if desa and desa.casefold() not in alamat.casefold():
        alamat = f"{alamat}, {desa}" if alamat else desa
    target = permohonan.target_selesai
    return TandaTerimaData(
        nomor_register=ly.nomor_register(permohonan),
        nomor_tanda_terima=ly.nomor_tanda_terima(permohonan),
        layanan=ly.nama_layanan(permohonan),  # the version it was registered under
        pemohon_nama=permohonan.pemohon_nama,
        pemohon_nik=permohonan.pemohon_nik,
        pemohon_alamat=alamat,
        tanggal=permohonan.diterima_pada.date(),
        persyaratan=tuple(Centang(s.syarat, bool(s.ada)) for s in syarat),
        perkiraan_selesai=target.date() if target is not None else None,
        petugas=permohonan.petugas,
        qr_payload=payload_for("TT", permohonan.tahun, permohonan.nomor_tanda_terima),
        kop=kop_from_settings(),
        dibatalkan=permohonan.status == DIBATALKAN,
    )


def catat_cetak(record: peewee.Model, formulir: str, paper: str) -> None:
    """Check that the acting user may print official forms, and audit the print ("cetak")."""
    session.require("cetak")
    with db.atomic():
        audit.catat("cetak", record._meta.table_name, record.get_id(),
                    f"Cetak {formulir} ({paper})")


def catat_cetak_banyak(records: Sequence[peewee.Model], formulir: str, paper: str) -> None:
    """Audit one "cetak" row per record (of one form or a batch), in one transaction."""
    session.require("cetak")
    batch = ", cetak sekaligus" if len(records) > 1 else ""
    with db.atomic():
        for record in records:
            audit.catat("cetak", record._meta.table_name, record.get_id(),
                        f"Cetak {formulir} ({paper}{batch})")


def kartu_kendali_hari(jenis: str, tanggal: dt.date,
                       cancelled: Callable[[], bool] | None = None,
                       ) -> tuple[list[SuratMasuk | SuratKeluar], list[KartuKendaliData]]:
    """The letters of one day (received for "masuk", numbered for "keluar"; voided ones left
    out) in register order, with their kartu kendali. Stops early, returning what it has,
    when `cancelled()` turns true."""
    kop = kop_from_settings()
    query: peewee.ModelSelect
    if jenis == "masuk":
        query = (SuratMasuk.select()
                 .where((SuratMasuk.tanggal_diterima == tanggal)
                        & (SuratMasuk.status != DIBATALKAN))
                 .order_by(SuratMasuk.tahun, SuratMasuk.nomor_agenda))
    elif jenis == "keluar":
        query = (SuratKeluar.select()
                 .where((SuratKeluar.tanggal == tanggal) & SuratKeluar.urut.is_null(False)
                        & (SuratKeluar.status != DIBATALKAN))
                 .order_by(SuratKeluar.tahun, SuratKeluar.urut))
    else:
        raise ValueError(f"jenis kartu kendali {jenis!r} tidak dikenal (masuk atau keluar)")
    records: list[SuratMasuk | SuratKeluar] = []
    cards: list[KartuKendaliData] = []
    for surat in query:
        if cancelled is not None and cancelled():
            break
        records.append(surat)
        cards.append(kartu_kendali_masuk(surat, kop) if jenis == "masuk"
                     else kartu_kendali_keluar(surat, kop))
    return records, cards


REKAP_FORMATS = (".xlsx", ".csv", ".pdf")


def ekspor_rekap(rekap: Rekap, path: str | Path,
                 progress: Callable[[int], None] | None = None, kop: Kop | None = None) -> Path:
    """Write the recap to ``path``; the format follows the suffix (.xlsx, .csv or .pdf).
    ``kop`` is the PDF's letterhead (read it with ``kop_from_settings()`` where the database is
    open: this function itself reads nothing from it, so it can run on a worker thread)."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in REKAP_FORMATS:
        raise RekapError(f"Format \u201c{target.suffix or target.name}\u201d tidak dikenal; "
                         "pakai .xlsx, .csv atau .pdf.")
    if progress:
        progress(10)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".xlsx":
            tulis_excel(rekap, target)
        elif suffix == ".csv":
            tulis_csv(rekap, target)
        else:
            build_rekap_pdf(rekap, target, kop)
    except OSError as exc:
        raise RekapError(f"Berkas {target} tidak dapat ditulis: "
                         f"{exc.strerror or exc}") from None
    if progress:
        progress(100)
    return target
