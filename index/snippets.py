"""Snippets: the window of a chunk with the most query terms, terms marked (pure)."""

from __future__ import annotations

import re

MARK_OPEN, MARK_CLOSE = "[", "]"


def snippet(text: str, terms: list[str], width: int = 160) -> str:
    """A window of about `width` characters around the densest run of terms, terms marked."""
    flat = re.sub(r"\s+", " ", text).strip()
    terms = sorted({t for t in terms if len(t) >= 2 or t.isdigit()}, key=len, reverse=True)
    if not terms:
        return flat[:width] + ("…" if len(flat) > width else "")
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    spans = [m.span() for m in pattern.finditer(flat)]
    if not spans:
        return flat[:width] + ("…" if len(flat) > width else "")
    # Pick the start that covers the most matches within the window.
    best_start, best_count = spans[0][0], 0
    for s, _ in spans:
        count = sum(1 for a, b in spans if s <= a and b <= s + width)
        if count > best_count:
            best_start, best_count = s, count
    start = max(0, min(best_start - width // 4, len(flat) - width))
    end = min(len(flat), start + width)
    window = flat[start:end]
    marked = pattern.sub(lambda m: f"{MARK_OPEN}{m.group(0)}{MARK_CLOSE}", window)
    return ("…" if start > 0 else "") + marked + ("…" if end < len(flat) else "")
