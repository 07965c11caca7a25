"""What every benchmark script ends with: the targets it missed, and its exit code."""

from __future__ import annotations


def report(missed: list[str]) -> int:
    """Print each missed target and a summary line; 1 when any was missed, else 0."""
    for text in missed:
        print("MISSED:", text)
    print("all targets met" if not missed else f"{len(missed)} target(s) missed")
    return 1 if missed else 0
