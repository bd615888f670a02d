"""Step 1b: read foods (a day, or a diary of days) from a file or stdin, all or nothing.

Layouts, told apart by the first line that is not blank or a comment (or named with
--foods-format):
- `lines`: one food a line as `--food` takes it (`NAME:AMOUNT UNIT`, `1 cup oatmeal`, ...),
  `#` comments and blank lines; a line `# 2026-11-20` starts a day of a diary;
  `supplement: FORM:AMOUNT mg` records a supplement.
- `csv`: a header `food,amount[,unit]`, or `date,food,amount[,unit]` for a diary; a food
  cell `supplement: FORM` records a supplement.
- `cronometer-servings`: Cronometer's "Servings" export (Day, Time, Group, Food Name,
  Amount, ...). With a `Magnesium (mg)` column its magnesium is used as given; without one
  (the free export) each food name and amount is read like a diary line.
- `cronometer-daily`: Cronometer's "Daily Nutrition" export (Date, Energy (kcal), ...,
  Magnesium (mg), ...): one row a day; days not logged are left out and named.
Every line must be understood or nothing is counted: all bad lines are reported at once
(up to InputErrors.MAX_REPORTED), each as `PATH:LINE: why`.
"""

from __future__ import annotations

import csv
import itertools
import math
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO, NamedTuple

from magcalc.choices import LAYOUTS
from magcalc.errors import InputError, InputErrors
from magcalc.parse import (
    FoodSpec,
    SupplementSpec,
    iso_date,
    parse_food_spec,
    parse_supplement_spec,
)

MAX_BYTES = 20 * 1024 * 1024  # a year of diary is far smaller; more is a mistake
MAX_LINES = 500_000
MAX_LINE_CHARS = 10_000  # one food a line; a longer line is not a diary line
MAX_MG = 10_000.0  # more magnesium than this in one row or day is not a real diary value
PARAM = "--foods-file"
MAGNESIUM = "magnesium (mg)"
HEADER_WORDS = {"date", "day", "food", "food name", "amount", "unit", "time", "group", "name"}
DAY_RE = re.compile(r"#\s*(\d{4}-\d{1,2}-\d{1,2})\b")
SUPPLEMENT_RE = re.compile(r"supplements?\s*:\s*(.*)$", re.IGNORECASE)

__all__ = ["LAYOUTS", "Entries", "Logged", "load", "parse"]


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
    notes: list[str]  # what the reader assumed or left out, for the warnings
    # Lines that could not be read; reported with the foods no record fits, all at once.
    errors: list[InputError] = []  # noqa: RUF012 - a NamedTuple default, never mutated


class _Reader:
    """One file being read: its name and the bad lines found so far."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.errors: list[InputError] = []

    def fail(self, n: int, why: str) -> None:
        self.errors.append(InputError(why, PARAM, f"{self.name}:{n}"))

    def done(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise InputErrors(self.errors, PARAM)

    def date(self, n: int, text: str) -> str | None:
        day = iso_date(text)
        if day is None:
            self.fail(n, f"{text.strip()!r} is not a date; write it as YYYY-MM-DD")
        return day

    def _spec(self, parse: Callable[[str], Any], n: int, text: str, day: str | None) -> Any:
        """A food or supplement of line n as `parse` reads it, or None (and the line noted)."""
        try:
            return parse(text)._replace(where=f"{self.name}:{n}", date=day)
        except InputError as e:
            self.fail(n, e.message)
            return None

    def food(self, n: int, text: str, day: str | None) -> FoodSpec | None:
        return self._spec(parse_food_spec, n, text, day)

    def supplement(self, n: int, text: str, day: str | None) -> SupplementSpec | None:
        return self._spec(parse_supplement_spec, n, text, day)

    def mg(self, n: int, cell: str) -> float | None:
        """A magnesium cell: '' is no value; a decimal comma is a decimal point."""
        text = cell.strip()
        if not text:
            return None
        if "," in text:
            if "." in text or re.fullmatch(r"\d+,\d{3}", text):
                self.fail(n, f"magnesium {cell!r} is ambiguous (a thousands or a decimal "
                             "comma?); write it with a decimal point")  # fmt: skip
                return None
            text = text.replace(",", ".")
        if not re.fullmatch(r"\d+(?:\.\d*)?|\.\d+", text):
            self.fail(n, f"magnesium {cell!r} is not a number of mg")
            return None
        value = float(text)
        if not math.isfinite(value) or value > MAX_MG:
            self.fail(n, f"magnesium {cell!r} is more than {MAX_MG:,.0f} mg; check the export")
            return None
        return value


def _open(path: str, stdin: BinaryIO | None, param: str = PARAM) -> BinaryIO:
    """The file (`-` is stdin) opened for reading bytes; InputError when it cannot be."""
    name = "stdin" if path == "-" else path
    if path == "-":
        if stdin is None:
            raise InputError("stdin is closed; pipe the foods in, or give a file", param)
        return stdin
    try:
        f = open(path, "rb")  # noqa: SIM115 - read as a stream by _lines, closed by load
    except FileNotFoundError:
        raise InputError(f"{name}: no such file", param) from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a text file", param) from None
    except (OSError, ValueError) as e:
        why = getattr(e, "strerror", None) or str(e)
        raise InputError(f"{name}: cannot be read ({why})", param) from None
    if stat.S_ISDIR(os.fstat(f.fileno()).st_mode):
        f.close()
        raise InputError(f"{name}: is a directory, not a text file", param)
    return f


def _lines(name: str, raw: BinaryIO, param: str = PARAM) -> Iterator[str]:
    """The file's lines, decoded one by one as they are read (a large file is never held
    whole), within the limits; InputError at the first line that is not UTF-8 text."""
    n = size = 0
    try:
        for data in raw:
            n += 1
            size += len(data)
            if n > MAX_LINES:
                raise InputError(f"{name}: more than {MAX_LINES:,} lines; at most {MAX_LINES:,} "
                                 "are read at once: split it", param)  # fmt: skip
            if size > MAX_BYTES:
                raise InputError(f"{name}: larger than {MAX_BYTES // 2**20} MB; split it", param)
            if b"\0" in data:
                raise InputError(f"{name}: a binary file, not text", param)
            try:
                line = data.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{name}:{n}: not UTF-8 text; save the file as UTF-8",
                                 param) from None  # fmt: skip
            yield line.rstrip("\r\n")
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({e.strerror or e})", param) from None


def read_lines(path: str, param: str) -> list[str]:
    """A small file's lines (the user's foods, a recipe), read with a foods file's checks."""
    raw = _open(path, None, param)
    try:
        return list(_lines(path, raw, param))
    finally:
        raw.close()


def _header(lines: list[str]) -> tuple[int, list[str]]:
    """(line number, lower-case cells) of the first line that is not blank or a comment."""
    for n, line in enumerate(lines, 1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                cells = next(csv.reader([line]), [])
            except csv.Error:
                cells = [line]
            return n, [c.strip().lower() for c in cells]
    return 0, []


def detect(lines: list[str]) -> str:
    """The layout of a file from its first line that is not blank or a comment."""
    _, header = _header(lines)
    first = ",".join(header)
    if "food name" in header and "day" in header:
        return "cronometer-servings"
    if header[:1] == ["date"] and "energy (kcal)" in header:
        return "cronometer-daily"
    if "food" in header and "amount" in header:
        return "csv"
    if ":" not in first and any(c in HEADER_WORDS or c.endswith(("(mg)", "(g)", "(kcal)"))
                                for c in header):  # fmt: skip
        return "unknown"
    return "lines"


def parse(name: str, text: str, layout: str = "auto") -> Entries:
    """Foods, supplements and logged servings from a file's text; InputError(s) on bad lines."""
    return parse_lines(name, iter(text.splitlines()), layout)


def parse_lines(name: str, lines: Iterator[str], layout: str = "auto") -> Entries:
    """As `parse`, from lines read one by one: the head is read to tell the layout, the rest
    as it comes."""
    head: list[str] = []
    for line in lines:  # up to the first line that is not blank or a comment
        head.append(line)
        if line.strip() and not line.lstrip().startswith("#"):
            break
    if layout == "auto":
        layout = detect(head)
    if layout == "unknown":
        n, _ = _header(head)
        raise InputError(
            "a table magcalc does not know; expected a header food,amount[,unit] or "
            "date,food,amount[,unit], or a Cronometer Servings or Daily Nutrition export",
            PARAM, f"{name}:{n}",
        )  # fmt: skip
    reader = _Reader(name)
    readers = {
        "lines": _parse_lines, "csv": _parse_csv,
        "cronometer-servings": _parse_servings, "cronometer-daily": _parse_daily,
    }  # fmt: skip
    entries = readers[layout](reader, _checked(reader, itertools.chain(head, lines)), head)
    return entries._replace(errors=reader.errors)


def _checked(r: _Reader, lines: Iterable[str]) -> Iterator[str]:
    """The lines; one too long to be a diary line is reported and read as empty."""
    for n, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            r.fail(n, f"{len(line):,} characters on one line; at most {MAX_LINE_CHARS:,}")
            yield ""
        else:
            yield line


def _parse_lines(r: _Reader, lines: Iterable[str], head: list[str]) -> Entries:
    foods: list[FoodSpec] = []
    supplements: list[SupplementSpec] = []
    cache: dict[tuple[str, str | None], FoodSpec] = {}
    day: str | None = None
    day_line = 0
    empty: list[str] = []
    entries_in_day = 0
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if m := DAY_RE.match(stripped):
            if day is None and (foods or supplements):
                r.fail(n, "a day line after foods with no day; put a '# YYYY-MM-DD' line "
                          "before the first food")  # fmt: skip
            if day is not None and entries_in_day == 0:
                empty.append(f"{day} (line {day_line})")
            day, day_line, entries_in_day = r.date(n, m.group(1)) or "", n, 0
            continue
        body = stripped.split(" #", 1)[0].strip() if "#" in stripped else stripped
        if not body or body.startswith("#"):
            continue
        entries_in_day += 1
        if m := SUPPLEMENT_RE.match(body):
            if (s := r.supplement(n, m.group(1), day)) is not None:
                supplements.append(s)
            continue
        spec = cache.get((body, day))
        if spec is None:
            spec = r.food(n, body, day)
            if spec is None:
                continue
            cache[(body, day)] = spec
        foods.append(spec)
    if day is not None and entries_in_day == 0:
        empty.append(f"{day} (line {day_line})")
    notes = []
    if empty:
        notes.append(f"{r.name}: {len(empty)} day(s) with nothing under them left out of the "
                     f"diary: {', '.join(empty)}")  # fmt: skip
    return Entries(foods, supplements, [], notes)


def csv_rows(
    fail: Callable[[int, str], None], lines: Iterable[str]
) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each row that is not blank or a comment; a line that is no CSV
    row is said to `fail` and ends the file."""
    rows = csv.reader(lines)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as e:
            fail(rows.line_num, f"not a CSV row ({e})")
            return
        if row and "".join(row).strip() and not row[0].lstrip().startswith("#"):
            yield rows.line_num, row


def _parse_csv(r: _Reader, lines: Iterable[str], head: list[str]) -> Entries:
    foods: list[FoodSpec] = []
    supplements: list[SupplementSpec] = []
    header: list[str] | None = None
    for n, row in csv_rows(r.fail, lines):
        if header is None:
            header = [c.strip().lower() for c in row]
            if "food" not in header or "amount" not in header:
                r.fail(n, f"the first line must be a header food,amount[,unit] or "
                          f"date,food,amount[,unit]; got {','.join(header)[:60]!r}")  # fmt: skip
                return Entries([], [], [], [])
            continue
        if len(row) != len(header):
            r.fail(n, f"{len(row)} fields; the header has {len(header)} ({','.join(header)})")
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=True))
        if not cells["food"]:
            r.fail(n, "the food is empty")
            continue
        day = r.date(n, cells["date"]) if "date" in cells else None
        amount = f"{cells['amount']} {cells.get('unit', '')}".strip()
        if m := SUPPLEMENT_RE.match(cells["food"]):
            if (s := r.supplement(n, f"{m.group(1)}:{amount}", day)) is not None:
                supplements.append(s)
        elif (spec := r.food(n, f"{cells['food']}:{amount}", day)) is not None:
            foods.append(spec)
    if header is None:
        r.fail(1, "no header and no rows; expected a header food,amount[,unit]")
    return Entries(foods, supplements, [], [])


def _cronometer_rows(
    r: _Reader, lines: Iterable[str], needed: list[str]
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: cell}) for each row of a Cronometer export."""
    header: list[str] | None = None
    for n, row in csv_rows(r.fail, lines):
        if header is None:
            header = [c.strip().lower() for c in row]
            missing = [c for c in needed if c not in header]
            if missing:
                names = ", ".join(f"'{_COLUMN_NAMES.get(c, c)}'" for c in missing)
                r.fail(n, f"this Cronometer export has no {names} column")
                return
            continue
        if len(row) != len(header):
            r.fail(n, f"{len(row)} fields; the header has {len(header)}")
            continue
        yield n, dict(zip(header, row, strict=True))


def _parse_servings(r: _Reader, lines: Iterable[str], head: list[str]) -> Entries:
    _, header = _header(head)
    if MAGNESIUM not in header:
        return _parse_free_servings(r, lines)
    logged: list[Logged] = []
    blank = 0
    for n, row in _cronometer_rows(r, lines, ["day", "food name", "amount", MAGNESIUM]):
        before = len(r.errors)
        day = r.date(n, row["day"])
        mg = r.mg(n, row[MAGNESIUM])
        if len(r.errors) > before:
            continue
        if mg is None:
            blank += 1
            mg = 0.0
        supplement = row.get("group", "").strip().lower() == "supplements"
        logged.append(Logged(day, row["food name"].strip(), row["amount"].strip(), mg,
                             supplement, f"{r.name}:{n}"))  # fmt: skip
    notes = [f"{r.name}: {blank} servings have no magnesium value; counted as 0 mg"] if blank \
        else []  # fmt: skip
    return Entries([], [], logged, notes)


# Cronometer's own spelling of the columns magcalc reads, for messages.
_COLUMN_NAMES = {"day": "Day", "food name": "Food Name", "amount": "Amount", "date": "Date",
                 MAGNESIUM: "Magnesium (mg)"}  # fmt: skip
_CRONOMETER_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(.*)$")


def _parse_free_servings(r: _Reader, lines: Iterable[str]) -> Entries:
    """The free export (no nutrient columns): each food name and amount read like a diary
    line, the record used shown per row; a supplement counted when its name names magnesium
    or one of its forms, and others (vitamin D, fish oil) left out and named."""
    foods: list[FoodSpec] = []
    supplements: list[SupplementSpec] = []
    other: list[str] = []
    for n, row in _cronometer_rows(r, lines, ["day", "food name", "amount"]):
        day = r.date(n, row["day"])
        name, amount = row["food name"].strip(), row["amount"].strip()
        m = _CRONOMETER_AMOUNT.match(amount)
        if not name or m is None:
            r.fail(n, f"cannot read the food {name!r} with the amount {amount!r}")
            continue
        quantity, unit = m.group(1), re.sub(r"\s*\(.*\)\s*$", "", m.group(2)).strip()
        if row.get("group", "").strip().lower() == "supplements":
            if not _names_magnesium(name):
                other.append(name)
            elif (s := r.supplement(n, f"{name}:{quantity} {unit}", day)) is not None:
                supplements.append(s)
            continue
        spec = r.food(n, f"{name}:{quantity} {unit}".strip(), day)
        if spec is not None:
            foods.append(spec)
    notes = [f"{r.name}: Cronometer's free export has no magnesium column; each food is "
             "matched to a USDA record by its name (shown per food)"]  # fmt: skip
    if other:
        left = ", ".join(dict.fromkeys(other))
        notes.append(f"{r.name}: {len(other)} supplement rows without magnesium left out: {left}")
    return Entries(foods, supplements, [], notes)


def _names_magnesium(name: str) -> bool:
    """Does a supplement's name name magnesium, or a form of it ("Calm: Magnesium Citrate")?"""
    from magcalc.store import forms_named

    return "magnesium" in name.lower() or bool(forms_named(name))


def _parse_daily(r: _Reader, lines: Iterable[str], head: list[str]) -> Entries:
    logged: list[Logged] = []
    seen: dict[str, int] = {}
    unlogged: list[str] = []
    for n, row in _cronometer_rows(r, lines, ["date", MAGNESIUM]):
        day = r.date(n, row["date"])
        if day is None:
            continue
        if day in seen:
            r.fail(n, f"{day} is listed twice (line {seen[day]} too)")
            continue
        seen[day] = n
        before = len(r.errors)
        mg = r.mg(n, row[MAGNESIUM])
        if len(r.errors) > before:
            continue
        energy = row.get("energy (kcal)", "").strip()
        completed = row.get("completed", "").strip().lower()
        if completed == "false" or (mg in (None, 0.0) and energy in ("", "0", "0.00")):
            unlogged.append(day)  # Cronometer lists days nobody logged: not a day of 0 mg
            continue
        if mg is None:
            r.fail(n, f"no magnesium value for {day}")
            continue
        logged.append(Logged(day, "Cronometer daily total", "", mg, False, f"{r.name}:{n}"))
    notes = [
        f"{r.name}: Cronometer's daily totals include any supplements logged there; magcalc "
        "counts them all as food"
    ]
    if unlogged:
        notes.append(
            f"{r.name}: {len(unlogged)} day(s) not logged (Completed false, or no energy and no "
            f"magnesium) left out of the mean: {', '.join(unlogged)}"
        )
    return Entries([], [], logged, notes)


def load(path: str, stdin: BinaryIO | None, layout: str = "auto") -> Entries:
    name = "stdin" if path == "-" else path
    raw = _open(path, stdin)
    lines = _lines(name, raw)
    try:
        return parse_lines(name, lines, layout)
    finally:
        lines.close()
        if raw is not stdin:
            raw.close()


def within(entries: Entries, since: str | None, until: str | None, name: str) -> Entries:
    """The entries of the days from `since` to `until` (YYYY-MM-DD, either end open);
    InputError when there are none."""

    def keep(day: str | None) -> bool:
        return day is not None and (since or day) <= day <= (until or day)

    kept = entries._replace(
        foods=[f for f in entries.foods if keep(f.date)],
        supplements=[s for s in entries.supplements if keep(s.date)],
        logged=[g for g in entries.logged if keep(g.date)],
    )  # fmt: skip
    if not (kept.foods or kept.supplements or kept.logged) and not entries.errors:
        span = f"from {since or 'the start'} to {until or 'the end'}"
        raise InputError(f"{name}: nothing recorded {span}", PARAM)
    return kept
