"""Your own foods, recipes and products, the diary kept for you, and the profile: each through
the CLI in a temporary XDG home (conftest.own_home).

The expected figures were worked out by hand from the USDA SR28 tables before magcalc ran on
them (spinach 11457 1 cup = 30 g at 79 mg/100 g, banana 09040 medium 118 g at 27, almonds
12061 1 oz at 270, whole milk 01211 1 cup = 244 g at 10, honey 19296 1 tbsp = 21 g at 2; lentils
16070 1 cup = 198 g at 36, garlic 11215 clove 3 g at 25, onion 11282 medium 110 g at 10, carrot
11124 at 12, olive oil 04053 tablespoon 13.5 g at 0).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import fails, intake_json, loads, run, valid

WOMAN = ("--age", "35", "--sex", "f")
SMOOTHIE = """# my morning smoothie
serves: 2
11457:2 cup
09040:1 medium
12061:1 oz   # a handful
01211:1 cup
19296:1 tbsp
"""
SMOOTHIE_SERVING_MG = 90.311825  # (47.4 + 31.86 + 76.54365 + 24.4 + 0.42) / 2
SMOOTHIE_SERVING_G = 235.67475  # (60 + 118 + 28.3495 + 244 + 21) / 2
LENTIL_SOUP = """serves: 4
16070:2 cup
11215:3 clove
11282:1 medium
11124:100 g
04053:1 tbsp
"""
SOUP_SERVING_MG, SOUP_SERVING_G = 41.9525, 157.125
FOODS = """name,mg,per,portions
Brand X granola bar,40,1 bar=35 g,
oat milk (barista),0,100 g,1 cup=240 g
"""
PRODUCTS = """name,form,mg,per
Nature Made magnesium oxide,oxide,250,1 tablet
Calm powder,citrate,350,2 scoops
"""


def close(a: float, b: float, rel: float = 1e-4) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b))


@pytest.fixture
def config(own_home) -> Path:
    folder = own_home / "config" / "magcalc"
    (folder / "recipes").mkdir(parents=True)
    return folder


@pytest.fixture
def mine(config) -> Path:
    """A config folder with foods, products and two recipes."""
    (config / "foods.csv").write_text(FOODS, encoding="utf-8")
    (config / "products.csv").write_text(PRODUCTS, encoding="utf-8")
    (config / "recipes" / "green smoothie.txt").write_text(SMOOTHIE, encoding="utf-8")
    (config / "recipes" / "lentil-soup.txt").write_text(LENTIL_SOUP, encoding="utf-8")
    return config


def _diary(own_home) -> Path:
    return own_home / "data" / "magcalc" / "diary.txt"


# ------------------------------------------------------------------------------ own foods


def test_own_food_is_found_marked_and_counted(mine):
    out = intake_json(*WOMAN, "--food", "brand x granola bar:2", "--food",
                      "Brand X Granola Bars:50 g")  # fmt: skip
    bars, grams = out["foods"]
    assert bars["source"] == grams["source"] == "your foods"
    assert bars["food_id"] == "own:brand-x-granola-bar"
    assert close(bars["mg"], 80.0) and close(bars["grams"], 70.0)
    assert close(grams["mg"], 400 / 7) and close(grams["mg_per_100g"], 800 / 7)


def test_own_food_wins_over_usda_of_the_same_name(config):
    (config / "foods.csv").write_text("name,mg,per\nAlmonds,100,100 g\n", encoding="utf-8")
    out = intake_json(*WOMAN, "--food", "almonds:1 oz")
    assert out["foods"][0]["source"] == "your foods"
    assert close(out["foods"][0]["mg"], 28.349523125)
    # USDA's almonds are still there by id
    assert intake_json(*WOMAN, "--food", "12061:1 oz")["foods"][0]["source"] == "USDA SR28"


def test_own_food_portions_and_volume(mine):
    out = intake_json(*WOMAN, "--food", "oat milk (barista):1 cup")
    assert out["foods"][0]["grams"] == 240 and out["foods"][0]["mg"] == 0
    line = fails("intake", *WOMAN, "--food", "brand x granola bar:1 cup")
    assert "bar = 35 g" in line  # the units it has


def test_my_foods_option_and_variable(tmp_path):
    path = tmp_path / "elsewhere.csv"
    path.write_text("name,mg,per\nkale chips,120,1 bag=30 g\n", encoding="utf-8")
    out = intake_json(*WOMAN, "--food", "kale chips:1 bag", "--my-foods", str(path))
    assert close(out["foods"][0]["mg"], 120.0)
    done = run("intake", *WOMAN, "--food", "kale chips:1 bag", "--json",
               env={"MAGCALC_MY_FOODS": str(path)})  # fmt: skip
    assert done.exit_code == 0 and loads(done.stdout)["foods"][0]["source"] == "your foods"
    line = fails("intake", *WOMAN, "--my-foods", str(tmp_path / "missing.csv"))
    assert "--my-foods" in line and "no such file" in line


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("name,mg\nbar,forty\n", ":2: mg 'forty' is not a number"),
        ("name,mg,per\nbar,40,1 bar\n", ":2: '1 bar' is not a weight"),
        ("name,mg,per\nbar,40,35 g\nBar,41,35 g\n", ":3: 'Bar' is named twice (line 2 too)"),
        ("name,mg,per\n12345,40,35 g\n", ":2: the name '12345' is a number"),
        ("name,magnesium\nbar,40\n", ":1: the header must name the columns name,mg,per"),
        ("name,mg,per,portions\nbar,40,100 g,1 bar=35\n", "'35' is not a weight"),
    ],
)
def test_bad_own_foods_line_is_reported_with_path_and_line(config, content, says):
    path = config / "foods.csv"
    path.write_text(content, encoding="utf-8")
    line = fails("intake", *WOMAN, "--food", "almonds:1 oz")
    assert str(path) in line and says in line


# -------------------------------------------------------------------------------- recipes


def test_recipe_serving_matches_hand_computation(mine):
    shown = run("recipes", "show", "green smoothie", "--json")
    assert shown.exit_code == 0, shown.stderr
    info = valid("recipes-show", loads(shown.stdout))
    assert info["serves"] == 2
    assert close(info["mg"], SMOOTHIE_SERVING_MG) and close(info["grams"], SMOOTHIE_SERVING_G)
    by_id = {i["food_id"]: i for i in info["ingredients"]}
    assert close(by_id["11457"]["mg"], 47.4 / 2) and close(by_id["09040"]["grams"], 59)
    assert by_id["12061"]["line"].endswith("green smoothie.txt:5")
    soup = valid("recipes-show", loads(run("recipes", "show", "lentil soup", "--json").stdout))
    assert close(soup["mg"], SOUP_SERVING_MG) and close(soup["grams"], SOUP_SERVING_G)


@pytest.mark.parametrize(
    ("food", "servings"),
    [("green smoothie:1 serving", 1), ("green smoothie:1.5 servings", 1.5),
     ("green smoothie:2", 2), ("Green Smoothie", 1), ("1 serving green smoothie", 1)],
)  # fmt: skip
def test_recipe_is_a_food_counted_in_servings(mine, food, servings):
    out = intake_json(*WOMAN, "--food", food)
    (line,) = out["foods"]
    assert line["source"] == "your recipe" and line["food_id"] == "recipe:green-smoothie"
    assert close(line["mg"], SMOOTHIE_SERVING_MG * servings)
    assert close(out["food_intake_mg"], SMOOTHIE_SERVING_MG * servings)


def test_recipe_by_weight_and_not_by_volume(mine):
    out = intake_json(*WOMAN, "--food", "green smoothie:100 g")
    assert close(out["foods"][0]["mg"], SMOOTHIE_SERVING_MG / SMOOTHIE_SERVING_G * 100)
    assert "serving" in fails("intake", *WOMAN, "--food", "green smoothie:1 cup")


def test_recipes_list(mine):
    done = run("recipes", "list", "--json")
    rows = valid("recipes-list", loads(done.stdout))
    assert sorted(r["name"] for r in rows) == ["green smoothie", "lentil soup"]
    table = run("recipes", "list")
    assert "green smoothie" in table.stdout and "90.3" in table.stdout


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("serves: 2\nalmonds:1 bucket\n", "green smoothie.txt:2: 'almonds': unit 'bucket'"),
        ("serves: 2\nqqxzv:1 cup\n", "green smoothie.txt:2: no food matches 'qqxzv'"),
        ("almonds:1 oz\n", "no 'serves: N' line"),
        ("serves: two\nserves: 3\nalmonds:1 oz\n", ":2: a second 'serves' line"),
        ("serves: 0\nalmonds:1 oz\n", ":1: amount '0' must be more than zero"),
        ("serves: 2\nsupplement: glycinate:100 mg\nalmonds:1 oz\n", ":2: a recipe holds foods"),
        ("serves: 2\ngreen smoothie:1\n", "a recipe includes itself"),
    ],
)
def test_bad_recipe_is_reported_with_path_and_line(config, content, says):
    (config / "recipes" / "green smoothie.txt").write_text(content, encoding="utf-8")
    line = fails("intake", *WOMAN, "--food", "green smoothie:1")
    assert says in line
    assert "green smoothie.txt" in line


def test_unknown_recipe_names_the_recipes(mine):
    line = fails("recipes", "show", "pancakes")
    assert "no recipe named 'pancakes'" in line and "green smoothie" in line


# ------------------------------------------------------------------------------- products


@pytest.mark.parametrize(
    ("spec", "form", "mg", "product"),
    [
        ("nature made oxide:2 tablets", "oxide", 500, "Nature Made magnesium oxide"),
        ("Nature Made magnesium oxide:1 tablet", "oxide", 250, "Nature Made magnesium oxide"),
        ("calm powder:1 scoop", "citrate", 175, "Calm powder"),
        ("calm powder:1 serving", "citrate", 350, "Calm powder"),
        ("2 tablets of nature made oxide", "oxide", 500, "Nature Made magnesium oxide"),
        ("magnesium oxide 250 mg", "oxide", 250, None),
        ("glycinate 200mg", "glycinate", 200, None),
        ("Magnesium Glycinate 120 mg", "glycinate", 120, None),
        ("200 mg glycinate", "glycinate", 200, None),
        ("oxide:250", "oxide", 250, None),
        ("Doctor's Best magnesium glycinate:100 mg", "glycinate", 100, None),
    ],
)
def test_supplement_products_and_label_phrases(mine, spec, form, mg, product):
    out = intake_json(*WOMAN, "--supplement", spec)
    (taken,) = out["supplements_taken"]
    assert (taken["form"], taken["elemental_mg"], taken["product"]) == (form, mg, product)
    assert out["supplement_intake_mg"] == mg


def test_what_magcalc_read_into_a_supplement_is_said(mine):
    out = intake_json(*WOMAN, "--supplement", "oxide:250")
    assert any("250 read as mg of elemental magnesium" in w for w in out["warnings"])
    out = intake_json(*WOMAN, "--supplement", "Doctor's Best magnesium glycinate:100 mg")
    assert any("read as magnesium glycinate" in w for w in out["warnings"])


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        (
            "oxide:1 tablet",
            "write the label's strength ('oxide 250 mg:1 tablet' or 'oxide:250 mg')",
        ),
        ("Nature Made oxide:1 capsule", "is counted in tablets"),
        ("oxide:2", "2 what?"),
        ("magnesium 250 mg", "names no form"),
        ("citrate and malate 300 mg", "more than one form (citrate, malate)"),
    ],
)
def test_unclear_supplements_are_refused_with_the_spelling_that_works(mine, spec, says):
    assert says in fails("intake", *WOMAN, "--supplement", spec)


def test_bad_products_line(config):
    path = config / "products.csv"
    path.write_text("name,form,mg,per\nfizz,oxide,250,1 bucket\n", encoding="utf-8")
    line = fails("intake", *WOMAN, "--supplement", "glycinate:100 mg")
    assert f"{path}:2" in line and "per '1 bucket'" in line
    path.write_text("name,form,mg,per\nfizz,unobtainium,250,1 tablet\n", encoding="utf-8")
    line = fails("intake", *WOMAN, "--supplement", "fizz:1 tablet")
    assert f"{path}:2" in line and "unknown form 'unobtainium'" in line


# ---------------------------------------------------------------------------------- diary


def test_log_add_then_show_equals_intake_on_the_same_file(mine, own_home):
    for day, entries in [
        ("2026-11-20", ["almonds:1 oz", "green smoothie:1", "supplement: glycinate:100 mg"]),
        ("2026-11-21", ["1 cup oatmeal", "banana:1"]),
        ("2026-11-22", ["spinach, boiled:0.5 cup", "brand x granola bar:1"]),
    ]:
        done = run("log", "add", *entries, "--date", day, "--supplement",
                   "nature made oxide:1 tablet", "--json")  # fmt: skip
        assert done.exit_code == 0, done.stderr
        added = valid("log-add", loads(done.stdout))
        assert added["date"] == day and len(added["lines"]) == len(entries) + 1
    diary = _diary(own_home)
    text = diary.read_text(encoding="utf-8")
    assert text.count("# 2026-11-2") == 3 and "supplement: nature made oxide:1 tablet" in text
    shown = run("log", "show", *WOMAN, "--json")
    assert shown.exit_code == 0, shown.stderr
    direct = run("intake", *WOMAN, "--foods-file", str(diary), "--json")
    assert loads(shown.stdout) == loads(direct.stdout)
    days = valid("intake", loads(shown.stdout))["days"]
    assert [d["date"] for d in days] == ["2026-11-20", "2026-11-21", "2026-11-22"]
    assert days[0]["supplement_mg"] == 350  # glycinate 100 + one tablet of 250


def test_log_show_filters_days(own_home):
    for day in ("2026-11-01", "2026-11-02", "2026-11-03"):
        assert run("log", "add", "almonds:1 oz", "--date", day).exit_code == 0
    out = loads(run("log", "show", *WOMAN, "--from", "2026-11-02", "--json").stdout)
    assert [d["date"] for d in out["days"]] == ["2026-11-02", "2026-11-03"]
    out = loads(run("log", "show", *WOMAN, "--to", "2026-11-01", "--json").stdout)
    assert out["foods"][0]["date"] == "2026-11-01"
    assert "nothing recorded from 2026-12-01" in fails("log", "show", *WOMAN, "--from",
                                                       "2026-12-01")  # fmt: skip
    assert "--days or --from" in fails("log", "show", *WOMAN, "--days", "7", "--from",
                                       "2026-11-01")  # fmt: skip


def test_log_add_under_today_by_default(own_home):
    import datetime

    assert run("log", "add", "almonds:1 oz").exit_code == 0
    assert run("log", "add", "banana:1").exit_code == 0
    text = _diary(own_home).read_text(encoding="utf-8")
    # each entry with the record it meant beside it: almonds 12061, banana 09040 (aliases.csv)
    today = datetime.date.today().isoformat()
    assert text == f"# {today}\nalmonds:1 oz  # record 12061\nbanana:1  # record 09040\n"
    assert oct(_diary(own_home).stat().st_mode & 0o777) == "0o600"  # a diary is private


def test_log_add_from_stdin(own_home):
    done = run("log", "add", "-", "--date", "2026-11-20",
               input="# breakfast\nalmonds:1 oz\n\nsupplement: citrate:1000 mg salt\n")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    text = _diary(own_home).read_text(encoding="utf-8")
    assert text == ("# 2026-11-20\nalmonds:1 oz  # record 12061\n"
                    "supplement: citrate:1000 mg salt  # record form:citrate\n")  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ("almonds:1 oz", "qqxzv:1 cup"),
        ("almonds:1 oz", "almonds:1 bucket"),
        ("almonds:1 oz", "--supplement", "unobtainium:100 mg"),
        ("almonds:1 oz", "--date", "2099-01-01"),
        ("almonds:1 oz", "--date", "2026-02-30"),
        (),
    ],
)
def test_a_bad_entry_writes_nothing(own_home, args):
    diary = _diary(own_home)
    assert run("log", "add", "banana:1", "--date", "2026-11-01").exit_code == 0
    before = diary.read_bytes()
    fails("log", "add", *args)
    assert diary.read_bytes() == before


def test_two_log_adds_at_once_both_land(own_home):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "magcalc",
                "log",
                "add",
                f"almonds:{n} oz",
                f"banana:{n}",
                "--date",
                "2026-11-20",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(1, 7)
    ]
    assert all(p.wait(timeout=60) == 0 for p in procs), [p.stderr.read() for p in procs]
    lines = _diary(own_home).read_text(encoding="utf-8").splitlines()
    assert lines.count("# 2026-11-20") == 1
    lines = [line.partition("  # record ")[0] for line in lines]
    assert sorted(lines[1:]) == sorted(
        f"{f}:{n}{u}" for n in range(1, 7) for f, u in (("almonds", " oz"), ("banana", ""))
    )
    for n in range(1, 7):  # each run's lines together, never interleaved with another's
        i = lines.index(f"almonds:{n} oz")
        assert lines[i + 1] == f"banana:{n}"


def test_a_damaged_diary_is_reported_line_by_line_and_never_rewritten(own_home):
    diary = _diary(own_home)
    diary.parent.mkdir(parents=True)
    diary.write_text("# 2026-11-20\nalmonds:1 oz\nqqxzv:1 cup\n# 2026-13-01\nbanana:1 bucket\n",
                     encoding="utf-8")  # fmt: skip
    before = diary.read_bytes()
    result = run("log", "show", *WOMAN)
    assert result.exit_code == 2
    assert f"{diary}:3" in result.stderr and f"{diary}:4" in result.stderr
    assert f"{diary}:5" in result.stderr and "--diary" in result.stderr
    assert diary.read_bytes() == before


def test_log_edit_opens_the_editor_and_checks_the_diary(own_home, tmp_path):
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\necho "almonds:1 oz" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    done = run("log", "edit", env={"EDITOR": str(editor), "VISUAL": ""})
    assert done.exit_code == 0, done.stderr
    assert "every line is understood" in done.stderr
    assert _diary(own_home).read_text(encoding="utf-8") == "almonds:1 oz\n"
    editor.write_text('#!/bin/sh\necho "qqxzv:1 oz" >> "$1"\n', encoding="utf-8")
    bad = run("log", "edit", env={"EDITOR": str(editor), "VISUAL": ""})
    assert bad.exit_code == 2 and f"{_diary(own_home)}:2" in bad.stderr


def test_log_show_without_a_diary(own_home):
    assert "no diary yet" in fails("log", "show", *WOMAN)


def test_diary_option_and_variable(tmp_path):
    path = tmp_path / "week.txt"
    assert run("log", "add", "almonds:1 oz", "--diary", str(path)).exit_code == 0
    assert run("log", "add", "banana:1", env={"MAGCALC_DIARY": str(path)}).exit_code == 0
    assert path.read_text(encoding="utf-8").endswith("almonds:1 oz  # record 12061\n"
                                                     "banana:1  # record 09040\n")  # fmt: skip
    assert run("log", "path", "--diary", str(path)).stdout.strip() == str(path)


# -------------------------------------------------------------------------------- profile


def _profile(config: Path, text: str) -> Path:
    path = config / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_profile_precedence_option_env_config_builtin(config):
    args = ("intake", "--age", "35", "--sex", "f", "--json")
    assert loads(run(*args).stdout)["goal"] == "general"  # built-in
    _profile(config, 'goal = "night-cramps"\n')
    assert loads(run(*args).stdout)["goal"] == "night-cramps"  # config
    env = {"MAGCALC_GOAL": "exercise"}
    assert loads(run(*args, env=env).stdout)["goal"] == "exercise"  # environment
    done = run(*args, "--goal", "constipation", env=env)
    assert loads(done.stdout)["goal"] == "constipation"  # option


def test_profile_gives_the_person_and_files(config, tmp_path):
    foods = tmp_path / "foods.csv"
    foods.write_text("name,mg,per\nkale chips,120,1 bag=30 g\n", encoding="utf-8")
    _profile(config, f'age = 70\nsex = "m"\nmedications = ["omeprazole"]\nkidney_disease = '
                     f'true\nmy_foods = "{foods}"\nformat = "json"\n')  # fmt: skip
    done = run("intake", "--food", "kale chips:1 bag")
    out = valid("intake", loads(done.stdout))
    assert (out["age_years"], out["sex"], out["kidney_disease"]) == (70, "male", True)
    assert [i["id"] for i in out["interactions"]] == ["ppis", "kidney-disease"]
    assert out["supplement_dose_mg"] == 0 and out["foods"][0]["source"] == "your foods"


def test_profile_relative_paths_are_relative_to_it(config):
    (config / "mine.csv").write_text("name,mg\nzzfood,50\n", encoding="utf-8")
    _profile(config, 'my_foods = "mine.csv"\n')
    assert intake_json(*WOMAN, "--food", "zzfood:100 g")["foods"][0]["mg"] == 50


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("agee = 3\n", "unknown key 'agee'"),
        ('age = "old"\n', "key 'age': 'old' is not an age"),
        ('sex = "x"\n', "key 'sex'"),
        ('goal = "sleep"\n', "key 'goal': 'sleep' is not one of general"),
        ("kidney_disease = 1\n", "key 'kidney_disease': 1 is not true or false"),
        ("age = [\n", "not a valid TOML file"),
        ("pregnant = true\nlactating = true\n", "cannot both be true"),
    ],
)
def test_bad_profile_is_one_clear_error(config, text, says):
    path = _profile(config, text)
    line = fails("intake", *WOMAN)
    assert str(path) in line and says in line


def test_profile_named_by_variable(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('goal = "exercise"\n', encoding="utf-8")
    done = run("intake", *WOMAN, "--json", env={"MAGCALC_CONFIG": str(path)})
    assert loads(done.stdout)["goal"] == "exercise"
    missing = run("intake", *WOMAN, env={"MAGCALC_CONFIG": str(tmp_path / "none.toml")})
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_log_add_table_says_what_was_added(mine):
    done = run("log", "add", "green smoothie:1", "--supplement", "nature made oxide:1 tablet",
               "--date", "2026-11-20")  # fmt: skip
    assert done.exit_code == 0
    assert "Added to 2026-11-20" in done.stdout and "340.3 mg" in done.stdout
    assert "green smoothie, serves 2 (your recipe)" in done.stdout


def test_json_of_log_add_is_stable(mine):
    done = run("log", "add", "brand x granola bar:1", "--date", "2026-11-20", "--json")
    added = valid("log-add", json.loads(done.stdout))
    assert added["lines"] == ["brand x granola bar:1  # record own:brand-x-granola-bar"]
    assert close(added["mg"], 40)
