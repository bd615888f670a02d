"""TAB completion for every option with a finite or searchable set, through click's completion
protocol for bash, zsh and fish: what each shell's script sends, and what magcalc answers."""

from __future__ import annotations

import shlex

import pytest

from magcalc import choices
from tests.conftest import run

SHELLS = ["bash", "zsh", "fish"]


def complete(shell: str, words: str) -> list[str]:
    """The values magcalc offers `shell` for the command line `words` (the last word is the
    one being completed; a trailing space starts a new, empty one)."""
    quoted = words.count('"') % 2  # the last word is inside an open quote, as typed
    parts = shlex.split(words + ('"' if quoted else ""))
    incomplete = "" if words.endswith(" ") else parts[-1]
    env = {"_MAGCALC_COMPLETE": f"{shell}_complete", "COMP_WORDS": words}
    if shell == "fish":  # fish sends the word being completed as typed, quote and all
        env["COMP_CWORD"] = words[words.rindex('"') :] if quoted else incomplete
    else:
        env["COMP_CWORD"] = str(len(parts) - (incomplete != ""))
    result = run(env=env)
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line]
    if shell == "zsh":  # type, value, help: three lines an item
        return [lines[i + 1] for i in range(0, len(lines), 3)]
    values = [line.split(",", 1)[1] for line in lines]
    if shell == "bash":  # bash inserts what it is given: names with spaces come quoted
        values = [shlex.split(v)[0] for v in values]
    return values


@pytest.fixture
def mine(own_home):
    folder = own_home / "config" / "magcalc"
    (folder / "recipes").mkdir(parents=True)
    (folder / "recipes" / "green smoothie.txt").write_text("serves: 2\nalmonds:1 oz\n")
    (folder / "foods.csv").write_text("name,mg,per,portions\nBrand X bar,40,1 bar=35 g,\n")
    (folder / "products.csv").write_text("name,form,mg,per\nNature Made oxide,oxide,250,1 tablet\n")
    return folder


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("magcalc intake --sex ", ["f", "m", "female", "male"]),
        ("magcalc intake --sex fe", ["female"]),
        ("magcalc intake --goal ", list(choices.GOALS)),
        ("magcalc intake --format ", list(choices.FORMATS)),
        ("magcalc intake --standard ", list(choices.STANDARDS)),
        ("magcalc intake --feeding ", list(choices.FEEDING)),
        ("magcalc intake --foods-format cro", ["cronometer-servings", "cronometer-daily"]),
        ("magcalc forms --goal night", ["night-cramps"]),
        ("magcalc standards show ef", ["efsa"]),
        ("magcalc log add --date y", ["yesterday"]),
        ("magcalc intake --medication nex", ["nexium"]),
    ],
)
def test_finite_sets(shell, words, expected):
    assert complete(shell, words) == expected


@pytest.mark.parametrize("shell", SHELLS)
def test_supplement_forms_and_products(shell, mine):
    assert complete(shell, "magcalc intake --supplement gly") == ["glycinate"]
    assert "Nature Made oxide" in complete(shell, "magcalc intake --supplement nat")
    assert complete(shell, 'magcalc intake --supplement "Nature Made oxide:') == [
        "Nature Made oxide:1 tablet", "Nature Made oxide:2 tablets", "Nature Made oxide:1 serving",
    ]  # fmt: skip
    assert "oxide:200 mg" in complete(shell, "magcalc intake --supplement oxide:")
    assert complete(shell, "magcalc log add --supplement citr") == ["citrate"]


@pytest.mark.parametrize("shell", SHELLS)
def test_food_groups(shell):
    offered = complete(shell, "magcalc foods top --group Veg")
    assert "Vegetables and Vegetable Products" in offered
    assert all("veg" in g.lower() for g in offered)


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("typed", ["alm", "spin", "oat", "coke", "aub", "pumpk"])
def test_food_names_not_ids(shell, typed):
    offered = complete(shell, f"magcalc intake --food {typed}")
    assert offered, typed
    assert all(v.lower().startswith(typed) for v in offered)
    assert not any(v.strip().isdigit() for v in offered)  # names, never bare ids


def test_bash_gets_names_with_spaces_quoted():
    env = {"_MAGCALC_COMPLETE": "bash_complete", "COMP_WORDS": "magcalc intake --food almond",
           "COMP_CWORD": "3"}  # fmt: skip
    raw = run(env=env).stdout.splitlines()
    assert "plain,'almond butter'" in raw and "plain,almonds" in raw
    env["_MAGCALC_COMPLETE"] = "zsh_complete"
    assert "almond butter" in run(env=env).stdout.splitlines()  # zsh quotes it itself


@pytest.mark.parametrize("shell", SHELLS)
def test_units_after_the_name_are_the_foods_own(shell):
    offered = complete(shell, 'magcalc intake --food "almonds:')
    assert offered[-2:] == ["almonds:100 g", "almonds:1 oz"]
    assert "almonds:1 cup, whole" in offered  # USDA's own measure of that food
    cups = complete(shell, 'magcalc intake --food "almonds:1 c')
    assert cups and all(v.startswith("almonds:1 cup") for v in cups)
    soda = complete(shell, 'magcalc intake --food "coke:')
    assert any("can" in v for v in soda)
    assert complete(shell, 'magcalc intake --food "qqxzv:') == []  # nothing, never an error


@pytest.mark.parametrize("shell", SHELLS)
def test_own_foods_and_recipes(shell, mine):
    assert complete(shell, "magcalc intake --food bra")[0] == "Brand X bar"
    assert complete(shell, "magcalc intake --food gree")[0] == "green smoothie"
    assert complete(shell, 'magcalc intake --food "Brand X bar:') == [
        "Brand X bar:1 bar",
        "Brand X bar:100 g",
        "Brand X bar:1 oz",
    ]
    assert complete(shell, 'magcalc intake --food "green smoothie:')[0] == \
        "green smoothie:1 serving"  # fmt: skip
    assert complete(shell, "magcalc recipes show gr") == ["green smoothie"]
    assert "almonds" in complete(shell, "magcalc log add alm")
