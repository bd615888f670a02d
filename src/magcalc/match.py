"""Rank catalogue foods for a name people type (a name that is not an id or an alias).

The catalogue's FTS5 index finds the foods holding the query's words (or all but one); each is
then scored by what its description holds that the query did not ask for (magcalc.names),
and by demotions: branded, restaurant, fast-food, baby-food and formula records rank lower
unless the query names them. Everyday and British names are read through data/synonyms.csv
("aubergine" also reads as "eggplant"); a misspelt word is read as a known word one or two
letters away, never as a word shorter than five letters ("coke" is not "cake").

Where both sources hold the food equally well, SR28 wins (SOURCE_BIAS): its single
ingredients are the records NIH's food table uses; FNDDS wins where it describes what was
eaten better: mixed dishes, drinks, foods as eaten that SR28 lacks.
"""

from __future__ import annotations

from itertools import product
from typing import NamedTuple

from magcalc import store
from magcalc.names import OPTIONAL, UNCOOKED, decode_tokens, token_cost, tokens, words
from magcalc.store import Food, Indexed

# Words that join or size a name but are not the food ("glass of milk", "salmon fillet").
FILLERS = frozenset(words(
    "with made my homemade home style fillet fillets slice slices piece pieces serving "
    "portion bowl cup glass mug can bottle organic large small medium some few link rasher from"
)) - {"style"}  # fmt: skip
# Query words that lift a demotion: asking for "restaurant" food is asking for it.
LIFTS = {
    "baby": {"baby", "babyfood", "infant", "toddler"},
    "formula": {"formula", "infant"},
    "restaurant": {"restaurant", "fast", "takeout", "takeaway"},
    "school": {"school", "cafeteria"},
    "dry": {"dry", "powder", "mix", "instant", "powdered", "raw", "bran", "germ", "yeast"},
    "powder": {"powder", "protein", "shake", "powdered"},
    "meal": {"meal", "dinner", "entree", "frozen"},
    "native": {"native", "indian", "alaska", "navajo", "hopi", "apache"},
}
SOURCE_BIAS = {store_source: bias for store_source, bias in (
    ("USDA SR28", 0.35), ("USDA FNDDS 2021-2023", 0.0),
)}  # fmt: skip
MISSING_WORD = 3.0  # a query word the description lacks (one may be missing)
MISSING_OPTIONAL = 1.0  # a missing OPTIONAL word ("soymilk, plain" -> original)
USUAL_BONUS = 2.0  # a record the alias table names is one people usually mean
SYNONYM_COST = 0.1  # reading a name through a synonym
RESPELL_COST = 0.3  # reading a word by a close spelling, per letter changed
MAX_SCORED = 300  # only the plainest hits of a generic word ("beef") are scored in full
MIN_RESPELL = 5  # shorter words are never respelled: too many real words are that close


_VOWELS = frozenset("aeiouy")


class Candidate(NamedTuple):
    score: float  # lower is better
    food: Food
    respelled: tuple[tuple[str, str], ...] = ()  # (typed word, word read)
    ignored: tuple[str, ...] = ()  # typed words no food holds, left out
    lacking: tuple[str, ...] = ()  # typed words this food lacks (one may be)


def query_words(query: str) -> list[str]:
    return list(dict.fromkeys(w for w in words(query) if w not in FILLERS))


def negated_words(query: str) -> frozenset[str]:
    """Words the query says the food is without: "without added salt" -> {add, salt}."""
    return frozenset(w for t in tokens(query) if t.negated for w in t.parts)


def _variants(qwords: list[str]) -> list[tuple[list[str], float]]:
    """The query, and the query with each everyday name read as USDA's words (and those
    read once more: courgette -> zucchini -> summer squash)."""
    out: dict[tuple[str, ...], float] = {}
    for ws, cost in _variants_once(qwords):
        out.setdefault(tuple(ws), cost)
        if cost:
            for ws2, cost2 in _variants_once(ws)[1:]:
                out.setdefault(tuple(ws2), cost + cost2)
    return [(list(ws), cost) for ws, cost in out.items()]


def _variants_once(qwords: list[str]) -> list[tuple[list[str], float]]:
    table = store.synonyms()
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(qwords):
        for n in (3, 2, 1):  # the longest name wins: "semi skimmed" before "skimmed"
            phrase = " ".join(qwords[i : i + n])
            if len(qwords[i : i + n]) == n and phrase in table:
                found.append((i, n, table[phrase]))
                i += n
                break
        else:
            i += 1
    out = []
    for choice in product((False, True), repeat=min(len(found), 3)):
        ws: list[str] = []
        pos = 0
        for use, (start, n, means) in zip(choice, found, strict=False):
            ws += qwords[pos:start] + (means.split() if use else qwords[start : start + n])
            pos = start + n
        ws += qwords[pos:]
        out.append((list(dict.fromkeys(ws)), SYNONYM_COST * sum(choice)))
    return out


def edit_distance(a: str, b: str, most: int, substitute: bool = True) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), or most + 1 when above most.

    Without `substitute`, a changed letter costs 2 (a deletion and an insertion), unless
    both letters are vowels: "avacado", "chedder", "oatmeel" are misspellings, "salak" is a
    word of its own.
    """
    if abs(len(a) - len(b)) > most:
        return most + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            change = 0 if ca == cb else 1 if substitute or (ca in _VOWELS and cb in _VOWELS) else 2
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + change)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > most:
            return most + 1
        prev2, prev = prev, cur
    return prev[-1]


def respell(word: str) -> tuple[str, int] | None:
    """The known word a misspelt one most likely means, and the letters changed."""
    if len(word) < MIN_RESPELL or word.isdigit():
        return None
    # A short word one letter away is often another real word ("salak" is not "salad"): short
    # words are forgiven a missing, extra or swapped letter only, long ones also a changed one.
    most, substitute = (1, False) if len(word) < 8 else (2, True)
    best: tuple[str, int, int] | None = None
    for near, foods in store.near_words(word):
        d = edit_distance(word, near, most, substitute)
        # The closest spelling; between equally close ones, the word more foods hold.
        if d <= most and (best is None or (d, -foods) < (best[1], -best[2])):
            best = (near, d, foods)
    return best[:2] if best else None


class _Reading(NamedTuple):
    """One way to read the query: for each word, the catalogue words it may be."""

    expansions: list[dict[str, float]]
    required: int  # how many of the expansions are required (the rest are optional)
    cost: float
    respelled: tuple[tuple[str, str], ...]
    ignored: tuple[str, ...]
    asked: frozenset[str]
    negated: frozenset[str] = frozenset()  # words the query says the food is without


def _respelled(qwords: list[str]) -> tuple[list[str], float, tuple[tuple[str, str], ...]]:
    """The query with each unknown word read as the known word it most likely means."""
    known = store.known_words(qwords)
    out, cost, respelled = [], 0.0, []
    for w in qwords:
        near = None if w in known else respell(w)
        if near is None:
            out.append(w)
        else:
            out.append(near[0])
            cost += RESPELL_COST * near[1]
            respelled.append((w, near[0]))
    return out, cost, tuple(respelled)


def _read(qwords: list[str], cost: float, respelled: tuple) -> _Reading | None:
    known = store.known_words(qwords)
    required = [w for w in qwords if w not in OPTIONAL] or qwords
    optional = [w for w in qwords if w not in required]
    expansions = [{w: 1.0} for w in required + optional if w in known]
    ignored = [w for w in required if w not in known]
    found_required = len(required) - len(ignored)
    # An unknown word may be left out only beside two known ones: "qwerty pie" is not pie.
    if found_required == 0 or (ignored and (len(ignored) > 1 or found_required < 2)):
        return None
    asked = frozenset(w for e in expansions for w in e) | frozenset(qwords)
    return _Reading(expansions, found_required, cost, respelled, tuple(ignored), asked)


def _fts(expansions: list[dict[str, float]]) -> str:
    return " AND ".join("(" + " OR ".join(f'"{w}"' for w in e) + ")" for e in expansions)


def _hits(reading: _Reading) -> list[Indexed]:
    required = reading.expansions[: reading.required]
    hits = store.search(_fts(required), MAX_SCORED)
    if hits or len(required) < 2:
        return hits
    seen: dict[str, Indexed] = {}
    for skip in range(len(required)):  # all words but one
        rest = required[:skip] + required[skip + 1 :]
        for h in store.search(_fts(rest), MAX_SCORED // len(required)):
            seen.setdefault(h.food.food_id, h)
    return list(seen.values())


def rank(query: str, limit: int = 10) -> list[Candidate]:
    """Foods for a name, best first; empty when no food holds (nearly) all its words."""
    qwords = query_words(query)
    if not qwords:
        return []
    fixed, respell_cost, respelled = _respelled(qwords)
    negated = negated_words(query)
    best: dict[str, Candidate] = {}
    for ws, cost in _variants(fixed):
        reading = _read(ws, cost + respell_cost, respelled)
        if reading is None:
            continue
        reading = reading._replace(negated=negated)
        for entry in _hits(reading):
            cost, lacking = _score(entry, reading)
            score = reading.cost + cost
            c = best.get(entry.food.food_id)
            if c is None or score < c.score:
                best[entry.food.food_id] = Candidate(
                    round(score, 3), entry.food, reading.respelled, reading.ignored, lacking
                )
    ranked = sorted(best.values(), key=_order)
    return ranked[:limit]


def _order(c: Candidate) -> tuple:
    return (c.score, SOURCE_BIAS[c.food.source], len(c.food.description), c.food.food_id)


def _score(entry: Indexed, reading: _Reading) -> tuple[float, tuple[str, ...]]:
    """The cost of this record for the query (lower is better), and the required query
    words it lacks."""
    toks = decode_tokens(entry.tokens)
    # A word the description says the food is without ("not chocolate") is found only by a
    # query that says so too ("without added salt"): a chocolate milkshake is not that one.
    without = {w for t in toks if t.negated for w in t.parts} - {
        w for t in toks if not t.negated for w in t.parts
    }
    have = entry.words - (without - reading.negated)
    matched: set[str] = set()
    found = 0
    for e in reading.expansions:
        hit = [w for w in e if w in have]
        if hit:
            matched.add(max(hit, key=e.__getitem__))
            found += 1
    lacking = tuple(next(iter(e)) for e in reading.expansions[: reading.required]
                    if not e.keys() & have)  # fmt: skip
    required_found = reading.required - len(lacking)
    missing = reading.required - required_found
    lacks = (len(reading.expansions) - reading.required) - (found - required_found)
    cost = sum(token_cost(t, entry.category_first, matched) for t in toks)
    # The food's own name should be what was asked for, not a garnish further along.
    own = 1 if entry.category_first else 0  # the segment that names the food itself
    head = {w for t in toks if t.segment == 0 for w in t.parts}
    second = {w for t in toks if t.segment == 1 for w in t.parts}
    if not matched & head:
        cost += 0.3 if entry.category_first and matched & second else 1.5 if matched & second \
            else 2.0  # fmt: skip
    named = [t for t in toks if t.segment == own and not t.in_parens]
    if named and not named[0].parts & matched and any(t.parts & matched for t in named):
        cost += 0.5  # a word before the name makes another food: "Dessert pizza"
    if "salt" not in reading.asked and _says_with_salt(entry.food.description):
        cost += 0.6
    for item in entry.demotions.split():
        reason, _, amount = item.partition(":")
        if reason == "brand":
            if not entry.brands & matched:
                cost += float(amount)
        elif not LIFTS.get(reason, {reason}) & reading.asked:
            cost += float(amount)
    if entry.uncooked and not UNCOOKED & reading.asked:
        cost += 1.0
    cost += MISSING_WORD * missing + MISSING_OPTIONAL * lacks
    if entry.food.common and missing == 0 and lacks == 0:
        cost -= USUAL_BONUS
    return cost + SOURCE_BIAS[entry.food.source], lacking


def _says_with_salt(description: str) -> bool:
    d = description.lower()
    return "with salt" in d or "salted" in d.replace("unsalted", "")


def alias_for(query: str) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The food id a common name means (data/aliases.csv): as typed, through a synonym, or
    with its misspelt words read as known ones; and the words so read."""
    qwords = words(query)
    if not qwords:
        return None
    for ws, _ in _variants(qwords):
        if (food_id := store.alias(" ".join(ws))) is not None:
            return food_id, ()
    fixed, _, respelled = _respelled(qwords)
    if not respelled:
        return None
    for ws, _ in _variants(fixed):
        if (food_id := store.alias(" ".join(ws))) is not None:
            return food_id, respelled
    return None
