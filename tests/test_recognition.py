"""Recognition of diary-style names on the judged lists (described in tests/recognition.py),
scored in this process; test_wheel.py scores the same through the installed wheel."""

from __future__ import annotations

import json

from magcalc.resolver.evaluate import load, measure
from tests.recognition import FILES, FLOORS, check


def test_the_lists_are_as_described():
    cases = {}
    for path in FILES:
        for c in load(path)[0]:
            cases.setdefault(c.list, []).append(c)
    assert {name: len(found) for name, found in cases.items() if name in FLOORS} == {
        "list_a": 120, "list_b": 80, "recognition.csv": 235, "recognition_holdout.csv": 80,
        "list_c": 150, "list_d": 150}  # fmt: skip
    assert sum(c.refusal for c in cases["list_b"]) == 9  # names no USDA table holds
    assert all(c.accepted for c in cases["list_a"])


def test_recognition_keeps_its_figures():
    check(measure(FILES, guess=False), measure(FILES, guess=True))


def test_the_evaluation_speaks_json(capsys):
    from magcalc.resolver.evaluate import main

    main(["--json", FILES[0]])
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"list_a", "list_b"}
    assert figures["list_a"]["foods"] == 120
