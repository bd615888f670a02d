"""Step 6: show a result: JSON, NDJSON or CSV for scripts, rich tables for people.

Every writer streams: a diary of half a million lines is written row by row, never held
twice. JSON never carries NaN or Infinity (the encoder refuses them), and numbers are
written in full; only the tables round, for reading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TextIO

from magcalc.screen import shown

if TYPE_CHECKING:
    from magcalc.results import IntakeResult

CHUNK = 1 << 16  # write in 64 KB pieces: one write per small piece is slow


def _write_chunks(chunks: Iterable[str], out: TextIO) -> None:
    buf: list[str] = []
    size = 0
    for chunk in chunks:
        buf.append(chunk)
        size += len(chunk)
        if size > CHUNK:
            out.write("".join(buf))
            buf.clear()
            size = 0
    out.write("".join(buf))


def _encoder(indent: int | None, out: TextIO | None = None) -> json.JSONEncoder:
    # Text as it is for a UTF-8 stream; \u escapes (still the same JSON) for any other.
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "")
    return json.JSONEncoder(indent=indent, ensure_ascii=encoding != "utf8", allow_nan=False)


def write_json(value: Any, out: TextIO) -> None:
    """One JSON document, written as it is encoded."""
    _write_chunks(_then(_encoder(2, out).iterencode(value), "\n"), out)


def _then(chunks: Iterable[str], last: str) -> Iterator[str]:
    yield from chunks
    yield last


def write_ndjson(rows: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    enc = _encoder(None, out)
    _write_chunks((enc.encode(r) + "\n" for r in rows), out)


_FORMULA = ("=", "+", "-", "@")  # what makes a spreadsheet read a cell as a formula (OWASP)
_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"  # compiled by `re` when first used
# Figures as the tables show them: mg and grams to one decimal; z and shares to two.
_TWO_DECIMALS = {"z", "food_z", "confidence_adequate", "food_confidence_adequate",
                 "confidence", "probability"}  # fmt: skip


def figure(value: float, key: str = "") -> str:
    """A figure for a CSV cell, rounded as displayed (raw values stay in JSON)."""
    if key == "amount":
        return f"{value:g}"
    text = f"{value:.2f}" if key in _TWO_DECIMALS else f"{value:.1f}"
    text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _cell(value: Any, key: str = "") -> str:
    """A CSV cell: figures rounded as displayed, lists joined by '; ', nested values flat;
    text made safe (`text_cell`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return figure(value, key)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, list):
        return text_cell("; ".join(_cell(v) for v in value))
    if isinstance(value, dict):
        return text_cell(str(flat(value, figure)))
    return text_cell(str(value))


def text_cell(text: str) -> str:
    """Text as a CSV cell: control characters escaped as on a terminal (screen.shown), and a
    cell that a spreadsheet would run as a formula (= + - @ first) made text by a leading
    apostrophe, as OWASP advises; a number stays a number ('-12.5')."""
    text = shown(text)
    if text.startswith(_FORMULA) and not re.fullmatch(_NUMBER, text):
        return "'" + text
    return text


BOM = "\ufeff"  # for spreadsheets, which read a CSV as UTF-8 only after it


def write_csv(rows: Iterable[Mapping[str, Any]], columns: list[str], out: TextIO,
              bom: bool = False) -> None:  # fmt: skip
    import csv

    class _Out:  # csv writes through this, so the rows stream in chunks
        def __init__(self) -> None:
            self.parts: list[str] = []

        def write(self, s: str) -> None:
            self.parts.append(s)

    sink = _Out()
    writer = csv.writer(sink, lineterminator="\n")
    writer.writerow(columns)

    def lines() -> Iterator[str]:
        if bom:
            yield BOM
        yield from sink.parts
        for r in rows:
            sink.parts.clear()
            writer.writerow([_cell(r.get(c), c) for c in columns])
            yield from sink.parts

    _write_chunks(lines(), out)


def write_rows(rows: list[Any], fmt: str, out: TextIO, single: bool = False) -> None:
    """json (one document; one object with `single`), ndjson or csv of flat result rows."""
    if fmt == "json":
        write_json(rows[0] if single else rows, out)
    elif fmt == "ndjson":
        write_ndjson(rows, out)
    else:
        columns = list(rows[0]) if rows else []
        write_csv(rows, columns, out)


def flat(value: Any, number: Callable[[float], str] = repr) -> Any:
    """A nested value as one cell: portions as 'amount unit = grams g; ...', quotes with their
    source; `number` writes the figures (in full for CSV; rounded for a table)."""
    if isinstance(value, list):
        return "; ".join(str(flat(v, number)) for v in value)
    if isinstance(value, dict):
        if "unit" in value and "grams" in value:
            return f"{value['amount']:g} {value['unit']} = {number(value['grams'])} g"
        if "portion" in value:
            return f"{value['portion']} = {number(value['grams'])} g, {number(value['mg'])} mg"
        if "quote" in value:
            return f"{value['topic']}: “{value['quote']}” ({value['source']})"
        return ", ".join(f"{k}: {flat(v, number)}" for k, v in value.items())
    return value


# -------------------------------------------------------------- intake as rows (csv, ndjson)

# Each list of the intake result, the `kind` of its rows, and its row type (in results.py).
_ROW_KINDS: list[tuple[str, str, str]] = [
    ("foods", "food", "FoodLine"),
    ("supplements_taken", "supplement", "SupplementTaken"),
    ("logged", "logged", "LoggedLine"),
    ("days", "day", "DayTotal"),
    ("supplements", "option", "SupplementOption"),
    ("topical", "topical", "TopicalOption"),
    ("food_suggestions", "suggestion", "FoodSuggestion"),
]
_TEXT_KINDS = [("advice", "advice"), ("warnings", "warning")]
_NESTED = {"assessment", *(name for name, _, _ in _ROW_KINDS), *(n for n, _ in _TEXT_KINDS)}


def _column(kind: str, key: str) -> str:
    """A field's column; a row type's own `kind` (a logged serving's) becomes `logged_kind`."""
    return f"{kind}_kind" if key == "kind" else key


def intake_rows(r: IntakeResult) -> Iterator[dict[str, Any]]:
    """Everything the JSON carries, one row per food, supplement, day, option, suggestion,
    piece of advice and warning, then the assessment and the totals."""
    for name, kind, _ in _ROW_KINDS:
        for item in r[name]:  # type: ignore[literal-required]
            yield {"kind": kind, **{_column(kind, k): v for k, v in item.items()}}
    for name, kind in _TEXT_KINDS:
        for text in r[name]:  # type: ignore[literal-required]
            yield {"kind": kind, "text": text}
    a = r["assessment"]
    if a is not None:
        row: dict[str, Any] = {"kind": "assessment", **{k: v for k, v in a.items()
                                                       if k != "ul_test"}}  # fmt: skip
        for k, v in (a["ul_test"] or {}).items():
            row[f"ul_test_{k}"] = v
        yield row
    yield {"kind": "total", **{k: v for k, v in r.items() if k not in _NESTED}}


# The columns of each kind of row of an intake's CSV.
FOOD_COLUMNS = ["date", "meal", "query", "food_id", "source", "description", "amount", "unit",
                "portion", "grams", "mg_per_100g", "mg"]  # fmt: skip
DAY_COLUMNS = ["date", "food_mg", "supplement_mg", "intake_mg", "percent_of_target", "above_ul"]
CRONOMETER = "Cronometer export"  # the source of a serving whose magnesium it gave


def food_rows(r: IntakeResult) -> Iterator[dict[str, Any]]:
    """A row per food eaten: the foods resolved, then the servings an export gave figures for."""
    yield from r["foods"]  # type: ignore[misc]
    for g in r["logged"]:
        if g["kind"] == "food":
            yield {"date": g["date"], "meal": g["meal"], "query": g["name"], "source": CRONOMETER,
                   "portion": g["amount"], "mg": g["mg"]}  # fmt: skip


def day_rows(r: IntakeResult) -> Iterator[dict[str, Any]]:
    """A row per diary day; one row, without a date, for a single day."""
    target = r["target_mg"]
    days = r["days"] or [{"date": None, "food_mg": r["food_intake_mg"],
                          "supplement_mg": r["supplement_intake_mg"], "intake_mg": r["intake_mg"],
                          "above_ul": None}]  # fmt: skip
    for d in days:
        yield {**d, "percent_of_target": 100 * d["intake_mg"] / target}


_SUMMARY_LEAVES = _NESTED | {"interactions"}  # lists of objects: in the JSON


def summary_columns() -> list[str]:
    """The summary row's columns: the result's figures, then the assessment's, from the
    result types."""
    from magcalc import results

    cols = [c for c in results.IntakeResult.__annotations__ if c not in _SUMMARY_LEAVES]
    cols += [c for c in results.Assessment.__annotations__ if c != "ul_test" and c not in cols]
    return cols + [f"ul_test_{c}" for c in results.UlTest.__annotations__]


def summary_row(r: IntakeResult) -> dict[str, Any]:
    row: dict[str, Any] = {k: v for k, v in r.items() if k not in _SUMMARY_LEAVES}
    a = r["assessment"]
    if a is not None:
        row.update({k: v for k, v in a.items() if k != "ul_test" and k not in row})
        for k, v in (a["ul_test"] or {}).items():
            row[f"ul_test_{k}"] = v
    return row


def rows_of(r: IntakeResult, kind: str) -> tuple[list[str], Iterable[dict[str, Any]]]:
    """The columns and rows of one kind (choices.ROWS)."""
    if kind == "foods":
        return FOOD_COLUMNS, food_rows(r)
    if kind == "days":
        return DAY_COLUMNS, day_rows(r)
    if kind == "summary":
        return summary_columns(), [summary_row(r)]
    raise ValueError(f"no rows {kind!r}")


def write_intake(
    r: IntakeResult, fmt: str, out: TextIO, rows: str | None = None, bom: bool = False
) -> None:
    """The intake result for scripts (the table for people is magcalc.terminal's). CSV holds
    one kind of row (`rows`, foods by default), figures rounded as displayed; NDJSON every
    row of everything the JSON carries, in full, or with `rows` that kind alone."""
    if fmt == "json":
        write_json(r, out)
    elif fmt == "ndjson":
        write_ndjson(intake_rows(r) if rows is None else rows_of(r, rows)[1], out)
    elif fmt == "csv":
        columns, chosen = rows_of(r, rows or "foods")
        write_csv(chosen, columns, out, bom)
    else:
        raise ValueError(f"no script format {fmt!r}")


# ------------------------------------------------------------ surveys (`magcalc survey`)


def survey_columns(per: str) -> tuple[list[str], set[str]]:
    """The flat columns of a survey's rows for `per` (day, person or both), from the result
    types, the same on every row; and those that hold numbers (floats)."""
    import typing

    from magcalc import results

    kinds = {"day": [results.DayScore], "person": [results.PersonScore]}
    types = kinds.get(per, [results.DayScore, results.PersonScore])
    if per != "day":
        types += [results.Assessment]
    cols = ["kind", "person", "day"]
    numbers: set[str] = set()
    for t in [*types, results.SurveyRefused]:
        for name, hint in typing.get_type_hints(t).items():
            if name in ("assessment", "ul_test"):
                continue
            if name not in cols:
                cols.append(name)
            if float in (hint, *typing.get_args(hint)):
                numbers.add(name)
    if per != "day":
        for name, hint in typing.get_type_hints(results.UlTest).items():
            cols.append(f"ul_test_{name}")
            if float in (hint, *typing.get_args(hint)):
                numbers.add(f"ul_test_{name}")
    return cols, numbers


def survey_flat(row: Mapping[str, Any]) -> Mapping[str, Any]:
    """A survey row with its assessment's fields as columns (`ul_test_...` for its UL test)."""
    if "assessment" not in row:
        return row  # type: ignore[return-value]
    flat = {k: v for k, v in row.items() if k != "assessment"}
    for k, v in (row["assessment"] or {}).items():
        if k == "ul_test":
            flat.update({f"ul_test_{k2}": v2 for k2, v2 in (v or {}).items()})
        else:
            flat[k] = v
    return flat


def write_survey(rows: Iterable[Mapping[str, Any]], fmt: str, per: str, out: TextIO) -> None:
    """A survey's rows as they come: NDJSON as the result types nest them, or CSV with the
    flat columns of `survey_columns`."""
    if fmt == "ndjson":
        write_ndjson(rows, out)
    elif fmt == "csv":
        write_csv((survey_flat(r) for r in rows), survey_columns(per)[0], out)
    else:
        raise ValueError(f"no survey format {fmt!r}")
