"""The food table on its own: search it, show one food, list the richest sources.

Each function returns plain dicts shaped like the models in models.py (FoodInfo, TopFood).
"""

from __future__ import annotations

from magcalc.errors import InputError
from magcalc.match import UNCOOKED, USUALLY_COOKED, rank, words
from magcalc.portions import to_grams, usual_serving
from magcalc.tables import Food, aliases, foods, portions

# Groups left out of `foods top` unless asked for: not what anyone plans a diet from.
NOT_FOR_PLANNING = {
    "Baby Foods", "Fast Foods", "Restaurant Foods", "American Indian/Alaska Native Foods",
}  # fmt: skip
# Records of a food not as it is eaten: mixes, powders, concentrates, dry beans.
NOT_AS_EATEN = frozenset(words("powder mix dehydrated unprepared concentrate granules crude"))


def _as_eaten(food: Food) -> bool:
    ws = set(words(food.description))
    if food.group == "Spices and Herbs":
        return True
    return not (ws & NOT_AS_EATEN or (food.group in USUALLY_COOKED and ws & UNCOOKED))


def _portions(food: Food) -> list[dict]:
    return [
        {
            "amount": p.amount,
            "unit": p.unit,
            "grams": p.grams,
            "mg": round(food.mg_per_100g * p.grams / 100, 1),
        }
        for p in portions().get(food.food_id, ())
    ]


def serving(food: Food) -> dict:
    """The usual serving of a food, with its grams and magnesium."""
    amount, unit = usual_serving(food, portions().get(food.food_id, ()))
    grams = to_grams(amount, unit, portions().get(food.food_id, ()), food.description).grams
    return {
        "portion": f"{amount:g} {unit}",
        "grams": round(grams, 2),
        "mg": round(food.mg_per_100g * grams / 100, 1),
    }


def info(food: Food) -> dict:
    return {
        "food_id": food.food_id,
        "description": food.description,
        "food_group": food.group,
        "mg_per_100g": food.mg_per_100g,
        "usual_serving": serving(food),
        "portions": _portions(food),
    }


def search(query: str, limit: int = 10) -> list[dict]:
    """Foods for a name, best first, each with its portions."""
    return [info(c.food) for c in rank(query, limit=limit)]


def show(food_id: str) -> dict:
    food = foods().get(food_id.strip().zfill(5))
    if food is None:
        raise InputError(f"no USDA food has id {food_id}; try 'magcalc foods search NAME'")
    return info(food)


def groups() -> list[str]:
    return sorted({f.group for f in foods().values()})


def top(group: str | None = None, limit: int = 20, every_food: bool = False) -> list[dict]:
    """The richest sources of magnesium per usual serving, optionally within one food group.

    By default only common foods (those data/aliases.csv names) are ranked; `every_food`
    ranks all USDA records that are eaten as they are (no mixes, powders or dry beans).
    """
    table = foods()
    pool = table.values() if every_food else (table[i] for i in dict.fromkeys(aliases().values()))
    chosen = [
        f
        for f in pool
        if (f.group == group if group else f.group not in NOT_FOR_PLANNING) and _as_eaten(f)
    ]
    ranked = sorted(((serving(f), f) for f in chosen), key=lambda sf: (-sf[0]["mg"], sf[1].food_id))
    return [
        {
            "food_id": f.food_id,
            "description": f.description,
            "food_group": f.group,
            "mg_per_100g": f.mg_per_100g,
            **s,
        }
        for s, f in ranked[:limit]
    ]


def suggest(gap_mg: float, exclude: set[str], most: int = 5, least: int = 3) -> list[dict]:
    """Servings of common magnesium-rich foods that would close a gap, richest first.

    Richest first, at most two from one food group (so the list is not all seeds), until the
    gap is closed; at least `least` and at most `most` servings.
    """
    if gap_mg <= 0:
        return []
    chosen: list[dict] = []
    per_group: dict[str, int] = {}
    total = 0.0
    for row in top(limit=200):
        if row["food_id"] in exclude or per_group.get(row["food_group"], 0) >= 2:
            continue
        per_group[row["food_group"]] = per_group.get(row["food_group"], 0) + 1
        chosen.append({k: row[k] for k in ("food_id", "description", "portion", "grams", "mg")})
        total += row["mg"]
        if len(chosen) >= most or (total >= gap_mg and len(chosen) >= least):
            break
    return chosen
