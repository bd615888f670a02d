"""The catalogue on its own (`magcalc foods ...`): search it, show one food, list the richest
sources, and suggest servings that would close a gap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from magcalc import own, store
from magcalc.errors import InputError
from magcalc.names import words
from magcalc.portions import measures, serving_of
from magcalc.reference import Dri
from magcalc.store import Food

if TYPE_CHECKING:
    from magcalc.results import FoodGroup, FoodInfo, FoodSuggestion, PortionInfo, TopFood
else:  # a TypedDict is a dict at run time; results.py is for type checkers and the schema
    FoodGroup = FoodInfo = FoodSuggestion = PortionInfo = TopFood = dict


def info(item: Food) -> FoodInfo:
    return FoodInfo(
        food_id=item.food_id, source=item.source,  # type: ignore[typeddict-item]
        description=item.description, food_group=item.category,
        mg_per_100g=item.mg_per_100g, usual_serving=serving_of(item),  # type: ignore[typeddict-item]
        portions=[
            PortionInfo(amount=m.portion.amount, unit=m.portion.unit, grams=m.portion.grams,
                        mg=item.mg_per_100g * m.portion.grams / 100)
            for m in measures(item)
        ],
    )  # fmt: skip


def search(query: str, limit: int = 10) -> list[FoodInfo]:
    """Foods for a name, best first, each with its portions; empty when none fits."""
    from magcalc.resolver import resolve

    food_id = store.parse_food_id(query)
    if food_id is not None:
        found = store.food(food_id)
        return [info(found)] if found else []
    m = resolve(query, alternatives=limit)  # what `intake` would use, first
    if m.parts:  # a name of two foods: each part's records
        found = [f for _, pm in m.parts for f in (pm.food, *(o.food for o in pm.alternatives))]
    else:
        found = [m.food, *(o.food for o in m.alternatives)]
    if m.how == "alias" and m.food is not None:  # and what the words find beside it
        more = resolve(query, alternatives=limit, hand=False)
        found += [more.food, *(o.food for o in more.alternatives)]
    unique = list(dict.fromkeys(f for f in found if f is not None))
    return [info(f) for f in unique[:limit]]


def show(food_id: str) -> FoodInfo:
    key = store.parse_food_id(food_id)
    found = store.food(key) if key is not None else None
    if found is None:
        raise InputError(
            f"no food has id {food_id!r}; find one with 'magcalc foods search NAME'", "FOOD_ID"
        )
    return info(found)


def groups() -> list[FoodGroup]:
    return [FoodGroup(food_group=g) for g in store.categories()]


def find_group(name: str) -> str:
    """The food group or category a name means, whatever its case; InputError if none."""
    known = store.categories()
    match = [g for g in known if g.lower() == name.strip().lower()]
    if not match:
        raise InputError(
            f"{name!r} is not a food group; see 'magcalc foods groups' for the "
            f"{len(known)} groups and categories",
            "--group",
        )
    return match[0]


def top(
    group: str | None = None, limit: int = 20, every_food: bool = False, nih_only: bool = False
) -> list[TopFood]:
    """The richest sources of magnesium per usual serving, optionally within one group.

    By default only common foods (those data/aliases.csv names) are ranked; `every_food`
    ranks every record eaten as it is (no mixes, powders or dry beans).
    """
    pool = store.planning_foods(group, common_only=not every_food, nih_only=nih_only)
    known = store.nih_servings()  # worked out in advance: every run that suggests needs them
    store.preload_portions([f.food_id for f in pool if f.food_id not in known])
    rows = []
    for f in pool:
        s = known.get(f.food_id) or serving_of(f)
        rows.append(TopFood(food_id=f.food_id, source=f.source,  # type: ignore[typeddict-item]
                            description=f.description, food_group=f.category,
                            mg_per_100g=f.mg_per_100g, **s))  # fmt: skip
    rows.sort(key=lambda r: (-r["mg"], r["food_id"]))
    return rows[:limit]


def nih_servings() -> list[list]:
    """The usual serving of each food of NIH's table of food sources, worked out from the
    tables: data/nih_servings.csv, which the tests keep equal to it (rows: food id,
    portion, grams, mg)."""
    pool = store.planning_foods(None, common_only=True, nih_only=True)
    store.preload_portions([f.food_id for f in pool])
    rows = [[f.food_id, *serving_of(f).values()] for f in pool]
    return sorted(rows)


# Foods a young child can choke on, left out of suggestions under CHOKING_AGE_MONTHS: whole
# nuts and seeds (their butters are fine).
CHOKING_WORDS = frozenset({"nut", "seed", "peanut", "almond", "cashew", "walnut", "pecan",
                           "pistachio", "chia", "pepita", "kernel"})  # fmt: skip
CHOKING_AGE_MONTHS = 48
INFANT_MONTHS = 12


def _choking(description: str) -> bool:
    ws = set(words(description))
    return bool(ws & CHOKING_WORDS) and "butter" not in ws


def suggest(
    gap_mg: float, exclude: set[str], age_months: float, dri: Dri, most: int = 5, least: int = 3
) -> tuple[list[FoodSuggestion], list[str]]:
    """Servings of the foods of NIH's table of food sources that would close a gap, richest
    first, fit for the person's age; and why some or all were left out.

    At most two from one food group (so the list is not all seeds), until the gap is closed;
    at least `least` and at most `most` servings. None for an infant; no whole nuts or seeds
    for a child under 4.
    """
    if gap_mg <= 0:
        return [], []
    if age_months < INFANT_MONTHS:
        return [], [
            f"No foods are suggested for an infant: breast milk or formula supply the "
            f"{dri.target_kind} of {dri.target_mg} mg; ask a paediatrician about other foods."
        ]
    young = age_months < CHOKING_AGE_MONTHS
    chosen: list[FoodSuggestion] = []
    per_group: dict[str, int] = {}
    total = 0.0
    for row in top(limit=100, nih_only=True):
        if row["food_id"] in exclude or per_group.get(row["food_group"], 0) >= 2:
            continue
        if young and _choking(row["description"]):
            continue
        per_group[row["food_group"]] = per_group.get(row["food_group"], 0) + 1
        chosen.append(FoodSuggestion(food_id=row["food_id"], source=row["source"],
                                     description=row["description"], portion=row["portion"],
                                     grams=row["grams"], mg=row["mg"]))  # fmt: skip
        total += row["mg"]
        if len(chosen) >= most or (total >= gap_mg and len(chosen) >= least):
            break
    why = ["Whole nuts and seeds are left out of the food suggestions under 4 years: a choking "
           "hazard (nut butters are fine)."] if young else []  # fmt: skip
    return chosen, why


def complete_food(typed: str, mine: own.Own = own.NONE, limit: int = 30) -> list[str]:
    """What `--food` may go on to say, for TAB completion: names that start with what was
    typed (the user's own first), or after 'NAME:' the units that food really has."""
    name, sep, amount = typed.rpartition(":")
    if sep:
        return [f"{name}:{u}" for u in _units(name, mine)
                if u.lower().startswith(amount.strip().lower())][:limit]  # fmt: skip
    p = typed.lower()
    yours = [f.description for f in mine.foods.values() if f.description.lower().startswith(p)]
    yours += [n for n in map(own.recipe_name, mine.recipes.values()) if n.lower().startswith(p)]
    return list(dict.fromkeys(yours + store.names_starting(typed, limit)))[:limit]


def _units(name: str, mine: own.Own) -> list[str]:
    """The amounts a food can be given in: its own measures, then grams and ounces."""
    from magcalc.foods import Resolver

    try:
        food = Resolver(mine=mine, guess=True).find(name)[0].food
    except InputError:
        return []
    shown = [f"{m.portion.amount:g} {m.portion.unit}" for m in measures(food) if not m.default]
    return list(dict.fromkeys([*shown, "100 g", "1 oz"]))
