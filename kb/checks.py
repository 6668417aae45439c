"""Consistency checks of figures: totals against their rows, rates against amounts, and one
program across tables. Pure functions; they report, they never correct a number."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .i18n import t
from .numbers import format_number, measure_key, parse_number
from .text import compact, is_total_label

_NOT_ADDITIVE = re.compile(r"(률|%|만족도|평균|점수|비율|연번|번호|순번|기준일)")
_MAX_ROWS = 60  # hierarchy search is exponential in the worst case; report tables are small
# A row of the subtotal tree: its index among the body rows, and the rows it adds up.
Node = tuple[int, list["Node"]]


@dataclass(frozen=True, slots=True)
class Finding:
    """One disagreement inside a table: which row and column, expected vs printed."""

    kind: str  # "total", "subtotal", "rate"
    row: int  # body row index of the printed value
    col: int
    label: str
    column: str
    expected: float
    found: float
    detail: str


def _values(rows: Sequence[Sequence[str]], col: int) -> list[float | None] | None:
    """Column values (blank/dash → None); None when a cell is not a number at all."""
    out: list[float | None] = []
    for row in rows:
        cell = row[col] if col < len(row) else ""
        parsed = parse_number(cell)
        if parsed is None:
            return None
        out.append(parsed[0])
    return out


def _parse(vals: list[float], i: int, target: float, end: int) -> Iterator[tuple[list[Node], int]]:
    """Ways to read vals[i:] as sibling nodes summing to target; a node may own the rows
    right after it when they sum to its value (a subtotal). Yields (nodes, next index)."""
    if abs(target) < 0.5:
        yield [], i
        return
    if i >= end or target < -0.5:
        return
    v = vals[i]
    # Parent first: a row followed by rows that add up to it is their subtotal.
    if v > 0:
        for children, j in _parse(vals, i + 1, v, end):
            if len(children) >= 2:
                for rest, k in _parse(vals, j, target - v, end):
                    yield [(i, children)] + rest, k
    for rest, k in _parse(vals, i + 1, target - v, end):
        yield [(i, [])] + rest, k


def hierarchy(vals: list[float], target: float) -> list[Node] | None:
    """The subtotal tree under a total that uses every row exactly once, or None."""
    if len(vals) > _MAX_ROWS:
        return None
    for nodes, k in _parse(vals, 0, target, len(vals)):
        if k == len(vals):
            return nodes
    return None


def check_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[Finding]:
    """Totals and subtotals against their rows; budget rates against their amounts."""
    findings: list[Finding] = []
    total_idx = [i for i, r in enumerate(rows) if r and is_total_label(r[0])]
    # Columns are parsed once, and only for tables with one total row to check.
    parsed = {
        c: _values(rows, c)
        for c in range(1, len(columns) if len(total_idx) == 1 else 1)
        if not _NOT_ADDITIVE.search(compact(columns[c]))
    }
    additive = [c for c, v in parsed.items() if v is not None and any(x is not None for x in v)]
    if len(total_idx) == 1 and additive and _aligned(rows, total_idx[0]):
        at = total_idx[0]  # the total row
        body_idx = [i for i in range(len(rows)) if i != at]
        column = parsed[additive[0]] or []
        first = [v for i, v in enumerate(column) if i != at]
        total = column[at]
        tree = None
        if total is not None and all(v is not None for v in first):
            tree = hierarchy([float(v) for v in first], float(total))  # type: ignore[arg-type]
        groups: list[tuple[int, list[int], str]] = []
        if tree is None:
            groups.append((at, body_idx, "total"))  # flat: the total against all rows
        else:
            groups.append((at, [body_idx[i] for i, _ in tree], "total"))
            stack = list(tree)
            while stack:
                i, children = stack.pop()
                if children:
                    groups.append((body_idx[i], [body_idx[k] for k, _ in children], "subtotal"))
                    stack.extend(children)
        for c in additive:
            vals = parsed[c] or []
            for parent, kids, kind in groups:
                printed = vals[parent]
                if printed is None:
                    continue
                expected = sum(vals[k] or 0.0 for k in kids)
                if abs(expected - printed) > 0.5:
                    findings.append(
                        Finding(
                            kind,
                            parent,
                            c,
                            rows[parent][0],
                            columns[c],
                            expected,
                            printed,
                            t(
                                "check.sum",
                                label=rows[parent][0],
                                column=columns[c],
                                printed=format_number(printed),
                                n=len(kids),
                                expected=format_number(expected),
                            ),
                        )
                    )
    findings.extend(_rate_findings(columns, rows))
    return findings


def _numeric_positions(row: Sequence[str]) -> set[int]:
    return {c for c in range(1, len(row)) if row[c].strip() and parse_number(row[c]) is not None}


def _aligned(rows: Sequence[Sequence[str]], total: int) -> bool:
    """Every data row has its numbers in the same columns as the total row. Rows shifted by
    merged cells would otherwise be summed into the wrong column: such tables go unchecked."""
    want = _numeric_positions(rows[total])
    return all(_numeric_positions(r) == want for i, r in enumerate(rows) if i != total)


def _rate_findings(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[Finding]:
    keys = [measure_key(c) for c in columns]
    if "budget" not in keys:
        return []
    out: list[Finding] = []
    b = keys.index("budget")
    for amount, rate in (
        ("committed", "committed_rate"),
        ("spent", "spent_rate"),
        ("expected", "expected_rate"),
    ):
        if amount not in keys or rate not in keys:
            continue
        a, r = keys.index(amount), keys.index(rate)
        for i, row in enumerate(rows):
            pb, pa, pr = (parse_number(row[j]) if j < len(row) else None for j in (b, a, r))
            if not (pb and pa and pr) or not pb[0] or pa[0] is None or pr[0] is None:
                continue
            computed = 100.0 * pa[0] / pb[0]
            # Printed rates are rounded to whole percent: only a gap over 1 point is real.
            if abs(computed - pr[0]) > 1.0:
                out.append(
                    Finding(
                        "rate",
                        i,
                        r,
                        row[0],
                        columns[r],
                        round(computed, 1),
                        pr[0],
                        t(
                            "check.rate",
                            label=row[0],
                            column=columns[r],
                            printed=f"{pr[0]:g}",
                            amount=columns[a],
                            budget=columns[b],
                            a=f"{pa[0]:,.0f}",
                            b=f"{pb[0]:,.0f}",
                            computed=f"{computed:.1f}",
                        ),
                    )
                )
    return out
