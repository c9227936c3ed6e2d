"""Stage geocode: GeoNames id, coordinates, country, region and precision for every place entity.

Its layer ``geocode`` refines the ``entities`` field (``entities[].geo``).
"""

from __future__ import annotations

from khabar.entities.geocoding import geocode_entities
from khabar.model import Document
from khabar.pipeline import Stage


def geocode_stage(doc: Document) -> Document:
    return doc.with_layer("geocode", entities=geocode_entities(doc))


STAGE = Stage("geocode", geocode_stage, requires=("entities",), provides=("geocode",))
