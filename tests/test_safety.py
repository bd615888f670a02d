"""Nothing silently wrong: limits checked per day, impossible numbers refused, every output
complete and safe, a bad cache only costing time. (The upper limit per day, unlogged
Cronometer days and decimal commas are tested in test_usual.py; ages like '3_5' and ids like
'12' in test_errors.py; totals that add up and CSV numbers in full in test_intake.py and
test_contract.py.)"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import fails, finite, intake_json, loads, run

WOMAN = ("--age", "35", "--sex", "f")
MAGCALC = str(Path(sys.executable).parent / "magcalc")


# ------------------------------------------------------------------------------- safety


def test_no_food_is_suggested_to_an_infant():
    out = intake_json("--age", "0", "--sex", "f")
    assert out["food_suggestions"] == []
    assert any("breast milk or formula supply the AI of 30 mg" in a for a in out["advice"])


def test_no_whole_nuts_or_seeds_are_suggested_under_4_years():
    out = intake_json("--age", "2", "--sex", "m")
    names = " ".join(s["description"].lower() for s in out["food_suggestions"])
    assert out["food_suggestions"] and "seeds" not in names and "nuts," not in names
    assert any("choking hazard" in a for a in out["advice"])
    older = intake_json("--age", "5", "--sex", "m")
    assert "seeds" in " ".join(s["description"].lower() for s in older["food_suggestions"])


def test_oxide_taken_is_advised_against_with_a_better_form():
    out = intake_json(*WOMAN, "--supplement", "oxide:250 mg", "--goal", "exercise")
    (warning,) = [w for w in out["warnings"] if w.startswith("oxide is taken")]
    assert "poorly absorbed" in warning and "malate first" in warning


def test_timing_advice_stays_when_supplements_close_the_gap():
    out = intake_json(*WOMAN, "--supplement", "glycinate:350 mg", "--goal", "night-cramps")
    assert out["shortfall_mg"] == 0 and out["supplement_dose_mg"] == 0
    assert any("before bed" in a or "bedtime" in a for a in out["advice"])


# ------------------------------------------------------------------- impossible numbers


@pytest.mark.parametrize("value", ["nan", "inf", "1e-320", "0", "-5", "3000"])
def test_impossible_sd_within_is_refused(tmp_path, value):
    path = tmp_path / "d.txt"
    path.write_text("# 2026-01-01\nbanana:1\n# 2026-01-02\nbanana:2\n")
    line = fails("intake", "--age", "9m", "--sex", "f", "--foods-file", str(path),
                 "--sd-within", value)  # fmt: skip
    assert "--sd-within" in line


def test_json_is_written_so_that_nan_cannot_be():
    from magcalc.render import write_json

    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        write_json({"x": float("nan")}, io.StringIO())


def test_implausible_food_amounts_are_refused():
    assert "more than 5,000 g" in fails("intake", *WOMAN, "--food", "almonds:6 kg")


# ------------------------------------------------------------------ every output complete


def test_csv_and_ndjson_carry_diary_dates_and_cronometer_servings():
    fixtures = Path(__file__).parent / "fixtures"
    week = ("intake", *WOMAN, "--foods-file", str(fixtures / "week.txt"), "--format", "csv")
    foods = list(csv.DictReader(io.StringIO(run(*week).stdout)))
    assert foods and all(r["date"] for r in foods)
    days = list(csv.DictReader(io.StringIO(run(*week, "--rows", "days").stdout)))
    assert [r["date"] for r in days][:2] == ["2026-11-16", "2026-11-17"]
    servings = [
        json.loads(line) for line in run("intake", *WOMAN, "--foods-file",
            str(fixtures / "cronometer-servings.csv"), "--format", "ndjson").stdout.splitlines()
    ]  # fmt: skip
    logged = [r for r in servings if r["kind"] == "logged"]
    assert len(logged) == 9 and logged[0]["name"] == "Bread, Whole Wheat"


def _magcalc(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    full = {**{k: v for k, v in os.environ.items() if not k.startswith("MAGCALC")}, **(env or {})}
    return subprocess.run([MAGCALC, *args], env=full, capture_output=True, **kw)


def test_output_that_cannot_be_written_is_an_error():
    closed = subprocess.run(f"{MAGCALC} intake --age 35 --sex f --food almonds:1oz --format csv "
                            ">&-", shell=True, capture_output=True, text=True)  # fmt: skip
    assert closed.returncode == 1 and "could not write the results" in closed.stderr
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            done = subprocess.run([MAGCALC, "intake", *WOMAN, "--json"], stdout=full,
                                  stderr=subprocess.PIPE, text=True)  # fmt: skip
        assert done.returncode == 1
        assert "could not write the results: No space left on device" in done.stderr
        assert "internal error" not in done.stderr


def test_zero_columns_is_not_a_width():
    table = _magcalc("intake", *WOMAN, "--food", "almonds:1 oz", env={"COLUMNS": "0"}, text=True)
    assert table.returncode == 0 and "Shortfall" in table.stdout
    helped = _magcalc("--help", env={"COLUMNS": "0"}, text=True)
    assert helped.returncode == 0 and "Usage" in helped.stdout


def test_an_ascii_terminal_gets_escapes_not_a_crash():
    for fmt in ("table", "json"):
        done = _magcalc("intake", *WOMAN, "--format", fmt, env={"PYTHONIOENCODING": "ascii"})
        assert done.returncode == 0, done.stderr
        done.stdout.decode("ascii")
    out = _magcalc("intake", *WOMAN, "--json", env={"PYTHONIOENCODING": "ascii"}).stdout
    assert json.loads(out)["advice"][0].startswith("\u201c")  # escaped, and still the text


def test_bad_bytes_and_controls_are_never_echoed_raw(tmp_path):
    path = tmp_path / "day.txt"
    path.write_bytes(b"almonds\xff:1 oz\n")
    err = _magcalc("intake", *WOMAN, "--foods-file", str(path)).stderr
    err.decode("utf-8")
    done = _magcalc("intake", *WOMAN, "--food", "evil\x1b[31m\u202e:1 oz")
    text = done.stderr.decode("utf-8")
    assert done.returncode == 2 and "\x1b" not in text and "\u202e" not in text
    done = _magcalc("foods", "search", "evil\x1b[2J\u202ename")
    assert "\x1b" not in done.stderr.decode("utf-8") and "\u202e" not in done.stderr.decode()


# ------------------------------------------------------------ refusals, not tracebacks


def test_csv_layout_without_a_food_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("name,qty\nalmonds,1 oz\n")
    line = fails("intake", *WOMAN, "--foods-file", str(path), "--foods-format", "csv")
    assert ":1: the first line must be a header food,amount" in line


def test_a_one_line_file_read_as_csv_is_not_taken_as_a_header(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("almonds:1 oz\n")
    line = fails("intake", *WOMAN, "--foods-file", str(path), "--foods-format", "csv")
    assert "the first line must be a header" in line


def test_stdin_closed():
    done = subprocess.run(f"{MAGCALC} intake --age 35 --sex f --foods-file - <&-", shell=True,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "stdin is closed" in done.stderr or "cannot be read" in done.stderr


def test_ctrl_c_exits_130_with_one_line(monkeypatch):
    from magcalc import totals

    def interrupted(*_, **__):
        raise KeyboardInterrupt

    monkeypatch.setattr(totals, "compute", interrupted)
    done = run("intake", *WOMAN)
    assert done.exit_code == 130 and done.stderr.strip() == "Interrupted."


def test_debug_zero_means_off(monkeypatch):
    from magcalc import totals

    monkeypatch.setattr(totals, "compute", lambda *_, **__: 1 / 0)
    done = run("intake", *WOMAN, env={"MAGCALC_DEBUG": "0"})
    assert done.exit_code == 1 and "internal error" in done.stderr
    assert not isinstance(done.exception, ZeroDivisionError)


def test_bare_magcalc_shows_the_help_without_an_error():
    done = _magcalc(text=True)
    assert done.returncode == 0 and "Usage: magcalc" in done.stdout
    assert "Error" not in done.stdout + done.stderr


# --------------------------------------------------------------- the cache of a checkout


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache directory, and no packaged catalogue: the checkout's path."""
    from magcalc import store
    from tests.conftest import clear_caches

    monkeypatch.setattr(store, "PACKAGED", str(tmp_path / "none"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    clear_caches()
    yield tmp_path / "cache" / "magcalc"
    clear_caches()


def _use_catalogue() -> None:
    from magcalc import store
    from tests.conftest import clear_caches

    clear_caches()
    assert store.food("12061").mg_per_100g == 270


def test_the_cache_is_built_once_and_checked(cache):
    _use_catalogue()
    (built,) = cache.glob("catalogue-*.sqlite")
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    _use_catalogue()
    assert list(cache.glob("catalogue-*.sqlite")) == [built]
    assert not list(cache.glob(".catalogue-*"))  # no temporary file left behind


def test_a_tampered_cache_is_rebuilt_not_trusted(cache):
    _use_catalogue()
    (built,) = cache.glob("catalogue-*.sqlite")
    data = bytearray(built.read_bytes())
    i = data.find(b"Nuts, almonds")
    data[i : i + 13] = b"Nuts, XXXXXXX"
    built.write_bytes(bytes(data))
    _use_catalogue()
    from magcalc import store

    assert store.food("12061").description == "Nuts, almonds"


@pytest.mark.parametrize("kind", ["fifo", "symlink", "garbage"])
def test_a_planted_cache_file_is_ignored(cache, kind):
    from magcalc.build import inputs_digest

    cache.mkdir(parents=True)
    planted = cache / f"catalogue-{inputs_digest()}-{'0' * 64}.sqlite"
    if kind == "fifo":
        os.mkfifo(planted)
    elif kind == "symlink":
        planted.symlink_to("/dev/zero")
    else:
        planted.write_text('{"format": 4}')
    _use_catalogue()  # neither hangs, nor reads forever, nor fails


def test_an_empty_or_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    from magcalc.store import cache_dir

    monkeypatch.setenv("HOME", str(tmp_path))
    for value in ("", "relative/cache"):
        monkeypatch.setenv("XDG_CACHE_HOME", value)
        assert cache_dir() == str(tmp_path / ".cache" / "magcalc")


def test_a_missing_home_is_never_created(tmp_path, monkeypatch):
    from magcalc import store

    monkeypatch.setenv("HOME", str(tmp_path / "gone"))
    monkeypatch.setenv("XDG_CACHE_HOME", "")
    monkeypatch.setattr(store, "PACKAGED", str(tmp_path / "none"))
    assert store.cache_dir() is None
    _use_catalogue()  # built for this run alone
    assert not (tmp_path / "gone").exists()


# ------------------------------------------------------------------ no NaN, valid UTF-8

_LINES = ["almonds:1 oz", "banana:1", "milk:1 glass", "spinach, boiled:1/2 cup",
          "supplement: glycinate:200 mg", "bagel:2", "coke:1 can"]  # fmt: skip
_line = st.one_of(st.sampled_from(_LINES), st.text(max_size=30))
_file = st.lists(st.one_of(_line, st.sampled_from(["# 2026-01-01", "# 2026-01-02"])),
                 max_size=12)  # fmt: skip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_file, st.sampled_from(["json", "ndjson", "csv"]))
def test_no_output_ever_holds_nan_or_invalid_utf8(lines, fmt):
    done = run("intake", *WOMAN, "--foods-file", "-", "--format", fmt, input="\n".join(lines))
    assert done.exit_code in (0, 2), done.stderr
    done.stdout_bytes.decode("utf-8")
    done.stderr_bytes.decode("utf-8")
    if done.exit_code == 0:
        assert "NaN" not in done.stdout and "Infinity" not in done.stdout
        if fmt == "json":
            assert finite(loads(done.stdout))
        elif fmt == "ndjson":
            assert all(finite(loads(line)) for line in done.stdout.splitlines())
