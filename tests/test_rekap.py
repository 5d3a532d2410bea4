"""The daily and monthly recap: numbers per service and per seksi, times against the standard,
and the Excel, CSV and PDF exports read back as a person would."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

import models
from jogoroto_desktop import documents, rekap
from jogoroto_desktop.registers import layanan as ly

NIK = "3517121503850001"
MARCH = dt.datetime(2026, 3, 10, 8, 0)
NOW = dt.datetime(2026, 4, 2, 9, 0)


pytestmark = pytest.mark.usefixtures("database")


def register(sop_id: str, when: dt.datetime) -> models.Permohonan:
    return ly.daftar(ly.PermohonanInput(sop_id=sop_id, nama="Budi Santoso", nik=NIK,
                                        alamat="Dusun Ngumpul RT 03", semua_syarat_ada=True),
                     now=when)


def ready_after(p: models.Permohonan, minutes: int) -> None:
    done = p.diterima_pada + dt.timedelta(minutes=minutes)
    ly.lanjut(p, now=done)
    ly.siapkan(p, now=done)


def seed() -> None:
    a = register("legalisir", MARCH)
    ready_after(a, 6)  # in time (standard 9 minutes)
    ly.ambil(a, "Budi", now=MARCH + dt.timedelta(hours=1))
    b = register("legalisir", MARCH + dt.timedelta(days=1))
    ready_after(b, 30)  # late
    c = register("legalisir", MARCH + dt.timedelta(days=2))  # still open, far past target
    ly.tolak(register("legalisir", MARCH + dt.timedelta(days=3)), "Bukan dokumen asli",
             now=MARCH + dt.timedelta(days=3, minutes=2))
    ly.batalkan(register("legalisir", MARCH + dt.timedelta(days=4)), "Dobel",
                now=MARCH + dt.timedelta(days=4, minutes=1))
    s = register("rekomendasi-skck", MARCH + dt.timedelta(days=5))
    ready_after(s, 120)
    register("skm", MARCH + dt.timedelta(days=6))
    register("legalisir", dt.datetime(2026, 2, 27, 9, 0))  # February: not in March
    register("legalisir", dt.datetime(2026, 4, 1, 8, 0))  # April: not in March
    assert c.status == ly.DITERIMA


def test_monthly_numbers_per_service_seksi_and_total() -> None:
    seed()
    result = rekap.buat_rekap(rekap.periode_bulan(2026, 3), now=NOW)
    assert [r.nama for r in result.layanan] == [s.name for s in ly.layanan_sops()]
    legalisir = next(r for r in result.layanan if r.nama == "Pelayanan Legalisir")
    assert (legalisir.masuk, legalisir.dalam_proses, legalisir.siap, legalisir.diambil,
            legalisir.ditolak, legalisir.dibatalkan) == (5, 1, 1, 1, 1, 1)
    assert legalisir.terlambat == 2  # b ready after 30 minutes, c still open
    assert legalisir.selesai == 2
    assert legalisir.rata_rata == dt.timedelta(minutes=18)
    assert legalisir.terlama == dt.timedelta(minutes=30)
    assert legalisir.standar == dt.timedelta(minutes=9)
    ktp = next(r for r in result.layanan if r.nama == "Pelayanan Penerbitan KTP")
    assert ktp.masuk == 0 and ktp.rata_rata is None and ktp.standar is None
    assert [r.nama for r in result.seksi] == [
        "Sekretariat", "Seksi Tata Pemerintahan", "Seksi Ketentraman dan Ketertiban Umum",
        "Seksi Sosial Budaya"]
    sekretariat = result.seksi[0]
    assert sekretariat.masuk == 6 and sekretariat.terlambat == 3
    assert sekretariat.terlama == dt.timedelta(hours=2)
    assert sekretariat.rata_rata == dt.timedelta(minutes=(6 + 30 + 120) / 3)
    assert result.total.masuk == 7 and result.total.dalam_proses == 2
    for row in (*result.layanan, *result.seksi, result.total):
        assert row.masuk == (row.dalam_proses + row.siap + row.diambil + row.ditolak
                             + row.dibatalkan)


def test_daily_recap_and_period_parsing() -> None:
    seed()
    day = rekap.buat_rekap(rekap.parse_periode(day="2026-03-11"), now=NOW)
    assert day.total.masuk == 1 and day.total.terlambat == 1
    assert day.periode.label == "Rabu, 11 Maret 2026"
    assert rekap.parse_periode(month="2026-03").label == "Maret 2026"
    for bad in ({"month": "2026-13"}, {"month": "Maret"}, {"day": "2026-02-30"}, {},
                {"day": "2026-03-01", "month": "2026-03"}):
        with pytest.raises(rekap.RekapError):
            rekap.parse_periode(**bad)


def test_excel_export_has_title_bold_headers_widths_and_durations(tmp_path: Path) -> None:
    seed()
    result = rekap.buat_rekap(rekap.periode_bulan(2026, 3), now=NOW)
    path = documents.ekspor_rekap(result, tmp_path / "rekap-maret.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value.startswith("Rekapitulasi Bulanan Pelayanan: Maret 2026")
    assert sheet["A1"].font.bold
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Layanan")
    assert [c.value for c in sheet[header_row]] == list(rekap.HEADERS)
    assert all(c.font.bold for c in sheet[header_row])
    rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    legalisir = rows["Pelayanan Legalisir"]
    assert [sheet.cell(legalisir, c).value for c in range(3, 10)] == [5, 1, 1, 1, 1, 1, 2]
    assert sheet.cell(legalisir, 11).value == dt.timedelta(minutes=18)
    assert sheet.cell(legalisir, 11).number_format == "[h]:mm"
    assert sheet.cell(rows["Jumlah"], 3).value == 7 and sheet.cell(rows["Jumlah"], 1).font.bold
    assert sheet.column_dimensions["A"].width >= len("Pelayanan Rekomendasi Proposal Bantuan")


def test_csv_export_opens_in_columns_on_indonesian_excel(tmp_path: Path) -> None:
    seed()
    result = rekap.buat_rekap(rekap.periode_bulan(2026, 3), now=NOW)
    path = documents.ekspor_rekap(result, tmp_path / "rekap.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle, delimiter=";"))
    assert lines[1] == list(rekap.HEADERS)
    legalisir = next(line for line in lines if line[0] == "Pelayanan Legalisir")
    assert legalisir[2:9] == ["5", "1", "1", "1", "1", "1", "2"]
    assert legalisir[9:] == ["9 menit", "18 menit", "30 menit"]
    assert lines[-1][0] == "Jumlah" and lines[-1][2] == "7"


def test_pdf_is_a4_landscape_with_kop_and_numbers(tmp_path: Path) -> None:
    seed()
    result = rekap.buat_rekap(rekap.periode_bulan(2026, 3), now=NOW)
    path = documents.ekspor_rekap(result, tmp_path / "rekap.pdf")
    pdf = pdfium.PdfDocument(str(path))
    try:
        assert 1 <= len(pdf) <= 2
        for page in pdf:
            width, height = page.get_size()
            assert abs(width - 841.89) < 1.5 and abs(height - 595.28) < 1.5  # A4 landscape
        pages = [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()
    for expected in ("KECAMATAN JOGOROTO", "PEMERINTAH KABUPATEN JOMBANG",
                     "REKAPITULASI BULANAN PELAYANAN: MARET 2026", "Pelayanan Legalisir",
                     "18 menit", "Halaman 1"):
        assert expected in pages[0], expected
    assert pages[0].count("KECAMATAN JOGOROTO") == 1
    text = "".join(pages)
    assert "Per seksi" in text and "Seksi Sosial Budaya" in text and "Jumlah" in text
    assert "KECAMATAN JOGOROTO" not in "".join(pages[1:])  # the kop only on page 1


def test_unknown_format_and_unwritable_file_are_refused(tmp_path: Path) -> None:
    result = rekap.buat_rekap(rekap.periode_bulan(2026, 3), now=NOW)
    with pytest.raises(rekap.RekapError, match="pakai .xlsx, .csv atau .pdf"):
        documents.ekspor_rekap(result, tmp_path / "rekap.docx")
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    with pytest.raises(rekap.RekapError, match="tidak dapat ditulis"):
        documents.ekspor_rekap(result, blocker / "rekap.csv")


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql",
                                                           marks=pytest.mark.postgres)])
def test_recap_overview_and_search_agree_on_both_engines(engine: str, request,
                                                         tmp_path: Path) -> None:
    """The time arithmetic (julianday on SQLite, EXTRACT(EPOCH) on PostgreSQL), the overview's
    two-part query and the case-insensitive search give the same answers on both engines."""
    from jogoroto_desktop import overview

    if engine == "postgresql":
        url = request.getfixturevalue("pg_url")
        models.close_database()
        models.open_database(url)
    seed()
    result = rekap.buat_rekap(rekap.periode_bulan(2026, 3), now=NOW)
    legalisir = next(r for r in result.layanan if r.nama == "Pelayanan Legalisir")
    assert (legalisir.masuk, legalisir.terlambat, legalisir.selesai) == (5, 2, 2)
    assert legalisir.rata_rata == dt.timedelta(minutes=18)
    assert legalisir.terlama == dt.timedelta(minutes=30)
    assert result.seksi[0].terlama == dt.timedelta(hours=2)
    summary = overview.ringkasan("sekretariat", NOW)
    # open: c, February's and April's legalisir (all late); ready: b and the SKCK
    assert (summary.baru, summary.proses, summary.terlambat, summary.siap) == (0, 3, 3, 2)
    assert overview.ringkasan("sekretariat", dt.datetime(2026, 4, 1, 12, 0)).baru == 1
    found = ly.query_permohonan(ly.LayananFilter(teks="BUDI ngumpul"), NOW)
    assert found.count() == 9  # every request of the seed: all by Budi, Dusun Ngumpul
