"""Scoring the recognition lists (no pytest here: test_wheel.py runs it in the wheel's venv).

Recognition: diary-style names and amounts, with the records a dietitian accepts.

The two lists in tests/data were written from the USDA tables alone, by people who had not
seen magcalc's code (the `note` column shows each figure's arithmetic):
- recognition.csv: 235 rows (205 foods, 30 names no table holds);
- recognition_holdout.csv: 80 rows (70 foods, 10 names no table holds).
Each row gives the accepted records as ID=MG, MG being the magnesium of the typed amount by
that record's own USDA portion. A row is a hit when magcalc picks an accepted record, and
its magnesium is right when within 15 % of the MG of the record picked (of the first one
listed when magcalc picked another). test_wheel.py runs the same lists through the
installed wheel.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, NamedTuple

DATA = Path(__file__).parent / "data"
LISTS = ["recognition.csv", "recognition_holdout.csv"]


class Score(NamedTuple):
    found: int  # rows that should be found
    hits: int
    mg_ok: int
    refusals: int  # rows that should be refused
    refused: int
    misses: list[str]


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def score(rows: list[dict[str, str]], intake: Any, refused_error: type) -> Score:
    """Run every row through `intake` (magcalc.intake, in this or another interpreter)."""
    hits = mg_ok = refused = found = 0
    misses: list[str] = []
    for r in rows:
        try:
            line = intake(age=35, sex="f", foods=[r["query"]])["foods"][0]
        except refused_error as e:
            line, error = None, str(e)
        if r["category"] == "refuse":
            refused += line is None
            if line is not None:
                misses.append(f"{r['query']}: should be refused, got {line['food_id']}")
            continue
        found += 1
        accepted = dict(pair.split("=") for pair in r["accepted"].split())
        if line is None:
            misses.append(f"{r['query']}: refused ({error[:80]})")
            continue
        expected = float(accepted.get(line["food_id"], r["expected_mg"]))
        if line["food_id"] in accepted:
            hits += 1
        else:
            misses.append(f"{r['query']}: {line['food_id']} {line['description'][:50]}")
        if abs(line["mg"] - expected) <= max(0.15 * expected, 0.5):
            mg_ok += 1
        else:
            misses.append(f"{r['query']}: {line['mg']:.1f} mg, expected {expected}")
    return Score(found, hits, mg_ok, len(rows) - found, refused, misses)


def check(s: Score, name: str) -> None:
    report = (f"{name}: top-1 {s.hits}/{s.found} ({s.hits / s.found:.1%}), magnesium within "
              f"15 % {s.mg_ok}/{s.found} ({s.mg_ok / s.found:.1%}), refusals {s.refused}/"
              f"{s.refusals}; misses: {s.misses}")  # fmt: skip
    print(report)
    assert s.hits / s.found >= 0.90, report
    assert s.mg_ok / s.found >= 0.85, report
    assert s.refused == s.refusals, report
