"""The README's test command is exactly what CI runs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    lines = [line for line in ci.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd ", "export "))]
    command = [line for line in lines if "pytest" in line]
    assert len(command) == 1, lines
    assert command[0] == lines[-1], "the tests run last"
    assert command[0] in readme


def test_ci_runs_the_checks_the_readme_names_before_the_tests():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert ".ci/checks" in ci
    assert ci.index(".ci/checks") < max(i for i, line in enumerate(ci) if "pytest" in line)
    assert ".ci/checks" in readme
