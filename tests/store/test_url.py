"""``khabar.store.url``: empty URLs refused, SQLite ``mode`` honoured, other options refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import StoreError
from khabar.store.db import open_store
from khabar.store.url import check_writable_url, engine_url, is_read_only


@pytest.mark.parametrize("url", ["", " ", "sqlite://", "sqlite:///", "sqlite:///?mode=ro"])
def test_empty_url_is_refused(url: str) -> None:
    with pytest.raises(StoreError, match="empty"):
        engine_url(url)


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("k.db", "sqlite:///k.db"),
        ("sqlite:///k.db", "sqlite:///k.db"),
        ("sqlite:////tmp/a b.db?mode=ro", "sqlite:///file:/tmp/a%20b.db?mode=ro&uri=true"),
        ("postgresql://u:p@h/db", "postgresql+pg8000://u:p@h/db"),
    ],
)
def test_engine_url(url: str, engine: str) -> None:
    assert engine_url(url) == engine


def test_options() -> None:
    assert is_read_only("sqlite:///k.db?mode=ro") and not is_read_only("sqlite:///k.db")
    with pytest.raises(StoreError, match="mode='x'"):
        engine_url("sqlite:///k.db?mode=x")
    with pytest.raises(StoreError, match="read only"):
        check_writable_url("sqlite:///k.db?mode=ro")
    with pytest.raises(StoreError, match="in-memory"):
        check_writable_url("sqlite:///:memory:")
    check_writable_url("sqlite:///k.db")


def test_read_only_store_refuses_to_save(tmp_path: Path) -> None:
    import khabar

    doc = khabar.extract("قال مصدر عسكري إن اشتباكات اندلعت في مدينة الحسكة.")
    with open_store(f"sqlite:///{tmp_path / 'k.db'}") as store:
        store.save(doc)
    with open_store(f"sqlite:///{tmp_path / 'k.db'}?mode=ro") as store:
        assert store.count() == 1
        with pytest.raises(StoreError, match="read only"):
            store.save(doc)
    with pytest.raises(StoreError, match="no database"):
        open_store(f"sqlite:///{tmp_path / 'new.db'}?mode=ro")
