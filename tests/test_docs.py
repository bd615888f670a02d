"""The README documents every command, and CI runs exactly the README's commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from magcalc.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_screen() -> str:
    return "\n".join(README.splitlines()[:30])


def test_first_screen_has_install_run_and_test_commands():
    screen = _first_screen()
    assert re.search(r"pip install \. && magcalc intake --age 35 --sex f", screen)
    assert "pip install -e '.[test]' && python -m pytest" in screen
    assert "not medical advice" in screen


def test_ci_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv" in ci
    # the README's test install, with the dask extra so that the cluster recipe is tested
    assert "pip install -q --disable-pip-version-check -e '.[test,dask]'" in ci
    assert "\npython -m pytest" in ci


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command):
    assert f"magcalc {command}" in README


def _jq_examples() -> list[str]:
    return [
        line.strip() for line in README.splitlines()
        if line.startswith("magcalc") or line.startswith("printf")
        if "| jq" in line
    ]  # fmt: skip


def test_readme_has_jq_examples():
    assert len(_jq_examples()) >= 2


@pytest.mark.parametrize("command", _jq_examples())
def test_readme_jq_pipes_work_as_written(command, tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path as P

    if shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    for example in (ROOT / "tests" / "fixtures").iterdir():  # files the examples name
        shutil.copy(example, tmp_path / example.name)
    bin_dir = str(P(sys.executable).parent)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "MAGCALC_AGE": "35",
           "MAGCALC_SEX": "f"}  # fmt: skip
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], cwd=tmp_path, env=env,
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() not in ("", "null")  # jq printed a value, not a missing key


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, re.DOTALL)


def test_the_from_python_example_runs_as_written(capsys):
    blocks = _python_blocks()
    assert blocks, "the README has a From Python section"
    namespace: dict = {}
    exec(blocks[0], namespace)
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "155 165"
    assert [line.split()[0] for line in printed[1:]] == ["1", "2"]
    pytest.importorskip("pandas")
    exec(blocks[1], namespace)
    days, people = namespace["days"], namespace["people"]
    one = namespace["magcalc"].intake(age=35, sex="f", foods=["almonds:1 oz", "12061:30 g"])
    assert days["intake_mg"].iloc[0] == one["intake_mg"]
    assert list(people["person"]) == [1, 2] and people["conclusion"].notna().all()
