"""Shared helpers: run the CLI in-process and check every JSON output against the contract."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from magcalc.cli import cli
from magcalc.models import IntakeResult


def run(*args: str, input: str | None = None, env: dict | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, env=env, prog_name="magcalc")


def intake_json(*args: str) -> dict:
    """`magcalc intake ARGS --json`, required to succeed and to match the result model."""
    result = run("intake", *args, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    IntakeResult.model_validate(data)  # every JSON output the tests see honours the contract
    return data


def fails(*args: str, code: int = 2) -> str:
    """Run, require exit `code`, one line on stderr and no traceback; return that line."""
    result = run(*args)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert result.stdout == ""
    return lines[0]


@pytest.fixture
def cli_run():
    return run


@pytest.fixture
def broken_data(tmp_path, monkeypatch):
    """A copy of the data folder in which one table is changed (or removed) by the test."""
    import shutil

    from magcalc import data, tables

    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    monkeypatch.setattr(data, "data_dir", lambda: copy)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    tables.clear_caches()

    def change(name, edit):
        path = copy / name
        if edit is None:
            path.unlink()
        else:
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        tables.clear_caches()

    yield change
    tables.clear_caches()
