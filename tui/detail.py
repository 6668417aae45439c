"""The search tab's detail pane: a hit's heading, then its passage between its neighbours."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from kb.types import Hit

from .format import hit_context, hit_head

LAYOUT_WAITS = 5  # refreshes the pane waits for its new text to be laid out


class DetailPane(Vertical):
    """The heading of a hit above a scroll of the passage before, the hit's, the one after."""

    def compose(self) -> ComposeResult:
        """Build the widgets."""
        yield Static("", id="detail-head")
        with VerticalScroll(id="detail"):
            yield Static("", id="detail-before")
            yield Static("", id="detail-current")
            yield Static("", id="detail-after")

    def show(self, hit: Hit, around: list[Hit], terms: list[str]) -> None:
        """Show a hit between its neighbours (`around`, empty until they load), terms lit."""
        before, current, after = hit_context(hit, around, terms)
        self.query_one("#detail-head", Static).update(hit_head(hit))
        for wid, text in (("#detail-before", before), ("#detail-current", current)):
            self.query_one(wid, Static).update(text)
        self.query_one("#detail-after", Static).update(after)
        # The passage itself at the top; the one before is a scroll up away.
        self.call_after_refresh(self._scroll_to_passage, LAYOUT_WAITS)

    def _scroll_to_passage(self, waits: int) -> None:
        # A refresh can come before the layout of the text just set (a callback queued by an
        # earlier show runs then): scrolling then would use the old height of the passage
        # before. Wait for the refresh that lays it out (a few at most, then scroll anyway).
        before = self.query_one("#detail-before", Static)
        size = before.size
        if waits and size.height != before.get_content_height(size, size, size.width):
            self.call_after_refresh(self._scroll_to_passage, waits - 1)
            return
        # At once, not after the next refresh: two deferred scrolls would each measure from
        # the offset before either, and the stale one could land last.
        scroll = self.query_one("#detail", VerticalScroll)
        target = self.query_one("#detail-current")
        scroll.scroll_to_widget(target, top=True, animate=False, immediate=True)
