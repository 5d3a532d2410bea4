"""The seksi overview: four numbers from one query, equal to the lists behind them, and the
registry other registers add their numbers through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

import models
from jogoroto_desktop import overview
from jogoroto_desktop.registers import layanan as ly

NOW = dt.datetime(2026, 3, 10, 11, 0)
NIK = "3517125408900002"


@pytest.fixture(autouse=True)
def database(tmp_path: Path) -> Iterator[None]:
    models.open_database(tmp_path / "overview.sqlite3")
    yield
    models.close_database()


def register(sop_id: str, when: dt.datetime, **changes) -> models.Permohonan:
    values = dict(sop_id=sop_id, nama="Siti Aminah", nik=NIK, alamat="Dusun Janti RT 01",
                  semua_syarat_ada=True)
    values.update(changes)
    return ly.daftar(ly.PermohonanInput(**values), now=when)


def seed() -> dict[str, models.Permohonan]:
    yesterday = NOW - dt.timedelta(days=1)
    made = {
        "old_late": register("legalisir", yesterday),
        "old_ready": register("rekomendasi-skck", yesterday),
        "old_collected": register("legalisir", yesterday),
        "old_refused": register("legalisir", yesterday),
        "today_new": register("legalisir", NOW - dt.timedelta(minutes=3)),
        "today_collected": register("rekomendasi-skck", NOW - dt.timedelta(hours=2)),
        "today_incomplete": register("dispensasi-nikah", NOW - dt.timedelta(hours=1)),
        "other_seksi": register("skm", NOW - dt.timedelta(hours=1)),
        "today_voided": register("legalisir", NOW - dt.timedelta(hours=1)),
    }
    step = yesterday + dt.timedelta(minutes=1)
    ly.lanjut(made["old_ready"], now=step)
    ly.siapkan(made["old_ready"], now=step)
    ly.lanjut(made["old_collected"], now=step)
    ly.siapkan(made["old_collected"], now=step)
    ly.ambil(made["old_collected"], "Siti", now=step)
    ly.tolak(made["old_refused"], "Bukan dokumen kependudukan", now=step)
    done = NOW - dt.timedelta(hours=1, minutes=50)
    ly.lanjut(made["today_collected"], now=done)
    ly.siapkan(made["today_collected"], now=done)
    ly.ambil(made["today_collected"], "Siti", now=done)
    ly.kurang_lengkap(made["today_incomplete"], "Akta cerai belum ada", now=NOW)
    ly.batalkan(made["today_voided"], "Dobel input", now=NOW)
    return made


def test_sekretariat_numbers_and_the_lists_behind_them() -> None:
    made = seed()
    summary = overview.ringkasan("sekretariat", NOW)
    assert summary.punya_layanan
    # new today: today_new, today_collected, today_incomplete, today_voided
    assert (summary.baru, summary.proses, summary.terlambat, summary.siap) == (4, 3, 1, 1)
    sop_ids = tuple(s.id for s in ly.layanan_seksi("sekretariat"))
    for angka in summary.angka_layanan():
        section, kelompok = overview.split_open_key(angka.open_key)
        assert section == overview.SECTION_LAYANAN
        listed = list(ly.query_permohonan(ly.LayananFilter(sop_ids=sop_ids, kelompok=kelompok),
                                          NOW))
        assert len(listed) == angka.jumlah, kelompok
    late = ly.query_permohonan(ly.LayananFilter(sop_ids=sop_ids,
                                                kelompok=ly.KELOMPOK_TERLAMBAT), NOW)
    assert [p.id for p in late] == [made["old_late"].id]
    assert [a.penting for a in summary.angka_layanan()] == [False, False, True, False]


def test_other_seksi_and_seksi_without_services() -> None:
    seed()
    sosbud = overview.ringkasan("sosbud", NOW)
    assert (sosbud.baru, sosbud.proses, sosbud.terlambat, sosbud.siap) == (1, 1, 0, 0)
    pmd = overview.ringkasan("pmd", NOW)
    assert not pmd.punya_layanan
    assert [(a.label, a.jumlah) for a in pmd.lainnya] == [("Disposisi menunggu", 0),
                                                         ("Pelacakan berjalan", 0),
                                                         ("Pelacakan terlambat", 0)]
    assert overview.hitung_layanan([], NOW) == (0, 0, 0, 0)


def test_registered_counters_join_the_overview() -> None:
    calls: list[dt.datetime] = []

    def musrenbang(now: dt.datetime) -> int:
        calls.append(now)
        return models.Permohonan.select().count() + 7

    builtin = overview.counters_for("pmd")
    overview.register_counter("pmd", "Usulan uji", musrenbang, "Pelacakan|aktif")
    overview.register_counter("pmd", "Usulan uji", musrenbang, "Pelacakan|semua")
    try:
        pmd = overview.ringkasan("pmd", NOW)
        assert pmd.lainnya[-1] == overview.Angka("Usulan uji", 7, "Pelacakan|semua")
        assert len(pmd.lainnya) == len(builtin) + 1
        assert calls == [NOW]
        assert overview.split_open_key("Pelacakan|semua") == ("Pelacakan", "semua")
        assert overview.split_open_key("Buku Cuti") == ("Buku Cuti", "")
        with pytest.raises(ValueError, match="seksi tidak dikenal"):
            overview.register_counter("keuangan", "X", musrenbang, "X")
    finally:
        overview.unregister_counter("pmd", "Usulan uji")
    assert overview.counters_for("pmd") == builtin


def test_personnel_and_tracker_numbers_join_the_overview() -> None:
    from jogoroto_desktop.registers import pelacakan
    from jogoroto_desktop.sections import SECTION_PELACAKAN

    pelacakan.buat_pelacakan("renja", "Renja 2026", batas_waktu="2026-03-01",
                             now=NOW - dt.timedelta(days=30))
    pelacakan.buat_pelacakan("musrenbang", "Musrenbang 2027", now=NOW)
    sekretariat = {a.label: a for a in overview.ringkasan("sekretariat", NOW).lainnya}
    assert sekretariat["Pelacakan berjalan"].jumlah == 1
    late = sekretariat["Pelacakan terlambat"]
    assert (late.jumlah, late.penting) == (1, True)  # its deadline passed on 1 March
    assert late.open_key == SECTION_PELACAKAN["sekretariat"]
    assert sekretariat["Berkas kepegawaian terlambat"].jumlah == 0
    assert sekretariat["Cuti menunggu keputusan"].jumlah == 0
    pmd = {a.label: a.jumlah for a in overview.ringkasan("pmd", NOW).lainnya}
    assert pmd == {"Disposisi menunggu": 0, "Pelacakan berjalan": 1, "Pelacakan terlambat": 0}
