"""Korean-aware tokens for FTS5: Kiwi morphemes (content words), loaded once, thread-safe."""

from __future__ import annotations

import threading
from typing import Any

# Content-bearing tags: nouns, numerals, foreign words, hanja, roots, verb/adjective stems.
_KEEP = ("NNG", "NNP", "NNB", "NR", "NP", "SL", "SN", "SH", "XR", "VV", "VA", "XSN", "MAG")

_lock = threading.RLock()
_kiwi: Any = None


def kiwi() -> Any:
    """The shared Kiwi analyser (typo and multi-word dictionaries off: 2× faster to load)."""
    global _kiwi
    if _kiwi is None:
        with _lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi  # heavy (~0.15 s to import, more to load)

                _kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
    return _kiwi


def morphemes(text: str) -> list[tuple[str, str, int, int]]:
    """(form, tag, start, length) of the content morphemes of text."""
    out = []
    with _lock:
        tokens = kiwi().tokenize(text)
    for tok in tokens:
        if tok.tag.split("-")[0] in _KEEP:
            out.append((tok.form.lower(), tok.tag, tok.start, tok.len))
    return out


def tokens(text: str) -> list[str]:
    """Lower-cased content morphemes of text, in order."""
    return [form for form, _tag, _s, _l in morphemes(text)]


def tokens_batch(texts: list[str]) -> list[list[str]]:
    """tokens() for many texts at once (Kiwi's batch API is faster)."""
    out: list[list[str]] = []
    with _lock:
        results = kiwi().tokenize(texts)
    for toks in results:
        out.append([t.form.lower() for t in toks if t.tag.split("-")[0] in _KEEP])
    return out
