"""SOP monitoring from the recorded steps: the figures on a small known set (hand-computed),
deadlines against their event, the proposal, saving/auditing/voiding, the evaluation and the
refusals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import models
from jogoroto_desktop import monitoring as mon
from jogoroto_desktop import pengaturan, session
from jogoroto_desktop.registers import layanan as ly
from jogoroto_desktop.validation import ValidationError

pytestmark = pytest.mark.usefixtures("database")

NIK = "3517125408900002"
LOKET = session.Actor("loket", "Rina Petugas", "petugas_loket")
MIN = 60.0


def at(day: int, hour: int, minute: int, month: int = 1, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute)


def run(times: list[dt.datetime], collect: dt.datetime | None = None) -> models.Permohonan:
    """A legalisir request registered at times[0], each next step done at the next time."""
    with session.acting_as(LOKET):
        p = ly.daftar(ly.PermohonanInput("legalisir", "Siti Aminah", NIK, "Dusun Jogoroto",
                                         semua_syarat_ada=True), now=times[0])
        for moment in times[1:]:
            ly.lanjut(p, now=moment)
        if collect is not None:
            ly.ambil(p, "Siti Aminah", pada=collect, now=collect)
    return p


def known_set() -> None:
    """Step times (minutes since the record's previous step), Semester I 2026:

    A: 2=4, 3=0, 4=6, 5=1 (ready 09:11, target 09:09: late), collected 6=49
    B: 2=3, 3=0, 4=2, 5=1 (ready 10:06: on time)
    C: 2=3
    D: registered 31 Dec 2025 16:00, step 2 on 2 Jan 08:00 (40 hours, in the period)
    E: registered 1 Jul 2026 (after the period)
    """
    run([at(5, 9, 0), at(5, 9, 4), at(5, 9, 4), at(5, 9, 10), at(5, 9, 11)],
        collect=at(5, 10, 0))
    run([at(6, 10, 0), at(6, 10, 3), at(6, 10, 3), at(6, 10, 5), at(6, 10, 6)])
    run([at(7, 11, 0), at(7, 11, 3)])
    run([at(31, 16, 0, month=12, year=2025), at(2, 8, 0)])
    run([at(1, 9, 0, month=7)])


def test_figures_of_a_known_set_match_the_hand_calculation() -> None:
    known_set()
    result = mon.hitung_monitoring("legalisir", "2026-01-01", "2026-06-30", ambang=80)
    steps = {s.no: s for s in result.langkah}
    assert [s.jumlah for s in result.langkah] == [3, 4, 2, 2, 2, 1]
    # step 2 (5 menit): 3, 3, 4, 2400 minutes -> median 3.5, longest 40 hours, 3 of 4 on time
    assert steps[2].median_detik == pytest.approx(3.5 * MIN)
    assert steps[2].terlama_detik == pytest.approx(40 * 60 * MIN)
    assert (steps[2].tepat_waktu, steps[2].diukur) == (3, 4)
    assert steps[2].persen_tepat == pytest.approx(75.0)
    # step 4 (3 menit): 6, 2 -> median 4, 1 of 2; step 5 (1 menit): 1, 1 -> 100%
    assert steps[4].median_detik == pytest.approx(4 * MIN)
    assert steps[4].terlama_detik == pytest.approx(6 * MIN)
    assert steps[4].persen_tepat == pytest.approx(50.0)
    assert steps[5].persen_tepat == pytest.approx(100.0)
    # step 6 has no Mutu Baku waktu: measured, never "on time"
    assert steps[6].median_detik == pytest.approx(49 * MIN) and steps[6].persen_tepat is None
    # the service: A late, B on time (the requests made ready in the period)
    assert (result.penyelesaian.selesai, result.penyelesaian.tepat_waktu) == (2, 1)
    assert result.penyelesaian.standar_detik == pytest.approx(9 * MIN)
    # proposals at 80%: step 2 (75%) and 4 (50%) not well, 5 and 6 well, the SOP not well
    assert [s.usulan(80) for s in result.langkah] == [
        mon.BAIK, mon.TIDAK_BAIK, mon.BAIK, mon.TIDAK_BAIK, mon.BAIK, mon.BAIK]
    assert result.usulan == mon.TIDAK_BAIK
    assert "1 dari 2 permohonan" in result.keterangan
    lenient = mon.hitung_monitoring("legalisir", "2026-01-01", "2026-06-30", ambang=50)
    assert lenient.usulan == mon.BAIK and lenient.langkah[1].usulan(50) == mon.BAIK


def test_step_one_is_a_start_and_has_no_time() -> None:
    known_set()
    first = mon.hitung_monitoring("legalisir", "2026-01-01", "2026-06-30").langkah[0]
    assert (first.jumlah, first.diukur, first.median_detik, first.terlama_detik) == (3, 0, None,
                                                                                       None)


def test_threshold_comes_from_pengaturan() -> None:
    assert pengaturan.ambang_monitoring() == pengaturan.AMBANG_MONITORING_BAWAAN == 80
    with session.acting_as(session.Actor("admin", "Admin", "admin")):
        pengaturan.simpan_ambang_monitoring(70)
        with pytest.raises(ValidationError) as refused:
            pengaturan.simpan_ambang_monitoring(0)
    assert "ambang" in refused.value.problems
    assert pengaturan.ambang_monitoring() == 70
    assert mon.hitung_monitoring("legalisir", "2026-01-01", "2026-06-30").ambang == 70
    row = models.Audit.select().where(models.Audit.ringkasan.contains("Ambang")).get()
    assert json.loads(row.perubahan) == {pengaturan.AMBANG_MONITORING_SETTING: ["80", "70"]}
    with session.acting_as(session.Actor("sek", "Sekcam", "sekcam")), \
            pytest.raises(session.PermissionDenied):
        pengaturan.simpan_ambang_monitoring(90)


def test_an_sop_without_runs_says_so() -> None:
    result = mon.hitung_monitoring("rekomendasi-skck", "2026-01-01", "2026-06-30")
    assert not result.ada_pelaksanaan and result.usulan == ""
    assert result.keterangan.startswith(mon.BELUM_ADA)
    assert all(s.jumlah == 0 and s.usulan(80) == "" for s in result.langkah)


def test_a_period_ending_before_it_starts_and_unknown_sop_are_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        mon.hitung_monitoring("legalisir", "2026-06-30", "2026-01-01")
    assert "sampai" in refused.value.problems
    assert "tidak boleh sebelum" in refused.value.problems["sampai"]
    with pytest.raises(ValidationError) as refused:
        mon.hitung_monitoring("tidak-ada", "2026-01-01", "2026-06-30")
    assert "sop_id" in refused.value.problems
    with pytest.raises(ValidationError) as refused:
        mon.hitung_monitoring("legalisir", "2026-13-01", "")
    assert set(refused.value.problems) == {"dari", "sampai"}


def test_semesters() -> None:
    assert mon.semester(2026, 1) == mon.Periode(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert mon.semester(2026, 2).label == "Semester II 2026"
    assert mon.semester_terakhir(dt.date(2026, 12, 6)) == mon.semester(2026, 1)
    assert mon.semester_terakhir(dt.date(2027, 3, 1)) == mon.semester(2026, 2)


def test_cuti_deadline_is_measured_against_the_leave() -> None:
    """"2 minggu sebelum cuti": a request made 20 days ahead is on time, 3 days ahead late."""
    from jogoroto_desktop.registers import kepegawaian as kp

    with session.acting_as(session.Actor("admin", "Admin", "admin")):
        pegawai = kp.tambah_pegawai(kp.PegawaiInput(
            nip="198501152010011003", nama="Andi", pangkat="Penata Muda, III/a",
            jabatan="Staf"), now=at(2, 8, 0))
        for made, start in ((at(5, 9, 0), dt.date(2026, 1, 26)),
                            (at(12, 9, 0), dt.date(2026, 1, 15))):
            kp.ajukan_cuti(kp.CutiInput(pegawai, "tahunan", start, start), now=made)
    result = mon.hitung_monitoring("cuti-pegawai", "2026-01-01", "2026-06-30")
    first = result.langkah[0]
    assert first.jenis_standar == mon.TENGGAT
    assert (first.jumlah, first.tepat_waktu) == (2, 1)
    # 26 Jan - 14 days = 12 Jan; made 5 Jan 09:00 -> 6 days 15 hours before; 15 Jan -> 1 Jan:
    # made 12 Jan 09:00 -> 11 days 9 hours after
    assert first.terlama_detik == pytest.approx((11 * 24 + 9) * 60 * MIN)
    assert mon.format_waktu(first.terlama_detik, mon.TENGGAT) == "11 hari 9 jam lewat batas"


def sekcam() -> session.Actor:
    """The demo-like Sekcam, with a named official (name and NIP) behind the account."""
    pejabat = models.Pejabat.get(models.Pejabat.jabatan == "Sekretaris Camat")
    pejabat.nama, pejabat.nip = "Drs. Bambang Sutrisno", "19700101 199503 1 004"
    pejabat.save()
    return session.Actor("sekcam", "Bambang", "sekcam", pejabat.id)


def rows_for(result: mon.MonitoringSop) -> list[mon.PenilaianLangkah]:
    return [mon.PenilaianLangkah(s.no, s.usulan(result.ambang) or "", f"catatan {s.no}")
            for s in result.langkah]


def test_assessment_is_saved_signed_audited_and_voided_not_deleted() -> None:
    known_set()
    result = mon.hitung_monitoring("legalisir", "2026-01-01", "2026-06-30", ambang=80)
    with session.acting_as(sekcam()):
        saved = mon.simpan_monitoring(result, mon.BAIK, rows_for(result),
                                      catatan="Verifikasi lambat pada awal Januari",
                                      tindakan="Tambah petugas loket", now=at(1, 9, 0, month=7))
    stored = models.PenilaianMonitoring.get_by_id(saved.id)
    assert (stored.usulan, stored.penilaian) == (mon.TIDAK_BAIK, mon.BAIK)  # assessor changed it
    assert (stored.penilai_nama, stored.penilai_nip) == ("Drs. Bambang Sutrisno",
                                                          "19700101 199503 1 004")
    assert [r.penilaian for r in mon.langkah_of(stored)][:2] == [mon.BAIK, mon.TIDAK_BAIK]
    assert mon.angka_tersimpan(stored).langkah[1].median_detik == pytest.approx(3.5 * MIN)
    audit = models.Audit.get((models.Audit.tabel == "monitoring_sop")
                             & (models.Audit.aksi == "buat"))
    assert audit.rekaman_id == saved.id and "Bambang" in audit.ringkasan
    assert mon.monitoring_terakhir("legalisir").id == saved.id
    with session.acting_as(sekcam()):
        mon.batalkan_penilaian(stored, "Salah periode")
        with pytest.raises(ValidationError):
            mon.batalkan_penilaian(stored, "lagi")
    assert models.PenilaianMonitoring.get_by_id(saved.id).status == "dibatalkan"
    assert mon.monitoring_terakhir("legalisir") is None


def test_assessment_refusals_write_nothing() -> None:
    known_set()
    result = mon.hitung_monitoring("legalisir", "2026-01-01", "2026-06-30")
    audits = models.Audit.select().count()
    with session.acting_as(session.Actor("loket", "Rina", "petugas_loket")), \
            pytest.raises(session.PermissionDenied):
        mon.simpan_monitoring(result, mon.BAIK, rows_for(result))
    kasi = session.Actor("kasi", "Kasi tanpa jabatan", "kasi_pmd")  # no official behind it
    with session.acting_as(kasi), pytest.raises(ValidationError) as refused:
        mon.simpan_monitoring(result, mon.BAIK, rows_for(result))
    assert "penilai" in refused.value.problems
    with session.acting_as(sekcam()):
        with pytest.raises(ValidationError) as refused:
            mon.simpan_monitoring(result, "lumayan", [mon.PenilaianLangkah(2, "")])
        assert {"penilaian", "langkah_1", "langkah_2"} <= set(refused.value.problems)
        assert "langkah_6" in refused.value.problems  # step 6 ran: it needs a penilaian
        with pytest.raises(ValidationError) as refused:
            mon.simpan_monitoring(result, mon.BAIK, [*rows_for(result),
                                                     mon.PenilaianLangkah(9, mon.BAIK)])
        assert "langkah" in refused.value.problems
    assert models.PenilaianMonitoring.select().count() == 0
    assert models.Audit.select().count() == audits + 0


def test_evaluation_with_seven_criteria_is_saved_with_the_year_figures() -> None:
    known_set()
    answers = [mon.Kriteria(no, no != 3, "sulit di loket" if no == 3 else "")
               for no in range(1, 8)]
    with session.acting_as(sekcam()):
        with pytest.raises(ValidationError) as refused:
            mon.simpan_evaluasi("legalisir", 2026, answers[:6], perlu_revisi=False,
                                now=at(1, 9, 0, month=12))
        assert "kriteria" in refused.value.problems and "7" in refused.value.problems["kriteria"]
        saved = mon.simpan_evaluasi("legalisir", 2026, answers, perlu_revisi=True,
                                    catatan="Langkah verifikasi perlu dipecah",
                                    now=at(1, 9, 0, month=12))
    assert len(mon.KRITERIA) == 7
    stored = mon.evaluasi_terakhir("legalisir", 2026)
    assert stored.id == saved.id and stored.perlu_revisi
    assert [k.ya for k in mon.kriteria_of(stored)] == [True, True, False, True, True, True, True]
    assert mon.angka_tersimpan(stored).penyelesaian.selesai == 2
    assert models.Audit.select().where(models.Audit.tabel == "evaluasi_sop").count() == 1


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql",
                                                           marks=pytest.mark.postgres)])
def test_both_engines_give_the_same_figures(engine: str, request: pytest.FixtureRequest,
                                            tmp_path: Path) -> None:
    if engine == "postgresql":
        url = request.getfixturevalue("pg_url")
        models.close_database()
        models.open_database(url)
    known_set()
    result = mon.hitung_monitoring("legalisir", "2026-01-01", "2026-06-30", ambang=80)
    assert [s.jumlah for s in result.langkah] == [3, 4, 2, 2, 2, 1]
    steps = {s.no: s for s in result.langkah}
    assert steps[2].median_detik == pytest.approx(210.0)
    assert steps[4].median_detik == pytest.approx(240.0)
    assert steps[2].terlama_detik == pytest.approx(40 * 3600.0)
    assert (result.penyelesaian.selesai, result.penyelesaian.tepat_waktu) == (2, 1)


def test_the_migration_gives_steps_recorded_before_it_their_times() -> None:
    """The steps recorded before the monitoring existed get the same times as new ones."""
    from models.migrations import fill_step_times

    known_set()
    before = [(r.id, r.detik) for r in models.Langkah.select().order_by(models.Langkah.id)]
    assert [d for _i, d in before][:6] == [None, 240, 0, 360, 60, 2940]  # request A
    models.Langkah.update(detik=None).execute()
    fill_step_times(models.db.obj)
    after = [(r.id, r.detik) for r in models.Langkah.select().order_by(models.Langkah.id)]
    assert after == before
