"""Signed QR payloads for the office's printed forms, and the QR module matrix.

A payload names the record type, its year and number, and carries a truncated HMAC-SHA256
signature made with a secret created once per installation and kept in the database:

    JGR1:SM:2026:12:K3Q7ZT2M      (surat masuk, agenda 12/2026)

Only characters of QR's alphanumeric mode are used (digits, capitals, ':'), so a payload fits
a version-2 code at error-correction level M. One engine: `qr_matrix` makes the module
matrix with the `qrcode` package; the PDF draws it as vector squares and the screen paints it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from jogoroto_desktop.validation import non_ascii_digit, non_ascii_digit_message

PREFIX = "JGR1"
SECRET_SETTING = "qr_secret"
SIGNATURE_BYTES = 5  # 40 bits: 8 base32 characters
RECORD_TYPES = {
    "SM": "Surat Masuk",
    "SK": "Surat Keluar",
    "SP": "Surat Pengantar",
    "TT": "Tanda Terima Layanan",
}
_PAYLOAD = re.compile(r"^JGR1:([A-Z]{2}):([0-9]{4}):([0-9]{1,9}):([A-Z2-7]{8})$")


class PayloadError(ValueError):
    """Not a payload of this program, or its signature does not match: an Indonesian message."""


@dataclass(frozen=True)
class RecordRef:
    kind: str  # "SM", "SK", "SP" or "TT"
    year: int
    number: int

    @property
    def label(self) -> str:
        return f"{RECORD_TYPES[self.kind]} {self.number}/{self.year}"


def _signature(secret: bytes, body: str) -> str:
    digest = hmac.new(secret, body.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest[:SIGNATURE_BYTES]).decode("ascii")


def make_payload(ref: RecordRef, secret: bytes) -> str:
    if ref.kind not in RECORD_TYPES:
        raise ValueError(f"jenis rekaman {ref.kind!r} tidak dikenal")
    body = f"{PREFIX}:{ref.kind}:{ref.year:04d}:{ref.number}"
    return f"{body}:{_signature(secret, body)}"


def parse_payload(text: str) -> tuple[RecordRef, str, str]:
    """(reference, signed body, signature) of a payload's text, without checking the signature.
    Keyboard-wedge scanners may add spaces or lower-case the text; both are tolerated."""
    cleaned = text.strip().upper()
    digit = non_ascii_digit(cleaned)
    if digit is not None:
        raise PayloadError(non_ascii_digit_message("Kode ini", digit)
                           + " Kode QR asli hanya memuat huruf latin dan angka 0-9.")
    match = _PAYLOAD.match(cleaned)
    if not match or match.group(1) not in RECORD_TYPES:
        raise PayloadError("Kode ini bukan kode dokumen Kecamatan Jogoroto (format tidak dikenal).")
    kind, year, number, signature = match.groups()
    body = cleaned[: cleaned.rindex(":")]
    return RecordRef(kind, int(year), int(number)), body, signature


def verify_payload(text: str, secret: bytes) -> RecordRef:
    """The record a genuine payload names; PayloadError when it is malformed or altered."""
    ref, body, signature = parse_payload(text)
    if not hmac.compare_digest(_signature(secret, body), signature):
        raise PayloadError(
            "Tanda tangan kode tidak cocok: dokumen ini diubah, atau dibuat oleh instalasi "
            "lain. Jangan dianggap asli."
        )
    return ref


def looks_like_payload(text: str) -> bool:
    return text.strip().upper().startswith(f"{PREFIX}:")


def new_secret() -> bytes:
    return secrets.token_bytes(32)


def installation_secret() -> bytes:
    """The installation's secret from the database, created (once) if missing."""
    from models import Setting, get_setting

    # Read first: once it exists (always, after the first QR) that is one round trip to the
    # server instead of two. Insert only if absent: two PCs starting together must not
    # overwrite each other's secret.
    stored = get_setting(SECRET_SETTING)
    if not stored:
        Setting.insert(key=SECRET_SETTING, value=new_secret().hex()).on_conflict_ignore().execute()
        stored = get_setting(SECRET_SETTING)
    assert stored
    return bytes.fromhex(stored)


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR module matrix (True = dark), level M, without the quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]
