"""Load the packaged tables into plain, immutable Python values (NamedTuples and dicts)."""

from __future__ import annotations

import csv
from functools import cache
from typing import NamedTuple

from magcalc.data import data_path, read_yaml
from magcalc.errors import DataError
from magcalc.reference import Dri


class Food(NamedTuple):
    food_id: str
    description: str
    group: str
    mg_per_100g: float


class Portion(NamedTuple):
    """`amount` × `unit` of a food weighs `grams` (a USDA household measure)."""

    amount: float
    unit: str
    grams: float


def validation_error(name: str, error: Exception) -> DataError:
    """A one-line DataError naming the file and the row a pydantic error points at."""
    first = error.errors()[0] if hasattr(error, "errors") else {"loc": (), "msg": str(error)}
    loc = list(first.get("loc", ()))
    where = f" row {loc[1] + 1}" if len(loc) > 1 and loc[0] == "rows" else ""
    field = f" {loc[2]}" if len(loc) > 2 else ""
    return DataError(f"{name}{where}{field}: {first['msg']}")


@cache
def dri_rows() -> list[Dri]:
    from pydantic import ValidationError

    from magcalc.models import DriTable

    try:
        table = DriTable.model_validate(read_yaml("rda.yaml"))
    except ValidationError as e:
        raise validation_error("rda.yaml", e) from None
    return [Dri(**row.model_dump()) for row in table.rows]


@cache
def foods() -> dict[str, Food]:
    """All USDA foods by NDB number, in file order."""
    with data_path("foods.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        return {r[0]: Food(r[0], r[1], r[2], float(r[3])) for r in reader}


@cache
def portions() -> dict[str, tuple[Portion, ...]]:
    """USDA household measures by NDB number, in USDA's order."""
    grouped: dict[str, list[Portion]] = {}
    with data_path("portions.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        for food_id, amount, unit, grams in reader:
            grouped.setdefault(food_id, []).append(Portion(float(amount), unit, float(grams)))
    return {k: tuple(v) for k, v in grouped.items()}


@cache
def aliases() -> dict[str, str]:
    """Curated common names (match.key form) -> NDB number, from data/aliases.csv."""
    from magcalc.match import key

    with data_path("aliases.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        return {key(alias): food_id for alias, food_id, _source in reader}


@cache
def forms_table() -> dict:
    """data/forms.yaml: articles, supplement forms, goal rankings and advice, validated."""
    from pydantic import ValidationError

    from magcalc.models import FormsTable

    try:
        return FormsTable.model_validate(read_yaml("forms.yaml")).model_dump()
    except ValidationError as e:
        raise validation_error("forms.yaml", e) from None


class Serving(NamedTuple):
    """A usual serving for a food group: `amount` `unit`, if the food has that unit."""

    group: str  # a USDA food group, or "*" for any
    when_word: str  # only for descriptions holding this word ("" = any)
    amount: float
    unit: str


@cache
def servings() -> tuple[Serving, ...]:
    """Usual servings by food group, in order of preference, from data/servings.csv."""
    with data_path("servings.csv").open(newline="", encoding="utf-8") as f:
        return tuple(
            Serving(r["food_group"], r["when_word"], float(r["amount"]), r["unit"])
            for r in csv.DictReader(f)
        )
