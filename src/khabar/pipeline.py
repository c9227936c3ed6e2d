"""Pipeline of stages over one Document; each stage declares the layers it requires and provides."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points

from khabar.errors import PipelineError
from khabar.model import Document

StageFunc = Callable[[Document], Document]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named ``Document -> Document`` callable with its required and provided layers."""

    name: str
    func: StageFunc
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


class StageRegistry:
    """Where built-in and plugin stages register (plugins via the ``khabar.stages`` entry point group)."""

    def __init__(self) -> None:
        self._stages: dict[str, Stage] = {}
        self._plugins_loaded = False

    def register(
        self, name: str, *, requires: Iterable[str] = (), provides: Iterable[str]
    ) -> Callable[[StageFunc], StageFunc]:
        def decorator(func: StageFunc) -> StageFunc:
            self.add(Stage(name, func, frozenset(requires), frozenset(provides)))
            return func

        return decorator

    def add(self, stage: Stage) -> None:
        self._stages[stage.name] = stage

    def get(self, name: str) -> Stage:
        self._load_builtins()
        if name not in self._stages:
            self._load_plugins()
        try:
            return self._stages[name]
        except KeyError:
            known = ", ".join(sorted(self._stages))
            raise PipelineError(f"unknown stage {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        self._load_builtins()
        self._load_plugins()
        return sorted(self._stages)

    def _load_builtins(self) -> None:
        # Importing the stages package runs the @register decorators of every built-in stage.
        import khabar.stages  # noqa: F401

    def _load_plugins(self) -> None:
        if self._plugins_loaded:
            return
        self._plugins_loaded = True
        for ep in entry_points(group="khabar.stages"):
            obj = ep.load()
            if isinstance(obj, Stage):
                self.add(obj)


stages = StageRegistry()
register_stage = stages.register

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


class Pipeline:
    """An ordered list of stages, checked at build time so every requirement is provided earlier."""

    def __init__(self, names: Sequence[str | Stage] = DEFAULT_STAGES) -> None:
        resolved = [n if isinstance(n, Stage) else stages.get(n) for n in names]
        have = {"text"}
        for stage in resolved:
            missing = stage.requires - have
            if missing:
                raise PipelineError(f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage provides")
            have |= stage.provides
        self.stages: tuple[Stage, ...] = tuple(resolved)
        self.provides = frozenset(have)

    def __call__(self, doc: Document) -> Document:
        # The stages see the text as matching does (invisible characters, Unicode spaces and presentation
        # forms folded); the result's offsets and texts are the user's again (khabar.arabic.view).
        from khabar.arabic.view import on_folded_text

        return on_folded_text(doc, self._run)

    def _run(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def __repr__(self) -> str:
        return f"Pipeline({[s.name for s in self.stages]!r})"
