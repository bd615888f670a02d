"""The headline tells the truth: food alone against the EAR and the target, supplements beside
it, a poorly absorbed form named where it carries the total over the line, a form to take in
its place, and no supplement or bath with kidney disease."""

from __future__ import annotations

import pytest

from magcalc.interactions import KIDNEY_FOODS
from tests.conftest import intake_json, run

WOMAN = ("--age", "35", "--sex", "f")  # US: RDA 320 mg, EAR 265 mg, UL 350 mg


def _days(tmp_path, values: list[float]) -> str:
    """A Cronometer Daily Nutrition export: food alone, these mg a day."""
    rows = ["Date,Energy (kcal),Magnesium (mg),Completed"]
    rows += [f"2026-11-{10 + i:02d},1800,{v},true" for i, v in enumerate(values)]
    path = tmp_path / "days.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


OXIDE = ("--supplement", "magnesium oxide 250 mg")


def test_food_short_oxide_over_the_line(tmp_path):
    """The issue's woman: food 248 mg a day, 250 mg of oxide."""
    out = intake_json(*WOMAN, "--foods-file", _days(tmp_path, [240, 248, 256]), *OXIDE)
    assert (out["food_intake_mg"], out["intake_mg"], out["shortfall_mg"]) == (248, 498, 0)
    assert out["food_shortfall_mg"] == 72 and out["poorly_absorbed_mg"] == 250
    assert out["absorption_note"] == (
        "oxide is poorly absorbed, and counted at its label's 250 mg: without it the intake "
        "is 248 mg, below the EAR (265 mg) and the RDA (320 mg)"
    )
    # Which form: 72 mg a day in place of the oxide, glycinate first for the general goal.
    assert out["replaces_forms"] == ["oxide"] and out["supplement_dose_mg"] == 72
    assert out["supplements"][0]["form"] == "glycinate"
    assert any(a.startswith("In place of the oxide (250 mg a day") for a in out["advice"])
    # Food alone: SD_D = sqrt(26.5^2 + 86^2 / 3) = 56.3; z = (248 - 265) / 56.3 = -0.30.
    a = out["assessment"]
    assert a["food_z"] == pytest.approx(-0.302, abs=0.002)
    assert a["food_conclusion"].endswith("62 % confident that usual intake is inadequate")
    assert a["confidence_adequate"] > 0.99  # with the oxide counted at its label


def test_the_terminal_says_it_in_the_headline(tmp_path):
    path = _days(tmp_path, [240, 248, 256])
    text = run("intake", *WOMAN, "--foods-file", path, *OXIDE, env={"COLUMNS": "200"}).stdout
    lines = text.splitlines()
    assert lines[1] == "Food 248 mg a day: 77.5 % of the RDA 320 mg, 72 mg short; below the EAR " \
        "265 mg"  # fmt: skip
    assert lines[2].startswith("With supplements (oxide, 250 mg a day): 498 mg, 155.6 % of the RDA")
    assert lines[3].startswith("But oxide is poorly absorbed")
    assert "from food alone (248 mg), with 3 days of records, 62 % confident that usual intake " \
        "is inadequate" in " ".join(text.split())  # fmt: skip
    assert "In place of the oxide, supplement 72 mg of magnesium a day" in text


def test_no_note_where_food_alone_is_over_the_line(tmp_path):
    out = intake_json(*WOMAN, "--foods-file", _days(tmp_path, [350] * 3), *OXIDE)
    assert out["absorption_note"] is None and out["replaces_forms"] == []
    assert out["supplement_dose_mg"] == 0


def test_a_well_absorbed_form_carries_no_note():
    out = intake_json(*WOMAN, "--food", "almonds:1 oz", "--supplement", "glycinate:250 mg")
    assert out["absorption_note"] is None and out["poorly_absorbed_mg"] == 0
    assert out["replaces_forms"] == [] and out["shortfall_mg"] == 0


def test_in_place_of_oxide_beside_another_form():
    # No food: 200 glycinate + 100 oxide. Without the oxide the gap is 120 mg, within the UL
    # (350 - 200 = 150); the oxide's 100 mg does not carry the total (300) over the RDA.
    out = intake_json(*WOMAN, "--supplement", "glycinate:200 mg", "--supplement", "oxide:100 mg")
    assert out["shortfall_mg"] == 20 and out["supplement_dose_mg"] == 120
    assert out["replaces_forms"] == ["oxide"]
    assert out["absorption_note"].endswith("below the EAR (265 mg)")  # 300 - 100 = 200


def test_kidney_disease_removes_supplements_and_the_bath_and_says_why():
    out = intake_json(*WOMAN, "--kidney-disease", "--food", "almonds:1 oz")
    assert out["supplement_dose_mg"] == 0 and out["supplements"] == []
    assert out["topical"] == []
    assert any(a.startswith("No magnesium spray or Epsom-salt bath is suggested with kidney "
                            "disease") for a in out["advice"])  # fmt: skip
    assert out["food_suggestions"] and KIDNEY_FOODS in out["advice"]
    text = run("intake", *WOMAN, "--kidney-disease", "--food", "almonds:1 oz").stdout
    assert "Relief on the skin" not in text and "Epsom-salt bath is suggested" in text
