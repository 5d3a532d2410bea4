"""Test setup: Qt offscreen, and a fresh data folder (hence a fresh database) for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
#: The office's usual screen, 1366x768, as the offscreen platform's one screen.
OFFICE_SCREEN_CONFIG = REPO_ROOT / "tests" / "office_screen.json"

# Set before any Qt import so no test ever needs a display; the windows are laid out on a
# 1366x768 screen, as in the office (tests/test_screens.py).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={OFFICE_SCREEN_CONFIG}"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own per-user data folder and no database from the environment."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("JOGOROTO_DATA_DIR", str(folder))
    monkeypatch.delenv("JOGOROTO_DB", raising=False)
    from jogoroto_desktop import session

    # Services check permissions; tests act as the setup administrator unless they say otherwise.
    session.set_actor(session.SETUP_ADMIN)
    yield folder
    session.set_actor(None)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Path]:
    """A fresh SQLite database file, open for the whole test; its path is the value.
    Modules that need it in every test say `pytestmark = pytest.mark.usefixtures("database")`."""
    import models

    path = tmp_path / "jogoroto.sqlite3"
    models.open_database(path)
    yield path
    models.close_database()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a CLI test's database file goes; the first command creates it."""
    return tmp_path / "jogoroto.db"


def drop_pg_tables(url: str) -> None:
    """Drop every Jogoroto table from the PostgreSQL test database."""
    import psycopg2

    import models

    tables = ", ".join([m._meta.table_name for m in models.ALL_MODELS] + ["schema_version"])
    conn = psycopg2.connect(url)
    try:
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {tables} CASCADE")
    finally:
        conn.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """URL of a PostgreSQL test database, emptied of Jogoroto tables before and after. Without
    JOGOROTO_TEST_PG_URL the test is skipped, except under CI, where it fails."""
    import models

    url = os.environ.get("JOGOROTO_TEST_PG_URL", "")
    if not url:
        if os.environ.get("CI") or os.environ.get("JOGOROTO_TEST_PG_REQUIRED"):
            pytest.fail("JOGOROTO_TEST_PG_URL tidak diset, padahal PostgreSQL wajib diuji di CI")
        pytest.skip("JOGOROTO_TEST_PG_URL tidak diset")
    drop_pg_tables(url)
    yield url
    models.close_database()
    drop_pg_tables(url)
