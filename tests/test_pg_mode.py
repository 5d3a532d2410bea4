"""PostgreSQL office mode: where the database target comes from (per-PC komputer.ini, password in
the OS credential store, never on disk), and "Tes koneksi" messages against a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import keyring
import keyring.backend
import pytest
from keyring.backends import fail

import models
from jogoroto_desktop.cli import main as cli
from jogoroto_desktop.storage import dbconfig
from jogoroto_desktop.storage.dbconfig import resolve_database_target
from jogoroto_desktop.storage.paths import default_database

SECRET = "Rahasia-Kantor#2026"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working credential store, as on an office Windows PC (Credential Manager)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=True)
def clean_state() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)
    dbconfig._typed_passwords.clear()
    dbconfig.default_prompt = None


@pytest.fixture
def store() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def no_store() -> None:
    keyring.set_keyring(fail.Keyring())


SERVER = dbconfig.ServerConfig(host="server-kantor", port=5433, database="jogoroto",
                               user="agendaris")


def use_server(server: dbconfig.ServerConfig = SERVER) -> None:
    config = dbconfig.load_config()
    config.mode = dbconfig.MODE_SERVER
    config.server = server
    dbconfig.save_config(config)


def test_config_round_trip_and_defaults(isolated_data_dir: Path) -> None:
    assert dbconfig.load_config() == dbconfig.PcConfig()
    use_server()
    config = dbconfig.load_config()
    assert config.mode == dbconfig.MODE_SERVER and config.server == SERVER
    assert dbconfig.config_path().parent == isolated_data_dir
    # A hand-edited file with nonsense falls back to the defaults field by field.
    dbconfig.config_path().write_text(
        "[basis_data]\nmode = awan\nport = tujuh\n[cadangan]\nsimpan = -3\nterakhir = kemarin\n",
        encoding="utf-8")
    config = dbconfig.load_config()
    assert (config.mode, config.server.port, config.keep_backups, config.last_backup) == (
        dbconfig.MODE_LOCAL, 5432, dbconfig.DEFAULT_KEEP_BACKUPS, None)


def test_target_precedence_cli_then_env_then_config_then_local(
        store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_database_target(None) == default_database()
    use_server()
    dbconfig.store_password(SERVER, SECRET)
    url = resolve_database_target(None)
    parts = urlsplit(url)
    assert (parts.hostname, parts.port, parts.path, parts.username) == (
        "server-kantor", 5433, "/jogoroto", "agendaris")
    assert models.parse_postgres_url(url).password == SECRET
    monkeypatch.setenv("JOGOROTO_DB", "/data/lain.db")
    assert resolve_database_target(None) == "/data/lain.db"
    assert resolve_database_target("/usb/x.db") == "/usb/x.db"


def test_password_lives_in_the_credential_store_never_in_the_ini(store: MemoryKeyring) -> None:
    use_server()
    assert dbconfig.credential_store_status()[0]
    dbconfig.store_password(SERVER, SECRET)
    assert store.passwords == {(dbconfig.KEYRING_SERVICE, "agendaris@server-kantor:5433/jogoroto"):
                               SECRET}
    assert SECRET not in dbconfig.config_path().read_text(encoding="utf-8")
    asked: list[str] = []
    target = dbconfig.configured_target(lambda server, note: asked.append(note) or "lain")
    assert asked == [] and models.parse_postgres_url(target).password == SECRET
    dbconfig.forget_password(SERVER)
    assert dbconfig.stored_password(SERVER) is None


def test_without_a_credential_store_the_password_is_asked_once_and_kept_in_memory(
        no_store: None, isolated_data_dir: Path) -> None:
    usable, message = dbconfig.credential_store_status()
    assert not usable and "tidak tersedia" in message and "menanyakannya" in message
    with pytest.raises(dbconfig.CredentialStoreError, match="tidak tersedia"):
        dbconfig.store_password(SERVER, SECRET)
    use_server()
    notes: list[str] = []

    def ask(server: dbconfig.ServerConfig, note: str) -> str:
        notes.append(note)
        assert server == SERVER
        return SECRET

    first = dbconfig.configured_target(ask)
    second = dbconfig.configured_target(ask)
    assert first == second and models.parse_postgres_url(first).password == SECRET
    assert len(notes) == 1 and "tidak tersedia" in notes[0]
    on_disk = b"".join(p.read_bytes() for p in isolated_data_dir.rglob("*") if p.is_file())
    assert SECRET.encode() not in on_disk
    # Nobody to ask (a script without a terminal): a URL without password; nothing stored.
    dbconfig._typed_passwords.clear()
    assert models.parse_postgres_url(dbconfig.configured_target(None)).password == ""


def test_cli_sets_server_mode_with_the_password_in_the_store(
        store: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("JOGOROTO_DB_PASSWORD", SECRET)
    assert cli.main(["db", "server", "--host", "server-kantor", "--port", "5433",
                     "--pengguna", "agendaris", "--simpan-sandi"]) == cli.EXIT_OK
    assert "server-kantor" in capsys.readouterr().out
    assert dbconfig.stored_password(SERVER) == SECRET
    assert SECRET not in dbconfig.config_path().read_text(encoding="utf-8")
    assert cli.main(["db", "status"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "Server kantor" in out and "tersimpan di penyimpanan sistem" in out
    assert SECRET not in out
    assert cli.main(["db", "lokal"]) == cli.EXIT_OK
    assert dbconfig.load_config().mode == dbconfig.MODE_LOCAL
    assert resolve_database_target(None) == default_database()


def test_cli_says_clearly_when_the_password_cannot_be_stored(
        no_store: None, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("JOGOROTO_DB_PASSWORD", SECRET)
    assert cli.main(["db", "server", "--host", "server-kantor", "--simpan-sandi"]) == 1
    assert "tidak tersedia" in capsys.readouterr().err
    assert dbconfig.load_config().mode == dbconfig.MODE_LOCAL  # nothing half-configured


# --- against the real server ---------------------------------------------------------------------


def server_of(url: str) -> tuple[dbconfig.ServerConfig, str]:
    target = models.parse_postgres_url(url)
    return dbconfig.ServerConfig(host=target.host or "localhost", port=target.port,
                                 database=target.dbname, user=target.user), target.password


@pytest.mark.postgres
def test_probe_messages_for_each_kind_of_trouble(pg_url: str) -> None:
    server, password = server_of(pg_url)
    cases = [
        (dbconfig.ServerConfig("tidak-ada.invalid", 5432, server.database, server.user),
         password, "tidak dikenal"),
        (dbconfig.ServerConfig(server.host, 1, server.database, server.user), password,
         "menolak sambungan di port 1"),
        (server, "salah-sandi", "atau kata sandinya salah"),
        (dbconfig.ServerConfig(server.host, server.port, "tidak_ada_db", server.user), password,
         "\u201ctidak_ada_db\u201d tidak ada di server"),
    ]
    for config, secret, expected in cases:
        probe = dbconfig.probe_server(config, secret)
        assert not probe.ok and expected in probe.message, probe.message
        assert "salah-sandi" not in probe.message


@pytest.mark.postgres
def test_probe_reports_empty_ready_and_too_new_schemas(pg_url: str) -> None:
    server, password = server_of(pg_url)
    empty = dbconfig.probe_server(server, password)
    assert empty.ok and empty.needs_upgrade and empty.schema_version == 0
    assert "masih kosong" in empty.message
    models.upgrade_database(pg_url)
    ready = dbconfig.probe_server(server, password)
    assert ready.ok and not ready.needs_upgrade and "siap dipakai" in ready.message
    opened = models.open_separate(pg_url)
    with opened.database.atomic():
        opened.database.execute_sql("UPDATE schema_version SET version = %s",
                                    (models.SCHEMA_VERSION + 1,))
    opened.database.close()
    newer = dbconfig.probe_server(server, password)
    assert not newer.ok and "lebih baru" in newer.message and "Perbarui" in newer.message


@pytest.mark.postgres
def test_cli_works_on_the_configured_server_without_db_option(
        pg_url: str, store: MemoryKeyring, capsys: pytest.CaptureFixture[str]) -> None:
    server, password = server_of(pg_url)
    use_server(server)
    dbconfig.store_password(server, password)
    assert cli.main(["db", "upgrade"]) == cli.EXIT_OK
    assert f"ke versi {models.SCHEMA_VERSION}" in capsys.readouterr().out
    assert cli.main(["db", "check"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert f"PostgreSQL: {server.user}@{server.host}:{server.port}" in out
    assert "siap dipakai" in out and f":{password}@" not in out
