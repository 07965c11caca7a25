"""A tiny sentence-transformers model folder (random weights, a 40-word WordPiece vocabulary), made in a test.

It has the files and layout of all-MiniLM-L6-v2's folder at a size that is made in
milliseconds, so that loading, refusing, batching, pooling and progress are tested
whether or not the real model package is installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

WORDS = ["i", "love", "pizza", "is", "my", "favourite", "food", "the", "cat", "sat", "on", "mat", "a", "."]
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
VOCAB = SPECIAL + WORDS + [f"##{c}" for c in "abcdefghijklmnopqrstuvwxyz"] + list("bdeghjknoqruvwxyz")
HIDDEN, HEADS, LAYERS, INTERMEDIATE, POSITIONS = 8, 2, 2, 16, 32


def config(**changes) -> dict:
    data = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_act": "gelu",
        "hidden_size": HIDDEN,
        "num_attention_heads": HEADS,
        "num_hidden_layers": LAYERS,
        "intermediate_size": INTERMEDIATE,
        "max_position_embeddings": POSITIONS,
        "type_vocab_size": 2,
        "vocab_size": len(VOCAB),
        "layer_norm_eps": 1e-12,
        "position_embedding_type": "absolute",
    }
    data.update(changes)
    return data


def tensors(seed: int = 0) -> dict[str, np.ndarray]:
    from explorer.model.bert import BertConfig

    rng = np.random.default_rng(seed)
    shapes = BertConfig.from_json(config()).expected_shapes()
    out = {}
    for name, shape in shapes.items():
        if name.endswith("LayerNorm.weight"):
            out[name] = np.ones(shape, dtype=np.float32)
        else:
            out[name] = (rng.standard_normal(shape) * 0.5).astype(np.float32)
    return out


def tokenizer_json() -> str:
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece

    tokenizer = Tokenizer(WordPiece({t: i for i, t in enumerate(VOCAB)}, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", VOCAB.index("[CLS]")), ("[SEP]", VOCAB.index("[SEP]"))]
    )
    return tokenizer.to_str()


def make_folder(folder: Path, *, pooling: dict | None = None, normalize: bool = True, max_seq_length: int = 12,
                config_changes: dict | None = None) -> Path:  # fmt: skip
    """Write a complete tiny model folder into ``folder`` and return it."""
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "1_Pooling").mkdir(exist_ok=True)
    modules = [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    ]
    if normalize:
        modules.append({"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"})
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "config.json").write_text(json.dumps(config(**(config_changes or {}))))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": max_seq_length}))
    pool = {"word_embedding_dimension": HIDDEN, "pooling_mode_mean_tokens": True}
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling if pooling is not None else pool))
    (folder / "tokenizer.json").write_text(tokenizer_json())
    save_file(tensors(), str(folder / "model.safetensors"))
    return folder
