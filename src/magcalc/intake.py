"""Step 4: add up the intake, compare it with the reference, and put the result together.

`assess` runs the whole flow for one person and day: reference → foods → intake → plan.
The result is a plain dict shaped exactly like models.IntakeResult (the JSON contract); the
tests validate real outputs against that model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from magcalc.errors import InputError
from magcalc.foods import FoodLine, resolve_food
from magcalc.parse import FoodSpec, SupplementSpec
from magcalc.reference import Dri, load_dri, lookup
from magcalc.supplements import Plan, Taken

if TYPE_CHECKING:
    from magcalc.foodfile import Logged  # only diaries bring in the file reader


def shortfall(target_mg: float, intake_mg: float) -> float:
    """How far intake falls short of the target; never negative."""
    return max(0.0, target_mg - intake_mg)


def _r(x: float, digits: int = 1) -> float:
    return round(x + 0.0, digits)  # + 0.0 turns -0.0 into 0.0


def _blame(param: str, error: InputError) -> InputError:
    return InputError(str(error), param=error.param or param)


def assess(
    *,
    age_months: float,
    sex: str,
    condition: str = "none",
    foods: Sequence[FoodSpec] = (),
    supplements: Sequence[SupplementSpec] = (),
    logged: Sequence[Logged] = (),
    goal: str = "general",
    strict: bool = False,
    sd_within: float | None = None,
    notes: Sequence[str] = (),
) -> dict:
    """The intake result for one person: one day, or the mean of a diary's days.

    Foods and supplements with a date (from a diary file) make a diary; supplements without
    one (--supplement) are taken every day. InputError names the option at fault.
    """
    from magcalc import catalog
    from magcalc import supplements as plans
    from magcalc.tables import forms_table

    dri = lookup(load_dri(), age_months, sex, condition)
    warnings = list(notes)
    lines = _resolve_all(foods, strict, warnings)
    table = forms_table()
    if goal not in table["goals"]:
        raise InputError(f"unknown goal {goal!r}", param="--goal")
    taken = []
    for spec in supplements:
        try:
            taken.append(plans.taken(table, spec))
        except InputError as e:
            if spec.where:
                raise InputError(f"{spec.where}: {e}", "--foods-file") from None
            raise _blame("--supplement", e) from None
    days = _days(lines, taken, logged)
    if days:
        food_mg = sum(d["food_mg"] for d in days) / len(days)
        supplement_mg = sum(d["supplement_mg"] for d in days) / len(days)
    else:
        food_mg = sum(line.mg for line in lines)
        supplement_mg = sum(t.elemental_mg for t in taken)
    plan = plans.plan(
        table, dri, condition=condition, food_mg=food_mg, already=supplement_mg, goal=goal
    )
    gap = shortfall(dri.target_mg, food_mg + supplement_mg)
    suggestions = catalog.suggest(gap, exclude={line.food.food_id for line in lines})
    assessment = None
    if days:
        from magcalc import usual
        from magcalc.tables import within_sd

        known = usual.find_sd(within_sd(), age_months, sex, condition)
        assessment, more = usual.assess(
            days=days, dri=dri, sd=known, sd_given=sd_within, condition=condition
        )
        warnings += more
    elif sd_within is not None:
        warnings.append("--sd-within is used only for a diary of dated days; ignored here")
    return build_result(
        age_months=age_months, sex=sex, condition=condition, dri=dri, lines=lines,
        taken=taken, logged=logged, food_mg=food_mg, supplement_mg=supplement_mg, goal=goal,
        plan=plan, food_suggestions=suggestions, days=days, assessment=assessment,
        warnings=warnings + plan.warnings,
    )  # fmt: skip


def _resolve_all(foods: Sequence[FoodSpec], strict: bool, warnings: list[str]) -> list[FoodLine]:
    lines: list[FoodLine] = []
    resolved: dict[FoodSpec, FoodLine] = {}  # a long diary repeats its foods
    for spec in foods:
        line = resolved.get(spec)
        if line is None:
            try:
                line, notes = resolve_food(spec, strict=strict)
            except InputError as e:
                if spec.where:
                    raise InputError(f"{spec.where}: {e}", "--foods-file") from None
                raise _blame("--food", e) from None
            resolved[spec] = line
            warnings.extend(f"{spec.where}: {n}" if spec.where else n for n in notes)
        lines.append(line)
    return lines


def _days(lines: list[FoodLine], taken: list[Taken], logged: Sequence[Logged]) -> list[dict]:
    """Each diary day's magnesium from food and from supplements, in date order.

    Empty when nothing has a date. Supplements without a date are taken every day.
    """
    dated = {line.date for line in lines} | {t.date for t in taken} | {g.date for g in logged}
    dated.discard(None)
    if not dated:
        return []
    if any(line.date is None for line in lines):
        raise InputError(
            "foods given with --food have no day, but the foods file is a diary of dated days; "
            "put them in the diary",
            "--food",
        )
    daily = sum(t.elemental_mg for t in taken if t.date is None)
    days = {d: {"date": d, "food_mg": 0.0, "supplement_mg": daily} for d in sorted(dated)}
    for line in lines:
        days[line.date]["food_mg"] += line.mg  # type: ignore[index]
    for t in taken:
        if t.date is not None:
            days[t.date]["supplement_mg"] += t.elemental_mg
    for g in logged:
        days[g.date]["supplement_mg" if g.supplement else "food_mg"] += g.mg
    for day in days.values():
        day["intake_mg"] = _r(day["food_mg"] + day["supplement_mg"])
        day["food_mg"] = _r(day["food_mg"])
        day["supplement_mg"] = _r(day["supplement_mg"])
    return list(days.values())


def _food_rows(lines: Sequence[FoodLine]) -> list[dict]:
    """One dict per food line; repeated lines (a long diary) share one dict, not a copy each."""
    rows: dict[FoodLine, dict] = {}
    out = []
    for line in lines:
        row = rows.get(line)
        if row is None:
            row = rows[line] = {
                "query": line.query,
                "food_id": line.food.food_id,
                "description": line.food.description,
                "amount": line.amount,
                "unit": line.unit,
                "portion": line.portion,
                "grams": _r(line.grams, 2),
                "mg_per_100g": line.food.mg_per_100g,
                "mg": _r(line.mg),
                "date": line.date,
            }
        out.append(row)
    return out


def build_result(
    *,
    age_months: float,
    sex: str,
    condition: str,
    dri: Dri,
    lines: list[FoodLine],
    taken: Sequence[Taken] = (),
    logged: Sequence[Logged] = (),
    food_mg: float | None = None,
    supplement_mg: float | None = None,
    goal: str = "general",
    plan: Plan | None = None,
    food_suggestions: Sequence[dict] = (),
    days: Sequence[dict] = (),
    assessment: dict | None = None,
    warnings: Sequence[str] = (),
) -> dict:
    """The result; food and supplement figures are a day's, or a diary's daily means."""
    if food_mg is None:
        food_mg = sum(line.mg for line in lines)
    if supplement_mg is None:
        supplement_mg = sum(t.elemental_mg for t in taken)
    # Totals are worked from the rounded figures shown, so they add up exactly as printed.
    total = _r(food_mg) + _r(supplement_mg)
    warnings = list(warnings)
    if not lines and not logged:
        warnings.append("no foods given: intake counts as 0 mg")
    return {
        "age_years": _r(age_months / 12, 4),
        "sex": sex,
        "condition": condition,
        "life_stage": dri.life_stage,
        "target_kind": dri.target_kind,
        "rda_mg": dri.target_mg,
        "ear_mg": dri.ear_mg,
        "ul_supplemental_mg": dri.ul_supplemental_mg,
        "food_intake_mg": _r(food_mg),
        "supplement_intake_mg": _r(supplement_mg),
        "intake_mg": _r(total),
        "shortfall_mg": _r(shortfall(dri.target_mg, _r(total))),
        "percent_of_rda": _r(100 * total / dri.target_mg),
        "goal": goal,
        "supplement_dose_mg": _r(plan.dose_mg) if plan else 0.0,
        "foods": _food_rows(lines),
        "supplements_taken": [
            {
                "query": t.query,
                "form": t.form,
                "elemental_mg": _r(t.elemental_mg),
                "compound_mg": None if t.compound_mg is None else _r(t.compound_mg),
                "date": t.date,
            }
            for t in taken
        ],
        "logged": [
            {
                "date": g.date,
                "name": g.name,
                "amount": g.amount,
                "mg": g.mg,
                "kind": "supplement" if g.supplement else "food",
            }
            for g in logged
        ],
        "days": list(days),
        "assessment": assessment,
        "supplements": plan.supplements if plan else [],
        "topical": plan.topical if plan else [],
        "food_suggestions": list(food_suggestions),
        "advice": plan.advice if plan else [],
        "warnings": warnings,
    }
