"""Control characters become visible escapes; kept characters pass; the rule is the one it always was."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.model.text_safety import _NAMED, escape_controls

# The rule as first written: one pattern of every unsafe character, kept ones put back one match at a time.
_REFERENCE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _reference(text: str, keep: str = "") -> str:
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char in keep:
            return char
        if char in _NAMED:
            return _NAMED[char]
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return _REFERENCE.sub(escape, text)


EDGES = "\x00\x08\t\n\x0b\x1b\x1f \x7f\x80\x9f\xa0\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069\ud800\udfffé😀"
texts = st.text(st.characters(codec=None) | st.sampled_from(EDGES), max_size=40)


@settings(max_examples=150, deadline=None)
@given(
    texts, st.sampled_from(["", "\n\t", "\n", "\t", "\x1b", "\u2028\ud800", "\x00\x1f"]) | st.text(EDGES, max_size=4)
)
def test_escaping_is_the_rule_it_always_was(text, keep):
    assert escape_controls(text, keep) == _reference(text, keep)


def test_the_command_line_keeps_line_ends_and_tabs_and_escapes_the_rest():
    assert escape_controls("a\tb\nc\x1b[2J\rd\u202e", keep="\n\t") == "a\tb\nc\\x1b[2J\\rd\\u202e"
    assert escape_controls("a\tb\nc\x1b", keep="") == "a\\tb\\nc\\x1b"
    assert escape_controls("\ud800x\x85") == "\\ud800x\\x85"
