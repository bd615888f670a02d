"""Step 4: add up the intake, compare it with the reference, and put the result together.

`assess` runs the whole flow for one person and day: reference → foods → intake → plan.
The result is a plain dict shaped exactly like models.IntakeResult (the JSON contract); the
tests validate real outputs against that model.
"""

from __future__ import annotations

from collections.abc import Sequence

from magcalc.errors import InputError
from magcalc.foods import FoodLine, resolve_food
from magcalc.parse import FoodSpec, SupplementSpec
from magcalc.reference import Dri, load_dri, lookup
from magcalc.supplements import Plan, Taken


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
    foods: tuple[FoodSpec, ...] | list[FoodSpec] = (),
    supplements: tuple[SupplementSpec, ...] | list[SupplementSpec] = (),
    goal: str = "general",
    strict: bool = False,
) -> dict:
    """The intake result for one person and day; InputError (with the option) on bad input."""
    from magcalc import catalog
    from magcalc import supplements as plans
    from magcalc.tables import forms_table

    dri = lookup(load_dri(), age_months, sex, condition)
    warnings: list[str] = []
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
    table = forms_table()
    if goal not in table["goals"]:
        raise InputError(f"unknown goal {goal!r}", param="--goal")
    try:
        taken = [plans.taken(table, s) for s in supplements]
    except InputError as e:
        raise _blame("--supplement", e) from None
    food_mg = sum(line.mg for line in lines)
    plan = plans.plan(table, dri, condition=condition, food_mg=food_mg, taken=taken, goal=goal)
    already = sum(t.elemental_mg for t in taken)
    gap = shortfall(dri.target_mg, food_mg + already)
    suggestions = catalog.suggest(gap, exclude={line.food.food_id for line in lines})
    return build_result(
        age_months=age_months, sex=sex, condition=condition, dri=dri, lines=lines,
        taken=taken, goal=goal, plan=plan, food_suggestions=suggestions,
        warnings=warnings + plan.warnings,
    )  # fmt: skip


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
    goal: str = "general",
    plan: Plan | None = None,
    food_suggestions: Sequence[dict] = (),
    warnings: Sequence[str] = (),
) -> dict:
    food_mg = sum(line.mg for line in lines)
    supplement_mg = sum(t.elemental_mg for t in taken)
    # Totals are worked from the rounded figures shown, so they add up exactly as printed.
    total = _r(food_mg) + _r(supplement_mg)
    warnings = list(warnings)
    if not lines:
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
            }
            for t in taken
        ],
        "supplements": plan.supplements if plan else [],
        "topical": plan.topical if plan else [],
        "food_suggestions": list(food_suggestions),
        "advice": plan.advice if plan else [],
        "warnings": warnings,
    }
