"""Step 4c: many people at once: each person-day's intake against the person's reference,
and each person's usual intake, from a survey's rows (magcalc.survey).

The arithmetic is `magcalc intake`'s: each food through foods.Resolver, each supplement
through supplements.taken, each day by usual.day_total, each person's days by usual.assess.
Each distinct food text is resolved once per Batch; a food given in grams is resolved once
by its name and then only weighed. A row that cannot be counted is reported with its day
(`refused`, and why) and never stops the rest. Rows are read as a stream: memory grows with
one person's rows and with the distinct foods, not with the rows. A person's rows must come
together (magcalc.survey groups a list or a DataFrame; a file must be sorted by person), and
the figures do not depend on the order of a person's rows: a day is summed exactly, days
are sorted, notes and refused rows are sorted. So a cluster that splits the people among
its workers gives the same rows as one process.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from magcalc import own, reference, supplements, usual
from magcalc.errors import InputError
from magcalc.foodfile import SUPPLEMENT_RE
from magcalc.foods import Resolver
from magcalc.parse import FoodSpec, parse_food_spec, parse_supplement_spec
from magcalc.portions import MAX_GRAMS
from magcalc.reference import Dri, Person
from magcalc.survey import WHO_FIELDS, Row, Unread, food_text, label, text

if TYPE_CHECKING:
    from magcalc.results import DayScore, PersonScore, Refused, SurveyRefused

    Scored = DayScore | PersonScore | SurveyRefused
else:  # a TypedDict is a dict at run time; results.py is for type checkers and the schema
    DayScore = PersonScore = Refused = SurveyRefused = Scored = dict

PER = ("day", "person", "both")  # what a batch gives: rows per person-day, per person, or both
_FOOD, _SUPPLEMENT, _REFUSED = 0, 1, 2
_BY_TEXT = object()  # a food given in grams that is not a plain food: read as its text
_NOBODY = object()


class Ref(NamedTuple):
    """The reference for one person: who, their row of the standard, what was chosen."""

    person: Person
    dri: Dri
    notes: tuple[str, ...]


class _Day:
    """One person-day being added up: the magnesium of each food and supplement row."""

    __slots__ = ("food", "notes", "refused", "supplement")

    def __init__(self) -> None:
        self.food: list[float] = []
        self.supplement: list[float] = []
        self.refused: list[Refused] = []
        self.notes: set[str] = set()


def _grams(cell: Any) -> float | None:
    """Grams as plain as intake would read them ('30', '12.5', 30, 12.5); None for anything
    else, which is then read as text, exactly as intake reads it."""
    kind = type(cell)
    if kind is float:
        return cell
    if kind is int:
        return float(cell)
    if kind is str and cell.isascii() and cell.replace(".", "", 1).isdigit():
        return float(cell)
    return None


class Batch:
    """Scores survey rows. `who_of` makes a Person of the cells of survey.WHO_FIELDS (it
    raises InputError for what cannot be used); `people` gives those cells for persons whose
    rows do not."""

    def __init__(
        self,
        who_of: Callable[[tuple], Person],
        *,
        per: str = "day",
        strict: bool = False,
        sd_within: float | None = None,
        mine: own.Own = own.NONE,
        people: Mapping[Any, tuple | str] | None = None,
        best_guess: bool = False,
    ) -> None:
        self.who_of, self.per, self.sd_within = who_of, per, sd_within
        self.mine, self.people = mine, people
        self.resolver = Resolver(strict, mine, best_guess)
        self._foods: dict[Any, tuple | str | object] = {}  # food given in grams -> its record
        self._entries: dict[tuple, tuple] = {}  # (food, amount, unit) -> how it counts
        self._names: dict[str, tuple | str] = {}  # name -> (mg per 100 g, notes) or why not
        self._weights: dict[tuple, tuple[str, ...]] = {}  # (food id, amount, unit) -> notes
        self._refs: dict[tuple, Ref | str] = {}

    # ------------------------------------------------------------------------ the stream

    def score(self, rows: Iterable[Row | Unread]) -> Iterator[Scored]:
        """Rows of kind "day" and/or "person" (as `per` asks), a person at a time, and of
        kind "refused" for rows that belong to no person-day."""
        seen: set[Any] = set()
        current = last_day = last_who = _NOBODY
        key: Any = None
        days: dict[Any, _Day] = {}
        whos: set[tuple] = set()
        d = _Day()
        add_food = d.food.append
        out_of_place = False
        foods, entries = self._foods, self._entries
        for row in rows:
            if type(row) is Unread:
                yield _refused(row.where, row.person, row.day, row.food, row.why)
                continue
            where, person, day, food, amount, unit, grams, who = row
            if person is not current and person != current:
                if person is None:
                    yield _refused(where, None, day, food, "no person")
                    continue
                if current is not _NOBODY and not out_of_place:
                    yield from self._finish(key, days, whos)
                current, key = person, label(person)
                out_of_place = key in seen
                seen.add(key)
                days, whos, last_day, last_who = {}, set(), _NOBODY, _NOBODY
            if out_of_place:
                why = f"person {key}'s rows are not together: this row comes after other people's"
                yield _refused(where, key, day, food, why + "; sort the rows by person")
                continue
            if day is not last_day and day != last_day:
                d = days.get(day)
                if d is None:
                    d = days[day] = _Day()
                last_day, add_food = day, d.food.append
            if who is not last_who and who != last_who:
                whos.add(who)
                last_who = who
            if grams is not None:
                found = foods.get(food)
                if found is None:
                    found = foods[food] = self._record(food)
                if type(found) is tuple:
                    g = grams if type(grams) is float else _grams(grams)
                    if g is not None and 0.0 < g <= MAX_GRAMS:
                        add_food(found[0] * g / 100)  # foods.Resolver's arithmetic for grams
                        if found[1]:
                            d.notes.update(found[1])
                        continue
                if type(found) is str:
                    d.refused.append(Refused(row=where, food=text(food), why=found))
                    continue
                entry = self._entry(food, f"{text(grams)} g", None)
            else:
                entry = entries.get((food, amount, unit))
                if entry is None:
                    entry = entries[(food, amount, unit)] = self._entry(food, amount, unit)
            kind, value, notes = entry
            if kind == _FOOD:
                add_food(value)
            elif kind == _SUPPLEMENT:
                d.supplement.append(value)
            else:
                d.refused.append(Refused(row=where, food=text(food) if food is not None
                                         else None, why=value))  # fmt: skip
            if notes:
                d.notes.update(notes)
        if current is not _NOBODY and not out_of_place:
            yield from self._finish(key, days, whos)

    # ------------------------------------------------------------------------ the foods

    def _name(self, name: str) -> tuple | str:
        """(mg per 100 g, notes) of the record a name means, or why none: each name found
        once, by a weight in grams (which says nothing of its own), so its notes are known
        apart from those of its amounts."""
        found = self._names.get(name)
        if found is None:
            try:
                lines, notes = self.resolver.resolve(FoodSpec(f"{name}:100 g", name, 100.0, "g"))
                # a name of two foods ("toast with butter") counts as its lines together
                per_100g = 100 * sum(x["mg"] for x in lines) / sum(x["grams"] for x in lines)
                found = (per_100g, tuple(notes))
            except InputError as e:
                found = e.message
            self._names[name] = found
        return found

    def _record(self, food: Any) -> tuple | str | object:
        """What a food given in grams is: its record's (mg per 100 g, notes), why it has
        none, or _BY_TEXT (a supplement) to be read as its text."""
        if food is None:
            return "no food"
        name = food_text(food)
        if SUPPLEMENT_RE.match(name):
            return _BY_TEXT
        try:
            spec = parse_food_spec(f"{name}:100 g")
        except InputError as e:
            return e.message
        return self._name(spec.name)

    def _entry(self, food: Any, amount: Any, unit: Any) -> tuple:
        """How a row counts, (_FOOD or _SUPPLEMENT, mg, notes) or (_REFUSED, why, ()): read
        as `intake` reads the text `FOOD:AMOUNT UNIT` (or the food alone)."""
        if food is None:
            return _REFUSED, "no food", ()
        words = " ".join(text(v) for v in (amount, unit) if v is not None)
        name = food_text(food)
        try:
            if m := SUPPLEMENT_RE.match(name):
                spec = parse_supplement_spec(f"{m.group(1)}:{words}" if words else m.group(1))
                taken, said = supplements.taken(spec, self.mine)
                return _SUPPLEMENT, taken["elemental_mg"], tuple(said)
            spec = parse_food_spec(f"{name}:{words}" if words else name)
            named = self._name(spec.name)
            if type(named) is str:
                return _REFUSED, named, ()
            lines, said = self.resolver.resolve(spec)
        except InputError as e:
            return _REFUSED, e.message, ()
        weight = (lines[0]["food_id"], spec.amount, spec.unit)
        if weight not in self._weights:  # the Resolver says a weight's notes once
            self._weights[weight] = tuple(said)
        notes = ((f"{spec.name!r}: {spec.note}",) if spec.note else ()) + named[1]
        return _FOOD, math.fsum(x["mg"] for x in lines), notes + self._weights[weight]

    # ------------------------------------------------------------------------ the people

    def _finish(self, key: Any, days: dict[Any, _Day], whos: set[tuple]
                ) -> Iterator[DayScore | PersonScore]:  # fmt: skip
        ref = self._reference(key, whos)
        base = _reference_fields(key, ref)
        ul = ref.dri.ul_supplemental_mg if isinstance(ref, Ref) else None
        notes = ref.notes if isinstance(ref, Ref) else ()
        labelled: dict[Any, _Day] = {}
        for raw, d in days.items():  # '2026-01-01' and a date, 1 and 1.0, are one day
            day = label(raw) if raw is not None else None
            if day in labelled:
                _merge(labelled[day], d)
            else:
                labelled[day] = d
        totals = []
        for day in sorted(labelled, key=_day_order):
            d = labelled[day]
            total = usual.day_total("" if day is None else str(day), d.food, d.supplement, ul)
            totals.append((day, d, total))
            if self.per != "person":
                yield self._day_row(base, ref, day, d, total, notes)
        if self.per != "day":
            yield self._person_row(base, ref, totals, notes)

    def _reference(self, key: Any, whos: set[tuple]) -> Ref | str:
        """The person's reference, from their rows' cells and the people table; or why not."""
        who = next(iter(whos))
        if len(whos) > 1:  # each field: the one value the rows give; a row may leave it out
            cells = []
            for name, values in zip(WHO_FIELDS, zip(*whos, strict=True), strict=True):
                said = {text(v): v for v in values if v is not None}
                if len(said) > 1:
                    return f"this person's rows give more than one {name}: " \
                           f"{', '.join(sorted(said))}"  # fmt: skip
                cells.append(next(iter(said.values())) if said else None)
            who = tuple(cells)
        if self.people is not None:
            listed = self.people.get(key)
            if isinstance(listed, str):
                return listed
            if listed is None and all(v is None for v in who):
                return f"person {key} is not in the people table"
            if listed is not None:
                who = tuple(v if v is not None else p for v, p in zip(who, listed, strict=True))
        found = self._refs.get(who)
        if found is None:
            try:
                person = self.who_of(who)
                dri = reference.lookup(person)
                said = reference.feeding_note(person, dri)
                found = Ref(person, dri, (said,) if said else ())
            except InputError as e:
                found = e.message
            self._refs[who] = found
        return found

    def _day_row(self, base: dict, ref: Ref | str, day: Any, d: _Day, total: Any,
                 notes: tuple[str, ...]) -> DayScore:  # fmt: skip
        intake = total["intake_mg"]
        dri = ref.dri if isinstance(ref, Ref) else None
        return {  # type: ignore[return-value]
            "kind": "day", "person": base["person"], "day": day, **base,
            "food_intake_mg": total["food_mg"], "supplement_intake_mg": total["supplement_mg"],
            "intake_mg": intake, "shortfall_mg": dri.shortfall(intake) if dri else None,
            "percent_of_target": dri.percent_of_target(intake) if dri else None,
            "above_ul": total["above_ul"], "food_rows": len(d.food),
            "supplement_rows": len(d.supplement),
            "refused": _sorted(d.refused) if len(d.refused) > 1 else d.refused,
            "notes": sorted(d.notes.union(notes)) if d.notes or notes else [],
        }  # fmt: skip

    def _person_row(self, base: dict, ref: Ref | str, totals: list, notes: tuple[str, ...]
                    ) -> PersonScore:  # fmt: skip
        complete = [total for _, d, total in totals if not d.refused]
        left_out = [day for day, d, _ in totals if d.refused]
        assessment, warnings = None, list(notes)
        if isinstance(ref, Ref) and complete:
            assessment, said = usual.assess(complete, ref.dri, ref.person, self.sd_within)
            warnings += said
        elif isinstance(ref, Ref):
            warnings.append("no day is complete: every day has rows that could not be counted")
        row = {"kind": "person", **base, "days_left_out": left_out, "assessment": assessment,
               "warnings": warnings}  # fmt: skip
        return row  # type: ignore[return-value]


def _reference_fields(key: Any, ref: Ref | str) -> dict[str, Any]:
    """The fields of results.Reference: who the person is and their reference, or why not."""
    if isinstance(ref, str):
        return dict(person=key, age_years=None, sex=None, condition=None, feeding=None,
                    standard=None, life_stage=None, target_kind=None, target_mg=None,
                    ear_mg=None, ul_supplemental_mg=None, reference_tag=None, why=ref)  # fmt: skip
    p, dri = ref.person, ref.dri
    return dict(person=key, age_years=p.age_years, sex=p.sex, condition=p.condition,
                feeding=dri.feeding, standard=dri.standard, life_stage=dri.life_stage,
                target_kind=dri.kind, target_mg=dri.target_mg, ear_mg=dri.ear_mg,
                ul_supplemental_mg=dri.ul_supplemental_mg, reference_tag=dri.tag,
                why=None)  # fmt: skip


def _refused(where: Any, person: Any, day: Any, food: Any, why: str) -> SurveyRefused:
    return SurveyRefused(kind="refused", row=where,
                         person=label(person) if person is not None else None,
                         day=label(day) if day is not None else None,
                         food=text(food) if food is not None else None, why=why)  # fmt: skip


def _merge(into: _Day, d: _Day) -> None:
    into.food += d.food
    into.supplement += d.supplement
    into.refused += d.refused
    into.notes |= d.notes


def _day_order(day: Any) -> tuple:
    if day is None:
        return (0, 0, "")
    return (1, day, "") if isinstance(day, int) else (2, 0, str(day))


def _sorted(refused: list[Refused]) -> list[Refused]:
    try:
        return sorted(refused, key=lambda r: r["row"])
    except TypeError:  # index labels of several kinds
        return sorted(refused, key=lambda r: str(r["row"]))
