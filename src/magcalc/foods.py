"""Step 3: resolve each food to a catalogue record and a weight in grams.

A name resolves, in order, as a food id (the one rule is store.parse_food_id), one of the
user's own foods or recipes by its name (magcalc.own), a common name from data/aliases.csv
(also through a synonym or a close spelling), or a ranked search of the catalogue
(magcalc.match). A name no food fits is refused with the closest names. A recipe is a food
whose weight and magnesium are those of its ingredients, resolved the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from magcalc import own, store, units
from magcalc.choices import RECIPE
from magcalc.errors import InputError, InputErrors
from magcalc.match import Candidate, alias_for, rank
from magcalc.names import words
from magcalc.parse import FoodSpec
from magcalc.portions import Grams, to_grams
from magcalc.store import Food, Portion

if TYPE_CHECKING:
    from magcalc.results import FoodLine
else:  # a TypedDict is a dict at run time; results.py is for type checkers and the schema
    FoodLine = dict

CLOSE = 0.5  # a runner-up within this score of the winner may be what was meant
SAME_MG = 0.10  # ... unless its magnesium per 100 g is within 10 %: the choice changes little


class Resolution(NamedTuple):
    food: Food
    how: str  # "id", "own", "recipe", "alias" or "search"
    runner_up: Food | None  # a close second choice the user may have meant
    respelled: tuple[tuple[str, str], ...] = ()  # (typed word, word read)
    ignored: tuple[str, ...] = ()  # typed words no food holds
    lacking: tuple[str, ...] = ()  # typed words the record lacks


def resolve(name: str, strict: bool = False) -> Resolution:
    """The record for a name; InputError with the closest names when there is none."""
    text = name.strip()
    food_id = store.parse_food_id(text)
    if food_id is not None:
        found = store.food(food_id)
        if found is None:
            raise InputError(f"no food has id {text}; find one with 'magcalc foods search NAME'")
        return Resolution(found, "id", None)
    aliased = alias_for(text)
    if aliased is not None:
        food_id, respelled = aliased
        return Resolution(_known(food_id), "alias", None, respelled)
    ranked = rank(text, limit=2)
    if not ranked:
        raise InputError(f"no food matches {text!r}{_closest(text)}")
    best = ranked[0]
    runner = _runner_up(best, ranked[1:])
    if runner and strict:
        raise InputError(
            f"{text!r} is ambiguous: {best.food.food_id} {best.food.description!r} or "
            f"{runner.food_id} {runner.description!r}; name the food by its id"
        )
    return Resolution(best.food, "search", runner, best.respelled, best.ignored, best.lacking)


def _runner_up(best: Candidate, rest: list[Candidate]) -> Food | None:
    if not rest or rest[0].score - best.score >= CLOSE:
        return None
    a, b = best.food.mg_per_100g, rest[0].food.mg_per_100g
    if abs(a - b) <= SAME_MG * max(a, b):
        return None
    return rest[0].food


def _known(food_id: str) -> Food:
    found = store.food(food_id)
    if found is None:  # the build checks every alias; this is a broken install
        raise InputError(f"the alias table names food {food_id}, which is missing")
    return found


def _closest(text: str) -> str:
    """'; closest: ...' naming foods that hold any known word of the name, or ''."""
    ws = [w for w in words(text) if len(w) > 2]
    known = store.known_words(ws)
    if not known:
        return "; try 'magcalc foods search WORD' with another word"
    hits = store.search(" OR ".join(f'"{w}"' for w in sorted(known)), 3)
    names = "; ".join(f"{h.food.food_id} {h.food.description!r}" for h in hits)
    return f"; closest: {names}" if names else ""


class Resolved(NamedTuple):
    """One food line resolved: the record, the weight, and what the user should be told."""

    line: FoodLine
    notes: list[str]


class Cooked(NamedTuple):
    """A recipe resolved: the food it makes and its ingredients' lines for the whole recipe."""

    recipe: own.Recipe
    food: Food
    lines: list[FoodLine]
    notes: list[str]


class Resolver:
    """Resolves the foods of one run. A diary repeats its names and amounts: each name is
    searched once, each amount of a food weighed once, and each line built once a day."""

    def __init__(self, strict: bool = False, mine: own.Own = own.NONE) -> None:
        self.strict = strict
        self.mine = mine
        self._names: dict[str, Resolution] = {}
        self._grams: dict[tuple, Grams] = {}
        self._lines: dict[tuple, FoodLine] = {}
        self._recipes: dict[str, Cooked] = {}
        self._cooking: list[str] = []  # the recipes being resolved, to refuse a loop

    def find(self, name: str) -> Resolution:
        """The record a name means: the user's own food or recipe of that name first."""
        if store.parse_food_id(name) is None:  # an id is USDA's, whatever the user named
            if (mine := self.mine.food(name)) is not None:
                return Resolution(mine, "own", None)
            if (path := self.mine.recipe(name)) is not None:
                return Resolution(self.recipe(path).food, "recipe", None)
        return resolve(name, strict=self.strict)

    def recipe(self, path: str) -> Cooked:
        """A recipe file resolved; InputError(s) naming its bad lines."""
        if path in self._recipes:
            return self._recipes[path]
        if path in self._cooking:
            chain = " -> ".join(own.recipe_name(p) for p in [*self._cooking, path])
            raise InputError(f"a recipe includes itself: {chain}", "--recipes", path)
        if len(self._cooking) >= own.MAX_RECIPE_DEPTH:
            first = own.recipe_name(self._cooking[0])
            raise InputError(f"recipes within recipes more than {own.MAX_RECIPE_DEPTH} deep "
                             f"(from {first})", "--recipes", path)  # fmt: skip
        self._cooking.append(path)
        try:
            cooked = self._cook(own.read_recipe(path))
        finally:
            self._cooking.pop()
        self._recipes[path] = cooked
        return cooked

    def _cook(self, recipe: own.Recipe) -> Cooked:
        lines: list[FoodLine] = []
        notes: list[str] = []
        errors: list[InputError] = []
        for spec in recipe.foods:
            try:
                line, said = self.resolve(spec)
            except InputError as e:
                errors.append(e.about("--recipes", spec.where))
                continue
            lines.append(line)
            notes += [f"{spec.where}: {n}" for n in said]
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise InputErrors(errors, "--recipes")
        grams = sum(line["grams"] for line in lines)
        mg = sum(line["mg"] for line in lines)
        food = Food(
            f"recipe:{own.slug(recipe.name)}", RECIPE,
            f"{recipe.name}, serves {recipe.serves:g}", "your recipes",
            mg * 100 / grams, False, True, (Portion(1.0, "serving", grams / recipe.serves),),
        )  # fmt: skip
        return Cooked(recipe, food, lines, notes)

    def resolve(self, spec: FoodSpec) -> Resolved:
        """The line for a spec, and the notes not yet given for its name and amount."""
        line_key = (spec.text, spec.name, spec.date)
        line = self._lines.get(line_key)
        if line is not None:
            return Resolved(line, [])
        notes: list[str] = []
        found = self._names.get(spec.name)
        if found is None:
            found = self._names[spec.name] = self.find(spec.name)
            notes += _name_notes(spec, found)
            if found.how == "recipe":
                notes += self.recipe(self.mine.recipes[own.name_key(spec.name)]).notes
        food = found.food
        weight_key = (food.food_id, spec.amount, spec.unit)
        weight = self._grams.get(weight_key)
        if weight is None:
            weight = self._grams[weight_key] = _weigh(food, spec)
            if weight.note:
                notes.append(weight.note)
        line = self._lines[line_key] = FoodLine(
            query=spec.text, food_id=food.food_id, source=food.source,  # type: ignore[typeddict-item]
            description=food.description, amount=spec.amount if spec.amount is not None else 1.0,
            unit=weight.unit, portion=weight.portion, grams=weight.grams,
            mg_per_100g=food.mg_per_100g, mg=food.mg_per_100g * weight.grams / 100,
            date=spec.date,
        )  # fmt: skip
        return Resolved(line, notes)


_SERVINGS = units.COUNT_WORDS | {"serving", "portion"}  # "smoothie:1", "smoothie:2 servings"


def _weigh(food: Food, spec: FoodSpec) -> Grams:
    """Grams of a spec's amount; a recipe is counted in servings (or weighed)."""
    said = f"{spec.name!r}"
    if food.source == RECIPE and units.unit_key(spec.unit or "") in _SERVINGS:
        weight = to_grams(food, spec.amount or 1.0, "serving", said)
        if spec.amount is None:
            return weight._replace(note=f"{said}: no amount given; used one serving")
        return weight
    return to_grams(food, spec.amount, spec.unit, said)


def _name_notes(spec: FoodSpec, found: Resolution) -> list[str]:
    """What the user should be told of how a name was read."""
    food, said = found.food, spec.name
    notes: list[str] = []
    if found.respelled:
        read = ", ".join(f"{a!r} as {b!r}" for a, b in found.respelled)
        notes.append(f"{said!r}: read {read} (a close spelling); matched "
                     f"{food.food_id} {food.description!r}")  # fmt: skip
    if found.ignored:
        left = ", ".join(repr(w) for w in found.ignored)
        notes.append(f"{said!r}: no food has the word {left}; matched "
                     f"{food.food_id} {food.description!r} without it")  # fmt: skip
    if found.lacking:
        left = ", ".join(repr(w) for w in found.lacking)
        notes.append(f"{said!r}: no food has all its words; matched {food.food_id} "
                     f"{food.description!r}, which lacks {left}")  # fmt: skip
    if found.runner_up is not None:
        r = found.runner_up
        amount = spec.amount_text or "AMOUNT UNIT"
        notes.append(
            f"{said!r}: used {food.food_id} {food.description!r}; it could also be "
            f'{r.food_id} {r.description!r} (pick it with --food "{r.food_id}:{amount}")'
        )
    return notes
