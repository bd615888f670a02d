"""Exceptions the pure modules raise; the CLI turns them into click errors."""

from __future__ import annotations


class InputError(ValueError):
    """Something the user typed cannot be used. The message says what, and what is accepted.

    `param` names the option at fault ("--food"), when there is one.
    """

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


class DataError(RuntimeError):
    """A packaged table is missing or broken. The message names the file and the row."""
