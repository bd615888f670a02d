"""Every table and line for people, at 60, 80 and 120 columns, against committed snapshots.

A snapshot is the plain text a user sees (NO_COLOR) with a fixed COLUMNS, each line's
trailing spaces dropped. After a change of layout, read the new ones and commit them:

    MAGCALC_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_tables.py

Beside the snapshots, checks that fail on their own: no line wider than the console, no
text cut with "…", every word of a food's description whole on one line, and the figures
of every numeric column right-aligned.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from magcalc.cli import cli
from magcalc.terminal import SHOWN_FORMS, _fill, _widths, _wrap

SNAPSHOTS = Path(__file__).parent / "snapshots"
# Read when the tests are collected: each test runs without MAGCALC_* variables (conftest).
UPDATE = os.environ.get("MAGCALC_UPDATE_SNAPSHOTS") == "1"
WEEK = str(Path(__file__).parent / "fixtures" / "week.txt")
# Named from the checkout's root, where the views run: the warnings name them so.
ROOT = Path(__file__).parent.parent
CRONOMETER_WEEK = "tests/fixtures/cronometer-free-week.csv"
MEALS = "tests/fixtures/diary-meals.txt"
WIDTHS = [60, 80, 120]
WOMAN = ["intake", "--age", "35", "--sex", "f"]

# Each view a user can print: the name of its snapshot, and its arguments.
VIEWS: dict[str, list[str]] = {
    "intake-day": [
        *WOMAN, "--food", "porridge:1 bowl", "--food", "bagel:1", "--food", "a can of coke",
        "--food", "2 slices of pizza", "--food", "almonds:1 handful",
        "--food", "spinach, boiled:1/2 cup", "--food", "spaghetti sauce:1/2 cup",
        "--food", "whole wheat bread:2 slices",
    ],
    "intake-supplements": [
        *WOMAN, "--food", "almonds:1 oz", "--supplement", "glycinate:100 mg",
        "--medication", "ciprofloxacin",
    ],
    "intake-diary": [
        "intake", "--age", "60", "--sex", "m", "--foods-file", WEEK, "--kidney-disease",
    ],
    "intake-uk": [*WOMAN, "--standard", "uk", "--food", "black beans:1 cup"],
    # A week: foods by day and meal (Cronometer's Group, a diary's '## lunch'), the days.
    "intake-week": ["intake", "--age", "60", "--sex", "m", "--foods-file", CRONOMETER_WEEK,
                    "--best-guess"],
    "intake-week-quiet": ["intake", "--age", "60", "--sex", "m", "--foods-file",
                          CRONOMETER_WEEK, "--quiet", "--best-guess"],
    "intake-meals-oxide": [*WOMAN, "--foods-file", MEALS, "--supplement",
                           "Nature Made Magnesium Oxide 250 mg:1 tablet"],
    "foods-search": ["foods", "search", "almonds"],
    "foods-top": ["foods", "top"],
    "foods-top-group": ["foods", "top", "--group", "Vegetables and Vegetable Products"],
    "foods-show": ["foods", "show", "12061"],
    "foods-groups": ["foods", "groups"],
    "forms": ["forms"],
    "standards": ["standards"],
    "standards-show": ["standards", "show", "efsa"],
    "standards-show-uk": ["standards", "show", "uk"],
}  # fmt: skip
CASES = [(view, width) for view in VIEWS for width in WIDTHS]
IDS = [f"{view}-{width}" for view, width in CASES]
# The views whose warnings (stderr) are kept as snapshots too: grouped, counted, wrapped.
WARNED = ["intake-week", "intake-meals-oxide"]
WARNED_CASES = [(view, width) for view in WARNED for width in WIDTHS]
WARNED_IDS = [f"{view}-warnings-{width}" for view, width in WARNED_CASES]
# The headers of the columns that hold figures.
NUMERIC = {"g", "mg", "grams", "mg per 100g", "Mg by weight", "Year", "Target", "EAR",
           "Upper level", "Food mg", "Supplements mg", "Total mg", "% of RDA"}  # fmt: skip


def _invoke(args: list[str], width: int) -> tuple[str, str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COLUMNS", str(width))
        mp.setenv("NO_COLOR", "1")
        mp.chdir(ROOT)
        result = CliRunner().invoke(cli, args, prog_name="magcalc")
    assert result.exit_code == 0, (result.exit_code, result.stderr)
    return result.stdout, result.stderr


@functools.cache
def render(view: str, width: int) -> str:
    """What `magcalc ...` prints for a view at a width."""
    return _invoke(VIEWS[view], width)[0]


@functools.cache
def warned(view: str, width: int) -> str:
    """What the view says on stderr at a width."""
    return _invoke(VIEWS[view], width)[1]


@functools.cache
def data(view: str) -> Any:
    """The same view's --json, for the words the table must show whole."""
    import json

    return json.loads(_invoke([*VIEWS[view], "--json"], 80)[0])


# ------------------------------------------------------------------ the snapshot helper


def _plain(text: str) -> str:
    """The text as stored: trailing spaces dropped (rich pads cells), one final newline."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def assert_snapshot(name: str, text: str) -> None:
    """Compare text with tests/snapshots/NAME.txt; with MAGCALC_UPDATE_SNAPSHOTS=1, write it."""
    path = SNAPSHOTS / f"{name}.txt"
    text = _plain(text)
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path}; create it with MAGCALC_UPDATE_SNAPSHOTS=1 python -m "
                    "pytest tests/test_tables.py, then read it and commit it")  # fmt: skip
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from {path} (MAGCALC_UPDATE_SNAPSHOTS=1 to update)"


@pytest.mark.parametrize(("view", "width"), CASES, ids=IDS)
def test_snapshot(view: str, width: int) -> None:
    assert_snapshot(f"{view}-{width}", render(view, width))


@pytest.mark.parametrize(("view", "width"), WARNED_CASES, ids=WARNED_IDS)
def test_warnings_snapshot(view: str, width: int) -> None:
    from rich.cells import cell_len

    text = warned(view, width)
    assert not [line for line in text.splitlines() if cell_len(line) > width]
    assert_snapshot(f"{view}-warnings-{width}", text)


def test_every_snapshot_belongs_to_a_view_and_cuts_nothing() -> None:
    names = {p.stem for p in SNAPSHOTS.glob("*.txt")}
    ids = set(IDS) | set(WARNED_IDS)
    assert names == ids, "stale or missing snapshots: " + ", ".join(sorted(names ^ ids))
    for path in SNAPSHOTS.glob("*.txt"):
        assert "…" not in path.read_text(encoding="utf-8"), path


# ------------------------------------------------------------------ checks of the layout


@pytest.mark.parametrize(("view", "width"), CASES, ids=IDS)
def test_no_line_is_wider_than_the_console_and_nothing_is_cut(view: str, width: int) -> None:
    from rich.cells import cell_len

    text = render(view, width)
    wide = [line for line in text.splitlines() if cell_len(line) > width]
    assert not wide, wide[:3]
    assert "…" not in text


def _texts(view: str) -> list[str]:
    """The texts of a view a reader must get whole: food descriptions, and what is said."""
    got = data(view)
    if view.endswith("-quiet"):  # the summary alone: what it concludes
        return [got["assessment"]["conclusion"], got["assessment"]["sd_within_label"]]
    if view.startswith("intake"):
        return [f["description"] for f in got["foods"] + got["food_suggestions"]] + [
            s["why"] for s in got["supplements"][:SHOWN_FORMS] + got["topical"]
        ]
    rows = got if isinstance(got, list) else [got]
    keys = ("description", "food_group", "why", "title", "upper_level", "life_stage")
    return [r[k] for r in rows for k in keys if isinstance(r.get(k), str)]


def _words(text: str) -> set[str]:
    """The words of a text, without the punctuation a table or a line puts around them."""
    return {w.strip("()[],;:.") for w in re.split(r"[\s\u2500-\u257f]+", text)} - {""}


@pytest.mark.parametrize(("view", "width"), CASES, ids=IDS)
def test_no_word_is_split_across_lines(view: str, width: int) -> None:
    tokens = _words(render(view, width))
    words = _words(" ".join(_texts(view)))
    assert words, "the check must have words to look for"
    split = sorted(words - tokens)
    assert not split, f"split or missing at {width} columns: {split[:10]}"


Row = tuple[list[str], bool]  # a table row's cells (with their padding); whether it is open


def _columns(text: str) -> list[tuple[list[str], list[Row]]]:
    """Each table of text: its column headers, and its body rows."""
    tables: list[tuple[list[str], list[Row]]] = []
    heads: list[list[str]] = []
    for line in text.splitlines():
        if "┃" in line:
            heads.append(_cells(line, "┃"))
        elif "│" in line:
            if heads:  # the first row under a header starts a table: name its columns
                columns = zip(*heads, strict=True)
                tables.append(([" ".join(c.strip() for c in col if c.strip()) for col in columns],
                               []))  # fmt: skip
                heads = []
            tables[-1][1].append((_cells(line, "│"), not line.startswith("│")))
    return tables


def _cells(line: str, bar: str) -> list[str]:
    """A table line's cells; a framed line begins and ends with a bar, an open one does not."""
    cells = line.split(bar)
    return cells[1:-1] if line.startswith(bar) else cells


@pytest.mark.parametrize(("view", "width"), CASES, ids=IDS)
def test_numbers_are_right_aligned(view: str, width: int) -> None:
    """A figure ends at its cell's padding: one space, none at the edge of an open table."""
    checked = 0
    for names, rows in _columns(render(view, width)):
        for cells, is_open in rows:
            for i, cell in enumerate(cells):
                if names[i] not in NUMERIC or not cell.strip():
                    continue
                pad = 0 if is_open and i == len(cells) - 1 else 1
                assert len(cell) - len(cell.rstrip()) == pad, (names[i], cells)
                checked += 1
    if view != "foods-groups" and (view, width) != ("standards", 60):  # 60: year under name
        assert checked, "the check must have figures to look at"


@pytest.mark.parametrize("width", [80, 120])  # at 60 the forms stack: the figures go under
def test_the_plan_keeps_its_figures_in_columns(width: int) -> None:
    """The servings and the forms of the plan: each figure ends where the one above ends."""
    text = render("intake-supplements", width)
    for pattern in (r"^\s+[\d.,]+ mg(?=  )", r"% Mg(?=  )", r"mg of salt"):
        ends = {m.end() for line in text.splitlines() for m in [re.search(pattern, line)] if m}
        assert len(ends) == 1, (pattern, ends)


# ------------------------------------------------------------------ the layout's parts


def test_widths_keep_every_word_whole_and_share_the_rest_by_weight() -> None:
    from magcalc.terminal import Size

    sizes = [Size(5, 5, 5), Size(10, 10, 60), Size(8, 8, 60)]
    widths = _widths(sizes, [0, 3, 1], 40)
    assert sum(widths) == 40 and widths[0] == 5 and widths[1] > widths[2] >= 8
    assert _widths(sizes, [0, 3, 1], 200) == [5, 60, 60]  # room for all: each its widest


def test_only_a_word_wider_than_the_column_is_folded() -> None:
    assert _fill("Sauce, pasta, spaghetti/marinara, ready-to-serve", 20).splitlines() == [
        "Sauce, pasta,", "spaghetti/marinara,", "ready-to-serve"]  # fmt: skip
    assert _fill("spaghetti/marinara,", 10).splitlines() == ["spaghetti/", "marinara,"]


def test_prose_wraps_between_phrases_with_a_hanging_indent() -> None:
    line = _wrap("Reference US: RDA 320 mg · EAR 265 mg · upper level for supplements 350 mg",
                 40, keep=["upper level for supplements 350 mg"]).plain  # fmt: skip
    assert line.splitlines() == ["Reference US: RDA 320 mg · EAR 265 mg ·",
                                 "  upper level for supplements 350 mg"]  # fmt: skip
    assert _wrap("a b 1,017 mg", 10).plain.splitlines() == ["a b", "  1,017 mg"]
