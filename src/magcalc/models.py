"""Pydantic models: the validated form of every packaged table, and the JSON result contract.

Importing pydantic costs more than starting Python, so only the commands and code paths that
validate (the tests, the wheel build, `magcalc schema`) import this module.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Literal

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


class SupplementOption(_Strict):
    form: str
    route: Literal["oral", "topical"]
    elemental_mg_percent: float = Field(gt=0, le=100)
    elemental_mg: NonNegativeFloat = Field(description="elemental magnesium per day, mg")
    compound_mg: NonNegativeFloat = Field(description="weight of the salt carrying it, mg")
    why: str
    sources: list[str]


class IntakeResult(_Strict):
    """`magcalc intake --json`: one object. Keys change only with a new major version."""

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
    foods: list[FoodLine]
    supplements: list[SupplementOption]
    warnings: list[str]


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
