"""Built-in stages; importing this package registers them (the same door plugins use)."""

from khabar.stages import (  # noqa: F401  (imported for registration)
    entities,
    events,
    geocode,
    quantities,
    sources,
    text,
    times,
)
