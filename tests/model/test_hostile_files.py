"""What a hostile tester brings to the readers: each gets a whole document or one sentence.

Pipes and devices are refused before a byte is read (nothing hangs); sizes are
checked from headers before memory is taken; pickles are never loaded; broken
encodings, nesting, huge integers and archives are named, with line and column
where they apply. Every document that opens can be saved again.
"""

import io
import os
import subprocess
import sys
import textwrap
import threading
import tracemalloc
import zipfile
from pathlib import Path

import numpy as np
import pytest

from explorer.model.formats import FormatError, read_by_suffix, read_table, write_table_bytes

ROOT = Path(__file__).resolve().parents[2]


def sentence(path, **kwargs) -> str:
    """The one-line FormatError message reading ``path`` gives (within 10 s: a hang fails)."""
    outcome = {}

    def read():
        try:
            read_by_suffix(Path(path), **kwargs)
        except FormatError as error:
            outcome["error"] = str(error)
        except BaseException as error:  # noqa: BLE001 - the test reports what escaped
            outcome["escaped"] = error
        else:
            outcome["opened"] = True

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), f"reading {Path(path).name} hangs"
    assert "escaped" not in outcome, f"{type(outcome.get('escaped')).__name__}: {outcome.get('escaped')}"
    assert "error" in outcome, "the file was opened, not refused"
    text = outcome["error"]
    assert "\n" not in text and "Traceback" not in text
    return text


# ------------------------------------------------------ not a regular file
@pytest.mark.parametrize("name", ["pipe.csv", "pipe.npy", "pipe.npz", "pipe.json", "pipe.txt"])
def test_a_named_pipe_is_refused_before_reading(tmp_path, name):
    path = tmp_path / name
    os.mkfifo(path)
    try:
        assert sentence(path) == f"{name}: is a named pipe, not a file; save the data to a file and open that"
    finally:
        # Release a reader that did block (the test has failed by then).
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK) if _has_reader(path) else None
        if fd is not None:
            os.close(fd)


def _has_reader(path) -> bool:
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:
        return False
    return True


@pytest.mark.parametrize("name", ["zero.csv", "zero.npy", "zero.npz", "zero.json"])
def test_a_device_is_refused_before_reading(tmp_path, name):
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    assert sentence(link) == f"{name}: is a device, not a file; save the data to a file and open that"
    assert sentence(Path("/dev/zero")) == "zero: is a device, not a file; save the data to a file and open that"


def test_a_file_name_longer_than_the_system_allows(tmp_path):
    for suffix in (".csv", ".npy", ".npz", ".json", ".txt"):
        path = tmp_path / ("x" * 300 + suffix)
        assert "the file name is longer than this system allows (255 bytes)" in sentence(path)
        assert len(sentence(path)) < 200  # the name is shortened in the sentence


# ----------------------------------------------------------- NumPy files
def _npy_header(shape, descr="<f8") -> bytes:
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape!r}, }}"
    header += " " * (63 - (10 + len(header)) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode("latin1")


def test_an_npy_header_claiming_a_billion_rows_is_refused_before_memory_is_taken(tmp_path):
    path = tmp_path / "huge.npy"
    path.write_bytes(_npy_header((1_000_000_000, 50)) + b"\x00" * 800)
    tracemalloc.start()
    try:
        text = sentence(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text.startswith("huge.npy: holds 1,000,000,000 x 50 numbers (400 GB as a table), more than the 2 GB")
    assert peak < 20e6


def test_a_truncated_npy_is_named(tmp_path):
    path = tmp_path / "cut.npy"
    path.write_bytes(_npy_header((100, 5)) + b"\x00" * 800)
    assert (
        sentence(path) == "cut.npy: is cut short: its header announces 100 x 5 numbers (4 kB), the file holds 800 bytes"
    )


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"\x93NUMPY\x01\x00\xff\x00{'descr': '<f8'", "is not a NumPy file: its header is broken"),
        (b"\x93NUMPY\x01\x00\x10\x00{'descr': 1}    \n", "is not a NumPy file: its header is broken"),
        (_npy_header("(3, -2)"), "is not a NumPy file: its header is broken"),
        (b"label,x\nA,1\n", "is not a NumPy file (it has no NumPy header)"),
        (b"", "is empty"),
    ],
)
def test_a_broken_npy_header_is_one_sentence(tmp_path, content, expected):
    path = tmp_path / "bad.npy"
    path.write_bytes(content)
    assert sentence(path) == f"bad.npy: {expected}"


def test_object_arrays_are_never_unpickled(tmp_path):
    marker = tmp_path / "ran"
    payload = np.array([_Boom(str(marker)), 1], dtype=object)
    np.save(tmp_path / "obj.npy", payload, allow_pickle=True)
    np.savez(tmp_path / "obj.npz", vectors=np.eye(2), words=payload)
    message = "holds Python objects (a pickle), which are never loaded; save plain numbers and text"
    assert sentence(tmp_path / "obj.npy") == f"obj.npy: {message}"
    assert sentence(tmp_path / "obj.npz") == f"obj.npz: its 'words' {message}"
    assert not marker.exists()


class _Boom:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_corrupt_zip_and_bad_crc_are_one_sentence(tmp_path):
    (tmp_path / "junk.npz").write_bytes(b"PK\x03\x04" + os.urandom(200))
    assert sentence(tmp_path / "junk.npz") == "junk.npz: is not a readable .npz archive (the zip file is damaged)"
    np.savez(tmp_path / "good.npz", vectors=np.arange(600.0).reshape(100, 6))
    data = bytearray((tmp_path / "good.npz").read_bytes())
    start = data.index(b"\x93NUMPY")
    data[start + 300] ^= 0xFF  # a number changed: the member's checksum no longer matches
    (tmp_path / "crc.npz").write_bytes(bytes(data))
    assert sentence(tmp_path / "crc.npz") == "crc.npz: is damaged: 'vectors' fails its checksum"


def test_npz_member_sizes_are_checked_before_reading(tmp_path, monkeypatch):
    from explorer.model.formats import tables

    # 40 MB of zeros pack into 40 kB; with a 10 MB limit they are refused from the sizes alone.
    monkeypatch.setattr(tables, "MAX_TABLE_BYTES", 10_000_000)
    np.savez_compressed(tmp_path / "bomb.npz", vectors=np.zeros((100_000, 50)))
    assert (tmp_path / "bomb.npz").stat().st_size < 200_000
    tracemalloc.start()
    try:
        text = sentence(tmp_path / "bomb.npz")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text.startswith("bomb.npz: holds 100,000 x 50 numbers (40 MB as a table), more than the 10 MB")
    assert peak < 5e6


def test_npz_words_that_claim_gigabytes_are_refused_before_reading(tmp_path):
    path = tmp_path / "words.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        buffer = io.BytesIO()
        np.save(buffer, np.eye(3))
        archive.writestr("vectors.npy", buffer.getvalue())
        archive.writestr("words.npy", _npy_header((1000,), "<U1000000") + b"\x00" * 100)
    tracemalloc.start()
    try:
        text = sentence(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text == (
        "words.npz: 'words' announces 1,000 words of up to 1,000,000 characters (4 GB), "
        "more than the 2 GB a document holds"
    )
    assert peak < 5e6


def test_a_zip_member_whose_directory_lies_about_its_size_is_refused(tmp_path):
    path = tmp_path / "lie.npz"
    np.savez(path, vectors=np.eye(3))
    data = bytearray(path.read_bytes())
    # The central directory's "uncompressed size" of the member: claim 3 GB.
    central = data.index(b"PK\x01\x02")
    data[central + 24 : central + 28] = (3 * 10**9).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert sentence(path) == "lie.npz: is damaged: the archive gives 'vectors' 3 GB, its own header 200 bytes"


def test_bytes_words_in_an_npz_are_decoded(tmp_path):
    np.savez(tmp_path / "b.npz", vectors=np.eye(2), words=np.array([b"cat", "caf\xe9".encode()]))
    assert read_table(tmp_path / "b.npz").labels == ("cat", "café")
    np.savez(tmp_path / "bad.npz", vectors=np.eye(2), words=np.array([b"cat", b"\xff\xfe"]))
    assert sentence(tmp_path / "bad.npz") == "bad.npz: word 2 in 'words' is not UTF-8 text"


SIGBUS_SCRIPT = textwrap.dedent(
    """
    import os, sys
    import numpy as np
    from pathlib import Path
    from explorer.model.formats import read_table
    from explorer.model.formats.wordvectors import read_word_vectors

    path = Path(sys.argv[1])
    np.save(path, np.arange(2_000_000, dtype=np.float32).reshape(40_000, 50))
    table = read_table(path)
    words = read_word_vectors(path)
    with open(path, "r+b") as stream:
        stream.truncate(128)  # rewritten underneath while open
    print(float(table.values.sum()), float(words.vectors[-1].sum()), words.nearest("39999", 1)[0][0])
    """
)


def test_an_npy_truncated_while_open_never_kills_the_process(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SIGBUS_SCRIPT, str(tmp_path / "live.npy")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.split()[0] == str(float(sum(range(2_000_000))))


# ---------------------------------------------------------------- JSON
def _document(vectors: str, view: str = "{}") -> str:
    return (
        '{"format": "vector-explorer", "version": 2, "dimensions": [{"name": "x"}, {"name": "y"}], '
        f'"vectors": {vectors}, "view": {view}}}'
    )


def test_json_nested_100000_deep_is_one_sentence(tmp_path):
    path = tmp_path / "deep.json"
    text = '{"format": "vector-explorer", "version": 2, "view": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_text(text)
    column = text.index("[") + 100  # the bracket that opens level 101
    assert sentence(path) == (
        f"deep.json, line 1, column {column}: nests brackets more than 100 deep; a document is not like that"
    )


def test_a_5000_digit_integer_is_one_sentence(tmp_path):
    path = tmp_path / "big.json"
    path.write_text(_document('[{"label": "A", "values": [' + "9" * 5000 + ", 1]}]"))
    assert sentence(path) == "big.json: vector 1 ('A') holds a number too large to store (the largest is about 1.8e308)"
    csv_path = tmp_path / "big.csv"
    csv_path.write_text("label,x\nA," + "9" * 5000 + "\n")
    assert sentence(csv_path).startswith("big.csv, line 2, column 2: '99999999999999")
    assert "is too large to store" in sentence(csv_path)
    vec = tmp_path / "big.vec"
    vec.write_text("9" * 5000 + " 2\na 1 2\n")
    assert sentence(vec) == "big.vec, line 1: announces a 5,000-digit number of words but the file holds 1"
    named = tmp_path / "named.tsv"
    named.write_text("label\t0\t1\t" + "9" * 5000 + "\nA\t1\t2\t3\n")
    # Read as GloVe (a word, then numbers): the 5,000-digit number is named, not int()-ed into a traceback.
    assert (
        sentence(named)
        == "named.tsv, line 1, column 4: '99999999999999999999999999…9999999999999' is not a finite number"
    )


def test_nan_in_a_json_document_is_refused_with_its_place(tmp_path):
    path = tmp_path / "nan.json"
    text = _document('[{"label": "NaN", "values": [1, 2]}]', view='{"plot": {"x": NaN}}')
    path.write_text(text)
    column = text.rindex("NaN") + 1  # the label "NaN" is text, not the number
    assert sentence(path) == f"nan.json, line 1, column {column}: NaN is not a number a document may hold"


@pytest.mark.parametrize(
    "label, expected",
    [
        ('"\\ud800"', "'vectors[0].label' holds a lone surrogate (\\ud800), a character that cannot be saved"),
        ('"a\\u0000b"', "'vectors[0].label' holds a NUL character (\\x00), a character that cannot be saved"),
    ],
)
def test_labels_that_could_not_be_saved_are_refused_at_read_time(tmp_path, label, expected):
    path = tmp_path / "s.json"
    path.write_text(_document(f'[{{"label": {label}, "values": [1, 2]}}]'))
    assert sentence(path) == f"s.json: {expected}"


def test_any_string_of_a_document_that_could_not_be_saved_is_refused(tmp_path):
    path = tmp_path / "f.json"
    text = _document('[{"label": "A", "values": [1, 2]}]').replace(
        '"view"', '"formulas": [{"label": "A", "expression": "A + \\udc00", "follow": false}], "view"'
    )
    path.write_text(text)
    assert sentence(path) == (
        "f.json: 'formulas[0].expression' holds a lone surrogate (\\udc00), a character that cannot be saved"
    )
    # A proper pair of surrogates is one character, and saves.
    path.write_text(_document('[{"label": "\\ud83d\\ude00", "values": [1, 2]}]'))
    assert read_table(path).labels == ("\U0001f600",)


def test_a_document_with_control_characters_in_labels_opens_and_saves_again(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(
        _document('[{"label": "\\u001b[31mred\\u0007", "values": [1, 2]}, {"label": "x\\ry", "values": [3, 4]}]')
    )
    document = read_by_suffix(path)
    for suffix in (".json", ".csv", ".tsv"):
        saved = tmp_path / f"again{suffix}"
        saved.write_bytes(write_table_bytes(document.table, suffix, document.view))
        assert read_table(saved).labels == ("\x1b[31mred\x07", "x\ry")


# ------------------------------------------------------------- encodings
def test_utf16_with_an_odd_length_or_a_lone_surrogate(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_bytes("label,x\nA,1\n".encode("utf-16") + b"\x00")
    assert sentence(odd) == "odd.csv, line 3, column 1: is not valid UTF-16 (the last character is cut short)"
    lone = tmp_path / "lone.csv"
    lone.write_bytes("label,x\nA".encode("utf-16-le").join([b"\xff\xfe", b"\x00\xd8,\x001\x00\n\x00"]))
    assert sentence(lone) == "lone.csv, line 2, column 2: is not valid UTF-16 (a lone surrogate)"


def test_one_stray_byte_in_utf8_is_named_not_misread(tmp_path):
    path = tmp_path / "stray.csv"
    path.write_bytes(b"label,x\nCaf\xc3\xa9,1\nNa\xefve,2\n")
    assert sentence(path) == (
        "stray.csv, line 3, column 3: byte 0xEF is not UTF-8, though the rest of the file is; save the file as UTF-8"
    )


def test_a_windows_1252_file_opens_with_a_note(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("label,x\nCafé,1\n".encode("cp1252"))
    notes = []
    assert read_table(path, notes).labels == ("Café",)
    assert notes == ["latin.csv is not UTF-8; it was read as Windows-1252 (Western European)"]


def test_bytes_that_are_neither_utf8_nor_windows_1252(tmp_path):
    path = tmp_path / "neither.csv"
    path.write_bytes(b"label,x\nA\x81,1\n")
    assert sentence(path) == "neither.csv, line 2, column 2: byte 0x81 is neither UTF-8 nor Windows-1252 text"


@pytest.mark.parametrize(
    "content, kind",
    [
        (bytes(range(1, 256)) * 40, "it holds binary data"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)), "it is a PNG image"),
        (b"PK\x03\x04" + bytes(range(1, 200)), "it is a zip archive (a spreadsheet .xlsx or a NumPy .npz?)"),
        (b"\x93NUMPY\x01\x00" + bytes(range(1, 200)), "it is a NumPy array; name it .npy to open it"),
        (b"%PDF-1.4\n" + bytes(range(1, 200)), "it is a PDF document"),
        (b"\x1f\x8b\x08" + bytes(range(1, 200)), "it is compressed with gzip; uncompress it first"),
        (b"\x80\x04\x95" + bytes(range(1, 200)), "it is a Python pickle, which is never loaded"),
    ],
)
def test_binary_files_are_not_a_text_table(tmp_path, content, kind):
    for name in ("data.csv", "data.txt", "data.tsv"):
        path = tmp_path / name
        path.write_bytes(content)
        assert sentence(path) == f"{name}: is not a text table: {kind}"


# --------------------------------------------------------- silent misreads
@pytest.mark.parametrize(
    "name, content, line, column",
    [
        ("u.csv", "label,x,y\nA,1_0,2\n", 2, 2),
        ("u.csv", 'label,x,y\n"A",3,1_0\n', 2, 3),
        ("u.txt", "king 1_0 2\nqueen 1 2\n", 1, 2),
        ("u.tsv", "1\t2\n3\t1_0\n", 2, 2),
        ("u.vec", "2 2\nking 1 2\nqueen 1_0 2\n", 3, 2),
    ],
)
def test_an_underscore_is_not_part_of_a_number(tmp_path, name, content, line, column):
    path = tmp_path / name
    path.write_text(content)
    assert sentence(path).startswith(f"{name}, line {line}, column {column}: '1_0' is")


def test_np_savetxt_output_is_a_projector_file_not_glove(tmp_path):
    values = np.array([[1.0, 2.0, 3.0], [1.0, 5.0, 6.0], [7.5, 8.0, 9.0]])
    np.savetxt(tmp_path / "vectors.txt", values)
    notes = []
    table = read_table(tmp_path / "vectors.txt", notes)
    assert table.labels == ("0", "1", "2")
    assert table.values.tolist() == values.tolist()
    assert notes == []
    np.savetxt(tmp_path / "comma.txt", values, delimiter=",")
    assert read_table(tmp_path / "comma.txt").values.shape == (2, 2)  # a CSV table: header row, labels 1 and 7.5


def test_a_glove_file_whose_first_word_is_a_number_is_still_glove(tmp_path):
    path = tmp_path / "glove.txt"
    path.write_text("1990 0.5 1\nking 0.4 1.1\n")
    assert read_table(path).labels == ("1990", "king")


def test_a_one_megabyte_label_reads_whole(tmp_path):
    label = "é" * 1_000_000
    for name, content in (
        ("long.csv", f'label,x\n"{label},",1\nB,2\n'),
        ("long.txt", f"{label} 1 2\nB 3 4\n"),
        ("long.json", _document(f'[{{"label": "{label}", "values": [1, 2]}}]')),
    ):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        assert len(read_table(path).labels[0]) in (1_000_000, 1_000_001)


def test_a_long_label_is_shortened_in_messages(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(f"label,x\n{'a' * 100_000},1\n{'a' * 100_000},2\n")
    text = sentence(path)
    assert len(text) < 200 and "aaaa…" in text
