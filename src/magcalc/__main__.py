"""The `magcalc` command (and `python -m magcalc`)."""

from __future__ import annotations


def main() -> None:
    import gc
    import os

    gc.disable()  # nothing imported is garbage: collecting while importing only costs time
    from magcalc.cli import main as run

    gc.freeze()
    gc.enable()
    status = run()
    # A short-lived process: skip the interpreter's teardown (freeing every module and
    # object), a fifth of a run. The results are flushed; nothing else is pending.
    os._exit(status)


if __name__ == "__main__":
    main()
