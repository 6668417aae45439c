"""The answer card's model: the question, then blocks of cited rows (a change or a series,
the stored figures, the passages), built from the facade's AnswerCard.

Both faces draw this one model: `kb answer` and the TUI's copied card as plain text
(kb/present/plain.py), the TUI's strip above the results in Textual (tui/format.py).
Every number in it is a stored one, written as its report printed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..periods import period_words
from ..text import printable
from ..types import AnswerCard, ChangeAnswer, Hit, TrendPoint
from .cards import Row
from .labels import word
from .values import (
    amount,
    decimals,
    figure_value,
    line_groups,
    money_unit,
    place,
    reading_cite,
    reading_value,
    where,
    with_unit,
)

PASSAGE_CHARS = 200  # a passage on the card is cut here (the whole one is a search away)


@dataclass(frozen=True, slots=True)
class Block:
    """A block of an answer card: its head, its rows, the sources cited once under them."""

    kind: str  # "change", "trend", "figures" or "passages"
    head: str  # `■ 마을활동가 성장교육 (단위: 천원 · 2019-09-30 기준)`
    rows: tuple[Row, ...]
    sources: tuple[tuple[str, str], ...] = ()  # (tag, citation): `출처 [1]: …` or `출처: …`
    notes: tuple[str, ...] = ()  # `※ …`


@dataclass(frozen=True, slots=True)
class AnswerView:
    """An answer card ready to draw: the question, its blocks, a closing word if nothing fits."""

    question: str
    blocks: tuple[Block, ...]
    closing: tuple[str, ...] = ()  # lines after the blocks (empty ones keep a blank line)


def _figure_block(card: AnswerCard) -> Block:
    """The stored figure rows that answer, under the program, line or ranking they answer."""
    f0 = card.figures[0]
    head = f"■ {card.program}"
    if f0.table_id is None:  # counts stated in prose: "공동체공간학교 운영(9회, 106명)"
        parts = line_groups(card.figures)
        sections = [p[0].section for p in parts]
        runs = sum(1 for i, sec in enumerate(sections) if i == 0 or sections[i - 1] != sec)
        rows = []
        for i, part in enumerate(parts):
            counts = ", ".join(amount(r, figure_value(r.value, r.value_text)) for r in part)
            label = "" if len(parts) == 1 and part[0].program == card.program else part[0].program
            source = ""
            # One citation per run of lines from the same section.
            if i + 1 == len(parts) or parts[i + 1][0].section != part[0].section:
                run = [p[0].line for p in parts[: i + 1] if p[0].section == part[0].section]
                at = ", ".join(str(n) for n in dict.fromkeys(run))
                source = place(f0.doc, at, part[0].section)
            rows.append(Row(label, counts, source))
        if runs == 1:  # one citation: under the block, not under its last line
            last = rows[-1]
            rows[-1] = Row(last.label, last.value)
            return Block("figures", head, tuple(rows), (("", last.source),))
        return Block("figures", head, tuple(rows))
    unit = money_unit(card.figures)
    about = (unit and f"{word('unit')}: {unit}", f0.as_of and f"{f0.as_of} {word('as_of')}")
    facts = " · ".join(a for a in about if a)
    head += f" ({facts})" if facts else ""
    if len({r.table_id for r in card.figures}) > 1:  # a ranking across tables
        rows = [
            Row(
                r.program,
                amount(r, figure_value(r.value, r.value_text)),
                place(r.doc, str(r.line), r.section),
            )
            for r in card.figures
        ]
        return Block("figures", head, tuple(rows))
    rows = [
        # Several rows (정 원, 현 원) or a total row under a caption: name the row too.
        Row(
            r.label if r.program == card.program else f"{r.program} · {r.label}",
            amount(r, figure_value(r.value, r.value_text)),
            asked=bool(r.measure) and r.measure in card.asked,  # what was asked
        )
        for r in card.figures
    ]
    return Block("figures", head, tuple(rows), (("", place(f0.doc, str(f0.line), f0.section)),))


def _percent(c: ChangeAnswer) -> str:
    """The change in % to one decimal, rounded half up from the values themselves (as the
    releases print it: 165.8 → 182.8 is +10.3%, where the stored 10.25 would show +10.2)."""
    assert c.before is not None and c.after is not None
    before, after = c.before.current.value, c.after.current.value
    exact = Decimal(repr((after - before) / abs(before) * 100))
    return f"{exact.quantize(Decimal('0.1'), ROUND_HALF_UP):+}"


def _trend_block(c: ChangeAnswer, head: str) -> Block:
    """A series (추이): each period's value with its report's number, the reports cited."""
    docs: dict[str, int] = {}
    rows = []
    for p in c.points:
        n = docs.setdefault(p.current.doc, len(docs) + 1)
        earlier = ", ".join(reading_value(e) for e in p.earlier)
        revised = f"  ({word('revised')} {earlier})" if p.revised else ""
        at = where(p.current.page, p.current.line)
        rows.append(
            Row(period_words(p.period), reading_value(p.current), note=f"[{n}] {at}{revised}")
        )
    firsts = {p.current.doc: p.current for p in reversed(c.points)}
    sources = tuple((f"[{n}]", reading_cite(firsts[doc])) for doc, n in docs.items())
    return Block("trend", head, tuple(rows), sources)


def _value_row(period: str, point: TrendPoint | None, unit: str | None) -> Row:
    """A period's value cited, with the earlier reports' different figures under it."""
    if point is None:
        return Row(period_words(period), word("no_value"))
    earlier = tuple(
        Row(word("revised"), reading_value(e), reading_cite(e))
        for e in point.earlier
        if e.value != point.current.value  # a revision: the earlier report's figure
    )
    value = with_unit(reading_value(point.current), unit)
    return Row(period_words(period), value, reading_cite(point.current), earlier=earlier)


def change_block(c: ChangeAnswer) -> Block:
    """A change (two cited values and the difference, or why none) or a series."""
    head = " · ".join(x for x in (c.label, c.column) if x)
    unit = f" ({word('unit')}: {c.unit})" if c.unit else ""
    if c.kind == "trend":
        return _trend_block(c, f"■ {head} {word('trend')}{unit}")
    rows = [
        _value_row(period, point, c.unit)
        for period, point in ((c.before_period, c.before), (c.after_period, c.after))
        if period is not None
    ]
    if c.change is not None and c.before_period and c.after_period:
        digits = max(
            (decimals(p.current.value_text) for p in (c.before, c.after) if p is not None),
            default=0,
        )
        if c.unit == "%":  # a change of a rate is in points, never a % of a %
            absolute, percent = f"{c.change.absolute:+,.{digits}f}%p", ""
        else:
            absolute = with_unit(f"{c.change.absolute:+,.{digits}f}", c.unit)
            percent = "" if c.change.percent is None else f" ({_percent(c)}%)"
        since = f"{period_words(c.before_period)} {word('versus')} {period_words(c.after_period)}"
        rows.append(Row(word("change"), absolute + percent, note=f"[{since}]"))
    elif c.refused:
        rows.append(Row(word("change"), f"{word('not_computed')} — {c.refused}"))
    return Block("change", f"■ {head}{unit}", tuple(rows), notes=tuple(c.notes))


def _passage_row(h: Hit) -> Row:
    text = " ".join(h.text.split())
    cut = text[:PASSAGE_CHARS] + ("…" if len(text) > PASSAGE_CHARS else "")
    at = "p." + str(h.page) if h.page else str(h.line)
    return Row("", cut, place(h.doc.path, at, printable(h.section)))


def answer_view(card: AnswerCard) -> AnswerView:
    """The answer card's model: a change or series, the figures, the passages, each cited."""
    blocks = []
    if card.change is not None:
        blocks.append(change_block(card.change))
    if card.figures:
        blocks.append(_figure_block(card))
    if card.passages:
        rows = tuple(_passage_row(h) for h in card.passages)
        blocks.append(Block("passages", f"■ {word('passages')}", rows))
    closing: tuple[str, ...] = ()
    if not card.figures and not card.passages and card.change is None:
        closing = ("No stored figure or passage matches this question.",)
    elif not card.figures and card.change is None:
        closing = ("", "(No stored figure surely answers this; `kb figures NAME` lists them.)")
    return AnswerView(card.question, tuple(blocks), closing)
