"""From the registers to the printed forms: the plain data `printing.forms` builds documents
from, with the signed QR payload of each record. No widgets."""

from __future__ import annotations

from jogoroto_desktop import correspondence as c
from jogoroto_desktop.catalog import SEKSI_BY_ID
from jogoroto_desktop.qr import RecordRef, installation_secret, make_payload
from models import Pejabat, SuratKeluar, SuratMasuk
from printing.forms import (
    KartuKendaliData,
    LembarDisposisiData,
    Penandatangan,
    RiwayatDisposisi,
    centang,
)


def payload_for(kind: str, year: int, number: int) -> str:
    return make_payload(RecordRef(kind, year, number), installation_secret())


def penandatangan(pejabat: Pejabat | None, jabatan: str) -> Penandatangan:
    if pejabat is None:
        return Penandatangan(jabatan)
    return Penandatangan(pejabat.jabatan, pejabat.nama, pejabat.pangkat, pejabat.nip)


def lembar_disposisi_data(surat: SuratMasuk, signer_jabatan: str = "Camat") -> LembarDisposisiData:
    """The Lembar Disposisi of an incoming letter: the first disposisi of the signer (the Camat
    by default) fills the checkboxes; the whole chain fills the history table."""
    chain = c.disposisi_chain(surat)
    signer = c.pejabat_by_jabatan(signer_jabatan)
    own = next((d for d in chain if signer is not None and d.dari_pejabat_id == signer.id), None)
    officials = [p.jabatan for p in c.pejabat_aktif() if p.jabatan != signer_jabatan]
    chosen_targets = [p.jabatan for p in c.disposisi_targets(own)] if own else []
    chosen_instructions = own.instruksi.splitlines() if own else []
    history = tuple(
        RiwayatDisposisi(
            dari=Pejabat.get_by_id(d.dari_pejabat_id).jabatan,
            kepada=", ".join(p.jabatan for p in c.disposisi_targets(d)),
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
        instruksi=centang(c.INSTRUKSI, chosen_instructions),
        catatan=own.catatan if own else "",
        penandatangan=penandatangan(signer, signer_jabatan),
        riwayat=history,
        qr_payload=payload_for("SM", surat.tahun, surat.nomor_agenda),
    )


def kartu_kendali_masuk(surat: SuratMasuk) -> KartuKendaliData:
    targets = [p.jabatan for d in c.disposisi_chain(surat) for p in c.disposisi_targets(d)]
    return KartuKendaliData(
        indeks=c.klasifikasi_table().get(surat.klasifikasi, ""),
        kode=surat.klasifikasi,
        nomor_urut=f"{surat.nomor_agenda}/{surat.tahun}",
        masuk_keluar="M",
        tanggal=surat.tanggal_diterima,
        isi_ringkas=surat.perihal,
        lampiran=surat.lampiran,
        dari=surat.dari,
        kepada=targets[-1] if targets else "Camat Jogoroto",
        tanggal_surat=surat.tanggal_surat,
        nomor_surat=surat.nomor_surat,
        pengolah=targets[-1] if targets else "",
        catatan="Dibatalkan: " + (surat.batal_alasan or "") if surat.status == c.DIBATALKAN
        else "",
        qr_payload=payload_for("SM", surat.tahun, surat.nomor_agenda),
    )


def kartu_kendali_keluar(surat: SuratKeluar) -> KartuKendaliData:
    if surat.urut is None:
        raise ValueError("Surat keluar ini belum bernomor; agendakan dulu sebelum dicetak.")
    seksi = SEKSI_BY_ID.get(surat.pengolah)
    return KartuKendaliData(
        indeks=c.klasifikasi_table().get(surat.klasifikasi, ""),
        kode=surat.klasifikasi,
        nomor_urut=f"{surat.urut}/{surat.tahun}",
        masuk_keluar="K",
        tanggal=surat.tanggal,
        isi_ringkas=surat.perihal,
        lampiran=surat.lampiran,
        dari="Camat Jogoroto",
        kepada=surat.kepada,
        tanggal_surat=surat.tanggal,
        nomor_surat=surat.nomor or "",
        pengolah=f"Seksi {seksi.name}" if seksi else surat.pengolah,
        catatan="Dibatalkan: " + (surat.batal_alasan or "") if surat.status == c.DIBATALKAN
        else "",
        qr_payload=payload_for("SK", surat.tahun, surat.urut),
    )
