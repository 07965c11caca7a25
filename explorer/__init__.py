"""Vector Explorer: see vectors and embeddings.

Importing this package is cheap and never imports Qt; the window is started
by :func:`explorer.cli.main`, which imports Qt lazily.
"""

__version__ = "0.1.0"
