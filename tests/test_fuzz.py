"""Random input never ends in a traceback: exit 0 or 2, and an error is one line."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Text that looks like input often enough to get past the first check: digits, units, colons.
_pieces = st.sampled_from(
    ["1", "0", "-2", "1/2", "½", ".5", "nan", "inf", "1e9", " ", ":", ",", "oz", "cup", "g",
     "mg", "salt", "m", "y", "almonds", "12061", "spinach", "glycinate", "#", "\n", "\x00",
     "\x1b", "é", "\ufeff", '"']
)  # fmt: skip
_text = st.one_of(st.text(max_size=40), st.lists(_pieces, max_size=8).map("".join))


def _check(result) -> None:
    assert result.exit_code in (0, 2), (result.exit_code, result.stderr, result.exception)
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ")


@FUZZ
@given(_text)
def test_random_age(text):
    _check(run("intake", "--age", text, "--sex", "f", "--json"))


@FUZZ
@given(_text)
def test_random_food(text):
    _check(run("intake", "--age", "30", "--sex", "f", "--food", text, "--json"))


@FUZZ
@given(_text)
def test_random_supplement(text):
    _check(run("intake", "--age", "30", "--sex", "f", "--supplement", text, "--json"))


@FUZZ
@given(st.lists(_text, max_size=5))
def test_random_file_lines(lines):
    _check(
        run("intake", "--age", "30", "--sex", "f", "--foods-file", "-", "--json",
            input="\n".join(lines))
    )  # fmt: skip


@FUZZ
@given(st.binary(max_size=200))
def test_random_file_bytes(data):
    _check(run("intake", "--age", "30", "--sex", "f", "--foods-file", "-", input=data))
