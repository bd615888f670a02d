"""Step 6: show a result: JSON for pipes, a rich table for people."""

from __future__ import annotations

import json
from typing import TextIO


def to_json(result: dict) -> str:
    return json.dumps(result, indent=2, ensure_ascii=False)


def _mg(x: float | None) -> str:
    return "—" if x is None else f"{x:g} mg"


def render_table(result: dict, out: TextIO | None = None) -> None:
    """The intake result as tables in the terminal (plain text when not a terminal)."""
    from rich.console import Console  # rich is paid for only when a table is drawn
    from rich.table import Table

    console = Console(file=out, highlight=False)
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
    if r["supplements"]:
        sup = Table(title="Supplement forms the articles suggest", title_justify="left")
        sup.add_column("Form")
        sup.add_column("Elemental Mg", justify="right")
        sup.add_column("Weight of salt", justify="right")
        sup.add_column("Why")
        for s in r["supplements"]:
            sup.add_row(
                f"{s['form']} ({s['elemental_mg_percent']:g} % Mg)",
                _mg(s["elemental_mg"]),
                _mg(s["compound_mg"]),
                s["why"],
            )
        console.print(sup)
