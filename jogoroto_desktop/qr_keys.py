"""The QR signing keys.  The private key lives on the PC that signs, outside the database: a
0600 file in this PC's data folder (owner-only folder; on Windows the per-user folder), so a
copied database or a backup carries no private key and cannot forge a form.  The DATABASE holds
only the office's public keys: each signing PC's, added (audited) when that PC first signs, and
those of rotated-out keys.  Verification accepts any of them, so every office PC, a reinstall,
the Polsek or the KUA (with the exported key file) verifies any office PC's forms.

Why a file rather than the OS credential store (``keyring``, used for the server password): the
key must be there for every print without a prompt on every office PC, and the data folder is
already owner-only; tests and the demo get their own data folder (JOGOROTO_DATA_DIR), so nothing
here ever touches a real credential store.

Reading never writes: `office_public_keys` and `hmac_secret` return what is stored (nothing on
a database that never signed), so `verify` leaves the database as it found it.  A database from
before this scheme keeps its private key in the settings table: :func:`migrate_legacy_key`
moves it to the first PC that starts (or signs) on it and deletes it from the table, audited."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import peewee
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from jogoroto_desktop import audit, session
from jogoroto_desktop.qr import (
    fingerprint,
    new_signing_key,
    public_key_text,
    read_public_keys,
)
from jogoroto_desktop.storage.paths import data_dir, private_file
from models import Setting, db, get_setting, set_setting

PRIVATE_KEY_FILE = "kunci-qr-privat.txt"  # hex of this PC's 32-byte Ed25519 private key
LEGACY_SIGNING_KEY_SETTING = "qr_kunci_privat"  # where databases before this scheme kept it
PUBLIC_KEY_PREFIX_SETTING = "qr_kunci_publik:"  # + fingerprint: one row per signing PC's key
RETIRED_KEYS_SETTING = "qr_kunci_lama"  # public keys of rotated-out keys, one line each
HMAC_SECRET_SETTING = "qr_secret"  # the old scheme's secret (forms printed before the key)


def _private_from_hex(text: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text.strip()))


def private_key_path() -> Path:
    return data_dir() / PRIVATE_KEY_FILE


def _read_pc_key() -> Ed25519PrivateKey | None:
    try:
        return _private_from_hex(private_key_path().read_text(encoding="ascii"))
    except FileNotFoundError:
        return None


def _write_private(path: Path, key: Ed25519PrivateKey) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # never readable by others
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.private_bytes_raw().hex() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    private_file(path)


def _write_pc_key(key: Ed25519PrivateKey) -> Ed25519PrivateKey:
    """Keep ``key`` as this PC's unless it already has one (written aside, then linked under
    the final name, which fails if it exists: two programs starting together keep one key and
    neither reads a half-written file); return the PC's key."""
    path = private_key_path()
    partial = path.with_name(f"{path.name}.{os.getpid()}.baru")
    _write_private(partial, key)
    try:
        os.link(partial, path)
    except FileExistsError:
        pass
    except OSError:  # a file system without hard links
        if not path.exists():
            os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    existing = _read_pc_key()
    assert existing is not None
    return existing


def _public_setting(key: Ed25519PublicKey) -> str:
    return PUBLIC_KEY_PREFIX_SETTING + fingerprint(key)


def _publish(key: Ed25519PublicKey, why: str) -> None:
    """Add ``key`` to the office's public keys in the database (once), audited."""
    inserted = (Setting.insert(key=_public_setting(key), value=public_key_text(key))
                .on_conflict_ignore().execute())
    if inserted:
        audit.catat("buat", "setting", None,
                    f"Kunci publik QR {fingerprint(key)} ditambahkan ke kunci kantor ({why})",
                    {_public_setting(key): [None, public_key_text(key)]})


def migrate_legacy_key() -> bool:
    """A private key left in the settings table by an older version leaves the database: it
    becomes this PC's key (when this PC has none yet; otherwise only its public key is kept),
    its public key stays with the office's, and the row is deleted, audited.  True if moved."""
    stored = get_setting(LEGACY_SIGNING_KEY_SETTING)
    if not stored:
        return False
    legacy = _private_from_hex(stored)
    kept = _write_pc_key(legacy) if _read_pc_key() is None else None
    sqlite = isinstance(db.obj, peewee.SqliteDatabase)
    if sqlite:  # the deleted row's bytes are zeroed in the file, not left in a free block
        db.execute_sql("PRAGMA secure_delete = ON")
    with db.atomic():
        _publish(legacy.public_key(), "kunci lama dari basis data")
        deleted = Setting.delete().where(Setting.key == LEGACY_SIGNING_KEY_SETTING).execute()
        if deleted:
            where = ("disimpan di PC ini" if kept is not None and fingerprint(kept.public_key())
                     == fingerprint(legacy.public_key()) else "PC ini sudah punya kunci sendiri")
            audit.catat("ubah", "setting", None,
                        f"Kunci privat QR {fingerprint(legacy.public_key())} dihapus dari basis "
                        f"data ({where}); basis data hanya menyimpan kunci publik",
                        {LEGACY_SIGNING_KEY_SETTING: [fingerprint(legacy.public_key()), None]})
    if sqlite:  # and the write-ahead log that held the old page is emptied
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute_sql("PRAGMA secure_delete = OFF")
    return True


def signing_key() -> Ed25519PrivateKey:
    """This PC's private key, created (once, audited) if missing, with its public key among
    the office's in the database.  Once both exist: one read of the file and one query."""
    key = _read_pc_key()
    rows = {row.key: row.value for row in Setting.select().where(Setting.key.in_(
        [LEGACY_SIGNING_KEY_SETTING] + ([_public_setting(key.public_key())] if key else [])))}
    if LEGACY_SIGNING_KEY_SETTING in rows:
        migrate_legacy_key()
        key = _read_pc_key()
    elif key is not None and rows:
        return key
    if key is None:
        key = _write_pc_key(new_signing_key())
        audit.catat("buat", "setting", None,
                    f"Kunci QR PC ini dibuat untuk menandatangani (sidik jari "
                    f"{fingerprint(key.public_key())}); kunci privat disimpan di PC ini, "
                    "bukan di basis data",
                    {"qr_kunci_pc": [None, fingerprint(key.public_key())]})
    assert key is not None
    _publish(key.public_key(), "PC ini menandatangani")
    return key


def _retired_keys() -> list[Ed25519PublicKey]:
    stored = get_setting(RETIRED_KEYS_SETTING)
    return read_public_keys(stored) if stored else []


def office_public_keys() -> list[Ed25519PublicKey]:
    """This PC's key first (when the office knows it), then the other signing PCs' keys, then
    the rotated-out ones; [] before the first signing.  Writes nothing (a private key still
    in the settings table of an old database counts by its public key)."""
    rows = (Setting.select().where(Setting.key.startswith(PUBLIC_KEY_PREFIX_SETTING)
                                   | (Setting.key == LEGACY_SIGNING_KEY_SETTING))
            .order_by(Setting.key))
    keys: list[Ed25519PublicKey] = []
    for row in rows:
        if not row.value:
            continue
        keys.extend([_private_from_hex(row.value).public_key()]
                    if row.key == LEGACY_SIGNING_KEY_SETTING else read_public_keys(row.value))
    mine = _read_pc_key()
    if mine is not None:
        own = fingerprint(mine.public_key())
        keys.sort(key=lambda k: fingerprint(k) != own)
    retired = _retired_keys()
    gone = {fingerprint(k) for k in retired}
    return [k for k in keys if fingerprint(k) not in gone] + retired


def hmac_secret() -> bytes | None:
    """The old scheme's secret, if this database ever made one. Writes nothing."""
    stored = get_setting(HMAC_SECRET_SETTING)
    return bytes.fromhex(stored) if stored else None


@dataclass(frozen=True)
class KeyInfo:
    fingerprint: str  # this PC's key
    retired: tuple[str, ...]  # fingerprints of the rotated-out keys, newest first
    others: tuple[str, ...] = ()  # the office's other signing PCs' keys


def key_info() -> KeyInfo:
    """The fingerprints Pengaturan shows (this PC's key is made if it has none yet)."""
    current = fingerprint(signing_key().public_key())
    retired = tuple(fingerprint(k) for k in _retired_keys())
    others = tuple(f for f in (fingerprint(k) for k in office_public_keys())
                   if f != current and f not in retired)
    return KeyInfo(current, retired, others)


def export_text(keys: list[Ed25519PublicKey] | None = None) -> str:
    """The exported key file: a comment for people, then one line per public key (this PC's
    first); any text around the JGRK1 lines is ignored when it is read back."""
    if keys is None:
        signing_key()
        keys = office_public_keys()
    retired = {fingerprint(k) for k in _retired_keys()}
    lines = ["# Kunci publik QR dokumen Kecamatan Jogoroto",
             "# Untuk memeriksa keaslian dokumen tanpa basis data kantor:",
             "#   jogoroto-cli verify --kunci BERKAS_INI ISI_KODE_QR",
             "# Kunci yang berlaku (setiap PC penanda tangan), lalu kunci lama (dokumen lama)."]
    for key in keys:
        state = "lama" if fingerprint(key) in retired else "berlaku"
        lines.append(f"# {state}, sidik jari {fingerprint(key)}")
        lines.append(public_key_text(key))
    return "\n".join(lines) + "\n"


def export_public_keys(path: str | Path) -> Path:
    """Write the key file (public keys only: nothing secret)."""
    target = Path(path)
    target.write_text(export_text(), encoding="utf-8")
    return target


def rotate_signing_key() -> KeyInfo:
    """Admin: a new private key signs on this PC from now on; the old public key is kept for
    verifying the forms already printed. Audited (fingerprints only)."""
    session.require("pengaturan.ubah")
    old = signing_key().public_key()
    new = new_signing_key()
    with db.atomic():
        retired = [old, *(k for k in _retired_keys() if fingerprint(k) != fingerprint(old))]
        set_setting(RETIRED_KEYS_SETTING, "\n".join(public_key_text(k) for k in retired))
        _publish(new.public_key(), "kunci baru PC ini")
        audit.catat("ubah", "setting", None,
                    f"Kunci tanda tangan QR diganti (lama {fingerprint(old)}, "
                    f"baru {fingerprint(new.public_key())})",
                    {"qr_kunci_pc": [fingerprint(old), fingerprint(new.public_key())]})
        # The file last: had the database refused, this PC would go on with its old key.
        path = private_key_path()
        partial = path.with_name(f"{path.name}.{os.getpid()}.baru")
        _write_private(partial, new)
        partial.replace(path)
    return key_info()
