"""Step 3b: turn an amount of a food into grams, through the food's own USDA measures.

How an amount is read (the README's "Amounts" section says the same):
- masses (g, mg, kg, oz, lb) work for every food; for a drink, `oz` is fluid ounces;
- volumes (cup, tbsp, tsp, fl oz, ml, l, ...) use the food's own measure of that volume; a
  volume it lacks is worked out from another of its volumes, or from a measure that states
  one ("can (12 fl oz)", "serving 1/2 cup"), and the result says so;
- a bare number ("bagel:1") or a counting word (each, whole, item) counts the food's own
  single items: its own noun ("1 bagel"), else a size (medium, regular, large), else a
  piece, slice or other item; never a container and never USDA's "Quantity not specified";
- a named measure (slice, large, fillet, can, sub, halves) is the food's measure of that
  name, read as a whole name ("6 inch sub" is one sub, "0.5 fillet" is one piece of fillet);
- everyday measures the food lacks (glass, mug, bowl, can, bottle, handful, square, scoop,
  splash) take magcalc's stated defaults (MEASURE_DEFAULTS), and the output says so;
- no amount at all: USDA's "Quantity not specified" amount, else one item, else the usual
  serving of that kind of food (data/servings.csv), and the output says so.
"""

import math
import re
from functools import cache
from typing import NamedTuple

from magcalc import store, units
from magcalc.choices import MeasureSystem, PortionRule
from magcalc.errors import InputError, UnitUnknown
from magcalc.names import singular, words
from magcalc.store import Food, Portion

MAX_GRAMS = 5000.0  # more than 5 kg of one food in a day is a typing mistake

# Everyday measures a food may lack: word -> (amount, unit, why). A volume applies to any food
# with a volume measure; DRINKS and FOODS hold the ones that differ between them.
MEASURE_DEFAULTS: dict[str, tuple[float, str, str]] = {
    "glass": (8, "fl oz", "magcalc's convention: a glass holds 8 fl oz (237 ml)"),
    "mug": (12, "fl oz", "magcalc's convention: a mug holds 12 fl oz (355 ml)"),
    "bottle": (500, "ml", "magcalc's convention: a bottle holds 500 ml"),
    "splash": (1, "tbsp", "magcalc's convention: a splash is 1 tbsp (15 ml)"),
    "bowl": (1, "cup", "magcalc's convention: a bowl holds 1 cup (237 ml)"),
    "handful": (1, "oz", "magcalc's convention: a handful is 1 oz (28 g), NIH's serving of nuts"),
    "scoop": (0.5, "cup", "magcalc's convention: a scoop is 1/2 cup (an ice-cream scoop)"),
    "square": (10, "g", "magcalc's convention: a square of chocolate is 10 g"),
}
DRINKS = {"can": (12, "fl oz", "magcalc's convention: a soft-drink can holds 12 fl oz (355 ml)")}
FOODS = {"can": (400, "g", "magcalc's convention: a can (tin) of food holds 400 g")}
SOUP_BOWL = (2, "cup", "magcalc's convention: a bowl of soup holds 2 cups (473 ml)")
UK = {
    "mug": (250, "ml", "UK measure: a mug holds 250 ml"),
    "wine glass": (175, "ml", "UK measure: a glass of wine is 175 ml"),
    "hot cup": (250, "ml", "UK measure: a cup of tea or coffee is a 250 ml mug"),
}
# A measure the food lacks may be read as another it has: a square as a piece.
STAND_INS = {"square": ("piece",), "piece": ("item", "slice"), "sandwich": ("item",),
             "cookie": ("piece",), "slice": ("piece",), "bag": ("package", "packet", "pouch"),
             "packet": ("package", "pouch", "bag", "container"),
             "pack": ("package", "packet", "container"),
             "package": ("packet", "pouch", "bag", "container"),
             "pouch": ("package", "packet", "bag", "container"), "pot": ("container", "carton"),
             "bar": ("regular",),
             "carton": ("container",), "tin": ("can",)}  # fmt: skip
# Heads of measures that hold food rather than count it: never a bare count.
CONTAINERS = frozenset({
    "package", "container", "can", "bottle", "jar", "box", "bag", "carton", "pouch", "packet",
    "serving", "portion", "tub", "envelope", "loaf", "pie", "cake", "pizza", "pint", "tray",
    "drink", "order", "quantity", "recipe", "batch", "cubic", "surface", "nlea", "individual",
    "prepackaged", "fun", "snack", "sharing", "kids", "child", "dipping", "microwavable",
    "spaghettio", "yield", "guideline", "roast", "unit",
})  # fmt: skip
# Containers that hold one serving: "a yoghurt" is one container of it.
_SINGLE = frozenset({"container", "individual", "carton", "cup", "pot"})
# Words that make a measure a special case of the food ("crust not eaten", "fun size", "NS as
# to shape"): used only when the word is typed.
QUALIFIERS = frozenset({"crust", "snack", "fun", "bite", "mini", "miniature", "cocktail",
                        "calorie", "hostess", "kid", "kids", "child", "senior", "toddler",
                        "junior", "hole", "thin", "ns", "sample", "taste"})  # fmt: skip
_EMBEDDED_COUNT = r"\((\d+(?:\.\d+)?)\s+([a-z][a-z ]*?)\)"  # compiled by `re` when first used


class Measure(NamedTuple):
    """One USDA measure of a food, read: what it is called and what one of it weighs."""

    portion: Portion
    key: str  # units.unit_key of its text: "cup halve", "regular", "inch submarine"
    head: str  # the unit proper: "cup", "regular", "submarine"
    grams_each: float  # one head unit
    volume_ml: float | None  # the volume of one, when known
    item: bool  # counts items: not a mass, volume or container
    default: bool  # FNDDS's "Quantity not specified"

    @property
    def label(self) -> str:
        p = self.portion
        return p.unit if p.amount == 1 else f"{p.amount:g} {p.unit}"


def _measure(p: Portion) -> Measure:
    text = p.unit.lower()
    key = units.unit_key(p.unit)
    if key.startswith("nlea "):
        key = key[5:]
    if text == "quantity not specified":
        return Measure(p, "quantity not specified", "quantity", p.grams, None, False, True)
    parts = key.split()
    if parts and parts[0] == "inch" and len(parts) > 1:  # SR28 "6" + "inch sub": one sub
        return Measure(p, key, parts[-1], p.grams, None, True, False)
    hd = units.head(key)
    held = [w for w in key.split()[1:] if w in CONTAINERS and w != "serving"]
    if held and (units.is_volume(hd) or units.is_mass(hd)):  # "5.3 oz container": a container
        key = " ".join(w for w in key.split() if w != hd)
        return Measure(p, key, held[0], p.grams / p.amount, units.embedded_volume_ml(text),
                       False, False)  # fmt: skip
    if units.is_volume(hd):
        each = p.grams / p.amount
        return Measure(p, key, hd, each, units.VOLUME_ML[hd], False, False)
    if units.is_mass(hd):
        return Measure(p, key, hd, p.grams / p.amount, units.embedded_volume_ml(text), False,
                       False)  # fmt: skip
    volume = units.embedded_volume_ml(text)
    # "0.5 fillet": USDA's piece is a half fillet; it is one piece as people count them.
    each = p.grams if p.amount < 1 else p.grams / p.amount
    if volume is not None and p.amount != 1:
        volume = volume / p.amount if p.amount >= 1 else volume
    item = hd not in CONTAINERS and not key.endswith("drink")  # "small drink": a cup size
    return Measure(p, key, hd, each, volume, item, False)


def measures(food: Food) -> tuple[Measure, ...]:
    """A food's measures: its own (the user's foods and recipes), else USDA's."""
    if food.own_portions is not None:
        return tuple(_measure(p) for p in food.own_portions)
    return usda_measures(food.food_id)


@cache
def usda_measures(food_id: str) -> tuple[Measure, ...]:
    return tuple(_measure(p) for p in store.portions(food_id))


class Grams(NamedTuple):
    grams: float
    unit: str  # the unit as understood
    portion: str  # how the grams were worked out
    note: str | None  # said to the user when magcalc chose for them
    rule: PortionRule = "own_measure"  # what the grams rest on (results.PortionRule)


def _g(x: float) -> str:
    return f"{x:.3g}" if x < 10 else f"{x:.0f}" if x >= 100 else f"{x:.1f}".rstrip("0").rstrip(".")


def _checked(g: Grams, said: str) -> Grams:
    if g.grams > MAX_GRAMS:
        raise InputError(
            f"{g.grams:,.0f} g ({said}) is more than {MAX_GRAMS:,.0f} g of one food; "
            "check the amount"
        )
    return g


def _food_words(food: Food) -> set[str]:
    return {singular(w) for w in words(food.description)}


def _typed_words(said: str) -> set[str]:
    return {singular(w) for w in words(said)}


# Words of a measure that neither name the food nor set it apart from its other measures.
_NEUTRAL = frozenset({*units.SIZES, "piece", "slice", "item", "any", "size", "or", "ns", "nfs",
                      "extra", "whole", "full", "fruit", "each", "entire", "individual",
                      "single", "serving"})  # fmt: skip
# A measure that is the whole item ("1 fruit", "1 full circle"), before sizes and pieces;
# one that is a part of it ("1 half circle", "1 triangular piece") after them.
_WHOLE = frozenset({"whole", "full", "fruit", "each", "entire", "item"})
_PART = frozenset({"half", "quarter", "triangular", "wedge", "bite", "miniature", "mini"})


def _size(m: Measure) -> int:
    """The usual size first: a measure USDA does not specify (NFS), then medium, regular, ..."""
    ws = m.key.split()
    if "nfs" in ws:
        return -1
    return next((i for i, s in enumerate(units.SIZES) if s in ws or s == m.key), len(units.SIZES))


def qualified(m: Measure, typed: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """A special case of the food ("slice, crust not eaten", "fun size", "fry, NS as to
    shape", "Oreo thin") unless its word was typed."""
    return bool(set(m.key.split()) & QUALIFIERS - typed)


def _usual(m: Measure) -> int:
    """How ordinary a measure's size is: an individual one, then NFS, medium or regular, then
    one of no size, then large or small, then the rest (extra large, jumbo)."""
    ws = set(m.key.split())
    if ws & {"individual", "single"}:
        return 0
    size = _size(m)
    if size <= 1:  # NFS, medium, regular
        return 1
    if size == len(units.SIZES):
        return 2
    return 3 if units.SIZES[size] in ("large", "small") else 4


def _tier(m: Measure) -> int:
    """The whole item ("1 fruit") first, then by how ordinary its size is, parts of one last."""
    ws = set(m.key.split())
    if ws & _WHOLE:
        return 0
    if ws & _PART:
        return 9
    return 1 + _usual(m)


def count_measures(food: Food, typed: str = "") -> list[Measure]:
    """The food's single-item measures, best first.

    A measure named like what was typed or like the food wins ("1 crumpet" for crumpets,
    "McDonald's Big Mac" for a Big Mac; "Bagel Thin" is another product), unless it is a
    special case (QUALIFIERS: "cocktail link", "fun size"); then the whole item ("1 fruit"),
    then a usual size (medium, regular, large, small), then other items, then parts of one
    ("1 half circle"), each in USDA's order.
    """
    own = _food_words(food)
    typed_words = _typed_words(typed)
    said = typed_words - own  # what the name adds: "crumpet", "link"
    items = [m for m in measures(food)
             if m.item or (m.head in own | said and not m.default and m.volume_ml is None
                           and not units.is_mass(m.head))]  # fmt: skip

    def rank(m: Measure) -> tuple[bool, int, int, int]:
        ws = set(m.key.split())
        named = 2 * len(ws & said) + len(ws & own)
        if named:  # the food's name with more words is another product: "Bagel Thin"
            named -= len(ws - own - said - _NEUTRAL - _PART - QUALIFIERS)
        return (qualified(m, typed_words), -min(named, 2), _tier(m), _size(m))

    return sorted(items, key=rank)


def _alternatives(chosen: Measure, others: list[Measure]) -> str:
    alts = []
    seen = {round(chosen.grams_each, 1)}
    for o in others:
        if round(o.grams_each, 1) not in seen:
            seen.add(round(o.grams_each, 1))
            alts.append(f"'{o.label}' {_g(o.grams_each)} g")
    return "; also: " + ", ".join(alts[:4]) if alts else ""


def _whose(food: Food) -> str:
    """Whose measure a note names: USDA's, or the user's own (their foods and recipes)."""
    return "USDA" if food.own_portions is None else "your"


def _each(m: Measure, amount: float) -> float:
    """One of a measure: "half a grapefruit" is USDA's "0.5 medium" whole, not half of it."""
    if m.portion.amount < 1 and amount == m.portion.amount:
        return m.portion.grams / amount
    return m.grams_each


def _items(food: Food, amount: float, chosen: list[Measure], said: str, why: str) -> Grams:
    m = chosen[0]
    each = _each(m, amount)
    grams = amount * each
    how = f"{amount:g} × '{m.label}' ({_g(each)} g)" if each == m.grams_each else \
        f"'{m.label}' ({_g(grams)} g)"  # fmt: skip
    note = None
    more = _alternatives(m, chosen[1:])
    if why or more:
        note = f"{said}: {why or 'used'} {_whose(food)} '{m.label}' ({_g(each)} g){more}"
    return _checked(Grams(grams, m.head, how, note), said)


def _by_volume(food: Food, amount: float, key: str, said: str, note: str | None,
               ml: float | None = None) -> Grams | None:  # fmt: skip
    """`amount` `key` of a food by its own measure of that volume, else by its density from
    another of its volumes; `ml`, when given, is the volume of one `key` (a UK pint)."""
    ms = measures(food)
    exact = [m for m in ms if m.head == key and not m.default] if ml is None else []
    if exact:
        # "mashed swede:1 cup" is a cup of it mashed; otherwise the plain cup.
        typed = set(words(said)) - set(words(food.description))
        asked = [m for m in exact if typed & set(words(" ".join(m.key.split()[1:])))]
        plain = asked or [m for m in exact if m.key == key] or exact
        m = plain[0]
        how = f"{amount:g} × '{m.label}' ({_g(m.grams_each)} g)"
        more = _alternatives(m, exact[1:])
        if more and note is None:
            note = f"{said}: used {_whose(food)} '{m.label}' ({_g(m.grams_each)} g){more}"
        return _checked(Grams(amount * m.grams_each, key, how, note), said)
    sized = [m for m in ms if m.volume_ml and not m.default]
    if not sized:
        return None
    # the food's own measure of a unit volume (fl oz, cup) before a container that states one
    m = min(sized, key=lambda m: (m.head not in units.VOLUME_ML, qualified(m)))
    total_ml = amount * (ml if ml is not None else units.VOLUME_ML[key])
    density = m.grams_each / m.volume_ml  # type: ignore[operator]
    how = f"{amount:g} {key} from {_whose(food)} '{m.label}' ({_g(m.grams_each)} g)"
    extra = f"no {_whose(food)} weight for a {key}; worked out from '{m.label}'"
    note = f"{note}; {extra}" if note else f"{said}: {extra}"
    return _checked(Grams(total_ml * density, key, how, note, "derived"), said)


def _named(food: Food, key: str, typed: set[str] = frozenset()) -> list[Measure]:  # type: ignore[assignment]
    """The food's measures called `key`, best first: not a special case (QUALIFIERS), then the
    ordinary size ("slice": the medium or regular slice, "pie": the individual pie), then by
    whole name, by head, or by a word of the measure."""
    ms = [m for m in measures(food) if not m.default]
    wanted = key.split()
    exact = [m for m in ms if m.key == key]
    by_head = [m for m in ms if m.head == key and m not in exact]
    by_word = [m for m in ms if m not in exact + by_head and set(wanted) <= set(m.key.split())
               and not units.is_mass(m.head) and not units.is_volume(m.head)]  # fmt: skip
    groups = {id(m): g for g, group in enumerate((exact, by_head, by_word)) for m in group}
    found = [*exact, *by_head, *by_word]
    return sorted(found, key=lambda m: (qualified(m, typed), _usual(m), groups[id(m)], _size(m)))


def _embedded_item(food: Food, key: str) -> tuple[Measure, float] | None:
    """'oz (19 halves)': the weight of one half, for 'pecans:10 halves'."""
    for m in measures(food):
        match = re.search(_EMBEDDED_COUNT, m.portion.unit.lower())
        if match and key in {singular(w) for w in match.group(2).split()}:
            return m, m.portion.grams / m.portion.amount / float(match.group(1))
    return None


def units_text(food: Food) -> str:
    """The units this food takes, short and deduplicated, for a refusal."""
    seen: dict[tuple[str, float], str] = {}
    for m in measures(food):
        if m.default or m.label.lower() in units.MASS_G:  # "oz" is listed once, as a unit
            continue
        seen.setdefault((m.key, round(m.grams_each, 1)), f"{m.label} = {_g(m.portion.grams)} g")
    listed = list(seen.values())
    base = "g, oz, lb" + (" (oz = fl oz for drinks)" if food.beverage else "")
    if not listed:
        return base
    shown = " | ".join(f"'{x}'" for x in listed[:8])
    more = f" | and {len(listed) - 8} more (magcalc foods show {food.food_id})" \
        if len(listed) > 8 else ""  # fmt: skip
    return f"{base}, or its {'USDA ' if food.own_portions is None else ''}measures: {shown}{more}"


# "glass (175ml)", "can (12 oz)", "500 ml bottle": a container with its quantity given.
_NUMBER = r"(?P<n>\d+(?:\.\d+)?)"
_EXPLICIT = (  # compiled by `re` when first used
    rf"(?P<word>[a-z][a-z ]*?)\s*\(\s*{_NUMBER}\s*(?P<unit>[a-z][a-z. ]*?)\s*\)",
    rf"{_NUMBER}\s*-?\s*(?P<unit>[a-z][a-z.]*(?: oz)?)\s+(?P<word>[a-z]+)",
)


def _explicit(unit: str) -> tuple[str, float, str] | None:
    """(container, quantity, unit of it) of a unit that gives its own quantity."""
    text = unit.strip().lower()
    if not any(c.isdigit() for c in text):  # the common case, at once
        return None
    for pattern in _EXPLICIT:
        if (m := re.fullmatch(pattern, text)) is not None:
            inner = units.unit_key(m["unit"])
            if units.is_mass(inner) or units.is_volume(inner):
                return units.unit_key(m["word"]), float(m["n"]), inner
    return None


def to_grams(food: Food, amount: float | None, unit: str | None, said: str,
             system: MeasureSystem = "us") -> Grams:  # fmt: skip
    """Grams of `amount` `unit` of a food; InputError, with the units it has, when unknown.

    `said` is what the user typed, for notes and errors; `system` whose everyday measures
    ("uk": a 568 ml pint, a 175 ml glass of wine, a 250 ml mug).
    """
    if unit is None or not unit.strip():
        if amount is None:
            return default_amount(food, said)
        return _count(food, amount, said)
    amount = 1.0 if amount is None else amount
    if (given := _explicit(unit)) is not None:  # the quantity typed wins over any measure
        word, n, inner = given
        g = to_grams(food, amount * n, inner, said, system)
        note = f"{said}: used the {n:g} {inner} given for the {word}"
        return g._replace(
            unit=word,
            portion=f"{amount:g} × {n:g} {inner}: {g.portion}",
            note=f"{note}; {g.note.split(': ', 1)[1]}" if g.note else note,
        )
    key = units.unit_key(unit)
    if key == "oz" and food.beverage:
        note = f"{said}: oz of a drink read as fluid ounces"
        got = _by_volume(food, amount, "fl oz", said, note)
        if got is not None:
            return got
    if units.is_mass(key):
        return _checked(Grams(amount * units.MASS_G[key], key, f"{amount:g} {key}", None,
                              "mass"), said)  # fmt: skip
    if key in units.COUNT_WORDS:
        return _count(food, amount, said)
    if units.is_volume(key):
        ml, note = None, None
        if system == "uk" and key in units.UK_VOLUME_ML:
            ml, note = units.UK_VOLUME_ML[key], f"{said}: UK measure, a {key} is " \
                f"{units.UK_VOLUME_ML[key]:.0f} ml"  # fmt: skip
        elif system == "uk" and key == "cup" and _hot_drink(food):
            ml, note = UK["hot cup"][0], f"{said}: {UK['hot cup'][2]}"
        got = _by_volume(food, amount, key, said, note, ml)
        if got is not None:
            return got if ml is None else got._replace(rule="convention")
        raise UnitUnknown(
            f"{said}: {food.description} has no volume measure to weigh a {key}; "
            f"use {units_text(food)}"
        )
    return _named_amount(food, amount, key, unit, said, system)


def _hot_drink(food: Food) -> bool:
    """Tea or coffee, whose cup is a mug in the UK."""
    return food.beverage and bool(_food_words(food) & {"tea", "coffee"})


def _count(food: Food, amount: float, said: str) -> Grams:
    """A number without a unit: the food's single items; a drink by USDA's usual amount or a
    cup; a food sold one to a container ("a yoghurt") by its container."""
    if food.beverage and any(m.default for m in measures(food)):
        g = default_amount(food, said)  # "coke:2": a drink counts as USDA's usual amount
        return g._replace(
            grams=amount * g.grams,
            portion=f"{amount:g} × {g.portion}",
            note=f"{said}: a drink counted as USDA's usual amount, {_g(g.grams)} g each",
        )
    counted = count_measures(food, said)
    if counted:
        return _items(food, amount, counted, said, "counted as")
    single = [m for m in _named(food, "container") if not qualified(m)]
    if single:
        return _items(food, amount, single, said, "counted as one")
    if food.beverage:
        got = _by_volume(food, amount, "cup", said, f"{said}: a drink counted in cups of 8 fl oz")
        if got is not None:
            return got._replace(rule="convention")
    raise UnitUnknown(
        f"{said}: a number without a unit counts items, and {food.description} has no "
        f"single-item measure; give a unit: {units_text(food)}"
    )


def _part(food: Food, m: Measure) -> bool:
    """Is one of this measure a small part of the food as eaten (one fry, one almond)?"""
    whole = _serving_grams(food)
    return whole is not None and m.grams_each < 0.2 * whole


def _convention(food: Food, key: str, system: MeasureSystem) -> tuple[float, str, str] | None:
    """magcalc's stated amount for an everyday measure the food lacks."""
    if system == "uk" and key == "glass" and "wine" in _food_words(food):
        return UK["wine glass"]
    if system == "uk" and key == "mug":
        return UK["mug"]
    if key == "bowl" and "soup" in _food_words(food):
        return SOUP_BOWL
    return (DRINKS if food.beverage else FOODS).get(key) or MEASURE_DEFAULTS.get(key)


def _named_amount(food: Food, amount: float, key: str, unit: str, said: str,
                  system: MeasureSystem) -> Grams:  # fmt: skip
    typed = _typed_words(said) | set(key.split())
    conv = _convention(food, key, system)
    if conv is not None and conv[2].startswith("UK"):  # a UK glass of wine, a UK mug
        return _conventional(food, amount, said, system, conv, unit)
    named = _named(food, key, typed)
    if not named and " " in key:  # "6 inch sub": the measure is named by its last word
        named = _named(food, key.split()[-1], typed)
    inner = re.match(r"\s*(\d+(?:\.\d+)?)\s*-?\s*[a-z]", unit.lower())  # "1 10-piece"
    size, times = (float(inner.group(1)), amount) if inner else (amount, 1.0)
    numbered = [m for m in named if m.portion.amount == size > 1 and m.key.startswith(key)]
    if numbered:  # "6 inch": the 6-inch sub, one of it; "2 10-piece": two 10-piece boxes
        m = numbered[0]
        how = f"{times:g} × '{m.label}' ({_g(m.portion.grams)} g)"
        note = f"{said}: '{amount:g} {unit}' read as {times:g} × '{m.label}'"
        return _checked(Grams(times * m.portion.grams, m.head, how, note), said)
    if inner and key in units.ITEM_WORDS:  # "1 20-piece" with no 20-piece measure: 20 pieces
        amount = size * times
    weak: list[Measure] = []
    if named and qualified(named[0], typed):  # only "fun size", "Hostess mini muffins": last
        weak, named = named, []
    named = _one_serving(food, key, named)
    if named:
        return _items(food, amount, named, said, "")
    if key == "glass":  # a glass of wine: the record's own serving of a glass's size
        served = [m for m in measures(food) if m.head == "serving" and m.volume_ml
                  and m.volume_ml <= 10.5 * units.FL_OZ_ML]  # fmt: skip
        if served:
            return _items(food, amount, served, said, "a glass read as")
    for other in STAND_INS.get(key, ()):
        named = _one_serving(food, key, [m for m in _named(food, other, typed)
                                         if not qualified(m, typed)])  # fmt: skip
        if named:
            return _items(food, amount, named, said, f"'{key}' read as")
    named_by = _food_words(food) | _typed_words(said)  # "corn dog:1 corn dog", "2 puddings"
    if set(words(key)) <= named_by or key in units.ITEM_WORDS:
        counted = count_measures(food, said)  # "oreos:3 cookies": three of its items
        if counted and not (key in units.SIZES and _part(food, counted[0])):
            return _items(food, amount, counted, said, f"'{unit}' counted as")
    embedded = _embedded_item(food, key)
    if embedded is not None:
        m, each = embedded
        how = f"{amount:g} {key} at {_g(each)} g each, from {_whose(food)} '{m.label}'"
        return _checked(Grams(amount * each, key, how, None), said)
    if key in units.SIZES:
        return _size_fallback(food, amount, key, said)
    if key in ("serving", "order") or key in _PACKS:  # a pack of one serving it lacks
        s_amount, s_unit = usual_serving(food)
        g = to_grams(food, s_amount * amount, s_unit, said, system)
        usual = f"the usual serving, {s_amount:g} {s_unit}"
        return g._replace(portion=f"{amount:g} × {usual}", note=f"{said}: a {key} read as {usual}",
                          rule="default" if key == "serving" else "convention")  # fmt: skip
    if conv is not None:
        try:
            return _conventional(food, amount, said, system, conv, unit)
        except InputError:
            pass
    if weak:
        return _items(food, amount, weak, said, "")
    raise UnitUnknown(f"{said}: unit {unit!r} is not known for {food.description}; "
                     f"use {units_text(food)}")  # fmt: skip


def _conventional(food: Food, amount: float, said: str, system: MeasureSystem,
                  conv: tuple[float, str, str], unit: str) -> Grams:  # fmt: skip
    """`amount` of an everyday measure by magcalc's stated convention for it."""
    d_amount, d_unit, why = conv
    g = to_grams(food, amount * d_amount, d_unit, said, system)
    more = f"; {g.note.split(': ', 1)[1]}" if g.note else ""
    return g._replace(unit=units.unit_key(unit), note=f"{said}: {why}{more}", rule="convention")


# Packs sold as one serving: of several, the one nearest USDA's usual amount of the food
# (a bag of crisps is the 28 g bag, not the 57 g "medium single serving bag").
_PACKS = frozenset({"bag", "packet", "pack", "package", "pouch", "box", "sachet"})


def _one_serving(food: Food, key: str, named: list[Measure]) -> list[Measure]:
    """Of a food's packs, those of one serving, the nearest USDA's usual amount first; a pack
    of many servings (SR28's "bag (8 oz)" of crisps) is not "a packet"."""
    if key not in _PACKS:
        return named
    whole = _serving_grams(food)
    if whole is None:
        return named
    single = [m for m in named if m.grams_each <= 4 * whole]
    return sorted(single, key=lambda m: (qualified(m), abs(math.log(m.grams_each / whole))))


def _serving_grams(food: Food) -> float | None:
    """USDA's amount when none is given, else the usual serving, in grams, where known."""
    whole = next((d.grams_each for d in measures(food) if d.default), None)
    if whole is None:
        amount, unit = usual_serving(food)
        if not units.is_mass(unit):
            return None
        whole = amount * units.MASS_G[unit]
    return whole


def _size_fallback(food: Food, amount: float, key: str, said: str) -> Grams:
    """A size the food has no measure of: one item that is not a small part of it ("2 large"
    scrambled eggs are two eggs), else USDA's amount for an unspecified quantity ("1 medium"
    fries is not one fry), else the usual serving."""
    counted = [m for m in count_measures(food, said) if not _part(food, m)]
    if counted:
        return _items(food, amount, counted, said, f"no '{key}' measure; used")
    for m in measures(food):
        if m.default:
            return Grams(amount * m.grams_each, key, f"{amount:g} × USDA 'Quantity not specified' "
                         f"({_g(m.grams_each)} g)", f"{said}: no '{key}' measure; used USDA's "
                         f"amount when none is given, {_g(m.grams_each)} g", "default")  # fmt: skip
    s_amount, s_unit = usual_serving(food)
    g = to_grams(food, s_amount * amount, s_unit, said)
    return g._replace(note=f"{said}: no '{key}' measure; used the usual serving, "
                           f"{s_amount:g} {s_unit}", rule="default")  # fmt: skip


def default_amount(food: Food, said: str) -> Grams:
    """No amount given: USDA's amount for that case, else one item, else the usual serving."""
    for m in measures(food):
        if m.default:
            return Grams(m.grams_each, "quantity not specified",
                         f"USDA 'Quantity not specified' ({_g(m.grams_each)} g)",
                         f"{said}: no amount given; used USDA's amount for that case, "
                         f"{_g(m.grams_each)} g", "default")  # fmt: skip
    counted = count_measures(food, said)
    if counted:
        return _items(food, 1.0, counted, said, "no amount given; used one")._replace(
            rule="default"
        )
    amount, unit = usual_serving(food)
    g = to_grams(food, amount, unit, said)
    return g._replace(
        note=f"{said}: no amount given; used the usual serving, {amount:g} {unit}", rule="default"
    )


def usual_serving(food: Food) -> tuple[float, str]:
    """The serving NIH's table would use for this kind of food (data/servings.csv), or for
    FNDDS foods USDA's own amount when none is reported."""
    description = food.description.lower()
    ms = measures(food)
    for default in ms:
        if default.default:
            return default.grams_each, "g"
    for group, when_word, amount, unit in store.table("servings"):
        if group not in ("*", food.category):
            continue
        if when_word and when_word not in description:
            continue
        key = units.unit_key(unit)
        if units.is_mass(key) or any(key in (m.key, m.head) for m in ms) or (
                units.is_volume(key) and any(m.volume_ml for m in ms)):  # fmt: skip
            return amount, unit
    return 100.0, "g"


def serving_of(food: Food) -> dict:
    """A food's usual serving: {portion, grams, mg}."""
    amount, unit = usual_serving(food)
    grams = to_grams(food, amount, unit, food.description).grams
    return {
        "portion": f"{amount:g} {unit}" if unit != "g" else f"{grams:g} g",
        "grams": round(grams, 2),
        "mg": round(food.mg_per_100g * grams / 100, 1),
    }
