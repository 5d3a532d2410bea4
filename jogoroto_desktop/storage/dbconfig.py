"""This PC's own settings: which database it works on, and its backups.

Kept in an INI file in the per-user data folder (``komputer.ini``), not in the shared database:
each PC says where the office's database is.  The server password is never written to that file;
it lives in the operating system's credential store (Windows Credential Manager, macOS Keychain,
Secret Service) through ``keyring``.  When no credential store works (a locked-down PC, a server
without a desktop session) the program says so and asks for the password at start, keeping it
only in memory.

Order of precedence for the database target: ``--db``, then ``JOGOROTO_DB``, then this file's
server mode, then the SQLite file in the data folder.
"""

from __future__ import annotations

import configparser
import contextlib
import datetime as dt
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote

from jogoroto_desktop.storage.paths import DB_ENV_VAR, data_dir, default_database

log = logging.getLogger(__name__)

CONFIG_NAME = "komputer.ini"
KEYRING_SERVICE = "Jogoroto Desktop"
MODE_LOCAL = "lokal"
MODE_SERVER = "server"
MODES = {MODE_LOCAL: "Basis data di PC ini (SQLite)",
         MODE_SERVER: "Server kantor (PostgreSQL)"}
DEFAULT_PORT = 5432
DEFAULT_KEEP_BACKUPS = 14
MAX_KEEP_BACKUPS = 365

#: Asks the person for the server password (GUI dialog, terminal prompt); None = cancelled.
PasswordPrompt = Callable[["ServerConfig", str], str | None]


@dataclass(frozen=True)
class ServerConfig:
    """Where the office's PostgreSQL server is (everything but the password)."""

    host: str = ""
    port: int = DEFAULT_PORT
    database: str = "jogoroto"
    user: str = "jogoroto"

    @property
    def complete(self) -> bool:
        return bool(self.host and self.database and self.user and 0 < self.port < 65536)

    @property
    def credential_name(self) -> str:
        """The key of the password in the credential store: one per user and server."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None = None) -> str:
        auth = quote(self.user, safe="")
        if password:
            auth += ":" + quote(password, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{auth}@{host}:{self.port}/{quote(self.database, safe='')}"

    def label(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


@dataclass
class PcConfig:
    """Everything in ``komputer.ini``."""

    mode: str = MODE_LOCAL
    server: ServerConfig = field(default_factory=ServerConfig)
    keep_backups: int = DEFAULT_KEEP_BACKUPS
    last_backup: dt.datetime | None = None
    last_backup_file: str = ""


def config_path() -> Path:
    return data_dir() / CONFIG_NAME


def load_config() -> PcConfig:
    """Read ``komputer.ini``; missing or unreadable values fall back to the defaults."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(config_path(), encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError) as exc:
        log.warning("%s tidak dapat dibaca (%s); memakai pengaturan bawaan", config_path(), exc)
        return PcConfig()
    db = parser["basis_data"] if parser.has_section("basis_data") else {}
    backup = parser["cadangan"] if parser.has_section("cadangan") else {}
    mode = db.get("mode", MODE_LOCAL)
    last_backup = None
    try:
        if backup.get("terakhir"):
            last_backup = dt.datetime.fromisoformat(backup["terakhir"])
    except ValueError:
        pass
    return PcConfig(
        mode=mode if mode in MODES else MODE_LOCAL,
        server=ServerConfig(
            host=db.get("host", "").strip(),
            port=_int(db.get("port"), DEFAULT_PORT, 1, 65535),
            database=db.get("nama", "jogoroto").strip(),
            user=db.get("pengguna", "jogoroto").strip(),
        ),
        keep_backups=_int(backup.get("simpan"), DEFAULT_KEEP_BACKUPS, 1, MAX_KEEP_BACKUPS),
        last_backup=last_backup,
        last_backup_file=backup.get("berkas_terakhir", ""),
    )


def _int(text: str | None, default: int, low: int, high: int) -> int:
    try:
        value = int(str(text).strip())
    except (TypeError, ValueError):
        return default
    return value if low <= value <= high else default


_write_lock = threading.Lock()


def save_config(config: PcConfig) -> None:
    """Write ``komputer.ini`` atomically (never with a password in it)."""
    parser = configparser.ConfigParser(interpolation=None)
    parser["basis_data"] = {
        "mode": config.mode,
        "host": config.server.host,
        "port": str(config.server.port),
        "nama": config.server.database,
        "pengguna": config.server.user,
    }
    parser["cadangan"] = {
        "simpan": str(config.keep_backups),
        "terakhir": config.last_backup.isoformat(timespec="seconds")
        if config.last_backup else "",
        "berkas_terakhir": config.last_backup_file,
    }
    path = config_path()
    temp = path.with_name(path.name + ".tmp")
    with _write_lock:
        with open(temp, "w", encoding="utf-8") as fh:
            fh.write("# Pengaturan PC ini untuk Jogoroto Desktop (kata sandi tidak disimpan di "
                     "sini)\n")
            parser.write(fh)
        os.replace(temp, path)


def record_backup(path: Path, moment: dt.datetime) -> None:
    """Remember the newest backup (shown in the status bar)."""
    config = load_config()
    save_config(replace(config, last_backup=moment.replace(microsecond=0),
                        last_backup_file=str(path)))


# --- the credential store ----------------------------------------------------------------------


class CredentialStoreError(Exception):
    """The OS credential store is missing or refused; the message says what to do."""


NO_STORE_MESSAGE = (
    "Tempat penyimpanan kata sandi sistem operasi tidak tersedia di PC ini ({detail}). Kata sandi "
    "server tidak disimpan; program akan menanyakannya setiap kali dibuka.")


def credential_store_status() -> tuple[bool, str]:
    """(usable, description) of the OS credential store."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False, NO_STORE_MESSAGE.format(detail="paket keyring tidak terpasang")
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return False, NO_STORE_MESSAGE.format(detail="tidak ada layanan penyimpan kata sandi")
    name = getattr(backend, "name", type(backend).__name__)
    return True, f"Kata sandi disimpan di penyimpanan kata sandi sistem ({name})."


def store_password(server: ServerConfig, password: str) -> None:
    """Keep the password in the OS credential store; raise CredentialStoreError if impossible."""
    usable, message = credential_store_status()
    if not usable:
        raise CredentialStoreError(message)
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, server.credential_name, password)
    except KeyringError as exc:
        raise CredentialStoreError(NO_STORE_MESSAGE.format(detail=str(exc))) from exc


def stored_password(server: ServerConfig) -> str | None:
    """The password of ``server`` from the credential store, or None."""
    if not credential_store_status()[0]:
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, server.credential_name)
    except KeyringError as exc:
        log.warning("Kata sandi tidak dapat dibaca dari penyimpanan sistem: %s", exc)
        return None


def forget_password(server: ServerConfig) -> None:
    if not credential_store_status()[0]:
        return
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(KEYRING_SERVICE, server.credential_name)


# Passwords typed at start when nothing is stored: kept for this process only, never on disk.
_typed_passwords: dict[str, str] = {}


def remember_for_session(server: ServerConfig, password: str) -> None:
    _typed_passwords[server.credential_name] = password


def configured_target(prompt: PasswordPrompt | None = None) -> str | None:
    """The server URL of this PC's configuration (None in local mode).

    The password comes from the credential store, else from one typed earlier in this process,
    else from ``prompt``; without any, the URL has no password (the server then refuses with a
    clear message, or accepts where it trusts this PC).
    """
    config = load_config()
    if config.mode != MODE_SERVER or not config.server.complete:
        return None
    server = config.server
    password = stored_password(server) or _typed_passwords.get(server.credential_name)
    if password is None and prompt is not None:
        _usable, why = credential_store_status()
        password = prompt(server, "" if _usable else why)
        if password:
            remember_for_session(server, password)
    return server.url(password)


def lacks_password(target: str) -> bool:
    """True when ``target`` is this PC's configured server without a password (ask at start)."""
    config = load_config()
    if config.mode != MODE_SERVER or not config.server.complete:
        return False
    return target == config.server.url(None)


#: The prompt :func:`resolve_database_target` uses (the CLI sets
#: :func:`terminal_prompt`; the GUI asks in a dialog when the server refuses).
default_prompt: PasswordPrompt | None = None


def resolve_database_target(cli_value: str | None) -> str:
    """--db wins over JOGOROTO_DB, which wins over this PC's server setting (komputer.ini),
    which wins over the SQLite file in the data folder."""
    if cli_value:
        return cli_value
    env_value = os.environ.get(DB_ENV_VAR)
    if env_value:
        return env_value
    return configured_target(default_prompt) or default_database()


def terminal_prompt(server: ServerConfig, note: str) -> str | None:
    """Ask for the password on the terminal (CLI); None without a terminal."""
    import getpass
    import sys

    if not sys.stdin or not sys.stdin.isatty():
        return None
    if note:
        print(note, file=sys.stderr)
    try:
        return getpass.getpass(f"Kata sandi {server.label()}: ") or None
    except (EOFError, KeyboardInterrupt):
        return None


# --- "Tes koneksi" -------------------------------------------------------------------------------


@dataclass
class ServerProbe:
    """Result of :func:`probe_server`: can this PC work on that server, and if not, why."""

    ok: bool
    message: str
    schema_version: int | None = None
    needs_upgrade: bool = False  # reachable, schema empty or older: `db upgrade` prepares it


#: libpq's words (lower case) -> what the clerk reads.  First match wins.
_CONNECT_FAILURES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("could not translate host name", "name or service not known", "nodename nor servname",
      "no such host"),
     "Nama server \u201c{host}\u201d tidak dikenal. Periksa penulisan nama atau alamat IP "
     "server."),
    (("connection refused",),
     "Server {host} menolak sambungan di port {port}: PostgreSQL tidak berjalan di sana atau "
     "port-nya lain. Periksa port dan pastikan server menyala."),
    (("timeout expired", "timed out", "no route to host", "network is unreachable"),
     "Server {host}:{port} tidak dapat dijangkau (waktu habis). Periksa kabel/Wi-Fi dan "
     "apakah PC server menyala."),
    (("password authentication failed", "no password supplied", "fe_sendauth"),
     "Nama pengguna \u201c{user}\u201d atau kata sandinya salah."),
    (("does not exist",),
     "Basis data \u201c{database}\u201d tidak ada di server {host}. Periksa namanya, atau minta "
     "pengelola server membuatnya (createdb -O {user} {database})."),
    (("no pg_hba.conf entry",),
     "Server {host} tidak mengizinkan PC ini masuk (pg_hba.conf). Minta pengelola server "
     "membuka akses untuk PC ini."),
)


def explain_connect_failure(server: ServerConfig, reason: str) -> str:
    """The clerk's message for a failed PostgreSQL connection."""
    text = reason.lower()
    values = {"host": server.host, "port": server.port, "user": server.user,
              "database": server.database}
    for needles, message in _CONNECT_FAILURES:
        if any(needle in text for needle in needles):
            if needles == ("does not exist",) and "role" in text:
                return _CONNECT_FAILURES[3][1].format(**values)
            return message.format(**values)
    detail = " ".join(reason.split())
    return f"Tidak dapat terhubung ke server {server.host}:{server.port} ({detail})."


def probe_server(server: ServerConfig, password: str | None, timeout_s: int = 5) -> ServerProbe:
    """Connect once and read the schema version (read-only); never raises for server trouble."""
    import psycopg2

    from models.migrations import SCHEMA_VERSION

    if not server.complete:
        return ServerProbe(False, "Isi nama server, port (1-65535), nama basis data dan pengguna.")
    try:
        conn = psycopg2.connect(host=server.host, port=server.port, dbname=server.database,
                                user=server.user, password=password or None,
                                connect_timeout=timeout_s, application_name="Jogoroto Desktop",
                                options="-c default_transaction_read_only=on")
    except psycopg2.Error as exc:
        reason = str(exc).replace(password, "***") if password else str(exc)
        return ServerProbe(False, explain_connect_failure(server, reason))
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT to_regclass('schema_version') IS NOT NULL")
            has_version = cursor.fetchone()[0]
            version = 0
            if has_version:
                cursor.execute("SELECT version FROM schema_version")
                rows = cursor.fetchall()
                version = rows[0][0] if len(rows) == 1 else -1
            server_version = conn.server_version
    except psycopg2.Error as exc:
        return ServerProbe(False, f"Terhubung, tetapi basis data tidak dapat dibaca ({exc}).")
    finally:
        conn.close()
    where = f"{server.database} di {server.host} (PostgreSQL {server_version // 10000})"
    if version < 0:
        return ServerProbe(False, f"Terhubung ke {where}, tetapi tabel versi skemanya rusak.",
                           schema_version=None)
    if version > SCHEMA_VERSION:
        return ServerProbe(
            False, f"Terhubung ke {where}, tetapi basis datanya dibuat oleh program yang lebih "
            f"baru (skema versi {version}, program ini versi {SCHEMA_VERSION}). Perbarui "
            "Jogoroto Desktop di PC ini.", schema_version=version)
    if version == 0:
        return ServerProbe(
            True, f"Terhubung ke {where}. Basis data masih kosong: tekan \u201cSiapkan basis "
            "data\u201d (atau jalankan 'db upgrade') untuk membuat tabelnya, lalu pindahkan data "
            "lama dengan 'db migrate-from-sqlite' bila ada.", schema_version=0,
            needs_upgrade=True)
    if version < SCHEMA_VERSION:
        return ServerProbe(
            True, f"Terhubung ke {where}. Skemanya versi {version}, program ini versi "
            f"{SCHEMA_VERSION}: tekan \u201cSiapkan basis data\u201d untuk memperbaruinya "
            "(pastikan ada cadangan).", schema_version=version, needs_upgrade=True)
    return ServerProbe(True, f"Terhubung ke {where}. Basis data siap dipakai (skema versi "
                       f"{version}).", schema_version=version)
