"""The scripting contract: JSON Schema, formats, files and stdin, exit codes, env defaults."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from magcalc.schema import OUTPUTS, json_schema
from tests.conftest import fails, finite, loads, run, valid

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schema" / "intake.schema.json"

SAMPLES = [
    ["--age", "35", "--sex", "f", "--food", "almonds:1 oz", "--food", "spinach, boiled:1/2 cup"],
    ["--age", "6m", "--sex", "m"],
    ["--age", "6", "--sex", "f", "--food", "banana"],
    ["--age", "28", "--sex", "f", "--pregnant", "--supplement", "citrate:1000 mg salt"],
    ["--age", "70", "--sex", "m", "--supplement", "oxide:500 mg", "--goal", "exercise"],
    ["--age", "40", "--sex", "f", "--food", "12014:200 g"],
]


def _json_out(*args: str):
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return loads(result.stdout)


def test_every_output_has_a_schema_and_a_name():
    from magcalc.choices import SCHEMAS

    assert sorted(SCHEMAS) == sorted(OUTPUTS)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_committed_schema_matches_the_result_types(name):
    """Regenerate with: magcalc schema NAME > schema/NAME.schema.json"""
    committed = ROOT / "schema" / f"{name}.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == json_schema(name)
    assert json.loads(run("schema", name).stdout) == json_schema(name)


@pytest.mark.parametrize("args", SAMPLES)
def test_real_outputs_validate_against_the_schema(args):
    out = _json_out("intake", *args, "--json")
    jsonschema.validate(out, json.loads(COMMITTED.read_text(encoding="utf-8")))
    valid("intake", out)
    assert finite(out)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("foods-search", ["foods", "search", "milk"]),
        ("foods-show", ["foods", "show", "12061"]),
        ("foods-show", ["foods", "show", "58106230"]),
        ("foods-top", ["foods", "top"]),
        ("foods-groups", ["foods", "groups"]),
        ("forms", ["forms"]),
    ],
)
def test_other_json_outputs_validate(name, args):
    out = _json_out(*args, "--json")
    jsonschema.validate(out, _json_out("schema", name))
    valid(name, out)


def test_schema_keys_are_snake_case_and_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for key in json_schema("intake")["properties"]:
        assert key == key.lower() and " " not in key
        assert f"`{key}`" in readme, key


def test_a_broken_output_fails_validation():
    out = _json_out("intake", *SAMPLES[0], "--json")
    del out["shortfall_mg"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(out, json_schema("intake"))
    out = _json_out("intake", *SAMPLES[0], "--json")
    out["foods"][0]["mg"] = -1.0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(out, json_schema("intake"))


# ------------------------------------------------------------------------------ formats


def test_json_flag_equals_format_json():
    assert (
        run("intake", *SAMPLES[0], "--json").stdout
        == run("intake", *SAMPLES[0], "--format", "json").stdout
    )


def test_csv_has_a_header_and_a_row_per_food():
    result = run("intake", *SAMPLES[0], "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["food_id"] for r in rows] == ["12061", "11458"]
    assert rows[0]["mg"] == "76.5" and rows[1]["mg"] == "78.3"  # as the table shows them
    summary = list(csv.DictReader(io.StringIO(
        run("intake", *SAMPLES[0], "--format", "csv", "--rows", "summary").stdout)))  # fmt: skip
    assert len(summary) == 1
    assert summary[0]["intake_mg"] == "154.8" and summary[0]["shortfall_mg"] == "165.2"


def test_csv_and_ndjson_carry_what_the_json_carries():
    args = ("intake", *SAMPLES[3])
    out = _json_out(*args, "--json")
    rows = [json.loads(line) for line in run(*args, "--format", "ndjson").stdout.splitlines()]
    kinds = [r["kind"] for r in rows]
    assert kinds.count("supplement") == len(out["supplements_taken"]) == 1
    assert kinds.count("option") == len(out["supplements"])
    assert kinds.count("advice") == len(out["advice"])
    assert kinds.count("warning") == len(out["warnings"])
    taken = rows[kinds.index("supplement")]
    assert taken["elemental_mg"] == pytest.approx(162, abs=0.1)
    assert rows[-1]["kind"] == "total" and rows[-1]["intake_mg"] == out["intake_mg"]


def test_ndjson_numbers_in_full():
    rows = [loads(line) for line in run("intake", "--age", "35", "--sex", "f", "--food",
            "almonds:1 oz", "--format", "ndjson").stdout.splitlines()]  # fmt: skip
    food = next(r for r in rows if r["kind"] == "food")
    assert food["mg"] == 270 * 28.349523125 / 100  # not rounded: the CSV rounds, not this


@pytest.mark.parametrize("fmt", ["table", "json", "ndjson", "csv"])
def test_no_ansi_codes_when_not_a_terminal(fmt):
    result = run("intake", *SAMPLES[0], "--format", fmt)
    assert "\x1b[" not in result.stdout and "\x1b[" not in result.stderr


def test_no_ansi_codes_with_no_color_even_when_forced_to_a_terminal():
    forced = run("intake", *SAMPLES[0], env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"})
    assert "\x1b[" in forced.stdout  # the check below can fail
    plain = run("intake", *SAMPLES[0], env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in plain.stdout


def test_results_on_stdout_warnings_on_stderr():
    result = run("intake", "--age", "30", "--sex", "f", "--food", "banana", "--json")
    assert "warning: 'banana': no amount given" in result.stderr
    assert "warning" not in result.stdout.split('"warnings"')[0]


# --------------------------------------------------------------------- files and stdin


def test_stdin_pipe():
    result = run(
        "intake", "--age", "35", "--sex", "f", "--foods-file", "-", "--json",
        input="almonds:1 oz\nbanana:1 medium\n",
    )  # fmt: skip
    out = json.loads(result.stdout)
    assert [f["food_id"] for f in out["foods"]] == ["12061", "09040"]
    assert out["shortfall_mg"] == pytest.approx(320 - 76.5 - 31.9, abs=0.1)


def test_line_file_with_comments_and_blank_lines(tmp_path):
    path = tmp_path / "day.txt"
    path.write_text(
        "# breakfast\n\nalmonds:1 oz   # a handful\n  banana:1 medium\n# dinner\n"
        "spinach, boiled:1/2 cup\n",
        encoding="utf-8",
    )
    out = _json_out("intake", "--age", "35", "--sex", "f", "--foods-file", str(path), "--json")
    assert [f["food_id"] for f in out["foods"]] == ["12061", "09040", "11458"]


def test_csv_file_with_and_without_unit_column(tmp_path):
    with_unit = tmp_path / "a.csv"
    with_unit.write_text('food,amount,unit\nalmonds,1,oz\n"spinach, boiled",1/2,cup\n')
    without = tmp_path / "b.csv"
    without.write_text("Food,Amount\nalmonds,1 oz\n")
    a = _json_out("intake", "--age", "35", "--sex", "f", "--foods-file", str(with_unit), "--json")
    b = _json_out("intake", "--age", "35", "--sex", "f", "--foods-file", str(without), "--json")
    assert [round(f["mg"], 1) for f in a["foods"]] == [76.5, 78.3]
    assert [round(f["mg"], 1) for f in b["foods"]] == [76.5]


def test_file_and_food_options_add_up(tmp_path):
    path = tmp_path / "day.txt"
    path.write_text("banana:1 medium\n")
    out = _json_out("intake", "--age", "35", "--sex", "f", "--food", "almonds:1 oz",
                    "--foods-file", str(path), "--json")  # fmt: skip
    assert len(out["foods"]) == 2


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"almonds:1 oz\nbanana:1 bucket\n", ":2: 'banana': unit 'bucket' is not known"),
        (b"almonds:1 oz\nxqzvw qqzv:1 oz\n", ":2: no food matches 'xqzvw qqzv'"),
        (b"almonds:1 oz\n\n# c\nalmonds:-1 oz\n", ":4: amount '-1 oz' must be more than zero"),
        (b"almonds:1 oz\n:\n", ":2: --food is empty"),
        (b"food,amount,unit\nalmonds,1\n", ":2: 2 fields; the header has 3"),
        (b"food,amount\n,1 oz\n", ":2: the food is empty"),
        (b"almonds:1 oz\n\xff\xfe bad\n", ":2: not UTF-8 text"),
        (b"\x00\x01\x02binary", "a binary file, not text"),
        (b"almonds\x07:1 oz\n", ":1: --food contains a control or invisible character"),
    ],
)
def test_bad_file_fails_whole_with_path_and_line(tmp_path, content, says):
    path = tmp_path / "day.txt"
    path.write_bytes(content)
    line = fails("intake", "--age", "35", "--sex", "f", "--foods-file", str(path))
    assert "--foods-file" in line and says in line
    if ":" in says[:3]:
        assert f"{path}{says.split(' ')[0]}" in line


def test_missing_unreadable_and_directory_files(tmp_path):
    assert "no such file" in fails(
        "intake", "--age", "35", "--sex", "f", "--foods-file", str(tmp_path / "nope.txt")
    )
    assert "is a directory" in fails(
        "intake", "--age", "35", "--sex", "f", "--foods-file", str(tmp_path)
    )


def test_unreadable_file(tmp_path, monkeypatch):
    def denied(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    path = tmp_path / "x.txt"
    path.write_text("almonds:1 oz\n")
    monkeypatch.setattr("magcalc.files.os.open", denied)
    line = fails("intake", "--age", "35", "--sex", "f", "--foods-file", str(path))
    assert "cannot be read (Permission denied)" in line


def test_huge_file_is_refused(tmp_path, monkeypatch):
    from magcalc import files

    monkeypatch.setattr(files, "DIARY", files.Limits(1000, files.DIARY.lines))
    path = tmp_path / "huge.txt"
    path.write_text("almonds:1 oz\n" * 200)
    assert "larger than" in fails("intake", "--age", "35", "--sex", "f", "--foods-file", str(path))


def test_too_many_lines_is_refused(tmp_path, monkeypatch):
    from magcalc import files

    monkeypatch.setattr(files, "DIARY", files.Limits(files.DIARY.bytes, 10))
    path = tmp_path / "long.txt"
    path.write_text("almonds:1 oz\n" * 11)
    assert "at most 10" in fails("intake", "--age", "35", "--sex", "f", "--foods-file", str(path))


def test_a_line_too_long_is_refused_with_its_number(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("almonds:1 oz\n" + "x" * 200_000 + "\n")
    assert ":2: more than 10,000 characters on one line" in fails(
        "intake", "--age", "35", "--sex", "f", "--foods-file", str(path)
    )


def test_empty_file_counts_no_food(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("# nothing today\n")
    out = _json_out("intake", "--age", "35", "--sex", "f", "--foods-file", str(path), "--json")
    assert out["foods"] == [] and "no foods given" in out["warnings"][0]


# --------------------------------------------------------------------------- exit codes


def test_fail_on_shortfall_exits_3_when_short_and_0_when_not():
    short = run("intake", "--age", "35", "--sex", "f", "--food", "almonds:1 oz",
                "--fail-on-shortfall", "--json")  # fmt: skip
    assert short.exit_code == 3 and json.loads(short.stdout)["shortfall_mg"] > 0
    enough = run("intake", "--age", "35", "--sex", "f", "--food", "12014:100 g",
                 "--fail-on-shortfall", "--json")  # fmt: skip
    assert enough.exit_code == 0


def test_environment_defaults():
    env = {"MAGCALC_AGE": "30", "MAGCALC_SEX": "m", "MAGCALC_FORMAT": "json"}
    out = json.loads(run("intake", env=env).stdout)
    assert (out["age_years"], out["sex"], out["target_mg"]) == (30, "male", 400)
    over = json.loads(run("intake", "--age", "9m", env=env).stdout)
    assert over["target_kind"] == "AI"  # an option on the line wins over the environment
    assert "MAGCALC_AGE" in run("intake", "--help").stdout


def test_bad_environment_value_is_a_clear_error():
    result = run("intake", env={"MAGCALC_AGE": "old", "MAGCALC_SEX": "f"})
    assert result.exit_code == 2 and "'old' is not an age" in result.stderr


def test_debug_shows_the_traceback(monkeypatch):
    from magcalc import totals

    monkeypatch.setattr(totals, "compute", lambda *_, **__: 1 / 0)
    assert "--debug" in fails("intake", "--age", "30", "--sex", "f", code=1)
    result = run("--debug", "intake", "--age", "30", "--sex", "f")
    assert result.exit_code == 1 and isinstance(result.exception, ZeroDivisionError)


# --------------------------------------------------------------------------- completion


def _complete(shell: str, words: str) -> str:
    env = {"_MAGCALC_COMPLETE": f"{shell}_complete", "COMP_WORDS": words, "COMP_LINE": words,
           "COMP_CWORD": str(len(words.split()) - 1)}  # fmt: skip
    return run(env=env).stdout


def test_completion_of_commands_options_and_food_names():
    assert "intake" in _complete("bash", "magcalc in")
    assert "--foods-file" in _complete("bash", "magcalc intake --foo")
    foods = _complete("bash", "magcalc intake --food pumpk")
    assert "pumpkin seeds" in foods


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts(shell):
    result = run(env={"_MAGCALC_COMPLETE": f"{shell}_source"})
    assert result.exit_code == 0 and "_MAGCALC_COMPLETE" in result.stdout


def test_choices_come_from_one_place():
    from magcalc import choices, cli

    options = {p.name: p for p in cli.intake.params}
    assert tuple(options["foods_format"].type.choices) == choices.LAYOUTS
    assert tuple(options["goal"].type.choices) == choices.GOALS
    assert tuple(options["fmt"].type.choices) == choices.FORMATS
