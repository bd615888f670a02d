"""Shared helpers: run the CLI in-process and check every JSON output against the contract."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner, Result

from magcalc.cli import cli


@pytest.fixture(autouse=True)
def own_home(tmp_path, monkeypatch):
    """Every test runs with an empty config and data home of its own and no MAGCALC_*
    variables: the developer's profile, foods and diary never reach a test."""
    import os

    for name in list(os.environ):
        if name.startswith("MAGCALC_") and name != "MAGCALC_UPDATE_SNAPSHOTS":  # the suite's own
            monkeypatch.delenv(name)
    home = tmp_path / "home"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    return home


def run(*args: str, input: str | bytes | None = None, env: dict | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, env=env, prog_name="magcalc")


def _no_constants(name: str) -> float:
    raise AssertionError(f"JSON output holds {name}, which JSON does not allow")


def loads(text: str) -> object:
    """Parse an output; fails on NaN or Infinity, which must never reach an output."""
    return json.loads(text, parse_constant=_no_constants)


def valid(name: str, data: object) -> object:
    """Check an output against the contract generated from the result types."""
    from magcalc.schema import adapter

    adapter(name).validate_python(data, strict=False)
    return data


def intake_json(*args: str, input: str | None = None) -> dict:
    """`magcalc intake ARGS --json`, required to succeed and to match the result types."""
    result = run("intake", *args, "--json", input=input)
    assert result.exit_code == 0, result.stderr
    data = loads(result.stdout)
    assert isinstance(data, dict)
    valid("intake", data)  # every JSON output the tests see honours the contract
    return data


def fails(*args: str, code: int = 2, input: str | None = None) -> str:
    """Run, require exit `code`, one line on stderr and no traceback; return that line."""
    result = run(*args, input=input)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert result.stdout == ""
    return lines[0]


def finite(value: object) -> bool:
    """No NaN or infinity anywhere in a nested value."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(finite(v) for v in value.values())
    if isinstance(value, list):
        return all(finite(v) for v in value)
    return True


def clear_caches() -> None:
    """Forget every table read in this process (for a test that changes the data folder)."""
    from magcalc import portions, resolver, store
    from magcalc.resolver import lexicon, rank

    for func in (store.catalogue, store.table, lexicon._synonyms, store._forms_by_key,
                 store.nih_servings, portions.usda_measures, rank.pool,
                 resolver._ranked):  # fmt: skip
        func.cache_clear()
    store._PORTIONS.clear()


@pytest.fixture
def cli_run():
    return run


@pytest.fixture
def broken_data(tmp_path, monkeypatch):
    """A copy of the data folder in which one table is changed (or removed) by the test."""
    import shutil

    from magcalc import data, store

    copy = tmp_path / "data"
    shutil.copytree(data.data_dir(), copy)
    monkeypatch.setattr(data, "data_dir", lambda: str(copy))
    monkeypatch.setattr(store, "PACKAGED", str(tmp_path / "no-packaged-catalogue"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    clear_caches()

    def change(name, edit):
        path = copy / name
        if edit is None:
            path.unlink()
        else:
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        clear_caches()

    yield change
    clear_caches()
