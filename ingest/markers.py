"""Outline markers at the start of a line: which family, which ordinal, what title.

Korean reports number their outline with families of markers: Ⅰ. / 1. / 가. / 1) / 가) /
(1) / (가) / ① for enumerations, □ / ○ / - / · (and HWP's private-use glyphs) for bullets,
붙임 / 참고 N / 별첨 for attachments. Which families are headings in a given document is
decided by ingest/structure.py; here a line is only recognised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
ROMAN_UNI = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
HANGUL_ORD = "가나다라마바사아자차카타파하"
_ASCII_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

# Enumerations and their conventional order (행정업무 규정의 항목 구분: 1. → 가. → 1) →
# 가) → (1) → (가) → ①); a smaller rank is a higher level.
RANK = {
    "roman": 1,
    "chapter": 1,
    "num": 2,
    "hangul": 3,
    "paren_r": 4,
    "hangul_r": 5,
    "paren": 6,
    "paren_h": 7,
    "circled": 8,
    "attach": 8,
}
BULLETS = ("square", "circle", "dash", "dot")  # plus "pua:XXXX" families

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("md", re.compile(r"^(#{1,6})\s+(\S.*)$")),
    ("chapter", re.compile(r"^(제\s*\d{1,2}\s*[장절편])\s*[.:]?\s*(\S.*)$")),
    ("roman", re.compile(rf"^([{ROMAN_UNI}])\s*[.)]?\s*(\S.*)$")),
    ("roman", re.compile(r"^(X|IX|IV|V?I{1,3}|V)\s*\.\s*(\S.*)$")),
    ("num", re.compile(r"^(\d{1,2})\s*\.(?!\d)\s*(\S.*)$")),
    ("hangul", re.compile(rf"^([{HANGUL_ORD}])\s*\.\s*(\S.*)$")),
    ("paren_r", re.compile(r"^(\d{1,2})\)\s*(\S.*)$")),
    ("hangul_r", re.compile(rf"^([{HANGUL_ORD}])\)\s*(\S.*)$")),
    ("paren", re.compile(r"^[(（](\d{1,2})[)）]\s*(\S.*)$")),
    ("paren_h", re.compile(rf"^[(（]([{HANGUL_ORD}])[)）]\s*(\S.*)$")),
    ("circled", re.compile(rf"^([{CIRCLED}])\s*(\S.*)$")),
    ("attach", re.compile(r"^\[?((?:붙\s*임|첨\s*부|별\s*첨)\s*\d*)\]?\s*[.:]?\s*(.*)$")),
    ("attach", re.compile(r"^\[?((?:참\s*고|별\s*표|부\s*록)\s*\d+)\]?\s*[.:]?\s*(.*)$")),
    ("square", re.compile(r"^([□■])\s*(\S.*)$")),
    ("circle", re.compile(r"^([○◯●❍◦∘])\s*(\S.*)$")),
    ("circle", re.compile(r"^([ㅇoO])\s+(\S.*)$")),
    ("dash", re.compile(r"^([-–])\s*(\S.*)$")),
    ("dot", re.compile(r"^([·ㆍ•▪▸►▶])\s*(\S.*)$")),
    ("pua", re.compile(r"^([\ue000-\uf8ff\U000f0000-\U000ffffd])\s*(\S.*)$")),
]
# Table of contents lines: dotted leaders and a page number.
_LEADERS = re.compile(r"(?:[·.…‥ㆍ∙]\s*){4,}\s*\d{1,4}\s*$|\s{2,}\d{1,4}\s*$")


@dataclass(frozen=True, slots=True)
class Marker:
    """A line's marker: family (`num`, `square`, `pua:f02b1` …), ordinal, the marker as
    printed and the title after it."""

    family: str
    ordinal: int | None
    marker: str
    title: str


def ordinal(family: str, mark: str) -> int | None:
    """1-based position of an enumeration marker (`Ⅲ` → 3, `다` → 3, `12` → 12)."""
    m = re.sub(r"\s+", "", mark)
    if family == "roman":
        if m in ROMAN_UNI:
            return ROMAN_UNI.index(m) + 1
        return _ASCII_ROMAN.index(m) + 1 if m in _ASCII_ROMAN else None
    if family in ("num", "paren_r", "paren"):
        return int(m)
    if family in ("hangul", "hangul_r", "paren_h"):
        return HANGUL_ORD.index(m) + 1
    if family == "circled":
        return CIRCLED.index(m) + 1
    if family in ("chapter", "attach"):
        digits = re.findall(r"\d+", m)
        return int(digits[0]) if digits else None
    return None


def marker_of(text: str) -> Marker | None:
    """The marker a line opens with, or None for plain text."""
    t = text.strip()
    for family, pattern in _PATTERNS:
        m = pattern.match(t)
        if not m:
            continue
        mark, title = m.group(1), m.group(2).strip()
        if family == "pua":
            family = f"pua:{ord(mark):x}"
        if family == "attach" and not title and not re.search(r"\d", mark):
            continue
        return Marker(family, ordinal(family, mark), mark, title)
    return None


def is_toc_line(text: str) -> bool:
    """A table-of-contents entry: dotted leaders or a wide gap before a page number."""
    return bool(_LEADERS.search(text))


def display_marker(m: Marker) -> str:
    """The marker as a section label shows it: `Ⅲ.`, `1.`, `가.`, `1)`, `①`, `□`, `붙임 1`."""
    if m.family in ("roman", "num", "hangul"):
        return f"{m.marker}."
    if m.family in ("paren_r", "hangul_r"):
        return f"{m.marker})"
    if m.family in ("paren", "paren_h"):
        return f"({m.marker})"
    if m.family == "attach":
        compact = re.sub(r"\s+", "", m.marker)
        return re.sub(r"^(붙임|참고|별첨|첨부|별표|부록)(\d)", r"\1 \2", compact)
    return m.marker
