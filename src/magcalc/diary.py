"""Step 1d: the diary magcalc keeps for the user, `$XDG_DATA_HOME/magcalc/diary.txt`.

It is a foods file in the diary layout (magcalc.foodfile): a `# YYYY-MM-DD` line starts a
day, and each line under it is a food (`almonds:1 oz`) or a supplement
(`supplement: glycinate:200 mg`), with the record it meant beside it (`# record 12061`).
magcalc only ever appends to it, under the day's heading, in one write made while holding a
lock, so two `magcalc log add` at once both land whole; a write that fails (a full disk) is
undone, leaving the diary as it was. The file is created private to the user (0600), never
rewritten by magcalc, and never opened through a symbolic link: a link could make magcalc
append to another file, or create one outside the diary's folder.
"""

from __future__ import annotations

import contextlib
import datetime
import os
from collections.abc import Iterator

from magcalc import files, xdg
from magcalc.errors import InputError
from magcalc.foodfile import DAY_RE
from magcalc.parse import iso_date

PARAM = "--diary"


def path(given: str | None) -> str:
    """The diary's path: the one given, else diary.txt in magcalc's XDG data folder."""
    if given:
        return os.path.expanduser(files.path_of(given, PARAM))
    found = xdg.data_file("diary.txt")
    if found is None:
        raise InputError("no HOME or XDG_DATA_HOME to keep a diary in; give --diary PATH", PARAM)
    return found


def day(text: str | None, today: datetime.date | None = None) -> str:
    """The day entries go under: YYYY-MM-DD, 'today' (the default) or 'yesterday'."""
    today = today or datetime.date.today()
    said = (text or "today").strip().lower()
    if said in ("today", "yesterday"):
        return (today - datetime.timedelta(days=said == "yesterday")).isoformat()
    when = iso_date(said)
    if when is None:
        raise InputError(f"{text!r} is not a date; write it as YYYY-MM-DD, today or yesterday",
                         "--date")  # fmt: skip
    if when > today.isoformat():  # ISO dates sort as the days do
        raise InputError(f"{when} is after today; a diary records what was eaten", "--date")
    return when


@contextlib.contextmanager
def _locked(fd: int) -> Iterator[None]:
    """An exclusive lock on the open diary while it is read and appended to."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; appends are still single writes
        yield
        return
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _open(where: str) -> int:
    """The diary opened for appending (created private to the user), a regular file only,
    never through a symbolic link."""
    folder = os.path.dirname(where)
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)  # no link, no FIFO wait
    try:
        if folder:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(where, flags, 0o600)
    except OSError as e:
        if os.path.islink(where):
            raise InputError(files.linked(where), PARAM) from None
        raise InputError(f"{where}: cannot be written ({e.strerror or e})", PARAM) from None
    except ValueError as e:  # a NUL in the path
        raise InputError(f"{where!r}: cannot be written ({e})", PARAM) from None
    try:
        files.regular(fd, where, PARAM)
    except BaseException:
        os.close(fd)
        raise
    return fd


def check(where: str) -> None:
    """InputError if the diary is a symbolic link: it is read as it is written, never
    through one."""
    if os.path.islink(where):
        raise InputError(files.linked(where), PARAM)


def _last_day(fd: int, size: int, where: str) -> tuple[str | None, bool]:
    """(the last day heading in the diary, whether the file ends with a new line), read by
    magcalc.files' rule."""
    os.lseek(fd, 0, os.SEEK_SET)
    last = None
    with os.fdopen(os.dup(fd), "rb") as f:
        for line in files.lines(f, where, PARAM):
            if line.startswith("#") and (m := DAY_RE.match(line)):
                last = m.group(1)
    ends_well = size == 0 or os.pread(fd, 1, size - 1) == b"\n"
    return (iso_date(last) if last else None), ends_well


def append(where: str, on: str, lines: list[str]) -> None:
    """Append lines under the day's heading (a new heading unless the diary's last day is
    this one), in one write under an exclusive lock; all or nothing: a write that fails is
    cut off again, so the diary is as it was."""
    fd = _open(where)
    try:
        with _locked(fd):
            size = os.fstat(fd).st_size
            last, ends_well = _last_day(fd, size, where)
            block = "" if ends_well else "\n"
            if last != on:
                block += ("\n" if size else "") + f"# {on}\n"
            block += "".join(f"{line}\n" for line in lines)
            _write_all(fd, block.encode("utf-8"), size, where)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes, size: int, where: str) -> None:
    """Write data at the end of the file and sync it; on any failure, cut the file back to
    `size` and say so."""
    try:
        while data:  # O_APPEND: every write lands at the end
            data = data[os.write(fd, data) :]
        os.fsync(fd)
    except OSError as e:
        why = e.strerror or str(e)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        except OSError:
            why += "; what was written could not be taken back: check its last lines"
            raise InputError(f"{where}: cannot be written ({why})", PARAM) from None
        raise InputError(f"{where}: cannot be written ({why}); nothing was added", PARAM) from None


def create(where: str) -> None:
    """The diary, created empty if it does not exist (for `log edit`)."""
    os.close(_open(where))
