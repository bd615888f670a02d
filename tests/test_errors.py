"""Every rejection: a non-zero exit, one line on stderr saying what is wrong, no traceback."""

from __future__ import annotations

import pytest

from tests.conftest import fails, run

BASE = ("intake", "--sex", "f")


@pytest.mark.parametrize(
    ("age", "says"),
    [
        ("-1", "negative"),
        ("", "not an age"),
        ("abc", "not an age"),
        ("nan", "not a finite age"),
        ("inf", "not a finite age"),
        ("-inf", "not a finite age"),
        ("126", "over 125 years"),
        ("1e9", "over 125 years"),
        ("12x", "not an age"),
        ("3\x07", "control character"),
    ],
)
def test_bad_age(age, says):
    line = fails(*BASE, "--age", age)
    assert "--age" in line and says in line


@pytest.mark.parametrize("sex", ["x", "", "females", "2"])
def test_bad_sex(sex):
    assert "use f, m, female or male" in fails("intake", "--age", "30", "--sex", sex)


def test_missing_required_option():
    assert "Missing option '--age'" in fails("intake", "--sex", "f")


@pytest.mark.parametrize(
    ("food", "says"),
    [
        ("", "--food is empty"),
        (":", "--food is empty"),
        ("  :  ", "--food is empty"),
        (":1 oz", "no food name"),
        ("almonds:", "nothing after ':'"),
        ("almonds:abc", "does not start with an amount"),
        ("almonds:-1 oz", "must be more than zero"),
        ("almonds:0 g", "must be more than zero"),
        ("almonds:nan g", "not a finite number"),
        ("almonds:inf g", "not a finite number"),
        ("almonds:1/0 g", "divides by zero"),
        ("almonds:10 kg", "more than 5,000 g of one food"),
        ("almonds:1 bucket", "unit 'bucket' is not known"),
        ("xqzvw:1 oz", "no food matches 'xqzvw'"),
        ("99999:1 oz", "no USDA food has id 99999"),
        ("almonds\x1b[31m:1 oz", "control character"),
        ("a" * 300 + ":1 g", "at most 200"),
        ("almonds 1 oz", "ends with an amount but has no ':'; write 'almonds:1 oz'"),
        ("spinach, boiled 1/2 cup", "write 'spinach, boiled:1/2 cup'"),
    ],
)
def test_bad_food(food, says):
    line = fails("intake", "--age", "30", "--sex", "f", "--food", food)
    assert "--food" in line and says in line


def test_unknown_unit_lists_the_units_the_food_has():
    line = fails("intake", "--age", "30", "--sex", "f", "--food", "12061:1 bucket")
    assert "g, mg, kg, oz, lb" in line and "cup, whole" in line


def test_unknown_food_names_closest_candidates():
    line = fails("intake", "--age", "30", "--sex", "f", "--food", "zzqx qqzv:1 oz")
    assert "no food matches 'zzqx qqzv'; closest: " in line


def test_unknown_format():
    assert "--format" in fails("intake", "--age", "30", "--sex", "f", "--format", "xml")


def test_unknown_command():
    assert "No such command" in fails("frobnicate")


@pytest.mark.parametrize(
    ("name", "break_it", "says"),
    [
        ("rda.yaml", lambda t: t.replace("rda_mg: 310", "rda_mg: -310"), "rda.yaml row 9 rda_mg"),
        ("rda.yaml", lambda t: t.replace("rows:", "rows: [", 1), "rda.yaml is not valid YAML"),
        ("forms.yaml", lambda t: t.replace("percent: 14.1", "percent: 20"), "forms.yaml"),
        ("foods.csv", lambda t: t.replace("12061,", "1206x,", 1), "foods.csv"),
        ("aliases.csv", lambda t: t + "ghost food,99999,none\n", "not in foods.csv"),
    ],
)  # fmt: skip
def test_broken_data_is_a_clear_error(broken_data, name, break_it, says):
    broken_data(name, break_it)
    line = fails("intake", "--age", "30", "--sex", "f", "--food", "almonds:1 oz", code=1)
    assert line.startswith("Error: ") and says in line


def test_missing_data_is_a_clear_error(broken_data):
    broken_data("portions.csv", None)
    line = fails("intake", "--age", "30", "--sex", "f", code=1)
    assert "portions.csv is missing" in line


def test_internal_error_is_short_without_debug(monkeypatch):
    from magcalc import intake

    def boom(**_):
        raise RuntimeError("boom")

    monkeypatch.setattr(intake, "build_result", boom)
    line = fails("intake", "--age", "30", "--sex", "f", code=1)
    assert "internal error" in line and "--debug" in line


def test_help_and_version():
    result = run("--help")
    assert result.exit_code == 0 and "not medical advice" in result.stdout
    version = run("--version")
    assert version.exit_code == 0 and version.stdout.startswith("magcalc, version ")
