"""Import and export of the Agenda Surat Masuk: reading .xlsx/.csv, all-or-nothing import,
messages for bad rows and corrupt files, and the exported workbook."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

import models
from jogoroto_desktop.cli.main import main
from jogoroto_desktop.registers import agenda_io
from jogoroto_desktop.registers.agenda_io import (
    ROW_KEY,
    AgendaFileError,
    export_agenda,
    import_agenda,
    read_agenda_file,
)
from jogoroto_desktop.registers.surat_masuk import (
    SuratMasukInput,
    get_surat_masuk,
    register_surat_masuk,
    void_surat_masuk,
)


@pytest.fixture(autouse=True)
def database(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "agenda.db"
    models.open_database(path)
    yield path
    models.close_database()


def write_xlsx(path: Path, rows: list[list[object]], title_rows: int = 0) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for index in range(title_rows):
        sheet.append(["AGENDA SURAT MASUK KECAMATAN JOGOROTO" if index == 0 else None])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], delimiter: str = ",",
              bom: bool = False) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def letters() -> list[tuple[int, int, str, str]]:
    """(tahun, nomor, dari, status) of every letter in the database, in number order."""
    return [(s.tahun, s.nomor_agenda, s.dari, s.status)
            for s in models.SuratMasuk.select().order_by(models.SuratMasuk.tahun,
                                                         models.SuratMasuk.nomor_agenda)]


HEADER = ["No. Agenda", "Tgl Terima", "Asal Surat", "No. Surat", "Tgl Surat", "Perihal",
          "Sifat", "Kode", "Lampiran"]
GOOD_ROWS: list[list[object]] = [
    [12, dt.datetime(2022, 1, 4), "Bupati Jombang", "005/21/415.10/2022",
     dt.datetime(2022, 1, 3), "Undangan Rapat Kerja Camat", "Segera", "005", "-"],
    [13, "04/01/2022", "Dinas Kesehatan Kab. Jombang", "440/77/415.17/2022", "2022-01-03",
     "Pemberitahuan Jadwal Vaksinasi", "biasa", 440, ""],
    [14, "5 Januari 2022", "Desa Mayangan", "470/2/415.67.11/2022", "4 Januari 2022",
     "Permohonan Rekomendasi Pindah Penduduk", "", 5, "2 lembar"],
]


# --- reading -----------------------------------------------------------------------------

def test_read_xlsx_maps_aliases_and_accepts_both_kinds_of_date(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "agenda.xlsx", [HEADER, *GOOD_ROWS, [None] * 9], title_rows=2)
    rows = read_agenda_file(path)
    assert [r[ROW_KEY] for r in rows] == [4, 5, 6]  # the title rows and header come first
    assert rows[0]["nomor_agenda"] == 12 and rows[0]["dari"] == "Bupati Jombang"
    assert rows[0]["tanggal_diterima"] == dt.datetime(2022, 1, 4)
    assert rows[1]["tanggal_diterima"] == "04/01/2022"
    assert set(rows[0]) == {"nomor_agenda", "tanggal_diterima", "dari", "nomor_surat",
                            "tanggal_surat", "perihal", "sifat", "klasifikasi", "lampiran",
                            ROW_KEY}


@pytest.mark.parametrize("header", [
    ["NO", "Tanggal Diterima", "DARI", "Nomor Surat", "Tanggal Surat", "Hal"],
    ["No Agenda", "diterima", "Pengirim", "No Surat", "tgl. surat", "Isi Ringkas"],
    ["Nomor  Agenda", "TGL_TERIMA", "Asal", "no.surat", "Tgl-Surat", "PERIHAL"],
])
def test_header_names_are_case_space_and_punctuation_blind(tmp_path: Path, header) -> None:
    path = write_csv(tmp_path / "a.csv", [header, ["1", "2022-01-04", "Camat", "1/2022",
                                                   "2022-01-03", "Undangan"]])
    [row] = read_agenda_file(path)
    assert (row["nomor_agenda"], row["dari"], row["perihal"]) == ("1", "Camat", "Undangan")


@pytest.mark.parametrize(("delimiter", "bom"), [(",", False), (";", True), ("\t", False),
                                                (";", False)])
def test_csv_delimiter_is_sniffed_with_or_without_bom(tmp_path: Path, delimiter, bom) -> None:
    rows = [HEADER, ["1", "04/01/2022", "Camat; Kecamatan Jogoroto, Jombang", "1/2022",
                     "03/01/2022", "Undangan, rapat", "biasa", "005", ""]]
    path = write_csv(tmp_path / "a.csv", rows, delimiter=delimiter, bom=bom)
    [row] = read_agenda_file(path)
    assert row["dari"] == "Camat; Kecamatan Jogoroto, Jombang"
    assert row["perihal"] == "Undangan, rapat"
    assert row[ROW_KEY] == 2


def test_missing_required_columns_are_named(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", [["No", "Dari", "Keterangan"], [1, "Camat", "x"]])
    with pytest.raises(AgendaFileError) as info:
        read_agenda_file(path)
    message = str(info.value)
    for name in ("Tanggal Diterima", "Nomor Surat", "Tanggal Surat", "Perihal"):
        assert name in message
    assert "Dari," not in message.split(":")[1]  # found columns are not called missing
    assert "\u201cKeterangan\u201d" in message


def test_two_columns_for_one_field_are_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [[*HEADER, "Pengirim"], ["1"] * 10])
    with pytest.raises(AgendaFileError, match="dua kolom untuk Dari"):
        read_agenda_file(path)


def broken_zip(path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "bukan excel")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize(("name", "make", "words"), [
    ("acak.xlsx", lambda p: p.write_bytes(bytes(range(256)) * 8), "bukan berkas Excel"),
    ("potong.xlsx", None, "rusak"),
    ("zip.xlsx", broken_zip, "rusak"),
    ("kosong.xlsx", lambda p: p.write_bytes(b""), "kosong"),
    ("kosong.csv", lambda p: p.write_bytes(b"\xef\xbb\xbf\r\n \n"), "kosong"),
    ("biner.csv", lambda p: p.write_bytes(bytes(range(256)) * 8), "biner"),
    ("latin1.csv", lambda p: p.write_bytes("Perihal;Dari\nRapat;Dinas P\xe9ndidikan\n"
                                           .encode("latin-1")), "UTF-8"),
    ("excel.csv", None, "berkas Excel"),
    ("lama.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100), ".xlsx"),
    ("tidak-ada.xlsx", lambda p: None, "tidak ditemukan"),
    ("hanya-judul.csv", lambda p: p.write_text(",".join(HEADER) + "\n", encoding="utf-8"),
     "tidak berisi baris data"),
])
def test_corrupt_files_give_clear_messages(tmp_path: Path, name, make, words) -> None:
    path = tmp_path / name
    if make is None:  # a real workbook, cut short or wrongly named
        good = write_xlsx(tmp_path / "good.xlsx", [HEADER, *GOOD_ROWS])
        data = good.read_bytes()
        path.write_bytes(data[: len(data) // 2] if name.endswith(".xlsx") else data)
    else:
        make(path)
    with pytest.raises(AgendaFileError) as info:
        import_agenda(path)
    assert words in str(info.value)
    assert letters() == []


def test_corrupt_file_through_the_cli_is_a_message(tmp_path: Path, database: Path,
                                                   capsys) -> None:
    path = tmp_path / "sampah.csv"
    path.write_bytes(b"\x00\x01\x02garbage\xff\xfe" * 50)
    assert main(["--db", str(database), "import", "agenda", str(path)]) == 1
    err = capsys.readouterr().err
    assert "sampah.csv" in err and "Traceback" not in err


# --- importing ---------------------------------------------------------------------------

def test_import_good_xlsx_keeps_the_books_numbers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "agenda.xlsx", [HEADER, *GOOD_ROWS], title_rows=1)
    report = import_agenda(path)
    assert report.ok and not report.dry_run
    assert (report.rows_read, report.rows_valid) == (3, 3)
    assert report.created == ["12/2022", "13/2022", "14/2022"]
    first = get_surat_masuk(2022, 12)
    assert first is not None
    assert (first.tanggal_diterima, first.tanggal_surat) == (dt.date(2022, 1, 4),
                                                             dt.date(2022, 1, 3))
    assert (first.sifat, first.klasifikasi, first.dibuat_oleh) == ("segera", "005", "Impor")
    third = get_surat_masuk(2022, 14)
    assert third is not None
    assert (third.tanggal_diterima, third.tanggal_surat) == (dt.date(2022, 1, 5),
                                                             dt.date(2022, 1, 4))
    assert (third.sifat, third.klasifikasi, third.lampiran) == ("biasa", "005", "2 lembar")
    assert get_surat_masuk(2022, 13).klasifikasi == "440"
    # The year's counter moved past the book's numbers.
    later = register_surat_masuk(SuratMasukInput(
        "Camat", "1/2022", "2022-02-01", "Rapat", tanggal_diterima="2022-02-02"))
    assert later.nomor_agenda == 15


def test_import_good_csv_without_numbers_issues_new_ones(tmp_path: Path) -> None:
    register_surat_masuk(SuratMasukInput("Camat", "1/2023", "2023-05-01", "Rapat",
                                         tanggal_diterima="2023-05-02"))
    header = ["Tanggal Diterima", "Dari", "Nomor Surat", "Tanggal Surat", "Perihal",
              "Klasifikasi"]
    rows = [header,
            ["2023-05-03", "Kecamatan Diwek", "005/9/415.60/2023", "2023-05-02", "Undangan",
             "005"],
            ["2022-12-30", "Polsek Jogoroto", "B/88/XII/2022", "2022-12-29", "Laporan", ""],
            ["2023-05-04", "Desa Jogoroto", "470/5/2023", "2023-05-04", "Permohonan KK",
             "470"]]
    path = write_csv(tmp_path / "agenda.csv", rows, delimiter=";", bom=True)
    report = import_agenda(path, oleh="Agendaris Lama")
    assert report.ok, report.problems
    assert report.created == ["2/2023", "1/2022", "3/2023"]
    assert letters() == [(2022, 1, "Polsek Jogoroto", "diterima"),
                         (2023, 1, "Camat", "diterima"),
                         (2023, 2, "Kecamatan Diwek", "diterima"),
                         (2023, 3, "Desa Jogoroto", "diterima")]
    assert get_surat_masuk(2023, 3).dibuat_oleh == "Agendaris Lama"


def test_blank_numbers_are_issued_after_the_books_numbers(tmp_path: Path) -> None:
    rows = [HEADER,
            ["", "2022-01-04", "Camat", "1", "2022-01-03", "Rapat", "", "", ""],
            ["7/2022", "2022-01-04", "Sekcam", "2", "2022-01-03", "Rapat", "", "", ""]]
    report = import_agenda(write_csv(tmp_path / "a.csv", rows))
    assert report.created == ["8/2022", "7/2022"]


def test_file_with_two_bad_rows_imports_nothing_and_names_both(tmp_path: Path) -> None:
    rows = [HEADER, GOOD_ROWS[0],
            [13, "2022-02-30", "Dinas Sosial", "460/1/2022", "2022-01-03", "Data PKH",
             "biasa", "460", ""],
            GOOD_ROWS[2],
            [15, "2022-01-06", "", "1/2022", "2022-01-05", "x" * 501, "kilat", "999", ""]]
    path = write_xlsx(tmp_path / "agenda.xlsx", rows)
    report = import_agenda(path)
    assert not report.ok and report.created == []
    assert report.bad_rows == [3, 5]
    assert (report.rows_read, report.rows_valid) == (4, 2)
    messages = dict.fromkeys(message for _, message in report.problems)
    text = "\n".join(report.problem_lines())
    assert "Baris 3, kolom \u201cTgl Terima\u201d: Tanggal diterima: tanggal" in text
    assert "tidak ada di kalender" in text
    for column, words in (("Asal Surat", "wajib diisi"), ("Perihal", "terlalu panjang"),
                          ("Sifat", "tidak dikenal"), ("Kode", "999")):
        assert any(m.startswith(f"kolom \u201c{column}\u201d") and words in m for m in messages)
    assert letters() == []
    assert models.Counter.select().count() == 0


def test_numbers_must_be_positive_unique_and_free(tmp_path: Path) -> None:
    register_surat_masuk(SuratMasukInput("Camat", "1", "2022-01-01", "Rapat",
                                         tanggal_diterima="2022-01-02"), nomor_agenda=20)

    def row(nomor: object, diterima: str = "2022-01-04") -> list[object]:
        return [nomor, diterima, "Camat", "1/2022", "2022-01-03", "Rapat", "", "", ""]

    rows = [HEADER, row(1), row("dua"), row(0), row(1), row(1, "2023-01-04"), row(20),
            row(2.5), row("3/2021"), row(-4)]
    report = import_agenda(write_csv(tmp_path / "a.csv", rows))
    problems = dict(report.problems)
    assert sorted(problems) == [3, 4, 5, 7, 8, 9, 10]
    assert "bukan bilangan bulat" in problems[3]
    assert "1 atau lebih" in problems[4]
    assert "sudah dipakai baris 2" in problems[5]
    assert "20/2022 sudah dipakai surat lain di basis data" in problems[7]
    assert "bukan bilangan bulat" in problems[8]
    assert "tidak cocok dengan tahun" in problems[9]
    assert all(m.startswith("kolom \u201cNo. Agenda\u201d") for m in problems.values())
    assert len(letters()) == 1


def test_an_empty_received_date_is_not_taken_as_today(tmp_path: Path) -> None:
    rows = [HEADER, [1, "", "Camat", "1", "2022-01-03", "Rapat", "", "", ""],
            [2, None, "Camat", "2", "2022-01-03", "Rapat", "", "", ""]]
    report = import_agenda(write_xlsx(tmp_path / "a.xlsx", rows))
    assert report.bad_rows == [2, 3]
    assert all("Tanggal diterima wajib diisi" in message for _, message in report.problems)
    assert letters() == []


def test_future_dates_are_refused_against_today(tmp_path: Path) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    rows = [HEADER, [1, tomorrow.isoformat(), "Camat", "1", "2022-01-03", "Rapat", "", "", ""]]
    report = import_agenda(write_csv(tmp_path / "a.csv", rows))
    assert report.bad_rows == [2]
    assert "sesudah hari ini" in report.problems[0][1]


def test_dry_run_checks_everything_and_writes_nothing(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "agenda.xlsx", [HEADER, *GOOD_ROWS])
    report = import_agenda(path, dry_run=True)
    assert report.ok and report.dry_run and report.created == []
    assert (report.rows_read, report.rows_valid) == (3, 3)
    assert "tidak ada yang ditulis" in report.lines()[-1]
    assert letters() == [] and models.Counter.select().count() == 0
    assert models.Langkah.select().count() == 0
    register_surat_masuk(SuratMasukInput("Camat", "1", "2022-01-01", "Rapat",
                                         tanggal_diterima="2022-01-02"), nomor_agenda=13)
    again = import_agenda(path, dry_run=True)
    assert again.bad_rows == [3] and "13/2022" in again.problems[0][1]


def test_a_failure_while_writing_rolls_back_every_row(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Another PC takes a number between the check and the write: nothing is kept."""
    register_surat_masuk(SuratMasukInput("Camat", "1", "2022-01-01", "Rapat",
                                         tanggal_diterima="2022-01-02"), nomor_agenda=14)
    monkeypatch.setattr(agenda_io, "_check_numbers_free", lambda *args: None)
    report = import_agenda(write_xlsx(tmp_path / "agenda.xlsx", [HEADER, *GOOD_ROWS]))
    assert report.created == [] and report.bad_rows == [4]
    assert "14/2022 sudah dipakai" in report.problems[0][1]
    assert letters() == [(2022, 14, "Camat", "diterima")]
    assert models.Langkah.select().count() == 2  # only the letter registered before


# --- exporting ---------------------------------------------------------------------------

def seed_year() -> None:
    """Letters of 2024 (one voided, one back-dated from 2023) as an agendaris would enter."""
    now = dt.datetime(2024, 12, 31, 10, 0)
    entries = [
        ("Bupati Jombang", "005/1/415.10/2024", "2024-01-02", "Undangan Rapat Koordinasi",
         "segera", "005", "1 berkas", "2024-01-03"),
        ("Dinas Kesehatan", "440/2/415.17/2024", "2024-02-01", "Pemberitahuan Posyandu",
         "biasa", "440", "", "2024-02-02"),
        ("Polsek Jogoroto", "B/3/II/2024", "2024-02-10", "Laporan Kamtibmas; \"rahasia\"",
         "rahasia", "", "", "2024-02-12"),
        ("Desa Tambakrejo", "470/1/2023", "2023-12-28", "Permohonan Surat Pindah",
         "sangat segera", "470", "3 lembar", "2023-12-29"),
    ]
    for dari, nomor, tanggal, perihal, sifat, kode, lampiran, diterima in entries:
        register_surat_masuk(SuratMasukInput(dari, nomor, tanggal, perihal, sifat, kode,
                                             lampiran, diterima), now=now)
    void_surat_masuk(get_surat_masuk(2024, 2), "Surat salah kirim, dikembalikan", now=now)


FIELDS = ("tahun", "nomor_agenda", "tanggal_diterima", "dari", "nomor_surat", "tanggal_surat",
          "perihal", "sifat", "klasifikasi", "lampiran", "status", "batal_alasan")


def snapshot(year: int) -> list[tuple]:
    return [tuple(getattr(s, name) for name in FIELDS)
            for s in models.SuratMasuk.select().where(models.SuratMasuk.tahun == year)
            .order_by(models.SuratMasuk.nomor_agenda)]


def test_export_writes_a_formatted_workbook(tmp_path: Path) -> None:
    seed_year()
    target = tmp_path / "Agenda 2024.xlsx"
    assert export_agenda(2024, target) == 3
    book = openpyxl.load_workbook(target)
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header == ["No. Agenda", "Tanggal Diterima", "Dari", "Nomor Surat", "Tanggal Surat",
                      "Perihal", "Sifat", "Klasifikasi", "Lampiran", "Status", "Alasan Batal"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.column_dimensions["C"].width >= 30
    assert sheet.column_dimensions["F"].width >= 40
    assert sheet.freeze_panes == "A2"
    assert sheet.max_row == 4
    received = sheet["B2"]
    assert received.is_date and received.number_format == "dd/mm/yyyy"
    assert received.value.date() == dt.date(2024, 1, 3)
    assert sheet["E2"].is_date and sheet["E2"].number_format == "dd/mm/yyyy"
    assert [sheet.cell(row, 1).value for row in (2, 3, 4)] == [1, 2, 3]
    assert sheet["J3"].value == "Dibatalkan" and sheet["K3"].value.startswith("Surat salah")
    assert sheet["J2"].value == "Diterima"
    assert sheet["G2"].value == "Segera"
    assert not list(tmp_path.glob(".*.part"))
    assert export_agenda(2019, tmp_path / "kosong.xlsx") == 0


def test_export_then_import_in_a_fresh_database_gives_the_same_letters(tmp_path: Path) -> None:
    seed_year()
    before = {year: snapshot(year) for year in (2023, 2024)}
    assert export_agenda(2024, tmp_path / "2024.xlsx") == 3
    assert export_agenda(2023, tmp_path / "2023.xlsx") == 1
    models.close_database()
    models.open_database(tmp_path / "baru.db")
    for year in (2024, 2023):
        report = import_agenda(tmp_path / f"{year}.xlsx")
        assert report.ok, report.problems
    assert {year: snapshot(year) for year in (2023, 2024)} == before
    assert before[2024][1][-2:] == ("dibatalkan", "Surat salah kirim, dikembalikan")


def test_export_refuses_other_file_types(tmp_path: Path) -> None:
    with pytest.raises(AgendaFileError, match=".xlsx"):
        export_agenda(2024, tmp_path / "agenda.csv")
