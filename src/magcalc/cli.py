"""The click layer: parse options, call the pure steps, render. Nothing else happens here.

Heavy modules (pydantic, rich, PyYAML, rapidfuzz) are imported inside the commands that use
them, so `magcalc --help` costs little more than importing click.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from magcalc import __version__
from magcalc.errors import DataError, InputError

DISCLAIMER = "Information only, not medical advice."


class _Parsed(click.ParamType):
    """A click type over one of the pure parse functions; their InputError becomes a usage error."""

    def __init__(self, name: str, func: Any) -> None:
        self.name = name
        self.func = func

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self.func(value)
        except InputError as e:
            self.fail(str(e), param, ctx)


def _types() -> tuple[_Parsed, ...]:
    from magcalc.parse import parse_age, parse_food_spec, parse_sex, parse_supplement_spec

    return (
        _Parsed("age", parse_age),
        _Parsed("sex", parse_sex),
        _Parsed("food", parse_food_spec),
        _Parsed("supplement", parse_supplement_spec),
    )


AGE, SEX, FOOD, SUPPLEMENT = _types()


def output_options(func: Any) -> Any:
    """--format and its --json shorthand, the same on every command that prints results."""
    func = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(func)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
        help="table for people; json, ndjson or csv for scripts.",
    )(func)  # fmt: skip


FORMATS = ["table", "json", "ndjson", "csv"]


class MagcalcGroup(click.Group):
    """Prints every error as one line on stderr; tracebacks only with --debug/MAGCALC_DEBUG."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
        except click.ClickException as e:
            hint = ""
            if isinstance(e, click.UsageError) and e.ctx is not None:
                hint = f" (see '{e.ctx.command_path} --help')"
            click.echo(f"Error: {e.format_message()}{hint}", err=True)
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except Exception as e:  # an internal error: a short message unless debugging
            if os.environ.get("MAGCALC_DEBUG") or "--debug" in sys.argv:
                raise
            click.echo(
                f"Error: internal error ({type(e).__name__}: {e}); "
                "run again with --debug for the traceback",
                err=True,
            )
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(cls=MagcalcGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="magcalc")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks of internal errors.")
def cli(debug: bool) -> None:
    """Magnesium intake against the US Dietary Reference Intakes (NIH/IOM).

    Information only, not medical advice.
    """


GOALS = ["general", "night-cramps", "exercise", "pregnancy", "sensitive-stomach", "constipation"]


@cli.command()
@click.option("--age", type=AGE, required=True, help="Age in years (35, 2.5) or months (9m).")
@click.option("--sex", type=SEX, required=True, help="f, m, female or male.")
@click.option("--pregnant", is_flag=True, help="Use the pregnancy reference (ages 10-50).")
@click.option("--lactating", is_flag=True, help="Use the lactation reference (ages 10-50).")
@click.option(
    "--food", "foods", type=FOOD, multiple=True, metavar='"NAME:AMOUNT UNIT"',
    help='A food eaten, e.g. "almonds:1 oz" or "12061:30 g". Repeat for each food.',
)  # fmt: skip
@click.option(
    "--supplement", "supplements", type=SUPPLEMENT, multiple=True, metavar='"FORM:AMOUNT mg"',
    help="A supplement already taken, in elemental mg as labels state it (glycinate:200 mg); "
    "add 'salt' for the salt's weight (citrate:1000 mg salt). Repeat for each.",
)  # fmt: skip
@click.option(
    "--goal", type=click.Choice(GOALS), default="general", show_default=True,
    help="Rank supplement forms for this, as the source articles do.",
)  # fmt: skip
@click.option("--strict", is_flag=True, help="Refuse food names that could mean two records.")
@output_options
def intake(
    age: float, sex: str, pregnant: bool, lactating: bool, foods: tuple, supplements: tuple,
    goal: str, strict: bool, fmt: str, as_json: bool,
) -> None:  # fmt: skip
    """Compare a day's magnesium intake with the reference for AGE and SEX, and plan the rest.

    \b
    Example:
      magcalc intake --age 35 --sex f --food "almonds:1 oz" --food "spinach, boiled:0.5 cup"

    Information only, not medical advice.
    """
    from magcalc.intake import assess

    if pregnant and lactating:
        raise click.UsageError("--pregnant and --lactating cannot both be given")
    condition = "pregnant" if pregnant else "lactating" if lactating else "none"
    result = _call(
        assess, age_months=age, sex=sex, condition=condition, foods=foods,
        supplements=supplements, goal=goal, strict=strict,
    )  # fmt: skip
    _emit(result, "json" if as_json else fmt)


def _call(func: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a pure step; bad input becomes a usage error naming the option, bad data exit 1."""
    try:
        return func(*args, **kwargs)
    except InputError as e:
        if e.param:
            raise click.BadParameter(str(e), param_hint=f"'{e.param}'") from None
        raise click.UsageError(str(e)) from None
    except DataError as e:
        raise click.ClickException(str(e)) from None


def _load(loader: Any) -> Any:
    """Call a table loader; a broken packaged table is a clear error, not a traceback."""
    try:
        return loader()
    except DataError as e:
        raise click.ClickException(str(e)) from None


def _emit(result: dict, fmt: str) -> None:
    from magcalc.render import render_table, to_json

    for w in result["warnings"]:
        click.echo(f"warning: {w}", err=True)
    if fmt == "json":
        click.echo(to_json(result))
    else:
        render_table(result, sys.stdout)


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

    rows = _load(lambda: search(query, limit))
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
        food = _load(lambda: show(food_id))
    except InputError as e:
        raise click.BadParameter(str(e), param_hint="'FOOD_ID'") from None
    _emit_rows([food], "json" if as_json else fmt, title=None, single=True)


@foods.command("top")
@click.option("--group", help="Only this USDA food group (see 'magcalc foods groups').")
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option(
    "--all", "every_food", is_flag=True, help="Rank every USDA food, not only common ones."
)
@output_options
def foods_top(group: str | None, limit: int, every_food: bool, fmt: str, as_json: bool) -> None:
    """The richest sources of magnesium per usual serving."""
    from magcalc.catalog import groups, top

    if group is not None:
        known = _load(groups)
        match = [g for g in known if g.lower() == group.strip().lower()]
        if not match:
            raise click.BadParameter(
                f"{group!r} is not a USDA food group; use one of: {', '.join(known)}",
                param_hint="'--group'",
            )
        group = match[0]
    rows = _load(lambda: top(group, limit, every_food))
    _emit_rows(rows, "json" if as_json else fmt, title="Richest sources per usual serving")


@foods.command("groups")
@output_options
def foods_groups(fmt: str, as_json: bool) -> None:
    """The USDA food groups, for --group."""
    from magcalc.catalog import groups

    rows = [{"food_group": g} for g in _load(groups)]
    _emit_rows(rows, "json" if as_json else fmt, title="USDA food groups")


@cli.command()
@click.option("--goal", type=click.Choice(GOALS), help="Order oral forms as for this goal.")
@output_options
def forms(goal: str | None, fmt: str, as_json: bool) -> None:
    """Supplement forms: magnesium by weight, route, and what the source articles say."""
    from magcalc.supplements import forms_overview
    from magcalc.tables import forms_table

    rows = _call(lambda: forms_overview(forms_table(), goal))
    fmt = "json" if as_json else fmt
    if fmt == "table":
        from magcalc.render import forms_table as show

        show(rows, sys.stdout)
    else:
        _emit_rows(rows, fmt, title=None)


def _emit_rows(rows: list[dict], fmt: str, title: str | None, single: bool = False) -> None:
    from magcalc import render

    if fmt == "table" and single:
        render.food_table(rows[0], sys.stdout)
    elif fmt == "table":
        render.rows_table(rows, sys.stdout, title=title)
    else:
        click.echo(render.rows_as(rows[0] if single and fmt == "json" else rows, fmt), nl=False)


def main() -> None:
    cli(prog_name="magcalc")
