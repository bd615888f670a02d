"""Step 2: look up the Dietary Reference Intake row for a person's age, sex and condition."""

from __future__ import annotations

from typing import NamedTuple

from magcalc import store
from magcalc.choices import CONDITIONS
from magcalc.errors import InputError


class Person(NamedTuple):
    """Who the reference is looked up for."""

    age_months: float
    sex: str  # "female" or "male"
    condition: str = "none"  # "none", "pregnant" or "lactating"


class Dri(NamedTuple):
    life_stage: str
    sex: str  # "any", "female" or "male"
    condition: str
    age_from_months: int
    age_to_months: int | None
    rda_mg: int | None
    ai_mg: int | None
    ear_mg: int | None
    ul_supplemental_mg: int | None

    @property
    def target_kind(self) -> str:
        return "RDA" if self.rda_mg is not None else "AI"

    @property
    def target_mg(self) -> int:
        """The RDA, or the AI where no RDA exists."""
        return self.rda_mg if self.rda_mg is not None else self.ai_mg  # type: ignore[return-value]

    def shortfall(self, intake_mg: float) -> float:
        """How far intake falls short of the target; never negative. The one definition."""
        return max(0.0, self.target_mg - intake_mg)

    def covers(self, age_months: float) -> bool:
        upper = self.age_to_months
        return self.age_from_months <= age_months and (upper is None or age_months < upper)


def load_dri() -> list[Dri]:
    """The rows of data/rda.yaml, validated when the catalogue was built."""
    return [Dri(**row) for row in store.table("dri")]


def lookup(person: Person) -> Dri:
    """The one row for this person; InputError when the table has none (e.g. pregnant at 60)."""
    rows, age_months, sex, condition = load_dri(), person.age_months, person.sex, person.condition
    if condition not in CONDITIONS:
        raise InputError(f"condition {condition!r} is not one of {', '.join(CONDITIONS)}")
    if condition != "none" and sex != "female":
        raise InputError(f"{condition} applies only to sex female", "--sex")
    matches = [
        r
        for r in rows
        if r.condition == condition and r.sex in ("any", sex) and r.covers(age_months)
    ]
    if not matches:
        if condition == "none":
            raise InputError(f"no reference intake for age {age_months / 12:g} years")
        bands = [r for r in rows if r.condition == condition]
        lo = min(r.age_from_months for r in bands) / 12
        hi = max(r.age_to_months or 0 for r in bands) / 12
        raise InputError(
            f"reference intakes for {'pregnancy' if condition == 'pregnant' else 'lactation'} "
            f"cover ages {lo:g} to under {hi:g} years; got {age_months / 12:g}"
        )
    return matches[0]
