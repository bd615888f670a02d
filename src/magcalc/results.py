"""The result types: what each step returns and every output is made from, defined once.

These are the JSON contract. The steps build them, the renderers read them, `--json` writes
them as they are, and `magcalc schema` (magcalc.schema) generates the JSON Schema from them,
field descriptions included: the docstring under each field. Plain `TypedDict`s: a result is
a dict, so writing JSON needs no conversion and importing this module costs next to nothing.

Field names carry their unit (`_mg`, `_g`, `_percent`); amounts are milligrams of elemental
magnesium per day unless a name says otherwise. Keys change only with a new major version.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from magcalc.choices import (
    Condition,
    Feeding,
    Goal,
    MeasureSystem,
    PortionRule,
    Sex,
    Source,
    StandardName,
    TargetKind,
)

# Units of the contract. Plain floats at run time; magcalc.schema gives them their bounds
# (never negative, never NaN or infinite) in the JSON Schema.
Mg = float
Grams = float
Percent = float
Share = float  # a probability, 0 to 1


class FoodLine(TypedDict):
    """One food eaten, and the record and weight magcalc used for it."""

    query: str
    """the food as typed"""
    food_id: str
    """the record's id: 5 digits for USDA SR28, 8 for USDA FNDDS; own:NAME for your own
    foods, recipe:NAME for your recipes"""
    source: Source
    """the table the record is from"""
    description: str
    """the record's description in its table"""
    amount: float
    """the amount, in `unit`"""
    unit: str
    """the unit as understood: g, oz, fl oz, cup, regular, slice, ..."""
    portion: str
    """how the grams were worked out"""
    portion_rule: PortionRule
    """what the grams rest on: mass (a mass was typed), own_measure (the record's own USDA
    measure), derived (a volume worked out from another of its measures), convention
    (magcalc's stated convention, said in a warning: a glass is 8 fl oz), default (no amount
    given: USDA's amount for that case, said)"""
    grams: Grams
    mg_per_100g: Mg
    mg: Mg
    """magnesium from this food"""
    date: str | None
    """the diary day (YYYY-MM-DD); null for a single day"""
    meal: str | None
    """the meal the file puts it in (Cronometer's Group, a diary's '## breakfast' line); null
    where it gives none"""
    confidence: float
    """how likely the record is the food meant, 0 to 1: 1 for a food id, your own foods,
    recipes and picks; otherwise the resolver's estimate, calibrated on judged lists (of the
    lines given 0.5 or more, at least 95 % were right there). Below 0.5 a line is refused
    unless --best-guess is given"""
    alternatives: list[Alternative]
    """the next records considered, best first, when confidence is below 1"""
    part: str | None
    """the part of a name of two foods this line is ("butter" of "toast with butter"), when no
    record holds the dish; null otherwise"""


class Alternative(TypedDict):
    """Another record a name may mean."""

    food_id: str
    description: str
    probability: float
    """its share of the resolver's belief, 0 to 1"""


class SupplementTaken(TypedDict):
    """A supplement already taken, counted as elemental magnesium."""

    query: str
    """the supplement as typed"""
    form: str
    elemental_mg: Mg
    compound_mg: Mg | None
    """the salt's weight, when known"""
    product: str | None
    """the product of the user's products file it was counted from, if any"""
    date: str | None
    """the diary day; null when taken every day"""


class LoggedLine(TypedDict):
    """A serving, or a day, whose magnesium an app such as Cronometer worked out."""

    date: str
    name: str
    amount: str
    mg: Mg
    kind: Literal["food", "supplement"]
    meal: str | None
    """Cronometer's Group of the serving (Breakfast, Lunch, ...); null for a day's total"""


class DayTotal(TypedDict):
    """One day of a diary."""

    date: str
    food_mg: Mg
    supplement_mg: Mg
    intake_mg: Mg
    above_ul: bool
    """supplements that day above the upper limit for supplemental magnesium"""


class UlTest(TypedDict):
    """Supplements against the upper limit for supplemental magnesium, day by day."""

    supplement_mean_mg: Mg
    max_day_mg: Mg
    """the most taken on one day"""
    ul_mg: Mg
    above_ul: bool
    """true when any day is above the limit"""
    days_above_ul: list[str]
    """the days above the limit"""
    conclusion: str


class Assessment(TypedDict):
    """Usual intake over a diary's days, by the IOM (2000) method for individuals."""

    days: int
    mean_mg: Mg
    food_mean_mg: Mg
    supplement_mean_mg: Mg
    reference: Literal["EAR", "RDA", "AI", "RNI", "RDI"]
    """what usual intake is judged against: the EAR, or without one the target itself"""
    reference_mg: Mg
    ear_mg: Mg | None
    """the EAR (NNR: its provisional AR), where the standard gives one"""
    ai_mg: Mg | None
    sd_within_mg: Mg | None
    """day-to-day SD of food intake used; an estimate for the person's group"""
    sd_within_label: str | None
    """which SD was used, in brief: derived from the IOM's worked example (women 19-50), an
    estimate [C] computed from NHANES 2011-2018 for the sex and age or pregnancy, or given"""
    sd_within_source: str | None
    """where that SD comes from, in full"""
    z: float | None
    """D / SD_D; null when no SD is known"""
    confidence_adequate: Share | None
    """the confidence that usual intake is adequate; null when it cannot be given"""
    conclusion: str
    food_z: float | None
    """z of food alone, without the supplements; null when no SD is known"""
    food_confidence_adequate: Share | None
    """the confidence that usual intake from food alone is adequate"""
    food_conclusion: str
    """the conclusion for food alone"""
    ul_test: UlTest | None


class SupplementOption(TypedDict):
    """One oral form, ranked for the goal, at the suggested dose."""

    form: str
    route: Literal["oral"]
    elemental_mg_percent: Percent
    elemental_mg: Mg
    """elemental magnesium per day (the dose)"""
    compound_mg: Mg
    """weight of the salt carrying it"""
    why: str
    sources: list[str]
    """the articles that say so: title (file)"""


class TopicalOption(TypedDict):
    """A form used on the skin for relief; never counted as intake."""

    form: str
    route: Literal["topical"]
    salt: str
    why: str
    sources: list[str]


class FoodSuggestion(TypedDict):
    """A serving of a common magnesium-rich food that would help close the gap."""

    food_id: str
    source: Source
    description: str
    portion: str
    grams: Grams
    mg: Mg


class Interaction(TypedDict):
    """A medicine or condition that changes the plan (NIH ODS, FDA, IOM), as magcalc's table
    gives it; not a complete list of interactions."""

    id: str
    kind: Literal["medication", "condition"]
    matched: str
    """the name given (--medication), or the condition"""
    effect: str
    advice: str
    source: str
    tag: str
    """how the source was seen: [P] primary, [S] secondary"""


class IntakeResult(TypedDict):
    """`magcalc intake --json`: one object. For a diary of several days the intake and
    supplement figures are daily means."""

    age_years: float
    sex: Sex
    condition: Condition
    feeding: Feeding | None
    """the infant feeding the reference is for, where the standard gives two values"""
    standard: StandardName
    """the reference standard compared with (`magcalc standards`)"""
    standard_name: str
    measures: MeasureSystem
    """whose everyday measures amounts were read in: us (a 16 fl oz pint, an 8 fl oz glass), or
    uk (a 568 ml pint, a 175 ml glass of wine, a 250 ml mug), by --units or --standard uk"""
    life_stage: str
    """the row of the standard's table used, e.g. '31-50 years'"""
    target_kind: TargetKind
    """what the target is: an RDA, an AI, an RNI or an RDI"""
    target_label: str
    """the standard's own name of the value, e.g. 'AI (Schaetzwert)'"""
    target_mg: Mg
    """the intake compared with"""
    ear_mg: Mg | None
    """Estimated Average Requirement (NNR: provisional AR); null where the standard gives none"""
    ul_supplemental_mg: Mg | None
    """the standard's upper level for magnesium from supplements; null where none is set"""
    reference_tag: str
    """how the values were seen: [P] in the primary document, [S] only in a secondary one,
    [C] computed from a printed increment"""
    reference_source: str
    food_intake_mg: Mg
    supplement_intake_mg: Mg
    intake_mg: Mg
    """food + supplements"""
    shortfall_mg: Mg
    """max(0, target_mg - intake_mg)"""
    food_shortfall_mg: Mg
    """max(0, target_mg - food_intake_mg): food alone against the target"""
    poorly_absorbed_mg: Mg
    """of supplement_intake_mg, the magnesium in forms the articles advise against as poorly
    absorbed (oxide), counted at the label's value"""
    absorption_note: str | None
    """said when such a form carries the intake over the EAR or the target; else null"""
    percent_of_target: Percent
    goal: Goal
    supplement_dose_mg: Mg
    """elemental magnesium to supplement: the shortfall, capped by the upper limit; where
    `replaces_forms` is not empty, the shortfall without those forms, to take in their place"""
    replaces_forms: list[str]
    """forms taken that the articles advise against (oxide) and that fill some of the gap:
    the suggested dose and forms would replace them"""
    foods: list[FoodLine]
    supplements_taken: list[SupplementTaken]
    logged: list[LoggedLine]
    """servings or days from a Cronometer export"""
    days: list[DayTotal]
    """each diary day; empty for a single day"""
    assessment: Assessment | None
    """usual intake over the diary's days; null for a single day"""
    supplements: list[SupplementOption]
    """oral forms, best first for the goal"""
    topical: list[TopicalOption]
    """relief on the skin; not intake"""
    food_suggestions: list[FoodSuggestion]
    """food first: servings that would close the gap"""
    interactions: list[Interaction]
    """the medicines given and kidney disease: what happens, what to do"""
    kidney_disease: bool
    """given with --kidney-disease: no supplement dose is suggested"""
    advice: list[str]
    """what the source articles advise, quoted"""
    warnings: list[str]
    """choices made for the user, and risks"""


# ------------------------------------------------------------------- `magcalc foods ...`


class PortionInfo(TypedDict):
    amount: float
    unit: str
    grams: Grams
    mg: Mg


class Serving(TypedDict):
    portion: str
    """e.g. '1 oz', '0.5 cup'"""
    grams: Grams
    mg: Mg


class FoodInfo(TypedDict):
    """`magcalc foods show --json` (one) and `magcalc foods search --json` (a list)."""

    food_id: str
    source: Source
    description: str
    food_group: str
    """the SR28 food group or the FNDDS (WWEIA) category"""
    mg_per_100g: Mg
    usual_serving: Serving
    portions: list[PortionInfo]


class TopFood(TypedDict):
    """One row of `magcalc foods top --json`."""

    food_id: str
    source: Source
    description: str
    food_group: str
    mg_per_100g: Mg
    portion: str
    grams: Grams
    mg: Mg


class FoodGroup(TypedDict):
    """One row of `magcalc foods groups --json`."""

    food_group: str


# ------------------------------------------------------------ `magcalc recipes`, `log add`


class RecipeIngredient(TypedDict):
    """One line of a recipe: in the whole recipe, and in one serving."""

    query: str
    """the line as written"""
    line: str
    """PATH:LINE of the recipe file"""
    food_id: str
    source: Source
    description: str
    recipe_grams: Grams
    recipe_mg: Mg
    grams: Grams
    """in one serving"""
    mg: Mg
    """in one serving"""


class RecipeInfo(TypedDict):
    """`magcalc recipes show NAME --json` (one) and `magcalc recipes list --json` (a list)."""

    name: str
    path: str
    food_id: str
    serves: float
    grams: Grams
    """one serving"""
    mg: Mg
    """one serving"""
    mg_per_100g: Mg
    ingredients: list[RecipeIngredient]


class LogAdded(TypedDict):
    """`magcalc log add --json`: what was written to the diary."""

    diary: str
    """the diary's path"""
    date: str
    """the day the entries went under (YYYY-MM-DD)"""
    lines: list[str]
    """the lines written, as they are in the diary"""
    foods: list[FoodLine]
    supplements_taken: list[SupplementTaken]
    mg: Mg
    """magnesium in what was added"""
    warnings: list[str]


# ---------------------------------------------------------------------- `magcalc standards`


class StandardInfo(TypedDict):
    """One row of `magcalc standards --json`."""

    name: StandardName
    """the name `--standard` takes"""
    title: str
    year: int
    kinds: list[str]
    """the kinds of value it gives, in its own words"""
    tags: list[str]
    """how its values were seen: [P] primary, [S] secondary, [C] computed"""
    upper_level: str
    """its upper level for supplemental magnesium, in words"""


class StandardRow(TypedDict):
    """One row of `magcalc standards show NAME --json`."""

    life_stage: str
    sex: Literal["any", "female", "male"]
    condition: Condition
    feeding: Feeding | None
    age_from_months: int
    age_to_months: int | None
    """exclusive; null: no upper bound"""
    kind: TargetKind
    label: str
    target_mg: Mg
    ear_mg: Mg | None
    ul_supplemental_mg: Mg | None
    tag: str
    source: str


# -------------------------------------------------------------------------- `magcalc forms`


class Said(TypedDict):
    topic: str
    quote: str
    source: str
    """the article's title"""


class FormInfo(TypedDict):
    """One row of `magcalc forms --json`."""

    form: str
    route: Literal["oral", "topical"]
    elemental_mg_percent: Percent
    salt: str
    why: str
    says: list[Said]


# ------------------------------------------------- `magcalc survey`, `magcalc.score(rows)`

Label = str | int
"""a person's id or a day as the survey gives it: text, or a whole number"""


class Refused(TypedDict):
    """A survey row that could not be counted, and why."""

    row: int | str
    """where the row is: the file's line, the DataFrame's index label, or its position in the
    rows given (from 0)"""
    food: str | None
    """the row's food as given"""
    why: str


class Reference(TypedDict):
    """A survey person and the reference for them; the reference is null, and `why` says why,
    when their age, sex, condition or standard cannot be used."""

    person: Label
    age_years: float | None
    sex: Sex | None
    condition: Condition | None
    feeding: Feeding | None
    standard: StandardName | None
    life_stage: str | None
    target_kind: TargetKind | None
    target_mg: Mg | None
    ear_mg: Mg | None
    ul_supplemental_mg: Mg | None
    reference_tag: str | None
    """[P] primary, [S] secondary, [C] computed"""
    why: str | None
    """why this person has no reference; null when they have one"""


class DayScore(Reference):
    """One person-day of a survey, as `magcalc intake` would give that day."""

    kind: Literal["day"]
    day: Label | None
    """the day as given (a date, NHANES's 1 or 2); null when the survey gives none"""
    food_intake_mg: Mg
    supplement_intake_mg: Mg
    intake_mg: Mg
    shortfall_mg: Mg | None
    """max(0, target_mg - intake_mg); null without a reference"""
    percent_of_target: Percent | None
    above_ul: bool
    """supplements that day above the upper limit for supplemental magnesium"""
    food_rows: int
    """rows counted as food"""
    supplement_rows: int
    """rows counted as supplements"""
    refused: list[Refused]
    """the day's rows that could not be counted: the figures are without them"""
    notes: list[str]
    """what magcalc chose or assumed in reading the day's foods"""


class PersonScore(Reference):
    """One person of a survey: usual intake over their days, as `magcalc intake` gives it for a
    diary of the same days."""

    kind: Literal["person"]
    days_left_out: list[Label | None]
    """days with refused rows, left out of the assessment (their figures are incomplete)"""
    assessment: Assessment | None
    """null when no day is complete, or without a reference"""
    warnings: list[str]


class SurveyRefused(TypedDict):
    """A survey row that belongs to no person-day: no person, no day, or out of place."""

    kind: Literal["refused"]
    row: int | str
    person: Label | None
    day: Label | None
    food: str | None
    why: str
