"""The width of the terminal, read cheaply: click's help and rich's tables both use it."""

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
