"""The shipped letter templates filled as the loket would fill them, printed with the program's
own layout and (where installed) LibreOffice, as PNGs for docs/screenshots/forms/naskah_*.png,
and the letter windows at 1366x768 for docs/screenshots/: what a person (the Polsek, the KUA)
looks at.

    python tools/naskah_screenshots.py [--forms DIR] [--windows DIR] [--semua]

Without --semua only the templates the README shows are printed (SKCK, dispensasi nikah,
undangan, surat tugas, legalisir).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PNG_DPI = 100
SHOWN = ("rekomendasi-skck", "dispensasi-nikah", "undangan", "surat-tugas", "legalisir")
TYPED = {
    "tempat_lahir": "Jombang", "agama": "Islam", "pekerjaan": "Karyawan Swasta",
    "isi": "Sehubungan dengan pelaksanaan Musyawarah Perencanaan Pembangunan (Musrenbang) "
           "tingkat kecamatan, bersama ini kami mohon Saudara menyampaikan usulan kegiatan "
           "desa paling lambat tanggal 15 Januari 2027.\n\nAtas perhatian dan kerja samanya "
           "disampaikan terima kasih.",
    "pasangan_nama": "Siti Nur Aisyah", "pasangan_alamat": "Dusun Tambar RT 001 RW 003, "
    "Desa Tambar", "tanggal_nikah": "20 Desember 2026", "tempat_nikah": "KUA Kecamatan "
    "Jogoroto", "lokasi": "Jalan Raya Jogoroto, Desa Sukosari", "nama_usaha": "UD Sumber Rejeki",
    "uraian": "Bangunan toko dua lantai 8 x 12 meter", "jangka_waktu": "14 (empat belas) hari",
    "acara": "Rapat Koordinasi Musrenbang Kecamatan", "tanggal_acara": "14 Desember 2026",
    "waktu_acara": "09.00 WIB s.d. selesai", "tempat_acara": "Pendopo Kecamatan Jogoroto",
    "nama_lembaga": "Kelompok Tani Makmur Desa Ngumpul", "dokumen": "Fotokopi Kartu Keluarga",
    "dasar": "Surat Bupati Jombang Nomor 005/123/415.10/2026\nProgram kerja Kecamatan "
             "Jogoroto Tahun 2026",
    "yang_ditugaskan": "Sri Wahyuni, S.Sos., NIP 19750312 200003 2 004, Sekretaris Camat\n"
                       "Budi Santoso, NIP 19800101 200501 1 002, Kasi Pemerintahan",
    "dari": "Camat Jogoroto",
}


def fill(names: tuple[str, ...]) -> dict[str, bytes]:
    """The filled .docx of each template, made by "Buat Surat" in the open database."""
    from jogoroto_desktop.naskah.bawaan import BAWAAN_BY_NAMA
    from jogoroto_desktop.naskah.buat import buat_naskah, isian_diperlukan
    from tests.naskah_helpers import NOW, isi_pejabat, permohonan

    isi_pejabat()
    _logo()
    letters = {}
    for name in names:
        info = BAWAAN_BY_NAMA[name]
        isian = {i.nama: TYPED[i.nama] for i in isian_diperlukan(name)}
        extra = {} if info.kepada or info.sop_id else {"kepada": "Kepala Desa se-Kecamatan "
                                                                 "Jogoroto"}
        if info.sop_id:
            extra["layanan_id"] = permohonan(info.sop_id).id
        if not info.perihal:
            extra["perihal"] = "Musyawarah Perencanaan Pembangunan Kecamatan"
        letters[name] = buat_naskah(name, isian=isian, tembusan=["Kepala Desa Sumbermulyo"],
                                    now=NOW, **extra).docx
    return letters


def _logo() -> None:
    """The program's own icon stands in for the office's logo in the kop."""
    from jogoroto_desktop.kop_settings import load_kop_input, simpan_kop
    from jogoroto_desktop.storage.paths import resource_path

    simpan_kop(load_kop_input(), resource_path("icons", "jogoroto.png").read_bytes())


def render_pngs(letters: dict[str, bytes], folder: Path) -> list[Path]:
    import pypdfium2 as pdfium

    from jogoroto_desktop.naskah_convert import ConversionFailed, convert_to_pdf, find_soffice
    from printing.naskah_pdf import keep_signature_together, layout_docx_pdf

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as work:
        for name, docx in letters.items():
            pdfs = {"sendiri": Path(work) / f"{name}-sendiri.pdf"}
            layout_docx_pdf(docx, pdfs["sendiri"])
            if find_soffice() is not None:
                try:
                    pdfs["libreoffice"] = convert_to_pdf(keep_signature_together(docx),
                                                         Path(work) / f"{name}-lo.pdf")
                except ConversionFailed as exc:
                    print(f"{name}: LibreOffice: {exc}")
            for renderer, pdf_path in pdfs.items():
                pdf = pdfium.PdfDocument(pdf_path)
                for index in range(len(pdf)):
                    page = "" if len(pdf) == 1 else f"-hal{index + 1}"
                    target = folder / f"naskah_{name}_{renderer}{page}.png"
                    pdf[index].render(scale=PNG_DPI / 72).to_pil().save(target)
                    written.append(target)
                pdf.close()
    return written


def window_pngs(folder: Path) -> list[Path]:
    """The letter windows at 1366x768: Buat Surat for an SKCK request, the letter made, and
    Pengaturan > Templat Naskah."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from tests.naskah_helpers import SKCK_ISIAN, permohonan
    from ui import naskah_dialogs
    from ui.layanan_page import LayananPage
    from ui.naskah_dialogs import NaskahHasilDialog
    from ui.settings_dialog import PengaturanDialog

    app = QApplication.instance() or QApplication([])
    letters = Path(os.environ["JOGOROTO_DATA_DIR"]) / "Naskah Jogoroto"
    letters.mkdir(exist_ok=True)
    naskah_dialogs.naskah_folder = lambda: letters  # not the person's Documents folder
    written = []
    page = LayananPage("sekretariat")
    page.resize(1366, 768)
    page.show()
    request = permohonan("rekomendasi-skck")
    page.refresh()
    page.select_id(request.id)
    dialog = page.buat_surat()
    for name, value in SKCK_ISIAN.items():
        dialog.isian_edits[name].setText(value)
    dialog.adjustSize()
    app.processEvents()
    written.append(_grab(page, dialog, folder / "naskah-buat-surat.png"))
    dialog.save()
    while dialog.hasil is None and dialog.op is not None:
        app.processEvents()
    for _ in range(20):
        app.processEvents()
    shown = page.hasil_dialog
    if isinstance(shown, NaskahHasilDialog):
        written.append(_grab(page, shown, folder / "naskah-surat-dibuat.png"))
        shown.accept()
    app.processEvents()
    target = folder / "naskah-layanan-surat.png"  # the request's pane: its letters, Buat Surat
    page.grab().save(str(target))
    written.append(target)
    settings = PengaturanDialog()
    settings.tabs.setCurrentWidget(settings.templat_tab)
    settings.resize(1100, 580)
    settings.show()
    app.processEvents()
    target = folder / "pengaturan-templat-naskah.png"
    settings.grab().save(str(target))
    written.append(target)
    return written


def _grab(page, dialog, target: Path) -> Path:  # noqa: ANN001
    """The dialog over its page, as the person sees them on a 1366x768 screen."""
    from PySide6.QtGui import QPainter

    shot = page.grab()
    picture = dialog.grab()
    painter = QPainter(shot)
    painter.fillRect(shot.rect(), QColorDim())
    painter.drawPixmap((shot.width() - picture.width()) // 2,
                       max((shot.height() - picture.height()) // 2, 0), picture)
    painter.end()
    shot.save(str(target))
    return target


def QColorDim():  # noqa: N802 - a colour, named as Qt names them
    from PySide6.QtGui import QColor

    return QColor(0, 0, 0, 90)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--forms", type=Path, default=Path("docs/screenshots/forms"))
    parser.add_argument("--windows", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--semua", action="store_true", help="every shipped template")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jogoroto-naskah-") as data:
        os.environ["JOGOROTO_DATA_DIR"] = data
        import models
        from jogoroto_desktop import session
        from jogoroto_desktop.naskah.bawaan import BAWAAN

        models.open_database(Path(data) / "naskah.sqlite3")
        session.set_actor(session.SETUP_ADMIN)
        names = tuple(info.nama for info in BAWAAN) if args.semua else SHOWN
        for path in render_pngs(fill(names), args.forms) + window_pngs(args.windows):
            print(path)
        models.close_database()


if __name__ == "__main__":
    main()
