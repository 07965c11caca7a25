"""A few user actions read from ``EXPLORER_TEST_ACTIONS``, for tests that run the real program.

The crash-recovery test starts ``explorer`` in a subprocess, makes edits
through this hook, kills the process with SIGKILL and starts it again. The
value is a JSON list of actions; only these exist, and none runs code:

- ``{"set": [row, dimension, value]}``: type a value into a cell;
- ``{"add_vector": label}``: add a vector of zeros at the end;
- ``{"claim": text}``: add a claim;
- ``{"journaled": true}``: wait until the recovery journal holds everything, then print ``journaled``;
- ``{"report": true}``: print the document as JSON (labels, values, claims, path, modified);
- ``{"quit": true}``: quit without asking (the journal is kept, as after a crash).
"""

from __future__ import annotations

import json
import sys

import numpy as np

from explorer.model.claim_list import AddClaims
from explorer.model.commands import InsertVectors, set_cell


def run_actions(window, text: str) -> None:
    """Perform the actions in ``text`` on ``window``; a malformed list is said on stderr and ignored."""
    try:
        actions = json.loads(text)
        if not isinstance(actions, list):
            raise ValueError("EXPLORER_TEST_ACTIONS must be a JSON list")
    except ValueError as error:
        print(f"explorer: EXPLORER_TEST_ACTIONS is ignored: {error}", file=sys.stderr)
        return
    context = window.context
    for action in actions:
        if not isinstance(action, dict):
            continue
        if "set" in action:
            row, column, value = action["set"]
            context.push(set_cell(int(row), int(column), float(value)))
        elif "add_vector" in action:
            table = context.table
            context.push(InsertVectors(len(table), (str(action["add_vector"]),), np.zeros((1, table.dimension_count))))
        elif "claim" in action:
            context.push(AddClaims(len(context.document.claims), (str(action["claim"]),)))
        elif action.get("journaled"):
            window.recovery.journal.flush()
            print("journaled", flush=True)
        elif action.get("report"):
            document = context.document
            print(
                json.dumps(
                    {
                        "labels": list(document.table.labels),
                        "values": document.table.values.tolist(),
                        "claims": list(document.claims.texts),
                        "path": str(document.path) if document.path is not None else None,
                        "modified": window.isWindowModified(),
                        "title": window.windowTitle(),
                    }
                ),
                flush=True,
            )
        elif action.get("quit"):
            window.recovery.close(remove=False)
            window.files.is_modified = lambda: False  # quit without the save question
            window.close()
