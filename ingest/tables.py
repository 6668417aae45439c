"""Table helpers: header rows, flattened column labels, unit and as-of date of a table."""

from __future__ import annotations

import re

from kb.numbers import normal_unit
from kb.types import Section

# Unit words as reports print them after `단위:` or in a caption's parentheses.
_UNIT_WORD = (
    r"십억\s*원|백만\s*원|천만\s*원|억\s*원|천\s*원|만\s*원|조\s*원|원|억\s*달러|백만\s*달러"
    r"|만\s*달러|달러|억\s*불|천\s*명|명|회|건|개소|개|%p|%|퍼센트|점|㎡|㎢|가구|세대|호|톤|시간|배"
    r"|백만|십억"
)
_UNIT_AT_END = re.compile(rf"(?:^|[\s(（,，])({_UNIT_WORD})\s*$")
_UNIT_LINE = re.compile(r"^\s*[\(（\[<〈]?\s*단\s*위\s*[:：]?\s*([^\n]+)")
_PAREN = re.compile(r"[\(（]([^()（）]*(?:[\(（][^()（）]*[\)）][^()（）]*)*)[\)）]")
_ASOF = re.compile(r"['’‘]?(\d{2,4})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*기준")
_NUMERIC = re.compile(r"^[\s\-–+△▲(（]*[\d,.]+\s*(%|명|회|건|천원|원|개소)?[\s)）]*$")


def is_unit_line(text: str) -> bool:
    """True for lines such as `(단위 : 천원, '19.09.30. 기준)` or `단위: 억 달러`."""
    return bool(_UNIT_LINE.match(text)) and len(text) <= 80


def _units_of(parts: str) -> list[str]:
    """Units named in a comma-separated list: `억달러, 전년동기 대비 %` → [억 달러, %]."""
    out: list[str] = []
    for part in re.split(r"[,，/]", parts):
        part = re.sub(r"[\(（\)）\]>〉]", " ", part).strip()
        part = re.split(r"기준|현재", part)[0].strip() if "기준" in part or "현재" in part else part
        m = _UNIT_AT_END.search(part)
        if m and len(part) - len(m.group(1)) <= 12:
            unit = normal_unit(m.group(1))
            if unit not in out:
                out.append(unit)
    return out


def units_in(text: str) -> list[str]:
    """Units a unit line or a caption states, main unit first.

    `(단위 : 천원)`, `(단위: 억달러, 전년동기 대비 %)`, `< 업종별 동향(억 달러, %) >`,
    `단위 : 명`; a caption's parentheses count only when every part is a unit or a note
    beside one (so `(사업비 포함)` names none).
    """
    m = _UNIT_LINE.match(text)
    if m:
        return _units_of(m.group(1))
    for group in reversed(_PAREN.findall(text)):
        inner = re.sub(r"^\s*단\s*위\s*[:：]?", "", group)
        units = _units_of(inner)
        if units and len(units) * 2 >= len([p for p in re.split(r"[,，]", inner) if p.strip()]):
            return units
    return []


def parse_unit(text: str) -> str | None:
    """The main unit named in a `(단위 : …)` line, normalised (천원, 백만원, 억 달러 …)."""
    if not _UNIT_LINE.match(text):
        return None
    units = units_in(text)
    return units[0] if units else None


def section_unit(section_id: int | None, sections: list[Section]) -> str | None:
    """The unit an enclosing heading declares (`참고1 세부통계 (단위: 억달러, %)`), nearest first.

    Only a heading that says 단위: a statistics annex states it once above all its tables.
    """
    by_id = {s.id: s for s in sections}
    seen: set[int] = set()
    while section_id is not None and section_id in by_id and section_id not in seen:
        seen.add(section_id)
        section = by_id[section_id]
        if _UNIT_WORD_MARK.search(section.title) and (units := units_in(section.title)):
            return units[0]
        section_id = section.parent
    return None


_UNIT_WORD_MARK = re.compile(r"단\s*위\s*[:：]")


def parse_as_of(text: str) -> str | None:
    """An ISO date from `'19.09.30. 기준` or `2019.09.30 기준`; None when absent."""
    m = _ASOF.search(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if year < 100:
        year += 2000
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_numeric_cell(cell: str) -> bool:
    """True for cells like `5,859,632`, `60%`, `10명`, `-`."""
    return bool(cell) and (cell.strip() in {"-", "–"} or bool(_NUMERIC.match(cell)))


def header_row_count(rows: list[list[str]]) -> int:
    """Rows at the top that are header: the first, plus continuation rows of a spanning header."""
    if len(rows) < 2:
        return len(rows)
    count = 1
    while count < len(rows) - 1:
        row = rows[count]
        # A second header row leaves the row-label column blank and holds no numbers.
        if row and not row[0] and not any(is_numeric_cell(c) for c in row if c):
            count += 1
        else:
            break
    return count


def column_parts(header: list[list[str]]) -> list[list[str]]:
    """Each column's header cells top to bottom, spanning cells filled to the right."""
    if not header:
        return []
    width = max(len(r) for r in header)
    filled: list[list[str]] = []
    for depth, row in enumerate(header):
        row = row + [""] * (width - len(row))
        out, last = [], ""
        for j, cell in enumerate(row):
            # Merged cells: a blank upper-row cell continues the cell to its left,
            # but only where a lower row splits it (otherwise it is a blank column).
            if cell:
                last = cell
                out.append(cell)
            elif (
                depth < len(header) - 1
                and j > 0
                and any((r + [""] * width)[j] for r in header[depth + 1 :])
            ):
                out.append(last)
            else:
                out.append("")
        filled.append(out)
    parts: list[list[str]] = []
    for j in range(width):
        col: list[str] = []
        for row in filled:
            if row[j] and (not col or col[-1] != row[j]):
                col.append(row[j])
        parts.append(col)
    return parts


def column_labels(header: list[list[str]]) -> list[str]:
    """One label per column, spanning cells filled to the right: `집행액 원인행위`."""
    return [" ".join(parts) for parts in column_parts(header)]
