"""Time expressions: patterns built from data files, resolution against the publication date."""

from khabar.timex.find import find_times

__all__ = ["find_times"]
