"""Events engine: triggers (``triggers``), arguments (``arguments``), date/quantities/status (``setting``), and
the assembly of one sentence's triggers into events (``assemble``)."""

from khabar.events.assemble import extract_events

__all__ = ["extract_events"]
