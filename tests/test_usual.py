"""Usual intake over several days: diaries, Cronometer exports, and the IOM assessment."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from magcalc.usual import SD_REQUIREMENT, adequacy, normal_cdf
from tests.conftest import fails, intake_json, loads, run


def intake_for_confidence(ear: float, sd_within: float, n: int, z: float = 2.0) -> float:
    """The mean intake of n days needed for confidence normal_cdf(z) (IOM Table 3-1 uses 2)."""
    return ear + z * ((SD_REQUIREMENT * ear) ** 2 + sd_within**2 / n) ** 0.5


FIXTURES = Path(__file__).parent / "fixtures"
WOMAN_40 = ("--age", "40", "--sex", "f")


def _daily(tmp_path: Path, values: list[float]) -> str:
    """A Cronometer "Daily Nutrition" export with these magnesium totals, one day each."""
    rows = ["Date,Energy (kcal),Magnesium (mg),Completed"]
    rows += [f"2026-11-{10 + i:02d},1800,{v},true" for i, v in enumerate(values)]
    path = tmp_path / "daily.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


# ----------------------------------------------------------------- the IOM's own example


def test_iom_worked_example_by_formula():
    # IOM (2000) pp. 54-56: a woman 31-50 (EAR 265), 3 days averaging 320 mg: D/SD_D ~ 1.
    z, confidence = adequacy(320, 265, 86, 3)
    assert z == pytest.approx(0.98, abs=0.02)
    assert confidence == pytest.approx(0.85, abs=0.02)  # Table B-1: z = 1.00 -> 0.85


@pytest.mark.parametrize(("days", "threshold"), [(1, 445), (3, 377), (7, 349)])
def test_iom_thresholds_for_97_5_percent(days, threshold):
    assert intake_for_confidence(265, 86, days) == pytest.approx(threshold, abs=1)
    assert normal_cdf(2.0) == pytest.approx(0.977, abs=0.001)


def test_iom_worked_example_through_the_cli(tmp_path):
    out = intake_json(*WOMAN_40, "--foods-file", _daily(tmp_path, [300, 320, 340]))
    a = out["assessment"]
    assert (a["days"], a["mean_mg"], a["ear_mg"], a["sd_within_mg"]) == (3, 320, 265, 86)
    assert a["z"] == pytest.approx(0.98, abs=0.02)
    assert a["confidence_adequate"] == pytest.approx(0.85, abs=0.02)
    assert a["conclusion"] == "with 3 days of records, 84 % confident that usual intake is adequate"
    assert "derived" in a["sd_within_source"] and "9956" in a["sd_within_source"]


@pytest.mark.parametrize(("days", "threshold"), [(1, 445), (3, 377), (7, 349)])
def test_thresholds_through_the_cli_give_97_5_percent(tmp_path, days, threshold):
    out = intake_json(*WOMAN_40, "--foods-file", _daily(tmp_path, [threshold] * days))
    # The IOM works its "97.5 %" thresholds with z = 2, i.e. 97.7 %, and rounds them to mg.
    assert out["assessment"]["confidence_adequate"] == pytest.approx(normal_cdf(2), abs=0.003)


def test_low_intake_is_called_inadequate(tmp_path):
    a = intake_json(*WOMAN_40, "--foods-file", _daily(tmp_path, [150, 180, 200]))["assessment"]
    assert a["z"] < 0
    assert a["conclusion"].endswith("confident that usual intake is inadequate")


def test_more_days_more_confidence(tmp_path):
    few = intake_json(*WOMAN_40, "--foods-file", _daily(tmp_path, [330] * 2))["assessment"]
    many = intake_json(*WOMAN_40, "--foods-file", _daily(tmp_path, [330] * 7))["assessment"]
    assert many["confidence_adequate"] > few["confidence_adequate"]


# ------------------------------------------------------------------ SD_within and others


def test_lactation_has_no_sd_and_says_so(tmp_path):
    path = _daily(tmp_path, [300] * 3)
    a = intake_json("--age", "30", "--sex", "f", "--lactating", "--foods-file", path)
    a = a["assessment"]
    assert a["sd_within_mg"] is None and a["confidence_adequate"] is None and a["z"] is None
    assert "unavailable" in a["conclusion"] and "--sd-within" in a["conclusion"]
    assert a["mean_mg"] == 300 and a["days"] == 3


# The SD for each group with an EAR, read by hand from data/within_person_sd_nhanes.csv
# (women 19-50: the IOM-derived 86 mg instead), at an age inside each group.
SD_BY_GROUP = [
    ("m", "2", 62), ("m", "6", 73), ("m", "10", 94), ("m", "16", 108), ("m", "25", 129),
    ("m", "40", 131), ("m", "60", 117), ("m", "80", 101), ("f", "2", 55), ("f", "6", 68),
    ("f", "10", 83), ("f", "16", 84), ("f", "25", 86), ("f", "40", 86), ("f", "60", 96),
    ("f", "80", 83),
]  # fmt: skip


@pytest.mark.parametrize(("sex", "age", "sd"), SD_BY_GROUP)
def test_every_age_and_sex_with_an_ear_gets_a_confidence(tmp_path, sex, age, sd):
    out = intake_json("--age", age, "--sex", sex, "--foods-file", _daily(tmp_path, [250] * 3))
    a = out["assessment"]
    assert a["ear_mg"] is not None and a["sd_within_mg"] == sd
    assert a["confidence_adequate"] == pytest.approx(adequacy(250, a["ear_mg"], sd, 3)[1])
    assert "unavailable" not in a["conclusion"]
    iom = sex == "f" and age in ("25", "40")
    assert ("IOM (2000) worked example" in a["sd_within_label"]) == iom
    assert ("an estimate [C] from NHANES 2011-2018" in a["sd_within_label"]) != iom


def test_a_man_of_40_by_hand(tmp_path):
    # EAR 350, SD 131 (NHANES, men 31-50), 3 days of 300 mg: SD_D = sqrt(35^2 + 131^2 / 3)
    # = 83.3; z = -50 / 83.3 = -0.60; 27 % confident adequate, 73 % inadequate.
    a = intake_json("--age", "40", "--sex", "m", "--foods-file", _daily(tmp_path, [300] * 3))
    a = a["assessment"]
    assert a["z"] == pytest.approx(-0.60, abs=0.01)
    assert a["conclusion"] == "with 3 days of records, 73 % confident that usual intake is " \
        "inadequate"  # fmt: skip
    assert a["sd_within_label"] == "an estimate [C] from NHANES 2011-2018 two-day recalls, male " \
        "31-50 years"  # fmt: skip
    assert "[C]" in a["sd_within_source"] and "2627 persons" in a["sd_within_source"]


def test_the_terminal_names_the_sd_and_that_it_is_an_estimate(tmp_path):
    path = _daily(tmp_path, [300] * 3)
    out = run("intake", "--age", "40", "--sex", "m", "--foods-file", path, env={"COLUMNS": "200"})
    assert "day-to-day SD 131 mg (an estimate [C] from NHANES 2011-2018 two-day recalls, male " \
        "31-50 years)" in out.stdout  # fmt: skip


def test_sd_within_given_by_the_user(tmp_path):
    path = _daily(tmp_path, [400] * 3)
    a = intake_json("--age", "40", "--sex", "m", "--foods-file", path, "--sd-within", "110")
    _, confidence = adequacy(400, 350, 110, 3)
    assert a["assessment"]["confidence_adequate"] == pytest.approx(confidence, abs=0.001)
    assert a["assessment"]["sd_within_source"] == "given with --sd-within"


def test_pregnancy_uses_the_nhanes_pregnancy_row(tmp_path):
    # Pregnant at 30: EAR 290; NHANES pregnancy SD 93; 3 days of 350 mg.
    path = _daily(tmp_path, [350] * 3)
    a = intake_json("--age", "30", "--sex", "f", "--pregnant", "--foods-file", path)
    a = a["assessment"]
    assert a["sd_within_mg"] == 93
    assert a["confidence_adequate"] == pytest.approx(adequacy(350, 290, 93, 3)[1])
    assert a["sd_within_label"].endswith("pregnant women")
    young = intake_json("--age", "17", "--sex", "f", "--pregnant", "--foods-file", path)
    assert "an extrapolation at this age" in young["assessment"]["sd_within_label"]


def test_infants_are_compared_with_the_ai(tmp_path):
    path = _daily(tmp_path, [90, 95, 100])
    a = intake_json("--age", "9m", "--sex", "f", "--foods-file", path, "--sd-within", "20")
    assessment = a["assessment"]
    assert assessment["reference"] == "AI" and assessment["ear_mg"] is None
    expected = normal_cdf((95 - 75) / (20 / 3**0.5))
    assert assessment["confidence_adequate"] == pytest.approx(expected, abs=0.001)
    assert "above the AI" in assessment["conclusion"]


def test_sd_within_out_of_range_is_refused(tmp_path):
    path = _daily(tmp_path, [300])
    assert "--sd-within" in fails("intake", *WOMAN_40, "--foods-file", path, "--sd-within", "0")
    assert "--sd-within" in fails("intake", *WOMAN_40, "--foods-file", path, "--sd-within", "x")


def test_sd_within_without_a_diary_is_said_to_be_unused():
    out = intake_json(*WOMAN_40, "--food", "almonds:1 oz", "--sd-within", "90")
    assert any("--sd-within is used only for a diary" in w for w in out["warnings"])


def test_the_within_person_sd_table_validates():
    import csv

    from magcalc.data import data_path
    from magcalc.tablemodels import WithinSdRow

    with open(data_path("within_person_sd.csv"), newline="", encoding="utf-8") as f:
        rows = [WithinSdRow.model_validate(r) for r in csv.DictReader(f)]
    assert [(r.sex, r.age_from_years, r.age_to_years_exclusive, r.sd_within_mg) for r in rows] == [
        ("female", 19, 51, 86)
    ]


def test_the_nhanes_sd_table_validates_and_keeps_its_tag():
    import csv

    from magcalc.data import data_path
    from magcalc.tablemodels import NhanesSdRow

    with open(data_path("within_person_sd_nhanes.csv"), newline="", encoding="utf-8") as f:
        rows = [NhanesSdRow.model_validate(r) for r in csv.DictReader(f)]
    assert len(rows) == 17 and all("[C]" in r.method for r in rows)
    assert [r.group for r in rows if r.pregnant == "yes"] == ["pregnancy"]


@pytest.mark.parametrize(
    ("break_it", "says"),
    [
        (lambda t: t.replace("1-3,male,1,4", "1-3,male,1,3"), "gap or overlap at 3"),
        (lambda t: t.replace("; [C] estimate", "; estimate", 1), "line 2 method"),
        (lambda t: t.replace(",131,38.1,", ",181,38.1,"), "is not sd_within_mg / mean_mg"),
    ],
)
def test_a_broken_nhanes_sd_table_is_refused_at_build(broken_data, break_it, says):
    broken_data("within_person_sd_nhanes.csv", break_it)
    line = fails("intake", "--age", "30", "--sex", "f", code=1)
    assert "within_person_sd_nhanes.csv" in line and says in line


# ------------------------------------------------------------------------------ diaries


def test_line_diary_with_days_and_a_supplement():
    out = intake_json(*WOMAN_40, "--foods-file", str(FIXTURES / "week.txt"))
    assert [d["date"] for d in out["days"]] == [f"2026-11-{d}" for d in range(16, 23)]
    first = out["days"][0]
    assert first["supplement_mg"] == 100
    food_first = sum(f["mg"] for f in out["foods"] if f["date"] == "2026-11-16")
    assert first["food_mg"] == pytest.approx(food_first, abs=0.1)
    assert out["assessment"]["days"] == 7
    mean = sum(d["intake_mg"] for d in out["days"]) / 7
    assert out["assessment"]["mean_mg"] == pytest.approx(mean, abs=0.1)
    assert out["intake_mg"] == pytest.approx(mean, abs=0.15)  # the plan works from the mean


def test_csv_diary_with_supplement_rows():
    out = intake_json(*WOMAN_40, "--foods-file", str(FIXTURES / "week.csv"))
    assert [(d["date"], d["supplement_mg"]) for d in out["days"]] == [
        ("2026-11-20", 100), ("2026-11-21", 0), ("2026-11-22", 0),
    ]  # fmt: skip
    assert out["days"][0]["food_mg"] == pytest.approx(76.5 + 78.3, abs=0.1)


def test_daily_supplement_option_counts_on_every_day():
    out = intake_json(*WOMAN_40, "--foods-file", str(FIXTURES / "week.csv"),
                      "--supplement", "glycinate:50 mg")  # fmt: skip
    assert [d["supplement_mg"] for d in out["days"]] == [150, 50, 50]
    assert out["supplement_intake_mg"] == pytest.approx(250 / 3, abs=0.05)


def test_the_upper_limit_holds_for_every_day_not_the_mean(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("# 2026-11-20\nsupplement: citrate:700 mg\n# 2026-11-21\nbanana:1 medium\n"
                    "# 2026-11-22\nbanana:1 medium\n")  # fmt: skip
    out = intake_json(*WOMAN_40, "--foods-file", str(path))
    test = out["assessment"]["ul_test"]
    assert test["supplement_mean_mg"] == pytest.approx(700 / 3)  # within the UL on average...
    assert test["above_ul"] is True and test["days_above_ul"] == ["2026-11-20"]  # ...not daily
    assert test["max_day_mg"] == 700
    assert [d["above_ul"] for d in out["days"]] == [True, False, False]
    assert any("2026-11-20" in w and "upper limit" in w for w in out["warnings"])
    table = run("intake", *WOMAN_40, "--foods-file", str(path)).stdout
    assert "over the UL" in table and "2026-11-20" in table


def test_a_child_over_the_limit_on_one_day(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("# 2026-11-20\nsupplement: glycinate:200 mg\n# 2026-11-21\nbanana:1\n")
    out = intake_json("--age", "2", "--sex", "m", "--foods-file", str(path))
    assert out["assessment"]["ul_test"]["days_above_ul"] == ["2026-11-20"]  # UL 65 mg


def test_a_cronometer_supplement_row_over_the_limit(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Day,Time,Group,Food Name,Amount,Magnesium (mg)\n"
                    '2026-11-20,9:00,Supplements,"Magnesium","1.00 tablet",500\n'
                    '2026-11-21,9:00,Breakfast,"Oats","1.00 cup",60\n')  # fmt: skip
    out = intake_json(*WOMAN_40, "--foods-file", str(path))
    assert out["assessment"]["ul_test"]["above_ul"] is True


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("almonds:1 oz\n# 2026-11-20\nbanana:1 medium\n", ":2: a day line after foods with no day"),
        ("# 2026-13-40\nalmonds:1 oz\n", ":1: '2026-13-40' is not a date"),
        ("date,food,amount\n20/11/2026,almonds,1 oz\n", ":2: '20/11/2026' is not a date"),
        ("# 2026-11-20\nsupplement: unobtainium:5 mg\n", ":2: 'unobtainium:5 mg': unknown form"),
        ("# 2026-11-20\nsupplement: glycinate\n", ":2: 'glycinate': write it as"),
    ],
)
def test_bad_diary_lines(tmp_path, content, says):
    path = tmp_path / "d.txt"
    path.write_text(content)
    line = fails("intake", *WOMAN_40, "--foods-file", str(path))
    assert says in line and str(path) in line


def test_food_option_cannot_join_a_dated_diary():
    line = fails("intake", *WOMAN_40, "--food", "banana:1 medium", "--foods-file",
                 str(FIXTURES / "week.txt"))  # fmt: skip
    assert "--food" in line and "diary" in line


# ---------------------------------------------------------------------------- Cronometer


def test_cronometer_servings_export():
    out = intake_json(*WOMAN_40, "--foods-file", str(FIXTURES / "cronometer-servings.csv"))
    assert [(d["date"], d["food_mg"], d["supplement_mg"]) for d in out["days"]] == [
        ("2026-11-20", 46 + 76.5 + 78.3, 200), ("2026-11-21", 31.9 + 120.4, 200),
        ("2026-11-22", 155.9 + 25.5, 0),
    ]  # fmt: skip
    bread = out["logged"][0]
    assert bread == {"date": "2026-11-20", "name": "Bread, Whole Wheat",
                     "amount": '2.00 slice (4" x 4")', "mg": 46.0, "kind": "food",
                     "meal": "Breakfast"}  # fmt: skip
    assert out["logged"][3]["kind"] == "supplement"
    assert out["foods"] == [] and out["assessment"]["days"] == 3


def test_cronometer_daily_export():
    out = intake_json(*WOMAN_40, "--foods-file", str(FIXTURES / "cronometer-daily.csv"))
    # 2026-11-19 is marked Completed false: not logged, so left out of the mean, and said.
    assert [d["food_mg"] for d in out["days"]] == [290.4, 245.1, 338.0]
    assert out["assessment"]["mean_mg"] == pytest.approx((290.4 + 245.1 + 338) / 3)
    assert any("include any supplements logged there" in w for w in out["warnings"])
    assert any("not logged" in w and "2026-11-19" in w for w in out["warnings"])


def test_cronometer_days_without_energy_or_magnesium_are_left_out(tmp_path):
    path = tmp_path / "daily.csv"
    path.write_text(
        "Date,Energy (kcal),Magnesium (mg),Completed\n2026-11-20,1800,300,true\n"
        "2026-11-21,,,true\n2026-11-22,0.00,0.00,true\n2026-11-23,1900,310,true\n"
    )
    out = intake_json(*WOMAN_40, "--foods-file", str(path))
    assert [d["date"] for d in out["days"]] == ["2026-11-20", "2026-11-23"]
    assert out["assessment"]["mean_mg"] == 305


def test_an_empty_diary_day_is_left_out_and_said(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("# 2026-03-01\nbanana:1\n# 2026-03-02\n# 2026-03-03\nbanana:2\n")
    out = intake_json(*WOMAN_40, "--foods-file", str(path))
    assert [d["date"] for d in out["days"]] == ["2026-03-01", "2026-03-03"]
    assert any("2026-03-02 (line 3)" in w and "left out" in w for w in out["warnings"])


def test_layout_named_with_an_option(tmp_path):
    path = tmp_path / "export.csv"
    shutil.copy(FIXTURES / "cronometer-daily.csv", path)
    out = intake_json(*WOMAN_40, "--foods-file", str(path), "--foods-format", "cronometer-daily")
    assert len(out["days"]) == 3
    line = fails("intake", *WOMAN_40, "--foods-file", str(path), "--foods-format",
                 "cronometer-servings")  # fmt: skip
    assert "no 'Day', 'Food Name', 'Amount' column" in line


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("Date,Energy (kcal),Iron (mg)\n2026-11-20,1800,12\n", ":1: this Cronometer export has "
         "no 'Magnesium (mg)' column"),
        ("Date,Energy (kcal),Magnesium (mg)\n2026-11-20,1800,lots\n", ":2: magnesium 'lots'"),
        ("Date,Energy (kcal),Magnesium (mg)\n2026-11-20,1800,-5\n", ":2: magnesium '-5' is not"),
        ("Date,Energy (kcal),Magnesium (mg)\n2026-11-20,1800,1e308\n", ":2: magnesium '1e308'"),
        ("Date,Energy (kcal),Magnesium (mg)\n2026-11-20,1800,20000\n", ":2: magnesium '20000' "
         "is more than 10,000 mg"),
        ("Date,Energy (kcal),Magnesium (mg)\n2026-11-20,1800,\"1,234\"\n", ":2: magnesium "
         "'1,234' is ambiguous"),
        ("Date,Energy (kcal),Magnesium (mg)\n2026-11-20,1800,1_000\n", ":2: magnesium '1_000'"),
        ("Date,Energy (kcal),Magnesium (mg)\n2026-11-20,1800,\n", ":2: no magnesium value"),
        ("Date,Energy (kcal),Magnesium (mg)\n2026-11-20,1800,200\n2026-11-20,1700,210\n",
         ":3: 2026-11-20 is listed twice"),
        ("Date,Energy (kcal),Magnesium (mg)\nNov 20,1800,200\n", ":2: 'Nov 20' is not a date"),
        ("Day,Time,Group,Food Name,Amount,Magnesium (mg)\n2026-11-20,8:00,Breakfast,Oats\n",
         ":2: 4 fields; the header has 6"),
    ],
)  # fmt: skip
def test_bad_cronometer_rows(tmp_path, content, says):
    path = tmp_path / "export.csv"
    path.write_text(content)
    line = fails("intake", *WOMAN_40, "--foods-file", str(path))
    assert says in line


@pytest.mark.parametrize(
    "header", ["Date,Calories,Protein (g)", "Food,Qty", "day,meal,item", "Name,Magnesium (mg)"]
)
def test_unknown_layout_is_refused(tmp_path, header):
    path = tmp_path / "export.csv"
    path.write_text(f"{header}\n2026-11-20,1800,90\n")
    line = fails("intake", *WOMAN_40, "--foods-file", str(path))
    assert ":1: a table magcalc does not know" in line


def test_cronometer_blank_magnesium_counts_zero_and_says_so(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('Day,Time,Group,Food Name,Amount,Magnesium (mg)\n'
                    '2026-11-20,8:00,Breakfast,"Coffee","1.00 cup",\n'
                    '2026-11-20,8:00,Breakfast,"Oats","1.00 cup",60\n')  # fmt: skip
    out = intake_json(*WOMAN_40, "--foods-file", str(path))
    assert out["days"][0]["food_mg"] == 60
    assert any("1 servings have no magnesium value" in w for w in out["warnings"])


# ---------------------------------------------------------------------------- terminal


def test_terminal_shows_days_as_bars_and_the_conclusion(tmp_path):
    result = run("intake", *WOMAN_40, "--foods-file", _daily(tmp_path, [300, 320, 340]),
                 env={"COLUMNS": "100"})  # fmt: skip
    assert result.exit_code == 0
    assert "| EAR 265 mg, ‖ RDA 320 mg" in result.stdout
    assert result.stdout.count("█") > 30
    assert "84 % confident that usual intake is adequate" in " ".join(result.stdout.split())


def test_json_schema_covers_diaries(tmp_path):
    import jsonschema

    from magcalc.schema import json_schema

    out = loads(run("intake", *WOMAN_40, "--foods-file",
                    str(FIXTURES / "cronometer-servings.csv"), "--json").stdout)  # fmt: skip
    jsonschema.validate(out, json_schema("intake"))


def test_a_decimal_comma_is_a_decimal(tmp_path):
    path = tmp_path / "daily.csv"
    path.write_text('Date,Energy (kcal),Magnesium (mg)\n2026-11-20,1800,"12,5"\n')
    out = intake_json(*WOMAN_40, "--foods-file", str(path))
    assert out["days"][0]["food_mg"] == 12.5
