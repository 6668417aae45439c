"""Snippets: the window of a chunk with the most query terms, and where the terms are (pure).

The marks travel beside the plain text as (start, end) spans, never inside it: a document
whose text holds brackets (`[붙임 1]`, `[단위: 천원]`, `[bold]`) is shown as written.
"""

from __future__ import annotations

import re

Marks = list[tuple[int, int]]


def snippet(text: str, terms: list[str], width: int = 160) -> tuple[str, Marks]:
    """A window of about `width` characters around the densest run of terms, and the terms'
    spans in it."""
    flat = re.sub(r"\s+", " ", text).strip()
    terms = sorted({t for t in terms if len(t) >= 2 or t.isdigit()}, key=len, reverse=True)
    if not terms:
        return flat[:width] + ("…" if len(flat) > width else ""), []
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    spans = [m.span() for m in pattern.finditer(flat)]
    if not spans:
        return flat[:width] + ("…" if len(flat) > width else ""), []
    # Pick the start that covers the most matches within the window.
    best_start, best_count = spans[0][0], 0
    for s, _ in spans:
        count = sum(1 for a, b in spans if s <= a and b <= s + width)
        if count > best_count:
            best_start, best_count = s, count
    start = max(0, min(best_start - width // 4, len(flat) - width))
    end = min(len(flat), start + width)
    lead = "…" if start > 0 else ""
    shift = len(lead) - start
    marks = [(a + shift, b + shift) for a, b in spans if start <= a and b <= end]
    return lead + flat[start:end] + ("…" if end < len(flat) else ""), marks
