"""Step 1b: read foods (a day, or a diary of days) from a file or stdin, all or nothing.

Layouts, told apart by the first line that is not blank or a comment (or named with
--foods-format):
- `lines`: one `NAME:AMOUNT UNIT` a line, `#` comments and blank lines; a line
  `# 2026-11-20` starts a day of a diary; `supplement: FORM:AMOUNT mg` records a supplement.
- `csv`: a header `food,amount[,unit]`, or `date,food,amount[,unit]` for a diary; a food
  cell `supplement: FORM` records a supplement.
- `cronometer-servings`: Cronometer's "Servings" export (Day, Time, Group, Food Name,
  Amount, …, Magnesium (mg), …): one row a serving; its magnesium is used as given.
- `cronometer-daily`: Cronometer's "Daily Nutrition" export (Date, Energy (kcal), …,
  Magnesium (mg), …): one row a day.
Every line must be understood or the whole read fails with `PATH:LINE: why`.
"""

from __future__ import annotations

import csv
import io
import math
import re
from typing import BinaryIO, NamedTuple

from magcalc.errors import InputError
from magcalc.parse import FoodSpec, SupplementSpec, parse_food_spec, parse_supplement_spec

MAX_BYTES = 20 * 1024 * 1024  # a year of diary is far smaller; more is a mistake
MAX_LINES = 500_000
PARAM = "--foods-file"
LAYOUTS = ["auto", "lines", "csv", "cronometer-servings", "cronometer-daily"]
MAGNESIUM = "magnesium (mg)"
HEADER_WORDS = {"date", "day", "food", "food name", "amount", "unit", "time", "group", "name"}
_DAY_RE = re.compile(r"#\s*(\d{4}-\d{2}-\d{2})\b")
_SUPPLEMENT_RE = re.compile(r"supplements?\s*:\s*(.*)$", re.IGNORECASE)


class Logged(NamedTuple):
    """A serving or a day whose magnesium an app (Cronometer) already worked out."""

    date: str
    name: str
    amount: str
    mg: float
    supplement: bool
    where: str


class Entries(NamedTuple):
    foods: list[FoodSpec]
    supplements: list[SupplementSpec]
    logged: list[Logged]
    notes: list[str]  # what the reader assumed, for the warnings


def read_bytes(path: str, stdin: BinaryIO) -> bytes:
    """The file's bytes (`-` is stdin), refusing what cannot be a foods file."""
    name = "stdin" if path == "-" else path
    try:
        if path == "-":
            data = stdin.read(MAX_BYTES + 1)
        else:
            with open(path, "rb") as f:
                data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file", PARAM) from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a foods file", PARAM) from None
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror or e})", PARAM) from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: larger than {MAX_BYTES // 2**20} MB; split it", PARAM)
    if b"\0" in data:
        raise InputError(f"{name}: a binary file, not text", PARAM)
    return data


def decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(
            f"{name}:{line}: not UTF-8 text (byte {e.start}); save the file as UTF-8", PARAM
        ) from None


def detect(lines: list[str]) -> str:
    """The layout of a file from its first line that is not blank or a comment."""
    first = next((ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    header = [c.strip().lower() for c in next(csv.reader([first]), [])]
    if "food name" in header and "day" in header:
        return "cronometer-servings"
    if header[:1] == ["date"] and "energy (kcal)" in header:
        return "cronometer-daily"
    if header[-3:-1] == ["food", "amount"] or header[-2:] == ["food", "amount"]:
        return "csv"
    if ":" not in first and any(c in HEADER_WORDS or c.endswith(("(mg)", "(g)", "(kcal)"))
                                for c in header):  # fmt: skip
        return "unknown"
    return "lines"


def parse(name: str, text: str, layout: str = "auto") -> Entries:
    """Foods, supplements and logged servings from a file's text; InputError on any bad line."""
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise InputError(f"{name}: {len(lines):,} lines; at most {MAX_LINES:,}", PARAM)
    if layout == "auto":
        layout = detect(lines)
    if layout == "unknown":
        first = next(n for n, ln in enumerate(lines, 1) if ln.strip() and not ln.startswith("#"))
        raise _fail(
            name, first,
            "a table magcalc does not know; expected a header food,amount[,unit] or "
            "date,food,amount[,unit], or a Cronometer Servings or Daily Nutrition export",
        )  # fmt: skip
    readers = {
        "lines": _parse_lines, "csv": _parse_csv,
        "cronometer-servings": _parse_servings, "cronometer-daily": _parse_daily,
    }  # fmt: skip
    return readers[layout](name, lines)


def _fail(name: str, n: int, why: str) -> InputError:
    return InputError(f"{name}:{n}: {why}", PARAM)


def _date(name: str, n: int, text: str) -> str:
    import datetime

    try:
        return datetime.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise _fail(name, n, f"{text.strip()!r} is not a date; write it as YYYY-MM-DD") from None


def _parse_lines(name: str, lines: list[str]) -> Entries:
    foods: list[FoodSpec] = []
    supplements: list[SupplementSpec] = []
    cache: dict[tuple[str, str | None], FoodSpec] = {}
    day: str | None = None
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if m := _DAY_RE.match(stripped):
            if day is None and (foods or supplements):
                raise _fail(name, n, "a day line after foods with no day; put a "
                                     "'# YYYY-MM-DD' line before the first food")  # fmt: skip
            day = _date(name, n, m.group(1))
            continue
        body = stripped.split(" #", 1)[0].strip() if "#" in stripped else stripped
        if not body or body.startswith("#"):
            continue
        if m := _SUPPLEMENT_RE.match(body):
            supplements.append(_supplement(name, n, m.group(1), day))
            continue
        spec = cache.get((body, day))
        if spec is None:
            spec = cache[(body, day)] = _food(name, n, body, day)
        foods.append(spec)
    return Entries(foods, supplements, [], [])


def _parse_csv(name: str, lines: list[str]) -> Entries:
    foods: list[FoodSpec] = []
    supplements: list[SupplementSpec] = []
    header: list[str] | None = None
    for n, row in enumerate(csv.reader(io.StringIO("\n".join(lines))), 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            continue
        if len(row) != len(header):
            raise _fail(name, n, f"{len(row)} fields; the header has {len(header)} "
                                 f"({','.join(header)})")  # fmt: skip
        cells = dict(zip(header, (c.strip() for c in row), strict=True))
        if not cells["food"]:
            raise _fail(name, n, "the food is empty")
        day = _date(name, n, cells["date"]) if "date" in cells else None
        amount = f"{cells['amount']} {cells.get('unit', '')}".strip()
        if m := _SUPPLEMENT_RE.match(cells["food"]):
            supplements.append(_supplement(name, n, f"{m.group(1)}:{amount}", day))
        else:
            foods.append(_food(name, n, f"{cells['food']}:{amount}", day))
    return Entries(foods, supplements, [], [])


def _food(name: str, n: int, text: str, day: str | None) -> FoodSpec:
    try:
        return parse_food_spec(text)._replace(where=f"{name}:{n}", date=day)
    except InputError as e:
        raise _fail(name, n, str(e)) from None


def _supplement(name: str, n: int, text: str, day: str | None) -> SupplementSpec:
    try:
        return parse_supplement_spec(text)._replace(where=f"{name}:{n}", date=day)
    except InputError as e:
        raise _fail(name, n, str(e)) from None


def _cronometer_rows(name: str, lines: list[str], needed: list[str]):
    """(line number, {column: cell}) for each row of a Cronometer export."""
    rows = csv.reader(io.StringIO("\n".join(lines)))
    header: list[str] | None = None
    for n, row in enumerate(rows, 1):
        if not row or not "".join(row).strip():
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            for column in [*needed, MAGNESIUM]:
                if column not in header:
                    raise _fail(
                        name, n,
                        f"this Cronometer export has no {column.title()!r} column"
                        + ("; export it with magnesium included" if column == MAGNESIUM else ""),
                    )  # fmt: skip
            continue
        if len(row) != len(header):
            raise _fail(name, n, f"{len(row)} fields; the header has {len(header)}")
        yield n, dict(zip(header, row, strict=True))


def _mg(name: str, n: int, cell: str) -> float | None:
    if not cell.strip():
        return None
    try:
        value = float(cell.replace(",", ""))
    except ValueError:
        raise _fail(name, n, f"magnesium {cell!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise _fail(name, n, f"magnesium {cell!r} must be a number of mg, 0 or more")
    return value


def _parse_servings(name: str, lines: list[str]) -> Entries:
    logged: list[Logged] = []
    blank = 0
    for n, row in _cronometer_rows(name, lines, ["day", "food name", "amount"]):
        mg = _mg(name, n, row[MAGNESIUM])
        if mg is None:
            blank += 1
            mg = 0.0
        supplement = row.get("group", "").strip().lower() == "supplements"
        logged.append(
            Logged(_date(name, n, row["day"]), row["food name"].strip(), row["amount"].strip(),
                   mg, supplement, f"{name}:{n}")
        )  # fmt: skip
    notes = [f"{name}: {blank} servings have no magnesium value; counted as 0 mg"] if blank else []
    return Entries([], [], logged, notes)


def _parse_daily(name: str, lines: list[str]) -> Entries:
    logged: list[Logged] = []
    seen: dict[str, int] = {}
    for n, row in _cronometer_rows(name, lines, ["date"]):
        day = _date(name, n, row["date"])
        if day in seen:
            raise _fail(name, n, f"{day} is listed twice (line {seen[day]} too)")
        seen[day] = n
        mg = _mg(name, n, row[MAGNESIUM])
        if mg is None:
            raise _fail(name, n, f"no magnesium value for {day}")
        logged.append(Logged(day, "Cronometer daily total", "", mg, False, f"{name}:{n}"))
    notes = [
        f"{name}: Cronometer's daily totals include any supplements logged there; magcalc "
        "counts them all as food"
    ]
    return Entries([], [], logged, notes)


def load(path: str, stdin: BinaryIO, layout: str = "auto") -> Entries:
    name = "stdin" if path == "-" else path
    return parse(name, decode(name, read_bytes(path, stdin)), layout)
