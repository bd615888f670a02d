"""Scoring magcalc's food recognition on judged lists of diary foods.

A list is either the development set's JSON layout (`{"lists": {NAME: {"person": [...],
"cases": [...]}}}` with each case's accepted records `ids`/`fndds_ids`, `mg_by_id`,
`mg_alt_by_id`, `expect_refusal`; a days file `{"days": [...]}` of whole days), or the older
CSV layout of tests/data (`query,category,accepted,expected_mg` with `accepted` as ID=MG).

The rules are the development set's: a line is right when its record is one of those
accepted; its magnesium is right within max(15 %, 0.5 mg) of the case's figure or of the
figure for the record chosen; a name no record holds must be refused; a day is right within
10 % of its expected total (or of the sum of its lines' figures for the records chosen).
A wrong record with a confidence of SURE or more is "wrong and sure".

    python -m magcalc.resolver.evaluate [--guess] [--details | --json] FILE ...

MAGCALC_HAND_TABLES=0 measures without the hand-made tables (aliases, default codes,
synonyms, regional names).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple


class Case(NamedTuple):
    list: str
    food: str  # as typed, with its amount
    accepted: dict[str, float | None]  # record id -> magnesium of the amount (None: unknown)
    mg: float | None
    alt_mg: dict[str, list[float]]
    person: tuple[str, ...] = ("--age", "35", "--sex", "f")

    @property
    def refusal(self) -> bool:
        return not self.accepted


class Day(NamedTuple):
    list: str
    name: str
    person: tuple[str, ...]
    cases: list[Case]
    total_mg: float


def load(path: str) -> tuple[list[Case], list[Day]]:
    """The cases and days of a list file, in either layout."""
    if path.endswith(".csv"):
        return _load_csv(path), []
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    cases: list[Case] = []
    for name, block in data.get("lists", {}).items():
        person = tuple(block.get("person", Case._field_defaults["person"]))
        cases += [_case(name, c, person) for c in block["cases"]]
    days = []
    for d in data.get("days", []):
        person = tuple(d["person"])
        lines = [_case(d["id"], c, person) for c in d["lines"]]
        days.append(Day(path, d["id"], person, lines, float(d["expected_total_mg"])))
    return cases, days


def _case(name: str, c: dict, person: tuple[str, ...]) -> Case:
    accepted: dict[str, float | None] = dict.fromkeys([*c.get("ids", []), *c.get("fndds_ids", [])])
    accepted.update(c.get("mg_by_id", {}))
    return Case(name, c["food"], accepted, c.get("mg"), c.get("mg_alt_by_id", {}), person)


def _load_csv(path: str) -> list[Case]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    name = path.rsplit("/", 1)[-1]
    out = []
    for r in rows:
        accepted: dict[str, float | None] = {}
        if r["category"] != "refuse":
            for pair in r["accepted"].split():
                food_id, _, mg = pair.partition("=")
                accepted[food_id] = float(mg)
        mg = float(r["expected_mg"]) if r["expected_mg"] else None
        out.append(Case(name, r["query"], accepted, mg, {}))
    return out


def mg_right(got: float, case: Case, food_id: str | None) -> bool:
    def near(ref: float) -> bool:
        return abs(got - ref) <= max(0.15 * ref, 0.5)

    refs = [case.mg, case.accepted.get(food_id or ""), *case.alt_mg.get(food_id or "", [])]
    return any(r is not None and near(r) for r in refs)


class Outcome(NamedTuple):
    case: Case
    food_id: str | None  # the first line's record; None when refused
    description: str
    mg: float | None
    confidence: float
    message: str = ""

    @property
    def right(self) -> bool:
        return self.food_id is not None and self.food_id in self.case.accepted

    @property
    def mg_ok(self) -> bool:
        return self.mg is not None and mg_right(self.mg, self.case, self.food_id)


def run_intake(cases: Iterable[Case], guess: bool, **options: Any) -> list[Outcome]:
    """Each case through magcalc.intake, as `magcalc intake --food FOOD --json` runs it."""
    import magcalc

    out = []
    for c in cases:
        try:
            r = magcalc.intake(age=c.person[1], sex=c.person[3], foods=[c.food],
                               best_guess=guess, **options)  # fmt: skip
        except magcalc.InputError as e:
            out.append(Outcome(c, None, "", None, 0.0, str(e).splitlines()[0]))
            continue
        lines = r["foods"]
        first = lines[0]
        mg = sum(line["mg"] for line in lines)
        out.append(Outcome(c, first["food_id"], first["description"], mg, first["confidence"]))
    return out


class Figures(NamedTuple):
    name: str
    foods: int  # cases a record is accepted for
    right: int
    mg_ok: int
    refusals: int  # cases no record holds
    refused: int
    wrong_sure: int  # a wrong record with confidence >= SURE
    sure: int  # lines given with confidence >= SURE
    sure_right: int

    def line(self) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "0/0"

        return (f"{self.name}: right record {pct(self.right, self.foods)}, magnesium within "
                f"15 % {pct(self.mg_ok, self.foods)}, refused {pct(self.refused, self.refusals)}"
                f", wrong and sure {pct(self.wrong_sure, self.foods)}, right when sure "
                f"{pct(self.sure_right, self.sure)}")  # fmt: skip


def figures(name: str, outcomes: list[Outcome], sure: float) -> Figures:
    found = [o for o in outcomes if not o.case.refusal]
    refuse = [o for o in outcomes if o.case.refusal]
    given = [o for o in outcomes if o.food_id is not None and o.confidence >= sure]
    return Figures(
        name, len(found), sum(o.right for o in found), sum(o.mg_ok for o in found),
        len(refuse), sum(o.food_id is None for o in refuse),
        sum(not o.right for o in given if not o.case.refusal) + sum(1 for o in given
                                                                    if o.case.refusal),
        len(given), sum(o.right for o in given),
    )  # fmt: skip


def run_days(days: Iterable[Day], guess: bool, **options: Any) -> list[tuple[Day, float | None]]:
    """Each whole day through magcalc.intake: its food intake, or None when refused."""
    import magcalc

    out: list[tuple[Day, float | None]] = []
    for d in days:
        try:
            r = magcalc.intake(age=d.person[1], sex=d.person[3], foods=[c.food for c in d.cases],
                               best_guess=guess, **options)  # fmt: skip
        except magcalc.InputError:
            out.append((d, None))
            continue
        out.append((d, r["food_intake_mg"]))
    return out


def day_right(day: Day, got: float | None) -> bool:
    return got is not None and abs(got - day.total_mg) <= 0.10 * day.total_mg


def measure(files: list[str], guess: bool) -> dict[str, dict[str, float]]:
    """Each list's figures, and each days file's days within 10 %, as plain numbers."""
    from magcalc.resolver import SURE

    out: dict[str, dict[str, float]] = {}
    for path in files:
        cases, days = load(path)
        by_list: dict[str, list[Case]] = {}
        for c in cases:
            by_list.setdefault(c.list, []).append(c)
        for name, group in by_list.items():
            out[name] = figures(name, run_intake(group, guess), SURE)._asdict()
        if days:
            results = run_days(days, guess)
            out[path.rsplit("/", 1)[-1]] = {
                "days": len(results),
                "days_right": sum(day_right(d, g) for d, g in results),
            }
    return out


def main(argv: list[str] | None = None, run: Callable[..., list[Outcome]] = run_intake) -> int:
    from magcalc.resolver import SURE

    args = sys.argv[1:] if argv is None else argv
    guess = "--guess" in args
    details = "--details" in args
    files = [a for a in args if not a.startswith("--")]
    if "--json" in args:
        print(json.dumps(measure(files, guess)))
        return 0
    every: list[Outcome] = []
    for path in files:
        cases, days = load(path)
        by_list: dict[str, list[Case]] = {}
        for c in cases:
            by_list.setdefault(c.list, []).append(c)
        for name, group in by_list.items():
            outcomes = run(group, guess)
            every += outcomes
            print(figures(name, outcomes, SURE).line())
            if details:
                for o in outcomes:
                    if not (o.right and o.mg_ok) and not (o.case.refusal and o.food_id is None):
                        print(f"    {o.case.food!r}: {o.food_id} {o.description[:50]!r} "
                              f"{o.mg if o.mg is None else round(o.mg, 1)} mg (conf "
                              f"{o.confidence:.2f}); expected {sorted(o.case.accepted)[:4]} "
                              f"{o.case.mg} mg {o.message[:90]}")  # fmt: skip
        if days:
            results = run_days(days, guess)
            ok = sum(day_right(d, got) for d, got in results)
            print(f"{path}: days within 10 % {ok}/{len(results)}")
            if details:
                for d, got in results:
                    print(f"    {d.name}: {got if got is None else round(got, 1)} mg, expected "
                          f"{d.total_mg}")  # fmt: skip
    if len(files) > 1:
        print(figures("all", every, SURE).line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
