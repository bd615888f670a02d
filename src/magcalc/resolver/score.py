"""Scoring records with fitted weights, and how sure the best one is.

The weights live in data/resolver.json, fitted on judged lists of diary foods by
`python -m magcalc.resolver.fit` (see that module): a record's score is the weighted sum of
its features (magcalc.resolver.features); the records' probabilities are the softmax of
their scores; the confidence of the best is a logistic function of how far ahead it is and
of what it lacks, fitted on held-out folds so that it means what it says.
"""

import math
from functools import cache
from typing import NamedTuple

from magcalc import store
from magcalc.errors import DataError
from magcalc.resolver.features import NAMES, record
from magcalc.store import Indexed

CONFIDENCE_NAMES = ("bias", "log_p", "log_p_alike", "margin", "miss_frac", "miss_head",
                    "alt_frac", "respell", "synonym")  # fmt: skip
ALIKE_MG = 0.15  # records this close in magnesium, of the same name, differ little to the user
MAX_MARGIN = 10.0  # a lone record leads by this much


class Weights(NamedTuple):
    rank: dict[str, float]  # each of features.NAMES, and "u:WORD" for words fitted one by one
    confidence: tuple[float, ...]  # one per CONFIDENCE_NAMES
    alias: float  # how often a common name's record was right, on the lists fitted on


@cache
def weights() -> Weights:
    table = store.table("resolver")
    missing = [n for n in (*NAMES, *CONFIDENCE_NAMES)
               if n not in table["rank"] and n not in table["confidence"]]  # fmt: skip
    if missing:
        raise DataError(f"resolver.json lacks the weights of {', '.join(missing)}; reinstall")
    return Weights(
        {n: float(v) for n, v in table["rank"].items() if v},
        tuple(float(table["confidence"][n]) for n in CONFIDENCE_NAMES),
        float(table["confidence"].get("alias", 1.0)),
    )


def score(f: dict[str, float], w: dict[str, float]) -> float:
    get = w.get
    return sum(get(n, 0.0) * v for n, v in f.items() if v)  # most features are 0


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    e = [math.exp(s - top) for s in scores]
    total = sum(e)
    return [x / total for x in e]


def alike(a: Indexed, b: Indexed) -> bool:
    """Two records that differ little to the user: the same food by name (a word of their
    names in common) with magnesium within ALIKE_MG ("Carrots, raw" of either table)."""
    x, y = a.food.mg_per_100g, b.food.mg_per_100g
    if abs(x - y) > max(ALIKE_MG * max(x, y), 1.0):
        return False
    return bool(record(a).own & record(b).own)


def confidence_inputs(ranked: list[tuple[float, dict[str, float], Indexed]]) -> dict[str, float]:
    """What the confidence of the best record is worked out from: its probability among the
    records found, with the records alike it, its lead over the best record unlike it, and
    what it lacks or was read through."""
    s1, f, top = ranked[0]
    probs = softmax([s for s, _, _ in ranked])
    same = [alike(e, top) for _, _, e in ranked]
    p_alike = sum(p for p, a in zip(probs, same, strict=True) if a)
    rival = next((s for (s, _, _), a in zip(ranked, same, strict=True) if not a), None)
    margin = MAX_MARGIN if rival is None else min(s1 - rival, MAX_MARGIN)
    return {"bias": 1.0, "log_p": math.log(max(probs[0], 1e-9)),
            "log_p_alike": math.log(max(p_alike, 1e-9)), "margin": margin,
            "miss_frac": f["miss_frac"], "miss_head": f["miss_head"], "alt_frac": f["alt_frac"],
            "respell": f["respell"], "synonym": f["synonym"]}  # fmt: skip


def confidence(inputs: dict[str, float], c: tuple[float, ...]) -> float:
    z = sum(ci * inputs[n] for ci, n in zip(c, CONFIDENCE_NAMES, strict=True))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
