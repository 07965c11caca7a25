"""A corpus of malformed files, generated into a folder: what a hostile tester feeds the readers.

``build_corpus(folder)`` writes 300+ files in 17 categories (encodings, BOMs,
separators, ragged rows, numbers, nesting, JSON documents, NumPy, archives,
pickles, truncated files, binary, empty, special files, labels, word vectors,
metadata columns: :mod:`tests.malformed_metadata`)
and returns them as :class:`Case` records. tests/test_malformed_corpus.py
runs each through the model's reader, the command line and the window's
reading path; ``python tests/malformed_corpus.py`` prints the outcomes by
category.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import random
import socket
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.malformed_metadata import metadata_cases


@dataclass(frozen=True)
class Case:
    """One file of the corpus."""

    category: str
    path: Path


MATERIALS = "label,mass (kg),volume (l)\nA,3,30\nB,15,4\nC,3,27\nD,7.5,75\nE,7.5,2\n"
GLOVE = "king 0.5 1.0 0.2\nqueen 0.45 1.1 0.3\nman 0.9 0.1 0.0\nwoman 0.85 0.2 0.1\n"


def _npy_header(shape, descr="<f8", fortran=False, version=(1, 0)) -> bytes:
    header = f"{{'descr': {descr!r}, 'fortran_order': {fortran}, 'shape': {shape}, }}"
    size_bytes = 2 if version == (1, 0) else 4
    header += " " * (63 - (8 + size_bytes + len(header)) % 64) + "\n"
    length = len(header).to_bytes(size_bytes, "little")
    return b"\x93NUMPY" + bytes(version) + length + header.encode("latin1")


def _npy(array) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=True)
    return buffer.getvalue()


def _npz(members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class _Evil:
    """Unpickling this would create a file: the readers must never do it."""

    marker = "UNPICKLED"

    def __reduce__(self):
        return (open, (self.marker, "w"))


def build_corpus(folder: Path) -> list[Case]:
    """Write the corpus into ``folder`` and return its cases."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    counter = [0]

    def add(category: str, suffix: str, content: bytes | str) -> Path:
        counter[0] += 1
        path = folder / f"{counter[0]:03d}-{category}{suffix}"
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        cases.append(Case(category, path))
        return path

    rng = random.Random(9)
    _encodings(add)
    _boms(add)
    _separators(add)
    _ragged(add)
    _numbers(add)
    _nesting(add)
    _documents(add)
    _numpy(add)
    _archives(add)
    _pickles(add)
    _truncated(add)
    _binary(add, rng)
    _empty(add)
    _labels(add)
    _word_vectors(add, folder, cases)
    metadata_cases(add, folder, cases, Case, _document)
    cases += _special(folder)
    return cases


def _encodings(add) -> None:
    for suffix in (".csv", ".tsv", ".txt"):
        text = MATERIALS if suffix == ".csv" else MATERIALS.replace(",", "\t")
        add("encodings", suffix, text.encode("utf-16"))  # fine: UTF-16 with BOM
        add("encodings", suffix, text.encode("utf-16-be").join([b"\xfe\xff", b""]))
        add("encodings", suffix, text.encode("utf-16") + b"\x00")  # odd length
        add("encodings", suffix, text.encode("utf-16")[:-1])  # the last character cut
        add("encodings", suffix, b"\xff\xfe" + text[:20].encode("utf-16-le") + b"\x00\xd8" + b"1\x00\n\x00")
        add("encodings", suffix, b"\xff\xfe" + text[:20].encode("utf-16-le") + b"\x00\xdc" + b"1\x00\n\x00")
        add("encodings", suffix, text.encode("utf-16-le"))  # no BOM: NUL bytes everywhere
        add("encodings", suffix, text.encode("utf-32"))
        add("encodings", suffix, text.replace("A,", "Caf\xe9,").encode("cp1252"))  # Windows-1252
        add("encodings", suffix, text.replace("B", "Na\xefve").encode("utf-8").replace(b"\xc3\xaf", b"\xef"))
        add("encodings", suffix, ("label,x\nCaf\u00e9,1\n" + "N\u00e4,2\n").encode("utf-8") + b"X\x81,3\n")
        add("encodings", suffix, b"label,x\nA\x81,1\n")  # 0x81: neither UTF-8 nor Windows-1252
        add("encodings", suffix, b"label,x\n\xc0\x80,1\n")  # overlong NUL
        add("encodings", suffix, b"label,x\n\xed\xa0\x80,1\n")  # an encoded surrogate
        add("encodings", suffix, b"label,x\n\xf4\x90\x80\x80,1\n")  # beyond U+10FFFF
        add("encodings", suffix, "label,x\nA,1\n\u00e9".encode()[:-1])  # cut inside a character


def _boms(add) -> None:
    add("boms", ".csv", "\ufeff" + MATERIALS)
    add("boms", ".tsv", "\ufeff" + MATERIALS.replace(",", "\t"))
    add("boms", ".txt", "\ufeff" + GLOVE)
    add("boms", ".txt", "\ufeff1\t2\n3\t4\n")
    add("boms", ".csv", "\ufeff\ufeff" + MATERIALS)
    add("boms", ".csv", "\ufeff")
    add("boms", ".csv", "\ufeff\n\n")
    add("boms", ".csv", MATERIALS.replace("B,", "\ufeffB,"))
    add("boms", ".json", "\ufeff" + json.dumps(_document()))
    add("boms", ".csv", b"\xef\xbb\xbf" + "label;x\nA;7,5\n".encode("cp1252"))
    add("boms", ".csv", b"\xff\xfe" + "label;x\nA;7,5\n".encode("utf-16-le"))
    add("boms", ".csv", b"\xfe\xff\x00")
    add("boms", ".csv", b"\xff\xfe\x00\x00" + "label,x\nA,1\n".encode("utf-32-le"))
    add("boms", ".csv", b"\xef\xbb\xbf\x00\x01\x02\x03")
    add("boms", ".vec", "\ufeff2 3\n" + "".join(GLOVE.splitlines(True)[:2]))


def _separators(add) -> None:
    for text in (
        "label;mass (kg);volume (l)\nA;3;30\nD;7,5;75\n",
        "label;x;y\nA;1.234,5;2\n",
        "label;x;y\nA;1,2,3;4\n",
        "label;x,y\nA;1,2\n",
        "label|x|y\nA|1|2\n",
        "label x y\nA 1 2\n",
        "label\tx\ty\nA\t1\t2\n",
        'label,x,y\n"A,1",2,3\n"B ""quoted""",4,5\n',
        'label,x,y\n"A\n2",2,3\n',
        "label,x,y,\nA,1,2,\n",
        "label,,\nA,1,2\n",
        ",x,y\nA,1,2\n",
        "label;x\nA;1\nB,2\n",
        "label,x\nA,\t1\n",
        "label,x\nA,1;2\n",
        'label,x\n"A,1\n',
        "label,x\nA,1\rB,2\r",
        "label,x\r\nA,1\r\n",
        "label,x\u2028A,1\u2028",
        "label,x\nA\x0bB,1\n",
    ):
        add("separators", ".csv", text)


def _ragged(add) -> None:
    for text in (
        "label,x,y\nA,1\n",
        "label,x,y\nA,1,2,3\n",
        "label,x,y\nA,1,\n",
        "label,x,y\nA,,2\n",
        "label,x\n",
        "label\nA\n",
        "label,x,y\n\n\nA,1,2\n\n",
        "label,x,y\nA,1,2\n,3,4\n",
        "label,x,y\nA,1,2\nA,3,4\n",
        "label,x,y\n   ,1,2\n",
        "x\n1\n2\n",
        "label,x,y\nA,1,2\nB\n",
        "\n\n\nlabel,x\nA,1\n",
    ):
        add("ragged", ".csv", text)
    for text in (
        "king 1 2 3\nqueen 1 2\n",
        "king\nqueen 1 2\n",
        "1\t2\t3\n4\t5\n",
        "3 2\nking 1 2\nqueen 1 2\n",
        "2 3\nking 1 2\nqueen 1 2\n",
        "2 2\nking 1 2\n",
        "label\tx\ty\nA\t1\n",
    ):
        add("ragged", ".txt", text)


def _numbers(add) -> None:
    cells = [
        "1_0", "1e400", "-1e400", "nan", "NaN", "inf", "-Infinity", "9" * 5000, "-" + "9" * 5000,
        "0x10", "1,5", "\u0661\u0662", "\uff11\uff12", "1e-400", "1.7976931348623157e308", "-1.7e308",
        "5e-324", "\u22123", "+3", " 3 ", "3.", ".5", "1e5.5", "--3", "3-", "1.2.3", "١e5", "0" * 400 + "1",
        "1" + "0" * 400, "1e+308", "٣", "½", "1/2", "3 kg", "$3", "3e",
    ]  # fmt: skip
    for cell in cells:
        add("numbers", ".csv", f"label,x,y\nA,{cell},2\nB,3,4\n")
    for cell in ("1_0", "1e400", "nan", "9" * 5000, "\u22123"):
        add("numbers", ".txt", f"king {cell} 2\nqueen 1 2\n")
        add("numbers", ".tsv", f"1\t{cell}\n3\t4\n")
    add("numbers", ".vec", "9" * 5000 + " 2\nking 1 2\n")
    add("numbers", ".vec", "2 " + "9" * 5000 + "\nking 1 2\nqueen 1 2\n")
    add("numbers", ".tsv", "label\t0\t1\t" + "9" * 5000 + "\nA\t1\t2\t3\n")
    add("numbers", ".txt", "\u00b2 3\nking 1 2 3\n")


def _document(vectors=None, view=None, version=2, **extra) -> dict:
    data = {
        "format": "vector-explorer",
        "version": version,
        "dimensions": [{"name": "mass", "unit": "kg"}, {"name": "volume", "unit": "l"}],
        "vectors": vectors
        if vectors is not None
        else [{"label": "A", "values": [3, 30]}, {"label": "B", "values": [15, 4]}],
    }
    if view is not None:
        data["view"] = view
    data.update(extra)
    return data


def _nesting(add) -> None:
    for depth in (100_000, 10_000, 2_000, 200):
        add("nesting", ".json", "[" * depth + "]" * depth)
        add("nesting", ".json", '{"a":' * depth + "1" + "}" * depth)
        text = json.dumps(_document(view={"plot": "X"})).replace('"X"', "[" * depth + "]" * depth)
        add("nesting", ".json", text)
    add("nesting", ".json", json.dumps(_document()).replace("[3, 30]", "[[[[[3]]]], 30]"))
    add("nesting", ".json", "[" * 100_000)


def _documents(add) -> None:
    docs: list[str] = [
        "not json",
        "{",
        "[1, 2]",
        "null",
        '"vector-explorer"',
        json.dumps({"format": "something else"}),
        json.dumps(_document(version=99)),
        json.dumps(_document(version="2")),
        json.dumps(_document(version=10**30)),
        json.dumps(_document()).replace('"version": 2', '"version": ' + "9" * 5000),
        json.dumps({k: v for k, v in _document().items() if k != "vectors"}),
        json.dumps(_document(vectors="A")),
        json.dumps(_document(vectors=[{"label": "A", "values": "3, 30"}])),
        json.dumps(_document(vectors=[{"label": "A", "values": ["3", "30"]}])),
        json.dumps(_document(vectors=[{"label": "A", "values": [3]}])),
        json.dumps(_document(vectors=[{"label": 7, "values": [3, 30]}])),
        json.dumps(_document(vectors=[{"label": "A", "values": [3, 30]}, {"label": "A", "values": [1, 2]}])),
        json.dumps(_document(vectors=[{"label": "", "values": [3, 30]}])),
        json.dumps(_document(vectors=[{"label": "A", "values": [True, False]}])),
        json.dumps(_document(vectors=[{"label": "A", "values": [None, 1]}])),
        json.dumps(_document(vectors=[{"values": [3, 30]}])),
        json.dumps(_document(vectors=[{"label": "\ud800", "values": [3, 30]}])),
        json.dumps(_document(vectors=[{"label": "a\x00b", "values": [3, 30]}])),
        json.dumps(_document(vectors=[{"label": "A", "values": [3, 30], "color": "javascript:alert(1)"}])),
        json.dumps(_document(view={"heatmap": {"metric": "\ud800"}})),
        json.dumps(_document(view={"plot": {"x": 10**300}})),
        json.dumps(_document(view="not a dict")),
        json.dumps(_document(view={"selection": {"rows": list(range(100_000))}})),
        json.dumps(_document(dimensions=[{"name": "\ud800"}, {"name": "v"}])),
        json.dumps(_document(dimensions=[{"unit": "kg"}, {"name": "v"}])),
        json.dumps(_document(dimensions="mass")),
        json.dumps(_document(vectors=[{"label": "A", "values": [1e308, -1e308]}])),
        json.dumps(_document(vectors=[{"label": "A", "values": [3, 30]}] * 3)),
        json.dumps(_document(formulas=[{"label": "B", "expression": "A + \udc00", "follow": True}])),
        json.dumps(_document(formulas=[{"label": "B", "expression": "B + B", "follow": True}])),
        json.dumps(_document(formulas="(A + B) / 2")),
        json.dumps(_document(projections=[{"method": "tsne", "rows": [10**9], "coordinates": [[1e308, "x"]]}])),
        json.dumps(_document(projections={"method": None})),
    ]
    for text in docs:
        add("documents", ".json", text)
    add("documents", ".json", json.dumps(_document(), allow_nan=True).replace("30", "NaN"))
    add("documents", ".json", json.dumps(_document(view={"plot": {"x": 1}})).replace(": 1}", ": Infinity}"))
    add("documents", ".json", json.dumps(_document()).replace("30", "1e999"))
    add("documents", ".json", json.dumps(_document()).replace("30", "9" * 5000))


def _numpy(add) -> None:
    good = np.arange(12.0).reshape(4, 3)
    add("numpy", ".npy", _npy(good))
    add("numpy", ".npy", _npy(good.astype(np.float16)))
    add("numpy", ".npy", _npy(good.astype(np.int64)))
    add("numpy", ".npy", _npy(good.astype(">f8")))
    add("numpy", ".npy", _npy(np.asfortranarray(good)))
    add("numpy", ".npy", _npy(good.astype(complex)))
    add("numpy", ".npy", _npy(good > 3))
    add("numpy", ".npy", _npy(np.zeros(3, dtype=[("a", "f8"), ("b", "i4")])))
    add("numpy", ".npy", _npy(np.arange(24.0).reshape(2, 3, 4)))
    add("numpy", ".npy", _npy(np.arange(5.0)))
    add("numpy", ".npy", _npy(np.float64(3.0)))
    add("numpy", ".npy", _npy(np.zeros((0, 3))))
    add("numpy", ".npy", _npy(np.zeros((3, 0))))
    add("numpy", ".npy", _npy(np.array([[1.0, np.nan], [2.0, 3.0]])))
    add("numpy", ".npy", _npy(np.array([[1.0, np.inf], [2.0, 3.0]])))
    add("numpy", ".npy", _npy(np.array([["a", "b"], ["c", "d"]])))
    add("numpy", ".npy", _npy_header((1_000_000_000, 50)) + b"\x00" * 800)
    add("numpy", ".npy", _npy_header((10**30, 10**30)) + b"\x00" * 80)
    add("numpy", ".npy", _npy_header((100, 5)) + b"\x00" * 800)
    add("numpy", ".npy", _npy_header("(3, -2)"))
    add("numpy", ".npy", _npy_header("(3, 2)", descr="<U99999999999999"))
    add("numpy", ".npy", _npy_header("(2, 2)", descr="|O") + pickle.dumps([1, 2, 3, 4]))
    add("numpy", ".npy", _npy_header("(2, 2)", version=(2, 0)) + np.zeros(4).tobytes())
    add("numpy", ".npy", _npy_header("(2, 2)", version=(3, 0)) + np.zeros(4).tobytes())
    add("numpy", ".npy", _npy_header("(2, 2)", version=(9, 9)) + np.zeros(4).tobytes())
    add("numpy", ".npy", b"\x93NUMPY\x01\x00\xff\x00{'descr': '<f8'")
    add("numpy", ".npy", b"\x93NUMPY\x01\x00\x10\x00{'descr': 1}    \n")
    add("numpy", ".npy", b"\x93NUMPY\x01\x00\x40\x00" + b"(" * 63 + b"\n")
    add(
        "numpy", ".npy", b"\x93NUMPY\x01\x00\x40\x00" + b"{'descr': '<f8', 'fortran_order': 1, 'shape': (2,)}".ljust(64)
    )
    add("numpy", ".npy", b"\x93NUMPY")
    add("numpy", ".npy", b"\x93NUM")
    add("numpy", ".npy", MATERIALS)
    add("numpy", ".npy", _npz({"vectors.npy": _npy(good)}))


def _archives(add) -> None:
    vectors = _npy(np.arange(12.0).reshape(4, 3))
    words = _npy(np.array(["w", "x", "y", "z"]))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": words}))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": words}, zipfile.ZIP_DEFLATED))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": words}, zipfile.ZIP_BZIP2))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": words}, zipfile.ZIP_LZMA))
    add(
        "archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": _npy(np.array([b"cat", b"dog", b"cow", b"ox"]))})
    )
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": _npy(np.array([b"\xff", b"b", b"c", b"d"]))}))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": _npy(np.array(["a", "a", "b", "c"]))}))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": _npy(np.array(["a", "b"]))}))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": _npy(np.array([1, 2, 3, 4]))}))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": _npy(np.array([1.5, 2, 3, 4]))}))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "tokens.npy": words}))
    add("archives", ".npz", _npz({"embedding.npy": vectors}))
    add("archives", ".npz", _npz({"a.npy": _npy(np.arange(3.0))}))
    add("archives", ".npz", _npz({"readme.txt": b"hello"}))
    add("archives", ".npz", _npz({}))
    add("archives", ".npz", _npz({"vectors.npy": _npy(np.arange(3.0))}))
    add("archives", ".npz", _npz({"vectors.npy": _npy(np.array([_Evil()], dtype=object))}))
    add("archives", ".npz", _npz({"vectors.npy": vectors, "words.npy": _npy(np.array([_Evil()] * 4, dtype=object))}))
    add("archives", ".npz", _npz({"vectors.npy": _npy_header((10**6, 1000)) + b"\x00" * 100}, zipfile.ZIP_DEFLATED))
    add(
        "archives",
        ".npz",
        _npz({"vectors.npy": vectors, "words.npy": _npy_header((1000,), "<U1000000") + b"\x00" * 100}),
    )
    add("archives", ".npz", b"PK\x03\x04" + bytes(random.Random(1).randrange(256) for _ in range(300)))
    add("archives", ".npz", b"PK\x05\x06" + b"\x00" * 18)
    good = _npz({"vectors.npy": _npy(np.arange(600.0).reshape(100, 6))})
    corrupt = bytearray(good)
    corrupt[good.index(b"\x93NUMPY") + 300] ^= 0xFF
    add("archives", ".npz", bytes(corrupt))
    add("archives", ".npz", good[: len(good) // 2])
    add("archives", ".npz", good[:-10])
    lying = bytearray(good)
    central = lying.index(b"PK\x01\x02")
    lying[central + 24 : central + 28] = (3 * 10**9).to_bytes(4, "little")
    add("archives", ".npz", bytes(lying))
    small = bytearray(good)
    small[central + 24 : central + 28] = (10).to_bytes(4, "little")
    add("archives", ".npz", bytes(small))
    encrypted = bytearray(good)
    encrypted[6] |= 1  # the "encrypted" flag of the local header
    encrypted[central + 8] |= 1
    add("archives", ".npz", bytes(encrypted))
    method = bytearray(good)
    method[central + 10 : central + 12] = (99).to_bytes(2, "little")
    add("archives", ".npz", bytes(method))
    add("archives", ".npz", _npz({"vectors.npy": good}))
    add("archives", ".csv", good)
    add("archives", ".npz", _npz({"../../evil.npy": vectors, "vectors.npy": vectors}))
    add("archives", ".npz", _npz({f"m{i}.npy": b"" for i in range(2000)}))


def _pickles(add) -> None:
    evil = pickle.dumps(_Evil())
    for suffix in (".npy", ".npz", ".csv", ".json", ".txt"):
        add("pickles", suffix, evil)
    add("pickles", ".csv", pickle.dumps([1, 2, 3], protocol=0))
    add("pickles", ".npy", _npy(np.array([_Evil(), 1], dtype=object)))
    add("pickles", ".npy", _npy(np.array([[_Evil(), 1], [2, 3]], dtype=object)))


def _truncated(add) -> None:
    for cut in (5, 17, 23, 40):
        add("truncated", ".csv", MATERIALS[:cut])
    add("truncated", ".csv", 'label,x\n"A,1')
    add("truncated", ".txt", GLOVE[:30])
    add("truncated", ".txt", "king 0.5 1.0 0.2\nqueen 0.45 1.1 0.")
    text = json.dumps(_document())
    for cut in (10, len(text) // 2, len(text) - 1):
        add("truncated", ".json", text[:cut])
    npy = _npy(np.arange(12.0).reshape(4, 3))
    for cut in (4, 20, len(npy) - 8):
        add("truncated", ".npy", npy[:cut])
    add("truncated", ".csv", MATERIALS.encode("utf-16")[:51])
    add("truncated", ".csv", "label,x\nCaf\u00e9,1".encode()[:-3])


def _binary(add, rng: random.Random) -> None:
    for size in (1, 16, 100, 4096, 70_000):
        for suffix in (".csv", ".txt", ".json"):
            add("binary", suffix, bytes(rng.randrange(256) for _ in range(size)))
    add("binary", ".csv", bytes(rng.randrange(1, 256) for _ in range(5000)))  # no NUL at all
    add("binary", ".csv", bytes(range(1, 32)) * 100)
    add("binary", ".csv", b"\xff" * 1000)
    for magic in (
        b"\x89PNG\r\n\x1a\n",
        b"\xff\xd8\xff\xe0",
        b"GIF89a",
        b"%PDF-1.4\n",
        b"\x1f\x8b\x08",
        b"\x7fELF",
        b"BZh9",
    ):
        add("binary", ".csv", magic + bytes(rng.randrange(1, 256) for _ in range(300)))
    add("binary", ".tsv", b"label\tx\nA\t1\x00\n")
    add("binary", ".csv", b"\x00")


def _empty(add) -> None:
    for suffix in (".csv", ".tsv", ".txt", ".vec", ".json", ".npy", ".npz", ""):
        add("empty", suffix, b"")
    add("empty", ".csv", "   \n\t\n")
    add("empty", ".csv", "\n" * 10_000)
    add("empty", ".txt", "\r\n\r\n")
    add("empty", ".json", "{}")
    add("empty", ".csv", "label,x\n")


def _labels(add) -> None:
    big = "\u00e9" * 1_000_000
    add("labels", ".csv", f'label,x,y\n"{big},",1,2\nB,3,4\n')
    add("labels", ".txt", f"{big} 1 2\nB 3 4\n")
    add("labels", ".json", json.dumps(_document(vectors=[{"label": big, "values": [1, 2]}])))
    add("labels", ".csv", "label,x\n\x1b]0;pwned\x07A,1\nB\x1b[2J,2\n")
    add("labels", ".csv", 'label,x\n"=HYPERLINK(""http://evil"",""x"")",1\n+1+1,2\n-2,3\n@SUM(A1),4\n')
    add("labels", ".csv", "label,x\n\u202eevil,1\nB\u200f,2\n")
    add("labels", ".csv", 'label,x\n"two\nlines",1\n"cr\rcr",2\n')
    add("labels", ".csv", "label,x\nA\x85B,1\n")
    add("labels", ".json", json.dumps(_document(vectors=[{"label": "\x1b[31m\x07", "values": [1, 2]}])))
    add("labels", ".csv", "label," + ",".join(f"d{i}" for i in range(10_000)) + "\nA," + ",".join("1" * 10_000) + "\n")
    add("labels", ".csv", "label,x\n" + "".join(f"w{i},{i}\n" for i in range(20_000)))
    add("labels", ".csv", "=1+1,=2+2\nA,1\n")
    add("labels", ".txt", "\x1b[2J 1 2\nB 3 4\n")


def _word_vectors(add, folder: Path, cases: list[Case]) -> None:
    add("word vectors", ".txt", GLOVE)
    add("word vectors", ".txt", "1990 0.5 1\nking 0.4 1.1\n")
    add("word vectors", ".vec", "4 3\n" + GLOVE)
    add("word vectors", ".vec", "5 3\n" + GLOVE)
    add("word vectors", ".txt", GLOVE + "king 1 1 1\n")
    add("word vectors", ".tsv", "1\t2\n3\t4\n")
    buffer = io.StringIO()
    np.savetxt(buffer, np.array([[1.0, 2.0], [1.0, 5.0]]))
    add("word vectors", ".txt", buffer.getvalue())
    buffer = io.StringIO()
    np.savetxt(buffer, np.array([[1.0, 2.0], [1.0, 5.0]]), delimiter=",")
    add("word vectors", ".txt", buffer.getvalue())
    projector = folder / "projector"
    projector.mkdir(exist_ok=True)
    (projector / "vectors.tsv").write_text("1\t2\n3\t4\n")
    (projector / "metadata.tsv").write_text("one\n")  # one label for two vectors
    cases.append(Case("word vectors", projector / "vectors.tsv"))
    piped = folder / "piped"
    piped.mkdir(exist_ok=True)
    (piped / "vectors.tsv").write_text("1\t2\n3\t4\n")
    os.mkfifo(piped / "metadata.tsv")
    cases.append(Case("word vectors", piped / "vectors.tsv"))


def _special(folder: Path) -> list[Case]:
    cases = []
    special = folder / "special"
    special.mkdir(exist_ok=True)
    for suffix in (".csv", ".tsv", ".txt", ".json", ".npy", ".npz", ""):
        os.mkfifo(special / f"pipe{suffix}")
        cases.append(Case("special files", special / f"pipe{suffix}"))
    for target, name in (("/dev/zero", "zero.csv"), ("/dev/zero", "zero.npy"), ("/dev/null", "null.json"),
                         ("/dev/urandom", "random.npz"), ("nowhere", "dangling.csv")):  # fmt: skip
        (special / name).symlink_to(target)
        cases.append(Case("special files", special / name))
    (special / "loop.csv").symlink_to(special / "loop.csv")
    cases.append(Case("special files", special / "loop.csv"))
    (special / "folder.csv").mkdir()
    cases.append(Case("special files", special / "folder.csv"))
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(special / "socket.csv"))
        cases.append(Case("special files", special / "socket.csv"))
    except OSError:
        pass
    finally:
        server.close()
    cases.append(Case("special files", special / ("x" * 300 + ".csv")))
    cases.append(Case("special files", special / "missing.csv"))
    cases.append(Case("special files", special / "not-a-folder.csv" / "x.csv"))
    (special / "unknown.xlsx").write_bytes(b"PK\x03\x04")
    cases.append(Case("special files", special / "unknown.xlsx"))
    return cases


if __name__ == "__main__":  # print the outcomes by category
    import sys
    import tempfile
    from collections import Counter

    from explorer.model.formats import FormatError, read_by_suffix

    with tempfile.TemporaryDirectory() as folder:
        outcomes: Counter = Counter()
        for case in build_corpus(Path(folder)):
            try:
                read_by_suffix(case.path)
                outcomes[case.category, "document"] += 1
            except FormatError:
                outcomes[case.category, "one sentence"] += 1
        for (category, outcome), count in sorted(outcomes.items()):
            print(f"{category:15} {outcome:13} {count:4}")
        print(f"{sum(outcomes.values())} files", file=sys.stderr)
