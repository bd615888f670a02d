"""magcalc's Python API: the functions the command line itself calls.

    >>> import magcalc
    >>> r = magcalc.intake(age=35, sex="f", foods=["almonds:1 oz", "spinach, boiled:0.5 cup"])
    >>> round(r["shortfall_mg"])
    165

Keyword arguments mirror the command-line options; results are the typed dicts of
magcalc.results (the JSON contract); bad input, an argument of the wrong type included,
raises magcalc.InputError, whose `param` names the argument at fault. A text where a list is
expected is one item. The API never reads, writes or closes the caller's streams (stdin only
when it is given, and then only read). Information only, not medical advice.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from magcalc import parse
from magcalc.errors import KEYWORDS, InputError

if TYPE_CHECKING:
    from magcalc.reference import Person
    from magcalc.results import (
        FoodGroup,
        FoodInfo,
        FormInfo,
        IntakeResult,
        LogAdded,
        RecipeInfo,
        RecipeIngredient,
        StandardInfo,
        StandardRow,
        TopFood,
    )  # fmt: skip
else:  # a TypedDict is a dict at run time; results.py is for type checkers and the schema
    LogAdded = RecipeInfo = RecipeIngredient = StandardInfo = StandardRow = dict


F = TypeVar("F", bound=Callable[..., Any])


def _keywords(func: F) -> F:
    """An API function whose InputError names the keyword at fault (`foods`), where the steps
    name the command line's option (`--food`); the CLI names the option again."""

    @functools.wraps(func)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as e:
            raise e.renamed(KEYWORDS) from None

    return call  # type: ignore[return-value]


def _param(func, value, param: str):
    try:
        return func(value)
    except InputError as e:
        raise e.about(param) from None


# ------------------------------------------------------------ the arguments' types, checked


def _items(value: Any, param: str, kinds: tuple[type, ...] = (str,)) -> list[Any]:
    """A list of texts (or `kinds`): one text is one item, None none; anything else refused."""
    if value is None:
        return []
    if isinstance(value, kinds):
        return [value]
    if isinstance(value, (bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        raise InputError(f"expected a list of texts, not {type(value).__name__} {value!r:.60}",
                         param)  # fmt: skip
    items = list(value)
    for item in items:
        if not isinstance(item, kinds):
            raise InputError(f"expected texts, not {type(item).__name__} {item!r:.60}", param)
    return items


def _text(value: Any, param: str, *, optional: bool = False) -> Any:
    """A text (or None when `optional`), no longer than a name may be."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise InputError(f"expected a text, not {type(value).__name__} {value!r:.60}", param)
    if len(value) > parse.MAX_TEXT:
        raise InputError(f"{len(value):,} characters; at most {parse.MAX_TEXT} are accepted",
                         param)  # fmt: skip
    return value


def _flag(value: Any, param: str) -> bool:
    if not isinstance(value, bool):
        raise InputError(f"expected True or False, not {type(value).__name__} {value!r:.60}",
                         param)  # fmt: skip
    return value


def _count(value: Any, param: str, most: int = 500) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise InputError(f"{value!r:.60} is not a whole number from 1 to {most}", param)
    return value


def _path(value: Any, param: str) -> str | None:
    """A path (text or os.PathLike) or None; '' turns one of the user's files off. A number
    is refused: it would open a file descriptor of the caller's."""
    from magcalc import files

    if value is None or value == "":
        return value
    return files.path_of(value, param)


def _age(age: float | str) -> float:
    """Months from an age in years (35, 2.5) or a text as the CLI takes it ('9m', '35')."""
    if isinstance(age, str):
        return _param(parse.parse_age, age, "--age")
    if isinstance(age, bool) or not isinstance(age, (int, float)):
        raise InputError(f"age {age!r} is not a number of years or a text such as '9m'", "--age")
    if not 0 <= age <= parse.MAX_AGE_YEARS:  # also refuses NaN
        raise InputError(f"age {age!r} is not between 0 and {parse.MAX_AGE_YEARS} years", "--age")
    return round(age * 12, 6)  # whole months stay whole: 7 / 12 years is 7 months


def _who(age: float | str, sex: str, condition: str = "none", standard: str = "us",
         feeding: str | None = None) -> Person:  # fmt: skip
    """The person a reference is looked up for, from what a caller gives."""
    from magcalc import choices
    from magcalc.reference import Person

    if standard not in choices.STANDARDS:
        raise InputError(f"unknown standard {standard!r}; use one of "
                         f"{', '.join(choices.STANDARDS)}", "--standard")  # fmt: skip
    if feeding is not None and feeding not in choices.FEEDING:
        raise InputError(f"unknown feeding {feeding!r}; use breast or formula", "--feeding")
    return Person(age_months=_age(age), sex=_param(parse.parse_sex, sex, "--sex"),
                  condition=condition, standard=standard, feeding=feeding)  # fmt: skip


@_keywords
def intake(
    *,
    age: float | str,
    sex: str,
    foods: Iterable[str] = (),
    supplements: Iterable[str] = (),
    pregnant: bool = False,
    lactating: bool = False,
    goal: str = "general",
    standard: str = "us",
    feeding: str | None = None,
    medications: Iterable[str] = (),
    kidney_disease: bool = False,
    strict: bool = False,
    best_guess: bool = False,
    units: str | None = None,
    sd_within: float | None = None,
    foods_file: str | None = None,
    foods_format: str = "auto",
    stdin: BinaryIO | None = None,
    days: tuple[str | None, str | None] | None = None,
    my_foods: str | None = None,
    products: str | None = None,
    recipes: str | None = None,
) -> IntakeResult:
    """Compare a day's (or a diary's) magnesium intake with the reference, and plan the rest.

    `foods` and `supplements` are texts as `--food` and `--supplement` take them;
    `foods_file` a path (or '-' for `stdin`) as `--foods-file` takes it, `days` the first and
    last day of it to count. `my_foods`, `products` and `recipes` are the user's files
    (magcalc.own); None means the default place ($XDG_CONFIG_HOME/magcalc), '' none.
    `units` is whose everyday measures amounts are read in, "us" or "uk" (a 568 ml pint);
    None: the UK's for the UK standard, else the US's.
    """
    from magcalc import choices, own
    from magcalc.totals import compute

    foods = _items(foods, "--food", (str, parse.FoodSpec))
    supplements = _items(supplements, "--supplement", (str, parse.SupplementSpec))
    medications = [_text(m, "--medication") for m in _items(medications, "--medication")]
    for value, param in ((pregnant, "--pregnant"), (lactating, "--lactating"),
                         (kidney_disease, "--kidney-disease"), (strict, "--strict")):  # fmt: skip
        _flag(value, param)
    for value, param in ((goal, "--goal"), (standard, "--standard"), (feeding, "--feeding"),
                         (foods_format, "--foods-format"), (sex, "--sex")):  # fmt: skip
        _text(value, param, optional=param == "--feeding")
    if sd_within is not None and (isinstance(sd_within, bool)
                                  or not isinstance(sd_within, (int, float))):  # fmt: skip
        raise InputError(f"{sd_within!r:.60} is not a number of mg", "--sd-within")
    foods_file = _path(foods_file, "--foods-file")
    my_foods, products, recipes = (_path(my_foods, "--my-foods"), _path(products, "--products"),
                                   _path(recipes, "--recipes"))  # fmt: skip
    if days is not None:
        days = _days(days)
    if pregnant and lactating:
        raise InputError("--pregnant and --lactating cannot both be given")
    if goal not in choices.GOALS:
        raise InputError(f"unknown goal {goal!r}; use one of {', '.join(choices.GOALS)}", "--goal")
    units = _text(units, "--units", optional=True)
    if units is not None and units not in choices.MEASURE_SYSTEMS:
        raise InputError(f"unknown units {units!r}; use one of "
                         f"{', '.join(choices.MEASURE_SYSTEMS)}", "--units")  # fmt: skip
    condition = "pregnant" if pregnant else "lactating" if lactating else "none"
    person = _who(age, sex, condition, standard, feeding)
    if foods_format not in choices.LAYOUTS:
        raise InputError(f"unknown foods format {foods_format!r}; use one of "
                         f"{', '.join(choices.LAYOUTS)}", "--foods-format")  # fmt: skip
    if sd_within is not None and not 1 <= sd_within <= 2000:  # also refuses NaN
        raise InputError(f"{sd_within!r} is not a day-to-day SD in mg (1 to 2000)", "--sd-within")
    food_specs = [f if isinstance(f, parse.FoodSpec) else _param(parse.parse_food_spec, f, "--food")
                  for f in foods]  # fmt: skip
    supplement_specs = [
        s if isinstance(s, parse.SupplementSpec)
        else _param(parse.parse_supplement_spec, s, "--supplement")
        for s in supplements
    ]  # fmt: skip
    logged: list = []
    notes: list[str] = []
    errors: list[InputError] = []
    mine = own.load(my_foods, products, recipes)
    if foods_file is not None:
        from magcalc import foodfile

        entries = foodfile.load(foods_file, stdin, foods_format)
        if days is not None:
            entries = foodfile.within(entries, *days, foods_file)
        food_specs += entries.foods
        supplement_specs += entries.supplements
        logged, notes, errors = entries.logged, entries.notes, entries.errors
    return compute(
        person, foods=food_specs, supplements_taken=supplement_specs, logged=logged, goal=goal,
        medications=medications, kidney_disease=kidney_disease, strict=strict,
        best_guess=best_guess, sd_within=sd_within, notes=[*mine.notes, *notes], errors=errors,
        mine=mine, measures=units,  # type: ignore[arg-type]
    )  # fmt: skip


def _days(days: Any) -> tuple[str | None, str | None]:
    """(first, last) day, each YYYY-MM-DD or None."""
    if not isinstance(days, (tuple, list)) or len(days) != 2:
        raise InputError(f"days {days!r:.60}: give (first, last), each YYYY-MM-DD or None",
                         "--days")  # fmt: skip
    return _day(days[0], "--from"), _day(days[1], "--to")


def _day(value: Any, param: str) -> str | None:
    if value is None:
        return None
    day = parse.iso_date(value) if isinstance(value, str) else None
    if day is None:
        raise InputError(f"{value!r:.60} is not a day; write it as YYYY-MM-DD", param)
    return day


@_keywords
def search_foods(query: str, limit: int = 10) -> list[FoodInfo]:
    """Foods matching a name, best first, with magnesium per 100 g and their portions."""
    from magcalc.browse import search

    return search(_text(query, "QUERY"), _count(limit, "--limit"))


@_keywords
def show_food(food_id: str) -> FoodInfo:
    """One food by its id (5 digits SR28, 8 digits FNDDS), as a text: '09087'."""
    from magcalc.browse import show

    if isinstance(food_id, int) and not isinstance(food_id, bool):
        raise InputError(f"give the id as a text ('{food_id:05d}'): a number loses the id's "
                         "leading zeros", "FOOD_ID")  # fmt: skip
    return show(_text(food_id, "FOOD_ID"))


@_keywords
def top_foods(group: str | None = None, limit: int = 20, every_food: bool = False) -> list[TopFood]:
    """The richest sources of magnesium per usual serving."""
    from magcalc.browse import find_group, top

    group = _text(group, "--group", optional=True)
    limit, every_food = _count(limit, "--limit"), _flag(every_food, "--all")
    return top(find_group(group) if group is not None else None, limit, every_food)


@_keywords
def food_groups() -> list[FoodGroup]:
    """The SR28 food groups and FNDDS categories, for `top_foods(group=...)`."""
    from magcalc.browse import groups

    return groups()


@_keywords
def standards() -> list[StandardInfo]:
    """The reference standards magcalc knows, with their year, source and kinds of value."""
    from magcalc.reference import rows, standards

    return [
        StandardInfo(
            name=s.name, title=s.title, year=s.year,  # type: ignore[typeddict-item]
            kinds=sorted({r.label for r in rows(s.name)}),
            tags=sorted({r.tag for r in rows(s.name)}),
            upper_level=s.upper_level,
        )
        for s in standards()
    ]  # fmt: skip


@_keywords
def standard_rows(name: str) -> list[StandardRow]:
    """Every row of one standard's table."""
    from magcalc.reference import rows

    _text(name, "NAME")
    return [
        StandardRow(
            life_stage=r.life_stage, sex=r.sex, condition=r.condition,  # type: ignore[typeddict-item]
            feeding=r.feeding, age_from_months=r.age_from_months,  # type: ignore[typeddict-item]
            age_to_months=r.age_to_months, kind=r.kind, label=r.label,  # type: ignore[typeddict-item]
            target_mg=r.target_mg, ear_mg=r.ear_mg, ul_supplemental_mg=r.ul_supplemental_mg,
            tag=r.tag, source=r.source,
        )
        for r in rows(name)
    ]  # fmt: skip


@_keywords
def forms(goal: str | None = None) -> list[FormInfo]:
    """Supplement forms: magnesium by weight, route, and what the source articles say."""
    from magcalc import choices
    from magcalc.supplements import forms_overview

    if goal is not None and _text(goal, "--goal") not in choices.GOALS:
        raise InputError(f"unknown goal {goal!r}; use one of {', '.join(choices.GOALS)}", "--goal")
    return forms_overview(goal)


# ------------------------------------------------------------------ recipes and the diary


@_keywords
def recipes(recipes: str | None = None, my_foods: str | None = None) -> list[RecipeInfo]:
    """Every recipe of the user's, with what one serving holds."""
    from magcalc import own
    from magcalc.foods import Resolver

    mine = own.load(_path(my_foods, "--my-foods"), "", _path(recipes, "--recipes"))
    resolver = Resolver(mine=mine)
    return [_recipe_info(resolver, path) for path in mine.recipes.values()]


@_keywords
def recipe(name: str, recipes: str | None = None, my_foods: str | None = None) -> RecipeInfo:
    """One recipe of the user's by its name: what one serving holds."""
    from magcalc import own
    from magcalc.foods import Resolver

    name = _text(name, "NAME")
    mine = own.load(_path(my_foods, "--my-foods"), "", _path(recipes, "--recipes"))
    path = mine.recipe(name)
    if path is None:
        known = ", ".join(sorted(own.recipe_name(p) for p in mine.recipes.values())) or "none"
        raise InputError(f"no recipe named {name!r}; the recipes are: {known}", "NAME")
    return _recipe_info(Resolver(mine=mine), path)


def _recipe_info(resolver, path: str) -> RecipeInfo:
    cooked = resolver.recipe(path)
    serves, food = cooked.recipe.serves, cooked.food
    return RecipeInfo(
        name=cooked.recipe.name, path=path, food_id=food.food_id, serves=serves,
        grams=sum(line["grams"] for line in cooked.lines) / serves,
        mg=sum(line["mg"] for line in cooked.lines) / serves, mg_per_100g=food.mg_per_100g,
        ingredients=[
            RecipeIngredient(
                query=spec.text, line=spec.where, food_id=line["food_id"],
                source=line["source"], description=line["description"],
                recipe_grams=line["grams"], recipe_mg=line["mg"],
                grams=line["grams"] / serves, mg=line["mg"] / serves,
            )
            for spec, line in zip(cooked.recipe.foods, cooked.lines, strict=True)
        ],
    )  # fmt: skip


@_keywords
def log_add(
    entries: Iterable[str] = (),
    *,
    supplements: Iterable[str] = (),
    date: str | None = None,
    diary: str | None = None,
    strict: bool = False,
    best_guess: bool = False,
    my_foods: str | None = None,
    products: str | None = None,
    recipes: str | None = None,
) -> LogAdded:
    """Append foods (and `supplement: ...` entries) and supplements to the diary under a day
    (today unless `date`), each with the record it means (`# record ID`). Every entry is
    checked first, and must read back from the diary as it was checked: if one cannot be
    used, InputError names it and nothing is written."""
    from magcalc import diary as diary_file
    from magcalc import own
    from magcalc.foodfile import SUPPLEMENT_RE, logged_line
    from magcalc.foods import Resolver
    from magcalc.totals import resolve_all, supplement_record, taken_all

    day = diary_file.day(_text(date, "--date", optional=True))
    where = diary_file.path(_path(diary, "--diary"))
    _flag(strict, "--strict")
    food_specs: list[parse.FoodSpec] = []
    supplement_specs: list[parse.SupplementSpec] = []
    for text in (t.strip() for t in _items(entries, "ENTRY")):
        if "#" in text:
            raise InputError(f"{text!r}: a '#' starts a comment in the diary, so the entry would "
                             "not read back as it was checked; leave it out", "ENTRY")  # fmt: skip
        if m := SUPPLEMENT_RE.match(text):
            spec = _param(parse.parse_supplement_spec, m.group(1), "ENTRY")
            supplement_specs.append(spec._replace(date=day))
        else:
            food_specs.append(_param(parse.parse_food_spec, text, "ENTRY")._replace(date=day))
    for text in _items(supplements, "--supplement"):
        if "#" in text:
            raise InputError(f"{text!r}: a '#' starts a comment in the diary; leave it out",
                             "--supplement")  # fmt: skip
        spec = _param(parse.parse_supplement_spec, text.strip(), "--supplement")
        supplement_specs.append(spec._replace(date=day))
    if not food_specs and not supplement_specs:
        raise InputError('nothing to add; give foods ("almonds:1 oz") or --supplement', "ENTRY")
    mine = own.load(_path(my_foods, "--my-foods"), _path(products, "--products"),
                    _path(recipes, "--recipes"))  # fmt: skip
    warnings: list[str] = list(mine.notes)
    lines = resolve_all(food_specs, Resolver(strict, mine, best_guess), warnings, [], "ENTRY")
    counted = taken_all(supplement_specs, mine, warnings)
    base: dict[str, str] = {}  # an entry's record: its first line's (the base of two foods)
    for line in lines:
        base.setdefault(line["query"], line["food_id"])
    food_specs = [s._replace(record=base[s.text]) for s in food_specs]
    supplement_specs = [s._replace(record=supplement_record(t))
                        for s, t in zip(supplement_specs, counted, strict=True)]  # fmt: skip
    warnings = [_as_entry(w) for w in warnings]
    written = [logged_line(s.text, s.record) for s in food_specs]
    written += [logged_line(f"supplement: {s.text}", s.record) for s in supplement_specs]
    _reads_back(where, day, written, food_specs, supplement_specs)
    diary_file.append(where, day, written)
    return LogAdded(
        diary=where, date=day, lines=written, foods=lines, supplements_taken=counted,
        mg=sum(line["mg"] for line in lines) + sum(t["elemental_mg"] for t in counted),
        warnings=warnings,
    )  # fmt: skip


def remember_name(name: str, food_id: str) -> str:
    """Keep the record picked for a name in the user's names file, so every command resolves
    those words to it from now on; the file's path."""
    from magcalc import own, store

    key = store.parse_food_id(food_id.strip())
    found = store.food(key) if key else None
    if found is None:
        raise InputError(f"no food has id {food_id!r}", "FOOD_ID")
    return own.remember(name, found.food_id, found.description)


def _reads_back(
    where: str, day: str, written: list[str], foods: list[parse.FoodSpec],
    supplements: list[parse.SupplementSpec],
) -> None:  # fmt: skip
    """InputError unless the lines read back from the diary as the entries were checked."""
    from magcalc.foodfile import parse as parse_file

    back = parse_file(where, "\n".join([f"# {day}", *written]), "lines")

    def food(s: parse.FoodSpec) -> tuple:
        return (s.text, s.name, s.amount, s.unit, s.record)

    def supplement(s: parse.SupplementSpec) -> tuple:
        return (s.text, s.form, s.mg, s.salt, s.count, s.unit, s.record)

    if (
        back.errors
        or [food(s) for s in back.foods] != [food(s) for s in foods]
        or [supplement(s) for s in back.supplements] != [supplement(s) for s in supplements]
    ):
        raise InputError("these entries would not read back from the diary as they were "
                         "checked; write each as --food takes it", "ENTRY")  # fmt: skip


def _as_entry(warning: str) -> str:
    """A note said of --food, as log add's user acts on it: an entry is the food itself."""
    return warning.replace("(pick it with --food ", "(pick it by writing the entry ")


@_keywords
def diary_path(diary: str | None = None) -> str:
    """Where the diary is (or will be)."""
    from magcalc import diary as diary_file

    return diary_file.path(_path(diary, "--diary"))


@_keywords
def log_show(
    *, diary: str | None = None, since: str | None = None, until: str | None = None, **intake_args
) -> IntakeResult:
    """The diary, from `since` to `until` (YYYY-MM-DD), exactly as
    `intake(foods_file=DIARY, ...)` gives it; `intake_args` as `intake` takes them."""
    import os

    from magcalc import diary as diary_file

    since, until = _day(since, "--from"), _day(until, "--to")
    where = diary_path(diary)
    diary_file.check(where)
    if not os.path.exists(where):
        raise InputError(f"{where}: no diary yet; start it with 'magcalc log add \"almonds:1 oz\"'",
                         "--diary")  # fmt: skip
    days = (since, until) if since or until else None
    try:
        return intake.__wrapped__(foods_file=where, days=days, **intake_args)  # type: ignore[attr-defined]
    except InputError as e:
        raise e.instead("--foods-file", "--diary") from None


@_keywords
def check_diary(
    diary: str | None = None, *, my_foods: str | None = None, products: str | None = None,
    recipes: str | None = None,
) -> list[str]:  # fmt: skip
    """Check every line of the diary: InputError(s) naming the bad ones; else the notes of how
    its entries were read."""
    from magcalc import foodfile, own
    from magcalc.foods import Resolver
    from magcalc.totals import resolve_all, taken_all

    mine = own.load(_path(my_foods, "--my-foods"), _path(products, "--products"),
                    _path(recipes, "--recipes"))  # fmt: skip
    try:
        entries = foodfile.load(diary_path(diary), None, follow=False)
        warnings = [*mine.notes, *entries.notes]
        resolve_all(entries.foods, Resolver(False, mine), warnings, list(entries.errors))
        taken_all(entries.supplements, mine, warnings)
    except InputError as e:
        raise e.instead("--foods-file", "--diary") from None
    return warnings


# ---------------------------------------------------------------------------- completion

COMPLETABLE = ("food", "supplement", "group", "recipe", "sex", "date")


def complete(
    what: str, typed: str, *, my_foods: str | None = None, products: str | None = None,
    recipes: str | None = None,
) -> list[str]:  # fmt: skip
    """What may follow `typed` for an option (one of COMPLETABLE), for TAB completion: never
    an error, at worst nothing (InputError only for arguments of the wrong type)."""
    from magcalc import own

    if not isinstance(what, str) or what not in COMPLETABLE:
        raise InputError(f"nothing to complete for {what!r:.60}; one of {', '.join(COMPLETABLE)}",
                         "WHAT")  # fmt: skip
    if not isinstance(typed, str):
        raise InputError(f"expected a text, not {type(typed).__name__} {typed!r:.60}", "TYPED")
    if len(typed) > parse.MAX_TEXT:  # no name is that long
        return []
    mine_files = (_path(my_foods, "--my-foods"), _path(products, "--products"),
                  _path(recipes, "--recipes"))  # fmt: skip
    try:
        if what == "sex":
            return [s for s in ("f", "m", "female", "male") if s.startswith(typed.lower())]
        if what == "date":
            return [d for d in ("today", "yesterday") if d.startswith(typed.lower())]
        if what == "group":
            from magcalc.browse import groups

            names = [g["food_group"] for g in groups()]
            low = typed.lower()
            return [n for n in names if n.lower().startswith(low)] or \
                [n for n in names if low in n.lower()]  # fmt: skip
        mine = own.load(*mine_files)
        if what == "recipe":
            names = sorted(own.recipe_name(p) for p in mine.recipes.values())
            return [n for n in names if n.lower().startswith(typed.lower())]
        if what == "food":
            from magcalc.browse import complete_food

            return complete_food(typed, mine)
        if what == "supplement":
            from magcalc.supplements import complete as complete_supplement

            return complete_supplement(typed, mine)
    except (InputError, OSError):
        return []
    return []


# ------------------------------------------------------------------ many people at once


@_keywords
def score(
    rows: Any,
    *,
    per: str = "day",
    people: Any = None,
    columns: dict[str, str] | None = None,
    standard: str = "us",
    strict: bool = False,
    best_guess: bool = False,
    sd_within: float | None = None,
    my_foods: str | None = None,
    products: str | None = None,
    recipes: str | None = None,
) -> Any:
    """Many person-days at once, each as `intake` would give that day: a pandas DataFrame,
    or mappings, of rows with a person, a day (optional), a food (a text or a food id) with
    an amount (and a unit) or grams, and who each person is (age or age_months, sex, and
    optionally condition, standard, feeding), or a `people` table that says it.

    Gives rows of results.DayScore (`per="day"`), results.PersonScore (`per="person"`: usual
    intake over each person's days) or both, and results.SurveyRefused for rows that belong
    to no person-day: a DataFrame for a DataFrame (flat columns, magcalc.render's), a list
    for a list, and for any other iterable an iterator, read as a stream (each person's rows
    together). A bad row is reported with its day, never stops the rest. `columns` names
    the columns where their names are not those magcalc knows ({"person": "SEQN"});
    `standard` is for people whose rows name none.
    """
    from magcalc import survey

    if isinstance(rows, (str, bytes)):
        raise InputError("rows are a DataFrame or mappings, not a text; read a file with "
                         "magcalc.score_file(PATH)", "rows")  # fmt: skip
    batch = _batch(per, people, columns, standard, strict, sd_within, my_foods, products, recipes,
                   best_guess)  # fmt: skip
    if _is_frame(rows):
        return _frame(batch.score(survey.from_frame(rows, columns)), per)
    if isinstance(rows, (list, tuple)):
        return list(batch.score(survey.grouped(list(rows), columns)))
    return _primed(batch.score(survey.from_mappings(rows, columns)))


@_keywords
def score_file(path: str, *, stdin: BinaryIO | None = None, **options: Any) -> Iterator[Any]:
    """`score` over a survey file, CSV or NDJSON ('-' for `stdin`), read as a stream with no
    limit of size: each person's rows must come together. `options` as `score` takes them;
    `people` may be a path too."""
    from magcalc import survey

    return _primed(_batch(**options).score(survey.read(path, stdin, options.get("columns"))))


def _batch(per: str = "day", people: Any = None, columns: dict[str, str] | None = None,
           standard: str = "us", strict: bool = False, sd_within: float | None = None,
           my_foods: str | None = None, products: str | None = None,
           recipes: str | None = None, best_guess: bool = False) -> Any:  # fmt: skip
    from magcalc import choices, own, survey
    from magcalc.batch import PER, Batch

    if per not in PER:
        raise InputError(f"per {per!r} is not one of {', '.join(PER)}", "per")
    if standard not in choices.STANDARDS:
        raise InputError(f"unknown standard {standard!r}; use one of "
                         f"{', '.join(choices.STANDARDS)}", "--standard")  # fmt: skip
    if sd_within is not None and not 1 <= sd_within <= 2000:  # also refuses NaN
        raise InputError(f"{sd_within!r} is not a day-to-day SD in mg (1 to 2000)", "--sd-within")
    if columns is not None and not isinstance(columns, dict):
        raise InputError("columns is a dict of fields and column names, such as "
                         "{'person': 'SEQN'}", "columns")  # fmt: skip
    table = None
    if people is not None:
        if isinstance(people, str):
            rows = survey.read(people, None, columns, "people", people=True)
            table = survey.people_table(rows, people)
        elif _is_frame(people):
            table = survey.people_table(survey.from_frame(people, columns, people=True))
        else:
            table = survey.people_table(survey.from_mappings(people, columns, people=True))
    mine = own.load(my_foods, products, recipes)
    return Batch(_survey_who(standard), per=per, strict=strict, sd_within=sd_within, mine=mine,
                 people=table, best_guess=best_guess)  # fmt: skip


def _survey_who(standard: str) -> Callable[[tuple], Person]:
    """The Person of a survey's cells of who someone is (survey.WHO_FIELDS)."""
    from magcalc.survey import text

    def who_of(cells: tuple) -> Person:
        age, months, sex, condition, named, feeding = cells
        if months is not None:
            age = f"{text(months)}m"
        elif age is None:
            raise InputError("no age given", "--age")
        elif isinstance(age, bool) or not isinstance(age, (int, float)):
            age = text(age)
        if sex is None:
            raise InputError("no sex given", "--sex")
        return _who(
            age, text(sex), text(condition).lower() if condition is not None else "none",
            text(named).lower() if named is not None else standard,
            text(feeding).lower() if feeding is not None else None,
        )  # fmt: skip

    return who_of


def _is_frame(value: Any) -> bool:
    return type(value).__module__.startswith("pandas") and hasattr(value, "columns")


def _primed(rows: Iterator[Any]) -> Iterator[Any]:
    """The rows, with the first read now: a file or header that cannot be read is an error
    of this call, not of the first step of a loop."""
    import itertools

    first = next(rows, _primed)
    return rows if first is _primed else itertools.chain([first], rows)


def _frame(rows: Iterable[Any], per: str) -> Any:
    """Rows as a DataFrame with magcalc.render's flat survey columns: the same columns and
    types however many rows (an empty one is a Dask DataFrame's `meta`)."""
    import pandas as pd

    from magcalc import render

    columns, numbers = render.survey_columns(per)
    frame = pd.DataFrame.from_records([render.survey_flat(r) for r in rows], columns=columns)
    return frame.astype({c: "float64" if c in numbers else "object" for c in columns})
