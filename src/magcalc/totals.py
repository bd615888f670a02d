"""Step 4: add up the intake, compare it with the reference, and put the result together.

`compute` runs the whole flow for one person: reference -> foods -> intake -> plan, for one
day or for the mean of a diary's days, and returns a results.IntakeResult.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from magcalc import interactions, own, reference, supplements, usual
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
    sd_within: float | None = None,
    notes: Sequence[str] = (),
    errors: Sequence[InputError] = (),
    mine: own.Own = own.NONE,
) -> IntakeResult:
    """The intake result for one person: one day, or the mean of a diary's days.

    Foods and supplements with a date (from a diary file) make a diary; supplements without
    one (--supplement) are taken every day. InputError names the option or line at fault;
    `errors` are a file's lines that could not be read, reported with the foods that could
    not be resolved, all at once. `mine` holds the user's own foods, recipes and products.
    """
    dri = reference.lookup(person)
    warnings = list(notes)
    if (said := reference.feeding_note(person, dri)) is not None:
        warnings.append(said)
    lines = resolve_all(foods, Resolver(strict, mine), warnings, list(errors))
    taken = taken_all(supplements_taken, mine, warnings)
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
    found = interactions.find(medications, kidney_disease)
    plan = supplements.plan(
        dri, person, goal=goal, food_mg=food_mg, already=supplement_mg,
        taken_forms=[t["form"] for t in taken], withhold=found.withhold, spacing=found.spacing,
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
    suggestions, why_not = suggest(gap, eaten, person.age_months, dri)
    return IntakeResult(
        age_years=person.age_years,
        sex=person.sex,  # type: ignore[typeddict-item]
        condition=person.condition,  # type: ignore[typeddict-item]
        feeding=dri.feeding,  # type: ignore[typeddict-item]
        standard=dri.standard,  # type: ignore[typeddict-item]
        standard_name=reference.standard(dri.standard).title,
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
        percent_of_target=dri.percent_of_target(total),
        goal=goal,  # type: ignore[typeddict-item]
        supplement_dose_mg=plan.dose_mg,
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


def resolve_all(
    foods: Sequence[FoodSpec], resolver: Resolver, warnings: list[str],
    errors: list[InputError], param: str = "--food",
) -> list[FoodLine]:  # fmt: skip
    """Every food resolved, or InputErrors naming every one that cannot be (file lines and
    options alike, with `errors` already found), so a diary is fixed in one round. The notes
    of each go to `warnings`; `param` is the option foods not read from a file came from."""
    lines: list[FoodLine] = []
    noted: set[str] = set()
    for spec in foods:
        try:
            line, notes = resolver.resolve(spec)
        except InputError as e:
            errors.append(e.about(param if not spec.where else "--foods-file",
                                  spec.where or None))  # fmt: skip
            continue
        if spec.note and spec.text not in noted:
            noted.add(spec.text)
            notes.insert(0, f"{spec.name!r}: {spec.note}")
        warnings.extend(f"{spec.where}: {n}" if spec.where else n for n in notes)
        lines.append(line)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        errors.sort(key=_line_number)
        raise InputErrors(errors, errors[0].param)
    return lines


def _line_number(e: InputError) -> tuple[str, int]:
    path, _, line = (e.where or "").rpartition(":")
    return (path, int(line)) if line.isdigit() else (e.where or "", 0)


def taken_all(
    specs: Sequence[SupplementSpec], mine: own.Own, warnings: list[str],
    param: str = "--supplement",
) -> list[SupplementTaken]:  # fmt: skip
    """Every supplement counted, or the InputError of the first that cannot be."""
    out = []
    said: set[str] = set()
    for spec in specs:
        try:
            taken, notes = supplements.taken(spec, mine)
        except InputError as e:
            raise e.about("--foods-file" if spec.where else param,
                          spec.where or None) from None  # fmt: skip
        out.append(taken)
        if spec.text not in said:  # a diary repeats its supplements: say each once
            said.add(spec.text)
            warnings += [f"{spec.where}: {n}" if spec.where else n for n in notes]
    return out


def _logged(g: Logged) -> LoggedLine:
    return LoggedLine(date=g.date, name=g.name, amount=g.amount, mg=g.mg,
                      kind="supplement" if g.supplement else "food")  # fmt: skip
