"""One door for everything pluggable: built-ins named in ``builtins.toml``, plugins in entry points.

A built-in stage or exporter is named exactly as a third-party plugin names itself (``"module:attribute"``);
both are imported on first use. A name defined twice (two plugins, or a plugin and a built-in) is refused.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import lru_cache
from importlib import import_module
from importlib.metadata import entry_points
from importlib.resources import files
from typing import Generic, TypeVar

from khabar.errors import PipelineError

T = TypeVar("T")


@lru_cache(maxsize=1)
def _builtins() -> dict[str, dict[str, str]]:
    with files("khabar").joinpath("builtins.toml").open("rb") as fh:
        return tomllib.load(fh)


def _resolve(target: str) -> object:
    module, _, attr = target.partition(":")
    obj: object = import_module(module)
    for part in attr.split(".") if attr else ():
        obj = getattr(obj, part)
    return obj


class Registry(Generic[T]):
    """Named objects of one kind (``kind``): built-ins from ``builtins.toml`` [table], plugins from ``group``."""

    def __init__(self, kind: str, table: str, group: str, check: Callable[[object], T]) -> None:
        self.kind, self.table, self.group = kind, table, group
        self._check = check
        self._targets: dict[str, tuple[str, str]] | None = None  # name -> (who defines it, "module:attr")
        self._added: dict[str, T] = {}
        self._loaded: dict[str, T] = {}

    def _names(self) -> dict[str, tuple[str, str]]:
        if self._targets is None:
            targets = {name: ("khabar", target) for name, target in _builtins()[self.table].items()}
            for ep in entry_points(group=self.group):
                who = ep.dist.name if ep.dist is not None else ep.value
                if ep.name in targets:
                    raise PipelineError(
                        f"{self.kind} {ep.name!r} is defined twice: by {targets[ep.name][0]} and by {who}"
                    )
                targets[ep.name] = (who, ep.value)
            self._targets = targets
        return self._targets

    def add(self, name: str, obj: T) -> None:
        """Register ``obj`` under ``name`` at run time; a name that is already taken is refused."""
        if name in self._added or name in self._names():
            raise PipelineError(f"{self.kind} {name!r} is already defined")
        self._added[name] = obj

    def get(self, name: str) -> T:
        if name in self._added:
            return self._added[name]
        if name not in self._loaded:
            names = self._names()
            if name not in names:
                raise PipelineError(f"unknown {self.kind} {name!r} (known: {', '.join(self.names())})")
            who, target = names[name]
            try:
                obj = _resolve(target)
            except (ImportError, AttributeError) as exc:
                raise PipelineError(f"{self.kind} {name!r} of {who} cannot be loaded from {target}: {exc}") from None
            self._loaded[name] = self._check(obj)
        return self._loaded[name]

    def names(self) -> list[str]:
        return sorted({*self._names(), *self._added})
