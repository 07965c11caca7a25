"""The similarity heatmap: its data, its drawing items, the figure and the panel.

The window adds :class:`~explorer.qt.heatmap.panel.HeatmapPanel` as a dock and
connects ``actionExportHeatmap`` to
:func:`~explorer.qt.heatmap.export_dialog.export_heatmap_interactive`.
"""

from explorer.qt.heatmap.export_dialog import ExportHeatmapDialog, export_heatmap_interactive
from explorer.qt.heatmap.panel import HeatmapPanel

__all__ = ["HeatmapPanel", "ExportHeatmapDialog", "export_heatmap_interactive"]
