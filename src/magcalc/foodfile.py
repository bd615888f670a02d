"""Step 1b: read foods from a file or stdin, all or nothing.

Two layouts, told apart by the first line that is not blank or a comment:
- lines of `NAME:AMOUNT UNIT`, with `#` comments (whole-line or trailing) and blank lines;
- a CSV whose header is `food,amount` or `food,amount,unit`.
Every line must be understood or the whole read fails with `PATH:LINE: why`.
"""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

from magcalc.errors import InputError
from magcalc.parse import FoodSpec, parse_food_spec

MAX_BYTES = 20 * 1024 * 1024  # a day's (or a year's) food is far smaller; more is a mistake
MAX_LINES = 500_000
PARAM = "--foods-file"


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


def parse(name: str, text: str) -> list[FoodSpec]:
    """Food specs from the text of a foods file; InputError `NAME:LINE: why` on any bad line."""
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise InputError(f"{name}: {len(lines):,} lines; at most {MAX_LINES:,}", PARAM)
    first = next((ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), "")
    header = [c.strip().lower() for c in first.split(",")]
    if header in (["food", "amount"], ["food", "amount", "unit"]):
        return _parse_csv(name, lines)
    specs: list[FoodSpec] = []
    cache: dict[str, FoodSpec] = {}
    for n, line in enumerate(lines, 1):
        body = line.split(" #", 1)[0].strip() if "#" in line else line.strip()
        if not body or body.startswith("#"):
            continue
        spec = cache.get(body)
        if spec is None:
            spec = cache[body] = _spec(name, n, body)
        specs.append(spec)
    return specs


def _parse_csv(name: str, lines: list[str]) -> list[FoodSpec]:
    specs: list[FoodSpec] = []
    rows = csv.reader(io.StringIO("\n".join(lines)))
    header: list[str] | None = None
    for n, row in enumerate(rows, 1):
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            continue
        if len(row) != len(header):
            raise InputError(
                f"{name}:{n}: {len(row)} fields; the header has {len(header)} ({','.join(header)})",
                PARAM,
            )
        cells = dict(zip(header, (c.strip() for c in row), strict=True))
        if not cells["food"]:
            raise InputError(f"{name}:{n}: the food is empty", PARAM)
        amount = f"{cells['amount']} {cells.get('unit', '')}".strip()
        specs.append(_spec(name, n, f"{cells['food']}:{amount}"))
    return specs


def _spec(name: str, n: int, text: str) -> FoodSpec:
    try:
        return parse_food_spec(text)._replace(where=f"{name}:{n}")
    except InputError as e:
        raise InputError(f"{name}:{n}: {e}", PARAM) from None


def load(path: str, stdin: BinaryIO) -> list[FoodSpec]:
    name = "stdin" if path == "-" else path
    return parse(name, decode(name, read_bytes(path, stdin)))
