"""Which USDA record a food's name means, and how sure magcalc is: `resolve(name)`.

The steps, one module each:
- reading.py: the name as a phrase (its words, its head, the parts it joins);
- lexicon.py: what words say (how rare, what kind), everyday names, misspellings;
- candidates.py: the records holding the words, found by the catalogue's full-text index;
- features.py: what each record is to the query, as numbers;
- score.py: the fitted weights (data/resolver.json), the ranking and the confidence;
- evaluate.py and fit.py: scoring judged lists, and fitting the weights on them.

Only the data layer (magcalc.store, magcalc.names) is below it; the rest of magcalc calls
`resolve` and nothing else of it.
"""

import os
from functools import lru_cache
from typing import NamedTuple

from magcalc import store
from magcalc.names import key
from magcalc.resolver import lexicon, rank, reading, score
from magcalc.store import Food

SURE = 0.5  # below this confidence a script is refused the line unless it asks for a guess
ALTERNATIVES = 3  # the runners-up named beside a line that is not sure
# MAGCALC_HAND_TABLES=0 leaves out the hand-made tables (data/aliases.csv, data/synonyms.csv)
# to measure what USDA's own data and the general rules do alone.
HAND = os.environ.get("MAGCALC_HAND_TABLES", "1").strip().lower() not in ("0", "false", "no")


class Option(NamedTuple):
    food: Food
    probability: float


class Match(NamedTuple):
    """What a name was resolved to."""

    food: Food | None  # None: no record, or a name of several foods (see parts)
    confidence: float  # 0-1: how likely the record is the one meant
    how: str  # "id", "name" (a USDA description), "alias", "search" or "parts"
    alternatives: tuple[Option, ...] = ()  # the next best, when not sure
    respelled: tuple[tuple[str, str], ...] = ()  # (typed word, word read)
    lacking: tuple[str, ...] = ()  # typed words the record does not hold
    parts: tuple[tuple[str, "Match"], ...] = ()  # a name of two foods: (part, its match)
    join: str | None = None  # "with", "on", "and": how the parts were joined


def resolve(name: str, hand: bool | None = None, alternatives: int = ALTERNATIVES) -> Match:
    """The record a name (without its amount) most likely means, with a confidence.

    A food id is sure. Otherwise the name is read as one food; where it joins two ("toast
    with butter"), as one dish if a record holds both, else as its parts, each resolved on
    its own (Match.parts, base first). Match.food is None when nothing holds the name.
    `alternatives`: how many of the next best records to name.
    """
    hand = HAND if hand is None else hand
    text = name.strip()
    food_id = store.parse_food_id(text)
    if food_id is not None:
        found = store.food(food_id)
        return Match(found, 1.0 if found else 0.0, "id")
    if "," in text and (named := store.food_named(text)) is not None:  # USDA's own name
        return Match(named, 1.0, "name")
    read = reading.read(text)
    if hand:
        aliased = _alias(read.whole, hand)
        if aliased is not None:
            return aliased
    whole = _rank(read.whole, hand, alternatives=alternatives)
    if not read.parts:
        return whole
    # A record that holds both parts by name is the dish ("tea with milk", "bean and cheese
    # burrito"), the likeliest of such among the first few; one that holds a part only
    # through another name, or not at all, is not: "Peanut Butter Toast Crunch" is no toast
    # with peanut butter.
    # The dish is named by its base's head or by the other part's: "turkey sandwich on whole
    # wheat" is a sandwich.
    heads = [p.head for p in read.parts if p.head]
    said = rank.query_words(read.whole, hand)
    dish_heads = dict.fromkeys([read.whole.head, *heads])

    def names_dish(food: Food | None) -> bool:
        return food is not None and any(
            rank.names_dish(food.food_id, said, head, heads) for head in dish_heads
        )

    if not whole.lacking and names_dish(whole.food):
        return whole
    for o in whole.alternatives:  # the runner-up's confidence only when it is the dish
        if names_dish(o.food) and not (option := _rank(read.whole, hand, pick=o.food)).lacking:
            return option
    parts = tuple((p.text, _alias(p, hand) or _rank(p, hand)) for p in read.parts)
    return Match(None, min(m.confidence for _, m in parts), "parts", parts=parts,
                 join=read.join)  # fmt: skip


def _alias(p: reading.Phrase, hand: bool) -> Match | None:
    """A common name of the alias tables (data/aliases.csv, data/default_codes.csv): the
    name as typed, then without the words that only cut or state a default ("soymilk,
    plain"), then its first segment ("chicken breast, roasted"), each with misspellings read
    and through everyday names. A shorter name counts only where its record holds the words
    left out ("Chicken, ..., breast, ..., roasted")."""
    typed = tuple(key(p.text).split())
    respelled, _, said = rank.readings(p)[0]
    fixed = dict(zip(p.words, respelled, strict=False))  # typed word -> as read
    tried = [tuple(fixed.get(w, w) for w in typed)]
    tried.append(tuple(w for w in tried[0] if w not in p.optional or w in reading.DEFAULTS))
    tried.append(tuple(w for w in tried[0] if w not in p.optional and w not in reading.DEFAULTS))
    if "," in p.text:
        tried.append(tuple(fixed.get(w, w) for w in key(p.text.split(",")[0]).split()))
    said_words = {fixed.get(w, w) for w in p.words}
    for ws in dict.fromkeys(t for t in tried if t):
        left_out = said_words - set(ws) - p.optional - reading.DEFAULTS
        for read, _ in lexicon.variants(ws, hand):
            food_id = store.alias(" ".join(read))
            if food_id is None or (found := store.food(food_id)) is None:
                continue
            if left_out <= rank.record_words(food_id):
                return Match(found, score.weights().alias, "alias",
                             respelled=said if set(ws) - set(typed) else ())  # fmt: skip
    return None


@lru_cache(maxsize=1024)
def _ranked(
    p: reading.Phrase, hand: bool
) -> tuple[list, tuple[tuple[str, str], ...], reading.Phrase]:
    """A phrase's records, best first (shared: not to be changed), its respellings and the
    phrase as read."""
    pool, respelled, read = rank.pool(p, hand)
    return rank.ordered(pool, score.weights().rank), respelled, read


def _rank(p: reading.Phrase, hand: bool, pick: Food | None = None,
          alternatives: int = ALTERNATIVES) -> Match:  # fmt: skip
    """The best record for a phrase (or the record `pick` among those found), with its
    confidence and the next best."""
    ranked, respelled, read = _ranked(p, hand)
    if not ranked:
        return Match(None, 0.0, "search", respelled=respelled)
    w = score.weights()
    if pick is not None:  # that record first: how sure it is, against the others
        ranked = sorted(ranked, key=lambda t: t[2].food.food_id != pick.food_id)
    conf = score.confidence(score.confidence_inputs(ranked), w.confidence)
    probs = score.softmax([s for s, _, _ in ranked])
    others = tuple(Option(e.food, pr) for (_, _, e), pr in
                   zip(ranked[1 : 1 + alternatives], probs[1:], strict=False))  # fmt: skip
    top = ranked[0][2]
    return Match(top.food, conf, "search", others, respelled, rank.lacking(read, top))


__all__ = ["ALTERNATIVES", "SURE", "Match", "Option", "resolve"]
