"""The food table on its own: search it, show one food, list the richest sources.

Each function returns plain dicts shaped like the models in models.py (FoodInfo, TopFood).
"""

from __future__ import annotations

from magcalc.errors import InputError
from magcalc.names import UNCOOKED, USUALLY_COOKED, words
from magcalc.portions import serving_of
from magcalc.tables import Food, common_foods, food, food_portions, foods, portions

# Groups left out of `foods top` unless asked for: not what anyone plans a diet from.
NOT_FOR_PLANNING = {
    "Baby Foods", "Fast Foods", "Restaurant Foods", "American Indian/Alaska Native Foods",
}  # fmt: skip
# Records of a food not as it is eaten: mixes, powders, concentrates, dry beans.
NOT_AS_EATEN = frozenset(words("powder mix dehydrated unprepared concentrate granules crude"))


def as_eaten(food: Food) -> bool:
    ws = set(words(food.description))
    if food.group == "Spices and Herbs":
        return True
    return not (ws & NOT_AS_EATEN or (food.group in USUALLY_COOKED and ws & UNCOOKED))


def _portions(item: Food) -> list[dict]:
    return [
        {
            "amount": p.amount,
            "unit": p.unit,
            "grams": p.grams,
            "mg": round(item.mg_per_100g * p.grams / 100, 1),
        }
        for p in food_portions(item.food_id)
    ]


def info(item: Food) -> dict:
    return {
        "food_id": item.food_id,
        "description": item.description,
        "food_group": item.group,
        "mg_per_100g": item.mg_per_100g,
        "usual_serving": serving_of(item, food_portions(item.food_id)),
        "portions": _portions(item),
    }


def search(query: str, limit: int = 10) -> list[dict]:
    """Foods for a name, best first, each with its portions."""
    from magcalc.match import rank

    return [info(c.food) for c in rank(query, limit=limit)]


def show(food_id: str) -> dict:
    text = food_id.strip()
    found = food(text.zfill(5)) if text.isdigit() and len(text) <= 5 else None
    if found is None:
        raise InputError(f"no USDA food has id {food_id}; try 'magcalc foods search NAME'")
    return info(found)


def groups() -> list[str]:
    return sorted({f.group for f in foods().values()})


def top(group: str | None = None, limit: int = 20, every_food: bool = False) -> list[dict]:
    """The richest sources of magnesium per usual serving, optionally within one food group.

    By default only common foods (those data/aliases.csv names) are ranked; `every_food`
    ranks all USDA records that are eaten as they are (no mixes, powders or dry beans).
    """
    if every_food:
        measures = portions()
        pool = [
            (f, serving_of(f, measures.get(f.food_id, ())), as_eaten(f)) for f in foods().values()
        ]
    else:
        pool = list(common_foods().values())
    chosen = [
        (s, f)
        for f, s, eaten in pool
        if eaten and (f.group == group if group else f.group not in NOT_FOR_PLANNING)
    ]
    ranked = sorted(chosen, key=lambda sf: (-sf[0]["mg"], sf[1].food_id))
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
