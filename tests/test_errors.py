"""Every rejection: a non-zero exit, one line on stderr saying what is wrong, no traceback."""

from __future__ import annotations

import pytest

from tests.conftest import fails, run

BASE = ("intake", "--sex", "f")


@pytest.mark.parametrize(
    ("age", "says"),
    [
        ("-1", "not an age"),
        ("", "not an age"),
        ("abc", "not an age"),
        ("nan", "not an age"),
        ("inf", "not an age"),
        ("-inf", "not an age"),
        ("126", "over 125 years"),
        ("1e9", "not an age"),
        ("12x", "not an age"),
        ("3_5", "not an age"),
        ("٣٥", "not an age"),
        ("3\x07", "control or invisible character"),
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
        ("99999:1 oz", "no food has id 99999"),
        ("12:30 g", "12 is not a food id"),
        ("123456:30 g", "123456 is not a food id"),
        ("almonds\x1b[31m:1 oz", "control or invisible character"),
        ("almonds\u202e:1 oz", "control or invisible character"),
        ("a" * 300 + ":1 g", "at most 200"),
    ],
)
def test_bad_food(food, says):
    line = fails("intake", "--age", "30", "--sex", "f", "--food", food)
    assert "--food" in line and says in line


def test_unknown_unit_lists_the_units_the_food_has():
    line = fails("intake", "--age", "30", "--sex", "f", "--food", "12061:1 bucket")
    assert "g, oz, lb" in line and "'cup, whole = 143 g'" in line


def test_unknown_food_names_closest_candidates():
    line = fails("intake", "--age", "30", "--sex", "f", "--food", "qwerty pie:1 oz")
    assert "no food matches 'qwerty pie'; closest: " in line and "Pie" in line


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
        ("aliases.csv", lambda t: t + "ghost food,99999,none at all\n", "which is not there"),
        ("fndds_foods.csv", lambda t: t.replace("11111000,", "1111100x,", 1), "fndds_foods.csv"),
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
    from magcalc import totals

    def boom(*_, **__):
        raise RuntimeError("boom")

    monkeypatch.setattr(totals, "compute", boom)
    line = fails("intake", "--age", "30", "--sex", "f", code=1)
    assert "internal error" in line and "--debug" in line


def test_help_and_version():
    result = run("--help")
    assert result.exit_code == 0 and "not medical advice" in result.stdout
    version = run("--version")
    assert version.exit_code == 0 and version.stdout.startswith("magcalc, version ")
