"""The packaged tables: validated by the pydantic models, unchanged from their sources, and
built into one catalogue that holds exactly what they hold."""

from __future__ import annotations

import copy
import csv
import hashlib
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from magcalc import store
from magcalc.build import validation_error
from magcalc.data import data_dir, data_path
from magcalc.tablemodels import (
    AliasRow,
    DriTable,
    FnddsFoodRow,
    FnddsPortionRow,
    FoodRow,
    PortionRow,
    SynonymRow,
)  # fmt: skip

# SHA-256 of the prepared tables as recorded in data/PROVENANCE.md: the copies are verbatim.
SHA256 = {
    "foods.csv": "b91123c786336556b6d1c5c7a93606acc0208799b794ef214befa1f119302157",
    "portions.csv": "5fdb76c9fdee84ac0707924ef14d15ce46f1407107acd3040b009916b27e8c9f",
    "within_person_sd.csv": "745adc3f9a14719db4fba3f4f6749271b17978611831e87bd82f6ddd1ac45670",
    "within_person_sd_nhanes.csv": (
        "08c5667e1ea6b821f41c7f38e3f4d0c4c13071bb3321348a692df34538a2b220"
    ),
    "fndds_foods.csv": "aff290e79334517b6932008e29afb981721546cf45dc34d7730a2a02c482da89",
    "fndds_portions.csv": "f25435166323323f88256c82bcc1f3d0bd72c7c17a5bc9abd85c6b71e35d3725",
    "standards.csv": "ece74643b58a125b1920ab23b3dd7896b8df050cb7e9f97783b9382f58f61999",
    "interactions.csv": "06d793e7c819bc241410819e749bebff4e5323c22887bbc8be079722692b31a9",
}


@pytest.fixture(scope="module")
def dri_source() -> dict:
    return yaml.safe_load(Path(data_path("rda.yaml")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SHA256))
def test_usda_tables_are_verbatim(name):
    digest = hashlib.sha256(Path(data_path(name)).read_bytes()).hexdigest()
    assert digest == SHA256[name]
    assert SHA256[name] in (Path(data_dir()) / "PROVENANCE.md").read_text(encoding="utf-8")


def _rows(name: str) -> list[dict]:
    with open(data_path(name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_foods_validate():
    rows = [FoodRow.model_validate(r) for r in _rows("foods.csv")]
    assert len(rows) == 8050  # every SR28 food with a magnesium value
    assert len({r.fdc_id_or_ndb_no for r in rows}) == len(rows)
    by_id = {r.fdc_id_or_ndb_no: r.magnesium_mg_per_100g for r in rows}
    # Spot values from the SR28 documentation checks in PROVENANCE.md.
    assert (by_id["12061"], by_id["12014"], by_id["12006"], by_id["11458"]) == (270, 592, 335, 87)


def test_portions_validate_and_belong_to_foods():
    ids = {r["fdc_id_or_ndb_no"] for r in _rows("foods.csv")}
    rows = [PortionRow.model_validate(r) for r in _rows("portions.csv")]
    assert len(rows) == 14608
    assert {r.fdc_id_or_ndb_no for r in rows} <= ids


def test_fndds_tables_validate():
    foods = [FnddsFoodRow.model_validate(r) for r in _rows("fndds_foods.csv")]
    assert len(foods) == 5431
    by_code = {r.food_code: r.magnesium_mg_per_100g for r in foods}
    # Spot values from PROVENANCE.md: almonds unroasted, spinach cooked, oatmeal with water.
    assert (by_code["42101000"], by_code["72125211"], by_code["56203056"]) == (258, 109, 24)
    portions = [FnddsPortionRow.model_validate(r) for r in _rows("fndds_portions.csv")]
    assert len(portions) == 22043
    assert {p.food_code for p in portions} <= set(by_code)


def test_sr28_and_fndds_ids_never_collide():
    sr = {r["fdc_id_or_ndb_no"] for r in _rows("foods.csv")}
    fndds = {r["food_code"] for r in _rows("fndds_foods.csv")}
    assert not sr & fndds
    assert {len(i) for i in sr} == {5} and {len(i) for i in fndds} == {8}


def test_curated_tables_validate_and_name_real_foods():
    ids = {r["fdc_id_or_ndb_no"] for r in _rows("foods.csv")}
    ids |= {r["food_code"] for r in _rows("fndds_foods.csv")}
    aliases = [AliasRow.model_validate(r) for r in _rows("aliases.csv")]
    assert {a.food_id for a in aliases} <= ids
    names = [a.alias for a in aliases]
    assert len(names) == len(set(names)), "an alias is listed twice"
    [SynonymRow.model_validate(r) for r in _rows("synonyms.csv")]


def test_the_catalogue_holds_both_sources_as_counted():
    con = store.catalogue()
    count = dict(con.execute("SELECT source, COUNT(*) FROM food GROUP BY source").fetchall())
    # FNDDS's 37 "... as ingredient" recipe parts are left out (PROVENANCE.md).
    assert count == {"USDA SR28": 8050, "USDA FNDDS 2021-2023": 5431 - 37}
    not_portions = con.execute(
        "SELECT COUNT(*) FROM portion JOIN food ON food.id = portion.food WHERE food.source = "
        "'USDA FNDDS 2021-2023' AND (unit LIKE 'Guideline%' OR unit LIKE '%yields%')"
    ).fetchone()[0]
    assert not_portions == 0
    assert store.food("12061").mg_per_100g == 270
    assert store.food("58106230").source == "USDA FNDDS 2021-2023"
    assert store.food("99997210") is None  # "Spinach, cooked, as ingredient"


def test_rda_table_validates(dri_source):
    table = DriTable.model_validate(dri_source)
    assert len(table.rows) == 21
    keys = [(r.life_stage, r.sex, r.condition) for r in table.rows]
    assert len(set(keys)) == len(keys)


def _broken(source: dict, index: int, **changes) -> dict:
    bad = copy.deepcopy(source)
    bad["rows"][index].update(changes)
    return bad


@pytest.mark.parametrize(
    ("index", "changes", "message"),
    [
        (3, {"age_from_months": 50}, "row 4 (4-8 years, any, none) leaves a gap after row 3"),
        (3, {"age_from_months": 40}, "row 4 (4-8 years, any, none) overlaps row 3"),
        (6, {"sex": "male"}, "row 9 (19-30 years, female, none) leaves a gap after row 5"),
        (0, {"rda_mg": 30}, "exactly one of rda_mg and ai_mg"),
        (5, {"ear_mg": 500}, "EAR must be below the RDA"),
        (15, {"sex": "male"}, "pregnancy and lactation rows must be female"),
        (14, {"age_to_months": 900}, "last band must have no upper bound"),
    ],
)
def test_broken_rda_table_names_the_row(dri_source, index, changes, message):
    with pytest.raises(ValidationError) as err:
        DriTable.model_validate(_broken(dri_source, index, **changes))
    assert message in str(err.value)
    one_line = str(validation_error("rda.yaml", err.value))
    assert one_line.startswith("rda.yaml") and "\n" not in one_line


def test_duplicate_row_is_refused(dri_source):
    bad = copy.deepcopy(dri_source)
    bad["rows"].append(copy.deepcopy(bad["rows"][-1]))
    with pytest.raises(ValidationError, match="overlaps"):
        DriTable.model_validate(bad)


def test_field_error_names_the_row(dri_source):
    with pytest.raises(ValidationError) as err:
        DriTable.model_validate(_broken(dri_source, 7, rda_mg=-5))
    assert str(validation_error("rda.yaml", err.value)).startswith("rda.yaml row 8 rda_mg:")


def test_nih_servings_are_what_magcalc_works_out():
    """data/nih_servings.csv holds the usual servings of NIH's foods of magnesium in advance
    (every run that suggests foods reads them): it must be what magcalc works out from the
    tables. After a deliberate change to servings or measures:
    MAGCALC_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_data.py -k nih_servings"""
    import os

    from magcalc.browse import nih_servings

    path = Path(data_path("nih_servings.csv"))
    worked_out = [[str(x) for x in row] for row in nih_servings()]
    if os.environ.get("MAGCALC_UPDATE_SNAPSHOTS") == "1":
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["food_id", "portion", "grams", "mg"])
            writer.writerows(worked_out)
    with path.open(newline="", encoding="utf-8") as f:
        held = [list(r.values()) for r in csv.DictReader(f)]
    assert held == worked_out, "data/nih_servings.csv is stale; see this test's docstring"
    assert len(held) == 26  # NIH ODS Table 2's foods that magcalc plans with
    catalogue = store.nih_servings()
    assert {k: list(v.values()) for k, v in catalogue.items()} == {
        r[0]: [r[1], float(r[2]), float(r[3])] for r in held
    }


def test_a_serving_of_a_food_nih_does_not_name_is_refused(tmp_path, monkeypatch):
    import shutil

    from magcalc.build import build
    from magcalc.errors import DataError

    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    with (data / "nih_servings.csv").open("a", encoding="utf-8") as f:
        f.write("12061,1 oz,28.35,76.5\n")  # almonds, not NIH's dry roasted ones
    monkeypatch.setattr("magcalc.data.data_dir", lambda: str(data))
    with pytest.raises(DataError, match=r"nih_servings.csv row 28: 12061 is not a food of NIH"):
        build(str(tmp_path / "catalogue.sqlite"))
