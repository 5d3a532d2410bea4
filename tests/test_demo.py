"""The demo database (`--demo`): realistic, consistent, deterministic, fast, and never the
office's real data."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import models
from jogoroto_desktop import demo
from jogoroto_desktop.cli.main import main
from jogoroto_desktop.registers.disposisi import inbox
from jogoroto_desktop.registers.surat import DIBATALKAN, JENIS_KELUAR, JENIS_MASUK, progress
from jogoroto_desktop.registers.surat_keluar import KELUAR_FLOW
from jogoroto_desktop.registers.surat_masuk import (
    MASUK_DIDISPOSISI,
    MASUK_SELESAI,
    SuratMasukInput,
    register_surat_masuk,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 3, 18)  # a Wednesday; the three months before cross a new year


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo database built for the module (read-only tests share it)."""
    from jogoroto_desktop import session

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with session.acting_as(session.SETUP_ADMIN):
        summary = demo.buat_database_demo(path, today=TODAY)
    assert summary.seconds < 10, f"demo took {summary.seconds:.1f} s"
    return path


@pytest.fixture
def opened(demo_db: Path):
    models.open_database(demo_db)
    yield
    models.close_database()


def rows(model: type[models.BaseModel], *exclude: str) -> list[tuple]:
    names = [n for n in model._meta.sorted_field_names if n not in exclude]
    return [tuple(getattr(r, n) for n in names) for r in model.select().order_by(model.id)]


def test_letters_have_every_status_and_disposisi_chains(opened) -> None:
    masuk = Counter(s.status for s in models.SuratMasuk.select())
    assert masuk[MASUK_SELESAI] > 20
    assert masuk[MASUK_DIDISPOSISI] > 0 and masuk[DIBATALKAN] > 0
    keluar = Counter(s.status for s in models.SuratKeluar.select())
    assert set(keluar) == set(KELUAR_FLOW) | {DIBATALKAN}, keluar
    # chains: the Camat to the Sekcam, the Sekcam on to a Kasi
    continued = models.Disposisi.select().where(models.Disposisi.induk.is_null(False))
    assert continued.count() > 5
    for child in continued:
        assert child.dari_pejabat.jabatan == "Sekretaris Camat"
        assert child.induk.dari_pejabat.jabatan == "Camat"
    assert models.Ekspedisi.select().where(models.Ekspedisi.diterima_pada.is_null()).count() \
        < models.Ekspedisi.select().count()


def test_some_disposisi_are_late_and_some_were_finished_late(opened) -> None:
    open_late = (models.Disposisi.select()
                 .where((models.Disposisi.selesai == False)  # noqa: E712
                        & (models.Disposisi.batas_waktu < TODAY)))
    assert open_late.count() > 0
    finished_late = [d for d in models.Disposisi.select().where(models.Disposisi.selesai == True)  # noqa: E712
                     if d.batas_waktu and d.selesai_pada.date() > d.batas_waktu]
    assert finished_late
    # and late inboxes show up where the Kasi look
    assert any(d.batas_waktu and d.batas_waktu < TODAY for d in inbox("pmd")
               + inbox("tata-pemerintahan") + inbox("sosbud") + inbox("trantib"))


def test_numbers_are_gapless_per_year_and_rise_with_the_dates(opened) -> None:
    by_year: dict[int, list[models.SuratMasuk]] = {}
    for surat in models.SuratMasuk.select().order_by(models.SuratMasuk.nomor_agenda):
        by_year.setdefault(surat.tahun, []).append(surat)
    assert set(by_year) == {2025, 2026}  # three months before 18 March 2026
    for letters in by_year.values():
        assert [s.nomor_agenda for s in letters] == list(range(1, len(letters) + 1))
        dates = [s.tanggal_diterima for s in letters]
        assert dates == sorted(dates)
    # surat keluar and surat pengantar share one counter: together gapless, each rising
    numbered = [(s.tahun, s.urut, s.tanggal) for s in models.SuratKeluar.select()
                if s.urut is not None]
    numbered += [(s.tahun, s.urut, s.tanggal) for s in models.SuratPengantar.select()]
    for tahun in {n[0] for n in numbered}:
        mine = sorted(n for n in numbered if n[0] == tahun)
        assert [n[1] for n in mine] == list(range(1, len(mine) + 1))
        assert [n[2] for n in mine] == sorted(n[2] for n in mine)
    for s in models.SuratKeluar.select().where(models.SuratKeluar.urut.is_null(False)):
        assert s.nomor == f"{s.klasifikasi}/{s.urut}/415.67/{s.tahun}"
    assert all(s.tanggal_diterima <= TODAY for s in models.SuratMasuk.select())


def test_every_step_is_recorded_through_the_services(opened) -> None:
    for surat in models.SuratMasuk.select().where(models.SuratMasuk.status == MASUK_SELESAI):
        done = {p.no for p in progress(JENIS_MASUK, surat.id) if p.pada is not None}
        assert {1, 2, 3, 7} <= done
    sent = models.SuratKeluar.select().where(models.SuratKeluar.status == "dikirim")
    for surat in sent:
        done = {p.no for p in progress(JENIS_KELUAR, surat.id) if p.pada is not None}
        assert {5, 6} <= done
    assert models.get_setting(demo.DEMO_SETTING) == "1"


def test_officials_are_named_with_valid_nip(opened) -> None:
    for pejabat in models.Pejabat.select():
        assert pejabat.nama and pejabat.pangkat
        digits = pejabat.nip.replace(" ", "")
        assert len(digits) == 18 and digits.isdigit()
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        tmt = dt.date(int(digits[8:12]), int(digits[12:14]), 1)
        assert 18 <= (tmt - born).days / 365.25 <= 35
        assert digits[14] in "12"


def test_personnel_with_valid_nip_coming_events_and_leave(opened) -> None:
    from jogoroto_desktop.nip import parse_nip
    from jogoroto_desktop.registers import kepegawaian as k

    pegawai = list(models.Pegawai.select())
    assert len(pegawai) >= 15
    for p in pegawai:
        nip = parse_nip(p.nip, TODAY)
        assert (nip.tanggal_lahir, nip.jenis_kelamin) == (p.tanggal_lahir, p.jenis_kelamin)
    assert len({p.nama for p in pegawai}) == len(pegawai)
    book = k.buku_penjagaan(today=TODAY)
    statuses = {(e.jenis, e.status) for e in book}
    assert (k.PENSIUN, k.STATUS_TERLAMBAT) in statuses
    assert (k.PENSIUN, k.STATUS_TERKIRIM) in statuses  # its pengantar went to BKD
    assert (k.KENAIKAN_PANGKAT, k.STATUS_TERLAMBAT) in statuses
    assert sum(e.status == k.STATUS_TERLAMBAT for e in book) <= 4  # an office, not a mess
    cuti = Counter(row.status for row in models.Cuti.select())
    assert cuti[k.CUTI_DISETUJUI] >= 3 and cuti[k.CUTI_DITOLAK] == 1
    assert cuti[k.CUTI_DIAJUKAN] == 1


def test_trackers_under_way_finished_and_late(opened) -> None:
    from jogoroto_desktop.registers import pelacakan as pl

    runs = {r.nama: r for r in models.Pelacakan.select()}
    renja = runs[f"Renja {TODAY.year + 1}"]
    assert renja.status == pl.BERJALAN and renja.langkah_sekarang > 3
    assert len(pl.riwayat(renja)) >= renja.langkah_sekarang
    assert runs[f"LAKIP {TODAY.year - 1}"].status == pl.SELESAI
    late = [r for r in runs.values() if r.status == pl.BERJALAN
            and r.batas_waktu is not None and r.batas_waktu < TODAY]
    assert [r.sop_id for r in late] == ["pencairan-gu"]
    assert {r.sop_id for r in runs.values()} >= {"renja", "musrenbang", "raskin"}


def test_surat_pengantar_share_the_outgoing_numbers(opened) -> None:
    from jogoroto_desktop.registers import kepegawaian as k

    pengantar = list(models.SuratPengantar.select())
    assert len(pengantar) == 5
    numbers = sorted([(s.tahun, s.urut) for s in pengantar]
                     + [(s.tahun, s.urut) for s in models.SuratKeluar.select()
                        if s.urut is not None])
    assert len(set(numbers)) == len(numbers)  # one counter, no number twice
    to_bkd = [s for s in pengantar if s.sumber.endswith(":pensiun")]
    assert len(to_bkd) == 1 and to_bkd[0].nomor.startswith("882/")
    sent = [e for e in k.buku_penjagaan(today=TODAY) if e.status == k.STATUS_TERKIRIM]
    assert [e.jenis for e in sent] == [k.PENSIUN]


def test_service_requests_of_every_service_in_many_states(opened) -> None:
    from jogoroto_desktop.nik import periksa_nik
    from jogoroto_desktop.registers import layanan as ly

    requests = list(models.Permohonan.select())
    assert {r.sop_id for r in requests} == {sop.id for sop in ly.layanan_sops()}
    statuses = Counter(r.status for r in requests)
    assert statuses[ly.DIAMBIL] > 20
    for status in (ly.DITERIMA, ly.DIVERIFIKASI, ly.MENUNGGU_TTD, ly.SIAP_DIAMBIL, ly.DIPROSES,
                   ly.SELESAI, ly.KURANG_LENGKAP, ly.DITOLAK):
        assert statuses[status] > 0, status
    now = dt.datetime.combine(TODAY, dt.time(16))
    late = [r for r in requests if ly.terlambat(r, now)]
    assert 0 < len(late) < len(requests) // 5  # some late, not a disaster
    for r in requests:
        periksa_nik(r.pemohon_nik, TODAY)
        assert r.pemohon_desa in demo.DESA
    collected = [r for r in requests if r.status == ly.DIAMBIL]
    assert all(r.diambil_oleh and r.diambil_pada >= r.selesai_pada for r in collected)


def test_same_seed_and_day_give_the_same_database(demo_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    demo.buat_database_demo(again, today=TODAY)
    contents = []
    for path in (demo_db, again):
        models.open_database(path)
        contents.append([rows(models.SuratMasuk), rows(models.SuratKeluar),
                         rows(models.Disposisi), rows(models.Ekspedisi), rows(models.Langkah),
                         rows(models.Pegawai), rows(models.Cuti), rows(models.Pelacakan),
                         rows(models.SuratPengantar, "dibuat_pada", "diubah_pada"),
                         rows(models.Permohonan)])
        models.close_database()
    assert contents[0] == contents[1]


@pytest.mark.parametrize("today", [dt.date(2026, 1, 5), dt.date(2026, 7, 31)])
def test_other_days_fill_without_errors(tmp_path: Path, today: dt.date) -> None:
    summary = demo.buat_database_demo(tmp_path / "x.db", today=today)
    assert summary.counts["surat_masuk"] > 40 and summary.counts["surat_keluar"] > 10


def test_refuses_to_fill_a_database_with_office_data(tmp_path: Path) -> None:
    models.open_database(tmp_path / "kantor.db")
    try:
        register_surat_masuk(SuratMasukInput(
            "Polsek Jogoroto", "B/12/2026", "2026-03-02", "Pemberitahuan patroli"),
            now=dt.datetime(2026, 3, 3, 9))
        with pytest.raises(demo.DemoError, match="data kantor"):
            demo.isi_demo(today=TODAY)
        assert models.SuratMasuk.select().count() == 1
        assert not demo.is_demo_database()
    finally:
        models.close_database()


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def real_office(isolated_data_dir: Path) -> Path:
    """The office's real database in the real data folder, with one letter."""
    models.open_database(isolated_data_dir / "jogoroto.db")
    register_surat_masuk(SuratMasukInput(
        "Kantor Pos Jombang", "12/2026", "2026-03-02", "Pemberitahuan tarif baru"),
        now=dt.datetime(2026, 3, 3, 9))
    models.close_database()
    return isolated_data_dir


def test_cli_demo_lists_sample_letters_and_leaves_the_real_data_alone(
        real_office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(real_office)
    assert main(["--demo", "surat-masuk", "list", "--json"]) == 0
    captured = capsys.readouterr()
    letters = json.loads(captured.out)
    assert len(letters) > 40
    assert "Kantor Pos Jombang" not in {item["dari"] for item in letters}
    assert "MODE DEMO" in captured.err
    assert _snapshot(real_office) == before  # byte-identical, and no new file
    assert os.environ["JOGOROTO_DATA_DIR"] == str(real_office)
    assert "JOGOROTO_DB" not in os.environ
    # the real database is still the office's
    assert main(["surat-masuk", "list", "--json"]) == 0
    real = json.loads(capsys.readouterr().out)
    assert [item["dari"] for item in real] == ["Kantor Pos Jombang"]


def test_demo_folder_is_removed_afterwards(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    made: list[demo.DemoEnvironment] = []
    original = demo.DemoEnvironment.__init__

    def remember(self: demo.DemoEnvironment) -> None:
        original(self)
        made.append(self)

    monkeypatch.setattr(demo.DemoEnvironment, "__init__", remember)
    assert main(["--demo", "surat-keluar", "list"]) == 0
    assert made and not made[0].root.exists()
    assert "Dikirim" in capsys.readouterr().out


def test_demo_and_db_together_are_refused(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--demo", "--db", str(tmp_path / "x.db"), "surat-masuk", "list"])
    assert exit_info.value.code == 2
    assert "--demo" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()


def test_gui_demo_starts_and_touches_nothing_real(real_office: Path) -> None:
    """The real program, as the office starts it: `jogoroto --demo`."""
    before = _snapshot(real_office)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "jogoroto_desktop", "--demo",
                             "--check-startup"], cwd=REPO_ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("startup_ms=")
    assert result.stderr == ""
    assert _snapshot(real_office) == before


def test_demo_window_says_demo(qtbot, tmp_path: Path) -> None:
    from jogoroto_desktop.gui import fill_demo_database, mark_demo_window
    from jogoroto_desktop.sop.catalog import default_catalog
    from ui.app import create_main_window

    window = create_main_window(default_catalog(), "-")
    qtbot.addWidget(window)
    mark_demo_window(window)
    window.show()
    qtbot.waitExposed(window)
    fill_demo_database(window, tmp_path / "demo.db")
    assert window.windowTitle().startswith("DEMO")
    warning = window.findChild(type(window.database_status), "demoWarning")
    assert warning is not None and warning.isVisible()
    assert "rekaan" in warning.text()
    assert window.isEnabled()
    models.open_database(tmp_path / "demo.db")
    try:
        assert models.SuratMasuk.select().count() > 40
    finally:
        models.close_database()


def test_the_demo_fills_before_anyone_has_signed_in(tmp_path: Path) -> None:
    """The GUI fills the demo database before any actor is set (there is no login in the
    demo), so the fill must not depend on who is acting."""
    from jogoroto_desktop import session
    from jogoroto_desktop.demo import buat_database_demo

    with session.acting_as(None):
        summary = buat_database_demo(tmp_path / "demo.db")
        assert session.current_actor() is None
    assert summary.seconds > 0


def test_a_semester_of_survey_answers_with_a_true_spread(opened) -> None:
    from jogoroto_desktop.registers import ikm

    semester = (TODAY - dt.timedelta(days=demo.IKM_DAYS), TODAY)
    rekap = ikm.rekap_ikm(*semester)
    assert rekap.responden > 60
    assert 65 <= rekap.ikm <= 95 and rekap.mutu in ("B", "C")
    assert len(ikm.ikm_per_bulan(*semester)) >= 6  # every month of the semester
    averages = [u.rata_rata for u in rekap.unsur]
    assert max(averages) - min(averages) > 0.4  # not all 4s: the elements differ
    assert averages[3] == max(averages)  # the free service: biaya/tarif scores best
    scores = Counter(s for r in models.IkmRespons.select() for s in ikm.nilai_of(r))
    assert set(scores) >= {2, 3, 4}
    assert rekap.komentar and rekap.profil["jenis_kelamin"]["Perempuan"] > 0
    sources = {r.sumber for r in models.IkmRespons.select()}
    assert sources == {"loket", "slip", "kiosk"}
    for respons in models.IkmRespons.select().limit(50):  # only on collected requests
        assert respons.permohonan.status == "diambil"
        assert respons.diisi_pada >= respons.permohonan.diambil_pada
