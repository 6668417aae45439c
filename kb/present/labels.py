"""Every label the cards show, in one table: the Korean label first, its English gloss beside.

Both faces take their labels from here (no label is spelled in kb/render.py or tui/), so a
message catalogue (KB_LANG=ko/en) can switch them in one place.
"""

from __future__ import annotations

# key → (Korean, English gloss). An empty gloss: the Korean word is shown alone.
LABELS: dict[str, tuple[str, str]] = {
    # The program card's parts, in reading order, then the figures it cites.
    "objective": ("목적", "objective"),
    "contents": ("내용", "contents"),
    "results": ("실적", "results"),
    "plans": ("계획", "plans"),
    "budget": ("예산", "budget"),
    "counts": ("실적", "counts"),
    "source": ("출처", "source"),
    # The program's years side by side (kb program).
    "years": ("연도별", "years"),
    "program": ("사업", "program"),
    "name": ("사업명", ""),
    "budget_current": ("예산현액", "budget"),
    "spent": ("집행액(지출)", "spent"),
    "sources": ("출처", "sources"),
    # A program against the year before.
    "new": ("신규", "new"),
    "renamed": ("명칭 변경", "renamed"),
    "discontinued": ("종료", "discontinued"),
    "gone": ("지난해까지", "discontinued"),
    # The columns of the figure and study tables (their headers show the gloss).
    "measure": ("항목", "measure"),
    "value": ("값", "value"),
    "year": ("연도", "year"),
    "title": ("제목", "title"),
    "category": ("분야", "category"),
    "method": ("방법", "method"),
    # The answer card (Korean words only: the card is pasted into a Korean reply).
    "passages": ("관련 내용", "passages"),
    "cite": ("출처", "source"),
    "change": ("증감", "change"),
    "revised": ("수정 전", "before revision"),
    "no_value": ("값 없음", "no value"),
    "not_computed": ("계산하지 않음", "not computed"),
    "unit": ("단위", "unit"),
    "as_of": ("기준", "as of"),
    "trend": ("추이", "trend"),
    "versus": ("대비", "versus"),
}


def label(key: str) -> str:
    """`목적 objective`: the Korean label and its gloss (one of them when the other is empty)."""
    ko, en = LABELS[key]
    return " ".join(x for x in (ko, en) if x)


def gloss(key: str) -> str:
    """The English gloss alone (`as of`), for a table's narrow column headers."""
    return LABELS[key][1]


def word(key: str) -> str:
    """The Korean word alone (`출처`), for the lines of a card written in Korean."""
    return LABELS[key][0]
