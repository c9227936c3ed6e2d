"""Event filter options shared by ``khabar query`` and ``khabar export`` (no commands here)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from khabar.store.url import DEFAULT_URL

if TYPE_CHECKING:
    from khabar.store.query import EventFilter

DbOpt = Annotated[str, typer.Option("--db", help="Database URL (sqlite:///FILE or postgresql://…).")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", "-t", help="PLOVER event type (repeatable).")]
PlaceOpt = Annotated[str | None, typer.Option(help="Place: name as written, GeoNames name, or ISO country code.")]
SinceOpt = Annotated[str | None, typer.Option(help="From this date (YYYY[-MM[-DD]]), inclusive.")]
UntilOpt = Annotated[str | None, typer.Option(help="Up to this date (YYYY[-MM[-DD]]), inclusive.")]
KindOpt = Annotated[str | None, typer.Option("--source-kind", help="named, anonymous or outlet (no cited source).")]
OutletOpt = Annotated[str | None, typer.Option(help="Outlet name (exact, case-insensitive).")]
ActorOpt = Annotated[str | None, typer.Option(help="Actor: text as written (substring) or canonical name.")]
TextOpt = Annotated[str | None, typer.Option("--text", help="Words that must all occur in the article.")]
MinConfOpt = Annotated[
    float | None,
    typer.Option("--min-confidence", min=0.0, max=1.0, help="Only events whose confidence (0..1) is at least this."),
]

__all__ = ["DEFAULT_URL", "make_filter"]


def make_filter(
    types: list[str] | None,
    place: str | None,
    since: str | None,
    until: str | None,
    source_kind: str | None,
    outlet: str | None,
    actor: str | None,
    text: str | None,
    min_confidence: float | None = None,
) -> EventFilter:
    from khabar.store.query import EventFilter

    return EventFilter(
        types=tuple(types or ()), place=place, since=since, until=until, source_kind=source_kind,
        outlet=outlet, actor=actor, text=text, min_confidence=min_confidence,
    )
