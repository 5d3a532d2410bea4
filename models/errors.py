"""Errors raised while opening, checking or migrating a database.

Every message is in Bahasa Indonesia, ready to show to office staff, and never contains a password.
"""

from __future__ import annotations

from pathlib import Path


class DatabaseOpenError(Exception):
    """The database cannot be used; ``str(error)`` is the message for the user."""

    def __init__(self, message: str, *, location: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.location = location


class DatabaseDamagedError(DatabaseOpenError):
    """Not an SQLite file, a failed integrity check, or not a Jogoroto database."""

    def __init__(self, message: str, *, location: str = "", detail: str = "") -> None:
        super().__init__(message, location=location)
        self.detail = detail


class _SchemaVersionMismatch(DatabaseOpenError):
    """The database's schema version is not the program's; both versions are kept."""

    def __init__(self, message: str, *, location: str = "", db_version: int = 0,
                 program_version: int = 0) -> None:
        super().__init__(message, location=location)
        self.db_version = db_version
        self.program_version = program_version


class DatabaseTooNewError(_SchemaVersionMismatch):
    """The schema was written by a newer program; nothing was changed."""


class DatabaseOutdatedError(_SchemaVersionMismatch):
    """The schema is older than the program and migrating was not allowed."""


class DatabaseConnectionError(DatabaseOpenError):
    """The PostgreSQL server could not be reached or refused the login."""

    def __init__(self, message: str, *, location: str = "", reason: str = "") -> None:
        super().__init__(message, location=location)
        self.reason = reason


class DatabaseMigrationError(DatabaseOpenError):
    """A migration failed; its transaction was rolled back."""

    def __init__(self, message: str, *, location: str = "", version: int = 0,
                 backup_path: Path | None = None) -> None:
        super().__init__(message, location=location)
        self.version = version
        self.backup_path = backup_path
