"""Checking a scanned or typed QR payload against the database: is the document genuine, and
which record does it name? Used by the "Verifikasi Dokumen" dialog, the CLI `verify` and the
registers' search boxes (a keyboard-wedge scanner types the payload and Enter).

Verifying writes nothing: the keys are read as stored (a database that never signed has none,
and then no signed code is genuine for it). Without the office database, `verify_with_keys`
checks the signature against an exported public key file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from jogoroto_desktop.dates import format_tanggal
from jogoroto_desktop.qr import (
    PREFIX,
    PayloadError,
    RecordRef,
    fingerprint,
    parse_payload,
    verify_payload,
    verify_signed,
)
from jogoroto_desktop.qr_keys import hmac_secret, office_public_keys
from jogoroto_desktop.registers.kernel import DIBATALKAN
from models import Permohonan, SuratKeluar, SuratMasuk, SuratPengantar


@dataclass(frozen=True)
class VerifiedRecord:
    """A genuine code's record. `record_id` is None when only the signature was checked (a
    key file, no office database); `dibatalkan` when the record was voided after printing."""

    ref: RecordRef
    record_id: int | None
    lines: tuple[str, ...]  # what the record says, for people
    dibatalkan: bool = False

    @property
    def title(self) -> str:
        if self.dibatalkan:
            return f"DIBATALKAN: {self.ref.label} (kode asli, tetapi rekamannya dibatalkan)"
        return f"Dokumen asli: {self.ref.label}"


def find_record(ref: RecordRef) -> VerifiedRecord | None:
    """The record a verified reference names, or None when no such record exists here."""
    if ref.kind not in _KINDS:
        return None
    model, number_field, describe = _KINDS[ref.kind]
    record = model.get_or_none((model.tahun == ref.year)
                               & (getattr(model, number_field) == ref.number))
    if record is None:
        return None
    voided = record.status == DIBATALKAN
    return VerifiedRecord(ref, record.id, (*_voided_lines(record), *describe(record),
                                           _status(record)), voided)


def _status(record: SuratMasuk | SuratKeluar | SuratPengantar | Permohonan) -> str:
    return f"Status: {record.status}" + (f" ({record.batal_alasan})" if record.batal_alasan
                                         else "")


def _voided_lines(record: SuratMasuk | SuratKeluar | SuratPengantar | Permohonan,
                  ) -> tuple[str, ...]:
    """What a voided record's verdict says first: when, and why."""
    if record.status != DIBATALKAN:
        return ()
    when = format_tanggal(record.batal_pada.date()) if record.batal_pada else "-"
    return (f"Dibatalkan pada: {when}", f"Alasan pembatalan: {record.batal_alasan or '-'}")


def _surat_masuk_lines(surat: SuratMasuk) -> tuple[str, ...]:
    return (
        f"No. Agenda: {surat.nomor_agenda}/{surat.tahun}",
        f"Diterima: {format_tanggal(surat.tanggal_diterima)}",
        f"Dari: {surat.dari}",
        f"No. Surat: {surat.nomor_surat} tanggal {format_tanggal(surat.tanggal_surat)}",
        f"Perihal: {surat.perihal}",
    )


def _surat_keluar_lines(surat: SuratKeluar) -> tuple[str, ...]:
    return (*_nomor_tanggal(surat), f"Kepada: {surat.kepada}", f"Perihal: {surat.perihal}")


def _nomor_tanggal(surat: SuratKeluar | SuratPengantar) -> tuple[str, str]:
    """The first lines of an outgoing letter the office numbered and dated."""
    return f"Nomor: {surat.nomor}", f"Tanggal: {format_tanggal(surat.tanggal)}"


def _surat_pengantar_lines(sp: SuratPengantar) -> tuple[str, ...]:
    from models import Pejabat, SuratPengantarItem

    items = [f"{i.urutan}. {i.jenis} ({i.banyaknya})" for i in SuratPengantarItem.select()
             .where(SuratPengantarItem.surat_pengantar == sp.id)
             .order_by(SuratPengantarItem.urutan)]
    signer = Pejabat.get_or_none(Pejabat.id == sp.penandatangan_id)
    return (
        *_nomor_tanggal(sp),
        f"Kepada: {sp.kepada}" + (f", di {sp.di}" if sp.di else ""),
        "Yang dikirim: " + "; ".join(items),
        f"Penandatangan: {signer.jabatan if signer else '-'}",
    )


def _tanda_terima_lines(permohonan: Permohonan) -> tuple[str, ...]:
    from jogoroto_desktop.registers.layanan import (
        nama_layanan,
        nomor_register,
        nomor_tanda_terima,
    )

    return (
        f"No. Tanda Terima: {nomor_tanda_terima(permohonan)}",
        f"Layanan: {nama_layanan(permohonan)} "
        f"(No. Register {nomor_register(permohonan)})",
        f"Pemohon: {permohonan.pemohon_nama}",
        f"Diterima: {format_tanggal(permohonan.diterima_pada.date())}",
    )


# The kind in the QR payload -> the register, the field its number is in, what it says (its
# status is the last line of every kind).
_KINDS: dict[str, tuple[Any, str, Callable[[Any], tuple[str, ...]]]] = {
    "SM": (SuratMasuk, "nomor_agenda", _surat_masuk_lines),
    "SK": (SuratKeluar, "urut", _surat_keluar_lines),
    "SP": (SuratPengantar, "urut", _surat_pengantar_lines),
    "TT": (Permohonan, "nomor_tanda_terima", _tanda_terima_lines),
}


def verify_document(text: str) -> VerifiedRecord:
    """A genuine payload's record; PayloadError (Indonesian) when the code is malformed,
    altered, from another installation, or names a record this database does not hold."""
    ref = verify_payload(text, office_public_keys(), hmac_secret())
    record = find_record(ref)
    if record is None:
        raise PayloadError(
            f"Kode bertanda tangan sah untuk {ref.label}, tetapi rekaman itu tidak ada di basis "
            "data ini. Periksa apakah komputer ini memakai basis data kantor yang benar."
        )
    return record


def verify_with_keys(text: str, keys: list[Ed25519PublicKey]) -> VerifiedRecord:
    """Check a code's signature against public keys from an exported key file, with no
    database: the record's content and status stay unchecked (the lines say so). Old-scheme
    codes need the office database."""
    parsed = parse_payload(text)
    if parsed.scheme != PREFIX:
        raise PayloadError("Kode lama (JGR1) hanya dapat diperiksa di komputer yang memakai "
                           "basis data kantor, tanpa --kunci.")
    key = verify_signed(parsed, keys)
    return VerifiedRecord(parsed.ref, None, (
        f"Tanda tangan sah: kunci kantor dengan sidik jari {fingerprint(key)}.",
        "Isi dan status rekaman tidak diperiksa (tanpa basis data kantor); pastikan belum "
        "dibatalkan dengan menanyakan ke kantor kecamatan.",
    ))
