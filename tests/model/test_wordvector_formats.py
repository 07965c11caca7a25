"""Reading word vectors: GloVe / word2vec text, projector TSV, NumPy; errors with line numbers."""

import numpy as np
import pytest

from explorer.model.formats.errors import FormatError
from explorer.model.formats.wordvectors import read_word_vectors


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_glove_text(tmp_path):
    vectors = read_word_vectors(write(tmp_path / "v.txt", "king 0.5 1\nqueen 0.4 1.1\n\nman 1 0\n"))
    assert vectors.tokens == ["king", "queen", "man"]
    assert vectors.vector("queen").tolist() == pytest.approx([0.4, 1.1])
    assert vectors.nearest("king", 1)[0][0] == "queen"


def test_word2vec_text_with_its_header(tmp_path):
    vectors = read_word_vectors(write(tmp_path / "v.vec", "2 3\na 1 2 3\nb 4 5 6\n"))
    assert vectors.shape == (2, 3)
    with pytest.raises(FormatError, match=r"v2.vec, line 1: announces 3 words but the file holds 2"):
        read_word_vectors(write(tmp_path / "v2.vec", "3 3\na 1 2 3\nb 4 5 6\n"))


def test_a_ragged_line_names_its_line(tmp_path):
    with pytest.raises(FormatError) as error:
        read_word_vectors(write(tmp_path / "glove.txt", "king 0.5 1 2\nqueen 0.4 1.1 3\nman 1 0\n"))
    assert str(error.value) == (
        "glove.txt, line 3: has 2 numbers after 'man', but line 1 has 3; every word needs the same count"
    )


def test_a_bad_number_names_its_line_and_column(tmp_path):
    with pytest.raises(FormatError, match=r"^glove.txt, line 2, column 3: 'x1' is not a number$"):
        read_word_vectors(write(tmp_path / "glove.txt", "king 0.5 1\nqueen 0.4 x1\n"))
    with pytest.raises(FormatError, match=r"line 1, column 2: 'nan' is not a finite number"):
        read_word_vectors(write(tmp_path / "glove.txt", "king nan 1\n"))
    with pytest.raises(FormatError, match=r"line 1: holds the word 'king' and no numbers"):
        read_word_vectors(write(tmp_path / "glove.txt", "king\n"))


def test_empty_and_binary_files(tmp_path):
    with pytest.raises(FormatError, match="empty.txt: is empty"):
        read_word_vectors(write(tmp_path / "empty.txt", "\n\n"))
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02king")
    with pytest.raises(FormatError, match="bin.txt: is not a text table: it holds binary data"):
        read_word_vectors(tmp_path / "bin.txt")


def test_projector_vectors_and_metadata(tmp_path):
    write(tmp_path / "vectors.tsv", "1\t0\n0\t1\n1\t1\n")
    write(tmp_path / "metadata.tsv", "cat\ndog\ncow\n")
    vectors = read_word_vectors(tmp_path / "vectors.tsv")
    assert vectors.tokens == ["cat", "dog", "cow"]
    assert vectors.cosine("cat", "cow") == pytest.approx(np.sqrt(0.5))
    write(tmp_path / "metadata.tsv", "word\tpos\ncat\tn\ndog\tn\ncow\tn\n")
    assert read_word_vectors(tmp_path / "vectors.tsv").tokens == ["cat", "dog", "cow"]
    write(tmp_path / "metadata.tsv", "cat\ndog\n")
    with pytest.raises(FormatError, match="metadata.tsv: has 2 labels for the 3 vectors of vectors.tsv"):
        read_word_vectors(tmp_path / "vectors.tsv")
    write(tmp_path / "vectors.tsv", "1\t0\n0\t1\t5\n")
    with pytest.raises(FormatError, match="vectors.tsv, line 2: has 3 numbers, but line 1 has 2"):
        read_word_vectors(tmp_path / "vectors.tsv")


def test_npy_and_npz(tmp_path):
    np.save(tmp_path / "m.npy", np.eye(3))
    vectors = read_word_vectors(tmp_path / "m.npy")
    assert vectors.tokens == ["0", "1", "2"] and vectors.shape == (3, 3)
    np.savez(tmp_path / "w.npz", vectors=np.eye(2, dtype=np.float32), words=np.array(["up", "right"]))
    assert read_word_vectors(tmp_path / "w.npz").vector("right").tolist() == [0.0, 1.0]
    np.save(tmp_path / "bad.npy", np.array([[1.0, np.inf]]))
    with pytest.raises(FormatError, match="vector 1 \\('0'\\) holds a value that is not finite"):
        read_word_vectors(tmp_path / "bad.npy")
    (tmp_path / "junk.npy").write_bytes(b"not numpy at all")
    with pytest.raises(FormatError, match="junk.npy: is not a NumPy file"):
        read_word_vectors(tmp_path / "junk.npy")
    np.save(tmp_path / "flat.npy", np.arange(3.0))
    with pytest.raises(FormatError, match="holds a 1-D float64 array"):
        read_word_vectors(tmp_path / "flat.npy")


def test_unknown_extension(tmp_path):
    with pytest.raises(FormatError, match="unknown extension '.bin'"):
        read_word_vectors(write(tmp_path / "v.bin", "x"))
