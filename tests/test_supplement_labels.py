"""Supplements as labels say them, taken every day, and read from files row by row."""

from __future__ import annotations

import pytest

from tests.conftest import fails, intake_json, loads, run, valid

WOMAN = ("--age", "40", "--sex", "f")


def _taken(*supplements: str) -> list[tuple[str, float]]:
    args = [a for s in supplements for a in ("--supplement", s)]
    out = intake_json(*WOMAN, "--food", "almonds:1 oz", *args)
    return [(t["form"], round(t["elemental_mg"], 6)) for t in out["supplements_taken"]]


@pytest.mark.parametrize(
    ("said", "form", "mg"),
    [
        ("Nature Made Magnesium Oxide 250 mg:1 tablet", "oxide", 250),
        ("Nature Made Magnesium Oxide 250 mg:2 tablets", "oxide", 500),
        ("2 capsules of glycinate 120 mg", "glycinate", 240),
        ("glycinate 120 mg per capsule:3 capsules", "glycinate", 360),
        ("1 tablet of magnesium citrate 200mg", "citrate", 200),
        ("Doctor's Best Magnesium Glycinate 100 mg:2 tablets", "glycinate", 200),
    ],
)
def test_the_strength_on_the_label_counts(said, form, mg):
    assert _taken(said) == [(form, mg)]


def test_the_strength_read_from_the_name_is_said():
    out = intake_json(*WOMAN, "--supplement", "2 capsules of glycinate 120 mg")
    assert any("2 capsules of 120 mg, the strength its name gives" in w for w in out["warnings"])


@pytest.mark.parametrize(
    "said", ["glycinate:2 capsules", "oxide 250 mg per 2 tablets:1 tablet", "2 capsules of oxide"]
)
def test_a_count_without_a_strength_asks_for_it(said):
    line = fails("intake", *WOMAN, "--supplement", said)
    assert "does not know how much magnesium one" in line and "250 mg:" in line


def _config(own_home, text: str) -> None:
    folder = own_home / "config" / "magcalc"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def _log(*entries: str, day: str) -> None:
    done = run("log", "add", *entries, "--date", day)
    assert done.exit_code == 0, done.stderr


def test_a_daily_supplement_in_the_profile_counts_every_day(own_home):
    _config(own_home, 'supplements = ["Nature Made Magnesium Oxide 250 mg:1 tablet"]\n')
    _log("almonds:1 oz", day="2026-11-20")
    _log("almonds:1 oz", "supplement: glycinate:100 mg", day="2026-11-21")
    diary = (own_home / "data" / "magcalc" / "diary.txt").read_text(encoding="utf-8")
    assert "oxide" not in diary  # log add writes only what was taken that day
    out = valid("intake", loads(run("log", "show", *WOMAN, "--json").stdout))
    assert [d["supplement_mg"] for d in out["days"]] == [250, 350]
    # --supplement on the command line wins over the profile's
    out = loads(run("log", "show", *WOMAN, "--supplement", "citrate:50 mg", "--json").stdout)
    assert [d["supplement_mg"] for d in out["days"]] == [50, 150]
    out = intake_json(*WOMAN, "--food", "almonds:1 oz")  # and a single day
    assert out["supplement_intake_mg"] == 250


def test_log_show_takes_a_supplement_taken_every_day(own_home):
    _log("almonds:1 oz", day="2026-11-20")
    _log("banana:1", day="2026-11-21")
    out = valid("intake", loads(run("log", "show", *WOMAN, "--supplement",
                                    "glycinate:200 mg", "--json").stdout))  # fmt: skip
    assert [d["supplement_mg"] for d in out["days"]] == [200, 200]
    assert [t["date"] for t in out["supplements_taken"]] == [None]


def test_a_bad_supplement_in_the_profile_names_the_key(own_home):
    _config(own_home, 'supplements = ["glycinate:2 spoons"]\n')
    line = fails("intake", *WOMAN)
    assert "config.toml: key 'supplements'" in line and "spoons" in line


FREE = """Day,Time,Group,Food Name,Amount,Category
2026-11-16,07:20,Breakfast,"Oatmeal, Cooked with Water",1.00 cup,Breakfast Cereals
2026-11-16,21:30,Supplements,Magnesium Glycinate,1.00 capsule,Supplements
2026-11-17,07:20,Breakfast,Whole Wheat Bread,2.00 slice,Baked Products
2026-11-17,21:30,Supplements,Magnesium Citrate,150.00 mg,Supplements
2026-11-18,21:30,Supplements,Magnesium Glycinate,1.00 capsule,Supplements
2026-11-18,07:20,Breakfast,"Oatmeal, Cooked with Water",1.00 cup,Breakfast Cereals
"""


def test_a_supplement_row_of_unknown_strength_is_left_out_and_named(tmp_path):
    path = tmp_path / "cronometer.csv"
    path.write_text(FREE, encoding="utf-8")
    out = intake_json(*WOMAN, "--foods-file", str(path))
    assert [d["supplement_mg"] for d in out["days"]] == [0, 150, 0]  # the citrate row counts
    assert len(out["foods"]) == 3
    (left,) = [w for w in out["warnings"] if "left out" in w and "Glycinate" in w]
    assert f"{path}: supplement left out, lines 3, 6" in left and "--strict" in left
    line = fails("intake", *WOMAN, "--foods-file", str(path), "--strict")
    assert f"{path}:3" in line and "Magnesium Glycinate" in line


def test_log_add_warnings_name_what_log_add_takes(own_home):
    from tests.test_foods import _not_sure

    done = run("log", "add", f"{_not_sure()}:3 oz", "--date", "2026-11-20", "--best-guess")
    assert done.exit_code == 0, done.stderr
    said = " ".join(done.stderr.split())  # warnings are wrapped to the width
    assert "could also be" in said and 'pick it by writing the entry "' in said
    assert "--food" not in done.stderr
