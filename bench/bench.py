"""Speed benchmark for magcalc. Run it with the interpreter magcalc is installed in:

    python bench/bench.py            # 15 interleaved rounds, a markdown report
    python bench/bench.py --runs 30 --json

Commands are timed as whole processes, interleaved round by round so that machine noise hits
them alike, and compared with their floor: the same interpreter importing what any click (or
click and rich) program must import. The cases are what users type: names outside the alias
table (checked), a natural day of ten foods, a search, TAB completion, a year's diary, and
files of 100,000 and 500,000 lines in every machine format, with peak memory; and many people
at once: magcalc.score in this process and `magcalc survey` over surveys of 20,000 and
200,000 person-days.
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
WHO = ["--age", "35", "--sex", "f"]
# every line of an intake run does the whole work: none is refused for want of confidence
INTAKE = [MAGCALC, "intake", *WHO, "--best-guess"]
# Twenty names a diary holds that are in no alias table (checked before timing): ranked.
UNALIASED = [
    "chicken burrito:1", "turkey sandwich on whole wheat:1", "steamed green beans:1 cup",
    "brussels sprouts roasted:1 cup", "salmon fillet baked:1 fillet", "ribeye steak:6 oz",
    "kale chips:1 oz", "pork fried rice:1 cup", "caesar salad with chicken:1 bowl",
    "spinach salad:1 bowl", "lentil curry:1 cup", "cheese omelet:1", "bran muffin:1",
    "oatmeal raisin cookie:2", "matcha latte:12 oz", "cottage cheese with fruit:1 cup",
    "tuna salad sandwich:1", "brocoli soup:1 bowl", "beef and broccoli:1 cup",
    "zucchini bread:1 slice",
]  # fmt: skip
DAY = [
    "porridge:1 bowl", "banana:1", "coffee with milk:1 mug", "turkey sandwich:1",
    "apple:1 medium", "almonds:1 handful", "salmon, baked:1 fillet", "broccoli, steamed:1 cup",
    "brown rice:1 cup", "red wine:1 glass",
]  # fmt: skip
DRAWN = ("intake table", "log add, two foods and a product")  # drawn with rich: its floor
GOALS = {
    "intake --json, a name not in the alias table": 1.3,
    "intake --json, a day of 10 foods": 1.4,
    "foods search --json": 1.5,
    "TAB completion of a food name": 1.3,
    "TAB completion of a food's units": 1.4,
    "log add, two foods and a product": 1.3,
    "intake table": 1.3,
    "--help": 1.2,
}


def _env() -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("MAGCALC_", "PYTHON"))}
    return {**base, "COLUMNS": "100"}


def check_unaliased() -> None:
    """Every name of UNALIASED must be one the alias tables do not hold (the resolver ranks it)."""
    from magcalc import store
    from magcalc.parse import parse_food_spec
    from magcalc.resolver import resolve

    for spec in UNALIASED:
        name = parse_food_spec(spec).name
        if resolve(name).how == "alias":
            raise SystemExit(f"bench: {name!r} is in the alias tables; choose another name")
    store.catalogue()


def startup(runs: int) -> dict[str, dict[str, float]]:
    env = _env()
    # What bash sends: the line (magcalc's bash script), the cursor at its end.
    complete_env = {**env, "_MAGCALC_COMPLETE": "bash_complete",
                    "COMP_LINE": "magcalc intake --food chick"}  # fmt: skip
    units_env = {**complete_env, "COMP_LINE": 'magcalc intake --food "chicken burrito:'}
    home = tempfile.mkdtemp(prefix="magcalc-bench-")  # a diary and a product of the user's
    os.makedirs(os.path.join(home, "config", "magcalc"))
    with open(os.path.join(home, "config", "magcalc", "products.csv"), "w") as f:
        f.write("name,form,mg,per\nNature Made oxide,oxide,250,1 tablet\n")
    log_env = {**env, "XDG_CONFIG_HOME": os.path.join(home, "config"),
               "XDG_DATA_HOME": os.path.join(home, "data")}  # fmt: skip
    cases: dict[str, tuple[list[list[str]], dict[str, str]]] = {
        "floor: import click": ([[PY, "-c", "import click"]], env),
        "floor: import click, rich": ([[PY, "-c", "import click, rich.console, rich.table"]], env),
        "intake --json, a name not in the alias table": (
            [[*INTAKE, "--food", name, "--json"] for name in UNALIASED], env),
        "intake --json, a day of 10 foods": (
            [[*INTAKE, *(a for f in DAY for a in ("--food", f)), "--json"]], env),
        "foods search --json": (
            [[MAGCALC, "foods", "search", n.split(":")[0], "--json"] for n in UNALIASED[:10]],
            env),
        "TAB completion of a food name": ([[MAGCALC]], complete_env),
        "TAB completion of a food's units": ([[MAGCALC]], units_env),
        "log add, two foods and a product": (
            [[MAGCALC, "log", "add", UNALIASED[i], DAY[i % len(DAY)], "--supplement",
              "nature made oxide:1 tablet", "--date", "2026-11-20"] for i in range(10)],
            log_env),
        "intake table": ([[*INTAKE, "--food", UNALIASED[0]]], env),
        "--help": ([[MAGCALC, "--help"]], env),
    }  # fmt: skip
    for cmds, e in cases.values():  # one warm-up run each: caches, page cache
        for cmd in cmds:
            subprocess.run(cmd, env=e, capture_output=True, check=False)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for r in range(runs):
        order = list(cases)
        random.shuffle(order)
        for name in order:
            cmds, e = cases[name]
            cmd = cmds[r % len(cmds)]  # each round takes the next of the varied names
            start = time.perf_counter()
            subprocess.run(cmd, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - start)
    med = {name: statistics.median(t) * 1000 for name, t in times.items()}
    floor, rich_floor = med["floor: import click"], med["floor: import click, rich"]
    out = {}
    for name, ms in med.items():
        against = rich_floor if name in DRAWN else floor
        out[name] = {"median_ms": round(ms, 1)}
        if not name.startswith("floor"):
            out[name]["ratio"] = round(ms / against, 2)
            out[name]["goal"] = GOALS[name]
    return out


def _measure(cmd: list[str], stdin_path: str | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one process."""
    probe = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "f = open(sys.argv[1], 'rb') if sys.argv[1] != '-' else None;"
        "subprocess.run(sys.argv[2:], stdin=f, stdout=subprocess.DEVNULL, check=True);"
        "print(time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [PY, "-c", probe, stdin_path or "-", *cmd], capture_output=True, text=True, check=True,
        env=_env(),
    ).stdout.split()  # fmt: skip
    rss_kb = int(out[1]) if sys.platform != "darwin" else int(out[1]) // 1024
    return float(out[0]), rss_kb / 1024


def _foods(n: int) -> list[str]:
    """n distinct food lines: ~160 foods in many amounts."""
    names = [f.split(":")[0] for f in UNALIASED + DAY] + [
        "almonds", "spinach, boiled", "black beans", "peanut butter", "milk", "oatmeal",
        "whole wheat bread", "yogurt", "cheddar cheese", "eggs", "chicken breast", "pasta",
        "white rice", "orange juice", "tea", "coffee", "beer", "pizza", "hamburger", "fries",
    ]  # fmt: skip
    from magcalc import store

    rnd = random.Random(7)
    rows = (
        store.catalogue()
        .execute("SELECT description FROM food WHERE common = 1 ORDER BY food_id")
        .fetchall()
    )
    names += [r[0] for r in rnd.sample(rows, min(len(rows), 160 - len(names)))]
    typed = UNALIASED + DAY  # as typed, in their own units; the rest in grams and ounces
    out: list[str] = list(typed)
    i = 0
    while len(out) < n:
        name = names[i % len(names)]
        amount = 1 + (i // len(names)) % 400
        out.append(f"{name}:{amount * 5} g" if i % 2 else f"{name}:{amount / 4:g} oz")
        i += 1
    return out[:n]


def files() -> dict[str, dict[str, float]]:
    """A year's diary, 100,000 lines (15,000 distinct), 500,000 lines in json/ndjson/csv."""
    results: dict[str, dict[str, float]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="magcalc-bench-"))
    year = tmp / "year.txt"
    rnd = random.Random(1)
    pool = _foods(600)  # ~160 foods
    with year.open("w", encoding="utf-8") as f:
        for day in range(365):
            f.write(f"# {2025 + (day >= 365)}-{1 + day // 31 % 12:02d}-{1 + day % 28:02d}\n")
            for _ in range(11):
                f.write(rnd.choice(pool) + "\n")
    # day headers may repeat a date: keep them unique instead
    lines = year.read_text(encoding="utf-8").splitlines()
    import datetime

    d0, k = datetime.date(2025, 1, 1), 0
    for i, line in enumerate(lines):
        if line.startswith("# "):
            lines[i] = f"# {d0 + datetime.timedelta(days=k)}"
            k += 1
    year.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wall, rss = _measure([*INTAKE, "--foods-file", str(year), "--json"])
    results["365-day diary (4,380 lines, ~160 foods), json"] = {
        "lines": len(lines), "wall_s": round(wall, 2), "peak_rss_mb": round(rss, 1),
        "goal_wall_s": 0.5,
    }  # fmt: skip
    distinct = _foods(15_000)
    for n, formats in ((100_000, ["json"]), (500_000, ["json", "ndjson", "csv"])):
        path = tmp / f"foods-{n}.txt"
        with path.open("w", encoding="utf-8") as f:
            for i in range(n):
                f.write(distinct[i % len(distinct)] + "\n")
        for fmt in formats:
            wall, rss = _measure([*INTAKE, "--foods-file", str(path), "--format", fmt])
            results[f"{n:,} lines (15,000 distinct), {fmt}"] = {
                "lines": n, "wall_s": round(wall, 2), "peak_rss_mb": round(rss, 1),
                "goal_wall_s": 3.0 if n == 100_000 else None, "goal_rss_mb": 100.0,
            }  # fmt: skip
    return results


def _survey_rows(people: int, texts: bool, first: int = 0) -> list[dict]:
    """A survey as NHANES has it: each person two days of eight foods, by FNDDS code and grams
    (`texts`: by name and amount, as a diary holds them)."""
    from magcalc import store

    rnd = random.Random(3)
    query = "SELECT food_id FROM food WHERE length(food_id) = 8 ORDER BY food_id"
    ids = [r[0] for r in store.catalogue().execute(query).fetchall()]
    codes = rnd.sample(ids, 800)
    lines = [line.rpartition(":") for line in _foods(600)]
    rows = []
    for person in range(people):
        age, sex = rnd.randint(19, 80), rnd.choice("fm")
        for day in (1, 2):
            for _ in range(8):
                if texts:
                    name, _, amount = rnd.choice(lines)
                    food = {"food": name, "amount": amount}
                else:
                    food = {"food": int(rnd.choice(codes)), "grams": round(rnd.uniform(5, 400), 2)}
                rows.append({"person": 100_000 + first + person, "day": day, **food, "age": age,
                             "sex": sex})  # fmt: skip
    return rows


def batch() -> dict[str, dict[str, float]]:
    """magcalc.score in this process (one core; a DataFrame where pandas is installed), and
    `magcalc survey` over CSV files of 160,000 and 1,600,000 rows, with peak memory."""
    import csv

    import magcalc

    try:
        import pandas as pd
    except ImportError:
        pd = None
    results: dict[str, dict[str, float]] = {}
    for name, people, texts, goal in (("food ids with grams", 10_000, False, 20_000),
                                      ("food texts with amounts", 5_000, True, 5_000)):  # fmt: skip
        rows = _survey_rows(people, texts)
        given = pd.DataFrame(rows) if pd is not None else rows
        best = min(_timed(lambda given=given: magcalc.score(given)) for _ in range(3))
        kind = "DataFrame" if pd is not None else "list"
        results[f"magcalc.score, {kind} of {2 * people:,} person-days, {name}"] = {
            "person_days_per_s": round(2 * people / best), "goal_per_s": goal,
        }  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="magcalc-bench-"))
    for people in (10_000, 100_000):
        path = tmp / f"survey-{people}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, ["person", "day", "food", "grams", "age", "sex"])
            writer.writeheader()
            for first in range(0, people, 10_000):  # written a part at a time
                writer.writerows(_survey_rows(10_000, False, first))
        wall, rss = _measure([MAGCALC, "survey", str(path)])
        lines = 16 * people
        results[f"magcalc survey, CSV of {lines:,} rows (food ids, grams), ndjson"] = {
            "wall_s": round(wall, 2), "person_days_per_s": round(2 * people / wall),
            "peak_rss_mb": round(rss, 1), "goal_per_s": 20_000,
        }  # fmt: skip
    return results


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def one_intake_rss() -> float:
    return round(_measure([*INTAKE, "--food", UNALIASED[1], "--json"])[1], 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="interleaved rounds (default 15)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-files", action="store_true", help="skip the large files")
    parser.add_argument("--no-batch", action="store_true", help="skip the survey cases")
    args = parser.parse_args()
    check_unaliased()
    report = {
        "python": sys.version.split()[0],
        "runs": args.runs,
        "startup": startup(args.runs),
        "intake_peak_rss_mb": one_intake_rss(),
        "files": {} if args.no_files else files(),
        "batch": {} if args.no_batch else batch(),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"Python {report['python']}, {args.runs} interleaved runs, medians\n")
    print("| case | median ms | ratio to floor | goal |\n|---|---|---|---|")
    for name, r in report["startup"].items():
        print(f"| {name} | {r['median_ms']} | {r.get('ratio', '')} | {r.get('goal', '')} |")
    print(f"\npeak RSS of one intake: {report['intake_peak_rss_mb']} MB (goal 40)\n")
    if report["files"]:
        print("| file | wall s | peak RSS MB | goal |\n|---|---|---|---|")
        for name, r in report["files"].items():
            goal = " / ".join(
                x for x in (f"{r['goal_wall_s']} s" if r.get("goal_wall_s") else "",
                            f"{r['goal_rss_mb']:g} MB" if r.get("goal_rss_mb") else "") if x
            )  # fmt: skip
            print(f"| {name} | {r['wall_s']} | {r['peak_rss_mb']} | {goal} |")
    if report["batch"]:
        print("\n| many people | person-days/s | wall s | peak RSS MB | goal |")
        print("|---|---|---|---|---|")
        for name, r in report["batch"].items():
            print(
                f"| {name} | {r['person_days_per_s']:,} | {r.get('wall_s', '')} | "
                f"{r.get('peak_rss_mb', '')} | ≥ {r['goal_per_s']:,}/s |"
            )


if __name__ == "__main__":
    main()
