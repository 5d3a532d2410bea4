"""The office's QR signing key: made at first need and kept in the database's settings, where
every PC of the office finds it (as the old HMAC secret was). Its public key, with the public
keys of rotated-out keys, verifies printed forms anywhere: exported to a file (and a printed
page with its own QR code) for another PC, a reinstall, the Polsek or the KUA.

Reading never writes: `office_public_keys` and `hmac_secret` return what is stored (nothing on
a database that never signed), so `verify` leaves the database as it found it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from jogoroto_desktop import audit, session
from jogoroto_desktop.qr import (
    fingerprint,
    new_signing_key,
    public_key_text,
    read_public_keys,
)
from models import Setting, db, get_setting, set_setting

SIGNING_KEY_SETTING = "qr_kunci_privat"  # hex of the 32-byte Ed25519 private key
RETIRED_KEYS_SETTING = "qr_kunci_lama"  # public keys of rotated-out keys, one line each
HMAC_SECRET_SETTING = "qr_secret"  # the old scheme's secret (forms printed before the key)


def _private_from_hex(text: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text))


def signing_key() -> Ed25519PrivateKey:
    """The office's private key, created (once) if missing. Read first: once it exists that
    is one round trip; insert only if absent, so two PCs starting together keep one key."""
    stored = get_setting(SIGNING_KEY_SETTING)
    if not stored:
        raw = new_signing_key().private_bytes_raw().hex()
        Setting.insert(key=SIGNING_KEY_SETTING, value=raw).on_conflict_ignore().execute()
        stored = get_setting(SIGNING_KEY_SETTING)
    assert stored
    return _private_from_hex(stored)


def _retired_keys() -> list[Ed25519PublicKey]:
    stored = get_setting(RETIRED_KEYS_SETTING)
    return read_public_keys(stored) if stored else []


def office_public_keys() -> list[Ed25519PublicKey]:
    """The current public key first, then the rotated-out ones; [] before the first signing.
    Writes nothing."""
    stored = get_setting(SIGNING_KEY_SETTING)
    current = [_private_from_hex(stored).public_key()] if stored else []
    return current + _retired_keys()


def hmac_secret() -> bytes | None:
    """The old scheme's secret, if this database ever made one. Writes nothing."""
    stored = get_setting(HMAC_SECRET_SETTING)
    return bytes.fromhex(stored) if stored else None


@dataclass(frozen=True)
class KeyInfo:
    fingerprint: str
    retired: tuple[str, ...]  # fingerprints of the rotated-out keys, newest first


def key_info() -> KeyInfo:
    """The fingerprints Pengaturan shows (the key is made if this database has none yet)."""
    current = signing_key().public_key()
    return KeyInfo(fingerprint(current), tuple(fingerprint(k) for k in _retired_keys()))


def export_text(keys: list[Ed25519PublicKey] | None = None) -> str:
    """The exported key file: a comment for people, then one line per public key (current
    first); any text around the JGRK1 lines is ignored when it is read back."""
    keys = keys if keys is not None else [signing_key().public_key(), *_retired_keys()]
    lines = ["# Kunci publik QR dokumen Kecamatan Jogoroto",
             "# Untuk memeriksa keaslian dokumen tanpa basis data kantor:",
             "#   jogoroto-cli verify --kunci BERKAS_INI ISI_KODE_QR",
             "# Baris pertama kunci yang berlaku; berikutnya kunci lama (dokumen lama)."]
    for index, key in enumerate(keys):
        lines.append(f"# {'berlaku' if index == 0 else 'lama'}, sidik jari {fingerprint(key)}")
        lines.append(public_key_text(key))
    return "\n".join(lines) + "\n"


def export_public_keys(path: str | Path) -> Path:
    """Write the key file (public keys only: nothing secret)."""
    target = Path(path)
    target.write_text(export_text(), encoding="utf-8")
    return target


def rotate_signing_key() -> KeyInfo:
    """Admin: a new private key signs from now on; the old public key is kept for verifying
    the forms already printed. Audited (fingerprints only)."""
    session.require("pengaturan.ubah")
    with db.atomic():
        old = signing_key().public_key()
        retired = [old, *_retired_keys()]
        new = new_signing_key()
        set_setting(SIGNING_KEY_SETTING, new.private_bytes_raw().hex())
        set_setting(RETIRED_KEYS_SETTING, "\n".join(public_key_text(k) for k in retired))
        audit.catat("ubah", "setting", None,
                    f"Kunci tanda tangan QR diganti (lama {fingerprint(old)}, "
                    f"baru {fingerprint(new.public_key())})",
                    {SIGNING_KEY_SETTING: [fingerprint(old), fingerprint(new.public_key())]})
    return key_info()
