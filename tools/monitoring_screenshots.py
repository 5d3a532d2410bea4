"""Take the pictures of SOP monitoring: the demo's Monitoring & Evaluasi SOP page (the Sekcam on
Legalisir, the last finished semester), the evaluation dialog, the Grafik page (the Camat), and
the printed Form Monitoring Pelaksanaan SOP and Form Evaluasi Penerapan SOP.

    QT_QPA_PLATFORM=offscreen python tools/monitoring_screenshots.py

It builds the demo database in a temporary folder (the office's database is never opened), shows
the main window at the size it takes on a 1366x768 screen and writes
``docs/screenshots/monitoring_*.png``, ``docs/screenshots/grafik.png`` and
``docs/screenshots/forms/monitoring-*.png``, ``evaluasi-*.png``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    forms = args.output / "forms"
    forms.mkdir(parents=True, exist_ok=True)

    import dataclasses

    import pypdfium2 as pdfium
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QScrollArea

    import models
    from jogoroto_desktop import demo as demo_module
    from jogoroto_desktop import documents, session
    from jogoroto_desktop import monitoring as mon
    from jogoroto_desktop.demo import DemoEnvironment, buat_database_demo
    from jogoroto_desktop.gui import mark_demo_window
    from jogoroto_desktop.sop.catalog import default_catalog
    from printing.monitoring_forms import build_evaluasi_pdf
    from ui.app import create_main_window, ensure_application
    from ui.main_window import fitted_geometry

    env = DemoEnvironment()
    env.activate()
    try:
        buat_database_demo(env.database)
        app = ensure_application(sys.argv[:1])
        models.open_database(str(env.database))
        pejabat = {p.jabatan: p for p in models.Pejabat.select()}
        sekcam = dataclasses.replace(demo_module.SEKCAM,
                                     pejabat_id=pejabat["Sekretaris Camat"].id)
        camat = dataclasses.replace(demo_module.CAMAT, pejabat_id=pejabat["Camat"].id)
        period = mon.semester_terakhir(dt.date.today())
        with session.acting_as(sekcam):  # an evaluation of the year so far, for its picture
            evaluasi = mon.simpan_evaluasi(
                "legalisir", period.dari.year,
                [mon.Kriteria(no, no != 3, "Verifikasi berkas sering lewat 5 menit pada jam "
                                           "sibuk" if no == 3 else "") for no in range(1, 8)],
                perlu_revisi=True, catatan="Langkah verifikasi dipecah: cek kelengkapan dan "
                                           "cek keabsahan dokumen.")

        def settle(seconds: float = 1.0) -> None:
            end = time.monotonic() + seconds
            while time.monotonic() < end:
                app.processEvents()
                time.sleep(0.02)

        def shoot(widget: object, name: str) -> None:
            target = args.output / f"{name}.png"
            widget.grab().save(str(target))  # type: ignore[attr-defined]
            print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)

        session.set_actor(sekcam)
        window = create_main_window(default_catalog(), models.describe_target(str(env.database)))
        window.show_actor(sekcam)
        mark_demo_window(window)
        window.setGeometry(fitted_geometry(QRect(0, 0, 1366, 728)))
        window.show()
        settle()
        desk = window.seksi_tabs[0]
        page = desk.open_section_by_key("Monitoring & Evaluasi")
        page.sop.setCurrentIndex(page.sop.findData("legalisir"))
        page.period.setCurrentIndex(page.period.findText(period.label))
        settle(2.0)
        shoot(window, "monitoring_legalisir")
        page.open_evaluasi()
        settle()
        shoot(page.dialog, "monitoring_evaluasi")
        page.dialog.reject()
        session.set_actor(camat)
        window.show_actor(camat)
        desk.open_section_by_key("Grafik")
        settle(3.0)
        shoot(window, "grafik")
        scroll = desk.section(desk.sections.currentIndex()).findChild(QScrollArea)
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
        settle(0.5)
        shoot(window, "grafik_bawah")
        window.close()

        saved = mon.monitoring_terakhir("legalisir", period)
        lembar = documents.lembar_monitoring(mon.angka_tersimpan(saved), saved)
        pdfs = {}
        for paper in ("A4", "F4"):
            target = forms / f"monitoring-{paper.lower()}.pdf"
            documents.ekspor_monitoring(dataclasses.replace(lembar, kertas=paper), target)
            pdfs[f"monitoring-{paper.lower()}"] = target
        target = forms / "evaluasi-a4.pdf"
        build_evaluasi_pdf(documents.lembar_evaluasi(evaluasi, kertas="A4"), target)
        pdfs["evaluasi-a4"] = target
        for name, path in pdfs.items():
            pdf = pdfium.PdfDocument(str(path))
            for index in range(len(pdf)):
                suffix = f"-hal{index + 1}" if len(pdf) > 1 else ""
                image = forms / f"{name}{suffix}.png"
                pdf[index].render(scale=1.4).to_pil().save(image)
                print(image.relative_to(REPO) if image.is_relative_to(REPO) else image)
            pdf.close()
            path.unlink()
        QApplication.processEvents()
        models.close_database()
    finally:
        env.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
