"""Where the packaged tables are, and reading them without any heavy import.

A built wheel carries the repository's data/ inside the package (magcalc/data). An editable
install or a plain checkout has no such copy, so the checkout's top-level data/ is used.
Paths are plain strings: pathlib costs a few milliseconds to import on every start.
"""

from __future__ import annotations

import os

from magcalc.errors import DataError

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def data_dir() -> str:
    """The folder holding rda.yaml, foods.csv and the other tables."""
    checkout = os.path.join(os.path.dirname(os.path.dirname(_PACKAGE)), "data")
    for candidate in (os.path.join(_PACKAGE, "data"), checkout):
        if os.path.isfile(os.path.join(candidate, "rda.yaml")):
            return candidate
    raise DataError(
        f"magcalc's data tables are missing (looked in {os.path.join(_PACKAGE, 'data')}); reinstall"
    )


def data_path(name: str) -> str:
    path = os.path.join(data_dir(), name)
    if not os.path.isfile(path):
        raise DataError(f"magcalc's table {name} is missing from {data_dir()}; reinstall")
    return path


def read_text(name: str) -> str:
    with open(data_path(name), encoding="utf-8") as f:
        return f.read()


def read_yaml(name: str) -> object:
    import yaml  # only compiling the tables pays for PyYAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(read_text(name), Loader=loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        problem = getattr(e, "problem", None) or " ".join(str(e).split())
        raise DataError(f"{name} is not valid YAML{where}: {problem}") from None
