"""Step 1d: the diary magcalc keeps for the user, `$XDG_DATA_HOME/magcalc/diary.txt`.

It is a foods file in the diary layout (magcalc.foodfile): a `# YYYY-MM-DD` line starts a
day, and each line under it is a food (`almonds:1 oz`) or a supplement
(`supplement: glycinate:200 mg`). magcalc only ever appends to it, under the day's heading,
in one write made while holding a lock, so two `magcalc log add` at once both land whole.
The file is created private to the user (0600) and never rewritten by magcalc.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import stat
from collections.abc import Iterator

from magcalc import xdg
from magcalc.errors import InputError
from magcalc.foodfile import DAY_RE
from magcalc.parse import iso_date

PARAM = "--diary"


def path(given: str | None) -> str:
    """The diary's path: the one given, else diary.txt in magcalc's XDG data folder."""
    if given:
        return os.path.expanduser(given)
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
    """The diary opened for appending (created private to the user), a regular file only."""
    folder = os.path.dirname(where)
    try:
        if folder:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        fd = os.open(where, os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0),
                     0o600)  # fmt: skip
    except OSError as e:
        raise InputError(f"{where}: cannot be written ({e.strerror or e})", PARAM) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(f"{where}: not a regular file", PARAM)
    return fd


def _last_day(fd: int) -> tuple[str | None, bool]:
    """(the last day heading in the diary, whether the file ends with a new line)."""
    os.lseek(fd, 0, os.SEEK_SET)
    with os.fdopen(os.dup(fd), "rb") as f:
        last = None
        tail = b""
        for raw in f:
            tail = raw
            if raw.startswith(b"#") and (m := DAY_RE.match(raw.decode("utf-8", "replace"))):
                last = m.group(1)
    return (iso_date(last) if last else None), not tail or tail.endswith(b"\n")


def append(where: str, on: str, lines: list[str]) -> None:
    """Append lines under the day's heading (a new heading unless the diary's last day is
    this one), in one write under an exclusive lock."""
    fd = _open(where)
    try:
        with _locked(fd):
            last, ends_well = _last_day(fd)
            size = os.fstat(fd).st_size
            block = "" if ends_well else "\n"
            if last != on:
                block += ("\n" if size else "") + f"# {on}\n"
            block += "".join(f"{line}\n" for line in lines)
            data = block.encode("utf-8")
            while data:  # O_APPEND: every write lands at the end
                data = data[os.write(fd, data) :]
            os.fsync(fd)
    except OSError as e:
        raise InputError(f"{where}: cannot be written ({e.strerror or e})", PARAM) from None
    finally:
        os.close(fd)


def create(where: str) -> None:
    """The diary, created empty if it does not exist (for `log edit`)."""
    os.close(_open(where))
