"""The `magcalc` command (and `python -m magcalc`)."""

from __future__ import annotations

import contextlib
import os
import signal

from magcalc.errors import ExitStatus, Interrupted


def _interrupted(_signal: int, _frame: object) -> None:
    """Ctrl-C: once is enough; the command ends with one line (magcalc.cli.run says it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Interrupted


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted)
    try:
        import gc

        gc.disable()  # nothing imported is garbage: collecting while importing only costs time
        from magcalc.cli import main as run

        gc.freeze()
        gc.enable()
        status = run()
    except (Interrupted, KeyboardInterrupt):  # during start-up, before the CLI could say it
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        with contextlib.suppress(OSError):
            os.write(2, b"Interrupted.\n")
        status = ExitStatus.INTERRUPTED
    # A short-lived process: skip the interpreter's teardown (freeing every module and
    # object), a fifth of a run. The results are flushed; nothing else is pending.
    os._exit(status)


if __name__ == "__main__":
    main()
