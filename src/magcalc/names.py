"""Food names as comparable words: lower case, singular, lightly stemmed.

Cheap on purpose: the common path (a name in the alias table) needs only `key`, and the
full ranking in magcalc.match is imported only when a name must be searched for.
"""

from __future__ import annotations

import re
from functools import cache

_STOPWORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for"}


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def stem(word: str) -> str:
    """A light stem so 'toast' finds 'toasted' and 'slices' finds 'sliced'."""
    word = singular(word)
    if len(word) > 5 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 6 and word.endswith("ing"):
        return word[:-3]
    return word


def words(text: str) -> list[str]:
    """Lower-case stemmed words without stop words: 'Nuts, almonds' -> ['nut', 'almond']."""
    return [
        stem(w)
        for w in re.findall(r"[a-z0-9]+", text.lower().replace("'", ""))
        if w not in _STOPWORDS
    ]


def key(text: str) -> str:
    """The form aliases are looked up by: words in order, joined by spaces."""
    return " ".join(words(text))


# Foods nearly always eaten cooked, and the words of records that are not: ranking prefers the
# cooked record of such foods, and `foods top` leaves the raw or dry ones out.
USUALLY_COOKED = {
    "Legumes and Legume Products", "Cereal Grains and Pasta", "Beef Products", "Pork Products",
    "Poultry Products", "Lamb, Veal, and Game Products", "Finfish and Shellfish Products",
}  # fmt: skip
UNCOOKED = frozenset(words("raw dry uncooked unprepared"))
