"""Step 6: show a result: JSON for pipes, a rich table for people."""

from __future__ import annotations

import csv
import io
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


def to_json(result: dict) -> str:
    return json.dumps(result, indent=2, ensure_ascii=False)


def _console(out: TextIO | None) -> Any:
    """A rich console; no ANSI codes at all when NO_COLOR is set (or not a terminal)."""
    import os

    from rich.console import Console

    plain = "NO_COLOR" in os.environ
    return Console(file=out, highlight=False, color_system=None if plain else "auto")


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
        f"[bold]Reference[/] ({who}): {r['target_kind']} {_mg(r['rda_mg'])} · "
        f"EAR {_mg(r['ear_mg'])} · upper limit for supplements {_mg(r['ul_supplemental_mg'])}"
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
    totals = Table(show_header=False, box=None, pad_edge=False)
    totals.add_column(style="bold")
    totals.add_column(justify="right")
    totals.add_row("Food intake", _mg(r["food_intake_mg"]))
    totals.add_row("Supplements", _mg(r["supplement_intake_mg"]))
    totals.add_row("Total intake", _mg(r["intake_mg"]))
    totals.add_row(r["target_kind"], _mg(r["rda_mg"]))
    totals.add_row("Shortfall", _mg(r["shortfall_mg"]))
    totals.add_row(f"% of {r['target_kind']}", f"{r['percent_of_rda']:g} %")
    console.print(totals)
    if r["supplements_taken"]:
        taken = Table(title="Supplements taken", title_justify="left")
        taken.add_column("You typed")
        taken.add_column("Form")
        taken.add_column("Elemental Mg", justify="right")
        for t in r["supplements_taken"]:
            taken.add_row(t["query"], t["form"], _mg(t["elemental_mg"]))
        console.print(taken)
    if r["food_suggestions"]:
        food = Table(title="Food first: servings that would close the gap", title_justify="left")
        food.add_column("Food")
        food.add_column("Serving")
        food.add_column("mg", justify="right")
        for f in r["food_suggestions"]:
            food.add_row(f"{f['food_id']} {f['description']}", f["portion"], f"{f['mg']:g}")
        console.print(food)
    if r["supplements"]:
        shown = r["supplements"][:SHOWN_FORMS]
        sup = Table(
            title=f"Or supplement {r['supplement_dose_mg']:g} mg of magnesium a day "
            f"(goal: {r['goal']}), best form first",
            title_justify="left",
        )
        sup.add_column("Form")
        sup.add_column("Mg in salt", justify="right")
        sup.add_column("Salt to take", justify="right")
        sup.add_column("Why")
        for s in shown:
            sup.add_row(
                s["form"], f"{s['elemental_mg_percent']:g} %",
                f"{s['compound_mg']:,.0f} mg", s["why"],
            )  # fmt: skip
        console.print(sup)
        rest = [s["form"] for s in r["supplements"][SHOWN_FORMS:]]
        console.print(f"Also: {', '.join(rest)} (see --json or 'magcalc forms').")
    if r["topical"]:
        relief = "; ".join(f"{t['form']}: {t['why']}" for t in r["topical"])
        console.print(f"[bold]Relief on the skin[/]: {relief}.")
    for line in r["advice"]:
        console.print(f"• {line}")


SHOWN_FORMS = 4


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
        f"[bold]{food['food_id']} {food['description']}[/] ({food['food_group']}): "
        f"{food['mg_per_100g']:g} mg per 100 g; usual serving {_flat(food['usual_serving'])}"
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
