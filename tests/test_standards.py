"""The reference values of other standards: every row of data/standards.csv (a byte-for-byte
copy of the prepared table, checked in test_data.py) back through the CLI's JSON, band edges,
each standard's own upper level, the AI rule of the assessment, and refusals."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from magcalc.data import data_path
from tests.conftest import fails, intake_json, run

NAMES = {"efsa-2015": "efsa", "uk-coma-1991": "uk", "dach-2021": "dach", "nnr-2023": "nnr",
         "who-fao-2004": "who", "japan-2020": "japan", "anz-2006": "anz"}  # fmt: skip


def _rows() -> list[dict[str, str]]:
    with open(data_path("standards.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _num(cell: str) -> float | None:
    return float(cell) if cell else None


def _args(row: dict[str, str], months: float) -> list[str]:
    sex = "m" if row["sex"] == "male" else "f"
    args = ["--age", f"{months:g}m", "--sex", sex, "--standard", NAMES[row["standard"]]]
    if row["condition"] == "pregnant":
        args.append("--pregnant")
    elif row["condition"] == "lactating":
        args.append("--lactating")
    if "formula-fed" in row["life_stage"]:
        args += ["--feeding", "formula"]
    return args


def _age_in(row: dict[str, str]) -> float:
    lo = int(row["age_from_months"])
    if not row["age_to_months_exclusive"]:  # an open band; pregnancy "with no age given": 30
        return 360 if row["condition"] != "none" and lo == 0 else lo + 120
    return (lo + int(row["age_to_months_exclusive"])) / 2


def test_the_table_holds_every_standard():
    rows = _rows()
    assert len(rows) == 135
    assert {r["standard"] for r in rows} == set(NAMES)


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['standard']} {r['life_stage']} "
                         f"{r['sex']}")  # fmt: skip
def test_every_row_comes_back_through_the_json(row):
    out = intake_json(*_args(row, _age_in(row)))
    assert out["standard"] == NAMES[row["standard"]]
    assert out["life_stage"] == row["life_stage"]
    assert out["target_mg"] == float(row["target_mg"])
    assert out["target_label"] == row["value_kind"]
    assert out["ear_mg"] == _num(row["ear_mg"])
    assert out["ul_supplemental_mg"] == _num(row["ul_supplemental_mg"])
    assert out["reference_tag"] == row["source_tag"]
    assert out["shortfall_mg"] == float(row["target_mg"])  # nothing eaten


@pytest.mark.parametrize("row", [r for r in _rows() if r["condition"] == "none"
                                 and int(r["age_from_months"]) > 0], ids=lambda r: r["standard"]
                         + " " + r["life_stage"] + " " + r["sex"])  # fmt: skip
def test_band_edges(row):
    at = intake_json(*_args(row, int(row["age_from_months"])))
    assert at["life_stage"] == row["life_stage"]
    below = run("intake", *_args(row, int(row["age_from_months"]) - 0.5), "--json")
    if below.exit_code == 0:  # the band before (EFSA has none below 7 months)
        assert '"life_stage": "' + row["life_stage"] + '"' not in below.stdout


def test_efsa_caps_the_supplement_at_its_250_mg():
    out = intake_json("--age", "35", "--sex", "f", "--standard", "efsa")
    assert (out["target_kind"], out["target_mg"]) == ("AI", 300)
    assert out["supplement_dose_mg"] == 250 and out["shortfall_mg"] == 300
    assert any("capped at 250 mg" in a for a in out["advice"])
    us = intake_json("--age", "35", "--sex", "f")
    assert us["supplement_dose_mg"] == 320 and us["standard"] == "us"


@pytest.mark.parametrize(("standard", "cap"), [("nnr", 250), ("uk", 400), ("japan", 350),
                                               ("anz", 350), ("who", 350)])  # fmt: skip
def test_each_standard_caps_with_its_own_upper_level(standard, cap):
    out = intake_json("--age", "30", "--sex", "m", "--standard", standard, "--supplement",
                      "glycinate:100 mg")  # fmt: skip
    assert out["ul_supplemental_mg"] == cap
    assert out["supplement_dose_mg"] == min(out["shortfall_mg"], cap - 100)


def test_a_standard_without_an_upper_level_says_so_and_does_not_cap():
    out = intake_json("--age", "35", "--sex", "m", "--standard", "dach")
    assert out["ul_supplemental_mg"] is None and out["supplement_dose_mg"] == 350
    assert any("sets no upper level" in a and "not capped" in a for a in out["advice"])


def test_no_supplement_below_the_age_a_standard_sets_a_level_for():
    out = intake_json("--age", "2", "--sex", "f", "--standard", "efsa")
    assert out["supplement_dose_mg"] == 0 and out["supplements"] == []
    assert any("No supplement is suggested" in a for a in out["advice"])


def _diary(tmp_path: Path, values: list[float]) -> str:
    rows = ["Date,Energy (kcal),Magnesium (mg)"]
    rows += [f"2026-11-{10 + i:02d},1800,{v}" for i, v in enumerate(values)]
    path = tmp_path / "daily.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def test_an_ai_only_standard_judges_usual_intake_by_the_ai_rule(tmp_path):
    man = ("--age", "40", "--sex", "m", "--standard", "efsa", "--foods-file")
    above = intake_json(*man, _diary(tmp_path, [380, 400, 420]))["assessment"]
    assert above["reference"] == "AI" and above["reference_mg"] == 350
    # With the NHANES SD for men 31-50 (131 mg), the IOM's test against an AI:
    # z = (400 - 350) / (131 / sqrt(3)) = 0.66, 75 % confident usual intake is above the AI.
    assert above["z"] == pytest.approx(0.661, abs=0.001)
    assert "75 % confident that usual intake is above the AI" in above["conclusion"]
    below = intake_json(*man, _diary(tmp_path, [280, 300, 320]))["assessment"]
    assert "cannot say whether intake is inadequate" in below["conclusion"]
    lactating = ("--age", "30", "--sex", "f", "--lactating", "--standard", "efsa")
    without_sd = intake_json(*lactating, "--foods-file", _diary(tmp_path, [380, 400, 420]))
    assert without_sd["assessment"]["z"] is None  # no SD: the AI rule alone
    assert "likely adequate" in without_sd["assessment"]["conclusion"]


def test_a_standard_with_an_ear_uses_the_iom_method(tmp_path):
    a = intake_json("--age", "40", "--sex", "f", "--standard", "japan",
                    "--foods-file", _diary(tmp_path, [300, 320, 340]))["assessment"]  # fmt: skip
    assert a["reference"] == "EAR" and a["ear_mg"] == 240 and a["confidence_adequate"] > 0.9


def test_who_infants_by_feeding():
    breast = intake_json("--age", "3m", "--sex", "f", "--standard", "who")
    assert breast["target_mg"] == 26 and breast["feeding"] == "breast"
    assert any("used breast-fed, 26 mg (36 mg if formula-fed)" in w for w in breast["warnings"])
    formula = intake_json("--age", "3m", "--sex", "f", "--standard", "who", "--feeding", "formula")
    assert formula["target_mg"] == 36 and formula["feeding"] == "formula"
    older = intake_json("--age", "9m", "--sex", "f", "--standard", "who", "--feeding", "formula")
    assert any("--feeding is used only" in w for w in older["warnings"])


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--age", "3m", "--sex", "f", "--standard", "efsa"], "covers ages from 7 months"),
        (["--age", "16", "--sex", "f", "--standard", "efsa", "--pregnant"],
         "gives pregnancy values for ages 18 on; got 16"),
        (["--age", "55", "--sex", "f", "--standard", "uk", "--lactating"],
         "gives lactation values for ages 15 to under 50 years"),
        (["--age", "30", "--sex", "f", "--standard", "mars"], "--standard"),
    ],
)  # fmt: skip
def test_a_standard_with_no_row_for_a_person_refuses(args, says):
    assert says in fails("intake", *args)


def test_a_secondary_value_is_marked_in_the_table_and_the_json():
    out = intake_json("--age", "35", "--sex", "f", "--standard", "uk")
    assert out["reference_tag"] == "[S]"
    table = run("intake", "--age", "35", "--sex", "f", "--standard", "uk").stdout
    assert "RNI*" in table and "seen only in a secondary source" in table


def test_standards_commands():
    from tests.conftest import loads, valid

    listed = valid("standards", loads(run("standards", "--json").stdout))
    assert [s["name"] for s in listed] == ["us", *NAMES.values()]
    rows = valid("standards-show", loads(run("standards", "show", "efsa", "--json").stdout))
    assert len(rows) == 10 and rows[-1]["condition"] == "lactating"
    assert "RNI" in run("standards", "show", "uk").stdout
    assert run("standards").exit_code == 0


def test_the_standard_from_the_environment():
    done = run("intake", "--age", "35", "--sex", "f", "--json", env={"MAGCALC_STANDARD": "nnr"})
    assert '"standard": "nnr"' in done.stdout
