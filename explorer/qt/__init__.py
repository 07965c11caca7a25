"""The Qt side: adapts the model to item models, undo, plots and panels.

Only this package imports PySide6 and pyqtgraph.
"""
