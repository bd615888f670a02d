"""Step 6: show a result: JSON for pipes, a rich table for people."""

from __future__ import annotations

import json
from typing import Any, TextIO

INTAKE_COLUMNS = [
    "kind", "query", "food_id", "description", "amount", "unit", "grams", "mg",
    "rda_mg", "shortfall_mg", "percent_of_rda",
]  # fmt: skip


def intake_rows(result: dict) -> list[dict]:
    """One row per food and per supplement taken, then a totals row: for csv and ndjson."""
    blank = dict.fromkeys(INTAKE_COLUMNS)
    rows = [
        {**blank, "kind": "food", **{k: f[k] for k in INTAKE_COLUMNS[1:8]}} for f in result["foods"]
    ]
    rows += [
        {**blank, "kind": "supplement", "query": t["query"], "description": t["form"],
         "mg": t["elemental_mg"]}
        for t in result["supplements_taken"]
    ]  # fmt: skip
    rows.append(
        {**blank, "kind": "total", "description": result["life_stage"], "mg": result["intake_mg"],
         "rda_mg": result["rda_mg"], "shortfall_mg": result["shortfall_mg"],
         "percent_of_rda": result["percent_of_rda"]}
    )  # fmt: skip
    return rows


def write_json(result: Any, out: TextIO) -> None:
    """JSON to a stream, written as it is encoded: no copy of a large result in memory."""
    chunks: list[str] = []
    size = 0
    for chunk in json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(result):
        chunks.append(chunk)
        size += len(chunk)
        if size > 1 << 16:  # write in 64 KB pieces: one write per chunk is slow
            out.write("".join(chunks))
            chunks.clear()
            size = 0
    out.write("".join(chunks) + "\n")


def to_json(result: dict) -> str:
    return json.dumps(result, indent=2, ensure_ascii=False)


def _console(out: TextIO | None) -> Any:
    """A rich console; no ANSI codes at all when NO_COLOR is set (or not a terminal)."""
    import os

    from rich.console import Console

    plain = "NO_COLOR" in os.environ
    # No markup or emoji codes: food names and quotes are printed as they are ("[1]" stays).
    return Console(
        file=out, highlight=False, markup=False, emoji=False,
        color_system=None if plain else "auto",
    )  # fmt: skip


def _bold(head: str, rest: str) -> Any:
    from rich.text import Text

    return Text.assemble((head, "bold"), rest)


def _mg(x: float | None) -> str:
    return "—" if x is None else f"{x:g} mg"


def render_table(result: dict, out: TextIO | None = None) -> None:
    """The intake result as tables in the terminal (plain text when not a terminal)."""
    from rich.table import Table  # rich is paid for only when a table is drawn

    console = _console(out)
    r = result
    who = f"{r['sex']}, {r['life_stage']}" + (
        f", {r['condition']}" if r["condition"] != "none" else ""
    )
    console.print(
        _bold(
            "Reference",
            f" ({who}): {r['target_kind']} {_mg(r['rda_mg'])} · EAR {_mg(r['ear_mg'])} · "
            f"upper limit for supplements {_mg(r['ul_supplemental_mg'])}",
        )
    )
    if r["foods"]:
        foods = Table(title="Foods", title_justify="left", expand=False)
        foods.add_column("You typed")
        foods.add_column("USDA record used")
        foods.add_column("Portion")
        foods.add_column("g", justify="right")
        foods.add_column("mg", justify="right")
        for f in r["foods"]:
            foods.add_row(
                f["query"],
                f"{f['food_id']} {f['description']}",
                f["portion"],
                f"{f['grams']:g}",
                f"{f['mg']:g}",
            )
        console.print(foods)
    # Totals, supplements taken and advice are lines, not tables: one print each is cheaper.
    kind = r["target_kind"]
    lines = [
        _bold(
            "Intake",
            f" {_mg(r['intake_mg'])} (food {_mg(r['food_intake_mg'])}, supplements "
            f"{_mg(r['supplement_intake_mg'])}) = {r['percent_of_rda']:g} % of the {kind} "
            f"{_mg(r['rda_mg'])}",
        ),
        _bold("Shortfall", f" {_mg(r['shortfall_mg'])}"),
    ]
    lines += [
        f"Taken{' on ' + t['date'] if t['date'] else ''}: {t['query']} = "
        f"{_mg(t['elemental_mg'])} of magnesium ({t['form']})"
        for t in r["supplements_taken"]
    ]
    console.print(*lines, sep="\n")
    if r["days"]:
        console.print(*_day_chart(r, console.width), sep="\n")
    # The plan is aligned lines rather than tables: as readable, and much cheaper to draw.
    plan: list[Any] = []
    if r["food_suggestions"]:
        plan.append(_bold("Food first", ": servings that would close the gap"))
        plan += [
            f"  {f['mg']:>6g} mg  {f['portion']:<8} {f['food_id']} {f['description']}"
            for f in r["food_suggestions"]
        ]
    if r["supplements"]:
        plan.append(
            _bold(
                "Or supplement",
                f" {r['supplement_dose_mg']:g} mg of magnesium a day (goal: {r['goal']}), "
                "best form first; the salt weighs more than the magnesium it carries:",
            )
        )
        for s in r["supplements"][:SHOWN_FORMS]:
            head = (
                f"  {s['form']:<10} {s['elemental_mg_percent']:>4g} % Mg  "
                f"{s['compound_mg']:>7,.0f} mg of salt  "
            )
            plan.append(_hang(head + s["why"], console.width, len(head)))
        rest = [s["form"] for s in r["supplements"][SHOWN_FORMS:]]
        plan.append(f"  also: {', '.join(rest)} (see --json or 'magcalc forms')")
    if plan:
        console.print(*plan, sep="\n")
    notes: list[Any] = []
    if r["topical"]:
        relief = "; ".join(f"{t['form']}: {t['why']}" for t in r["topical"])
        notes.append(_bold("Relief on the skin", f": {relief}."))
    notes += [f"• {line}" for line in r["advice"]]
    if notes:
        console.print(*notes, sep="\n")


SHOWN_FORMS = 4


def _day_chart(r: dict, width: int) -> list[Any]:
    """Each diary day as a bar (food, then supplements) against the EAR and the RDA."""
    from rich.text import Text

    days, a = r["days"], r["assessment"]
    ear, target = a["ear_mg"], r["rda_mg"]
    top = max([d["intake_mg"] for d in days] + [target]) * 1.05
    cols = max(10, min(50, width - 24))

    def col(mg: float) -> int:
        return min(cols - 1, round(mg / top * cols))

    marks = {col(target): "‖"}
    if ear is not None:
        marks[col(ear)] = "|"
    ear_text = f"| EAR {ear:g} mg, " if ear is not None else ""
    out: list[Any] = [
        _bold("Days", f": █ food, ▒ supplements; {ear_text}‖ {r['target_kind']} {target:g} mg")
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
        line.append(f"  {d['intake_mg']:>6g} mg")
        out.append(line)
    source = f"; day-to-day SD {a['sd_within_mg']:g} mg" if a["sd_within_mg"] else ""
    out.append(
        _bold(
            "Usual intake",
            f": mean {a['mean_mg']:g} mg over {a['days']} days{source}: {a['conclusion']}.",
        )
    )
    if a["ul_test"]:
        out.append(a["ul_test"]["conclusion"][0].upper() + a["ul_test"]["conclusion"][1:] + ".")
    return out


def _hang(text: str, width: int, indent: int) -> str:
    """Wrap text to width, continuation lines indented under the first line's text."""
    lines: list[str] = []
    line, *words = text.split(" ")
    for word in words:
        if line.strip() and word and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = " " * indent + word
        else:
            line = f"{line} {word}"
    return "\n".join([*lines, line])


def _flat(value: Any) -> str:
    """A cell for csv and tables: nested portions become 'amount unit = grams g; ...'."""
    if isinstance(value, list):
        return "; ".join(_flat(v) for v in value)
    if isinstance(value, dict):
        if "unit" in value and "grams" in value:
            return f"{value['amount']:g} {value['unit']} = {value['grams']:g} g"
        if "portion" in value:
            return f"{value['portion']} = {value['grams']:g} g, {value['mg']:g} mg"
        return ", ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def rows_as(rows: Any, fmt: str) -> str:
    """json (one document), ndjson (one object a line) or csv (a header, then rows)."""
    if fmt == "json":
        return to_json(rows) + "\n"
    if fmt == "ndjson":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [], lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: _flat(v) for k, v in r.items()} for r in rows)
    return out.getvalue()


def rows_table(rows: list[dict], out: TextIO | None, title: str | None = None) -> None:
    """Rows of flat or nested dicts as one rich table (one row per dict)."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    columns = list(rows[0]) if rows else []
    for c in columns:
        table.add_column(c.replace("_", " "), overflow="fold")
    for r in rows:
        table.add_row(*(_flat(r[c]) for c in columns))
    _console(out).print(table)


def food_table(food: dict, out: TextIO | None) -> None:
    """One food: a heading, then one row per USDA portion."""
    from rich.table import Table

    console = _console(out)
    console.print(
        _bold(
            f"{food['food_id']} {food['description']}",
            f" ({food['food_group']}): {food['mg_per_100g']:g} mg per 100 g; "
            f"usual serving {_flat(food['usual_serving'])}",
        )
    )
    table = Table()
    table.add_column("Portion")
    table.add_column("g", justify="right")
    table.add_column("mg", justify="right")
    for p in food["portions"]:
        table.add_row(f"{p['amount']:g} {p['unit']}", f"{p['grams']:g}", f"{p['mg']:g}")
    console.print(table)


def forms_table(rows: list[dict], out: TextIO | None) -> None:
    from rich.table import Table

    table = Table(title="Magnesium supplement forms", title_justify="left")
    table.add_column("Form")
    table.add_column("Route")
    table.add_column("Mg by weight", justify="right")
    table.add_column("What the articles say")
    for r in rows:
        table.add_row(r["form"], r["route"], f"{r['elemental_mg_percent']:g} %", r["why"])
    _console(out).print(table)
