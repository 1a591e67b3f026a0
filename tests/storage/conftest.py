from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from storage_helpers import small_set

from trainer.core.model import ArticleSet
from trainer.storage.engine import sqlite_url
from trainer.storage.service import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "trainer.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(sqlite_url(db_path))
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def demo() -> ArticleSet:
    return small_set()
