"""Where the packaged tables are, and reading them without any heavy import.

A built wheel carries the repository's data/ inside the package (magcalc/data). An editable
install or a plain checkout has no such copy, so the checkout's top-level data/ is used.
"""

from __future__ import annotations

import csv
from pathlib import Path

from magcalc.errors import DataError

_PACKAGE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder holding rda.yaml, foods.csv and the other tables."""
    for candidate in (_PACKAGE / "data", _PACKAGE.parent.parent / "data"):
        if (candidate / "rda.yaml").is_file():
            return candidate
    raise DataError(f"magcalc's data tables are missing (looked in {_PACKAGE / 'data'}); reinstall")


def data_path(name: str) -> Path:
    path = data_dir() / name
    if not path.is_file():
        raise DataError(f"magcalc's table {name} is missing from {path.parent}; reinstall")
    return path


def read_csv(name: str) -> list[dict[str, str]]:
    with data_path(name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_yaml(name: str) -> object:
    import yaml  # only commands that need a YAML table pay for PyYAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with data_path(name).open(encoding="utf-8") as f:
        try:
            return yaml.load(f, Loader=loader)
        except yaml.YAMLError as e:
            raise DataError(f"{name} is not valid YAML: {e}") from None
