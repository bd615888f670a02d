"""The click layer: parse options, call the Python API (magcalc.api), render. Nothing else.

`main()` is the one place errors become messages and exit codes (errors.ExitStatus); the
commands only say what went wrong by raising. Heavy modules (pydantic, rich, sqlite3) are
imported inside the commands that use them, so `magcalc --help` costs little more than
importing click.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from magcalc import __version__, choices
from magcalc.errors import OPTIONS, DataError, ExitStatus, InputError, Interrupted, NotSure
from magcalc.parse import parse_age, parse_food_spec, parse_sex, parse_supplement_spec
from magcalc.screen import shown, terminal_width

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

DISCLAIMER = "Information only, not medical advice."


class _Parsed(click.ParamType):
    """A click type over one of the pure parse functions. Their InputError is said to be about
    the option, and `run` reports it as every other."""

    def __init__(self, name: str, func: Callable[[str], Any]) -> None:
        self.name = name
        self.func = func

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self.func(value)
        except InputError as e:
            raise e.about(param.opts[0] if param is not None and param.opts else None) from None


def _completer(what: str) -> Callable[[click.Context, click.Parameter, str], list]:
    """TAB completion of an option from magcalc's API (api.COMPLETABLE), with the user's own
    files as given earlier on the command line."""

    def complete(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list:
        from click.shell_completion import CompletionItem

        from magcalc import api

        files = {k: ctx.params.get(k) for k in ("my_foods", "products", "recipes")}
        return [CompletionItem(v) for v in api.complete(what, incomplete, **files)]

    return complete


def _completion_setup() -> None:
    """magcalc's own scripts and answers for bash, zsh and fish (magcalc.shells)."""
    from magcalc import shells

    shells.register()


def _path(kind: str) -> Callable[[click.Context, click.Parameter, str], list]:
    """TAB completion of a file (or a folder) by the shell itself."""

    def complete(_ctx: click.Context, _param: click.Parameter, incomplete: str) -> list:
        from click.shell_completion import CompletionItem

        return [CompletionItem(incomplete, type=kind)]

    return complete


class _Medicine(click.ParamType):
    """A medicine's name, any: those magcalc does not know are said to be unknown, not
    refused. A comma-separated list from MAGCALC_MEDICATIONS; completion of known names."""

    name = "medicine"
    envvar_list_splitter = ","

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return value.strip() if isinstance(value, str) else value

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        from click.shell_completion import CompletionItem

        from magcalc.interactions import known_names

        typed = incomplete.lower()
        return [CompletionItem(n) for n in known_names() if n.startswith(typed)]


AGE = _Parsed("age", parse_age)
SEX = _Parsed("sex", parse_sex)
FOOD = _Parsed("food", parse_food_spec)
SUPPLEMENT = _Parsed("supplement", parse_supplement_spec)


def output_options(func: Any) -> Any:
    """--format and its --json shorthand, the same on every command that prints results."""
    func = click.option("--json", "as_json", is_flag=True, help="Same as --format json.")(func)
    return click.option(
        "--format", "fmt", type=click.Choice(choices.FORMATS), default="table",
        show_default=True, envvar="MAGCALC_FORMAT", show_envvar=True,
        help="table for people; json, ndjson or csv for scripts.",
    )(func)  # fmt: skip


def _on(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def _say(text: str) -> None:
    # If stderr is gone too, the exit status must say it.
    with contextlib.suppress(OSError, ValueError):
        click.echo(shown(text), err=True)


def _usage_hint(ctx: click.Context | None) -> str:
    return f" (see '{ctx.command_path} --help')" if ctx is not None else ""


def _input_error(e: InputError) -> str:
    """How an InputError reads: 'Error: Invalid value for '--food': ...'."""
    e = e.renamed(OPTIONS)  # the API names its keyword (foods), the command line the option
    lines = str(e).splitlines()
    if e.param and len(lines) == 1:
        return f"Error: Invalid value for '{e.param}': {lines[0]}"
    if len(lines) == 1:
        return f"Error: {lines[0]}"
    where = f" in '{e.param}'" if e.param else ""
    return f"Error: {len(lines) - ('more' in lines[-1])} bad lines{where}:\n" + "\n".join(
        f"  {line}" for line in lines
    )


class _OnceEach:
    """Every magcalc command. An option that takes one value may be given once: click would
    keep the last silently (a second --foods-file would drop the first file without a word)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Parsing twice costs a millisecond: only when some option's name comes twice.
        if not ctx.resilient_parsing and _repeats(self, args):  # type: ignore[arg-type]
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))  # type: ignore[attr-defined]
            seen: set[str | None] = set()
            for p in order:
                if isinstance(p, click.Option) and not (p.multiple or p.is_flag or p.count):
                    if p.name in seen:
                        raise click.UsageError(f"{p.opts[0]} is given twice; give it once", ctx)
                    seen.add(p.name)
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        # click words its help option through gettext, which imports locale and searches
        # the disk for message catalogues on every run; magcalc speaks English only.
        import click.decorators as made

        translate = made.__dict__.get("_")
        made._ = str  # type: ignore[attr-defined]
        try:
            return super().get_help_option(ctx)  # type: ignore[misc]
        finally:
            if translate is not None:
                made._ = translate  # type: ignore[attr-defined]


def _repeats(command: click.Command, args: list[str]) -> bool:
    """Whether some option of the command may have been given twice (by any of its names)."""
    names = {o: p.name for p in command.params for o in (*p.opts, *p.secondary_opts)}
    said = [names.get(a.partition("=")[0]) for a in args if a.startswith("-")]
    said = [n for n in said if n is not None]
    return len(said) != len(set(said)) or any(
        a.startswith("-") and not a.startswith("--") and len(a) > 2 for a in args
    )  # "-qj": short options run together are left to the full parse


class MagcalcCommand(_OnceEach, click.Command):
    pass


class MagcalcGroup(_OnceEach, click.Group):
    """Every error is one line on stderr; a traceback only with --debug or MAGCALC_DEBUG=1.
    Its help lists each command's summary whole, wrapped, never cut with '...'."""

    group_class = type  # the subcommand groups (foods, log, ...) list theirs whole too

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    command_class = MagcalcCommand
    group_class = type  # subgroups are MagcalcGroups, their commands MagcalcCommands

    def main(self, args: Any = None, *rest: Any, standalone_mode: bool = True, **kw: Any) -> Any:
        if "_MAGCALC_COMPLETE" in os.environ:  # TAB completion: the shell asks, magcalc answers
            _completion_setup()
        if not standalone_mode:
            return super().main(args, *rest, standalone_mode=False, **kw)
        argv = list(args) if args is not None else sys.argv[1:]
        status = run(lambda: super(MagcalcGroup, self).main(
            argv, *rest, standalone_mode=False, **kw
        ), debug=_on(os.environ.get("MAGCALC_DEBUG")) or "--debug" in argv)  # fmt: skip
        sys.exit(status)


def run(call: Callable[[], Any], debug: bool = False) -> int:
    """Run the command; map what it raises to a message and an exit status (the one place)."""
    try:
        rv = call()
        _flush()
        return int(rv) if isinstance(rv, int) else ExitStatus.SUCCESS
    except click.exceptions.NoArgsIsHelpError as e:
        click.echo(e.ctx.get_help() if e.ctx else str(e))
        return ExitStatus.SUCCESS
    except InputError as e:  # the one place an input error becomes a message
        _say(_input_error(e))
        return ExitStatus.USAGE
    except click.ClickException as e:
        hint = _usage_hint(e.ctx) if isinstance(e, click.UsageError) else ""
        _say(f"Error: {e.format_message()}{hint}")
        return ExitStatus.USAGE if isinstance(e, click.UsageError) else ExitStatus.ERROR
    except DataError as e:
        _say(f"Error: {e}")
        return ExitStatus.ERROR
    except click.exceptions.Exit as e:
        return e.exit_code
    except (Interrupted, KeyboardInterrupt, click.Abort):
        _say("Interrupted.")
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        # `magcalc ... | head`: the reader left; say nothing more, write nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitStatus.ERROR
    except _OutputError as e:
        _say(f"Error: could not write the results: {e}")
        return ExitStatus.ERROR
    except Exception as e:
        if debug:
            raise
        _say(f"Error: internal error ({type(e).__name__}: {e}); run again with --debug for the "
             "traceback")  # fmt: skip
        return ExitStatus.ERROR


class _OutputError(Exception):
    """The results could not be written (stdout closed, disk full, ...)."""


def _stdout() -> Any:
    """The stream results go to; _OutputError when there is none."""
    out = sys.stdout
    if out is None or getattr(out, "closed", False):
        raise _OutputError("stdout is closed")
    return out


def _flush() -> None:
    try:
        if sys.stdout is not None and not sys.stdout.closed:
            sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as e:
        raise _OutputError(getattr(e, "strerror", None) or str(e)) from None


def _emit(write: Callable[[Any], None]) -> None:
    """Call a writer on stdout; a failed write is an _OutputError, not a traceback."""
    out = _stdout()
    try:
        write(out)
        out.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as e:
        raise _OutputError(getattr(e, "strerror", None) or str(e)) from None


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # click.version_option would import locale and importlib.metadata on every start.
    if value and not ctx.resilient_parsing:
        click.echo(f"magcalc, version {__version__}")
        ctx.exit()


@click.group(
    cls=MagcalcGroup,
    context_settings={"help_option_names": ["-h", "--help"], "terminal_width": terminal_width()},
)
@click.option(
    "--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
    help="Show the version and exit.",
)  # fmt: skip
@click.option(
    "--debug", is_flag=True, help="Show the traceback of an internal error (or MAGCALC_DEBUG=1)."
)
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Magnesium intake against the Dietary Reference Intakes (US, or another --standard).

    Information only, not medical advice.

    Defaults may be kept in a profile, $XDG_CONFIG_HOME/magcalc/config.toml; options and
    MAGCALC_* variables win over it.
    """
    from magcalc import config

    profile = config.load()
    if profile:  # click reads default_map after the command line and the environment
        ctx.default_map = _default_map(ctx.command, profile)


def _default_map(group: click.Group, profile: dict[str, Any]) -> dict[str, Any]:
    """The profile's values for the options each command (and subcommand) has."""
    out: dict[str, Any] = {}
    for name, command in group.commands.items():
        out[name] = {p.name: profile[p.name] for p in command.params if p.name in profile}
        if isinstance(command, click.Group):
            out[name].update(_default_map(command, profile))
    return out


def _repeated(flag: str, dest: str, kind: click.ParamType, metavar: str, text: str) -> Any:
    """A repeatable option of parsed values (--food, --supplement), completed by TAB."""
    return click.option(flag, dest, type=kind, multiple=True, metavar=metavar, help=text,
                        shell_complete=_completer(dest.rstrip("s").rpartition("_")[2]))  # fmt: skip


def _format(fmt: str, as_json: bool) -> str:
    return "json" if as_json else fmt


def _warn(warnings: list[str], fmt: str = "json", quiet: bool = False) -> None:
    """Warnings on stderr: for a table, grouped, counted and wrapped for people; for scripts
    one a line. `quiet` leaves out the notes of how foods were read."""
    if not warnings:
        return
    if fmt == "table" or quiet:
        from magcalc import terminal  # its grouping of notes; rich only to wrap them

        if fmt == "table":
            for line in terminal.warning_lines(warnings, terminal_width(), quiet):
                _say(line)
            return
        warnings = [w for w in warnings if terminal.note_kind(w) is None]
    for w in warnings:  # a script's: one a line, and nothing to import
        _say(f"warning: {w}")


def _options(*decorators: Any) -> Any:
    """Several click options as one decorator, in the order they are listed in --help."""

    def apply(func: Any) -> Any:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return apply


# Who the reference is for, and what changes the plan: the same on `intake` and `log show`.
person_options = _options(
    click.option("--age", type=AGE, required=True, envvar="MAGCALC_AGE", show_envvar=True,
                 help="Age in years (35, 2.5) or months (9m)."),
    click.option("--sex", type=SEX, required=True, envvar="MAGCALC_SEX", show_envvar=True,
                 help="f, m, female or male.", shell_complete=_completer("sex")),
    click.option("--pregnant", is_flag=True, help="Use the pregnancy reference."),
    click.option("--lactating", is_flag=True, help="Use the lactation reference."),
    click.option(
        "--standard", type=click.Choice(choices.STANDARDS), default="us", show_default=True,
        envvar="MAGCALC_STANDARD", show_envvar=True,
        help="The reference values to compare with (see 'magcalc standards').",
    ),
    click.option(
        "--units", type=click.Choice(choices.MEASURE_SYSTEMS), envvar="MAGCALC_UNITS",
        show_envvar=True,
        help="Whose everyday measures: us (a 16 fl oz pint, an 8 fl oz glass) or uk (a 568 ml "
        "pint, a 175 ml glass of wine, a 250 ml mug) [default: uk with --standard uk, else us].",
    ),
    click.option(
        "--feeding", type=click.Choice(choices.FEEDING),
        help="For an infant: breast- or formula-fed, where the standard gives each a value.",
    ),
    click.option(
        "--goal", type=click.Choice(choices.GOALS), default="general", show_default=True,
        envvar="MAGCALC_GOAL", show_envvar=True,
        help="Rank supplement forms for this, as the source articles do.",
    ),
    click.option(
        "--medication", "medications", type=_Medicine(), multiple=True, metavar="NAME",
        envvar="MAGCALC_MEDICATIONS", show_envvar=True,
        help="A medicine taken, by class, generic or brand name (ciprofloxacin, Nexium, "
        "loop-diuretic): its interaction with magnesium is shown, and its timing worked into "
        "the plan. Repeat for each.",
    ),
    click.option(
        "--kidney-disease", is_flag=True,
        help="Kidney disease: no supplement dose is suggested (magnesium only on medical "
        "advice).",
    ),
    click.option("--strict", is_flag=True,
                 help="Refuse food names that could mean two records, and a file's supplement "
                 "rows whose strength is unknown (else left out and named)."),
    click.option("--best-guess", is_flag=True,
                 help="Take the likeliest record for a food name magcalc is not sure of "
                 "(said in a warning) instead of refusing it."),
    click.option(
        "--sd-within", type=click.FloatRange(min=1, max=2000), metavar="MG",
        help="Day-to-day SD of magnesium intake from food for a diary's assessment, in place of "
        "the estimate magcalc uses for your group (none is known in lactation).",
    ),
)  # fmt: skip

# What an intake's CSV holds (intake, log show).
rows_options = _options(
    click.option(
        "--rows", type=click.Choice(choices.ROWS),
        help="The rows of a CSV, one kind a file: foods (the default: date, meal, food, record, "
        "grams, mg), days (a row a day) or summary (one row of the totals and the assessment); "
        "with ndjson, only these.",
    ),
    click.option("--bom", is_flag=True,
                 help="Start a CSV with a UTF-8 byte-order mark, for spreadsheets."),
)  # fmt: skip

quiet_option = click.option(
    "-q", "--quiet", is_flag=True,
    help="The summary alone: no foods table, plan or advice, and of the warnings only risks "
    "and what was left out (not how each food was read).",
)  # fmt: skip

fail_option = click.option(
    "--fail-on-shortfall", is_flag=True,
    help=f"Exit {ExitStatus.SHORTFALL:d} when intake is short of the target, for scripts.",
)  # fmt: skip

# The user's own files (magcalc.own); each defaults to its place in $XDG_CONFIG_HOME/magcalc.
own_options = _options(
    click.option("--my-foods", metavar="PATH", envvar="MAGCALC_MY_FOODS", show_envvar=True,
                 shell_complete=_path("file"),
                 help="Your own foods (CSV name,mg,per,portions) [default: foods.csv in "
                 "magcalc's config folder]."),
    click.option("--products", metavar="PATH", envvar="MAGCALC_PRODUCTS", show_envvar=True,
                 shell_complete=_path("file"),
                 help="Your supplement products (CSV name,form,mg,per) [default: products.csv "
                 "in magcalc's config folder]."),
    click.option("--recipes", metavar="DIR", envvar="MAGCALC_RECIPES", show_envvar=True,
                 shell_complete=_path("dir"),
                 help="Your recipes, one NAME.txt each [default: recipes/ in magcalc's config "
                 "folder]."),
)  # fmt: skip


@cli.command()
@person_options
@_repeated(
    "--food", "foods", FOOD, '"NAME:AMOUNT UNIT"',
    'A food eaten: "almonds:1 oz", "bagel:1", "1 cup oatmeal", "coke:1 can", '
    '"58106230:2 slices". Repeat for each food.',
)  # fmt: skip
@click.option(
    "--foods-file", metavar="PATH", shell_complete=_path("file"),
    help="Foods, one a line as --food takes them (# comments; '# 2026-11-20' starts a diary "
    "day, '## lunch' a meal), a CSV with a header [date,]food,amount[,unit], or a Cronometer "
    "export. '-' is stdin.",
)  # fmt: skip
@click.option(
    "--foods-format", type=click.Choice(choices.LAYOUTS), default="auto", show_default=True,
    help="The layout of --foods-file, when its header does not tell.",
)  # fmt: skip
@_repeated(
    "--supplement", "supplements", SUPPLEMENT, '"FORM:AMOUNT mg"',
    "A supplement taken every day, in elemental mg as labels state it (glycinate:200 mg, "
    "'magnesium oxide 250 mg', 'Nature Made Magnesium Oxide 250 mg:1 tablet', '2 capsules of "
    "glycinate 120 mg'); add 'salt' for the salt's weight (citrate:1000 mg salt); or a "
    "product of yours counted ('nature made oxide:2 tablets'). Repeat for each.",
)  # fmt: skip
@own_options
@quiet_option
@fail_option
@output_options
@rows_options
def intake(
    foods: tuple, foods_file: str | None, foods_format: str, supplements: tuple, quiet: bool,
    fail_on_shortfall: bool, fmt: str, as_json: bool, rows: str | None, bom: bool, **person: Any,
) -> int:  # fmt: skip
    """Compare a day's magnesium intake with the reference for your age and sex, and plan the rest.

    \b
    Example:
      magcalc intake --age 35 --sex f --food "almonds:1 oz" --food "spinach, boiled:0.5 cup"

    Information only, not medical advice.
    """
    from magcalc import api

    stdin = None
    if foods_file == "-":
        stdin = sys.stdin.buffer if sys.stdin is not None and not sys.stdin.closed else None
    result = api.intake(
        foods=foods, supplements=supplements, foods_file=foods_file, foods_format=foods_format,
        stdin=stdin, **_person(person),
    )  # fmt: skip
    return _report(result, fmt, as_json, fail_on_shortfall, quiet, rows, bom)


def _person(options: dict[str, Any]) -> dict[str, Any]:
    """The person options as the API takes them: the age in years."""
    return {**options, "age": options["age"] / 12}


def _report(
    result: Any, fmt: str, as_json: bool, fail_on_shortfall: bool = False, quiet: bool = False,
    rows: str | None = None, bom: bool = False,
) -> int:  # fmt: skip
    """An intake result shown (`intake`, `log show`), and the exit status it gives."""
    fmt = _format(fmt, as_json)
    if rows is not None and fmt not in ("csv", "ndjson"):
        raise click.UsageError("--rows is for --format csv or ndjson")
    if bom and fmt != "csv":
        raise click.UsageError("--bom is for --format csv")
    _warn(result["warnings"], fmt, quiet)
    if fmt == "table":
        from magcalc import terminal  # and rich: only for a table

        _emit(lambda out: terminal.intake(result, out, quiet))
    else:
        from magcalc import render

        _emit(lambda out: render.write_intake(result, fmt, out, rows, bom))
    if fail_on_shortfall and result["shortfall_mg"] > 0:
        return ExitStatus.SHORTFALL
    return ExitStatus.SUCCESS


def _show(result: Any, fmt: str, as_json: bool, view: str, *more: Any,
          single: bool = False) -> None:  # fmt: skip
    """A command's result: drawn for people by magcalc.terminal's `view(result, out, *more)`,
    or written for scripts, as rows (or as one object when `single`)."""
    fmt = _format(fmt, as_json)
    if fmt == "table":
        from magcalc import terminal  # and rich: only for a table

        _emit(lambda out: getattr(terminal, view)(result, out, *more))
    else:
        from magcalc import render

        rows = [result] if single else result
        _emit(lambda out: render.write_rows(rows, fmt, out, single=single))


@cli.group()
def foods() -> None:
    """Search the food tables (USDA SR28 and FNDDS), show a food's portions, list the richest."""


@foods.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 500), default=10, show_default=True)
@output_options
def foods_search(query: str, limit: int, fmt: str, as_json: bool) -> None:
    """Foods matching QUERY, best first, with magnesium per 100 g and their portions."""
    from magcalc import api

    rows = api.search_foods(query, limit)
    if not rows:
        _say(f"note: no food matches {query!r}")
    _show(rows, fmt, as_json, "search", f"Foods matching {query!r}")


@foods.command("show")
@click.argument("food_id")
@output_options
def foods_show(food_id: str, fmt: str, as_json: bool) -> None:
    """One food by its id (5 digits USDA SR28, 8 digits FNDDS): magnesium per portion."""
    from magcalc import api

    _show(api.show_food(food_id), fmt, as_json, "food", single=True)


@foods.command("top")
@click.option(
    "--group",
    help="Only this food group or category (see 'magcalc foods groups').",
    shell_complete=_completer("group"),
)
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@click.option("--all", "every_food", is_flag=True, help="Rank every food, not only common ones.")
@output_options
def foods_top(group: str | None, limit: int, every_food: bool, fmt: str, as_json: bool) -> None:
    """The richest sources of magnesium per usual serving."""
    from magcalc import api

    rows = api.top_foods(group, limit, every_food)
    _show(rows, fmt, as_json, "top", "Richest sources per usual serving")


@foods.command("groups")
@output_options
def foods_groups(fmt: str, as_json: bool) -> None:
    """The food groups (SR28) and categories (FNDDS), for --group."""
    from magcalc import api

    _show(api.food_groups(), fmt, as_json, "rows", "Food groups and categories")


@cli.command()
@click.option("--goal", type=click.Choice(choices.GOALS), help="Order oral forms for this goal.")
@output_options
def forms(goal: str | None, fmt: str, as_json: bool) -> None:
    """Supplement forms: magnesium by weight, route, and what the source articles say."""
    from magcalc import api

    _show(api.forms(goal), fmt, as_json, "forms")


@cli.group(invoke_without_command=True)
@output_options
@click.pass_context
def standards(ctx: click.Context, fmt: str, as_json: bool) -> None:
    """The reference standards: their year, source and kinds of value (--standard NAME)."""
    if ctx.invoked_subcommand is not None:
        return
    from magcalc import api

    _show(api.standards(), fmt, as_json, "standards")


@standards.command("show")
@click.argument("name", type=click.Choice(choices.STANDARDS))
@output_options
def standards_show(name: str, fmt: str, as_json: bool) -> None:
    """Every row of one standard's table."""
    from magcalc import api

    _show(api.standard_rows(name), fmt, as_json, "standard_table", name)


@cli.group()
def recipes() -> None:
    """Your recipes: NAME.txt files of foods and a 'serves: N' line, in magcalc's config folder.

    A recipe is a food: --food "green smoothie:1 serving" counts one serving.
    """


@recipes.command("list")
@own_options
@output_options
def recipes_list(my_foods: str | None, products: str | None, recipes: str | None, fmt: str,
                 as_json: bool) -> None:  # fmt: skip
    """Every recipe, with the magnesium and weight of one serving."""
    from magcalc import api

    rows = api.recipes(recipes=recipes, my_foods=my_foods)
    if not rows:
        _say("note: no recipes yet; write one as NAME.txt in the recipes folder (see README)")
    _show(rows, fmt, as_json, "recipes")


@recipes.command("show")
@click.argument("name", shell_complete=_completer("recipe"))
@own_options
@output_options
def recipes_show(name: str, my_foods: str | None, products: str | None, recipes: str | None,
                 fmt: str, as_json: bool) -> None:  # fmt: skip
    """What one serving of a recipe holds, food by food."""
    from magcalc import api

    _show(api.recipe(name, recipes=recipes, my_foods=my_foods), fmt, as_json, "recipe",
          single=True)  # fmt: skip


@cli.group()
def log() -> None:
    """Your diary, kept for you: add what you eat, see the days and the usual intake.

    A plain text file ($XDG_DATA_HOME/magcalc/diary.txt) in the foods-file diary layout:
    '# YYYY-MM-DD' starts a day; magcalc only appends to it.
    """


diary_option = click.option(
    "--diary", metavar="PATH", envvar="MAGCALC_DIARY", show_envvar=True,
    shell_complete=_path("file"),
    help="The diary file [default: diary.txt in magcalc's data folder].",
)  # fmt: skip


@log.command("add")
@click.argument("entries", nargs=-1, metavar="[ENTRY]...", shell_complete=_completer("food"))
@_repeated(
    "--supplement",
    "day_supplements",  # taken that day: not the profile's daily supplements
    click.STRING,
    '"FORM:AMOUNT mg"',
    "A supplement taken that day, as intake --supplement takes it. Repeat for each.",
)
@click.option("--date", metavar="DATE", help="The day: YYYY-MM-DD, today or yesterday "
              "[default: today].", shell_complete=_completer("date"))  # fmt: skip
@click.option("--strict", is_flag=True, help="Refuse food names that could mean two records.")
@click.option("--best-guess", is_flag=True,
              help="Take the likeliest record for a name magcalc is not sure of, without "
              "asking.")  # fmt: skip
@diary_option
@own_options
@output_options
def log_add(entries: tuple[str, ...], fmt: str, as_json: bool, **options: Any) -> None:
    """Add foods (and supplements) to the diary under today's date, or --date.

    Each ENTRY is a food as --food takes it ("almonds:1 oz"), or 'supplement: FORM:AMOUNT mg';
    '-' reads entries from stdin, one a line. Every entry is checked first: if one cannot be
    used, nothing is written.
    """
    from magcalc import api

    texts = list(entries)
    ask = "-" not in texts and _at_terminal()
    if "-" in texts:
        texts.remove("-")
        texts += _stdin_entries()
    day_supplements = options.pop("day_supplements")
    while True:
        try:
            added = api.log_add(texts, supplements=day_supplements, **options)
            break
        except InputError as e:
            unsure = _not_sure(e)
            if not ask or not unsure:
                raise
            for said in unsure:  # a person at a terminal picks, and the pick is kept
                api.remember_name(said.name, _pick(said))
    _warn(added["warnings"], _format(fmt, as_json))
    _show(added, fmt, as_json, "added", single=True)


def _at_terminal() -> bool:
    return all(s is not None and not s.closed and s.isatty() for s in (sys.stdin, sys.stderr))


def _not_sure(e: InputError) -> list[NotSure]:
    """The names an error is unsure of, when that is all it is about."""
    found = [x for x in getattr(e, "errors", [e]) if isinstance(x, NotSure)]
    return found if len(found) == len(getattr(e, "errors", [e])) else []


def _pick(said: NotSure) -> str:
    """Ask which record a name means; the id picked."""
    click.echo(f"magcalc is not sure what {said.name!r} is. Which is it?", err=True)
    for n, (food_id, description) in enumerate(said.options, 1):
        click.echo(f"  {n}) {food_id} {description}", err=True)
    n = click.prompt("Number", type=click.IntRange(1, len(said.options)), err=True)
    food_id = said.options[n - 1][0]
    click.echo(f"Kept: {said.name!r} is {food_id} from now on (in your names file).", err=True)
    return food_id


def _stdin_entries() -> list[str]:
    """Entries piped in, one a line, read by magcalc.files' rule; blank lines and lines of
    comment left out (a '#' inside an entry is refused by log add, as on the command line)."""
    from magcalc import files

    if sys.stdin is None or sys.stdin.closed:
        raise InputError("stdin is closed; pipe the entries in", "ENTRY")
    lines = files.lines(getattr(sys.stdin, "buffer", sys.stdin), "stdin", "ENTRY")
    return [t for t in (line.strip() for line in lines) if t and not t.startswith("#")]


@log.command("show")
@person_options
@click.option("--days", type=click.IntRange(1, 3660), metavar="N",
              help="Only the last N days, today included.")  # fmt: skip
@click.option("--from", "since", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Only from this day (YYYY-MM-DD).")  # fmt: skip
@click.option("--to", "until", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE",
              help="Only up to this day (YYYY-MM-DD).")  # fmt: skip
@_repeated(
    "--supplement", "supplements", SUPPLEMENT, '"FORM:AMOUNT mg"',
    "A supplement taken every day, counted on each day of the diary (as intake --supplement "
    "takes it). Repeat for each.",
)  # fmt: skip
@diary_option
@own_options
@quiet_option
@fail_option
@output_options
@rows_options
def log_show(days: int | None, since: Any, until: Any, quiet: bool, fail_on_shortfall: bool,
             fmt: str, as_json: bool, rows: str | None, bom: bool,
             **options: Any) -> int:  # fmt: skip
    """The diary's days and your usual intake, exactly as intake --foods-file DIARY gives them."""
    import datetime

    from magcalc import api

    if days is not None and (since or until):
        raise click.UsageError("give --days or --from/--to, not both")
    first = since.date().isoformat() if since else None
    last = until.date().isoformat() if until else None
    if days is not None:
        today = datetime.date.today()
        first, last = (today - datetime.timedelta(days=days - 1)).isoformat(), today.isoformat()
    result = api.log_show(since=first, until=last, **_person(options))
    return _report(result, fmt, as_json, fail_on_shortfall, quiet, rows, bom)


@log.command("edit")
@diary_option
@own_options
def log_edit(diary: str | None, **own: Any) -> None:
    """Open the diary in $VISUAL or $EDITOR, then check every line of it."""
    from magcalc import api
    from magcalc.diary import create

    where = api.diary_path(diary)
    create(where)
    click.edit(filename=where)
    _warn(api.check_diary(where, **own))
    _say(f"{where}: every line is understood")


@log.command("path")
@diary_option
def log_path(diary: str | None) -> None:
    """Print where the diary is kept."""
    from magcalc import api

    where = api.diary_path(diary)
    _emit(lambda out: out.write(where + "\n"))


@cli.command()
@click.argument("file", metavar="FILE")
@click.option(
    "--people",
    metavar="PATH",
    help="Who each person is (person, age or age_months, sex[, condition, standard, "
    "feeding]; NHANES's demographics file as it comes), for rows that do not say.",
)
@click.option(
    "--per",
    type=click.Choice(["day", "person", "both"]),
    default="day",
    show_default=True,
    help="A row per person-day, per person (usual intake over their days), or both.",
)
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=NAME",
    help="The column of a field where its name is not one magcalc knows "
    "(person=SEQN). Repeat for each.",
)
@click.option(
    "--standard",
    type=click.Choice(choices.STANDARDS),
    default="us",
    show_default=True,
    envvar="MAGCALC_STANDARD",
    show_envvar=True,
    help="The reference values for people whose rows name none.",
)
@click.option("--strict", is_flag=True, help="Refuse food names that could mean two records.")
@click.option("--best-guess", is_flag=True,
              help="Take the likeliest record for a food name magcalc is not sure of, said in "
              "the day's notes, instead of refusing the row.")  # fmt: skip
@click.option(
    "--sd-within",
    type=click.FloatRange(min=1, max=2000),
    metavar="MG",
    help="Day-to-day SD of intake from food, for groups with none known (--per person).",
)
@own_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ndjson", "csv"]),
    default="ndjson",
    show_default=True,
    help="NDJSON (nested as the JSON contract) or CSV (flat).",
)
def survey(file: str, columns: tuple[str, ...], fmt: str, **options: Any) -> None:
    """Many people at once: a survey's rows (CSV or NDJSON; '-' is stdin), each person-day as
    'intake' would give it. Rows: person, day, food (a name or a food id), amount [unit] or
    grams, age, sex; NHANES's individual foods file works as it comes.

    Read as a stream, with no limit of size: each person's rows must come together. A row
    that cannot be counted is listed with its day (refused), never stops the rest.
    """
    from magcalc import api, render

    named = {}
    for pair in columns:
        field, sep, name = pair.partition("=")
        if not sep or not field.strip() or not name.strip():
            raise InputError(f"{pair!r} is not FIELD=NAME (person=SEQN)", "--column")
        named[field.strip()] = name.strip()
    stdin = None
    if file == "-":
        stdin = sys.stdin.buffer if sys.stdin is not None and not sys.stdin.closed else None
    rows = api.score_file(file, stdin=stdin, columns=named or None, **options)
    _emit(lambda out: render.write_survey(_told(rows), fmt, options["per"], out))


def _told(rows: Any) -> Any:
    """The rows, with each note said once on stderr, and a count at the end."""
    said: set[str] = set()
    counts = {"day": 0, "person": 0, "refused": 0}
    refused = 0
    for row in rows:
        counts[row["kind"]] += 1
        refused += len(row.get("refused") or ())
        for note in row.get("notes") or ():
            if note not in said:
                said.add(note)
                _say(f"warning: {note}")
        yield row
    _say(f"note: {counts['day']:,} person-days, {counts['person']:,} people; "
         f"{refused + counts['refused']:,} rows refused")  # fmt: skip


@cli.command()
@click.argument("name", type=click.Choice(choices.SCHEMAS), default="intake")
def schema(name: str) -> None:
    """Print the JSON Schema of a command's --json output (default: intake)."""
    import json

    from magcalc.schema import json_schema

    text = json.dumps(json_schema(name), indent=2, ensure_ascii=False)
    _emit(lambda out: out.write(text + "\n"))


def main(argv: list[str] | None = None) -> int:
    """Run the `magcalc` command; the exit status. magcalc.__main__ calls this."""
    for stream in (sys.stdout, sys.stderr):  # an ASCII terminal gets escapes, not a crash
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = sys.argv[1:] if argv is None else argv
    status = run(
        lambda: cli.main(args, prog_name="magcalc", standalone_mode=False),
        debug=_on(os.environ.get("MAGCALC_DEBUG")) or "--debug" in args,
    )
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    return status
