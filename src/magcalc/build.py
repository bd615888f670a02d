"""Build magcalc's catalogue: every data table validated, written to one SQLite file.

A run only opens the catalogue (magcalc.store); nothing is parsed or indexed per process.
The wheel carries the catalogue built when the wheel is built (hatch_build.py); an editable
install or a checkout builds it once into the user's cache, keyed by `inputs_digest()`: a hash
of the data files and of the code that builds them.

What goes in, from data/ (see data/PROVENANCE.md for the sources and for what is left out):
- `food`: USDA SR28 and FNDDS 2021-2023 foods, each with its source, and what the matcher
  needs precomputed (stemmed words, tokens, the cost of an unasked word, demotions).
- `food_fts`: an FTS5 index of the foods' stemmed words (external content).
- `portion`: household measures, one row a portion, normalised to (amount, unit, grams):
  SR28 rows as published, FNDDS rows with their leading count split off ("1 slice" ->
  1, "slice"). FNDDS's "Guideline amount ..." rows and raw-to-cooked yields are left out.
- `vocab` and `vocab_tri`: every word of the catalogue and of the synonyms, with a trigram
  index, so a misspelt word finds its neighbours without a scan.
- `alias`, `synonym`: curated common names and everyday words (aliases.csv, synonyms.csv).
- `meta`: the small tables as JSON (reference intakes, supplement forms, servings, ...).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import sqlite3
from collections import Counter
from itertools import pairwise
from typing import Any

from magcalc import names
from magcalc.choices import FNDDS, SR28
from magcalc.data import data_path, read_yaml
from magcalc.errors import DataError

FORMAT = 2  # the catalogue's layout; part of the cache key
DATA_FILES = (
    "foods.csv", "portions.csv", "fndds_foods.csv", "fndds_portions.csv", "aliases.csv",
    "synonyms.csv", "servings.csv", "rda.yaml", "forms.yaml", "within_person_sd.csv",
    "within_person_sd_nhanes.csv", "standards.csv", "standard_names.csv", "interactions.csv",
    "medicine_names.csv", "interaction_uses.csv", "fndds_additional_descriptions.csv",
    "sr28_common_names.csv", "resolver.json", "regional_names.csv", "default_codes.csv",
    "nih_servings.csv",
)  # fmt: skip
# The code that decides what the catalogue holds: a change to it is a new catalogue.
CODE_FILES = ("build.py", "names.py", "tablemodels.py", "choices.py")

# Groups of foods nearly always eaten cooked: their raw or dry records rank lower.
USUALLY_COOKED_SR = {
    "Legumes and Legume Products", "Cereal Grains and Pasta", "Beef Products", "Pork Products",
    "Poultry Products", "Lamb, Veal, and Game Products", "Finfish and Shellfish Products",
}  # fmt: skip
USUALLY_COOKED_WWEIA = {"2002", "2004", "2006", "2008", "2010", "2202", "2204", "2206", "2402",
                        "2404", "2802", "4002", "4004"}  # fmt: skip
# Demotions: (reason, cost). A query that asks for the reason lifts it (magcalc.match).
SR_GROUP_DEMOTION = {
    "Restaurant Foods": ("restaurant", 4.0), "Fast Foods": ("restaurant", 4.0),
    "Baby Foods": ("baby", 6.0), "American Indian/Alaska Native Foods": ("native", 3.0),
    "Meals, Entrees, and Side Dishes": ("meal", 2.0),
}  # fmt: skip
WWEIA_DEMOTION = {
    **dict.fromkeys(("9002", "9004", "9006", "9007", "9008", "9010", "9012", "9202", "9204"),
                    ("baby", 6.0)),
    "9402": ("formula", 6.0), "9404": ("formula", 6.0), "9802": ("powder", 2.0),
    # FNDDS's ready-to-eat cereals carry values far below the analysed SR28 records of the
    # same cereals (bran flakes 29 against 143-229 mg/100 g, shredded wheat 36 against 130;
    # PROVENANCE.md): SR28's record wins wherever it matches the name too.
    "4602": ("doubtful", 6.0), "4604": ("doubtful", 6.0),
}  # fmt: skip
WORD_DEMOTION = {
    "babyfood": ("baby", 6.0), "infant": ("formula", 6.0), "formula": ("formula", 4.0),
    "toddler": ("baby", 4.0), "restaurant": ("restaurant", 3.0), "fast": ("restaurant", 3.0),
    "school": ("school", 2.0), "cafeteria": ("school", 2.0),
    # FNDDS's dry forms ("Milk, dry, not reconstituted") and recipe parts ("for use with")
    "reconstituted": ("dry", 2.0), "use": ("dry", 2.0),
}  # fmt: skip
BRAND_PENALTY = 3.0
SR_BEVERAGE_GROUPS = {"Beverages"}
WWEIA_BEVERAGE = re.compile(r"^(1[0-4]\d\d|1902|7\d\d\d|9202|9204|940[24])$")
NOT_FOR_PLANNING_SR = {"Baby Foods", "Fast Foods", "Restaurant Foods",
                       "American Indian/Alaska Native Foods"}  # fmt: skip
_LEADING_COUNT = re.compile(r"^(\d+(?:\.\d+)?|\d+/\d+)\s+(.*)$")
# FNDDS portions that are not an amount of this food a person names (PROVENANCE.md).
_NOT_A_PORTION = re.compile(
    r"guideline amount|\byields\b|\b(dry|raw|unpopped|in shell)\b[^)]*yield", re.IGNORECASE
)

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE food(
    id INTEGER PRIMARY KEY,
    food_id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    mg_per_100g REAL NOT NULL,
    beverage INTEGER NOT NULL,
    as_eaten INTEGER NOT NULL,
    planning INTEGER NOT NULL,
    common INTEGER NOT NULL,
    nih INTEGER NOT NULL,
    words TEXT NOT NULL,
    tokens TEXT NOT NULL,
    category_first INTEGER NOT NULL,
    demotions TEXT NOT NULL,
    brands TEXT NOT NULL,
    uncooked INTEGER NOT NULL,
    base REAL NOT NULL,
    alt TEXT NOT NULL,
    alts TEXT NOT NULL,
    named TEXT NOT NULL
);
CREATE INDEX food_nih ON food(nih) WHERE nih = 1;
CREATE INDEX food_common ON food(common) WHERE common = 1;
-- TAB completion: descriptions that start with what was typed, found by LIKE 'text%'.
CREATE INDEX food_description ON food(description COLLATE NOCASE);
-- A food is found by the words of its description and of USDA's other names for it.
CREATE VIRTUAL TABLE food_fts USING fts5(
    words, alt, content='food', content_rowid='id', detail='none'
);
-- FNDDS's "Guideline amount per slice of bread/roll" (7 g of butter): what a topping weighs
-- when only the food it tops has an amount.
CREATE TABLE guideline(
    food INTEGER NOT NULL REFERENCES food(id),
    per TEXT NOT NULL,
    grams REAL NOT NULL
);
CREATE INDEX guideline_food ON guideline(food);
CREATE TABLE portion(
    food INTEGER NOT NULL REFERENCES food(id),
    seq INTEGER NOT NULL,
    amount REAL NOT NULL,
    unit TEXT NOT NULL,
    grams REAL NOT NULL,
    PRIMARY KEY (food, seq)
) WITHOUT ROWID;
CREATE TABLE alias(name TEXT PRIMARY KEY, food_id TEXT NOT NULL, said TEXT NOT NULL)
    WITHOUT ROWID;
CREATE INDEX alias_said ON alias(said);
CREATE TABLE synonym(name TEXT NOT NULL, means TEXT NOT NULL, PRIMARY KEY (name, means))
    WITHOUT ROWID;
-- Every word: `foods` ranks the readings of a misspelling (everyday names count as common),
-- `df` is how many foods hold the word, for how much a word says about a food.
CREATE TABLE vocab(word TEXT PRIMARY KEY, foods INTEGER NOT NULL, df INTEGER NOT NULL)
    WITHOUT ROWID;
CREATE VIRTUAL TABLE vocab_tri USING fts5(word, tokenize='trigram', detail='none');
"""


def _digest_files(paths: list[str]) -> str:
    digest = hashlib.sha256(f"magcalc-catalogue/{FORMAT}".encode())
    for path in paths:
        with open(path, "rb") as f:
            digest.update(os.path.basename(path).encode() + b"\0" + f.read())
    return digest.hexdigest()[:20]


def inputs_digest() -> str:
    """A hash of everything the catalogue is built from: the data and this code."""
    here = os.path.dirname(os.path.abspath(__file__))
    return _digest_files(
        [data_path(n) for n in DATA_FILES] + [os.path.join(here, n) for n in CODE_FILES]
    )


def _rows(name: str) -> list[dict[str, str]]:
    with open(data_path(name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def validation_error(name: str, error: Any) -> DataError:
    """A one-line DataError naming the file and the row a pydantic error points at."""
    first = error.errors()[0] if hasattr(error, "errors") else {"loc": (), "msg": str(error)}
    loc = list(first.get("loc", ()))
    where = f" row {loc[1] + 1}" if len(loc) > 1 and loc[0] == "rows" else ""
    field = f" {loc[2]}" if len(loc) > 2 else ""
    return DataError(f"{name}{where}{field}: {first['msg']}")


def _validated(name: str, model: Any, data: Any) -> Any:
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise validation_error(name, e) from None


def _validated_rows(name: str, model: Any) -> list[Any]:
    from pydantic import ValidationError

    out = []
    for n, row in enumerate(_rows(name), 2):
        try:
            out.append(model.model_validate(row))
        except ValidationError as e:
            first = e.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise DataError(f"{name} line {n} {field}: {first['msg']}") from None
    return out


class _Food:
    """One catalogue row before it is written."""

    __slots__ = ("beverage", "category", "code", "description", "food_id", "mg", "source")

    def __init__(self, food_id: str, source: str, description: str, category: str, code: str,
                 mg: float, beverage: bool) -> None:  # fmt: skip
        self.food_id, self.source, self.description = food_id, source, description
        self.category, self.code, self.mg, self.beverage = category, code, mg, beverage


def _sr_foods() -> list[_Food]:
    from magcalc.tablemodels import FoodRow

    out = []
    for r in _validated_rows("foods.csv", FoodRow):
        ws = set(names.words(r.description))
        drink = (
            r.food_group in SR_BEVERAGE_GROUPS
            or (r.food_group == "Fruits and Fruit Juices" and "juice" in ws)
            or (r.description.startswith(("Milk,", "Soymilk", "Buttermilk")) and "dry" not in ws)
        )
        drink = drink and not ws & {"powder", "dry", "concentrate", "mix"}
        out.append(_Food(r.fdc_id_or_ndb_no, SR28, r.description, r.food_group, r.food_group,
                         r.magnesium_mg_per_100g, drink))  # fmt: skip
    return out


def _fndds_foods() -> list[_Food]:
    from magcalc.tablemodels import FnddsFoodRow

    out = []
    for r in _validated_rows("fndds_foods.csv", FnddsFoodRow):
        if "as ingredient" in r.description:
            continue  # recipe parts with no portions: not foods to offer (PROVENANCE.md)
        ws = set(names.words(r.description))
        drink = bool(WWEIA_BEVERAGE.match(r.wweia_category_code)) and not ws & {
            "powder", "dry", "reconstituted"}  # fmt: skip
        out.append(_Food(r.food_code, FNDDS, r.description, r.wweia_category,
                         r.wweia_category_code, r.magnesium_mg_per_100g, drink))  # fmt: skip
    return out


def _portions(foods: dict[str, int]) -> list[tuple[int, int, float, str, float]]:
    """(food row, seq, amount, unit, grams) of every portion of a catalogue food."""
    from magcalc.tablemodels import FnddsPortionRow, PortionRow

    out = []
    seq: Counter[str] = Counter()
    for r in _validated_rows("portions.csv", PortionRow):
        if r.fdc_id_or_ndb_no not in foods:
            raise DataError(f"portions.csv names food {r.fdc_id_or_ndb_no}, not in foods.csv")
        seq[r.fdc_id_or_ndb_no] += 1
        out.append((foods[r.fdc_id_or_ndb_no], seq[r.fdc_id_or_ndb_no], r.amount,
                    r.unit_description, r.gram_weight))  # fmt: skip
    for p in _validated_rows("fndds_portions.csv", FnddsPortionRow):
        if p.food_code not in foods or _NOT_A_PORTION.search(p.portion_description):
            continue
        amount, unit = 1.0, p.portion_description
        if m := _LEADING_COUNT.match(unit):
            count, unit = m.groups()
            num, _, den = count.partition("/")
            amount = float(num) / float(den) if den else float(num)
        out.append((foods[p.food_code], p.seq_num, amount, unit, p.portion_weight_g))
    return out


_COMPANY = frozenset({"co", "inc", "llc", "corp", "corporation", "company", "ltd", "lp"})


def _other_names(rowid: dict[str, int]) -> dict[str, list[tuple[str, str]]]:
    """USDA's other names of each food, as (kind, text): FNDDS's additional descriptions
    ('n' a name, 'q' a qualifier) and SR28's common names ('c') and manufacturers ('m')."""
    from magcalc.tablemodels import AdditionalDescriptionRow, CommonNameRow

    out: dict[str, list[tuple[str, str]]] = {}
    for r in _validated_rows("fndds_additional_descriptions.csv", AdditionalDescriptionRow):
        if r.food_code not in rowid:
            continue  # a record left out of the catalogue ("as ingredient")
        out.setdefault(r.food_code, []).append((r.kind[0], r.additional_description))
    for c in _validated_rows("sr28_common_names.csv", CommonNameRow):
        if c.ndb_no not in rowid:
            raise DataError(f"sr28_common_names.csv names food {c.ndb_no}, not in foods.csv")
        if c.common_name:
            out.setdefault(c.ndb_no, []).append(("c", c.common_name))
        if c.manufacturer:
            out.setdefault(c.ndb_no, []).append(("m", c.manufacturer))
    return out


def _alt_columns(names_of: list[tuple[str, str]], shared: Counter[str]) -> tuple[str, str, str]:
    """(alt, alts, brand words) of a food's other names: `alt` its distinct words for the
    full-text index, `alts` each name as 'KIND SHARED:WORDS' ('n1:crumpet'), SHARED being how
    many foods carry that name."""
    alt: dict[str, None] = {}
    alts, brands = [], []
    for kind, text in names_of:
        ws = [w for w in names.words(text) if not (kind == "m" and w in _COMPANY)]
        if not ws:
            continue
        if kind != "m":  # a maker's words ("Quaker Oats") are brand words, not the food's
            alt.update(dict.fromkeys(ws))
        alts.append(f"{kind}{shared[names.key(text)]}:{' '.join(ws)}")
        if kind == "m":
            brands += ws
    return " ".join(alt), "|".join(alts), " ".join(brands)


_PARTICIPLE = re.compile(r"[a-z]{3,}(?:ed|ing)$")


def _lexicon(foods: list[_Food], others: dict[str, list[tuple[str, str]]]) -> dict[str, list]:
    """Word classes read off USDA's own tables, for what an unasked word of a record costs:
    `qualifier`, the words of FNDDS's qualifiers ("NS as to fat added", "with or without
    cheese") that seldom begin a food's name; `prep`, words USDA writes as participles
    ("brewed", "toasted", "drained"): how a food was made, not what it is."""
    in_qualifiers: Counter[str] = Counter()
    for terms in others.values():
        for kind, text in terms:
            if kind == "q":
                in_qualifiers.update(set(names.words(text)))
    first: Counter[str] = Counter()
    prep: set[str] = set()
    for f in foods:
        ws = names.words(f.description.split(",")[0])
        if ws:
            first[ws[0]] += 1
        for raw in re.findall(r"[a-z]+", f.description.lower()):
            if _PARTICIPLE.fullmatch(raw):
                prep.add(names.stem(raw))
    qualifier = {w for w, n in in_qualifiers.items() if n >= 5 and first[w] <= 2}
    return {"qualifier": sorted(qualifier), "prep": sorted(prep - qualifier)}


_GUIDELINE = re.compile(r"^guideline amount per (.+)$", re.IGNORECASE)


def _guidelines(foods: dict[str, int]) -> list[tuple[int, str, float]]:
    """(food row, what it is per, grams): FNDDS's guideline amounts of a food eaten on or in
    another ("per slice of bread/roll": 7 g of butter, "per cup of hot cereal": 61 g of milk)."""
    from magcalc.tablemodels import FnddsPortionRow

    out = []
    for p in _validated_rows("fndds_portions.csv", FnddsPortionRow):
        m = _GUIDELINE.match(p.portion_description)
        if m and p.food_code in foods:
            out.append((foods[p.food_code], m.group(1).strip().lower(), p.portion_weight_g))
    return out


def _features(f: _Food) -> dict[str, Any]:
    """What the matcher needs of a food, worked out once here."""
    toks = names.tokens(f.description)
    ws = names.words(f.description)
    wset = set(ws)
    first = f.description.split(",")[0]
    category_first = f.source == SR28 and names.is_category(first)  # "Nuts, almonds"
    demotions: dict[str, float] = {}
    group = (SR_GROUP_DEMOTION.get(f.category) if f.source == SR28
             else WWEIA_DEMOTION.get(f.code))  # fmt: skip
    if group:
        demotions[group[0]] = group[1]
    for w in ws:
        if w in WORD_DEMOTION:
            reason, cost = WORD_DEMOTION[w]
            demotions[reason] = max(demotions.get(reason, 0.0), cost)
    brands = names.brand_words(f.description)
    if f.source == FNDDS:  # FNDDS names brands in parentheses: "Big Mac (McDonalds)"
        for inner in re.findall(r"\(([^)]*)\)", f.description):
            if re.search(r"\b[A-Z][a-z]", inner) and not re.fullmatch(r"[\d%./ ]+", inner):
                brands |= set(names.words(inner))
    if brands:
        demotions["brand"] = BRAND_PENALTY
    cooked_group = (f.category in USUALLY_COOKED_SR if f.source == SR28
                    else f.code in USUALLY_COOKED_WWEIA)  # fmt: skip
    uncooked = cooked_group and bool(names.UNCOOKED & wset)
    as_eaten = f.category == "Spices and Herbs" or not (
        wset & names.NOT_AS_EATEN or uncooked or "reconstituted" in wset
    )
    if not as_eaten:  # mixes, powders, unprepared: not what a plain name means
        demotions.setdefault("dry", 1.0)
    planning = as_eaten and (
        f.category not in NOT_FOR_PLANNING_SR if f.source == SR28
        else not ({"baby", "formula", "dry", "powder", "restaurant", "school"} & demotions.keys())
    )  # fmt: skip
    base = sum(demotions.values()) + sum(
        names.token_cost(t, category_first, frozenset()) for t in toks
    )
    return {
        "words": " ".join(dict.fromkeys(ws)),
        "tokens": names.encode_tokens(toks),
        "category_first": int(category_first),
        "demotions": " ".join(f"{k}:{v:g}" for k, v in sorted(demotions.items())),
        "brands": " ".join(sorted(brands)),
        "uncooked": int(uncooked),
        "as_eaten": int(as_eaten),
        "planning": int(planning),
        "base": round(base, 3),
    }


def _check_sqlite() -> None:
    con = sqlite3.connect(":memory:")
    try:
        con.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize='trigram')")
    except sqlite3.OperationalError as e:
        raise DataError(
            f"this Python's SQLite {sqlite3.sqlite_version} lacks FTS5 with the trigram "
            f"tokenizer (3.34 or newer): {e}"
        ) from None
    finally:
        con.close()


def small_tables() -> dict[str, Any]:
    """The small tables, validated: what `meta` holds as JSON."""
    from magcalc.choices import GOALS
    from magcalc.tablemodels import FormsTable, ResolverWeights, ServingRow, WithinSdRow

    forms = _validated("forms.yaml", FormsTable, read_yaml("forms.yaml"))
    if tuple(forms.goals) != GOALS:
        raise DataError(f"forms.yaml: the goals must be {', '.join(GOALS)} in that order")
    servings = _validated_rows("servings.csv", ServingRow)
    sd = _validated_rows("within_person_sd.csv", WithinSdRow)
    names, references = _references()
    return {
        "interactions": _interactions(),
        "standards": names,
        **_by_standard(names, references),
        "forms": forms.model_dump(),
        "servings": [[s.food_group, s.when_word, s.amount, s.unit] for s in servings],
        "within_sd": [list(row.model_dump().values()) for row in sd],
        "resolver": _validated(
            "resolver.json",
            ResolverWeights,
            json.loads(open(data_path("resolver.json"), encoding="utf-8").read()),
        ).model_dump(),
        "within_sd_nhanes": _nhanes_sd(),
    }


def _by_standard(names: list[dict], references: list[dict]) -> dict[str, list[dict]]:
    """The reference rows under one key per standard: a run reads its own, not all eight."""
    return {f"references:{n['name']}": [r for r in references if r["standard"] == n["name"]]
            for n in names}  # fmt: skip


def _nih_servings(foods: set[str], nih: set[str]) -> list[list[Any]]:
    """data/nih_servings.csv, validated: rows of foods NIH's table names."""
    from magcalc.tablemodels import NihServingRow

    rows = _validated_rows("nih_servings.csv", NihServingRow)
    for n, r in enumerate(rows, 2):
        if r.food_id not in foods or r.food_id not in nih:
            raise DataError(f"nih_servings.csv row {n}: {r.food_id} is not a food of NIH's table")
    return [[r.food_id, r.portion, r.grams, r.mg] for r in rows]


def _nhanes_sd() -> list[list[Any]]:
    """data/within_person_sd_nhanes.csv, validated: for each sex, age bands from 1 year on
    that run on without gaps or overlaps, and one pregnancy row."""
    from magcalc.tablemodels import NhanesSdRow

    name = "within_person_sd_nhanes.csv"
    rows = _validated_rows(name, NhanesSdRow)
    for sex in ("female", "male"):
        bands = sorted((r.age_from_years, r.age_to_years_exclusive) for r in rows
                       if r.sex == sex and r.pregnant == "no")  # fmt: skip
        if not bands or bands[0][0] != 1:
            raise DataError(f"{name}: the {sex} rows must start at 1 year")
        for (_, end), (start, _) in pairwise(bands):
            if start != end:
                raise DataError(f"{name}: the {sex} age bands leave a gap or overlap at {end:g}")
    if sum(r.pregnant == "yes" for r in rows) != 1:
        raise DataError(f"{name}: there must be one pregnancy row")
    return [list(r.model_dump().values()) for r in rows]


def _interactions() -> dict[str, Any]:
    """The interactions, the names that mean each, and what each does to the plan."""
    from magcalc.tablemodels import InteractionRow, InteractionUseRow, MedicineNameRow

    rows = {r.id: r.model_dump() for r in _validated_rows("interactions.csv", InteractionRow)}
    uses = {u.interaction: u for u in _validated_rows("interaction_uses.csv", InteractionUseRow)}
    if set(uses) != set(rows):
        raise DataError("interaction_uses.csv must name each interaction of interactions.csv")
    for key, use in uses.items():
        rows[key] |= {"use": use.use, "brief": use.brief}
    medicines = {}
    for n in _validated_rows("medicine_names.csv", MedicineNameRow):
        if n.interaction not in rows or rows[n.interaction]["kind"] != "medication":
            raise DataError(f"medicine_names.csv: {n.name!r} names {n.interaction!r}, not a "
                            "medication of interactions.csv")  # fmt: skip
        medicines[names.medicine_key(n.name)] = n.interaction
    return {"rows": rows, "names": medicines}


def _kind(value_kind: str) -> str:
    """A standard's name of its value as one of RDA, AI, RNI, RDI ("AI (Schaetzwert)": AI)."""
    for kind in ("RDA", "RDI", "RNI", "AI"):
        if value_kind.startswith(kind):
            return kind
    raise DataError(f"standards.csv: value kind {value_kind!r} is not an RDA, RDI, RNI or AI")


def _references() -> tuple[list[dict], list[dict]]:
    """Every standard's rows as one table: the US from rda.yaml, the rest from standards.csv,
    checked to have no gap and no overlap within each standard, sex and condition."""
    from magcalc.choices import STANDARDS
    from magcalc.tablemodels import DriTable, StandardNameRow, StandardRow

    names = [n.model_dump() for n in _validated_rows("standard_names.csv", StandardNameRow)]
    if tuple(n["name"] for n in names) != STANDARDS:
        raise DataError(f"standard_names.csv: the standards must be {', '.join(STANDARDS)}")
    by_id = {n["id"]: n["name"] for n in names}
    us = _validated("rda.yaml", DriTable, read_yaml("rda.yaml"))
    rows = [
        {"standard": "us", "life_stage": r.life_stage, "sex": r.sex, "condition": r.condition,
         "feeding": None, "age_from_months": r.age_from_months, "age_to_months": r.age_to_months,
         "kind": "RDA" if r.rda_mg else "AI", "label": "RDA" if r.rda_mg else "AI",
         "target_mg": r.rda_mg or r.ai_mg, "ear_mg": r.ear_mg, "ear_label": "EAR",
         "ul_supplemental_mg": r.ul_supplemental_mg, "tag": "[P]",
         "source": "IOM (1997, 2006), as in the NIH ODS fact sheet, Tables 1 and 3 (rda.yaml)"}
        for r in us.rows
    ]  # fmt: skip
    for r in _validated_rows("standards.csv", StandardRow):
        stage = r.life_stage.lower()
        rows.append({
            "standard": by_id[r.standard], "life_stage": r.life_stage, "sex": r.sex,
            "condition": r.condition,
            "feeding": "breast" if "breast-fed" in stage else "formula" if "formula-fed" in stage
            else None,
            "age_from_months": r.age_from_months, "age_to_months": r.age_to_months_exclusive,
            "kind": _kind(r.value_kind), "label": r.value_kind, "target_mg": r.target_mg,
            "ear_mg": r.ear_mg,
            "ear_label": "provisional AR" if "provisional AR" in r.value_kind else "EAR",
            "ul_supplemental_mg": r.ul_supplemental_mg, "tag": r.source_tag, "source": r.source,
        })  # fmt: skip
    for name in STANDARDS:
        mine = [r for r in rows if r["standard"] == name]
        has_ul = any(r["ul_supplemental_mg"] is not None for r in mine)
        for r in mine:
            r["ul_anywhere"] = has_ul
        _check_bands(name, mine)
    return names, rows


def _check_bands(name: str, rows: list[dict]) -> None:
    """Within a standard, each sex, condition and feeding: bands that run on without gaps or
    overlaps, and (with no condition) up to an open top band."""
    for sex in ("female", "male"):
        for condition in ("none", "pregnant", "lactating"):
            for feeding in ("breast", "formula"):
                bands = sorted(
                    (r for r in rows if r["sex"] in ("any", sex) and r["condition"] == condition
                     and r["feeding"] in (None, feeding)),
                    key=lambda r: r["age_from_months"],
                )  # fmt: skip
                for a, b in pairwise(bands):
                    if a["age_to_months"] is None or b["age_from_months"] != a["age_to_months"]:
                        raise DataError(
                            f"{name}: {b['life_stage']!r} ({sex}, {condition}) does not follow "
                            f"{a['life_stage']!r}: a gap or an overlap"
                        )
                if condition == "none" and bands and bands[-1]["age_to_months"] is not None:
                    raise DataError(f"{name}: the last band for {sex} must have no upper bound")


def build(path: str) -> None:
    """Validate every table and write the catalogue to `path` (which must not exist)."""
    from magcalc.tablemodels import AliasRow, DefaultCodeRow, RegionalNameRow, SynonymRow

    _check_sqlite()
    foods = _sr_foods() + _fndds_foods()
    rowid = {f.food_id: i for i, f in enumerate(foods, 1)}
    if len(rowid) != len(foods):
        raise DataError("a food id appears twice in foods.csv and fndds_foods.csv")
    aliases = _validated_rows("aliases.csv", AliasRow)
    alias_map: dict[str, tuple[str, str]] = {}  # key -> (food id, the name as written)
    for a in aliases:
        if a.food_id not in rowid:
            raise DataError(f"aliases.csv: {a.alias!r} names food {a.food_id}, which is not there")
        alias_map[names.key(a.alias)] = (a.food_id, a.alias.strip().lower())
    # A coder's default record of an everyday name, where aliases.csv names none.
    for d in _validated_rows("default_codes.csv", DefaultCodeRow):
        if d.food_id not in rowid:
            raise DataError(f"default_codes.csv: {d.name!r} names food {d.food_id}, not there")
        alias_map.setdefault(names.key(d.name), (d.food_id, d.name.strip().lower()))
    synonyms = {(names.key(s.name), names.key(s.means))
                for s in [*_validated_rows("synonyms.csv", SynonymRow),
                          *_validated_rows("regional_names.csv", RegionalNameRow)]
                if names.key(s.name) != names.key(s.means)}  # fmt: skip
    common = {food_id for food_id, _ in alias_map.values()}
    named_by: dict[str, list[str]] = {}  # the common names each record is the usual one of
    for name_key, (food_id, _) in sorted(alias_map.items()):
        named_by.setdefault(food_id, []).append(name_key)
    # NIH's "Selected food sources of magnesium": what food-first suggestions draw on.
    nih = {a.food_id for a in aliases if a.source.startswith("NIH ODS Table 2")}
    tables = small_tables()
    tables["nih_servings"] = _nih_servings(set(rowid), nih)
    portions = _portions(rowid)
    others = _other_names(rowid)
    shared = Counter(names.key(t) for ns in others.values() for t in {t for _, t in ns})

    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        rows = []
        vocab: Counter[str] = Counter()
        for i, f in enumerate(foods, 1):
            feat = _features(f)
            alt, alts, makers = _alt_columns(others.get(f.food_id, []), shared)
            brands = " ".join(sorted({*feat["brands"].split(), *makers.split()}))
            vocab.update({*feat["words"].split(), *alt.split()})
            rows.append((i, f.food_id, f.source, f.description, f.category, f.mg,
                         int(f.beverage), feat["as_eaten"], feat["planning"],
                         int(f.food_id in common), int(f.food_id in nih), feat["words"],
                         feat["tokens"], feat["category_first"], feat["demotions"], brands,
                         feat["uncooked"], feat["base"], alt, alts,
                         "|".join(named_by.get(f.food_id, ()))))  # fmt: skip
        con.executemany(f"INSERT INTO food VALUES ({','.join('?' * 21)})", rows)
        con.executemany("INSERT INTO guideline VALUES (?,?,?)", _guidelines(rowid))
        con.execute("INSERT INTO food_fts(food_fts) VALUES ('rebuild')")
        con.executemany("INSERT INTO portion VALUES (?,?,?,?,?)", portions)
        con.executemany("INSERT INTO alias VALUES (?,?,?)",
                        [(k, f, said) for k, (f, said) in alias_map.items()])  # fmt: skip
        con.executemany("INSERT INTO synonym VALUES (?,?)", sorted(synonyms))
        df = Counter(vocab)
        top = max(vocab.values())
        for name, _ in synonyms:  # an everyday name is a word magcalc knows, not a typo,
            for w in name.split():  # and the likeliest reading of a near spelling
                vocab[w] = max(vocab[w], top)
        con.executemany("INSERT INTO vocab VALUES (?,?,?)",
                        [(w, n, df[w]) for w, n in vocab.items()])  # fmt: skip
        con.executemany("INSERT INTO vocab_tri(word) VALUES (?)",
                        [(w,) for w in vocab if len(w) >= 3])  # fmt: skip
        tables["lexicon"] = _lexicon(foods, others)
        meta = {"format": str(FORMAT), "inputs": inputs_digest(), "foods": str(len(foods)),
                **{k: json.dumps(v, ensure_ascii=False) for k, v in tables.items()}}  # fmt: skip
        con.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        con.execute("INSERT INTO food_fts(food_fts) VALUES ('optimize')")
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()
