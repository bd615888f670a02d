"""Step 4: add up the intake and compare it with the reference; build the result.

The result is a plain dict shaped exactly like models.IntakeResult (the JSON contract);
the tests validate real outputs against that model.
"""

from __future__ import annotations

from magcalc.foods import FoodLine
from magcalc.reference import Dri


def shortfall(target_mg: float, intake_mg: float) -> float:
    """How far intake falls short of the target; never negative."""
    return max(0.0, target_mg - intake_mg)


def _r(x: float, digits: int = 1) -> float:
    return round(x + 0.0, digits)  # + 0.0 turns -0.0 into 0.0


def build_result(
    *,
    age_months: float,
    sex: str,
    condition: str,
    dri: Dri,
    lines: list[FoodLine],
    supplement_mg: float,
    supplements: list[dict],
    warnings: list[str],
) -> dict:
    food_mg = sum(line.mg for line in lines)
    total = food_mg + supplement_mg
    if not lines:
        warnings = [*warnings, "no foods given: intake counts as 0 mg"]
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
        "shortfall_mg": _r(shortfall(dri.target_mg, total)),
        "percent_of_rda": _r(100 * total / dri.target_mg),
        "foods": [
            {
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
            for line in lines
        ],
        "supplements": supplements,
        "warnings": warnings,
    }
