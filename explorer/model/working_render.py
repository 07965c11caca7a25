"""Writing a :class:`~explorer.model.working.Working` out: plain text, Markdown, rich text HTML.

Plain text and Markdown use Unicode (², √, ×, ·, …) so that a copy reads as
the lesson does: ``|A| = √(3² + 30²) = √909 = 30.15``. The HTML is the subset
Qt's rich text understands: superscripts, a root with a bar over its
argument, and fractions as a numerator over a rule over a denominator.
"""

from __future__ import annotations

from html import escape

from explorer.model.working_terms import (
    Call,
    Difference,
    Fraction,
    Num,
    Product,
    Root,
    Square,
    Step,
    Sum,
    Working,
)

# ------------------------------------------------------------------ plain text


def expression_text(expr: object) -> str:
    """One expression in plain Unicode: ``√(3² + 30²)``, ``165 / (30.15 × 15.52)``."""
    if isinstance(expr, Num):
        return expr.text
    if isinstance(expr, Square):
        base = expression_text(expr.base)
        return f"({base})²" if isinstance(expr.base, (Difference, Sum, Product)) else f"{base}²"
    if isinstance(expr, Root):
        inner = expression_text(expr.inner)
        return f"√{inner}" if isinstance(expr.inner, Num) and " " not in inner else f"√({inner})"
    if isinstance(expr, Product):
        return ("×" if expr.tight else " × ").join(expression_text(f) for f in expr.factors)
    if isinstance(expr, Difference):
        return f"{expression_text(expr.left)} − {expression_text(expr.right)}"
    if isinstance(expr, Sum):
        parts = [expression_text(t) for t in expr.terms]
        if expr.hidden:
            parts.insert(expr.head, "…")
        return " + ".join(parts)
    if isinstance(expr, Fraction):
        top, bottom = expression_text(expr.numerator), expression_text(expr.denominator)
        if isinstance(expr.numerator, (Sum, Difference)):
            top = f"({top})"
        if isinstance(expr.denominator, (Sum, Difference, Product)):
            bottom = f"({bottom})"
        return f"{top} / {bottom}"
    if isinstance(expr, Call):
        return f"{expr.name}({expression_text(expr.argument)})"
    raise TypeError(f"cannot write {expr!r}")


def step_text(step: Step) -> str:
    """``|A| = √(3² + 30²) = √909 = 30.15``."""
    joiner = f" {step.joiner} " if step.joiner == "=" else f"{step.joiner} "
    return joiner.join(expression_text(e) for e in step.chain)


def to_text(work: Working) -> str:
    """The whole working as plain text, one step a line."""
    width = max(len(s.title) for s in work.steps) + 1
    lines = [f"{work.a_label} and {work.b_label}: {work.headline}", ""]
    for step in work.steps:
        line = f"{(step.title + ':').ljust(width)} {step_text(step)}"
        if step.note:
            line += f"   ({step.note})"
        lines.append(line)
    lines += ["", f"Relation: {work.relation_text}.", "", work.naming]
    if work.elided:
        lines.append(f"Long sums show their first and last terms; all {work.dimension_count} are in the full working.")
    return "\n".join(lines) + "\n"


def to_markdown(work: Working) -> str:
    """The working as Markdown: a heading, a list of steps in code spans, the relation."""
    lines = [f"### {_md(work.a_label)} and {_md(work.b_label)}: {_md(work.headline)}", ""]
    for step in work.steps:
        if step.joiner == "=":
            body = f"`{_code(step_text(step))}`"
        else:
            body = "; ".join(f"`{_code(expression_text(e))}`" for e in step.chain)
        note = f" ({_md(step.note)})" if step.note else ""
        lines.append(f"- **{_md(step.title)}:** {body}{note}")
    lines += ["", f"**Relation:** {_md(work.relation_text)}.", "", f"*{_md(work.naming)}*"]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def _code(text: str) -> str:
    return text.replace("`", "'")


# ----------------------------------------------------------------------- HTML
def expression_html(expr: object) -> str:
    """One expression as Qt rich text; fractions come out as small tables."""
    if isinstance(expr, Num):
        return escape(expr.text).replace("-", "−") if _numeric(expr.text) else escape(expr.text)
    if isinstance(expr, Square):
        base = expression_html(expr.base)
        if isinstance(expr.base, (Difference, Sum, Product)):
            base = f"({base})"
        return f"{base}<sup>2</sup>"
    if isinstance(expr, Root):
        if isinstance(expr.inner, Num):  # a bar over one number reads well; over a sum with powers it breaks
            return f'√<span style="text-decoration: overline;">&#8201;{expression_html(expr.inner)}&#8201;</span>'
        return f"√({expression_html(expr.inner)})"
    if isinstance(expr, Product):
        return ("×" if expr.tight else " × ").join(expression_html(f) for f in expr.factors)
    if isinstance(expr, Difference):
        return f"{expression_html(expr.left)} − {expression_html(expr.right)}"
    if isinstance(expr, Sum):
        parts = [expression_html(t) for t in expr.terms]
        if expr.hidden:
            parts.insert(expr.head, f'<span title="{expr.hidden} more terms">…</span>')
        return " + ".join(parts)
    if isinstance(expr, Fraction):
        return (
            '<table cellspacing="0" cellpadding="1" style="border-collapse: collapse;">'
            f'<tr><td align="center" style="border-bottom: 1px solid #444;">{expression_html(expr.numerator)}</td></tr>'
            f'<tr><td align="center">{expression_html(expr.denominator)}</td></tr></table>'
        )
    if isinstance(expr, Call):
        return f"{escape(expr.name)}({expression_html(expr.argument)})"
    raise TypeError(f"cannot write {expr!r}")


def _numeric(text: str) -> bool:
    return text[:1] in "-(0123456789" and any(c.isdigit() for c in text)


def step_html(step: Step, emphasis: bool = False) -> str:
    """A step as a one-row table: expression, '=', expression, ..."""
    cells = []
    for i, expr in enumerate(step.chain):
        if i:
            joiner = (
                f"&nbsp;{escape(step.joiner)}&nbsp;"
                if step.joiner == "="
                else f"{escape(step.joiner)}&nbsp;&nbsp;&nbsp;"
            )
            cells.append(f'<td valign="middle">{joiner}</td>')
        html = expression_html(expr)
        if emphasis and i == len(step.chain) - 1:
            html = f"<b>{html}</b>"
        cells.append(f'<td valign="middle">{html}</td>')
    return f'<table cellspacing="0" cellpadding="0"><tr>{"".join(cells)}</tr></table>'


def to_html(work: Working) -> str:
    """The working as rich text for a QTextBrowser."""
    rows = []
    for step in work.steps:
        emphasis = step.metric == work.metric
        style = ' style="background-color: #fff4c2;"' if emphasis else ""
        note = f'<br><span style="color: #666; font-size: small;">{escape(step.note)}</span>' if step.note else ""
        rows.append(
            f'<tr{style}><td valign="middle" style="color: #555;">{escape(step.title)}</td>'
            f'<td valign="middle">{step_html(step, emphasis)}{note}</td></tr>'
        )
    more = ""
    if work.elided:
        more = (
            f'<p style="color: #666;">Long sums show their first and last terms; '
            f"tick “Show all terms” for all {work.dimension_count}.</p>"
        )
    return (
        f'<p style="font-size: large;"><b>{escape(work.a_label)} and {escape(work.b_label)}</b> — '
        f"{escape(work.headline)}</p>"
        f'<table cellspacing="0" cellpadding="5">{"".join(rows)}</table>'
        f"{more}"
        f'<p style="color: #444;"><i>{escape(work.naming)}</i></p>'
    )
