"""Step 4b: usual intake over several days, by the IOM's method for one person.

IOM (2000), Dietary Reference Intakes: Applications in Dietary Assessment, chapter 3 and
appendix B. With n days of records averaging `mean`:
    D = mean - EAR;  SD_D = sqrt(SD_r² + SD_within² / n);  SD_r = 10 % of the EAR
and the confidence that usual intake is adequate is the normal probability of D / SD_D
(the report's Table B-1 rounds it: 1.00 -> 85 %, 2.00 -> 98 %). SD_within, the day-to-day
standard deviation of intake, comes from large surveys, not from the person's own few days,
and covers food only; supplements taken every day are a constant that adds no variance.
Without an EAR (infants) the AI is used: z = (mean - AI) / (SD_within / sqrt(n)).
"""

from __future__ import annotations

import math
from typing import NamedTuple

from magcalc.reference import Dri

SD_REQUIREMENT = 0.10  # IOM: the coefficient of variation of the requirement, 10 %
UNRELIABLE_CV = 0.60  # IOM: above a CV of 60-70 % daily intakes are too skewed for the method


class WithinSd(NamedTuple):
    """A day-to-day SD of magnesium intake from food for one group (data/within_person_sd.csv)."""

    group: str
    sex: str
    age_from_years: float
    age_to_years_exclusive: float
    sd_within_mg: float
    status: str  # "derived" or "published"
    source: str


def normal_cdf(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def find_sd(rows: list[WithinSd], age_months: float, sex: str, condition: str) -> WithinSd | None:
    """The survey SD for this person's group, if one is known (pregnancy and lactation: none)."""
    if condition != "none":
        return None
    years = age_months / 12
    for row in rows:
        if row.sex == sex and row.age_from_years <= years < row.age_to_years_exclusive:
            return row
    return None


def adequacy(mean: float, ear: float, sd_within: float, n: int) -> tuple[float, float]:
    """(z = D / SD_D, confidence that usual intake is adequate) by the IOM's formula."""
    sd_d = math.sqrt((SD_REQUIREMENT * ear) ** 2 + sd_within**2 / n)
    z = (mean - ear) / sd_d
    return z, normal_cdf(z)


def intake_for_confidence(ear: float, sd_within: float, n: int, z: float = 2.0) -> float:
    """The mean intake of n days needed for confidence normal_cdf(z) (IOM Table 3-1 uses 2)."""
    return ear + z * math.sqrt((SD_REQUIREMENT * ear) ** 2 + sd_within**2 / n)


def assess(
    *, days: list[dict], dri: Dri, sd: WithinSd | None, sd_given: float | None,
    condition: str,
) -> tuple[dict, list[str]]:  # fmt: skip
    """The `assessment` of a diary, and warnings about it."""
    n = len(days)
    food_mean = sum(d["food_mg"] for d in days) / n
    supplement_mean = sum(d["supplement_mg"] for d in days) / n
    mean = food_mean + supplement_mean
    warnings: list[str] = []
    if sd_given is not None:
        sd_within, source = sd_given, "given with --sd-within"
    elif sd is not None:
        sd_within, source = sd.sd_within_mg, f"{sd.status}: {sd.source}"
    else:
        sd_within, source = None, None
    out = {
        "days": n,
        "mean_mg": round(mean, 1),
        "food_mean_mg": round(food_mean, 1),
        "supplement_mean_mg": round(supplement_mean, 1),
        "reference": "EAR" if dri.ear_mg is not None else "AI",
        "ear_mg": dri.ear_mg,
        "ai_mg": dri.ai_mg,
        "sd_within_mg": sd_within,
        "sd_within_source": source,
        "z": None,
        "confidence_adequate": None,
        "conclusion": "",
        "ul_test": _ul_test(dri, supplement_mean),
    }
    if sd_within is None:
        group = f"{condition} women" if condition != "none" else f"{dri.sex} {dri.life_stage}"
        out["conclusion"] = (
            "the confidence that usual intake is adequate is unavailable: no sourced "
            f"day-to-day SD of magnesium intake is known for {group.replace('any ', '')}; "
            "give one with --sd-within MG"
        )
        return out, warnings
    if food_mean > 0 and sd_within / food_mean > UNRELIABLE_CV:
        warnings.append(
            f"the day-to-day SD ({sd_within:g} mg) is over 60 % of the mean food intake "
            f"({food_mean:.0f} mg): the IOM method is unreliable for such skewed intakes"
        )
    if dri.ear_mg is not None:
        z, confidence = adequacy(mean, dri.ear_mg, sd_within, n)
    else:  # infants: compare with the AI, with the SD of the mean alone
        z = (mean - dri.target_mg) / (sd_within / math.sqrt(n))
        confidence = normal_cdf(z)
    out["z"] = round(z, 3)
    out["confidence_adequate"] = round(confidence, 3)
    out["conclusion"] = _conclusion(n, confidence, dri.ear_mg is None)
    return out, warnings


def _conclusion(n: int, confidence: float, against_ai: bool) -> str:
    records = f"with {n} day{'s' if n != 1 else ''} of records"
    if against_ai:
        if confidence >= 0.95:
            return f"{records}, {_pct(confidence)} confident that usual intake is above the AI"
        return (
            f"{records}, {_pct(confidence)} confident that usual intake is above the AI; "
            "below that, the AI cannot say whether intake is inadequate"
        )
    if confidence >= 0.5:
        return f"{records}, {_pct(confidence)} confident that usual intake is adequate"
    return f"{records}, {_pct(1 - confidence)} confident that usual intake is inadequate"


def _pct(p: float) -> str:
    return f"{100 * p:.0f} %"


def _ul_test(dri: Dri, supplement_mean: float) -> dict | None:
    """Supplements taken every day against the UL: a constant needs no statistics."""
    if dri.ul_supplemental_mg is None or supplement_mean == 0:
        return None
    above = supplement_mean > dri.ul_supplemental_mg
    return {
        "supplement_mean_mg": round(supplement_mean, 1),
        "ul_mg": dri.ul_supplemental_mg,
        "above_ul": above,
        "conclusion": (
            f"supplements average {supplement_mean:.0f} mg/day, "
            f"{'above' if above else 'within'} the upper limit of {dri.ul_supplemental_mg} mg"
        ),
    }
