"""kb: a knowledge base with Korean-aware hybrid search over institutional reports."""

__version__ = "0.1.0"
