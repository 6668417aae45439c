"""Small text helpers shared by every layer."""

from __future__ import annotations

import re

_PUNCT = re.compile(r"[\s·ㆍ,.\-_()（）\[\]'’‘\"]+")


def compact(text: str) -> str:
    """Text without spaces or punctuation: `청년마을활동가 성장교육` == `청년마을활동가성장교육`."""
    return _PUNCT.sub("", text)


# Row labels of totals (합 계 with its spacing compacted away); 소계 is a subtotal.
TOTAL_LABELS = frozenset({"합계", "계", "총계", "소계", "합", "총합계"})
SUBTOTAL = "소계"


def is_total_label(label: str, subtotals: bool = True) -> bool:
    """True for 합계 / 계 / 총계 rows (spacing ignored: `합 계`); 소계 unless `subtotals=False`."""
    key = compact(label)
    return key in TOTAL_LABELS and (subtotals or key != SUBTOTAL)


def index_text(section_path: str, text: str) -> str:
    """What gets embedded and tokenized: the section path gives each chunk its context."""
    return f"{section_path}\n{text}" if section_path else text
