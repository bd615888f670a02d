"""magcalc: magnesium intake against the Dietary Reference Intakes, from the command line or
from Python (see magcalc.api). Information only, not medical advice."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing only for type checkers: the command sets up Ctrl-C the sooner
    from typing import Any

__version__ = "1.0.0"

# The API is imported on first use: `magcalc --help` must not pay for it.
_API = {
    "intake",
    "search_foods",
    "show_food",
    "top_foods",
    "food_groups",
    "forms",
    "standards",
    "standard_rows",
    "recipes",
    "recipe",
    "log_add",
    "log_show",
    "check_diary",
    "diary_path",
    "complete",
    "score",
    "score_file",
}
_ERRORS = {"MagcalcError", "InputError", "DataError"}
__all__ = sorted(_API | _ERRORS | {"__version__"})


def __getattr__(name: str) -> Any:
    if name in _API:
        from magcalc import api

        return getattr(api, name)
    if name in _ERRORS:
        from magcalc import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'magcalc' has no attribute {name!r}")
