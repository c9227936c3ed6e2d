"""The HTTP API of ``khabar serve`` (extra ``khabar[serve]``): ``create_app(db_url)`` gives the FastAPI app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar.api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported on first use, so `import khabar.api` works without the extra.
    if name == "create_app":
        from khabar.api.app import create_app

        return create_app
    raise AttributeError(f"module 'khabar.api' has no attribute {name!r}")
