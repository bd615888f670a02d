"""Rank USDA foods for a name people type (used when a name is not an id or an alias).

The search scores each description by the query words it holds
(a typo is forgiven through rapidfuzz on single words), then prefers the generic, plain, raw or
usually-eaten record: words the query did not ask for cost, and branded, restaurant,
fast-food, baby-food and infant-formula records rank lower unless the query names them.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from functools import cache
from typing import NamedTuple

from magcalc.names import _STOPWORDS, UNCOOKED, USUALLY_COOKED, stem, words
from magcalc.tables import Food, aliases, foods

_BRAND_RE = re.compile(r"\b[A-Z][A-Z'&!.-]{2,}\b")
_TOKEN_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _set(text: str) -> frozenset[str]:
    return frozenset(words(text))


# Words that say "the ordinary version": cheap when the query leaves them out.
PLAIN = _set(
    "raw plain without regular all commercial commercially variety varieties type unprepared "
    "mature drained prepared fresh whole unenriched enriched fluid added salt unsalted "
    "unsweetened ns solids cooked boiled seeds kernels smooth style original unfortified meat "
    "only dry heat with vitamin milkfat fortified skin flesh ripe year round average"
)
# Query words that state a default ("plain", "cooked"): a record may lack them, at a cost.
OPTIONAL = _set("plain regular raw fresh original whole unsweetened unsalted cooked prepared")
# Words that make another product of a food ("Oil, almond", "Chickpea flour"): costly.
FORM = _set(
    "oil flour juice powder paste butter sauce chips bread crackers cookies leaves peel sprouted "
    "dehydrated vinegar candies topping strudel croissants rolls noodles cake pie muffins soup "
    "drink flavored bar"
)
# A first segment made of these is a USDA category ("Nuts, almonds"): the food's own name is
# then the second segment.
CATEGORY = _set(
    "nuts seeds fish beans cereals spices beverages alcoholic mollusks crustaceans game cheese "
    "snacks candies cookies crackers soup sauce"
)
DEMOTED_GROUPS = {
    "Restaurant Foods": 4.0, "Fast Foods": 4.0, "Baby Foods": 6.0,
    "American Indian/Alaska Native Foods": 3.0, "Meals, Entrees, and Side Dishes": 2.0,
}  # fmt: skip
DEMOTED_WORDS = {"babyfood": 6.0, "infant": 6.0, "formula": 4.0, "toddler": 4.0}
NOT_BRANDS = {"USDA", "NLEA", "DHA", "ARA", "RTE", "RTF", "NFS", "UHT", "II", "III"}
QUERY_SYNONYMS = {"baby food": "babyfood", "soy milk": "soymilk"}
# Another word USDA uses for the same food; found at a small cost.
WORD_SYNONYMS = {
    "oatmeal": "oat", "garbanzo": "chickpea", "prawn": "shrimp", "yoghurt": "yogurt",
    "courgette": "zucchini", "aubergine": "eggplant", "porridge": "oat", "plain": "original",
}  # fmt: skip
QUERY_FILLERS = {"with", "made"}  # join words ("baked with skin") but would pick "with salt"
BRAND_PENALTY = 3.0
MISSING_WORD = 3.0  # cost of a query word the description lacks (one may be missing)
MISSING_OPTIONAL = 1.0  # cost of a missing OPTIONAL query word ("soymilk, plain" -> original)
USUAL_BONUS = 2.0  # a record the alias table names is one people usually mean
# A one-word query like "beef" hits a thousand records; only the plainest ones can win, so
# only these many (by their words' cost alone) are scored in full.
MAX_SCORED = 300


class _Token(NamedTuple):
    """One word of a description as written ('long-grain'), and the words it is made of."""

    parts: frozenset[str]
    in_parens: bool
    segment: int  # which comma segment: 0 is the food's own name


class _Entry(NamedTuple):
    food: Food
    words: frozenset[str]
    tokens: tuple[_Token, ...]
    first: frozenset[str]  # words of the first comma segment
    second: frozenset[str]  # words of the second comma segment
    category: bool  # the first segment is a USDA category ("Nuts", "Fish", ...)
    penalty: float  # brand, group and formula demotion
    brands: frozenset[str]  # words found only in brand names ("cheerio", "kellogg")
    uncooked: bool  # a raw or dry record of a food usually eaten cooked
    base: float  # what all its words cost when none is asked for, plus the penalty
    usual: bool  # a record the alias table names: one people usually mean


class _Index(NamedTuple):
    entries: list[_Entry]
    postings: dict[str, list[int]]


def _tokens(description: str) -> tuple[_Token, ...]:
    out = []
    depth = segment = 0
    for piece in re.split(r"([(),])", description.lower().replace("'", "")):
        if piece in ("(", ")"):
            depth += 1 if piece == "(" else -1
            continue
        if piece == ",":
            segment += depth == 0
            continue
        for raw in _TOKEN_RE.findall(piece):
            parts = frozenset(stem(p) for p in raw.split("-") if p not in _STOPWORDS)
            if parts:
                out.append(_Token(parts, depth > 0, segment))
    return tuple(out)


@cache
def _index() -> _Index:
    table = list(foods().values())
    brand_words = [
        set(words(" ".join(set(_BRAND_RE.findall(f.description)) - NOT_BRANDS))) for f in table
    ]
    generic: set[str] = set()
    for f in table:
        generic.update(words(_BRAND_RE.sub(" ", f.description)))
    usual = set(aliases().values())
    entries: list[_Entry] = []
    postings: dict[str, list[int]] = {}
    for i, (item, brands) in enumerate(zip(table, brand_words, strict=True)):
        ws = frozenset(words(item.description))
        segments = [*item.description.split(","), ""]
        first, second = _set(segments[0]), _set(segments[1])
        penalty = DEMOTED_GROUPS.get(item.group, 0.0) + sum(DEMOTED_WORDS.get(w, 0) for w in ws)
        if brands:
            penalty += BRAND_PENALTY
        tokens = _tokens(item.description)
        category = bool(first) and first <= CATEGORY
        base = penalty + sum(_cost(t, category, frozenset()) for t in tokens)
        entries.append(
            _Entry(
                item, ws, tokens, first, second,
                category=category,
                penalty=penalty,
                brands=frozenset(brands - generic),
                uncooked=item.group in USUALLY_COOKED and bool(UNCOOKED & ws),
                base=base,
                usual=item.food_id in usual,
            )
        )  # fmt: skip
        for w in ws:
            postings.setdefault(w, []).append(i)
    return _Index(entries, postings)


def vocabulary() -> dict[str, list[int]]:
    """Every word of every description, with the foods that hold it."""
    return _index().postings


def _expand(word: str, index: _Index) -> dict[str, float]:
    """The index words a query word may mean, with a weight: itself, or close spellings."""
    if word in index.postings:
        synonym = WORD_SYNONYMS.get(word)
        return {word: 1.0, synonym: 0.9} if synonym in index.postings else {word: 1.0}
    from rapidfuzz import fuzz, process  # only a word not found as typed pays for rapidfuzz

    vocabulary = list(index.postings)
    found = process.extract(word, vocabulary, scorer=fuzz.ratio, score_cutoff=80, limit=3)
    return {w: score / 100 * 0.9 for w, score, _ in found}


class Candidate(NamedTuple):
    score: float  # lower is better
    food: Food


def query_words(query: str) -> list[str]:
    text = query.lower()
    for phrase, replacement in QUERY_SYNONYMS.items():
        text = text.replace(phrase, replacement)
    return list(dict.fromkeys(w for w in words(text) if w not in QUERY_FILLERS))


def rank(query: str, limit: int = 10) -> list[Candidate]:
    """Foods for a name, best first.

    The query's words must all be found, or all but one; OPTIONAL words (raw, cooked, plain,
    ...) are preferences that need not be found.
    """
    index = _index()
    qwords = query_words(query)
    required = [w for w in qwords if w not in OPTIONAL] or qwords
    optional = [w for w in qwords if w not in required]
    expansions = [e for e in (_expand(w, index) for w in required) if e]
    if not expansions or len(expansions) < len(required) - 1:
        return []
    pools = [set().union(*(index.postings[w] for w in e)) for e in expansions]
    hits = set.intersection(*pools)
    if not hits and len(required) >= 2:
        counts = Counter(i for pool in pools for i in pool)
        hits = {i for i, n in counts.items() if n >= len(required) - 1}
    if len(hits) > MAX_SCORED:
        hits = set(heapq.nsmallest(MAX_SCORED, hits, key=lambda i: index.entries[i].base))
    asked = set(qwords)
    optional_expansions = [e for e in (_expand(w, index) for w in optional) if e]
    expansions += optional_expansions
    scored = []
    for i in hits:
        entry = index.entries[i]
        cost, found = _score(entry, expansions, asked)
        lacks = sum(1 for e in optional_expansions if not e.keys() & entry.words)
        cost += MISSING_WORD * (len(qwords) - found - lacks) + MISSING_OPTIONAL * lacks
        if entry.usual and found == len(qwords):
            cost -= USUAL_BONUS
        scored.append(Candidate(round(cost, 3), entry.food))
    scored.sort(key=lambda c: (c.score, len(c.food.description), c.food.food_id))
    return scored[:limit]


def _score(entry: _Entry, expansions: list[dict[str, float]], asked: set[str]) -> tuple:
    """(cost of this record for the query, number of query words it holds)."""
    matched: set[str] = set()
    miss = 0.0
    for e in expansions:
        found = [w for w in e if w in entry.words]
        if found:
            best = max(found, key=e.__getitem__)
            matched.add(best)
            miss += 1.0 - e[best]
    extra = sum(
        _cost(t, entry.category, matched) - _cost(t, entry.category, frozenset())
        for t in entry.tokens
        if t.parts & matched
    )
    extra += entry.base - entry.penalty
    # The food's own name should be what was asked for, not a garnish further along.
    if matched & entry.first:
        off_head = 0.0
    elif matched & entry.second:
        off_head = 0.3 if entry.category else 1.5
    else:
        off_head = 2.0
    salted = 0.6 if "salt" not in asked and _says_with_salt(entry.food.description) else 0.0
    penalty = 0.0 if asked & DEMOTED_WORDS.keys() else entry.penalty
    if entry.brands & matched:
        penalty = max(0.0, penalty - BRAND_PENALTY)
    if entry.uncooked and not UNCOOKED & asked:
        penalty += 1.0
    return 3 * miss + extra + off_head + salted + penalty, len(matched)


def _cost(token: _Token, category: bool, matched: frozenset[str] | set[str]) -> float:
    """What a description word costs when the query did not ask for (all of) it."""
    unasked = token.parts - matched
    if not unasked:
        return 0.0
    if token.in_parens:
        return 0.1
    return max(_word_cost(w, category, token.segment) for w in unasked)


def _word_cost(word: str, category: bool, segment: int) -> float:
    if word in FORM:
        # "Oil, almond" is oil; "Sardine, canned in oil" is still sardine.
        return 2.0 if segment < 2 else 1.0
    if word in PLAIN or len(word) == 1:
        return 0.15
    if word.isdigit():
        return 0.3
    if category and segment == 0:
        return 0.3
    if word == "dried":
        return 0.5
    return 1.0


def _says_with_salt(description: str) -> bool:
    d = description.lower()
    return "with salt" in d or "salted" in d.replace("unsalted", "")
