"""The TUI during an ingest: documents are found by words as soon as they are read, the
dialog shows both stages, and the search says what is still waiting for its vectors."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from textual.widgets import Input, Static

import kb.facade
from kb.embedders import Embedder, get_embedder
from kb.i18n import t
from tests.helpers import make_kb
from tui.app import create_app
from tui.search import SearchView

pytestmark = pytest.mark.anyio

SIZE = (120, 40)
WORDS = ["마을정원", "마을부엌", "마을장터"]


class SlowE5:
    """The real e5 engine, two seconds slower per call for passages: an ingest that takes
    long enough (some 12 s) to search during it, even on a busy machine (queries are
    embedded at full speed)."""

    def __init__(self, real: Embedder) -> None:
        self.real, self.name, self.dim = real, real.name, real.dim

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        time.sleep(2.0)
        return self.real.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self.real.embed_query(text)


async def test_search_finds_documents_by_words_while_the_ingest_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, word in enumerate(WORDS):
        body = "\n".join(f"- {word} 사업 {k}차 운영: 주민 {10 + k}명 참여" for k in range(12))
        (docs / f"{i}.md").write_text(f"# 202{i}년 보고\n\n## 1. {word} 사업\n\n{body}\n", "utf-8")
    monkeypatch.setattr(kb.facade, "get_embedder", lambda spec: SlowE5(get_embedder(spec)))
    db = tmp_path / "new.db"
    app = create_app(make_kb(db))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # no index yet: the ingest dialog opens by itself
        box = app.screen.query_one("#ingest-path", Input)
        box.value = str(docs)
        box.focus()  # the folder tree has it on a first run
        await pilot.press("enter")
        # Wait until the first document is read (its words stored) and still has no vectors.
        for _ in range(600):
            await pilot.pause(0.05)
            if app.tally.documents >= 1:
                break
        assert app.ingesting and app.tally.chunks_done < app.tally.chunks_total, app.tally
        status = str(app.screen.query_one("#ingest-status", Static).render())
        words, vectors = (
            t(f"tui.ingest.{k}", done=0, total=0).split(" ")[0] for k in ("words", "vectors")
        )
        assert words in status and vectors in status
        await pilot.press("escape")
        await pilot.pause()
        app.query_one("#query", Input).focus()
        await pilot.press(*WORDS[0])
        view = app.query_one(SearchView)
        for _ in range(600):
            await pilot.pause(0.05)
            if view.hits:
                break
        assert view.hits and WORDS[0] in view.hits[0].text
        assert app.ingesting, "the search had to wait for the ingest to end"
        assert t("tui.search.waiting", n=app.backend.waiting()) in view.status
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        assert not app.ingesting and app.tally.finished
        assert app.tally.chunks_done == app.tally.chunks_total > 0
