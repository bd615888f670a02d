"""Hostile input (issue 25), kind by kind, through the real command line: special files and
limits for every file magcalc reads, the diary never lost or changed in meaning, nothing raw
on a terminal or run as a spreadsheet formula, every number within the limits of --food,
names compared after Unicode normalisation, the API's argument types, long inputs, Ctrl-C."""

from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import fails, intake_json, loads, run

WOMAN = ("--age", "35", "--sex", "f")
MAGCALC = str(Path(sys.executable).parent / "magcalc")


@pytest.fixture
def config(own_home) -> Path:
    folder = own_home / "config" / "magcalc"
    (folder / "recipes").mkdir(parents=True)
    return folder


def _diary(own_home) -> Path:
    return own_home / "data" / "magcalc" / "diary.txt"


def _recipe(config: Path, name: str, text: str = "serves: 2\nalmonds:1 oz\n") -> Path:
    path = config / "recipes" / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------ special files, everywhere (1)

# Every place magcalc reads a file, as (command line, where the file goes). A path is put
# where "{}" stands; a recipe is read as recipes/r.txt.
PLACES = {
    "--foods-file": lambda p: ("intake", *WOMAN, "--foods-file", p),
    "--my-foods": lambda p: ("intake", *WOMAN, "--my-foods", p),
    "--products": lambda p: ("intake", *WOMAN, "--products", p),
    "--diary (log add)": lambda p: ("log", "add", "almonds:1 oz", "--diary", p),
    "--diary (log show)": lambda p: ("log", "show", *WOMAN, "--diary", p),
}


@pytest.fixture
def fifo(tmp_path) -> str:
    path = tmp_path / "fifo"
    os.mkfifo(path)
    return str(path)


@pytest.mark.parametrize("place", list(PLACES))
def test_a_fifo_is_refused_at_once_wherever_it_is_named(place, fifo):
    # The open is non-blocking: no writer is needed, and the test cannot hang.
    line = fails(*PLACES[place](fifo))
    assert fifo in line and ("FIFO" in line or "symbolic link" in line)


@pytest.mark.parametrize("place", list(PLACES))
def test_a_device_and_a_directory_are_refused(place, tmp_path):
    assert "is a device" in fails(*PLACES[place]("/dev/zero"))
    assert "is a directory" in fails(*PLACES[place](str(tmp_path))).lower()


def test_a_fifo_or_device_in_the_recipes_folder_or_as_the_profile(config, fifo):
    os.symlink(fifo, config / "recipes" / "r.txt")
    assert "FIFO" in fails("intake", *WOMAN, "--food", "r:1 serving")
    os.remove(config / "recipes" / "r.txt")
    os.symlink("/dev/zero", config / "recipes" / "r.txt")
    assert "is a device" in fails("recipes", "show", "r")
    done = run("intake", *WOMAN, env={"MAGCALC_CONFIG": fifo})
    assert done.exit_code == 2 and "FIFO" in done.stderr and fifo in done.stderr


def test_every_magcalc_variable_path_is_read_by_the_rule(fifo):
    for name in ("MAGCALC_MY_FOODS", "MAGCALC_PRODUCTS", "MAGCALC_CONFIG"):
        result = run("intake", *WOMAN, env={name: fifo})
        assert result.exit_code == 2 and "FIFO" in result.stderr, name
    result = run("log", "add", "almonds:1 oz", env={"MAGCALC_DIARY": fifo})
    assert result.exit_code == 2 and "FIFO" in result.stderr
    result = run("intake", *WOMAN, env={"MAGCALC_RECIPES": "/dev/zero"})
    assert result.exit_code == 2 and "not a folder" in result.stderr


@pytest.mark.parametrize("args", [("intake", *WOMAN, "--foods-file", "-"), ("log", "add", "-")])
def test_dev_zero_on_stdin_is_refused_without_reading_it_all(args, own_home):
    env = {**os.environ, "XDG_CONFIG_HOME": str(own_home / "c"), "XDG_DATA_HOME": str(own_home)}
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run([MAGCALC, *args], stdin=zero, capture_output=True, env=env,
                              timeout=60)  # fmt: skip
    assert done.returncode == 2 and done.stderr.decode().strip().endswith("a binary file, not text")
    assert not _diary(own_home).exists()


def test_a_file_without_new_lines_is_refused_at_its_first_line(tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_bytes(b"almonds " * 100_000)  # 800 kB, no new line: read 40 kB at most
    assert f"{path}:1: more than 10,000 characters on one line" in fails(
        "intake", *WOMAN, "--foods-file", str(path)
    )


def test_own_files_have_their_own_limits(config, monkeypatch):
    from magcalc import files

    rows = "".join(f"food {i},{i % 50},100 g\n" for i in range(30))
    (config / "foods.csv").write_text("name,mg,per\n" + rows, encoding="utf-8")
    assert intake_json(*WOMAN, "--food", "food 7:100 g")["intake_mg"] == 7
    monkeypatch.setattr(files, "OWN", files.Limits(files.OWN.bytes, 20))
    line = fails("intake", *WOMAN, "--food", "food 7:100 g")
    assert "foods.csv: more than 20 lines" in line
    monkeypatch.setattr(files, "OWN", files.Limits(100, 1000))
    assert "foods.csv: larger than 0 KB" in fails("intake", *WOMAN)


def test_a_recipe_chain_1500_deep_is_a_clean_refusal(config):
    for i in range(1500):
        food = f"r{i + 1}:1 serving" if i < 1499 else "almonds:1 oz"
        _recipe(config, f"r{i}", f"serves: 1\n{food}\n")
    line = fails("intake", *WOMAN, "--food", "r0:1 serving")
    assert "recipes within recipes more than 20 deep (from r0)" in line
    assert intake_json(*WOMAN, "--food", "r1480:1 serving")["foods"][0]["grams"] > 28


@pytest.mark.parametrize(
    "text",
    [
        "medications = " + "[" * 100_000 + "]" * 100_000 + "\n",  # one line: too long
        "medications = " + "[" * 1_000 + "]" * 1_000 + "\n",  # within a line: too deep
        "medications = " + ("[" * 5_000 + "\n") * 20 + ("]" * 5_000 + "\n") * 20,
    ],
)
def test_a_profile_nested_deep_is_a_clean_refusal(config, text):
    (config / "config.toml").write_text(text, encoding="utf-8")
    line = fails("intake", *WOMAN)
    assert "config.toml" in line and ("nested" in line or "characters on one line" in line)


def test_brackets_inside_strings_and_comments_are_not_nesting(config):
    (config / "config.toml").write_text(
        "medications = [\"[[[[[[\", '[[[[[']  # [[[[[[[[\nage = 40\n", encoding="utf-8"
    )
    out = intake_json("--sex", "f")
    assert out["age_years"] == 40


# ----------------------------------------------------------------------- the diary (2)


@pytest.mark.parametrize("entry", ["#almonds:1 oz", "almonds #roasted:1 oz", "almonds:1 oz #"])
def test_a_hash_in_an_entry_is_refused_and_nothing_written(own_home, entry):
    assert run("log", "add", "banana:1", "--date", "2026-11-01").exit_code == 0
    before = _diary(own_home).read_bytes()
    assert "'#' starts a comment in the diary" in fails("log", "add", entry)
    assert _diary(own_home).read_bytes() == before


def test_a_hash_inside_an_entry_on_stdin_is_refused_too(own_home):
    line = fails("log", "add", "-", input="# breakfast\nalmonds #roasted:1 oz\n")
    assert "'almonds #roasted:1 oz': a '#' starts a comment" in line
    assert not _diary(own_home).exists()


def test_an_entry_like_a_header_still_reads_back(own_home):
    """'date' is a fruit, and also a CSV header word: a dated diary is read as lines."""
    done = run("log", "add", "date", "--date", "2026-11-01", "--json")
    assert done.exit_code == 0, done.stderr
    shown = loads(run("log", "show", *WOMAN, "--json").stdout)
    again = intake_json(*WOMAN, "--foods-file", str(_diary(own_home)))
    assert shown["foods"][0]["food_id"] == again["foods"][0]["food_id"] == "09087"
    assert shown["intake_mg"] == again["intake_mg"]


_NAMES = st.sampled_from(["almonds", "banana", "oatmeal", "date", "whole milk", "food",
                          "spinach, boiled", "amount", "rice", "glycinate"])  # fmt: skip
_AMOUNTS = st.sampled_from(["1", "2", "1/2", "a", "0.5", "1-2", "250"])
_UNITS = st.sampled_from(["oz", "cup", "g", "", "slices", "mg"])
_ENTRY = st.one_of(
    st.builds("{}:{} {}".format, _NAMES, _AMOUNTS, _UNITS),
    st.builds("{} {} {}".format, _AMOUNTS, _UNITS, _NAMES),
    st.builds("{} {} {}".format, _NAMES, _AMOUNTS, _UNITS),
    _NAMES,
    st.builds("supplement: {}:{} {}".format, _NAMES, _AMOUNTS, _UNITS),
)
# What could make a line read back otherwise: a comment, a record note, a CSV-like comma.
_HAZARD = st.sampled_from(["", "", "", " #x", "#", ",", "  # record 12061", " ", "\t"])
ENTRIES = st.lists(st.builds(lambda a, b, c: a + b + c, _HAZARD, _ENTRY, _HAZARD),
                   min_size=1, max_size=3)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(ENTRIES)
def test_every_accepted_entry_reads_back_as_it_was_checked(entries):
    """Whatever `log add` accepts, the diary gives back: the same foods and supplements,
    read the same way, meaning the same records."""
    import tempfile

    import magcalc
    from magcalc import foodfile

    mine = {"my_foods": "", "products": "", "recipes": ""}
    with tempfile.TemporaryDirectory() as folder:
        diary = os.path.join(folder, "diary.txt")
        try:
            added = magcalc.log_add(entries, date="2026-11-01", diary=diary, **mine)
        except magcalc.InputError:
            assert not os.path.exists(diary)
            return
        back = foodfile.load(diary, None)
        assert not back.errors
        assert [f["food_id"] for f in added["foods"]] == [f.record for f in back.foods]
        shown = magcalc.log_show(diary=diary, age=35, sex="f", **mine)
    assert not any("logged as" in w for w in shown["warnings"])
    for key in ("food_id", "grams", "mg"):
        assert [f[key] for f in shown["foods"]] == [f[key] for f in added["foods"]]
    for key in ("form", "elemental_mg"):
        assert [t[key] for t in shown["supplements_taken"]] == [
            t[key] for t in added["supplements_taken"]
        ]


def test_a_full_disk_leaves_the_diary_as_it_was(own_home, monkeypatch):
    assert run("log", "add", "banana:1", "--date", "2026-11-01").exit_code == 0
    diary = _diary(own_home)
    before = diary.read_bytes()
    inode = diary.stat().st_ino
    real_write = os.write

    def full(fd: int, data: bytes) -> int:  # the diary's disk takes half, then is full
        if os.fstat(fd).st_ino != inode:
            return real_write(fd, data)
        if full.written:
            raise OSError(errno.ENOSPC, "No space left on device")
        full.written = True
        return real_write(fd, data[: len(data) // 2])

    full.written = False
    monkeypatch.setattr("magcalc.diary.os.write", full)
    line = fails("log", "add", "almonds:1 oz", "oatmeal:1 cup", "--date", "2026-11-02")
    assert "No space left on device" in line and "nothing was added" in line
    assert full.written and diary.read_bytes() == before


def test_a_diary_that_is_a_symbolic_link_is_never_followed(tmp_path):
    other = tmp_path / ".bashrc"
    other.write_text("export PATH=/usr/bin\n", encoding="utf-8")
    link = tmp_path / "diary.txt"
    link.symlink_to(other)
    assert "is a symbolic link" in fails("log", "add", "almonds:1 oz", "--diary", str(link))
    assert "is a symbolic link" in fails("log", "show", *WOMAN, "--diary", str(link))
    assert other.read_text(encoding="utf-8") == "export PATH=/usr/bin\n"


def test_a_dangling_diary_link_creates_nothing_outside_its_folder(tmp_path):
    link = tmp_path / "diary.txt"
    link.symlink_to(tmp_path / "elsewhere" / "new.txt")
    assert "is a symbolic link" in fails("log", "add", "almonds:1 oz", "--diary", str(link))
    assert not (tmp_path / "elsewhere").exists()


def test_a_profile_that_is_a_symbolic_link_is_refused(config, tmp_path):
    real = tmp_path / "dotfiles.toml"
    real.write_text("age = 40\n", encoding="utf-8")
    (config / "config.toml").symlink_to(real)
    assert "is a symbolic link" in fails("intake", "--sex", "f")


def test_each_entry_is_kept_with_the_record_it_meant(own_home):
    assert run("log", "add", "almonds:1 oz", "--supplement", "glycinate:200 mg",
               "--date", "2026-11-01").exit_code == 0  # fmt: skip
    # almonds: 12061 in data/aliases.csv; glycinate: a form, no product
    assert _diary(own_home).read_text(encoding="utf-8") == (
        "# 2026-11-01\nalmonds:1 oz  # record 12061\n"
        "supplement: glycinate:200 mg  # record form:glycinate\n"
    )


def test_a_line_keeps_its_meaning_when_an_own_food_of_its_name_comes_later(own_home, config):
    assert run("log", "add", "almonds:1 oz", "--date", "2026-11-01").exit_code == 0
    before = loads(run("log", "show", *WOMAN, "--json").stdout)["intake_mg"]
    (config / "foods.csv").write_text("name,mg,per\nalmonds,999,100 g\n", encoding="utf-8")
    out = loads(run("log", "show", *WOMAN, "--json").stdout)
    assert out["intake_mg"] == before and out["foods"][0]["food_id"] == "12061"
    (said,) = [w for w in out["warnings"] if "was logged as" in w]
    assert "12061 'Nuts, almonds'" in said and "own:almonds" in said
    # a line of today means the own food, and keeps meaning it once the food is gone
    assert run("log", "add", "almonds:1 oz", "--date", "2026-11-02").exit_code == 0
    (config / "foods.csv").unlink()
    out = loads(run("log", "show", *WOMAN, "--json").stdout)
    (gone,) = [w for w in out["warnings"] if "which is gone" in w]
    assert "logged as own:almonds" in gone and "counted as it reads now, 12061" in gone


def test_a_recipe_made_later_does_not_silently_change_old_days(own_home, config):
    assert run("log", "add", "banana:1", "--date", "2026-11-01").exit_code == 0
    _recipe(config, "banana")
    out = loads(run("log", "show", *WOMAN, "--json").stdout)
    assert out["foods"][0]["food_id"] == "09040"
    assert any("recipe:banana" in w for w in out["warnings"])


def test_an_old_diary_without_records_reads_as_before(own_home):
    diary = _diary(own_home)
    diary.parent.mkdir(parents=True)
    diary.write_text("# 2026-11-01\nalmonds:1 oz\nbanana:1  # a comment\n", encoding="utf-8")
    out = loads(run("log", "show", *WOMAN, "--json").stdout)
    assert [f["food_id"] for f in out["foods"]] == ["12061", "09040"]
    assert not any("logged as" in w for w in out["warnings"])


# ------------------------------------------------- nothing raw on a terminal or a sheet (3)


def test_control_sequences_in_paths_and_names_never_reach_the_terminal(tmp_path, config):
    evil = tmp_path / "x\x1b]0;owned\x07\x1b[2J"
    evil.mkdir()
    done = run("log", "add", "almonds:1 oz", "--diary", str(evil / "d.txt"))
    assert done.exit_code == 0 and "\x1b" not in done.stdout and "\\x1b]0;owned" in done.stdout
    _recipe(config, "soup\x1b[31m")
    done = run("intake", *WOMAN, "--food", "almonds:1 oz")
    assert "\x1b" not in done.stderr and "soup\\x1b[31m.txt" in done.stderr
    done = run("recipes", "show", "x", "--recipes", str(evil))
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr


def test_cronometer_names_are_escaped_and_formulas_made_text_in_csv(tmp_path):
    path = tmp_path / "servings.csv"
    path.write_text(
        "Day,Time,Group,Food Name,Amount,Magnesium (mg)\n"
        '2026-11-20,8:00 AM,Breakfast,"=HYPERLINK(""http://x"")",1.00 oz,76.50\n'
        '2026-11-20,8:00 AM,Lunch,"@SUM(1+1)",1.00 oz,10.00\n'
        '2026-11-20,8:00 AM,Lunch,"evil\x1b[31mred",1.00 oz,10.00\n',
        encoding="utf-8",
    )
    done = run("intake", *WOMAN, "--foods-file", str(path), "--format", "csv")
    assert done.exit_code == 0, done.stderr
    import csv

    rows = list(csv.DictReader(io.StringIO(done.stdout)))  # the foods rows, the logged among them
    assert [r["query"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'@SUM(1+1)",
                                          "evil\\x1b[31mred"]  # fmt: skip
    assert rows[0]["mg"] == "76.5"  # numbers stay numbers
    assert not any(cell.startswith(("=", "+", "@")) for line in csv.reader(
        io.StringIO(done.stdout)) for cell in line)  # fmt: skip


def test_a_negative_number_stays_a_number_in_csv():
    from magcalc.render import text_cell

    assert text_cell("-12.5") == "-12.5" and text_cell("+3") == "+3"
    assert text_cell("-1+A1") == "'-1+A1" and text_cell("=1") == "'=1"
    assert text_cell("\tx") == "\\tx"  # a tab is escaped: it cannot lead a formula either


# --------------------------------------------------------- numbers within limits (4)


@pytest.mark.parametrize(
    "row, says",
    [
        ("tiny,1,0.0000001 g", "a portion weighs 0.001 g to 5,000 g"),
        ("dense,1,1 pinch=0.0000001 g", "a portion weighs 0.001 g to 5,000 g"),
        ("huge,10,1 sack=50 kg", "a portion weighs 0.001 g to 5,000 g"),
        ("heavy,2000,1 g", "more magnesium than the food weighs"),
    ],
)
def test_own_food_numbers_within_the_limits_of_food(config, row, says):
    (config / "foods.csv").write_text(f"name,mg,per\n{row}\n", encoding="utf-8")
    assert says in fails("intake", *WOMAN)


def test_product_numbers_within_limits(config):
    (config / "products.csv").write_text(
        "name,form,mg,per\nspeck,oxide,100,0.0000001 tablet\n", encoding="utf-8"
    )
    assert "count from 0.01 to 1,000 units" in fails("intake", *WOMAN)
    (config / "products.csv").write_text(
        "name,form,mg,per\nbrick,oxide,9000,1 tablet\n", encoding="utf-8"
    )
    line = fails("intake", *WOMAN, "--supplement", "brick:20 tablets")
    assert "more than 100 g a day" in line


def test_a_bare_supplement_amount_hits_the_100_g_cap():
    line = fails("intake", *WOMAN, "--supplement", "oxide:99999999999999999999")
    assert "more than 100 g a day" in line


@pytest.mark.parametrize("twice", [("--foods-file", "a.txt"), ("--age", "40"),
                                   ("--my-foods", "x.csv")])  # fmt: skip
def test_an_option_of_one_value_given_twice_is_refused(tmp_path, twice):
    day = tmp_path / "a.txt"
    day.write_text("almonds:1 oz\n", encoding="utf-8")
    args = ("intake", *WOMAN, "--foods-file", str(day), "--my-foods", "", *twice)
    assert f"{twice[0]} is given twice" in fails(*args)


@pytest.mark.parametrize("args", [("--age=40",), ("--sex=m",), ("-q", "--quiet", "--age", "41")])
def test_an_option_given_twice_in_another_spelling_is_refused(args):
    name = next(a for a in args if a.startswith("--") and a not in ("--quiet",))
    line = fails("intake", *WOMAN, "--food", "almonds:1 oz", *args)
    assert f"{name.partition('=')[0]} is given twice" in line


# ---------------------------------------------------------------- names, normalised (4)


def test_two_recipe_files_of_one_name_are_reported(config):
    _recipe(config, "Soup")
    _recipe(config, "soup")
    line = fails("recipes", "list")
    assert "Soup.txt and" in line and "soup.txt are both the recipe" in line


@pytest.mark.parametrize("name, typed", [("açaí", "AÇAÍ"), ("φακές", "ΦΑΚΈΣ"), ("s", "s")])
def test_names_in_any_script_are_recipes(config, name, typed):
    _recipe(config, name)
    out = intake_json(*WOMAN, "--food", f"{typed}:1 serving")
    assert out["foods"][0]["source"] == "your recipe"
    assert out["foods"][0]["grams"] == pytest.approx(28.349523125 / 2)


def test_pate_and_pate_are_two_recipes_whatever_their_unicode_form(config):
    _recipe(config, unicodedata.normalize("NFD", "Pâté"))  # as macOS saves a file name
    _recipe(config, "Pâte", "serves: 1\nspinach, boiled:1 cup\n")
    pate = intake_json(*WOMAN, "--food", unicodedata.normalize("NFC", "pâté:1 serving"))
    dough = intake_json(*WOMAN, "--food", "PÂTE:1 serving")
    assert pate["foods"][0]["food_id"] != dough["foods"][0]["food_id"]
    assert pate["foods"][0]["grams"] == pytest.approx(28.349523125 / 2)
    assert dough["foods"][0]["grams"] == pytest.approx(180)  # SR28 11458: 1 cup = 180 g


def test_a_recipe_file_whose_name_keys_to_nothing_is_a_warning(config):
    _recipe(config, "!!!")
    out = intake_json(*WOMAN)
    assert any("!!!.txt: a recipe file whose name cannot be typed" in w for w in out["warnings"])


def test_an_own_food_and_a_recipe_of_one_name_are_reported(config):
    (config / "foods.csv").write_text("name,mg,per\nSoup,10,100 g\n", encoding="utf-8")
    _recipe(config, "soup")
    assert "both one of your foods" in fails("intake", *WOMAN)


# ----------------------------------------------------------------------- the API (5)


def test_api_arguments_of_the_wrong_type_are_clear_input_errors(tmp_path):
    import magcalc

    r = magcalc.intake(age=35, sex="f", medications="ciprofloxacin")  # a text is one item
    assert [i["matched"] for i in r["interactions"]] == ["ciprofloxacin"]
    r = magcalc.intake(age=35, sex="f", foods="almonds:1 oz")
    assert len(r["foods"]) == 1 and r["foods"][0]["food_id"] == "12061"
    calls = [
        (lambda: magcalc.search_foods(None), "QUERY"),
        (lambda: magcalc.show_food(12061), "FOOD_ID"),
        (lambda: magcalc.top_foods(limit=0), "--limit"),
        (lambda: magcalc.top_foods(limit=True), "--limit"),
        (lambda: magcalc.recipe(None), "NAME"),
        (lambda: magcalc.complete("food", None), "TYPED"),
        (lambda: magcalc.complete("nothing", "a"), "WHAT"),
        (lambda: magcalc.intake(age=35, sex="f", pregnant="no"), "--pregnant"),
        (lambda: magcalc.intake(age=35, sex="f", sd_within="90"), "--sd-within"),
        (lambda: magcalc.intake(age=35, sex="f", foods=[1]), "--food"),
        (lambda: magcalc.log_show(diary=str(tmp_path / "d"), since=20261101, age=35, sex="f"),
         "--from"),
    ]  # fmt: skip
    from magcalc.errors import KEYWORDS

    for call, param in calls:
        with pytest.raises(magcalc.InputError) as e:
            call()
        assert e.value.param == KEYWORDS.get(param, param)  # a keyword, where it is one


def test_log_add_takes_a_text_as_one_entry(tmp_path):
    import magcalc

    added = magcalc.log_add("almonds:1 oz", date="2026-11-01", diary=str(tmp_path / "d.txt"))
    assert added["lines"] == ["almonds:1 oz  # record 12061"]


def test_an_int_path_never_opens_a_file_descriptor(capfd):
    import magcalc

    for kwargs in ({"foods_file": 2}, {"my_foods": 1}, {"recipes": 0}):
        with pytest.raises(magcalc.InputError, match="a path must be a text"):
            magcalc.intake(age=35, sex="f", **kwargs)
    with pytest.raises(magcalc.InputError, match="a path must be a text"):
        magcalc.log_add(["almonds:1 oz"], diary=2)
    os.fstat(0), os.fstat(1), os.fstat(2)  # every one of the caller's streams still open
    print("still here", file=sys.stderr)
    assert "still here" in capfd.readouterr().err


def test_the_api_never_touches_the_callers_streams(capfd):
    import magcalc

    stream = io.BytesIO(b"almonds:1 oz\n")
    r = magcalc.intake(age=35, sex="f", foods_file="-", stdin=stream, foods=["bagel"])
    assert not stream.closed and [f["food_id"] for f in r["foods"]] == ["18001", "12061"]
    with pytest.raises(magcalc.InputError, match="stdin is closed"):
        magcalc.intake(age=35, sex="f", foods_file="-")  # stdin is never read unless given
    with pytest.raises(magcalc.InputError, match="binary stream"):
        magcalc.intake(age=35, sex="f", foods_file="-", stdin=io.StringIO("almonds:1 oz\n"))
    magcalc.search_foods("almonds")
    assert capfd.readouterr() == ("", "")


# ----------------------------------------------------------- long inputs, Ctrl-C (6)


def test_long_queries_and_names_are_refused_quickly():
    words = " ".join(["chicken", "beef", "almonds", "spinach", "boiled"] * 400)  # 2,000 words
    start = time.perf_counter()
    assert "at most 200 are accepted" in fails("foods", "search", words)
    assert "at most 200 are accepted" in fails("intake", *WOMAN, "--food", words + ":1 oz")
    assert "at most 200 are accepted" in fails("intake", *WOMAN, "--medication", words)
    assert "at most 200 are accepted" in fails("recipes", "show", words)
    import magcalc

    assert magcalc.complete("food", words) == []
    assert time.perf_counter() - start < 5  # generous: each is refused before any search


def _opened(pid: int, path: str) -> bool:
    try:
        return any(os.readlink(f"/proc/{pid}/fd/{fd}") == path
                   for fd in os.listdir(f"/proc/{pid}/fd"))  # fmt: skip
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
def test_ctrl_c_while_a_big_file_is_read_ends_with_130_and_one_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("".join(f"almonds:{i % 50 + 1} g\n" for i in range(200_000)))
    proc = subprocess.Popen([MAGCALC, "intake", *WOMAN, "--foods-file", str(big), "--json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 30
    while not _opened(proc.pid, str(big)) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.002)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=60)[1].decode()
    assert proc.returncode == 130 and err == "Interrupted.\n"


def test_ctrl_c_in_the_cli_is_one_line_without_clicks_blank_line(monkeypatch):
    from magcalc import totals
    from magcalc.errors import Interrupted

    def interrupted(*_, **__):
        raise Interrupted

    monkeypatch.setattr(totals, "compute", interrupted)
    done = run("intake", *WOMAN)
    assert done.exit_code == 130 and done.stderr == "Interrupted.\n"
