"""Step 5b: the medicines and conditions that change the plan (NIH ODS, FDA, IOM).

A medicine is named by its class, its generic or its brand name (data/medicine_names.csv);
each interaction (data/interactions.csv) says what happens and what to do, and
data/interaction_uses.csv how it changes magcalc's plan: spacing (a timing worked in beside
the dose's), losses or retention (noted beside the intake), clinician (a low blood level may
need a doctor), withhold (kidney disease: no supplement dose).
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from magcalc import store
from magcalc.names import medicine_key

if TYPE_CHECKING:
    from magcalc.results import Interaction
else:  # a TypedDict is a dict at run time; results.py is for type checkers and the schema
    Interaction = dict

NOT_COMPLETE = (
    "magcalc's table of interactions covers a few classes of medicine only; it is not a "
    "complete list, and this is not medical advice: ask your doctor or pharmacist"
)

# Beside the food suggestions, with kidney disease.
KIDNEY_FOODS = (
    "With kidney disease, check the foods suggested with your doctor or dietitian first: "
    "kidney diets may limit some of them."
)


class Found(NamedTuple):
    interactions: list[Interaction]
    spacing: list[str]  # timing to keep between a medicine and the magnesium
    withhold: str | None  # why no supplement dose may be suggested
    warnings: list[str]  # what changes magnesium status, what is unknown
    advice: list[str]  # said once: the table is not complete


def known_names() -> list[str]:
    """The names `--medication` knows, for completion and messages."""
    return sorted(store.table("interactions")["names"])


def find(medications: Iterable[str], kidney_disease: bool) -> Found:
    """The interactions of these medicines and of kidney disease, and what they change."""
    table = store.table("interactions")
    rows, by_name = table["rows"], table["names"]
    found: list[Interaction] = []
    spacing: list[str] = []
    warnings: list[str] = []
    unknown = []
    for said in dict.fromkeys(m.strip() for m in medications if m.strip()):
        key = by_name.get(medicine_key(said))
        if key is None:
            unknown.append(said)
            continue
        found.append(_interaction(rows[key], said))
        if rows[key]["use"] == "spacing":
            spacing.append(f"With {said} ({rows[key]['id']}): {rows[key]['brief']}.")
        else:
            warnings.append(f"{said} ({rows[key]['id']}): {rows[key]['brief']}")
    if unknown:
        classes = ", ".join(sorted({r["id"] for r in rows.values() if r["kind"] == "medication"}))
        warnings.append(
            f"no interaction is known here for {', '.join(repr(u) for u in unknown)}: magcalc's "
            f"table covers only {classes}; that is not to say there is none"
        )
    withhold = None
    if kidney_disease:
        row = rows["kidney-disease"]
        found.append(_interaction(row, "kidney disease"))
        withhold = f"with kidney disease; {row['brief']} ({_source(row)})"
        warnings.append(f"no supplement dose is suggested {withhold}")
    return Found(found, spacing, withhold, warnings, [NOT_COMPLETE] if found or unknown else [])


def _source(row: dict) -> str:
    return row["source"].split(";")[0].split(" (")[0]


def _interaction(row: dict, said: str) -> Interaction:
    return Interaction(
        id=row["id"],
        kind=row["kind"],
        matched=said,
        effect=row["effect"],
        advice=row["advice"],
        source=row["source"],
        tag=row["source_tag"],
    )
