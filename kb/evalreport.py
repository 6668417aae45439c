"""kb eval's report on the terminal: search ranks, figure lookups, answer cards, folds and
the structure of documents, in the catalogue's words (kb/i18n/commands.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .clihelp import cells
from .i18n import known, t

if TYPE_CHECKING:  # the results' types only: their modules load the index (kb.tuning)
    from .evaluation import EvalResult
    from .structure_eval import StructureEval
    from .tuning import CrossValidation


def print_eval(res: EvalResult) -> None:
    """One line a question, then the summary: answer cards, figure lookups or search ranks."""
    if res.per_query and "verdict" in res.per_query[0]:  # answer cards
        for p in res.per_query:
            verdict = _pad(t(f"eval.verdict_{p['verdict']}"), 5)
            click.echo(f"{p['id'] or '':<5} {verdict} {p['query']}  →  {p['program']}")
        counts = {v: sum(1 for p in res.per_query if p["verdict"] == v) for v in ("ok", "wrong")}
        click.echo(
            t(
                "eval.answers",
                n=res.n,
                ok=counts["ok"],
                wrong=counts["wrong"],
                silent=res.n - counts["ok"] - counts["wrong"],
                accuracy=f"{res.recall_at_1:.3f}",
                precision=f"{res.recall_at_5:.3f}",
            )
        )
        return
    if res.per_query and "got" in res.per_query[0]:  # figure lookups
        for p in res.per_query:
            verdict = _pad(t("eval.ok" if p["rank"] == 1 else "eval.fail"), 4)
            click.echo(f"{p['id'] or '':<5} {verdict} {p['query']}  →  {p['program']}")
        correct = sum(1 for p in res.per_query if p["rank"] == 1)
        click.echo(t("eval.figures", n=res.n, correct=correct))
        return
    for p in res.per_query:
        rank = t("eval.rank", rank=f"{p['rank'] or '-':>2}")
        click.echo(f"{p['id'] or '':<5} {rank}  {p['query']}")
    click.echo(
        t(
            "eval.search",
            n=res.n,
            r1=f"{res.recall_at_1:.3f}",
            r5=f"{res.recall_at_5:.3f}",
            mrr=f"{res.mrr_at_10:.3f}",
        )
    )


def _pad(text: str, width: int) -> str:
    """text padded to width terminal cells (Hangul is two wide)."""
    return text + " " * max(0, width - cells(text))


def print_folds(res: CrossValidation) -> None:
    """Each fold's scores, the held-out scores by language, the shipped constants' scores."""
    for f in res.folds:
        click.echo(
            t(
                "eval.fold",
                fold=f.fold,
                n=f.n,
                docs=len(f.groups),
                hybrid=f"{f.hybrid.recall_at_1:.3f}/{f.hybrid.recall_at_5:.3f}",
                lexical=f"{f.lexical.recall_at_1:.3f}/{f.lexical.recall_at_5:.3f}",
                vector=f"{f.vector.recall_at_1:.3f}/{f.vector.recall_at_5:.3f}",
                fitted=f.fitted or t("eval.prior"),
            )
        )
    click.echo(t("eval.held_out"))
    for lang, modes in res.by_language.items():
        row = "  ".join(
            f"{_mode_name(m)} {s.recall_at_1:.3f}/{s.recall_at_5:.3f}/{s.mrr_at_10:.3f}"
            for m, s in modes.items()
        )
        name = t(f"eval.lang_{lang}") if known(f"eval.lang_{lang}") else lang
        click.echo(f"  {_pad(name, 8)} ({modes['hybrid'].n:>3})  {row}")
    s = res.shipped["hybrid"]
    scores = f"{s.recall_at_1:.3f}/{s.recall_at_5:.3f}/{s.mrr_at_10:.3f}"
    click.echo(t("eval.shipped", scores=scores))


def _mode_name(mode: str) -> str:
    """A search mode's name in the language in use (one kb does not know yet: as it is)."""
    return t(f"eval.mode_{mode}") if known(f"eval.mode_{mode}") else mode


def print_structure(res: StructureEval) -> None:
    """Each document's extraction against its gold line, then the overall scores."""
    for d in res.documents:
        mark = lambda ok: "ok" if ok else "--"  # noqa: E731
        click.echo(
            t(
                "eval.doc",
                file=f"{d.file:<44}",
                title=mark(d.title),
                year=mark(d.year),
                issuer=mark(d.issuer),
                sections=f"{d.sections_found}/{d.sections_total}",
                cells=f"{d.cells_found}/{d.cells_total}",
                studies=f"{d.studies_found}/{d.studies_total}",
                programs=f"{d.programs_right}/{d.programs_stored}",
                absent="" if d.path else t("eval.not_indexed"),
            )
        )
        if not d.title:
            click.echo(t("eval.title_got", title=repr(d.title_got)))
        for heading in d.sections_missed:
            click.echo(t("eval.missed_heading", heading=heading))
        for heading in d.sentence_headings:
            click.echo(t("eval.sentence_heading", heading=heading))
        for c in d.cells_missed:
            cell = (
                f"{c.get('row_label')} × {c.get('column_label')} = "
                f"{c.get('value_text')} {c.get('unit') or ''}"
            )
            click.echo(t("eval.missed_cell", cell=cell))
        for study in d.studies_missed:
            click.echo(t("eval.missed_study", study=study))
        for name in d.programs_wrong:
            click.echo(t("eval.wrong_program", name=name))
    o = res.overall
    click.echo(
        t(
            "eval.structure",
            documents=f"{o['documents']:.0f}",
            title=f"{o['title']:.3f}",
            year=f"{o['year']:.3f}",
            issuer=f"{o['issuer']:.3f}",
            sr=f"{o['sections_recall']:.3f}",
            sp=f"{o['sections_precision']:.3f}",
            cr=f"{o['cells_recall']:.3f}",
            str_=f"{o['studies_recall']:.3f}",
            pp=f"{o['programs_precision']:.3f}",
        )
    )
