"""Step 2: look up the reference row for a person: their standard, age, sex and condition.

The US Dietary Reference Intakes (data/rda.yaml) and seven other standards
(data/standards.csv: EFSA, UK, D-A-CH, NNR, WHO/FAO, Japan, Australia/NZ) are one table of
rows, each with its standard's own age bands, kind of value (RDA, AI, RNI, RDI), EAR where
the standard gives one, upper level for supplemental magnesium, and source tag.
"""

from typing import NamedTuple

from magcalc import store
from magcalc.choices import CONDITIONS, STANDARDS
from magcalc.errors import InputError


class Person(NamedTuple):
    """Who the reference is looked up for."""

    age_months: float
    sex: str  # "female" or "male"
    condition: str = "none"  # "none", "pregnant" or "lactating"
    standard: str = "us"  # a name of choices.STANDARDS
    feeding: str | None = None  # "breast" or "formula", for a standard that asks (WHO/FAO)

    @property
    def age_years(self) -> float:
        return round(self.age_months / 12, 4) + 0.0


class Dri(NamedTuple):
    """One row of a standard: the reference values for one life stage, sex and condition."""

    standard: str
    life_stage: str
    sex: str  # "any", "female" or "male"
    condition: str
    feeding: str | None  # the infant feeding the row is for, where the standard tells
    age_from_months: int
    age_to_months: int | None
    kind: str  # "RDA", "AI", "RNI" or "RDI"
    label: str  # the standard's own name of the value: "AI (Schaetzwert)", "RDI (+EAR)"
    target_mg: float
    ear_mg: float | None
    ear_label: str  # "EAR", or NNR's "provisional AR"
    ul_supplemental_mg: float | None
    tag: str  # "[P]" read in the primary document, "[S]" a secondary one, "[C]" computed
    source: str
    ul_anywhere: bool  # the standard sets an upper level for some age, if not this one

    @property
    def target_kind(self) -> str:
        return self.kind

    @property
    def secondary(self) -> bool:
        """A value seen only in a secondary source."""
        return "[S]" in self.tag

    def shortfall(self, intake_mg: float) -> float:
        """How far intake falls short of the target; never negative. The one definition."""
        return max(0.0, self.target_mg - intake_mg)

    def percent_of_target(self, intake_mg: float) -> float:
        return 100 * intake_mg / self.target_mg

    def covers(self, age_months: float) -> bool:
        upper = self.age_to_months
        return self.age_from_months <= age_months and (upper is None or age_months < upper)


class Standard(NamedTuple):
    name: str
    id: str
    title: str
    year: int
    upper_level: str


def standards() -> list[Standard]:
    return [Standard(**s) for s in store.table("standards")]


def standard(name: str) -> Standard:
    for s in standards():
        if s.name == name:
            return s
    raise InputError(f"unknown standard {name!r}; use one of {', '.join(STANDARDS)}", "--standard")


def rows(name: str) -> list[Dri]:
    """Every row of a standard, as the catalogue holds them (validated when built)."""
    standard(name)
    return [Dri(**r) for r in store.table(f"references:{name}")]


def lookup(person: Person) -> Dri:
    """The one row for this person; InputError when the standard has none (saying what it
    covers): pregnancy at 60, EFSA for a 3-month-old."""
    table, age, sex = rows(person.standard), person.age_months, person.sex
    condition = person.condition
    if condition not in CONDITIONS:
        raise InputError(f"condition {condition!r} is not one of {', '.join(CONDITIONS)}")
    if condition != "none" and sex != "female":
        raise InputError(f"{condition} applies only to sex female", "--sex")
    if person.feeding is not None and person.feeding not in ("breast", "formula"):
        raise InputError(f"feeding {person.feeding!r} is not breast or formula", "--feeding")
    matches = [r for r in table
               if r.condition == condition and r.sex in ("any", sex) and r.covers(age)]  # fmt: skip
    if not matches:
        raise InputError(_not_covered(person, table), "--age")
    fed = [r for r in matches if r.feeding == (person.feeding or "breast")]
    return fed[0] if fed else matches[0]


def feeding_note(person: Person, dri: Dri) -> str | None:
    """What to say of infant feeding: the value used where the standard gives two."""
    if dri.feeding is None:
        if person.feeding is not None:
            return f"--feeding is used only by standards that give infants two values (WHO/FAO); " \
                   f"{standard(person.standard).title} gives one: ignored"  # fmt: skip
        return None
    if person.feeding is None:
        other = [r for r in rows(person.standard) if r.feeding and r.feeding != dri.feeding
                 and r.life_stage != dri.life_stage and r.covers(person.age_months)]  # fmt: skip
        values = f" ({other[0].target_mg:g} mg if formula-fed)" if other else ""
        return (f"{dri.standard.upper()} gives infants of {dri.life_stage.split(',')[0]} a value "
                f"for each feeding: used breast-fed, {dri.target_mg:g} mg{values}; give "
                "--feeding formula for the other")  # fmt: skip
    return None


def _not_covered(person: Person, table: list[Dri]) -> str:
    name = standard(person.standard).title
    years = person.age_months / 12
    if person.condition == "none":
        bands = [r for r in table if r.condition == "none" and r.sex in ("any", person.sex)]
        lo = min(r.age_from_months for r in bands)
        return (f"{name} gives no value for age {years:g} years ({person.age_months:g} months); "
                f"it covers ages from {lo:g} months")  # fmt: skip
    bands = [r for r in table if r.condition == person.condition]
    what = "pregnancy" if person.condition == "pregnant" else "lactation"
    if not bands:
        return f"{name} gives no value for {what}"
    lo = min(r.age_from_months for r in bands) / 12
    tops = [r.age_to_months for r in bands]
    to = "on" if None in tops else f"to under {max(t for t in tops if t) / 12:g} years"
    return f"{name} gives {what} values for ages {lo:g} {to}; got {years:g}"
