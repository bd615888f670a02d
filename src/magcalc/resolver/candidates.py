"""The records that may be meant: those holding the query's words, in their descriptions or in
USDA's other names for them, found by the catalogue's FTS5 index.

All the words first; where no record holds them all, all but one (each in turn), so that a
word no record shares with the rest ("hemp hearts": no record holds both) still leaves the
records of the others to be scored, and judged short of a word.
"""

from __future__ import annotations

from itertools import combinations

from magcalc import store
from magcalc.store import Indexed

MAX_SCORED = 300  # the plainest records of a common word ("chicken") are enough
MAX_QUERIES = 20  # subsets of a long name tried at each step


def _fts(groups: list[tuple[str, ...]]) -> str:
    return " AND ".join("(" + " OR ".join(f'"{w}"' for w in g) + ")" for g in groups)


def find(groups: list[tuple[str, ...]]) -> list[Indexed]:
    """Records holding a word of every group (a group: a word and its other readings);
    failing that, of every group but one, then but two: the fewest words left out."""
    if not groups:
        return []
    for drop in range(min(3, len(groups))):
        seen: dict[str, Indexed] = {}
        subsets = list(combinations(groups, len(groups) - drop))[:MAX_QUERIES]
        for subset in subsets:
            for h in store.search(_fts(list(subset)), MAX_SCORED // len(subsets)):
                seen.setdefault(h.food.food_id, h)
        if seen:
            return list(seen.values())
    return []
