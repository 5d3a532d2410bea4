"""Test setup: Qt offscreen, and a fresh data folder (hence a fresh database) for every test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any Qt import so no test ever needs a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own per-user data folder and no database from the environment."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("JOGOROTO_DATA_DIR", str(folder))
    monkeypatch.delenv("JOGOROTO_DB", raising=False)
    yield folder
