"""Numbers as printed in Korean reports: `5,859,632`, `60%`, `10회`, `(△6.0)`, `약1,596만명`,
and the measure a budget-execution column names (예산현액 → budget).

Ground: ingest reads cells with these, and the faces write numbers and check stored tables
with the same ones at query time (kb/checks.py), without reaching into ingest.
"""

from __future__ import annotations

import re

from .text import compact

# Units a number may carry in its own cell, longest first so that 백만원 wins over 원.
_CELL_UNITS = (
    "퍼센트|%p|%|십억원|백만원|천만원|억원|천원|만원|조원|원|억\\s*달러|백만\\s*달러|만\\s*달러|달러"
    "|억불|천명|만명|명|회|건|개소|개|부|팀|종|시간|일|곳|권|점|㎡|가구|세대|호|톤|대|배"
)
# △ and ▲ mark negatives in Korean tables (fiscal balances, year-on-year changes); a
# parenthesised number is a change beside its level (`(△6.0)`), not an accounting negative.
_NUM = re.compile(
    r"^\s*(?P<approx>약|총|최대|최소)?\s*(?P<open>[\(（])?\s*(?P<sign>[△▲\-−–+])?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<mult>만|억|천)?\s*(?P<unit>" + _CELL_UNITS + r")?\s*(?P<close>[\)）])?\s*"
    r"(?P<note>[\(（].*[\)）])?\s*(?:이상|이하|미만|초과|여|내외|정도)?\s*$"
)
_BLANK = {"", "-", "–", "—", "－", "·", "N/A", "n/a", "해당없음"}
_MULT = {"만": 1e4, "억": 1e8, "천": 1e3}
# Units whose first syllable is a multiplier word but which reports use as units.
_COMPOUND = {"만원", "억원", "천원", "천명", "만명", "억달러", "만달러"}

SCALES = {
    "원": 1.0,
    "천원": 1e3,
    "만원": 1e4,
    "백만원": 1e6,
    "천만원": 1e7,
    "억원": 1e8,
    "십억원": 1e9,
    "조원": 1e12,
}


def normal_unit(unit: str) -> str:
    """One spelling per unit: `억불` and `억달러` → `억 달러`, `퍼센트` → `%`, `백만` → `백만원`."""
    u = re.sub(r"\s+", "", unit)
    if u == "퍼센트":
        return "%"
    if u in ("억불", "억달러"):
        return "억 달러"
    if u in ("백만달러", "백만불"):
        return "백만 달러"
    if u in ("만달러", "만불"):
        return "만 달러"
    if u in ("백만", "십억", "천", "억", "조"):
        return u + "원"
    return u


def parse_number(text: str) -> tuple[float | None, str | None] | None:
    """(value, unit) of a numeric cell; (None, None) for a blank like `-`; None if not a number.

    `(△6.0)` is -6.0, `▲2,984` is -2984, `약1,596만명` is 15,960,000 명 (만 before a counter
    is a multiplier; 만원, 천원, 억원 stay units of their own).
    """
    t = text.strip()
    if t in _BLANK:
        return (None, None)
    m = _NUM.match(t)
    if not m or bool(m.group("open")) != bool(m.group("close")):
        return None
    value = float(m.group("num").replace(",", ""))
    if m.group("sign") in ("△", "▲", "-", "−", "–"):
        value = -value
    unit = m.group("unit")
    mult = m.group("mult")
    if mult:
        joined = mult + (re.sub(r"\s+", "", unit) if unit else "")
        if unit and joined in _COMPOUND and joined not in ("만명", "천명"):
            unit = joined
        elif unit or mult in ("만", "억"):
            value *= _MULT[mult]  # 1,596만명 → 15,960,000명; 3억 → 300,000,000
        else:
            return None
    if unit:
        unit = normal_unit(unit)
        if unit in ("만명", "천명"):
            value *= _MULT[unit[0]]
            unit = "명"
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


def measure_key(label: str) -> str | None:
    """Canonical key of a budget-execution column label, or None for other columns."""
    c = compact(label)
    if "집행예상" in c or "예상액" in c:
        return "expected_rate" if "률" in c.split("집행예상")[-1] else "expected"
    if "집행률" in c or c.endswith("률"):
        if "원인행위" in c:
            return "committed_rate"
        if "지출" in c:
            return "spent_rate"
        return None
    if "원인행위" in c:
        return "committed"
    if "지출" in c:
        return "spent"
    if "예산" in c:
        return "budget"
    return None
