"""Structured lookups (figures, answer cards) on an archive of many reports.

The chunk benchmarks in run.py store no figures; this one copies the seed report's
structured records (sections, tables, figures, programs) into N synthetic reports, with a
third of the labels made distinct per report (new programs each year), and times the lookups
a staff member makes: `kb figures QUERY`, the answer strip's `figure_answer` for a money
question, a count question and a ranking question. Synthetic and labelled so: the copies
carry the seed's numbers, not new ones.

    python bench/structured.py [--reports 1000] [--seed-db FILE] [--out bench/out]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kb.config import Settings
from kb.facade import KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {
    "figures (money)": ("figures", "청년마을활동가 성장교육"),
    "answer strip (money)": ("answer", "청년마을활동가 성장교육 집행률"),
    "answer strip (count)": ("answer", "마을활동가 성장교육 참여 인원"),
    "answer strip (caption total)": ("answer", "자치구 중간지원조직 실무자 교육 몇 명"),
    "answer strip (ranking)": ("answer", "집행률이 가장 낮은 사업"),
    "answer strip (no figure)": ("answer", "주민자치회 평가 연구"),
}
STEP = 100_000  # id offset per copy; the seed's ids are far below it


def _copy_reports(db: Path, reports: int) -> None:
    """Copy document 1's structured rows into `reports - 1` more documents."""
    import sqlite3

    conn = sqlite3.connect(db)
    with conn:
        for i in range(1, reports):
            off = i * STEP
            year = 2010 + i % 15
            conn.execute(
                "INSERT INTO documents (id, path, sha256, title, organisation, report_date, "
                "year, format, pages, ingested_at) SELECT id + ?, '/synthetic/' || ? || '.txt', "
                "sha256 || ?, title, organisation, report_date, ?, format, pages, ingested_at "
                "FROM documents WHERE id = 1",
                (off, i, i, year),
            )
            conn.execute(
                "INSERT INTO sections SELECT id + ?, doc_id + ?, ordinal, parent_id + ?, level, "
                "marker, title, path, line, page FROM sections WHERE doc_id = 1",
                (off, off, off),
            )
            conn.execute(
                "INSERT INTO doc_tables SELECT id + ?, doc_id + ?, section_id + ?, ordinal, line, "
                "page, caption, unit, as_of, header_json, columns_json, rows_json "
                "FROM doc_tables WHERE doc_id = 1",
                (off, off, off),
            )
            # A third of the labels become this report's own (new programs, new lines).
            conn.execute(
                "INSERT INTO figures (doc_id, table_id, section_id, label, label_key, measure, "
                "measure_label, value, value_text, unit, scale, row_index, col_index, line, page) "
                "SELECT doc_id + ?, table_id + ?, section_id + ?, "
                "CASE WHEN id % 3 = 0 THEN label || ' ' || ? ELSE label END, "
                "CASE WHEN id % 3 = 0 THEN label_key || ? ELSE label_key END, "
                "measure, measure_label, value, value_text, unit, scale, row_index, col_index, "
                "line, page FROM figures WHERE doc_id = 1",
                (off, off, off, i, i),
            )
            conn.execute(
                "INSERT INTO programs (doc_id, section_id, year, code, group_name, name, "
                "name_key, objective, contents, results, plans, line) SELECT doc_id + ?, "
                "section_id + ?, ?, code, group_name, name, name_key, objective, contents, "
                "results, plans, line FROM programs WHERE doc_id = 1",
                (off, off, year),
            )
    conn.execute("ANALYZE")
    conn.close()


def _median_ms(fn, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    fn()  # the first call warms caches; report the steady state
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    """Build (or reuse) the archive, time the lookups, print and save a Markdown table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--seed-db", type=Path, help="an ingested seed database to copy from")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-structured-"))
    seed = args.seed_db
    if seed is None:
        seed = work / "seed.db"
        kb = KnowledgeBase(Settings.from_env({**os.environ, "KB_DB": str(seed)}))
        kb.ingest([ROOT / "corpus"])
        kb.close()
    db = work / f"archive-{args.reports}.db"
    shutil.copy(seed, db)
    _copy_reports(db, args.reports)
    kb = KnowledgeBase(Settings.from_env({**os.environ, "KB_DB": str(db)}))
    conn = kb.conn()
    counts = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("documents", "figures", "programs", "doc_tables")
    }
    labels = conn.execute("SELECT count(DISTINCT label_key) FROM figures").fetchone()[0]
    rows = []
    started = time.perf_counter()  # the first lookup builds the label indexes
    kb.figure_answer("자치구 중간지원조직 실무자 교육 몇 명", None, [])
    rows.append(
        ("first lookup (builds the name indexes)", "—", 1000 * (time.perf_counter() - started))
    )
    for name, (kind, query) in QUERIES.items():
        if kind == "figures":
            ms = _median_ms(lambda q=query: kb.figures(q, limit=200))
        else:
            ms = _median_ms(lambda q=query: kb.figure_answer(q, None, []))
        rows.append((name, query, ms))
    head = (
        f"Structured lookups, {counts['documents']:,} synthetic reports (copies of the seed): "
        f"{counts['figures']:,} figures, {labels:,} distinct labels, "
        f"{counts['programs']:,} programs, {counts['doc_tables']:,} tables; "
        f"{os.cpu_count()} cores, median of 7.\n\n"
        "| lookup | query | ms |\n|---|---|---:|\n"
    )
    table = head + "".join(f"| {n} | {q} | {ms:.1f} |\n" for n, q, ms in rows)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "structured.md").write_text(table, encoding="utf-8")
    print(table)
    kb.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
