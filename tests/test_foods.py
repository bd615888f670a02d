"""Foods as people type them: NIH's servings, everyday queries, portions, and `magcalc foods`."""

from __future__ import annotations

import csv
import json

import pytest

from magcalc.data import data_path
from magcalc.foods import resolve
from magcalc.models import FoodInfo, TopFood
from tests.conftest import fails, intake_json, run

# NIH ODS Table 2, "Selected food sources of magnesium", typed as a person would, with NIH's mg.
# Row 15 ("breakfast cereals fortified with 10 % of the DV, 1 serving") names a kind of food,
# not a food, and is left out: 29 of the 30 rows are compared.
NIH_TABLE_2 = [
    ("pumpkin seeds, roasted:1 oz", 156),
    ("chia seeds:1 oz", 111),
    ("almonds, dry roasted:1 oz", 80),
    ("spinach, boiled:1/2 cup", 78),
    ("cashews, dry roasted:1 oz", 74),
    ("peanuts, oil roasted:1/4 cup", 63),
    ("shredded wheat:2 biscuits", 61),
    ("soymilk, plain:1 cup", 61),
    ("black beans, cooked:1/2 cup", 60),
    ("edamame, shelled, cooked:1/2 cup", 50),
    ("peanut butter, smooth:2 tbsp", 49),
    ("potato, baked with skin:3.5 oz", 43),
    ("brown rice, cooked:1/2 cup", 42),
    ("yogurt, plain, low fat:8 oz", 42),
    ("instant oatmeal:1 packet", 36),
    ("kidney beans, canned:1/2 cup", 35),
    ("banana:1 medium", 32),
    ("salmon, atlantic, farmed, cooked:3 oz", 26),
    ("milk:1 cup", 25.5),  # NIH gives 24-27
    ("halibut, cooked:3 oz", 24),
    ("raisins:1/2 cup", 23),
    ("whole wheat bread:1 slice", 23),
    ("avocado, cubed:1/2 cup", 22),
    ("chicken breast, roasted:3 oz", 22),
    ("ground beef, 90% lean, pan broiled:3 oz", 20),
    ("broccoli, chopped, cooked:1/2 cup", 12),
    ("white rice, cooked:1/2 cup", 10),
    ("apple:1 medium", 9),
    ("carrot, raw:1 medium", 7),
]
# Wider tolerances, each explained. Potato: NIH's 43 mg per 3.5 oz equals USDA's *skin only*
# record (11364, 43 mg/100 g); a baked potato with its skin is USDA 11674, flesh and skin,
# 28 mg/100 g, which magcalc rightly picks, so the row differs by 35 %.
TOLERANCE = {"potato, baked with skin:3.5 oz": 0.40}


@pytest.mark.parametrize(("spec", "nih_mg"), NIH_TABLE_2)
def test_nih_servings_within_15_percent(spec, nih_mg):
    out = intake_json("--age", "40", "--sex", "f", "--food", spec)
    mg = out["foods"][0]["mg"]
    assert abs(mg - nih_mg) / nih_mg <= TOLERANCE.get(spec, 0.15), out["foods"][0]


def test_potato_row_is_the_flesh_and_skin_record():
    out = intake_json("--age", "40", "--sex", "f", "--food", "potato, baked with skin:3.5 oz")
    assert out["foods"][0]["food_id"] == "11674"


# Everyday queries and the USDA record a dietitian would pick.
EVERYDAY = [
    # breakfast
    ("oatmeal made with water", "08121"), ("instant oatmeal", "08122"),
    ("scrambled eggs", "01132"), ("hard boiled egg", "01129"), ("whole wheat toast", "18076"),
    ("white bread", "18069"), ("orange juice", "09206"), ("coffee brewed", "14209"),
    ("black tea brewed", "14355"), ("greek yogurt plain nonfat", "01256"),
    ("blueberries", "09050"), ("strawberries", "09316"), ("banana", "09040"),
    ("2% milk", "01079"), ("skim milk", "01085"), ("whole milk", "01077"), ("cheerios", "08013"),
    ("bagel plain", "18001"), ("peanut butter smooth", "16098"),
    # lunch
    ("cheddar cheese", "01009"), ("tuna canned in water", "15121"), ("lentils cooked", "16070"),
    ("quinoa cooked", "20137"), ("chickpeas canned", "16358"), ("hummus", "16158"),
    ("brown rice cooked", "20037"), ("whole wheat pasta cooked", "20125"),
    ("spinach raw", "11457"), ("romaine lettuce", "11251"), ("tomato", "11529"),
    ("cucumber with peel", "11205"), ("avocado", "09037"), ("black beans", "16015"),
    ("apple with skin", "09003"),
    # dinner
    ("salmon atlantic farmed cooked", "15237"), ("chicken breast roasted", "05064"),
    ("ground beef 90% lean", "23564"), ("cod cooked", "15016"), ("shrimp cooked", "15271"),
    ("sweet potato baked", "11508"), ("broccoli cooked", "11091"), ("green peas cooked", "11305"),
    ("kale cooked", "11234"), ("white rice cooked", "20045"), ("baked potato", "11674"),
    ("tofu firm", "16126"), ("carrots cooked", "11125"),
    # snacks and drinks
    ("almonds", "12061"), ("cashews roasted", "12085"), ("walnuts", "12155"),
    ("pumpkin seeds", "12016"), ("sunflower seeds", "12036"), ("dark chocolate 70-85%", "19904"),
    ("popcorn air popped", "19034"), ("raisins", "09298"), ("orange", "09200"),
    ("watermelon", "09326"), ("beer", "14003"), ("red wine", "14096"), ("cola", "14148"),
    ("tap water", "14411"), ("soy milk", "16120"), ("chia seeds", "12006"), ("edamame", "11212"),
]  # fmt: skip


def test_everyday_queries_top1_hit_rate():
    misses = [(q, resolve(q).food.food_id, want) for q, want in EVERYDAY
              if resolve(q).food.food_id != want]  # fmt: skip
    hits = len(EVERYDAY) - len(misses)
    print(f"everyday queries: {hits}/{len(EVERYDAY)} top-1 hits; misses: {misses}")
    assert len(EVERYDAY) >= 40
    assert hits / len(EVERYDAY) >= 0.95, misses


def test_aliases_cover_every_nih_food_and_point_at_real_records():
    from magcalc.names import key
    from magcalc.tables import aliases, foods

    table = aliases()
    assert set(table.values()) <= set(foods())
    with open(data_path("aliases.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert all(r["source"].strip() for r in rows)
    for name in [
        "pumpkin seeds",
        "chia seeds",
        "almonds",
        "spinach",
        "cashews",
        "peanuts",
        "shredded wheat",
        "soymilk",
        "black beans",
        "edamame",
        "peanut butter",
        "potato",
        "brown rice",
        "yogurt",
        "instant oatmeal",
        "kidney beans",
        "banana",
        "salmon",
        "milk",
        "halibut",
        "raisins",
        "whole wheat bread",
        "avocado",
        "chicken breast",
        "ground beef",
        "broccoli",
        "white rice",
        "apple",
        "carrot",
    ]:
        assert key(name) in table, name


@pytest.mark.parametrize(
    ("query", "food_id"),
    [
        ("Almonds", "12061"), ("almond", "12061"), ("ALMONDS", "12061"),
        ("almonds dry roasted", "12063"), ("dry roasted almonds", "12063"),
        ("roasted almonds dry", "12063"), ("rice brown cooked", "20037"),
        ("salmon", "15237"), ("milk", "01079"), ("apple", "09003"), ("oatmeal", "08121"),
        ("12061", "12061"), ("9040", "09040"), ("chiken breast", "05064"),
    ],
)  # fmt: skip
def test_natural_names(query, food_id):
    assert resolve(query).food.food_id == food_id


def test_branded_and_baby_records_rank_down_unless_asked():
    assert "Babyfood" not in resolve("bananas raw").food.description
    assert resolve("babyfood bananas").food.group == "Baby Foods"
    assert resolve("big mac").food.group == "Fast Foods"


def test_close_runner_up_is_named_with_how_to_pick_it():
    out = intake_json("--age", "40", "--sex", "f", "--food", "turkey roasted:3 oz")
    (warning,) = [w for w in out["warnings"] if "could also be" in w]
    assert '--food "' in warning and ':3 oz"' in warning


def test_strict_refuses_an_ambiguous_name():
    line = fails("intake", "--age", "40", "--sex", "f", "--strict", "--food", "turkey roasted:3 oz")
    assert "ambiguous" in line and "by its id" in line


@pytest.mark.parametrize(
    ("amount", "grams"),
    [("0.5", 90), ("1/2", 90), ("½", 90), ("1 1/2", 270), ("1½", 270), (".25", 45)],
)
def test_amount_forms(amount, grams):
    out = intake_json("--age", "40", "--sex", "f", "--food", f"11458:{amount} cup")
    assert out["foods"][0]["grams"] == grams


@pytest.mark.parametrize(
    ("unit", "grams"),
    [
        ("tbsp", 16), ("Tbsp", 16), ("tablespoon", 16), ("tablespoons", 16), ("Tbsp.", 16),
        ("cup", 258), ("cups", 258), ("c", 258), ("oz", 28.35), ("ounce", 28.35),
        ("g", 1), ("gram", 1), ("grams", 1), ("lb", 453.59), ("pound", 453.59),
        ("kg", 1000), ("tsp", 16 / 3), ("teaspoon", 16 / 3),
    ],
)  # fmt: skip
def test_unit_spellings(unit, grams):
    out = intake_json("--age", "40", "--sex", "f", "--food", f"16098:1 {unit}")
    assert out["foods"][0]["grams"] == pytest.approx(grams, abs=0.01)


def test_fl_oz_and_ml_for_liquids():
    milk = "01079"  # 1 fl oz = 30.5 g, 1 cup = 244 g
    assert intake_json("--age", "40", "--sex", "f", "--food", f"{milk}:2 fl oz")["foods"][0][
        "grams"
    ] == pytest.approx(61)
    out = intake_json("--age", "40", "--sex", "f", "--food", f"{milk}:250 ml")
    assert out["foods"][0]["grams"] == pytest.approx(250 / 236.5882365 * 244, abs=0.01)


@pytest.mark.parametrize(
    ("spec", "grams"),
    [
        ("12061:1 almond", 1.2),
        ("08122:1 packet", 28),
        ("18075:2 slices", 64),
        ("09003:1 large", 223),
    ],
)
def test_foods_own_usda_measures(spec, grams):
    assert intake_json("--age", "40", "--sex", "f", "--food", spec)["foods"][0]["grams"] == grams


def test_unit_the_food_lacks_is_refused_with_its_units():
    line = fails("intake", "--age", "40", "--sex", "f", "--food", "banana:1 slice")
    assert "unit 'slice' is not known for Bananas, raw" in line and "medium" in line


# ------------------------------------------------------------------------ magcalc foods


def _json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_foods_search_json():
    rows = _json("foods", "search", "almonds", "--limit", "5")
    assert len(rows) == 5
    for r in rows:
        FoodInfo.model_validate(r)
    assert rows[0]["food_id"] == "12061"
    assert all("almond" in r["description"].lower() for r in rows)


def test_foods_show_json():
    food = FoodInfo.model_validate(_json("foods", "show", "09040"))
    assert food.mg_per_100g == 27
    medium = [p for p in food.portions if p.unit.startswith("medium")]
    assert medium[0].grams == 118 and medium[0].mg == pytest.approx(31.9)


def test_foods_top_json_is_richest_first():
    rows = [TopFood.model_validate(r) for r in _json("foods", "top", "--limit", "10")]
    assert [r.mg for r in rows] == sorted((r.mg for r in rows), reverse=True)
    assert rows[0].food_id == "12016"  # pumpkin seeds, as in NIH's table


def test_foods_top_by_group():
    rows = _json("foods", "top", "--group", "vegetables and vegetable products", "--all")
    assert {r["food_group"] for r in rows} == {"Vegetables and Vegetable Products"}
    assert len(rows) == 20


@pytest.mark.parametrize("fmt", ["csv", "ndjson", "table"])
def test_foods_formats(fmt):
    result = run("foods", "top", "--limit", "3", "--format", fmt)
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    if fmt == "csv":
        assert lines[0].startswith("food_id,description") and len(lines) == 4
    elif fmt == "ndjson":
        rows = [TopFood.model_validate_json(line) for line in lines]
        assert len(rows) == 3 and rows[0].food_id == "12016"
    else:
        assert "Pumpkin" in result.stdout or "pumpkin" in result.stdout


def test_foods_errors():
    assert "no USDA food has id 99999" in fails("foods", "show", "99999")
    assert "not a USDA food group" in fails("foods", "top", "--group", "candy bars")
    assert "no food matches" in fails("foods", "search", "zzqx qqzv", code=1)
    assert "--limit" in fails("foods", "search", "milk", "--limit", "0")
