"""Word analogies ("a is to b as c is to ?") scored as gensim 4 scores them, in matrix products.

:func:`read_questions` reads a Google-format analogy file (``: section`` lines,
then ``a b c d`` per line) as ``KeyedVectors.evaluate_word_analogies`` does:
words upper-cased (its ``case_insensitive=True``), lines without four words
skipped. :func:`evaluate_analogies` then follows that method exactly:

- only the first ``restrict`` words of the vocabulary take part; a question with
  a word outside them is skipped (out of vocabulary), and of several words that
  upper-case alike the first stands for them all;
- the answer to ``a b c ?`` is the word nearest by cosine to the mean of the
  unit vectors of b and c minus that of a (gensim's ``most_similar(positive=[b, c],
  negative=[a])``), leaving out a, b and c themselves.

Instead of one matrix-vector product per question, the questions are taken in
blocks: one matrix product scores a block against every word. A question whose
best two candidates lie within :data:`TIE_MARGIN` of each other (float32 sums
in another order could swap them) is scored again with gensim's own arithmetic,
step by step (the same numpy and BLAS calls), so that every prediction agrees.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from explorer.model.formats.errors import FilePath, FormatError
from explorer.model.formats.source import read_text
from explorer.model.progress import NO_PROGRESS, Progress

#: Two candidates closer than this in float32 cosine are decided by gensim's arithmetic.
#: float32 sums of 50 terms in another order differ by far less (about 1e-7).
TIE_MARGIN = 1e-5
#: gensim looks at this many answers of most_similar before giving up on words to ignore.
GENSIM_TOPN = 5
#: Scores held at once while a block of questions is scored (bytes).
BLOCK_BYTES = 64 << 20


@dataclass
class Section:
    """A ``: section`` of an analogy file and its questions (upper-cased words, with line numbers)."""

    name: str
    questions: list[tuple[str, str, str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class SectionScore:
    """How one section came out: ``correct`` of ``evaluated``; ``skipped`` had a word out of vocabulary."""

    name: str
    correct: int
    evaluated: int
    skipped: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.evaluated if self.evaluated else float("nan")


@dataclass(frozen=True)
class AnalogyReport:
    """Scores per section, every prediction, and how many near ties were decided step by step.

    ``tie_changes`` counts the near ties where gensim's arithmetic chose another
    word than the block's matrix product would have (a difference in rounding only).
    """

    sections: list[SectionScore]
    #: (section index, a, b, c, expected, predicted) for every evaluated question, in file order.
    predictions: list[tuple[int, str, str, str, str, str]]
    restrict: int
    near_ties: int
    tie_changes: int = 0

    @property
    def correct(self) -> int:
        return sum(s.correct for s in self.sections)

    @property
    def evaluated(self) -> int:
        return sum(s.evaluated for s in self.sections)

    @property
    def skipped(self) -> int:
        return sum(s.skipped for s in self.sections)


def read_questions(path: FilePath, notes: list[str] | None = None) -> list[Section]:
    """The sections of a Google-format analogy file, words upper-cased as gensim does.

    Lines without four words are skipped (as gensim does), each with a note;
    a question before the first ``: section`` line is refused with a FormatError.
    """
    path = Path(path)
    return parse_questions(read_text(path, notes=notes, what="a file of analogy questions"), path, notes)


def parse_questions(text: str, path: Path | None = None, notes: list[str] | None = None) -> list[Section]:
    """:func:`read_questions` on text already read."""
    sections: list[Section] = []
    skipped: list[int] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(": "):
            sections.append(Section(line.lstrip(": ").strip()))
            continue
        words = line.split()
        if not sections:
            if not words:
                continue
            raise FormatError(path, number, 1, "a question comes before the first ': section' line")
        if len(words) != 4:
            if words:
                skipped.append(number)
            continue
        a, b, c, d = (w.upper() for w in words)
        sections[-1].questions.append((a, b, c, d))
        sections[-1].lines.append(number)
    if not sections:
        raise FormatError(path, None, None, "holds no ': section' line, so no analogy questions")
    if skipped and notes is not None:
        shown = ", ".join(str(n) for n in skipped[:5]) + (" …" if len(skipped) > 5 else "")
        where = path.name if path is not None else "the questions"
        notes.append(f"{where}: {len(skipped)} line(s) without four words were skipped (line {shown})")
    return sections


class _Vocabulary:
    """The first ``restrict`` words, upper-cased as gensim's ``ok_vocab``, with their norms and unit vectors."""

    def __init__(self, tokens: Sequence[str], vectors: np.ndarray, restrict: int | None):
        self.size = len(tokens) if restrict is None else max(0, min(int(restrict), len(tokens)))
        self.tokens = tokens
        self.upper = [str(tokens[i]).upper() for i in range(self.size)]
        self.row: dict[str, int] = {}
        variants: dict[str, list[int]] = {}
        for i, word in enumerate(self.upper):
            if word in self.row:
                variants.setdefault(word, [self.row[word]]).append(i)
            else:
                self.row[word] = i
        self.variants = variants  # words that several rows upper-case to
        self.vectors = np.ascontiguousarray(vectors[: self.size], dtype=np.float32)
        # gensim: norms = np.linalg.norm(vectors, axis=1); get_vector(norm=True) = vectors[i] / norms[i]
        self.norms = np.linalg.norm(self.vectors, axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            self.unit = self.vectors / self.norms[:, None]
        #: Rows of length 0 (no direction): never an answer of the quick path.
        self.zero_rows = np.flatnonzero(~(self.norms > 0))
        self.unit[self.zero_rows] = 0.0

    def ignored_rows(self, words: tuple[str, ...]) -> list[int]:
        """Every row whose word upper-cases to one of ``words``."""
        rows = []
        for word in words:
            rows.extend(self.variants.get(word, [self.row[word]]))
        return rows


def _gensim_mean(unit: np.ndarray, a: np.ndarray, b: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of gensim's ``get_mean_vector([b, c, a], [1, 1, -1], pre_normalize=True, post_normalize=True)``.

    float32 sums (b + c - a), a float64 division by the total weight 3, then
    scaling by the reciprocal of the float64 length, and float32 again. Also
    returns which rows had a length (b + c - a may cancel to the zero vector).
    """
    mean = unit[b].copy()
    mean += unit[c]
    mean -= unit[a]
    mean64 = mean.astype(np.float64) / 3.0
    length = np.sqrt(np.einsum("ij,ij->i", mean64, mean64))
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(length > 0, 1.0 / length, 1.0)
    return (mean64 * scale[:, None]).astype(np.float32), length > 0


def _gensim_prediction(vocab: _Vocabulary, question: tuple[str, str, str, str]) -> int:
    """The row gensim predicts for one question, computed exactly as gensim computes it."""
    from scipy.linalg.blas import dnrm2, dscal

    a, b, c, _ = question
    ra, rb, rc = (vocab.row[w] for w in (a, b, c))
    mean = np.zeros(vocab.vectors.shape[1], dtype=np.float32)
    for row, weight in ((rb, np.float64(1.0)), (rc, np.float64(1.0)), (ra, np.float64(-1.0))):
        mean += weight * (vocab.vectors[row] / vocab.norms[row])
    mean64 = mean / np.float64(3.0)
    length = dnrm2(mean64)
    if length > 0.0:
        mean64 = dscal(1.0 / length, mean64).astype(mean64.dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        dists = np.dot(vocab.vectors, mean64.astype(np.float32)) / vocab.norms
    inputs = {rb, rc, ra}
    topn = GENSIM_TOPN + 3  # gensim asks for topn + len(keys) and drops the keys' own rows
    if topn >= dists.size:
        best = np.argsort(-dists)[:topn]
    else:
        best = np.argpartition(-dists, topn)[:topn]
        best = best.take(np.argsort((-dists).take(best)))
    sims = [int(i) for i in best if int(i) not in inputs][:GENSIM_TOPN]
    ignore = {a, b, c}
    predicted = None
    for row in sims:
        predicted = row
        if vocab.upper[row] not in ignore:
            break
    return -1 if predicted is None else predicted


def evaluate_analogies(
    tokens: Sequence[str],
    vectors: np.ndarray,
    sections: list[Section],
    restrict: int | None = None,
    progress: Progress = NO_PROGRESS,
) -> AnalogyReport:
    """Score every question of ``sections`` over the first ``restrict`` rows of ``vectors`` (gensim's rules).

    ``tokens`` name the rows of ``vectors`` (V x D); ``progress(done, total)`` is
    called between blocks of questions.
    """
    vocab = _Vocabulary(tokens, vectors, restrict)
    asked: list[tuple[int, tuple[str, str, str, str]]] = []
    skipped = [0] * len(sections)
    for s, section in enumerate(sections):
        for question in section.questions:
            if all(word in vocab.row for word in question):
                asked.append((s, question))
            else:
                skipped[s] += 1
    predicted = np.full(len(asked), -1, dtype=np.int64)
    near_ties = tie_changes = 0
    block = max(1, BLOCK_BYTES // (4 * max(vocab.size, 1)))
    progress(0, len(asked))
    for start in range(0, len(asked), block):
        chunk = asked[start : start + block]
        rows = np.array([[vocab.row[w] for w in q[:3]] for _, q in chunk], dtype=np.int64).reshape(-1, 3)
        mean, has_length = _gensim_mean(vocab.unit, rows[:, 0], rows[:, 1], rows[:, 2])
        scores = mean @ vocab.unit.T
        scores[:, vocab.zero_rows] = -np.inf
        for i, (_, question) in enumerate(chunk):
            scores[i, vocab.ignored_rows(question[:3])] = -np.inf
        best = np.argmax(scores, axis=1)
        top = scores[np.arange(len(chunk)), best]
        scores[np.arange(len(chunk)), best] = -np.inf
        second = scores.max(axis=1)
        for i, (_, question) in enumerate(chunk):
            unusual = (
                vocab.size < 16
                or any(w in vocab.variants for w in question[:3])
                or not np.isfinite(top[i])
                or not has_length[i]
                or any(vocab.norms[vocab.row[w]] == 0 for w in question[:3])
            )
            if unusual or not top[i] - second[i] > TIE_MARGIN:
                predicted[start + i] = _gensim_prediction(vocab, question)
                near_ties += 1
                tie_changes += bool(predicted[start + i] != best[i])
            else:
                predicted[start + i] = best[i]
        progress(min(start + block, len(asked)), len(asked))
    correct = [0] * len(sections)
    evaluated = [0] * len(sections)
    predictions = []
    for (s, question), row in zip(asked, predicted.tolist()):
        word = vocab.upper[row] if row >= 0 else ""
        evaluated[s] += 1
        correct[s] += word == question[3]
        predictions.append((s, *question, word))
    scores_by_section = [
        SectionScore(section.name, correct[s], evaluated[s], skipped[s]) for s, section in enumerate(sections)
    ]
    return AnalogyReport(scores_by_section, predictions, vocab.size, near_ties, tie_changes)
