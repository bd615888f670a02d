"""Step 3: resolve each --food to a USDA record and a weight in grams."""

from __future__ import annotations

from typing import NamedTuple

from magcalc.match import resolve
from magcalc.parse import FoodSpec
from magcalc.portions import to_grams, usual_serving
from magcalc.tables import Food, portions


class FoodLine(NamedTuple):
    """One food eaten: what was typed, the USDA record used, grams and magnesium."""

    query: str
    food: Food
    amount: float
    unit: str
    portion: str
    grams: float

    @property
    def mg(self) -> float:
        return self.food.mg_per_100g * self.grams / 100


def resolve_food(spec: FoodSpec, strict: bool = False) -> tuple[FoodLine, list[str]]:
    """The food line for one spec, and what the user should be told about the choices made."""
    found = resolve(spec.name, strict=strict)
    food = found.food
    notes: list[str] = []
    if found.respelled:
        unknown = ", ".join(repr(w) for w in found.respelled)
        notes.append(
            f"{spec.name!r}: no food has the word {unknown}; matched by a close spelling to "
            f"{food.food_id} {food.description!r}"
        )
    if found.runner_up is not None:
        r = found.runner_up
        notes.append(
            f"{spec.name!r}: used {food.food_id} {food.description!r}; it could also be "
            f'{r.food_id} {r.description!r} (pick it with --food "{r.food_id}:'
            f'{_amount_text(spec)}")'
        )
    measures = portions().get(food.food_id, ())
    amount, unit = spec.amount, spec.unit
    if unit is None:
        count = amount if amount is not None else 1.0
        serving, unit = usual_serving(food, measures)
        amount = count * serving
        said = "no unit given" if spec.amount is not None else "no amount given"
        notes.append(f"{spec.name!r}: {said}; used {_serving_text(count, serving, unit)}")
    weight = to_grams(amount, unit, measures, food.description)
    if weight.note:
        notes.append(weight.note)
    return FoodLine(spec.text, food, amount, weight.unit, weight.portion, weight.grams), notes


def _amount_text(spec: FoodSpec) -> str:
    if spec.amount is None:
        return "AMOUNT UNIT"
    return f"{spec.amount:g} {spec.unit or ''}".strip()


def _serving_text(count: float, serving: float, unit: str) -> str:
    one = f"{serving:g} {unit}"
    return f"the usual serving, {one}" if count == 1 else f"{count:g} × the usual serving, {one}"
