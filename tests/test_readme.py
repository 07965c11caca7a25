"""The README's test command is exactly what CI runs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    lines = [line for line in ci.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd ", "export "))]
    assert "pytest" in lines[-1], "the README's test command runs last"
    assert lines[-1] in readme
    newest = [line for line in lines[:-1] if "pytest" in line]
    assert newest == ["    .venv-newest/bin/python -m pytest -q -p no:cacheprovider"], (
        "only the newest Python's run besides"
    )


def test_ci_runs_the_checks_the_readme_names_before_the_tests():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ".ci/checks" in ci
    assert ci.index(".ci/checks") < max(i for i, line in enumerate(ci) if "pytest" in line)
    assert ".ci/checks" in readme
