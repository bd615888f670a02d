"""The packaged tables as plain, immutable Python values, loaded no more than a command needs.

The small tables (reference intakes, supplement forms, aliases, servings) and the usual
servings of common foods are read from a compiled, already validated form:
- the wheel carries one, the module `magcalc._compiled`, made and validated when the wheel
  is built;
- elsewhere (an editable install, a checkout) the sources are validated with the pydantic
  models once and the result is cached under the user's cache directory, keyed by a hash of
  the sources. A missing, corrupt or unwritable cache only costs time.
The USDA food table is large: one food is found by scanning the CSV text for its id, and the
whole table is parsed only by commands that search or rank all foods.
"""

from __future__ import annotations

import os
import re
from functools import cache
from typing import Any, NamedTuple

from magcalc import __version__
from magcalc.data import data_path, read_text, read_yaml
from magcalc.errors import DataError
from magcalc.reference import Dri

COMPILED_MODULE = "_compiled"  # magcalc/_compiled.py, only in a built wheel
COMPILED_FORMAT = 4  # bump when the compiled layout changes
SOURCES = (
    "rda.yaml", "forms.yaml", "aliases.csv", "servings.csv", "within_person_sd.csv",
    "foods.csv", "portions.csv",
)  # fmt: skip


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


class Serving(NamedTuple):
    """A usual serving for a food group: `amount` `unit`, if the food has that unit."""

    group: str  # a USDA food group, or "*" for any
    when_word: str  # only for descriptions holding this word ("" = any)
    amount: float
    unit: str


def validation_error(name: str, error: Exception) -> DataError:
    """A one-line DataError naming the file and the row a pydantic error points at."""
    first = error.errors()[0] if hasattr(error, "errors") else {"loc": (), "msg": str(error)}
    loc = list(first.get("loc", ()))
    where = f" row {loc[1] + 1}" if len(loc) > 1 and loc[0] == "rows" else ""
    field = f" {loc[2]}" if len(loc) > 2 else ""
    return DataError(f"{name}{where}{field}: {first['msg']}")


# ------------------------------------------------------------------- the compiled tables


@cache
def compiled() -> dict[str, Any]:
    try:
        from magcalc._compiled import TABLES  # type: ignore[import-not-found]

        return TABLES
    except ImportError:
        pass  # a checkout or an editable install: no tables compiled at build time
    import json

    cache_file = os.path.join(_cache_dir(), f"tables-{sources_hash()}.json")
    try:
        with open(cache_file, encoding="utf-8") as f:
            tables = json.load(f)
        if tables.get("format") == COMPILED_FORMAT:
            return tables
    except (OSError, ValueError, AttributeError):
        pass  # no cache yet, or a broken one: compile again
    tables = compile_sources()
    try:
        os.makedirs(os.path.dirname(cache_file), exist_ok=True)
        tmp = f"{cache_file}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(tables, f, ensure_ascii=False)
        os.replace(tmp, cache_file)
    except OSError:
        pass  # an unwritable cache only means compiling again next time
    return tables


def _cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "magcalc")


def sources_hash() -> str:
    import hashlib  # only a checkout or editable install, with no packaged form, pays for it

    digest = hashlib.sha256(f"{__version__}/{COMPILED_FORMAT}".encode())
    for name in SOURCES:
        with open(data_path(name), "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()[:16]


def compile_sources() -> dict[str, Any]:
    """Validate every source table with the pydantic models and build the compiled form."""
    from pydantic import ValidationError

    from magcalc.models import DriTable, FoodRow, FormsTable, PortionRow, WithinSdRow

    def validated(name: str, model: Any, data: Any) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as e:
            raise validation_error(name, e) from None

    dri = validated("rda.yaml", DriTable, read_yaml("rda.yaml"))
    forms = validated("forms.yaml", FormsTable, read_yaml("forms.yaml"))
    for row in _rows("foods.csv"):
        validated("foods.csv", FoodRow, row)
    for row in _rows("portions.csv"):
        validated("portions.csv", PortionRow, row)
    sd_rows = [validated("within_person_sd.csv", WithinSdRow, r) for r in _rows(
        "within_person_sd.csv")]  # fmt: skip
    table, measures = _parse_foods(), _parse_portions()
    alias_map = _read_aliases()
    if missing := set(alias_map.values()) - set(table):
        raise DataError(f"aliases.csv names foods that are not in foods.csv: {sorted(missing)}")
    rules = _read_servings()
    from magcalc.catalog import as_eaten  # both import this module
    from magcalc.portions import serving_of

    common = {
        food_id: serving_of(table[food_id], measures.get(food_id, ()), rules)
        for food_id in dict.fromkeys(alias_map.values())
    }
    return {
        "format": COMPILED_FORMAT,
        "dri": [row.model_dump() for row in dri.rows],
        "forms": forms.model_dump(),
        "aliases": alias_map,
        "servings": [list(rule) for rule in rules],
        "within_sd": [list(row.model_dump().values()) for row in sd_rows],
        "common": {
            food_id: {
                "food": list(table[food_id]),
                "portions": [list(p) for p in measures.get(food_id, ())],
                "serving": serving,
                "as_eaten": as_eaten(table[food_id]),
            }
            for food_id, serving in common.items()
        },
    }


@cache
def dri_rows() -> list[Dri]:
    return [Dri(**row) for row in compiled()["dri"]]


@cache
def forms_table() -> dict:
    """data/forms.yaml: articles, supplement forms, goal rankings and advice."""
    return compiled()["forms"]


@cache
def aliases() -> dict[str, str]:
    """Curated common names (match.key form) -> NDB number, from data/aliases.csv."""
    return compiled()["aliases"]


@cache
def servings() -> tuple[Serving, ...]:
    """Usual servings by food group, in order of preference, from data/servings.csv."""
    return tuple(Serving(*rule) for rule in compiled()["servings"])


@cache
def within_sd() -> list:
    """Day-to-day SDs of magnesium intake by group (data/within_person_sd.csv)."""
    from magcalc.usual import WithinSd

    return [WithinSd(*row) for row in compiled()["within_sd"]]


@cache
def common_foods() -> dict[str, tuple[Food, dict, bool]]:
    """The foods aliases name: (food, usual serving {portion, grams, mg}, eaten as it is)."""
    return {
        food_id: (Food(*entry["food"]), entry["serving"], entry["as_eaten"])
        for food_id, entry in compiled()["common"].items()
    }


@cache
def _common_portions() -> dict[str, tuple[Portion, ...]]:
    return {
        food_id: tuple(Portion(*p) for p in entry["portions"])
        for food_id, entry in compiled()["common"].items()
    }


# ---------------------------------------------------------------------- the USDA tables


def _rows(name: str) -> list[dict[str, str]]:
    import csv

    with open(data_path(name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def _text(name: str) -> str:
    return read_text(name)


def _food_row(row: list[str]) -> Food:
    return Food(row[0], row[1], row[2], float(row[3]))


def food(food_id: str) -> Food | None:
    """One food by NDB number, without parsing the whole table."""
    if foods.cache_info().currsize:
        return foods().get(food_id)
    if food_id in common_foods():
        return common_foods()[food_id][0]
    import csv

    m = re.search(rf"^{re.escape(food_id)},.*$", _text("foods.csv"), re.MULTILINE)
    return _food_row(next(csv.reader([m.group(0)]))) if m else None


def food_portions(food_id: str) -> tuple[Portion, ...]:
    """One food's USDA household measures, in USDA's order."""
    if portions.cache_info().currsize:
        return portions().get(food_id, ())
    if food_id in _common_portions():
        return _common_portions()[food_id]
    import csv

    lines = re.findall(rf"^{re.escape(food_id)},.*$", _text("portions.csv"), re.MULTILINE)
    return tuple(Portion(float(a), u, float(g)) for _, a, u, g in csv.reader(lines))


def _parse_foods() -> dict[str, Food]:
    import csv

    reader = csv.reader(_text("foods.csv").splitlines())
    next(reader)
    return {r[0]: _food_row(r) for r in reader}


def _parse_portions() -> dict[str, tuple[Portion, ...]]:
    import csv

    grouped: dict[str, list[Portion]] = {}
    reader = csv.reader(_text("portions.csv").splitlines())
    next(reader)
    for food_id, amount, unit, grams in reader:
        grouped.setdefault(food_id, []).append(Portion(float(amount), unit, float(grams)))
    return {k: tuple(v) for k, v in grouped.items()}


@cache
def foods() -> dict[str, Food]:
    """All USDA foods by NDB number, in file order."""
    return _parse_foods()


@cache
def portions() -> dict[str, tuple[Portion, ...]]:
    """USDA household measures of every food, by NDB number."""
    return _parse_portions()


def _read_aliases() -> dict[str, str]:
    from magcalc.names import key

    return {key(r["alias"]): r["food_id"] for r in _rows("aliases.csv")}


def _read_servings() -> tuple[Serving, ...]:
    return tuple(
        Serving(r["food_group"], r["when_word"], float(r["amount"]), r["unit"])
        for r in _rows("servings.csv")
    )


def clear_caches() -> None:
    """Forget every table loaded in this process (for a process that changes data_dir)."""
    for func in (compiled, dri_rows, forms_table, aliases, servings, within_sd, common_foods,
                 _common_portions, _text, foods, portions):  # fmt: skip
        func.cache_clear()
