"""Where magcalc keeps files, by the XDG Base Directory rules: one definition for all of them.

$XDG_CONFIG_HOME/magcalc holds what the user writes (config.toml, foods.csv, products.csv,
recipes/), $XDG_DATA_HOME/magcalc what magcalc writes for the user (diary.txt), and
$XDG_CACHE_HOME/magcalc what can be rebuilt (the catalogue of an editable install).
"""

from __future__ import annotations

import os

_FALLBACK = {"XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share",
             "XDG_CACHE_HOME": ".cache"}  # fmt: skip


def app_dir(variable: str) -> str | None:
    """magcalc's directory under an XDG base, or None when there is no HOME to use."""
    base = os.environ.get(variable, "")
    if os.path.isabs(base):  # the spec: a relative or empty value is ignored
        return os.path.join(base, "magcalc")
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home) or not os.path.isdir(home):
        return None  # never create a missing HOME
    return os.path.join(home, _FALLBACK[variable], "magcalc")


def config_file(name: str) -> str | None:
    """A file (or folder) of the user's in $XDG_CONFIG_HOME/magcalc."""
    base = app_dir("XDG_CONFIG_HOME")
    return None if base is None else os.path.join(base, name)


def data_file(name: str) -> str | None:
    """A file magcalc keeps for the user in $XDG_DATA_HOME/magcalc."""
    base = app_dir("XDG_DATA_HOME")
    return None if base is None else os.path.join(base, name)
