"""The structured half of the facade: figures, tables, programs, studies, answer cards.

A mixin of KnowledgeBase (kb/facade.py), which provides the connection, the embedder and
search; the CLI and the TUI see one API either way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .checks import check_table
from .embedders import Embedder
from .glossary import bilingual
from .i18n import t
from .numbers import format_number
from .text import query_text
from .types import (
    AnswerCard,
    ChangeAnswer,
    FigureRow,
    Hit,
    Mismatch,
    Program,
    ProgramHistory,
    ProgramMark,
    Series,
    Study,
    TableView,
)


class Lookups:
    """Figures, tables, programs, studies and answer cards over the open index."""

    if TYPE_CHECKING:  # provided by KnowledgeBase (kb/facade.py)

        def conn(self, create: bool = False) -> Any: ...

        def embedder(self) -> Embedder: ...

        def check_embedder(self, conn: Any) -> None: ...

        def search(self, query: str, k: int = 10, year: int | None = None) -> list[Hit]: ...

    def figures(
        self,
        query: str = "",
        year: int | None = None,
        measure: str | None = None,
        limit: int = 500,
    ) -> list[FigureRow]:
        """Figures whose program/label matches the query (fuzzy, spacing-insensitive)."""
        from index.structured import figures

        return figures(self.conn(), query, year, measure, limit)

    def trend(self, query: str, measure: str | None = None) -> Series:
        """The matching row's values by period across reports, revisions kept, each cited.

        `measure` keeps one column (`합계`, or a measure key such as `budget`) of tables
        whose columns are more than their period.
        """
        from index.trends import trend_figures

        from .trends import build_series

        return build_series(query, trend_figures(self.conn(), query), measure)

    def change_answer(self, question: str) -> ChangeAnswer | None:
        """For a change question (전년 대비, 증감, 추이 …): two values of the subject's series
        and the change, or the series, each value cited; None for other questions, or when
        no row surely names the subject. See kb.changes.
        """
        from index.answers import SURE_MATCH, ranking_measure
        from index.changes import caption_row
        from index.matching import split_query

        from .changes import answer_change, asks_a_year, asks_change, change_subject

        question = query_text(question)
        # A year alone (2024년 …) too: the reports may give it only by quarter, said so.
        if not asks_change(question) and not asks_a_year(question):
            return None
        subject = change_subject(question)
        key, measures = split_query(subject)
        measure = ranking_measure(subject, measures)
        series = self.trend(subject, measure)
        series.lines = [ln for ln in series.lines if ln.match >= SURE_MATCH]
        if measure and not series.lines:  # 지출 in a row's name (지출 및 순융자), not a column
            series = self.trend(subject)
            series.lines = [ln for ln in series.lines if ln.match >= SURE_MATCH]
        # No row is named so, but a table's caption is (해외직접투자 → 분기별 해외직접투자액
        # 추이 … 총투자): its first amount row.
        cap = caption_row(self.conn(), key)
        if cap is not None and (not series.lines or cap.score > series.lines[0].match):
            series = self.trend(cap.label, measure)
        return answer_change(question, series)

    def table(self, table_id: int) -> TableView | None:
        """A stored table, whole (caption, unit, as-of, header, rows, source)."""
        from index.structured import table

        return table(self.conn(), table_id)

    def check_figures(self) -> list[Mismatch]:
        """Totals against their rows, rates against amounts, one program across tables."""
        from index.structured import figure_groups, table, table_ids

        conn = self.conn()
        out: list[Mismatch] = []
        for tid in table_ids(conn):
            view = table(conn, tid)
            if view is None:
                continue
            for f in check_table(view.columns, view.rows):
                src = f"{view.doc}:{view.line + len(view.header) + f.row} {view.section}"
                out.append(
                    Mismatch(f.kind, f.label, f.column, f.expected, f.found, f.detail, [src])
                )
        for _doc, _key, measure, rows in figure_groups(conn):
            values = {r.value for r in rows if r.value is not None}
            if len(values) > 1 and len({r.table_id for r in rows}) > 1:
                a, b = rows[0], next(r for r in rows if r.value != rows[0].value)
                out.append(
                    Mismatch(
                        "cross",
                        a.program,
                        measure,
                        a.value or 0.0,
                        b.value or 0.0,
                        t(
                            "out.cross",
                            name=f"{a.program} {a.label}",
                            one=format_number(a.value),
                            other=format_number(b.value),
                        ),
                        [f"{r.doc}:{r.line} {r.section}" for r in (a, b)],
                    )
                )
        return out

    def programs(self, year: int | None = None) -> list[Program]:
        """Programs of each report (group, code, name, objective …), newest year first."""
        from index.structured import programs

        return programs(self.conn(), year)

    def program_marks(self, year: int | None = None) -> list[ProgramMark]:
        """Programs of each year (or one) marked new / continued / renamed against the year
        before, then the year before's programs this year lacks, marked discontinued."""
        from index.program_years import year_marks

        return year_marks(self.conn(), year)

    def program_history(self, program: Program) -> ProgramHistory:
        """The same program in the reports of other years (renamings followed), each year
        with its budget, spending and stated results, each cited."""
        from index.program_years import program_history

        return program_history(self.conn(), program)

    def program(self, name: str, year: int | None = None) -> Program | None:
        """The program best matching a name (spacing-insensitive)."""
        from index.structured import find_program

        return find_program(self.conn(), name, year)

    def program_figures(self, program: Program) -> list[FigureRow]:
        """Figures inside a program's part of its report."""
        from index.structured import program_figures

        return program_figures(self.conn(), program)

    def studies(self, query: str | None = None, year: int | None = None) -> list[Study]:
        """Research projects and outputs listed in the reports."""
        from index.structured import (
            set_study_vectors,
            studies,
            studies_by_meaning,
            studies_without_vectors,
        )
        from index.tx import transaction

        conn = self.conn()
        found = studies(conn, query, year)
        if found or not query or not query.strip():
            return found
        # No title shares the query's words ("youth jobs research"): nearest titles by meaning.
        self.check_embedder(conn)
        emb = self.embedder()
        if missing := studies_without_vectors(conn):  # stored before titles were embedded
            vecs = emb.embed_passages([title for _, title in missing])
            with transaction(conn):
                set_study_vectors(conn, [i for i, _ in missing], vecs)
        return studies_by_meaning(conn, emb.embed_query(bilingual(query)), year)

    def answer(self, question: str, year: int | None = None) -> AnswerCard:
        """The best passages, and the stored figures that surely answer; nothing invented."""
        question = query_text(question)
        passages = self.search(question, k=3, year=year)
        card = self.stored_answer(question, year, passages)
        if card is None:
            return AnswerCard(question, None, [], passages)
        return replace(card, passages=passages)

    def stored_answer(
        self, question: str, year: int | None = None, hits: list[Hit] | None = None
    ) -> AnswerCard | None:
        """The stored part of an answer card, for passages already found (the TUI's strip):
        a change question's values and change, else the figures that surely answer; None
        when neither. Its passages are left to the caller."""
        question = query_text(question)
        if (change := self.change_answer(question)) is not None:
            # A change question: the series' two values (or the series) are the figures.
            return AnswerCard(question, change.label, [], [], change=change)
        return self.figure_answer(question, year, hits)

    def figure_answer(
        self, question: str, year: int | None = None, hits: list[Hit] | None = None
    ) -> AnswerCard | None:
        """The figure part of an answer card, only when it surely fits the question.

        Sure means the question names the program, table or line the figures come from, or
        one of the top search hits holds that row: the two lookups agree. Otherwise None, so
        a screen never shows a guessed number. See index.answers for the ways of choosing.
        """
        from index.answers import is_sure
        from index.matching import split_query

        subject, measures = split_query(question)
        pick = self._pick_figures(question, subject, measures, year)
        if pick is None or not is_sure(pick, hits or []):
            return None
        asked = [m for m in measures if any(r.measure == m for r in pick.figures)]
        return AnswerCard(question, pick.title, pick.figures, [], asked)

    def _pick_figures(
        self, question: str, subject: str, measures: list[str], year: int | None
    ) -> Any:
        from index import answers
        from index.intent import asks_for_count, ranking
        from index.structured import best_caption, best_program, figures, latest_year

        if (order := ranking(question)) and (key := answers.ranking_measure(question, measures)):
            conn = self.conn()
            year = year if year is not None else latest_year(conn, key)
            return answers.ranked(figures(conn, year=year, measure=key, limit=100_000), key, order)
        rows = self.figures(question, year=year, limit=200)
        if not asks_for_count(question):
            # Budget rows by fuzzy name; other table rows (정원, 현원) only when the question
            # holds their name, so '실무자 교육 일정' does not bring up its targets table.
            # Counts in prose only answer "how many".
            return answers.table_rows(
                subject,
                [
                    r
                    for r in rows
                    if r.measure or (r.table_id and answers.contained(subject, r.program))
                ],
            )
        conn = self.conn()
        picks = [answers.table_rows(subject, [r for r in rows if answers.is_count(r)])]
        if line := answers.inline_line(subject, rows):
            f0 = line.figures[0]
            same = figures(conn, doc=f0.doc, section=f0.section)
            picks.insert(0, answers.whole_line(line, same))
        if cap := best_caption(conn, subject, answers.SURE_MATCH, year):
            table_id, caption, score = cap
            picks.append(answers.total_row(caption, score, figures(conn, table_id=table_id)))
        if prog := best_program(conn, subject, answers.SURE_MATCH, year):
            path, name, doc, score = prog
            results = figures(conn, doc=doc, section=path)
            picks.append(answers.program_results(name, score, results))
        return answers.best(answers.done_first(p) for p in picks)
