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
    one being completed; a trailing space starts a new, empty one), each as the whole word."""
    from magcalc.shells import read_line

    quoted = words.count('"') % 2  # the last word is inside an open quote, as typed
    parts = shlex.split(words + ('"' if quoted else ""))
    incomplete = "" if words.endswith(" ") else parts[-1]
    if shell == "bash":  # bash sends the line; it replaces only its own word, after a ':'
        env = {"_MAGCALC_COMPLETE": "bash_complete", "COMP_LINE": words,
               "COMP_POINT": str(len(words.encode()))}  # fmt: skip
    else:
        env = {"_MAGCALC_COMPLETE": f"{shell}_complete", "COMP_WORDS": words}
    if shell == "fish":  # fish sends the word being completed as typed, quote and all
        env["COMP_CWORD"] = words[words.rindex('"') :] if quoted else incomplete
    elif shell == "zsh":
        env["COMP_CWORD"] = str(len(parts) - (incomplete != ""))
    result = run(env=env)
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line]
    if shell == "zsh":  # type, value: two lines an item
        return [lines[i + 1] for i in range(0, len(lines), 2)]
    pairs = [line.split(",", 1) for line in lines]
    kinds, values = [k for k, _ in pairs], [v for _, v in pairs]
    if shell == "bash":  # what replaces bash's word: the rest of the whole word; a `plain`
        typed = read_line(words)  # text comes quoted for the quote it goes into
        q = typed.quote
        values = [typed.word[: typed.kept] + (shlex.split(q + v + q)[0] if k == "plain" else v)
                  for k, v in zip(kinds, values, strict=True)]  # fmt: skip
    return list(values)


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


def test_bash_gets_the_text_of_its_own_word_unquoted():
    """bash quotes the answers itself (-o filenames), and replaces only its own word: after
    a ':' outside quotes, the units alone."""
    env = {"_MAGCALC_COMPLETE": "bash_complete", "COMP_LINE": "magcalc intake --food almond"}
    assert {"name,almond butter", "name,almonds"} <= set(run(env=env).stdout.splitlines())
    env["COMP_LINE"] = "magcalc intake --food almonds:1\\ o"
    assert run(env=env).stdout.splitlines() == ["name,1 oz (23 whole kernels)", "name,1 oz"]
    env["COMP_LINE"] = 'magcalc intake --food "almonds:1 o'  # in a quote: the whole value
    assert run(env=env).stdout.splitlines()[-1] == "name,almonds:1 oz"
    # A name with a '/' (which bash's list of file names would cut) comes quoted by magcalc.
    env["COMP_LINE"] = "magcalc foods top --group Vegetable\\ s"
    assert run(env=env).stdout.splitlines() == ["plain,Vegetable\\ sandwiches/burgers"]
    source = run(env={"_MAGCALC_COMPLETE": "bash_source"}).stdout
    assert "name) compopt -o filenames" in source


def test_offers_that_begin_in_different_cases_begin_as_typed():
    lower = complete("bash", "magcalc intake --food dark")
    assert lower[0] == "dark chocolate" and "dark chocolate candy" in lower  # "Dark ..." in USDA
    assert all(v.startswith("dark") for v in lower)
    assert all(v.startswith("Dark") for v in complete("fish", "magcalc intake --food Dark"))


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
    assert complete(shell, "magcalc intake --food Bra")[0] == "Brand X bar"
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
