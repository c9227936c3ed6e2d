"""How well the ACLED CSV carries death tolls and places, on real conflict articles (issue 15).

Ingests the first N articles of the SaudiNewsNet conflict subset into a fresh SQLite database, exports the
ACLED CSV and prints:

- violent rows (disorder_type "Political violence") whose evidence sentence states a death toll — a killing
  word (مقتل، قتل، قتلى، مصرع، استشهاد، قضى، حتفهم …) within four words of a number (digits or a vague count)
  — and how many of them carry a toll in ``fatalities`` (> 0); the same leaving out sentences that set the
  toll over a period (منذ، خلال الحرب …), which ACLED would not put on one event;
- the ``fatalities`` column's sum and largest value;
- the share of rows with coordinates, and how many took the article's place (tag ``geo=article``);
- with ``--sample K``, K random rows (seeded) to check by hand.

    KHABAR_SHARED_DATA=/work/shared/data python benchmarks/acled_fatalities.py --articles 1000 --sample 20
    python benchmarks/acled_fatalities.py --csv OLD.csv        # figures of a CSV made elsewhere (old code)

The detector is a plain regular expression independent of khabar's engine, so the figure can fail.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

_KILL = r"(?:مقتل|بمقتل|قتل|وقتل|قتلى|قتيل\w*|مصرع|استشهاد|شهيد\w*|شهداء|قضى|وقضى|حتفهم|حتفه|مصرعهم)"
_NUM = r"(?:\d[\d,.]*|العشرات|عشرات|المئات|مئات|آلاف|الآلاف)"
_TOLL = re.compile(rf"{_KILL}(?:\s+\S+){{0,3}}?\s+{_NUM}|{_NUM}(?:\s+\S+){{0,3}}?\s+{_KILL}")
_PERIOD = re.compile(r"منذ|خلال الحرب|خلال النزاع|خلال الصراع|إجمالي|الإجمالي")


def _export(articles: int, shared: Path, out_csv: Path) -> None:
    subset = shared / "news" / "saudinewsnet" / "conflict_subset.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        lines = Path(tmp) / "articles.jsonl"
        with subset.open(encoding="utf-8") as src, lines.open("w", encoding="utf-8") as dst:
            dst.writelines(itertools.islice(src, articles))
        db = f"sqlite:///{Path(tmp) / 'bench.db'}"
        py = [sys.executable, "-m", "khabar"]
        subprocess.run([*py, "ingest", str(lines), "--db", db], check=True)
        subprocess.run([*py, "export", "--format", "acled-csv", "-o", str(out_csv), "--db", db], check=True)


def figures(rows: list[dict[str, str]]) -> dict[str, float]:
    violent = [r for r in rows if r["disorder_type"] == "Political violence"]
    stated = [r for r in violent if _TOLL.search(r["notes"])]
    single = [r for r in stated if not _PERIOD.search(r["notes"])]
    fat = [int(float(r["fatalities"] or 0)) for r in rows]
    with_coords = [r for r in rows if r["latitude"] not in ("", None)]
    return {
        "rows": len(rows),
        "violent rows": len(violent),
        "violent rows stating a toll": len(stated),
        "... carrying it (fatalities > 0)": sum(1 for r in stated if float(r["fatalities"] or 0) > 0),
        "violent rows stating a toll, no period word": len(single),
        "... carrying it": sum(1 for r in single if float(r["fatalities"] or 0) > 0),
        "fatalities sum": sum(fat),
        "fatalities max": max(fat, default=0),
        "rows with coordinates": len(with_coords),
        "... of them the article's place (geo=article)": sum(1 for r in with_coords if "geo=article" in r["tags"]),
        "rows with admin1 a code (XX.nn)": sum(1 for r in rows if re.match(r"^[A-Z]{2}\.", r["admin1"] or "")),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--csv", type=Path, help="read this ACLED CSV instead of ingesting and exporting")
    ap.add_argument("--keep", type=Path, help="keep the exported CSV here")
    ap.add_argument("--sample", type=int, default=0, help="print this many random violent rows to check by hand")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    if args.csv is not None:
        path = args.csv
    else:
        shared = Path(os.environ.get("KHABAR_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
        path = args.keep or Path(tempfile.mkdtemp()) / "acled.csv"
        _export(args.articles, shared, path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    figs = figures(rows)
    for name, value in figs.items():
        print(f"{name:48} {value}")
    stated, carried = figs["violent rows stating a toll"], figs["... carrying it (fatalities > 0)"]
    print(f"{'share of stated tolls carried':48} {carried / stated:.1%}" if stated else "no stated tolls")
    print(f"{'share of rows with coordinates':48} {figs['rows with coordinates'] / max(1, figs['rows']):.1%}")
    if args.sample:
        violent = [r for r in rows if r["disorder_type"] == "Political violence"]
        for r in random.Random(args.seed).sample(violent, min(args.sample, len(violent))):
            print("---", r["event_id_cnty"], r["sub_event_type"], "| fatalities", r["fatalities"], "| admin1",
                  r["admin1"], "| location", r["location"], r["latitude"], r["longitude"], "prec", r["geo_precision"],
                  "|", r["tags"])
            print("   ", r["notes"][:400])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
