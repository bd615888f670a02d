"""The supplement plan: doses within the upper limit, forms ranked as the articles rank them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from magcalc.data import data_path
from magcalc.tablemodels import FormsTable, formula_atoms, molar_mass
from tests.conftest import fails, intake_json, loads, run, valid

# The four source articles are not redistributed here; the quote checks read a local copy:
# MAGCALC_ARTICLES, or the folder in which they sit beside this checkout.
SEEDS = Path(
    os.environ.get("MAGCALC_ARTICLES") or Path(__file__).resolve().parents[2] / "shared" / "seeds"
)


@pytest.fixture(scope="module")
def table() -> dict:
    return yaml.safe_load(Path(data_path("forms.yaml")).read_text(encoding="utf-8"))


def _plan(*args: str) -> dict:
    return intake_json(*args)


# ---------------------------------------------------------------------------- arithmetic


def test_compound_weight_of_320_mg_as_bisglycinate():
    # Mg(C2H4NO2)2: 172.42 g/mol, one Mg (24.305): 320 mg elemental is 2.27 g of the salt.
    grams = 320 * molar_mass("MgC4H8N2O4") / 24.305 / 1000
    assert grams == pytest.approx(2.27, abs=0.005)
    out = _plan("--age", "40", "--sex", "f")  # no food: the whole RDA, 320 mg, is short
    glycinate = next(s for s in out["supplements"] if s["form"] == "glycinate")
    assert glycinate["elemental_mg"] == 320
    assert glycinate["compound_mg"] == pytest.approx(320 / 0.141, abs=0.1)  # 2,269.5 mg
    assert glycinate["compound_mg"] / 1000 == pytest.approx(grams, abs=0.01)


@pytest.mark.parametrize(
    ("formula", "percent"),
    [("MgO", 60.3), ("MgCl2·6H2O", 12.0), ("MgSO4·7H2O", 9.9), ("Mg3C12H10O14", 16.2),
     ("MgC4H4O5", 15.5), ("MgC6H10O6·2H2O", 10.2)],
)  # fmt: skip
def test_elemental_fractions_from_formulas(formula, percent):
    computed = formula_atoms(formula)["Mg"] * 24.305 / molar_mass(formula) * 100
    assert round(computed, 1) == percent


def test_every_compound_weight_follows_from_its_fraction(table):
    out = _plan("--age", "40", "--sex", "m", "--food", "12061:1 oz")
    fractions = {f["form"]: f["elemental_mg_percent"] for f in table["forms"]}
    for s in out["supplements"]:
        assert s["elemental_mg"] == out["supplement_dose_mg"]
        expected = s["elemental_mg"] * 100 / fractions[s["form"]]
        assert s["compound_mg"] == pytest.approx(expected, abs=0.1)


# ------------------------------------------------------------------ dose and upper limit


def test_shortfall_below_the_upper_limit_is_the_dose():
    out = _plan("--age", "40", "--sex", "f", "--food", "12061:1 oz")  # 320 - 76.5
    assert out["supplement_dose_mg"] == out["shortfall_mg"] == pytest.approx(243.5, abs=0.05)
    assert not any("capped" in a for a in out["advice"])


def test_shortfall_at_the_upper_limit():
    # A man of 40 (RDA 420, UL 350) who ate 70 mg: 350 short, exactly the UL.
    out = _plan("--age", "40", "--sex", "m", "--food", f"12061:{7000 / 270} g")
    assert out["shortfall_mg"] == pytest.approx(350)
    assert out["supplement_dose_mg"] == pytest.approx(350)
    assert not any("capped" in a for a in out["advice"])


def test_shortfall_above_the_upper_limit_is_capped_and_food_must_close_it():
    out = _plan("--age", "40", "--sex", "m")  # 420 short, UL 350
    assert out["supplement_dose_mg"] == 350
    (capped,) = [a for a in out["advice"] if "capped" in a]
    assert "(350 mg) is below the RDA (420 mg)" in capped
    assert "Food must close the remaining 70 mg" in capped
    assert sum(f["mg"] for f in out["food_suggestions"]) >= 70


def test_supplements_taken_count_toward_intake_and_the_limit():
    out = _plan("--age", "40", "--sex", "m", "--supplement", "glycinate:200 mg")
    assert out["supplement_intake_mg"] == 200 and out["intake_mg"] == 200
    assert out["shortfall_mg"] == 220
    assert out["supplement_dose_mg"] == 150  # 350 UL - 200 taken
    assert not out["warnings"][1:]  # only "no foods given"


def test_supplements_over_the_limit_warn_on_stderr_and_in_json():
    for form in ("glycinate", "oxide"):
        result = run("intake", "--age", "40", "--sex", "f", "--supplement", f"{form}:400 mg",
                     "--json")  # fmt: skip
        out = loads(result.stdout)
        (warning,) = [w for w in out["warnings"] if "upper limit" in w]
        assert "400 mg" in warning and "350 mg/day" in warning
        assert f"warning: {warning}" in result.stderr
    assert out["supplement_dose_mg"] == 320 and out["replaces_forms"] == ["oxide"]  # instead
    out = _plan("--age", "40", "--sex", "f", "--supplement", "glycinate:400 mg")
    assert out["supplement_dose_mg"] == 0 and out["supplements"] == []


def test_salt_weight_is_converted_to_elemental():
    out = _plan("--age", "40", "--sex", "f", "--supplement", "magnesium citrate:1 g salt")
    (taken,) = out["supplements_taken"]
    assert taken["elemental_mg"] == 162.0 and taken["compound_mg"] == 1000


def test_infants_get_no_supplement():
    out = _plan("--age", "6m", "--sex", "f")
    assert out["supplement_dose_mg"] == 0 and out["supplements"] == []
    assert out["topical"] == []
    assert any("paediatrician" in a for a in out["advice"])
    given = _plan("--age", "6m", "--sex", "f", "--supplement", "glycinate:20 mg")
    assert any("infant" in w and "paediatrician" in w for w in given["warnings"])


@pytest.mark.parametrize(("age", "ul", "rda"), [("2", 65, 80), ("6", 110, 130)])
def test_ages_1_to_8_are_capped_below_the_rda_and_told_why(age, ul, rda):
    out = _plan("--age", age, "--sex", "m")
    assert out["supplement_dose_mg"] == ul
    (capped,) = [a for a in out["advice"] if "capped" in a]
    assert f"({ul} mg) is below the RDA ({rda} mg)" in capped
    assert f"Food must close the remaining {rda - ul} mg" in capped


@pytest.mark.parametrize("flag", ["--pregnant", "--lactating"])
def test_pregnancy_and_lactation_say_check_with_a_doctor_or_midwife(flag):
    out = _plan("--age", "30", "--sex", "f", flag)
    assert any("doctor or midwife" in a for a in out["advice"])


def test_no_shortfall_no_supplement_and_no_suggestions():
    out = _plan("--age", "40", "--sex", "f", "--food", "12014:100 g")  # 592 mg
    assert out["shortfall_mg"] == 0
    assert out["supplement_dose_mg"] == 0
    assert out["supplements"] == [] and out["food_suggestions"] == []


# ------------------------------------------------------------------------ food first


def test_food_suggestions_close_the_gap_richest_first():
    out = _plan("--age", "40", "--sex", "f", "--food", "almonds:1 oz")
    sugg = out["food_suggestions"]
    assert 3 <= len(sugg) <= 5
    assert [s["mg"] for s in sugg] == sorted((s["mg"] for s in sugg), reverse=True)
    assert sum(s["mg"] for s in sugg) >= out["shortfall_mg"]
    assert "12061" not in {s["food_id"] for s in sugg}  # not what was already eaten
    first = sugg[0]
    assert first["food_id"] == "12016" and first["mg"] == pytest.approx(550 * 28.35 / 100, 0.01)


# ------------------------------------------------------------------------ goals


def _article(table: dict, source: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("the source articles are not beside this checkout")
    return (SEEDS / table["articles"][source]["file"]).read_text(encoding="utf-8")


# goal -> the form the articles put first for it
FIRST = {
    "general": "glycinate", "night-cramps": "glycinate", "exercise": "malate",
    "pregnancy": "glycinate", "sensitive-stomach": "glycinate", "constipation": "citrate",
}  # fmt: skip


@pytest.mark.parametrize("goal", sorted(FIRST))
def test_goal_ranking_is_traced_to_an_article_sentence(goal, table):
    out = _plan("--age", "40", "--sex", "f", "--goal", goal)
    ranked = [s["form"] for s in out["supplements"]]
    assert ranked[0] == FIRST[goal]
    assert ranked[-1] == "oxide"
    info = table["goals"][goal]
    assert info["quote"] in _article(table, info["source"])
    # The quoted sentence speaks of the form ranked first.
    first = next(f for f in table["forms"] if f["form"] == FIRST[goal])
    assert info["quote"] in [q["quote"] for q in first["says"]] or FIRST[goal] in (
        info["quote"].lower()
    )
    assert any(info["quote"] in a for a in out["advice"])


def test_default_goal_is_the_articles_overall_winner():
    assert _plan("--age", "40", "--sex", "f")["supplements"][0]["form"] == "glycinate"


@pytest.mark.parametrize(
    ("goal", "timing"),
    [("night-cramps", "before bedtime"), ("exercise", "30 minutes before activity")],
)
def test_timing_advice(goal, timing):
    assert any(timing in a for a in _plan("--age", "40", "--sex", "f", "--goal", goal)["advice"])


def test_every_quote_is_word_for_word_in_its_article(table):
    quotes = [(q["quote"], q["source"]) for f in table["forms"] for q in f["says"]]
    quotes += [(g["quote"], g["source"]) for g in table["goals"].values()]
    quotes += [(g["timing"], g["timing_source"]) for g in table["goals"].values() if "timing" in g]
    quotes += [(a["quote"], a["source"]) for a in table["advice"].values()]
    for quote, source in quotes:
        assert quote in _article(table, source), quote


def test_forms_table_validates(table):
    model = FormsTable.model_validate(table)
    oral = {f.form for f in model.forms if f.route == "oral"}
    assert {"glycinate", "citrate", "malate", "chloride", "lactate", "taurate", "threonate",
            "orotate", "oxide"} <= oral  # fmt: skip
    assert {f.form for f in model.forms if f.route == "topical"} == {
        "chloride spray or lotion", "sulfate (Epsom salt bath)",
    }  # fmt: skip


def test_oxide_first_is_refused(table):
    bad = json.loads(json.dumps(table))
    order = bad["goals"]["general"]["order"]
    order.remove("oxide")
    order.insert(0, "oxide")
    with pytest.raises(ValueError, match="oxide is poorly absorbed"):
        FormsTable.model_validate(bad)


def test_a_wrong_fraction_is_refused(table):
    bad = json.loads(json.dumps(table))
    bad["forms"][0]["elemental_mg_percent"] = 20.0
    with pytest.raises(ValueError, match="does not match"):
        FormsTable.model_validate(bad)


def test_topical_forms_are_listed_apart_and_never_counted():
    out = _plan("--age", "40", "--sex", "f")
    assert {t["route"] for t in out["topical"]} == {"topical"}
    assert all(s["route"] == "oral" for s in out["supplements"])
    line = fails("intake", "--age", "40", "--sex", "f", "--supplement", "epsom:500 mg")
    assert "used on the skin and not counted" in line


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("unobtainium:100 mg", "unknown form 'unobtainium'"),
        ("glycinate:5", "5 what?"),
        ("magnesium:250 mg", "names no form"),
        ("citrate malate 200 mg", "names more than one form (citrate, malate)"),
        ("oxide:1 tablet", "does not know how much magnesium one tablet holds"),
        ("glycinate:100 cups", "unit 'cups'"),
        ("glycinate", "write it as 'FORM:AMOUNT mg'"),
        ("other:500 mg salt", "give elemental mg for 'other'"),
        ("glycinate:-5 mg", "must be more than zero"),
        ("glycinate:200 g", "more than 100 g a day"),
    ],
)
def test_bad_supplement(spec, says):
    line = fails("intake", "--age", "40", "--sex", "f", "--supplement", spec)
    assert "--supplement" in line and says in line


def test_other_form_counts_as_given():
    out = _plan("--age", "40", "--sex", "f", "--supplement", "other:100 mg")
    assert out["supplement_intake_mg"] == 100


def test_forms_command_json():
    result = run("forms", "--goal", "exercise", "--json")
    assert result.exit_code == 0
    rows = valid("forms", loads(result.stdout))
    assert rows[0]["form"] == "malate"
    assert rows[-1]["route"] == "topical"
    assert all(r["says"] for r in rows)
