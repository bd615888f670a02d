"""The README's recipe for a cluster: the same magcalc.score over a Dask DataFrame split by
person, on a dask.distributed LocalCluster of processes, gives the single process's rows."""

from __future__ import annotations

import random

import pytest

import magcalc

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")

FOODS = ["12061", "11111000", "almonds:1 oz", "banana", "oatmeal:1 cup", "black beans:0.5 cup",
         "spinach, boiled:0.5 cup", "supplement: glycinate:100 mg", "xyzzyq:1 cup"]  # fmt: skip


def _survey() -> pd.DataFrame:
    rnd = random.Random(11)
    rows = []
    for person in range(40):
        age, sex = rnd.randint(19, 80), rnd.choice("fm")
        for day in ("2026-03-01", "2026-03-02"):
            for _ in range(rnd.randint(3, 7)):
                food = rnd.choice(FOODS)
                grams = round(rnd.uniform(5, 300), 1) if food.isdigit() else None
                rows.append({"person": person, "day": day, "food": food, "grams": grams,
                             "age": age, "sex": sex})  # fmt: skip
    return pd.DataFrame(rows)


def _key(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order, a missing value as None (a concatenation may write one as NaN)."""
    frame = frame.sort_values(["person", "day"], na_position="first").reset_index(drop=True)
    return frame.astype(object).where(frame.notna(), None)


def test_a_local_cluster_of_processes_gives_the_rows_of_one_process():
    frame = _survey()
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        parts = dd.from_pandas(frame, npartitions=4).shuffle("person")  # no person split
        for per in ("day", "person"):
            meta = magcalc.score(frame.head(0), per=per)
            got = parts.map_partitions(magcalc.score, per=per, meta=meta).compute()
            want = magcalc.score(frame, per=per)
            assert len(got) == len(want) == (80 if per == "day" else 40)
            pd.testing.assert_frame_equal(_key(got), _key(want))
