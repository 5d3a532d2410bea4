"""Signed QR payloads for the office's printed forms, and the QR module matrix.

A payload names the record type, its year and number, and carries the full Ed25519 signature
of that text, made with the office's private key (kept in the database, `qr_keys`):

    JGR2:SM:2026:12:<103 base32 characters>      (surat masuk, agenda 12/2026)

Anyone holding the office's public key can check it, whatever database they use (or none).
Forms printed before carry the old scheme, a truncated HMAC-SHA256 with a per-database secret:

    JGR1:SM:2026:12:K3Q7ZT2M

which still verifies on the office database. Only characters of QR's alphanumeric mode are
used (digits, capitals, ':'), so a signed payload fits a version-5 code (37 modules) at
error-correction level M for numbers up to five digits. One engine: `qr_matrix` makes the
module matrix with the `qrcode` package; the PDF draws it as vector squares and the screen
paints it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from jogoroto_desktop.validation import non_ascii_digit, non_ascii_digit_message

PREFIX = "JGR2"
HMAC_PREFIX = "JGR1"
HMAC_SIGNATURE_BYTES = 5  # 40 bits: 8 base32 characters
SIGNATURE_CHARS = 103  # 64 bytes in base32, without the '=' padding
PUBLIC_KEY_PREFIX = "JGRK1"  # a public key as text: in the exported file and its QR code
RECORD_TYPES = {
    "SM": "Surat Masuk",
    "SK": "Surat Keluar",
    "SP": "Surat Pengantar",
    "TT": "Tanda Terima Layanan",
}
_PAYLOAD = re.compile(r"^(JGR[12]):([A-Z]{2}):([0-9]{4}):([0-9]{1,9}):([A-Z2-7]+)$")
_PUBLIC_KEY = re.compile(rf"\b{PUBLIC_KEY_PREFIX}:([A-Z2-7]{{52}})\b")
FOREIGN_SIGNATURE = ("Tanda tangan kode tidak cocok: dokumen ini diubah, atau dibuat oleh "
                     "instalasi lain. Jangan dianggap asli.")


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


@dataclass(frozen=True)
class ParsedPayload:
    ref: RecordRef
    scheme: str  # PREFIX (Ed25519) or HMAC_PREFIX (the old scheme)
    body: str  # the signed text
    signature: str  # base32, as printed


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _unb32(text: str) -> bytes:
    return base64.b32decode(text + "=" * (-len(text) % 8))


def _body(scheme: str, ref: RecordRef) -> str:
    if ref.kind not in RECORD_TYPES:
        raise ValueError(f"jenis rekaman {ref.kind!r} tidak dikenal")
    return f"{scheme}:{ref.kind}:{ref.year:04d}:{ref.number}"


def sign_payload(ref: RecordRef, key: Ed25519PrivateKey) -> str:
    """The payload of a record, signed with the office's private key (Ed25519 signatures are
    deterministic: the same record always gets the same code)."""
    body = _body(PREFIX, ref)
    return f"{body}:{_b32(key.sign(body.encode('ascii')))}"


def _hmac_signature(secret: bytes, body: str) -> str:
    digest = hmac.new(secret, body.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest[:HMAC_SIGNATURE_BYTES]).decode("ascii")


def make_hmac_payload(ref: RecordRef, secret: bytes) -> str:
    """A payload of the old scheme (forms printed before the Ed25519 key): for tests and for
    checking that those forms still verify."""
    body = _body(HMAC_PREFIX, ref)
    return f"{body}:{_hmac_signature(secret, body)}"


def parse_payload(text: str) -> ParsedPayload:
    """A payload's parts, without checking the signature. Keyboard-wedge scanners may add
    spaces or lower-case the text; both are tolerated."""
    cleaned = text.strip().upper()
    digit = non_ascii_digit(cleaned)
    if digit is not None:
        raise PayloadError(non_ascii_digit_message("Kode ini", digit)
                           + " Kode QR asli hanya memuat huruf latin dan angka 0-9.")
    match = _PAYLOAD.match(cleaned)
    if not match or match.group(2) not in RECORD_TYPES:
        raise PayloadError("Kode ini bukan kode dokumen Kecamatan Jogoroto (format tidak dikenal).")
    scheme, kind, year, number, signature = match.groups()
    expected = SIGNATURE_CHARS if scheme == PREFIX else 8
    if len(signature) != expected:
        raise PayloadError("Kode ini tidak utuh: tanda tangannya terpotong atau berlebih. "
                           "Jangan dianggap asli.")
    body = cleaned[: cleaned.rindex(":")]
    return ParsedPayload(RecordRef(kind, int(year), int(number)), scheme, body, signature)


def verify_signed(parsed: ParsedPayload,
                  keys: Iterable[Ed25519PublicKey]) -> Ed25519PublicKey:
    """The key (of `keys`) whose signature a JGR2 payload carries; PayloadError otherwise."""
    signature = _unb32(parsed.signature)
    if _b32(signature) != parsed.signature:  # the unused low bits of the last character
        raise PayloadError(FOREIGN_SIGNATURE)
    for key in keys:
        try:
            key.verify(signature, parsed.body.encode("ascii"))
        except InvalidSignature:
            continue
        return key
    raise PayloadError(FOREIGN_SIGNATURE)


def verify_hmac(parsed: ParsedPayload, secret: bytes | None) -> None:
    """Check a JGR1 payload against the database's old secret; PayloadError otherwise."""
    if secret is None or not hmac.compare_digest(_hmac_signature(secret, parsed.body),
                                                 parsed.signature):
        raise PayloadError(FOREIGN_SIGNATURE)


def verify_payload(text: str, keys: Sequence[Ed25519PublicKey],
                   hmac_secret: bytes | None = None) -> RecordRef:
    """The record a genuine payload names: signed with one of `keys`, or an old-scheme code
    made with `hmac_secret`. PayloadError when it is malformed, altered or foreign."""
    parsed = parse_payload(text)
    if parsed.scheme == PREFIX:
        verify_signed(parsed, keys)
    else:
        verify_hmac(parsed, hmac_secret)
    return parsed.ref


def looks_like_payload(text: str) -> bool:
    return text.strip().upper().startswith((f"{PREFIX}:", f"{HMAC_PREFIX}:"))


def new_secret() -> bytes:
    return secrets.token_bytes(32)


# public keys as text ------------------------------------------------------------------------

def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_text(key: Ed25519PublicKey) -> str:
    """A public key as one line of text (also the content of its QR code)."""
    return f"{PUBLIC_KEY_PREFIX}:{_b32(public_key_bytes(key))}"


def fingerprint(key: Ed25519PublicKey) -> str:
    """What people compare by eye: SHA-256 of the key, first 80 bits, in groups of four."""
    digest = _b32(hashlib.sha256(public_key_bytes(key)).digest()[:10])
    return "-".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def read_public_keys(text: str) -> list[Ed25519PublicKey]:
    """Every public key written in `text` (an exported key file, or a scanned key QR), in
    order; PayloadError when there is none."""
    keys = [Ed25519PublicKey.from_public_bytes(_unb32(m.group(1)))
            for m in _PUBLIC_KEY.finditer(text.upper())]
    if not keys:
        raise PayloadError("Berkas ini tidak memuat kunci publik QR Kecamatan Jogoroto "
                           f"(baris {PUBLIC_KEY_PREFIX}:...).")
    return keys


def load_public_keys(path: str | Path) -> list[Ed25519PublicKey]:
    """The public keys of an exported key file; OSError when it cannot be read, PayloadError
    when it holds none (anything that is not text reads as no key)."""
    with open(path, "rb") as handle:
        return read_public_keys(handle.read(64 * 1024).decode("utf-8", errors="replace"))


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR module matrix (True = dark), level M, without the quiet zone."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]
