"""Screen 3: programs as a tree (year → report → group → program) and the program's card.

A year's tree marks its programs against the year before as `kb programs` does (new,
renamed, and the year before's programs it lacks, discontinued), from the same facade data
(KnowledgeBase.program_marks); a program's card ends with its years side by side as `kb
program NAME` shows them (KnowledgeBase.program_history).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from kb.i18n import t
from kb.present import labels
from kb.text import compact
from kb.types import FigureRow, Program, ProgramHistory, ProgramMark

from .base import View
from .export import Export
from .format import (
    doc_name,
    program_card,
    program_citation,
    program_label,
    program_markdown,
    years_view,
)
from .messages import (
    ProgramFiguresLoaded,
    ProgramHistoryLoaded,
    ProgramMarksLoaded,
    ProgramsLoaded,
)
from .words import localize_bindings

NodeData = Program | None


def mark_key(p: Program) -> tuple[int | None, str]:
    """A program of a year by its name, as the marks name it (two reports of a year listing
    one name list one program)."""
    return p.year, compact(p.name)


def mark_text(mark: ProgramMark | None) -> Text:
    """`  [신규 new]`, `  [명칭 변경 renamed] ← old name`, or nothing."""
    out = Text()
    if mark is not None and mark.status in ("new", "renamed"):
        out.append(f"  [{labels.label(mark.status)}]", style="bold green")
        if mark.status == "renamed" and mark.previous_name:
            out.append(f" ← {mark.previous_name}", style="dim")
    return out


def build_tree(
    root: TreeNode[NodeData], programs: list[Program], marks: list[ProgramMark] | None = None
) -> dict[str, TreeNode[NodeData]]:
    """Add year → report → group → program nodes under root; return program leaves by key.

    With marks, new and renamed programs say so, and each year gets a branch of the year
    before's programs it lacks (discontinued; a leaf holds the year before's program).
    """
    nodes: dict[tuple[Any, ...], TreeNode[NodeData]] = {}
    leaves: dict[str, TreeNode[NodeData]] = {}
    shown = {mark_key(m.program): m for m in marks or [] if m.status != "discontinued"}

    def branch(key: tuple[Any, ...], parent: TreeNode[NodeData], label: Text) -> TreeNode[NodeData]:
        """The node for key under parent, created once."""
        if key not in nodes:
            nodes[key] = parent.add(label, expand=True)
        return nodes[key]

    # Newest year first; within a report, the report's own order (by line).
    ordered = sorted(programs, key=lambda p: (-(p.year or 0), p.doc, p.line))
    for p in ordered:
        year = branch((p.year,), root, Text(str(p.year or t("tui.programs.no_year")), style="bold"))
        report = branch((p.year, p.doc), year, Text(p.doc_title or doc_name(p.doc), style="cyan"))
        group = branch(
            (p.year, p.doc, p.group),
            report,
            Text(p.group or t("tui.programs.no_group"), style="green"),
        )
        label = Text(program_label(p)) + mark_text(shown.get(mark_key(p)))
        leaf = group.add_leaf(label, data=p)
        leaves[program_key(p)] = leaf
    for m in marks or []:
        if m.status == "discontinued" and (m.year,) in nodes:
            head = Text(labels.label("gone"), style="red")
            gone = branch((m.year, "gone"), nodes[(m.year,)], head)
            old = m.program
            gone.add_leaf(Text(f"{program_label(old)}  [{old.year}]", style="dim"), data=old)
    return leaves


def program_key(p: Program) -> str:
    """A stable key for a program within the tree."""
    return f"{p.doc}|{p.line}|{p.code}|{p.name}"


class ProgramsView(View):
    """The program tree on the left, the selected program's card on the right."""

    BINDINGS = [Binding("escape", "back", "tui.key.back", show=False, id="programs.back")]

    def __init__(self, backend: Any, *, id: str | None = None) -> None:
        super().__init__(backend, id=id)
        self.programs: list[Program] = []
        self.marks: list[ProgramMark] = []
        self.current: Program | None = None
        self.current_figures: list[FigureRow] = []
        self.current_history: ProgramHistory | None = None
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield Static("", id="prog-message")
        with Horizontal(id="prog-body"):
            tree: Tree[NodeData] = Tree(t("tui.tab.programs"), id="prog-tree")
            tree.show_root = False
            tree.guide_depth = 3  # narrower guides leave room for Korean labels
            yield tree
            with VerticalScroll(id="prog-card"):
                yield Static(self._hint(), id="prog-card-text")
                yield Static("", id="prog-years")

    def on_mount(self) -> None:
        """Set up once the widgets exist."""
        self.show_message(None)

    def on_resize(self, event: Resize) -> None:
        # A wider card when the terminal has room for both.
        """Switch between narrow and wide layouts."""
        self.set_class(event.size.width >= 140, "wide")

    @staticmethod
    def _hint() -> Text:
        return Text(t("tui.programs.hint"), style="dim")

    def load(self) -> None:
        """Load the programs (or say why not)."""
        if self.begin_load():
            self._fetch()

    @work(thread=True, exclusive=True, exit_on_error=False, group="programs")
    def _fetch(self) -> None:
        self.post_message(ProgramsLoaded(self.backend.programs()))
        # The marks pair every year's names with the year before's: the tree comes first.
        self.post_message(ProgramMarksLoaded(self.backend.program_marks()))

    def on_programs_loaded(self, message: ProgramsLoaded) -> None:
        """Fill the tree (or say that no programs are stored)."""
        programs = self.programs = message.programs
        if not programs:
            self.show_message(Text(t("tui.programs.empty")))
            return
        self.show_message(None)
        self.marks = []
        tree = self.query_one("#prog-tree", Tree)
        tree.clear()
        build_tree(tree.root, programs)
        tree.root.expand()

    def on_program_marks_loaded(self, message: ProgramMarksLoaded) -> None:
        """Rebuild the tree with its marks, keeping the cursor on the same line."""
        self.marks = message.marks
        if not self.programs or not any(m.status for m in self.marks):
            return  # nothing to mark: no report of a year before lists programs
        tree = self.query_one("#prog-tree", Tree)
        line = tree.cursor_line
        tree.clear()
        build_tree(tree.root, self.programs, self.marks)
        tree.root.expand()
        if line >= 0:
            tree.cursor_line = line

    def show_message(self, text: Text | None) -> None:
        """Show a message in place of the list (None: show the list)."""
        msg = self.query_one("#prog-message", Static)
        msg.display = text is not None
        if text is not None:
            msg.update(text)
        self.query_one("#prog-body").display = text is None

    # -- the card -------------------------------------------------------------------------
    @on(Tree.NodeHighlighted, "#prog-tree")
    def _highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        if event.node.data is not None:
            self.show(event.node.data)

    @on(Tree.NodeSelected, "#prog-tree")
    def _selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        if event.node.data is not None:
            self.show(event.node.data)
            self.query_one("#prog-card").focus()

    def show(self, program: Program) -> None:
        """Show a program's card (its figures and its other years load in the background)."""
        self.current, self.current_figures, self.current_history = program, [], None
        self.query_one("#prog-card-text", Static).update(program_card(program, []))
        self.query_one("#prog-years", Static).update("")
        self.query_one("#prog-card").scroll_home(animate=False)
        self._load_figures(program)
        self._load_history(program)

    @work(thread=True, exclusive=True, exit_on_error=False, group="program-history")
    def _load_history(self, program: Program) -> None:
        self.post_message(ProgramHistoryLoaded(program, self.backend.program_history(program)))

    def on_program_history_loaded(self, message: ProgramHistoryLoaded) -> None:
        """Add the years side by side, if the program is still the one shown."""
        if self.current is not message.program:
            return  # the cursor moved on
        self.current_history = message.history
        self.query_one("#prog-years", Static).update(years_view(message.history))

    @work(thread=True, exclusive=True, exit_on_error=False, group="program-figures")
    def _load_figures(self, program: Program) -> None:
        self.post_message(ProgramFiguresLoaded(program, self.backend.program_figures(program)))

    def on_program_figures_loaded(self, message: ProgramFiguresLoaded) -> None:
        """Add the figures to the card, if the program is still the one shown."""
        program, figures = message.program, message.figures
        if self.current is not program:
            return  # the cursor moved on
        self.current_figures = figures
        self.query_one("#prog-card-text", Static).update(program_card(program, figures))

    def select(self, predicate: Any) -> Program | None:
        """Move the cursor to the first program for which predicate(program) is true."""
        tree = self.query_one("#prog-tree", Tree)
        for line in range(tree.last_line + 1):
            node = tree.get_node_at_line(line)
            if node is not None and node.data is not None and predicate(node.data):
                tree.move_cursor(node)
                tree.select_node(node)
                return node.data  # type: ignore[no-any-return]
        return None

    def action_back(self) -> None:
        """Escape: card → tree."""
        self.focus_main()

    def focus_main(self) -> None:
        """Focus the tree."""
        self.query_one("#prog-tree").focus()

    def focus_list(self) -> None:
        """Focus the tree."""
        self.focus_main()

    # -- export, cite, copy ---------------------------------------------------------------
    def export_data(self) -> Export | None:
        """All programs, one row each, with their mark against the year before."""
        if not self.programs:
            return None
        headers = ["year", "code", "group", "name", "objective", "contents", "results", "plans"]
        headers += ["report", "section", "line", "file", "status", "previous_name"]
        marked = {mark_key(m.program): m for m in self.marks if m.status != "discontinued"}
        rows = []
        for p in self.programs:
            m = marked.get(mark_key(p))
            rows.append(
                [
                    str(p.year or ""),
                    p.code,
                    p.group,
                    p.name,
                    p.objective,
                    p.contents,
                    p.results,
                    p.plans,
                    p.doc_title,
                    p.section_path,
                    str(p.line),
                    doc_name(p.doc),
                    (m.status or "") if m else "",
                    (m.previous_name or "") if m else "",
                ]
            )
        return Export("programs", headers, rows)

    def citation(self) -> str | None:
        """Citation of the program on the card."""
        return program_citation(self.current) if self.current else None

    def card(self) -> str | None:
        """The card as Markdown."""
        return program_markdown(self.current, self.current_figures) if self.current else None
