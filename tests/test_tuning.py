"""Cross-validation by document: pure parts without SQLite, then the seed set for real."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from index.ranking import DEFAULT, PRIOR, Candidate, Pool, RankParams, with_values
from kb import tuning
from kb.facade import KnowledgeBase
from kb.tuning import Question
from tests.helpers import DEV_SEARCH


def _question(i: int, group: str, lexical_right: bool) -> Question:
    # Two passages; the gold one wins on one side only.
    gold, other = Candidate(1), Candidate(2)
    gold.dense, other.dense = (0.80, 0.90) if lexical_right else (0.90, 0.80)
    gold.lexical, other.lexical = (9.0, 1.0) if lexical_right else (1.0, 9.0)
    return Question(f"q{i}", "질문", group, Pool([gold, other]), {1})


def test_folds_deal_every_document_to_exactly_one_fold() -> None:
    qs = [_question(i, f"doc{i % 7}", True) for i in range(30)]
    folds = tuning._folds(qs, 3)
    dealt = [g for fold in folds for g in fold]
    assert sorted(dealt) == sorted({q.group for q in qs}) and len(dealt) == len(set(dealt))


def test_each_fold_is_fitted_without_its_own_questions() -> None:
    qs = [_question(i, f"doc{i % 6}", i % 6 < 3) for i in range(36)]
    seen: list[set[str]] = []

    def record(train: Sequence[Question], start: RankParams) -> RankParams:
        seen.append({q.group for q in train})
        return start

    cv = tuning.cross_validate(qs, 3, PRIOR, fitter=record)
    for trained, fold in zip(seen, cv.folds, strict=True):
        assert trained.isdisjoint(fold.groups)
        assert trained | set(fold.groups) == {q.group for q in qs}


def test_held_out_scores_use_the_constants_fitted_elsewhere() -> None:
    # Every document's gold wins on the word side: fitting on the others learns that
    # (alpha drops), and the held-out fold is scored with what was learnt.
    qs = [_question(i, f"doc{i % 4}", True) for i in range(20)]
    start = with_values(PRIOR, alpha=0.7)
    assert tuning.scores(qs, start).recall_at_1 == 0.0  # the dense side decides: wrong
    cv = tuning.cross_validate(qs, 2, start)
    assert all(f.fitted.get("alpha", 0.7) < 0.5 for f in cv.folds)
    assert cv.by_language["all"]["hybrid"].recall_at_1 == 1.0


def test_seed_set_hybrid_is_no_worse_than_either_side(seed_kb: KnowledgeBase) -> None:
    cv = seed_kb.evaluate_folds(DEV_SEARCH, 3)
    held = cv.by_language["all"]
    for measure in ("recall_at_1", "recall_at_5"):
        best_side = max(getattr(held["lexical"], measure), getattr(held["vector"], measure))
        assert getattr(held["hybrid"], measure) >= best_side, measure
    assert cv.shipped["hybrid"].n == held["hybrid"].n == 12
    assert DEFAULT != PRIOR  # the shipped constants are the fitted ones, not the start


def _pool(*cands: tuple[float, float, float]) -> Pool:
    return Pool(
        [Candidate(i, dense=d, lexical=lx, line_match=lm) for i, (d, lx, lm) in enumerate(cands, 1)]
    )


def test_fit_moves_a_signal_together_with_alpha(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two questions whose gold (passage 1) ranks higher only with the line match on AND
    # alpha one step down: either move alone scores no better, so a fit that moves one constant at
    # a time stays where it started.
    monkeypatch.setattr(tuning, "GRID", {"alpha": (0.4, 0.5, 0.6), "line_match": (0.0, 0.2)})
    qs = [
        Question("a", "질문", "d1", _pool((0.9, 0.0, 0.0), (0.5, 9.0, 0.4), (0.2, 4.0, 0.0)), {1}),
        Question("b", "질문", "d2", _pool((0.2, 4.0, 0.5), (0.2, 2.0, 0.2), (0.5, 3.0, 0.0)), {1}),
    ]
    start = with_values(PRIOR, alpha=0.5, line_match=0.0)
    before = tuning._objective(tuning.scores(qs, start))
    for alone in ({"alpha": 0.4}, {"alpha": 0.6}, {"line_match": 0.2}):
        assert tuning._objective(tuning.scores(qs, with_values(start, **alone))) <= before
    fitted = tuning.fit(qs, start)
    assert (fitted.alpha, fitted.line_match) == (0.4, 0.2)
    assert tuning._objective(tuning.scores(qs, fitted)) > before
