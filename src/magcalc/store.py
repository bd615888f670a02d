"""The data layer: open magcalc's catalogue (one SQLite file) and read typed rows from it.

A built wheel carries the catalogue, made and validated when the wheel was built. A checkout
or an editable install has none, so the catalogue is built once (magcalc.build) into the
user's cache directory and reused while the data and the code that builds it are unchanged:

- the file is `catalogue-<inputs>-<content>.sqlite`: <inputs> hashes the data files and the
  build code, <content> is the SHA-256 of the file itself, checked before every use, so a
  truncated, tampered or foreign file is rebuilt, never trusted;
- only a regular file is read (a symlink, FIFO or device is ignored), and a new one is written
  through `tempfile.mkstemp` in the cache directory and `os.replace`d into place;
- the cache directory is `$XDG_CACHE_HOME/magcalc` when that is an absolute path, else
  `~/.cache/magcalc`; a missing HOME is never created; when nothing is writable the catalogue
  is built into a private temporary file for this run only.

Imports no step of magcalc: this is the ground floor.
"""

import contextlib
import os
import sqlite3
from functools import cache
from typing import Any, NamedTuple

from magcalc import xdg
from magcalc.errors import DataError, InputError
from magcalc.names import supplement_key

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
PACKAGED = os.path.join(_PACKAGE, "catalogue.sqlite")  # only in a built wheel
MAX_CACHE_BYTES = 64 * 2**20  # far above the real size (~5 MB): a bigger file is not ours


def parse_food_id(text: str) -> str | None:
    """The catalogue key a name means if it is a food id; None if it is a name.

    The one rule for ids: 5 digits are a USDA SR28 NDB number (4 digits read with the
    leading zero USDA often drops: 9040 is 09040), 8 digits an FNDDS food code. Any other
    number is refused, never searched for as a name.
    """
    t = text.strip()
    if not t.isdigit() or not t.isascii():
        return None
    if len(t) == 8:
        return t
    if len(t) in (4, 5):  # USDA prints NDB numbers with or without the leading zero
        return t.zfill(5)
    raise InputError(
        f"{t} is not a food id: ids have 5 digits (USDA SR28, e.g. 12061) or 8 (USDA FNDDS, "
        "e.g. 51180010); name a food, or find its id with 'magcalc foods search NAME'"
    )


class Portion(NamedTuple):
    """`amount` × `unit` of a food weighs `grams` (a USDA household measure)."""

    amount: float
    unit: str
    grams: float


class Food(NamedTuple):
    food_id: str
    source: str  # choices.Source: a USDA table, or the user's own foods or recipes
    description: str
    category: str  # SR28 food group or FNDDS WWEIA category
    mg_per_100g: float
    beverage: bool  # a drink: its "oz" are fluid ounces
    common: bool  # named by data/aliases.csv (or the user's own)
    # The user's own foods and recipes carry their measures; USDA's are in the catalogue.
    own_portions: tuple[Portion, ...] | None = None


class Indexed(NamedTuple):
    """A food as the matcher sees it: its words and what they cost (see magcalc.build)."""

    food: Food
    words: frozenset[str]
    tokens: str
    category_first: bool
    demotions: str
    brands: frozenset[str]
    uncooked: bool
    base: float
    alts: str  # USDA's other names: 'KIND SHARED:WORDS' joined by '|' (magcalc.build)
    named: str  # the common names (aliases, default codes) it is the usual record of, '|'


_FOOD_COLUMNS = "food_id, source, description, category, mg_per_100g, beverage, common"
_INDEXED_COLUMNS = f"{_FOOD_COLUMNS}, words, tokens, category_first, demotions, brands, " \
                   "uncooked, base, alts, named"  # fmt: skip


def _food(row: tuple) -> Food:
    return Food(row[0], row[1], row[2], row[3], row[4], bool(row[5]), bool(row[6]))


def _indexed(row: tuple) -> Indexed:
    return Indexed(_food(row), frozenset(row[7].split()), row[8], bool(row[9]), row[10],
                   frozenset(row[11].split()), bool(row[12]), row[13], row[14],
                   row[15])  # fmt: skip


# ------------------------------------------------------------------------- opening the file


def cache_dir() -> str | None:
    """magcalc's cache directory per the XDG spec, or None when there is no HOME to use."""
    return xdg.app_dir("XDG_CACHE_HOME")


def _connect(path: str) -> sqlite3.Connection:
    uri = "file:" + path.replace("?", "%3f").replace("#", "%23") + "?mode=ro&immutable=1"
    con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        con.execute("PRAGMA mmap_size = 67108864")  # read pages in place, not copied
        if con.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() is None:
            raise sqlite3.DatabaseError("no format")
    except sqlite3.DatabaseError:
        con.close()
        raise
    return con


def _file_digest(path: str) -> str | None:
    """SHA-256 of a regular file no larger than MAX_CACHE_BYTES; None for anything else."""
    import hashlib
    import stat

    try:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)  # a symlink or a FIFO planted there is not followed or waited on
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_CACHE_BYTES:
            return None
        return hashlib.file_digest(f, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
            else hashlib.sha256(f.read()).hexdigest()  # fmt: skip


def _cached(directory: str, inputs: str) -> str | None:
    """A verified cache file for these inputs, if there is one."""
    prefix = f"catalogue-{inputs}-"
    try:
        entries = os.listdir(directory)
    except OSError:
        return None
    for name in entries:
        if name.startswith(prefix) and name.endswith(".sqlite"):
            path = os.path.join(directory, name)
            if _file_digest(path) == name[len(prefix) : -len(".sqlite")]:
                return path
    return None


def _build_into(directory: str, inputs: str) -> str:
    """Build a new catalogue in `directory`, atomically; its verified path."""
    import tempfile

    from magcalc.build import build

    fd, tmp = tempfile.mkstemp(prefix=".catalogue-", suffix=".tmp", dir=directory)
    os.close(fd)
    os.unlink(tmp)  # sqlite must create the file itself
    try:
        build(tmp)
        digest = _file_digest(tmp)
        final = os.path.join(directory, f"catalogue-{inputs}-{digest}.sqlite")
        os.replace(tmp, final)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise
    for name in os.listdir(directory):  # older catalogues only cost disk space
        if name.startswith("catalogue-") and not name.startswith(f"catalogue-{inputs}-"):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(directory, name))
    return final


def _open_cached() -> sqlite3.Connection:
    from magcalc.build import inputs_digest

    inputs = inputs_digest()
    directory = cache_dir()
    if directory is not None:
        path = _cached(directory, inputs)
        if path is not None:
            try:
                return _connect(path)
            except sqlite3.DatabaseError:
                pass  # a file with the right digest that SQLite refuses: rebuild it
        try:
            os.makedirs(directory, mode=0o700, exist_ok=True)
            return _connect(_build_into(directory, inputs))
        except OSError:
            pass  # an unwritable cache only means building for this run alone
    import tempfile

    with tempfile.TemporaryDirectory(prefix="magcalc-") as tmp:
        path = _build_into(tmp, inputs)
        con = _connect(path)
        # Read the whole file into memory so the temporary directory can go.
        memory = sqlite3.connect(":memory:", check_same_thread=False)
        con.backup(memory)
        con.close()
        return memory


@cache
def catalogue() -> sqlite3.Connection:
    """The open catalogue; DataError when it is missing or unusable."""
    try:
        if os.path.isfile(PACKAGED):
            return _connect(PACKAGED)
        return _open_cached()
    except sqlite3.DatabaseError as e:
        raise DataError(f"magcalc's catalogue cannot be read ({e}); reinstall magcalc") from None


def _one(sql: str, *args: Any) -> tuple | None:
    return catalogue().execute(sql, args).fetchone()


def _all(sql: str, *args: Any) -> list[tuple]:
    return catalogue().execute(sql, args).fetchall()


# ---------------------------------------------------------------------------- typed reads


@cache
def table(name: str) -> Any:
    """A small table stored as JSON (dri, forms, servings, within_sd, ...)."""
    import json

    row = _one("SELECT value FROM meta WHERE key = ?", name)
    if row is None:
        raise DataError(f"magcalc's catalogue has no table {name!r}; reinstall magcalc")
    return json.loads(row[0])


@cache
def _forms_by_key() -> dict[str, dict]:
    """Every name of every supplement form (names.supplement_key) -> its row; the first row
    that gives a name keeps it."""
    by_key: dict[str, dict] = {}
    for row in table("forms")["forms"]:
        for name in (row["form"], *row["names"]):
            by_key.setdefault(supplement_key(name), row)
    return by_key


def form(name: str) -> dict | None:
    """A supplement form of data/forms.yaml by its name or another name of it ("bisglycinate")."""
    return _forms_by_key().get(supplement_key(name))


def forms_named(name: str) -> list[dict]:
    """The forms a longer name names by any of its words, or pairs of words ("Nature Made
    magnesium oxide", "Calm: Magnesium Citrate"), pairs first."""
    ws = supplement_key(name).split()
    found: dict[str, dict] = {}
    for n in (2, 1):
        for i in range(len(ws) - n + 1):
            row = _forms_by_key().get(" ".join(ws[i : i + n]))
            if row is not None:
                found.setdefault(row["form"], row)
    return list(found.values())


def food(food_id: str) -> Food | None:
    row = _one(f"SELECT {_FOOD_COLUMNS} FROM food WHERE food_id = ?", food_id)
    return _food(row) if row else None


def food_named(description: str) -> Food | None:
    """The record whose USDA description this is, letter for letter but for case."""
    row = _one(f"SELECT {_FOOD_COLUMNS} FROM food WHERE description = ? COLLATE NOCASE",
               description.strip())  # fmt: skip
    return _food(row) if row else None


_PORTIONS: dict[str, tuple[Portion, ...]] = {}


def portions(food_id: str) -> tuple[Portion, ...]:
    """A food's household measures, in USDA's order."""
    if food_id not in _PORTIONS:
        preload_portions([food_id])
    return _PORTIONS[food_id]


def preload_portions(food_ids: list[str]) -> None:
    """Read the measures of many foods in one query (a diary, a list of suggestions)."""
    wanted = [f for f in dict.fromkeys(food_ids) if f not in _PORTIONS]
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = _all(
            "SELECT food.food_id, amount, unit, grams FROM portion JOIN food ON food.id = "
            f"portion.food WHERE food.food_id IN ({','.join('?' * len(chunk))}) "
            "ORDER BY portion.food, portion.seq",
            *chunk,
        )
        found: dict[str, list[Portion]] = {f: [] for f in chunk}
        for food_id, amount, unit, grams in rows:
            found[food_id].append(Portion(amount, unit, grams))
        _PORTIONS.update((f, tuple(p)) for f, p in found.items())


def alias(name_key: str) -> str | None:
    """The food id a curated common name means (data/aliases.csv), by names.key form."""
    row = _one("SELECT food_id FROM alias WHERE name = ?", name_key)
    return row[0] if row else None


def names_starting(prefix: str, limit: int = 30) -> list[str]:
    """Names that start with what was typed, for TAB completion: common names
    (data/aliases.csv, as written), everyday names (data/synonyms.csv), then USDA
    descriptions."""
    p = prefix.lower()
    if not p.strip():
        return []
    found = [r[0] for r in _all(
        "SELECT said FROM alias WHERE said >= ? AND said < ? UNION "
        "SELECT name FROM synonym WHERE name >= ? AND name < ? ORDER BY 1 LIMIT ?",
        p, p + "\uffff", p, p + "\uffff", limit,
    )]  # fmt: skip
    if len(found) < limit and len(p) >= 3:  # a description is long: only once it narrows
        found += [r[0] for r in _all(
            "SELECT description FROM food WHERE description LIKE ? ESCAPE '\\' "
            "ORDER BY common DESC, length(description) LIMIT ?",
            p.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",
            limit - len(found),
        )]  # fmt: skip
    return list(dict.fromkeys(found))


def synonyms(names: list[str]) -> dict[str, tuple[str, ...]]:
    """Of these names, the everyday and regional ones -> the words USDA uses for them (one or
    more meanings), all in names.key form (data/synonyms.csv, data/regional_names.csv)."""
    out: dict[str, tuple[str, ...]] = {}
    if not names:
        return out
    marks = ",".join("?" * len(names))
    sql = f"SELECT name, means FROM synonym WHERE name IN ({marks}) ORDER BY name, means"
    for name, means in _all(sql, *names):
        out[name] = (*out.get(name, ()), means)
    return out


def known_words(ws: list[str]) -> set[str]:
    """Which of these words the catalogue or the synonyms know."""
    if not ws:
        return set()
    marks = ",".join("?" * len(ws))
    return {r[0] for r in _all(f"SELECT word FROM vocab WHERE word IN ({marks})", *ws)}


def word_counts(ws: list[str]) -> dict[str, int]:
    """How many foods hold each of these words (in a description or another name), for the
    words the catalogue knows."""
    if not ws:
        return {}
    marks = ",".join("?" * len(ws))
    return dict(_all(f"SELECT word, df FROM vocab WHERE word IN ({marks})", *ws))


def word_foods(ws: list[str]) -> dict[str, int]:
    """The known words among these, each with how many foods hold it (everyday names count
    as common), for ranking the readings of a misspelling."""
    if not ws:
        return {}
    marks = ",".join("?" * len(ws))
    return dict(_all(f"SELECT word, foods FROM vocab WHERE word IN ({marks})", *ws))


@cache
def food_count() -> int:
    return int(table("foods"))


def guidelines(food_id: str) -> list[tuple[str, float]]:
    """FNDDS's guideline amounts of a food eaten on another: (what it is per, grams)."""
    return _all("SELECT per, grams FROM guideline JOIN food ON food.id = guideline.food "
                "WHERE food.food_id = ?", food_id)  # fmt: skip


def near_words(word: str, limit: int = 40) -> list[tuple[str, int]]:
    """Known words sharing trigrams with `word`, most alike first, with how many foods
    hold each (for misspellings)."""
    grams = {word[i : i + 3] for i in range(len(word) - 2)}
    if not grams:
        return []
    query = " OR ".join(f'"{g}"' for g in sorted(grams))
    return _all(
        "SELECT t.word, v.foods FROM (SELECT word FROM vocab_tri WHERE vocab_tri MATCH ? "
        "ORDER BY rank LIMIT ?) AS t JOIN vocab AS v ON v.word = t.word",
        query,
        limit,
    )


def search(match: str, limit: int) -> list[Indexed]:
    """Foods whose words satisfy an FTS5 query, plainest first (lowest base cost)."""
    rows = _all(
        f"SELECT {_INDEXED_COLUMNS} FROM food JOIN "
        "(SELECT rowid FROM food_fts WHERE food_fts MATCH ?) AS hit ON food.id = hit.rowid "
        "ORDER BY base LIMIT ?",
        match,
        limit,
    )
    return [_indexed(r) for r in rows]


def indexed(food_id: str) -> Indexed | None:
    row = _one(f"SELECT {_INDEXED_COLUMNS} FROM food WHERE food_id = ?", food_id)
    return _indexed(row) if row else None


def categories() -> list[str]:
    """Every food group (SR28) and WWEIA category (FNDDS), sorted."""
    return [r[0] for r in _all("SELECT DISTINCT category FROM food ORDER BY category")]


@cache
def nih_servings() -> dict[str, dict]:
    """The usual servings of NIH's foods of magnesium, by food id (data/nih_servings.csv):
    {portion, grams, mg}, as magcalc.portions.serving_of gives them."""
    return {r[0]: {"portion": r[1], "grams": r[2], "mg": r[3]} for r in table("nih_servings")}


def planning_foods(category: str | None, common_only: bool, nih_only: bool = False) -> list[Food]:
    """Foods as they are eaten (no mixes, powders, dry beans), in one category or, without
    one, fit to plan a diet from (no baby, fast or restaurant food); only common ones, or
    only those of NIH's table of food sources, if asked.
    """
    sql = f"SELECT {_FOOD_COLUMNS} FROM food WHERE as_eaten = 1"
    if common_only:
        sql += " AND common = 1"
    if nih_only:
        sql += " AND nih = 1"
    if category is None:
        return [_food(r) for r in _all(sql + " AND planning = 1")]
    return [_food(r) for r in _all(sql + " AND category = ?", category)]
