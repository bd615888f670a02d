"""The food-name resolver (magcalc.resolver) on its own: reading a name, its words, USDA's
other names, dishes and their parts, the confidence, and the picks a person makes.

Expected records are written from the USDA tables (data/fndds_foods.csv, data/foods.csv and
USDA's other names in data/fndds_additional_descriptions.csv)."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys

import pytest

from magcalc import store
from magcalc.resolver import SURE, lexicon, reading, resolve
from magcalc.resolver.features import NAMES
from tests.conftest import fails, intake_json, run

# ------------------------------------------------------------------------ reading a name


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("oat milk latte", "latte"), ("black bean burger", "burger"), ("sausage roll", "roll"),
        ("peanut butter cups", "cup"), ("spinach, boiled", "spinach"),
        ("Pasta Sauce, Marinara", "sauce"), ("salmon fillet", "salmon"),
        ("plain yogurt", "yogurt"), ("avocado, cubed", "avocado"),
    ],
)  # fmt: skip
def test_the_head_is_the_word_that_says_what_the_food_is(name, head):
    assert reading.phrase(name).head == head


def test_shapes_cuts_and_defaults_may_be_missing_from_a_record():
    from magcalc.names import words

    p = reading.phrase("fresh salmon fillet, cubed")
    assert {*words("fillet cubed")} <= p.optional and "salmon" not in p.optional


@pytest.mark.parametrize(
    ("name", "join", "base", "other"),
    [
        ("toast with butter", "with", ["toast", "with", "butter"][0], "butter"),
        ("peanut butter on toast", "on", "toast", "peanut butter"),
        ("fish and chips", "and", "fish", "chips"),
        ("cereal w/ milk", "w", "cereal", "milk"),
        ("Toast WITH Butter", "with", "Toast", "Butter"),  # any case; the parts as typed
        ("Crème brûlée And İce cream", "and", "Crème brûlée", "İce cream"),
        ("M&M's", None, None, None),  # "&" between letters is one word
        ("Mac & Cheese", "&", "Mac", "Cheese"),
    ],
)  # fmt: skip
def test_a_name_of_two_foods_is_read_as_its_parts_base_first(name, join, base, other):
    r = reading.read(name)
    assert r.join == join
    assert [p.text for p in r.parts] == ([base, other] if join else [])


def test_a_dish_is_what_its_base_is():
    assert reading.read("tea with milk").whole.head == "tea"
    assert reading.read("peanut butter on toast").whole.head == "toast"
    assert reading.read("bean and cheese burrito").whole.head == "burrito"


def test_without_says_what_the_food_is_without():
    p = reading.phrase("chicken breast without skin")
    assert p.negated == {"skin"} and "skin" not in p.words


# --------------------------------------------------------------------------- its words


@pytest.mark.parametrize(
    ("typed", "read"),
    [("cantelope", "cantaloupe"), ("brocoli", "broccoli"), ("avacado", "avocado"),
     ("dhal", "dal"), ("expresso", "espresso"), ("spinich", "spinach")],
)  # fmt: skip
def test_a_misspelling_is_read_as_the_likeliest_known_word(typed, read):
    assert lexicon.respell(typed)[0] == read


def test_a_misspelling_never_changes_the_first_letter():
    # "antelope" is one letter from "cantelope", but not the word meant
    assert lexicon.edit_distance("cantelope", "antelope", 2) > 2


def test_two_known_words_run_together_are_split():
    assert lexicon.split("cheesesteak") == "cheese steak"
    assert lexicon.split("zorblax") is None


@pytest.mark.parametrize("name", ["black-eyed peas", "black eyed peas"])
def test_two_typed_words_usda_writes_as_one_are_read_as_one(name):
    m = resolve(name)  # FNDDS writes "Blackeyed peas"
    assert m.food.description.startswith("Blackeyed peas")
    assert ("black eyed", "blackey") in m.respelled


def test_a_regional_name_of_several_meanings_is_read_each_way():
    readings = dict(lexicon.variants(("chip",), hand=True))
    assert {("french", "fry"), ("potato", "chip"), ("chip",)} <= set(readings)
    assert lexicon.variants(("chip",), hand=False) == [(("chip",), 0)]


# ----------------------------------------------------------------- USDA's own other names


@pytest.mark.parametrize(
    ("name", "food_id"),
    [
        ("crumpet", "51186010"),  # FNDDS "Muffin, English": additional description "crumpet"
        ("vegemite", "75236500"),  # "Yeast extract spread": "Vegemite; Marmite; Promite"
        ("marmite", "75236500"),
        ("daal", "41305050"),  # "Dal": "daal"
        ("chianti", "93401010"),  # "Wine, red": "chianti"
    ],
)  # fmt: skip
def test_usdas_other_names_find_the_record_without_any_hand_made_table(name, food_id):
    assert resolve(name, hand=False).food.food_id == food_id


def test_a_record_found_through_another_name_keeps_its_description():
    entry = store.indexed("51186010")
    assert entry.food.description == "Muffin, English" and "crumpet" in entry.alts


# ------------------------------------------------------------------ dishes and their parts


def test_a_dish_usda_holds_is_one_record():
    assert resolve("tea with milk").food.food_id == "92306800"
    assert resolve("bean and cheese burrito").food.description.startswith(("Burrito", "Fast"))


def test_toast_with_butter_is_two_lines_the_butter_at_its_usual_amount():
    out = intake_json("--age", "35", "--sex", "f", "--food", "toast with butter:2 slices")
    toast, butter = out["foods"]
    assert (toast["part"], butter["part"]) == ("toast", "butter")
    assert "toasted" in toast["description"].lower() and toast["grams"] > 30
    assert butter["description"].lower().startswith("butter") and 0 < butter["grams"] < 30
    assert any("'butter'" in w and "no amount given" in w for w in out["warnings"])


# USDA's guideline amounts (FNDDS "Milk, NFS": 2.5 g a fl oz of beverage, 61 g a cup of hot
# cereal; "Butter, NFS": 7 g a slice of bread; "Peanut butter" 16 g, "Jam" 10 g a slice)
# and magcalc's mug (12 fl oz) and bowl (1 cup, 234 g of SR28 08121 porridge), written down
# before the run.
@pytest.mark.parametrize(
    ("food", "topping", "grams"),
    [
        ("coffee with milk:1 mug", "milk", 12 * 2.5),
        ("porridge with milk:1 bowl", "milk", 234 / 240 * 61),
        ("toast with butter:2 slices", "butter", 2 * 7.0),
        ("tea with sugar:1 mug", "sugar", 12 * 1.4),
        ("peanut butter on toast:1 slice", "peanut butter", 16.0),  # FNDDS "Peanut butter"
        ("toast with jam:2 slices", "jam", 2 * 10.0),  # FNDDS "Jam"
    ],
)  # fmt: skip
def test_a_topping_takes_usdas_guideline_amount_for_what_it_goes_with(food, topping, grams):
    out = intake_json("--age", "35", "--sex", "f", "--food", food)
    _, part = out["foods"]
    assert part["part"] == topping and part["grams"] == pytest.approx(grams, rel=0.01)
    assert any("guideline amount" in w and f"'{topping}'" in w for w in out["warnings"])


def test_a_dish_that_names_a_part_otherwise_is_not_the_dish():
    """ "Coffee, Cappuccino, with non-dairy milk" holds coffee and milk, but not as typed."""
    from magcalc.resolver import rank

    said = rank.query_words(reading.read("coffee with milk").whole, True)
    assert not rank.names_dish("92161002", said, "coffee", ["coffee", "milk"])
    assert rank.names_dish("92306800", ("tea", "milk"), "tea", ["tea", "milk"])
    m = resolve("coffee with milk")
    assert [p for p, _ in m.parts] == ["coffee", "milk"]


def test_peanut_butter_on_toast_is_never_a_cereal():
    m = resolve("peanut butter on toast")
    foods = [pm.food.description for _, pm in m.parts] if m.parts else [m.food.description]
    assert not any("cereal" in f.lower() or "crunch" in f.lower() for f in foods), foods


def test_two_foods_no_record_holds_are_refused_naming_both_parts():
    line = fails("intake", "--age", "35", "--sex", "f", "--food", "fish and chips:1 portion")
    assert "'fish'" in line and "'chips'" in line and "two foods" in line


def test_a_word_of_the_phrase_is_never_read_as_another_food():
    assert resolve("toast with butter").food is None  # parts, never tahini (sesame butter)
    assert resolve("hemp hearts", hand=False).food.description != "Heart" or (
        resolve("hemp hearts").confidence < SURE
    )  # beef heart, if anything, is never given as sure


# ------------------------------------------------------------------------- how sure


def test_an_id_is_sure_and_a_name_is_less():
    assert resolve("12061").confidence == 1.0
    m = resolve("marinara sauce")
    assert 0 < m.confidence < 1 and m.alternatives


def test_every_line_says_how_sure_and_what_else_it_may_be():
    out = intake_json("--age", "35", "--sex", "f", "--food", "12061:1 oz", "--food",
                      "marinara sauce:0.5 cup", "--best-guess")  # fmt: skip
    by_id, by_name = out["foods"]
    assert by_id["confidence"] == 1.0 and by_id["alternatives"] == []
    assert by_name["confidence"] < 1 and by_name["alternatives"]
    assert all(0 < a["probability"] < 1 for a in by_name["alternatives"])


def test_a_name_no_record_holds_is_refused_and_the_bare_name_too():
    for spec in ("zorblax:1 cup", "zorblax"):
        assert "no food matches" in fails("intake", "--age", "35", "--sex", "f", "--food", spec)


def test_the_weights_name_every_feature_and_were_fitted_with_folds():
    with open(os.path.join(os.path.dirname(__file__), "..", "data", "resolver.json"),
              encoding="utf-8") as f:  # fmt: skip
        table = json.load(f)
    assert set(NAMES) <= set(table["rank"])
    fitted = table["fit"]
    assert len(fitted["folds"]) == 5 and fitted["held_out_right_when_sure"] >= 0.95
    assert all(f["held_out_top1"] <= f["train_top1"] + 0.1 for f in fitted["folds"])


def test_hand_made_tables_can_be_left_out_to_measure_usdas_data_alone():
    env = {**os.environ, "MAGCALC_HAND_TABLES": "0"}
    code = "from magcalc.resolver import resolve; print(resolve('crumpet').how)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "search"  # not the alias of data/default_codes.csv


# ------------------------------------------------------------- a person picks, and it stays


def test_log_add_at_a_terminal_asks_which_record_and_remembers_the_pick(own_home):
    """magcalc log add in a pseudo-terminal: the numbered list, a pick, the names file, and
    the same words resolved at once by another command."""
    name = "hemp hearts"
    assert resolve(name).confidence < SURE  # magcalc is not sure of it
    env = {**os.environ, "XDG_CONFIG_HOME": str(own_home / "config"),
           "XDG_DATA_HOME": str(own_home / "data"), "COLUMNS": "100"}  # fmt: skip
    env = {k: v for k, v in env.items() if not k.startswith("MAGCALC_")}
    pid, fd = pty.fork()
    if pid == 0:  # the child: magcalc at a terminal
        os.execve(sys.executable, [sys.executable, "-m", "magcalc", "log", "add",
                                   f"{name}:3 tbsp", "--date", "2026-11-20"], env)  # fmt: skip
    said = b""

    def read_until(marker: bytes) -> None:
        nonlocal said
        while marker not in said:
            ready, _, _ = select.select([fd], [], [], 30)
            assert ready, said.decode(errors="replace")
            said += os.read(fd, 4096)

    read_until(b"Number")
    listed = said.decode(errors="replace")
    assert "not sure what 'hemp hearts' is" in listed and "1) " in listed
    second = next(line for line in listed.splitlines() if line.strip().startswith("2) "))
    picked = second.split()[1]  # the record listed second: a pick, not magcalc's first guess
    os.write(fd, b"2\n")
    read_until(b"Added to")
    os.waitpid(pid, 0)
    os.close(fd)
    names = (own_home / "config" / "magcalc" / "names.txt").read_text(encoding="utf-8")
    assert f"hemp hearts = {picked}" in names
    out = intake_json("--age", "35", "--sex", "f", "--food", f"{name}:3 tbsp")
    assert out["foods"][0]["food_id"] == picked and out["foods"][0]["confidence"] == 1.0


def test_a_script_is_refused_rather_than_asked(own_home):
    done = run("log", "add", "hemp hearts:3 tbsp", "--date", "2026-11-20")
    assert done.exit_code == 2 and "--best-guess" in done.stderr
    assert not (own_home / "config" / "magcalc" / "names.txt").exists()


def test_a_bad_line_of_the_names_file_is_named(own_home):
    path = own_home / "config" / "magcalc" / "names.txt"
    path.parent.mkdir(parents=True)
    path.write_text("hemp hearts = 12012\nnonsense line\n", encoding="utf-8")
    line = fails("intake", "--age", "35", "--sex", "f", "--food", "almonds:1 oz")
    assert f"{path}:2" in line and "NAME = FOOD_ID" in line


def test_a_usda_description_typed_whole_is_its_record():
    # "and" inside USDA's own name joins no two foods
    name = ("Cereals, oats, regular and quick, unenriched, cooked with water (includes boiling "
            "and microwaving), without salt")  # fmt: skip
    m = resolve(name.lower())
    assert (m.food.food_id, m.confidence, m.how) == ("08121", 1.0, "name")
