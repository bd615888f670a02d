"""Many people at once: magcalc.score, magcalc.score_file and `magcalc survey`, against
`magcalc intake` on the same days, and with the rows people really have."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import magcalc
from magcalc.schema import adapter
from tests.conftest import loads, run

# Three people, their days written as a survey's rows. Foods by name with an amount, by
# name with the amount in the food cell, by id with grams; a supplement; days out of order.
PEOPLE = {
    "ann": {"age": 35, "sex": "f"},
    "bob": {"age": 70, "sex": "m", "standard": "efsa"},
    "cat": {"age": 28, "sex": "f", "condition": "pregnant"},
}
DAYS = {
    ("ann", "2026-01-02"): [("banana", None, None, None), ("spinach, boiled:0.5 cup", None, None,
                            None), ("12061", None, None, 30)],
    ("ann", "2026-01-01"): [("almonds", "1 oz", None, None), ("11111000", None, None, 244),
                            ("supplement: glycinate", "200 mg", None, None)],
    ("bob", "2026-01-01"): [("oatmeal", "1", "cup", None), ("coke", "1 can", None, None)],
    ("bob", "2026-01-03"): [("12061", None, None, 28.5)],
    ("cat", "2026-02-01"): [("black beans", "1", "cup", None),
                            ("supplement: citrate:1000 mg salt", None, None, None)],
}  # fmt: skip


def _rows() -> list[dict]:
    rows = []
    for (person, day), foods in DAYS.items():
        for food, amount, unit, grams in foods:
            row = {"person": person, "day": day, "food": food, "amount": amount, "unit": unit,
                   "grams": grams, **PEOPLE[person]}  # fmt: skip
            rows.append({k: v for k, v in row.items() if v is not None})
    return rows


def _text(food: str, amount: str | None, unit: str | None, grams: float | None) -> str:
    """The line `intake` takes for a survey row."""
    if grams is not None:
        return f"{food}:{grams} g"
    words = " ".join(w for w in (amount, unit) if w)
    return f"{food}:{words}" if words else food


def _intake_args(person: str) -> dict:
    p = PEOPLE[person]
    return {"age": p["age"], "sex": p["sex"], "standard": p.get("standard", "us"),
            "pregnant": p.get("condition") == "pregnant"}  # fmt: skip


def test_grams_of_a_food_id_by_hand():
    (day,) = magcalc.score([{"person": 1, "food": "12061", "grams": "30", "age": 35, "sex": "f"}])
    assert day["food_intake_mg"] == 270 * 30 / 100  # SR28 almonds: 270 mg per 100 g
    assert day["target_mg"] == 320 and day["shortfall_mg"] == 320 - 81
    assert day["day"] is None and day["refused"] == [] and day["food_rows"] == 1


def test_each_day_equals_intake_of_that_day():
    days = [r for r in magcalc.score(_rows()) if r["kind"] == "day"]
    assert [(d["person"], d["day"]) for d in days] == sorted(DAYS)  # each person's days sorted
    for d in days:
        adapter("survey").validate_python(d, strict=False)
        rows = DAYS[(d["person"], d["day"])]
        foods = [f for f in rows if not f[0].startswith("supplement")]
        taken = [f[0].split(":", 1)[1].strip() + (f":{f[1]}" if f[1] else "")
                 for f in rows if f[0].startswith("supplement")]  # fmt: skip
        want = magcalc.intake(foods=[_text(*f) for f in foods], supplements=taken,
                              **_intake_args(d["person"]))  # fmt: skip
        for key in ("food_intake_mg", "supplement_intake_mg", "intake_mg", "shortfall_mg",
                    "percent_of_target", "target_mg", "ear_mg", "ul_supplemental_mg",
                    "life_stage", "age_years", "sex", "condition", "standard", "target_kind",
                    "reference_tag"):  # fmt: skip
            assert d[key] == want[key], (d["person"], d["day"], key)
        assert d["food_rows"] == len(foods) and d["supplement_rows"] == len(taken)


def test_each_person_equals_intake_of_their_diary(tmp_path):
    people = [r for r in magcalc.score(_rows(), per="person")]
    assert [p["person"] for p in people] == ["ann", "bob", "cat"]
    for p in people:
        adapter("survey").validate_python(p, strict=False)
        diary = tmp_path / f"{p['person']}.txt"
        lines = []
        for (person, day), foods in sorted(DAYS.items()):
            if person == p["person"]:
                lines.append(f"# {day}")
                lines += [_text(*f).replace("supplement: ", "supplement: ", 1) for f in foods]
        diary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        want = magcalc.intake(foods_file=str(diary), **_intake_args(p["person"]))
        assert p["assessment"] == want["assessment"]
        assert p["days_left_out"] == [] and p["why"] is None
    both = magcalc.score(_rows(), per="both")
    days = [r for r in both if r["kind"] == "day"]
    diary_days = magcalc.intake(foods_file=str(tmp_path / "ann.txt"), **_intake_args("ann"))
    ann = [d for d in days if d["person"] == "ann"]
    assert [(d["food_intake_mg"], d["supplement_intake_mg"], d["above_ul"]) for d in ann] == [
        (t["food_mg"], t["supplement_mg"], t["above_ul"]) for t in diary_days["days"]
    ]


def test_the_order_of_a_persons_rows_changes_nothing():
    rows = _rows()
    mixed = rows[:]
    random.Random(5).shuffle(mixed)

    def key(r: dict) -> tuple:
        return r["person"], r.get("day") or "", r["kind"]

    got, want = magcalc.score(mixed, per="both"), magcalc.score(rows, per="both")
    assert sorted(got, key=key) == sorted(want, key=key)  # people come in another order


def test_bad_rows_are_reported_with_their_day_and_never_stop_the_rest():
    who = {"age": 35, "sex": "f", "day": "2026-01-01"}
    rows = [
        {"person": 1, "food": "12061", "grams": 30, **who},
        {"person": 1, "food": "xyzzyq", "amount": "1 cup", **who},  # no such food
        {"person": 1, "food": "12061", "grams": 0, **who},  # no weight
        {"person": 1, "food": "12061", "grams": 6000, **who},  # more than 5 kg
        {"person": 1, "food": "almonds", "amount": "2 furlongs", **who},  # a unit it lacks
        {"person": 1, "food": "99999", "grams": 10, **who},  # no food has the id
        {"person": None, "food": "12061", "grams": 30, **who},  # no person
        {"person": 2, "food": "12061", "grams": 30, "age": "x", "sex": "f", "day": "d"},
        {"person": 3, "food": "12061", "grams": 30, "age": 35, "sex": "f"},  # no day
        {"person": 4, "food": "12061", "grams": 30, "age": 35, "sex": "f", "day": "d"},
        {"person": 4, "food": "12061", "grams": 30, "age": 36, "sex": "f", "day": "d"},
    ]
    out = magcalc.score(rows, per="both")
    day1 = next(r for r in out if r["kind"] == "day" and r["person"] == 1)
    assert day1["food_intake_mg"] == 81.0 and day1["food_rows"] == 1
    assert [r["row"] for r in day1["refused"]] == [1, 2, 3, 4, 5]
    whys = [r["why"] for r in day1["refused"]]
    assert "no food matches 'xyzzyq'" in whys[0]
    assert "more than zero" in whys[1]
    assert "more than 5,000 g" in whys[2]
    assert "furlong" in whys[3]
    assert "no food has id 99999" in whys[4]
    person1 = next(r for r in out if r["kind"] == "person" and r["person"] == 1)
    assert person1["assessment"] is None and person1["days_left_out"] == ["2026-01-01"]
    refused = {r["row"]: r["why"] for r in out if r["kind"] == "refused"}
    assert refused == {6: "no person", 8: "no day"}
    two = next(r for r in out if r["kind"] == "day" and r["person"] == 2)
    assert two["shortfall_mg"] is None and "'x' is not an age" in two["why"]
    assert two["food_intake_mg"] == 81.0  # the intake is still counted
    four = next(r for r in out if r["kind"] == "day" and r["person"] == 4)
    assert four["why"] == "this person's rows give more than one age: 35, 36"
    counted = sum(r["food_rows"] + r["supplement_rows"] + len(r["refused"])
                  for r in out if r["kind"] == "day")  # fmt: skip
    assert counted + len(refused) == len(rows)  # every row is counted or reported
    for r in out:
        adapter("survey").validate_python(r, strict=False)


def test_a_stream_needs_each_persons_rows_together():
    rows = [{"person": p, "food": "12061", "grams": 10, "age": 35, "sex": "f"} for p in (1, 2, 1)]
    out = list(magcalc.score(iter(rows)))
    assert [r["kind"] for r in out] == ["day", "day", "refused"]
    assert "not together" in out[2]["why"] and out[2]["row"] == 2
    assert len(magcalc.score(rows)) == 2  # a list is grouped for you


def test_each_distinct_food_text_is_resolved_once(monkeypatch):
    from magcalc.foods import Resolver

    calls = []
    real = Resolver.find
    monkeypatch.setattr(Resolver, "find", lambda self, name: calls.append(name) or real(self, name))
    rows = [{"person": p, "day": d, "food": f, "amount": "1 oz", "age": 35, "sex": "f"}
            for p in range(20) for d in (1, 2) for f in ("almonds", "cashews")]  # fmt: skip
    rows += [{"person": 99, "food": "almonds", "grams": g, "age": 35, "sex": "f", "day": 1}
             for g in (10, 20, 30)]  # fmt: skip
    assert len(magcalc.score(rows)) == 41
    assert sorted(calls) == ["almonds", "cashews"]


def test_notes_say_what_was_chosen():
    (day,) = magcalc.score([{"person": 1, "food": "banana", "age": 35, "sex": "f"}])
    assert any("no amount given" in n for n in day["notes"])


def test_nhanes_files_as_they_come(tmp_path):
    # DR1IFF (individual foods, day 1) and DEMO (demographics), as CSV exported from the XPT
    # files with pandas: codes as floats, extra columns left aside.
    iff = tmp_path / "dr1iff.csv"
    iff.write_text("SEQN,DR1ILINE,DR1IFDCD,DR1IGRMS,DR1IMAGN\n"
                   "130378.0,1.0,11111000.0,244.0,27.0\n130378.0,2.0,12061,30,81\n"
                   "130379.0,1.0,11111000.0,122.0,13.0\n", encoding="utf-8")  # fmt: skip
    demo = tmp_path / "demo.csv"
    demo.write_text("SEQN,RIAGENDR,RIDAGEYR,RIDEXPRG\n130378.0,2.0,35.0,1.0\n"
                    "130379.0,1.0,70.0,\n", encoding="utf-8")  # fmt: skip
    out = list(magcalc.score_file(str(iff), people=str(demo), per="both"))
    first, person, second, _ = out
    assert (first["person"], first["day"], first["condition"], first["sex"]) == (
        130378, 1, "pregnant", "female")  # fmt: skip
    milk = magcalc.intake(age=35, sex="f", pregnant=True, foods=["11111000:244 g", "12061:30 g"])
    assert first["food_intake_mg"] == milk["food_intake_mg"]
    assert first["target_mg"] == milk["target_mg"] == 360  # RDA in pregnancy, 31-50 years
    assert second["sex"] == "male" and second["age_years"] == 70
    assert person["kind"] == "person" and person["assessment"]["days"] == 1


def test_a_dataframe_in_gives_a_dataframe_out_with_the_same_columns_even_empty():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(_rows())
    out = magcalc.score(frame)
    assert list(out["person"]) == ["ann", "ann", "bob", "bob", "cat"]
    assert out["food_intake_mg"].dtype == "float64"
    # the DataFrame's index labels name refused rows
    frame.index = [f"r{i}" for i in range(len(frame))]
    frame.loc["r0", "food"] = "xyzzyq"
    refused = magcalc.score(frame).loc[1, "refused"]
    assert [r["row"] for r in refused] == ["r0"]
    empty = magcalc.score(frame.head(0))
    assert list(empty.columns) == list(out.columns)
    assert dict(empty.dtypes) == dict(out.dtypes)
    as_list = magcalc.score(_rows())
    assert out.to_dict("records")[0]["intake_mg"] == as_list[0]["intake_mg"]


def test_the_api_takes_what_people_pass_and_names_the_keyword():
    assert magcalc.intake(age=35, sex="f", foods="almonds:1 oz")["foods"][0]["food_id"] == "12061"
    with pytest.raises(magcalc.InputError) as e:
        magcalc.intake(age=35, sex="f", foods=["xyzzyq:1 oz"])
    assert e.value.param == "foods"
    with pytest.raises(magcalc.InputError) as e:
        magcalc.intake(age=35, sex="f", supplements="unobtainium:200 mg")
    assert e.value.param == "supplements"
    with pytest.raises(magcalc.InputError) as e:
        magcalc.intake(age="x", sex="f")
    assert e.value.param == "age"
    with pytest.raises(magcalc.InputError) as e:
        magcalc.intake(age=35, sex="f", foods_file="/no/such/file")
    assert e.value.param == "foods_file"
    with pytest.raises(magcalc.InputError) as e:
        magcalc.score(_rows(), per="week")
    assert e.value.param == "per"
    with pytest.raises(magcalc.InputError) as e:
        magcalc.score("person,food\n1,almonds")
    assert e.value.param == "rows"
    with pytest.raises(magcalc.InputError) as e:
        magcalc.score([{"who": 1, "food": "almonds"}])
    assert e.value.param == "columns" and "no person" in str(e.value)
    (day,) = magcalc.score([{"SEQN": 1, "what": "12061", "g": 30, "age": 35, "sex": "f"}],
                           columns={"food": "what"})  # fmt: skip
    assert day["food_intake_mg"] == 81.0


# ------------------------------------------------------------------------------- the CLI


def test_survey_csv_in_ndjson_out_and_back(tmp_path):
    path = tmp_path / "survey.csv"
    path.write_text("person,day,food,amount,grams,age,sex\n"
                    "1,2026-01-01,almonds,1 oz,,35,f\n1,2026-01-01,12061,,30,35,f\n"
                    "2,2026-01-01,xyzzyq,1 cup,,70,m\n", encoding="utf-8")  # fmt: skip
    result = run("survey", str(path), "--per", "both")
    assert result.exit_code == 0, result.stderr
    rows = [loads(line) for line in result.stdout.splitlines()]
    assert [r["kind"] for r in rows] == ["day", "person", "day", "person"]
    want = magcalc.intake(age=35, sex="f", foods=["almonds:1 oz", "12061:30 g"])
    assert rows[0]["intake_mg"] == want["intake_mg"]
    assert rows[2]["refused"][0]["row"] == 4  # the file's line
    assert "2 person-days, 2 people; 1 rows refused" in result.stderr
    ndjson = tmp_path / "survey.ndjson"
    row = {"person": 1, "day": "d", "food": "12061", "grams": 30, "age": 35, "sex": "f"}
    ndjson.write_text(
        json.dumps(row) + "\n" + json.dumps({**row, "grams": None}) + "\n", encoding="utf-8"
    )  # the second: no grams, so one almond, and said
    result = run("survey", str(ndjson), "--format", "csv")
    assert result.exit_code == 0, result.stderr
    import csv
    import io

    (line,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.startswith("kind,person,day,") and line["kind"] == "day"
    # 30 g and one almond, 1.2 g; a CSV rounds its figures as a table shows them
    assert float(line["intake_mg"]) == pytest.approx(81.0 + 270 * 1.2 / 100, abs=0.05)
    assert "no amount given" in line["notes"] and "no amount given" in result.stderr


def test_survey_has_no_line_limit(tmp_path, monkeypatch):
    from magcalc import files

    monkeypatch.setattr(files, "DIARY", files.Limits(files.DIARY.bytes, 10))  # made small
    path = tmp_path / "many.csv"
    path.write_text(
        "person,food,grams,age,sex\n" + "".join(f"{i // 5},12061,10,35,f\n" for i in range(50)),
        encoding="utf-8",
    )
    assert run("intake", "--age", "35", "--sex", "f", "--foods-file", str(path)).exit_code == 2
    result = run("survey", str(path))
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 10


def test_survey_errors_are_one_line():
    result = run("survey", "-", input="a,b\n1,2\n")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "Invalid value for 'FILE'" in result.stderr and "no person" in result.stderr
    result = run("survey", "/no/such.csv")
    assert result.exit_code == 2 and "Invalid value for 'FILE'" in result.stderr
    odd = '{"person": 1, "food": ["12061"], "grams": {"g": 3}, "age": [35], "sex": "f"}\n'
    result = run("survey", "-", input=odd)  # values of the wrong kind: refused, not a crash
    assert result.exit_code == 0 and '"why"' in result.stdout, result.stderr
    result = run("survey", "-", input=b"person,food\n1,\xff\n")
    assert result.exit_code == 2 and "not UTF-8" in result.stderr
    result = run("survey", "-", "--column", "person")
    assert result.exit_code == 2 and "FIELD=NAME" in result.stderr


FOOD_POOL = ["12061", "11111000", "09040", "almonds", "banana", "oatmeal:1 cup", "coke:1 can",
             "black beans", "spinach, boiled", "supplement: glycinate"]  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FOOD_POOL), st.integers(1, 4000)), min_size=1,
                max_size=8))  # fmt: skip
def test_any_day_equals_intake_of_that_day(foods):
    rows, texts, taken = [], [], []
    for food, tenths in foods:
        amount = tenths / 10
        if food.startswith("supplement"):
            rows.append({"food": food, "amount": f"{amount:g} mg"})
            taken.append(f"glycinate:{amount:g} mg")
        elif food.isdigit():
            rows.append({"food": food, "grams": amount})
            texts.append(f"{food}:{amount!r} g")
        else:
            rows.append({"food": food})
            texts.append(food)
    (day,) = magcalc.score([{"person": 1, "age": 40, "sex": "m", **r} for r in rows])
    want = magcalc.intake(age=40, sex="m", foods=texts, supplements=taken)
    assert day["refused"] == []
    for key in ("food_intake_mg", "supplement_intake_mg", "intake_mg", "shortfall_mg"):
        assert day[key] == want[key], key
