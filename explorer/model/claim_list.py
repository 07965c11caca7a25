"""The document's claims: stored in order, changed by commands, judged against the table.

Claims such as ``D = 2.5 A`` belong to the document: they are saved in its
JSON file, restored after a crash, and every change to them (add, edit,
remove) is a command with an inverse, so it is an undo step that marks the
document modified. Renaming a vector rewrites the claims that name it, in the
same step (:meth:`explorer.model.commands.RenameVector.apply_to`).

How a claim is read and evaluated is :mod:`explorer.model.claims`; here it is
stored, and :func:`judge_claim` turns that evaluation into what the checker
shows, including the two verdicts that are not about the vectors' values:
"cannot check" (the claim cannot be read, or names an unknown vector) and
"not here" (it names only vectors this table does not hold: another file was
opened, or the table replaced by token vectors).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from explorer.model import change_names
from explorer.model.claims import Claim, ClaimError, check_claim, named_labels, parse_claim, rename_labels
from explorer.model.commands import Command
from explorer.model.events import Signal
from explorer.model.expression_tokens import ExpressionError, tokenize

if TYPE_CHECKING:  # the document imports this module
    from explorer.model.document import Document
    from explorer.model.table import VectorTable

#: Longer claims are not read (a claim naming a 1 MB label would take minutes to scan); they are "cannot check".
MAX_CLAIM_LENGTH = 10_000

#: What each mark means, as the checker words it.
VERDICT_WORDS = {
    "✅": "true",
    "≈": "approximately true",
    "❌": "false",
    "⚠": "cannot check",
    "○": "not here",
}


class ClaimList:
    """The claims of one document, as written, in order; announces every change."""

    inserted = Signal(int, int)  # start, count
    removed = Signal(int, int)  # start, count
    edited = Signal(int)  # row
    reset = Signal()
    #: After any of the above.
    changed = Signal()

    def __init__(self, texts: Iterable[str] = ()):
        self._texts = [_checked_text(t) for t in texts]

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, row: int) -> str:
        return self._texts[row]

    def insert(self, start: int, texts: Sequence[str]) -> None:
        """Insert ``texts`` before row ``start``."""
        texts = [_checked_text(t) for t in texts]
        if not 0 <= start <= len(self._texts):
            raise ValueError(f"there is no place for a claim at row {start + 1}")
        if not texts:
            return
        self._texts[start:start] = texts
        self.inserted.emit(start, len(texts))
        self.changed.emit()

    def remove(self, start: int, count: int) -> None:
        """Remove ``count`` claims from row ``start``."""
        if count <= 0 or start < 0 or start + count > len(self._texts):
            raise ValueError(f"there are no claims {start + 1} to {start + count} to remove")
        del self._texts[start : start + count]
        self.removed.emit(start, count)
        self.changed.emit()

    def set_text(self, row: int, text: str) -> None:
        """Rewrite the claim at ``row``."""
        text = _checked_text(text)
        if not 0 <= row < len(self._texts):
            raise ValueError(f"there is no claim {row + 1}")
        self._texts[row] = text
        self.edited.emit(row)
        self.changed.emit()

    def replace(self, texts: Iterable[str]) -> None:
        """Take ``texts`` instead of every claim (a file opened, an undo of a rename)."""
        self._texts = [_checked_text(t) for t in texts]
        self.reset.emit()
        self.changed.emit()

    def follow_rename(self, renamed: dict[str, str], labels_before: Sequence[str]) -> bool:
        """Rewrite the claims that name a renamed vector (``old -> new``); True when any changed.

        A claim too long to read (:data:`MAX_CLAIM_LENGTH`) is kept as written."""
        texts = tuple(t if len(t) > MAX_CLAIM_LENGTH else rename_labels(t, renamed, labels_before) for t in self._texts)
        if texts == self.texts:
            return False
        self.replace(texts)
        return True


def _checked_text(text: object) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ValueError("a claim needs some text, such as 'D = 2.5 A'")
    return text.strip()


def claims_from_file(data: object) -> list[str]:
    """The claims of a document read from a file: its strings that are not empty; anything else is left out."""
    if not isinstance(data, list):
        return []
    return [item.strip() for item in data if isinstance(item, str) and item.strip()]


# --------------------------------------------------------------------------- commands
class ClaimCommand(Command):
    """A command on the document's claims (not on its table)."""

    def apply(self, table: VectorTable) -> Command:
        raise TypeError(f"'{self.text}' changes the document's claims, not a table; apply it to the document")


@dataclass(frozen=True)
class AddClaims(ClaimCommand):
    """Insert claims before row ``start``."""

    start: int
    texts: tuple[str, ...]
    text: str = "Add claim"

    def __post_init__(self) -> None:
        object.__setattr__(self, "texts", tuple(self.texts))

    def apply_to(self, document: Document) -> RemoveClaims:
        document.claims.insert(self.start, self.texts)
        return RemoveClaims(self.start, len(self.texts), self.text)


@dataclass(frozen=True)
class RemoveClaims(ClaimCommand):
    """Remove ``count`` claims from row ``start``."""

    start: int
    count: int = 1
    text: str = "Remove claim"

    def apply_to(self, document: Document) -> AddClaims:
        texts = document.claims.texts[self.start : self.start + self.count]
        document.claims.remove(self.start, self.count)
        return AddClaims(self.start, texts, self.text)


@dataclass(frozen=True)
class EditClaim(ClaimCommand):
    """Rewrite the claim at ``row``."""

    row: int
    new_text: str
    text: str = "Edit claim"

    def apply_to(self, document: Document) -> EditClaim:
        claims = document.claims
        if not 0 <= self.row < len(claims):
            raise ValueError(f"there is no claim {self.row + 1}")
        old = claims[self.row]
        claims.set_text(self.row, self.new_text)
        return EditClaim(self.row, old, self.text)


@dataclass(frozen=True)
class SetClaims(ClaimCommand):
    """Every claim at once (the exact texts back after a rename rewrote them)."""

    texts: tuple[str, ...]
    text: str = "Change claims"

    def __post_init__(self) -> None:
        object.__setattr__(self, "texts", tuple(self.texts))

    def apply_to(self, document: Document) -> SetClaims:
        old = document.claims.texts
        document.claims.replace(self.texts)
        return SetClaims(old, self.text)


def remove_claims_command(rows: Iterable[int], claims: ClaimList | None = None) -> Command:
    """One command removing ``rows`` (any rows, in any order): one removal per run, the last run first;
    named by the claim removed when ``claims`` is given (``Remove claim C = A``)."""
    from explorer.model.edits import removal_in_runs

    rows = sorted(set(rows))
    text = None
    if claims is not None and rows and all(0 <= r < len(claims) for r in rows):
        text = change_names.remove_claims([claims[r] for r in rows])
    return removal_in_runs(rows, RemoveClaims, "claim", "select the claims to remove first", text)


def add_claim_command(claims: ClaimList, text: str) -> AddClaims:
    """``Add claim C = A``: one claim after the last."""
    return AddClaims(len(claims), (text,), change_names.add_claims([text.strip()]))


def edit_claim_command(claims: ClaimList, row: int, text: str) -> EditClaim:
    """``Edit claim C = A → C ≈ A``."""
    old = claims[row] if 0 <= row < len(claims) else ""
    return EditClaim(row, text, change_names.edit_claim(old, text))


# --------------------------------------------------------------------------- verdicts
@dataclass(frozen=True)
class Judgement:
    """What the checker shows for one claim: a mark (✅ ≈ ❌ ⚠ ○), its word, and the reason."""

    mark: str
    reason: str

    @property
    def word(self) -> str:
        return VERDICT_WORDS[self.mark]


class ClaimReader:
    """Claims read against one table's labels, each text read once while those labels stand.

    Reading (tokens, then the two sides) costs more than judging what was read, and an edit of a
    value, which most edits are, changes no label: the checker keeps one reader until the labels or
    rows change, and judges each claim again from what it read.
    """

    def __init__(self, labels: dict[str, int]):
        self.labels = labels
        self._read: dict[str, Claim | ClaimError] = {}
        self._named: dict[str, list[str]] = {}
        self._signatures: dict[str, tuple[object, tuple[str, ...]]] = {}

    def read(self, text: str) -> Claim:
        """``text`` read as a claim (see :func:`~explorer.model.claims.parse_claim`); ClaimError when it cannot be."""
        found = self._read.get(text)
        if found is None:
            try:
                found = parse_claim(text, self.labels)
            except ClaimError as error:
                found = error
            self._read[text] = found
        if isinstance(found, ClaimError):
            raise ClaimError(str(found), found.column)
        return found

    def named(self, text: str) -> list[str]:
        """The labels ``text`` names, each once, in order (as :func:`~explorer.model.claims.named_labels`)."""
        found = self._named.get(text)
        if found is None:
            found = self._named[text] = list(dict.fromkeys(named_labels(text, self.labels)))
        return found

    def signature(self, text: str) -> tuple[object, tuple[str, ...]]:
        """How ``text`` reads against these labels (each token's kind and place; None when it cannot be read)
        and the labels it names, each once, in order: with the named vectors, all a judgement depends on."""
        found = self._signatures.get(text)
        if found is None:
            try:
                tokens = tokenize(text, self.labels)
            except ExpressionError:
                found = (None, ())
            else:
                named = tuple(dict.fromkeys(str(t.value) for t in tokens if t.kind == "label"))
                found = (tuple((t.kind, t.start, t.end) for t in tokens), named)
                self._named.setdefault(text, list(named))
            self._signatures[text] = found
        return found


class ClaimReaders:
    """The readers of the last few sets of labels, so that each claim is read once per set of labels.

    How a claim reads depends only on which labels exist, not on their rows: moving, adding or removing
    dimensions, or an undo back to labels seen a moment ago (a vector added, then its addition undone)
    finds the claims already read.
    """

    #: How many sets of labels are remembered.
    KEEP = 8

    def __init__(self) -> None:
        self._readers: dict[frozenset[str], ClaimReader] = {}

    def for_labels(self, labels: dict[str, int]) -> ClaimReader:
        """A reader for these labels (label -> row): one made before for the same labels, or a new one."""
        key = frozenset(labels)
        reader = self._readers.pop(key, None)
        if reader is None:
            reader = ClaimReader(labels)
            if len(self._readers) >= self.KEEP:
                del self._readers[next(iter(self._readers))]  # the one used longest ago
        self._readers[key] = reader
        return reader


class Judgements:
    """Judgements remembered by what they depend on, so that a claim is judged again only when that changed.

    A judgement depends on the claim's text, how it reads against the labels, the vectors it names (by label,
    wherever their rows are), the dimensions (names and units in its reason) and, when it names a vector the
    table lacks, the labels its message lists. Adding, removing or moving other vectors, or an undo back to
    values judged before, finds the judgement already made.
    """

    #: Remembered judgements; all are forgotten past this many (an undo far back judges again).
    LIMIT = 4096

    def __init__(self) -> None:
        self._known: dict[tuple[object, ...], Judgement] = {}
        self._dimensions: tuple[object, ...] = ()
        self._seen: dict[tuple[object, ...], int] = {}  # dimensions judged with -> a short name for keys
        self._named = 0

    def use(self, dimensions: Sequence[object]) -> None:
        """Judge with these dimensions from now on (an undo back to others finds what was judged with them)."""
        self._dimensions = tuple(dimensions)
        if len(self._seen) >= 64 and self._dimensions not in self._seen:
            self._known.clear()
            self._seen.clear()
        self._named = self._seen.setdefault(self._dimensions, len(self._seen))

    def judge(self, text: str, labels: dict[str, int], values: np.ndarray, reader: ClaimReader) -> Judgement:
        """:func:`judge_claim` of ``text`` (``reader`` made on ``labels``), or the same judgement made before."""
        if len(text) > MAX_CLAIM_LENGTH:
            return judge_claim(text, labels, values, self._dimensions, reader)
        tokens, named = reader.signature(text)
        rows = [labels.get(name) for name in named]
        vectors = tuple(None if row is None else values[row].tobytes() for row in rows)
        listed = (tuple(itertools.islice(labels, 8)), len(labels)) if None in rows else None
        key = (text, tokens, named, vectors, self._named, listed)
        found = self._known.get(key)
        if found is None:
            if len(self._known) >= self.LIMIT:
                self._known.clear()
            found = self._known[key] = judge_claim(text, labels, values, self._dimensions, reader)
        return found


def judge_claim(
    text: str,
    labels: dict[str, int],
    values: np.ndarray,
    dimensions: Sequence[object] = (),
    reader: ClaimReader | None = None,
) -> Judgement:
    """Judge one claim against the table (``labels`` maps each label to its row of ``values``).

    A claim that cannot be read is "cannot check" with the reason; one that
    names only vectors this table does not hold is "not here", a note rather
    than an alarm, and is judged again when those vectors are back. ``reader``,
    made on these ``labels``, keeps what it read for the next judgement.
    """
    if len(text) > MAX_CLAIM_LENGTH:
        return Judgement(
            "⚠", f"This claim is {len(text):,} characters long; claims of up to {MAX_CLAIM_LENGTH:,} are read."
        )
    if reader is None:
        reader = ClaimReader(labels)
    try:
        claim = reader.read(text)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # 1e308-sized vectors
            result = check_claim(claim, labels, values, dimensions)
    except ClaimError as error:
        named = reader.named(text)
        if named and not any(name in labels for name in named):
            verb = "is" if len(named) == 1 else "are"
            return Judgement("○", f"{_and(named)} {verb} not in this table")
        return Judgement("⚠", str(error))
    return Judgement(result.verdict.mark, result.reason)


def _and(names: list[str]) -> str:
    """A, B and C."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
