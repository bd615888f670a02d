"""The records a phrase may mean, each with its features, and their order by the weights."""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import pairwise

from magcalc import store
from magcalc.names import stem
from magcalc.resolver import candidates, lexicon
from magcalc.resolver.features import Query, Record, features, record
from magcalc.resolver.reading import Phrase
from magcalc.store import Indexed

Pool = list[tuple[dict[str, float], Indexed]]


RARE = 3  # a known word held by this few foods may be a variant spelling of a common one


def readings(p: Phrase) -> list[tuple[tuple[str, ...], int, tuple[tuple[str, str], ...]]]:
    """The phrase's words as typed, with each unknown word read as the known word it most
    likely is (a close spelling, or two known words run together: "cheesesteak"), and each
    rare word also as a much commoner spelling of it ("lasagne": lasagna); each with the
    letters changed and the words so read."""
    ws = p.words
    runs = [stem(a + b) for a, b in pairwise(ws)]
    counts = store.word_foods([*ws, *runs])
    base: list[str] = []
    changes = 0
    respelled: list[tuple[str, str]] = []
    others: list[tuple[int, str, int]] = []  # (position, other reading, letters changed)
    skip = False
    for i, w in enumerate(ws):
        if skip:
            skip = False
            continue
        # Two words of which one is unknown may be one word of USDA's: "black eyed" peas are
        # "blackeyed", "mange tout" is "mangetout".
        if i < len(runs) and runs[i] in counts and (w not in counts or ws[i + 1] not in counts):
            base.append(runs[i])
            respelled.append((f"{w} {ws[i + 1]}", runs[i]))
            skip = True
            continue
        if w not in counts:
            near = lexicon.respell(w)
            if near is not None:
                base.append(near[0])
                respelled.append((w, near[0]))
                changes += near[1]
                continue
            split = lexicon.split(w)
            if split is not None:
                base.append(split)
                respelled.append((w, split))
                continue
        elif counts[w] <= RARE and (near := lexicon.respell(w, commoner=4 * counts[w] + 2)):
            others.append((i, near[0], near[1]))
        base.append(w)
    out = [(_words(base), changes, tuple(respelled))]
    for i, other, d in others[:2]:
        read = list(base)
        read[i] = other
        out.append((_words(read), changes + d, (*respelled, (p.words[i], other))))
    return out


def _words(read: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for r in read for x in r.split()))


def queries(p: Phrase, hand: bool) -> tuple[list[Query], tuple[tuple[str, str], ...]]:
    """The ways to search a phrase: its readings (misspellings read as known words), and with
    the hand-made tables everyday names read as USDA's; and the words respelled in the
    first reading."""
    out = []
    first = ()
    for typed, changes, respelled in readings(p):
        first = first or respelled
        swapped = dict(respelled)
        head = swapped.get(p.head, p.head) if p.head else None
        for ws, synonyms in lexicon.variants(typed, hand):
            counts = store.word_counts(list(ws))
            h = head if head in ws else (ws[-1] if ws and head is not None else None)
            optional = frozenset(w for w in ws if w in p.optional)
            required = tuple(w for w in ws if w not in optional) or ws
            weight = {w: lexicon.idf(counts, w) for w in ws}
            if any(w in counts for w in required):
                later = frozenset(swapped.get(w, w) for w in p.qualifiers)
                out.append(Query(ws, required, optional, h, weight, changes, synonyms, later))
    return out, first


@lru_cache(maxsize=1024)  # a diary repeats its names, and a dish is weighed once per option
def pool(p: Phrase, hand: bool) -> tuple[Pool, tuple[tuple[str, str], ...], Phrase]:
    """Every record found for the phrase, with its features under the reading that fits it
    best (fewest words missing, then fewest read otherwise); the words respelled; and the
    phrase as first read (its misspellings read as known words). Not to be changed: the
    result is shared."""
    qs, respelled = queries(p, hand)
    best: dict[str, tuple[tuple, dict[str, float], Indexed]] = {}
    for q in qs:
        counts = set(w for w in q.required if q.weight[w] < lexicon.idf({}, ""))
        groups = [(w,) for w in q.required if w in counts]
        for entry in _likeliest(q, candidates.find(groups)):
            f = features(q, entry, hand)
            rank_key = (f["miss_frac"], f["respell"], f["synonym"])
            fid = entry.food.food_id
            if fid not in best or rank_key < best[fid][0]:
                best[fid] = (rank_key, f, entry)
    read = p._replace(words=qs[0].words) if qs else p
    return [(f, e) for _, f, e in best.values()], respelled, read


KEEP = 80  # the records weighed in full for one reading: those holding most of its words


def _likeliest(q: Query, found: list[Indexed]) -> list[Indexed]:
    """The records holding most of the query's words (weighted by what each says), the
    plainest first: a common word finds hundreds, of which only these can win."""
    if len(found) <= KEEP:
        return found

    def held(e: Indexed) -> float:
        have = e.words | _alt_words(e.alts)
        return sum(q.weight[w] for w in q.required if w in have)

    return sorted(found, key=lambda e: (-held(e), e.base))[:KEEP]


@cache
def _alt_words(alts: str) -> frozenset[str]:
    return frozenset(w for item in alts.split("|") for w in item.partition(":")[2].split())


def query_words(p: Phrase, hand: bool) -> tuple[str, ...]:
    """Every word the phrase may be read as (its spellings and everyday names read)."""
    qs, _ = queries(p, hand)
    return tuple(dict.fromkeys(w for q in qs for w in q.words))


def ordered(found: Pool, w: dict[str, float]) -> list[tuple[float, dict[str, float], Indexed]]:
    """The records best first by their weighted features (ties: the lower id)."""
    from magcalc.resolver.score import score

    scored = [(score(f, w), f, e) for f, e in found]
    return sorted(scored, key=lambda t: (-t[0], t[2].food.food_id))


def lacking(p: Phrase, entry: Indexed) -> tuple[str, ...]:
    """The typed words a record holds nowhere (nor in its other names)."""
    r = record(entry)
    have = r.main | r.alt | r.qualifiers
    return tuple(w for w in p.words if w not in have and w not in p.optional
                 and w not in p.qualifiers)  # fmt: skip


def record_words(food_id: str) -> frozenset[str]:
    """The words of a record's description."""
    entry = store.indexed(food_id)
    return record(entry).main if entry is not None else frozenset()


def names_dish(food_id: str, words: tuple[str, ...], head: str | None,
               heads: list[str]) -> bool:  # fmt: skip
    """Whether a record is the dish a joined name says: its own name holds the dish's head
    and no other food's word ("Tea, hot, with milk", "Ham sandwich on white, with cheese";
    not "French toast with butter" for toast with butter, nor "Peanut Butter Toast Crunch"),
    and its description holds every part's head."""
    entry = store.indexed(food_id)
    if entry is None:
        return False
    r = record(entry)
    others = {w for w in r.name_words - set(words) if lexicon.word_class(w) == "kind"}
    return (
        (head is None or head in r.name_words)
        and not others
        and all(h in r.main and not _said_otherwise(r, h, words) for h in heads)
    )


def _said_otherwise(r: Record, head: str, words: tuple[str, ...]) -> bool:
    """Whether the record names a part with words not typed, in the comma segment after its
    name that holds it: "Coffee, Cappuccino, with non-dairy milk" is no coffee with milk."""
    segments = {t.segment for t in r.toks
                if head in t.parts and t.segment != r.name_seg and not t.in_parens}  # fmt: skip
    said = set(words)
    return any(
        lexicon.word_class(w) not in ("plain", "generic")
        for t in r.toks if t.segment in segments and not t.in_parens and not t.negated
        for w in t.parts - said
    )  # fmt: skip
