"""Korean words for an English question: a glossary lookup, so English finds Korean passages.

The reports are Korean; a question written in English shares no word with them, and the
multilingual embedder alone ranks the right passage of the right document 24th to 58th
(issue 18). Each English word or phrase of the question that the glossary knows adds the
Korean terms it glosses (`outbound direct investment` → 해외 직접 투자), and both halves of
the search read the question with them: the word index finds the Korean terms, the
embedder sees both languages. The glossary (kb/data/glossary_en_ko.tsv) says where its
Korean words come from. Only questions written mostly in Latin letters are glossed: in a
Korean question an English word is a name or an acronym the passages print as it is.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

GLOSSARY = Path(__file__).with_name("data") / "glossary_en_ko.tsv"
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")  # a hyphen splits: data-driven → data, driven
_HANGUL = re.compile(r"[가-힣]")
_LATIN = re.compile(r"[A-Za-z]")
LONGEST = 4  # words in the longest gloss matched

# English words that carry no subject: a gloss made only of them is never matched (`to`
# would otherwise bring 내지, `by` 의하). Prepositions of comparison (over, under, above,
# below, after) are here too: the glossary's `or more`, `less than`, `at least` carry
# those meanings without matching every `over` of a question.
STOP = frozenset(
    "a an the of in on at to by for with and or from as is are was were be been this that "
    "these those it its into per than about over under above below after since what which "
    "who whom how when where why do does did has have had not no any all each some".split()
)


def stem(word: str) -> str:
    """A word's plain form for matching: lower case, no possessive or plural ending."""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and re.search(r"(?:s|x|ch|sh)es$", w):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@cache
def table(path: Path = GLOSSARY) -> dict[tuple[str, ...], tuple[str, ...]]:
    """English gloss (stemmed words) → the Korean terms it stands for."""
    out: dict[tuple[str, ...], list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        korean, english = line.split("\t")
        for phrase in english.split(","):
            key = tuple(stem(w) for w in _WORD.findall(phrase))
            if key and not all(w in STOP for w in key):
                out.setdefault(key, []).append(korean)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def mostly_latin(text: str) -> bool:
    """True when a question has more Latin letters than Hangul syllables."""
    return len(_LATIN.findall(text)) > len(_HANGUL.findall(text))


def korean_terms(text: str) -> list[str]:
    """The Korean terms the question's English words gloss, longest phrase first."""
    gloss = table()
    words = [stem(w) for w in _WORD.findall(text)]
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(LONGEST, len(words) - i), 0, -1):
            if (key := tuple(words[i : i + n])) in gloss:
                out.extend(gloss[key])
                i += n
                break
        else:
            i += 1
    return list(dict.fromkeys(out))


def bilingual(query: str) -> str:
    """The question as searched: a mostly-English one with its Korean terms after it."""
    if not mostly_latin(query):
        return query
    terms = korean_terms(query)
    return f"{query} {' '.join(terms)}" if terms else query
