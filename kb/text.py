"""Small text helpers shared by every layer."""

from __future__ import annotations

import re

_PUNCT = re.compile(r"[\s·ㆍ,.\-_()（）\[\]'’‘\"]+")


def compact(text: str) -> str:
    """Text without spaces or punctuation: `청년마을활동가 성장교육` == `청년마을활동가성장교육`."""
    return _PUNCT.sub("", text)


def index_text(section_path: str, text: str) -> str:
    """What gets embedded and tokenized: the section path gives each chunk its context."""
    return f"{section_path}\n{text}" if section_path else text
