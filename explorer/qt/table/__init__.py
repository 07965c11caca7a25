"""The vector table (``vectorTable``): the item model over the document's table and the view that edits it."""
