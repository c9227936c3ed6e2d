"""The analysts' web UI: static files served by ``khabar serve`` at ``/`` (no build step at install time).

``static/`` holds the page (index.html, khabar.js, i18n.js, khabar.css), the vendored Leaflet,
Leaflet.markercluster and topojson-client, and the offline basemap (Natural Earth countries and admin-1
regions as TopoJSON). ``MANIFEST.md`` records each vendored file's package, version, license and checksum;
``scripts/build_web_assets.py`` rebuilds them.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def static_dir() -> Path:
    """The folder of the web UI's static files inside the installed package."""
    return Path(str(files("khabar.web").joinpath("static")))


__all__ = ["static_dir"]
