"""Every label a card shows, by key, in the language in use (the catalogue's `label.*`).

Both faces take their labels from here (no label is spelled in kb/render.py or tui/): in
Korean a label is the Korean word alone (`목적`), in English the English one (`objective`);
the words themselves are in kb/i18n/output.py.
"""

from __future__ import annotations

from ..i18n import MESSAGES, t


def label(key: str) -> str:
    """A card's label in the language in use: `목적` (Korean) or `objective` (English)."""
    return t(f"label.{key}")


def gloss(key: str) -> str:
    """A table's column header (`기준` / `as of`): the label, named for the callers that
    showed the English gloss alone before the catalogue."""
    return label(key)


def word(key: str) -> str:
    """A word of a card's line (`출처` / `source`): the label, named for the callers that
    showed the Korean word alone before the catalogue."""
    return label(key)


def keys() -> list[str]:
    """Every label's key (the catalogue's `label.*` entries)."""
    return [k.removeprefix("label.") for k in MESSAGES if k.startswith("label.")]
