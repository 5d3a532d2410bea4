"""`jogoroto-cli monitoring`: text, JSON, PDF (figures in the text, nothing below 8 pt) and
Excel; refusals exit 1 with the reason."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

import models
from jogoroto_desktop import monitoring as mon
from jogoroto_desktop import session
from printing.forms.fitting import MIN_SIZE
from tests.helpers import cli
from tests.test_monitoring import known_set, rows_for, sekcam
from tests.test_print_rule import drawn_sizes

PERIOD = ("--dari", "2026-01-01", "--sampai", "2026-06-30")


@pytest.fixture
def filled(db_path: Path) -> Path:
    models.open_database(db_path)
    known_set()
    models.close_database()
    return db_path


def test_text_and_json(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(filled, "monitoring", "legalisir", *PERIOD) == 0
    out = capsys.readouterr().out
    assert "Semester I 2026" in out and "1 dari 2 permohonan" in out
    assert "3 menit 30 detik" in out and "1 hari 16 jam" in out
    assert cli(filled, "monitoring", "legalisir", *PERIOD, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    step2 = data["langkah"][1]
    assert (step2["jumlah"], step2["median_detik"], step2["persen_tepat"]) == (4, 210.0, 75.0)
    assert data["usulan"] == mon.TIDAK_BAIK and data["penilaian"] is None
    assert data["penyelesaian"]["selesai"] == 2


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return " ".join(text.replace("\ufffe", "-").split())  # words wrapped in cells joined


def test_pdf_has_the_figures_the_assessment_and_no_small_text(filled: Path, tmp_path: Path,
                                                              capsys) -> None:
    models.open_database(filled)
    angka = mon.hitung_monitoring("legalisir", "2026-01-01", "2026-06-30")
    long_note = "Verifikasi berkas sering melebihi lima menit pada jam sibuk pagi. " * 30
    with session.acting_as(sekcam()):
        mon.simpan_monitoring(angka, mon.TIDAK_BAIK, rows_for(angka), catatan=long_note[:990],
                              tindakan="Tambah petugas loket pada jam sibuk")
    models.close_database()
    target = tmp_path / "monitoring.pdf"
    assert cli(filled, "monitoring", "legalisir", *PERIOD, "-o", str(target)) == 0
    assert capsys.readouterr().out.strip().endswith(str(target))
    text = pdf_text(target)
    for wanted in ("FORMULIR MONITORING PELAKSANAAN SOP", "Pelayanan Legalisir",
                   "Semester I 2026", "3 menit 30 detik", "1 hari 16 jam", "75%", "50%",
                   "Tidak berjalan dengan baik", "Drs. Bambang Sutrisno",
                   "19700101 199503 1 004", "Paraf", "Tambah petugas loket"):
        assert wanted in text, wanted
    pdf = pdfium.PdfDocument(str(target))
    sizes = [size for _page, _char, size in drawn_sizes(pdf)]
    assert sizes and min(sizes) >= MIN_SIZE - 0.01
    assert len(pdf) >= 2  # the long note went on: the table's header repeats
    assert text.count("Tindakan yang harus") >= 2


def test_excel(filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "monitoring.xlsx"
    assert cli(filled, "monitoring", "legalisir", *PERIOD, "-o", str(target)) == 0
    sheet = load_workbook(target).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    step2 = next(row for row in values if row[0] == 2)
    assert step2[5] == "3 menit 30 detik" and step2[7] == "75%"
    assert "Tidak berjalan dengan baik (usulan)" in step2[8]


@pytest.mark.parametrize(("args", "message"), [
    (("legalisir", "--dari", "2026-06-30", "--sampai", "2026-01-01"),
     "--sampai: Tanggal sampai"),
    (("tidak-ada", *PERIOD), "SOP_ID: SOP \u201ctidak-ada\u201d tidak ada"),
    (("legalisir", "--dari", "kemarin", "--sampai", "2026-01-01"), "--dari:"),
    (("legalisir", *PERIOD, "-o", "hasil.docx"), "pakai .pdf atau .xlsx"),
])
def test_refusals_exit_1_with_the_reason(filled: Path, args: tuple[str, ...], message: str,
                                         capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli(filled, "monitoring", *args) == 1
    captured = capsys.readouterr()
    assert message in captured.err
    assert not (tmp_path / "hasil.docx").exists()


def test_the_evaluation_form_prints_the_criteria_and_the_figures(filled: Path,
                                                                 tmp_path: Path) -> None:
    from jogoroto_desktop import documents
    from printing.monitoring_forms import build_evaluasi_pdf

    models.open_database(filled)
    try:
        with session.acting_as(sekcam()):
            saved = mon.simpan_evaluasi("legalisir", 2026, [
                mon.Kriteria(no, no != 3, "Verifikasi membingungkan pemohon " * 12
                             if no == 3 else "") for no in range(1, 8)], perlu_revisi=True,
                catatan="Langkah verifikasi dipecah")
            mon.batalkan_penilaian(saved, "Tahun salah tulis")
        lembar = documents.lembar_evaluasi(models.EvaluasiSop.get_by_id(saved.id))
    finally:
        models.close_database()
    target = tmp_path / "evaluasi.pdf"
    build_evaluasi_pdf(lembar, target)
    text = pdf_text(target)
    for wanted in ("FORMULIR EVALUASI PENERAPAN SOP", *mon.KRITERIA, "Ya, SOP perlu direvisi",
                   "3 menit 30 detik", "75%", "Drs. Bambang Sutrisno", "DIBATALKAN",
                   "Tahun salah tulis"):
        assert wanted in text, wanted
    sizes = [size for _p, _c, size in drawn_sizes(pdfium.PdfDocument(str(target)))]
    assert min(sizes) >= MIN_SIZE - 0.01
