"""`naskah buat ... -o FILE.pdf`: the letter as a PDF from the CLI, through the one renderer
entry (here forced to the program's own layout, as on a PC without LibreOffice)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from jogoroto_desktop import naskah_convert
from tests.test_cli_naskah import SKCK_ISIAN, run, skck, surat_keluar_count  # noqa: F401


def test_buat_writes_a_pdf_and_says_which_renderer(db_path: Path, tmp_path: Path, capsys,
                                                   skck: str,  # noqa: F811
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(naskah_convert.OWN_LAYOUT_ENV_VAR, "1")
    target = tmp_path / "skck.pdf"
    out = run(db_path, capsys, "naskah", "buat", "--templat", "rekomendasi-skck", "--layanan",
              skck, *SKCK_ISIAN, "--kertas", "A4", "-o", str(target))
    number = out[-1]
    assert number.startswith("331/1/415.67/")
    assert "PDF dibuat dengan tata letak program" in "\n".join(out)
    pdf = pdfium.PdfDocument(target.read_bytes())
    text = " ".join(pdf[0].get_textpage().get_text_range().split())
    assert number in text and "Ahmad Fauzi" in text and "Karyawan Swasta" in text
    assert pdf[0].get_size() == pytest.approx((595.28, 841.89), abs=2)  # --kertas A4
    assert surat_keluar_count(db_path)[0] == 1
