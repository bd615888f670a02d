"""Pydantic models of the packaged data tables: what a valid row of each table is.

The catalogue build (magcalc.build) validates every table with these before it writes
anything, so a run never sees an invalid row. Importing pydantic costs more than starting
Python: only the build and the tests import this module.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    NonNegativeFloat,
    field_validator,
    model_validator,
)  # fmt: skip

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


NdbNumber = Annotated[str, Field(pattern=r"^\d{5}$")]  # a USDA SR28 food
FoodCode = Annotated[str, Field(pattern=r"^\d{8}$")]  # a USDA FNDDS food
FoodId = Annotated[str, Field(pattern=r"^(\d{5}|\d{8})$")]  # a food of either table
Text = Annotated[str, Field(min_length=1)]
Weight = Annotated[float, Field(gt=0)]


class FoodRow(_Strict):
    """One row of data/foods.csv (USDA SR28 columns, as published)."""

    fdc_id_or_ndb_no: NdbNumber
    description: Text
    food_group: Text
    magnesium_mg_per_100g: NonNegativeFloat


class PortionRow(_Strict):
    """One row of data/portions.csv: `amount` units of `unit_description` weigh `gram_weight`."""

    fdc_id_or_ndb_no: NdbNumber
    amount: Weight
    unit_description: Text
    gram_weight: Weight


class FnddsFoodRow(_Strict):
    """One row of data/fndds_foods.csv (USDA FNDDS 2021-2023, as published): its WWEIA
    category is the survey's kind of food, with a 4-digit code."""

    food_code: FoodCode
    description: Text
    wweia_category_code: Annotated[str, Field(pattern=r"^\d{4}$")]
    wweia_category: Text
    magnesium_mg_per_100g: NonNegativeFloat


class FnddsPortionRow(_Strict):
    """One row of data/fndds_portions.csv: one `portion_description` weighs `portion_weight_g`
    (FNDDS's portions name their own count: "1 slice")."""

    food_code: FoodCode
    seq_num: int = Field(ge=1)
    portion_description: Text
    portion_weight_g: Weight


class AdditionalDescriptionRow(_Strict):
    """One row of data/fndds_additional_descriptions.csv: a term of USDA's "Additional food
    description" of an FNDDS food; `kind` says whether it is another name of the food (a
    regional name, a brand) or a qualifier of what the record covers ("NS as to fat added")."""

    food_code: FoodCode
    seq: int = Field(ge=1)
    additional_description: Text
    kind: Literal["name", "qualifier"]


class CommonNameRow(_Strict):
    """One row of data/sr28_common_names.csv: SR28's ComName and ManufacName of a food."""

    ndb_no: NdbNumber
    common_name: str
    manufacturer: str

    @model_validator(mode="after")
    def _some(self) -> CommonNameRow:
        if not (self.common_name or self.manufacturer):
            raise ValueError("a row needs a common name or a manufacturer")
        return self


class ResolverWeights(_Strict):
    """data/resolver.json: the fitted weights of the food-name resolver (magcalc.resolver);
    which names it must hold is the resolver's to check (magcalc.resolver.score)."""

    about: Text
    rank: dict[str, float] = Field(min_length=1)
    confidence: dict[str, float] = Field(min_length=1)
    fit: dict[str, object]

    @field_validator("rank", "confidence")
    @classmethod
    def _finite(cls, v: dict[str, float]) -> dict[str, float]:
        import math

        if not all(math.isfinite(x) for x in v.values()):
            raise ValueError("every weight must be a finite number")
        return v


class AliasRow(_Strict):
    """One row of data/aliases.csv: a common name and the record it means."""

    alias: str = Field(min_length=1)
    food_id: FoodId
    source: str = Field(min_length=3, description="why this record")


class DefaultCodeRow(_Strict):
    """One row of data/default_codes.csv: an everyday name and the record a diary coder uses
    for it by default."""

    name: str = Field(min_length=1)
    food_id: FoodId
    note: str = Field(min_length=3)


class SynonymRow(_Strict):
    """One row of data/synonyms.csv: a name people use and the words USDA uses for it."""

    name: str = Field(min_length=1)
    means: str = Field(min_length=1)
    note: str = Field(min_length=3)


class RegionalNameRow(_Strict):
    """One row of data/regional_names.csv: a food's name in a region's English and the words
    USDA's descriptions use for it; a name of several meanings has a row for each."""

    name: str = Field(min_length=1)
    means: str = Field(min_length=1)
    region: str = Field(pattern=r"^(UK|IE|SCO|AU|NZ|CA|ZA|IN|US)(/(UK|IE|SCO|AU|NZ|CA|ZA|IN|US))*$")
    note: str = Field(min_length=3)


class ServingRow(_Strict):
    """One row of data/servings.csv: the usual serving of a kind of food."""

    food_group: str = Field(min_length=1)
    when_word: str
    amount: float = Field(gt=0)
    unit: str = Field(min_length=1)
    note: str


class NihServingRow(_Strict):
    """One row of data/nih_servings.csv: the usual serving of a food of NIH's table of food
    sources, as magcalc works it out (the tests keep the file equal to that)."""

    food_id: FoodId
    portion: Text
    grams: Weight
    mg: float = Field(ge=0)


class StandardRow(_Strict):
    """One row of data/standards.csv: a non-US standard's values for one life stage."""

    standard: Literal["efsa-2015", "uk-coma-1991", "dach-2021", "nnr-2023", "who-fao-2004",
                      "japan-2020", "anz-2006"]  # fmt: skip
    life_stage: Text
    sex: Literal["any", "female", "male"]
    condition: Condition
    age_from_months: int = Field(ge=0)
    age_to_months_exclusive: int | None
    value_kind: Text
    target_mg: Weight
    ear_mg: Weight | None
    lower_mg: Weight | None
    ul_supplemental_mg: Weight | None
    source_tag: Literal["[P]", "[S]", "[C]", "[P]; UL [S]"]
    source: Text

    @field_validator("age_to_months_exclusive", "ear_mg", "lower_mg", "ul_supplemental_mg",
                     mode="before")  # fmt: skip
    @classmethod
    def _blank(cls, v: object) -> object:
        return None if v == "" else v


class StandardNameRow(_Strict):
    """One row of data/standard_names.csv."""

    name: str
    id: str
    title: Text
    year: int = Field(ge=1900, le=2100)
    upper_level: Text


class InteractionRow(_Strict):
    """One row of data/interactions.csv (NIH ODS and FDA on medicines, IOM on kidneys)."""

    id: Text
    kind: Literal["medication", "condition"]
    examples: Text
    effect: Text
    advice: Text
    source_tag: Text
    source: Text
    quote: Text


class MedicineNameRow(_Strict):
    """One row of data/medicine_names.csv: a name people give and the interaction it means."""

    name: Text
    interaction: Text
    note: Text


class InteractionUseRow(_Strict):
    """One row of data/interaction_uses.csv: how an interaction changes magcalc's plan."""

    interaction: Text
    use: Literal["spacing", "losses", "retention", "clinician", "withhold"]
    brief: Text


class WithinSdRow(_Strict):
    """One row of data/within_person_sd.csv."""

    group: str
    sex: Literal["female", "male"]
    age_from_years: float = Field(ge=0)
    age_to_years_exclusive: float
    sd_within_mg: float = Field(gt=0)
    status: Literal["derived", "published"]
    source: str = Field(min_length=20)


class NhanesSdRow(_Strict):
    """One row of data/within_person_sd_nhanes.csv: a day-to-day SD computed from NHANES."""

    group: str
    sex: Literal["female", "male"]
    age_from_years: float = Field(ge=1)
    age_to_years_exclusive: float
    pregnant: Literal["yes", "no"]
    n_pairs: int = Field(gt=0)
    mean_mg: float = Field(gt=0)
    sd_within_mg: float = Field(gt=0)
    cv_within_percent: float = Field(gt=0, lt=100)
    cycles: str = Field(pattern=r"^\d{4}-\d{4}(;\d{4}-\d{4})*$")
    method: str = Field(pattern=r"\[C\]")  # computed here: the tag stays with every row

    @model_validator(mode="after")
    def _consistent(self) -> NhanesSdRow:
        if self.age_to_years_exclusive <= self.age_from_years:
            raise ValueError("the ages run backwards")
        if self.pregnant == "yes" and self.sex != "female":
            raise ValueError("a pregnancy row must be female")
        # The CV is from unrounded figures; SD and mean are whole mg: within rounding.
        if abs(100 * self.sd_within_mg / self.mean_mg - self.cv_within_percent) > 0.5:
            raise ValueError(
                f"cv_within_percent {self.cv_within_percent} is not "
                f"sd_within_mg / mean_mg ({self.sd_within_mg} / {self.mean_mg})"
            )
        return self


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
    advise_against: bool = False  # the articles advise against taking it (oxide)

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
