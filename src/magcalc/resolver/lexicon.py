"""What magcalc knows of words: how much each says, their classes, other spellings.

- How rare a word is (its inverse document frequency over the catalogue): a missing rare word
  ("hemp") says more than a missing common one ("heart").
- Classes of a record's words that the query did not ask for, read off USDA's tables by the
  catalogue build: participles ("brewed", "drained": how it was made), FNDDS's qualifier
  words ("NS as to fat added"), the plain words of names.PLAIN, and products made of a food
  (names.FORM: oil, flour, juice); any other word makes another food ("Coffee, Latte").
- Everyday names read as USDA's words (data/synonyms.csv) and misspellings read as a known
  word: the hand-made tables can be switched off to measure what USDA's data alone does.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from itertools import product

from magcalc import store
from magcalc.names import FORM, GENERIC, PLAIN

SYNONYM_LIMIT = 3  # at most 2**3 readings of a name through synonyms
MIN_RESPELL = 4  # shorter words are never respelled: too many real words are that close


@cache
def _classes() -> tuple[frozenset[str], frozenset[str]]:
    lex = store.table("lexicon")
    return frozenset(lex["qualifier"]), frozenset(lex["prep"])


def word_class(word: str) -> str:
    """'plain', 'generic', 'prep', 'qualifier', 'form', 'number' or 'kind'."""
    if word in GENERIC:
        return "generic"
    if word in PLAIN or len(word) == 1:
        return "plain"
    if word.isdigit():
        return "number"
    if word in FORM:
        return "form"
    qualifier, prep = _classes()
    if word in prep:
        return "prep"
    if word in qualifier:
        return "qualifier"
    return "kind"


def idf(counts: dict[str, int], word: str) -> float:
    """How much a word says about a food: log(N / foods holding it); unknown words say most."""
    n = store.food_count()
    return math.log((n + 1) / (counts.get(word, 0) + 1))


@lru_cache(maxsize=4096)
def _synonyms(ws: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The everyday names the words could make, read: of hundreds, a run reads these few."""
    return store.synonyms([" ".join(ws[i : i + n]) for n in (3, 2, 1)
                           for i in range(len(ws) - n + 1)])  # fmt: skip


def variants(ws: tuple[str, ...], hand: bool) -> list[tuple[tuple[str, ...], int]]:
    """The words, and the words with everyday or regional names read as USDA's ("aubergine"
    as "eggplant"; "chips" as french fries and as potato chips), each with how many names it
    read so; only the words themselves without `hand`."""
    if not hand:
        return [(ws, 0)]
    table = _synonyms(ws)
    found: list[tuple[int, int, tuple[str, ...]]] = []
    i = 0
    while i < len(ws):
        for n in (3, 2, 1):  # the longest name wins: "semi skimmed" before "skimmed"
            name = " ".join(ws[i : i + n])
            if len(ws[i : i + n]) == n and name in table:
                found.append((i, n, table[name]))
                i += n
                break
        else:
            i += 1
    out: dict[tuple[str, ...], int] = {ws: 0}
    choices = [(None, *means) for _, _, means in found[:SYNONYM_LIMIT]]
    for choice in product(*choices):
        if not any(choice):
            continue
        read: list[str] = []
        pos = 0
        for means, (start, n, _) in zip(choice, found, strict=False):
            read += list(ws[pos:start]) + (means.split() if means else list(ws[start : start + n]))
            pos = start + n
        read += ws[pos:]
        out.setdefault(tuple(dict.fromkeys(read)), sum(m is not None for m in choice))
    return list(out.items())


_VOWELS = frozenset("aeiouy")


def edit_distance(a: str, b: str, most: int) -> int:
    """Damerau-Levenshtein distance (an adjacent swap counts 1), or most + 1 when above most.

    A changed letter costs 2 unless both are vowels ("avacado", "chedder" are misspellings;
    "salak" is a word of its own), and the first letter may not change: people seldom get it
    wrong, so "cantelope" is cantaloupe, not antelope.
    """
    if abs(len(a) - len(b)) > most or not a or not b or a[0] != b[0]:
        return most + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            change = 0 if ca == cb else 1 if (ca in _VOWELS and cb in _VOWELS) else 2
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + change)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > most:
            return most + 1
        prev2, prev = prev, cur
    return prev[-1]


def split(word: str) -> str | None:
    """Two known words run together ("cheesesteak": cheese steak), each of 3 letters or
    more; the split whose rarer half is commonest."""
    cuts = [(word[:i], word[i:]) for i in range(3, len(word) - 2)]
    known = store.word_foods([w for cut in cuts for w in cut])
    found = [(min(known[a], known[b]), f"{a} {b}") for a, b in cuts if a in known and b in known]
    best = max(found, default=None)
    return best[1] if best and best[0] >= 5 else None


def respell(word: str, commoner: int = 0) -> tuple[str, int] | None:
    """The known word a misspelt one most likely means, and the letters changed: a letter
    left out, added or swapped in a word of 4 letters ("dhal": dal), also a vowel changed up
    to 7 letters, two changes in a longer one; the closest, then the commonest. `commoner`:
    only words held by at least that many foods (another spelling of a rare word)."""
    if len(word) < MIN_RESPELL or word.isdigit():
        return None
    most = 1 if len(word) < 8 else 2
    near = dict(store.near_words(word))
    # Trigrams miss a letter left out of a short word ("dhal": no trigram of "dal").
    near.update(store.word_foods([word[:i] + word[i + 1 :] for i in range(len(word))]))
    best: tuple[float, int, str] | None = None
    for other, foods in near.items():
        if len(word) == MIN_RESPELL and len(other) == len(word) and sorted(other) != sorted(word):
            continue  # a changed letter in a short word is often another word: coke, cake
        if foods < commoner or other == word:
            continue
        d = edit_distance(word, other, most)
        # A likelier word may be a letter further: "expresso" is espresso, not express.
        cost = d - 0.4 * math.log10(foods + 1)
        if d <= most and (best is None or cost < best[0]):
            best = (cost, d, other)
    return (best[2], best[1]) if best else None
