"""Step 1: parse what the user typed (ages, sex, food and supplement specs) into plain values.

Pure functions over strings; every rejection raises InputError with a one-line message.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from magcalc.errors import InputError

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

# The amount at the start of "1 1/2 cup", "0.5cup", "½ cup", "1½ cups": digits, '.', ',', '/' and
# fraction characters, with a space allowed only before another digit ("1 1/2"). parse_amount
# then decides whether it is a number; nan/inf are matched so they get a clear message.
_AMOUNT_RE = re.compile(
    rf"^\s*(?P<amount>[-+]?(?:nan|inf(?:inity)?)\b|[-+]?(?:[\d.,/{_FRACTION_CHARS}]|\s(?=[\d{_FRACTION_CHARS}]))+)"
    r"\s*(?P<unit>.*)$",
    re.IGNORECASE,
)


_AGE_RE = re.compile(r"(?P<number>.*?)\s*(?P<unit>months?|mo|m|years?|yrs?|y)")


# A name that ends in "1 oz", "2 cups", "100 g": an amount typed without its colon.
_AMOUNT_AT_END = re.compile(
    r"(.*[^\d\s].*?)\s+(\d[\d./ ]*\s*(?:g|kg|mg|oz|lb|lbs|ml|l|cups?|tbsp|tsp|slices?|"
    r"pieces?|servings?|medium|large|small|grams?|ounces?|pounds?|tablespoons?|teaspoons?))$",
    re.IGNORECASE,
)


class FoodSpec(NamedTuple):
    """One --food as typed: the name, and the amount and unit if given."""

    text: str
    name: str
    amount: float | None
    unit: str | None
    where: str = ""  # "PATH:LINE" for a food read from a file
    date: str | None = None  # the diary day, when the file gives one


def _check_text(text: str, what: str) -> str:
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text):
        raise InputError(f"{what} contains a control character; type plain text")
    if len(text) > MAX_TEXT:
        raise InputError(f"{what} is {len(text)} characters long; at most {MAX_TEXT} are accepted")
    return text.strip()


def parse_age(text: str) -> float:
    """Age in months from '35' or '2.5' (years) or '9m' (months)."""
    raw = _check_text(str(text), "age").lower()
    m = _AGE_RE.fullmatch(raw)
    number, unit = (m.group("number"), m.group("unit") or "y") if m else (raw, "y")
    accepted = "give years (35, 2.5) or months with an m suffix (9m)"
    try:
        value = float(number)
    except ValueError:
        raise InputError(f"{text!r} is not an age; {accepted}") from None
    if not math.isfinite(value):
        raise InputError(f"{text!r} is not a finite age; {accepted}")
    if value < 0:
        raise InputError(f"age {text!r} is negative; {accepted}")
    months = value if unit.startswith("m") else value * 12
    if months > MAX_AGE_YEARS * 12:
        raise InputError(f"age {text!r} is over {MAX_AGE_YEARS} years; check the number")
    return months


_SEXES = {
    "f": "female",
    "female": "female",
    "w": "female",
    "woman": "female",
    "m": "male",
    "male": "male",
    "man": "male",
}


def parse_sex(text: str) -> str:
    """'female' or 'male' from f/m/female/male (any case)."""
    key = _check_text(str(text), "sex").lower()
    if key not in _SEXES:
        raise InputError(f"{text!r} is not a sex; use f, m, female or male")
    return _SEXES[key]


def parse_amount(text: str) -> float:
    """A positive, finite amount from '2', '0.5', '1/2', '1 1/2', '½' or '1½'."""
    t = text.strip()
    value: float
    if m := re.fullmatch(r"(\d+)\s+(\d+)\s*/\s*(\d+)", t):
        whole, num, den = (int(g) for g in m.groups())
        value = whole + _fraction(num, den, text)
    elif m := re.fullmatch(rf"(\d*)\s*([{_FRACTION_CHARS}])", t):
        value = int(m.group(1) or 0) + _UNICODE_FRACTIONS[m.group(2)]
    elif m := re.fullmatch(r"(\d+)\s*/\s*(\d+)", t):
        value = _fraction(int(m.group(1)), int(m.group(2)), text)
    else:
        try:
            value = float(t)
        except ValueError:
            raise InputError(
                f"{text!r} is not an amount; use a number such as 2, 0.5, 1/2, 1 1/2 or ½"
            ) from None
    if not math.isfinite(value):
        raise InputError(f"amount {text!r} is not a finite number")
    if value <= 0:
        raise InputError(f"amount {text!r} must be more than zero")
    return value


def _fraction(num: int, den: int, text: str) -> float:
    if den == 0:
        raise InputError(f"amount {text!r} divides by zero")
    return num / den


def split_amount(text: str) -> tuple[float, str]:
    """'1 1/2 cups' -> (1.5, 'cups'); the unit may be empty."""
    m = _AMOUNT_RE.match(text)
    if not m:
        raise InputError(
            f"{text.strip()!r} does not start with an amount; write it as AMOUNT UNIT, "
            "e.g. '1 oz', '0.5 cup', '1/2 cup', '100 g'"
        )
    return parse_amount(m.group("amount")), m.group("unit").strip()


def parse_food_spec(text: str) -> FoodSpec:
    """'spinach, boiled:1/2 cup' -> FoodSpec(name='spinach, boiled', amount=0.5, unit='cup').

    The amount follows the last colon, so names may contain commas. Without a colon the whole
    text is the name and the amount is left to the food's typical portion.
    """
    original = str(text)
    spec = _check_text(original, "--food")
    if not spec.replace(":", "").strip():
        raise InputError("--food is empty; write it as 'NAME:AMOUNT UNIT', e.g. 'almonds:1 oz'")
    name, sep, portion = spec.rpartition(":")
    if not sep:
        if m := _AMOUNT_AT_END.match(spec):  # "almonds 1 oz": the colon was forgotten
            raise InputError(
                f"{original!r} ends with an amount but has no ':'; write "
                f"'{m.group(1).strip()}:{m.group(2).strip()}'"
            )
        return FoodSpec(original, spec, None, None)
    name = name.strip()
    if not name:
        raise InputError(f"{original!r} has no food name before ':'; write 'NAME:AMOUNT UNIT'")
    if not portion.strip():
        raise InputError(f"{original!r} has nothing after ':'; write 'NAME:AMOUNT UNIT'")
    amount, unit = split_amount(portion)
    return FoodSpec(original, name, amount, unit or None)


class SupplementSpec(NamedTuple):
    """One --supplement as typed: a form name and elemental mg (or the salt's weight)."""

    text: str
    form: str
    mg: float
    salt: bool  # True when the amount is the weight of the salt, not elemental magnesium
    where: str = ""  # "PATH:LINE" for a supplement read from a file
    date: str | None = None  # the diary day; None for --supplement, taken every day


_MASS_MG = {"mg": 1.0, "milligram": 1.0, "milligrams": 1.0, "g": 1000.0, "gram": 1000.0,
            "grams": 1000.0}  # fmt: skip
_SALT_WORDS = ("salt", "compound")
ACCEPTED_SUPPLEMENT = (
    "write it as 'FORM:AMOUNT mg' in elemental magnesium (glycinate:200 mg), "
    "or add 'salt' for the weight of the salt (citrate:1000 mg salt)"
)


def parse_supplement_spec(text: str) -> SupplementSpec:
    """'glycinate:200 mg' -> elemental mg; 'citrate:1 g salt' -> the salt's weight in mg."""
    original = str(text)
    spec = _check_text(original, "--supplement")
    form, sep, amount_text = spec.rpartition(":")
    form = re.sub(r"^magnesium\s+", "", form.strip(), flags=re.IGNORECASE).strip()
    if not sep or not form or not amount_text.strip():
        raise InputError(f"{original!r}: {ACCEPTED_SUPPLEMENT}")
    amount, unit = split_amount(amount_text)
    words = unit.lower().split()
    salt = bool(words) and words[-1] in _SALT_WORDS
    if salt:
        words = words[:-1]
    unit_name = " ".join(words)
    if unit_name not in _MASS_MG:
        raise InputError(f"{original!r}: unit {unit_name or '(none)'!r}; {ACCEPTED_SUPPLEMENT}")
    mg = amount * _MASS_MG[unit_name]
    if mg > 100_000:
        raise InputError(f"{original!r} is more than 100 g a day; check the amount")
    return SupplementSpec(original, form.lower(), mg, salt)
