"""``searchBar`` above the vector table: ``searchBox`` with its options, the count, and Enter to step.

Ctrl+F (``actionFind``) shows the bar and puts the cursor in the box, its text
selected. Typing searches the labels at once (a substring, any case, by
default; Alt+C matches case, Alt+W whole words, Alt+R a regular expression)
and selects the matches everywhere; the bar says "853 matches", "no match", or
why a pattern is refused (red frame, the sentence in the tooltip; never a
dialog). Enter zooms the plot to the matches, then steps through them;
Shift+Enter steps back. Escape hides the bar and gives the keyboard back to
the table, leaving the matches selected (as a browser's find bar does); the
text waits for the next Ctrl+F.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from explorer.model.view_state import SEARCH_TEXT_LIMIT
from explorer.qt.names import named
from explorer.qt.table.label_search import LabelSearch

_REFUSED_STYLE = "QLineEdit { border: 1px solid #c62828; border-radius: 3px; padding: 2px; }"


def _option(text: str, name: str, tip: str) -> QToolButton:
    button = named(QToolButton(autoRaise=True), name)
    button.setText(text)
    button.setCheckable(True)
    button.setToolTip(tip)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the box
    return button


class SearchBar(QFrame):
    """The search box over the labels, its options and its count; hidden until Ctrl+F."""

    def __init__(self, context, table_view=None, plot=None, parent=None):
        """``table_view`` is scrolled to each match Enter steps to; ``plot`` (a VectorPlot) is zoomed."""
        super().__init__(parent)
        self.setObjectName("searchBar")
        self._context = context
        self._state = context.view.search
        self._table_view = table_view
        self.search = LabelSearch(context, table_view, plot.zoom_to_rows if plot is not None else None, self)

        self.box = named(QLineEdit(), "searchBox")
        self.box.setPlaceholderText("Find labels")
        self.box.setToolTip("Find vectors by label; Enter steps through the matches, Escape closes")
        self.box.setClearButtonEnabled(True)
        self.box.setMaxLength(SEARCH_TEXT_LIMIT)
        self.case_button = _option("Aa", "searchCase", "Match case (Alt+C)")
        self.word_button = _option("W", "searchWord", "Whole words only (Alt+W)")
        self.regex_button = _option(".*", "searchRegex", "Regular expression (Alt+R)")
        self.count_label = named(QLabel(), "searchCount")
        metrics = self.fontMetrics()
        self.count_label.setMinimumWidth(metrics.horizontalAdvance("00 matches") + 6)
        self.count_label.setMaximumWidth(metrics.horizontalAdvance("000,000 of 000,000") + 6)  # a refusal is shortened
        self.count_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.box.setMinimumWidth(metrics.horizontalAdvance("x" * 14))
        self.previous_button = named(QToolButton(arrowType=Qt.ArrowType.UpArrow, autoRaise=True), "searchPrevious")
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = named(QToolButton(arrowType=Qt.ArrowType.DownArrow, autoRaise=True), "searchNext")
        self.next_button.setToolTip("Next match; the first zooms the plot to all matches (Enter)")
        self.close_button = named(QToolButton(text="✕", autoRaise=True), "searchClose")
        self.close_button.setToolTip("Close the search (Escape); the matches stay selected")
        for button in (self.previous_button, self.next_button, self.close_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.box, 1)
        for widget in (self.case_button, self.word_button, self.regex_button):
            layout.addWidget(widget)
        layout.addWidget(self.count_label)
        for widget in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(widget)

        self.box.textChanged.connect(self._on_text_edited)
        self.case_button.toggled.connect(lambda checked: self._state.update(case_sensitive=checked))
        self.word_button.toggled.connect(lambda checked: self._choose_mode("word", checked))
        self.regex_button.toggled.connect(lambda checked: self._choose_mode("regex", checked))
        self.previous_button.clicked.connect(lambda: self.search.step(-1))
        self.next_button.clicked.connect(lambda: self.search.step(+1))
        self.close_button.clicked.connect(self.close_bar)
        # Alt+C, Alt+W, Alt+R while typing in the box (taken before the window's mnemonics, e.g. "&Colours").
        self._option_keys = {
            Qt.Key.Key_C: self.case_button,
            Qt.Key.Key_W: self.word_button,
            Qt.Key.Key_R: self.regex_button,
        }
        self.box.installEventFilter(self)
        self._state.changed.connect(self._reflect)
        self.search.result_changed.connect(lambda *_: self._show_result())
        self._reflect()
        self.hide()

    # ------------------------------------------------------------ showing
    def start(self) -> None:
        """Ctrl+F: show the bar, the cursor in the box with its text selected (typing replaces it)."""
        self.show()
        self.search.active = True
        self._context.label_index.index  # noqa: B018 - built now (0.2 s for 400,000 labels), not at the first key
        self.search.refresh()
        self._show_result()
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def close_bar(self) -> None:
        """Escape: hide the bar; the matches stay selected and the table gets the keyboard back."""
        self.search.active = False
        self.hide()
        if self._table_view is not None:
            self._table_view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --------------------------------------------------------- the state
    def _on_text_edited(self, text: str) -> None:
        self._state.update(text=text)

    def _choose_mode(self, mode: str, checked: bool) -> None:
        if checked:
            self._state.update(mode=mode)
        elif self._state.mode == mode:
            self._state.update(mode="substring")

    def _reflect(self, *_) -> None:
        """Show the view state's search (another document clears the text) without echoing it back."""
        state = self._state
        for widget, change in (
            (self.box, lambda: self.box.text() != state.text and self.box.setText(state.text)),
            (self.case_button, lambda: self.case_button.setChecked(state.case_sensitive)),
            (self.word_button, lambda: self.word_button.setChecked(state.mode == "word")),
            (self.regex_button, lambda: self.regex_button.setChecked(state.mode == "regex")),
        ):
            blocked = widget.blockSignals(True)
            try:
                change()
            finally:
                widget.blockSignals(blocked)
        self._show_result()

    def _show_result(self) -> None:
        search = self.search
        text = search.count_text()
        refused = bool(search.error)
        self.box.setStyleSheet(_REFUSED_STYLE if refused else "")
        tip = search.error or "Find vectors by label; Enter steps through the matches, Escape closes"
        self.box.setToolTip(tip)
        label = self.count_label
        label.setToolTip(search.error)
        label.setStyleSheet("color: #c62828;" if refused else "color: #555555;")
        label.setText(label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, label.maximumWidth() - 6))
        has_matches = bool(search.count) and not refused
        self.previous_button.setEnabled(has_matches)
        self.next_button.setEnabled(has_matches)

    # ------------------------------------------------------------- keys
    def _option_button(self, event) -> QToolButton | None:
        """The option button an Alt+letter key event toggles, if it is one."""
        if event.modifiers() != Qt.KeyboardModifier.AltModifier:
            return None
        return self._option_keys.get(Qt.Key(event.key()))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.box and event.type() == QEvent.Type.ShortcutOverride and self._option_button(event):
            event.accept()  # the box takes the key: it arrives as a key press below
            return True
        if watched is self.box and event.type() == QEvent.Type.KeyPress:
            button = self._option_button(event)
            if button is not None:
                button.toggle()
                return True
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                back = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                self.search.step(-1 if back else +1)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)


def with_search_bar(bar: SearchBar, table: QWidget) -> QWidget:
    """``table`` with the search bar over it, as one widget for the window's splitter."""
    box = named(QWidget(), "tableWithSearch")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(bar)
    layout.addWidget(table, 1)
    return box
