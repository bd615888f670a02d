"""Every figure of the NIH/IOM magnesium table, through the CLI's JSON, and the band edges.

Expected values are typed from the published tables (IOM 2006 Table 1; NIH ODS Tables 1 and 3),
not read from data/rda.yaml, so a wrong value in the data file fails here.
"""

from __future__ import annotations

import pytest

from tests.conftest import fails, intake_json

# (age, sex, condition, life_stage, kind, RDA or AI, EAR, supplemental UL)
PUBLISHED = [
    ("3m", "f", "none", "0-6 months", "AI", 30, None, None),
    ("3m", "m", "none", "0-6 months", "AI", 30, None, None),
    ("9m", "f", "none", "7-12 months", "AI", 75, None, None),
    ("9m", "m", "none", "7-12 months", "AI", 75, None, None),
    ("2", "f", "none", "1-3 years", "RDA", 80, 65, 65),
    ("2", "m", "none", "1-3 years", "RDA", 80, 65, 65),
    ("6", "f", "none", "4-8 years", "RDA", 130, 110, 110),
    ("6", "m", "none", "4-8 years", "RDA", 130, 110, 110),
    ("11", "f", "none", "9-13 years", "RDA", 240, 200, 350),
    ("11", "m", "none", "9-13 years", "RDA", 240, 200, 350),
    ("16", "m", "none", "14-18 years", "RDA", 410, 340, 350),
    ("16", "f", "none", "14-18 years", "RDA", 360, 300, 350),
    ("16", "f", "pregnant", "18 years or younger", "RDA", 400, 335, 350),
    ("16", "f", "lactating", "18 years or younger", "RDA", 360, 300, 350),
    ("25", "m", "none", "19-30 years", "RDA", 400, 330, 350),
    ("25", "f", "none", "19-30 years", "RDA", 310, 255, 350),
    ("25", "f", "pregnant", "19-30 years", "RDA", 350, 290, 350),
    ("25", "f", "lactating", "19-30 years", "RDA", 310, 255, 350),
    ("40", "m", "none", "31-50 years", "RDA", 420, 350, 350),
    ("40", "f", "none", "31-50 years", "RDA", 320, 265, 350),
    ("40", "f", "pregnant", "31-50 years", "RDA", 360, 300, 350),
    ("40", "f", "lactating", "31-50 years", "RDA", 320, 265, 350),
    ("60", "m", "none", "51-70 years", "RDA", 420, 350, 350),
    ("60", "f", "none", "51-70 years", "RDA", 320, 265, 350),
    ("80", "m", "none", "over 70 years", "RDA", 420, 350, 350),
    ("80", "f", "none", "over 70 years", "RDA", 320, 265, 350),
]


def _flags(condition: str) -> list[str]:
    return [] if condition == "none" else [f"--{condition}"]


@pytest.mark.parametrize(
    ("age", "sex", "condition", "stage", "kind", "target", "ear", "ul"), PUBLISHED
)
def test_every_cell(age, sex, condition, stage, kind, target, ear, ul):
    out = intake_json("--age", age, "--sex", sex, *_flags(condition))
    assert out["life_stage"] == stage
    assert out["condition"] == condition
    assert out["target_kind"] == kind
    assert out["target_mg"] == target
    assert out["ear_mg"] == ear
    assert out["ul_supplemental_mg"] == ul
    # With no food the whole target is the shortfall.
    assert out["shortfall_mg"] == target
    assert out["intake_mg"] == 0


# (last age inside a band, first age of the next, the two life stages), for a man
EDGES = [
    ("6m", "7m", "0-6 months", "7-12 months"),
    ("6.99m", "7m", "0-6 months", "7-12 months"),
    ("11m", "12m", "7-12 months", "1-3 years"),
    ("3.99", "4", "1-3 years", "4-8 years"),
    ("8.9", "9", "4-8 years", "9-13 years"),
    ("13.9", "14", "9-13 years", "14-18 years"),
    ("18", "19", "14-18 years", "19-30 years"),
    ("18.99", "19", "14-18 years", "19-30 years"),
    ("30", "31", "19-30 years", "31-50 years"),
    ("50.9", "51", "31-50 years", "51-70 years"),
    ("70", "71", "51-70 years", "over 70 years"),
]


@pytest.mark.parametrize(("below", "at", "stage_below", "stage_at"), EDGES)
def test_band_edges(below, at, stage_below, stage_at):
    assert intake_json("--age", below, "--sex", "m")["life_stage"] == stage_below
    assert intake_json("--age", at, "--sex", "m")["life_stage"] == stage_at


def test_one_year_in_months_is_twelve_months():
    assert intake_json("--age", "1", "--sex", "f")["life_stage"] == "1-3 years"
    assert intake_json("--age", "12m", "--sex", "f")["age_years"] == 1


@pytest.mark.parametrize("age", ["10", "13.9", "14", "18.9"])
@pytest.mark.parametrize("condition", ["pregnant", "lactating"])
def test_young_pregnancy_uses_18_or_younger_row(age, condition):
    out = intake_json("--age", age, "--sex", "f", f"--{condition}")
    assert out["life_stage"] == "18 years or younger"
    assert out["target_mg"] == (400 if condition == "pregnant" else 360)


@pytest.mark.parametrize("age", ["9.99", "5", "51", "60"])
@pytest.mark.parametrize("condition", ["pregnant", "lactating"])
def test_pregnancy_outside_10_to_50_is_refused(age, condition):
    line = fails("intake", "--age", age, "--sex", "f", f"--{condition}")
    assert "10 to under 51" in line


def test_pregnancy_at_50_point_9_is_accepted():
    assert intake_json("--age", "50.9", "--sex", "f", "--pregnant")["target_mg"] == 360


def test_pregnant_male_is_refused():
    assert "female" in fails("intake", "--age", "30", "--sex", "m", "--pregnant")


def test_pregnant_and_lactating_is_refused():
    line = fails("intake", "--age", "30", "--sex", "f", "--pregnant", "--lactating")
    assert "--pregnant and --lactating" in line
