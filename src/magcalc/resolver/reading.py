"""Reading a food's name as a phrase: its words, its head, and the parts it joins.

English names put the food last ("oat milk latte" is a latte, "black bean burger" a burger);
USDA's put it first ("Spinach, boiled"). A name of two foods joined by "with", "on" or "and"
("toast with butter", "peanut butter on toast", "fish and chips") is read both ways: as one
dish, and as its parts, the base (the food the amount is of) and what goes with it.
Pure functions over strings; the amount was taken off by magcalc.parse before.
"""

import re
from typing import NamedTuple

from magcalc.names import NEGATIONS, stem, words

# Words that join two foods, and which side is the base the amount belongs to.
JOINS = {"with": "left", "w": "left", "topped with": "left", "plus": "left", "on": "right",
         "and": "both", "n": "both", "&": "both"}  # fmt: skip
# "in" and "over" join a food and its sauce or bed: the dish only, never two lines.
DISH_ONLY = ("in", "over")
# Words that only point or count in a name ("some almonds", "my usual porridge").
# The joining words themselves are fillers of the whole phrase ("tea with milk": tea, milk).
FILLERS = frozenset(words("some my homemade home made few little bit bits usual fresh"
                          " organic serving portion with w plus topped over n from"))  # fmt: skip
# Nouns that name a shape, cut or piece of a food rather than the food ("salmon fillet",
# "chicken breast" is not one of them: a breast is the food); they may be missing.
SHAPES = frozenset(words(
    "fillet fillets slice slices piece pieces chunk chunks cube cubes strip strips stick sticks "
    "bar bars cup cups wedge wedges link links patty patties square squares bite bites pot tub "
    "packet bag can bottle glass mug bowl plate order side"
))  # fmt: skip
# Of those, the ones that end the name of a food of that shape: "peanut butter cup", "candy
# bar", "cheese stick" are a cup, a bar, a stick; "salmon fillet" is salmon.
SHAPED = frozenset(words("cup cups bar bars stick sticks"))
# How a food was cut or readied for the plate ("avocado, cubed"): a record may lack them.
CUTS = frozenset(words(
    "chopped diced cubed sliced shredded grated shelled peeled pitted halved quartered "
    "crushed mashed"
))  # fmt: skip
# Words that state the default ("plain", "cooked"): a record may lack them.
DEFAULTS = frozenset(words(
    "plain regular raw fresh original whole unsweetened unsalted cooked prepared normal "
    "standard classic ordinary traditional"
))  # fmt: skip

# ASCII only (a curly apostrophe is read as a straight one first): quicker to compile.
_WORD_RE = re.compile(r"[a-z0-9&'%-]+")
# "&" joins two foods, except between letters: "M&M's", "PB&J" are one.
# Matched against the name with its ASCII letters lower-cased (the same length, so the spans
# hold for the name as typed): cheaper to compile than re.IGNORECASE.
_JOIN_RE = re.compile(r"\s+(topped with|with|w/|plus|on|and|n|&|in|over)\s+"
                      r"|(?<![a-z])\s*&\s*|\s*&\s*(?![a-z])")  # fmt: skip
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Phrase(NamedTuple):
    """One food's words as read: in order, stemmed, without fillers."""

    text: str
    words: tuple[str, ...]
    head: str | None  # the word that says what the food is
    optional: frozenset[str]  # words a record may lack: shapes, defaults
    negated: frozenset[str]  # "without salt": words the food is said to be without
    qualifiers: frozenset[str] = frozenset()  # words after a comma: "Coffee, brewed from grounds"


class Reading(NamedTuple):
    """A name read: the whole phrase, and its parts where it joins two foods."""

    whole: Phrase
    parts: tuple[Phrase, ...] = ()  # base first
    join: str | None = None  # the joining word ("with", "on", "and")
    base_side: str | None = None  # "left", "right" or "both"


def phrase(text: str) -> Phrase:
    """The words of one food's name, its head and what may be missing."""
    negated: set[str] = set()
    kept: list[str] = []
    raw = text.lower().replace("\u2019", "'")
    # "spinach, boiled", "Pasta Sauce, Marinara": the head ends the first segment
    first_segment = len(_WORD_RE.findall(raw.split(",")[0])) if "," in raw else None
    saying_without = False
    first: list[str] = []
    for i, w in enumerate(_WORD_RE.findall(raw)):
        if w in NEGATIONS:
            saying_without = True
            continue
        for s in words(w):
            if saying_without:
                negated.add(s)
            elif s not in FILLERS:
                kept.append(s)
                if first_segment is not None and i < first_segment:
                    first.append(s)
    ordered = tuple(dict.fromkeys(kept))
    loose = DEFAULTS | SHAPES | CUTS
    named = list(first or ordered)
    content = [w for w in named if w not in loose] or named
    head = content[-1] if content else None
    if len(named) > 1 and named[-1] in SHAPED:
        head = named[-1]
    optional = frozenset(w for w in ordered if w in loose and w != head)
    later = frozenset(w for w in ordered if first and w not in first)
    return Phrase(text.strip(), ordered, head, optional, frozenset(negated), later)


def read(name: str) -> Reading:
    """A name as one phrase, and split at the first word that joins two foods."""
    whole = phrase(name)
    text = name.strip()
    m = _JOIN_RE.search(text.translate(_ASCII_LOWER))
    if m is None:
        return Reading(whole)
    left, joiner, right = text[: m.start()], m.group(1) or "&", text[m.end() :]
    joiner = "w" if joiner == "w/" else joiner
    if joiner in DISH_ONLY or not left.strip() or not right.strip():
        return Reading(whole)
    a, b = phrase(left), phrase(right)
    if not a.words or not b.words:
        return Reading(whole)
    side = JOINS[joiner]
    parts = (b, a) if side == "right" else (a, b)
    # The dish is what its base is: "tea with milk" is a tea, "peanut butter on toast" toast;
    # "bean and cheese burrito" stays a burrito.
    if side != "both":
        whole = whole._replace(head=parts[0].head)
    return Reading(whole, parts, joiner, side)


def stems(text: str) -> frozenset[str]:
    """The stemmed words of a text, as a set."""
    return frozenset(stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()))
