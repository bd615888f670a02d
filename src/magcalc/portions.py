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

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from magcalc import store, units
from magcalc.errors import InputError
from magcalc.names import singular, words
from magcalc.store import Food, Portion

MAX_GRAMS = 5000.0  # more than 5 kg of one food in a day is a typing mistake

# Everyday measures a food may lack: (amount, unit, why). Drinks-only ones apply to drinks.
MEASURE_DEFAULTS: dict[str, tuple[float, str, str, bool]] = {
    "glass": (8, "fl oz", "magcalc's convention: a glass holds 8 fl oz (237 ml)", True),
    "mug": (8, "fl oz", "magcalc's convention: a mug holds 8 fl oz (237 ml), a US cup", True),
    "can": (12, "fl oz", "a US soft-drink can holds 12 fl oz (355 ml)", True),
    "bottle": (16.9, "fl oz", "a 500 ml bottle (16.9 fl oz)", True),
    "splash": (1, "tbsp", "magcalc's convention: a splash is 1 tbsp (15 ml)", True),
    "bowl": (1, "cup", "magcalc's convention: a bowl holds 1 cup (237 ml)", False),
    "handful": (1, "oz", "magcalc's convention: a handful is 1 oz (28 g), NIH's serving of nuts",
                False),
    "scoop": (0.5, "cup", "magcalc's convention: a scoop is 1/2 cup (an ice-cream scoop)", False),
    "square": (10, "g", "magcalc's convention: a square of chocolate is 10 g", False),
}  # fmt: skip
# A measure the food lacks may be read as another it has: a square as a piece.
STAND_INS = {"square": ("piece",), "piece": ("item", "slice"), "sandwich": ("item",),
             "cookie": ("piece",), "slice": ("piece",), "bag": ("package", "packet", "pouch"),
             "packet": ("package", "pouch"), "pack": ("package", "packet"),
             "package": ("packet", "pouch")}  # fmt: skip
# Heads of measures that hold food rather than count it: never a bare count.
CONTAINERS = frozenset({
    "package", "container", "can", "bottle", "jar", "box", "bag", "carton", "pouch", "packet",
    "serving", "portion", "tub", "envelope", "loaf", "pie", "cake", "pizza", "pint", "tray",
    "drink", "order", "quantity", "recipe", "batch", "cubic", "surface", "nlea", "individual",
    "prepackaged", "fun", "snack", "sharing", "kids", "child", "dipping", "microwavable",
    "spaghettio", "yield", "guideline", "roast", "unit",
})  # fmt: skip
_EMBEDDED_COUNT = re.compile(r"\((\d+(?:\.\d+)?)\s+([a-z][a-z ]*?)\)")


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


# Words of a measure that neither name the food nor set it apart from its other measures.
_NEUTRAL = frozenset({*units.SIZES, "piece", "slice", "item", "any", "size", "or", "ns", "nfs",
                      "extra", "whole", "full", "fruit", "each", "entire"})  # fmt: skip
# A measure that is the whole item ("1 fruit", "1 full circle"), before sizes and pieces;
# one that is a part of it ("1 half circle", "1 triangular piece") after them.
_WHOLE = frozenset({"whole", "full", "fruit", "each", "entire", "item"})
_PART = frozenset({"half", "quarter", "triangular", "wedge", "bite", "miniature", "mini"})


def _size(m: Measure) -> int:
    """The usual size first: a measure USDA does not specify (NFS), then medium, regular, ..."""
    ws = m.key.split()
    if "nfs" in ws or "ns" in ws:
        return -1
    return next((i for i, s in enumerate(units.SIZES) if s in ws or s == m.key), len(units.SIZES))


def _tier(m: Measure) -> int:
    ws = set(m.key.split())
    if ws & _WHOLE:
        return 0
    if ws & _PART:
        return 3
    return 1 if _size(m) < len(units.SIZES) else 2


def count_measures(food: Food, typed: str = "") -> list[Measure]:
    """The food's single-item measures, best first.

    A measure named like what was typed or like the food wins ("1 crumpet" for crumpets,
    "McDonald's Big Mac" for a Big Mac; "Bagel Thin" is another product), then the whole item
    ("1 fruit"), then a usual size (medium, regular, large, small), then other items, then
    parts of one ("1 half circle"), each in USDA's order.
    """
    own = _food_words(food)
    said = {singular(w) for w in words(typed)} - own  # what the name adds: "crumpet", "link"
    items = [m for m in measures(food)
             if m.item or (m.head in own | said and not m.default and m.volume_ml is None
                           and not units.is_mass(m.head))]  # fmt: skip

    def rank(m: Measure) -> tuple[int, int, int]:
        ws = set(m.key.split())
        named = 2 * len(ws & said) + len(ws & own)
        if named:  # the food's name with more words is another product: "Bagel Thin"
            named -= len(ws - own - said - _NEUTRAL - _PART)
            named += len(ws) == 1  # just the noun, "1 bagel", before "1 medium bagel"
        return (-named, _tier(m), _size(m))

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


def _items(food: Food, amount: float, chosen: list[Measure], said: str, why: str) -> Grams:
    m = chosen[0]
    grams = amount * m.grams_each
    how = f"{amount:g} × '{m.label}' ({_g(m.grams_each)} g)"
    note = None
    more = _alternatives(m, chosen[1:])
    if why or more:
        note = f"{said}: {why or 'used'} {_whose(food)} '{m.label}' ({_g(m.grams_each)} g){more}"
    return _checked(Grams(grams, m.head, how, note), said)


def _by_volume(food: Food, amount: float, key: str, said: str, note: str | None) -> Grams | None:
    ml = amount * units.VOLUME_ML[key]
    ms = measures(food)
    exact = [m for m in ms if m.head == key and not m.default]
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
    sized = [m for m in ms if m.volume_ml]
    if not sized:
        return None
    m = sized[0]
    density = m.grams_each / m.volume_ml  # type: ignore[operator]
    how = f"{amount:g} {key} from {_whose(food)} '{m.label}' ({_g(m.grams_each)} g)"
    extra = f"no {_whose(food)} weight for a {key}; worked out from '{m.label}'"
    note = f"{note}; {extra}" if note else f"{said}: {extra}"
    return _checked(Grams(ml * density, key, how, note), said)


def _named(food: Food, key: str) -> list[Measure]:
    """The food's measures called `key`: by whole name, by head, or by a word of an item;
    among equals the usual size first ("fillet": the medium fillet before the large)."""
    ms = [m for m in measures(food) if not m.default]
    exact = [m for m in ms if m.key == key]
    by_head = [m for m in ms if m.head == key and m not in exact]
    by_word = [m for m in ms if (m.item or key == m.head) and key in m.key.split()
               and m not in exact + by_head]  # fmt: skip
    return [m for group in (exact, by_head, by_word) for m in sorted(group, key=_size)]


def _embedded_item(food: Food, key: str) -> tuple[Measure, float] | None:
    """'oz (19 halves)': the weight of one half, for 'pecans:10 halves'."""
    for m in measures(food):
        match = _EMBEDDED_COUNT.search(m.portion.unit.lower())
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


def to_grams(food: Food, amount: float | None, unit: str | None, said: str) -> Grams:
    """Grams of `amount` `unit` of a food; InputError, with the units it has, when unknown.

    `said` is what the user typed, for notes and errors.
    """
    if unit is None or not unit.strip():
        if amount is None:
            return default_amount(food, said)
        if food.beverage and any(m.default for m in measures(food)):
            g = default_amount(food, said)  # "coke:2": a drink counts as USDA's usual amount
            return g._replace(
                grams=amount * g.grams,
                portion=f"{amount:g} × {g.portion}",
                note=f"{said}: a drink counted as USDA's usual amount, {_g(g.grams)} g each",
            )
        counted = count_measures(food, said)
        if not counted:
            raise InputError(
                f"{said}: a number without a unit counts items, and {food.description} has no "
                f"single-item measure; give a unit: {units_text(food)}"
            )
        return _items(food, amount, counted, said, "counted as")
    key = units.unit_key(unit)
    amount = 1.0 if amount is None else amount
    if key == "oz" and food.beverage:
        note = f"{said}: oz of a drink read as fluid ounces"
        got = _by_volume(food, amount, "fl oz", said, note)
        if got is not None:
            return got
    if units.is_mass(key):
        return _checked(Grams(amount * units.MASS_G[key], key, f"{amount:g} {key}", None), said)
    if key in units.COUNT_WORDS:
        return to_grams(food, amount, None, said)
    if units.is_volume(key):
        got = _by_volume(food, amount, key, said, None)
        if got is not None:
            return got
        raise InputError(
            f"{said}: {food.description} has no volume measure to weigh a {key}; "
            f"use {units_text(food)}"
        )
    return _named_amount(food, amount, key, unit, said)


def _named_amount(food: Food, amount: float, key: str, unit: str, said: str) -> Grams:
    named = _named(food, key)
    if not named and " " in key:  # "6 inch sub": the measure is named by its last word
        named = _named(food, key.split()[-1])
    if named:
        return _items(food, amount, named, said, "")
    noun = singular(key)
    if noun in _food_words(food) or noun in {singular(w) for w in words(said)}:
        counted = count_measures(food, said)  # "turkey sandwich:1 sandwich": one item
        if counted:
            return _items(food, amount, counted, said, f"'{unit}' counted as")
    embedded = _embedded_item(food, key)
    if embedded is not None:
        m, each = embedded
        how = f"{amount:g} {key} at {_g(each)} g each, from {_whose(food)} '{m.label}'"
        return _checked(Grams(amount * each, key, how, None), said)
    if key in units.SIZES or key == "serving":
        counted = count_measures(food, said) if key in units.SIZES else []
        if key == "serving":
            s_amount, s_unit = usual_serving(food)
            g = to_grams(food, s_amount * amount, s_unit, said)
            return g._replace(note=f"{said}: a serving read as the usual serving, "
                                   f"{s_amount:g} {s_unit}")  # fmt: skip
        if counted:
            return _items(food, amount, counted, said, f"no '{key}' measure; used")
    for other in STAND_INS.get(key, ()):
        named = _named(food, other)
        if named:
            return _items(food, amount, named, said, f"'{key}' read as")
    if key in MEASURE_DEFAULTS:
        d_amount, d_unit, why, drinks_only = MEASURE_DEFAULTS[key]
        if not drinks_only or food.beverage or units.is_volume(units.unit_key(d_unit)):
            g = to_grams(food, amount * d_amount, d_unit, said)
            return g._replace(note=f"{said}: {why}" + (f"; {g.note.split(': ', 1)[1]}"
                                                       if g.note else ""))  # fmt: skip
    raise InputError(f"{said}: unit {unit!r} is not known for {food.description}; "
                     f"use {units_text(food)}")  # fmt: skip


def default_amount(food: Food, said: str) -> Grams:
    """No amount given: USDA's amount for that case, else one item, else the usual serving."""
    for m in measures(food):
        if m.default:
            return Grams(m.grams_each, "quantity not specified",
                         f"USDA 'Quantity not specified' ({_g(m.grams_each)} g)",
                         f"{said}: no amount given; used USDA's amount for that case, "
                         f"{_g(m.grams_each)} g")  # fmt: skip
    counted = count_measures(food, said)
    if counted:
        return _items(food, 1.0, counted, said, "no amount given; used one")
    amount, unit = usual_serving(food)
    g = to_grams(food, amount, unit, said)
    return g._replace(note=f"{said}: no amount given; used the usual serving, {amount:g} {unit}")


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
        if units.is_mass(key) or any(key in (m.key, m.head) for m in ms):
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
