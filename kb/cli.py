"""The `kb` command: parse arguments, call one facade method, format the result."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

import click

from .clihelp import Choice, IntRange, KbOption, PathType, TranslatedGroup, cells, option
from .config import Settings
from .errors import KbError
from .evalreport import print_eval, print_folds, print_structure
from .facade import KnowledgeBase
from .i18n import known, set_language, t
from .progress import IngestTally
from .text import printable
from .types import FigureRow, Hit


def _kb(ctx: click.Context) -> KnowledgeBase:
    return ctx.obj["kb"]  # type: ignore[no-any-return]


def _echo_json(data: object) -> None:
    """Print JSON as the README's interface says: UTF-8 Korean, indented."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


# A report year: four digits (an unbounded integer overflowed SQLite's 64-bit column).
YEAR = IntRange(1900, 2999)

F = TypeVar("F", bound=Callable[..., Any])


# Options several commands take, declared once; each command may word its help.
def year_option(help: str = "cli.opt.year") -> Callable[[F], F]:
    """`--year`: a four-digit report year, or None."""
    return option("--year", type=YEAR, default=None, help=help)


def json_option(help: str = "cli.opt.json") -> Callable[[F], F]:
    """`--json` (parameter `as_json`): print one JSON value instead of text."""
    return option("--json", "as_json", is_flag=True, help=help)


GLOBAL_OPTIONS = ("--db", "--embedder", "--lang")


class KbGroup(TranslatedGroup):
    """The command group; its options are also accepted after the command name
    (`kb search 예산 --db other.db`), as users type them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Move --db/--embedder/--lang given after the command to before it, then parse.

        `--lang` is read here, before any help page can be drawn."""
        _choose_language(args)
        front: list[str] = []
        rest: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            if arg == "--":  # everything after is an argument, even `--db`
                rest.extend(args[i:])
                break
            name = arg.split("=", 1)[0]
            if rest and name in GLOBAL_OPTIONS:
                takes_next = "=" not in arg and i + 1 < len(args)
                front.extend(args[i : i + 2] if takes_next else [arg])
                i += 2 if takes_next else 1
                continue
            rest.append(arg)
            i += 1
        return super().parse_args(ctx, front + rest)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse the group's own arguments; a bad one is told in the language in use."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise KbUsageError.of(exc) from exc

    def invoke(self, ctx: click.Context) -> Any:
        """Run the group and its command; a KbError becomes one `오류: …` line, exit 1.

        The one place where this happens: commands let KbError through (the user can act
        on it); any other exception is a bug, reported by main(). A command's bad argument
        is told here too, with the catalogue's words.
        """
        try:
            return super().invoke(ctx)
        except KbError as exc:
            raise KbException(str(exc)) from exc
        except click.UsageError as exc:
            raise KbUsageError.of(exc) from exc


class KbException(click.ClickException):
    """A KbError on its way out: `오류: …` (English: `Error: …`) on stderr, exit 1."""

    def show(self, file: Any = None) -> None:
        """One line, prefixed in the language in use (click's own prefix is English)."""
        click.echo(t("err.prefix", message=self.format_message()), err=file is None, file=file)


# click 8.4's own exception for an unknown command (older clicks raise a plain UsageError,
# whose English message is then shown as click words it).
_NO_SUCH_COMMAND: Any = getattr(click.exceptions, "NoSuchCommand", None)


# click's refusal of arguments left over once a command took its own: a plain UsageError,
# known only by its words.
_EXTRA = re.compile(r"Got unexpected extra arguments? \((.*)\)$")


class KbUsageError(click.UsageError):
    """A bad command line: the usage, a hint and the error in the language in use."""

    @classmethod
    def of(cls, exc: click.UsageError) -> KbUsageError:
        """The same error, its message in the catalogue's words where kb knows click's."""
        if isinstance(exc, KbUsageError):
            return exc
        message = exc.format_message()
        if isinstance(exc, click.MissingParameter) and exc.param is not None:
            kind = "err.missing_argument"
            if isinstance(exc.param, click.Option):
                kind = "err.missing_option"
            name = exc.param.get_error_hint(exc.ctx) if exc.ctx else exc.param.human_readable_name
            message = t(kind, name=name)
        elif _NO_SUCH_COMMAND is not None and isinstance(exc, _NO_SUCH_COMMAND):
            message = t("err.no_such_command", name=exc.command_name)
            if exc.possibilities:
                message += f" ({', '.join(exc.possibilities)}?)"
        elif isinstance(exc, click.NoSuchOption):
            message = t("err.no_such_option", name=exc.option_name)
            if exc.possibilities:
                message += f" ({', '.join(sorted(exc.possibilities))}?)"
        elif isinstance(exc, click.BadParameter) and exc.param is not None and exc.ctx:
            name = exc.param.get_error_hint(exc.ctx)
            message = t("err.bad_value", name=name, message=exc.message)
        elif isinstance(exc, click.BadOptionUsage) and "requires" in message:
            message = t("click.needs_value", name=repr(exc.option_name))
        elif extra := _EXTRA.match(message):
            message = t("click.extra", args=extra[1])
        return cls(message, exc.ctx)

    def show(self, file: Any = None) -> None:
        """The usage line, where to find help, then `오류: …` (click's words are English)."""
        out = file if file is not None else sys.stderr
        if self.ctx is not None:
            hint = ""
            if self.ctx.command.get_help_option(self.ctx) is not None:
                option = self.ctx.help_option_names[0]
                hint = t("err.try_help", command=self.ctx.command_path, option=option) + "\n"
            click.echo(f"{self.ctx.get_usage()}\n{hint}", file=out, color=self.ctx.color)
        click.echo(t("err.prefix", message=self.format_message()), file=out)


class VersionLine(str):
    """click's `--version` message, worded when shown: the decorator is read before --lang."""

    __slots__ = ()

    def __mod__(self, values: Any) -> str:
        return t("out.version", prog=values["prog"], version=values["version"])


def _choose_language(args: list[str]) -> None:
    """Use the language `--lang` names among args (the last one wins), if any."""
    lang = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    # Each run starts from the environment's language (tests run many in one process).
    set_language(lang if lang in ("ko", "en") else None)  # type: ignore[arg-type]


@click.group(
    cls=KbGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="cli.group",
)
@option(
    "--db",
    # A str, not a Path: a server URL (postgresql://USER@HOST/DB) must keep its '//';
    # Settings.with_overrides makes a file's path a Path.
    type=PathType(dir_okay=False, path_type=str),
    default=None,
    help="cli.opt.db",
)
@option("--embedder", default=None, help="cli.opt.embedder")
@option(
    "--lang",
    type=Choice(["ko", "en"]),
    default=None,
    help="cli.opt.lang",
)
@click.version_option(
    package_name="kb", message=VersionLine("%(prog)s"), cls=KbOption, help="help.version"
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, embedder: str | None, lang: str | None) -> None:
    """kb: search Korean institutional reports by meaning and by words."""
    settings = Settings.from_env().with_overrides(db=db, embedder=embedder)
    if ctx.invoked_subcommand is None:
        # `kb` alone: a short start in the users' language, not the full option list.
        click.echo(t("cli.first_steps"))
        return
    ctx.obj = {"kb": KnowledgeBase(settings)}
    ctx.call_on_close(ctx.obj["kb"].close)


@cli.command(help="cli.ingest")
@click.argument("paths", nargs=-1, required=True)
@year_option("cli.ingest.year")
@option("--prune", is_flag=True, help="cli.ingest.prune")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], year: int | None, prune: bool) -> None:
    """Read PDF, HWP, HWPX, DOCX, XLSX, HTML, TXT and MD files or folders into the index
    (unchanged files are skipped)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    err = Console(stderr=True)
    kb = _kb(ctx)
    log = not err.is_terminal  # a log file gets one line per document and stage instead

    def line(text: str) -> None:
        err.print(printable(text), highlight=False, markup=False, soft_wrap=True)

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
        # Off a terminal the bar draws nothing but a blank line, which an error line followed.
        disable=log,
    ) as bar:
        # Two stages: words (searchable at once) as files are parsed, vectors as they are
        # embedded. The second bar counts chunks: its total grows as files are parsed.
        words, vectors = t("out.stage_words"), t("out.stage_vectors")
        parsed = bar.add_task(words, total=None)
        embedded = bar.add_task(vectors, total=0, visible=False)
        tally = IngestTally()
        place: dict[str, str] = {}  # path → "n/N" of its file

        def on_progress(stage: str, path: str, done: int, total: int) -> None:
            tally.update(stage, path, done, total)
            if stage == "file":
                place[path] = f"{done + 1}/{total}"
            reading = printable(Path(tally.reading).name)
            bar.update(
                parsed,
                completed=tally.files_seen,
                total=tally.files_total,
                description=f"{words}   {reading}" if reading else words,
            )
            bar.update(
                embedded,
                completed=tally.chunks_done + tally.chunks_now,
                total=tally.chunks_total,
                visible=tally.chunks_total > 0,
                description=f"{vectors} {printable(Path(tally.embedding).name)}",
            )
            if not log:
                return
            if stage == "words":
                line(t("out.ingest_words", place=place.get(path, ""), path=path, done=done))
            elif stage == "resume":
                line(t("out.ingest_resuming", done=done, total=total))
            elif stage == "vectors":
                line(t("out.ingest_vectors", path=path, done=done))

        report = kb.ingest(paths, year=year, progress=on_progress, prune=prune)
    for path, reason in report.failed:
        err.print(
            f"[red]{t('out.ingest_failed')}[/red]: {escape(printable(path))}: "
            f"{escape(printable(reason))}",
            highlight=False,
            soft_wrap=True,
        )
    for old, new in report.renamed:
        line(t("out.ingest_renamed", old=old, new=new))
    for path in report.pruned:
        line(t("out.ingest_pruned", path=path))
    if report.resumed:
        line(t("out.ingest_resumed", n=len(report.resumed)))
    pruned = t("out.ingest_pruned_count", n=len(report.pruned)) if prune else ""
    summary = t(
        "out.ingest_summary",
        added=len(report.added),
        replaced=len(report.replaced),
        unchanged=len(report.unchanged),
        renamed=len(report.renamed),
        pruned=pruned,
        failed=len(report.failed),
        chunks=report.chunks,
        location=kb.location,
    )
    click.echo(summary)
    if report.failed:
        sys.exit(1)


def _hit_json(hit: Hit) -> dict[str, Any]:
    return asdict(hit)


@cli.command(help="cli.search")
@click.argument("query")
@option("-k", "k", type=IntRange(1, 1000), default=10, show_default=True, help="cli.search.k")
@year_option("cli.search.year")
@option("--doc", default=None, help="cli.search.doc")
@option(
    "--mode",
    type=Choice(["hybrid", "vector", "lexical"]),
    default="hybrid",
    show_default=True,
    help="cli.search.mode",
)
@option("--fts-raw", is_flag=True, help="cli.search.fts_raw")
@json_option("cli.opt.json_array")
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    k: int,
    year: int | None,
    doc: str | None,
    mode: str,
    fts_raw: bool,
    as_json: bool,
) -> None:
    """Search the index by meaning and by words."""
    kb = _kb(ctx)
    try:
        hits = kb.search(query, k=k, year=year, doc=doc, mode=mode, raw_fts=fts_raw)
        waiting = kb.waiting()[0] if mode != "lexical" else 0
    except KbError:
        raise
    except Exception as exc:  # e.g. FTS5 syntax errors with --fts-raw
        if fts_raw:
            raise KbError(t("err.fts", message=exc)) from exc
        raise
    if waiting:  # on stderr: --json output stays one JSON value
        click.echo(t("out.search_waiting", n=waiting), err=True)
    if as_json:
        _echo_json([_hit_json(h) for h in hits])
        return
    from .render import print_hits

    print_hits(hits, query)


@cli.command(help="cli.stats")
@json_option()
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of documents, sections, chunks and tables; the embedder in use."""
    s = _kb(ctx).stats()
    if as_json:
        _echo_json(s.to_json())
        return
    click.echo(t("out.stats_db", db=s.db, mb=f"{s.size_bytes / 1e6:.1f}"))
    click.echo(t("out.stats_embedder", name=s.embedder, dim=s.dim))
    counts = {"sections": s.sections, "chunks": s.chunks, "tables": s.tables}
    click.echo(t("out.stats_counts", documents=s.documents, **counts))
    if s.waiting_documents:
        click.echo(t("out.stats_waiting", documents=s.waiting_documents, chunks=s.waiting_chunks))
    for d in s.docs:
        year = d["year"] or "----"
        line = t("out.stats_doc", year=year, chunks=d["chunks"], title=d["title"], path=d["path"])
        click.echo(printable(line))


@cli.command(name="copy", help="cli.copy")
@click.argument("src")
@click.argument("dst")
@json_option()
@click.pass_context
def copy_index(ctx: click.Context, src: str, dst: str, as_json: bool) -> None:
    """Copy the index at SRC into an empty one at DST (a file or postgresql://…)."""
    source = KnowledgeBase(_kb(ctx).settings.with_overrides(db=src))
    try:
        copied = source.copy_to(dst)
    finally:
        source.close()
    if as_json:
        _echo_json(copied)
        return
    # Each table in the catalogue's words; one it does not know yet as `12 name`.
    click.echo(
        ", ".join(
            t(f"copied.{table}", n=n) if known(f"copied.{table}") else f"{n} {table}"
            for table, n in copied.items()
        )
    )


@cli.command(help="cli.doctor")
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Check the SQLite build (or the server), sqlite-vec loading, the embedder and the index."""
    checks = _kb(ctx).doctor()
    # A check's name in the catalogue's words; one kb does not know yet as it is.
    names = {n: t(f"doctor.{n}") if known(f"doctor.{n}") else n for n, _, _ in checks}
    width = max(cells(n) for n in names.values()) if names else 10
    for name, ok, detail in checks:
        shown = names[name]
        mark = t("doctor.ok") if ok else t("doctor.fail")
        click.echo(f"{mark}  {shown}{' ' * (width - cells(shown))} {detail}")
    if not all(ok for _, ok, _ in checks):
        sys.exit(1)


@cli.command(name="eval", help="cli.eval")
@click.argument("file", type=PathType(exists=True, dir_okay=False, path_type=Path))
@option(
    "--mode",
    type=Choice(["hybrid", "vector", "lexical", "answers", "structure"]),
    default="hybrid",
    show_default=True,
    help="cli.eval.mode",
)
@option("--folds", type=IntRange(2, 50), default=None, help="cli.eval.folds")
@json_option()
@click.pass_context
def eval_(ctx: click.Context, file: Path, mode: str, folds: int | None, as_json: bool) -> None:
    """Recall@1, Recall@5 and MRR@10 on {query, gold_any} lines; figure lookups on
    {query, expect} lines (every expected measure value must be the top row's); with
    --mode answers, whether answer cards hold the count stated in each gold passage; with
    --mode structure, what ingest extracted from each document against its gold line."""
    if mode == "structure":
        _eval_structure(_kb(ctx), file, as_json)
        return
    if folds:
        _eval_folds(_kb(ctx), file, folds, as_json)
        return
    res = _kb(ctx).evaluate(file, mode=mode)
    if as_json:
        _echo_json(asdict(res))
        return
    print_eval(res)


def _eval_folds(kb: KnowledgeBase, file: Path, folds: int, as_json: bool) -> None:
    res = kb.evaluate_folds(file, folds)
    if as_json:
        _echo_json(res.as_json())
        return
    print_folds(res)


def _eval_structure(kb: KnowledgeBase, file: Path, as_json: bool) -> None:
    res = kb.evaluate_structure(file)
    if as_json:
        _echo_json(res.as_json())
        return
    print_structure(res)


def _figure_json(row: FigureRow) -> dict[str, Any]:
    d = asdict(row)
    d.pop("doc_title")
    return d


@cli.command(help="cli.figures")
@click.argument("words", nargs=-1)
@year_option()
@option("--measure", default=None, help="cli.figures.measure")
@option("--check", is_flag=True, help="cli.figures.check")
@option(
    "-n",
    "limit",
    type=IntRange(1, 100_000),
    default=200,
    show_default=True,
    help="cli.figures.limit",
)
@json_option("cli.opt.json_array")
@click.pass_context
def figures(
    ctx: click.Context,
    words: tuple[str, ...],
    year: int | None,
    measure: str | None,
    check: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Look up figures by program or label (fuzzy, spacing-insensitive), with sources."""
    kb = _kb(ctx)
    query = " ".join(words)
    if check:
        found = kb.check_figures()
        if as_json:
            _echo_json([asdict(m) for m in found])
        else:
            from .render import print_mismatches

            print_mismatches(found)
        return
    rows = kb.figures(query, year=year, measure=measure, limit=limit)
    if as_json:
        _echo_json([_figure_json(r) for r in rows])
        return
    from .render import print_figures

    print_figures(rows, query)


@cli.command(help="cli.trend")
@click.argument("words", nargs=-1, required=True)
@option("--measure", default=None, help="cli.trend.measure")
@json_option("cli.opt.json_fields")
@click.pass_context
def trend(ctx: click.Context, words: tuple[str, ...], measure: str | None, as_json: bool) -> None:
    """A table row's values by period across reports: revisions, changes, sources."""
    series = _kb(ctx).trend(" ".join(words), measure=measure)
    if as_json:
        _echo_json(asdict(series))
        return
    from .render import print_series

    print_series(series)


@cli.command(help="cli.programs")
@year_option()
@json_option()
@click.pass_context
def programs(ctx: click.Context, year: int | None, as_json: bool) -> None:
    """The program tree of each report: year → report → group → program."""
    found = _kb(ctx).programs(year)
    marks = _kb(ctx).program_marks(year)  # new, renamed, discontinued against the year before
    if as_json:
        from .render import programs_json

        _echo_json(programs_json(found, marks))
        return
    from .render import print_program_tree

    print_program_tree(found, marks=marks)


@cli.command(help="cli.program")
@click.argument("words", nargs=-1, required=True)
@year_option()
@json_option()
@click.pass_context
def program(ctx: click.Context, words: tuple[str, ...], year: int | None, as_json: bool) -> None:
    """A program's card: objective, contents, results, figures, plans, sources."""
    kb = _kb(ctx)
    name = " ".join(words)
    found = kb.program(name, year)
    if found is None:
        raise KbError(t("err.no_program", name=name))
    rows = kb.program_figures(found)
    history = kb.program_history(found)  # the same program in other years' reports
    if as_json:
        years = [asdict(y) for y in history.years]
        figures = [_figure_json(r) for r in rows]
        ended = history.discontinued_in
        _echo_json(asdict(found) | {"figures": figures, "years": years, "discontinued_in": ended})
        return
    from .render import print_program, print_program_years

    print_program(found, rows)
    print_program_years(history)


@cli.command(help="cli.studies")
@click.argument("words", nargs=-1)
@year_option()
@json_option()
@click.pass_context
def studies(ctx: click.Context, words: tuple[str, ...], year: int | None, as_json: bool) -> None:
    """Research projects and outputs (title, year, category, method), optionally by topic."""
    query = " ".join(words) or None
    found = _kb(ctx).studies(query, year)
    if as_json:
        _echo_json([asdict(s) for s in found])
        return
    from .render import print_studies

    print_studies(found, query)


@cli.command(help="cli.answer")
@click.argument("words", nargs=-1, required=True)
@year_option()
@json_option()
@click.pass_context
def answer(ctx: click.Context, words: tuple[str, ...], year: int | None, as_json: bool) -> None:
    """An answer card: stored figure rows and passages with citations (nothing invented)."""
    question = " ".join(words)
    card = _kb(ctx).answer(question, year)
    if as_json:
        _echo_json(asdict(card))
        return
    from .present.plain import answer_text

    click.echo(answer_text(card))


@cli.command(help="cli.tui")
@click.pass_context
def tui(ctx: click.Context) -> None:
    """Open the terminal UI: search, figures, programs by year, studies."""
    from tui.app import create_app

    create_app(_kb(ctx)).run()


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="kb")
    except KbError as exc:  # past the group's invoke (closing the index): still one line
        click.echo(t("err.prefix", message=exc), err=True)
        sys.exit(1)
    except Exception as exc:
        # A bug, not the user's input: one line that says so, and the traceback on request.
        if os.environ.get("KB_DEBUG"):
            raise
        internal = t("err.internal", kind=type(exc).__name__, message=exc)
        click.echo(t("err.prefix", message=internal), err=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
