"""TAB completion as each shell needs it: the scripts `_MAGCALC_COMPLETE=SHELL_source` prints,
and the answers magcalc gives them. Imported only when a shell asks.

click's own scripts lose what was typed in a real shell: bash splits words at ':' and '='
(COMP_WORDBREAKS), so `--food almonds:` reaches click as two words, and bash inserts a
completion as it is given, so a quoted one lands inside the user's own quote; fish splits an
answer at every comma ("spinach, boiled"). Here:

- bash sends the line itself (COMP_LINE, COMP_POINT); magcalc reads the shell words from it,
  the quote the last one is in, and where bash's own word begins (after the last ':' or '='
  outside quotes), and answers with the text that replaces bash's word, unquoted: the script
  asks bash to quote it as it quotes file names (`-o filenames`: a backslash, or inside the
  user's open quote, which it then closes).
- zsh and fish quote what they insert themselves; fish's answers are split at the first
  comma only.
- where answers begin in different cases ("dark chocolate", "Dark chocolate candy"), every
  shell gets them in the case that was typed, so the common part the shell inserts never
  takes back what was typed (bash left a lone quote of "dark").
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from click.shell_completion import (
    BashComplete,
    CompletionItem,
    FishComplete,
    ZshComplete,
    add_completion_class,
)

# bash's default COMP_WORDBREAKS: readline begins the word it completes after one of these.
WORDBREAKS = " \t\n\"'><=;|&(:"
_SEPARATORS = ";|&()<>"  # outside quotes these end a command or a word, as in the shell

BASH_SOURCE = r"""
%(complete_func)s() {
    local type value
    COMPREPLY=()
    while IFS=, read -r type value; do
        case $type in
            plain) COMPREPLY+=("$value") ;;
            name) compopt -o filenames; COMPREPLY+=("$value") ;;
            file) COMPREPLY=(); compopt -o default; return 0 ;;
            dir) COMPREPLY=(); compopt -o dirnames; return 0 ;;
        esac
    done < <(COMP_LINE=$COMP_LINE COMP_POINT=$COMP_POINT COMP_WORDBREAKS=$COMP_WORDBREAKS \
             %(complete_var)s=bash_complete "$1" 2>/dev/null)
    return 0
}

complete -o nosort -F %(complete_func)s %(prog_name)s
"""

ZSH_SOURCE = r"""#compdef %(prog_name)s

%(complete_func)s() {
    local -a response completions
    local type value
    (( ! $+commands[%(prog_name)s] )) && return 1
    response=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT-1)) \
              %(complete_var)s=zsh_complete %(prog_name)s 2>/dev/null)}")
    for type value in ${response}; do
        case $type in
            plain) completions+=("$value") ;;
            file) _path_files -f ;;
            dir) _path_files -/ ;;
        esac
    done
    (( ${#completions} )) && compadd -U -V unsorted -a completions
    return 0
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    %(complete_func)s "$@"
else
    compdef %(complete_func)s %(prog_name)s
fi
"""

FISH_SOURCE = r"""function %(complete_func)s
    set -l response (env %(complete_var)s=fish_complete COMP_WORDS=(commandline -cp) \
        COMP_CWORD=(commandline -t) %(prog_name)s 2>/dev/null)
    for completion in $response
        set -l item (string split -m 1 "," -- $completion)
        switch $item[1]
            case plain
                printf '%%s\n' $item[2]
            case file
                __fish_complete_path $item[2]
            case dir
                __fish_complete_directories $item[2]
        end
    end
end

complete --no-files --command %(prog_name)s --arguments "(%(complete_func)s)"
"""


class Typed(NamedTuple):
    """What was typed, as the shell reads it."""

    words: list[str]  # the words before the one being completed
    word: str  # that word, unquoted
    kept: int  # how many of its characters come before the text bash replaces
    quote: str  # the quote it is still in: ', " or none


def read_line(line: str, breaks: str = WORDBREAKS) -> Typed:
    """The shell words of a command line up to the cursor, as bash would read them (quotes and
    backslashes removed), and where readline's own word begins in the last one: after the
    opening quote it is still in, else after the last of `breaks` outside quotes."""
    words: list[str] = []
    word: list[str] = []
    started = False  # a word has begun (even an empty one: "")
    quote = ""
    kept = 0
    i = 0
    while i < len(line):
        c = line[i]
        if quote == "'":
            if c == "'":
                quote, kept = "", len(word)
            else:
                word.append(c)
        elif quote == '"':
            if c == '"':
                quote, kept = "", len(word)
            elif c == "\\" and i + 1 < len(line) and line[i + 1] in '"\\$`':
                i += 1
                word.append(line[i])
            else:
                word.append(c)
        elif c in " \t\n" or c in _SEPARATORS:
            if started:
                words.append("".join(word))
            if c in ";|&(":  # a new command begins
                words = []
            word, started, kept = [], False, 0
        elif c == "\\":
            started = True
            if i + 1 < len(line):
                i += 1
                word.append(line[i])
        elif c in "'\"":
            quote, started, kept = c, True, len(word)
        else:
            started = True
            word.append(c)
            if c in breaks:
                kept = len(word)
        i += 1
    return Typed(words, "".join(word), kept, quote)


def typed_case(values: list[str], typed: str) -> list[str]:
    """The values as offered: where they begin differently ('dark chocolate', 'Dark chocolate
    candy'), each begins with what was typed as it was typed, since a shell inserts the part
    all offers share and would otherwise take back what was typed."""
    n = len(typed)
    if len({v[:n] for v in values}) <= 1:
        return values
    low = typed.lower()
    return [typed + v[n:] if v.lower().startswith(low) else v for v in values]


def _value_part(incomplete: str) -> tuple[str, str]:
    """('--food=', 'alm') for '--food=alm', as click splits an option's value from its name."""
    if incomplete.startswith("-") and "=" in incomplete:
        name, _, value = incomplete.partition("=")
        return name + "=", value
    return "", incomplete


class _SameCase:
    """Answers that begin with what was typed, in its case, and replace the whole word: an
    option's value given as '--food=alm' is offered as '--food=almonds'."""

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        items = super().get_completions(args, incomplete)  # type: ignore[misc]
        name, value = _value_part(incomplete)
        values = typed_case([i.value for i in items], value)
        return [CompletionItem(name + v if i.type == "plain" else v, type=i.type, help=i.help)
                for i, v in zip(items, values, strict=True)]  # fmt: skip


class Bash(_SameCase, BashComplete):
    """bash, read from the line it sends: answers replace readline's word, unquoted."""

    source_template = BASH_SOURCE

    def get_completion_args(self) -> tuple[list[str], str]:
        line = os.environ.get("COMP_LINE", "")
        point = os.environ.get("COMP_POINT", "")
        if point.isdigit():  # a byte offset into the line
            raw = line.encode("utf-8", "surrogateescape")[: int(point)]
            line = raw.decode("utf-8", "surrogateescape")
        self.typed = read_line(line, os.environ.get("COMP_WORDBREAKS", WORDBREAKS))
        return self.typed.words[1:], self.typed.word

    def complete(self) -> str:
        """Lines of TYPE,TEXT: `name`s for bash to quote as it quotes file names, or, where a
        name holds a '/' (which bash's list of file names would cut at), `plain` texts quoted
        here for the quote the word is in; `file` or `dir` for the shell's own."""
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        paths = [f"{i.type},{i.value}" for i in items if i.type != "plain"]
        if paths:
            return "\n".join(paths)
        word, kept, quote = self.typed.word, self.typed.kept, self.typed.quote
        texts = [i.value[kept:] for i in items if i.value.startswith(word[:kept])]
        if any(_quoted(t, "") != t for t in texts) and not any("/" in t for t in texts):
            return "\n".join(f"name,{t}" for t in texts)
        return "\n".join(f"plain,{_quoted(t, quote)}" for t in texts)


_SPECIAL = re.compile(r"""([\s\\'"$`!&;|<>()\[\]*?{}#~])""")


def _quoted(text: str, quote: str) -> str:
    """Text as typed inside the quote it goes into: backslashes where there is none."""
    if quote == "'":
        return text.replace("'", "'\\''")
    if quote == '"':
        return re.sub(r'(["\\$`])', r"\\\1", text)
    return _SPECIAL.sub(r"\\\1", text)


class Zsh(_SameCase, ZshComplete):
    """zsh: the words it sends, as click reads them; it quotes what it inserts."""

    source_template = ZSH_SOURCE

    def format_completion(self, item: CompletionItem) -> str:
        return f"{item.type}\n{item.value}"


class Fish(_SameCase, FishComplete):
    """fish: its answers split at the first comma only."""

    source_template = FISH_SOURCE


def register() -> None:
    """Use these in place of click's own for `_MAGCALC_COMPLETE=SHELL_source|complete`."""
    for cls in (Bash, Zsh, Fish):
        add_completion_class(cls, cls.name)
