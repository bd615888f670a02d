"""Fit the resolver's weights on judged lists, with cross-validation, into data/resolver.json.

    python -m magcalc.resolver.fit [--folds 5] [--write] LIST ...

Needs NumPy and SciPy (`pip install -e '.[fit]'`); magcalc itself never imports this module.

1. For every case of the lists (magcalc.resolver.evaluate reads them), the records the
   resolver finds for its name and their features (magcalc.resolver.features), without the
   alias table: the ranking must stand on USDA's data and general rules.
2. The ranking: a linear score, its softmax over a case's records fitted to put the accepted
   records' probability first (maximum likelihood, L2-regularised, each weight's sign fixed
   where its meaning fixes it: a missing word never helps).
3. The confidence: a logistic regression of "the best record is right" on the best record's
   probability, lead and what it lacks, fitted on out-of-fold rankings so it is not fooled by
   the ranking's own training; its bias then lowered until, out of fold, at least TARGET of
   the lines at SURE or above are right.
4. Cross-validation by folds of cases: each fold's top-1 and confidence held out, beside the
   training folds' figures; the whole table is written into the weights file under "fit".
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from typing import NamedTuple

import numpy as np
from scipy.optimize import minimize

from magcalc.parse import parse_food_spec
from magcalc.resolver import SURE, rank, reading, score
from magcalc.resolver.evaluate import Case, load
from magcalc.resolver.features import NAMES, WORD

TARGET = 0.95  # of the lines given as sure, at least this share must be right
L2 = 0.0003
# The sign each weight must have (+1: a reward, -1: a cost, 0: either).
SIGNS = {
    **dict.fromkeys([
        "miss_frac", "miss_any", "miss_head", "miss_qualifier", "alt_frac", "qual_frac",
        "opt_miss", "x_kind_0", "x_kind_1", "x_kind_2", "x_form_0", "x_form", "lead_unasked",
        "rhead_unasked", "uncooked", "salted", "respell", "synonym", "alt_exact_shared",
        "alt_extra", "other_part", "extra_part",
    ], -1),
    # Holding the word that says what the food is never counts against a record.
    **dict.fromkeys(["alt_exact", "alt_head", "exact_name", "exact_all", "rhead_is_head",
                     "common", "nfs_exact", "head_0", "head_1", "head_2", "head_alt"], 1),
    **{n: -1 for n in NAMES if n.startswith("d_")},
}  # fmt: skip


class Item(NamedTuple):
    case: Case
    x: np.ndarray  # records x features (the columns of `columns`)
    right: np.ndarray  # which records are accepted
    ids: list[str]
    weight: float  # how much the case counts in the fit


MIN_WORD_CASES = 20  # a word is weighed on its own where it stood unasked in this many cases
WORD_L2 = 0.001  # and pulled harder towards 0 than the general features


# The older lists of tests/data were judged more loosely than the development set's, whose
# judgement the unpublished measure shares: they count for half.
OLDER_LIST_WEIGHT = 0.5


def collect(cases: list[Case], hand: bool = True) -> tuple[list[Item], list[str]]:
    """Each case's records and features, and the feature columns: the general features and
    the words common enough to be weighed one by one."""
    pools = []
    seen: Counter[str] = Counter()
    for c in cases:
        name = parse_food_spec(c.food).name
        found, _, _ = rank.pool(reading.read(name).whole, hand)
        pools.append(found)
        seen.update({n for f, _ in found for n in f if n.startswith(WORD)})
    columns = [*NAMES, *sorted(n for n, k in seen.items() if k >= MIN_WORD_CASES)]
    items = []
    for c, found in zip(cases, pools, strict=True):
        x = np.array([[f.get(n, 0.0) for n in columns] for f, _ in found],
                     dtype=float).reshape(-1, len(columns))  # fmt: skip
        ids = [e.food.food_id for _, e in found]
        right = np.array([i in c.accepted for i in ids], dtype=bool)
        items.append(Item(c, x, right, ids, OLDER_LIST_WEIGHT if c.list.endswith(".csv") else 1))
    return items, columns


def _loss(w: np.ndarray, items: list[Item], l2: np.ndarray) -> tuple[float, np.ndarray]:
    total, grad = 0.0, np.zeros_like(w)
    for it in items:
        if not it.right.any():
            continue
        s = it.x @ w
        s -= s.max()
        e = np.exp(s)
        p = e / e.sum()
        good = p[it.right].sum()
        total -= it.weight * np.log(good + 1e-12)
        # d(-log sum_good p)/dw = E_p[x] - E_{p | good}[x]
        grad += it.weight * (p @ it.x - (p[it.right] @ it.x[it.right]) / (good + 1e-12))
    n = max(1.0, sum(it.weight for it in items if it.right.any()))
    return total / n + float(l2 @ (w * w)), grad / n + 2 * l2 * w


def fit_rank(items: list[Item], columns: list[str], start: np.ndarray) -> np.ndarray:
    bounds = [(0, None) if SIGNS.get(n) == 1 else (None, 0) if SIGNS.get(n) == -1 else (None, None)
              for n in columns]  # fmt: skip
    l2 = np.array([WORD_L2 if n.startswith(WORD) else L2 for n in columns])
    res = minimize(_loss, start, args=(items, l2), jac=True, method="L-BFGS-B", bounds=bounds,
                   options={"maxiter": 1000})  # fmt: skip
    return res.x


def top1(items: list[Item], w: np.ndarray) -> float:
    found = [it for it in items if not it.case.refusal]
    hits = 0
    for it in found:
        if len(it.ids):
            s = it.x @ w
            best = max(range(len(s)), key=lambda i: (s[i], -int(it.ids[i])))
            hits += bool(it.right[best])
    return hits / max(1, len(found))


def confidence_rows(items: list[Item], columns: list[str],
                    w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The confidence inputs of each case's best record, and whether it is right."""
    rows, labels = [], []
    for it in items:
        if not len(it.ids):
            continue
        s = it.x @ w
        order = sorted(range(len(s)), key=lambda i: (-s[i], it.ids[i]))
        ranked = [(float(s[i]), dict(zip(columns, it.x[i], strict=True)), _entry(it.ids[i]))
                  for i in order]  # fmt: skip
        inputs = score.confidence_inputs(ranked)
        rows.append([inputs[n] for n in score.CONFIDENCE_NAMES])
        labels.append(bool(it.right[order[0]]))
    return np.array(rows), np.array(labels)


def _entry(food_id: str):
    from magcalc import store

    return store.indexed(food_id)


def fit_confidence(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    def loss(c: np.ndarray) -> tuple[float, np.ndarray]:
        z = np.clip(x @ c, -30, 30)
        p = 1 / (1 + np.exp(-z))
        ll = -np.mean(y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))
        g = x.T @ (p - y) / len(y)
        return ll + L2 * float(c[1:] @ c[1:]), g + 2 * L2 * np.r_[0, c[1:]]

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def _sure(x: np.ndarray, c: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(x @ c, -30, 30))) >= SURE


def shift_for_target(x: np.ndarray, y: np.ndarray, c: np.ndarray) -> float:
    """How much to lower the bias so that, of the rows given as sure, TARGET are right."""
    for shift in np.arange(0, 8, 0.05):
        cc = c.copy()
        cc[0] -= shift
        sure = _sure(x, cc)
        if not sure.any() or y[sure].mean() >= TARGET:
            return float(shift)
    return 8.0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    folds = int(args[args.index("--folds") + 1]) if "--folds" in args else 5
    write = "--write" in args
    files = [a for a in args if not a.startswith("--") and not a.isdigit()]
    cases: list[Case] = []
    for path in files:
        found, days = load(path)
        cases += found + [c for d in days for c in d.cases]
    table = _seeded()
    print(f"{len(cases)} cases from {len(files)} files; collecting records ...", file=sys.stderr)
    items, columns = collect(cases)
    start = np.array([float(table["rank"].get(n, 0.0)) for n in columns])
    order = list(range(len(items)))
    random.Random(0).shuffle(order)
    fold_of = {i: k % folds for k, i in enumerate(order)}
    report = []
    oof_x, oof_y = [], []
    for k in range(folds):
        train = [it for i, it in enumerate(items) if fold_of[i] != k]
        held = [it for i, it in enumerate(items) if fold_of[i] == k]
        w = fit_rank(train, columns, start)
        cx, cy = confidence_rows(held, columns, w)
        oof_x.append(cx)
        oof_y.append(cy)
        report.append(
            {
                "fold": k,
                "train_top1": round(top1(train, w), 4),
                "held_out_top1": round(top1(held, w), 4),
                "held_out_cases": len(held),
            }
        )
        print(report[-1], file=sys.stderr)
    x, y = np.vstack(oof_x), np.concatenate(oof_y)
    c = fit_confidence(x, y)
    shift = shift_for_target(x, y, c)
    c[0] -= shift
    sure = _sure(x, c)
    w = fit_rank(items, columns, start)
    summary = {
        "cases": len(items), "folds": report,
        "train_top1": round(float(np.mean([r["train_top1"] for r in report])), 4),
        "held_out_top1": round(float(np.mean([r["held_out_top1"] for r in report])), 4),
        "held_out_sure_share": round(float(sure.mean()), 4),
        "held_out_right_when_sure": round(float(y[sure].mean()) if sure.any() else 0.0, 4),
        "confidence_bias_shift": round(shift, 2), "lists": [p.rsplit("/", 1)[-1] for p in files],
    }  # fmt: skip
    hits = _alias_hits(cases)
    alias = (sum(hits) + 1) / (len(hits) + 2)  # Laplace: never 1 on a finite list
    summary["alias_cases"], summary["alias_right"] = len(hits), sum(hits)
    print(json.dumps({k: v for k, v in summary.items() if k != "folds"}, indent=1))
    if write:
        table["rank"] = {n: round(float(v), 4) for n, v in zip(columns, w, strict=True)
                         if n in NAMES or round(float(v), 4)}  # fmt: skip
        table["confidence"] = {
            n: round(float(v), 4) for n, v in zip(score.CONFIDENCE_NAMES, c, strict=True)
        }
        table["confidence"]["alias"] = round(alias, 4)
        table["fit"] = summary
        _write(table)
    return 0


def _alias_hits(cases: list[Case]) -> list[bool]:
    """Whether each case a common name resolves (the alias tables) got an accepted record."""
    from magcalc.resolver import resolve

    out = []
    for c in cases:
        if c.refusal:
            continue
        m = resolve(parse_food_spec(c.food).name)
        if m.how == "alias" and m.food is not None:
            out.append(m.food.food_id in c.accepted)
    return out


def _seeded() -> dict:
    """The weights file, with a weight of 0 written for any feature it does not name yet (a
    new feature), so that magcalc can run to collect the features."""
    with open(_weights_path(), encoding="utf-8") as f:
        table = json.load(f)
    new = [n for n in NAMES if n not in table["rank"]]
    new_c = [n for n in score.CONFIDENCE_NAMES if n not in table["confidence"]]
    if new or new_c:
        table["rank"].update(dict.fromkeys(new, 0.0))
        table["confidence"].update(dict.fromkeys(new_c, 0.0))
        _write(table)
    return table


def _write(table: dict) -> None:
    with open(_weights_path(), "w", encoding="utf-8") as f:
        json.dump(table, f, indent=1)
        f.write("\n")


def _weights_path() -> str:
    from magcalc.data import data_path

    return data_path("resolver.json")


if __name__ == "__main__":
    raise SystemExit(main())
