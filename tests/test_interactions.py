"""Medicines and kidneys: each class by generic and brand name, an unknown medicine, two at
once, kidney disease with and without supplements taken, the timing in table and JSON."""

from __future__ import annotations

import pytest

from tests.conftest import intake_json, run

MAN_70 = ("--age", "70", "--sex", "m")


@pytest.mark.parametrize(
    ("name", "interaction"),
    [
        ("bisphosphonate", "bisphosphonates"), ("alendronate", "bisphosphonates"),
        ("Fosamax", "bisphosphonates"), ("tetracycline", "tetracyclines"),
        ("doxycycline", "tetracyclines"), ("quinolone", "quinolones"),
        ("ciprofloxacin", "quinolones"), ("levofloxacin", "quinolones"),
        ("loop-diuretic", "loop-thiazide-diuretics"), ("thiazide", "loop-thiazide-diuretics"),
        ("furosemide", "loop-thiazide-diuretics"),
        ("hydrochlorothiazide", "loop-thiazide-diuretics"),
        ("potassium-sparing-diuretic", "potassium-sparing-diuretics"),
        ("spironolactone", "potassium-sparing-diuretics"), ("ppi", "ppis"),
        ("omeprazole", "ppis"), ("Prilosec", "ppis"), ("esomeprazole", "ppis"), ("Nexium", "ppis"),
        ("proton pump inhibitors", "ppis"),
    ],
)  # fmt: skip
def test_each_class_by_generic_and_brand_name(name, interaction):
    out = intake_json(*MAN_70, "--medication", name)
    (found,) = out["interactions"]
    assert (found["id"], found["kind"], found["matched"]) == (interaction, "medication", name)
    assert found["effect"] and found["advice"] and found["source"] and found["tag"]
    assert any("not a complete list" in a and "not medical advice" in a for a in out["advice"])


def test_an_unknown_medicine_is_accepted_and_said_to_be_unknown():
    out = intake_json(*MAN_70, "--medication", "aspirin")
    assert out["interactions"] == []
    (said,) = [w for w in out["warnings"] if "aspirin" in w]
    assert "covers only" in said and "not to say there is none" in said


def test_two_medicines_at_once():
    out = intake_json(*MAN_70, "--medication", "ciprofloxacin", "--medication", "furosemide")
    assert [i["id"] for i in out["interactions"]] == ["quinolones", "loop-thiazide-diuretics"]
    assert any("furosemide" in w and "losses" in w for w in out["warnings"])


def test_the_spacing_is_worked_into_the_plan_in_json_and_table():
    out = intake_json(*MAN_70, "--medication", "ciprofloxacin")
    timing = [a for a in out["advice"] if "before bedtime" in a or "ciprofloxacin" in a]
    assert len(timing) == 2 and "2 hours before or 4-6 hours after" in timing[1]
    table = " ".join(run("intake", *MAN_70, "--medication", "ciprofloxacin").stdout.split())
    assert "With ciprofloxacin (quinolones): take the antibiotic at least 2 hours before or " \
           "4-6 hours after the magnesium" in table  # fmt: skip
    bisph = intake_json(*MAN_70, "--medication", "alendronate")
    assert any("at least 2 hours apart" in a for a in bisph["advice"])


def test_kidney_disease_suggests_no_dose_but_keeps_food_first():
    out = intake_json(*MAN_70, "--kidney-disease")
    assert out["supplement_dose_mg"] == 0 and out["supplements"] == []
    assert out["kidney_disease"] is True and out["food_suggestions"]
    assert any(a.startswith("No supplement dose is suggested with kidney disease") for a in
               out["advice"])  # fmt: skip
    assert any("IOM 1997" in w for w in out["warnings"])
    (kidney,) = out["interactions"]
    assert kidney["kind"] == "condition" and kidney["tag"].startswith("[P]")
    table = run("intake", *MAN_70, "--kidney-disease").stdout
    assert "No supplement dose is suggested" in " ".join(table.split())
    assert "Or supplement" not in table


def test_kidney_disease_with_supplements_taken_is_flagged():
    out = intake_json(*MAN_70, "--kidney-disease", "--supplement", "citrate:200 mg")
    assert any(w.startswith("supplements already taken (200 mg a day)") for w in out["warnings"])
    assert not any("before bedtime" in a for a in out["advice"])  # no timing for a dose


def test_medicines_from_the_environment():
    done = run("intake", *MAN_70, "--json", env={"MAGCALC_MEDICATIONS": "ciprofloxacin,Nexium"})
    assert '"id": "quinolones"' in done.stdout and '"id": "ppis"' in done.stdout


def test_without_medicines_nothing_is_said():
    out = intake_json(*MAN_70)
    assert out["interactions"] == [] and out["kidney_disease"] is False
    assert not any("interactions" in a for a in out["advice"])
