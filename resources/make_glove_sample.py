"""Write resources/glove_sample.npz: the most frequent GloVe words with their 50 numbers.

Run from the repository root with the GloVe extra installed:

    python resources/make_glove_sample.py [--words 6000]

GloVe lists its words by frequency, so the first rows are the most frequent.
Only words of lower-case letters are kept (no punctuation, no numbers), and the
lesson's words (cat, dog, car, truck, king, queen, ...) are checked to be in.
The vectors are PDDL-1.0 (public domain); resources/GLOVE-LICENSE says so.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
LESSON_WORDS = ("cat", "dog", "car", "truck", "king", "queen", "man", "woman", "prince", "paris", "france")
MAX_BYTES = 2_000_000


def main() -> int:
    import sys

    sys.path.insert(0, str(HERE.parent))
    from explorer.model.glove import SAMPLE_FILE, load_glove

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=6000, help="how many words to keep (default 6000)")
    args = parser.parse_args()

    glove = load_glove()
    letters = re.compile(r"^[a-z]+$")
    rows = [i for i, word in enumerate(glove.tokens) if letters.match(word)][: args.words]
    words = np.array([glove.tokens[i] for i in rows])
    missing = [w for w in LESSON_WORDS if w not in set(words.tolist())]
    if missing:
        raise SystemExit(f"the sample would lack {', '.join(missing)}; choose more --words")
    vectors = np.asarray(glove.vectors[rows], dtype=np.float32)
    out = HERE / SAMPLE_FILE
    np.savez_compressed(out, words=words, vectors=vectors)
    size = out.stat().st_size
    if size > MAX_BYTES:
        out.unlink()
        raise SystemExit(f"the sample is {size:,} bytes, over {MAX_BYTES:,}; choose fewer --words")
    print(f"wrote {out.name}: {len(words):,} words x {vectors.shape[1]} dimensions, {size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
