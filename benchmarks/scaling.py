"""Cost of ``khabar.extract`` as an input grows: a real article and adversarial inputs repeated 1-32 times.

    python benchmarks/scaling.py [--repeats 1,2,4,8,16,32] [--only NAME] [--input FILE ...]

For each input it prints the time of one run (best of three) at each repetition, the time per character and
the ratio of the 32× time to 32 times the 1× time (1.0 is linear). Adversarial inputs: the article as one
line without punctuation, thousands of quotes, thousands of numbers, a reporting verb before every word,
names and the and-conjunction chained without a full stop, and the slowest fuzz inputs
(``benchmarks/fuzz.py``). The real-article median per character is the yardstick of the issue
("worst input per character within 10× the median of real articles").
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import khabar

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "examples" / "hasakah.txt").read_text(encoding="utf-8").strip()


def inputs() -> dict[str, str]:
    words = re.findall(r"\w+", ARTICLE)
    return {
        "real article": ARTICLE + "\n",
        "one line, no punctuation": " ".join(words) + " ",
        "quotes": "قال المصدر «" + "« " * 150 + "» " * 150 + '" ' * 150 + "قتل 12 مدنياً " * 5,
        "numbers": " ".join(str(i * 7) for i in range(300)) + " مدنياً قتلوا في الحسكة ",
        "cue before every word": " ".join(f"قال {w}" for w in words[:150]) + " ",
        "names chained with و": " و".join(["المرصد السوري لحقوق الإنسان", "تنظيم داعش", "الحسكة", "القامشلي"] * 30)
        + " ",
        "time words": " ".join(["أمس", "الثلاثاء", "الماضي", "منذ", "أواخر", "مارس", "2019"] * 60) + " ",
        "fuzz: place names and months": "شقرة 5721523988\xa0أبو قش\xa0ايوان ت، حتى من لديهم حوالات مالية بمحلات "
        "الصرافة لا يستطيعون تسلمها بسبب قطع الإن شَهرِ قِشلاق ط»ة\nالقادم طنطافريتون وبلعين أواخر 14 ذو الحجة الاثنين ",
    }


def best(text: str, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        khabar.extract(text, published="2019-04-14")
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", default="1,2,4,8,16,32")
    ap.add_argument("--only", default=None, help="run only inputs whose name contains this")
    ap.add_argument("--input", type=Path, action="append", default=[],
                    help="also time this UTF-8 file (e.g. the slowest input of a fuzz run), repeatable")
    args = ap.parse_args()
    reps = [int(r) for r in args.repeats.split(",")]
    khabar.extract(ARTICLE)  # load lexicons and the model first
    print(f"{'input':32} {'chars':>7} " + " ".join(f"{r:>7}×" for r in reps) + "   ms/char(max)  ratio")
    units = inputs()
    for path in args.input:
        units[f"file: {path.name}"[:32]] = path.read_text(encoding="utf-8")
    for name, unit in units.items():
        if args.only and args.only not in name:
            continue
        times = [best(unit * r, 3 if r < 16 else 1) for r in reps]
        per_char = max(t * 1000 / (len(unit) * r) for t, r in zip(times, reps, strict=True))
        ratio = times[-1] / (times[0] * reps[-1] / reps[0])
        cells = " ".join(f"{t * 1000:7.0f}ms" for t in times)
        print(f"{name:32} {len(unit):7} {cells}   {per_char:10.4f}  {ratio:5.2f}", flush=True)


if __name__ == "__main__":
    main()
