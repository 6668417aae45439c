"""The TUI's skin: rich Text for the screens, plain text for citations and copies.

Cards, labels, numbers and places come from kb/present (the CLI draws the same cards);
what is here is how Textual shows them: styles, the answer strip, the passage in context.
"""

from __future__ import annotations

import re

from rich.console import Group, RenderableType
from rich.text import Text

from kb.i18n import t
from kb.present.answers import Block, change_block
from kb.present.cards import figure_citation, program_citation, study_citation
from kb.present.cards import program_card as card_of
from kb.present.cards import program_title as program_label
from kb.present.labels import word
from kb.present.plain import part_lines
from kb.present.values import (
    COUNTERS,
    amount,
    as_of_text,
    doc_name,
    figure_value,
    line_groups,
    marked_text,
    money_unit,
    where,
)
from kb.present.years import years_card, years_notes, years_table
from kb.types import AnswerCard, FigureRow, Hit, Mismatch, Program, ProgramHistory

from .words import styled

HIGHLIGHT = "bold yellow"
# What the screens take from here besides the skin: kb.present's, under the names they use.
__all__ = [
    "doc_name",
    "figure_citation",
    "program_citation",
    "program_label",
    "study_citation",
    "where",
]


def section_tail(section: str, parts: int = 2) -> str:
    """The last `parts` levels of a section path (the informative end)."""
    bits = [b.strip() for b in section.split(" > ") if b.strip()]
    return " > ".join(bits[-parts:])


def short_section(section: str, parts: int = 3) -> str:
    """The end of a long section path, where the specific part is (`… > ② … > ※ …`)."""
    tail = section_tail(section, parts)
    return tail if tail == section.strip() else "… > " + tail


def terms_of(hit: Hit) -> list[str]:
    """The query terms a hit's snippet marks."""
    return sorted({hit.snippet[a:b] for a, b in hit.marks}, key=len, reverse=True)


def focus_snippet(
    snippet: str, marks: list[tuple[int, int]], lead: int = 14
) -> tuple[str, list[tuple[int, int]]]:
    """Cut the snippet so its first marked term is near the start (a hit shows one line)."""
    stripped = snippet.lstrip()  # a chunk opening on an indented line shows no indent
    shift = len(stripped) - len(snippet)
    marks = [(a + shift, b + shift) for a, b in marks]
    first = min((a for a, _ in marks), default=0)
    if first <= lead:
        return stripped, marks
    cut = stripped[first - lead :]
    kept = cut.lstrip()
    shift = 1 - (first - lead) - (len(cut) - len(kept))
    return "…" + kept, [(a + shift, b + shift) for a, b in marks]


def hit_prompt(hit: Hit) -> Text:
    """Three lines for the results list: rank + title + year + place, section, snippet."""
    head = Text(f"{hit.rank:>2}. ", style="bold")
    head.append(hit.doc.title, style="bold cyan")
    head.append(f"  {hit.doc.year or '----'} · {where(hit.page, hit.line)}", style="dim")
    out = Text.assemble(head, "\n    ")
    out.append(short_section(hit.section) or t("tui.no_section"), style="green")
    out.append("\n    ")
    out.append_text(marked_text(*focus_snippet(hit.snippet, hit.marks), HIGHLIGHT))
    return out


def highlighted(text: str, terms: list[str], style: str = HIGHLIGHT) -> Text:
    """Text with every occurrence of the terms highlighted (case-insensitive)."""
    out = Text(text)
    if terms:
        out.highlight_regex(
            re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE), style=style
        )
    return out


def hit_head(hit: Hit) -> Text:
    """Where a hit comes from: title, year, place, file, section."""
    out = Text(hit.doc.title + "\n", style="bold cyan")
    out.append(
        f"{hit.doc.year or '----'} · {where(hit.page, hit.line)} · {doc_name(hit.doc.path)}\n",
        style="dim",
    )
    out.append(hit.section or t("tui.no_section"), style="green")
    return out


def hit_context(hit: Hit, around: list[Hit], terms: list[str]) -> tuple[Text, Text, Text]:
    """(before, this passage, after): the whole chunk, terms lit, between its neighbours."""
    parts = {"before": Text(), "current": Text(), "after": Text()}
    for h in around or [hit]:
        current = h.chunk_id == hit.chunk_id
        label = "current" if current else ("before" if h.line < hit.line else "after")
        out = parts[label]
        head = f"── {t('tui.ctx.' + label)} · {where(h.page, h.line)} "
        out.append(head, style="bold" if current else "dim")
        if not current and h.section != hit.section:
            out.append("· " + section_tail(h.section), style="dim green")
        out.append("\n")
        out.append_text(highlighted(h.text, terms) if current else Text(h.text, style="dim"))
        out.append("\n")
    return parts["before"], parts["current"], parts["after"]


def hit_detail(hit: Hit, around: list[Hit], terms: list[str]) -> Text:
    """Head and context in one Text (for copies and tests)."""
    before, current, after = hit_context(hit, around, terms)
    return Text("\n").join([hit_head(hit), before, current, after])


def hit_citation(hit: Hit) -> str:
    """One-line citation of a hit: title (year), section, page/line, file."""
    return (
        f"{hit.doc.title} ({hit.doc.year or t('tui.no_date')}), {hit.section}, "
        f"{where(hit.page, hit.line)} [{doc_name(hit.doc.path)}]"
    )


def hit_markdown(hit: Hit) -> str:
    """A hit as a Markdown block: citation then the whole passage."""
    return f"**{hit_citation(hit)}**\n\n{hit.text}\n"


# -- figures ------------------------------------------------------------------------------
# The measures an answer strip shows, in this order (the card in the Figures tab has all).
STRIP_MEASURES = ("budget", "committed", "spent", "spent_rate")


def change_strip(block: Block) -> Text:
    """A change (both values, the change in the line's unit and %) or a series, above the
    results: the answer card's change block (kb.present.answers), its sources under it."""
    out = Text("■ ", style="bold green")
    out.append(block.head.removeprefix("■ "), style="bold")
    for row in block.rows:
        out.append(f"  {row.label} ", style="dim")
        out.append(row.value, style="bold")
        if row.earlier:  # what an earlier release printed for the same period
            out.append(f" ({word('revised')} {', '.join(e.value for e in row.earlier)})")
        if row.note:
            out.append(f" {row.note}", style="dim")
    cites = [c for row in block.rows for c in (row.source, *(e.source for e in row.earlier))]
    cites += [f"{tag} {cite}".strip() for tag, cite in block.sources]
    if cites := list(dict.fromkeys(c for c in cites if c)):
        out.append(f"\n{word('cite')}: " + " · ".join(cites), style="dim")
    for note in block.notes:
        out.append(f"\n※ {note}", style="dim")
    return out


def answer_strip(card: AnswerCard) -> Text:
    """One or two lines above the results: the stored figures that answer the query, or a
    change question's values and change."""
    if card.change is not None:
        return change_strip(change_block(card.change))
    out = Text("■ ", style="bold green")
    out.append(card.program or "", style="bold")
    rows = card.figures
    f0 = rows[0]
    if f0.table_id is None:  # counts stated in prose, one group per line and label
        for part in line_groups(rows):
            # The title is on the strip already: "마을활동가 성장교육 통합설명회" → "통합설명회".
            label = part[0].program.removeprefix(card.program or "").strip()
            out.append(f"  {label} " if label else "  ", style="dim")
            out.append(", ".join(amount(r, figure_value(r.value)) for r in part), style="bold")
    else:
        names = list(dict.fromkeys(r.program for r in rows))
        if len(names) > 1:  # 정 원 · 현 원: the first column of each row (계), side by side
            picked = [next(r for r in rows if r.program == n) for n in names][:4]
        else:
            # The usual four, and whatever else the question named (집행률 원인행위).
            wanted = [*STRIP_MEASURES, *(m for m in card.asked if m not in STRIP_MEASURES)]
            picked = [r for m in wanted for r in rows if r.measure == m] or rows[:4]
        ranking = len({r.table_id for r in rows}) > 1  # one measure, program by program
        for r in picked:
            name = r.label if r.program == card.program else f"{r.program} · {r.label}"
            name = r.program if ranking else name
            out.append(f"  {name} ", style="dim")
            value = figure_value(r.value, r.value_text)
            asked = bool(r.measure) and r.measure in card.asked
            style = "bold reverse" if asked else "bold"  # the number the question asked for
            out.append(amount(r, value) if r.unit in COUNTERS else value, style=style)
            if r.unit == "%":
                out.append("%", style=style)
        about = [money_unit(rows) or "", as_of_text(f0.as_of) if f0.as_of else ""]
        if any(about):
            out.append(f"  ({', '.join(a for a in about if a)})", style="dim")
    if len({r.table_id for r in rows}) == 1 or f0.table_id is None:  # a ranking has many
        out.append(f"  {where(f0.page, f0.line)} · {section_tail(f0.section, 1)}", style="dim")
    return out


def figure_source(row: FigureRow) -> str:
    """Where a figure comes from, short: place in the document and section end."""
    return f"{where(row.page, row.line)} · {section_tail(row.section, 1)}"


def mismatch_text(m: Mismatch) -> Text:
    """A consistency warning, never silently fixed."""
    out = Text("⚠ ", style="bold red")
    found = t("tui.mismatch", expected=figure_value(m.expected), found=figure_value(m.found))
    out.append(f"{m.program} · {m.measure}: {found}", style="red")
    if m.detail:
        out.append(f" — {m.detail}", style="red")
    for s in m.sources:
        out.append(f"\n    {short_source(s)}", style="dim")
    return out


def short_source(source: str) -> str:
    """`/abs/path/file.txt:185 section` → `file.txt:185 section` (no machine paths on screen)."""
    m = re.match(r"^(.*?):(\d+)(\s.*)?$", source)
    if not m:
        return source
    return f"{doc_name(m.group(1))}:{m.group(2)}{m.group(3) or ''}"


# -- programs -----------------------------------------------------------------------------
def program_card(p: Program, figures: list[FigureRow]) -> Text:
    """The program card (kb.present.cards, as `kb program` prints it): parts, figures with
    their places, source."""
    card = card_of(p, figures)
    out = Text(card.title + "\n", style="bold cyan")
    out.append(f"{card.year or '----'} · {card.report}\n", style="dim")
    out.append(card.section + "\n", style="green")
    for part in card.parts:
        out.append(f"\n{part.label}\n", style="bold")
        for line in part_lines(part):
            out.append(line + "\n")
    out.append(f"\n{card.source_label}: ", style="bold")
    out.append(card.source + "\n", style="dim")
    return out


def program_markdown(p: Program, figures: list[FigureRow]) -> str:
    """The program card as Markdown (for the clipboard); figures in a block, as aligned."""
    card = card_of(p, figures)
    lines = [f"## {card.title}", "", f"*{card.report} ({card.year or t('tui.no_date')})*", ""]
    for part in card.parts:
        lines += [f"### {part.label}", ""]
        body = part_lines(part)
        lines += ["```text", *body, "```", ""] if part.groups else [*body, ""]
    lines += [f"{card.source_label}: {program_citation(p)}", ""]
    return "\n".join(lines)


def years_view(history: ProgramHistory) -> RenderableType:
    """The program's years side by side (name, budget, spent, results, sources), as `kb
    program NAME` prints them (kb.present.years), with the notes that it is new or ended."""
    card = years_card(history)
    table = years_table(card)
    if table is None:
        return years_notes(card)
    return Group(years_notes(card), Text(""), table) if card.notes else Group(Text(""), table)


def welcome_text() -> Text:
    """What the results area says before the first query."""
    out = Text(t("tui.welcome.head") + "\n\n", style="bold")
    examples = [Text(x, style="bold green") for x in EXAMPLES]
    out.append_text(styled("tui.welcome.try", a=examples[0], b=examples[1]))
    out.append("\n")
    out.append_text(styled("tui.welcome.figures", a=examples[2], b=examples[3]))
    out.append(f"\n\n{t('tui.welcome.keys')}\n{t('tui.welcome.copy')}\n")
    out.append(t("tui.welcome.filters"), style="dim")
    return out


# Queries the welcome text offers: two searches, then two questions for stored figures.
EXAMPLES = (
    "청년 활동가 교육 예산",
    "주민자치회 평가 연구",
    "마을활동가 성장교육 참여 인원",
    "집행률이 가장 낮은 사업",
)
