"""Synthetic corpora for benchmarks: seed-report lines recombined into chunks of any count.

Texts are real Korean report lines; tokens come from Kiwi once per distinct line (so a
million chunks do not need a million analyses); vectors are the real embedder's for small
corpora and random unit vectors of the same dimension beyond (labelled as such).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.conn import Connection
from index.db import connect
from index.store import replace_document
from index.tokenize import tokens_batch
from kb.types import Chunk, Document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "2019-11_seoul-maeul-center_council-work-report.txt"
CHUNKS_PER_DOC = 1000


@dataclass
class Built:
    """What was built and how long each part took."""

    db: Path
    n: int
    vectors: np.ndarray  # (n, dim) float32, in chunk-id order
    embed_s: float
    store_s: float
    text_bytes: int
    kind: str  # "e5" or "random"


def seed_lines() -> list[str]:
    """Non-trivial lines of the seed report."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    return [ln.strip() for ln in lines if len(ln.strip()) >= 8]


def build(
    db: Path,
    n: int,
    embed: Callable[[list[str]], np.ndarray] | None,
    dim: int = 384,
    seed: int = 7,
    lines_per_chunk: tuple[int, int] = (1, 3),
    progress: Callable[[int], None] | None = None,
) -> Built:
    """An index of n chunks; embed=None gives random unit vectors (seeded)."""
    if db.exists():
        db.unlink()
    conn = connect(db)
    vecs, embed_s, store_s, text_bytes = fill(conn, n, embed, dim, seed, lines_per_chunk, progress)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return Built(db, n, vecs, embed_s, store_s, text_bytes, "e5" if embed else "random")


def fill(
    conn: Connection,
    n: int,
    embed: Callable[[list[str]], np.ndarray] | None,
    dim: int = 384,
    seed: int = 7,
    lines_per_chunk: tuple[int, int] = (1, 3),
    progress: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, float, float, int]:
    """Store n synthetic chunks into an empty index on either backend (the same seed gives
    the same texts, vectors and ids on both): (vectors, embed s, store s, text bytes)."""
    embed_s = store_s = 0.0
    text_bytes = done = 0
    all_vecs = []
    for doc, vecs, toks, spent in documents(n, embed, dim, seed, lines_per_chunk):
        embed_s += spent
        all_vecs.append(vecs)
        text_bytes += sum(len(c.text.encode()) for c in doc.chunks)
        t0 = time.perf_counter()
        # Recorded as e5 so `kb search` embeds queries as usual; the results say which vectors.
        replace_document(conn, doc, vecs, toks, ("e5", dim))
        store_s += time.perf_counter() - t0
        done += len(doc.chunks)
        if progress:
            progress(done)
    return np.vstack(all_vecs), embed_s, store_s, text_bytes


def documents(
    n: int,
    embed: Callable[[list[str]], np.ndarray] | None,
    dim: int = 384,
    seed: int = 7,
    lines_per_chunk: tuple[int, int] = (1, 3),
    per_doc: int = CHUNKS_PER_DOC,
    prefix: str = "/bench/doc",
) -> Iterator[tuple[Document, np.ndarray, list[list[str]], float]]:
    """Synthetic documents of n chunks in all: (document, vectors, tokens, embed seconds)."""
    rng = np.random.default_rng(seed)
    lines = seed_lines()
    line_tokens = tokens_batch(lines)
    for d in range(0, n, per_doc):
        size = min(per_doc, n - d)
        texts, toks = [], []
        for _ in range(size):
            start = int(rng.integers(0, len(lines) - 3))
            count = int(rng.integers(lines_per_chunk[0], lines_per_chunk[1] + 1))
            texts.append(f"[{int(rng.integers(1e9))}] " + " ".join(lines[start : start + count]))
            toks.append([t for i in range(start, start + count) for t in line_tokens[i]])
        t0 = time.perf_counter()
        if embed is None:
            vecs = rng.standard_normal((size, dim)).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        else:
            vecs = embed(texts)
        spent = time.perf_counter() - t0
        number = d // per_doc
        doc = Document(
            path=f"{prefix}-{number:05d}.txt",
            sha256=f"{d:064d}",
            format="txt",
            title=f"bench {number}",
            organisation=None,
            report_date=None,
            year=2015 + number % 10,
            pages=None,
            chunks=[Chunk(i, t, None, "", "text", i, i) for i, t in enumerate(texts)],
        )
        yield doc, vecs, toks, spent


def load(db: Path, kind: str) -> Built:
    """A corpus built by an earlier run (`--reuse`): vectors read back in chunk-id order."""
    from index.resident import _shadow_blocks

    conn = connect(db)
    blocks = list(_shadow_blocks(conn))
    ids = np.concatenate([b[0] for b in blocks])
    vecs = np.vstack([b[3] for b in blocks])[np.argsort(ids)]
    text_bytes = conn.execute("SELECT sum(length(CAST(text AS BLOB))) FROM chunks").fetchone()[0]
    conn.close()
    return Built(db, len(ids), vecs, float("nan"), float("nan"), int(text_bytes), kind)
