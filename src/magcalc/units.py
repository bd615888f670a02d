"""What is a unit: the one vocabulary of masses, volumes and counting words.

Used to read what people type (magcalc.parse) and USDA's household measures
(magcalc.portions). Pure: no data is loaded here.
"""

from __future__ import annotations

import re
from functools import cache

from magcalc.names import singular

MASS_G = {"g": 1.0, "mg": 0.001, "kg": 1000.0, "oz": 28.349523125, "lb": 453.59237}
VOLUME_ML = {
    "ml": 1.0, "cl": 10.0, "dl": 100.0, "l": 1000.0, "tsp": 4.92892159375,
    "tbsp": 14.78676478125, "fl oz": 29.5735295625, "cup": 236.5882365, "pint": 473.176473,
    "quart": 946.352946, "gallon": 3785.411784,
}  # fmt: skip
FL_OZ_ML = VOLUME_ML["fl oz"]

# Spellings people and USDA use for the same unit (singular, lower case, no dots).
ALIASES = {
    "gram": "g", "gm": "g", "gr": "g", "grm": "g", "milligram": "mg", "kilogram": "kg",
    "kilo": "kg", "ounce": "oz", "ozs": "oz", "pound": "lb", "lbs": "lb", "tablespoon": "tbsp",
    "tbs": "tbsp", "tbl": "tbsp", "tblsp": "tbsp", "tbsps": "tbsp", "t": "tbsp",
    "teaspoon": "tsp", "tsps": "tsp", "c": "cup", "fluid ounce": "fl oz", "floz": "fl oz",
    "fl ounce": "fl oz", "fluid oz": "fl oz", "milliliter": "ml", "millilitre": "ml",
    "mls": "ml", "centiliter": "cl", "centilitre": "cl", "deciliter": "dl", "decilitre": "dl",
    "liter": "l", "litre": "l", "ltr": "l", "pt": "pint", "qt": "quart", "gal": "gallon",
    "med": "medium", "sm": "small", "lg": "large", "reg": "regular", "sub": "submarine",
    "pc": "piece", "pcs": "piece", "ea": "each", "tin": "can", "cuppa": "cup",
    "cooky": "cookie", "browny": "brownie", "donut": "doughnut", "portion": "serving",
    "helping": "serving", "tub": "pot", "crisp": "chip",
}  # fmt: skip
# Words that count items without naming them: "bagel:2 each", "almonds:10 whole".
COUNT_WORDS = frozenset({"", "each", "whole", "item", "unit", "x", "one"})
# Nouns that name one item of a food ("oreos:3 cookies", "falafel:4 pieces", "cheeseburger:1
# sandwich"): where the food has no measure of that name, its single-item measure.
ITEM_WORDS = frozenset({
    "piece", "sandwich", "burger", "cookie", "biscuit", "link", "patty", "nugget", "taco", "bar",
    "prawn", "shrimp", "sausage", "roll", "bun", "doughnut", "muffin", "wrap", "burrito", "egg",
    "fillet", "wing", "drumstick", "thigh", "breast", "cracker", "pancake", "waffle", "scone",
    "bagel", "tortilla", "crumpet", "fruit", "meatball", "dumpling", "samosa", "pastry",
    "cupcake", "croissant", "pretzel", "tender", "chop", "steak", "frank", "cutlet", "skewer",
    "kebab", "sushi", "onigiri",
})  # fmt: skip
# UK measures that differ from the US ones of the same name (--units uk): a pint is 20
# imperial fl oz, 568 ml.
UK_VOLUME_ML = {"pint": 568.26125, "quart": 1136.5225, "gallon": 4546.09}
# Sizes USDA uses as a measure ("1 medium" banana), in the order a bare count prefers them.
SIZES = ("medium", "regular", "large", "small", "extra large", "jumbo", "extra small",
         "miniature", "mini")  # fmt: skip
# What a supplement product is counted in ("2 tablets", "1 scoop"; data: the user's
# products.csv), by unit_key; "serving" is the amount the product's label gives.
SUPPLEMENT_UNITS = {
    "tablet": "tablet", "tab": "tablet", "capsule": "capsule", "cap": "capsule",
    "softgel": "softgel", "gel": "softgel", "gummy": "gummy", "gummie": "gummy",
    "chewable": "chewable", "lozenge": "lozenge", "scoop": "scoop", "ml": "ml", "tsp": "tsp",
    "sachet": "sachet", "packet": "sachet", "stick": "stick", "drop": "drop",
    "serving": "serving",
}  # fmt: skip
_TWO_WORD = {"fl oz", "extra large", "extra small"}
_WORD = re.compile(r"[a-z]+")
_PARENS = re.compile(r"\([^)]*\)?")


@cache
def unit_key(text: str) -> str:
    """A comparable form of a unit: 'Cups, chopped (1/2" pieces)' -> 'cup chopped'."""
    simple = text.strip().lower().rstrip(".").replace("'", "")
    if simple.isalpha():  # "oz", "cups", "Tablespoon": no regex needed
        word = singular(simple)
        return ALIASES.get(word, ALIASES.get(simple, word))
    t = _PARENS.sub(" ", simple).replace(".", " ")
    words = [singular(w) for w in _WORD.findall(t)]
    out: list[str] = []
    i = 0
    while i < len(words):  # "fluid ounce" -> "fl oz", then one word at a time
        pair = " ".join(words[i : i + 2])
        if pair in ALIASES or pair in _TWO_WORD:
            out.append(ALIASES.get(pair, pair))
            i += 2
        else:
            out.append(ALIASES.get(words[i], words[i]))
            i += 1
    return " ".join(out)


def head(key: str) -> str:
    """The unit proper, without its qualifier: 'cup chopped' -> 'cup', 'fl oz' stays."""
    words = key.split()
    if len(words) >= 2 and " ".join(words[:2]) in _TWO_WORD:
        return " ".join(words[:2])
    return words[0] if words else ""


def is_mass(key: str) -> bool:
    return key in MASS_G


def is_volume(key: str) -> bool:
    return key in VOLUME_ML


# Patterns a run may not need are compiled by `re` when first used (and kept in its cache).
_EMBEDDED_VOLUME = (
    r"(?i)(\d+(?:\.\d+)?|\d+/\d+)\s*-?\s*(fl\.? ?oz|fluid ounces?|cups?|tbsp|tablespoons?|tsp|"
    r"teaspoons?|ml)\b"
)


def embedded_volume_ml(text: str) -> float | None:
    """The volume a measure states inside it: 'can (12 fl oz)', 'serving 1/2 cup'."""
    m = re.search(_EMBEDDED_VOLUME, text)
    if not m:
        return None
    num, _, den = m.group(1).partition("/")
    amount = float(num) / float(den) if den else float(num)
    return amount * VOLUME_ML[unit_key(m.group(2))]
