"""File > Open and the command line read word vectors as a table: GloVe, word2vec, projector, NumPy.

Text files are told apart by content; repeated words are left out with a
note; errors name the file, the line and the column. No Qt here.
"""

import numpy as np
import pytest

from explorer.model.formats import TABLE_SUFFIXES, FormatError, read_table
from explorer.model.formats.tables import text_kind
from explorer.model.glove import load_glove_sample
from explorer.model.similarity import cosine


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_suffixes_include_word_vector_files():
    assert set(TABLE_SUFFIXES) >= {".csv", ".tsv", ".txt", ".vec", ".json", ".npy", ".npz"}


@pytest.mark.parametrize(
    "line, kind",
    [
        ("label,mass (kg),volume (l)", "table"),
        ("label\tmass (kg)\tvolume (l)", "table"),
        ("the 0.418 0.24968 -0.41242", "glove"),
        ("the\t0.418\t0.24968", "glove"),
        ("400000 50", "glove"),
        ("0.1\t-0.2\t3e-4", "projector"),
        ("\ufeffA;3;30", "table"),
        ("label\t0\t1\t2", "table"),  # dimensions named by number, as pandas writes them
        ("\t0\t1\t2", "table"),  # pandas' index column: an empty corner cell
        ("word\t1\t2\t3", "table"),
        ("the\t0\t2\t1", "glove"),
        ("the 0 1 2", "glove"),
    ],
)
def test_text_kind_by_first_line(line, kind):
    assert text_kind(line) == kind


def test_tsv_with_numbered_dimensions_is_a_table(tmp_path):
    table = read_table(write(tmp_path / "m.tsv", "label\t0\t1\t2\nA\t3\t30\t1\nB\t15\t4\t1\n"))
    assert table.labels == ("A", "B") and [d.name for d in table.dimensions] == ["0", "1", "2"]
    table = read_table(write(tmp_path / "pandas.tsv", "\t0\t1\nA\t3\t30\nB\t15\t4\n"))
    assert table.labels == ("A", "B") and table.values.tolist() == [[3, 30], [15, 4]]


def test_glove_text_as_a_table_with_d_dimensions(tmp_path):
    table = read_table(write(tmp_path / "vectors.txt", "A 3 30\nB 15 4\n\nE 7.5 2\n"))
    assert table.labels == ("A", "B", "E")
    assert [d.name for d in table.dimensions] == ["d1", "d2"]
    assert round(cosine(table.vector(0), table.vector(1)), 3) == 0.353
    assert cosine(table.vector(1), table.vector(2)) == pytest.approx(1.0)


def test_word2vec_header_and_vec_suffix(tmp_path):
    table = read_table(write(tmp_path / "w.vec", "2 2\nA 3 30\nD 7.5 75\n"))
    assert table.labels == ("A", "D") and table.values.tolist() == [[3, 30], [7.5, 75]]
    with pytest.raises(FormatError, match=r"^w2\.txt, line 1: announces 3 words but the file holds 2$"):
        read_table(write(tmp_path / "w2.txt", "3 2\nA 3 30\nD 7.5 75\n"))


def test_tsv_with_a_header_stays_a_table(tmp_path):
    table = read_table(write(tmp_path / "m.tsv", "label\tmass (kg)\tvolume (l)\nA\t3\t30\nB\t15\t4\n"))
    assert table.dimensions[0].unit == "kg" and table.labels == ("A", "B")


def test_projector_vectors_with_metadata_beside(tmp_path):
    write(tmp_path / "vectors.tsv", "3\t30\n15\t4\n")
    write(tmp_path / "metadata.tsv", "word\tcount\nA\t10\nB\t7\n")
    table = read_table(tmp_path / "vectors.tsv")
    assert table.labels == ("A", "B") and table.values.tolist() == [[3, 30], [15, 4]]


def test_projector_without_metadata_is_labelled_by_row_number(tmp_path):
    table = read_table(write(tmp_path / "emb.tsv", "3\t30\n15\t4\n"))
    assert table.labels == ("0", "1")


def test_projector_metadata_count_must_match(tmp_path):
    write(tmp_path / "vectors.tsv", "3\t30\n15\t4\n")
    write(tmp_path / "metadata.tsv", "A\n")
    with pytest.raises(FormatError, match=r"^metadata\.tsv: has 1 labels for the 2 vectors of vectors\.tsv$"):
        read_table(tmp_path / "vectors.tsv")


def test_npy_labelled_by_row_number_and_npz_by_its_words(tmp_path):
    np.save(tmp_path / "m.npy", np.array([[3, 30], [15, 4]], dtype=np.float32))
    table = read_table(tmp_path / "m.npy")
    assert table.labels == ("0", "1") and table.values.tolist() == [[3, 30], [15, 4]]
    np.savez(tmp_path / "m.npz", vectors=np.array([[3.0, 30.0], [15.0, 4.0]]), words=np.array(["A", "B"]))
    table = read_table(tmp_path / "m.npz")
    assert table.labels == ("A", "B")


def test_npy_with_nan_names_the_vector(tmp_path):
    np.save(tmp_path / "bad.npy", np.array([[1.0, 2.0], [np.nan, 1.0]]))
    with pytest.raises(FormatError, match=r"^bad\.npy: vector 2 \('1'\) holds nan, which is not a finite number$"):
        read_table(tmp_path / "bad.npy")


def test_repeated_words_keep_the_first_and_say_how_many_went(tmp_path):
    notes = []
    table = read_table(write(tmp_path / "g.txt", "A 3 30\nB 15 4\nA 9 9\nC 3 27\nB 1 1\n"), notes)
    assert table.labels == ("A", "B", "C")
    assert table.values[0].tolist() == [3, 30]
    assert notes == [
        "g.txt: 2 repeated words were left out, keeping the first vector of each "
        "(the first repeat: 'A' on line 3, first on line 1)"
    ]


@pytest.mark.parametrize(
    "text, message",
    [
        ("A 3 30\nB 15 x4\n", r"^g\.txt, line 2, column 3: 'x4' is not a number$"),
        (
            "A 3 30\nB 15\n",
            r"^g\.txt, line 2: has 1 numbers after 'B', but line 1 has 2; every word needs the same count$",
        ),
        ("A 3 30\nB 1e400 4\n", r"^g\.txt, line 2, column 2: '1e400' is not a finite number$"),
        ("A 3 30\nB nan 4\n", r"^g\.txt, line 2, column 2: 'nan' is not a finite number$"),
    ],
)
def test_glove_errors_name_line_and_column(tmp_path, text, message):
    with pytest.raises(FormatError, match=message):
        read_table(write(tmp_path / "g.txt", text))


def test_projector_error_names_line_and_column(tmp_path):
    with pytest.raises(FormatError, match=r"^vectors\.tsv, line 2, column 2: 'oops' is not a number$"):
        read_table(write(tmp_path / "vectors.tsv", "3\t30\n15\toops\n"))


def test_the_glove_sample_written_as_glove_text_reads_back(tmp_path):
    sample = load_glove_sample()
    words = list(sample.tokens)[:2000]
    with open(tmp_path / "glove.6B.50d.txt", "w", encoding="utf-8") as out:
        for word, row in zip(words, sample.vectors[:2000]):
            out.write(word + " " + " ".join(f"{v:.5f}" for v in row) + "\n")
    table = read_table(tmp_path / "glove.6B.50d.txt")
    assert len(table) == 2000 and table.dimension_count == 50
    assert table.labels[:3] == ("the", "of", "to")
    king, queen = table.index_of("king"), table.index_of("queen")
    expected = cosine(sample.vector("king"), sample.vector("queen"))
    assert cosine(table.vector(king), table.vector(queen)) == pytest.approx(expected, abs=1e-4)
    assert round(expected, 2) == 0.78


def test_fast_and_careful_csv_paths_agree(tmp_path):
    rng = np.random.default_rng(1)
    values = rng.normal(size=(300, 4)).round(6)
    lines = ["label,a (kg),b,c,d"] + [f"v{i}," + ",".join(repr(float(x)) for x in row) for i, row in enumerate(values)]
    plain = read_table(write(tmp_path / "plain.csv", "\n".join(lines) + "\n"))
    quoted = read_table(write(tmp_path / "quoted.csv", "\n".join(lines).replace("v0,", '"v0",', 1) + "\n"))
    assert plain.same_content(quoted)
    assert np.array_equal(plain.values, values) and plain.dimensions[0].unit == "kg"


def test_a_bad_cell_in_a_large_csv_still_names_line_and_column(tmp_path):
    lines = ["label,x,y"] + [f"v{i},{i},1" for i in range(50_000)]
    lines[40_001] = "v40000,3,seven"
    with pytest.raises(FormatError, match=r"^big\.csv, line 40002, column 3: 'seven' is refused"):
        read_table(write(tmp_path / "big.csv", "\n".join(lines) + "\n"))


def test_progress_is_reported_while_parsing(tmp_path):
    lines = ["label,x,y"] + [f"v{i},{i},1" for i in range(45_000)]
    seen = []
    read_table(
        write(tmp_path / "p.csv", "\n".join(lines) + "\n"), progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(20_000, 45_000), (40_000, 45_000), (45_000, 45_000)]


def test_a_numpy_file_too_large_for_a_document_is_refused_without_reading_it(tmp_path, monkeypatch):
    from explorer.model.formats import tables

    monkeypatch.setattr(tables, "MAX_TABLE_BYTES", 10**6)  # 1 MB here; 2 GB in the program
    path = tmp_path / "big.npy"
    np.save(path, np.zeros((2_000, 100), dtype=np.float32))  # 1.6 MB as float64
    with pytest.raises(
        FormatError,
        match=r"^big\.npy: holds 2,000 x 100 numbers \(1\.6 MB as a table\), "
        r"more than the 1 MB a document holds; save the words",
    ):
        read_table(path)
