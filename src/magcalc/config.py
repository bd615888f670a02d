"""Step 1e: the profile, `$XDG_CONFIG_HOME/magcalc/config.toml` (or $MAGCALC_CONFIG).

It gives defaults for the options of every command; the command line and the MAGCALC_*
variables win over it (the CLI hands it to click as its `default_map`, which click consults
after both). Each key is checked here, and a bad one is one error naming the file and key.

    age = 35
    sex = "f"
    goal = "night-cramps"
    medications = ["omeprazole"]
    supplements = ["glycinate:200 mg"]   # taken every day: counted on every day of a diary
    my_foods = "~/food/foods.csv"
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import Any

from magcalc import choices, files, xdg
from magcalc.errors import InputError
from magcalc.parse import parse_age, parse_sex, parse_supplement_spec

ENV = "MAGCALC_CONFIG"
MAX_NESTING = 4  # the profile's values are texts, numbers and lists of names: no deeper


def _one_of(options: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in options:
            raise ValueError(f"{value!r} is not one of {', '.join(options)}")
        return value

    return check


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{value!r} is not a text")
    return value


def _age(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{value!r} is not an age; give years (35) or months ('9m')")
    parse_age(str(value))
    return str(value)


def _sex(value: Any) -> str:
    parse_sex(_text(value))
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{value!r} is not true or false")
    return value


def _names(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ValueError(f"{value!r} is not a list of names")
    return [i.strip() for i in items if i.strip()]


def _supplements(value: Any) -> list[str]:
    """Supplements taken every day, each as --supplement takes it."""
    if not isinstance(value, list) or not all(isinstance(i, str) for i in value):
        raise ValueError(f"{value!r} is not a list of supplements, such as "
                         '["glycinate:200 mg"]')  # fmt: skip
    for item in value:
        parse_supplement_spec(item)
    return value


# Each key: how it is checked, and the option (its parameter name) it gives a default for.
KEYS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "age": (_age, "age"),
    "sex": (_sex, "sex"),
    "pregnant": (_flag, "pregnant"),
    "lactating": (_flag, "lactating"),
    "standard": (_one_of(choices.STANDARDS), "standard"),
    "units": (_one_of(choices.MEASURE_SYSTEMS), "units"),
    "feeding": (_one_of(choices.FEEDING), "feeding"),
    "goal": (_one_of(choices.GOALS), "goal"),
    "format": (_one_of(choices.FORMATS), "fmt"),
    "medications": (_names, "medications"),
    "supplements": (_supplements, "supplements"),
    "kidney_disease": (_flag, "kidney_disease"),
    "my_foods": (_text, "my_foods"),
    "products": (_text, "products"),
    "recipes": (_text, "recipes"),
    "diary": (_text, "diary"),
}
PATHS = ("my_foods", "products", "recipes", "diary")


def path() -> str | None:
    """The profile's path: $MAGCALC_CONFIG, else config.toml in magcalc's XDG config folder."""
    given = os.environ.get(ENV)
    if given is not None:
        return os.path.expanduser(given) if given else None
    return xdg.config_file("config.toml")


def load() -> dict[str, Any]:
    """The profile as {option's parameter name: value}; {} when there is no file. It is read
    by magcalc.files' rule, never through a symbolic link."""
    where = path()
    if where is None or not os.path.lexists(where):
        if where is not None and os.environ.get(ENV):
            raise InputError(f"{where}: no such file (named by {ENV})")
        return {}
    text = files.read_text(where, None, files.OWN, follow=False)
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # the same parser, before it joined the standard library
        import tomli as tomllib
    deepest = nesting(text)
    if deepest > MAX_NESTING:
        raise InputError(f"{where}: values nested {deepest} deep; a profile holds texts, "
                         f"numbers and lists, at most {MAX_NESTING} deep")  # fmt: skip
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{where}: not a valid TOML file ({e})") from None
    except RecursionError:  # a nesting the scan above did not see: still refused
        raise InputError(f"{where}: values nested too deep") from None
    return _checked(where, raw)


# What may hold a bracket without nesting: strings (escapes skipped) and comments.
_TOML_TOKEN = (  # compiled by `re` when a profile is read
    r'(?s)"""(?:\\.|[^\\])*?"""'  # a multi-line basic string
    r"|'''.*?'''"  # a multi-line literal string
    r'|"(?:\\.|[^"\\\n])*"'  # a basic string
    r"|'[^'\n]*'"  # a literal string
    r"|#[^\n]*"  # a comment
    r"|[\[\]{}]"
)


def nesting(text: str) -> int:
    """How deep a TOML text's arrays and tables nest (outside strings and comments): the
    parser recurses once a level, so a deep one must be refused before it is parsed."""
    depth = deepest = 0
    for m in re.finditer(_TOML_TOKEN, text):
        c = m.group()
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth = max(0, depth - 1)
    return deepest


def _checked(where: str, raw: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name not in KEYS:
            known = ", ".join(KEYS)
            raise InputError(f"{where}: unknown key {name!r}; the keys are {known}")
        check, param = KEYS[name]
        try:
            value = check(value)
        except (ValueError, InputError) as e:
            raise InputError(f"{where}: key {name!r}: {e}") from None
        if name in PATHS:  # a relative path is relative to the profile, not to where one is
            value = os.path.join(os.path.dirname(where), os.path.expanduser(value))
        out[param] = value
    if out.get("pregnant") and out.get("lactating"):
        raise InputError(f"{where}: keys 'pregnant' and 'lactating' cannot both be true")
    return out
