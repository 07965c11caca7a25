"""A TensorBoard projector ``metadata.tsv``: the labels of ``vectors.tsv`` and its other columns.

As TensorBoard writes it: one value a line when there is one column (no
header); with several columns the first line is a header naming them. The
column headed ``label`` or ``word`` (in any case) gives the labels, else the
first column; every other column is kept as a metadata column of text.
"""

from __future__ import annotations

from pathlib import Path

from explorer.model.formats.errors import FilePath, FormatError
from explorer.model.formats.source import read_text
from explorer.model.metadata import LONGEST_NAME
from explorer.model.text_safety import shown

#: Headers that name the label column (compared without regard to case).
LABEL_HEADERS = ("label", "word")


def parse_projector_metadata(text: str, path: FilePath | None = None) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The labels and the other columns (name, values) of a metadata.tsv's text."""
    lines = text.lstrip("\ufeff").splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines or "\t" not in lines[0]:
        return lines, []
    header = [cell.strip() for cell in lines[0].split("\t")]
    rows = [line.split("\t") for line in lines[1:]]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            raise FormatError(
                path,
                number,
                None,
                f"has {len(row)} fields but the header names {len(header)} columns; every line needs one per column",
            )
    lowered = [name.lower() for name in header]
    label_column = next((lowered.index(name) for name in LABEL_HEADERS if name in lowered), 0)
    labels = [row[label_column] for row in rows]
    columns: list[tuple[str, list[str]]] = []
    used: set[str] = set()
    for index, name in enumerate(header):
        if index == label_column:
            continue
        name = name[:LONGEST_NAME].strip() or f"column {index + 1}"
        unique, n = name, 2
        while unique in used:
            unique, n = f"{name} {n}", n + 1
        used.add(unique)
        columns.append((unique, [row[index] for row in rows]))
    return labels, columns


def read_projector_metadata(
    path: FilePath, count: int, vectors_name: str
) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The labels and metadata columns of the ``count`` vectors of ``vectors_name``, from the file at ``path``."""
    path = Path(path)
    labels, columns = parse_projector_metadata(read_text(path), path)
    if len(labels) != count:
        raise FormatError(
            path, None, None, f"has {len(labels)} labels for the {count} vectors of {shown(vectors_name)}"
        )
    return labels, columns
