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
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from magcalc import store
from magcalc.errors import InputError
from magcalc.reference import Dri, Person

if TYPE_CHECKING:
    from magcalc.results import Assessment, DayTotal, FoodLine, SupplementTaken, UlTest
else:  # a TypedDict is a dict at run time; results.py is for type checkers and the schema
    Assessment = DayTotal = FoodLine = SupplementTaken = UlTest = dict

if TYPE_CHECKING:
    from magcalc.foodfile import Logged

SD_REQUIREMENT = 0.10  # IOM: the coefficient of variation of the requirement, 10 %
UNRELIABLE_CV = 0.60  # IOM: above a CV of 60-70 % daily intakes are too skewed for the method
# The ages of the pregnant women in NHANES's pregnancy row (data/PROVENANCE.md); the row is
# written for the DRI's pregnancy span, 14-50.
PREGNANT_SURVEYED = (20, 45)


class WithinSd(NamedTuple):
    """The day-to-day SD of magnesium intake from food used for one person, and which it is."""

    sd_within_mg: float
    label: str  # which SD, for reading: the table, the group, how it was had
    source: str  # where it comes from, in full


def normal_cdf(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


def find_sd(person: Person) -> WithinSd | None:
    """The SD for this person's group: the IOM-derived one where it applies (women 19-50,
    data/within_person_sd.csv), else the estimate computed from NHANES 2011-2018 for the
    sex and age, or for pregnancy (data/within_person_sd_nhanes.csv). None for lactation,
    which NHANES does not identify, and for infants, whom neither table covers."""
    years = person.age_months / 12
    if person.condition == "none":
        for _group, sex, lo, hi, sd, status, source in store.table("within_sd"):
            if sex == person.sex and lo <= years < hi:
                who = f"{'women' if sex == 'female' else 'men'} {lo:g}-{hi - 1:g}"
                label = f"{status} from the IOM (2000) worked example for {who}"
                return WithinSd(sd, label, f"{status}: {source}")
    if person.condition == "lactating":
        return None
    pregnant = "yes" if person.condition == "pregnant" else "no"
    for row in store.table("within_sd_nhanes"):
        group, sex, lo, hi, is_pregnant, n, mean, sd, cv, cycles, method = row
        if is_pregnant == pregnant and sex == person.sex and lo <= years < hi:
            who = "pregnant women" if pregnant == "yes" else f"{sex} {group} years"
            first, last = cycles.split(";")[0][:4], cycles.split(";")[-1][-4:]
            label = f"an estimate [C] from NHANES {first}-{last} two-day recalls, {who}"
            if pregnant == "yes" and not PREGNANT_SURVEYED[0] <= years < PREGNANT_SURVEYED[1]:
                label += (f" (surveyed at {PREGNANT_SURVEYED[0]}-{PREGNANT_SURVEYED[1] - 1}; "
                          "an extrapolation at this age)")  # fmt: skip
            source = (f"computed [C]: {method}; cycles {cycles.replace(';', ', ')}; "
                      f"{n} persons, mean {mean:g} mg, CV {cv:g} %")  # fmt: skip
            return WithinSd(sd, label, source)
    return None


def adequacy(mean: float, ear: float, sd_within: float, n: int) -> tuple[float, float]:
    """(z = D / SD_D, confidence that usual intake is adequate) by the IOM's formula."""
    sd_d = math.sqrt((SD_REQUIREMENT * ear) ** 2 + sd_within**2 / n)
    z = (mean - ear) / sd_d
    return z, normal_cdf(z)


def mean(values: Sequence[float]) -> float:
    """The mean of figures, summed exactly (math.fsum): the same whatever their order, so a
    day read in another order (a partition of a cluster) gives the same figure."""
    return math.fsum(values) / len(values)


def day_total(
    date: str, food: Sequence[float], supplement: Sequence[float], ul: float | None
) -> DayTotal:
    """One day from the magnesium of its foods and of its supplements: the one rule for a day
    (intake's diary and the batch of magcalc.batch), summed exactly, and marked when its
    supplements pass the upper limit `ul`."""
    food_mg, supplement_mg = math.fsum(food), math.fsum(supplement)
    return DayTotal(
        date=date,
        food_mg=food_mg,
        supplement_mg=supplement_mg,
        intake_mg=food_mg + supplement_mg,
        above_ul=ul is not None and supplement_mg > ul,
    )


def daily_totals(
    lines: Sequence[FoodLine], taken: Sequence[SupplementTaken], logged: Sequence[Logged],
    dri: Dri,
) -> list[DayTotal]:  # fmt: skip
    """Each diary day's magnesium from food and from supplements, in date order.

    Empty when nothing has a date. Supplements without a date are taken every day. A day
    whose supplements pass the upper limit is marked.
    """
    dated = {line["date"] for line in lines} | {t["date"] for t in taken}
    dated |= {g.date for g in logged}
    dated.discard(None)
    if not dated:
        return []
    if any(line["date"] is None for line in lines):
        raise InputError(
            "foods given with --food have no day, but the foods file is a diary of dated days; "
            "put them in the diary",
            "--food",
        )
    daily = [t["elemental_mg"] for t in taken if t["date"] is None]
    food: dict[str, list[float]] = {d: [] for d in sorted(dated)}  # type: ignore[type-var]
    supplement: dict[str, list[float]] = {d: list(daily) for d in food}
    for line in lines:
        food[line["date"]].append(line["mg"])  # type: ignore[index]
    for t in taken:
        if t["date"] is not None:
            supplement[t["date"]].append(t["elemental_mg"])
    for g in logged:
        (supplement if g.supplement else food)[g.date].append(g.mg)
    return [day_total(d, food[d], supplement[d], dri.ul_supplemental_mg) for d in food]


def assess(
    days: list[DayTotal], dri: Dri, person: Person, sd_given: float | None
) -> tuple[Assessment, list[str]]:
    """The `assessment` of a diary, and warnings about it.

    With an EAR (or NNR's provisional AR), the IOM's method for individuals. Without one (an
    AI, or an RNI with no EAR given), the target rule: above it, usual intake is likely
    adequate; below it, no conclusion; with a day-to-day SD, how confident one can be that
    usual intake is above it (the IOM's test against an AI).
    """
    n = len(days)
    food_mean = mean([d["food_mg"] for d in days])
    supplement_mean = mean([d["supplement_mg"] for d in days])
    total = food_mean + supplement_mean
    warnings: list[str] = []
    sd = _sd(person, sd_given)
    sd_within = sd.sd_within_mg if sd else None
    ul_test, ul_warnings = _ul_test(days, dri)
    warnings += ul_warnings
    against_ear = dri.ear_mg is not None
    out = Assessment(
        days=n, mean_mg=total, food_mean_mg=food_mean, supplement_mean_mg=supplement_mean,
        reference="EAR" if against_ear else dri.kind,  # type: ignore[typeddict-item]
        reference_mg=dri.ear_mg if against_ear else dri.target_mg,  # type: ignore[typeddict-item]
        ear_mg=dri.ear_mg, ai_mg=dri.target_mg if dri.kind == "AI" else None,
        sd_within_mg=sd_within, sd_within_source=sd.source if sd else None,
        sd_within_label=sd.label if sd else None, z=None, confidence_adequate=None,
        conclusion="", food_z=None, food_confidence_adequate=None, food_conclusion="",
        ul_test=ul_test,
    )  # fmt: skip
    if sd_within is None:
        out["conclusion"] = _without_sd(n, total, dri, person)
        out["food_conclusion"] = _without_sd(n, food_mean, dri, person)
        return out, warnings
    if food_mean > 0 and sd_within / food_mean > UNRELIABLE_CV:
        warnings.append(
            f"the day-to-day SD ({sd_within:g} mg) is over 60 % of the mean food intake "
            f"({food_mean:.0f} mg): the IOM method is unreliable for such skewed intakes"
        )
    # Supplements taken are a constant: the same SD serves food alone and food with them.
    for key, of in (("", total), ("food_", food_mean)):
        if against_ear:
            z, confidence = adequacy(of, dri.ear_mg, sd_within, n)  # type: ignore[arg-type]
        else:  # the target alone: with the SD of the mean only
            z = (of - dri.target_mg) / (sd_within / math.sqrt(n))
            confidence = normal_cdf(z)
        out[f"{key}z"] = z  # type: ignore[literal-required]
        out[f"{key}confidence_adequate"] = confidence  # type: ignore[literal-required]
        out[f"{key}conclusion"] = _conclusion(  # type: ignore[literal-required]
            n, confidence, None if against_ear else dri.kind
        )
    return out, warnings


def _sd(person: Person, sd_given: float | None) -> WithinSd | None:
    if sd_given is not None:
        return WithinSd(sd_given, "given with --sd-within", "given with --sd-within")
    return find_sd(person)


def _without_sd(n: int, mean: float, dri: Dri, person: Person) -> str:
    if dri.ear_mg is None:  # the target rule needs no SD to say which side the mean is on
        records = f"with {n} day{'s' if n != 1 else ''} of records, the mean"
        if mean >= dri.target_mg:
            return f"{records} is at or above the {dri.kind}: usual intake is likely adequate"
        return (f"{records} is below the {dri.kind}, which cannot say whether intake is "
                "inadequate (no EAR is given to judge by)")  # fmt: skip
    condition = person.condition
    group = f"{condition} women" if condition != "none" else f"{dri.sex} {dri.life_stage}"
    return (
        "the confidence that usual intake is adequate is unavailable: no sourced "
        f"day-to-day SD of magnesium intake is known for {group.replace('any ', '')}; "
        "give one with --sd-within MG"
    )


def _conclusion(n: int, confidence: float, target_kind: str | None) -> str:
    records = f"with {n} day{'s' if n != 1 else ''} of records"
    if target_kind is not None:
        if confidence >= 0.95:
            return (f"{records}, {_pct(confidence)} confident that usual intake is above the "
                    f"{target_kind}: likely adequate")  # fmt: skip
        return (
            f"{records}, {_pct(confidence)} confident that usual intake is above the "
            f"{target_kind}; below that, the {target_kind} cannot say whether intake is "
            "inadequate"
        )
    if confidence >= 0.5:
        return f"{records}, {_pct(confidence)} confident that usual intake is adequate"
    return f"{records}, {_pct(1 - confidence)} confident that usual intake is inadequate"


def _pct(p: float) -> str:
    return f"{100 * p:.0f} %"


def _ul_test(days: list[DayTotal], dri: Dri) -> tuple[UlTest | None, list[str]]:
    """Supplements against the UL, day by day: the limit holds for every day, not the mean."""
    ul = dri.ul_supplemental_mg
    taken = [d["supplement_mg"] for d in days]
    if ul is None or not any(taken):
        return None, []
    over = [d["date"] for d in days if d["above_ul"]]
    average, most = mean(taken), max(taken)
    if over:
        shown = ", ".join(over[:5]) + (f" and {len(over) - 5} more" if len(over) > 5 else "")
        conclusion = (
            f"supplements exceed the upper limit of {ul} mg on {len(over)} of {len(days)} "
            f"days ({shown}; most {most:.0f} mg): more risks diarrhoea, nausea and cramping"
        )
    else:
        conclusion = f"supplements stay within the upper limit of {ul} mg on every day " \
                     f"(most {most:.0f} mg, average {average:.0f} mg)"  # fmt: skip
    test = UlTest(supplement_mean_mg=average, max_day_mg=most, ul_mg=ul, above_ul=bool(over),
                  days_above_ul=over, conclusion=conclusion)  # fmt: skip
    return test, [conclusion] if over else []
