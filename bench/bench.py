"""Start-up and search benchmark for magcalc. Run it with the interpreter magcalc is installed in:

    python bench/bench.py            # 15 interleaved rounds, a markdown report
    python bench/bench.py --runs 30 --json

Commands are timed as whole processes, interleaved round by round so that machine noise hits
them alike, and compared with their floor: the same interpreter importing what any click (or
click and rich) program must import. Medians and ratios are reported.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
MAGCALC = str(Path(PY).parent / "magcalc")
INTAKE = ["intake", "--age", "35", "--sex", "f", "--food", "almonds:1 oz"]
GOALS = {
    "intake --json (warm)": 1.3,
    "intake --json (cold)": 2.0,
    "intake table": 1.25,
    "--help": 1.2,
}


def _time(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def startup(runs: int) -> dict[str, dict[str, float]]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("MAGCALC_", "PYTHON"))}
    warm_env = {**base, "COLUMNS": "100"}
    cases = {
        "floor: import click": ([PY, "-c", "import click"], None),
        "floor: import click, rich": ([PY, "-c", "import click, rich.console, rich.table"], None),
        "intake --json (warm)": ([MAGCALC, *INTAKE, "--json"], None),
        "intake --json (cold)": ([MAGCALC, *INTAKE, "--json"], "cold"),
        "intake table": ([MAGCALC, *INTAKE], None),
        "--help": ([MAGCALC, "--help"], None),
    }
    for cmd, _ in cases.values():  # one warm-up run each: caches, page cache
        subprocess.run(cmd, env=warm_env, capture_output=True, check=True)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        order = list(cases)
        random.shuffle(order)
        for name in order:
            cmd, kind = cases[name]
            env = warm_env
            if kind == "cold":  # a new machine: empty HOME and cache directory every run
                home = tempfile.mkdtemp(prefix="magcalc-bench-")
                env = {**warm_env, "HOME": home, "XDG_CACHE_HOME": os.path.join(home, ".cache")}
            times[name].append(_time(cmd, env))
    med = {name: statistics.median(t) * 1000 for name, t in times.items()}
    floor, rich_floor = med["floor: import click"], med["floor: import click, rich"]
    out = {}
    for name, ms in med.items():
        against = rich_floor if name == "intake table" else floor
        out[name] = {"median_ms": round(ms, 1)}
        if not name.startswith("floor"):
            out[name]["ratio"] = round(ms / against, 2)
            out[name]["goal"] = GOALS[name]
    return out


def _queries() -> list[str]:
    """200 varied queries: common names, USDA words in any order, typos, generic words."""
    from magcalc.tables import foods

    rnd = random.Random(7)
    descriptions = [f.description for f in foods().values()]
    queries = []
    for d in rnd.sample(descriptions, 120):
        ws = [w for w in d.replace(",", " ").split() if w.isalpha()]
        queries.append(" ".join(rnd.sample(ws, min(len(ws), rnd.randint(1, 3)))))
    queries += [
        "almonds", "milk", "spinach boiled", "peanut butter", "brown rice cooked", "banana",
        "chiken breast", "brocoli", "spinnach boiled", "peanut buttr", "yoghurt greek", "salmon",
        "oatmeal made with water", "whole wheat toast", "black beans", "dark chocolate",
        "sweet potato baked", "cheddar cheese", "tuna canned in water", "orange juice", "beef",
        "raw", "cooked", "cheese", "bread", "rice", "beans", "chicken", "pork", "fish",
    ]  # fmt: skip
    while len(queries) < 200:
        queries.append(rnd.choice(queries[:150]))
    return queries[:200]


def search() -> dict[str, float]:
    from magcalc.match import _index, rank

    started = time.perf_counter()
    _index()
    load_ms = (time.perf_counter() - started) * 1000
    rank("chiken")  # pay rapidfuzz's import once, as any process that needs it does
    ms = []
    for q in _queries():
        t = time.perf_counter()
        rank(q, limit=10)
        ms.append((time.perf_counter() - t) * 1000)
    ms.sort()
    return {
        "queries": len(ms),
        "index_load_ms": round(load_ms, 1),
        "p50_ms": round(ms[len(ms) // 2], 3),
        "p99_ms": round(ms[int(len(ms) * 0.99) - 1], 3),
        "max_ms": round(ms[-1], 3),
        "goal_p99_ms": 5.0,
    }


def big_file(lines: int = 100_000) -> dict[str, float] | None:
    """A 100,000-line foods file through `intake --foods-file`: wall time and peak RSS."""
    help_text = subprocess.run([MAGCALC, "intake", "--help"], capture_output=True, text=True)
    if "--foods-file" not in help_text.stdout:
        return None
    names = [
        "almonds:1 oz",
        "banana:1 medium",
        "spinach, boiled:1/2 cup",
        "milk:1 cup",
        "brown rice:1/2 cup",
        "12061:10 g",
        "peanut butter:2 tbsp",
        "black beans:1/2 cup",
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        for i in range(lines):
            f.write(names[i % len(names)] + "\n")
        path = f.name
    probe = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
        "print(time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [PY, "-c", probe, MAGCALC, "intake", "--age", "35", "--sex", "f", "--foods-file", path,
         "--json"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    os.unlink(path)
    rss_kb = int(out[1]) if sys.platform != "darwin" else int(out[1]) // 1024
    return {
        "lines": lines,
        "wall_s": round(float(out[0]), 2),
        "peak_rss_mb": round(rss_kb / 1024, 1),
        "goal_wall_s": 3.0,
        "goal_rss_mb": 150.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="interleaved rounds (default 15)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    report = {"startup": startup(args.runs), "search": search(), "foods_file": big_file()}
    report["python"] = sys.version.split()[0]
    report["runs"] = args.runs
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"Python {report['python']}, {args.runs} interleaved runs, medians\n")
    print("| case | median ms | ratio to floor | goal |\n|---|---|---|---|")
    for name, r in report["startup"].items():
        print(f"| {name} | {r['median_ms']} | {r.get('ratio', '')} | {r.get('goal', '')} |")
    s = report["search"]
    print(
        f"\nfood search, {s['queries']} queries in one process: p50 {s['p50_ms']} ms, "
        f"p99 {s['p99_ms']} ms (goal 5), max {s['max_ms']} ms; index built in "
        f"{s['index_load_ms']} ms"
    )
    b = report["foods_file"]
    if b:
        print(
            f"foods file of {b['lines']:,} lines: {b['wall_s']} s (goal 3), "
            f"peak RSS {b['peak_rss_mb']} MB (goal 150)"
        )
    else:
        print("foods file: this magcalc has no --foods-file")


if __name__ == "__main__":
    main()
