"""Step 1: parse what the user typed (ages, sex, food and supplement specs) into plain values.

Pure functions over strings; every rejection raises InputError with a one-line message.
"""

import math
import re
from typing import NamedTuple

from magcalc.choices import SEXES
from magcalc.errors import InputError
from magcalc.names import supplement_key
from magcalc.units import MASS_G, SUPPLEMENT_UNITS, VOLUME_ML, unit_key

MAX_AGE_YEARS = 125
MAX_TEXT = 200  # longest food or supplement spec we accept; longer is a paste accident

_UNICODE_FRACTIONS = {
    "½": 1 / 2,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 1 / 4,
    "¾": 3 / 4,
    "⅕": 1 / 5,
    "⅖": 2 / 5,
    "⅗": 3 / 5,
    "⅘": 4 / 5,
    "⅙": 1 / 6,
    "⅚": 5 / 6,
    "⅛": 1 / 8,
    "⅜": 3 / 8,
    "⅝": 5 / 8,
    "⅞": 7 / 8,
}
_FRACTION_CHARS = "".join(_UNICODE_FRACTIONS)

_AGE_UNITS = ("months", "month", "mo", "m", "years", "year", "yrs", "yr", "y")

# Words people use for numbers; "a"/"an" are one, "half" a half.
NUMBER_WORDS = {
    "a": 1.0, "an": 1.0, "one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0,
    "six": 6.0, "seven": 7.0, "eight": 8.0, "nine": 9.0, "ten": 10.0, "eleven": 11.0,
    "twelve": 12.0, "dozen": 12.0, "half": 0.5, "quarter": 0.25, "couple": 2.0,
}  # fmt: skip
_WORD_PHRASES = {"half a": 0.5, "half an": 0.5, "a half": 0.5, "a couple of": 2.0, "a few": 3.0,
                 "a dozen": 12.0, "a quarter": 0.25, "a quarter of": 0.25}  # fmt: skip
# A number at the start of a text: a mixed number or fraction before a whole number, so that
# "1 1/2" is not "1" followed by "1/2".
_NUMBER_RE = re.compile(
    rf"\s*(\d+\s+\d+\s*/\s*\d+|\d+\s*/\s*\d+|\d*\s?[{_FRACTION_CHARS}]|\d+(?:[.,]\d+)?|\.\d+)"
)
_RANGE_SEPARATORS = ("-", "–", "to ")


def _leading_amount(text: str) -> tuple[str, str, str] | None:
    """(amount, range's upper amount or '', rest) at the start of a text, or None."""
    if m := _NUMBER_RE.match(text):
        first, rest = m.group(1), text[m.end() :].lstrip()
        for sep in _RANGE_SEPARATORS:
            if rest.startswith(sep) and (m2 := _NUMBER_RE.match(rest[len(sep) :])):
                return first, m2.group(1), rest[len(sep) + m2.end() :].lstrip()
        return first, "", rest
    low = text.lower().split()
    for n in (3, 2):
        phrase = " ".join(low[:n])
        if len(low) >= n and phrase in _WORD_PHRASES:
            return phrase, "", " ".join(text.split()[n:])
    if low and low[0] in NUMBER_WORDS:
        return low[0], "", " ".join(text.split()[1:])
    return None


class FoodSpec(NamedTuple):
    """One food as typed: the name, and the amount and unit if given."""

    text: str
    name: str
    amount: float | None
    unit: str | None
    where: str = ""  # "PATH:LINE" for a food read from a file
    date: str | None = None  # the diary day, when the file gives one
    note: str | None = None  # what magcalc read into the amount (a range's midpoint)
    record: str | None = None  # the record a diary line was logged as (`# record ID`)
    meal: str | None = None  # the meal a file puts it in (Cronometer's Group, '## lunch')

    @property
    def amount_text(self) -> str:
        if self.amount is None:
            return ""
        return f"{self.amount:g} {self.unit or ''}".strip()


def _check_text(text: str, what: str) -> str:
    """The text, stripped; InputError for control and invisible characters (bidi overrides,
    zero-width spaces), the lone surrogates of bytes that are not UTF-8, or a paste accident.
    A no-break space, as pasted from web pages, is a space."""
    text = text.replace("\u00a0", " ")
    if not text.isprintable():
        raise InputError(f"{what} contains a control or invisible character, or bytes that are "
                         "not UTF-8; type plain text")  # fmt: skip
    if len(text) > MAX_TEXT:
        raise InputError(f"{what} is {len(text)} characters long; at most {MAX_TEXT} are accepted")
    return text.strip()


_DATE_RE = r"(\d{4})-(\d{1,2})-(\d{1,2})"  # compiled by `re` when first used


def iso_date(text: str) -> str | None:
    """A day as YYYY-MM-DD from '2026-11-20' or '2012-9-10'; None when it is no real date."""
    import datetime

    m = re.fullmatch(_DATE_RE, text.strip())
    try:
        return datetime.date(*(int(g) for g in m.groups())).isoformat() if m else None
    except ValueError:  # 2026-02-30
        return None


def parse_age(text: str) -> float:
    """Age in months from '35' or '2.5' (years) or '9m' (months)."""
    raw = _check_text(str(text), "age").lower()
    number, unit = raw, "y"
    for suffix in _AGE_UNITS:
        if raw.endswith(suffix):
            number, unit = raw[: -len(suffix)].strip(), suffix
            break
    accepted = "give years (35, 2.5) or months with an m suffix (9m)"
    digits = number.replace(".", "", 1)
    if not (digits.isascii() and digits.isdigit()):  # "3_5" and "٣٥" are not ages
        raise InputError(f"{text!r} is not an age; {accepted}")
    value = float(number)
    months = value if unit.startswith("m") else value * 12
    if months > MAX_AGE_YEARS * 12:
        raise InputError(f"age {text!r} is over {MAX_AGE_YEARS} years; check the number")
    return months


def parse_sex(text: str) -> str:
    """'female' or 'male' from f/m/female/male (any case)."""
    key = _check_text(str(text), "sex").lower()
    if key not in SEXES:
        raise InputError(f"{text!r} is not a sex; use f, m, female or male")
    return SEXES[key]


def _number(text: str, whole: str) -> float:
    """One number: '2', '0.5', '1/2', '1 1/2', '½', '1½', or a number word."""
    t = " ".join(text.strip().lower().split())
    if t in _WORD_PHRASES:
        return _WORD_PHRASES[t]
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    if t and t[-1] in _UNICODE_FRACTIONS:  # "½", "1½", "1 ½"
        head = t[:-1].strip()
        if head == "" or (head.isascii() and head.isdigit()):
            return int(head or 0) + _UNICODE_FRACTIONS[t[-1]]
    if "/" in t:
        left, _, den = t.partition("/")
        parts = left.split()
        if len(parts) in (1, 2) and all(p.isascii() and p.isdigit() for p in [*parts, den.strip()]):
            whole_part = int(parts[0]) if len(parts) == 2 else 0
            return whole_part + _fraction(int(parts[-1]), int(den), whole)
    if t.count(",") == 1 and "." not in t:  # a decimal comma: 1,5 is one and a half, never 15
        if len(t.partition(",")[2]) == 3:
            raise InputError(f"{whole!r} is ambiguous (a thousands or a decimal comma?); write "
                             "1234 or 1.234")  # fmt: skip
        t = t.replace(",", ".")
    plain = t.lstrip("+-").replace(".", "", 1)
    if not (plain.isascii() and plain.isdigit()) or t.count("-") + t.count("+") > 1:
        raise InputError(
            f"{whole!r} is not an amount; use a number such as 2, 0.5, 1/2, 1 1/2, ½ or a, "
            "half, two"
        )
    return float(t)


def parse_amount(text: str) -> float:
    """A positive, finite amount from '2', '0.5', '1/2', '1 1/2', '½', '1½' or 'a', 'half'."""
    return parse_amount_note(text)[0]


def parse_amount_note(text: str) -> tuple[float, str | None]:
    """An amount, and a note when magcalc read a range ('1-2' -> 1.5, the midpoint)."""
    t = text.strip()
    if t.lower().lstrip("+-").startswith(("nan", "inf")):
        raise InputError(f"amount {text!r} is not a finite number")
    note = None
    lead = _leading_amount(t)
    if lead is not None and lead[1] and not lead[2]:
        lo, hi = _number(lead[0], text), _number(lead[1], text)
        if hi < lo:
            raise InputError(f"range {text!r} runs backwards; write the smaller amount first")
        value = (lo + hi) / 2
        note = f"range {t} read as its midpoint, {value:g}"
    else:
        value = _number(t, text)
    if not math.isfinite(value):
        raise InputError(f"amount {text!r} is not a finite number")
    if value <= 0:
        raise InputError(f"amount {text!r} must be more than zero")
    return value, note


def _fraction(num: int, den: int, text: str) -> float:
    if den == 0:
        raise InputError(f"amount {text!r} divides by zero")
    return num / den


def split_amount(text: str) -> tuple[float, str, str | None]:
    """'1 1/2 cups' -> (1.5, 'cups', None); the unit may be empty; a range gets a note."""
    stripped = text.strip()
    if stripped.lower().lstrip("+-").startswith(("nan", "inf")):
        raise InputError(f"amount {stripped!r} is not a finite number")
    if stripped.startswith(("-", "+")):
        raise InputError(f"amount {stripped!r} must be more than zero")
    lead = _leading_amount(stripped)
    if lead is None:
        raise InputError(
            f"{stripped!r} does not start with an amount; write it as AMOUNT UNIT, "
            "e.g. '1 oz', '0.5 cup', '1/2 cup', '100 g', '2' (two items)"
        )
    first, upper, rest = lead
    after = stripped[len(stripped) - len(rest) - 1 : len(stripped) - len(rest)] if rest else ""
    if rest and not (after.isspace() or rest[0].isalpha()):  # "3_5 g", "2.5.1 cups"
        raise InputError(f"{stripped!r} is not an amount; use a number such as 2, 0.5, 1/2, "
                         "1 1/2, ½ or a, half, two")  # fmt: skip
    amount, note = parse_amount_note(f"{first}-{upper}" if upper else first)
    words = rest.split()
    if words and words[0].lower() == "of":
        words = words[1:]
    if words and words[-1].lower() == "of":
        words = words[:-1]
    return amount, " ".join(words), note


def _unit_word(word: str) -> bool:
    """Is this a word people put between an amount and a food ("2 slices of pizza")?"""
    key = unit_key(word)
    return key in MASS_G or key in VOLUME_ML or key in UNIT_WORDS


# Measure words read between an amount and a food name, besides masses and volumes.
UNIT_WORDS = frozenset({
    "slice", "piece", "can", "glass", "mug", "bowl", "bottle", "handful", "square", "scoop",
    "splash", "serving", "portion", "cup", "each", "whole", "item", "medium", "large", "small",
    "regular", "fillet", "bar", "packet", "pack", "bag", "jar", "container", "stick", "link",
    "patty", "wedge", "sandwich", "submarine", "half", "pint", "shot", "carton", "pot", "tub",
    "sachet", "box", "spoon", "spoonful", "tablespoonful", "teaspoonful", "dash", "pinch",
    "clove", "leaf", "sprig", "stalk", "head", "ear", "strip", "cube", "drumstick", "wing",
    "thigh", "breast", "egg", "cookie", "cracker", "biscuit", "muffin", "roll", "bun",
    "tortilla", "taco", "burrito", "pancake", "waffle", "scone",
})  # fmt: skip


def _amount_at_end(spec: str) -> tuple[str, str, str] | None:
    """'almonds 1 oz' -> ('almonds', '1', 'oz'): a name, then an amount and a unit word."""
    words = spec.split()
    for i in range(len(words) - 1, 0, -1):
        unit = " ".join(words[i + 1 :])
        lead = _leading_amount(" ".join(words[i:]))
        if lead and lead[2] == unit and unit and _unit_word(unit):
            name = " ".join(words[:i])
            if any(not c.isdigit() and not c.isspace() for c in name):
                amount = f"{lead[0]}-{lead[1]}" if lead[1] else lead[0]
                return name, amount, unit
    return None


def parse_food_spec(text: str) -> FoodSpec:
    """A food as people write it, in any of these forms:

    'spinach, boiled:1/2 cup' (NAME:AMOUNT UNIT; the amount follows the last colon, so names
    may contain commas), 'bagel:1' (a count), '1 cup oatmeal' and '2 slices of pizza'
    (amount first), 'almonds 1 oz' (amount last), 'a can of coke', 'half a bagel', or a name
    alone, whose amount is then chosen and said.
    """
    original = str(text)
    spec = _check_text(original, "--food")
    if not spec.replace(":", "").strip():
        raise InputError("--food is empty; write it as 'NAME:AMOUNT UNIT', e.g. 'almonds:1 oz'")
    name, sep, portion = spec.rpartition(":")
    if sep:
        name = name.strip()
        if not name:
            raise InputError(f"{original!r} has no food name before ':'; write 'NAME:AMOUNT UNIT'")
        if not portion.strip():
            raise InputError(f"{original!r} has nothing after ':'; write 'NAME:AMOUNT UNIT'")
        amount, unit, note = split_amount(portion)
        return FoodSpec(original, name, amount, unit or None, note=note)
    lead = _leading_amount(spec)
    if lead is not None and lead[2] and spec[len(spec) - len(lead[2]) - 1 :][:1].isspace():
        return _amount_first(original, spec)  # "1 cup oatmeal", not "7up"
    if (end := _amount_at_end(spec)) is not None:
        amount, note = parse_amount_note(end[1])
        return FoodSpec(original, end[0], amount, end[2], note=note)
    return FoodSpec(original, spec, None, None)


# "a 12 oz can of coke", "a 500ml bottle of water", "a 12 oz steak": a quantity after the count.
# Patterns used on rare paths stay texts: `re` compiles them (once) when first used.
_SIZED = (r"(?i)(\d+(?:\.\d+)?)\s*-?\s*(fl\.? ?oz|fluid ounces?|ounces?|oz|ml|cl|l|litres?|"
          r"liters?|g|grams?)\s+(.+)")  # fmt: skip


def _amount_first(original: str, spec: str) -> FoodSpec:
    """'1 cup oatmeal', '2 slices of pizza', 'a can of coke', '2 eggs', 'half a bagel'."""
    amount, rest, note = split_amount(spec)
    if (sized := re.fullmatch(_SIZED, rest)) is not None:
        number, unit, after = sized.groups()
        words = after.split()
        if len(words) > 1 and _unit_word(words[0]) and unit_key(words[0]) not in MASS_G:
            name = " ".join(words[2:] if words[1].lower() == "of" and len(words) > 2 else words[1:])
            return FoodSpec(original, name, amount, f"{words[0]} ({number} {unit})", note=note)
        return FoodSpec(original, after, amount * float(number), unit, note=note)
    ws = rest.split()
    unit_words: list[str] = []
    # The longest run of measure words that leaves a name: "fl oz", "large", "cup".
    for n in (2, 1):
        if len(ws) > n and _unit_word(" ".join(ws[:n])):
            unit_words = ws[:n]
            break
    rest_words = ws[len(unit_words) :]
    if rest_words and rest_words[0].lower() == "of":
        rest_words = rest_words[1:]
    name = " ".join(rest_words)
    if not name:
        raise InputError(f"{original!r} has an amount but no food name; write 'NAME:AMOUNT UNIT'")
    return FoodSpec(original, name, amount, " ".join(unit_words) or None, note=note)


class SupplementSpec(NamedTuple):
    """One --supplement as typed: a form or product name, and elemental mg (or the salt's
    weight), or a count of a product's units ("2 tablets")."""

    text: str
    form: str  # the name as looked up (names.supplement_key): a form, or a product's name
    mg: float | None  # None for a count of a product's units
    salt: bool  # True when the amount is the weight of the salt, not elemental magnesium
    where: str = ""  # "PATH:LINE" for a supplement read from a file
    date: str | None = None  # the diary day; None for --supplement, taken every day
    count: float | None = None  # "2 tablets": how many of a product's units
    unit: str | None = None  # the unit counted (units.SUPPLEMENT_UNITS)
    note: str | None = None  # what magcalc read into the text, said to the user
    record: str | None = None  # what a diary line was logged as: `form:FORM`, `product:ID`


_MASS_MG = {"mg": 1.0, "milligram": 1.0, "milligrams": 1.0, "g": 1000.0, "gram": 1000.0,
            "grams": 1000.0}  # fmt: skip
_SALT_WORDS = ("salt", "compound")
MIN_BARE_MG = 10  # "oxide:250" is mg; "oxide:2" could as well be two tablets
MAX_SUPPLEMENT_MG = 100_000.0  # more than 100 g of a supplement a day is a typing mistake
ACCEPTED_SUPPLEMENT = (
    "write it as 'FORM:AMOUNT mg' in elemental magnesium (glycinate:200 mg), "
    "add 'salt' for the weight of the salt (citrate:1000 mg salt), "
    "or count a product of your products file ('nature made oxide:2 tablets')"
)
# A label's phrase, amount last: "magnesium oxide 250 mg", "glycinate 200mg".
_LABEL_RE = (r"(?i)(?P<name>.*?[^\d\s.,/])\s*(?P<amount>\d+(?:[.,]\d+)?)\s*"
             r"(?P<unit>[a-z]+(?:\s+[a-z]+)?)")  # fmt: skip


def _supplement_parts(original: str, spec: str) -> tuple[str, float, str]:
    """(name, amount, unit) of 'NAME:AMOUNT UNIT', 'NAME AMOUNT UNIT' or 'AMOUNT UNIT NAME'."""
    name, sep, amount_text = spec.rpartition(":")
    if sep:
        if not name.strip() or not amount_text.strip():
            raise InputError(f"{original!r}: {ACCEPTED_SUPPLEMENT}")
        amount, unit, ranged = split_amount(amount_text)
    elif (
        (lead := _leading_amount(spec)) is not None
        and lead[2]
        and not lead[1]
        and _supplement_unit(lead[2].partition(" ")[0])
    ):  # "2 capsules of glycinate 120 mg"
        first, _, rest = lead[2].partition(" ")
        if not rest.strip():
            raise InputError(f"{original!r}: {ACCEPTED_SUPPLEMENT}")
        amount, unit, ranged = parse_amount(lead[0]), first, None
        name = rest[3:] if rest.lower().startswith("of ") else rest
    elif (m := re.fullmatch(_LABEL_RE, spec)) is not None and _supplement_unit(m["unit"]):
        name, unit, ranged = m["name"], m["unit"], None
        amount = parse_amount(m["amount"])
    else:
        raise InputError(f"{original!r}: {ACCEPTED_SUPPLEMENT}")
    if ranged:
        raise InputError(f"{original!r}: give one amount, not a range; {ACCEPTED_SUPPLEMENT}")
    return name.strip(), amount, unit


def _supplement_unit(word: str) -> bool:
    key = " ".join(w for w in word.lower().split() if w not in _SALT_WORDS)
    return key in _MASS_MG or unit_key(key) in SUPPLEMENT_UNITS


def _capped(original: str, mg: float) -> float:
    """mg of a supplement, within MAX_SUPPLEMENT_MG; InputError beyond it."""
    if mg > MAX_SUPPLEMENT_MG:
        raise InputError(f"{original!r} is more than {MAX_SUPPLEMENT_MG / 1000:g} g a day; "
                         "check the amount")  # fmt: skip
    return mg


def parse_supplement_spec(text: str) -> SupplementSpec:
    """'glycinate:200 mg' -> elemental mg; 'citrate:1 g salt' -> the salt's weight in mg;
    'magnesium oxide 250 mg' as a label says it; 'nature made oxide:2 tablets' -> a count of a
    product's units (resolved with the products file); 'oxide:250' -> mg, and said."""
    original = str(text)
    spec = _check_text(original, "--supplement")
    name, amount, unit = _supplement_parts(original, spec)
    key = supplement_key(name)
    if not key:
        raise InputError(f"{original!r} names no form; write it as 'glycinate:{amount:g} mg', or "
                         f"'other:{amount:g} mg' for a blend")  # fmt: skip
    words = unit.lower().split()
    salt = bool(words) and words[-1] in _SALT_WORDS
    unit_name = " ".join(words[:-1] if salt else words)
    if not unit_name:
        if amount < MIN_BARE_MG:
            raise InputError(f"{original!r}: {amount:g} what? Write the mg, '{name}:250 mg', or "
                             f"count a product's units, '{name}:{amount:g} tablets'")  # fmt: skip
        _capped(original, amount)
        return SupplementSpec(original, key, amount, salt, note=f"{original!r}: {amount:g} read "
                              "as mg of elemental magnesium, as labels state it")  # fmt: skip
    if unit_name in _MASS_MG:
        return SupplementSpec(original, key, _capped(original, amount * _MASS_MG[unit_name]), salt)
    counted = SUPPLEMENT_UNITS.get(unit_key(unit_name))
    if counted is None or salt:
        raise InputError(f"{original!r}: unit {unit_name!r}; {ACCEPTED_SUPPLEMENT}")
    if amount > 100:
        raise InputError(f"{original!r} is more than 100 {counted}s a day; check the amount")
    strength = label_strength(name, counted)
    if strength is None:  # a product's units: its strength is in the products file
        return SupplementSpec(original, key, None, False, count=amount, unit=counted)
    bare, each = strength
    mg = amount * each
    if mg > 100_000:
        raise InputError(f"{original!r} is more than 100 g a day; check the amount")
    units = counted if amount == 1 else f"{counted}s"
    return SupplementSpec(original, supplement_key(bare), mg, False, count=amount, unit=counted,
                          note=f"{original!r}: {amount:g} {units} of {each:g} mg, the strength "
                          f"its name gives, read as {mg:g} mg of elemental magnesium, as labels "
                          "state it")  # fmt: skip


# A label's strength at the end of a name: "Nature Made Magnesium Oxide 250 mg",
# "glycinate 120mg per capsule", "citrate 200 mg each".
_STRENGTH_RE = (
    r"(?i)(?P<name>.*?[^\d\s.,/])\s*(?P<amount>\d+(?:[.,]\d+)?)\s*(?P<unit>mg|milligrams?|g|grams?)"
    r"(?:\s*(?:per|/|an?|each|in\s+(?:one|1|each))\s*(?P<per>[a-z]*))?"
)


def label_strength(name: str, unit: str) -> tuple[str, float] | None:
    """(the name without it, mg) when a name ends with a label's strength for one `unit`
    ('glycinate 120 mg', 'oxide 250 mg per tablet'); None when it gives none."""
    m = re.fullmatch(_STRENGTH_RE, name.strip())
    if m is None:
        return None
    per = m["per"]
    if per and SUPPLEMENT_UNITS.get(unit_key(per)) != unit and per.lower() != "each":
        return None  # "250 mg per 2 capsules" or another unit: not the strength of one
    each = parse_amount(m["amount"]) * _MASS_MG[m["unit"].lower()]
    return m["name"].strip(), each
