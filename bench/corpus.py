"""Synthetic corpora for benchmarks: seed-report lines recombined into chunks of any count.

Texts are real Korean report lines; tokens come from Kiwi once per distinct line (so a
million chunks do not need a million analyses); vectors are the real embedder's for small
corpora and random unit vectors of the same dimension beyond (labelled as such).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

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
    rng = np.random.default_rng(seed)
    lines = seed_lines()
    line_tokens = tokens_batch(lines)
    if db.exists():
        db.unlink()
    conn = connect(db)
    embed_s = store_s = 0.0
    text_bytes = 0
    all_vecs = []
    for d in range(0, n, CHUNKS_PER_DOC):
        size = min(CHUNKS_PER_DOC, n - d)
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
        embed_s += time.perf_counter() - t0
        all_vecs.append(vecs)
        year = 2015 + (d // CHUNKS_PER_DOC) % 10
        doc = Document(
            path=f"/bench/doc-{d // CHUNKS_PER_DOC:05d}.txt",
            sha256=f"{d:064d}",
            format="txt",
            title=f"bench {d // CHUNKS_PER_DOC}",
            organisation=None,
            report_date=None,
            year=year,
            pages=None,
            chunks=[Chunk(i, t, None, "", "text", i, i) for i, t in enumerate(texts)],
        )
        text_bytes += sum(len(t.encode()) for t in texts)
        t0 = time.perf_counter()
        # Recorded as e5 so `kb search` embeds queries as usual; the results say which vectors.
        replace_document(conn, doc, vecs, toks, ("e5", dim))
        store_s += time.perf_counter() - t0
        if progress:
            progress(d + size)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return Built(
        db, n, np.vstack(all_vecs), embed_s, store_s, text_bytes, "e5" if embed else "random"
    )


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
