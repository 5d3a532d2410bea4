"""Checking a scanned or typed QR payload against the database: is the document genuine, and
which record does it name? Used by the "Verifikasi Dokumen" dialog, the CLI `verify` and the
registers' search boxes (a keyboard-wedge scanner types the payload and Enter)."""

from __future__ import annotations

from dataclasses import dataclass

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.qr import PayloadError, RecordRef, installation_secret, verify_payload
from models import SuratKeluar, SuratMasuk


@dataclass(frozen=True)
class VerifiedRecord:
    ref: RecordRef
    record_id: int
    lines: tuple[str, ...]  # what the record says, for people

    @property
    def title(self) -> str:
        return f"Dokumen asli: {self.ref.label}"


def find_record(ref: RecordRef) -> VerifiedRecord | None:
    """The record a verified reference names, or None when no such record exists here."""
    if ref.kind == "SM":
        surat = SuratMasuk.get_or_none((SuratMasuk.tahun == ref.year)
                                       & (SuratMasuk.nomor_agenda == ref.number))
        if surat is None:
            return None
        lines = (
            f"No. Agenda: {surat.nomor_agenda}/{surat.tahun}",
            f"Diterima: {format_tanggal(surat.tanggal_diterima)}",
            f"Dari: {surat.dari}",
            f"No. Surat: {surat.nomor_surat} tanggal {format_tanggal(surat.tanggal_surat)}",
            f"Perihal: {surat.perihal}",
            f"Status: {surat.status}" + (f" ({surat.batal_alasan})" if surat.batal_alasan else ""),
        )
        return VerifiedRecord(ref, surat.id, lines)
    if ref.kind == "SK":
        surat = SuratKeluar.get_or_none((SuratKeluar.tahun == ref.year)
                                        & (SuratKeluar.urut == ref.number))
        if surat is None:
            return None
        lines = (
            f"Nomor: {surat.nomor}",
            f"Tanggal: {format_tanggal(surat.tanggal)}",
            f"Kepada: {surat.kepada}",
            f"Perihal: {surat.perihal}",
            f"Status: {surat.status}" + (f" ({surat.batal_alasan})" if surat.batal_alasan else ""),
        )
        return VerifiedRecord(ref, surat.id, lines)
    return None  # Surat Pengantar and Tanda Terima registers come with their own issues


def verify_document(text: str) -> VerifiedRecord:
    """A genuine payload's record; PayloadError (Indonesian) when the code is malformed,
    altered, from another installation, or names a record this database does not hold."""
    ref = verify_payload(text, installation_secret())
    record = find_record(ref)
    if record is None:
        raise PayloadError(
            f"Kode bertanda tangan sah untuk {ref.label}, tetapi rekaman itu tidak ada di basis "
            "data ini. Periksa apakah komputer ini memakai basis data kantor yang benar."
        )
    return record
