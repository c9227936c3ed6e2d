"""Pipeline of stages over one Document; each stage declares the layers it requires and provides.

Requirements are checked when the pipeline is built; after each call the pipeline checks that the stage
returned a Document with its layers recorded and changed no field outside them (spaCy checks the same).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from khabar.errors import PipelineError
from khabar.model import LAYER_FIELDS, Document
from khabar.registry import Registry

StageFunc = Callable[..., Document]


@dataclass(frozen=True, slots=True, init=False)
class Stage:
    """A named ``Document -> Document`` callable with its required and provided layers.

    ``params`` are keyword arguments bound to the callable (a stage variant: ``stage.with_params(model=…)``);
    ``accepts`` names the parameters it takes.
    """

    name: str
    func: StageFunc
    requires: frozenset[str]
    provides: frozenset[str]
    accepts: frozenset[str] = field(default=frozenset())
    params: tuple[tuple[str, Any], ...] = ()

    def __init__(
        self,
        name: str,
        func: StageFunc,
        requires: Iterable[str] = (),
        provides: Iterable[str] = (),
        accepts: Iterable[str] = (),
        params: tuple[tuple[str, Any], ...] = (),
    ) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "func", func)
        object.__setattr__(self, "requires", frozenset(requires))
        object.__setattr__(self, "provides", frozenset(provides))
        object.__setattr__(self, "accepts", frozenset(accepts))
        object.__setattr__(self, "params", params)

    def with_params(self, **params: Any) -> Stage:
        """This stage with ``params`` bound (unknown names are refused)."""
        unknown = sorted(set(params) - self.accepts)
        if unknown:
            takes = ", ".join(sorted(self.accepts)) or "none"
            raise PipelineError(f"stage {self.name!r} takes no parameter {', '.join(unknown)} (it takes: {takes})")
        merged = {**dict(self.params), **params}
        return Stage(self.name, self.func, self.requires, self.provides, self.accepts, tuple(sorted(merged.items())))

    def __call__(self, doc: Document) -> Document:
        return self.func(doc, **dict(self.params))


def _stage(obj: object) -> Stage:
    if not isinstance(obj, Stage):
        raise PipelineError(f"a stage must be a khabar.Stage, not {type(obj).__name__}")
    return obj


stages: Registry[Stage] = Registry("stage", "stages", "khabar.stages", _stage)


def register_stage(
    name: str, *, requires: Iterable[str] = (), provides: Iterable[str]
) -> Callable[[StageFunc], StageFunc]:
    """Decorator registering a ``Document -> Document`` function as stage ``name`` (a taken name is refused)."""

    def decorator(func: StageFunc) -> StageFunc:
        stages.add(name, Stage(name, func, requires, provides))
        return func

    return decorator


DEFAULT_STAGES: tuple[str, ...] = (
    "tokens",
    "sentences",
    "entities",
    "geocode",
    "times",
    "quantities",
    "sources",
    "events",
)

_FIELDS = tuple(f.name for f in fields(Document))


class Pipeline:
    """An ordered list of stages, checked at build time so every requirement is provided earlier.

    ``params`` binds stage parameters by stage name (``{"entities": {"model": path}}``).
    """

    def __init__(
        self, names: Sequence[str | Stage] = DEFAULT_STAGES, params: Mapping[str, Mapping[str, Any]] | None = None
    ) -> None:
        resolved = [n if isinstance(n, Stage) else stages.get(n) for n in names]
        params = dict(params or {})
        unknown = sorted(set(params) - {s.name for s in resolved})
        if unknown:
            raise PipelineError(f"parameters for stages not in the pipeline: {', '.join(unknown)}")
        resolved = [s.with_params(**params[s.name]) if s.name in params else s for s in resolved]
        have = {"text"}
        for stage in resolved:
            missing = stage.requires - have
            if missing:
                raise PipelineError(f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage provides")
            have |= stage.provides
        self.stages: tuple[Stage, ...] = tuple(resolved)
        self.provides = frozenset(have)
        # the Document fields each stage may change (a plugin layer with no field of its own changes none)
        self._writes = tuple(
            frozenset({"layers"} | {LAYER_FIELDS[layer] for layer in s.provides if layer in LAYER_FIELDS})
            for s in self.stages
        )

    def __call__(self, doc: Document) -> Document:
        for stage, writes in zip(self.stages, self._writes, strict=True):
            out = stage(doc)
            _check(stage, writes, doc, out)
            doc = out
        return doc

    def __repr__(self) -> str:
        return f"Pipeline({[s.name for s in self.stages]!r})"


def _check(stage: Stage, writes: frozenset[str], before: Document, after: object) -> None:
    if not isinstance(after, Document):
        raise PipelineError(f"stage {stage.name!r} returned {type(after).__name__}, not a Document")
    missing = stage.provides - after.layers
    if missing:
        raise PipelineError(f"stage {stage.name!r} did not record the layers it provides: {sorted(missing)}")
    changed = [f for f in _FIELDS if f not in writes and getattr(after, f) is not getattr(before, f)]
    if changed and any(getattr(after, f) != getattr(before, f) for f in changed):
        raise PipelineError(f"stage {stage.name!r} changed {', '.join(changed)}, which it does not provide")
