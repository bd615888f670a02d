"""The terminal: its width, read cheaply (click's help and rich's tables both use it), and
text made fit to show on it (every message, table and CSV cell of magcalc goes through
`shown`)."""

from __future__ import annotations

import os


def terminal_width() -> int:
    """COLUMNS, or the terminal's width, or 80; never below 40 (COLUMNS=0 is not a width).
    Without importing shutil (and bz2, lzma, zlib) as shutil.get_terminal_size would."""
    import sys

    try:
        width = int(os.environ["COLUMNS"])
        if width > 0:
            return max(width, 40)
    except (KeyError, ValueError):
        pass
    try:
        return max(os.get_terminal_size(sys.__stdout__.fileno()).columns, 40)  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def shown(text: str) -> str:
    """Text fit for a terminal: control, format (bidi overrides, zero-width), private-use and
    unassigned characters and unpaired surrogates escaped ('\\x1b', '\\u202e'); new lines
    kept. Text from a file or an option never moves the cursor, recolours or retitles the
    terminal, or hides what follows it."""
    if text.isprintable() or text.replace("\n", "").isprintable():  # the usual case, in C
        return text
    import unicodedata

    return "".join(
        c if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn")
        else c.encode("unicode_escape", "backslashreplace").decode("ascii")
        if ord(c) < 0xD800 or ord(c) > 0xDFFF else f"\\x{ord(c) & 0xFF:02x}"
        for c in text
    )  # fmt: skip
