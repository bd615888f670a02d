"""Exceptions the pure modules raise; the CLI turns them into click errors."""


class InputError(ValueError):
    """Something the user typed cannot be used. The message says what, and what is accepted."""


class DataError(RuntimeError):
    """A packaged table is missing or broken. The message names the file and the row."""
