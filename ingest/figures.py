"""Figures: every numeric table cell, and counts in prose, with measure, unit and scale."""

from __future__ import annotations

import re

from kb.numbers import measure_key, parse_number, scale_of
from kb.periods import figure_period, parse_period
from kb.text import compact, is_total_label
from kb.types import Chunk, Figure, Table

from .cells import label_unit, labelled_cells
from .tables import parse_as_of

# Columns of dates ('7.26' reads as a number): never quantities.
_DATES = re.compile(r"일\s*시|일\s*정|날\s*짜|일\s*자(?!\s*리)")  # not 일자리
# Columns that hold identifiers or ranks, not quantities.
_SKIP_COLUMNS = re.compile(r"^(연번|번호|순번|No\.?|순위)$")


def is_budget_table(table: Table) -> bool:
    """A budget-execution table: it has a budget column and an execution column."""
    keys = {measure_key(c) for c in table.columns}
    return "budget" in keys and bool(keys & {"committed", "spent"})


def table_as_of(table: Table, year: int | None) -> str | None:
    """The table's as-of date, or one from a header like `집행액(09.30.기준)` plus the year."""
    if table.as_of:
        return table.as_of
    for label in table.columns:
        m = re.search(r"(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*기준", label)
        if m and year:
            return f"{year:04d}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
        if found := parse_as_of(label):
            return found
    return None


# Columns that describe a row (when, for whom, what) rather than name it.
_DESCRIBING = re.compile(
    r"일시|일정|기간|날짜|대상|내용|장소|비고|방법|시간|형태|업무|기능|역할|설명"
)


def _is_number(cell: str) -> bool:
    parsed = parse_number(cell)
    return parsed is not None and parsed[0] is not None


def label_columns(table: Table) -> list[int]:
    """The columns that name a row: up to two leading text columns, identifiers skipped.

    `분류 | 세부사업 | 일수 …` names a row by both; `연번 | 교육명 | (merged) | 일시 …` by
    교육명 and its merged second half, not by the number; `연번 | 일시 및 장소 | 연구명 …`
    by 연구명, not by the date.
    """
    width = len(table.columns)
    first_number = next(
        (
            c
            for c in range(1, width)
            if not _SKIP_COLUMNS.match(table.columns[c].strip())
            and any(c < len(r) and _is_number(r[c]) for r in table.rows)
        ),
        width,
    )
    cols: list[int] = []
    for c in range(first_number):
        head = table.columns[c].strip()
        cells = [r[c].strip() for r in table.rows if c < len(r) and r[c].strip()]
        wordy = bool(cells) and sum(map(len, cells)) / len(cells) > 40  # descriptions
        # The first column names the rows unless it holds dates ('집행대상', '구 분' …).
        describing = _DESCRIBING.search(compact(head)) and (c > 0 or _DATES.search(head))
        if _SKIP_COLUMNS.match(head) or describing or (cols and wordy):
            continue
        if len(cols) == 2:
            break
        cols.append(c)
    return cols or [0]


def row_labels(table: Table, cols: list[int] | None = None) -> list[str]:
    """A label per body row; blank cells of merged label columns repeat the row above.

    A one-column label stays as written (a blank label means no figures, as before: in
    budget tables a blank row label is layout). With two label columns, a blank group cell
    continues the group above, and a new group clears the sub-label carried from above.
    """
    cols = cols if cols is not None else label_columns(table)
    labels: list[str] = []
    carried = [""] * len(cols)
    for row in table.rows:
        cells = [re.sub(r"\s+", " ", row[c]).strip() if c < len(row) else "" for c in cols]
        # 계 may sit in the 연번 column, left of the label columns.
        lead = [x.strip() for x in row[: cols[-1] + 1]]
        if total := next((x for x in lead if x and is_total_label(x)), None):
            labels.append(total)
            carried = [""] * len(cols)
            continue
        if len(cols) == 1:
            labels.append(cells[0])
            continue
        for i, cell in enumerate(cells):
            if cell:
                carried[i] = cell
                carried[i + 1 :] = [""] * (len(cols) - i - 1)
                # Keep the deeper cells of this row, which the loop sets next.
        parts = [x for x in carried if x]
        labels.append(" · ".join(dict.fromkeys(parts)))
    return labels


# "인 력 30/28명 (정원/현원)": counts with their counter in a caption.
_CAPTION_COUNT = re.compile(r"(\d[\d,]*(?:\s*/\s*\d[\d,]*)*)\s*(명|회|건|개소|팀)(?![가-힣])")


def caption_unit(table: Table) -> str | None:
    """The counter of a caption's counts, when the table holds those very numbers.

    '인 력 30/28명 (정원/현원)' over a table whose 계 column reads 30 and 28 says its
    numbers are 명; '연구 공유회 : 2회' over a table of attendances says nothing about them.
    Only columns without a unit of their own count as evidence, and only they take it.
    """
    m = _CAPTION_COUNT.search(table.caption)
    if not m:
        return None
    stated = {float(x.replace(",", "")) for x in re.split(r"\s*/\s*", m.group(1))}
    # Only columns without a unit of their own: '(총 20회)' over a table whose 건수(회)
    # column sums to 20 says nothing about its 만족도 column.
    bare = [c for c, label in enumerate(table.columns) if c and label_unit(label) is None]
    values = set()
    for row in table.rows:
        for c in bare:
            parsed = parse_number(row[c]) if c < len(row) else None
            if parsed is not None and parsed[0] is not None:
                values.add(parsed[0])
    return m.group(2) if stated <= values else None


def table_figures(table: Table) -> list[Figure]:
    """One figure per numeric body cell: row label × column label, unit, scale and period.

    Budget-execution tables keep their measure keys (budget, committed, spent …) and their
    printed dashes as empty amounts; any other table yields its numbers under its own row
    and column labels, a one-row table (`계 | 131,200`) under the label beside each number.
    """
    if is_budget_table(table):
        return _budget_figures(table)
    cols = label_columns(table)
    names = row_labels(table, cols)
    period_rows = period_labels(names)
    out: list[Figure] = []
    for cell in labelled_cells(table, names, cols):
        if not cell.numeric or cell.value is None:
            continue  # a dash in a non-budget table is layout, not a missing amount
        if cell.row < 0 and table.rows:
            continue  # a header cell of a table with a body is a label, not a figure
        col_label = cell.column_label
        if _SKIP_COLUMNS.match(col_label.strip()) or _DATES.search(col_label):
            continue
        if not cell.row_label:
            continue
        out.append(
            Figure(
                cell.row_label,
                None,
                col_label,
                cell.value,
                cell.text,
                cell.unit,
                scale_of(cell.unit),
                table.id,
                cell.row if cell.row >= 0 else None,
                cell.col,
                table.section_id,
                table.line,
                table.page,
                figure_period(
                    col_label,
                    period_rows[cell.row] if 0 <= cell.row < len(period_rows) else cell.row_label,
                    table.caption,
                    table.as_of,
                ),
            )
        )
    return out


# Rows of change against the rows above (`증감률(%)` under `‘24.2Q` and `‘25.2Q`).
_CHANGE_ROW = re.compile(r"증\s*감|증가율|감소율|변동|대비|성장률|등락")


def period_labels(names: list[str]) -> list[str]:
    """Per body row, the label that states its period: its own, or for a row of change
    (`증감률`) that of the nearest row above naming one, the later period it changes into.
    """
    out: list[str] = []
    last = ""
    for name in names:
        if parse_period(name):
            last = name
            out.append(name)
        elif last and _CHANGE_ROW.search(compact(name)):
            out.append(last)
        else:
            out.append(name)
    return out


def _budget_figures(table: Table) -> list[Figure]:
    """A budget-execution table: measure keys for its columns, dashes kept as empties."""
    out: list[Figure] = []
    cols = label_columns(table)
    names = row_labels(table, cols)
    skip = set(cols)
    for r, row in enumerate(table.rows):
        label = names[r]
        if not row or not label:
            continue
        for c in range(1, min(len(row), len(table.columns))):
            col_label = table.columns[c]
            if c in skip or _SKIP_COLUMNS.match(col_label.strip()) or _DATES.search(col_label):
                continue
            parsed = parse_number(row[c])
            if parsed is None:
                continue
            value, suffix = parsed
            key = measure_key(col_label)
            unit: str | None
            if key and key.endswith("_rate"):
                unit = "%"
            elif suffix:
                unit = suffix
            else:
                unit = label_unit(col_label) or table.unit
            out.append(
                Figure(
                    label,
                    key,
                    col_label,
                    value,
                    row[c].strip(),
                    unit,
                    scale_of(unit),
                    table.id,
                    r,
                    c,
                    table.section_id,
                    table.line,
                    table.page,
                    figure_period(col_label, "", table.caption, table.as_of),
                )
            )
    return out


# `뿌리과정 10회(135명)`, `2,245건`, `구독자수 10,649명`, `(9회, 106명)`
_INLINE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s*(?P<unit>명|회|건|개소|부|팀|종|곳)(?![가-힣])"
)
_WORD = re.compile(r"[가-힣A-Za-z][가-힣A-Za-z0-9·]*")
# Verbs of doing that follow a count and name no new thing.
_ACTIONS = frozenset(
    {"운영", "실시", "개최", "진행", "추진", "참석", "참여", "발간", "제작", "배포", "지원", "완료"}
)


def inline_figures(chunk: Chunk) -> list[Figure]:
    """Counts written in prose lines of a text chunk, labelled by the words before them."""
    if chunk.kind == "table":
        return []
    out: list[Figure] = []
    lines = chunk.text.split("\n")
    places = chunk.text_lines if len(chunk.text_lines) == len(lines) else []
    for i, line in enumerate(lines):
        line_no = places[i] if places else chunk.line_start + i
        body = re.sub(r"^\s*[-–·•○□◆※]\s*", "", line)
        last_label, prev_end = "", 0
        for m in _INLINE.finditer(body):
            # Words written since the previous count name this one ("뿌리과정 10회(135명)":
            # 135명 has none of its own, so it shares 뿌리과정).
            # Only the clause since the last comma counts ("9회(8,100명) 운영 지원, 기관방문
            # 16회": 기관방문), and a bare verb ("마을정책학교 1회 운영(110명)") names nothing.
            gap = re.split(r"[,，;]", body[prev_end : m.start()])[-1]
            words = [w for w in _WORD.findall(gap) if len(w) >= 2]
            prev_end = m.end()
            if words and last_label and all(w in _ACTIONS for w in words):
                words = []
            label = " ".join(words[-4:]) if words else last_label
            if not label:
                continue
            last_label = label
            value = float(m.group("num").replace(",", ""))
            out.append(
                Figure(
                    label,
                    None,
                    m.group("unit"),
                    value,
                    m.group(0),
                    m.group("unit"),
                    None,
                    None,
                    None,
                    None,
                    chunk.section_id,
                    line_no,
                    chunk.page,
                )
            )
    return out


# `□ 사업 규모 : 일금 사억원(₩ 400,000,000)`, `□ 집행예산 : 131,200천원`, `다. 사 업 비:
# 672,300,000원(부가세 별도)`: a field line naming one amount.
_FIELD = re.compile(
    r"^\s*(?:[□■○◦ㅇ▪•\-–·]|[가-하]\.|\d{1,2}[.)])?\s*([^:：]{2,24}?)\s*[:：]\s*(\S.*)$"
)
_AMOUNT = re.compile(
    r"(?:₩|￦)\s*(?P<won>\d{1,3}(?:,\d{3})+|\d+)"
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?P<unit>조원|억원|백만원|천만원|만원|천원|원|%)"
)


def field_figures(chunk: Chunk) -> list[Figure]:
    """Amounts stated as fields in text (`사업 규모 : 일금 사억원(₩ 400,000,000)`).

    Counts in prose are inline_figures' (`내부 1명, 외부 5명`); a field whose value holds
    more than one amount (a breakdown) is left to the reader.
    """
    if chunk.kind == "table":
        return []
    out: list[Figure] = []
    lines = chunk.text.split("\n")
    places = chunk.text_lines if len(chunk.text_lines) == len(lines) else []
    for i, line in enumerate(lines):
        m = _FIELD.match(line)
        if not m:
            continue
        label, value = re.sub(r"\s+", " ", m.group(1)).strip(), m.group(2).strip()
        amounts = list(_AMOUNT.finditer(value))
        distinct = {re.sub(r"\D", "", a.group("won") or a.group("num")) for a in amounts}
        if len(distinct) != 1 or not re.search(r"[가-힣]", label) or re.search(r"\d", label):
            continue
        a = amounts[0]
        unit = "원" if a.group("won") else a.group("unit")
        number = float((a.group("won") or a.group("num")).replace(",", ""))
        out.append(
            Figure(
                label,
                None,
                label,
                number,
                value,
                unit,
                scale_of(unit),
                None,
                None,
                None,
                chunk.section_id,
                places[i] if places else chunk.line_start + i,
                chunk.page,
            )
        )
    return out
