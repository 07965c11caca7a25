"""The vocabulary, tokenizers, embeddings and GloVe modules import no Qt."""

import subprocess
import sys


def test_vocabulary_modules_import_no_qt():
    code = (
        "import sys\n"
        "import explorer.model.vocabulary, explorer.model.tokenizers, explorer.model.embeddings\n"
        "import explorer.model.glove, explorer.model.send_tokens, explorer.model.formats.wordvectors\n"
        "import explorer.cli.vocab, explorer.cli.neighbours\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
