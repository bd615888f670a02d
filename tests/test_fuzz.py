"""Random input never ends in a traceback: exit 0 or 2, an error is one line (or, for a file,
one line per bad line), and no output holds NaN, Infinity or text that is not UTF-8."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import finite, loads, run

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
        assert lines[0].startswith("Error: ")
        assert len(lines) == 1 or ("bad lines" in lines[0] and all(
            ln.startswith("  stdin:") or ln == "  and more" or ln.startswith("  and ")
            for ln in lines[1:]))  # fmt: skip
    for stream in (result.stdout_bytes, result.stderr_bytes):
        text = stream.decode("utf-8")  # valid UTF-8 ...
        assert not any(c in text for c in "\x1b\u202e\x00")  # ... with no raw controls
    if result.exit_code == 0 and result.stdout.startswith("{"):
        assert finite(loads(result.stdout))


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
