"""`kb eval`: search ranks, figure lookups and answer cards measured on JSONL sets."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .errors import KbError
from .i18n import t
from .types import AnswerCard, FigureRow, Hit


class Searchable(Protocol):
    """What evaluation asks of a knowledge base (the facade is one; a stub can be another)."""

    def search(self, query: str, k: int = 10, *, mode: str = "hybrid") -> list[Hit]:
        """Ranked hits."""
        ...

    def figures(self, query: str) -> list[FigureRow]:
        """Figure rows matching a query."""
        ...

    def answer(self, question: str) -> AnswerCard:
        """The answer card for a question."""
        ...


_SPACE = re.compile(r"\s+")


def _no_space(text: str) -> str:
    """Text without whitespace: PDF text layers drop spaces, gold strings keep them."""
    return _SPACE.sub("", text)


# A counted number in a gold passage: "리더십과정 11회(110명)" → 11회, 110명.
_COUNTED = re.compile(r"(\d[\d,]*)\s*(명|회|건|개소|팀|곳|종|부)")


@dataclass(slots=True)
class EvalResult:
    """Quality on a JSONL set: Recall@1, Recall@5, MRR@10 (or accuracy) and each query."""

    n: int
    recall_at_1: float
    recall_at_5: float
    mrr_at_10: float
    per_query: list[dict[str, Any]]


def evaluate(kb: Searchable, path: str | Path, k: int = 10, mode: str = "hybrid") -> EvalResult:
    """Search ranks over {query, gold_any} lines (a hit holds a gold string, spaces ignored);
    figure lookups over {query, expect} lines; with mode 'answers', whether answer cards
    hold the number of each gold passage."""
    text = Path(path).read_text(encoding="utf-8")
    lines = [json.loads(x) for x in text.splitlines() if x.strip()]
    if lines and all("expect" in x for x in lines):
        return _figures(kb, lines)
    for item in lines:
        if "gold_any" not in item:
            raise KbError(t("fail.no_gold", path=path, id=item.get("id")))
    if mode == "answers":
        return _answers(kb, lines)
    per: list[dict[str, Any]] = []
    for item in lines:
        hits = kb.search(item["query"], k=max(k, 10), mode=mode)
        gold = [_no_space(g) for g in item["gold_any"]]
        rank = next((h.rank for h in hits if any(g in _no_space(h.text) for g in gold)), None)
        per.append(
            {
                "id": item.get("id"),
                "query": item["query"],
                "rank": rank,
                "top_section": hits[0].section if hits else None,
            }
        )
    n = len(per) or 1
    r1 = sum(1 for p in per if p["rank"] == 1) / n
    r5 = sum(1 for p in per if p["rank"] and p["rank"] <= 5) / n
    mrr = sum(1 / p["rank"] for p in per if p["rank"] and p["rank"] <= 10) / n
    return EvalResult(len(per), r1, r5, mrr, per)


def _figures(kb: Searchable, lines: list[dict[str, Any]]) -> EvalResult:
    """Figure lookups: the top program's row must hold every expected measure value."""
    per: list[dict[str, Any]] = []
    for item in lines:
        rows = [r for r in kb.figures(item["query"]) if r.table_id is not None]
        top = [
            r
            for r in rows
            if rows and r.table_id == rows[0].table_id and r.program == rows[0].program
        ]
        got = {r.measure: r.value for r in top if r.measure}
        ok = rows != [] and all(got.get(m) == v for m, v in item["expect"].items())
        if item.get("unit") and top:
            ok = ok and top[0].unit == item["unit"]
        per.append(
            {
                "id": item.get("id"),
                "query": item["query"],
                "rank": 1 if ok else None,
                "program": top[0].program if top else None,
                "got": got,
            }
        )
    n = len(per) or 1
    acc = sum(1 for p in per if p["rank"] == 1) / n
    return EvalResult(len(per), acc, acc, acc, per)


def _answers(kb: Searchable, lines: list[dict[str, Any]]) -> EvalResult:
    """Answer cards on the lines whose gold passage states a count.

    Each card is 'ok' when its figures hold one of the gold counts, 'wrong' when it shows
    figures and none is a gold count, 'none' when it shows no figure. Recall@1 is the share
    ok; Recall@5 the share of shown cards that are ok (precision); lines whose gold states no
    count are left out.
    """
    per: list[dict[str, Any]] = []
    for item in lines:
        gold = {
            f"{m.group(1).replace(',', '')}{m.group(2)}"
            for g in item["gold_any"]
            for m in _COUNTED.finditer(g)
        }
        if not gold:
            continue
        card = kb.answer(item["query"])
        shown = [f"{r.value:.0f}{r.unit}" for r in card.figures if r.value is not None and r.unit]
        verdict = "ok" if gold & set(shown) else ("wrong" if card.figures else "none")
        per.append(
            {
                "id": item.get("id"),
                "query": item["query"],
                "rank": 1 if verdict == "ok" else None,
                "verdict": verdict,
                "program": card.program,
                "shown": shown[:6],
            }
        )
    n = len(per) or 1
    ok = sum(1 for p in per if p["verdict"] == "ok")
    shown_cards = sum(1 for p in per if p["verdict"] != "none") or 1
    return EvalResult(len(per), ok / n, ok / shown_cards, ok / n, per)
