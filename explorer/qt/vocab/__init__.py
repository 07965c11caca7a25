"""The vocabulary panel (``vocabView``): text -> tokens -> indices -> embedding rows."""

from explorer.qt.vocab.panel import VocabPanel

__all__ = ["VocabPanel"]
