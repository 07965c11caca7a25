"""The malformed corpus's "metadata" category: columns of text in CSV/TSV, projector metadata.tsv, JSON.

Called by :func:`tests.malformed_corpus.build_corpus`; each file must give a
document or one sentence, and a document must save and read back, metadata
included.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

HEADER = "label,mass (kg),volume (l)"


def metadata_cases(add, folder: Path, cases: list, case_type, document) -> None:
    """Add the category's files (``add(category, suffix, content)``) and projector pairs (to ``cases``)."""
    for text in (
        f"{HEADER},category\nA,3,30,light\nB,15,4,dense\n",  # a column of words
        f"{HEADER},category\nA,3,30,light\nB,15,4,\n",  # with an empty cell
        f"{HEADER},year [text]\nA,3,30,1990\nB,15,4,2001\n",  # numbers kept as text by the mark
        f"{HEADER},year [text]\nA,3,30,\nB,15,4,\n",
        f"{HEADER},code\nA,3,30,1\nB,15,4,x\nC,1,1,y\n",  # words outnumber numbers
        f"{HEADER},code\nA,3,30,1\nB,15,4,x\nC,1,1,2\n",  # numbers outnumber words: refused
        f"{HEADER},code\nA,3,30,nan\nB,15,4,x\nC,1,1,y\n",
        "label,kind\nA,metal\nB,wood\n",  # no dimension at all
        "label,kind,x\nA,\x1b[2J,1\nB,\u202eevil,2\n",  # controls in a value
        'label,x,note\nA,1,"two\nlines"\nB,2,"a ""quoted"" word"\n',
        'label,x,note\nA,1,=HYPERLINK("http://evil")\nB,2,@SUM(A1)\nC,3,-cmd\n',
        "label,x,note\nA,1,'=1+1\nB,2,''@x\n",
        "label,x," + ",".join(f"m{i}" for i in range(2_000)) + "\nA,1," + ",".join("w" * 2_000) + "\n",
        "label,x,note\n" + "".join(f"w{i},{i},n{i % 7}\n" for i in range(20_000)),
        "label,x,big\nA,1," + "\u00e9" * 1_000_000 + "\nB,2,b\n",
        "label,x," + "n" * 100_000 + "\nA,1,a\nB,2,b\n",  # a name of 100,000 characters
        "label,x,kind,kind,\nA,1,a,b,\nB,2,c,d,\n",  # repeated names, a trailing separator
        "label;mass;city\nA;7,5;Paris, France\nB;1;Lyon\n",
        "label,x,colour,|v|,label\nA,1,red,long,dup\nB,2,blue,short,dup2\n",  # names of built-in columns
    ):
        add("metadata", ".csv", text)
    add("metadata", ".tsv", "label\tx\tkind\nA\t1\tmetal\nB\t2\twood\n")
    for metadata in (
        [{"name": "kind", "values": ["metal", "wood"]}],
        [{"name": "kind", "values": ["metal"]}],
        [{"name": "kind", "values": ["metal", "wood", "glass"]}],
        [{"name": "kind", "values": [1, None, True]}],
        [{"name": "kind", "values": [[1], {"a": 1}]}],
        [{"name": "kind", "values": "metal,wood"}],
        [{"values": ["a", "b"]}, {"name": "", "values": ["a", "b"]}, {"name": 7, "values": ["a", "b"]}],
        [{"name": "k", "values": ["a", "b"]}, {"name": "k", "values": ["c", "d"]}],
        [{"name": "k" * 10_000, "values": ["a", "b"]}],
        [{"name": "k", "values": ["a\ud800", "b"]}],
        [{"name": "k\x00", "values": ["a", "b"]}],
        [1, 2, 3],
        {"kind": ["a", "b"]},
        "kind",
        None,
    ):
        add("metadata", ".json", json.dumps(document(metadata=metadata)))
    for name, vectors, meta in (
        ("columns", "1\t2\n3\t4\n", "word\tpart\tfrequency\nking\tnoun\t120\nrun\tverb\t80\n"),
        ("ragged", "1\t2\n3\t4\n", "word\tpart\nking\tnoun\nrun\n"),
        ("long", "1\t2\n3\t4\n", "word\tpart\nking\tnoun\tx\nrun\tverb\n"),
        ("header only", "1\t2\n", "word\tpart\n"),
        ("repeats", "1\t2\n3\t4\n5\t6\n", "word\tpart\nking\tnoun\nking\tverb\nrun\tverb\n"),
        ("empty words", "1\t2\n3\t4\n", "word\tpart\n\tnoun\nrun\tverb\n"),
        ("label column", "1\t2\n3\t4\n", "part\tLabel\nnoun\tking\nverb\trun\n"),
    ):
        pair = folder / f"projector-{name.replace(' ', '-')}"
        pair.mkdir(exist_ok=True)
        (pair / "vectors.tsv").write_text(vectors)
        (pair / "metadata.tsv").write_text(meta)
        cases.append(case_type("metadata", pair / "vectors.tsv"))
    binary = folder / "projector-binary"
    binary.mkdir(exist_ok=True)
    (binary / "vectors.tsv").write_text("1\t2\n")
    (binary / "metadata.tsv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    cases.append(case_type("metadata", binary / "vectors.tsv"))
    npy = folder / "projector-npy"
    npy.mkdir(exist_ok=True)
    np.save(npy / "vectors.npy", np.array([[1.0], [2.0]]))
    (npy / "metadata.tsv").write_text("word\tpart\nking\tnoun\nrun\tverb\n")
    cases.append(case_type("metadata", npy / "vectors.npy"))
    piped = folder / "projector-piped-metadata"
    piped.mkdir(exist_ok=True)
    (piped / "vectors.tsv").write_text("1\t2\n")
    os.mkfifo(piped / "metadata.tsv")
    cases.append(case_type("metadata", piped / "vectors.tsv"))
