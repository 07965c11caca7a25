"""An embedding matrix: V x D numbers, row i is the vector of token i.

It may be a seeded random matrix (what an untrained model starts with) or
word vectors read from a file or the GloVe package, where the matrix is
memory-mapped and never copied. Nearest neighbours rank every row by cosine
similarity to a query in one matrix-vector product (float32) followed by a
partial sort (``argpartition``), so 400,000 x 50 takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from explorer.model.progress import NO_PROGRESS, Progress
from explorer.model.vocabulary import MissingTokenError

#: How many rows are normalised at once while opening (progress and cancel between chunks).
CHUNK_ROWS = 20_000


class EmbeddingMatrix:
    """Rows of vectors named by tokens: ``vector("king")``, ``nearest("king")``, ``analogy``."""

    def __init__(
        self,
        tokens: Sequence[str],
        vectors: npt.ArrayLike,
        name: str = "embeddings",
        progress: Progress = NO_PROGRESS,
    ):
        vectors = vectors if isinstance(vectors, np.memmap) else np.asarray(vectors)
        if vectors.ndim != 2:
            raise ValueError(f"an embedding matrix has two axes (V x D), not {vectors.ndim}")
        if len(tokens) != vectors.shape[0]:
            raise ValueError(f"{len(tokens)} tokens for {vectors.shape[0]} rows; they must agree")
        if vectors.dtype != np.float32 and not isinstance(vectors, np.memmap):
            vectors = vectors.astype(np.float32)
        self.name = name
        self.vectors = vectors
        self.tokens = tokens
        n = vectors.shape[0]
        # Two halves of one report: the row lengths, then the token index.
        self.norms = _row_norms(vectors, lambda done, total: progress(done, 2 * total))
        self._index: dict[str, int] = _token_index(tokens, lambda done, total: progress(total + done, 2 * total))
        if n == 0:
            progress(0, 0)
        # 1/|row|, 0 for zero rows so that they score 0 rather than NaN.
        with np.errstate(divide="ignore"):
            self._inverse_norms = np.where(self.norms > 0, 1.0 / self.norms, 0.0).astype(np.float32)
        #: Rows of length 0: their cosine with anything is undefined (NaN), never 0.
        self._zero_rows = np.flatnonzero(self.norms == 0)

    @classmethod
    def random(cls, tokens: Sequence[str], dimensions: int = 8, seed: int = 0) -> EmbeddingMatrix:
        """A seeded random matrix; row i depends only on the seed and i, not on V."""
        rng = np.random.default_rng(seed)
        vectors = rng.standard_normal((len(tokens), dimensions), dtype=np.float32)
        return cls(list(tokens), vectors, f"random (seed {seed})")

    # ----------------------------------------------------------------- reading
    @property
    def shape(self) -> tuple[int, int]:
        return tuple(self.vectors.shape)

    @property
    def dimension_count(self) -> int:
        return int(self.vectors.shape[1])

    def __len__(self) -> int:
        return int(self.vectors.shape[0])

    def __contains__(self, token: object) -> bool:
        return token in self.index

    @property
    def index(self) -> dict[str, int]:
        """token -> row (the first row when a token repeats)."""
        return self._index

    def row_of(self, token: str) -> int:
        """The row of ``token``; MissingTokenError with a sentence when it has none."""
        row = self.index.get(token)
        if row is None:
            raise MissingTokenError(f"'{token}' is not among the {len(self):,} words of {self.name}")
        return row

    def find(self, token: str) -> int | None:
        """The row of ``token``, trying it as written, lower-cased and without a ``▁``/``##`` mark."""
        for candidate in (
            token,
            token.lower(),
            token.lstrip("▁"),
            token.lstrip("▁").lower(),
            token.removeprefix("##").lower(),
        ):
            if candidate:
                row = self.index.get(candidate)
                if row is not None:
                    return row
        return None

    def vector(self, token_or_row: str | int | np.integer) -> np.ndarray:
        """A float64 copy of the row of a token (or of a row number)."""
        row = token_or_row if isinstance(token_or_row, (int, np.integer)) else self.row_of(token_or_row)
        return np.array(self.vectors[row], dtype=np.float64)

    def norm(self, token: str) -> float:
        return float(self.norms[self.row_of(token)])

    def cosine(self, a: str, b: str) -> float:
        """Cosine similarity of the vectors of tokens ``a`` and ``b``."""
        ra, rb = self.row_of(a), self.row_of(b)
        va = np.asarray(self.vectors[ra], dtype=np.float64)
        vb = np.asarray(self.vectors[rb], dtype=np.float64)
        denominator = float(np.linalg.norm(va) * np.linalg.norm(vb))
        return float(va @ vb) / denominator if denominator else float("nan")

    # -------------------------------------------------------------- searching
    def scores(self, query: str | npt.ArrayLike) -> np.ndarray:
        """Cosine similarity of every row with ``query`` (a token or a vector), float32."""
        q = self.vector(query) if isinstance(query, str) else np.asarray(query, dtype=np.float64)
        if q.shape != (self.dimension_count,):
            raise ValueError(f"a query needs {self.dimension_count} numbers, not {q.size}")
        q_norm = float(np.linalg.norm(q))
        if q_norm == 0:
            raise ValueError("the query is the zero vector; its cosine with anything is undefined")
        q32 = (q / q_norm).astype(np.float32)
        scores: np.ndarray = self.vectors @ q32
        scores *= self._inverse_norms
        scores[self._zero_rows] = np.nan
        return scores

    def nearest(self, query: str | npt.ArrayLike, k: int = 10, exclude: Sequence[str] = ()) -> list[tuple[str, float]]:
        """The ``k`` rows most cosine-similar to ``query``, best first, as (token, score).

        A token query is left out of its own neighbours, as are ``exclude`` and
        zero rows (whose cosine is undefined).
        """
        scores = self.scores(query)
        skip = set(exclude) | ({query} if isinstance(query, str) else set())
        skip_rows = sorted({self.index[t] for t in skip if t in self.index} | set(self._zero_rows.tolist()))
        if skip_rows:
            scores[skip_rows] = -np.inf
        k = max(0, min(int(k), len(self) - len(skip_rows)))
        if k == 0:
            return []
        n = len(scores)
        top = np.argpartition(scores, n - k)[n - k :] if k < n else np.arange(n)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.tokens[int(i)], float(scores[i])) for i in top]

    def analogy(self, a: str, b: str, c: str, k: int = 5) -> list[tuple[str, float]]:
        """Rows nearest to ``a - b + c`` (each unit length first), leaving out a, b and c.

        ``analogy("king", "man", "woman")`` puts "queen" first with GloVe.
        """
        unit = [self.vector(t) / max(float(self.norms[self.row_of(t)]), 1e-30) for t in (a, b, c)]
        return self.nearest(unit[0] - unit[1] + unit[2], k, exclude=(a, b, c))

    def subset(self, tokens: Sequence[str]) -> np.ndarray:
        """The rows of ``tokens`` as a len(tokens) x D float64 array (a missing token raises)."""
        rows = [self.row_of(t) for t in tokens]
        return np.array(self.vectors[rows], dtype=np.float64).reshape(len(rows), self.dimension_count)


def _row_norms(vectors: np.ndarray, progress: Callable[[int, int], None]) -> np.ndarray:
    """|row| for every row, in chunks so that a long open reports progress and can stop:
    ``progress(done, total)`` is called before each chunk and at the end (it raises Cancelled to stop)."""
    n = vectors.shape[0]
    norms = np.empty(n, dtype=np.float32)
    for start in range(0, n, CHUNK_ROWS):
        progress(start, n)
        block = np.asarray(vectors[start : start + CHUNK_ROWS], dtype=np.float32)
        norms[start : start + CHUNK_ROWS] = np.sqrt(np.einsum("ij,ij->i", block, block))
    if n:
        progress(n, n)
    return norms


def _token_index(tokens: Sequence[str], progress: Callable[[int, int], None]) -> dict[str, int]:
    """token -> first row, in chunks like :func:`_row_norms`."""
    n = len(tokens)
    index: dict[str, int] = {}
    step = 4 * CHUNK_ROWS
    for start in range(0, n, step):
        progress(start, n)
        stop = min(start + step, n)
        index.update(zip(tokens[start:stop], range(start, stop)))
    if n:
        progress(n, n)
    if len(index) != n:  # a token repeats: its first row wins
        index = {}
        for row, token in enumerate(tokens):
            index.setdefault(token, row)
    return index
