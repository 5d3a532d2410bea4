"""Moving an office from its SQLite file to the PostgreSQL server: `db upgrade` initialises an
empty server, `db migrate-from-sqlite` copies every table in one verified transaction."""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest

import models
from jogoroto_desktop.cli import main as cli
from jogoroto_desktop.registers.surat_masuk import SuratMasukInput, register_surat_masuk
from jogoroto_desktop.storage import backup, datacopy
from tests.test_backup import NOW, damaged_copy, pg_checksums, saved_office, sqlite_checksums

pytestmark = pytest.mark.postgres


@pytest.fixture
def office_file(tmp_path: Path) -> Path:
    return saved_office(tmp_path / "kantor.db")


def test_db_upgrade_initialises_an_empty_server(pg_url: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", pg_url, "db", "check"]) == cli.EXIT_ERROR
    assert "Versi skema: 0" in capsys.readouterr().out
    assert cli.main(["--db", pg_url, "db", "upgrade"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert f"dari versi 0 ke versi {models.SCHEMA_VERSION}" in out
    assert cli.main(["--db", pg_url, "db", "check"]) == cli.EXIT_OK
    assert "Basis data baik dan siap dipakai." in capsys.readouterr().out
    assert cli.main(["--db", pg_url, "db", "upgrade"]) == cli.EXIT_OK
    assert "tidak ada yang diubah" in capsys.readouterr().out


def test_migrate_copies_every_table_identically_and_fixes_sequences(
        pg_url: str, office_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["--db", pg_url, "db", "migrate-from-sqlite", str(office_file)])
    out = capsys.readouterr()
    assert code == cli.EXIT_OK, out.err
    source = sqlite_checksums(office_file)
    assert pg_checksums(pg_url) == source
    # The printed table: one line per table with both counts, and the total.
    lines = {line.split()[0]: line.split()[1:] for line in out.out.splitlines() if line.strip()}
    assert lines["surat_masuk"] == ["12", "12", "sama"]
    assert lines["pejabat"][:2] == [str(source["pejabat"][0])] * 2
    total = sum(count for count, _ in source.values())
    assert lines["Jumlah"] == [str(total), str(total)]
    # New records on the server continue the numbers and ids (sequences follow the copy).
    models.open_database(pg_url)
    try:
        largest = max(s.id for s in models.SuratMasuk.select())
        surat = register_surat_masuk(SuratMasukInput(
            dari="Polsek Jogoroto", nomor_surat="B/9/2026", tanggal_surat="2026-11-24",
            perihal="Surat pertama di server", klasifikasi="300",
            tanggal_diterima="2026-11-24"), now=NOW)
        assert surat.id == largest + 1 and surat.nomor_agenda == 13
        assert models.Audit.select().count() >= source["audit"][0] > 0
    finally:
        models.close_database()


def test_migrate_refuses_a_server_that_already_holds_records(
        pg_url: str, office_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--db", pg_url, "db", "migrate-from-sqlite", str(office_file)]) == 0
    models.open_database(pg_url)
    models.set_setting("catatan", "dibuat di server")
    models.close_database()
    before = pg_checksums(pg_url)
    capsys.readouterr()
    assert cli.main(["--db", pg_url, "db", "migrate-from-sqlite", str(office_file)]) == 1
    err = capsys.readouterr().err
    assert "sudah berisi data" in err and "surat_masuk" in err and "setting" in err
    assert pg_checksums(pg_url) == before


def test_migrate_refuses_bad_sources_and_non_server_targets(
        pg_url: str, office_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    bad = damaged_copy(office_file, tmp_path / "rusak.db")
    assert cli.main(["--db", pg_url, "db", "migrate-from-sqlite", str(bad)]) == 1
    assert "bukan cadangan Jogoroto yang utuh" in capsys.readouterr().err
    other = tmp_path / "lain.db"
    assert cli.main(["--db", str(other), "db", "migrate-from-sqlite", str(office_file)]) == 1
    assert "bukan server PostgreSQL" in capsys.readouterr().err
    assert not other.exists()


def test_a_copy_that_does_not_verify_is_rolled_back(pg_url: str, office_file: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    models.upgrade_database(pg_url)
    empty = pg_checksums(pg_url)
    real_read_rows = datacopy.read_rows
    calls = {"n": 0}

    def lossy_read(database: peewee.Database, spec: datacopy.TableSpec) -> list[tuple]:
        rows = real_read_rows(database, spec)
        calls["n"] += 1
        # Reading back from the server loses the last letter: the check must notice.
        if isinstance(database, peewee.PostgresqlDatabase) and spec.name == "surat_masuk":
            return rows[:-1]
        return rows

    monkeypatch.setattr(datacopy, "read_rows", lossy_read)
    with pytest.raises(datacopy.CopyError, match="surat_masuk"):
        backup.migrate_from_sqlite(office_file, pg_url)
    assert calls["n"] > 0
    monkeypatch.undo()
    assert pg_checksums(pg_url) == empty
