"""Stage geocode: GeoNames id, coordinates, country, region and precision for every place entity."""

from __future__ import annotations

from khabar.entities.geocoding import geocode_entities
from khabar.model import Document
from khabar.pipeline import register_stage


@register_stage("geocode", requires=["entities"], provides=["geocode"])
def geocode_stage(doc: Document) -> Document:
    return doc.with_layer("geocode", entities=geocode_entities(doc))
