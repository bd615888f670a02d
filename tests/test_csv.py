"""An intake's CSV is a file to send someone: one kind of row, figures as displayed, the date
and the meal kept, UTF-8 (with a byte-order mark for spreadsheets when asked)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from magcalc.render import DAY_COLUMNS, FOOD_COLUMNS
from tests.conftest import fails, loads, run

FIXTURES = Path(__file__).parent / "fixtures"
WOMAN = ("intake", "--age", "35", "--sex", "f")


def _csv(*args: str) -> tuple[list[str], list[dict]]:
    result = run(*args, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    return list(reader.fieldnames or []), list(reader)


def test_foods_by_default_one_kind_of_row_rounded_as_displayed():
    head, rows = _csv(*WOMAN, "--food", "almonds:1 oz", "--supplement", "glycinate:100 mg")
    assert head == FOOD_COLUMNS  # no kind column, no warning or advice rows
    (almonds,) = rows
    # 1 oz = 28.349523125 g at 270 mg per 100 g = 76.54 mg: as the table shows them.
    assert (almonds["grams"], almonds["mg"], almonds["mg_per_100g"]) == ("28.3", "76.5", "270")
    assert (almonds["date"], almonds["meal"], almonds["amount"]) == ("", "", "1")


def test_a_cronometer_week_keeps_its_dates_and_meals():
    _, rows = _csv(*WOMAN, "--foods-file", str(FIXTURES / "cronometer-free-week.csv"),
                   "--best-guess")  # fmt: skip
    assert (rows[0]["date"], rows[0]["meal"]) == ("2026-11-16", "Breakfast")
    assert {r["meal"] for r in rows} == {"Breakfast", "Lunch", "Dinner", "Snacks"}
    assert all(r["food_id"] for r in rows)  # supplements are not food rows


def test_an_export_with_magnesium_gives_its_servings_as_foods():
    _, rows = _csv(*WOMAN, "--foods-file", str(FIXTURES / "cronometer-servings.csv"))
    assert rows[0]["query"] == "Bread, Whole Wheat" and rows[0]["source"] == "Cronometer export"
    assert (rows[0]["meal"], rows[0]["mg"], rows[0]["portion"]) == (
        "Breakfast",
        "46",
        '2.00 slice (4" x 4")',
    )
    assert "Magnesium Glycinate" not in {r["query"] for r in rows}  # a supplement


def test_a_diary_meal_heading_is_kept(tmp_path):
    diary = tmp_path / "diary.txt"
    diary.write_text("# 2026-11-20\n## breakfast\noatmeal:1 cup\n## lunch\nalmonds:1 oz\n")
    _, rows = _csv(*WOMAN, "--foods-file", str(diary))
    assert [(r["date"], r["meal"], r["query"]) for r in rows] == [
        ("2026-11-20", "breakfast", "oatmeal:1 cup"), ("2026-11-20", "lunch", "almonds:1 oz"),
    ]  # fmt: skip


def test_days_rows():
    head, rows = _csv(*WOMAN, "--foods-file", str(FIXTURES / "week.txt"), "--rows", "days")
    assert head == DAY_COLUMNS and len(rows) == 7
    # 2026-11-16: oatmeal 63.2 + banana 31.9 + almonds 76.5 + spinach 78.3 = 249.9 mg of food
    # (the snapshot's figures), glycinate 100 mg: 349.9 mg, 109.3 % of the RDA 320 mg.
    first = rows[0]
    assert (first["date"], first["food_mg"], first["supplement_mg"]) == ("2026-11-16", "249.9",
                                                                         "100")  # fmt: skip
    assert (first["intake_mg"], first["percent_of_target"]) == ("349.9", "109.3")
    _, single = _csv(*WOMAN, "--food", "almonds:1 oz", "--rows", "days")
    assert [(r["date"], r["intake_mg"]) for r in single] == [("", "76.5")]


def test_a_summary_row():
    _, rows = _csv(*WOMAN, "--foods-file", str(FIXTURES / "week.txt"), "--rows", "summary")
    (row,) = rows
    assert (row["target_mg"], row["days"], row["sd_within_mg"]) == ("320", "7", "86")
    assert row["confidence_adequate"] and float(row["confidence_adequate"]) <= 1
    assert len(row["confidence_adequate"]) <= 4  # a share to two decimals, as shown


def test_bom_for_spreadsheets_and_utf8(own_home):
    folder = own_home / "config" / "magcalc"
    folder.mkdir(parents=True)
    (folder / "foods.csv").write_text("name,mg,per\nCrème fraîche bar,20,1 bar=30 g\n",
                                      encoding="utf-8")  # fmt: skip
    args = (*WOMAN, "--food", "Crème fraîche bar:1 bar", "--format", "csv")
    plain = run(*args).stdout_bytes
    assert not plain.startswith(b"\xef\xbb\xbf") and "Crème fraîche".encode() in plain
    marked = run(*args, "--bom").stdout_bytes
    assert marked.startswith(b"\xef\xbb\xbf") and marked[3:] == plain


def test_rows_and_bom_only_where_they_mean_something():
    assert "--rows is for --format csv or ndjson" in fails(*WOMAN, "--rows", "days", "--json")
    assert "--bom is for --format csv" in fails(*WOMAN, "--bom", "--format", "ndjson")
    lines = run(*WOMAN, "--food", "almonds:1 oz", "--format", "ndjson", "--rows", "days")
    (day,) = [loads(line) for line in lines.stdout.splitlines()]
    assert day["intake_mg"] == 270 * 28.349523125 / 100  # NDJSON keeps the figures whole
