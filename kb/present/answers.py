"""The answer card's model: the question, then blocks of cited rows (a change or a series,
the stored figures, the passages), built from the facade's AnswerCard.

Both faces draw this one model: `kb answer` and the TUI's copied card as plain text
(kb/present/plain.py), the TUI's strip above the results in Textual (tui/format.py).
Every number in it is a stored one, written as its report printed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import t
from ..periods import period_words
from ..text import printable
from ..types import AnswerCard, ChangeAnswer, FigureRow, Hit, TrendPoint
from .cards import Row
from .labels import word
from .values import (
    amount,
    as_of_text,
    decimals,
    figure_value,
    in_won,
    line_groups,
    lines_at,
    money_unit,
    place,
    reading_cite,
    reading_value,
    spot,
    where,
    with_unit,
)

PASSAGE_CHARS = 200  # a passage on the card is cut here (the whole one is a search away)


@dataclass(frozen=True, slots=True)
class Block:
    """A block of an answer card: its head, its rows, the sources cited once under them."""

    kind: str  # "change", "trend", "figures" or "passages"
    head: str  # `■ 마을활동가 성장교육 (단위: 천원 · 2019. 9. 30. 기준)`
    rows: tuple[Row, ...]
    sources: tuple[tuple[str, str], ...] = ()  # (tag, citation): `출처 [1]: …` or `출처: …`
    notes: tuple[str, ...] = ()  # `※ …`


@dataclass(frozen=True, slots=True)
class AnswerView:
    """An answer card ready to draw: the question, its blocks, a closing word if nothing fits."""

    question: str
    blocks: tuple[Block, ...]
    closing: tuple[str, ...] = ()  # lines after the blocks (empty ones keep a blank line)


# A question asking for an amount in won (`… 몇 만원`, `원으로`, `원 단위`): the card adds
# each amount in won beside the report's own (70,000천원 (7,000만원)), never instead of it.
_ASKS_WON = re.compile(r"만\s*원|원\s*(?:으로|단위)|in won", re.IGNORECASE)


def asks_won(question: str) -> bool:
    """True when the question asks for amounts in won (`만원`, `원으로`, `원 단위`)."""
    return bool(_ASKS_WON.search(question))


def _amount(r: FigureRow, won: bool = False) -> str:
    """A row's value with its unit, and in won beside it when asked (`70,000천원 (7,000만원)`)."""
    text = amount(r, figure_value(r.value, r.value_text))
    # scale is the row's unit in won (천원 → 1000); None for counts, rates and dollars.
    if won and r.scale and r.unit != "%" and r.value is not None:
        text += f" ({in_won(r.value, r.scale)})"
    return text


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
                source = place(f0.doc, lines_at(list(dict.fromkeys(run))), part[0].section)
            rows.append(Row(label, counts, source))
        if runs == 1:  # one citation: under the block, not under its last line
            last = rows[-1]
            rows[-1] = Row(last.label, last.value)
            return Block("figures", head, tuple(rows), (("", last.source),))
        return Block("figures", head, tuple(rows))
    won = asks_won(card.question)
    unit = money_unit(card.figures)
    about = (unit and f"{word('unit')}: {unit}", as_of_text(f0.as_of or ""))
    facts = " · ".join(a for a in about if a)
    head += f" ({facts})" if facts else ""
    if len({r.table_id for r in card.figures}) > 1:  # a ranking across tables
        rows = [
            Row(
                r.program,
                _amount(r, won),
                place(r.doc, spot(None, r.line), r.section),
            )
            for r in card.figures
        ]
        return Block("figures", head, tuple(rows))
    rows = [
        # Several rows (정 원, 현 원) or a total row under a caption: name the row too.
        Row(
            r.label if r.program == card.program else f"{r.program} · {r.label}",
            _amount(r, won),
            asked=bool(r.measure) and r.measure in card.asked,  # what was asked
        )
        for r in card.figures
    ]
    cite = place(f0.doc, spot(None, f0.line), f0.section)
    return Block("figures", head, tuple(rows), (("", cite),))


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
    return Row("", cut, place(h.doc.path, spot(h.page, h.line), printable(h.section)))


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
        closing = (t("card.no_answer"),)
    elif not card.figures and card.change is None:
        closing = ("", t("card.no_figure"))
    return AnswerView(card.question, tuple(blocks), closing)
