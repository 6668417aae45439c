"""Ingest on real documents: where the time goes, per document and in total.

    .venv/bin/python bench/ingest.py                       # ../shared/realdocs/docs
    .venv/bin/python bench/ingest.py FOLDER [FOLDER ...]

For each document, in this process: parse (the reader, outline, chunks, figures; OCR if
installed), embed (the same passage texts and batches `kb ingest` embeds) and write (one
transaction into a scratch index). Then the whole folder again through `kb ingest` into a
fresh index, timed from outside, and its ratio to the embedder's own time on the same
chunks. Writes bench/out/ingest.md and bench/out/ingest.json. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from index import store  # noqa: E402
from index.db import connect  # noqa: E402
from index.tokenize import tokens_batch  # noqa: E402
from ingest.pipeline import parse_file  # noqa: E402
from ingest.readers import supported_suffixes  # noqa: E402
from kb.embedders import get_embedder  # noqa: E402
from kb.ingestion import collect_files  # noqa: E402
from kb.text import document_context, index_text  # noqa: E402

OUT = ROOT / "bench" / "out"
DEFAULT = ROOT.parent / "shared" / "realdocs" / "docs"
BATCH = 32  # as kb ingest embeds


def _pages(path: Path) -> int | None:
    if path.suffix.lower() != ".pdf":
        return None
    import pymupdf

    with pymupdf.open(path) as doc:
        return int(doc.page_count)


def measure(files: list[Path], db: Path) -> list[dict[str, object]]:
    """Parse, embed and write each file, timed stage by stage."""
    emb = get_embedder("e5")
    emb.embed_passages(["예열"])  # load the model outside the timings
    conn = connect(db)
    rows: list[dict[str, object]] = []
    for path in files:
        t0 = time.perf_counter()
        doc = parse_file(path)
        t1 = time.perf_counter()
        texts = [index_text(c.section_path, c.text) for c in doc.chunks]
        tokens = _tokens(emb, texts)
        te = time.perf_counter()  # token counting is not embedding
        vecs = [emb.embed_passages(texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)]
        matrix = np.vstack(vecs) if vecs else np.zeros((0, emb.dim), dtype=np.float32)
        titles = emb.embed_passages([s.title for s in doc.studies]) if doc.studies else None
        context = document_context(doc.title, doc.organisation)
        ctx = (emb.embed_passages([context])[0], tokens_batch([context])[0])
        t2 = time.perf_counter()
        doc.path = str(path.resolve())
        store.replace_document(
            conn, doc, matrix, tokens_batch(texts), (emb.name, emb.dim), titles, ctx
        )
        t3 = time.perf_counter()
        size_mb = path.stat().st_size / 1e6
        pages = _pages(path)
        rows.append(
            {
                "file": path.name,
                "format": path.suffix.lower().lstrip("."),
                "pages": pages,
                "mb": round(size_mb, 3),
                "chunks": len(doc.chunks),
                "tokens": tokens,
                "parse_s": round(t1 - t0, 3),
                "parse_s_per_page": round((t1 - t0) / pages, 4) if pages else None,
                "parse_s_per_mb": round((t1 - t0) / size_mb, 3) if size_mb else None,
                "embed_s": round(t2 - te, 3),
                "write_s": round(t3 - t2, 3),
                "chunks_per_s": round(len(doc.chunks) / (t3 - t0), 2) if t3 > t0 else None,
            }
        )
        print(
            f"{path.name:48} parse {t1 - t0:6.2f}s  embed {t2 - te:6.2f}s  "
            f"write {t3 - t2:5.2f}s  {len(doc.chunks):5} chunks",
            flush=True,
        )
    conn.close()
    return rows


def _tokens(emb: object, texts: list[str]) -> int | None:
    """Tokens the e5 engine feeds for these passages (None for an engine that cannot say)."""
    model = getattr(emb, "_model", None)
    count = getattr(model, "token_count", None)
    return sum(int(count("passage: " + t)) for t in texts) if count else None


def whole_ingest(folders: list[Path], db: Path) -> dict[str, float]:
    """`kb ingest FOLDERS` into a fresh index, timed from outside: wall seconds in total,
    to the first document searchable by words, and to the last one."""
    env = dict(os.environ, KB_DB=str(db))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kb.cli", "ingest", *map(str, folders)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    words: list[float] = []
    for line in proc.stderr:  # off a terminal: a line as each document's words are in
        if line.rstrip().endswith("searchable by words"):
            words.append(time.perf_counter() - t0)
    proc.wait()
    total = time.perf_counter() - t0
    return {
        "total_s": total,
        "first_words_s": words[0] if words else float("nan"),
        "all_words_s": words[-1] if words else float("nan"),
    }


def report(rows: list[dict[str, object]], whole: dict[str, float]) -> str:
    """The Markdown table and the totals."""
    embed = sum(float(r["embed_s"]) for r in rows)  # type: ignore[arg-type]
    parse = sum(float(r["parse_s"]) for r in rows)  # type: ignore[arg-type]
    write = sum(float(r["write_s"]) for r in rows)  # type: ignore[arg-type]
    chunks = sum(int(r["chunks"]) for r in rows)  # type: ignore[call-overload]
    tokens = sum(int(r["tokens"] or 0) for r in rows)  # type: ignore[call-overload]
    total_s = whole["total_s"]
    per_page = [float(r["parse_s_per_page"]) for r in rows if r["parse_s_per_page"]]  # type: ignore[arg-type]
    head = "| file | pages | MB | chunks | parse s | s/page | s/MB | embed s | write s | chunks/s |"
    lines = [
        f"# Ingest benchmark ({time.strftime('%Y-%m-%d')}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()})",
        "",
        head,
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['file']} | {r['pages'] or ''} | {r['mb']} | {r['chunks']} | {r['parse_s']} "
            f"| {r['parse_s_per_page'] or ''} | {r['parse_s_per_mb'] or ''} | {r['embed_s']} "
            f"| {r['write_s']} | {r['chunks_per_s']} |"
        )
    lines += [
        "",
        f"{len(rows)} documents, {chunks} chunks: parse {parse:.1f} s, embed {embed:.1f} s "
        f"({chunks / embed:.1f} chunks/s, {tokens / embed:.0f} tokens/s on "
        f"{os.environ.get('OMP_NUM_THREADS', os.cpu_count())} threads), write {write:.1f} s.",
        f"Median PDF parse time per page: {statistics.median(per_page):.3f} s"
        if per_page
        else "No PDF.",
        f"`kb ingest` of the same files into a fresh index: {total_s:.1f} s wall, "
        f"{total_s / embed:.2f}x the embedder's own time on the same chunks. The first "
        f"document was searchable by words after {whole['first_words_s']:.1f} s, all "
        f"{len(rows)} after {whole['all_words_s']:.1f} s.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Run the benchmark and write bench/out/ingest.md and ingest.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="*", type=Path, default=[DEFAULT])
    args = ap.parse_args()
    files = collect_files(args.folders, supported_suffixes())
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        rows = measure(files, Path(tmp) / "stages.db")
        total = whole_ingest(args.folders, Path(tmp) / "whole.db")
    text = report(rows, total)
    (OUT / "ingest.md").write_text(text, encoding="utf-8")
    (OUT / "ingest.json").write_text(
        json.dumps(
            {"documents": rows, "kb_ingest": {k: round(v, 2) for k, v in total.items()}},
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(text)


if __name__ == "__main__":
    main()
