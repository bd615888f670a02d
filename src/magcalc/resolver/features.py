"""What a record is to a query, as numbers: the features the ranking weighs.

Each feature is a general property of the pair, never of a particular food: how much of what
was typed the record holds (weighted by how rare each word is), whether it holds the word
that says what the food is (the head), whether it holds it through its description or only
through USDA's other names for it, what it holds that was not asked for (another food,
a preparation, a qualifier, words in parentheses), and what kind of record it is (branded,
restaurant, baby food, not as eaten, USDA's generic "NFS" record, which table).
"""

import math
import re
from functools import cache
from typing import NamedTuple

from magcalc.choices import SR28
from magcalc.names import Token, decode_tokens, words
from magcalc.resolver.lexicon import word_class
from magcalc.store import Indexed

# Query words that lift a demotion: asking for "restaurant" food is asking for it.
LIFTS = {
    "baby": {"baby", "babyfood", "infant", "toddler"},
    "formula": {"formula", "infant"},
    "restaurant": {"restaurant", "fast", "takeout", "takeaway", "mcdonald", "burger", "king"},
    "school": {"school", "cafeteria"},
    "dry": {"dry", "powder", "mix", "instant", "powdered", "raw", "bran", "germ", "yeast",
            "flour", "concentrate"},
    "powder": {"powder", "protein", "shake", "powdered"},
    "meal": {"meal", "dinner", "entree", "frozen"},
    "native": {"native", "indian", "alaska", "navajo", "hopi", "apache"},
}  # fmt: skip
UNCOOKED_ASKED = frozenset({"raw", "dry", "uncooked", "unprepared"})
DEMOTIONS = ("brand", "restaurant", "baby", "formula", "school", "dry", "powder", "meal",
             "native", "doubtful")  # fmt: skip

NAMES = (
    "miss_frac", "miss_any", "miss_head", "miss_qualifier", "alt_frac", "qual_frac",
    "alt_exact", "alt_exact_shared", "alt_head", "alt_extra", "exact_name", "exact_all",
    "opt_miss", "x_kind_0", "x_kind_1", "x_kind_2", "x_form_0", "x_form", "x_prep",
    "x_qualifier", "x_plain", "x_generic", "x_paren", "x_number", "x_category", "head_0",
    "head_1", "head_2", "head_alt", "lead_unasked", "rhead_is_head", "rhead_unasked",
    "other_part", "extra_part", "nfs", "nfs_exact", "ns_as_to", "uncooked", "sr28", "salted",
    "respell", "synonym", "n_tokens", "common", *(f"d_{d}" for d in DEMOTIONS),
)  # fmt: skip


WORD = "u:"  # the feature of one unasked word of a record: "u:brewed"


class Query(NamedTuple):
    """One reading of a phrase, as searched."""

    words: tuple[str, ...]
    required: tuple[str, ...]
    optional: frozenset[str]
    head: str | None
    weight: dict[str, float]  # how much each word says (lexicon.idf)
    respell: int = 0  # letters changed to read misspelt words
    synonyms: int = 0  # everyday names read as USDA's words
    qualifiers: frozenset[str] = frozenset()  # words typed after a comma


class Record(NamedTuple):
    """A record's words, worked out once per process."""

    toks: tuple[Token, ...]
    name_seg: int  # the segment that names the food (1 after a category: "Nuts, almonds")
    own: frozenset[str]  # the words of that segment
    main: frozenset[str]  # every word it is (not those it is said to be without)
    names: tuple[tuple[str, int, tuple[str, ...]], ...]  # other names: (kind, shared, words)
    alt: frozenset[str]  # words of its other names (not qualifiers)
    qualifiers: frozenset[str]  # words of its qualifiers
    demotions: frozenset[str]
    joined: tuple[frozenset[str], ...]  # a name joining foods, by part: "Whiskey and cola"
    head: frozenset[str]  # the last word of its name, which says what it is ("Meatloaf sandwich")
    named: tuple[str, ...]  # the common names it is the usual record of (names.key form)
    name_words: frozenset[str]  # the words of its name before a preposition: "Ham sandwich"


@cache
def record(entry: Indexed) -> Record:
    toks = decode_tokens(entry.tokens)
    name_seg = 1 if entry.category_first else 0
    own = frozenset(w for t in toks if t.segment == name_seg and not t.in_parens for w in t.parts)
    main = frozenset(w for t in toks if not t.negated for w in t.parts)
    names = []
    for item in entry.alts.split("|") if entry.alts else ():
        head, _, ws = item.partition(":")
        names.append((head[0], int(head[1:]), tuple(ws.split())))
    alt = frozenset(w for k, _, ws in names if k in "nc" for w in ws)
    qualifiers = frozenset(w for k, _, ws in names if k == "q" for w in ws)
    demotions = frozenset(d.partition(":")[0] for d in entry.demotions.split())
    first = entry.food.description.split(",")[0].lower()
    pieces = re.split(r"\b(?:and|or|with|in)\b", first)
    joined = tuple(frozenset(words(x)) for x in pieces) if len(pieces) > 1 else ()
    # The head of an English name is its last word before a preposition: "Ham sandwich on
    # white" is a sandwich.
    segs = entry.food.description.split(",")
    name_text = re.split(r"\b(?:on|with|in|without|from|for)\b|\(", segs[min(name_seg,
                         len(segs) - 1)].lower())[0]  # fmt: skip
    name_words = words(name_text)
    head = frozenset({name_words[-1]}) if name_words else frozenset()
    named = tuple(n for n in entry.named.split("|") if n)
    return Record(toks, name_seg, own, main, tuple(names), alt, qualifiers, demotions, joined,
                  head, named, frozenset(name_words))  # fmt: skip


def _says_with_salt(description: str) -> bool:
    d = description.lower()
    return "with salt" in d or "salted" in d.replace("unsalted", "")


def features(q: Query, entry: Indexed, hand: bool = True) -> dict[str, float]:
    """The features of a record for a query."""
    r = record(entry)
    asked = set(q.words)
    f = dict.fromkeys(NAMES, 0.0)
    total = sum(q.weight[w] for w in q.required) or 1.0
    need = set(q.required)
    # USDA's other names are whole names: the one that holds most of the query counts, and
    # its own head must be the query's ("pizza cheese" is cheese, not a pizza).
    alt: tuple[str, ...] = ()
    alt_cover = 0.0
    for kind, shared, ws in r.names:
        if kind in "nc":
            cover = sum(q.weight[w] for w in need if w in ws)
            if cover > alt_cover:
                alt, alt_cover = ws, cover
                f["alt_exact_shared"] = math.log(shared)
    alt_set = frozenset(alt)
    via_alt = via_qual = miss = 0.0
    missing = 0
    matched: set[str] = set()
    for w in q.required:
        if w in r.main:
            matched.add(w)
        elif w in alt_set:
            via_alt += q.weight[w]
            matched.add(w)
        elif w in r.qualifiers:
            via_qual += q.weight[w]
            matched.add(w)
        elif w in q.qualifiers:  # "Coffee, brewed from grounds": a qualifier, not the food
            f["miss_qualifier"] += q.weight[w] / total
        else:
            miss += q.weight[w]
            missing += 1
    f["miss_frac"] = miss / total
    f["miss_any"] = float(missing > 0)
    f["alt_frac"] = via_alt / total
    f["qual_frac"] = via_qual / total
    if q.head is not None and q.head in q.required and q.head not in matched:
        f["miss_head"] = 1.0
    opt = [w for w in q.optional if w not in r.main and w not in alt_set]
    f["opt_miss"] = len(opt) / len(q.optional) if q.optional else 0.0
    if alt:
        f["alt_exact"] = float(need <= alt_set and alt_set <= asked)
        f["alt_head"] = float(q.head is not None and alt[-1] == q.head)
        f["alt_extra"] = float(len(alt_set - asked))
    else:
        f["alt_exact_shared"] = 0.0
    # What the record holds that was not asked for, by kind of word and where it stands.
    name_extra = all_extra = False
    first_own: Token | None = None
    own_matched = False
    head_seg = None
    for t in r.toks:
        if t.segment == r.name_seg and not t.in_parens:
            first_own = first_own or t
            own_matched = own_matched or bool(t.parts & asked)
        if q.head is not None and q.head in t.parts and not t.negated:
            head_seg = t.segment if head_seg is None else min(head_seg, t.segment)
        unasked = t.parts - asked  # "Custard-apple" is not an apple: one word of it unasked
        if not unasked or t.negated:
            continue
        if t.in_parens:
            f["x_paren"] += 1
            continue
        for w in unasked:  # what each unasked word costs, as fitted (where it was common)
            f[WORD + w] = 1.0
        cls = max((word_class(w) for w in unasked), key=_CLASS_ORDER.index)
        if cls == "qualifier" and t.segment <= r.name_seg:
            cls = "kind"  # a qualifier's word in a food's own name names it: "Bread sticks"
        if cls in ("kind", "form"):
            all_extra = True
            name_extra = name_extra or t.segment <= r.name_seg
        if cls == "kind":
            if t.segment < r.name_seg:
                f["x_category"] += 1
            else:
                f[f"x_kind_{min(t.segment, 2)}"] += 1
        elif cls == "form" and t.segment <= r.name_seg:
            f["x_form_0"] += 1  # "Walnut oil" is oil; "Sardines, canned in oil" sardines
        else:
            f["x_" + cls] += 1
    if first_own is not None and own_matched and not first_own.parts & asked:
        f["lead_unasked"] = 1.0  # a word before the name makes another food: "Dessert pizza"
    if need <= r.main | alt_set:
        f["exact_name"] = float(not name_extra)
        f["exact_all"] = float(not all_extra)
    if head_seg is not None:
        f[f"head_{min(head_seg, 2)}"] = 1.0
    elif q.head is not None and q.head in alt_set:
        f["head_alt"] = 1.0
    if r.head:
        f["rhead_is_head"] = float(q.head in r.head)
        f["rhead_unasked"] = float(not r.head & asked)
    if r.joined:
        said = [bool(part & asked) for part in r.joined]
        if any(said) and not said[0]:
            f["other_part"] = 1.0  # "ginger ale" is not "Whiskey and ginger ale"
        elif said[0] and not all(said):
            f["extra_part"] = 1.0  # nor "peas" "Peas and corn"
    f["nfs"] = float("nfs" in r.main)
    # USDA's own record of the plain name: "Bread, NFS" for "bread"
    f["nfs_exact"] = float(f["nfs"] and r.own - {"nfs"} == need)
    f["ns_as_to"] = float("ns" in r.main)
    f["uncooked"] = float(entry.uncooked and not UNCOOKED_ASKED & asked)
    f["sr28"] = float(entry.food.source == SR28)
    f["salted"] = float("salt" not in asked and _says_with_salt(entry.food.description))
    f["respell"] = float(q.respell)
    f["synonym"] = float(q.synonyms)
    f["n_tokens"] = math.log(1 + len(r.toks))
    # The usual record of the common name the query is ("white rice" for "white rice, cooked")
    f["common"] = float(hand and any(set(n.split()) == need for n in r.named))
    for d in r.demotions:
        lifted = entry.brands & asked if d == "brand" else LIFTS.get(d, {d}) & asked
        if not lifted:
            f[f"d_{d}" if d in DEMOTIONS else "d_doubtful"] = 1.0
    return f


_CLASS_ORDER = ("plain", "generic", "prep", "qualifier", "number", "form", "kind")
