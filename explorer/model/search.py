"""Finding vectors by label: a substring (the default), whole words, or a regular expression.

:class:`LabelIndex` is built once for a table's labels (and again only when
they change): every label, lower-cased for case-insensitive search, joined
into one array of UTF-8 bytes with the offset where each label starts. A
substring search compares the query's bytes with that array at every position
at once (one vectorised pass per byte, whatever the number of hits) and maps
the hits to rows with a binary search: 400,000 GloVe words are searched in a
few milliseconds.

Regular expressions come from the user, so a pattern that would take
exponential time (``(a+)+b`` against a long label of a's) must not freeze the
window: they run with the ``regex`` package's time limit and are refused in one
sentence when they exceed it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from explorer.model.events import Signal

#: How matching works: "substring" (default), "word" (whole words), "regex".
MODES = ("substring", "word", "regex")

#: Seconds a regular expression may take over all labels before it is refused.
REGEX_SECONDS = 0.5

#: Separates labels in the joined text; a hit that runs over it is not a match.
_SEPARATOR = "\n"

#: Bytes of a query compared in vectorised passes; the rest are checked per candidate.
_VECTOR_BYTES = 12


def _starts(lengths: np.ndarray) -> np.ndarray:
    """Where each item starts in a text of items of these ``lengths`` (separators included)."""
    starts = np.zeros(len(lengths), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    return starts


class SearchError(ValueError):
    """A query that cannot be searched for (a malformed or too slow regular expression)."""


@dataclass(frozen=True)
class Query:
    """What to look for in the labels."""

    text: str
    mode: str = "substring"
    case_sensitive: bool = False

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown search mode '{self.mode}'; choose one of {', '.join(MODES)}")


class LabelIndex:
    """The labels of a table, prepared for fast searching."""

    def __init__(self, labels: Sequence[str]):
        self.labels = tuple(labels)
        self._texts: dict[bool, tuple[str, np.ndarray]] = {}
        self._encoded: dict[bool, tuple[np.ndarray, np.ndarray]] = {}
        self._lower: tuple[str, ...] | None = None

    def __len__(self) -> int:
        return len(self.labels)

    def _joined(self, case_sensitive: bool) -> tuple[str, np.ndarray]:
        """All labels (lower-cased unless ``case_sensitive``) in one string, and where each starts."""
        if case_sensitive not in self._texts:
            labels = self.labels if case_sensitive else self._lowered()
            lengths = np.fromiter((len(label) + 1 for label in labels), dtype=np.int64, count=len(labels))
            self._texts[case_sensitive] = (_SEPARATOR.join(labels), _starts(lengths))
        return self._texts[case_sensitive]

    def _bytes(self, case_sensitive: bool) -> tuple[np.ndarray, np.ndarray]:
        """The labels' UTF-8 bytes, each followed by a separator byte, and where each label starts."""
        if case_sensitive not in self._encoded:
            labels = self.labels if case_sensitive else self._lowered()
            encoded = [label.encode("utf-8", "surrogatepass") for label in labels]
            lengths = np.fromiter((len(b) + 1 for b in encoded), dtype=np.int64, count=len(encoded))
            buffer = np.frombuffer(b"\n".join(encoded) + b"\n", dtype=np.uint8)
            self._encoded[case_sensitive] = (buffer, _starts(lengths))
        return self._encoded[case_sensitive]

    def _lowered(self) -> tuple[str, ...]:
        if self._lower is None:
            self._lower = tuple(label.lower() for label in self.labels)
        return self._lower

    def search(self, query: Query) -> np.ndarray:
        """The rows whose label matches ``query``, ascending. An empty query matches nothing."""
        if not query.text or not self.labels:
            return np.zeros(0, dtype=np.intp)
        if query.mode == "regex":
            return self._search_regex(query.text, query.case_sensitive)
        if query.mode == "word":
            return self._search_regex(r"\b" + re.escape(query.text) + r"\b", query.case_sensitive, user=False)
        return self._search_substring(query.text if query.case_sensitive else query.text.lower(), query.case_sensitive)

    def starting_with(self, text: str) -> np.ndarray:
        """The rows whose label starts with ``text`` (any case), ascending: what typing on the
        table's label column jumps between."""
        if not text or not self.labels:
            return np.zeros(0, dtype=np.intp)
        return self._search_substring(text.lower(), False, prefix=True)

    # ------------------------------------------------------------ substring
    def _search_substring(self, needle: str, case_sensitive: bool, prefix: bool = False) -> np.ndarray:
        """Compare the needle's bytes with the joined labels' bytes at every position at once
        (one vectorised pass per byte of the needle, whatever the number of hits); with ``prefix``,
        only hits at a label's start count."""
        pattern = np.frombuffer(needle.encode("utf-8", "surrogatepass"), dtype=np.uint8)
        buffer, starts = self._bytes(case_sensitive)
        k = len(pattern)
        if k == 0 or k > len(buffer):
            return np.zeros(0, dtype=np.intp)
        span = len(buffer) - k + 1
        head = min(k, _VECTOR_BYTES)
        mask = buffer[:span] == pattern[0]
        for offset in range(1, head):
            mask &= buffer[offset : offset + span] == pattern[offset]
        hits = np.flatnonzero(mask)
        if k > head:  # a long needle: check the rest of each candidate
            tail = pattern[head:].tobytes()
            raw = buffer.tobytes()
            hits = hits[[raw[h + head : h + k] == tail for h in hits]] if len(hits) else hits
        if not len(hits):
            return np.zeros(0, dtype=np.intp)
        rows = np.searchsorted(starts, hits, side="right") - 1
        ends = np.empty_like(starts)  # each label's separator byte
        ends[:-1], ends[-1] = starts[1:] - 1, len(buffer) - 1
        keep = hits + k <= ends[rows]  # a hit that runs over a separator is not a match
        if prefix:
            keep &= hits == starts[rows]
        rows = rows[keep]
        if len(rows) > 1:  # hits come in order, so repeated rows sit together
            rows = rows[np.concatenate(([True], rows[1:] != rows[:-1]))]
        return rows.astype(np.intp, copy=False)

    # ---------------------------------------------------------------- regex
    def _search_regex(self, pattern: str, case_sensitive: bool, user: bool = True) -> np.ndarray:
        """Rows whose label the pattern matches; ``^`` and ``$`` anchor at each label's ends."""
        import time

        try:
            import regex
        except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
            raise SearchError("regular expressions need the 'regex' package; install it with pip") from None
        flags = regex.MULTILINE | regex.V0 | (0 if case_sensitive else regex.IGNORECASE)
        try:
            compiled = regex.compile(pattern, flags)
        except regex.error as error:
            where = f" at character {error.pos + 1}" if getattr(error, "pos", None) is not None else ""
            raise SearchError(f"'{pattern}' is not a regular expression{where}: {error.msg}") from None
        if user and compiled.search("") is not None:
            raise SearchError(f"'{pattern}' matches every label (it matches an empty text)")
        text, starts = self._joined(True)
        n = len(self.labels)
        deadline = time.monotonic() + REGEX_SECONDS
        rows: list[int] = []
        position = 0
        try:
            while position <= len(text):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                match = compiled.search(text, position, timeout=left)
                if match is None:
                    break
                row = bisect.bisect_right(starts, match.start()) - 1
                end = int(starts[row + 1]) - 1 if row + 1 < n else len(text)
                if match.end() <= end or compiled.search(self.labels[row], timeout=left) is not None:
                    rows.append(row)  # (a match that ran over a separator counts if the label alone matches)
                if row + 1 >= n:
                    break
                position = int(starts[row + 1])
        except TimeoutError:
            raise SearchError(
                f"the regular expression '{pattern}' takes too long over {n:,} labels; "
                "make it simpler (nested repeats like (a+)+ are slow)"
            ) from None
        return np.asarray(rows, dtype=np.intp)


def search_labels(
    labels: Sequence[str], text: str, mode: str = "substring", case_sensitive: bool = False
) -> np.ndarray:
    """The rows of ``labels`` that match (one-off; keep a :class:`LabelIndex` for repeated searches)."""
    return LabelIndex(labels).search(Query(text, mode, case_sensitive))


class TableLabelIndex:
    """A :class:`LabelIndex` of a table's labels, kept while they do not change.

    Built on the first search after a change (a rename, rows added, removed or moved,
    another file), not on every keystroke: building it for 400,000 labels takes longer
    than searching it.
    """

    #: The labels changed: a search shown should run again.
    changed = Signal()

    def __init__(self, table: Any):
        self._table = table
        self._index: LabelIndex | None = None
        for signal in (table.labels_changed, table.rows_inserted, table.rows_removed, table.rows_moved, table.reset):
            signal.connect(self._on_labels_change)

    @property
    def index(self) -> LabelIndex:
        """The index of the table's labels as they are now."""
        if self._index is None:
            self._index = LabelIndex(self._table.labels)
        return self._index

    @property
    def built(self) -> bool:
        """True while the index of the current labels exists (no search has to build it)."""
        return self._index is not None

    def search(self, query: Query) -> np.ndarray:
        """The rows whose label matches ``query`` (raises SearchError for a refused pattern)."""
        return self.index.search(query)

    def _on_labels_change(self, *args: Any) -> None:
        self._index = None
        self.changed.emit()
