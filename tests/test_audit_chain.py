"""The hash-chained audit trail (issue 17, item 1): `db check` names the first break with its row
id on SQLite and PostgreSQL, the chain stays linear with concurrent writers, migration 7 chains
the rows already there, missing triggers come back only with an audit row, and a restore refuses
a tampered backup and leaves the database untouched.

Tamperings are done as an attacker would: straight on the file or the server, with the
triggers lifted (the table owner can), not through the program."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import peewee
import psycopg2
import pytest

import models
from jogoroto_desktop import audit
from jogoroto_desktop.cli import main as cli
from jogoroto_desktop.storage import backup
from models import audit_chain
from models.migrations import apply_migrations
from tests.test_backup import file_digest, pg_checksums, saved_office

T0 = dt.datetime(2026, 11, 24, 9, 0)
ROWS = 6

Tamper = Callable[[list[tuple[str, tuple]]], None]


def _sqlite_tamper(path: Path, keep_triggers: bool = True) -> Tamper:
    def run(statements: list[str]) -> None:
        conn = sqlite3.connect(path)
        try:
            with conn:
                conn.execute("DROP TRIGGER IF EXISTS audit_tolak_update")
                conn.execute("DROP TRIGGER IF EXISTS audit_tolak_delete")
                conn.execute("DROP TRIGGER IF EXISTS audit_kepala_maju")  # would refuse NULLs
                for statement, params in statements:
                    conn.execute(statement, params)
                if keep_triggers:
                    conn.execute(audit_chain.sqlite_trigger_sql("UPDATE"))
                    conn.execute(audit_chain.sqlite_trigger_sql("DELETE"))
                    conn.execute(audit_chain.SQLITE_HEAD_TRIGGER)
        finally:
            conn.close()
    return run


def _pg_tamper(url: str) -> Tamper:
    def run(statements: list[str]) -> None:
        conn = psycopg2.connect(url)
        try:
            with conn, conn.cursor() as cursor:
                cursor.execute("GRANT UPDATE, DELETE ON audit TO CURRENT_USER")
                cursor.execute("ALTER TABLE audit DISABLE TRIGGER audit_tolak_ubah")
                for statement, params in statements:
                    cursor.execute(statement.replace("?", "%s"), params)
                cursor.execute("ALTER TABLE audit ENABLE TRIGGER audit_tolak_ubah")
                cursor.execute("REVOKE UPDATE, DELETE ON audit FROM CURRENT_USER")
        finally:
            conn.close()
    return run


@pytest.fixture(params=["sqlite", "postgresql"])
def trail(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Tamper]]:
    """(target, tamper) of a database holding ROWS audit rows, closed again."""
    if request.param == "sqlite":
        target: str = str(tmp_path / "jogoroto.db")
        tamper = _sqlite_tamper(Path(target))
    else:
        target = request.getfixturevalue("pg_url")
        tamper = _pg_tamper(target)
    models.open_database(target)
    for i in range(ROWS):
        audit.catat("buat", "surat_masuk", i + 1, f"Surat masuk {i + 1} dicatat",
                    {"perihal": [None, f"Perihal {i + 1}"]}, pada=T0 + dt.timedelta(minutes=i))
    models.close_database()
    yield target, tamper


def _rows(target: str) -> dict[int, tuple]:
    """id -> (the KOLOM values..., hash_sebelum, hash_baris), read past the program."""
    opened = models.open_separate(target, migrate=False)
    try:
        cursor = opened.database.execute_sql(
            f"SELECT {', '.join(audit_chain.KOLOM)}, hash_sebelum, hash_baris FROM audit")
        return {row[0]: tuple(row) for row in cursor.fetchall()}
    finally:
        opened.database.close()


BACK_DATED = ("INSERT INTO audit (id, pada, oleh, aksi, tabel, rekaman_id, ringkasan, perubahan, "
              "hash_sebelum, hash_baris) VALUES (?, '2026-01-05 08:00:00', 'Camat', 'batal', "
              "'surat_masuk', 1, 'Dibatalkan', '{}', ?, ?)")
_FORGED = (None, "2026-01-05 08:00:00", "Camat", "batal", "surat_masuk", 1, "Dibatalkan", "{}")


def _tamperings(target: str) -> list[tuple[str, list[tuple[str, tuple]], str, int | None]]:
    """(what, statements with their parameters, kind found, row id named)."""
    rows = _rows(target)
    last = rows[ROWS][-1]
    edited = list(rows[3][:len(audit_chain.KOLOM)])
    edited[6] = "Surat masuk 3 DIUBAH"
    rehashed = audit_chain.row_hash(edited, rows[3][-2])
    replaced = audit_chain.row_hash((3, *_FORGED[1:]), rows[2][-1])
    return [
        ("baris diubah", [("UPDATE audit SET ringkasan = 'Surat masuk 3 DIUBAH' WHERE id = 3", ())],
         "diubah", 3),
        ("baris dihapus", [("DELETE FROM audit WHERE id = 3", ())], "dihapus", 4),
        ("baris terakhir dihapus", [(f"DELETE FROM audit WHERE id = {ROWS}", ())],
         "dihapus", ROWS - 1),
        ("baris mundur atas nama Camat, tanpa hash", [(BACK_DATED, (ROWS + 1, None, None))],
         "disisipkan", ROWS + 1),
        ("baris mundur atas nama Camat, hash dipalsukan", [(BACK_DATED, (
            ROWS + 1, last, audit_chain.row_hash((ROWS + 1, *_FORGED[1:]), last)))],
         "disisipkan", ROWS + 1),
        ("baris diubah dan hash-nya dihitung ulang", [(
            "UPDATE audit SET ringkasan = 'Surat masuk 3 DIUBAH', hash_baris = ? WHERE id = 3",
            (rehashed,))], "dihapus", 4),
        ("baris diganti baris mundur yang terhubung ke baris sebelumnya", [
            ("DELETE FROM audit WHERE id = 3", ()), (BACK_DATED, (3, rows[2][-1], replaced))],
         "dihapus", 4),
    ]


@pytest.mark.parametrize("case", range(7))
def test_db_check_names_the_first_break_with_its_row_id(
        trail: tuple[str, Tamper], case: int, capsys: pytest.CaptureFixture[str]) -> None:
    target, tamper = trail
    assert models.check_database(target).ok
    what, statements, kind, row_id = _tamperings(target)[case]
    tamper(statements)
    report = models.check_database(target)
    assert not report.ok, what
    assert report.chain is not None and report.chain.first_break is not None
    found = report.chain.first_break
    assert (found.kind, found.audit_id) == (kind, row_id), (what, found)
    assert f"id {row_id}" in report.integrity
    assert cli.main(["--db", target, "db", "check"]) == cli.EXIT_ERROR
    assert f"id {row_id}" in capsys.readouterr().out


def _lift_guard(target: str, postgres_statement: str) -> None:
    """Take the append-only triggers away (SQLite: drop them; PostgreSQL: the statement)."""
    if target.startswith("postgresql"):
        conn = psycopg2.connect(target)
        with conn, conn.cursor() as cursor:
            cursor.execute(postgres_statement)
        conn.close()
    else:
        _sqlite_tamper(Path(target), keep_triggers=False)([])


def test_db_check_finds_dropped_triggers(trail: tuple[str, Tamper]) -> None:
    target, _tamper = trail
    _lift_guard(target, "DROP TRIGGER audit_tolak_ubah ON audit")
    report = models.check_database(target)
    assert not report.ok and "pemicu" in report.integrity and "hilang" in report.integrity


def test_missing_triggers_come_back_only_with_an_audit_row(trail: tuple[str, Tamper]) -> None:
    target, _tamper = trail
    _lift_guard(target, "ALTER TABLE audit DISABLE TRIGGER audit_tolak_ubah")
    models.open_database(target)
    try:
        status = audit.periksa_rantai()
        assert not status.ok and "pemicu" in status.pesan and status.pemicu_dipasang
        last = models.Audit.select().order_by(models.Audit.id.desc()).get()
        assert last.aksi == "pemicu" and "dipasang ulang" in last.ringkasan
        assert audit.periksa_rantai(penuh=True).ok
        with pytest.raises(peewee.DatabaseError), models.db.atomic():
            models.Audit.delete().where(models.Audit.id == 1).execute()
    finally:
        models.close_database()
    assert models.check_database(target).ok


def test_the_chain_stays_linear_with_concurrent_writers(pg_url: str) -> None:
    models.open_database(pg_url)
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(25):
                with models.db.atomic():
                    audit.catat("cetak", "surat_masuk", n, f"Cetak {n}/{i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            models.db.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert not errors, errors
        report = audit_chain.verify(models.db.obj)
        assert report.ok, report.summary()
        ids = [a.id for a in models.Audit.select(models.Audit.id).order_by(models.Audit.id)]
        assert ids == list(range(1, 101)) and report.head_id == 100
    finally:
        models.close_database()


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
def test_migration_7_chains_the_rows_already_there(
        engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if engine == "sqlite":
        database: peewee.Database = peewee.SqliteDatabase(str(tmp_path / "lama.db"))
        target = str(tmp_path / "lama.db")
    else:
        target = request.getfixturevalue("pg_url")
        parsed = models.parse_postgres_url(target)
        database = peewee.PostgresqlDatabase(parsed.dbname, host=parsed.host, port=parsed.port,
                                             user=parsed.user, password=parsed.password)
    database.connect()
    apply_migrations(database, target_version=6)
    p = database.param
    for row_id in (1, 2, 5, 9):  # ids with gaps, as a server's sequence leaves them
        database.execute_sql(
            "INSERT INTO audit (id, pada, oleh, aksi, tabel, rekaman_id, ringkasan, perubahan) "
            f"VALUES ({p}, {p}, 'Admin', 'buat', 'surat_masuk', {p}, 'Lama', '{{}}')",
            (row_id, T0 + dt.timedelta(minutes=row_id), row_id))
    apply_migrations(database)
    report = audit_chain.verify(database)
    assert report.ok and report.rows == 4 and report.head_id == 9, report.summary()
    with pytest.raises(peewee.DatabaseError), database.atomic():
        database.execute_sql("UPDATE audit SET ringkasan = 'x' WHERE id = 1")
    # A back-dated row slipped into a gap, chained onto the row before it, is out of order.
    row2 = database.execute_sql("SELECT hash_baris FROM audit WHERE id = 2").fetchone()[0]
    with database.atomic():
        database.execute_sql(BACK_DATED.replace("?", p), (3, row2, audit_chain.row_hash(
            (3, *_FORGED[1:]), row2)))
    found = audit_chain.verify(database).first_break
    assert found is not None and (found.kind, found.audit_id) == ("disisipkan", 3)
    database.close()
    models.open_database(target)
    try:
        assert audit.catat("buat", "surat_masuk", 10, "Baru").id == 10
    finally:
        models.close_database()


# --- tampered backups ---------------------------------------------------------------------------


def _rechain(path: Path, change: str = "UPDATE audit SET oleh = 'Camat' WHERE id = 2") -> None:
    """A careful forger's edit: row 2 changed (or another ``change``) and every hash after it,
    and the head, recomputed, so the file's chain verifies by itself."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("DROP TRIGGER audit_tolak_update")
            conn.execute("DROP TRIGGER audit_tolak_delete")
            conn.execute("DROP TRIGGER IF EXISTS audit_kepala_maju")
            conn.execute(change)
            previous, last_id = audit_chain.GENESIS, 0
            for row in conn.execute(f"SELECT {', '.join(audit_chain.KOLOM)} FROM audit "
                                    "ORDER BY id").fetchall():
                digest = audit_chain.row_hash(row, previous)
                conn.execute("UPDATE audit SET hash_sebelum = ?, hash_baris = ? WHERE id = ?",
                             (previous, digest, row[0]))
                previous, last_id = digest, row[0]
            conn.execute("UPDATE audit_kepala SET audit_id = ?, hash = ?", (last_id, previous))
            conn.execute(audit_chain.sqlite_trigger_sql("UPDATE"))
            conn.execute(audit_chain.sqlite_trigger_sql("DELETE"))
            conn.execute(audit_chain.SQLITE_HEAD_TRIGGER)
    finally:
        conn.close()


BACKUP_TAMPERINGS: dict[str, tuple[Callable[[Path], None], str]] = {
    "pemicu dibuang dan baris dihapus": (
        lambda path: _sqlite_tamper(path, keep_triggers=False)(
            [("DELETE FROM audit WHERE id IN (2, 3)", ())]), "pemicu"),
    "baris diubah": (
        lambda path: _sqlite_tamper(path)(
            [("UPDATE audit SET oleh = 'Camat' WHERE id = 2", ())]), "id 2 diubah"),
    "rantai ditulis ulang (tidak melanjutkan kepala cadangan sebelumnya)": (
        _rechain, "tidak melanjutkan rantai"),
}


@pytest.mark.parametrize("engine", ["sqlite", "postgresql"])
@pytest.mark.parametrize("tampering", list(BACKUP_TAMPERINGS))
def test_a_tampered_backup_is_refused_and_nothing_changes(
        engine: str, tampering: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    target = (str(saved_office(tmp_path / "kantor.db")) if engine == "sqlite"
              else saved_office(request.getfixturevalue("pg_url")))
    saved = backup.make_backup(target, tmp_path / "usb" / "cadangan.db").path
    assert backup.known_chain_heads()  # the backup recorded its chain head
    forged = tmp_path / "usb" / "palsu.db"
    shutil.copyfile(saved, forged)
    change, reason = BACKUP_TAMPERINGS[tampering]
    change(forged)
    before = file_digest(Path(target)) if engine == "sqlite" else pg_checksums(target)
    with pytest.raises(backup.BackupError, match=reason) as refused:
        backup.restore_backup(forged, target)
    assert "tidak diubah" in str(refused.value)
    after = file_digest(Path(target)) if engine == "sqlite" else pg_checksums(target)
    assert after == before


def test_an_older_backup_restores_and_the_new_history_goes_on(tmp_path: Path) -> None:
    path = saved_office(tmp_path / "kantor.db")
    older = backup.make_backup(str(path), tmp_path / "usb" / "lama.db").path
    models.open_database(path)
    audit.catat("cetak", "surat_masuk", 1, "Sesudah cadangan lama")
    models.close_database()
    backup.make_backup(str(path), tmp_path / "usb" / "baru.db")
    backup.restore_backup(older, str(path))  # older than a recorded head: allowed
    audit.catat("cetak", "surat_masuk", 2, "Riwayat baru sesudah pemulihan")
    models.close_database()
    newer = backup.make_backup(str(path), tmp_path / "usb" / "sesudah.db").path
    backup.restore_backup(newer, str(path))  # the new history, not the undone one
    models.close_database()
    assert models.check_database(path).ok


LIVE_REWRITES = {
    "baris diubah, rantai dihitung ulang": "UPDATE audit SET oleh = 'Camat' WHERE id = 2",
    "baris terakhir dihapus, kepala dihitung ulang":
        "DELETE FROM audit WHERE id = (SELECT MAX(id) FROM audit)",
}


def test_db_check_finds_a_live_history_rewritten_after_a_backup(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A rehashed chain verifies by itself; the chain head this PC recorded at its backup
    shows that the live history is not the one backed up (kepala-rantai-audit.json)."""
    tried = found = 0
    for what, change in LIVE_REWRITES.items():
        # Each office its own PC: their first audit rows are alike (fixed dates).
        monkeypatch.setenv("JOGOROTO_DATA_DIR", str(tmp_path / f"pc-{tried}"))
        path = saved_office(tmp_path / f"kantor-{tried}.db")
        backup.make_backup(str(path), tmp_path / "usb" / f"cadangan-{tried}.db")
        assert cli.main(["--db", str(path), "db", "check"]) == cli.EXIT_OK
        capsys.readouterr()
        _rechain(path, change)
        tried += 1
        assert models.check_database(path).ok, what  # the chain alone cannot tell
        assert cli.main(["--db", str(path), "db", "check"]) == cli.EXIT_ERROR, what
        out = capsys.readouterr().out
        assert "ditulis ulang" in out and f"cadangan-{tried - 1}.db" in out, (what, out)
        assert "siap dipakai" not in out
        found += 1
    assert (tried, found) == (2, 2)


def test_the_live_chain_is_read_at_the_recorded_head_on_both_engines(
        trail: tuple[str, Tamper], tmp_path: Path) -> None:
    target, tamper = trail
    backup.make_backup(target, tmp_path / "usb" / "cadangan.db")
    assert backup.live_chain_against_known_heads(target, models.check_database(target).chain) \
        is None
    tamper([(f"UPDATE audit SET hash_baris = 'palsu' WHERE id = {ROWS}", ())])
    problem = backup.live_chain_against_known_heads(target, models.check_database(target).chain)
    assert problem and f"baris id {ROWS}" in problem and "cadangan.db" in problem


# --- the window ---------------------------------------------------------------------------------


def test_the_window_warns_admin_camat_and_sekcam_in_red_when_the_trail_is_broken(
        qtbot, tmp_path: Path) -> None:
    from jogoroto_desktop import session
    from jogoroto_desktop.sop.catalog import default_catalog
    from ui.app import create_main_window
    from ui.audit_watch import attach_audit_watch

    path = tmp_path / "jogoroto.db"
    models.open_database(path)
    audit.catat("buat", "surat_masuk", 1, "Surat masuk 1 dicatat")
    audit.catat("buat", "surat_masuk", 2, "Surat masuk 2 dicatat")
    models.close_database()
    _sqlite_tamper(path)([("DELETE FROM audit WHERE id = 1", ())])
    models.open_database(path)
    window = create_main_window(default_catalog(), "SQLite: uji")
    qtbot.addWidget(window)
    try:
        watch = attach_audit_watch(window, str(path))
        qtbot.waitUntil(lambda: window.audit_state is not None and window.audit_state.penuh,
                        timeout=10_000)
        assert not window.audit_state.ok and "id 2" in window.audit_state.pesan
        for peran, shown in (("camat", True), ("sekcam", True), ("admin", True),
                             ("petugas_loket", False)):
            actor = session.Actor(peran, peran.title(), peran)
            with session.acting_as(actor):
                window.show_actor(actor)
                assert window.audit_status.isVisibleTo(window) is shown, peran
                assert ("id 2" in window.audit_status.toolTip()) is shown
        assert not audit.pemeriksaan_penuh_perlu(str(path))  # walked today: not again at start
        watch.timer.stop()
    finally:
        models.close_database()
