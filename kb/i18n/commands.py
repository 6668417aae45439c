"""The catalogue's words for the lines of kb eval, kb copy and kb --version (kb/cli.py).

Keys: `eval.*` kb eval's verdicts and summaries (the measures' names, Recall@1 and MRR@10,
stay as written), `copied.*` kb copy's count of each table, `out.version` kb --version.
"""

from __future__ import annotations

# key → (Korean, English).
COMMANDS: dict[str, tuple[str, str]] = {
    # -- kb eval's lines (kb/cli.py); the measures' names (Recall@1, MRR@10) stay as written --
    "eval.verdict_ok": ("맞음", "ok"),
    "eval.verdict_wrong": ("틀림", "wrong"),
    "eval.verdict_none": ("없음", "none"),
    "eval.answers": (
        "수치 질문 {n}개  답함 {ok}  틀림 {wrong}  답 없음 {silent}  "
        "(정확도 {accuracy}, 정밀도 {precision})",
        "count questions {n}  answered {ok}  wrong {wrong}  silent {silent}  "
        "(accuracy {accuracy}, precision {precision})",
    ),
    "eval.ok": ("맞음", "ok  "),
    "eval.fail": ("틀림", "FAIL"),
    "eval.figures": (
        "수치 찾기 {n}개  맞음 {correct}/{n}",
        "figure lookups {n}  correct {correct}/{n}",
    ),
    "eval.rank": ("순위 {rank}", "rank {rank}"),
    "eval.search": (
        "질문 {n}개  Recall@1 {r1}  Recall@5 {r5}  MRR@10 {mrr}",
        "queries {n}  Recall@1 {r1}  Recall@5 {r5}  MRR@10 {mrr}",
    ),
    "eval.fold": (
        "{fold}번째 묶음 (질문 {n}개, 문서 {docs}개)  혼합 {hybrid}  낱말 {lexical}  뜻 {vector}  "
        "맞춘 값 {fitted}",
        "fold {fold} ({n} questions, {docs} documents)  hybrid {hybrid}  lexical {lexical}  "
        "vector {vector}  fitted {fitted}",
    ),
    "eval.prior": ("기본값 그대로 (바뀜 없음)", "as the prior (no change)"),
    "eval.held_out": (
        "묶음마다 떼어 둔 질문, 모든 묶음 (Recall@1 / Recall@5 / MRR@10):",
        "held out, all folds (Recall@1 / Recall@5 / MRR@10):",
    ),
    "eval.shipped": (
        "배포된 상수를 전체 세트에 (그 세트로 맞춤): 혼합 {scores}",
        "shipped constants on the whole set (tuned on it): hybrid {scores}",
    ),
    "eval.mode_hybrid": ("혼합", "hybrid"),
    "eval.mode_lexical": ("낱말", "lexical"),
    "eval.mode_vector": ("뜻", "vector"),
    "eval.lang_korean": ("한국어", "korean"),
    "eval.lang_english": ("영어", "english"),
    "eval.lang_all": ("전체", "all"),
    "eval.doc": (
        "{file}  제목 {title}  연도 {year}  발행 {issuer}  절 {sections}  칸 {cells}  "
        "연구 {studies}  사업 {programs} 맞음{absent}",
        "{file}  title {title}  year {year}  issuer {issuer}  sections {sections}  "
        "cells {cells}  studies {studies}  programs {programs} right{absent}",
    ),
    "eval.not_indexed": ("  (색인에 없음)", "  (not in the index)"),
    "eval.title_got": ("    제목: {title}", "    title: {title}"),
    "eval.missed_heading": ("    놓친 제목: {heading}", "    missed heading: {heading}"),
    "eval.sentence_heading": (
        "    제목으로 읽힌 문장: {heading}",
        "    sentence as heading: {heading}",
    ),
    "eval.missed_cell": ("    놓친 칸: {cell}", "    missed cell: {cell}"),
    "eval.missed_study": ("    놓친 연구: {study}", "    missed study: {study}"),
    "eval.wrong_program": ("    틀린 사업: {name}", "    wrong program: {name}"),
    "eval.structure": (
        "문서 {documents}  제목 {title}  연도 {year}  발행 {issuer}  절 재현율 {sr} 정밀도 {sp}  "
        "칸 재현율 {cr}  연구 재현율 {str_}  사업 정밀도 {pp}",
        "documents {documents}  title {title}  year {year}  issuer {issuer}  sections recall "
        "{sr} precision {sp}  cells recall {cr}  studies recall {str_}  programs precision {pp}",
    ),
    # kb copy's line: what was copied, table by table (the key's tail is the table's name).
    "copied.documents": ("문서 {n}", "{n} documents"),
    "copied.sections": ("절 {n}", "{n} sections"),
    "copied.doc_tables": ("표 {n}", "{n} doc_tables"),
    "copied.chunks": ("조각 {n}", "{n} chunks"),
    "copied.figures": ("수치 {n}", "{n} figures"),
    "copied.programs": ("사업 {n}", "{n} programs"),
    "copied.studies": ("연구 {n}", "{n} studies"),
    "copied.vocab": ("어휘 {n}", "{n} vocab"),
    "copied.doc_terms": ("문서별 어휘 {n}", "{n} doc_terms"),
    "copied.words": ("낱말 항목 {n}", "{n} words"),
    "copied.vectors": ("벡터 {n}", "{n} vectors"),
    # -- kb --version (kb/cli.py) -----------------------------------------------------------
    "out.version": ("{prog} {version}판", "{prog}, version {version}"),
}
