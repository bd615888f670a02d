"""The built wheel, installed in a fresh virtual environment, works from a scratch directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TABLES = [
    "rda.yaml", "foods.csv", "portions.csv", "fndds_foods.csv", "fndds_portions.csv",
    "aliases.csv", "synonyms.csv", "servings.csv", "forms.yaml", "within_person_sd.csv",
    "within_person_sd_nhanes.csv", "PROVENANCE.md",
]  # fmt: skip

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (built,) = out.glob("magcalc-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Path:
    """bin/ of a fresh venv with the wheel (and its dependencies) installed."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [
            str(bin_dir / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
    )
    return bin_dir


def test_wheel_carries_the_tables(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for table in TABLES:
        assert f"magcalc/data/{table}" in names
    assert "magcalc/catalogue.sqlite" in names  # the tables, validated and indexed at build time


def _run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run(
        [str(bin_dir / "magcalc"), *args], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_installed_tool_finds_its_data(installed, tmp_path):
    done = _run(
        installed,
        "intake",
        "--age",
        "35",
        "--sex",
        "f",
        "--food",
        "almonds:1 oz",
        "--json",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert round(out["foods"][0]["mg"], 1) == 76.5
    assert out["target_mg"] == 320
    where = subprocess.run(
        [str(installed / "python"), "-c", "from magcalc.data import data_dir; print(data_dir())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert "site-packages" in where and not where.startswith(str(ROOT))


def test_installed_tool_table_and_errors(installed, tmp_path):
    table = _run(installed, "intake", "--age", "9m", "--sex", "m", cwd=tmp_path)
    assert table.returncode == 0 and "AI" in table.stdout
    bad = _run(installed, "intake", "--age", "-3", "--sex", "m", cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_installed_tool_matches_nih_food_table(installed, tmp_path):
    """NIH's Table 2 servings through the installed wheel, in one run."""
    from tests.test_foods import NIH_TABLE_2, TOLERANCE

    args = [a for spec, _ in NIH_TABLE_2 for a in ("--food", spec)]
    done = _run(installed, "intake", "--age", "40", "--sex", "f", *args, "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    foods = json.loads(done.stdout)["foods"]
    for (spec, nih_mg), food in zip(NIH_TABLE_2, foods, strict=True):
        assert abs(food["mg"] - nih_mg) / nih_mg <= TOLERANCE.get(spec, 0.15), food


def test_installed_tool_searches_foods(installed, tmp_path):
    done = _run(installed, "foods", "search", "almonds", "--limit", "3", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["food_id"] == "12061"


def test_installed_tool_recognises_the_judged_lists(installed, tmp_path):
    """Every judged list through the installed wheel, as the evaluation script runs them."""
    from tests.recognition import FILES, check

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MAGCALC_"))}
    figures = []
    for flag in ([], ["--guess"]):
        done = subprocess.run([str(installed / "python"), "-m", "magcalc.resolver.evaluate",
                               "--json", *flag, *FILES], cwd=tmp_path, env=env,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
        figures.append(json.loads(done.stdout))
    check(*figures)


def test_installed_tool_keeps_a_week(installed, tmp_path):
    """A week of meals and supplements kept with `log add`, a recipe and a product reused by
    name, seen with `log show`: the installed tool in a fresh XDG home."""
    from tests.test_own import PRODUCTS, SMOOTHIE, SMOOTHIE_SERVING_MG

    home = tmp_path / "home"
    (home / "config" / "magcalc" / "recipes").mkdir(parents=True)
    (home / "config" / "magcalc" / "recipes" / "green smoothie.txt").write_text(SMOOTHIE)
    (home / "config" / "magcalc" / "products.csv").write_text(PRODUCTS)
    (home / "config" / "magcalc" / "config.toml").write_text('age = 35\nsex = "f"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MAGCALC_"))}
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"))

    def magcalc(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(installed / "magcalc"), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True)  # fmt: skip

    for day in range(18, 25):
        done = magcalc("log", "add", "green smoothie:1 serving", "1 cup oatmeal", "--supplement",
                       "nature made oxide:1 tablet", "--date", f"2026-11-{day}")  # fmt: skip
        assert done.returncode == 0, done.stderr
    shown = magcalc("log", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    out = json.loads(shown.stdout)
    assert len(out["days"]) == 7 and out["assessment"]["days"] == 7
    smoothie = [f for f in out["foods"] if f["source"] == "your recipe"]
    assert len(smoothie) == 7 and abs(smoothie[0]["mg"] - SMOOTHIE_SERVING_MG) < 0.01
    assert {d["supplement_mg"] for d in out["days"]} == {250}
    assert magcalc("log", "show").returncode == 0


def test_installed_tool_scores_a_survey(installed, tmp_path):
    """`magcalc survey` from a clean install, equal to `magcalc intake` on the same day."""
    (tmp_path / "survey.csv").write_text(
        "SEQN,DR1IFDCD,DR1IGRMS,RIDAGEYR,RIAGENDR\n1,12061,30,35,2\n1,11111000,244,35,2\n",
        encoding="utf-8",
    )
    done = _run(installed, "survey", "survey.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    (day,) = [json.loads(line) for line in done.stdout.splitlines()]
    one = _run(installed, "intake", "--age", "35", "--sex", "f", "--food", "12061:30 g",
               "--food", "11111000:244 g", "--json", cwd=tmp_path)  # fmt: skip
    assert (day["person"], day["day"]) == (1, 1)
    assert day["intake_mg"] == json.loads(one.stdout)["intake_mg"]
