"""Step 5: plan supplements for the shortfall, within the upper limit for supplements."""

from __future__ import annotations

from magcalc.reference import Dri


def supplement_dose(dri: Dri, shortfall_mg: float, already_mg: float = 0.0) -> float:
    """Elemental mg to add: the shortfall, capped so all supplements stay within the UL."""
    if dri.ul_supplemental_mg is None:
        return 0.0  # no upper limit is established (infants): no supplement is suggested
    return max(0.0, min(shortfall_mg, dri.ul_supplemental_mg - already_mg))


def compound_mg(elemental_mg: float, elemental_percent: float) -> float:
    """Weight of the salt that carries `elemental_mg` of magnesium."""
    return elemental_mg * 100 / elemental_percent


def plan(dri: Dri, shortfall_mg: float, forms: list[dict]) -> list[dict]:
    """Oral forms with the dose each would take, in the order the articles rank them."""
    dose = supplement_dose(dri, shortfall_mg)
    return [
        {
            "form": f["form"],
            "route": f["route"],
            "elemental_mg_percent": f["elemental_mg_percent"],
            "elemental_mg": round(dose, 1),
            "compound_mg": round(compound_mg(dose, f["elemental_mg_percent"]), 1),
            "why": f["why"],
            "sources": f["sources"],
        }
        for f in forms
        if f["route"] == "oral"
    ]
