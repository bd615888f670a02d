"""What can go wrong, and the exit status each ends with. The one place exit codes are named."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """magcalc's exit codes (the README's table)."""

    SUCCESS = 0
    ERROR = 1  # an internal error or a broken installation
    USAGE = 2  # bad usage or input: one line says what was wrong
    SHORTFALL = 3  # short of the target, only with --fail-on-shortfall
    INTERRUPTED = 130  # Ctrl-C


class MagcalcError(Exception):
    """Base of magcalc's own errors."""


class InputError(MagcalcError, ValueError):
    """Something the user gave cannot be used; the message says what, and what is accepted.

    `param` names the option at fault ("--food"), and `where` the place in a file
    ("week.txt:12"), when there is one. The API raises it as it is; the CLI turns it into a
    usage error (exit 2).
    """

    def __init__(self, message: str, param: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def about(self, param: str | None = None, where: str | None = None) -> InputError:
        """The same error, said to be about an option or a place if it names none yet."""
        return InputError(self.message, self.param or param, self.where or where)

    def instead(self, old: str, new: str) -> InputError:
        """The same error, said of option `new` where it says `old` (the diary is read as a
        foods file, but the user named it with --diary)."""
        return self.renamed({old: new})

    def renamed(self, names: dict[str, str]) -> InputError:
        """The same error, its `param` named as `names` names it (KEYWORDS, OPTIONS)."""
        if self.param not in names:
            return self
        import copy

        renamed = copy.copy(self)
        renamed.param = names[self.param]
        return renamed


class UnitUnknown(InputError):
    """An amount in a unit the food's record has no measure for: another record of the same
    name may have one."""


class NotSure(InputError):
    """A food name magcalc is not sure of: `options` are the records it may be, best first,
    as (food id, description), for a person to pick from."""

    def __init__(self, message: str, name: str, options: list[tuple[str, str]]) -> None:
        super().__init__(message)
        self.name = name
        self.options = options

    def about(self, param: str | None = None, where: str | None = None) -> InputError:
        said = NotSure(self.message, self.name, self.options)
        said.param, said.where = self.param or param, self.where or where
        return said

    def __reduce__(self) -> tuple:  # copied (renamed) and pickled whole, as any error
        return (NotSure, (self.message, self.name, self.options), self.__dict__)


# What the steps call an input (the command line's options), and the Python API's keyword
# for it: InputError.param names the keyword to a Python caller, the option on the command line.
KEYWORDS = {
    "--age": "age", "--sex": "sex", "--food": "foods", "--supplement": "supplements",
    "--foods-file": "foods_file", "--foods-format": "foods_format", "--standard": "standard",
    "--feeding": "feeding", "--goal": "goal", "--sd-within": "sd_within",
    "--medication": "medications", "--my-foods": "my_foods", "--products": "products",
    "--recipes": "recipes", "--diary": "diary", "--date": "date", "--group": "group",
    "ENTRY": "entries", "NAME": "name", "FILE": "path", "--people": "people",
    "--column": "columns", "--per": "per",
}  # fmt: skip
OPTIONS = {keyword: option for option, keyword in KEYWORDS.items()}


class InputErrors(InputError):
    """Several bad lines of one file, reported together (at most MAX_REPORTED of them)."""

    MAX_REPORTED = 20

    def __init__(self, errors: list[InputError], param: str | None = None) -> None:
        shown = [str(e) for e in errors[: self.MAX_REPORTED]]
        more = len(errors) - len(shown)
        if more:
            shown.append(f"and {more} more")
        super().__init__("\n".join(shown), param)
        self.errors = errors


class Interrupted(BaseException):
    """Ctrl-C, as the `magcalc` command raises it (magcalc.__main__): not a KeyboardInterrupt,
    which click would answer with a line of its own."""


class DataError(MagcalcError, RuntimeError):
    """A packaged table is missing or broken. The message names the file and the row."""
