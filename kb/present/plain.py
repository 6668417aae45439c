"""Cards as plain text: `kb answer`'s card (and the TUI's copy of it), ready to paste into a
reply, and the lines of a program card's figures that both skins print."""

from __future__ import annotations

from ..types import AnswerCard
from .answers import AnswerView, Block, answer_view
from .cards import Group, Part, Row
from .labels import word


def row_lines(row: Row, indent: str = "  ") -> list[str]:
    """`  - 뿌리과정: 10회, 135명`, then its citation and earlier reports' figures under it."""
    head = f"{indent}- {row.label}: {row.value}" if row.label else f"{indent}- {row.value}"
    head += ("  ◀" if row.asked else "") + (f"  {row.note}" if row.note else "")
    lines = [head]
    if row.source:
        lines.append(f"{indent}  {word('cite')}: {row.source}")
    lines += [f"{indent}  {e.label}: {e.value} · {word('cite')}: {e.source}" for e in row.earlier]
    return lines


def block_lines(block: Block) -> list[str]:
    """A block of an answer card: a blank line, its head, its rows, sources and notes."""
    lines = [f"\n{block.head}"]
    for row in block.rows:
        lines += row_lines(row)
    for tag, cite in block.sources:
        lines.append(f"  {word('cite')}{' ' + tag if tag else ''}: {cite}")
    lines += [f"  ※ {note}" for note in block.notes]
    return lines


def view_text(view: AnswerView) -> str:
    """An answer card's model as plain text."""
    lines = [f"Q. {view.question}"]
    for block in view.blocks:
        lines += block_lines(block)
    return "\n".join([*lines, *view.closing])


def answer_text(card: AnswerCard) -> str:
    """A plain-text answer card, ready to paste into a reply; every number is stored."""
    return view_text(answer_view(card))


def group_lines(key: str, group: Group) -> list[str]:
    """A program card's figure group: a budget row's head and its measures one line each
    (the budget part), or a line of counts with its place (the counts part)."""
    if key == "budget":
        head = f"  {group.title}  ({', '.join([*group.about, group.source])})"
        measures = [" · ".join(f"{r.label} {r.value}" for r in ln) for ln in group.lines]
        return [head, *(f"    {m}" for m in measures)]
    values = ", ".join(r.value for ln in group.lines for r in ln)
    return [f"  - {group.title}: {values}  ({group.source})"]


def part_lines(part: Part) -> list[str]:
    """A program card's part without its label: its prose, or its groups' lines."""
    if part.groups:
        return [line for g in part.groups for line in group_lines(part.key, g)]
    return [part.text]
