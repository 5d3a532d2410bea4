"""The satisfaction survey report as an Excel workbook: the same content as the printed report
(period, the nine elements with NRR, NRR tertimbang and index, the IKM and grade, per service
and per seksi, the respondent profile and the comments), with real numbers in the cells so the
office can compute on them. openpyxl is imported when a report is written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from jogoroto_desktop.dates import format_waktu_tanggal
from jogoroto_desktop.ikm_kuesioner import JUMLAH_UNSUR, PROFIL

if TYPE_CHECKING:
    from jogoroto_desktop.registers.ikm import BagianIkm, RekapIkm


def tulis_excel_ikm(rekap: RekapIkm, path: str | Path, kantor: str = "Kecamatan Jogoroto") -> None:
    """Write ``rekap`` as an .xlsx: sheet Rekap (result, elements, per service/seksi,
    profile) and sheet Komentar."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    book = Workbook()
    sheet = book.active
    sheet.title = "Rekap IKM"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    header_fill = PatternFill("solid", fgColor="DDDDDD")

    def title(text: str, size: int = 12, italic: bool = False) -> None:
        sheet.append([text])
        sheet.cell(sheet.max_row, 1).font = Font(bold=not italic, italic=italic, size=size)

    def table(headers: list[str], rows: list[list[Any]], formats: dict[int, str],
              bold_last: int = 0) -> None:
        sheet.append(headers)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.border = border
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for index, row in enumerate(rows):
            sheet.append(row)
            for cell in sheet[sheet.max_row][:len(headers)]:
                cell.border = border
                if cell.column in formats:
                    cell.number_format = formats[cell.column]
                if index >= len(rows) - bold_last:
                    cell.font = Font(bold=True)
        sheet.append([])

    title(f"Laporan Survei Kepuasan Masyarakat \u2014 {kantor}", 14)
    title(f"{rekap.cakupan}, periode {rekap.judul}", 11, italic=True)
    title(f"Dibuat {format_waktu_tanggal(rekap.dibuat_pada)}", 10, italic=True)
    sheet.append([])
    table(["Jumlah responden", "Nilai IKM", "Mutu pelayanan", "Kinerja unit pelayanan"],
          [[rekap.responden, rekap.ikm, rekap.mutu or "-", rekap.kinerja or "-"]],
          {2: "0.00"})
    title("Nilai per unsur pelayanan")
    rows: list[list[Any]] = [
        [u.kode, u.nama, u.jumlah, u.rata_rata, u.nrr_tertimbang, u.ikm, u.mutu or "-"]
        for u in rekap.unsur]
    rows.append(["", "Jumlah NRR tertimbang", None, None,
                 sum(u.nrr_tertimbang for u in rekap.unsur), None, None])
    rows.append(["", "IKM = jumlah NRR tertimbang \u00d7 25", None, None, None, rekap.ikm,
                 rekap.mutu or "-"])
    table(["No", "Unsur pelayanan", "Jumlah nilai", "NRR per unsur", "NRR tertimbang",
           "IKM unsur", "Mutu"], rows, {4: "0.000", 5: "0.000", 6: "0.00"}, bold_last=2)
    title(f"NRR tertimbang = NRR per unsur \u00d7 1/{JUMLAH_UNSUR}; IKM unsur = NRR per unsur "
          "\u00d7 25. Mutu: A 88,31-100 Sangat Baik; B 76,61-88,30 Baik; C 65,00-76,60 Kurang "
          "Baik; D 25,00-64,99 Tidak Baik.", 9, italic=True)
    sheet.append([])

    def parts(heading: str, rows_of: tuple[BagianIkm, ...]) -> None:
        title(f"IKM per {heading.lower()}")
        table([heading, "Responden", "IKM", "Mutu", "Kinerja",
               *[u.kode for u in rekap.unsur]],
              [[b.nama, b.responden, b.ikm, b.mutu, b.kinerja, *b.unsur] for b in rows_of],
              {3: "0.00", **{c: "0.000" for c in range(6, 6 + JUMLAH_UNSUR)}})

    parts("Layanan", rekap.per_layanan)
    parts("Seksi", rekap.per_seksi)
    title("Profil responden")
    profile_rows = []
    for name, counts in rekap.profil.items():
        for label, count in counts.items():
            share = count / rekap.responden if rekap.responden else 0.0
            profile_rows.append([PROFIL[name][0], label, count, share])
    table(["Karakteristik", "Kategori", "Jumlah", "Persentase"], profile_rows, {4: "0.0%"})
    for column, width in zip("ABCDEFGHIJKLMN", (16, 44, 13, 14, 16, 12, 9, 9, 9, 9, 9, 9, 9, 9),
                             strict=True):
        sheet.column_dimensions[column].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1

    notes = book.create_sheet("Komentar")
    notes.append(["Tanggal", "No. register", "Layanan", "Komentar, saran dan masukan"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
    for item in rekap.komentar:
        notes.append([item.diisi_pada, item.nomor_register, item.layanan, item.komentar])
        notes.cell(notes.max_row, 1).number_format = "dd/mm/yyyy hh:mm"
        notes.cell(notes.max_row, 4).alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCD", (17, 24, 36, 80), strict=True):
        notes.column_dimensions[column].width = width
    book.save(path)
