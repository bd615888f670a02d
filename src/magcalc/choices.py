"""Every closed list of choices magcalc offers, defined once.

The CLI builds its options from these, the result types use the same `Literal`s, and the
catalogue build checks that the data tables name exactly these (goals in forms.yaml,
standards in standards.csv).
"""

from __future__ import annotations

from typing import Literal, get_args

Sex = Literal["female", "male"]
Condition = Literal["none", "pregnant", "lactating"]
Goal = Literal[
    "general", "night-cramps", "exercise", "pregnancy", "sensitive-stomach", "constipation"
]
# Where a food comes from: a USDA table, or the user's own file of foods or a recipe of theirs.
Source = Literal["USDA SR28", "USDA FNDDS 2021-2023", "your foods", "your recipe"]

# What people type for a sex, and what magcalc calls it.
SEXES: dict[str, Sex] = {"f": "female", "female": "female", "w": "female", "woman": "female",
                         "m": "male", "male": "male", "man": "male"}  # fmt: skip
CONDITIONS: tuple[Condition, ...] = get_args(Condition)
GOALS: tuple[Goal, ...] = get_args(Goal)
SR28, FNDDS, OWN_FOOD, RECIPE = get_args(Source)
# The reference standards, by magcalc's short names (data/standard_names.csv holds the rest).
StandardName = Literal["us", "efsa", "uk", "dach", "nnr", "who", "japan", "anz"]
STANDARDS: tuple[StandardName, ...] = get_args(StandardName)
Feeding = Literal["breast", "formula"]
FEEDING: tuple[Feeding, ...] = get_args(Feeding)
TargetKind = Literal["RDA", "AI", "RNI", "RDI"]
# Whose everyday measures an amount is read in: a US pint and glass, or the UK's.
MeasureSystem = Literal["us", "uk"]
MEASURE_SYSTEMS: tuple[MeasureSystem, ...] = get_args(MeasureSystem)
# What a food line's grams rest on: a mass typed, the record's own USDA measure, a volume worked
# out from another of its measures, magcalc's stated convention, or USDA's amount when none is
# given (FNDDS's "Quantity not specified", else one item or the usual serving).
PortionRule = Literal["mass", "own_measure", "derived", "convention", "default"]
FORMATS = ("table", "json", "ndjson", "csv")
# The kinds of row an intake's CSV (or, when asked, NDJSON) holds: one kind a file.
ROWS = ("foods", "days", "summary")
# Layouts of a foods file; "auto" tells them apart by the header.
LAYOUTS = ("auto", "lines", "csv", "cronometer-servings", "cronometer-daily")
# The outputs with a JSON Schema (`magcalc schema NAME`; magcalc.schema.OUTPUTS has their types).
SCHEMAS = ("intake", "foods-search", "foods-show", "foods-top", "foods-groups", "forms",
           "standards", "standards-show", "recipes-show", "recipes-list", "log-add",
           "survey")  # fmt: skip
