"""Pydantic models: the validated form of every packaged table, and the JSON result contract.

Importing pydantic costs more than starting Python, so only the commands and code paths that
validate (the tests, the wheel build, `magcalc schema`) import this module.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, model_validator

Sex = Literal["female", "male"]
Condition = Literal["none", "pregnant", "lactating"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------------------- data/rda.yaml


class DriRow(_Strict):
    life_stage: str = Field(min_length=1)
    sex: Literal["any", "female", "male"]
    condition: Condition
    age_from_months: int = Field(ge=0)
    age_to_months: int | None = Field(description="exclusive; null = no upper bound")
    rda_mg: int | None = Field(gt=0)
    ai_mg: int | None = Field(gt=0)
    ear_mg: int | None = Field(gt=0)
    ul_supplemental_mg: int | None = Field(gt=0)

    @model_validator(mode="after")
    def _consistent(self) -> DriRow:
        if self.age_to_months is not None and self.age_to_months <= self.age_from_months:
            raise ValueError("age_to_months must be above age_from_months")
        if (self.rda_mg is None) == (self.ai_mg is None):
            raise ValueError("exactly one of rda_mg and ai_mg must be given")
        if self.ear_mg is not None and self.rda_mg is not None and self.ear_mg >= self.rda_mg:
            raise ValueError("the EAR must be below the RDA")
        if self.condition != "none" and self.sex != "female":
            raise ValueError("pregnancy and lactation rows must be female")
        return self


class Source(_Strict):
    id: str
    title: str
    url: str


class DriTable(_Strict):
    sources: list[Source] = Field(min_length=1)
    rows: list[DriRow] = Field(min_length=1)

    @model_validator(mode="after")
    def _bands(self) -> DriTable:
        """Per sex and condition the bands must run on without gaps or overlaps."""
        for sex in ("female", "male"):
            for condition in ("none", "pregnant", "lactating"):
                rows = sorted(
                    (
                        (i, r)
                        for i, r in enumerate(self.rows, 1)
                        if r.condition == condition and r.sex in ("any", sex)
                    ),
                    key=lambda ir: ir[1].age_from_months,
                )
                if not rows:
                    if condition == "none" or sex == "female":
                        raise ValueError(f"no rows for sex {sex}, condition {condition}")
                    continue
                if condition == "none" and rows[0][1].age_from_months != 0:
                    raise ValueError(f"{sex}: the first band must start at 0 months")
                for (i, a), (j, b) in pairwise(rows):
                    where = f"row {j} ({b.life_stage}, {b.sex}, {b.condition})"
                    if a.age_to_months is None or b.age_from_months < a.age_to_months:
                        raise ValueError(f"{where} overlaps row {i} ({a.life_stage})")
                    if b.age_from_months > a.age_to_months:
                        raise ValueError(f"{where} leaves a gap after row {i} ({a.life_stage})")
                if condition == "none" and rows[-1][1].age_to_months is not None:
                    raise ValueError(f"{sex}: the last band must have no upper bound")
        return self


# ------------------------------------------------------------- data/foods.csv, portions.csv


class FoodRow(_Strict):
    """One row of data/foods.csv (USDA SR28 columns, as published)."""

    fdc_id_or_ndb_no: str = Field(pattern=r"^\d{5}$")
    description: str = Field(min_length=1)
    food_group: str = Field(min_length=1)
    magnesium_mg_per_100g: NonNegativeFloat


class PortionRow(_Strict):
    """One row of data/portions.csv: `amount` units of `unit_description` weigh `gram_weight`."""

    fdc_id_or_ndb_no: str = Field(pattern=r"^\d{5}$")
    amount: float = Field(gt=0)
    unit_description: str = Field(min_length=1)
    gram_weight: float = Field(gt=0)


class WithinSdRow(_Strict):
    """One row of data/within_person_sd.csv."""

    group: str
    sex: Literal["female", "male"]
    age_from_years: float = Field(ge=0)
    age_to_years_exclusive: float
    sd_within_mg: float = Field(gt=0)
    status: Literal["derived", "published"]
    source: str = Field(min_length=20)


# ------------------------------------------------------------------- the intake JSON result


class FoodLine(_Strict):
    query: str = Field(description="the --food text as typed")
    food_id: str = Field(description="USDA SR28 NDB number of the record used")
    description: str = Field(description="USDA description of the record used")
    amount: float = Field(gt=0, description="amount in `unit`")
    unit: str = Field(description="unit as understood: g, oz, cup, medium, …")
    portion: str = Field(description="how the grams were worked out")
    grams: NonNegativeFloat
    mg_per_100g: NonNegativeFloat
    mg: NonNegativeFloat = Field(description="elemental magnesium from this food, mg")
    date: str | None = Field(description="the diary day (YYYY-MM-DD); null for a single day")


class SupplementOption(_Strict):
    """One oral form, ranked for the goal, at the suggested dose."""

    form: str
    route: Literal["oral"]
    elemental_mg_percent: float = Field(gt=0, le=100)
    elemental_mg: NonNegativeFloat = Field(description="elemental magnesium per day (the dose)")
    compound_mg: NonNegativeFloat = Field(description="weight of the salt carrying it, mg")
    why: str
    sources: list[str] = Field(description="the articles that say so: title (file)")


class TopicalOption(_Strict):
    """A form used on the skin for relief; never counted as intake."""

    form: str
    route: Literal["topical"]
    salt: str
    why: str
    sources: list[str]


class SupplementTaken(_Strict):
    query: str = Field(description="the --supplement text as typed")
    form: str
    elemental_mg: NonNegativeFloat
    compound_mg: NonNegativeFloat | None = Field(description="the salt's weight, when known")
    date: str | None = Field(description="the diary day; null when taken every day")


class LoggedLine(_Strict):
    """A serving (or a day) whose magnesium an app such as Cronometer worked out."""

    date: str
    name: str
    amount: str
    mg: NonNegativeFloat
    kind: Literal["food", "supplement"]


class DayTotal(_Strict):
    date: str
    food_mg: NonNegativeFloat
    supplement_mg: NonNegativeFloat
    intake_mg: NonNegativeFloat


class UlTest(_Strict):
    supplement_mean_mg: NonNegativeFloat
    ul_mg: float
    above_ul: bool
    conclusion: str


class Assessment(_Strict):
    """IOM (2000) assessment of usual intake from several days."""

    days: int = Field(ge=1)
    mean_mg: NonNegativeFloat
    food_mean_mg: NonNegativeFloat
    supplement_mean_mg: NonNegativeFloat
    reference: Literal["EAR", "AI"]
    ear_mg: float | None
    ai_mg: float | None
    sd_within_mg: float | None = Field(description="day-to-day SD of food intake used")
    sd_within_source: str | None
    z: float | None = Field(description="D / SD_D; null when no SD is known")
    confidence_adequate: float | None = Field(ge=0, le=1)
    conclusion: str
    ul_test: UlTest | None


class FoodSuggestion(_Strict):
    food_id: str
    description: str
    portion: str
    grams: float = Field(gt=0)
    mg: NonNegativeFloat


class IntakeResult(_Strict):
    """`magcalc intake --json`: one object. Keys change only with a new major version.

    For a diary of several days the intake and supplement figures are daily means.
    """

    age_years: NonNegativeFloat
    sex: Sex
    condition: Condition
    life_stage: str
    target_kind: Literal["RDA", "AI"]
    rda_mg: float = Field(gt=0, description="the RDA, or the AI where no RDA exists")
    ear_mg: float | None = Field(description="null where no EAR exists (infants)")
    ul_supplemental_mg: float | None = Field(
        description="upper limit for supplemental magnesium; null where none is established"
    )
    food_intake_mg: NonNegativeFloat
    supplement_intake_mg: NonNegativeFloat
    intake_mg: NonNegativeFloat = Field(description="food + supplements")
    shortfall_mg: NonNegativeFloat = Field(description="max(0, rda_mg - intake_mg)")
    percent_of_rda: NonNegativeFloat
    goal: Literal[
        "general", "night-cramps", "exercise", "pregnancy", "sensitive-stomach", "constipation"
    ]
    supplement_dose_mg: NonNegativeFloat = Field(
        description="elemental mg to supplement: the shortfall, capped by the upper limit"
    )
    foods: list[FoodLine]
    supplements_taken: list[SupplementTaken]
    logged: list[LoggedLine] = Field(description="servings or days from a Cronometer export")
    days: list[DayTotal] = Field(description="each diary day; empty for a single day")
    assessment: Assessment | None = Field(description="usual intake over the diary's days")
    supplements: list[SupplementOption] = Field(description="oral forms, best first for the goal")
    topical: list[TopicalOption] = Field(description="relief on the skin; not intake")
    food_suggestions: list[FoodSuggestion] = Field(description="food first: servings to close it")
    advice: list[str] = Field(description="what the source articles advise, quoted")
    warnings: list[str] = Field(description="choices made for the user, and risks")


# ------------------------------------------------------------ the `magcalc foods` JSON results


class PortionInfo(_Strict):
    amount: float = Field(gt=0)
    unit: str
    grams: float = Field(gt=0)
    mg: NonNegativeFloat


class Serving(_Strict):
    portion: str = Field(description="e.g. '1 oz', '0.5 cup'")
    grams: float = Field(gt=0)
    mg: NonNegativeFloat


class FoodInfo(_Strict):
    """`magcalc foods show --json` (one) and `magcalc foods search --json` (a list)."""

    food_id: str
    description: str
    food_group: str
    mg_per_100g: NonNegativeFloat
    usual_serving: Serving
    portions: list[PortionInfo]


class TopFood(_Strict):
    """One row of `magcalc foods top --json`."""

    food_id: str
    description: str
    food_group: str
    mg_per_100g: NonNegativeFloat
    portion: str
    grams: float = Field(gt=0)
    mg: NonNegativeFloat


# --------------------------------------------------------------------------- data/forms.yaml

ATOMIC_WEIGHTS = {
    "Mg": 24.305, "C": 12.011, "H": 1.008, "O": 15.999, "N": 14.007, "S": 32.06, "Cl": 35.45,
}  # fmt: skip


def formula_atoms(formula: str) -> dict[str, int]:
    """Atoms in a formula such as 'MgCl2·6H2O' (a hydrate after the dot)."""
    atoms: dict[str, int] = {}
    salt, _, water = formula.partition("·")
    for element, count in re.findall(r"([A-Z][a-z]?)(\d*)", salt):
        atoms[element] = atoms.get(element, 0) + int(count or 1)
    if water:
        n = int(re.match(r"(\d*)H2O$", water).group(1) or 1)  # type: ignore[union-attr]
        atoms["H"] = atoms.get("H", 0) + 2 * n
        atoms["O"] = atoms.get("O", 0) + n
    return atoms


def molar_mass(formula: str) -> float:
    return sum(ATOMIC_WEIGHTS[e] * n for e, n in formula_atoms(formula).items())


class Article(_Strict):
    file: str
    title: str


class Quote(_Strict):
    topic: Literal[
        "absorption", "gut", "laxative", "night_cramps", "exercise_cramps", "leg_cramps",
        "pregnancy", "chronic_pain", "sleep", "other",
    ]  # fmt: skip
    quote: str = Field(min_length=10)
    source: str


class Form(_Strict):
    form: str
    names: list[str] = Field(min_length=1)
    route: Literal["oral", "topical"]
    formula: str
    salt: str
    molar_mass_g_per_mol: float = Field(gt=0)
    elemental_mg_percent: float = Field(gt=0, le=100)
    why: str
    says: list[Quote] = Field(min_length=1)

    @model_validator(mode="after")
    def _fraction(self) -> Form:
        """The molar mass and the magnesium fraction must follow from the formula."""
        mass = molar_mass(self.formula)
        if abs(mass - self.molar_mass_g_per_mol) > 0.01:
            raise ValueError(f"{self.form}: {self.formula} weighs {mass:.2f} g/mol")
        percent = formula_atoms(self.formula)["Mg"] * ATOMIC_WEIGHTS["Mg"] / mass * 100
        if round(percent, 1) != self.elemental_mg_percent:
            raise ValueError(
                f"{self.form}: elemental_mg_percent {self.elemental_mg_percent} does not match "
                f"{self.formula} ({percent:.2f} %)"
            )
        return self


class Goal(_Strict):
    help: str
    order: list[str]
    quote: str
    source: str
    timing: str | None = None
    timing_source: str | None = None


class AdviceQuote(_Strict):
    quote: str
    source: str


class FormsTable(_Strict):
    articles: dict[str, Article]
    forms: list[Form]
    goals: dict[str, Goal]
    advice: dict[Literal["food_first", "doctor", "pregnancy"], AdviceQuote]

    @model_validator(mode="after")
    def _references(self) -> FormsTable:
        cited = [q.source for f in self.forms for q in f.says]
        cited += [g.source for g in self.goals.values()]
        cited += [g.timing_source for g in self.goals.values() if g.timing_source]
        cited += [a.source for a in self.advice.values()]
        if unknown := set(cited) - set(self.articles):
            raise ValueError(f"unknown article ids: {sorted(unknown)}")
        oral = [f.form for f in self.forms if f.route == "oral"]
        names = [n for f in self.forms for n in f.names]
        if len(names) != len(set(names)):
            raise ValueError("a form name is used twice")
        for name, goal in self.goals.items():
            if sorted(goal.order) != sorted(oral):
                raise ValueError(f"goal {name}: order must list every oral form once")
            if goal.order[0] == "oxide":
                raise ValueError(f"goal {name}: oxide is poorly absorbed and never ranks first")
        if "general" not in self.goals:
            raise ValueError("a 'general' goal is required: it is the default")
        return self


class Said(_Strict):
    topic: str
    quote: str
    source: str = Field(description="the article's title")


class FormInfo(_Strict):
    """One row of `magcalc forms --json`."""

    form: str
    route: Literal["oral", "topical"]
    elemental_mg_percent: float = Field(gt=0, le=100)
    salt: str
    why: str
    says: list[Said]


def json_schema(name: str = "intake") -> dict:
    """The JSON Schema of a command's --json output."""
    from pydantic import TypeAdapter

    models: dict[str, Any] = {
        "intake": IntakeResult,
        "foods-search": list[FoodInfo],
        "foods-show": FoodInfo,
        "foods-top": list[TopFood],
        "forms": list[FormInfo],
    }
    schema = TypeAdapter(models[name]).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", f"magcalc {name} --json")
    return schema
