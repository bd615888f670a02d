"""The one rule for every file magcalc reads: foods files and stdin, the diary, your foods,
products and recipes, the profile. The ground floor: it imports no step.

- Only a regular file (or stdin) is read: a FIFO, a device, a socket or a folder is refused.
  Files are opened with O_NONBLOCK, so a FIFO is refused at once instead of waiting forever
  for a writer; with `follow=False` (the diary, the profile) a symbolic link is refused too.
- Every file is read line by line within its Limits: so many bytes, so many lines, and
  LINE_CHARS characters a line; a line is read at most that long, so neither /dev/zero on
  stdin nor a file without a newline is ever held whole.
- It must be UTF-8 text (a BOM is allowed): a NUL byte or bytes that are not UTF-8 refuse it.
Each refusal is one InputError naming the file (and the line).
"""

import io
import os
import stat
from collections.abc import Iterator
from typing import Any, BinaryIO, NamedTuple

from magcalc.errors import InputError


class Limits(NamedTuple):
    """How much of a file is read: at most `bytes` bytes in at most `lines` lines."""

    bytes: int
    lines: int


LINE_CHARS = 10_000  # one food (or row) a line: a longer line is no line of a diary
DIARY = Limits(20 * 2**20, 500_000)  # foods files, stdin, the diary: far above a year's diary
OWN = Limits(2**20, 20_000)  # your foods, products, a recipe, the profile
MAX_FOLDER = 5_000  # files in a folder of recipes
_LINE_BYTES = 4 * LINE_CHARS + 2  # a UTF-8 character is at most 4 bytes; then CR LF

_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a directory",
}  # fmt: skip


def path_of(value: Any, param: str | None) -> str:
    """A path given as text (or os.PathLike); InputError for anything else. A number is not a
    path: open(2) would read (and close) the caller's stderr."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise InputError(f"a path must be a text, not {type(value).__name__} {value!r}", param)
    if not value.strip():
        raise InputError("the path is empty", param)
    return value


def _why(e: OSError) -> str:
    return e.strerror or str(e)


def open_file(path: str, param: str | None, *, follow: bool = True) -> BinaryIO:
    """A regular file opened for reading bytes, without blocking; InputError naming the file
    when it is missing, unreadable, not a regular file, or (unless `follow`) a link."""
    path = path_of(path, param)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", param) from None
    except OSError as e:
        if not follow and os.path.islink(path):
            raise InputError(linked(path), param) from None
        raise InputError(f"{path}: cannot be read ({_why(e)})", param) from None
    except ValueError as e:  # a NUL in the path
        raise InputError(f"{path!r}: cannot be read ({e})", param) from None
    try:
        regular(fd, path, param)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def linked(path: str) -> str:
    """Why a symbolic link is refused where magcalc writes or keeps settings."""
    try:
        target = f" (to {os.readlink(path)})"
    except OSError:
        target = ""
    return (f"{path}: is a symbolic link{target}; magcalc does not follow one for the diary "
            "or the profile: name the file itself")  # fmt: skip


def regular(fd: int, path: str, param: str | None) -> os.stat_result:
    """The open file's status; InputError unless it is a regular file."""
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        kind = _KINDS.get(stat.S_IFMT(st.st_mode), "not a regular file")
        raise InputError(f"{path}: is {kind}, not a text file", param)
    return st


def lines(
    raw: BinaryIO, name: str, param: str | None, limits: Limits | None = None
) -> Iterator[str]:
    """A stream's lines, decoded one by one as they are read (a large file is never held
    whole), without their line ends; InputError at the first that breaks a limit (DIARY's
    unless given) or is not UTF-8 text."""
    limits = limits or DIARY
    if isinstance(raw, io.TextIOBase) or not hasattr(raw, "readline"):
        raise InputError(f"{name}: give a binary stream (such as sys.stdin.buffer)", param)
    n = size = 0
    try:
        while data := raw.readline(_LINE_BYTES):
            n += 1
            size += len(data)
            if n > limits.lines:
                raise InputError(f"{name}: more than {limits.lines:,} lines; at most "
                                 f"{limits.lines:,} are read at once: split it", param)  # fmt: skip
            if size > limits.bytes:
                raise InputError(f"{name}: larger than {_size(limits.bytes)}; split it", param)
            if b"\0" in data:
                raise InputError(f"{name}: a binary file, not text", param)
            if len(data) == _LINE_BYTES and not data.endswith(b"\n"):  # cut short: too long
                raise InputError(f"{name}:{n}: more than {LINE_CHARS:,} characters on one line",
                                 param)  # fmt: skip
            try:
                line = data.decode("utf-8-sig" if n == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                raise InputError(f"{name}:{n}: not UTF-8 text; save the file as UTF-8",
                                 param) from None  # fmt: skip
            if len(line) > LINE_CHARS:
                raise InputError(f"{name}:{n}: {len(line):,} characters on one line; at most "
                                 f"{LINE_CHARS:,}", param)  # fmt: skip
            yield line
    except OSError as e:
        raise InputError(f"{name}: cannot be read ({_why(e)})", param) from None


def _size(n: int) -> str:
    return f"{n // 2**20} MB" if n >= 2**20 else f"{n // 2**10} KB"


def read_lines(
    path: str, param: str | None, limits: Limits | None = None, *, follow: bool = True
) -> list[str]:
    """A small file's lines (your foods, a recipe), read by the rule (OWN limits unless
    given)."""
    with open_file(path, param, follow=follow) as raw:
        return list(lines(raw, path, param, limits or OWN))


def read_text(
    path: str, param: str | None, limits: Limits | None = None, *, follow: bool = True
) -> str:
    """A small file's text (the profile), read by the rule, its lines joined by newlines."""
    return "\n".join(read_lines(path, param, limits, follow=follow))


def listing(folder: str, param: str | None) -> list[str]:
    """The names in a folder, sorted; InputError when it is no folder or holds too many."""
    try:
        with os.scandir(folder) as found:
            names = []
            for entry in found:
                names.append(entry.name)
                if len(names) > MAX_FOLDER:
                    raise InputError(f"{folder}: more than {MAX_FOLDER:,} files; at most "
                                     f"{MAX_FOLDER:,} are read", param)  # fmt: skip
    except NotADirectoryError:
        raise InputError(f"{folder}: not a folder of recipes", param) from None
    except FileNotFoundError:
        raise InputError(f"{folder}: no such folder", param) from None
    except OSError as e:
        raise InputError(f"{folder}: cannot be read ({_why(e)})", param) from None
    return sorted(names)
