"""Quantities engine: counts of people and things (numbers, number words, vague counts, qualifiers)."""

from khabar.quantities.find import count_lexicon, find_quantities

__all__ = ["count_lexicon", "find_quantities"]
