"""Step 6b: results as tables and lines for people in a terminal (rich).

rich is imported only here, only when a table is drawn. Text wraps between words at the
console's width; numbers are rounded for reading and right-aligned.
"""

from __future__ import annotations

import os
from typing import Any, TextIO

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


def terminal_width() -> int:
    """COLUMNS, or the terminal's width, or 80; never below 40 (COLUMNS=0 is not a width).
    Without importing shutil (and bz2, lzma, zlib) as shutil.get_terminal_size would."""
    import sys

    try:
        width = int(os.environ["COLUMNS"])
        if width > 0:
            return max(width, 40)
    except (KeyError, ValueError):
        pass
    try:
        return max(os.get_terminal_size(sys.__stdout__.fileno()).columns, 40)  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


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

    return Text.assemble((head, "bold"), rest)


def mg(x: float | None) -> str:
    return "—" if x is None else f"{x:,.1f}".rstrip("0").rstrip(".") + " mg"


def num(x: float) -> str:
    """A figure for reading: one decimal, no trailing zero."""
    return f"{x:,.1f}".rstrip("0").rstrip(".")


def intake(r: IntakeResult, out: TextIO | None = None) -> None:
    """The intake result as tables in the terminal (plain text when not a terminal): the
    reference, the foods, the totals, the days, the plan, the advice."""
    con = console(out)
    con.print(_reference(r))
    if r["foods"]:
        con.print(_foods(r))
    con.print(*_totals(r), sep="\n")
    if r["days"]:
        con.print(*_day_chart(r, con.width), sep="\n")
    for section in (_plan(r, con.width), _notes(r)):
        if section:
            con.print(*section, sep="\n")


def _reference(r: IntakeResult) -> Any:
    condition = f", {r['condition']}" if r["condition"] != "none" else ""
    feeding = f", {r['feeding']}-fed" if r["feeding"] else ""
    secondary = "*" if "[S]" in r["reference_tag"] else ""
    line = _bold(
        f"Reference {r['standard'].upper()}",
        f" ({r['sex']}, {r['life_stage']}{condition}{feeding}): {r['target_label']}{secondary} "
        f"{mg(r['target_mg'])} · EAR {mg(r['ear_mg'])} · upper level for supplements "
        f"{mg(r['ul_supplemental_mg'])}",
    )
    if secondary:  # a value seen only in a secondary source: said, not hidden
        line.append(f"\n* {r['reference_tag']}: seen only in a secondary source, not checked "
                    "against the standard's own document")  # fmt: skip
    return line


def _foods(r: IntakeResult) -> Any:
    """The foods as typed, the record and portion used: a row for each distinct line."""
    from rich.table import Table  # rich is paid for only when a table is drawn

    table = Table(title="Foods", title_justify="left", expand=False)
    table.add_column("You typed", overflow="fold", ratio=2)
    table.add_column("Record used", overflow="fold", ratio=4)
    table.add_column("Portion", overflow="fold", ratio=3)
    table.add_column("g", justify="right", no_wrap=True)
    table.add_column("mg", justify="right", no_wrap=True)
    shown: set[int] = set()
    for f in r["foods"]:
        if id(f) in shown:  # a long diary repeats its lines: one row each
            continue
        shown.add(id(f))
        table.add_row(f["query"], record(f),
                      f["portion"], num(f["grams"]), num(f["mg"]))  # fmt: skip
    return table


def _totals(r: IntakeResult) -> list[Any]:
    lines = [
        _bold(
            "Intake",
            f" {mg(r['intake_mg'])} (food {mg(r['food_intake_mg'])}, supplements "
            f"{mg(r['supplement_intake_mg'])}) = {num(r['percent_of_target'])} % of the "
            f"{r['target_kind']} {mg(r['target_mg'])}",
        ),
        _bold("Shortfall", f" {mg(r['shortfall_mg'])}"),
    ]
    lines += [
        f"Taken{' on ' + t['date'] if t['date'] else ''}: {t['query']} = "
        f"{mg(t['elemental_mg'])} of magnesium ({t['form']})"
        for t in r["supplements_taken"]
    ]
    for i in r["interactions"]:  # beside the intake: what changes it, briefly
        lines.append(_bold(f"{i['matched'].capitalize()} ({i['id']}, {i['tag']})",
                           f": {i['effect']}"))  # fmt: skip
    return lines


def _plan(r: IntakeResult, width: int) -> list[Any]:
    """Food first, then the supplement forms: aligned lines, as readable as a table."""
    plan: list[Any] = []
    if r["food_suggestions"]:
        plan.append(_bold("Food first", ": servings that would close the gap"))
        for f in r["food_suggestions"]:
            line = f"  {num(f['mg']):>6} mg  {f['portion']:<9} {f['food_id']} {f['description']}"
            plan.append(hang(line, width, 20))
    if r["supplements"]:
        plan.append(
            _bold(
                "Or supplement",
                f" {num(r['supplement_dose_mg'])} mg of magnesium a day (goal: {r['goal']}), "
                "best form first; the salt weighs more than the magnesium it carries:",
            )
        )
        for s in r["supplements"][:SHOWN_FORMS]:
            head = (
                f"  {s['form']:<10} {s['elemental_mg_percent']:>4g} % Mg  "
                f"{s['compound_mg']:>7,.0f} mg of salt  "
            )
            plan.append(hang(head + s["why"], width, len(head)))
        rest = [s["form"] for s in r["supplements"][SHOWN_FORMS:]]
        plan.append(f"  also: {', '.join(rest)} (see --json or 'magcalc forms')")
    return plan


def _notes(r: IntakeResult) -> list[Any]:
    notes: list[Any] = []
    if r["topical"]:
        relief = "; ".join(f"{t['form']}: {t['why']}" for t in r["topical"])
        notes.append(_bold("Relief on the skin", f": {relief}."))
    return notes + [f"• {line}" for line in r["advice"]]


def _day_chart(r: IntakeResult, width: int) -> list[Any]:
    """Each diary day as a bar (food, then supplements) against the EAR and the target."""
    from rich.text import Text

    days, a = r["days"], r["assessment"]
    assert a is not None
    ear, target = a["ear_mg"], r["target_mg"]
    top = max([d["intake_mg"] for d in days] + [target]) * 1.05
    cols = max(10, min(50, width - 42))  # the date, the figure and a mark beside the bar

    def col(x: float) -> int:
        return min(cols - 1, round(x / top * cols))

    marks = {col(target): "‖"}
    if ear is not None:
        marks[col(ear)] = "|"
    ear_text = f"| EAR {num(ear)} mg, " if ear is not None else ""
    out: list[Any] = [
        _bold("Days", f": █ food, ▒ supplements; {ear_text}‖ {r['target_kind']} {num(target)} mg")
    ]
    for d in days:
        food, supp = col(d["food_mg"]), col(d["food_mg"] + d["supplement_mg"])
        line = Text(f"{d['date']}  ")
        for i in range(cols):
            if i in marks:
                line.append(marks[i], "bold")
            elif i < food:
                line.append("█", "green")
            elif i < supp:
                line.append("▒", "cyan")
            else:
                line.append(" ")
        line.append(f"  {num(d['intake_mg']):>6} mg" + ("  over the UL!" if d["above_ul"] else ""))
        out.append(line)
    source = f"; day-to-day SD {num(a['sd_within_mg'])} mg" if a["sd_within_mg"] else ""
    out.append(
        _bold(
            "Usual intake",
            f": mean {num(a['mean_mg'])} mg over {a['days']} days{source}: {a['conclusion']}.",
        )
    )
    if a["ul_test"]:
        text = a["ul_test"]["conclusion"]
        out.append(text[0].upper() + text[1:] + ".")
    return out


def hang(text: str, width: int, indent: int) -> str:
    """Wrap text to width between words, continuation lines indented under the text."""
    lines: list[str] = []
    line, *words = text.split(" ")
    for word in words:
        if line.strip() and word and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = " " * indent + word
        else:
            line = f"{line} {word}"
    return "\n".join([*lines, line])


def _cell(value: Any) -> str:
    from magcalc.render import flat

    value = flat(value, num)
    if isinstance(value, float):
        return num(value)
    return "" if value is None else str(value)


def rows(rows: list[dict], out: TextIO | None, title: str | None = None) -> None:
    """Rows of flat or nested dicts as one rich table (one row per dict)."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    columns = list(rows[0]) if rows else []
    for c in columns:
        table.add_column(c.replace("_", " "), overflow="fold")
    for r in rows:
        table.add_row(*(_cell(r[c]) for c in columns))
    console(out).print(table)


def food(info: FoodInfo, out: TextIO | None) -> None:
    """One food: a heading, then one row per USDA portion."""
    from rich.table import Table

    con = console(out)
    s = info["usual_serving"]
    con.print(
        _bold(
            f"{info['food_id']} {info['description']}",
            f" ({info['source']}; {info['food_group']}): {num(info['mg_per_100g'])} mg per "
            f"100 g; usual serving {s['portion']} = {num(s['grams'])} g, {num(s['mg'])} mg",
        )
    )
    table = Table()
    table.add_column("Portion", overflow="fold")
    table.add_column("g", justify="right")
    table.add_column("mg", justify="right")
    for p in info["portions"]:
        table.add_row(f"{p['amount']:g} {p['unit']}", num(p["grams"]), num(p["mg"]))
    con.print(table)


def standards(rows: list[StandardInfo], out: TextIO | None) -> None:
    from rich.table import Table

    table = Table(title="Reference standards (--standard NAME)", title_justify="left")
    table.add_column("Name", no_wrap=True)
    table.add_column("Standard", ratio=3)
    table.add_column("Year", no_wrap=True)
    table.add_column("Values", ratio=2)
    table.add_column("Upper level for supplements", ratio=3)
    for s in rows:
        values = ", ".join(s["kinds"]) + " " + " ".join(s["tags"])
        table.add_row(s["name"], s["title"], str(s["year"]), values, s["upper_level"])
    console(out).print(table)


def standard_table(name: str, rows: list[StandardRow], out: TextIO | None) -> None:
    from rich.table import Table

    table = Table(title=f"{name.upper()}: magnesium, mg a day", title_justify="left")
    for column, right in (("Life stage", False), ("Sex", False), ("Kind", False),
                          ("Target", True), ("EAR", True), ("Upper level", True), ("Tag", False)):
        table.add_column(column, justify="right" if right else "left")  # fmt: skip
    for r in rows:
        stage = r["life_stage"] + (f", {r['condition']}" if r["condition"] != "none" and
                                   r["condition"] not in r["life_stage"] else "")  # fmt: skip
        table.add_row(stage, r["sex"], r["label"], num(r["target_mg"]),
                      "—" if r["ear_mg"] is None else num(r["ear_mg"]),
                      "—" if r["ul_supplemental_mg"] is None else num(r["ul_supplemental_mg"]),
                      r["tag"])  # fmt: skip
    con = console(out)
    con.print(table)
    if any("[S]" in r["tag"] for r in rows):
        con.print("[S]: seen only in a secondary source; [P]: read in the primary document; "
                  "[C]: computed from a printed increment. Sources: --json.")  # fmt: skip


def forms(rows: list[FormInfo], out: TextIO | None) -> None:
    from rich.table import Table

    table = Table(title="Magnesium supplement forms", title_justify="left")
    table.add_column("Form")
    table.add_column("Route")
    table.add_column("Mg by weight", justify="right")
    table.add_column("What the articles say")
    for r in rows:
        table.add_row(r["form"], r["route"], f"{r['elemental_mg_percent']:g} %", r["why"])
    console(out).print(table)


def recipes(rows: list[RecipeInfo], out: TextIO | None) -> None:
    """The user's recipes, one row each: what one serving weighs and holds."""
    from rich.table import Table

    table = Table(title="Your recipes", title_justify="left")
    table.add_column("Recipe", ratio=2)
    table.add_column("Serves", justify="right", no_wrap=True)
    table.add_column("g a serving", justify="right", no_wrap=True)
    table.add_column("mg a serving", justify="right", no_wrap=True)
    table.add_column("File", ratio=3, overflow="fold")  # a path has no spaces to wrap at
    for r in rows:
        table.add_row(r["name"], f"{r['serves']:g}", num(r["grams"]), num(r["mg"]), r["path"])
    console(out).print(table)


def recipe(info: RecipeInfo, out: TextIO | None) -> None:
    """One recipe: a heading, then what one serving holds of each food."""
    from rich.table import Table

    con = console(out)
    con.print(_bold(f"{info['name']}", f" ({info['path']}): serves {info['serves']:g}; one "
                    f"serving is {num(info['grams'])} g with {mg(info['mg'])}"))  # fmt: skip
    table = Table(title="One serving", title_justify="left")
    table.add_column("Line", ratio=2)
    table.add_column("Record used", ratio=4)
    table.add_column("g", justify="right", no_wrap=True)
    table.add_column("mg", justify="right", no_wrap=True)
    for i in info["ingredients"]:
        table.add_row(i["query"], record(i),
                      num(i["grams"]), num(i["mg"]))  # fmt: skip
    con.print(table)


def added(info: LogAdded, out: TextIO | None) -> None:
    """What `log add` wrote, and the magnesium in it."""
    con = console(out)
    con.print(_bold(f"Added to {info['date']}", f" in {info['diary']}: {mg(info['mg'])}"))
    for f in info["foods"]:
        con.print(hang(f"  {f['query']}: {record(f)}, {f['portion']} = "
                       f"{mg(f['mg'])}", con.width, 4))  # fmt: skip
    for s in info["supplements_taken"]:
        con.print(f"  {s['query']}: {mg(s['elemental_mg'])} of magnesium ({s['form']})")
