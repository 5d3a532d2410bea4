"""Attached files: copied once by hash, checked to be what their name says."""

from __future__ import annotations

from pathlib import Path

import pytest

import models
from jogoroto_desktop.registers.berkas import berkas_path, lampirkan_berkas
from jogoroto_desktop.registers.surat_masuk import register_surat_masuk
from jogoroto_desktop.validation import ValidationError
from tests.test_surat_masuk import NOW, letter

pytestmark = pytest.mark.usefixtures("database")


def test_scans_are_copied_by_hash_and_checked(tmp_path: Path,
                                              isolated_data_dir: Path) -> None:
    surat = register_surat_masuk(letter(), now=NOW)
    scan = tmp_path / "pindaian.pdf"
    scan.write_bytes(b"%PDF-1.4\n% surat\n")
    berkas = lampirkan_berkas(scan, surat_masuk=surat, now=NOW)
    stored = berkas_path(berkas)
    assert stored.read_bytes() == scan.read_bytes()
    assert stored.is_relative_to(isolated_data_dir) and berkas.sha256 in stored.name
    fake = tmp_path / "foto.jpg"
    fake.write_bytes(b"bukan gambar")
    with pytest.raises(ValidationError):
        lampirkan_berkas(fake, surat_masuk=surat, now=NOW)
    with pytest.raises(ValidationError):
        lampirkan_berkas(tmp_path / "x.docx", surat_masuk=surat, now=NOW)
    assert models.Berkas.select().count() == 1
