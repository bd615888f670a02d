"""TAB completion in real shells, as a person uses them: bash, zsh and fish are started in a
pseudo-terminal (tmux) with the completion set up as the README says, the test types a
command line, presses TAB, and reads what the line became (a key bound in the shell writes
its line to a file). One session per shell, every case typed into it in turn.

A shell that is not installed is skipped, with the reason; CI installs them (.ci/run) and
sets MAGCALC_SHELL_TESTS=required, which makes a missing shell a failure instead.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from magcalc.shells import read_line

REQUIRED = os.environ.get("MAGCALC_SHELL_TESTS") == "required"
BIN = os.path.dirname(sys.executable)  # magcalc is installed beside the interpreter
# The catalogue is built once into the cache; the shells use the same one.
CACHE = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
END = "\x1e"  # ends each line the shell writes

RC = {
    "bash": """
PS1='$ '
bind -x '"\\C-t": printf "%s\\x1e\\n" "$READLINE_LINE" >> "$OUT"'
eval "$(_MAGCALC_COMPLETE=bash_source magcalc)"
""",
    "zsh": """
PS1='$ '
bindkey -e
autoload -Uz compinit && compinit -u -d "$ZDOTDIR/.zcompdump"
eval "$(_MAGCALC_COMPLETE=zsh_source magcalc)"
dump() { print -rn -- "$BUFFER"$'\\x1e\\n' >> "$OUT" }
zle -N dump
bindkey '^T' dump
""",
    "fish": """
function fish_prompt; echo '$ '; end
set -g fish_autosuggestion_enabled 0  # else each key typed runs the completion
bind \\ct 'printf "%s\\x1e\\n" (commandline) >> $OUT'
""",
}
INPUTRC = "set bell-style none\nset completion-query-items 10000\nset page-completions off\n"


class Terminal:
    """One shell in a tmux pane of its own server."""

    def __init__(self, shell: str, home: Path) -> None:
        self.out = home / "lines"
        self.socket = str(home / "tmux.sock")
        self.seen = 0
        config = home / "config"
        (config / "magcalc" / "recipes").mkdir(parents=True)
        _own_files(config / "magcalc")
        env = {
            "PATH": f"{BIN}{os.pathsep}/usr/local/bin:/usr/bin:/bin", "HOME": str(home),
            "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color",
            "XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": CACHE, "OUT": str(self.out), "INPUTRC": str(home / "inputrc"),
            "ZDOTDIR": str(home),
        }  # fmt: skip
        (home / "inputrc").write_text(INPUTRC)
        rc = RC[shell] + 'printf "ready\\x1e\\n" >> "$OUT"\n'
        if shell == "bash":
            (home / "bashrc").write_text(rc)
            command = f"bash --noprofile --rcfile {shlex.quote(str(home / 'bashrc'))} -i"
        elif shell == "zsh":
            (home / ".zshrc").write_text(rc)
            command = "zsh -i"
        else:  # as the README says: the script in fish's completions folder
            (config / "fish" / "completions").mkdir(parents=True)
            (config / "fish" / "config.fish").write_text(rc.replace('"$OUT"', "$OUT"))
            script = subprocess.run(["magcalc"], env={**env, "_MAGCALC_COMPLETE": "fish_source"},
                                    capture_output=True, text=True, check=True).stdout  # fmt: skip
            (config / "fish" / "completions" / "magcalc.fish").write_text(script)
            command = "fish -i"
        self.env = env
        self._tmux("-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "50", command)
        assert self._next() == "ready"

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-S", self.socket, *args], env=self.env,
                              capture_output=True, text=True, check=True)  # fmt: skip
        return done.stdout

    def _next(self) -> str:
        """The next line the shell writes."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.out.exists():
                lines = self.out.read_text(encoding="utf-8").split(END + "\n")
                if len(lines) > self.seen + 1:
                    self.seen += 1
                    return lines[self.seen - 1]
            time.sleep(0.01)
        raise AssertionError("the shell wrote nothing; its screen:\n" + self.screen())

    def tab(self, typed: str, tabs: int = 1) -> str:
        """Type a line, press TAB, and read what the line became; then clear it."""
        self._tmux("send-keys", "-l", "--", typed)
        self._tmux("send-keys", *["Tab"] * tabs, "C-t")
        line = self._next()
        self._tmux("send-keys", "C-u")
        return line

    def listing(self, typed: str, tabs: int) -> str:
        """The screen after TAB lists what may follow, on a cleared screen."""
        self._tmux("send-keys", "C-l")
        self._tmux("send-keys", "-l", "--", typed)
        self._tmux("send-keys", *["Tab"] * tabs, "C-t")
        self._next()
        screen = self.screen()
        self._tmux("send-keys", "Escape", "C-u")
        return screen

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], env=self.env,
                       capture_output=True, check=False)  # fmt: skip


def _own_files(folder: Path) -> None:
    (folder / "recipes" / "green smoothie.txt").write_text("serves: 2\nalmonds:1 oz\n")
    (folder / "foods.csv").write_text(
        "name,mg,per,portions\nBrand X bar,40,1 bar=35 g,\nCrème fraîche bar,20,1 bar=30 g,\n",
        encoding="utf-8",
    )
    (folder / "products.csv").write_text("name,form,mg,per\nNature Made oxide,oxide,250,1 tablet\n")


@pytest.fixture(scope="module", params=["bash", "zsh", "fish"])
def terminal(request, tmp_path_factory):
    shell = request.param
    missing = [p for p in (shell, "tmux") if shutil.which(p) is None]
    if not missing and shutil.which("magcalc", path=BIN) is None:
        missing.append(f"magcalc in {BIN}")
    if missing:
        why = f"{' and '.join(missing)} not installed"
        if REQUIRED:
            pytest.fail(f"{why}, and MAGCALC_SHELL_TESTS=required")
        pytest.skip(why)
    from magcalc import store

    store.catalogue()  # built into the cache the shells' magcalc opens, if it is not there
    home = tmp_path_factory.mktemp(shell)
    term = Terminal(shell, home)
    term.home = home
    yield term
    term.close()


# What was typed, and what the line must become after TAB: written by hand, as a person
# reads them. The line is compared as typed; `WORDS` cases compare the shell words instead
# (bash writes "cup\\,\\ ", zsh and fish "cup,\\ ": the same words).
CASES = [
    ("magcalc intake --food dark", "magcalc intake --food dark\\ chocolate"),
    ("magcalc intake --food almonds:", "magcalc intake --food almonds:1"),
    ('magcalc intake --food "almonds:', 'magcalc intake --food "almonds:1'),
    ('magcalc intake --food "almonds:1 oz (',
     'magcalc intake --food "almonds:1 oz (23 whole kernels)" '),
    ("magcalc intake --food=alm", "magcalc intake --food=almond"),
    ('magcalc intake --food "Brand X bar:1 b', 'magcalc intake --food "Brand X bar:1 bar" '),
    ('magcalc intake --food "Crème fr', 'magcalc intake --food "Crème fraîche bar" '),
    ("magcalc intake --sex fe", "magcalc intake --sex female "),
    ("magcalc intake --foods-fo", "magcalc intake --foods-format "),
    ("magcalc intake --standard ef", "magcalc intake --standard efsa "),
    ("magcalc intake --medication nex", "magcalc intake --medication nexium "),
    ("magcalc intake --supplement gly", "magcalc intake --supplement glycinate "),
    ("magcalc intake --supplement Nature\\ Made\\ oxide:2",
     "magcalc intake --supplement Nature\\ Made\\ oxide:2\\ tablets "),
    ("magcalc recipes show gr", "magcalc recipes show green\\ smoothie "),
    ("magcalc log add alm", "magcalc log add almond"),
    ("magcalc sta", "magcalc standards "),
]  # fmt: skip
WORDS = [
    ("magcalc intake --food almonds:1\\ c", ["magcalc", "intake", "--food", "almonds:1 cup, "]),
    ("magcalc intake --food spinach\\ b", ["magcalc", "intake", "--food", "spinach boiled"]),
]


def test_tab_completes_the_line_as_typed(terminal):
    got = {typed: terminal.tab(typed) for typed, _ in CASES}
    assert got == dict(CASES)
    words = {typed: shlex.split(terminal.tab(typed)) for typed, _ in WORDS}
    assert words == dict(WORDS)
    week = terminal.home / "week.txt"
    week.write_text("almonds:1 oz\n")
    typed = f"magcalc intake --foods-file {terminal.home}/we"
    assert terminal.tab(typed) == f"magcalc intake --foods-file {week} "


def test_a_list_of_offers_reads_as_names(terminal, request):
    shell = request.node.callspec.params["terminal"]
    screen = terminal.listing('magcalc intake --food "almonds:1', 2 if shell == "bash" else 1)
    assert "1 cup, whole" in screen and "1 oz (23 whole kernels)" in screen, screen
    assert "1\\ cup" not in screen and "'" not in screen.replace("$ ", ""), screen


@pytest.mark.parametrize(
    ("line", "words", "word", "kept", "quote"),
    [
        ("magcalc intake --food dark", ["magcalc", "intake", "--food"], "dark", 0, ""),
        ("magcalc intake --food almonds:", ["magcalc", "intake", "--food"], "almonds:", 8, ""),
        ('magcalc intake --food "almonds:1 c', ["magcalc", "intake", "--food"], "almonds:1 c",
         0, '"'),
        ('magcalc intake --food almonds:"1 c', ["magcalc", "intake", "--food"], "almonds:1 c",
         8, '"'),
        ("magcalc intake --food dark\\ cho", ["magcalc", "intake", "--food"], "dark cho", 0, ""),
        ("magcalc intake --food 'it'\\''s", ["magcalc", "intake", "--food"], "it's", 3, "'"),
        ("magcalc intake --food=alm", ["magcalc", "intake"], "--food=alm", 7, ""),
        ("echo a; magcalc intake ", ["magcalc", "intake"], "", 0, ""),
        ("magcalc intake --food a:1 --food ", ["magcalc", "intake", "--food", "a:1", "--food"],
         "", 0, ""),
    ],
)  # fmt: skip
def test_the_line_is_read_as_bash_reads_it(line, words, word, kept, quote):
    assert tuple(read_line(line)) == (words, word, kept, quote)
