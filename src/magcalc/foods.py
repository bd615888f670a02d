"""Step 3: resolve each --food to a USDA record and a weight in grams.

A name resolves, in order, as a USDA id ("12061"), an alias from data/aliases.csv (checked
for one typo too), or a ranked search over all foods (magcalc.match).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from magcalc.errors import InputError
from magcalc.names import key
from magcalc.parse import FoodSpec
from magcalc.portions import to_grams, usual_serving
from magcalc.tables import Food, aliases, food, food_portions

_ID_RE = re.compile(r"\d{4,5}")
CLOSE = 0.5  # a runner-up within this score of the winner is named in a warning


class Resolution(NamedTuple):
    food: Food
    how: str  # "id", "alias" or "search"
    runner_up: Food | None  # a close second choice the user may have meant
    respelled: tuple[str, ...] = ()  # query words found only by a close spelling


def resolve(name: str, strict: bool = False) -> Resolution:
    """The USDA food for a name; InputError with the closest names when there is none."""
    text = name.strip()
    if _ID_RE.fullmatch(text):
        found = food(text.zfill(5))
        if found is None:
            raise InputError(f"no USDA food has id {text}; try 'magcalc foods search NAME'")
        return Resolution(found, "id", None)
    alias = aliases().get(key(text))
    if alias is not None:
        return Resolution(_known(alias), "alias", None)
    from magcalc.match import query_words, rank, vocabulary

    respelled = tuple(w for w in query_words(text) if w not in vocabulary())
    if respelled:
        alias = _close_alias(key(text))
        if alias is not None:
            return Resolution(_known(alias), "alias", None, respelled)
    ranked = rank(text, limit=2)
    if not ranked:
        raise InputError(f"no food matches {text!r}{_closest(text)}")
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 and ranked[1].score - best.score < CLOSE else None
    if runner and strict:
        raise InputError(
            f"{text!r} is ambiguous: {best.food.food_id} {best.food.description!r} or "
            f"{runner.food.food_id} {runner.food.description!r}; name the food by its id"
        )
    return Resolution(best.food, "search", runner.food if runner else None, respelled)


def _known(food_id: str) -> Food:
    found = food(food_id)
    if found is None:  # the compiled tables check every alias; this is a broken install
        raise InputError(f"the alias table names food {food_id}, which is missing")
    return found


def _close_alias(name_key: str) -> str | None:
    """An alias one typo away ('chiken breast' -> 'chicken breast')."""
    from rapidfuzz import fuzz, process

    found = process.extractOne(name_key, list(aliases()), scorer=fuzz.ratio, score_cutoff=90)
    return aliases()[found[0]] if found else None


def _closest(text: str) -> str:
    from rapidfuzz import fuzz, process

    from magcalc.tables import foods

    descriptions = {f.food_id: f.description for f in foods().values()}
    found = process.extract(text, descriptions, scorer=fuzz.WRatio, limit=3)
    if not found:
        return ""
    names = "; ".join(f"{fid} {desc!r}" for desc, _, fid in found)
    return f"; closest: {names}"


class FoodLine(NamedTuple):
    """One food eaten: what was typed, the USDA record used, grams and magnesium."""

    query: str
    food: Food
    amount: float
    unit: str
    portion: str
    grams: float
    date: str | None = None  # the diary day

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
    measures = food_portions(food.food_id)
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
    line = FoodLine(spec.text, food, amount, weight.unit, weight.portion, weight.grams, spec.date)
    return line, notes


def _amount_text(spec: FoodSpec) -> str:
    if spec.amount is None:
        return "AMOUNT UNIT"
    return f"{spec.amount:g} {spec.unit or ''}".strip()


def _serving_text(count: float, serving: float, unit: str) -> str:
    one = f"{serving:g} {unit}"
    return f"the usual serving, {one}" if count == 1 else f"{count:g} × the usual serving, {one}"
