"""Step 1c: a survey's rows, many people at once: person, day, food, amount or grams, and who
each person is (age, sex, condition, standard).

The rows come from a CSV or NDJSON file (read as a stream, with no limit of size), from
mappings, or from a pandas DataFrame. Columns are found by their names, in any case
(NAMES), or named by the caller; NHANES's files work as they come: the individual foods file
(SEQN, DR1IFDCD or DR2IFDCD: the FNDDS food code and the day, DR1IGRMS: grams) and, as the
people table, the demographics file (RIDAGEYR, RIDAGEMN, RIAGENDR 1 male 2 female,
RIDEXPRG 1 pregnant). Each row becomes a `Row` for magcalc.batch; a row that cannot be read
becomes an `Unread`, reported with the rest, never dropped.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, BinaryIO, NamedTuple

from magcalc.errors import InputError

FOOD_FIELDS = ("person", "day", "food", "amount", "unit", "grams")
WHO_FIELDS = ("age", "age_months", "sex", "condition", "standard", "feeding")
FIELDS = FOOD_FIELDS + WHO_FIELDS
# The column names each field is found by (lower case); the first three are NHANES's.
NAMES: dict[str, tuple[str, ...]] = {
    "person": ("person", "person_id", "id", "respondent", "respondent_id", "participant",
               "seqn"),
    "day": ("day", "date", "recall_day"),
    "food": ("food", "food_id", "food_code", "food_name", "description", "dr1ifdcd", "dr2ifdcd"),
    "amount": ("amount", "quantity"),
    "unit": ("unit",),
    "grams": ("grams", "g", "weight_g", "dr1igrms", "dr2igrms"),
    "age": ("age", "age_years", "ridageyr"),
    "age_months": ("age_months", "ridagemn"),
    "sex": ("sex", "gender", "riagendr"),
    "condition": ("condition", "ridexprg"),
    "standard": ("standard",),
    "feeding": ("feeding",),
}  # fmt: skip
# NHANES's coded columns: the code, and what it means to magcalc (None: no value given).
CODES: dict[str, dict[str, str | None]] = {
    "riagendr": {"1": "male", "2": "female"},
    "ridexprg": {"1": "pregnant", "2": "none", "3": None},
}
_NHANES_DAY = re.compile(r"dr([12])i")  # DR1IFDCD is day 1 of the recall, DR2IFDCD day 2


class Row(NamedTuple):
    """One survey row as read; a cell not given is None."""

    where: int | str  # the file's line, the DataFrame's index label, or the position
    person: Any
    day: Any
    food: Any
    amount: Any
    unit: Any
    grams: Any
    who: tuple  # the cells of WHO_FIELDS


class Unread(NamedTuple):
    """A row that could not be read, or belongs to no person-day, and why."""

    where: int | str
    why: str
    person: Any = None
    day: Any = None
    food: Any = None


class Layout(NamedTuple):
    """Which column gives each field, and the day every row is on when a column's name says
    it (NHANES's DR1IFDCD: day 1)."""

    columns: dict[str, str]  # field -> the column as the header names it
    day: int | None

    def decoder(self) -> Callable[[tuple], tuple]:
        """A function that reads NHANES's codes in the cells of WHO_FIELDS ('2' in RIAGENDR
        is female), each distinct set of cells once; the cells as they are without codes."""
        if not any(c.lower() in CODES for c in self.columns.values()):
            return lambda who: who
        seen: dict[tuple, tuple] = {}

        def decode(who: tuple) -> tuple:
            found = seen.get(who)
            if found is None:
                found = seen[who] = self.decode(who)
            return found

        return decode

    def decode(self, who: tuple) -> tuple:
        """The cells of WHO_FIELDS with NHANES's codes read ('2' in RIAGENDR is female)."""
        out = list(who)
        for i, name in enumerate(WHO_FIELDS):
            column = self.columns.get(name, "").lower()
            if column in CODES and out[i] is not None:
                code = str(label(out[i]))  # '2', 2 and 2.0 are the code 2
                if code not in CODES[column]:
                    out[i] = f"{code} (not a code of {column.upper()})"
                else:
                    out[i] = CODES[column][code]
                    if out[i] is None and column == "ridexprg":
                        out[i] = "unknown (RIDEXPRG 3: pregnancy could not be ascertained)"
        return tuple(out)


def layout(header: Iterable[Any], given: Mapping[str, str] | None = None, *,
           people: bool = False, param: str = "columns") -> Layout:  # fmt: skip
    """The layout of a header: each field's column, found by NAMES or named in `given`
    ({"person": "SEQN"}); InputError when a needed one is missing or two columns could be it.
    A people table (`people`) needs a person and no food."""
    names = [str(h) for h in header]
    lower = {n.strip().lower(): n for n in names}
    columns: dict[str, str] = {}
    if people:  # the columns named for the survey's rows that the people table holds
        given = {f: c for f, c in (given or {}).items() if f in ("person", *WHO_FIELDS)
                 and (c in names or c.strip().lower() in lower)}  # fmt: skip
    for field, column in (given or {}).items():
        if field not in FIELDS:
            raise InputError(f"{field!r} is not a survey field; use one of {', '.join(FIELDS)}",
                             param)  # fmt: skip
        if column not in names and column.strip().lower() not in lower:
            raise InputError(f"no column {column!r} for {field}; the columns are "
                             f"{', '.join(names)[:200]}", param)  # fmt: skip
        columns[field] = column if column in names else lower[column.strip().lower()]
    for field, known in NAMES.items():
        if field in columns:
            continue
        found = [lower[k] for k in known if k in lower and lower[k] not in columns.values()]
        if len(found) > 1:
            raise InputError(f"columns {found[0]!r} and {found[1]!r} could both be the {field}; "
                             f"name one ({field}={found[0]})", param)  # fmt: skip
        if found:
            columns[field] = found[0]
    needed = ("person",) if people else ("person", "food")
    missing = [f for f in needed if f not in columns]
    if people and not missing and not any(f in columns for f in WHO_FIELDS):
        raise InputError(f"the people table has none of the columns {', '.join(WHO_FIELDS)} "
                         f"(the columns are {', '.join(names)[:200]})", param)  # fmt: skip
    if missing:
        what = "people table" if people else "survey"
        raise InputError(
            f"the {what} has no {' or '.join(missing)} column (the columns are "
            f"{', '.join(names)[:200]}); name it ({missing[0]}=COLUMN), or use the names "
            f"{', '.join(NAMES[missing[0]][:3])}",
            param,
        )  # fmt: skip
    day = None
    if "day" not in columns and (m := _NHANES_DAY.match(columns.get("food", "").lower())):
        day = int(m.group(1))
    return Layout(columns, day)


# --------------------------------------------------------------------------- cell values


def missing(value: Any) -> bool:
    """No value: None, '', NaN, or pandas' NA and NaT."""
    if value is None or value == "":
        return True
    if isinstance(value, float):
        return value != value
    return type(value).__name__ in ("NAType", "NaTType")


def text(value: Any) -> str:
    """A cell as text: 11111000.0 (a code a DataFrame holds as a float) is '11111000'."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.date):
        return _date(value)
    return str(value)


_WHOLE = re.compile(r"(?:0|[1-9][0-9]*)(?:\.0*)?")


def food_text(value: Any) -> str:
    """A food cell as text: a code written as a float ('11111000.0', as pandas writes NHANES's
    codes to a CSV) is the code."""
    got = text(value)
    if got.endswith("0") and "." in got and got.isascii() and _WHOLE.fullmatch(got):
        return got.split(".")[0]
    return got


def label(value: Any) -> str | int:
    """A person's id or a day as given, in a form JSON keeps: whole numbers are numbers
    (73557, '73557' and '73557.0' from a CSV, 73557.0 from a DataFrame are 73557, as
    NHANES's SEQN is), dates are YYYY-MM-DD, everything else is text ('007' too)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    got = text(value)
    if got.isascii() and _WHOLE.fullmatch(got):
        return int(got.split(".")[0])
    return got


def _date(value: datetime.date) -> str:
    if isinstance(value, datetime.datetime) and value.time() != datetime.time():
        return value.isoformat()
    return value.strftime("%Y-%m-%d")


# ------------------------------------------------------------------------------- readers


def _columns(lay: Layout) -> tuple[list[str | None], list[str | None]]:
    """The columns of FOOD_FIELDS and of WHO_FIELDS (None: not given)."""
    return [lay.columns.get(f) for f in FOOD_FIELDS], [lay.columns.get(f) for f in WHO_FIELDS]


def _clean(value: Any) -> Any:
    """A cell as the batch takes it: text stripped, no value as None, and what is neither
    text nor a number (a list in an NDJSON row) as its text, never as itself."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, (list, dict, set)):
        return json.dumps(value, default=str)
    return None if missing(value) else value


def from_mappings(rows: Iterable[Mapping[str, Any]], given: Mapping[str, str] | None = None,
                  start: int = 0, people: bool = False) -> Iterator[Row | Unread]:  # fmt: skip
    """Rows from mappings (dicts, NDJSON objects), each row's `where` its position from
    `start`. A key left out is a value not given; the layout is read for each set of keys
    (the first row's errors are the call's, a later row's are that row's)."""
    layouts: dict[tuple, Any] = {}
    dated = False
    for n, m in enumerate(rows, start):
        if not isinstance(m, Mapping):
            yield Unread(n, f"not a mapping of columns to values: {type(m).__name__}")
            continue
        keys = tuple(m)
        got = layouts.get(keys)
        if got is None:
            try:
                lay = layout(keys, given, people=people)
                got = (*_columns(lay), lay.day, lay.decoder())
            except InputError as e:
                if n == start:
                    raise
                got = e
            if len(layouts) > 1000:  # rows of ever other keys: keep the memory flat
                layouts.clear()
            layouts[keys] = got
        if isinstance(got, InputError):
            yield Unread(n, got.message)
            continue
        food, who, day, decode = got
        p, d, f, a, u, g = [_clean(m.get(c)) if c else None for c in food]
        dated = dated or food[1] is not None  # once rows have days, a row without one has none
        if dated and d is None and day is None:
            yield Unread(n, "no day", p, None, f)
            continue
        yield Row(n, p, d if day is None else day, f, a, u, g,
                  decode(tuple([_clean(m.get(c)) if c else None for c in who])))  # fmt: skip


def from_frame(frame: Any, given: Mapping[str, str] | None = None,
               people: bool = False) -> Iterator[Row | Unread]:  # fmt: skip
    """Rows from a pandas DataFrame, each person's rows together (in the order the persons
    first appear), each row's `where` its index label. A column is read whole, not cell by
    cell: NaN and NA become None, text is stripped."""
    lay = layout(frame.columns, given, people=people)
    n = len(frame)
    order = None
    if n:
        import numpy as np
        import pandas as pd

        codes, _ = pd.factorize(frame[lay.columns["person"]], sort=False)
        order = np.argsort(codes, kind="stable")

    def column(name: str | None) -> list[Any]:
        if name is None:
            return [None] * n
        series = frame[name] if order is None else frame[name].iloc[order]
        values = series.astype(object).where(series.notna(), None).tolist()
        if series.dtype == object or str(series.dtype) in ("string", "str"):
            values = [(v.strip() or None) if type(v) is str else _clean(v) for v in values]
        return values

    food, who = _columns(lay)
    index = frame.index.tolist() if order is None else frame.index[order].tolist()
    person, day, eaten, amount, unit, grams = [column(c) for c in food]
    if lay.day is not None:
        day = [lay.day] * n
    decode = lay.decoder()
    whos = [decode(w) for w in zip(*[column(c) for c in who], strict=True)]
    rows = zip(index, person, day, eaten, amount, unit, grams, whos, strict=True)
    if food[1] is None or None not in day:
        yield from rows  # plain tuples in the order of Row's fields: they are many
        return
    for row in rows:
        yield Unread(row[0], "no day", row[1], None, row[3]) if row[2] is None else row


def grouped(rows: list[Any], given: Mapping[str, str] | None = None) -> Iterator[Row | Unread]:
    """Rows from a list of mappings, each person's rows together (in the order the persons
    first appear), each row's `where` its position."""
    read = list(from_mappings(rows, given))
    first: dict[Any, int] = {}
    keys = [label(r.person) if isinstance(r, Row) and r.person is not None else None
            for r in read]  # fmt: skip
    for i, key in enumerate(keys):
        first.setdefault(key, i)
    order = sorted(range(len(read)), key=lambda i: first[keys[i]])
    return (read[i] for i in order)


def read(path: str, stdin: BinaryIO | None, given: Mapping[str, str] | None = None,
         param: str = "path", people: bool = False) -> Iterator[Row | Unread]:  # fmt: skip
    """Rows of a CSV file (a header, then a row a line) or an NDJSON file (an object a line),
    told apart by the first line; '-' is stdin. Read as a stream, decoded by the io module
    (a survey has millions of lines): memory does not grow with the file. InputError when
    the file cannot be read, is not UTF-8 text, or has no usable header."""
    import io
    import itertools

    from magcalc import files

    name = "stdin" if path == "-" else path
    if path == "-":
        if stdin is None:
            raise InputError("stdin is closed; pipe the rows in, or give a file", param)
        raw = stdin
    else:  # magcalc's rule for every file: a regular file, opened without blocking
        raw = files.open_file(path, param)
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    try:
        head: list[str] = []
        for line in text:
            head.append(line)
            if line.strip():
                break
        rest = itertools.chain(head, text)
        if head and head[-1].lstrip().startswith("{"):
            yield from _ndjson(name, rest, given, param, people)
        else:
            yield from _csv(name, rest, given, param, people)
    except UnicodeDecodeError:
        raise InputError(f"{name}: not UTF-8 text; save the file as UTF-8", param) from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror or e})", param) from None
    finally:
        if raw is stdin:
            text.detach()
        else:
            text.close()


def _csv(name: str, lines: Iterable[str], given: Mapping[str, str] | None, param: str,
         people: bool) -> Iterator[Row | Unread]:  # fmt: skip
    from operator import itemgetter

    from magcalc.foodfile import csv_rows

    broken: list[Unread] = []
    rows = csv_rows(lambda n, why: broken.append(Unread(n, why)), lines)
    first = next(rows, None)
    if first is None:
        raise InputError(f"{name}: no header and no rows", param)
    header = [c.strip() for c in first[1]]
    lay = layout(header, given, people=people, param=param)
    at = {c: i for i, c in enumerate(header)}
    food, who = _columns(lay)
    # A column not given is read as the None appended to every row (index -1).
    pick = itemgetter(*[at[c] if c else -1 for c in food])
    take = itemgetter(*[at[c] if c else -1 for c in who])
    decode = lay.decoder()
    width, day, dated = len(header), lay.day, food[1] is not None
    for n, cells in rows:
        if len(cells) != width:
            yield Unread(n, f"{len(cells)} fields; the header has {width}")
            continue
        cells = [c.strip() or None for c in cells]
        cells.append(None)
        p, d, f, a, u, g = pick(cells)
        if dated and d is None:
            yield Unread(n, "no day", p, None, f)
            continue
        yield (n, p, d if day is None else day, f, a, u, g, decode(take(cells)))  # a Row
    yield from broken


def _ndjson(name: str, lines: Iterable[str], given: Mapping[str, str] | None, param: str,
            people: bool) -> Iterator[Row | Unread]:  # fmt: skip
    def objects() -> Iterator[tuple[int, Any]]:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield n, json.loads(line, parse_constant=_no_constant)
            except ValueError as e:
                yield n, Unread(n, f"not a JSON object ({e})")

    read = False
    for n, obj in objects():
        if isinstance(obj, Unread):
            yield obj
            continue
        if not read:
            read = True
            if not isinstance(obj, dict):
                raise InputError(f"{name}:{n}: not a JSON object; an NDJSON survey has an "
                                 "object a line", param)  # fmt: skip
            layout(obj.keys(), given, people=people, param=param)  # the header's errors here
        yield from from_mappings([obj], given, n, people)
    if not read:
        raise InputError(f"{name}: no rows", param)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def people_table(rows: Iterable[Row | Unread], name: str = "people"
                 ) -> dict[str | int, tuple | str]:  # fmt: skip
    """Who each person is, by their id, from a people table's rows: the cells of WHO_FIELDS,
    or why they cannot be used (listed twice with other values). InputError naming the rows
    that cannot be read: a people table is read whole before the survey."""
    out: dict[str | int, tuple | str] = {}
    bad: list[InputError] = []
    for r in rows:
        if isinstance(r, Unread):
            bad.append(InputError(r.why, "people", f"{name}:{r.where}"))
            continue
        where, person, *_, who = r  # a Row, or a plain tuple in its order
        if person is None:
            bad.append(InputError("no person", "people", f"{name}:{where}"))
            continue
        key = label(person)
        seen = out.get(key)
        if seen is None:
            out[key] = who
        elif seen != who:
            out[key] = f"person {key} is listed twice in the people table, with other values"
    if len(bad) == 1:
        raise bad[0]
    if bad:
        from magcalc.errors import InputErrors

        raise InputErrors(bad, "people")
    return out
