"""Numbers as printed in Korean reports: `5,859,632`, `60%`, `10회`, `-`, `2,756 (… 포함)`."""

from __future__ import annotations

import re

_NUM = re.compile(
    r"^\s*([+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?)\s*"
    r"(%|퍼센트|천원|백만원|억원|만원|원|명|회|건|개소|개|부|팀|종|시간|일|곳|권|점)?"
    r"\s*(\(.*\))?\s*$"
)
_BLANK = {"", "-", "–", "—", "－", "·", "N/A", "n/a"}

SCALES = {"원": 1.0, "천원": 1e3, "만원": 1e4, "백만원": 1e6, "억원": 1e8}


def parse_number(text: str) -> tuple[float | None, str | None] | None:
    """(value, unit) of a numeric cell; (None, None) for a blank like `-`; None if not a number."""
    t = text.strip()
    if t in _BLANK:
        return (None, None)
    m = _NUM.match(t)
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    unit = m.group(2)
    if unit == "퍼센트":
        unit = "%"
    return value, unit


def format_number(value: float | None) -> str:
    """Thousands separators, no trailing .0 (the inverse of parse_number for plain numbers)."""
    if value is None:
        return "-"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def scale_of(unit: str | None) -> float | None:
    """Factor from a money unit to won (천원 → 1000); None for non-money units."""
    return SCALES.get(unit or "")
