"""The click layer: parse options, call the pure steps, render. Nothing else happens here.

Heavy modules (pydantic, rich, PyYAML, rapidfuzz) are imported inside the commands that use
them, so `magcalc --help` costs little more than importing click.

Exit codes: 0 success, 1 internal error or broken installation, 2 bad usage or input,
3 short of magnesium with --fail-on-shortfall.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from magcalc import __version__
from magcalc.errors import DataError, InputError
from magcalc.parse import parse_age, parse_food_spec, parse_sex, parse_supplement_spec

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

FORMATS = ["table", "json", "ndjson", "csv"]
GOALS = ["general", "night-cramps", "exercise", "pregnancy", "sensitive-stomach", "constipation"]
SCHEMAS = ["intake", "foods-search", "foods-show", "foods-top", "forms"]
LAYOUTS = ["auto", "lines", "csv", "cronometer-servings", "cronometer-daily"]
EXIT_SHORTFALL = 3


class _Parsed(click.ParamType):
    """A click type over one of the pure parse functions; their InputError is a usage error."""

    def __init__(self, name: str, func: Callable[[str], Any]) -> None:
        self.name = name
        self.func = func

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self.func(value)
        except InputError as e:
            self.fail(str(e), param, ctx)


class _FoodType(_Parsed):
    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        """Common food names that start with what was typed, then search results by id."""
        if ":" in incomplete:
            return []
        from click.shell_completion import CompletionItem

        from magcalc.match import rank

        typed = incomplete.lower()
        names = sorted({a for a in _alias_names() if a.startswith(typed)})[:20]
        items = [CompletionItem(n) for n in names]
        if len(typed) >= 3:
            items += [
                CompletionItem(c.food.food_id, help=c.food.description)
                for c in rank(incomplete, limit=10)
            ]
        return items


def _alias_names() -> list[str]:
    import csv

    from magcalc.data import data_path

    with open(data_path("aliases.csv"), newline="", encoding="utf-8") as f:
        return [row["alias"] for row in csv.DictReader(f)]


AGE = _Parsed("age", parse_age)
SEX = _Parsed("sex", parse_sex)
FOOD = _FoodType("food", parse_food_spec)
SUPPLEMENT = _Parsed("supplement", parse_supplement_spec)


def output_options(func: Any) -> Any:
    """--format and its --json shorthand, the same on every command that prints results."""
    func = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(func)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        envvar="MAGCALC_FORMAT", show_envvar=True,
        help="table for people; json, ndjson or csv for scripts.",
    )(func)  # fmt: skip


class MagcalcGroup(click.Group):
    """Every error is one line on stderr; a traceback only with --debug or MAGCALC_DEBUG."""

    def main(self, args: Any = None, *rest: Any, standalone_mode: bool = True, **kw: Any) -> Any:
        if not standalone_mode:
            return super().main(args, *rest, standalone_mode=False, **kw)
        argv = list(args) if args is not None else sys.argv[1:]
        try:
            rv = super().main(argv, *rest, standalone_mode=False, **kw)
        except click.ClickException as e:
            hint = ""
            if isinstance(e, click.UsageError) and e.ctx is not None:
                hint = f" (see '{e.ctx.command_path} --help')"
            click.echo(f"Error: {e.format_message()}{hint}", err=True)
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except BrokenPipeError:
            # `magcalc ... | head`: the reader left; say nothing more, write nothing more.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(1)
        except Exception as e:
            if os.environ.get("MAGCALC_DEBUG") or "--debug" in argv:
                raise
            click.echo(
                f"Error: internal error ({type(e).__name__}: {e}); "
                "run again with --debug for the traceback",
                err=True,
            )
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


def _terminal_width() -> int:
    """What shutil.get_terminal_size gives, without importing shutil (and bz2, lzma, zlib)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # click.version_option would import locale and importlib.metadata on every start.
    if value and not ctx.resilient_parsing:
        click.echo(f"magcalc, version {__version__}")
        ctx.exit()


@click.group(
    cls=MagcalcGroup,
    context_settings={"help_option_names": ["-h", "--help"], "terminal_width": _terminal_width()},
)
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
    help="Show the version and exit.",
)  # fmt: skip
@click.option(
    "--debug", is_flag=True, help="Show the traceback of an internal error (or MAGCALC_DEBUG=1)."
)
def cli(debug: bool) -> None:
    """Magnesium intake against the US Dietary Reference Intakes (NIH/IOM).

    Information only, not medical advice.
    """


@cli.command()
@click.option(
    "--age", type=AGE, required=True, envvar="MAGCALC_AGE", show_envvar=True,
    help="Age in years (35, 2.5) or months (9m).",
)  # fmt: skip
@click.option(
    "--sex", type=SEX, required=True, envvar="MAGCALC_SEX", show_envvar=True,
    help="f, m, female or male.",
)  # fmt: skip
@click.option("--pregnant", is_flag=True, help="Use the pregnancy reference (ages 10-50).")
@click.option("--lactating", is_flag=True, help="Use the lactation reference (ages 10-50).")
@click.option(
    "--food", "foods", type=FOOD, multiple=True, metavar='"NAME:AMOUNT UNIT"',
    help='A food eaten, e.g. "almonds:1 oz" or "12061:30 g". Repeat for each food.',
)  # fmt: skip
@click.option(
    "--foods-file", metavar="PATH",
    help="Foods, one 'NAME:AMOUNT UNIT' a line (# comments; '# 2026-11-20' starts a diary "
    "day), a CSV with a header [date,]food,amount[,unit], or a Cronometer export. '-' is stdin.",
)  # fmt: skip
@click.option(
    "--foods-format", type=click.Choice(LAYOUTS), default="auto", show_default=True,
    help="The layout of --foods-file, when its header does not tell.",
)  # fmt: skip
@click.option(
    "--supplement", "supplements", type=SUPPLEMENT, multiple=True, metavar='"FORM:AMOUNT mg"',
    help="A supplement already taken, in elemental mg as labels state it (glycinate:200 mg); "
    "add 'salt' for the salt's weight (citrate:1000 mg salt). Repeat for each.",
)  # fmt: skip
@click.option(
    "--goal", type=click.Choice(GOALS), default="general", show_default=True,
    envvar="MAGCALC_GOAL", show_envvar=True,
    help="Rank supplement forms for this, as the source articles do.",
)  # fmt: skip
@click.option("--strict", is_flag=True, help="Refuse food names that could mean two records.")
@click.option(
    "--sd-within", type=click.FloatRange(min=0, min_open=True, max=2000), metavar="MG",
    help="Day-to-day SD of magnesium intake from food, for a diary's assessment when none is "
    "known for your group (the IOM tables).",
)  # fmt: skip
@click.option(
    "--fail-on-shortfall", is_flag=True,
    help=f"Exit {EXIT_SHORTFALL} when intake is short of the RDA (or AI), for scripts.",
)  # fmt: skip
@output_options
def intake(
    age: float, sex: str, pregnant: bool, lactating: bool, foods: tuple, foods_file: str | None,
    foods_format: str, supplements: tuple, goal: str, strict: bool, sd_within: float | None,
    fail_on_shortfall: bool, fmt: str, as_json: bool,
) -> None:  # fmt: skip
    """Compare a day's magnesium intake with the reference for your age and sex, and plan the rest.

    \b
    Example:
      magcalc intake --age 35 --sex f --food "almonds:1 oz" --food "spinach, boiled:0.5 cup"

    Information only, not medical advice.
    """
    from magcalc.intake import assess

    if pregnant and lactating:
        raise click.UsageError("--pregnant and --lactating cannot both be given")
    condition = "pregnant" if pregnant else "lactating" if lactating else "none"
    logged: tuple = ()
    notes: list[str] = []
    if foods_file is not None:
        from magcalc import foodfile

        entries = _call(foodfile.load, foods_file, sys.stdin.buffer, foods_format)
        foods = (*foods, *entries.foods)
        supplements = (*supplements, *entries.supplements)
        logged, notes = tuple(entries.logged), entries.notes
    result = _call(
        assess, age_months=age, sex=sex, condition=condition, foods=foods,
        supplements=supplements, logged=logged, goal=goal, strict=strict, sd_within=sd_within,
        notes=notes,
    )  # fmt: skip
    _emit_intake(result, "json" if as_json else fmt)
    if fail_on_shortfall and result["shortfall_mg"] > 0:
        sys.exit(EXIT_SHORTFALL)


def _call(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a pure step: bad input is a usage error naming the option, broken data exit 1."""
    try:
        return func(*args, **kwargs)
    except InputError as e:
        if e.param:
            raise click.BadParameter(str(e), param_hint=f"'{e.param}'") from None
        raise click.UsageError(str(e)) from None
    except DataError as e:
        raise click.ClickException(str(e)) from None


def _emit_intake(result: dict, fmt: str) -> None:
    from magcalc import render

    for w in result["warnings"]:
        click.echo(f"warning: {w}", err=True)
    if fmt == "table":
        render.render_table(result, sys.stdout)
    elif fmt == "json":
        render.write_json(result, sys.stdout)
    else:
        click.echo(render.rows_as(render.intake_rows(result), fmt), nl=False)


def _emit_rows(rows: list[dict], fmt: str, title: str | None, single: bool = False) -> None:
    from magcalc import render

    if fmt == "table" and single:
        render.food_table(rows[0], sys.stdout)
    elif fmt == "table":
        render.rows_table(rows, sys.stdout, title=title)
    else:
        click.echo(render.rows_as(rows[0] if single and fmt == "json" else rows, fmt), nl=False)


@cli.group()
def foods() -> None:
    """Search the USDA food table, show a food's portions, list the richest sources."""


@foods.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 500), default=10, show_default=True)
@output_options
def foods_search(query: str, limit: int, fmt: str, as_json: bool) -> None:
    """Foods matching QUERY, best first, with magnesium per 100 g and their portions."""
    from magcalc.catalog import search

    rows = _call(search, query, limit)
    if not rows:
        raise click.ClickException(f"no food matches {query!r}")
    _emit_rows(rows, "json" if as_json else fmt, title=f"Foods matching {query!r}")


@foods.command("show")
@click.argument("food_id")
@output_options
def foods_show(food_id: str, fmt: str, as_json: bool) -> None:
    """One food by its USDA id: magnesium per 100 g and per portion."""
    from magcalc.catalog import show

    try:
        food = show(food_id)
    except InputError as e:
        raise click.BadParameter(str(e), param_hint="'FOOD_ID'") from None
    _emit_rows([food], "json" if as_json else fmt, title=None, single=True)


@foods.command("top")
@click.option("--group", help="Only this USDA food group (see 'magcalc foods groups').")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--all", "every_food", is_flag=True, help="Rank every USDA food, not only common.")
@output_options
def foods_top(group: str | None, limit: int, every_food: bool, fmt: str, as_json: bool) -> None:
    """The richest sources of magnesium per usual serving."""
    from magcalc.catalog import groups, top

    if group is not None:
        known = _call(groups)
        match = [g for g in known if g.lower() == group.strip().lower()]
        if not match:
            raise click.BadParameter(
                f"{group!r} is not a USDA food group; use one of: {', '.join(known)}",
                param_hint="'--group'",
            )
        group = match[0]
    rows = _call(top, group, limit, every_food)
    _emit_rows(rows, "json" if as_json else fmt, title="Richest sources per usual serving")


@foods.command("groups")
@output_options
def foods_groups(fmt: str, as_json: bool) -> None:
    """The USDA food groups, for --group."""
    from magcalc.catalog import groups

    rows = [{"food_group": g} for g in _call(groups)]
    _emit_rows(rows, "json" if as_json else fmt, title="USDA food groups")


@cli.command()
@click.option("--goal", type=click.Choice(GOALS), help="Order oral forms as for this goal.")
@output_options
def forms(goal: str | None, fmt: str, as_json: bool) -> None:
    """Supplement forms: magnesium by weight, route, and what the source articles say."""
    from magcalc import render
    from magcalc.supplements import forms_overview
    from magcalc.tables import forms_table

    rows = _call(lambda: forms_overview(forms_table(), goal))
    fmt = "json" if as_json else fmt
    if fmt == "table":
        render.forms_table(rows, sys.stdout)
    else:
        _emit_rows(rows, fmt, title=None)


@cli.command()
@click.argument("name", type=click.Choice(SCHEMAS), default="intake")
def schema(name: str) -> None:
    """Print the JSON Schema of a command's --json output (default: intake)."""
    import json

    from magcalc.models import json_schema

    click.echo(json.dumps(json_schema(name), indent=2, ensure_ascii=False))


def main() -> None:
    cli(prog_name="magcalc")
