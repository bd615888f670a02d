"""Intake arithmetic against hand-computed values, and its properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import magcalc
from magcalc import store
from tests.conftest import finite, intake_json

OZ = 28.349523125
LB = 453.59237


# (food spec, grams, mg) worked by hand: mg = mg/100 g (foods.csv) × grams / 100.
@pytest.mark.parametrize(
    ("spec", "grams", "mg"),
    [
        ("12061:1 oz", OZ, 270 * OZ / 100),  # almonds: 76.5 mg
        ("almonds:1 oz", OZ, 76.5),
        ("12061:100 g", 100, 270),
        ("12061:0.1 kg", 100, 270),
        ("12061:5000 mg", 5, 13.5),
        ("12061:0.25 lb", LB / 4, 270 * LB / 400),
        ("12061:1 almond", 1.2, 3.24),  # USDA: 1 almond = 1.2 g
        ("11458:0.5 cup", 90, 78.3),  # spinach, boiled: 1 cup = 180 g, 87 mg/100 g
        ("spinach, boiled:1/2 cup", 90, 78.3),
        ("16098:2 tbsp", 32, 53.76),  # peanut butter: 2 tbsp = 32 g, 168 mg/100 g
        ("09040:1 medium", 118, 31.86),  # banana: medium = 118 g, 27 mg/100 g
        ("08147:2 biscuits", 47, 61.1),  # shredded wheat: 2 biscuits = 47 g, 130 mg/100 g
        ("01079:1 cup", 244, 26.84),  # milk 2 %: 1 cup = 244 g, 11 mg/100 g
        ("01079:2 fl oz", 61, 6.71),  # 1 fl oz = 30.5 g
        ("20037:1 1/2 cups", 303, 118.17),  # brown rice: 1 cup = 202 g, 39 mg/100 g
        ("16015:½ cup", 86, 60.2),  # black beans: 1 cup = 172 g, 70 mg/100 g
    ],
)
def test_grams_and_mg(spec, grams, mg):
    out = intake_json("--age", "35", "--sex", "f", "--food", spec)
    food = out["foods"][0]
    assert food["grams"] == pytest.approx(grams, abs=0.005)
    assert food["mg"] == pytest.approx(mg, abs=0.05)
    assert out["food_intake_mg"] == pytest.approx(mg, abs=0.05)


def test_one_ounce_of_almonds():
    out = intake_json("--age", "35", "--sex", "f", "--food", "12061:1 oz")
    assert out["foods"][0]["mg"] == pytest.approx(76.54, abs=0.005)
    assert out["shortfall_mg"] == pytest.approx(320 - 270 * OZ / 100)
    assert out["percent_of_target"] == pytest.approx(100 * 270 * OZ / 100 / 320)


def test_figures_are_not_rounded_and_add_up_exactly():
    out = intake_json("--age", "35", "--sex", "f", "--food", "12061:1 oz", "--food",
                      "11458:1/3 cup", "--food", "09040:1 medium")  # fmt: skip
    assert out["food_intake_mg"] == math.fsum(f["mg"] for f in out["foods"])  # summed exactly
    assert out["intake_mg"] == out["food_intake_mg"] + out["supplement_intake_mg"]
    assert out["foods"][1]["grams"] == 60.0


def test_totals_add_up():
    out = intake_json(
        "--age", "35", "--sex", "f", "--food", "almonds:1 oz", "--food", "spinach, boiled:0.5 cup"
    )
    assert [f["food_id"] for f in out["foods"]] == ["12061", "11458"]
    assert out["food_intake_mg"] == pytest.approx(76.5 + 78.3, abs=0.1)
    assert out["intake_mg"] == out["food_intake_mg"] + out["supplement_intake_mg"]
    assert out["shortfall_mg"] == pytest.approx(320 - out["intake_mg"], abs=0.1)


def test_enough_food_leaves_no_shortfall():
    out = intake_json("--age", "35", "--sex", "f", "--food", "12014:200 g")  # 1,184 mg
    assert out["shortfall_mg"] == 0
    assert out["percent_of_target"] == pytest.approx(100 * 1184 / 320, abs=0.05)


def test_no_food_warns():
    out = intake_json("--age", "35", "--sex", "f")
    assert out["warnings"] == ["no foods given: intake counts as 0 mg"]


def test_food_without_amount_uses_a_typical_portion_and_says_so():
    out = intake_json("--age", "35", "--sex", "f", "--food", "banana")
    assert out["foods"][0]["grams"] == 118  # USDA "medium"
    assert any("no amount given" in w for w in out["warnings"])


def test_volume_unit_derived_from_another_volume_weight_is_said():
    out = intake_json("--age", "35", "--sex", "f", "--food", "16098:1 tsp")
    assert out["foods"][0]["grams"] == pytest.approx(32 / 2 / 3, abs=0.01)  # tbsp = 3 tsp
    assert any("worked out from" in w for w in out["warnings"])


# -------------------------------------------------------------------------- properties

_FOOD_IDS = [r[0] for r in store.catalogue().execute("SELECT food_id FROM food").fetchall()]
_line = st.builds(
    lambda food_id, grams: f"{food_id}:{grams:.3f} g",
    st.sampled_from(_FOOD_IDS),
    st.floats(min_value=0.001, max_value=5000, allow_nan=False),
)
_person = st.tuples(
    st.floats(min_value=0, max_value=125 * 12, allow_nan=False), st.sampled_from(["f", "m"])
)


def _result(person, lines):
    months, sex = person
    return magcalc.intake(age=months / 12, sex=sex, foods=lines)


@settings(max_examples=150, deadline=None)
@given(_person, st.lists(_line, max_size=8))
def test_shortfall_is_never_negative_and_consistent(person, lines):
    out = _result(person, lines)
    assert out["shortfall_mg"] >= 0
    assert out["shortfall_mg"] == max(0, out["target_mg"] - out["intake_mg"])
    assert out["intake_mg"] == out["food_intake_mg"] + out["supplement_intake_mg"]
    assert finite(out)


@settings(max_examples=100, deadline=None)
@given(_person, st.lists(_line, max_size=6), _line)
def test_more_food_never_raises_the_shortfall(person, lines, more):
    before = _result(person, lines)["shortfall_mg"]
    after = _result(person, [*lines, more])["shortfall_mg"]
    assert after <= before


def test_a_respelled_food_name_is_said():
    out = intake_json("--age", "35", "--sex", "f", "--food", "almondz pastee:1 oz", "--best-guess")
    assert out["foods"][0]["food_id"] in ("12071", "42200600")  # almond paste, SR28 or FNDDS
    assert any("close spelling" in w and "'almondz'" in w for w in out["warnings"])


def test_a_json_run_imports_only_what_it_needs():
    """What a script's run loads: no table drawing, no validation models, no message
    catalogues (click's gettext would import locale and search the disk on every run)."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom magcalc.cli import main\n"
        "main(['intake', '--age', '35', '--sex', 'f', '--food', 'almonds:1 oz', '--json'])\n"
        "print(sorted(m for m in ('locale', 'rich', 'pydantic') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
