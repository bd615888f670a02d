"""Food names as comparable words, and what each word of a USDA description costs a match.

One rule for both ends of a search: the catalogue build (magcalc.build) indexes USDA
descriptions with it, and the matcher (magcalc.match) reads queries with it. Pure functions
and constants; no data is loaded here.
"""

import re
from functools import cache
from typing import NamedTuple

STOPWORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "s"})
_IRREGULAR = {"leaves": "leaf", "loaves": "loaf", "halves": "half", "knives": "knife",
              "potatoes": "potato", "tomatoes": "tomato", "mangoes": "mango"}  # fmt: skip


def singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def stem(word: str) -> str:
    """A light stem so 'toast' finds 'toasted' and 'slices' finds 'sliced'."""
    word = singular(word)
    if len(word) > 5 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 6 and word.endswith("ing"):
        return word[:-3]
    return word


_WORD_RE = re.compile(r"[a-z0-9]+")


_JOINED = re.compile(r"(?<=[a-z])&(?=[a-z])")  # "M&M's", "PB&J": one word


def words(text: str) -> list[str]:
    """Lower-case stemmed words without stop words: 'Nuts, almonds' -> ['nut', 'almond']."""
    t = _JOINED.sub("", text.lower().replace("'", "").replace("\u2019", "").replace("%", " "))
    return [stem(w) for w in _WORD_RE.findall(t) if w not in STOPWORDS]


def key(text: str) -> str:
    """The form names are looked up by (aliases, synonyms): words in order, joined by spaces."""
    return " ".join(words(text))


def _set(text: str) -> frozenset[str]:
    """A set of stemmed words from plain lower-case words (no regex: this runs at import)."""
    return frozenset(stem(w) for w in text.split())


# Words that say "the ordinary version": cheap when the query leaves them out.
PLAIN = _set(
    "raw plain without regular all commercial commercially variety varieties type unprepared "
    "mature drained prepared fresh whole unenriched enriched fluid added salt unsalted "
    "unsweetened ns nfs solids cooked boiled seeds kernels smooth style original unfortified "
    "meat only dry heat with vitamin milkfat fortified skin flesh ripe year round average "
    "no fat as to form made from home recipe eaten not based style type"
)
# FNDDS's words for "not further specified": the generic record of a plain name.
GENERIC = _set("nfs ns")
# Query words that state a default ("plain", "cooked"): a record may lack them, at a cost.
OPTIONAL = _set("plain regular raw fresh original whole unsweetened unsalted cooked prepared")
# Words that make another product of a food ("Oil, almond", "Chickpea flour"): costly.
FORM = _set(
    "oil flour juice powder paste butter sauce chips bread crackers cookies leaves peel sprouted "
    "dehydrated vinegar candies topping strudel croissants rolls noodles cake pie muffins soup "
    "drink flavored bar dressing relish mix dip spread substitute babyfood formula"
)
# A first segment made of these is a USDA category ("Nuts, almonds"): the food's own name is
# then the second segment.
CATEGORY = _set(
    "nuts seeds fish beans cereals spices beverages alcoholic mollusks crustaceans game cheese "
    "snacks candies cookies crackers soup sauce coffee tea beef pork chicken turkey lamb veal "
    "ready eat"
)
# Records of a food not as it is eaten: mixes, powders, concentrates, dry beans.
NOT_AS_EATEN = _set("powder mix dehydrated unprepared concentrate granules crude reconstituted")
UNCOOKED = _set("raw dry uncooked unprepared")
# Words that ask for a demoted kind of record ("baby food", "restaurant"): no demotion then.
DEMOTED_WORDS = {"babyfood": 6.0, "infant": 6.0, "formula": 4.0, "toddler": 4.0, "baby": 6.0}
NOT_BRANDS = frozenset({"USDA", "NLEA", "DHA", "ARA", "RTE", "RTF", "NFS", "UHT", "II", "III",
                        "NS", "BBQ", "WIC", "PB", "TV", "NFS)"})  # fmt: skip
# Read when the catalogue is built, not on a run: compiled by `re` when first used.
_BRAND_RE = r"\b[A-Z][A-Z'&!.-]{2,}\b"


def brand_words(description: str) -> frozenset[str]:
    """Words of brand names: SR28 writes them in capitals ("KELLOGG'S")."""
    caps = set(re.findall(_BRAND_RE, description)) - NOT_BRANDS
    return frozenset(words(" ".join(caps)))


class Token(NamedTuple):
    """One word of a description as written ('long-grain'), and the words it is made of."""

    parts: frozenset[str]
    in_parens: bool  # in parentheses, or said after "without": cheap when not asked for
    segment: int  # which comma segment: 0 is the food's own name
    negated: bool = False  # after "without", "no", "not": not a word of what the food is


# A word as written, hyphens kept ("long-grain"); compiled by `re` when first used.
_TOKEN_RE = r"[a-z0-9]+(?:-[a-z0-9]+)*"


NEGATIONS = frozenset({"without", "no", "not"})


def tokens(description: str) -> tuple[Token, ...]:
    """The description's words with where they stand; a word after "without", "no" or "not"
    counts as said in parentheses: "grilled without sauce" is the plain record, not a sauced
    one."""
    out = []
    depth = segment = 0
    negated = -1  # the segment a "without" was seen in
    text = _JOINED.sub("", description.lower().replace("'", "").replace("%", " "))
    for piece in re.split(r"([(),;])", text):
        if piece in ("(", ")"):
            depth = max(0, depth + (1 if piece == "(" else -1))
            continue
        if piece in (",", ";"):
            segment += depth == 0
            continue
        for raw in re.findall(_TOKEN_RE, piece):
            parts = frozenset(stem(p) for p in raw.split("-") if p not in STOPWORDS)
            if parts:
                out.append(Token(parts, depth > 0 or negated == segment, segment,
                                 negated == segment))  # fmt: skip
            if raw in NEGATIONS:
                negated = segment
    return tuple(out)


def encode_tokens(toks: tuple[Token, ...]) -> str:
    """Tokens as one compact string for the catalogue: 'long+grain@1 rice@0 usda^@2'."""
    return " ".join(
        "+".join(sorted(t.parts)) + ("!" if t.negated else "^" if t.in_parens else "")
        + f"@{t.segment}" for t in toks
    )  # fmt: skip


def decode_tokens(text: str) -> tuple[Token, ...]:
    out = []
    for item in text.split():
        body, _, segment = item.rpartition("@")
        negated = body.endswith("!")
        paren = negated or body.endswith("^")
        out.append(Token(frozenset(body.rstrip("^!").split("+")), paren, int(segment), negated))
    return tuple(out)


def word_cost(word: str, category: bool, segment: int) -> float:
    """What a description word costs when the query did not ask for it."""
    if word in FORM:
        # "Oil, almond" is oil; "Sardine, canned in oil" is still sardine.
        return 2.0 if segment < 2 else 1.0
    if word in PLAIN or len(word) == 1:
        return 0.15
    if word.isdigit():
        return 0.3
    if category and segment == 0:
        return 0.3
    if word == "dried":
        return 0.5
    return 1.0


def token_cost(token: Token, category: bool, matched: frozenset[str] | set[str]) -> float:
    unasked = token.parts - matched
    if not unasked:
        return 0.0
    if token.in_parens:
        return 0.1
    cost = max(word_cost(w, category, token.segment) for w in unasked)
    # A word in the food's own name makes another food ("Burrito bowl" is not a burrito);
    # a qualifier after a comma only a kind of it.
    own = 1 if category else 0
    return cost * 1.5 if cost == 1.0 and token.segment == own else cost


def is_category(first_segment: str) -> bool:
    first = _set(first_segment.lower())
    return bool(first) and first <= CATEGORY


def medicine_key(name: str) -> str:
    """A medicine's name as looked up: lower case, hyphens as spaces, plural classes singular."""
    words = name.lower().replace("-", " ").split()
    return " ".join([*words[:-1], singular(words[-1])] if words else [])


def supplement_key(name: str) -> str:
    """A supplement's or product's name as looked up: lower-case words without "magnesium",
    which every label repeats: 'Nature Made Magnesium Oxide' -> 'nature made oxide'."""
    found = re.findall(_TOKEN_RE, name.lower().replace("\u2019", "'").replace("'", ""))
    return " ".join(w for w in found if w not in ("magnesium", "mag"))
