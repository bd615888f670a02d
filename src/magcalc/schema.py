"""The JSON Schema of every `--json` output, generated from the result types.

magcalc.results defines the results as plain `typing.TypedDict`s, cheap to import on every
run. pydantic (imported only here, by `magcalc schema` and the tests) needs
`typing_extensions.TypedDict` on Python < 3.12, so each type is rebuilt as one, with the units
(`Mg`, `Grams`, ...) given their bounds. The field descriptions are the docstrings under the
fields in results.py, read by pydantic from that source.
"""

from __future__ import annotations

import types
import typing
from functools import cache
from typing import Annotated, Any

import typing_extensions
from pydantic import ConfigDict, Field, TypeAdapter

from magcalc import results

# The units of results.py with their bounds: never negative, never NaN or infinite.
_NUMBER = {"allow_inf_nan": False}
UNITS = {
    "Mg": Annotated[float, Field(ge=0, **_NUMBER)],
    "Grams": Annotated[float, Field(ge=0, **_NUMBER)],
    "Percent": Annotated[float, Field(ge=0, **_NUMBER)],
    "Share": Annotated[float, Field(ge=0, le=1, **_NUMBER)],
    "float": Annotated[float, Field(**_NUMBER)],
}

OUTPUTS: dict[str, Any] = {
    "intake": results.IntakeResult,
    "foods-search": list[results.FoodInfo],
    "foods-show": results.FoodInfo,
    "foods-top": list[results.TopFood],
    "foods-groups": list[results.FoodGroup],
    "forms": list[results.FormInfo],
    "standards": list[results.StandardInfo],
    "standards-show": list[results.StandardRow],
    "recipes-show": results.RecipeInfo,
    "recipes-list": list[results.RecipeInfo],
    "log-add": results.LogAdded,
    # one row of `magcalc survey` (NDJSON), of `magcalc.score`
    "survey": results.DayScore | results.PersonScore | results.SurveyRefused,
}


def _rebuild(tp: Any, done: dict[type, Any]) -> Any:
    if isinstance(tp, type) and typing.is_typeddict(tp):
        return _typed_dict(tp, done)
    if tp is float:
        return UNITS["float"]
    origin = typing.get_origin(tp)
    if origin is None:
        return tp
    args = tuple(_rebuild(a, done) for a in typing.get_args(tp))
    if origin is Annotated:
        return Annotated[(args[0], *tp.__metadata__)]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[args]  # noqa: UP007 - built from a tuple
    if origin is typing.Literal:
        return tp
    return origin[args if len(args) > 1 else args[0]]


def _typed_dict(cls: type, done: dict[type, Any]) -> Any:
    if cls in done:
        return done[cls]
    hints = typing.get_type_hints(cls, localns=UNITS, include_extras=True)
    fields = {name: _rebuild(tp, done) for name, tp in hints.items()}
    new = typing_extensions.TypedDict(cls.__name__, fields)  # type: ignore[operator]
    # Same module and name: pydantic finds the class in results.py for the field docstrings.
    new.__module__, new.__qualname__, new.__doc__ = cls.__module__, cls.__qualname__, cls.__doc__
    new.__pydantic_config__ = ConfigDict(use_attribute_docstrings=True, extra="forbid")
    done[cls] = new
    return new


@cache
def adapter(name: str) -> TypeAdapter:
    """A pydantic adapter for one output: it validates real outputs in the tests."""
    return TypeAdapter(_rebuild(OUTPUTS[name], {}))


def json_schema(name: str = "intake") -> dict:
    """The JSON Schema of a command's --json output."""
    schema = adapter(name).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"magcalc {name} --json")
    return schema
