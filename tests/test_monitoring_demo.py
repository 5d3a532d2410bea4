"""The demo's completed monitoring: the Sekcam's Form Monitoring Pelaksanaan SOP of Legalisir
for the last finished semester, made from the demo's own recorded steps, printable."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from jogoroto_desktop import monitoring as mon
from jogoroto_desktop.demo import DEMO_PEJABAT
from tests.helpers import cli
from tests.test_demo import TODAY, demo_db, opened  # noqa: F401 (fixtures)


def test_the_demo_sekcam_assessed_legalisir_from_the_recorded_steps(opened) -> None:  # noqa: F811
    period = mon.semester_terakhir(TODAY)
    saved = mon.monitoring_terakhir("legalisir", period)
    assert saved is not None
    assert saved.penilai_nama == DEMO_PEJABAT["Sekretaris Camat"][0]
    assert saved.penilai_nip == DEMO_PEJABAT["Sekretaris Camat"][2]
    kept = mon.angka_tersimpan(saved)
    fresh = mon.hitung_monitoring("legalisir", period.dari, period.sampai, ambang=kept.ambang)
    # the figures it was made beside are the registers' own (nothing was recorded since)
    assert [s.jumlah for s in kept.langkah] == [s.jumlah for s in fresh.langkah]
    assert [s.median_detik for s in kept.langkah] == [s.median_detik for s in fresh.langkah]
    assert kept.langkah[1].jumlah >= 100  # a semester of requests: meaningful figures
    assert kept.penyelesaian.selesai >= 100
    assert saved.penilaian == kept.usulan
    assert len(mon.langkah_of(saved)) == 6


def test_the_sekcam_prints_it(demo_db: Path, tmp_path: Path) -> None:  # noqa: F811
    period = mon.semester_terakhir(TODAY)
    target = tmp_path / "legalisir.pdf"
    assert cli(demo_db, "monitoring", "legalisir", "--dari", period.dari.isoformat(),
               "--sampai", period.sampai.isoformat(), "-o", str(target)) == 0
    pdf = pdfium.PdfDocument(str(target))
    text = " ".join(" ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
                    .split())
    assert DEMO_PEJABAT["Sekretaris Camat"][0] in text
    assert "Pelayanan Legalisir" in text and period.label in text
