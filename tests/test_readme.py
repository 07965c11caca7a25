"""The README's test command is exactly what CI runs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    command = [
        line for line in ci.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd ", "export "))
    ]
    assert len(command) == 1, command
    assert command[0] in readme
    assert "pytest" in command[0]
