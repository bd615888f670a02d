"""Step 4: add up the intake, compare it with the reference, and put the result together.

`compute` runs the whole flow for one person: reference -> foods -> intake -> plan, for one
day or for the mean of a diary's days, and returns a results.IntakeResult.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from magcalc import interactions, own, reference, supplements, usual
from magcalc.choices import MeasureSystem
from magcalc.errors import InputError, InputErrors
from magcalc.foods import Resolver
from magcalc.parse import FoodSpec, SupplementSpec
from magcalc.reference import Person

if TYPE_CHECKING:
    from magcalc.results import FoodLine, IntakeResult, LoggedLine, SupplementTaken
else:  # a TypedDict is a dict at run time; results.py is for type checkers and the schema
    FoodLine = IntakeResult = LoggedLine = SupplementTaken = dict

if TYPE_CHECKING:
    from magcalc.foodfile import Logged  # only diaries bring in the file reader


def compute(
    person: Person,
    *,
    foods: Sequence[FoodSpec] = (),
    supplements_taken: Sequence[SupplementSpec] = (),
    logged: Sequence[Logged] = (),
    medications: Sequence[str] = (),
    kidney_disease: bool = False,
    goal: str = "general",
    strict: bool = False,
    best_guess: bool = False,
    sd_within: float | None = None,
    notes: Sequence[str] = (),
    errors: Sequence[InputError] = (),
    mine: own.Own = own.NONE,
    measures: MeasureSystem | None = None,
) -> IntakeResult:
    """The intake result for one person: one day, or the mean of a diary's days.

    Foods and supplements with a date (from a diary file) make a diary; supplements without
    one (--supplement) are taken every day. InputError names the option or line at fault;
    `errors` are a file's lines that could not be read, reported with the foods that could
    not be resolved, all at once. `mine` holds the user's own foods, recipes and products.
    `measures` is whose everyday measures amounts are read in; None: the UK's for the UK
    standard, else the US's.
    """
    if measures is None:
        measures = "uk" if person.standard == "uk" else "us"
    dri = reference.lookup(person)
    warnings = list(notes)
    if (said := reference.feeding_note(person, dri)) is not None:
        warnings.append(said)
    lines = resolve_all(foods, Resolver(strict, mine, best_guess, measures), warnings,
                        list(errors))  # fmt: skip
    taken = taken_all(supplements_taken, mine, warnings, strict=strict)
    days = usual.daily_totals(lines, taken, logged, dri)
    if days:
        food_mg = usual.mean([d["food_mg"] for d in days])
        supplement_mg = usual.mean([d["supplement_mg"] for d in days])
    else:  # one day: the same rule as each day of a diary
        eaten, supplemented = [line["mg"] for line in lines], [t["elemental_mg"] for t in taken]
        day = usual.day_total("", eaten, supplemented, dri.ul_supplemental_mg)
        food_mg, supplement_mg = day["food_mg"], day["supplement_mg"]
    total = food_mg + supplement_mg
    gap = dri.shortfall(total)
    poorly_mg = _poorly_absorbed_mg(taken, len(days))
    found = interactions.find(medications, kidney_disease)
    plan = supplements.plan(
        dri, person, goal=goal, food_mg=food_mg, already=supplement_mg,
        taken_forms=[t["form"] for t in taken], withhold=found.withhold, spacing=found.spacing,
        poorly_mg=poorly_mg,
    )  # fmt: skip
    warnings += found.warnings
    assessment = None
    if days:
        assessment, more = usual.assess(days, dri, person, sd_within)
        warnings += more
    elif sd_within is not None:
        warnings.append("--sd-within is used only for a diary of dated days; ignored here")
    if not lines and not logged:
        warnings.append("no foods given: intake counts as 0 mg")
    from magcalc.browse import suggest

    eaten = {line["food_id"] for line in lines}
    suggestions, why_not = suggest(plan.gap_mg, eaten, person.age_months, dri)
    if suggestions and kidney_disease:
        why_not.append(interactions.KIDNEY_FOODS)
    return IntakeResult(
        age_years=person.age_years,
        sex=person.sex,  # type: ignore[typeddict-item]
        condition=person.condition,  # type: ignore[typeddict-item]
        feeding=dri.feeding,  # type: ignore[typeddict-item]
        standard=dri.standard,  # type: ignore[typeddict-item]
        standard_name=reference.standard(dri.standard).title,
        measures=measures,
        life_stage=dri.life_stage,
        target_kind=dri.kind,  # type: ignore[typeddict-item]
        target_label=dri.label,
        target_mg=dri.target_mg,
        ear_mg=dri.ear_mg,
        ul_supplemental_mg=dri.ul_supplemental_mg,
        reference_tag=dri.tag,
        reference_source=dri.source,
        food_intake_mg=food_mg,
        supplement_intake_mg=supplement_mg,
        intake_mg=total,
        shortfall_mg=gap,
        food_shortfall_mg=dri.shortfall(food_mg),
        poorly_absorbed_mg=poorly_mg,
        absorption_note=_absorption_note(dri, food_mg, total, poorly_mg, plan.replaces, taken),
        percent_of_target=dri.percent_of_target(total),
        goal=goal,  # type: ignore[typeddict-item]
        supplement_dose_mg=plan.dose_mg,
        replaces_forms=plan.replaces,
        foods=lines,
        supplements_taken=taken,
        logged=[_logged(g) for g in logged],
        days=days,
        assessment=assessment,
        supplements=plan.supplements,
        topical=plan.topical,
        food_suggestions=suggestions,
        interactions=found.interactions,
        kidney_disease=kidney_disease,
        advice=plan.advice + why_not + found.advice,
        warnings=warnings + plan.warnings,
    )


def _poorly_absorbed_mg(taken: Sequence[SupplementTaken], days: int) -> float:
    """Magnesium a day from forms the articles advise against (oxide): a diary's mean."""
    bad = [t for t in taken if supplements.poorly_absorbed(t["form"])]
    every_day = sum(t["elemental_mg"] for t in bad if t["date"] is None)
    dated = sum(t["elemental_mg"] for t in bad if t["date"] is not None)
    return every_day + (dated / days if days else dated)


def _absorption_note(
    dri: reference.Dri, food_mg: float, total: float, poorly_mg: float, forms: list[str],
    taken: Sequence[SupplementTaken],
) -> str | None:  # fmt: skip
    """Said in the summary when a poorly absorbed form carries the total over the EAR or the
    target: the total counts it at its label's value."""
    if poorly_mg <= 0:
        return None
    lines = [(dri.target_mg, dri.kind)]
    if dri.ear_mg is not None:
        lines.insert(0, (dri.ear_mg, "EAR"))
    crossed = [f"the {name} ({value:g} mg)" for value, name in lines
               if total - poorly_mg < value <= total]  # fmt: skip
    if not crossed:
        return None
    said = " and ".join(forms or sorted({t["form"] for t in taken
                                         if supplements.poorly_absorbed(t["form"])}))  # fmt: skip
    return (
        f"{said} is poorly absorbed, and counted at its label's {poorly_mg:.0f} mg: without "
        f"it the intake is {total - poorly_mg:.0f} mg, below {' and '.join(crossed)}"
    )


def resolve_all(
    foods: Sequence[FoodSpec], resolver: Resolver, warnings: list[str],
    errors: list[InputError], param: str = "--food",
) -> list[FoodLine]:  # fmt: skip
    """Every food resolved, or InputErrors naming every one that cannot be (file lines and
    options alike, with `errors` already found), so a diary is fixed in one round. The notes
    of each go to `warnings`; `param` is the option foods not read from a file came from."""
    lines: list[FoodLine] = []
    noted: set[str] = set()
    in_meal: dict[tuple[int, str | None], FoodLine] = {}  # a line as eaten at each meal
    for spec in foods:
        try:
            got, notes = resolver.resolve(spec)
            if spec.record is not None and got[0]["food_id"] != spec.record:
                got, notes = _as_logged(spec, got, resolver)
        except InputError as e:
            errors.append(e.about(param if not spec.where else "--foods-file",
                                  spec.where or None))  # fmt: skip
            continue
        meal = []
        for line in got:
            key = (id(line), spec.meal)
            if key not in in_meal:  # the resolver shares a line among repeats: one copy a meal
                in_meal[key] = FoodLine(line, meal=spec.meal)  # type: ignore[typeddict-item]
            meal.append(in_meal[key])
        got = meal
        if spec.note and spec.text not in noted:
            noted.add(spec.text)
            notes.insert(0, f"{spec.name!r}: {spec.note}")
        warnings.extend(f"{spec.where}: {n}" if spec.where else n for n in notes)
        lines += got
    if len(errors) == 1:
        raise errors[0]
    if errors:
        errors.sort(key=_line_number)
        raise InputErrors(errors, errors[0].param)
    return lines


def _as_logged(spec: FoodSpec, lines: list[FoodLine],
               resolver: Resolver) -> tuple[list[FoodLine], list[str]]:  # fmt: skip
    """A diary line whose name means another record than the one it was logged as (an own
    food or recipe of that name made or removed since): counted as logged while that record
    is there, else as it reads now; said either way."""
    from magcalc import store

    meant = spec.record or ""
    now = lines[0]
    name = resolver.mine.named(meant) if ":" in meant else meant if store.food(meant) else None
    reads = f"{now['food_id']} {now['description']!r} ({now['source']})"
    if name is None:
        return lines, [f"{spec.name!r} was logged as {meant}, which is gone; counted as it reads "
                       f"now, {reads}"]  # fmt: skip
    logged_lines, notes = resolver.resolve(spec._replace(name=name))
    line = logged_lines[0]
    logged = f"{line['food_id']} {line['description']!r} ({line['source']})"
    said = (f"{spec.name!r} was logged as {logged} and is counted so; it would now mean "
            f"{reads} (to count it so, delete '# record {meant}' from the line)")  # fmt: skip
    return logged_lines, [*notes, said]


def _line_number(e: InputError) -> tuple[str, int]:
    path, _, line = (e.where or "").rpartition(":")
    return (path, int(line)) if line.isdigit() else (e.where or "", 0)


def taken_all(
    specs: Sequence[SupplementSpec], mine: own.Own, warnings: list[str],
    param: str = "--supplement", strict: bool = False,
) -> list[SupplementTaken]:  # fmt: skip
    """Every supplement counted, or the InputError of the first that cannot be. A file's
    row whose strength is unknown ("Magnesium Glycinate, 1.00 capsule") is left out and
    named in a warning, so the rest of the file is read; with `strict` it is refused."""
    out = []
    said: set[tuple[str, str | None]] = set()
    left_out: dict[str, list[str]] = {}
    for spec in specs:
        try:
            taken, notes = supplements.taken(spec, mine)
        except supplements.UnknownStrength as e:
            if not spec.where or strict:
                raise e.about("--foods-file" if spec.where else param,
                              spec.where or None) from None  # fmt: skip
            left_out.setdefault(e.message, []).append(spec.where)
            continue
        except InputError as e:
            raise e.about("--foods-file" if spec.where else param,
                          spec.where or None) from None  # fmt: skip
        out.append(taken)
        if spec.record is not None and (now := supplement_record(taken)) != spec.record:
            notes = [*notes, f"{spec.text!r} was logged as {spec.record} and now means {now}: "
                     "counted as it reads now"]  # fmt: skip
        if (spec.text, spec.record) not in said:  # a diary repeats its supplements: say once
            said.add((spec.text, spec.record))
            warnings += [f"{spec.where}: {n}" if spec.where else n for n in notes]
    for why, where in left_out.items():  # each left out, where it was, and why
        lines = ", ".join(w.rpartition(":")[2] for w in where)
        name = where[0].rpartition(":")[0]
        warnings.append(f"{name}: supplement left out, line{'s' * (len(where) > 1)} {lines} "
                        f"(--strict refuses it): {why}")  # fmt: skip
    return out


def supplement_record(taken: SupplementTaken) -> str:
    """What a supplement taken means, as the diary keeps it: `product:ID` or `form:FORM`."""
    return f"product:{own.slug(taken['product'])}" if taken["product"] else \
        f"form:{own.slug(taken['form'])}"  # fmt: skip


def _logged(g: Logged) -> LoggedLine:
    return LoggedLine(date=g.date, name=g.name, amount=g.amount, mg=g.mg,
                      kind="supplement" if g.supplement else "food", meal=g.meal)  # fmt: skip
