"""Detection of time expressions against the DATE mentions of the Wojood sample (prints recall/precision).

Usage: PYTHONPATH=src python benchmarks/wojood_dates.py [--misses N]
Wojood marks every date-like mention (also durations, centuries, seasons); khabar reports only
expressions that resolve to a date, so recall here is a lower bound. A DATE mention counts as found
when a khabar time overlaps it; a khabar time is correct when it overlaps some DATE mention.
"""

from __future__ import annotations

import sys
from pathlib import Path

from khabar.timex import find_times

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner" / "wojood_sample"


def sentences(path: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, DATE spans) per sentence; tokens joined by single spaces."""
    out = []
    words: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            parts = line.split()
            words.append(parts[0])
            tags.append(parts[1] if len(parts) > 1 else "O")
            continue
        if words:
            text, spans, pos, cur = "", [], 0, None
            for w, t in zip(words, tags, strict=True):
                start = pos
                text += w + " "
                pos += len(w) + 1
                if t == "B-DATE":
                    cur = [start, start + len(w)]
                    spans.append(cur)
                elif t == "I-DATE" and cur is not None:
                    cur[1] = start + len(w)
                else:
                    cur = None
            out.append((text, [(s, e) for s, e in spans]))
        words, tags = [], []
    return out


def main() -> None:
    args = sys.argv[1:]
    show = int(args[args.index("--misses") + 1]) if "--misses" in args else 0
    if not DATA.exists():
        print(f"data not found: {DATA}")
        return
    gold = found = pred = correct = 0
    misses = []
    for name in ("train.txt", "val.txt", "test.txt"):
        for text, spans in sentences(DATA / name):
            times = find_times(text, None)
            gold += len(spans)
            pred += len(times)
            for s, e in spans:
                if any(t.start < e and s < t.end for t in times):
                    found += 1
                else:
                    misses.append(text[s:e])
            correct += sum(any(t.start < e and s < t.end for s, e in spans) for t in times)
    print(f"Wojood DATE mentions: {gold}; found {found} (recall {found / gold:.1%})")
    print(f"khabar times: {pred}; overlapping a DATE mention {correct} (precision {correct / max(pred, 1):.1%})")
    for m in misses[:show]:
        print("  miss:", m)


if __name__ == "__main__":
    main()
