"""Step 3: turn an amount and a unit into grams of a food.

Mass units work for every food. Household measures (cup, tbsp, slice, medium, biscuit, …) use
the food's own USDA portion weights; a volume unit the food has no weight for is worked out
from another of its volume weights (say tbsp from cup), and the result says so.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from magcalc.errors import InputError
from magcalc.names import singular
from magcalc.tables import Food, Portion, Serving, servings

MAX_GRAMS = 5000.0  # more than 5 kg of one food in a day is a typing mistake

MASS_G = {"g": 1.0, "mg": 0.001, "kg": 1000.0, "oz": 28.349523125, "lb": 453.59237}
VOLUME_ML = {
    "ml": 1.0,
    "l": 1000.0,
    "tsp": 4.92892159375,
    "tbsp": 14.78676478125,
    "fl oz": 29.5735295625,
    "cup": 236.5882365,
    "pint": 473.176473,
    "quart": 946.352946,
}

# Spellings people (and USDA) use for the same unit, after lower-casing and dropping dots.
_ALIASES = {
    "gram": "g",
    "gm": "g",
    "gr": "g",
    "grm": "g",
    "milligram": "mg",
    "kilogram": "kg",
    "kilo": "kg",
    "ounce": "oz",
    "ozs": "oz",
    "pound": "lb",
    "lbs": "lb",
    "tablespoon": "tbsp",
    "tbs": "tbsp",
    "tbl": "tbsp",
    "tblsp": "tbsp",
    "tbsps": "tbsp",
    "teaspoon": "tsp",
    "tsps": "tsp",
    "c": "cup",
    "fluid ounce": "fl oz",
    "floz": "fl oz",
    "fl ounce": "fl oz",
    "fluid oz": "fl oz",
    "milliliter": "ml",
    "millilitre": "ml",
    "liter": "l",
    "litre": "l",
    "ltr": "l",
    "pt": "pint",
    "qt": "quart",
    "med": "medium",
    "sm": "small",
    "lg": "large",
}
_TWO_WORD_HEADS = {"fl oz", "extra small", "extra large"}
_IRREGULAR = {"leaves": "leaf", "loaves": "loaf", "halves": "half", "knives": "knife"}


def _singular(word: str) -> str:
    return _IRREGULAR.get(word) or singular(word)


@cache
def _alias_re() -> re.Pattern[str]:
    names = "|".join(re.escape(a) for a in sorted(_ALIASES, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{names})(?!\w)")


@cache
def unit_key(text: str) -> str:
    """A comparable form of a unit: 'Cups, chopped (1/2" pieces)' -> 'cup chopped'."""
    simple = text.strip().lower()
    if simple.isalpha():  # "oz", "cups", "Tablespoon": no regex needed
        word = _singular(simple)
        return _ALIASES.get(word, _ALIASES.get(simple, word))
    t = re.sub(r"\([^)]*\)?", " ", text.lower()).replace(".", " ")
    words = [w for w in re.split(r"[\s,]+", t) if w]
    joined = " ".join(_singular(w) for w in words)
    return _alias_re().sub(lambda m: _ALIASES[m.group(0)], joined).strip()


@cache
def unit_head(key: str) -> str:
    """The unit proper, without its qualifier: 'cup chopped' -> 'cup'."""
    words = key.split()
    if len(words) >= 2 and " ".join(words[:2]) in _TWO_WORD_HEADS:
        return " ".join(words[:2])
    return words[0] if words else ""


class Grams(NamedTuple):
    grams: float
    unit: str  # the unit as understood
    portion: str  # how the grams were worked out
    note: str | None  # said to the user when a choice was made for them


def _per(portion: Portion) -> float:
    return portion.grams / portion.amount


def usual_serving(
    food: Food, portions: tuple[Portion, ...], rules: tuple[Serving, ...] | None = None
) -> tuple[float, str]:
    """The serving NIH's table would use for this kind of food (data/servings.csv)."""
    description = food.description.lower()
    for rule in servings() if rules is None else rules:
        if rule.group not in ("*", food.group):
            continue
        if rule.when_word and rule.when_word not in description:
            continue
        key = unit_key(rule.unit)
        if key in MASS_G or any(
            key in (unit_key(p.unit), unit_head(unit_key(p.unit))) for p in portions
        ):
            return rule.amount, rule.unit
    return 100.0, "g"


def serving_of(
    food: Food, portions: tuple[Portion, ...], rules: tuple[Serving, ...] | None = None
) -> dict:
    """A food's usual serving: {portion, grams, mg}."""
    amount, unit = usual_serving(food, portions, rules)
    grams = to_grams(amount, unit, portions, food.description).grams
    return {
        "portion": f"{amount:g} {unit}",
        "grams": round(grams, 2),
        "mg": round(food.mg_per_100g * grams / 100, 1),
    }


def to_grams(amount: float, unit: str, portions: tuple[Portion, ...], food: str) -> Grams:
    """Grams in `amount` `unit` of a food with these USDA portions; InputError if unknown."""
    key = unit_key(unit)
    if key in MASS_G:
        return _checked(Grams(amount * MASS_G[key], key, f"{amount:g} {key}", None), unit)
    exact = [p for p in portions if unit_key(p.unit) == key]
    by_head = [p for p in portions if unit_head(unit_key(p.unit)) == key]
    # "medium" for USDA's "potato medium (2-1/4" to 3-1/4" dia)"
    by_word = [p for p in portions if " " not in key and key in unit_key(p.unit).split()]
    chosen = exact or by_head or by_word
    if chosen:
        p = chosen[0]
        note = None
        others = [o for o in chosen[1:] if _per(o) != _per(p)]
        if others:
            alts = ", ".join(f"'{o.unit}' ({_per(o):g} g)" for o in others)
            note = f"'{unit}' of {food}: used USDA '{p.unit}' ({_per(p):g} g); also: {alts}"
        return _checked(
            Grams(amount * _per(p), key, f"{amount:g} × {p.unit} ({_per(p):g} g)", note), unit
        )
    if key in VOLUME_ML:
        for p in portions:
            head = unit_head(unit_key(p.unit))
            if head in VOLUME_ML:
                g_per_ml = _per(p) / VOLUME_ML[head]
                grams = amount * VOLUME_ML[key] * g_per_ml
                how = f"{amount:g} {key} from USDA '{p.unit}' ({_per(p):g} g)"
                note = f"'{unit}' of {food}: no USDA weight for {key}; worked out from '{p.unit}'"
                return _checked(Grams(grams, key, how, note), unit)
    have = sorted({p.unit for p in portions})
    units = "g, mg, kg, oz, lb" + (", " + ", ".join(have) if have else "")
    raise InputError(f"unit {unit!r} is not known for {food}; use one of: {units}")


def _checked(g: Grams, unit: str) -> Grams:
    if g.grams > MAX_GRAMS:
        raise InputError(
            f"{g.grams:,.0f} g ({unit}) is more than {MAX_GRAMS:,.0f} g of one food; "
            "check the amount"
        )
    return g
