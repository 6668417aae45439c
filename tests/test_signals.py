"""Ranking signals: measured on real documents (tests/data/realdocs), and what they decide.

The candidates' signals come from the stored documents (period from the title, words of
title and issuer); `rank` then lets them decide between passages the fused score alone
would order the other way. Quality is measured by `kb eval --folds` (README), not here.
"""

from __future__ import annotations

from pathlib import Path

from index import vectors
from index.ranking import DEFAULT, Candidate, Pool, rank, with_values
from index.search import best_line, candidates, nearest_in_document
from index.trends import matched_labels
from kb.facade import KnowledgeBase


def _doc_of(kb: KnowledgeBase, chunk_id: int) -> str:
    row = (
        kb.conn()
        .execute(
            "SELECT d.path FROM chunks c JOIN documents d ON d.id = c.doc_id WHERE c.id = ?",
            (chunk_id,),
        )
        .fetchone()
    )
    return Path(row[0]).name


def _signals(kb: KnowledgeBase, query: str) -> dict[str, list[Candidate]]:
    pool, _ = candidates(kb.conn(), query, kb.embedder().embed_query(query), 50)
    out: dict[str, list[Candidate]] = {}
    for c in pool.candidates:
        out.setdefault(_doc_of(kb, c.chunk_id), []).append(c)
    return out


def test_period_signal_from_titles_of_a_release_series(realdocs_kb: KnowledgeBase) -> None:
    by_doc = _signals(realdocs_kb, "2025년 2분기 직전분기 대비 해외투자")
    assert {c.period for c in by_doc["fdi_2025q2_press.hwpx"]} == {1.0}
    assert {c.period for c in by_doc["fdi_2025q1_press.hwp"]} == {0.5}  # same year only


def test_issuer_signal_from_the_responsible_ministry_field(realdocs_kb: KnowledgeBase) -> None:
    by_doc = _signals(realdocs_kb, "고용노동부 규제영향분석서 입법예고 기간")
    ministry = min(c.doc_lexical for c in by_doc["ria_76076_industrial_safety.hwp"])
    other = max(c.doc_lexical for c in by_doc["ria_75544_privacy_decree.hwpx"])
    assert ministry > other


def test_table_row_signal_from_the_row_that_holds_the_question(
    realdocs_kb: KnowledgeBase,
) -> None:
    # RIA 76076's stakeholder table: one row names 지역배달대행사 with its 피규제자 count;
    # the cost-benefit passages use the same words on separate lines.
    conn = realdocs_kb.conn()
    pool, _ = candidates(conn, "지역배달대행사 피규제자 수", None, 50)
    text = {
        c.chunk_id: conn.execute("SELECT text FROM chunks WHERE id = ?", (c.chunk_id,)).fetchone()[
            0
        ]
        for c in pool.candidates
    }
    row = [c.line_match for c in pool.candidates if "지역배달대행사 |" in text[c.chunk_id]]
    scattered = [
        c.line_match
        for c in pool.candidates
        if "편익" in text[c.chunk_id] and "지역배달대행사 |" not in text[c.chunk_id]
    ]
    assert row and scattered
    assert max(row) == max(c.line_match for c in pool.candidates) > max(scattered)


def test_the_row_holding_the_question_decides_between_near_equals() -> None:
    pool = _pool(line_match=0.9)
    assert rank(pool)[0][0] == 2
    assert rank(pool, with_values(DEFAULT, line_match=0.0))[0][0] == 1


def _pool(**right: float) -> Pool:
    # The right passage is a little behind on both sides; only a signal can lift it.
    wrong = Candidate(1, dense=0.90, lexical=10.0)
    good = Candidate(2, dense=0.89, lexical=9.5, **right)  # type: ignore[arg-type]
    filler = Candidate(3, dense=0.70, lexical=2.0)
    return Pool([wrong, good, filler], coverage=1.0, names_period=True)


def test_the_period_asked_for_decides_between_near_equals() -> None:
    pool = _pool(period=1.0)
    assert rank(pool)[0][0] == 2
    assert rank(pool, with_values(DEFAULT, period_bonus=0.0))[0][0] == 1


def test_the_institution_named_decides_between_near_equals() -> None:
    pool = _pool(doc_lexical=0.5)
    assert rank(pool)[0][0] == 2
    assert rank(pool, with_values(DEFAULT, doc_lexical=0.0))[0][0] == 1


def test_one_documents_nearest_passages_read_by_key_match_sqlite_vec(
    realdocs_kb: KnowledgeBase,
) -> None:
    # The documents of a period asked for send their own passages; they are read by key
    # instead of through sqlite-vec's doc_id filter (which reads every chunk's metadata):
    # the same passages with the same cosines.
    conn = realdocs_kb.conn()
    qvec = realdocs_kb.embedder().embed_query("2025년 2분기 해외직접투자 총투자")
    for (doc_id,) in conn.execute("SELECT id FROM documents").fetchall():
        by_key = nearest_in_document(conn, qvec, 10, None, doc_id, None)
        by_vec = vectors.search(conn, qvec, 10, None, doc_id)
        assert by_key and len(by_key) == len(by_vec)
        assert all(abs(a[1] - b[1]) < 1e-5 for a, b in zip(by_key, by_vec, strict=True))
        # Equal cosines (repeated passages) may come in either order; above the last score
        # kept, the passages are the same.
        last = by_vec[-1][1]
        assert {c for c, s in by_key if s > last + 1e-5} == {
            c for c, s in by_vec if s > last + 1e-5
        }


def test_a_row_named_inside_a_longer_subject_needs_its_table_to_name_the_rest(
    realdocs_kb: KnowledgeBase,
) -> None:
    # `해외직접투자 총투자`: the release tables' row 총투자 (captioned 해외직접투자액 추이) is
    # meant. RIA 76076's cost row `피규제 기업 · 소상공인 · 직접` also sits inside the subject
    # (its last part, 직접) and the label matcher keeps it near the best; its table names no
    # 해외 투자, so it is no part of the series.
    query = "해외직접투자 총투자"
    conn = realdocs_kb.conn()
    ria = "ria_76076_industrial_safety.hwp"
    keys = list(matched_labels(conn, query))
    matched = {
        Path(r[0]).name
        for r in conn.execute(
            "SELECT d.path FROM figures f JOIN documents d ON d.id = f.doc_id "
            f"WHERE f.label_key IN ({','.join('?' * len(keys))})",
            keys,
        )
    }
    assert ria in matched  # the matcher alone lets the cost row in
    series = realdocs_kb.trend(query)
    docs = {Path(p.current.doc).name for ln in series.lines for p in ln.points}
    assert {ln.label for ln in series.lines} == {"총투자"}
    assert ria not in docs and docs  # the releases' rows stay


def test_line_match_counts_terms_close_together_not_scattered_over_a_paragraph() -> None:
    keys = [("유럽", 0.4), ("아시아", 0.4), ("증가", 0.2)]
    clause = "지역별로는 유럽(36.0억 달러), 아시아(29.2억 달러) 순으로 증가하였다."
    scattered = "유럽 " + "가" * 200 + " 아시아 " + "나" * 200 + " 증가"
    assert best_line(clause, keys) == 1.0
    assert best_line(scattered, keys) == 0.4  # each term alone, too far from the others
    assert best_line(scattered, keys, window=10_000) == 1.0  # a whole line counts all
    assert best_line("유럽\n아시아", keys) == 0.4  # a line break parts them (table rows)
