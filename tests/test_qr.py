"""Signed QR payloads: genuine ones verify, altered or foreign ones never do; the old HMAC
codes still verify with their secret; public keys travel as text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import models
from jogoroto_desktop import qr_keys
from jogoroto_desktop.qr import (
    SIGNATURE_CHARS,
    PayloadError,
    RecordRef,
    fingerprint,
    make_hmac_payload,
    new_secret,
    new_signing_key,
    public_key_text,
    qr_matrix,
    read_public_keys,
    sign_payload,
    verify_payload,
)

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PUBLIC = [KEY.public_key()]
SECRET = bytes(range(32))
REF = RecordRef("SM", 2026, 12)
#: Every forgery the tests below try, for the issue's figures: (tried, refused).
FORGERIES: dict[str, list[int]] = {}


def _count_refusal(kind: str, payload: str, keys=PUBLIC, secret: bytes | None = SECRET) -> None:
    tried = FORGERIES.setdefault(kind, [0, 0])
    tried[0] += 1
    with pytest.raises(PayloadError):
        verify_payload(payload, keys, secret)
    tried[1] += 1


def test_a_genuine_payload_names_its_record_and_carries_the_whole_signature() -> None:
    payload = sign_payload(REF, KEY)
    assert payload.startswith("JGR2:SM:2026:12:")
    assert len(payload.rsplit(":", 1)[1]) == SIGNATURE_CHARS  # 64 bytes, not truncated
    assert sign_payload(REF, KEY) == payload  # deterministic: the same record, the same code
    assert verify_payload(payload, PUBLIC) == REF
    assert verify_payload(f"  {payload.lower()} \n", PUBLIC) == REF  # scanner noise


def test_every_single_character_change_is_rejected() -> None:
    payload = sign_payload(REF, KEY)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567:0189"
    for index, original in enumerate(payload):
        for replacement in alphabet:
            if replacement != original:
                _count_refusal("satu karakter diubah",
                               payload[:index] + replacement + payload[index + 1:])


def test_edited_reference_other_key_and_truncation_are_rejected() -> None:
    payload = sign_payload(REF, KEY)
    signature = payload.rsplit(":", 1)[1]
    for kind, year, number in (("SK", 2026, 12), ("SM", 2025, 12), ("SM", 2026, 13),
                               ("SM", 2026, 120), ("TT", 2026, 12)):
        _count_refusal("rujukan diubah", f"JGR2:{kind}:{year}:{number}:{signature}")
    for _ in range(5):
        _count_refusal("kunci lain", sign_payload(REF, new_signing_key()))
    for cut in range(len(payload)):
        _count_refusal("dipotong", payload[:cut])
    _count_refusal("dipotong", payload + "A")
    # The old scheme's prefix on a new signature, and the reverse.
    _count_refusal("skema ditukar", "JGR1" + payload[4:])
    _count_refusal("skema ditukar", "JGR2" + make_hmac_payload(REF, SECRET)[4:])
    with pytest.raises(PayloadError, match="bukan kode dokumen"):
        verify_payload("https://contoh.id/surat/12", PUBLIC)
    with pytest.raises(PayloadError, match="instalasi lain"):
        verify_payload(sign_payload(REF, new_signing_key()), PUBLIC)


def test_old_hmac_codes_verify_with_their_secret_only() -> None:
    old = make_hmac_payload(REF, SECRET)
    assert old.startswith("JGR1:SM:2026:12:") and len(old) <= 30
    assert verify_payload(old, PUBLIC, SECRET) == REF
    _count_refusal("HMAC tanpa rahasia", old, secret=None)
    _count_refusal("HMAC rahasia lain", make_hmac_payload(REF, new_secret()))
    _count_refusal("HMAC diubah", old.replace(":12:", ":13:"))


def test_a_rotated_key_still_verifies_what_it_signed() -> None:
    new = new_signing_key()
    old_form = sign_payload(REF, KEY)
    assert verify_payload(old_form, [new.public_key(), KEY.public_key()]) == REF
    _count_refusal("kunci lama tidak dikenal", old_form, keys=[new.public_key()])


def test_the_matrix_stays_a_small_code_at_level_m() -> None:
    for number in (1, 12345):
        matrix = qr_matrix(sign_payload(RecordRef("SK", 2026, number), KEY))
        assert len(matrix) == len(matrix[0]) <= 37  # version 5 or smaller
    assert len(qr_matrix(make_hmac_payload(REF, SECRET))) <= 25


def test_public_keys_travel_as_text_with_a_fingerprint() -> None:
    text = public_key_text(KEY.public_key())
    assert text.startswith("JGRK1:")
    other = public_key_text(new_signing_key().public_key())
    keys = read_public_keys(f"# kunci\n{text}\n# lama\n{other}")
    assert len(keys) == 2 and fingerprint(keys[0]) == fingerprint(KEY.public_key())
    assert len(fingerprint(KEY.public_key())) == 19  # 4 groups of 4 characters and 3 hyphens
    with pytest.raises(PayloadError, match="tidak memuat kunci publik"):
        read_public_keys("bukan kunci")


def test_the_signing_key_is_made_once_and_kept_and_reading_makes_nothing(tmp_path: Path) -> None:
    """The private key is this PC's, in a 0600 file outside the database; each database it
    signs for gets only its public key (audited, like the key's creation)."""
    models.open_database(tmp_path / "qr.db")
    try:
        assert qr_keys.office_public_keys() == [] and qr_keys.hmac_secret() is None
        assert not models.Setting.select().exists()  # reading wrote nothing
        assert not qr_keys.private_key_path().exists()
        first = qr_keys.signing_key().private_bytes_raw()
        assert qr_keys.signing_key().private_bytes_raw() == first
        assert len(qr_keys.office_public_keys()) == 1
        assert qr_keys.private_key_path().read_text(encoding="ascii").strip() == first.hex()
        if os.name == "posix":
            assert qr_keys.private_key_path().stat().st_mode & 0o777 == 0o600
        stored = " ".join(str(row.value) for row in models.Setting.select())
        assert first.hex() not in stored  # the database holds no private key
        made = [row.ringkasan for row in models.Audit.select().order_by(models.Audit.id)]
        assert any("PC ini dibuat" in text for text in made), made
        assert any("ditambahkan ke kunci kantor" in text for text in made), made
    finally:
        models.close_database()
    models.open_database(tmp_path / "lain.db")
    try:  # the same PC signs for another database with the same key, published there too
        assert qr_keys.office_public_keys() == []
        assert qr_keys.signing_key().private_bytes_raw() == first
        assert len(qr_keys.office_public_keys()) == 1
        assert models.Audit.select().where(
            models.Audit.ringkasan.contains("ditambahkan ke kunci kantor")).count() == 1
    finally:
        models.close_database()


def test_forgery_figures() -> None:
    """Not a check: prints the forgeries tried and refused above (pytest -s), for the note."""
    tried = sum(t for t, _r in FORGERIES.values())
    refused = sum(r for _t, r in FORGERIES.values())
    print(f"\nQR forgeries tried / refused: {tried} / {refused}")
    for kind, (t, r) in FORGERIES.items():
        print(f"  {kind}: {t} / {r}")
    assert tried == refused


def test_every_signing_pc_adds_its_public_key_and_any_verifies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jogoroto_desktop.qr import verify_payload

    models.open_database(tmp_path / "kantor.db")
    try:
        first = sign_payload(REF, qr_keys.signing_key())
        monkeypatch.setenv("JOGOROTO_DATA_DIR", str(tmp_path / "pc-kedua"))
        second_key = qr_keys.signing_key()
        second = sign_payload(REF, second_key)
        assert first != second and len(qr_keys.office_public_keys()) == 2
        for code in (first, second):
            assert verify_payload(code, qr_keys.office_public_keys()) == REF
        info = qr_keys.key_info()
        assert info.fingerprint == fingerprint(second_key.public_key()) and len(info.others) == 1
        rotated = qr_keys.rotate_signing_key()  # this PC only; its old key stays for verifying
        assert rotated.retired == (info.fingerprint,) and rotated.others == info.others
        for code in (first, second, sign_payload(REF, qr_keys.signing_key())):
            assert verify_payload(code, qr_keys.office_public_keys()) == REF
    finally:
        models.close_database()
