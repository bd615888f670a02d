"""Step 3a: find the USDA record a person means by a food name.

Order of resolution: a USDA id ("12061"), then the curated aliases in data/aliases.csv, then a
ranked search over all foods. The search scores each description by how many query words it
holds (typos are forgiven through rapidfuzz on single words), then prefers the generic, plain,
raw or usually-eaten record: extra words cost, branded, restaurant, fast-food, baby-food and
infant-formula records are ranked down unless the query names them.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from magcalc.errors import InputError
from magcalc.tables import Food, aliases, foods

STOPWORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for"}
# Words that say "the ordinary version" and so cost little when the query leaves them out.
PLAIN_WORDS = {
    "raw",
    "plain",
    "without",
    "regular",
    "all",
    "commercial",
    "variety",
    "type",
    "unprepared",
    "mature",
    "drained",
    "prepared",
    "fresh",
    "whole",
    "unenriched",
    "enriched",
    "fluid",
    "added",
    "salt",
    "unsalted",
    "unsweetened",
    "ns",
    "solid",
    "cooked",
    "boiled",
    "seed",
    "kernel",
    "smooth",
    "style",
    "original",
    "unfortified",
    "meat",
    "only",
    "dry",
    "heat",
    "with",
    "vitamin",
    "milkfat",
    "fortified",
    "skin",
    "flesh",
}
# Words that turn a food into another product ("Oil, almond", "Chickpea flour"): costly when
# the query leaves them out.
FORM_WORDS = {
    "oil",
    "flour",
    "juice",
    "powder",
    "paste",
    "butter",
    "sauce",
    "chip",
    "bread",
    "cracker",
    "cooky",
    "leaf",
    "peel",
    "sprouted",
    "dehydrated",
    "vinegar",
    "candy",
    "topping",
    "strudel",
    "croissant",
    "roll",
    "noodle",
    "cake",
    "pie",
    "muffin",
    "soup",
    "drink",
    "flavored",
    "bar",
}
QUERY_SYNONYMS = {"baby food": "babyfood", "soy milk": "soymilk", "garbanzo": "chickpea"}
# USDA opens many descriptions with a category ("Nuts, almonds", "Fish, salmon, ..."): the food's
# own name is then the second segment.
CATEGORY_WORDS = {
    "nut",
    "seed",
    "fish",
    "bean",
    "cereal",
    "spice",
    "beverage",
    "mollusk",
    "crustacean",
    "game",
    "cheese",
    "snack",
    "candy",
    "cooky",
    "cracker",
    "soup",
    "sauce",
}
# Foods nearly always eaten cooked: prefer the cooked record over the raw or dry one.
USUALLY_COOKED = {
    "Legumes and Legume Products",
    "Cereal Grains and Pasta",
    "Beef Products",
    "Pork Products",
    "Poultry Products",
    "Lamb, Veal, and Game Products",
    "Finfish and Shellfish Products",
}
UNCOOKED_WORDS = {"raw", "dry", "uncooked", "unprepared"}
DEMOTED_GROUPS = {
    "Restaurant Foods": 4.0,
    "Fast Foods": 4.0,
    "Baby Foods": 6.0,
    "American Indian/Alaska Native Foods": 3.0,
    "Meals, Entrees, and Side Dishes": 2.0,
}
DEMOTED_WORDS = {"babyfood": 6.0, "infant": 6.0, "formula": 4.0, "toddler": 4.0}
NOT_BRANDS = {"USDA", "NLEA", "DHA", "ARA", "RTE", "RTF", "NFS", "UHT", "II", "III"}
BRAND_PENALTY = 3.0
CLOSE = 0.5  # a runner-up within this score of the winner is named in a warning
_ID_RE = re.compile(r"\d{4,5}")
_BRAND_RE = re.compile(r"\b[A-Z][A-Z'&!.-]{2,}\b")


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Lower-case singular words, without stop words: 'Nuts, almonds' -> ['nut', 'almond']."""
    return [
        singular(w)
        for w in re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
        if w not in STOPWORDS
    ]


def key(text: str) -> str:
    """The form aliases are looked up by: words in order, joined by spaces."""
    return " ".join(words(text))


class _Entry(NamedTuple):
    food: Food
    words: frozenset[str]
    first: frozenset[str]  # words of the first comma segment
    second: frozenset[str]  # words of the second comma segment
    category: bool  # the first segment is a USDA category ("Nuts", "Fish", ...)
    penalty: float  # brand, group and formula demotion
    brands: frozenset[str]  # words that only ever appear in brand names ("cheerio", "kellogg")
    uncooked: bool  # a raw or dry record of a food usually eaten cooked


class _Index(NamedTuple):
    entries: list[_Entry]
    postings: dict[str, list[int]]


@cache
def _index() -> _Index:
    entries: list[_Entry] = []
    postings: dict[str, list[int]] = {}
    brand_words: dict[str, set[str]] = {}
    generic: set[str] = set()
    for food in foods().values():
        brands = set(_BRAND_RE.findall(food.description)) - NOT_BRANDS
        brand_words[food.food_id] = set(words(" ".join(brands)))
        generic.update(words(_BRAND_RE.sub(" ", food.description)))
    for i, food in enumerate(foods().values()):
        ws = words(food.description)
        segments = [*food.description.split(","), ""]
        first, second = frozenset(words(segments[0])), frozenset(words(segments[1]))
        penalty = DEMOTED_GROUPS.get(food.group, 0.0)
        penalty += sum(DEMOTED_WORDS.get(w, 0.0) for w in set(ws))
        brands = frozenset(brand_words[food.food_id] - generic)
        if brand_words[food.food_id]:
            penalty += BRAND_PENALTY
        uncooked = food.group in USUALLY_COOKED and bool(UNCOOKED_WORDS & set(ws))
        category = bool(first) and first <= CATEGORY_WORDS
        entries.append(
            _Entry(food, frozenset(ws), first, second, category, penalty, brands, uncooked)
        )
        for w in set(ws):
            postings.setdefault(w, []).append(i)
    return _Index(entries, postings)


def _expand(word: str, index: _Index) -> dict[str, float]:
    """The index words a query word may mean, with a weight: itself, or close spellings."""
    if word in index.postings:
        return {word: 1.0}
    from rapidfuzz import fuzz, process  # only typos and rare words pay for rapidfuzz

    found = process.extract(
        word, index.postings.keys(), scorer=fuzz.ratio, score_cutoff=80, limit=3
    )
    return {w: score / 100 * 0.9 for w, score, _ in found}


class Candidate(NamedTuple):
    score: float  # lower is better
    food: Food


def rank(query: str, limit: int = 10) -> list[Candidate]:
    """Foods for a name, best first. Every query word must be found (exactly or nearly)."""
    index = _index()
    text = query.lower()
    for phrase, replacement in QUERY_SYNONYMS.items():
        text = text.replace(phrase, replacement)
    qwords = list(dict.fromkeys(words(text)))
    if not qwords:
        return []
    expansions = [_expand(w, index) for w in qwords]
    if any(not e for e in expansions):
        return []
    pools = [set().union(*(index.postings[w] for w in e)) for e in expansions]
    hits = set.intersection(*pools)
    asked_penalised = any(w in DEMOTED_WORDS for w in qwords)
    scored: list[Candidate] = []
    for i in hits:
        entry = index.entries[i]
        matched: set[str] = set()
        miss = 0.0
        for e in expansions:
            best = max((w for w in e if w in entry.words), key=e.__getitem__)
            matched.add(best)
            miss += 1.0 - e[best]
        unasked = entry.words - matched
        extra = sum(_cost(w, entry) for w in unasked)
        # The food's own name should be what was asked for, not a garnish further along.
        if matched & entry.first:
            off_head = 0.0
        elif matched & entry.second:
            off_head = 0.3 if entry.category else 0.8
        else:
            off_head = 2.0
        salted = 0.6 if "salt" not in qwords and _says_with_salt(entry.food.description) else 0
        penalty = 0.0 if asked_penalised else entry.penalty
        if entry.brands & matched:
            penalty = max(0.0, penalty - BRAND_PENALTY)
        if entry.uncooked and not (UNCOOKED_WORDS & set(qwords)):
            penalty += 1.0
        score = 3 * miss + extra + off_head + salted + penalty
        scored.append(Candidate(round(score, 3), entry.food))
    scored.sort(key=lambda c: (c.score, len(c.food.description), c.food.food_id))
    return scored[:limit]


def _cost(word: str, entry: _Entry) -> float:
    """What a description word the query did not ask for costs."""
    if word in FORM_WORDS:
        return 2.0
    if word in PLAIN_WORDS or len(word) == 1:
        return 0.15
    if word.isdigit():
        return 0.3
    if entry.category and word in entry.first:
        return 0.3
    if word == "dried":
        return 0.5
    return 1.0


def _says_with_salt(description: str) -> bool:
    d = description.lower()
    return "with salt" in d or "salted" in d.replace("unsalted", "")


class Resolution(NamedTuple):
    food: Food
    how: str  # "id", "alias" or "search"
    runner_up: Food | None  # a close second choice the user may have meant
    respelled: tuple[str, ...] = ()  # query words found only by a close spelling


def resolve(name: str, strict: bool = False) -> Resolution:
    """The USDA food for a name; InputError with the closest names when there is none."""
    table = foods()
    text = name.strip()
    if _ID_RE.fullmatch(text):
        food = table.get(text.zfill(5))
        if food is None:
            raise InputError(f"no USDA food has id {text}; try 'magcalc foods search NAME'")
        return Resolution(food, "id", None)
    alias = aliases().get(key(text))
    if alias is not None:
        return Resolution(table[alias], "alias", None)
    ranked = rank(text, limit=2)
    if not ranked:
        raise InputError(f"no food matches {text!r}{_closest(text)}")
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 and ranked[1].score - best.score < CLOSE else None
    if runner and strict:
        raise InputError(
            f"{text!r} is ambiguous: {best.food.food_id} {best.food.description!r} or "
            f"{runner.food.food_id} {runner.food.description!r}; name the food by its id"
        )
    postings = _index().postings
    respelled = tuple(w for w in words(text) if w not in postings)
    return Resolution(best.food, "search", runner.food if runner else None, respelled)


def _closest(text: str) -> str:
    from rapidfuzz import fuzz, process

    descriptions = {f.food_id: f.description for f in foods().values()}
    found = process.extract(text, descriptions, scorer=fuzz.WRatio, limit=3)
    if not found:
        return ""
    names = "; ".join(f"{fid} {desc!r}" for desc, _, fid in found)
    return f"; closest: {names}"
