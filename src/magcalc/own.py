"""Step 1c: the user's own files: foods the tables lack, recipes, and supplement products.

Plain text a person can read, edit and diff, in $XDG_CONFIG_HOME/magcalc unless an option,
a MAGCALC_* variable or config.toml names another place:

- `foods.csv`: `name,mg,per[,portions][,note]`. `mg` is the magnesium in `per`: `100 g` (the
  default), another mass (`35 g`), or a portion and its weight (`1 bar=35 g`); `portions`
  lists more, `;`-separated (`1 cup=240 g; 1 bowl=400 g`).
- `recipes/NAME.txt`: a foods file's lines (`NAME:AMOUNT UNIT`, `#` comments) and one
  `serves: N` line. A recipe is a food; one serving is its ingredients divided by N.
- `products.csv`: `name,form,mg,per[,note]`: elemental magnesium `mg` in `per` units of the
  product (`1 tablet`, `2 scoops`), as the label states it.

Every bad line is reported as `PATH:LINE: why`, all at once, and nothing is used from a file
with one. Files are read by magcalc.files' rule (OWN limits). Names are compared by
`name_key`: Unicode-normalised (NFKC) and case-folded words, plurals aside; accents count
('Pâté' and 'Pâte' are two foods), whatever the Unicode form they were typed or saved in.
"""

import math
import os
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple, TypeVar

from magcalc import files, xdg
from magcalc.choices import OWN_FOOD
from magcalc.errors import InputError, InputErrors
from magcalc.names import STOPWORDS, stem, supplement_key
from magcalc.parse import MAX_TEXT, FoodSpec, parse_food_spec, split_amount
from magcalc.store import Food, Portion
from magcalc.units import MASS_G, SUPPLEMENT_UNITS, unit_key

T = TypeVar("T")
MAX_MG = 10_000.0  # more magnesium than this in one portion or 100 g is a typing mistake
# Magnesium cannot weigh more than the food: 100 g hold at most 100,000 mg (pure magnesium).
MAX_MG_PER_100G = 100_000.0
MIN_GRAMS = 0.001  # a portion lighter than a milligram is a typing mistake
MIN_PER = 0.01  # a product's label counts at least a hundredth of a unit
MAX_RECIPE_DEPTH = 20  # recipes within recipes, this deep at most
FOODS_COLUMNS = ("name", "mg", "per", "portions", "note")
PRODUCTS_COLUMNS = ("name", "form", "mg", "per", "note")
_SERVES_RE = r"(?i)serves\s*:?\s*(\S.*)$"  # compiled by `re` when a recipe is read


class Product(NamedTuple):
    """A supplement product of the user's: `mg` elemental magnesium in `per` `unit`s."""

    name: str
    form: str  # a form of data/forms.yaml, or "other"; checked by magcalc.supplements
    mg: float
    per: float
    unit: str  # a units.SUPPLEMENT_UNITS value
    where: str  # PATH:LINE


class Recipe(NamedTuple):
    name: str
    path: str
    serves: float
    foods: list[FoodSpec]  # each with `where` = PATH:LINE


class Own(NamedTuple):
    """What the user's files hold; empty when there are none."""

    foods: dict[str, Food]  # by name_key of the name
    recipes: dict[str, str]  # name_key of the file's name -> its path
    products: dict[str, Product]  # by names.supplement_key of the name
    products_path: str | None  # where products are (or would be) kept, for messages
    notes: tuple[str, ...] = ()  # what was left out, for the warnings
    names: dict[str, str] = {}  # noqa: RUF012 (never changed) name_key -> the id picked

    def food(self, name: str) -> Food | None:
        """The user's own food of this name, if there is one."""
        return self.foods.get(name_key(name)) if self.foods else None

    def recipe(self, name: str) -> str | None:
        """The path of the user's recipe of this name, if there is one."""
        return self.recipes.get(name_key(name)) if self.recipes else None

    def picked(self, name: str) -> str | None:
        """The food id the user picked before for this name (their names file), if any."""
        return self.names.get(name_key(name)) if self.names else None

    def named(self, food_id: str) -> str | None:
        """The name of the user's own food or recipe with this id (`own:…`, `recipe:…`), if
        there still is one."""
        for food in self.foods.values():
            if food.food_id == food_id:
                return food.description
        for path in self.recipes.values():
            if f"recipe:{slug(recipe_name(path))}" == food_id:
                return recipe_name(path)
        return None


NONE = Own({}, {}, {}, None)


def _folded(text: str) -> str:
    """NFKC-normalised and case-folded (ASCII, the usual case, without unicodedata)."""
    if text.isascii():
        return text.lower()
    import unicodedata

    return unicodedata.normalize("NFKC", text).casefold()


def name_key(text: str) -> str:
    """How the user's names are compared: NFKC-normalised, case-folded words of any script,
    apostrophes dropped, English plurals singular, stop words aside unless nothing else is
    left: 'Mom's Lentil Soups' -> 'mom lentil soup', 'Açaí' -> 'açaí', 'φακές' -> 'φακέσ',
    's' -> 's'."""
    folded = _folded(text)
    found = re.findall(r"[^\W_]+", folded.replace("'", "").replace("\u2019", ""))
    kept = [w for w in found if w not in STOPWORDS] or found
    return " ".join(stem(w) if w.isascii() else w for w in kept)


def slug(name: str) -> str:
    """A name as an id: 'Mom's lentil soup' -> 'moms-lentil-soup', 'Açaí bowl' -> 'açaí-bowl'."""
    folded = _folded(name).replace("'", "").replace("\u2019", "")
    return re.sub(r"[\W_]+", "-", folded).strip("-")


def _path(given: str | None, default: str, param: str) -> str | None:
    """The file to read: the one given (which must exist), else the default if it exists.
    An empty value turns the file off."""
    if given is not None:
        if given == "":
            return None
        path = os.path.expanduser(files.path_of(given, param))
        if not os.path.exists(path):
            raise InputError(f"{given}: no such file or folder", param)
        return path
    found = xdg.config_file(default)
    return found if found is not None and os.path.exists(found) else None


def load(
    my_foods: str | None = None, products: str | None = None, recipes: str | None = None
) -> Own:
    """The user's foods, products and recipes (by name); None means the default place."""
    foods_path = _path(my_foods, "foods.csv", "--my-foods")
    products_path = _path(products, "products.csv", "--products")
    recipes_path = _path(recipes, "recipes", "--recipes")
    foods = read_foods(foods_path) if foods_path else {}
    notes: list[str] = []
    found = _recipe_files(recipes_path, notes) if recipes_path else {}
    for name_of, path in found.items():
        if name_of in foods:
            said = foods[name_of].description
            raise InputError(f"{said!r} is both one of your foods ({foods_path}) and a recipe "
                             f"({path}); rename one", "--recipes")  # fmt: skip
    names = xdg.config_file(NAMES_FILE)
    return Own(
        foods, found, read_products(products_path) if products_path else {},
        products_path or products or xdg.config_file("products.csv"), tuple(notes),
        read_names(names) if names and os.path.lexists(names) else {},
    )  # fmt: skip


# ------------------------------------------------------------------ the names you picked

NAMES_FILE = "names.txt"
_NAMES_HEADER = (
    "# magcalc: the records you picked for names it was not sure of, one a line as\n"
    "# NAME = FOOD_ID; every command reads them. Edit or delete lines freely.\n"
)


def read_names(path: str) -> dict[str, str]:
    """The user's picks: name_key of a name -> the food id picked for it. A line that is
    not NAME = ID is reported as PATH:LINE."""
    from magcalc.store import parse_food_id

    out: dict[str, str] = {}
    errors: list[InputError] = []
    for n, raw in enumerate(files.read_lines(path, None, files.OWN), 1):
        line = raw.split("  #", 1)[0].strip()  # a note may follow the id
        if not line or line.startswith("#"):
            continue
        name, sep, food_id = line.rpartition("=")
        try:
            parsed = parse_food_id(food_id.strip()) if sep and name_key(name) else None
        except InputError:
            parsed = None
        if parsed is None:
            errors.append(InputError("write each line as NAME = FOOD_ID (5 or 8 digits)", None,
                                     f"{path}:{n}"))  # fmt: skip
            continue
        out[name_key(name)] = parsed
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)
    return out


def remember(name: str, food_id: str, description: str) -> str:
    """Keep a pick in the user's names file (created 0600 in the config folder), so the same
    words resolve at once next time; the file's path."""
    path = xdg.config_file(NAMES_FILE)
    if path is None:
        raise InputError("there is no home folder to keep your picks in; name the food by its "
                         "id instead")  # fmt: skip
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    clean = " ".join(name.replace("=", " ").split())
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0),
                 0o600)  # fmt: skip
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        if f.tell() == 0:
            f.write(_NAMES_HEADER)
        f.write(f"{clean} = {food_id}  # {description}\n")
    return path


# ------------------------------------------------------------------------------ CSV files


class _Rows:
    """A small CSV file of the user's, read row by row; bad rows are collected."""

    def __init__(self, path: str, param: str, columns: tuple[str, ...], needed: int) -> None:
        self.path, self.param = path, param
        self.errors: list[InputError] = []
        self.lines = files.read_lines(path, param, files.OWN)
        self.columns, self.needed = columns, columns[:needed]

    def fail(self, n: int, why: str) -> None:
        self.errors.append(InputError(why, self.param, f"{self.path}:{n}"))

    def __iter__(self) -> Iterator[tuple[int, dict[str, str]]]:
        from magcalc.foodfile import csv_rows  # the rows a foods file's CSV reader reads

        header: list[str] | None = None
        for n, row in csv_rows(self.fail, self.lines):
            if header is None:
                header = [c.strip().lower() for c in row]
                if not self._good_header(n, header):
                    return
                continue
            if len(row) > len(header) or len(row) < len(self.needed):
                self.fail(n, f"{len(row)} fields; the header has {len(header)} "
                             f"({','.join(header)})")  # fmt: skip
                continue
            yield n, {c: (row[i].strip() if i < len(row) else "")
                      for i, c in enumerate(header)}  # fmt: skip
        if header is None:
            self.fail(1, f"no header; the first line must be {','.join(self.columns)}")

    def _good_header(self, n: int, header: list[str]) -> bool:
        unknown = [c for c in header if c not in self.columns]
        missing = [c for c in self.needed if c not in header]
        if unknown or missing or len(set(header)) != len(header):
            self.fail(n, f"the header must name the columns {','.join(self.columns)} (the last "
                         f"ones may be left out); got {','.join(header)[:80]!r}")  # fmt: skip
            return False
        return True

    def done(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise InputErrors(self.errors, self.param)

    def mg(self, n: int, cell: str) -> float | None:
        try:
            value = float(cell)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or not 0 <= value <= MAX_MG:
            self.fail(n, f"mg {cell!r} is not a number of mg from 0 to {MAX_MG:,.0f}")
            return None
        return value

    def named(
        self, n: int, row: dict[str, str], seen: dict[str, int], key_of: Callable[[str], str]
    ) -> tuple[str, bool, float | None]:
        """(the row's name as looked up, whether it is good and new, its mg or None)."""
        name_key = key_of(row["name"])
        return name_key, self.name(n, row["name"], seen, name_key), self.mg(n, row["mg"])

    def name(self, n: int, cell: str, seen: dict[str, int], name_key: str) -> bool:
        """A good, new name; said why not otherwise."""
        if len(cell) > MAX_TEXT:
            self.fail(n, f"the name is {len(cell):,} characters long; at most {MAX_TEXT}")
        elif not cell.isprintable():
            self.fail(n, f"the name {cell!r} holds a control or invisible character")
        elif not name_key:
            self.fail(n, f"the name {cell!r} has no letters to find it by")
        elif cell.isdigit():  # a number is read as a USDA id, never as a name
            self.fail(n, f"the name {cell!r} is a number; give the food a name")
        elif name_key in seen:
            self.fail(n, f"{cell!r} is named twice (line {seen[name_key]} too)")
        else:
            seen[name_key] = n
            return True
        return False


def _mass_g(text: str) -> float:
    """Grams of a mass ('35 g', '1 oz'); InputError otherwise."""
    amount, unit, ranged = split_amount(text)
    grams = MASS_G.get(unit_key(unit))
    if grams is None or ranged:
        raise InputError(f"{text.strip()!r} is not a weight; write it as '35 g' or '1 oz'")
    return amount * grams


def portion(text: str) -> Portion:
    """'1 bar=35 g' -> Portion(1, 'bar', 35); '35 g' -> Portion(35, 'g', 35)."""
    left, sep, right = text.partition("=")
    if not sep:
        grams = _mass_g(left)
        amount, unit, _ = split_amount(left)
        return Portion(amount, unit_key(unit), grams)
    amount, unit, ranged = split_amount(left)
    if ranged or not unit or unit_key(unit) in MASS_G:
        raise InputError(f"{text.strip()!r}: write a portion as 'AMOUNT NAME=WEIGHT', e.g. "
                         "'1 bar=35 g' or '1 cup=240 g'")  # fmt: skip
    return Portion(amount, unit.strip().lower(), _mass_g(right))


def _read(
    rows: _Rows, key_of: Callable[[str], str],
    make: Callable[[dict[str, str], float | None, str], T | None],
) -> dict[str, T]:  # fmt: skip
    """A file of named rows, each made into a record by `make(row, mg, where)` (which raises
    InputError for a bad cell), by name; every bad line reported, all at once."""
    out: dict[str, T] = {}
    seen: dict[str, int] = {}
    for n, row in rows:
        name_key, good, mg = rows.named(n, row, seen, key_of)
        try:
            made = make(row, mg, f"{rows.path}:{n}")
        except InputError as e:
            rows.fail(n, e.message)
            continue
        if good and made is not None:
            out[name_key] = made
    rows.done()
    return out


def read_foods(path: str) -> dict[str, Food]:
    """The user's foods file: every row checked, or InputError(s) naming the bad lines."""
    return _read(_Rows(path, "--my-foods", FOODS_COLUMNS, 2), name_key, _own_food)


def _own_food(row: dict[str, str], mg: float | None, _where: str) -> Food | None:
    from magcalc.portions import MAX_GRAMS  # the cap of --food: one food, one day

    per = portion(row.get("per") or "100 g")
    more = [portion(p) for p in (row.get("portions") or "").split(";") if p.strip()]
    for p in (per, *more):
        if not MIN_GRAMS <= p.grams <= MAX_GRAMS:
            raise InputError(f"a portion of {p.amount:g} {p.unit} weighing {p.grams:g} g; "
                             f"a portion weighs {MIN_GRAMS:g} g to {MAX_GRAMS:,.0f} g")  # fmt: skip
    if mg is None:
        return None
    if mg * 100 / per.grams > MAX_MG_PER_100G:
        raise InputError(f"{mg:g} mg in {per.grams:g} g is more magnesium than the food "
                         "weighs; check the mg and the 'per'")  # fmt: skip
    measures = tuple(([] if per.unit in MASS_G else [per]) + more)
    return Food(f"own:{slug(row['name'])}", OWN_FOOD, row["name"], "your foods",
                mg * 100 / per.grams, False, True, measures)  # fmt: skip


def read_products(path: str) -> dict[str, Product]:
    """The user's products file: every row checked, or InputError(s) naming the bad lines."""
    return _read(_Rows(path, "--products", PRODUCTS_COLUMNS, 4), supplement_key, _product)


def _product(row: dict[str, str], mg: float | None, where: str) -> Product | None:
    form = supplement_key(row["form"])
    if not form:
        raise InputError("the form is empty; name it (oxide, citrate, ...) or write 'other'")
    per, unit, ranged = split_amount(row["per"] or "1")
    if not MIN_PER <= per <= 1000:
        raise InputError(f"per {row['per']!r}: count from {MIN_PER:g} to 1,000 units")
    if mg is not None and mg / per > MAX_MG:
        raise InputError(f"{mg:g} mg in {per:g} unit(s) is more than {MAX_MG:,.0f} mg a unit")
    counted = SUPPLEMENT_UNITS.get(unit_key(unit))
    if counted is None or counted == "serving" or ranged:
        names = ", ".join(sorted(set(SUPPLEMENT_UNITS.values()) - {"serving"}))
        raise InputError(f"per {row['per']!r}: write how many units the mg is for, e.g. "
                         f"'1 tablet' or '2 scoops' (units: {names})")  # fmt: skip
    return None if mg is None else Product(row["name"], form, mg, per, counted, where)


# -------------------------------------------------------------------------------- recipes


def _recipe_files(folder: str, notes: list[str]) -> dict[str, str]:
    """The recipes of a folder: name_key of each NAME.txt -> its path. Two files of one name
    are refused; a file whose name holds no letters is left out and said in `notes`."""
    found: dict[str, str] = {}
    for entry in files.listing(folder, "--recipes"):
        stem_, ext = os.path.splitext(entry)
        if ext.lower() != ".txt" or entry.startswith("."):
            continue
        path = os.path.join(folder, entry)
        name_of = name_key(recipe_name(path))
        if not name_of or not entry.isprintable() or len(stem_) > MAX_TEXT:
            notes.append(f"{path}: a recipe file whose name cannot be typed as a food (no "
                         "letters, a control character, or too long); left out")  # fmt: skip
        elif name_of in found:
            raise InputError(f"{found[name_of]} and {path} are both the recipe "
                             f"{recipe_name(path)!r} (names are compared without case); "
                             "rename or remove one", "--recipes")  # fmt: skip
        else:
            found[name_of] = path
    return found


def recipe_name(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0].replace("_", " ").replace("-", " ")


def read_recipe(path: str) -> Recipe:
    """A recipe file: its ingredients and how many it serves, or InputError(s) per bad line."""
    from magcalc.foodfile import DAY_RE

    param = "--recipes"
    errors: list[InputError] = []
    serves: float | None = None
    serves_line = 0
    foods: list[FoodSpec] = []
    for n, line in enumerate(files.read_lines(path, param, files.OWN), 1):
        body = line.split(" #", 1)[0].strip()
        if not body or body.startswith("#"):
            if DAY_RE.match(body):
                errors.append(InputError("a recipe has no days; put it in a diary instead",
                                         param, f"{path}:{n}"))  # fmt: skip
            continue
        try:
            if m := re.match(_SERVES_RE, body):
                if serves_line:
                    raise InputError(f"a second 'serves' line (line {serves_line} too)")
                serves_line = n
                serves = _serves(m.group(1))
            elif body.lower().startswith("supplement"):
                raise InputError("a recipe holds foods; give supplements with --supplement")
            else:
                foods.append(parse_food_spec(body)._replace(where=f"{path}:{n}"))
        except InputError as e:
            errors.append(InputError(e.message, param, f"{path}:{n}"))
    if not serves_line:
        errors.append(InputError("no 'serves: N' line; say how many servings the recipe makes",
                                 param, path))  # fmt: skip
    if not foods:
        errors.append(InputError("no foods in the recipe", param, path))
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(errors, param)
    assert serves is not None
    return Recipe(recipe_name(path), path, serves, foods)


def _serves(text: str) -> float:
    from magcalc.parse import parse_amount

    value = parse_amount(text.split()[0] if text.split() else text)
    if value > 1000:
        raise InputError(f"serves {text!r}: more than 1,000 servings; check the number")
    return value
