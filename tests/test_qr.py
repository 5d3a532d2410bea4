"""Signed QR payloads: genuine ones verify, altered or foreign ones never do."""

from __future__ import annotations

from pathlib import Path

import pytest

import models
from jogoroto_desktop.qr import (
    PayloadError,
    RecordRef,
    installation_secret,
    make_payload,
    new_secret,
    qr_matrix,
    verify_payload,
)

SECRET = bytes(range(32))
REF = RecordRef("SM", 2026, 12)


def test_a_genuine_payload_names_its_record() -> None:
    payload = make_payload(REF, SECRET)
    assert payload.startswith("JGR1:SM:2026:12:") and len(payload) <= 30
    assert verify_payload(payload, SECRET) == REF
    assert verify_payload(f"  {payload.lower()} \n", SECRET) == REF  # scanner noise


def test_every_single_character_change_is_rejected() -> None:
    payload = make_payload(REF, SECRET)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567:0189"
    for index, original in enumerate(payload):
        for replacement in alphabet:
            if replacement == original:
                continue
            altered = payload[:index] + replacement + payload[index + 1:]
            with pytest.raises(PayloadError):
                verify_payload(altered, SECRET)


def test_truncated_and_foreign_payloads_are_rejected() -> None:
    payload = make_payload(REF, SECRET)
    for cut in range(len(payload)):
        with pytest.raises(PayloadError):
            verify_payload(payload[:cut], SECRET)
    other_installation = make_payload(REF, new_secret())
    with pytest.raises(PayloadError, match="instalasi lain"):
        verify_payload(other_installation, SECRET)
    with pytest.raises(PayloadError, match="bukan kode dokumen"):
        verify_payload("https://contoh.id/surat/12", SECRET)


def test_the_matrix_is_a_small_code_at_level_m() -> None:
    matrix = qr_matrix(make_payload(RecordRef("SK", 2026, 123456), SECRET))
    assert len(matrix) == len(matrix[0]) <= 25  # version 2 or smaller
    assert any(any(row) for row in matrix)


def test_the_installation_secret_is_made_once_and_kept(tmp_path: Path) -> None:
    models.open_database(tmp_path / "qr.db")
    try:
        first = installation_secret()
        assert len(first) == 32 and installation_secret() == first
    finally:
        models.close_database()
    models.open_database(tmp_path / "lain.db")
    try:
        assert installation_secret() != first
    finally:
        models.close_database()
