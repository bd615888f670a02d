"""Step 3: resolve each food to a catalogue record and a weight in grams.

A name resolves, in order, as one of the user's own foods or recipes by its name
(magcalc.own), a name the user picked a record for before (their names file), or through
magcalc.resolver, which reads the name (a food id, a common name, or a ranked search) and says
how sure it is. A line it is not sure of is refused with the records it may be, unless a
best guess was asked for; a name of two foods ("toast with butter") with no record of the
dish is two lines, the second at USDA's usual amount for what goes on or with the first.
A recipe is a food whose weight and magnesium are those of its ingredients, resolved the
same way.
"""

from typing import TYPE_CHECKING, NamedTuple

from magcalc import own, resolver, store, units
from magcalc.choices import RECIPE, MeasureSystem
from magcalc.errors import InputError, InputErrors, NotSure, UnitUnknown
from magcalc.parse import FoodSpec
from magcalc.portions import Grams, to_grams
from magcalc.store import Food, Portion

if TYPE_CHECKING:
    from magcalc.results import Alternative, FoodLine
else:  # a TypedDict is a dict at run time; results.py is for type checkers and the schema
    Alternative = FoodLine = dict


class Resolution(NamedTuple):
    food: Food
    how: str  # "id", "name", "own", "recipe", "picked", "alias", "search"
    confidence: float = 1.0
    alternatives: tuple[resolver.Option, ...] = ()
    respelled: tuple[tuple[str, str], ...] = ()  # (typed word, word read)
    lacking: tuple[str, ...] = ()  # typed words the record lacks
    part: str | None = None  # the part of a name of two foods this is


def _not_sure(text: str, m: resolver.Match) -> InputError:
    """The refusal of a line magcalc is not sure of, with what it may be."""
    if m.food is None:
        if m.how == "id":
            return InputError(f"no food has id {text}; find one with 'magcalc foods search NAME'")
        return InputError(f"no food matches {text!r}; try 'magcalc foods search WORD'")
    options = [
        (o.food.food_id, o.food.description)
        for o in (resolver.Option(m.food, m.confidence), *m.alternatives)
    ][:4]
    listed = "; ".join(f"{i} {d!r}" for i, d in options)
    if m.lacking:
        head = f"no food matches {text!r}; closest:"
    else:
        head = f"not sure what {text!r} is (confidence {m.confidence:.2f}): it may be"
    return NotSure(f"{head} {listed}; name the food by its id, or give --best-guess to take "
                   "the first", text, options)  # fmt: skip


def resolutions(text: str, guess: bool = False, mine: own.Own = own.NONE) -> list[Resolution]:
    """The record(s) a name means; InputError when none, or when not sure and no guess is
    asked for. Two for a name of two foods with no record of the dish, base first. `mine`:
    the user's files, whose names file holds the records picked before for names."""
    m = resolver.resolve(text)
    if m.parts:
        m = m._replace(parts=tuple((part, _picked(part, pm, mine)) for part, pm in m.parts))
        missing = [part for part, pm in m.parts if pm.food is None]
        if m.join == "and" or missing:
            names = " and ".join(repr(part) for part, _ in m.parts)
            raise InputError(
                f"{text!r} is two foods and no USDA record holds both; give each its own line "
                f"with its amount ({names})"
            )
        out = []
        for part, pm in m.parts:
            if pm.confidence < resolver.SURE and not guess:
                raise _not_sure(part, pm)
            out.append(_resolution(pm, part))
        return out
    if m.food is None or (m.confidence < resolver.SURE and not guess):
        raise _not_sure(text, m)
    return [_resolution(m)]


def _picked(part: str, m: resolver.Match, mine: own.Own) -> resolver.Match:
    """A part's match, or the record the user picked for it before."""
    food_id = mine.picked(part)
    found = store.food(food_id) if food_id else None
    return resolver.Match(found, 1.0, "picked") if found else m


def _resolution(m: resolver.Match, part: str | None = None) -> Resolution:
    assert m.food is not None
    return Resolution(m.food, m.how, m.confidence, m.alternatives, m.respelled, m.lacking, part)


class Resolved(NamedTuple):
    """One food line resolved: its record(s) and weight(s), and what the user should be told.
    A name of two foods ("toast with butter") gives two lines."""

    lines: list[FoodLine]
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

    def __init__(self, strict: bool = False, mine: own.Own = own.NONE, guess: bool = False,
                 system: MeasureSystem = "us") -> None:  # fmt: skip
        self.strict = strict
        self.guess = guess
        self.system = system  # whose everyday measures: a US or a UK pint
        self.mine = mine
        self._names: dict[str, list[Resolution]] = {}
        self._grams: dict[tuple, Grams] = {}
        self._lines: dict[tuple, FoodLine] = {}
        self._recipes: dict[str, Cooked] = {}
        self._cooking: list[str] = []  # the recipes being resolved, to refuse a loop
        self._told: set[str] = set()  # the notes said

    def find(self, name: str) -> list[Resolution]:
        """The record(s) a name means: the user's own food or recipe of that name first, then
        a record the user picked for that name before, then the resolver's."""
        if store.parse_food_id(name) is None:  # an id is USDA's, whatever the user named
            if (mine := self.mine.food(name)) is not None:
                return [Resolution(mine, "own")]
            if (path := self.mine.recipe(name)) is not None:
                return [Resolution(self.recipe(path).food, "recipe")]
            picked = self.mine.picked(name)
            if picked is not None and (found := store.food(picked)) is not None:
                return [Resolution(found, "picked")]
        # Doubt is weighed in `resolve`, with the amount: a unit only some records have
        # tells which of them was meant.
        return resolutions(name, guess=True, mine=self.mine)

    def _doubt(self, name: str, r: Resolution) -> None:
        """Refuses a record magcalc is not sure of, unless a guess is asked for; under
        --strict, one that is not clear."""
        if r.confidence < resolver.SURE and not self.guess:
            raise _not_sure(r.part or name, r)
        if self.strict and r.confidence < CLEAR:
            raise InputError(f"{name!r} is not clear (confidence {r.confidence:.2f}): "
                             f"{_options(r)}; name the food by its id")  # fmt: skip

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
                got, said = self.resolve(spec)
            except InputError as e:
                errors.append(e.about("--recipes", spec.where))
                continue
            lines += got
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
        """The line(s) for a spec, and the notes not yet given for its name and amount."""
        line_key = (spec.text, spec.name, spec.date)
        lines = self._lines.get(line_key)
        if lines is not None:
            return Resolved(lines, [])
        notes: list[str] = []
        found = self._names.get(spec.name)
        if found is None:
            found = self._names[spec.name] = self.find(spec.name)
            if found[0].how == "recipe":
                notes += self.recipe(self.mine.recipes[own.name_key(spec.name)]).notes
        lines = []
        for i, r in enumerate(found):
            said: list[str | None] = []
            if i == 0:
                r, weight, switched = self._likeliest(r, spec)
                amount = spec.amount if spec.amount is not None else 1.0
                said.append(switched)
            self._doubt(spec.name, r)
            said += _name_notes(spec, r)
            if i > 0:  # what goes on or with the base, at USDA's usual amount for it
                weight = _topping(r, lines[0], spec)
                amount = weight.grams
            notes += self._untold([*said, weight.note])
            lines.append(_line(spec, r, weight, amount))
        self._lines[line_key] = lines
        return Resolved(lines, notes)

    def _likeliest(self, r: Resolution, spec: FoodSpec
                   ) -> tuple[Resolution, Grams, str | None]:  # fmt: skip
        """The likeliest record that can weigh the amount, its weight, and why it is not the
        first. Where a first record that is not clear (CLEAR) has no measure for the unit
        ("chow mein:1 cup" of a restaurant dish weighed only by the order), the next that has
        one is taken, said, at its own confidence: conditioning on the unit made lines sure
        that were wrong."""
        try:
            return r, self._weight(r.food, spec), None
        except UnitUnknown as e:
            if r.confidence >= CLEAR or not r.alternatives:
                raise  # a record magcalc is clear about: the unit is at fault, its units said
            first = e
        for i, alt in enumerate(r.alternatives):
            try:
                weight = self._weight(alt.food, spec)
            except UnitUnknown:
                continue
            chosen = r._replace(food=alt.food, confidence=alt.probability,
                                alternatives=r.alternatives[i + 1:])  # fmt: skip
            said = repr(r.part or spec.name)
            why = (f"{said}: {r.food.food_id} {r.food.description!r} has no measure for "
                   f"{spec.amount_text!r}; used {alt.food.food_id} {alt.food.description!r}, "
                   f"the likeliest record that has one")  # fmt: skip
            return chosen, weight, why
        raise first

    def _untold(self, notes: list[str | None]) -> list[str]:
        """The notes not yet said this run: a diary repeats its names and amounts."""
        new = [n for n in dict.fromkeys(notes) if n and n not in self._told]
        self._told.update(new)
        return new

    def _weight(self, food: Food, spec: FoodSpec) -> Grams:
        weight_key = (food.food_id, spec.amount, spec.unit)
        weight = self._grams.get(weight_key)
        if weight is None:
            weight = self._grams[weight_key] = _weigh(food, spec, self.system)
        return weight


CLEAR = 0.9  # below this a line names its runner-up, and --strict refuses it


def _options(r: Resolution) -> str:
    return "it may also be " + "; ".join(
        f"{o.food.food_id} {o.food.description!r}" for o in r.alternatives[:3]
    ) if r.alternatives else "no other record is near"  # fmt: skip


def _line(spec: FoodSpec, r: Resolution, weight: Grams, amount: float) -> FoodLine:
    food = r.food
    return FoodLine(
        query=spec.text, food_id=food.food_id, source=food.source,  # type: ignore[typeddict-item]
        description=food.description, amount=amount, unit=weight.unit, portion=weight.portion,
        portion_rule=weight.rule, grams=weight.grams,
        mg_per_100g=food.mg_per_100g, mg=food.mg_per_100g * weight.grams / 100, date=spec.date,
        meal=spec.meal,
        confidence=r.confidence, part=r.part,
        alternatives=[Alternative(food_id=o.food.food_id, description=o.food.description,
                                  probability=o.probability)
                      for o in r.alternatives] if r.confidence < 1 else [],
    )  # fmt: skip


def _topping(r: Resolution, base: FoodLine, spec: FoodSpec) -> Grams:
    """What goes on or with a food, by USDA's guideline amount of it for that food (FNDDS:
    butter "per slice of bread/roll", milk "per fl oz of beverage"), else its usual amount."""
    from magcalc.portions import default_amount

    said = repr(r.part or spec.name)
    per_unit = {
        "slice": base["amount"] if units.unit_key(base["unit"]).startswith(("slice", "piece"))
        else None,
        "fl oz": base["grams"] / units.FL_OZ_ML,
        "cup": base["grams"] / 240.0,
        "sandwich": base["amount"],
        "piece": base["amount"],
        "hot dog": base["amount"],
    }  # fmt: skip
    guides, of = store.guidelines(r.food.food_id), ""
    # USDA gives these amounts on FNDDS records: a record without them borrows those of the
    # FNDDS record of its plain name ("Peanut butter": 16 g a slice; "Milk, NFS": 2.5 g a
    # fl oz of coffee or tea).
    name = r.part or spec.name
    for plain_name in [name, f"{name}, NFS"] if not guides else []:
        plain = store.food_named(plain_name)
        if plain is not None and (guides := store.guidelines(plain.food_id)):
            of = f" (of {plain.description!r})"
            break
    on = store.food(base["food_id"])
    for per, grams in guides:
        for unit, count in per_unit.items():
            if count and per.startswith(unit) and _fits(per, on):
                total = count * grams
                return Grams(total, "g", f"{count:g} × USDA's guideline amount per {per} "
                             f"({grams:g} g)", f"{said} on {base['description']!r}: no amount "
                             f"given; used USDA's guideline amount per {per}{of}, {grams:g} g, "
                             f"{total:.0f} g in all")  # fmt: skip
    g = default_amount(r.food, said)
    return g._replace(note=f"{said} with {base['description']!r}: no amount given; used "
                      f"{g.grams:.0f} g ({g.portion})")  # fmt: skip


def _fits(per: str, base: Food | None) -> bool:
    """Whether USDA's "per fl oz of beverage", "per cup of hot cereal" is said of this base."""
    if "beverage" in per:
        return base is not None and base.beverage
    if "cereal" in per:
        return base is not None and any(w in base.category.lower() for w in ("cereal", "oatmeal"))
    return True


_SERVINGS = units.COUNT_WORDS | {"serving", "portion"}  # "smoothie:1", "smoothie:2 servings"


def _weigh(food: Food, spec: FoodSpec, system: MeasureSystem = "us") -> Grams:
    """Grams of a spec's amount; a recipe is counted in servings (or weighed)."""
    said = f"{spec.name!r}"
    if food.source == RECIPE and units.unit_key(spec.unit or "") in _SERVINGS:
        weight = to_grams(food, spec.amount or 1.0, "serving", said)
        if spec.amount is None:
            return weight._replace(note=f"{said}: no amount given; used one serving")
        return weight
    return to_grams(food, spec.amount, spec.unit, said, system)


def _name_notes(spec: FoodSpec, found: Resolution) -> list[str]:
    """What the user should be told of how a name was read."""
    food, said = found.food, found.part or spec.name
    notes: list[str] = []
    if found.part is not None:
        notes.append(f"{spec.name!r}: no USDA record holds it as one dish; counted "
                     f"{found.part!r} as {food.food_id} {food.description!r}")  # fmt: skip
    if found.respelled:
        read = ", ".join(f"{a!r} as {b!r}" for a, b in found.respelled)
        notes.append(f"{said!r}: read {read} (a close spelling); matched "
                     f"{food.food_id} {food.description!r}")  # fmt: skip
    if found.lacking:
        left = ", ".join(repr(w) for w in found.lacking)
        notes.append(f"{said!r}: no food has all its words; matched {food.food_id} "
                     f"{food.description!r}, which lacks {left}")  # fmt: skip
    if found.confidence < CLEAR:
        other = found.alternatives[0].food if found.alternatives else None
        also = (
            (
                f"; it could also be {other.food_id} {other.description!r} (pick it with "
                f'--food "{other.food_id}:{spec.amount_text or "AMOUNT UNIT"}")'
            )
            if other
            else ""
        )
        guess = " a best guess," if found.confidence < resolver.SURE else ""
        notes.append(f"{said!r}: used{guess} {food.food_id} {food.description!r} (confidence "
                     f"{found.confidence:.2f}){also}")  # fmt: skip
    return notes
