"""In-memory bigram indexes over short names: figure labels, table captions, program names.

Fuzzy lookups score a query against every distinct name (index.matching.similarity). Done
in Python over an archive of 1,000 reports (110k labels) that took 1.5-5 s per lookup. The
index keeps each name's bigrams in posting lists; a lookup counts shared bigrams with one
NumPy bincount and scores exactly only the names whose count could reach the floor. Built on
first use per database and rebuilt when the database changes (its write generation), so a
long-lived TUI pays the build once per ingest and a CLI call once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from kb.text import compact

from .answers import caption_key
from .conn import Connection
from .dialect import is_postgres
from .dialect import label as server_label
from .matching import _bigrams, similarity, specific


class NameIndex:
    """Names (compact text) under keys; several names may share a key."""

    def __init__(self, entries: Iterable[tuple[Any, str]]) -> None:
        self.keys: list[Any] = []
        self.texts: list[str] = []
        gram_ids: dict[str, int] = {}
        flat: list[int] = []  # gram id of every (name, gram) pair, name by name
        sizes: list[int] = []
        for key, text in entries:
            if not text:
                continue
            grams = _bigrams(text)
            flat.extend(gram_ids.setdefault(g, len(gram_ids)) for g in grams)
            self.keys.append(key)
            self.texts.append(text)
            sizes.append(len(grams))
        self.sizes = np.array(sizes, dtype=np.float32)
        # Posting lists from one stable sort of the pairs by gram (a dict of Python lists
        # appended pair by pair was the slow part of building 100k+ names).
        owner = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)
        grams_of = np.array(flat, dtype=np.int32)
        order = np.argsort(grams_of, kind="stable")
        bounds = np.cumsum(np.bincount(grams_of, minlength=len(gram_ids)))[:-1]
        # No names at all (an index without figures): np.split still returns one empty part.
        parts = np.split(owner[order], bounds) if gram_ids else []
        self.postings = dict(zip(gram_ids, parts, strict=True))

    def __len__(self) -> int:
        return len(self.texts)

    def scores(self, subject: str, floor: float) -> dict[Any, float]:
        """key → best similarity to the subject, for the keys scoring at least `floor`.

        A name can reach the floor only by containment (it shares all the subject's bigrams,
        or the subject shares all of its) or by a bigram Dice of floor / 0.9, which needs
        floor * (a + b) / 1.8 shared bigrams; names below all three bounds are skipped.
        """
        if not subject or not self.texts:
            return {}
        grams = _bigrams(subject)
        if len(subject) < 2:  # a one-letter subject has no bigrams to count: score them all
            candidates: Iterable[int] = range(len(self.texts))
        else:
            lists = [self.postings[g] for g in grams if g in self.postings]
            if not lists:
                return {}
            shared = np.bincount(np.concatenate(lists), minlength=len(self.texts))
            a = float(len(grams))
            need = np.minimum(floor * (a + self.sizes) / 1.8, np.minimum(a, self.sizes))
            candidates = np.nonzero((shared > 0) & (shared >= need - 1e-6))[0].tolist()
        out: dict[Any, float] = {}
        for i in candidates:
            score = similarity(subject, self.texts[i])
            key = self.keys[i]
            if score >= floor and score > out.get(key, 0.0):
                out[key] = score
        return out


_CACHE: dict[tuple[str, str], tuple[Any, NameIndex]] = {}


def _db_file(conn: Connection) -> str:
    if is_postgres(conn):  # the server and database (one process may open several)
        return server_label(conn)
    return str(conn.execute("PRAGMA database_list").fetchone()[2])


def cached(
    conn: Connection, kind: str, table: str, build: Callable[[Connection], NameIndex]
) -> NameIndex:
    """The index of one kind for this database, rebuilt when the database has changed."""
    # The generation (index/meta.py) moves on every write; the ids and counts guard
    # against a database replaced under the same path.
    stamp = conn.execute(
        "SELECT (SELECT value FROM meta WHERE key = 'generation'), "
        f"(SELECT max(id) FROM {table}), (SELECT count(*) FROM documents)"
    ).fetchone()
    name = (_db_file(conn), kind)
    hit = _CACHE.get(name)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    index = build(conn)
    _CACHE[name] = (stamp, index)
    return index


def _label_entries(conn: Connection) -> Iterable[tuple[str, str]]:
    # label_key is compact(label) already; the (label_key, label) index covers this scan.
    for key, label in conn.execute("SELECT DISTINCT label_key, label FROM figures"):
        yield key, key
        if specific(label) != label:  # '분류 · 세부사업' is also found by 세부사업
            yield key, compact(specific(label))


def figure_labels(conn: Connection) -> NameIndex:
    """Distinct figure labels (and the last part of composed ones) under their label_key."""
    return cached(conn, "labels", "figures", lambda c: NameIndex(_label_entries(c)))


def table_captions(conn: Connection) -> NameIndex:
    """Table captions, without counts and brackets, under the table id."""

    def build(c: Connection) -> NameIndex:
        rows = c.execute("SELECT id, caption FROM doc_tables WHERE COALESCE(caption, '') != ''")
        return NameIndex((int(i), caption_key(cap)) for i, cap in rows)

    return cached(conn, "captions", "doc_tables", build)


def program_names(conn: Connection) -> NameIndex:
    """Program names under the program id."""

    def build(c: Connection) -> NameIndex:
        return NameIndex(
            (int(i), compact(n)) for i, n in c.execute("SELECT id, name FROM programs")
        )

    return cached(conn, "programs", "programs", build)
