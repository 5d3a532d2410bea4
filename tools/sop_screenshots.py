"""Take the SOP editor's and the approval view's screenshots (docs/screenshots) on 1366x768.

    QT_QPA_PLATFORM=offscreen python tools/sop_screenshots.py

Works in a temporary database (the office's is never opened): the Kasubag Umum edits Renja (once
as it is, once with a problem shown); the Kasi Trantib details "Pelayanan Rekomendasi IMB" and
submits it, the Sekretaris Camat forwards it and the Camat's approval view is grabbed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":  # the office's screen
        config = REPO / "tests" / "office_screen.json"
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"

    from PySide6.QtWidgets import QApplication, QWidget

    import models
    from jogoroto_desktop import session
    from jogoroto_desktop.session import Actor
    from jogoroto_desktop.sop import editing, versions
    from jogoroto_desktop.sop.catalog import Step
    from tests.screen_check import clipped_widgets, fits_screen, form_label_problems
    from ui.sop_editor import TAB_LANGKAH, SopEditor
    from ui.sop_versions_ui import open_editor, open_versi

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="jogoroto-shots-") as folder:
        models.open_database(Path(folder) / "sop.db")
        host = QWidget()

        def grab(widget: QWidget, name: str) -> None:
            # the size the window takes itself on a 1366x768 screen (fit_window), frame apart
            widget.show()
            for _ in range(3):
                app.processEvents()
            widget.grab().save(str(args.output / f"{name}.png"))
            problems = (fits_screen(widget) + clipped_widgets(widget)
                        + form_label_problems(widget))  # what the screen test would say
            print(args.output / f"{name}.png", ("  ! " + "; ".join(problems)) if problems else "")

        session.set_actor(Actor("umum", "Kasubag Umum", "kasubag_umum"))
        editor = open_editor(host, "renja", lambda _text: None)
        assert isinstance(editor, SopEditor)
        editor.tabs.setCurrentIndex(TAB_LANGKAH)
        editor.steps_table.setCurrentIndex(editor.steps_model.index(2, 0))
        grab(editor, "sop_editor")
        editor.apply_edit(editing.set_step_field(editor.sop, 3, "waktu", "secepatnya"))
        editor.apply_edit(editing.set_step_field(editor.sop, 9, "pelaksana", ""))
        editor.refresh_now()
        editor.steps_table.setCurrentIndex(
            editor.steps_model.index(2, editor.steps_model.column_of("waktu")))
        grab(editor, "sop_editor_masalah")
        editor.saved_sop = editor.sop  # a picture, not a draft: close without asking
        editor.close()

        kasi = Actor("trantib", "Kasi Trantib", "kasi_trantib")
        base = versions.versi_berlaku("rekomendasi-imb")
        assert base is not None
        actors = ("Pemohon", "Petugas Loket", "Kasi Trantib", "Camat")
        steps = (
            Step(1, "Pemohon mengajukan permohonan rekomendasi IMB", "Pemohon", "terminator",
                 kelengkapan="Formulir permohonan, Fotokopi KTP, Fotokopi sertifikat tanah"),
            Step(2, "Petugas loket memverifikasi kelengkapan berkas", "Petugas Loket",
                 "decision", waktu="10 menit", ya=3, tidak=1),
            Step(3, "Kasi Trantib meninjau lokasi dan membuat konsep rekomendasi",
                 "Kasi Trantib", "process", waktu="2 hari", output="Konsep rekomendasi"),
            Step(4, "Camat menandatangani rekomendasi", "Camat", "process", waktu="1 hari",
                 output="Rekomendasi IMB"),
            Step(5, "Pemohon menerima rekomendasi IMB", "Pemohon", "terminator"),
        )
        detailed = dataclasses.replace(
            base.sop, status="rinci", actors=actors, steps=steps,
            dasar_hukum=("Peraturan Daerah Kabupaten Jombang tentang Bangunan Gedung",))
        versions.simpan_draf(detailed, kasi)
        versions.ajukan("rekomendasi-imb", kasi)
        versions.teruskan("rekomendasi-imb", Actor("sekcam", "Sekretaris Camat", "sekcam"))
        session.set_actor(Actor("camat", "Camat Jogoroto", "camat"))
        item = versions.draf_terbuka("rekomendasi-imb")
        assert item is not None
        dialog = open_versi(host, item, lambda _text: None)
        grab(dialog, "sop_pengesahan")
        dialog.close()
        models.close_database()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
