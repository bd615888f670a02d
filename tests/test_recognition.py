"""Recognition of diary-style names and amounts: the blind lists of tests/data (described in
tests/recognition.py), scored in this process; test_wheel.py scores them through the
installed wheel."""

from __future__ import annotations

import pytest

from tests.recognition import LISTS, check, read, score


def test_lists_are_as_described():
    main, holdout = (read(name) for name in LISTS)
    assert len(main) >= 150 and sum(r["category"] == "refuse" for r in main) >= 20
    categories = {r["category"] for r in main}
    kinds = {"breakfast", "staple", "dish", "snack", "drink", "fruit", "british", "typo"}
    assert kinds <= categories
    assert len(holdout) == 80


@pytest.mark.parametrize("name", LISTS)
def test_recognition(name):
    import magcalc

    check(score(read(name), magcalc.intake, magcalc.InputError), name)
