"""Attribution engine: reporting cues, the source phrases they introduce, speakers and relay chains."""

from khabar.attribution.cues import Attribution, attribute

__all__ = ["Attribution", "attribute"]
