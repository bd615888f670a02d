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
    assert "pip install -q --disable-pip-version-check -e '.[test]'" in ci
    assert "\npython -m pytest" in ci


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command):
    assert f"magcalc {command}" in README
