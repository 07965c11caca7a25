"""User text in rich text: one escape for every widget."""

from explorer.qt.text import escape_html


def test_user_text_is_shown_as_text_never_as_markup():
    assert escape_html("<b>A & B's</b>") == "&lt;b&gt;A &amp; B's&lt;/b&gt;"
    assert escape_html("two\nlines", mark_newlines=True) == "two⏎lines"
