"""Step 6b: results as tables and lines for people in a terminal (rich).

rich is imported only here, only when a table is drawn. Every table is laid out for the
console's width by `_widths`: numbers keep their width and stay right-aligned; text columns
share what is left, each at least as wide as its longest word, so text wraps between words
and is never cut. Where the room is short, a table drops its outer frame, then moves its
secondary columns into the description (`_fit`). Lines of prose wrap between words with a
hanging indent (`_wrap`), keeping a figure with its unit and a phrase on one line.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from magcalc.screen import shown, terminal_width

if TYPE_CHECKING:  # the result types are for type checkers: a result is a dict at run time
    from magcalc.results import (
        FoodInfo,
        FormInfo,
        IntakeResult,
        LogAdded,
        RecipeInfo,
        StandardInfo,
        StandardRow,
    )  # fmt: skip

SHOWN_FORMS = 4
SHORT_SOURCE = {"USDA SR28": "SR28", "USDA FNDDS 2021-2023": "FNDDS"}


def record(line: Any) -> str:
    """The record a food line used, for reading: a USDA id and description and the table's
    short name; the user's own food or recipe by its name."""
    if line["source"] in SHORT_SOURCE:
        return f"{line['food_id']} {line['description']} ({SHORT_SOURCE[line['source']]})"
    return f"{line['description']} ({line['source']})"


READABLE = 24  # the main text column (a description) grows to this width first...
NARROWEST = 20  # ...and narrower than this it reads badly: the next layout is tried
INDENT = 2  # the hanging indent of wrapped prose
SHORT = 12  # a header this short stays on one line
# Held on one line: a figure and its unit ("320 mg", "(12 fl oz)"), a count and what it
# counts ("2 × 'slice'"); a separator ("·", "=") ends a line rather than starts one.
_GLUE = [re.compile(r"(?<![^\s(])[\d.,/]+ (?:mg|g|%|fl oz|oz)(?![\w-])"),
         re.compile(r"\S+ × \S+"), re.compile(r"\S+ [·=](?= )")]  # fmt: skip


def console(out: TextIO | None) -> Any:
    """A rich console; no ANSI codes at all when NO_COLOR is set (or not a terminal)."""
    from rich.console import Console

    plain = "NO_COLOR" in os.environ
    # No markup or emoji codes: food names and quotes are printed as they are ("[1]" stays).
    return Console(
        file=out, highlight=False, markup=False, emoji=False, width=terminal_width(),
        color_system=None if plain else "auto",
    )  # fmt: skip


def _bold(head: str, rest: str) -> Any:
    from rich.text import Text

    return Text.assemble((shown(head), "bold"), shown(rest))


def mg(x: float | None) -> str:
    return "—" if x is None else f"{x:,.1f}".rstrip("0").rstrip(".") + " mg"


def num(x: float) -> str:
    """A figure for reading: one decimal, no trailing zero."""
    return f"{x:,.1f}".rstrip("0").rstrip(".")


# ------------------------------------------------------------------ prose: wrapped lines


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def _held(plain: str, keep: Iterable[str]) -> set[int]:
    """Positions where a line may not start: inside a kept phrase or a _GLUE match."""
    spans = [m.span() for glue in _GLUE for m in glue.finditer(plain)]
    for phrase in keep:
        at = plain.find(phrase) if phrase else -1
        while at >= 0:
            spans.append((at, at + len(phrase)))
            at = plain.find(phrase, at + 1)
    return {i for start, end in spans for i in range(start + 1, end)}


def _pieces(plain: str, start: int, end: int, room: int) -> Iterable[tuple[int, int]]:
    """plain[start:end] cut at every word, and a word wider than room into pieces: the last
    resort, for a phrase or a word that no line can hold."""
    for m in re.finditer(r"\S+\s*", plain[start:end]):
        a, b = start + m.start(), start + m.end()
        while _cells(plain[a:b].rstrip()) > room:
            cut = a + 1
            while _cells(plain[a : cut + 1]) <= room:
                cut += 1
            yield a, cut
            a = cut
        yield a, b


def _units(plain: str, keep: Iterable[str], room: int) -> Iterable[tuple[int, int]]:
    """The runs of plain a line break may not fall inside: words, kept phrases."""
    held = _held(plain, keep)
    starts = [0] + [i for i in range(1, len(plain))
                    if plain[i - 1] == " " and plain[i] != " " and i not in held]  # fmt: skip
    for a, b in zip(starts, [*starts[1:], len(plain)], strict=True):
        if _cells(plain[a:b].rstrip()) <= room:
            yield a, b
        else:
            yield from _pieces(plain, a, b, room)


def _spans(plain: str, width: int, indent: int = 0, keep: Iterable[str] = ()) -> list[slice]:
    """Each line of plain wrapped between words to width, the lines after the first `indent`
    narrower; a kept phrase, or a figure and its unit, moves to the next line whole."""
    room = max(1, width - indent)
    lines: list[slice] = []
    start = end = 0
    for a, b in _units(plain, keep, room):
        limit = room if lines else width
        if end > start and _cells(plain[start:b].rstrip()) > limit:
            lines.append(slice(start, end))
            start = a
        end = b
    lines.append(slice(start, end))
    return [slice(s.start, s.start + len(plain[s].rstrip())) for s in lines]


def _wrap(text: Any, width: int, indent: int = INDENT, keep: Iterable[str] = ()) -> Any:
    """A line of prose (str or rich Text) wrapped between words, continuation lines indented
    under the text; each line of a text with several starts at the margin."""
    from rich.text import Text

    text = Text(shown(text)) if isinstance(text, str) else text  # a Text is _bold's: shown
    keep = list(keep)
    out = Text()
    for n, para in enumerate(text.split("\n", allow_blank=True)):
        for i, span in enumerate(_spans(para.plain, width, indent, keep)):
            if n or i:
                out.append("\n" + " " * (indent if i else 0))
            out.append_text(para[span])
    return out


def _fill(text: str, width: int, hang: int = 0) -> str:
    """A cell or a header wrapped between words to its column's width; each of its lines
    wraps on its own, continuation lines `hang` further in."""
    lines = []
    for para in text.split("\n"):
        spans = _spans(para, width, hang)
        lines += [(" " * hang if i else "") + para[span] for i, span in enumerate(spans)]
    return "\n".join(lines)


def _longest_unit(text: str) -> int:
    """The widest run of text no line may break: a word, or a figure with its unit."""
    return max((_cells(line[a:b].rstrip()) for line in text.split("\n")
                for a, b in _units(line, (), 1 << 20)), default=0)  # fmt: skip


# ------------------------------------------------------------------ tables: the layout

TEXT, NUMBER, KEY = "text", "number", "key"


class Col(NamedTuple):
    """A column: its header, how a row shows in it, and how it takes the room."""

    header: str
    cell: Callable[[Any], str]
    kind: str = TEXT  # text wraps between words; a number or a key (an id, a code) never wraps
    weight: int = 1  # a text column's share of the room the others leave
    soft: int = 0  # a text column grows to this width (or its widest line) before the others
    hang: int = 0  # the indent of a text cell's continuation lines (for a list, one a line)


class Layout(NamedTuple):
    """A table's columns, its rows as text, and the width given to each column."""

    cols: list[Col]
    cells: list[list[str]]
    widths: list[int]
    frame: str  # "box": framed; "open": no outer frame; "grid": no lines, no header


def _longest(texts: Iterable[str], split: Callable[[str], list[str]]) -> int:
    return max((_cells(part) for t in texts for part in split(t)), default=0)


class Size(NamedTuple):
    """A column's widths, without padding."""

    least: int  # text: its longest word; a number or a key: whole, its header in two lines
    soft: int  # the width it takes before other columns grow (Col.soft)
    most: int  # its widest line


def _measure(col: Col, cells: list[str]) -> Size:
    """How narrow a column may be, how wide it is first made, and its widest line."""
    widest, head = _longest(cells, str.splitlines), _longest([col.header], str.splitlines)
    most = max(widest, head)
    header = head if head <= SHORT else _longest_unit(col.header)
    if col.kind == NUMBER:  # a figure's header may take two lines: "mg per" over "100g"
        header = _longest_unit(col.header)
        while len(_spans(col.header, header)) > 2:
            header += 1
    if col.kind != TEXT:
        return Size(max(widest, header), max(widest, header), most)
    least = max([_longest_unit(c) + col.hang for c in cells] + [header])
    return Size(least, max(least, min(widest, col.soft)), most)


def _overhead(columns: int, frame: str) -> int:
    """The width of a table's lines and padding (one space each side of a cell, none at the
    outer edges of an open table or a grid)."""
    return {"box": 3 * columns + 1, "open": 3 * (columns - 1), "grid": 2 * (columns - 1)}[frame]


def _widths(sizes: list[Size], weights: list[int], room: int, main: int = 0) -> list[int]:
    """Column widths within room. Every column gets its least width (a number whole, text
    its longest word); then the main column grows to a readable width, the text columns to
    their soft widths, then by weight to their widest lines; what is left goes to headers."""
    if sum(s.most for s in sizes) <= room:
        return [s.most for s in sizes]
    widths = [s.least for s in sizes]
    if sum(widths) > room:
        return _squeeze(widths, weights, room)
    spare = room - sum(widths)
    readable = [min(s.most, READABLE) if i == main else s.least for i, s in enumerate(sizes)]
    for caps in (readable, [s.soft for s in sizes], [s.most for s in sizes]):
        spare = _grow(widths, caps, weights, spare)
    for i, s in enumerate(sizes):
        extra = min(spare, s.most - widths[i])
        widths[i] += extra
        spare -= extra
    return widths


def _grow(widths: list[int], caps: list[int], weights: list[int], spare: int) -> int:
    """Give spare to the text columns below their caps, a character at a time to the one
    narrowest for its weight; what is left."""
    while spare > 0:
        growing = [i for i, w in enumerate(weights) if w and widths[i] < caps[i]]
        if not growing:
            break
        i = min(growing, key=lambda i: widths[i] / weights[i])
        widths[i] += 1
        spare -= 1
    return spare


def _squeeze(widths: list[int], weights: list[int], room: int) -> list[int]:
    """The last resort, when even the longest words do not fit: narrow the widest text
    column a step at a time, so only its longest words are folded."""
    text = [i for i, w in enumerate(weights) if w]
    while text and sum(widths) > room:
        i = max(text, key=lambda i: widths[i])
        if widths[i] <= 4:
            break
        widths[i] -= 1
    return widths


def _main(cols: list[Col]) -> int:
    """The column that most needs room: the heaviest text column."""
    return max(range(len(cols)), key=lambda i: cols[i].weight if cols[i].kind == TEXT else -1)


def _fit(
    layouts: Sequence[list[Col]], rows: Sequence[Any], width: int,
    frames: Sequence[str] = ("box", "open"),
) -> Layout:  # fmt: skip
    """The first layout and frame in which every word fits and the main column is readable;
    else the one, of those in which every word fits, with the widest main column; else the
    last (which folds its longest words)."""
    whole: list[tuple[int, int, Layout]] = []
    layout = None
    for cols in layouts:
        cells = [[shown(c.cell(r)) for c in cols] for r in rows]
        sizes = [_measure(c, [row[i] for row in cells]) for i, c in enumerate(cols)]
        weights = [c.weight if c.kind == TEXT else 0 for c in cols]
        main = _main(cols)
        for frame in frames:
            room = width - _overhead(len(cols), frame)
            layout = Layout(cols, cells, _widths(sizes, weights, room, main), frame)
            if sum(s.least for s in sizes) <= room:
                if layout.widths[main] >= min(sizes[main].most, NARROWEST):
                    return layout
                whole.append((layout.widths[main], -len(whole), layout))
    assert layout is not None
    return max(whole, key=lambda w: w[:2])[2] if whole else layout


def _draw(
    layout: Layout, title: str | None = None, heads: Collection[int] = (),
    ends: Collection[int] = (),
) -> Any:  # fmt: skip
    """The rich table of a layout; its widths are set here, so rich does not re-plan them.
    Rows numbered in `heads` are headings (bold); a line follows each row in `ends`."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    framed = layout.frame != "grid"
    table = Table(
        title=shown(title) if title else title, title_justify="left",
        box=box.HEAVY_HEAD if framed else None,
        show_header=framed, show_edge=layout.frame == "box", pad_edge=layout.frame == "box",
    )  # fmt: skip
    for col, width in zip(layout.cols, layout.widths, strict=True):
        # "fold" splits only a word wider than the column: _widths avoids that where it can,
        # and a folded word still reads better than one cut with "…".
        table.add_column(
            _fill(col.header, width), justify="right" if col.kind == NUMBER else "left",
            width=width, no_wrap=col.kind != TEXT, overflow="fold",
        )  # fmt: skip
    for i, row in enumerate(layout.cells):
        cells: list[Any] = [
            _fill(cell, width, col.hang) if col.kind == TEXT else cell
            for cell, col, width in zip(row, layout.cols, layout.widths, strict=True)
        ]
        if i in heads:
            cells[0] = Text(cells[0], style="bold")
        table.add_row(*cells, end_section=i in ends)
    return table


def _table(
    layouts: Sequence[list[Col]], rows: Sequence[Any], width: int, title: str | None = None
) -> Any:
    return _draw(_fit(layouts, rows, width), title)


def _indented(layout: Layout) -> Any:
    """A grid set in by the hanging indent, as the lines of prose around it."""
    from rich.padding import Padding

    return Padding(_draw(layout), (0, 0, 0, INDENT), expand=False)


def _field(key: str) -> Callable[[Any], str]:
    return lambda row: _cell(row[key])


def _figure(key: str, unit: str = "") -> Callable[[Any], str]:
    return lambda row: num(row[key]) + unit


# ------------------------------------------------------------------ magcalc intake


def intake(r: IntakeResult, out: TextIO | None = None, quiet: bool = False) -> None:
    """The intake result as tables in the terminal (plain text when not a terminal): the
    reference, the foods (a diary's day by day, and by meal), the totals, the days, the plan,
    the advice; with `quiet`, the summary alone: no foods, no plan."""
    con = console(out)
    width = con.width
    con.print(_reference(r, width))
    if r["days"] and not quiet:
        if r["foods"] or any(g["kind"] == "food" and g["meal"] for g in r["logged"]):
            con.print(_week(r, width))
    elif r["foods"] and not quiet:
        con.print(_foods(r, width))
    con.print(*_totals(r, width), sep="\n")
    if r["days"]:
        con.print(*_days(r, width), sep="\n")
    if quiet:
        return
    for section in (_plan(r, width), _notes(r, width)):
        if section:
            con.print(*section, sep="\n")


def _reference(r: IntakeResult, width: int) -> Any:
    """One line; where it wraps, it wraps between its values, not inside one."""
    condition = f", {r['condition']}" if r["condition"] != "none" else ""
    feeding = f", {r['feeding']}-fed" if r["feeding"] else ""
    secondary = "*" if "[S]" in r["reference_tag"] else ""
    who = f"({r['sex']}, {r['life_stage']}{condition}{feeding}):"
    values = [f"{r['target_label']}{secondary} {mg(r['target_mg'])}", f"EAR {mg(r['ear_mg'])}",
              f"upper level for supplements {mg(r['ul_supplemental_mg'])}"]  # fmt: skip
    line = _bold(f"Reference {r['standard'].upper()}", f" {who} " + " · ".join(values))
    if secondary:  # a value seen only in a secondary source: said, not hidden
        line.append(f"\n* {r['reference_tag']}: seen only in a secondary source, not checked "
                    "against the standard's own document")  # fmt: skip
    return _wrap(line, width, keep=[who, *values])


FOOD_LINES = [
    Col("You typed", lambda f: f["query"], weight=2, soft=13),
    Col("Record used", record, weight=6),
    Col("Portion", lambda f: f["portion"], weight=3),
    Col("g", _figure("grams"), NUMBER),
    Col("mg", _figure("mg"), NUMBER),
]


def _foods(r: IntakeResult, width: int) -> Any:
    """The foods as typed, the record and portion used: a row for each distinct line."""
    shown: dict[int, Any] = {}
    for f in r["foods"]:  # a long diary repeats its lines: one row each
        shown.setdefault(id(f), f)
    return _table([FOOD_LINES], list(shown.values()), width, title="Foods")


def _against(r: IntakeResult, x: float) -> str:
    """An intake against the target and the EAR, in words."""
    said = f"{num(100 * x / r['target_mg'])} % of the {r['target_kind']} {mg(r['target_mg'])}"
    if x < r["target_mg"]:
        said += f", {mg(r['target_mg'] - x)} short"
    ear = r["ear_mg"]
    if ear is not None:
        said += f"; {'below' if x < ear else 'at or above'} the EAR {mg(ear)}"
    return said


def _totals(r: IntakeResult, width: int) -> list[Any]:
    """The headline: food alone against the target and the EAR, then with the supplements,
    and whether a poorly absorbed form is what carries it over."""
    a_day = " a day" if r["days"] else ""
    food, total = r["food_intake_mg"], r["intake_mg"]
    lines = [_bold("Food", f" {mg(food)}{a_day}: {_against(r, food)}")]
    if r["supplements_taken"]:
        forms = ", ".join(dict.fromkeys(t["form"] for t in r["supplements_taken"]))
        lines.append(_bold("With supplements", f" ({forms}, {mg(r['supplement_intake_mg'])}"
                           f"{a_day}): {mg(total)}, {_against(r, total)}"))  # fmt: skip
    if r["absorption_note"]:
        lines.append(_bold("But", f" {r['absorption_note']}."))
    lines.append(_bold("Shortfall", f" {mg(r['shortfall_mg'])}"))
    taken: dict[tuple[str, float], list[Any]] = {}  # a diary's repeats: one line each
    for t in r["supplements_taken"]:
        taken.setdefault((t["query"], t["elemental_mg"]), []).append(t)
    for (query, elemental), ts in taken.items():
        dates = [t["date"] for t in ts if t["date"]]
        when = (
            ""
            if not r["days"]
            else " every day"
            if len(dates) < len(ts)
            else f" on {dates[0]}"
            if len(dates) == 1
            else f" on {len(dates)} days ({', '.join(dates)})"
        )
        lines.append(f"Taken{when}: {query} = {mg(elemental)} of magnesium ({ts[0]['form']})")
    for i in r["interactions"]:  # beside the intake: what changes it, briefly
        lines.append(_bold(f"{i['matched'].capitalize()} ({i['id']}, {i['tag']})",
                           f": {i['effect']}"))  # fmt: skip
    return [_wrap(line, width) for line in lines]


SUGGESTIONS = [
    Col("", _figure("mg", " mg"), NUMBER),
    Col("", lambda f: f["portion"], KEY),
    Col("", lambda f: f["food_id"], KEY),
    Col("", lambda f: f["description"], weight=4),
]


def _share(s: Any) -> str:
    return f"{s['elemental_mg_percent']:g} % Mg"


def _salt(s: Any) -> str:
    return f"{s['compound_mg']:,.0f} mg of salt"


OPTIONS = [
    Col("", _field("form"), KEY),
    Col("", _share, NUMBER),
    Col("", _salt, NUMBER),
    Col("", _field("why")),
]
# Narrow: the form, its share and the salt one under the other, beside what is said of it.
OPTIONS_STACKED = [
    Col("", lambda s: "\n".join([s["form"], _share(s), _salt(s)]), KEY),
    Col("", _field("why")),
]
SEE_ALSO = "(see --json or 'magcalc forms')"


def _grid(layouts: Sequence[list[Col]], rows: Sequence[Any], width: int) -> Any:
    return _indented(_fit(layouts, rows, width - INDENT, frames=("grid",)))


def _plan(r: IntakeResult, width: int) -> list[Any]:
    """Food first, then the supplement forms: aligned columns, text wrapped in its own."""
    plan: list[Any] = []
    if r["food_suggestions"]:
        plan.append(_wrap(_bold("Food first", ": servings that would close the gap"), width))
        plan.append(_grid([SUGGESTIONS], r["food_suggestions"], width))
    if r["supplements"]:
        instead = " and ".join(r["replaces_forms"])
        head = _bold(
            f"In place of the {instead}, supplement" if instead else "Or supplement",
            f" {num(r['supplement_dose_mg'])} mg of magnesium a day (goal: {r['goal']}), "
            "best form first; the salt weighs more than the magnesium it carries:",
        )
        plan.append(_wrap(head, width))
        plan.append(_grid([OPTIONS, OPTIONS_STACKED], r["supplements"][:SHOWN_FORMS], width))
        rest = ", ".join(s["form"] for s in r["supplements"][SHOWN_FORMS:])
        also = f"{' ' * INDENT}also: {rest} {SEE_ALSO}"
        plan.append(_wrap(also, width, indent=also.index(":") + 2, keep=[SEE_ALSO]))
    return plan


def _notes(r: IntakeResult, width: int) -> list[Any]:
    notes: list[Any] = []
    if r["topical"]:
        relief = "; ".join(f"{t['form']}: {t['why']}" for t in r["topical"])
        notes.append(_wrap(_bold("Relief on the skin", f": {relief}."), width))
    return notes + [_wrap(f"• {line}", width) for line in r["advice"]]


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(date: str) -> str:
    """'2026-11-16 Mon': a diary day as people find it."""
    import datetime

    return f"{date} {WEEKDAYS[datetime.date.fromisoformat(date).weekday()]}"


def _week_food(f: Any) -> str:
    return f"{f['query']}: {record(f)}; {f['portion']}"


WEEK_LINES = [
    Col("You typed: record used; portion", lambda row: row[0], weight=6, hang=INDENT),
    Col("g", lambda row: row[1], NUMBER),
    Col("mg", lambda row: row[2], NUMBER),
]


def _week(r: IntakeResult, width: int) -> Any:
    """A diary's foods day by day, and meal by meal where the file gives meals: a heading
    row for each, the day's foods under it."""
    by_day: dict[str, list[tuple[str | None, list[str]]]] = {}
    for f in r["foods"]:
        by_day.setdefault(f["date"], []).append((f["meal"], [_week_food(f), num(f["grams"]),
                                                             num(f["mg"])]))  # fmt: skip
    for g in r["logged"]:  # Cronometer's servings, with its own figures
        if g["kind"] == "food" and g["meal"] is not None:
            row = [f"{g['name']}, {g['amount']} (Cronometer's figure)", "", num(g["mg"])]
            by_day.setdefault(g["date"], []).append((g["meal"], row))
    rows: list[list[str]] = []
    heads: set[int] = set()
    ends: set[int] = set()
    for date in sorted(by_day):
        heads.add(len(rows))
        rows.append([_day(date), "", ""])
        meal: str | None = None
        for eaten, cells in sorted(by_day[date], key=_meal_order(by_day[date])):
            if eaten is not None and eaten != meal:
                heads.add(len(rows))
                rows.append([f"· {eaten}", "", ""])
            meal = eaten
            rows.append(cells)
        ends.add(len(rows) - 1)
    ends.discard(len(rows) - 1)
    return _draw(_fit([WEEK_LINES], rows, width), "Foods, day by day", heads, ends)


def _meal_order(items: list[tuple[str | None, list[str]]]) -> Callable[[Any], int]:
    """Meals in the order a day first names them; what has no meal first."""
    order: dict[str | None, int] = {None: -1}
    for meal, _ in items:
        order.setdefault(meal, len(order))
    return lambda item: order[item[0]]


def _days(r: IntakeResult, width: int) -> list[Any]:
    """Each diary day in a table: food, supplements, the total, and a bar against the EAR
    and the target; then the usual intake and the upper limit."""
    a = r["assessment"]
    assert a is not None
    days, ear, target = r["days"], a["ear_mg"], r["target_mg"]
    over = any(d["above_ul"] for d in days)
    cols = [Col("Day", lambda d: _day(d["date"]), KEY),
            Col("Food mg", _figure("food_mg"), NUMBER),
            Col("Supplements mg", _figure("supplement_mg"), NUMBER),
            Col("Total mg", _figure("intake_mg"), NUMBER),
            Col(f"% of {r['target_kind']}", lambda d: num(100 * d["intake_mg"] / target),
                NUMBER)]  # fmt: skip
    if not any(d["supplement_mg"] for d in days):  # food alone: food is the total
        cols = [cols[0], *cols[3:]]
    if over:
        cols.append(Col("", lambda d: "over the UL" if d["above_ul"] else "", KEY))
    layout = _fit([cols], days, width, frames=("open",))
    room = width - sum(layout.widths) - _overhead(len(cols) + 1, "open")
    key = ["█ food,", "▒ supplements;", f"‖ {r['target_kind']} {num(target)} mg"]
    if ear is not None:
        key.insert(2, f"| EAR {num(ear)} mg,")
    out: list[Any] = [_wrap(_bold("Days", ": " + " ".join(key)), width, keep=key)]
    if room >= 10:  # the bars, where they fit
        bars = [_bar(d, ear, target, max([x["intake_mg"] for x in days] + [target]), room)
                for d in days]  # fmt: skip
        layout = Layout([*layout.cols, Col("", str, KEY)],
                        [[*c, b] for c, b in zip(layout.cells, bars, strict=True)],
                        [*layout.widths, room], "open")  # fmt: skip
    out.append(_draw(layout))
    source = (f"; day-to-day SD {num(a['sd_within_mg'])} mg ({a['sd_within_label']})"
              if a["sd_within_mg"] else "")  # fmt: skip
    usual = f": mean {num(a['mean_mg'])} mg over {a['days']} days{source}: {a['conclusion']}"
    if a["supplement_mean_mg"]:  # food alone beside it
        usual += f"; from food alone ({num(a['food_mean_mg'])} mg), {a['food_conclusion']}"
    out.append(_wrap(_bold("Usual intake", usual + "."), width))
    if a["ul_test"]:
        text = a["ul_test"]["conclusion"]
        out.append(_wrap(text[0].upper() + text[1:] + ".", width))
    return out


def _bar(d: Any, ear: float | None, target: float, most: float, cols: int) -> str:
    """A day's bar: food, then supplements, with the EAR and the target marked."""
    top = most * 1.05

    def col(x: float) -> int:
        return min(cols - 1, round(x / top * cols))

    marks = {col(target): "‖"}
    if ear is not None:
        marks[col(ear)] = "|"
    food, supp = col(d["food_mg"]), col(d["food_mg"] + d["supplement_mg"])
    return "".join(marks.get(i) or ("█" if i < food else "▒" if i < supp else " ")
                   for i in range(cols))  # fmt: skip


# ------------------------------------------------------------------ magcalc foods ...


def _cell(value: Any) -> str:
    from magcalc.render import flat

    value = flat(value, num)
    if isinstance(value, float):
        return num(value)
    return "" if value is None else str(value)


def _generic(key: str, sample: Any) -> Col:
    """A column for a field of any result: numbers right-aligned, ids whole, text wrapped."""
    header = key.replace("_", " ")
    if isinstance(sample, (int, float)) and not isinstance(sample, bool):
        return Col(header, _field(key), NUMBER)
    if key == "food_id":
        return Col(header, _field(key), KEY)
    return Col(header, _field(key), weight=3 if key == "description" else 1)


def rows(rows: list[dict], out: TextIO | None, title: str | None = None) -> None:
    """Rows of flat or nested dicts as one rich table (one row per dict)."""
    con = console(out)
    cols = [_generic(k, v) for k, v in rows[0].items()] if rows else []
    if not cols:
        con.print(_wrap(title or "", con.width))
        return
    con.print(_table([cols], rows, con.width, title=title))


def _described(row: Any) -> str:
    return f"{row['description']} ({row['source']}; {row['food_group']})"


def _food_layouts(figures: list[Col]) -> list[list[Col]]:
    """A food's columns, then, where the room is short, its source and food group in the
    description (as `foods show` writes them), then its id too."""
    food_id = Col("food id", _field("food_id"), KEY)
    source = Col("source", _field("source"), soft=10)
    description = Col("description", _field("description"), weight=3)
    group = Col("food group", _field("food_group"), weight=2)
    described = Col("description (source; food group)", _described, weight=3)
    with_id = Col("food id, description (source; food group)",
                  lambda row: f"{row['food_id']} {_described(row)}", weight=3)  # fmt: skip
    return [[food_id, source, description, group, *figures], [food_id, described, *figures],
            [with_id, *figures]]  # fmt: skip


def _portions(row: Any) -> str:
    """One portion a line: a list read down, not along."""
    return "\n".join(_cell(p) for p in row["portions"])


def search(rows: list[dict], out: TextIO | None, title: str | None = None) -> None:
    """`foods search`: each food with its usual serving and every portion."""
    figures = [Col("mg per 100g", _figure("mg_per_100g"), NUMBER),
               Col("usual serving", _field("usual_serving"), weight=1, soft=22),
               Col("portions", _portions, weight=3, soft=24, hang=INDENT)]  # fmt: skip
    # The portions need the room: the id, source and food group go in the description.
    _foods_table(_food_layouts(figures)[2:], rows, out, title)


def top(rows: list[dict], out: TextIO | None, title: str | None = None) -> None:
    """`foods top`: each food's usual serving and its magnesium."""
    figures = [Col("mg per 100g", _figure("mg_per_100g"), NUMBER),
               Col("portion", _field("portion"), KEY),  # short: "1 oz", "0.5 cup", "110 g"
               Col("grams", _figure("grams"), NUMBER),
               Col("mg", _figure("mg"), NUMBER)]  # fmt: skip
    _foods_table(_food_layouts(figures), rows, out, title)


def _foods_table(
    layouts: list[list[Col]], rows: list[dict], out: TextIO | None, title: str | None
) -> None:
    con = console(out)
    con.print(_table(layouts, rows, con.width, title=title))


def food(info: FoodInfo, out: TextIO | None) -> None:
    """One food: a heading, then one row per USDA portion."""
    con = console(out)
    s = info["usual_serving"]
    described = f"({info['source']}; {info['food_group']}):"
    per_100g = f"{num(info['mg_per_100g'])} mg per 100 g;"
    usual = f"usual serving {s['portion']} = {num(s['grams'])} g, {num(s['mg'])} mg"
    heading = _bold(f"{info['food_id']} {info['description']}", f" {described} {per_100g} {usual}")
    con.print(_wrap(heading, con.width, keep=[described, per_100g, usual]))
    portions = [Col("Portion", lambda p: f"{p['amount']:g} {p['unit']}"),
                Col("g", _figure("grams"), NUMBER), Col("mg", _figure("mg"), NUMBER)]  # fmt: skip
    con.print(_table([portions], info["portions"], con.width))


# ------------------------------------------------------------------ standards and forms


def _values(s: StandardInfo) -> str:
    return ", ".join(s["kinds"]) + " " + " ".join(s["tags"])


STANDARDS = [
    Col("Name", _field("name"), KEY),
    Col("Standard", _field("title"), weight=2),
    Col("Year", lambda s: str(s["year"]), NUMBER),
    Col("Values", _values, weight=1),
    Col("Upper level for supplements", _field("upper_level"), weight=3),
]


# Narrow: the year under the name.
STANDARDS_STACKED = [
    Col("Name\nYear", lambda s: f"{s['name']}\n{s['year']}", KEY),
    *(c for c in STANDARDS if c.header not in ("Name", "Year")),
]


def standards(rows: list[StandardInfo], out: TextIO | None) -> None:
    con = console(out)
    title = "Reference standards (--standard NAME)"
    con.print(_table([STANDARDS, STANDARDS_STACKED], rows, con.width, title=title))


def _stage(r: StandardRow) -> str:
    condition = r["condition"] != "none" and r["condition"] not in r["life_stage"]
    return r["life_stage"] + (f", {r['condition']}" if condition else "")


def _or_dash(key: str) -> Callable[[Any], str]:
    return lambda row: "—" if row[key] is None else num(row[key])


STANDARD_ROWS = [
    Col("Life stage", _stage, weight=2),
    Col("Sex", _field("sex"), KEY),
    Col("Kind", _field("label"), KEY),
    Col("Target", _figure("target_mg"), NUMBER),
    Col("EAR", _or_dash("ear_mg"), NUMBER),
    Col("Upper level", _or_dash("ul_supplemental_mg"), NUMBER),
    Col("Tag", _field("tag"), KEY),
]
TAGS = ["[S]: seen only in a secondary source;", "[P]: read in the primary document;",
        "[C]: computed from a printed increment.", "Sources: --json."]  # fmt: skip


def standard_table(rows: list[StandardRow], out: TextIO | None, name: str) -> None:
    con = console(out)
    title = f"{name.upper()}: magnesium, mg a day"
    con.print(_table([STANDARD_ROWS], rows, con.width, title=title))
    if any("[S]" in r["tag"] for r in rows):
        con.print(_wrap(" ".join(TAGS), con.width, keep=TAGS))


FORMS = [
    Col("Form", _field("form"), weight=1, soft=14),
    Col("Route", _field("route"), KEY),
    Col("Mg by weight", lambda r: f"{r['elemental_mg_percent']:g} %", NUMBER),
    Col("What the articles say", _field("why"), weight=3),
]


def forms(rows: list[FormInfo], out: TextIO | None) -> None:
    con = console(out)
    con.print(_table([FORMS], rows, con.width, title="Magnesium supplement forms"))


# ------------------------------------------------------------ magcalc recipes, magcalc log

RECIPES = [
    Col("Recipe", _field("name"), weight=2, soft=16),
    Col("Serves", lambda r: f"{r['serves']:g}", NUMBER),
    Col("g a serving", _figure("grams"), NUMBER),
    Col("mg a serving", _figure("mg"), NUMBER),
    Col("File", lambda r: os.path.basename(r["path"]), weight=2),  # the folder: --json
]
INGREDIENTS = [
    Col("Line", _field("query"), weight=2, soft=13),
    Col("Record used", record, weight=6),
    Col("g", _figure("grams"), NUMBER),
    Col("mg", _figure("mg"), NUMBER),
]


def recipes(rows: list[RecipeInfo], out: TextIO | None) -> None:
    """The user's recipes, one row each: what one serving weighs and holds."""
    con = console(out)
    con.print(_table([RECIPES], rows, con.width, title="Your recipes"))


def recipe(info: RecipeInfo, out: TextIO | None) -> None:
    """One recipe: a heading, then what one serving holds of each food."""
    con = console(out)
    con.print(_wrap(_bold(info["name"], f" ({info['path']}): serves {info['serves']:g}; one "
                          f"serving is {num(info['grams'])} g with {mg(info['mg'])}"),
                    con.width))  # fmt: skip
    con.print(_table([INGREDIENTS], info["ingredients"], con.width, title="One serving"))


def added(info: LogAdded, out: TextIO | None) -> None:
    """What `log add` wrote, and the magnesium in it."""
    con = console(out)
    con.print(_wrap(_bold(f"Added to {info['date']}", f" in {info['diary']}: {mg(info['mg'])}"),
                    con.width))  # fmt: skip
    for f in info["foods"]:
        con.print(_wrap(f"  {f['query']}: {record(f)}, {f['portion']} = {mg(f['mg'])}",
                        con.width, 4))  # fmt: skip
    for s in info["supplements_taken"]:
        con.print(_wrap(f"  {s['query']}: {mg(s['elemental_mg'])} of magnesium ({s['form']})",
                        con.width, 4))  # fmt: skip


# --------------------------------------------------------------------- warnings, for people

# How foods and supplements were read, by kind: grouped and counted where there are several.
# Each kind: its heading (n: how many) and what its notes say after "'NAME': ".
NOTE_KINDS: list[tuple[str, re.Pattern]] = [
    ("{n} names could mean another record (pick one by its id)",
     re.compile(r"it could also be")),
    ("{n} names were read loosely",
     re.compile(r"\(a close spelling\)|no food has the word|no food has all its words")),
    ("{n} foods used a convention of magcalc's",
     re.compile(r"magcalc's convention|a US soft-drink can holds|a 500 ml bottle")),
    ("{n} foods had no amount", re.compile(r"^no amount given")),
    ("{n} drinks were measured as drinks",
     re.compile(r"oz of a drink read as fluid ounces|a drink counted as USDA's usual amount")),
    ("{n} foods: a portion chosen for them",
     re.compile(r"^(?:used|counted as) (?:USDA|your) '|read as (?:USDA|your) '|^no '[^']*' "
                r"measure; used|no (?:USDA|your) weight for a|^a serving read as|^range .* "
                r"read as its midpoint")),
    ("{n} supplements were read from their names",
     re.compile(r"^read as magnesium |read as mg of elemental magnesium|the strength its name "
                r"gives")),
]  # fmt: skip
_NOTE = re.compile(r"(?:(?P<where>.+?):(?P<line>\d+): )?(?P<name>'[^']*'|\"[^\"]*\"): "
                   r"(?P<rest>.+)", re.DOTALL)  # fmt: skip
_ALSO = re.compile(r"; also: .*$")


def note_kind(warning: str) -> int | None:
    """Which of NOTE_KINDS a warning is (how a food or supplement was read); None for the
    others: risks, what was left out, what the reference chose."""
    m = _NOTE.fullmatch(warning)
    if m is None:
        return None
    return next((i for i, (_, said) in enumerate(NOTE_KINDS) if said.search(m["rest"])), None)


def warning_lines(warnings: list[str], width: int, quiet: bool = False) -> list[str]:
    """The warnings as people read them at `width`: notes of one kind grouped under a count
    ("3 foods used a convention of magcalc's:", one line each, without the other sizes the
    JSON lists), the others each on its own; every line wrapped. With `quiet`, the notes of
    how foods were read are left out and counted."""
    kinds: dict[int, list[re.Match]] = {}
    for w in warnings:
        kind = note_kind(w)
        if kind is not None:
            kinds.setdefault(kind, []).append(_NOTE.fullmatch(w))  # type: ignore[arg-type]
    grouped = {m.string for notes in kinds.values() if len(notes) > 1 for m in notes}
    out: list[str] = []
    if quiet and kinds:
        n = sum(map(len, kinds.values()))
        out.append(f"note: {n} note{'s' * (n > 1)} on how foods and supplements were read left "
                   "out (--quiet)")  # fmt: skip
    for kind, notes in sorted(kinds.items()):
        if quiet:
            break
        if len(notes) == 1:
            continue
        files = {m["where"] for m in notes}
        one_file = len(files) == 1 and None not in files
        said: dict[str, list[str]] = {}  # the notes of one food (or supplement) together
        for m in notes:
            where = f"line {m['line']} " if one_file else f"{m['where']}:{m['line']} " \
                if m["where"] else ""  # fmt: skip
            said.setdefault(f"{where}{m['name']}", []).append(_ALSO.sub("", m["rest"]))
        if len(said) == 1:  # one food: its notes as they are
            grouped -= {m.string for m in notes}
            continue
        items = [f"{who}: {'; '.join(rests)}" for who, rests in said.items()]
        head = NOTE_KINDS[kind][0].format(n=len(said))
        if one_file:
            head += f" in {next(iter(files))}"
        if any(_ALSO.search(m["rest"]) for m in notes):
            head += " (the other sizes: --json)"
        out.append(_wrap(f"warning: {head}:", width).plain)
        out += [_wrap(f"  {item}", width, indent=2 * INDENT).plain for item in items]
    alone = [w for w in warnings if w not in grouped and not (quiet and note_kind(w) is not None)]
    return out + [_wrap(f"warning: {w}", width).plain for w in alone]
