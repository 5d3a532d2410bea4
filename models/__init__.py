"""Database layer of Jogoroto Desktop: peewee tables, opening, checking and migrations.

No Qt and no reportlab in this package.
"""

from .base import BaseModel, db
from .database import (
    CheckReport,
    OpenedDatabase,
    PostgresTarget,
    UpgradeResult,
    check_database,
    close_database,
    describe_target,
    mask_url,
    open_database,
    parse_postgres_url,
    upgrade_database,
)
from .errors import (
    DatabaseConnectionError,
    DatabaseDamagedError,
    DatabaseMigrationError,
    DatabaseOpenError,
    DatabaseOutdatedError,
    DatabaseTooNewError,
)
from .migrations import MIGRATIONS, SCHEMA_VERSION, Migration, apply_migrations
from .tables import (
    ALL_MODELS,
    Berkas,
    Counter,
    Disposisi,
    DisposisiTujuan,
    Ekspedisi,
    Langkah,
    Pejabat,
    Setting,
    SuratKeluar,
    SuratMasuk,
    get_setting,
    next_number,
    set_setting,
)

__all__ = [
    "ALL_MODELS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "BaseModel",
    "Berkas",
    "CheckReport",
    "Counter",
    "DatabaseConnectionError",
    "DatabaseDamagedError",
    "DatabaseMigrationError",
    "DatabaseOpenError",
    "DatabaseOutdatedError",
    "DatabaseTooNewError",
    "Disposisi",
    "DisposisiTujuan",
    "Ekspedisi",
    "Langkah",
    "Migration",
    "OpenedDatabase",
    "Pejabat",
    "PostgresTarget",
    "Setting",
    "SuratKeluar",
    "SuratMasuk",
    "UpgradeResult",
    "apply_migrations",
    "check_database",
    "close_database",
    "db",
    "describe_target",
    "get_setting",
    "mask_url",
    "next_number",
    "open_database",
    "parse_postgres_url",
    "set_setting",
    "upgrade_database",
]
